"""Resolve what text in any .pptx really looks like, and measure it.

Effective properties are rarely on the run: size, weight, font and colour are inherited
through the shape's list style, the layout and master placeholders, the master's text
styles and the presentation defaults, and theme fonts and colours are resolved through the
theme. This module follows that chain far enough to measure text and judge its contrast.

It reads the deck as :mod:`deckgen.pptxread` models it: a shape is its element (``p:sp``,
``p:graphicFrame`` …), on a :class:`~deckgen.pptxread.Slide`.
"""

from __future__ import annotations

import colorsys
import math
from functools import lru_cache

from lxml import etree

from .plancheck import contrast, is_large
from .pptxread import RT_THEME, placeholder, position
from .textfit import DRAWINGML_LINE_PITCH, metrics, wrap
from .xmlsafe import parse_part

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS = {"a": A, "p": P}
_BR, _R, _FLD, _RPR, _LATIN, _SOLID, _T = (
    f"{{{A}}}{tag}" for tag in ("br", "r", "fld", "rPr", "latin", "solidFill", "t")
)
_XFRMS = (f"{{{P}}}spPr/{{{A}}}xfrm", f"{{{P}}}xfrm", f"{{{P}}}grpSpPr/{{{A}}}xfrm")
_OFF, _EXT = f"{{{A}}}off", f"{{{A}}}ext"
_UNSET = object()  # a property no element of the chain states
# Paths in Clark notation: lxml finds them without a namespace map to sort on each call.
_X_A_BLIPFILL = "{http://schemas.openxmlformats.org/drawingml/2006/main}blipFill"
_X_A_BODYPR = ".//{http://schemas.openxmlformats.org/drawingml/2006/main}bodyPr"
_X_A_CLRSCHEME = ".//{http://schemas.openxmlformats.org/drawingml/2006/main}clrScheme"
_X_A_DEFRPR = "{http://schemas.openxmlformats.org/drawingml/2006/main}defRPr"
_X_A_ENDPARARPR = "{http://schemas.openxmlformats.org/drawingml/2006/main}endParaRPr"
_X_A_GRADFILL = "{http://schemas.openxmlformats.org/drawingml/2006/main}gradFill"
_X_A_LNSPC = "{http://schemas.openxmlformats.org/drawingml/2006/main}lnSpc"
_X_A_LUMMOD = "{http://schemas.openxmlformats.org/drawingml/2006/main}lumMod"
_X_A_LUMOFF = "{http://schemas.openxmlformats.org/drawingml/2006/main}lumOff"
_X_A_NOFILL = "{http://schemas.openxmlformats.org/drawingml/2006/main}noFill"
_X_A_P = "{http://schemas.openxmlformats.org/drawingml/2006/main}p"
_X_A_PPR = "{http://schemas.openxmlformats.org/drawingml/2006/main}pPr"
_X_A_RPR_A_SOLIDFILL = "{http://schemas.openxmlformats.org/drawingml/2006/main}rPr/{http://schemas.openxmlformats.org/drawingml/2006/main}solidFill"
_X_A_SOLIDFILL = "{http://schemas.openxmlformats.org/drawingml/2006/main}solidFill"
_X_A_SPCPCT = "{http://schemas.openxmlformats.org/drawingml/2006/main}spcPct"
_X_A_SPCPTS = "{http://schemas.openxmlformats.org/drawingml/2006/main}spcPts"
_X_A_SRGBCLR = "{http://schemas.openxmlformats.org/drawingml/2006/main}srgbClr"
_X_A_SYSCLR = "{http://schemas.openxmlformats.org/drawingml/2006/main}sysClr"
_X_A_T = "{http://schemas.openxmlformats.org/drawingml/2006/main}t"
_X_A_TBL = ".//{http://schemas.openxmlformats.org/drawingml/2006/main}tbl"
_X_A_TBLGRID_A_GRIDCOL = "{http://schemas.openxmlformats.org/drawingml/2006/main}tblGrid/{http://schemas.openxmlformats.org/drawingml/2006/main}gridCol"
_X_A_TC = "{http://schemas.openxmlformats.org/drawingml/2006/main}tc"
_X_A_TCPR = "{http://schemas.openxmlformats.org/drawingml/2006/main}tcPr"
_X_A_TR = "{http://schemas.openxmlformats.org/drawingml/2006/main}tr"
_X_A_TXBODY = "{http://schemas.openxmlformats.org/drawingml/2006/main}txBody"
_X_P_BGPR_A_SOLIDFILL = "{http://schemas.openxmlformats.org/presentationml/2006/main}bgPr/{http://schemas.openxmlformats.org/drawingml/2006/main}solidFill"
_X_P_BGREF = "{http://schemas.openxmlformats.org/presentationml/2006/main}bgRef"
_X_P_CLRMAP = "{http://schemas.openxmlformats.org/presentationml/2006/main}clrMap"
_X_P_CSLD_P_BG = "{http://schemas.openxmlformats.org/presentationml/2006/main}cSld/{http://schemas.openxmlformats.org/presentationml/2006/main}bg"
_X_P_NVPR_P_PH = ".//{http://schemas.openxmlformats.org/presentationml/2006/main}nvPr/{http://schemas.openxmlformats.org/presentationml/2006/main}ph"
_X_P_NVSPPR_P_NVPR_P_PH = "{http://schemas.openxmlformats.org/presentationml/2006/main}nvSpPr/{http://schemas.openxmlformats.org/presentationml/2006/main}nvPr/{http://schemas.openxmlformats.org/presentationml/2006/main}ph"
_X_P_SPPR = "{http://schemas.openxmlformats.org/presentationml/2006/main}spPr"
_X_P_STYLE_A_FILLREF = "{http://schemas.openxmlformats.org/presentationml/2006/main}style/{http://schemas.openxmlformats.org/drawingml/2006/main}fillRef"
_X_P_TXBODY = "{http://schemas.openxmlformats.org/presentationml/2006/main}txBody"
DEFAULT_INSETS = (91440, 91440, 45720, 45720)  # left, right, top, bottom (EMU)
TOLERANCE_PT = 1.0


