"""Pieces several graphics share: a figure set large with its label, base and period."""

from __future__ import annotations

from typing import Any

from ..textfit import ParaSpec, RunSpec, fit, metrics
from .canvas import FAMILY, Canvas, T


def number_width(fig: dict[str, Any], size: float) -> float:
    """Return the width (inches) of the figure's number line at ``size`` points."""
    bold = metrics(FAMILY, True)
    scale = f" {fig['scale']}" if fig["scale"] else ""
    return (
        bold.width_pt(fig["prefix"], size * 0.5)
        + bold.width_pt(fig["number"], size)
        + bold.width_pt(scale, size * 0.4)
    ) / 72


def hero_size(figs: list[dict[str, Any]], w: float, size: float) -> float:
    """Return the largest size (at most ``size``) at which every figure's number fits ``w``."""
    while size > 12 and any(number_width(f, size) > w * 0.97 for f in figs):
        size -= 2
    return size


def texts_under(fig: dict[str, Any], label_pt: float) -> list[tuple[str, float]]:
    """Return the lines under a big figure: its change, its label, its base and period."""
    small = " · ".join(s for s in (fig["base"], fig["period"]) if s)
    return [(fig.get("change", ""), label_pt), (fig["label"], label_pt), (small, label_pt * 0.8)]


def hero_height(fig: dict[str, Any], w: float, size: float, label_pt: float) -> float | None:
    """Return the height (inches) :func:`hero` needs, or None if its text cannot fit ``w``."""
    height = 0.0
    if fig["qualifier"]:
        height += metrics(FAMILY).line_height_em * (label_pt + 2) / 72
    height += 1.1 * size / 72
    for text, pt in texts_under(fig, label_pt):
        if text:
            fitted = fit([ParaSpec((RunSpec(text, pt, pt, False, FAMILY),))], w * 72, 10_000)
            if fitted is None:
                return None
            height += fitted.height_pt / 72 + 0.08
    return height


def hero(
    cv: Canvas,
    x: float,
    y: float,
    w: float,
    fig: dict[str, Any],
    size: float,
    color: str | None = None,
    label_pt: float = 14,
    align: str = "left",
    on_dark: bool = False,
) -> float:
    """Draw qualifier, number (with currency prefix and scale), label and base/period.

    Return the height used. The number shrinks until it fits ``w`` on one line.
    """
    colour = color or cv.c("primary")
    text_c = cv.c("inverse") if on_dark else cv.c("text")
    muted = cv.c("inverse") if on_dark else cv.c("muted")
    size = hero_size([fig], w, size)
    top = y
    if fig["qualifier"]:
        top += cv.text(
            x, top, w, [T(fig["qualifier"], label_pt + 2, label_pt + 2, muted)], align=align
        )
    baseline = top + 0.80 * size / 72
    ax = {"left": x, "center": x + w / 2, "right": x + w}[align]
    scale = f" {fig['scale']}" if fig["scale"] else ""
    cv.runs(
        ax,
        baseline,
        [
            (fig["prefix"], size * 0.5, colour, True),
            (fig["number"], size, colour, True),
            (scale, size * 0.4, colour, True),
        ],
        align=align,
    )
    top = baseline + 0.3 * size / 72
    # on a dark panel the decline colour would be too faint: the arrow and sign mark a fall
    falls = fig.get("change_sign", 0) < 0 and not on_dark
    tone = cv.c("decline") if falls else colour
    for (text, pt), c in zip(texts_under(fig, label_pt), (tone, text_c, muted)):
        if text:
            top += cv.text(x, top + 0.08, w, [T(text, pt, pt, c)], align=align) + 0.08
    return top - y


def fitting_hero(
    figs: list[dict[str, Any]], w: float, h: float, size: float, label_pt: float
) -> tuple[float, float]:
    """Return (hero size, label size) at which every figure fits a ``w`` x ``h`` box."""
    size = hero_size(figs, w, size)
    floor = max(9.0, label_pt * 0.75)
    while True:
        heights = [hero_height(f, w, size, label_pt) for f in figs]
        if all(hh is not None and hh <= h for hh in heights):
            return size, label_pt
        if label_pt > floor:  # labels give way first, down to three quarters
            label_pt -= 1
        elif size > 24:
            size -= 2
        elif label_pt > 9:
            label_pt -= 1
        else:
            return size, label_pt
