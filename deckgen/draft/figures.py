"""What a draft finds in a text: figures with their words around them, and the rules both
languages share (which figure is a repeat, what id it gets)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

# Quotation marks that open a name ("20 Measures for …", “十四五”规划): a number inside
# one is part of a name, not a figure.
QUOTES = {'"': '"', "“": "”", "«": "»", "《": "》", "「": "」", "『": "』"}


_CLAUSE_MARK = re.compile(r"[，。；！？,;!?]")


@dataclass(frozen=True)
class Found:
    """One figure as the text states it.

    ``value`` holds the digits as written without thousands separators ("55.14", "-3.1"
    for a stated fall); ``unit`` a unit deckgen knows ('%', 'pp', 'rank', 'times',
    'USD billion', 'million') or the counted noun / measure word ("tasks", "万人次");
    ``qualifier`` the source's word beside it; ``kind``/``basis`` are set for growth,
    points and ranks; ``para`` counts paragraphs from 1 as ``deckgen verify`` does;
    ``quote`` is the source's words around it, shown in the draft's check comment.
    """

    value: str
    unit: str
    para: int
    quote: str
    label: str
    short: str = ""
    qualifier: str = ""
    kind: str = ""
    basis: str = ""
    period: str = ""
    note: str = ""  # what the reader should check beyond the quote
    of_number: str = ""  # a share of a count stated beside it: "98% of the 251 tasks"
    as_written: bool = False  # keep the source's plain digits in Chinese (13726元)

    @property
    def key(self) -> tuple[str, str, str, str]:
        """The number, unit, kind and basis: two mentions differing in these are two figures."""
        return (self.value, self.unit, self.kind, self.basis)


# Units of an amount of money: the same sum stated twice is one figure, however described.
AMOUNT = re.compile(r"^[A-Z]{3}\b|元$|美元$|欧元$|英镑$|港元$|日元$")
# Periods that name no particular time: "全年" repeats the report's own year.
GENERIC_PERIODS = {"", "全年", "今年", "this year"}


def same_figure(a: Found, b: Found) -> bool:
    """True when ``b`` states the figure ``a`` stated: the same number and unit, said of
    much the same thing, in a period that does not differ (6.7% growth in the first
    quarter and in the second are two figures)."""
    if a.key != b.key:
        return False
    periods = {a.period, b.period}
    if len(periods) > 1 and not periods & GENERIC_PERIODS:
        return False
    if AMOUNT.search(a.unit):  # the same sum of money (US$1.8 billion) said twice
        return True
    la, lb = a.label.lower(), b.label.lower()
    if la in lb or lb in la:
        return True
    similar = SequenceMatcher(None, la, lb)
    return (
        similar.real_quick_ratio() >= 0.6
        and similar.quick_ratio() >= 0.6
        and (similar.ratio() >= 0.6)
    )


RECENT = 16  # earlier mentions a figure is compared with: bounds the work on long texts


def figures(
    paras: list[str], only: set[int], find: Callable[[str, int], Iterable[Found]]
) -> Iterator[Found]:
    """Yield the figures ``find`` sees in the paragraphs numbered in ``only`` (from 1)."""
    for number, para in enumerate(paras, 1):
        if number in only:
            yield from find(para, number)


def first_mentions(found: Iterable[Found]) -> Iterator[Found]:
    """Yield each figure once, at its first place in the text."""
    kept: dict[tuple[str, str, str, str], list[Found]] = {}
    for f in found:
        same = kept.setdefault(f.key, [])
        if not any(same_figure(k, f) for k in same[-RECENT:]):
            same.append(f)
            yield f


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of every quoted name in ``text``: a quoted stretch of at most 60
    characters without a clause's punctuation ("20 Measures for the Data Sector", 《…20条》).
    A quoted sentence (what a speaker said) is not a name: its figures count."""
    spans = []
    i = 0
    while i < len(text):
        close = QUOTES.get(text[i])
        if close is None:
            i += 1
            continue
        end = text.find(close, i + 1, i + 61)
        if end < 0 or _CLAUSE_MARK.search(text, i + 1, end):
            i += 1
            continue
        spans.append((i, end + 1))
        i = end + 1
    return spans


def inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a < pos < b for a, b in spans)


class Ids:
    """Unique lowercase ids made from words: "tasks", "tasks_2", …"""

    STOP = {"the", "of", "a", "an", "and", "in", "on", "for", "to", "by", "with", "its", "their"}

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.next: dict[str, int] = {}

    def make(self, words: str, fallback: str, suffix: str = "") -> str:
        """Return a new id from the ASCII words in ``words`` (at most three) and ``suffix``,
        else ``fallback``."""
        parts = [
            w
            for w in re.findall(r"[a-z][a-z0-9]*", words.lower())
            if w not in self.STOP and len(w) > 1
        ][:3]
        base = "_".join(parts + [suffix] if suffix else parts) if parts else fallback
        candidate = base
        while candidate in self.taken:
            n = self.next.get(base, 2)
            self.next[base] = n + 1
            candidate = f"{base}_{n}"
        self.taken.add(candidate)
        return candidate


def clip(text: str, limit: int, sep: str = " ") -> str:
    """Return ``text`` cut to at most ``limit`` characters at a word (``sep``) boundary."""
    text = text.strip(" ,;:，；：、")
    if len(text) <= limit:
        return text
    if not sep:
        return text[:limit]
    head = text[: limit + 1]
    phrase = re.search(r".*\S(?=\s(?:for|by|in|with|from|at|to|which|that|and)\s)", head)
    if phrase and len(phrase.group()) >= limit // 2:
        return phrase.group().rstrip(" ,;:")
    cut = head.rsplit(sep, 1)[0]
    return cut.rstrip(" ,;:") or text[:limit]
