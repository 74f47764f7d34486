"""The faster paths give what the plain ones gave: cells read straight from openpyxl's parser,
XML escaped without xml.sax, blank number cells found by XPath."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax import saxutils

import openpyxl

from assembler.contract.findings import Findings
from assembler.render import wordxml
from assembler.read.workbook import read_workbook
from assembler.verify.output import _check_table
from helpers import W


def test_escape_and_quoteattr_are_those_of_xml_sax():
    for text in ["a & b < c > d", 'say "hi"', "it's \"both\"", "tab\tnew\nline\rend", "&amp;",
                 ""]:
        assert wordxml.escape(text) == saxutils.escape(text)
        assert wordxml.quoteattr(text) == saxutils.quoteattr(text)


def _rewritten(path: Path, sheet_data: str, dimension: str) -> None:
    """The workbook's first sheet with `sheet_data` as its rows and `dimension` as its size."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    head = xml[:xml.index("<sheetData")]
    head = head.replace(head[head.index("<dimension"):head.index("/>", head.index("<dimension"))
                             + 2], f'<dimension ref="{dimension}"/>')
    parts["xl/worksheets/sheet1.xml"] = (head + f"<sheetData>{sheet_data}</sheetData>"
                                         + xml[xml.index("</sheetData>") + 12:]).encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)


def _as_iter_rows_reads(path: Path) -> dict[int, dict[str, object]]:
    """Row → {column letter: value} as openpyxl's iter_rows() shows the sheet."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows: dict[int, dict[str, object]] = {}
    for number, row in enumerate(book.worksheets[0].iter_rows(), start=1):
        values = {cell.column_letter: cell.value for cell in row
                  if getattr(cell, "value", None) is not None}
        if values:
            rows[number] = values
    book.close()
    return rows


def test_cells_out_of_order_twice_in_a_column_or_past_the_stated_size_read_as_openpyxl_does(
        tmp_path):
    path = tmp_path / "ark.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Ekonomi"
    book.active.append(["Enhet", "Utfall period"])
    book.save(path)
    # row 3 before row 2 (openpyxl leaves row 2 out), B given twice, D past the stated C,
    # row 5 past the stated 4
    _rewritten(path, '<row r="1"><c r="A1" t="inlineStr"><is><t>Enhet</t></is></c>'
                     '<c r="B1" t="inlineStr"><is><t>Utfall</t></is></c></row>'
                     '<row r="3"><c r="B3"><v>7</v></c><c r="A3" t="inlineStr"><is><t>Ett</t>'
                     '</is></c><c r="B3"><v>8</v></c><c r="D3"><v>9</v></c></row>'
                     '<row r="2"><c r="A2"><v>1</v></c></row>'
                     '<row r="5"><c r="A5"><v>5</v></c></row>', "A1:C4")
    raw = read_workbook(path, Findings())
    assert raw is not None
    sheet = raw.sheet("Ekonomi")
    read = {1: {letter: cell.value for letter, cell in sheet.headers.items()}}
    read.update({row.number: {letter: cell.value for letter, cell in row.cells.items()}
                 for row in sheet.rows})
    assert read == _as_iter_rows_reads(path) == {1: {"A": "Enhet", "B": "Utfall"},
                                                 3: {"A": "Ett", "B": 8}}
    assert list(sheet.rows[0].cells) == ["A", "B"]  # by column, as the sheet shows them


def test_a_number_cell_of_only_spaces_is_a_lost_figure():
    def cell(text: str, style: str = "Tabelltal") -> str:
        return (f'<w:tc><w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t>'
                f'</w:r></w:p></w:tc>')

    rows = [cell("Enhet", "Tabelltext") + cell("12"), cell("Ett", "Tabelltext") + cell("\u00a0 "),
            cell("Två", "Tabelltext") + cell("", "Tabelltext"), cell("Tre", "Tabelltext")
            + cell("\u2009")]
    table = wordxml.parse_leniently(f'<w:tbl xmlns:w="{W[1:-1]}">'
                                    + "".join(f"<w:tr>{row}</w:tr>" for row in rows) + "</w:tbl>")
    findings = Findings()
    _check_table(table, {"Tabelltal": "Tabelltal", "Tabelltext": "Tabelltext"}, "5.1",
                 "rapport.docx", 1, findings)
    assert [f.cell for f in findings] == ["tabell 1, rad 2", "tabell 1, rad 4"]


def test_docxtpl_patching_is_kept_between_runs_and_equal_to_docxtpls(tmp_path, monkeypatch):
    """A template part's docxtpl rewriting is kept in the cache folder, as its compiled code
    is: the same text as docxtpl's own, made once, and made again when the entry is damaged."""
    from docxtpl import DocxTemplate

    from assembler.app.report import TEMPLATES_DIR
    from assembler.render import cachedir
    from assembler.render.document import _patched

    monkeypatch.setattr(cachedir, "cache_folder", lambda: tmp_path)
    template = DocxTemplate(str(TEMPLATES_DIR / "rapport.docx"))
    template.init_docx()
    xml = template.get_xml()
    expected = DocxTemplate.patch_xml(template, xml)
    made = []

    def patch(source: str) -> str:
        made.append(source)
        return DocxTemplate.patch_xml(template, source)

    assert _patched(xml, patch) == _patched(xml, patch) == (expected, False)
    assert len(made) == 1
    for kept in (tmp_path / "docxtpl").iterdir():
        kept.write_bytes(b"\xff\xfe damaged")
    assert _patched(xml, patch) == (expected, False) and len(made) == 2
    loop = "<w:tc><w:p><w:r><w:t>{%tc for c in x %}</w:t></w:r></w:p></w:tc>"
    assert _patched(loop, patch)[1] is _patched(loop, patch)[1] is True


