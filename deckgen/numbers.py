"""Format figures exactly as the source states them: qualifier, number, unit — per language.

English: "nearly 98%", "around 500 measures", "US$55.14 billion", "1st".
Chinese: "近98%", "约500项", "551.4亿美元", "第1".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .facts import PLACEHOLDER, Facts, Metric
from .i18n import JOIN

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
# Chinese counts in 万 (10^4) and 亿 (10^8): (multiplier of the value, unit word).
ZH_SCALES = {
    "": (Decimal(1), ""),
    "thousand": (Decimal(1000), ""),
    "million": (Decimal(100), "万"),
    "billion": (Decimal(10), "亿"),
    "trillion": (Decimal(1), "万亿"),
}
ZH_QUALIFIERS = {
    "nearly": "近",
    "almost": "近",
    "around": "约",
    "about": "约",
    "over": "超过",
    "more than": "超过",
    "less than": "不到",
    "under": "不到",
    "up to": "最多",
    "at least": "至少",
    "": "",
}
_SCALES = ("thousand", "million", "billion", "trillion")
_CURRENCY = re.compile(r"^([A-Z]{3})(?: (thousand|million|billion|trillion))?$")


@dataclass(frozen=True)
class Figure:
    """A metric's figure split into the parts a slide sets at different sizes.

    ``qualifier`` ("nearly" / "近"), ``number`` ("98%", "US$55.14", "1st", "551.4"),
    ``scale`` ("billion" / "亿美元", else ""), ``noun`` ("tasks" / "项", or "" when the label
    names what is counted); ``sep`` joins the parts (" " in English, "" in Chinese).
    """

    qualifier: str
    number: str
    scale: str = ""
    noun: str = ""
    sep: str = " "

    @property
    def amount(self) -> str:
        """Return qualifier, number and scale: "nearly 98%", "US$55.14 billion", "近98%"."""
        return self.sep.join(p for p in (self.qualifier, self.number, self.scale) if p)

    @property
    def full(self) -> str:
        """Return the figure as a sentence says it: "around 500 measures", "约500项"."""
        return self.sep.join(p for p in (self.amount, self.noun) if p)


def format_value(value: float | Decimal) -> str:
    """Return the number as written in the facts file: 98, 44.5, 55.14."""
    number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if number == number.to_integral_value():
        return f"{int(number):,}"
    whole, _, frac = format(number.normalize(), "f").partition(".")
    return f"{int(whole):,}.{frac}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def unit_code(metric: Metric) -> str:
    """Return the unit as a formatting code ('%', 'rank', 'USD billion', …) or a noun in the
    document's language; '' when there is no unit."""
    return metric.unit.versions[0][1] if metric.unit is not None else ""


def is_share(metric: Metric) -> bool:
    return unit_code(metric) == "%"


def is_amount(metric: Metric) -> bool:
    """Return True for money amounts ('USD billion')."""
    return _CURRENCY.match(unit_code(metric)) is not None


def figure(metric: Metric, lang: str = "en", default_lang: str = "en") -> Figure:
    """Return the display parts of ``metric`` in ``lang``."""
    code = unit_code(metric)
    value = Decimal(str(metric.value))
    sep = JOIN.get(lang, " ")
    zh = lang == "zh"
    qualifier = ZH_QUALIFIERS.get(metric.qualifier, metric.qualifier) if zh else metric.qualifier
    if code == "%":
        return Figure(qualifier, f"{format_value(value)}%", sep=sep)
    if code == "rank":
        rank = int(value)
        return Figure(qualifier, f"第{rank}" if zh else _ordinal(rank), sep=sep)
    match = _CURRENCY.match(code)
    if match:
        currency, scale = match.groups()
        if zh:
            factor, word = ZH_SCALES[scale or ""]
            return Figure(
                qualifier,
                format_value(value * factor),
                word + ZH_CURRENCY.get(currency, currency),
                sep=sep,
            )
        symbol = CURRENCY_SYMBOLS.get(currency, f"{currency} ")
        return Figure(qualifier, f"{symbol}{format_value(value)}", scale or "", sep=sep)
    if code in _SCALES:
        if zh:
            factor, word = ZH_SCALES[code]
            return Figure(qualifier, format_value(value * factor), word, sep=sep)
        return Figure(qualifier, format_value(value), code, sep=sep)
    noun = metric.unit.get(lang, default_lang) if metric.unit is not None else ""
    return Figure(qualifier, format_value(value), noun=noun, sep=sep)


def complement(metric: Metric) -> float:
    """Return 100 minus a percentage share (the derived remainder), exact in decimals."""
    rest = Decimal(100) - Decimal(str(metric.value))
    return float(rest)


def expand(text: str, facts: Facts, lang: str = "en") -> str:
    """Return ``text`` with each ``{metric_id}`` replaced by the figure with qualifier and unit.

    ``{metric_id.number}`` gives the figure without its counted noun. Nothing else is
    evaluated: a placeholder is a metric id, never an expression.
    """

    def replace(match: re.Match[str]) -> str:
        metric_id, _, part = match.group(1).partition(".")
        fig = figure(facts.metric(metric_id), lang, facts.meta.language)
        return fig.amount if part == "number" else fig.full

    return PLACEHOLDER.sub(replace, text)
