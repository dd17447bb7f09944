"""Trend: one series over time as columns or a line, from zero, the latest value called out.

Falls are drawn as plainly as rises (below the axis, or in the decline colour for a value
lower than the period before), a missing value stays a gap, and the category labels are
thinned out (every 2nd, 5th …) until they no longer collide: never rotated.
"""

from __future__ import annotations

import math

from ..textfit import ParaSpec, RunSpec, fit, metrics
from .canvas import FAMILY, Canvas, T

TICK_PT = 11.0
LABEL_PT = 12.0
GAP = 0.6  # between columns, as a share of a column's width


def _width(text: str, size: float, bold: bool = False) -> float:
    return metrics(FAMILY, bold).width_pt(text, size) / 72


def _line(size: float) -> float:
    return metrics(FAMILY).line_height_em * size / 72


def draw(cv: Canvas) -> None:
    d = cv.g.data
    top = cv.header()
    bottom = cv.footer()
    m = cv.margin
    panel_w = min(2.9, cv.w * 0.3)
    panel_x = cv.w - m - panel_w
    key_h = _key(cv, d["key"], m, bottom, panel_x - 0.3 - m) if d["key"] else 0.0
    _callout(cv, d, panel_x, top, panel_w, bottom - key_h - top)
    _chart(cv, d, m, top, panel_x - 0.3 - m, bottom - key_h - top)


def _chart(cv: Canvas, d: dict, x: float, y: float, w: float, h: float) -> None:
    unit_h = cv.text(x, y, w, [T(d["unit"], TICK_PT, TICK_PT, cv.c("muted"))]) if d["unit"] else 0
    tick_w = max(_width(t, TICK_PT) for t in d["tick_texts"]) * 1.04 + 0.04  # measured with room
    left = x + tick_w + 0.12
    plot_top = y + unit_h + 0.1 + _line(TICK_PT) / 2
    plot_bottom = y + h - _line(TICK_PT) - 0.1
    count = len(d["categories"])
    latest = d["latest"]
    label_w = _width(d["latest_label"], LABEL_PT, True)
    right = x + w
    for _ in range(3):  # leave room right of the plot for the latest value's label
        slot = (right - left) / count
        after = (count - latest - 0.5) * slot
        reach = label_w - slot / (1 + GAP) / 2 if d["chart"] == "column" else label_w + 0.1
        right = x + w - max(0.0, reach - after + 0.05)
    slot = (right - left) / count
    low, high = d["low"], d["high"]

    def at(value: float) -> float:
        return plot_bottom - (value - low) / (high - low) * (plot_bottom - plot_top)

    for tick, text in zip(d["ticks"], d["tick_texts"]):
        ty = at(tick)
        if tick != 0:
            cv.rect(left, ty - 0.005, right - left, 0.01, "#" + cv.theme.chart_rest)
        cv.text(
            x,
            ty - _line(TICK_PT) / 2,
            tick_w + 0.02,
            [T(text, TICK_PT, TICK_PT, cv.c("text"))],
            align="right",
        )
    zero = at(0.0)
    values = d["values"]
    colours = ["#" + (d["decline"] if m else d["color"]) for m in d["marked"]]
    centres = [left + slot * (i + 0.5) for i in range(count)]
    if d["chart"] == "column":
        width = slot / (1 + GAP)
        for cx, v, colour in zip(centres, values, colours):
            if v is None:
                continue  # a gap, never a zero column
            cv.rect(cx - width / 2, min(at(v), zero), width, abs(at(v) - zero), colour)
    else:
        ys = [at(v) if v is not None else math.nan for v in values]
        cv.polyline(centres, ys, "#" + d["color"], 2.2, cap="round")
        for i, (cx, cy, v, colour) in enumerate(zip(centres, ys, values, colours)):
            if v is not None and (d["dots"] or i == latest):  # a long line: the line alone
                cv.circle(cx, cy, 0.075 if i == latest else 0.045, colour)
    cv.rect(left, zero - 0.01, right - left, 0.02, cv.c("muted"))  # the zero line
    _latest_label(cv, d, centres[latest], at(values[latest]), slot)
    _categories(cv, d, centres, slot, plot_bottom + 0.06)


