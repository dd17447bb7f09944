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


class Writing:
    """Graphics being written into a folder: those in the cache are copied at once, the
    rest start drawing in worker processes; :meth:`finish` waits for them and writes them
    and ``manifest.json``. In between, this process is free (the deck is rendered)."""

    def __init__(
        self,
        graphics: list[Graphic],
        theme: Theme,
        folder: Path,
        transparent: bool = False,
        use_cache: bool = True,
        workers: int | None = None,
    ):
        self.graphics, self.folder, self.use_cache = graphics, folder, use_cache
        folder.mkdir(parents=True, exist_ok=True)
        self.target = {g.file: inside(folder, g.file) for g in graphics}  # names from ids
        self.to_draw = []
        for graphic in graphics:
            key = cache.graphic_key(graphic, theme, transparent)
            data = cache.cached_graphic(key) if use_cache else None
            if data is None:
                self.to_draw.append((graphic, key))
            else:
                write_atomic(self.target[graphic.file], data)
        self.drawing = None
        if self.to_draw:
            from .render import Drawing  # matplotlib

            self.drawing = Drawing([g for g, _ in self.to_draw], theme, transparent, workers)

    def finish(self, progress: Progress = NULL) -> Path:
        """Write the graphics drawn and the manifest; return the manifest's path.
        ``progress`` counts the graphics drawn (those from the cache are only copied)."""
        if self.drawing is not None:
            with progress.task("Drawing infographics", len(self.to_draw)) as task:
                drawn = self.drawing.results(task.advance)
            for (graphic, key), data in zip(self.to_draw, drawn):
                write_atomic(self.target[graphic.file], data)
                if self.use_cache:
                    cache.keep_graphic(key, data)
        manifest = [g.manifest_entry() for g in self.graphics]
        path = self.folder / "manifest.json"
        write_atomic(path, (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode())
        return path

    def cancel(self) -> None:
        """Stop drawing (the build failed elsewhere)."""
        if self.drawing is not None:
            self.drawing.cancel()


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
    return Writing(graphics, theme, folder, transparent, use_cache, workers).finish(progress)
