"""What an accessible deck says about itself: its properties, slide titles that tell slides
apart, tables with marked headers, charts whose units are titled and whose falls are
marked by more than their colour."""

from __future__ import annotations

import collections
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from deckgen.assets import LAYOUTS
from deckgen.build import BuildOptions, make_plan
from deckgen.cli import main
from deckgen.errors import DeckgenError
from deckgen.slides.base import continued, split_slides, title_text
from deckgen.slides.trend import FALL_MARK
from tests.templates import CORPUS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
PARK = ROOT / "examples" / "park-visits.yaml"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _build(runner, out: Path, *args: str) -> Path:
    result = runner.invoke(main, ["build", *args, "--out", str(out), "--deck-only"])
    assert result.exit_code == 0, result.output
    return next(out.glob("*.pptx"))


def _titles(plan) -> list[str]:
    return [title_text(s.title) for s in plan.slides]


def _repeated(titles: list[str]) -> list[str]:
    counts = collections.Counter(" ".join(t.split()).casefold() for t in titles)
    return [t for t in titles if counts[" ".join(t.split()).casefold()] > 1]


# -- document properties ----------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_core_properties_carry_title_subject_and_language(runner, tmp_path, lang):
    props = Presentation(str(_build(runner, tmp_path, "--lang", lang))).core_properties
    assert (
        props.title
        == {
            "en": 'Beijing\'s "two zones" at three years',
            "zh": "北京“两区”建设三年回顾",
        }[lang]
    )
    assert props.subject.startswith({"en": "Progress of the national", "zh": "国家服务业"}[lang])
    assert props.language == {"en": "en-US", "zh": "zh-CN"}[lang]


FACTS_WITHOUT_SUBTITLE = """\
meta:
  title: Visits at a glance
  date: 2024-03-01
  organisation: Visitor Desk
  language: en
sources:
- id: s
  publisher: Parks Office
  event: Yearly release
  date: 2024-02
  short: Parks release, Feb 2024
metrics:
- id: visits
  value: 12000
  unit: visits
  label: visits in 2023
  cite: {source: s, para: 1}
"""


def test_a_deck_without_a_subtitle_takes_its_title_as_subject(runner, tmp_path):
    facts = tmp_path / "facts.yaml"
    facts.write_text(FACTS_WITHOUT_SUBTITLE, encoding="utf-8")
    props = Presentation(str(_build(runner, tmp_path / "out", str(facts)))).core_properties
    assert props.title == props.subject == "Visits at a glance"
    assert props.language == "en-US"


# -- slide titles -----------------------------------------------------------------------------
def _combinations():
    layouts = sorted(p.stem for p in LAYOUTS.glob("*.yaml"))
    for facts in [None, *EXAMPLES]:
        for layout in layouts:
            for lang in ("en", "zh"):
                name = f"{facts.stem if facts else 'two-zones'}-{layout}-{lang}"
                yield pytest.param(facts, layout, None, lang, id=name)
    yield pytest.param(None, "executive", "harbour", "zh", id="two-zones-executive-harbour-zh")
    yield pytest.param(None, "one-pager", "print", "en", id="two-zones-one-pager-print-en")


@pytest.mark.parametrize(("facts", "layout", "theme", "lang"), list(_combinations()))
def test_every_bundled_layout_and_example_has_unique_slide_titles(facts, layout, theme, lang):
    try:
        plan = make_plan(facts, BuildOptions(layout=layout, theme=theme, lang=lang))
    except DeckgenError as e:
        if f"no '{lang}' text" in str(e):
            pytest.skip(f"the facts are not written in {lang}")
        raise
    titles = _titles(plan)
    assert all(t.strip() for t in titles)
    assert _repeated(titles) == []


