"""An independent audit of a .pptx, written for the tests without deckgen's own code.

It measures every text frame with Pillow (FreeType) and the bundled metric-compatible fonts,
wraps greedily at spaces, and reports text that needs more height than its box offers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import ImageFont
from pptx import Presentation
from pptx.util import Emu

FONTS = Path(__file__).resolve().parent.parent / "assets" / "fonts"
LINE_EM = 1.2207  # Calibri/Carlito ascent + descent + line gap, in ems (>= DrawingML's 1.2)


@cache
def _font(bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(
        str(FONTS / ("Carlito-Bold.ttf" if bold else "Carlito-Regular.ttf")), 1000
    )


def is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x3000 <= code <= 0x303F
        or char in "“”‘’"
    )


def width_pt(text: str, size: float, bold: bool) -> float:
    """Width with Pillow for Latin text; every CJK character (and CJK quote) counts one em."""
    latin = "".join(c for c in text if not is_cjk(c))
    cjk = len(text) - len(latin)
    return _font(bold).getlength(latin) * size / 1000 + cjk * size


@dataclass
class Overflow:
    slide: int
    shape: str
    needed_pt: float
    room_pt: float


def _lines(words: list[tuple[str, float, bool]], room: float) -> list[float]:
    """Return the line heights of words wrapped greedily into ``room`` points."""
    heights, used, tallest = [], 0.0, 0.0
    for word, size, bold in words:
        w = width_pt(word.rstrip(), size, bold)
        if used and used + w > room:
            heights.append(tallest)
            used, tallest = 0.0, 0.0
        used += width_pt(word, size, bold)
        tallest = max(tallest, size * LINE_EM)
    heights.append(tallest)
    return heights


def _split(text: str) -> list[str]:
    """Break opportunities: after spaces, and around every CJK character."""
    pieces, current = [], ""
    for char in text:
        if is_cjk(char):
            if current:
                pieces.append(current)
            pieces.append(char)
            current = ""
        else:
            current += char
            if char == " ":
                pieces.append(current)
                current = ""
    if current:
        pieces.append(current)
    return pieces


def text_overflows(path: Path) -> list[Overflow]:
    """Return every text frame whose text needs more height than its box has."""
    found = []
    for number, slide in enumerate(Presentation(str(path)).slides, start=1):
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            frame = shape.text_frame
            body = frame._txBody.bodyPr
            left = Emu(int(body.get("lIns", 91440))).pt
            right = Emu(int(body.get("rIns", 91440))).pt
            top = Emu(int(body.get("tIns", 45720))).pt
            bottom = Emu(int(body.get("bIns", 45720))).pt
            room_w = Emu(shape.width).pt - left - right
            needed = 0.0
            for para in frame.paragraphs:
                words = []
                for run in para.runs:
                    size = run.font.size.pt if run.font.size else 18.0
                    for piece in _split(run.text):
                        words.append((piece, size, bool(run.font.bold)))
                if words:
                    needed += sum(_lines(words, room_w))
                if para.space_before is not None:
                    needed += para.space_before.pt
            room = Emu(shape.height).pt - top - bottom
            if needed > room + 0.5:
                found.append(Overflow(number, shape.name, needed, room))
    return found


def off_slide(path: Path) -> list[tuple[int, str]]:
    prs = Presentation(str(path))
    out = []
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            if (
                shape.left < 0
                or shape.top < 0
                or shape.left + shape.width > prs.slide_width
                or shape.top + shape.height > prs.slide_height
            ):
                out.append((number, shape.name))
    return out
