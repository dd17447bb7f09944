"""Format figures exactly as the source states them: qualifier, number, unit — per language.

English: "nearly 98%", "around 500 measures", "US$55.14 billion", "1st".
Chinese: "近98%", "约500项", "551.4亿美元", "第1".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Context, Decimal

from . import qualifiers
from .facts import (
    AS_WRITTEN_KINDS,
    CURRENCY_UNIT,
    PLACEHOLDER,
    SCALE_WORDS,
    Facts,
    Metric,
    Series,
    kind_of,
)
from .i18n import JOIN
from .stated import as_decimal
from .text import MissingLanguage, Text

CURRENCY_SYMBOLS = {
    "USD": "US$",
    "EUR": "€",
    "GBP": "£",
    "JPY": "JP¥",
    "CNY": "CN¥",
    "RMB": "RMB ",
    "HKD": "HK$",
}
ZH_CURRENCY = {
    "USD": "美元",
    "EUR": "欧元",
    "GBP": "英镑",
    "JPY": "日元",
    "CNY": "元",
    "RMB": "元",
    "HKD": "港元",
}
# Chinese counts in 万 (10^4) and 亿 (10^8): (multiplier of the value, unit word), for a
# figure kept in the form its source wrote (``as_written``) and for chart axes.
ZH_SCALES = {
    "": (Decimal(1), ""),
    "thousand": (Decimal(1000), ""),
    "million": (Decimal(100), "万"),
    "billion": (Decimal(10), "亿"),
    "trillion": (Decimal(1), "万亿"),
}
# The power of ten each scale word stands for.
POWERS = {"": 0, "thousand": 3, "million": 6, "billion": 9, "trillion": 12}
# How Chinese writes counts of 10,000 and more (GB/T 15835-2011): in 万亿 from 10^12, 亿
# from 10^8, 万 from 10^4; smaller counts in digits without separators (1250).
ZH_UNITS = ((12, "万亿"), (8, "亿"), (4, "万"))
# A measure word that is already counted in 万 or 亿 (万人, 亿元) takes no further unit.
_ZH_SCALED_NOUN = re.compile(r"^(?:万|亿|十万|百万|千万)")
_SCALES = SCALE_WORDS
_EXACT = Context(prec=200)  # moving the point never rounds a written figure
_CURRENCY = CURRENCY_UNIT  # groups: the currency code, the scale word


MINUS = "\u2212"
PER = {
    "en": {
        "second": "a second",
        "minute": "a minute",
        "hour": "an hour",
        "day": "a day",
        "week": "a week",
        "month": "a month",
        "quarter": "a quarter",
        "year": "a year",
    },
    "zh": {
        "second": "每秒",
        "minute": "每分钟",
        "hour": "每小时",
        "day": "每天",
        "week": "每周",
        "month": "每月",
        "quarter": "每季度",
        "year": "每年",
    },
}
BASIS = {
    "en": {
        "year-on-year": "year on year",
        "quarter-on-quarter": "quarter on quarter",
        "month-on-month": "month on month",
        "average-annual": "average annual",
    },
    "zh": {
        "year-on-year": "同比",
        "quarter-on-quarter": "环比",
        "month-on-month": "环比",
        "average-annual": "年均",
    },
}
# How a signed change is said: (rise, fall) before the number, per language.
RISE_FALL = {"en": ("up", "down"), "zh": ("增长", "下降")}
POINTS_RISE_FALL = {"en": ("up", "down"), "zh": ("提高", "下降")}


@dataclass(frozen=True)
class Figure:
    """A metric's figure split into the parts a slide sets at different sizes.

    ``qualifier`` ("nearly" / "近"), ``number`` ("98%", "US$55.14", "1st", "551.4", "+5.2%"),
    ``scale`` ("billion" / "亿美元", "times", "pp", else ""), ``noun`` ("tasks" / "项", or ""
    when the label names what is counted); ``sep`` joins the parts (" " in English, "" in
    Chinese). ``before``/``after`` hold words around the figure: a rate's time ("a day" /
    "每天"), a qualifier that follows the number (以上). ``spoken`` is how a sentence says
    a signed change ("up 5.2% year on year", "同比增长5.2%"), ``basis`` the basis alone, and
    ``sign`` is +1 for a rise, -1 for a fall, 0 otherwise.
    """

    qualifier: str
    number: str
    scale: str = ""
    noun: str = ""
    sep: str = " "
    before: str = ""
    after: str = ""
    spoken: str = ""
    basis: str = ""
    sign: int = 0
    bound: str = "exact"

    @property
    def amount(self) -> str:
        """Return qualifier, number and scale: "nearly 98%", "US$55.14 billion", "近98%"."""
        return self.sep.join(p for p in (self.qualifier, self.number, self.scale) if p)

    @property
    def full(self) -> str:
        """Return the figure as a sentence says it: "around 500 measures", "约500项"."""
        if self.spoken:
            return self.spoken
        core = self.sep.join(p for p in (self.amount, self.noun) if p)
        if self.after and self.sep == "":
            core += self.after
        elif self.after:
            core = f"{core} {self.after}"
        return self.before + core


def format_value(value: float | Decimal, group: bool = True) -> str:
    """Return the number with the digits it was written with: 98, 44.5, 55.14, 72.0.

    ``group`` separates thousands (12,500); Chinese figures are written without (49843.1亿元).
    """
    number = value if isinstance(value, Decimal) else as_decimal(value)
    sign = MINUS if number < 0 else ""
    number = abs(number)
    spec = "," if group else ""
    if number == number.to_integral_value() and number.as_tuple().exponent >= 0:
        return f"{sign}{int(number):{spec}}"
    whole, _, frac = format(number, "f").partition(".")
    return f"{sign}{int(whole):{spec}}.{frac}" if frac else f"{sign}{int(whole):{spec}}"


def scaled(value: float, factor: Decimal) -> Decimal:
    """Return ``value`` × ``factor`` with as many significant digits as were written:
    55.14 billion = 551.4亿, 72.0 billion = 720亿."""
    number = as_decimal(value)
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)
    shift = len(str(int(factor))) - 1  # factors are powers of ten
    return (number * factor).quantize(Decimal(1).scaleb(min(0, exponent + shift)))


def zh_count(
    value: float | Decimal, power: int = 0, shift: int | None = None
) -> tuple[Decimal, str]:
    """Return a count as Chinese writes it: its number and 万, 亿 or 万亿 (or '').

    ``value`` is in units of 10^``power`` (9 for 'USD billion'). Every digit written is
    kept and nothing is rounded: 63000 → 6.3万, 12345 → 1.2345万, 1200000000 → 12亿,
    55.14 billion → 551.4亿, 72.0 billion → 720亿, 1250 → 1250. Zeros the source wrote
    after a decimal point stay significant (15.0 thousand → 1.50万); those closing a whole
    number do not (63000 → 6.3万). ``shift`` (4, 8, 12 or 0) states the value in the unit
    given rather than its own: 8091 in 万 is 0.8091万, as a table row in 万 shows it.

    Babel's ``format_compact_decimal(63000, locale="zh_Hans_CN", fraction_digits=1)``
    gives 6.3万, but it rounds to the fraction digits it is asked for (``fraction_digits=0``
    gives 6万, 99999.99999 at 2 gives 10万) and drops zeros written after the point
    (63000.0 → 6.3万): keeping the written digits would take this same arithmetic to choose
    its ``fraction_digits``, so the arithmetic is done here, exactly, in decimals.
    """
    written = value if isinstance(value, Decimal) else as_decimal(value)
    number = written.scaleb(power, _EXACT)
    if shift is None:
        shift = _shift_of(number)
    if not shift:
        return number, ""
    exponent = written.as_tuple().exponent
    assert isinstance(exponent, int)
    shown = number.scaleb(-shift, _EXACT)
    return (shown.normalize(_EXACT) if exponent >= 0 else shown), dict(ZH_UNITS)[shift]


def zh_shift(item: Metric | Series, values: Iterable[float], default_lang: str) -> int | None:
    """Return the unit (4 for 万, 8 for 亿, 12 for 万亿, else 0) in which Chinese states
    ``values`` of ``item`` together, as a table row or a chart axis does: the unit of the
    largest. None when they are not counts or amounts, or keep the form they are written
    in (``as_written``, or a measure word already in 万 or 亿)."""
    if kind_of(item) not in AS_WRITTEN_KINDS or is_as_written(item):
        return None
    scale, unit = zh_unit(item, default_lang)
    if zh_scaled(unit):
        return None
    largest = max((abs(as_decimal(v)) for v in values), default=Decimal(0))
    return _shift_of(largest.scaleb(POWERS[scale], _EXACT))


def _shift_of(number: Decimal) -> int:
    """Return the power of ten of the unit Chinese counts ``number`` in (0: none)."""
    return next((s for s, _ in ZH_UNITS if abs(number) >= Decimal(1).scaleb(s)), 0)


def zh_unit(item: Metric | Series, default_lang: str) -> tuple[str, str]:
    """Return the scale word and the Chinese unit of a count or amount: ('billion', '美元')
    for 'USD billion', ('million', '') for 'million', ('', '家') for {zh: 家}."""
    code = unit_code(item)
    match = _CURRENCY.match(code)
    if match:
        return match.group(2) or "", ZH_CURRENCY.get(match.group(1), match.group(1))
    if code in _SCALES:
        return code, ""
    return "", item.unit.get("zh", default_lang) if item.unit is not None else ""


def signed(text: str, value: float) -> str:
    """Return ``text`` (the number without its sign) with '+' or '−' before it."""
    if value > 0:
        return "+" + text
    if value < 0:
        return text if text.startswith(MINUS) else MINUS + text
    return text


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def unit_code(metric: Metric | Series) -> str:
    """Return the unit as a formatting code ('%', 'rank', 'USD billion', …) or a noun in the
    document's language; '' when there is no unit."""
    return metric.unit.versions[0][1] if metric.unit is not None else ""


