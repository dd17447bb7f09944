"""Progress ring: a share of its base filled clockwise, with supporting figures beside it."""

from __future__ import annotations

from .canvas import Canvas, T


def draw(cv: Canvas) -> None:
    data = cv.g.data
    fig = data["figure"]
    top = cv.header()
    bottom = cv.footer()
    m = cv.margin
    size = min(bottom - top - 0.2, cv.w * 0.42)
    r = size / 2
    cx, cy = m + r, top + 0.1 + r
    cv.ring(cx, cy, r, r * 0.28, fig["value"], cv.c("primary"), "#" + cv.theme.chart_rest)
    inner = r * 0.72 * 1.35
    if fig["qualifier"]:
        cv.text(
            cx - inner / 2,
            cy - r * 0.42,
            inner,
            [T(fig["qualifier"], 16, 12, cv.c("muted"))],
            align="center",
        )
    cv.runs(
        cx,
        cy + 0.28,
        [(fig["prefix"], 24, cv.c("primary"), True), (fig["number"], 48, cv.c("primary"), True)],
        align="center",
    )
    x = m + size + 0.5
    w = cv.w - x - m
    y = top + 0.1
    rows = data["others"]
    step = (bottom - top - 0.2) / max(len(rows), 1)
    for i, row in enumerate(rows):
        y = top + 0.1 + i * step
        cv.rect(x, y, w, 0.012, cv.c("rule"))
        cv.text(
            x,
            y + 0.08,
            w,
            [T(row["amount"], 22, 14, cv.c("primary"), True), T(row["label"], 13, 9, cv.c("text"))],
            max_h=step - 0.12,
        )
