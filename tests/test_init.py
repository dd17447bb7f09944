"""`deckgen init`: the scaffolded project is a generic, documented starting point that
validates strictly and builds cleanly with every bundled layout."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pptx import Presentation

from deckgen.assets import DEFAULT_FACTS, SCAFFOLD
from deckgen.build import BuildOptions, make_plan
from deckgen.check import check_deck
from deckgen.cli import main
from deckgen.facts import kind_of, load_facts
from deckgen.plan import ChartEl, TextEl
from deckgen.plancheck import findings

DECK = "programme-x-briefing.pptx"


@pytest.fixture
def project(runner, tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "briefing"
    result = runner.invoke(main, ["init", str(folder)])
    assert result.exit_code == 0, result.output
    monkeypatch.chdir(folder)
    return folder


def test_init_writes_the_project_and_never_overwrites(runner, project):
    assert {p.name for p in project.iterdir()} == {
        "facts.yaml",
        "layout.yaml",
        "theme.yaml",
        "README.md",
        "facts.schema.json",
    }
    again = runner.invoke(main, ["init", str(project)])
    assert again.exit_code == 1 and "already has" in again.output


def test_scaffold_validates_strictly(runner, project):
    result = runner.invoke(main, ["validate", "--strict", "facts.yaml"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "layout, count",
    [(None, 10), ("executive", 5), ("one-pager", 1)],
)
def test_scaffold_builds_cleanly_with_every_layout(runner, project, layout, count):
    args = ["build", "--deck-only", "--strict"] + (["--layout", layout] if layout else [])
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output.lower() and "left out" not in result.output
    deck = project / "output" / DECK
    assert len(Presentation(str(deck)).slides) == count
    assert check_deck(deck) == []


def test_scaffold_is_generic_not_the_bundled_sample():
    text = (SCAFFOLD / "facts.yaml").read_text()
    head = text.split("\nmeta:")[0]
    assert text.splitlines()[1].startswith("# Facts for your briefing")  # after the schema line
    assert "PLACEHOLDER" in head and "every number" in head
    assert "Programme X" in text and "Region Y" in text
    ours = load_facts(SCAFFOLD / "facts.yaml").facts
    sample = load_facts(DEFAULT_FACTS).facts
    assert not {m.id for m in ours.metrics} & {m.id for m in sample.metrics}
    assert not {p.id for p in ours.pillars} & {p.id for p in sample.pillars}
    titles = {s.title.get("en", "en") for s in sample.stories}
    assert not {s.title.get("en", "en") for s in ours.stories} & titles


def test_scaffold_shows_each_shape_of_fact():
    facts = load_facts(SCAFFOLD / "facts.yaml", strict=True).facts
    metrics = {m.id: m for m in facts.metrics}
    assert len(facts.sources) == 1
    # A headline level with unit and qualifier, carrying its year-on-year growth.
    level = next(m for m in facts.metrics if m.change)
    growth = metrics[level.change]
    assert kind_of(level) == "level" and level.unit and level.qualifier
    assert kind_of(growth) == "growth" and growth.basis.get("en", "en") == "year-on-year"
    # A figure with an earlier value, and a true share of a whole stated in words.
    assert [m.id for m in facts.metrics if m.earlier is not None]
    assert [
        m for m in facts.metrics if kind_of(m) == "share" and m.unit.get("en", "en") == "%" and m.of
    ]
    # A short series with one gap.
    (series,) = facts.series
    values = [p.value for p in series.points]
    assert 3 <= len(values) <= 6 and values.count(None) == 1
    # One pillar with two achievements, one of them a first.
    (pillar,) = facts.pillars
    assert len(pillar.achievements) == 2
    assert [a.first for a in pillar.achievements].count(True) == 1
    assert facts.timeline and facts.takeaways
    assert facts.story("headline").metrics


def test_every_key_is_explained_where_it_first_appears():
    """Each key carries a comment on its first line, or right above it; each part of the
    file points to its section of docs/facts.md."""
    text = (SCAFFOLD / "facts.yaml").read_text()
    lines = text.splitlines()
    seen: dict[str, int] = {}

    def walk(node) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                seen.setdefault(key.value, key.start_mark.line)
                walk(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)

    walk(yaml.compose(text))
    for key, line in seen.items():
        above = lines[line - 1].strip() if line else ""
        assert "#" in lines[line] or above.startswith("#"), key
    for key in ("meta", "sources", "metrics", "series", "pillars", "stories", "timeline"):
        line = seen[key]
        assert "docs/facts.md" in lines[line] + lines[line - 1], key


def test_scaffold_plan_draws_each_shape_as_what_it_is(project):
    facts = load_facts(project / "facts.yaml").facts
    plan = make_plan(project / "facts.yaml", BuildOptions(layout=str(project / "layout.yaml")))
    assert list(findings(plan)) == []
    kinds = [s.kind for s in plan.slides]
    # Left out: the section dividers (no stories), the second doughnut slide (it would repeat
    # the first), an overview of a single strand, a firsts slide for a single first (badged
    # on its strand's slide) and a table of a four-point series its chart shows at a glance.
    assert kinds == [
        "title",
        "kpi-grid",
        "trend",
        "change",
        "progress",
        "pillar",
        "chart",
        "timeline",
        "takeaways",
        "sources",
    ]
    assert len(plan.left_out) == 6
    slide = dict(zip(kinds, plan.slides))
    # The series as a column chart with its gap left a gap.
    (trend,) = [e for e in slide["trend"].elements if isinstance(e, ChartEl)]
    assert trend.chart == "column"
    assert trend.values == tuple(p.value for p in facts.series[0].points)
    assert None in trend.values
    # The change slide: the earlier value derived into a change, the growth as stated.
    texts = {
        e.name: ["".join(r.text for r in p.runs) for p in e.paragraphs]
        for e in slide["change"].elements
        if isinstance(e, TextEl)
    }
    earlier = next(m for m in facts.metrics if m.earlier is not None)
    assert texts[f"{earlier.id} change"][1] == "derived"
    # The growth travels with its level: one row, the level after, the growth as stated.
    level = next(m for m in facts.metrics if m.change is not None)
    assert kind_of(facts.metric(level.change)) == "growth"
    assert texts[f"{level.id} change"] == ["+12%", "year on year"]
    # Doughnuts only for the shares, each share drawn, the rest labelled as derived.
    shares = {m.value for m in facts.metrics if kind_of(m) == "share"}
    doughnuts = [
        e
        for s in plan.slides
        for e in s.elements
        if isinstance(e, ChartEl) and e.chart == "doughnut"
    ]
    assert doughnuts and {d.values[0] for d in doughnuts} == shares
    assert all(d.derived == (False, True) for d in doughnuts)
    charted = {s.kind for s in plan.slides if any(isinstance(e, ChartEl) for e in s.elements)}
    assert charted == {"trend", "progress", "chart"}