def is_share(metric: Metric) -> bool:
    """Return True for a share of a stated whole: the only figure drawn as part of a whole."""
    return kind_of(metric) == "share" and metric.value is not None


def is_amount(metric: Metric) -> bool:
    """Return True for money amounts ('USD billion')."""
    return _CURRENCY.match(unit_code(metric)) is not None and kind_of(metric) == "level"


def basis_words(basis: Text | None, lang: str, default_lang: str) -> str:
    """Return a growth figure's basis as words: 'year on year', '同比', or the text given."""
    if basis is None:
        return ""
    try:
        text = basis.get(lang, default_lang)
    except MissingLanguage:
        text = basis.versions[0][1]
    return BASIS.get(lang, BASIS["en"]).get(text, text)


def figure(metric: Metric, lang: str = "en", default_lang: str = "en") -> Figure:
    """Return the display parts of ``metric`` in ``lang``."""
    word = qualifiers.resolve(metric.qualifier, lang, default_lang)
    if metric.words is not None:
        return Figure(word.text, metric.words.get(lang, default_lang), sep=JOIN.get(lang, " "))
    assert metric.value is not None
    return value_figure(
        metric, metric.value, word, lang, default_lang, basis=metric.basis, per=metric.per
    )


def earlier_figure(metric: Metric, lang: str = "en", default_lang: str = "en") -> Figure:
    """Return the display parts of the metric's earlier value (same unit and kind)."""
    assert metric.earlier is not None
    word = qualifiers.resolve(metric.earlier.qualifier, lang, default_lang)
    return value_figure(metric, metric.earlier.value, word, lang, default_lang, unsigned=True)


