"""Change slides (being built)."""

from __future__ import annotations

from ..layouts import SlideEntry
from ..plan import SlidePlan
from .base import Context

REQUIRES: set[str] = set()


def plan(ctx: Context, entry: SlideEntry) -> list[SlidePlan]:
    return []
