"""Accessibility of a rendered slide: decorative marks, and the reading order of its shapes.

A screen reader reads a slide's shapes in the order of the shape tree (PowerPoint's
Selection Pane, bottom to top), which is also the order they are drawn in. deckgen plans
shapes in the order they are drawn; this module reorders them so that they are read as a
sighted reader reads the slide: the title, then the content row by row and left to right
(everything inside a card with its card, top to bottom), the footer last. Two shapes that
overlap keep the order they were drawn in, so nothing that was in front goes behind.

Shapes that only decorate (cards, rules, bars, dots, marks) carry Office's decorative mark,
which screen readers skip and PowerPoint's Accessibility Checker accepts in place of alt
text; each stays just below the first shape it lies under.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from lxml import etree

from ..plan import Box
from ..reading import DECORATIVE, DECORATIVE_NS, DECORATIVE_URI, visual_orders

_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_SHAPES = {f"{{{_P}}}{tag}" for tag in ("sp", "graphicFrame", "pic", "grpSp", "cxnSp")}
_FIGURES = {f"{{{_P}}}{tag}" for tag in ("graphicFrame", "pic")}


# Office's decorative mark (what "Mark as decorative" writes), inside a shape's p:cNvPr.
DECORATIVE_MARK = (
    f'<a:extLst><a:ext uri="{DECORATIVE_URI}"><adec:decorative xmlns:adec="{DECORATIVE_NS}" '
    'val="1"/></a:ext></a:extLst>'
)


def mark_decorative(shape_element) -> None:
    """Give a shape Office's decorative mark (what "Mark as decorative" writes)."""
    c_nv_pr = shape_element.find(f".//{{{_P}}}cNvPr")
    ext_lst = c_nv_pr.find(f"{{{_A}}}extLst")
    if ext_lst is None:
        ext_lst = etree.SubElement(c_nv_pr, f"{{{_A}}}extLst")
    ext = etree.SubElement(ext_lst, f"{{{_A}}}ext", uri=DECORATIVE_URI)
    etree.SubElement(ext, f"{{{DECORATIVE_NS}}}decorative", val="1", nsmap={"adec": DECORATIVE_NS})


def is_decorative(shape_element) -> bool:
    """Return True when a shape carries Office's decorative mark."""
    return bool(DECORATIVE(shape_element))


@dataclass
class _Shape:
    element: object
    index: int  # the order it was drawn in
    box: Box
    decorative: bool
    opaque: bool = True


def reorder(sp_tree, title_element=None, visual: bool = True, last=()) -> None:
    """Put the shapes of ``sp_tree`` in reading order (see the module's docstring); with
    ``visual`` False the slide is read in the order it was planned (a timeline, read along
    its axis although its labels alternate above and below it), title first. The shapes
    in ``last`` (the footer) are read last, in the order given."""
    shapes = [
        _Shape(el, i, _box(el), is_decorative(el), _opaque(el))
        for i, el in enumerate(child for child in sp_tree if child.tag in _SHAPES)
    ]
    title = [s for s in shapes if s.element is title_element]
    ends = [s for e in last for s in shapes if s.element is e]
    rest = [s for s in shapes if s.element is not title_element and s not in ends]
    informative = [s for s in rest if not s.decorative]
    figures = [s.box for s in rest if s.element.tag in _FIGURES]
    read = _read(informative, [s.box for s in rest], figures) if visual else informative
    ordered = title + _weave(read, [s for s in rest if s.decorative], informative) + ends
    if [s.element for s in ordered] == [s.element for s in shapes]:
        return
    for s in shapes:
        sp_tree.remove(s.element)
    for s in ordered:
        sp_tree.append(s.element)


