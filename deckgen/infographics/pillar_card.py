"""Pillar card: the pillar's message, its headline figure, and its achievements."""

from __future__ import annotations

from .. import i18n
from ..textfit import metrics
from .canvas import FAMILY, Canvas, T
from .common import hero


def draw(cv: Canvas) -> None:
    data = cv.g.data
    top = cv.header(title_pt=20)
    bottom = cv.footer()
    m = cv.margin
    panel_w = (cv.w - 2 * m) * 0.36
    cv.rect(m, top, panel_w, bottom - top, cv.c("primary"), radius=0.08)
    pad = 0.2
    y = top + pad
    if data["figure"]:
        y += hero(
            cv,
            m + pad,
            y,
            panel_w - 2 * pad,
            data["figure"],
            48,
            cv.c("inverse"),
            label_pt=13,
            on_dark=True,
        )
    for fig in data["figures"]:
        y += 0.15 + hero(
            cv,
            m + pad,
            y + 0.15,
            panel_w - 2 * pad,
            fig,
            28,
            cv.c("inverse"),
            label_pt=11,
            on_dark=True,
        )
    draw_items(
        cv, m + panel_w + 0.3, top, cv.w - m - (m + panel_w + 0.3), bottom - top, data["items"]
    )


def draw_items(cv: Canvas, x: float, y: float, w: float, h: float, items: list[dict]) -> None:
    """Draw achievements as rows: a badge for firsts, a bold heading, one line of detail.

    Rows are at least 0.62 in tall; achievements beyond what fits are counted in a last row.
    """
    capacity = max(int(h // 0.62), 1)
    if len(items) > capacity:
        hidden = len(items) - capacity + 1
        items = items[: capacity - 1] + [
            {
                "heading": i18n.text(cv.g.lang, "more", count=hidden),
                "badge": "",
                "detail": i18n.text(cv.g.lang, "in_deck"),
            }
        ]
    step = h / max(len(items), 1)
    for i, item in enumerate(items):
        top = y + i * step
        cv.rect(x, top, w, 0.012, cv.c("rule"))
        text_top = top + 0.08
        text_w = w
        if item["badge"]:  # the badge sits at the right end of its row
            bw = metrics(FAMILY, True).width_pt(item["badge"], 9) / 72 + 0.16
            cv.rect(x + w - bw, text_top, bw, 0.2, cv.c("accent"), radius=0.03)
            cv.text(
                x + w - bw,
                text_top + 0.025,
                bw,
                [T(item["badge"], 9, 9, cv.c("inverse"), True)],
                align="center",
            )
            text_w = w - bw - 0.12
        cv.text(
            x,
            text_top,
            text_w,
            [
                T(item["heading"], 13, 10, cv.c("text"), True),
                T(item["detail"], 11, 9, cv.c("muted"), space_before_pt=1),
            ],
            max_h=top + step - text_top - 0.04,
        )
