"""`deckgen verify` checks each figure, and its qualifier, against the cited paragraph of its
source's text; `deckgen build --verify` refuses to build when one is not there."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import main
from deckgen.errors import FactsError
from deckgen.verify import paragraphs, verify_file

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "data/two-zones.yaml"
TEXT = ROOT / "data/two-zones-press-release.txt"


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def _copy(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    """Copy the bundled facts and their text into tmp_path, replacing ``old`` with ``new``."""
    text = FACTS.read_text(encoding="utf-8")
    assert old in text, old
    shutil.copy(TEXT, tmp_path / TEXT.name)
    path = tmp_path / "facts.yaml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def _facts(tmp_path: Path, source: str, metrics: str, text: str | bytes | None) -> Path:
    """Write a small facts file citing one source whose text is ``text``."""
    if isinstance(text, str):
        (tmp_path / "source.txt").write_text(text, encoding="utf-8")
    elif isinstance(text, bytes):
        (tmp_path / "source.txt").write_bytes(text)
    path = tmp_path / "small.yaml"
    path.write_text(
        "meta: {title: T, date: 2023, organisation: O}\n"
        "sources:\n"
        f"- {{id: src, publisher: P, event: E, date: 2023, short: S{source}}}\n"
        "metrics:\n" + metrics,
        encoding="utf-8",
    )
    return path


def test_the_bundled_facts_verify_clean():
    result = _run("verify", str(FACTS))
    assert result.exit_code == 0, result.output
    assert "verified 13 figures against 1 source text" in result.output
    assert "unverified" not in result.output
    assert not verify_file(FACTS).mismatches


def test_the_press_release_has_one_paragraph_per_line():
    paras = paragraphs(TEXT.read_text(encoding="utf-8"))
    assert len(paras) == 8
    assert "55.14 billion dollars" in paras[6] and paras[7] == "(Reporter: Ma Jing)"


def test_paragraph_rule():
    assert paragraphs("one\ntwo\n\n  three  \n") == ["one two", "three"]
    assert paragraphs("\n one \n\ntwo\n") == ["one", "two"]
    assert paragraphs("one\n two\nthree\n") == ["one", "two", "three"]
    assert paragraphs("\ufeffa\r\n\r\nb") == ["a", "b"]


def test_a_changed_value_is_named_with_its_file_and_line(tmp_path):
    path = _copy(tmp_path, "value: 55.14", "value: 55.41")
    result = _run("verify", str(path))
    assert result.exit_code == 1
    line = _line_of(path, "value: 55.41")
    first = result.output.splitlines()[0]
    assert first.startswith(
        f"Error: {path}:{line}: metrics[fdi_paid_in].value: 55.41 is not in paragraph 7"
    )
    assert "of scio" in first and "55.14 billion dollars" in first


def test_a_changed_qualifier_is_named(tmp_path):
    path = _copy(tmp_path, "qualifier: nearly", "qualifier: over")
    result = _run("verify", str(path))
    assert result.exit_code == 1
    line = _line_of(path, "qualifier: over")
    assert (
        f"{path}:{line}: metrics[tasks_commenced].qualifier: 'over' is not before 98% in "
        "paragraph 1 of scio" in result.output
    )


def test_a_changed_paragraph_number_is_named(tmp_path):
    path = _copy(tmp_path, "cite: {source: scio, para: 7}", "cite: {source: scio, para: 6}")
    result = _run("verify", str(path))
    assert result.exit_code == 1
    line = _line_of(path, "value: 55.14")
    assert result.output.startswith(
        f"Error: {path}:{line}: metrics[fdi_paid_in].value: 55.14 is not in paragraph 6 of scio"
    )


def test_several_mismatches_are_all_listed(tmp_path):
    text = FACTS.read_text(encoding="utf-8")
    path = _copy(tmp_path, "value: 55.14", "value: 55.41")
    path.write_text(
        path.read_text(encoding="utf-8").replace("value: 96.5", "value: 96.6"), encoding="utf-8"
    )
    assert text != path.read_text(encoding="utf-8")
    result = _run("verify", str(path))
    assert result.exit_code == 1
    assert "1 more problem(s):" in result.output
    assert "96.6 is not in paragraph 7" in result.output


def test_a_paragraph_past_the_end_is_one_line(tmp_path):
    path = _copy(tmp_path, "cite: {source: scio, para: 7}", "cite: {source: scio, para: 12}")
    result = _run("verify", str(path))
    assert result.exit_code == 1
    line = _line_of(path, "para: 12}")
    assert result.output.splitlines()[0] == (
        f"Error: {path}:{line}: metrics[fdi_paid_in].cite.para: paragraph 12 is past the end "
        "of scio (8 paragraphs) (count paragraphs as `deckgen verify` does: see docs/facts.md)"
    )


def test_a_missing_text_file_is_one_line(tmp_path):
    path = _copy(tmp_path, "text: two-zones-press-release.txt", "text: gone.txt")
    result = _run("verify", str(path))
    assert result.exit_code == 1
    line = _line_of(path, "text: gone.txt")
    assert result.output.strip() == (
        f"Error: {path}:{line}: sources[scio].text: no such file: {tmp_path / 'gone.txt'}"
    )


def test_a_text_that_is_not_utf8_is_one_line(tmp_path):
    metrics = "- {id: m, value: 5, label: L, cite: {source: src, para: 1}}\n"
    path = _facts(tmp_path, ", text: source.txt", metrics, "5 things".encode("utf-16"))
    with pytest.raises(FactsError) as caught:
        verify_file(path)
    message = caught.value.format_message()
    assert "\n" not in message
    assert message.startswith(
        f"{path}:3: sources[src].text: {tmp_path / 'source.txt'} is not UTF-8"
    )


def test_figures_without_a_text_are_unverified(tmp_path):
    metrics = "- {id: m, value: 5, label: L, cite: {source: src, para: 1}}\n"
    path = _facts(tmp_path, "", metrics, None)
    result = _run("verify", str(path))
    assert result.exit_code == 0, result.output
    assert "verified 0 figures against 0 source texts (1 unverified: no text: metrics[m])" in (
        result.output
    )


def test_a_chinese_paragraph_states_a_usd_billion_figure_in_yi(tmp_path):
    metrics = "- {id: m, value: 55.14, unit: USD billion, label: L, cite: {source: src, para: 2}}\n"
    text = "第一段。\n\n实际使用外资551.4亿美元。\n"
    path = _facts(tmp_path, ", text: source.txt", metrics, text)
    result = verify_file(path)
    assert result.verified == 1 and not result.mismatches
    (tmp_path / "source.txt").write_text("第一段。\n\n实际使用外资1551.4亿美元。\n", "utf-8")
    assert verify_file(path).mismatches


@pytest.mark.parametrize(
    ("value", "unit", "text", "ok"),
    [
        (1250, "tasks", "some 1,250 tasks", True),
        (1250, "tasks", "some 1250 tasks", True),
        (1250, "tasks", "some 0.125万 tasks", True),
        (125, "tasks", "some 1,250 tasks", False),
        (250, "tasks", "some 1,250 tasks", False),
        (63000, "people", "共6.3万人", True),
        (55.14, "USD billion", "US$155.14 billion", False),
        (55.14, "USD billion", "US$55.145 billion", False),
        (55.14, "USD billion", "US$55.14 billion", True),
        (3.1, "times", "3.1倍", True),
        (3.1, "times", "3.1 times", True),
        (98, "'%'", "98 per cent of", True),
        (98, "'%'", "98 percent of", True),
        (98, "'%'", "98 tasks", False),
        ("'72.0'", "'%'", "72% of", False),
        ("'72.0'", "'%'", "72.0% of", True),
    ],
)
def test_number_forms(tmp_path, value, unit, text, ok):
    metrics = (
        f"- {{id: m, value: {value}, unit: {unit}, label: L, cite: {{source: src, para: 1}}}}\n"
    )
    path = _facts(tmp_path, ", text: source.txt", metrics, text)
    assert (not verify_file(path).mismatches) is ok


@pytest.mark.parametrize(
    ("qualifier", "text", "ok"),
    [
        ("nearly", "近98%的任务", True),
        ("over", "逾98%的任务", True),
        ("over", "超过98%的任务", True),
        ("over", "98%以上的任务", True),
        ("近", "Nearly 98% of tasks", True),
        ("over", "nearly 98% of tasks", False),
        ("over", "over the years, and by the end of a very long wait, 98% of tasks", False),
    ],
)
def test_qualifiers_and_their_translations(tmp_path, qualifier, text, ok):
    metrics = (
        f"- {{id: m, value: 98, unit: '%', qualifier: {qualifier}, label: L,"
        " cite: {source: src, para: 1}}\n"
    )
    path = _facts(tmp_path, ", text: source.txt", metrics, text)
    assert (not verify_file(path).mismatches) is ok


def test_build_verify_refuses_a_mismatch_and_writes_nothing(tmp_path):
    path = _copy(tmp_path, "value: 55.14", "value: 55.41")
    out = tmp_path / "out"
    result = _run("build", str(path), "--verify", "--deck-only", "--out", str(out))
    assert result.exit_code == 1
    assert "metrics[fdi_paid_in].value: 55.41 is not in paragraph 7" in result.output
    assert not out.exists()


def test_build_verify_builds_verified_facts(tmp_path):
    out = tmp_path / "out"
    result = _run("build", str(FACTS), "--verify", "--deck-only", "--no-cache", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert list(out.glob("*.pptx"))


def test_a_figure_stated_in_words_is_said_to_be_unchecked(tmp_path):
    path = _copy(tmp_path, "  value: 10\n", "  words: {en: ten, zh: 十}\n")
    result = _run("verify", str(path))
    assert result.exit_code == 0, result.output
    assert "verified 12 figures" in result.output
    assert "(1 stated in words, not checked: metrics[reform_programmes])" in result.output
