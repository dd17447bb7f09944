"""deckgen: structured facts and layout templates in, a designed briefing deck and graphics out."""

__version__ = "0.1.0"