def _latest_label(cv: Canvas, d: dict, cx: float, cy: float, slot: float) -> None:
    text = d["latest_label"]
    size = LABEL_PT
    fall = d["values"][d["latest"]] < 0
    if d["chart"] == "column":
        lx = cx - slot / (1 + GAP) / 2
        ly = cy + 0.05 if fall else cy - _line(size) - 0.03
    else:
        lx = cx + 0.12
        ly = cy - _line(size) / 2
    cv.text(lx, ly, _width(text, size, True) + 0.1, [T(text, size, size, cv.c("text"), True)])


def _categories(cv: Canvas, d: dict, centres: list[float], slot: float, top: float) -> None:
    """Draw the category labels, every one or every n-th, so that none collide."""
    widest = max(_width(c, TICK_PT) for c in d["categories"]) + 0.1
    every = next((k for k in d["intervals"] if widest <= k * slot), d["intervals"][-1])
    start = next((i for i, k in enumerate(d["keys"]) if k % every == 0), 0)
    for i, (cx, text) in enumerate(zip(centres, d["categories"])):
        if (i - start) % every:
            continue
        w = _width(text, TICK_PT) + 0.1
        cv.text(cx - w / 2, top, w, [T(text, TICK_PT, TICK_PT, cv.c("text"))], align="center")


def _key(cv: Canvas, items: list, x: float, bottom: float, w: float) -> float:
    """Draw the key (falls, gaps) in a row above ``bottom``; return the height it takes."""
    size = TICK_PT
    row = _line(size) + 0.12
    y = bottom - row
    left = x
    for style, colour, text in items:
        swatch = 0.16
        top = y + (row - swatch) / 2
        if style == "fill":
            cv.rect(left, top, swatch, swatch, "#" + colour)
        elif style == "dot":
            cv.circle(left + swatch / 2, top + swatch / 2, swatch / 2, "#" + colour)
        elif style == "line":
            cv.rect(left, top + swatch / 2 - 0.025, swatch, 0.05, "#" + colour)
        else:
            cv.rect(left, top, swatch, swatch, "#" + colour)
            cv.rect(left + 0.015, top + 0.015, swatch - 0.03, swatch - 0.03, cv.c("background"))
        tw = min(_width(text, size) + 0.1, x + w - left - swatch - 0.08)
        cv.text(left + swatch + 0.08, y + 0.06, tw, [T(text, size, size * 0.85, cv.c("muted"))])
        left += swatch + 0.08 + tw + 0.3
    return row + 0.1


def _callout(cv: Canvas, d: dict, x: float, y: float, w: float, h: float) -> None:
    """Draw the card calling out the latest value: period, figure, unit, change, extremes."""
    pad = 0.22
    paras = []
    falling = d["signed"] and d["marked"][d["latest"]]
    for key, text in d["callout"]:
        role, more = key.rstrip("+"), key.endswith("+")
        if role == "latest":
            paras.append(T(text, 13, 11, cv.c("muted"), True))
        elif role == "qualifier":
            paras.append(T(text, 14, 11, cv.c("muted"), space_before_pt=4))
        elif role == "number":
            colour = "#" + d["decline"] if falling else cv.c("primary")
            size = 30.0
            while size > 12 and _width(text, size, True) > (w - 2 * pad) * 0.97:
                size -= 1  # the figure stays on one line
            paras.append(T(text, size, min(size, 12), colour, True, space_before_pt=2))
        elif role == "unit":
            paras.append(T(text, 14, 11, cv.c("text")))
        elif role == "change":
            paras.append(T(text, 13, 11, cv.c("text"), True, space_before_pt=0 if more else 8))
        else:
            paras.append(T(text, 12, 10, cv.c("muted"), space_before_pt=0 if more else 6))
    specs = [
        ParaSpec((RunSpec(p.text, p.size, p.min_size, p.bold, FAMILY),), p.space_before_pt)
        for p in paras
    ]
    fitted = fit(specs, (w - 2 * pad) * 72, (h - 2 * pad) * 72)
    used = h - 2 * pad
    if fitted is not None:  # the height as drawn: lines advance by the Latin face's height
        face = metrics(FAMILY)
        used = sum(
            len(lines) * face.line_height_em * sizes[0] / 72 + (p.space_before_pt / 72 if i else 0)
            for i, (p, sizes, lines) in enumerate(zip(paras, fitted.sizes, fitted.lines))
        )
    cv.rect(x, y, w, used + 2 * pad, cv.c("surface"), radius=0.08)
    cv.text(x + pad, y + pad, w - 2 * pad, paras, max_h=h - 2 * pad)
