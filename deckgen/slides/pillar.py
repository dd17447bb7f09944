"""Pillar: the headline figure large on the left, achievements as cards on the right."""

from __future__ import annotations

from ..facts import Achievement, Pillar
from ..layouts import SlideEntry
from ..plan import Box, SlidePlan, TextEl, inch
from ..textfit import metrics
from .base import (
    BODY_PT,
    GUTTER,
    HEADING_PT,
    Context,
    P,
    R,
    body,
    card,
    cited_sources,
    columns,
    continued,
    footer,
    group_fit,
    hero_paras,
    notes,
    para,
    rows,
    split_slides,
    text_box,
    title,
)

PER_SLIDE = 6
BADGE_H = inch(0.32)


def plan(ctx: Context, entry: SlideEntry) -> list[SlidePlan]:
    wanted = entry.pillars or tuple(p.id for p in ctx.facts.pillars)
    slides: list[SlidePlan] = []
    for pillar_id in wanted:
        index = next(i for i, p in enumerate(ctx.facts.pillars) if p.id == pillar_id)
        slides += _pillar_slides(ctx, index, ctx.facts.pillars[index])
    return slides


def _pillar_slides(ctx: Context, index: int, pillar: Pillar) -> list[SlidePlan]:
    path = f"pillars[{index}]"
    heading = ctx.text(pillar.message, f"{path}.message")
    content = ctx.grid.content
    panel_w = max(content.w * 3 // 10, min(inch(2.6), content.w * 45 // 100))
    panel = Box(content.x, content.y, panel_w, content.h)
    # Badges straddle the top edge of their cards: start the cards half a badge lower.
    cards_area = Box(
        panel.right + inch(0.35),
        ctx.grid.content.y + BADGE_H // 2,
        ctx.grid.content.right - panel.right - inch(0.35),
        ctx.grid.content.h - BADGE_H // 2,
    )
    figure_ids = [m for m in (pillar.figure, *pillar.figures) if m]
    notes_text = notes(ctx, None, figure_ids, ctx.text(pillar.notes, f"{path}.notes"))
    items = list(enumerate(pillar.achievements))
    # As many cards a slide as fit; when they do not, fewer, continued on the next slide.
    return split_slides(
        items,
        (PER_SLIDE, 4, 2, 1),
        lambda n, group, count: _slide(
            ctx,
            index,
            pillar,
            continued(ctx, heading, n, count),
            group,
            panel,
            cards_area,
            notes_text,
        ),
    )


def _sources(ctx: Context, pillar: Pillar, group) -> list[str]:
    figures = [m for m in (pillar.figure, *pillar.figures) if m]
    return cited_sources(ctx, figures, cites=[a.cite for _, a in group])


def _slide(
    ctx: Context,
    index: int,
    pillar: Pillar,
    heading: str,
    group,
    panel: Box,
    cards_area: Box,
    notes_text: str,
) -> SlidePlan:
    path = f"pillars[{index}]"
    elements: list = [
        card(ctx, "Figure panel", panel, "primary"),
        _panel_text(ctx, index, pillar, panel),
    ]
    elements += _cards(ctx, path, group, cards_area)
    return SlidePlan(
        "pillar",
        "title_only",
        title(ctx, heading, f"{path}.message"),
        (*elements, *footer(ctx, _sources(ctx, pillar, group))),
        notes_text,
    )


def _panel_text(ctx: Context, index: int, pillar: Pillar, panel: Box) -> TextEl:
    path = f"pillars[{index}]"
    inner = panel.inset(inch(0.3), inch(0.35))

    def build(size: float, scale: float) -> list[TextEl]:
        name = ctx.strand(index + 1, ctx.text(pillar.name, f"{path}.name"))
        paras: list[P] = [para(R(name, body((18, 14), scale), "inverse", bold=True))]
        if pillar.figure:
            hero = hero_paras(
                ctx, pillar.figure, size, scale, "inverse", "inverse", "inverse", align_rows=False
            )
            first = next(i for i, p in enumerate(hero) if p.runs)
            hero[first] = P(hero[first].runs, hero[first].align, 18)
            paras += hero
        for metric_id in pillar.figures:
            fig = ctx.figure(metric_id)
            label = ctx.text(
                ctx.facts.metric(metric_id).label, f"{ctx.metric_path(metric_id)}.label"
            )
            paras.append(
                para(
                    R(
                        fig.amount,
                        body((34, 26), scale),
                        "inverse",
                        bold=True,
                        font="heading",
                        keep=True,
                    ),
                    space_before_pt=20,
                )
            )
            paras.append(para(R(label, body((16, 14), scale), "inverse")))
        return [
            text_box(ctx, "Figure", inner, paras, f"{path}.figure", background=ctx.color("primary"))
        ]

    return group_fit((72, 48), build, last=28)[0]


def _cards(ctx: Context, path: str, group, area: Box) -> list:
    """Return achievement cards in a grid; a first's badge sits on its card's top edge."""
    count = len(group)
    cols = 1 if count <= 2 or area.w < inch(5.2) else 2
    row_count = -(-count // cols)
    grid = [
        c
        for r in rows(area, max(row_count, 2 if cols == 2 else count), GUTTER + inch(0.05))
        for c in columns(r, cols)
    ]
    top = BADGE_H // 2 + inch(0.04)  # every card leaves the badge's room: rows align

    def texts(_: float, scale: float) -> list[TextEl]:
        out = []
        for box, (j, achievement) in zip(grid, group):
            a_path = f"{path}.achievements[{j}]"
            inner = Box(box.x + inch(0.2), box.y + top, box.w - inch(0.4), box.h - top - inch(0.08))
            paras = [
                para(
                    R(
                        ctx.text(achievement.heading, f"{a_path}.heading"),
                        body(HEADING_PT, scale),
                        bold=True,
                        font="heading",
                    )
                ),
                para(
                    R(ctx.text(achievement.detail, f"{a_path}.detail"), body(BODY_PT, scale)),
                    space_before_pt=4,
                ),
            ]
            out.append(
                text_box(
                    ctx,
                    f"{achievement.id} text",
                    inner,
                    paras,
                    f"{a_path}.heading",
                    background=ctx.color("surface"),
                )
            )
        return out

    out: list = []
    for box, (j, achievement), text in zip(grid, group, group_fit(None, texts)):
        out.append(card(ctx, f"{achievement.id} card", box))
        if achievement.first:
            a_path = f"{path}.achievements[{j}]"
            out.append(badge(ctx, achievement, a_path, box.x + inch(0.2), box.y - BADGE_H // 2))
        out.append(text)
    return out


def badge(ctx: Context, achievement: Achievement, path: str, x: int, y: int) -> TextEl:
    """Return a small filled label ("First in China") sized to its text."""
    text = ctx.text(achievement.badge, f"{path}.badge") or ctx.first_badge()
    width_pt = metrics(ctx.font("body"), bold=True).width_pt(text, 13)
    box = Box(x, y, int((width_pt + 16) * 12700), BADGE_H)
    return text_box(
        ctx,
        f"{achievement.id} badge",
        box,
        [para(R(text, (13, 12), "inverse", bold=True), align="center")],
        f"{path}.badge",
        fill=ctx.color("accent"),
        anchor="middle",
    )
