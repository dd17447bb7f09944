"""`deckgen check` grades decks as PowerPoint's Accessibility Checker does: each rule finds
its fault in a small hand-made deck, and the same deck with the fault mended passes."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from deckgen import check as check_module
from deckgen.check import check_deck
from deckgen.cli import main
from deckgen.reading import DECORATIVE_NS, DECORATIVE_URI

RULES = {"alt-text", "slide-title", "duplicate-title", "reading-order", "table-header", "contrast"}


def new_deck():
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    return prs


def titled_slide(prs, title="A slide that states its message"):
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # Title Only
    slide.shapes.title.text = title
    t = slide.shapes.title
    t.left, t.top, t.width, t.height = Inches(0.5), Inches(0.3), Inches(12), Inches(1)
    return slide


def text_box(slide, text, left=1.0, top=2.0, width=3.0, height=1.0, colour="1B2430"):
    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    box.name = text
    run = box.text_frame.paragraphs[0].add_run()
    run.text = text
    run.font.size = Pt(18)
    run.font.color.rgb = RGBColor.from_string(colour)
    return box


def picture(slide, tmp_path: Path, left=7.0):
    image = tmp_path / "bars.png"
    Image.new("RGB", (40, 30), "#0B4F8A").save(image)
    pic = slide.shapes.add_picture(str(image), Inches(left), Inches(2), Inches(3))
    pic._element.xpath("./*[1]/p:cNvPr")[0].set("descr", "")  # python-pptx writes the file name
    return pic


def chart(slide):
    data = CategoryChartData()
    data.categories = ["2021", "2022"]
    data.add_series("Visits", (3.1, 3.4))
    return slide.shapes.add_chart(
        XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(2), Inches(5), Inches(4), data
    )


def table(slide, header=True):
    frame = slide.shapes.add_table(2, 2, Inches(1), Inches(4.5), Inches(6), Inches(1.2))
    for r, row in enumerate((("Year", "Visits"), ("2021", "3.1 million"))):
        for c, text in enumerate(row):
            frame.table.cell(r, c).text = text
    frame.table.first_row = header
    return frame


def describe(shape, text="Columns: visits rose from 3.1 million in 2021 to 3.4 million"):
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", text)
    return shape


def mark_decorative(shape, uri=DECORATIVE_URI):
    """Write what PowerPoint writes for "Mark as decorative"."""
    c_nv_pr = shape._element.xpath("./*[1]/p:cNvPr")[0]
    ext = etree.SubElement(etree.SubElement(c_nv_pr, qn("a:extLst")), qn("a:ext"), uri=uri)
    etree.SubElement(ext, f"{{{DECORATIVE_NS}}}decorative", val="1", nsmap={"adec": DECORATIVE_NS})
    return shape


def save(prs, path: Path) -> Path:
    prs.save(str(path))
    return path


def found(deck: Path, rule: str | None = None) -> set[tuple]:
    """Return (rule, severity, slide, shape) of the deck's accessibility findings."""
    return {
        (f.rule, f.severity, f.slide, f.shape)
        for f in check_deck(deck, schema=False)
        if f.rule in RULES and (rule is None or f.rule == rule)
    }


def test_an_accessible_deck_passes_every_rule(tmp_path):
    prs = new_deck()
    slide = titled_slide(prs)
    mark_decorative(slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Inches(0.2), Inches(7.5)))
    text_box(slide, "Visits rose by a tenth")
    describe(picture(slide, tmp_path))
    table(slide)
    titled_slide(prs, "A second message")
    deck = save(prs, tmp_path / "clean.pptx")
    assert check_deck(deck) == []  # schema included: the decorative mark is valid XML


# -- alt text -----------------------------------------------------------------------------
def _alt_deck(tmp_path: Path, make, mend=None) -> Path:
    prs = new_deck()
    slide = titled_slide(prs)
    shape = make(slide)
    if mend:
        mend(shape)
    return save(prs, tmp_path / "alt.pptx")


ALT_CASES = {
    "chart": chart,
    "shape": lambda s: s.shapes.add_shape(
        MSO_SHAPE.OVAL, Inches(1), Inches(2), Inches(1), Inches(1)
    ),
    "line": lambda s: s.shapes.add_connector(
        MSO_CONNECTOR.STRAIGHT, Inches(1), Inches(6), Inches(12), Inches(6)
    ),
}


