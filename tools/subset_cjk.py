"""Make the bundled Chinese font: Noto Sans CJK SC cut down to the common characters.

Keeps GB2312 level 1 (the 3,755 most common hanzi), ASCII, CJK and full-width punctuation,
and every character used by deckgen's bundled texts (facts, scaffold, interface strings).
Run after adding Chinese text the bundled font lacks:

    python tools/subset_cjk.py /usr/share/fonts/opentype/noto/NotoSansCJK-{Regular,Bold}.ttc

(Debian package fonts-noto-cjk; the collection's face 2 is Simplified Chinese.)
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "assets" / "fonts"
TEXT_SOURCES = [
    *ROOT.glob("data/*.yaml"),
    *ROOT.glob("assets/scaffold/*"),
    *ROOT.glob("deckgen/**/*.py"),
]


def characters() -> str:
    chars = {chr(c) for c in range(0x20, 0x7F)}
    for hi in range(0xB0, 0xD8):  # GB2312 level 1
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    chars |= {chr(c) for c in range(0x3000, 0x3040)}  # CJK punctuation
    chars |= {chr(c) for c in range(0xFF01, 0xFF5F)}  # full-width forms
    chars |= set("·—–…“”‘’×−")
    for source in TEXT_SOURCES:
        if source.is_file():
            chars |= {c for c in source.read_text(encoding="utf-8") if ord(c) > 0x2000}
    return "".join(sorted(chars))


def main(collections: list[str]) -> None:
    text = characters()
    for path, weight in zip(collections, ("Regular", "Bold")):
        font = TTCollection(path).fonts[2]
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        font.save(str(TARGET / f"NotoSansSC-{weight}.otf"))
        print(f"{weight}: {len(text)} characters")


if __name__ == "__main__":
    main(sys.argv[1:])
