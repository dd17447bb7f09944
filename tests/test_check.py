"""`deckgen check` on decks made outside deckgen, each with one planted defect."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Inches, Pt

from deckgen.check import check_deck
from deckgen.cli import main

LOREM = (
    "Opening up the service sector brought new businesses and new ways to trade, "
    "from medicines sold online across borders to foreign-funded securities firms. "
)


def new_deck():
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    return prs


def titled_slide(prs, title="A slide that states its message"):
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # Title Only
    slide.shapes.title.text = title
    t = slide.shapes.title
    t.left, t.top, t.width, t.height = Inches(0.5), Inches(0.4), Inches(12), Inches(1.2)
    return slide


def text_box(slide, text, size=18, left=1, top=2, width=5, height=2, colour="1B2430"):
    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    run = frame.paragraphs[0].add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.name = "Calibri"
    run.font.color.rgb = RGBColor.from_string(colour)
    return box


def save(prs, path: Path) -> Path:
    prs.save(str(path))
    return path


def picture(tmp_path: Path) -> Path:
    image = tmp_path / "chart.png"
    Image.new("RGB", (40, 30), "#0B4F8A").save(image)
    return image


@pytest.fixture
def clean(tmp_path) -> Path:
    prs = new_deck()
    slide = titled_slide(prs)
    text_box(slide, "Nearly 98% of 251 tasks have commenced.")
    pic = slide.shapes.add_picture(str(picture(tmp_path)), Inches(7), Inches(2), Inches(4))
    pic._element.xpath("./p:nvPicPr/p:cNvPr")[0].set("descr", "Bar chart of five shares")
    titled_slide(prs, "A second message")
    return save(prs, tmp_path / "clean.pptx")


def rules(path: Path) -> set[str]:
    return {f.rule for f in check_deck(path) if f.severity == "error"}


def test_clean_deck_passes(clean, runner):
    assert rules(clean) == set()
    result = runner.invoke(main, ["check", str(clean)])
    assert result.exit_code == 0, result.output


def planted(tmp_path: Path, defect: str) -> Path:
    prs = new_deck()
    slide = titled_slide(prs, "" if defect == "empty-title" else "A slide with one defect")
    if defect == "overflow":
        text_box(slide, LOREM * 4, size=24, width=4, height=1.5)
    elif defect == "off-slide":
        text_box(slide, "Half of me is off the slide", left=11.5, width=4)
    elif defect == "file-name-alt":
        slide.shapes.add_picture(str(picture(tmp_path)), Inches(2), Inches(2), Inches(3))
    elif defect == "pale":
        text_box(slide, "Pale grey text nobody can read", colour="D9D9D9")
    elif defect == "tiny":
        text_box(slide, "Six point text", size=6)
    elif defect == "grows-off":
        box = text_box(slide, LOREM * 6, size=20, top=5, width=6, height=1)
        box.text_frame.auto_size = MSO_AUTO_SIZE.SHAPE_TO_FIT_TEXT
    return save(prs, tmp_path / f"{defect}.pptx")


@pytest.mark.parametrize(
    "defect, rule",
    [
        ("overflow", "text-overflow"),
        ("off-slide", "off-slide"),
        ("file-name-alt", "alt-text"),
        ("empty-title", "empty-title"),
        ("pale", "contrast"),
        ("tiny", "small-font"),
        ("grows-off", "text-overflow"),
    ],
)
def test_each_planted_defect_is_found_and_fails_the_check(tmp_path, runner, defect, rule):
    deck = planted(tmp_path, defect)
    assert rule in rules(deck)
    result = runner.invoke(main, ["check", str(deck)])
    assert result.exit_code == 1
    assert rule in result.output and "slide 1" in result.output


def test_slide_without_title_placeholder(tmp_path):
    prs = new_deck()
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # Blank
    text_box(slide, "No title here")
    assert "no-title" in rules(save(prs, tmp_path / "untitled.pptx"))


def test_duplicate_titles_warn_and_strict_fails(tmp_path, runner):
    prs = new_deck()
    titled_slide(prs, "Same")
    titled_slide(prs, "Same")
    deck = save(prs, tmp_path / "dup.pptx")
    assert runner.invoke(main, ["check", str(deck)]).exit_code == 0
    assert runner.invoke(main, ["check", "--strict", str(deck)]).exit_code == 1
    assert runner.invoke(main, ["check", "--fail-on", "warn", str(deck)]).exit_code == 1


def test_autofit_font_scale_is_honoured(tmp_path):
    prs = new_deck()
    slide = titled_slide(prs)
    box = text_box(slide, LOREM * 2, size=24, width=5, height=1.6)
    body = box.text_frame._txBody.bodyPr
    for child in list(body):
        body.remove(child)
    fit = body.makeelement(
        "{http://schemas.openxmlformats.org/drawingml/2006/main}normAutofit",
        {"fontScale": "40000", "lnSpcReduction": "20000"},
    )
    body.append(fit)
    assert "text-overflow" not in rules(save(prs, tmp_path / "autofit.pptx"))


def test_white_text_on_a_dark_card_is_not_low_contrast(tmp_path):
    prs = new_deck()
    slide = titled_slide(prs)
    card = slide.shapes.add_shape(1, Inches(1), Inches(2), Inches(5), Inches(3))
    card.fill.solid()
    card.fill.fore_color.rgb = RGBColor.from_string("0B4F8A")
    text_box(slide, "White on deep blue", colour="FFFFFF", left=1.2, top=2.2, width=4, height=1)
    assert "contrast" not in rules(save(prs, tmp_path / "card.pptx"))


def _rewrite(
    src: Path,
    dst: Path,
    drop: str | None = None,
    add: tuple[str, bytes] | None = None,
    edit: tuple[str, bytes, bytes] | None = None,
) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            if info.filename == drop:
                continue
            data = zin.read(info.filename)
            if edit and info.filename == edit[0]:
                data = data.replace(edit[1], edit[2])
            zout.writestr(info, data)
        if add:
            zout.writestr(add[0], add[1])
    return dst


def test_package_integrity(clean, tmp_path):
    missing = _rewrite(clean, tmp_path / "missing.pptx", drop="ppt/slides/slide2.xml")
    assert "package" in rules(missing)
    untyped = _rewrite(clean, tmp_path / "untyped.pptx", add=("ppt/media/extra.xyz", b"data"))
    assert any("no content type" in f.message for f in check_deck(untyped))
    broken = _rewrite(
        clean,
        tmp_path / "broken.pptx",
        edit=(
            "ppt/slides/_rels/slide1.xml.rels",
            b'Target="../media/image1.png"',
            b'Target="../media/nothing.png"',
        ),
    )
    assert any("points at missing" in f.message for f in check_deck(broken))
    assert rules(tmp_path / "missing.pptx") == {"package"}
    not_zip = tmp_path / "not.pptx"
    not_zip.write_bytes(b"plain text")
    assert "package" in rules(not_zip)


def test_json_output_parses(tmp_path, runner):
    deck = planted(tmp_path, "pale")
    result = runner.invoke(main, ["check", "--json", str(deck)])
    data = json.loads(result.stdout)
    assert result.exit_code == 1
    assert data[0]["rule"] == "contrast" and data[0]["slide"] == 1 and data[0]["fix"]


def test_deckgens_own_deck_is_clean(built, runner):
    result = runner.invoke(main, ["check", "--strict", str(built)])
    assert result.exit_code == 0, result.output


def test_usage_errors_exit_2(runner, tmp_path):
    assert runner.invoke(main, ["check"]).exit_code == 2
    assert runner.invoke(main, ["check", str(tmp_path / "missing.pptx")]).exit_code == 2


# -- cross-check against an independent implementation ------------------------------------
CORPUS = [  # (name, text repeats, size pt, width in, height in)
    ("fits_easily", 1, 18, 6, 3),
    ("fits_two_lines", 1, 14, 6, 1.2),
    ("fits_big_type", 1, 28, 8, 3.5),
    ("overflows_a_lot", 6, 24, 4, 1.5),
    ("overflows_twice", 2, 20, 4, 1.4),
    ("overflows_one_word_box", 3, 32, 3, 0.8),
]


def test_overflow_verdicts_agree_with_docx_integrity(tmp_path):
    from docx_integrity.pptx_checks import check_pptx

    prs = new_deck()
    for name, repeats, size, width, height in CORPUS:
        slide = titled_slide(prs, f"Case {name}")
        box = text_box(slide, LOREM * repeats, size=size, width=width, height=height)
        box.name = name
    deck = save(prs, tmp_path / "corpus.pptx")
    ours = {f.shape for f in check_deck(deck) if f.rule == "text-overflow"}
    theirs_findings = check_pptx(deck)
    assert not any("cannot measure" in str(f).lower() for f in theirs_findings)
    theirs = {
        name
        for name, *_ in CORPUS
        if any(f.code == "PPT001" and f.where.endswith(f"/{name}") for f in theirs_findings)
    }
    expected = {name for name, *_ in CORPUS if name.startswith("overflows")}
    assert ours == expected
    assert theirs == expected


def test_check_bytes_and_paths_agree(clean):
    assert check_deck(clean.read_bytes(), name=str(clean)) == check_deck(clean)
