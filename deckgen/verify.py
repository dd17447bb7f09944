"""Check the facts' figures against the plain text of their sources.

A source with ``text`` names a plain UTF-8 file (relative to the facts file). Its text is
split into paragraphs — blank lines separate paragraphs; a text with no blank line at all has
one paragraph per non-empty line; leading and trailing whitespace is ignored — numbered from
1, as ``cite.para`` counts them. Every figure citing such a source must stand in the cited
paragraph, in one of the forms a source writes it: its digits as given, with or without
thousands separators (1,250 or 1250; 72.0 only as 72.0), or scaled to 万/亿 (551.4亿 for
55.14 USD billion, 6.3万 for 63000); a percentage followed by %, percent or per cent; a rank
also as an ordinal (first, 1st, 第一). A figure's qualifier (or its translation: nearly ↔ 近,
over ↔ 超过/逾/超) must stand shortly before it (after it for 以上, 以下, 左右).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from . import qualifiers
from .errors import FactsError, Problem, fail_with
from .facts import Cite, Facts, LoadedFacts, kind_of, load_facts
from .stated import as_decimal
from .text import Text

NEAR = 40  # characters between a qualifier and its number
EXCERPT = 30  # characters shown either side of a number in a mismatch
BLANK_LINE = re.compile(r"\n[ \t]*\n")
NUMERAL = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.,])\d+(?:\.\d+)?")
# Numbers that share the unit written after the last of them: "4.6和3.1个百分点".
SHARED = r"(?:\s*(?:和|、|与|及|或|至|and|or|to)\s*\d+(?:\.\d+)?)*"
PERCENT = r"\s*(?:%|％|percent\b|per cent\b)"
POINTS = r"\s*(?:percentage points?\b|个百分点|pp\b|points?\b)"
# Scale words in units, largest first, with the factor they stand for.
SCALES = (
    ("trillion", 10**12),
    ("billion", 10**9),
    ("million", 10**6),
    ("thousand", 10**3),
    ("万亿", 10**12),
    ("亿", 10**8),
    ("万", 10**4),
    ("千", 10**3),
)
ORDINALS_EN = "first second third fourth fifth sixth seventh eighth ninth tenth".split()
ORDINALS_ZH = "一二三四五六七八九十"


@dataclass(frozen=True)
class Result:
    """What verifying a facts file found."""

    path: Path
    verified: int
    texts: int
    unverified: tuple[str, ...]
    mismatches: tuple[Problem, ...]
    worded: tuple[str, ...] = ()  # figures stated only in words: no digits to look for


@dataclass(frozen=True)
class _Figure:
    path: str  # key path of the figure ("metrics[3]")
    value_path: str  # key path named when the value is not found
    qualifier_path: str
    value: float
    qualifier: Text | None
    unit: Text | None
    kind: str
    cite: Cite
    cite_path: str


# Full-width digits (５.２％), as some Chinese texts set them, are read as the digits they are.
FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．％", "0123456789.%")


def paragraphs(text: str) -> list[str]:
    """Split a source text into its paragraphs (see the module docstring for the rule)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").strip()
    text = text.translate(FULL_WIDTH_DIGITS)
    if not text:
        return []
    if BLANK_LINE.search(text):
        parts = BLANK_LINE.split(text)
    else:
        parts = text.split("\n")
    return [" ".join(p.split()) for p in parts if p.strip()]


def verify_file(path: Path) -> Result:
    """Load the facts in ``path`` and verify them against their sources' texts."""
    return verify(load_facts(path))


def verify(loaded: LoadedFacts) -> Result:
    """Return what verifying ``loaded`` finds; raise FactsError when a text cannot be read."""
    facts, loc = loaded.facts, loaded.located
    texts = _load_texts(loaded)
    verified, unverified, mismatches = 0, [], []
    for fig in _figures(facts):
        paras = texts.get(fig.cite.source)
        if paras is None:
            unverified.append(loc.shown(fig.path))  # as messages name it
            continue
        verified += 1
        if fig.cite.para > len(paras):
            mismatches.append(
                loc.problem(
                    f"{fig.cite_path}.para",
                    f"paragraph {fig.cite.para} is past the end of {fig.cite.source} "
                    f"({len(paras)} paragraphs)",
                    "count paragraphs as `deckgen verify` does: see docs/facts.md",
                )
            )
            continue
        found = _check(fig, paras[fig.cite.para - 1], facts.meta.language)
        if found is not None:
            path, message = found
            mismatches.append(loc.problem(path, message))
    worded = tuple(
        loc.shown(f"metrics[{i}]") for i, m in enumerate(facts.metrics) if m.value is None
    )
    return Result(
        loaded.path,
        verified,
        len(texts),
        tuple(dict.fromkeys(unverified)),
        tuple(mismatches),
        worded,
    )


