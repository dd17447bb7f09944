"""What each infographic shows, decided from the facts (pure: no matplotlib here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

A4_PORTRAIT_IN = (8.27, 11.69)
SCREEN_16X9_PX = (1920, 1080)
SQUARE_PX = (1080, 1080)
SCREEN_BASE_DPI = 150  # a 1x screen pixel size is drawn on a canvas of px / 150 inches


@dataclass(frozen=True)
class Graphic:
    """One PNG: its kind, file name, texts, physical size and resolution, and its data.

    ``width_in`` × ``height_in`` at ``dpi`` gives the pixel size. ``data`` holds the
    kind-specific content as plain values (figures already formatted as the source states
    them).
    """

    kind: str
    file: str
    title: str
    subtitle: str
    alt: str
    source: str
    organisation: str
    width_in: float
    height_in: float
    dpi: int
    data: dict[str, Any] = field(default_factory=dict)
    lang: str = "en"

    @property
    def width_px(self) -> int:
        return round(self.width_in * self.dpi)

    @property
    def height_px(self) -> int:
        return round(self.height_in * self.dpi)

    def manifest_entry(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "kind": self.kind,
            "title": self.title,
            "alt": self.alt,
            "source": self.source,
            "width": self.width_px,
            "height": self.height_px,
            "dpi": self.dpi,
        }
