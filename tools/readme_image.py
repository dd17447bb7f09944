"""Render the default deck with LibreOffice and save a contact sheet for the README.

Usage: python tools/readme_image.py [SLIDE_NUMBERS...]   (needs soffice and pdftoppm)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from deckgen.build import BuildOptions, build

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "img" / "slides.png"


def main(picks: list[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        deck = build(None, work, BuildOptions()).deck
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(deck)],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            ["pdftoppm", "-png", "-r", "40", str(work / f"{deck.stem}.pdf"), str(work / "s")],
            check=True,
        )
        pages = sorted(work.glob("s-*.png"))
        chosen = [Image.open(pages[i - 1]).convert("RGB") for i in picks]
        w, h = chosen[0].size
        gap, cols = 10, 3
        rows = -(-len(chosen) // cols)
        sheet = Image.new(
            "RGB", (cols * w + (cols + 1) * gap, rows * h + (rows + 1) * gap), "#C9D2DC"
        )
        for i, im in enumerate(chosen):
            sheet.paste(im, (gap + (i % cols) * (w + gap), gap + (i // cols) * (h + gap)))
        sheet.save(TARGET, optimize=True)
    print(f"Wrote {TARGET}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1, 3, 4, 6, 11, 13])