def value_figure(
    item: Metric | Series,
    value: float,
    word: qualifiers.Word,
    lang: str,
    default_lang: str,
    basis: Text | None = None,
    per: str | None = None,
    unsigned: bool = False,
    shift: int | None = None,
) -> Figure:
    """Return the display parts of ``value`` in the unit and kind of ``item``.

    In Chinese, ``shift`` (see :func:`zh_shift`) states a count or amount in the unit a
    table row or chart axis shares (0.8091万) rather than its own (8091).
    """
    kind = kind_of(item)
    sep = JOIN.get(lang, " ")
    zh = lang == "zh"
    qualifier, after = (word.text, "") if not (word.after or word.between) else ("", word.text)
    if word.between:  # 多/余 follows the digits: 1270多万人
        return _between(
            value_figure(
                item,
                value,
                qualifiers.Word("", word.bound),
                lang,
                default_lang,
                basis,
                per,
                unsigned,
                shift,
            ),
            word,
        )
    sign = (value > 0) - (value < 0)
    base_words = basis_words(basis, lang, default_lang)
    group = not zh

    def fmt(number: float | Decimal) -> str:
        return format_value(number, group)

    if kind in ("share", "percent", "ratio"):
        fig = Figure(qualifier, f"{fmt(value)}%", sep=sep, after=after, bound=word.bound)
    elif kind == "rank":
        rank = int(value)
        fig = Figure(qualifier, f"第{rank}" if zh else _ordinal(rank), sep=sep, bound=word.bound)
    elif kind in ("growth", "points"):
        magnitude = fmt(abs(as_decimal(value)))
        if kind == "growth":
            number, scale = f"{magnitude}%", ""
        else:
            number, scale = magnitude, ("个百分点" if zh else "pp")
        shown = number if unsigned else signed(number, value)
        verbs = (RISE_FALL if kind == "growth" else POINTS_RISE_FALL)[lang if zh else "en"]
        verb = "" if sign == 0 else verbs[0] if sign > 0 else verbs[1]
        if zh:
            spoken = f"{base_words}{verb}{qualifier}{number}{scale}"
        else:
            unit = " percentage points" if kind == "points" else ""
            spoken = " ".join(p for p in (verb, qualifier, number + unit, base_words) if p)
        fig = Figure(
            qualifier,
            shown,
            scale,
            sep=sep,
            spoken=spoken,
            basis=base_words,
            sign=sign,
            bound=word.bound,
        )
    elif kind == "multiple":
        fig = Figure(qualifier, fmt(value), "倍" if zh else "times", sep=sep, bound=word.bound)
    else:
        fig = _level(item, value, qualifier, lang, default_lang, sep, word.bound, shift)
        if kind == "change" and not unsigned:
            size = _level(item, abs(value), qualifier, lang, default_lang, sep, word.bound, shift)
            verbs = RISE_FALL[lang if zh else "en"]
            verb = "" if sign == 0 else verbs[0] if sign > 0 else verbs[1]
            if zh:
                spoken = f"{base_words}{verb}{size.full}"
            else:
                spoken = " ".join(p for p in (verb, size.full, base_words) if p)
            fig = replace(
                fig, number=signed(fig.number, value), sign=sign, basis=base_words, spoken=spoken
            )
    if per:
        when = PER[lang if zh else "en"][per]
        fig = replace(fig, before=when) if zh else replace(fig, after=when)
    if after:
        fig = replace(fig, after=after)
    if zh:  # Chinese sets a hyphen-minus: renderers draw U+2212 in the CJK face, spaced out
        fig = replace(fig, number=fig.number.replace(MINUS, "-"))
    return fig


