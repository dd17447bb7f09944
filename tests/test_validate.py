"""`deckgen validate` meets exactly the problems `deckgen build` meets, names each with its
file:line: key, and says which slides it would make and what it leaves out."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from deckgen.assets import DEFAULT_FACTS, LAYOUTS
from deckgen.cli import main
from deckgen.errors import FactsError, counted, plural
from deckgen.facts import load_facts
from deckgen.slides.base import Context, require
from deckgen.theme import load_theme

from .clear import one_error_line
from .mutations import mutate
from .test_reliability import LAYOUT, facts_documents

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
BUNDLED = yaml.safe_load(DEFAULT_FACTS.read_text(encoding="utf-8"))
DOCUMENTS = {"bundled": BUNDLED} | {
    p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in EXAMPLES
}
LOCATED = re.compile(r"^Error: \S+:\d+: ")  # file:line: — every refusal names its place


def write(folder: Path, doc: dict, name: str = "facts.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def error_line(result) -> str:
    return next(line for line in result.output.splitlines() if line.startswith("Error:"))


def agree(runner, folder: Path, facts: Path | None, *options: str, deck_only: bool = True):
    """Run validate and build on the same inputs; assert they agree; return both results."""
    given = [str(facts)] if facts else []
    only = ["--deck-only"] if deck_only else []
    checked = runner.invoke(main, ["validate", *given, *options, *only, "--json"])
    out = folder / "out"
    built = runner.invoke(main, ["build", *given, *options, *only, "--json", "--out", str(out)])
    assert checked.exit_code == built.exit_code, (checked.output, built.output)
    if built.exit_code:
        one_error_line(checked), one_error_line(built)
        assert error_line(checked) == error_line(built)
    else:
        said, made = json.loads(checked.stdout), json.loads(built.stdout)
        assert said["slides"] == made["slides"] == len(Presentation(made["deck"]).slides)
        assert said["contents"] == made["contents"]
        if deck_only:
            assert said["left_out"] == made["left_out"] and said["graphics"] is None
        else:  # the deck's left out, then the graphics'; every graphic counted is drawn
            assert said["left_out"][: len(made["left_out"])] == made["left_out"]
            assert said["graphics"] == len(made["graphics"]) - 1  # less the manifest
    return checked, built


def located(result) -> None:
    """Assert a refusal names the file and line of what is wrong."""
    assert result.exit_code == 0 or LOCATED.match(error_line(result)), result.output


# -- validate and build never disagree ------------------------------------------------------
SOURCES = [None, *EXAMPLES]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("facts", SOURCES, ids=lambda p: p.stem if p else "bundled")
def test_validate_agrees_with_build_on_the_bundled_facts_and_examples(
    runner, tmp_path, facts, lang
):
    agree(runner, tmp_path, facts, "--lang", lang)


@pytest.mark.parametrize("layout", ["executive", "one-pager"])
def test_validate_agrees_with_build_on_every_bundled_layout(runner, tmp_path, layout):
    checked, _ = agree(runner, tmp_path, None, "--layout", layout)
    assert checked.exit_code == 0, checked.output


@pytest.mark.parametrize("facts", [None, EXAMPLES[-1]], ids=["bundled", EXAMPLES[-1].stem])
def test_validate_agrees_with_a_full_build_with_infographics(runner, tmp_path, facts):
    checked, _ = agree(runner, tmp_path, facts, deck_only=False)
    assert checked.exit_code == 0, checked.output


MUTATED = [(name, seed) for name in DOCUMENTS for seed in range(5)]


@pytest.mark.parametrize("source, seed", MUTATED, ids=[f"{n}-{s}" for n, s in MUTATED])
def test_validate_agrees_with_build_on_mutated_facts(runner, tmp_path, source, seed):
    located(agree(runner, tmp_path, write(tmp_path, mutate(DOCUMENTS[source], seed)))[0])


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(doc=facts_documents(), seed=st.none() | st.integers(0, 10**6), own=st.booleans())
def test_validate_agrees_with_build_on_generated_facts(runner, tmp_path_factory, doc, seed, own):
    folder = tmp_path_factory.mktemp("agree")
    facts = write(folder, doc if seed is None else mutate(doc, seed))
    layout = folder / "layout.yaml"
    layout.write_text(LAYOUT)
    located(agree(runner, folder, facts, *(["--layout", str(layout)] if own else []))[0])


BROKEN_LAYOUTS = {
    "no zh title": (
        "- kind: title\n- kind: sources\n  title: {en: Where it comes from}\n",
        ["--lang", "zh"],
        r":5: slides\[1\]\.title: no 'zh' text \(add 'zh:' to this field\)",
    ),
    "title too long": (
        "- kind: title\n- kind: sources\n  title: {en: " + "Extraordinarily " * 60 + "}\n",
        [],
        r":5: slides\[1\]\.title: text does not fit its box on the 'Title' element",
    ),
    "unknown graphic": (
        "- kind: title\n- kind: graphic\n  graphic: nothing\n",
        [],
        r":5: slides\[1\]\.graphic: no infographic 'nothing' among the layout's infographics",
    ),
    "nothing to show": (
        "- kind: section\n  story: nowhere\n",
        [],
        r":2: slides: no slide has anything to show from these facts",
    ),
    "unknown kind": ("- kind: wordcloud\n", [], r":3: slides\[0\]\.kind: unknown slide kind"),
    "needs a key": ("- kind: graphic\n", [], r":3: slides\[0\]: a 'graphic' slide needs 'graphic'"),
    "unknown series": (
        "- kind: trend\n  series: [nowhere]\n",
        [],
        r":4: slides\[0\]\.series\[0\]: the facts have no series 'nowhere'",
    ),
}


@pytest.mark.parametrize("case", BROKEN_LAYOUTS)
def test_validate_refuses_broken_layouts_as_build_does(runner, tmp_path, case):
    slides, options, expected = BROKEN_LAYOUTS[case]
    layout = tmp_path / "layout.yaml"
    layout.write_text("name: mine\nslides:\n" + slides, encoding="utf-8")
    checked, _ = agree(runner, tmp_path, None, "--layout", str(layout), *options)
    located(checked)
    line = error_line(checked)
    assert re.search(re.escape(str(layout)) + expected, line), line


def test_validate_refuses_bad_facts_themes_and_masters_as_build_does(runner, tmp_path):
    facts = write(tmp_path, {**BUNDLED, "metrics": "none"}, "bad.yaml")
    assert "metrics: expected a list" in error_line(agree(runner, tmp_path, facts)[0])
    missing = agree(runner, tmp_path, tmp_path / "missing.yaml")[0]
    assert "missing.yaml: facts file not found" in error_line(missing)
    theme = agree(runner, tmp_path, None, "--theme", "nowhere")[0]
    assert theme.exit_code == 1 and "nowhere" in error_line(theme)
    (tmp_path / "fake.pptx").write_text("not a deck")
    master = agree(runner, tmp_path, None, "--master", str(tmp_path / "fake.pptx"))[0]
    assert master.exit_code == 1 and "fake.pptx" in error_line(master)


def test_usage_errors_exit_2_as_build_does(runner, tmp_path):
    for options in (["--lang", "fr"], ["--no-such-option"], ["--layout"]):
        assert runner.invoke(main, ["validate", *options]).exit_code == 2
        assert runner.invoke(main, ["build", *options, "--out", str(tmp_path)]).exit_code == 2


def test_every_problem_of_the_deck_is_listed_the_first_on_the_error_line(runner, tmp_path):
    layout = tmp_path / "layout.yaml"
    layout.write_text(
        "name: mine\nslides:\n- kind: title\n- kind: graphic\n  graphic: nothing\n"
        "- kind: sources\n  title: {en: Sources}\n- kind: graphic\n  graphic: nothing\n"
        "  story: headline\n",
        encoding="utf-8",
    )
    checked, built = agree(runner, tmp_path, None, "--layout", str(layout), "--lang", "zh")
    for result in (checked, built):
        lines = result.output.strip().splitlines()
        assert lines[0] == (
            f"Error: {layout}:5: slides[1].graphic: no infographic 'nothing' among the "
            "layout's infographics (known: none; add it under 'infographics:')"
        )
        assert lines[1] == "2 more problem(s):"
        assert lines[2].startswith(f"  {layout}:7: slides[2].title: no 'zh' text")
        assert lines[3].startswith(f"  {layout}:9: slides[3].graphic: no infographic")


def test_the_infographics_problems_follow_the_decks(runner, tmp_path):
    doc = yaml.safe_load(DEFAULT_FACTS.read_text(encoding="utf-8"))
    doc["timeline"][0]["text"] = {"en": "Work begins"}  # drawn by the timeline graphic only
    facts = write(tmp_path, doc)
    layout = tmp_path / "layout.yaml"
    layout.write_text(
        "name: mine\nslides:\n- kind: title\n- kind: sources\n  title: {en: Sources}\n"
        "infographics:\n- kind: timeline\n",
        encoding="utf-8",
    )
    options = ["--layout", str(layout), "--lang", "zh"]
    checked, built = agree(runner, tmp_path, facts, *options, deck_only=False)
    deck_problem = f"Error: {layout}:5: slides[1].title: no 'zh' text (add 'zh:' to this field)"
    assert built.output.strip() == deck_problem
    line = load_facts(facts).located.line("timeline[0].text")
    assert checked.output.strip().splitlines() == [
        deck_problem,
        "1 more problem(s):",
        f"  {facts}:{line}: timeline[0].text: no 'zh' text (add 'zh:' to this field)",
    ]
    deck_only = runner.invoke(main, ["validate", str(facts), *options, "--deck-only"])
    assert deck_only.output.strip() == deck_problem  # the graphics are not drawn then


# -- what validate says when all is well ----------------------------------------------------
def test_validate_lists_the_slides_the_build_draws(runner, built):
    result = runner.invoke(main, ["validate", "--deck-only"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    titles = [s.shapes.title.text for s in Presentation(str(built)).slides]
    left = len(lines) - len(titles) - 2 if "Left out:" in lines else 0
    assert lines[0] == (
        f"{DEFAULT_FACTS}: valid: {counted(len(titles), 'slide')} in 'en' from "
        f"{LAYOUTS / 'briefing.yaml'}" + (f", {left} left out" if left else "")
    )
    listed = lines[1 : 1 + len(titles)]
    assert [re.split(r"\s{2,}", line.strip(), maxsplit=2)[2] for line in listed] == titles
    assert [int(line.split()[0]) for line in listed] == list(range(1, len(titles) + 1))
    assert listed[0].split()[1] == "title" and listed[-1].split()[1] == "sources"


SMALL = """\
meta: {title: Regional figures, date: 2024-03, organisation: Briefing desk}
sources:
- {id: office, publisher: Statistics office, event: Annual release, date: 2024, short: Release}
metrics:
- {id: firms, value: 1200, unit: firms, label: firms registered, cite: {source: office, para: 1}}
- {id: jobs, value: 35000, unit: jobs, label: jobs created, cite: {source: office, para: 2}}
stories:
- {id: headline, title: Firms and jobs grew, metrics: [firms, jobs]}
"""

EVERYTHING = """\
name: mine
slides:
- kind: title
- kind: kpi-grid
  story: headline
