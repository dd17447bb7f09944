"""Check any .pptx for the defects that embarrass a presenter, before the briefing does.

Rules (each finding names the slide, the shape, the rule id and a fix):

- ``text-overflow``: text needs more height than its box (measured with font metrics,
  honouring ``normAutofit`` font scale and line-spacing reduction; a ``spAutoFit`` box that
  would grow past the slide's bottom edge), or a line wider than a box that does not wrap.
- ``off-slide``: a shape reaches outside the slide.
- ``text-overlap``: two text shapes overlap (warning).
- ``slide-title``: a slide without a title placeholder holding text (PowerPoint's "Missing
  slide title", an error); ``duplicate-title``: the same title as another slide ("Duplicate
  slide title", a warning).
- ``alt-text``: an object with neither alt text nor Office's decorative mark ("Missing
  alternative text", an error): pictures, video and audio, charts, SmartArt, embedded
  objects, groups, lines and shapes without text; or a picture whose alt text is a file name.
  Tables, shapes holding text and empty placeholders need none (PowerPoint asks none of them).
- ``reading-order``: the title is not read first, or the shapes are read far from the order
  they are seen in ("Check reading order", a warning); see :func:`reading_order`.
- ``table-header``: a table without a marked header row ("Missing table header", an error).
- ``contrast``: text below 4.5:1 (3:1 for large text) against what is behind it: its own
  fill, else the filled shape beneath it, else the slide, layout or master background
  ("Hard-to-read text contrast", a warning).
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
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import NamedTuple

from lxml import etree

from . import forked, pptxread, xmlsafe
from .reading import DECORATIVE, visual_orders
from .zhpunct import count_han, count_latin, faults

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
ERROR, WARN = "error", "warn"
_SP, _FRAME = (f"{{{NS['p']}}}{tag}" for tag in ("sp", "graphicFrame"))
_BR, _R, _FLD = (f"{{{NS['a']}}}{tag}" for tag in ("br", "r", "fld"))
_TABLE_URI = "http://schemas.openxmlformats.org/drawingml/2006/table"
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
    source: Path | bytes | Mapping[str, bytes],
    name: str | None = None,
    min_font_pt: float = 10.0,
    schema: bool = True,
    accessibility: bool = True,
    parallel: bool = False,
) -> list[Finding]:
    """Return every finding for the deck at ``source``: a path, the .pptx bytes, or its parts
    (a mapping of part name to bytes, as a writer holds them before it zips them: nothing is
    unzipped again; give ``name`` then, for the findings).

    A file that is not a package, too large, damaged or hostile (an XML part with a DTD)
    gives ``package`` findings; nothing in the file makes the check itself fail. The
    ``schema`` rule runs on a deck that passed all that (``schema=False`` leaves it out: it
    is the slowest). ``accessibility=False`` leaves out the accessibility rules beyond slide
    titles, contrast and pictures' alt text: alt text on other objects, reading order and
    table headers. ``parallel`` shares the slides with a forked copy of this process where
    that is safe (:mod:`deckgen.forked`); the findings are the same.
    """
    if isinstance(source, Mapping):
        label = name or "deck.pptx"
        return _check_parts(
            label, pptxread.Parts(source), source, min_font_pt, schema, accessibility, parallel
        )
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
    parts = pptxread.Parts(package)
    return _check_parts(label, parts, source, min_font_pt, schema, accessibility, parallel)


def _check_parts(
    label: str,
    parts: pptxread.Parts,
    source: Path | bytes | Mapping[str, bytes],
    min_font_pt: float,
    schema: bool,
    accessibility: bool,
    parallel: bool = False,
) -> list[Finding]:
    """Return every finding for the package ``parts`` (read from ``source``)."""

    def damaged(message: str):
        return [
            Finding(label, None, "", "package", ERROR, message, "open and re-save it in PowerPoint")
        ]

    findings = [
        Finding(label, None, e.part, "package", ERROR, e.reason, "re-save the file in PowerPoint")
        for e in _parse_xml_parts(parts)
    ]
    if findings:
        return findings
    findings = list(_package_findings(label, parts))
    if findings:
        return findings
    try:
        if not isinstance(source, Mapping):
            _unpack_all(parts)
        deck = pptxread.read_deck(parts)
    except Exception as e:  # noqa: BLE001 - any parse failure is a finding, not a crash
        return damaged(f"cannot be opened: {_one_line(e)}")
    try:
        for finding in _slide_findings(label, deck, min_font_pt, accessibility, parallel):
            findings.append(finding)
    except Exception as e:  # noqa: BLE001 - a part that makes no sense
        return findings + damaged(f"cannot be checked further: {_one_line(e)}")
    return findings + (_schema_findings(label, source) if schema else [])


def _parse_xml_parts(parts: pptxread.Parts) -> Iterator[xmlsafe.XMLPartError]:
    """Yield an :class:`xmlsafe.XMLPartError` for every XML part that cannot be read safely,
    as :func:`xmlsafe.package_problems` does, keeping the parts parsed for the model."""
    for name in xmlsafe.xml_part_names(parts):
        try:
            parts.add_parsed(name, xmlsafe.parse(xmlsafe.read_part(parts, name), name))
        except xmlsafe.XMLPartError as e:
            yield e


def _unpack_all(parts: pptxread.Parts) -> None:
    """Unpack every part not yet read: a damaged one makes the package one that cannot be
    opened (python-pptx read them all, so a damaged picture refused the deck too)."""
    for name in parts.namelist():
        if not parts.is_parsed(name):
            try:
                xmlsafe.read_part(parts, name)
            except xmlsafe.XMLPartError as e:
                raise pptxread.DeckError(f"the part {e.part} {e.reason}") from e


def _one_line(error: Exception) -> str:
    text = " ".join(str(error).split())
    return (text[:200] or type(error).__name__).rstrip()


# -- package integrity --------------------------------------------------------------------
def _package_findings(label: str, package: pptxread.Parts) -> Iterator[Finding]:
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
    types = package.xml("[Content_Types].xml")
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
            root = package.xml(rels)
        except pptxread.DeckError:
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


def _schema_findings(label: str, source: Path | bytes | Mapping[str, bytes]) -> list[Finding]:
    """Return one ``schema`` finding per error the Open XML SDK's rules find in the deck.

    Run only on a package whose XML parts all passed :func:`xmlsafe.package_problems`.
    """
    from openxml_audit import ValidationSeverity

    try:
        if isinstance(source, Mapping):
            source = _zipped(source)
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


def _zipped(parts: Mapping[str, bytes]) -> bytes:
    """Return the package of ``parts`` as .pptx bytes, for the schema validator (it reads
    files)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# -- slides -------------------------------------------------------------------------------