def _between(fig: Figure, word: qualifiers.Word) -> Figure:
    """Return ``fig`` with ``word`` (多, 余) after its last digit, in every form it is said."""

    def placed(text: str) -> str:
        return _LAST_DIGIT.sub(lambda m: m.group() + word.text, text, count=1)

    return replace(fig, number=placed(fig.number), spoken=placed(fig.spoken), bound=word.bound)


_LAST_DIGIT = re.compile(r"\d(?=\D*$)")


def _level(
    item: Metric | Series,
    value: float,
    qualifier: str,
    lang: str,
    default_lang: str,
    sep: str,
    bound: str,
    shift: int | None = None,
) -> Figure:
    code = unit_code(item)
    zh = lang == "zh"
    match = _CURRENCY.match(code)
    if match:
        currency, scale = match.groups()
        if zh:
            number, word = _zh_number(item, value, scale or "", shift=shift)
            return Figure(
                qualifier,
                number,
                word + ZH_CURRENCY.get(currency, currency),
                sep=sep,
                bound=bound,
            )
        symbol = CURRENCY_SYMBOLS.get(currency, f"{currency} ")
        number = format_value(value)
        minus = number.startswith(MINUS)
        number = (MINUS if minus else "") + symbol + number.removeprefix(MINUS)
        return Figure(qualifier, number, scale or "", sep=sep, bound=bound)
    if code in _SCALES:
        if zh:
            number, word = _zh_number(item, value, code, shift=shift)
            return Figure(qualifier, number, word, sep=sep, bound=bound)
        return Figure(qualifier, format_value(value), code, sep=sep, bound=bound)
    noun = item.unit.get(lang, default_lang) if item.unit is not None else ""
    if zh:
        number, word = _zh_number(item, value, "", noun, shift)
        return Figure(qualifier, number, word, noun=noun, sep=sep, bound=bound)
    return Figure(qualifier, format_value(value), noun=noun, sep=sep, bound=bound)


