"""What the slide kinds that choose their own content show, decided from the facts alone.

``trend``, ``change`` and ``table`` entries may name their content (``series:``,
``metrics:``, a story) or leave it to the facts. The choice is made here, without laying
anything out, so the planner can leave a slide out (and not load its kind) when the facts
hold nothing for it.
"""

from __future__ import annotations

from ..facts import SIGNED_KINDS, Facts, kind_of
from ..layouts import SlideEntry
from ..numbers import is_share

READABLE_ROWS = 40  # series longer than this are left out of a table nobody asked for by name
TABLE_ROWS_MIN = 8  # a lone series shorter than this reads at a glance on its chart


def _story(facts: Facts, entry: SlideEntry):
    named = entry.story is not None and entry.story in {s.id for s in facts.stories}
    return facts.story(entry.story) if named else None


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
    with an earlier value or a change of its own (a level with its growth), and every stated
    change that no level carries."""
    if entry is not None and entry.metrics:
        return list(entry.metrics)
    if story_id is not None and story_id in {s.id for s in facts.stories}:
        story = facts.story(story_id)
        if story.metrics:
            return list(story.metrics)
    # A growth figure that travels with its level is shown on the level's row.
    followers = {m.change for m in facts.metrics if m.change}
    return [
        m.id
        for m in facts.metrics
        if m.earlier is not None
        or m.change is not None
        or (kind_of(m) in SIGNED_KINDS and m.id not in followers)
    ]


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
    return [
        s.id
        for s in facts.series
        if TABLE_ROWS_MIN <= len(s.points) <= READABLE_ROWS or len(facts.series) > 1
    ], []


def has_content(facts: Facts, entry: SlideEntry) -> bool:
    """Return False when the facts hold nothing for an entry: the slide is left out."""
    kind = entry.kind
    named = entry.story is not None and entry.story in {s.id for s in facts.stories}
    if kind == "trend":
        return bool(trend_series(facts, entry))
    if kind == "change":
        return bool(change_metrics(facts, entry, entry.story if named else None))
    if kind == "table":
        return any(table_content(facts, entry))
    if kind == "section":
        return named
    if kind == "agenda":  # an overview of one strand says nothing its own slide does not
        return len(facts.pillars) >= 2
    if kind == "pillar":
        return bool(facts.pillars)
    if kind == "kpi-grid":
        return bool(story_metrics(facts, entry) or headline_metrics(facts))
    if kind == "progress":
        return named or bool(progress_share(facts))
    if kind == "chart":
        if entry.chart != "doughnut":
            return bool(entry.metrics or named)
        return bool(doughnut_shares(facts, entry))
    if kind == "firsts":  # a lone first is badged on its strand's slide already
        return len(facts.firsts()) >= 2 or (named and bool(facts.firsts()))
    if kind == "timeline":
        return bool(facts.timeline)
    if kind == "takeaways":
        return bool(facts.takeaways)
    if kind == "one-pager":
        return bool(facts.metrics or facts.pillars)
    return True


def progress_share(facts: Facts) -> str | None:
    """Return the share a progress ring shows when no story names it: the first share of a
    counted base ("98% of 251 tasks")."""
    return next((m.id for m in facts.metrics if is_share(m) and m.base), None)


HEADLINE_COUNT = 4


def headline_metrics(facts: Facts) -> list[str]:
    """Return the headline figures when no story names them: the first four metrics, less
    those that travel with another figure as its change."""
    followers = {m.change for m in facts.metrics if m.change}
    return [m.id for m in facts.metrics if m.id not in followers][:HEADLINE_COUNT]


def without_followers(facts: Facts, metric_ids: list[str]) -> list[str]:
    """Return ``metric_ids`` less the growth figures that travel with a level among them
    (shown beside the level, so never twice on one slide)."""
    followers = {facts.metric(m).change for m in metric_ids}
    return [m for m in metric_ids if m not in followers]


def doughnut_shares(facts: Facts, entry: SlideEntry) -> list[str]:
    """Return the shares a doughnut entry draws: the shares of stated wholes among its own or
    its story's metrics, else every share of a stated whole in the facts."""
    listed = list(entry.metrics) or story_metrics(facts, entry)
    own = [m for m in listed if is_share(facts.metric(m))]
    return own or stated_shares(facts)


def stated_shares(facts: Facts) -> list[str]:
    """Return every share of a stated whole (the only figures drawn as parts of a whole)."""
    return [m.id for m in facts.metrics if is_share(m)]


def story_metrics(facts: Facts, entry: SlideEntry) -> list[str]:
    """Return the metrics of the story an entry names, when the facts have it."""
    if entry.story is None or entry.story not in {s.id for s in facts.stories}:
        return []
    return list(facts.story(entry.story).metrics)


def fallback_key(facts: Facts, entry: SlideEntry) -> str | None:
    """Return what an entry shows when it shows the facts' own choice (no story of the facts,
    no metrics or series listed), or None when it shows content of its own. Two entries of
    one key would show the same slide: the second is left out."""
    if entry.metrics or entry.series or entry.pillars or entry.kind in ("title", "sources"):
        return None
    if entry.story is not None and entry.story in {s.id for s in facts.stories}:
        return None
    return f"{entry.kind}:{entry.chart or ''}:{entry.graphic or ''}"
