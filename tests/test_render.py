"""LibreOffice opens the deck and renders one page per slide."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from pptx import Presentation


def _soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None and os.environ.get("CI"):
        pytest.fail("LibreOffice is required in CI (.ci/run installs libreoffice-impress)")
    return found


def test_libreoffice_renders_one_page_per_slide(built, tmp_path):
    soffice = _soffice()
    if soffice is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-impress)")
    profile = tmp_path / "profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(built),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / (built.stem + ".pdf")
    data = pdf.read_bytes()
    pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        pages = int(
            next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:"))
        )
    assert pages == len(Presentation(str(built)).slides)


def test_preview_writes_slide_pngs_and_a_contact_sheet(built, tmp_path, runner):
    if _soffice() is None:
        pytest.skip("LibreOffice is not installed")
    from deckgen.cli import main

    result = runner.invoke(main, ["preview", str(built), "--out", str(tmp_path), "--dpi", "20"])
    assert result.exit_code == 0, result.output
    slides = sorted(tmp_path.glob("*-slide-*.png"))
    assert len(slides) == len(Presentation(str(built)).slides) >= 2
    assert (tmp_path / f"{built.stem}-contact-sheet.png").exists()


def test_preview_without_libreoffice_says_how_to_install(built, tmp_path, runner, monkeypatch):
    from deckgen.cli import main

    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = runner.invoke(main, ["preview", str(built), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "apt-get install -y libreoffice-impress" in result.output


def test_build_pdf(tmp_path, runner):
    if _soffice() is None:
        pytest.skip("LibreOffice is not installed")
    from deckgen.cli import main

    result = runner.invoke(main, ["build", "--deck-only", "--pdf", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "two-zones-briefing.pdf").stat().st_size > 10_000