def box_of(slide, el) -> tuple[int, int, int, int] | None:
    """Return (x, y, w, h) in EMU of the shape element ``el`` directly on ``slide``: read
    straight from its XML when it has its own geometry, else as python-pptx reads it
    (placeholders inheriting from their layout: :func:`deckgen.pptxread.position`); None
    when it has no place."""
    xfrm = None
    for path in _XFRMS:
        xfrm = el.find(path)
        if xfrm is not None:
            break
    if xfrm is not None:
        off, ext = xfrm.find(_OFF), xfrm.find(_EXT)
        if off is not None and ext is not None:
            return (
                int(off.get("x", 0)),
                int(off.get("y", 0)),
                int(ext.get("cx", 0)),
                int(ext.get("cy", 0)),
            )
    left, top, width, height = position(slide, el)
    if left is None or top is None or width is None or height is None:
        return None
    return left, top, width, height


def _q(tag: str) -> str:
    prefix, name = tag.split(":")
    return f"{{{NS[prefix]}}}{name}"


class Theme:
    """Colours and fonts of one slide master's theme, and its colour map."""

    def __init__(self, master):
        """Read ``master``: a :class:`deckgen.pptxread.Master` (or a python-pptx slide master,
        for callers that hold one)."""
        if hasattr(master, "theme"):
            root, element = master.theme, master.element
        else:
            root, element = parse_part(master.part.part_related_by(RT_THEME)), master._element
        self.colors: dict[str, str] = {}
        scheme = root.find(_X_A_CLRSCHEME)
        for slot in scheme if scheme is not None else []:
            name = etree.QName(slot).localname
            value = slot.find(_X_A_SRGBCLR)
            system = slot.find(_X_A_SYSCLR)
            if value is not None:
                self.colors[name] = value.get("val").upper()
            elif system is not None:
                self.colors[name] = (system.get("lastClr") or "000000").upper()
        self.fonts = {}
        for key, tag in (("major", "a:majorFont"), ("minor", "a:minorFont")):
            latin = root.find(f".//{tag}/a:latin", NS)
            self.fonts[key] = latin.get("typeface") if latin is not None else "Calibri"
        clr_map = element.find(_X_P_CLRMAP)
        self.map = (
            dict(clr_map.attrib)
            if clr_map is not None
            else {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
        )
        self.master = master

    def color(self, fill) -> str | None:
        """Return the hex colour of a solidFill-like element (srgbClr, schemeClr, sysClr)."""
        if fill is None:
            return None
        for child in fill:
            kind = etree.QName(child).localname
            if kind == "srgbClr":
                base = child.get("val", "000000").upper()
            elif kind == "schemeClr":
                name = child.get("val", "tx1")
                base = self.colors.get(self.map.get(name, name), "000000")
            elif kind == "sysClr":
                base = (child.get("lastClr") or "000000").upper()
            elif kind == "prstClr":
                base = {"black": "000000", "white": "FFFFFF"}.get(child.get("val"), "000000")
            else:
                continue
            return _modulate(base, child)
        return None

    def font(self, typeface: str | None, heading: bool) -> str:
        if not typeface or typeface.startswith("+mn"):
            return self.fonts["minor"]
        if typeface.startswith("+mj"):
            return self.fonts["major"]
        return typeface


def _modulate(hex_colour: str, el) -> str:
    """Apply lumMod / lumOff (the modifiers themes use for tints and shades)."""
    mod = el.find(_X_A_LUMMOD)
    off = el.find(_X_A_LUMOFF)
    if mod is None and off is None:
        return hex_colour
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4))
    h, lum, s = colorsys.rgb_to_hls(r, g, b)
    lum = lum * (int(mod.get("val")) / 100000 if mod is not None else 1)
    lum = min(1.0, lum + (int(off.get("val")) / 100000 if off is not None else 0))
    r, g, b = colorsys.hls_to_rgb(h, lum, s)
    return "".join(f"{round(c * 255):02X}" for c in (r, g, b))


