"""Trend slides: series over time as native column or line charts.

The latest value is called out beside the chart and labelled on it; falls are drawn as
plainly as rises (a fall below the axis, or a column or dot in the decline colour for a
period lower than the one before, labelled '↓' so that colour is never the only cue); a
missing value is a gap, never a zero; the value axis always includes zero and is titled
with its unit. What is decided here (periods, gaps, falls, the axis) is shared with the
``trend`` PNG, so both tell the same story.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from .. import i18n
from ..errors import FactsError, FitError, counted
from ..facts import Cite, Point, Series, Story, kind_of
from ..layouts import SlideEntry
from ..numbers import (
    CURRENCY_SYMBOLS,
    POWERS,
    ZH_SCALES,
    ZH_UNITS,
    Figure,
    basis_words,
    format_value,
    unit_code,
    value_figure,
    zh_shift,
    zh_unit,
)
from ..numbers import signed as with_sign
from ..plan import Box, ChartEl, ChartSeries, ShapeEl, SlidePlan, inch
from ..qualifiers import Word
from ..stated import Stated, as_decimal
from ..text import Text
from ..textfit import WIDTH_MARGIN, ParaSpec, RunSpec, fit
from ..when import When
from .base import (
    Context,
    R,
    card,
    cited_sources,
    continued,
    footer,
    group_fit,
    hug,
    notes,
    para,
    text_box,
    title,
)

COLUMN_MAX = 12  # more values than this are drawn as a line
SIGNED = {"growth", "points", "change"}  # values below zero are falls
LEVELS = {"level", "share", "percent", "ratio", "multiple", "rate"}  # a lower value is a fall
PERCENT = {"share", "percent", "ratio", "growth"}
TICK_PT = 14.0  # tick and category labels
LABEL_PT = 16.0  # the latest value's data label
MIN_APART = 120  # RGB distance between the colours of rises and falls
DENSE = 40  # a line with more points than this has no dots: its falls show as the line falls
MAX_GAPS_SHOWN = 3  # more periods without a value are counted in the key, listed in the notes
GAP_WIDTH = 60  # between columns, in % of a column's width (as the renderer draws them)
AXIS_TITLE_MOST = 0.19  # of the chart's width: LibreOffice wraps a value axis' title at 0.2
FALL_MARK = "\u2193"  # '↓' labels each fall of a level: its colour is never the only cue
INTERVALS = {
    "year": (1, 2, 5, 10, 20, 50, 100),
    "quarter": (1, 2, 4, 8, 12, 20, 40, 80, 200),
    "month": (1, 2, 3, 6, 12, 24, 60, 120, 240, 600),
    "": (1,),
}
_CURRENCY = re.compile(r"^([A-Z]{3})(?: (thousand|million|billion|trillion))?$")


# -- what the chart shows (shared with the PNG) -------------------------------------------
@dataclass(frozen=True)
class Track:
    """One series lined up on the chart's categories.

    ``points`` is None where a period is missing from the series; ``values`` is None for a
    gap; ``marked`` flags the falls (a value below zero for growth rates and changes, a
    value lower than the period before for levels); ``latest`` is the index of the last
    value given.
    """

    series: Series
    path: str
    name: str
    points: tuple[Point | None, ...]
    values: tuple[float | None, ...]
    amounts: tuple[str, ...]  # each value as the source states it ('' for a gap)
    figures: tuple[Figure | None, ...]
    marked: tuple[bool, ...]
    latest: int


@dataclass(frozen=True)
class Axis:
    """The value axis: its range (always including zero), step, tick texts and title."""

    low: float
    high: float
    step: float
    ticks: tuple[float, ...]
    tick_texts: tuple[str, ...]
    number_format: str
    title: str
    factor: Decimal = Decimal(1)  # values are drawn multiplied by this (millions: 10^-6)

    def scaled(self, values: Sequence[float | None]) -> tuple[float | None, ...]:
        """Return ``values`` in the axis' unit (exact; a gap stays a gap)."""
        if self.factor == 1:
            return tuple(values)
        return tuple(None if v is None else float(as_decimal(v) * self.factor) for v in values)


@dataclass(frozen=True)
class Trend:
    """Everything a trend chart shows, in the build's language."""

    chart: str  # column or line
    kind: str  # the series' kind (growth, level, …)
    step: str  # year, quarter, month, or '' for categories
    categories: tuple[str, ...]  # short labels for the axis
    periods: tuple[str, ...]  # labels for sentences
    tracks: tuple[Track, ...]
    axis: Axis
    unit: str  # the unit as the alt text names it
    keys: tuple[object, ...] = ()  # each category's place in time (its index), or its name

    @property
    def signed(self) -> bool:
        return self.kind in SIGNED

    def gaps(self, track: Track) -> tuple[str, ...]:
        """Return the periods between the first and the last of ``track``'s values that
        have none (before or after them, another series may run on)."""
        given = [i for i, v in enumerate(track.values) if v is not None]
        return tuple(
            self.periods[i] for i in range(given[0], given[-1] + 1) if track.values[i] is None
        )


def chart_groups(
    ctx: Context, series_ids: Sequence[str], story: Story | None
) -> list[list[Series]]:
    """Return the series each chart shows: those listed (one chart; they must share unit
    and kind), else the story's, else one chart per series of the facts."""
    if series_ids:
        listed, where = list(series_ids), ""
    elif story is not None and story.series:
        listed, where = list(story.series), f"{ctx.story_path(story.id)}.series"
    else:
        return [[s] for s in ctx.facts.series]
    group = [ctx.facts.one_series(i) for i in dict.fromkeys(listed)]
    first = group[0]
    for other in group[1:]:
        if _measure(other) != _measure(first):
            what = (
                f"{first.id!r} is in {_unit_words(first)} and {other.id!r} in "
                f"{_unit_words(other)}: one chart cannot show series of different units"
            )
            path = where or f"{ctx.series_path(other.id)}.unit"
            if not where:
                what = "a trend slide lists this series with another of a different unit: " + what
            problem = ctx.located.problem(path, what, "show them on separate trend slides")
            raise FactsError(str(problem))
    return [group]


