"""Plan the PNG set from the facts and the layout's ``infographics`` list (pure data)."""

from __future__ import annotations

from typing import Any

from .. import i18n
from ..layouts import GraphicEntry, Layout, skipped
from ..numbers import complement, format_value, is_amount, is_share
from ..slides.base import Context, cited_sources, figure_parts, phrase
from ..slides.content import headline_metrics, stated_shares, without_followers
from ..slides.timeline import when_label
from .spec import A4_PORTRAIT_IN, SCREEN_16X9_PX, SCREEN_BASE_DPI, SQUARE_PX, Graphic

REPORT_SIZES_IN = {
    "kpi-card": (6.4, 4.0),
    "ring": (8.0, 5.0),
    "waffle": (6.4, 6.4),
    "doughnut": (6.4, 6.4),
    "pillar-card": (8.0, 6.0),
    "timeline": (10.0, 5.0),
    "trend": (10.0, 5.6),
    "firsts": (10.0, 6.25),
    "change": (10.0, 6.25),
    "poster": A4_PORTRAIT_IN,
}


def figure_data(ctx: Context, metric_id: str) -> dict[str, Any]:
    """Return a metric as plain display data: its parts, label, base and period."""
    metric = ctx.facts.metric(metric_id)
    fig = ctx.figure(metric_id)
    path = ctx.metric_path(metric_id)
    index = next((i for i, c in enumerate(fig.number) if c.isdigit() or c in "+\u2212"), 0)
    parts = figure_parts(ctx, metric_id)
    label = ctx.text(metric.label, f"{path}.label")
    period = ctx.text(metric.period, f"{path}.period")
    return {
        "id": metric_id,
        "sentence": _capital(phrase(ctx.lang, fig.full, label, period)),
        "headline": _capital(phrase(ctx.lang, fig.full, label)),
        "value": metric.value,
        "share": is_share(metric),
        "qualifier": fig.sep.join(q for q in (fig.before, fig.qualifier) if q),
        "prefix": fig.number[:index],
        "number": fig.number[index:],
        "scale": parts.unit,
        "change": parts.change,
        "change_sign": parts.change_sign,
        "amount": fig.amount,
        "full": fig.full,
        # the figure with its measure word and a qualifier after it: 54万家, 10万亿元以上
        "stated": fig.sep.join(p for p in (fig.amount, fig.noun) if p)
        + (f"{fig.sep}{fig.after}" if fig.after else ""),
        "label": ctx.text(metric.label, f"{path}.label"),
        "period": ctx.text(metric.period, f"{path}.period"),
        "short": ctx.text(metric.short, f"{path}.short"),
        "base": parts.extra,
        "context": ctx.text(metric.context, f"{path}.context"),
    }


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Planner:
    def __init__(self, ctx: Context, dpi: int, scale: float):
        self.ctx, self.dpi, self.scale = ctx, dpi, scale
        self.say = ctx.say
        self.organisation = ctx.text(ctx.facts.meta.organisation, "meta.organisation")

    def source_line(self, ids: list[str]) -> str:
        """Return the credit line of a graphic: the sources of what it shows (every source
        when ``ids`` is empty), the first three and a count when there are more."""
        ctx = self.ctx
        ids = ids or [s.id for s in ctx.facts.sources]
        index = {s.id: i for i, s in enumerate(ctx.facts.sources)}
        shorts = [ctx.text(ctx.facts.source(s).short, f"sources[{index[s]}].short") for s in ids]
        listed = ctx.say("list_sep").join(shorts[:3])
        if len(shorts) > 3:
            listed += ctx.say("and_more", count=len(shorts) - 3)
        return ctx.say("source" if len(shorts) == 1 else "sources", source=listed)

    def graphic(
        self,
        kind: str,
        file: str,
        title: str,
        subtitle: str,
        alt: str,
        data: dict[str, Any],
        sources: list[str] | None = None,
    ) -> Graphic:
        if kind in ("summary", "square"):
            px = SCREEN_16X9_PX if kind == "summary" else SQUARE_PX
            w, h = px[0] / SCREEN_BASE_DPI, px[1] / SCREEN_BASE_DPI
            dpi = round(SCREEN_BASE_DPI * self.scale)
        else:
            w, h = REPORT_SIZES_IN[kind]
            dpi = self.dpi
        return Graphic(
            kind,
            file,
            title,
            subtitle,
            alt,
            self.source_line(sources or []),
            self.organisation,
            w,
            h,
            dpi,
            data,
            self.ctx.lang,
        )

    def story_title(self, story_id: str | None, fallback: str) -> str:
        if story_id is None or story_id not in {s.id for s in self.ctx.facts.stories}:
            return fallback
        story = self.ctx.facts.story(story_id)
        text = self.ctx.text(story.title, f"{self.ctx.story_path(story_id)}.title")
        return text[:1].upper() + text[1:]

    def metrics_of(self, entry: GraphicEntry) -> list[str]:
        """Return the metrics a graphic draws: its own, else its story's, else what the
        facts hold for its kind (the shares of stated wholes, or the headline figures)."""
        if entry.metrics:
            return list(entry.metrics)
        if entry.story and entry.story in {s.id for s in self.ctx.facts.stories}:
            return list(self.ctx.facts.story(entry.story).metrics)
        if entry.kind in ("ring", "waffle", "doughnut"):
            return stated_shares(self.ctx.facts)
        return headline_metrics(self.ctx.facts)


