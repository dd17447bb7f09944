"""PNG infographics: one module per graphic kind, drawn with matplotlib (imported only here)."""