def _measure(series: Series) -> tuple[object, str, str]:
    basis = series.basis.versions if series.basis is not None else ()
    unit = series.unit.versions if series.unit is not None else ()
    return unit, kind_of(series), str(basis)


def _unit_words(series: Series) -> str:
    code = unit_code(series) or "no unit"
    kind = kind_of(series)
    return f"{code!r} ({kind})" if kind != "level" else repr(code)


def build_trend(ctx: Context, group: Sequence[Series], chart: str | None = None) -> Trend:
    """Return what a chart of ``group`` shows: periods with gaps, values, falls, the axis."""
    first = group[0]
    kind = kind_of(first)
    step, keys, labels = _categories(ctx, group)
    tracks = tuple(_track(ctx, s, step, keys) for s in group)
    given = max(len(s.points) for s in group)
    if chart is None:
        chart = first.chart or ("column" if given <= COLUMN_MAX else "line")
        if len(group) > 1:
            chart = "line"
    values = [v for t in tracks for v in t.values if v is not None]
    axis = _axis(ctx, first, min(values), max(values))
    periods = tuple(lab[1] for lab in labels)
    return Trend(
        chart,
        kind,
        step,
        tuple(lab[0] for lab in labels),
        periods,
        tracks,
        axis,
        _unit(ctx, first),
        tuple(keys) if step else tuple(range(len(keys))),
    )


def _time_index(raw: str) -> tuple[str, int] | None:
    """Return (year|quarter|month, its index in that step) for a period, None otherwise."""
    position = i18n.period_position(raw)
    if position is None:
        return None
    when = When.parse(raw)
    if when is None:  # a quarter: 2021-Q3
        return "quarter", round(position * 4)
    if when.month is None:
        return "year", when.year
    if when.day is None:
        return "month", when.year * 12 + when.month - 1
    return None  # days are shown as given


def _raw_period(step: str, index: int) -> str:
    if step == "year":
        return str(index)
    if step == "quarter":
        return f"{index // 4}-Q{index % 4 + 1}"
    return f"{index // 12}-{index % 12 + 1:02d}"


def _categories(
    ctx: Context, group: Sequence[Series]
) -> tuple[str, list[object], list[tuple[str, str]]]:
    """Return the step, the key of each category and its (axis, sentence) labels.

    Yearly, quarterly and monthly periods run without a break from the first to the last:
    a period missing between two given ones becomes a category with no value (a gap).
    """
    found = [_time_index(pt.period.versions[0][1]) for s in group for pt in s.points]
    steps = {f[0] for f in found if f is not None}
    if found and None not in found and len(steps) == 1:
        step = steps.pop()
        indexes = [f[1] for f in found if f is not None]
        keys: list[object] = list(range(min(indexes), max(indexes) + 1))
        if len(keys) > 4 * len(found) + 24:  # a stray period: show the given ones only
            keys = sorted(set(indexes))
    else:
        step = ""
        keys = list(dict.fromkeys(pt.period.versions[0][1] for s in group for pt in s.points))
    labels = []
    years = {_raw_period(step, k)[:4] for k in keys} if step else set()  # type: ignore[arg-type]
    for key in keys:
        raw = _raw_period(step, key) if step else str(key)  # type: ignore[arg-type]
        where = None if step else _where(ctx, group, step, key)
        if where is None:  # a date reads the same in any language: 2021, 2021-Q3
            axis = _axis_label(step, key, ctx.lang, len(years) == 1)  # type: ignore[arg-type]
            labels.append((axis, i18n.period(raw, ctx.lang)))
        else:
            point, path = where
            labels.append((ctx.period(point, path, True), ctx.period(point, path)))
    return step, keys, labels


def _axis_label(step: str, index: int, lang: str, one_year: bool = False) -> str:
    """Return a period as the axis shows it: 2021, Q3 2021, Jun 2021. In Chinese, the
    quarters or months of one year as a Chinese text names them (一季度, 10月: the year is in
    the sentences beside the chart); over several years without characters (2021Q3,
    2021-06), which chart renderers would break inside a label."""
    raw = _raw_period(step, index)
    if lang != "zh" or step == "year":
        return i18n.period(raw, lang, True)
    if one_year:
        return i18n.period(raw, lang).removeprefix(raw[:4] + "年")
    if step == "quarter":
        return raw.replace("-", "")
    return raw


def _key(step: str, point: Point) -> object:
    raw = point.period.versions[0][1]
    found = _time_index(raw) if step else None
    return found[1] if found else raw


def _where(ctx: Context, group: Sequence[Series], step: str, key: object):
    for s in group:
        for j, pt in enumerate(s.points):
            if _key(step, pt) == key:
                return pt, f"{ctx.series_path(s.id)}.points[{j}].period"
    return None


def _track(ctx: Context, series: Series, step: str, keys: list[object]) -> Track:
    path = ctx.series_path(series.id)
    by_key = {_key(step, pt): pt for pt in series.points}
    points = tuple(by_key.get(k) for k in keys)
    values = tuple(pt.value if pt is not None else None for pt in points)
    figures = tuple(
        ctx.value_figure(series, pt) if pt is not None and pt.value is not None else None
        for pt in points
    )
    amounts = tuple(_stated(f) if f is not None else "" for f in figures)
    kind = kind_of(series)
    marked = []
    for i, v in enumerate(values):
        if v is None:
            marked.append(False)
        elif kind in SIGNED:
            marked.append(v < 0)
        elif kind in LEVELS and step and i > 0 and values[i - 1] is not None:
            marked.append(v < values[i - 1])  # type: ignore[operator]
        else:
            marked.append(False)
    latest = max(i for i, v in enumerate(values) if v is not None)
    name = ctx.text(
        series.short or series.name, f"{path}.short" if series.short else f"{path}.name"
    )
    return Track(series, path, name, points, values, amounts, figures, tuple(marked), latest)


