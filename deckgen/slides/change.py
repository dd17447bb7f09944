"""Change slides: indicators between two periods, one row each: before → after and the change.

A change the source states (a growth rate, a change in points) is shown as stated, with its
basis. A change between a figure and its earlier value is derived here, exactly (in
decimals, from the digits as written), and labelled as derived; when either figure carries
a qualifier the derived change is only approximate and says so ("about −4 pp").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from .. import i18n, qualifiers
from ..facts import SIGNED_KINDS, Metric, kind_of
from ..layouts import SlideEntry
from ..numbers import Figure, earlier_figure, format_value, signed, value_figure
from ..plan import Box, ShapeEl, SlidePlan, TextEl, inch
from ..stated import Stated, as_decimal
from ..textfit import metrics
from .base import (
    LABEL_PT,
    Context,
    R,
    body,
    card,
    chunks,
    citation,
    cited_sources,
    continued,
    first_fitting,
    footer,
    group_fit,
    hug,
    notes,
    para,
    per_slide,
    text_box,
    title,
)
from .content import change_metrics

MAX_ROWS = 6
PERCENT_KINDS = {"share", "percent", "ratio", "growth", "points"}
DASH = "\u2013"


@dataclass(frozen=True)
class Change:
    """One indicator between two periods, as a slide, a table and a graphic show it.

    ``before`` and ``after`` are the two figures (``before`` is None for a change the source
    states on its own); ``change`` is the signed change as shown ("−16 parks", "about −4 pp",
    "+7.7%"), ``sign`` +1, -1 or 0; ``note`` is the word under it (the basis, or "derived");
    ``spoken`` says it in a sentence ("down 16 parks"); ``stated`` describes a stated change
    ("a growth rate of +7.7% year on year").
    """

    metric_id: str
    indicator: str
    before: Figure | None
    before_period: str
    after: Figure | None
    after_period: str
    change: str
    sign: int
    note: str
    derived: bool
    approx: bool
    spoken: str
    stated: str
    cites: tuple[str, ...]

    def as_data(self) -> dict:
        """Return the change as plain values (for graphics drawn in other processes)."""
        return {
            "id": self.metric_id,
            "indicator": self.indicator,
            "before": shown(self.before) if self.before else "",
            "before_period": self.before_period,
            "after": shown(self.after) if self.after else "",
            "after_period": self.after_period,
            "change": self.change,
            "sign": self.sign,
            "note": self.note,
            "derived": self.derived,
            "approx": self.approx,
        }


def shown(fig: Figure, number: str | None = None) -> str:
    """Return a figure as a cell shows it: qualifier, number, scale and noun ("more than 1.44
    billion hours", "约20%"), never the sentence form of a signed change."""
    core = fig.sep.join(p for p in (fig.qualifier, number or fig.number, fig.scale, fig.noun) if p)
    if fig.after:
        core = core + fig.after if fig.sep == "" else f"{core} {fig.after}"
    return fig.before + core


def chosen_metrics(ctx: Context, entry: SlideEntry | None, story_id: str | None) -> list[str]:
    """Return the metrics to show (see :func:`.content.change_metrics`)."""
    return change_metrics(ctx.facts, entry, story_id)


def changes(ctx: Context, metric_ids: Sequence[str]) -> list[Change]:
    return [one_change(ctx, ctx.facts.metric(m)) for m in metric_ids]


def one_change(ctx: Context, metric: Metric) -> Change:
    """Return one indicator's change: derived from its earlier value, or as stated."""
    path = ctx.metric_path(metric.id)
    indicator = ctx.text(metric.short, f"{path}.short") or _capital(
        ctx.text(metric.label, f"{path}.label")
    )
    period = i18n.period(ctx.text(metric.period, f"{path}.period"), ctx.lang)
    fig = ctx.figure(metric.id)
    cites = [citation(ctx, metric)]
    kind = kind_of(metric)
    if metric.earlier is not None and metric.value is not None:
        before = earlier_figure(metric, ctx.lang, ctx.default_lang)
        if metric.earlier.cite is not None:
            source = ctx.facts.source(metric.earlier.cite.source)
            short = ctx.text(source.short, "sources")
            cites.insert(0, ctx.say("cite", short=short, n=metric.earlier.cite.para))
        text, sign, approx, spoken = derive(ctx, metric)
        return Change(
            metric.id,
            indicator,
            before,
            i18n.period(ctx.text(metric.earlier.period, f"{path}.earlier.period"), ctx.lang),
            fig,
            period,
            text,
            sign,
            ctx.say("change_derived"),
            True,
            approx,
            spoken,
            "",
            tuple(dict.fromkeys(cites)),
        )
    if kind in SIGNED_KINDS:
        return _stated(ctx, indicator, metric, None, period, tuple(cites))
    if metric.change is not None:
        other = ctx.facts.metric(metric.change)
        cites.append(citation(ctx, other))
        return _stated(ctx, indicator, other, fig, period, tuple(dict.fromkeys(cites)), metric.id)
    return Change(
        metric.id, indicator, None, "", fig, period, DASH, 0, "", False, False, "", "", tuple(cites)
    )


def _stated(
    ctx: Context,
    indicator: str,
    metric: Metric,
    after: Figure | None,
    period: str,
    cites: tuple[str, ...],
    metric_id: str | None = None,
) -> Change:
    fig = ctx.figure(metric.id)
    text = shown(fig)
    stated = ctx.say(f"change_rate_{kind_of(metric)}", value=text, basis=fig.basis).strip()
    return Change(
        metric_id or metric.id,
        indicator,
        None,
        "",
        after,
        period,
        text,
        fig.sign,
        fig.basis,
        False,
        False,
        fig.spoken or stated,
        stated,
        cites,
    )


def derive(ctx: Context, metric: Metric) -> tuple[str, int, bool, str]:
    """Return (change as shown, sign, approximate?, change as said) between a metric's
    earlier value and its value, computed in decimals from the digits as written.

    Shares and percentages change in percentage points; ranks in places (a smaller rank
    number is a rise); anything else in the metric's own unit.
    """
    assert metric.earlier is not None and metric.value is not None
    lang, zh = ctx.lang, ctx.lang == "zh"
    diff = as_decimal(metric.value) - as_decimal(metric.earlier.value)
    now = qualifiers.resolve(metric.qualifier, lang, ctx.default_lang)
    then = qualifiers.resolve(metric.earlier.qualifier, lang, ctx.default_lang)
    approx = now.bound != "exact" or then.bound != "exact"
    about = qualifiers.REST_WORD["zh" if zh else "en"]["approx"] if approx else ""
    sep = i18n.JOIN.get(lang, " ")
    sign = (diff > 0) - (diff < 0)
    kind = kind_of(metric)
    size = abs(diff)
    if sign == 0:
        none = ctx.say("change_none")
        return sep.join(p for p in (about, none) if p), 0, approx, none
    if kind == "rank":
        sign = -sign  # from 5th to 3rd is a rise
        key = "change_place" if size == 1 else "change_places"
        magnitude = ctx.say(key, n=format_value(size, group=not zh))
        verb = ctx.say("change_rank_up" if sign > 0 else "change_rank_down")
        text = sep.join(p for p in (about, verb, magnitude) if p)
        return text, sign, approx, text
    if kind in PERCENT_KINDS:
        number = format_value(size, group=not zh)
        text = signed(number, float(diff)) + ("个百分点" if zh else " pp")
        said = number + ("个百分点" if zh else " percentage points")
        verb = ctx.say("change_points_up" if sign > 0 else "change_points_down")
    else:
        amount = value_figure(
            metric,
            _stated_decimal(size),
            qualifiers.Word("", "exact"),
            lang,
            ctx.default_lang,
            per=metric.per,
            unsigned=True,
        )
        text = shown(amount, signed(amount.number, float(diff)))
        said = shown(amount)
        verb = ctx.say("change_up" if sign > 0 else "change_down")
    text = sep.join(p for p in (about, text) if p)
    spoken = sep.join(p for p in (verb, about, said) if p)
    if zh:  # Chinese says a change in words: 下降约4个百分点, not 约−4个百分点
        text = spoken
    return text, sign, approx, spoken


def _stated_decimal(value: Decimal) -> Stated:
    """Return a computed decimal as a number that formats with exactly its digits."""
    return Stated(format(value, "f"))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def note_line(ctx: Context, c: Change) -> str:
    """Return the speaker-notes line of one change: both figures with their periods, the
    change (named as derived when it is), and the citations."""
    cites = ctx.say("list_sep").join(c.cites)
    if c.derived:
        assert c.before is not None and c.after is not None
        return ctx.say(
            "change_note_derived",
            indicator=c.indicator,
            before=shown(c.before),
            before_period=c.before_period,
            after=shown(c.after),
            after_period=c.after_period,
            spoken=c.spoken,
            cites=cites,
        )
    if c.stated:
        lead = shown(c.after) + ctx.say("clause_sep") if c.after is not None else ""
        return ctx.say(
            "change_note_stated",
            indicator=c.indicator,
            stated=lead + (c.spoken or c.stated),
            period=c.after_period,
            cites=cites,
        )
    assert c.after is not None
    return ctx.say(
        "change_note_alone",
        indicator=c.indicator,
        after=shown(c.after),
        period=c.after_period,
        cites=cites,
    )


# -- the slide ------------------------------------------------------------------------------
# Column widths (fractions): indicator, before, arrow, after, change; with no earlier figure
# on the slide: indicator, period, change.
PAIRS = (0.2, 0.24, 0.04, 0.24, 0.28)
STATED = (0.45, 0.0, 0.0, 0.2, 0.35)
ROW_GAP = inch(0.08)
LABELS_H = inch(0.36)
PAD_X = inch(0.2)
PAD_Y = inch(0.04)
MARK = inch(0.26)  # the triangle marking a rise or a fall
MAX_ROW_H = inch(1.3)


def plan(ctx: Context, entry: SlideEntry) -> list[SlidePlan]:
    ids = chosen_metrics(ctx, entry, entry.story)
    if not ids:
        return []
    story = ctx.facts.story(entry.story) if entry.story else None
    if story is not None:
        path = f"{ctx.story_path(story.id)}.title"
        heading = ctx.text(entry.title or story.title, path)
    else:
        path = ctx.metric_path(ids[0])
        heading = ctx.text(entry.title, path) or ctx.say("change_title")
    rows = changes(ctx, ids)

    def slides(per: int) -> list[SlidePlan]:
        groups = list(chunks(rows, per))
        return [
            first_fitting(
                (True, False),  # a footnote on derived changes, when there is room for it
                lambda footnote, n=n, group=group: _slide(
                    ctx,
                    continued(ctx, heading, n, len(groups)),
                    path,
                    story,
                    list(group),
                    footnote,
                ),
            )
            for n, group in enumerate(groups)
        ]

    # As many rows a slide as fit; the rest continue on the next slides, shared evenly.
    return first_fitting(per_slide(len(rows), MAX_ROWS), slides)


def _slide(
    ctx: Context, heading: str, path: str, story, rows: list[Change], footnote: bool
) -> SlidePlan:
    area = ctx.grid.content
    surface = ctx.color("surface")
    pairs = any(r.before is not None for r in rows)
    fractions = PAIRS if pairs else STATED
    cols = _columns(Box(area.x + PAD_X, area.y, area.w - 2 * PAD_X, LABELS_H), fractions)
    bottom = area.bottom
    elements: list = []
    extra: list = []
    if footnote and any(r.derived for r in rows):
        note = text_box(
            ctx,
            "Derived note",
            Box(area.x, area.bottom - inch(0.7), area.w, inch(0.7)),
            [para(R(ctx.say("change_derived_note"), LABEL_PT, "muted"))],
            path,
        )
        note = hug(note, 1.0)
        note = replace(note, box=replace(note.box, y=area.bottom - note.box.h))
        bottom = note.box.y - inch(0.08)
        extra.append(note)
    heads = [("change_indicator", cols[0]), ("change_change", cols[4])]
    if pairs:
        heads[1:1] = [("change_before", cols[1]), ("change_after", cols[3])]
    elif any(r.after is not None for r in rows):  # each figure, its period under it
        heads[1:1] = [("change_figure", cols[3])]
    elif any(r.after_period for r in rows):
        heads[1:1] = [("change_period", cols[3])]
    for key, box in heads:
        elements.append(
            text_box(
                ctx,
                f"{ctx.say(key)} heading",
                box,
                [para(R(ctx.say(key), LABEL_PT, "muted", bold=True))],
                path,
                anchor="bottom",
            )
        )
    top = area.y + LABELS_H + inch(0.06)
    n = len(rows)
    row_h = min((bottom - top - ROW_GAP * (n - 1)) // n, MAX_ROW_H)
    boxes = [Box(area.x, top + i * (row_h + ROW_GAP), area.w, row_h) for i in range(n)]

    def build(_: float, scale: float) -> list:
        out: list = []
        for box, row in zip(boxes, rows):
            out += _row(ctx, box, row, scale, surface, fractions)
        return out

    fitted = group_fit(None, build)
    for box, row in zip(boxes, rows):
        elements.append(card(ctx, f"{row.metric_id} row", box))
    elements += fitted + extra
    lines = [note_line(ctx, r) for r in rows]
    return SlidePlan(
        "change",
        "title_only",
        title(ctx, heading, path),
        (*elements, *footer(ctx, cited_sources(ctx, [r.metric_id for r in rows]))),
        notes(ctx, story, (), "\n".join(lines)),
    )


def _columns(box: Box, fractions: tuple[float, ...]) -> list[Box]:
    """Return the five column boxes of a row (a column of width 0 is not used)."""
    gutter = inch(0.12)
    used = [f for f in fractions if f]
    usable = box.w - gutter * (len(used) - 1)
    out, x = [], box.x
    for f in fractions:
        w = int(usable * f)
        out.append(Box(x, box.y, w, box.h))
        x += w + gutter if f else 0
    return out


def _row(
    ctx: Context, row_box: Box, row: Change, scale: float, bg: str, fractions: tuple[float, ...]
) -> list:
    """Return the text boxes and marks of one row (its card is added by the caller)."""
    inner = Box(row_box.x + PAD_X, row_box.y + PAD_Y, row_box.w - 2 * PAD_X, row_box.h - 2 * PAD_Y)
    ind, before, arrow, after, change = _columns(inner, fractions)
    what = ctx.metric_path(row.metric_id)
    out: list = [
        text_box(
            ctx,
            f"{row.metric_id} indicator",
            ind,
            [para(R(row.indicator, body((18, 14), scale), "text", bold=True))],
            f"{what}.short",
            background=bg,
            anchor="middle",
        )
    ]
    if row.before is not None:
        out.append(
            _value(
                ctx,
                f"{row.metric_id} before",
                before,
                row.before,
                row.before_period,
                scale,
                what,
                bg,
            )
        )
        width, height = inch(0.34), inch(0.2)
        out.append(
            ShapeEl(
                f"{row.metric_id} arrow",
                Box(
                    arrow.x + (arrow.w - width) // 2,
                    arrow.y + (arrow.h - height) // 2,
                    width,
                    height,
                ),
                "rightArrow",
                ctx.color("muted"),
            )
        )
    if row.after is not None:
        out.append(
            _value(
                ctx, f"{row.metric_id} after", after, row.after, row.after_period, scale, what, bg
            )
        )
    elif row.after_period:
        out.append(
            text_box(
                ctx,
                f"{row.metric_id} after",
                after,
                [para(R(row.after_period, body(LABEL_PT, scale), "muted"))],
                f"{what}.period",
                background=bg,
                anchor="middle",
            )
        )
    tone = "decline" if row.sign < 0 else "primary" if row.sign > 0 else "text"
    size = body((20, 16), scale)
    marked = row.sign != 0
    offset = MARK + inch(0.1) if marked else 0
    text = text_box(
        ctx,
        f"{row.metric_id} change",
        Box(change.x + offset, change.y, change.w - offset, change.h),
        [
            para(R(row.change, size, tone, bold=True)),
            para(R(row.note, body(LABEL_PT, scale), "muted"), space_before_pt=2),
        ],
        what,
        background=bg,
        anchor="middle",
    )
    out.append(text)
    if marked:
        out.append(_mark(ctx, row, text, change.x))
    return out


def _value(
    ctx: Context, name: str, box: Box, fig: Figure, period: str, scale: float, what: str, bg: str
) -> TextEl:
    """Return a figure as its cell shows it: the number bold, its words around it, and the
    period below."""
    lead = fig.before + (fig.sep if fig.before and fig.sep else "")
    lead += fig.qualifier + (fig.sep if fig.qualifier else "")
    tail = fig.sep.join(p for p in (fig.scale, fig.noun) if p)
    if fig.after:
        tail = fig.sep.join(p for p in (tail, fig.after) if p)
    number = fig.number + (fig.sep if tail else "")
    small = body((16, 14), scale)
    return text_box(
        ctx,
        name,
        box,
        [
            para(
                R(lead, small, "text"),
                R(number, body((20, 16), scale), "primary", bold=True, keep=" " not in fig.number),
                R(tail, small, "text"),
            ),
            para(R(period, body(LABEL_PT, scale), "muted"), space_before_pt=2),
        ],
        what,
        background=bg,
        anchor="middle",
    )


def _mark(ctx: Context, row: Change, text: TextEl, x: int) -> ShapeEl:
    """Return the triangle beside the change: pointing up for a rise, down for a fall, set
    on the middle of the change's first line."""
    inner_top = text.box.y + text.inset_y
    inner_h = text.box.h - 2 * text.inset_y
    top = inner_top + (inner_h - text.height_used_pt * 12700) / 2
    first = text.paragraphs[0]
    size = first.runs[0].size_pt
    line = metrics(ctx.font("body"), True).line_em(row.change) * size * 12700
    middle = int(top + line / 2)
    height = MARK * 87 // 100
    return ShapeEl(
        f"{row.metric_id} {'rise' if row.sign > 0 else 'fall'}",
        Box(x, middle - height // 2, MARK, height),
        "triangle" if row.sign > 0 else "triangleDown",
        ctx.color("decline" if row.sign < 0 else "primary"),
    )
