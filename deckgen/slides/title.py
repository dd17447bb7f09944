"""Title slide: deck title, subtitle, organisation and date beside an accent bar."""

from __future__ import annotations

from ..layouts import SlideEntry
from ..plan import Box, ShapeEl, SlidePlan, inch
from .base import MARGIN, Context, R, footer, full_citation, hug, para, text_box

REQUIRES: set[str] = set()


def plan(ctx: Context, entry: SlideEntry) -> list[SlidePlan]:
    meta = ctx.facts.meta
    left = MARGIN + inch(0.45)
    width = inch(10.8)
    top = inch(1.5)
    heading = ctx.text(entry.title or meta.title, "meta.title")
    title_el = hug(text_box(ctx, "Title", Box(left, top, width, inch(2.0)),
                            [para(R(heading, (44, 32), "primary", bold=True, font="heading"))],
                            "meta.title", role="title"), slack_pt=6)
    y = title_el.box.bottom + inch(0.15)
    subtitle = ctx.text(meta.subtitle, "meta.subtitle")
    subtitle_el = None
    if subtitle:
        subtitle_el = hug(text_box(ctx, "Subtitle", Box(left, y, width, inch(1.3)),
                                   [para(R(subtitle, (22, 16)))], "meta.subtitle",
                                   role="subtitle"))
        y = subtitle_el.box.bottom + inch(0.45)
    who = [para(R(ctx.text(meta.organisation, "meta.organisation"), (20, 16), bold=True)),
           para(R(ctx.text(meta.presenter, "meta.presenter"), (18, 14))),
           para(R(meta.date.strftime("%-d %B %Y"), (18, 14), "muted"))]
    who_el = hug(text_box(ctx, "Organisation and date", Box(left, y, width, inch(1.3)), who,
                          "meta.organisation"))
    bar = ShapeEl("Accent bar", Box(MARGIN, top, inch(0.12), who_el.box.bottom - top), "rect",
                  ctx.color("primary"))
    notes = (f"{heading}. This briefing reviews the initiative using the figures given at the "
             f"source event. Source: {full_citation(ctx)}.")
    return [SlidePlan("title", "title", title_el, (bar, who_el, *footer(ctx)), notes,
                      subtitle_el)]