@pytest.mark.parametrize("kind", ["picture", "chart", "shape", "line"])
def test_an_object_without_alt_text_is_an_error_until_described_or_decorative(tmp_path, kind):
    def make(slide):
        if kind == "picture":
            return picture(slide, tmp_path)
        return ALT_CASES[kind](slide)

    bare = _alt_deck(tmp_path, make)
    (finding,) = [f for f in check_deck(bare, schema=False) if f.rule == "alt-text"]
    assert finding.severity == "error" and finding.slide == 1 and finding.shape
    assert "Missing alternative text" in finding.message and kind in finding.message
    assert found(_alt_deck(tmp_path, make, describe)) == set()
    assert found(_alt_deck(tmp_path, make, mark_decorative)) == set()


def test_alt_text_in_the_title_attribute_counts(tmp_path):
    def titled(shape):
        shape._element.xpath("./*[1]/p:cNvPr")[0].set("title", "Visits by year, columns")

    assert found(_alt_deck(tmp_path, chart, titled)) == set()


def test_a_mark_under_another_extension_uri_is_not_the_decorative_mark(tmp_path):
    def wrong(shape):
        mark_decorative(shape, uri="{FF2B5EF4-FFF2-40B4-BE49-F238E27FC236}")

    deck = _alt_deck(tmp_path, lambda s: picture(s, tmp_path), wrong)
    assert {r for r, *_ in found(deck)} == {"alt-text"}


def test_text_boxes_tables_and_empty_placeholders_need_no_alt_text(tmp_path):
    prs = new_deck()
    slide = prs.slides.add_slide(prs.slide_layouts[1])  # Title and Content: body left empty
    slide.shapes.title.text = "Text needs no description"
    table(slide)
    text_box(slide, "Visits rose by a tenth", top=6)
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(9), Inches(6), *(Inches(1),) * 2)
    shape.text_frame.text = "A shape holding text"
    assert found(save(prs, tmp_path / "text.pptx")) == set()


def test_groups_need_alt_text_and_a_decorative_group_covers_its_members(tmp_path):
    def grouped(mend=None) -> Path:
        prs = new_deck()
        slide = titled_slide(prs)
        group = slide.shapes.add_group_shape()
        group.shapes.add_shape(MSO_SHAPE.OVAL, Inches(1), Inches(2), Inches(1), Inches(1))
        group.shapes.add_shape(MSO_SHAPE.OVAL, Inches(3), Inches(2), Inches(1), Inches(1))
        group.name = "Dots"
        if mend:
            mend(group)
        return save(prs, tmp_path / "group.pptx")

    bare = found(grouped())
    assert {(r, s) for r, s, _, _ in bare} == {("alt-text", "error")}
    dots = {shape for *_, shape in bare} - {"Dots"}
    assert "Dots" in {shape for *_, shape in bare} and len(dots) == 2  # the group, two dots
    assert found(grouped(mark_decorative)) == set()
    assert {shape for *_, shape in found(grouped(describe))} == dots  # still drawn, still read


def test_a_file_name_is_no_alt_text(tmp_path):
    deck = _alt_deck(tmp_path, lambda s: picture(s, tmp_path), lambda p: describe(p, "bars.png"))
    assert {r for r, *_ in found(deck)} == {"alt-text"}


def test_video_is_named_as_such(tmp_path):
    prs = new_deck()
    slide = titled_slide(prs)
    poster = picture(slide, tmp_path)
    nv_pr = poster._element.find(qn("p:nvPicPr")).find(qn("p:nvPr"))
    etree.SubElement(nv_pr, qn("a:videoFile")).set(qn("r:link"), "rId99")
    findings = check_deck(save(prs, tmp_path / "v.pptx"), schema=False)
    assert any(f.rule == "alt-text" and "the video" in f.message for f in findings)