def _zh_number(
    item: Metric | Series, value: float, scale: str, noun: str = "", shift: int | None = None
) -> tuple[str, str]:
    """Return a count or amount in Chinese as (digits, 万/亿 word), never comma-grouped.

    Counts of 10,000 and more are written in 万, 亿 or 万亿 (see :func:`zh_count`). A figure
    marked ``as_written``, or counted in a measure word that is already in 万 or 亿 (万人,
    亿元), keeps the digits its source wrote: 63000家, 49843.1亿元; a scale word is still
    said in Chinese (55.14 billion → 551.4亿).
    """
    if is_as_written(item) or zh_scaled(noun):
        factor, word = ZH_SCALES[scale]
        return format_value(scaled(value, factor), group=False), word
    number, word = zh_count(value, POWERS[scale], shift)
    return format_value(number, group=False), word


def zh_scaled(noun: str) -> bool:
    """Return True for a Chinese measure word already counted in 万 or 亿 (万人, 亿元)."""
    return _ZH_SCALED_NOUN.match(noun) is not None


def is_as_written(item: Metric | Series) -> bool:
    """Return True for a figure whose digits are shown as its source wrote them."""
    return item.as_written


def complement(metric: Metric) -> float:
    """Return 100 minus a percentage share (the derived remainder), exact in decimals."""
    assert metric.value is not None
    rest = Decimal(100) - as_decimal(metric.value)
    return float(rest)


def rest_words(metric: Metric, lang: str, default_lang: str) -> str:
    """Return the remainder of a share as honestly as the share is stated: "under 92%" for
    the rest of "over 8%", "92%" for the rest of an exact 8%."""
    word = qualifiers.resolve(metric.qualifier, lang, default_lang)
    bound = qualifiers.OPPOSITE[word.bound]
    said = qualifiers.REST_WORD["zh" if lang == "zh" else "en"][bound]
    number = f"{format_value(Decimal(100) - as_decimal(metric.value or 0))}%"
    return JOIN.get(lang, " ").join(p for p in (said, number) if p)


def expand(text: str, facts: Facts, lang: str = "en") -> str:
    """Return ``text`` with each ``{metric_id}`` replaced by the figure with qualifier and unit.

    ``{metric_id.number}`` gives the figure without its counted noun; for a growth or change,
    its size without its sign (the sentence says "fell" or "rose"). Nothing else is
    evaluated: a placeholder is a metric id, never an expression.
    """

    def replace(match: re.Match[str]) -> str:
        metric_id, _, part = match.group(1).partition(".")
        return placeholder(facts.metric(metric_id), part, lang, facts.meta.language)

    return PLACEHOLDER.sub(replace, text)


def placeholder(metric: Metric, part: str, lang: str = "en", default_lang: str = "en") -> str:
    """Return what ``{metric_id}`` (``part`` '') or ``{metric_id.number}`` (``part``
    'number') prints for ``metric`` in ``lang``: see :func:`expand`."""
    fig = figure(metric, lang, default_lang)
    if part == "number" and fig.sign:  # the sentence says rise or fall: the size alone
        size = fig.number.lstrip("+-" + MINUS)
        return fig.sep.join(p for p in (fig.qualifier, size, fig.scale) if p)
    return fig.amount if part == "number" else fig.full
