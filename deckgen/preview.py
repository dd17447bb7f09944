"""Render a deck to PDF and PNG pages with LibreOffice, plus one contact sheet."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import RenderError

INSTALL_HINT = "install it with: apt-get install -y libreoffice-impress"


def soffice() -> str:
    """Return the LibreOffice command, or raise an error that says how to install it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise RenderError(f"LibreOffice (soffice) is not installed; {INSTALL_HINT}")
    return found


def to_pdf(deck: Path, out: Path) -> Path:
    """Convert ``deck`` to ``out/<stem>.pdf`` with headless LibreOffice; return the PDF."""
    command = soffice()
    out.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="deckgen-lo-") as profile,
        tempfile.TemporaryDirectory(prefix="deckgen-pdf-") as tmp,
    ):
        try:
            subprocess.run(
                [
                    command,
                    f"-env:UserInstallation=file://{profile}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    tmp,
                    str(deck),
                ],
                check=True,
                capture_output=True,
                timeout=300,
            )
        except subprocess.CalledProcessError as e:
            raise RenderError(
                f"{deck}: LibreOffice could not convert it: "
                f"{e.stderr.decode(errors='replace').strip()[:200]}"
            ) from e
        except subprocess.TimeoutExpired as e:
            raise RenderError(f"{deck}: LibreOffice took over 300 s to convert it") from e
        produced = Path(tmp) / f"{deck.stem}.pdf"
        if not produced.exists():
            raise RenderError(f"{deck}: LibreOffice wrote no PDF (is it a presentation?)")
        target = out / produced.name
        shutil.move(str(produced), target)
    return target


def preview(deck: Path, out: Path, dpi: int = 60) -> list[Path]:
    """Write one PNG per slide and a contact sheet into ``out``; return the PNGs."""
    soffice()  # the bigger missing piece is named first
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise RenderError(
            "pdftoppm is not installed; install it with: apt-get install -y poppler-utils"
        )
    pdf = to_pdf(deck, out)
    prefix = out / f"{deck.stem}-slide"
    for old in out.glob(f"{deck.stem}-slide-*.png"):
        old.unlink()
    subprocess.run(
        [pdftoppm, "-png", "-r", str(dpi), str(pdf), str(prefix)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    slides = sorted(out.glob(f"{deck.stem}-slide-*.png"))
    sheet = out / f"{deck.stem}-contact-sheet.png"
    _contact_sheet(slides, sheet)
    return slides + [sheet]


def _contact_sheet(pages: list[Path], target: Path, columns: int = 4) -> None:
    from PIL import Image

    images = [Image.open(p).convert("RGB") for p in pages]
    if not images:
        raise RenderError("LibreOffice rendered no pages")
    width = 480
    thumbs = [im.resize((width, round(im.height * width / im.width))) for im in images]
    height = max(t.height for t in thumbs)
    gap = 12
    rows = -(-len(thumbs) // columns)
    sheet = Image.new(
        "RGB", (columns * (width + gap) + gap, rows * (height + gap) + gap), "#B8C2CC"
    )
    for i, thumb in enumerate(thumbs):
        sheet.paste(
            thumb, (gap + (i % columns) * (width + gap), gap + (i // columns) * (height + gap))
        )
    sheet.save(target)
