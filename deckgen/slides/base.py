"""What every slide kind shares: the grid, the context, text fitting, title, footer, notes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Iterator, Sequence, TypeVar

from ..errors import FactsError, FitError
from ..facts import Facts, Metric, Story
from ..numbers import Figure, expand, figure
from ..plan import Box, Paragraph, Run, ShapeEl, TextEl, inch
from ..text import MissingLanguage, Text
from ..textfit import ParaSpec, RunSpec, fit
from ..theme import Theme
from ..yamlsrc import Located

T = TypeVar("T")

# The grid (16:9, 13.333 x 7.5 in): margins, title band, content area, footer band.
SLIDE_W, SLIDE_H = 12192000, 6858000  # exactly 13.333 x 7.5 in
MARGIN = inch(0.6)
GUTTER = inch(0.25)
CONTENT_W = SLIDE_W - 2 * MARGIN
TITLE_BOX = Box(MARGIN, inch(0.35), CONTENT_W, inch(1.15))
CONTENT_TOP = inch(1.72)
CONTENT_BOTTOM = inch(6.75)
CONTENT = Box(MARGIN, CONTENT_TOP, CONTENT_W, CONTENT_BOTTOM - CONTENT_TOP)
FOOTER_Y, FOOTER_H = inch(6.98), inch(0.34)

# The type scale, in points: (largest, smallest) each role may be set at.
TITLE_PT = (32, 24)
HERO_PT = (66, 40)
HEADING_PT = (20, 16)
BODY_PT = (18, 14)
LABEL_PT = (14, 12)
FOOTER_PT = 11


@dataclass(frozen=True)
class Context:
    """What a slide kind needs to plan its slides: facts, theme, language."""

    facts: Facts
    located: Located
    theme: Theme
    lang: str

    @property
    def default_lang(self) -> str:
        return self.facts.meta.language

    def text(self, value: Text | None, path: str) -> str:
        """Return ``value`` in the build's language with figures filled in ('' for None)."""
        if value is None:
            return ""
        try:
            raw = value.get(self.lang, self.default_lang)
        except MissingLanguage:
            problem = self.located.problem(path, f"no {self.lang!r} text",
                                           f"add '{self.lang}:' to this field")
            raise FactsError(str(problem)) from None
        return expand(raw, self.facts)

    def color(self, role: str) -> str:
        return self.theme.color(role)

    def font(self, role: str) -> str:
        return self.theme.fonts.heading if role == "heading" else self.theme.fonts.body

    def figure(self, metric_id: str) -> Figure:
        return figure(self.facts.metric(metric_id))

    def metric_path(self, metric_id: str) -> str:
        index = next(i for i, m in enumerate(self.facts.metrics) if m.id == metric_id)
        return f"metrics[{index}]"

    def story_path(self, story_id: str) -> str:
        index = next(i for i, s in enumerate(self.facts.stories) if s.id == story_id)
        return f"stories[{index}]"

    def source_short(self) -> str:
        first = self.facts.sources[0]
        return self.text(first.short, "sources[0].short")


@dataclass(frozen=True)
class R:
    """A run to fit: text, size range (points), weight, colour role and font role."""

    text: str
    size: tuple[float, float]
    color: str = "text"
    bold: bool = False
    font: str = "body"


@dataclass(frozen=True)
class P:
    """A paragraph to fit."""

    runs: tuple[R, ...]
    align: str = "left"
    space_before_pt: float = 0.0


def para(*runs: R, align: str = "left", space_before_pt: float = 0.0) -> P:
    return P(tuple(r for r in runs if r.text), align, space_before_pt)


