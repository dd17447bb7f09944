"""Corporate masters: read them safely, learn their geometry, fonts and colours (with
python-pptx, at planning time), and choose the layouts slides are made from."""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from lxml import etree

from .. import xmlsafe
from ..errors import TemplateError
from ..plan import Box

if TYPE_CHECKING:  # python-pptx is imported only to inspect a master, never to render
    from pptx.presentation import Presentation as PresentationT
    from pptx.slide import SlideLayout

_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_NON_CONTENT = {"dt", "ftr", "sldNum"}
_TYPES = "[Content_Types].xml"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_PML = "application/vnd.openxmlformats-officedocument.presentationml."
_MS = "application/vnd.ms-powerpoint."
_PRESENTATION_TYPE = _PML + "presentation.main+xml"
# Main parts python-pptx refuses whose masters and layouts serve as they are.
_USABLE_TYPES = {
    _PML + "template.main+xml": ".potx",
    _PML + "slideshow.main+xml": ".ppsx",
    _MS + "presentation.macroEnabled.main+xml": ".pptm",
    _MS + "template.macroEnabled.main+xml": ".potm",
    _MS + "slideshow.macroEnabled.main+xml": ".ppsm",
}
_ADDIN_TYPE = _MS + "addin.macroEnabled.main+xml"
# The macros of a macro-enabled file: its VBA project (with the data and signatures it
# relates to), which a .pptx cannot hold.
_MACRO_RELS = {"http://schemas.microsoft.com/office/2006/relationships/vbaProject"}
_PRESENTATION_RELS = "ppt/_rels/presentation.xml.rels"


# -- reading ------------------------------------------------------------------------------
def read_master(path: Path, notes: list[str] | None = None) -> bytes:
    """Return the bytes of a master, ready for python-pptx: a plain presentation.

    A template, slide show or macro-enabled file (.potx, .ppsx, .potm, .pptm, .ppsm) becomes
    a presentation by changing its main content type (python-pptx refuses the others); the
    macros of a macro-enabled one are left out, as PowerPoint leaves them out when it saves
    a .pptx, with a line in ``notes``. Files that are not zips, not presentations (an add-in),
    have no layouts, would unpack to an absurd size or have an XML part that is not plain,
    well-formed XML (an entity bomb, an external entity) are refused with a clear error.
    """
    try:
        size = path.stat().st_size
    except OSError as e:
        raise TemplateError(f"{path}: cannot read the master: {e.strerror}") from e
    if size > xmlsafe.MAX_PACKAGE_BYTES:
        raise TemplateError(
            f"{path}: the master is {size} bytes, over the {xmlsafe.MAX_PACKAGE_BYTES} byte "
            f"limit (use a real template)"
        )
    try:
        data = path.read_bytes()
    except OSError as e:
        raise TemplateError(f"{path}: cannot read the master: {e.strerror}") from e
    try:
        archive = xmlsafe.open_package(data)
    except xmlsafe.NotAZip as e:
        raise TemplateError(
            f"{path}: not a PowerPoint file (.pptx or .potx): it is not a zip package"
        ) from e
    except xmlsafe.OverLimits as e:
        raise TemplateError(f"{path}: {e.message}, which is not a real template (refused)") from e
    infos = archive.infolist()
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or "ppt/presentation.xml" not in names:
        raise TemplateError(f"{path}: a zip file, but not a PowerPoint presentation or template")
    if not any(n.startswith("ppt/slideLayouts/slideLayout") for n in names):
        raise TemplateError(f"{path}: the master has no slide layouts")
    for problem in xmlsafe.package_problems(archive):
        raise TemplateError(
            f"{path}: part {problem.part} {problem.reason} (re-save the template in PowerPoint)"
        )
    try:
        return _as_presentation(archive, data, path, notes)
    except xmlsafe.XMLPartError as e:
        raise TemplateError(f"{path}: part {e.part} {e.reason} (re-save the template)") from e


