"""Render the planned graphics to PNG files (in parallel) and write their manifest."""

from __future__ import annotations

import json
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..package import write_atomic
from ..theme import Theme
from . import firsts, kpi_card, pillar_card, poster, ring, share, summary, timeline
from .canvas import Canvas
from .spec import Graphic

GRAPHIC_KINDS: dict[str, Callable[[Canvas], None]] = {
    "kpi-card": kpi_card.draw,
    "ring": ring.draw,
    "waffle": share.draw_waffle,
    "doughnut": share.draw_doughnut,
    "pillar-card": pillar_card.draw,
    "timeline": timeline.draw,
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


def _render_to(args: tuple[Graphic, Theme, bool, str]) -> str:
    graphic, theme, transparent, folder = args
    write_atomic(Path(folder) / graphic.file, render_png(graphic, theme, transparent))
    return graphic.file


def render_all(
    graphics: list[Graphic],
    theme: Theme,
    folder: Path,
    transparent: bool = False,
    workers: int | None = None,
) -> Path:
    """Write every graphic into ``folder`` and ``manifest.json`` beside them; return it.

    Graphics render in a pool of processes (one per core); each file is written atomically.
    """
    folder.mkdir(parents=True, exist_ok=True)
    jobs = [(g, theme, transparent, str(folder)) for g in graphics]
    count = min(workers or os.cpu_count() or 1, len(jobs))
    if count > 1:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(count, mp_context=context) as pool:
            list(pool.map(_render_to, jobs))
    else:
        for job in jobs:
            _render_to(job)
    manifest = [g.manifest_entry() for g in graphics]
    path = folder / "manifest.json"
    write_atomic(path, (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode())
    return path
