"""A drawing surface in inches (origin top-left) with fitted text, shapes and PNG output.

Text is wrapped and sized with deckgen's own font metrics, and drawn with the very font files
measured (the bundled fonts, and for characters beyond the bundled Chinese subset the
installed Chinese font that measured them), so what is measured is what is drawn.
"""

from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass
from typing import Any

from matplotlib import font_manager, ft2font
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Circle, FancyBboxPatch, Rectangle, Wedge
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from .. import __version__
from ..errors import RenderError
from ..facts import Metric
from ..textfit import FontMetrics, ParaSpec, RunSpec, fit, metrics, overflow, too_long
from ..theme import Theme
from .spec import Graphic

FAMILY = "Carlito"
# matplotlib family names of font files: each file is registered under a name of its own,
# so matplotlib draws with exactly the file deckgen measured with, never an installed font
# of the same family (which may be another version, or lack characters the bundled one has).
_families: dict[tuple[str, int], str] = {}


def register_fonts() -> None:
    """Register the bundled fonts with matplotlib (once each)."""
    for bold in (False, True):
        face = metrics(FAMILY, bold)
        for part in (face.primary, face.fallback):
            if part is not None:
                _family(part)


def _family(face: FontMetrics) -> str:
    """Return the matplotlib family name of one font face, registering it the first time."""
    key = (str(face.path), face.index)
    name = _families.get(key)
    if name is None:
        name = f"deckgen {key[0]} {key[1]}"
        entry = font_manager.ttfFontProperty(ft2font.FT2Font(key[0], face_index=key[1]))
        font_manager.fontManager.ttflist.append(dataclasses.replace(entry, name=name))
        _families[key] = name
    return name


def font(text: str, bold: bool = False) -> FontProperties:
    """Return the font to draw ``text`` with: Carlito, then the bundled Chinese face, then
    any installed Chinese face that draws characters beyond it (as measured)."""
    face = metrics(FAMILY, bold)
    weight = "bold" if bold else "normal"
    if all(face.primary.has(c) for c in text if not c.isspace()):
        # One face draws it all: named by file, matplotlib need not search its font list.
        return FontProperties(fname=str(face.primary.path), weight=weight)
    faces = [face.primary, face.fallback, *face.installed(text)]
    return FontProperties(family=[_family(f) for f in faces if f is not None], weight=weight)


@dataclass(frozen=True)
class T:
    """A paragraph to draw: text, largest and smallest size (pt), weight and colour (hex)."""

    text: str
    size: float
    min_size: float
    color: str
    bold: bool = False
    space_before_pt: float = 0.0


_METRIC_KEYS = {f.name for f in dataclasses.fields(Metric)}


def fact_of(data: Any, texts: list[str]) -> str:
    """Return the key path, as messages show it, of the metric text among ``texts`` that a
    graphic's ``data`` holds (``metrics[exports].label``), or '' when the data does not say.

    A metric's data (see ``figure_data``) carries its id; a text that is one of its fields,
    or holds its label (a phrase, unlike a period or a short label), is that field's.
    """
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(reversed(list(node.values())))
            if not (isinstance(node.get("id"), str) and "full" in node):
                continue
            for key in ("label", "short", "context", "period", *node):
                value = node.get(key)
                if key in _METRIC_KEYS and isinstance(value, str) and value:
                    if any(value == t or (key == "label" and value in t) for t in texts):
                        return f"metrics[{node['id']}].{key}"
        elif isinstance(node, (list, tuple)):
            stack.extend(reversed(node))
    return ""


