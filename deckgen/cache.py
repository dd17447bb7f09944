"""Caching that never changes a byte of output.

- Each PNG infographic is kept under a content hash of everything that shapes it (its plan,
  the theme, the options, deckgen's code and assets, the versions of Python, zlib and the
  libraries that draw and write), so a graphic that did not change is copied, not drawn
  again; matplotlib is not even imported when every graphic is cached.
- An output folder remembers, in ``.deckgen-stamp.json``, the inputs it was built from (the
  same fingerprint included) and the digests of what was written; building the same inputs
  into it again is a no-op.

The cache folder is ``$DECKGEN_CACHE``, else ``$XDG_CACHE_HOME/deckgen``. ``--no-cache``
bypasses both.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import zlib
from functools import lru_cache
from pathlib import Path

from . import __version__
from .assets import ASSETS, PACKAGE

STAMP = ".deckgen-stamp.json"


def cache_dir() -> Path:
    """Return deckgen's cache folder ($DECKGEN_CACHE, else $XDG_CACHE_HOME/deckgen)."""
    if os.environ.get("DECKGEN_CACHE"):
        return Path(os.environ["DECKGEN_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "deckgen"


KEEP_GRAPHICS = 400

# The libraries whose versions can change a byte of a deck or a graphic.
LIBRARIES = (
    "matplotlib",
    "pillow",
    "python-pptx",
    "lxml",
    "fonttools",
    "numpy",
    "PyYAML",
    "click",
)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Return a digest of deckgen's code and assets (paths, sizes, modification times) and of
    the versions of Python, zlib and the libraries that shape the output."""
    digest = hashlib.sha256(__version__.encode())
    digest.update(json.dumps(library_versions(), sort_keys=True).encode())
    # An installed wheel holds the assets inside the package (deckgen/_assets); a source
    # checkout keeps them beside it.
    folders = {"deckgen": PACKAGE}
    if not ASSETS.is_relative_to(PACKAGE):
        folders["assets"] = ASSETS
    for label, folder in folders.items():
        for name, stat in _files(folder):
            digest.update(f"{label}/{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _files(folder: Path) -> list[tuple[str, os.stat_result]]:
    """Return (path relative to ``folder``, stat) of every file under it, bytecode caches
    left out, sorted by path (os.walk: a pathlib walk costs ten times as much)."""
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        base = os.path.relpath(root, folder).replace(os.sep, "/")
        for leaf in files:
            name = leaf if base == "." else f"{base}/{leaf}"
            out.append((name, os.stat(os.path.join(root, leaf))))
    return sorted(out)


def library_versions() -> dict[str, str]:
    """Return the versions of Python, zlib and each of LIBRARIES ("-" when not installed)."""
    versions = {"python": sys.version, "zlib": zlib.ZLIB_RUNTIME_VERSION}
    for name in LIBRARIES:
        versions[name] = _version(name)
    return versions


def _version(name: str) -> str:
    """Return the installed version of distribution ``name`` without importing it."""
    found = _installed().get(_normalise(name))
    if found is not None:
        return found
    from importlib import metadata  # slower: an egg-info install, say

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@lru_cache(maxsize=1)
def _installed() -> dict[str, str]:
    """Return {normalised name: version} read from the ``name-version.dist-info`` folders on
    sys.path, first one wins, as for imports (importlib.metadata costs tens of ms more)."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = sorted(os.listdir(entry or "."))
        except OSError:
            continue
        for folder in names:
            if folder.endswith(".dist-info"):
                name, _, version = folder[: -len(".dist-info")].rpartition("-")
                if name and version:
                    found.setdefault(_normalise(name), version)
    return found


def inputs_key(files: list[Path | None], options: dict) -> str | None:
    """Return a key for these input files and options, or None if one is unreadable (the
    build itself then reports the problem)."""
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(json.dumps(options, sort_keys=True, default=str).encode())
    for path in files:
        if path is None:
            digest.update(b"-")
            continue
        try:
            digest.update(str(path.resolve()).encode())
            digest.update(path.read_bytes())
        except OSError:
            return None
    return digest.hexdigest()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def up_to_date(out: Path, key: str) -> dict | None:
    """Return the stamp of ``out`` when it was built from ``key`` and nothing changed since."""
    try:
        stamp = json.loads((out / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if stamp.get("key") != key:
        return None
    try:
        if all(_sha(out / name) == digest for name, digest in stamp["files"].items()):
            return stamp
    except (OSError, KeyError, TypeError):
        return None
    return None


def write_stamp(out: Path, key: str, files: list[Path], summary: dict) -> None:
    """Record what ``out`` was built from; failing to write it only costs the next build."""
    record = {"key": key, **summary, "files": {str(p.relative_to(out)): _sha(p) for p in files}}
    try:
        tmp = out / f"{STAMP}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(record, indent=1), encoding="utf-8")
        os.replace(tmp, out / STAMP)
    except OSError:
        pass


def graphic_key(*parts: object) -> str:
    """Return the content key of one graphic from everything that shapes it."""
    digest = hashlib.sha256(code_fingerprint().encode())
    for part in parts:
        digest.update(repr(part).encode())
    return digest.hexdigest()


def cached_graphic(key: str) -> bytes | None:
    try:
        return (cache_dir() / "graphics" / f"{key}.png").read_bytes()
    except OSError:
        return None


def keep_graphic(key: str, data: bytes) -> None:
    folder = cache_dir() / "graphics"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f"{key}.{os.getpid()}.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, folder / f"{key}.png")
        _prune(folder)
    except OSError:
        pass


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.png"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP_GRAPHICS:]:
        old.unlink(missing_ok=True)


def clear(out: Path) -> None:
    """Forget that ``out`` is up to date (used before writing into it)."""
    try:
        (out / STAMP).unlink()
    except OSError:
        pass
