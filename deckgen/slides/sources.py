"""Sources: full citations, how figures are stated, and where each figure stands."""

from __future__ import annotations

from collections import defaultdict

from .. import i18n
from ..layouts import SlideEntry
from ..plan import Box, SlidePlan, inch
from .base import Context, R, card, footer, full_citation, hug, para, text_box, title

REQUIRES: set[str] = set()


def plan(ctx: Context, entry: SlideEntry) -> list[SlidePlan]:
    left = Box(
        ctx.grid.content.x, ctx.grid.content.y, ctx.grid.content.w * 46 // 100, ctx.grid.content.h
    )
    right = Box(
        left.right + inch(0.4),
        ctx.grid.content.y,
        ctx.grid.content.right - left.right - inch(0.4),
        ctx.grid.content.h,
    )
    cites = []
    for i, s in enumerate(ctx.facts.sources):
        p = f"sources[{i}]"
        cites.append(
            para(
                R(ctx.text(s.publisher, f"{p}.publisher"), (18, 14), bold=True),
                space_before_pt=10 if i else 0,
            )
        )
        event = ctx.text(s.event, f"{p}.event")
        cites.append(
            para(
                R(
                    f"{event}{ctx.say('list_sep').strip() or ','} "
                    f"{i18n.date_long(s.date, ctx.lang)}",
                    (18, 14),
                )
            )
        )
        if s.speaker is not None:
            cites.append(
                para(
                    R(
                        ctx.say("given_by", speaker=ctx.text(s.speaker, f"{p}.speaker")),
                        (16, 14),
                        "muted",
                    ),
                    space_before_pt=4,
                )
            )
        if s.reporter is not None:
            cites.append(
                para(
                    R(
                        ctx.say("reported_by", reporter=ctx.text(s.reporter, f"{p}.reporter")),
                        (16, 14),
                        "muted",
                    )
                )
            )
        if s.url:
            cites.append(para(R(s.url, (14, 12), "muted")))
    by_para: dict[tuple[str, int], list[str]] = defaultdict(list)
    for m in ctx.facts.metrics:
        short = ctx.text(m.short, f"{ctx.metric_path(m.id)}.short")
        shown = ctx.figure(m.id).full
        by_para[(m.cite.source, m.cite.para)].append(f"{shown} ({short})" if short else shown)
    where = [para(R(ctx.say("where_figures"), (18, 14), bold=True))]
    for (_, number), figs in sorted(by_para.items(), key=lambda kv: kv[0][1]):
        # A reference list: it may drop to footnote size (12 pt) before it gives up.
        where.append(
            para(
                R(ctx.say("paragraph", n=number), (16, 12), bold=True),
                R(ctx.say("list_sep").join(figs), (16, 12)),
                space_before_pt=4,
            )
        )
    method = ctx.text(ctx.facts.method, "method")
    if method:
        cites += [
            para(R(ctx.say("how_stated"), (18, 14), bold=True), space_before_pt=18),
            para(R(method, (16, 14)), space_before_pt=4),
        ]
    text = hug(
        text_box(
            ctx,
            "Figures by paragraph",
            right.inset(inch(0.25), inch(0.3)),
            where,
            "metrics",
            background=ctx.color("surface"),
        )
    )
    elements: list = [
        text_box(ctx, "Citations", left, cites, "sources"),
        card(ctx, "Figures card", Box(right.x, right.y, right.w, text.box.h + inch(0.6))),
        text,
    ]
    heading = ctx.text(entry.title, "title") if entry.title else ctx.say("sources_title")
    notes = ctx.say("note_sources", citation=full_citation(ctx))
    return [
        SlidePlan(
            "sources",
            "title_only",
            title(ctx, heading, "sources"),
            (*elements, *footer(ctx)),
            notes,
        )
    ]
