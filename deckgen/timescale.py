"""Place dated items along an axis in proportion to time, with long gaps shown as breaks.

Pure arithmetic, shared by the timeline slide and the timeline graphics: positions are
fractions of the axis (0 to 1), so each renderer scales them to its own units.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import period_position

# A gap is drawn as a break when it is over this share of the whole span and over three
# times every other gap (1904, then 2016-2019).
BREAK_SHARE = 0.6
BREAK_WIDTH = 0.08  # the axis length a break takes, as a share of the axis


@dataclass(frozen=True)
class Scale:
    """Where each item sits (0..1 along the axis) and where the axis is broken."""

    positions: tuple[float, ...]
    breaks: tuple[float, ...]  # centres of breaks, 0..1


def place(whens: list[str], min_gap: float) -> Scale:
    """Return positions in proportion to the dates in ``whens`` (YYYY, YYYY-MM, YYYY-MM-DD).

    A gap longer than :data:`BREAK_SHARE` of the span is shortened to a marked break; items
    closer than ``min_gap`` (a share of the axis) are pushed apart, keeping their order.
    """
    times = [period_position(w) for w in whens]
    if len(whens) < 2 or any(t is None for t in times):
        return _even(len(whens))
    ts = [float(t) for t in times]  # type: ignore[arg-type]
    span = ts[-1] - ts[0]
    if span <= 0:
        return _even(len(whens))
    gaps = [b - a for a, b in zip(ts, ts[1:])]
    long_gaps = {
        i
        for i, g in enumerate(gaps)
        if len(ts) > 2
        and g > BREAK_SHARE * span
        and g > 3 * max(h for j, h in enumerate(gaps) if j != i)
    }
    rest = sum(g for i, g in enumerate(gaps) if i not in long_gaps)
    room = 1.0 - BREAK_WIDTH * len(long_gaps)
    unit = room / rest if rest > 0 else 0.0
    positions, breaks = [0.0], []
    for i, gap in enumerate(gaps):
        if i in long_gaps:
            breaks.append(positions[-1] + BREAK_WIDTH / 2)
            positions.append(positions[-1] + BREAK_WIDTH)
        else:
            positions.append(positions[-1] + gap * unit)
    if rest <= 0:  # only breaks: spread evenly
        return _even(len(whens))
    return Scale(tuple(_spread(positions, min_gap)), tuple(breaks))


def _even(count: int) -> Scale:
    if count <= 1:
        return Scale((0.5,) * count, ())
    return Scale(tuple(i / (count - 1) for i in range(count)), ())


def _spread(positions: list[float], min_gap: float) -> list[float]:
    """Push items apart to at least ``min_gap``, within 0..1, keeping their order."""
    count = len(positions)
    min_gap = min(min_gap, 1.0 / max(count - 1, 1))
    out = list(positions)
    for i in range(1, count):
        out[i] = max(out[i], out[i - 1] + min_gap)
    out[-1] = min(out[-1], 1.0)
    for i in range(count - 2, -1, -1):
        out[i] = min(out[i], out[i + 1] - min_gap)
    return [round(max(0.0, p), 6) for p in out]
