"""Facts loading and validation: every message names the file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.assets import DEFAULT_FACTS
from deckgen.errors import FactsError
from deckgen.facts import load_facts
from deckgen.numbers import expand, figure


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "facts.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path, strict: bool = False) -> str:
    with pytest.raises(FactsError) as info:
        load_facts(path, strict=strict)
    return info.value.message


def replace_in(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_bundled_facts_load_without_warnings():
    loaded = load_facts(DEFAULT_FACTS, strict=True)
    assert loaded.warnings == ()
    facts = loaded.facts
    assert facts.meta.date.isoformat() == "2023-08-21"
    assert len(facts.pillars) == 4
    assert {m.id for m in facts.metrics} >= {"tasks_commenced", "fdi_paid_in", "fdi_services_share"}


@pytest.mark.parametrize(
    "metric_id, expected",
    [
        ("tasks_commenced", "nearly 98%"),
        ("reform_measures", "around 500 measures"),
        ("procedures_streamlined", "over 80%"),
        ("fdi_paid_in", "US$55.14 billion"),
        ("digital_economy_share", "44.5%"),
        ("fdi_services_share", "96.5%"),
        ("shared_services", "179 items"),
        ("evaluation_rank", "1st"),
    ],
)
def test_figures_keep_qualifier_and_unit(metric_id, expected):
    facts = load_facts(DEFAULT_FACTS).facts
    assert figure(facts.metric(metric_id)).full == expected


def test_placeholders_expand_to_figures_and_nothing_else():
    facts = load_facts(DEFAULT_FACTS).facts
    assert (
        expand("{tasks_commenced.number} of {tasks_approved}", facts) == "nearly 98% of 251 tasks"
    )
    assert expand("no placeholders", facts) == "no placeholders"


def test_wrong_type_names_file_line_key_and_fix(facts_copy):
    replace_in(facts_copy, "value: 55.14", 'value: "55.14bn"')
    line = line_of(facts_copy, '"55.14bn"')
    message = error_of(facts_copy)
    assert message.startswith(
        f"{facts_copy}:{line}: metrics[fdi_paid_in].value: expected a number, got '55.14bn'"
    )
    assert "unit" in message  # says how to fix it


def test_every_problem_is_reported_at_once(facts_copy):
    replace_in(facts_copy, "value: 55.14", "value: lots")
    replace_in(facts_copy, "value: 251", "value: many")
    message = error_of(facts_copy)
    assert "metrics[tasks_approved].value" in message and "metrics[fdi_paid_in].value" in message
    assert "1 more problem" in message


def test_missing_required_key(facts_copy):
    replace_in(facts_copy, "  date: 2023-08-21\n  organisation", "  organisation")
    assert "meta.date: required key is missing" in error_of(facts_copy)


def test_percentage_above_100_is_refused(facts_copy):
    replace_in(facts_copy, "value: 96.5", "value: 196.5")
    assert "metrics[fdi_services_share].value: 196.5% is not a share" in error_of(facts_copy)


def test_negative_count_is_refused(facts_copy):
    replace_in(facts_copy, "value: 251", "value: -251")
    assert "metrics[tasks_approved].value: -251 is negative" in error_of(facts_copy)


def test_nan_is_refused(facts_copy):
    replace_in(facts_copy, "value: 251", "value: .nan")
    assert "not a usable number" in error_of(facts_copy)


def test_duplicate_id(facts_copy):
    replace_in(facts_copy, "id: tasks_commenced", "id: tasks_approved")
    assert "duplicate id 'tasks_approved'" in error_of(facts_copy)


def test_duplicate_key(facts_copy):
    replace_in(facts_copy, "  value: 251\n", "  value: 251\n  value: 252\n")
    message = error_of(facts_copy)
    assert "metrics[tasks_approved].value: duplicate key" in message


def test_unknown_reference(facts_copy):
    replace_in(facts_copy, "base: tasks_approved", "base: tasks_everywhere")
    assert "refers to unknown metric 'tasks_everywhere'" in error_of(facts_copy)


def test_unknown_placeholder(facts_copy):
    replace_in(facts_copy, "{tasks_approved.number} approved", "{tasks_missing} approved")
    assert "{tasks_missing} names no metric" in error_of(facts_copy)


def test_unknown_key_warns_and_strict_fails(facts_copy):
    replace_in(facts_copy, "  language: en\n", "  language: en\n  colour: blue\n")
    loaded = load_facts(facts_copy)
    assert [w.path for w in loaded.warnings] == ["meta.colour"]
    assert (
        "meta.colour: unknown key 'colour' (--strict: the deck does not carry it; rename or "
        "remove it" in error_of(facts_copy, strict=True)
    )


def test_control_characters_are_refused(facts_copy):
    replace_in(facts_copy, "en: Technological innovation", 'en: "Tech\\x07nological"')
    assert "control characters" in error_of(facts_copy)


def test_very_long_text_is_refused(facts_copy):
    replace_in(facts_copy, "en: Technological innovation", "en: " + "x" * 10000)
    assert "10000 characters long" in error_of(facts_copy)


@pytest.mark.parametrize(
    "content, expected",
    [
        ("meta: [unclosed\n", "invalid YAML"),
        ("", "the facts file is empty"),
        ("# only a comment\n", "the facts file is empty"),
        ("- a\n- b\n", "expected a mapping"),
        ("name: something else\nitems: [1, 2]\n", "not a deckgen facts file"),
        ("!!python/object/apply:os.system ['echo hacked']\n", "unsupported YAML tag"),
        ("meta: !!python/object/apply:os.system ['echo hacked']\n", "unsupported YAML tag"),
        (b"\xff\xfe\x00garbage\x81\x82", "not UTF-8"),
        ("meta:\n  title: a\x00b\n", "NUL byte"),
    ],
)
def test_hostile_files_give_one_clear_error(tmp_path, content, expected):
    path = write(tmp_path, content)
    message = error_of(path)
    assert message.startswith(str(path))
    assert expected in message


def test_missing_file(tmp_path):
    assert "facts file not found" in error_of(tmp_path / "nope.yaml")


def test_python_tag_runs_no_code(tmp_path):
    marker = tmp_path / "marker"
    path = write(tmp_path, f"meta: !!python/object/apply:os.system ['touch {marker}']\n")
    error_of(path)
    assert not marker.exists()
