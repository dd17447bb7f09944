"""Overview: the initiative's pillars as numbered tiles, with a context line."""

from __future__ import annotations

from dataclasses import replace

from ..layouts import SlideEntry
from ..plan import Box, ShapeEl, SlidePlan, TextEl, inch
from .base import (
    Context,
    R,
    body,
    card,
    continued,
    fewer_cells,
    first_fitting,
    footer,
    grid_cells,
    group_fit,
    hug,
    notes,
    para,
    per_slide,
    require,
    split_slides,
    story_of,
    text_box,
    title,
)

PER_SLIDE = 5
PAD_X, PAD_Y = inch(0.22), inch(0.22)


def plan(ctx: Context, entry: SlideEntry) -> list[SlidePlan]:
    story, path, heading = story_of(ctx, entry, ctx.say("title_agenda"), "pillars")
    intro = ctx.text(story.subtitle, f"{path}.subtitle") if story else ""
    pillars = list(enumerate(ctx.facts.pillars))
    require(ctx, pillars, "pillars", "agenda", "pillar")

    def make(n: int, group, count: int) -> SlidePlan:
        elements: list = []
        top = ctx.grid.content.y
        if intro:
            context = hug(
                text_box(
                    ctx,
                    "Context",
                    Box(ctx.grid.content.x, top, ctx.grid.content.w, inch(1.0)),
                    [para(R(intro, (20, 16), "muted"))],
                    f"{path}.subtitle",
                )
            )
            elements.append(context)
            top = context.box.bottom + inch(0.35)
        area = Box(ctx.grid.content.x, top, ctx.grid.content.w, ctx.grid.content.bottom - top)
        fitted, boxes = _tiles(ctx, group, area)
        height = min(max(t.box.h for t in fitted) + 2 * PAD_Y, min(b.h for b in boxes))
        for box, text, (i, _) in zip(boxes, fitted, group):
            tile = Box(box.x, box.y, box.w, height)
            elements += [
                card(ctx, f"Part {i + 1} card", tile),
                ShapeEl(
                    f"Part {i + 1} rule",
                    Box(box.x, box.y, box.w, inch(0.08)),
                    "rect",
                    ctx.color("primary"),
                ),
                replace(text, box=Box(text.box.x, text.box.y, text.box.w, height - 2 * PAD_Y)),
            ]
        return SlidePlan(
            "agenda",
            "title_only",
            title(ctx, continued(ctx, heading, n, count), f"{path}.title"),
            (*elements, *footer(ctx)),
            notes(ctx, story, story.metrics if story else ()),
        )

    # All strands on one slide when they fit; on a small or narrow master, fewer a slide.
    return split_slides(pillars, per_slide(len(pillars), PER_SLIDE), make)


def _tiles(ctx: Context, group, area: Box) -> tuple[list[TextEl], list[Box]]:
    """Return the fitted tile texts and their cells: four across if they fit, else fewer
    and wider (a long unbreakable name in a wide font needs the room)."""

    def attempt(min_w: int) -> tuple[list[TextEl], list[Box]]:
        if len(group) < 4:  # one to three strands: wider cards, centred, no empty slot
            boxes = fewer_cells(area, len(group), max(min_w, inch(4.2)))
        else:
            boxes = grid_cells(area, len(group), min_w)

        def texts(_: float, scale: float, boxes=boxes) -> list[TextEl]:
            out = []
            for box, (i, pillar) in zip(boxes, group):
                p = f"pillars[{i}]"
                paras = [
                    para(
                        R(str(i + 1), body((40, 20), scale), "primary", bold=True, font="heading")
                    ),
                    para(
                        R(
                            ctx.text(pillar.name, f"{p}.name"),
                            body((22, 16), scale),
                            bold=True,
                            font="heading",
                        ),
                        space_before_pt=6,
                    ),
                    para(
                        R(ctx.text(pillar.summary, f"{p}.summary"), body((18, 14), scale)),
                        space_before_pt=8,
                    ),
                ]
                out.append(
                    hug(
                        text_box(
                            ctx,
                            f"Part {i + 1}",
                            box.inset(PAD_X, PAD_Y),
                            paras,
                            f"{p}.summary",
                            background=ctx.color("surface"),
                        )
                    )
                )
            return out

        return group_fit(None, texts), boxes

    return first_fitting((inch(2.6), inch(3.6), inch(5.5)), attempt)
