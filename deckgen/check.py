"""Check any .pptx for the defects that embarrass a presenter, before the briefing does.

Rules (each finding names the slide, the shape, the rule id and a fix):

- ``text-overflow``: text needs more height than its box (measured with font metrics,
  honouring ``normAutofit`` font scale and line-spacing reduction; a ``spAutoFit`` box that
  would grow past the slide's bottom edge), or a line wider than a box that does not wrap.
- ``off-slide``: a shape reaches outside the slide.
- ``text-overlap``: two text shapes overlap (warning).
- ``no-title`` / ``empty-title`` / ``duplicate-title``: slides without a title placeholder,
  with an empty one, or with the same title as another slide (warning).
- ``alt-text``: a picture without alt text, or whose alt text is a file name.
- ``contrast``: text below 4.5:1 (3:1 for large text) against what is behind it: its own
  fill, else the filled shape beneath it, else the slide, layout or master background.
- ``small-font``: text below the minimum size (default 10 pt).
- ``zh-punctuation``: a Chinese paragraph with ASCII punctuation next to a Chinese character,
  or a space after or before a full-width mark (warning).
- ``package``: parts without a content type, content types without parts, relationships
  that point at nothing — what makes PowerPoint offer to repair a file; and files that are
  not packages, too large, damaged, or with XML parts that are not well-formed or carry a
  DOCTYPE (entity bombs, external entities): these are never opened further.
- ``schema``: XML that breaks the ISO/IEC 29500 Transitional schemas or their rules (an
  attribute out of range, an element out of order, two shapes with one id), as the Open XML
  SDK's validator finds it (openxml-audit, its pure-Python port): one finding per error, naming
  the part. A deck with such errors may open only after PowerPoint repairs it.
"""

from __future__ import annotations

