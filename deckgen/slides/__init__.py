"""Slide kinds: each module plans the slides of one kind from facts (one module per kind)."""

from __future__ import annotations

from types import ModuleType

from . import (
    agenda,
    change,
    chart,
    firsts,
    graphic,
    kpi_grid,
    one_pager,
    pillar,
    progress,
    section,
    sources,
    table,
    takeaways,
    timeline,
    title,
    trend,
)

SLIDE_KINDS: dict[str, ModuleType] = {
    "title": title,
    "agenda": agenda,
    "kpi-grid": kpi_grid,
    "progress": progress,
    "section": section,
    "pillar": pillar,
    "chart": chart,
    "trend": trend,
    "change": change,
    "table": table,
    "firsts": firsts,
    "timeline": timeline,
    "takeaways": takeaways,
    "sources": sources,
    "graphic": graphic,
    "one-pager": one_pager,
}

NEEDS_LAYOUT = {"graphic"}  # kinds whose plan() also takes the whole layout


def required_keys() -> dict[str, set[str]]:
    """Return, for each slide kind, the layout entry keys it needs."""
    return {name: set(module.REQUIRES) for name, module in SLIDE_KINDS.items()}
