"""Error types the user sees as one ``Error:`` line and exit code 1."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

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
    """Text cannot fit its box even at the smallest allowed size.

    The message may be given as a function, called the first time the message is read:
    saying how much too long a text is takes more fitting, and planners catch most fit
    errors to try the next size, never reading them. ``shortfall``, when given, returns
    how many characters too long the text is (see :func:`least_short`).
    """

    def __init__(
        self, message: str | Callable[[], str], shortfall: Callable[[], int] | None = None
    ):
        super().__init__(message if isinstance(message, str) else "")
        self._make = None if isinstance(message, str) else message
        self._text = message if isinstance(message, str) else None
        self._shortfall = None if shortfall is None else functools.cache(shortfall)

    def format_message(self) -> str:
        if self._text is None:
            assert self._make is not None
            self._text = self._make()
        return self._text

    def __str__(self) -> str:
        return self.format_message()

    def __reduce__(self) -> tuple[type[FitError], tuple[str]]:
        return type(self), (self.format_message(),)  # a worker process gets the message

    def shortfall(self) -> int | None:
        """Return how many characters too long the text is, or None when not measured."""
        return self._shortfall() if self._shortfall is not None else None


def least_short(errors: Sequence[FitError]) -> FitError:
    """Return one fit error standing for ``errors`` (the attempts of a planner that tried
    several sizes or arrangements): when read, the one whose text needs the fewest
    characters cut, so cutting as many makes one attempt fit; else the last."""
    if len(errors) == 1:
        return errors[0]

    @functools.cache
    def least() -> FitError:
        measured = [e for e in reversed(errors) if e.shortfall() is not None]
        return min(measured, key=lambda e: e.shortfall() or 0) if measured else errors[-1]

    return FitError(lambda: least().format_message(), lambda: least().shortfall() or 0)


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


_SAME_IN_PLURAL = {"series", "data", "pt"}
_MODIFIER = re.compile(r" (?=(?:marked|with|of|in|on|that|for|from|to) )")


def plural(noun: str) -> str:
    """Return the plural of a noun phrase: its head noun made plural ("graphics files",
    "achievements marked 'first: true'", "shares of a stated whole"), each alternative of
    an "or" ("metrics or pillars")."""
    return " or ".join(_plural_phrase(part) for part in noun.split(" or "))


def _plural_phrase(phrase: str) -> str:
    head, *modifier = _MODIFIER.split(phrase, maxsplit=1)
    before, space, word = head.rpartition(" ")
    return before + space + _plural_word(word) + "".join(f" {m}" for m in modifier)


def _plural_word(word: str) -> str:
    if word in _SAME_IN_PLURAL:
        return word
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        return word[:-1] + "ies"
    return word + "s"


def counted(count: int, noun: str) -> str:
    """Return a count with its noun in the right number: "1 slide", "2 slides", "0 slides"."""
    return f"{count} {noun if count == 1 else plural(noun)}"


def fail_with(problems: Sequence[Problem | str], error_type: type[DeckgenError]) -> None:
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
