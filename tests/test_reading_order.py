"""Screen readers read a slide as it looks; shapes that only decorate are marked so."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches

from deckgen.cli import main
from deckgen.deck.order import is_decorative, mark_decorative, reorder

ROOT = Path(__file__).resolve().parent.parent
BUILDS = {
    "default-en": [],
    "default-zh": ["--lang", "zh"],
    "executive-harbour": ["--layout", "executive", "--theme", "harbour"],
    "one-pager-print": ["--layout", "one-pager", "--theme", "print"],
    "park-visits": [str(ROOT / "examples" / "park-visits.yaml")],
    "china-trade": [str(ROOT / "examples" / "china-trade-2023.yaml")],
}


@pytest.fixture(scope="module", params=sorted(BUILDS))
def deck(request, tmp_path_factory) -> Path:
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp(request.param)
    args = BUILDS[request.param]
    facts = [a for a in args if a.endswith(".yaml")]
    rest = [a for a in args if not a.endswith(".yaml")]
    result = CliRunner().invoke(main, ["build", *facts, "--deck-only", "--out", str(out), *rest])
    assert result.exit_code == 0, result.output
    return next(out.glob("*.pptx"))


def test_every_shape_is_read_or_marked_decorative(deck):
    """No shape is left for a screen reader to announce as an unnamed shape: each has text,
    alt text, or the decorative mark; and nothing with text or alt text is marked."""
    for number, slide in enumerate(Presentation(str(deck)).slides, 1):
        for shape in slide.shapes:
            text = shape.has_text_frame and shape.text_frame.text.strip()
            alt = shape._element.xpath("./*[1]/p:cNvPr/@descr")
            where = (deck.name, number, shape.name)
            assert bool(text or alt) != is_decorative(shape._element), where


def test_the_title_is_read_first_and_the_footer_last(deck):
    for slide in Presentation(str(deck)).slides:
        shapes = [s for s in slide.shapes if not is_decorative(s._element)]
        assert shapes[0].is_placeholder and shapes[0] == slide.shapes.title
        names = [s.name for s in shapes]
        assert names[-1] == "Slide number" and names[-2] == "Footer source"


def _slide():
    prs = Presentation()
    return prs, prs.slides.add_slide(prs.slide_layouts[6])


def _text(slide, name, x, y, w=2.0, h=1.0, fill=None):
    box = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(h))
    box.name = name
    box.text_frame.text = name
    if fill:
        box.fill.solid()
        box.fill.fore_color.rgb = RGBColor.from_string(fill)
    return box


def _card(slide, name, x, y, w, h):
    card = slide.shapes.add_shape(1, Inches(x), Inches(y), Inches(w), Inches(h))
    card.name = name
    mark_decorative(card._element)
    return card


def test_cards_are_read_row_by_row_each_with_its_heading_first():
    """Drawn column by column, a 2 x 2 grid of cards beside a tall panel is read: panel,
    then the cards row by row, each card's badge, heading and detail together."""
    prs, slide = _slide()
    _card(slide, "panel", 0.2, 1.0, 2.5, 5.0)
    _text(slide, "figure", 0.4, 1.2, 2.0, 2.0)
    for col, x in ((1, 3.0), (2, 6.0)):
        for row, y in ((1, 1.0), (2, 3.6)):
            _card(slide, f"card {row}{col}", x, y, 2.8, 2.4)
            _text(slide, f"detail {row}{col}", x + 0.1, y + 0.9, 2.6, 1.2)
            _text(slide, f"heading {row}{col}", x + 0.1, y + 0.2, 2.6, 0.6)
            _text(slide, f"badge {row}{col}", x + 0.1, y - 0.15, 1.0, 0.3, fill="C0392B")
    reorder(slide.shapes._spTree)
    read = [s.name for s in slide.shapes if not is_decorative(s._element)]
    cards = [
        f"{part} {rc}" for rc in ("11", "12", "21", "22") for part in ("badge", "heading", "detail")
    ]
    assert read == ["figure", *cards]
    names = [s.name for s in slide.shapes]
    for rc in ("11", "12", "21", "22"):  # each card stays behind its own text
        assert names.index(f"card {rc}") < names.index(f"badge {rc}")


def test_a_caption_is_read_with_its_chart_or_picture(tmp_path):
    from PIL import Image

    Image.new("RGB", (30, 30), "white").save(tmp_path / "ring.png")
    prs, slide = _slide()
    for k, x in enumerate((0.5, 4.0)):
        _text(slide, f"caption {k}", x, 4.1, 3.0, 0.6)
    for k, x in enumerate((0.5, 4.0)):
        ring = slide.shapes.add_picture(
            str(tmp_path / "ring.png"), Inches(x), Inches(1.0), Inches(3.0), Inches(3.0)
        )
        ring.name = f"ring {k}"
    reorder(slide.shapes._spTree)
    read = [s.name for s in slide.shapes]
    assert read == ["ring 0", "caption 0", "ring 1", "caption 1"]


boxes = st.tuples(
    st.integers(0, 8), st.integers(0, 6), st.integers(1, 4), st.integers(1, 3), st.booleans()
)


@settings(max_examples=60, deadline=None)
@given(st.lists(boxes, min_size=2, max_size=9))
def test_reordering_never_hides_what_was_in_front(shapes):
    """An opaque shape drawn before another that it overlaps stays before it, so the slide
    looks the same in any reading order."""
    prs, slide = _slide()
    drawn = []
    for k, (x, y, w, h, opaque) in enumerate(shapes):
        box = slide.shapes.add_textbox(
            Emu(x * 914400), Emu(y * 914400), Emu(w * 914400), Emu(h * 914400)
        )
        box.name = f"s{k}"
        box.text_frame.text = f"s{k}"
        if opaque:
            box.fill.solid()
            box.fill.fore_color.rgb = RGBColor.from_string("DDDDDD")
        drawn.append((box.name, (x, y, x + w, y + h), opaque))
    reorder(slide.shapes._spTree)
    place = {s.name: k for k, s in enumerate(slide.shapes)}
    for i, (a, (ax0, ay0, ax1, ay1), opaque) in enumerate(drawn):
        for b, (bx0, by0, bx1, by1), _ in drawn[i + 1 :]:
            overlap = ax0 < bx1 and bx0 < ax1 and ay0 < by1 and by0 < ay1
            if opaque and overlap:
                assert place[a] < place[b], (a, b)
