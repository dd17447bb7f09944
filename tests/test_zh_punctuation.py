"""Chinese punctuation: deckgen's own Chinese words use full-width marks （）、，；：“” with no
space beside them; users' texts are kept as written, and validate warns about ASCII marks
between their Chinese characters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from deckgen.assets import DEFAULT_FACTS
from deckgen.build import BuildOptions, load_inputs, make_plan
from deckgen.check import check_deck
from deckgen.cli import main
from deckgen.facts import load_facts
from deckgen.i18n import text
from deckgen.infographics.plan import plan_graphics
from deckgen.plan import TextEl
from deckgen.zhpunct import chinese_texts, faults, is_han

ROOT = Path(__file__).resolve().parent.parent
BEIJING = ROOT / "examples" / "beijing-2024-economy.yaml"

# A Chinese facts file (plain texts in meta.language zh) with what the bundled ones lack: a
# rate with a qualifier, earlier values (derived changes), a series with a gap, a cited
# speaker and a differing value, an undated source, a web address, firsts and a timeline.
PARKS = """
meta:
  title: 示例公园游客情况
  subtitle: 游客、纪录与服务：据两份公报
  date: 2020-02-28
  organisation: 公园简报组
  language: zh
  slug: parks-zh
sources:
- id: a
  publisher: 国家公园管理局
  event: 2019年游客情况公报
  date: 2020-02-28
  short: 管理局公报，2020年2月28日
  speaker: 副局长张三
  reporter: 李四
  url: https://example.org/news/2019.html
- id: b
  publisher: 统计中心
  event: 历年游客数据
  short: 统计中心数据
series:
- id: visits
  name: 公园游客人次
  short: 游客人次
  unit: 万人次
  chart: column
  cite: {source: b, para: 2}
  points:
  - {period: 2012, value: 2827}
  - {period: 2013, value: 2736}
  - {period: 2014}
  - {period: 2015, value: 3072}
  - {period: 2016, value: 3309}
  - {period: 2017, value: 3308}
  - {period: 2018, value: 3182}
  - {period: 2019, value: 3275}
metrics:
- id: visits_2019
  value: 3275
  unit: 万人次
  label: 2019年公园游客人次
  short: 2019年游客
  period: 2019年
  change: growth_2019
  cite: {source: a, para: 2, speaker: 局长王五}
  also:
  - {source: b, para: 3, value: 3270}
- id: growth_2019
  value: 2.9
  unit: '%'
  kind: growth
  basis: year-on-year
  label: 游客人次比上年增长
  short: 增速
  period: 2019年
  cite: {source: a, para: 1}
- id: hours_growth
  value: -1.2
  unit: '%'
  kind: growth
  basis: year-on-year
  label: 游览时长比上年下降
  short: 时长增速
  period: 2019年
  cite: {source: a, para: 3}
- id: daily
  value: 9
  unit: 万人次
  per: day
  qualifier: 约
  label: 日均游客
  short: 日均游客
  period: 2019年
  cite: {source: a, para: 4}
- id: record_parks
  value: 61
  unit: 个
  label: 创纪录的公园
  short: 创纪录公园
  period: 2019年
  earlier: {value: 77, period: 2016年, cite: {source: b, para: 5}}
  cite: {source: a, para: 5}
- id: record_share
  value: 16
  unit: '%'
  qualifier: 约
  of: 统计游客的公园
  label: 统计游客的公园创下纪录
  short: 创纪录比例
  period: 2019年
  earlier: {value: 20, qualifier: 约, period: 2016年, cite: {source: b, para: 5}}
  cite: {source: a, para: 5}
pillars:
- id: service
  name: 游客服务
  summary: 预约、讲解、无障碍设施
  message: 游客服务持续改进
  figure: daily
  achievements:
  - id: booking
    heading: 全国首个预约平台
    detail: 统一预约，错峰入园
    first: true
    cite: {source: a, para: 6}
  - id: paths
    heading: 无障碍步道
    detail: 新建步道覆盖主要景点
    cite: {source: a, para: 6}
- id: ecology
  name: 生态保护
  summary: 监测与修复
  message: 生态保护成效显现
  figure: record_share
  achievements:
  - id: monitoring
    heading: 首个生态监测网络
    detail: 覆盖所有公园
    first: true
    badge: 全国首创
    cite: {source: a, para: 7}
