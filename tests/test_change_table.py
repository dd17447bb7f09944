"""Change slides, table slides and the change card: declines marked as plainly as rises,
derived changes computed exactly and labelled, native tables that continue under their header."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from deckgen.build import BuildOptions, build, load_inputs, make_plan
from deckgen.check import check_deck
from deckgen.plan import ShapeEl, TableEl, TextEl
from deckgen.plancheck import contrast
from deckgen.slides import change as change_slides

ROOT = Path(__file__).resolve().parent.parent
PARKS = ROOT / "examples" / "park-visits.yaml"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

LAYOUT = """\
name: change-and-tables
slides:
  - kind: title
  - kind: change
    story: change
  - kind: change
    story: growth
  - kind: table
    story: trend
  - kind: table
    story: change
    title: The indicators in full
infographics:
  - kind: change
    story: change
"""


def _layout(tmp_path: Path, text: str = LAYOUT) -> str:
    path = tmp_path / "layout.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def parks_plan(tmp_path_factory):
    folder = tmp_path_factory.mktemp("layout")
    return make_plan(PARKS, BuildOptions(layout=_layout(folder)))


def _texts(slide) -> dict[str, str]:
    return {
        e.name: "\n".join("".join(r.text for r in p.runs) for p in e.paragraphs)
        for e in slide.elements
        if isinstance(e, TextEl)
    }


def _element(slide, name: str):
    return next(e for e in slide.elements if e.name == name)


def _change_slide(plan):
    return next(s for s in plan.slides if s.kind == "change")


# -- change slides --------------------------------------------------------------------------
def test_a_fall_is_marked_as_a_fall_as_plainly_as_a_rise(parks_plan):
    slide = _change_slide(parks_plan)
    texts = _texts(slide)
    assert texts["record_parks_2017 change"].startswith("−16 parks")
    fall = _element(slide, "record_parks_2017 fall")
    rise = _element(slide, "reporting_parks_2017 rise")
    assert isinstance(fall, ShapeEl) and fall.shape == "triangleDown"
    assert isinstance(rise, ShapeEl) and rise.shape == "triangle"
    decline_run = _element(slide, "record_parks_2017 change").paragraphs[0].runs[0]
    rise_run = _element(slide, "reporting_parks_2017 change").paragraphs[0].runs[0]
    assert decline_run.color == fall.fill != rise_run.color == rise.fill
    surface = _element(slide, "record_parks_2017 row").fill
    assert contrast(decline_run.color, surface) >= 4.5
    assert decline_run.bold and rise_run.bold and decline_run.size_pt == rise_run.size_pt
    assert "77 parks in 2016, 61 parks in 2017: down 16 parks" in slide.notes
    assert "up 3 parks" in slide.notes


def test_derived_changes_are_exact_and_labelled_derived(parks_plan):
    slide = _change_slide(parks_plan)
    texts = _texts(slide)
    # 330,882,751 − 330,971,689, and 1.44 − 1.4 in decimals (not 0.040000000000000036)
    assert texts["visits_2017 change"] == "−88,938 recreation visits\nderived"
    assert texts["hours_2017 change"] == "about +0.04 billion hours\nderived"
    assert "Derived note" in texts and "computed here" in texts["Derived note"]
    assert slide.notes.count("The change is derived from the two stated figures") == len(
        [n for n in texts if n.endswith(" change")]
    )
    assert (
        "Source: NPS 2016 visitation, Mar 2017, paragraph 12; NPS release, Mar 2018, "
        "paragraph 8." in slide.notes
    )


def test_qualifiers_are_kept_on_both_values_and_make_the_change_approximate(parks_plan):
    slide = _change_slide(parks_plan)
    texts = _texts(slide)
    assert texts["record_share_2017 before"] == "about 20%\n2016"
    assert texts["record_share_2017 after"] == "about 16%\n2017"
    assert texts["record_share_2017 change"] == "about −4 pp\nderived"
    assert texts["hours_2017 after"] == "more than 1.44 billion hours\n2017"
    assert texts["hours_2017 before"] == "1.4 billion hours\n2016"
    assert "down about 4 percentage points" in slide.notes


def test_stated_growth_rates_are_shown_as_stated_with_their_basis(parks_plan):
    slide = next(
        s
        for s in parks_plan.slides
        if s.kind == "change" and "RV" in s.title.paragraphs[0].runs[0].text
    )
    texts = _texts(slide)
    assert texts["rv_growth_2016 change"] == "+12.5%\nyear on year"
    # growth rates alone: the column holds only their periods
    assert "Before heading" not in texts and texts["Period heading"] == "Period"
    assert "derived" not in " ".join(texts.values()) and "derived" not in slide.notes
    assert "up 12.5% year on year (2016), as stated" in slide.notes


def test_a_stated_fall_is_marked_down(tmp_path):
    facts = _facts(tmp_path, [_growth("fall", -3.8), _growth("rise", 2.9)])
    plan = make_plan(facts, BuildOptions(layout=_layout(tmp_path, _one("change"))))
    slide = plan.slides[1]
    assert _texts(slide)["fall change"].startswith("−3.8%")
    assert _element(slide, "fall fall").shape == "triangleDown"
    assert _element(slide, "rise rise").shape == "triangle"
    assert "down 3.8% year on year" in slide.notes


def test_many_rows_continue_on_more_slides(tmp_path):
    metrics = [_pair(f"m{i}", 100 + i, 90 + 2 * i) for i in range(9)]
    facts = _facts(tmp_path, metrics)
    plan = make_plan(facts, BuildOptions(layout=_layout(tmp_path, _one("change"))))
    titles = [s.title.paragraphs[0].runs[0].text for s in plan.slides]
    assert len(plan.slides) >= 3 and titles[2] == f"{titles[1]} (continued)"
    rows = [e.name for s in plan.slides for e in s.elements if e.name.endswith(" row")]
    assert rows == [f"m{i} row" for i in range(9)]  # every row once, in order
    sizes = [len([e for e in s.elements if e.name.endswith(" row")]) for s in plan.slides[1:]]
    assert max(sizes) - min(sizes) <= 1  # shared evenly, never 6 + 1


def test_nothing_to_show_skips_the_slide(tmp_path):
    facts = _facts(tmp_path, [_level("plain", 5)], story_metrics=False)
    plan = make_plan(facts, BuildOptions(layout=_layout(tmp_path, _one("change") + _kind("table"))))
    assert [s.kind for s in plan.slides] == ["title"]


def test_derive_in_points_places_and_no_change(tmp_path):
    metrics = [
        {**_pair("share", 16, 20, unit="%"), "of": "all parks"},
        {**_pair("rank", 3, 5, unit="rank")},
        {**_pair("same", 7, 7)},
        {**_pair("money", 0.95, 1.2, unit="USD billion")},
    ]
    inputs = load_inputs(_facts(tmp_path, metrics), BuildOptions())
    ctx = inputs.context()
    got = {m["id"]: change_slides.derive(ctx, ctx.facts.metric(m["id"])) for m in metrics}
    assert got["share"] == ("−4 pp", -1, False, "down 4 percentage points")
    assert got["rank"] == ("up 2 places", 1, False, "up 2 places")  # 5th to 3rd is a rise
    assert got["same"][:2] == ("no change", 0)
    assert got["money"][0] == "−US$0.25 billion"


# -- table slides ---------------------------------------------------------------------------
def _tables(deck: Path) -> list[tuple[int, object]]:
    prs = Presentation(str(deck))
    return [
        (n, shape)
        for n, slide in enumerate(prs.slides, start=1)
        for shape in slide.shapes
        if getattr(shape, "has_table", False)
    ]


def _cells(frame) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in frame.table.rows]


def _align(cell) -> str | None:
    ppr = cell._tc.find(f"{A}txBody/{A}p/{A}pPr")
    return None if ppr is None else ppr.get("algn")


@pytest.fixture(scope="module")
def parks_deck(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("parks")
    result = build(PARKS, out, BuildOptions(layout=_layout(out)))
    return result.deck


def test_a_metrics_table_is_a_native_table_with_derived_changes(parks_deck):
    tables = _tables(parks_deck)
    frame = next(f for _, f in tables if _cells(f)[0][0] == "Indicator")
    rows = _cells(frame)
    assert rows[0] == [
        "Indicator",
        "Value",
        "Unit or basis",
        "Period",
        "Earlier",
        "Change (derived)",
    ]
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name["Parks setting a record"][1:] == [
        "61",
        "parks",
        "2017",
        "2016: 77",
        "↓ −16 parks",
    ]
    assert by_name["Share setting a record"][1] == "about 16%"
    assert by_name["Share setting a record"][4:] == ["2016: about 20%", "↓ about −4 pp"]
    assert by_name["Recreation hours"][1] == "more than 1.44"
    table = frame.table
    assert table.first_row
    header = table.rows[0].cells[0].text_frame.paragraphs[0].runs[0]
    assert header.font.bold
    for r in range(1, len(rows)):
        assert _align(table.cell(r, 1)) == "r" and _align(table.cell(r, 5)) == "r"
        assert _align(table.cell(r, 0)) == "l"
    fall = (
        table.cell(next(i for i, r in enumerate(rows) if r[0] == "Parks setting a record"), 5)
        .text_frame.paragraphs[0]
        .runs[0]
    )
    rise = (
        table.cell(next(i for i, r in enumerate(rows) if r[0] == "Parks counting visitors"), 5)
        .text_frame.paragraphs[0]
        .runs[0]
    )
    assert fall.font.color.rgb != rise.font.color.rgb
    descr = frame._element.xpath("./p:nvGraphicFramePr/p:cNvPr")[0].get("descr")
    assert descr.startswith("Table: ")
    slide = Presentation(str(parks_deck)).slides[next(n for n, f in tables if f is frame) - 1]
    assert "Change: derived from the two stated figures" in " ".join(
        s.text_frame.text for s in slide.shapes if s.has_text_frame
    )


def test_a_long_series_continues_under_its_header_and_gaps_are_dashes(tmp_path):
    points = [
        {"period": 1990 + i, "value": 1000 + 37 * i} if i != 11 else {"period": 1990 + i}
        for i in range(30)
    ]
    points[4]["qualifier"] = "about"
    facts = _facts(tmp_path, [_level("plain", 5)], series=[_series("long", points, TONNES)])
    out = tmp_path / "out"
    result = build(
        facts, out, BuildOptions(layout=_layout(tmp_path, _one("table"))), deck_only=True
    )
    tables = _tables(result.deck)
    assert len(tables) >= 2
    headers = {tuple(_cells(f)[0]) for _, f in tables}
    assert headers == {("Period", "Long series (tonnes)")}  # the header on every slide
    body = [r for _, f in tables for r in _cells(f)[1:]]
    assert [r[0] for r in body] == [str(1990 + i) for i in range(30)]
    assert body[11][1] == "–" and body[4][1] == "about 1,148"
    assert "0" not in [r[1] for r in body]
    for _, frame in tables:
        for r in range(1, len(frame.table.rows)):
            assert _align(frame.table.cell(r, 1)) == "r"
        assert frame.table.rows[0].cells[0].text_frame.paragraphs[0].runs[0].font.bold
    prs = Presentation(str(result.deck))
    titles = [s.shapes.title.text for s in prs.slides]
    assert all(t.startswith(f"{titles[1]} (continued") for t in titles[2:])
    assert len(set(titles)) == len(titles)  # numbered when there are more than two
    texts = [
        " ".join(s.text_frame.text for s in sl.shapes if s.has_text_frame) for sl in prs.slides
    ]
    gap_slide = next(n for n, f in tables if "–" in sum(_cells(f), [])) - 1
    assert "no figure given" in texts[gap_slide]
    notes = prs.slides[gap_slide].notes_slide.notes_text_frame.text
    assert "no figure is given for 2001" in notes
    findings = check_deck(result.deck)
    assert findings == []


def test_few_periods_go_across_with_a_unit_column_when_units_differ(tmp_path):
    a = _series("a", [{"period": 2020 + i, "value": 10 + i} for i in range(4)], TONNES)
    b = _series("b", [{"period": 2020 + i, "value": 1.5 + i} for i in range(4)], "USD billion")
    facts = _facts(tmp_path, [_level("plain", 5)], series=[a, b])
    plan = make_plan(facts, BuildOptions(layout=_layout(tmp_path, _one("table"))))
    table = next(e for s in plan.slides for e in s.elements if isinstance(e, TableEl))
    texts = [[c.text for c in row] for row in table.rows]
    assert texts[0] == ["Indicator", "Unit", "2020", "2021", "2022", "2023"]
    assert texts[1][:3] == ["A series", "tonnes", "10"]
    assert texts[2][:3] == ["B series", "US$ billion", "US$1.5"]
    assert all(c.align == "right" for row in table.rows for c in row[2:])
    assert table.rows[0][0].bold and not table.rows[1][0].bold
    assert sum(table.col_widths) == table.box.w and sum(table.row_heights) == table.box.h


def test_check_reads_table_cells(tmp_path):
    from pptx.dml.color import RGBColor
    from pptx.util import Inches, Pt

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "A cramped table"
    table = slide.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(3), Inches(0.6)).table
    table.cell(0, 0).text = "a long text that needs several lines in this narrow cell for sure"
    run = table.cell(1, 1).text_frame.paragraphs[0].add_run()
    run.text = "faint"
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor(0xDD, 0xDD, 0xDD)
    table.cell(1, 1).fill.solid()
    table.cell(1, 1).fill.fore_color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    path = tmp_path / "cramped.pptx"
    prs.save(str(path))
    rules = {f.rule for f in check_deck(path)}
    assert {"text-overflow", "small-font", "contrast"} <= rules


# -- Chinese --------------------------------------------------------------------------------
def test_chinese_change_and_table(tmp_path):
    metrics = [
        {
            **_pair("parks", 61, 77, unit={"en": "parks", "zh": "个"}),
            "short": {"en": "Parks setting a record", "zh": "创纪录的公园"},
        },
        {
            **_pair("share", 16, 20, unit="%"),
            "of": {"en": "reporting parks", "zh": "统计游客的公园"},
            "qualifier": {"en": "about", "zh": "约"},
            "short": {"en": "Share", "zh": "占比"},
        },
    ]
    metrics[1]["earlier"]["qualifier"] = {"en": "about", "zh": "约"}
    facts = _facts(tmp_path, metrics, lang="zh")
    layout = _layout(
        tmp_path, _one("change") + _kind("table") + "infographics:\n  - kind: change\n"
    )
    out = tmp_path / "zh"
    result = build(facts, out, BuildOptions(layout=layout, lang="zh"))
    plan = make_plan(facts, BuildOptions(layout=layout, lang="zh"))
    slide = plan.slides[1]
    texts = _texts(slide)
    assert texts["parks change"] == "下降16个\n推算"
    assert texts["share before"] == "约20%\n2016年" and texts["share after"] == "约16%\n2017年"
    assert texts["share change"] == "下降约4个百分点\n推算"
    assert _element(slide, "parks fall").shape == "triangleDown"
    assert "下降16个" in slide.notes and "推算" in slide.notes
    frame = _tables(result.deck)[0][1]
    rows = _cells(frame)
    assert rows[0][0] == "指标" and rows[0][-1] == "变化（推算）"
    assert rows[1][-1] == "下降16个"
    run = frame.table.cell(1, 0).text_frame.paragraphs[0].runs[0]
    assert run._r.find(f"{A}rPr").get("lang") == "zh-CN"
    assert [f for f in check_deck(result.deck) if f.severity == "error"] == []
    manifest = json.loads((out / "infographics" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest[0]["file"] == "change-indicators.png"  # no story: every indicator
    assert "下降16个（推算）" in manifest[0]["alt"]


# -- the change card ------------------------------------------------------------------------
def test_the_change_card_is_drawn_with_its_fall_marked(parks_deck):
    folder = parks_deck.parent / "infographics"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    entry = next(e for e in manifest if e["kind"] == "change")
    assert entry["file"] == "change-change.png"
    assert "from 77 parks in 2016 to 61 parks in 2017, down 16 parks (derived)" in entry["alt"]
    assert "down about 4 percentage points (derived)" in entry["alt"]
    with Image.open(folder / entry["file"]) as im:
        assert im.size == (entry["width"], entry["height"]) == (3000, 1875)
        pixels = list(im.convert("RGB").get_flattened_data())
        decline = (0xB3, 0x47, 0x0C)  # the default theme's decline (accent) colour
        rise = (0x0B, 0x4F, 0x8A)
        assert sum(1 for p in pixels if p == decline) > 2000  # three falls, marked
        assert sum(1 for p in pixels if p == rise) > 2000


def test_the_park_deck_checks_clean(parks_deck):
    assert check_deck(parks_deck) == []


# -- facts files ----------------------------------------------------------------------------
def _facts(
    tmp_path: Path,
    metrics: list[dict],
    series: list[dict] | None = None,
    story_metrics=True,
    lang: str = "en",
) -> Path:
    """Write a facts file: the metrics, the series (shown by the story when given), and a
    story showing the metrics (unless ``story_metrics`` is False)."""
    import yaml

    story = {"id": "story", "title": {"en": "How the figures moved", "zh": "数据如何变化"}}
    if series is not None:
        story["series"] = [s["id"] for s in series]
    elif story_metrics:
        story["metrics"] = [m["id"] for m in metrics]
    data = {
        "meta": {
            "title": {"en": "A test of changes", "zh": "变化测试"},
            "date": "2024-01-15",
            "organisation": {"en": "Test office", "zh": "测试办公室"},
            "language": lang,
        },
        "sources": [
            {
                "id": "src",
                "publisher": {"en": "Test office", "zh": "测试办公室"},
                "event": {"en": "Yearly release", "zh": "年度发布"},
                "date": "2024-01-15",
                "short": {"en": "Release, Jan 2024", "zh": "发布，2024年1月"},
            }
        ],
        "metrics": metrics,
        "series": series or [],
        "stories": [story],
    }
    path = tmp_path / "facts.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


# The facts are built in English and Chinese: a noun unit is given in both.
PARKS_UNIT = {"en": "parks", "zh": "个"}
TONNES = {"en": "tonnes", "zh": "吨"}


def _pair(mid: str, value, earlier, unit=None) -> dict:
    return {
        "id": mid,
        "value": value,
        "unit": PARKS_UNIT if unit is None else unit,
        "label": {"en": f"{mid} counted", "zh": f"{mid}数量"},
        "period": "2017",
        "earlier": {"value": earlier, "period": "2016"},
        "cite": {"source": "src", "para": 1},
    }


def _growth(mid: str, value: float) -> dict:
    return {
        "id": mid,
        "value": value,
        "unit": "%",
        "kind": "growth",
        "basis": "year-on-year",
        "label": f"change in {mid}",
        "short": mid,
        "period": "2018",
        "cite": {"source": "src", "para": 2},
    }


def _level(mid: str, value) -> dict:
    return {
        "id": mid,
        "value": value,
        "unit": PARKS_UNIT,
        "label": "parks",
        "cite": {"source": "src", "para": 3},
    }


def _series(sid: str, points: list[dict], unit: str | dict) -> dict:
    return {
        "id": sid,
        "name": f"{sid.capitalize()} series",
        "unit": unit,
        "cite": {"source": "src", "para": 4},
        "points": points,
    }


def _one(kind: str) -> str:
    return f"name: one\nslides:\n  - kind: title\n{_kind(kind)}"


def _kind(kind: str) -> str:
    return f"  - kind: {kind}\n    story: story\n"


@pytest.mark.parametrize(("lang", "heading"), [("zh", "数值"), ("en", "Figure")])
def test_a_column_of_figures_is_headed_as_figures_not_periods(tmp_path, runner, lang, heading):
    """Levels stated with their growth (49843.1亿元 over 2024年) sit under 'Figure', never
    under 'Period'."""
    from deckgen.cli import main

    facts = Path(__file__).resolve().parent.parent / "examples" / "beijing-2024-economy.yaml"
    args = ["build", str(facts), "--lang", lang, "--deck-only", "--out", str(tmp_path)]
    assert runner.invoke(main, args).exit_code == 0
    (deck,) = tmp_path.glob("*.pptx")
    slides = [
        {s.name: s.text_frame.text for s in slide.shapes if s.has_text_frame}
        for slide in Presentation(str(deck)).slides
    ]
    tables = [s for s in slides if any(name.endswith(" after") for name in s)]
    assert tables and all(s.get(f"{heading} heading") == heading for s in tables)


def test_small_tables_share_a_slide_and_long_ones_keep_their_own():
    """Series with different periods make separate tables; tables that each fit a slide
    share one, one under another, each with its own alt text and rows, when they fit."""
    root = Path(__file__).resolve().parent.parent
    plan = make_plan(root / "examples" / "china-trade-2023.yaml", BuildOptions(lang="zh"))
    tables = [s for s in plan.slides if s.kind == "table"]
    assert len(tables) == 1
    placed = [e for e in tables[0].elements if isinstance(e, TableEl)]
    assert len(placed) == 2 and placed[0].box.bottom < placed[1].box.y
    assert len({t.alt for t in placed}) == 2
    parks = make_plan(root / "examples" / "park-visits.yaml", BuildOptions())
    long = [s for s in parks.slides if s.kind == "table"]
    assert [len([e for e in s.elements if isinstance(e, TableEl)]) for s in long] == [1]
