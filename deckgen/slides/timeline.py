"""Timeline: dated milestones on a horizontal axis, labels alternating above and below."""

from __future__ import annotations

import datetime as dt

from .. import i18n
from ..facts import Milestone
from ..layouts import SlideEntry
from ..plan import Box, ShapeEl, SlidePlan, inch
from .base import (
    Context,
    R,
    chunks,
    continued,
    footer,
    notes,
    para,
    require,
    story_of,
    text_box,
    title,
)

REQUIRES = {"story"}
PER_SLIDE = 6
DOT = inch(0.3)


def when_label(ms: Milestone, lang: str = "en") -> str:
    """Return the milestone's date as shown: 2020, Jun 2023, 21 Aug 2023 (or 2023年6月)."""
    parts = [int(p) for p in ms.when.split("-")]
    if len(parts) == 1:
        return i18n.year(parts[0], lang)
    if len(parts) == 2:
        return i18n.month(parts[0], parts[1], lang)
    return i18n.date_short(dt.date(*parts), lang)


def plan(ctx: Context, entry: SlideEntry) -> list[SlidePlan]:
    story, path, heading = story_of(ctx, entry)
    items = list(enumerate(ctx.facts.timeline))
    require(ctx, items, "timeline", "timeline", "milestone")
    content = ctx.grid.content
    axis_y = content.y + content.h * 51 // 100
    slides = []
    for n, group in enumerate(chunks(items, PER_SLIDE)):
        count = max(len(group), 1)
        step = ctx.grid.content.w // count
        elements: list = [
            ShapeEl(
                "Axis",
                Box(ctx.grid.content.x, axis_y - inch(0.02), ctx.grid.content.w, inch(0.04)),
                "rect",
                ctx.color("rule"),
            )
        ]
        label_w = min(2 * step - inch(0.3), inch(3.6))
        for k, (i, ms) in enumerate(group):
            centre = ctx.grid.content.x + step * k + step // 2
            elements.append(
                ShapeEl(
                    f"Milestone {i + 1} dot",
                    Box(centre - DOT // 2, axis_y - DOT // 2, DOT, DOT),
                    "ellipse",
                    ctx.color("primary"),
                )
            )
            # Centred on its dot, cut (not shifted) at the edges: labels in one row never meet.
            left = max(centre - label_w // 2, content.x)
            width = min(centre + label_w // 2, content.right) - left
            above = k % 2 == 0
            box = (
                Box(left, content.y + inch(0.1), width, axis_y - DOT - content.y - inch(0.1))
                if above
                else Box(left, axis_y + DOT, width, content.bottom - axis_y - DOT)
            )
            m_path = f"timeline[{i}]"
            label = ctx.text(ms.label, f"{m_path}.label") or when_label(ms, ctx.lang)
            body = [
                para(R(label, (24, 18), "primary", bold=True, font="heading"), align="center"),
                para(
                    R(ctx.text(ms.text, f"{m_path}.text"), (18, 14)),
                    align="center",
                    space_before_pt=4,
                ),
            ]
            elements.append(
                text_box(
                    ctx,
                    f"Milestone {i + 1}",
                    box,
                    body,
                    f"{m_path}.text",
                    anchor="bottom" if above else "top",
                )
            )
        metric_ids = [ms.metric for _, ms in group if ms.metric]
        slides.append(
            SlidePlan(
                "timeline",
                "title_only",
                title(ctx, continued(ctx, heading, n), f"{path}.title"),
                (*elements, *footer(ctx)),
                notes(ctx, story, metric_ids),
            )
        )
    return slides
