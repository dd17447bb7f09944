"""The sources slides: undated sources, clickable web addresses, many long sources."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from deckgen.assets import DEFAULT_FACTS
from deckgen.cli import main

LAYOUT = """name: sources-only
slides:
  - kind: title
  - kind: kpi-grid
    story: headline
  - kind: sources
"""
LONG_URL = (
    "https://www.example.gov.cn/press/conferences/2023/08/21/"
    "two-zones-three-years-transcript-full-text.html?lang=en&part=1"
)


def _facts(tmp_path: Path, extra: int = 0, undated: bool = False) -> Path:
    """Write the bundled facts, the first source undated when asked, with ``extra`` more
    sources (long publisher, event, speaker and web address), each cited by a figure."""
    data = yaml.safe_load(DEFAULT_FACTS.read_text(encoding="utf-8"))
    first = data["sources"][0]
    first["url"] = LONG_URL
    if undated:
        del first["date"]
    for k in range(extra):
        data["sources"].append(
            {
                "id": f"extra{k}",
                "publisher": {
                    "en": f"Beijing Municipal Bureau of Statistics and National Bureau of "
                    f"Statistics Survey Office in Beijing, Department {k}",
                    "zh": f"北京市统计局、国家统计局北京调查总队第{k}处",
                },
                "event": {
                    "en": "Statistical communiqué on the national economic and social "
                    "development of Beijing in 2022, with revised figures",
                    "zh": "北京市2022年国民经济和社会发展统计公报（修订数据）",
                },
                "date": f"2023-0{k + 1}",
                "speaker": {
                    "en": "Liu Jinghua, Deputy Director General and Spokesperson, "
                    "Beijing Municipal Bureau of Statistics",
                    "zh": "北京市统计局副局长、新闻发言人 刘京华",
                },
                "url": f"{LONG_URL}&source={k}",
                "short": {"en": f"Beijing statistics {k}, 2023", "zh": f"北京统计{k}，2023年"},
            }
        )
        metric = data["metrics"][k % len(data["metrics"])]
        metric.setdefault("also", []).append({"source": f"extra{k}", "para": k + 2})
    path = tmp_path / "facts.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _build(runner, tmp_path: Path, facts: Path, lang: str = "en", name: str = "out") -> Path:
    layout = tmp_path / "layout.yaml"
    layout.write_text(LAYOUT, encoding="utf-8")
    out = tmp_path / name
    args = ["build", str(facts), "--layout", str(layout), "--out", str(out), "--deck-only"]
    result = runner.invoke(main, [*args, "--lang", lang])
    assert result.exit_code == 0, result.output
    (deck,) = out.glob("*.pptx")
    return deck


def _sources_slides(deck: Path, heading: str) -> list:
    prs = Presentation(str(deck))
    return [s for s in prs.slides if s.shapes.title.text_frame.text.startswith(heading)]


def _text(slide) -> str:
    """Return a slide's text; planned line breaks (a:br) inside Chinese words are dropped."""
    text = "\n".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
    return re.sub(r"(?<=[\u4e00-\u9fff])\x0b(?=[\u4e00-\u9fff])", "", text)


@pytest.mark.parametrize(
    ("lang", "heading", "word"), [("en", "Sources", "undated"), ("zh", "资料来源", "未注明日期")]
)
def test_undated_source_says_undated(runner, tmp_path, lang, heading, word):
    deck = _build(runner, tmp_path, _facts(tmp_path, undated=True), lang)
    (slide,) = _sources_slides(deck, heading)
    text = _text(slide)
    event = yaml.safe_load(DEFAULT_FACTS.read_text(encoding="utf-8"))["sources"][0]["event"][lang]
    (line,) = [t for t in text.split("\n") if t.startswith(event)]
    assert line.endswith(word)
    assert not re.search(r"20\d\d", line)
    notes = slide.notes_slide.notes_text_frame.text
    assert word in notes


def test_dated_source_keeps_its_date(runner, tmp_path):
    deck = _build(runner, tmp_path, _facts(tmp_path))
    (slide,) = _sources_slides(deck, "Sources")
    assert "21 August 2023" in _text(slide)
    assert "undated" not in _text(slide)


def test_url_is_a_real_hyperlink(runner, tmp_path):
    deck = _build(runner, tmp_path, _facts(tmp_path))
    (slide,) = _sources_slides(deck, "Sources")
    found = []
    for shape in slide.shapes:
        if not shape.has_text_frame:
            continue
        for p in shape.text_frame.paragraphs:
            for r in p.runs:
                if r.hyperlink.address:
                    found.append((r.text, r.hyperlink.address))
    assert found == [("example.gov.cn/…", LONG_URL)]
    links = [rel for rel in slide.part.rels.values() if rel.reltype == RT.HYPERLINK]
    assert [(rel.target_ref, rel.is_external) for rel in links] == [(LONG_URL, True)]
    (click,) = slide.part._element.xpath(".//a:rPr/a:hlinkClick")
    assert slide.part.rels[click.get(qn("r:id"))].target_ref == LONG_URL


@pytest.mark.parametrize(("lang", "heading"), [("en", "Sources"), ("zh", "资料来源")])
def test_seven_long_sources_fit_and_check_clean(runner, tmp_path, lang, heading):
    facts = _facts(tmp_path, extra=6)
    deck = _build(runner, tmp_path, facts, lang)
    slides = _sources_slides(deck, heading)
    count = len(slides)
    assert count >= 2
    titles = [s.shapes.title.text_frame.text for s in slides]
    if count > 2:
        for n, t in enumerate(titles[1:], start=2):
            assert (f"{n} of {count})" if lang == "en" else f"{n}/{count}）") in t, titles
    assert len(set(titles)) == count
    shown = "\n".join(_text(s) for s in slides)
    data = yaml.safe_load(facts.read_text(encoding="utf-8"))
    for source in data["sources"]:
        assert source["publisher"][lang] in shown
    result = runner.invoke(main, ["check", str(deck)])
    assert result.exit_code == 0, result.output


def test_same_deck_twice_is_identical(runner, tmp_path):
    facts = _facts(tmp_path, extra=6, undated=True)
    first = _build(runner, tmp_path, facts, name="a")
    second = _build(runner, tmp_path, facts, name="b")
    assert first.read_bytes() == second.read_bytes()


def test_one_source_stating_many_figures_continues_its_list(runner, tmp_path):
    """A long report cited by one source: its figures by paragraph do not fit one slide, so
    the list continues on numbered slides, every figure listed once, and the deck checks."""
    data = yaml.safe_load(DEFAULT_FACTS.read_text(encoding="utf-8"))
    template = data["metrics"][0]
    for n in range(60):
        extra = dict(
            template, id=f"extra_{n}", value=100 + n, cite={"source": "scio", "para": n // 2 + 1}
        )
        extra.pop("base", None)
        extra["short"] = {
            "en": f"Long description of figure number {n}",
            "zh": f"第{n}项数据的长说明",
        }
        data["metrics"].append(extra)
    facts = tmp_path / "facts.yaml"
    facts.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    deck = _build(runner, tmp_path, facts)
    slides = _sources_slides(deck, "Sources")
    assert len(slides) >= 2
    shown = "\n".join(_text(s) for s in slides)
    for n in range(60):
        assert shown.count(f"Long description of figure number {n})") == 1, n
    result = runner.invoke(main, ["check", str(deck)])
    assert result.exit_code == 0, result.output
