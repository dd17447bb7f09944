"""KPI grid: three or four headline figures as equal tiles, numbers as heroes."""

from __future__ import annotations

from dataclasses import replace

from ..layouts import SlideEntry
from ..plan import Box, SlidePlan, TextEl, inch
from .base import (
    HERO_PT,
    Context,
    card,
    chunks,
    continued,
    footer,
    grid_cells,
    group_fit,
    hero_paras,
    hug,
    notes,
    require,
    story_of,
    text_box,
    title,
)

REQUIRES = {"story"}
PER_SLIDE = 4
PAD_X, PAD_Y = inch(0.22), inch(0.3)


def plan(ctx: Context, entry: SlideEntry) -> list[SlidePlan]:
    story, path, heading = story_of(ctx, entry)
    require(ctx, story.metrics, f"{path}.metrics", "kpi-grid", "metric")
    slides = []
    for n, group in enumerate(chunks(list(story.metrics), PER_SLIDE)):
        boxes = grid_cells(ctx.grid.content, max(len(group), 3), inch(2.6))[: len(group)]

        def texts(size: float, scale: float, group=group, boxes=boxes) -> list[TextEl]:
            return [
                hug(
                    text_box(
                        ctx,
                        f"{metric_id} figure",
                        box.inset(PAD_X, PAD_Y),
                        hero_paras(ctx, metric_id, size, scale),
                        ctx.metric_path(metric_id),
                        background=ctx.color("surface"),
                    )
                )
                for box, metric_id in zip(boxes, group)
            ]

        fitted = group_fit(HERO_PT, texts)
        # Tiles hug the tallest text; a single row sits in the middle of the content area.
        height = min(max(t.box.h for t in fitted) + 2 * PAD_Y, min(b.h for b in boxes))
        one_row = len({b.y for b in boxes}) == 1
        shift = max(0, (ctx.grid.content.h - height) // 2 - inch(0.2)) if one_row else 0
        elements: list = []
        for box, text, metric_id in zip(boxes, fitted, group):
            tile = Box(box.x, box.y + shift, box.w, height)
            elements.append(card(ctx, f"{metric_id} tile", tile))
            elements.append(
                replace(text, box=Box(text.box.x, tile.y + PAD_Y, text.box.w, height - 2 * PAD_Y))
            )
        slides.append(
            SlidePlan(
                "kpi-grid",
                "title_only",
                title(ctx, continued(ctx, heading, n), f"{path}.title"),
                (*elements, *footer(ctx)),
                notes(ctx, story, group),
            )
        )
    return slides
