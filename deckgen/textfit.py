"""Measure, wrap and fit text with real font metrics (pure: no python-pptx, no matplotlib).

Sizes are in points. Widths come from the bundled metric-compatible fonts (``assets/fonts``),
so a line measured here breaks where PowerPoint and LibreOffice break it. Measurement is
deliberately a little pessimistic (no kerning, a width margin), so text that fits here fits
when rendered.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from functools import cache
from itertools import accumulate, repeat
from pathlib import Path

import yaml

from .assets import FONTS
from .cache import cache_dir
from .linebreak import has_cjk, is_cjk, lone, loosen, pieces

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the same safe loader, in C
WIDTH_MARGIN = 0.97  # use 97% of the measured box width: renderers differ by a percent or two
# The one line-height model, shared by the planner and `deckgen check`: PowerPoint and
# LibreOffice space DrawingML lines at least 1.2 x the size; a line holding characters of a
# face whose own line is taller (Calibri, CJK faces) takes that face's line.
DRAWINGML_LINE_PITCH = 1.2


class FontMetrics:
    """Advance widths and line height of one font file (one face of a collection).

    Reading a font with fontTools costs tens of milliseconds, so the few numbers deckgen
    needs are shipped beside each bundled font (``<font>.metrics.json``), and kept for any
    other font in a small cache file (keyed by the font file's size and time) under the
    user's cache folder; a missing or unwritable cache only costs that time again.
    """

    def __init__(self, path: Path, index: int = 0):
        self.path, self.index = path, index
        data = _cached_metrics(path, index)
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
            widths = map(self._advance.get, map(ord, text), repeat(self._fallback))
            found = sum(widths) / self.units_per_em
            self._ems[text] = found
        return found

    def line_em(self, text: str) -> float:
        """Return the line height (in ems) of a line holding ``text``."""
        return self.line_height_em


QUOTES = frozenset("“”‘’")


class FallbackMetrics:
    """A face whose missing glyphs are measured with other faces, as renderers substitute a
    font for characters the first one lacks: Chinese in a Latin face takes the bundled CJK
    face; a character no bundled face has takes an installed CJK font that has it
    (:func:`installed_face`). Characters no font has are measured a full em wide."""

    def __init__(
        self,
        primary: FontMetrics,
        fallback: FontMetrics | None = None,
        bold=False,
        scale: float = 1.0,
    ):
        self.primary, self.fallback, self.bold = primary, fallback, bold
        self.scale = scale  # > 1 for a stand-in face: the real font may be wider
        self.path = primary.path
        self.units_per_em = primary.units_per_em
        # a stand-in's line is taken as tall as the tallest common theme font's (Segoe UI)
        self._least_line = STAND_IN_LINE if scale > 1 else 0.0
        self.line_height_em = max(primary.line_height_em, self._least_line)
        self.ascent_em = primary.ascent_em
        self._bundled = (primary,) if fallback is None else (primary, fallback)
        self._faces: dict[str, FontMetrics | None] = {}
        self._ems: dict[str, float] = {}
        self._lines: dict[str, float] = {}
        self._char_ems: dict[str, float] = {}  # each character in the face that draws it
        self._char_lines: dict[str, float] = {}

    def _drawn_by(self, char: str) -> FontMetrics | None:
        """Return the face that draws ``char``: a bundled one, else an installed one."""
        try:
            return self._faces[char]
        except KeyError:
            pass
        found = next((f for f in self._bundled if f.has(char)), None)
        if found is None:
            found = installed_face(char, self.bold)
        self._faces[char] = found
        return found

    def _face(self, char: str) -> FontMetrics:
        return self._drawn_by(char) or self.primary

    def has(self, char: str) -> bool:
        return self._drawn_by(char) is not None

    def installed(self, text: str) -> list[FontMetrics]:
        """Return the installed (not bundled) faces that draw characters of ``text``, in the
        order they are first needed; fontconfig is asked only for characters no bundled face
        has."""
        faces = []
        for char in text:
            face = self._drawn_by(char)
            if face is not None and face not in self._bundled and face not in faces:
                faces.append(face)
        return faces

    def width_pt(self, text: str, size_pt: float) -> float:
        return self.ems(text) * size_pt

    def ems(self, text: str) -> float:
        found = self._ems.get(text)
        if found is None and self.fallback is None and all(self.primary.has(c) for c in text):
            found = self._ems[text] = self.primary.ems(text)  # a CJK face's own text
        if found is None:
            for c in set(text).difference(self._char_ems):
                self._char_ems[c] = self._face(c).ems(c)
            found = sum(map(self._char_ems.__getitem__, text))
            if self.fallback is not None and not QUOTES.isdisjoint(text):
                # Renderers set a quote among Chinese in the Chinese face, a full em wide.
                if has_cjk(text):
                    found += sum(
                        self.fallback.ems(c) - self._face(c).ems(c) for c in text if c in QUOTES
                    )
            found *= self.scale
            self._ems[text] = found
        return found

    def line_em(self, text: str) -> float:
        found = self._lines.get(text)
        if found is None:
            for c in set(text).difference(self._char_lines):
                self._char_lines[c] = self._face(c).line_height_em
            found = max(map(self._char_lines.__getitem__, text), default=self.line_height_em)
            found = max(found, self._least_line)
            self._lines[text] = found
        return found


def _read_metrics(path: Path, index: int = 0) -> dict:
    import logging

    from fontTools.ttLib import TTFont  # imported only when the cache has no entry

    # Carlito's head table carries a creation date fontTools complains about; it is harmless.
    logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)

    font = TTFont(str(path), lazy=True, fontNumber=index)
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


def encode_metrics(data: dict, size: int) -> dict:
    """Return font metrics in the compact form bundled beside a font: the code points of
    each advance width, as gaps from the one before (most CJK glyphs share one width)."""
    widths: dict[str, list[int]] = {}
    last: dict[int, int] = {}
    for cp in sorted(data["advance"]):
        width = data["advance"][cp]
        widths.setdefault(str(width), []).append(cp - last.get(width, 0))
        last[width] = cp
    return {
        "size": size,
        "upem": data["upem"],
        "line": data["line"],
        "ascent": data["ascent"],
        "widths": widths,
    }


def bundled_metrics_path(path: Path) -> Path:
    return path.with_name(path.name + ".metrics.json")


def _bundled_metrics(path: Path, index: int) -> dict | None:
    """Return the metrics shipped beside a bundled font (made by tools/font_metrics.py), or
    None when there are none or they are not for this file (its size differs)."""
    if index:
        return None
    try:
        data = json.loads(bundled_metrics_path(path).read_bytes())
        if data["size"] != path.stat().st_size:
            return None
        advance = {}
        for width, gaps in data["widths"].items():  # code points as gaps from the one before
            advance.update(dict.fromkeys(accumulate(gaps), int(width)))
        return {k: data[k] for k in ("upem", "line", "ascent")} | {"advance": advance}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _cached_metrics(path: Path, index: int = 0) -> dict:
    """Return the metrics of a font file (face ``index`` of a collection): those shipped
    beside a bundled font, else from the JSON cache file when it holds them.

    The cache is plain data (JSON, never pickle: a shared or restored cache folder must not
    run code); a file of any other shape is ignored and the font measured again.
    """
    shipped = _bundled_metrics(path, index)
    if shipped is not None:
        return shipped
    stat = path.stat()
    face = f"-{index}" if index else ""
    key = f"{path.name}{face}-{stat.st_size}-{int(stat.st_mtime)}-metrics-v2.json"
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
    data = _read_metrics(path, index)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, cache)
    except OSError:
        pass  # no cache: measure again next time
    return data


@cache
def _font_table() -> tuple[dict[str, dict[str, str]], str, dict[str, str]]:
    data = yaml.load((FONTS / "fonts.yaml").read_bytes(), _SAFE_LOADER)
    families = {k.lower(): v for k, v in data["families"].items()}
    return families, data["fallback"].lower(), data["cjk"]


def known_family(family: str) -> bool:
    """Return True when a metric-compatible twin of ``family`` is bundled."""
    return family.lower() in _font_table()[0]


# A font with no bundled twin is measured with the wide stand-in, 5% wider still: Verdana,
# the widest common theme font, sets English text 2-4% wider than DejaVu Sans (its spaces,
# punctuation and capital I are wider), so text planned this way fits the real font.
STAND_IN_WIDTH = 1.05
STAND_IN_LINE = 1.33  # ems: Verdana's line is 1.215, Segoe UI's 1.33


@cache
def metrics(family: str, bold: bool = False) -> FallbackMetrics:
    """Return the metrics for ``family``: its bundled twin, else the wide fallback face.

    Characters the face lacks (Chinese in a Latin font) are measured with the bundled CJK
    face, as PowerPoint, LibreOffice and matplotlib substitute one for them; characters
    beyond that (rare names) with an installed CJK font (:func:`installed_face`).
    """
    families, fallback, cjk = _font_table()
    entry = families.get(family.lower())
    scale = 1.0 if entry is not None else STAND_IN_WIDTH
    entry = entry or families[fallback]
    weight = "bold" if bold else "regular"
    face = _load(FONTS / entry[weight])
    cjk_face = _load(FONTS / cjk[weight])
    return FallbackMetrics(face, None if face is cjk_face else cjk_face, bold, scale)


def undrawable(text: str) -> list[str]:
    """Return the characters of ``text`` that no font can draw (emoji, say): neither a
    bundled font nor an installed CJK font."""
    face = metrics("Calibri")
    return sorted({c for c in text if not c.isspace() and not face.has(c)})


def cjk_font_path(bold: bool = False) -> Path:
    """Return the bundled CJK font file."""
    return FONTS / _font_table()[2]["bold" if bold else "regular"]


@cache
def _load(path: Path, index: int = 0) -> FontMetrics:
    return FontMetrics(path, index)


FONTCONFIG_TIMEOUT = 10  # seconds


@cache
def installed_face(char: str, bold: bool = False) -> FontMetrics | None:
    """Return the installed Chinese font face that draws ``char``, or None.

    Asked only for characters no bundled face has. fontconfig lists the faces that have the
    character and support Simplified Chinese (so an emoji font never stands in); of those,
    the one fontconfig prefers for the weight is taken (the same machine always gives the
    same face). Without fontconfig (no ``fc-list``/``fc-match``) nothing is installed.
    """
    if char.isspace() or not char.isprintable():
        return None  # spaces and controls are not drawn: no font is asked for them
    pattern = f":charset={ord(char):x}:lang=zh-cn"
    faces = _listed(_fontconfig("fc-list", "--format", "%{file}\t%{index}\t%{weight}\n", pattern))
    if not faces:
        return None
    wanted = pattern + (":weight=bold" if bold else ":weight=regular")
    order = _listed(_fontconfig("fc-match", "-s", "--format", "%{file}\t%{index}\n", wanted))
    preferred = [face for face in order if face in faces]
    target = 200 if bold else 80  # fontconfig's weights of Bold and Regular
    rest = sorted(faces, key=lambda face: (abs(faces[face] - target), face))
    for path, index in dict.fromkeys([*preferred, *rest]):
        try:
            face = _load(Path(path), index)
        except Exception:  # an unreadable or broken font file: try the next one
            continue
        if face.has(char):
            return face
    return None


def _listed(lines: list[str]) -> dict[tuple[str, int], int]:
    """Return {(file, face index): weight} from fontconfig lines 'file<TAB>index[<TAB>weight]'
    (a weight that is no number, as a variable font's range, counts as far from any)."""
    faces = {}
    for line in lines:
        path, index, weight = (line.split("\t") + ["", ""])[:3]
        if path and index.isdigit():
            faces[(path, int(index))] = int(weight) if weight.isdigit() else 1000
    return faces


def _fontconfig(*command: str) -> list[str]:
    """Return the output lines of a fontconfig tool, or none when it is missing or fails."""
    import shutil
    import subprocess

    program = shutil.which(command[0])
    if program is None:
        return []
    try:
        done = subprocess.run(
            [program, *command[1:]],
            capture_output=True,
            timeout=FONTCONFIG_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    if done.returncode != 0:
        return []
    return done.stdout.decode("utf-8", "replace").splitlines()


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


def wrap(
    runs: list[tuple[str, FontMetrics, float]],
    width_pt: float,
    keep: list[bool] | None = None,
    loose: bool = True,
) -> list[tuple[str, float, float, float]] | None:
    """Return the lines of ``runs`` wrapped into ``width_pt``.

    Each line is (text, width, line height, largest size), in points.

    Breaks fall only between pieces of the joined text (:mod:`deckgen.linebreak`), never at a
    run boundary inside a word. A piece too wide for a line of its own is cut at its strict
    breaks only; return None if one of those is still too wide (it would be broken
    mid-word). A last line holding one Chinese character takes the last piece of the line
    before it, when that fits.

    ``loose=False`` keeps every rule: return None rather than cut a piece (a date, a
    qualified figure) or leave a lone last character, so that a smaller size is tried first.
    """
    bounds = []  # (start, end, font, size) of each run in the joined text
    position = 0
    for run_text, font, size in runs:
        bounds.append((position, position + len(run_text), font, size))
        position += len(run_text)
    joined = "".join(run_text for run_text, _, _ in runs)
    gaps = _autospace(joined, bounds)

    def measured(start: int, end: int) -> tuple[float, float, float, float, float]:
        """Return (width, lead, height, trailing space, size) of joined[start:end]."""
        width = tall = space = piece_size = 0.0
        lead = 0.0
        if gaps:
            width = sum(gaps[start + 1 : end])
            lead = gaps[start]  # only between this piece and one before it on the line
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
        return width, lead, tall, space, piece_size

    spans: list[tuple[int, int, tuple]] = []
    offset = 0
    for piece in _kept(list(pieces(joined)), bounds, keep):
        found = measured(offset, offset + len(piece))
        if found[0] - found[3] > width_pt and not _inside_kept(offset, piece, bounds, keep):
            if not loose:
                return None
            for part in loosen(piece):
                spans.append((offset, offset + len(part), measured(offset, offset + len(part))))
                offset += len(part)
            continue
        spans.append((offset, offset + len(piece), found))
        offset += len(piece)
    lines = _greedy(joined, spans, width_pt)
    if lines is None or len(lines) < 2 or not lone(lines[-1][0][0]):
        return [line for line, _ in lines] if lines is not None else None
    moved = lines[-1][1] - 1  # the last span of the line before: it goes down
    balanced = None
    if moved > lines[-2][1]:
        balanced = _greedy(joined, spans, width_pt, force=moved)
    if balanced is None or len(balanced) != len(lines) or lone(balanced[-1][0][0]):
        return [line for line, _ in lines] if loose else None
    return [line for line, _ in balanced]


def _greedy(
    joined: str, spans: list[tuple[int, int, tuple]], width_pt: float, force: int = -1
) -> list[tuple[tuple[str, float, float, float], int]] | None:
    """Fill lines greedily with the measured spans; a line also starts at span ``force``.

    Return each line with the index of its first span, or None if a span is wider than a
    line on its own."""
    lines: list[tuple[tuple[str, float, float, float], int]] = []
    text, used, height, trailing, biggest, first = "", 0.0, 0.0, 0.0, 0.0, 0
    for index, (start, end, (width, lead, tall, space, piece_size)) in enumerate(spans):
        piece = joined[start:end]
        if text and (used + lead + width - space > width_pt or index == force):
            lines.append(((text.rstrip(" "), used - trailing, height, biggest), first))
            text, used, height, biggest, first = "", 0.0, 0.0, 0.0, index
        if width - space > width_pt:
            return None
        used += width + (lead if text else 0.0)
        text += piece
        trailing = space
        height = max(height, tall)
        biggest = max(biggest, piece_size)
    if text or not lines:
        lines.append(((text.rstrip(" "), used - trailing, height, biggest), first))
    return lines


def _inside_kept(offset: int, piece: str, bounds: list, keep: list[bool] | None) -> bool:
    """Return True when ``piece`` holds part of a run marked to be kept whole."""
    if not keep:
        return False
    end = offset + len(piece)
    return any(
        k and r_start < end and r_end > offset for (r_start, r_end, _, _), k in zip(bounds, keep)
    )


# PowerPoint and LibreOffice set a gap of about a quarter em between Chinese text and Latin
# letters or digits next to it ("551.4 亿美元" drawn from "551.4亿美元", "， 2023" from
# "，2023"); LibreOffice also sets it after an opening quote that begins a paragraph, which
# it takes for Latin text.
AUTOSPACE_EM = 0.25
_WEAK = frozenset(" \u00a0“”‘’")


def _autospace(joined: str, bounds: list) -> list[float] | None:
    """Return the gap (points) renderers put before each character of ``joined``; None when
    the text mixes no Chinese with Latin."""
    if not has_cjk(joined):
        return None
    sizes = [0.0] * len(joined)
    for r_start, r_end, _, size in bounds:
        sizes[r_start:r_end] = [size] * (r_end - r_start)
    gaps = [0.0] * len(joined)
    previous = ""  # the script of the last character that has one: "cjk" or "latin"
    for i, char in enumerate(joined):
        if char in _WEAK:
            if i == 0 or (previous == "" and char in "“‘"):
                previous = "latin" if char in "“‘" else previous
            continue
        script = "cjk" if is_cjk(char) else "latin"
        if previous and script != previous:
            gaps[i] = AUTOSPACE_EM * max(sizes[i - 1], sizes[i])
        previous = script
    return gaps if any(gaps) else None


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
    paras: list[ParaSpec], sizes: list[list[float]], width_pt: float, loose: bool = True
) -> tuple[float, float, list[tuple[str, ...]]] | None:
    """Return (height, widest line, lines) of ``paras`` at ``sizes``; None if a word overflows
    (or, not ``loose``, a line-breaking rule cannot be kept: see :func:`wrap`)."""
    height = 0.0
    widest = 0.0
    all_lines: list[tuple[str, ...]] = []
    for p_index, (para, para_sizes) in enumerate(zip(paras, sizes)):
        runs = [(r.text, metrics(r.family, r.bold), s) for r, s in zip(para.runs, para_sizes)]
        keep = [r.keep for r in para.runs]
        lines = wrap(runs, width_pt, keep if any(keep) else None, loose)
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
    its own minimum. Every line-breaking rule is kept at the largest size that allows it; a
    date or a qualified figure is broken, or a lone last character left, only when no size
    keeps them. Return None when the text does not fit even at the minimum sizes.
    """
    usable = width_pt * WIDTH_MARGIN
    largest = max((r.max_pt for p in paras for r in p.runs), default=0)
    if largest <= 0:
        return Fitted((), (), 0.0, 0.0)
    ruled_out = False  # a rule, not the box, refused some size: try again without the rule
    for loose in (False, True):
        reduction = 0.0
        while True:
            scale = (largest - reduction) / largest
            sizes = [[max(r.min_pt, _round_half(r.max_pt * scale)) for r in p.runs] for p in paras]
            result = measure(paras, sizes, usable, loose)
            if result is None and not loose:
                ruled_out = ruled_out or measure(paras, sizes, usable) is not None
            elif result is not None and result[0] <= height_pt:
                height, widest, lines = result
                return Fitted(tuple(tuple(s) for s in sizes), tuple(lines), height, widest)
            at_minimum = all(
                s <= r.min_pt for p, ps in zip(paras, sizes) for r, s in zip(p.runs, ps)
            )
            if at_minimum:
                break
            reduction += step_pt
        if not ruled_out:
            return None
    return None


def _round_half(value: float) -> float:
    return round(value * 2) / 2


def overflow(paras: list[ParaSpec], width_pt: float, height_pt: float) -> int:
    """Return how many characters, cut from the end of ``paras``, keep them from fitting
    the box at their smallest sizes (0 when they fit).

    The longest fitting beginning is found by bisection with :func:`fit` itself, so the
    count is measured, not estimated (a shorter text fits, by and large, where a longer
    one does).
    """
    smallest = [replace(p, runs=tuple(replace(r, max_pt=r.min_pt) for r in p.runs)) for p in paras]
    total = sum(len(r.text) for p in paras for r in p.runs)
    fits, tight = 0, total + 1  # the longest beginning known to fit; the shortest not to
    while tight - fits > 1:
        middle = (fits + tight) // 2
        if fit(_beginning(smallest, middle), width_pt, height_pt) is not None:
            fits = middle
        else:
            tight = middle
    return total - fits


def _beginning(paras: list[ParaSpec], count: int) -> list[ParaSpec]:
    """Return the first ``count`` characters of ``paras``, in their runs and paragraphs."""
    out = []
    for para in paras:
        runs = []
        for run in para.runs:
            if count <= 0:
                break
            runs.append(replace(run, text=run.text[:count]))
            count -= len(run.text)
        if runs:
            out.append(replace(para, runs=tuple(runs)))
    return out


def too_long(characters: int) -> str:
    """Return how much too long a text is, rounded to a step that suits its size: "about
    3 characters", "about 40 characters", "about 120 characters"."""
    step = 1 if characters < 10 else 5 if characters < 100 else 10
    rounded = max(step, round(characters / step) * step)
    return f"about {rounded} character{'s' if rounded != 1 else ''} too long"
