"""Charts written as XML (deckgen.deck.chartxml): the chart part and its embedded workbook."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile

import pytest
from lxml import etree

from deckgen.deck.chartxml import chart_xml, workbook
from deckgen.plan import Box, ChartEl, ChartSeries

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
X = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"c": C, "a": A, "x": X}
BOX = Box(0, 0, 5_000_000, 3_000_000)


def _bar(values=(7.0, -2.5), **extra) -> ChartEl:
    return ChartEl(
        "Growth",
        BOX,
        "bar",
        ("Hours", "Stays"),
        values,
        ("0072B2", "B3470C"),
        ("+7%", "\u22122.5%"),
        "Bar chart of growth rates",
        "1B2430",
        **extra,
    )


def _line(**extra) -> ChartEl:
    values = {
        "name": "exports chart",
        "box": BOX,
        "chart": "line",
        "categories": ("2020", "2021", "2022", "2023"),
        "values": (8.1, None, 9.7, 7.2),
        "colors": ("0072B2", "0072B2", "0072B2", "B3470C"),
        "labels": ("", "", "", "US$7.2 billion"),
        "alt": "Line chart of exports",
        "label_color": "1B2430",
        "series_name": "Exports",
        "line_color": "0072B2",
        "axis_min": 0.0,
        "axis_max": 10.0,
        "major_unit": 5.0,
        "axis_title": "US$ billion",
        "tick_format": "#,##0",
        "grid_color": "C3CCD6",
        "plot": (0.05, 0.1, 0.8, 0.8),
        "more": (
            ChartSeries(
                "Lower than the year before",
                (None, None, None, 7.2),
                "B3470C",
                ("", "", "", "\u2193"),
                markers_only=True,
            ),
        ),
    }
    values.update(extra)
    return ChartEl(**values)


def _doughnut(**extra) -> ChartEl:
    return ChartEl(
        "share chart",
        BOX,
        "doughnut",
        ("Share", "The rest (derived): 91%"),
        (9, 91.0),
        ("0072B2", "C3CCD6"),
        ("", ""),
        "Doughnut chart",
        "1B2430",
        derived=(False, True),
        **extra,
    )


def _column(**extra) -> ChartEl:
    return _line(chart="column", more=(), label_dx=0.05, **extra)


ALL = {"bar": _bar, "line": _line, "column": _column, "doughnut": _doughnut}


def _parse(el: ChartEl):
    return etree.fromstring(chart_xml(el))


def _sheet(el: ChartEl) -> dict[str, str | None]:
    """Return the workbook's cells by reference: text, the number as written, or None."""
    package = zipfile.ZipFile(io.BytesIO(workbook(el)))
    shared = etree.fromstring(package.read("xl/sharedStrings.xml"))
    strings = ["".join(si.itertext()) for si in shared.findall("x:si", NS)]
    sheet = etree.fromstring(package.read("xl/worksheets/sheet1.xml"))
    cells = {}
    for cell in sheet.iterfind(".//x:c", NS):
        value = cell.find("x:v", NS)
        if value is None:
            cells[cell.get("r")] = None
        elif cell.get("t") == "s":
            cells[cell.get("r")] = strings[int(value.text)]
        else:
            cells[cell.get("r")] = value.text
    return cells


def test_a_bar_chart_with_a_fall_has_its_axis_below_zero_and_names_low():
    xml = _parse(_bar())
    value_axis = xml.find(".//c:valAx", NS)
    assert float(value_axis.find("c:scaling/c:min", NS).get("val")) < -2.5
    assert value_axis.find("c:scaling/c:max", NS) is None
    assert xml.find(".//c:catAx/c:tickLblPos", NS).get("val") == "low"
    assert xml.find(".//c:catAx/c:scaling/c:orientation", NS).get("val") == "maxMin"
    rising = _parse(_bar(values=(7.0, 2.5)))
    assert rising.find(".//c:valAx/c:scaling/c:min", NS).get("val") == "0.0"
    assert rising.find(".//c:catAx/c:tickLblPos", NS).get("val") == "nextTo"


def test_a_fall_with_an_axis_maximum_leaves_room_below_zero():
    """The room below zero is 12% of the whole range, up to the given maximum."""
    xml = _parse(_bar(axis_max=10))
    scaling = xml.find(".//c:valAx/c:scaling", NS)
    assert scaling.find("c:max", NS).get("val") == "10.0"
    assert scaling.find("c:min", NS).get("val") == "-4.0"


