"""Facts that hold what briefings state: kinds of figure, series, qualifiers per language,
stated digits, partial dates — and the one-line refusals of figures that cannot be honest."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from pptx import Presentation

from deckgen.cli import main
from deckgen.facts import kind_of, load_facts

from .clear import one_error_line

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

HEAD = """\
meta:
  title: Regional figures
  date: 2024-03
  organisation: Briefing desk
sources:
- {id: office, publisher: Statistics office, event: Annual release, date: 2024, short: Release 2024}
"""


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "facts.yaml"
    path.write_text(HEAD + textwrap.dedent(body), encoding="utf-8")
    return path


def refused(runner, path: Path, *parts: str) -> str:
    result = runner.invoke(main, ["validate", str(path)])
    output = one_error_line(result)
    for part in parts:
        assert part in output, output
    return output


def test_growth_rates_above_100_and_falls_are_facts_not_errors(tmp_path):
    path = write(
        tmp_path,
        """\
        metrics:
        - {id: exports, value: 150, unit: '%', kind: growth, basis: year-on-year,
           label: rise in exports, cite: {source: office, para: 2}}
        - {id: output, value: -2.7, unit: '%', kind: growth, basis: year-on-year,
           label: fall in output, cite: {source: office, para: 3}}
        - {id: trade, value: 120.5, unit: '%', kind: ratio, label: trade to GDP,
           cite: {source: office, para: 4}}
        - {id: jobless, value: 4.1, unit: '%', label: unemployment rate,
           cite: {source: office, para: 5}}
        """,
    )
    facts = load_facts(path).facts
    kinds = {m.id: kind_of(m) for m in facts.metrics}
    assert kinds == {
        "exports": "growth",
        "output": "growth",
        "trade": "ratio",
        "jobless": "percent",
    }


@pytest.mark.parametrize(
    "metric, parts",
    [
        (
            "{id: m, value: 5.2, unit: '%', kind: growth, label: x}",
            ["facts.yaml:", "metrics[m].basis", "a growth figure needs its basis", "year-on-year"],
        ),
        (
            "{id: m, value: 108, unit: '%', of: the total, label: x}",
            ["metrics[m].value", "108% is not a share", "kind: growth"],
        ),
        (
            "{id: m, value: -3, unit: '%', label: x}",
            ["metrics[m].value", "-3% is negative", "kind: growth"],
        ),
        (
            "{id: m, value: -40, unit: firms, label: x}",
            ["metrics[m].value", "-40 is negative", "kind: change"],
        ),
        (
            "{id: m, value: 3, qualifier: approx., label: x}",
            ["metrics[m].qualifier", "'approx.' is not a known qualifier", "nearly"],
        ),
        (
            "{id: m, value: 3, qualifier: {zh: 大概}, label: x}",
            ["metrics[m].qualifier.zh", "'大概' is not a known qualifier", "逾"],
        ),
        (
            "{id: m, value: 3, kind: rate, label: x}",
            ["metrics[m].per", "a rate needs its time"],
        ),
        (
            "{id: m, value: 30, unit: '%', kind: share, label: x}",
            ["metrics[m].kind", "a share needs its whole", "'of'"],
        ),
        (
            "{id: m, label: x}",
            ["metrics[m].value", "'words'"],
        ),
    ],
)
def test_figures_that_cannot_be_stated_honestly_are_refused(runner, tmp_path, metric, parts):
    cited = metric[:-1] + ", cite: {source: office, para: 1}}"
    refused(runner, write(tmp_path, f"metrics:\n- {cited}\n"), *parts)


def test_a_period_given_twice_in_a_series_is_refused_with_its_line(runner, tmp_path):
    path = write(
        tmp_path,
        """\
        metrics: []
        series:
        - id: budget
          name: Budget
          unit: USD million
          cite: {source: office, para: 2}
          points:
          - {period: 2021, value: 10}
          - {period: 2022, value: 12}
          - {period: 2022, value: 13}
        """,
    )
    output = refused(runner, path, "series[budget].points[2].period", "'2022' is given twice")
    assert "facts.yaml:16:" in output  # the line of the second 2022


def test_chinese_qualifiers_and_partial_dates_are_accepted(tmp_path):
    path = write(
        tmp_path,
        """\
        metrics:
        - {id: firms, value: 2.1, unit: {en: 10 thousand firms, zh: 万家}, qualifier: 逾,
           label: {en: new firms, zh: 新设企业}, cite: {source: office, para: 1}}
        - {id: gdp, value: '49843.1', unit: {en: 100 million yuan, zh: 亿元}, qualifier: 突破,
           label: {en: GDP, zh: 地区生产总值}, cite: {source: office, para: 1}}
        """,
    )
    facts = load_facts(path).facts
    assert facts.meta.date.isoformat() == "2024-03"
    assert facts.sources[0].date.isoformat() == "2024"
    from deckgen.numbers import figure

    assert figure(facts.metric("firms"), "zh", "en").full == "逾2.1万家"
    assert figure(facts.metric("gdp"), "en", "en").amount == "over 49,843.1"


def test_a_bar_chart_of_unlike_figures_is_refused(runner, tmp_path):
    path = write(
        tmp_path,
        """\
        metrics:
        - {id: a, value: 5, unit: '%', kind: growth, basis: year-on-year, label: x,
           cite: {source: office, para: 1}}
        - {id: b, value: 12, unit: '%', of: GDP, label: y, cite: {source: office, para: 1}}
        stories:
        - {id: s, title: Two figures, metrics: [a, b]}
        """,
    )
    layout = tmp_path / "layout.yaml"
    layout.write_text("name: l\nslides:\n- {kind: chart, story: s, chart: bar}\n")
    result = runner.invoke(
        main, ["build", str(path), "--layout", str(layout), "--out", str(tmp_path / "o")]
    )
    output = one_error_line(result)
    assert "stories[s].metrics" in output and "one unit and kind" in output
    assert not (tmp_path / "o").exists() or not list((tmp_path / "o").glob("*.pptx"))


def test_growth_rates_share_a_bar_chart_and_falls_point_left(runner, tmp_path):
    path = write(
        tmp_path,
        """\
        metrics:
        - {id: a, value: 5.2, unit: '%', kind: growth, basis: year-on-year, label: x,
           short: Retail, cite: {source: office, para: 1}}
        - {id: b, value: -2.7, unit: '%', kind: growth, basis: year-on-year, label: y,
           short: Industry, cite: {source: office, para: 1}}
        stories:
        - {id: s, title: Retail grew while industry fell, metrics: [a, b]}
        """,
    )
    layout = tmp_path / "layout.yaml"
    layout.write_text("name: l\nslides:\n- {kind: chart, story: s, chart: bar}\n")
    out = tmp_path / "o"
    result = runner.invoke(
        main, ["build", str(path), "--layout", str(layout), "--out", str(out), "--deck-only"]
    )
    assert result.exit_code == 0, result.output
    prs = Presentation(str(next(out.glob("*.pptx"))))
    chart = next(s for s in prs.slides[0].shapes if s.has_chart).chart
    assert list(chart.plots[0].series[0].values) == [5.2, -2.7]
    assert chart.value_axis.minimum_scale is None or chart.value_axis.minimum_scale < 0
    labels = [p.data_label.text_frame.text for p in chart.plots[0].series[0].points]
    assert labels == ["+5.2%", "\u22122.7%"]
    descr = prs.slides[0].shapes[1]._element.xpath(".//p:cNvPr")
    alt = " ".join(d.get("descr") or "" for d in descr)
    assert "growth rates" in alt and "falls" in alt and "shares" not in alt


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_examples_validate_strictly(runner, example):
    result = runner.invoke(main, ["validate", str(example), "--strict"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "points, parts",
    [
        (
            "[{period: 2022, value: 5}, {period: 2020, value: 7}]",
            ["series[a].points[1].period", "'2020' comes after '2022'", "oldest first"],
        ),
        (
            "[{period: 2020, value: 5}, {period: 2020-Q2, value: 6}]",
            ["series[a].points[1].period", "a quarter where the series has years"],
        ),
        (
            "[{period: 2020}, {period: 2021}]",
            ["series[a].points", "every value is missing"],
        ),
    ],
)
def test_series_periods_must_be_one_kind_and_in_order(runner, tmp_path, points, parts):
    body = (
        "metrics: []\nseries:\n- {id: a, name: A, unit: firms, cite: {source: office, para: 1}, "
        f"points: {points}}}\n"
    )
    refused(runner, write(tmp_path, body), *parts)


def test_a_long_monthly_line_has_no_dots_and_readable_labels(runner, tmp_path):
    points = ", ".join(
        f"{{period: '{2000 + i // 12}-{i % 12 + 1:02d}', value: {100 + (i * 37) % 50}}}"
        for i in range(240)
    )
    body = (
        "metrics: []\nseries:\n- {id: a, name: Monthly, unit: firms, "
        f"cite: {{source: office, para: 1}}, points: [{points}]}}\n"
    )
    out = tmp_path / "o"
    result = runner.invoke(main, ["build", str(write(tmp_path, body)), "--out", str(out)])
    assert result.exit_code == 0, result.output
    prs = Presentation(str(next(out.glob("*.pptx"))))
    charts = [s.chart for slide in prs.slides for s in slide.shapes if s.has_chart]
    assert len(charts) == 1 and len(list(charts[0].plots[0].series[0].values)) == 240
    from pptx.enum.chart import XL_MARKER_STYLE

    assert charts[0].plots[0].series[0].marker.style == XL_MARKER_STYLE.NONE
    assert not any(s.has_table for slide in prs.slides for s in slide.shapes)  # too long
    assert (out / "infographics" / "trend-a.png").exists()


def test_slides_that_choose_their_content_are_left_out_unloaded_when_there_is_none():
    """The bundled facts hold no series and no changes: their trend, change and table
    entries give no slide, and those kinds are not even loaded."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from deckgen.build import BuildOptions, make_plan\n"
        "plan = make_plan(None, BuildOptions())\n"
        "kinds = {s.kind for s in plan.slides}\n"
        "assert not kinds & {'trend', 'change', 'table'}, kinds\n"
        "loaded = {m for m in sys.modules if m.startswith('deckgen.slides.')}\n"
        "print(sorted(loaded))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "deckgen.slides.trend" not in out.stdout and "deckgen.slides.kpi_grid" in out.stdout


