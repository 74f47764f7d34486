"""Read: the report folder's workbooks → raw rows with their cell addresses.

Nothing here knows what a sheet means; the model layer maps headers to fields.
"""

from __future__ import annotations

import re
from contextlib import contextmanager, nullcontext
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Union

from ..contract import rich
from ..contract.findings import (Findings, R01_BLAD_LIKA_NAMN, R01_EJ_XLSX, R01_FEL_FILTYP,
                                 R01_FOR_STOR, R01_STRICT)
from ..contract.vocab import normalize, template_key  # noqa: F401  (re-exported)

NOT_XLSX_SUFFIXES = {".xls", ".xlsm", ".xlsb", ".ods", ".csv", ".xltx", ".xltm", ".numbers"}
MARKED_SUFFIX = " (granskad)"
# content rows read from one sheet: a report has at most a few thousand, and reading 100 000
# took minutes
MAX_ROWS = 10_000
# A report workbook is a few hundred kB. The limits keep a wrong or hostile file from taking
# minutes or gigabytes before it is refused (peak memory stays well under 1 GB).
MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024  # all parts of the zip together, unpacked
MAX_SHARED_STRINGS_BYTES = 100 * 1024 * 1024  # openpyxl keeps every shared string in memory
MAX_RATIO = 200  # unpacked/packed for a part over 10 MB: a zip bomb, not a spreadsheet
STRICT_NAMESPACE = b"purl.oclc.org/ooxml"
# a formula element not followed by a value with content: `<f>…</f></c>`, `<f/><v/>`,
# `<f>…</f><v></v>`
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
    rich: str | None = None  # bold and italic runs of a rich-text cell, marked (contract.rich)


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
    hidden_cells: list[str] = field(default_factory=list)  # first cell of each hidden row or
    # column with content: read like the others, though Excel does not show them
    read: bool = True  # False: a sheet the contract does not use; only its name is known


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


def _has_formula_without_value(archive: zipfile.ZipFile, sheet_path: str) -> bool:
    """Whether any formula lacks a saved value, read in pieces (sheets can be large)."""
    overlap = 64 * 1024  # longer than any formula cell's XML
    tail = b""
    with archive.open(sheet_path.lstrip("/")) as stream:
        while chunk := stream.read(4 * 1024 * 1024):
            window = tail + chunk
            if b"<f" not in window and b":f" not in window:
                pass  # no formula element at all (`<f`, `<x:f`): no need of the pattern
            elif _FORMULA_WITHOUT_VALUE.search(window):
                return True
            tail = window[-overlap:]
    return False


def _uncached_formulas(archive: zipfile.ZipFile, sheet_path: str) -> dict[str, str]:
    """Cells with a formula but no saved value: openpyxl's data_only mode shows them as empty.
    A formula whose result is the empty text (`=OM(…;"";…)`) has its value: it is empty."""
    from lxml import etree

    found: dict[str, str] = {}
    if not _has_formula_without_value(archive, sheet_path):
        return found  # the common case: every formula has its value (or there are none)
    with archive.open(sheet_path.lstrip("/")) as stream:
        for _, element in etree.iterparse(stream, tag=f"{NS_MAIN}c", resolve_entities=False,
                                          no_network=True):
            formula = element.find(f"{NS_MAIN}f")
            value = element.find(f"{NS_MAIN}v")
            empty_text = element.get("t") == "str" and value is not None
            if formula is not None and not empty_text and (value is None or value.text is None):
                found[element.get("r")] = "=" + (formula.text or "")
            element.clear()
    return found


def _read_sheet(ws, file_name: str, uncached: dict[str, str]) -> RawSheet:
    from openpyxl.utils import get_column_letter

    headers: dict[str, RawCell] = {}
    rows: list[RawRow] = []
    formula_rows = {int(re.sub(r"\D", "", coord)) for coord in uncached}
    number_format = _number_formats(ws)
    hidden = _Hidden()
    for row_index, row in _parsed_rows(ws, hidden):
        if row_index not in formula_rows and all(cell["value"] is None for cell in row):
            continue  # a row of empty cells (only formatted, say)
        cells: dict[str, RawCell] = {}
        for cell in row:
            value, rich = cell["value"], None
            kind = type(value)
            if kind is str:  # the common cells first, without a call for each
                blank = not value.strip()
            elif kind is int or kind is float or kind is bool:
                blank = False
            else:
                value, rich = _plain_and_rich(value)
                blank = _is_blank(value)
            if blank and not uncached:
                continue  # blank, and no formula anywhere in the sheet
            letter = get_column_letter(cell["column"])
            coord = f"{letter}{row_index}"
            formula = uncached.get(coord) if uncached else None
            if blank and formula is None:
                continue
            cells[letter] = RawCell(value, coord, number_format(cell["style_id"]) or "General",
                                    cell["data_type"], formula, rich)
        if row_index == 1:
            headers = cells
        elif cells:
            if len(rows) == MAX_ROWS:
                return RawSheet(file_name, ws.title, headers, rows, _hidden(ws), truncated=True,
                                hidden_cells=hidden.with_content(headers, rows))
            rows.append(RawRow(row_index, cells))
            if hidden.row:
                hidden.rows.append(row_index)
    return RawSheet(file_name, ws.title, headers, rows, _hidden(ws),
                    hidden_cells=hidden.with_content(headers, rows))


