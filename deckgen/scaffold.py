"""`deckgen init`: a new briefing project with facts, a layout and a theme to edit."""

from __future__ import annotations

import shutil
from pathlib import Path

from .assets import LAYOUTS, SCAFFOLD, THEMES
from .docgen import render_schema
from .errors import DeckgenError


def init_project(folder: Path) -> list[Path]:
    """Write a facts skeleton, a layout copy, a theme copy, a README and the facts JSON Schema
    (which the skeleton's first line names, for editors) into ``folder``.

    Refuses to overwrite files that already exist there.
    """
    sources: dict[str, Path | None] = {
        "facts.yaml": SCAFFOLD / "facts.yaml",
        "layout.yaml": LAYOUTS / "briefing.yaml",
        "theme.yaml": THEMES / "default.yaml",
        "README.md": SCAFFOLD / "README.md",
        "facts.schema.json": None,
    }
    existing = [name for name in sources if (folder / name).exists()]
    if existing:
        raise DeckgenError(f"{folder}: already has {', '.join(existing)} (choose an empty folder)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name, source in sources.items():
            target = folder / name
            if source is None:
                target.write_text(render_schema(), encoding="utf-8")
            else:
                shutil.copyfile(source, target)
            written.append(target)
    except OSError as e:
        raise DeckgenError(f"{folder}: cannot create the project: {e.strerror}") from e
    return written