def test_a_doughnut_story_without_shares_draws_the_facts_shares_or_is_left_out(runner, tmp_path):
    """A layout naming a story whose figures are no shares never fails: the slide draws the
    facts' shares of stated wholes under a plain title, or is left out when there are none."""
    body = """\
        metrics:
        - {id: firms, value: 120, unit: firms, label: new firms, cite: {source: office, para: 1}}
        - {id: rate, value: 4.1, unit: '%', label: unemployment rate,
           cite: {source: office, para: 1}}
        - {id: exports, value: 30, unit: '%', of: the region's output, label: of output exported,
           cite: {source: office, para: 2}}
        stories:
        - {id: shares, title: Firms and jobs, metrics: [firms, rate]}
        """
    layout = tmp_path / "layout.yaml"
    layout.write_text(
        "name: l\nslides:\n- kind: title\n- {kind: chart, story: shares, chart: doughnut}\n"
    )
    out = tmp_path / "o"
    facts = write(tmp_path, body)
    result = runner.invoke(
        main, ["build", str(facts), "--layout", str(layout), "--out", str(out), "--deck-only"]
    )
    assert result.exit_code == 0, result.output
    slide = Presentation(str(next(out.glob("*.pptx")))).slides[1]
    assert slide.shapes.title.text.startswith("30% of output exported")
    charts = [s for s in slide.shapes if s.has_chart]
    assert [c.name for c in charts] == ["exports chart"]  # the 4.1% rate is no share
    facts.write_text(facts.read_text().replace("of: the region's output, ", ""))
    result = runner.invoke(main, ["validate", str(facts), "--layout", str(layout)])
    assert result.exit_code == 0 and "chart slide is left out" in result.output
