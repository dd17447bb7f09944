"""Chart elements shared by slide kinds: a share as a native doughnut with its number inside."""

from __future__ import annotations

from ..numbers import complement
from ..plan import Box, ChartEl, TextEl
from .base import Context, R, para, text_box


def share_doughnut(
    ctx: Context, metric_id: str, box: Box, color: str, number_pt: tuple[float, float] = (44, 18)
) -> tuple[ChartEl, TextEl]:
    """Return a native doughnut of a percentage share, and the figure set in its hole.

    The remainder is derived (100 minus the share), labelled as derived in the chart's data
    and alt text.
    """
    metric = ctx.facts.metric(metric_id)
    fig = ctx.figure(metric_id)
    path = ctx.metric_path(metric_id)
    rest = complement(metric)
    short = ctx.text(metric.short or metric.label, f"{path}.short")
    rest_label = ctx.say("remainder", rest=ctx.rest(metric_id))
    label = ctx.text(metric.label, f"{path}.label")
    alt = ctx.say(
        "alt_doughnut",
        figure=fig.amount,
        label=label,
        rest=ctx.rest(metric_id),
    )
    chart = ChartEl(
        f"{metric_id} chart",
        box,
        "doughnut",
        (short, rest_label),
        (metric.value, rest),
        (color, ctx.theme.chart_rest),
        ("", ""),
        alt,
        ctx.color("text"),
        derived=(False, True),
    )
    size = min(box.w, box.h)
    hole = Box(
        box.x + (box.w - size // 2) // 2, box.y + (box.h - size // 2) // 2, size // 2, size // 2
    )
    runs = [
        para(R(fig.qualifier, (18, 14), "muted"), align="center"),
        para(R(fig.number, number_pt, "primary", bold=True, font="heading"), align="center"),
    ]
    centre = text_box(ctx, f"{metric_id} value", hole, runs, path, anchor="middle")
    return chart, centre
