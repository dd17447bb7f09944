"""Render a :class:`DeckPlan` into a .pptx package (bytes), drawing only what the plan says.

Each slide is written as PresentationML text (shapes, text, tables, chart frames and
pictures), parsed once to put its shapes in reading order, and stored in the package with
its notes, charts and pictures (:mod:`deckgen.deck.presentation`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lxml import etree

from ..plan import ChartEl, DeckPlan, PictureEl, ShapeEl, SlidePlan, TableEl, TextEl
from . import opc
from .chartxml import chart_xml, workbook
from .markup import attr
from .notes import notes_xml
from .order import DECORATIVE_MARK, reorder
from .presentation import Deck, Layout, start
from .table import table_xml
from .text import text_body

_NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_TITLES = ("title", "ctrTitle")


def render_deck(
    plan: DeckPlan, base: Path = Path("."), done: Callable[[], None] | None = None
) -> bytes:
    """Return the .pptx bytes of ``plan`` (deterministic for the same plan).

    Picture paths in the plan are relative to ``base`` (the output folder). ``done`` is
    called after each slide (for a progress bar).
    """
    return render_package(plan, base, done)[0]


def render_package(
    plan: DeckPlan, base: Path = Path("."), done: Callable[[], None] | None = None
) -> tuple[bytes, dict[str, bytes]]:
    """Return the .pptx bytes of ``plan`` and its entries by name (what a check can read
    without unpacking the bytes again); as :func:`render_deck`."""
    deck = start(plan)
    layouts = {role: deck.layout(role) for role in sorted({s.layout for s in plan.slides})}
    for number, slide_plan in enumerate(plan.slides, start=1):
        _render_slide(deck, slide_plan, number, base, layouts[slide_plan.layout])
        if done is not None:
            done()
    entries = deck.entries()
    return opc.zipped(entries), entries


class _Shapes:
    """The shapes of one slide being written, numbered as PowerPoint numbers them."""

    def __init__(self, deck: Deck, part: opc.Part):
        self.deck, self.part = deck, part
        self.xml: list[str] = []
        self.last_id = 1  # the shape tree itself is 1
        self.footer: list[int] = []  # indexes of the footer's shapes, read last

    def new_id(self) -> int:
        self.last_id += 1
        return self.last_id

    def link(self, url: str) -> str:
        return self.part.relate(opc.RT_HYPERLINK, url, external=True)

    def text_box(self, el: TextEl, number: int, name: str | None = None) -> str:
        fill = (
            f'<a:solidFill><a:srgbClr val="{el.fill}"/></a:solidFill>'
            if el.fill
            else ("<a:noFill/>")
        )
        has_text = any(r.text.strip() for p in el.paragraphs for r in p.runs)
        mark = "" if has_text else DECORATIVE_MARK  # a tile's background: nothing to read
        return (
            f'<p:sp><p:nvSpPr><p:cNvPr id="{self.new_id()}" name={attr(name or el.name)}>'
            f'{mark}</p:cNvPr><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>{_xfrm(el)}'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill}</p:spPr>'
            f"{text_body(el, number, self.link)}</p:sp>"
        )


def _render_slide(deck: Deck, plan: SlidePlan, number: int, base: Path, layout: Layout) -> None:
    name, part = deck.add_slide(layout)
    shapes = _Shapes(deck, part)
    _place_title(shapes, plan, layout)
    for el in plan.elements:
        if isinstance(el, TextEl):
            if el.role == "footer":
                shapes.footer.append(len(shapes.xml))
            shapes.xml.append(shapes.text_box(el, number))
        elif isinstance(el, ShapeEl):
            shapes.xml.append(_shape(el, shapes.new_id()))
        elif isinstance(el, ChartEl):
            rel_id = deck.add_chart(part, chart_xml(el), workbook(el))
            shapes.xml.append(_chart_frame(el, shapes.new_id(), rel_id))
        elif isinstance(el, PictureEl):
            rel_id = deck.add_image(part, base / el.path)
            shapes.xml.append(_picture(el, shapes.new_id(), rel_id))
        elif isinstance(el, TableEl):
            shapes.xml.append(table_xml(el, shapes.new_id()))
    root = etree.fromstring(
        f'<p:sld {_NS}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/>'
        "<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>"
        + "".join(shapes.xml)
        + "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
    )
    tree = root[0][0]
    elements = tree[2:]
    title = next((e for e in elements if _is_title_placeholder(e)), None)
    reorder(
        tree,
        title,
        visual=plan.reading == "visual",
        last=[elements[i] for i in shapes.footer],
    )
    part.blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    deck.add_notes(name, part, number, notes_xml(plan.notes))


def _is_title_placeholder(element) -> bool:
    """True for the shape PowerPoint takes as the slide's title: the first placeholder
    whose index is 0 (a title's)."""
    ph = element.find("./*[1]/{*}nvPr/{*}ph")
    return ph is not None and (ph.get("idx") or "0") == "0"


def _place_title(shapes: _Shapes, plan: SlidePlan, layout: Layout) -> None:
    """Put the title (and subtitle) into the layout's placeholders; leave out the others.

    A new slide numbers its copies of the layout's placeholders first; those not used are
    left out. A layout without a title placeholder gets one that inherits from the master,
    and a subtitle without a placeholder becomes a text box, so every slide keeps a real
    title.
    """
    copies = list(enumerate(layout.placeholders, start=2))
    used: dict[int, tuple[str, TextEl]] = {}
    placed = {"title": False, "subtitle": False}
    for shape_id, ph in sorted(copies, key=lambda c: c[1].idx):
        if ph.kind in _TITLES and not placed["title"]:
            used[shape_id] = ("Title", plan.title)
            placed["title"] = True
        elif (
            (ph.kind == "subTitle" or (ph.kind == "body" and plan.layout == "title"))
            and plan.subtitle is not None
            and not placed["subtitle"]
        ):
            used[shape_id] = ("Subtitle", plan.subtitle)
            placed["subtitle"] = True
    for shape_id, ph in copies:
        if shape_id in used:
            name, el = used[shape_id]
            shapes.xml.append(_placeholder(shape_id, name, ph.ph_xml(), el, shapes.link))
            shapes.last_id = shape_id
    if not placed["title"]:
        shapes.xml.append(
            _placeholder(shapes.new_id(), "Title", '<p:ph type="title"/>', plan.title, shapes.link)
        )
    if plan.subtitle is not None and not placed["subtitle"]:
        shapes.xml.append(shapes.text_box(plan.subtitle, 0, "Subtitle"))


def _placeholder(shape_id: int, name: str, ph: str, el: TextEl, link) -> str:
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr>'
        f'<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>'
        f"<p:spPr>{_xfrm(el)}</p:spPr>{text_body(el, 0, link)}</p:sp>"
    )


