"""Render text elements: fixed sizes and breaks decided by the plan, no autofit.

The text body is written as DrawingML text, many times faster than building it through
python-pptx's object model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..linebreak import has_cjk
from ..plan import Paragraph, Run, TextEl
from .markup import escape

_ALIGN = {"left": "l", "center": "ctr", "right": "r"}
_ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}
_THEME_FONT = {"heading": "+mj-lt", "body": "+mn-lt"}
SLIDE_NUMBER_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
EAST_ASIAN_FONT = "Microsoft YaHei"  # drawn with Noto Sans CJK where YaHei is not installed


def text_body(el: TextEl, slide_number: int = 0, link: Callable[[str], str] | None = None) -> str:
    """Return ``el``'s paragraphs as a ``p:txBody`` (in a slide's namespaces).

    A run with a ``link`` opens that web address when clicked: ``link(url)`` returns the
    slide's relationship id for it (one per address, in the order the links appear).
    """
    links = {r.link: "" for p in el.paragraphs for r in p.runs if r.link}
    if links and link is not None:
        links = {url: link(url) for url in links}
    return (
        f'<p:txBody><a:bodyPr wrap="square" lIns="{el.inset_x}" tIns="{el.inset_y}" '
        f'rIns="{el.inset_x}" bIns="{el.inset_y}" anchor="{_ANCHOR[el.anchor]}" '
        f'rtlCol="0"><a:noAutofit/></a:bodyPr><a:lstStyle/>'
        + "".join(_paragraph(p, slide_number, links) for p in el.paragraphs)
        + "</p:txBody>"
    )


def _paragraph(para: Paragraph, slide_number: int, links: dict[str, str]) -> str:
    spacing = round(para.space_before_pt * 100)
    starts = _line_starts(para)
    breaks = planned_breaks(para, starts)
    # Chinese text is broken where the plan broke it, inside runs too: renderers would break
    # it anywhere (a unit from its number, a lone last character).
    chinese = bool(starts) and any(has_cjk(r.text) for r in para.runs)
    parts = []
    offset = 0
    for k, r in enumerate(para.runs):
        start, offset = offset, offset + len(r.text)
        if r.field == "slidenum":
            parts.append(_field(r, slide_number))
            continue
        if k in breaks:  # the plan starts a line with this run: a renderer must too
            parts.append(f"<a:br>{_properties(r)}</a:br>")
            r = replace(r, text=r.text.lstrip(" "))
            start = offset - len(r.text)
        cuts = sorted(c - start for c in starts if start < c < offset) if chinese else []
        if not cuts:
            parts.append(_run(r, links.get(r.link, "")))
            continue
        for j, (a, b) in enumerate(zip([0, *cuts], [*cuts, len(r.text)])):
            if j:
                parts.append(f"<a:br>{_properties(r)}</a:br>")
            piece = r.text[a:b]
            piece = piece.lstrip(" ") if j else piece
            piece = piece.rstrip(" ") if b < len(r.text) else piece
            parts.append(_run(replace(r, text=piece), links.get(r.link, "")))
    runs = "".join(parts)
    size = round(para.runs[0].size_pt * 100) if para.runs else 1800
    return (
        f'<a:p><a:pPr algn="{_ALIGN[para.align]}"><a:lnSpc><a:spcPct val="100000"/>'
        f'</a:lnSpc><a:spcBef><a:spcPts val="{spacing}"/></a:spcBef><a:spcAft>'
        f'<a:spcPts val="0"/></a:spcAft></a:pPr>{runs}'
        f'<a:endParaRPr lang="en-US" sz="{size}"/></a:p>'
    )


def _line_starts(para: Paragraph) -> set[int]:
    """Return where the plan starts each line after the first (offsets in the joined text)."""
    if len(para.lines) < 2:
        return set()
    joined = "".join(r.text for r in para.runs)
    starts, position = set(), 0
    for line in para.lines:
        found = joined.find(line, position)
        if found < 0:
            return set()
        starts.add(found)
        position = found + len(line)
    starts.discard(min(starts))
    return starts


def planned_breaks(para: Paragraph, starts: set[int] | None = None) -> set[int]:
    """Return the indices of the runs the plan starts a line with.

    Renderers wrap by their own measure; where the plan broke a line between two runs (before
    a unit, which may go to the next line but never split: "551.4 / 亿美元"), the break is
    written into the text so no renderer can split the unit instead ("551.4 亿美 / 元")."""
    if len(para.runs) < 2:
        return set()
    starts = _line_starts(para) if starts is None else starts
    if not starts:
        return set()
    out, offset = set(), 0
    for k, run in enumerate(para.runs):
        lead = len(run.text) - len(run.text.lstrip(" "))
        if k and run.text.strip() and offset + lead in starts:
            out.add(k)
        offset += len(run.text)
    return out


def _properties(run: Run, link_id: str = "") -> str:
    chinese = has_cjk(run.text)
    east_asian = (
        f'<a:ea typeface="{EAST_ASIAN_FONT}" pitchFamily="34" charset="-122"/>' if chinese else ""
    )
    link = f'<a:hlinkClick r:id="{link_id}"/>' if link_id else ""
    return (
        f'<a:rPr lang="{"zh-CN" if chinese else "en-US"}" sz="{round(run.size_pt * 100)}" '
        f'b="{1 if run.bold else 0}" dirty="0"><a:solidFill><a:srgbClr val="{run.color}"/>'
        f'</a:solidFill><a:latin typeface="{_THEME_FONT[run.font]}"/>{east_asian}{link}</a:rPr>'
    )


def _run(run: Run, link_id: str = "") -> str:
    return f"<a:r>{_properties(run, link_id)}<a:t>{escape(run.text)}</a:t></a:r>"


def _field(run: Run, slide_number: int) -> str:
    """A slide-number field whose cached text is this slide's number."""
    return (
        f'<a:fld id="{SLIDE_NUMBER_FIELD_ID}" type="slidenum">{_properties(run)}'
        f"<a:t>{slide_number}</a:t></a:fld>"
    )


def language(text: str) -> tuple[str, str]:
    """Return a run's language tag and, for text with Chinese, its East Asian typeface
    element (Latin text keeps the theme's Latin font; in a run that mixes both, PowerPoint
    draws each character with the face for its script)."""
    if has_cjk(text):
        return "zh-CN", f'<a:ea typeface="{EAST_ASIAN_FONT}" pitchFamily="34" charset="-122"/>'
    return "en-US", ""
