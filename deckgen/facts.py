"""The facts model: what an announcement says, structured, cited and validated.

Every field carries a ``doc``; ``docs/facts.md`` is generated from these docs (see
``deckgen.docgen``), so the model is the reference for people writing facts files.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .errors import FactsError, Problem, fail_with
from .schema import Converter, doc_field
from .text import Text
from .textfit import undrawable
from .yamlsrc import Located, load_yaml

Qualifier = Literal[
    "",
    "nearly",
    "almost",
    "around",
    "about",
    "over",
    "more than",
    "less than",
    "under",
    "up to",
    "at least",
]
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_-]*$")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class Meta:
    """What the deck is: its title and where it comes from."""

    title: Text = doc_field("Deck title, shown on the title slide and in the file properties.")
    date: dt.date = doc_field("Date of the announcement (YYYY-MM-DD); also the deck's file date.")
    organisation: Text = doc_field("Who presents the briefing (title slide, file author).")
    subtitle: Text | None = doc_field("One line under the title: what and when.", None)
    language: Literal["en", "zh"] = doc_field("Language of plain-text fields: en or zh.", "en")
    slug: str | None = doc_field(
        "File name for the deck, without .pptx (default: from title): letters, digits, '-',"
        " '_' and '.'; never a path.",
        None,
    )
    presenter: Text | None = doc_field("Person or team presenting, shown on the title slide.", None)


@dataclass(frozen=True)
class Source:
    """A document or event that facts are taken from."""

    id: str = doc_field("Short id that facts use to cite this source (lowercase, no spaces).")
    publisher: Text = doc_field("Who published or hosted it, e.g. the office that held the event.")
    event: Text = doc_field("What it is: a press conference, report, release …")
    date: dt.date = doc_field("When it was published or held (YYYY-MM-DD).")
    short: Text = doc_field("Short citation for slide footers and graphics, e.g. 'X, 21 Aug 2023'.")
    speaker: Text | None = doc_field("Who gave the figures (name and role).", None)
    reporter: Text | None = doc_field("Who reported it.", None)
    url: str | None = doc_field("Where to read it, if public.", None)


@dataclass(frozen=True)
class Cite:
    """Where in a source a fact stands, so a reader can verify it."""

    source: str = doc_field("Id of an entry in 'sources'.")
    para: int = doc_field("Paragraph number in the source, counting from 1.")


@dataclass(frozen=True)
class Metric:
    """A number exactly as the source states it: value, unit, qualifier, base and period."""

    id: str = doc_field("Short id used to refer to this figure (lowercase, no spaces).")
    value: float = doc_field("The number alone, e.g. 98 or 55.14.")
    label: Text = doc_field("What the number counts, read after it: 'of tasks have commenced'.")
    cite: Cite = doc_field("Where the source states the figure.")
    unit: Text | None = doc_field(
        "'%', a currency amount such as 'USD billion', 'rank', a "
        "scale ('million'), or the counted noun, per language if "
        "need be: {en: tasks, zh: 项}.",
        None,
    )
    qualifier: Qualifier = doc_field(
        "Word the source puts before the number: nearly, around, over, …", ""
    )
    base: str | None = doc_field(
        "Id of the metric this one is a share of (98% of 251 tasks).", None
    )
    of: Text | None = doc_field(
        "Base in words when it is not a metric: 'of the national total'.", None
    )
    period: Text | None = doc_field("Period the figure covers, e.g. '2020 – June 2023'.", None)
    context: Text | None = doc_field("One line of context: a ranking, a comparison.", None)
    short: Text | None = doc_field("Two- to four-word label for charts and tiles.", None)


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

    meta: Meta = doc_field("Title, date, organisation and language of the deck.")
    sources: tuple[Source, ...] = doc_field("Where the facts come from.")
    metrics: tuple[Metric, ...] = doc_field("Every figure, with unit, qualifier and citation.")
    pillars: tuple[Pillar, ...] = doc_field("The strands of the initiative.", [])
    stories: tuple[Story, ...] = doc_field("Slide messages that layouts refer to by id.", [])
    timeline: tuple[Milestone, ...] = doc_field("Dated milestones, oldest first.", [])
    takeaways: tuple[Takeaway, ...] = doc_field("Three statements to close the briefing.", [])
    method: Text | None = doc_field("How figures were rounded or qualified (sources slide).", None)

    # -- lookups -------------------------------------------------------------------------
    def metric(self, metric_id: str) -> Metric:
        return next(m for m in self.metrics if m.id == metric_id)

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
    conv = Converter(located)
    facts = conv.convert(Facts, data, "")
    problems = conv.problems
    if facts is not None:
        problems = problems + list(_cross_check(facts, located))
    if strict:
        problems = problems + [_as_error(w) for w in conv.warnings]
    fail_with(problems, FactsError)
    return LoadedFacts(facts, path, located, tuple(conv.warnings))


def _as_error(warning: Problem) -> Problem:
    return Problem(
        warning.file, warning.line, warning.path, warning.message + " (--strict)", warning.hint
    )


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
        if m.unit is not None and m.unit.versions[0][1] == "%" and not 0 <= m.value <= 100:
            yield loc.problem(
                f"metrics[{i}].value",
                f"{m.value:g}% is not a share",
                "percentages must lie between 0 and 100",
            )
        elif m.value < 0:
            yield loc.problem(
                f"metrics[{i}].value",
                f"{m.value:g} is negative",
                "figures shown here are counts or amounts",
            )
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
    for path, text in _templated(f):
        for lang, value in text.versions:
            missing = undrawable(value)
            if missing:
                shown = " ".join(f"{c!r} (U+{ord(c):04X})" for c in missing[:5])
                yield loc.problem(
                    f"{path}.{lang}" if lang else path,
                    f"no bundled font can draw {shown}",
                    "remove these characters (emoji and symbols are not drawn)",
                )
            for name in PLACEHOLDER.findall(value):
                if name.removesuffix(".number") not in metric_ids:
                    yield loc.problem(
                        path,
                        f"{{{name}}} names no metric",
                        "write {metric_id} or {metric_id.number} with an id from 'metrics'",
                    )


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
    for i, p in enumerate(f.pillars):
        for j, a in enumerate(p.achievements):
            yield f"pillars[{i}].achievements[{j}].cite", a.cite
    for i, ms in enumerate(f.timeline):
        yield f"timeline[{i}].cite", ms.cite


def _templated(node: object, path: str = "") -> Iterator[tuple[str, Text]]:
    """Yield every text in the facts, with its key path, so placeholders can be checked."""
    if isinstance(node, Text):
        yield path, node
    elif isinstance(node, tuple):
        for i, item in enumerate(node):
            yield from _templated(item, f"{path}[{i}]")
    elif dataclasses.is_dataclass(node):
        for f in dataclasses.fields(node):
            yield from _templated(getattr(node, f.name), f"{path}.{f.name}" if path else f.name)
