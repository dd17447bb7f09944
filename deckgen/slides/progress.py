"""Progress: a share of a base as a native ring, with the base and supporting figures."""

from __future__ import annotations

from ..errors import FactsError
from ..layouts import SlideEntry
from ..numbers import is_share
from ..plan import Box, ShapeEl, SlidePlan, inch
from .base import (
    Context,
    R,
    body,
    cited_sources,
    footer,
    group_fit,
    metric_phrase,
    notes,
    para,
    rows,
    stated,
    story_of,
    text_box,
    title,
    told,
)
from .charts_common import share_doughnut
from .content import progress_share, without_followers


def plan(ctx: Context, entry: SlideEntry) -> list[SlidePlan]:
    story = told(ctx, entry)
    if story is None:  # the facts' first share of a counted base, titled by its own words
        main, others = progress_share(ctx.facts), []
        assert main is not None  # the planner leaves the slide out otherwise
        plain = metric_phrase(ctx, ctx.facts.metric(main))
        _, path, heading = story_of(ctx, entry, plain[:1].upper() + plain[1:], "metrics")
    else:
        path = ctx.story_path(story.id)
        if not story.metrics or not is_share(ctx.facts.metric(story.metrics[0])):
            problem = ctx.located.problem(
                f"{path}.metrics",
                "a progress slide needs a share of a stated whole as its first metric",
                "list such a metric first ('%' with 'of' or 'base'), or use a kpi-grid slide",
            )
            raise FactsError(str(problem))
        main, *others = story.metrics
        _, _, heading = story_of(ctx, entry)
        path = f"{path}.title"
    content = ctx.grid.content
    ring_box = Box(content.x, content.y, content.w * 40 // 100, content.h)
    chart, centre = share_doughnut(ctx, main, ring_box, ctx.theme.chart[0], (54, 20))
    elements: list = [chart, centre]
    right = Box(content.x + content.w * 445 // 1000, content.y, content.w * 555 // 1000, content.h)
    metric = ctx.facts.metric(main)
    listed = without_followers(ctx.facts, ([metric.base] if metric.base else []) + others)
    slots = rows(right, max(len(listed), 3), inch(0.1))

    def figures(_: float, scale: float) -> list:
        out: list = []
        for box, metric_id in zip(slots, listed):
            m = ctx.facts.metric(metric_id)
            mp = ctx.metric_path(metric_id)
            paras = [
                para(
                    R(
                        stated(ctx, metric_id),
                        body((36, 24), scale),
                        "primary",
                        bold=True,
                        font="heading",
                        keep=True,
                    )
                ),
                para(R(ctx.text(m.label, f"{mp}.label"), body((18, 14), scale))),
            ]
            out.append(
                text_box(
                    ctx,
                    f"{metric_id} figure",
                    Box(box.x, box.y + inch(0.1), box.w, box.h - inch(0.1)),
                    paras,
                    mp,
                    anchor="middle",
                )
            )
        return out

    for box, text, metric_id in zip(slots, group_fit(None, figures), listed):
        elements += [
            ShapeEl(
                f"{metric_id} rule", Box(box.x, box.y, box.w, inch(0.02)), "rect", ctx.color("rule")
            ),
            text,
        ]

    return [
        SlidePlan(
            "progress",
            "title_only",
            title(ctx, heading, path),
            (*elements, *footer(ctx, cited_sources(ctx, [main, *listed]))),
            notes(ctx, story, [main, *listed]),  # every figure the slide shows
        )
    ]
