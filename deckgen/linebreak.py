"""Where a line may break, as a typesetter of Chinese and English text breaks it (pure).

A break may fall after a space, between two Chinese characters and where Chinese meets Latin
text, except where a typesetter never breaks:

- kinsoku: closing punctuation never starts a line, opening punctuation never ends one;
- a figure stays whole: its number with its unit or measure word (551.4亿美元, 6.3万家, 3个百分点,
  2023年), the qualifier before it (约, 超过, 第) and the one after it (以上);
- a date never breaks inside (2023年8月21日), a short quoted term stays whole (“两区”);
- a run of Latin letters or digits never breaks (GDP, 12,500, R&D).

The rules come in two strengths. :func:`pieces` keeps them all. A piece too wide for a whole
line is cut again with :func:`loosen`, which keeps only the strict ones: a number never
leaves its unit, a Latin word stays whole, kinsoku holds; a date too long for a line breaks
after its year (2023年 / 8月21日), a qualifier may end a line.

UAX #14 allows a break between a number and the ideograph after it (2023 / 年) and has no
notion of Chinese measure words, so the rules are written here (a UAX #14 library would also
cost milliseconds a text); the punctuation sets follow its line-breaking classes, and a test
checks them against a UAX #14 implementation.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from .qualifiers import AFTER, BETWEEN, ZH

# Characters that may not start or end a line (Chinese line-breaking rules, kinsoku).
NO_LINE_START = frozenset(
    "，。、：；！？）」』】》〉〕〗〙〛〞〟］｝｠｡｣､．”’"  # closing and full-width marks
    ",.:;!?)]}%‰·…々〻〼〜･"
)
NO_LINE_END = frozenset("（「『【《〈〔〖〘〚〝［｛｟｢“‘‚„([{")

# What follows a number in Chinese: scales, currencies, units and measure words. A number
# keeps every one of them that follows it (longest first): 1.2万亿元, 3.2亿人次, 5个百分点.
UNITS = sorted(
    {
        *"万亿千百",
        *"元角个项家户人次名位件台辆套座所条种类批期年月日天周岁倍只头株棵亩米吨克斤升度",
        *"层栋间张本册部篇首场届轮站片块段节章款份笔宗例艘架列趟班对双副组队支票股箱包瓶盒号级处幅",
        "美元",
        "欧元",
        "港元",
        "日元",
        "英镑",
        "人民币",
        "人次",
        "架次",
        "车次",
        "个百分点",
        "百分点",
        "平方米",
        "平方公里",
        "公里",
        "千米",
        "公顷",
        "千克",
        "公斤",
        "千瓦时",
        "千瓦",
        "兆瓦",
        "吉瓦",
        "标准箱",
        "立方米",
        "小时",
        "分钟",
        "季度",
        "周岁",
        "多",
        "余",
    },
    key=len,
    reverse=True,
)
_UNIT = "|".join(map(re.escape, UNITS))
_BEFORE = "|".join(map(re.escape, sorted({*ZH, "第"} - AFTER - BETWEEN, key=len, reverse=True)))
_AFTER = "|".join(map(re.escape, sorted(AFTER, key=len, reverse=True)))
_NUMBER = r"[+\-−]?\d[\d,.]*(?:%|‰)?"
# Strict: a number and all its units (2023年, 551.4亿美元, 5个百分点).
_FIGURE = rf"{_NUMBER}(?:{_UNIT})*"
# Loose: the qualifier before it and after it, a whole date, a short quoted term.
_QUALIFIED = rf"(?:{_BEFORE})?{_NUMBER}(?:{_UNIT})*(?:{_AFTER})?"
_DATE = r"\d{1,4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日"
_DAY = r"\d{1,2}月\d{1,2}日"
_QUOTED = r"[“‘「『《][^“”‘’「」『』《》\s]{1,6}[”’」』》]"


@cache
def _compiled(pattern: str) -> re.Pattern:
    """Compile one of the patterns above when it is first needed (their vocabularies make
    them slow to compile, and an English deck seldom needs them)."""
    return re.compile(pattern)


def is_cjk(char: str) -> bool:
    """Return True for characters that may break anywhere (Han, kana, CJK punctuation)."""
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x3000 <= code <= 0x303F
        or 0x20000 <= code <= 0x2FFFF
    )


def has_cjk(text: str) -> bool:
    """Return True when ``text`` holds a character :func:`is_cjk` accepts (renderers ask
    this of every run: text with no character from U+2E80 up is answered in C)."""
    return not text.isascii() and max(text) >= "\u2e80" and any(map(is_cjk, text))


def is_ideograph(char: str) -> bool:
    """Return True for a Chinese character (not punctuation)."""
    return is_cjk(char) and unicodedata.category(char) == "Lo"


@lru_cache(maxsize=4096)
def pieces(text: str) -> tuple[str, ...]:
    """Split ``text`` into the pieces a line may break between, keeping every rule."""
    return _merged(_opportunities(text), _spans(text, strict=False))


@lru_cache(maxsize=1024)
def loosen(piece: str) -> tuple[str, ...]:
    """Split a piece of :func:`pieces` again, keeping only the strict rules."""
    return _merged(_opportunities(piece), _spans(piece, strict=True))


def lone(line: str) -> bool:
    """Return True when a line holds a single Chinese character (with its punctuation)."""
    core = "".join(c for c in line if c not in NO_LINE_START and not c.isspace())
    return len(core) == 1 and is_ideograph(core)


def _spans(text: str, strict: bool) -> list[tuple[int, int]]:
    if not any(c.isdigit() or c in "“‘「『《" for c in text):
        return []
    found = [m.span() for m in _compiled(_FIGURE).finditer(text)]
    # a date breaks after its year or not at all
    found += [m.span() for m in _compiled(_DAY).finditer(text)]
    if not strict:
        for pattern in (_QUALIFIED, _DATE, _QUOTED):
            found += [m.span() for m in _compiled(pattern).finditer(text)]
    return [(start, end) for start, end in found if end - start > 1]


def _merged(base: list[str], spans: list[tuple[int, int]]) -> tuple[str, ...]:
    """Join pieces so that no break falls strictly inside a span."""
    if not spans:
        return tuple(base)
    out: list[str] = []
    position = 0
    for piece in base:
        if out and any(start < position < end for start, end in spans):
            out[-1] += piece
        else:
            out.append(piece)
        position += len(piece)
    return tuple(out)


def _opportunities(text: str) -> list[str]:
    """Split text at every break a plain line breaker allows; a break may follow any piece.

    Latin words keep their trailing space; a hyphenated word is kept whole (renderers may
    break after its hyphen, an audit may not: measuring it whole is the safe side); CJK
    characters stand alone, glued to punctuation that may not start a line and to openers
    that may not end one; a sign opens a number.
    """
    if not has_cjk(text):  # breaks only after spaces: the loop below, in C
        words = text.split(" ")
        return [w + " " for w in words[:-1]] + ([words[-1]] if words[-1] else [])
    out: list[str] = []
    current = ""
    for char in text:
        if char == " ":
            current += char
            out.append(current)
            current = ""
        elif is_cjk(char) and char not in NO_LINE_START:
            if current and current[-1] not in NO_LINE_END:
                out.append(current)
                current = ""
            current += char
        elif (
            current
            and is_cjk(current[-1])
            and char not in NO_LINE_START
            and current[-1] not in NO_LINE_END
            # a sign opens a number, an opening quote its word
            and (char in "-“‘" or not unicodedata.category(char).startswith("P"))
        ):
            out.append(current)
            current = char
        else:
            current += char
    if current:
        out.append(current)
    return out
