"""What every slide kind shares: the grid, the context, text fitting, title, footer, notes."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from .. import i18n, qualifiers
from ..errors import FactsError, FitError, least_short, plural
from ..facts import Cite, Facts, Metric, Point, Series, Source, Story
from ..images import image_size
from ..numbers import (
    Figure,
    earlier_figure,
    expand,
    figure,
    format_value,
    rest_words,
    value_figure,
)
from ..plan import Box, Paragraph, PictureEl, Run, ShapeEl, SlidePlan, TextEl, inch
from ..text import MissingLanguage, Text
from ..textfit import ParaSpec, RunSpec, fit, overflow, too_long
from ..theme import Theme
from ..yamlsrc import Located

T = TypeVar("T")


@dataclass(frozen=True)
class Grid:
    """Where things go on a slide (EMU): margins, title band, content area, footer band.

    The default grid is for a 16:9 slide; a corporate master gives its own, taken from its
    title placeholder and slide size (see ``deck.master``).
    """

    width: int
    height: int
    margin: int
    title: Box
    content: Box
    footer: Box
    cover_title: Box | None = None  # the title slide's title and subtitle, when a master
    cover_subtitle: Box | None = None  # places them; else the house composition is used
    cover_free: Box | None = None  # the room under the master's cover title, clear of its art


def default_grid(width: int = 12192000, height: int = 6858000) -> Grid:
    """Return the house grid for a slide of ``width`` x ``height`` EMU."""
    margin = max(inch(0.5), width // 22)
    top = inch(0.35) * height // 6858000
    title_box = Box(margin, top, width - 2 * margin, inch(1.15))
    return grid_around(width, height, margin, title_box)


def grid_around(
    width: int, height: int, margin: int, title_box: Box, reserved: list[Box] | None = None
) -> Grid:
    """Return a grid whose content area is the largest region the title leaves free.

    The footer band sits at the bottom unless the title is there, then at the top; it stops
    short of ``reserved`` boxes (a master's own logo, for instance).
    """
    footer_h = inch(0.34)
    footer = Box(margin, height - inch(0.18) - footer_h, width - 2 * margin, footer_h)
    if footer.overlaps(title_box):
        footer = Box(margin, inch(0.12), width - 2 * margin, footer_h)
    for box in reserved or []:
        if box.overlaps(footer):
            if box.x + box.w // 2 > width // 2:
                footer = Box(
                    footer.x, footer.y, max(box.x - inch(0.15) - footer.x, inch(2)), footer.h
                )
            else:
                right = footer.right
                footer = Box(
                    box.right + inch(0.15), footer.y, right - box.right - inch(0.15), footer.h
                )
    if footer.y > height // 2:
        inner = Box(margin, margin, width - 2 * margin, footer.y - inch(0.2) - margin)
    else:
        top = footer.bottom + inch(0.15)
        inner = Box(margin, top, width - 2 * margin, height - margin - top)
    gap = inch(0.2)
    candidates = [
        Box(inner.x, title_box.bottom + gap, inner.w, inner.bottom - title_box.bottom - gap),
        Box(inner.x, inner.y, inner.w, title_box.y - gap - inner.y),
        Box(title_box.right + gap, inner.y, inner.right - title_box.right - gap, inner.h),
        Box(inner.x, inner.y, title_box.x - gap - inner.x, inner.h),
    ]
    content = max(candidates, key=lambda b: (b.w > 0 and b.h > 0) * b.w * b.h)
    return Grid(width, height, margin, title_box, content, footer)


GUTTER = inch(0.25)

# The type scale, in points: (largest, smallest) each role may be set at.
TITLE_PT = (32, 20)
HERO_PT = (66, 32)
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
    grid: Grid = None  # type: ignore[assignment]  # set in __post_init__ when not given

    def __post_init__(self) -> None:
        if self.grid is None:
            object.__setattr__(self, "grid", default_grid())

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
            problem = self.located.problem(
                path, f"no {self.lang!r} text", f"add '{self.lang}:' to this field"
            )
            raise FactsError(str(problem)) from None
        return expand(raw, self.facts, self.lang)

    def color(self, role: str) -> str:
        return self.theme.color(role)

    def font(self, role: str) -> str:
        return self.theme.fonts.heading if role == "heading" else self.theme.fonts.body

    def figure(self, metric_id: str) -> Figure:
        metric = self.facts.metric(metric_id)
        with self.unit_text(self.metric_path(metric_id), metric):
            return figure(metric, self.lang, self.default_lang)

    @contextmanager
    def unit_text(self, path: str, item: Metric | Series):
        """Turn a unit (or words) missing in the build's language into a located error."""
        try:
            yield
        except MissingLanguage:
            field = "words" if isinstance(item, Metric) and item.words is not None else "unit"
            problem = self.located.problem(
                f"{path}.{field}", f"no {self.lang!r} text", f"add '{self.lang}:' to this field"
            )
            raise FactsError(str(problem)) from None

    def rest(self, metric_id: str) -> str:
        """Return the rest of a share as honestly as the share is stated: "under 92%"."""
        return rest_words(self.facts.metric(metric_id), self.lang, self.default_lang)

    def grey_rest(self, metric_id: str) -> str:
        """Return the caption of a share's grey rest, naming it as derived."""
        metric = self.facts.metric(metric_id)
        value = f"{format_value(metric.value or 0)}%"
        return self.say("grey_remainder", rest=self.rest(metric_id), value=value)

    def strand(self, n: int, name: str) -> str:
        """Return a strand's label in the facts' own word: "Objective 2 · Jobs", or "2 · Jobs"
        when the facts name no word for their strands."""
        word = self.text(self.facts.meta.strand, "meta.strand")
        if word:
            return self.say("pillar", word=word, n=n, name=name)
        return self.say("pillar_plain", n=n, name=name)

    def first_badge(self) -> str:
        """Return the badge of a first that gives none: the facts' word, else deckgen's."""
        return self.text(self.facts.meta.first, "meta.first") or self.say("first")

    def say(self, key: str, **values: object) -> str:
        """Return deckgen's own wording for ``key`` in the build's language."""
        return i18n.text(self.lang, key, **values)

    def metric_path(self, metric_id: str) -> str:
        index = next(i for i, m in enumerate(self.facts.metrics) if m.id == metric_id)
        return f"metrics[{index}]"

    def series_path(self, series_id: str) -> str:
        index = next(i for i, s in enumerate(self.facts.series) if s.id == series_id)
        return f"series[{index}]"

    def value_figure(self, series: Series, point: Point) -> Figure:
        """Return one value of a series formatted in its unit, with its qualifier."""
        assert point.value is not None
        word = qualifiers.resolve(point.qualifier, self.lang, self.default_lang)
        with self.unit_text(self.series_path(series.id), series):
            return value_figure(
                series, point.value, word, self.lang, self.default_lang, basis=series.basis
            )

    def period(self, point: Point, path: str, short: bool = False) -> str:
        """Return a point's period as shown: '2021', 'Q3 2021', '2021年6月', or a category."""
        raw = self.text(point.period, path)
        return i18n.period(raw, self.lang, short)

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
    keep: bool = False  # never break inside this run
    link: str = ""  # a web address the run opens when clicked


@dataclass(frozen=True)
class P:
    """A paragraph to fit."""

    runs: tuple[R, ...]
    align: str = "left"
    space_before_pt: float = 0.0


def para(*runs: R, align: str = "left", space_before_pt: float = 0.0) -> P:
    return P(tuple(r for r in runs if r.text), align, space_before_pt)


def text_box(
    ctx: Context,
    name: str,
    box: Box,
    paras: Sequence[P],
    what: str,
    *,
    fill: str | None = None,
    background: str | None = None,
    anchor: str = "top",
    role: str = "body",
) -> TextEl:
    """Return a text element whose sizes and line breaks fit ``box``.

    ``what`` is the key path of the fact the text comes from; it names the fact in the error
    raised when the text cannot fit even at its smallest sizes.
    """
    paras = [p for p in paras if p.runs]
    probe = TextEl(name, box, (), "FFFFFF")
    width_pt = (box.w - 2 * probe.inset_x) / 12700
    height_pt = (box.h - 2 * probe.inset_y) / 12700
    specs = [
        ParaSpec(
            tuple(
                RunSpec(r.text, r.size[0], r.size[1], r.bold, ctx.font(r.font), r.keep)
                for r in p.runs
            ),
            p.space_before_pt,
        )
        for p in paras
    ]
    fitted = fit(specs, width_pt, height_pt)
    if fitted is None:
        smallest = min(r.size[1] for p in paras for r in p.runs)

        def shortfall() -> int:
            return overflow(specs, width_pt, height_pt)

        def message() -> str:
            return str(
                ctx.located.problem(
                    what,
                    f"text does not fit its box on the {name!r} element even at "
                    f"{smallest:g} pt: {too_long(error.shortfall() or 0)}",
                    "shorten it",
                )
            )

        error = FitError(message, shortfall)
        raise error
    out = []
    for p, sizes, lines in zip(paras, fitted.sizes, fitted.lines):
        runs = tuple(
            Run(r.text, s, ctx.color(r.color), r.bold, r.font, link=r.link)  # type: ignore[arg-type]
            for r, s in zip(p.runs, sizes)
        )
        out.append(Paragraph(runs, p.align, p.space_before_pt, lines))  # type: ignore[arg-type]
    bg = fill or background or ctx.color("background")
    return TextEl(
        name,
        box,
        tuple(out),
        bg,
        role,
        anchor,
        fill,  # type: ignore[arg-type]
        height_used_pt=round(fitted.height_pt, 2),
    )


def title(ctx: Context, text: str, what: str) -> TextEl:
    """Return the slide title (rendered into the layout's title placeholder)."""
    text = text[:1].upper() + text[1:]
    run = R(text, TITLE_PT, "primary", bold=True, font="heading")
    return text_box(ctx, "Title", ctx.grid.title, [para(run)], what, anchor="bottom", role="title")


def cited_sources(
    ctx: Context,
    metric_ids: Sequence[str] = (),
    series_ids: Sequence[str] = (),
    cites: Sequence[Cite] = (),
) -> list[str]:
    """Return the ids of the sources behind what a slide shows: those of its figures' own
    citations first, then those that also state them, each group in the facts' order (a
    footer too short for all names the first ones)."""
    main = {c.source for c in cites}
    more: set[str] = set()
    for metric_id in metric_ids:
        m = ctx.facts.metric(metric_id)
        main.add(m.cite.source)
        more |= {c.source for c in m.also}
        if m.earlier is not None and m.earlier.cite is not None:
            main.add(m.earlier.cite.source)
        for other in (m.base, m.change):
            if other is not None:
                main.add(ctx.facts.metric(other).cite.source)
    for series_id in series_ids:
        sr = ctx.facts.one_series(series_id)
        main.add(sr.cite.source)
        main |= {p.cite.source for p in sr.points if p.cite is not None}
        more |= {c.source for c in sr.also}
    order = [s.id for s in ctx.facts.sources]
    return [s for s in order if s in main] + [s for s in order if s in more - main]


def primary_sources(ctx: Context) -> list[str]:
    """Return the sources a slide without figures credits: those marked primary, else the
    first."""
    return [s.id for s in ctx.facts.sources if s.primary] or [ctx.facts.sources[0].id]


def footer(ctx: Context, sources: Sequence[str] = ()) -> tuple:
    """Return the footer: the short citations of the sources behind the slide (``sources``;
    the primary source(s) when none is named) at left, the slide number at right."""
    band = ctx.grid.footer
    prefix = f"{ctx.theme.footer} · " if ctx.theme.footer else ""
    ids = list(sources) or primary_sources(ctx)
    index = {s.id: i for i, s in enumerate(ctx.facts.sources)}
    shorts = [ctx.text(ctx.facts.source(s).short, f"sources[{index[s]}].short") for s in ids]
    key = "source" if len(shorts) == 1 else "sources"
    sep = ctx.say("list_sep")
    # All the slide's sources when they fit on the line, else the first ones and a count
    # (the notes and the sources slide name them all).
    variants = [sep.join(shorts)] + [
        sep.join(shorts[:k]) + ctx.say("and_more", count=len(shorts) - k)
        for k in range(len(shorts) - 1, 0, -1)
    ]
    logo = _logo(ctx, band)
    right_edge = (logo.box.x - inch(0.2)) if logo else band.right

    def line(listed: str) -> TextEl:
        run = R(prefix + ctx.say(key, source=listed), (FOOTER_PT, FOOTER_PT), "muted")
        return text_box(
            ctx,
            "Footer source",
            Box(band.x, band.y, right_edge - band.x - inch(1.2), band.h),
            [para(run)],
            f"sources[{index[ids[0]]}].short",
            role="footer",
            anchor="middle",
        )

    left = first_fitting(variants, line)
    number_box = Box(right_edge - inch(1.0), band.y, inch(1.0), band.h)
    run = Run("#", FOOTER_PT, ctx.color("muted"), field="slidenum")
    number = TextEl(
        "Slide number",
        number_box,
        (Paragraph((run,), "right", 0.0, ("#",)),),
        ctx.color("background"),
        "footer",
        "middle",
    )
    return (left, number, logo) if logo else (left, number)


def _logo(ctx: Context, band: Box) -> PictureEl | None:
    """Return the theme's logo at the right end of the footer band, or None."""
    if not ctx.theme.logo:
        return None
    width_px, height_px = image_size(Path(ctx.theme.logo))
    ratio = width_px / height_px
    height = band.h
    width = min(int(height * ratio), inch(2.0))
    alt = ctx.theme.logo_alt or f"{ctx.text(ctx.facts.meta.organisation, 'meta.organisation')} logo"
    return PictureEl("Logo", Box(band.right - width, band.y, width, height), ctx.theme.logo, alt)


def card(ctx: Context, name: str, box: Box, fill_role: str = "surface") -> ShapeEl:
    return ShapeEl(name, box, "roundRect", ctx.color(fill_role))


def grid_cells(
    area: Box, count: int, min_w: int, max_cols: int = 4, gutter: int = GUTTER
) -> list[Box]:
    """Return ``count`` equal cells in rows: the most columns (up to ``max_cols``) that keep
    each cell at least ``min_w`` wide, preferring full rows (4 items: 4 or 2 x 2, not 3 + 1)."""

    def wide_enough(cols: int) -> bool:
        return (area.w - gutter * (cols - 1)) // cols >= min_w

    fitting = [c for c in range(min(max_cols, max(count, 1)), 0, -1) if wide_enough(c)] or [1]
    cols = next((c for c in fitting if count % c == 0), fitting[0])
    n_rows = -(-count // cols)
    return [c for r in rows(area, n_rows, gutter) for c in columns(r, cols, gutter)][:count]


def fewer_cells(area: Box, count: int, max_w: int, gutter: int = GUTTER) -> list[Box]:
    """Return ``count`` cells in one row for a few items: as wide as the row allows up to
    ``max_w`` each, centred, so that one to three cards fill the slide with no empty slot."""
    count = max(count, 1)
    width = min((area.w - gutter * (count - 1)) // count, max_w)
    total = count * width + gutter * (count - 1)
    left = area.x + (area.w - total) // 2
    return [Box(left + i * (width + gutter), area.y, width, area.h) for i in range(count)]


def columns(area: Box, count: int, gutter: int = GUTTER) -> list[Box]:
    """Split ``area`` into ``count`` equal columns separated by ``gutter``."""
    width = (area.w - gutter * (count - 1)) // count
    return [Box(area.x + i * (width + gutter), area.y, width, area.h) for i in range(count)]


def rows(area: Box, count: int, gutter: int = GUTTER) -> list[Box]:
    """Split ``area`` into ``count`` equal rows separated by ``gutter``."""
    height = (area.h - gutter * (count - 1)) // count
    return [Box(area.x, area.y + i * (height + gutter), area.w, height) for i in range(count)]


def story_of(
    ctx: Context, entry, plain: str = "", what: str = "meta.title"
) -> tuple[Story | None, str, str]:
    """Return a layout entry's story (None when the facts have none of that id), the key path
    the title comes from, and the slide title.

    A story's title is its message. Without a story the title is ``plain``: a statement of
    what the slide shows, in deckgen's words and the facts' ("Key figures", "Timeline,
    2020 to 2023"), never a claim; ``what`` names the facts it is built from.
    """
    story = told(ctx, entry)
    path = ctx.story_path(story.id) if story is not None else what
    if entry.title is not None:
        return story, path, ctx.text(entry.title, "title")
    if story is None:
        return None, what, plain
    return story, path, ctx.text(story.title, f"{path}.title")


def told(ctx: Context, entry) -> Story | None:
    """Return the story an entry names, when the facts have it."""
    if entry.story is None or entry.story not in {s.id for s in ctx.facts.stories}:
        return None
    return ctx.facts.story(entry.story)


def require(ctx: Context, items: Sequence, path: str, kind: str, what: str) -> None:
    """Raise :class:`FactsError` naming ``path`` when a slide kind gets nothing to show."""
    if not items:
        problem = ctx.located.problem(
            path,
            f"a {kind!r} slide needs at least one {what}",
            f"add {plural(what)} here, or remove the slide from the layout",
        )
        raise FactsError(str(problem))


def first_fitting(options: Sequence[object], build: Callable[..., T]) -> T:
    """Return ``build(option)`` for the first option whose result fits (sizes to try, tiles
    a slide, column widths …); when none does, raise a :class:`FitError` that names the
    attempt needing the fewest characters cut (see :func:`least_short`)."""
    errors: list[FitError] = []
    for option in options:
        try:
            return build(option)
        except FitError as e:
            errors.append(e)
    assert errors
    raise least_short(errors)


def split_slides(
    items: Sequence[T],
    per_slide: Sequence[int],
    make: Callable[[int, Sequence[T], int], SlidePlan],
) -> list[SlidePlan]:
    """Return slides of ``items``, as many a slide as fit (trying each of ``per_slide`` in
    turn); the rest continue on the next slides, shared evenly (seven items six a slide
    make 4 + 3, never 6 + 1). ``make(n, group, count)`` makes the ``n``-th of ``count``
    slides (for its title: :func:`continued`)."""

    def slides(size: int) -> list[SlidePlan]:
        groups = list(chunks(items, even(items, size)))
        return [make(n, group, len(groups)) for n, group in enumerate(groups)]

    return first_fitting(per_slide, slides)


def per_slide(count: int, most: int) -> list[int]:
    """Return how many items a slide may take, most first, so that continuation slides
    share them evenly (7 items: 6 do not fit, then 4 + 3, never 6 + 1)."""
    sizes = [-(-count // k) for k in range(1, count + 1)]
    return sorted({s for s in sizes if s <= most}, reverse=True) or [1]


def even(items: Sequence[object], most: int) -> int:
    """Return how many items a slide takes so that slides of at most ``most`` share them
    evenly."""
    count = max(len(items), 1)
    slides = -(-count // max(most, 1))
    return -(-count // slides)


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """Yield ``items`` in slices of at most ``size`` (continuation slides)."""
    for start in range(0, max(len(items), 1), size):
        yield items[start : start + size]


def continued(ctx: Context, text: str, index: int, count: int = 0) -> str:
    """Return a title, marked as continued on every slide after the first, and numbered when
    there are ``count`` > 2 slides ("(continued, 2 of 3)"), so that no two titles are the
    same."""
    if index == 0:
        return text
    if count > 2:
        return ctx.say("continued_part", title=text, n=index + 1, count=count)
    return ctx.say("continued", title=text)


def distinct_titles(
    ctx: Context, kind: str, slides: Sequence[SlidePlan], earlier: Sequence[SlidePlan]
) -> list[SlidePlan]:
    """Return ``slides`` (of one layout entry of ``kind``) with each title that one of the
    ``earlier`` slides already has told apart by what the slide shows ("… (table)", then
    "… (table 2)"), so that no two slides share a title: screen readers list a deck's slides
    by their titles. A cover keeps its title (it has a box of its own)."""
    taken = {_title_key(title_text(s.title)) for s in earlier}
    out = []
    for slide in slides:
        text = title_text(slide.title)
        if _title_key(text) in taken and slide.layout != "title":
            what = ctx.say(f"kind_{kind}")
            n, new = 1, ctx.say("retitled", title=text, what=what)
            while _title_key(new) in taken:
                n += 1
                new = ctx.say("retitled_n", title=text, what=what, n=n)
            slide = replace(slide, title=title(ctx, new, "title"))
            text = new
        taken.add(_title_key(text))
        out.append(slide)
    return out


def title_text(el: TextEl) -> str:
    """Return the text of a title as it reads (its paragraphs on lines of their own)."""
    return "\n".join("".join(r.text for r in p.runs) for p in el.paragraphs)


def _title_key(text: str) -> str:
    """Return a title as compared with others: case and spacing do not tell titles apart."""
    return " ".join(text.split()).casefold()


def metric_phrase(ctx: Context, metric: Metric, with_period: bool = True) -> str:
    """Return a metric as a sentence fragment: "nearly 98% of the approved tasks have
    commenced (period)"; in Chinese "获批任务已启动：近98%"."""
    label = ctx.text(metric.label, f"{ctx.metric_path(metric.id)}.label")
    period = ctx.text(metric.period, f"{ctx.metric_path(metric.id)}.period") if with_period else ""
    return phrase(ctx.lang, stated(ctx, metric.id), label, period)


def stated(ctx: Context, metric_id: str) -> str:
    """Return a figure with every word that belongs to it, as a sentence states it before
    its label: "around 500 measures", "49843.1亿元", "−2.6万人", "every day 1,200" …; the
    counted noun is left out when the label already names it ("251 tasks approved")."""
    fig = ctx.figure(metric_id)
    parts = figure_parts(ctx, metric_id)
    front = fig.sep.join(p for p in (fig.qualifier, fig.number) if p)
    text = fig.sep.join(p for p in (front, parts.unit) if p)
    return f"{fig.before}{text}" if fig.before else text


def phrase(lang: str, amount: str, label: str, period: str = "") -> str:
    """Return a figure and its label as one phrase, the way ``lang`` puts them."""
    if lang == "zh":
        return f"{label}（{period}）：{amount}" if period else f"{label}：{amount}"
    text = f"{amount} {label}"
    return f"{text} ({period})" if period else text


def citation(ctx: Context, metric: Metric) -> str:
    """Return where a figure stands: every source that states it, with its paragraph, who
    said it there, and its own value where it differs ("… paragraph 3 (gives 72.1)")."""
    return ctx.say("list_sep").join(cite_words(ctx, c, metric) for c in (metric.cite, *metric.also))


def cite_words(ctx: Context, cite: Cite, metric: Metric | Series | None = None) -> str:
    index = next(i for i, s in enumerate(ctx.facts.sources) if s.id == cite.source)
    short = ctx.text(ctx.facts.sources[index].short, f"sources[{index}].short")
    said = ctx.say("cite", short=short, n=cite.para)
    if cite.speaker is not None:
        said += ctx.say("cite_speaker", speaker=ctx.text(cite.speaker, "cite.speaker"))
    if cite.value is not None and metric is not None and isinstance(metric, Metric):
        word = qualifiers.resolve(cite.qualifier or metric.qualifier, ctx.lang, ctx.default_lang)
        own = value_figure(metric, cite.value, word, ctx.lang, ctx.default_lang, metric.basis)
        said += ctx.say("cite_value", figure=own.amount)
    return said


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
        parts.append(
            ctx.say("note_figure", figure=metric_phrase(ctx, metric), cite=citation(ctx, metric))
        )
    if not metric_ids:
        parts.append(ctx.say("note_source", citation=full_citation(ctx)))
    if story is not None and story.question is not None:
        path = ctx.story_path(story.id)
        parts.append(
            ctx.say("note_question", question=ctx.text(story.question, f"{path}.question"))
        )
    return "\n".join(parts)


def source_date(ctx: Context, source: Source) -> str:
    """Return when a source was published or held, in full, or 'undated' when it gives no
    date (a date is never made up)."""
    if source.date is None:
        return ctx.say("undated")
    return i18n.date_long(source.date, ctx.lang)


def full_citation(ctx: Context) -> str:
    """Return the full citation of the first source: who, what, when, reported by whom."""
    s = ctx.facts.sources[0]
    bits = [
        ctx.text(s.publisher, "sources[0].publisher"),
        ctx.text(s.event, "sources[0].event"),
        source_date(ctx, s),
    ]
    if s.speaker is not None:
        bits.append(ctx.say("citation_given", speaker=ctx.text(s.speaker, "sources[0].speaker")))
    if s.reporter is not None:
        bits.append(
            ctx.say("citation_reported", reporter=ctx.text(s.reporter, "sources[0].reporter"))
        )
    return ctx.say("clause_sep").join(bits)


def body(size: tuple[float, float], scale: float) -> tuple[float, float]:
    """Return a fixed size: ``scale`` of the largest, never below the smallest."""
    value = max(size[1], round(size[0] * scale * 2) / 2)
    return (value, value)


def _attempts(
    hero: tuple[float, float] | None, last: float | None = None
) -> Iterator[tuple[float, float]]:
    """Yield (hero size, body scale) pairs: shrink the hero first, then the body text, then,
    down to ``last``, the hero again (so labels stay readable before a hero gets small)."""
    if hero is not None:
        size = hero[0]
        while size > hero[1]:
            yield size, 1.0
            size -= 2
    scale = 1.0
    while scale > 0.5:
        yield (hero[1] if hero else 0.0), scale
        scale = round(scale - 0.05, 2)
    if hero is not None and last is not None:
        size = hero[1] - 2
        while size >= last:
            yield size, 0.55
            size -= 2


HERO_LAST_PT = 20.0  # the smallest a figure set large may become, when nothing else fits


def group_fit(
    hero: tuple[float, float] | None,
    build: Callable[[float, float], list[T]],
    last: float | None = HERO_LAST_PT,
) -> list[T]:
    """Return ``build(hero_size, body_scale)`` for the first sizes at which everything fits.

    A figure never breaks from its unit (551.4亿美元), so a narrow box takes a smaller hero,
    down to ``last``, once the body text has shrunk as far as it may.

    Siblings (tiles in a row, cards in a grid) are built together at the same sizes, so their
    numbers and headings line up. Raise the last :class:`FitError` if nothing fits.
    """
    return first_fitting(list(_attempts(hero, last)), lambda sizes: build(*sizes))


def hug(el: TextEl, slack_pt: float = 3.0) -> TextEl:
    """Return ``el`` with its box cut to the height its text needs (top edge kept)."""
    height = int((el.height_used_pt + slack_pt) * 12700) + 2 * el.inset_y
    return replace(el, box=Box(el.box.x, el.box.y, el.box.w, min(el.box.h, height)))


def hero_paras(
    ctx: Context,
    metric_id: str,
    size: float,
    scale: float = 1.0,
    color: str = "primary",
    label_color: str = "text",
    small_color: str = "muted",
    align_rows: bool = True,
) -> list[P]:
    """Return paragraphs for a figure set large: qualifier, number (+scale), label, base/period.

    With ``align_rows`` an empty qualifier still takes its line, so that numbers in a row of
    tiles stand on one baseline.
    """
    metric = ctx.facts.metric(metric_id)
    fig = ctx.figure(metric_id)
    path = ctx.metric_path(metric_id)
    parts = figure_parts(ctx, metric_id)
    qualifier = fig.sep.join(p for p in (fig.before, fig.qualifier) if p)
    qualifier = qualifier or ("\u00a0" if align_rows else "")
    prefix, number = _split_prefix(fig.number)
    small_size = max(size * 0.5, LABEL_PT[1])
    number_runs = [
        R(prefix, (small_size, small_size), color, bold=True, font="heading"),
        R(number, (size, size), color, bold=True, font="heading"),
    ]
    if parts.unit:
        scale_size = max(size * 0.4, LABEL_PT[1])
        number_runs.append(
            R(
                fig.sep + parts.unit,  # a break may fall before the unit, never inside it
                (scale_size, scale_size),
                color,
                bold=True,
                font="heading",
                keep=True,
            )
        )
    change = []
    if parts.change:
        tone = "decline" if parts.change_sign < 0 else color
        size = body((18, 14), scale)
        lead, amount, rest = parts.change.partition(parts.change_amount)
        runs = [
            R(lead, size, tone, bold=True),
            R(amount, size, tone, bold=True, keep=True),  # "-2.6万人" never splits
            R(rest, size, tone, bold=True),
        ]
        change = [para(*runs, space_before_pt=2)]
    return [
        para(R(qualifier, body((20, 16), scale), small_color)),
        para(*number_runs),
        *change,
        para(
            R(ctx.text(metric.label, f"{path}.label"), body((18, 14), scale), label_color),
            space_before_pt=4,
        ),
        para(R(parts.small, body((15, 12), scale), small_color), space_before_pt=6),
    ]


@dataclass(frozen=True)
class FigureParts:
    """What travels with a big figure: the words set beside the number (its unit or measure
    word, a rate's time), its change ("↑ +5.2% year on year"), and a small line with its base,
    basis, earlier value and period."""

    unit: str
    change: str
    change_sign: int
    extra: str  # base, basis and earlier value
    period: str
    change_amount: str = ""  # the change's number and unit, which a line break may not split

    @property
    def small(self) -> str:
        return " · ".join(s for s in (self.extra, self.period) if s)


ARROWS = {1: "\u2191", -1: "\u2193", 0: ""}  # ↑ ↓: drawn by every bundled Latin font


def figure_parts(ctx: Context, metric_id: str) -> FigureParts:
    metric = ctx.facts.metric(metric_id)
    fig = ctx.figure(metric_id)
    path = ctx.metric_path(metric_id)
    label = ctx.text(metric.label, f"{path}.label")
    unit = [fig.scale]
    if fig.noun and not _names(label, fig.noun, ctx.lang):
        unit.append(fig.noun)
    if fig.after:
        unit.append(fig.after)
    change, sign, change_amount = "", 0, ""
    if metric.change is not None:
        other = ctx.figure(metric.change)
        sign = other.sign
        amount = stated(ctx, metric.change)
        if not other.basis:
            said = amount
        elif ctx.lang == "zh":  # 同比 +5.2%: the basis leads in Chinese
            said = f"{other.basis}{amount}"
        else:
            said = f"{amount} {other.basis}"
        change = f"{ARROWS[sign]} {said}".strip()
        change_amount = amount
    small = []
    if metric.base is not None:
        small.append(ctx.say("base", base=ctx.figure(metric.base).full))
    if fig.basis and fig.sign != 0 and not metric.change:
        small.append(fig.basis)
    if metric.earlier is not None:
        was = earlier_figure(metric, ctx.lang, ctx.default_lang)
        when = ctx.text(metric.earlier.period, f"{path}.earlier.period")
        small.append(ctx.say("earlier", figure=was.full, period=when))
    return FigureParts(
        fig.sep.join(u for u in unit if u),
        change,
        sign,
        " · ".join(s for s in small if s),
        ctx.text(metric.period, f"{path}.period"),
        change_amount,
    )


def _names(label: str, noun: str, lang: str) -> bool:
    """Return True when ``label`` already names the counted noun ("tasks approved …")."""
    if lang == "zh":
        return label.startswith(noun)
    words = label.lower().replace(",", " ").split()
    return all(w in words for w in noun.lower().split())


def _split_prefix(number: str) -> tuple[str, str]:
    """Split a currency prefix from the digits: 'US$55.14' -> ('US$', '55.14')."""
    index = next((i for i, c in enumerate(number) if c.isdigit() or c in "+\u2212"), 0)
    return number[:index], number[index:]
