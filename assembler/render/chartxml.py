"""Word-native charts: a DrawingML chart part with its data embedded as a small workbook.

The chart is editable in Word (Redigera data opens the embedded workbook); LibreOffice draws it
from the cached values in the chart part. Colours are the template theme's (accent1 for bars
above zero, accent2 below, tx2 for lines), the text is the document's default font.
Deterministic: the same chart gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from ..compute.tables import Chart
from . import wordxml
from .wordxml import escape, quoteattr

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RT_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
RT_PACKAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"

SHEET = "Blad1"
EMU_PER_CM = 360000
FIXED_TIME = dt.datetime(2000, 1, 1)
AXIS_IDS = (500000001, 500000002)
# Swedish grouping with a non-breaking space, written out so every program shows the same
# figures whatever its own locale (only |values| under a million need it).
INTEGER_FORMAT = '#,##0'


def number_format(decimals: int) -> str:
    return INTEGER_FORMAT if decimals == 0 else "0." + "0" * decimals


def _decimals(chart: Chart) -> int:
    if chart.kind == "bars":
        return 0
    return 1 if any(v is not None and v != v.to_integral_value() for v in chart.values) else 0


def size_cm(chart: Chart) -> tuple[float, float]:
    if chart.kind == "bars":
        return 16.0, 2.0 + 0.75 * len(chart.values)
    return 12.0, 5.5


def major_unit(values: list[Decimal | None]) -> Decimal:
    """A round step (1, 2 or 5 × 10ⁿ) giving about four gridlines over the data's span."""
    numbers = [abs(v) for v in values if v is not None] or [Decimal(1)]
    span = max(max(numbers), Decimal(1)) / 4
    power = Decimal(10) ** (len(str(int(span))) - 1)
    return next(power * m for m in (1, 2, 5, 10) if power * m >= span)


# --- the embedded workbook ------------------------------------------------------------------

