"""`deckgen init`: a new briefing project with facts, a layout and a theme to edit."""

from __future__ import annotations

import shutil
from pathlib import Path

from .assets import LAYOUTS, SCAFFOLD, THEMES
from .errors import DeckgenError


def init_project(folder: Path) -> list[Path]:
    """Write a facts skeleton, a layout copy, a theme copy and a README into ``folder``.

    Refuses to overwrite files that already exist there.
    """
    sources = {
        "facts.yaml": SCAFFOLD / "facts.yaml",
        "layout.yaml": LAYOUTS / "briefing.yaml",
        "theme.yaml": THEMES / "default.yaml",
        "README.md": SCAFFOLD / "README.md",
    }
    existing = [name for name in sources if (folder / name).exists()]
    if existing:
        raise DeckgenError(f"{folder}: already has {', '.join(existing)} (choose an empty folder)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name, source in sources.items():
            target = folder / name
            shutil.copyfile(source, target)
            written.append(target)
    except OSError as e:
        raise DeckgenError(f"{folder}: cannot create the project: {e.strerror}") from e
    return written
