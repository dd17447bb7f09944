"""Plan a deck: facts + layout + theme -> :class:`DeckPlan` (pure: no python-pptx)."""

from __future__ import annotations

import re
import unicodedata

from .errors import LayoutError
from .facts import LoadedFacts
from .layouts import LoadedLayout, skipped
from .plan import DeckPlan, SlidePlan
from .slides import NEEDS_LAYOUT, kind_module
from .slides.base import Context, Grid, default_grid
from .slides.content import has_content
from .theme import Theme


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
    """
    facts = loaded.facts
    grid = grid or default_grid()
    ctx = Context(facts, loaded.located, theme, lang or facts.meta.language, grid)
    slides: list[SlidePlan] = []
    for entry in layout.layout.slides:
        if skipped(entry, facts) or not has_content(facts, entry):
            continue
        kind = kind_module(entry.kind)
        if entry.kind in NEEDS_LAYOUT:
            slides += kind.plan(ctx, entry, layout.layout)
        else:
            slides += kind.plan(ctx, entry)
    if not slides:
        raise LayoutError(
            f"{layout.path}:1: no slide has anything to show from these facts (see the "
            f"warnings above; name stories, series or metrics the facts have)"
        )
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
    )
