"""Firsts panel: every achievement the source calls a first, as badged tiles."""

from __future__ import annotations

from .. import i18n
from .canvas import Canvas, T

MAX_TILES = 12


def draw(cv: Canvas) -> None:
    items = cv.g.data["items"]
    if len(items) > MAX_TILES:  # the panel shows twelve; the rest are counted in the last
        hidden = len(items) - MAX_TILES + 1
        items = items[: MAX_TILES - 1] + [
            {
                "badge": "+",
                "heading": i18n.text(cv.g.lang, "more_firsts", count=hidden),
                "pillar": i18n.text(cv.g.lang, "in_deck"),
            }
        ]
    top = cv.header()
    bottom = cv.footer()
    m = cv.margin
    cols = 4 if len(items) > 6 else 3
    rows = -(-len(items) // cols)
    gap = 0.18
    w = (cv.w - 2 * m - gap * (cols - 1)) / cols
    h = (bottom - top - gap * (rows - 1)) / rows
    from ..textfit import metrics

    for i, item in enumerate(items):
        r, c = divmod(i, cols)
        x, y = m + c * (w + gap), top + r * (h + gap)
        cv.rect(x, y, w, h, cv.c("surface"), radius=0.06)
        bw = metrics("Carlito", True).width_pt(item["badge"], 10) / 72 + 0.2
        cv.rect(x + 0.15, y + 0.15, bw, 0.24, cv.c("accent"), radius=0.03)
        cv.text(
            x + 0.15,
            y + 0.18,
            bw,
            [T(item["badge"], 10, 10, cv.c("inverse"), True)],
            align="center",
        )
        cv.text(
            x + 0.15,
            y + 0.5,
            w - 0.3,
            [
                T(item["heading"], 14, 10, cv.c("text"), True),
                T(item["pillar"], 11, 9, cv.c("muted"), space_before_pt=3),
            ],
            max_h=h - 0.6,
        )
