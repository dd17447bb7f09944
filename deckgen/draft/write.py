"""Write a draft facts file: YAML a user reads and edits, each guess marked ``# check``."""

from __future__ import annotations

import re

from .figures import Found, Ids

SCHEMA_NAME = "facts.schema.json"
# What an id adds to a figure's words for what it is: "exports_growth", "tasks_share".
KIND_IDS = {"growth": "growth", "points": "change", "rank": "rank", "multiple": "times"}
EN_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


# A string YAML reads back as itself when written plain: it starts with a letter, holds none
# of YAML's indicators, and is not a word YAML reads as true, false or null.
_PLAIN = re.compile(r"[A-Za-z\u3400-\u9fff][^:#\n'\"{}\[\],&*!|>%@`]*(?<! )")
_RESERVED = re.compile(r"(?i)y|n|yes|no|on|off|true|false|null|~")


def scalar(value: str) -> str:
    """Return ``value`` as a YAML scalar: plain where YAML reads it back as this string."""
    if value.isprintable() and _PLAIN.fullmatch(value) and not _RESERVED.fullmatch(value):
        return value
    if value.isprintable() and "'" not in value:
        return f"'{value}'"
    return '"' + "".join(_escaped(c) for c in value) + '"'


def _escaped(char: str) -> str:
    """Return ``char`` as a YAML double-quoted scalar writes it."""
    if char in '"\\':
        return "\\" + char
    if char.isprintable():
        return char
    code = ord(char)
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def comment(text: str) -> str:
    return " ".join(text.split())


def short_citation(publisher: str, date: str, lang: str) -> str:
    """Return 'Publisher, 21 Aug 2023' (en) or '发布机构，2023年8月21日' (zh); the publisher
    alone for an undated source."""
    if not date:
        return publisher
    parts = date.split("-")
    if lang == "zh":
        when = f"{parts[0]}年" + "".join(
            f"{int(p)}{unit}" for p, unit in zip(parts[1:], ("月", "日"))
        )
        return f"{publisher}，{when}"
    if len(parts) == 3:
        when = f"{int(parts[2])} {EN_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    elif len(parts) == 2:
        when = f"{EN_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    else:
        when = parts[0]
    return f"{publisher}, {when}"


def render(
    *,
    source_name: str,
    text_path: str,
    lang: str,
    title: str,
    date: tuple[str, str],
    today: str,
    slug: str,
    publisher: str,
    reporter: str,
    found: list[Found],
    paragraphs: int,
) -> str:
    """Return the draft facts file's text."""
    placeholder = {"en": ("Your team", "Publisher"), "zh": ("您的团队", "发布机构")}[lang]
    org, pub = placeholder[0], publisher or placeholder[1]
    ids = Ids()
    source_id = ids.make(publisher if lang == "en" else "", "source")
    when, how = date
    stated = bool(when)
    if not stated:  # the deck needs a date: the day of the draft, and the source undated
        when, how = today, "the text states no date: the day of this draft; the source is undated"
    lines = [
        f"# yaml-language-server: $schema={SCHEMA_NAME}",
        f"# Drafted by `deckgen draft` from {source_name}: {len(found)} figures in "
        f"{paragraphs} paragraphs.",
        "# A draft, not facts yet: compare each line marked `# check` with the source, fix the",
        "# labels, delete the figures the briefing does not need, then run `deckgen validate`",
        "# and `deckgen verify` (which checks every figure against the text). Reference:",
        "# docs/facts.md in deckgen's repository.",
        "",
        "meta:",
        f"  title: {scalar(title)}   # check: from the text's first line",
        f"  date: {scalar(when)}   # check: {comment(how)}",
        f"  organisation: {scalar(org)}   # check: who presents the briefing",
        f"  language: {lang}",
        f"  slug: {slug}   # check: the deck's file name",
        "",
        "sources:",
        f"- id: {source_id}",
        f"  publisher: {scalar(pub)}   # check: who published the text",
        f"  event: {scalar(title)}   # check: what it is: a press conference, a release …",
    ]
    if stated:
        lines.append(f"  date: {scalar(when)}")
    if reporter:
        lines.append(f"  reporter: {scalar(reporter)}")
    lines += [
        f"  short: {scalar(short_citation(pub, when if stated else '', lang))}"
        "   # check: cited in slide footers",
        f"  text: {scalar(text_path)}",
        "",
    ]
    metric_ids = _metric_ids(found, lang, ids)
    if found:
        lines.append("metrics:")
        counts = {
            (f.para, f.value): mid
            for f, mid in reversed(list(zip(found, metric_ids)))
            if f.unit != "%"
        }
        for f, mid in zip(found, metric_ids):
            base = counts.get((f.para, f.of_number), "") if f.of_number else ""
            lines += _metric(f, mid, source_id, base)
    else:
        lines += _empty_metrics(source_id, lang)
    lines += _templates(metric_ids, lang)
    return "\n".join(lines) + "\n"