stories:
- id: headline
  title: 2019年游客人次回升
  metrics: [visits_2019, daily, record_parks]
  notes: 先看三个数据。
  question: 增速是最终数吗？是公报数据。
- id: change
  title: 与2016年相比
  metrics: [record_parks, record_share]
timeline:
- when: '2016'
  text: 游客人次创“纪录”
  cite: {source: b, para: 2}
- when: 2020-02-28
  text: 管理局发布公报
  cite: {source: a, para: 1}
takeaways:
- text: 2019年游客人次比上年增长{growth_2019.number}。
  metric: growth_2019
"""

# Every slide and graphic kind that composes words: tables of a series (a gap) and of
# metrics with earlier values, a bar chart, changes, pillars, firsts, a timeline.
EVERY_KIND = """
name: every-kind
slides:
  - kind: title
  - kind: agenda
  - kind: kpi-grid
    story: headline
  - kind: trend
  - kind: change
    story: change
  - kind: pillar
  - kind: firsts
  - kind: timeline
  - kind: takeaways
  - kind: chart
    chart: bar
    metrics: [growth_2019, hours_growth]
  - kind: table
    series: [visits]
  - kind: table
    metrics: [record_parks, record_share, visits_2019]
  - kind: sources
infographics:
  - kind: kpi-card
    story: headline
  - kind: trend
  - kind: change
    story: change
  - kind: waffle
    metrics: [record_share]
  - kind: pillar-card
  - kind: timeline
  - kind: firsts
  - kind: poster
    story: headline
  - kind: summary
    story: headline
