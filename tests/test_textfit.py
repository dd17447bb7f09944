"""Text fitting: widths from real font metrics, line breaks, sizes, and refusal to overflow."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import ImageFont

from deckgen.assets import FONTS
from deckgen.textfit import WIDTH_MARGIN, Fitted, ParaSpec, RunSpec, fit, measure, metrics, wrap


def face_line_em(file_name: str) -> float:
    """A face's own line (ascent + descent + gap) in ems, read with fontTools here."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(FONTS / file_name))
    hhea = font["hhea"]
    return (hhea.ascent - hhea.descent + hhea.lineGap) / font["head"].unitsPerEm


# Renderers put DrawingML lines 1.2 x the size apart (LibreOffice measured in test_check);
# a face whose own line is taller takes its own: Carlito's is, Liberation Sans's is not.
LINE = max(1.2, face_line_em("Carlito-Regular.ttf"))
ARIAL_LINE = max(1.2, face_line_em("LiberationSans-Regular.ttf"))
CJK_LINE = face_line_em("NotoSansSC-Regular.otf")


def pil_width(text: str, size_pt: float, bold: bool = False) -> float:
    """Measure independently of deckgen, with Pillow's FreeType renderer (points)."""
    name = "Carlito-Bold.ttf" if bold else "Carlito-Regular.ttf"
    font = ImageFont.truetype(str(FONTS / name), 1000)
    return font.getlength(text) * size_pt / 1000


def test_width_matches_an_independent_renderer():
    # Pillow kerns, deckgen does not: deckgen's width is never smaller, and close for text
    # without strongly kerned pairs.
    for text in ["Hello world", "US$55.14 billion", "nearly 98% of 251 tasks", "Ww Ii"]:
        for bold in (False, True):
            ours = metrics("Calibri", bold).width_pt(text, 20)
            theirs = pil_width(text, 20, bold)
            assert theirs - 0.05 <= ours <= theirs * 1.01 + 0.5
    assert metrics("Calibri").width_pt("AVATAR", 20) > pil_width("AVATAR", 20)


def test_calibri_and_arial_are_measured_with_their_twins():
    assert metrics("Calibri").path.name == "Carlito-Regular.ttf"
    assert metrics("Arial", bold=True).path.name == "LiberationSans-Bold.ttf"
    assert abs(metrics("Calibri").line_height_em - LINE) < 1e-9
    assert LINE > 1.2 and ARIAL_LINE == 1.2
    assert abs(metrics("Arial").line_height_em - ARIAL_LINE) < 1e-9
    assert abs(metrics("Arial").line_em("北京") - CJK_LINE) < 1e-9


def test_wrap_breaks_at_spaces_and_keeps_words_whole():
    font = metrics("Calibri")
    lines = wrap([("the quick brown fox jumps over the lazy dog", font, 20)], 140)
    assert [line[0] for line in lines] == ["the quick brown", "fox jumps over", "the lazy dog"]
    assert all(line[1] <= 140 for line in lines)
    assert font.width_pt("the quick brown fox", 20) > 140  # so the break was needed


def test_no_break_at_a_run_boundary_inside_a_word():
    bold = metrics("Calibri", True)
    lines = wrap([("US$", bold, 30), ("55.14", bold, 60), (" billion", bold, 24)], 400)
    assert [line[0] for line in lines] == ["US$55.14 billion"]
    assert wrap([("US$", bold, 30), ("55.14", bold, 60)], 150) is None


