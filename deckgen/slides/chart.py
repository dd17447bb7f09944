"""Chart slides: shares as native doughnuts, or shares compared in a native bar chart."""

from __future__ import annotations

from ..errors import FactsError
from ..facts import kind_of
from ..layouts import SlideEntry
from ..numbers import is_share, unit_code
from ..plan import Box, ChartEl, SlidePlan, inch
from .base import (
    HERO_PT,
    Context,
    R,
    body,
    card,
    cited_sources,
    columns,
    footer,
    group_fit,
    hero_paras,
    hug,
    metric_phrase,
    notes,
    para,
    story_of,
    text_box,
    title,
    told,
)
from .charts_common import share_doughnut
from .content import stated_shares

MAX_DOUGHNUTS = 3
MAX_BARS = 8


def plan(ctx: Context, entry: SlideEntry) -> list[SlidePlan]:
    story = told(ctx, entry)
    if entry.chart != "bar" and not entry.metrics and story is not None:
        if not any(is_share(ctx.facts.metric(m)) for m in story.metrics):
            story = None  # its figures are no shares: the facts' shares, under a plain title
    path = ctx.story_path(story.id) if story else "metrics"
    wanted = list(entry.metrics or (story.metrics if story else stated_shares(ctx.facts)))
    if entry.chart == "bar":
        subtitle = story.subtitle if story else None
        elements = _bars(ctx, path, subtitle, comparable(ctx, wanted, path)[:MAX_BARS])
    else:
        shares = [m for m in wanted if is_share(ctx.facts.metric(m))]
        others = [m for m in wanted if m not in shares]
        if not shares:
            problem = ctx.located.problem(
                f"{path}.metrics",
                "a doughnut chart needs a share of a stated whole",
                "give a metric unit: '%' and say what it is a share of with 'of' or 'base', "
                "or show these figures on a kpi-grid slide",
            )
            raise FactsError(str(problem))
        elements = _doughnuts(ctx, shares[:MAX_DOUGHNUTS], others[:1])
    plain = ctx.say("title_shares") if entry.chart != "bar" else ctx.say("title_compared")
    if entry.chart != "bar" and len(wanted) == 1:  # one share: its own words are the title
        said = metric_phrase(ctx, ctx.facts.metric(wanted[0]))
        plain = said[:1].upper() + said[1:]
    if story is not None or entry.title is not None:
        _, title_path, heading = story_of(ctx, entry, plain, "metrics")
    else:
        title_path, heading = "metrics", plain
    return [
        SlidePlan(
            "chart",
            "title_only",
            title(ctx, heading, title_path if story is None else f"{path}.title"),
            (*elements, *footer(ctx, cited_sources(ctx, wanted))),
            notes(ctx, story, wanted),
        )
    ]


