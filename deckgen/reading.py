"""How a slide is read: Office's decorative mark, and the order a sighted reader sees.

Shared by the renderer, which writes the mark and puts shapes in reading order
(:mod:`deckgen.deck.order`), and by ``deckgen check``, which judges any deck by the same
geometry. Boxes are (x, y, w, h) tuples.
"""

from __future__ import annotations

from lxml import etree

DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
_NS = {
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "adec": DECORATIVE_NS,
}
# A shape's decorative mark, in its non-visual properties (what "Mark as decorative" writes).
DECORATIVE = etree.XPath(
    f"./*[1]/p:cNvPr/a:extLst/a:ext[@uri='{DECORATIVE_URI}']"
    "/adec:decorative[@val='1' or @val='true']",
    namespaces=_NS,
)


def visual_orders(
    shapes: list, boxes: list, anchors: list | None = None
) -> tuple[list[int], list[int]]:
    """Return the indexes of ``shapes`` (x, y, w, h boxes) row by row, then column by column.

    Each shape is placed by its card: the smallest larger box of ``boxes`` holding 40% or
    more of it (a badge set on its card's edge is the card's), else itself. Row by row:
    cards are taken top to bottom; one joins the row being formed when its vertical extent
    overlaps that of the row's shortest card by more than half the smaller height, else it
    starts the next row (so a tall panel beside two rows of cards leaves them two rows);
    rows run top to bottom, cards in a row left to right, a card's shapes top to bottom.
    Column by column is the same turned a quarter (a timeline whose labels alternate above
    and below its line is read along it). ``anchors``, when given, are the boxes the shapes
    are placed by instead of their own (a caption by the chart it is under).
    """
    cards = [card_of(box, boxes) for box in (anchors or shapes)]
    rows = bands(cards, 1)
    columns = bands(cards, 0)
    by_row = sorted(
        range(len(shapes)),
        key=lambda i: (rows[cards[i]], cards[i][0], cards[i][1], shapes[i][1], shapes[i][0], i),
    )
    by_column = sorted(
        range(len(shapes)),
        key=lambda i: (columns[cards[i]], cards[i][1], cards[i][0], shapes[i][1], shapes[i][0], i),
    )
    return by_row, by_column


def bands(cards: list, axis: int) -> dict:
    """Return the row (``axis`` 1) or column (``axis`` 0) of each card, from the top or left."""
    band_of: dict = {}
    band, narrowest = -1, None  # the band being formed and its narrowest card across it
    for card in sorted(set(cards), key=lambda b: (b[axis], b[1 - axis])):
        size = card[axis + 2]
        if narrowest is not None:
            start, end = (
                max(card[axis], narrowest[axis]),
                min(card[axis] + size, narrowest[axis] + narrowest[axis + 2]),
            )
            joins = end - start > min(size, narrowest[axis + 2]) / 2
        if narrowest is None or not joins:
            band, narrowest = band + 1, card
        elif size < narrowest[axis + 2]:
            narrowest = card
        band_of[card] = band
    return band_of


def card_of(box, boxes: list):
    """Return the smallest larger box holding 40% or more of ``box`` (a badge set on its
    card's edge is the card's), else ``box``."""
    x, y, w, h = box

    def holds(outer) -> bool:
        ox, oy, ow, oh = outer
        dx = min(x + w, ox + ow) - max(x, ox)
        dy = min(y + h, oy + oh) - max(y, oy)
        return ow * oh > w * h and dx > 0 and dy > 0 and dx * dy >= 0.4 * w * h

    return min((b for b in boxes if holds(b)), key=lambda b: b[2] * b[3], default=box)
