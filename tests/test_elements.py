"""Each figure, in its own shape, keeps its qualifier and unit and is credited to its source.

A test that searched the whole deck's text would pass while one element dropped its
qualifier ("98%" for "nearly 98%") as long as another element kept it; these tests look at
every shape, chart label and notes line on its own.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pptx import Presentation

from deckgen.assets import DEFAULT_FACTS
from deckgen.cli import main

FACTS = yaml.safe_load(DEFAULT_FACTS.read_text(encoding="utf-8"))
METRICS = {m["id"]: m for m in FACTS["metrics"]}
SOURCES = {s["id"]: s for s in FACTS["sources"]}

# How the press release itself states each figure (two-zones-press-release.txt), by the
# language of the deck: the figure's own shape must show exactly this.
AS_STATED = {
    "en": {
        "tasks_approved": "251",
        "tasks_commenced": "nearly 98%",
        "reform_measures": "around 500",
        "procedures_streamlined": "over 80%",
        "digital_economy_share": "44.5%",
        "fdi_paid_in": "US$55.14 billion",
        "fdi_national_share": "9%",
        "fdi_services_share": "96.5%",
        "shared_services": "179",
        "cases_promoted": "40",
        "evaluation_rank": "1st",
    },
    "zh": {
        "tasks_commenced": "近98%",
        "reform_measures": "约500",
        "procedures_streamlined": "超过80%",
        "fdi_paid_in": "551.4亿美元",
        "digital_economy_share": "44.5%",
    },
}


def lang_text(value, lang: str) -> str:
    return value.get(lang, "") if isinstance(value, dict) else str(value or "")


def bare_forms(metric: dict) -> list[str]:
    """The number of a metric as it would appear without its qualifier (98%, 500)."""
    number = f"{metric['value']:g}"
    return [f"{number}%"] if metric.get("unit") == "%" else [number]


@pytest.fixture(scope="module", params=["en", "zh"])
def deck(request, tmp_path_factory) -> tuple[str, Path]:
    out = tmp_path_factory.mktemp(f"elements-{request.param}")
    result = CliRunner().invoke(
        main, ["build", "--lang", request.param, "--out", str(out), "--deck-only"]
    )
    assert result.exit_code == 0, result.output
    return request.param, next(out.glob("*.pptx"))


def shape_text(shape) -> str:
    """A shape's paragraphs joined by spaces, with no space between a Chinese qualifier
    and the number that follows it in the next paragraph (近 / 98% reads 近98%), nor between
    a number and its Chinese unit word (551.4 亿美元 reads 551.4亿美元)."""
    if not shape.has_text_frame:
        return ""
    # A line break inside a paragraph (\v, the plan's break before a unit) reads as a space.
    text = " ".join(p.text for p in shape.text_frame.paragraphs)
    text = text.replace("\u00a0", " ").replace("\v", " ")
    # renderers set their own gap between Chinese and digits: a space there is not a change
    return re.sub(r"(?<=[\u4e00-\u9fff]) (?=\d)|(?<=\d) (?=[\u4e00-\u9fff])", "", text)


def chart_labels(shape) -> list[str]:
    if not shape.has_chart:
        return []
    root = shape.chart._chartSpace
    return [t.text for t in root.iter("{*}t") if t.text]


def elements(path: Path):
    """Yield (slide number, element name, text) for every text shape, chart label and
    notes line of the deck."""
    prs = Presentation(str(path))
    for number, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            if shape.has_text_frame and shape_text(shape).strip():
                yield number, shape.name, shape_text(shape)
            for label in chart_labels(shape):
                yield number, f"{shape.name} label", label
        for line in slide.notes_slide.notes_text_frame.text.splitlines():
            yield number, "notes", line


QUALIFIER = {"nearly": "近", "around": "约", "over": "超过"}


def test_no_element_shows_a_qualified_figure_without_its_qualifier(deck):
    lang, path = deck
    checked = 0
    for metric in METRICS.values():
        qualifier = lang_text(metric.get("qualifier"), "en")
        if not qualifier or metric.get("unit") != "%":  # a % figure is unambiguous in text
            continue
        word = qualifier if lang == "en" else QUALIFIER[qualifier]
        for form in bare_forms(metric):
            pattern = re.compile(rf"(?<![\d.]){re.escape(form)}")
            for number, name, text in elements(path):
                for match in pattern.finditer(text):
                    before = text[: match.start()].rstrip().lower()
                    assert before.endswith(word.lower()), (number, name, text)
                    checked += 1
    assert checked >= 10


def test_each_figure_shape_shows_its_figure_as_the_source_states_it(deck):
    lang, path = deck
    prs = Presentation(str(path))
    seen: set[str] = set()
    for slide in prs.slides:
        for shape in slide.shapes:
            metric_id, _, role = shape.name.rpartition(" ")
            if role not in ("figure", "value") or metric_id not in AS_STATED[lang]:
                continue
            text = shape_text(shape)
            expected = AS_STATED[lang][metric_id]
            assert expected in text, (shape.name, text)
            seen.add(metric_id)
    assert len(seen) >= {"en": 8, "zh": 4}[lang]


def test_the_units_of_figures_stay_with_them(deck):
    lang, path = deck
    prs = Presentation(str(path))
    for slide in prs.slides:
        for shape in slide.shapes:
            metric_id, _, role = shape.name.rpartition(" ")
            metric = METRICS.get(metric_id)
            if role != "figure" or metric is None:
                continue
            text = shape_text(shape)
            unit = lang_text(metric.get("unit"), "en")
            if unit == "%":
                assert f"{metric['value']:g}%" in text, (shape.name, text)
            elif lang == "en" and unit == "USD billion":
                assert "US$" in text and "billion" in text, (shape.name, text)
            elif lang == "zh" and unit == "USD billion":
                assert re.search(r"\d亿美元", text), (shape.name, text)


def test_each_figure_shape_is_credited_to_its_own_source(deck):
    lang, path = deck
    if lang != "en":
        pytest.skip("the notes' wording is checked in English; Chinese keeps the same lines")
    prs = Presentation(str(path))
    credited = 0
    for number, slide in enumerate(prs.slides, 1):
        notes = slide.notes_slide.notes_text_frame.text.splitlines()
        figure_lines = [line for line in notes if line.startswith("Figure: ")]
        footer = next(s for s in slide.shapes if s.name == "Footer source").text_frame.text
        for shape in slide.shapes:
            metric_id, _, role = shape.name.rpartition(" ")
            metric = METRICS.get(metric_id)
            if role not in ("figure", "value", "chart") or metric is None:
                continue
            source = SOURCES[metric["cite"]["source"]]
            short = lang_text(source["short"], "en")
            form = bare_forms(metric)[0] if metric.get("unit") == "%" else f"{metric['value']:g}"
            citing = [
                line
                for line in figure_lines
                if form in line and f"paragraph {metric['cite']['para']}" in line
            ]
            assert citing, f"slide {number}: {shape.name} has no 'Figure:' line in the notes"
            assert all(short in line for line in citing), citing
            assert short in footer, (number, footer)
            credited += 1
    assert credited >= 10


def test_chart_alt_text_names_each_figure_with_its_qualifier(deck):
    lang, path = deck
    if lang != "en":
        pytest.skip("alt text wording is checked in English")
    prs = Presentation(str(path))
    for slide in prs.slides:
        for shape in slide.shapes:
            if not shape.has_chart:
                continue
            descr = shape._element.xpath("./p:nvGraphicFramePr/p:cNvPr")[0].get("descr")
            for label in chart_labels(shape):
                if re.search(r"\d", label):
                    assert label in descr, (shape.name, label, descr)


def test_pillar_panels_keep_the_qualifier_of_their_figure(deck):
    lang, path = deck
    prs = Presentation(str(path))
    panels = [shape_text(s) for slide in prs.slides for s in slide.shapes if s.name == "Figure"]
    procedures = AS_STATED[lang]["procedures_streamlined"]
    holding = [text for text in panels if "80%" in text]
    assert holding and all(procedures in text for text in holding), holding
