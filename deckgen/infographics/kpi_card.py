"""KPI card: one headline figure with its qualifier, unit, label, base and source."""

from __future__ import annotations

from .canvas import Canvas, T
from .common import fitting_hero, hero, texts_under


def draw(cv: Canvas) -> None:
    fig = cv.g.data["figure"]
    m = cv.margin
    bottom = cv.footer()
    cv.rect(m, m, 0.12, bottom - m - 0.15, cv.c("accent"))
    x = m + 0.35
    w = cv.w - x - m
    y = m + cv.text(x, m, w, [T(fig["short"] or fig["label"], 16, 12, cv.c("muted"), True)])
    # Everything stays beside the accent bar, above the rule over the sources: the figure and
    # its labels shrink for a label that wraps or sources that take two lines. (hero draws
    # 0.08 in more around each text under the figure than hero_height counts.)
    under = sum(1 for text, _ in texts_under(fig, 18) if text)
    room = (bottom - 0.15) - (y + 0.15) - under * 0.08
    size, label_pt = fitting_hero([fig], w, room, 78, 18)
    hero(cv, x, y + 0.15, w, fig, size, label_pt=label_pt)
