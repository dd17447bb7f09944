"""Change card: indicators between two periods, before → after and the signed change.

A rise is marked with a triangle pointing up, a fall with one pointing down in the decline
colour: a fall is shown as plainly as a rise. Derived changes carry the word "derived".
"""

from __future__ import annotations

from .. import i18n
from ..textfit import ParaSpec, RunSpec, fit, metrics
from .canvas import FAMILY, Canvas, T

MAX_ROWS = 6
PAIRS = (0.22, 0.23, 0.05, 0.23, 0.27)  # indicator, before, arrow, after, change
STATED = (0.45, 0.0, 0.0, 0.2, 0.35)
GAP = 0.12  # inches between columns
ROW_GAP = 0.1
PAD = 0.15
MARK = 0.2  # the triangle's width (inches)


def draw(cv: Canvas) -> None:
    rows = cv.g.data["rows"]
    heads = cv.g.data["headings"]
    if len(rows) > MAX_ROWS:  # the card shows six; the alt text names them all
        hidden = len(rows) - MAX_ROWS + 1
        rows = rows[: MAX_ROWS - 1]
        more = i18n.text(cv.g.lang, "more", count=hidden)
    else:
        more = ""
    top = cv.header()
    bottom = cv.footer()
    m = cv.margin
    pairs = any(r["before"] for r in rows)
    fractions = PAIRS if pairs else STATED
    label_h = 0.3
    cols = _columns(m + PAD, cv.w - 2 * m - 2 * PAD, fractions)
    labels = [("indicator", cols[0]), ("change", cols[4])]
    if pairs:
        labels[1:1] = [("before", cols[1]), ("after", cols[3])]
    elif any(r["after_period"] for r in rows):
        labels[1:1] = [("period", cols[3])]
    for key, (x, w) in labels:
        cv.text(x, top, w, [T(heads[key], 11, 9, cv.c("muted"), True)])
    top += label_h
    if more:
        bottom -= 0.3
        cv.text(m, bottom + 0.05, cv.w - 2 * m, [T(more, 11, 9, cv.c("muted"))])
    n = max(len(rows), 1)
    row_h = min((bottom - top - ROW_GAP * (n - 1)) / n, 1.1)
    scale = _scale(rows, cols, row_h - 2 * 0.06)
    for i, row in enumerate(rows):
        y = top + i * (row_h + ROW_GAP)
        cv.rect(m, y, cv.w - 2 * m, row_h, cv.c("surface"), radius=0.05)
        _row(cv, row, cols, y, row_h, scale)


def _columns(x: float, w: float, fractions: tuple[float, ...]) -> list[tuple[float, float]]:
    used = [f for f in fractions if f]
    usable = w - GAP * (len(used) - 1)
    out = []
    for f in fractions:
        out.append((x, usable * f))
        x += usable * f + (GAP if f else 0)
    return out


def _cells(row: dict, cols: list, scale: float, cv: Canvas | None = None) -> list:
    """Return (x, width, paragraphs) of a row's texts at ``scale`` of the largest sizes."""

    def s(size: float) -> float:
        return round(size * scale * 2) / 2

    muted = cv.c("muted") if cv else "#000000"
    text = cv.c("text") if cv else "#000000"
    tone = "#000000"
    if cv:
        tone = cv.c("decline") if row["sign"] < 0 else cv.c("primary") if row["sign"] > 0 else text
    out = [(cols[0], [T(row["indicator"], s(15), s(15), text, True)])]
    if row["before"]:
        out.append(
            (
                cols[1],
                [
                    T(row["before"], s(15), s(15), text, True),
                    T(row["before_period"], s(11), s(11), muted, space_before_pt=1),
                ],
            )
        )
    if row["after"] or row["after_period"]:
        out.append(
            (
                cols[3],
                [
                    T(row["after"], s(15), s(15), text, True),
                    T(row["after_period"], s(11), s(11), muted, space_before_pt=1),
                ],
            )
        )
    x, w = cols[4]
    offset = MARK + 0.1 if row["sign"] else 0.0
    out.append(
        (
            (x + offset, w - offset),
            [
                T(row["change"], s(16), s(16), tone, True),
                T(row["note"], s(11), s(11), muted, space_before_pt=1),
            ],
        )
    )
    return out


def _height(paras: list[T], w: float, h: float) -> float | None:
    """Return the height (inches) the paragraphs take in width ``w``, or None if they do
    not fit ``h``."""
    paras = [p for p in paras if p.text]
    if not paras:
        return 0.0
    specs = [
        ParaSpec((RunSpec(p.text, p.size, p.min_size, p.bold, FAMILY),), p.space_before_pt)
        for p in paras
    ]
    fitted = fit(specs, w * 72, h * 72)
    return fitted.height_pt / 72 if fitted else None


def _scale(rows: list[dict], cols: list, room: float) -> float:
    """Return the largest scale (of the largest sizes) at which every row's texts fit."""
    scale = 1.0
    while scale > 0.6:
        if all(
            _height(paras, w, room) is not None
            for row in rows
            for (_, w), paras in _cells(row, cols, scale)
        ):
            return scale
        scale = round(scale - 0.05, 2)
    return 0.6  # the canvas reports text that still does not fit


def _row(cv: Canvas, row: dict, cols: list, y: float, h: float, scale: float) -> None:
    middle = y + h / 2
    cells = _cells(row, cols, scale, cv)
    for i, ((x, w), paras) in enumerate(cells):
        used = _height(paras, w, h) or h
        top = middle - used / 2
        cv.text(x, top, w, paras, max_h=h)
        if i == len(cells) - 1 and row["sign"]:  # the change: mark it on its first line
            first = metrics(FAMILY, True).line_height_em * paras[0].size / 72
            _triangle(cv, cols[4][0], top + first / 2, row["sign"])
    if row["before"] and (row["after"] or row["after_period"]):
        x, w = cols[2]
        size = round(18 * scale)
        line = metrics(FAMILY, True).line_height_em * size / 72
        arrow = [T("\u2192", size, size, cv.c("muted"), True)]
        cv.text(x, middle - line / 2, w, arrow, align="center")


def _triangle(cv: Canvas, x: float, cy: float, sign: int) -> None:
    """Draw a triangle pointing up (a rise) or down (a fall) with its centre at ``cy``."""
    half = MARK * 0.45
    colour = cv.c("decline") if sign < 0 else cv.c("primary")
    if sign > 0:  # y grows downward on the canvas
        points = [(x, cy + half), (x + MARK, cy + half), (x + MARK / 2, cy - half)]
    else:
        points = [(x, cy - half), (x + MARK, cy - half), (x + MARK / 2, cy + half)]
    cv.polygon(points, colour)
