"""Read a deck back as LibreOffice draws it, and find what a Chinese editor would send back.

The deck is converted to PDF with LibreOffice and its lines are read with
``pdftotext -bbox-layout``: each line with its words and the gaps between them. The faults
looked for are those of Chinese typesetting: a lone character on a paragraph's last line, a
number split from its unit or qualifier, a date or a Latin word broken across lines, ASCII
punctuation beside a Chinese character, a comma-grouped number in Chinese text and a space
after full-width punctuation.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from pptx import Presentation

from deckgen.linebreak import is_cjk, is_ideograph, lone
from deckgen.qualifiers import AFTER, ZH

HAVE_RENDERER = bool(shutil.which("soffice") and shutil.which("pdftotext"))
FULL_WIDTH_PUNCTUATION = set("，。、；：？！）」』】》")
ASCII_PUNCTUATION = set(",.;:!?()[]\"'")
# LibreOffice's gap between Chinese and Latin text, as a share of the line's height.
AUTOSPACE = 0.22
SPACE = 0.12  # more than this beyond the expected gap is a space


@dataclass(frozen=True)
class Line:
    page: int
    block: int
    words: tuple[str, ...]
    gaps: tuple[float, ...]  # before each word after the first, in ems of the line height
    top: float = 0.0
    bottom: float = 0.0

    @property
    def text(self) -> str:
        return "".join(self.words)


def render(deck: Path, out: Path) -> Path:
    """Convert ``deck`` to PDF with LibreOffice (a private profile); return the PDF."""
    profile = (out / "profile").as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to"]
    subprocess.run(
        [*command, "pdf", "--outdir", str(out), str(deck)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out / f"{deck.stem}.pdf"


def lines(pdf: Path) -> list[Line]:
    """Return every line LibreOffice drew, page by page, block by block."""
    layout = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True
    ).stdout
    tree = etree.fromstring(layout, etree.HTMLParser(encoding="utf-8"))
    out = []
    block_no = 0
    for page_no, page in enumerate(tree.iter("page"), 1):
        for block in page.iter("block"):
            block_no += 1
            for line in block.iter("line"):
                words, gaps = [], []
                previous = None
                for word in line.iter("word"):
                    x0, x1 = float(word.get("xmin")), float(word.get("xmax"))
                    height = float(word.get("ymax")) - float(word.get("ymin"))
                    if previous is not None:
                        gaps.append((x0 - previous) / max(height, 1e-6))
                    words.append(word.text or "")
                    previous = x1
                top, bottom = float(line.get("ymin")), float(line.get("ymax"))
                out.append(Line(page_no, block_no, tuple(words), tuple(gaps), top, bottom))
    return out


def paragraphs(deck: Path) -> dict[int, set[str]]:
    """Return each slide's paragraph texts (planned breaks removed) and chart labels."""
    out: dict[int, set[str]] = {}
    for number, slide in enumerate(Presentation(str(deck)).slides, 1):
        texts = out.setdefault(number, set())
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts |= {p.text.replace("\x0b", "") for p in shape.text_frame.paragraphs}
            if getattr(shape, "has_table", False) and shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        texts |= {p.text.replace("\x0b", "") for p in cell.text_frame.paragraphs}
            if getattr(shape, "has_chart", False) and shape.has_chart:
                plot = shape.chart.plots[0]
                texts |= {str(c) for c in plot.categories}
    return out


_BEFORE = tuple(sorted({*ZH, "第"} - AFTER, key=len, reverse=True))
_UNIT_START = re.compile(r"^(?:[%‰]|[\u4e00-\u9fff])")


def faults(deck: Path, pdf: Path) -> list[str]:
    """Return the Chinese typesetting faults of the drawn deck, one line each."""
    texts = paragraphs(deck)
    drawn = lines(pdf)
    found = []
    for k, line in enumerate(drawn):
        where = f"slide {line.page}: {line.text!r}"
        for i, word in enumerate(line.words[:-1]):
            nxt = line.words[i + 1]
            if word and word[-1] in FULL_WIDTH_PUNCTUATION:
                latin = nxt[:1] and not is_cjk(nxt[0]) and nxt[0] not in "“‘"
                expected = AUTOSPACE if latin else 0.0
                if line.gaps[i] > expected + SPACE:
                    found.append(f"{where}: a space after {word[-1]!r}")
        text = line.text
        if any(is_cjk(c) for c in text):
            for m in re.finditer(r"\d{1,3}(?:,\d{3})+(?!\d)", text):
                found.append(f"{where}: a comma-grouped number {m.group()!r} in Chinese text")
        for i, char in enumerate(text):
            if char not in ASCII_PUNCTUATION:
                continue
            beside = text[i - 1 : i] + text[i + 1 : i + 2]
            if any(is_ideograph(c) for c in beside):
                found.append(f"{where}: ASCII {char!r} beside a Chinese character")
        if k + 1 < len(drawn):
            found += _junction(line, drawn[k + 1], texts.get(line.page, set()), where)
    return found


def _squash(text: str) -> str:
    return "".join(text.split())


def _junction(first: Line, second: Line, texts: set[str], where: str) -> list[str]:
    """Faults of a line break inside one paragraph (``first`` then ``second``)."""
    if first.page != second.page:  # (pdftotext may put a short line in a block of its own)
        return []
    height = first.bottom - first.top
    if second.top < first.top + height / 2 or second.top > first.bottom + height / 2:
        return []  # beside it (one line in two sizes: "551.4" "亿美元"), or far below it
    a, b = first.text, second.text
    texts = {_squash(t) for t in texts}  # words are read without the spaces between them
    if not a or not b or a in texts or not any(a + b in t for t in texts):
        return []  # not one paragraph broken in two
    return [f"{where} / {b!r}: {fault}" for fault in break_faults(a, b)]


def break_faults(a: str, b: str) -> list[str]:
    """Return what is wrong with breaking a paragraph between line ``a`` and line ``b``."""
    out = []
    if lone(b):
        out.append("a lone last character")
    if (a[-1].isdigit() or a[-1] in "%‰") and _UNIT_START.match(b):
        out.append("a number split from its unit")
    if a.endswith(_BEFORE) and (b[0].isdigit() or b[0] in "+-−"):
        out.append("a qualifier split from its number")
    if re.search(r"\d月$", a) and re.match(r"\d{1,2}日", b):
        out.append("a date broken inside")
    if a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        out.append("a Latin word or number broken")
    if a[-1] in "（「『【《“‘":
        out.append("a line ends with an opening mark")
    return out
