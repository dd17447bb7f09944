"""Table slides: series (indicator × period) or metrics (indicator, value, period, earlier
value, change) as native, editable PowerPoint tables.

Every cell is measured with the deck's font metrics: columns take the width their text
needs, each row the height its tallest cell needs, and rows that do not fit continue on the
next slide under the same header row. Numbers are right-aligned, units stand in the header
(or a unit column), and a value the source does not give is a dash, never a zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from .. import i18n, qualifiers
from ..errors import FitError
from ..facts import Point, Series, Story, kind_of
from ..layouts import SlideEntry
from ..linebreak import pieces as _pieces
from ..numbers import PER, Figure, earlier_figure, value_figure, zh_shift
from ..plan import EMU_PER_PT, Box, Cell, SlidePlan, TableEl, TextEl, inch
from ..textfit import WIDTH_MARGIN, ParaSpec, RunSpec, measure, overflow, too_long
from .base import (
    LABEL_PT,
    Context,
    R,
    chunks,
    cited_sources,
    continued,
    even,
    footer,
    hug,
    notes,
    para,
    per_slide,
    text_box,
    title,
)
from .change import derive, note_line, one_change, shown
from .content import table_content

SIZES = (18, 16, 14)  # points: the largest at which the table takes the fewest slides
PERIODS_AS_COLUMNS = 8  # more periods than this: one row per period
MAX_SERIES_COLUMNS = 6
MARGIN_X, MARGIN_Y = inch(0.08), inch(0.04)
SLACK_PT = 1.0
DASH = "\u2013"


@dataclass(frozen=True)
class C:
    """A cell to lay out: its text, alignment, colour role and weight; ``wrap`` is False for
    numbers, which are never broken."""

    text: str
    align: str = "left"
    color: str = "text"
    bold: bool = False
    wrap: bool = True
    what: str = ""  # the key path of the fact the cell shows, for fit errors


@dataclass(frozen=True)
class Spec:
    """One table: header and body rows, the lines under it, its notes and its alt text."""

    name: str
    header: tuple[C, ...]
    rows: tuple[tuple[C, ...], ...]
    footnotes: tuple[str, ...]
    notes: tuple[str, ...]
    alt_what: str
    alt_range: str = ""
    sources: tuple[str, ...] = ()  # ids of the sources behind the table, for its footer


def plan(ctx: Context, entry: SlideEntry) -> list[SlidePlan]:
    story = ctx.facts.story(entry.story) if entry.story else None
    series_ids, metric_ids = _content(ctx, entry, story)
    if series_ids:
        specs = _series_specs(ctx, series_ids)
    elif metric_ids:
        specs = [_metrics_spec(ctx, metric_ids)]
    else:
        return []
    cited = tuple(cited_sources(ctx, metric_ids, series_ids))
    specs = [replace(spec, sources=cited) for spec in specs]
    if story is not None:
        path = f"{ctx.story_path(story.id)}.title"
        heading = ctx.text(entry.title or story.title, "title" if entry.title else path)
    else:
        path = ctx.series_path(series_ids[0]) if series_ids else ctx.metric_path(metric_ids[0])
        heading = ctx.text(entry.title, "title") or ctx.say("table_title")
    pages: list[list[Piece]] = []
    for spec in specs:
        sized, per = _sizing(ctx, spec, path)
        rows = range(len(spec.rows))
        groups = list(chunks(rows, even(rows, per)))
        if len(groups) == 1 and pages and _fits(ctx, path, [*pages[-1], (spec, sized, rows)]):
            pages[-1].append((spec, sized, rows))  # small tables share a slide
        else:
            pages += [[(spec, sized, group)] for group in groups]
    return [
        _slide(ctx, continued(ctx, heading, n, len(pages)), path, story, page)
        for n, page in enumerate(pages)
    ]


# One table on a slide: its spec, its sizes and the rows shown there.
Piece = tuple["Spec", "Sized", Sequence[int]]
TABLE_GAP = inch(0.35)  # between tables that share a slide


def _fits(ctx: Context, path: str, page: list[Piece]) -> bool:
    """True when the tables of ``page`` fit one slide, one under another."""
    return _elements(ctx, path, page)[1] <= ctx.grid.content.bottom


def _content(ctx: Context, entry: SlideEntry, story: Story | None) -> tuple[list[str], list[str]]:
    """Return (series ids, metric ids) to show (see :func:`.content.table_content`)."""
    return table_content(ctx.facts, entry)


# -- what the tables hold -------------------------------------------------------------------
def _series_specs(ctx: Context, series_ids: list[str]) -> list[Spec]:
    """Return one table per set of series that share their periods."""
    groups: dict[tuple[str, ...], list[Series]] = {}
    for sid in series_ids:
        series = ctx.facts.one_series(sid)
        key = tuple(p.period.versions[0][1] for p in series.points)
        groups.setdefault(key, []).append(series)
    specs = []
    for group in groups.values():
        if len(group[0].points) <= PERIODS_AS_COLUMNS:
            specs.append(_periods_as_columns(ctx, group))
        else:
            for start in range(0, len(group), MAX_SERIES_COLUMNS):
                specs.append(_periods_as_rows(ctx, group[start : start + MAX_SERIES_COLUMNS]))
    return specs


def _series_name(ctx: Context, series: Series) -> str:
    path = ctx.series_path(series.id)
    return ctx.text(series.short, f"{path}.short") or ctx.text(series.name, f"{path}.name")


def _unit(ctx: Context, series: Series) -> str:
    """Return what a series' values are in, for its header: 'visits', 'US$ billion', '亿美元',
    '%, year on year'."""
    point = next(p for p in series.points if p.value is not None)
    fig = _figure(ctx, series, point)
    digits = next((i for i, c in enumerate(fig.number) if c.isdigit()), 0)
    prefix = fig.number[:digits].lstrip("+\u2212-").strip()
    unit = fig.sep.join(p for p in (prefix, fig.scale, fig.noun) if p)
    if not unit and fig.number.endswith("%"):
        unit = "%"
    if fig.basis:
        unit = f"{unit}{'，' if ctx.lang == 'zh' else ', '}{fig.basis}" if unit else fig.basis
    return unit


def _figure(ctx: Context, series: Series, point: Point) -> Figure:
    """Return a value of a series in the unit its header names: in Chinese, every value
    of a row or column in the 万 or 亿 of its largest (万家: 0.8091, 1.58), exactly."""
    assert point.value is not None
    values = [p.value for p in series.points if p.value is not None]
    shift = zh_shift(series, values, ctx.default_lang) if ctx.lang == "zh" else None
    word = qualifiers.resolve(point.qualifier, ctx.lang, ctx.default_lang)
    return value_figure(
        series, point.value, word, ctx.lang, ctx.default_lang, basis=series.basis, shift=shift
    )


def _value(fig: Figure) -> str:
    """Return a value as a cell under a unit header shows it: qualifier and number."""
    text = fig.sep.join(p for p in (fig.qualifier, fig.number) if p)
    return text + fig.after if fig.sep == "" else " ".join(p for p in (text, fig.after) if p)


def _series_cells(ctx: Context, series: Series) -> tuple[list[C], list[str]]:
    """Return a series' value cells and the periods it gives no figure for."""
    path = ctx.series_path(series.id)
    cells, gaps = [], []
    for j, point in enumerate(series.points):
        if point.value is None:
            cells.append(C(DASH, "right", "muted", wrap=False))
            gaps.append(ctx.period(point, f"{path}.points[{j}].period"))
        else:
            cells.append(C(_value(_figure(ctx, series, point)), "right", wrap=False))
    return cells, gaps