import functools
import io
import posixpath
import re
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from . import xmlsafe
from .zhpunct import faults, is_han

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
ERROR, WARN = "error", "warn"
_PIC = "{http://schemas.openxmlformats.org/presentationml/2006/main}pic"
_FILE_NAME = re.compile(r"^[\w\-. ]+\.(png|jpe?g|gif|bmp|tiff?|svg|emf|wmf)$", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One defect: where it is, which rule, how bad, and how to fix it."""

    deck: str
    slide: int | None
    shape: str
    rule: str
    severity: str
    message: str
    fix: str

    def __str__(self) -> str:
        where = f"slide {self.slide}" if self.slide else "package"
        shape = f" '{self.shape}'" if self.shape else ""
        return (
            f"{self.deck}: {where}{shape}: {self.rule} ({self.severity}): {self.message} "
            f"(fix: {self.fix})"
        )

    def to_json(self) -> dict:
        return asdict(self)


def check_deck(
    source: Path | bytes, name: str | None = None, min_font_pt: float = 10.0, schema: bool = True
) -> list[Finding]:
    """Return every finding for the deck at ``source`` (a path, or the .pptx bytes).

    A file that is not a package, too large, damaged or hostile (an XML part with a DTD)
    gives ``package`` findings; nothing in the file makes the check itself fail. The
    ``schema`` rule runs on a deck that passed all that (``schema=False`` leaves it out: it
    is the slowest).
    """
    label = name or str(source)

    def damaged(message: str, part: str = "", fix: str = "open and re-save it in PowerPoint"):
        return [Finding(label, None, part, "package", ERROR, message, fix)]

    if isinstance(source, bytes):
        data = source
    else:
        try:
            size = Path(source).stat().st_size
            if size > xmlsafe.MAX_PACKAGE_BYTES:
                return damaged(
                    f"the file is {size} bytes, over the {xmlsafe.MAX_PACKAGE_BYTES} byte limit",
                    fix="check a real presentation",
                )
            data = Path(source).read_bytes()
        except OSError as e:
            return damaged(f"cannot be read: {e.strerror or e}", fix="check the path")
    try:
        package = xmlsafe.open_package(data)
    except xmlsafe.NotAZip:
        return damaged("not a .pptx (zip) file")
    except xmlsafe.OverLimits as e:
        return damaged(f"{e.message}; not opened", fix="check a real presentation")
    findings = [
        Finding(label, None, e.part, "package", ERROR, e.reason, "re-save the file in PowerPoint")
        for e in xmlsafe.package_problems(package)
    ]
    if findings:
        return findings
    findings = list(_package_findings(label, package))
    if findings:
        return findings
    from pptx import Presentation

    try:
        prs = Presentation(io.BytesIO(data))
    except Exception as e:  # noqa: BLE001 - any parse failure is a finding, not a crash
        return damaged(f"cannot be opened: {_one_line(e)}")
    try:
        for finding in _slide_findings(label, prs, min_font_pt):
            findings.append(finding)
    except Exception as e:  # noqa: BLE001 - a part python-pptx cannot make sense of
        return findings + damaged(f"cannot be checked further: {_one_line(e)}")
    return findings + (_schema_findings(label, source) if schema else [])


def _one_line(error: Exception) -> str:
    text = " ".join(str(error).split())
    return (text[:200] or type(error).__name__).rstrip()


# -- package integrity --------------------------------------------------------------------
def _package_findings(label: str, package: zipfile.ZipFile) -> Iterator[Finding]:
    names = {n for n in package.namelist() if not n.endswith("/")}
    if "[Content_Types].xml" not in names:
        yield Finding(
            label,
            None,
            "[Content_Types].xml",
            "package",
            ERROR,
            "the content types part is missing",
            "re-save the file in PowerPoint",
        )
        return
    types = xmlsafe.parse(package.read("[Content_Types].xml"), "[Content_Types].xml")
    ct = "{http://schemas.openxmlformats.org/package/2006/content-types}"
    defaults = {(d.get("Extension") or "").lower() for d in types.iter(f"{ct}Default")}
    overrides = {(o.get("PartName") or "").lstrip("/") for o in types.iter(f"{ct}Override")}
    for part in sorted(overrides - names):
        yield Finding(
            label,
            None,
            part,
            "package",
            ERROR,
            "a content type is declared for a part that does not exist",
            "remove the Override from [Content_Types].xml",
        )
    for part in sorted(names - {"[Content_Types].xml"}):
        ext = part.rsplit(".", 1)[-1].lower() if "." in part else ""
        if part not in overrides and ext not in defaults:
            yield Finding(
                label,
                None,
                part,
                "package",
                ERROR,
                "the part has no content type",
                "declare it in [Content_Types].xml or remove the part",
            )
    rel_ns = "{http://schemas.openxmlformats.org/package/2006/relationships}"
    for rels in sorted(n for n in names if n.endswith(".rels")):
        folder = posixpath.dirname(posixpath.dirname(rels))
        try:
            root = xmlsafe.parse(package.read(rels), rels)
        except xmlsafe.XMLPartError:
            yield Finding(
                label,
                None,
                rels,
                "package",
                ERROR,
                "relationships are not valid XML",
                "re-save the file in PowerPoint",
            )
            continue
        for rel in root.iter(f"{rel_ns}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            path = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target))
            )
            if path not in names:
                yield Finding(
                    label,
                    None,
                    rels,
                    "package",
                    ERROR,
                    f"relationship {rel.get('Id')} points at missing {path}",
                    "remove the relationship or restore the part",
                )


# -- schema -------------------------------------------------------------------------------
@functools.cache
def _validator():
    """Return the schema validator, made once: it loads the schemas as it first needs them."""
    from openxml_audit import FileFormat, OpenXmlValidator

    # The newest format: ISO/IEC 29500 Transitional with every Office extension PowerPoint
    # reads, so a deck PowerPoint itself wrote is not faulted for its extensions.
    return OpenXmlValidator(file_format=FileFormat.MICROSOFT_365, max_errors=0)


def _schema_findings(label: str, source: Path | bytes) -> list[Finding]:
    """Return one ``schema`` finding per error the Open XML SDK's rules find in the deck.

    Run only on a package whose XML parts all passed :func:`xmlsafe.package_problems`.
    """
    from openxml_audit import ValidationSeverity

    try:
        if isinstance(source, bytes):
            with tempfile.TemporaryDirectory(prefix="deckgen-check-") as folder:
                path = Path(folder) / "deck.pptx"
                path.write_bytes(source)
                result = _validator().validate(path)
        else:
            result = _validator().validate(source)
    except Exception as e:  # noqa: BLE001 - a validator failure is reported, never a crash
        return [
            Finding(
                label,
                None,
                "",
                "schema",
                WARN,
                f"the schema check could not run: {_one_line(e)}",
                "check the deck with another validator",
            )
        ]
    return [
        Finding(
            label,
            None,
            e.part_uri.lstrip("/"),
            "schema",
            ERROR,
            " ".join(e.description.split())[:200].rstrip(".") + (f" at {e.path}" if e.path else ""),
            "correct what wrote this XML; PowerPoint may offer to repair the file",
        )
        for e in result.errors
        if e.severity == ValidationSeverity.ERROR
    ]


# -- slides -------------------------------------------------------------------------------
def _slide_findings(label: str, prs, min_font_pt: float) -> Iterator[Finding]:
    from .checktext import TextModel, box_of

    model = TextModel(prs)
    width, height = prs.slide_width, prs.slide_height
    titles: dict[str, int] = {}
    for number, slide in enumerate(prs.slides, start=1):
        yield from _title_findings(label, number, slide, titles)
        text_shapes = []
        beneath: list = []  # filled shapes seen so far: what later text may sit on
        for shape in slide.shapes:
            box = box_of(shape)
            yield from _geometry(label, number, shape, box, width, height)
            if shape._element.tag == _PIC:
                yield from _alt_text(label, number, shape)
            if (
                box is not None
                and getattr(shape, "has_text_frame", False)
                and shape.text_frame.text.strip()
            ):
                text_shapes.append((shape, box))
                for rule, severity, message, fix in model.findings(
                    slide, shape, box, height, min_font_pt, list(beneath)
                ):
                    yield Finding(label, number, shape.name, rule, severity, message, fix)
                yield from _punctuation(label, number, shape, shape.text_frame.paragraphs)
            if box is not None and getattr(shape, "has_table", False):
                text_shapes.append((shape, box))
                for rule, severity, message, fix in model.table_findings(slide, shape, min_font_pt):
                    yield Finding(label, number, shape.name, rule, severity, message, fix)
                cells = [c for row in shape.table.rows for c in row.cells]
                paras = [p for c in cells for p in c.text_frame.paragraphs]
                yield from _punctuation(label, number, shape, paras)
            if box is not None:
                fill = model.fill(slide, shape)
                if fill:
                    beneath.append((box, fill))
        yield from _overlaps(label, number, text_shapes)


def _title_findings(label: str, number: int, slide, titles: dict[str, int]) -> Iterator[Finding]:
    title = slide.shapes.title
    if title is None:
        yield Finding(
            label,
            number,
            "",
            "no-title",
            ERROR,
            "the slide has no title placeholder",
            "use a layout with a title and put the slide's message in it",
        )
        return
    text = title.text_frame.text.strip() if title.has_text_frame else ""
    if not text:
        yield Finding(
            label,
            number,
            title.name,
            "empty-title",
            ERROR,
            "the title is empty",
            "write the slide's message in the title",
        )
        return
    if text in titles:
        yield Finding(
            label,
            number,
            title.name,
            "duplicate-title",
            WARN,
            f"same title as slide {titles[text]}",
            "give each slide its own message",
        )
    else:
        titles[text] = number


def _geometry(label: str, number: int, shape, box, width: int, height: int) -> Iterator[Finding]:
    if box is None:
        return
    x, y, w, h = box
    tolerance = 12700  # 1 pt
    if x < -tolerance or y < -tolerance or x + w > width + tolerance or y + h > height + tolerance:
        yield Finding(
            label,
            number,
            shape.name,
            "off-slide",
            ERROR,
            "the shape reaches outside the slide",
            "move or resize it onto the slide",
        )


def _alt_text(label: str, number: int, shape) -> Iterator[Finding]:
    descr = (shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr") or "").strip()
    if not descr:
        yield Finding(
            label,
            number,
            shape.name,
            "alt-text",
            ERROR,
            "the picture has no alt text",
            "describe what it shows and its key numbers",
        )
    elif _FILE_NAME.match(descr):
        yield Finding(
            label,
            number,
            shape.name,
            "alt-text",
            ERROR,
            f"the alt text is a file name ({descr})",
            "describe what it shows and its key numbers",
        )


def _punctuation(label: str, number: int, shape, paragraphs) -> Iterator[Finding]:
    """Yield one warning for a shape whose Chinese paragraphs (more Chinese characters than
    Latin letters) break Chinese punctuation: the first fault and how many more."""
    found = []
    for paragraph in paragraphs:
        text = "".join(r.text for r in paragraph.runs)
        han = sum(is_han(c) for c in text)
        if han and han >= sum(c.isascii() and c.isalpha() for c in text):
            found += [(text, f) for f in faults(text)]
    if found:
        text, first = found[0]
        around = text[max(0, first.index - 6) : first.index + 7]
        more = f" and {len(found) - 1} more" if len(found) > 1 else ""
        yield Finding(
            label,
            number,
            shape.name,
            "zh-punctuation",
            WARN,
            f"{first.message} in {around!r}{more}",
            "set Chinese text with full-width marks （），、；：“” and no space beside them",
        )


def _overlaps(label: str, number: int, shapes: list) -> Iterator[Finding]:
    for i, (a, (ax, ay, aw, ah)) in enumerate(shapes):
        for b, (bx, by, bw, bh) in shapes[i + 1 :]:
            dx = min(ax + aw, bx + bw) - max(ax, bx)
            dy = min(ay + ah, by + bh) - max(ay, by)
            if dx > 0 and dy > 0:
                smaller = min(aw * ah, bw * bh) or 1
                if dx * dy / smaller > 0.02:
                    yield Finding(
                        label,
                        number,
                        b.name,
                        "text-overlap",
                        WARN,
                        f"overlaps '{a.name}'",
                        "move one of the two text boxes",
                    )


def failing(findings: list[Finding], fail_on: str) -> list[Finding]:
    """Return the findings at or above ``fail_on`` ('error' or 'warn')."""
    levels = {ERROR} if fail_on == ERROR else {ERROR, WARN}
    return [f for f in findings if f.severity in levels]
