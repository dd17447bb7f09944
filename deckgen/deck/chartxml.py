"""Write native, editable PowerPoint charts as XML, and their data as an embedded workbook.

``chart_xml`` returns the chart part (``ppt/charts/chartN.xml``) of a :class:`ChartEl`, and
``workbook`` the .xlsx embedded beside it, which PowerPoint opens for "Edit data". Both are
written as strings, without python-pptx or xlsxwriter: this is on the build's hot path.

The chart XML is what python-pptx's chart templates (``XL_CHART_TYPE`` DOUGHNUT,
BAR_CLUSTERED, COLUMN_CLUSTERED, LINE_MARKERS) gave once the old renderer had styled them,
element for element (compared canonically, C14N 2.0), so that decks keep their look:

- the axes are numbered 1 and 2 (python-pptx's templates write negative ids, which the
  schema refuses: c:axId and c:crossAx are xsd:unsignedInt);
- text properties carry their language, and an East Asian typeface when the text has
  Chinese;
- values in the caches are written as Python writes floats (``98.0``), a value of None is
  left out of the cache (a gap, as ``c:dispBlanksAs`` says), and the cache keeps the chart's
  number format.
"""

from __future__ import annotations

import io
import re
import zipfile

from ..linebreak import has_cjk
from ..package import FIXED_ZIP_TIME
from ..plan import ChartEl, ChartSeries
from .markup import escape
from .text import EAST_ASIAN_FONT

_EA = f'<a:ea typeface="{EAST_ASIAN_FONT}" pitchFamily="34" charset="-122"/>'

_HEAD = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<c:date1904 val="0"/>'
)
_EXTERNAL = '<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>'
_SHOW = (
    '<c:showLegendKey val="0"/><c:showVal val="{val}"/><c:showCatName val="0"/>'
    '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>'
)
_SHOW_NONE = _SHOW.format(val=0)
_SHOW_VALUE = _SHOW.format(val=1)
_LEADER_LINES = '<c:showLeaderLines val="1"/>'
_NO_LINE = "<a:ln><a:noFill/></a:ln>"
_AXIS_IDS = '<c:axId val="1"/><c:axId val="2"/>'
_CAT_AX_TAIL = (
    '<c:crossAx val="2"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>'
    '<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
)
_CONTROL = re.compile(r"[\x00-\x08\x0B-\x1F]")

# widths in EMU of Pt(1.5), Pt(2.75), Pt(1.25), Pt(0.75)
_SLICE_OUTLINE = 19050
_LINE_W = 34925
_AXIS_LINE_W = 15875
_GRID_W = 9525


def chart_xml(el: ChartEl) -> bytes:
    """Return the chart part of ``el``: a doughnut, bar, column or line chart whose data
    (``c:externalData`` r:id="rId1") is the workbook ``workbook(el)`` writes."""
    series = _all_series(el)
    cats = _categories(el.categories)
    if el.chart == "doughnut":
        body = _doughnut(el, series, cats)
    elif el.chart == "bar":
        body = _bar(el, series, cats)
    else:
        body = _over_time(el, series, cats)
    return (_HEAD + body + _EXTERNAL).encode("utf-8")


def _all_series(el: ChartEl) -> list[ChartSeries]:
    """Return the chart's series: the first (named ``series_name``, else the chart's name,
    coloured by ``line_color``) and then ``more``."""
    first = ChartSeries(el.series_name or el.name, el.values, el.line_color, el.labels)
    return [first, *el.more]


# --- text -------------------------------------------------------------------------------


