"""The presentation the slides go into: the master's (its sample slides left out) or the
default, with the theme applied and the deck's properties; its layouts, and the parts each
new slide, notes slide, chart and picture adds.

Everything here reads and writes the package's XML directly (:mod:`deckgen.deck.opc`):
python-pptx is not on the rendering path.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
from pathlib import Path
from typing import NamedTuple

from lxml import etree

from .. import xmlsafe
from ..errors import TemplateError
from ..plan import DeckPlan
from ..pptxread import BASE_TYPE  # where a layout placeholder takes its place from
from . import opc
from .markup import escape
from .master import LayoutView, layout_for, read_master
from .text import EAST_ASIAN_FONT

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS = {"a": _A, "p": _P, "r": _R}
_LATENT = {"dt", "ftr", "sldNum"}  # placeholders a new slide does not copy from its layout
_IMAGE_TYPES = {  # first bytes -> (extension, content type)
    b"\x89PNG": ("png", "image/png"),
    b"\xff\xd8": ("jpg", "image/jpeg"),
    b"GIF8": ("gif", "image/gif"),
    b"BM": ("bmp", "image/bmp"),
}


class Placeholder(NamedTuple):
    """A placeholder a new slide copies from its layout: its ``p:ph`` attributes as a new
    slide states them (defaults left out)."""

    type: str | None
    idx: int
    orient: str | None
    sz: str | None

    @property
    def kind(self) -> str:
        """The type a slide reads it as ('body' when unstated)."""
        return self.type or "body"

    def ph_xml(self) -> str:
        attrs = "".join(
            f' {name}="{value}"'
            for name, value in (
                ("type", self.type),
                ("orient", self.orient),
                ("sz", self.sz),
                ("idx", str(self.idx) if self.idx else None),
            )
            if value is not None
        )
        return f"<p:ph{attrs}/>"


class Layout(NamedTuple):
    """A slide layout: its part, and the placeholders a slide made from it starts with."""

    part: str
    placeholders: tuple[Placeholder, ...]


class Deck:
    """The package being written and what adding slides to it needs."""

    def __init__(self, package: opc.Package):
        self.package = package
        self.main = package.main()
        self._trees: dict[str, etree._Element] = {}  # parts parsed, each once
        self._changed: set[str] = set()  # those written again when the deck is finished
        self.presentation = self.tree(self.main, change=True)
        self.slides = 0
        self._notes_master: str | None = None
        self._images: dict[str, str] | None = None
        self._layouts = _layouts(self)
        self._views = [view for _, view in self._layouts]

    def tree(self, name: str, change: bool = False) -> etree._Element:
        """Return the parsed XML of the template's part ``name`` (parsed once); with
        ``change``, the part is written from this tree when the deck is finished."""
        root = self._trees.get(name)
        if root is None:
            root = self._trees[name] = xmlsafe.parse(self.package.parts[name].blob, name)
        if change:
            self._changed.add(name)
        return root

    # -- layouts --------------------------------------------------------------------------
    def layout(self, role: str) -> Layout:
        """Return the layout serving ``role`` ('title' or 'title_only'), chosen as
        :func:`deckgen.deck.master.layout_for` chooses it."""
        part, _ = self._layouts[layout_for(self._views, role)]
        root = self.tree(part)
        placeholders = []
        for ph in root.iterfind(".//p:cSld/p:spTree/*/*/p:nvPr/p:ph", _NS):
            kind = ph.get("type") or "obj"
            if kind in _LATENT:
                continue
            placeholders.append(
                Placeholder(
                    None if kind == "obj" else kind,
                    int(ph.get("idx") or 0),
                    None if ph.get("orient", "horz") == "horz" else ph.get("orient"),
                    None if ph.get("sz", "full") == "full" else ph.get("sz"),
                )
            )
        return Layout(part, tuple(placeholders))

    # -- parts ----------------------------------------------------------------------------
    def add_slide(self, layout: Layout) -> tuple[str, opc.Part]:
        """Add an empty slide part on ``layout`` to the presentation; return its name and
        part (its XML is written by the caller)."""
        name = self.package.next_name("ppt/slides/slide%d.xml")
        part = opc.Part(opc.CT_SLIDE, b"")
        part.relate(opc.RT_SLIDE_LAYOUT, layout.part)
        self.package.parts[name] = part
        main = self.package.parts[self.main]
        rel_id = main.relate(opc.RT_SLIDE, name)
        ids = self.presentation.find("p:sldIdLst", _NS)
        if ids is None:
            ids = etree.Element(f"{{{_P}}}sldIdLst")
            anchor = self.presentation.find("p:notesMasterIdLst", _NS)
            if anchor is None:
                anchor = self.presentation.find("p:sldMasterIdLst", _NS)
            anchor.addnext(ids)
        used = [int(s.get("id")) for s in ids]
        next_id = max(used) + 1 if used else 256
        entry = etree.SubElement(ids, f"{{{_P}}}sldId", id=str(next_id))
        entry.set(f"{{{_R}}}id", rel_id)
        self.slides += 1
        return name, part

    def add_notes(self, slide_name: str, slide: opc.Part, number: int, xml: bytes) -> None:
        """Give the slide its notes slide (``xml``), named by the slide's number."""
        name = f"ppt/notesSlides/notesSlide{number}.xml"
        part = opc.Part(opc.CT_NOTES_SLIDE, xml)
        part.relate(opc.RT_NOTES_MASTER, self.notes_master())
        part.relate(opc.RT_SLIDE, slide_name)
        self.package.parts[name] = part
        slide.relate(opc.RT_NOTES_SLIDE, name)

    def notes_master(self) -> str:
        """Return the notes master's part, adding the default one (with its theme) when the
        presentation has none."""
        if self._notes_master is None:
            main = self.package.parts[self.main]
            found = main.related(opc.RT_NOTES_MASTER)
            if found is None:
                found = "ppt/notesMasters/notesMaster1.xml"
                theme = self.package.next_name("ppt/theme/theme%d.xml")
                self.package.parts[theme] = opc.Part(opc.CT_THEME, _compact("theme.xml"))
                master = opc.Part(opc.CT_NOTES_MASTER, _compact("notesMaster.xml"))
                master.relate(opc.RT_THEME, theme)
                self.package.parts[found] = master
                main.relate(opc.RT_NOTES_MASTER, found)
            self._notes_master = found
        return self._notes_master

    def add_chart(self, slide: opc.Part, xml: bytes, workbook: bytes) -> str:
        """Add a chart part (``xml``) with its embedded workbook; return the slide's
        relationship id for it."""
        name = self.package.next_name("ppt/charts/chart%d.xml")
        part = opc.Part(opc.CT_CHART, xml)
        self.package.parts[name] = part
        book = self.package.next_name("ppt/embeddings/Microsoft_Excel_Sheet%d.xlsx")
        self.package.parts[book] = opc.Part(opc.CT_XLSX, workbook)
        part.relate(opc.RT_PACKAGE, book)
        return slide.relate(opc.RT_CHART, name)

    def add_image(self, slide: opc.Part, path: Path) -> str:
        """Add the picture at ``path`` (once per package, however often it is shown);
        return the slide's relationship id for it."""
        data = path.read_bytes()
        digest = hashlib.sha1(data).hexdigest()
        if self._images is None:  # the master's own pictures, by content
            self._images = {
                hashlib.sha1(p.blob).hexdigest(): n
                for n in self.package.reachable()
                if (p := self.package.parts[n]).content_type.startswith("image/")
            }
        name = self._images.get(digest)
        if name is None:
            ext, kind = next(
                (t for magic, t in _IMAGE_TYPES.items() if data.startswith(magic)),
                ("png", "image/png"),
            )
            name = self.package.next_name(f"ppt/media/image%d.{ext}")
            self.package.parts[name] = opc.Part(kind, data)
            self._images[digest] = name
        return slide.relate(opc.RT_IMAGE, name)

    def entries(self) -> dict[str, bytes]:
        """Return the finished package's zip entries by name (see :func:`opc.zipped`)."""
        for name in self._changed:
            self.package.parts[name].blob = _xml(self._trees[name])
        return self.package.entries()


