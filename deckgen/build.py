"""The build story: facts -> plan -> deck -> files -> checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .assets import DEFAULT_FACTS
from .facts import load_facts
from .layouts import load_layout
from .package import write_atomic
from .plan import DeckPlan
from .planner import plan_deck
from .plancheck import check_plan
from .slides import required_keys
from .theme import load_theme


@dataclass
class BuildResult:
    """What a build wrote, and what it noticed."""

    deck: Path
    slides: int
    warnings: list[str] = field(default_factory=list)


@dataclass
class BuildOptions:
    """Everything a build depends on besides the facts file."""

    layout: str = "briefing"
    theme: str = "default"
    lang: str | None = None
    strict: bool = False


def make_plan(facts_path: Path | None, options: BuildOptions) -> DeckPlan:
    """Return the validated plan of the deck for ``facts_path`` (bundled facts when None)."""
    facts = load_facts(facts_path or DEFAULT_FACTS, strict=options.strict)  # read + validate
    layout = load_layout(options.layout, required_keys(), strict=options.strict)
    theme = load_theme(options.theme)
    plan = plan_deck(facts, layout, theme, options.lang)  # every decision, as data
    check_plan(plan)  # a plan that breaks the design rules is a bug: never write it
    return plan


def build(facts_path: Path | None, out: Path, options: BuildOptions) -> BuildResult:
    """Build the deck for ``facts_path`` into ``out``; return what was written."""
    plan = make_plan(facts_path, options)
    from .deck.render import render_deck  # python-pptx is imported only to render

    data = render_deck(plan)  # draw the plan
    deck = out / f"{plan.slug}.pptx"
    write_atomic(deck, data)  # temporary file beside the target, renamed into place
    return BuildResult(deck, len(plan.slides), list(plan.warnings))
