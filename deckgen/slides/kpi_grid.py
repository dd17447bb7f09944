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
    cited_sources,
    continued,
    even,
    fewer_cells,
    first_fitting,
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
from .content import headline_metrics, without_followers

PER_SLIDE = 4
PAD_X, PAD_Y = inch(0.22), inch(0.3)
TILE_WIDTHS = (inch(2.6), inch(4.5))  # four in a row, else two


def pad_y(min_w: int) -> int:
    """Return the tiles' top and bottom padding: less in two rows, where height is short."""
    return PAD_Y if min_w == TILE_WIDTHS[0] else inch(0.15)


def plan(ctx: Context, entry: SlideEntry) -> list[SlidePlan]:
    story, path, heading = story_of(ctx, entry, ctx.say("title_headline"), "metrics")
    shown = without_followers(
        ctx.facts, list(story.metrics) if story else headline_metrics(ctx.facts)
    )
    require(ctx, shown, f"{path}.metrics" if story else "metrics", "kpi-grid", "metric")
    slides = []
    groups = list(chunks(shown, even(shown, PER_SLIDE)))
    for n, group in enumerate(groups):

        def tiles(min_w: int, group=group) -> tuple[list[Box], list[TextEl]]:
            """Tiles in a row when they fit; long figures get wider tiles (2 x 2)."""
            if len(group) < 3 and min_w == TILE_WIDTHS[0]:  # one or two: wide, centred
                boxes = fewer_cells(ctx.grid.content, len(group), inch(5.2))
            else:
                boxes = grid_cells(ctx.grid.content, max(len(group), 3), min_w)[: len(group)]

            def texts(size: float, scale: float) -> list[TextEl]:
                return [
                    hug(
                        text_box(
                            ctx,
                            f"{metric_id} figure",
                            box.inset(PAD_X, pad_y(min_w)),
                            hero_paras(ctx, metric_id, size, scale),
                            ctx.metric_path(metric_id),
                            background=ctx.color("surface"),
                        )
                    )
                    for box, metric_id in zip(boxes, group)
                ]

            last = HERO_PT[1] if min_w == TILE_WIDTHS[0] else 24
            return boxes, group_fit(HERO_PT, texts, last=last)

        boxes, fitted = first_fitting(TILE_WIDTHS, tiles)
        pad = pad_y(inch(2.6) if len({b.y for b in boxes}) == 1 else inch(4.5))
        # Tiles hug the tallest text; a single row sits in the middle of the content area.
        height = min(max(t.box.h for t in fitted) + 2 * pad, min(b.h for b in boxes))
        one_row = len({b.y for b in boxes}) == 1
        shift = max(0, (ctx.grid.content.h - height) // 2 - inch(0.2)) if one_row else 0
        elements: list = []
        for box, text, metric_id in zip(boxes, fitted, group):
            tile = Box(box.x, box.y + shift, box.w, height)
            elements.append(card(ctx, f"{metric_id} tile", tile))
            elements.append(
                replace(text, box=Box(text.box.x, tile.y + pad, text.box.w, height - 2 * pad))
            )
        slides.append(
            SlidePlan(
                "kpi-grid",
                "title_only",
                title(ctx, continued(ctx, heading, n, len(groups)), f"{path}.title"),
                (*elements, *footer(ctx, cited_sources(ctx, group))),
                notes(ctx, story, group),
            )
        )
    return slides
