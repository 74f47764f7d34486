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
from helpers import REPO, SHARED, W


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
# --- read.xlsx: openpyxl's loading without what the tool never reads --------------------------

def _shipped_workbooks() -> list[Path]:
    paths = sorted((REPO / "inputs").rglob("*.xlsx"))
    if SHARED.is_dir():
        paths += sorted((SHARED / "fixtures").rglob("*.xlsx"))
    return paths


def _openpyxl_cells(path: Path) -> dict[str, dict[str, tuple]]:
    """Sheet → {coordinate: (plain value, number format, data type)} of every cell with a
    value, as openpyxl's own read-only loading gives them."""
    from openpyxl.cell.rich_text import CellRichText

    book = openpyxl.load_workbook(path, read_only=True, data_only=True, rich_text=True)
    sheets: dict[str, dict[str, tuple]] = {}
    for ws in book.worksheets:
        cells = sheets.setdefault(ws.title, {})
        for row in ws.iter_rows():
            for cell in row:
                value = getattr(cell, "value", None)
                if isinstance(value, CellRichText):
                    value = "".join(str(getattr(block, "text", block)) for block in value)
                if value is not None and not (isinstance(value, str) and not value.strip()):
                    cells[cell.coordinate] = (value, cell.number_format, cell.data_type)
    book.close()
    return sheets


def test_every_cell_of_every_shipped_workbook_is_read_as_openpyxl_reads_it():
    paths = _shipped_workbooks()
    assert len(paths) > 20
    for path in paths:
        raw = read_workbook(path, Findings())
        assert raw is not None, path
        expected = _openpyxl_cells(path)
        for sheet in raw.sheets.values():
            if not sheet.read:
                continue
            read = {cell.coord: (cell.value, cell.number_format, cell.data_type)
                    for row in [sheet.headers, *(r.cells for r in sheet.rows)]
                    for cell in row.values()}
            assert read == expected[sheet.title], (path, sheet.title)


STYLES = """<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="6"><numFmt numFmtId="164" formatCode="0.00"/><numFmt numFmtId="165"
formatCode="yyyy-mm-dd"/><numFmt numFmtId="166" formatCode="[h]:mm:ss"/><numFmt numFmtId="167"
formatCode="#,##0 &quot;kr&quot;"/><numFmt numFmtId="168" formatCode="yyyy-mm-dd"/>
<numFmt numFmtId="169" formatCode="0 %"/></numFmts>
<cellXfs count="11"><xf/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/>
<xf numFmtId="167"/><xf numFmtId="168"/><xf numFmtId="14"/><xf numFmtId="46"/><xf numFmtId="3"/>
<xf numFmtId="200"/><xf numFmtId="169"/></cellXfs></styleSheet>"""


def test_number_formats_are_decided_as_openpyxl_decides_them():
    """Custom codes that are built-in ones, dates, durations, one code under two ids, an id
    no numFmt declares: the cheap reading of styles.xml and openpyxl's whole stylesheet agree,
    for a crafted stylesheet and every shipped workbook's."""
    from openpyxl.styles.stylesheet import Stylesheet
    from openpyxl.xml.functions import fromstring

    from assembler.read.xlsx import NumberFormats

    def both(xml: bytes) -> tuple[NumberFormats, NumberFormats]:
        return (NumberFormats._read(fromstring(xml)),
                NumberFormats._of_stylesheet(Stylesheet.from_tree(fromstring(xml))))

    sources = [STYLES.encode()]
    for path in _shipped_workbooks():
        with zipfile.ZipFile(path) as archive:
            sources.append(archive.read("xl/styles.xml"))
    for xml in sources:
        cheap, full = both(xml)
        assert (cheap.ids, cheap.custom, cheap.dates, cheap.timedeltas) == \
               (full.ids, full.custom, full.dates, full.timedeltas)
    cheap, _ = both(STYLES.encode())
    assert [cheap(index) for index in range(9)] == [
        "General", "0.00", "yyyy-mm-dd", "[h]:mm:ss", '#,##0 "kr"', "yyyy-mm-dd", "mm-dd-yy",
        "[h]:mm:ss", "#,##0"]
    assert cheap.dates == {2, 3, 5, 6, 7} and cheap.timedeltas == {3, 7}


def test_a_stylesheet_of_another_shape_is_read_by_openpyxl():
    from openpyxl.xml.functions import fromstring

    from assembler.read.xlsx import NumberFormats

    odd = STYLES.replace('<numFmt numFmtId="169" formatCode="0 %"/>', '<numFmt numFmtId="169"/>')
    try:
        NumberFormats._read(fromstring(odd.encode()))
    except LookupError:
        pass  # what has no formatCode is left to openpyxl, which refuses it
    else:
        raise AssertionError("read a numFmt without its code")