def test_a_tables_paragraphs_written_once_per_style_are_paragraph_xmls():
    """A table's cells are paragraphs made by `paragraphs_of` (their XML around the text
    written once per style): the same XML as `paragraph_xml` gives each."""
    texts = ["", "-343\u00a0531", "98%", " lead", "trail ", "a & b < c > d", "\t", "–"]
    for style in (None, "Tabelltal"):
        for char_style in (None, "Summarad"):
            for keep in (False, True):
                paragraph = wordxml.paragraphs_of(style, char_style, keep)
                for text in texts:
                    assert paragraph(text) == wordxml.paragraph_xml(text, style, char_style,
                                                                    keep_next=keep)


def test_a_tables_figures_formatted_by_column_are_the_cells_texts():
    """Each number column's figures are formatted by one function chosen for the column (an
    amount in tkr straight by `fmt.tkr`): the texts `_cell_text` gives cell by cell."""
    from decimal import Decimal as D

    from assembler.compute.tables import Column, ColumnKind, Row, RowKind, Table
    from assembler.render.document import _cell_text, _figure_texts

    columns = [Column("Utfall"), Column("Förbrukning", kind=ColumnKind.PERCENT),
               Column("Förändring", kind=ColumnKind.CHANGE), Column("Antal", kind=ColumnKind.COUNT),
               Column("Text", kind=ColumnKind.TEXT)]
    values = [D("-343531.5"), D("0.9549"), D("-0.042"), D("12"), "x"]
    for unit in ("tkr", "mnkr"):
        table = Table("Namn", columns, unit=unit, percent_decimals=1)
        table.rows = [Row("a", values), Row("b", [None, None, None, None, None], figures={}),
                      Row("c", [None, D("0.5"), None, None, None], partial=True),
                      Row("Rubrik", [], RowKind.TITLE), Row("kort", [D("2.5")])]
        expected = [{} if r.kind is RowKind.TITLE else
                    {i: _cell_text(v, c.kind, r, unit, 1)
                     for i, (v, c) in enumerate(zip(r.values, columns, strict=False)) if i < 4}
                    for r in table.rows]
        assert _figure_texts(table) == expected
        assert expected[0][0] == ("-343\u00a0532" if unit == "tkr" else "-343,5")
        assert expected[1][0] == "–" and expected[2][0] == ""