def text_box(ctx: Context, name: str, box: Box, paras: Sequence[P], what: str, *,
             fill: str | None = None, background: str | None = None, anchor: str = "top",
             role: str = "body") -> TextEl:
    """Return a text element whose sizes and line breaks fit ``box``.

    ``what`` is the key path of the fact the text comes from; it names the fact in the error
    raised when the text cannot fit even at its smallest sizes.
    """
    paras = [p for p in paras if p.runs]
    probe = TextEl(name, box, (), "FFFFFF")
    width_pt = (box.w - 2 * probe.inset_x) / 12700
    height_pt = (box.h - 2 * probe.inset_y) / 12700
    specs = [ParaSpec(tuple(RunSpec(r.text, r.size[0], r.size[1], r.bold, ctx.font(r.font))
                            for r in p.runs), p.space_before_pt) for p in paras]
    fitted = fit(specs, width_pt, height_pt)
    if fitted is None:
        line = ctx.located.line(what)
        where = f"{ctx.located.file}:{line}" if line else ctx.located.file
        smallest = min(r.size[1] for p in paras for r in p.runs)
        raise FitError(f"{where}: {what}: text does not fit its box on the {name!r} element even "
                       f"at {smallest:g} pt (shorten it)")
    out = []
    for p, sizes, lines in zip(paras, fitted.sizes, fitted.lines):
        runs = tuple(Run(r.text, s, ctx.color(r.color), r.bold, r.font)  # type: ignore[arg-type]
                     for r, s in zip(p.runs, sizes))
        out.append(Paragraph(runs, p.align, p.space_before_pt, lines))  # type: ignore[arg-type]
    bg = fill or background or ctx.color("background")
    return TextEl(name, box, tuple(out), bg, role, anchor, fill,  # type: ignore[arg-type]
                  height_used_pt=round(fitted.height_pt, 2))


def title(ctx: Context, text: str, what: str) -> TextEl:
    """Return the slide title (rendered into the layout's title placeholder)."""
    text = text[:1].upper() + text[1:]
    run = R(text, TITLE_PT, "primary", bold=True, font="heading")
    return text_box(ctx, "Title", TITLE_BOX, [para(run)], what, anchor="bottom", role="title")


def footer(ctx: Context) -> tuple[TextEl, TextEl]:
    """Return the footer: short source at left, slide number at right."""
    source = R(f"Source: {ctx.source_short()}", (FOOTER_PT, FOOTER_PT), "muted")
    left = text_box(ctx, "Footer source", Box(MARGIN, FOOTER_Y, inch(9.5), FOOTER_H),
                    [para(source)], "sources[0].short", role="footer", anchor="middle")
    number_box = Box(SLIDE_W - MARGIN - inch(1.0), FOOTER_Y, inch(1.0), FOOTER_H)
    run = Run("#", FOOTER_PT, ctx.color("muted"), field="slidenum")
    number = TextEl("Slide number", number_box, (Paragraph((run,), "right", 0.0, ("#",)),),
                    ctx.color("background"), "footer", "middle")
    return left, number


def card(ctx: Context, name: str, box: Box, fill_role: str = "surface") -> ShapeEl:
    return ShapeEl(name, box, "roundRect", ctx.color(fill_role))


def columns(area: Box, count: int, gutter: int = GUTTER) -> list[Box]:
    """Split ``area`` into ``count`` equal columns separated by ``gutter``."""
    width = (area.w - gutter * (count - 1)) // count
    return [Box(area.x + i * (width + gutter), area.y, width, area.h) for i in range(count)]


def rows(area: Box, count: int, gutter: int = GUTTER) -> list[Box]:
    """Split ``area`` into ``count`` equal rows separated by ``gutter``."""
    height = (area.h - gutter * (count - 1)) // count
    return [Box(area.x, area.y + i * (height + gutter), area.w, height) for i in range(count)]


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """Yield ``items`` in slices of at most ``size`` (continuation slides)."""
    for start in range(0, max(len(items), 1), size):
        yield items[start:start + size]


def continued(text: str, index: int) -> str:
    return text if index == 0 else f"{text} (continued)"


def metric_phrase(ctx: Context, metric: Metric) -> str:
    """Return a metric as a sentence fragment: "nearly 98% of the approved tasks have …"."""
    fig = figure(metric)
    label = ctx.text(metric.label, f"{ctx.metric_path(metric.id)}.label")
    period = ctx.text(metric.period, f"{ctx.metric_path(metric.id)}.period")
    text = f"{fig.amount} {label}"
    return f"{text} ({period})" if period else text


def citation(ctx: Context, metric: Metric) -> str:
    source = ctx.facts.source(metric.cite.source)
    short = ctx.text(source.short, "sources")
    return f"{short}, paragraph {metric.cite.para}"


def notes(ctx: Context, story: Story | None, metric_ids: Sequence[str], extra: str = "") -> str:
    """Return speaker notes: what to say, the exact figures with sources, a likely question."""
    parts = []
    if story is not None:
        path = ctx.story_path(story.id)
        said = ctx.text(story.notes, f"{path}.notes")
        if said:
            parts.append(said)
    if extra:
        parts.append(extra)
    for metric_id in metric_ids:
        metric = ctx.facts.metric(metric_id)
        parts.append(f"Figure: {metric_phrase(ctx, metric)}. Source: {citation(ctx, metric)}.")
    if not metric_ids:
        parts.append(f"Source: {full_citation(ctx)}.")
    if story is not None and story.question is not None:
        path = ctx.story_path(story.id)
        parts.append(f"If asked: {ctx.text(story.question, f'{path}.question')}")
    return "\n".join(parts)