def _series_notes(ctx: Context, group: list[Series]) -> tuple[list[str], list[str]]:
    """Return (notes lines, footnotes) of a table of series: cites, units and gaps."""
    lines, any_gap = [], False
    sep = ctx.say("list_sep")
    for series in group:
        path = ctx.series_path(series.id)
        cites = [series.cite] + [p.cite for p in series.points if p.cite is not None]
        said = []
        for cite in cites:
            short = ctx.text(ctx.facts.source(cite.source).short, "sources")
            said.append(ctx.say("cite", short=short, n=cite.para))
        name = ctx.text(series.name, f"{path}.name")
        lines.append(
            ctx.say(
                "table_note_series",
                name=name,
                unit=_unit(ctx, series),
                cites=sep.join(dict.fromkeys(said)),
            )
        )
        gaps = [
            ctx.period(p, f"{path}.points[{j}].period")
            for j, p in enumerate(series.points)
            if p.value is None
        ]
        if gaps:
            any_gap = True
            lines.append(ctx.say("table_note_gaps", name=name, periods=sep.join(gaps)))
    return lines, [ctx.say("table_gap_note")] if any_gap else []


def _periods_as_columns(ctx: Context, group: list[Series]) -> Spec:
    first = group[0]
    path = ctx.series_path(first.id)
    periods = [ctx.period(p, f"{path}.points[{j}].period") for j, p in enumerate(first.points)]
    units = [_unit(ctx, s) for s in group]
    one_unit = len(set(units)) == 1
    header = [C(ctx.say("table_indicator"), bold=True)]
    if not one_unit:
        header.append(C(ctx.say("table_unit"), bold=True))
    header += [C(p, "right", bold=True, wrap=False) for p in periods]
    rows = []
    for series, unit in zip(group, units):
        name = _series_name(ctx, series)
        cells, _ = _series_cells(ctx, series)
        named = f"{ctx.series_path(series.id)}.{'short' if series.short else 'name'}"
        lead = [
            C(ctx.say("table_with_unit", name=name, unit=unit) if one_unit else name, what=named)
        ]
        if not one_unit:
            lead.append(C(unit))
        rows.append(tuple(lead + cells))
    lines, footnotes = _series_notes(ctx, group)
    what = ctx.say("list_sep").join(_series_name(ctx, s) for s in group)
    return Spec(
        "Table",
        tuple(header),
        tuple(rows),
        tuple(footnotes),
        tuple(lines),
        what,
        _range(ctx, periods),
    )


