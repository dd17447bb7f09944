"""The facts model: what an announcement says, structured, cited and validated.

Every field carries a ``doc``; ``docs/facts.md`` is generated from these docs (see
``deckgen.docgen``), so the model is the reference for people writing facts files.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from . import qualifiers
from .errors import FactsError, Problem, fail_with
from .i18n import period_kind, period_position
from .schema import Converter, doc_field
from .text import DEFAULT, Text, neutral
from .textfit import is_cjk, undrawable
from .when import When
from .yamlsrc import Located, load_yaml

Kind = Literal[
    "",
    "level",
    "share",
    "percent",
    "growth",
    "points",
    "change",
    "multiple",
    "rate",
    "ratio",
    "rank",
]
Per = Literal["second", "minute", "hour", "day", "week", "month", "quarter", "year"]
# Bases of a growth figure that deckgen words itself, per language; anything else is text.
BASES = ("year-on-year", "quarter-on-quarter", "month-on-month", "average-annual")
SIGNED_KINDS = {"growth", "points", "change"}
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_-]*$")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class Meta:
    """What the deck is: its title and where it comes from."""

    NOUN = "deck"  # what messages call it

    title: Text = doc_field("Deck title, shown on the title slide and in the file properties.")
    date: When = doc_field(
        "Date of the announcement: YYYY-MM-DD, YYYY-MM or YYYY; also the deck's file date."
    )
    organisation: Text = doc_field("Who presents the briefing (title slide, file author).")
    subtitle: Text | None = doc_field("One line under the title: what and when.", None)
    language: Literal["en", "zh"] = doc_field("Language of plain-text fields: en or zh.", "en")
    slug: str | None = doc_field(
        "File name for the deck, without .pptx (default: from title): letters, digits, '-',"
        " '_' and '.'; never a path.",
        None,
    )
    presenter: Text | None = doc_field("Person or team presenting, shown on the title slide.", None)
    strand: Text | None = doc_field(
        "What the announcement calls each of its strands ('pillars' in the facts), per "
        "language: Pillar, Objective, {zh: 重点任务}; shown as 'Objective 1 · name'. "
        "Default: no word ('1 · name').",
        None,
    )
    first: Text | None = doc_field(
        "Badge word for an achievement marked 'first: true' that gives no 'badge' of its "
        "own (default: First, 首创).",
        None,
    )


@dataclass(frozen=True)
class Source:
    """A document or event that facts are taken from."""

    id: str = doc_field("Short id that facts use to cite this source (lowercase, no spaces).")
    publisher: Text = doc_field("Who published or hosted it, e.g. the office that held the event.")
    event: Text = doc_field("What it is: a press conference, report, release …")
    short: Text = doc_field("Short citation for slide footers and graphics, e.g. 'X, 21 Aug 2023'.")
    speaker: Text | None = doc_field("Who gave the figures (name and role).", None)
    reporter: Text | None = doc_field("Who reported it.", None)
    url: str | None = doc_field("Where to read it, if public.", None)
    primary: bool = doc_field(
        "True for the main source(s) the briefing is about: slides that show no figures (the "
        "title, the overview) credit them. Default: the first source.",
        False,
    )
    text: str | None = doc_field(
        "Path of the source's plain UTF-8 text, relative to the facts file, for `deckgen "
        "verify`, which checks that each figure citing the source stands, with its "
        "qualifier, in the cited paragraph. Paragraphs are counted from 1: blank lines "
        "separate paragraphs; a text with no blank line has one paragraph per non-empty "
        "line; leading and trailing whitespace is ignored.",
        None,
    )
    date: When | None = doc_field(
        "When it was published or held: YYYY-MM-DD, YYYY-MM or YYYY; leave it out for an "
        "undated source — it is shown as 'undated', never invented.",
        None,
    )


@dataclass(frozen=True)
class Cite:
    """Where in a source a fact stands, so a reader can verify it."""

    NOUN = "citation"

    source: str = doc_field("Id of an entry in 'sources'.")
    para: int = doc_field("Paragraph number in the source, counting from 1.")
    value: float | None = doc_field(
        "The value this source gives, when it differs from the figure's (e.g. 72.1 where "
        "another report says 72.0); shown in the notes.",
        None,
    )
    speaker: Text | None = doc_field(
        "Who stated the figure here, when not the source's speaker.", None
    )
    qualifier: Text | None = doc_field(
        "The qualifier this source puts beside its 'value', when it differs.", None
    )


@dataclass(frozen=True)
class Earlier:
    """The same figure at an earlier time, for "from A in P1 to B in P2"."""

    NOUN = "earlier value"

    value: float = doc_field("The earlier value, in the same unit as the figure.")
    period: Text = doc_field("When it stood at that value, e.g. '2022'.")
    qualifier: Text | None = doc_field("Word the source puts before the earlier value.", None)
    cite: Cite | None = doc_field("Where the source states it (default: the figure's cite).", None)


@dataclass(frozen=True)
class Metric:
    """A number exactly as the source states it: value, unit, qualifier, base and period."""

    NOUN = "figure"

    id: str = doc_field("Short id used to refer to this figure (lowercase, no spaces).")
    label: Text = doc_field("What the number counts, read after it: 'of tasks have commenced'.")
    cite: Cite = doc_field("Where the source states the figure.")
    value: float | None = doc_field(
        "The number alone, e.g. 98, 55.14 or -3.2, with the digits the source writes (72.0 "
        "stays 72.0). May be left out when 'words' states the figure.",
        None,
    )
    unit: Text | None = doc_field(
        "One of: '%'; 'pp' or 'percentage points'; 'rank'; 'times'; a scale word alone "
        "(thousand, million, billion, trillion); a currency amount: an ISO 4217 code in "
        "capitals, alone or with a scale word ('EUR', 'USD billion', 'CNY million'); or the "
        "counted noun in words (letters, spaces and hyphens; in Chinese a measure word such "
        "as 项, 家, 万人次, 亿元), per language: {en: tasks, zh: 项}. A noun is given in every "
        "language the file is built in (those of meta.title). No digits: write the amount "
        "in 'value' with a scale word (not 'CNY 100 million' but 'CNY billion' and the "
        "value ÷ 10), except an English noun spelling out the 万 or 亿 of its Chinese "
        "measure word: {en: 100 million yuan, zh: 亿元}; '%', not 'percent'; 'billion', "
        "not 'bn'.",
        None,
    )
    kind: Kind = doc_field(
        "What the figure is: share (of a whole, 0-100%, with 'of' or 'base'), percent (a "
        "percentage that is not a share of a stated whole), growth (signed % change, needs "
        "'basis'), points (change in percentage points), change (signed change in the unit), "
        "multiple (3.1 times), rate (needs 'per'), ratio (a % that may exceed 100), rank, "
        "or level (a count or amount). Default: share for '%' with 'of' or 'base', percent "
        "for other '%', rank for unit 'rank', else level.",
        "",
    )
    qualifier: Text | None = doc_field(
        "Word the source puts beside the number, per language if need be: nearly, over, "
        "{en: nearly, zh: 约}, 逾, 超, 突破, 以上 … (see the vocabulary below).",
        None,
    )
    words: Text | None = doc_field(
        "The figure as the source words it, when it gives no number: 'nearly half', "
        "'dozens', 超四分之一. Shown instead of a number.",
        None,
    )
    basis: Text | None = doc_field(
        "For growth and changes: what it is measured against: year-on-year, "
        "quarter-on-quarter, month-on-month, average-annual, or words such as "
        "{en: since 2019, zh: 比2019年}.",
        None,
    )
    per: Per | None = doc_field("For a rate: the time it is counted per (n a day).", None)
    earlier: Earlier | None = doc_field(
        "The figure at an earlier time: {value: 120, period: '2022'} (shown as from → to).",
        None,
    )
    change: str | None = doc_field(
        "Id of the metric stating this figure's growth or change; shown beside it "
        "(88.3亿元, 增长5.2%).",
        None,
    )
    base: str | None = doc_field(
        "Id of the metric this one is a share of (98% of 251 tasks).", None
    )
    of: Text | None = doc_field(
        "The whole a share is of, or what a multiple compares with, in words: "
        "'of the national total', 'the previous decade'.",
        None,
    )
    period: Text | None = doc_field("Period the figure covers, e.g. '2020 – June 2023'.", None)
    context: Text | None = doc_field("One line of context: a ranking, a comparison.", None)
    short: Text | None = doc_field("Two- to four-word label for charts and tiles.", None)
    as_written: bool = doc_field(
        "True to keep the number in Chinese as the source writes it: 63000家, not 6.3万家. "
        "By default Chinese writes counts and amounts of 10,000 and more in 万 or 亿 with "
        "every digit kept (63000 → 6.3万, 320000000 → 3.2亿) and smaller ones without "
        "separators (1250); English always groups thousands (63,000).",
        False,
    )
    also: tuple[Cite, ...] = doc_field(
        "Further sources stating the same figure (each may give its own 'value').", []
    )


@dataclass(frozen=True)
class Point:
    """One period (or category) of a series and its value."""

    period: Text = doc_field(
        "A year (2021), quarter (2021-Q3), month (2021-06) or a category such as a region "
        "or a sector ({en: North, zh: 北部})."
    )
    value: float | None = doc_field(
        "The value, with its digits as written. Leave it out where the source gives none: "
        "the chart shows a gap, never a zero.",
        None,
    )
    qualifier: Text | None = doc_field("Word the source puts beside this value.", None)
    cite: Cite | None = doc_field("Where this value stands, when not the series' cite.", None)


@dataclass(frozen=True)
class Series:
    """A named sequence of values in one unit: a yearly budget, quarterly output, regions."""

    id: str = doc_field("Short id used to refer to this series (lowercase, no spaces).")
    name: Text = doc_field("What is measured, e.g. 'Agency budget'; the chart's heading.")
    cite: Cite = doc_field("Where the source states the values.")
    points: tuple[Point, ...] = doc_field("The values, oldest period (or first category) first.")
    unit: Text | None = doc_field("The unit of every value, as for a metric's 'unit'.", None)
    kind: Kind = doc_field(
        "What the values are, as for a metric's 'kind' (level, growth, share, …).", ""
    )
    basis: Text | None = doc_field("For a series of growth rates: year-on-year, …", None)
    chart: Literal["", "column", "line"] = doc_field(
        "column (a few discrete periods, flows such as a yearly budget) or line (long "
        "series, stocks). Default: column up to 12 values, else line.",
        "",
    )
    total: float | None = doc_field(
        "The total the source states, when it gives one; it may differ from the sum of the "
        "values by rounding (both are kept, and the notes say so).",
        None,
    )
    short: Text | None = doc_field("Two- to four-word label for legends and table rows.", None)
    as_written: bool = doc_field(
        "True to keep every value in Chinese as the source writes it (63000, not 6.3万), as "
        "for a metric's 'as_written'.",
        False,
    )
    also: tuple[Cite, ...] = doc_field("Further sources stating the same values.", [])


@dataclass(frozen=True)
class Achievement:
    """One thing done, told as a short heading and one line."""

    id: str = doc_field("Short id (lowercase, no spaces).")
    heading: Text = doc_field("Three to seven words: what was done.")
    cite: Cite = doc_field("Where the source states it.")
    detail: Text | None = doc_field("One line more: what it means or how it works.", None)
    first: bool = doc_field("True when the source calls it a first (flagged with a badge).", False)
    badge: Text | None = doc_field(
        "Badge text for a first, e.g. 'First in China' (default: 'First').", None
    )


@dataclass(frozen=True)
class Pillar:
    """A strand of the initiative with its achievements and its headline figure."""

    id: str = doc_field("Short id (lowercase, no spaces).")
    name: Text = doc_field("Name of the pillar, two to five words.")
    message: Text = doc_field("The slide title: one sentence with the pillar's main point.")
    summary: Text = doc_field("One line summary for the overview slide.")
    achievements: tuple[Achievement, ...] = doc_field("What was done, three to six items.")
    figure: str | None = doc_field("Id of the metric shown large on the pillar's slide.", None)
    figures: tuple[str, ...] = doc_field("Ids of further metrics shown smaller.", [])
    notes: Text | None = doc_field("What the presenter says about this pillar.", None)


@dataclass(frozen=True)
class Story:
    """The message of one slide: a title sentence, the figures behind it and talking points."""

    id: str = doc_field("Id that layouts use to put this message on a slide.")
    title: Text = doc_field(
        "Slide title: a sentence stating what the audience should take away. "
        "May name metrics as {metric_id}."
    )
    metrics: tuple[str, ...] = doc_field("Ids of the metrics the slide shows.", [])
    series: tuple[str, ...] = doc_field(
        "Ids of the series the slide shows (trend charts and tables).", []
    )
    notes: Text | None = doc_field("What the presenter says, in two or three sentences.", None)
    question: Text | None = doc_field("A question the audience may ask, with its answer.", None)
    subtitle: Text | None = doc_field("A line under the title (section dividers).", None)


@dataclass(frozen=True)
class Milestone:
    """A dated step on the timeline."""

    when: str = doc_field("Date: YYYY, YYYY-MM or YYYY-MM-DD.")
    text: Text = doc_field("What happened, in a few words.")
    cite: Cite = doc_field("Where the source states it.")
    label: Text | None = doc_field(
        "How to show the date, e.g. 'H1 2023' (default: from 'when').", None
    )
    metric: str | None = doc_field("Id of a metric to show with the milestone.", None)


@dataclass(frozen=True)
class Takeaway:
    """One statement the audience should leave with, tied to a figure."""

    text: Text = doc_field("One sentence; may name metrics as {metric_id}.")
    metric: str | None = doc_field("Id of the metric the statement rests on.", None)


@dataclass(frozen=True)
class Facts:
    """A whole facts file."""

    NOUN = "facts file"

    meta: Meta = doc_field("Title, date, organisation and language of the deck.")
    sources: tuple[Source, ...] = doc_field("Where the facts come from.")
    metrics: tuple[Metric, ...] = doc_field("Every figure, with unit, qualifier and citation.")
    series: tuple[Series, ...] = doc_field("Values over periods or across categories.", [])
    pillars: tuple[Pillar, ...] = doc_field("The strands of the initiative.", [])
    stories: tuple[Story, ...] = doc_field("Slide messages that layouts refer to by id.", [])
    timeline: tuple[Milestone, ...] = doc_field("Dated milestones, oldest first.", [])
    takeaways: tuple[Takeaway, ...] = doc_field("Three statements to close the briefing.", [])
    method: Text | None = doc_field("How figures were rounded or qualified (sources slide).", None)

    # -- lookups -------------------------------------------------------------------------
    def metric(self, metric_id: str) -> Metric:
        return next(m for m in self.metrics if m.id == metric_id)

    def one_series(self, series_id: str) -> Series:
        return next(s for s in self.series if s.id == series_id)

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    def story(self, story_id: str) -> Story:
        return next(s for s in self.stories if s.id == story_id)

    def pillar(self, pillar_id: str) -> Pillar:
        return next(p for p in self.pillars if p.id == pillar_id)

    def firsts(self) -> list[tuple[Pillar, Achievement]]:
        """Return every achievement marked as a first, in pillar order."""
        return [(p, a) for p in self.pillars for a in p.achievements if a.first]


@dataclass(frozen=True)
class LoadedFacts:
    """Validated facts with the file they came from and any warnings."""

    facts: Facts
    path: Path
    located: Located
    warnings: tuple[Problem, ...]


def load_facts(path: Path, strict: bool = False) -> LoadedFacts:
    """Return the validated facts in ``path``; raise :class:`FactsError` listing all problems."""
    data, located = load_yaml(path, FactsError, "facts file")
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"{type(data).__name__} {data!r}"[:60]
        raise FactsError(
            f"{path}:1: expected a mapping with 'meta', 'sources' and 'metrics' at the "
            f"top, got {kind} (see docs/facts.md)"
        )
    if not {"meta", "sources", "metrics"} & set(data):
        raise FactsError(
            f"{path}:1: this is not a deckgen facts file: none of 'meta', 'sources', "
            f"'metrics' is present (see docs/facts.md)"
        )
    conv = Converter(located, strict=strict)  # strict: unknown keys are errors
    facts = conv.convert(Facts, data, "")
    problems = conv.problems
    if facts is not None:
        problems = problems + list(_cross_check(facts, located))
    fail_with(problems, FactsError)
    return LoadedFacts(facts, path, located, tuple(conv.warnings))


def _cross_check(f: Facts, loc: Located) -> Iterator[Problem]:
    """Yield problems that involve more than one field: ids, references, ranges."""
    yield from _check_ids(f, loc)
    yield from _check_slug(f.meta.slug, loc)
    metric_ids = {m.id for m in f.metrics}
    source_ids = {s.id for s in f.sources}

    def ref(path: str, value: str | None, known: set[str], what: str) -> Iterator[Problem]:
        if value is not None and value not in known:
            hint = f"known {what} ids: {', '.join(sorted(known)) or 'none'}"
            yield loc.problem(path, f"refers to unknown {what} {value!r}", hint)

    for path, cite in _cites(f):
        yield from ref(f"{path}.source", cite.source, source_ids, "source")
        if cite.para < 1:
            yield loc.problem(f"{path}.para", "paragraph numbers start at 1")
    for i, m in enumerate(f.metrics):
        yield from ref(f"metrics[{i}].base", m.base, metric_ids, "metric")
        if m.base == m.id:
            yield loc.problem(f"metrics[{i}].base", "a metric cannot be its own base")
        yield from ref(f"metrics[{i}].change", m.change, metric_ids, "metric")
        if m.change is not None and m.change in metric_ids:
            other = f.metric(m.change)
            if other.change is not None or other.id == m.id:
                yield loc.problem(
                    f"metrics[{i}].change",
                    f"{m.change!r} has a change of its own",
                    "name the growth figure itself, which takes no 'change'",
                )
            elif kind_of(other) not in SIGNED_KINDS:
                yield loc.problem(
                    f"metrics[{i}].change",
                    f"{m.change!r} is not a growth or change figure",
                    "name a metric of kind growth, points or change",
                )
        yield from _check_unit(f"metrics[{i}].unit", m.unit, loc, f.meta.language)
        yield from _check_languages(f"metrics[{i}]", "unit", m.unit, f, loc)
        yield from _check_languages(f"metrics[{i}]", "words", m.words, f, loc)
        yield from _check_figure(f"metrics[{i}]", m, loc, f.meta.language)
    series_ids = {s.id for s in f.series}
    for i, sr in enumerate(f.series):
        yield from _check_unit(f"series[{i}].unit", sr.unit, loc, f.meta.language)
        yield from _check_languages(f"series[{i}]", "unit", sr.unit, f, loc)
        yield from _check_series(f"series[{i}]", sr, loc, f.meta.language)
    for i, p in enumerate(f.pillars):
        yield from ref(f"pillars[{i}].figure", p.figure, metric_ids, "metric")
        for j, mid in enumerate(p.figures):
            yield from ref(f"pillars[{i}].figures[{j}]", mid, metric_ids, "metric")
        if not p.achievements:
            yield loc.problem(
                f"pillars[{i}].achievements", "no achievements listed", "give at least one"
            )
    for i, s in enumerate(f.stories):
        for j, mid in enumerate(s.metrics):
            yield from ref(f"stories[{i}].metrics[{j}]", mid, metric_ids, "metric")
        for j, sid in enumerate(s.series):
            yield from ref(f"stories[{i}].series[{j}]", sid, series_ids, "series")
    for i, ms in enumerate(f.timeline):
        yield from ref(f"timeline[{i}].metric", ms.metric, metric_ids, "metric")
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", ms.when):
            yield loc.problem(
                f"timeline[{i}].when",
                f"{ms.when!r} is not a date",
                "write YYYY, YYYY-MM or YYYY-MM-DD",
            )
    for i, t in enumerate(f.takeaways):
        yield from ref(f"takeaways[{i}].metric", t.metric, metric_ids, "metric")
    for path, text, drawn in _templated(f):
        for lang, value in text.versions:
            missing = undrawable(value) if drawn else []
            if missing:
                shown = " ".join(f"{c!r} (U+{ord(c):04X})" for c in missing[:5])
                yield loc.problem(
                    f"{path}.{lang}" if lang else path,
                    f"no bundled font can draw {shown}, nor any installed Chinese font",
                    "install a Chinese font that has them (fonts-noto-cjk) or write them "
                    "another way"
                    if any(is_cjk(c) for c in missing)
                    else "remove these characters (emoji and symbols are not drawn; speaker "
                    "notes may keep them)",
                )
            for name in PLACEHOLDER.findall(value):
                if name.removesuffix(".number") not in metric_ids:
                    yield loc.problem(
                        path,
                        f"{{{name}}} names no metric",
                        "write {metric_id} or {metric_id.number} with an id from 'metrics'",
                    )
            for said, printed, metric_id in doubled_scales(value, lang or f.meta.language, f):
                yield loc.problem(
                    f"{path}.{lang}" if lang else path,
                    f"{said!r} prints {printed!r}",
                    f"write {{{metric_id}}} or {{{metric_id}.number}} alone",
                )


# A scale or currency word right after a placeholder, which its figure may already print.
_SCALE_AFTER = re.compile(
    r"\s*(?:(?P<scale>(?:thousand|million|billion|trillion)(?![A-Za-z])|万亿|亿|万)"
    r"|(?P<currency>(?:dollars?|yuan|euros?|USD|CNY|EUR|RMB)(?![A-Za-z])|美元|欧元|元))"
)
_SCALE_IN = re.compile(r"\b(?:thousand|million|billion|trillion)\b|万|亿")


def doubled_scales(text: str, lang: str, f: Facts) -> Iterator[tuple[str, str, str]]:
    """Yield (what the text says, what it prints, metric id) for each placeholder followed
    by a scale or currency word its figure already prints: '{x.number} million' where x is
    'USD billion' prints 'US$55.14 billion million'."""
    from .numbers import placeholder  # deckgen.numbers imports this module
    from .text import MissingLanguage

    metrics = {m.id: m for m in f.metrics}
    for found in PLACEHOLDER.finditer(text):
        metric_id, _, part = found.group(1).partition(".")
        after = _SCALE_AFTER.match(text, found.end())
        metric = metrics.get(metric_id)
        if metric is None or metric.value is None or part not in ("", "number") or not after:
            continue  # no figure to print (each is reported on its own), or no word after
        try:
            printed = placeholder(metric, part, lang, f.meta.language)
        except MissingLanguage:
            continue  # the unit lacks this language: reported on its own
        if after.group("scale"):
            carried = _SCALE_IN.search(printed) is not None
        else:
            carried = CURRENCY_UNIT.match(_unit_code(metric)) is not None
        if carried:
            said = text[found.start() : after.end()]
            yield said, printed + text[found.end() : after.end()], metric_id


def kind_of(item: Metric | Series) -> str:
    """Return what a figure is: its declared kind, or the one its unit implies.

    A '%' is a share of a whole only when the facts say of what ('of' or 'base', or a
    declared kind: share); any other '%' is a percentage, never drawn as part of a whole.
    """
    if item.kind:
        return item.kind
    code = item.unit.versions[0][1] if item.unit is not None else ""
    if code == "%":
        whole = isinstance(item, Metric) and (item.of is not None or item.base is not None)
        return "share" if whole else "percent"
    if code == "rank":
        return "rank"
    if code in POINT_UNITS:
        return "points"
    if code in MULTIPLE_UNITS:
        return "multiple"
    return "level"


POINT_UNITS = {"percentage points", "percentage point", "pp", "个百分点"}
MULTIPLE_UNITS = {"times", "倍"}
SCALE_WORDS = ("thousand", "million", "billion", "trillion")
POWERS = {"": 0, "thousand": 3, "million": 6, "billion": 9, "trillion": 12}
# A currency amount: an ISO 4217 code and a scale word ('USD billion'); groups: code, scale.
CURRENCY_UNIT = re.compile(r"^([A-Z]{3})(?: (thousand|million|billion|trillion))?$")
# Units deckgen words itself in every language; any other unit is a noun, per language.
UNIT_CODES = {"%", "rank", *POINT_UNITS, *MULTIPLE_UNITS, *SCALE_WORDS}
AS_WRITTEN_KINDS = {"level", "change", "rate"}  # the kinds Chinese writes in 万 and 亿
_PERCENT_KINDS = {"share", "percent", "growth", "ratio"}


def _unit_code(item: Metric | Series) -> str:
    return item.unit.versions[0][1] if item.unit is not None else ""


# -- units ----------------------------------------------------------------------------------
_PERCENT_WORDS = {"percent", "per cent", "per-cent", "percentage", "pct", "percents"}
_SCALE_SPELLINGS = {
    "bn": "billion",
    "bln": "billion",
    "billions": "billion",
    "mn": "million",
    "mln": "million",
    "mio": "million",
    "millions": "million",
    "tn": "trillion",
    "trn": "trillion",
    "trillions": "trillion",
    "thousands": "thousand",
}
# Currencies a unit may name in words; they are written as their code.
_CURRENCY_WORDS = {"yuan": "CNY", "renminbi": "CNY", "euro": "EUR", "euros": "EUR"}
# Chinese measure words already counted in 万 or 亿, and the power of ten of each.
_ZH_SCALE_PREFIX = re.compile(r"^(万亿|十万|百万|千万|万|亿)")
_ZH_SCALE_POWERS = {"万": 4, "十万": 5, "百万": 6, "千万": 7, "亿": 8, "万亿": 12}
_AMOUNT = re.compile(
    r"^(?:(?P<code>[A-Za-z]{3}) )?(?P<number>\d[\d,]*(?:\.\d+)?) ?"
    r"(?P<scale>thousand|million|billion|trillion)?(?: (?P<noun>[^\d]+))?$"
)
UNITS_HINT = (
    "a unit is '%', 'pp', a currency amount such as 'USD billion', 'rank', 'times', a "
    "scale word ('million') or a noun in words: tasks, {zh: 项}"
)


def unit_problem(unit: str) -> tuple[str, str] | None:
    """Return (message, hint) when ``unit`` is not one deckgen can show, else None.

    Units are '%', percentage points ('pp'), 'rank', 'times', a scale word ('million'), a
    currency amount (an ISO 4217 code and a scale word: 'USD billion'), or a noun in words
    (letters, spaces, hyphens: 'tasks', 'recreation visits', 项, 万人次). A spelled-out
    percent, an abbreviated scale and a currency code in lower case are refused with the
    unit to write; digits with the way to state the amount in 'value'.
    """
    if unit in UNIT_CODES or CURRENCY_UNIT.match(unit):
        return None
    if unit.lower() in _PERCENT_WORDS:
        return f"unit {unit!r} is spelled out", "write '%'"
    spelled = " ".join(_SCALE_SPELLINGS.get(w.lower(), w) for w in unit.split(" "))
    if spelled != unit:
        return f"unit {unit!r} abbreviates a scale word", f"write {_as_code(spelled)!r}"
    code = _as_code(unit)
    if code != unit:
        return f"unit {unit!r} is not written the way deckgen reads it", f"write {code!r}"
    if any(c.isdecimal() for c in unit):
        return f"digits in a unit ({unit!r})", _digits_hint(unit)
    if all(c.isalpha() or c in " -'" for c in unit):
        return None
    return f"unit {unit!r} is not one deckgen can show", UNITS_HINT


def _as_code(unit: str) -> str:
    """Return ``unit`` as the code deckgen reads when it is one written in other capitals
    ('usd billion' → 'USD billion', 'Rank' → 'rank'); else ``unit`` itself."""
    if unit.lower() in UNIT_CODES:
        return unit.lower()
    first, *rest = unit.split(" ")
    code = " ".join([first.upper(), *(w.lower() for w in rest)])
    if CURRENCY_UNIT.match(code) and first.upper() in _currency_codes():
        return code
    return unit


def _currency_codes() -> set[str]:
    from .numbers import CURRENCY_SYMBOLS  # deckgen.numbers imports this module

    return set(CURRENCY_SYMBOLS)


def _digits_hint(unit: str) -> str:
    """Return how to write a unit that holds digits ('CNY 100 million') as a value and a
    scale word: 'unit: CNY billion and value ÷ 10'."""
    found = _AMOUNT.match(unit)
    size = _amount_power(found)
    plain = "write the amount in 'value' and the unit in words: 'USD million', 'million tonnes'"
    if found is None or size is None:
        return plain
    code, noun = found.group("code"), found.group("noun") or ""
    if code is not None and code.upper() not in _currency_codes():
        return plain
    code = (code or _CURRENCY_WORDS.get(noun.lower(), "")).upper()
    if code:
        noun = ""
    if size < 3:
        scale, change = "", f"value × {10**size}"
    else:
        scale = next(w for w in SCALE_WORDS if POWERS[w] >= size)
        steps = POWERS[scale] - size
        change = f"value ÷ {10**steps}" if steps else "the value as it is"
    written = " ".join(p for p in (code, scale, noun) if p)
    hint = f"write the amount in 'value' with a scale word: unit: {written} and {change}"
    if code and size in (4, 8):
        from .numbers import ZH_CURRENCY  # deckgen.numbers imports this module

        word = ("万" if size == 4 else "亿") + ZH_CURRENCY.get(code, code)
        hint += f"; or in Chinese, {{zh: {word}}}"
    return hint


def _amount_power(found: re.Match[str] | None) -> int | None:
    """Return the power of ten the amount in a unit ('100 million') stands for, or None
    when it is not a power of ten."""
    if found is None or not re.fullmatch(r"10*", found.group("number").replace(",", "")):
        return None
    return len(found.group("number").replace(",", "")) - 1 + POWERS[found.group("scale") or ""]


def _spells_out(unit: str, zh: str | None) -> bool:
    """Return True when ``unit`` spells out in digits the 万 or 亿 of its Chinese measure word:
    {en: 100 million yuan, zh: 亿元}, {en: 10 thousand residents, zh: 万人}."""
    prefix = _ZH_SCALE_PREFIX.match(zh or "")
    power = _amount_power(_AMOUNT.match(unit))
    return prefix is not None and power == _ZH_SCALE_POWERS[prefix.group(1)]


def _check_unit(path: str, unit: Text | None, loc: Located, default_lang: str) -> Iterator[Problem]:
    """Yield a problem for each version of ``unit`` deckgen cannot show (see
    :func:`unit_problem`)."""
    if unit is None:
        return
    versions = dict(unit.versions)
    zh = versions.get("zh", versions.get(DEFAULT) if default_lang == "zh" else None)
    for lang, value in unit.versions:
        if (lang or default_lang) != "zh" and _spells_out(value, zh):
            continue
        found = unit_problem(value)
        if found is not None:
            yield loc.problem(f"{path}.{lang}" if lang else path, *found)


LANGUAGE_NAMES = {"en": "English", "zh": "Chinese"}
# What to write in the language a unit or a figure's words lack, by field and language.
_IN_OTHER = {
    ("unit", "zh"): "the Chinese measure word (项, 家, 人次 …)",
    ("unit", "en"): "the English noun (tasks, firms …)",
    ("words", "zh"): "the figure's words in Chinese",
    ("words", "en"): "the figure's words in English",
}


def built_in(f: Facts) -> set[str]:
    """Return the languages the file is built in: those its title is given in."""
    return f.meta.title.languages(f.meta.language)


def _check_languages(
    path: str, field: str, text: Text | None, f: Facts, loc: Located
) -> Iterator[Problem]:
    """Yield a problem when a unit or the words of a figure lack a language the file is
    built in: a build in that language could not word the figure."""
    languages = built_in(f)
    if text is None or len(languages) < 2:
        return
    code = text.versions[0][1]
    if field == "unit" and (code in UNIT_CODES or CURRENCY_UNIT.match(code)):
        return  # deckgen words these itself
    if any(lang == DEFAULT and neutral(value) for lang, value in text.versions):
        return
    have = text.languages(f.meta.language)
    missing = languages - have
    if not missing:
        return
    only = " and ".join(LANGUAGE_NAMES.get(lang, lang) for lang in sorted(have))
    given = dict(text.versions)
    written = {lang: given.get(lang, given.get(DEFAULT, "")) for lang in sorted(have)}
    written |= {lang: "…" for lang in sorted(missing)}
    shown = "{" + ", ".join(f"{lang}: {value}" for lang, value in sorted(written.items())) + "}"
    yield loc.problem(
        f"{path}.{field}",
        f"{field} {code!r} is {only} only but this file is built in "
        + " and ".join(sorted(languages)),
        f"write {shown} with "
        + " and ".join(
            _IN_OTHER.get((field, lang), f"the {field} in {lang!r}") for lang in sorted(missing)
        ),
    )


def _check_qualifier(path: str, q: Text | None, loc: Located, lang: str) -> Iterator[Problem]:
    if q is None:
        return
    found = qualifiers.problem(q, lang)
    if found is not None:
        key, message, hint = found
        yield loc.problem(f"{path}.{key}" if key else path, message, hint)


def _check_value(path: str, value: float, kind: str, code: str, loc: Located) -> Iterator[Problem]:
    """Yield problems with a value given its kind: shares in 0-100, signs where allowed."""
    if kind == "share" and not 0 <= value <= 100:
        yield loc.problem(
            path,
            f"{value:g}% is not a share of a whole",
            "a share lies between 0 and 100; for a growth rate write kind: growth and its "
            "basis, for a ratio that can pass 100 write kind: ratio",
        )
    elif kind == "percent" and value < 0:
        yield loc.problem(
            path,
            f"{value:g}% is negative",
            "for a fall write kind: growth (or points) and its basis, e.g. basis: year-on-year",
        )
    elif kind not in SIGNED_KINDS and kind != "percent" and value < 0:
        yield loc.problem(
            path,
            f"{value:g} is negative",
            "a count or amount is not negative; for a fall write kind: change (or growth) "
            "and its basis",
        )


def _check_figure(path: str, m: Metric, loc: Located, lang: str) -> Iterator[Problem]:
    kind = kind_of(m)
    code = _unit_code(m)
    yield from _check_qualifier(f"{path}.qualifier", m.qualifier, loc, lang)
    for j, c in enumerate(m.also):
        yield from _check_qualifier(f"{path}.also[{j}].qualifier", c.qualifier, loc, lang)
    yield from _check_as_written(path, m, loc)
    if m.value is None and m.words is None:
        yield loc.problem(
            f"{path}.value",
            "required key is missing",
            "give the number, or 'words' for a figure the source states in words ('nearly half')",
        )
        return
    if kind == "share" and m.of is None and m.base is None:
        yield loc.problem(
            f"{path}.kind",
            "a share needs its whole",
            "say what it is a share of with 'of' (in words) or 'base' (a metric id)",
        )
    if kind in _PERCENT_KINDS and m.unit is not None and code != "%" and m.words is None:
        yield loc.problem(f"{path}.unit", f"a {kind} figure is a percentage", "write unit: '%'")
    if kind == "growth" and m.basis is None:
        yield loc.problem(
            f"{path}.basis",
            "a growth figure needs its basis",
            "add basis: year-on-year, average-annual, … or words such as 'since 2019'",
        )
    if kind == "rate" and m.per is None:
        yield loc.problem(f"{path}.per", "a rate needs its time", "add per: day (or minute, …)")
    if kind == "points" and m.unit is not None and code not in POINT_UNITS:
        yield loc.problem(f"{path}.unit", f"{code!r} is not percentage points", "write unit: pp")
    if m.value is not None:
        yield from _check_value(f"{path}.value", m.value, kind, code, loc)
    if m.earlier is not None:
        yield from _check_qualifier(f"{path}.earlier.qualifier", m.earlier.qualifier, loc, lang)
        yield from _check_value(f"{path}.earlier.value", m.earlier.value, kind, code, loc)
        if m.value is None:
            yield loc.problem(f"{path}.value", "a figure with 'earlier' needs its number")


def _check_as_written(path: str, item: Metric | Series, loc: Located) -> Iterator[Problem]:
    """Yield a problem where 'as_written' cannot apply: only counts and amounts are ever
    written in 万 or 亿, and a figure stated in words has no digits to keep."""
    if not item.as_written:
        return
    kind = kind_of(item)
    if kind not in AS_WRITTEN_KINDS:
        yield loc.problem(
            f"{path}.as_written",
            f"a {kind} figure is always shown with the digits written; 'as_written' keeps "
            "counts and amounts out of 万 and 亿",
            "remove as_written",
        )
    elif isinstance(item, Metric) and item.value is None:
        yield loc.problem(
            f"{path}.as_written", "a figure stated in 'words' has no digits to keep", "remove it"
        )


def _check_series(path: str, sr: Series, loc: Located, lang: str) -> Iterator[Problem]:
    kind = kind_of(sr)
    code = _unit_code(sr)
    yield from _check_as_written(path, sr, loc)
    if kind == "growth" and sr.basis is None:
        yield loc.problem(
            f"{path}.basis", "a series of growth rates needs its basis", "add basis: year-on-year"
        )
    if kind == "share" and code != "%":
        yield loc.problem(f"{path}.unit", "a series of shares is in '%'", "write unit: '%'")
    if not sr.points:
        yield loc.problem(f"{path}.points", "no values listed", "give at least two periods")
    elif all(pt.value is None for pt in sr.points):
        yield loc.problem(f"{path}.points", "every value is missing", "give the values")
    yield from _check_periods(path, sr, loc)
    seen: dict[str, int] = {}
    for j, pt in enumerate(sr.points):
        p_path = f"{path}.points[{j}]"
        yield from _check_qualifier(f"{p_path}.qualifier", pt.qualifier, loc, lang)
        key = pt.period.versions[0][1]
        if key in seen:
            yield loc.problem(
                f"{p_path}.period",
                f"period {key!r} is given twice (first at points[{seen[key]}])",
                "give each period once",
            )
        seen.setdefault(key, j)
        if pt.value is not None:
            yield from _check_value(f"{p_path}.value", pt.value, kind, code, loc)


def _check_periods(path: str, sr: Series, loc: Located) -> Iterator[Problem]:
    """Yield problems with a series' periods: one kind of period, oldest first."""
    texts = [pt.period.versions[0][1] for pt in sr.points]
    kinds = [period_kind(t) for t in texts]
    if len(set(kinds)) > 1:
        j = next(j for j, k in enumerate(kinds) if k != kinds[0])
        yield loc.problem(
            f"{path}.points[{j}].period",
            f"{texts[j]!r} is a {kinds[j]} where the series has {kinds[0]}s",
            "give every period of a series in one form: years (2021), quarters (2021-Q3), "
            "months (2021-06), or categories",
        )
        return
    if kinds and kinds[0] != "category":
        places = [period_position(t) for t in texts]
        for j in range(1, len(places)):
            if places[j] is not None and places[j - 1] is not None and places[j] < places[j - 1]:
                yield loc.problem(
                    f"{path}.points[{j}].period",
                    f"{texts[j]!r} comes after {texts[j - 1]!r}",
                    "list the periods oldest first",
                )
                return


