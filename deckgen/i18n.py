"""The few words deckgen writes itself, in each language it builds, and date formats.

Everything else on a slide comes from the facts file, in the language asked for.
"""

from __future__ import annotations

import datetime as dt
import re

from .when import When

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "source": "Source: {source}",
        "base": "Base: {base}",
        "continued": "{title} (continued)",
        "pillar": "Pillar {n} · {name}",
        "sources_title": "Sources and method",
        "where_figures": "Where each figure stands",
        "paragraph": "Paragraph {n}: ",
        "how_stated": "How figures are stated",
        "given_by": "Figures given by {speaker}",
        "reported_by": "Reported by {reporter}",
        "remainder": "Remainder (derived: 100 − {value})",
        "grey_remainder": "Grey: remainder, derived as 100 − {value}",
        "first": "First",
        "note_figure": "Figure: {figure}. Source: {cite}.",
        "note_source": "Source: {citation}.",
        "note_question": "If asked: {question}",
        "note_title": "{title}. This briefing reviews the initiative using the figures given "
        "at the source event. Source: {citation}.",
        "note_sources": "Source, in full: {citation}. Every figure in this deck is cited to a "
        "paragraph of the source, listed on this slide.",
        "note_firsts": "Shown here: {items}.",
        "note_picture": "The picture shows: {alt}",
        "cite": "{short}, paragraph {n}",
        "citation_given": "figures given by {speaker}",
        "citation_reported": "reported by {reporter}",
        "list_sep": "; ",
        "alt_doughnut": "Doughnut chart: {figure} {label}. The grey remainder, {rest}%, is "
        "derived as 100 minus the stated share.",
        "alt_bars": "Bar chart of shares, each against its own base, on a 0 to 100% scale. "
        "{items}.",
        "alt_card": "Figure card. {short}: {sentence}.",
        "alt_ring": "Ring chart, {value}% filled: {sentence}. {others}",
        "alt_waffle": "Grid of 100 squares, {cells} filled: {sentence}. The other {rest} "
        "squares stand for the rest.",
        "alt_pillar": "Pillar {n}, {name}.{figure} Achievements: {items}.",
        "alt_pillar_figure": " Headline figure: {sentence}.",
        "alt_timeline": "Timeline: {items}.",
        "alt_firsts": "Panel of {count} firsts: {items}.",
        "alt_poster": "One-page summary poster, {title}. {parts}",
        "alt_summary": "Summary graphic, {title}. Key figures: {items}.",
        "key_figures": "Key figures: {items}.",
        "pillars_count": "{count} pillars: {items}.",
        "investment": "Investment: {items}.",
        "timeline_span": "Timeline from {start} to {end}.",
        "waffle_note": "One square = 1%. {cells} of 100 filled.",
        "grey": "Grey: {label}",
        "more": "+ {count} more",
        "more_firsts": "+ {count} more firsts",
        "in_deck": "Listed in the briefing deck",
        "timeline": "Timeline",
        "firsts": "Firsts",
    },
    "zh": {
        "source": "来源：{source}",
        "base": "基数：{base}",
        "continued": "{title}（续）",
        "pillar": "第{n}部分 · {name}",
        "sources_title": "资料来源与数据说明",
        "where_figures": "各项数据出处",
        "paragraph": "第{n}段：",
        "how_stated": "数据如何表述",
        "given_by": "数据发布人：{speaker}",
        "reported_by": "记者：{reporter}",
        "remainder": "其余部分（推算：100 − {value}）",
        "grey_remainder": "灰色为其余部分，按 100 − {value} 推算",
        "first": "首创",
        "note_figure": "数据：{figure}。来源：{cite}。",
        "note_source": "来源：{citation}。",
        "note_question": "如被问及：{question}",
        "note_title": "{title}。本次简报依据发布会公布的数据回顾这项工作。来源：{citation}。",
        "note_sources": "完整出处：{citation}。本简报中的每个数据都注明了在原文中的段落，见本页。",
        "note_firsts": "本页列出：{items}。",
        "note_picture": "图片内容：{alt}",
        "cite": "{short}，第{n}段",
        "citation_given": "数据由{speaker}发布",
        "citation_reported": "记者{reporter}",
        "list_sep": "；",
        "alt_doughnut": "环形图：{figure}{label}。灰色为其余部分，占{rest}%，"
        "按 100 减去所述占比推算。",
        "alt_bars": "条形图，各项占比以各自总量为基数，刻度为0至100%。{items}。",
        "alt_card": "数据卡片。{short}：{sentence}。",
        "alt_ring": "进度环，填充{value}%：{sentence}。{others}",
        "alt_waffle": "由100个方格组成的图，其中{cells}格填充：{sentence}。"
        "其余{rest}格代表其他部分。",
        "alt_pillar": "第{n}部分，{name}。{figure}主要成果：{items}。",
        "alt_pillar_figure": "核心数据：{sentence}。",
        "alt_timeline": "时间轴：{items}。",
        "alt_firsts": "{count}项首创：{items}。",
        "alt_poster": "一页式摘要海报，{title}。{parts}",
        "alt_summary": "摘要图，{title}。关键数据：{items}。",
        "key_figures": "关键数据：{items}。",
        "pillars_count": "{count}个部分：{items}。",
        "investment": "投资：{items}。",
        "timeline_span": "时间轴从{start}到{end}。",
        "waffle_note": "每格代表1%，100格中填充{cells}格。",
        "grey": "灰色：{label}",
        "more": "另有{count}项",
        "more_firsts": "另有{count}项首创",
        "in_deck": "详见简报",
        "timeline": "时间轴",
        "firsts": "首创",
    },
}
LANGUAGES = tuple(STRINGS)
# The separator between a figure's parts: "nearly 98%" / "近98%".
JOIN = {"en": " ", "zh": ""}