class Canvas:
    """One figure the size of the graphic, drawn in inches from the top-left corner."""

    def __init__(self, graphic: Graphic, theme: Theme):
        register_fonts()
        self.g, self.theme = graphic, theme
        self.w, self.h = graphic.width_in, graphic.height_in
        self.fig = Figure(figsize=(self.w, self.h), dpi=graphic.dpi)
        FigureCanvasAgg(self.fig)
        self.ax = self.fig.add_axes((0, 0, 1, 1))
        self.ax.set_xlim(0, self.w)
        self.ax.set_ylim(self.h, 0)
        self.ax.axis("off")
        self.margin = max(0.06 * min(self.w, self.h), 0.3)
        self.rect(0, 0, self.w, self.h, theme.color("background"))

    def c(self, role: str) -> str:
        return "#" + self.theme.color(role)

    # -- shapes ------------------------------------------------------------------------
    def rect(self, x: float, y: float, w: float, h: float, color: str, radius: float = 0.0) -> None:
        colour = color if color.startswith("#") else "#" + color
        if radius:
            patch = FancyBboxPatch(
                (x + radius, y + radius),
                w - 2 * radius,
                h - 2 * radius,
                boxstyle=f"round,pad={radius}",
                facecolor=colour,
                edgecolor="none",
            )
        else:
            patch = Rectangle((x, y), w, h, facecolor=colour, edgecolor="none")
        self.ax.add_patch(patch)

    def circle(self, x: float, y: float, r: float, color: str) -> None:
        self.ax.add_patch(Circle((x, y), r, facecolor=color, edgecolor="none"))

    def ring(
        self, x: float, y: float, r: float, width: float, share: float, color: str, rest: str
    ) -> None:
        """Draw a ring filled clockwise from the top by ``share`` (0 to 100)."""
        self.ax.add_patch(Wedge((x, y), r, 0, 360, width=width, facecolor=rest, edgecolor="none"))
        # y grows downward here, so angles from -90 run clockwise from the top of the page.
        self.ax.add_patch(
            Wedge(
                (x, y),
                r,
                -90,
                -90 + 360 * share / 100,
                width=width,
                facecolor=color,
                edgecolor="none",
            )
        )

    # -- text --------------------------------------------------------------------------
    def text(
        self,
        x: float,
        y: float,
        w: float,
        paras: list[T],
        max_h: float | None = None,
        align: str = "left",
    ) -> float:
        """Draw paragraphs wrapped into width ``w`` from top ``y``; return the height used.

        Sizes shrink together (each to its minimum) until the text fits ``max_h``. A text
        that cannot fit is a defect in the graphic's layout: it raises :class:`RenderError`.
        """
        paras = [p for p in paras if p.text]
        if not paras:
            return 0.0
        specs = [
            ParaSpec((RunSpec(p.text, p.size, p.min_size, p.bold, FAMILY),), p.space_before_pt)
            for p in paras
        ]
        room = (max_h if max_h is not None else self.h) * 72
        fitted = fit(specs, w * 72, room)
        if fitted is None:
            text = "".join(p.text for p in paras)
            entry = fact_of(self.g.data, [p.text for p in paras])
            smallest = min(p.min_size for p in paras)
            shown = repr(text if len(text) <= 60 else text[:59] + "…")
            raise RenderError(
                f"{self.g.file}: {entry + ': ' if entry else ''}text does not fit the graphic "
                f"even at {smallest:g} pt: {too_long(overflow(specs, w * 72, room))}: {shown} "
                f"(shorten it in the facts file)"
            )
        top = y
        for i, (para, sizes, lines) in enumerate(zip(paras, fitted.sizes, fitted.lines)):
            size = sizes[0]
            if i:
                top += para.space_before_pt / 72
            m = metrics(FAMILY, para.bold)
            for line in lines:
                baseline = top + (m.ascent_em + (m.line_height_em - 1.0) / 2) * size / 72
                tx = {"left": x, "center": x + w / 2, "right": x + w}[align]
                self.ax.text(
                    tx,
                    baseline,
                    line,
                    fontsize=size,
                    color=para.color,
                    ha=align,
                    va="baseline",
                    fontproperties=font(line, para.bold),
                )
                top += m.line_height_em * size / 72
        return fitted.height_pt / 72

    def runs(
        self,
        x: float,
        baseline: float,
        parts: list[tuple[str, float, str, bool]],
        align: str = "left",
    ) -> float:
        """Draw runs of different sizes on one baseline; return their total width (in)."""
        widths = [metrics(FAMILY, bold).width_pt(text, size) / 72 for text, size, _, bold in parts]
        total = sum(widths)
        left = {"left": x, "center": x - total / 2, "right": x - total}[align]
        for (text, size, color, bold), width in zip(parts, widths):
            if text:
                self.ax.text(
                    left,
                    baseline,
                    text,
                    fontsize=size,
                    color=color,
                    ha="left",
                    va="baseline",
                    fontproperties=font(text, bold),
                )
            left += width
        return total

    # -- furniture ---------------------------------------------------------------------
    def header(self, title_pt: float = 22, subtitle_pt: float = 13) -> float:
        """Draw the title (the finding) and subtitle; return the y below them."""
        m = self.margin
        y = m
        y += self.text(
            m,
            y,
            self.w - 2 * m,
            [T(self.g.title, title_pt, title_pt * 0.7, self.c("primary"), bold=True)],
            max_h=self.h * 0.22,
        )
        if self.g.subtitle:
            y += 0.06
            y += self.text(
                m,
                y,
                self.w - 2 * m,
                [T(self.g.subtitle, subtitle_pt, subtitle_pt * 0.8, self.c("muted"))],
                max_h=self.h * 0.15,
            )
        return y + 0.2

    def footer(self, size: float = 10) -> float:
        """Draw source (left) and organisation (right) at the bottom; return their top y."""
        m = self.margin
        line = metrics(FAMILY).line_height_em * size / 72
        half = (self.w - 2 * m) / 2 - 0.1
        # A graphic drawing on several sources may need more than one line to name them.
        spec = [ParaSpec((RunSpec(self.g.source, size, size, False, FAMILY),))]
        fitted = fit(spec, half * 1.3 * 72, self.h * 72)
        used = max(line, fitted.height_pt / 72) if fitted else line
        top = self.h - m - line
        self.text(m, self.h - m - used, half * 1.3, [T(self.g.source, size, size, self.c("muted"))])
        self.text(
            self.w - m - half * 0.7,
            top,
            half * 0.7,
            [T(self.g.organisation, size, size, self.c("muted"))],
            align="right",
        )
        top = self.h - m - used
        self.rect(m, top - 0.12, self.w - 2 * m, 0.012, self.c("rule"))
        return top - 0.2

    # -- output ------------------------------------------------------------------------
    def png(self, transparent: bool = False) -> bytes:
        """Return the PNG bytes with Title, Description, Source and Software text chunks."""
        if transparent:  # no page colour: the figure, the axes and our background rectangle
            self.fig.patch.set_alpha(0)
            self.ax.patch.set_alpha(0)
            self.ax.patches[0].set_visible(False)
        self.fig.canvas.draw()
        rgba = self.fig.canvas.buffer_rgba()
        size = self.fig.canvas.get_width_height()
        if transparent:
            image = Image.frombuffer("RGBA", size, rgba, "raw", "RGBA", 0, 1)
        else:  # unpacked straight to RGB: the same pixels as converting, in half the time
            image = Image.frombytes("RGB", size, rgba, "raw", "RGBX")
        info = PngInfo()
        info.add_text("Title", self.g.title)
        info.add_text("Description", self.g.alt)
        info.add_text("Source", self.g.source)
        info.add_text("Software", f"deckgen {__version__}")
        out = io.BytesIO()
        image.save(
            out,
            format="PNG",
            pnginfo=info,
            dpi=(self.g.dpi, self.g.dpi),
            optimize=False,
            compress_level=6,
        )
        return out.getvalue()