def _axis(ctx: Context, series: Series, low: float, high: float) -> Axis:
    """Return a value axis from zero (or below, for falls) with round steps of about five,
    in the unit the axis title names (values are multiplied by ``factor`` to be drawn)."""
    factor, axis_title = _display(ctx, series, max(abs(low), abs(high)))
    bottom, top, step = nice_range(
        float(as_decimal(low) * factor), float(as_decimal(high) * factor)
    )
    kind = kind_of(series)
    if kind == "share" and top > 100 >= high:
        top = Decimal(100)
    ticks = []
    value = bottom
    while value <= top:
        ticks.append(value)
        value += step
    places = max(0, -step.as_tuple().exponent)  # type: ignore[operator]
    quantum = Decimal(1).scaleb(-places)
    percent = kind in PERCENT
    texts = []
    zh = ctx.lang == "zh"  # Chinese never groups digits with commas (50000, 6.3万)
    minus = "-" if zh else "\u2212"  # and sets a hyphen-minus, as its figures do
    for t in ticks:
        text = format_value(t.quantize(quantum), group=not zh)
        if percent:
            text += "%"
        if kind in SIGNED:
            text = with_sign(text.lstrip("\u2212"), float(t))
        texts.append(text.replace("\u2212", minus))
    core = ("0" if zh else "#,##0") + ("." + "0" * places if places else "")
    if percent:
        core += '"%"'
    code = f'"+"{core};"{minus}"{core};{core}' if kind in SIGNED else core
    if ctx.lang != "zh":
        axis_title = axis_title[:1].upper() + axis_title[1:]
    return Axis(
        float(bottom),
        float(top),
        float(step),
        tuple(float(t) for t in ticks),
        tuple(texts),
        code,
        axis_title,
        factor,
    )


def nice_range(low: float, high: float, target: int = 5) -> tuple[Decimal, Decimal, Decimal]:
    """Return (bottom, top, step) of an axis holding ``low``..``high`` and zero, in about
    ``target`` round steps (1, 2 or 5 times a power of ten), with room above the
    highest value (and below the lowest) for its label."""
    lo, hi = Decimal(repr(min(low, 0.0))), Decimal(repr(max(high, 0.0)))
    if hi == lo:
        hi = lo + 1
    raw = (hi - lo) / target
    magnitude = Decimal(1).scaleb(raw.adjusted())
    step = next(magnitude * m for m in (1, 2, 5, 10) if magnitude * m >= raw)
    bottom = (lo / step).to_integral_value(ROUND_FLOOR) * step
    top = (hi / step).to_integral_value(ROUND_CEILING) * step
    room = (top - bottom) * Decimal("0.08")
    if hi > 0 and top - hi < room:
        top += step
    if lo < 0 and lo - bottom < room:
        bottom -= step
    return bottom.normalize() + 0, top.normalize() + 0, step.normalize() + 0


def _display(ctx: Context, series: Series, largest: float) -> tuple[Decimal, str]:
    """Return the factor the values are drawn at and the axis title naming that unit.

    Long numbers are drawn in millions or billions (万 or 亿 in Chinese), and an amount in
    'USD billion' at 亿美元 in Chinese, so that the ticks stay short and read as the
    figures are said; the factor is exact (no value is rounded).
    """
    kind = kind_of(series)
    if kind == "growth":
        basis = basis_words(series.basis, ctx.lang, ctx.default_lang)
        return Decimal(1), ctx.say("axis_growth", basis=basis).strip(" ,")
    if kind in PERCENT:  # the ticks carry their '%'
        return Decimal(1), ""
    if kind == "points":
        return Decimal(1), ctx.say("axis_points")
    if ctx.lang == "zh":
        return _display_zh(ctx, series, largest)
    code = unit_code(series)
    currency = _CURRENCY.match(code)
    if currency and currency.group(2):  # USD billion: US$ billion
        symbol, scale = currency.groups()
        return Decimal(1), f"{CURRENCY_SYMBOLS.get(symbol, symbol).strip()} {scale}"
    if code in ZH_SCALES and code:  # a bare scale: million
        return Decimal(1), ctx.say(f"axis_{code}")
    if currency:
        unit = CURRENCY_SYMBOLS.get(currency.group(1), currency.group(1))
    else:
        probe = value_figure(series, 1.0, Word("", "exact"), ctx.lang, ctx.default_lang)
        unit = probe.noun or probe.scale
    unit = unit.strip()
    for power, key in ((9, "axis_billion"), (6, "axis_million")):
        if largest >= 10**power:
            return Decimal(1).scaleb(-power), ctx.say("axis_scaled", unit=unit, scale=ctx.say(key))
    return Decimal(1), unit


def _display_zh(ctx: Context, series: Series, largest: float) -> tuple[Decimal, str]:
    """Return the factor and axis title of a Chinese chart: as Chinese statistical charts
    do, the axis counts in the 万 or 亿 of the largest value (万 from 10,000, 亿 from 10^8,
    万亿 from 10^12) and its title names that unit (万家, 亿美元), so that the ticks read
    0, 2, 4 … and never need a separator. A series kept as written, or counted in a measure
    word already in 万 or 亿 (亿元), is drawn in the unit its values are written in."""
    code = unit_code(series)
    with ctx.unit_text(ctx.series_path(series.id), series):
        if _CURRENCY.match(code) or (code and code in POWERS):  # USD billion: 美元 in 亿
            scale, unit = zh_unit(series, ctx.default_lang)
        else:
            probe = value_figure(series, 1.0, Word("", "exact"), ctx.lang, ctx.default_lang)
            scale, unit = "", (probe.noun or probe.scale).strip()
    shift = zh_shift(series, [largest], ctx.default_lang)
    if shift is None:  # as written: 'USD billion' at 亿美元, as its figures are said
        factor, word = ZH_SCALES[scale]
    else:
        factor, word = Decimal(1).scaleb(POWERS[scale] - shift), dict(ZH_UNITS).get(shift, "")
    return factor, ctx.say("axis_scaled", unit=unit, scale=word) if word else unit