def plan_graphics(
    ctx: Context, layout: Layout, dpi: int = 300, scale: float = 2.0
) -> list[Graphic]:
    """Return every infographic the layout asks for, with texts, alt text and sizes."""
    planner = _Planner(ctx, dpi, scale)
    out: list[Graphic] = []
    for entry in layout.infographics:
        if not skipped(entry, ctx.facts):
            out += _KINDS[entry.kind](planner, entry)
    return out


def _kpi_cards(p: _Planner, entry: GraphicEntry) -> list[Graphic]:
    out = []
    for metric_id in p.metrics_of(entry):
        fig = figure_data(p.ctx, metric_id)
        alt = p.say("alt_card", short=fig["short"] or fig["label"], sentence=fig["sentence"])
        if fig["base"]:
            alt += p.say("sentence_after", text=fig["base"])
        out.append(
            p.graphic(
                "kpi-card",
                f"kpi-{metric_id}.png",
                fig["headline"],
                fig["period"],
                alt,
                {"figure": fig},
                cited_sources(p.ctx, [metric_id]),
            )
        )
    return out


def _ring(p: _Planner, entry: GraphicEntry) -> list[Graphic]:
    ids = [m for m in p.metrics_of(entry) if is_share(p.ctx.facts.metric(m))]
    if not ids:
        return []
    main = figure_data(p.ctx, ids[0])
    metric = p.ctx.facts.metric(ids[0])
    others = [figure_data(p.ctx, m) for m in p.metrics_of(entry) if m != ids[0]]
    if metric.base and metric.base not in [o["id"] for o in others]:
        others.insert(0, figure_data(p.ctx, metric.base))
    alt = p.say(
        "alt_ring",
        value=format_value(metric.value),
        sentence=main["sentence"],
        others=p.say("list_sep").join(o["sentence"] for o in others[:4]),
    )
    title = p.story_title(entry.story, main["sentence"])
    return [
        p.graphic(
            "ring",
            f"ring-{ids[0]}.png",
            title,
            main["period"] or main["base"],
            alt,
            {"figure": main, "others": others[:4], "rest": complement(metric)},
            cited_sources(p.ctx, [ids[0], *(o["id"] for o in others[:4])]),
        )
    ]


