"""`deckgen draft`: a first facts file from an announcement's plain text.

Rules over the text, offline and deterministic: the text is split into paragraphs as
``deckgen verify`` splits them, each paragraph's language is told by its characters, and the
figures of the chosen language are found by :mod:`.english` or :mod:`.chinese`. A figure
stated twice becomes one metric citing its first place. Every guess is written with a
``# check`` comment quoting the source.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from .. import zhpunct
from . import chinese, english, source, write
from .figures import figures, first_mentions
from .source import DraftError

__all__ = ["Draft", "DraftError", "draft"]

FINDERS = {"en": english.in_paragraph, "zh": chinese.in_paragraph}
LANGUAGE_NAMES = {"en": "English", "zh": "Chinese"}
MAX_FIGURES = 2000  # more than any briefing uses; bounds the time and memory of a draft


@dataclass(frozen=True)
class Draft:
    """A drafted facts file and what the user should know about it."""

    text: str
    lang: str
    figures: int
    paragraphs: int
    warnings: tuple[str, ...]


def draft(path: Path, lang: str | None = None, out: Path | None = None) -> Draft:
    """Return the draft facts of the text in ``path``; ``out`` is where it will be written
    (the source's ``text:`` is relative to its folder; the current folder when None)."""
    src = source.read(path)
    lang = lang or source.main_language(src)
    warnings = []
    others = [i for i, p_lang in enumerate(src.langs, 1) if p_lang and p_lang != lang]
    wanted = {i for i, p_lang in enumerate(src.langs, 1) if p_lang == lang}
    if others:
        other = LANGUAGE_NAMES["zh" if lang == "en" else "en"]
        shown = ", ".join(map(str, others[:8])) + (" …" if len(others) > 8 else "")
        are = f"paragraphs {shown} are" if len(others) > 1 else f"paragraph {shown} is"
        warnings.append(
            f"{path}: {are} in {other} and were left out; draft them with "
            f"--lang {'zh' if lang == 'en' else 'en'} into a second file"
        )
    title = source.title(src, lang) or path.stem
    headline = {1} & wanted if src.paras[0] == title else set()
    found = list(
        islice(
            first_mentions(figures(src.paras, wanted - headline, FINDERS[lang])), MAX_FIGURES + 1
        )
    )
    stated = {(f.value, f.unit) for f in found}  # a headline's figure the body states again
    found = [
        f
        for f in first_mentions(figures(src.paras, headline, FINDERS[lang]))
        if (f.value, f.unit) not in stated
    ] + found
    if len(found) > MAX_FIGURES:
        found = found[:MAX_FIGURES]
        warnings.append(
            f"{path}: the text states more than {MAX_FIGURES:,} figures; the draft stops at "
            f"paragraph {found[-1].para} (draft the rest from a file of its own)"
        )
    if not found:
        warnings.append(
            f"{path}: no figures found in the {LANGUAGE_NAMES[lang]} text; the draft has "
            f"one metric to fill in"
        )
    slug = (
        re.sub(r"[^A-Za-z0-9_.-]+", "-", path.stem).strip("-.")
        if re.search(r"[A-Za-z]", path.stem)
        else ""
    )
    folder = (out.parent if out is not None else Path.cwd()).resolve()
    text_path = Path(os.path.relpath(path.resolve(), folder)).as_posix()
    if lang == "zh":  # the deck sets Chinese punctuation full-width (GB/T 15834)
        title = zhpunct.corrected(title)
    text = write.render(
        source_name=path.name,
        text_path=text_path,
        lang=lang,
        title=title,
        date=source.date(src, lang),
        today=source.today(),
        slug=slug or "briefing",
        publisher=source.publisher(src, lang),
        reporter=source.reporter(src),
        found=found,
        paragraphs=len(src.paras),
    )
    return Draft(text, lang, len(found), len(src.paras), tuple(warnings))
