"""Sources: full citations, how figures are stated, and where each figure stands."""

from __future__ import annotations

from collections import defaultdict

from .. import qualifiers
from ..layouts import SlideEntry
from ..linebreak import is_ideograph
from ..numbers import earlier_figure, value_figure
from ..plan import Box, SlidePlan, inch
from .base import (
    Context,
    FitError,
    R,
    card,
    chunks,
    continued,
    even,
    first_fitting,
    footer,
    full_citation,
    hug,
    para,
    source_date,
    stated,
    text_box,
    title,
)


def plan(ctx: Context, entry: SlideEntry) -> list[SlidePlan]:
    """One slide for few sources; several sources continue on more slides, each slide
    listing its sources and, beside them, the figures each states, by paragraph."""
    heading = ctx.text(entry.title, "title") if entry.title else ctx.say("sources_title")
    what = "title" if entry.title else "sources"
    indexed = list(enumerate(ctx.facts.sources))

    def slides(most: int) -> list[SlidePlan]:
        groups = list(chunks(indexed, even(indexed, most)))
        return [
            _slide(ctx, continued(ctx, heading, n, len(groups)), group, what)
            for n, group in enumerate(groups)
        ]

    def split(parts: int) -> list[SlidePlan]:
        """One source a slide, its figures by paragraph shared over ``parts`` slides."""
        pages = []
        for i, s in indexed:
            numbers = sorted(n for sid, n in by_para if sid == s.id)
            size = even(numbers, -(-len(numbers) // parts))
            pages += [([(i, s)], set(chunk)) for chunk in chunks(numbers, size)]
        return [
            _slide(ctx, continued(ctx, heading, n, len(pages)), group, what, only)
            for n, (group, only) in enumerate(pages)
        ]

    try:
        return first_fitting(_per_slide(len(indexed)), slides)
    except FitError:  # a source stating many figures: its list continues
        by_para = _figures_by_paragraph(ctx)
        return first_fitting(range(2, MAX_PARTS + 1), split)


def _per_slide(count: int) -> list[int]:
    return [c for c in (count, 4, 3, 2, 1) if c <= max(count, 1)]


def _slide(ctx: Context, heading: str, group, what: str, only: set[int] | None = None) -> SlidePlan:
    """Return one sources slide; ``what`` is where its title comes from; ``only`` limits the
    figures listed to those paragraphs."""
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
    for k, (i, s) in enumerate(group):
        p = f"sources[{i}]"
        cites.append(
            para(
                R(ctx.text(s.publisher, f"{p}.publisher"), (18, 14), bold=True),
                space_before_pt=10 if k else 0,
            )
        )
        event = ctx.text(s.event, f"{p}.event")
        cites.append(
            para(R(ctx.say("event_date", event=event, date=source_date(ctx, s)), (18, 14)))
        )
        if s.speaker is not None:
            speaker = ctx.say("given_by", speaker=ctx.text(s.speaker, f"{p}.speaker"))
            cites.append(para(*_named(speaker), space_before_pt=4))
        if s.reporter is not None:
            reporter = ctx.say("reported_by", reporter=ctx.text(s.reporter, f"{p}.reporter"))
            cites.append(para(*_named(reporter)))
        if s.url:
            cites.append(para(R(short_url(s.url), (14, 12), "primary", link=s.url)))
    ids = [s.id for _, s in group]
    by_para = _figures_by_paragraph(ctx)
    where = [para(R(ctx.say("where_figures"), (18, 14), bold=True))]
    for i, s in group:
        found = sorted(
            (n, figs)
            for (sid, n), figs in by_para.items()
            if sid == s.id and (only is None or n in only)
        )
        if not found:
            continue
        if len(ctx.facts.sources) > 1:
            where.append(
                para(
                    R(ctx.text(s.short, f"sources[{i}].short"), (16, 12), "primary", bold=True),
                    space_before_pt=8,
                )
            )
        for number, figs in found:
            # A reference list: it may drop to footnote size (12 pt) before it gives up.
            where.append(
                para(
                    R(ctx.say("paragraph", n=number), (16, 12), bold=True),
                    R(ctx.say("list_sep").join(figs), (16, 12)),
                    space_before_pt=4,
                )
            )
    method = ctx.text(ctx.facts.method, "method")
    if method and ids[-1] == ctx.facts.sources[-1].id:
        cites += [
            para(R(ctx.say("how_stated"), (18, 14), bold=True), space_before_pt=18),
            para(R(method, (16, 14)), space_before_pt=4),
        ]
    elements: list = [text_box(ctx, "Citations", left, cites, "sources")]
    if len(where) > 1:
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
        elements += [
            card(ctx, "Figures card", Box(right.x, right.y, right.w, text.box.h + inch(0.6))),
            text,
        ]
    notes = ctx.say("note_sources", citation=full_citation(ctx))
    links = [
        ctx.say("labelled", label=ctx.text(s.short, f"sources[{i}].short"), text=s.url)
        for i, s in group
        if s.url
    ]
    if links:
        notes += "\n" + "\n".join(links)
    return SlidePlan(
        "sources",
        "title_only",
        title(ctx, heading, what),
        (*elements, *footer(ctx, ids)),
        notes,
    )


MAX_PARTS = 12  # slides one source's figures may take before the list is too long to show
URL_SHOWN = 45  # characters of a web address shown on the slide; the notes give it whole


def short_url(url: str) -> str:
    """Return a web address as a slide shows it: without its scheme, and cut to its site
    when long (a long address cannot wrap on a slide; the notes give it in full)."""
    bare = url.split("://", 1)[-1].removeprefix("www.").rstrip("/")
    if len(bare) <= URL_SHOWN:
        return bare
    return bare.split("/", 1)[0] + "/…"


def _stated_in(ctx: Context, m) -> list:
    """Return (cite, figure as that source states it) for each citation of a metric: its
    own value and qualifier where a source differs, and its earlier value."""
    out = [(m.cite, stated(ctx, m.id))]
    for c in m.also:
        if c.value is None and c.qualifier is None:
            out.append((c, stated(ctx, m.id)))
            continue
        word = qualifiers.resolve(c.qualifier or m.qualifier, ctx.lang, ctx.default_lang)
        value = c.value if c.value is not None else m.value
        own = value_figure(m, value, word, ctx.lang, ctx.default_lang, m.basis, m.per)
        out.append((c, own.full))
    if m.earlier is not None:
        was = earlier_figure(m, ctx.lang, ctx.default_lang)
        period = ctx.text(m.earlier.period, f"{ctx.metric_path(m.id)}.earlier.period")
        out.append((m.earlier.cite or m.cite, ctx.say("earlier", figure=was.full, period=period)))
    return out


def _figures_by_paragraph(ctx: Context) -> dict[tuple[str, int], list[str]]:
    """Return, for each (source, paragraph), the figures it states, as shown on slides."""
    by_para: dict[tuple[str, int], list[str]] = defaultdict(list)
    for m in ctx.facts.metrics:
        path = ctx.metric_path(m.id)
        short = ctx.text(m.short, f"{path}.short")
        for c, shown in _stated_in(ctx, m):
            by_para[(c.source, c.para)].append(
                shown + ctx.say("paren", text=short) if short else shown
            )
    for sr in ctx.facts.series:
        name = ctx.text(sr.short or sr.name, f"{ctx.series_path(sr.id)}.name")
        cited = {(sr.cite.source, sr.cite.para)}
        cited |= {(c.source, c.para) for c in sr.also}
        cited |= {(p.cite.source, p.cite.para) for p in sr.points if p.cite is not None}
        for key in sorted(cited):
            by_para[key].append(name)
    return by_para


def _named(text: str) -> list[R]:
    """Return runs for a line that ends with a person's name; a Chinese name after the
    title ("司长 王东堂") never breaks across lines."""
    head, space, name = text.rpartition(" ")
    if space and 2 <= len(name) <= 4 and all(is_ideograph(c) for c in name):
        return [R(head + space, (16, 14), "muted"), R(name, (16, 14), "muted", keep=True)]
    return [R(text, (16, 14), "muted")]