def _slide_findings(
    label: str,
    deck: pptxread.Deck,
    min_font_pt: float,
    accessibility: bool = True,
    parallel: bool = False,
) -> Iterator[Finding]:
    """Yield the findings of every slide, in slide order. With ``parallel`` the slides are
    checked by this process and a forked copy of it (:func:`deckgen.forked.split_map`);
    the findings are the same either way."""
    from .checktext import TextModel

    model = TextModel(deck)
    if parallel and forked.can_fork(len(deck.slides)):

        def checked(slide) -> tuple[_TitleView | None, list, list[Finding]]:
            objects = _objects(slide)
            title = _title(objects)
            rest = list(
                _slide_rest(label, deck, model, slide, objects, title, min_font_pt, accessibility)
            )
            return _view(title), [_view(o) for o in objects if o.title_placeholder][:1], rest

        try:
            results = forked.split_map(checked, deck.slides)
        except Exception:  # noqa: BLE001 - checked again below, failing where it fails
            results = None
        if results is not None:
            titles: dict[str, int] = {}
            for slide, (title, placeholders, rest) in zip(deck.slides, results):
                yield from _title_findings(label, slide.number, placeholders, title, titles)
                yield from rest
            return
    titles = {}
    for slide in deck.slides:
        objects = _objects(slide)
        title = _title(objects)
        yield from _title_findings(label, slide.number, objects, title, titles)
        yield from _slide_rest(
            label, deck, model, slide, objects, title, min_font_pt, accessibility
        )


