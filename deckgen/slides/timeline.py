"""Timeline: dated milestones placed at their time on a horizontal axis, labels alternating
above and below; a long gap in time is drawn as a break in the axis."""

from __future__ import annotations

from .. import i18n
from ..facts import Milestone
from ..layouts import SlideEntry
from ..plan import Box, ShapeEl, SlidePlan, inch
from ..timescale import place
from .base import (
    GUTTER,
    Context,
    R,
    cited_sources,
    continued,
    footer,
    notes,
    para,
    require,
    split_slides,
    story_of,
    text_box,
    title,
)

PER_SLIDE = 6
DOT = inch(0.3)
MIN_GAP = inch(1.3)  # closest two dots may sit, so labels in alternate rows stay readable


def when_label(ms: Milestone, lang: str = "en") -> str:
    """Return the milestone's date as shown: 2020, Jun 2023, 21 Aug 2023 (or 2023年6月)."""
    return i18n.period(ms.when, lang)


def plan(ctx: Context, entry: SlideEntry) -> list[SlidePlan]:
    items = list(enumerate(ctx.facts.timeline))
    require(ctx, items, "timeline", "timeline", "milestone")
    span = ctx.say(
        "title_timeline",
        start=when_label(items[0][1], ctx.lang).split()[-1],
        end=when_label(items[-1][1], ctx.lang).split()[-1],
    )
    story, path, heading = story_of(ctx, entry, span, "timeline")
    per_slide = [n for n in (len(items), PER_SLIDE, 5, 4, 3) if n <= len(items)] or [1]
    return split_slides(
        items,
        list(dict.fromkeys(per_slide)),
        lambda n, group, count: _slide(ctx, story, path, continued(ctx, heading, n, count), group),
    )


def _slide(ctx: Context, story, path: str, heading: str, group) -> SlidePlan:
    """One slide of milestones, each at its place in time; a long gap is a marked break."""
    content = ctx.grid.content
    axis_y = content.y + content.h * 51 // 100
    pad = inch(0.9)
    axis_x, axis_w = content.x + pad, content.w - 2 * pad
    scale = place([ms.when for _, ms in group], MIN_GAP / axis_w)
    centres = [axis_x + round(p * axis_w) for p in scale.positions]
    elements: list = [
        ShapeEl(
            "Axis",
            Box(content.x, axis_y - inch(0.02), content.w, inch(0.04)),
            "rect",
            ctx.color("rule"),
        )
    ]
    for k, at in enumerate(scale.breaks):
        x = axis_x + round(at * axis_w)
        elements += _break_mark(ctx, k, x, axis_y)
    for k, (i, ms) in enumerate(group):
        centre = centres[k]
        elements.append(
            ShapeEl(
                f"Milestone {i + 1} dot",
                Box(centre - DOT // 2, axis_y - DOT // 2, DOT, DOT),
                "ellipse",
                ctx.color("primary"),
            )
        )
        # Labels alternate above and below; each may reach halfway to its neighbours in its
        # own row, centred on its dot and cut (not shifted) at the edges, so none meet.
        same_row = [centres[j] for j in (k - 2, k + 2) if 0 <= j < len(centres)]
        reach = min([abs(c - centre) - GUTTER for c in same_row], default=inch(3.6))
        half = min(reach, inch(3.6)) // 2
        left = max(centre - half, content.x)
        width = min(centre + half, content.right) - left
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
    extra = ctx.say("timeline_break") if scale.breaks else ""
    return SlidePlan(
        "timeline",
        "title_only",
        title(ctx, heading, f"{path}.title"),
        (*elements, *footer(ctx, cited_sources(ctx, metric_ids, cites=[m.cite for _, m in group]))),
        notes(ctx, story, metric_ids, extra),
        reading="planned",  # along the axis, in time, though labels alternate above and below
    )


def _break_mark(ctx: Context, k: int, x: int, axis_y: int) -> list:
    """Return a break in the axis: a gap with two slanted strokes (a long time left out)."""
    gap = inch(0.22)
    tall = inch(0.3)
    return [
        ShapeEl(
            f"Axis break {k + 1}",
            Box(x - gap // 2, axis_y - inch(0.05), gap, inch(0.1)),
            "rect",
            ctx.color("background"),
        ),
        ShapeEl(
            f"Axis break {k + 1} left stroke",
            Box(x - gap // 2 - inch(0.05), axis_y - tall // 2, inch(0.1), tall),
            "line",
            None,
            ctx.color("muted"),
            1.5,
        ),
        ShapeEl(
            f"Axis break {k + 1} right stroke",
            Box(x + gap // 2 - inch(0.05), axis_y - tall // 2, inch(0.1), tall),
            "line",
            None,
            ctx.color("muted"),
            1.5,
        ),
    ]
