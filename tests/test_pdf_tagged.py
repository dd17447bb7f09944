"""PDFs of decks (`build --pdf`, `preview`) are tagged, titled and state the deck's language."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from deckgen.cli import main
from deckgen.preview import _profile, deck_language

TITLES = {"en": 'Beijing\'s "two zones" at three years', "zh": "北京“两区”建设三年回顾"}
LANGS = {"en": "en-US", "zh": "zh-CN"}

needs_pdf_tools = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdfinfo")),
    reason="needs LibreOffice and poppler's pdfinfo",
)


def pdfinfo(pdf: Path, *options: str) -> str:
    found = subprocess.run(
        ["pdfinfo", "-enc", "UTF-8", *options, str(pdf)],
        capture_output=True,
        check=True,
        timeout=120,
    )
    return found.stdout.decode("utf-8")


def info(pdf: Path) -> dict[str, str]:
    """Return pdfinfo's fields ('Tagged', 'Title' …)."""
    fields = {}
    for line in pdfinfo(pdf).splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


def catalog_language(pdf: Path) -> str | None:
    """Return the /Lang of the PDF's catalog (LibreOffice writes it as a literal string)."""
    data = pdf.read_bytes()
    catalog = re.search(rb"/Type\s*/Catalog(.*?)>>\s*endobj", data, re.S)
    assert catalog is not None, "no document catalog found"
    lang = re.search(rb"/Lang\s*\(([^)]*)\)", catalog.group(1))
    return lang.group(1).decode("ascii") if lang else None


def structure(pdf: Path) -> list[str]:
    """Return the structure elements' types, in the order of the structure tree."""
    return re.findall(r"^\s*([A-Za-z]+)\b", pdfinfo(pdf, "-struct"), re.M)


@pytest.fixture(scope="module", params=["en", "zh"])
def built_pdf(request, tmp_path_factory) -> tuple[str, Path, Path]:
    from click.testing import CliRunner

    lang = request.param
    out = tmp_path_factory.mktemp(f"pdf-{lang}")
    result = CliRunner().invoke(
        main, ["build", "--out", str(out), "--deck-only", "--pdf", "--lang", lang]
    )
    if not (shutil.which("soffice") and shutil.which("pdfinfo")):
        pytest.skip("needs LibreOffice and poppler's pdfinfo")
    assert result.exit_code == 0, result.output
    deck = next(out.glob("*.pptx"))
    return lang, deck, deck.with_suffix(".pdf")


@needs_pdf_tools
def test_build_pdf_is_tagged_with_the_decks_title(built_pdf):
    lang, deck, pdf = built_pdf
    fields = info(pdf)
    assert fields["Tagged"] == "yes"
    assert fields["Title"] == TITLES[lang] == Presentation(str(deck)).core_properties.title
    assert fields["Pages"] == str(len(Presentation(str(deck)).slides))


@needs_pdf_tools
def test_build_pdf_states_the_decks_language(built_pdf):
    lang, _, pdf = built_pdf
    assert catalog_language(pdf) == LANGS[lang]


@needs_pdf_tools
def test_build_pdf_has_headings_paragraphs_and_figures(built_pdf):
    _, deck, pdf = built_pdf
    tags = structure(pdf)
    assert tags.count("H") >= len(Presentation(str(deck)).slides) - 1  # every slide's title
    assert tags.count("P") > 50 and "Figure" in tags


@needs_pdf_tools
def test_preview_writes_a_tagged_pdf_in_the_decks_language(runner, tmp_path, built_pdf):
    lang, deck, _ = built_pdf
    result = runner.invoke(main, ["preview", str(deck), "--out", str(tmp_path), "--dpi", "20"])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / f"{deck.stem}.pdf"
    assert info(pdf)["Tagged"] == "yes" and info(pdf)["Title"] == TITLES[lang]
    assert catalog_language(pdf) == LANGS[lang]


# -- the language given to LibreOffice -------------------------------------------------------
def _deck(tmp_path: Path, language: str | None, run_lang: str = "en-US") -> Path:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Title"
    slide.shapes.title.text_frame.paragraphs[0].runs[0].font._rPr.set("lang", run_lang)
    prs.core_properties.language = language or ""
    path = tmp_path / "deck.pptx"
    prs.save(str(path))
    if language is None:  # no dc:language at all
        with zipfile.ZipFile(path) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        core = parts["docProps/core.xml"]
        parts["docProps/core.xml"] = re.sub(
            rb"<dc:language>.*?</dc:language>|<dc:language/>", b"", core
        )
        with zipfile.ZipFile(path, "w") as z:
            for name, data in parts.items():
                z.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("stated", "runs", "expected"),
    [
        ("zh-CN", "en-US", "zh-CN"),
        ("zh", "en-US", "zh-CN"),  # a bare language takes the region its text is marked with
        ("en", "zh-CN", "en-US"),
        ("pt-BR", "en-US", "pt-BR"),
        (None, "zh-CN", "zh-CN"),  # none stated: the language the slides' text is marked with
        ("not a language", "en-US", None),
    ],
)
def test_deck_language_comes_from_the_deck(tmp_path, stated, runs, expected):
    assert deck_language(_deck(tmp_path, stated, runs)) == expected


def test_deck_language_of_a_file_that_is_not_a_deck_is_none(tmp_path):
    path = tmp_path / "deck.pptx"
    path.write_bytes(b"not a zip")
    assert deck_language(path) is None


def test_deckgen_decks_state_their_language(built):
    assert deck_language(built) == "en-US"


def test_the_private_profile_gets_the_language_as_its_locale(tmp_path):
    _profile(tmp_path, "zh-CN")
    settings = (tmp_path / "user" / "registrymodifications.xcu").read_text(encoding="utf-8")
    assert '<item oor:path="/org.openoffice.Setup/L10N">' in settings
    assert '<prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>zh-CN</value>' in settings
    _profile(tmp_path / "none", None)  # no language: LibreOffice's own default
    assert not (tmp_path / "none").exists()


@needs_pdf_tools
def test_a_tables_header_row_is_tagged_as_header_cells(runner, tmp_path):
    park = Path(__file__).resolve().parent.parent / "examples" / "park-visits.yaml"
    result = runner.invoke(
        main, ["build", str(park), "--out", str(tmp_path), "--deck-only", "--pdf"]
    )
    assert result.exit_code == 0, result.output
    deck = next(tmp_path.glob("*.pptx"))
    tables = [s for slide in Presentation(str(deck)).slides for s in slide.shapes if s.has_table]
    tags = structure(deck.with_suffix(".pdf"))
    assert tags.count("Table") == len(tables) >= 1
    assert tags.count("TH") == sum(len(t.table.columns) for t in tables)  # the header rows
    assert tags.count("TR") == sum(len(t.table.rows) for t in tables)
