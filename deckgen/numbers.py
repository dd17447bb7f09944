"""Format figures exactly as the source states them: qualifier, number, unit."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .facts import PLACEHOLDER, Facts, Metric

CURRENCY_SYMBOLS = {"USD": "US$", "EUR": "€", "GBP": "£", "JPY": "JP¥", "CNY": "CN¥",
                    "RMB": "RMB ", "HKD": "HK$"}
_SCALES = ("thousand", "million", "billion", "trillion")
_CURRENCY = re.compile(r"^([A-Z]{3})(?: (thousand|million|billion|trillion))?$")


@dataclass(frozen=True)
class Figure:
    """A metric's figure split into the parts a slide sets at different sizes.

    ``qualifier`` ("nearly"), ``number`` ("98%", "US$55.14", "1st"), ``scale`` ("billion" for
    amounts, else ""), ``noun`` ("tasks", or "" when the label names what is counted).
    """

    qualifier: str
    number: str
    scale: str = ""
    noun: str = ""

    @property
    def amount(self) -> str:
        """Return qualifier, number and scale: "nearly 98%", "US$55.14 billion"."""
        return " ".join(p for p in (self.qualifier, self.number, self.scale) if p)

    @property
    def full(self) -> str:
        """Return the figure as a sentence says it: "around 500 measures"."""
        return " ".join(p for p in (self.amount, self.noun) if p)


def format_value(value: float) -> str:
    """Return the number as written in the facts file: 98, 44.5, 55.14."""
    if float(value).is_integer():
        return f"{int(value):,}"
    text = repr(float(value))
    whole, _, frac = text.partition(".")
    return f"{int(whole):,}.{frac}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def figure(metric: Metric) -> Figure:
    """Return the display parts of ``metric``."""
    number = format_value(metric.value)
    unit = metric.unit
    if unit == "%":
        return Figure(metric.qualifier, f"{number}%")
    if unit == "rank":
        return Figure(metric.qualifier, _ordinal(int(metric.value)))
    match = _CURRENCY.match(unit)
    if match:
        code, scale = match.groups()
        symbol = CURRENCY_SYMBOLS.get(code, f"{code} ")
        return Figure(metric.qualifier, f"{symbol}{number}", scale or "")
    if unit in _SCALES:
        return Figure(metric.qualifier, number, unit)
    return Figure(metric.qualifier, number, noun=unit)


def is_amount(metric: Metric) -> bool:
    """Return True for money amounts ('USD billion')."""
    return _CURRENCY.match(metric.unit) is not None


def complement(metric: Metric) -> float:
    """Return 100 minus a percentage share (the derived remainder), rounded as the input is."""
    decimals = len(format_value(metric.value).partition(".")[2])
    return round(100 - metric.value, decimals)


def expand(text: str, facts: Facts) -> str:
    """Return ``text`` with each ``{metric_id}`` replaced by the figure with qualifier and unit.

    ``{metric_id.number}`` gives the figure without its counted noun. Nothing else is
    evaluated: a placeholder is a metric id, never an expression.
    """

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        metric_id, _, part = name.partition(".")
        fig = figure(facts.metric(metric_id))
        return fig.amount if part == "number" else fig.full

    return PLACEHOLDER.sub(replace, text)