def _as_presentation(
    archive: zipfile.ZipFile, data: bytes, path: Path, notes: list[str] | None
) -> bytes:
    """Return ``data`` as a plain presentation: its main content type the presentation's,
    its VBA project and the parts only it relates to gone."""
    types = xmlsafe.parse(xmlsafe.read_part(archive, _TYPES), _TYPES)
    main = next(
        (
            o
            for o in types.iter(f"{_CT}Override")
            if (o.get("PartName") or "").lower() == "/ppt/presentation.xml"
        ),
        None,
    )
    if main is not None:
        kind = main.get("ContentType") or ""
    else:  # the main part typed by its extension, as a few writers do
        kind = next(
            (
                d.get("ContentType") or ""
                for d in types.iter(f"{_CT}Default")
                if (d.get("Extension") or "").lower() == "xml"
            ),
            "",
        )
    if kind == _ADDIN_TYPE:
        raise TemplateError(
            f"{path}: a PowerPoint add-in (.ppam), not a presentation or template "
            f"(use the .potx or .pptx that has the design)"
        )
    if kind != _PRESENTATION_TYPE and kind not in _USABLE_TYPES:
        raise TemplateError(
            f"{path}: not a PowerPoint presentation or template: its main part has the "
            f"content type '{kind or 'none'}' (save it from PowerPoint as .potx or .pptx)"
        )
    dropped = _macro_parts(archive)
    if kind == _PRESENTATION_TYPE and not dropped:
        return data
    if main is None:
        main = etree.SubElement(types, f"{_CT}Override", PartName="/ppt/presentation.xml")
    main.set("ContentType", _PRESENTATION_TYPE)
    replaced = {}
    if dropped:
        rels = xmlsafe.parse(xmlsafe.read_part(archive, _PRESENTATION_RELS), _PRESENTATION_RELS)
        for rel in list(rels):
            if rel.get("Type") in _MACRO_RELS:
                rels.remove(rel)
        replaced[_PRESENTATION_RELS] = _xml(rels)
        for entry in list(types.iter(f"{_CT}Override")):
            if (entry.get("PartName") or "").lstrip("/") in dropped:
                types.remove(entry)
        if notes is not None:
            notes.append(
                "its macros (VBA project) are left out: the deck is a .pptx, which cannot hold them"
            )
    replaced[_TYPES] = _xml(types)
    return _rewrite(archive, replaced, dropped)


def _macro_parts(archive: zipfile.ZipFile) -> set[str]:
    """Return the package's VBA project parts: each related from the presentation as a VBA
    project, its relationships part, and the parts those relate to (data, signatures)."""
    names = set(archive.namelist())
    if _PRESENTATION_RELS not in names:
        return set()
    rels = xmlsafe.parse(xmlsafe.read_part(archive, _PRESENTATION_RELS), _PRESENTATION_RELS)
    todo = [
        _target("ppt", rel.get("Target") or "")
        for rel in rels
        if rel.get("Type") in _MACRO_RELS and rel.get("TargetMode") != "External"
    ]
    found: set[str] = set()
    while todo:
        part = todo.pop()
        if part in found or part not in names:
            continue
        found.add(part)
        folder, _, leaf = part.rpartition("/")
        part_rels = f"{folder}/_rels/{leaf}.rels" if folder else f"_rels/{leaf}.rels"
        if part_rels in names:
            found.add(part_rels)
            for rel in xmlsafe.parse(xmlsafe.read_part(archive, part_rels), part_rels):
                if rel.get("TargetMode") != "External":
                    todo.append(_target(folder, rel.get("Target") or ""))
    return found


def _target(folder: str, target: str) -> str:
    """Return the part name a relationship's target names, from a part in ``folder``."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(folder, target))


def _xml(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _rewrite(archive: zipfile.ZipFile, replaced: dict[str, bytes], dropped: set[str]) -> bytes:
    """Return the package with the parts in ``replaced`` replaced and those in ``dropped``
    left out."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in archive.infolist():
            if info.filename in dropped:
                continue
            data = replaced.get(info.filename)
            if data is None:
                data = xmlsafe.read_part(archive, info.filename)
            target.writestr(info, data)
    return out.getvalue()


