"""Layout templates: which slide kinds, in which order, fed by which facts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .assets import LAYOUTS, bundled_names, named_or_path
from .errors import LayoutError, Problem, fail_with
from .facts import Facts
from .schema import Converter, doc_field
from .text import Text
from .yamlsrc import Located, load_yaml


@dataclass(frozen=True)
class SlideEntry:
    """One entry of a layout: a slide kind and the facts that feed it."""

    kind: str = doc_field(
        "Slide kind: title, agenda, kpi-grid, progress, section, pillar, "
        "chart, trend, change, table, firsts, timeline, takeaways or sources."
    )
    story: str | None = doc_field(
        "Id of the facts file story that gives the title, figures and notes.", None
    )
    pillars: tuple[str, ...] = doc_field(
        "For 'pillar': ids of the pillars to show (default: all, one slide each).", []
    )
    chart: Literal["doughnut", "bar", "column", "line"] | None = doc_field(
        "For 'chart': doughnut (shares, each of its stated whole) or bar (figures of one "
        "unit and kind). For 'trend': column or line (default: from the series).",
        None,
    )
    series: tuple[str, ...] = doc_field(
        "For 'trend' and 'table': ids of the series to show (default: the story's, else "
        "every series).",
        [],
    )
    metrics: tuple[str, ...] = doc_field(
        "For 'change' and 'table': ids of the metrics to show (default: the story's, else "
        "every metric with an earlier value or a change).",
        [],
    )
    title: Text | None = doc_field("Title that replaces the story's title.", None)
    graphic: str | None = doc_field(
        "For 'graphic': the infographic to show, by kind (poster) or file name without .png.", None
    )


GRAPHIC_KINDS = (
    "kpi-card",
    "trend",
    "change",
    "ring",
    "waffle",
    "doughnut",
    "pillar-card",
    "timeline",
    "firsts",
    "poster",
    "summary",
    "square",
)


@dataclass(frozen=True)
class GraphicEntry:
    """One infographic (or one per metric/pillar) of the PNG set."""

    kind: str = doc_field(
        "Graphic kind: kpi-card, trend, change, ring, waffle, doughnut, pillar-card, "
        "timeline, firsts, poster, summary or square."
    )
    story: str | None = doc_field("Id of the story that gives the title and metrics.", None)
    metrics: tuple[str, ...] = doc_field("Ids of metrics to draw (instead of the story's).", [])
    series: tuple[str, ...] = doc_field(
        "For trend: ids of series to draw (default: the story's, else every series).", []
    )
    pillars: tuple[str, ...] = doc_field("For pillar-card: ids of pillars (default: all).", [])


@dataclass(frozen=True)
class Layout:
    """A layout template file."""

    name: str = doc_field("Name of the layout.")
    slides: tuple[SlideEntry, ...] = doc_field("The slides, in order.")
    description: str = doc_field("One line shown by 'deckgen layouts'.", "")
    infographics: tuple[GraphicEntry, ...] = doc_field("The PNG infographics to write.", [])


@dataclass(frozen=True)
class LoadedLayout:
    layout: Layout
    path: Path
    located: Located
    warnings: tuple[Problem, ...]


def load_layout(
    name_or_path: str, known_kinds: dict[str, set[str]], strict: bool = False
) -> LoadedLayout:
    """Return the layout named (bundled) or at a path, with its slide kinds checked.

    ``known_kinds`` maps each slide kind to the entry keys it requires.
    """
    path = named_or_path(name_or_path, LAYOUTS)
    if not path.exists() and path.parent == LAYOUTS:
        known = ", ".join(bundled_names(LAYOUTS))
        raise LayoutError(f"no layout called {name_or_path!r} (bundled layouts: {known})")
    data, located = load_yaml(path, LayoutError, "layout")
    if not isinstance(data, dict) or "slides" not in data:
        raise LayoutError(
            f"{path}:1: expected a mapping with 'name' and 'slides' (see docs/layouts.md)"
        )
    conv = Converter(located)
    layout = conv.convert(Layout, data, "")
    problems = list(conv.problems)
    if layout is not None:
        if not layout.slides:
            problems.append(located.problem("slides", "no slides listed", "add at least one"))
        problems += list(_check_kinds(layout, located, known_kinds))
        for i, g in enumerate(layout.infographics):
            if g.kind not in GRAPHIC_KINDS:
                problems.append(
                    located.problem(
                        f"infographics[{i}].kind",
                        f"unknown graphic kind {g.kind!r}",
                        f"known kinds: {', '.join(GRAPHIC_KINDS)}",
                    )
                )
    if strict:
        problems += conv.warnings
    fail_with(problems, LayoutError)
    assert layout is not None
    return LoadedLayout(layout, path, located, tuple(conv.warnings))


def _check_kinds(layout: Layout, located: Located, kinds: dict[str, set[str]]) -> Iterator[Problem]:
    for i, entry in enumerate(layout.slides):
        if entry.kind not in kinds:
            yield located.problem(
                f"slides[{i}].kind",
                f"unknown slide kind {entry.kind!r}",
                f"known kinds: {', '.join(sorted(kinds))}",
            )
            continue
        for key in sorted(kinds[entry.kind]):
            if getattr(entry, key) in (None, ()):
                yield located.problem(
                    f"slides[{i}]",
                    f"a {entry.kind!r} slide needs {key!r}",
                    f"add '{key}:' to this entry",
                )


def skipped(entry: SlideEntry | GraphicEntry, facts: Facts) -> bool:
    """Return True when a graphic has nothing to draw: pillar cards without pillars. (Slides
    decide with :func:`deckgen.slides.content.has_content`.)"""
    return entry.kind == "pillar-card" and not facts.pillars


def check_against_facts(loaded: LoadedLayout, facts: Facts, strict: bool = False) -> list[str]:
    """Raise :class:`LayoutError` if the layout names pillars, series or metrics the facts
    lack. A story the facts do not have is no error: the slide shows what the facts hold
    for it, under a plain title, or is left out when they hold nothing (see
    :mod:`deckgen.slides.content`). Return warnings (none today; errors with ``strict``)."""
    located = loaded.located
    pillars = {p.id for p in facts.pillars}
    problems = []
    left_out = []
    for i, entry in enumerate(loaded.layout.slides):
        for j, pid in enumerate(entry.pillars):
            if pid not in pillars:
                problems.append(
                    located.problem(
                        f"slides[{i}].pillars[{j}]",
                        f"the facts have no pillar {pid!r}",
                        f"known pillars: {', '.join(sorted(pillars))}",
                    )
                )

    metric_ids = {m.id for m in facts.metrics}
    series_ids = {s.id for s in facts.series}
    for i, entry in enumerate(loaded.layout.slides):
        problems += _unknown(located, f"slides[{i}].series", entry.series, series_ids, "series")
        problems += _unknown(located, f"slides[{i}].metrics", entry.metrics, metric_ids, "metric")
    for i, g in enumerate(loaded.layout.infographics):
        problems += _unknown(located, f"infographics[{i}].series", g.series, series_ids, "series")
        for j, mid in enumerate(g.metrics):
            if mid not in metric_ids:
                problems.append(
                    located.problem(
                        f"infographics[{i}].metrics[{j}]", f"the facts have no metric {mid!r}"
                    )
                )
        for j, pid in enumerate(g.pillars):
            if pid not in pillars:
                problems.append(
                    located.problem(
                        f"infographics[{i}].pillars[{j}]", f"the facts have no pillar {pid!r}"
                    )
                )
    if strict:
        problems += left_out
    fail_with(problems, LayoutError)
    return [str(p) for p in left_out]


def _unknown(
    located: Located, path: str, ids: tuple[str, ...], known: set[str], what: str
) -> list[Problem]:
    return [
        located.problem(
            f"{path}[{j}]",
            f"the facts have no {what} {value!r}",
            f"known {what} ids: {', '.join(sorted(known)) or 'none'}",
        )
        for j, value in enumerate(ids)
        if value not in known
    ]


def list_layouts() -> list[tuple[str, str, int]]:
    """Return (name, description, number of slide entries) of each bundled layout."""
    import yaml

    out = []
    for name in bundled_names(LAYOUTS):
        data = yaml.safe_load((LAYOUTS / f"{name}.yaml").read_text(encoding="utf-8"))
        out.append((name, data.get("description", ""), len(data.get("slides", []))))
    return out
