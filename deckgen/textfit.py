"""Measure, wrap and fit text with real font metrics (pure: no python-pptx, no matplotlib).

Sizes are in points. Widths come from the bundled metric-compatible fonts (``assets/fonts``),
so a line measured here breaks where PowerPoint and LibreOffice break it. Measurement is
deliberately a little pessimistic (no kerning, a width margin), so text that fits here fits
when rendered.
"""

from __future__ import annotations

import json
import logging
import os
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from .assets import FONTS

# Carlito's head table carries a creation date fontTools complains about; it is harmless.
logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)

WIDTH_MARGIN = 0.97  # use 97% of the measured box width: renderers differ by a percent or two
# The one line-height model, shared by the planner and `deckgen check`: PowerPoint and
# LibreOffice space DrawingML lines at least 1.2 x the size; a line holding characters of a
# face whose own line is taller (Calibri, CJK faces) takes that face's line.
DRAWINGML_LINE_PITCH = 1.2
# Characters that may not start or end a line (Chinese line-breaking rules, kinsoku).
NO_LINE_START = set("，。、：；！？）」』】》〉”’,.:;!?)]}%")
NO_LINE_END = set("（「『【《〈“‘([{")


class FontMetrics:
    """Advance widths and line height of one font file.

    Reading a font with fontTools costs tens of milliseconds, so the few numbers deckgen
    needs are kept in a small cache file (keyed by the font file's size and time) under the
    user's cache folder; a missing or unwritable cache only costs that time again.
    """

    def __init__(self, path: Path):
        self.path = path
        data = _cached_metrics(path)
        self.units_per_em = data["upem"]
        natural = data["line"]
        self.line_height_em = max(natural, DRAWINGML_LINE_PITCH)
        self.ascent_em = data["ascent"]
        self._advance = data["advance"]
        self._fallback = self.units_per_em  # unknown glyphs: a full em, never narrower
        self._ems: dict[str, float] = {}

    def has(self, char: str) -> bool:
        return ord(char) in self._advance

    def width_pt(self, text: str, size_pt: float) -> float:
        """Return the advance width of ``text`` at ``size_pt``, in points."""
        return self.ems(text) * size_pt

    def ems(self, text: str) -> float:
        """Return the advance width of ``text`` in ems (memoised: words recur)."""
        found = self._ems.get(text)
        if found is None:
            advance, fallback = self._advance, self._fallback
            found = sum(advance.get(ord(c), fallback) for c in text) / self.units_per_em
            self._ems[text] = found
        return found

    def line_em(self, text: str) -> float:
        """Return the line height (in ems) of a line holding ``text``."""
        return self.line_height_em


class FallbackMetrics:
    """A Latin face whose missing glyphs (Chinese, say) are measured with a CJK face, as
    renderers do when they substitute a font for characters the first one lacks."""

    def __init__(self, primary: FontMetrics, fallback: FontMetrics):
        self.primary, self.fallback = primary, fallback
        self.path = primary.path
        self.units_per_em = primary.units_per_em
        self.line_height_em = primary.line_height_em
        self.ascent_em = primary.ascent_em
        self._ems: dict[str, float] = {}
        self._lines: dict[str, float] = {}

    def _face(self, char: str) -> FontMetrics:
        if self.primary.has(char) or not self.fallback.has(char):
            return self.primary
        return self.fallback

    def has(self, char: str) -> bool:
        return self.primary.has(char) or self.fallback.has(char)

    def width_pt(self, text: str, size_pt: float) -> float:
        return self.ems(text) * size_pt

    def ems(self, text: str) -> float:
        found = self._ems.get(text)
        if found is None:
            found = sum(self._face(c).ems(c) for c in text)
            self._ems[text] = found
        return found

    def line_em(self, text: str) -> float:
        found = self._lines.get(text)
        if found is None:
            found = max((self._face(c).line_height_em for c in text), default=self.line_height_em)
            self._lines[text] = found
        return found


