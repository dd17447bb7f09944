"""Every common Chinese character is measured and drawn: the bundled subset covers the 8,105
characters of the Table of General Standard Chinese Characters, installed CJK fonts
(fontconfig) draw the rest, and only what no font draws is refused, only where it is drawn."""

from __future__ import annotations

import importlib.util
import io
import shutil
from pathlib import Path

import pytest
import yaml
from fontTools.ttLib import TTCollection, TTFont
from PIL import Image, ImageChops
from pptx import Presentation

from deckgen import textfit
from deckgen.assets import DEFAULT_FACTS, FONTS
from deckgen.cli import main
from deckgen.textfit import FallbackMetrics, installed_face, metrics, undrawable

from .clear import one_error_line

ROOT = Path(__file__).resolve().parent.parent
TGH = FONTS / "tgh-8105.txt"
NOTO = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
# Characters of names the old subset (GB2312 level 1) lacked, all in the 8,105.
NAMES = "婧憩翀喆堃"
# Traditional and rare characters outside the 8,105 that full CJK fonts have.
BEYOND = "們說龜鬱㗊䶮"
NO_GLYPH = "\U0010fffd"  # a private-use code point no font draws


def tgh_list() -> list[str]:
    lines = TGH.read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[1] for line in lines if not line.startswith("#")]


def bundled_cmap(weight: str) -> dict[int, str]:
    with TTFont(str(FONTS / f"NotoSansSC-{weight}.otf"), lazy=True) as font:
        return font.getBestCmap()


@pytest.fixture
def fresh_lookups():
    """Forget which installed fonts were found, before and after the test."""
    installed_face.cache_clear()
    yield
    installed_face.cache_clear()


def fresh_metrics(bold: bool = False) -> FallbackMetrics:
    """Return Calibri's metrics with nothing remembered about characters."""
    shared = metrics("Calibri", bold)
    return FallbackMetrics(shared.primary, shared.fallback, bold)


def beyond_subset() -> tuple[str, textfit.FontMetrics]:
    """Return a character the bundled faces lack and the installed face found for it."""
    if shutil.which("fc-list") is None or shutil.which("fc-match") is None:
        pytest.skip("fontconfig is not installed")
    cmap = bundled_cmap("Regular")
    for char in BEYOND:
        assert ord(char) not in cmap
        face = installed_face(char)
        if face is not None:
            return char, face
    pytest.skip("no installed Chinese font has characters beyond the bundled subset")


# -- the stored list and the bundled subset ---------------------------------------------------


def test_the_stored_list_holds_the_8105_characters_in_table_order():
    lines = TGH.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# The 8105 characters of the Table of General Standard")
    assert any("kTGH" in line for line in lines if line.startswith("#"))
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    assert [int(number) for number, _ in rows] == list(range(1, 8106))
    chars = [char for _, char in rows]
    assert len(set(chars)) == 8105 and all(len(c) == 1 for c in chars)
    assert chars[0] == "一" and set(NAMES) <= set(chars)
    assert sum(ord(c) > 0xFFFF for c in chars) == 196  # beyond the BMP: cmap format 12


@pytest.mark.parametrize("weight", ["Regular", "Bold"])
def test_bundled_faces_cover_every_listed_character(weight):
    cmap = bundled_cmap(weight)
    missing = [c for c in tgh_list() if ord(c) not in cmap]
    assert not missing, "".join(missing[:20])
    assert all(ord(c) in cmap for c in "，。、：；（）“”《》")


def test_common_names_are_measured_with_the_bundled_face_without_asking_fontconfig(
    monkeypatch, fresh_lookups
):
    def no_subprocess(*command):
        raise AssertionError(f"fontconfig asked on the common path: {command}")

    monkeypatch.setattr(textfit, "_fontconfig", no_subprocess)
    for bold in (False, True):
        face = fresh_metrics(bold)
        text = "李婧、王翀、陈堃和张喆在憩园 Beijing 2023"
        assert face.installed(text) == []
        assert all(face.has(c) for c in text if not c.isspace())
        assert face.ems("婧") == face.fallback.ems("婧") > 0.9
    assert undrawable("李婧、王翀、陈堃") == []