class TextModel:
    """Measure and judge the text of a presentation's shapes (a :class:`pptxread.Deck`)."""

    def __init__(self, deck):
        self.deck = deck
        self._themes: dict[int, Theme] = {}
        self._slide_themes: dict[int, Theme] = {}
        self._inherited: dict[tuple, list] = {}
        self.default_style = deck.default_text_style

    def theme(self, slide) -> Theme:
        key = id(slide.element)
        if key not in self._slide_themes:
            master = slide.layout.master
            master_key = id(master.element)
            if master_key not in self._themes:
                self._themes[master_key] = Theme(master)
            self._slide_themes[key] = self._themes[master_key]
        return self._slide_themes[key]

    # -- inheritance ------------------------------------------------------------------
    def _placeholder_chain(self, slide, shape) -> list:
        """Return the layout and master placeholders ``shape`` inherits from."""
        ph = shape.find(_X_P_NVSPPR_P_NVPR_P_PH)
        if ph is None:
            return []
        kind, idx = ph.get("type", "body"), ph.get("idx", "0")
        chain = []
        for owner in (slide.layout, slide.layout.master):
            for candidate in owner.placeholders:
                cph = placeholder(candidate)
                ctype, cidx = cph.get("type", "body"), cph.get("idx", "0")
                same_title = {kind, ctype} <= {"title", "ctrTitle"}
                if (
                    (kind not in ("title", "ctrTitle") and cidx == idx and idx != "0")
                    or ctype == kind
                    or same_title
                ):
                    chain.append(candidate)
                    break
        return chain

    def _levels(self, slide, shape, level: int, root=None) -> list:
        """Return the lvlNpPr elements that style paragraphs at ``level``, nearest first
        (``root``: the text body whose own list style comes first, e.g. a table cell's)."""
        tag = f"a:lvl{level + 1}pPr"
        own = (root if root is not None else shape).find(f".//a:lstStyle/{tag}", NS)
        ph = shape.find(_X_P_NVPR_P_PH)
        key = (id(slide.element), None if ph is None else (ph.get("type"), ph.get("idx")), level)
        if key not in self._inherited:
            self._inherited[key] = self._inherited_levels(slide, shape, tag)
        return ([own] if own is not None else []) + self._inherited[key]

    def _inherited_levels(self, slide, shape, tag: str) -> list:
        elements = self._placeholder_chain(slide, shape)
        out = []
        for el in elements:
            found = el.find(f".//a:lstStyle/{tag}", NS)
            if found is not None:
                out.append(found)
        master = slide.layout.master.element
        ph = placeholder(shape)
        if ph is not None:
            kind = ph.get("type", "body")
            style = "p:titleStyle" if kind in ("title", "ctrTitle") else "p:bodyStyle"
        else:
            style = "p:otherStyle"
        found = master.find(f"p:txStyles/{style}/{tag}", NS)
        if found is not None:
            out.append(found)
        if self.default_style is not None:
            found = self.default_style.find(tag, NS)
            if found is not None:
                out.append(found)
        return out

    def _body(self, slide, shape):
        """Return (insets, wrap, autofit element) of the shape's text body, inherited."""
        bodies = [shape.find(_X_A_BODYPR)] + [
            el.find(_X_A_BODYPR) for el in self._placeholder_chain(slide, shape)
        ]
        bodies = [b for b in bodies if b is not None]
        insets = []
        for attr, default in zip(("lIns", "rIns", "tIns", "bIns"), DEFAULT_INSETS):
            value = next((b.get(attr) for b in bodies if b.get(attr) is not None), default)
            insets.append(int(value))
        wrap_mode = next((b.get("wrap") for b in bodies if b.get("wrap")), "square")
        autofit = None
        for b in bodies:
            for tag in ("a:normAutofit", "a:spAutoFit", "a:noAutofit"):
                found = b.find(tag, NS)
                if found is not None:
                    autofit = found
                    break
            if autofit is not None:
                break
        return insets, wrap_mode, autofit

    # -- measurement ------------------------------------------------------------------
    def paragraphs(self, slide, shape, tx_body=None):
        """Yield, per paragraph: pieces [(text, family, bold, size, colour)], spacing data.

        ``tx_body`` is a text body inside the shape (a table cell's) to read instead of the
        shape's own."""
        theme = self.theme(slide)
        ph = shape.find(_X_P_NVSPPR_P_NVPR_P_PH)
        heading = ph is not None and ph.get("type") in ("title", "ctrTitle")
        body = tx_body if tx_body is not None else shape.find(_X_P_TXBODY)
        for p in body.findall(_X_A_P):
            ppr = p.find(_X_A_PPR)
            level = int(ppr.get("lvl", "0")) if ppr is not None else 0
            levels = ([ppr] if ppr is not None else []) + self._levels(slide, shape, level, tx_body)
            defaults = [lv.find(_X_A_DEFRPR) for lv in levels]
            defaults = [d for d in defaults if d is not None]
            pieces = []
            for child in p:
                tag = child.tag
                if tag == _BR:
                    pieces.append(("\n", "Calibri", False, 0.0, None))
                    continue
                if tag != _R and tag != _FLD:
                    continue
                rpr = child.find(_RPR)
                chain = ([rpr] if rpr is not None else []) + defaults
                size = bold = None
                latin = fill = _UNSET
                for e in chain:  # each property from the nearest element that states it
                    if size is None and e.get("sz"):
                        size = int(e.get("sz")) / 100
                    if bold is None and e.get("b"):
                        bold = e.get("b") in ("1", "true")
                    if latin is _UNSET:
                        found = e.find(_LATIN)
                        if found is not None:
                            latin = found.get("typeface")
                    if fill is _UNSET:
                        found = e.find(_SOLID)
                        if found is not None:
                            fill = found
                colour = theme.color(None if fill is _UNSET else fill) or theme.colors.get(
                    theme.map.get("tx1", "dk1"), "000000"
                )
                text = "".join(t.text or "" for t in child.iterchildren(_T))
                pieces.append(
                    (
                        text,
                        theme.font(None if latin is _UNSET else latin, heading),
                        bool(bold),
                        18.0 if size is None else size,
                        colour,
                    )
                )
            end = p.find(_X_A_ENDPARARPR)
            end_size = (
                int(end.get("sz")) / 100
                if end is not None and end.get("sz")
                else next((int(d.get("sz")) / 100 for d in defaults if d.get("sz")), 18.0)
            )
            yield pieces, levels, end_size

    def needed_height(
        self, paragraphs: list, width_pt: float, font_scale: float, spacing_cut: float, wraps: bool
    ) -> tuple[float, float]:
        """Return (height needed, widest line) in points for the shape's paragraphs."""
        total, widest = 0.0, 0.0
        for index, (pieces, levels, end_size) in enumerate(paragraphs):
            line_factor, exact = _line_spacing(levels)
            line_factor = max(line_factor - spacing_cut, 0.1)
            before = _spacing(levels, "a:spcBef") if index else 0.0
            after = _spacing(levels, "a:spcAft")
            lines = _lines(pieces, width_pt if wraps else 1e9, font_scale, end_size)
            for line_height, line_width in lines:
                total += exact if exact else line_height * line_factor
                widest = max(widest, line_width)
            total += before + after
        return total, widest

    def findings(self, slide, shape, box, slide_height: int, min_font_pt: float, beneath):
        """Yield (rule, severity, message, fix) for one text shape at ``box``; ``beneath``
        lists (box, fill) of the filled shapes under it, nearest last."""
        insets, wrap_mode, autofit = self._body(slide, shape)
        x, y, w, h = box
        width_pt = (w - insets[0] - insets[1]) / 12700
        room_pt = (h - insets[2] - insets[3]) / 12700
        scale, cut = 1.0, 0.0
        kind = etree.QName(autofit).localname if autofit is not None else "noAutofit"
        if kind == "normAutofit":
            scale = int(autofit.get("fontScale", "100000")) / 100000
            cut = int(autofit.get("lnSpcReduction", "0")) / 100000
        paragraphs = list(self.paragraphs(slide, shape))
        needed, widest = self.needed_height(paragraphs, width_pt, scale, cut, wrap_mode != "none")
        if wrap_mode == "none" and widest > width_pt + TOLERANCE_PT:
            yield (
                "text-overflow",
                "error",
                f"a line is {widest:.0f} pt wide in a {width_pt:.0f} pt box that does not wrap",
                "turn on wrapping, shorten the text or widen the box",
            )
        if kind == "spAutoFit":
            bottom = (y + insets[2] + insets[3]) / 12700 + needed
            if bottom > slide_height / 12700 + TOLERANCE_PT:
                yield (
                    "text-overflow",
                    "error",
                    f"the box grows to fit its text and runs {bottom - slide_height / 12700:.0f}"
                    " pt past the bottom of the slide",
                    "shorten the text or move the box up",
                )
        elif needed > room_pt + TOLERANCE_PT:
            yield (
                "text-overflow",
                "error",
                f"text needs {needed:.0f} pt of height, the box has {room_pt:.0f} pt",
                "shorten the text, make the box taller or continue on another slide",
            )
        yield from self._style_findings(slide, shape, paragraphs, min_font_pt, box, beneath)

    def _style_findings(self, slide, shape, paragraphs, min_font_pt: float, box, beneath):
        background = self.background(slide, shape, box, beneath)
        smallest, worst = None, None
        for pieces, _, _ in paragraphs:
            for text, _, bold, size, colour in pieces:
                if not text.strip() or text == "\n":
                    continue
                smallest = size if smallest is None else min(smallest, size)
                ratio = contrast(colour, background)
                needed = 3.0 if is_large(size, bold) else 4.5
                if ratio < needed and (worst is None or ratio < worst[0]):
                    worst = (ratio, needed, colour)
        if smallest is not None and smallest < min_font_pt:
            yield (
                "small-font",
                "error",
                f"text is set at {smallest:g} pt",
                f"use at least {min_font_pt:g} pt (14 pt for body text)",
            )
        if worst is not None:
            ratio, needed, colour = worst
            yield (  # PowerPoint grades "Hard-to-read text contrast" as a warning
                "contrast",
                "warn",
                f"Hard-to-read text contrast: text #{colour} on #{background} has contrast "
                f"{ratio:.2f}:1, below {needed}:1",
                "darken the text or lighten what is behind it",
            )

    def table_findings(self, slide, shape, min_font_pt: float):
        """Yield (rule, severity, message, fix) for the cells of a table: text that needs
        more height than its row has (the table would grow past its box), text below the
        minimum size, and text that lacks contrast against its cell's own fill (judged only
        where the cell gives both colours; table styles are not resolved)."""
        tbl = shape.find(_X_A_TBL)
        if tbl is None:
            return
        widths = [int(col.get("w", "0")) for col in tbl.findall(_X_A_TBLGRID_A_GRIDCOL)]
        rows = tbl.findall(_X_A_TR)
        smallest, worst = None, None
        for r, tr in enumerate(rows):
            column = 0
            for tc in tr.findall(_X_A_TC):
                span = int(tc.get("gridSpan", "1"))
                covered = tc.get("hMerge") in ("1", "true") or tc.get("vMerge") in ("1", "true")
                width = sum(widths[column : column + span])
                column += 1 if covered else span
                body = tc.find(_X_A_TXBODY)
                if covered or body is None:
                    continue
                paragraphs = list(self.paragraphs(slide, shape, body))
                pieces = [p for ps, _, _ in paragraphs for p in ps if p[0].strip() and p[0] != "\n"]
                if not pieces:
                    continue
                tc_pr = tc.find(_X_A_TCPR)
                margins = [
                    int(tc_pr.get(attr, default)) if tc_pr is not None else default
                    for attr, default in zip(("marL", "marR", "marT", "marB"), DEFAULT_INSETS)
                ]
                spanned = rows[r : r + int(tc.get("rowSpan", "1"))]
                room = (
                    sum(int(t.get("h", "0")) for t in spanned) - margins[2] - margins[3]
                ) / 12700
                width_pt = (width - margins[0] - margins[1]) / 12700
                needed, _ = self.needed_height(paragraphs, width_pt, 1.0, 0.0, True)
                if needed > room + TOLERANCE_PT:
                    yield (
                        "text-overflow",
                        "error",
                        f"row {r + 1}, column {column}: text needs {needed:.0f} pt of height, "
                        f"the row has {room:.0f} pt (the table grows past its box)",
                        "make the row taller, shorten the text or continue on another slide",
                    )
                fill = tc_pr.find(_X_A_SOLIDFILL) if tc_pr is not None else None
                explicit = all(
                    run.find(_X_A_RPR_A_SOLIDFILL) is not None
                    for run in body.iter(_q("a:r"))
                    if (run.findtext(_X_A_T, "") or "").strip()
                )
                for _, _, bold, size, colour in pieces:
                    smallest = size if smallest is None else min(smallest, size)
                    if fill is None or not explicit:
                        continue
                    background = self.theme(slide).color(fill) or "FFFFFF"
                    ratio = contrast(colour, background)
                    needed_ratio = 3.0 if is_large(size, bold) else 4.5
                    if ratio < needed_ratio and (worst is None or ratio < worst[0]):
                        worst = (ratio, needed_ratio, colour, background)
        if smallest is not None and smallest < min_font_pt:
            yield (
                "small-font",
                "error",
                f"table text is set at {smallest:g} pt",
                f"use at least {min_font_pt:g} pt (14 pt for body text)",
            )
        if worst is not None:
            ratio, needed_ratio, colour, background = worst
            yield (
                "contrast",
                "warn",
                f"Hard-to-read text contrast: table text #{colour} on #{background} has "
                f"contrast {ratio:.2f}:1, below {needed_ratio}:1",
                "darken the text or lighten the cell",
            )

    def background(self, slide, shape, box, beneath) -> str:
        """Return the colour behind ``shape``'s text: own fill, a shape beneath, the slide."""
        theme = self.theme(slide)
        own = _shape_fill(shape, theme)
        if own:
            return own
        cx, cy = box[0] + box[2] // 2, box[1] + box[3] // 2
        under = [fill for (x, y, w, h), fill in beneath if x <= cx <= x + w and y <= cy <= y + h]
        if under:
            return under[-1]
        for owner in (slide, slide.layout, slide.layout.master):
            colour = _background_of(owner.element, theme)
            if colour:
                return colour
        return theme.colors.get(theme.map.get("bg1", "lt1"), "FFFFFF")

    def fill(self, slide, shape) -> str | None:
        return _shape_fill(shape, self.theme(slide))