def workbook_bytes(chart: Chart, series_name: str) -> bytes:
    """The chart's data as an .xlsx: labels in A, values in B, a header row."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter
    import zipfile

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(["", series_name])
    for label, value in zip(chart.labels, chart.values, strict=False):
        sheet.append([label, None if value is None else float(value)])
        sheet.cell(sheet.max_row, 2).number_format = number_format(_decimals(chart))
    sheet.column_dimensions["A"].width = max([len(label) for label in chart.labels] + [10]) + 2
    sheet.column_dimensions["B"].width = 14
    book.properties.creator = "assembler"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        book.properties.created = book.properties.modified = FIXED_TIME
        ExcelWriter(book, archive).save()  # openpyxl's save_workbook stamps the current time
    return wordxml.stable_zip(buffer.getvalue())


# --- the chart part -------------------------------------------------------------------------

def _text_props(size_pt: float, font: str, bold: bool = False) -> str:
    return (f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{round(size_pt * 100)}" '
            f'b="{int(bold)}"><a:solidFill><a:schemeClr val="tx1"><a:lumMod val="75000"/>'
            f'<a:lumOff val="25000"/></a:schemeClr></a:solidFill>'
            f'<a:latin typeface={quoteattr(font)}/>'
            '</a:defRPr></a:pPr><a:endParaRPr lang="sv-SE"/></a:p></c:txPr>')


def _line(colour: str, width_emu: int = 9525, dash: str | None = None) -> str:
    dash_xml = f'<a:prstDash val="{dash}"/>' if dash else ""
    return (f'<a:ln w="{width_emu}" cap="rnd"><a:solidFill>{colour}</a:solidFill>{dash_xml}'
            '<a:round/></a:ln>')


def _scheme(name: str, lum: tuple[int, int] | None = None) -> str:
    mods = f'<a:lumMod val="{lum[0]}"/><a:lumOff val="{lum[1]}"/>' if lum else ""
    return f'<a:schemeClr val="{name}">{mods}</a:schemeClr>'


GRID = _scheme("tx1", (15000, 85000))
AXIS = _scheme("tx1", (25000, 75000))


def _series_data(chart: Chart, series_name: str) -> str:
    count = len(chart.labels)
    labels = "".join(f'<c:pt idx="{i}"><c:v>{escape(label)}</c:v></c:pt>'
                     for i, label in enumerate(chart.labels))
    values = "".join(f'<c:pt idx="{i}"><c:v>{_number(v)}</c:v></c:pt>'
                     for i, v in enumerate(chart.values) if v is not None)
    fmt_code = escape(number_format(_decimals(chart)))
    return (f'<c:cat><c:strRef><c:f>{SHEET}!$A$2:$A${count + 1}</c:f><c:strCache>'
            f'<c:ptCount val="{count}"/>{labels}</c:strCache></c:strRef></c:cat>'
            f'<c:val><c:numRef><c:f>{SHEET}!$B$2:$B${count + 1}</c:f><c:numCache>'
            f'<c:formatCode>{fmt_code}</c:formatCode><c:ptCount val="{count}"/>{values}'
            '</c:numCache></c:numRef></c:val>')


def _series_name(series_name: str) -> str:
    return (f'<c:tx><c:strRef><c:f>{SHEET}!$B$1</c:f><c:strCache><c:ptCount val="1"/>'
            f'<c:pt idx="0"><c:v>{escape(series_name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>')


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _data_labels(chart: Chart, font: str, position: str) -> str:
    return (f'<c:dLbls><c:numFmt formatCode={quoteattr(number_format(_decimals(chart)))} '
            f'sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>'
            f'{_text_props(7, font)}<c:dLblPos val="{position}"/><c:showLegendKey val="0"/>'
            '<c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/>'
            '<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>')


def _axes(chart: Chart, font: str, bars: bool) -> str:
    cat_id, val_id = AXIS_IDS
    # bars read top-down in the workbook's order: the category axis runs max→min, so the value
    # axis crosses it at its maximum (the bottom) and its labels stay left of negative bars
    orientation = "maxMin" if bars else "minMax"
    cat_pos, val_pos = ("l", "b") if bars else ("b", "l")
    fmt_code = quoteattr(number_format(_decimals(chart)))
    unit = "" if bars else f'<c:majorUnit val="{_number(major_unit(chart.values))}"/>'
    return (f'<c:catAx><c:axId val="{cat_id}"/><c:scaling><c:orientation val="{orientation}"/>'
            f'</c:scaling><c:delete val="0"/><c:axPos val="{cat_pos}"/>'
            '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/>'
            '<c:minorTickMark val="none"/><c:tickLblPos val="low"/>'
            f'<c:spPr><a:noFill/>{_line(AXIS)}</c:spPr>{_text_props(8, font)}'
            f'<c:crossAx val="{val_id}"/><c:crosses val="autoZero"/><c:auto val="1"/>'
            '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
            f'<c:valAx><c:axId val="{val_id}"/><c:scaling><c:orientation val="minMax"/>'
            f'</c:scaling><c:delete val="0"/><c:axPos val="{val_pos}"/>'
            f'<c:majorGridlines><c:spPr>{_line(GRID)}</c:spPr></c:majorGridlines>'
            f'<c:numFmt formatCode={fmt_code} sourceLinked="0"/><c:majorTickMark val="none"/>'
            '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
            f'<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>{_text_props(8, font)}'
            f'<c:crossAx val="{cat_id}"/><c:crosses val="{"max" if bars else "autoZero"}"/>'
            f'<c:crossBetween val="between"/>{unit}</c:valAx>')


def _bar_plot(chart: Chart, font: str, series_name: str) -> str:
    above, below = _scheme("accent1"), _scheme("accent2")
    points = "".join(f'<c:dPt><c:idx val="{i}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/>'
                     f'<c:spPr><a:solidFill>{below}</a:solidFill></c:spPr></c:dPt>'
                     for i, v in enumerate(chart.values) if v is not None and v < 0)
    cat_id, val_id = AXIS_IDS
    return ('<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/>'
            '<c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/>'
            f'{_series_name(series_name)}<c:spPr><a:solidFill>{above}</a:solidFill></c:spPr>'
            f'<c:invertIfNegative val="0"/>{points}{_data_labels(chart, font, "outEnd")}'
            f'{_series_data(chart, series_name)}</c:ser><c:gapWidth val="60"/>'
            f'<c:axId val="{cat_id}"/><c:axId val="{val_id}"/></c:barChart>')


def _line_plot(chart: Chart, font: str, series_name: str) -> str:
    colour = _scheme("tx2")
    last = max((i for i, v in enumerate(chart.values) if v is not None), default=0)
    # a forecast point: the segment leading to it is dashed (a point's line format is its
    # incoming segment)
    forecast = (f'<c:dPt><c:idx val="{last}"/><c:marker><c:symbol val="circle"/>'
                f'<c:size val="5"/><c:spPr><a:noFill/>{_line(colour, 15875)}</c:spPr></c:marker>'
                f'<c:bubble3D val="0"/><c:spPr>{_line(colour, 19050, "dash")}</c:spPr></c:dPt>'
                if chart.last_is_forecast else "")
    cat_id, val_id = AXIS_IDS
    return ('<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/><c:ser>'
            f'<c:idx val="0"/><c:order val="0"/>{_series_name(series_name)}'
            f'<c:spPr>{_line(colour, 22225)}</c:spPr><c:marker><c:symbol val="circle"/>'
            f'<c:size val="5"/><c:spPr><a:solidFill>{colour}</a:solidFill>{_line(colour)}'
            f'</c:spPr></c:marker>{forecast}{_data_labels(chart, font, "t")}'
            f'{_series_data(chart, series_name)}<c:smooth val="0"/></c:ser>'
            '<c:marker val="1"/>'
            f'<c:axId val="{cat_id}"/><c:axId val="{val_id}"/></c:lineChart>')


def chart_space_xml(chart: Chart, font: str, workbook_rid: str) -> bytes:
    bars = chart.kind == "bars"
    series_name = (chart.unit or chart.title) if bars else chart.title
    plot = _bar_plot(chart, font, series_name) if bars else _line_plot(chart, font, series_name)
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<c:chartSpace xmlns:c="{C_NS}" xmlns:a="{A_NS}" xmlns:r="{R_NS}">'
           '<c:date1904 val="0"/><c:lang val="sv-SE"/><c:roundedCorners val="0"/>'
           '<c:chart><c:autoTitleDeleted val="1"/>'
           f'<c:plotArea><c:layout/>{plot}{_axes(chart, font, bars)}'
           '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:plotArea>'
           '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
           '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>'
           f'{_text_props(8, font)}'
           f'<c:externalData r:id="{workbook_rid}"><c:autoUpdate val="0"/></c:externalData>'
           '</c:chartSpace>')
    return xml.encode("utf-8")


# --- into the document ----------------------------------------------------------------------

def inline_xml(chart: Chart, rid: str, number: int, style_id: str | None) -> str:
    """A paragraph holding the chart, as body XML (docPr ids are renumbered by docxtpl)."""
    width, height = (round(cm * EMU_PER_CM) for cm in size_cm(chart))
    style = f'<w:pStyle w:val="{style_id}"/>' if style_id else ""
    props = f"<w:pPr>{style}<w:keepNext/></w:pPr>"  # the chart stays with its caption
    return (f'<w:p>{props}<w:r><w:drawing><wp:inline xmlns:wp="{WP_NS}" distT="0" distB="0" '
            f'distL="0" distR="0"><wp:extent cx="{width}" cy="{height}"/>'
            '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="{number}" name="Diagram {number}" descr={quoteattr(chart.alt_text)} '
            f'title={quoteattr(chart.title[:80])}/><wp:cNvGraphicFramePr/>'
            f'<a:graphic xmlns:a="{A_NS}"><a:graphicData uri="{C_NS}">'
            f'<c:chart xmlns:c="{C_NS}" xmlns:r="{R_NS}" r:id="{rid}"/></a:graphicData>'
            '</a:graphic></wp:inline></w:drawing></w:r></w:p>')


def add_chart(document_part, chart: Chart, font: str) -> str:
    """Adds the chart part and its workbook to the document; returns the relationship id."""
    from docx.opc.part import Part

    package = document_part.package
    chart_name = package.next_partname("/word/charts/chart%d.xml")
    book_name = package.next_partname("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx")
    series_name = (chart.unit or chart.title) if chart.kind == "bars" else chart.title
    book = Part(book_name, XLSX_CT, workbook_bytes(chart, series_name), package)
    chart_part = Part(chart_name, CHART_CT, b"", package)
    book_rid = chart_part.relate_to(book, RT_PACKAGE)
    chart_part._blob = chart_space_xml(chart, font, book_rid)
    return document_part.relate_to(chart_part, RT_CHART)


def drop_unused(document_part, body) -> None:
    """Charts a template converted but did not place (e.g. only tested in an `{% if %}`)."""
    used = {el.get(f"{{{R_NS}}}id") for el in body.iter(f"{{{C_NS}}}chart")}
    for rid, rel in list(document_part.rels.items()):
        if rel.reltype == RT_CHART and rid not in used:
            document_part.rels.pop(rid)


def default_font(document) -> str:
    """The font the body text uses; the theme's minor font when the template names none."""
    return wordxml.default_font(document.styles.element) or "+mn-lt"
