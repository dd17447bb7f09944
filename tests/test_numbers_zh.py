"""Chinese number forms (GB/T 15835-2011): counts of 10,000 and more in 万 and 亿 with every
digit kept, smaller ones without separators, never a comma in a Chinese deck; `as_written`
keeps a figure as its source writes it; English keeps its thousands separators."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from deckgen.build import BuildOptions, load_inputs
from deckgen.cli import main
from deckgen.errors import FactsError
from deckgen.facts import Cite, Metric, Point, load_facts
from deckgen.numbers import expand, figure, zh_count
from deckgen.slides.trend import build_trend, trend_graphic_data
from deckgen.stated import Stated
from deckgen.text import Text
from deckgen.verify import verify_file

GROUPED = re.compile(r"\d,\d{3}")

FACTS = """\
meta:
  title: {en: Small firms in 2024, zh: 2024年小微企业发展情况}
  date: 2025-01-20
  organisation: {en: Briefing team, zh: 简报组}
  language: zh
sources:
- id: release
  publisher: {en: Statistics office, zh: 统计局}
  event: {en: Press release, zh: 新闻发布会}
  short: {en: 'Statistics office, 20 Jan 2025', zh: 统计局，2025年1月20日}
  date: 2025-01-20
metrics:
- id: new_firms
  value: 63000
  unit: {en: firms, zh: 家}
  label: {en: new firms registered, zh: 新登记企业}
  short: {en: New firms, zh: 新登记企业}
  period: '2024'
  earlier: {value: 41000, period: '2023'}
  cite: {source: release, para: 1}
- id: households
  value: 500000
  qualifier: {en: over, zh: 超过}
  unit: {en: households, zh: 户}
  label: {en: households served, zh: 服务家庭}
  short: {en: Households, zh: 服务家庭}
  period: '2024'
  cite: {source: release, para: 1}
- id: projects
  value: 1250
  unit: {en: projects, zh: 个}
  label: {en: projects completed, zh: 完工项目}
  short: {en: Projects, zh: 完工项目}
  period: '2024'
  earlier: {value: 980, period: '2023'}
  cite: {source: release, para: 2}
- id: closed_firms
  value: 8091
  unit: {en: firms, zh: 家}
  label: {en: firms closed, zh: 注销企业}
  short: {en: Firms closed, zh: 注销企业}
  period: '2024'
  cite: {source: release, para: 1}
- id: jobs_change
  value: -26000
  unit: {en: jobs, zh: 个岗位}
  kind: change
  basis: year-on-year
  label: {en: change in jobs, zh: 岗位变化}
  short: {en: Jobs, zh: 岗位变化}
  period: '2024'
  cite: {source: release, para: 2}
series:
- id: firms_by_year
  name: {en: New firms registered, zh: 新登记企业}
  short: {en: New firms, zh: 新登记企业}
  unit: {en: firms, zh: 家}
  chart: column
  points:
  - {period: '2021', value: 27000}
  - {period: '2022', value: 45000}
  - {period: '2023', value: 41000}
  - {period: '2024', value: 63000}
  cite: {source: release, para: 1}
- id: closed_by_year
  name: {en: Firms closed, zh: 注销企业}
  short: {en: Firms closed, zh: 注销企业}
  unit: {en: firms, zh: 家}
  chart: column
  points:
  - {period: '2021', value: 8091}
  - {period: '2022', value: 9500}
  - {period: '2023', value: 12000}
  - {period: '2024', value: 15800}
  cite: {source: release, para: 1}
stories:
- id: headline
  title:
    en: '{new_firms} registered in 2024'
    zh: '2024年新登记企业{new_firms}'
  metrics: [new_firms, households, projects]
  notes: {en: Firms and households., zh: 企业与家庭。}
takeaways:
- text:
    en: '{households} served'
    zh: '服务家庭{households}'
  metric: households
- text:
    en: '{projects} completed'
    zh: '完工项目{projects}'
  metric: projects
"""

LAYOUT = """\
name: numbers
slides:
  - kind: title
  - kind: kpi-grid
    story: headline
  - kind: trend
    series: [firms_by_year]
  - kind: change
    metrics: [new_firms, projects, jobs_change]
  - kind: table
    series: [firms_by_year, closed_by_year]
  - kind: table
    metrics: [new_firms, households, projects, jobs_change]
  - kind: chart
    chart: bar
    metrics: [new_firms, closed_firms]
  - kind: takeaways
  - kind: sources
