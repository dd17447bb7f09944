"""Locate the files that ship with deckgen (fonts, themes, layouts, bundled facts)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
FONTS = ASSETS / "fonts"
THEMES = ASSETS / "themes"
LAYOUTS = ASSETS / "layouts"
DEFAULT_FACTS = ROOT / "data" / "two-zones.yaml"


def named_or_path(value: str, folder: Path) -> Path:
    """Return the bundled ``folder/value.yaml`` for a name, else ``value`` as a path."""
    if "/" not in value and "\\" not in value and not value.endswith((".yaml", ".yml")):
        return folder / f"{value}.yaml"
    return Path(value)


def bundled_names(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.yaml"))