def _read_metrics(path: Path) -> dict:
    from fontTools.ttLib import TTFont  # imported only when the cache has no entry

    font = TTFont(str(path), lazy=True)
    upem = font["head"].unitsPerEm
    hhea = font["hhea"]
    hmtx = font["hmtx"].metrics
    advance = {cp: hmtx[name][0] for cp, name in font.getBestCmap().items()}
    font.close()
    return {
        "upem": upem,
        "line": (hhea.ascent - hhea.descent + hhea.lineGap) / upem,
        "ascent": hhea.ascent / upem,
        "advance": advance,
    }


def _cached_metrics(path: Path) -> dict:
    """Return the metrics of a font file, from the JSON cache file when it holds them.

    The cache is plain data (JSON, never pickle: a shared or restored cache folder must not
    run code); a file of any other shape is ignored and the font measured again.
    """
    stat = path.stat()
    key = f"{path.name}-{stat.st_size}-{int(stat.st_mtime)}-metrics-v2.json"
    cache = cache_dir() / "fonts" / key
    try:
        data = json.loads(cache.read_bytes())
        if (
            isinstance(data, dict)
            and data.keys() == {"upem", "line", "ascent", "advance"}
            and type(data["upem"]) is int
            and data["upem"] > 0
            # em fractions (NaN and infinities fail the comparison)
            and all(type(data[k]) in (int, float) and 0 < data[k] < 10 for k in ("line", "ascent"))
            and isinstance(data["advance"], dict)
            and all(type(width) is int for width in data["advance"].values())
        ):
            advance = {int(cp): width for cp, width in data["advance"].items()}
            return {**data, "advance": advance}
    except (OSError, ValueError, RecursionError):
        pass  # missing, unreadable, not JSON (or nested too deep), a key not a code point
    data = _read_metrics(path)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, cache)
    except OSError:
        pass  # no cache: measure again next time
    return data