def _unit(ctx: Context, series: Series) -> str:
    if kind_of(series) in PERCENT:  # a growth rate's basis is named with the series
        return "%"
    return _display(ctx, series, 0.0)[1] or ctx.text(
        series.name, f"{ctx.series_path(series.id)}.name"
    )


# -- words --------------------------------------------------------------------------------
def alt_text(ctx: Context, trend: Trend) -> str:
    """Return the chart's description: kind, what, span, unit, low, high, latest, falls."""
    sep = ctx.say("list_sep")
    details = []
    for t in trend.tracks:
        parts = _extremes(ctx, trend, t)
        falls = [trend.periods[i] for i, m in enumerate(t.marked) if m]
        if falls:
            key = "alt_trend_negative" if trend.signed else "alt_trend_falls"
            parts.append(ctx.say(key, periods=_listed(ctx, falls)))
        if trend.gaps(t):
            parts.append(ctx.say("alt_trend_gaps", periods=_listed(ctx, trend.gaps(t))))
        text = sep.join(parts)
        details.append(
            ctx.say("alt_trend_series", name=t.name, details=text)
            if len(trend.tracks) > 1
            else text
        )
    names = _listed(ctx, [t.name for t in trend.tracks])
    name = names if ctx.lang == "zh" else _lower_first(names)
    if trend.kind == "growth":
        basis = trend.tracks[0].figures[trend.tracks[0].latest].basis  # type: ignore[union-attr]
        name = ctx.say("trend_rates", name=name, basis=basis)
    return ctx.say(
        "alt_trend",
        chart=ctx.say(f"trend_{trend.chart}"),
        name=name,
        step=ctx.say(f"trend_by_{trend.step or 'period'}"),
        start=trend.periods[0],
        end=trend.periods[-1],
        unit=trend.unit,
        details=sep.join(details),
    )


def _extremes(ctx: Context, trend: Trend, t: Track) -> list[str]:
    given = [i for i, v in enumerate(t.values) if v is not None]
    low = min(given, key=lambda i: (t.values[i], i))
    high = max(given, key=lambda i: (t.values[i], -i))
    out = []
    if all(_compared(t, low, i) in ("trend_lower", "trend_same") for i in given if i != low):
        out.append(ctx.say("alt_trend_low", amount=t.amounts[low], period=trend.periods[low]))
    if all(_compared(t, high, i) in ("trend_higher", "trend_same") for i in given if i != high):
        out.append(ctx.say("alt_trend_high", amount=t.amounts[high], period=trend.periods[high]))
    latest = t.amounts[t.latest]
    return [*out, ctx.say("alt_trend_latest", amount=latest, period=trend.periods[t.latest])]


def _listed(ctx: Context, items: Sequence[str]) -> str:
    return ("、" if ctx.lang == "zh" else ", ").join(items)


def _lower_first(text: str) -> str:
    word = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if word[1:].islower() else text


def _stated(fig: Figure) -> str:
    """Return a value as the source states it, with a qualifier that follows it (以上)."""
    if not fig.after:
        return fig.amount
    return fig.amount + fig.after if fig.sep == "" else f"{fig.amount} {fig.after}"


def _range(fig: Figure | None, value: float) -> tuple[float, float]:
    """Return the least and the most a stated value may be, by its qualifier's bound."""
    bound = fig.bound if fig is not None else "exact"
    if bound == "lower":
        return value, float("inf")
    if bound == "upper":
        return float("-inf"), value
    return value, value


def _compared(t: Track, i: int, j: int) -> str:
    """Return how value ``i`` stands to value ``j`` ('trend_higher', 'trend_lower',
    'trend_same'), or '' when their qualifiers leave it open ("over 10" and "over 10")."""
    a = _range(t.figures[i], t.values[i])  # type: ignore[arg-type]
    b = _range(t.figures[j], t.values[j])  # type: ignore[arg-type]
    if a[0] > b[1]:
        return "trend_higher"
    if a[1] < b[0]:
        return "trend_lower"
    if a[0] == a[1] == b[0] == b[1]:
        return "trend_same"
    return ""


def callout_lines(ctx: Context, trend: Trend) -> list[tuple[str, str]]:
    """Return the callout of a single series as (role, text) paragraphs: latest (the
    period), qualifier, number, unit, change (the spoken rise or fall, or the comparison
    with the period before), high and low (a role may have two paragraphs)."""
    t = trend.tracks[0]
    fig = t.figures[t.latest]
    assert fig is not None
    periods = [p.replace(" ", "\u00a0") for p in trend.periods]  # 'Q4 2023' stays whole
    # levels with their noun (330,971,689 visits), rates as numbers (+9.6%)
    said = ["" if f is None else f.amount if f.spoken else f.full for f in t.figures]
    lines = [("latest", ctx.say("trend_latest", period=periods[t.latest]))]
    lines.append(("qualifier", fig.qualifier))
    # a qualifier after the figure (以上) stays beside it, or beside its noun
    after = "" if fig.noun else fig.after
    lines.append(("number", fig.sep.join(p for p in (fig.number, fig.scale, after) if p)))
    if fig.spoken:
        lines.append(("change", fig.spoken))
    else:
        noun = fig.sep.join(p for p in (fig.noun, fig.after if fig.noun else "") if p)
        lines.append(("unit", (fig.before + " " + noun).strip() if fig.before else noun))
        before = t.latest - 1
        if trend.step and before >= 0 and t.values[before] is not None:
            key = _compared(t, t.latest, before)
            if key:
                lines.append(("change", ctx.say(key, period=periods[before], amount=said[before])))
    given = [i for i, v in enumerate(t.values) if v is not None]
    if len(given) > 2:
        high = max(given, key=lambda i: (t.values[i], -i))
        low = min(given, key=lambda i: (t.values[i], i))
        # only what the stated figures prove: "over 10" is not the highest beside "over 10"
        if all(_compared(t, high, i) in ("trend_higher", "trend_same") for i in given if i != high):
            lines.append(
                ("extreme", ctx.say("trend_highest", amount=said[high], period=periods[high]))
            )
        if all(_compared(t, low, i) in ("trend_lower", "trend_same") for i in given if i != low):
            lines.append(
                ("extreme", ctx.say("trend_lowest", amount=said[low], period=periods[low]))
            )
    # A line may be worded as two ('最高：2016年' over the amount), so that no amount
    # breaks; the second is marked with a '+' after its role (no space before it).
    return [
        (role + ("+" if k else ""), part)
        for role, text in lines
        if text
        for k, part in enumerate(text.split("\n"))
    ]


