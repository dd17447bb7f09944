"""Themes: palette and fonts (``assets/themes/*.yaml``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .assets import THEMES, bundled_names, named_or_path
from .errors import Problem, ThemeError, fail_with
from .schema import Converter, doc_field
from .yamlsrc import Located, load_yaml

_HEX = re.compile(r"^[0-9A-Fa-f]{6}$")
PALETTE_ROLES = ("background", "text", "muted", "primary", "accent", "surface", "surface_text",
                 "rule", "inverse")


@dataclass(frozen=True)
class Fonts:
    """Font families of the deck (measured with bundled metric-compatible twins)."""

    heading: str = doc_field("Font family for titles and numbers.", "Calibri")
    body: str = doc_field("Font family for body text.", "Calibri")


@dataclass(frozen=True)
class Theme:
    """Colours and fonts of a deck."""

    name: str = doc_field("Theme name.")
    palette: dict[str, str] = doc_field("Hex colours by role: " + ", ".join(PALETTE_ROLES) + ".")
    chart: tuple[str, ...] = doc_field("Hex colours for chart series, in order of use.")
    chart_rest: str = doc_field("Hex colour for the remainder of a share.", "C9D2DC")
    description: str = doc_field("One line describing the theme.", "")
    fonts: Fonts = doc_field("Heading and body font families.", Fonts())

    def color(self, role: str) -> str:
        """Return the hex colour (upper case, no '#') of a palette role."""
        return self.palette[role].upper()


def load_theme(name_or_path: str = "default") -> Theme:
    """Return the theme named (bundled) or at a path; raise :class:`ThemeError` if invalid."""
    path = named_or_path(name_or_path, THEMES)
    if not path.exists() and path.parent == THEMES:
        known = ", ".join(bundled_names(THEMES))
        raise ThemeError(f"no theme called {name_or_path!r} (bundled themes: {known})")
    data, located = load_yaml(path, ThemeError, "theme")
    if not isinstance(data, dict):
        raise ThemeError(f"{path}:1: expected a mapping (see assets/themes/default.yaml)")
    conv = Converter(located)
    theme = conv.convert(Theme, data, "")
    problems: list[Problem] = list(conv.problems)
    if theme is not None:
        problems += _check_colours(theme, located)
    fail_with(problems, ThemeError)
    assert theme is not None
    return theme


def _check_colours(theme: Theme, located: Located) -> list[Problem]:
    problems = []
    for role in PALETTE_ROLES:
        colour = theme.palette.get(role)
        if colour is None or not _HEX.match(colour):
            problems.append(located.problem(f"palette.{role}",
                                            f"expected a hex colour like '1B2430', got {colour!r}"))
    for i, colour in enumerate(theme.chart + (theme.chart_rest,)):
        if not _HEX.match(colour):
            problems.append(located.problem(f"chart[{i}]", f"{colour!r} is not a hex colour"))
    return problems