def test_chinese_breaks_between_characters_but_obeys_punctuation_rules():
    font = metrics("Calibri")
    text = "北京两区建设三年来，国务院批复任务已启动。（试点）"
    breaks_seen = set()
    for width in range(45, 400, 7):  # every width holds at least two characters
        wrapped = wrap([(text, font, 20)], width)
        assert wrapped, width
        lines = [line[0] for line in wrapped]
        for line in lines:
            assert line[0] not in "，。、：；！？）」』"
            assert line[-1] not in "（「『"
            assert pil_cjk_width(line, 20) <= width + 0.5
        assert "".join(lines) == text
        breaks_seen.add(len(lines))
        # the punctuation travels with the character before it, never alone
        assert "，" not in [line[:1] for line in lines] and "（" not in [
            line[-1:] for line in lines
        ]
    assert len(breaks_seen) > 4  # the widths really did wrap the text differently
    # a line that would start with "，" keeps the character before it company instead
    # (and the last line takes a second character rather than leave one alone)
    narrow = [line[0] for line in wrap([("三年来，任务", font, 20)], 65)]
    assert narrow == ["三年", "来，", "任务"]


def pil_cjk_width(text: str, size_pt: float) -> float:
    """Width of Chinese text with Pillow: CJK characters in the bundled CJK face."""
    cjk = ImageFont.truetype(str(FONTS / "NotoSansSC-Regular.otf"), 1000)
    latin = ImageFont.truetype(str(FONTS / "Carlito-Regular.ttf"), 1000)
    total = 0.0
    for char in text:
        face = latin if latin.getmask(char).getbbox() and ord(char) < 0x2E80 else cjk
        total += face.getlength(char)
    return total * size_pt / 1000


def test_fit_shrinks_within_range_and_reports_height():
    paras = [
        ParaSpec((RunSpec("A heading that is fairly long for its box", 28, 16, True),)),
        ParaSpec((RunSpec("Body text follows the heading here", 18, 14),), 6),
    ]
    result = fit(paras, 200, 90)
    assert result is not None
    heading_size, body_size = result.sizes[0][0], result.sizes[1][0]
    assert 16 <= heading_size < 28 and 14 <= body_size <= 18
    assert result.height_pt <= 90
    expected = (
        sum(len(lines) for lines in result.lines[:1]) * heading_size * LINE
        + len(result.lines[1]) * body_size * LINE
        + 6
    )
    assert abs(result.height_pt - expected) < 0.01


def test_text_that_cannot_fit_is_refused():
    paras = [ParaSpec((RunSpec("word " * 200, 18, 14),))]
    assert fit(paras, 200, 100) is None
    assert (
        fit([ParaSpec((RunSpec("Unbreakablewordthatiswiderthanthebox", 20, 14),))], 50, 500) is None
    )


def test_fit_prefers_the_largest_size():
    paras = [ParaSpec((RunSpec("short", 40, 10),))]
    assert fit(paras, 500, 500).sizes == ((40.0,),)


words = st.lists(
    st.text(alphabet="abcdefghij WXYZ", min_size=1, max_size=12), min_size=1, max_size=30
).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(text=words, width=st.floats(80, 600), height=st.floats(20, 400))
def test_fitted_text_never_exceeds_its_box(text, width, height):
    result = fit([ParaSpec((RunSpec(text, 24, 12),))], width, height)
    if result is None:
        return
    size = result.sizes[0][0]
    assert result.height_pt <= height
    for line in result.lines[0]:
        assert pil_width(line, size) <= width
    joined = " ".join(result.lines[0]).split()
    assert joined == text.split()


def test_measure_counts_paragraph_spacing():
    paras = [ParaSpec((RunSpec("one", 20, 20),)), ParaSpec((RunSpec("two", 20, 20),), 10)]
    height, _, lines = measure(paras, [[20], [20]], 500)
    assert lines == [("one",), ("two",)]
    assert abs(height - (2 * 20 * LINE + 10)) < 1e-6


def test_bold_is_measured_with_the_bold_face():
    text = "Paid-in foreign investment reached a record"
    regular = measure([ParaSpec((RunSpec(text, 20, 20),))], [[20]], 1000)
    bold = measure([ParaSpec((RunSpec(text, 20, 20, bold=True),))], [[20]], 1000)
    assert bold[1] > regular[1]  # the widest line
    assert abs(bold[1] - pil_width(text, 20, bold=True)) < 0.06 * bold[1]
    assert abs(regular[1] - pil_width(text, 20)) < 0.06 * regular[1]


