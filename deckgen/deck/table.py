"""Render native, editable PowerPoint tables: every cell's text, size, colour, fill and lines
set explicitly, so the table looks the same whatever table style the template carries."""

from __future__ import annotations

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from ..plan import Cell, TableEl
from .text import mark_language

_ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
_THEME_FONT = {"heading": "+mj-lt", "body": "+mn-lt"}
RULE_EMU = 9525  # 0.75 pt


def add_table(slide, el: TableEl):
    """Add ``el`` to ``slide`` as a native table and return its graphic frame."""
    n_rows, n_cols = len(el.rows), len(el.col_widths)
    frame = slide.shapes.add_table(
        n_rows, n_cols, Emu(el.box.x), Emu(el.box.y), Emu(el.box.w), Emu(el.box.h)
    )
    frame.name = el.name
    table = frame.table
    table.first_row = el.header  # the header row, marked as such (firstRow)
    table.first_col = el.row_names  # each row named by its first cell (firstCol)
    table.horz_banding = False  # the plan gives every cell its own fill
    table.vert_banding = False
    for column, width in zip(table.columns, el.col_widths):
        column.width = Emu(width)
    for row, height in zip(table.rows, el.row_heights):
        row.height = Emu(height)
    for r, cells in enumerate(el.rows):
        for c, spec in enumerate(cells):
            _fill_cell(table.cell(r, c), spec, el)
    return frame


def _fill_cell(cell, spec: Cell, el: TableEl) -> None:
    cell.margin_left = cell.margin_right = Emu(el.margin_x)
    cell.margin_top = cell.margin_bottom = Emu(el.margin_y)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame = cell.text_frame
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    paragraph.alignment = _ALIGN[spec.align]
    run = paragraph.add_run()
    run.text = spec.text
    font = run.font
    font.size = Pt(spec.size_pt)
    font.bold = spec.bold
    font.color.rgb = RGBColor.from_string(spec.color)
    latin = etree.SubElement(font._rPr, qn("a:latin"))
    latin.set("typeface", _THEME_FONT[el.font])
    mark_language(font._rPr, spec.text)
    end = paragraph._p.get_or_add_endParaRPr()
    end.set("sz", str(round(spec.size_pt * 100)))
    _lines_and_fill(cell._tc.get_or_add_tcPr(), spec.fill, el.rule)


def _lines_and_fill(tc_pr, fill: str, rule: str) -> None:
    """Write the cell's borders (a rule below, none elsewhere) and its solid fill, in the
    order the schema asks for: lnL, lnR, lnT, lnB, then the fill."""
    for child in list(tc_pr):
        tc_pr.remove(child)
    for side in ("lnL", "lnR", "lnT"):
        line = etree.SubElement(tc_pr, qn(f"a:{side}"), w="0")
        etree.SubElement(line, qn("a:noFill"))
    bottom = etree.SubElement(tc_pr, qn("a:lnB"), w=str(RULE_EMU))
    solid = etree.SubElement(bottom, qn("a:solidFill"))
    etree.SubElement(solid, qn("a:srgbClr"), val=rule)
    solid = etree.SubElement(tc_pr, qn("a:solidFill"))
    etree.SubElement(solid, qn("a:srgbClr"), val=fill)