def key_items(ctx: Context, trend: Trend, marks: bool = False) -> list[tuple[str, str, str]]:
    """Return the chart's key as (swatch: fill|dot|line|empty, hex colour, text); with
    ``marks`` the falls' text starts with the '↓' their labels carry."""
    items: list[tuple[str, str, str]] = []
    if len(trend.tracks) > 1:
        style = "line" if trend.chart == "line" else "fill"
        for i, t in enumerate(trend.tracks):
            items.append((style, ctx.theme.chart[i % len(ctx.theme.chart)], t.name))
    elif any(trend.tracks[0].marked) and not dense(trend):
        swatch = "fill" if trend.chart == "column" else "dot"
        text = _marked_name(ctx, trend)
        if marks and fall_marks(trend):
            text = FALL_MARK + ("" if ctx.lang == "zh" else " ") + text
        items.append((swatch, ctx.color("decline"), text))
    for t in trend.tracks:
        found = trend.gaps(t)
        gaps = _listed(ctx, found)
        if len(found) > MAX_GAPS_SHOWN:
            key = "trend_gaps_many_of" if len(trend.tracks) > 1 else "trend_gaps_many"
            text = ctx.say(key, name=t.name, count=len(found))
            items.append(("empty", ctx.color("rule"), text))
        elif gaps and len(trend.tracks) > 1:
            items.append(
                ("empty", ctx.color("rule"), ctx.say("trend_gap_of", name=t.name, periods=gaps))
            )
        elif gaps:
            items.append(("empty", ctx.color("rule"), ctx.say("trend_gap", periods=gaps)))
    return items


def notes_text(ctx: Context, trend: Trend) -> str:
    """Return the notes' figures: each value with its period and source, and the stated
    total beside the (derived) sum of the values."""
    lines = []
    for t in trend.tracks:
        lines.append(ctx.say("note_series", name=t.name, cite=cite_words(ctx, t.series.cite)))
        given = [i for i, v in enumerate(t.values) if v is not None]
        for i in range(given[0], given[-1] + 1):
            pt, fig = t.points[i], t.figures[i]
            if fig is None:
                lines.append(ctx.say("note_no_value", period=trend.periods[i]))
            elif pt is not None and pt.cite is not None:
                lines.append(
                    ctx.say(
                        "note_value_cited",
                        period=trend.periods[i],
                        amount=fig.full,
                        cite=cite_words(ctx, pt.cite),
                    )
                )
            else:
                lines.append(ctx.say("note_value", period=trend.periods[i], amount=fig.full))
        if t.series.total is not None:
            total = sum((as_decimal(v) for v in t.values if v is not None), Decimal(0))
            lines.append(
                ctx.say(
                    "note_total",
                    total=_full(ctx, t.series, t.series.total),
                    sum=_full(ctx, t.series, Stated(format(total, "f"))),
                )
            )
    return "\n".join(lines)


def _full(ctx: Context, series: Series, value: float) -> str:
    return ctx.value_figure(series, Point(Text.plain(""), value)).full


def cite_words(ctx: Context, cite: Cite) -> str:
    index = next(i for i, s in enumerate(ctx.facts.sources) if s.id == cite.source)
    short = ctx.text(ctx.facts.sources[index].short, f"sources[{index}].short")
    return ctx.say("cite", short=short, n=cite.para)


# -- the slide ----------------------------------------------------------------------------
def plan(ctx: Context, entry: SlideEntry) -> list[SlidePlan]:
    story = ctx.facts.story(entry.story) if entry.story else None
    groups = chart_groups(ctx, entry.series, story)
    slides = []
    for n, group in enumerate(groups):
        # Without a story of its own, a chart takes the message of a story about its series.
        told = story or _story_about(ctx, [s.id for s in group])
        if entry.title is not None:
            heading, what = ctx.text(entry.title, "title"), "title"
        elif told is not None:
            what = f"{ctx.story_path(told.id)}.title"
            heading = ctx.text(told.title, what)
        else:
            what = f"{ctx.series_path(group[0].id)}.name"
            heading = ctx.text(group[0].name, what)
        if len(groups) > 1 and (entry.title is not None or story is not None):
            heading = continued(ctx, heading, n, len(groups))
        trend = build_trend(ctx, group, entry.chart if entry.chart in ("column", "line") else None)
        slides.append(
            SlidePlan(
                "trend",
                "title_only",
                title(ctx, heading, what),
                (
                    *_elements(ctx, trend),
                    *footer(ctx, cited_sources(ctx, series_ids=[s.id for s in group])),
                ),
                notes(ctx, told, (), notes_text(ctx, trend)),
            )
        )
    return slides


def _story_about(ctx: Context, series_ids: list[str]):
    """Return the first story that lists exactly these series, or None."""
    return next((s for s in ctx.facts.stories if list(s.series) == series_ids), None)


