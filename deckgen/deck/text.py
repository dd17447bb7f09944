"""Render text elements: fixed sizes and breaks decided by the plan, no autofit."""

from __future__ import annotations

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.text.text import Font
from pptx.util import Emu, Pt

from ..plan import Paragraph, Run, TextEl
from ..textfit import is_cjk

_ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
_ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}
_THEME_FONT = {"heading": "+mj-lt", "body": "+mn-lt"}
SLIDE_NUMBER_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"


def fill_text_frame(shape, el: TextEl, slide_number: int = 0) -> None:
    """Write ``el``'s paragraphs into ``shape``'s text frame."""
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = Emu(el.inset_x)
    frame.margin_top = frame.margin_bottom = Emu(el.inset_y)
    frame.vertical_anchor = _ANCHOR[el.anchor]
    for i, para in enumerate(el.paragraphs):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        _fill_paragraph(p, para, slide_number)


def _fill_paragraph(p, para: Paragraph, slide_number: int) -> None:
    p.alignment = _ALIGN[para.align]
    p.line_spacing = 1.0
    p.space_before = Pt(para.space_before_pt)
    p.space_after = Pt(0)
    for run in para.runs:
        if run.field == "slidenum":
            _slide_number(p, run, slide_number)
        else:
            r = p.add_run()
            r.text = run.text
            _style(r.font, run)


EAST_ASIAN_FONT = "Microsoft YaHei"  # drawn with Noto Sans CJK where YaHei is not installed


def _style(font, run: Run) -> None:
    font.size = Pt(run.size_pt)
    font.bold = run.bold
    font.color.rgb = RGBColor.from_string(run.color)
    font.name = _THEME_FONT[run.font]
    mark_language(font._rPr, run.text)


def mark_language(r_pr, text: str) -> None:
    """Tag a run's language, and give runs with Chinese an East Asian typeface.

    Latin text keeps the theme's Latin font; in a run that mixes both, PowerPoint draws
    each character with the face for its script.
    """
    chinese = any(is_cjk(c) for c in text)
    r_pr.set("lang", "zh-CN" if chinese else "en-US")
    if chinese and r_pr.find(qn("a:ea")) is None:
        ea = etree.Element(qn("a:ea"), typeface=EAST_ASIAN_FONT, pitchFamily="34",
                           charset="-122")
        latin = r_pr.find(qn("a:latin"))
        if latin is not None:
            latin.addnext(ea)
        else:
            r_pr.append(ea)


def _slide_number(p, run: Run, number: int) -> None:
    """Append a slide-number field whose cached text is this slide's number."""
    fld = etree.SubElement(p._p, qn("a:fld"), id=SLIDE_NUMBER_FIELD_ID, type="slidenum")
    r_pr = etree.SubElement(fld, qn("a:rPr"), lang="en-US")  # digits only
    etree.SubElement(fld, qn("a:t")).text = str(number)
    _style(Font(r_pr), run)