@pytest.mark.parametrize("kind", sorted(ALL))
def test_the_chart_part_parses_and_its_axes_are_numbered_and_cross(kind):
    data = chart_xml(ALL[kind]())
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>")
    xml = etree.fromstring(data)
    area = xml.find("c:chart/c:plotArea", NS)
    axes = [el for el in area if etree.QName(el).localname in ("catAx", "valAx")]
    ids = [ax.find("c:axId", NS).get("val") for ax in axes]
    assert all(i.isdigit() and int(i) > 0 for i in ids)
    assert len(set(ids)) == len(ids)
    for ax in axes:  # each axis crosses the other
        assert ax.find("c:crossAx", NS).get("val") in set(ids) - {ax.find("c:axId", NS).get("val")}
    for ref in area.iter(f"{{{C}}}axId", f"{{{C}}}crossAx"):
        assert ref.get("val") in ids
    assert len(ids) == (0 if kind == "doughnut" else 2)
    external = xml.find("c:externalData", NS)
    assert external.get(f"{{{R}}}id") == "rId1"
    assert external.find("c:autoUpdate", NS).get("val") == "0"


@pytest.mark.parametrize("kind", sorted(ALL))
def test_python_pptx_reads_the_chart_back(kind):
    from pptx.chart.chart import Chart
    from pptx.oxml import parse_xml

    el = ALL[kind]()
    chart = Chart(parse_xml(chart_xml(el)), None)
    plot = chart.plots[0]
    assert list(plot.categories) == list(el.categories)
    series = [(el.series_name or el.name, el.values), *((s.name, s.values) for s in el.more)]
    assert [s.name for s in plot.series] == [name for name, _ in series]
    for read, (_, values) in zip(plot.series, series):
        assert list(read.values) == [None if v is None else float(v) for v in values]
    assert not chart.has_legend and not chart.has_title


def test_the_workbook_holds_the_categories_and_values_where_the_formulas_point():
    el = _line()
    cells = _sheet(el)
    assert [cells[f"A{r}"] for r in range(2, 6)] == list(el.categories)
    assert cells["B1"] == "Exports" and cells["C1"] == "Lower than the year before"
    assert [cells[f"B{r}"] for r in range(2, 6)] == ["8.1", None, "9.7", "7.2"]
    assert [cells[f"C{r}"] for r in range(2, 6)] == [None, None, None, "7.2"]
    formulas = [f.text for f in _parse(el).iter(f"{{{C}}}f")]
    assert formulas == [
        "Sheet1!$B$1",
        "Sheet1!$A$2:$A$5",
        "Sheet1!$B$2:$B$5",
        "Sheet1!$C$1",
        "Sheet1!$A$2:$A$5",
        "Sheet1!$C$2:$C$5",
    ]


def test_the_workbook_is_a_plain_deflated_package_with_fixed_times():
    package = zipfile.ZipFile(io.BytesIO(workbook(_doughnut())))
    names = package.namelist()
    assert names[0] == "[Content_Types].xml"
    assert {
        "_rels/.rels",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/worksheets/sheet1.xml",
        "xl/styles.xml",
        "xl/sharedStrings.xml",
    } <= set(names)
    for info in package.infolist():
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
        assert info.compress_type == zipfile.ZIP_DEFLATED
        etree.fromstring(package.read(info.filename))  # every part is well-formed XML
    types = package.read("[Content_Types].xml").decode()
    assert "/xl/worksheets/sheet1.xml" in types and "sheet.main+xml" in types


def test_none_is_a_gap_in_the_chart_and_a_blank_cell_in_the_workbook():
    el = _line()
    xml = _parse(el)
    cache = xml.find(".//c:ser/c:val/c:numRef/c:numCache", NS)
    assert cache.find("c:ptCount", NS).get("val") == "4"
    assert [p.get("idx") for p in cache.findall("c:pt", NS)] == ["0", "2", "3"]
    assert xml.find("c:chart/c:dispBlanksAs", NS).get("val") == "gap"
    package = zipfile.ZipFile(io.BytesIO(workbook(el)))
    sheet = etree.fromstring(package.read("xl/worksheets/sheet1.xml"))
    blank = sheet.find(".//x:c[@r='B3']", NS)
    assert blank is not None and blank.find("x:v", NS) is None


def test_values_keep_the_number_format_in_cache_and_workbook():
    el = _bar(values=(30.0, 45.5), number_format='0.0"%"', axis_max=100)
    xml = _parse(el)
    assert xml.find(".//c:numCache/c:formatCode", NS).text == '0.0"%"'
    assert [v.text for v in xml.iterfind(".//c:numCache/c:pt/c:v", NS)] == ["30.0", "45.5"]
    package = zipfile.ZipFile(io.BytesIO(workbook(el)))
    styles = etree.fromstring(package.read("xl/styles.xml"))
    formats = {f.get("numFmtId"): f.get("formatCode") for f in styles.iterfind(".//x:numFmt", NS)}
    xfs = styles.findall("x:cellXfs/x:xf", NS)
    sheet = etree.fromstring(package.read("xl/worksheets/sheet1.xml"))
    value = sheet.find(".//x:c[@r='B2']", NS)
    assert formats[xfs[int(value.get("s"))].get("numFmtId")] == '0.0"%"'


