"""The command line: parse options, call the library, report. Nothing else lives here."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import __version__

FACTS = click.Path(dir_okay=False, path_type=Path)


def _build_options(layout: str, theme: str | None, lang: str | None, strict: bool, **extra):
    from .build import BuildOptions

    return BuildOptions(layout=layout, theme=theme, lang=lang, strict=strict, **extra)


def graphics_options(command):
    """Add the options that shape the PNG infographics."""
    command = click.option(
        "--transparent", is_flag=True, help="PNG backgrounds transparent instead of white."
    )(command)
    command = click.option(
        "--scale",
        default=2.0,
        show_default=True,
        type=click.FloatRange(0.5, 4),
        help="Pixel scale of screen graphics (2 = 3840x2160 for 16:9).",
    )(command)
    command = click.option(
        "--dpi",
        default=300,
        show_default=True,
        type=click.IntRange(72, 1200),
        help="Resolution of print graphics (cards, poster).",
    )(command)
    return command


out_option = click.option(
    "--out",
    "out",
    default="output",
    show_default=True,
    metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write into.",
)


def _project_defaults(
    facts: Path | None, layout: str | None, theme: str | None
) -> tuple[Path | None, str, str | None]:
    """Fill in what a project folder made by `deckgen init` provides: facts.yaml,
    layout.yaml and theme.yaml in the current folder."""
    here = Path.cwd()
    if facts is None and (here / "facts.yaml").is_file():
        facts = here / "facts.yaml"
        if layout is None and (here / "layout.yaml").is_file():
            layout = str(here / "layout.yaml")
        if theme is None and (here / "theme.yaml").is_file():
            theme = str(here / "theme.yaml")
    return facts, layout or "briefing", theme


def _report_graphics(files: list[Path]) -> None:
    pngs = [f for f in files if f.suffix == ".png"]
    from .errors import counted

    click.echo(f"Wrote {counted(len(pngs), 'infographic')} and their manifest to {files[0].parent}")


def _warn(lines: list[str]) -> None:
    for line in lines:
        click.echo(f"Warning: {line}", err=True)


layout_option = click.option(
    "--layout",
    default=None,
    metavar="NAME|PATH",
    help="Layout template: a bundled name or a YAML file (default: briefing).",
)
theme_option = click.option(
    "--theme",
    default=None,
    metavar="NAME|PATH",
    help="Theme: a bundled name or a YAML file (default: 'default', or "
    "the master's own look with --master).",
)
master_option = click.option(
    "--master",
    default=None,
    metavar="FILE",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Build on your organisation's PowerPoint master (.pptx/.potx).",
)
lang_option = click.option(
    "--lang",
    default=None,
    type=click.Choice(["en", "zh"]),
    help="Language of the deck (default: the facts' meta.language).",
)
strict_option = click.option(
    "--strict", is_flag=True, help="Treat warnings (unknown keys) as errors."
)


class _Group(click.Group):
    """A command group that turns an unexpected failure into one Error line (exit 1)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # `deckgen … | head`: the reader left; nothing to report
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise click.exceptions.Exit(0) from None
        except OSError as e:  # the machine's (a full disk, a lost folder), not deckgen's
            if os.environ.get("DECKGEN_DEBUG"):
                raise
            from .errors import DeckgenError

            where = f"{e.filename}: " if e.filename else ""
            raise DeckgenError(
                f"{where}{e.strerror or e} (free some space, check permissions, or choose "
                f"another --out)"
            ) from e
        except Exception as e:  # noqa: BLE001 - anything else is a defect; say so plainly
            if os.environ.get("DECKGEN_DEBUG"):
                raise
            from .errors import DeckgenError

            raise DeckgenError(
                f"internal error: {type(e).__name__}: {e} (a deckgen defect; "
                f"set DECKGEN_DEBUG=1 to see where)"
            ) from e


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="deckgen")
def main() -> None:
    """Turn structured facts into a designed, sourced, editable briefing deck."""


