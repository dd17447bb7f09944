"""Timeline: milestones placed at their time on a horizontal axis, labels alternating above
and below; a long gap in time is a break in the axis. Every milestone is drawn."""

from __future__ import annotations

from typing import Any

from ..textfit import ParaSpec, RunSpec, fit
from ..timescale import place
from .canvas import FAMILY, Canvas, T

MIN_GAP_IN = 1.0  # closest two milestones sit, in inches


def draw(cv: Canvas) -> None:
    items = cv.g.data["items"]
    top = cv.header()
    bottom = cv.footer()
    m = cv.margin
    milestones(cv, items, m, cv.w - 2 * m, top, (top + bottom) / 2, bottom)


def milestones(
    cv: Canvas,
    items: list[dict[str, Any]],
    x: float,
    w: float,
    top: float,
    axis_y: float,
    bottom: float,
    when_pt: tuple[float, float] = (20, 12),
    text_pt: tuple[float, float] = (15, 9),
    dot: float = 0.09,
) -> None:
    """Draw ``items`` ({'at': '2021-06', 'when': label, 'text': …}) along an axis at
    ``axis_y`` between ``x`` and ``x + w``, labels between ``top`` and ``bottom``."""
    pad = min(0.7, w * 0.08)
    inner_x, inner_w = x + pad, w - 2 * pad
    scale = place([str(it["at"]) for it in items], MIN_GAP_IN / inner_w)
    centres = [inner_x + p * inner_w for p in scale.positions]
    cv.rect(x, axis_y - 0.02, w, 0.04, cv.c("rule"))
    for at in scale.breaks:
        _break(cv, inner_x + at * inner_w, axis_y)
    for i, item in enumerate(items):
        cx = centres[i]
        cv.circle(cx, axis_y, dot, cv.c("primary"))
        same_row = [centres[j] for j in (i - 2, i + 2) if 0 <= j < len(centres)]
        reach = min([abs(c - cx) - 0.12 for c in same_row], default=3.2)
        half = min(reach, 3.2) / 2
        left = max(cx - half, x)
        width = min(cx + half, x + w) - left
        paras = [
            T(item["when"], when_pt[0], when_pt[1], cv.c("primary"), True),
            T(item["text"], text_pt[0], text_pt[1], cv.c("text"), space_before_pt=3),
        ]
        if i % 2 == 0:
            room = axis_y - 2 * dot - top
            specs = [
                ParaSpec((RunSpec(p.text, p.size, p.min_size, p.bold, FAMILY),), p.space_before_pt)
                for p in paras
            ]
            fitted = fit(specs, width * 72, room * 72)
            used = fitted.height_pt / 72 if fitted else room
            cv.text(left, axis_y - 2 * dot - used, width, paras, max_h=room, align="center")
        else:
            room = bottom - axis_y - 2 * dot
            cv.text(left, axis_y + 2 * dot, width, paras, max_h=room, align="center")


def _break(cv: Canvas, cx: float, axis_y: float) -> None:
    """Draw a break in the axis: a gap and two slanted strokes."""
    cv.rect(cx - 0.09, axis_y - 0.05, 0.18, 0.1, cv.c("background"))
    for dx in (-0.09, 0.09):
        cv.polyline(
            [cx + dx - 0.04, cx + dx + 0.04],
            [axis_y + 0.12, axis_y - 0.12],
            cv.c("muted"),
            1.5,
        )