def _share(kind: str):
    """Plan waffles or doughnuts. Given a story rather than metrics, small shares (under 50%)
    become waffles, where a thin doughnut slice would be hard to read, and large ones
    doughnuts."""

    def plan(p: _Planner, entry: GraphicEntry) -> list[Graphic]:
        out = []
        for metric_id in p.metrics_of(entry):
            metric = p.ctx.facts.metric(metric_id)
            if not is_share(metric):
                continue
            if not entry.metrics and (metric.value < 50) != (kind == "waffle"):
                continue
            fig = figure_data(p.ctx, metric_id)
            rest = complement(metric)
            if kind == "waffle":
                cells = int(round(metric.value))
                alt = p.say(
                    "alt_waffle", cells=cells, sentence=fig["sentence"], rest=p.ctx.rest(metric_id)
                )
                data = {"figure": fig, "cells": cells, "note": p.say("waffle_note", cells=cells)}
            else:
                alt = p.say(
                    "alt_doughnut",
                    figure=fig["amount"],
                    label=phrase(p.ctx.lang, "", fig["label"]).strip(" ："),
                    rest=p.ctx.rest(metric_id),
                )
                data = {
                    "figure": fig,
                    "rest": rest,
                    "rest_label": p.ctx.grey_rest(metric_id),
                }
            out.append(
                p.graphic(
                    kind,
                    f"{kind}-{metric_id}.png",
                    fig["headline"],
                    fig["period"],
                    alt,
                    data,
                    cited_sources(p.ctx, [metric_id]),
                )
            )
        return out

    return plan


def _pillar_data(p: _Planner, index: int, shown: set[str] | None = None) -> dict[str, Any]:
    """Return a pillar's texts and figures; figures in ``shown`` (already on the page) are
    left out, the next of its figures taking the headline place."""
    pillar = p.ctx.facts.pillars[index]
    own = [m for m in (pillar.figure, *pillar.figures) if m and m not in (shown or set())]
    path = f"pillars[{index}]"
    items = []
    for j, a in enumerate(pillar.achievements):
        a_path = f"{path}.achievements[{j}]"
        items.append(
            {
                "heading": p.ctx.text(a.heading, f"{a_path}.heading"),
                "detail": p.ctx.text(a.detail, f"{a_path}.detail"),
                "badge": (p.ctx.text(a.badge, f"{a_path}.badge") or p.ctx.first_badge())
                if a.first
                else "",
            }
        )
    return {
        "number": index + 1,
        "name": p.ctx.text(pillar.name, f"{path}.name"),
        "message": p.ctx.text(pillar.message, f"{path}.message"),
        "figure": figure_data(p.ctx, own[0]) if own else None,
        "figures": [figure_data(p.ctx, m) for m in own[1:]],
        "items": items,
    }


def _pillar_cards(p: _Planner, entry: GraphicEntry) -> list[Graphic]:
    wanted = entry.pillars or tuple(x.id for x in p.ctx.facts.pillars)
    out = []
    for pillar_id in wanted:
        index = next(i for i, x in enumerate(p.ctx.facts.pillars) if x.id == pillar_id)
        data = _pillar_data(p, index)
        title = data["message"][:1].upper() + data["message"][1:]
        figure = (
            p.say("alt_pillar_figure", sentence=data["figure"]["sentence"])
            if data["figure"]
            else ""
        )
        items = p.say("list_sep").join(
            i["heading"] + (p.say("paren", text=i["badge"]) if i["badge"] else "")
            for i in data["items"]
        )
        label = p.ctx.strand(data["number"], data["name"])
        alt = p.say("alt_pillar", label=label, figure=figure, items=items)
        out.append(
            p.graphic(
                "pillar-card",
                f"pillar-{pillar_id}.png",
                title,
                label,
                alt,
                data,
                _pillar_sources(p, pillar_id),
            )
        )
    return out


def _milestones(p: _Planner) -> list[dict[str, str]]:
    return [
        {
            "at": ms.when,
            "when": p.ctx.text(ms.label, f"timeline[{i}].label") or when_label(ms, p.ctx.lang),
            "text": p.ctx.text(ms.text, f"timeline[{i}].text"),
        }
        for i, ms in enumerate(p.ctx.facts.timeline)
    ]


