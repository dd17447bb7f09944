"""Messages about a facts file say what to do: the key meant, the item by its id, how much
too long a text is, the unit to write, and how to quote a text YAML would misread."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from deckgen.cli import main
from deckgen.docgen import render
from deckgen.facts import Metric

FACTS = """\
meta:
  title: {title}
  date: 2023-08-21
  organisation: {organisation}
sources:
- id: scio
  publisher: {organisation}
  event: {organisation}
  short: {organisation}
metrics:
- id: tasks
  value: 251
  unit: {unit}
  label: {label}
  cite: {{source: scio, para: 1}}
- id: exports
  value: 55.14
  unit: USD billion
  label: {label}
  cite: {{source: scio, para: 2}}
"""
ENGLISH = {"title": "Trade", "organisation": "Desk", "unit": "tasks", "label": "approved"}
BILINGUAL = {
    "title": "{en: Trade, zh: 贸易}",
    "organisation": "{en: Desk, zh: 简报组}",
    "unit": "{en: tasks, zh: 项}",
    "label": "{en: approved, zh: 获批}",
}


def facts_file(folder: Path, more: str = "", **changes: str) -> Path:
    """Write a small English facts file (with ``changes`` to its parts and ``more`` at its
    end) and return its path."""
    path = folder / "facts.yaml"
    path.write_text(FACTS.format(**(ENGLISH | changes)) + more, encoding="utf-8")
    return path


def line_of(path: Path, text: str, after: int = 0) -> int:
    """Return the 1-based line of the first line holding ``text`` after line ``after``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if n > after and text in line)


def validate(runner, path: Path, *options: str):
    return runner.invoke(main, ["validate", str(path), "--deck-only", *options])


def error_of(runner, path: Path, *options: str) -> str:
    """Return the first Error line of validating ``path``, asserting it is refused."""
    result = validate(runner, path, *options)
    assert result.exit_code == 1, result.output
    return next(line for line in result.output.splitlines() if line.startswith("Error:"))


# -- 1. unknown keys: the key meant, and that the figure does not carry it -----------------
def test_a_misspelt_key_names_the_key_meant_and_that_it_is_ignored(runner, tmp_path):
    path = facts_file(tmp_path, label="approved\n  qualifer: nearly")
    result = validate(runner, path)
    assert result.exit_code == 0, result.output
    line = line_of(path, "qualifer")
    assert (
        f"Warning: {path}:{line}: metrics[tasks].qualifer: unknown key 'qualifer' — did you "
        "mean 'qualifier'? (ignored: the figure does not carry it)"
    ) in result.output


def test_a_kind_written_as_a_key_names_the_kind(runner, tmp_path):
    path = facts_file(tmp_path, label="approved\n  growht: 5.2")
    result = validate(runner, path)
    line = line_of(path, "growht")
    assert (
        f"Warning: {path}:{line}: metrics[tasks].growht: unknown key 'growht' — did you mean "
        "'kind: growth'? (ignored: the figure does not carry it)"
    ) in result.output


def test_a_key_of_a_nested_object_names_that_object(runner, tmp_path):
    path = facts_file(tmp_path, label="approved\n  para: 3")
    result = validate(runner, path)
    assert (
        "metrics[tasks].para: unknown key 'para' — did you mean 'cite: {para: …}'? "
        "(ignored: the figure does not carry it)"
    ) in result.output


def test_an_unknown_key_with_nothing_close_lists_the_known_keys(runner, tmp_path):
    path = facts_file(tmp_path, label="approved\n  colour: blue")
    result = validate(runner, path)
    known = ", ".join(sorted(f.name for f in dataclasses.fields(Metric)))
    assert (
        "metrics[tasks].colour: unknown key 'colour' (ignored: the figure does not carry it; "
        f"known keys: {known})"
    ) in result.output


def test_strict_refuses_an_unknown_key_with_the_same_guidance(runner, tmp_path):
    path = facts_file(tmp_path, label="approved\n  qualifer: nearly")
    line = line_of(path, "qualifer")
    assert error_of(runner, path, "--strict") == (
        f"Error: {path}:{line}: metrics[tasks].qualifer: unknown key 'qualifer' — did you "
        "mean 'qualifier'? (--strict: the figure does not carry it; rename or remove it)"
    )


# -- 2. items named by their ids --------------------------------------------------------------
def test_an_item_with_an_id_is_named_by_it(runner, tmp_path):
    path = facts_file(tmp_path)
    path.write_text(path.read_text().replace("value: 55.14", "value: -55.14"))
    line = line_of(path, "value: -55.14")
    assert error_of(runner, path).startswith(
        f"Error: {path}:{line}: metrics[exports].value: -55.14 is negative"
    )


