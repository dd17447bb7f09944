"""Plan a deck: facts + layout + theme -> :class:`DeckPlan` (pure: no python-pptx)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from .errors import DeckgenError, LayoutError, Problem, fail_with
from .facts import Facts, LoadedFacts
from .layouts import LoadedLayout, SlideEntry, skipped
from .plan import DeckPlan, SlidePlan
from .slides import NEEDS_LAYOUT, kind_module
from .slides.base import Context, Grid, default_grid, distinct_titles
from .slides.content import READABLE_ROWS, TABLE_ROWS_MIN, fallback_key, has_content
from .theme import Theme
from .yamlsrc import Located, _parent

MOST_PROBLEMS = 30  # planning stops after this many slides that cannot be planned


def slugify(text: str) -> str:
    """Return a file-name-safe slug: lowercase ASCII words joined by '-'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:60].strip("-") or "deck"


def plan_deck(
    loaded: LoadedFacts,
    layout: LoadedLayout,
    theme: Theme,
    lang: str | None = None,
    grid: Grid | None = None,
    master: str | None = None,
) -> DeckPlan:
    """Return the plan of every slide of the deck.

    ``grid`` places things (the house grid when None); ``master`` is the path of a corporate
    template the renderer builds on, whose theme then supplies colours and fonts.

    Entries the facts hold nothing for are left out, each with its reason in
    ``DeckPlan.left_out``. When entries cannot be planned, every one is still tried and the
    error lists them all, the first on its ``Error:`` line.
    """
    facts = loaded.facts
    grid = grid or default_grid()
    ctx = Context(facts, loaded.located, theme, lang or facts.meta.language, grid)
    slides: list[SlidePlan] = []
    left_out: list[str] = []
    shown: dict[str, int] = {}  # what entries without content of their own show, by entry
    failed: list[DeckgenError] = []
    for i, entry in enumerate(layout.layout.slides):
        reason = why_left_out(entry, facts, layout.located, f"slides[{i}]")
        key = fallback_key(facts, entry)
        if reason is None and key is not None and key in shown:
            reason = layout.located.problem(
                f"slides[{i}]",
                f"this {entry.kind} slide would repeat slides[{shown[key]}] (neither has a "
                f"story of the facts), so it is left out",
                "name a story, or the metrics or series it shows",
            )
        if reason is not None:
            left_out.append(str(reason))
            continue
        if key is not None:
            shown[key] = i
        here = replace(ctx, located=EntryLocated(loaded.located, layout.located, f"slides[{i}]"))
        kind = kind_module(entry.kind)
        try:
            if entry.kind in NEEDS_LAYOUT:
                planned = kind.plan(here, entry, layout.layout)
            else:
                planned = kind.plan(here, entry)
            slides += distinct_titles(here, entry.kind, planned, slides)
        except DeckgenError as e:
            failed.append(e)
            if len(failed) > MOST_PROBLEMS:
                break
    if failed:
        raise_all(failed)
    if not slides:
        problem = layout.located.problem(
            "slides",
            "no slide has anything to show from these facts",
            "name stories, series or metrics the facts have, or add what the slides need",
        )
        fail_with([problem, *left_out], LayoutError)
    meta = facts.meta
    title = ctx.text(meta.title, "meta.title")
    palette = theme.palette
    theme_colors = {
        "dk1": palette["text"],
        "lt1": palette["background"],
        "dk2": palette["primary"],
        "lt2": palette["surface"],
        **{f"accent{i + 1}": c for i, c in enumerate(theme.chart[:6])},
    }
    return DeckPlan(
        slug=meta.slug or slugify(title),
        title=title,
        author=ctx.text(meta.organisation, "meta.organisation"),
        subject=ctx.text(meta.subtitle, "meta.subtitle"),
        date=meta.date.first_day,
        language=ctx.lang,
        width=grid.width,
        height=grid.height,
        fonts={"heading": theme.fonts.heading, "body": theme.fonts.body},
        theme_colors=theme_colors,
        slides=tuple(slides),
        master=master,
        left_out=tuple(left_out),
        adapted=tuple(a for s in slides for a in s.adapted),
    )