def _timeline(p: _Planner, entry: GraphicEntry) -> list[Graphic]:
    items = _milestones(p)
    if not items:
        return []
    alt = p.say(
        "alt_timeline",
        items=p.say("list_sep").join(
            p.say("milestone", when=m["when"], text=m["text"]) for m in items
        ),
    )
    return [
        p.graphic(
            "timeline",
            "timeline.png",
            p.story_title(entry.story, p.say("timeline")),
            "",
            alt,
            {"items": items},
            cited_sources(p.ctx, cites=[ms.cite for ms in p.ctx.facts.timeline]),
        )
    ]


def _pillar_sources(p: _Planner, pillar_id: str) -> list[str]:
    pillar = p.ctx.facts.pillar(pillar_id)
    figures = [m for m in (pillar.figure, *pillar.figures) if m]
    return cited_sources(p.ctx, figures, cites=[a.cite for a in pillar.achievements])


def _firsts_data(p: _Planner) -> list[dict[str, str]]:
    out = []
    for i, pillar in enumerate(p.ctx.facts.pillars):
        for j, a in enumerate(pillar.achievements):
            if a.first:
                a_path = f"pillars[{i}].achievements[{j}]"
                out.append(
                    {
                        "heading": p.ctx.text(a.heading, f"{a_path}.heading"),
                        "badge": p.ctx.text(a.badge, f"{a_path}.badge") or p.ctx.first_badge(),
                        "pillar": p.ctx.text(pillar.name, f"pillars[{i}].name"),
                    }
                )
    return out


def _firsts(p: _Planner, entry: GraphicEntry) -> list[Graphic]:
    items = _firsts_data(p)
    if not items:
        return []
    alt = p.say(
        "alt_firsts",
        count=len(items),
        items=p.say("list_sep").join(f["heading"] + p.say("paren", text=f["badge"]) for f in items),
    )
    return [
        p.graphic(
            "firsts",
            "firsts.png",
            p.story_title(entry.story, p.say("firsts")),
            "",
            alt,
            {"items": items},
            cited_sources(p.ctx, cites=[a.cite for _, a in p.ctx.facts.firsts()]),
        )
    ]


def _overview(p: _Planner, entry: GraphicEntry, kind: str) -> list[Graphic]:
    meta = p.ctx.facts.meta
    title = p.ctx.text(meta.title, "meta.title")
    subtitle = p.ctx.text(meta.subtitle, "meta.subtitle")
    ids = without_followers(p.ctx.facts, p.metrics_of(entry))  # a growth rides on its level
    kpis = [figure_data(p.ctx, m) for m in ids][:4]
    if not kpis and kind != "poster":  # a summary of figures needs figures
        return []
    data: dict[str, Any] = {"kpis": kpis, "date": i18n.date_long(meta.date, p.ctx.lang)}
    sep = p.say("list_sep")
    described = sep.join(k["sentence"] for k in kpis)
    if kind == "poster":
        # No figure twice on the page: each part shows figures the parts above have not.
        shown = {k["id"] for k in kpis}
        data["pillars"] = []
        for i in range(len(p.ctx.facts.pillars)):
            pillar = _pillar_data(p, i, shown)
            data["pillars"].append(pillar)
            shown |= {f["id"] for f in [pillar["figure"], *pillar["figures"]] if f}
        amounts = [m for m in p.ctx.facts.metrics if is_amount(m) and m.id not in shown]
        # Shares of a stated whole, those of the amount's period first: they go beside it.
        period = amounts[0].period if amounts else None
        shares = sorted(
            (
                m
                for m in p.ctx.facts.metrics
                if is_share(m) and m.of is not None and m.id not in shown
            ),
            key=lambda m: m.period != period or period is None,
        )
        data["shares"] = [figure_data(p.ctx, m.id) for m in shares][:2]
        data["amount"] = figure_data(p.ctx, amounts[0].id) if amounts else None
        data["timeline"] = _milestones(p)
        parts = [p.say("key_figures", items=described)]
        if data["pillars"]:
            parts.append(
                p.say(
                    "pillars_count",
                    count=len(data["pillars"]),
                    items=sep.join(x["name"] for x in data["pillars"]),
                )
            )
        if data["amount"]:
            parts.append(
                p.say(
                    "investment",
                    items=sep.join(
                        [data["amount"]["sentence"]] + [s["sentence"] for s in data["shares"]]
                    ),
                )
            )
        if data["timeline"]:
            parts.append(
                p.say(
                    "timeline_span",
                    start=data["timeline"][0]["when"],
                    end=data["timeline"][-1]["when"],
                )
            )
        alt = p.say("alt_poster", title=title, parts=p.say("sentence_sep").join(parts))
        file = "poster-a4.png"
    else:
        alt = p.say("alt_summary", title=title, items=described)
        file = "summary-16x9.png" if kind == "summary" else "summary-square.png"
    return [p.graphic(kind, file, title, subtitle, alt, data)]


