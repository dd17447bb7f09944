"""KPI card: one headline figure with its qualifier, unit, label, base and source."""

from __future__ import annotations

from .canvas import Canvas, T
from .common import hero


def draw(cv: Canvas) -> None:
    fig = cv.g.data["figure"]
    m = cv.margin
    bottom = cv.footer()
    cv.rect(m, m, 0.12, bottom - m - 0.15, cv.c("accent"))
    x = m + 0.35
    w = cv.w - x - m
    y = m + cv.text(x, m, w, [T(fig["short"] or fig["label"], 16, 12, cv.c("muted"), True)])
    hero(cv, x, y + 0.15, w, fig, 78, label_pt=18)