@pytest.fixture(scope="module")
def masters(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("masters")
    names = ("plain", "4:3", "combined")
    return {name: CORPUS[name](folder / f"{name.replace(':', 'x')}.pptx") for name in names}


@pytest.mark.parametrize("name", ["plain", "4:3", "combined"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_decks_on_a_corporate_master_have_unique_slide_titles(masters, name, lang):
    titles = _titles(make_plan(None, BuildOptions(master=masters[name], lang=lang)))
    assert _repeated(titles) == []


def test_continuation_slides_are_numbered_when_there_are_more_than_two():
    made = split_slides(list(range(7)), [3], lambda n, group, count: (n, count, len(group)))
    assert made == [(0, 3, 3), (1, 3, 3), (2, 3, 1)]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["Figures", "Figures (continued, 2 of 3)", "Figures (continued, 3 of 3)"]),
        ("zh", ["Figures", "Figures（续，2/3）", "Figures（续，3/3）"]),
    ],
)
def test_continued_titles_differ(lang, expected):
    class Say:
        def say(self, key, **values):
            from deckgen import i18n

            return i18n.text(lang, key, **values)

    assert [continued(Say(), "Figures", n, 3) for n in range(3)] == expected  # type: ignore[arg-type]


SAME_STORY = """\
name: same-story
slides:
  - kind: title
  - kind: trend
    story: trend
  - kind: table
    story: trend
  - kind: section
    story: headline
  - kind: kpi-grid
    story: headline
  - kind: sources
"""


def test_slides_sharing_a_story_are_told_apart_by_what_they_show(tmp_path):
    layout = tmp_path / "layout.yaml"
    layout.write_text(SAME_STORY, encoding="utf-8")
    titles = _titles(make_plan(PARK, BuildOptions(layout=str(layout))))
    story = "Visits fell in three of the years to 2013, then climbed to a record in 2016"
    headline = "Visits topped 300 million for a fifth year, after falls in 2017 and 2018"
    assert titles[1:5] == [story, f"{story} (table)", headline, f"{headline} (key figures)"]
    assert _repeated(titles) == []


SAME_TITLE_ZH = """\
name: same-title
slides:
  - kind: kpi-grid
    story: headline
  - kind: chart
    story: investment
    chart: doughnut
    title: {en: Figures, zh: 数据}
  - kind: chart
    story: shares
    chart: doughnut
    title: {en: Figures, zh: 数据}
  - kind: progress
    story: progress
    title: {en: Figures, zh: 数据}
"""


def test_a_title_taken_twice_more_is_numbered_in_chinese(tmp_path):
    layout = tmp_path / "layout.yaml"
    layout.write_text(SAME_TITLE_ZH, encoding="utf-8")
    titles = _titles(make_plan(None, BuildOptions(layout=str(layout), lang="zh")))
    assert titles[1:] == ["数据", "数据（图表）", "数据（进展）"]


# -- tables -----------------------------------------------------------------------------------
def _tables(deck: Path):
    for number, slide in enumerate(Presentation(str(deck)).slides, 1):
        for shape in slide.shapes:
            if shape.has_table:
                yield number, shape


LONG_TABLE = "name: long-table\nslides:\n  - kind: table\n    series: [long]\n"