def test_items_without_an_id_keep_their_index(runner, tmp_path):
    more = "takeaways:\n- text: Trade grew\n- text: '{nowhere} grew'\n"
    path = facts_file(tmp_path, more)
    line = line_of(path, "{nowhere}")
    assert error_of(runner, path) == (
        f"Error: {path}:{line}: takeaways[1].text: {{nowhere}} names no metric "
        "(write {metric_id} or {metric_id.number} with an id from 'metrics')"
    )


def test_items_sharing_an_id_keep_their_index(runner, tmp_path):
    path = facts_file(tmp_path)
    path.write_text(path.read_text().replace("id: exports", "id: tasks"))
    assert "metrics[1].id: duplicate id 'tasks'" in error_of(runner, path)


def test_a_nested_item_is_named_under_its_parent_id(runner, tmp_path):
    more = (
        "series:\n- id: trade\n  name: Trade\n  unit: USD billion\n"
        "  cite: {source: scio, para: 1}\n  points:\n  - {period: 2022, value: 5}\n"
        "  - {period: 2021, value: 4}\n"
    )
    path = facts_file(tmp_path, more)
    assert "series[trade].points[1].period: '2021' comes after '2022'" in error_of(runner, path)


def test_a_yaml_level_problem_inside_an_item_names_its_id(runner, tmp_path):
    path = facts_file(tmp_path)
    path.write_text(path.read_text().replace("value: 55.14", "value: 55.14\n  value: 55.41"))
    line = line_of(path, "value: 55.41")
    assert error_of(runner, path) == (
        f"Error: {path}:{line}: metrics[exports].value: duplicate key (each key may appear once)"
    )