@main.command()
@click.argument("facts", nargs=-1, type=click.Path(path_type=Path))
@layout_option
@theme_option
@master_option
@lang_option
@out_option
@click.option("--deck-only", is_flag=True, help="Write the deck only, no PNG infographics.")
@click.option("--pdf", is_flag=True, help="Also write a tagged PDF of the deck (LibreOffice).")
@click.option("--no-check", is_flag=True, help="Skip checking the built deck.")
@click.option("--no-cache", is_flag=True, help="Rebuild even when an identical build is cached.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print what was written and how long each step took, as JSON.",
)
@click.option(
    "--verify",
    "verify_first",
    is_flag=True,
    help="First check the figures against the sources' texts (as `deckgen verify`).",
)
@graphics_options
@strict_option
def build(
    facts: tuple[Path, ...],
    layout: str,
    theme: str | None,
    master: Path | None,
    lang: str | None,
    out: Path,
    deck_only: bool,
    pdf: bool,
    no_check: bool,
    no_cache: bool,
    quiet: bool,
    as_json: bool,
    dpi: int,
    scale: float,
    transparent: bool,
    strict: bool,
    verify_first: bool,
) -> None:
    """Build the deck and PNG infographics from FACTS (default: the bundled two-zones
    briefing) into --out. Several facts files, or a folder of them, build in parallel, each
    into its own subfolder."""
    from .build import build as run_build
    from .build import build_many
    from .errors import counted
    from .progress import for_terminal

    files = _facts_files(facts)
    first, layout, theme = _project_defaults(files[0] if len(files) == 1 else None, layout, theme)
    options = _build_options(
        layout,
        theme,
        lang,
        strict,
        dpi=dpi,
        scale=scale,
        transparent=transparent,
        check=not no_check,
        pdf=pdf,
        master=master,
        cache=not no_cache,
    )
    if verify_first:
        for file in files:
            _verified(file if len(files) > 1 else first)
    if len(files) > 1:
        with for_terminal(quiet or as_json) as progress:
            results = build_many(files, out, options, deck_only, progress)
        failed = [f for f, r in results if isinstance(r, str)]
        if as_json:
            click.echo(
                json.dumps(
                    {str(f): (r if isinstance(r, str) else r.to_json()) for f, r in results},
                    indent=1,
                    ensure_ascii=False,
                )
            )
        elif not quiet:
            for f, r in results:
                click.echo(
                    f"{f}: {r}"
                    if isinstance(r, str)
                    else f"{f}: {r.deck} ({counted(r.slides, 'slide')}, "
                    f"{counted(len(r.graphics), 'graphics file')})"
                )
        if failed:
            raise click.ClickException(f"{len(failed)} of {counted(len(files), 'build')} failed")
        return
    with for_terminal(quiet or as_json) as progress:
        result = run_build(first, out, options, deck_only, progress)
    _warn(result.warnings)
    if as_json:
        click.echo(json.dumps(result.to_json(), indent=1, ensure_ascii=False))
    elif not quiet:
        click.echo(
            f"Wrote {result.deck} ({counted(result.slides, 'slide')})"
            + (" from the build cache" if result.cached else "")
        )
        if result.graphics:
            _report_graphics(result.graphics)


def _facts_files(given: tuple[Path, ...]) -> list[Path | None]:
    """Return the facts files to build: the arguments, each folder's *.yaml, or [None]."""
    files: list[Path | None] = []
    for path in given:
        if path.is_dir():
            found = sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml"))
            if not found:
                raise click.UsageError(f"{path}: no .yaml facts files in this folder")
            files += found
        else:
            files.append(path)
    return files or [None]


@main.command()
@click.argument("facts", required=False, type=FACTS)
@layout_option
@theme_option
@lang_option
@out_option
@graphics_options
@strict_option
def infographics(
    facts: Path | None,
    layout: str,
    theme: str | None,
    lang: str | None,
    out: Path,
    dpi: int,
    scale: float,
    transparent: bool,
    strict: bool,
) -> None:
    """Write only the PNG infographics (and manifest.json) into --out/infographics."""
    from .build import build_graphics
    from .progress import for_terminal

    facts, layout, theme = _project_defaults(facts, layout, theme)
    options = _build_options(
        layout, theme, lang, strict, dpi=dpi, scale=scale, transparent=transparent
    )
    with for_terminal() as progress:
        result = build_graphics(facts, out, options, progress)
    _warn(result.warnings)
    _report_graphics(result.graphics)


@main.command()
@click.argument(
    "decks", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warn"]),
    default="error",
    show_default=True,
    help="Lowest severity that makes the check fail.",
)
@click.option("--strict", is_flag=True, help="Same as --fail-on warn.")
@click.option(
    "--min-font",
    default=10.0,
    show_default=True,
    type=click.FloatRange(1, 200),
    help="Smallest acceptable font size, in points.",
)
def check(
    decks: tuple[Path, ...], as_json: bool, fail_on: str, strict: bool, min_font: float
) -> None:
    """Check any .pptx for overflowing text, off-slide shapes, tiny fonts, a damaged package,
    parts that break the Office Open XML schemas (the repairs PowerPoint would ask for), and
    what PowerPoint's Accessibility Checker reports: missing alt text (unless decorative),
    missing or duplicate slide titles, tables without a header row, reading order far from
    the visual one, low contrast."""
    from .check import check_deck, failing

    findings = [f for deck in decks for f in check_deck(deck, min_font_pt=min_font)]
    if as_json:
        click.echo(json.dumps([f.to_json() for f in findings], indent=1, ensure_ascii=False))
    else:
        for finding in findings:
            click.echo(str(finding))
        errors = sum(f.severity == "error" for f in findings)
        click.echo(
            f"{len(decks)} deck(s): {errors} error(s), {len(findings) - errors} warning(s)",
            err=True,
        )
    if failing(findings, "warn" if strict else fail_on):
        sys.exit(1)


