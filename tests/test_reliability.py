"""Every bad input gets a clear answer, nothing is lost, nothing runs that should not."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from pptx import Presentation

from deckgen.assets import DEFAULT_FACTS
from deckgen.check import check_deck
from deckgen.cli import main

from .audit import off_slide, text_overflows
from .clear import one_error_line
from .mutations import mutate

BUNDLED = yaml.safe_load(DEFAULT_FACTS.read_text(encoding="utf-8"))


def write(tmp_path: Path, doc: dict, name: str = "facts.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build(runner, facts: Path, out: Path, *extra: str):
    return runner.invoke(main, ["build", str(facts), "--out", str(out), "--deck-only", *extra])


def edited(**changes) -> dict:
    doc = yaml.safe_load(DEFAULT_FACTS.read_text(encoding="utf-8"))
    for dotted, value in changes.items():
        node = doc
        keys = dotted.split(".")
        for key in keys[:-1]:
            node = node[int(key)] if isinstance(node, list) else node[key]
        last = keys[-1]
        if isinstance(node, list):
            node[int(last)] = value
        elif value is ...:
            del node[last]
        else:
            node[last] = value
    return doc


@pytest.mark.parametrize(
    "changes, expected",
    [
        (
            {"pillars.0.name.en": "Innovation 😀"},
            "pillars[innovation].name.en: no bundled font can draw '😀'",
        ),
        ({"pillars.0.name.en": "مرحبا"}, "pillars[innovation].name.en: right-to-left text"),
        (
            {"pillars.0.name.en": "a\u202eb"},
            "pillars[innovation].name.en: text contains control characters",
        ),
        (
            {"metrics.0.label.en": float("nan")},
            "metrics[tasks_approved].label.en: expected text, got nan",
        ),
        (
            {"metrics.0.value": float("inf")},
            "metrics[tasks_approved].value: inf is not a usable number",
        ),
        ({"meta.language": "fr"}, "meta.language: 'fr' is not allowed"),
        (
            {"stories.1.metrics": []},
            "stories[headline].metrics: a 'kpi-grid' slide needs at least one metric",
        ),
        (
            {"metrics.1.base": "nowhere"},
            "metrics[tasks_commenced].base: refers to unknown metric 'nowhere'",
        ),
        (
            {"metrics.0.value": "55.14bn"},
            "metrics[tasks_approved].value: expected a number, got '55.14bn'",
        ),
    ],
)
def test_bad_input_catalogue(runner, tmp_path, changes, expected):
    facts = write(tmp_path, edited(**changes))
    message = one_error_line(build(runner, facts, tmp_path / "out"))
    assert expected in message, message
    assert str(facts) in message


@pytest.mark.parametrize("key, kind", [("timeline", "timeline"), ("takeaways", "takeaways")])
def test_facts_without_a_kind_of_content_build_without_its_slide(runner, tmp_path, key, kind):
    facts = write(tmp_path, edited(**{key: []}))
    result = build(runner, facts, tmp_path / "out")
    assert result.exit_code == 0, result.output
    deck = next((tmp_path / "out").glob("*.pptx"))
    names = [s.name for slide in Presentation(str(deck)).slides for s in slide.shapes]
    assert names and not any(
        n.startswith("Milestone" if kind == "timeline" else "Takeaway") for n in names
    )


def test_unknown_lang_is_a_usage_error(runner, tmp_path):
    assert runner.invoke(main, ["build", "--lang", "fr", "--out", str(tmp_path)]).exit_code == 2


def test_a_thousand_items_continue_on_extra_slides(runner, tmp_path):
    doc = edited()
    pillar = doc["pillars"][0]
    pillar["achievements"] = [dict(pillar["achievements"][0], id=f"item_{i}") for i in range(1000)]
    facts = write(tmp_path, doc)
    started = time.monotonic()
    result = build(runner, facts, tmp_path / "out")
    assert result.exit_code == 0, result.output
    deck = tmp_path / "out" / "two-zones-briefing.pptx"
    slides = Presentation(str(deck)).slides
    assert len(slides) > 150
    assert text_overflows(deck) == [] and off_slide(deck) == []
    assert time.monotonic() - started < 120


def test_missing_and_oversized_images(runner, tmp_path):
    theme = tmp_path / "theme.yaml"
    base = (Path(__file__).resolve().parent.parent / "assets/themes/default.yaml").read_text()
    theme.write_text(base + "\nlogo: nowhere.png\n")
    result = runner.invoke(main, ["build", "--theme", str(theme), "--out", str(tmp_path / "o")])
    assert "logo:" in one_error_line(result) and "nowhere.png not found" in result.output
    Image.new("1", (12000, 9000)).save(tmp_path / "huge.png")
    theme.write_text(base + "\nlogo: huge.png\n")
    result = runner.invoke(main, ["build", "--theme", str(theme), "--out", str(tmp_path / "o")])
    assert "pixel limit" in one_error_line(result)
    (tmp_path / "fake.png").write_text("not an image")
    theme.write_text(base + "\nlogo: fake.png\n")
    result = runner.invoke(main, ["build", "--theme", str(theme), "--out", str(tmp_path / "o")])
    assert "not an image" in one_error_line(result)


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def previous(runner, tmp_path) -> Path:
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", "--out", str(out), "--dpi", "72", "--scale", "0.5"])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize(
    "failure", [RuntimeError("boom"), KeyboardInterrupt(), OSError(28, "No space left on device")]
)
def test_a_failed_build_leaves_the_previous_outputs_exactly(runner, previous, monkeypatch, failure):
    import deckgen.infographics.render as render

    before = snapshot(previous)
    calls = {"n": 0}
    original = render.render_png

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] > 3:
            raise failure
        return original(*args, **kwargs)

    monkeypatch.setattr(render, "render_png", flaky)
    monkeypatch.setattr(render.os, "cpu_count", lambda: 1)  # render in this process
    result = runner.invoke(main, ["build", "--out", str(previous), "--dpi", "73", "--scale", "0.5"])
    assert result.exit_code != 0
    if isinstance(failure, RuntimeError):  # a defect planted in deckgen on purpose
        assert "internal error: RuntimeError" in one_error_line(result, internal=True)
    elif isinstance(failure, OSError):  # a full disk is the machine's, not deckgen's
        assert "No space left" in one_error_line(result)
    assert snapshot(previous) == before
    leftovers = [p for p in previous.rglob("*") if p.name.startswith(".")]
    assert [p.name for p in leftovers] == [".deckgen-stamp.json"]  # no temporary files


def test_unwritable_output_folder(runner, tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("I am a file")
    result = runner.invoke(main, ["build", "--out", str(blocker / "out"), "--deck-only"])
    assert "cannot write here" in one_error_line(result)


def test_internal_errors_are_one_line_unless_debugging(runner, tmp_path, monkeypatch):
    import deckgen.deck.render as render

    monkeypatch.setattr(render, "render_package", lambda *a, **k: 1 / 0)
    result = runner.invoke(main, ["build", "--out", str(tmp_path), "--deck-only"])
    assert "internal error: ZeroDivisionError" in one_error_line(result, internal=True)
    monkeypatch.setenv("DECKGEN_DEBUG", "1")
    result = runner.invoke(main, ["build", "--out", str(tmp_path), "--deck-only"])
    assert isinstance(result.exception, ZeroDivisionError)


EXAMPLES = {
    p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
    for p in sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))
}
SOURCES = [("bundled", seed) for seed in range(40)] + [
    (name, seed) for name in EXAMPLES for seed in range(15)
]


@pytest.mark.parametrize("source, seed", SOURCES, ids=[f"{n}-{s}" for n, s in SOURCES])
def test_seeded_mutations_build_cleanly_or_fail_clearly(runner, tmp_path, source, seed):
    document = BUNDLED if source == "bundled" else EXAMPLES[source]
    facts = write(tmp_path, mutate(document, seed))
    started = time.monotonic()
    result = build(runner, facts, tmp_path / "out")
    assert time.monotonic() - started < 120
    assert result.exit_code in (0, 1), result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), result.output
    if result.exit_code == 0:
        deck = next((tmp_path / "out").glob("*.pptx"))
        assert text_overflows(deck) == [] and off_slide(deck) == []
    else:
        one_error_line(result)


# -- properties ---------------------------------------------------------------------------
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=3, max_size=60).map(
    lambda s: s.strip() or "text"
)
ids = st.from_regex(r"[a-z][a-z0-9_]{2,8}", fullmatch=True)


@st.composite
def facts_documents(draw) -> dict:
    metric_ids = draw(st.lists(ids, min_size=2, max_size=6, unique=True))
    metrics = [
        {
            "id": m,
            "value": draw(st.floats(0, 100, allow_nan=False).map(lambda v: round(v, 1))),
            "unit": draw(st.sampled_from(["%", "items", "USD billion", ""])),
            "qualifier": draw(st.sampled_from(["", "nearly", "around", "over"])),
            "label": draw(words),
            "cite": {"source": "src", "para": draw(st.integers(1, 9))},
        }
        for m in metric_ids
    ]
    metrics = [{k: v for k, v in m.items() if v != ""} for m in metrics]
    for m in metrics:
        if draw(st.booleans()):
            earlier = draw(st.floats(0, 100, allow_nan=False).map(lambda v: round(v, 1)))
            m["earlier"] = {"value": earlier, "period": "2023"}
    growth = draw(st.booleans())
    count = draw(st.integers(2, 24))
    values = st.floats(-60, 250, allow_nan=False) if growth else st.floats(0, 10**7)
    series = {
        "id": "s1",
        "name": draw(words),
        "unit": "%" if growth else draw(st.sampled_from(["firms", "USD million", "million"])),
        "cite": {"source": "src", "para": 2},
        "points": [
            {"period": 2000 + i, "value": draw(st.none() | values.map(lambda v: round(v, 2)))}
            for i in range(count)
        ],
    }
    if growth:
        series.update(kind="growth", basis="year-on-year")
    if all(p["value"] is None for p in series["points"]):
        series["points"][0]["value"] = 1.5
    pillars = [
        {
            "id": f"p{i}",
            "name": draw(words),
            "message": draw(words),
            "summary": draw(words),
            "figure": draw(st.sampled_from(metric_ids)),
            "achievements": [
                {
                    "id": f"a{i}_{j}",
                    "heading": draw(words),
                    "detail": draw(words),
                    "first": draw(st.booleans()),
                    "cite": {"source": "src", "para": 1},
                }
                for j in range(draw(st.integers(1, 8)))
            ],
        }
        for i in range(draw(st.integers(1, 5)))
    ]
    shares = [m["id"] for m in metrics if m.get("unit") == "%"] or [metric_ids[0]]
    return {
        "meta": {"title": draw(words), "date": "2024-01-02", "organisation": draw(words)},
        "sources": [
            {
                "id": "src",
                "publisher": draw(words),
                "event": draw(words),
                "date": "2024-01-01",
                "short": draw(words),
            }
        ],
        "metrics": metrics,
        "series": [series],
        "pillars": pillars,
        "stories": [
            {"id": "headline", "title": draw(words), "metrics": metric_ids[:4]},
            {"id": "shares", "title": draw(words), "metrics": shares},
        ],
        "timeline": [{"when": "2024", "text": draw(words), "cite": {"source": "src", "para": 1}}],
        "takeaways": [{"text": draw(words), "metric": metric_ids[0]}],
    }


LAYOUT = """name: property
slides:
  - kind: title
  - kind: kpi-grid
    story: headline
  - kind: pillar
  - kind: trend
  - kind: change
  - kind: table
  - kind: timeline
    story: headline
  - kind: takeaways
    story: headline
  - kind: sources