def _read(shapes: list[_Shape], boxes: list[Box], figures: list[Box]) -> list[_Shape]:
    """Return the informative shapes in visual order, overlapping ones in drawing order;
    ``boxes`` are every shape's (the cards that may hold them), ``figures`` the charts' and
    pictures' (whose captions are read with them)."""
    keys = _visual_keys(shapes, boxes, figures)
    after: dict[int, list[int]] = {i: [] for i in range(len(shapes))}
    waiting = [0] * len(shapes)
    for i, a in enumerate(shapes):
        for j in range(i + 1, len(shapes)):
            # j is drawn over i; were i opaque and read (drawn) after j, it would hide j
            if a.opaque and a.box.overlaps(shapes[j].box):
                after[i].append(j)
                waiting[j] += 1
    ready = [(keys[i], i) for i in range(len(shapes)) if not waiting[i]]
    heapq.heapify(ready)
    out = []
    while ready:
        _, i = heapq.heappop(ready)
        out.append(shapes[i])
        for j in after[i]:
            waiting[j] -= 1
            if not waiting[j]:
                heapq.heappush(ready, (keys[j], j))
    return out


def _visual_keys(shapes: list[_Shape], boxes: list[Box], figures: list[Box]) -> list[int]:
    """Return each shape's place in reading order (:func:`deckgen.reading.visual_orders`,
    row by row); a caption under a chart or picture is placed by the figure."""
    anchors = [_rect(_caption_of(s.box, figures)) for s in shapes]
    by_row, _ = visual_orders([_rect(s.box) for s in shapes], [_rect(b) for b in boxes], anchors)
    place = [0] * len(shapes)
    for k, i in enumerate(by_row):
        place[i] = k
    return place


def _caption_of(box: Box, figures: list[Box]) -> Box:
    """Return the chart or picture ``box`` is the caption of (just under it, centred within
    it), else ``box``."""
    centre = box.x + box.w // 2
    for f in figures:
        if f.x <= centre <= f.right and 0 <= box.y - f.bottom < f.h // 4 and box.w <= f.w * 3 // 2:
            return f
    return box


def _weave(read: list[_Shape], decorative: list[_Shape], informative: list[_Shape]) -> list:
    """Place each decorative shape so that it stays below every informative shape drawn
    after it that it lies under (just before the first of them read), else above every one
    drawn before it that it covers (just after the last of them read), else before the
    next informative shape drawn after it."""
    place = {s.index: k for k, s in enumerate(read)}
    before: dict[int, list[_Shape]] = {}
    behind: dict[int, list[_Shape]] = {}
    tail: list[_Shape] = []
    for d in decorative:
        later = [s for s in informative if s.index > d.index]
        under = [s for s in later if s.box.overlaps(d.box)]
        over = [s for s in informative if s.index < d.index and s.box.overlaps(d.box)]
        if under:
            first = min(under, key=lambda s: place[s.index])
            before.setdefault(first.index, []).append(d)
        elif over:
            last = max(over, key=lambda s: place[s.index])
            behind.setdefault(last.index, []).append(d)
        elif later:
            first = min(later, key=lambda s: place[s.index])
            before.setdefault(first.index, []).append(d)
        else:
            tail.append(d)
    out = []
    for s in read:
        out += before.get(s.index, []) + [s] + behind.get(s.index, [])
    return out + tail


def _opaque(element) -> bool:
    """Return False for a shape that hides nothing beneath it: a text box without a fill."""
    if element.tag != f"{{{_P}}}sp":
        return True  # pictures, charts, tables
    sp_pr = element.find(f"{{{_P}}}spPr")
    fill = None if sp_pr is None else sp_pr.find(f"{{{_A}}}solidFill")
    return fill is not None


def _rect(box: Box) -> tuple[int, int, int, int]:
    return (box.x, box.y, box.w, box.h)


def _box(element) -> Box:
    off = element.find(f".//{{{_A}}}off")
    ext = element.find(f".//{{{_A}}}ext[@cx]")
    if off is None or ext is None:  # a placeholder that inherits its place
        return Box(0, 0, 0, 0)
    return Box(int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy")))
