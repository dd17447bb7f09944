"""A drawing surface in inches (origin top-left) with fitted text, shapes and PNG output.

Text is wrapped and sized with deckgen's own font metrics, and drawn with the very font files
measured (the bundled fonts, and for characters beyond the bundled Chinese subset the
installed Chinese font that measured them), so what is measured is what is drawn.

Shapes are matplotlib artists drawn straight onto an anti-aliased Agg renderer (no figure
or axes: importing and laying those out cost more than drawing); text is drawn onto the
result with FreeType through Pillow, each run of a line with the first face that has its
characters. matplotlib would lay every text out again at drawing time, which cost four
fifths of the drawing; the glyphs are the same FreeType renders of the same files.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyBboxPatch, Polygon, Rectangle, Wedge
from matplotlib.transforms import Affine2D
from PIL import Image, ImageDraw, ImageFont

from .. import __version__
from ..errors import RenderError
from ..facts import Metric
from ..textfit import FontMetrics, ParaSpec, RunSpec, fit, metrics, overflow, too_long
from ..theme import Theme
from . import png
from .spec import Graphic

FAMILY = "Carlito"
_ANCHOR = {"left": "ls", "center": "ms", "right": "rs"}  # on the baseline


def faces(text: str, bold: bool = False) -> list[FontMetrics]:
    """Return the faces that draw ``text``, in order of preference: Carlito, then the
    bundled Chinese face, then any installed Chinese face that draws characters beyond it
    (as measured)."""
    face = metrics(FAMILY, bold)
    if all(face.primary.has(c) for c in text if not c.isspace()):
        return [face.primary]
    return [f for f in (face.primary, face.fallback, *face.installed(text)) if f is not None]


def runs_by_face(text: str, bold: bool = False) -> list[tuple[str, FontMetrics]]:
    """Split ``text`` into runs each drawn by one face: the first of :func:`faces` that has
    the character (a space stays with the run it is in)."""
    options = faces(text, bold)
    out: list[tuple[str, FontMetrics]] = []
    for char in text:
        face = out[-1][1] if out and char.isspace() else None
        if face is None:
            face = next((f for f in options if f.has(char)), options[0])
        if out and out[-1][1] is face:
            out[-1] = (out[-1][0] + char, face)
        else:
            out.append((char, face))
    return out


@lru_cache(maxsize=64)
def _pil_font(path: str, index: int, size_px: float) -> ImageFont.FreeTypeFont:
    # The basic layout (kerning, no shaping library) draws the same on every machine.
    return ImageFont.truetype(path, size=size_px, index=index, layout_engine=ImageFont.Layout.BASIC)


@dataclass(frozen=True)
class _Text:
    """One line of text to draw: where (inches; x by ``align``, y its baseline), what, how."""

    x: float
    baseline: float
    text: str
    size: float
    color: str
    align: str
    bold: bool


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
    """One picture the size of the graphic, drawn in inches from the top-left corner."""

    def __init__(self, graphic: Graphic, theme: Theme):
        self.g, self.theme = graphic, theme
        self.w, self.h = graphic.width_in, graphic.height_in
        # inches, y down from the top -> the renderer's pixels, y up from the bottom
        self.transform = (
            Affine2D().scale(graphic.dpi, -graphic.dpi).translate(0, self.h * graphic.dpi)
        )
        self.shapes: list[Artist] = []  # patches, drawn in order, under the lines
        self.strokes: list[Artist] = []  # lines, drawn over every patch (as axes draw them)
        self.lines: list[_Text] = []  # text, drawn over everything, in order
        self.margin = max(0.06 * min(self.w, self.h), 0.3)
        self.rect(0, 0, self.w, self.h, theme.color("background"))

    def c(self, role: str) -> str:
        return "#" + self.theme.color(role)

    def _add(self, artist: Artist) -> None:
        artist.set_transform(self.transform)
        (self.strokes if isinstance(artist, Line2D) else self.shapes).append(artist)

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
        self._add(patch)

    def circle(self, x: float, y: float, r: float, color: str) -> None:
        self._add(Circle((x, y), r, facecolor=color, edgecolor="none"))

    def polygon(self, points: list[tuple[float, float]], color: str) -> None:
        self._add(Polygon(points, closed=True, facecolor=color, edgecolor="none"))

    def polyline(
        self, xs: list[float], ys: list[float], color: str, width_pt: float, cap: str = "butt"
    ) -> None:
        """Draw a line through the points (a NaN leaves a gap), ``width_pt`` wide."""
        self._add(Line2D(xs, ys, color=color, linewidth=width_pt, solid_capstyle=cap))

    def ring(
        self, x: float, y: float, r: float, width: float, share: float, color: str, rest: str
    ) -> None:
        """Draw a ring filled clockwise from the top by ``share`` (0 to 100)."""
        self._add(Wedge((x, y), r, 0, 360, width=width, facecolor=rest, edgecolor="none"))
        # y grows downward here, so angles from -90 run clockwise from the top of the page.
        self._add(
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
                self.lines.append(_Text(tx, baseline, line, size, para.color, align, para.bold))
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
                self.lines.append(_Text(left, baseline, text, size, color, "left", bold))
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
        dpi = self.g.dpi
        renderer = RendererAgg(self.w * dpi, self.h * dpi, dpi)  # transparent to begin with
        for artist in (self.shapes[1:] if transparent else self.shapes) + self.strokes:
            artist.draw(renderer)  # no page colour when transparent: no background rectangle
        rgba = renderer.buffer_rgba()
        size = (int(self.w * dpi), int(self.h * dpi))
        if transparent:  # text drawn on a layer of its own, then laid over the shapes
            image = Image.frombuffer("RGBA", size, rgba, "raw", "RGBA", 0, 1)
            layer = Image.new("RGBA", size, (0, 0, 0, 0))
            self._draw_text(layer)
            image = Image.alpha_composite(image, layer)
        else:  # unpacked straight to RGB: the same pixels as converting, in half the time
            image = Image.frombytes("RGB", size, rgba, "raw", "RGBX")
            self._draw_text(image)
        texts = {
            "Title": self.g.title,
            "Description": self.g.alt,
            "Source": self.g.source,
            "Software": f"deckgen {__version__}",
        }
        return png.encode(image, self.g.dpi, texts)

    def _draw_text(self, image: Image.Image) -> None:
        """Draw the lines of text onto ``image``, each run with its own face."""
        draw = ImageDraw.Draw(image)
        dpi = self.g.dpi
        for line in self.lines:
            px = line.size * dpi / 72
            pieces = [
                (run, _pil_font(str(face.path), face.index, px))
                for run, face in runs_by_face(line.text, line.bold)
            ]
            if len(pieces) == 1:  # one face: aligned by Pillow itself
                run, typeface = pieces[0]
                draw.text(
                    (line.x * dpi, line.baseline * dpi),
                    run,
                    font=typeface,
                    fill=line.color,
                    anchor=_ANCHOR[line.align],
                )
                continue
            widths = [typeface.getlength(run) for run, typeface in pieces]
            total = sum(widths)
            left = line.x * dpi - {"left": 0.0, "center": total / 2, "right": total}[line.align]
            for (run, typeface), width in zip(pieces, widths):
                draw.text(
                    (left, line.baseline * dpi), run, font=typeface, fill=line.color, anchor="ls"
                )
                left += width