"""


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(doc=facts_documents())
def test_any_valid_document_builds_a_deck_that_passes_its_check(runner, tmp_path_factory, doc):
    tmp = tmp_path_factory.mktemp("prop")
    layout = tmp / "layout.yaml"
    layout.write_text(LAYOUT)
    facts = write(tmp, doc)
    result = runner.invoke(
        main,
        ["build", str(facts), "--layout", str(layout), "--out", str(tmp / "out"), "--deck-only"],
    )
    if result.exit_code != 0:  # allowed only as a clear refusal naming the fact
        assert "does not fit" in one_error_line(result)
        return
    deck = next((tmp / "out").glob("*.pptx"))
    Presentation(str(deck))
    assert [f for f in check_deck(deck) if f.severity == "error"] == []


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10**6), junk=st.sampled_from([None, [], "x", -5, {"a": 1}, 3.5]))
def test_any_invalid_document_gives_an_error_line(runner, tmp_path_factory, seed, junk):
    doc = mutate(BUNDLED, seed)
    doc["metrics"] = junk  # certainly invalid
    tmp = tmp_path_factory.mktemp("bad")
    result = runner.invoke(main, ["validate", str(write(tmp, doc))])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "Traceback" not in result.output
    assert "internal error" not in result.output


def test_a_deck_that_fails_while_its_graphics_are_drawn_stops_the_drawing(
    runner, previous, monkeypatch
):
    """The deck is rendered while worker processes draw the graphics: when rendering fails,
    the workers are stopped, nothing is left running and the previous outputs stand."""
    import multiprocessing

    import deckgen.deck.render as deck_render
    import deckgen.infographics.render as render

    before = snapshot(previous)
    monkeypatch.setattr(render.os, "cpu_count", lambda: 2)  # draw in two worker processes
    monkeypatch.setattr(deck_render, "render_package", lambda *a, **k: 1 / 0)
    result = runner.invoke(main, ["build", "--out", str(previous), "--dpi", "73", "--scale", "0.5"])
    assert "internal error: ZeroDivisionError" in one_error_line(result, internal=True)
    assert snapshot(previous) == before
    assert multiprocessing.active_children() == []