def _text(value: str) -> str:
    """Return ``value`` escaped for XML text, control characters written as ``_xHHHH_`` (as
    Office does: XML 1.0 cannot hold them)."""
    return escape(_CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", value))


def _attr(value: str) -> str:
    return escape(value).replace('"', "&quot;")


def _chinese(text: str) -> bool:
    return has_cjk(text)


def _sz(points: float) -> int:
    """Return a font size in hundredths of a point, as python-pptx rounds ``Pt(points)``."""
    return int(points * 12700) // 127


def _fill(colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'


def _rpr(tag: str, attrs: str, colour: str, words: str) -> str:
    """Return run properties in ``colour``, tagged with the language of ``words`` (and an
    East Asian typeface when they hold Chinese), as the old renderer's ``mark_language``."""
    chinese = _chinese(words)
    lang = "zh-CN" if chinese else "en-US"
    return f'<a:{tag} {attrs} lang="{lang}">{_fill(colour)}{_EA if chinese else ""}</a:{tag}>'


def _paragraphs(text: str, r_pr: str) -> str:
    """Return ``text`` as paragraphs the way python-pptx's ``TextFrame.text`` sets it: a
    paragraph per line feed, a line break per vertical tab, and only the first run styled."""
    out = []
    for k, line in enumerate(text.split("\n")):
        parts = []
        for j, piece in enumerate(line.split("\v")):
            if j:
                parts.append("<a:br/>")
            if piece:
                props = r_pr if k == 0 and not any(p.startswith("<a:r>") for p in parts) else ""
                parts.append(f"<a:r>{props}<a:t>{_text(piece)}</a:t></a:r>")
        out.append(f"<a:p>{''.join(parts)}</a:p>")
    return "".join(out)


def _rich(body_pr: str, text: str, r_pr: str) -> str:
    return f"<c:rich>{body_pr}<a:lstStyle/>{_paragraphs(text, r_pr)}</c:rich>"


def _chart_text(el: ChartEl, end_lang: bool) -> str:
    """Return the chart's own text properties: label size and colour, in the language of
    all its words (categories, labels, axis title, further series' names)."""
    words = " ".join((*el.categories, *el.labels, el.axis_title, *(s.name for s in el.more)))
    end = '<a:endParaRPr lang="en-US"/>' if end_lang else "<a:endParaRPr/>"
    props = _rpr("defRPr", f'sz="{_sz(el.label_size_pt)}"', el.label_color, words)
    return f"<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>{props}</a:pPr>{end}</a:p></c:txPr>"


# --- series data --------------------------------------------------------------------------


def _column(index: int) -> str:
    """Return the worksheet column of series ``index`` (0: B, the categories being in A)."""
    number, letters = index + 2, ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _categories(categories: tuple[str, ...]) -> str:
    points = "".join(
        f'<c:pt idx="{i}"><c:v>{_text(str(c))}</c:v></c:pt>' for i, c in enumerate(categories)
    )
    return (
        f"<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${len(categories) + 1}</c:f><c:strCache>"
        f'<c:ptCount val="{len(categories)}"/>{points}</c:strCache></c:strRef></c:cat>'
    )


def _name(series: ChartSeries, index: int) -> str:
    return (
        f"<c:tx><c:strRef><c:f>Sheet1!${_column(index)}$1</c:f><c:strCache>"
        f'<c:ptCount val="1"/><c:pt idx="0"><c:v>{_text(series.name)}</c:v></c:pt>'
        "</c:strCache></c:strRef></c:tx>"
    )


def _values(series: ChartSeries, index: int, number_format: str) -> str:
    """Return the series' values: a cache without the None values (gaps), in the chart's
    number format, floats written as Python writes them (``98.0``)."""
    col, count = _column(index), len(series.values)
    points = "".join(
        f'<c:pt idx="{i}"><c:v>{float(v)!r}</c:v></c:pt>'
        for i, v in enumerate(series.values)
        if v is not None
    )
    return (
        f"<c:val><c:numRef><c:f>Sheet1!${col}$2:${col}${count + 1}</c:f><c:numCache>"
        f"<c:formatCode>{_text(number_format)}</c:formatCode>"
        f'<c:ptCount val="{count}"/>{points}</c:numCache></c:numRef></c:val>'
    )


def _head(index: int) -> str:
    return f'<c:idx val="{index}"/><c:order val="{index}"/>'


def _plain_series(series: list[ChartSeries], el: ChartEl, cats: str, start: int) -> str:
    """Return the series from ``start`` on without styling (as the old renderer left the
    further series of a doughnut or bar chart)."""
    return "".join(
        f"<c:ser>{_head(i)}{_name(s, i)}{cats}{_values(s, i, el.number_format)}</c:ser>"
        for i, s in enumerate(series)
        if i >= start
    )


def _filled_points(colours: tuple[str, ...], count: int, line: str) -> str:
    """Return a c:dPt per point (at most ``count``) filled with its colour and outlined by
    ``line`` (an a:ln)."""
    return "".join(
        f'<c:dPt><c:idx val="{i}"/><c:spPr>{_fill(c)}{line}</c:spPr></c:dPt>'
        for i, c in enumerate(colours[:count])
    )


def _labels(items: list[str]) -> str:
    """Return a series' c:dLbls holding the given c:dLbl, or nothing when there are none."""
    if not items:
        return ""
    return f"<c:dLbls>{''.join(items)}{_SHOW_NONE}{_LEADER_LINES}</c:dLbls>"


def _label(
    index: int, text: str, el: ChartEl, position: str, body_pr: str, layout: str = ""
) -> str:
    """Return the c:dLbl of point ``index``: ``text`` in bold, label size and colour."""
    r_pr = _rpr("rPr", f'sz="{_sz(el.label_size_pt)}" b="1"', el.label_color, text)
    return (
        f'<c:dLbl><c:idx val="{index}"/>{layout}<c:tx>{_rich(body_pr, text, r_pr)}</c:tx>'
        f'<c:dLblPos val="{position}"/>{_SHOW_VALUE}</c:dLbl>'
    )


def _manual_layout(values: dict[str, object]) -> str:
    inner = "".join(f'<c:{tag} val="{value}"/>' for tag, value in values.items())
    return f"<c:layout><c:manualLayout>{inner}</c:manualLayout></c:layout>"


# --- doughnut -----------------------------------------------------------------------------


def _doughnut(el: ChartEl, series: list[ChartSeries], cats: str) -> str:
    """A doughnut: slices in their colours, outlined in white, no labels (the figure sits
    in the hole as text), the first slice from twelve o'clock."""
    outline = f'<a:ln w="{_SLICE_OUTLINE}">{_fill("FFFFFF")}</a:ln>'
    first = series[0]
    ser = (
        f"<c:ser>{_head(0)}{_name(first, 0)}"
        f"{_filled_points(el.colors, len(el.categories), outline)}"
        f"{cats}{_values(first, 0, el.number_format)}</c:ser>"
    )
    return (
        '<c:roundedCorners val="0"/><c:chart><c:autoTitleDeleted val="1"/><c:plotArea>'
        f"<c:layout/><c:doughnutChart><c:varyColors/>{ser}"
        f"{_plain_series(series, el, cats, 1)}"
        f"<c:dLbls>{_SHOW_NONE}{_LEADER_LINES}</c:dLbls>"
        f'<c:firstSliceAng val="0"/><c:holeSize val="{el.hole_pct}"/></c:doughnutChart>'
        '</c:plotArea><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>'
        f'<c:showDLblsOverMax val="0"/></c:chart>{_chart_text(el, end_lang=False)}'
    )


# --- bar ----------------------------------------------------------------------------------


def bar_minimum(el: ChartEl) -> float:
    """Return the bar axis' minimum: zero, or below it when a value is negative (a fall is
    a bar left of the axis, never cut off)."""
    if el.axis_min is not None:
        return el.axis_min
    lowest = min((v for v in el.values if v is not None), default=0.0)
    if lowest >= 0:
        return 0.0
    top = (
        el.axis_max
        if el.axis_max is not None
        else max((v for v in el.values if v is not None), default=0.0)
    )
    return lowest - 0.12 * (max(top, 0.0) - lowest)


def _bar(el: ChartEl, series: list[ChartSeries], cats: str) -> str:
    """Horizontal bars, first category on top, each labelled at its end; the value axis is
    hidden and starts at zero, or below it when a value falls (the category names then sit
    low, clear of the bars)."""
    first = series[0]
    size = _sz(el.label_size_pt)
    labels = [
        _label(i, text, el, "outEnd", "<a:bodyPr/>")
        for i, text in enumerate(el.labels[: len(el.categories)])
        if text
    ]
    ser = (
        f"<c:ser>{_head(0)}{_name(first, 0)}"
        f"{_filled_points(el.colors, len(el.categories), _NO_LINE)}{_labels(labels)}"
        f"{cats}{_values(first, 0, el.number_format)}</c:ser>"
    )
    minimum = float(bar_minimum(el))
    top = "" if el.axis_max is None else f'<c:max val="{float(el.axis_max)!r}"/>'
    plot = (
        '<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/>'
        f'<c:varyColors val="0"/>{ser}{_plain_series(series, el, cats, 1)}'
        "<c:dLbls><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>"
        f'<a:defRPr sz="{size}" b="1"/></a:pPr></a:p></c:txPr><c:dLblPos val="outEnd"/>'
        f'{_SHOW_VALUE}{_LEADER_LINES}</c:dLbls><c:gapWidth val="55"/>{_AXIS_IDS}</c:barChart>'
    )
    category_axis = (
        '<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="maxMin"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="l"/><c:majorTickMark val="out"/>'
        '<c:minorTickMark val="none"/>'
        f'<c:tickLblPos val="{"low" if minimum < 0 else "nextTo"}"/>'
        f"<c:spPr><a:ln>{_fill('9FB3C8')}</a:ln></c:spPr>"
        f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}"/></a:pPr></a:p>'
        f"</c:txPr>{_CAT_AX_TAIL}"
    )
    value_axis = (
        f'<c:valAx><c:axId val="2"/><c:scaling>{top}<c:min val="{minimum!r}"/></c:scaling>'
        '<c:delete/><c:axPos val="b"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>'
        '<c:tickLblPos val="nextTo"/><c:crossAx val="1"/><c:crosses val="autoZero"/></c:valAx>'
    )
    return (
        '<c:chart><c:autoTitleDeleted val="1"/><c:plotArea>'
        f"{plot}{category_axis}{value_axis}</c:plotArea>"
        f'<c:dispBlanksAs val="gap"/></c:chart>{_chart_text(el, end_lang=True)}'
    )


# --- column and line ----------------------------------------------------------------------


def _over_time(el: ChartEl, series: list[ChartSeries], cats: str) -> str:
    """A column or line chart: an axis from zero (or below), gaps kept as gaps, the given
    points coloured, the latest value labelled."""
    column = el.chart == "column"
    sers = "".join(_time_series(el, s, i, cats, column) for i, s in enumerate(series))
    if column:
        plot = (
            '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>'
            f'<c:varyColors val="0"/>{sers}<c:gapWidth val="60"/>{_AXIS_IDS}</c:barChart>'
        )
        tail, end = "", ""
    else:
        plot = (
            '<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>'
            f'{sers}<c:marker val="1"/><c:smooth val="0"/>{_AXIS_IDS}</c:lineChart>'
        )
        tail, end = '<c:plotVisOnly val="1"/>', '<c:showDLblsOverMax val="0"/>'
    layout = ""
    if el.plot is not None:
        x, y, w, h = el.plot
        layout = _manual_layout(
            {"layoutTarget": "inner", "xMode": "edge", "yMode": "edge"}
            | {"x": x, "y": y, "w": w, "h": h}
        )
    return (
        '<c:chart><c:autoTitleDeleted val="1"/><c:plotArea>'
        f"{layout}{plot}{_time_category_axis(el)}{_time_value_axis(el)}</c:plotArea>"
        f'{tail}<c:dispBlanksAs val="gap"/>{end}</c:chart>'
        f"{_chart_text(el, end_lang=True)}"
    )


def _time_series(el: ChartEl, data: ChartSeries, index: int, cats: str, column: bool) -> str:
    """Return one series of a column or line chart: coloured columns, or a line (or only
    markers) with dots, and the labels of its labelled points."""
    count = len(el.categories)
    colours = el.colors if index == 0 and el.colors else (data.color,) * len(data.values)
    line = el.line_color if index == 0 and el.line_color else data.color
    points: dict[int, str] = {}  # c:dPt content by point, in the order python-pptx adds them
    if column:
        look = '<c:invertIfNegative val="0"/>'
        for i, colour in enumerate(colours[:count]):
            points[i] = f"<c:spPr>{_fill(colour)}{_NO_LINE}</c:spPr>"
    else:
        if data.markers_only:
            look = f"<c:spPr>{_NO_LINE}</c:spPr>"
        else:
            look = f'<c:spPr><a:ln w="{_LINE_W}">{_fill(line)}</a:ln></c:spPr>'
        if not el.markers and not data.markers_only:
            look += '<c:marker><c:symbol val="none"/></c:marker>'
        else:
            size = 9 if data.markers_only else 7
            look += _marker(size, line)
            for i, colour in enumerate(colours[:count]):
                if data.values[i] is not None and colour != line:
                    points[i] = _marker(7, colour)
    labels = []
    labelled = [i for i, text in enumerate(data.labels[:count]) if text]
    last = max(labelled, default=-1)
    for i in labelled:
        text = data.labels[i]
        if column:
            layout = ""
            if el.label_dx and i == last:  # set off to the right, clear of the columns before
                layout = _manual_layout({"x": el.label_dx, "y": 0})
            labels.append(_label(i, text, el, "outEnd", '<a:bodyPr wrap="none"/>', layout))
        elif data.markers_only:
            labels.append(_label(i, text, el, "b", '<a:bodyPr wrap="none"/>'))
        else:  # beside the latest point, which is drawn larger
            labels.append(_label(i, text, el, "r", '<a:bodyPr wrap="none"/>'))
            points[i] = _bigger(points.get(i))
    dpts = "".join(f'<c:dPt><c:idx val="{i}"/>{xml}</c:dPt>' for i, xml in points.items())
    smooth = "" if column else '<c:smooth val="0"/>'
    return (
        f"<c:ser>{_head(index)}{_name(data, index)}{look}{dpts}{_labels(labels)}"
        f"{cats}{_values(data, index, el.number_format)}{smooth}</c:ser>"
    )


def _marker(size: int, colour: str) -> str:
    return (
        f'<c:marker><c:symbol val="circle"/><c:size val="{size}"/>'
        f"<c:spPr>{_fill(colour)}<a:ln>{_fill(colour)}</a:ln></c:spPr></c:marker>"
    )


def _bigger(point: str | None) -> str:
    """Return a point's c:marker drawn as a size-11 circle, keeping any colour it has."""
    if point is None:
        return '<c:marker><c:symbol val="circle"/><c:size val="11"/></c:marker>'
    return point.replace('<c:size val="7"/>', '<c:size val="11"/>', 1)


def _axis_text(el: ChartEl) -> str:
    """Return an axis' tick label properties: tick size, label colour, never rotated."""
    return (
        '<c:txPr><a:bodyPr rot="0" vert="horz"/><a:lstStyle/><a:p><a:pPr>'
        f'<a:defRPr sz="{_sz(el.tick_size_pt)}">{_fill(el.label_color)}</a:defRPr>'
        "</a:pPr></a:p></c:txPr>"
    )


def _time_category_axis(el: ChartEl) -> str:
    """The periods, under the plot (below any fall), or hidden when the plan sets them as
    text beside the chart; no tick marks on a long series (they would be a solid bar)."""
    position = "none" if el.hide_categories else "low"
    ticks = "out" if el.markers else "none"
    return (
        '<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        f'<c:delete val="0"/><c:axPos val="b"/><c:majorTickMark val="{ticks}"/>'
        f'<c:minorTickMark val="none"/><c:tickLblPos val="{position}"/>'
        f'<c:spPr><a:ln w="{_AXIS_LINE_W}">{_fill(el.axis_color)}</a:ln></c:spPr>'
        f"{_axis_text(el)}{_CAT_AX_TAIL}"
    )


def _time_value_axis(el: ChartEl) -> str:
    """The value axis: from ``axis_min`` (else zero, or the lowest value below it) to
    ``axis_max``, gridlines in ``grid_color``, its own number format, the axis title
    (unit and scale) level at the top left."""
    if el.axis_min is not None:
        low = el.axis_min
    else:
        low = min([0.0, *(v for v in el.values if v is not None)])
    top = "" if el.axis_max is None else f'<c:max val="{float(el.axis_max)!r}"/>'
    grid = ""
    if el.grid_color:
        grid = (
            f'<c:majorGridlines><c:spPr><a:ln w="{_GRID_W}">{_fill(el.grid_color)}</a:ln>'
            "</c:spPr></c:majorGridlines>"
        )
    unit = "" if el.major_unit is None else f'<c:majorUnit val="{float(el.major_unit)!r}"/>'
    number_format = _attr(el.tick_format or el.number_format)
    return (
        f'<c:valAx><c:axId val="2"/><c:scaling>{top}<c:min val="{float(low)!r}"/></c:scaling>'
        f'<c:delete val="0"/><c:axPos val="l"/>{grid}{_axis_title(el)}'
        f'<c:numFmt formatCode="{number_format}" sourceLinked="0"/>'
        '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f"<c:spPr>{_NO_LINE}</c:spPr>{_axis_text(el)}"
        f'<c:crossAx val="1"/><c:crosses val="autoZero"/>{unit}</c:valAx>'
    )


def _axis_title(el: ChartEl) -> str:
    if not el.axis_title:
        return ""
    r_pr = _rpr("rPr", f'sz="{_sz(el.tick_size_pt)}" b="0"', el.axis_color, el.axis_title)
    rich = _rich('<a:bodyPr rot="0" vert="horz" wrap="none"/>', el.axis_title, r_pr)
    layout = _manual_layout({"xMode": "edge", "yMode": "edge", "x": 0, "y": 0})
    return f'<c:title><c:tx>{rich}</c:tx>{layout}<c:overlay val="0"/></c:title>'


# --- the embedded workbook ----------------------------------------------------------------

_XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/>'
    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
    f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
    '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    f'<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
_CUSTOM_FORMAT = 164  # the first number format id a workbook may define


def workbook(el: ChartEl) -> bytes:
    """Return the .xlsx holding ``el``'s data, laid out as python-pptx laid it out (and as
    the chart's formulas point): categories in column A from row 2, a column per series
    from B with its name in row 1. Values keep the chart's number format; a None value is
    a blank cell."""
    series = _all_series(el)
    strings: dict[str, int] = {}
    rows = max([len(el.categories), *(len(s.values) for s in series)]) + 1
    last = _column(len(series) - 1)
    sheet = [
        f'<worksheet xmlns="{_MAIN}"><dimension ref="A1:{last}{rows}"/>'
        '<cols><col min="1" max="1" width="10.7109375" customWidth="1"/></cols><sheetData>'
    ]
    header = "".join(
        f'<c r="{_column(i)}1" t="s"><v>{_shared(s.name, strings)}</v></c>'
        for i, s in enumerate(series)
    )
    sheet.append(f'<row r="1">{header}</row>')
    for r in range(2, rows + 1):
        cells = []
        if r - 2 < len(el.categories):
            index = _shared(str(el.categories[r - 2]), strings)
            cells.append(f'<c r="A{r}" t="s"><v>{index}</v></c>')
        for i, s in enumerate(series):
            if r - 2 >= len(s.values):
                continue
            value = s.values[r - 2]
            ref = f"{_column(i)}{r}"
            if value is None:
                cells.append(f'<c r="{ref}" s="1"/>')
            else:
                cells.append(f'<c r="{ref}" s="1"><v>{float(value)!r}</v></c>')
        sheet.append(f'<row r="{r}">{"".join(cells)}</row>')
    sheet.append("</sheetData></worksheet>")
    shared = "".join(f"<si>{_cell_text(text)}</si>" for text in strings)
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _ROOT_RELS,
        "xl/workbook.xml": _WORKBOOK,
        "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": "".join(sheet),
        "xl/styles.xml": _styles(el.number_format),
        "xl/sharedStrings.xml": (
            f'<sst xmlns="{_MAIN}" count="{len(series) + len(el.categories)}" '
            f'uniqueCount="{len(strings)}">'
            f"{shared}</sst>"
        ),
    }
    return _zip(parts)


