"""Chinese and bilingual decks and graphics from one facts file."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from lxml import etree
from pptx import Presentation

from deckgen.assets import DEFAULT_FACTS, FONTS
from deckgen.cli import main
from deckgen.facts import load_facts
from deckgen.i18n import date_long
from deckgen.numbers import figure

from .audit import off_slide, text_overflows

HAN = re.compile(r"[\u4e00-\u9fff]")
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
# East Asian faces a Chinese run may name (Office's and the common open ones)
CJK_FACES = {
    "Microsoft YaHei",
    "微软雅黑",
    "SimSun",
    "DengXian",
    "Noto Sans CJK SC",
    "Noto Sans SC",
}


@pytest.fixture(scope="module")
def zh_build(tmp_path_factory) -> Path:
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("zh")
    result = CliRunner().invoke(main, ["build", "--lang", "zh", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def slide_texts(deck: Path) -> list[str]:
    prs = Presentation(str(deck))
    texts = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:  # a planned line break (a:br) sits inside words
                texts.append(shape.text_frame.text.replace("\x0b", ""))
            if shape.has_chart:
                texts += [str(c) for c in shape.chart.plots[0].categories]
                texts += [
                    p.data_label.text_frame.text
                    for p in shape.chart.plots[0].series[0].points
                    if p.data_label.has_text_frame
                ]
    return texts


@pytest.mark.parametrize(
    "metric_id, expected",
    [
        ("fdi_paid_in", "551.4亿美元"),
        ("tasks_commenced", "近98%"),
        ("reform_measures", "约500项"),
        ("procedures_streamlined", "超过80%"),
        ("evaluation_rank", "第1"),
        ("tasks_approved", "251项"),
        ("fdi_services_share", "96.5%"),
    ],
)
def test_figures_in_chinese_keep_qualifiers(metric_id, expected):
    facts = load_facts(DEFAULT_FACTS).facts
    assert figure(facts.metric(metric_id), "zh").full == expected


def test_dates_in_chinese():
    facts = load_facts(DEFAULT_FACTS).facts
    assert date_long(facts.meta.date, "zh") == "2023年8月21日"


def test_chinese_deck_content(zh_build):
    deck = zh_build / "two-zones-briefing.pptx"
    text = "\n".join(slide_texts(deck))
    assert len(HAN.findall(text)) >= 200
    for number in ("251", "98", "55", "44.5", "179", "96.5"):
        assert number in text, number
    for phrase in (
        "北京“两区”建设",
        "国家服务业扩大开放综合示范区",
        "中国（北京）自由贸易试验区",
        "中关村综合保税区",
        "北京大兴国际机场综合保税区",
        "近98%",
        "约500",
        "551.4亿美元",
    ):
        assert phrase in text, phrase
    prs = Presentation(str(deck))
    for slide in prs.slides:
        assert slide.shapes.title is not None and slide.shapes.title.text_frame.text.strip()
        assert HAN.search(slide.notes_slide.notes_text_frame.text)
    assert text_overflows(deck) == [] and off_slide(deck) == []


def test_every_chinese_run_has_an_east_asian_face_and_language(zh_build):
    deck = zh_build / "two-zones-briefing.pptx"
    with zipfile.ZipFile(deck) as z:
        theme = etree.fromstring(z.read("ppt/theme/theme1.xml"))
        theme_ea = theme.find(f".//{A}minorFont/{A}ea").get("typeface")
        slides = [n for n in z.namelist() if re.match(r"ppt/(slides|notesSlides)/\w+\d+\.xml$", n)]
        checked = 0
        for name in slides:
            root = etree.fromstring(z.read(name))
            for run in root.iter(f"{A}r"):
                if not HAN.search(run.findtext(f"{A}t") or ""):
                    continue
                r_pr = run.find(f"{A}rPr")
                assert r_pr is not None and r_pr.get("lang") == "zh-CN", name
                ea = r_pr.find(f"{A}ea")
                # every Chinese run names its East Asian face itself: a run that relied on
                # the theme would lose it when pasted into another organisation's deck
                assert ea is not None and ea.get("typeface") in CJK_FACES, name
                checked += 1
    assert theme_ea in CJK_FACES and checked > 100


def test_bundled_font_covers_every_chinese_character(zh_build):
    cmap = TTFont(str(FONTS / "NotoSansSC-Regular.otf")).getBestCmap()
    bold = TTFont(str(FONTS / "NotoSansSC-Bold.otf")).getBestCmap()
    manifest = (zh_build / "infographics" / "manifest.json").read_text(encoding="utf-8")
    text = "\n".join(slide_texts(zh_build / "two-zones-briefing.pptx")) + manifest
    missing = sorted(
        {c for c in text if HAN.match(c) and (ord(c) not in cmap or ord(c) not in bold)}
    )
    assert missing == []


def test_chinese_graphics_and_manifest(zh_build):
    manifest = json.loads((zh_build / "infographics" / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest) >= 8
    for entry in manifest:
        assert HAN.search(entry["title"]) and HAN.search(entry["alt"]), entry["file"]
        assert entry["source"].startswith("来源：")


def test_missing_language_names_the_field(tmp_path, runner):
    facts = tmp_path / "facts.yaml"
    text = DEFAULT_FACTS.read_text(encoding="utf-8")
    facts.write_text(text.replace("    zh: 北京“两区”建设三年回顾\n", "", 1), encoding="utf-8")
    result = runner.invoke(main, ["build", str(facts), "--lang", "zh", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "meta.title: no 'zh' text (add 'zh:' to this field)" in result.output


@pytest.mark.parametrize("layout", ["executive", "one-pager"])
@pytest.mark.parametrize("theme", ["harbour", "print"])
def test_chinese_with_every_layout_and_theme(tmp_path, runner, layout, theme):
    result = runner.invoke(
        main,
        [
            "build",
            "--lang",
            "zh",
            "--layout",
            layout,
            "--theme",
            theme,
            "--out",
            str(tmp_path),
            "--deck-only",
        ],
    )
    assert result.exit_code == 0, result.output
    deck = next(tmp_path.glob("*.pptx"))
    assert text_overflows(deck) == []


def test_chinese_on_a_corporate_master(tmp_path, runner):
    from .test_masters import make_master

    master = make_master(tmp_path / "m.pptx", title_at="left")
    result = runner.invoke(
        main,
        [
            "build",
            "--lang",
            "zh",
            "--master",
            str(master),
            "--out",
            str(tmp_path / "o"),
            "--deck-only",
        ],
    )
    assert result.exit_code == 0, result.output
    assert text_overflows(tmp_path / "o" / "two-zones-briefing.pptx") == []
