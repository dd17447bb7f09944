"""Themes: palette and fonts (``assets/themes/*.yaml``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from .assets import THEMES, bundled_names, named_or_path
from .errors import Problem, ThemeError, fail_with
from .images import image_size
from .plancheck import contrast
from .schema import Converter, doc_field
from .yamlsrc import Located, load_yaml

_HEX = re.compile(r"^[0-9A-Fa-f]{6}$")
PALETTE_ROLES = (
    "background",
    "text",
    "muted",
    "primary",
    "accent",
    "surface",
    "surface_text",
    "rule",
    "inverse",
)


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
    slide: Literal["16:9", "4:3"] = doc_field("Slide shape: 16:9 or 4:3.", "16:9")
    footer: str = doc_field("Text every slide's footer starts with, e.g. 'Internal'.", "")
    logo: str | None = doc_field(
        "Logo image shown in every footer (path relative to the theme file).", None
    )
    logo_alt: str = doc_field("Alt text of the logo, e.g. 'Policy Office logo'.", "")

    def color(self, role: str) -> str:
        """Return the hex colour (upper case, no '#') of a palette role.

        'decline' (falls in charts and change cards) defaults to the accent colour, so a
        theme need not name it.
        """
        if role == "decline" and role not in self.palette:
            role = "accent"
        return self.palette[role].upper()


def list_themes() -> list[Theme]:
    """Return the bundled themes."""
    return [load_theme(name) for name in bundled_names(THEMES)]


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
    if theme.logo:
        logo = (path.parent / theme.logo).resolve()
        if not logo.is_file():
            line = located.line("logo")
            raise ThemeError(
                f"{path}:{line}: logo: {logo} not found (give a path relative to the theme file)"
            )
        image_size(logo, ThemeError)
        theme = replace(theme, logo=str(logo))
    return theme


def _check_colours(theme: Theme, located: Located) -> list[Problem]:
    problems = []
    for role in PALETTE_ROLES:
        colour = theme.palette.get(role)
        if colour is None or not _HEX.match(colour):
            problems.append(
                located.problem(
                    f"palette.{role}", f"expected a hex colour like '1B2430', got {colour!r}"
                )
            )
    for i, colour in enumerate(theme.chart + (theme.chart_rest,)):
        if not _HEX.match(colour):
            problems.append(located.problem(f"chart[{i}]", f"{colour!r} is not a hex colour"))
    return problems


def theme_from_master(
    colors: dict[str, str], background: str, fonts: dict[str, str], name: str
) -> Theme:
    """Return a palette drawn from a master's theme colours, nudged until text reads.

    Text is the master's dark 1, numbers and headings its dark 2 or first readable accent,
    the single accent its next readable accent; tints for cards and rules are mixed from
    these. Every text colour keeps 4.5:1 against what it sits on.
    """
    from .colours import mix, readable

    dark = colors.get("dk1", "000000")
    text = readable(dark, background)
    accents = [
        colors[k]
        for k in ("accent1", "accent2", "accent3", "accent4", "accent5", "accent6")
        if k in colors
    ] or ["0B4F8A"]
    candidates = [colors.get("dk2", accents[0])] + accents
    primary = next(
        (c for c in candidates if contrast(c, background) >= 4.5 and c != text),
        readable(accents[0], background),
    )
    accent = next(
        (c for c in accents if contrast(c, background) >= 4.5 and c != primary),
        readable(accents[min(1, len(accents) - 1)], background),
    )
    surface = mix(background, primary, 0.07)
    palette = {
        "background": background,
        "text": text,
        "muted": readable(mix(text, background, 0.3), surface),
        "primary": readable(primary, surface),
        "accent": readable(accent, surface),
        "surface": surface,
        "surface_text": text,
        "rule": mix(background, text, 0.3),
        "inverse": background,
    }
    chart = tuple(readable(c, background, 3.0) for c in accents)
    return Theme(
        name,
        palette,
        chart,
        mix(background, text, 0.45),
        "From the master's theme",
        Fonts(fonts.get("heading", "Calibri"), fonts.get("body", "Calibri")),
    )
