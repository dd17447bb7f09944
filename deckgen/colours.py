"""Colour arithmetic for palettes: contrast, mixing, and nudging a colour until it reads."""

from __future__ import annotations

from .plancheck import contrast


def mix(a: str, b: str, share_of_b: float) -> str:
    """Return ``a`` blended with ``share_of_b`` of ``b`` (hex colours, no '#')."""
    ca = [int(a[i : i + 2], 16) for i in (0, 2, 4)]
    cb = [int(b[i : i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(x + (y - x) * share_of_b):02X}" for x, y in zip(ca, cb))


def readable(colour: str, background: str, ratio: float = 4.5) -> str:
    """Return ``colour`` moved towards black or white until it has ``ratio`` on ``background``."""
    if contrast(colour, background) >= ratio:
        return colour.upper()
    dark_background = contrast("000000", background) < contrast("FFFFFF", background)
    target = "FFFFFF" if dark_background else "000000"
    for step in range(1, 21):
        candidate = mix(colour, target, step / 20)
        if contrast(candidate, background) >= ratio:
            return candidate
    return target