def test_measure_reports_the_widest_line_and_line_spacing():
    paras = [ParaSpec((RunSpec("short", 20, 20),)), ParaSpec((RunSpec("a longer line", 20, 20),))]
    height, widest, _ = measure(paras, [[20], [20]], 500)
    assert abs(widest - metrics("Calibri").width_pt("a longer line", 20)) < 1e-6
    spaced = [ParaSpec(p.runs, line_spacing=1.5) for p in paras]
    assert abs(measure(spaced, [[20], [20]], 500)[0] - 1.5 * height) < 1e-6


def test_a_unit_word_never_leaves_its_number():
    font = metrics("Calibri", True)
    for keep in (True, False):
        runs = (RunSpec("551.4", 40, 40, bold=True), RunSpec("亿美元", 40, 40, keep=keep))
        # room for the number, the gap renderers put before Chinese, and one character
        width = font.width_pt("551.4亿", 40) + 0.25 * 40 + 2
        assert measure([ParaSpec(runs)], [[40, 40]], width) is None  # "551.4 / 亿美元": never
        wide = font.width_pt("551.4亿美元", 40) + 0.25 * 40 + 2
        assert measure([ParaSpec(runs)], [[40, 40]], wide)[2] == [("551.4亿美元",)]
    # in running text too: the figure moves to the next line whole
    width = font.width_pt("实际使用外资551.4亿", 20) + 8
    lines = wrap([("实际使用外资551.4亿美元", font, 20)], width)
    assert [line[0] for line in lines] == ["实际使用外资", "551.4亿美元"]


def test_fit_steps_one_point_at_a_time_and_fills_the_box_exactly():
    text = "nearly 98% of the approved tasks"
    para = [ParaSpec((RunSpec(text, 40, 10),))]
    one_line = metrics("Calibri").width_pt(text, 33) / WIDTH_MARGIN
    result = fit(para, one_line + 0.01, 33 * LINE)  # 33 pt fits on one line, 34 does not
    assert result.sizes == ((33.0,),) and result.lines == ((text,),)
    assert result.height_pt == pytest.approx(33 * LINE)
    assert result.width_pt == pytest.approx(metrics("Calibri").width_pt(text, 33))
    exact = fit(para, one_line + 0.01, result.height_pt)  # exactly the height needed
    assert exact is not None and exact.sizes == ((33.0,),)


def test_nothing_to_fit_takes_no_room():
    assert fit([], 100, 100) == Fitted((), (), 0.0, 0.0)
    assert fit([ParaSpec((RunSpec("x", 0, 0),))], 100, 100) == Fitted((), (), 0.0, 0.0)


@pytest.mark.parametrize(
    "code, cjk",
    [
        (0x2E7F, False), (0x2E80, True), (0x9FFF, True), (0xA000, False),
        (0xF8FF, False), (0xF900, True), (0xFAFF, True), (0xFB00, False),
        (0xFEFF, False), (0xFF00, True), (0xFFEF, True), (0xFFF0, False),
        (0x3000, True), (0x303F, True), (0x3040, True),
        (0x1FFFF, False), (0x20000, True), (0x2FFFF, True), (0x30000, False),
    ],
)  # fmt: skip
def test_which_characters_break_like_chinese(code, cjk):
    from deckgen.textfit import is_cjk

    assert is_cjk(chr(code)) is cjk


def test_empty_text_is_one_empty_line_and_trailing_spaces_take_no_width():
    font = metrics("Calibri")
    assert [line[0] for line in wrap([("", font, 20)], 100)] == [""]
    (line,) = wrap([("alpha beta ", font, 20)], 500)
    assert line[0] == "alpha beta" and line[1] == pytest.approx(font.width_pt("alpha beta", 20))


def test_the_gap_before_chinese_decides_a_break():
    font = metrics("Calibri")
    glyphs = font.width_pt("ab北", 20)
    # the glyphs alone fit; with the quarter-em gap between 'b' and 北 they do not
    lines = wrap([("ab北", font, 20)], glyphs + 2)
    assert [line[0] for line in lines] == ["ab", "北"]
    assert [line[0] for line in wrap([("ab北", font, 20)], glyphs + 5.5)] == ["ab北"]