SLUG_MAX = 100  # characters
SLUG_MAX_BYTES = 200  # UTF-8: file systems allow 255 bytes, less the extension and temp names
_WINDOWS_FORBIDDEN = set('<>:"|?*') | {chr(c) for c in range(32)} | {"\x7f"}
_RESERVED_NAMES = {"CON", "PRN", "AUX", "NUL"} | {
    f"{d}{n}" for d in ("COM", "LPT") for n in "123456789\u00b9\u00b2\u00b3"
}
_SLUG_HINT = "use letters, digits, '-', '_' and '.', e.g. two-zones-briefing"


def slug_problem(slug: str) -> str | None:
    """Return what makes ``slug`` unusable as a file name on any system, or None."""
    if not slug:
        return "is empty"
    if len(slug) > SLUG_MAX:
        return f"is {len(slug)} characters long, over {SLUG_MAX}"
    if len(slug.encode("utf-8", "surrogatepass")) > SLUG_MAX_BYTES:
        return f"is {len(slug.encode('utf-8', 'surrogatepass'))} bytes long, over {SLUG_MAX_BYTES}"
    if "/" in slug or "\\" in slug:
        return f"{slug!r} contains a path separator; it names a file, not a folder"
    if ".." in slug:
        return f"{slug!r} contains '..'"
    if slug.startswith("."):
        return f"{slug!r} starts with '.', which hides the file"
    bad = sorted({c for c in slug if c in _WINDOWS_FORBIDDEN})
    if bad:
        return f"{slug!r} contains {', '.join(repr(c) for c in bad)}, forbidden in file names"
    if slug.endswith((".", " ")):
        return f"{slug!r} ends with a dot or a space, which Windows drops"
    odd = sorted({c for c in slug if not _slug_char(c)})
    if odd:
        return f"{slug!r} contains {', '.join(repr(c) for c in odd[:5])}"
    if slug.split(".")[0].upper() in _RESERVED_NAMES:
        return f"{slug!r} is a device name Windows reserves"
    return None