def _doughnuts(ctx: Context, shares: list[str], callouts: list[str]) -> list:
    callout_w = ctx.grid.content.w * 31 // 100
    width = ctx.grid.content.w - (callout_w + inch(0.3) if callouts else 0)
    area = Box(ctx.grid.content.x, ctx.grid.content.y, width, ctx.grid.content.h)
    boxes = columns(area, len(shares), inch(0.4))
    size = min(min(b.w for b in boxes), inch(3.5))
    elements: list = []
    for i, (box, metric_id) in enumerate(zip(boxes, shares)):
        chart_box = Box(box.x + (box.w - size) // 2, box.y, size, size)
        elements += share_doughnut(ctx, metric_id, chart_box, ctx.theme.chart[i])
    cap_top = ctx.grid.content.y + size + inch(0.15)

    def captions(_: float, scale: float) -> list:
        out = []
        for box, metric_id in zip(boxes, shares):
            metric = ctx.facts.metric(metric_id)
            mp = ctx.metric_path(metric_id)
            paras = [
                para(
                    R(ctx.text(metric.label, f"{mp}.label"), body((18, 14), scale)), align="center"
                ),
                para(
                    R(
                        ctx.grey_rest(metric_id),
                        body((14, 12), scale),
                        "muted",
                    ),
                    align="center",
                    space_before_pt=4,
                ),
            ]
            out.append(
                text_box(
                    ctx,
                    f"{metric_id} caption",
                    Box(box.x, cap_top, box.w, ctx.grid.content.bottom - cap_top),
                    paras,
                    f"{mp}.label",
                )
            )
        return out

    elements += group_fit(None, captions)
    if callouts:
        box = Box(
            ctx.grid.content.right - callout_w,
            ctx.grid.content.y + inch(0.3),
            callout_w,
            ctx.grid.content.h - inch(0.6),
        )
        metric_id = callouts[0]

        def build(hero: float, scale: float) -> list:
            return [
                hug(
                    text_box(
                        ctx,
                        f"{metric_id} figure",
                        box.inset(inch(0.25), inch(0.3)),
                        hero_paras(ctx, metric_id, hero, scale),
                        ctx.metric_path(metric_id),
                        background=ctx.color("surface"),
                    )
                )
            ]

        text = group_fit(HERO_PT, build)[0]
        tile = Box(box.x, box.y, box.w, text.box.h + inch(0.6))
        elements += [card(ctx, f"{metric_id} tile", tile), text]
    return elements


BAR_ALT = {
    "share": "alt_bars",
    "growth": "alt_bars_growth",
    "points": "alt_bars_points",
}


def comparable(ctx: Context, metric_ids: list[str], path: str) -> list[str]:
    """Return ``metric_ids`` when one bar chart may compare them, else raise FactsError.

    Bars compare like with like: one unit and one kind (growth rates with growth rates, on
    one basis), shares only of one whole, and figures given as numbers.
    """

    def refuse(message: str, hint: str) -> None:
        raise FactsError(str(ctx.located.problem(f"{path}.metrics", message, hint)))

    metrics_ = [ctx.facts.metric(m) for m in metric_ids]
    if not metrics_:
        refuse("a bar chart needs figures", "list the metrics to compare")
    worded = [m.id for m in metrics_ if m.value is None]
    if worded:
        refuse(f"{worded[0]!r} is stated in words", "a bar needs a number; leave it out")
    kinds = {kind_of(m) for m in metrics_}
    units = {unit_code(m) for m in metrics_}
    if len(kinds) > 1 or len(units) > 1:
        found = ", ".join(sorted({f"{kind_of(m)} ({unit_code(m) or 'no unit'})" for m in metrics_}))
        refuse(
            f"a bar chart compares figures of one unit and kind, not {found}",
            "chart them on separate slides, or show them as tiles (kind: kpi-grid)",
        )
    kind = kinds.pop()
    if kind == "share":
        wholes = {m.base or ctx.text(m.of, f"{ctx.metric_path(m.id)}.of") for m in metrics_}
        if len(wholes) > 1:
            refuse(
                "these shares are of different wholes, so their bars cannot be compared",
                "show each with its whole (chart: doughnut, or kind: kpi-grid)",
            )
    if kind in ("growth", "points", "change"):
        bases = {ctx.figure(m.id).basis for m in metrics_}
        if len(bases) > 1:
            refuse(
                "these changes are measured on different bases",
                "compare changes of one basis (all year-on-year, say) in one chart",
            )
    return metric_ids


def _bars(ctx: Context, path: str, subtitle, shares: list[str]) -> list:
    note = ctx.text(subtitle, f"{path}.subtitle")
    note_w = ctx.grid.content.w * 27 // 100
    width = ctx.grid.content.w - (note_w + inch(0.3) if note else 0)
    chart_box = Box(ctx.grid.content.x, ctx.grid.content.y, width, ctx.grid.content.h)
    metrics_ = [ctx.facts.metric(m) for m in shares]
    categories = tuple(
        ctx.text(m.short or m.label, f"{ctx.metric_path(m.id)}.short") for m in metrics_
    )
    labels = tuple(ctx.figure(m.id).amount for m in metrics_)
    described = ctx.say("list_sep").join(
        ctx.say("labelled", label=c, text=lab) for c, lab in zip(categories, labels)
    )
    kind = kind_of(metrics_[0])
    basis = ctx.figure(metrics_[0].id).basis
    alt = ctx.say(BAR_ALT.get(kind, "alt_bars_figures"), items=described, basis=basis)
    values = tuple(float(m.value or 0) for m in metrics_)
    falls = ctx.color("decline")
    chart = ChartEl(
        "Bar chart",
        chart_box,
        "bar",
        categories,
        values,
        tuple(falls if v < 0 else ctx.theme.chart[0] for v in values),
        labels,
        alt,
        ctx.color("text"),
        label_size_pt=18,
        axis_max=100 if kind == "share" else None,
        number_format='0.0"%"' if kind == "share" else "General",
    )
    elements: list = [chart]
    if note:
        box = Box(
            ctx.grid.content.right - note_w,
            ctx.grid.content.y + inch(0.4),
            note_w,
            ctx.grid.content.h - inch(0.8),
        )
        text = hug(
            text_box(
                ctx,
                "Reading note",
                box.inset(inch(0.25), inch(0.25)),
                [para(R(note, (18, 14)))],
                f"{path}.subtitle",
                background=ctx.color("surface"),
            )
        )
        elements += [
            card(ctx, "Reading note card", Box(box.x, box.y, box.w, text.box.h + inch(0.5))),
            text,
        ]
    return elements
