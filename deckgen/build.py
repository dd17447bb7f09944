"""The build story: facts -> plan -> deck and graphics -> files -> checks."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import cache
from .assets import DEFAULT_FACTS, LAYOUTS, THEMES, named_or_path
from .errors import DeckgenError, RenderError, ThemeError, fail_with
from .package import Staging, write_atomic
from .paths import OutsideFolderError, inside
from .progress import NULL, Progress
from .yamlsrc import load_yaml

if TYPE_CHECKING:
    from .facts import LoadedFacts
    from .layouts import LoadedLayout
    from .plan import DeckPlan
    from .slides.base import Context, Grid
    from .theme import Theme

# Reading and planning are imported when a build needs them: an up-to-date output folder is
# answered from its stamp without them (a no-op rebuild in a fraction of the time).


@dataclass
class BuildOptions:
    """Everything a build depends on besides the facts file."""

    layout: str = "briefing"
    theme: str | None = None  # None: "default", or the master's own look when a master is given
    master: Path | None = None
    lang: str | None = None
    strict: bool = False
    dpi: int = 300
    scale: float = 2.0
    transparent: bool = False
    check: bool = True
    pdf: bool = False
    cache: bool = True  # reuse the outputs of an identical earlier build


@dataclass
class BuildResult:
    """What a build wrote, and what it noticed."""

    deck: Path | None
    slides: int
    graphics: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cached: bool = False
    seconds: dict[str, float] = field(default_factory=dict)
    contents: list[dict] = field(default_factory=list)  # number, kind and title of each slide
    left_out: list[str] = field(default_factory=list)  # layout entries left out, with why

    def to_json(self) -> dict:
        return {
            "deck": str(self.deck) if self.deck else None,
            "slides": self.slides,
            "contents": self.contents,
            "left_out": self.left_out,
            "graphics": [str(p) for p in self.graphics],
            "warnings": self.warnings,
            "cached": self.cached,
            "seconds": self.seconds,
        }


@dataclass
class Validation:
    """What a build would make from its inputs, found without drawing or writing anything."""

    facts: Path
    layout: Path
    language: str
    contents: list[dict]  # number, kind and title of each slide
    left_out: list[str]  # layout entries left out, each "file:line: key: why (fix)"
    graphics: int | None  # infographics to draw (None: the deck only)
    warnings: list[str]

    @property
    def slides(self) -> int:
        return len(self.contents)

    def to_json(self) -> dict:
        return {
            "facts": str(self.facts),
            "layout": str(self.layout),
            "language": self.language,
            "slides": self.slides,
            "contents": self.contents,
            "left_out": self.left_out,
            "graphics": self.graphics,
            "warnings": self.warnings,
        }


@dataclass
class Inputs:
    """Validated inputs of a build."""

    facts: LoadedFacts
    layout: LoadedLayout
    theme: Theme
    lang: str
    grid: Grid
    master: Path | None = None
    apply_theme: bool = True
    notices: list[str] = field(default_factory=list)

    def context(self) -> Context:
        from .slides.base import Context

        return Context(self.facts.facts, self.facts.located, self.theme, self.lang, self.grid)

    def warnings(self) -> list[str]:
        found = [str(w) for w in (*self.facts.warnings, *self.layout.warnings)]
        return found + self.notices


def load_inputs(facts_path: Path | None, options: BuildOptions) -> Inputs:
    """Return the validated facts, layout, theme and grid of a build."""
    from .facts import load_facts
    from .layouts import check_against_facts, load_layout
    from .slides import required_keys
    from .slides.base import default_grid
    from .theme import load_theme
    from .zhpunct import facts_warnings

    facts = load_facts(facts_path or DEFAULT_FACTS, strict=options.strict)
    layout = load_layout(options.layout, required_keys(), strict=options.strict)
    left_out = check_against_facts(layout, facts.facts, strict=options.strict)
    lang = options.lang or facts.facts.meta.language
    if options.master is None:
        theme = load_theme(options.theme or "default")
        size = (12192000, 6858000) if theme.slide == "16:9" else (9144000, 6858000)
        inputs = Inputs(facts, layout, theme, lang, default_grid(*size))
    else:
        inputs = _on_master(facts, layout, lang, options)
    inputs.notices += left_out + facts_warnings(facts) + _font_notices(inputs.theme)
    return inputs


def _on_master(
    facts: LoadedFacts, layout: LoadedLayout, lang: str, options: BuildOptions
) -> Inputs:
    """Return inputs for a build on a corporate master: its geometry, and its look unless
    the user named a theme."""
    from .deck.master import inspect_master, read_master
    from .slides.base import grid_around
    from .theme import load_theme, theme_from_master

    assert options.master is not None
    read_notes: list[str] = []
    info = inspect_master(read_master(options.master, read_notes), options.master)
    if options.theme is None:
        theme = theme_from_master(info.colors, info.background, info.fonts, options.master.stem)
    else:
        theme = load_theme(options.theme)
    grid = grid_around(
        info.width, info.height, max(info.width // 22, 365760), info.title, reserved=info.reserved
    )
    grid = replace(
        grid,
        cover_title=info.cover_title,
        cover_subtitle=info.cover_subtitle,
        cover_free=info.cover_free,
    )
    return Inputs(
        facts,
        layout,
        theme,
        lang,
        grid,
        options.master,
        apply_theme=options.theme is not None,
        notices=[f"{options.master}: {w}" for w in read_notes + info.warnings],
    )


def _font_notices(theme: Theme) -> list[str]:
    from .textfit import known_family

    return [
        f"no bundled metrics for font {family!r}: text is measured with a wide stand-in, "
        f"so it may look roomier than needed"
        for family in sorted({theme.fonts.heading, theme.fonts.body})
        if not known_family(family)
    ]


def make_plan(facts_path: Path | None, options: BuildOptions) -> DeckPlan:
    """Return the validated plan of the deck for ``facts_path`` (bundled facts when None)."""
    inputs = load_inputs(facts_path, options)
    return _plan(inputs)


def contents(plan: DeckPlan) -> list[dict]:
    """Return the number, kind and title of each slide of ``plan``."""
    return [
        {
            "number": number,
            "kind": slide.kind,
            "title": " ".join("".join(r.text for r in p.runs) for p in slide.title.paragraphs),
        }
        for number, slide in enumerate(plan.slides, 1)
    ]


def validate(facts_path: Path | None, options: BuildOptions, deck_only: bool = False) -> Validation:
    """Load and plan exactly as :func:`build` does, without drawing or writing anything, and
    return what the build would make; raise the error the build would raise.

    When the deck cannot be planned, the problems of the infographics (which the build would
    meet next) are listed after the deck's.
    """
    inputs = load_inputs(facts_path, options)
    try:
        plan = _plan(inputs)
    except DeckgenError as e:
        if not deck_only:
            _raise_with_graphics(e, inputs, options)
        raise
    left_out = list(plan.left_out)
    count = None
    if not deck_only:
        count = len(_graphics_plan(inputs, options))
        left_out += _graphics_left_out(inputs)
    return Validation(
        facts_path or DEFAULT_FACTS,
        inputs.layout.path,
        inputs.lang,
        contents(plan),
        left_out,
        count,
        inputs.warnings(),
    )


def _graphics_plan(inputs: Inputs, options: BuildOptions) -> list:
    from .infographics.plan import plan_graphics

    return plan_graphics(inputs.context(), inputs.layout.layout, options.dpi, options.scale)


def _graphics_left_out(inputs: Inputs) -> list[str]:
    """Return the infographics entries the facts give nothing to draw, with why."""
    from .layouts import skipped

    located = inputs.layout.located
    return [
        str(
            located.problem(
                f"infographics[{i}]",
                f"the facts have no pillars, so this {entry.kind} graphic is left out",
                "add pillars to the facts, or remove this graphic",
            )
        )
        for i, entry in enumerate(inputs.layout.layout.infographics)
        if skipped(entry, inputs.facts.facts)
    ]


def _raise_with_graphics(error: DeckgenError, inputs: Inputs, options: BuildOptions) -> None:
    """Raise ``error`` with the first problem of the infographics listed after its own."""
    try:
        _graphics_plan(inputs, options)
        return
    except DeckgenError as e:
        extra = e.format_message().splitlines()[0]
    except Exception:  # noqa: BLE001 - facts the deck refused; the deck's error says why
        return
    lines = error.format_message().splitlines()
    problems = lines[:1]
    if len(lines) > 1 and lines[1].endswith("more problem(s):"):
        problems += [line.strip() for line in lines[2:] if not line.strip().startswith("…")]
    if extra in problems or len(problems) > 30:
        return
    fail_with([*problems, extra], type(error))


def _plan(inputs: Inputs) -> DeckPlan:
    from .plancheck import check_plan
    from .planner import plan_deck

    plan = plan_deck(
        inputs.facts,
        inputs.layout,
        inputs.theme,
        inputs.lang,
        inputs.grid,
        str(inputs.master) if inputs.master else None,
    )
    plan = replace(plan, apply_theme=inputs.apply_theme)
    check_plan(plan)  # a plan that breaks the design rules is a bug: never write it
    where = f"{inputs.master}: " if inputs.master else ""
    inputs.notices += [f"{where}{a}" for a in plan.adapted if f"{where}{a}" not in inputs.notices]
    return plan


def write_graphics(
    inputs: Inputs, out: Path, options: BuildOptions, progress: Progress = NULL
) -> list[Path]:
    """Render the layout's infographics into ``out/infographics``; return the files.
    ``progress`` counts the graphics drawn."""
    return start_graphics(inputs, out, options).finish(progress)


class Graphics:
    """The layout's infographics being written into ``out/infographics`` while this process
    does other work; :meth:`finish` waits for them and returns the files."""

    def __init__(self, inputs: Inputs, out: Path, options: BuildOptions):
        from .infographics.output import Writing

        self.graphics = _graphics_plan(inputs, options)
        self.folder = out / "infographics"
        self.writing = Writing(
            self.graphics, inputs.theme, self.folder, options.transparent, options.cache
        )

    def finish(self, progress: Progress = NULL) -> list[Path]:
        manifest = self.writing.finish(progress)
        return [self.folder / g.file for g in self.graphics] + [manifest]

    def cancel(self) -> None:
        self.writing.cancel()


def _render_and_check(
    plan: DeckPlan, stage: Path, name: Path, options: BuildOptions, progress: Progress, clock
) -> bytes:
    """Return the deck drawn from ``plan``, checked as `deckgen check` checks it."""
    from .deck.render import render_package

    slides = _slides_progress(progress, len(plan.slides))
    with slides.task("Rendering slides", len(plan.slides)) as task:
        data, entries = render_package(plan, stage, task.advance)  # draw the plan
    clock.lap("render")
    if options.check:  # the same checks as `deckgen check`, before anything is replaced
        from .check import check_deck, failing

        # All but the schema rule, which would double a deck-only build's time; the tests
        # hold every deck deckgen builds to the schema (tests/test_schema.py).
        with slides.task("Checking the deck", 1) as task:
            # the parts just written, not unpacked again
            findings = check_deck(entries, name=str(name), schema=False, parallel=True)
            task.advance()
        errors = failing(findings, "error")
        if errors:
            raise RenderError(
                "the built deck fails its checks (a deckgen defect; "
                "--no-check skips them):\n  " + "\n  ".join(str(e) for e in errors)
            )
        clock.lap("check")
    return data


def start_graphics(inputs: Inputs, out: Path, options: BuildOptions) -> Graphics:
    """Start writing the layout's infographics into ``out/infographics``."""
    return Graphics(inputs, out, options)