def _periods_as_rows(ctx: Context, group: list[Series]) -> Spec:
    first = group[0]
    path = ctx.series_path(first.id)
    periods = [ctx.period(p, f"{path}.points[{j}].period") for j, p in enumerate(first.points)]
    header = [C(ctx.say("table_period"), bold=True)]
    columns = []
    for series in group:
        name = ctx.say("table_with_unit", name=_series_name(ctx, series), unit=_unit(ctx, series))
        header.append(C(name, "right", bold=True))
        columns.append(_series_cells(ctx, series)[0])
    rows = [
        tuple([C(period, what=f"{path}.points[{i}].period")] + [column[i] for column in columns])
        for i, period in enumerate(periods)
    ]
    lines, footnotes = _series_notes(ctx, group)
    what = ctx.say("list_sep").join(_series_name(ctx, s) for s in group)
    return Spec(
        "Table",
        tuple(header),
        tuple(rows),
        tuple(footnotes),
        tuple(lines),
        what,
        _range(ctx, periods),
    )


def _range(ctx: Context, periods: list[str]) -> str:
    if len(periods) < 2:
        return ""
    return ctx.say("alt_table_range", start=periods[0], end=periods[-1])


def _metrics_spec(ctx: Context, metric_ids: list[str]) -> Spec:
    metrics_ = [ctx.facts.metric(m) for m in metric_ids]
    zh = ctx.lang == "zh"
    rows, units, lines = [], [], []
    with_earlier = any(m.earlier is not None and m.value is not None for m in metrics_)
    for metric in metrics_:
        path = ctx.metric_path(metric.id)
        fig = ctx.figure(metric.id)
        indicator = ctx.text(metric.short, f"{path}.short") or ctx.text(
            metric.label, f"{path}.label"
        )
        per = PER["zh" if zh else "en"][metric.per] if metric.per else ""
        value = fig.sep.join(p for p in (fig.qualifier, fig.number, fig.scale) if p)
        if fig.after and not metric.per:
            value = value + fig.after if fig.sep == "" else f"{value} {fig.after}"
        unit = fig.sep.join(p for p in (fig.noun, per) if p)
        if kind_of(metric) in ("growth", "points", "change") and fig.basis:
            unit = fig.sep.join(p for p in (unit, fig.basis) if p) if unit else fig.basis
        units.append(unit)
        period = i18n.period(ctx.text(metric.period, f"{path}.period"), ctx.lang)
        named = f"{path}.{'short' if metric.short else 'label'}"
        row = [
            C(indicator, what=named),
            C(value, "right", wrap=metric.words is not None),
            C(period),
        ]
        if with_earlier:
            if metric.earlier is not None and metric.value is not None:
                was = earlier_figure(metric, ctx.lang, ctx.default_lang)
                when = i18n.period(
                    ctx.text(metric.earlier.period, f"{path}.earlier.period"), ctx.lang
                )
                shown = was.sep.join(p for p in (was.qualifier, was.number, was.scale) if p)
                text, sign, _, _ = derive(ctx, metric)
                # An arrow marks the direction; Chinese says it in words (下降16个).
                arrow = "" if zh else "\u2191 " if sign > 0 else "\u2193 " if sign < 0 else ""
                tone = "decline" if sign < 0 else "primary" if sign > 0 else "text"
                row += [
                    C(ctx.say("earlier", period=when, figure=shown), "right", wrap=False),
                    C(arrow + text, "right", tone, bold=True),
                ]
            else:
                row += [C(DASH, "right", "muted", wrap=False), C(DASH, "right", "muted")]
        lines.append(_note(ctx, metric.id))
        rows.append(row)
    header = [
        C(ctx.say("table_indicator"), bold=True),
        C(ctx.say("table_value"), "right", bold=True),
        C(ctx.say("table_period"), bold=True),
    ]
    if any(units):
        header.insert(2, C(ctx.say("table_unit_basis"), bold=True))
        for row, unit in zip(rows, units):
            row.insert(2, C(unit))
    if with_earlier:
        header += [
            C(ctx.say("table_earlier"), "right", bold=True),
            C(ctx.say("table_change"), "right", bold=True),
        ]
    footnotes = [ctx.say("table_derived_note")] if with_earlier else []
    if any(c.text == DASH for row in rows for c in row):
        footnotes.append(ctx.say("table_gap_note"))
    return Spec(
        "Table",
        tuple(header),
        tuple(tuple(r) for r in rows),
        tuple(footnotes),
        tuple(lines),
        ctx.say("list_sep").join(r[0].text for r in rows),
    )


