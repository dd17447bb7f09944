"""Title slide: deck title, subtitle, organisation and date beside an accent bar."""

from __future__ import annotations

from .. import i18n
from ..layouts import SlideEntry
from ..plan import Box, ShapeEl, SlidePlan, inch
from .base import Context, R, footer, full_citation, hug, para, text_box


def plan(ctx: Context, entry: SlideEntry) -> list[SlidePlan]:
    meta = ctx.facts.meta
    grid = ctx.grid
    heading = ctx.text(entry.title or meta.title, "meta.title")
    subtitle = ctx.text(meta.subtitle, "meta.subtitle")
    if grid.cover_title is not None:  # the master decides where the title slide's text goes
        return [_on_master(ctx, heading, subtitle, grid)]
    left = grid.margin + inch(0.45)
    width = grid.width * 81 // 100
    top = grid.height // 5
    title_el = hug(
        text_box(
            ctx,
            "Title",
            Box(left, top, width, grid.height * 27 // 100),
            [para(R(heading, (44, 32), "primary", bold=True, font="heading"))],
            "meta.title",
            role="title",
        ),
        slack_pt=6,
    )
    y = title_el.box.bottom + inch(0.15)
    subtitle_el = None
    if subtitle:
        subtitle_el = hug(
            text_box(
                ctx,
                "Subtitle",
                Box(left, y, width, inch(1.3)),
                [para(R(subtitle, (22, 16)))],
                "meta.subtitle",
                role="subtitle",
            )
        )
        y = subtitle_el.box.bottom + inch(0.45)
    who_el = hug(
        text_box(
            ctx,
            "Organisation and date",
            Box(left, y, width, inch(1.3)),
            _who(ctx),
            "meta.organisation",
        )
    )
    bar = ShapeEl(
        "Accent bar",
        Box(grid.margin, top, inch(0.12), who_el.box.bottom - top),
        "rect",
        ctx.color("primary"),
    )
    notes = ctx.say("note_title", title=heading, citation=full_citation(ctx))
    return [SlidePlan("title", "title", title_el, (bar, who_el, *footer(ctx)), notes, subtitle_el)]


def _who(ctx: Context) -> list:
    meta = ctx.facts.meta
    return [
        para(R(ctx.text(meta.organisation, "meta.organisation"), (20, 16), bold=True)),
        para(R(ctx.text(meta.presenter, "meta.presenter"), (18, 14))),
        para(R(i18n.date_long(meta.date, ctx.lang), (18, 14), "muted")),
    ]


def _on_master(ctx: Context, heading: str, subtitle: str, grid) -> SlidePlan:
    """Return the title slide laid out in the master's own title and subtitle placeholders."""
    title_el = text_box(
        ctx,
        "Title",
        grid.cover_title,
        [para(R(heading, (44, 28), "primary", bold=True, font="heading"))],
        "meta.title",
        anchor="bottom",
        role="title",
    )
    lines = [para(R(subtitle, (22, 16)))] if subtitle else []
    lines += [para(r, space_before_pt=6) for p in _who(ctx)[:1] for r in p.runs]
    lines += _who(ctx)[1:]
    box = grid.cover_subtitle or Box(
        grid.content.x,
        title_el.box.bottom + inch(0.2),
        grid.content.w,
        grid.footer.y - title_el.box.bottom - inch(0.4),
    )
    subtitle_el = text_box(ctx, "Subtitle", box, lines, "meta.subtitle", role="subtitle")
    notes = ctx.say("note_title", title=heading, citation=full_citation(ctx))
    return SlidePlan("title", "title", title_el, footer(ctx), notes, subtitle_el)
