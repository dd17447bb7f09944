"""Trend slides and PNGs: native column and line charts from zero, falls and gaps shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation

from deckgen.check import check_deck
from deckgen.cli import main
from deckgen.slides.trend import nice_range

ROOT = Path(__file__).resolve().parent.parent
PARK = ROOT / "examples" / "park-visits.yaml"
C = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}

FACTS = """\
meta:
  title: {en: Output and trade, zh: 产出与贸易}
  date: 2024-03-01
  organisation: {en: Statistics Desk, zh: 统计处}
  language: en
sources:
- id: stats
  publisher: {en: Statistics Office, zh: 统计局}
  event: {en: Yearly release, zh: 年度公报}
  date: 2024-02
  short: {en: 'Statistics release, Feb 2024', zh: 统计公报，2024年2月}
series:
- id: growth
  name: {en: Growth of industrial output, zh: 工业产出增长}
  short: {en: Output growth, zh: 产出增长}
  unit: '%'
  kind: growth
  basis: year-on-year
  cite: {source: stats, para: 2}
  points:
  - {period: '2016', value: 6.1}
  - {period: '2017', value: 6.6}
  - {period: '2018', value: 6.2}
  - {period: '2019'}
  - {period: '2020', value: -2.8}
  - {period: '2021', value: 9.6}
  - {period: '2022', value: 3.4}
  - {period: '2023', value: -1.2, cite: {source: stats, para: 5}}
- id: exports
  name: {en: Exports of goods, zh: 货物出口}
  short: {en: Exports, zh: 出口}
  unit: USD billion
  total: 207.8
  cite: {source: stats, para: 3}
  points:
  - {period: 2019-Q1, value: 8.1}
  - {period: 2019-Q2, value: 8.4}
  - {period: 2019-Q3, value: 9.0}
  - {period: 2019-Q4, value: 9.7}
  - {period: 2020-Q1, value: 7.2}
  - {period: 2020-Q2, value: 6.5}
  - {period: 2020-Q3, value: 8.8}
  - {period: 2020-Q4, value: 10.1}
  - {period: 2021-Q1, value: 10.4}
  - {period: 2021-Q2, value: 11.0}
  - {period: 2021-Q3, value: 11.9}
  - {period: 2021-Q4, value: 12.6}
  - {period: 2022-Q1, value: 12.2}
  - {period: 2022-Q3, value: 12.8}
  - {period: 2022-Q4, value: 13.5}
  - {period: 2023-Q1, value: 12.9}
  - {period: 2023-Q2, value: 13.3}
  - {period: 2023-Q3, value: 14.0}
  - {period: 2023-Q4, value: 15.3}
- id: imports
  name: {en: Imports of goods, zh: 货物进口}
  short: {en: Imports, zh: 进口}
  unit: USD billion
  cite: {source: stats, para: 4}
  points:
  - {period: 2022-Q1, value: 10.9}
  - {period: 2022-Q2, value: 11.2}
  - {period: 2022-Q3, value: 11.6}
  - {period: 2022-Q4, value: 11.4}
metrics:
- id: exports_2023
  value: 55.5
  unit: USD billion
  label: {en: of goods exported in 2023, zh: 2023年货物出口}
  cite: {source: stats, para: 3}
stories:
- id: growth
  title: {en: Output fell in 2020 and again in 2023, zh: 工业产出在2020年和2023年下降}
  series: [growth]
  notes: {en: Growth rates over the year before., zh: 与上年相比的增长率。}
- id: trade
  title: {en: Exports and imports rose through 2022, zh: 2022年进出口均有增长}
  series: [exports, imports]
- id: mixed
  title: {en: Growth and exports, zh: 增长与出口}
  series: [growth, exports]
"""

LAYOUT = """\
name: trends
slides:
  - kind: title
  - kind: trend
    story: growth
  - kind: trend
    series: [exports]
  - kind: trend
    story: trade
infographics:
  - kind: trend
    story: growth
  - kind: trend
    series: [exports]