def _shape_fill(shape, theme: Theme) -> str | None:
    sp_pr = shape.find(_X_P_SPPR)
    if sp_pr is None:
        return None
    if sp_pr.find(_X_A_NOFILL) is not None:
        return None
    solid = sp_pr.find(_X_A_SOLIDFILL)
    if solid is not None:
        return theme.color(solid)
    if sp_pr.find(_X_A_GRADFILL) is not None or sp_pr.find(_X_A_BLIPFILL) is not None:
        return None
    style = shape.find(_X_P_STYLE_A_FILLREF)
    if style is not None and style.get("idx", "0") != "0":
        return theme.color(style)
    return None


def _background_of(element, theme: Theme) -> str | None:
    bg = element.find(_X_P_CSLD_P_BG)
    if bg is None:
        return None
    solid = bg.find(_X_P_BGPR_A_SOLIDFILL)
    if solid is not None:
        return theme.color(solid)
    ref = bg.find(_X_P_BGREF)
    if ref is not None:
        return theme.color(ref)
    return None


def _line_spacing(levels) -> tuple[float, float]:
    """Return (factor, exact points) from the nearest lnSpc: spcPct or spcPts."""
    for level in levels:
        spacing = level.find(_X_A_LNSPC)
        if spacing is None:
            continue
        pct = spacing.find(_X_A_SPCPCT)
        if pct is not None:
            return int(pct.get("val")) / 100000, 0.0
        pts = spacing.find(_X_A_SPCPTS)
        if pts is not None:
            return 1.0, int(pts.get("val")) / 100
    return 1.0, 0.0


