"""Write the planned graphics as PNG files and their manifest, drawing only what changed.

Graphics found in the cache (same plan, theme, options and deckgen) are copied; the rest
are drawn with matplotlib in a pool of processes. matplotlib is imported only when at least
one graphic has to be drawn.
"""

from __future__ import annotations

import json
from pathlib import Path

from .. import cache
from ..package import write_atomic
from ..paths import inside
from ..progress import NULL, Progress
from ..theme import Theme
from .spec import Graphic


def render_all(
    graphics: list[Graphic],
    theme: Theme,
    folder: Path,
    transparent: bool = False,
    use_cache: bool = True,
    workers: int | None = None,
    progress: Progress = NULL,
) -> Path:
    """Write every graphic into ``folder`` and ``manifest.json`` beside them; return it.

    ``progress`` counts the graphics drawn (those found in the cache are only copied)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = {g.file: inside(folder, g.file) for g in graphics}  # names come from facts ids
    to_draw = []
    for graphic in graphics:
        key = cache.graphic_key(graphic, theme, transparent)
        data = cache.cached_graphic(key) if use_cache else None
        if data is None:
            to_draw.append((graphic, key))
        else:
            write_atomic(target[graphic.file], data)
    if to_draw:
        from .render import draw_all  # matplotlib

        with progress.task("Drawing infographics", len(to_draw)) as task:
            drawn = draw_all([g for g, _ in to_draw], theme, transparent, workers, task.advance)
        for (graphic, key), data in zip(to_draw, drawn):
            write_atomic(target[graphic.file], data)
            if use_cache:
                cache.keep_graphic(key, data)
    manifest = [g.manifest_entry() for g in graphics]
    path = folder / "manifest.json"
    write_atomic(path, (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode())
    return path