def build(
    facts_path: Path | None,
    out: Path,
    options: BuildOptions,
    deck_only: bool = False,
    progress: Progress = NULL,
) -> BuildResult:
    """Build the deck (and, unless ``deck_only``, the infographics) into ``out``.

    Everything is written into a staging folder first and moved into place only when the
    whole build succeeded: a failed or interrupted build leaves ``out`` as it was.
    ``progress`` is shown the graphics drawn and, for a long deck, the slides rendered; it
    never changes what is written.
    """
    clock = _Clock()
    key = _inputs_key(facts_path, options, deck_only)
    stamp = cache.up_to_date(out, key) if key and options.cache else None
    if stamp:  # the folder already holds exactly this build: nothing to do
        files = [out / name for name in stamp["files"]]
        graphics = [p for p in files if p.parent.name == "infographics"]
        return BuildResult(
            out / stamp["deck"],
            stamp["slides"],
            graphics,
            stamp["warnings"],
            cached=True,
            seconds=clock.lap("up to date"),
            contents=stamp.get("contents", []),
            left_out=stamp.get("left_out", []),
        )
    inputs = load_inputs(facts_path, options)  # read + validate facts, layout, theme
    clock.lap("load")
    plan = _plan(inputs)  # every decision, as data
    clock.lap("plan")
    with Staging(out) as staging:
        stage = staging.path
        deck_name = f"{plan.slug}.pptx"
        deck_file = inside(stage, deck_name)  # the slug is validated; this is the backstop
        # Slides that show a graphic as a picture need its PNG first; otherwise the
        # graphics are drawn in worker processes while this one renders the deck.
        needs_pictures = any(_picture(e) for s in plan.slides for e in s.elements)
        drawing = None
        if needs_pictures:
            write_graphics(inputs, stage, options, progress)
            clock.lap("graphics")
        elif not deck_only:
            drawing = start_graphics(inputs, stage, options)
        try:
            data = _render_and_check(plan, stage, out / deck_name, options, progress, clock)
            if drawing is not None:
                drawing.finish(progress)
                clock.lap("graphics")
        except BaseException:
            if drawing is not None:
                drawing.cancel()
            raise
        write_atomic(deck_file, data)
        if options.pdf:
            from .preview import to_pdf

            to_pdf(deck_file, stage)
        cache.clear(out)  # the folder is about to change: forget its stamp first
        written = staging.commit()  # every file renamed into place
        if key:
            summary = {
                "deck": deck_name,
                "slides": len(plan.slides),
                "warnings": inputs.warnings(),
                "contents": contents(plan),
                "left_out": list(plan.left_out),
            }
            cache.write_stamp(out, key, written, summary)
        clock.lap("write")
    graphics = [p for p in written if p.parent.name == "infographics"]
    return BuildResult(
        out / deck_name,
        len(plan.slides),
        graphics,
        inputs.warnings(),
        seconds=clock.laps,
        contents=contents(plan),
        left_out=list(plan.left_out),
    )