# -- slide titles -------------------------------------------------------------------------
def test_a_slide_without_a_title_placeholder_is_an_error(tmp_path):
    prs = new_deck()
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # Blank
    text_box(slide, "A message in a text box is no title")
    titled_slide(prs)
    assert found(save(prs, tmp_path / "untitled.pptx"), "slide-title") == {
        ("slide-title", "error", 1, "")
    }


def test_an_empty_title_is_an_error_naming_the_placeholder(tmp_path):
    prs = new_deck()
    slide = titled_slide(prs, "")
    name = slide.shapes.title.name
    assert found(save(prs, tmp_path / "empty.pptx"), "slide-title") == {
        ("slide-title", "error", 1, name)
    }
    slide.shapes.title.text = "Now it says something"
    assert found(save(prs, tmp_path / "mended.pptx"), "slide-title") == set()


def test_a_duplicate_title_is_a_warning_on_the_later_slide(tmp_path):
    prs = new_deck()
    titled_slide(prs, "Visits rose by a tenth")
    titled_slide(prs, "An opening")
    later = titled_slide(prs, "visits  rose by a tenth")  # heard the same
    assert found(save(prs, tmp_path / "dup.pptx")) == {
        ("duplicate-title", "warn", 3, later.shapes.title.name)
    }
    later.shapes.title.text = "Visits rose by a tenth (2/2)"
    assert found(save(prs, tmp_path / "numbered.pptx")) == set()


# -- tables -------------------------------------------------------------------------------
def test_a_table_without_a_header_row_is_an_error(tmp_path):
    prs = new_deck()
    frame = table(titled_slide(prs), header=False)
    assert found(save(prs, tmp_path / "t.pptx")) == {("table-header", "error", 1, frame.name)}
    frame.table.first_row = True
    assert found(save(prs, tmp_path / "t2.pptx")) == set()


# -- contrast -----------------------------------------------------------------------------
def test_low_contrast_is_graded_a_warning_as_powerpoint_grades_it(tmp_path):
    prs = new_deck()
    box = text_box(titled_slide(prs), "Pale grey text nobody can read", colour="C8C8C8")
    (finding,) = [f for f in check_deck(save(prs, tmp_path / "c.pptx")) if f.rule == "contrast"]
    assert (finding.severity, finding.shape) == ("warn", box.name)
    assert finding.message.startswith("Hard-to-read text contrast")


# -- reading order ------------------------------------------------------------------------
GRID = [(row, col) for row in range(3) for col in range(3)]
SHUFFLED = [7, 2, 4, 0, 8, 5, 1, 6, 3]


def grid_deck(tmp_path: Path, order: list[int], name="grid") -> Path:
    """A title, then a 3 x 3 grid of text boxes added in ``order`` (0 = top left, row by
    row), then a footer line."""
    prs = new_deck()
    slide = titled_slide(prs)
    for i in order:
        row, col = GRID[i]
        text_box(slide, f"Cell {row + 1}.{col + 1}", left=0.5 + 4.2 * col, top=1.6 + 1.6 * row)
    text_box(slide, "Source: a survey", top=6.6, width=6, height=0.5)
    return save(prs, tmp_path / f"{name}.pptx")


def test_row_by_row_reading_passes_and_a_shuffled_one_is_a_warning(tmp_path):
    assert found(grid_deck(tmp_path, list(range(9)))) == set()
    (finding,) = check_deck(grid_deck(tmp_path, SHUFFLED, "shuffled"), schema=False)
    assert (finding.rule, finding.severity, finding.slide) == ("reading-order", "warn", 1)
    assert "Check reading order" in finding.message and "pairs" in finding.message


def test_one_pair_swapped_in_a_big_grid_is_not_far(tmp_path):
    assert found(grid_deck(tmp_path, [0, 1, 2, 4, 3, 5, 6, 7, 8])) == set()


def test_the_title_must_be_read_first(tmp_path):
    prs = new_deck()
    slide = titled_slide(prs)
    text_box(slide, "Read before the title")
    tree = slide.shapes._spTree
    title = slide.shapes.title._element
    tree.remove(title)
    tree.append(title)
    deck = save(prs, tmp_path / "late.pptx")
    assert found(deck) == {("reading-order", "warn", 1, "Read before the title")}


