"""Timeline: milestones on a horizontal axis, labels alternating above and below."""

from __future__ import annotations

from .canvas import Canvas, T

MAX_ITEMS = 7


def draw(cv: Canvas) -> None:
    items = cv.g.data["items"][:MAX_ITEMS]  # the alt text names them all
    top = cv.header()
    bottom = cv.footer()
    m = cv.margin
    axis_y = (top + bottom) / 2
    cv.rect(m, axis_y - 0.02, cv.w - 2 * m, 0.04, cv.c("rule"))
    step = (cv.w - 2 * m) / len(items)
    label_w = min(2 * step - 0.2, 3.2)
    for i, item in enumerate(items):
        cx = m + step * i + step / 2
        cv.circle(cx, axis_y, 0.09, cv.c("primary"))
        left = min(max(cx - label_w / 2, m), cv.w - m - label_w)
        paras = [
            T(item["when"], 20, 14, cv.c("primary"), True),
            T(item["text"], 15, 10, cv.c("text"), space_before_pt=3),
        ]
        if i % 2 == 0:
            room = axis_y - 0.2 - top
            from ..textfit import ParaSpec, RunSpec, fit

            specs = [
                ParaSpec(
                    (RunSpec(p.text, p.size, p.min_size, p.bold, "Carlito"),), p.space_before_pt
                )
                for p in paras
            ]
            fitted = fit(specs, label_w * 72, room * 72)
            used = fitted.height_pt / 72 if fitted else room
            cv.text(left, axis_y - 0.2 - used, label_w, paras, max_h=room, align="center")
        else:
            cv.text(left, axis_y + 0.2, label_w, paras, max_h=bottom - axis_y - 0.2, align="center")