SLIDES_WORTH_A_BAR = 100


def _picture(element) -> bool:
    from .plan import PictureEl

    return isinstance(element, PictureEl)


def _slides_progress(progress: Progress, slides: int) -> Progress:
    """Return ``progress`` for a deck of at least SLIDES_WORTH_A_BAR slides, else NULL.

    A slide takes about 8 ms to render and 9 ms to check (measured: 0.8 s and 0.9 s for 100
    slides, 3.9 s and 4.6 s for 500), so a smaller deck is done in about a second or less,
    where a bar would only flicker on and off; graphics (a third of a second each) and
    batches of decks always get theirs.
    """
    return progress if slides >= SLIDES_WORTH_A_BAR else NULL


class _Clock:
    """Time the steps of a build, for --json."""

    def __init__(self) -> None:
        self.start = self.last = time.perf_counter()
        self.laps: dict[str, float] = {}

    def lap(self, name: str) -> dict[str, float]:
        now = time.perf_counter()
        self.laps[name] = round(now - self.last, 4)
        self.laps["total"] = round(now - self.start, 4)
        self.last = now
        return self.laps


def build_many(
    facts_files: list[Path],
    out: Path,
    options: BuildOptions,
    deck_only: bool,
    progress: Progress = NULL,
) -> list[tuple[Path, BuildResult | str]]:
    """Build several facts files in parallel, each into ``out/<file stem>``.

    Return, per file, its result or the one-line error it failed with. ``progress`` counts
    the decks as their builds finish (the builds themselves show nothing).
    """
    from . import pool

    jobs = [(f, _batch_folder(out, f), options, deck_only) for f in facts_files]
    folders: dict[str, Path] = {}
    for f, folder, *_ in jobs:  # two builds must never write into one folder at once
        other = folders.setdefault(os.path.normcase(str(folder)), f)
        if other != f:
            raise DeckgenError(
                f"{f}: builds into {folder}, as {other} does (rename one of the facts files)"
            )
    with progress.task("Building decks", len(jobs)) as task:
        results = pool.run(_build_one, jobs, done=task.advance)
    return list(zip(facts_files, results))