class _TitleView(NamedTuple):
    """What the title rules read of a shape: its name and text (picklable)."""

    name: str
    text: str
    title_placeholder: bool = True


def _view(o: _Object | None) -> _TitleView | None:
    return None if o is None else _TitleView(o.name, o.text)


def _slide_rest(
    label: str,
    deck: pptxread.Deck,
    model,
    slide,
    objects: list[_Object],
    title,
    min_font_pt: float,
    accessibility: bool,
) -> Iterator[Finding]:
    """Yield one slide's findings after its title's: accessibility, geometry, text, tables
    and overlaps."""
    from .checktext import box_of

    number = slide.number
    width, height = deck.width, deck.height
    yield from _accessibility(label, number, objects, title, accessibility, height)
    text_shapes = []
    beneath: list = []  # filled shapes seen so far: what later text may sit on
    for shape in slide.shapes:
        box = box_of(slide, shape)
        name = _shape_name(shape)
        yield from _geometry(label, number, name, box, width, height)
        if box is not None and shape.tag == _SP and _frame_text(shape).strip():
            text_shapes.append((name, box))
            for rule, severity, message, fix in model.findings(
                slide, shape, box, height, min_font_pt, list(beneath)
            ):
                yield Finding(label, number, name, rule, severity, message, fix)
            paragraphs = shape.findall("p:txBody/a:p", NS)
            yield from _punctuation(label, number, name, paragraphs)
        if box is not None and _is_table(shape):
            text_shapes.append((name, box))
            for rule, severity, message, fix in model.table_findings(slide, shape, min_font_pt):
                yield Finding(label, number, name, rule, severity, message, fix)
            paras = shape.findall("a:graphic/a:graphicData/a:tbl/a:tr/a:tc/a:txBody/a:p", NS)
            yield from _punctuation(label, number, name, paras)
        if box is not None:
            fill = model.fill(slide, shape)
            if fill:
                beneath.append((box, fill))
    yield from _overlaps(label, number, text_shapes)


_CNVPR = f"{{{NS['p']}}}cNvPr"
_PH = "{0}nvSpPr/{0}nvPr/{0}ph".format(f"{{{NS['p']}}}")
_TX_BODY = f"{{{NS['p']}}}txBody"
_T = f"{{{NS['a']}}}t"


def _c_nv_pr(shape):
    """Return a shape's ``p:cNvPr`` (in its first child, the non-visual properties), or
    None."""
    first = next(shape.iterchildren("*"), None)
    return None if first is None else first.find(_CNVPR)


def _shape_name(shape) -> str:
    """Return the name a shape element gives itself (its ``cNvPr``), "" when it gives none."""
    c_nv_pr = _c_nv_pr(shape)
    return (c_nv_pr.get("name") if c_nv_pr is not None else None) or ""


def _is_table(shape) -> bool:
    """Return True for a graphic frame holding a table."""
    if shape.tag != _FRAME:
        return False
    data = shape.find("a:graphic/a:graphicData", NS)
    return data is not None and data.get("uri") == _TABLE_URI


def _frame_text(shape) -> str:
    """Return the text of a shape's text body: its paragraphs one a line, a line break as a
    vertical tab (what python-pptx's ``text_frame.text`` gives)."""
    return "\n".join(_paragraph_text(p) for p in shape.findall("p:txBody/a:p", NS))


