"""Punctuation in Chinese text: full-width marks, and no space after or before them.

A Chinese editor sets （）、，；：“”。！？ between Chinese words, never the ASCII ( ) , ; : . ! ?
and never a space after a full-width mark or between a Chinese character and one.
:func:`faults` finds where a text breaks these rules; :func:`facts_warnings` says where the
Chinese texts of a facts file do (they are kept as written; validate warns).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .text import DEFAULT, Text

if TYPE_CHECKING:
    from .facts import LoadedFacts

ASCII_MARKS = ",.;:()!?\"'"
# The full-width form of each ASCII mark (quotes: opening, closing).
FULL_WIDTH = {
    ",": "，",
    ".": "。",
    ";": "；",
    ":": "：",
    "(": "（",
    ")": "）",
    "!": "！",
    "?": "？",
    '"': "“”",
    "'": "‘’",
}
_QUOTES = "“”‘’"  # full-width in Chinese text, but also English curly quotes
_SPACES = " \u00a0"
_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)[^\s，。；：、（）“”‘’《》！？]+", re.IGNORECASE)
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Fault:
    """One punctuation fault: where in the text, which character, what kind, and what to
    write instead ('' for nothing: a space to drop)."""

    index: int
    char: str
    kind: str  # "ascii", "space-after" or "space-before"
    write: str = ""

    @property
    def message(self) -> str:
        if self.kind == "ascii":
            return f"ASCII {self.char!r} in Chinese text (write the full-width {self.write!r})"
        where = "after" if self.kind == "space-after" else "before"
        return f"a space {where} {self.char!r} (write none)"

    def __str__(self) -> str:
        return self.message


def is_han(char: str) -> bool:
    """Return True for a Chinese character (CJK unified ideographs and their extensions)."""
    if len(char) != 1:
        return False
    code = ord(char)
    return (
        0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3FFFF
    )


def count_han(text: str) -> int:
    """Return how many characters of ``text`` are Chinese (:func:`is_han`)."""
    return 0 if text.isascii() or max(text) < "\u3400" else sum(map(is_han, text))


def count_latin(text: str) -> int:
    """Return how many characters of ``text`` are Latin letters (ASCII)."""
    return len(_LATIN.findall(text))


def is_full_width_mark(char: str) -> bool:
    """Return True for a full-width punctuation mark (、。，；：（）《》【】…); the curly
    quotes, full-width beside Chinese and Latin in English, are judged in context."""
    return char in _MARKS


_MARKS = frozenset(
    "、。〃〈〉《》「」『』【】〔〕〖〗〘〙〚〛〜〝〞〟"
    "！＂＃％＆＇（）＊，－．／：；？＠［＼］＿｛｜｝～｟｠｡｢｣､･"
)


def _chinese(char: str) -> bool:
    """A character that makes its neighbour Chinese text: Han or a full-width mark."""
    return is_han(char) or is_full_width_mark(char)


_LIST_NUMBER = re.compile(r"(?:^|\n)[ \t]*\d+$")


def faults(text: str) -> list[Fault]:
    """Return the punctuation faults of a Chinese ``text``: an ASCII mark next to a Chinese
    character or full-width mark (a space between them does not excuse it), a space after a
    full-width mark, and a space before one.

    Not faults: decimals and digit groups (1.5, 1,250), web addresses, marks inside Latin
    words (Xi'an), a full stop and space after Latin text ("Co. 北京"), a list number
    ("1. 北京")."""
    found: list[Fault] = []
    urls = [m.span() for m in _URL.finditer(text)]

    def neighbour(i: int, step: int) -> int:
        """Return the index of the nearest character on one side that is not a space
        (-1 or len(text) at either end)."""
        j = i + step
        while 0 <= j < len(text) and text[j] in _SPACES:
            j += step
        return j

    def at(j: int) -> str:
        return text[j] if 0 <= j < len(text) else ""

    def full_width(j: int) -> bool:
        char = at(j)
        if char and char in _QUOTES:
            return _chinese(at(neighbour(j, -1))) or _chinese(at(neighbour(j, 1)))
        return is_full_width_mark(char) if char else False

    quotes = {'"': 0, "'": 0}
    for i, char in enumerate(text):
        if char in ASCII_MARKS:
            nth = quotes.get(char, 0)
            if char in quotes:
                quotes[char] += 1
            left, right = at(neighbour(i, -1)), at(neighbour(i, 1))
            if not (_chinese(left) or _chinese(right)):
                continue
            if any(start <= i < end for start, end in urls):
                continue
            if char in ".,:" and at(i - 1).isdigit() and at(i + 1).isdigit():
                continue
            spaced = at(i + 1) != "" and at(i + 1) in _SPACES
            if char == "." and spaced and _LATIN.match(at(i - 1) or "0"):
                continue
            if char == "." and spaced and _LIST_NUMBER.search(text[:i]):
                continue
            if i and text[i - 1] == char and found and found[-1].index == i - 1:
                continue  # one fault for a run ('...')
            found.append(Fault(i, char, "ascii", _full_width_of(text, i, nth)))
        elif char in _SPACES and i and text[i - 1] not in _SPACES:
            if full_width(i - 1):
                found.append(Fault(i, text[i - 1], "space-after"))
            elif full_width(neighbour(i, 1)):
                found.append(Fault(i, text[neighbour(i, 1)], "space-before"))
    return found


def corrected(text: str) -> str:
    """Return ``text`` with its punctuation faults mended: each ASCII mark in Chinese text
    in its full-width form, spaces beside full-width marks dropped."""
    for _ in range(3):  # a mark made full-width may leave a space beside it to drop
        found = faults(text)
        if not found:
            break
        out = list(text)
        for fault in reversed(found):
            out[fault.index] = (fault.write or fault.char) if fault.kind == "ascii" else ""
        text = "".join(out)
    return text


def _full_width_of(text: str, i: int, nth: int) -> str:
    """Return the full-width form of the ASCII mark at ``i``; ``nth`` counts the same quote
    before it (an even count opens a quotation)."""
    char = text[i]
    forms = FULL_WIDTH[char]
    if len(forms) == 2:
        return forms[nth % 2]
    if char == "." and text[i : i + 3] == "...":
        return "……"
    return forms


def chinese_texts(node: object, language: str, path: str = "") -> Iterator[tuple[str, str]]:
    """Yield (key path, text) for every Chinese text in the facts: each zh version, and each
    plain text when the facts' language is zh."""
    if isinstance(node, Text):
        for lang, value in node.versions:
            if lang == "zh":
                yield f"{path}.zh", value
            elif lang == DEFAULT and language == "zh":
                yield path, value
    elif isinstance(node, tuple):
        for i, item in enumerate(node):
            yield from chinese_texts(item, language, f"{path}[{i}]")
    elif dataclasses.is_dataclass(node) and not isinstance(node, type):
        for f in dataclasses.fields(node):
            child = f"{path}.{f.name}" if path else f.name
            yield from chinese_texts(getattr(node, f.name), language, child)


def facts_warnings(loaded: LoadedFacts) -> list[str]:
    """Return one located warning ("file:line: key: …") for each Chinese text of the facts
    with ASCII punctuation next to Chinese characters."""
    out = []
    for path, value in chinese_texts(loaded.facts, loaded.facts.meta.language):
        marks = [f for f in faults(value) if f.kind == "ascii"]
        if not marks:
            continue
        said = "; ".join(
            f"{f.char!r} in {_excerpt(value, f.index)}, write {f.write!r}" for f in marks[:3]
        )
        more = f"; {len(marks) - 3} more" if len(marks) > 3 else ""
        problem = loaded.located.problem(
            path, f"ASCII punctuation in Chinese text: {said}{more}", "it is kept as written"
        )
        out.append(str(problem))
    return out


def _excerpt(text: str, i: int, around: int = 4) -> str:
    """Return the few characters around position ``i``, quoted."""
    start, end = max(0, i - around), min(len(text), i + around + 1)
    return repr(("…" if start else "") + text[start:end] + ("…" if end < len(text) else ""))
