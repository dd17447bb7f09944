"""Summaries for screens: 16:9 with a row of figures, and a square one with a 2 x 2 grid."""

from __future__ import annotations

from .canvas import Canvas, T
from .common import fitting_hero, hero, hero_height


def draw(cv: Canvas) -> None:
    square = cv.g.kind == "square"
    kpis = cv.g.data["kpis"]
    m = cv.margin
    cv.rect(m, m, 0.14, 0.9 if square else 1.0, cv.c("accent"))
    y = m
    heading = [T(cv.g.title, 30 if square else 36, 22, cv.c("primary"), True)]
    if not square:  # a social post carries the title and the figures, nothing more
        heading.append(T(cv.g.subtitle, 16, 12, cv.c("muted"), space_before_pt=6))
    y += cv.text(m + 0.35, y, cv.w - 2 * m - 0.35, heading, max_h=cv.h * 0.28)
    bottom = cv.footer(size=12)
    top = y + 0.35
    cols = 2 if square else max(len(kpis), 1)
    rows = -(-len(kpis) // cols)
    gap = 0.25
    w = (cv.w - 2 * m - gap * (cols - 1)) / cols
    h = (bottom - top - gap * (rows - 1)) / rows
    pad = 0.3
    size, label_pt = fitting_hero(
        kpis, w - 2 * pad, h - 2 * pad, 64 if square else 80, 16 if square else 20
    )
    # Tiles hug their tallest content, so no tile is half empty.
    needed = max(hero_height(f, w - 2 * pad, size, label_pt) or 0 for f in kpis) + 2 * pad
    if needed < h:  # centre the hugging tiles in the room they had
        top += (h - needed) * rows / 2
        h = needed
    for i, fig in enumerate(kpis):
        r, c = divmod(i, cols)
        x, ty = m + c * (w + gap), top + r * (h + gap)
        cv.rect(x, ty, w, h, cv.c("surface"), radius=0.08)
        hero(cv, x + pad, ty + pad, w - 2 * pad, fig, size, label_pt=label_pt)
