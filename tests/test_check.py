"""`deckgen check` on decks made outside deckgen, each with one planted defect."""

from __future__ import annotations

import json
import os
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
        ("empty-title", "slide-title"),
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
    assert "slide-title" in rules(save(prs, tmp_path / "untitled.pptx"))


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
    findings = check_deck(save(prs, tmp_path / "card.pptx"), schema=False)
    assert "contrast" not in {f.rule for f in findings}


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
    result = runner.invoke(main, ["check", "--json", "--strict", str(deck)])  # a warning
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


# -- the overflow threshold, measured without deckgen's constants -------------------------
# DrawingML single spacing as renderers draw it: LibreOffice and PowerPoint put baselines
# 1.2 x the font size apart for Latin faces (measured: see test_line_pitch_is_never_below_
# what_libreoffice_draws). A CJK line takes the CJK face's own line (ascent + descent +
# gap, read here from the font file with fontTools).
RENDERED_PITCH = 1.2
INSET_PT = 3.6 * 2  # python-pptx text boxes: 0.05 in top and bottom


def face_line_em(file_name: str) -> float:
    from fontTools.ttLib import TTFont

    from deckgen.assets import FONTS

    font = TTFont(str(FONTS / file_name))
    hhea = font["hhea"]
    return (hhea.ascent - hhea.descent + hhea.lineGap) / font["head"].unitsPerEm


def lines_box(slide, name, text, lines, size, font, room_pt):
    box = slide.shapes.add_textbox(Inches(1), Inches(1.6), Inches(8), Pt(room_pt + INSET_PT))
    box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for n in range(lines):
        para = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        run = para.add_run()
        run.text = f"{text} {n + 1}"
        run.font.size = Pt(size)
        run.font.name = font
    return box


@pytest.mark.parametrize(
    "font, text, em",
    [
        ("Arial", "Line", lambda: max(RENDERED_PITCH, face_line_em("LiberationSans-Regular.ttf"))),
        ("Calibri", "Line", lambda: max(RENDERED_PITCH, face_line_em("Carlito-Regular.ttf"))),
        ("Calibri", "北京两区建设", lambda: face_line_em("NotoSansSC-Regular.otf")),
    ],
)
def test_overflow_threshold_just_inside_and_just_outside(tmp_path, font, text, em):
    lines, size = 8, 20
    needed = lines * size * em()
    prs = new_deck()
    inside = titled_slide(prs, "Just inside")
    lines_box(inside, "inside", text, lines, size, font, needed + 0.5)
    outside = titled_slide(prs, "Just outside")
    lines_box(outside, "outside", text, lines, size, font, needed - 2.5)
    deck = save(prs, tmp_path / "threshold.pptx")
    flagged = {f.shape for f in check_deck(deck) if f.rule == "text-overflow"}
    assert flagged == {"outside"}


def test_eight_lines_of_chinese_need_more_than_208_pt(tmp_path):
    # The planner lays 20 pt Chinese out at the CJK face's own line (8 lines: about 232 pt);
    # the checker must not pass what the planner would refuse.
    prs = new_deck()
    lines_box(titled_slide(prs), "chinese", "北京两区建设三年", 8, 20, "Calibri", 208)
    deck = save(prs, tmp_path / "cjk.pptx")
    assert [f.shape for f in check_deck(deck) if f.rule == "text-overflow"] == ["chinese"]


def test_planner_and_checker_share_one_line_model(tmp_path):
    from deckgen.textfit import ParaSpec, RunSpec, measure

    for text in ("Line", "北京两区建设"):
        paras = [ParaSpec((RunSpec(f"{text} {n}", 20, 20),)) for n in range(8)]
        planned, _, _ = measure(paras, [[20]] * 8, 500)
        prs = new_deck()
        lines_box(titled_slide(prs), "tight", text, 8, 20, "Calibri", planned - 1.5)
        lines_box(titled_slide(prs, "Second"), "roomy", text, 8, 20, "Calibri", planned)
        deck = save(prs, tmp_path / "model.pptx")
        assert {f.shape for f in check_deck(deck) if f.rule == "text-overflow"} == {"tight"}