def open_master(data: bytes, path: Path) -> PresentationT:
    from pptx import Presentation

    try:
        return Presentation(io.BytesIO(data))
    except Exception as e:  # noqa: BLE001 - any parse failure means an unusable master
        detail = " ".join(str(e).split())[:200]
        raise TemplateError(f"{path}: PowerPoint master cannot be read: {detail}") from e


# -- learning from a master ---------------------------------------------------------------
@dataclass
class MasterInfo:
    """What deckgen needs to know about a master: geometry, fonts, colours, warnings."""

    width: int
    height: int
    title: Box
    cover_title: Box | None
    cover_subtitle: Box | None
    fonts: dict[str, str]
    colors: dict[str, str]
    background: str
    reserved: list[Box] = field(default_factory=list)  # the master's own pictures
    warnings: list[str] = field(default_factory=list)
    # the room under the title slide's title, clear of the layout's pictures and shapes and
    # above its footer placeholders: where the subtitle may grow when its box is too small
    cover_free: Box | None = None


def inspect_master(data: bytes, path: Path) -> MasterInfo:
    """Return the geometry, theme fonts and colours of the master in ``data``."""
    prs = open_master(data, path)
    try:
        return _inspect(prs, path)
    except xmlsafe.XMLPartError as e:
        raise TemplateError(f"{path}: part {e.part} {e.reason} (re-save the template)") from e
    except (KeyError, IndexError, AttributeError, ValueError, TypeError) as e:
        # well-formed XML that is not what PowerPoint writes: no master, no theme, …
        detail = " ".join(str(e).split())[:160]
        raise TemplateError(
            f"{path}: the master is damaged ({type(e).__name__}: {detail}); "
            f"re-save it in PowerPoint"
        ) from e


