"""Generate the facts file reference (docs/facts.md) and its JSON Schema
(docs/facts.schema.json) from the facts model's fields and their docs.

Regenerate both after changing the model; tests keep the files in sync::

    python -m deckgen.docgen > docs/facts.md
    deckgen schema -o docs/facts.schema.json
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing

import yaml

from .facts import Facts
from .stated import NUMERAL
from .text import Text
from .when import PATTERN as WHEN_PATTERN
from .when import When

INTRO = """# Writing a facts file

A facts file is YAML (loaded with the safe loader: plain data only). It holds what an
announcement says, structured: each figure with its unit and qualifier exactly as the source
states them, each fact with the paragraph of the source where it stands, and the message of
each slide. `data/two-zones.yaml` is a complete example; `deckgen validate FILE` checks yours
and lists every problem with its line.

**Text** fields take a plain string, or one string per language: `{en: Tasks, zh: 任务}`.
A plain string is in the language of `meta.language`.

**Figures in text**: `{metric_id}` inserts a metric with its qualifier and unit
("around 500 measures"); `{metric_id.number}` inserts it without its counted noun
("around 500", "US$55.14 billion"). Nothing else is evaluated. What each prints, by unit:

PLACEHOLDERS

A scale or currency word the figure already prints is not written again after it:
`{exports.number} billion` would print "US$55.14 billion billion", and deckgen refuses it.

**Units**: `%`, `pp` (percentage points), a currency amount such as `USD billion` (shown as
US$55.14 billion, 551.4亿美元 in Chinese), a scale (`million`), `rank` (shown as 1st, 2nd …),
`times`, or a noun such as `tasks` — per language when the words differ: `{en: firms, zh: 家}`.
A unit holds no digits: the amount goes in `value` with a scale word (`CNY billion`, not
`CNY 100 million`). Big figures always show their unit or measure word.

**Digits as stated**: write the number as the source does; `72.0` stays 72.0 and `1.0%` stays
1.0% on every slide, chart and graphic (a quoted `'1.0'` works too). Scaled for Chinese, a
figure keeps its significant digits (55.14 billion → 551.4亿).

**Chinese number forms** (GB/T 15835-2011): Chinese never groups digits with commas. Counts
and amounts of 10,000 and more are written in 万 or 亿 (万亿 from 10^12) with every digit
kept, never rounded: 63000家 → 6.3万家, 450000户 → 45万户, 320000000人次 → 3.2亿人次,
12345 → 1.2345万; smaller ones as they are (1250). A measure word already in 万 or 亿 (`万人`,
`亿元`) keeps the number as written (49843.1亿元). Chart axes and table rows count in the 万
or 亿 of their largest value and name it (万家). `as_written: true` on a metric or series keeps
its digits as the source writes them (63000家). English groups thousands (63,000).

**Dates**: wherever a date is asked for, `2023`, `2023-09` and `2023-09-21` all work.

## Kinds of figure

`kind` says what a figure is, so that it is worded and drawn as what it is. Without `kind`,
a `%` with `of` or `base` is a share of that whole, any other `%` a percentage, `rank` a rank
and the rest a level. Only a share of a stated whole is ever drawn as part of a whole
(doughnuts, rings, waffles); bar charts compare only figures of one kind and unit.

| kind | what it is | example |
| --- | --- | --- |
| `level` | a count or amount | `{value: 251, unit: {en: tasks, zh: 项}}` → 251 tasks, 251项 |
| `share` | a part of a stated whole, 0–100% | `{value: 9, unit: '%', of: China's total}` |
| `percent` | a percentage that is not a share of a stated whole | an unemployment rate |
| `growth` | a signed % change; needs `basis` | `{value: -2.7, unit: '%', kind: growth, basis: year-on-year}` → −2.7%, 同比下降2.7% |
| `points` | a change in percentage points | `{value: 1.5, unit: pp, kind: points, basis: year-on-year}` → +1.5 pp, 提高1.5个百分点 |
| `change` | a signed change in the figure's unit | `{value: -3000, unit: jobs, kind: change, basis: {en: since 2019}}` |
| `multiple` | so many times something | `{value: 3.1, kind: multiple, of: the previous decade}` → 3.1 times, 3.1倍 |
| `rate` | so many per unit of time; needs `per` | `{value: 2, unit: USD million, kind: rate, per: minute}` → US$2 million a minute |
| `ratio` | a % that may pass 100 | trade as a share of GDP, 120% |
| `rank` | a place in a ranking | `{value: 1, unit: rank}` → 1st, 第1 |

A level and its growth travel together: `change: growth_id` on the level shows
"88.3亿元 ↑ 同比增长5.2%" wherever the level is shown. `earlier: {value: 77, period: '2016'}`
gives the same figure at an earlier time ("2016: 77" beside it; change slides show before →
after and the derived difference). A figure the source states only in words takes `words`
(`{en: nearly half, zh: 近一半}`) instead of `value`.

