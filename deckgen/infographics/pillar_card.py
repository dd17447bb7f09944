"""Pillar card: the pillar's message, its headline figure, and its achievements."""

from __future__ import annotations

from .. import i18n
from ..textfit import metrics
from .canvas import FAMILY, Canvas, T
from .common import hero, hero_height


def draw(cv: Canvas) -> None:
    data = cv.g.data
    top = cv.header(title_pt=20)
    bottom = cv.footer()
    m = cv.margin
    panel_w = (cv.w - 2 * m) * 0.36
    cv.rect(m, top, panel_w, bottom - top, cv.c("primary"), radius=0.08)
    pad = 0.2
    y = top + pad
    main_pt, extra_pt, label_pt, figures = _sizes(data, panel_w - 2 * pad, bottom - top - 2 * pad)
    if data["figure"]:
        y += hero(
            cv,
            m + pad,
            y,
            panel_w - 2 * pad,
            data["figure"],
            main_pt,
            cv.c("inverse"),
            label_pt=label_pt,
            on_dark=True,
        )
    for fig in figures:
        y += 0.15 + hero(
            cv,
            m + pad,
            y + 0.15,
            panel_w - 2 * pad,
            fig,
            extra_pt,
            cv.c("inverse"),
            label_pt=label_pt - 2,
            on_dark=True,
        )
    draw_items(
        cv, m + panel_w + 0.3, top, cv.w - m - (m + panel_w + 0.3), bottom - top, data["items"]
    )


# (headline figure, further figures, label) sizes in points, largest first
SIZES = (
    (48, 28, 13),
    (40, 26, 12),
    (34, 24, 12),
    (28, 22, 11),
    (26, 20, 11),
    (24, 18, 10),
    (22, 16, 10),
)


def _sizes(data: dict, w: float, room: float) -> tuple[float, float, float, list[dict]]:
    """Return the sizes at which the panel's figures fit its height, and the figures it
    shows: all of them at the largest sizes that fit, else as many as fit at the smallest
    (the deck lists every one)."""
    figures = list(data["figures"])
    while True:
        for main, extra, label in SIZES:
            heights = [hero_height(data["figure"], w, main, label)] if data["figure"] else []
            heights += [hero_height(f, w, extra, label - 2) for f in figures]
            if None not in heights:
                used = sum(heights) + 0.15 * len(figures)  # type: ignore[arg-type]
                if used <= room:
                    return main, extra, label, figures
        if not figures:
            return main, extra, label, figures
        figures.pop()


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