"""


# -- the checker ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, found",
    [
        ("251项 (获批任务)", [("ascii", "(", "（"), ("ascii", ")", "）")]),
        ("实际使用外资， 2020年", [("space-after", "，", "")]),
        ("近98%。 基数：251项.", [("space-after", "。", ""), ("ascii", ".", "。")]),
        ("2020年 “两区”建设", [("space-before", "“", "")]),
        ("“两区” 建设", [("space-after", "”", "")]),
        ("北京 ，上海", [("space-before", "，", "")]),
        ('北京"两区"建设', [("ascii", '"', "“"), ("ascii", '"', "”")]),
        ("2024年4.1%, 同比下降", [("ascii", ",", "，")]),
        ("北京市统计公报: https://x.cn/a", [("ascii", ":", "：")]),
        ("是吗?是的!", [("ascii", "?", "？"), ("ascii", "!", "！")]),
        ("增速;失业率", [("ascii", ";", "；")]),
        ("等等...", [("ascii", ".", "……")]),
        ("（推算） GDP", [("space-after", "）", "")]),
    ],
)
def test_faults_name_the_mark_and_its_full_width_form(text, found):
    assert [(f.kind, f.char, f.write) for f in faults(text)] == found


@pytest.mark.parametrize(
    "text",
    [
        "增长1.5%，1,250人，10:30开始",  # decimals, digit groups, times
        "见https://m.bsbk.net/news/a.html?id=1。",  # a web address
        "m.bsbk.net（公报转载）",
        "R&D投入，Xi'an市",  # Latin words
        "据Reuters Co. 北京报道",  # a full stop after Latin text
        "1. 北京\n2. 上海",  # list numbers
        "北京“两区”建设（续，2/3）：近98%；约500项、40个",
        "Beijing's economy (2024), as stated",  # no Chinese at all
        "the zones’ success",  # an English apostrophe
        "",
    ],
)
def test_no_fault_where_ascii_belongs(text):
    assert faults(text) == []


def test_han_is_the_chinese_ideographs():
    assert is_han("北") and is_han("㐀") and not is_han("，") and not is_han("a")
    assert not is_han("")


# -- deckgen's own words ---------------------------------------------------------------------
def test_joins_are_full_width_in_chinese_and_unchanged_in_english():
    assert text("zh", "paren", text="获批任务") == "（获批任务）"
    assert text("zh", "event_date", event="发布会", date="2023年8月21日") == "发布会，2023年8月21日"
    assert text("zh", "labelled", label="公报", text="https://x.cn") == "公报：https://x.cn"
    assert text("zh", "milestone", when="2020年", text="“两区”建设启动") == "2020年，“两区”建设启动"
    assert text("zh", "sentence_after", text="基数：251项") == "基数：251项。"
    assert text("zh", "clause_sep") + text("zh", "sentence_sep") == "，"
    assert text("en", "paren", text="Tasks") == " (Tasks)"
    assert text("en", "event_date", event="Press conference", date="21 August 2023") == (
        "Press conference; 21 August 2023"
    )
    assert text("en", "labelled", label="Report", text="https://x.org") == "Report: https://x.org"
    assert text("en", "milestone", when="2020", text="Work begins") == "2020 Work begins"
    assert text("en", "sentence_after", text="Base: 251 tasks") == " Base: 251 tasks."
    assert (text("en", "clause_sep"), text("en", "sentence_sep")) == (", ", " ")


def test_zh_strings_follow_the_rules():
    from deckgen.i18n import STRINGS

    for key, value in STRINGS["zh"].items():
        sample = value.replace("{", "").replace("}", "")  # placeholders as Latin words
        assert faults(sample) == [], (key, value)


def _slide_texts(plan, kind: str) -> list[str]:
    slide = next(s for s in plan.slides if s.kind == kind)
    return [
        "".join(r.text for r in p.runs)
        for el in slide.elements
        if isinstance(el, TextEl)
        for p in el.paragraphs
    ] + slide.notes.split("\n")


def test_sources_slide_in_chinese():
    texts = _slide_texts(make_plan(None, BuildOptions(lang="zh")), "sources")
    assert "北京“两区”建设三周年新闻发布会，2023年8月21日" in texts
    assert any(t.startswith("第1段：251项（获批任务）；近98%（任务启动比例）；") for t in texts)
    notes = [t for t in texts if t.startswith("完整出处：")]
    assert notes and notes[0].startswith(
        "完整出处：国务院新闻办公室，北京“两区”建设三周年新闻发布会，"
    )


def test_english_is_worded_as_before():
    plan = make_plan(None, BuildOptions())
    texts = _slide_texts(plan, "sources")
    assert 'Press conference on the "two zones" initiative at three years; 21 August 2023' in texts
    assert any(t.startswith("Paragraph 1: 251 (Tasks approved); nearly 98% (") for t in texts)
    assert any(
        t.startswith("Source, in full: State Council Information Office, Press") for t in texts
    )
    inputs = load_inputs(None, BuildOptions())
    alts = {g.file: g.alt for g in plan_graphics(inputs.context(), inputs.layout.layout)}
    assert alts["kpi-tasks_commenced.png"].endswith("commenced. Base: 251 tasks.")
    assert alts["timeline.png"].startswith('Timeline: 2020 Work on the "two zones" begins; 2022 ')
    assert "(First of its kind); Stock-option service pilot (First in China)" in alts["firsts.png"]


# -- every text of built Chinese decks and graphics -------------------------------------------
def _shapes(shapes):
    for shape in shapes:
        if shape.shape_type == 6:  # a group
            yield from _shapes(shape.shapes)
        else:
            yield shape


def deck_texts(deck: Path) -> list[tuple[str, str]]:
    """Return (where, text) for every text of a deck: paragraphs, table cells, chart
    categories, alt texts and speaker-notes lines."""
    out = []
    for n, slide in enumerate(Presentation(str(deck)).slides, start=1):
        for shape in _shapes(slide.shapes):
            where = f"slide {n} {shape.name!r}"
            alt = shape._element.xpath("./*[1]/p:cNvPr/@descr")
            out += [(f"{where} alt", a) for a in alt]
            if shape.has_text_frame:
                out += [
                    (where, "".join(r.text for r in p.runs)) for p in shape.text_frame.paragraphs
                ]
            if getattr(shape, "has_table", False) and shape.has_table:
                out += [(where, c.text) for row in shape.table.rows for c in row.cells]
            if getattr(shape, "has_chart", False) and shape.has_chart:
                out += [(where, str(c)) for c in shape.chart.plots[0].categories]
        if slide.has_notes_slide:
            lines = slide.notes_slide.notes_text_frame.text.split("\n")
            out += [(f"slide {n} notes", line) for line in lines]
    return out


def graphic_texts(facts: Path | None, layout: str) -> list[tuple[str, str]]:
    """Return (where, text) for every text a Chinese PNG set draws or describes: titles,
    subtitles, source lines, alt texts and every text in its drawn data."""
    inputs = load_inputs(facts, BuildOptions(lang="zh", layout=layout))
    out = []

    def walk(where: str, value) -> None:
        if isinstance(value, str):
            out.append((where, value))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(f"{where}.{key}", item)
        elif isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                walk(f"{where}[{i}]", item)

    for g in plan_graphics(inputs.context(), inputs.layout.layout):
        for key in ("title", "subtitle", "alt", "source"):
            walk(f"{g.file} {key}", getattr(g, key))
        walk(f"{g.file} data", g.data)
    return out


def _facts_texts(facts: Path) -> list[str]:
    loaded = load_facts(facts)
    return [t for _, t in chinese_texts(loaded.facts, loaded.facts.meta.language)]


def _spaced_han(text: str) -> list[int]:
    return [
        i
        for i in range(1, len(text) - 1)
        if text[i] == " " and is_han(text[i - 1]) and is_han(text[i + 1])
    ]


@pytest.fixture(scope="module")
def chinese_builds(tmp_path_factory) -> list[tuple[Path, Path, str]]:
    """Build the bundled facts, the Beijing example and a Chinese facts file of every kind
    in Chinese; return (facts, deck, layout) for each."""
    tmp = tmp_path_factory.mktemp("zh-punct")
    parks = tmp / "parks.yaml"
    parks.write_text(PARKS, encoding="utf-8")
    every = tmp / "every-kind.yaml"
    every.write_text(EVERY_KIND, encoding="utf-8")
    runs = [
        (DEFAULT_FACTS, "briefing"),
        (DEFAULT_FACTS, "one-pager"),
        (BEIJING, "briefing"),
        (parks, str(every)),
    ]
    out = []
    for i, (facts, layout) in enumerate(runs):
        target = tmp / f"build-{i}"
        args = ["build", str(facts), "--layout", layout, "--lang", "zh", "--out", str(target)]
        result = CliRunner().invoke(main, [*args, "--deck-only"])
        assert result.exit_code == 0, result.output
        assert "ASCII punctuation" not in result.output
        out.append((facts, next(target.glob("*.pptx")), layout))
    return out


def test_no_punctuation_fault_in_any_text_deckgen_writes(chinese_builds):
    checked = 0
    for facts, deck, layout in chinese_builds:
        texts = deck_texts(deck) + graphic_texts(facts, layout)
        given = _facts_texts(facts)
        # A copy of the facts' own text would be exempt only where the facts hold the
        # fault; they hold none, so every fault is deckgen's.
        assert [v for v in given if faults(v)] == []
        for where, value in texts:
            found = faults(value)
            assert found == [], f"{deck.name}: {where}: {found[0]} in {value!r}"
            for i in _spaced_han(value):  # joins between Chinese texts take no space
                assert any(value[i - 1 : i + 2] in v for v in given), f"{where}: {value!r}"
            checked += 1
    assert checked > 2000  # every text was read


def test_chinese_decks_pass_deckgen_check_punctuation(chinese_builds):
    for _, deck, _ in chinese_builds:
        assert [f for f in check_deck(deck) if f.rule == "zh-punctuation"] == []


def test_check_warns_about_ascii_marks_in_a_chinese_deck(tmp_path):
    result = CliRunner().invoke(
        main, ["build", "--lang", "zh", "--out", str(tmp_path), "--deck-only", "--no-check"]
    )
    assert result.exit_code == 0, result.output
    deck = next(tmp_path.glob("*.pptx"))
    prs = Presentation(str(deck))
    shape = prs.slides[0].shapes.title
    shape.text_frame.paragraphs[0].runs[0].text = "北京(两区)建设， 三年回顾"
    prs.save(str(deck))
    found = [f for f in check_deck(deck) if f.rule == "zh-punctuation"]
    assert len(found) == 1 and found[0].slide == 1 and found[0].severity == "warn"
    assert "'('" in found[0].message and "'（'" in found[0].message
    assert "and 2 more" in found[0].message
    # English text with a Chinese name in brackets is not Chinese text.
    shape.text_frame.paragraphs[0].runs[0].text = "Beijing (北京) at three years"
    prs.save(str(deck))
    assert [f for f in check_deck(deck) if f.rule == "zh-punctuation"] == []


# -- users' texts --------------------------------------------------------------------------
def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def test_validate_warns_about_ascii_marks_in_a_zh_version(facts_copy, tmp_path):
    source = facts_copy.read_text(encoding="utf-8")
    assert "中国（北京）自由贸易试验区" in source and "国新办新闻发布会，2023年8月21日" in source
    source = source.replace("中国（北京）自由贸易试验区", "中国(北京)自由贸易试验区")
    source = source.replace("国新办新闻发布会，2023年8月21日", "国新办新闻发布会,2023年8月21日")
    facts_copy.write_text(source, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(facts_copy), "--strict"])
    assert result.exit_code == 0, result.output  # a warning, never an error
    warnings = [line for line in result.output.splitlines() if line.startswith("Warning:")]
    subtitle = _line_of(facts_copy, "中国(北京)")
    short = _line_of(facts_copy, "发布会,2023")
    assert f"Warning: {facts_copy}:{subtitle}: meta.subtitle.zh: ASCII punctuation in " in (
        "\n".join(warnings)
    )
    said = next(w for w in warnings if "meta.subtitle.zh" in w)
    assert "'(' in '…区和中国(北京)自…', write '（'" in said and "write '）'" in said
    said = next(w for w in warnings if f":{short}: sources[scio].short.zh:" in w)
    assert "',' in " in said and "write '，'" in said
    assert len([w for w in warnings if "ASCII punctuation" in w]) == 2
    # The text is kept as written.
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", str(facts_copy), "--lang", "zh", "--out", str(out), "--deck-only"]
    )
    assert result.exit_code == 0, result.output
    assert "meta.subtitle.zh: ASCII punctuation" in result.output
    slide = Presentation(str(next(out.glob("*.pptx")))).slides[0]
    assert "中国(北京)自由贸易试验区" in "".join(
        s.text_frame.text for s in slide.shapes if s.has_text_frame
    )


def test_validate_warns_about_plain_texts_of_chinese_facts(tmp_path):
    facts = tmp_path / "parks.yaml"
    facts.write_text(
        PARKS.replace("detail: 统一预约，错峰入园", "detail: 统一预约;错峰入园 (试行)"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["validate", str(facts), "--deck-only"])
    assert result.exit_code == 0, result.output
    line = _line_of(facts, "统一预约;错峰入园")
    expected = (
        f"Warning: {facts}:{line}: pillars[service].achievements[booking].detail: ASCII "
        "punctuation in Chinese text: ';' in '统一预约;错峰入园…', write '；'; '(' in "
        "'…峰入园 (试行)', write '（'; ')' in '… (试行)', write '）' (it is kept as written)"
    )
    assert expected in result.output.splitlines()


def test_no_warning_for_english_texts_or_clean_facts(facts_copy):
    source = facts_copy.read_text(encoding="utf-8")
    # An English text may hold a Chinese name in brackets.
    source = source.replace("organisation:\n    en: ", "organisation:\n    en: 北京(Beijing) ", 1)
    facts_copy.write_text(source, encoding="utf-8")
    for facts in (facts_copy, BEIJING):
        result = CliRunner().invoke(main, ["validate", str(facts)])
        assert result.exit_code == 0, result.output
        assert "ASCII punctuation" not in result.output


def test_the_warning_names_quotes_by_their_place(tmp_path):
    facts = tmp_path / "parks.yaml"
    facts.write_text(PARKS.replace("游客人次创“纪录”", '游客人次创"纪录"'), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(facts), "--deck-only"])
    said = next(line for line in result.output.splitlines() if "timeline[0].text" in line)
    assert re.search(r"'\"' in '[^']*', write '“'; '\"' in '[^']*', write '”'", said), said


@pytest.mark.parametrize(
    ("text", "mended"),
    [
        ("商务部例行新闻发布会:消费市场运行情况", "商务部例行新闻发布会：消费市场运行情况"),
        ("北京 “两区” 建设, 三年 (回顾)", "北京“两区”建设，三年（回顾）"),
        ("GDP增长5.2%, 好于预期", "GDP增长5.2%，好于预期"),
        ("Xi'an 1.5, 1,250 https://a.b/c 北京", "Xi'an 1.5, 1,250 https://a.b/c 北京"),
    ],
)
def test_corrected_mends_every_fault_it_finds(text, mended):
    from deckgen.zhpunct import corrected, faults

    assert corrected(text) == mended
    assert faults(corrected(text)) == []
