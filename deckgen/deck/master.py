"""Prepare the presentation the slides go into: size, theme colours and fonts, layouts."""

from __future__ import annotations

import datetime as dt

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.presentation import Presentation as PresentationT
from pptx.slide import SlideLayout

from ..plan import DeckPlan

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_NON_CONTENT = {"dt", "ftr", "sldNum"}


def new_presentation(plan: DeckPlan) -> PresentationT:
    """Return an empty 16:9 presentation themed with the plan's colours and fonts."""
    prs = Presentation()
    old_width = prs.slide_width
    prs.slide_width, prs.slide_height = plan.width, plan.height
    _stretch_layouts(prs, plan.width / old_width)
    _apply_theme(prs, plan)
    props = prs.core_properties
    stamp = dt.datetime.combine(plan.date, dt.time())
    props.title, props.subject, props.author = plan.title, plan.subject, plan.author
    props.last_modified_by, props.revision = "deckgen", 1
    props.created = props.modified = stamp
    props.keywords, props.comments, props.category = "", "", "briefing"
    props.language = plan.language
    return prs


def _stretch_layouts(prs: PresentationT, factor: float) -> None:
    """Widen the master's and layouts' placeholders to the new slide width."""
    for shapes in [prs.slide_master.shapes] + [layout.shapes for layout in prs.slide_layouts]:
        for shape in shapes:
            if shape.left is not None and shape.width is not None:
                shape.left, shape.width = int(shape.left * factor), int(shape.width * factor)


def _apply_theme(prs: PresentationT, plan: DeckPlan) -> None:
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    scheme = root.find(f".//{{{_A}}}clrScheme")
    for name, hex_colour in plan.theme_colors.items():
        slot = scheme.find(f"{{{_A}}}{name}")
        if slot is None:
            continue
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, f"{{{_A}}}srgbClr", val=hex_colour)
    for tag, family in (("majorFont", plan.fonts["heading"]), ("minorFont", plan.fonts["body"])):
        latin = root.find(f".//{{{_A}}}{tag}/{{{_A}}}latin")
        latin.set("typeface", family)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def layout_for(prs: PresentationT, role: str) -> SlideLayout:
    """Return the layout that serves ``role`` ('title' or 'title_only'), by its placeholders."""
    for layout in prs.slide_layouts:
        kinds = {_ph_type(ph) for ph in layout.placeholders} - _NON_CONTENT
        if role == "title" and "ctrTitle" in kinds:
            return layout
        if role == "title_only" and kinds == {"title"}:
            return layout
    return prs.slide_layouts[0]


def _ph_type(placeholder) -> str:
    ph = placeholder.element.ph
    return ph.get("type", "body") if ph is not None else ""