def _paragraph_text(paragraph) -> str:
    """Return a paragraph's text: its runs' and fields' text, a line break as a vertical tab."""
    out = []
    for child in paragraph:
        if child.tag == _BR:
            out.append("\v")
        elif child.tag in (_R, _FLD):
            out.append(child.findtext(_T, ""))
    return "".join(out)


def _title_findings(
    label: str, number: int, objects: list, title, titles: dict[str, int]
) -> Iterator[Finding]:
    """Yield ``slide-title`` for a slide without a title placeholder holding text (what
    PowerPoint's checker reads as the slide's title), ``duplicate-title`` for a title
    another slide has already (compared as a screen reader hears it: spacing and case aside)."""
    if title is None:
        placeholders = [o for o in objects if o.title_placeholder]
        yield Finding(
            label,
            number,
            placeholders[0].name if placeholders else "",
            "slide-title",
            ERROR,
            "Missing slide title: "
            + ("the title is empty" if placeholders else "the slide has no title placeholder"),
            "write the slide's message in the title placeholder (a layout with a title)",
        )
        return
    text = " ".join(title.text.split())
    key = text.casefold()
    if key in titles:
        yield Finding(
            label,
            number,
            title.name,
            "duplicate-title",
            WARN,
            f"Duplicate slide title: same title as slide {titles[key]}",
            "give each slide its own title; number continuations (2/3)",
        )
    else:
        titles[key] = number


def _geometry(
    label: str, number: int, name: str, box, width: int, height: int
) -> Iterator[Finding]:
    if box is None:
        return
    x, y, w, h = box
    tolerance = 12700  # 1 pt
    if x < -tolerance or y < -tolerance or x + w > width + tolerance or y + h > height + tolerance:
        yield Finding(
            label,
            number,
            name,
            "off-slide",
            ERROR,
            "the shape reaches outside the slide",
            "move or resize it onto the slide",
        )


def _punctuation(label: str, number: int, name: str, paragraphs) -> Iterator[Finding]:
    """Yield one warning for a shape named ``name`` whose Chinese paragraphs (``a:p``
    elements with more Chinese characters than Latin letters) break Chinese punctuation: the
    first fault and how many more."""
    found = []
    for paragraph in paragraphs:
        text = "".join(r.findtext("a:t", "", NS) for r in paragraph.findall("a:r", NS))
        han = count_han(text)
        if han and han >= count_latin(text):
            found += [(text, f) for f in faults(text)]
    if found:
        text, first = found[0]
        around = text[max(0, first.index - 6) : first.index + 7]
        more = f" and {len(found) - 1} more" if len(found) > 1 else ""
        yield Finding(
            label,
            number,
            name,
            "zh-punctuation",
            WARN,
            f"{first.message} in {around!r}{more}",
            "set Chinese text with full-width marks （），、；：“” and no space beside them",
        )


def _overlaps(label: str, number: int, shapes: list) -> Iterator[Finding]:
    """Yield ``text-overlap`` for each pair of ``shapes`` ((name, box) of the text shapes, in
    order) that overlap by more than 2% of the smaller."""
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
                        b,
                        "text-overlap",
                        WARN,
                        f"overlaps '{a}'",
                        "move one of the two text boxes",
                    )


# -- accessibility ------------------------------------------------------------------------
# PowerPoint's Accessibility Checker grades "Missing alternative text", "Missing slide title"
# and "Missing table header" as errors, "Check reading order", "Duplicate slide title" and
# "Hard-to-read text contrast" as warnings; so do these rules.
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_P = NS["p"]
_KINDS = {f"{{{_P}}}{k}" for k in ("sp", "pic", "graphicFrame", "grpSp", "cxnSp", "contentPart")}
READING_ORDER_TOLERANCE = 0.2  # the share of pairs read out of visual order that is "far"