def _batch_folder(out: Path, facts: Path) -> Path:
    """Return the subfolder of ``out`` that the deck of ``facts`` is built into."""
    try:
        return inside(out, facts.stem)
    except OutsideFolderError as e:
        raise OutsideFolderError(
            f"{facts}: its name gives no usable folder inside {out} (rename the file)"
        ) from e


def _build_one(job: tuple[Path, Path, BuildOptions, bool]) -> BuildResult | str:
    """Build one deck of a batch in a worker process (top level, picklable arguments)."""
    facts, out, options, deck_only = job
    try:
        return build(facts, out, options, deck_only)
    except DeckgenError as e:
        return e.format_message().splitlines()[0]


def _inputs_key(facts_path: Path | None, options: BuildOptions, deck_only: bool) -> str | None:
    """Return the content key of a build: every input file and every option."""
    theme_file = (
        named_or_path(options.theme, THEMES)
        if options.theme
        else (None if options.master else THEMES / "default.yaml")
    )
    files = [
        facts_path or DEFAULT_FACTS,
        named_or_path(options.layout, LAYOUTS),
        theme_file,
        options.master,
    ]
    if theme_file is not None:
        try:
            logo = load_yaml(theme_file, ThemeError, "theme")[0].get("logo")
        except (DeckgenError, AttributeError):  # load_theme reports it, with its line
            return None
        if logo:
            files.append(theme_file.parent / str(logo))
    settings = {k: v for k, v in vars(options).items() if k not in ("cache",)}
    return cache.inputs_key(files, {**settings, "deck_only": deck_only})


def build_graphics(
    facts_path: Path | None, out: Path, options: BuildOptions, progress: Progress = NULL
) -> BuildResult:
    """Write only the infographics into ``out/infographics``; ``progress`` counts those
    drawn."""
    inputs = load_inputs(facts_path, options)
    with Staging(out) as staging:
        write_graphics(inputs, staging.path, options, progress)
        graphics = staging.commit()
    return BuildResult(None, 0, graphics, inputs.warnings())
