"""Render the planned graphics to PNG files (in parallel) and write their manifest."""

from __future__ import annotations

import os
from collections.abc import Callable

from .. import pool
from ..theme import Theme
from . import (
    change,
    firsts,
    kpi_card,
    pillar_card,
    poster,
    ring,
    share,
    summary,
    timeline,
    trend,
)
from .canvas import Canvas
from .spec import Graphic

GRAPHIC_KINDS: dict[str, Callable[[Canvas], None]] = {
    "kpi-card": kpi_card.draw,
    "change": change.draw,
    "ring": ring.draw,
    "waffle": share.draw_waffle,
    "doughnut": share.draw_doughnut,
    "pillar-card": pillar_card.draw,
    "timeline": timeline.draw,
    "trend": trend.draw,
    "firsts": firsts.draw,
    "poster": poster.draw,
    "summary": summary.draw,
    "square": summary.draw,
}


def render_png(graphic: Graphic, theme: Theme, transparent: bool = False) -> bytes:
    """Return the PNG bytes of one graphic."""
    canvas = Canvas(graphic, theme)
    GRAPHIC_KINDS[graphic.kind](canvas)
    return canvas.png(transparent)


def _draw(args: tuple[Graphic, Theme, bool]) -> bytes:
    """Draw one graphic in a worker process (top level, so any start method can call it)."""
    return render_png(*args)


class Drawing:
    """Graphics being drawn in a pool of processes, largest first so that no worker is left
    drawing the poster alone at the end; :meth:`results` returns their PNG bytes in order."""

    def __init__(
        self, graphics: list[Graphic], theme: Theme, transparent: bool, workers: int | None
    ):
        count = workers or os.cpu_count() or 1
        self.order = sorted(
            range(len(graphics)), key=lambda i: -graphics[i].width_px * graphics[i].height_px
        )
        jobs = [(graphics[i], theme, transparent) for i in self.order]
        self.running = pool.start(_draw, jobs, count)

    def results(self, done: Callable[[], None] | None = None) -> list[bytes]:
        drawn = self.running.results(done)
        results: list[bytes] = [b""] * len(drawn)
        for i, data in zip(self.order, drawn):
            results[i] = data
        return results

    def cancel(self) -> None:
        self.running.cancel()


def draw_all(
    graphics: list[Graphic],
    theme: Theme,
    transparent: bool = False,
    workers: int | None = None,
    done: Callable[[], None] | None = None,
) -> list[bytes]:
    """Return the PNG bytes of every graphic, drawn in a pool of processes (one per core);
    ``done`` is called here as each graphic is drawn."""
    return Drawing(graphics, theme, transparent, workers).results(done)