def test_decorative_shapes_are_not_read(tmp_path):
    prs = new_deck()
    slide = titled_slide(prs)
    text_box(slide, "Read second")
    bar = mark_decorative(
        slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Inches(13), Inches(0.2))
    )
    tree = slide.shapes._spTree
    tree.remove(bar._element)
    tree.insert(2, bar._element)  # drawn (and listed) before the title
    assert found(save(prs, tmp_path / "bar.pptx")) == set()


def box(left, top, width, height) -> tuple[int, int, int, int]:
    return Inches(left), Inches(top), Inches(width), Inches(height)


def test_a_cards_shapes_are_seen_with_their_card():
    """A 2 x 2 grid of cards, each with a heading over its detail; the last card's heading
    is a badge set astride its top edge. Row by row is card by card."""
    cards = [box(0.5 + 6 * c, 1.6 + 2.8 * r, 5.6, 2.4) for r in range(2) for c in range(2)]
    shapes = []
    for i, (x, y, w, _) in enumerate(cards):
        heading_top = y - Inches(0.25) if i == 3 else y + Inches(0.1)
        shapes += [(x + Inches(0.2), heading_top, Inches(2), Inches(0.5))]  # heading
        shapes += [(x + Inches(0.2), y + Inches(0.8), w - Inches(0.4), Inches(1.4))]  # detail
    by_row, _ = check_module.visual_orders(shapes, cards + shapes)
    assert by_row == list(range(8))


def test_cards_read_card_by_card_pass(tmp_path):
    prs = new_deck()
    slide = titled_slide(prs)
    for i in range(4):
        left = 0.5 + 3.1 * i
        mark_decorative(
            slide.shapes.add_shape(
                MSO_SHAPE.RECTANGLE, Inches(left), Inches(1.8), Inches(2.9), Inches(4)
            )
        )
        text_box(slide, f"Heading {i + 1}", left=left + 0.1, top=2.0, width=2.7, height=1.2)
        text_box(slide, f"Detail {i + 1}", left=left + 0.1, top=3.4, width=2.7, height=1.2)
    assert found(save(prs, tmp_path / "cards.pptx")) == set()


def timeline_deck(tmp_path: Path, order: list[int]) -> Path:
    """Seven labels alternating above and below a decorative line, added in ``order``."""
    prs = new_deck()
    slide = titled_slide(prs)
    line = slide.shapes.add_connector(
        MSO_CONNECTOR.STRAIGHT, Inches(0.5), Inches(4), Inches(12.8), Inches(4)
    )
    mark_decorative(line)
    for i in order:
        top = 2.2 if i % 2 == 0 else 4.4
        text_box(slide, f"Milestone {i + 1}", left=0.5 + 1.75 * i, top=top, width=1.6, height=1.2)
    return save(prs, tmp_path / f"timeline-{order[0]}{order[1]}.pptx")


def test_a_timeline_read_along_its_line_passes(tmp_path):
    assert found(timeline_deck(tmp_path, list(range(7)))) == set()  # column by column
    assert found(timeline_deck(tmp_path, [0, 2, 4, 6, 1, 3, 5])) == set()  # row by row
    assert {r for r, *_ in found(timeline_deck(tmp_path, [6, 3, 0, 5, 2, 4, 1]))} == {
        "reading-order"
    }


def test_the_footer_is_read_last_even_at_the_top_of_the_slide(tmp_path):
    prs = new_deck()
    slide = titled_slide(prs)
    slide.shapes.title.top = Inches(6.2)  # a master with its title at the bottom
    text_box(slide, "Left", left=0.5, top=2)
    text_box(slide, "Right", left=6.5, top=2)
    footer = text_box(slide, "Source: a survey", top=0.2, width=6, height=0.5)
    assert found(save(prs, tmp_path / "top-footer.pptx")) == set()
    footer.top = Inches(1)  # below the top eighth of the slide: a line above the content
    assert {r for r, *_ in found(save(prs, tmp_path / "above.pptx"))} == {"reading-order"}


