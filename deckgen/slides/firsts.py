"""National firsts: every achievement the source calls a first, as a grid of tiles."""

from __future__ import annotations

from ..layouts import SlideEntry
from ..plan import Box, SlidePlan, inch
from .base import (
    BODY_PT,
    HEADING_PT,
    Context,
    R,
    body,
    card,
    cited_sources,
    continued,
    fewer_cells,
    footer,
    grid_cells,
    group_fit,
    notes,
    para,
    require,
    split_slides,
    story_of,
    text_box,
    title,
)
from .pillar import BADGE_H, badge

PER_SLIDE = 8


def plan(ctx: Context, entry: SlideEntry) -> list[SlidePlan]:
    story, path, heading = story_of(ctx, entry, ctx.say("title_firsts"), "pillars")
    firsts = []
    for i, pillar in enumerate(ctx.facts.pillars):
        for j, a in enumerate(pillar.achievements):
            if a.first:
                firsts.append((f"pillars[{i}]", f"pillars[{i}].achievements[{j}]", pillar, a))
    require(ctx, firsts, "pillars", "firsts", "achievement marked 'first: true'")
    # As many tiles a slide as fit (eight on a wide slide); fewer, continued, when not.
    return split_slides(
        firsts,
        (PER_SLIDE, 6, 4, 2),
        lambda n, group, count: _slide(ctx, story, continued(ctx, heading, n, count), path, group),
    )


def _slide(ctx: Context, story, heading: str, path: str, group) -> SlidePlan:
    grid = grid_cells(ctx.grid.content, len(group), inch(2.5))
    if len(group) <= 3:  # a short row stays a row of tiles, wide and centred, not a column
        content = ctx.grid.content
        grid = fewer_cells(
            Box(content.x, content.y, content.w, content.h // 2), len(group), inch(4.2)
        )
    boxes = [box.inset(inch(0.2), inch(0.18)) for box in grid]

    def texts(_: float, scale: float) -> list:
        out = []
        for inner, (p_path, a_path, pillar, a) in zip(boxes, group):
            area = Box(
                inner.x, inner.y + BADGE_H + inch(0.1), inner.w, inner.h - BADGE_H - inch(0.1)
            )
            paras = [
                para(
                    R(
                        ctx.text(a.heading, f"{a_path}.heading"),
                        body(HEADING_PT, scale),
                        bold=True,
                        font="heading",
                    )
                ),
                para(
                    R(ctx.text(pillar.name, f"{p_path}.name"), body(BODY_PT, scale), "muted"),
                    space_before_pt=4,
                ),
            ]
            out.append(
                text_box(
                    ctx,
                    f"{a.id} text",
                    area,
                    paras,
                    f"{a_path}.heading",
                    background=ctx.color("surface"),
                )
            )
        return out

    metric_ids = story.metrics if story else ()
    elements: list = []
    for box, inner, (_, a_path, _, a), text in zip(grid, boxes, group, group_fit(None, texts)):
        elements += [card(ctx, f"{a.id} tile", box), badge(ctx, a, a_path, inner.x, inner.y), text]
    return SlidePlan(
        "firsts",
        "title_only",
        title(ctx, heading, f"{path}.title"),
        (
            *elements,
            *footer(ctx, cited_sources(ctx, metric_ids, cites=[a.cite for *_, a in group])),
        ),
        notes(ctx, story, metric_ids, _listing(ctx, group)),
    )


def _listing(ctx: Context, group) -> str:
    source = ctx.source_short()
    items = [
        ctx.text(a.heading, f"{a_path}.heading")
        + ctx.say("paren", text=ctx.say("cite", short=source, n=a.cite.para))
        for _, a_path, _, a in group
    ]
    return ctx.say("note_firsts", items=ctx.say("list_sep").join(items))
