"""Render native, editable PowerPoint charts (their data is embedded and editable)."""

from __future__ import annotations

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
    XL_TICK_MARK,
)
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from ..plan import ChartEl, ChartSeries
from .text import mark_language

_KINDS = {
    "doughnut": XL_CHART_TYPE.DOUGHNUT,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
}
_AXES = {qn(f"c:{name}") for name in ("catAx", "valAx", "dateAx", "serAx")}


def add_chart(slide, el: ChartEl):
    """Add ``el`` to ``slide`` as a native chart and return its graphic frame."""
    data = CategoryChartData(number_format=el.number_format)
    data.categories = el.categories
    data.add_series(el.series_name or el.name, _numbers(el.values))
    for more in el.more:
        data.add_series(more.name, _numbers(more.values))
    frame = slide.shapes.add_chart(
        _KINDS[el.chart], Emu(el.box.x), Emu(el.box.y), Emu(el.box.w), Emu(el.box.h), data
    )
    frame.name = el.name
    chart = frame.chart
    chart.has_legend = False
    chart.has_title = False
    chart.font.size = Pt(el.label_size_pt)
    chart.font.color.rgb = RGBColor.from_string(el.label_color)
    words = el.categories + el.labels + (el.axis_title,) + tuple(s.name for s in el.more)
    mark_language(chart.font._rPr, " ".join(words))
    if el.chart == "doughnut":
        _doughnut(chart, el)
    elif el.chart == "bar":
        _bar(chart, el)
    else:
        _over_time(chart, el)
    _number_axes(chart._chartSpace)
    return frame


def _number_axes(chart_space) -> None:
    """Number the chart's axes 1, 2, ... in the order they stand, in every c:axId and
    c:crossAx that names them. python-pptx's chart templates write negative ids, which the
    schema refuses: both are CT_UnsignedInt (xsd:unsignedInt) in ISO/IEC 29500."""
    area = chart_space.find(f"{qn('c:chart')}/{qn('c:plotArea')}")
    if area is None:
        return
    axes = [el for el in area if el.tag in _AXES]
    new = {ax.find(qn("c:axId")).get("val"): str(n) for n, ax in enumerate(axes, start=1)}
    for ref in area.iter(qn("c:axId"), qn("c:crossAx")):
        ref.set("val", new[ref.get("val")])


def _numbers(values) -> list[float | None]:
    """Return the values as plain floats; None stays None (a blank cell, drawn as a gap)."""
    return [None if v is None else float(v) for v in values]


def _colour_points(series, colours: tuple[str, ...], outline: str | None) -> None:
    for point, colour in zip(series.points, colours):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = RGBColor.from_string(colour)
        if outline:
            point.format.line.color.rgb = RGBColor.from_string(outline)
            point.format.line.width = Pt(1.5)
        else:
            point.format.line.fill.background()


def _doughnut(chart, el: ChartEl) -> None:
    plot = chart.plots[0]
    plot.vary_by_categories = True
    hole = plot._element.find(qn("c:holeSize"))
    hole.set("val", str(el.hole_pct))
    first_slice = plot._element.find(qn("c:firstSliceAng"))
    if first_slice is not None:
        first_slice.set("val", "0")
    _colour_points(plot.series[0], el.colors, "FFFFFF")


def _bar(chart, el: ChartEl) -> None:
    plot = chart.plots[0]
    plot.vary_by_categories = False
    plot.gap_width = 55
    series = plot.series[0]
    _colour_points(series, el.colors, None)
    category_axis = chart.category_axis
    category_axis.reverse_order = True  # first category on top, as read
    category_axis.tick_labels.font.size = Pt(el.label_size_pt)
    category_axis.format.line.color.rgb = RGBColor.from_string("9FB3C8")
    category_axis.has_major_gridlines = False
    value_axis = chart.value_axis
    value_axis.minimum_scale = _bar_minimum(el)
    if el.axis_max is not None:
        value_axis.maximum_scale = el.axis_max
    if value_axis.minimum_scale < 0:  # falls: names beside the axis would sit on the bars
        category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    value_axis.has_major_gridlines = False
    value_axis.visible = False
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.font.size = Pt(el.label_size_pt)
    labels.font.bold = True
    for point, text in zip(series.points, el.labels):
        if not text:
            continue
        frame = point.data_label.text_frame
        frame.text = text
        font = frame.paragraphs[0].runs[0].font
        font.size, font.bold = Pt(el.label_size_pt), True
        mark_language(font._rPr, text)
        font.color.rgb = RGBColor.from_string(el.label_color)
        point.data_label.position = XL_LABEL_POSITION.OUTSIDE_END