"""

PARK_LAYOUT = """\
name: park-trend
slides:
  - kind: title
  - kind: trend
    story: trend
  - kind: sources
infographics:
  - kind: trend
    story: trend
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _build(runner, facts: Path, layout: Path, out: Path, *extra: str) -> Path:
    result = runner.invoke(
        main, ["build", str(facts), "--layout", str(layout), "--out", str(out), *extra]
    )
    assert result.exit_code == 0, result.output
    return next(out.glob("*.pptx"))


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("trend-inputs")
    return _write(folder, "facts.yaml", FACTS), _write(folder, "layout.yaml", LAYOUT)


@pytest.fixture(scope="module", params=["en", "zh"])
def built(request, inputs, tmp_path_factory) -> tuple[str, Path]:
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp(f"trend-{request.param}")
    facts, layout = inputs
    deck = _build(CliRunner(), facts, layout, out, "--lang", request.param)
    return request.param, deck


def _chart(slide):
    frames = [s for s in slide.shapes if s.has_chart]
    assert len(frames) == 1
    return frames[0], etree.fromstring(frames[0].chart._chartSpace.xml.encode())


def _values(series) -> dict[int, float]:
    return {
        int(pt.get("idx")): float(pt.findtext("c:v", namespaces=C))
        for pt in series.findall("c:val/c:numRef/c:numCache/c:pt", C)
    }


def _point_colours(series) -> dict[int, str]:
    a = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    return {
        int(d.find("c:idx", C).get("val")): d.find(".//a:srgbClr", a).get("val")
        for d in series.findall("c:dPt", C)
    }


def _count(series) -> int:
    return int(series.find("c:val/c:numRef/c:numCache/c:ptCount", C).get("val"))


def _text(slide, name: str) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.name == name)


def _unit(slide) -> str:
    """Return the unit over the value axis: the chart's axis title, or the text box that
    stands in for a unit too long for one."""
    frame, xml = _chart(slide)
    title = xml.find(".//c:valAx/c:title", C)
    if title is not None:
        a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
        assert _text(slide, "Value axis unit") == ""  # never both
        return "".join(t.text for t in title.iter(f"{a}t"))
    return _text(slide, "Value axis unit")


def test_growth_rates_are_native_columns_from_below_zero_with_a_gap(built):
    lang, deck = built
    slide = Presentation(str(deck)).slides[1]
    frame, xml = _chart(slide)
    bar = xml.find(".//c:barChart", C)
    assert bar is not None and bar.find("c:barDir", C).get("val") == "col"
    series = bar.findall("c:ser", C)[0]
    assert _count(series) == 8  # 2016 to 2023
    values = _values(series)
    assert 3 not in values  # 2019 is a gap, never a zero column
    assert values[4] == pytest.approx(-2.8) and values[7] == pytest.approx(-1.2)
    assert xml.find(".//c:dispBlanksAs", C).get("val") == "gap"
    low = float(xml.find(".//c:valAx/c:scaling/c:min", C).get("val"))
    assert low <= -2.8  # the falls are below the axis, not cut off
    falls = {i for i, colour in _point_colours(series).items() if colour == "B3470C"}
    assert falls == {4, 7}
    callout = _text(slide, "Latest value")
    alt = frame._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
    if lang == "en":
        assert "Latest, 2023" in callout and "\u22121.2%" in callout
        assert "down 1.2% year on year" in callout
        assert alt.startswith(
            "Column chart of output growth (growth rates, year on year) by year, 2016 to "
            "2023, in %; lowest \u22122.8% in 2020; highest +9.6% in 2021; latest \u22121.2% "
            "in 2023; below zero (falls) in 2020, 2023"
        )
        assert "no figure for 2019" in alt
        assert "No figure for 2019" in _text(slide, "Key 2")
    else:
        assert "最新（2023年）" in callout and "-1.2%" in callout  # hyphen-minus in Chinese
        assert "同比下降1.2%" in callout
        assert "柱形图" in alt and "增长率，同比" in alt and "2019年无数据" in alt
        assert _unit(slide) == "同比增长（%）"


