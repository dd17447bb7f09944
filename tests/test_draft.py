"""`deckgen draft`: a facts file drafted from an announcement's text finds its figures with
their qualifiers, units and paragraphs, validates, verifies and builds; bad input is one line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deckgen.cli import main
from deckgen.draft import draft
from deckgen.draft.write import scalar
from deckgen.facts import load_facts
from deckgen.verify import verify

ROOT = Path(__file__).resolve().parent.parent
RELEASE = ROOT / "data" / "two-zones-press-release.txt"
ZH_REPORT = ROOT / "tests" / "fixtures" / "draft" / "zh-city-report.txt"


def _drafted(tmp_path: Path, source: Path, *args: str) -> tuple[Path, dict]:
    text = tmp_path / source.name
    shutil.copyfile(source, text)
    out = tmp_path / "facts.yaml"
    result = CliRunner().invoke(main, ["draft", str(text), "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return out, yaml.safe_load(out.read_text(encoding="utf-8"))


def _key(m: dict) -> tuple[float, int]:
    return abs(float(m["value"])), m["cite"]["para"]


def test_the_bundled_release_gives_its_headline_figures_with_qualifiers_and_paragraphs(
    tmp_path,
):
    """The hand-written bundled facts are the answer key: every figure they take from the
    release is drafted with the same number, paragraph and qualifier."""
    _, drafted = _drafted(tmp_path, RELEASE)
    bundled = yaml.safe_load((ROOT / "data" / "two-zones.yaml").read_text(encoding="utf-8"))
    by_key = {_key(m): m for m in drafted["metrics"]}
    found = 0
    for m in bundled["metrics"]:
        got = by_key.get(_key(m))
        if got is None:
            continue
        found += 1
        assert got.get("qualifier") == m.get("qualifier"), (m["id"], got)
    assert found >= len(bundled["metrics"]) - 1, sorted(by_key)
    qualified = {m["value"]: m.get("qualifier") for m in drafted["metrics"]}
    assert (qualified[98], qualified[500], qualified[80]) == ("nearly", "around", "over")
    assert len(drafted["metrics"]) <= len(bundled["metrics"]) + 2  # few figures that are not


def test_the_bundled_release_draft_knows_its_units_and_date(tmp_path):
    _, drafted = _drafted(tmp_path, RELEASE)
    units = {m["value"]: m.get("unit") for m in drafted["metrics"]}
    assert units[55.14] == "USD billion"
    assert units[98] == "%" and units[251] == "tasks" and units[1] == "rank"
    assert str(drafted["meta"]["date"]) == "2023-08-21"  # "On August 21" + latest year named
    assert drafted["sources"][0]["publisher"] == "State Council Information Office"
    share = next(m for m in drafted["metrics"] if m["value"] == 98)
    base = next(m for m in drafted["metrics"] if m["value"] == 251)
    assert share["base"] == base["id"]  # "98% of the 251 tasks"


@pytest.mark.parametrize("source", [RELEASE, ZH_REPORT], ids=["en", "zh"])
def test_a_draft_validates_verifies_and_builds(tmp_path, source):
    out, data = _drafted(tmp_path, source)
    schema = json.loads((tmp_path / "facts.schema.json").read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data)) == []
    loaded = load_facts(out, strict=True)
    result = verify(loaded)
    assert result.verified == len(loaded.facts.metrics) and not result.mismatches
    built = CliRunner().invoke(
        main, ["build", str(out), "--out", str(tmp_path / "deck"), "--deck-only", "-q"]
    )
    assert built.exit_code == 0, built.output
    assert list((tmp_path / "deck").glob("*.pptx"))


# What a reader of tests/fixtures/draft/zh-city-report.txt counts as its figures:
# (value, unit, qualifier, paragraph). Years, dates, 第3批, 5G, “十四五”, 3天, 3年 and the
# figure repeated in the last paragraph are not among them.
ZH_KEY = [
    (8652.3, "亿元", None, 3),
    (5.6, "%", None, 3),
    (0.8, "pp", None, 3),
    (5120.4, "亿元", None, 3),
    (59.2, "%", None, 3),
    (125, "万吨", None, 3),
    (-1.6, "万吨", None, 3),
    (6.2, "%", None, 3),
    (9.8, "%", None, 3),
    (1500, "亿元", "近", 4),
    (7.3, "%", None, 4),
    (980, "亿元", "约", 4),
    (-2.1, "%", None, 4),
    (600, "家", "超过", 4),
    (1.2, "万家", None, 4),
    (5200, "万人次", "逾", 5),
    (680, "亿元", "以上", 5),
    (6.8, "%", None, 5),
    (28.5, "%", "左右", 5),
    (9400, "场", "余", 5),
    (1270, "万人次", "多", 5),
    (4000, "家", "突破", 6),
    (3.1, "%", None, 6),
    (1, "rank", None, 6),
    (3200, "个", None, 6),
]


def test_a_chinese_report_gives_its_figures_and_nothing_else(tmp_path):
    _, drafted = _drafted(tmp_path, ZH_REPORT)
    got = [
        (m["value"], m.get("unit"), m.get("qualifier"), m["cite"]["para"])
        for m in drafted["metrics"]
    ]
    assert got == ZH_KEY
    kinds = {m["value"]: (m.get("kind"), m.get("basis")) for m in drafted["metrics"]}
    assert kinds[5.6] == ("growth", "year-on-year")
    assert kinds[0.8] == ("points", "year-on-year")
    assert kinds[-2.1][0] == "growth"  # 进口下降2.1%: a fall, shown as one
    assert kinds[-1.6] == ("change", "year-on-year")  # 比上年减少1.6万吨
    assert kinds[9.8] == ("growth", "year-on-year")  # 同比分别增长6.2%和9.8%
    assert drafted["meta"]["language"] == "zh"
    assert str(drafted["meta"]["date"]) == "2025-01-20"
    assert drafted["sources"][0]["publisher"] == "某市人民政府新闻办公室"


def test_each_figure_carries_a_check_comment_quoting_the_source(tmp_path):
    out, drafted = _drafted(tmp_path, RELEASE)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=facts.schema.json\n")
    assert (tmp_path / "facts.schema.json").is_file()
    checks = [line for line in text.splitlines() if line.strip().startswith("# check:")]
    assert len(checks) == len(drafted["metrics"])
    assert '"As of now, nearly 98% of the 251 tasks' in checks[0] and "(paragraph 1)" in checks[0]
    assert "#   title:" in text and "# takeaways:" in text  # templates, commented out


def test_the_text_path_is_relative_to_the_draft(tmp_path):
    sub = tmp_path / "briefing"
    sub.mkdir()
    out = sub / "facts.yaml"
    result = CliRunner().invoke(main, ["draft", str(RELEASE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text_path = yaml.safe_load(out.read_text(encoding="utf-8"))["sources"][0]["text"]
    assert (sub / text_path).resolve() == RELEASE.resolve()


def test_same_text_gives_byte_identical_drafts(tmp_path):
    a = draft(RELEASE, out=tmp_path / "a.yaml").text
    b = draft(RELEASE, out=tmp_path / "b.yaml").text
    assert a == b


def test_printed_without_output_and_never_overwrites(tmp_path):
    runner = CliRunner()
    printed = runner.invoke(main, ["draft", str(RELEASE)])
    assert printed.exit_code == 0 and "metrics:" in printed.stdout
    out = tmp_path / "facts.yaml"
    out.write_text("mine\n", encoding="utf-8")
    refused = runner.invoke(main, ["draft", str(RELEASE), "-o", str(out)])
    assert refused.exit_code == 1 and "already exists" in refused.output
    assert out.read_text(encoding="utf-8") == "mine\n"
    forced = runner.invoke(main, ["draft", str(RELEASE), "-o", str(out), "--force"])
    assert forced.exit_code == 0 and "metrics:" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "the file is empty"),
        (b"  \n\n \t\n", "the file is empty"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 4, "not a text file"),
        (bytes(range(1, 32)) * 200, "not a text file"),
        ("国家统计局发布数据，增长5%".encode("gb18030"), "iconv -f GB18030 -t UTF-8"),
        ("Growth was 5%".encode("utf-16"), "UTF-16"),
    ],
    ids=["empty", "blank", "binary", "controls", "gbk", "utf16"],
)
def test_bad_input_is_one_error_line(tmp_path, content, says):
    source = tmp_path / "release.txt"
    source.write_bytes(content)
    result = CliRunner().invoke(main, ["draft", str(source), "-o", str(tmp_path / "f.yaml")])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {source}: "), result.output
    assert says in lines[0]
    assert not (tmp_path / "f.yaml").exists()


def test_a_missing_file_and_a_folder_are_errors(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(main, ["draft", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 1 and "no such file" in missing.output
    folder = runner.invoke(main, ["draft", str(tmp_path)])
    assert folder.exit_code == 2  # a usage error: SOURCE is a file


def test_a_text_without_figures_gives_a_valid_skeleton_and_a_warning(tmp_path):
    source = tmp_path / "note.txt"
    source.write_text("Office closure\n\nThe office is closed for the holiday.\n", "utf-8")
    out = tmp_path / "facts.yaml"
    result = CliRunner().invoke(main, ["draft", str(source), "-o", str(out)])
    assert result.exit_code == 0
    assert "Warning:" in result.output and "no figures found" in result.output
    assert load_facts(out).facts.metrics[0].id == "figure_01"


def test_mixed_languages_draft_one_and_name_the_others(tmp_path):
    zh = ZH_REPORT.read_text(encoding="utf-8").split("\n\n")
    source = tmp_path / "mixed.txt"
    source.write_text(
        RELEASE.read_text(encoding="utf-8").replace("\n", "\n\n") + "\n\n" + zh[2] + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "facts.yaml"
    result = CliRunner().invoke(main, ["draft", str(source), "-o", str(out)])
    assert result.exit_code == 0
    assert "paragraph 9 is in Chinese" in result.output and "--lang zh" in result.output
    drafted = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert drafted["meta"]["language"] == "en"
    assert all(m["cite"]["para"] <= 8 for m in drafted["metrics"])
    zh_out = tmp_path / "zh.yaml"
    again = CliRunner().invoke(main, ["draft", str(source), "-o", str(zh_out), "--lang", "zh"])
    assert again.exit_code == 0
    zh_metrics = yaml.safe_load(zh_out.read_text(encoding="utf-8"))["metrics"]
    assert {m["cite"]["para"] for m in zh_metrics} == {9}
    load_facts(zh_out)


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "extra"),
    [
        ("Exports rose 5.2% year on year to $3.1 trillion.", 5.2, "%", {"kind": "growth"}),
        ("Imports fell 3.4% year-on-year.", -3.4, "%", {"basis": "year-on-year"}),
        (
            "The city has more than 1,250 service points.",
            1250,
            "points",
            {"qualifier": "more than"},
        ),
        ("Output was 2.5 times the 2015 level.", 2.5, "times", {}),
        ("Revenue reached €3bn in 2024.", 3, "EUR billion", {"period": "2024"}),
        ("Unemployment rose 0.3 percentage points.", 0.3, "pp", {"kind": "points"}),
    ],
)
def test_english_figure_shapes(tmp_path, sentence, value, unit, extra):
    source = tmp_path / "r.txt"
    source.write_text(f"Statement\n\n{sentence}\n", encoding="utf-8")
    m = yaml.safe_load(draft(source, out=tmp_path / "f.yaml").text)["metrics"][0]
    assert (m["value"], m.get("unit")) == (value, unit)
    for key, want in extra.items():
        assert m.get(key) == want, m


@pytest.mark.parametrize(
    "sentence",
    [
        "On August 21, 2023, the G20 met in Room 5 for the 3rd time.",
        "1. Overview of the COVID-19 response over the past 3 years",
        'The "20 Measures for the Data Sector" took effect at 9:30 a.m.',
        "Section 8 of Article 12 applies from June 2023 until 2025.",
    ],
)
def test_dates_names_and_list_numbers_are_not_figures(tmp_path, sentence):
    source = tmp_path / "r.txt"
    source.write_text(f"Statement\n\n{sentence}\n", encoding="utf-8")
    result = draft(source, out=tmp_path / "f.yaml")
    assert result.figures == 0, result.text


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("0123456789.,%万亿元家人次约近超过以上 abcnearlyover$\n年月日第")
        ),
        min_size=1,
        max_size=200,
    )
)
def test_any_text_gives_a_draft_that_validates(tmp_path, text):
    if not text.strip():
        return
    source = tmp_path / "any.txt"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "any.yaml"
    out.write_text(draft(source, out=out).text, encoding="utf-8")
    load_facts(out)


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_every_text_written_into_a_draft_reads_back_as_itself(text):
    assert yaml.safe_load(f"key: {scalar(text)}")["key"] == text


def test_full_width_digits_are_read_and_verified(tmp_path):
    source = tmp_path / "report.txt"
    source.write_text(
        "某市统计公报\n\n全市地区生产总值达到８６５２.３亿元，同比增长５.６％。\n", "utf-8"
    )
    out = tmp_path / "facts.yaml"
    out.write_text(draft(source, out=out).text, encoding="utf-8")
    loaded = load_facts(out)
    assert [m.value for m in loaded.facts.metrics] == [8652.3, 5.6]
    assert not verify(loaded).mismatches


def test_a_text_without_a_date_gives_an_undated_source_and_the_day_of_the_draft(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14
    source = tmp_path / "grain.txt"
    source.write_text("Grain output\n\nOutput was 2% above the level of 2019.\n", "utf-8")
    drafted = yaml.safe_load(draft(source, out=tmp_path / "f.yaml").text)
    assert str(drafted["meta"]["date"]) == "2023-11-14"  # not 2019: a year is not a date
    assert "date" not in drafted["sources"][0]
    assert drafted["meta"]["slug"] == "grain"


def test_a_headline_figure_the_body_states_again_is_cited_in_the_body(tmp_path):
    source = tmp_path / "r.txt"
    source.write_text(
        "Farm incomes up 11.2%\n\nRural incomes reached 13,726 yuan per person, up 11.2% "
        "year on year.\n",
        "utf-8",
    )
    metrics = yaml.safe_load(draft(source, out=tmp_path / "f.yaml").text)["metrics"]
    assert [(m["value"], m["cite"]["para"]) for m in metrics] == [(13726, 2), (11.2, 2)]


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        (
            "Officers screened 262 million passengers and crew, nearly 3.4% more this year "
            "than last year.",
            [(262, "million", "passengers and crew"), (3.4, "%", "passengers and crew")],
        ),
        (
            "Staff grew by more than 2,000 officers. It had nine of the top 10 days.",
            [(2000, "officers", None)],
        ),
    ],
)
def test_english_counts_of_a_scale_and_rises_said_after_the_figure(tmp_path, sentence, want):
    source = tmp_path / "r.txt"
    source.write_text(f"Release\n\n{sentence}\n", "utf-8")
    metrics = yaml.safe_load(draft(source, out=tmp_path / "f.yaml").text)["metrics"]
    assert [(m["value"], m["unit"]) for m in metrics] == [(v, u) for v, u, _ in want]
    for m, (_, _, label) in zip(metrics, want):
        assert label is None or m["label"] == label
    if len(metrics) > 1:
        assert (metrics[1]["kind"], metrics[1]["basis"]) == ("growth", "year-on-year")


def test_chinese_plain_large_amounts_keep_their_form_and_averages_their_basis(tmp_path):
    source = tmp_path / "r.txt"
    source.write_text(
        "农村居民收入\n\n农村居民人均可支配收入13726元。乡村消费品零售额两年平均增长3.8%。\n",
        "utf-8",
    )
    out = tmp_path / "f.yaml"
    out.write_text(draft(source, out=out).text, encoding="utf-8")
    metrics = yaml.safe_load(out.read_text(encoding="utf-8"))["metrics"]
    assert metrics[0]["as_written"] is True and metrics[0]["label"] == "农村居民人均可支配收入"
    assert (metrics[1]["basis"], metrics[1]["label"]) == ("两年平均", "乡村消费品零售额")
    assert not verify(load_facts(out)).mismatches
