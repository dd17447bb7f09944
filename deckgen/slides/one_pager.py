"""One-pager: the headline figures in a row, and below them one tile per pillar."""

from __future__ import annotations

from ..layouts import SlideEntry
from ..plan import Box, ShapeEl, SlidePlan, TextEl, inch
from .base import (
    Context,
    R,
    body,
    card,
    cited_sources,
    fewer_cells,
    footer,
    group_fit,
    hero_paras,
    notes,
    para,
    require,
    stated,
    story_of,
    text_box,
    title,
)
from .content import headline_metrics, without_followers

MAX_FIGURES = 4
MAX_PILLARS = 5


def plan(ctx: Context, entry: SlideEntry) -> list[SlidePlan]:
    meta_title = ctx.text(ctx.facts.meta.title, "meta.title")
    story, path, heading = story_of(ctx, entry, meta_title, "meta.title")
    content = ctx.grid.content
    shown = without_followers(
        ctx.facts, list(story.metrics) if story else headline_metrics(ctx.facts)
    )
    metric_ids = shown[:MAX_FIGURES]
    pillars = list(enumerate(ctx.facts.pillars))[:MAX_PILLARS]
    require(ctx, metric_ids + pillars, "metrics", "one-pager", "metric or pillar")
    top_h = content.h * 44 // 100 if pillars else content.h
    elements: list = []
    if metric_ids:
        elements += _figures(ctx, metric_ids, Box(content.x, content.y, content.w, top_h))
    if pillars:
        area = Box(
            content.x, content.y + top_h + inch(0.25), content.w, content.h - top_h - inch(0.25)
        )
        elements += _pillars(ctx, pillars, area, frozenset(metric_ids))
    return [
        SlidePlan(
            "one-pager",
            "title_only",
            title(ctx, heading, f"{path}.title"),
            (
                *elements,
                *footer(ctx, cited_sources(ctx, metric_ids, cites=_pillar_cites(ctx, pillars))),
            ),
            notes(ctx, story, metric_ids),
        )
    ]


def _figures(ctx: Context, metric_ids: list[str], area: Box) -> list:
    boxes = fewer_cells(area, len(metric_ids), inch(4.5))
    pad = inch(0.15)

    def texts(hero: float, scale: float) -> list[TextEl]:
        return [
            text_box(
                ctx,
                f"{m} figure",
                box.inset(pad, pad),
                hero_paras(ctx, m, hero, scale),
                ctx.metric_path(m),
                background=ctx.color("surface"),
            )
            for box, m in zip(boxes, metric_ids)
        ]

    out: list = []
    for box, text, m in zip(boxes, group_fit((48, 28), texts), metric_ids):
        out += [card(ctx, f"{m} tile", box), text]
    return out


def _pillars(ctx: Context, pillars: list, area: Box, shown: frozenset[str] = frozenset()) -> list:
    boxes = fewer_cells(area, len(pillars), inch(4.0))
    pad = inch(0.15)

    def texts(_: float, scale: float) -> list[TextEl]:
        out = []
        for box, (i, pillar) in zip(boxes, pillars):
            p = f"pillars[{i}]"
            paras = [
                para(
                    R(
                        ctx.text(pillar.name, f"{p}.name"),
                        body((18, 14), scale),
                        "primary",
                        bold=True,
                        font="heading",
                    )
                )
            ]
            # A figure the row above already shows is not repeated: the next one, or words.
            fid = next((m for m in (pillar.figure, *pillar.figures) if m and m not in shown), None)
            if fid:
                label = ctx.text(ctx.facts.metric(fid).label, f"{ctx.metric_path(fid)}.label")
                paras.append(
                    para(
                        R(
                            stated(ctx, fid),
                            body((24, 16), scale),
                            "accent",
                            bold=True,
                            font="heading",
                            keep=True,
                        ),
                        space_before_pt=4,
                    )
                )
                paras.append(para(R(label, body((14, 12), scale))))
            else:
                paras.append(
                    para(
                        R(ctx.text(pillar.summary, f"{p}.summary"), body((14, 12), scale)),
                        space_before_pt=4,
                    )
                )
            out.append(
                text_box(
                    ctx,
                    f"Part {i + 1}",
                    box.inset(pad, pad),
                    paras,
                    f"{p}.summary",
                    background=ctx.color("surface"),
                )
            )
        return out

    out: list = []
    for box, text, (i, _) in zip(boxes, group_fit(None, texts), pillars):
        out += [
            card(ctx, f"Part {i + 1} card", box),
            ShapeEl(
                f"Part {i + 1} rule",
                Box(box.x, box.y, box.w, inch(0.06)),
                "rect",
                ctx.color("primary"),
            ),
            text,
        ]
    return out


def _pillar_cites(ctx: Context, pillars: list) -> list:
    """Return the citations behind the pillar tiles: their figures and achievements."""
    out = []
    for _, pillar in pillars:
        out += [ctx.facts.metric(m).cite for m in (pillar.figure,) if m]
        out += [a.cite for a in pillar.achievements]
    return out
