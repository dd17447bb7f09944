"""Render native, editable PowerPoint charts (their data is embedded and editable)."""

from __future__ import annotations

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from ..plan import ChartEl
from .text import mark_language


def add_chart(slide, el: ChartEl):
    """Add ``el`` to ``slide`` as a native chart and return its graphic frame."""
    data = CategoryChartData(number_format=el.number_format)
    data.categories = el.categories
    data.add_series(el.name, el.values)
    kind = XL_CHART_TYPE.DOUGHNUT if el.chart == "doughnut" else XL_CHART_TYPE.BAR_CLUSTERED
    frame = slide.shapes.add_chart(
        kind, Emu(el.box.x), Emu(el.box.y), Emu(el.box.w), Emu(el.box.h), data
    )
    frame.name = el.name
    chart = frame.chart
    chart.has_legend = False
    chart.has_title = False
    chart.font.size = Pt(el.label_size_pt)
    chart.font.color.rgb = RGBColor.from_string(el.label_color)
    mark_language(chart.font._rPr, " ".join(el.categories + el.labels))
    if el.chart == "doughnut":
        _doughnut(chart, el)
    else:
        _bar(chart, el)
    return frame


def _colour_points(series, el: ChartEl, outline: str | None) -> None:
    for point, colour in zip(series.points, el.colors):
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
    _colour_points(plot.series[0], el, "FFFFFF")


def _bar(chart, el: ChartEl) -> None:
    plot = chart.plots[0]
    plot.vary_by_categories = False
    plot.gap_width = 55
    series = plot.series[0]
    _colour_points(series, el, None)
    category_axis = chart.category_axis
    category_axis.reverse_order = True  # first category on top, as read
    category_axis.tick_labels.font.size = Pt(el.label_size_pt)
    category_axis.format.line.color.rgb = RGBColor.from_string("9FB3C8")
    category_axis.has_major_gridlines = False
    value_axis = chart.value_axis
    value_axis.minimum_scale = 0
    if el.axis_max is not None:
        value_axis.maximum_scale = el.axis_max
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