def raise_all(errors: list[DeckgenError]) -> None:
    """Raise the first of ``errors`` listing the others after it (each named once)."""
    first = errors[0]
    lines = list(dict.fromkeys(e.format_message().splitlines()[0] for e in errors))
    if len(lines) == 1:
        raise first
    fail_with(lines, type(first))


class EntryLocated(Located):
    """The lines a slide kind names in its errors: the facts file's, except for the keys of
    its own layout entry (``title``, ``graphic``, ``chart``, ``story``, ``kind``, or any key
    written as ``entry.<key>``), which are the layout file's lines of that entry."""

    OWN = ("title", "graphic", "chart", "story", "kind")

    def __init__(self, facts: Located, layout: Located, entry: str):
        super().__init__(facts.file)
        self.lines = facts.lines
        self.ids = facts.ids  # messages name list items by their ids, as the facts' do
        self.layout = layout
        self.entry = entry

    def _own(self, path: str) -> str | None:
        """Return the layout's key path for one of the entry's own keys, cut to the deepest
        key the layout writes ("title.title" is the entry's title), else None."""
        if path.startswith("entry."):
            path = path[6:]
        elif re.split(r"[.\[]", path, maxsplit=1)[0] not in self.OWN:
            return None
        own = f"{self.entry}.{path}"
        while own not in self.layout.lines and len(own) > len(self.entry):
            own = _parent(own)
        return own

    def line(self, path: str) -> int | None:
        own = self._own(path)
        return self.layout.line(own) if own is not None else super().line(path)

    def problem(self, path: str, message: str, hint: str = "") -> Problem:
        own = self._own(path)
        if own is not None:
            return self.layout.problem(own, message, hint)
        return super().problem(path, message, hint)


# What the facts lack when a slide kind has nothing to show: "the facts have ...".
LACKING = {
    "agenda": "fewer than two pillars",
    "pillar": "no pillars",
    "kpi-grid": "no metrics",
    "progress": "no share of a counted base (a '%' metric with 'base')",
    "chart": "no share of a stated whole to draw as a doughnut",
    "trend": "no series",
    "change": "no metric with an earlier value or a stated change",
    "table": (
        f"no series for a table (several series, or one of {TABLE_ROWS_MIN} to "
        f"{READABLE_ROWS} points)"
    ),
    "firsts": "fewer than two achievements marked 'first: true' (one is badged on its pillar)",
    "timeline": "no milestones",
    "takeaways": "no takeaways",
    "one-pager": "no metrics or pillars",
}

HINTS = {
    "agenda": "add pillars to the facts, or remove this slide",
    "pillar": "add pillars to the facts, or remove this slide",
    "chart": "name a story or metrics here, or remove this slide",
    "trend": "add series to the facts, or remove this slide",
    "change": "add 'earlier:' to a metric, name metrics here, or remove this slide",
    "table": "name series or metrics here, or remove this slide",
    "firsts": "mark achievements 'first: true', or remove this slide",
    "timeline": "add a timeline to the facts, or remove this slide",
    "takeaways": "add takeaways to the facts, or remove this slide",
}


def why_left_out(entry: SlideEntry, facts: Facts, located: Located, path: str) -> Problem | None:
    """Return why the facts give ``entry`` (at ``path`` of the layout) nothing to show, or
    None when its slide is planned."""
    if not skipped(entry, facts) and has_content(facts, entry):
        return None
    stories = sorted(s.id for s in facts.stories)
    lacking = LACKING.get(entry.kind, "nothing for it")
    if entry.kind == "chart" and entry.chart != "doughnut":
        lacking = "no figures for it: a bar chart shows the metrics it or its story names"
    if entry.story is not None and entry.story not in stories:
        message = f"the facts have no story {entry.story!r}"
        if entry.kind != "section":  # a section shows its story, nothing else
            message += f" and {lacking}"
        hint, where = f"known stories: {', '.join(stories) or 'none'}", f"{path}.story"
    else:
        message = f"the facts have {lacking}"
        hint = HINTS.get(entry.kind, "add what it shows to the facts, or remove this slide")
        where = path
    return located.problem(where, f"{message}, so this {entry.kind} slide is left out", hint)