def _metric_ids(found: list[Found], lang: str, ids: Ids) -> list[str]:
    out = []
    for n, f in enumerate(found, 1):
        words = f.short or f.label if lang == "en" else ""
        suffix = KIND_IDS.get(f.kind, "share" if f.unit == "%" and not f.kind else "")
        out.append(ids.make(words, f"figure_{n:02d}", suffix))
    return out


def _metric(f: Found, mid: str, source_id: str, base: str = "") -> list[str]:
    check = f'# check: "{comment(f.quote)}" (paragraph {f.para})'
    if f.note:
        check += f"; {comment(f.note)}"
    out = [f"  {check}", f"- id: {mid}", f"  value: {f.value}"]
    if f.unit:
        out.append(f"  unit: {scalar(f.unit)}")
    if f.kind and f.kind not in {"rank", "multiple"}:
        out.append(f"  kind: {f.kind}")
    if f.basis:
        out.append(f"  basis: {scalar(f.basis)}")
    if f.qualifier:
        out.append(f"  qualifier: {scalar(f.qualifier)}")
    if base:
        out.append(f"  base: {base}")
    out.append(f"  label: {scalar(f.label)}")
    if f.short:
        out.append(f"  short: {scalar(f.short)}")
    if f.period:
        out.append(f"  period: {scalar(f.period)}")
    if f.as_written:
        out.append("  as_written: true")
    out.append(f"  cite: {{source: {source_id}, para: {f.para}}}")
    return out


def _empty_metrics(source_id: str, lang: str) -> list[str]:
    """A metric to fill in: the facts need one, and the text stated none deckgen could find."""
    label = "what the figure counts" if lang == "en" else "数值所指"
    return [
        "metrics:",
        "  # check: the text states no figure deckgen could find: give one, as the source",
        "  # states it, or delete this file",
        "- id: figure_01",
        "  value: 0",
        f"  label: {scalar(label)}",
        f"  cite: {{source: {source_id}, para: 1}}",
    ]


def _templates(ids: list[str], lang: str) -> list[str]:
    """Stories and takeaways to write: commented out, naming the draft's first figures."""
    first = ids[:3] or ["figure_01"]
    one = first[0]
    if lang == "zh":
        title, notes, text = "（本页要点：一句话）", "（讲解要点）", "（结论：一句话）"
    else:
        title, notes, text = "<the slide's message>", "<what to say>", "<one sentence to close on>"
    return [
        "",
        "# The slides' messages and closing statements: write them, then remove the '#'.",
        "# stories:                     # docs/facts.md#story",
        "# - id: headline               # the headline figures slide",
        f"#   title: {title} {{{one}}}",
        f"#   metrics: [{', '.join(first)}]",
        f"#   notes: {notes}",
        "# takeaways:                   # docs/facts.md#takeaway",
        f"# - text: {text} {{{one}}}",
        f"#   metric: {one}",
    ]