@main.command()
@click.argument("deck", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "out",
    default="preview",
    show_default=True,
    metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the PNGs.",
)
@click.option("--dpi", default=60, show_default=True, type=click.IntRange(20, 300))
def preview(deck: Path, out: Path, dpi: int) -> None:
    """Render DECK with LibreOffice: one PNG per slide and a contact sheet."""
    from .preview import preview as run_preview

    files = run_preview(deck, out, dpi)
    click.echo(f"Wrote {len(files) - 1} slide images and {files[-1]}")


@main.command()
@click.argument("facts", required=False, type=FACTS)
@layout_option
@theme_option
@master_option
@lang_option
@click.option(
    "--deck-only", is_flag=True, help="Check what 'build --deck-only' needs: no infographics."
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print the slides and what is left out as JSON."
)
@strict_option
def validate(
    facts: Path | None,
    layout: str | None,
    theme: str | None,
    master: Path | None,
    lang: str | None,
    deck_only: bool,
    as_json: bool,
    strict: bool,
) -> None:
    """Check FACTS with the layout, theme and language a build would use, and report every
    problem the build would meet, or the slides it would make and what it leaves out.
    Nothing is drawn or written."""
    from .build import validate as run_validate
    from .errors import counted

    facts, layout, theme = _project_defaults(facts, layout, theme)
    options = _build_options(layout, theme, lang, strict, master=master)
    result = run_validate(facts, options, deck_only=deck_only)
    _warn([w for w in result.warnings if w not in result.left_out])
    if as_json:
        click.echo(json.dumps(result.to_json(), indent=1, ensure_ascii=False))
        return
    made = counted(result.slides, "slide")
    if result.graphics is not None:
        made += f" and {counted(result.graphics, 'infographic')}"
    click.echo(
        f"{result.facts}: valid: {made} in {result.language!r} from {result.layout}"
        + (f", {len(result.left_out)} left out" if result.left_out else "")
    )
    width = max(len(s["kind"]) for s in result.contents)
    for slide in result.contents:
        click.echo(f"{slide['number']:>4}  {slide['kind']:<{width}}  {slide['title']}")
    if result.left_out:
        click.echo("Left out:")
        for line in result.left_out:
            click.echo(f"  {line}")


@main.command()
@click.argument("facts", required=False, type=FACTS)
def verify(facts: Path | None) -> None:
    """Check that every figure in FACTS stands, with its qualifier, in the cited paragraph
    of its source's text (sources[].text). Figures whose source has no text are counted
    as unverified."""
    facts, _, _ = _project_defaults(facts, None, None)
    result = _verified(facts)
    from .errors import counted

    line = (
        f"{facts or result.path}: verified {counted(result.verified, 'figure')} against "
        f"{counted(result.texts, 'source text')}"
    )
    if result.unverified:
        shown = ", ".join(result.unverified[:8]) + (" …" if len(result.unverified) > 8 else "")
        line += f" ({len(result.unverified)} unverified: no text: {shown})"
    if result.worded:
        shown = ", ".join(result.worded[:8]) + (" …" if len(result.worded) > 8 else "")
        line += f" ({len(result.worded)} stated in words, not checked: {shown})"
    click.echo(line)


def _verified(facts: Path | None):
    """Verify ``facts`` (default: the bundled facts); raise FactsError on any mismatch."""
    from .assets import DEFAULT_FACTS
    from .errors import FactsError, fail_with
    from .verify import verify_file

    result = verify_file(facts or DEFAULT_FACTS)
    fail_with(list(result.mismatches), FactsError)
    return result