@dataclass
class _Hidden:
    """The hidden rows and columns the parser met (a filter hides rows too)."""
    row: bool = False  # the row being read
    rows: list[int] = field(default_factory=list)  # hidden rows with content
    columns: dict[str, dict] = field(default_factory=dict)  # the parser's column attributes

    def with_content(self, headers: dict[str, RawCell], rows: list[RawRow]) -> list[str]:
        from openpyxl.utils import column_index_from_string, get_column_letter

        first = [next(iter(r.cells.values())).coord for r in rows if r.number in self.rows]
        hidden = {get_column_letter(index) for attrs in self.columns.values()
                  if attrs.get("hidden") in ("1", "true")
                  for index in range(int(attrs.get("min", 0)), int(attrs.get("max", 0)) + 1)}
        used = {letter for r in rows for letter in r.cells} | set(headers)
        first += [f"{letter}1" for letter in sorted(hidden & used, key=column_index_from_string)]
        return first


def _parsed_rows(ws, hidden: _Hidden | None = None):
    """(row number, the cells' dicts) of each row `ws.iter_rows()` gives, from openpyxl's parser
    itself: no ReadOnlyCell per cell, no empty cells and rows filled in. The same range: the
    sheet's stated size, and a row out of order (not after the one before) left out."""
    from openpyxl.worksheet._reader import WorkSheetParser

    book = ws.parent
    last_row, last_column = ws.max_row, ws.max_column
    previous = 0
    with ws._get_source() as source:
        parser = WorkSheetParser(source, ws._shared_strings, data_only=book.data_only,
                                 epoch=book.epoch, date_formats=book._date_formats,
                                 timedelta_formats=book._timedelta_formats, rich_text=True)
        for index, cells in parser.parse():
            if last_row is not None and index > last_row:
                break
            if index <= previous:
                continue
            previous = index
            if hidden is not None:
                attrs = parser.row_dimensions.get(str(index)) or {}
                hidden.row = attrs.get("hidden") in ("1", "true")
                hidden.columns = parser.column_dimensions
            yield index, _placed(cells, last_column or (cells[-1]["column"] if cells else 0))


def _placed(cells: list[dict], width: int) -> list[dict]:
    """A row's cells as iter_rows places them: by column, up to `width`, the last of two cells
    in one column."""
    by_column = {cell["column"]: cell for cell in cells if 1 <= cell["column"] <= width}
    return [by_column[column] for column in sorted(by_column)]


def _number_formats(ws) -> Callable[[int], str]:
    """A cell's number format by its style index, each looked up once in the styles."""
    from openpyxl.cell.read_only import ReadOnlyCell

    found: dict[int, str] = {}

    def number_format(style_id: int) -> str:
        if style_id not in found:
            found[style_id] = ReadOnlyCell(ws, 1, 1, None, style_id=style_id).number_format
        return found[style_id]

    return number_format


_PLAIN_TYPES = (str, int, float, bool)


def _plain_and_rich(value: object) -> tuple[object, str | None]:
    """A rich-text cell's plain text, and its runs marked when any is bold or italic."""
    if value is None or type(value) in _PLAIN_TYPES:
        return value, None  # most cells: no import statement run for each
    from openpyxl.cell.rich_text import CellRichText

    if not isinstance(value, CellRichText):
        return value, None
    runs = [(str(block.text if hasattr(block, "text") else block),
             bool(getattr(getattr(block, "font", None), "b", False)),
             bool(getattr(getattr(block, "font", None), "i", False))) for block in value]
    plain = "".join(text for text, _, _ in runs)
    return plain, rich.marked(runs) if any(b or i for _, b, i in runs) else None


def _hidden(ws) -> bool:
    return getattr(ws, "sheet_state", "visible") != "visible"


def _size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB".replace(".", ",")