def test_verify_names_unverified_figures_by_id(runner, tmp_path):
    result = runner.invoke(main, ["verify", str(facts_file(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "(2 unverified: no text: metrics[tasks], metrics[exports])" in result.output


# -- 3. fit errors: the entry, and how much too long --------------------------------------
TOO_LONG = re.compile(r"about (\d+) characters too long")
TABLE_LAYOUT = "name: t\nslides:\n- kind: table\n  metrics: [tasks, exports]\n"


def test_a_text_too_long_for_its_box_says_by_how_much(runner, tmp_path):
    label = " ".join(["considerable"] * 100)
    path = facts_file(tmp_path, label=label)
    line = line_of(path, "id: tasks")
    first = error_of(runner, path)
    assert re.match(  # the figure's tile holds its number and its label
        rf"Error: {re.escape(str(path))}:{line}: metrics\[tasks\]: text does not fit "
        r"its box on the '[^']+' element even at [\d.]+ pt: about \d+ characters too long "
        r"\(shorten it\)$",
        first,
    ), first
    over = int(TOO_LONG.search(first).group(1))
    assert 0 < over < len(label)
    # The count is measured: cut by it (and its rounding), the label fits; cut by half, not.
    for cut, fits in ((over + 10, True), (over // 2, False)):
        shorter = label[: len(label) - cut].rstrip()
        path.write_text(FACTS.format(**(ENGLISH | {"label": shorter})), encoding="utf-8")
        result = validate(runner, path)
        told = [line for line in result.output.splitlines() if "metrics[tasks]:" in line]
        assert (not told) == fits, (cut, result.output)


def test_a_table_row_too_tall_for_a_slide_names_the_row_and_by_how_much(runner, tmp_path):
    layout = tmp_path / "table.yaml"
    layout.write_text(TABLE_LAYOUT)
    zh = {"title": "贸易", "organisation": "简报组", "unit": "项", "label": "很长的说明" * 390}
    path = facts_file(tmp_path, **zh)
    path.write_text(path.read_text().replace("  organisation:", "  language: zh\n  organisation:"))
    line = line_of(path, "label: 很长")
    first = error_of(runner, path, "--layout", str(layout))
    assert re.match(
        rf"Error: {re.escape(str(path))}:{line}: metrics\[tasks\]\.label: a table row does not "
        r"fit a slide even at 14 pt: '(很长的说明)+很长的说…' is about \d+ characters too long "
        r"\(shorten its text\)$",
        first,
    ), first
    assert 0 < int(TOO_LONG.search(first).group(1)) < 1950


def test_a_graphic_text_too_long_names_the_metric_and_by_how_much(runner, tmp_path):
    layout = tmp_path / "card.yaml"
    layout.write_text(
        "name: c\nslides:\n- kind: title\ninfographics:\n- kind: kpi-card\n  metrics: [tasks]\n"
    )
    short = " ".join(["Wwwwwwwwww"] * 170)
    path = facts_file(tmp_path, label=f"approved\n  short: {short}")
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(path), "--layout", str(layout), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert re.match(
        r"Error: kpi-tasks\.png: metrics\[tasks\]\.short: text does not fit the graphic even at "
        r"12 pt: about \d+ characters too long: 'Wwwwwwwwww Wwww[^']*…' \(shorten it in the "
        r"facts file\)$",
        result.output.strip(),
    ), result.output


# -- 4. a unit missing a language the file is built in ----------------------------------------
@pytest.mark.parametrize("strict", [[], ["--strict"]])
def test_an_english_only_unit_in_a_bilingual_file_is_refused(runner, tmp_path, strict):
    path = facts_file(tmp_path, **(BILINGUAL | {"unit": "tasks"}))
    line = line_of(path, "unit: tasks")
    assert error_of(runner, path, *strict) == (
        f"Error: {path}:{line}: metrics[tasks].unit: unit 'tasks' is English only but this "
        "file is built in en and zh (write {en: tasks, zh: …} with the Chinese measure word "
        "(项, 家, 人次 …))"
    )


def test_english_only_words_in_a_bilingual_file_are_refused(runner, tmp_path):
    path = facts_file(tmp_path, **BILINGUAL)
    path.write_text(path.read_text().replace("  value: 251\n", "  words: nearly half\n"))
    assert "metrics[tasks].words: words 'nearly half' is English only" in error_of(runner, path)


def test_codes_and_plain_units_of_an_english_file_are_accepted(runner, tmp_path):
    assert validate(runner, facts_file(tmp_path)).exit_code == 0
    both = facts_file(tmp_path, **(BILINGUAL | {"unit": "pp"}))  # deckgen words 'pp' itself
    assert validate(runner, both).exit_code == 0, validate(runner, both).output


# -- 5. units from a documented set, with the one to write -----------------------------------
@pytest.mark.parametrize(
    "unit, said",
    [
        (
            "CNY 100 million",
            "digits in a unit ('CNY 100 million') (write the amount in 'value' with a scale "
            "word: unit: CNY billion and value ÷ 10; or in Chinese, {zh: 亿元})",
        ),
        (
            "10 thousand residents",
            "digits in a unit ('10 thousand residents') (write the amount in 'value' with a "
            "scale word: unit: million residents and value ÷ 100)",
        ),
        ("percent", "unit 'percent' is spelled out (write '%')"),
        ("per cent", "unit 'per cent' is spelled out (write '%')"),
        ("USD bn", "unit 'USD bn' abbreviates a scale word (write 'USD billion')"),
        ("mn", "unit 'mn' abbreviates a scale word (write 'million')"),
        (
            "usd billion",
            "unit 'usd billion' is not written the way deckgen reads it (write 'USD billion')",
        ),
        ("Rank", "unit 'Rank' is not written the way deckgen reads it (write 'rank')"),
        (
            "km/h",
            "unit 'km/h' is not one deckgen can show (a unit is '%', 'pp', a currency amount "
            "such as 'USD billion', 'rank', 'times', a scale word ('million') or a noun in "
            "words: tasks, {zh: 项})",
        ),
    ],
)
def test_a_unit_outside_the_set_is_refused_with_the_one_to_write(runner, tmp_path, unit, said):
    path = facts_file(tmp_path, unit=f"'{unit}'")
    line = line_of(path, f"unit: '{unit}'")
    assert error_of(runner, path) == f"Error: {path}:{line}: metrics[tasks].unit: {said}"


@pytest.mark.parametrize(
    "unit",
    [
        "'%'",
        "pp",
        "percentage points",
        "rank",
        "times",
        "million",
        "EUR",
        "CNY trillion",
        "recreation visits",
        "{en: firms, zh: 家}",
        "{en: 100 million yuan, zh: 亿元}",
        "{en: 10 thousand residents, zh: 万人}",
    ],
)
def test_units_of_the_documented_set_are_accepted(runner, tmp_path, unit):
    result = validate(runner, facts_file(tmp_path, unit=unit))
    assert result.exit_code == 0, result.output
    assert "Warning:" not in result.output


def test_digits_that_do_not_spell_out_the_chinese_measure_word_are_refused(runner, tmp_path):
    path = facts_file(tmp_path, unit="{en: 10 thousand residents, zh: 亿人}")
    assert "metrics[tasks].unit.en: digits in a unit ('10 thousand residents')" in error_of(
        runner, path
    )


def test_the_unit_reference_documents_the_set():
    doc = next(f for f in dataclasses.fields(Metric) if f.name == "unit").metadata["doc"]
    for part in ("'pp'", "'times'", "ISO 4217", "'USD billion'", "万人次", "No digits", "'bn'"):
        assert part in doc


# -- 6. placeholders: what they print, and a scale word said twice ----------------------------
def test_the_reference_shows_what_placeholders_print_by_unit():
    docs = render()
    assert (
        "| a currency amount | `{value: 55.14, unit: USD billion}` | US$55.14 billion | "
        "US$55.14 billion | 551.4亿美元 | 551.4亿美元 |"
    ) in docs
    assert (
        "| a noun, 10,000 and more | `{value: 63000, unit: {en: firms, zh: 家}}` | 63,000 "
        "firms | 63,000 | 6.3万家 | 6.3万 |" in docs
    )


@pytest.mark.parametrize(
    "text, said",
    [
        (
            "Investment reached {exports.number} million",
            "'{exports.number} million' prints 'US$55.14 billion million' (write {exports} or "
            "{exports.number} alone)",
        ),
        (
            "Investment reached {exports} dollars",
            "'{exports} dollars' prints 'US$55.14 billion dollars' (write {exports} or "
            "{exports.number} alone)",
        ),
    ],
)
def test_a_scale_word_after_a_figure_that_prints_one_is_refused(runner, tmp_path, text, said):
    path = facts_file(tmp_path, f"takeaways:\n- text: '{text}'\n")
    line = line_of(path, "- text:")
    assert error_of(runner, path) == f"Error: {path}:{line}: takeaways[0].text: {said}"


def test_a_chinese_scale_word_after_a_figure_in_wan_is_refused(runner, tmp_path):
    zh = {"title": "贸易", "organisation": "简报组", "unit": "家", "label": "企业"}
    path = facts_file(tmp_path, "takeaways:\n- text: '企业{tasks.number}万家'\n", **zh)
    path.write_text(
        path.read_text()
        .replace("  organisation:", "  language: zh\n  organisation:")
        .replace("value: 251", "value: 63000")
    )
    assert error_of(runner, path).endswith(
        "takeaways[0].text: '{tasks.number}万' prints '6.3万万' (write {tasks} or {tasks.number} "
        "alone)"
    )


def test_a_noun_after_a_figure_that_prints_none_is_accepted(runner, tmp_path):
    path = facts_file(tmp_path, "takeaways:\n- text: '{tasks.number} tasks, {exports} in all'\n")
    assert validate(runner, path).exit_code == 0


# -- 7. a text YAML would read as something else: quote it ------------------------------------
@pytest.mark.parametrize(
    "value, first",
    [
        ("{metric}已启动", "{"),
        ("[draft] plan", "["),
        ("*starred", "*"),
        ("@home", "@"),
        ("`code`", "`"),
        ("%share", "%"),
    ],
)
def test_an_unquoted_text_starting_with_a_yaml_character_says_quote_it(
    runner, tmp_path, value, first
):
    path = facts_file(tmp_path, title=f"\n    en: Trade\n    zh: {value}")
    line = line_of(path, f"zh: {value}")
    assert re.fullmatch(
        rf"Error: {re.escape(str(path))}:{line}: invalid YAML: [^(]+ \(a text starting with "
        rf"{re.escape(repr(first))} must be quoted: zh: {re.escape(repr(value))}\)",
        error_of(runner, path),
    ), error_of(runner, path)


def test_a_text_that_is_all_braces_says_quote_it(runner, tmp_path):
    path = facts_file(tmp_path, title="{metric}")
    assert error_of(runner, path) == (
        f"Error: {path}:2: meta.title: YAML reads {{metric}} as a mapping, not text (a text "
        "starting with '{' must be quoted: title: '{metric}')"
    )


def test_a_text_after_a_tag_says_quote_it(runner, tmp_path):
    path = facts_file(tmp_path, title="!important trade")
    assert error_of(runner, path) == (
        f"Error: {path}:2: meta.title: unsupported YAML tag '!important' (only plain YAML is "
        "allowed; a text starting with '!' must be quoted: title: '!important trade')"
    )


def test_a_broken_flow_list_keeps_the_plain_advice(runner, tmp_path):
    path = facts_file(tmp_path, title="[Trade, Desk")
    assert error_of(runner, path).endswith("(fix the syntax there)")