@main.command()
@click.argument("facts", required=False, type=FACTS)
@layout_option
@theme_option
@master_option
@lang_option
@strict_option
def plan(
    facts: Path | None,
    layout: str,
    theme: str | None,
    master: Path | None,
    lang: str | None,
    strict: bool,
) -> None:
    """Print the deck plan (every slide, element, size and line break) as JSON."""
    from .build import make_plan

    facts, layout, theme = _project_defaults(facts, layout, theme)
    result = make_plan(facts, _build_options(layout, theme, lang, strict, master=master))
    json.dump(result.to_json(), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


@main.command()
def themes() -> None:
    """List the bundled themes."""
    from .theme import list_themes

    for theme in list_themes():
        click.echo(f"{theme.name:<12} {theme.description}")


@main.command()
def layouts() -> None:
    """List the bundled layout templates."""
    from .errors import counted
    from .layouts import list_layouts

    for name, description, count in list_layouts():
        click.echo(f"{name:<12} {description} ({counted(count, 'slide entry')})")


def output_option(help: str):
    """``-o/--output FILE``: where a command writes what it would otherwise print."""
    return click.option(
        "-o",
        "--output",
        default=None,
        metavar="FILE",
        type=click.Path(dir_okay=False, path_type=Path),
        help=help,
    )


@main.command()
@output_option("Write the schema to FILE instead of printing it.")
def schema(output: Path | None) -> None:
    """Print the JSON Schema of facts files, for editors that check YAML as you type."""
    from .docgen import render_schema

    text = render_schema()
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


@main.command()
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@output_option(
    "Write the draft facts to FILE (and facts.schema.json beside it) instead of printing."
)
@click.option(
    "--lang",
    default=None,
    type=click.Choice(["en", "zh"]),
    help="Language of the text to read (default: the language most of it is in).",
)
@click.option("--force", is_flag=True, help="Overwrite FILE when it exists.")
def draft(source: Path, output: Path | None, lang: str | None, force: bool) -> None:
    """Draft a facts file from SOURCE, an announcement's plain text (.txt, UTF-8).

    Every figure the text states becomes a metric with its qualifier, unit and paragraph,
    marked `# check` for you to compare with the source.
    """
    from .draft import draft as make_draft
    from .errors import DeckgenError, counted

    if output is not None and output.exists() and not force:
        raise DeckgenError(f"{output}: already exists (choose another file, or --force)")
    result = make_draft(source, lang, output)
    _warn(list(result.warnings))
    if output is None:
        sys.stdout.write(result.text)
        return
    from .docgen import render_schema
    from .package import write_atomic

    write_atomic(output, result.text.encode("utf-8"))
    schema_file = output.parent / "facts.schema.json"
    if not schema_file.exists():
        write_atomic(schema_file, render_schema().encode("utf-8"))
    click.echo(
        f"Wrote {output}: {counted(result.figures, 'figure')} from "
        f"{counted(result.paragraphs, 'paragraph')}. Check each '# check' line, then: "
        f"deckgen verify {output}",
        err=True,
    )


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def init(folder: Path) -> None:
    """Start a new briefing project in FOLDER: facts, layout and theme to edit."""
    from .scaffold import init_project

    written = init_project(folder)
    for path in written:
        click.echo(f"Wrote {path}")
    click.echo(f"Next: cd {folder} && deckgen build")


@main.command()
@click.argument("facts", required=False, type=FACTS)
@layout_option
@theme_option
@master_option
@lang_option
@out_option
@click.option("--deck-only", is_flag=True, help="Write the deck only, no PNG infographics.")
def watch(
    facts: Path | None,
    layout: str | None,
    theme: str | None,
    master: Path | None,
    lang: str | None,
    out: Path,
    deck_only: bool,
) -> None:
    """Rebuild whenever the facts, layout, theme or master is saved (Ctrl-C stops)."""
    from watchfiles import watch as watch_files

    from .assets import DEFAULT_FACTS, LAYOUTS, THEMES, named_or_path
    from .build import build as run_build
    from .errors import DeckgenError, counted
    from .progress import for_terminal

    facts, layout, theme = _project_defaults(facts, layout, theme)
    options = _build_options(layout, theme, lang, False, master=master)
    watched = {
        p.resolve()
        for p in [
            facts or DEFAULT_FACTS,
            named_or_path(layout, LAYOUTS),
            named_or_path(theme or "default", THEMES),
            master,
        ]
        if p is not None and p.exists()
    }

    def once(reason: str) -> None:
        try:
            with for_terminal() as progress:
                result = run_build(facts, out, options, deck_only, progress)
            click.echo(
                f"{reason}: wrote {result.deck} ({counted(result.slides, 'slide')}, "
                f"{result.seconds.get('total', 0):.2f} s)"
            )
        except DeckgenError as e:
            click.echo(f"{reason}: Error: {e.format_message()}", err=True)

    once("start")
    folders = {p.parent for p in watched}
    for changes in watch_files(*folders):
        changed = sorted({Path(path).resolve() for _, path in changes} & watched)
        if changed:
            once("changed " + ", ".join(p.name for p in changed))