def test_a_quarterly_series_is_a_line_with_the_missing_quarter_as_a_gap(built):
    lang, deck = built
    slide = Presentation(str(deck)).slides[2]
    frame, xml = _chart(slide)
    line = xml.find(".//c:lineChart", C)
    assert line is not None and xml.find(".//c:barChart", C) is None
    series = line.findall("c:ser", C)
    assert _count(series[0]) == 20  # 19 given quarters and Q2 2022, which the source lacks
    values = _values(series[0])
    assert len(values) == 19 and 13 not in values
    categories = [p.findtext("c:v", namespaces=C) for p in series[0].findall(".//c:cat//c:pt", C)]
    assert len(categories) == 20 and categories[13] == ("Q2 2022" if lang == "en" else "2022Q2")
    # Twenty labels would collide: the chart's own are hidden, every Q1 is set under it.
    assert xml.find(".//c:catAx/c:tickLblPos", C).get("val") == "none"
    shown = [s.text_frame.text for s in slide.shapes if s.name.startswith("Period ")]
    assert shown == (
        ["Q1 2019", "Q1 2020", "Q1 2021", "Q1 2022", "Q1 2023"]
        if lang == "en"
        else ["2019Q1", "2020Q1", "2021Q1", "2022Q1", "2023Q1"]
    )
    boxes = sorted((s.left, s.left + s.width) for s in slide.shapes if s.name.startswith("Period"))
    assert all(a[1] <= b[0] for a, b in zip(boxes, boxes[1:]))
    assert float(xml.find(".//c:valAx/c:scaling/c:min", C).get("val")) == 0
    callout = _text(slide, "Latest value")
    alt = frame._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
    notes = slide.notes_slide.notes_text_frame.text
    if lang == "en":
        assert "US$15.3 billion" in callout and "Latest, Q4\u00a02023" in callout
        assert alt.startswith("Line chart of exports by quarter, Q1 2019 to Q4 2023")
        assert "in US$ billion" in alt and "no figure for Q2 2022" in alt
        assert "Total as stated: US$207.8 billion" in notes
        assert "Sum of the values shown (derived): US$207.7 billion" in notes
        assert "Q2 2022: no figure given (a gap in the chart)." in notes
    else:
        assert "153亿美元" in callout and "2023年四季度" in callout
        assert "折线图" in alt and "亿美元" in alt
        assert _unit(slide) == "亿美元"  # ticks in 亿美元, as the callout
        assert max(_values(series[0]).values()) == pytest.approx(153)
        assert "所述合计：2078亿美元" in notes and "（推算）：2077亿美元" in notes


def test_series_of_one_unit_share_a_line_chart(built):
    lang, deck = built
    slide = Presentation(str(deck)).slides[3]
    _, xml = _chart(slide)
    series = xml.findall(".//c:lineChart/c:ser", C)
    assert len(series) == 2
    assert [_count(s) for s in series] == [20, 20]
    assert len(_values(series[1])) == 4  # imports are given for 2022 only
    callout = _text(slide, "Latest value")
    assert ("US$15.3 billion" if lang == "en" else "153亿美元") in callout
    assert ("US$11.4 billion" if lang == "en" else "114亿美元") in callout


def test_the_trend_deck_passes_the_check(built):
    _, deck = built
    assert check_deck(deck) == []


def test_series_of_different_units_on_one_slide_is_a_one_line_error(inputs, tmp_path, runner):
    facts, _ = inputs
    for entry, key in (
        ("story: mixed", "stories[mixed].series"),
        ("series: [growth, exports]", "series[exports].unit"),
    ):
        layout = _write(tmp_path, "mixed.yaml", f"name: m\nslides:\n  - kind: trend\n    {entry}\n")
        result = runner.invoke(
            main, ["build", str(facts), "--layout", str(layout), "--out", str(tmp_path / "o")]
        )
        assert result.exit_code == 1
        message = result.output.strip()
        assert len(message.splitlines()) == 1, message
        assert f"{facts}:" in message and f" {key}:" in message
        assert "show them on separate trend slides" in message


