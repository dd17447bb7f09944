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
        "sources": "Sources: {source}",
        "and_more": " and {count} more",
        "base": "Base: {base}",
        "earlier": "{period}: {figure}",
        "continued": "{title} (continued)",
        "pillar": "{word} {n} · {name}",
        "pillar_plain": "{n} · {name}",
        "sources_title": "Sources and method",
        "undated": "undated",
        "title_agenda": "What this briefing covers",
        "title_headline": "Key figures",
        "title_shares": "Shares, each of its own whole",
        "title_compared": "Figures compared",
        "title_firsts": "Firsts",
        "title_timeline": "Timeline, {start} to {end}",
        "title_takeaways": "Key points",
        "where_figures": "Where each figure stands",
        "paragraph": "Paragraph {n}: ",
        "how_stated": "How figures are stated",
        "given_by": "Figures given by {speaker}",
        "reported_by": "Reported by {reporter}",
        "remainder": "The rest (derived): {rest}",
        "grey_remainder": "Grey: the rest, {rest}, derived from the share",
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
        "cite_speaker": " ({speaker})",
        "cite_value": " (gives {figure})",
        "citation_given": "figures given by {speaker}",
        "citation_reported": "reported by {reporter}",
        "list_sep": "; ",
        # How deckgen joins texts: Chinese with full-width marks and no space.
        "clause_sep": ", ",
        "sentence_sep": " ",
        "paren": " ({text})",
        "labelled": "{label}: {text}",
        "event_date": "{event}; {date}",
        "milestone": "{when} {text}",
        "sentence_after": " {text}.",
        "footnote_sep": "   ",
        "alt_doughnut": "Doughnut chart of a share of a whole: {figure} {label}. The grey "
        "rest, {rest}, is derived as 100% minus the stated share.",
        "alt_bars": "Bar chart of shares of one whole, on a 0 to 100% scale. {items}.",
        "alt_bars_growth": "Bar chart of growth rates ({basis}); bars left of the axis are "
        "falls. {items}.",
        "alt_bars_points": "Bar chart of changes in percentage points ({basis}); bars left of "
        "the axis are falls. {items}.",
        "alt_bars_figures": "Bar chart of figures in one unit. {items}.",
        "alt_card": "Figure card. {short}: {sentence}.",
        "alt_ring": "Ring chart, {value}% filled: {sentence}. {others}",
        "alt_waffle": "Grid of 100 squares, {cells} filled: {sentence}. The other squares "
        "stand for the rest, {rest}.",
        "alt_pillar": "{label}.{figure} Achievements: {items}.",
        "alt_pillar_figure": " Headline figure: {sentence}.",
        "alt_timeline": "Timeline: {items}.",
        "alt_firsts": "Panel of {count} firsts: {items}.",
        "alt_poster": "One-page summary poster, {title}. {parts}",
        "alt_summary": "Summary graphic, {title}. Key figures: {items}.",
        "key_figures": "Key figures: {items}.",
        "pillars_count": "{count} parts: {items}.",
        "investment": "An amount and its shares: {items}.",
        "timeline_span": "Timeline from {start} to {end}.",
        "waffle_note": "One square = 1%. {cells} of 100 filled.",
        "grey": "Grey: {label}",
        "more": "+ {count} more",
        "more_firsts": "+ {count} more firsts",
        "in_deck": "Listed in the briefing deck",
        "trend_latest": "Latest, {period}",
        "trend_lower": "Lower than in {period} ({amount})",
        "trend_higher": "Higher than in {period} ({amount})",
        "trend_same": "The same as in {period}",
        "trend_highest": "Highest: {amount} in {period}",
        "trend_lowest": "Lowest: {amount} in {period}",
        "trend_fell_year": "Lower than the year before",
        "trend_fell_quarter": "Lower than the quarter before",
        "trend_fell_month": "Lower than the month before",
        "trend_fell_period": "Lower than the period before",
        "trend_below_zero": "Below the axis: a fall",
        "trend_gap": "No figure for {periods}",
        "trend_gap_of": "{name}: no figure for {periods}",
        "trend_gaps_many": "No figure for {count} periods (listed in the notes)",
        "trend_gaps_many_of": "{name}: no figure for {count} periods (listed in the notes)",
        "trend_span": "{name}, {start} to {end}",
        "trend_column": "Column",
        "trend_line": "Line",
        "trend_by_year": "by year",
        "trend_by_quarter": "by quarter",
        "trend_by_month": "by month",
        "trend_by_period": "by category",
        "trend_rates": "{name} (growth rates, {basis})",
        "alt_trend": "{chart} chart of {name} {step}, {start} to {end}, in {unit}; {details}.",
        "alt_trend_series": "{name}: {details}",
        "alt_trend_low": "lowest {amount} in {period}",
        "alt_trend_high": "highest {amount} in {period}",
        "alt_trend_latest": "latest {amount} in {period}",
        "alt_trend_falls": "falls in {periods}",
        "alt_trend_negative": "below zero (falls) in {periods}",
        "alt_trend_gaps": "no figure for {periods}",
        "axis_scaled": "{unit}, {scale}",
        "axis_thousand": "thousands",
        "axis_million": "millions",
        "axis_billion": "billions",
        "axis_growth": "% change, {basis}",
        "axis_points": "Percentage points",
        "note_series": "{name}. Source: {cite}.",
        "note_value": "{period}: {amount}.",
        "note_value_cited": "{period}: {amount} (source: {cite}).",
        "note_no_value": "{period}: no figure given (a gap in the chart).",
        "note_total": "Total as stated: {total}. Sum of the values shown (derived): {sum}; "
        "the two may differ by rounding.",
        "continued_part": "{title} (continued, {n} of {count})",
        # a slide whose title an earlier slide has: told apart by what it shows
        "retitled": "{title} ({what})",
        "retitled_n": "{title} ({what} {n})",
        "kind_title": "cover",
        "kind_agenda": "agenda",
        "kind_kpi-grid": "key figures",
        "kind_progress": "progress",
        "kind_section": "section",
        "kind_pillar": "pillar",
        "kind_chart": "chart",
        "kind_trend": "trend",
        "kind_change": "changes",
        "kind_table": "table",
        "kind_firsts": "firsts",
        "kind_timeline": "timeline",
        "kind_takeaways": "key points",
        "kind_sources": "sources",
        "kind_graphic": "graphic",
        "kind_one-pager": "summary",
        "change_title": "How the figures changed",
        "change_before": "Before",
        "change_after": "After",
        "change_change": "Change",
        "change_period": "Period",
        "change_figure": "Figure",
        "change_indicator": "Indicator",
        "change_derived": "derived",
        "change_derived_note": "Derived: a change computed here from the two stated figures "
        "(after − before), 'about' where either figure is qualified.",
        "change_none": "no change",
        "change_place": "{n} place",
        "change_places": "{n} places",
        "change_up": "up",
        "change_down": "down",
        "change_points_up": "up",
        "change_points_down": "down",
        "change_rank_up": "up",
        "change_rank_down": "down",
        "change_note_derived": "{indicator}: {before} in {before_period}, {after} in "
        "{after_period}: {spoken}. The change is derived from the two stated figures. "
        "Source: {cites}.",
        "change_note_stated": "{indicator}: {stated} ({period}), as stated. Source: {cites}.",
        "change_note_alone": "{indicator}: {after} ({period}); no earlier figure or change is "
        "given. Source: {cites}.",
        "change_rate_growth": "a growth rate of {value} {basis}",
        "change_rate_points": "a change of {value} {basis}",
        "change_rate_change": "a change of {value} {basis}",
        "alt_change": "Change card. {items}.",
        "alt_change_derived": "{indicator}: from {before} in {before_period} to {after} in "
        "{after_period}, {spoken} (derived)",
        "alt_change_stated": "{indicator}: {stated}, {period}",
        "table_title": "The figures in full",
        "table_indicator": "Indicator",
        "table_period": "Period",
        "table_value": "Value",
        "table_unit": "Unit",
        "table_unit_basis": "Unit or basis",
        "table_earlier": "Earlier",
        "table_change": "Change (derived)",
        "table_with_unit": "{name} ({unit})",
        "table_gap_note": "– no figure given",
        "table_derived_note": "Change: derived from the two stated figures (after − before).",
        "table_note_series": "{name}, in {unit}: values as stated. Source: {cites}.",
        "table_note_gaps": "{name}: no figure is given for {periods}; the table shows a dash, "
        "never a zero.",
        "alt_table": "Table: {what}. {rows} rows of figures in {cols} columns{range}.",
        "alt_table_range": ", {start} to {end}",
        "timeline": "Timeline",
        "timeline_break": "Milestones are placed at their dates; the broken axis marks a long "
        "stretch of time left out.",
        "firsts": "Firsts",
    },
    "zh": {
        "source": "来源：{source}",
        "sources": "来源：{source}",
        "and_more": "等{count}项",
        "base": "基数：{base}",
        "earlier": "{period}：{figure}",
        "continued": "{title}（续）",
        "pillar": "第{n}{word} · {name}",
        "pillar_plain": "{n} · {name}",
        "sources_title": "资料来源与数据说明",
        "undated": "未注明日期",
        "title_agenda": "本次简报内容",
        "title_headline": "主要数据",
        "title_shares": "各项占比（各以其总量为基数）",
        "title_compared": "数据对比",
        "title_firsts": "首创",
        "title_timeline": "时间轴：{start}至{end}",
        "title_takeaways": "要点",
        "where_figures": "各项数据出处",
        "paragraph": "第{n}段：",
        "how_stated": "数据如何表述",
        "given_by": "数据发布人：{speaker}",
        "reported_by": "记者：{reporter}",
        "remainder": "其余部分（推算）：{rest}",
        "grey_remainder": "灰色为其余部分，{rest}，由占比推算",
        "first": "首创",
        "note_figure": "数据：{figure}。来源：{cite}。",
        "note_source": "来源：{citation}。",
        "note_question": "如被问及：{question}",
        "note_title": "{title}。本次简报依据发布会公布的数据回顾这项工作。来源：{citation}。",
        "note_sources": "完整出处：{citation}。本简报中的每个数据都注明了在原文中的段落，见本页。",
        "note_firsts": "本页列出：{items}。",
        "note_picture": "图片内容：{alt}",
        "cite": "{short}，第{n}段",
        "cite_speaker": "（{speaker}）",
        "cite_value": "（该来源为{figure}）",
        "citation_given": "数据由{speaker}发布",
        "citation_reported": "记者{reporter}",
        "list_sep": "；",
        "clause_sep": "，",
        "sentence_sep": "",
        "paren": "（{text}）",
        "labelled": "{label}：{text}",
        "event_date": "{event}，{date}",
        "milestone": "{when}，{text}",
        "sentence_after": "{text}。",
        "footnote_sep": "",
        "alt_doughnut": "占比环形图：{figure}{label}。灰色为其余部分，{rest}，"
        "按100%减去所述占比推算。",
        "alt_bars": "同一总量的各项占比条形图，刻度为0至100%。{items}。",
        "alt_bars_growth": "增长率条形图（{basis}）；位于轴线左侧的条形表示下降。{items}。",
        "alt_bars_points": "百分点变化条形图（{basis}）；位于轴线左侧的条形表示下降。{items}。",
        "alt_bars_figures": "同一单位数据的条形图。{items}。",
        "alt_card": "数据卡片。{short}：{sentence}。",
        "alt_ring": "进度环，填充{value}%：{sentence}。{others}",
        "alt_waffle": "由100个方格组成的图，其中{cells}格填充：{sentence}。"
        "其余方格代表其他部分，{rest}。",
        "alt_pillar": "{label}。{figure}主要成果：{items}。",
        "alt_pillar_figure": "核心数据：{sentence}。",
        "alt_timeline": "时间轴：{items}。",
        "alt_firsts": "{count}项首创：{items}。",
        "alt_poster": "一页式摘要海报，{title}。{parts}",
        "alt_summary": "摘要图，{title}。关键数据：{items}。",
        "key_figures": "关键数据：{items}。",
        "pillars_count": "{count}个部分：{items}。",
        "investment": "金额及其占比：{items}。",
        "timeline_span": "时间轴从{start}到{end}。",
        "waffle_note": "每格代表1%，100格中填充{cells}格。",
        "grey": "灰色：{label}",
        "more": "另有{count}项",
        "more_firsts": "另有{count}项首创",
        "in_deck": "详见简报",
        "trend_latest": "最新（{period}）",
        "trend_lower": "低于{period}\n（{amount}）",
        "trend_higher": "高于{period}\n（{amount}）",
        "trend_same": "与{period}持平",
        "trend_highest": "最高：{period}\n{amount}",
        "trend_lowest": "最低：{period}\n{amount}",
        "trend_fell_year": "低于上一年",
        "trend_fell_quarter": "低于上一季度",
        "trend_fell_month": "低于上月",
        "trend_fell_period": "低于上一期",
        "trend_below_zero": "轴线以下为下降",
        "trend_gap": "{periods}无数据",
        "trend_gap_of": "{name}：{periods}无数据",
        "trend_gaps_many": "{count}期无数据（见备注）",
        "trend_gaps_many_of": "{name}：{count}期无数据（见备注）",
        "trend_span": "{name}，{start}至{end}",
        "trend_column": "柱形图",
        "trend_line": "折线图",
        "trend_by_year": "按年",
        "trend_by_quarter": "按季度",
        "trend_by_month": "按月",
        "trend_by_period": "按类别",
        "trend_rates": "{name}（增长率，{basis}）",
        "alt_trend": "{name}{chart}（{step}），{start}至{end}，单位：{unit}；{details}。",
        "alt_trend_series": "{name}：{details}",
        "alt_trend_low": "最低为{period}的{amount}",
        "alt_trend_high": "最高为{period}的{amount}",
        "alt_trend_latest": "最新为{period}的{amount}",
        "alt_trend_falls": "{periods}下降",
        "alt_trend_negative": "{periods}低于零（下降）",
        "alt_trend_gaps": "{periods}无数据",
        "axis_scaled": "{scale}{unit}",
        "axis_thousand": "千",
        "axis_million": "百万",
        "axis_billion": "十亿",
        "axis_growth": "{basis}增长（%）",
        "axis_points": "百分点",
        "note_series": "{name}。来源：{cite}。",
        "note_value": "{period}：{amount}。",
        "note_value_cited": "{period}：{amount}（来源：{cite}）。",
        "note_no_value": "{period}：无数据（图中留空）。",
        "note_total": "所述合计：{total}。图中各值之和（推算）：{sum}；两者可能因四舍五入而不同。",
        "continued_part": "{title}（续，{n}/{count}）",
        "retitled": "{title}（{what}）",
        "retitled_n": "{title}（{what}{n}）",
        "kind_title": "封面",
        "kind_agenda": "议程",
        "kind_kpi-grid": "主要数据",
        "kind_progress": "进展",
        "kind_section": "章节",
        "kind_pillar": "板块",
        "kind_chart": "图表",
        "kind_trend": "走势",
        "kind_change": "变化",
        "kind_table": "表格",
        "kind_firsts": "首创",
        "kind_timeline": "时间轴",
        "kind_takeaways": "要点",
        "kind_sources": "来源",
        "kind_graphic": "图示",
        "kind_one-pager": "摘要",
        "change_title": "数据变化",
        "change_before": "之前",
        "change_after": "之后",
        "change_change": "变化",
        "change_period": "时期",
        "change_figure": "数值",
        "change_indicator": "指标",
        "change_derived": "推算",
        "change_derived_note": "推算：由两个公布数据相减得出（之后 − 之前）；"
        "任一数据带有限定词时标为“约”。",
        "change_none": "持平",
        "change_place": "{n}位",
        "change_places": "{n}位",
        "change_up": "增长",
        "change_down": "下降",
        "change_points_up": "提高",
        "change_points_down": "下降",
        "change_rank_up": "上升",
        "change_rank_down": "下降",
        "change_note_derived": "{indicator}：{before_period}为{before}，{after_period}为{after}，"
        "{spoken}；变化由两个公布数据推算。来源：{cites}。",
        "change_note_stated": "{indicator}：{period}{stated}（所公布数据）。来源：{cites}。",
        "change_note_alone": "{indicator}：{period}为{after}；未公布此前数据或变化。"
        "来源：{cites}。",
        "change_rate_growth": "{basis}增长率{value}",
        "change_rate_points": "{basis}变化{value}",
        "change_rate_change": "{basis}变化{value}",
        "alt_change": "变化卡片。{items}。",
        "alt_change_derived": "{indicator}：从{before_period}的{before}到{after_period}的{after}，"
        "{spoken}（推算）",
        "alt_change_stated": "{indicator}：{period}{stated}",
        "table_title": "数据一览",
        "table_indicator": "指标",
        "table_period": "时期",
        "table_value": "数值",
        "table_unit": "单位",
        "table_unit_basis": "单位或基准",
        "table_earlier": "此前",
        "table_change": "变化（推算）",
        "table_with_unit": "{name}（{unit}）",
        "table_gap_note": "– 表示未公布数据",
        "table_derived_note": "变化：由两个公布数据相减推算（之后 − 之前）。",
        "table_note_series": "{name}，单位：{unit}；按所公布数值列出。来源：{cites}。",
        "table_note_gaps": "{name}：{periods}未公布数据；表中以短横线表示，而非零。",
        "alt_table": "表格：{what}。共{rows}行数据，{cols}列{range}。",
        "alt_table_range": "，{start}至{end}",
        "timeline": "时间轴",
        "timeline_break": "各节点按日期排布；轴线断开处表示省略了较长的一段时间。",
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


def period_kind(text: str) -> str:
    """Return what a period is: year, quarter, month, day, or category (any other text)."""
    if _QUARTER.match(text):
        return "quarter"
    when = When.parse(text)
    if when is None:
        return "category"
    return "year" if when.month is None else "month" if when.day is None else "day"


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