"""


def metric(value, unit=None, qualifier=None, **more) -> Metric:
    return Metric(
        id="m",
        value=value,
        label=Text.plain("x"),
        cite=Cite(source="s", para=1),
        unit=Text.plain(unit) if isinstance(unit, str) else unit,
        qualifier=Text.plain(qualifier) if qualifier else None,
        **more,
    )


def zh(m: Metric) -> str:
    return figure(m, "zh", "zh").full


# -- figures -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value, unit, expected",
    [
        (63000, "家", "6.3万家"),
        (450000, "户", "45万户"),
        (27000, "个", "2.7万个"),
        (320000000, "人次", "3.2亿人次"),
        (12345, None, "1.2345万"),
        (1200000000, None, "12亿"),
        (123456789, None, "1.23456789亿"),
        (1250, None, "1250"),
        (8091, None, "8091"),
        (9999, None, "9999"),
        (10000, None, "1万"),
        (99999999, None, "9999.9999万"),
        (100000000, None, "1亿"),
        (999999999999, None, "9999.99999999亿"),
        (1000000000000, None, "1万亿"),
        (1234500000000, None, "1.2345万亿"),
        (Stated("12345.6"), "公里", "1.23456万公里"),
        (Stated("63000.5"), "吨", "6.30005万吨"),
        (Stated("0.5"), "吨", "0.5吨"),
    ],
)
def test_chinese_counts_in_wan_and_yi_keep_every_digit(value, unit, expected):
    assert zh(metric(value, unit)) == expected


def test_english_keeps_thousands_separators():
    assert figure(metric(63000, "firms")).full == "63,000 firms"
    assert figure(metric(320000000, "trips")).full == "320,000,000 trips"
    assert figure(metric(1250, "projects")).full == "1,250 projects"


def test_currency_and_scales_convert_by_size():
    assert zh(metric(55.14, "USD billion")) == "551.4亿美元"
    assert zh(metric(Stated("72.0"), "USD billion")) == "720亿美元"
    assert zh(metric(Stated("1.50"), "USD billion")) == "15.0亿美元"  # the written 0 stays
    assert zh(metric(1.5, "USD trillion")) == "1.5万亿美元"
    assert zh(metric(250, "USD million")) == "2.5亿美元"
    assert zh(metric(2, "USD million")) == "200万美元"
    assert zh(metric(63, "CNY thousand")) == "6.3万元"
    assert zh(metric(5, "CNY thousand")) == "5000元"
    assert zh(metric(63000, "CNY")) == "6.3万元"
    assert zh(metric(3, "million")) == "300万"


def test_measure_words_already_in_wan_or_yi_are_kept():
    assert zh(metric(Stated("49843.1"), "亿元")) == "49843.1亿元"
    assert zh(metric(1349084, "亿元")) == "1349084亿元"
    assert zh(metric(Stated("2183.2"), "万人")) == "2183.2万人"


def test_signed_changes_and_qualifiers():
    people = Text((("en", "people"), ("zh", "人")))
    fall = metric(-26000, people, kind="change", basis=Text.plain("year-on-year"))
    fig = figure(fall, "zh", "zh")
    assert fig.number + fig.scale + fig.noun == "-2.6万人"
    assert fig.full == "同比下降2.6万人"
    assert figure(fall, "en", "zh").number == "\u221226,000"
    over = metric(500000, "户", "超过")
    assert zh(over) == "超过50万户" and figure(over, "zh", "zh").amount == "超过50万"
    assert zh(metric(1000000, "人", "以上")) == "100万人以上"


def test_placeholders_take_the_chinese_form(tmp_path):
    facts = load_facts(_write(tmp_path)).facts
    assert expand("新登记企业{new_firms}", facts, "zh") == "新登记企业6.3万家"
    assert expand("{households.number}", facts, "zh") == "超过50万"
    assert expand("{projects}", facts, "zh") == "1250个"
    assert expand("{new_firms}", facts, "en") == "63,000 firms"
    # a fall's size alone, for a sentence that says the fall
    assert expand("岗位减少{jobs_change.number}", facts, "zh") == "岗位减少2.6万"
    assert expand("{jobs_change}", facts, "zh") == "同比下降2.6万个岗位"


def test_zh_count_states_a_value_in_a_shared_unit_exactly():
    assert zh_count(63000) == (Decimal("6.3"), "万")
    assert zh_count(8091, shift=4) == (Decimal("0.8091"), "万")
    assert zh_count(Stated("15.0"), 3) == (Decimal("1.50"), "万")
    number, word = zh_count(Stated("123456789012345678901234567890"))
    assert (str(number), word) == ("123456789012345678.90123456789", "万亿")


def test_as_written_keeps_the_form_the_source_wrote():
    kept = metric(63000, Text((("en", "firms"), ("zh", "家"))), as_written=True)
    assert zh(kept) == "63000家"
    assert figure(kept, "en", "zh").full == "63,000 firms"  # English still groups
    assert zh(metric(320000000, "人次", as_written=True)) == "320000000人次"
    # an amount in a scale is still said in Chinese, as before: 250 million = 25000万
    assert zh(metric(250, "USD million", as_written=True)) == "25000万美元"
    assert zh(metric(55.14, "USD billion", as_written=True)) == "551.4亿美元"


def test_as_written_is_refused_where_it_cannot_apply(tmp_path):
    path = _write(tmp_path, FACTS.replace("  value: 1250\n", "  value: 1250\n  as_written: 1\n"))
    expected = r"metrics\[projects\]\.as_written: expected true or false"
    with pytest.raises(FactsError, match=expected):
        load_facts(path)
    share = (
        "- id: share\n  value: 40\n  unit: '%'\n  of: {en: all, zh: 全部}\n  as_written: true\n"
        "  label: {en: share, zh: 占比}\n  cite: {source: release, para: 1}\n"
    )
    path = _write(tmp_path, FACTS.replace("series:\n", share + "series:\n", 1))
    with pytest.raises(FactsError) as found:
        load_facts(path)
    line = next(i for i, t in enumerate(path.read_text().splitlines(), 1) if "as_written" in t)
    assert f"small.yaml:{line}: metrics[share].as_written: a share figure" in str(found.value)
    worded = share.replace("  value: 40\n  unit: '%'\n  of: {en: all, zh: 全部}\n", "")
    worded = worded.replace(
        "as_written: true\n", "as_written: true\n  words: {en: a lot, zh: 很多}\n"
    )
    with pytest.raises(FactsError, match=r"metrics\[share\]\.as_written: a figure stated in"):
        load_facts(_write(tmp_path, FACTS.replace("series:\n", worded + "series:\n", 1)))
    rates = (
        "- id: rates\n  name: {en: Growth, zh: 增速}\n  unit: '%'\n  kind: growth\n"
        "  basis: year-on-year\n  as_written: true\n  cite: {source: release, para: 1}\n"
        "  points:\n  - {period: '2023', value: 5.2}\n  - {period: '2024', value: 5.0}\n"
    )
    with pytest.raises(FactsError, match=r"series\[rates\]\.as_written: a growth figure"):
        load_facts(_write(tmp_path, FACTS.replace("stories:\n", rates + "stories:\n", 1)))


# -- verify -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "written, ok",
    [
        ("新登记企业6.3万家，服务家庭超过50万户，注销企业8091家。", True),
        ("新登记企业63000家，服务家庭超过500000户，注销企业8091家。", True),
        ("New firms: 63,000; over 500,000 households; 8,091 closed.", True),
        ("新登记企业6.4万家，服务家庭超过50万户，注销企业8091家。", False),
        ("新登记企业6.3万家，服务家庭50万户，注销企业8091家。", False),
    ],
)
def test_verify_finds_a_figure_in_either_form(tmp_path, written, ok):
    (tmp_path / "release.txt").write_text(f"{written}\n\n完工项目1250个，岗位同比减少2.6万个。\n")
    text = FACTS.replace(
        "  date: 2025-01-20\nmetrics:", "  date: 2025-01-20\n  text: release.txt\nmetrics:"
    )
    text = text.replace("  earlier: {value: 41000, period: '2023'}\n", "")
    text = text.replace("  earlier: {value: 980, period: '2023'}\n", "")
    cut = text.index("series:")
    result = verify_file(_write(tmp_path, text[:cut]))
    assert result.verified == 5
    assert (result.mismatches == ()) is ok, result.mismatches


# -- decks --------------------------------------------------------------------------------
def _write(folder: Path, text: str = FACTS) -> Path:
    path = folder / "small.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _build(tmp_path: Path, lang: str, facts: str = FACTS) -> Path:
    (tmp_path / "layout.yaml").write_text(LAYOUT, encoding="utf-8")
    out = tmp_path / f"out-{lang}"
    result = CliRunner().invoke(
        main,
        [
            "build",
            str(_write(tmp_path, facts)),
            "--layout",
            str(tmp_path / "layout.yaml"),
            "--lang",
            lang,
            "--out",
            str(out),
            "--deck-only",
        ],
    )
    assert result.exit_code == 0, result.output
    return next(out.glob("*.pptx"))


def _shapes(shapes):
    for shape in shapes:
        if shape.shape_type == 6:  # a group
            yield from _shapes(shape.shapes)
        else:
            yield shape


def deck_texts(deck: Path) -> dict[str, list[str]]:
    """Return every text a reader sees, by where it stands: slide text, table cells, chart
    labels and axis titles, chart number formats, notes, alt texts."""
    found: dict[str, list[str]] = {k: [] for k in ("text", "cell", "chart", "format", "notes")}
    for slide in Presentation(str(deck)).slides:
        for shape in _shapes(slide.shapes):
            if shape.has_text_frame:
                found["text"].append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                found["cell"] += [c.text for row in shape.table.rows for c in row.cells]
            if getattr(shape, "has_chart", False) and shape.has_chart:
                xml = shape.chart._chartSpace.xml
                found["chart"] += re.findall(r"<a:t>([^<]*)</a:t>", xml)
                found["format"] += re.findall(r'formatCode="([^"]*)"', xml)
                found["format"] += re.findall(r"<c:formatCode>([^<]*)<", xml)
        if slide.has_notes_slide:
            found["notes"].append(slide.notes_slide.notes_text_frame.text)
    with zipfile.ZipFile(deck) as z:
        for name in z.namelist():
            if name.startswith("ppt/slides/slide") and name.endswith(".xml"):
                found["notes"] += re.findall(r'descr="([^"]*)"', z.read(name).decode())
    return found


@pytest.fixture(scope="module")
def zh_deck(tmp_path_factory) -> dict[str, list[str]]:
    return deck_texts(_build(tmp_path_factory.mktemp("zh"), "zh"))


def test_a_chinese_deck_writes_wan_and_no_separators(zh_deck):
    every = "\n".join(t for texts in zh_deck.values() for t in texts)
    assert not GROUPED.findall(every), GROUPED.findall(every)
    assert not any("#,##" in f for f in zh_deck["format"]), zh_deck["format"]
    slide_text = "\n".join(zh_deck["text"])
    assert "2024年新登记企业6.3万家" in slide_text  # the title, from {new_firms}
    assert "6.3\n万家" in slide_text or "6.3万家" in slide_text
    assert "服务家庭超过50万户" in slide_text  # the takeaway
    assert "1250个" in slide_text and "63000" not in every and "500000" not in every
    assert "增长2.2万家" in slide_text  # the derived change, from 41000 to 63000
    assert "-2.6万个岗位" in slide_text  # a stated fall
    cells = zh_deck["cell"]
    assert {"6.3万", "超过50万", "1250", "2023年：4.1万", "-2.6万"} <= set(cells)
    # a row counts in the 万 of its largest value, named in its header
    assert "新登记企业（万家）" in cells and "注销企业（万家）" in cells
    assert ["0.8091", "0.95", "1.2", "1.58"] == cells[cells.index("注销企业（万家）") + 1 :][:4]
    # the trend's axis counts in 万 and says so; bar and column labels as figures are said
    assert "万家" in zh_deck["chart"]  # the value axis' title
    assert {"6.3万", "8091"} <= set(zh_deck["chart"])
    assert "最新（2024年）" in slide_text
    sources = next(t for t in zh_deck["text"] if t.startswith("各项数据出处"))
    assert "6.3万家" in sources and "超过50万户" in sources and "1250个" in sources


def test_the_english_deck_keeps_thousands_separators(tmp_path):
    texts = deck_texts(_build(tmp_path, "en"))
    slide_text = "\n".join(texts["text"] + texts["cell"])
    assert "63,000" in slide_text and "over 500,000" in slide_text and "1,250" in slide_text
    assert "万" not in slide_text
    assert "#,##0" in texts["format"]


def test_as_written_keeps_63000_in_the_chinese_deck(tmp_path):
    kept = FACTS.replace("  value: 63000\n", "  value: 63000\n  as_written: true\n", 1)
    texts = deck_texts(_build(tmp_path, "zh", kept))
    slide_text = "\n".join(texts["text"])
    assert "2024年新登记企业63000家" in slide_text
    assert "63000" in texts["cell"] and "2023年：41000" in texts["cell"]
    every = "\n".join(t for group in texts.values() for t in group)
    assert not GROUPED.findall(every)
    assert "超过50万" in texts["cell"]  # the other figures still in 万


# -- charts -------------------------------------------------------------------------------
def _context(tmp_path: Path, lang: str, facts: str = FACTS):
    (tmp_path / "layout.yaml").write_text(LAYOUT, encoding="utf-8")
    options = BuildOptions(layout=str(tmp_path / "layout.yaml"), lang=lang)
    return load_inputs(_write(tmp_path, facts), options).context()


def test_chart_axes_count_in_wan_or_yi_in_chinese(tmp_path):
    ctx = _context(tmp_path, "zh")
    series = ctx.facts.one_series("firms_by_year")
    axis = build_trend(ctx, [series]).axis
    assert axis.title == "万家"
    assert axis.tick_texts == ("0", "2", "4", "6", "8")
    assert axis.scaled([63000, None]) == (6.3, None)
    assert "," not in axis.number_format
    big = replace(
        series,
        points=tuple(
            Point(p.period, v) for p, v in zip(series.points, (2.1e8, 2.6e8, 3.0e8, 3.2e8))
        ),
    )
    title, _, _, data = trend_graphic_data(ctx, big)
    assert data["unit"] == "亿家" and data["latest_label"] == "3.2亿"
    assert all("," not in t for t in data["tick_texts"]) and data["tick_texts"][-1] == "4"
    jobs = replace(
        series,
        kind="change",
        basis=Text.plain("year-on-year"),
        points=tuple(Point(p.period, v) for p, v in zip(series.points, (12000, -26000, 8000, 0))),
    )
    axis = build_trend(ctx, [jobs]).axis
    assert axis.title == "万家" and "-3" in axis.tick_texts and "+1" in axis.tick_texts
    assert "\u2212" not in "".join(axis.tick_texts) + axis.number_format
    assert axis.number_format == '"+"0;"-"0;0'
    kept = replace(series, as_written=True)
    axis = build_trend(ctx, [kept]).axis
    assert axis.title == "家" and axis.tick_texts == ("0", "20000", "40000", "60000", "80000")
    en = build_trend(_context(tmp_path, "en"), [series]).axis
    assert en.title == "Firms" and en.tick_texts[-1] == "80,000" and en.number_format == "#,##0"


def test_chart_axes_of_amounts_already_in_yi_stay_as_written(tmp_path):
    gdp = (
        "- id: gdp\n  name: {en: GDP, zh: 地区生产总值}\n  unit: {en: 100 million yuan, zh: 亿元}\n"
        "  cite: {source: release, para: 1}\n"
        "  points:\n  - {period: '2023', value: 43760.7}\n  - {period: '2024', value: 49843.1}\n"
    )
    ctx = _context(tmp_path, "zh", FACTS.replace("stories:\n", gdp + "stories:\n", 1))
    trend = build_trend(ctx, [ctx.facts.one_series("gdp")])
    assert trend.axis.title == "亿元" and trend.axis.tick_texts[-1] == "60000"
    assert trend.tracks[0].amounts == ("43760.7", "49843.1")


def test_duo_and_yu_follow_the_digits_and_read_over_in_english():
    """多 and 余 say "more than" after the digits (1270多万人, 9400余场): the deck sets them
    there, English says "over" before the number, and verify finds them where they stand."""
    assert zh(metric(1270, "万人", "多")) == "1270多万人"
    shows = Text((("en", "shows"), ("zh", "场")))
    assert zh(metric(9400, shows, "余")) == "9400余场"
    assert zh(metric(12700000, "人", "多")) == "1270多万人"
    english = figure(metric(9400, shows, "余"), "en", "zh")
    assert english.full == "over 9,400 shows"