def start(plan: DeckPlan) -> Deck:
    """Return the deck's package before any slide: the master's (sample slides removed) or
    the default, the theme applied when asked, the deck's properties written."""
    if plan.master:
        package = opc.Package.read(read_master(Path(plan.master)))
    else:
        package = opc.Package.read(_template("default.pptx"))
    deck = Deck(package)
    _remove_slides(deck)
    package.prune()
    if not plan.master:
        _resize(deck, plan.width, plan.height)
    if plan.apply_theme:
        _apply_theme(deck, plan)
    _core_properties(deck.package, plan)
    return deck


# -- the template -------------------------------------------------------------------------
def _template(name: str) -> bytes:
    """Return one of python-pptx's templates: the default presentation (PowerPoint's
    blank deck), and the notes master and theme it gives a presentation without one."""
    spec = importlib.util.find_spec("pptx")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise TemplateError("python-pptx is not installed (pip install python-pptx)")
    return (Path(spec.submodule_search_locations[0]) / "templates" / name).read_bytes()


def _compact(name: str) -> bytes:
    """Return an XML template without the whitespace that only indents it."""
    root = xmlsafe.parse(_template(name), name)
    for element in root.iter():
        if len(element) and element.text is not None and not element.text.strip():
            element.text = None
        if element.tail is not None and not element.tail.strip():
            element.tail = None
    return _xml(root)


