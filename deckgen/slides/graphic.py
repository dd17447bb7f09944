"""Graphic: one of the PNG infographics as a picture, for what shapes and charts cannot show.

The picture carries the graphic's own alt text. The build renders the PNG first (even for
a deck-only build, since this slide needs it).
"""

from __future__ import annotations

from ..errors import LayoutError
from ..layouts import Layout, SlideEntry
from ..plan import Box, PictureEl, SlidePlan
from .base import Context, footer, notes, title


def find_graphic(ctx: Context, layout: Layout, name: str):
    """Return the planned infographic called ``name`` (a kind or a file stem)."""
    from ..infographics.plan import plan_graphics  # pure planning, no drawing

    graphics = plan_graphics(ctx, layout)
    for g in graphics:
        if g.kind == name or g.file == f"{name}.png" or g.file == name:
            return g
    known = ", ".join(g.file.removesuffix(".png") for g in graphics) or "none"
    problem = ctx.located.problem(  # the layout entry's own key: the layout's line
        "graphic",
        f"no infographic {name!r} among the layout's infographics",
        f"known: {known}; add it under 'infographics:'",
    )
    raise LayoutError(str(problem))


def plan(ctx: Context, entry: SlideEntry, layout: Layout) -> list[SlidePlan]:
    assert entry.graphic is not None
    graphic = find_graphic(ctx, layout, entry.graphic)
    ratio = graphic.width_in / graphic.height_in
    w = min(ctx.grid.content.w, int(ctx.grid.content.h * ratio))
    h = int(w / ratio)
    box = Box(
        ctx.grid.content.x + (ctx.grid.content.w - w) // 2,
        ctx.grid.content.y + (ctx.grid.content.h - h) // 2,
        w,
        h,
    )
    picture = PictureEl(graphic.title, box, f"infographics/{graphic.file}", graphic.alt)
    story = ctx.facts.story(entry.story) if entry.story else None
    if entry.title or story:
        path = ctx.story_path(story.id) if story else "title"
        heading = ctx.text(entry.title or story.title, f"{path}.title")  # type: ignore[union-attr]
    else:
        heading = graphic.title
    metric_ids = story.metrics if story else ()
    return [
        SlidePlan(
            "graphic",
            "title_only",
            title(ctx, heading, "title"),
            (picture, *footer(ctx)),
            notes(ctx, story, metric_ids, ctx.say("note_picture", alt=graphic.alt)),
        )
    ]