def test_group_members_are_read_in_place(tmp_path):
    def deck(members_first: bool) -> Path:
        prs = new_deck()
        slide = titled_slide(prs)
        group = slide.shapes.add_group_shape()
        mark_decorative(group)  # its members are skipped with it
        group.shapes.add_textbox(Inches(1), Inches(2), Inches(2), Inches(1))
        texts = [("Top left", 1, 2), ("Top right", 7, 2), ("Bottom left", 1, 5)]
        if members_first:
            texts.reverse()
        for text, left, top in texts:
            box = group.shapes.add_textbox(Inches(left), Inches(top), Inches(3), Inches(1))
            box.text_frame.text = text
        return save(prs, tmp_path / f"group-{members_first}.pptx")

    # a decorative group's members are skipped: no reading-order finding either way
    assert found(deck(False)) == set() and found(deck(True)) == set()

    prs = new_deck()
    slide = titled_slide(prs)
    group = describe(slide.shapes.add_group_shape(), "Three notes")
    for text, left, top in [("Bottom left", 1, 5), ("Top right", 7, 2), ("Top left", 1, 2)]:
        box = group.shapes.add_textbox(Inches(left), Inches(top), Inches(3), Inches(1))
        box.text_frame.text = text
    assert {r for r, *_ in found(save(prs, tmp_path / "g.pptx"))} == {"reading-order"}


# -- the command and the build ------------------------------------------------------------
def test_json_output_carries_rule_severity_slide_and_shape(tmp_path, runner):
    prs = new_deck()
    frame = table(titled_slide(prs), header=False)
    chart_frame = chart(prs.slides[0])
    deck = save(prs, tmp_path / "j.pptx")
    result = runner.invoke(main, ["check", "--json", str(deck)])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    rows = {(d["rule"], d["severity"], d["slide"], d["shape"]) for d in data}
    assert ("table-header", "error", 1, frame.name) in rows
    assert ("alt-text", "error", 1, chart_frame.name) in rows
    assert all(d["fix"] and d["message"] for d in data)


def test_text_output_names_slide_shape_rule_and_fix(tmp_path, runner):
    prs = new_deck()
    frame = table(titled_slide(prs), header=False)
    result = runner.invoke(main, ["check", str(save(prs, tmp_path / "t.pptx"))])
    assert result.exit_code == 1
    assert f"slide 1 '{frame.name}': table-header (error): Missing table header" in result.output
    assert "(fix: turn on Header Row" in result.output


def test_the_rules_run_by_default_as_the_builds_self_check_calls_them(tmp_path):
    prs = new_deck()
    chart(titled_slide(prs))
    data = (save(prs, tmp_path / "b.pptx")).read_bytes()
    # build.py: check_deck(data, name=..., schema=False), failing(..., "error")
    errors = check_module.failing(check_deck(data, name="b.pptx", schema=False), "error")
    assert [f.rule for f in errors] == ["alt-text"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_deckgens_own_deck_passes_powerpoints_checker_rules(tmp_path, runner, lang):
    out = tmp_path / lang
    result = runner.invoke(
        main, ["build", "--out", str(out), "--deck-only", "--lang", lang, "--no-check"]
    )
    assert result.exit_code == 0, result.output
    (deck,) = out.glob("*.pptx")
    assert [str(f) for f in check_deck(deck, schema=False) if f.rule in RULES] == []


def test_the_build_refuses_a_deck_that_breaks_an_accessibility_rule(tmp_path, runner, monkeypatch):
    from deckgen.deck import render

    drawn = render.render_package

    def with_a_bare_dot(plan, base, *more):
        prs = Presentation(io.BytesIO(drawn(plan, base, *more)[0]))
        dot = prs.slides[1].shapes.add_shape(
            MSO_SHAPE.OVAL, Inches(6), Inches(3), Inches(0.3), Inches(0.3)
        )
        dot.name = "Bare dot"
        buffer = io.BytesIO()
        prs.save(buffer)
        archive = zipfile.ZipFile(buffer)
        return buffer.getvalue(), {n: archive.read(n) for n in archive.namelist()}

    monkeypatch.setattr(render, "render_package", with_a_bare_dot)
    result = runner.invoke(main, ["build", "--out", str(tmp_path), "--deck-only"])
    assert result.exit_code != 0
    assert "slide 2 'Bare dot': alt-text (error): Missing alternative text" in result.output
    assert not list(tmp_path.glob("*.pptx"))
