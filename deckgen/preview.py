"""Render a deck to PDF and PNG pages with LibreOffice, plus one contact sheet.

The external tools get absolute paths (so a file called ``-x.pptx`` is never read as an
option), a percent-quoted profile URL, a time limit each, and any failure — a non-zero exit,
a timeout, no output — becomes one error line naming the tool, the deck and the last line
the tool printed.

The PDF is tagged (its structure tree lets screen readers follow headings, paragraphs and
figures), carries the deck's title from its core properties, and states the deck's language:
LibreOffice names the document's language (the PDF's /Lang) after its locale setting, so the
private profile of each conversion is given the deck's language as its locale.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import zipfile
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape

from . import xmlsafe
from .errors import RenderError
from .paths import inside

INSTALL_HINT = "install it with: apt-get install -y libreoffice-impress"
SOFFICE_TIMEOUT = 180.0  # seconds; $DECKGEN_SOFFICE_TIMEOUT overrides
PDFTOPPM_TIMEOUT = 120.0  # seconds; $DECKGEN_PDFTOPPM_TIMEOUT overrides
# LibreOffice's PDF export (impress_pdf_Export) with a structure tree, without comments.
# PDFUACompliance is left off: LibreOffice 7.4 then writes the title into the XMP metadata
# escaped twice ("Beijing&apos;s"), which readers show in place of the title.
PDF_FILTER = (
    'pdf:impress_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"ExportNotes":{"type":"boolean","value":"false"}}'
)
# A bare language is given the region its text is marked with (deck/text.py).
REGIONS = {"en": "en-US", "zh": "zh-CN"}
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
_DC_LANGUAGE = "{http://purl.org/dc/elements/1.1/}language"
_RUN_LANG = re.compile(rb'<a:rPr\b[^>]*?\blang="([^"]+)"')


def soffice() -> str:
    """Return the LibreOffice command, or raise an error that says how to install it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise RenderError(f"LibreOffice (soffice) is not installed; {INSTALL_HINT}")
    return found


def _timeout(variable: str, default: float) -> float:
    try:
        value = float(os.environ.get(variable, default))
    except ValueError:
        return default
    return value if value > 0 else default


def _last_line(*outputs: bytes) -> str:
    """Return the last non-empty line the tool printed (stderr first), for the error."""
    for output in outputs:
        lines = [line.strip() for line in output.decode(errors="replace").splitlines()]
        lines = [line for line in lines if line]
        if lines:
            return lines[-1][:200]
    return ""


def _run(tool: str, argv: list[str], deck: Path, timeout: float) -> None:
    """Run ``argv``; raise one-line :class:`RenderError` naming ``tool`` and ``deck`` if it
    cannot start, exits non-zero or runs past ``timeout`` seconds (then it is killed, with
    every process it started)."""
    try:
        process = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group: a timeout kills its children too
        )
    except OSError as e:
        raise RenderError(f"{deck}: {tool} could not be started: {e.strerror or e}") from e
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as e:
        _kill(process)
        out, err = process.communicate()
        said = _last_line(err, out)
        raise RenderError(
            f"{deck}: {tool} took over {timeout:g} s and was stopped"
            + (f"; its last words: {said}" if said else "")
        ) from e
    except BaseException:  # Ctrl-C: leave no LibreOffice behind
        _kill(process)
        process.wait()
        raise
    if process.returncode != 0:
        said = _last_line(err, out)
        raise RenderError(
            f"{deck}: {tool} failed (exit code {process.returncode})"
            + (f": {said}" if said else "")
        )