SHARED_STRINGS = [
    "<si><t>Enhet</t></si>", '<si><t xml:space="preserve"> två  </t></si>', "<si><t/></si>",
    "<si><t>a_x005F_b</t></si>", "<si><r><t>plain run</t></r></si>",
    "<si><r><rPr><b/></rPr><t>fet</t></r><r><t> och vanlig</t></r></si>",
    '<si><t>Namn</t><rPh sb="0" eb="1"><t>ナ</t></rPh><phoneticPr fontId="1"/></si>', "<si/>",
    "<si><r><rPr><i/></rPr><t/></r></si>",
]


def test_shared_strings_are_read_as_openpyxl_reads_rich_text():
    import io

    from openpyxl.reader.strings import read_rich_text

    from assembler.read.xlsx import read_shared_strings

    xml = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           + "".join(SHARED_STRINGS) + "</sst>").encode()
    ours = read_shared_strings(io.BytesIO(xml))
    theirs = read_rich_text(io.BytesIO(xml))
    assert [(type(s), repr(s)) for s in ours] == [(type(s), repr(s)) for s in theirs]
    assert ours[:4] == ["Enhet", " två  ", "", "a_b"]


def _sheet_xml(rows: str, dimension: str = "") -> bytes:
    return ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'{dimension}<sheetData>{rows}</sheetData></worksheet>').encode()


def test_the_sheet_parser_gives_openpyxls_cells_and_finds_formulas_without_a_value():
    import io

    from openpyxl.worksheet._reader import WorkSheetParser

    from assembler.read.xlsx import NumberFormats, SheetParser

    inline = "".join(f'<c r="{chr(65 + i)}1" t="inlineStr"><is>{s[4:-5]}</is></c>'
                     for i, s in enumerate(SHARED_STRINGS))
    rows = (f'<row r="1">{inline}</row><row r="2"><c r="A2"><f>1+1</f></c>'
            '<c r="B2"><f>2*2</f><v>4</v></c><c r="C2" t="str"><f>IF(1,"","x")</f><v></v></c>'
            '<c r="D2"><f t="shared" si="0"/><v/></c><c r="E2" t="e"><f>1/0</f><v>#DIV/0!</v>'
            '</c><c r="F2"><f/></c><c r="G2" t="inlineStr"><is><t>x</t></is></c></row>'
            '<row r="3"><c><f>3</f></c><c><v>7</v></c></row>')
    xml = _sheet_xml(rows, '<dimension ref="A1:I3"/>')
    ours = SheetParser(io.BytesIO(xml), [], openpyxl.utils.datetime.WINDOWS_EPOCH,
                       NumberFormats.default())
    theirs = WorkSheetParser(io.BytesIO(xml), [], data_only=True, rich_text=True)
    assert [repr(row) for row in ours.parse()] == [repr(row) for row in theirs.parse()]
    assert ours.uncached == {(2, 1): "=1+1", (2, 4): "=", (2, 6): "=", (3, 1): "=3"}
    assert ours.dimensions == (1, 1, 9, 3)


def test_a_size_stated_after_the_rows_is_no_size():
    import io

    from assembler.read.xlsx import NumberFormats, SheetParser

    xml = _sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>').replace(
        b"</sheetData>", b'</sheetData><dimension ref="A1"/>')
    parser = SheetParser(io.BytesIO(xml), [], openpyxl.utils.datetime.WINDOWS_EPOCH,
                         NumberFormats.default())
    assert len(list(parser.parse())) == 1 and parser.dimensions is None


def test_a_workbook_is_refused_for_the_same_damage_as_before(tmp_path):
    """The parts the reader no longer uses are read as openpyxl reads them where damage
    refused the workbook: a broken docProps/core.xml still does; a broken styles.xml too."""
    import shutil

    from helpers import EXAMPLE, patch_zip

    for member in ("docProps/core.xml", "xl/styles.xml"):
        path = tmp_path / f"{member.replace('/', '_')}.xlsx"
        shutil.copy(EXAMPLE / "Bibliotek.xlsx", path)
        patch_zip(path, member, lambda xml: xml[:len(xml) // 2])
        findings = Findings()
        assert read_workbook(path, findings) is None
        assert [(f.code, f.found) for f in findings] == [
            ("R01-EJ-XLSX", "filen är skadad (XMLSyntaxError)")]