def test_trend_pngs_are_drawn_with_falls_and_alt_text(inputs, tmp_path, runner):
    facts, layout = inputs
    _build(runner, facts, layout, tmp_path)
    folder = tmp_path / "infographics"
    manifest = {e["file"]: e for e in json.loads((folder / "manifest.json").read_text())}
    assert set(manifest) == {"trend-growth.png", "trend-exports.png"}
    growth = manifest["trend-growth.png"]
    assert growth["alt"].startswith("Column chart of output growth (growth rates, year on")
    assert growth["title"] == "Output fell in 2020 and again in 2023"
    assert manifest["trend-exports.png"]["alt"].startswith("Line chart of exports by quarter")
    with Image.open(folder / "trend-growth.png") as im:
        assert im.size == (3000, 1680)
        colours = {c for _, c in im.convert("RGB").getcolors(1 << 22)}
    assert (0xB3, 0x47, 0x0C) in colours  # the falls, in the decline colour
    assert (0x00, 0x72, 0xB2) in colours  # the rises


def test_park_visits_marks_the_years_that_fell(tmp_path, runner):
    layout = _write(tmp_path, "layout.yaml", PARK_LAYOUT)
    deck = _build(runner, PARK, layout, tmp_path / "out")
    assert check_deck(deck) == []
    slide = Presentation(str(deck)).slides[1]
    frame, xml = _chart(slide)
    series = xml.find(".//c:barChart/c:ser", C)
    assert _count(series) == 11 and len(_values(series)) == 11
    alt = frame._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
    assert alt == (
        "Column chart of recreation visits by year, 2008 to 2018, in visits; lowest "
        "273,630,895 in 2013; highest 330,971,689 in 2016; latest 318,211,833 in 2018; "
        "falls in 2010, 2011, 2013, 2017, 2018."
    )
    assert _text(slide, "Key 1") == "\u2193 Lower than the year before"
    callout = _text(slide, "Latest value")
    assert "318,211,833" in callout and "visits" in callout and "Latest, 2018" in callout
    assert "Lower than in 2017 (330,882,751 visits)" in callout.replace("\n", " ")
    assert _unit(slide) == "Visits, millions"
    assert max(_values(series).values()) == pytest.approx(330.971689)
    notes = slide.notes_slide.notes_text_frame.text
    assert "2016: 330,971,689 visits (source: NPS 2016 visitation, Mar 2017, paragraph 3)." in notes
    assert "2008: 274,852,949 visits." in notes
    png = tmp_path / "out" / "infographics" / "trend-visits.png"
    with Image.open(png) as im:
        assert im.text["Description"] == alt


def test_bars_take_negative_values():
    from lxml import etree

    from deckgen.deck.chartxml import chart_xml
    from deckgen.plan import Box, ChartEl

    el = ChartEl(
        "Growth",
        Box(0, 0, 5_000_000, 3_000_000),
        "bar",
        ("Hours", "Stays"),
        (7.0, -2.5),
        ("0072B2", "B3470C"),
        ("+7%", "\u22122.5%"),
        "Bar chart of growth rates",
        "1B2430",
    )
    scaling = etree.fromstring(chart_xml(el)).find(".//c:valAx/c:scaling", C)
    assert float(scaling.find("c:min", C).get("val")) < -2.5
    assert scaling.find("c:max", C) is None


def test_axes_always_hold_zero():
    assert nice_range(273.6, 331.0) == (0, 400, 100)
    bottom, top, step = nice_range(-2.8, 9.6)
    assert bottom < -2.8 and top > 9.6 and bottom <= 0
    assert nice_range(-5, -1)[1] == 0


def test_facts_without_series_get_no_trend_slide_or_png(tmp_path, runner):
    layout = _write(
        tmp_path,
        "layout.yaml",
        "name: t\nslides:\n  - kind: title\n  - kind: trend\ninfographics:\n  - kind: trend\n",
    )
    deck = _build(runner, ROOT / "data" / "two-zones.yaml", layout, tmp_path / "out")
    assert len(Presentation(str(deck)).slides) == 1
    assert not list((tmp_path / "out" / "infographics").glob("trend-*.png"))


