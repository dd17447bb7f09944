"""The JSON Schema of facts files: made from the facts model, in step with docs/, and it
accepts what deckgen accepts and flags what deckgen refuses."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from deckgen.cli import main
from deckgen.docgen import json_schema, render_schema
from deckgen.errors import FactsError
from deckgen.facts import load_facts

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = ROOT / "docs" / "facts.schema.json"
BUNDLED = ROOT / "data" / "two-zones.yaml"
SCAFFOLD = ROOT / "assets" / "scaffold" / "facts.yaml"
FACTS_FILES = [BUNDLED, *sorted((ROOT / "examples").glob("*.yaml")), SCAFFOLD]
MODELINE = "# yaml-language-server: $schema="


def _iso(data):
    """Return YAML data with dates as the ISO strings an editor's YAML 1.2 parser sees."""
    if isinstance(data, dict):
        return {k: _iso(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_iso(v) for v in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


def _load(path: Path):
    return _iso(yaml.safe_load(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _errors(validator, data) -> list[str]:
    return [
        f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)
    ]


def test_facts_schema_is_in_sync_with_the_model():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == render_schema(), (
        "run: deckgen schema -o docs/facts.schema.json"
    )


def test_schema_is_draft_2020_12_and_made_from_every_model_class():
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["required"]) == {"meta", "sources", "metrics"}
    defs = schema["$defs"]
    for name in ("Meta", "Source", "Cite", "Earlier", "Metric", "Point", "Series", "Story"):
        assert defs[name]["additionalProperties"] is False, name
    metric = defs["Metric"]["properties"]
    assert metric["kind"]["anyOf"][0]["enum"] == [
        "",
        "level",
        "share",
        "percent",
        "growth",
        "points",
        "change",
        "multiple",
        "rate",
        "ratio",
        "rank",
    ]
    assert metric["value"]["description"].startswith("The number alone")
    assert defs["Series"]["properties"]["chart"]["anyOf"][0]["enum"] == ["", "column", "line"]
    assert defs["Meta"]["properties"]["date"]["$ref"] == "#/$defs/Date"
    assert "YYYY[-MM[-DD]]" in defs["Date"]["description"]


def test_cli_prints_and_writes_the_same_schema(tmp_path):
    runner = CliRunner()
    printed = runner.invoke(main, ["schema"])
    assert printed.exit_code == 0, printed.output
    assert printed.output == SCHEMA_FILE.read_text(encoding="utf-8")
    target = tmp_path / "facts.schema.json"
    written = runner.invoke(main, ["schema", "-o", str(target)])
    assert written.exit_code == 0 and written.output == ""
    assert target.read_text(encoding="utf-8") == printed.output


@pytest.mark.parametrize("path", FACTS_FILES, ids=lambda p: p.name)
def test_schema_accepts_the_bundled_facts_examples_and_scaffold(validator, path):
    assert _errors(validator, _load(path)) == []


@pytest.mark.parametrize("path", FACTS_FILES, ids=lambda p: p.name)
def test_facts_files_name_the_schema_on_their_first_line(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(MODELINE)
    target = first[len(MODELINE) :]
    if path == SCAFFOLD:  # `deckgen init` writes the schema beside the project's facts.yaml
        assert target == "facts.schema.json"
    else:
        assert (path.parent / target).resolve() == SCHEMA_FILE


def test_init_writes_the_schema_the_scaffold_names(tmp_path):
    result = CliRunner().invoke(main, ["init", str(tmp_path / "project")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "project" / "facts.schema.json").read_text(
        encoding="utf-8"
    ) == render_schema()


@pytest.fixture(scope="module")
def bundled():
    return _load(BUNDLED)


def _changed(data, change):
    data = copy.deepcopy(data)
    change(data)
    return data


def _first_valued_metric(data):
    return next(m for m in data["metrics"] if "value" in m)


REFUSED = {
    "letters for a number": (
        lambda d: _first_valued_metric(d).update(value="abc"),
        "metrics.",
        "'abc' is not valid",
    ),
    "a metric without id": (lambda d: d["metrics"][0].pop("id"), "metrics.0", "'id'"),
    "an unknown top-level key": (
        lambda d: d.update(slides=[]),
        ": Additional properties",
        "'slides'",
    ),
    "an unknown metric key": (
        lambda d: d["metrics"][0].update(valeu=3),
        "metrics.0: Additional properties",
        "'valeu'",
    ),
    "a kind deckgen does not know": (
        lambda d: d["metrics"][0].update(kind="percentage"),
        "metrics.0.kind",
        "percentage",
    ),
    "a date in another form": (
        lambda d: d["meta"].update(date="21/08/2023"),
        "meta.date",
        "21/08/2023",
    ),
    "a text in no language": (
        lambda d: d["meta"].update(title={"english": "Two zones"}),
        "meta.title",
        "english",
    ),
    "a paragraph number in words": (
        lambda d: d["metrics"][0]["cite"].update(para="four"),
        "metrics.0.cite.para",
        "'four'",
    ),
}


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_schema_refuses(validator, bundled, case):
    change, where, what = REFUSED[case]
    errors = _errors(validator, _changed(bundled, change))
    assert any(e.startswith(where) and what in e for e in errors), errors


def test_deckgen_refuses_what_the_schema_refuses_as_errors(tmp_path, validator, bundled):
    """The schema and deckgen agree on errors (unknown keys aside: deckgen warns)."""
    for case in ("letters for a number", "a metric without id", "a date in another form"):
        data = _changed(bundled, REFUSED[case][0])
        path = tmp_path / "facts.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        with pytest.raises(FactsError):
            load_facts(path)


ACCEPTED = {
    "digits written as a string": lambda d: _first_valued_metric(d).update(value="72.0"),
    "thousands in a string": lambda d: _first_valued_metric(d).update(value="12,500"),
    "a negative number": lambda d: _first_valued_metric(d).update(value=-3.2),
    "a text per language": lambda d: d["meta"].update(title={"en": "Two zones", "zh": "两区"}),
    "a year as a number": lambda d: d["meta"].update(date=2023),
    "a month": lambda d: d["meta"].update(date="2023-08"),
    "an empty optional key": lambda d: d["metrics"][0].update(qualifier=None),
    "a known kind and basis": lambda d: d["metrics"][0].update(kind="growth", basis="year-on-year"),
}


@pytest.mark.parametrize("case", ACCEPTED, ids=list(ACCEPTED))
def test_schema_accepts_what_deckgen_accepts(validator, bundled, case):
    assert _errors(validator, _changed(bundled, ACCEPTED[case])) == []
