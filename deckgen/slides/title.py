"""Title slide: deck title, subtitle, organisation and date beside an accent bar."""

from __future__ import annotations

import re

from .. import i18n
from ..errors import FitError
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
    """Return the title slide laid out in the master's own title and subtitle placeholders.

    A master's boxes never refuse a briefing: a title or subtitle that does not fit its
    placeholder grows downwards into the room the layout leaves free (clear of its pictures
    and shapes, above its footer), then takes that whole room; the organisation and date go
    to the speaker notes when the room holds the subtitle alone, and only then is the
    subtitle shortened at a clause. Each adaptation is reported as a warning.
    """
    adapted: list[str] = []
    floor = grid.footer.y - inch(0.1) if grid.footer.y > grid.height // 2 else grid.height
    free = grid.cover_free
    if free is not None and free.bottom > floor:
        free = Box(free.x, free.y, free.w, floor - free.y)
    title_el = _cover_title(ctx, heading, grid.cover_title, free, adapted)
    top = max(title_el.box.bottom + inch(0.1), free.y if free else 0)
    if free is not None and top > free.y:
        free = Box(free.x, top, free.w, free.bottom - top) if free.bottom - top > 0 else None
    placed = grid.cover_subtitle
    if placed is not None and placed.y < title_el.box.bottom:
        placed = None  # the title grew over it
    fallback = Box(
        grid.content.x,
        title_el.box.bottom + inch(0.2),
        grid.content.w,
        grid.footer.y - title_el.box.bottom - inch(0.4),
    )
    boxes = [b for b in (placed, _grown(placed, free), free) if b is not None] or [fallback]
    who = [para(r, space_before_pt=6) for p in _who(ctx)[:1] for r in p.runs] + _who(ctx)[1:]
    head = [para(R(subtitle, (22, 14)))] if subtitle else []
    notes = ctx.say("note_title", title=heading, citation=full_citation(ctx))
    attempts = [(box, head + who, "") for box in boxes]
    if head:
        attempts += [(box, head, "who") for box in boxes]
    for box, lines, dropped in attempts:
        try:
            subtitle_el = text_box(ctx, "Subtitle", box, lines, "meta.subtitle", role="subtitle")
        except FitError:
            continue
        if box != (placed or fallback):
            adapted.append(
                "the title slide's subtitle box is too small: "
                "the subtitle is set in the room below it"
            )
        if dropped:
            adapted.append(
                "the title slide has no room for the organisation and date: "
                "they are in its speaker notes"
            )
            notes += "\n" + " · ".join(r.text for p in _who(ctx) for r in p.runs if r.text)
        return SlidePlan(
            "title", "title", title_el, footer(ctx), notes, subtitle_el, tuple(adapted)
        )
    box = boxes[-1]
    subtitle_el, shortened = _shortened(ctx, subtitle, box)
    adapted.append(
        f"meta.subtitle does not fit the title slide of this master: shown as {shortened!r}, "
        f"in full in the speaker notes"
    )
    notes += (
        "\n" + subtitle + "\n" + " · ".join(r.text for p in _who(ctx) for r in p.runs if r.text)
    )
    return SlidePlan("title", "title", title_el, footer(ctx), notes, subtitle_el, tuple(adapted))


def _grown(box: Box | None, free: Box | None) -> Box | None:
    """Return ``box`` grown downwards to the bottom of the free room (and no wider than the
    room, so that it stays clear of the layout's art), or None."""
    if box is None or free is None or free.bottom <= box.bottom:
        return None
    left, right = max(box.x, free.x), min(box.right, free.right)
    if right - left < box.w // 2:
        return None
    return Box(left, box.y, right - left, free.bottom - box.y)


def _cover_title(ctx: Context, heading: str, box: Box, free: Box | None, adapted: list[str]):
    runs = [para(R(heading, (44, 24), "primary", bold=True, font="heading"))]
    try:
        return text_box(ctx, "Title", box, runs, "meta.title", anchor="bottom", role="title")
    except FitError:
        grown = _grown(box, free)
        if grown is None:
            raise
        half = Box(grown.x, grown.y, grown.w, box.h + (grown.h - box.h) // 2)
        el = hug(text_box(ctx, "Title", half, runs, "meta.title", role="title"), slack_pt=4)
        adapted.append("the title slide's title box is too small: the title grows below it")
        return el


def _shortened(ctx: Context, text: str, box: Box):
    """Return the subtitle cut at its last clause that fits ``box`` (with an ellipsis)."""
    cuts = [m.start() for m in re.finditer(r"[，、；：,;:]|\s", text)]
    for cut in sorted(cuts, reverse=True):
        short = text[:cut].rstrip("，、；：,;: ") + "…"
        try:
            el = text_box(
                ctx, "Subtitle", box, [para(R(short, (22, 14)))], "meta.subtitle", role="subtitle"
            )
        except FitError:
            continue
        return el, short
    problem = ctx.located.problem(
        "meta.subtitle",
        "the master's title slide has no room for any of the subtitle",
        "use a master whose title slide has a subtitle box, or a shorter subtitle",
    )
    raise FitError(str(problem))
