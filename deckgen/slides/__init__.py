"""Slide kinds: each module plans the slides of one kind from facts (one module per kind).

Modules are loaded when a deck uses their kind, so a build pays only for the kinds it
draws; a kind that chooses its own content (trend, change, table) is not loaded when the
facts hold nothing for it (see :mod:`.content`).
"""

from __future__ import annotations

import importlib
from types import ModuleType

# kind -> (module, the layout entry keys the kind needs)
KINDS: dict[str, tuple[str, frozenset[str]]] = {
    "title": ("title", frozenset()),
    "agenda": ("agenda", frozenset()),
    "kpi-grid": ("kpi_grid", frozenset()),
    "progress": ("progress", frozenset()),
    "section": ("section", frozenset({"story"})),
    "pillar": ("pillar", frozenset()),
    "chart": ("chart", frozenset({"chart"})),
    "trend": ("trend", frozenset()),
    "change": ("change", frozenset()),
    "table": ("table", frozenset()),
    "firsts": ("firsts", frozenset()),
    "timeline": ("timeline", frozenset()),
    "takeaways": ("takeaways", frozenset()),
    "sources": ("sources", frozenset()),
    "graphic": ("graphic", frozenset({"graphic"})),
    "one-pager": ("one_pager", frozenset()),
}

NEEDS_LAYOUT = {"graphic"}  # kinds whose plan() also takes the whole layout


def kind_module(kind: str) -> ModuleType:
    """Return the module that plans slides of ``kind``."""
    return importlib.import_module(f".{KINDS[kind][0]}", __name__)


def required_keys() -> dict[str, set[str]]:
    """Return, for each slide kind, the layout entry keys it needs."""
    return {name: set(keys) for name, (_, keys) in KINDS.items()}
