"""The words sources put beside a figure, per language, and what each says about the value.

Every qualifier is a bound: ``lower`` (the true figure is at least this: "over", 逾),
``upper`` (at most: "nearly", 不到), ``approx`` (close to it: "around", 约) or ``exact``
(达: "reached"). Charts use the bound: the rest of "over 8%" is "under 92%", not 92%.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .text import DEFAULT, Text

Bound = Literal["exact", "lower", "upper", "approx"]


@dataclass(frozen=True)
class Word:
    """A qualifier: its text, its bound, and whether it follows the number (以上)."""

    text: str
    bound: Bound
    after: bool = False
    between: bool = False  # 多, 余: right after the digits (1270多万人)


# English words -> (bound, Chinese word used when the facts give only English).
EN: dict[str, tuple[Bound, str]] = {
    "nearly": ("upper", "近"),
    "almost": ("upper", "近"),
    "around": ("approx", "约"),
    "about": ("approx", "约"),
    "approximately": ("approx", "约"),
    "some": ("approx", "约"),
    "over": ("lower", "超过"),
    "more than": ("lower", "超过"),
    "exceeding": ("lower", "超过"),
    "at least": ("lower", "至少"),
    "up to": ("upper", "最多"),
    "under": ("upper", "不到"),
    "less than": ("upper", "不到"),
    "roughly": ("approx", "约"),
    "an estimated": ("approx", "约"),
    "passed": ("lower", "突破"),
    "topped": ("lower", "突破"),
    "surpassed": ("lower", "突破"),
    "just over": ("lower", "超过"),
    "approaching": ("upper", "近"),
    "just under": ("upper", "近"),
}
# Chinese words -> (bound, English word used when the facts give only Chinese).
ZH: dict[str, tuple[Bound, str]] = {
    "近": ("upper", "nearly"),
    "将近": ("upper", "nearly"),
    "约": ("approx", "around"),
    "超过": ("lower", "over"),
    "逾": ("lower", "over"),
    "超": ("lower", "over"),
    "突破": ("lower", "over"),
    "破": ("lower", "over"),
    "达": ("exact", ""),
    "以上": ("lower", "over"),
    "不到": ("upper", "under"),
    "不足": ("upper", "under"),
    "至少": ("lower", "at least"),
    "最多": ("upper", "up to"),
    "接近": ("upper", "nearly"),
    "大约": ("approx", "around"),
    "左右": ("approx", "around"),
    "以下": ("upper", "under"),
    "多": ("lower", "over"),
    "余": ("lower", "over"),
}
AFTER = {"以上", "以下", "左右"}  # written after the number and its unit: 100万人以上
BETWEEN = {"多", "余"}  # written after the digits, before the unit: 1270多万人, 9400余场
VOCABULARY = {"en": EN, "zh": ZH}
# The bound of the rest of a share: the rest of "over 8%" is "under 92%".
OPPOSITE: dict[Bound, Bound] = {
    "exact": "exact",
    "lower": "upper",
    "upper": "lower",
    "approx": "approx",
}
# Words for the rest of a qualified share, by its bound.
REST_WORD = {
    "en": {"exact": "", "lower": "over", "upper": "under", "approx": "about"},
    "zh": {"exact": "", "lower": "超过", "upper": "不到", "approx": "约"},
}


def known(word: str, lang: str) -> bool:
    return word in VOCABULARY.get(lang, {})


def language_of(word: str) -> str | None:
    """Return the language whose vocabulary holds ``word`` (a plain qualifier), or None."""
    for lang, table in VOCABULARY.items():
        if word in table:
            return lang
    return None


def resolve(qualifier: Text | str | None, lang: str, default_lang: str) -> Word:
    """Return the qualifier to show in ``lang``: given in that language, or translated."""
    if not qualifier:
        return Word("", "exact")
    if isinstance(qualifier, str):
        qualifier = Text.plain(qualifier)
    table = dict(qualifier.versions)
    if lang in table:
        return _word(table[lang], lang)
    for given_lang, word in qualifier.versions:
        source = language_of(word) if given_lang == DEFAULT else given_lang
        if source is None or source not in VOCABULARY:
            continue
        bound, other = VOCABULARY[source][word]
        if source == lang:
            return _word(word, lang)
        if lang == "zh" and source == "en":
            return _word(other, "zh")
        if lang == "en" and source == "zh":
            return Word(other, bound)
    return Word("", "exact")


def _word(word: str, lang: str) -> Word:
    bound = VOCABULARY.get(lang, {}).get(word, ("approx", ""))[0]
    return Word(word, bound, word in AFTER, word in BETWEEN)


def problem(qualifier: Text, default_lang: str) -> tuple[str, str, str] | None:
    """Return (language key, message, hint) when a qualifier is not in the vocabulary."""
    for given_lang, word in qualifier.versions:
        lang = given_lang or (language_of(word) or default_lang)
        if lang not in VOCABULARY:
            return given_lang, f"qualifiers are known in {', '.join(VOCABULARY)} only", ""
        if word not in VOCABULARY[lang]:
            words = ", ".join(VOCABULARY[lang])
            return given_lang, f"{word!r} is not a known qualifier", f"use one of: {words}"
    return None
