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
    assert is_share(metric(5, "%")) and not is_share(metric(5, "tasks"))


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