- kind: trend
- kind: change
- kind: table
- kind: section
  story: nowhere
- kind: pillar
- kind: timeline
- kind: sources
infographics:
- kind: pillar-card
"""


def test_validate_says_what_it_leaves_out_and_why(runner, tmp_path):
    facts, layout = tmp_path / "facts.yaml", tmp_path / "layout.yaml"
    facts.write_text(SMALL, encoding="utf-8")
    layout.write_text(EVERYTHING, encoding="utf-8")
    result = runner.invoke(main, ["validate", str(facts), "--layout", str(layout)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{facts}: valid: 3 slides and 0 infographics in 'en' from {layout}, 7 left out",
        "   1  title     Regional figures",
        "   2  kpi-grid  Firms and jobs grew",
        "   3  sources   Sources and method",
        "Left out:",
        f"  {layout}:6: slides[2]: the facts have no series, so this trend slide is left out "
        "(add series to the facts, or remove this slide)",
        f"  {layout}:7: slides[3]: the facts have no metric with an earlier value or a stated "
        "change, so this change slide is left out (add 'earlier:' to a metric, name metrics "
        "here, or remove this slide)",
        f"  {layout}:8: slides[4]: the facts have no series for a table (several series, or one "
        "of 8 to 40 points), so this table slide is left out (name series or metrics here, or "
        "remove this slide)",
        f"  {layout}:10: slides[5].story: the facts have no story 'nowhere', so this section "
        "slide is left out (known stories: headline)",
        f"  {layout}:11: slides[6]: the facts have no pillars, so this pillar slide is left out "
        "(add pillars to the facts, or remove this slide)",
        f"  {layout}:12: slides[7]: the facts have no milestones, so this timeline slide is "
        "left out (add a timeline to the facts, or remove this slide)",
        f"  {layout}:15: infographics[0]: the facts have no pillars, so this pillar-card "
        "graphic is left out (add pillars to the facts, or remove this graphic)",
    ]
    assert result.output.count("Warning:") == 0  # said once, under "Left out"
    report = json.loads(
        runner.invoke(main, ["validate", str(facts), "--layout", str(layout), "--json"]).stdout
    )
    assert report["left_out"] == [line[2:] for line in result.stdout.splitlines()[5:]]
    assert [s["kind"] for s in report["contents"]] == ["title", "kpi-grid", "sources"]
    assert report["slides"] == 3 and report["graphics"] == 0


def test_a_layout_with_nothing_to_show_lists_why(runner, tmp_path):
    facts, layout = tmp_path / "facts.yaml", tmp_path / "layout.yaml"
    facts.write_text(SMALL, encoding="utf-8")
    layout.write_text("name: mine\nslides:\n- kind: trend\n- kind: pillar\n", encoding="utf-8")
    checked, _ = agree(runner, tmp_path, facts, "--layout", str(layout))
    assert checked.output.strip().splitlines() == [
        f"Error: {layout}:2: slides: no slide has anything to show from these facts (name "
        "stories, series or metrics the facts have, or add what the slides need)",
        "2 more problem(s):",
        f"  {layout}:3: slides[0]: the facts have no series, so this trend slide is left out "
        "(add series to the facts, or remove this slide)",
        f"  {layout}:4: slides[1]: the facts have no pillars, so this pillar slide is left out "
        "(add pillars to the facts, or remove this slide)",
    ]


def test_validate_json_matches_build_json(runner, tmp_path):
    checked = json.loads(runner.invoke(main, ["validate", "--json"]).stdout)
    made = json.loads(
        runner.invoke(main, ["build", "--json", "--deck-only", "--out", str(tmp_path)]).stdout
    )
    assert checked["facts"] == str(DEFAULT_FACTS) and checked["language"] == "en"
    assert checked["layout"] == str(LAYOUTS / "briefing.yaml")
    deck = Presentation(made["deck"])
    assert checked["slides"] == made["slides"] == len(made["contents"]) == len(deck.slides)
    assert checked["contents"] == made["contents"]
    assert made["contents"][0] == {
        "number": 1,
        "kind": "title",
        "title": deck.slides[0].shapes.title.text,
    }
    assert checked["left_out"][: len(made["left_out"])] == made["left_out"]
    assert isinstance(checked["graphics"], int) and checked["graphics"] > 0
    again = json.loads(  # from the build cache: the same report
        runner.invoke(main, ["build", "--json", "--deck-only", "--out", str(tmp_path)]).stdout
    )
    assert again["cached"] and again["contents"] == made["contents"]
    assert again["left_out"] == made["left_out"]


def test_validate_writes_nothing(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for options in ([], ["--json"], ["--lang", "zh"]):
        assert runner.invoke(main, ["validate", *options]).exit_code == 0
    assert list(tmp_path.iterdir()) == []


def test_validate_uses_the_project_folder_as_build_does(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, BUNDLED)
    (tmp_path / "layout.yaml").write_text("name: mine\nslides:\n- kind: title\n")
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        f"{tmp_path / 'facts.yaml'}: valid: 1 slide and 0 infographics in 'en' from "
        f"{tmp_path / 'layout.yaml'}\n"
    )
    built = runner.invoke(main, ["build", "--deck-only"])
    assert "(1 slide)" in built.output


def test_warnings_are_given_once(runner, tmp_path):
    doc = {**BUNDLED, "colour": "blue"}  # an unknown key: a warning, an error with --strict
    facts = write(tmp_path, doc)
    result = runner.invoke(main, ["validate", str(facts), "--deck-only"])
    assert result.exit_code == 0
    warnings = [line for line in result.output.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 1 and "colour" in warnings[0]
    agree(runner, tmp_path, facts, "--strict")  # refused by both, with the same line


# -- the wording of messages -------------------------------------------------------------------
@pytest.mark.parametrize(
    "noun, many",
    [
        ("slide", "slides"),
        ("achievement marked 'first: true'", "achievements marked 'first: true'"),
        ("metric or pillar", "metrics or pillars"),
        ("takeaway", "takeaways"),
        ("category", "categories"),
        ("box", "boxes"),
        ("series", "series"),
        ("graphics file", "graphics files"),
    ],
)
def test_plurals(noun, many):
    assert plural(noun) == many
    assert counted(1, noun) == f"1 {noun}"
    assert counted(2, noun) == f"2 {many}" and counted(0, noun) == f"0 {many}"


def test_a_slide_with_nothing_to_show_says_what_to_add_in_plain_english():
    loaded = load_facts(DEFAULT_FACTS)
    ctx = Context(loaded.facts, loaded.located, load_theme("default"), "en")
    with pytest.raises(FactsError) as caught:
        require(ctx, [], "pillars", "firsts", "achievement marked 'first: true'")
    line = loaded.located.line("pillars")
    assert caught.value.format_message() == (
        f"{DEFAULT_FACTS}:{line}: pillars: a 'firsts' slide needs at least one achievement "
        "marked 'first: true' (add achievements marked 'first: true' here, or remove the "
        "slide from the layout)"
    )
    with pytest.raises(FactsError, match=r"add metrics or pillars here"):
        require(ctx, (), "metrics", "one-pager", "metric or pillar")


def test_counts_in_messages_agree_with_their_nouns(runner, tmp_path):
    one = tmp_path / "one.yaml"
    one.write_text("name: one\nslides:\n- kind: title\n")
    built = runner.invoke(main, ["build", "--layout", str(one), "--out", str(tmp_path / "a")])
    assert built.exit_code == 0, built.output
    assert "(1 slide)" in built.output and "Wrote 0 infographics and" in built.output
    checked = runner.invoke(main, ["validate", "--layout", str(one)])
    assert ": valid: 1 slide and 0 infographics in 'en'" in checked.output
    two = runner.invoke(main, ["build", "--out", str(tmp_path / "b"), "--deck-only"])
    assert "(16 slides)" in two.output


def test_layouts_lists_each_with_its_entries_counted_in_plain_english(runner):
    result = runner.invoke(main, ["layouts"])
    assert result.exit_code == 0
    assert "(1 slide entry)" in result.output and "(5 slide entries)" in result.output
    assert "entries)" in result.output and "(1 slide entries)" not in result.output
