"""The one-page poster (A4 portrait): the whole story from title to source on one page."""

from __future__ import annotations

from typing import Any

from .canvas import Canvas, T
from .common import fitting_hero, hero, hero_height
from .timeline import milestones


def draw(cv: Canvas) -> None:
    data = cv.g.data
    m = cv.margin
    width = cv.w - 2 * m
    gap = 0.22
    y = _title_band(cv, m, width)
    y = _kpis(cv, data["kpis"], m, y + gap, width)
    bottom = cv.footer(size=9)
    # The rest of the page, shared out: pillars, investment, timeline.
    room = bottom - y - 3 * gap
    parts = {
        "pillars": 0.52 if data["pillars"] else 0,
        "investment": 0.27 if data["amount"] else 0,
        "timeline": 0.21 if data["timeline"] else 0,
    }
    total = sum(parts.values()) or 1
    heights = {k: room * v / total for k, v in parts.items()}
    y += gap
    if data["pillars"]:
        y = _pillars(cv, data["pillars"][:4], m, y, width, heights["pillars"]) + gap
    if data["amount"]:
        _investment(cv, data["amount"], data["shares"], m, y, width, heights["investment"])
        y += heights["investment"] + gap
    if data["timeline"]:
        _timeline(cv, data["timeline"], m, y, width, heights["timeline"])


def _title_band(cv: Canvas, x: float, w: float) -> float:
    y = cv.margin
    paras = [
        T(cv.g.title, 30, 22, cv.c("inverse"), True),
        T(cv.g.subtitle, 12, 10, cv.c("inverse"), space_before_pt=6),
        T(
            f"{cv.g.data['date']} · {cv.g.source.removeprefix('Source: ')}",
            11,
            9,
            cv.c("inverse"),
            space_before_pt=6,
        ),
    ]
    from ..textfit import ParaSpec, RunSpec, fit

    fitted = fit(
        [
            ParaSpec((RunSpec(p.text, p.size, p.min_size, p.bold, "Carlito"),), p.space_before_pt)
            for p in paras
        ],
        (w - 0.6) * 72,
        2.4 * 72,
    )
    h = (fitted.height_pt / 72 if fitted else 2.4) + 0.5
    cv.rect(x, y, w, h, cv.c("primary"), radius=0.06)
    cv.text(x + 0.3, y + 0.25, w - 0.6, paras, max_h=h - 0.4)
    return y + h


def _kpis(cv: Canvas, kpis: list[dict[str, Any]], x: float, y: float, w: float) -> float:
    if not kpis:
        return y
    gap = 0.15
    tile_w = (w - gap * (len(kpis) - 1)) / len(kpis)
    size, label_pt = fitting_hero(kpis, tile_w - 0.24, 1.6, 32, 10)
    h = max(hero_height(f, tile_w - 0.24, size, label_pt) or 0 for f in kpis) + 0.24
    for i, fig in enumerate(kpis):
        tx = x + i * (tile_w + gap)
        cv.rect(tx, y, tile_w, h, cv.c("surface"), radius=0.05)
        hero(cv, tx + 0.12, y + 0.12, tile_w - 0.24, fig, size, label_pt=label_pt)
    return y + h


def _pillars(
    cv: Canvas, pillars: list[dict[str, Any]], x: float, y: float, w: float, height: float
) -> float:
    gap = 0.15
    cols = 2
    col_w = (w - gap) / cols
    rows = -(-len(pillars) // cols)
    h = (height - gap * (rows - 1)) / rows
    for i, pillar in enumerate(pillars):
        r, c = divmod(i, cols)
        px, py = x + c * (col_w + gap), y + r * (h + gap)
        cv.rect(px, py, col_w, h, cv.c("surface"), radius=0.05)
        cv.rect(px, py, 0.07, h, cv.c("primary"))
        inner_x, inner_w = px + 0.22, col_w - 0.34
        top = py + 0.12
        top += cv.text(
            inner_x,
            top,
            inner_w,
            [T(f"{pillar['number']} · {pillar['name']}", 12, 10, cv.c("primary"), True)],
        )
        if pillar["figure"]:
            fig = pillar["figure"]
            top += 0.04
            top += cv.text(
                inner_x,
                top,
                inner_w,
                [
                    T(fig["stated"], 20, 14, cv.c("accent"), True),
                    T(fig["label"], 9.5, 9, cv.c("text")),
                ],
            )
        for item in pillar["items"][:3]:
            top += 0.05
            room = py + h - top - 0.08
            if room < 0.2:
                break
            # A filled accent dot marks what the source calls a first; others get a rule dot.
            cv.circle(
                inner_x + 0.04,
                top + 0.085,
                0.035,
                cv.c("accent") if item["badge"] else cv.c("rule"),
            )
            top += cv.text(
                inner_x + 0.14,
                top,
                inner_w - 0.14,
                [T(item["heading"], 9.5, 9, cv.c("text"))],
                max_h=room,
            )
    return y + rows * h + (rows - 1) * gap


def _investment(
    cv: Canvas,
    amount: dict[str, Any],
    shares: list[dict[str, Any]],
    x: float,
    y: float,
    w: float,
    h: float,
) -> None:
    cv.rect(x, y, w, h, cv.c("surface"), radius=0.05)
    col = w / (1 + len(shares))
    hero(cv, x + 0.2, y + 0.2, col - 0.4, amount, 30, label_pt=10)
    size = min(h - 0.85, col - 0.5)
    for i, share in enumerate(shares):
        cx = x + col * (i + 1) + col / 2
        r = size / 2
        cy = y + 0.2 + r
        cv.ring(
            cx, cy, r, r * 0.32, share["value"], "#" + cv.theme.chart[i], "#" + cv.theme.chart_rest
        )
        if share["qualifier"]:  # "about 16%": the qualifier stays beside its number
            cv.runs(cx, cy - 0.12, [(share["qualifier"], 10, cv.c("muted"), False)], align="center")
        cv.runs(cx, cy + 0.1, [(share["number"], 16, cv.c("primary"), True)], align="center")
        cv.text(
            x + col * (i + 1) + 0.1,
            cy + r + 0.08,
            col - 0.2,
            [T(share["label"], 9.5, 9, cv.c("text"))],
            max_h=y + h - cy - r - 0.1,
            align="center",
        )


def _timeline(
    cv: Canvas, items: list[dict[str, str]], x: float, y: float, w: float, h: float
) -> None:
    """Every milestone at its place in time (the timeline graphic's layout, set small)."""
    milestones(cv, items, x, w, y, y + h / 2, y + h, (10, 7), (9, 6.5), dot=0.05)
