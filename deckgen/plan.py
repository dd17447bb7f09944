"""The deck plan: every decision about every slide, as plain data.

``plan_deck`` turns facts + layout + theme into a :class:`DeckPlan`. Renderers only draw what
the plan says, so the plan can be printed as JSON (``deckgen plan``) and tested without
python-pptx. Geometry is in EMU (914400 per inch, 12700 per point); sizes in points.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

EMU_PER_INCH = 914400
EMU_PER_PT = 12700


def inch(value: float) -> int:
    """Return ``value`` inches in EMU."""
    return int(round(value * EMU_PER_INCH))


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in EMU."""

    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    def inset(self, dx: int, dy: int) -> Box:
        return Box(self.x + dx, self.y + dy, self.w - 2 * dx, self.h - 2 * dy)

    def overlaps(self, other: Box) -> bool:
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )


@dataclass(frozen=True)
class Run:
    """Text set in one size, weight and colour. ``field`` marks a slide-number field."""

    text: str
    size_pt: float
    color: str
    bold: bool = False
    font: Literal["heading", "body"] = "body"
    field: Literal["", "slidenum"] = ""


@dataclass(frozen=True)
class Paragraph:
    """Runs with alignment; ``lines`` are the line breaks decided when fitting."""

    runs: tuple[Run, ...]
    align: Literal["left", "center", "right"] = "left"
    space_before_pt: float = 0.0
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class TextEl:
    """A text box (or the title placeholder when ``role`` is 'title')."""

    name: str
    box: Box
    paragraphs: tuple[Paragraph, ...]
    background: str  # the colour behind the text, for contrast checks
    role: Literal["title", "subtitle", "body", "footer"] = "body"
    anchor: Literal["top", "middle", "bottom"] = "top"
    fill: str | None = None
    inset_x: int = 45720  # 0.05 in
    inset_y: int = 27432  # 0.03 in
    height_used_pt: float = 0.0  # height the fitted text needs, insets excluded
    kind: Literal["text"] = "text"


@dataclass(frozen=True)
class ShapeEl:
    """A plain shape without text: card, band, dot, rule."""

    name: str
    box: Box
    shape: Literal["rect", "roundRect", "ellipse", "line"]
    fill: str | None
    line: str | None = None
    line_pt: float = 0.0
    kind: Literal["shape"] = "shape"


@dataclass(frozen=True)
class ChartEl:
    """A native, editable chart with its data.

    ``labels`` are the data labels as the source words them ("nearly 98%"); an empty label
    hides that point's label. ``derived`` marks points computed from the facts (remainders).
    """

    name: str
    box: Box
    chart: Literal["doughnut", "bar"]
    categories: tuple[str, ...]
    values: tuple[float, ...]
    colors: tuple[str, ...]
    labels: tuple[str, ...]
    alt: str
    label_color: str
    label_size_pt: float = 16.0
    axis_max: float | None = None
    hole_pct: int = 70
    number_format: str = "General"
    derived: tuple[bool, ...] = ()
    kind: Literal["chart"] = "chart"


@dataclass(frozen=True)
class PictureEl:
    """A picture with alt text (never a file name)."""

    name: str
    box: Box
    path: str
    alt: str
    kind: Literal["picture"] = "picture"


Element = TextEl | ShapeEl | ChartEl | PictureEl


@dataclass(frozen=True)
class SlidePlan:
    """One slide: its kind, layout role, title, elements, notes and footer."""

    kind: str
    layout: Literal["title", "title_only"]
    title: TextEl
    elements: tuple[Element, ...]
    notes: str
    subtitle: TextEl | None = None


@dataclass(frozen=True)
class DeckPlan:
    """A whole deck: file name, properties, size, fonts and slides."""

    slug: str
    title: str
    author: str
    subject: str
    date: dt.date
    language: str
    width: int
    height: int
    fonts: dict[str, str]
    theme_colors: dict[str, str]
    slides: tuple[SlidePlan, ...] = field(default=())
    master: str | None = None  # a corporate template to build on
    apply_theme: bool = True  # write the plan's colours and fonts into the theme

    def to_json(self) -> dict[str, Any]:
        """Return the plan as JSON-ready data."""

        def convert(value: Any) -> Any:
            if isinstance(value, dt.date):
                return value.isoformat()
            if isinstance(value, dict):
                return {k: convert(v) for k, v in value.items()}
            if isinstance(value, (list, tuple)):
                return [convert(v) for v in value]
            return value

        return convert(dataclasses.asdict(self))