def zip_too_large(path: Path, archive: zipfile.ZipFile | None = None) -> str | None:
    """How large a file or its unpacked zip is, when too large to be a report's workbook or
    template (None when fine or not a zip). Reads only the zip's directory (of `archive`, the
    file opened already, when given)."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return _size_text(size)
    if archive is not None:
        infos = archive.infolist()
    else:
        try:
            with zipfile.ZipFile(path) as opened:
                infos = opened.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
            return None
    unpacked = sum(i.file_size for i in infos)
    bomb = any(i.file_size > 10 * 1024 * 1024 and i.file_size > MAX_RATIO * max(i.compress_size, 1)
               for i in infos)
    strings = sum(i.file_size for i in infos if i.filename.lower().endswith("sharedstrings.xml"))
    if unpacked > MAX_UNCOMPRESSED_BYTES or bomb or strings > MAX_SHARED_STRINGS_BYTES:
        return f"{_size_text(unpacked)} uppackad"
    return None


def _is_strict(archive: zipfile.ZipFile) -> bool:
    try:
        info = archive.getinfo("_rels/.rels")
        return info.file_size < 1024 * 1024 and STRICT_NAMESPACE in archive.read(info)
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, KeyError):
        return False


def refuse_unsafe(path: Path, findings: Findings) -> bool:
    """Size, zip and format checks before any parsing; True (with a finding) when the file is
    refused. Reads only the file's head and the zip's directory, never the whole file; the zip
    is opened once for both."""
    try:
        archive: zipfile.ZipFile | None = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        archive = None  # no zip at all: openpyxl's attempt says what it is
    try:
        too_large = zip_too_large(path, archive)
        if too_large:
            findings.add(R01_FOR_STOR, file=path.name, found=too_large,
                         expected=f"{_size_text(MAX_FILE_BYTES)} packad eller "
                                  f"{_size_text(MAX_UNCOMPRESSED_BYTES)} uppackad")
            return True
        if archive is not None and _is_strict(archive):
            findings.add(R01_STRICT, file=path.name)
            return True
        return False
    finally:
        if archive is not None:
            archive.close()


Wanted = Union[set, Callable[[str], bool], None]  # sheet titles (normalized) to parse


def is_wanted(wanted: Wanted, key: str) -> bool:
    if wanted is None:
        return True
    return wanted(key) if callable(wanted) else key in wanted


@contextmanager
def _sized_only(wanted: Wanted):
    """openpyxl reads a sheet to its end to learn its size when the sheet does not state it
    (a pasted ledger saved by another program): let it do so only for the sheets we read."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    original = ReadOnlyWorksheet._get_size

    def get_size(sheet) -> None:
        if is_wanted(wanted, normalize(sheet.title)):
            original(sheet)

    ReadOnlyWorksheet._get_size = get_size
    try:
        yield
    finally:
        ReadOnlyWorksheet._get_size = original


def read_workbook(path: Path, findings: Findings, wanted: Wanted = None) -> RawWorkbook | None:
    """The sheets of one .xlsx, cached values only; None (with a finding) if it cannot be read.
    Sheets whose normalized title is not in `wanted` are never parsed: only their names are
    kept (`read=False`)."""
    import openpyxl

    if refuse_unsafe(path, findings):
        return None
    try:
        with _sized_only(wanted):
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True, rich_text=True)
    except Exception as exc:  # openpyxl raises many kinds for broken or foreign files
        findings.add(R01_EJ_XLSX, file=path.name, found=_describe_unreadable(path, exc))
        return None
    book = RawWorkbook(path)
    if not wb.worksheets:  # a damaged workbook.xml lists none
        wb.close()
        findings.add(R01_EJ_XLSX, file=path.name, found="filen är skadad (den har inga blad)")
        return None
    try:
        # the zip openpyxl keeps open in read-only mode (opened again only if it has none)
        kept = getattr(wb, "_archive", None)
        with nullcontext(kept) if kept is not None else zipfile.ZipFile(path) as archive:
            for ws in wb.worksheets:
                key = normalize(ws.title)
                if key in book.sheets:  # `Ekonomi` and `ekonomi ` (or in NFD): which one?
                    findings.add(R01_BLAD_LIKA_NAMN, file=path.name, sheet=ws.title,
                                 found=ws.title, expected=book.sheets[key].title)
                    continue
                if not is_wanted(wanted, key):
                    book.sheets.setdefault(key, RawSheet(path.name, ws.title, {}, [], read=False))
                    continue
                sheet_path = getattr(ws, "_worksheet_path", None)
                uncached = _uncached_formulas(archive, sheet_path) if sheet_path else {}
                book.sheets[key] = _read_sheet(ws, path.name, uncached)
    except Exception as exc:
        findings.add(R01_EJ_XLSX, file=path.name, found=_describe_unreadable(path, exc))
        return None
    finally:
        wb.close()
    return book


def _describe_unreadable(path: Path, exc: Exception) -> str:
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError:
        head = b""
    if isinstance(exc, PermissionError):
        return "filen kan inte öppnas: den är låst av ett annat program eller saknar läsbehörighet"
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
            findings.add(R01_FEL_FILTYP, file=name, found=suffix)
    return paths


def read_folder(folder: Path, findings: Findings,
                wanted: Wanted = None) -> list[RawWorkbook]:
    books = []
    for path in workbook_paths(folder, findings):
        book = read_workbook(path, findings, wanted)
        if book is not None:
            books.append(book)
    return books
