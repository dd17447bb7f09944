"""Render a :class:`DeckPlan` into a .pptx package (bytes), drawing only what the plan says."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.util import Emu

from ..package import normalise_zip
from ..plan import ChartEl, DeckPlan, PictureEl, ShapeEl, SlidePlan, TableEl, TextEl
from .charts import add_chart
from .master import layout_for, new_presentation
from .notes import add_notes
from .order import mark_decorative, reorder
from .table import add_table
from .text import fill_text_frame

_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def render_deck(
    plan: DeckPlan, base: Path = Path("."), done: Callable[[], None] | None = None
) -> bytes:
    """Return the .pptx bytes of ``plan`` (deterministic for the same plan).

    Picture paths in the plan are relative to ``base`` (the output folder). ``done`` is
    called after each slide (for a progress bar).
    """
    prs = new_presentation(plan)
    layouts = {role: layout_for(prs, role) for role in {s.layout for s in plan.slides}}
    for number, slide_plan in enumerate(plan.slides, start=1):
        _render_slide(prs, slide_plan, number, base, layouts[slide_plan.layout])
        if done is not None:
            done()
    buffer = io.BytesIO()
    prs.save(buffer)
    stamp = dt.datetime.combine(plan.date, dt.time()).strftime("%Y-%m-%dT%H:%M:%SZ")
    return normalise_zip(buffer.getvalue(), stamp)


def _render_slide(prs, plan: SlidePlan, number: int, base: Path, layout) -> None:
    slide = prs.slides.add_slide(layout)
    _place_title(slide, plan)
    footer = []
    for el in plan.elements:
        if isinstance(el, TextEl):
            box = slide.shapes.add_textbox(
                Emu(el.box.x), Emu(el.box.y), Emu(el.box.w), Emu(el.box.h)
            )
            box.name = el.name
            if el.fill:
                box.fill.solid()
                box.fill.fore_color.rgb = RGBColor.from_string(el.fill)
            fill_text_frame(box, el, number)
            if el.role == "footer":
                footer.append(box._element)
            if not any(r.text.strip() for p in el.paragraphs for r in p.runs):
                mark_decorative(box._element)  # a tile's background: nothing to read
        elif isinstance(el, ShapeEl):
            _add_shape(slide, el)
        elif isinstance(el, ChartEl):
            frame = add_chart(slide, el)
            _describe(frame, el.alt)
        elif isinstance(el, PictureEl):
            picture = slide.shapes.add_picture(
                str(base / el.path), Emu(el.box.x), Emu(el.box.y), Emu(el.box.w), Emu(el.box.h)
            )
            picture.name = el.name
            _describe(picture, el.alt)
        elif isinstance(el, TableEl):
            _describe(add_table(slide, el), el.alt)
    title = slide.shapes.title
    reorder(
        slide.shapes._spTree,
        title._element if title is not None else None,
        visual=plan.reading == "visual",
        last=footer,
    )
    add_notes(prs, slide, plan.notes, number)


def _place_title(slide, plan: SlidePlan) -> None:
    """Put the title (and subtitle) into the layout's placeholders; drop unused ones.

    A layout without a title placeholder gets one that inherits from the master, and a
    subtitle without a placeholder becomes a text box, so every slide keeps a real title.
    """
    placed: dict[str, bool] = {"title": False, "subtitle": False}
    for placeholder in list(slide.placeholders):
        kind = placeholder.element.ph.get("type", "body")
        if kind in ("title", "ctrTitle") and not placed["title"]:
            _fill(placeholder, plan.title, "Title")
            placed["title"] = True
        elif (
            (kind == "subTitle" or (kind == "body" and plan.layout == "title"))
            and plan.subtitle is not None
            and not placed["subtitle"]
        ):
            _fill(placeholder, plan.subtitle, "Subtitle")
            placed["subtitle"] = True
        else:
            placeholder.element.getparent().remove(placeholder.element)
    if not placed["title"]:
        _fill(_add_title_placeholder(slide), plan.title, "Title")
    if plan.subtitle is not None and not placed["subtitle"]:
        el = plan.subtitle
        box = slide.shapes.add_textbox(Emu(el.box.x), Emu(el.box.y), Emu(el.box.w), Emu(el.box.h))
        box.name = "Subtitle"
        fill_text_frame(box, el)


def _fill(placeholder, el: TextEl, name: str) -> None:
    placeholder.left, placeholder.top = Emu(el.box.x), Emu(el.box.y)
    placeholder.width, placeholder.height = Emu(el.box.w), Emu(el.box.h)
    placeholder.name = name
    fill_text_frame(placeholder, el)


def _add_title_placeholder(slide):
    shape_id = slide.shapes._next_shape_id
    xml = (
        f'<p:sp xmlns:p="{_P}" xmlns:a="{_A}"><p:nvSpPr><p:cNvPr id="{shape_id}" '
        f'name="Title"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>'
        f'<p:ph type="title"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/>'
        f"<a:lstStyle/><a:p/></p:txBody></p:sp>"
    )
    slide.shapes._spTree.append(etree.fromstring(xml))
    return slide.shapes.title


def _add_shape(slide, el: ShapeEl) -> None:
    """Add a plain shape as DrawingML: preset geometry, solid fill, no theme style (no
    shadows), an outline only when the plan asks for one."""
    tree = slide.shapes._spTree
    shape_id = tree.max_shape_id + 1
    geometry = {"triangleDown": "triangle"}.get(el.shape, el.shape)
    flip = ' flipV="1"' if el.shape == "triangleDown" else ""
    adjust = '<a:gd name="adj" fmla="val 6000"/>' if el.shape == "roundRect" else ""
    fill = f'<a:solidFill><a:srgbClr val="{el.fill}"/></a:solidFill>' if el.fill else "<a:noFill/>"
    line = (
        (
            f'<a:ln w="{round(el.line_pt * 12700)}"><a:solidFill><a:srgbClr val="{el.line}"/>'
            f"</a:solidFill></a:ln>"
        )
        if el.line
        else "<a:ln><a:noFill/></a:ln>"
    )
    xml = (
        f'<p:sp xmlns:p="{_P}" xmlns:a="{_A}"><p:nvSpPr><p:cNvPr id="{shape_id}" '
        f'name="{escape(el.name, {chr(34): "&quot;"})}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr><a:xfrm{flip}><a:off x="{el.box.x}" y="{el.box.y}"/><a:ext cx="{el.box.w}" '
        f'cy="{el.box.h}"/></a:xfrm><a:prstGeom prst="{geometry}"><a:avLst>{adjust}'
        f"</a:avLst></a:prstGeom>{fill}{line}</p:spPr></p:sp>"
    )
    element = etree.fromstring(xml)
    mark_decorative(element)  # cards, rules, bars, dots and marks only decorate
    tree.append(element)


def _describe(shape, alt: str) -> None:
    """Set the alt text (description) screen readers read for ``shape``."""
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", alt)
