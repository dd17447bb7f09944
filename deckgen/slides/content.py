"""What the slide kinds that choose their own content show, decided from the facts alone.

``trend``, ``change`` and ``table`` entries may name their content (``series:``,
``metrics:``, a story) or leave it to the facts. The choice is made here, without laying
anything out, so the planner can leave a slide out (and not load its kind) when the facts
hold nothing for it.
"""

from __future__ import annotations

from ..facts import SIGNED_KINDS, Facts, kind_of
from ..layouts import SlideEntry

READABLE_ROWS = 40  # series longer than this are left out of a table nobody asked for by name


def _story(facts: Facts, entry: SlideEntry):
    return facts.story(entry.story) if entry.story else None


def trend_series(facts: Facts, entry: SlideEntry) -> list[str]:
    """Return the series a trend entry shows: its own, else its story's, else every series."""
    story = _story(facts, entry)
    if entry.series:
        return list(entry.series)
    if story is not None and story.series:
        return list(story.series)
    return [s.id for s in facts.series]


def change_metrics(facts: Facts, entry: SlideEntry | None, story_id: str | None) -> list[str]:
    """Return the metrics a change entry shows: its own, else its story's, else every metric
    with an earlier value or that states a change."""
    if entry is not None and entry.metrics:
        return list(entry.metrics)
    if story_id is not None:
        story = facts.story(story_id)
        if story.metrics:
            return list(story.metrics)
    return [m.id for m in facts.metrics if m.earlier is not None or kind_of(m) in SIGNED_KINDS]


def table_content(facts: Facts, entry: SlideEntry) -> tuple[list[str], list[str]]:
    """Return (series ids, metric ids) a table entry shows: the entry's, else the story's,
    else every series short enough to read as a table (a longer one is for a chart, or for a
    table asked for by name)."""
    story = _story(facts, entry)
    if entry.series:
        return list(entry.series), []
    if entry.metrics:
        return [], list(entry.metrics)
    if story is not None and story.series:
        return list(story.series), []
    if story is not None and story.metrics:
        return [], list(story.metrics)
    return [s.id for s in facts.series if len(s.points) <= READABLE_ROWS], []


def has_content(facts: Facts, entry: SlideEntry) -> bool:
    """Return False when a kind that chooses its own content has nothing to show."""
    if entry.kind == "trend":
        return bool(trend_series(facts, entry))
    if entry.kind == "change":
        return bool(change_metrics(facts, entry, entry.story))
    if entry.kind == "table":
        return any(table_content(facts, entry))
    return True