def _load_texts(loaded: LoadedFacts) -> dict[str, list[str]]:
    texts: dict[str, list[str]] = {}
    problems: list[Problem] = []
    folder = loaded.path.parent
    for i, source in enumerate(loaded.facts.sources):
        if source.text is None:
            continue
        file = folder / source.text
        where = f"sources[{i}].text"
        try:
            raw = file.read_bytes()
        except FileNotFoundError:
            problems.append(loaded.located.problem(where, f"no such file: {file}"))
            continue
        except OSError as e:
            problems.append(loaded.located.problem(where, f"cannot read {file}: {e.strerror or e}"))
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            problems.append(
                loaded.located.problem(
                    where,
                    f"{file} is not UTF-8 text (byte {e.start})",
                    "save it as plain UTF-8 text",
                )
            )
            continue
        texts[source.id] = paragraphs(text)
    fail_with(problems, FactsError)
    return texts


def _figures(f: Facts) -> Iterator[_Figure]:
    for i, m in enumerate(f.metrics):
        base = f"metrics[{i}]"
        kind = kind_of(m)
        if m.value is not None:
            yield _Figure(
                base,
                f"{base}.value",
                f"{base}.qualifier",
                m.value,
                m.qualifier,
                m.unit,
                kind,
                m.cite,
                f"{base}.cite",
            )
            for j, c in enumerate(m.also):
                here = f"{base}.also[{j}]"
                own = c.value is not None
                yield _Figure(
                    base,
                    f"{here}.value" if own else here,
                    f"{here}.qualifier" if c.qualifier is not None else f"{base}.qualifier",
                    c.value if own else m.value,
                    c.qualifier if c.qualifier is not None else m.qualifier,
                    m.unit,
                    kind,
                    c,
                    here,
                )
        if m.earlier is not None:
            here = f"{base}.earlier"
            cite = m.earlier.cite or m.cite
            cite_path = f"{here}.cite" if m.earlier.cite else f"{base}.cite"
            yield _Figure(
                here,
                f"{here}.value",
                f"{here}.qualifier",
                m.earlier.value,
                m.earlier.qualifier,
                m.unit,
                kind,
                cite,
                cite_path,
            )
    for i, sr in enumerate(f.series):
        kind = kind_of(sr)
        for j, pt in enumerate(sr.points):
            if pt.value is None:
                continue
            here = f"series[{i}].points[{j}]"
            yield _Figure(
                here,
                f"{here}.value",
                f"{here}.qualifier",
                pt.value,
                pt.qualifier,
                sr.unit,
                kind,
                pt.cite or sr.cite,
                f"{here}.cite" if pt.cite else f"series[{i}].cite",
            )


def _check(fig: _Figure, para: str, default_lang: str) -> tuple[str, str] | None:
    """Return (key path, message) when the figure or its qualifier is not in ``para``."""
    where = f"paragraph {fig.cite.para} of {fig.cite.source}"
    shown = _plain(as_decimal(fig.value))
    hits = list(_occurrences(fig, para))
    if not hits:
        return fig.value_path, f"{shown} is not in {where} ({_near_closest(fig.value, para)})"
    words = _qualifier_words(fig.qualifier, default_lang)
    if not words:
        return None
    for start, end in hits:
        before = para[max(0, start - NEAR) : start]
        after = para[end : end + NEAR]
        between = [w for w in words if w in qualifiers.BETWEEN]
        if (
            any(_has(before, w) for w in words if w not in qualifiers.AFTER | qualifiers.BETWEEN)
            or any(_has(after, w) for w in words if w in qualifiers.AFTER)
            or any(para[end:].lstrip().startswith(w) for w in between)
        ):
            return None
    start, end = hits[0]
    given = [word for _, word in fig.qualifier.versions]
    named = " / ".join(dict.fromkeys(given))
    side = "after" if all(w in qualifiers.AFTER | qualifiers.BETWEEN for w in given) else "before"
    return (
        fig.qualifier_path,
        f"{named!r} is not {side} {para[start:end]} in {where} ({_excerpt(para, start, end)})",
    )


