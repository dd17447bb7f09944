"""Check a plan against the design rules before anything is drawn.

A violation here is a defect in deckgen, not in the user's input: input problems are caught
earlier with a message naming the fact. The same rules are asserted by the tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .errors import RenderError
from .plan import DeckPlan, PictureEl, TableEl, TextEl

_IMAGE_NAME = re.compile(r"\.(png|jpe?g|gif|svg|emf|wmf)$", re.IGNORECASE)
MIN_LABEL_PT = 12.0  # labels and footnotes; body text is planned at 14 pt or more
MIN_FOOTER_PT = 11.0


def luminance(hex_colour: str) -> float:
    """Return the WCAG relative luminance of a hex colour."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """Return the WCAG contrast ratio of two hex colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def is_large(size_pt: float, bold: bool) -> bool:
    """WCAG 'large text': 18 pt, or 14 pt bold."""
    return size_pt >= 18 or (bold and size_pt >= 14)


def findings(plan: DeckPlan) -> Iterator[str]:
    """Yield every design-rule violation in ``plan``."""
    for number, slide in enumerate(plan.slides, start=1):
        texts = [slide.title] + ([slide.subtitle] if slide.subtitle else [])
        texts += [el for el in slide.elements if isinstance(el, TextEl)]
        for el in [slide.title, *slide.elements] + ([slide.subtitle] if slide.subtitle else []):
            b = el.box
            if b.x < 0 or b.y < 0 or b.right > plan.width or b.bottom > plan.height:
                yield f"slide {number}: {el.name} lies outside the slide"
        for el in texts:
            yield from _text_findings(number, el)
        for i, a in enumerate(texts):
            for other in texts[i + 1 :]:
                if a.box.overlaps(other.box):
                    yield f"slide {number}: {a.name} overlaps {other.name}"
        if not slide.notes.strip():
            yield f"slide {number}: no speaker notes"
        for el in slide.elements:
            if isinstance(el, PictureEl) and (len(el.alt) < 8 or _IMAGE_NAME.search(el.alt)):
                yield f"slide {number}: picture {el.name} lacks a real description"
            if isinstance(el, TableEl):
                yield from _table_findings(number, el)
                for other in texts:
                    if el.box.overlaps(other.box):
                        yield f"slide {number}: {el.name} overlaps {other.name}"


def _text_findings(number: int, el: TextEl) -> Iterator[str]:
    room = (el.box.h - 2 * el.inset_y) / 12700
    if el.height_used_pt > room + 0.01:
        yield f"slide {number}: {el.name} needs {el.height_used_pt:.1f} pt, has {room:.1f} pt"
    for para in el.paragraphs:
        for run in para.runs:
            floor = MIN_FOOTER_PT if el.role == "footer" else MIN_LABEL_PT
            if run.size_pt < floor:
                yield f"slide {number}: {el.name} is set at {run.size_pt} pt (minimum {floor})"
            needed = 3.0 if is_large(run.size_pt, run.bold) else 4.5
            ratio = contrast(run.color, el.background)
            if ratio < needed:
                yield (f"slide {number}: {el.name} contrast {ratio:.2f}:1 is below {needed}:1")


def _table_findings(number: int, el: TableEl) -> Iterator[str]:
    if len(el.alt) < 8:
        yield f"slide {number}: table {el.name} lacks a real description"
    if sum(el.row_heights) > el.box.h or sum(el.col_widths) > el.box.w:
        yield f"slide {number}: {el.name} rows or columns exceed its box"
    for r, row in enumerate(el.rows):
        for c, cell in enumerate(row):
            if cell.size_pt < MIN_LABEL_PT:
                yield f"slide {number}: {el.name} cell {r + 1},{c + 1} is set at {cell.size_pt} pt"
            needed = 3.0 if is_large(cell.size_pt, cell.bold) else 4.5
            ratio = contrast(cell.color, cell.fill)
            if ratio < needed:
                yield (
                    f"slide {number}: {el.name} cell {r + 1},{c + 1} contrast {ratio:.2f}:1 "
                    f"is below {needed}:1"
                )


def check_plan(plan: DeckPlan) -> None:
    """Raise :class:`RenderError` listing every design-rule violation in ``plan``."""
    problems = list(findings(plan))
    if problems:
        raise RenderError(
            "the planned deck breaks design rules (a deckgen defect):\n  " + "\n  ".join(problems)
        )
