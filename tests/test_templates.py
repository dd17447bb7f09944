"""Templates shaped like real organisations' (tests/templates.py): each builds the default deck
in English and Chinese on its own layouts, keeps its theme, and `deckgen check` finds nothing."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from deckgen.check import check_deck
from tests.audit import off_slide, text_overflows
from tests.templates import (
    BLANK,
    CORPUS,
    DECORATED,
    PRESENTATION_TYPE,
    blank_only,
    decorations,
    macro_enabled,
    overlaps,
    without_titles,
)
from tests.test_masters import A, as_potx, build_on

DECK = "two-zones-briefing.pptx"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("templates")
    return {name: make(folder / f"{name.replace(':', 'x')}.pptx") for name, make in CORPUS.items()}


def theme_of(path: Path) -> tuple[bytes, str, str]:
    """Return the theme's colour scheme (canonical XML) and its heading and body fonts."""
    prs = Presentation(str(path))
    root = etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)
    return (
        etree.tostring(root.find(f".//{A}clrScheme"), method="c14n"),
        root.find(f".//{A}majorFont/{A}latin").get("typeface"),
        root.find(f".//{A}minorFont/{A}latin").get("typeface"),
    )


def layouts_of(prs) -> list[tuple[str, list[str]]]:
    return [
        (layout.name, [ph.element.ph.get("type", "obj") for ph in layout.placeholders])
        for layout in prs.slide_layouts
    ]


def built_on(runner, master: Path, out: Path, *extra: str) -> Path:
    result = build_on(runner, master, out, *extra)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return out / DECK


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", list(CORPUS))
def test_template_builds_a_clean_deck(runner, corpus, tmp_path, name, lang):
    master = corpus[name]
    deck = built_on(runner, master, tmp_path / "out", "--lang", lang)
    prs = Presentation(str(deck))
    template = Presentation(str(master))
    # the template's layouts, untouched, and every slide on one of them
    assert layouts_of(prs) == layouts_of(template)
    own = {layout.part.partname for layout in prs.slide_layouts}
    assert len(prs.slides) >= 16
    for slide in prs.slides:
        assert slide.slide_layout.part.partname in own
        title = slide.shapes.title
        assert title is not None and title.text_frame.text.strip()
        assert "SAMPLE" not in title.text_frame.text
        for ph in slide.placeholders:  # no prompt text ("Click to add …") left behind
            assert not ph.has_text_frame or ph.text_frame.text.strip(), (slide, ph.name)
    cover = prs.slides[0].slide_layout
    assert "ctrTitle" in [ph.element.ph.get("type") for ph in cover.placeholders]
    assert theme_of(deck) == theme_of(master)
    assert [str(f) for f in check_deck(deck)] == []
    assert off_slide(deck) == []
    assert text_overflows(deck) == []


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", sorted(DECORATED))
def test_title_slide_keeps_clear_of_the_layouts_drawings(runner, corpus, tmp_path, name, lang):
    deck = built_on(runner, corpus[name], tmp_path / "out", "--lang", lang)
    slide = Presentation(str(deck)).slides[0]
    drawn = decorations(slide.slide_layout)
    assert len(drawn) == 2  # the rounded panel and the logo
    for shape in slide.shapes:
        if shape.has_text_frame and shape.text_frame.text.strip():
            box = (shape.left, shape.top, shape.width, shape.height)
            assert not any(overlaps(box, d) for d in drawn), (shape.name, box, drawn)


def test_title_layouts_differ_only_by_their_logo(corpus):
    """The Portuguese template is what its tests say it is: six title layouts alike but for
    the picture, nine layouts in all."""
    for name in ("portuguese", "combined"):
        prs = Presentation(str(corpus[name]))
        assert len(prs.slide_layouts) == 9
        covers = [lay for lay in prs.slide_layouts if lay.element.get("type") == "title"]
        assert {lay.name for lay in prs.slide_layouts} >= {"Slide de título", "Em branco"}
        assert len(covers) == 6
        shapes = {
            tuple((s.name, s.left, s.top, s.width, s.height) for s in lay.shapes) for lay in covers
        }
        assert len(shapes) == 1
        blobs = {next(s for s in lay.shapes if s.shape_type == 13).image.blob for lay in covers}
        assert len(blobs) == 6


