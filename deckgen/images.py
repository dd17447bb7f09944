"""Read pictures the user points at, with limits: no decompression bombs, no giant files."""

from __future__ import annotations

import warnings
from pathlib import Path

from .errors import DeckgenError

MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000


def image_size(path: Path, error_type: type[DeckgenError] = DeckgenError) -> tuple[int, int]:
    """Return (width, height) of the image at ``path``, refusing what deckgen will not embed."""
    from PIL import Image

    try:
        size = path.stat().st_size
    except OSError as e:
        raise error_type(f"{path}: cannot read the image: {e.strerror}") from e
    if size > MAX_IMAGE_BYTES:
        raise error_type(
            f"{path}: the image is {size} bytes, over the {MAX_IMAGE_BYTES} "
            f"byte limit (use a smaller file)"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as e:
        raise error_type(
            f"{path}: the image is too large, over the {MAX_IMAGE_PIXELS:,} pixel limit (resize it)"
        ) from e
    except OSError as e:
        raise error_type(f"{path}: not an image deckgen can read ({e})") from e
    if width * height > MAX_IMAGE_PIXELS:
        raise error_type(
            f"{path}: the image has {width} x {height} pixels, over the "
            f"{MAX_IMAGE_PIXELS:,} pixel limit (resize it)"
        )
    return width, height