@dataclass
class _Object:
    """One shape of a slide as a screen reader meets it."""

    element: object
    kind: str  # sp, pic, graphicFrame, grpSp, cxnSp, contentPart
    name: str
    box: tuple[int, int, int, int] | None  # on the slide, group transforms applied
    decorative: bool  # itself, or a group it lies in
    described: bool  # alt text (descr or title)
    text: str  # the text it holds (a table's cells too)
    top: bool  # directly on the slide, not inside a group
    placeholder: str | None  # the placeholder type ('body' when unstated), None if none

    @property
    def title_placeholder(self) -> bool:
        return self.placeholder in ("title", "ctrTitle")


def _objects(slide) -> list[_Object]:
    """Return the slide's shapes in reading order (the shape tree's order), each group
    followed by its members in their order."""
    from .checktext import box_of

    # Keyed by the elements themselves: lxml keeps one proxy per element while it is held.
    boxes = {shape: box_of(slide, shape) for shape in slide.shapes}
    out: list[_Object] = []

    def walk(parent, transforms: list, decorative: bool, top: bool) -> None:
        for element in _members(parent):
            c_nv_pr = _c_nv_pr(element)
            if c_nv_pr is None:
                continue
            kind = etree.QName(element).localname
            box = boxes.get(element) if top else _xml_box(element)
            if box is not None:
                for transform in reversed(transforms):
                    box = transform(box)
            ph = element.find(_PH)
            marked = decorative or bool(DECORATIVE(element))
            descr = (c_nv_pr.get("descr") or "").strip() or (c_nv_pr.get("title") or "").strip()
            body = element.find(_TX_BODY) if kind == "sp" else None
            if kind == "graphicFrame":
                body = element.find(".//a:tbl", NS)
            text = _text(body) if body is not None else ""
            out.append(
                _Object(
                    element,
                    kind,
                    c_nv_pr.get("name") or kind,
                    box,
                    marked,
                    bool(descr),
                    text,
                    top,
                    None if ph is None else ph.get("type", "body"),
                )
            )
            if kind == "grpSp":
                walk(element, transforms + [_group_transform(element)], marked, False)

    walk(slide.tree, [], False, True)
    return out


def _text(body) -> str:
    """Return the text of a text body or table: its paragraphs, one a line."""
    paragraphs = body.iter(f"{{{NS['a']}}}p")
    lines = ("".join(t.text or "" for t in p.iter(f"{{{NS['a']}}}t")) for p in paragraphs)
    return "\n".join(lines).strip()


def _members(parent) -> Iterator:
    """Yield the shape elements of a shape tree or group, looking inside
    ``mc:AlternateContent`` (its first choice, else its fallback)."""
    for child in parent:
        if child.tag in _KINDS:
            yield child
        elif child.tag == f"{{{_MC}}}AlternateContent":
            branch = child.find(f"{{{_MC}}}Choice")
            if branch is None:
                branch = child.find(f"{{{_MC}}}Fallback")
            if branch is not None:
                yield from (c for c in branch if c.tag in _KINDS)


def _xml_box(element) -> tuple[int, int, int, int] | None:
    for path in ("p:spPr/a:xfrm", "p:xfrm", "p:grpSpPr/a:xfrm"):
        xfrm = element.find(path, NS)
        if xfrm is not None:
            off, ext = xfrm.find("a:off", NS), xfrm.find("a:ext", NS)
            if off is None or ext is None:
                return None
            return (
                int(off.get("x", 0)),
                int(off.get("y", 0)),
                int(ext.get("cx", 0)),
                int(ext.get("cy", 0)),
            )
    return None


