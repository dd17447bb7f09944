"""Line breaking as a typesetter breaks Chinese and English: figures, dates, quotes, kinsoku."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.linebreak import NO_LINE_END, NO_LINE_START, lone, loosen, pieces
from deckgen.textfit import ParaSpec, RunSpec, fit, metrics, wrap


def test_a_figure_stays_whole_with_its_unit_and_qualifiers():
    cases = {
        "实际使用外资551.4亿美元": "551.4亿美元",
        "外贸企业6.3万家": "6.3万家",
        "提高1.2个百分点": "1.2个百分点",
        "旅客3.2亿人次": "3.2亿人次",
        "约500项具体改革措施": "约500项",
        "超过80%的常规流程": "超过80%",
        "近98%已启动": "近98%",
        "第1段：": "第1段：",
        "城市常住人口100万人以上的": "100万人以上",
        "比上年末-2.6万人": "-2.6万人",
    }
    for text, figure in cases.items():
        assert figure in pieces(text), (text, pieces(text))


def test_a_date_never_breaks_inside_unless_it_cannot_fit_then_after_its_year():
    assert "2023年8月21日" in pieces("发布会于2023年8月21日举行")
    assert "2023年6月" in pieces("2020年至2023年6月")
    assert loosen("2023年8月21日") == ("2023年", "8月21日")
    assert loosen("约500项") == ("约", "500项")  # a qualifier may end a line; a unit never leaves


def test_quotes_latin_words_and_english_text():
    assert "“两区”" in pieces("北京“两区”建设")
    long_quote = pieces("“一个系统、一次理货、一次查验、一次放行”")
    assert long_quote[0] == "“一"  # an opening quote never ends a line
    assert "GDP" in pieces("数字经济占GDP比重")
    assert "R&D" in pieces("研发R&D投入")
    assert pieces("the quick brown fox") == ("the ", "quick ", "brown ", "fox")
    assert pieces("12,500 visits in 2021.") == ("12,500 ", "visits ", "in ", "2021.")


CHARS = "北京两区建设数据万亿元项家年月日个百分点约超过近第以上0123456789.%，。、：；（）“”GDP "


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=CHARS, min_size=1, max_size=40))
def test_pieces_cover_the_text_and_keep_kinsoku(text):
    found = pieces(text)
    assert "".join(found) == text
    for k, piece in enumerate(found):
        assert "".join(loosen(piece)) == piece
        if k and not found[k - 1].endswith(" "):  # (Latin text may break at any space)
            assert piece[0] not in NO_LINE_START, found
        if k < len(found) - 1:
            assert piece.rstrip(" ")[-1:] not in NO_LINE_END or piece.endswith(" "), found


def test_no_lone_last_character_when_the_line_before_can_give_one():
    font = metrics("Calibri")
    text = "促进数据要素产业发展的一揽子政策"
    for chars in range(4, 16):
        width = font.width_pt("政" * chars, 20) + 1
        lines = [line[0] for line in wrap([(text, font, 20)], width)]
        assert "".join(lines) == text
        assert not lone(lines[-1]), (chars, lines)
        assert all(font.width_pt(line, 20) <= width for line in lines)
    # the greedy breaker alone would have left one character on the last line here
    width = font.width_pt("政" * 15, 20) + 1
    assert [line[0] for line in wrap([(text, font, 20)], width)] == [text[:14], text[14:]]


def test_fit_steps_the_size_before_it_breaks_a_date():
    runs = (RunSpec("2023年8月21日", 24, 14, bold=True),)
    font = metrics("Calibri", True)
    whole_at_18 = font.width_pt("2023年8月21日", 18) + 5 * 0.25 * 18
    result = fit([ParaSpec(runs)], (whole_at_18 + 1) / 0.97, 200)
    assert result.lines == (("2023年8月21日",),)
    assert result.sizes[0][0] <= 18.5
    # when no size keeps it whole, it breaks after the year, never between month and day
    narrow = fit([ParaSpec(runs)], font.width_pt("8月21日", 14) * 1.4, 200)
    assert narrow.lines[0][0] == "2023年", narrow.lines


def test_kinsoku_sets_follow_the_unicode_line_breaking_classes():
    """Every CJK or general punctuation mark UAX #14 forbids to start a line (closing
    punctuation, exclamation, infix separators, non-starters) or to end one (opening
    punctuation) is in deckgen's sets; every mark in them has such a class (quotes are QU)."""
    linebreak = pytest.importorskip("uniseg.linebreak")
    blocks = [*range(0x2010, 0x2030), *range(0x3000, 0x3040), *range(0xFF00, 0xFF66)]
    for code in blocks:
        char = chr(code)
        klass = str(linebreak.line_break(char))
        if klass in ("CL", "CP", "EX", "IS", "NS"):
            assert char in NO_LINE_START, (char, klass)
        if klass == "OP":
            assert char in NO_LINE_END, (char, klass)
    for char in NO_LINE_START:
        assert str(linebreak.line_break(char)) in {
            "CL",
            "CP",
            "EX",
            "IS",
            "NS",
            "QU",
            "PO",
            "IN",
            "AI",
        }
    for char in NO_LINE_END:
        assert str(linebreak.line_break(char)) in {"OP", "QU"}
