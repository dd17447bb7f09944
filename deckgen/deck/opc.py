"""A minimal Open Packaging Conventions package: the parts of a .pptx, their relationships
and content types, read from a template and written back as a reproducible zip.

deckgen writes every part it adds as XML text it built itself; this module only keeps the
package consistent: which parts the package holds (those reachable from its root, as
PowerPoint and python-pptx keep them), a relationship for each reference, a content type for
each part, and fixed zip entry times so that the same deck gives the same bytes.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from typing import NamedTuple

from .. import xmlsafe
from ..package import FIXED_ZIP_TIME
from .markup import attr as quoteattr

RELS_CT = "application/vnd.openxmlformats-package.relationships+xml"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "[Content_Types].xml"
XML_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_SLIDE = _RT + "slide"
RT_SLIDE_LAYOUT = _RT + "slideLayout"
RT_SLIDE_MASTER = _RT + "slideMaster"
RT_NOTES_SLIDE = _RT + "notesSlide"
RT_NOTES_MASTER = _RT + "notesMaster"
RT_THEME = _RT + "theme"
RT_CHART = _RT + "chart"
RT_PACKAGE = _RT + "package"
RT_IMAGE = _RT + "image"
RT_HYPERLINK = _RT + "hyperlink"
RT_OFFICE_DOCUMENT = _RT + "officeDocument"
RT_CORE_PROPERTIES = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
)

_PML = "application/vnd.openxmlformats-officedocument.presentationml."
CT_SLIDE = _PML + "slide+xml"
CT_NOTES_SLIDE = _PML + "notesSlide+xml"
CT_NOTES_MASTER = _PML + "notesMaster+xml"
CT_THEME = "application/vnd.openxmlformats-officedocument.theme+xml"
CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CT_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"

# (extension, content type) pairs declared once as a Default rather than per part: the
# pairs PowerPoint itself declares so (the list python-pptx keeps).
_DEFAULTS = {
    ("bin", _PML + "printerSettings"),
    ("bin", "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"),
    ("bin", "application/vnd.openxmlformats-officedocument.wordprocessingml.printerSettings"),
    ("bmp", "image/bmp"),
    ("emf", "image/x-emf"),
    ("fntdata", "application/x-fontdata"),
    ("gif", "image/gif"),
    ("jpe", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("jpg", "image/jpeg"),
    ("mov", "video/quicktime"),
    ("mp4", "video/mp4"),
    ("mpg", "video/mpeg"),
    ("png", "image/png"),
    ("rels", RELS_CT),
    ("tif", "image/tiff"),
    ("tiff", "image/tiff"),
    ("vid", "video/unknown"),
    ("wdp", "image/vnd.ms-photo"),
    ("wmf", "image/x-wmf"),
    ("wmv", "video/x-ms-wmv"),
    ("xlsx", CT_XLSX),
    ("xml", "application/xml"),
}


class Rel(NamedTuple):
    """One relationship: its id, type and target (a part name, or a URL when external)."""

    id: str
    type: str
    target: str  # the absolute part name without its leading '/', or the external URL
    external: bool = False


class Part:
    """One part: its content type, its bytes and the relationships it holds."""

    def __init__(self, content_type: str, blob: bytes, rels: list[Rel] | None = None):
        self.content_type, self.blob = content_type, blob
        self.rels: list[Rel] = [] if rels is None else rels

    def relate(self, type_: str, target: str, external: bool = False) -> str:
        """Return the id of the relationship of ``type_`` to ``target``, adding it when
        new: the lowest free 'rIdN', as PowerPoint numbers them."""
        for rel in self.rels:
            if rel.type == type_ and rel.target == target and rel.external == external:
                return rel.id
        used = {rel.id for rel in self.rels}
        n = 1
        while f"rId{n}" in used:
            n += 1
        self.rels.append(Rel(f"rId{n}", type_, target, external))
        return f"rId{n}"

    def related(self, type_: str) -> str | None:
        """Return the target of the first relationship of ``type_``, else None."""
        return next((r.target for r in self.rels if r.type == type_ and not r.external), None)

    def target(self, rel_id: str) -> str | None:
        return next((r.target for r in self.rels if r.id == rel_id), None)

    def drop(self, rel_id: str) -> None:
        self.rels = [r for r in self.rels if r.id != rel_id]


class Package:
    """The parts of a package by name ('ppt/slides/slide1.xml', no leading '/')."""

    def __init__(self) -> None:
        self.parts: dict[str, Part] = {}
        self.root_rels: list[Rel] = []

    # -- reading --------------------------------------------------------------------------
    @classmethod
    def read(cls, data: bytes) -> Package:
        """Return the package in the zip ``data`` (its XML already checked by
        :func:`deckgen.xmlsafe.package_problems`): every part with a content type and the
        relationships of each."""
        archive = xmlsafe.open_package(data)
        names = [i.filename for i in archive.infolist() if not i.filename.endswith("/")]
        types = xmlsafe.parse(xmlsafe.read_part(archive, _TYPES), _TYPES)
        defaults, overrides = {}, {}
        for entry in types:
            tag = entry.tag.rpartition("}")[2]
            if tag == "Default":
                defaults[(entry.get("Extension") or "").lower()] = entry.get("ContentType", "")
            elif tag == "Override":
                name = (entry.get("PartName") or "").lstrip("/")
                overrides[name.lower()] = entry.get("ContentType", "")
        package = cls()
        lower = {n.lower(): n for n in names}
        for name in names:
            if name == _TYPES or name.endswith(".rels"):
                continue
            ext = name.rpartition(".")[2].lower()
            kind = overrides.get(name.lower()) or defaults.get(ext)
            if kind is None:
                continue  # not a part: PowerPoint ignores it too
            package.parts[name] = Part(kind, xmlsafe.read_part(archive, name))
        for name in names:
            if not name.endswith(".rels"):
                continue
            folder, _, leaf = name.rpartition("/")
            source = posixpath.join(posixpath.dirname(folder), leaf[: -len(".rels")])
            if folder == "_rels":
                rels = package.root_rels
                base = ""
            elif source in package.parts:
                rels = package.parts[source].rels
                base = posixpath.dirname(source)
            else:
                continue
            for rel in xmlsafe.parse(xmlsafe.read_part(archive, name), name):
                external = rel.get("TargetMode") == "External"
                target = rel.get("Target") or ""
                if not external:
                    target = _resolve(base, target)
                    target = lower.get(target.lower(), target)
                rels.append(Rel(rel.get("Id") or "", rel.get("Type") or "", target, external))
        return package

    def reachable(self) -> list[str]:
        """Return the names of the parts reachable from the package's root, in the order a
        walk of the relationships meets them."""
        seen: dict[str, None] = {}
        todo = [r.target for r in reversed(self.root_rels) if not r.external]
        while todo:
            name = todo.pop()
            if name in seen or name not in self.parts:
                continue
            seen[name] = None
            todo += [r.target for r in reversed(self.parts[name].rels) if not r.external]
        return list(seen)

    def prune(self) -> None:
        """Forget the parts no longer reachable (a template's removed slides and what only
        they used): they are not written, and their names are free again."""
        keep = set(self.reachable())
        self.parts = {name: part for name, part in self.parts.items() if name in keep}

    def next_name(self, pattern: str) -> str:
        """Return the first free name of ``pattern`` ('ppt/charts/chart%d.xml')."""
        taken = {n.lower() for n in self.parts}
        n = 1
        while (pattern % n).lower() in taken:
            n += 1
        return pattern % n

    def main(self) -> str:
        """Return the name of the main (presentation) part."""
        return next(r.target for r in self.root_rels if r.type == RT_OFFICE_DOCUMENT)

    # -- writing --------------------------------------------------------------------------
    def entries(self) -> dict[str, bytes]:
        """Return the package's zip entries by name, in the order they are written: the
        content types, the root's relationships, then each reachable part followed by its
        relationships (parts left behind are not written)."""
        names = self.reachable()
        out = {_TYPES: self._content_types(names), "_rels/.rels": _rels_xml("", self.root_rels)}
        for name in names:
            part = self.parts[name]
            out[name] = part.blob
            if part.rels:
                folder, _, leaf = name.rpartition("/")
                rels_name = f"{folder}/_rels/{leaf}.rels" if folder else f"_rels/{leaf}.rels"
                out[rels_name] = _rels_xml(folder, part.rels)
        return out

    def _content_types(self, names: list[str]) -> bytes:
        defaults = {"rels": RELS_CT, "xml": "application/xml"}
        overrides = {}
        for name in names:
            kind = self.parts[name].content_type
            ext = name.rpartition(".")[2]
            if (ext.lower(), kind) in _DEFAULTS:
                defaults[ext] = kind
            else:
                overrides["/" + name] = kind
        body = "".join(
            f"<Default Extension={quoteattr(ext)} ContentType={quoteattr(kind)}/>"
            for ext, kind in sorted(defaults.items())
        ) + "".join(
            f"<Override PartName={quoteattr(name)} ContentType={quoteattr(kind)}/>"
            for name, kind in sorted(overrides.items())
        )
        return f'{XML_DECLARATION}<Types xmlns="{_CT_NS}">{body}</Types>'.encode()


def zipped(entries: dict[str, bytes]) -> bytes:
    """Return ``entries`` as a zip: fixed times and compression, so the same entries give
    the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            _store(archive, name, data)
    return out.getvalue()


def _resolve(base: str, target: str) -> str:
    """Return the part name a relationship target names, from a part in folder ``base``."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(base, target))


def _relative(base: str, name: str) -> str:
    return posixpath.relpath(name, base) if base else name


def _rels_xml(base: str, rels: list[Rel]) -> bytes:
    """The relationships part, in the numeric order of their ids (rId2 before rId10)."""
    rels = sorted(rels, key=lambda r: (_number(r.id), r.id))
    body = "".join(
        f"<Relationship Id={quoteattr(r.id)} Type={quoteattr(r.type)} "
        + (
            f'Target={quoteattr(r.target)} TargetMode="External"/>'
            if r.external
            else f"Target={quoteattr(_relative(base, r.target))}/>"
        )
        for r in rels
    )
    return f'{XML_DECLARATION}<Relationships xmlns="{_REL_NS}">{body}</Relationships>'.encode()


def _number(rel_id: str) -> int:
    digits = rel_id[3:]
    return int(digits) if rel_id.startswith("rId") and digits.isdigit() else 0


def _store(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    entry = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    archive.writestr(entry, data, compresslevel=6)
