"""The build story: facts -> plan -> deck and graphics -> files -> checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .assets import DEFAULT_FACTS
from .errors import RenderError
from .facts import LoadedFacts, load_facts
from .layouts import LoadedLayout, check_against_facts, load_layout
from .package import write_atomic
from .plan import DeckPlan, PictureEl
from .plancheck import check_plan
from .planner import plan_deck
from .slides import required_keys
from .slides.base import Context
from .theme import Theme, load_theme


@dataclass
class BuildOptions:
    """Everything a build depends on besides the facts file."""

    layout: str = "briefing"
    theme: str = "default"
    lang: str | None = None
    strict: bool = False
    dpi: int = 300
    scale: float = 2.0
    transparent: bool = False
    check: bool = True
    pdf: bool = False


@dataclass
class BuildResult:
    """What a build wrote, and what it noticed."""

    deck: Path | None
    slides: int
    graphics: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Inputs:
    """Validated inputs of a build."""

    facts: LoadedFacts
    layout: LoadedLayout
    theme: Theme
    lang: str

    def context(self) -> Context:
        return Context(self.facts.facts, self.facts.located, self.theme, self.lang)


def load_inputs(facts_path: Path | None, options: BuildOptions) -> Inputs:
    """Return the validated facts, layout and theme of a build."""
    facts = load_facts(facts_path or DEFAULT_FACTS, strict=options.strict)
    layout = load_layout(options.layout, required_keys(), strict=options.strict)
    check_against_facts(layout, facts.facts)
    theme = load_theme(options.theme)
    return Inputs(facts, layout, theme, options.lang or facts.facts.meta.language)


def make_plan(facts_path: Path | None, options: BuildOptions) -> DeckPlan:
    """Return the validated plan of the deck for ``facts_path`` (bundled facts when None)."""
    inputs = load_inputs(facts_path, options)
    return _plan(inputs)


def _plan(inputs: Inputs) -> DeckPlan:
    plan = plan_deck(inputs.facts, inputs.layout, inputs.theme, inputs.lang)
    check_plan(plan)  # a plan that breaks the design rules is a bug: never write it
    return plan


def write_graphics(inputs: Inputs, out: Path, options: BuildOptions) -> list[Path]:
    """Render the layout's infographics into ``out/infographics``; return the files."""
    from .infographics.plan import plan_graphics
    from .infographics.render import render_all  # matplotlib is imported only here

    graphics = plan_graphics(inputs.context(), inputs.layout.layout, options.dpi, options.scale)
    folder = out / "infographics"
    manifest = render_all(graphics, inputs.theme, folder, options.transparent)
    return [folder / g.file for g in graphics] + [manifest]


def build(facts_path: Path | None, out: Path, options: BuildOptions,
          deck_only: bool = False) -> BuildResult:
    """Build the deck (and, unless ``deck_only``, the infographics) into ``out``."""
    inputs = load_inputs(facts_path, options)  # read + validate facts, layout, theme
    plan = _plan(inputs)  # every decision, as data
    from .deck.render import render_deck  # python-pptx is imported only to render

    # Graphics first: slides that show one as a picture need its PNG.
    needs_pictures = any(isinstance(e, PictureEl) for s in plan.slides for e in s.elements)
    graphics = [] if deck_only and not needs_pictures else write_graphics(inputs, out, options)
    data = render_deck(plan, out)  # draw the plan
    deck = out / f"{plan.slug}.pptx"
    if options.check:  # the same checks as `deckgen check`, before anything is replaced
        from .check import check_deck, failing

        errors = failing(check_deck(data, name=str(deck)), "error")
        if errors:
            raise RenderError("the built deck fails its checks (a deckgen defect; --no-check "
                              "skips them):\n  " + "\n  ".join(str(e) for e in errors))
    write_atomic(deck, data)  # temporary file beside the target, renamed into place
    if options.pdf:
        from .preview import to_pdf

        to_pdf(deck, out)
    warnings = [str(w) for w in (*inputs.facts.warnings, *inputs.layout.warnings)]
    return BuildResult(deck, len(plan.slides), graphics, warnings)


def build_graphics(facts_path: Path | None, out: Path, options: BuildOptions) -> BuildResult:
    """Write only the infographics into ``out/infographics``."""
    inputs = load_inputs(facts_path, options)
    graphics = write_graphics(inputs, out, options)
    warnings = [str(w) for w in (*inputs.facts.warnings, *inputs.layout.warnings)]
    return BuildResult(None, 0, graphics, warnings)
