"""The plan: pure data that makes every decision, checked without python-pptx."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from deckgen.build import BuildOptions, make_plan
from deckgen.plan import ChartEl, TextEl
from deckgen.plancheck import contrast, findings

GOLDEN = Path(__file__).parent / "golden" / "briefing-outline.json"


@pytest.fixture(scope="module")
def plan():
    return make_plan(None, BuildOptions())


def outline(plan) -> list[dict]:
    return [
        {
            "kind": s.kind,
            "title": s.title.paragraphs[0].runs[0].text,
            "elements": [e.name for e in s.elements],
        }
        for s in plan.slides
    ]


def test_outline_matches_the_reviewed_golden(plan):
    """Regenerate on purpose with DECKGEN_REGOLD=1 and review the diff."""
    current = outline(plan)
    if os.environ.get("DECKGEN_REGOLD"):
        GOLDEN.write_text(json.dumps(current, indent=1, ensure_ascii=False) + "\n")
    assert current == json.loads(GOLDEN.read_text())


def test_plan_meets_the_design_rules(plan):
    assert list(findings(plan)) == []


def test_plan_is_json(plan):
    data = plan.to_json()
    assert '"chart": "doughnut"' in json.dumps(data)
    assert data["date"] == "2023-08-21" and len(data["slides"]) == len(plan.slides)


def test_planning_never_imports_the_renderers():
    code = (
        "import sys; from deckgen.build import BuildOptions, make_plan; "
        "make_plan(None, BuildOptions()); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pptx', 'matplotlib')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_text_has_decided_line_breaks(plan):
    for slide in plan.slides:
        for el in [slide.title, *slide.elements]:
            if isinstance(el, TextEl):
                for para in el.paragraphs:
                    assert para.lines, (slide.kind, el.name)


def test_slide_kinds_of_the_briefing(plan):
    kinds = [s.kind for s in plan.slides]
    for kind in (
        "title",
        "agenda",
        "kpi-grid",
        "progress",
        "section",
        "pillar",
        "chart",
        "firsts",
        "timeline",
        "takeaways",
        "sources",
    ):
        assert kind in kinds
    assert kinds.count("pillar") == 4


def test_derived_remainders_are_computed_and_labelled(plan):
    doughnuts = [
        e
        for s in plan.slides
        for e in s.elements
        if isinstance(e, ChartEl) and e.chart == "doughnut"
    ]
    assert len(doughnuts) == 6
    for chart in doughnuts:
        assert sum(chart.values) == pytest.approx(100)
        assert chart.derived == (False, True)
        assert "derived" in chart.categories[1] and "derived" in chart.alt
    shares = {c.values[0]: c.values[1] for c in doughnuts}
    assert shares == {98: 2, 9: 91, 96.5: 3.5, 80: 20, 44.5: 55.5}
    # The rest of a qualified share is as uncertain as the share: over 80% leaves under 20%.
    rests = {c.values[0]: c.categories[1] for c in doughnuts}
    assert rests[80].endswith("under 20%") and rests[98].endswith("over 2%")
    assert rests[44.5].endswith(": 55.5%")


def test_the_bundled_deck_draws_no_bars_of_unlike_shares(plan):
    assert not [e for s in plan.slides for e in s.elements if getattr(e, "chart", "") == "bar"]


def test_contrast_ratio():
    assert contrast("000000", "FFFFFF") == pytest.approx(21)
    assert contrast("FFFFFF", "FFFFFF") == pytest.approx(1)
    assert contrast("767676", "FFFFFF") == pytest.approx(4.54, abs=0.01)


def test_tiles_in_a_row_share_their_sizes(plan):
    kpi = next(s for s in plan.slides if s.kind == "kpi-grid")
    heroes = {
        max(r.size_pt for r in e.paragraphs[1].runs)
        for e in kpi.elements
        if isinstance(e, TextEl) and e.name.endswith(" figure")
    }
    assert len(heroes) == 1 and heroes.pop() >= 40


def test_facts_reference_is_in_sync_with_the_model():
    from deckgen.docgen import render

    docs = Path(__file__).resolve().parent.parent / "docs" / "facts.md"
    assert docs.read_text(encoding="utf-8") == render(), (
        "run: python -m deckgen.docgen > docs/facts.md"
    )