def _group_transform(group):
    """Return the function that maps a box in ``group``'s child space onto its parent's."""
    xfrm = group.find("p:grpSpPr/a:xfrm", NS)
    if xfrm is None:
        return lambda box: box
    get = {tag: xfrm.find(f"a:{tag}", NS) for tag in ("off", "ext", "chOff", "chExt")}
    if any(v is None for v in get.values()):
        return lambda box: box
    ox, oy = int(get["off"].get("x", 0)), int(get["off"].get("y", 0))
    cx, cy = int(get["ext"].get("cx", 0)), int(get["ext"].get("cy", 0))
    chx, chy = int(get["chOff"].get("x", 0)), int(get["chOff"].get("y", 0))
    chcx, chcy = int(get["chExt"].get("cx", 0)), int(get["chExt"].get("cy", 0))
    sx, sy = (cx / chcx if chcx else 1.0), (cy / chcy if chcy else 1.0)

    def transform(box):
        x, y, w, h = box
        return (
            round(ox + (x - chx) * sx),
            round(oy + (y - chy) * sy),
            round(w * sx),
            round(h * sy),
        )

    return transform


def _title(objects: list[_Object]) -> _Object | None:
    """Return the slide's title: its first title placeholder holding text."""
    return next((o for o in objects if o.title_placeholder and o.top and o.text), None)


def _needs_alt_text(o: _Object) -> str | None:
    """Return what PowerPoint calls ``o`` when it asks it for alt text, else None: pictures
    (video and audio too), charts, SmartArt, embedded objects, groups, lines, ink and shapes
    without text; never tables, shapes holding text or placeholders (an empty one is not
    shown in a slide show)."""
    if o.kind == "pic":
        media = o.element.find("p:nvPicPr/p:nvPr", NS)
        if media is not None and media.find("a:videoFile", NS) is not None:
            return "video"
        if media is not None and media.find("a:audioFile", NS) is not None:
            return "audio"
        return "picture"
    if o.kind == "graphicFrame":
        data = o.element.find("a:graphic/a:graphicData", NS)
        uri = data.get("uri", "") if data is not None else ""
        if uri.endswith("/table"):
            return None
        if uri.endswith("/chart") or uri.endswith("/chartex"):
            return "chart"
        if uri.endswith("/diagram"):
            return "SmartArt graphic"
        return "embedded object"
    if o.kind == "sp":
        return None if o.text or o.placeholder else "shape"
    return {"grpSp": "group", "cxnSp": "line", "contentPart": "ink drawing"}.get(o.kind)


def _accessibility(
    label: str,
    number: int,
    objects: list[_Object],
    title: _Object | None,
    everything: bool,
    slide_height: int,
) -> Iterator[Finding]:
    """Yield ``alt-text``, ``table-header`` and ``reading-order`` findings for one slide
    (with ``everything`` False, only those on the alt text of pictures on the slide)."""
    for o in objects:
        if not everything and not (o.kind == "pic" and o.top):
            continue
        what = _needs_alt_text(o)
        if what and not o.decorative and not o.described:
            yield Finding(
                label,
                number,
                o.name,
                "alt-text",
                ERROR,
                f"Missing alternative text: the {what} has neither alt text nor the "
                "decorative mark",
                "describe what it shows with its figures, or mark it as decorative if it "
                "only decorates",
            )
        descr = _c_nv_pr(o.element).get("descr") or ""
        if what and o.described and not o.decorative and _FILE_NAME.match(descr.strip()):
            yield Finding(
                label,
                number,
                o.name,
                "alt-text",
                ERROR,
                f"the alt text is a file name ({descr.strip()})",
                "describe what it shows and its key numbers",
            )
        if everything and o.kind == "graphicFrame":
            tbl = o.element.find(".//a:tbl", NS)
            header = tbl.find("a:tblPr", NS) if tbl is not None else None
            if tbl is not None and (header is None or header.get("firstRow") not in ("1", "true")):
                yield Finding(
                    label,
                    number,
                    o.name,
                    "table-header",
                    ERROR,
                    "Missing table header: the table has no header row",
                    "turn on Header Row (Table Design) and put the column names in the first row",
                )
    if everything:
        problem = reading_order(objects, title, slide_height)
        if problem:
            shape, message = problem
            yield Finding(
                label,
                number,
                shape,
                "reading-order",
                WARN,
                f"Check reading order: {message}",
                "order the shapes title first, then row by row, left to right (Selection Pane)",
            )