def test_values_are_written_as_python_writes_floats():
    xml = _parse(_doughnut())
    assert [v.text for v in xml.iterfind(".//c:val//c:v", NS)] == ["9.0", "91.0"]


def test_chinese_text_carries_its_language_and_an_east_asian_typeface():
    el = _line(
        categories=("2020年", "2021年", "2022年", "2023年"),
        labels=("", "", "", "72亿美元"),
        axis_title="亿美元",
    )
    xml = _parse(el)
    for props in xml.iterfind(".//a:rPr", NS):
        text = "".join(props.getparent().itertext())
        chinese = any("\u4e00" <= ch <= "\u9fff" for ch in text)
        assert props.get("lang") == ("zh-CN" if chinese else "en-US"), text
        typeface = props.find("a:ea", NS)
        assert (typeface is not None and typeface.get("typeface") == "Microsoft YaHei") == chinese
    title = xml.find(".//c:valAx/c:title//a:rPr", NS)
    assert title.get("lang") == "zh-CN" and title.find("a:ea", NS) is not None
    chart_text = xml.find("c:txPr//a:defRPr", NS)
    assert chart_text.get("lang") == "zh-CN" and chart_text.find("a:ea", NS) is not None
    english = _parse(_line()).find("c:txPr//a:defRPr", NS)
    assert english.get("lang") == "en-US" and english.find("a:ea", NS) is None


def test_text_is_escaped_and_reads_back_unchanged():
    el = _bar(values=(1.0, 2.0))
    el = ChartEl(
        **{
            **el.__dict__,
            "categories": ("R&D <new>", 'say "hi"'),
            "labels": ("a & b", "<1>"),
            "series_name": "S & 'T'",
        }
    )
    xml = _parse(el)
    assert [v.text for v in xml.iterfind(".//c:cat//c:v", NS)] == ["R&D <new>", 'say "hi"']
    assert [t.text for t in xml.iterfind(".//c:dLbl//a:t", NS)] == ["a & b", "<1>"]
    assert xml.find(".//c:tx//c:v", NS).text == "S & 'T'"
    cells = _sheet(el)
    assert (cells["A2"], cells["A3"], cells["B1"]) == ("R&D <new>", 'say "hi"', "S & 'T'")


def test_the_latest_value_is_labelled_beside_a_larger_dot_and_falls_below_theirs():
    xml = _parse(_line())
    first, marks = xml.findall(".//c:lineChart/c:ser", NS)
    label = first.find("c:dLbls/c:dLbl", NS)
    assert label.find("c:idx", NS).get("val") == "3"
    assert label.find("c:dLblPos", NS).get("val") == "r"
    assert label.find(".//a:t", NS).text == "US$7.2 billion"
    (latest,) = first.xpath("c:dPt[c:idx/@val='3']/c:marker", namespaces=NS)
    assert latest.find("c:size", NS).get("val") == "11"
    assert latest.find(".//a:srgbClr", NS).get("val") == "B3470C"  # its colour is kept
    assert marks.find("c:spPr/a:ln/a:noFill", NS) is not None  # no line: only the marks
    assert marks.find("c:dLbls/c:dLbl/c:dLblPos", NS).get("val") == "b"


def test_a_columns_latest_label_is_set_off_to_the_right():
    xml = _parse(_column())
    label = xml.find(".//c:barChart/c:ser/c:dLbls/c:dLbl", NS)
    assert label.find("c:layout/c:manualLayout/c:x", NS).get("val") == "0.05"
    assert xml.find(".//c:barChart/c:barDir", NS).get("val") == "col"
    assert xml.find(".//c:barChart/c:gapWidth", NS).get("val") == "60"


def test_hidden_categories_and_long_series_have_no_tick_labels_or_marks():
    xml = _parse(_line(hide_categories=True, markers=False))
    axis = xml.find(".//c:catAx", NS)
    assert axis.find("c:tickLblPos", NS).get("val") == "none"
    assert axis.find("c:majorTickMark", NS).get("val") == "none"
    first = xml.find(".//c:lineChart/c:ser", NS)
    assert first.find("c:marker/c:symbol", NS).get("val") == "none"


@pytest.mark.parametrize("kind", sorted(ALL))
def test_output_is_deterministic(kind):
    assert chart_xml(ALL[kind]()) == chart_xml(ALL[kind]())
    assert workbook(ALL[kind]()) == workbook(ALL[kind]())


def test_writing_charts_needs_neither_python_pptx_nor_xlsxwriter():
    code = (
        "import sys\n"
        "import deckgen.deck.chartxml\n"
        "assert 'pptx' not in sys.modules and 'xlsxwriter' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
