"""Write files safely: a staging folder, atomic replacement; the fixed zip entry time."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .errors import RenderError

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class Staging:
    """A folder beside the outputs where a build writes everything first.

    ``commit`` moves each file into place with an atomic rename; leaving the ``with`` block
    any other way (an error, Ctrl-C) deletes the folder, so the previous outputs stay exactly
    as they were and no temporary file is left behind.
    """

    def __init__(self, out: Path):
        self.out = out

    def __enter__(self) -> Staging:
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            self.path = Path(tempfile.mkdtemp(prefix=".deckgen-build-", dir=self.out))
        except OSError as e:
            raise RenderError(f"{self.out}: cannot write here: {e.strerror}") from e
        return self

    def commit(self) -> list[Path]:
        """Move every staged file to the same place under ``out``; return the targets."""
        moved = []
        for source in sorted(p for p in self.path.rglob("*") if p.is_file()):
            target = self.out / source.relative_to(self.path)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, target)
            except OSError as e:
                raise RenderError(f"{target}: cannot write: {e.strerror}") from e
            moved.append(target)
        return moved

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it, renamed into place.

    A failure at any point leaves the previous file untouched and no temporary file behind.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise RenderError(f"{path.parent}: cannot write here: {e.strerror}") from e
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as e:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise RenderError(f"{path}: cannot write: {e.strerror}") from e
        raise
