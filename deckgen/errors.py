"""Error types the user sees as one ``Error:`` line and exit code 1."""

from __future__ import annotations

import click


class DeckgenError(click.ClickException):
    """Base class: a problem with the user's input or environment, never a bug."""

    exit_code = 1


class FactsError(DeckgenError):
    """A facts file cannot be read or does not validate."""


class LayoutError(DeckgenError):
    """A layout template cannot be read or refers to things that do not exist."""


class ThemeError(DeckgenError):
    """A theme file cannot be read or is invalid."""


class TemplateError(DeckgenError):
    """A PowerPoint master/template cannot be used."""


class FitError(DeckgenError):
    """Text cannot fit its box even at the smallest allowed size."""


class RenderError(DeckgenError):
    """Output could not be written."""


class Problem:
    """One validation problem at a place in a file."""

    __slots__ = ("file", "line", "path", "message", "hint")

    def __init__(self, file: str, line: int | None, path: str, message: str, hint: str = ""):
        self.file, self.line, self.path, self.message, self.hint = file, line, path, message, hint

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        key = f" {self.path}:" if self.path else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}:{key} {self.message}{hint}"


def fail_with(problems: list[Problem], error_type: type[DeckgenError]) -> None:
    """Raise ``error_type`` listing every problem (first on the Error line), if there are any."""
    if not problems:
        return
    first, rest = str(problems[0]), problems[1:]
    if rest:
        more = "\n".join(f"  {p}" for p in rest[:30])
        if len(rest) > 30:
            more += f"\n  … and {len(rest) - 30} more"
        raise error_type(f"{first}\n{len(rest)} more problem(s):\n{more}")
    raise error_type(first)
