"""Model: record sheets (`Poster <namn>`) and how they are grouped (`Postgrupper`).

A record sheet's columns are the kommun's own: every header is a field, every row a record, in
sheet order. The nämnd's sheet `Postgrupper` names the columns that group a sheet's records
(`Målområde › KF-mål › Åtagande`); grouping itself is computed (compute/records.py) and
checked by validate, so reading only keeps the cells and their addresses.
"""

from __future__ import annotations

from . import cells
from ..contract.findings import Findings
from ..contract.model import RecordCell, RecordDeclaration, RecordRow, RecordSheet, Source
from ..contract.sheets import DELAR, GROUP_SEPARATORS, POSTGRUPPER, RECORDS
from .load import SheetReader
from .tables import _letter_order, _unique, sheets_with_prefix
from .workbook import RawSheet, RawWorkbook


def _parsed(sheet: RawSheet, cell, findings: Findings, read=cells.text) -> str:
    try:
        return read(cell)
    except cells.CellError as err:
        findings.add(err.rule, file=sheet.file, sheet=sheet.title, cell=cell.coord,
                     found=err.found, expected=err.expected)
        return ""


def read_record_sheet(name: str, sheet: RawSheet, findings: Findings) -> RecordSheet:
    letters = sorted(sheet.headers, key=_letter_order)
    titles = {letter: _parsed(sheet, sheet.headers[letter], findings) for letter in letters}
    headed = [letter for letter in letters if titles[letter]]
    record = RecordSheet(name=name, headers=[titles[letter] for letter in headed],
                         header_cells={titles[letter]: sheet.headers[letter].coord
                                       for letter in headed},
                         source=Source(file=sheet.file, sheet=sheet.title))
    for raw in sheet.rows:
        texts = {titles[letter]: RecordCell(text=text, cell=cell.coord)
                 for letter, cell in raw.cells.items()
                 if letter in headed and (text := _parsed(sheet, cell, findings, cells.rich_text))}
        if texts:
            findings.name_row(sheet.file, sheet.title, raw.number, _row_name(texts))
            record.rows.append(RecordRow(number=raw.number, cells=texts))
    return record


def _row_name(texts: dict[str, RecordCell]) -> str:
    """What names a row in a message: its first text that is more than a number (a
    målområde's `1` names nothing)."""
    values = [c.text for c in texts.values()]
    return next((v for v in values if not v.replace(",", "").replace(".", "").isdigit()),
                values[0])


def read_record_sheets(book: RawWorkbook, findings: Findings) -> list[RecordSheet]:
    return [read_record_sheet(name, sheet, findings)
            for name, sheet in _unique(sheets_with_prefix(book, RECORDS.title), findings)]


def _names(text: str) -> list[str]:
    return [name for name in GROUP_SEPARATORS.split(text or "") if name.strip()]


def read_declarations(book: RawWorkbook, findings: Findings) -> list[RecordDeclaration]:
    """The rows of the nämnd's `Postgrupper`, if it has one."""
    sheet = book.sheet(POSTGRUPPER.title)
    if sheet is None:
        return []
    reader = SheetReader(sheet, POSTGRUPPER.columns, 0, DELAR, findings)
    found = []
    for row, values in reader.rows():
        name = (reader.convert(values, "sheet", cells.text) or "").strip()
        if name.casefold().startswith(RECORDS.title.casefold()):
            name = name[len(RECORDS.title):].strip()
        found.append(RecordDeclaration(
            sheet=name, groups=_names(reader.convert(values, "groups", cells.text) or ""),
            required=_names(reader.convert(values, "required", cells.text) or ""),
            source=reader.source(row, values)))
    return found