def _occurrences(fig: _Figure, para: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of every place ``para`` writes the figure."""
    value = abs(as_decimal(fig.value))
    unit = _unit_words(fig.unit)
    percent = "%" in unit
    points = fig.kind == "points" or unit.strip() in {"pp", "percentage points"}
    suffix = PERCENT if percent else POINTS if points else ""
    if suffix:  # a unit written once after a list: 4.6和3.1个百分点, 2.5 and 3.0 per cent
        suffix = SHARED + suffix
    patterns = [_digits(value) + suffix]
    plain = not (percent or points) and fig.kind not in {"rank", "multiple", "ratio"}
    scale = _scale(unit, plain)
    if scale:
        amount = value * scale
        for word, factor in (("万亿", 10**12), ("亿", 10**8), ("万", 10**4)):
            scaled = _plain(amount / factor)
            tail = "(?!亿)" if word == "万" else ""  # 万亿 is a trillion, not 万
            patterns.append(_bounded(re.escape(scaled)) + r"\s*[多余]?\s*" + word + tail)
    if fig.kind == "rank" and value == value.to_integral_value() and 1 <= value <= 10:
        n = int(value)
        patterns.append(rf"\b{ORDINALS_EN[n - 1]}\b")
        patterns.append(rf"第{ORDINALS_ZH[n - 1]}")
        patterns.append(rf"(?<![\d.,]){n}(?:st|nd|rd|th)\b")
    seen: set[tuple[int, int]] = set()
    for pattern in patterns:
        for m in re.finditer(pattern, para, re.IGNORECASE):
            if m.span() not in seen:
                seen.add(m.span())
                yield m.span()


def _digits(value: Decimal) -> str:
    """Return a pattern for ``value``'s digits as written, with or without thousands commas."""
    written = _plain(value, normalise=False)
    whole, dot, frac = written.partition(".")
    grouped = f"{int(whole):,}" + dot + frac
    forms = {written, grouped}
    return _bounded("(?:" + "|".join(re.escape(f) for f in sorted(forms)) + ")")


def _bounded(pattern: str) -> str:
    """Keep a number pattern from matching inside a longer number (55.14 in 155.145)."""
    return rf"(?<!\d)(?<!\d[.,]){pattern}(?!\d)(?![.,]\d)"


def _plain(value: Decimal, normalise: bool = True) -> str:
    if normalise:
        value = value.normalize()
    return f"{value:f}"


def _unit_words(unit: Text | None) -> str:
    if unit is None:
        return ""
    return " ".join(word for _, word in unit.versions).lower()


def _scale(unit: str, plain: bool) -> int | None:
    """Return what one unit of the figure counts (1 for a count, 10**9 for 'USD billion'),
    or None when the figure is not an amount (a percentage, a rank, a multiple)."""
    for word, factor in SCALES:
        if word in unit:
            return factor
    return 1 if plain else None


def _qualifier_words(qualifier: Text | None, default_lang: str) -> set[str]:
    """Return the qualifier's words and their translations (over → 超过, 逾, 超 …)."""
    if not qualifier:
        return set()
    words: set[str] = set()
    for given_lang, word in qualifier.versions:
        lang = given_lang or qualifiers.language_of(word) or default_lang
        words.add(word)
        table = qualifiers.VOCABULARY.get(lang, {})
        if word in table and table[word][1]:
            words.add(table[word][1])
        for other_lang, other in qualifiers.VOCABULARY.items():
            if other_lang != lang:
                words |= {w for w, (_, back) in other.items() if back == word}
    return words


def _has(text: str, word: str) -> bool:
    if word.isascii():
        return re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE) is not None
    return word in text


def _near_closest(value: float, para: str) -> str:
    """Return an excerpt of ``para`` around the number closest to ``value``."""
    best: tuple[float, int, int] | None = None
    for m in NUMERAL.finditer(para):
        number = float(m.group().replace(",", ""))
        distance = abs(number - float(value))
        if best is None or distance < best[0]:
            best = (distance, m.start(), m.end())
    if best is None:
        return _excerpt(para, 0, 0)
    return _excerpt(para, best[1], best[2])


def _excerpt(para: str, start: int, end: int) -> str:
    left, right = max(0, start - EXCERPT), min(len(para), end + EXCERPT)
    text = ("…" if left else "") + para[left:right] + ("…" if right < len(para) else "")
    return f'"{text}"'