def full_citation(ctx: Context) -> str:
    """Return the full citation of the first source: who, what, when, reported by whom."""
    s = ctx.facts.sources[0]
    bits = [ctx.text(s.publisher, "sources[0].publisher"), ctx.text(s.event, "sources[0].event"),
            s.date.strftime("%-d %B %Y")]
    if s.speaker is not None:
        bits.append(f"figures given by {ctx.text(s.speaker, 'sources[0].speaker')}")
    if s.reporter is not None:
        bits.append(f"reported by {ctx.text(s.reporter, 'sources[0].reporter')}")
    return ", ".join(bits)


def body(size: tuple[float, float], scale: float) -> tuple[float, float]:
    """Return a fixed size: ``scale`` of the largest, never below the smallest."""
    value = max(size[1], round(size[0] * scale * 2) / 2)
    return (value, value)


def _attempts(hero: tuple[float, float] | None) -> Iterator[tuple[float, float]]:
    """Yield (hero size, body scale) pairs: shrink the hero first, then the body text."""
    if hero is not None:
        size = hero[0]
        while size > hero[1]:
            yield size, 1.0
            size -= 2
    scale = 1.0
    while scale > 0.5:
        yield (hero[1] if hero else 0.0), scale
        scale = round(scale - 0.05, 2)


def group_fit(hero: tuple[float, float] | None, build: Callable[[float, float], list[T]]
              ) -> list[T]:
    """Return ``build(hero_size, body_scale)`` for the first sizes at which everything fits.

    Siblings (tiles in a row, cards in a grid) are built together at the same sizes, so their
    numbers and headings line up. Raise the last :class:`FitError` if nothing fits.
    """
    error: FitError | None = None
    for hero_size, scale in _attempts(hero):
        try:
            return build(hero_size, scale)
        except FitError as e:
            error = e
    assert error is not None
    raise error


def hug(el: TextEl, slack_pt: float = 3.0) -> TextEl:
    """Return ``el`` with its box cut to the height its text needs (top edge kept)."""
    height = int((el.height_used_pt + slack_pt) * 12700) + 2 * el.inset_y
    return replace(el, box=Box(el.box.x, el.box.y, el.box.w, min(el.box.h, height)))


def hero_paras(ctx: Context, metric_id: str, size: float, scale: float = 1.0,
               color: str = "primary", label_color: str = "text", small_color: str = "muted",
               align_rows: bool = True) -> list[P]:
    """Return paragraphs for a figure set large: qualifier, number (+scale), label, base/period.

    With ``align_rows`` an empty qualifier still takes its line, so that numbers in a row of
    tiles stand on one baseline.
    """
    metric = ctx.facts.metric(metric_id)
    fig = ctx.figure(metric_id)
    path = ctx.metric_path(metric_id)
    qualifier = fig.qualifier or ("\u00a0" if align_rows else "")
    prefix, number = _split_prefix(fig.number)
    number_runs = [R(prefix, (size * 0.5, size * 0.5), color, bold=True, font="heading"),
                   R(number, (size, size), color, bold=True, font="heading")]
    if fig.scale:
        number_runs.append(R(f" {fig.scale}", (size * 0.4, size * 0.4), color, bold=True,
                             font="heading"))
    small = [ctx.text(metric.period, f"{path}.period")]
    if metric.base is not None:
        base = ctx.facts.metric(metric.base)
        small.insert(0, f"Base: {ctx.figure(base.id).full}")
    small_text = " · ".join(s for s in small if s)
    return [para(R(qualifier, body((20, 16), scale), small_color)),
            para(*number_runs),
            para(R(ctx.text(metric.label, f"{path}.label"), body((18, 14), scale), label_color),
                 space_before_pt=4),
            para(R(small_text, body((15, 12), scale), small_color), space_before_pt=6)]


def _split_prefix(number: str) -> tuple[str, str]:
    """Split a currency prefix from the digits: 'US$55.14' -> ('US$', '55.14')."""
    index = next((i for i, c in enumerate(number) if c.isdigit()), 0)
    return number[:index], number[index:]