def _shared(text: str, strings: dict[str, int]) -> int:
    """Return the index of ``text`` in the shared strings, adding it if new."""
    return strings.setdefault(text, len(strings))


def _cell_text(text: str) -> str:
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<t{space}>{_text(text)}</t>"


def _styles(number_format: str) -> str:
    """Return a minimal stylesheet: the default cell format (0) and the values' one (1)."""
    if number_format == "General":
        formats, format_id, apply = "", 0, ""
    else:
        format_id, apply = _CUSTOM_FORMAT, ' applyNumberFormat="1"'
        formats = (
            f'<numFmts count="1"><numFmt numFmtId="{format_id}" '
            f'formatCode="{_attr(number_format)}"/></numFmts>'
        )
    return (
        f'<styleSheet xmlns="{_MAIN}">{formats}'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
        '</fonts><fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
        '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
        'borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" '
        'fillId="0" borderId="0" xfId="0"/>'
        f'<xf numFmtId="{format_id}" fontId="0" fillId="0" borderId="0" xfId="0"{apply}/>'
        "</cellXfs>"
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )


def _zip(parts: dict[str, str]) -> bytes:
    """Return ``parts`` as a zip package: fixed entry times, deflated, in the given order."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, xml in parts.items():
            entry = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            package.writestr(entry, (_XML_DECL + xml).encode("utf-8"), compresslevel=6)
    return out.getvalue()
