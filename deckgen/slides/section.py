"""Section divider: the section's message large, one line under it."""

from __future__ import annotations

from ..layouts import SlideEntry
from ..plan import Box, ShapeEl, SlidePlan, inch
from .base import Context, R, footer, hug, notes, para, text_box


def plan(ctx: Context, entry: SlideEntry) -> list[SlidePlan]:
    assert entry.story is not None
    story = ctx.facts.story(entry.story)
    path = ctx.story_path(story.id)
    left = ctx.grid.margin + inch(0.45)
    width = ctx.grid.content.w - inch(0.45)
    heading = ctx.text(entry.title or story.title, f"{path}.title")
    heading = heading[:1].upper() + heading[1:]
    top = ctx.grid.content.y + ctx.grid.content.h // 6
    title_el = hug(
        text_box(
            ctx,
            "Title",
            Box(left, top, width, inch(1.8)),
            [para(R(heading, (48, 36), "primary", bold=True, font="heading"))],
            f"{path}.title",
            role="title",
        ),
        slack_pt=6,
    )
    bottom = title_el.box.bottom
    elements: list = []
    line = ctx.text(story.subtitle, f"{path}.subtitle")
    if line:
        summary = hug(
            text_box(
                ctx,
                "Section summary",
                Box(left, bottom + inch(0.1), width, inch(1.1)),
                [para(R(line, (24, 18), "muted"))],
                f"{path}.subtitle",
            )
        )
        elements.append(summary)
        bottom = summary.box.bottom
    elements.insert(
        0,
        ShapeEl(
            "Accent bar",
            Box(ctx.grid.margin, top, inch(0.12), bottom - top),
            "rect",
            ctx.color("accent"),
        ),
    )
    return [
        SlidePlan(
            "section",
            "title_only",
            title_el,
            (*elements, *footer(ctx)),
            notes(ctx, story, story.metrics),
        )
    ]