def _bar_minimum(el: ChartEl) -> float:
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


def _over_time(chart, el: ChartEl) -> None:
    """Draw a column or line chart: an axis from zero (or below), gaps kept as gaps, the
    given points coloured, the latest value labelled."""
    plot = chart.plots[0]
    plot.vary_by_categories = False
    column = el.chart == "column"
    if column:
        plot.gap_width = 60  # as the plan measured the columns
        plot.overlap = 0
    first = ChartSeries(el.series_name or el.name, el.values, el.line_color, el.labels)
    for index, (series, data) in enumerate(zip(plot.series, (first, *el.more))):
        colours = el.colors if index == 0 and el.colors else (data.color,) * len(data.values)
        line = el.line_color if index == 0 and el.line_color else data.color
        if column:
            _colour_points(series, colours, None)
            series.invert_if_negative = False
        else:
            series.smooth = False
            if data.markers_only:
                series.format.line.fill.background()
            else:
                series.format.line.color.rgb = RGBColor.from_string(line)
                series.format.line.width = Pt(2.75)
            if not el.markers and not data.markers_only:
                series.marker.style = XL_MARKER_STYLE.NONE
                _point_labels(series, data, el, column)
                continue
            series.marker.style = XL_MARKER_STYLE.CIRCLE
            series.marker.size = 9 if data.markers_only else 7
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = RGBColor.from_string(line)
            series.marker.format.line.color.rgb = RGBColor.from_string(line)
            for i, (point, colour) in enumerate(zip(series.points, colours)):
                if data.values[i] is None or colour == line:
                    continue
                point.marker.style = XL_MARKER_STYLE.CIRCLE
                point.marker.size = 7
                point.marker.format.fill.solid()
                point.marker.format.fill.fore_color.rgb = RGBColor.from_string(colour)
                point.marker.format.line.color.rgb = RGBColor.from_string(colour)
        _point_labels(series, data, el, column)
    _category_axis(chart, el)
    _value_axis(chart, el)
    _plot_layout(chart, el)
    blanks = chart._chartSpace.chart.find(qn("c:dispBlanksAs"))
    if blanks is None:
        blanks = etree.SubElement(chart._chartSpace.chart, qn("c:dispBlanksAs"))
    blanks.set("val", "gap")


def _point_labels(series, data: ChartSeries, el: ChartEl, column: bool) -> None:
    """Label the points of ``data`` that have a label: a column's above it (the last one,
    the latest value, set off by ``label_dx``), a line's latest point beside it (drawn
    larger), a marked point (a fall's '↓') below its dot."""
    last = max((i for i, text in enumerate(data.labels) if text), default=-1)
    for i, (point, text) in enumerate(zip(series.points, data.labels)):
        if not text:
            continue
        label = point.data_label
        frame = label.text_frame
        frame.text = text
        frame._bodyPr.set("wrap", "none")  # one line, as the plan measured it
        font = frame.paragraphs[0].runs[0].font
        font.size, font.bold = Pt(el.label_size_pt), True
        font.color.rgb = RGBColor.from_string(el.label_color)
        mark_language(font._rPr, text)
        if column:
            label.position = XL_LABEL_POSITION.OUTSIDE_END
            if el.label_dx and i == last:  # set off to the right, clear of the columns before
                dlbl = label._dLbl
                dlbl.insert(1, _manual_layout(dlbl, {"x": el.label_dx, "y": 0}))
        elif data.markers_only:
            label.position = XL_LABEL_POSITION.BELOW
        else:  # beside the latest point, which is drawn larger
            label.position = XL_LABEL_POSITION.RIGHT
            point.marker.style = XL_MARKER_STYLE.CIRCLE
            point.marker.size = 11


