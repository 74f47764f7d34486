"""Read: the report folder's workbooks → raw rows with their cell addresses.

Nothing here knows what a sheet means; the model layer maps headers to fields.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .findings import Findings
from .vocab import normalize

NOT_XLSX_SUFFIXES = {".xls", ".xlsm", ".xlsb", ".ods", ".csv", ".xltx", ".xltm", ".numbers"}
MARKED_SUFFIX = " (granskad)"
MAX_ROWS = 100_000  # content rows read from one sheet; a report has at most a few thousand
# a formula element not followed by a value with content: `<f>…</f></c>`, `<f/><v/>`, `<f>…</f><v></v>`
_FORMULA_WITHOUT_VALUE = re.compile(
    rb"<(?:\w+:)?f\b[^>]*(?:/>|>[^<]*</(?:\w+:)?f>)\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?"
    rb"\s*</(?:\w+:)?c>")
NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@dataclass
class RawCell:
    value: object
    coord: str
    number_format: str = "General"
    data_type: str = "n"
    uncached_formula: str | None = None  # the formula, when Excel never saved its value


@dataclass
class RawRow:
    number: int
    cells: dict[str, RawCell]  # by column letter; empty cells are absent


@dataclass
class RawSheet:
    file: str
    title: str
    headers: dict[str, RawCell]  # by column letter, header text in .value
    rows: list[RawRow]
    hidden: bool = False
    truncated: bool = False  # more than MAX_ROWS rows with content: the rest was not read


@dataclass
class RawWorkbook:
    path: Path
    sheets: dict[str, RawSheet] = field(default_factory=dict)  # by normalized title

    @property
    def name(self) -> str:
        return self.path.name

    def sheet(self, title: str) -> RawSheet | None:
        return self.sheets.get(normalize(title))


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _uncached_formulas(archive: zipfile.ZipFile, sheet_path: str) -> dict[str, str]:
    """Cells with a formula but no saved value: openpyxl's data_only mode shows them as empty."""
    from lxml import etree

    found: dict[str, str] = {}
    with archive.open(sheet_path.lstrip("/")) as stream:
        raw = stream.read()
    if not _FORMULA_WITHOUT_VALUE.search(raw):
        return found  # the common case: every formula has its value (or there are none)
    with archive.open(sheet_path.lstrip("/")) as stream:
        for _, element in etree.iterparse(stream, tag=f"{NS_MAIN}c"):
            formula = element.find(f"{NS_MAIN}f")
            value = element.find(f"{NS_MAIN}v")
            if formula is not None and (value is None or value.text is None):
                found[element.get("r")] = "=" + (formula.text or "")
            element.clear()
    return found


def _read_sheet(ws, file_name: str, uncached: dict[str, str]) -> RawSheet:
    from openpyxl.utils import get_column_letter

    headers: dict[str, RawCell] = {}
    rows: list[RawRow] = []
    formula_rows = {int(re.sub(r"\D", "", coord)) for coord in uncached}
    for row_index, row in enumerate(ws.iter_rows(), start=1):
        if row_index not in formula_rows and all(cell.value is None for cell in row):
            continue  # openpyxl yields every empty row up to the last one: skip them cheaply
        cells: dict[str, RawCell] = {}
        for col_index, cell in enumerate(row, start=1):
            letter = get_column_letter(getattr(cell, "column", None) or col_index)
            coord = f"{letter}{row_index}"
            formula = uncached.get(coord)
            if _is_blank(cell.value) and formula is None:
                continue
            cells[letter] = RawCell(cell.value, coord, cell.number_format or "General",
                                    getattr(cell, "data_type", "n"), formula)
        if row_index == 1:
            headers = cells
        elif cells:
            if len(rows) == MAX_ROWS:
                return RawSheet(file_name, ws.title, headers, rows, _hidden(ws), truncated=True)
            rows.append(RawRow(row_index, cells))
    return RawSheet(file_name, ws.title, headers, rows, _hidden(ws))


def _hidden(ws) -> bool:
    return getattr(ws, "sheet_state", "visible") != "visible"


def read_workbook(path: Path, findings: Findings) -> RawWorkbook | None:
    """All sheets of one .xlsx, cached values only; None (with a finding) if it cannot be read."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for broken or foreign files
        findings.add("R01-EJ-XLSX", file=path.name, found=_describe_unreadable(path, exc))
        return None
    book = RawWorkbook(path)
    try:
        with zipfile.ZipFile(path) as archive:
            for ws in wb.worksheets:
                sheet_path = getattr(ws, "_worksheet_path", None)
                uncached = _uncached_formulas(archive, sheet_path) if sheet_path else {}
                book.sheets[normalize(ws.title)] = _read_sheet(ws, path.name, uncached)
    except Exception as exc:
        findings.add("R01-EJ-XLSX", file=path.name, found=_describe_unreadable(path, exc))
        return None
    finally:
        wb.close()
    return book


def _describe_unreadable(path: Path, exc: Exception) -> str:
    head = path.read_bytes()[:8] if path.is_file() else b""
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "filen är lösenordsskyddad eller i det gamla .xls-formatet"
    if not head:
        return "filen är tom"
    if not head.startswith(b"PK"):
        return "filen är inte en Excel-arbetsbok"
    return f"filen är skadad ({type(exc).__name__})"


def workbook_paths(folder: Path, findings: Findings) -> list[Path]:
    """The .xlsx files of a report folder, sorted; lock files and hidden files ignored."""
    paths = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        name = path.name
        if name.startswith(("~$", ".")) or not path.is_file():
            continue
        if path.stem.endswith(MARKED_SUFFIX):  # `validate --mark` copies, not inputs
            continue
        suffix = path.suffix.lower()
        if suffix == ".xlsx":
            paths.append(path)
        elif suffix in NOT_XLSX_SUFFIXES:
            findings.add("R01-FEL-FILTYP", file=name, found=suffix)
    return paths


def read_folder(folder: Path, findings: Findings) -> list[RawWorkbook]:
    books = []
    for path in workbook_paths(folder, findings):
        book = read_workbook(path, findings)
        if book is not None:
            books.append(book)
    return books
