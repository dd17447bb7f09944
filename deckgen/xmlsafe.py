"""Read the XML and zip packages of decks and masters that deckgen did not write.

Every XML part deckgen parses from a user's file goes through :func:`parse`: one parser that
never resolves entities, loads a DTD or touches the network, and a refusal of any part with a
DOCTYPE — OOXML parts never have one, and a DTD is where an entity bomb ("billion laughs")
or an external entity (``<!ENTITY x SYSTEM "file:///etc/passwd">``) lives. Packages are
checked against size limits (:func:`package_limits`) and every XML part is parsed once
(:func:`package_problems`) before anything reads the file.

deckgen's own renderers (``deck/render.py``, ``deck/text.py``) parse XML strings they build
themselves, from escaped values; they use lxml directly.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator

from lxml import etree

from .errors import DeckgenError

PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    remove_blank_text=False,
)

MAX_PACKAGE_BYTES = 200 * 1024 * 1024  # the .pptx/.potx file on disk
MAX_UNPACKED_BYTES = 500 * 1024 * 1024  # all parts together, uncompressed
MAX_PARTS = 10_000
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"


class XMLPartError(DeckgenError):
    """A part of a package is not plain, well-formed XML (or cannot be unpacked)."""

    def __init__(self, part: str, reason: str):
        super().__init__(f"{part}: {reason}")
        self.part, self.reason = part, reason


def parse(data: bytes, part: str) -> etree._Element:
    """Return the root element of the XML ``data`` of ``part`` (its name, for messages).

    Raise :class:`XMLPartError` when it is not well-formed XML or has a DOCTYPE.
    """
    try:
        root = etree.fromstring(data, PARSER)
    except etree.XMLSyntaxError as e:
        if any(marker in data for marker in _DOCTYPE_MARKERS):  # libxml2 stopped a bomb
            raise XMLPartError(part, _DOCTYPE_REFUSED) from e
        raise XMLPartError(part, f"not well-formed XML ({_first_line(e)})") from e
    except (ValueError, TypeError) as e:
        raise XMLPartError(part, f"not XML ({_first_line(e)})") from e
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise XMLPartError(part, _DOCTYPE_REFUSED)
    return root


_DOCTYPE_REFUSED = (
    "has a DOCTYPE, which OOXML parts never have (a DTD can hide an entity bomb "
    "or an external entity; refused)"
)
_DOCTYPE_MARKERS = tuple("<!DOCTYPE".encode(e) for e in ("utf-8", "utf-16-le", "utf-16-be"))


def parse_part(part) -> etree._Element:
    """Return the root element of a python-pptx part's blob, parsed by :func:`parse`."""
    return parse(part.blob, str(part.partname).lstrip("/"))


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0][:160] if text else type(error).__name__


class NotAZip(DeckgenError):
    """The bytes given as a package are not a zip file."""


class OverLimits(DeckgenError):
    """A package declares more bytes or parts than a real presentation has."""


def open_package(data: bytes) -> zipfile.ZipFile:
    """Return ``data`` opened as a zip package, within :func:`package_limits`.

    Raise :class:`NotAZip` or :class:`OverLimits` (its message says which limit); the XML
    parts are not read here (:func:`package_problems` does that).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as e:
        raise NotAZip("not a zip package") from e
    refused = package_limits(len(data), archive)
    if refused:
        raise OverLimits(refused)
    return archive


def package_limits(compressed: int, archive: zipfile.ZipFile) -> str | None:
    """Return why a package of ``compressed`` bytes on disk is refused, or None if it is not.

    A zip bomb declares a huge total size, or a huge number of parts.
    """
    if compressed > MAX_PACKAGE_BYTES:
        return f"the file is {compressed} bytes, over the {MAX_PACKAGE_BYTES} byte limit"
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        return f"it has {len(infos)} parts, over the limit of {MAX_PARTS}"
    unpacked = sum(i.file_size for i in infos)
    if unpacked > MAX_UNPACKED_BYTES:
        return f"it would unpack to {unpacked} bytes, over the {MAX_UNPACKED_BYTES} byte limit"
    return None


def read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    """Return the bytes of the part ``name``; raise :class:`XMLPartError` if it cannot be
    unpacked (damaged, encrypted or compressed in a way zip readers do not support)."""
    try:
        return archive.read(name)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as e:
        raise XMLPartError(name, f"cannot be unpacked: {_first_line(e)}") from e
    except (RuntimeError, NotImplementedError) as e:  # encrypted, unknown compression
        raise XMLPartError(name, f"cannot be unpacked: {_first_line(e)}") from e


def xml_part_names(archive: zipfile.ZipFile) -> list[str]:
    """Return the parts that are XML: by extension, or declared with an XML content type."""
    names = [n for n in archive.namelist() if not n.endswith("/")]
    xml = {n for n in names if n.lower().endswith((".xml", ".rels"))}
    if "[Content_Types].xml" in xml:
        try:
            types = parse(read_part(archive, "[Content_Types].xml"), "[Content_Types].xml")
        except XMLPartError:
            types = None
        if types is not None:
            present = set(names)
            for override in types.iter(f"{_CT}Override"):
                part = (override.get("PartName") or "").lstrip("/")
                kind = override.get("ContentType") or ""
                if part in present and kind.endswith("xml"):
                    xml.add(part)
    return sorted(xml, key=lambda n: (n != "[Content_Types].xml", n))


def package_problems(archive: zipfile.ZipFile) -> Iterator[XMLPartError]:
    """Yield an :class:`XMLPartError` for every XML part that cannot be read safely."""
    for name in xml_part_names(archive):
        try:
            parse(read_part(archive, name), name)
        except XMLPartError as e:
            yield e