def _category_axis(chart, el: ChartEl) -> None:
    axis = chart.category_axis
    axis.has_major_gridlines = False
    axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW  # under the plot, below any fall
    axis.tick_labels.font.size = Pt(el.tick_size_pt)
    axis.tick_labels.font.color.rgb = RGBColor.from_string(el.label_color)
    axis.format.line.color.rgb = RGBColor.from_string(el.axis_color)
    axis.format.line.width = Pt(1.25)
    if el.hide_categories:  # the plan sets the labels beside the chart, thinned out
        axis.tick_label_position = XL_TICK_LABEL_POSITION.NONE
    if not el.markers:  # a long series: a tick at every point would be a solid bar
        axis.major_tick_mark = XL_TICK_MARK.NONE
    _horizontal(axis._element)


def _value_axis(chart, el: ChartEl) -> None:
    axis = chart.value_axis
    if el.axis_min is not None:
        axis.minimum_scale = el.axis_min
    else:
        axis.minimum_scale = min(0.0, *(v for v in el.values if v is not None))
    if el.axis_max is not None:
        axis.maximum_scale = el.axis_max
    if el.major_unit is not None:
        axis.major_unit = el.major_unit
    axis.has_major_gridlines = bool(el.grid_color)
    if el.grid_color:
        grid = axis.major_gridlines.format.line
        grid.color.rgb = RGBColor.from_string(el.grid_color)
        grid.width = Pt(0.75)
    axis.format.line.fill.background()
    axis.tick_labels.font.size = Pt(el.tick_size_pt)
    axis.tick_labels.font.color.rgb = RGBColor.from_string(el.label_color)
    axis.tick_labels.number_format = el.tick_format or el.number_format
    axis.tick_labels.number_format_is_linked = False
    _horizontal(axis._element)
    if el.axis_title:
        axis.has_title = True
        frame = axis.axis_title.text_frame
        frame.text = el.axis_title
        font = frame.paragraphs[0].runs[0].font
        font.size, font.bold = Pt(el.tick_size_pt), False
        font.color.rgb = RGBColor.from_string(el.axis_color)
        mark_language(font._rPr, el.axis_title)
        title = axis.axis_title._element
        rich = title.find(qn("c:tx")).find(qn("c:rich"))
        rich.find(qn("a:bodyPr")).set("rot", "0")
        rich.find(qn("a:bodyPr")).set("vert", "horz")
        rich.find(qn("a:bodyPr")).set("wrap", "none")
        old = title.find(qn("c:layout"))
        if old is not None:
            title.remove(old)
        layout = _manual_layout(title, {"xMode": "edge", "yMode": "edge", "x": 0, "y": 0})
        title.find(qn("c:tx")).addnext(layout)


def _plot_layout(chart, el: ChartEl) -> None:
    """Fix the inner plot area where the plan measured it, so labels fit as planned."""
    if el.plot is None:
        return
    x, y, w, h = el.plot
    area = chart._chartSpace.chart.plotArea
    old = area.find(qn("c:layout"))
    if old is not None:
        area.remove(old)
    values = {"layoutTarget": "inner", "xMode": "edge", "yMode": "edge"}
    area.insert(0, _manual_layout(area, {**values, "x": x, "y": y, "w": w, "h": h}))


def _manual_layout(parent, values: dict[str, object]):
    """Return a c:layout of ``parent`` placing it by ``values`` (fractions of the chart),
    built in place so that it takes the chart's own namespace prefix."""
    layout = etree.SubElement(parent, qn("c:layout"))
    manual = etree.SubElement(layout, qn("c:manualLayout"))
    for tag, value in values.items():
        etree.SubElement(manual, qn(f"c:{tag}")).set("val", str(value))
    return layout


def _horizontal(axis_element) -> None:
    """Keep an axis' labels level: never rotated."""
    tx = axis_element.find(qn("c:txPr"))
    if tx is not None:
        tx.find(qn("a:bodyPr")).set("rot", "0")
        tx.find(qn("a:bodyPr")).set("vert", "horz")