def text(lang: str, key: str, **values: object) -> str:
    """Return deckgen's own wording for ``key`` in ``lang`` (English when unknown)."""
    table = STRINGS.get(lang, STRINGS["en"])
    return table.get(key, STRINGS["en"][key]).format(**values)


def date_long(day: dt.date | When, lang: str) -> str:
    """Return '21 August 2023' or '2023年8月21日' (or 'August 2023', '2023' for a month or
    a year)."""
    if isinstance(day, When):
        if day.month is None:
            return year(day.year, lang)
        if day.day is None:
            return month(day.year, day.month, lang, long=True)
        day = day.first_day
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return day.strftime("%-d %B %Y")


def date_short(day: dt.date | When, lang: str) -> str:
    """Return '21 Aug 2023' or '2023年8月21日' (a month: 'Aug 2023'; a year: '2023')."""
    if isinstance(day, When):
        if day.month is None:
            return year(day.year, lang)
        if day.day is None:
            return month(day.year, day.month, lang)
        day = day.first_day
    return date_long(day, lang) if lang == "zh" else day.strftime("%-d %b %Y")


def month(year: int, month_no: int, lang: str, long: bool = False) -> str:
    """Return 'Jun 2023' (or 'June 2023' when ``long``) or '2023年6月'."""
    if lang == "zh":
        return f"{year}年{month_no}月"
    return dt.date(year, month_no, 1).strftime("%B %Y" if long else "%b %Y")


def year(value: int, lang: str) -> str:
    return f"{value}年" if lang == "zh" else str(value)


_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$")
_ZH_QUARTERS = "一二三四"


def period(text: str, lang: str, short: bool = False) -> str:
    """Return a period as shown: '2021' (or '2021年'), 'Q3 2021' ('2021年三季度'), 'Jun 2021'
    ('2021年6月'); any other text (a category) as given. ``short`` drops the Chinese 年 for
    axis labels."""
    quarter = _QUARTER.match(text)
    if quarter:
        y, q = int(quarter.group(1)), int(quarter.group(2))
        return f"{y}年{_ZH_QUARTERS[q - 1]}季度" if lang == "zh" else f"Q{q} {y}"
    when = When.parse(text)
    if when is None:
        return text
    if when.month is None:
        return str(when.year) if short else year(when.year, lang)
    return date_short(when, lang)


def period_position(text: str) -> float | None:
    """Return where a period falls in time, in years (2021.5 for 2021-07), or None for a
    category."""
    quarter = _QUARTER.match(text)
    if quarter:
        return int(quarter.group(1)) + (int(quarter.group(2)) - 1) / 4
    when = When.parse(text)
    if when is None:
        return None
    day = when.first_day
    return day.year + (day.timetuple().tm_yday - 1) / 365.25