def _slug_char(c: str) -> bool:
    """Letters and digits of any script (with their accents), '-', '_' and '.'."""
    return c.isalnum() or c in "-_." or unicodedata.category(c) in ("Mn", "Mc")


def _check_slug(slug: str | None, loc: Located) -> Iterator[Problem]:
    problem = slug_problem(slug) if slug is not None else None
    if problem:
        yield loc.problem("meta.slug", f"the file name {problem}", _SLUG_HINT)


def _check_ids(f: Facts, loc: Located) -> Iterator[Problem]:
    groups = {
        "sources": f.sources,
        "metrics": f.metrics,
        "series": f.series,
        "pillars": f.pillars,
        "stories": f.stories,
    }
    for group, items in groups.items():
        seen: set[str] = set()
        for i, item in enumerate(items):
            if not ID_PATTERN.match(item.id):
                yield loc.problem(
                    f"{group}[{i}].id",
                    f"{item.id!r} is not a usable id",
                    "use lowercase letters, digits, '-' and '_'",
                )
            if item.id in seen:
                yield loc.problem(
                    f"{group}[{i}].id", f"duplicate id {item.id!r}", "ids must be unique"
                )
            seen.add(item.id)
    seen_a: set[str] = set()
    for i, p in enumerate(f.pillars):
        for j, a in enumerate(p.achievements):
            if a.id in seen_a:
                yield loc.problem(
                    f"pillars[{i}].achievements[{j}].id",
                    f"duplicate id {a.id!r}",
                    "ids must be unique",
                )
            seen_a.add(a.id)