def reading_order(
    objects: list[_Object], title: _Object | None, slide_height: int = 0
) -> tuple[str, str] | None:
    """Return (shape, what is wrong) when a slide is read far from the order it is seen in.

    The read shapes are those a screen reader stops at: all but decorative ones, empty
    placeholders and groups (read through their members, in place). The title must come
    first. The shapes that hold text or alt text are then compared with the two orders a
    sighted reader takes, :func:`visual_orders`: row by row, and column by column. The
    order is far when more than :data:`READING_ORDER_TOLERANCE` of the pairs of shapes are
    read the other way round (the Kendall tau distance) from both.

    The footer is read last wherever it sits: the shapes read last that are footer, date or
    slide number placeholders, or that lie wholly in the top or bottom eighth of a slide
    ``slide_height`` high, are left out of the comparison (a master may put the footer at
    the top).
    """
    read = [o for o in objects if not o.decorative and o.kind != "grpSp"]
    read = [o for o in read if not (o.placeholder and not o.title_placeholder and not o.text)]
    if title is not None and read and read[0] is not title:
        return read[0].name, f"'{read[0].name}' is read before the title"
    shapes = [
        o
        for o in read
        if o is not title and (o.text or o.described) and o.box and o.box[2] > 0 and o.box[3] > 0
    ]
    while shapes and (
        shapes[-1].placeholder in ("ftr", "dt", "sldNum") or _at_edge(shapes[-1].box, slide_height)
    ):
        shapes.pop()
    if len(shapes) < 2:
        return None
    boxes = [o.box for o in objects if o.kind != "grpSp" and o.box and o.box[2] and o.box[3]]
    pairs = len(shapes) * (len(shapes) - 1) // 2
    orders = visual_orders([o.box for o in shapes], boxes)
    wrong, order = min((_inversions(order), order) for order in orders)
    if wrong / pairs <= READING_ORDER_TOLERANCE:
        return None
    place = {shape: k for k, shape in enumerate(order)}
    # The first shape read before one seen earlier, and the earliest seen of those after it.
    seen_first, first, later = None, 0, 0
    for i in reversed(range(len(shapes))):
        if seen_first is not None and place[seen_first] < place[i]:
            first, later = i, seen_first
        if seen_first is None or place[i] < place[seen_first]:
            seen_first = i
    return shapes[first].name, (
        f"{wrong} of {pairs} pairs of shapes are read out of the order they are seen in "
        f"('{shapes[first].name}' is read before '{shapes[later].name}', which comes first)"
    )


def _inversions(order: list[int]) -> int:
    """Return how many pairs of shapes are read (0, 1, 2 …) the other way round from
    ``order``, the shapes' indexes in visual order: the Kendall tau distance."""
    place = [0] * len(order)
    for k, shape in enumerate(order):
        place[shape] = k
    tree = [0] * (len(order) + 1)  # a Fenwick tree of the places read so far
    count = 0
    for read, k in enumerate(place):
        below, i = 0, k + 1
        while i:
            below += tree[i]
            i -= i & -i
        count += read - below  # read earlier, seen later
        i = k + 1
        while i <= len(order):
            tree[i] += 1
            i += i & -i
    return count


def _at_edge(box, slide_height: int) -> bool:
    """Return True when ``box`` lies wholly in the top or bottom eighth of the slide."""
    band = slide_height / 8
    return bool(slide_height) and (box[1] + box[3] <= band or box[1] >= slide_height - band)


def failing(findings: list[Finding], fail_on: str) -> list[Finding]:
    """Return the findings at or above ``fail_on`` ('error' or 'warn')."""
    levels = {ERROR} if fail_on == ERROR else {ERROR, WARN}
    return [f for f in findings if f.severity in levels]
