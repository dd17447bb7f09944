"""Every deck deckgen builds is valid against the ISO/IEC 29500 Transitional schemas, by two
validators: openxml-audit (the Open XML SDK's schemas and rules, in Python) and ooxml-integrity
(package integrity, and text and shapes on the slides). `deckgen check` reports a schema
fault in any deck as a `schema` error.

Each deck is built once, deck-only, and shared by the tests of this module.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import ooxml_integrity
import pytest
from click.testing import CliRunner
from lxml import etree
from openxml_audit import FileFormat, OpenXmlValidator, ValidationSeverity
from pptx.util import Inches

from deckgen.assets import LAYOUTS, THEMES, bundled_names
from deckgen.check import check_deck
from deckgen.cli import main

from .test_examples import EXAMPLES, languages
from .test_masters import as_potx, make_master

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
AXES = {f"{C}{name}" for name in ("catAx", "valAx", "dateAx", "serAx")}

# Every kind of chart deckgen draws: columns and a line over time (one and two series, with
# gaps and falls), bars of growth rates with a fall, and a doughnut of a share.
CHART_FACTS = """\
meta:
  title: {en: 'Output, trade and shares', zh: 产出、贸易与占比}
  date: 2024-03-01
  organisation: {en: Statistics Desk, zh: 统计处}
  language: en
sources:
- id: stats
  publisher: {en: Statistics Office, zh: 统计局}
  event: {en: Yearly release, zh: 年度公报}
  date: 2024-02
  short: {en: 'Statistics release, Feb 2024', zh: 统计公报，2024年2月}
series:
- id: growth
  name: {en: Growth of industrial output, zh: 工业产出增长}
  short: {en: Output growth, zh: 产出增长}
  unit: '%'
  kind: growth
  basis: year-on-year
  chart: column
  cite: {source: stats, para: 2}
  points:
  - {period: '2019', value: 6.1}
  - {period: '2020', value: -2.8}
  - {period: '2021'}
  - {period: '2022', value: 3.4}
  - {period: '2023', value: -1.2}
- id: exports
  name: {en: Exports of goods, zh: 货物出口}
  short: {en: Exports, zh: 出口}
  unit: USD billion
  chart: line
  cite: {source: stats, para: 3}
  points:
  - {period: 2022-Q1, value: 12.2}
  - {period: 2022-Q2}
  - {period: 2022-Q3, value: 12.8}
  - {period: 2022-Q4, value: 13.5}
  - {period: 2023-Q1, value: 12.9}
  - {period: 2023-Q2, value: 13.3}
- id: imports
  name: {en: Imports of goods, zh: 货物进口}
  short: {en: Imports, zh: 进口}
  unit: USD billion
  chart: line
  cite: {source: stats, para: 4}
  points:
  - {period: 2022-Q1, value: 10.9}
  - {period: 2022-Q2, value: 11.2}
  - {period: 2022-Q3, value: 11.6}
  - {period: 2022-Q4, value: 11.4}
  - {period: 2023-Q1, value: 11.0}
  - {period: 2023-Q2, value: 11.8}
metrics:
- {id: retail, value: 5.2, unit: '%', kind: growth, basis: year-on-year,
   label: {en: growth of retail sales, zh: 零售额增长}, short: {en: Retail, zh: 零售},
   cite: {source: stats, para: 5}}
- {id: industry, value: -2.7, unit: '%', kind: growth, basis: year-on-year,
   label: {en: growth of industrial output, zh: 工业产出增长}, short: {en: Industry, zh: 工业},
   cite: {source: stats, para: 5}}
- {id: services, value: 7.9, unit: '%', kind: growth, basis: year-on-year,
   label: {en: growth of services, zh: 服务业增长}, short: {en: Services, zh: 服务业},
   cite: {source: stats, para: 5}}
- {id: digital, value: 42.9, unit: '%', of: {en: GDP, zh: 地区生产总值},
   label: {en: of GDP from the digital economy, zh: 数字经济占地区生产总值比重},
   short: {en: Digital economy, zh: 数字经济}, cite: {source: stats, para: 6}}
stories:
- id: growth
  title: {en: Output fell in 2020 and again in 2023, zh: 工业产出在2020年和2023年下降}
  series: [growth]
- id: trade
  title: {en: Exports and imports rose through 2022, zh: 2022年进出口均有增长}
  series: [exports, imports]
- id: sectors
  title: {en: Retail and services grew while industry fell, zh: 零售和服务业增长，工业下降}
  metrics: [retail, industry, services]
