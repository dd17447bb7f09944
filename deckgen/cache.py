"""Build cache: same inputs give the same bytes, so a build whose inputs are unchanged copies
its outputs from the cache instead of rebuilding them.

The key covers everything that shapes the output: deckgen's own code and assets (by path,
size and modification time), the facts, layout, theme, logo and master files (by content)
and every build option. Entries live under the cache folder (``$DECKGEN_CACHE``, else
``$XDG_CACHE_HOME/deckgen``); the newest 24 are kept. ``--no-cache`` bypasses it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from functools import lru_cache
from pathlib import Path

from . import __version__
from .assets import ASSETS, ROOT
from .textfit import cache_dir

KEEP_ENTRIES = 24


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


def build_key(files: list[Path | None], options: dict) -> str | None:
    """Return the cache key for these input files and options, or None if one is unreadable
    (the build itself then reports the problem)."""
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


def _entry(key: str) -> Path:
    return cache_dir() / "builds" / key


def lookup(key: str) -> dict | None:
    """Return the stored record of a build (its files and summary), or None."""
    try:
        record = json.loads((_entry(key) / "record.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if all((_entry(key) / "files" / name).is_file() for name in record["files"]):
        return record
    return None


def restore(key: str, record: dict, target: Path) -> None:
    """Copy the cached files of ``key`` into ``target`` (a staging folder)."""
    for name in record["files"]:
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(_entry(key) / "files" / name, destination)


def store(key: str, staged: Path, record: dict) -> None:
    """Keep the staged outputs of a build under ``key``; failures only cost the cache."""
    entry = _entry(key)
    tmp = entry.with_name(f"{key}.{os.getpid()}.tmp")
    try:
        files = sorted(str(p.relative_to(staged)) for p in staged.rglob("*") if p.is_file())
        for name in files:
            (tmp / "files" / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(staged / name, tmp / "files" / name)
        (tmp / "record.json").write_text(json.dumps({**record, "files": files}), encoding="utf-8")
        if entry.exists():
            shutil.rmtree(entry, ignore_errors=True)
        os.replace(tmp, entry)
        _prune(entry.parent)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)


def _prune(folder: Path) -> None:
    entries = sorted(
        (p for p in folder.iterdir() if p.is_dir() and not p.suffix),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in entries[KEEP_ENTRIES:]:
        shutil.rmtree(old, ignore_errors=True)


def touch(key: str) -> None:
    try:
        os.utime(_entry(key), (time.time(), time.time()))
    except OSError:
        pass
