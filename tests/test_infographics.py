"""PNG infographics: a full set, listed in a manifest, print-ready, described and sourced."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from deckgen.build import BuildOptions, build_graphics, load_inputs
from deckgen.cli import main
from deckgen.infographics.plan import plan_graphics

BASELINE = Path(__file__).parent / "baseline"


@pytest.fixture(scope="module")
def graphics(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("graphics")
    from click.testing import CliRunner

    result = CliRunner().invoke(main, ["infographics", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / "infographics"


@pytest.fixture(scope="module")
def manifest(graphics) -> list[dict]:
    return json.loads((graphics / "manifest.json").read_text(encoding="utf-8"))


def test_manifest_lists_every_png_with_alt_text_and_source(graphics, manifest):
    files = sorted(p.name for p in graphics.glob("*.png"))
    assert len(files) >= 8
    assert sorted(e["file"] for e in manifest) == files
    for entry in manifest:
        assert len(entry["alt"]) >= 20 and not entry["alt"].endswith(".png")
        assert entry["source"].startswith("Source: ")
        with Image.open(graphics / entry["file"]) as im:
            assert im.size == (entry["width"], entry["height"])
            assert round(im.info["dpi"][0]) == entry["dpi"]


def test_the_set_has_every_kind(manifest):
    kinds = {e["kind"] for e in manifest}
    assert kinds == {
        "kpi-card",
        "ring",
        "waffle",
        "doughnut",
        "pillar-card",
        "timeline",
        "firsts",
        "poster",
        "summary",
        "square",
    }
    assert sum(e["kind"] == "kpi-card" for e in manifest) == 4
    assert sum(e["kind"] == "pillar-card" for e in manifest) == 4


def test_sizes_for_print_and_screen(manifest):
    by_file = {e["file"]: e for e in manifest}
    for entry in manifest:
        assert max(entry["width"], entry["height"]) >= 1600
    poster = by_file["poster-a4.png"]
    assert (poster["width"], poster["height"], poster["dpi"]) == (2481, 3507, 300)
    assert (by_file["summary-16x9.png"]["width"], by_file["summary-16x9.png"]["height"]) == (
        3840,
        2160,
    )
    assert (by_file["summary-square.png"]["width"], by_file["summary-square.png"]["height"]) == (
        2160,
        2160,
    )


def test_png_text_chunks(graphics, manifest):
    for entry in manifest:
        with Image.open(graphics / entry["file"]) as im:
            assert im.text["Title"] == entry["title"]
            assert im.text["Description"] == entry["alt"]
            assert im.text["Source"] == entry["source"]
            assert im.text["Software"].startswith("deckgen ")
            assert not any("time" in key.lower() for key in im.text)


def test_not_blank_and_nothing_touches_the_edges(graphics, manifest):
    for entry in manifest:
        with Image.open(graphics / entry["file"]) as im:
            rgb = im.convert("RGB")
            assert max(ImageStat.Stat(rgb).stddev) > 20, entry["file"]
            w, h = rgb.size
            band = int(min(w, h) * 0.02)
            for box in ((0, 0, w, band), (0, h - band, w, h), (0, 0, band, h), (w - band, 0, w, h)):
                extrema = rgb.crop(box).getextrema()
                assert all(lo == 255 and hi == 255 for lo, hi in extrema), (entry["file"], box)


def test_waffle_fills_nine_of_one_hundred_cells(graphics):
    with Image.open(graphics / "waffle-fdi_national_share.png") as im:
        rgb = im.convert("RGB")
        w, h = rgb.size
        grid = rgb.crop((0, int(h * 0.25), int(w * 0.6), int(h * 0.88)))
        colours = dict((c, n) for n, c in grid.getcolors(1 << 20))
    filled = colours.get((0x0B, 0x4F, 0x8A), 0)
    empty = colours.get((0xD3, 0xDC, 0xE6), 0)
    assert filled and empty
    assert filled / (filled + empty) == pytest.approx(0.09, abs=0.006)


def test_ring_and_doughnut_data(tmp_path):
    inputs = load_inputs(None, BuildOptions())
    plan = plan_graphics(inputs.context(), inputs.layout.layout)
    ring = next(g for g in plan if g.kind == "ring")
    assert ring.data["figure"]["value"] == 98 and ring.data["rest"] == 2
    assert ring.data["figure"]["qualifier"] == "nearly"
    doughnut = next(g for g in plan if g.kind == "doughnut")
    assert doughnut.data["rest"] == 3.5 and "derived" in doughnut.data["rest_label"]
    waffle = next(g for g in plan if g.kind == "waffle")
    assert waffle.data["cells"] == 9 and "9 filled" in waffle.alt


def test_two_builds_give_identical_pngs(graphics, tmp_path):
    again = build_graphics(None, tmp_path, BuildOptions())
    for path in again.graphics:
        assert path.read_bytes() == (graphics / path.name).read_bytes(), path.name


def test_transparent_option(tmp_path, runner):
    result = runner.invoke(
        main,
        ["infographics", "--out", str(tmp_path), "--transparent", "--dpi", "100", "--scale", "0.5"],
    )
    assert result.exit_code == 0, result.output
    with Image.open(tmp_path / "infographics" / "kpi-fdi_paid_in.png") as im:
        assert im.mode == "RGBA" and im.getpixel((1, 1))[3] == 0


def test_images_match_reviewed_baselines(tmp_path):
    """Compare small renders with a tolerance; DECKGEN_REGOLD=1 rewrites the baselines."""
    from matplotlib.testing.compare import compare_images

    result = build_graphics(None, tmp_path, BuildOptions(dpi=50, scale=0.35))
    pngs = [p for p in result.graphics if p.suffix == ".png"]
    if os.environ.get("DECKGEN_REGOLD"):
        BASELINE.mkdir(exist_ok=True)
        for p in pngs:
            shutil.copy(p, BASELINE / p.name)
    for p in pngs:
        assert compare_images(str(BASELINE / p.name), str(p), tol=6) is None, p.name


def test_deck_only_build_never_imports_matplotlib(tmp_path):
    code = (
        "import sys; from pathlib import Path; from deckgen.build import build, BuildOptions; "
        f"build(None, Path({str(tmp_path)!r}), BuildOptions(), deck_only=True); "
        "print('matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    assert not (tmp_path / "infographics").exists()


def test_full_build_writes_deck_and_graphics(tmp_path, runner):
    result = runner.invoke(main, ["build", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "two-zones-briefing.pptx").exists()
    assert len(list((tmp_path / "infographics").glob("*.png"))) >= 8
    assert not list(tmp_path.rglob(".*.tmp"))


def test_graphic_slide_shows_a_png_with_its_alt_text(tmp_path, runner):
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    from deckgen.assets import LAYOUTS

    layout = tmp_path / "with-poster.yaml"
    text = (LAYOUTS / "briefing.yaml").read_text(encoding="utf-8")
    layout.write_text(
        text.replace(
            "  - kind: sources\n", "  - kind: graphic\n    graphic: poster\n  - kind: sources\n"
        )
    )
    result = runner.invoke(
        main, ["build", "--layout", str(layout), "--out", str(tmp_path), "--deck-only"]
    )
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "infographics" / "manifest.json").read_text())
    poster_alt = next(e["alt"] for e in manifest if e["kind"] == "poster")
    prs = Presentation(str(tmp_path / "two-zones-briefing.pptx"))
    pictures = [
        s for slide in prs.slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE
    ]
    assert len(pictures) == 1
    assert pictures[0]._element.xpath("./p:nvPicPr/p:cNvPr")[0].get("descr") == poster_alt


def _figure(number: str, label: str, sign: int = 0) -> dict:
    return {
        "qualifier": "",
        "prefix": "",
        "number": number,
        "scale": "万亿元",
        "change": ("↓ 同比-0.3%" if sign < 0 else "↑ 同比+0.2%"),
        "change_sign": sign,
        "label": label,
        "base": "",
        "period": "2023年",
    }


def test_a_pillar_panel_shrinks_its_figures_before_it_leaves_one_out():
    """Three figures in a panel that holds them only at smaller sizes are all shown (the
    fall among them too); a panel that cannot hold them at any size shows fewer, never
    draws past its edge."""
    from deckgen.infographics.common import hero_height
    from deckgen.infographics.pillar_card import SIZES, _sizes

    data = {
        "figure": _figure("41.76", "2023年我国货物贸易进出口总值"),
        "figures": [_figure("23.77", "2023年出口"), _figure("17.99", "2023年进口", -1)],
    }
    width = 2.6

    def used(main, extra, label, figures):
        heights = [hero_height(data["figure"], width, main, label)]
        heights += [hero_height(f, width, extra, label - 2) for f in figures]
        return sum(heights) + 0.15 * len(figures)

    largest = used(*SIZES[0], data["figures"])
    room = used(*SIZES[-1], data["figures"]) + 0.01
    assert room < largest  # the largest sizes would run past the panel
    main, extra, label, figures = _sizes(data, width, room)
    assert figures == data["figures"] and (main, extra, label) != SIZES[0]
    assert used(main, extra, label, figures) <= room
    main, extra, label, figures = _sizes(data, width, room * 0.6)
    assert len(figures) < 2 and used(main, extra, label, figures) <= room * 0.6
