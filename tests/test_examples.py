"""The users' kinds of facts files in examples/ build cleanly with every bundled layout, in
each language they carry, and between them show what briefings are about: a series over
periods, a fall, and a table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from lxml import etree
from pptx import Presentation

from deckgen.assets import LAYOUTS, bundled_names
from deckgen.cli import main
from deckgen.numbers import ZH_CURRENCY

from .audit import off_slide, text_overflows

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def languages(path: Path) -> list[str]:
    """Return the languages an example carries: its own and those its title is given in."""
    meta = yaml.safe_load(path.read_text(encoding="utf-8"))["meta"]
    found = {meta.get("language", "en")}
    if isinstance(meta["title"], dict):
        found |= set(meta["title"])
    return sorted(found)


CASES = [
    (example, layout, lang)
    for example in EXAMPLES
    for layout in bundled_names(LAYOUTS)
    for lang in languages(example)
]


def build(runner, example: Path, out: Path, *args: str) -> Path:
    result = runner.invoke(main, ["build", str(example), "--out", str(out), "--deck-only", *args])
    assert result.exit_code == 0, result.output  # the build checks its own deck too
    assert "Error" not in result.output
    return next(out.glob("*.pptx"))


def test_there_are_examples_of_three_shapes():
    assert len(EXAMPLES) >= 3
    assert any("zh" == yaml.safe_load(p.read_text())["meta"].get("language") for p in EXAMPLES)


@pytest.mark.parametrize(
    "example, layout, lang", CASES, ids=[f"{e.stem}-{layout}-{lang}" for e, layout, lang in CASES]
)
def test_each_example_builds_clean_with_each_layout(runner, tmp_path, example, layout, lang):
    deck = build(runner, example, tmp_path, "--layout", layout, "--lang", lang)
    assert text_overflows(deck) == [] and off_slide(deck) == []
    for number, slide in enumerate(Presentation(str(deck)).slides, start=1):
        assert slide.shapes.title is not None and slide.shapes.title.text.strip(), number
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()
    check = runner.invoke(main, ["check", str(deck)])
    assert check.exit_code == 0, check.output


@pytest.fixture(scope="module")
def default_decks(tmp_path_factory):
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("examples")
    return [build(CliRunner(), e, out / e.stem) for e in EXAMPLES]


def _charts(deck: Path):
    for part in Presentation(str(deck)).part.package.iter_parts():
        if str(part.partname).startswith("/ppt/charts/chart"):
            yield etree.fromstring(part.blob)


def test_the_examples_plot_a_series_with_a_fall_and_show_a_table(default_decks):
    long_series = falls = tables = 0
    for deck in default_decks:
        for chart in _charts(deck):
            for plot in chart.iter(f"{C}barChart", f"{C}lineChart"):
                if plot.tag == f"{C}barChart" and plot.find(f"{C}barDir").get("val") != "col":
                    continue
                for ser in plot.iter(f"{C}ser"):
                    values = [
                        float(v.text)
                        for v in ser.iterfind(f"{C}val/{C}numRef/{C}numCache/{C}pt/{C}v")
                    ]
                    if len(values) >= 5:
                        long_series += 1
                        falls += any(b < a for a, b in zip(values, values[1:]))
                        falls += any(v < 0 for v in values)
        for slide in Presentation(str(deck)).slides:
            tables += sum(1 for s in slide.shapes if s.has_table)
    assert long_series >= 1 and falls >= 1 and tables >= 1


def _metrics(example: Path) -> dict:
    return {m["id"]: m for m in yaml.safe_load(example.read_text(encoding="utf-8"))["metrics"]}


def _in(value, lang: str, default: str) -> str:
    if isinstance(value, dict):
        return str(value.get(lang, ""))
    return "" if value is None else str(value)


@pytest.mark.parametrize(
    "example, lang",
    [(e, lang) for e in EXAMPLES for lang in languages(e)],
    ids=[f"{e.stem}-{lang}" for e in EXAMPLES for lang in languages(e)],
)
def test_each_figure_shape_keeps_its_qualifier_and_unit(runner, tmp_path, example, lang):
    """Read shape by shape: a figure set large shows the qualifier the source puts beside it
    and its unit or measure word (in the shape, or named by its label), and only a share of a
    stated whole is drawn as part of a whole."""
    deck = build(runner, example, tmp_path, "--lang", lang)
    metrics = _metrics(example)
    default = yaml.safe_load(example.read_text(encoding="utf-8"))["meta"].get("language", "en")
    checked = 0
    for slide in Presentation(str(deck)).slides:
        for shape in slide.shapes:
            metric_id, _, role = shape.name.rpartition(" ")
            metric = metrics.get(metric_id)
            if metric is None:
                continue
            if shape.has_chart and "DOUGHNUT" in str(shape.chart.chart_type):
                assert metric.get("unit") == "%" and (metric.get("of") or metric.get("base"))
            if role != "figure" or not shape.has_text_frame:
                continue
            text = " ".join(p.text for p in shape.text_frame.paragraphs)
            text = text.replace(" ", "").replace("\x0b", "")
            qualifier = _in(metric.get("qualifier"), lang, default)
            if qualifier and (lang == default or isinstance(metric.get("qualifier"), dict)):
                assert qualifier.replace(" ", "") in text, (shape.name, text)
            unit = _in(metric.get("unit"), lang, default)
            currency = re.fullmatch(r"([A-Z]{3})(?: (\w+))?", unit or "")
            if currency:  # CNY trillion: 万亿元 in Chinese, 'trillion' in English
                words = ZH_CURRENCY.get(currency[1], "") if lang == "zh" else currency[2] or ""
                assert words in text, (shape.name, text)
            elif unit and unit not in ("%", "pp", "rank"):
                words = unit.split()[-1] if lang == "en" else unit
                assert words.replace(" ", "") in text, (shape.name, text)
            checked += 1
    assert checked >= 3


@pytest.mark.parametrize("layout", bundled_names(LAYOUTS))
def test_no_figure_twice_on_a_slide(runner, tmp_path, layout):
    """A growth that travels with its level is shown beside it, never as a tile of its own
    on the same slide; no metric has two figure shapes on one slide."""
    for example in EXAMPLES:
        deck = build(runner, example, tmp_path / example.stem, "--layout", layout)
        metrics = _metrics(example)
        for number, slide in enumerate(Presentation(str(deck)).slides, start=1):
            shown = [s.name.rsplit(" ", 1)[0] for s in slide.shapes if s.name.endswith(" figure")]
            assert len(shown) == len(set(shown)), (example.stem, number, shown)
            for metric_id in shown:
                follower = metrics.get(metric_id, {}).get("change")
                assert follower not in shown, (example.stem, number, metric_id, follower)


def _shorts(example: Path, lang: str, default: str) -> dict:
    doc = yaml.safe_load(example.read_text(encoding="utf-8"))
    return {s["id"]: _in(s["short"], lang, default) for s in doc["sources"]}


@pytest.mark.parametrize(
    "example, lang",
    [(e, lang) for e in EXAMPLES for lang in languages(e)],
    ids=[f"{e.stem}-{lang}" for e in EXAMPLES for lang in languages(e)],
)
def test_each_figure_is_credited_to_its_own_source_in_its_slide_footer(
    runner, tmp_path, example, lang
):
    """Read independently of deckgen: for every figure shape on a slide, the slide's footer
    names the source the facts cite for that figure."""
    deck = build(runner, example, tmp_path, "--lang", lang)
    default = yaml.safe_load(example.read_text(encoding="utf-8"))["meta"].get("language", "en")
    metrics, shorts = _metrics(example), _shorts(example, lang, default)
    checked = 0
    for number, slide in enumerate(Presentation(str(deck)).slides, start=1):
        footer = next(s.text_frame.text for s in slide.shapes if s.name == "Footer source")
        for shape in slide.shapes:
            metric_id, _, role = shape.name.rpartition(" ")
            if metric_id not in metrics or role not in ("figure", "value", "chart"):
                continue
            short = shorts[metrics[metric_id]["cite"]["source"]]
            assert short in footer, (example.stem, number, metric_id, footer)
            checked += 1
    assert checked >= 3


def test_slides_without_figures_credit_the_primary_sources(runner, tmp_path):
    example = ROOT / "examples" / "park-visits-2021-sources.yaml"
    doc = yaml.safe_load(example.read_text(encoding="utf-8"))
    first = doc["sources"][0]["short"]
    deck = build(runner, example, tmp_path / "a")
    title_footer = next(
        s.text_frame.text
        for s in Presentation(str(deck)).slides[0].shapes
        if s.name == "Footer source"
    )
    assert title_footer == f"Source: {first}"
    doc["sources"][2]["primary"] = True
    doc["sources"][3]["primary"] = True
    marked = tmp_path / "marked.yaml"
    marked.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    deck = build(runner, marked, tmp_path / "b")
    title_footer = next(
        s.text_frame.text
        for s in Presentation(str(deck)).slides[0].shapes
        if s.name == "Footer source"
    )
    shorts = [doc["sources"][i]["short"] for i in (2, 3)]
    assert title_footer == f"Sources: {shorts[0]}; {shorts[1]}"