def _inspect(prs: PresentationT, path: Path) -> MasterInfo:
    if len(prs.slide_layouts) == 0:
        raise TemplateError(f"{path}: the master has no slide layouts")
    warnings: list[str] = []
    title_only = layout_of(prs, "title_only", warnings)
    title_layout = layout_of(prs, "title", warnings)
    title_ph = _placeholder(title_only, {"title", "ctrTitle"})
    width, height = prs.slide_width, prs.slide_height
    if title_ph is None:
        title_box = Box(width // 22, height // 20, width - width // 11, height * 15 // 100)
    else:
        title_box = _box(title_ph)
    cover_title = _placeholder(title_layout, {"ctrTitle", "title"})
    cover_sub = _placeholder(title_layout, {"subTitle"}) or _largest_body(title_layout)
    theme = xmlsafe.parse_part(prs.slide_master.part.part_related_by(_THEME))
    colors = _scheme(theme)
    fonts = {}
    for key, tag in (("heading", "majorFont"), ("body", "minorFont")):
        latin = theme.find(f".//{{{_A}}}{tag}/{{{_A}}}latin")
        fonts[key] = (
            latin.get("typeface") if latin is not None and latin.get("typeface") else "Calibri"
        )
    reserved = [
        _box(s)
        for s in list(prs.slide_master.shapes) + list(title_only.shapes)
        if s.shape_type == 13 and s.left is not None
    ]
    sub_box = _box(cover_sub) if cover_sub else None
    title_art = cover_art(prs, title_layout, cover_title)
    cover_box = _box(cover_title) if cover_title else None
    if cover_box is not None and title_art:
        cover_box = _clear_title(cover_box, title_art, width, height)
    for art in cover_art(prs, title_layout, cover_title) if sub_box else []:
        if sub_box is not None and sub_box.overlaps(art):  # keep clear of the layout's art
            room = art.y - width // 80 - sub_box.y
            sub_box = Box(sub_box.x, sub_box.y, sub_box.w, room) if room > height // 20 else None
    return MasterInfo(
        width,
        height,
        title_box,
        cover_box,
        sub_box,
        fonts,
        colors,
        _master_background(prs, colors),
        reserved,
        warnings,
        _cover_free(prs, title_layout, cover_title, cover_sub),
    )


def _holds(outer: Box, inner: Box) -> bool:
    return (
        outer.x <= inner.x
        and outer.y <= inner.y
        and outer.right >= inner.right
        and outer.bottom >= inner.bottom
    )


def _largest_body(layout: SlideLayout):
    """Return the title layout's largest body placeholder (a subtitle's place when the
    layout has no subtitle placeholder), or None."""
    bodies = [
        ph
        for ph in layout.placeholders
        if ph.element.ph is not None and ph.element.ph.get("type", "body") == "body"
    ]
    return max(bodies, key=lambda ph: int(ph.width or 0) * int(ph.height or 0), default=None)


def _cover_free(prs: PresentationT, layout: SlideLayout, title, subtitle) -> Box | None:
    """Return the largest free room under the title slide's title: no wider than its title
    and subtitle placeholders, above the first footer placeholder, and clear of every
    picture and shape the layout draws (a panel the title is set on excepted)."""
    if title is None:
        return None
    width, height = int(prs.slide_width), int(prs.slide_height)
    gap = width // 80
    boxes = [_box(title)] + ([_box(subtitle)] if subtitle is not None else [])
    left = min(b.x for b in boxes)
    right = max(b.right for b in boxes)
    top = _box(title).bottom + gap
    bottom = height - width // 22
    for ph in list(layout.placeholders) + list(prs.slide_master.placeholders):
        kind = ph.element.ph.get("type", "body") if ph.element.ph is not None else ""
        if kind in _NON_CONTENT and ph.top is not None and int(ph.top) > top:
            bottom = min(bottom, int(ph.top) - gap)
    rooms = _clear_of(
        Box(left, top, right - left, bottom - top),
        cover_art(prs, layout, title),
        gap,
        (width // 5, height // 20),
    )
    # the largest room that starts right under the title
    rooms = [r for r in rooms if r.y == top] or rooms
    return max(rooms, key=lambda r: r.w * r.h, default=None)


def _clear_of(room: Box, arts: list[Box], gap: int, least: tuple[int, int]) -> list[Box]:
    """Return the parts of ``room`` clear of every box in ``arts`` (by ``gap``) at least
    ``least`` (width, height) in size: for each art in the way, the room above, below, left
    and right of it."""
    rooms = [room]
    for art in arts:
        art = Box(art.x - gap, art.y - gap, art.w + 2 * gap, art.h + 2 * gap)
        next_rooms = []
        for r in rooms:
            if not r.overlaps(art):
                next_rooms.append(r)
                continue
            next_rooms += [
                Box(r.x, r.y, r.w, art.y - r.y),
                Box(r.x, art.bottom, r.w, r.bottom - art.bottom),
                Box(r.x, r.y, art.x - r.x, r.h),
                Box(art.right, r.y, r.right - art.right, r.h),
            ]
        rooms = [r for r in next_rooms if r.w >= least[0] and r.h >= least[1]]
    return rooms


def _clear_title(box: Box, arts: list[Box], width: int, height: int) -> Box:
    """Return the largest part of a title placeholder clear of the layout's art (a logo in
    its corner, a panel under part of it); the placeholder itself when none is big enough."""
    rooms = _clear_of(box, arts, width // 100, (width // 3, height // 12))
    return max(rooms, key=lambda r: r.w * r.h, default=box)


def cover_art(prs: PresentationT, layout: SlideLayout, title) -> list[Box]:
    """Return the boxes of the pictures and shapes the title layout draws, less backgrounds
    and panels that hold the title."""
    width, height = int(prs.slide_width), int(prs.slide_height)
    out = []
    for shape in layout.shapes:
        if shape.is_placeholder or shape.left is None or shape.width is None:
            continue
        box = _box(shape)
        if box.w * box.h > width * height // 2 or (title is not None and _holds(box, _box(title))):
            continue
        out.append(box)
    return out


def _box(shape) -> Box:
    return Box(
        int(shape.left or 0), int(shape.top or 0), int(shape.width or 0), int(shape.height or 0)
    )


def _scheme(theme) -> dict[str, str]:
    colors = {}
    scheme = theme.find(f".//{{{_A}}}clrScheme")
    for slot in scheme if scheme is not None else []:
        name = etree.QName(slot).localname
        rgb = slot.find(f"{{{_A}}}srgbClr")
        system = slot.find(f"{{{_A}}}sysClr")
        if rgb is not None:
            colors[name] = rgb.get("val").upper()
        elif system is not None:
            colors[name] = (system.get("lastClr") or "000000").upper()
    return colors


def _master_background(prs: PresentationT, colors: dict[str, str]) -> str:
    bg = prs.slide_master._element.find(
        ".//{http://schemas.openxmlformats.org/presentationml/2006/main}bg"
    )
    if bg is not None:
        rgb = bg.find(f".//{{{_A}}}srgbClr")
        if rgb is not None:
            return rgb.get("val").upper()
        scheme = bg.find(f".//{{{_A}}}schemeClr")
        if scheme is not None:
            name = {"bg1": "lt1", "bg2": "lt2", "tx1": "dk1", "tx2": "dk2"}.get(
                scheme.get("val"), scheme.get("val")
            )
            return colors.get(name, "FFFFFF")
    return colors.get("lt1", "FFFFFF")


# -- layouts by what they are for ---------------------------------------------------------
class LayoutView(NamedTuple):
    """What choosing a layout needs: its name and, in order, the type of each placeholder
    ('body' when unstated) and its top edge (inherited from the master when unstated)."""

    name: str
    placeholders: tuple[tuple[str, int | None], ...]

    @property
    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.placeholders if kind not in _NON_CONTENT]

    def top(self, kinds: set[str]) -> int:
        return next((top or 0 for kind, top in self.placeholders if kind in kinds), 0)


def _view(layout: SlideLayout) -> LayoutView:
    return LayoutView(
        layout.name,
        tuple(
            (ph.element.ph.get("type", "body"), ph.top)
            for ph in layout.placeholders
            if ph.element.ph is not None
        ),
    )


def _placeholder(layout: SlideLayout, kinds: set[str]):
    for ph in layout.placeholders:
        element = ph.element.ph
        if element is not None and element.get("type", "body") in kinds:
            return ph
    return None


def layout_of(prs: PresentationT, role: str, warnings: list[str] | None = None) -> SlideLayout:
    """Return the python-pptx layout :func:`layout_for` chooses for ``role``."""
    layouts = list(prs.slide_layouts)
    return layouts[layout_for([_view(lay) for lay in layouts], role, warnings)]


def layout_for(layouts: list[LayoutView], role: str, warnings: list[str] | None = None) -> int:
    """Return the index of the layout that serves ``role`` ('title' or 'title_only'),
    chosen by what its placeholders are for and where they sit, never by its name.

    Fallbacks, each announced once in ``warnings``: the closest layout with a title (its
    other placeholders are removed from the slide), else the emptiest layout.
    """
    indexes = range(len(layouts))
    with_title = [i for i in indexes if {"title", "ctrTitle"} & set(layouts[i].kinds)]
    if role == "title":
        covers = [i for i in indexes if "ctrTitle" in layouts[i].kinds]
        if covers:
            return min(covers, key=lambda i: len(layouts[i].kinds))
    exact = [i for i in with_title if layouts[i].kinds == ["title"]]
    if exact:
        return min(exact, key=lambda i: layouts[i].top({"title"}))
    chosen = (
        min(with_title, key=lambda i: _closest_to_title_only(layouts[i]))
        if with_title
        else min(indexes, key=lambda i: len(layouts[i].kinds))
    )
    if warnings is not None:
        what = "title slide" if role == "title" else "title-only"
        note = (
            f"the master has no {what} layout: using the closest one with a "
            f"title and removing its other placeholders"
            if with_title
            else f"no layout of the master has a title placeholder: slides use its emptiest "
            f"layout ('{layouts[chosen].name}') with a title placeholder of their own"
        )
        if note not in warnings:
            warnings.append(note)
    return chosen


def _closest_to_title_only(layout: LayoutView) -> tuple[bool, int, int]:
    """Sort key: a plain title before a centred one, fewer placeholders, title higher up."""
    kinds = layout.kinds
    return ("title" not in kinds, len(kinds), layout.top({"title", "ctrTitle"}))