def _long_series(points: int) -> str:
    """Return facts (in English and Chinese) with one yearly series of ``points`` values."""
    lines = [
        "meta:",
        "  title: {en: Museum visits, zh: 博物馆参观}",
        "  date: 2024-03-01",
        "  organisation: {en: Visitor Desk, zh: 参观服务处}",
        "  language: en",
        "sources:",
        "- id: s",
        "  publisher: {en: Museum Office, zh: 博物馆办公室}",
        "  event: {en: Yearly release, zh: 年度公报}",
        "  date: 2024-02",
        "  short: {en: 'Museum release, Feb 2024', zh: 博物馆公报，2024年2月}",
        "metrics:",
        "- id: visits",
        "  value: 2295",
        "  unit: {en: visits, zh: 人次}",
        "  label: {en: visits in 2015, zh: 2015年参观人次}",
        "  cite: {source: s, para: 1}",
        "series:",
        "- id: long",
        "  name: {en: Visits to the museum, zh: 博物馆参观人次}",
        "  unit: {en: visits, zh: 人次}",
        "  cite: {source: s, para: 1}",
        "  points:",
    ]
    lines += [f"  - {{period: '{1980 + i}', value: {1000 + 37 * i}}}" for i in range(points)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tables_mark_their_header_row_and_repeat_it_on_every_slide(runner, tmp_path, lang):
    (tmp_path / "facts.yaml").write_text(_long_series(36), encoding="utf-8")
    (tmp_path / "layout.yaml").write_text(LONG_TABLE, encoding="utf-8")
    deck = _build(
        runner,
        tmp_path / "out",
        str(tmp_path / "facts.yaml"),
        "--layout",
        str(tmp_path / "layout.yaml"),
        "--lang",
        lang,
    )
    tables = list(_tables(deck))
    assert len(tables) >= 2  # one table, run over slides
    headers, periods = set(), []
    for _, frame in tables:
        pr = frame._element.find(f".//{A}tblPr")
        assert pr.get("firstRow") == "1" and pr.get("firstCol") == "1"
        first = frame.table.rows[0].cells
        headers.add(tuple(c.text for c in first))
        assert all(r.font.bold for c in first for p in c.text_frame.paragraphs for r in p.runs)
        periods += [row.cells[0].text for row in list(frame.table.rows)[1:]]
    assert len(headers) == 1  # the same header row heads each slide the table runs over
    assert len(periods) == 36 and periods[0].startswith("1980") and periods[-1].startswith("2015")
    titles = [Presentation(str(deck)).slides[n - 1].shapes.title.text for n, _ in tables]
    assert len(set(titles)) == len(titles)


# -- charts -----------------------------------------------------------------------------------
def _charts(deck: Path):
    for slide in Presentation(str(deck)).slides:
        for shape in slide.shapes:
            if shape.has_chart:
                yield slide, shape, etree.fromstring(shape.chart._chartSpace.xml.encode())


def _labels(series) -> dict[int, str]:
    return {
        int(d.find(f"{C}idx").get("val")): "".join(t.text for t in d.iter(f"{A}t"))
        for d in series.findall(f"{C}dLbls/{C}dLbl")
    }


def _axis_title(xml) -> str:
    title = xml.find(f".//{C}valAx/{C}title")
    return "" if title is None else "".join(t.text for t in title.iter(f"{A}t"))


@pytest.fixture(scope="module")
def park_deck(tmp_path_factory) -> Path:
    from click.testing import CliRunner

    return _build(CliRunner(), tmp_path_factory.mktemp("park"), str(PARK))


def test_fallen_columns_carry_a_down_arrow_as_well_as_their_colour(park_deck):
    slide, frame, xml = next(
        c for c in _charts(park_deck) if c[2].find(f".//{C}barChart") is not None
    )
    series = xml.find(f".//{C}barChart/{C}ser")
    years = [pt.findtext(f"{C}v") for pt in series.findall(f"{C}cat//{C}pt")]
    fell = {"2010", "2011", "2013", "2017", "2018"}
    labels = _labels(series)
    assert {years[i] for i, text in labels.items() if text.startswith(FALL_MARK)} == fell
    assert labels[years.index("2018")] == f"{FALL_MARK}318,211,833"  # the latest, which fell
    assert all(labels[years.index(y)] == FALL_MARK for y in fell - {"2018"})
    key = [s.text_frame.text for s in slide.shapes if s.name == "Key 1"]
    assert key == [f"{FALL_MARK} Lower than the year before"]
    alt = frame._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
    assert alt.endswith("falls in 2010, 2011, 2013, 2017, 2018.")


def test_a_value_axis_with_a_unit_is_titled_with_it(park_deck):
    slide, _, xml = next(c for c in _charts(park_deck) if c[2].find(f".//{C}barChart") is not None)
    assert _axis_title(xml) == "Visits, millions"
    assert not [s for s in slide.shapes if s.name == "Value axis unit"]  # drawn once
    body = xml.find(f".//{C}valAx/{C}title/{C}tx/{C}rich/{A}bodyPr")
    assert body.get("rot") == "0" and body.get("wrap") == "none"  # level, on one line


TRENDS = """\
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
  unit: '%'
  kind: growth
  basis: year-on-year
  cite: {source: stats, para: 2}
  points:
  - {period: '2019', value: 6.1}
  - {period: '2020', value: -2.8}
  - {period: '2021', value: 9.6}
  - {period: '2022', value: 3.4}
- id: exports
  name: {en: Exports of goods, zh: 货物出口}
  unit: USD billion
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
  - {period: 2022-Q2, value: 12.8}
metrics:
- id: exports_2022
  value: 48.6
  unit: USD billion
  label: {en: of goods exported in 2022, zh: 2022年货物出口}
  cite: {source: stats, para: 3}
"""

TREND_LAYOUT = """\
name: trends
slides:
  - kind: trend
    series: [growth]
  - kind: trend
    series: [exports]
"""


@pytest.fixture(scope="module", params=["en", "zh"])
def trend_deck(request, tmp_path_factory) -> tuple[str, Path]:
    from click.testing import CliRunner

    folder = tmp_path_factory.mktemp(f"trends-{request.param}")
    (folder / "facts.yaml").write_text(TRENDS, encoding="utf-8")
    (folder / "layout.yaml").write_text(TREND_LAYOUT, encoding="utf-8")
    deck = _build(
        CliRunner(),
        folder / "out",
        str(folder / "facts.yaml"),
        "--layout",
        str(folder / "layout.yaml"),
        "--lang",
        request.param,
    )
    return request.param, deck


def test_a_lines_falls_are_marked_below_their_dots(trend_deck):
    lang, deck = trend_deck
    slide, _, xml = next(c for c in _charts(deck) if c[2].find(f".//{C}lineChart") is not None)
    main_series, falls = xml.findall(f".//{C}lineChart/{C}ser")
    quarters = [pt.findtext(f"{C}v") for pt in main_series.findall(f"{C}cat//{C}pt")]
    marked = _labels(falls)
    assert len(marked) == 3 and set(marked.values()) == {FALL_MARK}  # 2020 Q1, Q2; 2022 Q1
    assert [quarters[i] for i in sorted(marked)] == [quarters[4], quarters[5], quarters[12]]
    positions = {d.find(f"{C}dLblPos").get("val") for d in falls.findall(f"{C}dLbls/{C}dLbl")}
    assert positions == {"b"}
    assert _labels(main_series) == {13: {"en": "US$12.8 billion", "zh": "128亿美元"}[lang]}
    assert _axis_title(xml) == {"en": "US$ billion", "zh": "亿美元"}[lang]
    key = [s.text_frame.text for s in slide.shapes if s.name == "Key 1"]
    assert key == [
        {"en": f"{FALL_MARK} Lower than the quarter before", "zh": f"{FALL_MARK}低于上一季度"}[lang]
    ]


def test_growth_below_zero_needs_no_arrow_and_a_long_unit_stays_a_text_box(trend_deck):
    lang, deck = trend_deck
    slide, frame, xml = next(c for c in _charts(deck) if c[2].find(f".//{C}barChart") is not None)
    labels = _labels(xml.find(f".//{C}barChart/{C}ser"))
    assert list(labels.values()) == [{"en": "+3.4%", "zh": "+3.4%"}[lang]]  # a fall is below zero
    boxes = [s.text_frame.text for s in slide.shapes if s.name == "Value axis unit"]
    if lang == "en":  # wider than LibreOffice lets an axis title be: a text box over the chart
        assert boxes == ["% change, year on year"] and _axis_title(xml) == ""
    else:
        assert boxes == [] and _axis_title(xml) == "同比增长（%）"
    alt = frame._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
    assert {"en": "in %", "zh": "单位：%"}[lang] in alt


def test_every_value_axis_names_its_unit_where_the_ticks_do_not(park_deck, trend_deck):
    for deck in (park_deck, trend_deck[1]):
        for slide, _, xml in _charts(deck):
            axis = xml.find(f".//{C}valAx")
            if axis is None or axis.find(f"{C}delete").get("val") == "1":
                continue
            ticks = axis.find(f"{C}numFmt").get("formatCode")
            boxes = [s for s in slide.shapes if s.name == "Value axis unit"]
            assert "%" in ticks or _axis_title(xml) or boxes
            assert slide.shapes.title.text.strip()  # the slide title names the chart