def cache_dir() -> Path:
    """Return deckgen's cache folder ($DECKGEN_CACHE, else $XDG_CACHE_HOME/deckgen)."""
    if os.environ.get("DECKGEN_CACHE"):
        return Path(os.environ["DECKGEN_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "deckgen"


@cache
def _font_table() -> tuple[dict[str, dict[str, str]], str, dict[str, str]]:
    data = yaml.safe_load((FONTS / "fonts.yaml").read_text(encoding="utf-8"))
    families = {k.lower(): v for k, v in data["families"].items()}
    return families, data["fallback"].lower(), data["cjk"]


def known_family(family: str) -> bool:
    """Return True when a metric-compatible twin of ``family`` is bundled."""
    return family.lower() in _font_table()[0]


@cache
def metrics(family: str, bold: bool = False) -> FontMetrics | FallbackMetrics:
    """Return the metrics for ``family``: its bundled twin, else the wide fallback face.

    Characters the face lacks (Chinese in a Latin font) are measured with the bundled CJK
    face, as PowerPoint, LibreOffice and matplotlib substitute one for them.
    """
    families, fallback, cjk = _font_table()
    entry = families.get(family.lower()) or families[fallback]
    weight = "bold" if bold else "regular"
    face = _load(FONTS / entry[weight])
    cjk_face = _load(FONTS / cjk[weight])
    return face if face is cjk_face else FallbackMetrics(face, cjk_face)


def undrawable(text: str) -> list[str]:
    """Return the characters of ``text`` that no bundled font can draw (emoji, say)."""
    face = metrics("Calibri")
    return sorted({c for c in text if not c.isspace() and not face.has(c)})


def cjk_font_path(bold: bool = False) -> Path:
    """Return the bundled CJK font file."""
    return FONTS / _font_table()[2]["bold" if bold else "regular"]


@cache
def _load(path: Path) -> FontMetrics:
    return FontMetrics(path)


@dataclass(frozen=True)
class RunSpec:
    """A run of text to fit: its family, weight and the size range it may take (points)."""

    text: str
    max_pt: float
    min_pt: float
    bold: bool = False
    family: str = "Calibri"
    keep: bool = False  # never break inside this run (a unit word such as 亿美元)


@dataclass(frozen=True)
class ParaSpec:
    """A paragraph to fit: runs, space before it (points) and line spacing (1.0 = single)."""

    runs: tuple[RunSpec, ...]
    space_before_pt: float = 0.0
    line_spacing: float = 1.0


@dataclass(frozen=True)
class Fitted:
    """The result of fitting: each run's size, each paragraph's lines, the height used."""

    sizes: tuple[tuple[float, ...], ...]
    lines: tuple[tuple[str, ...], ...]
    height_pt: float
    width_pt: float  # the widest line


def is_cjk(char: str) -> bool:
    """Return True for characters that may break anywhere (Han, kana, CJK punctuation)."""
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x3000 <= code <= 0x303F
        or 0x20000 <= code <= 0x2FFFF
    )


def _pieces(text: str) -> list[str]:
    """Split text into unbreakable pieces; a break may follow any piece.

    Latin words keep their trailing space; a hyphenated word is kept whole (renderers may
    break after its hyphen, an audit may not: measuring it whole is the safe side); CJK
    characters stand alone, glued to punctuation
    that may not start a line and to openers that may not end one.
    """
    pieces: list[str] = []
    current = ""
    for char in text:
        if char == " ":
            current += char
            pieces.append(current)
            current = ""
        elif is_cjk(char) and char not in NO_LINE_START:
            if current and current[-1] not in NO_LINE_END:
                pieces.append(current)
                current = ""
            current += char
        elif (
            current
            and is_cjk(current[-1])
            and char not in NO_LINE_START
            and current[-1] not in NO_LINE_END
            and (char == "-" or not unicodedata.category(char).startswith("P"))  # a sign opens
        ):
            pieces.append(current)
            current = char
        else:
            current += char
    if current:
        pieces.append(current)
    return pieces


def wrap(
    runs: list[tuple[str, FontMetrics, float]], width_pt: float, keep: list[bool] | None = None
) -> list[tuple[str, float, float, float]] | None:
    """Return the lines of ``runs`` wrapped into ``width_pt``.

    Each line is (text, width, line height, largest size), in points.

    Breaks fall only between pieces of the joined text, never at a run boundary inside a
    word. Return None if a piece is wider than the line on its own (it would be broken
    mid-word).
    """
    bounds = []  # (start, end, font, size) of each run in the joined text
    position = 0
    for run_text, font, size in runs:
        bounds.append((position, position + len(run_text), font, size))
        position += len(run_text)
    joined = "".join(run_text for run_text, _, _ in runs)
    gaps = _autospace(joined, bounds)
    lines: list[tuple[str, float, float, float]] = []
    text, used, height, trailing, biggest = "", 0.0, 0.0, 0.0, 0.0
    offset = 0
    for piece in _kept(_pieces(joined), bounds, keep):
        start, end = offset, offset + len(piece)
        offset = end
        width = tall = space = piece_size = 0.0
        if gaps:
            width = sum(gaps[start + 1 : end])
            lead = gaps[start]  # only between this piece and one before it on the line
        else:
            lead = 0.0
        for r_start, r_end, font, size in bounds:
            if r_end <= start or r_start >= end:
                continue
            segment = joined[max(start, r_start) : min(end, r_end)]
            if not segment:
                continue
            width += font.ems(segment) * size
            tall = max(tall, font.line_em(segment) * size)
            piece_size = max(piece_size, size)
            if segment.endswith(" ") and min(end, r_end) == end:
                space = font.ems(" ") * size
        if text and used + lead + width - space > width_pt:
            lines.append((text.rstrip(" "), used - trailing, height, biggest))
            text, used, height, biggest = "", 0.0, 0.0, 0.0
        if width - space > width_pt:
            return None
        used += width + (lead if text else 0.0)
        text += piece
        trailing = space
        height = max(height, tall)
        biggest = max(biggest, piece_size)
    if text or not lines:
        lines.append((text.rstrip(" "), used - trailing, height, biggest))
    return lines


# PowerPoint and LibreOffice set a gap of about a quarter em between Chinese characters and
# Latin letters or digits next to them ("551.4 亿美元" drawn from "551.4亿美元").
AUTOSPACE_EM = 0.25
_LATIN_NEIGHBOURS = set("%$")


def _autospace(joined: str, bounds: list) -> list[float] | None:
    """Return the gap (points) renderers put before each character of ``joined``; None when
    the text mixes no Chinese with Latin."""
    if joined.isascii() or not any(c.isascii() and c.isalnum() for c in joined):
        return None
    sizes = [0.0] * len(joined)
    for r_start, r_end, _, size in bounds:
        sizes[r_start:r_end] = [size] * (r_end - r_start)
    gaps = [0.0] * len(joined)
    for i in range(1, len(joined)):
        before, after = joined[i - 1], joined[i]
        if (_ideographic(before) and _latin(after)) or (_latin(before) and _ideographic(after)):
            gaps[i] = AUTOSPACE_EM * max(sizes[i - 1], sizes[i])
    return gaps


def _ideographic(char: str) -> bool:
    return is_cjk(char) and unicodedata.category(char) == "Lo"


def _latin(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in _LATIN_NEIGHBOURS)


def _kept(pieces: list[str], bounds: list, keep: list[bool] | None) -> list[str]:
    """Merge pieces so that no break falls inside a run marked to be kept whole."""
    if not keep:
        return pieces
    joined = "".join(pieces)
    # A kept run's leading spaces are a break before it ("327.5 / million"), not in it.
    spans = [
        (start + len(joined[start:end]) - len(joined[start:end].lstrip(" ")), end)
        for (start, end, _, _), k in zip(bounds, keep)
        if k and end > start
    ]
    out: list[str] = []
    position = 0
    for piece in pieces:
        # A piece that starts inside a kept run joins the one before (which may have begun
        # before the run: "末-2.6" + "万" + "人" when "-2.6万人" is kept).
        if out and any(start < position < end for start, end in spans):
            out[-1] += piece
        else:
            out.append(piece)
        position += len(piece)
    return out


def measure(
    paras: list[ParaSpec], sizes: list[list[float]], width_pt: float
) -> tuple[float, float, list[tuple[str, ...]]] | None:
    """Return (height, widest line, lines) of ``paras`` at ``sizes``; None if a word overflows."""
    height = 0.0
    widest = 0.0
    all_lines: list[tuple[str, ...]] = []
    for p_index, (para, para_sizes) in enumerate(zip(paras, sizes)):
        runs = [(r.text, metrics(r.family, r.bold), s) for r, s in zip(para.runs, para_sizes)]
        keep = [r.keep for r in para.runs]
        lines = wrap(runs, width_pt, keep if any(keep) else None)
        if lines is None:
            return None
        for _, line_width, line_height, _ in lines:
            height += line_height * para.line_spacing
            widest = max(widest, line_width)
        if p_index:
            height += para.space_before_pt
        all_lines.append(tuple(line[0] for line in lines))
    return height, widest, all_lines


def fit(
    paras: list[ParaSpec], width_pt: float, height_pt: float, step_pt: float = 1.0
) -> Fitted | None:
    """Return the largest sizes (within each run's range) at which ``paras`` fit the box.

    All runs shrink together, one ``step_pt`` of the largest run at a time, each stopping at
    its own minimum. Return None when the text does not fit even at the minimum sizes.
    """
    usable = width_pt * WIDTH_MARGIN
    largest = max((r.max_pt for p in paras for r in p.runs), default=0)
    if largest <= 0:
        return Fitted((), (), 0.0, 0.0)
    reduction = 0.0
    while True:
        scale = (largest - reduction) / largest
        sizes = [[max(r.min_pt, _round_half(r.max_pt * scale)) for r in p.runs] for p in paras]
        result = measure(paras, sizes, usable)
        if result is not None and result[0] <= height_pt:
            height, widest, lines = result
            return Fitted(tuple(tuple(s) for s in sizes), tuple(lines), height, widest)
        at_minimum = all(s <= r.min_pt for p, ps in zip(paras, sizes) for r, s in zip(p.runs, ps))
        if at_minimum:
            return None
        reduction += step_pt


def _round_half(value: float) -> float:
    return round(value * 2) / 2
