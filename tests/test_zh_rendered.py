"""Chinese decks as LibreOffice draws them: lines read back from the PDF, set as an editor would.

Each deck is built, rendered and read line by line (:mod:`tests.rendered`); no drawn line
may hold a lone last character, split a figure from its unit or qualifier, break a date or
a Latin word, set ASCII punctuation beside Chinese, group digits with commas or leave a
space after full-width punctuation.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.assets import DEFAULT_FACTS
from deckgen.cli import main

from . import rendered

ROOT = Path(__file__).resolve().parent.parent
DECKS = {
    "bundled": DEFAULT_FACTS,
    "beijing-2024-economy": ROOT / "examples" / "beijing-2024-economy.yaml",
    "china-trade-2023": ROOT / "examples" / "china-trade-2023.yaml",  # speakers' real names
}

pytestmark = pytest.mark.skipif(not rendered.HAVE_RENDERER, reason="needs LibreOffice, poppler")


@pytest.fixture(scope="module", params=sorted(DECKS))
def drawn(request, tmp_path_factory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp(request.param)
    args = ["build", str(DECKS[request.param]), "--lang", "zh", "--deck-only", "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    (deck,) = out.glob("*.pptx")
    return deck, rendered.render(deck, out)


def test_chinese_decks_are_set_as_an_editor_would_set_them(drawn):
    deck, pdf = drawn
    assert rendered.lines(pdf), "nothing was read back"
    faults = rendered.faults(deck, pdf)
    assert not faults, "\n".join(faults)


def test_the_reader_finds_each_fault_it_looks_for(tmp_path):
    """The checks are real: a deck written with each fault is caught."""
    from pptx import Presentation
    from pptx.util import Emu, Pt

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    texts = [  # \v: a line break, as a renderer's own wrapping would put it
        "北京实际使用外资累计\v试",
        "实际使用外资551.4\v亿美元，约\v500项",
        "发布会于2023年8月\v21日举行",
        "外资， 2020年实际使用63,000家(获批)",
    ]
    top = 300_000
    for text in texts:
        box = slide.shapes.add_textbox(Emu(300_000), Emu(top), Emu(8_000_000), Emu(900_000))
        box.text_frame.text = text
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(24)
        top += 1_200_000
    deck = tmp_path / "faults.pptx"
    prs.save(deck)
    found = "\n".join(rendered.faults(deck, rendered.render(deck, tmp_path)))
    assert "a lone last character" in found, found
    assert "a number split from its unit" in found, found
    assert "a qualifier split from its number" in found, found
    assert "a date broken inside" in found, found
    assert "a space after '，'" in found, found
    assert "comma-grouped number '63,000'" in found, found
    assert "ASCII '(' beside a Chinese character" in found, found
