"""Render native, editable PowerPoint tables: every cell's text, size, colour, fill and lines
set explicitly, so the table looks the same whatever table style the template carries."""

from __future__ import annotations

from ..plan import Cell, TableEl
from .markup import attr, escape
from .text import language

_ALIGN = {"left": "l", "center": "ctr", "right": "r"}
_THEME_FONT = {"heading": "+mj-lt", "body": "+mn-lt"}
RULE_EMU = 9525  # 0.75 pt
# PowerPoint's "Medium Style 2 - Accent 1", the style a new table names; every cell
# overrides what it would draw.
TABLE_STYLE = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"


def table_xml(el: TableEl, shape_id: int) -> str:
    """Return ``el`` as a graphic frame holding a native table (in a slide's namespaces)."""
    flags = ("" if not el.header else ' firstRow="1"') + (
        "" if not el.row_names else ' firstCol="1"'
    )
    grid = "".join(f'<a:gridCol w="{w}"/>' for w in el.col_widths)
    rows = "".join(
        f'<a:tr h="{height}">' + "".join(_cell(spec, el) for spec in cells) + "</a:tr>"
        for cells, height in zip(el.rows, el.row_heights)
    )
    return (
        f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" name={attr(el.name)} '
        f'descr={attr(el.alt)}/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/>'
        f"</p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr><p:xfrm>"
        f'<a:off x="{el.box.x}" y="{el.box.y}"/><a:ext cx="{el.box.w}" cy="{el.box.h}"/>'
        f'</p:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/'
        f'drawingml/2006/table"><a:tbl><a:tblPr{flags}><a:tableStyleId>{TABLE_STYLE}'
        f"</a:tableStyleId></a:tblPr><a:tblGrid>{grid}</a:tblGrid>{rows}</a:tbl>"
        f"</a:graphicData></a:graphic></p:graphicFrame>"
    )


def _cell(spec: Cell, el: TableEl) -> str:
    size = round(spec.size_pt * 100)
    lang, east_asian = language(spec.text)
    text = f"<a:t>{escape(spec.text)}</a:t>" if spec.text else "<a:t/>"
    return (
        f'<a:tc><a:txBody><a:bodyPr wrap="square"/><a:lstStyle/><a:p><a:pPr '
        f'algn="{_ALIGN[spec.align]}"/><a:r><a:rPr lang="{lang}" sz="{size}" '
        f'b="{1 if spec.bold else 0}"><a:solidFill><a:srgbClr val="{spec.color}"/>'
        f'</a:solidFill><a:latin typeface="{_THEME_FONT[el.font]}"/>{east_asian}</a:rPr>'
        f'{text}</a:r><a:endParaRPr sz="{size}"/></a:p></a:txBody>'
        f'<a:tcPr marL="{el.margin_x}" marR="{el.margin_x}" marT="{el.margin_y}" '
        f'marB="{el.margin_y}" anchor="ctr">{_lines_and_fill(spec.fill, el.rule)}</a:tcPr></a:tc>'
    )


def _lines_and_fill(fill: str, rule: str) -> str:
    """The cell's borders (a rule below, none elsewhere) and its solid fill, in the order
    the schema asks for: lnL, lnR, lnT, lnB, then the fill."""
    return (
        '<a:lnL w="0"><a:noFill/></a:lnL><a:lnR w="0"><a:noFill/></a:lnR>'
        '<a:lnT w="0"><a:noFill/></a:lnT>'
        f'<a:lnB w="{RULE_EMU}"><a:solidFill><a:srgbClr val="{rule}"/></a:solidFill></a:lnB>'
        f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>'
    )
