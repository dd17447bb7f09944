"""Locate the files that ship with deckgen (fonts, themes, layouts, bundled facts).

An installed wheel carries them inside the package (``deckgen/_assets``, ``deckgen/_data``,
mapped at build time from the repository's ``assets/`` and ``data/``); a source checkout or
an editable install reads the repository's own ``assets/`` and ``data/`` beside the package.
"""

from __future__ import annotations

from pathlib import Path

# The package folder on disk (deckgen is always imported from files, never from a zip).
PACKAGE = Path(__file__).resolve().parent


def _bundled(packaged: str, in_repository: str) -> Path:
    inside = PACKAGE / packaged
    return inside if inside.is_dir() else PACKAGE.parent / in_repository


ASSETS = _bundled("_assets", "assets")
DATA = _bundled("_data", "data")
FONTS = ASSETS / "fonts"
THEMES = ASSETS / "themes"
LAYOUTS = ASSETS / "layouts"
SCAFFOLD = ASSETS / "scaffold"
DEFAULT_FACTS = DATA / "two-zones.yaml"


def named_or_path(value: str, folder: Path) -> Path:
    """Return the bundled ``folder/value.yaml`` for a name, else ``value`` as a path."""
    if "/" not in value and "\\" not in value and not value.endswith((".yaml", ".yml")):
        return folder / f"{value}.yaml"
    return Path(value)


def bundled_names(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.yaml"))