def _elements(ctx: Context, trend: Trend) -> list:
    content = ctx.grid.content
    callout_w = max(content.w * 28 // 100, inch(2.6))
    gap = inch(0.35)
    chart_w = content.w - callout_w - gap
    key = _key_row(ctx, trend, Box(content.x, content.bottom, chart_w, 0))
    key_h = (
        (max(el.box.bottom for el in key) - min(el.box.y for el in key) + inch(0.12)) if key else 0
    )
    chart_box = Box(content.x, content.y, chart_w, content.h - key_h)
    key = [
        _moved(el, content.bottom - key_h + inch(0.12) - min(e.box.y for e in key)) for el in key
    ]
    callout = _callout(ctx, trend, Box(content.right - callout_w, content.y, callout_w, content.h))
    return [*_chart(ctx, trend, chart_box), *key, *callout]


def _moved(el, dy: int):
    from dataclasses import replace

    box = el.box
    return replace(el, box=Box(box.x, box.y + dy, box.w, box.h))


def _key_row(ctx: Context, trend: Trend, area: Box) -> list:
    """Return the key's swatches and texts, laid out in rows from ``area``'s top left."""
    items = key_items(ctx, trend, marks=True)
    out: list = []
    swatch = inch(0.22)
    row_h = inch(0.36)
    x, y = area.x, area.y
    for i, (style, colour, text) in enumerate(items):
        text_w = int(text_width(ctx, text, 14) * 12700 / WIDTH_MARGIN) + 2 * 45720 + inch(0.05)
        text_w = min(text_w, area.w - swatch - inch(0.1))
        need = swatch + inch(0.1) + text_w
        if x > area.x and x + need > area.right:
            x, y = area.x, y + row_h
        top = y + (row_h - swatch) // 2
        if style == "line":
            out.append(
                ShapeEl(
                    f"Key {i + 1} swatch",
                    Box(x, top + swatch // 2 - inch(0.03), swatch, inch(0.06)),
                    "rect",
                    colour,
                )
            )
        elif style in ("fill", "dot"):
            shape = "rect" if style == "fill" else "ellipse"
            out.append(ShapeEl(f"Key {i + 1} swatch", Box(x, top, swatch, swatch), shape, colour))
        else:
            out.append(
                ShapeEl(
                    f"Key {i + 1} swatch", Box(x, top, swatch, swatch), "rect", None, colour, 1.25
                )
            )
        out.append(
            text_box(
                ctx,
                f"Key {i + 1}",
                Box(x + swatch + inch(0.1), y, text_w, row_h),
                [para(R(text, (14, 14), "muted"))],
                "series",
                anchor="middle",
            )
        )
        x += need + inch(0.3)
    return out


def text_width(ctx: Context, text: str, size: float, bold: bool = False) -> float:
    """Return the width (pt) of ``text`` on one line, measured as the text is fitted."""
    spec = ParaSpec((RunSpec(text, size, size, bold, ctx.font("body")),))
    fitted = fit([spec], 100_000, 100_000)
    return fitted.width_pt if fitted is not None else 0.0


def _callout(ctx: Context, trend: Trend, box: Box) -> list:
    """Return the card beside the chart calling out the latest value(s)."""
    inner = box.inset(inch(0.25), inch(0.25))
    falling = trend.tracks[0].marked[trend.tracks[0].latest]

    def build(hero: float, scale: float) -> list:
        if len(trend.tracks) == 1:
            paras = []
            for key, text in callout_lines(ctx, trend):
                role, more = key.rstrip("+"), key.endswith("+")
                if role == "latest":
                    paras.append(para(R(text, _size((18, 14), scale), "muted", bold=True)))
                elif role == "qualifier":
                    paras.append(para(R(text, _size((20, 14), scale), "muted"), space_before_pt=6))
                elif role == "number":
                    paras.append(
                        para(
                            R(
                                text,
                                (hero, hero),
                                "decline" if falling and trend.signed else "primary",
                                bold=True,
                                font="heading",
                                keep=True,
                            ),
                            space_before_pt=2,
                        )
                    )
                elif role == "unit":
                    paras.append(para(R(text, _size((20, 14), scale)), space_before_pt=2))
                elif role == "change":
                    paras.append(
                        para(
                            R(text, _size((18, 14), scale), bold=True),
                            space_before_pt=0 if more else 8,
                        )
                    )
                else:
                    paras.append(
                        para(
                            R(text, _size((16, 14), scale), "muted"),
                            space_before_pt=0 if more else 8,
                        )
                    )
        else:
            paras = []
            for i, t in enumerate(trend.tracks):
                period = trend.periods[t.latest].replace(" ", "\u00a0")
                latest = ctx.say("trend_latest", period=period)
                paras.append(
                    para(
                        R(t.name, _size((18, 14), scale), bold=True), space_before_pt=14 if i else 0
                    )
                )
                paras.append(
                    para(
                        R(
                            t.amounts[t.latest],
                            (hero * 0.6, hero * 0.6),
                            "primary",
                            bold=True,
                            font="heading",
                            keep=True,
                        ),
                        space_before_pt=2,
                    )
                )
                paras.append(para(R(latest, _size((16, 14), scale), "muted")))
        return [
            hug(
                text_box(
                    ctx,
                    "Latest value",
                    inner,
                    paras,
                    f"{trend.tracks[0].path}.points",
                    background=ctx.color("surface"),
                )
            )
        ]

    text = group_fit((40, 24), build, last=16)[0]  # a long figure may shrink to fit its card
    tile = Box(box.x, box.y, box.w, text.box.h + inch(0.5))
    return [card(ctx, "Latest value card", tile), text]


def _size(size: tuple[float, float], scale: float) -> tuple[float, float]:
    value = max(size[1], round(size[0] * scale * 2) / 2)
    return (value, value)


def _chart(ctx: Context, trend: Trend, area: Box) -> list:
    """Return the native chart, its plot area measured so that no label collides.

    The unit is the value axis' title, set level over the axis at the chart's top left (so
    that the chart names its unit wherever it is copied). A unit wider than a fifth of the
    chart, where LibreOffice wraps an axis title whatever its box, is a text box over the
    chart instead (the alt text names the unit either way).
    """
    pt = 12700
    axis = trend.axis
    unit: list = []
    box = area
    top = 0  # room for the axis title at the chart's top
    if axis.title:
        label = hug(
            text_box(
                ctx,
                "Value axis unit",
                Box(area.x, area.y, area.w, inch(0.6)),
                [para(R(axis.title, (TICK_PT, TICK_PT), "muted"))],
                f"{trend.tracks[0].path}.unit",
            ),
            1.0,
        )
        wide = text_width(ctx, axis.title, TICK_PT) * pt + 2 * label.inset_x
        if len(label.paragraphs[0].lines) <= 1 and wide <= AXIS_TITLE_MOST * area.w:
            top = label.box.h
        else:
            unit = [label]
            box = Box(area.x, label.box.bottom, area.w, area.bottom - label.box.bottom)
    tick_w = max(text_width(ctx, t, TICK_PT) for t in axis.tick_texts) * pt
    line_h = int(TICK_PT * 1.25 * pt)
    title_h = top + line_h // 2 + inch(0.1)
    left = int(tick_w) + inch(0.2)
    marks = fall_marks(trend)
    labels = [_latest_labels(t, marks) for t in trend.tracks]
    latest_w = (
        max(text_width(ctx, lab[t.latest], LABEL_PT, True) for t, lab in zip(trend.tracks, labels))
        * pt
    )
    latest = max(t.latest for t in trend.tracks)
    side_by_side = len(trend.tracks) > 1 and trend.chart == "column"
    if side_by_side:  # columns side by side are called out beside the chart only
        latest_w = 0
    count = len(trend.categories)
    right = inch(0.15)
    for _ in range(3):  # the label of the latest value sets off rightwards from it
        slot = (box.w - left - right) / count
        after = (count - latest - 0.5) * slot  # from the latest point to the plot's edge
        if trend.chart == "column":
            reach = latest_w - slot / 2 / (1 + GAP_WIDTH / 100)
        else:
            reach = latest_w + inch(0.15)
        right = max(inch(0.15), int(reach - after + inch(0.1)))
    plot_w = box.w - left - right
    slot = plot_w / count
    column_w = slot / (1 + GAP_WIDTH / 100)
    # a label wider than its column starts at the column's left edge, clear of those before
    label_dx = max(0.0, (latest_w - column_w) / 2 / box.w) if trend.chart == "column" else 0.0
    bottom = line_h + inch(0.15)
    plot_h = box.h - title_h - bottom
    if plot_w <= 0 or plot_h < inch(1.5):
        problem = ctx.located.problem(
            trend.tracks[0].path,
            f"the chart has no room for {counted(count, 'period')}",
            "show fewer periods",
        )
        raise FitError(str(problem))
    # Labels stand this far apart: each as wide as its text box, with a gap between.
    widest = max(_label_w(ctx, c) for c in trend.categories) + inch(0.08)
    every = label_every(trend, widest / slot)
    if every is None:
        problem = ctx.located.problem(
            f"{trend.tracks[0].path}.points",
            f"the category names do not fit under the chart even at {TICK_PT:g} pt",
            "shorten them",
        )
        raise FitError(str(problem))
    plot = (left / box.w, title_h / box.h, plot_w / box.w, plot_h / box.h)
    first, *others = trend.tracks
    decline = ctx.color("decline")
    base = ctx.theme.chart[0] if others else rise_colour(ctx)  # the key names each series
    if side_by_side:
        labels = [("",) * count for _ in trend.tracks]
        label_dx = 0.0
    elif _labels_collide(trend, plot_h):
        labels = [labels[0]] + [("",) * count for _ in others]
    more = [
        ChartSeries(
            t.name, axis.scaled(t.values), ctx.theme.chart[(i + 1) % len(ctx.theme.chart)], lab
        )
        for i, (t, lab) in enumerate(zip(others, labels[1:]))
    ]
    if trend.chart == "column" and not others:
        colours = tuple(decline if m else base for m in first.marked)
    elif others:
        colours = (base,) * count
    else:  # falls marked by a series of their own: point colours are not drawn everywhere
        colours = (base,) * count
        if any(first.marked) and not dense(trend):
            marked = tuple(
                v if m else None for v, m in zip(axis.scaled(first.values), first.marked)
            )
            # each fall's mark beside its dot; the latest value's label carries its own
            falls = tuple(
                FALL_MARK if m and i != first.latest else "" for i, m in enumerate(first.marked)
            )
            labels[0] = tuple(text if i == first.latest else "" for i, text in enumerate(labels[0]))
            more.append(
                ChartSeries(_marked_name(ctx, trend), marked, decline, falls if marks else (), True)
            )
    return (
        unit
        + [
            ChartEl(
                f"{first.series.id} chart",
                box,
                trend.chart,  # type: ignore[arg-type]
                trend.categories,
                axis.scaled(first.values),
                colours,
                labels[0],
                alt_text(ctx, trend),
                ctx.color("text"),
                label_size_pt=LABEL_PT,
                axis_max=axis.high,
                axis_min=axis.low,
                major_unit=axis.step,
                axis_title=axis.title if top else "",
                tick_format=axis.number_format,
                tick_size_pt=TICK_PT,
                plot=tuple(round(f, 4) for f in plot),  # type: ignore[arg-type]
                markers=not dense(trend),
                series_name=first.name,
                line_color=base,
                more=tuple(more),
                axis_color=ctx.color("muted"),
                grid_color=ctx.theme.chart_rest,
                label_dx=round(label_dx, 4),
                hide_categories=every > 1,
            )
        ]
        + (
            _period_labels(ctx, trend, every, box, left, slot, title_h + plot_h)
            if every > 1
            else []
        )
    )


def _label_w(ctx: Context, text: str) -> int:
    """Return the width (EMU) of the text box of a category label under the chart."""
    return int(text_width(ctx, text, TICK_PT) * 12700 / WIDTH_MARGIN) + 2 * 45720 + inch(0.04)


def _period_labels(
    ctx: Context, trend: Trend, every: int, box: Box, left: int, slot: float, axis_y: int
) -> list:
    """Return every ``every``-th category label as text under its category.

    Chart renderers differ in how they thin out labels (LibreOffice does not, and breaks
    each label into lines one category wide), so thinned labels are set as text here,
    under the plot area the chart is drawn with."""
    out = []
    for i, text in enumerate(shown_labels(trend, every)):
        if not text:
            continue
        width = _label_w(ctx, text)
        centre = box.x + left + int(slot * (i + 0.5))
        x = min(max(centre - width // 2, box.x), box.right - width)
        out.append(
            text_box(
                ctx,
                f"Period {i + 1}",
                Box(
                    x, box.y + axis_y + inch(0.04), width, int(TICK_PT * 1.25 * 12700) + inch(0.08)
                ),
                [para(R(text, (TICK_PT, TICK_PT)), align="center")],
                f"{trend.tracks[0].path}.points[{i}].period",
            )
        )
    return out


def rise_colour(ctx: Context) -> str:
    """Return the colour of values that did not fall: the first chart colour, or, when it
    is hard to tell from the decline colour (a monochrome theme), the theme's chart colour
    that stands furthest from it."""
    decline = ctx.color("decline")
    first = ctx.theme.chart[0]
    if _apart(first, decline) >= MIN_APART:
        return first
    return max((*ctx.theme.chart, ctx.theme.chart_rest), key=lambda c: _apart(c, decline))


def _apart(a: str, b: str) -> float:
    """Return how far apart two hex colours are (distance in RGB, 0 to 441)."""
    pairs = [(int(a[i : i + 2], 16), int(b[i : i + 2], 16)) for i in (0, 2, 4)]
    return sum((x - y) ** 2 for x, y in pairs) ** 0.5


def dense(trend: Trend) -> bool:
    """Return True for a line too long for a dot on each point: the line shows its falls."""
    return trend.chart == "line" and len(trend.categories) > DENSE


def label_every(trend: Trend, slots_needed: float) -> int | None:
    """Return how many categories apart the axis labels stand so that they never collide
    (every year, every 2nd, 5th …; every 4th quarter …), None if even that is too close."""
    return next((k for k in INTERVALS[trend.step] if slots_needed <= k), None)


def shown_labels(trend: Trend, every: int) -> tuple[str, ...]:
    """Return the category labels with all but every ``every``-th left empty, counted so
    that round periods keep theirs (2010, 2015; each Q1; each January)."""
    if every == 1:
        return trend.categories
    start = next((i for i, k in enumerate(trend.keys) if k % every == 0), 0)  # type: ignore[operator]
    return tuple(c if (i - start) % every == 0 else "" for i, c in enumerate(trend.categories))


def _marked_name(ctx: Context, trend: Trend) -> str:
    return ctx.say("trend_below_zero" if trend.signed else f"trend_fell_{trend.step or 'period'}")


def _labels_collide(trend: Trend, plot_h: float) -> bool:
    """Return True when the latest values of several series would be labelled on top of
    each other (they are then called out beside the chart only)."""
    if len(trend.tracks) < 2:
        return False
    span = trend.axis.high - trend.axis.low
    heights = sorted(
        (trend.axis.scaled(t.values)[t.latest] - trend.axis.low) / span * plot_h  # type: ignore[operator]
        for t in trend.tracks
    )
    return any(b - a < LABEL_PT * 1.3 * 12700 for a, b in zip(heights, heights[1:]))


def _latest_labels(t: Track, marks: bool) -> tuple[str, ...]:
    """Return a series' data labels: its latest value, and with ``marks`` a '↓' on each
    fall (before the latest value when it fell: the arrow's side bearing sets it off)."""
    out = []
    for i, fell in enumerate(t.marked):
        if i == t.latest:
            out.append(FALL_MARK + t.amounts[i] if marks and fell else t.amounts[i])
        else:
            out.append(FALL_MARK if marks and fell else "")
    return tuple(out)


def fall_marks(trend: Trend) -> bool:
    """Return True when each fall of a single series is labelled '↓' as well as coloured: a
    level lower than the period before (a growth rate's fall stands below the axis, and a
    long line shows its falls as the line falls)."""
    return (
        len(trend.tracks) == 1
        and not trend.signed
        and any(trend.tracks[0].marked)
        and not dense(trend)
    )


# -- the PNG ------------------------------------------------------------------------------
def trend_graphic_data(ctx: Context, series: Series) -> tuple[str, str, str, dict]:
    """Return the title, subtitle, alt text and plain drawing data of one series' PNG."""
    trend = build_trend(ctx, [series])
    t = trend.tracks[0]
    axis = trend.axis
    start, end = trend.periods[0], trend.periods[-1]
    heading = ctx.text(series.name, f"{t.path}.name")
    data = {
        "chart": trend.chart,
        "categories": list(trend.categories),
        "keys": [k if isinstance(k, int) else i for i, k in enumerate(trend.keys)],
        "intervals": list(INTERVALS[trend.step]),
        "values": list(axis.scaled(t.values)),
        "marked": list(t.marked),
        "dots": not dense(trend),
        "latest": t.latest,
        "latest_label": t.amounts[t.latest],
        "ticks": list(axis.ticks),
        "tick_texts": list(axis.tick_texts),
        "low": axis.low,
        "high": axis.high,
        "unit": axis.title,
        "signed": trend.signed,
        "callout": [list(line) for line in callout_lines(ctx, trend)],
        "key": [list(item) for item in key_items(ctx, trend)],
        "color": rise_colour(ctx),
        "decline": ctx.color("decline"),
    }
    subtitle = ctx.say("trend_span", name=t.name, start=start, end=end)
    return heading[:1].upper() + heading[1:], subtitle, alt_text(ctx, trend), data