def _kill(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        process.kill()


def to_pdf(deck: Path, out: Path) -> Path:
    """Convert ``deck`` to ``out/<stem>.pdf`` with headless LibreOffice, tagged, titled and
    in the deck's language (see the module's description); return the PDF."""
    command = soffice()
    source = deck.resolve()  # absolute: a name starting with '-' is never an option
    target = inside(out, f"{deck.stem}.pdf")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise RenderError(f"{out}: cannot write here: {e.strerror}") from e
    timeout = _timeout("DECKGEN_SOFFICE_TIMEOUT", SOFFICE_TIMEOUT)
    with (
        tempfile.TemporaryDirectory(prefix="deckgen-lo-") as profile,
        tempfile.TemporaryDirectory(prefix="deckgen-pdf-") as tmp,
    ):
        tmp_dir = Path(tmp).resolve()
        _profile(Path(profile), deck_language(source))
        _run(
            "LibreOffice (soffice)",
            [
                command,
                f"-env:UserInstallation={Path(profile).resolve().as_uri()}",
                "--headless",
                "--convert-to",
                PDF_FILTER,
                "--outdir",
                str(tmp_dir),
                str(source),
            ],
            deck,
            timeout,
        )
        produced = tmp_dir / f"{source.stem}.pdf"
        if not produced.is_file() or produced.stat().st_size == 0:
            raise RenderError(f"{deck}: LibreOffice (soffice) wrote no PDF (is it a presentation?)")
        try:
            shutil.move(str(produced), target)
        except OSError as e:
            raise RenderError(f"{target}: cannot write: {e.strerror}") from e
    return target


def deck_language(deck: Path) -> str | None:
    """Return the language tag of ``deck`` ('en-US', 'zh-CN'): its core properties'
    language, else the language most of its slides' text is marked with; None when it names
    none (or cannot be read: LibreOffice then says what is wrong with it)."""
    try:
        with zipfile.ZipFile(deck) as package:
            names = set(package.namelist())
            stated = ""
            if "docProps/core.xml" in names:
                root = xmlsafe.parse(package.read("docProps/core.xml"), "docProps/core.xml")
                found = root.find(_DC_LANGUAGE)
                stated = (found.text or "").strip() if found is not None else ""
            if not stated:
                marked: Counter[str] = Counter()
                for name in sorted(names):
                    if re.fullmatch(r"ppt/slides/slide\d+\.xml", name):
                        marked.update(m.decode() for m in _RUN_LANG.findall(package.read(name)))
                stated = marked.most_common(1)[0][0] if marked else ""
    except (OSError, zipfile.BadZipFile, xmlsafe.XMLPartError, KeyError):
        return None
    if not _LANGUAGE_TAG.fullmatch(stated):
        return None
    return REGIONS.get(stated.lower(), stated)


def _profile(profile: Path, language: str | None) -> None:
    """Give LibreOffice's private ``profile`` the deck's ``language`` as its locale, which
    its PDF export writes as the document's language."""
    if language is None:
        return
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        '<item oor:path="/org.openoffice.Setup/L10N">'
        '<prop oor:name="ooSetupSystemLocale" oor:op="fuse">'
        f"<value>{escape(language)}</value></prop></item>\n"
        "</oor:items>\n",
        encoding="utf-8",
    )


def _slide_files(out: Path, stem: str) -> list[Path]:
    pattern = re.compile(re.escape(stem) + r"-slide-(\d+)\.png")
    found = []
    for path in out.iterdir() if out.is_dir() else []:
        match = pattern.fullmatch(path.name)
        if match:
            found.append((int(match.group(1)), path))
    return [path for _, path in sorted(found)]


def preview(deck: Path, out: Path, dpi: int = 60) -> list[Path]:
    """Write one PNG per slide and a contact sheet into ``out``; return the PNGs."""
    soffice()  # the bigger missing piece is named first
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise RenderError(
            "pdftoppm is not installed; install it with: apt-get install -y poppler-utils"
        )
    pdf = to_pdf(deck, out)
    prefix = inside(out, f"{deck.stem}-slide")
    for old in _slide_files(out, deck.stem):
        old.unlink()
    _run(
        "pdftoppm",
        [pdftoppm, "-png", "-r", str(dpi), "--", str(pdf.resolve()), str(prefix.resolve())],
        deck,
        _timeout("DECKGEN_PDFTOPPM_TIMEOUT", PDFTOPPM_TIMEOUT),
    )
    slides = _slide_files(out, deck.stem)
    if not slides:
        raise RenderError(f"{deck}: pdftoppm wrote no page images from {pdf}")
    sheet = inside(out, f"{deck.stem}-contact-sheet.png")
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
