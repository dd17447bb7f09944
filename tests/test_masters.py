"""Corporate masters: any template, matched by what its layouts are for, never by name."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Inches

from deckgen.check import check_deck
from deckgen.cli import main

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
NAMES = [
    "标题幻灯片",
    "Titre et contenu",
    "Abschnittsüberschrift",
    "Deux contenus",
    "Comparaison",
    "仅标题",
    "Vide",
    "Contenu avec légende",
    "Image avec légende",
    "Vertical 1",
    "Vertical 2",
]


def make_master(
    path: Path,
    *,
    title_at: str = "top",
    fonts=("Calibri", "Calibri"),
    drop_title_only: bool = False,
    sample_slides: int = 2,
    size=None,
) -> Path:
    """Write a master the way an organisation would have one: renamed, reordered layouts."""
    prs = Presentation()
    if size:
        prs.slide_width, prs.slide_height = size
    layouts = list(prs.slide_layouts)
    for layout, name in zip(layouts, NAMES):
        layout.name = name
    title_only = layouts[5]
    title = title_only.placeholders[0]
    if title_at == "bottom":
        title.left, title.top = Inches(0.5), prs.slide_height - Inches(1.6)
        title.width, title.height = prs.slide_width - Inches(1), Inches(1.1)
    elif title_at == "left":
        title.left, title.top = Inches(0.4), Inches(0.5)
        title.width, title.height = Inches(2.6), prs.slide_height - Inches(1.5)
    # Reorder: move the title-only layout to the end of the list.
    id_list = prs.slide_master._element.find(
        "{http://schemas.openxmlformats.org/presentationml/2006/main}sldLayoutIdLst"
    )
    entries = list(id_list)
    id_list.remove(entries[5])
    id_list.append(entries[5])
    if drop_title_only:
        prs.slide_layouts.remove(title_only)
    theme_part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme_part.blob)
    root.find(f".//{A}majorFont/{A}latin").set("typeface", fonts[0])
    root.find(f".//{A}minorFont/{A}latin").set("typeface", fonts[1])
    scheme = root.find(f".//{A}clrScheme")
    for slot, colour in (("accent1", "7A1F3D"), ("accent2", "2E6B30"), ("dk2", "3A3A3A")):
        for child in list(scheme.find(f"{A}{slot}")):
            scheme.find(f"{A}{slot}").remove(child)
        etree.SubElement(scheme.find(f"{A}{slot}"), f"{A}srgbClr", val=colour)
    theme_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    for i in range(sample_slides):
        slide = prs.slides.add_slide(prs.slide_layouts[0])
        slide.shapes.title.text = f"SAMPLE SLIDE {i}"
    prs.save(str(path))
    return path


def as_potx(pptx: Path, target: Path) -> Path:
    with zipfile.ZipFile(pptx) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"presentationml.presentation.main+xml", b"presentationml.template.main+xml"
                )
            zout.writestr(info, data)
    return target


def build_on(runner, master: Path, out: Path, *extra: str):
    result = runner.invoke(
        main, ["build", "--master", str(master), "--out", str(out), "--deck-only", *extra]
    )
    return result


def theme_fonts(deck: Path) -> tuple[str, str]:
    prs = Presentation(str(deck))
    root = etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)
    return (
        root.find(f".//{A}majorFont/{A}latin").get("typeface"),
        root.find(f".//{A}minorFont/{A}latin").get("typeface"),
    )


@pytest.mark.parametrize(
    "variant", ["top", "bottom", "left", "potx", "arial", "unknown-font", "no-title-only", "4:3"]
)
def test_build_on_foreign_masters(runner, tmp_path, variant):
    kwargs = {}
    if variant in ("bottom", "left"):
        kwargs["title_at"] = variant
    if variant == "arial":
        kwargs["fonts"] = ("Arial", "Arial")
    if variant == "unknown-font":
        kwargs["fonts"] = ("Georgia", "Verdana")
    if variant == "no-title-only":
        kwargs["drop_title_only"] = True
    size = (Inches(10), Inches(7.5)) if variant == "4:3" else (Inches(13.333), Inches(7.5))
    master = make_master(tmp_path / "master.pptx", size=size, **kwargs)
    if variant == "potx":
        master = as_potx(master, tmp_path / "master.potx")
    out = tmp_path / "out"
    result = build_on(runner, master, out)
    assert result.exit_code == 0, result.output
    deck = out / "two-zones-briefing.pptx"
    prs = Presentation(str(deck))
    assert (prs.slide_width, prs.slide_height) == size
    assert len(prs.slides) >= 16  # continuation slides may follow when fonts run wide
    for slide in prs.slides:
        assert slide.slide_layout.name in NAMES  # the master's own layouts
        assert slide.shapes.title is not None and slide.shapes.title.text_frame.text.strip()
        assert "SAMPLE" not in slide.shapes.title.text_frame.text
    assert theme_fonts(deck) == (kwargs.get("fonts") or ("Calibri", "Calibri"))
    assert [f for f in check_deck(deck) if f.severity == "error"] == []
    if variant == "no-title-only":
        assert "no title-only layout" in result.output
    if variant == "unknown-font":
        assert "no bundled metrics for font 'Georgia'" in result.output


def test_title_at_the_bottom_keeps_content_above_it(runner, tmp_path):
    master = make_master(tmp_path / "m.pptx", title_at="bottom")
    out = tmp_path / "out"
    assert build_on(runner, master, out).exit_code == 0
    prs = Presentation(str(out / "two-zones-briefing.pptx"))
    slide = prs.slides[2]
    title = slide.shapes.title
    assert title.top > prs.slide_height // 2
    for shape in slide.shapes:
        if (
            shape.shape_id != title.shape_id
            and shape.name != "Slide number"
            and not shape.name.startswith("Footer")
        ):
            assert shape.top + shape.height <= title.top


def test_masters_colours_are_used_unless_a_theme_is_named(runner, tmp_path):
    master = make_master(tmp_path / "m.pptx")
    out = tmp_path / "out"
    assert build_on(runner, master, out).exit_code == 0
    xml = zipfile.ZipFile(out / "two-zones-briefing.pptx").read("ppt/slides/slide3.xml")
    assert b"0B4F8A" not in xml  # deckgen's default blue is not imposed
    named = tmp_path / "named"
    assert build_on(runner, master, named, "--theme", "harbour").exit_code == 0
    xml = zipfile.ZipFile(named / "two-zones-briefing.pptx").read("ppt/slides/slide3.xml")
    assert b"0E5E5A" in xml


def _zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return path


def test_malformed_masters_give_clear_errors(runner, tmp_path):
    not_zip = tmp_path / "not.pptx"
    not_zip.write_text("hello")
    other_zip = _zip(tmp_path / "other.pptx", {"readme.txt": b"hi"})
    master = make_master(tmp_path / "m.pptx")
    no_layouts = tmp_path / "nolayouts.pptx"
    with zipfile.ZipFile(master) as zin, zipfile.ZipFile(no_layouts, "w") as zout:
        for info in zin.infolist():
            if "slideLayout" not in info.filename:
                zout.writestr(info, zin.read(info.filename))
    bomb = tmp_path / "bomb.pptx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        with z.open("ppt/media/huge.bin", "w", force_zip64=True) as handle:
            chunk = bytes(1 << 20)
            for _ in range(520):
                handle.write(chunk)
    cases = {
        not_zip: "not a PowerPoint file",
        other_zip: "not a PowerPoint presentation",
        no_layouts: "no slide layouts",
        bomb: "not a real template",
        tmp_path / "missing.pptx": "cannot read the master",
    }
    for path, message in cases.items():
        result = build_on(runner, path, tmp_path / "out")
        assert result.exit_code == 1, (path, result.output)
        assert message in result.output and "Traceback" not in result.output


def test_themes_and_layouts_are_listed(runner):
    themes = runner.invoke(main, ["themes"])
    assert themes.exit_code == 0
    assert {"default", "harbour", "print"} <= {
        line.split()[0] for line in themes.output.splitlines()
    }
    layouts = runner.invoke(main, ["layouts"])
    names = {line.split()[0] for line in layouts.output.splitlines()}
    assert {"briefing", "executive", "one-pager"} <= names


@pytest.mark.parametrize("layout, count", [("briefing", 16), ("executive", 5), ("one-pager", 1)])
@pytest.mark.parametrize("theme", ["default", "harbour", "print"])
def test_every_layout_with_every_theme(runner, tmp_path, layout, theme, count):
    result = runner.invoke(
        main, ["build", "--layout", layout, "--theme", theme, "--out", str(tmp_path), "--deck-only"]
    )
    assert result.exit_code == 0, result.output
    deck = next(tmp_path.glob("*.pptx"))
    assert len(Presentation(str(deck)).slides) == count
    assert [f for f in check_deck(deck) if f.severity == "error"] == []


def test_theme_logo_and_footer_text(runner, tmp_path):
    from PIL import Image

    Image.new("RGB", (300, 100), "#0B4F8A").save(tmp_path / "logo.png")
    theme = tmp_path / "mine.yaml"
    text = (Path(__file__).resolve().parent.parent / "assets/themes/default.yaml").read_text()
    theme.write_text(text + "\nfooter: Internal\nlogo: logo.png\nlogo_alt: Policy Team logo\n")
    result = runner.invoke(
        main, ["build", "--theme", str(theme), "--out", str(tmp_path / "o"), "--deck-only"]
    )
    assert result.exit_code == 0, result.output
    prs = Presentation(str(tmp_path / "o" / "two-zones-briefing.pptx"))
    for slide in prs.slides:
        logos = [s for s in slide.shapes if s.name == "Logo"]
        assert (
            logos
            and logos[0]._element.xpath("./p:nvPicPr/p:cNvPr")[0].get("descr") == "Policy Team logo"
        )
        footer = next(s for s in slide.shapes if s.name == "Footer source")
        assert footer.text_frame.text.startswith("Internal · Source:")