def _change(p: _Planner, entry: GraphicEntry) -> list[Graphic]:
    """Plan a change card: each indicator before → after with its change, declines marked."""
    from ..slides.change import changes, chosen_metrics, shown

    ids = chosen_metrics(p.ctx, entry, entry.story)
    if not ids:
        return []
    rows = changes(p.ctx, ids)
    items = []
    for row in rows:
        if row.derived:
            assert row.before is not None and row.after is not None
            items.append(
                p.say(
                    "alt_change_derived",
                    indicator=row.indicator,
                    before=shown(row.before),
                    before_period=row.before_period,
                    after=shown(row.after),
                    after_period=row.after_period,
                    spoken=row.spoken,
                )
            )
        else:
            stated = row.stated or (shown(row.after) if row.after else "")
            if row.stated and row.after is not None:
                stated = shown(row.after) + p.say("clause_sep") + row.stated
            items.append(
                p.say(
                    "alt_change_stated",
                    indicator=row.indicator,
                    stated=stated,
                    period=row.after_period,
                ).rstrip(", ")
            )
    data = {
        "rows": [row.as_data() for row in rows],
        "headings": {
            key: p.say(f"change_{key}")
            for key in ("indicator", "before", "after", "change", "period")
        },
    }
    subtitle = p.say("change_derived_note") if any(r.derived for r in rows) else ""
    return [
        p.graphic(
            "change",
            f"change-{entry.story or 'indicators'}.png",
            p.story_title(entry.story, p.say("change_title")),
            subtitle,
            p.say("alt_change", items=p.say("list_sep").join(items)),
            data,
            cited_sources(p.ctx, ids),
        )
    ]


def _trend(p: _Planner, entry: GraphicEntry) -> list[Graphic]:
    """Plan one trend chart per series: the layout's, else the story's, else every series."""
    from ..slides.trend import trend_graphic_data

    ctx = p.ctx
    named = entry.story is not None and entry.story in {s.id for s in ctx.facts.stories}
    story = ctx.facts.story(entry.story) if named else None
    ids = list(entry.series or (story.series if story else ()) or (s.id for s in ctx.facts.series))
    out = []
    for series_id in dict.fromkeys(ids):
        series = ctx.facts.one_series(series_id)
        title, subtitle, alt, data = trend_graphic_data(ctx, series)
        sources = cited_sources(ctx, series_ids=[series_id])
        title = p.story_title(entry.story, title) if len(ids) == 1 else title
        out.append(
            p.graphic("trend", f"trend-{series_id}.png", title, subtitle, alt, data, sources)
        )
    return out


_KINDS = {
    "kpi-card": _kpi_cards,
    "trend": _trend,
    "change": _change,
    "ring": _ring,
    "waffle": _share("waffle"),
    "doughnut": _share("doughnut"),
    "pillar-card": _pillar_cards,
    "timeline": _timeline,
    "firsts": _firsts,
    "poster": lambda p, e: _overview(p, e, "poster"),
    "summary": lambda p, e: _overview(p, e, "summary"),
    "square": lambda p, e: _overview(p, e, "square"),
}
