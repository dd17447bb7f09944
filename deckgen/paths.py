"""Output names made from input (slugs, ids, facts file names) stay inside their folder."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import RenderError


class OutsideFolderError(RenderError):
    """A file name derived from the input would put a file outside the output folder."""


def inside(folder: Path, name: str) -> Path:
    """Return ``folder / name`` after checking that it names something inside ``folder``.

    ``name`` may contain '/' for subfolders (``infographics/kpi-x.png``); anything that
    resolves outside the folder or to the folder itself — '..', an absolute path, a symbolic
    link pointing out — raises :class:`OutsideFolderError`.
    """
    target = folder / name
    try:
        base = folder.resolve()
        resolved = target.resolve()
    except (OSError, ValueError, RuntimeError) as e:  # NUL bytes, symlink loops
        raise OutsideFolderError(f"{target}: not a usable output name ({e})") from e
    if os.path.isabs(name) or resolved == base or not resolved.is_relative_to(base):
        raise OutsideFolderError(
            f"{target}: the output name {name!r} would write outside {folder} "
            f"(use a plain file name)"
        )
    return target