def test_the_subset_is_deterministic():
    if not NOTO.exists():
        pytest.skip("Noto Sans CJK (fonts-noto-cjk) is not installed")
    spec = importlib.util.spec_from_file_location("subset_cjk", ROOT / "tools" / "subset_cjk.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    first = tool.subset_face(str(NOTO), "一婧A")
    assert tool.subset_face(str(NOTO), "一婧A") == first
    source = TTCollection(str(NOTO))
    with TTFont(io.BytesIO(first)) as made:
        assert made["head"].modified == source.fonts[2]["head"].modified
        assert {ord(c) for c in "一婧A"} <= set(made.getBestCmap())
    source.close()
    assert "".join(tool.tgh_characters()) == "".join(tgh_list())


# -- installed fonts beyond the subset ---------------------------------------------------------


def test_a_character_beyond_the_subset_is_measured_with_an_installed_font(fresh_lookups):
    char, face = beyond_subset()
    assert face.has(char)
    assert FONTS not in face.path.parents
    listed = textfit._fontconfig(
        "fc-list", "--format", "%{file}\t%{index}\n", f":charset={ord(char):x}"
    )
    assert f"{face.path}\t{face.index}" in listed
    for bold in (False, True):
        measured = fresh_metrics(bold)
        found = installed_face(char, bold)
        assert measured.has(char) and measured.installed(f"{char}a北") == [found]
        assert measured.ems(char) == found.ems(char)
        assert measured.line_em(char) == found.line_height_em
    assert undrawable(f"張{char}") == [] or undrawable(f"張{char}") == ["張"]
    installed_face.cache_clear()
    again = installed_face(char)
    assert (again.path, again.index) == (face.path, face.index)  # same machine, same face


def test_without_fontconfig_there_is_no_fallback(monkeypatch, fresh_lookups):
    monkeypatch.setattr(shutil, "which", lambda name, *args, **kwargs: None)
    face = fresh_metrics()
    assert not face.has("們") and face.installed("們") == []
    assert face.ems("們") == 1.0  # a full em, never narrower
    assert face.has("婧")  # the bundled subset still draws the common ones


def test_emoji_are_never_drawn_by_an_installed_font(fresh_lookups):
    assert undrawable("Innovation 😀 婧") == ["😀"]


# -- drawing in PNGs ----------------------------------------------------------------------------


def drawn(text: str) -> tuple[Image.Image, list[str]]:
    """Draw ``text`` on a small canvas; return the image and the characters the face chosen
    to draw them lacks (drawn as a missing-glyph box)."""
    from deckgen.infographics.canvas import Canvas, T, runs_by_face
    from deckgen.infographics.spec import Graphic
    from deckgen.theme import load_theme

    graphic = Graphic("kpi", "t.png", "t", "", "alt", "s", "o", 1.2, 0.8, 100)
    canvas = Canvas(graphic, load_theme())
    canvas.text(0.1, 0.1, 1.0, [T(text, 30, 30, "#000000")])
    image = Image.open(io.BytesIO(canvas.png())).convert("RGB")
    lacking = [c for run, face in runs_by_face(text) for c in run if not face.has(c)]
    return image, lacking


def test_pngs_draw_the_names_the_old_subset_lacked():
    tofu, lacking = drawn(NO_GLYPH)
    assert lacking  # the check below can see a missing glyph
    for char in NAMES:
        image, lacking = drawn(char)
        assert not lacking, lacking
        assert ImageChops.difference(image, tofu).getbbox() is not None


def test_pngs_draw_characters_beyond_the_subset_with_the_installed_font(fresh_lookups):
    from deckgen.infographics.canvas import faces, runs_by_face

    char, face = beyond_subset()
    assert face in faces(f"北{char}")
    assert runs_by_face(f"北{char}")[-1] == (char, face)
    bundled = metrics("Carlito")
    assert faces("北京") == [bundled.primary, bundled.fallback]
    assert faces("Beijing") == [bundled.primary]  # one face: its file
    assert runs_by_face("Beijing 北京") == [
        ("Beijing ", bundled.primary),
        ("北京", bundled.fallback),
    ]
    image, lacking = drawn(char)
    assert not lacking, lacking
    assert ImageChops.difference(image, drawn(NO_GLYPH)[0]).getbbox() is not None


def test_pngs_draw_with_the_bundled_files_not_installed_namesakes():
    from deckgen.infographics.canvas import faces

    for bold in (False, True):
        assert [Path(f.path).parent for f in faces("北京 Beijing", bold)] == [FONTS, FONTS]


# -- what is refused, and where ----------------------------------------------------------------


def write_facts(tmp_path: Path, change) -> Path:
    doc = yaml.safe_load(DEFAULT_FACTS.read_text(encoding="utf-8"))
    change(doc)
    path = tmp_path / "facts.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build(runner, facts: Path, out: Path, *extra: str):
    return runner.invoke(main, ["build", str(facts), "--out", str(out), *extra])


def notes_of(deck: Path) -> str:
    slides = Presentation(str(deck)).slides
    return "\n".join(s.notes_slide.notes_text_frame.text for s in slides if s.has_notes_slide)


def test_speaker_notes_may_hold_what_no_font_draws(runner, tmp_path):
    def change(doc):
        doc["stories"][1]["notes"]["en"] += " 😀"
        doc["stories"][1]["notes"]["zh"] += "😀"
        doc["stories"][1]["question"]["zh"] += "🙂"
        doc["pillars"][0]["notes"]["zh"] += "🎉"
        doc["metrics"][0]["cite"]["speaker"] = {"en": "Li Jing 🎤", "zh": "李婧🎤"}

    facts = write_facts(tmp_path, change)
    for lang in ("en", "zh"):
        result = build(runner, facts, tmp_path / lang, "--deck-only", "--lang", lang)
        assert result.exit_code == 0, result.output
        said = notes_of(next((tmp_path / lang).glob("*.pptx")))
        assert "😀" in said and "🎤" in said
        if lang == "zh":
            assert "🙂" in said and "🎉" in said


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_drawn_title_with_an_emoji_is_refused(runner, tmp_path, lang):
    def change(doc):
        doc["stories"][1]["title"][lang] += " 😀"

    facts = write_facts(tmp_path, change)
    message = one_error_line(build(runner, facts, tmp_path / "out", "--deck-only"))
    first = message.splitlines()[0]
    assert f"{facts}:" in first and f"stories[headline].title.{lang}:" in first
    assert "'😀' (U+1F600)" in first and "remove these characters" in first


def test_real_names_build_in_chinese_and_are_drawn(runner, tmp_path):
    def change(doc):
        doc["meta"]["presenter"] = {"en": "Li Jing, Wang Chong, Chen Kun", "zh": "李婧、王翀、陈堃"}
        doc["meta"]["organisation"]["zh"] = "陈堃团队"

    facts = write_facts(tmp_path, change)
    result = build(runner, facts, tmp_path / "out", "--lang", "zh")
    assert result.exit_code == 0, result.output
    deck = next((tmp_path / "out").glob("*.pptx"))
    shown = [
        shape.text_frame.text
        for slide in Presentation(str(deck)).slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]
    assert any("李婧、王翀、陈堃" in text for text in shown)
    assert list((tmp_path / "out" / "infographics").glob("*.png"))  # footers: 陈堃团队
    # The graphics draw that footer with these files, and 堃 is in one of them (not tofu).
    from deckgen.infographics.canvas import runs_by_face

    for run, face in runs_by_face("陈堃团队"):
        with TTFont(face.path, lazy=True, fontNumber=face.index) as font:
            cmap = font.getBestCmap()
        assert all(ord(c) in cmap for c in run)
