"""Figures as a source states them: ordinals, money, scales, remainders, placeholders."""

from __future__ import annotations

from dataclasses import replace

import pytest

from deckgen.assets import DEFAULT_FACTS
from deckgen.facts import Cite, Metric, load_facts
from deckgen.numbers import complement, expand, figure, format_value, is_amount, is_share
from deckgen.text import Text


def metric(value, unit=None, qualifier="") -> Metric:
    return Metric(
        id="m",
        value=value,
        label=Text.plain("of something"),
        cite=Cite(source="s", para=1),
        unit=Text.plain(unit) if isinstance(unit, str) else unit,
        qualifier=qualifier,
    )


@pytest.mark.parametrize(
    "rank, en",
    [
        (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (10, "10th"), (11, "11th"),
        (12, "12th"), (13, "13th"), (20, "20th"), (21, "21st"), (22, "22nd"), (23, "23rd"),
        (101, "101st"), (111, "111th"), (112, "112th"), (113, "113th"), (121, "121st"),
    ],
)  # fmt: skip
def test_ranks_read_as_ordinals(rank, en):
    assert figure(metric(rank, "rank")).full == en
    assert figure(metric(rank, "rank"), "zh").full == f"第{rank}"


@pytest.mark.parametrize(
    "value, expected", [(98, "98"), (44.5, "44.5"), (55.14, "55.14"), (1250, "1,250"), (0.1, "0.1")]
)
def test_numbers_are_written_as_the_facts_give_them(value, expected):
    assert format_value(value) == expected


@pytest.mark.parametrize("share, rest", [(9, 91.0), (96.5, 3.5), (99.9, 0.1), (44.5, 55.5)])
def test_remainders_are_exact(share, rest):
    assert complement(metric(share, "%")) == rest


def test_kinds_of_unit():
    assert is_amount(metric(55.14, "USD billion")) and is_amount(metric(3, "EUR"))
    assert not is_amount(metric(5, "tasks")) and not is_amount(metric(5, "%"))
    assert not is_share(metric(5, "tasks"))
    # A percentage is a share of a whole only when the facts say of what.
    assert not is_share(metric(5, "%"))
    assert is_share(replace(metric(5, "%"), of=Text.plain("the national total")))
    assert is_share(replace(metric(5, "%"), kind="share", base="other"))


def test_money_and_scales_in_both_languages():
    assert figure(metric(55.14, "USD billion", "over")).full == "over US$55.14 billion"
    assert figure(metric(55.14, "USD billion"), "zh").full == "551.4亿美元"
    assert figure(metric(2.5, "million")).full == "2.5 million"
    assert figure(metric(500, Text((("en", "measures"), ("zh", "项"))), "around"), "zh").full == (
        "约500项"
    )


def test_placeholders_use_the_facts_language_for_plain_units():
    loaded = load_facts(DEFAULT_FACTS).facts
    measures = replace(loaded.metric("reform_measures"), unit=Text.plain("项"))
    metrics = tuple(measures if m.id == "reform_measures" else m for m in loaded.metrics)
    zh_facts = replace(loaded, meta=replace(loaded.meta, language="zh"), metrics=metrics)
    assert expand("{reform_measures}", zh_facts, "zh") == "约500项"
    assert expand("{reform_measures.number}", zh_facts, "zh") == "约500"


def test_currencies_without_a_symbol_keep_their_code():
    assert figure(metric(3, "CHF billion")).full == "CHF 3 billion"
    assert figure(metric(3, "CHF billion"), "zh").full == "30亿CHF"
    assert figure(metric(3, "EUR million", "over")).full == "over €3 million"


def test_a_qualifier_deckgen_has_no_chinese_for_is_kept_as_written():
    assert figure(metric(98, "%", "逾"), "zh").full == "逾98%"
    assert figure(metric(98, "%", "nearly"), "zh").full == "近98%"


# -- kinds of figure beyond a share ---------------------------------------------------------
def kinded(value, unit=None, kind="", qualifier=None, **more) -> Metric:
    return replace(metric(value, unit), kind=kind, qualifier=qualifier, **more)


def test_growth_is_signed_and_carries_its_basis_in_both_languages():
    rise = kinded(5.2, "%", "growth", basis=Text.plain("year-on-year"))
    fall = kinded(-3.1, "%", "growth", basis=Text.plain("year-on-year"))
    assert figure(rise).number == "+5.2%" and figure(fall).number == "\u22123.1%"
    assert figure(rise).full == "up 5.2% year on year"
    assert figure(fall).full == "down 3.1% year on year"
    assert figure(fall, "zh").full == "同比下降3.1%"
    assert figure(fall, "zh").number == "-3.1%"
    assert figure(rise, "zh").full == "同比增长5.2%"
    assert (figure(rise).sign, figure(fall).sign) == (1, -1)


def test_points_multiples_and_rates_say_what_they_are():
    points = kinded(-0.3, "pp", "points", basis=Text.plain("year-on-year"))
    assert figure(points).amount == "\u22120.3 pp"
    assert figure(points, "zh").full == "同比下降0.3个百分点"
    times = kinded(3.1, None, "multiple")
    assert figure(times).amount == "3.1 times" and figure(times, "zh").amount == "3.1倍"
    rate = kinded(2, "USD million", "rate", qualifier=Text.plain("over"), per="minute")
    assert figure(rate).full == "over US$2 million a minute"
    assert figure(rate, "zh").full == "每分钟超过200万美元"


def test_stated_digits_are_kept_and_scaling_keeps_significant_digits():
    from deckgen.stated import Stated

    assert figure(metric(Stated("72.0"), Text.plain("亿元")), "zh", "zh").full == "72.0亿元"
    assert figure(metric(Stated("1.0"), "%")).amount == "1.0%"
    assert figure(metric(Stated("55.14"), "USD billion"), "zh").amount == "551.4亿美元"
    assert figure(metric(Stated("72.0"), "USD billion"), "zh").amount == "720亿美元"


def test_qualifiers_per_language_and_after_the_number():
    both = Text((("en", "nearly"), ("zh", "约")))
    assert figure(kinded(30, "%", qualifier=both)).amount == "nearly 30%"
    assert figure(kinded(30, "%", qualifier=both), "zh").amount == "约30%"
    # A Chinese word given alone is translated for an English build, with its bound.
    assert figure(kinded(8, "%", qualifier=Text.plain("逾")), "en", "zh").amount == "over 8%"
    over = figure(kinded(100, Text.plain("万人"), qualifier=Text.plain("以上")), "zh", "zh")
    assert over.full == "100万人以上"


def test_the_rest_of_a_qualified_share_keeps_the_opposite_bound():
    from deckgen.numbers import rest_words

    share = kinded(8, "%", "share", qualifier=Text.plain("over"), of=Text.plain("GDP"))
    assert rest_words(share, "en", "en") == "under 92%"
    assert rest_words(replace(share, qualifier=Text.plain("近")), "zh", "zh") == "超过92%"
    assert rest_words(replace(share, qualifier=None), "en", "en") == "92%"


def test_a_figure_stated_in_words_shows_the_words():
    worded = replace(metric(None), words=Text((("en", "nearly half"), ("zh", "近一半"))))
    assert figure(worded).full == "nearly half" and figure(worded, "zh").full == "近一半"
