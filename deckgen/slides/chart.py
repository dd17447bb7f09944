"""Chart slides: shares as native doughnuts, or shares compared in a native bar chart."""

from __future__ import annotations

from ..errors import LayoutError
from ..layouts import SlideEntry
from ..numbers import format_value, is_share
from ..plan import Box, ChartEl, SlidePlan, inch
from .base import (
    HERO_PT,
    Context,
    R,
    body,
    card,
    columns,
    footer,
    group_fit,
    hero_paras,
    hug,
    notes,
    para,
    text_box,
    title,
)
from .charts_common import share_doughnut

REQUIRES = {"story", "chart"}
MAX_DOUGHNUTS = 3
MAX_BARS = 8


def plan(ctx: Context, entry: SlideEntry) -> list[SlidePlan]:
    assert entry.story is not None
    story = ctx.facts.story(entry.story)
    path = ctx.story_path(story.id)
    shares = [m for m in story.metrics if is_share(ctx.facts.metric(m))]
    others = [m for m in story.metrics if m not in shares]
    if not shares:
        raise LayoutError(
            f"{ctx.located.file}: {path}.metrics: a chart slide needs at least one "
            f"percentage metric"
        )
    if entry.chart == "doughnut":
        elements = _doughnuts(ctx, shares[:MAX_DOUGHNUTS], others[:1])
    else:
        elements = _bars(ctx, path, story.subtitle, shares[:MAX_BARS])
    heading = ctx.text(entry.title or story.title, f"{path}.title")
    return [
        SlidePlan(
            "chart",
            "title_only",
            title(ctx, heading, f"{path}.title"),
            (*elements, *footer(ctx)),
            notes(ctx, story, story.metrics),
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
                        ctx.say("grey_remainder", value=format_value(metric.value)),
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
    described = ctx.say("list_sep").join(f"{c}: {lab}" for c, lab in zip(categories, labels))
    alt = ctx.say("alt_bars", items=described)
    chart = ChartEl(
        "Shares chart",
        chart_box,
        "bar",
        categories,
        tuple(m.value for m in metrics_),
        tuple(ctx.theme.chart[0] for _ in metrics_),
        labels,
        alt,
        ctx.color("text"),
        label_size_pt=18,
        axis_max=100,
        number_format='0.0"%"',
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
