"""Write the metrics deckgen measures text with beside each bundled font.

Reading a font with fontTools takes tens of milliseconds (about 0.2 s for the four faces a
default build measures), so the advance widths, line height and ascent of every bundled font
are shipped as ``assets/fonts/<font file>.metrics.json``. Run after changing a bundled font:

    python tools/font_metrics.py

A test reads every bundled font again and fails when a file here is out of date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from deckgen.assets import FONTS  # noqa: E402
from deckgen.textfit import _read_metrics, bundled_metrics_path, encode_metrics  # noqa: E402

FONT_FILES = ("*.ttf", "*.otf")


def main() -> None:
    for pattern in FONT_FILES:
        for font in sorted(FONTS.glob(pattern)):
            data = encode_metrics(_read_metrics(font), font.stat().st_size)
            target = bundled_metrics_path(font)
            target.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
            print(f"Wrote {target.name}: {target.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
