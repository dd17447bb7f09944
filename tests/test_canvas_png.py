"""The graphics' own PNG encoder, and text drawn with FreeType onto the shapes matplotlib
draws: what a reader of the file gets back, and where the ink falls."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from deckgen.infographics import png
from deckgen.infographics.canvas import Canvas, T
from deckgen.infographics.spec import Graphic
from deckgen.theme import load_theme


def _pixels(mode: str, size=(37, 23)) -> Image.Image:
    rng = np.random.default_rng(7)
    channels = len(mode)
    return Image.fromarray(rng.integers(0, 256, (size[1], size[0], channels), np.uint8), mode)


@pytest.mark.parametrize("mode", ["RGB", "RGBA"])
def test_png_round_trips_pixels_resolution_and_texts(mode):
    image = _pixels(mode)
    texts = {"Title": "Exports rose", "Description": "出口增长 5%", "Software": "deckgen"}
    data = png.encode(image, 300, texts)
    with Image.open(io.BytesIO(data)) as back:
        back.load()
        assert back.mode == mode and back.size == image.size
        assert np.array_equal(np.asarray(back), np.asarray(image))
        assert back.info["dpi"] == pytest.approx((300, 300), abs=0.01)
        assert back.text == texts  # the Chinese one as UTF-8 iTXt
    assert png.encode(image, 300, texts) == data  # the same bytes again


def _canvas(transparent_text: str = "") -> Canvas:
    graphic = Graphic("kpi", "t.png", "t", "", "alt", "s", "o", 4.0, 1.0, 100)
    return Canvas(graphic, load_theme())


def _ink_columns(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as im:
        pixels = np.asarray(im.convert("L")).astype(int)
    columns = np.where((pixels < 128).any(axis=0))[0]
    return int(columns.min()), int(columns.max())


@pytest.mark.parametrize("align", ["left", "center", "right"])
def test_text_is_drawn_where_it_is_aligned(align):
    canvas = _canvas()
    canvas.rect(0, 0, 4, 1, "#FFFFFF")
    canvas.text(0.5, 0.2, 3.0, [T("Beijing 北京 2023", 22, 22, "#000000")], align=align)
    first, last = _ink_columns(canvas.png())
    middle = (first + last) / 2
    if align == "left":
        assert 50 <= first <= 56  # 0.5 in at 100 dpi, the first glyph's side bearing
    elif align == "right":
        assert 344 <= last <= 350  # 3.5 in
    else:
        assert abs(middle - 200) <= 3  # 2.0 in: both faces' runs centred together


def test_transparent_pngs_keep_the_text_colour_at_its_edges():
    canvas = _canvas()
    canvas.text(0.2, 0.2, 3.5, [T("Exports 出口", 40, 40, "#0B4F8A")])
    with Image.open(io.BytesIO(canvas.png(transparent=True))) as im:
        rgba = np.asarray(im).astype(int)
    assert im.mode == "RGBA" and rgba[0, 0, 3] == 0
    edge = (rgba[..., 3] > 20) & (rgba[..., 3] < 235)  # anti-aliased edge pixels
    assert edge.any()
    # unpremultiplied: an edge is the text's colour, faint, never a paler mix with white
    assert np.abs(rgba[edge][:, :3] - [0x0B, 0x4F, 0x8A]).max() <= 2


@pytest.mark.parametrize(
    ("facts", "lang"), [("china-trade-2023.yaml", "zh"), ("beijing-2024-economy.yaml", "en")]
)
def test_kpi_cards_keep_their_text_beside_the_accent_bar(facts, lang):
    """A label that wraps, or sources on two lines, shrink the card's text: its last line
    (the period) ends with the accent bar beside it, clear of the rule over the sources
    (2023年 and 2024 hung below the bar, just over the rule, before)."""
    from pathlib import Path

    from matplotlib.patches import Rectangle

    from deckgen.build import BuildOptions, _graphics_plan, load_inputs
    from deckgen.infographics import kpi_card

    root = Path(__file__).resolve().parent.parent
    options = BuildOptions(lang=lang)
    inputs = load_inputs(root / "examples" / facts, options)
    cards = [g for g in _graphics_plan(inputs, options) if g.kind == "kpi-card"]
    assert len(cards) >= 4
    for graphic in cards:
        canvas = Canvas(graphic, inputs.theme)
        kpi_card.draw(canvas)
        rects = [s for s in canvas.shapes if isinstance(s, Rectangle)]
        (bar,) = [r for r in rects if abs(r.get_width() - 0.12) < 1e-9]
        (rule,) = [r for r in rects if r.get_height() < 0.02]
        bar_end = bar.get_y() + bar.get_height()
        above = [line for line in canvas.lines if line.baseline < rule.get_y()]
        lowest = max(line.baseline + 0.2 * line.size / 72 for line in above)  # with descent
        assert lowest <= bar_end + 0.02, (graphic.file, lowest, bar_end)