def _note(ctx: Context, metric_id: str) -> str:
    """Return a metric's notes line: its figure in full with its period and citations; with
    an earlier value, both figures and the derived change."""
    change = one_change(ctx, ctx.facts.metric(metric_id))
    if change.derived or change.stated or change.after is None:
        return note_line(ctx, change)
    figure = ctx.say("labelled", label=change.indicator, text=shown(change.after))
    if change.after_period:
        figure += ctx.say("paren", text=change.after_period)
    return ctx.say("note_figure", figure=figure, cite=ctx.say("list_sep").join(change.cites))


# -- measuring and splitting ----------------------------------------------------------------
@dataclass(frozen=True)
class Sized:
    """A table measured at one size: column widths and row heights (EMU), header first."""

    size: float
    widths: tuple[int, ...]
    header_h: int
    heights: tuple[int, ...]


def _sizing(ctx: Context, spec: Spec, path: str) -> tuple[Sized, int]:
    """Return the table measured at the size that needs the fewest slides, and how many
    rows each slide takes (slides share them evenly)."""
    area = ctx.grid.content
    below = _footnote(ctx, spec.footnotes, area, path)
    room = area.h - (below.box.h + inch(0.1) if below is not None else 0)
    best: tuple[int, float, Sized, int] | None = None
    error: FitError | None = None
    for size in SIZES:
        try:
            sized = _measure(ctx, spec, size, area.w, path)
        except FitError as e:
            error = e
            continue
        per = _rows_per_slide(sized, room)
        if per is None:
            error = _row_error(ctx, spec, sized, room, path)
            continue
        count = -(-len(spec.rows) // per)
        if best is None or count < best[0]:
            best = (count, size, sized, per)
    if best is None:
        assert error is not None
        raise error
    _, _, sized, per = best
    return sized, per


def _row_error(ctx: Context, spec: Spec, sized: Sized, room: int, path: str) -> FitError:
    """Return the error of a table whose tallest row does not fit under its header on a
    slide at ``sized.size``: it names the row's fact and how much its tallest cell
    would have to lose."""
    row = spec.rows[max(range(len(sized.heights)), key=lambda r: sized.heights[r])]
    family = ctx.font("body")

    def message() -> str:
        height_pt = (room - sized.header_h - 2 * MARGIN_Y - 1) / EMU_PER_PT - SLACK_PT
        cells = [
            (_cell_overflow(cell, width, sized.size, family, height_pt), cell)
            for cell, width in zip(row, sized.widths)
        ]
        over, cell = max(cells, key=lambda found: found[0])
        what = cell.what or next((c.what for c in row if c.what), path)
        return str(
            ctx.located.problem(
                what,
                f"a table row does not fit a slide even at {sized.size:g} pt: "
                f"{_excerpt(cell.text)} is {too_long(over)}",
                "shorten its text",
            )
        )

    return FitError(message)


def _cell_overflow(cell: C, width: int, size: float, family: str, height_pt: float) -> int:
    """Return how many characters ``cell`` holds beyond what fits ``height_pt`` in a column
    ``width`` wide at ``size``."""
    spec = ParaSpec((RunSpec(cell.text, size, size, cell.bold, family),))
    return overflow([spec], (width - 2 * MARGIN_X) / EMU_PER_PT, max(height_pt, 0.0))


def _excerpt(text: str, most: int = 40) -> str:
    return repr(text if len(text) <= most else text[: most - 1] + "…")


def _rows_per_slide(sized: Sized, room: int) -> int | None:
    """Return how many rows a slide takes so that slides share them evenly, or None when a
    row does not fit under the header at all."""
    for per in per_slide(len(sized.heights), len(sized.heights)):
        chunks = [sized.heights[i : i + per] for i in range(0, len(sized.heights), per)]
        if all(sized.header_h + sum(c) <= room for c in chunks):
            return per
    return None


def _measure(ctx: Context, spec: Spec, size: float, width: int, path: str) -> Sized:
    """Return the table's column widths and row heights at ``size`` points; raise
    :class:`FitError` when its columns cannot fit ``width``."""
    family = ctx.font("body")
    grid = [spec.header] + list(spec.rows)
    margin_pt = 2 * MARGIN_X / EMU_PER_PT
    want, need = [], []
    for col in range(len(spec.header)):
        cells = [row[col] for row in grid]
        full = [_width(c.text, size, c.bold or r == 0, family) for r, c in enumerate(cells)]
        least = [
            _least(c.text, size, c.bold or r == 0, family) if c.wrap else f
            for r, (c, f) in enumerate(zip(cells, full))
        ]
        want.append(max(full) + margin_pt + SLACK_PT)
        need.append(max(least) + margin_pt + SLACK_PT)
    room = width / EMU_PER_PT
    if sum(need) > room:
        problem = ctx.located.problem(
            path,
            f"the table's columns do not fit the slide even at {size:g} pt: their longest "
            f"words and numbers need {sum(need) / 72:.1f} in, the slide has {room / 72:.1f} in",
            "show fewer series or periods",
        )
        raise FitError(str(problem))
    if sum(want) <= room:
        target = min(room, max(sum(want), room * 0.55))
        widths_pt = [w * target / sum(want) for w in want]
    else:
        widths_pt = _capped(want, need, room)
    widths = [int(w * EMU_PER_PT) for w in widths_pt]
    heights = [
        _row_height(ctx, row, widths, size, family, path, r == 0) for r, row in enumerate(grid)
    ]
    return Sized(size, tuple(widths), heights[0], tuple(heights[1:]))


def _capped(want: list[float], need: list[float], room: float) -> list[float]:
    """Return widths that fill ``room``: every column gets what it wants up to a common cap,
    never less than it needs, so only the widest columns wrap."""
    low, high = 0.0, max(want)
    for _ in range(50):
        cap = (low + high) / 2
        if sum(min(w, max(n, cap)) for w, n in zip(want, need)) > room:
            high = cap
        else:
            low = cap
    return [min(w, max(n, low)) for w, n in zip(want, need)]


def _width(text: str, size: float, bold: bool, family: str) -> float:
    """Return the width (points) ``text`` takes on one line, with the gaps renderers set
    between Chinese and Latin characters."""
    found = measure([ParaSpec((RunSpec(text, size, size, bold, family),))], [[size]], 1e9)
    return (found[1] if found else 0.0) / WIDTH_MARGIN


def _least(text: str, size: float, bold: bool, family: str) -> float:
    """Return the width (points) of the widest piece a line may not break inside: a word,
    or one Chinese character with the punctuation glued to it."""
    return max((_width(p.strip(), size, bold, family) for p in _pieces(text)), default=0.0)


def _row_height(
    ctx: Context,
    row: Sequence[C],
    widths: list[int],
    size: float,
    family: str,
    path: str,
    header: bool,
) -> int:
    tallest = 0.0
    for cell, width in zip(row, widths):
        usable = (width - 2 * MARGIN_X) / EMU_PER_PT * WIDTH_MARGIN
        spec = ParaSpec((RunSpec(cell.text, size, size, cell.bold or header, family),))
        found = measure([spec], [[size]], usable)
        if found is None:
            raise _cell_error(ctx, row, cell, width, size, family, path, header)

        tallest = max(tallest, found[0])
    return int((tallest + SLACK_PT) * EMU_PER_PT) + 2 * MARGIN_Y + 1


def _cell_error(
    ctx: Context,
    row: Sequence[C],
    cell: C,
    width: int,
    size: float,
    family: str,
    path: str,
    header: bool,
) -> FitError:
    """Return the error of a cell holding a word wider than its column: it names the fact
    and how much of its widest word does not fit."""

    def message() -> str:
        bold = cell.bold or header
        widest = max(_pieces(cell.text), key=lambda p: _width(p.strip(), size, bold, family))
        over = _cell_overflow(C(widest.strip(), bold=bold), width, size, family, 1e9)
        what = cell.what or next((c.what for c in row if c.what), path)
        return str(
            ctx.located.problem(
                what,
                f"{_excerpt(cell.text)} does not fit its table column at {size:g} pt: "
                f"{widest.strip()!r} is {too_long(over)}",
                "shorten it",
            )
        )

    return FitError(message)


def _cell_lines(text: str, size: float, bold: bool, family: str, width: int) -> tuple[str, ...]:
    usable = (width - 2 * MARGIN_X) / EMU_PER_PT * WIDTH_MARGIN
    found = measure([ParaSpec((RunSpec(text, size, size, bold, family),))], [[size]], usable)
    return found[2][0] if found else (text,)


def _footnote(ctx: Context, footnotes: Sequence[str], area: Box, path: str) -> TextEl | None:
    """Return the line under a table (what a dash means, that changes are derived)."""
    if not footnotes:
        return None
    text = ctx.say("footnote_sep").join(footnotes)
    box = Box(area.x, area.y, area.w, inch(0.8))
    return hug(text_box(ctx, "Table note", box, [para(R(text, LABEL_PT, "muted"))], path), 1.0)


def _slide(
    ctx: Context, heading: str, path: str, story: Story | None, page: list[Piece]
) -> SlidePlan:
    """Return a slide of the tables of ``page``, one under another, each with its notes."""
    elements, _ = _elements(ctx, path, page)
    sources = tuple(dict.fromkeys(s for spec, _, _ in page for s in spec.sources))
    extra = "\n".join(line for spec, _, _ in page for line in spec.notes)
    return SlidePlan(
        "table",
        "title_only",
        title(ctx, heading, path),
        (*elements, *footer(ctx, sources)),
        notes(ctx, story, (), extra),
    )


def _elements(ctx: Context, path: str, page: list[Piece]) -> tuple[list, int]:
    """Return the elements of the tables of ``page`` stacked from the top of the content
    area, and the bottom of the last."""
    elements: list = []
    top = ctx.grid.content.y
    bottom = top
    for spec, sized, group in page:
        placed = _table(ctx, path, spec, sized, group, top)
        elements += placed
        bottom = max(e.box.bottom for e in placed)
        top = bottom + TABLE_GAP
    return elements, bottom


def _table(
    ctx: Context, path: str, spec: Spec, sized: Sized, group: Sequence[int], top: int
) -> list:
    """Return one table (the rows ``group`` of ``spec``) at ``top``, and its footnote."""
    area = ctx.grid.content
    family = ctx.font("body")
    size = sized.size
    fills = (ctx.color("background"), ctx.color("surface"))
    header = tuple(
        Cell(
            c.text,
            size,
            ctx.color("inverse"),
            ctx.color("primary"),
            True,
            c.align,  # type: ignore[arg-type]
            _cell_lines(c.text, size, True, family, w),
        )
        for c, w in zip(spec.header, sized.widths)
    )
    body = []
    for k, index in enumerate(group):
        body.append(
            tuple(
                Cell(
                    c.text,
                    size,
                    ctx.color(c.color),
                    fills[k % 2],
                    c.bold,
                    c.align,  # type: ignore[arg-type]
                    _cell_lines(c.text, size, c.bold, family, w),
                )
                for c, w in zip(spec.rows[index], sized.widths)
            )
        )
    heights = (sized.header_h, *(sized.heights[i] for i in group))
    width = sum(sized.widths)  # a narrow table sits in the middle of the slide
    box = Box(area.x + max(0, (area.w - width) // 2), top, width, sum(heights))
    alt = ctx.say(
        "alt_table",
        what=spec.alt_what,
        rows=len(group),
        cols=len(spec.header),
        range=spec.alt_range if len(group) == len(spec.rows) else "",
    )
    table = TableEl(
        spec.name,
        box,
        (header, *body),
        sized.widths,
        heights,
        alt,
        rule=ctx.color("rule"),
        margin_x=MARGIN_X,
        margin_y=MARGIN_Y,
    )
    elements: list = [table]
    gap = ctx.say("table_gap_note")
    rows_here = [spec.rows[i] for i in group]
    shown = [
        f for f in spec.footnotes if f != gap or any(c.text == DASH for r in rows_here for c in r)
    ]
    note = _footnote(ctx, shown, area, path)
    if note is not None:
        elements.append(replace(note, box=replace(note.box, y=box.bottom + inch(0.1))))
    return elements