## Qualifiers

`qualifier` takes a word from the vocabulary below, or one per language
(`{en: nearly, zh: 约}`). Each word is a bound, which charts honour: the rest of "over 8%" is
shown as "under 92%". A word given in one language is translated for builds in the other.

QUALIFIERS

## Series

A series is a named sequence of values in one unit, over periods (`2021`, `2021-Q3`,
`2021-06`) or across categories (regions, sectors). A missing value is a gap, never a zero:

```yaml
series:
- id: budget
  name: {en: Programme budget, zh: 项目预算}
  unit: USD million
  chart: column          # column for a few discrete periods, line for long series
  cite: {source: report, para: 4}
  points:
  - {period: 2017, value: 120.5}
  - {period: 2018}        # not given: a gap
  - {period: 2019, value: 98.0}
```

Stories list series under `series:`; the `trend` and `table` slide kinds draw them.

This reference is generated from the facts model (`deckgen/facts.py`).
"""


# Figures whose placeholders the reference shows: what their unit is, and their keys.
_PLACEHOLDER_EXAMPLES: tuple[tuple[str, dict[str, typing.Any]], ...] = (
    ("a noun", {"value": 500, "unit": {"en": "measures", "zh": "项"}, "qualifier": "around"}),
    ("a noun, 10,000 and more", {"value": 63000, "unit": {"en": "firms", "zh": "家"}}),
    ("a percentage", {"value": 98, "unit": "%"}),
    ("a growth rate", {"value": -2.7, "unit": "%", "kind": "growth", "basis": "year-on-year"}),
    ("a currency amount", {"value": 55.14, "unit": "USD billion"}),
    ("a rank", {"value": 1, "unit": "rank"}),
    ("a multiple", {"value": 3.1, "unit": "times"}),
    ("a measure word in 亿", {"value": 49843.1, "unit": {"zh": "亿元"}}),
)


def _placeholders() -> str:
    """Return a table of what ``{x}`` and ``{x.number}`` print for each kind of unit, in
    English and Chinese: each figure read as a facts file's and printed by deckgen."""
    from .facts import Metric
    from .numbers import placeholder
    from .schema import Converter
    from .text import MissingLanguage
    from .yamlsrc import Located

    rows = [
        "| unit | metric | `{x}` | `{x.number}` | `{x}` in Chinese | `{x.number}` in Chinese |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for what, keys in _PLACEHOLDER_EXAMPLES:
        data = {"id": "x", "label": "x", "cite": {"source": "s", "para": 1}, **keys}
        metric = Converter(Located("docs")).convert(Metric, data, "")
        cells = []
        for lang in ("en", "zh"):
            for part in ("", "number"):
                try:
                    cells.append(placeholder(metric, part, lang, "en"))
                except MissingLanguage:
                    cells.append("—")
        written = yaml.safe_dump(
            keys, default_flow_style=True, allow_unicode=True, sort_keys=False, width=200
        )
        rows.append(f"| {what} | `{written.strip()}` | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _qualifiers() -> str:
    from .qualifiers import EN, ZH

    words = {
        "lower": "at least this",
        "upper": "at most this",
        "approx": "close to this",
        "exact": "this (no bound)",
    }
    rows = [
        "| language | word | the figure is | in the other language |",
        "| --- | --- | --- | --- |",
    ]
    for lang, table in (("en", EN), ("zh", ZH)):
        for word, (bound, other) in table.items():
            rows.append(f"| {lang} | {word} | {words[bound]} | {other or '(none)'} |")
    return "\n".join(rows)


def _type_name(tp: typing.Any) -> str:
    origin = typing.get_origin(tp)
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if origin is typing.Literal:
        return "one of " + ", ".join(repr(a) for a in typing.get_args(tp) if a)
    if origin is tuple:
        return f"list of {_type_name(args[0])}"
    if origin in (typing.Union, types.UnionType):
        return _type_name(args[0])
    if tp is Text:
        return "text"
    if dataclasses.is_dataclass(tp):
        return f"[{tp.__name__}](#{tp.__name__.lower()})"
    return {str: "string", float: "number", int: "whole number", bool: "true/false"}.get(
        tp, getattr(tp, "__name__", str(tp))
    )


def _sections(cls: type, seen: list[type]) -> None:
    if cls in seen:
        return
    seen.append(cls)
    for tp in typing.get_type_hints(cls).values():
        for arg in (tp, *typing.get_args(tp)):
            if dataclasses.is_dataclass(arg) and arg is not Text:
                _sections(arg, seen)


def render() -> str:
    """Return the Markdown reference of the facts format."""
    out = [INTRO.replace("QUALIFIERS", _qualifiers()).replace("PLACEHOLDERS", _placeholders())]
    classes: list[type] = []
    _sections(Facts, classes)
    for cls in classes:
        out.append(f"## {cls.__name__}\n\n{(cls.__doc__ or '').strip()}\n")
        out.append("| key | type | required | what it is |\n| --- | --- | --- | --- |")
        hints = typing.get_type_hints(cls)
        for f in dataclasses.fields(cls):
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            doc = f.metadata.get("doc", "").replace("|", "\\|")
            out.append(
                f"| `{f.name}` | {_type_name(hints[f.name])} | "
                f"{'yes' if required else 'no'} | {doc} |"
            )
        out.append("")
    return "\n".join(out)


_LANG_CODE = r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$"  # as deckgen.schema accepts
_SCALAR_SCHEMAS: dict[typing.Any, dict[str, typing.Any]] = {
    # deckgen reads a number or a YAML date in a string field as its text
    str: {"type": ["string", "number"]},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    float: {
        "anyOf": [
            {"type": "number"},
            {
                "type": "string",
                "pattern": NUMERAL.pattern,
                "description": "A quoted numeral keeps its digits: '72.0', '12,500'.",
            },
        ]
    },
    dt.date: {
        "type": "string",
        "pattern": r"^\d{4}-\d{2}-\d{2}$",
        "description": "A date: YYYY-MM-DD.",
    },
}


def _schema_of(tp: typing.Any, defs: dict[str, typing.Any]) -> dict[str, typing.Any]:
    """Return the JSON Schema of values of model type ``tp``, adding dataclasses to ``defs``."""
    origin = typing.get_origin(tp)
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if origin in (typing.Union, types.UnionType):
        return _schema_of(args[0], defs)
    if origin is typing.Literal:
        return {"enum": list(typing.get_args(tp))}
    if origin is tuple:
        return {"type": "array", "items": _schema_of(args[0], defs)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _schema_of(args[1], defs)}
    if tp is Text:
        defs.setdefault("Text", _text_schema())
        return {"$ref": "#/$defs/Text"}
    if tp is When:
        defs.setdefault(
            "Date",
            {
                "type": ["string", "integer"],
                "pattern": WHEN_PATTERN.pattern,
                "description": "A date: YYYY[-MM[-DD]], e.g. 2023, 2023-09 or 2023-09-21.",
            },
        )
        return {"$ref": "#/$defs/Date"}
    if tp in _SCALAR_SCHEMAS:
        return dict(_SCALAR_SCHEMAS[tp])
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # claimed before the fields, so a cycle stops here
            defs[name] = _object_schema(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON Schema for {tp!r}")  # a programming error in the model


def _text_schema() -> dict[str, typing.Any]:
    plain = {"type": ["string", "number"], "minLength": 1}
    return {
        "description": "A plain string in the language of meta.language, or one string "
        "per language: {en: Tasks, zh: 任务}.",
        "anyOf": [
            plain,
            {
                "type": "object",
                "minProperties": 1,
                "propertyNames": {"pattern": _LANG_CODE},
                "additionalProperties": plain,
                "properties": {
                    "en": {**plain, "description": "English."},
                    "zh": {**plain, "description": "Chinese."},
                },
            },
        ],
    }


def _object_schema(cls: typing.Any, defs: dict[str, typing.Any]) -> dict[str, typing.Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, typing.Any] = {}
    required = []
    for f in dataclasses.fields(cls):
        if not f.init:
            continue
        schema = _schema_of(hints[f.name], defs)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.append(f.name)
        else:  # deckgen reads an empty value (`key:` or null) as the key left out
            schema = {"anyOf": [schema, {"type": "null"}]}
        doc = f.metadata.get("doc", "")
        properties[f.name] = {**schema, "description": doc} if doc else schema
    out: dict[str, typing.Any] = {
        "type": "object",
        "title": cls.__name__,
        "description": (cls.__doc__ or "").strip(),
        "properties": properties,
        # deckgen warns about unknown keys (an error with --strict); editors flag them
        "additionalProperties": False,
    }
    if required:
        out["required"] = required
    return out


def json_schema() -> dict[str, typing.Any]:
    """Return the JSON Schema (draft 2020-12) of facts files, made from the facts model."""
    defs: dict[str, typing.Any] = {}
    top = _object_schema(Facts, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **top,
        "title": "deckgen facts file",
        "description": "A deckgen facts file (YAML). Generated from the facts model "
        "(deckgen/facts.py); docs/facts.md describes every key.",
        "$defs": defs,
    }


def render_schema() -> str:
    """Return :func:`json_schema` as stable JSON text (sorted keys, two-space indent)."""
    return json.dumps(json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(render(), end="")
