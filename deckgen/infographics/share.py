"""Share graphics: a 10 x 10 waffle (one square per percent) or a doughnut with its remainder."""

from __future__ import annotations

from .canvas import Canvas, T

EMPTY = "#D3DCE6"  # empty cells: a light tint, so the filled share stands out


def draw_waffle(cv: Canvas) -> None:
    data = cv.g.data
    fig = data["figure"]
    top = cv.header()
    bottom = cv.footer()
    m = cv.margin
    side = min(bottom - top - 0.2, (cv.w - 2 * m) * 0.62)
    gap = side * 0.012
    cell = (side - 9 * gap) / 10
    filled = data["cells"]
    for i in range(100):
        row, col = divmod(i, 10)
        # Fill from the bottom-left, row by row, as a share "rises".
        y = top + (9 - row) * (cell + gap)
        # Empty cells are a light tint: the count is also stated in words beside the grid.
        colour = cv.c("primary") if i < filled else EMPTY
        cv.rect(m + col * (cell + gap), y, cell, cell, colour)
    x = m + side + 0.35
    w = cv.w - x - m
    if fig["qualifier"]:  # "about 40%": the qualifier stays beside its number
        cv.runs(x, top + 0.15, [(fig["qualifier"], 16, cv.c("muted"), False)])
    cv.runs(x, top + 0.7, [(fig["number"], 44, cv.c("primary"), True)])
    used = cv.text(x, top + 0.9, w, [T(fig["label"], 14, 11, cv.c("text"))])
    cv.text(x, top + 1.0 + used, w, [T(cv.g.data["note"], 11, 9, cv.c("muted"))])


def draw_doughnut(cv: Canvas) -> None:
    data = cv.g.data
    fig = data["figure"]
    top = cv.header()
    bottom = cv.footer()
    m = cv.margin
    size = min(bottom - top - 0.9, cv.w - 2 * m)
    r = size / 2
    cx, cy = cv.w / 2, top + r
    cv.ring(cx, cy, r, r * 0.3, fig["value"], "#" + cv.theme.chart[0], "#" + cv.theme.chart_rest)
    if fig["qualifier"]:
        cv.runs(cx, cy - 0.3, [(fig["qualifier"], 16, cv.c("muted"), False)], align="center")
    cv.runs(cx, cy + 0.2, [(fig["number"], 40, cv.c("primary"), True)], align="center")
    y = cy + r + 0.15
    y += cv.text(m, y, cv.w - 2 * m, [T(fig["label"], 14, 11, cv.c("text"))], align="center")
    cv.text(
        m, y + 0.05, cv.w - 2 * m, [T(data["rest_label"], 11, 9, cv.c("muted"))], align="center"
    )
