"""Text that may be given in one language or several: ``"Tasks"`` or ``{en: Tasks, zh: 任务}``."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT = ""  # key for a plain string: it is in the document's own language


def neutral(value: str) -> bool:
    """Return True for text that reads the same in every language: numbers, dates, periods
    such as '2024', '2023-Q3' or '2020 – 2023' (no letters but Q and no Chinese)."""
    return not any(c.isalpha() and c not in "Q" for c in value)


class MissingLanguage(LookupError):
    """The text has no version in the requested language."""


@dataclass(frozen=True)
class Text:
    """A piece of text in one or more languages (language code -> string)."""

    versions: tuple[tuple[str, str], ...]

    @classmethod
    def plain(cls, value: str) -> Text:
        return cls(((DEFAULT, value),))

    def get(self, lang: str, default_lang: str) -> str:
        """Return the text in ``lang``; a plain string counts as ``default_lang``."""
        table = dict(self.versions)
        if lang in table:
            return table[lang]
        if DEFAULT in table and (lang == default_lang or neutral(table[DEFAULT])):
            return table[DEFAULT]
        raise MissingLanguage(lang)

    def languages(self, default_lang: str) -> set[str]:
        return {default_lang if k == DEFAULT else k for k, _ in self.versions}