def _spacing(levels, tag: str) -> float:
    for level in levels:
        found = level.find(f"{tag}/a:spcPts", NS)
        if found is not None:
            return int(found.get("val")) / 100
    return 0.0


@lru_cache(maxsize=256)
def _font(family: str, bold: bool):
    return metrics(family, bold)


def _lines(pieces, width_pt: float, scale: float, end_size: float) -> list[tuple[float, float]]:
    """Return (height, width) of each line of a paragraph wrapped into ``width_pt``.

    Line heights follow the planner's model (:mod:`deckgen.textfit`): the checker is never
    more lenient than the planner that laid the text out."""
    segments: list[list] = [[]]
    for piece in pieces:
        if piece[0] == "\n":
            segments.append([])
        else:
            segments[-1].append(piece)
    out: list[tuple[float, float]] = []
    for segment in segments:
        runs = [
            (text, _font(family, bold), size * scale)
            for text, family, bold, size, _ in segment
            if text
        ]
        if not runs:
            out.append((end_size * scale * DRAWINGML_LINE_PITCH, 0.0))
            continue
        lines = wrap(runs, width_pt)
        if lines is None:  # a word wider than the box: renderers break it mid-word
            total = sum(font.width_pt(text, sz) for text, font, sz in runs)
            tallest = max(font.line_em(text) * sz for text, font, sz in runs)
            count = max(1, math.ceil(total / max(width_pt, 1.0)))
            out += [(tallest, min(total, width_pt))] * count
            continue
        out += [(line_height, line_width) for _, line_width, line_height, _ in lines]
    return out