def _xml(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _layouts(deck: Deck) -> list[tuple[str, LayoutView]]:
    """Return the first master's layouts in its order, each with what choosing one needs:
    its placeholders' types and where they sit (inherited from the master when unstated)."""
    package, main = deck.package, deck.main
    first = deck.presentation.find("p:sldMasterIdLst/p:sldMasterId", _NS)
    if first is None:
        raise TemplateError(f"{main}: the presentation has no slide master")
    master_name = package.parts[main].target(first.get(f"{{{_R}}}id"))
    if master_name not in package.parts:
        raise TemplateError(f"{main}: the slide master part is missing")
    master_part = package.parts[master_name]
    master = deck.tree(master_name)
    master_tops: dict[str, int | None] = {}
    for sp in master.iterfind("p:cSld/p:spTree/p:sp", _NS):
        ph = sp.find("p:nvSpPr/p:nvPr/p:ph", _NS)
        if ph is not None:
            master_tops.setdefault(ph.get("type") or "obj", _top(sp))
    out = []
    for entry in master.iterfind("p:sldLayoutIdLst/p:sldLayoutId", _NS):
        name = master_part.target(entry.get(f"{{{_R}}}id"))
        if name not in package.parts:
            continue
        root = deck.tree(name)
        placeholders = []
        for sp in root.iterfind("p:cSld/p:spTree/*", _NS):
            ph = sp.find("*/p:nvPr/p:ph", _NS)
            if ph is None:
                continue
            top = _top(sp)
            if top is None:
                top = master_tops.get(BASE_TYPE.get(ph.get("type") or "obj", "body"))
            placeholders.append((ph.get("type", "body"), top))
        display = root.find("p:cSld", _NS).get("name", "")
        out.append((name, LayoutView(display, tuple(placeholders))))
    if not out:
        raise TemplateError(f"{master_name}: the master has no slide layouts")
    return out


def _top(shape) -> int | None:
    off = shape.find("p:spPr/a:xfrm/a:off", _NS)
    return None if off is None else int(off.get("y", 0))


def _remove_slides(deck: Deck) -> None:
    """Leave out the template's own slides (and what only they use)."""
    ids = deck.presentation.find("p:sldIdLst", _NS)
    if ids is None:
        return
    main = deck.package.parts[deck.main]
    for entry in list(ids):
        main.drop(entry.get(f"{{{_R}}}id"))
        ids.remove(entry)


def _resize(deck: Deck, width: int, height: int) -> None:
    """Set the default template's slide size and widen its master's and layouts'
    placeholders to the new width."""
    size = deck.presentation.find("p:sldSz", _NS)
    factor = width / int(size.get("cx"))
    size.set("cx", str(width))
    size.set("cy", str(height))
    main = deck.package.parts[deck.main]
    master = main.related(opc.RT_SLIDE_MASTER)
    owners = [master] + [
        r.target for r in deck.package.parts[master].rels if r.type == opc.RT_SLIDE_LAYOUT
    ]
    for name in owners:
        for xfrm in deck.tree(name, change=True).iter(f"{{{_A}}}xfrm"):
            off, ext = xfrm.find(f"{{{_A}}}off"), xfrm.find(f"{{{_A}}}ext")
            if off is not None and ext is not None:
                off.set("x", str(int(int(off.get("x")) * factor)))
                ext.set("cx", str(int(int(ext.get("cx")) * factor)))


def _apply_theme(deck: Deck, plan: DeckPlan) -> None:
    """Write the deck's theme colours and fonts into every slide master's theme."""
    main = deck.package.parts[deck.main]
    for master in [r.target for r in main.rels if r.type == opc.RT_SLIDE_MASTER]:
        name = deck.package.parts[master].related(opc.RT_THEME)
        if name is None:
            continue
        root = deck.tree(name, change=True)
        scheme = root.find(f".//{{{_A}}}clrScheme")
        for slot_name, hex_colour in plan.theme_colors.items():
            slot = scheme.find(f"{{{_A}}}{slot_name}") if scheme is not None else None
            if slot is None:
                continue
            for child in list(slot):
                slot.remove(child)
            etree.SubElement(slot, f"{{{_A}}}srgbClr", val=hex_colour)
        for tag, family in (
            ("majorFont", plan.fonts["heading"]),
            ("minorFont", plan.fonts["body"]),
        ):
            latin = root.find(f".//{{{_A}}}{tag}/{{{_A}}}latin")
            if latin is not None:
                latin.set("typeface", family)
            ea = root.find(f".//{{{_A}}}{tag}/{{{_A}}}ea")
            if ea is not None:  # the theme's East Asian face, for text in Chinese
                ea.set("typeface", EAST_ASIAN_FONT)


def _core_properties(package: opc.Package, plan: DeckPlan) -> None:
    """Write the deck's properties: title, subject (the subtitle, else the title), author,
    its language as the tag its text is marked with ('en-US', 'zh-CN'; a PDF made from the
    deck states it), and fixed dates."""
    stamp = dt.datetime.combine(plan.date, dt.time()).strftime("%Y-%m-%dT%H:%M:%SZ")
    language = {"en": "en-US", "zh": "zh-CN"}.get(plan.language, plan.language)
    date = 'xsi:type="dcterms:W3CDTF"'
    xml = (
        f"{opc.XML_DECLARATION}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(plan.title)}</dc:title>"
        f"<dc:subject>{escape(plan.subject or plan.title)}</dc:subject>"
        f"<dc:creator>{escape(plan.author)}</dc:creator><cp:keywords></cp:keywords>"
        "<dc:description></dc:description><cp:lastModifiedBy>deckgen</cp:lastModifiedBy>"
        f"<cp:revision>1</cp:revision><dcterms:created {date}>{stamp}</dcterms:created>"
        f"<dcterms:modified {date}>{stamp}</dcterms:modified><cp:category>briefing"
        f"</cp:category><dc:language>{escape(language)}</dc:language>"
        f"<cp:lastPrinted>{stamp}</cp:lastPrinted><cp:contentStatus></cp:contentStatus>"
        "<dc:identifier></dc:identifier><cp:version></cp:version></cp:coreProperties>"
    )
    name = next((r.target for r in package.root_rels if r.type == opc.RT_CORE_PROPERTIES), None)
    if name is None:
        name = "docProps/core.xml"
        used = {r.id for r in package.root_rels}
        n = 1
        while f"rId{n}" in used:
            n += 1
        package.root_rels.append(opc.Rel(f"rId{n}", opc.RT_CORE_PROPERTIES, name))
    package.parts[name] = opc.Part(opc.CT_CORE, xml.encode())