def test_combined_template_as_potx(runner, corpus, tmp_path):
    potx = as_potx(corpus["combined"], tmp_path / "combined.potx")
    deck = built_on(runner, potx, tmp_path / "out")
    types = zipfile.ZipFile(deck).read("[Content_Types].xml")
    assert b"presentationml.presentation.main+xml" in types
    assert b"template" not in types
    prs = Presentation(str(deck))
    assert layouts_of(prs) == layouts_of(Presentation(str(corpus["combined"])))
    assert theme_of(deck) == theme_of(corpus["combined"])
    assert [str(f) for f in check_deck(deck)] == []
    assert off_slide(deck) == [] and text_overflows(deck) == []


# -- templates deckgen adapts or refuses ----------------------------------------------------
def warnings_in(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("Warning:")]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("shape", ["layouts", "layouts-and-master", "blank-only"])
def test_template_without_a_title_placeholder_builds_with_one_warning(
    runner, tmp_path, shape, lang
):
    path = tmp_path / "t.pptx"
    if shape == "blank-only":
        blank_only(path)
    else:
        without_titles(path, master_too=shape == "layouts-and-master")
    result = build_on(runner, path, tmp_path / "out", "--lang", lang)
    assert result.exit_code == 0, result.output
    said = [w for w in warnings_in(result.output) if "title placeholder" in w]
    assert said == [
        f"Warning: {path}: no layout of the master has a title placeholder: slides use its "
        f"emptiest layout ('{BLANK}') with a title placeholder of their own"
    ]
    deck = tmp_path / "out" / DECK
    prs = Presentation(str(deck))
    assert layouts_of(prs) == layouts_of(Presentation(str(path)))
    for slide in prs.slides:
        assert slide.slide_layout.name == BLANK
        assert slide.shapes.title.text_frame.text.strip()
    assert [str(f) for f in check_deck(deck)] == []
    assert off_slide(deck) == [] and text_overflows(deck) == []


def _main_type(deck: Path) -> str:
    types = etree.fromstring(zipfile.ZipFile(deck).read("[Content_Types].xml"))
    return next(o.get("ContentType") for o in types if o.get("PartName") == "/ppt/presentation.xml")


@pytest.mark.parametrize("suffix", [".potm", ".pptm", ".ppsm", ".ppsx"])
def test_macro_enabled_template_builds_a_deck_without_its_macros(runner, corpus, tmp_path, suffix):
    source = macro_enabled(corpus["combined"], tmp_path / f"template{suffix}")
    assert "ppt/vbaProject.bin" in zipfile.ZipFile(source).namelist() or suffix == ".ppsx"
    result = build_on(runner, source, tmp_path / "out")
    assert result.exit_code == 0, result.output
    said = [w for w in warnings_in(result.output) if "its macros" in w]
    if suffix == ".ppsx":
        assert said == []
    else:
        assert said == [
            f"Warning: {source}: its macros (VBA project) are left out: the deck is a .pptx, "
            f"which cannot hold them"
        ]
    deck = tmp_path / "out" / DECK
    package = zipfile.ZipFile(deck)
    assert not [n for n in package.namelist() if "vba" in n.lower()]
    assert _main_type(deck) == PRESENTATION_TYPE
    types = package.read("[Content_Types].xml")
    assert b"macroEnabled" not in types and b"vbaProject" not in types
    for name in package.namelist():
        if name.endswith(".rels"):
            assert b"vbaProject" not in package.read(name), name
    prs = Presentation(str(deck))
    assert layouts_of(prs) == layouts_of(Presentation(str(corpus["combined"])))
    assert theme_of(deck) == theme_of(corpus["combined"])
    assert [str(f) for f in check_deck(deck)] == []


def test_addins_and_other_packages_are_refused_in_one_line(runner, corpus, tmp_path):
    addin = macro_enabled(corpus["plain"], tmp_path / "tools.ppam")
    document = tmp_path / "letter.pptx"
    with zipfile.ZipFile(corpus["plain"]) as zin, zipfile.ZipFile(document, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    PRESENTATION_TYPE.encode(),
                    b"application/vnd.openxmlformats-officedocument"
                    b".wordprocessingml.document.main+xml",
                )
            zout.writestr(info, data)
    cases = {
        addin: f"Error: {addin}: a PowerPoint add-in (.ppam), not a presentation or template "
        f"(use the .potx or .pptx that has the design)",
        document: f"Error: {document}: not a PowerPoint presentation or template: its main "
        f"part has the content type 'application/vnd.openxmlformats-officedocument"
        f".wordprocessingml.document.main+xml' (save it from PowerPoint as .potx or .pptx)",
    }
    for path, line in cases.items():
        out = tmp_path / path.stem
        result = build_on(runner, path, out)
        assert result.exit_code == 1
        assert result.output.strip() == line
        assert not out.exists() or not list(out.glob("*.pptx"))
