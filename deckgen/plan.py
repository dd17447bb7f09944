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
    """Text set in one size, weight and colour. ``field`` marks a slide-number field;
    ``link`` is a web address the text opens when clicked."""

    text: str
    size_pt: float
    color: str
    bold: bool = False
    font: Literal["heading", "body"] = "body"
    field: Literal["", "slidenum"] = ""
    link: str = ""


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
    """A plain shape without text: card, band, dot, rule, or a mark: a triangle pointing up
    (a rise) or down (a fall), an arrow pointing right (from one period to the next)."""

    name: str
    box: Box
    shape: Literal["rect", "roundRect", "ellipse", "line", "triangle", "triangleDown", "rightArrow"]
    fill: str | None
    line: str | None = None
    line_pt: float = 0.0
    kind: Literal["shape"] = "shape"


@dataclass(frozen=True)
class ChartSeries:
    """A further series of a column or line chart: its name, values (None: a gap), colour
    and data labels (an empty label hides that point's label)."""

    name: str
    values: tuple[float | None, ...]
    color: str
    labels: tuple[str, ...] = ()
    markers_only: bool = False  # no line: points marked over another series (its falls)


@dataclass(frozen=True)
class ChartEl:
    """A native, editable chart with its data.

    ``labels`` are the data labels as the source words them ("nearly 98%"); an empty label
    hides that point's label. ``derived`` marks points computed from the facts (remainders).
    A value of None is a gap (no column, the line broken), never a zero.

    Column and line charts may carry an axis: ``axis_min``/``axis_max``/``major_unit``,
    ``axis_title`` (the unit and scale) and ``tick_format`` (number format of the ticks,
    default ``number_format``); ``hide_categories`` leaves the category labels to text
    beside the chart (labels thinned out so that they never collide, which chart renderers
    do not all do); ``plot`` is the inner plot area as fractions
    (x, y, w, h) of the chart, so labels can be measured against it; ``more`` holds further
    series (``series_name`` names the first); ``line_color`` is the first series' line
    (``colors`` colour its markers or columns)."""

    name: str
    box: Box
    chart: Literal["doughnut", "bar", "column", "line"]
    categories: tuple[str, ...]
    values: tuple[float | None, ...]
    colors: tuple[str, ...]
    labels: tuple[str, ...]
    alt: str
    label_color: str
    label_size_pt: float = 16.0
    axis_max: float | None = None
    hole_pct: int = 70
    number_format: str = "General"
    derived: tuple[bool, ...] = ()
    axis_min: float | None = None
    major_unit: float | None = None
    axis_title: str = ""
    tick_format: str = ""
    tick_size_pt: float = 14.0
    plot: tuple[float, float, float, float] | None = None
    series_name: str = ""
    line_color: str = ""
    more: tuple[ChartSeries, ...] = ()
    axis_color: str = "9FB3C8"
    grid_color: str = ""  # value-axis gridlines ('' for none)
    label_dx: float = 0.0  # columns: the last label (the latest) moved right by this fraction
    hide_categories: bool = False
    markers: bool = True  # a dot on each line point (off for long series: dots crowd)
    kind: Literal["chart"] = "chart"


@dataclass(frozen=True)
class PictureEl:
    """A picture with alt text (never a file name)."""

    name: str
    box: Box
    path: str
    alt: str
    kind: Literal["picture"] = "picture"


@dataclass(frozen=True)
class Cell:
    """One table cell: its text, size, colour, weight, alignment and fill. ``lines`` are the
    line breaks measured when the table was planned."""

    text: str
    size_pt: float
    color: str
    fill: str
    bold: bool = False
    align: Literal["left", "center", "right"] = "left"
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableEl:
    """A native, editable table. ``rows[0]`` is the header row when ``header`` is set, and
    each row's first cell names the row when ``row_names`` is set (both marked in the table,
    for screen readers).

    Column widths and row heights are in EMU; each row is as tall as its measured text
    needs, so PowerPoint never has to grow it. ``rule`` is the line under each row.
    """

    name: str
    box: Box
    rows: tuple[tuple[Cell, ...], ...]
    col_widths: tuple[int, ...]
    row_heights: tuple[int, ...]
    alt: str
    header: bool = True
    row_names: bool = True
    rule: str = "9FB3C8"
    margin_x: int = 73152  # 0.08 in
    margin_y: int = 36576  # 0.04 in
    font: Literal["heading", "body"] = "body"
    kind: Literal["table"] = "table"


Element = TextEl | ShapeEl | ChartEl | PictureEl | TableEl


@dataclass(frozen=True)
class SlidePlan:
    """One slide: its kind, layout role, title, elements, notes and footer."""

    kind: str
    layout: Literal["title", "title_only"]
    title: TextEl
    elements: tuple[Element, ...]
    notes: str
    subtitle: TextEl | None = None
    adapted: tuple[str, ...] = ()  # what was changed to fit a master's boxes, for a warning
    # how a screen reader reads the slide: as it looks (row by row), or in the planned order
    reading: Literal["visual", "planned"] = "visual"


@dataclass(frozen=True)
class DeckPlan:
    """A whole deck: file name, properties, size, fonts and slides, and the layout entries
    left out because the facts hold nothing for them ("file:line: key: why")."""

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
    left_out: tuple[str, ...] = ()  # layout entries with nothing to show, each with why
    adapted: tuple[str, ...] = ()  # what was changed to fit a master's boxes

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