@pytest.mark.parametrize("margin, overflows", [(2.0, False), (-3.0, True)])
def test_unwrapped_line_width_threshold(tmp_path, margin, overflows):
    from PIL import ImageFont

    from deckgen.assets import FONTS

    text = "Paid-in foreign investment reached US$55.14 billion"
    face = ImageFont.truetype(str(FONTS / "LiberationSans-Regular.ttf"), 1000)
    width_pt = face.getlength(text) * 24 / 1000  # Pillow's FreeType, not deckgen's tables
    prs = new_deck()
    slide = titled_slide(prs)
    box = slide.shapes.add_textbox(Inches(1), Inches(2), Pt(width_pt + 14.4 + margin), Inches(1))
    box.name = "line"
    frame = box.text_frame
    frame.word_wrap = False
    run = frame.paragraphs[0].add_run()
    run.text = text
    run.font.size = Pt(24)
    run.font.name = "Arial"
    deck = save(prs, tmp_path / "width.pptx")
    found = {f.shape for f in check_deck(deck) if f.rule == "text-overflow"}
    assert (found == {"line"}) is overflows


needs_soffice = pytest.mark.skipif(
    not __import__("shutil").which("soffice"), reason="needs LibreOffice"
)


def libreoffice_words(prs, tmp_path: Path) -> list[tuple[float, float, float, str]]:
    """Render ``prs`` with LibreOffice and return (xMin, xMax, yMax, text) of every word."""
    import re
    import subprocess

    deck = save(prs, tmp_path / "drawn.pptx")
    profile = (tmp_path / "profile").as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to"]
    command += ["pdf", "--outdir", str(tmp_path), str(deck)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(tmp_path / "drawn.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pattern = r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)<'
    words = [(float(a), float(b), float(c), w) for a, b, c, w in re.findall(pattern, bbox)]
    assert words, bbox
    return words


@needs_soffice
def test_line_pitch_is_never_below_what_libreoffice_draws(tmp_path):
    """Render eight lines per face with LibreOffice and read the baselines back from the PDF:
    the line height deckgen measures with (planner and checker alike) is never smaller."""
    from deckgen.textfit import metrics

    cases = [("Arial", "Arial"), ("Calibri", "Calibri"), ("Calibri", "北京两区")]
    prs = new_deck()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    for index, (font, text) in enumerate(cases):
        box = slide.shapes.add_textbox(Inches(0.5 + 4.2 * index), Inches(0.5), Inches(4), Inches(6))
        for n in range(8):
            para = box.text_frame.paragraphs[0] if n == 0 else box.text_frame.add_paragraph()
            run = para.add_run()
            run.text = f"{text}{n}"
            run.font.size = Pt(20)
            run.font.name = font
    words = libreoffice_words(prs, tmp_path)
    for font, text in cases:
        bottoms = sorted(y for _, _, y, word in words if word.startswith(text))
        assert len(bottoms) == 8, (font, text, bottoms)
        drawn = (bottoms[-1] - bottoms[0]) / 7
        modelled = metrics(font).line_em(f"{text}0") * 20
        assert modelled >= drawn - 0.05, (font, text, modelled, drawn)


@needs_soffice
def test_chinese_mixed_with_figures_is_never_wider_than_measured(tmp_path):
    """Renderers put a gap between Chinese and Latin letters or digits; the measured width
    of a mixed line (planner and checker alike) covers what LibreOffice draws."""
    from deckgen.textfit import metrics, wrap

    texts = ["实际使用外资551.4亿美元", "近98%已启动实施", "2023年8月21日发布"]
    prs = new_deck()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    for index, text in enumerate(texts):
        box = slide.shapes.add_textbox(
            Inches(0.5), Inches(0.5 + 1.5 * index), Inches(12), Inches(1)
        )
        box.text_frame.word_wrap = False
        run = box.text_frame.paragraphs[0].add_run()
        run.text = text
        run.font.size = Pt(24)
        run.font.name = "Calibri"
    words = libreoffice_words(prs, tmp_path)
    for index, text in enumerate(texts):
        top = (0.5 + 1.5 * index) * 72
        line = [w for w in words if top < w[2] < top + 72]
        drawn = max(w[1] for w in line) - min(w[0] for w in line)
        modelled = wrap([(text, metrics("Calibri"), 24)], 10_000)[0][1]
        plain = metrics("Calibri").width_pt(text, 24)  # glyphs alone, no gaps
        assert drawn <= modelled + 0.5, (text, drawn, modelled)
        assert modelled <= drawn * 1.1, (text, drawn, modelled)
        assert plain < drawn - 5  # the gaps are real: glyph widths alone fall short


# -- theme colours, as PowerPoint resolves them ----------------------------------------------
@pytest.mark.parametrize(
    "fill, expected",
    [
        ('<a:srgbClr val="d9d9d9"/>', "D9D9D9"),
        ("<a:srgbClr/>", "000000"),
        ('<a:schemeClr val="tx1"/>', "000000"),  # the default master maps tx1 to dk1
        ('<a:schemeClr val="bg1"/>', "FFFFFF"),
        ('<a:schemeClr val="tx2"/>', "1F497D"),
        ('<a:schemeClr val="accent1"/>', "4F81BD"),
        ("<a:schemeClr/>", "000000"),  # no name: the text colour
        ('<a:schemeClr val="nowhere"/>', "000000"),
        ('<a:sysClr val="window" lastClr="ffffff"/>', "FFFFFF"),
        ('<a:sysClr val="windowText"/>', "000000"),
        ('<a:prstClr val="white"/>', "FFFFFF"),
        ('<a:prstClr val="black"/>', "000000"),
        ('<a:prstClr val="red"/>', "000000"),
        ('<a:extLst/><a:srgbClr val="0B4F8A"/>', "0B4F8A"),  # what is not a colour is skipped
        # Office's own tints and shades of 4472C4 ("darker 25%", "lighter 40%")
        ('<a:srgbClr val="4472C4"><a:lumMod val="75000"/></a:srgbClr>', "2F5597"),
        ('<a:srgbClr val="4472C4"><a:lumMod val="60000"/><a:lumOff val="40000"/></a:srgbClr>',
         "8FAADC"),
        ('<a:srgbClr val="000000"><a:lumOff val="50000"/></a:srgbClr>', "808080"),
        ('<a:schemeClr val="bg1"><a:lumMod val="85000"/></a:schemeClr>', "D9D9D9"),
    ],
)  # fmt: skip
def test_theme_colours_resolve_as_office_does(fill, expected):
    from lxml import etree

    from deckgen.checktext import Theme

    theme = Theme(Presentation().slide_master)
    ns = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    element = etree.fromstring(f"<a:solidFill {ns}>{fill}</a:solidFill>")
    assert theme.color(element) == expected
    assert theme.color(None) is None
    assert theme.color(etree.fromstring(f"<a:solidFill {ns}><a:extLst/></a:solidFill>")) is None


# -- paragraph spacing, autofit, unbreakable words, empty lines ------------------------------
A_NS = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _ppr(paragraph):
    return paragraph._p.get_or_add_pPr()


def _spacing_el(parent, tag: str, kind: str, value: int):
    from lxml import etree

    el = etree.SubElement(parent, f"{A_NS}{tag}")
    etree.SubElement(el, f"{A_NS}{kind}", val=str(value))
    # schema order inside a:pPr: lnSpc, spcBef, spcAft
    order = {"lnSpc": 0, "spcBef": 1, "spcAft": 2}
    for child in sorted(parent, key=lambda c: order.get(c.tag.split("}")[1], 9)):
        parent.append(child)
    return el


ARIAL_PITCH = RENDERED_PITCH * 20  # 20 pt Arial, single spacing


@pytest.mark.parametrize(
    "spacing, per_line, extra",
    [
        (("lnSpc", "spcPct", 150000), 1.5 * ARIAL_PITCH, 0),  # 150% line spacing
        (("lnSpc", "spcPts", 3600), 36.0, 0),  # exactly 36 pt a line
        (("spcBef", "spcPts", 1200), ARIAL_PITCH, 12 * 5),  # 12 pt before paragraphs 2-6
        (("spcAft", "spcPts", 1000), ARIAL_PITCH, 10 * 6),  # 10 pt after every paragraph
    ],
)
def test_paragraph_spacing_is_measured(tmp_path, spacing, per_line, extra):
    needed = 6 * per_line + extra
    prs = new_deck()
    for name, room in (("fits", needed + 0.5), ("overflows", needed - 2.5)):
        box = lines_box(titled_slide(prs, name), name, "Line", 6, 20, "Arial", room)
        for paragraph in box.text_frame.paragraphs:
            _spacing_el(_ppr(paragraph), *spacing)
    deck = save(prs, tmp_path / "spacing.pptx")
    assert {f.shape for f in check_deck(deck) if f.rule == "text-overflow"} == {"overflows"}


def test_autofit_line_spacing_reduction_is_honoured(tmp_path):
    from lxml import etree

    needed = 6 * ARIAL_PITCH * 0.8  # lnSpcReduction 20%: lines at 80% of their pitch
    prs = new_deck()
    for name, room in (("fits", needed + 0.5), ("overflows", needed - 2.5)):
        box = lines_box(titled_slide(prs, name), name, "Line", 6, 20, "Arial", room)
        body = box.text_frame._txBody.bodyPr
        for child in list(body):
            body.remove(child)
        etree.SubElement(body, f"{A_NS}normAutofit", lnSpcReduction="20000")
    deck = save(prs, tmp_path / "reduction.pptx")
    assert {f.shape for f in check_deck(deck) if f.rule == "text-overflow"} == {"overflows"}


def test_a_word_wider_than_its_box_is_broken_and_counted(tmp_path):
    from PIL import ImageFont

    from deckgen.assets import FONTS

    word = "Beijing-Tianjin-Hebei" * 3  # no break opportunity deckgen knows of
    face = ImageFont.truetype(str(FONTS / "LiberationSans-Regular.ttf"), 1000)
    width_pt = 2 * 72 - 14.4  # a two-inch box less its side insets
    lines = -(-face.getlength(word) * 20 / 1000 // width_pt)  # ceil
    assert lines >= 3
    prs = new_deck()
    for name, room in (("fits", lines * ARIAL_PITCH + 0.5), ("overflows", (lines - 1) * 24)):
        slide = titled_slide(prs, name)
        box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(2), Pt(room + INSET_PT))
        box.name = name
        box.text_frame.word_wrap = True
        box.text_frame.auto_size = MSO_AUTO_SIZE.NONE
        run = box.text_frame.paragraphs[0].add_run()
        run.text = word
        run.font.size = Pt(20)
        run.font.name = "Arial"
    deck = save(prs, tmp_path / "word.pptx")
    assert {f.shape for f in check_deck(deck) if f.rule == "text-overflow"} == {"overflows"}


def test_empty_paragraphs_take_a_line_each(tmp_path):
    prs = new_deck()
    for name, room in (("fits", 8 * ARIAL_PITCH + 0.5), ("overflows", 7 * ARIAL_PITCH)):
        box = lines_box(titled_slide(prs, name), name, "Line", 1, 20, "Arial", room)
        frame = box.text_frame
        for _ in range(7):
            frame.add_paragraph()
        for paragraph in frame.paragraphs[1:]:
            end = paragraph._p.get_or_add_endParaRPr()
            end.set("sz", "2000")
    deck = save(prs, tmp_path / "empty.pptx")
    assert {f.shape for f in check_deck(deck) if f.rule == "text-overflow"} == {"overflows"}


@pytest.mark.parametrize(
    "size, bold, colour, low",
    [
        (24, False, "8A8A8A", False),  # 3.45:1 passes for large text (18 pt and up)
        (17, False, "8A8A8A", True),  # ... but not below 18 pt
        (14, True, "8A8A8A", False),  # bold from 14 pt is large
        (13, True, "8A8A8A", True),
        (17, False, "757575", False),  # 4.6:1 passes for any size
    ],
)
def test_contrast_thresholds_for_large_and_body_text(tmp_path, size, bold, colour, low):
    prs = new_deck()
    box = text_box(titled_slide(prs), "Grey words on white", size=size, colour=colour)
    box.text_frame.paragraphs[0].runs[0].font.bold = bold
    findings = check_deck(save(prs, tmp_path / "c.pptx"), schema=False)
    assert any(f.rule == "contrast" for f in findings) is low  # a warning, as in PowerPoint


@pytest.mark.parametrize("size, small", [(10, False), (9.5, True)])
def test_the_minimum_font_size_is_inclusive(tmp_path, runner, size, small):
    prs = new_deck()
    text_box(titled_slide(prs), "Footnote", size=size)
    deck = save(prs, tmp_path / "small.pptx")
    assert ("small-font" in rules(deck)) is small
    result = runner.invoke(main, ["check", "--min-font", "14", str(deck)])
    assert result.exit_code == 1 and "small-font" in result.output


def test_a_grow_to_fit_box_is_judged_at_the_slide_bottom(tmp_path):
    from deckgen.check import check_deck as check

    prs = new_deck()
    slide_pt = 7.5 * 72
    for name, top in (("fits", slide_pt - 6 * ARIAL_PITCH - INSET_PT - 3), ("runs-off", None)):
        slide = titled_slide(prs, name)
        top = top if top is not None else slide_pt - 6 * ARIAL_PITCH - INSET_PT + 4
        box = lines_box(slide, name, "Line", 6, 20, "Arial", 20)
        box.top = Pt(top)
        box.text_frame.auto_size = MSO_AUTO_SIZE.SHAPE_TO_FIT_TEXT
    deck = save(prs, tmp_path / "grow.pptx")
    assert {f.shape for f in check(deck) if f.rule == "text-overflow"} == {"runs-off"}


# -- the package model the checks read (deckgen.pptxread), against python-pptx ----------------
def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_check_parts_bytes_and_paths_agree(tmp_path):
    deck = planted(tmp_path, "overflow")
    from_path = check_deck(deck, name="d.pptx", schema=False)
    assert {f.rule for f in from_path} >= {"text-overflow"}
    assert check_deck(_parts(deck), name="d.pptx", schema=False) == from_path
    assert check_deck(deck.read_bytes(), name="d.pptx", schema=False) == from_path


def test_check_of_parts_runs_the_schema_rule_too(clean):
    assert check_deck(_parts(clean), name="c.pptx") == check_deck(clean, name="c.pptx")


def test_placeholder_positions_are_inherited_as_python_pptx_inherits_them(tmp_path):
    """Every placeholder of every layout of python-pptx's own template, on a slide and without
    a position of its own, then with only part of one: the same box as python-pptx gives."""
    from deckgen.pptxread import Parts, own_position, position, read_deck

    prs = new_deck()
    for layout in prs.slide_layouts:
        prs.slides.add_slide(layout)
    partial = prs.slides.add_slide(prs.slide_layouts[1])
    for shape in partial.placeholders:
        shape.left = Inches(1)  # an a:off of its own, no a:ext: the size is inherited
        assert shape._element.spPr.xfrm.ext is None
    deck = save(prs, tmp_path / "layouts.pptx")
    expected = [
        [[s.left, s.top, s.width, s.height] for s in slide.shapes]
        for slide in Presentation(str(deck)).slides
    ]
    with zipfile.ZipFile(deck) as z:
        model = read_deck(Parts(z))
        got = [[position(slide, shape) for shape in slide.shapes] for slide in model.slides]
        inherited = [s for slide in model.slides for s in slide.shapes if None in own_position(s)]
    assert got == expected
    assert len(inherited) > 20 and not any(None in box for boxes in got for box in boxes)


def test_layout_placeholders_inherit_from_the_master_by_type(tmp_path):
    from deckgen.pptxread import BASE_TYPE

    assert BASE_TYPE["ctrTitle"] == "title" and BASE_TYPE["subTitle"] == "body"
    assert BASE_TYPE["obj"] == "body" and "hdr" not in BASE_TYPE
    prs = new_deck()
    slide = prs.slides.add_slide(prs.slide_layouts[0])  # Title Slide: ctrTitle, subTitle
    slide.shapes.title.text = "A title placed by the master"
    layout = prs.slide_layouts[0]
    for shape in layout.placeholders:  # the layout's placeholders lose their positions too
        xfrm = shape._element.spPr.find(f"{A_NS}xfrm")
        if xfrm is not None:
            shape._element.spPr.remove(xfrm)
    master_title = prs.slide_master.placeholders[0]
    master_title.left = Inches(20)  # the master's title runs off the slide
    deck = save(prs, tmp_path / "master.pptx")
    findings = check_deck(deck, schema=False)
    assert [f.shape for f in findings if f.rule == "off-slide"] == ["Title 1"]


@pytest.mark.parametrize(
    "case, message",
    [
        ("no-layout", "cannot be checked further: ppt/slides/slide1.xml has no slide layout"),
        ("no-master", "has no slide master"),
        ("no-theme", "ppt/slideMasters/slideMaster1.xml has no theme"),
        ("no-presentation", "cannot be opened: the package has no main document"),
        ("not-a-presentation", "cannot be opened: ppt/presentation.xml is not a presentation"),
        ("no-slide-size", "does not give the slide size"),
        ("dangling-slide", "cannot be opened: slide 1 (rId99) is not among"),
        ("template", "(its content type is application/vnd.openxmlformats-officedocument"),
    ],
)
def test_broken_structure_is_a_package_finding(clean, tmp_path, case, message):
    rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    parts = _parts(clean)
    layout_rels = "ppt/slideLayouts/_rels/slideLayout6.xml.rels"
    edits = {
        "no-layout": ("ppt/slides/_rels/slide1.xml.rels", f"{rels}slideLayout", f"{rels}x"),
        "no-master": (layout_rels, f"{rels}slideMaster", f"{rels}x"),
        "no-theme": ("ppt/slideMasters/_rels/slideMaster1.xml.rels", f"{rels}theme", f"{rels}x"),
        "no-presentation": ("_rels/.rels", f"{rels}officeDocument", f"{rels}x"),
        "not-a-presentation": ("ppt/presentation.xml", "<p:presentation ", "<p:notes "),
        "no-slide-size": ("ppt/presentation.xml", "<p:sldSz ", "<p:notesSz "),
        "dangling-slide": (
            "ppt/presentation.xml",
            '<p:sldId id="256" r:id="',
            '<p:sldId id="256" r:id="rId99" x="',
        ),
        "template": ("[Content_Types].xml", "presentation.main+xml", "template.main+xml"),
    }
    name, old, new = edits[case]
    assert old.encode() in parts[name]
    parts[name] = parts[name].replace(old.encode(), new.encode(), 1)
    if case == "not-a-presentation":
        parts[name] = parts[name].replace(b"</p:presentation>", b"</p:notes>")
    findings = check_deck(parts, name="broken.pptx", schema=False)
    assert findings and findings[-1].rule == "package", findings
    assert message in findings[-1].message, findings[-1].message


def test_the_check_does_not_import_python_pptx(clean):
    import subprocess
    import sys

    code = (
        "import sys, deckgen.check\n"
        "assert not deckgen.check.check_deck(sys.argv[1], schema=False)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pptx', 'xlsxwriter')))"
    )
    root = str(Path(__file__).resolve().parent.parent)
    done = subprocess.run(
        [sys.executable, "-c", code, str(clean)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": root},
    )
    assert done.stdout.strip() == "[]", done.stdout