def test_falls_stand_apart_in_a_monochrome_theme(inputs, tmp_path, runner):
    facts, layout = inputs
    deck = _build(runner, facts, layout, tmp_path, "--deck-only", "--theme", "print")
    _, xml = _chart(Presentation(str(deck)).slides[1])
    colours = _point_colours(xml.find(".//c:barChart/c:ser", C))
    falls, rises = {colours[4], colours[7]}, {colours[i] for i in (0, 1, 2, 5, 6)}
    assert len(falls) == 1 and len(rises) == 1 and falls != rises
    (fall,), (rise,) = falls, rises
    apart = sum((int(fall[i : i + 2], 16) - int(rise[i : i + 2], 16)) ** 2 for i in (0, 2, 4))
    assert apart**0.5 >= 120


QUALIFIED = """\
meta:
  title: {zh: 季度进出口, en: Trade by quarter}
  date: 2024-01-12
  organisation: {zh: 统计处, en: Statistics Desk}
  language: zh
sources:
- id: s
  publisher: {zh: 海关总署, en: Customs}
  event: {zh: 新闻发布会, en: Press conference}
  date: 2024-01-12
  short: {zh: 海关总署发布会，2024年1月12日, en: 'Customs, 12 Jan 2024'}
metrics: []
series:
- id: quarterly
  name: {zh: 2023年各季度进出口规模, en: Trade in each quarter of 2023}
  unit: CNY trillion
  chart: column
  cite: {source: s, para: 2}
  points:
  - {period: 2023-Q1, value: 9.69}
  - {period: 2023-Q2, value: 10, qualifier: 以上}
  - {period: 2023-Q3, value: 10, qualifier: 以上}
  - {period: 2023-Q4, value: 10, qualifier: {zh: 以上, en: over}}
"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_qualified_values_are_compared_only_as_far_as_they_prove(tmp_path, runner, lang):
    """Three quarters "over 10": none is the highest, the last is not "the same" as the one
    before; 9.69 is still the lowest, and the latest keeps its 以上."""
    facts = _write(tmp_path, "facts.yaml", QUALIFIED)
    layout = _write(
        tmp_path, "layout.yaml", PARK_LAYOUT.replace("story: trend", "series: [quarterly]")
    )
    deck = _build(runner, facts, layout, tmp_path / "out", "--lang", lang, "--deck-only")
    slide = Presentation(str(deck)).slides[1]
    said = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    said = said.replace("\x0b", "")
    alt = " ".join(
        s._element.xpath("./*[1]/p:cNvPr/@descr")[0] for s in slide.shapes if s.has_chart
    )
    if lang == "zh":
        assert "持平" not in said and "最高" not in said and "最高" not in alt, said
        assert "最低" in said and "9.69万亿元" in said
        assert "10万亿元以上" in said.replace("\n", ""), said
        assert "10万亿元以上" in alt
    else:
        assert "same as" not in said and "Highest" not in said and "highest" not in alt, said
        assert "Lowest" in said


def test_a_unit_missing_in_the_build_language_is_a_located_error(tmp_path, runner):
    """A series whose unit is given in English only, built in Chinese: a one-line error
    naming the unit's key, never an internal error."""
    facts = QUALIFIED.replace("unit: CNY trillion", "unit: {en: visits}").replace(
        "- {period: 2023-Q4, value: 10, qualifier: {zh: 以上, en: over}}",
        "- {period: 2023-Q4, value: 10}",
    )
    path = _write(tmp_path, "facts.yaml", facts)
    layout = _write(
        tmp_path, "layout.yaml", PARK_LAYOUT.replace("story: trend", "series: [quarterly]")
    )
    args = ["build", str(path), "--layout", str(layout), "--lang", "zh", "--deck-only"]
    result = runner.invoke(main, [*args, "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "series[quarterly].unit: unit 'visits' is English only" in result.output, result.output
    assert "internal error" not in result.output
