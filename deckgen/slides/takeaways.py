"""Takeaways: three statements, each beside the figure it rests on."""

from __future__ import annotations

from ..layouts import SlideEntry
from ..plan import Box, ShapeEl, SlidePlan, inch
from .base import (
    Context,
    R,
    body,
    chunks,
    cited_sources,
    continued,
    even,
    figure_parts,
    footer,
    group_fit,
    notes,
    para,
    require,
    rows,
    story_of,
    text_box,
    title,
)

PER_SLIDE = 3


def plan(ctx: Context, entry: SlideEntry) -> list[SlidePlan]:
    story, path, heading = story_of(ctx, entry, ctx.say("title_takeaways"), "takeaways")
    items = list(enumerate(ctx.facts.takeaways))
    require(ctx, items, "takeaways", "takeaways", "takeaway")
    slides = []
    groups = list(chunks(items, even(items, PER_SLIDE)))
    for n, group in enumerate(groups):
        slots = rows(ctx.grid.content, PER_SLIDE, inch(0.15))
        figure_w = ctx.grid.content.w * 8 // 25

        def texts(hero: float, scale: float, group=group, slots=slots, figure_w=figure_w) -> list:
            out: list = []
            for box, (i, item) in zip(slots, group):
                t_path = f"takeaways[{i}]"
                inner = Box(box.x, box.y + inch(0.1), box.w, box.h - inch(0.1))
                if item.metric:
                    fig = ctx.figure(item.metric)
                    unit = figure_parts(ctx, item.metric).unit  # scale, noun, "a day" …
                    out.append(
                        text_box(
                            ctx,
                            f"Takeaway {i + 1} figure",
                            Box(inner.x, inner.y, figure_w, inner.h),
                            [
                                para(R(fig.qualifier, body((18, 14), scale), "muted")),
                                para(
                                    R(
                                        fig.number,
                                        (hero, hero),
                                        "accent",
                                        bold=True,
                                        font="heading",
                                    ),
                                    R(
                                        fig.sep + unit if unit else "",
                                        (hero / 2, hero / 2),
                                        "accent",
                                        bold=True,
                                        font="heading",
                                        keep=True,
                                    ),
                                ),
                            ],
                            f"{t_path}.metric",
                            anchor="middle",
                        )
                    )
                text_x = inner.x + figure_w + inch(0.3)
                out.append(
                    text_box(
                        ctx,
                        f"Takeaway {i + 1}",
                        Box(text_x, inner.y, inner.right - text_x, inner.h),
                        [
                            para(
                                R(
                                    ctx.text(item.text, f"{t_path}.text"),
                                    body((26, 18), scale),
                                    bold=True,
                                    font="heading",
                                )
                            )
                        ],
                        f"{t_path}.text",
                        anchor="middle",
                    )
                )
            return out

        elements: list = [
            ShapeEl(
                f"Takeaway {i + 1} rule",
                Box(box.x, box.y, box.w, inch(0.03)),
                "rect",
                ctx.color("primary"),
            )
            for box, (i, _) in zip(slots, group)
        ]
        elements += group_fit((48, 32), texts)
        metric_ids = [t.metric for _, t in group if t.metric]
        slides.append(
            SlidePlan(
                "takeaways",
                "title_only",
                title(ctx, continued(ctx, heading, n, len(groups)), f"{path}.title"),
                (*elements, *footer(ctx, cited_sources(ctx, metric_ids))),
                notes(ctx, story, metric_ids),
            )
        )
    return slides