def test_a_kept_run_never_splits_even_when_it_starts_inside_a_piece():
    from deckgen.textfit import metrics, wrap

    font = metrics("Calibri", True)
    runs = [("↓ 比上年末", font, 18.0), ("-2.6万人", font, 18.0)]
    for width in (60, 80, 100, 120, 140):
        lines = wrap(runs, width, keep=[False, True])
        if lines is None:
            continue
        assert not any(line[0].endswith(("万", "-2.6")) for line in lines), lines
        assert any("-2.6万人" in line[0] for line in lines), lines


def test_a_kept_run_may_still_start_a_line_after_its_leading_space():
    from deckgen.textfit import metrics, wrap

    font = metrics("Calibri", True)
    runs = [("327.5", font, 48.0), (" million recreation visits", font, 14.0)]
    lines = wrap(runs, 200, keep=[False, True])
    assert [line[0] for line in lines] == ["327.5", "million recreation visits"]


def test_the_renderer_writes_the_planned_break_before_a_run():
    from deckgen.deck.text import planned_breaks
    from deckgen.plan import Paragraph, Run

    runs = (Run("551.4", 66, "000000"), Run("亿美元", 26, "000000"))
    assert planned_breaks(Paragraph(runs, lines=("551.4", "亿美元"))) == {1}
    assert planned_breaks(Paragraph(runs, lines=("551.4亿美元",))) == set()
    words = (Run("US$55.14", 66, "000000"), Run(" billion", 26, "000000"))
    assert planned_breaks(Paragraph(words, lines=("US$55.14", "billion"))) == {1}


def test_a_font_without_a_twin_is_measured_wider_than_its_stand_in():
    """Verdana (no bundled twin) is measured with DejaVu Sans and a margin, since Verdana
    sets text wider than DejaVu Sans; fonts with a twin keep their exact widths."""
    from deckgen.textfit import STAND_IN_WIDTH

    text = "Progress of the national integrated demonstration zone"
    stand_in = metrics("DejaVu Sans").width_pt(text, 20)
    assert metrics("Verdana").width_pt(text, 20) == pytest.approx(stand_in * STAND_IN_WIDTH)
    assert STAND_IN_WIDTH > 1.0
    assert metrics("Calibri").width_pt(text, 20) == pytest.approx(pil_width(text, 20), rel=0.01)


def test_the_metrics_shipped_beside_each_bundled_font_are_its_own():
    """Measuring reads the metrics shipped beside a bundled font instead of the font (0.2 s
    saved on a cold build); they must be what fontTools reads from the font now."""
    import json

    from deckgen.assets import FONTS
    from deckgen.textfit import (
        _cached_metrics,
        _read_metrics,
        bundled_metrics_path,
        encode_metrics,
    )

    fonts = sorted([*FONTS.glob("*.ttf"), *FONTS.glob("*.otf")])
    assert len(fonts) >= 10
    for font in fonts:
        read = _read_metrics(font)
        shipped = json.loads(bundled_metrics_path(font).read_text(encoding="utf-8"))
        assert shipped == encode_metrics(read, font.stat().st_size), (
            f"{font.name}: run python tools/font_metrics.py"
        )
        assert _cached_metrics(font) == read


def test_shipped_metrics_for_another_file_are_not_used(tmp_path):
    """A font replaced by a file of another size is measured, not taken from stale metrics."""
    import shutil

    from deckgen.assets import FONTS
    from deckgen.textfit import _cached_metrics, _read_metrics, bundled_metrics_path

    font = tmp_path / "Carlito-Regular.ttf"
    shutil.copyfile(FONTS / "LiberationSans-Regular.ttf", font)
    shutil.copyfile(bundled_metrics_path(FONTS / "Carlito-Regular.ttf"), bundled_metrics_path(font))
    assert _cached_metrics(font) == _read_metrics(font)
