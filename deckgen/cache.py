"""Caching that never changes a byte of output.

- Each PNG infographic is kept under a content hash of everything that shapes it (its plan,
  the theme, the options, deckgen's code and assets), so a graphic that did not change is
  copied, not drawn again; matplotlib is not even imported when every graphic is cached.
- An output folder remembers, in ``.deckgen-stamp.json``, the inputs it was built from and
  the digests of what was written; building the same inputs into it again is a no-op.

The cache folder is ``$DECKGEN_CACHE``, else ``$XDG_CACHE_HOME/deckgen``. ``--no-cache``
bypasses both.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from . import __version__
from .assets import ASSETS, ROOT
from .textfit import cache_dir

STAMP = ".deckgen-stamp.json"
KEEP_GRAPHICS = 400


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Return a digest of deckgen's code and assets (paths, sizes, modification times)."""
    digest = hashlib.sha256(__version__.encode())
    for folder in (ROOT / "deckgen", ASSETS):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                digest.update(
                    f"{path.relative_to(ROOT)}:{stat.st_size}:{stat.st_mtime_ns}".encode()
                )
    return digest.hexdigest()


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