- id: digital
  title: {en: The digital economy is 42.9% of GDP, zh: 数字经济占地区生产总值的42.9%}
  metrics: [digital]
"""

CHART_LAYOUT = """\
name: every-chart
slides:
  - kind: title
  - {kind: trend, story: growth}
  - {kind: trend, series: [exports]}
  - {kind: trend, story: trade}
  - {kind: chart, story: sectors, chart: bar}
  - {kind: chart, story: digital, chart: doughnut}
  - kind: sources
"""

# The master variants of tests/test_masters.py: make_master's arguments and slide size.
WIDE = (Inches(13.333), Inches(7.5))
MASTERS = {
    "top": ({}, WIDE),
    "bottom": ({"title_at": "bottom"}, WIDE),
    "left": ({"title_at": "left"}, WIDE),
    "arial": ({"fonts": ("Arial", "Arial")}, WIDE),
    "unknown-font": ({"fonts": ("Georgia", "Verdana")}, WIDE),
    "no-title-only": ({"drop_title_only": True}, WIDE),
    "4x3": ({}, (Inches(10), Inches(7.5))),
}

# Each deck by name: its build arguments; {inputs} is the folder of the masters and facts
# written by the `inputs` fixture.
CASES: dict[str, list[str]] = {"default": [], "zh": ["--lang", "zh"]}
CASES |= {
    f"{layout}-{theme}": ["--layout", layout, "--theme", theme]
    for layout in bundled_names(LAYOUTS)
    for theme in bundled_names(THEMES)
}
CASES |= {
    f"{example.stem}-{lang}": [str(example), "--lang", lang]
    for example in EXAMPLES
    for lang in languages(example)
}
CASES |= {f"master-{v}": ["--master", f"{{inputs}}/{v}.pptx"] for v in MASTERS}
CASES["master-potx"] = ["--master", "{inputs}/top.potx"]
CASES |= {
    f"charts-{lang}": [
        "{inputs}/charts.yaml",
        "--layout",
        "{inputs}/every-chart.yaml",
        "--lang",
        lang,
    ]
    for lang in ("en", "zh")
}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("schema-inputs")
    for variant, (kwargs, size) in MASTERS.items():
        make_master(folder / f"{variant}.pptx", size=size, **kwargs)
    as_potx(folder / "top.pptx", folder / "top.potx")
    (folder / "charts.yaml").write_text(CHART_FACTS, encoding="utf-8")
    (folder / "every-chart.yaml").write_text(CHART_LAYOUT, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def deck(tmp_path_factory, inputs):
    """Return a function giving the deck of a case, built (deck-only) on first use."""
    folder = tmp_path_factory.mktemp("schema")
    made: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in made:
            args = [a.replace("{inputs}", str(inputs)) for a in CASES[name]]
            out = folder / name
            result = CliRunner().invoke(main, ["build", *args, "--out", str(out), "--deck-only"])
            assert result.exit_code == 0, result.output
            (made[name],) = out.glob("*.pptx")
        return made[name]

    return get


@pytest.fixture(scope="module")
def audit() -> OpenXmlValidator:
    return OpenXmlValidator(file_format=FileFormat.MICROSOFT_365, max_errors=0)


@pytest.mark.parametrize("name", CASES)
def test_openxml_audit_finds_no_error(deck, audit, name):
    result = audit.validate(deck(name))
    errors = [e for e in result.errors if e.severity == ValidationSeverity.ERROR]
    assert errors == [], "\n".join(str(e) for e in errors[:20])


# ooxml_integrity.check() is its .docx inspector: it says PKG006 of any main part that is not
# a WordprocessingML document, which a deck's ppt/presentation.xml never is. Its package
# checks (content types, relationship targets and ids, well-formed XML) hold for any OPC
# package, so that one finding, and only it, is left out.
NOT_A_DOCX = ("PKG006", "ppt/presentation.xml")


@pytest.mark.parametrize("name", CASES)
def test_ooxml_integrity_finds_no_error(deck, name):
    path = deck(name)
    slides = ooxml_integrity.check_pptx(path)  # its .pptx checks: text fit, shapes, fonts
    package = [f for f in ooxml_integrity.check(path) if (f.code, f.part) != NOT_A_DOCX]
    errors = [f for f in slides + package if f.severity == ooxml_integrity.ERROR]
    assert errors == [], "\n".join(str(f) for f in errors)


def _charts(path: Path):
    with zipfile.ZipFile(path) as z:
        for name in sorted(z.namelist()):
            if re.fullmatch(r"ppt/charts/chart\d+\.xml", name):
                yield name, etree.fromstring(z.read(name))


def test_the_chart_deck_draws_every_kind_of_chart(deck):
    kinds = set()
    for _, root in _charts(deck("charts-en")):
        for group in root.find(f"{C}chart/{C}plotArea"):
            direction = group.find(f"{C}barDir")
            kind = etree.QName(group).localname
            kinds.add(kind if direction is None else f"{kind}:{direction.get('val')}")
    assert {"barChart:col", "barChart:bar", "lineChart", "doughnutChart"} <= kinds


@pytest.mark.parametrize(
    "name", ["charts-en", "charts-zh", "park-visits-en", "china-trade-2023-zh"]
)
def test_chart_axes_have_unsigned_ids_and_cross_each_other(deck, name):
    for part, root in _charts(deck(name)):
        area = root.find(f"{C}chart/{C}plotArea")
        axes = [el for el in area if el.tag in AXES]
        ids = [int(ax.find(f"{C}axId").get("val")) for ax in axes]
        assert all(0 <= i < 2**32 for i in ids) and len(set(ids)) == len(ids), (part, ids)
        for ax in axes:  # each axis crosses another axis of the same chart
            crosses = int(ax.find(f"{C}crossAx").get("val"))
            assert crosses in ids and crosses != int(ax.find(f"{C}axId").get("val")), part
        for group in area:
            if group.tag not in AXES and group.findall(f"{C}axId"):
                used = sorted(int(a.get("val")) for a in group.findall(f"{C}axId"))
                assert used == sorted(ids), (part, used, ids)  # the chart plots on its axes


def _rewrite(source: Path, target: Path, part: str, change) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        assert part in zin.namelist()
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info, change(data) if info.filename == part else data)
    return target


def _bar_chart(path: Path) -> str:
    return next(part for part, root in _charts(path) if root.find(f".//{C}barChart") is not None)


def _schema(findings) -> list[dict]:
    return [f for f in findings if f["rule"] == "schema"]


def test_check_reports_schema_errors_by_part_and_passes_a_good_deck(deck, runner, tmp_path):
    good = deck("charts-en")
    result = runner.invoke(main, ["check", "--json", str(good)])
    assert result.exit_code == 0, result.output
    assert _schema(json.loads(result.output)) == []

    chart = _bar_chart(good)
    with zipfile.ZipFile(good) as z:
        ids = len(re.findall(rb"<c:(?:axId|crossAx) ", z.read(chart)))  # 6: two axes, a group
    negative = _rewrite(  # negative axis ids, as python-pptx's chart templates write them
        good,
        tmp_path / "negative.pptx",
        chart,
        lambda xml: re.sub(rb'(<c:(?:axId|crossAx) val=")(\d+)"', rb'\1-\2"', xml),
    )
    undeclared = _rewrite(
        good,
        tmp_path / "undeclared.pptx",
        "ppt/slides/slide2.xml",
        lambda xml: xml.replace(b"<p:sp>", b'<p:sp colour="red">', 1),
    )
    for broken, part, words, count in (
        (negative, chart, "less than minimum 0", ids),
        (undeclared, "ppt/slides/slide2.xml", "'colour' attribute is not declared", 1),
    ):
        result = runner.invoke(main, ["check", "--json", str(broken)])
        assert result.exit_code == 1, result.output
        findings = json.loads(result.output)
        errors = [f for f in findings if f["severity"] == "error"]
        assert errors == _schema(findings), errors  # nothing else is wrong
        assert len(errors) == count, errors  # one finding per fault
        assert {f["shape"] for f in errors} == {part}
        assert all(words in f["message"] for f in errors), errors
        # The same verdict on the bytes, and none when the rule is left out (as the build does).
        data = broken.read_bytes()
        assert [str(f) for f in check_deck(data, name=str(broken))] == [
            str(f) for f in check_deck(broken)
        ]
        assert [f for f in check_deck(data, schema=False) if f.rule == "schema"] == []


def test_a_validator_that_cannot_run_is_a_warning_not_a_crash(deck, monkeypatch):
    def broken():
        raise RuntimeError("no schemas")

    monkeypatch.setattr("deckgen.check._validator", broken)
    findings = [f for f in check_deck(deck("default")) if f.rule == "schema"]
    assert [(f.severity, f.message) for f in findings] == [
        ("warn", "the schema check could not run: no schemas")
    ]