def _cites(f: Facts) -> Iterator[tuple[str, Cite]]:
    for i, m in enumerate(f.metrics):
        yield f"metrics[{i}].cite", m.cite
        for j, c in enumerate(m.also):
            yield f"metrics[{i}].also[{j}]", c
        if m.earlier is not None and m.earlier.cite is not None:
            yield f"metrics[{i}].earlier.cite", m.earlier.cite
    for i, sr in enumerate(f.series):
        yield f"series[{i}].cite", sr.cite
        for j, c in enumerate(sr.also):
            yield f"series[{i}].also[{j}]", c
        for j, pt in enumerate(sr.points):
            if pt.cite is not None:
                yield f"series[{i}].points[{j}].cite", pt.cite
    for i, p in enumerate(f.pillars):
        for j, a in enumerate(p.achievements):
            yield f"pillars[{i}].achievements[{j}].cite", a.cite
    for i, ms in enumerate(f.timeline):
        yield f"timeline[{i}].cite", ms.cite


# Texts deckgen only writes into speaker notes, never draws on a slide or in a graphic: they
# may hold characters no font draws (an emoji in what the presenter says).
NOTES_ONLY = {(Story, "notes"), (Story, "question"), (Pillar, "notes"), (Cite, "speaker")}


def _templated(
    node: object, path: str = "", drawn: bool = True
) -> Iterator[tuple[str, Text, bool]]:
    """Yield every text in the facts, with its key path and whether deckgen draws it (False
    for speaker-notes-only texts), so placeholders and characters can be checked."""
    if isinstance(node, Text):
        yield path, node, drawn
    elif isinstance(node, tuple):
        for i, item in enumerate(node):
            yield from _templated(item, f"{path}[{i}]", drawn)
    elif dataclasses.is_dataclass(node):
        for f in dataclasses.fields(node):
            yield from _templated(
                getattr(node, f.name),
                f"{path}.{f.name}" if path else f.name,
                drawn and (type(node), f.name) not in NOTES_ONLY,
            )