def _xfrm(el) -> str:
    b = el.box
    return f'<a:xfrm><a:off x="{b.x}" y="{b.y}"/><a:ext cx="{b.w}" cy="{b.h}"/></a:xfrm>'


def _shape(el: ShapeEl, shape_id: int) -> str:
    """A plain shape: preset geometry, solid fill, no theme style (no shadows), an outline
    only when the plan asks for one; marked decorative (cards, rules, bars, dots and marks
    only decorate)."""
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
    b = el.box
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={attr(el.name)}>{DECORATIVE_MARK}'
        f"</p:cNvPr><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm{flip}><a:off "
        f'x="{b.x}" y="{b.y}"/><a:ext cx="{b.w}" cy="{b.h}"/></a:xfrm><a:prstGeom '
        f'prst="{geometry}"><a:avLst>{adjust}</a:avLst></a:prstGeom>{fill}{line}</p:spPr>'
        f"</p:sp>"
    )


def _chart_frame(el: ChartEl, shape_id: int, rel_id: str) -> str:
    b = el.box
    return (
        f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" name={attr(el.name)} '
        f'descr={attr(el.alt)}/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/>'
        f'</p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="{b.x}" '
        f'y="{b.y}"/><a:ext cx="{b.w}" cy="{b.h}"/></p:xfrm><a:graphic><a:graphicData '
        f'uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart '
        f'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="{rel_id}"/>'
        f"</a:graphicData></a:graphic></p:graphicFrame>"
    )


def _picture(el: PictureEl, shape_id: int, rel_id: str) -> str:
    b = el.box
    return (
        f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name={attr(el.name)} descr={attr(el.alt)}/>'
        f'<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
        f'<p:blipFill><a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/></a:stretch>'
        f'</p:blipFill><p:spPr><a:xfrm><a:off x="{b.x}" y="{b.y}"/><a:ext cx="{b.w}" '
        f'cy="{b.h}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
    )
