"""Word-native charts: chart parts with the series values, alt text and an embedded workbook."""

from __future__ import annotations

import io
import posixpath
import zipfile
from decimal import Decimal

import pytest
from lxml import etree
from openpyxl import load_workbook

from assembler.render import chartxml
from assembler.compute.tables import Chart
from helpers import RAPPORT, minimal_folder, render_fast, write_workbook

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def _rels(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    folder, name = posixpath.split(part)
    rels = etree.fromstring(archive.read(f"{folder}/_rels/{name}.rels"))
    return {r.get("Id"): posixpath.normpath(posixpath.join(folder, r.get("Target")))
            for r in rels.iter(PKG_REL)}


def charts_in(path) -> list[dict]:
    """Each chart in the body, in order: alt text, title, values, labels, workbook rows."""
    archive = zipfile.ZipFile(path)
    body = etree.fromstring(archive.read("word/document.xml"))
    document_rels = _rels(archive, "word/document.xml")
    found = []
    for doc_pr in body.iter(DOC_PR):
        graphic = doc_pr.getparent()
        reference = next(graphic.iter(f"{C}chart"), None)
        if reference is None:
            continue
        part = document_rels[reference.get(R_ID)]
        space = etree.fromstring(archive.read(part))
        book_part = _rels(archive, part)[space.find(f"{C}externalData").get(R_ID)]
        sheet = load_workbook(io.BytesIO(archive.read(book_part))).active
        found.append({
            "alt": doc_pr.get("descr"),
            "title": doc_pr.get("title"),
            "labels": [v.text for v in space.iter(f"{C}cat") for v in v.iter(f"{C}v")],
            "values": [Decimal(v.text) for v in space.iter(f"{C}val") for v in v.iter(f"{C}v")],
            "rows": [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)],
            "content_types": archive.read("[Content_Types].xml").decode(),
            "part": part,
        })
    return found


def test_deviation_chart_is_a_word_chart_with_its_data(tmp_path):
    result = render_fast(minimal_folder(tmp_path / "in"), tmp_path / "ut")
    [chart] = charts_in(result.written[0])
    assert chart["title"].startswith("Avvikelse mot budget per verksamhet (prognos 2024")
    assert chart["alt"].startswith("Stapeldiagram över avvikelse mot budget per verksamhet")
    assert len(chart["labels"]) == len(chart["values"]) >= 2
    # the bars are the verksamheter's forecast deviations, and the workbook holds the same data
    assert "Verksamhet Alfa" in chart["labels"]
    alfa = chart["values"][chart["labels"].index("Verksamhet Alfa")]
    assert alfa == Decimal(-950 - 520) - Decimal(-1000 - 500)  # prognos − budget helår
    assert chart["rows"] == [[label, float(value)]
                             for label, value in zip(chart["labels"], chart["values"],
                                                     strict=False)]
    assert f'PartName="/{chart["part"]}"' in chart["content_types"]
    assert 'Extension="xlsx"' in chart["content_types"]


def test_a_five_year_chart_holds_the_row_with_its_decimals(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    five = [["Grupp", "Nyckeltal", "Nivå", "Utfall år-4", "Utfall år-3", "Utfall år-2",
             "Utfall år-1", "Prognos", "Kommentar", "Diagram"],
            ["Elever", "Antal elever", 0, 120, 130, 128.5, 140, 150, None, "Ja"]]
    write_workbook(folder / "nämnd.xlsx", {"Rapport": RAPPORT, "Fem år": five})
    result = render_fast(folder, tmp_path / "ut")
    assert result.ok, [f.message for f in result.findings]
    charts = charts_in(result.written[0])
    trend = next(c for c in charts if c["title"] == "Antal elever")
    assert trend["labels"] == ["2020", "2021", "2022", "2023", "2024"]
    assert trend["values"] == [Decimal(120), Decimal(130), Decimal("128.5"), Decimal(140),
                               Decimal(150)]
    assert trend["rows"][2] == ["2022", 128.5]
    assert trend["alt"].startswith("Linjediagram för Antal elever (sista värdet är en prognos)")


def test_a_missing_year_is_a_gap_in_the_line():
    chart = Chart("trend", ["2020", "2021", "2022"], [Decimal(1), None, Decimal(3)],
                  title="Elever", alt_text="Alt", unit="")
    space = etree.fromstring(chart_space_xml_of(chart))
    points = [p.get("idx") for p in space.find(f".//{C}val").iter(f"{C}pt")]
    assert points == ["0", "2"]
    assert space.find(f".//{C}dispBlanksAs").get("val") == "gap"


def chart_space_xml_of(chart: Chart) -> bytes:
    return chartxml.chart_space_xml(chart, "Arial", "rId1")


def test_chart_parts_and_workbook_are_deterministic():
    chart = Chart("bars", ["A", "B"], [Decimal("-12.5"), Decimal(40)], title="Avvikelse",
                  alt_text="Alt")
    assert chartxml.workbook_bytes(chart, "tkr") == chartxml.workbook_bytes(chart, "tkr")
    xml = chartxml.chart_space_xml(chart, "Arial", "rId1")
    assert xml == chartxml.chart_space_xml(chart, "Arial", "rId1")
    # only the bar below zero gets the second theme colour
    space = etree.fromstring(xml)
    assert [p.find(f"{C}idx").get("val") for p in space.iter(f"{C}dPt")] == ["0"]


def test_a_chart_the_template_does_not_place_leaves_no_part(tmp_path):
    from assembler.render.document import render
    from docx import Document

    template = tmp_path / "mall.docx"
    document = Document()
    document.add_paragraph("{% if diagram.avvikelse %}Diagram finns{% endif %}")
    document.save(template)
    from assembler.compute.context import build_context
    from assembler.contract.findings import Findings
    from assembler.app.report import prepare

    prepared = prepare(minimal_folder(tmp_path / "in"), Findings())
    data = render(template, build_context(prepared.report, prepared.economy), title="t",
                  subject="s", author="a", moment=None)
    names = zipfile.ZipFile(io.BytesIO(data.data)).namelist()
    assert not any(name.startswith("word/charts/") for name in names)


@pytest.mark.slow
def test_produced_report_passes_openxml_audit(tmp_path):
    audit = pytest.importorskip("openxml_audit")
    result = render_fast(minimal_folder(tmp_path / "in"), tmp_path / "ut")
    found = audit.OpenXmlValidator().validate(result.written[0])
    chart_errors = [str(e) for e in found.errors if "/charts/" in e.part_uri
                    or "embeddings" in e.part_uri or "document.xml" in e.part_uri]
    assert chart_errors == []


def test_output_check_reads_the_rendered_tree_as_it_would_the_file(tmp_path):
    from assembler.contract.findings import Findings
    from assembler.verify.output import check_document
    from assembler.app.report import prepare, render_documents

    prepared = prepare(minimal_folder(tmp_path / "in"), Findings())
    documents = render_documents(prepared.report, None, None, prepared.economy)
    for name, data in documents.items():
        assert data.body is not None
        from_tree, from_file = Findings(), Findings()
        check_document(data, name, [], from_tree)
        check_document(data.data, name, [], from_file)
        assert [f.message for f in from_tree] == [f.message for f in from_file]
