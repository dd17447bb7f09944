"""End to end: build through the CLI, reopen the deck, and check what a presenter relies on."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from deckgen.cli import main

from .audit import off_slide, text_overflows
from .clear import one_error_line

SEED_FIGURES = [
    "251",
    "nearly 98%",
    "around 500",
    "40",
    "over 80%",
    "44.5%",
    "20",
    "179",
    "US$55.14 billion",
    "9%",
    "96.5%",
    "2022",
]


def all_text(prs) -> str:
    parts = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_chart:
                plot = shape.chart.plots[0]
                parts += [str(c) for c in plot.categories]
                for point in plot.series[0].points:
                    if point.data_label.has_text_frame:
                        parts.append(point.data_label.text_frame.text)
    return "\n".join(parts)


def test_deck_has_ten_or_more_slides_each_titled_with_notes_and_footer(built):
    prs = Presentation(str(built))
    assert len(prs.slides) >= 10
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # 16:9
    titles = []
    for slide in prs.slides:
        title = slide.shapes.title
        assert title is not None and title.is_placeholder
        assert title.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
        assert title.text_frame.text.strip()
        titles.append(title.text_frame.text)
        notes = slide.notes_slide.notes_text_frame.text
        sentences = re.findall(r"[.?!](?:\s|$)", notes)
        assert len(sentences) >= 2 and "Source" in notes, notes
        footer = [s for s in slide.shapes if s.name == "Footer source"]
        assert footer and footer[0].text_frame.text.startswith("Source: ")
        assert any(s.name == "Slide number" for s in slide.shapes)
    assert len(set(titles)) == len(titles)


def test_no_empty_placeholders(built):
    for slide in Presentation(str(built)).slides:
        for ph in slide.placeholders:
            assert ph.text_frame.text.strip(), f"empty placeholder {ph.name}"


def test_native_charts_with_editable_data_and_alt_text(built):
    prs = Presentation(str(built))
    charts = [s for slide in prs.slides for s in slide.shapes if s.has_chart]
    assert len(charts) >= 3
    kinds = {c.chart.chart_type for c in charts}
    assert any("DOUGHNUT" in str(k) for k in kinds)
    for chart in charts:
        assert chart.chart.part.chart_workbook.xlsx_part is not None  # editable data
        descr = chart._element.xpath("./p:nvGraphicFramePr/p:cNvPr")[0].get("descr")
        assert descr and len(descr) > 30 and not descr.lower().endswith((".png", ".pptx"))


def test_every_seed_figure_appears_with_its_qualifier(built):
    text = all_text(Presentation(str(built)))
    for figure in SEED_FIGURES:
        assert figure in text, figure
    assert "one system, one tally, one inspection, one delivery" in text.lower()


def test_no_shape_off_the_slide_and_no_text_overflow(built):
    assert off_slide(built) == []
    assert text_overflows(built) == []


def test_font_sizes_and_no_autofit(built):
    sizes = []
    for slide in Presentation(str(built)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                body = shape.text_frame._txBody.bodyPr
                assert body.find("{*}normAutofit") is None and body.find("{*}spAutoFit") is None
                for para in shape.text_frame.paragraphs:
                    sizes += [r.font.size.pt for r in para.runs if r.text.strip()]
    assert min(sizes) >= 11
    assert max(sizes) >= 54  # numbers as heroes


def test_pictures_have_meaningful_alt_text(built):
    for slide in Presentation(str(built)).slides:
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                descr = shape._element.xpath("./p:nvPicPr/p:cNvPr")[0].get("descr")
                assert descr and len(descr) >= 20 and not re.search(r"\.\w{3,4}$", descr)


def test_core_properties_come_from_the_facts(built):
    props = Presentation(str(built)).core_properties
    assert props.title == 'Beijing\'s "two zones" at three years'
    assert props.author == "Policy Communications Team"
    assert props.created.date().isoformat() == "2023-08-21"
    assert props.last_modified_by == "deckgen"


def test_two_builds_are_byte_identical(runner, tmp_path, built):
    out = tmp_path / "again"
    result = runner.invoke(main, ["build", "--out", str(out), "--deck-only"])
    assert result.exit_code == 0, result.output
    again = out / built.name
    assert again.read_bytes() == built.read_bytes()
    with zipfile.ZipFile(again) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_build_writes_deck_into_out_and_reports(runner, tmp_path):
    result = runner.invoke(main, ["build", "--out", str(tmp_path), "--deck-only"])
    assert result.exit_code == 0
    assert (tmp_path / "two-zones-briefing.pptx").exists()
    assert "slides" in result.output
    assert not list(tmp_path.glob(".*.tmp"))


HOSTILE = {
    "broken.yaml": b"meta: [unclosed\n  title: x\n",
    "empty.yaml": b"",
    "list.yaml": b"- one\n- two\n",
    "random.yaml": bytes(range(256)) * 4,
    "unrelated.yaml": b"name: shopping\nitems: [milk, eggs]\n",
    "tag.yaml": b"meta: !!python/object/apply:os.system ['touch PWNED']\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_facts_fail_cleanly_and_keep_the_last_good_deck(runner, tmp_path, built, name):
    out = tmp_path / "out"
    out.mkdir()
    good = out / built.name
    good.write_bytes(built.read_bytes())
    bad = tmp_path / name
    bad.write_bytes(HOSTILE[name])
    result = runner.invoke(
        main, ["build", str(bad), "--out", str(out), "--deck-only"], catch_exceptions=False
    )
    assert str(bad) in one_error_line(result)
    assert good.read_bytes() == built.read_bytes()
    assert sorted(p.name for p in out.iterdir()) == [built.name]
    assert not Path("PWNED").exists() and not (tmp_path / "PWNED").exists()


def test_cli_exit_codes(runner, tmp_path):
    assert runner.invoke(main, ["--help"]).exit_code == 0
    for command in ("build", "validate", "plan"):
        assert runner.invoke(main, [command, "--help"]).exit_code == 0
    assert runner.invoke(main, ["build", "--no-such-option"]).exit_code == 2
    assert runner.invoke(main, ["frobnicate"]).exit_code == 2
    missing = runner.invoke(main, ["build", str(tmp_path / "missing.yaml"), "--out", str(tmp_path)])
    assert missing.exit_code == 1 and "not found" in missing.output


def test_validate_reports_valid_and_invalid(runner, facts_copy):
    ok = runner.invoke(main, ["validate", str(facts_copy)])
    assert ok.exit_code == 0 and "valid" in ok.output
    facts_copy.write_text(facts_copy.read_text().replace("value: 55.14", "value: 55.14bn"))
    bad = runner.invoke(main, ["validate", str(facts_copy)])
    assert bad.exit_code == 1 and "metrics[fdi_paid_in].value: expected a number" in bad.output


def test_unknown_slide_kind_names_layout_file_and_line(runner, tmp_path):
    layout = tmp_path / "layout.yaml"
    layout.write_text("name: mine\nslides:\n  - kind: title\n  - kind: wordcloud\n")
    result = runner.invoke(main, ["build", "--layout", str(layout), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{layout}:4: slides[1].kind: unknown slide kind 'wordcloud'" in result.output
    assert "kpi-grid" in result.output  # lists the known kinds


def test_layout_naming_a_missing_story(runner, tmp_path):
    layout = tmp_path / "layout.yaml"
    layout.write_text(
        "name: mine\nslides:\n  - kind: title\n  - kind: kpi-grid\n    story: nowhere\n"
    )
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", "--layout", str(layout), "--out", str(out)])
    assert result.exit_code == 0, result.output
    # No such story: the slide shows the facts' headline figures under a plain title.
    slides = Presentation(str(next(out.glob("*.pptx")))).slides
    assert len(slides) == 2 and slides[1].shapes.title.text == "Key figures"
    names = {s.name for s in slides[1].shapes}
    assert {"tasks_approved figure", "tasks_commenced figure"} <= names


def test_a_layout_with_nothing_left_to_show_is_an_error(runner, tmp_path):
    layout = tmp_path / "layout.yaml"
    layout.write_text("name: mine\nslides:\n  - kind: section\n    story: nowhere\n")
    result = runner.invoke(main, ["build", "--layout", str(layout), "--out", str(tmp_path)])
    output = one_error_line(result)
    assert str(layout) in output and "no slide" in output


def test_text_too_long_to_fit_names_the_fact(runner, facts_copy, tmp_path):
    text = facts_copy.read_text()
    long_heading = "en: " + " ".join(["Extraordinarily"] * 110)
    facts_copy.write_text(text.replace("en: Approval right after registration", long_heading))
    result = runner.invoke(main, ["build", str(facts_copy), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert (
        "pillars[innovation].achievements[approval_on_registration].heading: text does not fit"
        in result.output
    )


def test_many_achievements_continue_on_another_slide(runner, facts_copy, tmp_path):
    text = facts_copy.read_text()
    extra = "".join(
        f"  - id: extra_{i}\n    heading: Extra item {i}\n"
        f"    detail: More work done\n    cite: {{source: scio, para: 3}}\n"
        for i in range(5)
    )
    anchor = "  achievements:\n  - id: approval_on_registration\n"
    assert anchor in text
    facts_copy.write_text(text.replace(anchor, "  achievements:\n" + extra + anchor[16:]))
    result = runner.invoke(main, ["build", str(facts_copy), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    deck = next(tmp_path.glob("*.pptx"))
    titles = [s.shapes.title.text_frame.text for s in Presentation(str(deck)).slides]
    assert any(t.endswith("(continued)") for t in titles)
    assert text_overflows(deck) == []


def test_python_dash_m_runs_the_cli():
    result = subprocess.run(
        [sys.executable, "-m", "deckgen", "--help"], capture_output=True, text=True, check=True
    )
    assert "build" in result.stdout


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys; from click.testing import CliRunner; from deckgen.cli import main; "
        "CliRunner().invoke(main, ['--help']); "
        "print(any(m.startswith(('pptx', 'matplotlib')) for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_deck_that_fails_its_checks_is_never_written(runner, tmp_path, built, monkeypatch):
    import deckgen.check as check_module

    out = tmp_path / "out"
    out.mkdir()
    (out / built.name).write_bytes(built.read_bytes())
    planted = check_module.Finding("deck", 3, "Box", "text-overflow", "error", "too tall", "fix")
    monkeypatch.setattr(check_module, "check_deck", lambda *a, **k: [planted])
    result = runner.invoke(main, ["build", "--out", str(out), "--deck-only"])
    assert result.exit_code == 1 and "fails its checks" in result.output
    assert (out / built.name).read_bytes() == built.read_bytes()
    skipped = runner.invoke(main, ["build", "--out", str(out), "--deck-only", "--no-check"])
    assert skipped.exit_code == 0
