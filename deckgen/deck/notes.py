"""Speaker notes, written as a notes slide part directly.

The part written here has the same two placeholders (slide image and notes body) and
inherits everything else from the notes master, as PowerPoint's own notes slides do.
"""

from __future__ import annotations

from ..linebreak import has_cjk
from .markup import escape
from .opc import XML_DECLARATION
from .text import EAST_ASIAN_FONT

_NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
)


def _paragraph(line: str) -> str:
    if not line:
        return "<a:p/>"
    chinese = has_cjk(line)
    east_asian = f'<a:ea typeface="{EAST_ASIAN_FONT}"/>' if chinese else ""
    lang = "zh-CN" if chinese else "en-US"
    return (
        f'<a:p><a:r><a:rPr lang="{lang}" dirty="0">{east_asian}</a:rPr>'
        f"<a:t>{escape(line)}</a:t></a:r></a:p>"
    )


def notes_xml(text: str) -> bytes:
    """Return the notes slide part holding ``text``, one paragraph a line."""
    return (
        f'{XML_DECLARATION}<p:notes {_NS}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/>'
        "<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>"
        '<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr>'
        '<a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr>'
        '<p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>'
        '<p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr>'
        '<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr>'
        "</p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>"
        + "".join(_paragraph(line) for line in text.split("\n"))
        + "</p:txBody></p:sp></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/>"
        "</p:clrMapOvr></p:notes>"
    ).encode()
