"""Make the bundled Chinese font: Noto Sans CJK SC cut down to the common characters.

Keeps the 8,105 characters of the Table of General Standard Chinese Characters (通用规范汉字表,
2013; listed in ``assets/fonts/tgh-8105.txt``), GB2312 level 1, ASCII, CJK and full-width
punctuation, and every character used by deckgen's bundled texts (facts, scaffold, interface
strings): 8,384 characters, 4,087,688 bytes (Regular) and 4,189,800 bytes (Bold) when last
made. Characters beyond it are measured and drawn with installed CJK fonts (deckgen.textfit).
Run after adding Chinese text the bundled font lacks:

    python tools/subset_cjk.py /usr/share/fonts/opentype/noto/NotoSansCJK-{Regular,Bold}.ttc

(Debian package fonts-noto-cjk; the collection's face 2 is Simplified Chinese.) The output
keeps the source font's timestamps, so the same sources give the same bytes.

The character list is made from the Unihan database (field kTGH) with

    python tools/subset_cjk.py --list /usr/share/unicode/Unihan_OtherMappings.txt.bz2

(Debian package unicode-data, or Unihan.zip from unicode.org). After changing the fonts, run
`python tools/font_metrics.py` to ship their metrics beside them.
"""

from __future__ import annotations

import bz2
import io
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "assets" / "fonts"
TGH_LIST = TARGET / "tgh-8105.txt"
TGH_COUNT = 8105
TEXT_SOURCES = [
    *ROOT.glob("data/*.yaml"),
    *ROOT.glob("assets/scaffold/*"),
    *ROOT.glob("deckgen/**/*.py"),
]


def tgh_characters(path: Path = TGH_LIST) -> list[str]:
    """Return the characters of the stored list, in table order (lines starting # are notes)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[1] for line in lines if line and not line.startswith("#")]


def write_tgh_list(unihan: Path) -> None:
    """Write ``tgh-8105.txt`` from Unihan_OtherMappings.txt (plain or .bz2)."""
    raw = unihan.read_bytes()
    text = (bz2.decompress(raw) if unihan.suffix == ".bz2" else raw).decode("utf-8")
    version = next(line for line in text.splitlines() if line.startswith("# Unicode version"))
    numbered = {}
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) == 3 and fields[1] == "kTGH":
            for value in fields[2].split():
                numbered[int(value.split(":")[1])] = chr(int(fields[0][2:], 16))
    if sorted(numbered) != list(range(1, TGH_COUNT + 1)):
        raise SystemExit(f"{unihan}: kTGH does not number 1 to {TGH_COUNT}")
    header = [
        f"# The {TGH_COUNT} characters of the Table of General Standard Chinese Characters "
        "(通用规范汉字表, 2013), one a line: table number, tab, character.",
        f"# From the Unihan database field kTGH (Unihan_OtherMappings.txt, {version[2:]}), "
        "© Unicode, Inc., https://www.unicode.org/license.txt",
        "# Made by tools/subset_cjk.py --list; the bundled Chinese font covers every one.",
    ]
    body = [f"{n:04d}\t{numbered[n]}" for n in range(1, TGH_COUNT + 1)]
    TGH_LIST.write_text("\n".join(header + body) + "\n", encoding="utf-8")
    print(f"{TGH_LIST.name}: {len(body)} characters")


def characters() -> str:
    chars = {chr(c) for c in range(0x20, 0x7F)}
    for hi in range(0xB0, 0xD8):  # GB2312 level 1
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    chars |= set(tgh_characters())
    chars |= {chr(c) for c in range(0x3000, 0x3040)}  # CJK punctuation
    chars |= {chr(c) for c in range(0xFF01, 0xFF5F)}  # full-width forms
    chars |= set("·—–…“”‘’×−")
    for source in TEXT_SOURCES:
        if source.is_file():
            chars |= {c for c in source.read_text(encoding="utf-8") if ord(c) > 0x2000}
    return "".join(sorted(chars))


def subset_face(collection: str, text: str) -> bytes:
    """Return the Simplified Chinese face of ``collection`` cut down to ``text``, as OTF bytes."""
    font = TTCollection(collection).fonts[2]
    font.recalcTimestamp = False  # keep the source's head.modified: same bytes every run
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def main(collections: list[str]) -> None:
    text = characters()
    for path, weight in zip(collections, ("Regular", "Bold")):
        data = subset_face(path, text)
        (TARGET / f"NotoSansSC-{weight}.otf").write_bytes(data)
        print(f"{weight}: {len(text)} characters, {len(data)} bytes")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--list"]:
        write_tgh_list(Path(sys.argv[2]))
    else:
        main(sys.argv[1:])
