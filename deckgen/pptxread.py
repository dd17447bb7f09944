"""Read a .pptx package as `deckgen check` needs it: a small, read-only model, no python-pptx.

The model is plain: a :class:`Deck` (slide size, the presentation's default text style, its
slides in ``p:sldIdLst`` order), each :class:`Slide` with its :class:`Layout`, each layout
with its :class:`Master`, each master with its theme. Every part is parsed by
:func:`deckgen.xmlsafe.parse` (no DTDs, no entities), once.

It follows python-pptx's rules where the checks depend on them, so `deckgen check` finds what
it found when it read decks through python-pptx (whose object layers cost ~0.1 s a deck):

- a package opens when python-pptx's ``Presentation()`` would open it: a main document
  relationship to a part of a presentation content type, every relationship reachable from
  the package with an Id and a Type, the XML parts python-pptx parses well-formed;
- a slide's shapes are the shape elements directly in its shape tree;
- a shape's position is its own, else (a slide placeholder that is a ``p:sp`` or ``p:pic``)
  that of the layout placeholder with the same ``idx``, else (that layout placeholder being a
  ``p:sp``) that of the master placeholder of the matching type (:data:`BASE_TYPE`), one
  coordinate at a time, as :func:`position` says.

What python-pptx would fail on later (a slide without a layout, a master without a theme) is
found when it is first asked for, as a :class:`DeckError` that says what is missing.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import NamedTuple

from lxml import etree

from . import xmlsafe

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"a": A, "p": P, "r": R}
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"

RT_OFFICE_DOCUMENT = f"{R}/officeDocument"
RT_SLIDE_LAYOUT = f"{R}/slideLayout"
RT_SLIDE_MASTER = f"{R}/slideMaster"
RT_THEME = f"{R}/theme"

_PML = "application/vnd.openxmlformats-officedocument.presentationml"
CT_SLIDE = f"{_PML}.slide+xml"
CT_SLIDE_LAYOUT = f"{_PML}.slideLayout+xml"
CT_SLIDE_MASTER = f"{_PML}.slideMaster+xml"
# What python-pptx's Presentation() opens: a .pptx or a .pptm (not a template or a show).
PRESENTATION_TYPES = (
    f"{_PML}.presentation.main+xml",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
)
# The parts python-pptx parses as it opens a package (its XmlPart content types).
_PARSED_TYPES = frozenset(
    {
        *PRESENTATION_TYPES,
        f"{_PML}.template.main+xml",
        f"{_PML}.slideshow.main+xml",
        "application/vnd.openxmlformats-package.core-properties+xml",
        f"{_PML}.notesMaster+xml",
        f"{_PML}.notesSlide+xml",
        CT_SLIDE,
        CT_SLIDE_LAYOUT,
        CT_SLIDE_MASTER,
        "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
    }
)
SHAPE_TAGS = frozenset(
    f"{{{P}}}{k}" for k in ("sp", "grpSp", "graphicFrame", "cxnSp", "pic", "contentPart")
)
# The master placeholder type a layout placeholder inherits its position from (python-pptx's
# LayoutPlaceholder._base_placeholder); a type not listed has none.
BASE_TYPE = {
    "body": "body",
    "chart": "body",
    "clipArt": "body",
    "ctrTitle": "title",
    "dgm": "body",
    "dt": "dt",
    "ftr": "ftr",
    "media": "body",
    "obj": "body",
    "pic": "body",
    "sldNum": "sldNum",
    "subTitle": "body",
    "tbl": "body",
    "title": "title",
}


class DeckError(Exception):
    """The package is not a presentation that can be read: the message says what is wrong."""


class Rel(NamedTuple):
    """One relationship: its type, and its target part (None for an external target)."""

    type: str
    target: str | None


class Parts:
    """The parts of a package by name (no leading slash), read from a zip file or a mapping
    of part name to bytes; their XML parsed once, on first use.

    It answers ``namelist()`` and ``read()`` as a :class:`zipfile.ZipFile` does, so the
    package checks of :mod:`deckgen.xmlsafe` run on it too.
    """

    def __init__(self, source: zipfile.ZipFile | Mapping[str, bytes]):
        self._source = source
        self._xml: dict[str, etree._Element] = {}
        self._rels: dict[str, dict[str, Rel]] = {}
        self.objects: dict[str, Layout | Master] = {}  # one model object per layout or master

    def namelist(self) -> list[str]:
        if isinstance(self._source, zipfile.ZipFile):
            return self._source.namelist()
        return list(self._source)

    def read(self, name: str) -> bytes:
        if isinstance(self._source, zipfile.ZipFile):
            return self._source.read(name)
        try:
            return self._source[name]
        except KeyError:
            raise KeyError(f"there is no item named {name!r} in the archive") from None

    def __contains__(self, name: str) -> bool:
        if isinstance(self._source, zipfile.ZipFile):
            try:
                self._source.getinfo(name)
            except KeyError:
                return False
            return True
        return name in self._source

    def is_parsed(self, name: str) -> bool:
        return name in self._xml

    def add_parsed(self, name: str, root: etree._Element) -> None:
        """Keep ``root``, the part ``name`` already parsed (by :func:`xmlsafe.parse`)."""
        self._xml[name] = root

    def xml(self, name: str) -> etree._Element:
        """Return the root element of the XML part ``name``; raise :class:`DeckError` when it
        is missing, cannot be unpacked or is not plain, well-formed XML."""
        if name not in self._xml:
            if name not in self:
                raise DeckError(f"the part {name} is missing")
            try:
                self._xml[name] = xmlsafe.parse(xmlsafe.read_part(self, name), name)
            except xmlsafe.XMLPartError as e:
                raise DeckError(f"the part {e.part} {e.reason}") from e
        return self._xml[name]

    @cached_property
    def _content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        """Return (overrides by lower-case part name, defaults by lower-case extension)."""
        root = self.xml("[Content_Types].xml")
        overrides, defaults = {}, {}
        for tag, key, table in (
            ("Override", "PartName", overrides),
            ("Default", "Extension", defaults),
        ):
            for el in root.iter(f"{_CT}{tag}"):
                name, kind = el.get(key), el.get("ContentType")
                if name is None or kind is None:
                    article = "an" if tag == "Override" else "a"
                    raise DeckError(
                        f"[Content_Types].xml has {article} {tag} without {key} or ContentType"
                    )
                table[name.lstrip("/").lower() if tag == "Override" else name.lower()] = kind
        return overrides, defaults

    def content_type(self, name: str) -> str | None:
        """Return the content type of the part ``name``, as python-pptx looks it up: its
        Override (part names compared case-blind), else the Default of its extension."""
        overrides, defaults = self._content_types
        if name.lower() in overrides:
            return overrides[name.lower()]
        return defaults.get(posixpath.splitext(name)[1].lstrip(".").lower())

    def rels(self, name: str) -> dict[str, Rel]:
        """Return the relationships of the part ``name`` ("" for the package) by Id; raise
        :class:`DeckError` for one without an Id or a Type (python-pptx refuses those)."""
        if name not in self._rels:
            folder, base = posixpath.split(name)
            rels_name = posixpath.join(folder, "_rels", f"{base}.rels")
            out: dict[str, Rel] = {}
            if rels_name in self:
                for el in self.xml(rels_name).iter(_RELS):
                    rid, kind = el.get("Id"), el.get("Type")
                    if rid is None or kind is None:
                        raise DeckError(f"{rels_name}: a relationship has no Id or no Type")
                    external = el.get("TargetMode") == "External"
                    target = None if external else _resolve(folder, el.get("Target", ""))
                    out[rid] = Rel(kind, target)  # a repeated Id: the last one holds
            self._rels[name] = out
        return self._rels[name]

    def related(self, name: str, kind: str, what: str) -> str:
        """Return the part that ``name`` has the one relationship of type ``kind`` to (``what``
        names it in the error when there is none, or more than one)."""
        targets = [r.target for r in self.rels(name).values() if r.type == kind]
        if len(targets) != 1 or targets[0] is None:
            many = "more than one" if len(targets) > 1 else "no"
            raise DeckError(f"{name or 'the package'} has {many} {what}")
        return targets[0]


def _resolve(folder: str, target: str) -> str:
    """Return the part a relationship ``target`` in ``folder`` points at (python-pptx's
    PackURI.from_rel_ref, without the leading slash)."""
    return posixpath.normpath(posixpath.join("/" + folder, target)).lstrip("/")


def placeholder(element) -> etree._Element | None:
    """Return the ``p:ph`` of a shape element (python-pptx's ``ph``), or None."""
    return element.find("./*[1]/p:nvPr/p:ph", NS)


def _placeholders(root, part: str) -> list:
    """Return the placeholder shapes directly in the shape tree of a layout or master."""
    tree = root.find("p:cSld/p:spTree", NS)
    if tree is None:
        raise DeckError(f"{part} has no shape tree")
    return [el for el in tree if el.tag in SHAPE_TAGS and placeholder(el) is not None]


def _ph_idx(ph) -> int:
    return int(ph.get("idx", "0"))


class Master:
    """A slide master: its root element, placeholders and theme."""

    def __init__(self, part: str, element: etree._Element, parts: Parts):
        self.part, self.element, self.parts = part, element, parts

    @cached_property
    def theme(self) -> etree._Element:
        """The root element of the master's theme part."""
        return self.parts.xml(self.parts.related(self.part, RT_THEME, "theme"))

    @cached_property
    def placeholders(self) -> list:
        return _placeholders(self.element, self.part)

    def placeholder_of_type(self, kind: str):
        """Return the first placeholder of type ``kind`` ('obj' when unstated), or None."""
        return next(
            (el for el in self.placeholders if placeholder(el).get("type", "obj") == kind), None
        )


class Layout:
    """A slide layout: its root element, placeholders and master."""

    def __init__(self, part: str, element: etree._Element, parts: Parts):
        self.part, self.element, self.parts = part, element, parts

    @cached_property
    def master(self) -> Master:
        name = self.parts.related(self.part, RT_SLIDE_MASTER, "slide master")
        if self.parts.content_type(name) != CT_SLIDE_MASTER:
            raise DeckError(f"the slide master of {self.part}, {name}, is not a slide master")
        return _masters(self.parts, name)

    @cached_property
    def placeholders(self) -> list:
        return _placeholders(self.element, self.part)

    def placeholder_with_idx(self, idx: int):
        """Return the first placeholder with ``idx`` (0 when unstated), or None."""
        return next((el for el in self.placeholders if _ph_idx(placeholder(el)) == idx), None)


class Slide:
    """A slide: its root element, number (from 1, in the presentation's order) and layout."""

    def __init__(self, part: str, element: etree._Element, number: int, parts: Parts):
        self.part, self.element, self.number, self.parts = part, element, number, parts

    @cached_property
    def layout(self) -> Layout:
        name = self.parts.related(self.part, RT_SLIDE_LAYOUT, "slide layout")
        if self.parts.content_type(name) != CT_SLIDE_LAYOUT:
            raise DeckError(f"the slide layout of slide {self.number}, {name}, is not a layout")
        return _layouts(self.parts, name)

    @property
    def tree(self) -> etree._Element:
        """The slide's shape tree (``p:cSld/p:spTree``)."""
        return self.element.find("p:cSld/p:spTree", NS)

    @property
    def shapes(self) -> list:
        """The shape elements directly in the shape tree, in order (python-pptx's shapes)."""
        return [el for el in self.tree if el.tag in SHAPE_TAGS]


class Deck:
    """A presentation: slide size (EMU), default text style, and slides in order."""

    def __init__(
        self,
        width: int,
        height: int,
        default_text_style: etree._Element | None,
        slides: list[Slide],
    ):
        self.width, self.height = width, height
        self.default_text_style, self.slides = default_text_style, slides


def _masters(parts: Parts, name: str) -> Master:
    return _shared(parts, name, Master)


def _layouts(parts: Parts, name: str) -> Layout:
    return _shared(parts, name, Layout)


def _shared(parts: Parts, name: str, kind):
    """Return the one ``kind`` (Layout or Master) object for the part ``name``: slides that
    share a layout share its object, and what it has worked out."""
    if name not in parts.objects:
        parts.objects[name] = kind(name, parts.xml(name), parts)
    return parts.objects[name]


def read_deck(parts: Parts) -> Deck:
    """Return the deck in ``parts``; raise :class:`DeckError` when python-pptx would not open
    it, or it is no presentation (no slide size, a slide that is not a slide)."""
    _load(parts)
    main = parts.related("", RT_OFFICE_DOCUMENT, "main document (officeDocument relationship)")
    kind = parts.content_type(main)
    if kind not in PRESENTATION_TYPES:
        raise DeckError(f"{main} is not a presentation (its content type is {kind})")
    root = parts.xml(main)
    if root.tag != f"{{{P}}}presentation":
        raise DeckError(f"{main} is not a presentation (its root is {etree.QName(root).localname})")
    size = root.find("p:sldSz", NS)
    if size is None or size.get("cx") is None or size.get("cy") is None:
        raise DeckError(f"{main} does not give the slide size (p:sldSz)")
    return Deck(
        int(size.get("cx")),
        int(size.get("cy")),
        root.find("p:defaultTextStyle", NS),
        list(_slides(parts, main, root)),
    )


def _load(parts: Parts) -> None:
    """Read every relationship reachable from the package and parse the parts python-pptx
    parses as it opens a package: it refuses the package when one of them fails."""
    seen, todo = {""}, [""]
    while todo:
        for rel in parts.rels(todo.pop()).values():
            if rel.target is not None and rel.target not in seen:
                seen.add(rel.target)
                todo.append(rel.target)
                if parts.content_type(rel.target) in _PARSED_TYPES:
                    parts.xml(rel.target)


def _slides(parts: Parts, main: str, root) -> Iterator[Slide]:
    """Yield the slides in the order of ``p:sldIdLst``."""
    listed = root.find("p:sldIdLst", NS)
    rels = parts.rels(main)
    for number, entry in enumerate(listed.findall("p:sldId", NS) if listed is not None else [], 1):
        rid = entry.get(f"{{{R}}}id")
        if rid is None:
            raise DeckError(f"slide {number} of the presentation's list has no r:id")
        rel = rels.get(rid)
        if rel is None or rel.target is None:
            raise DeckError(f"slide {number} ({rid}) is not among the presentation's parts")
        if parts.content_type(rel.target) != CT_SLIDE:
            raise DeckError(f"slide {number}, {rel.target}, is not a slide")
        element = parts.xml(rel.target)
        if element.find("p:cSld/p:spTree", NS) is None:
            raise DeckError(f"slide {number}, {rel.target}, has no shape tree")
        yield Slide(rel.target, element, number, parts)


# -- positions -------------------------------------------------------------------------------
_XFRM = {"sp": "p:spPr/a:xfrm", "pic": "p:spPr/a:xfrm", "cxnSp": "p:spPr/a:xfrm"}
_XFRM |= {"graphicFrame": "p:xfrm", "grpSp": "p:grpSpPr/a:xfrm"}
_COORDINATES = (("a:off", "x"), ("a:off", "y"), ("a:ext", "cx"), ("a:ext", "cy"))


def own_position(element) -> list[int | None]:
    """Return [left, top, width, height] a shape states itself (None for what it does not)."""
    path = _XFRM.get(etree.QName(element).localname)
    xfrm = element.find(path, NS) if path else None
    out: list[int | None] = []
    for tag, attr in _COORDINATES:
        found = xfrm.find(tag, NS) if xfrm is not None else None
        value = found.get(attr) if found is not None else None
        out.append(int(value) if value is not None else None)
    return out


def position(slide: Slide, element) -> list[int | None]:
    """Return [left, top, width, height] of a shape directly on ``slide``, each its own or,
    for a placeholder ``p:sp`` or ``p:pic``, inherited as python-pptx inherits it: from the
    layout placeholder with the same idx, and on from the master placeholder of its type."""
    values = own_position(element)
    ph = placeholder(element)
    if None not in values or ph is None or etree.QName(element).localname not in ("sp", "pic"):
        return values
    base = slide.layout.placeholder_with_idx(_ph_idx(ph))
    if base is None:
        return values
    inherited = own_position(base)
    if None in inherited and etree.QName(base).localname == "sp":
        kind = BASE_TYPE.get(placeholder(base).get("type", "obj"))
        master = slide.layout.master.placeholder_of_type(kind) if kind else None
        if master is not None:
            above = own_position(master)
            inherited = [v if v is not None else m for v, m in zip(inherited, above)]
    return [v if v is not None else i for v, i in zip(values, inherited)]
