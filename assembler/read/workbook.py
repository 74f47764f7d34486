"""Read: the report folder's workbooks → raw rows with their cell addresses.

Nothing here knows what a sheet means; the model layer maps headers to fields.
"""

from __future__ import annotations

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


@dataclass(slots=True)  # one per cell with content: thousands
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


def _read_sheet(ws, file_name: str, formats) -> RawSheet:
    """The sheet's rows with content, parsed once (read.xlsx.SheetParser): values, number
    formats, and the formulas Excel never saved a value of."""
    from .xlsx import SheetParser

    headers: dict[str, RawCell] = {}
    rows: list[RawRow] = []
    hidden = _Hidden()
    letters: dict[int, str] = {}
    with ws._get_source() as source:
        parser = SheetParser(source, ws._shared_strings, ws.parent.epoch, formats)
        uncached = parser.uncached  # filled as the rows are parsed
        for row_index, row in _parsed_rows(parser, hidden):
            cells = _row_cells(row_index, row, uncached, formats, letters)
            if row_index == 1:
                headers = cells
            elif cells:
                if len(rows) == MAX_ROWS:
                    return RawSheet(file_name, ws.title, headers, rows, _hidden(ws),
                                    truncated=True,
                                    hidden_cells=hidden.with_content(headers, rows))
                rows.append(RawRow(row_index, cells))
                if hidden.row:
                    hidden.rows.append(row_index)
    return RawSheet(file_name, ws.title, headers, rows, _hidden(ws),
                    hidden_cells=hidden.with_content(headers, rows))


def _row_cells(row_index: int, row: list[dict], uncached: dict[tuple[int, int], str],
               formats, letters: dict[int, str]) -> dict[str, RawCell]:
    """A row's cells with content, by column letter: blanks left out, but for a formula
    without a saved value (data-only parsing shows it as an empty cell)."""
    from openpyxl.utils import get_column_letter

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
        column = cell["column"]
        formula = uncached.get((row_index, column)) if uncached else None
        if blank and formula is None:
            continue
        letter = letters.get(column)
        if letter is None:
            letter = letters[column] = get_column_letter(column)
        cells[letter] = RawCell(value, f"{letter}{row_index}",
                                formats(cell["style_id"]) or "General", cell["data_type"],
                                formula, rich)
    return cells


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


def _parsed_rows(parser, hidden: _Hidden | None = None):
    """(row number, the cells' dicts) of each row `ws.iter_rows()` gives, from openpyxl's parser
    itself: no ReadOnlyCell per cell, no empty cells and rows filled in. The same range: the
    sheet's stated size, and a row out of order (not after the one before) left out."""
    previous = 0
    for index, cells in parser.parse():
        size = parser.dimensions  # stated before the rows, or not at all
        last_row, last_column = (size[3], size[2]) if size is not None else (None, None)
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
    refused. Reads only the file's head and the zip's directory, never the whole file."""
    refused, archive = _checked_zip(path, findings)
    if archive is not None:
        archive.close()
    return refused


def _checked_zip(path: Path, findings: Findings) -> tuple[bool, zipfile.ZipFile | None]:
    """refuse_unsafe, and the zip opened for the checks (None when refused or no zip), for the
    reader to go on with."""
    try:
        archive: zipfile.ZipFile | None = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        archive = None  # no zip at all: openpyxl's attempt says what it is
    refused = True
    try:
        too_large = zip_too_large(path, archive)
        if too_large:
            findings.add(R01_FOR_STOR, file=path.name, found=too_large,
                         expected=f"{_size_text(MAX_FILE_BYTES)} packad eller "
                                  f"{_size_text(MAX_UNCOMPRESSED_BYTES)} uppackad")
        elif archive is not None and _is_strict(archive):
            findings.add(R01_STRICT, file=path.name)
        else:
            refused = False
        return refused, archive
    finally:
        if refused and archive is not None:
            archive.close()


Wanted = Union[set, Callable[[str], bool], None]  # sheet titles (normalized) to parse


def is_wanted(wanted: Wanted, key: str) -> bool:
    if wanted is None:
        return True
    return wanted(key) if callable(wanted) else key in wanted


def read_workbook(path: Path, findings: Findings, wanted: Wanted = None) -> RawWorkbook | None:
    """The sheets of one .xlsx, cached values only; None (with a finding) if it cannot be read.
    Sheets whose normalized title is not in `wanted` are never parsed: only their names are
    kept (`read=False`)."""
    refused, archive = _checked_zip(path, findings)
    if refused:
        return None
    from .xlsx import load_workbook

    try:
        wb, formats = load_workbook(path, archive)
    except Exception as exc:  # openpyxl raises many kinds for broken or foreign files
        findings.add(R01_EJ_XLSX, file=path.name, found=_describe_unreadable(path, exc))
        return None
    book = RawWorkbook(path)
    if not wb.worksheets:  # a damaged workbook.xml lists none
        wb.close()
        findings.add(R01_EJ_XLSX, file=path.name, found="filen är skadad (den har inga blad)")
        return None
    try:
        for ws in wb.worksheets:
            key = normalize(ws.title)
            if key in book.sheets:  # `Ekonomi` and `ekonomi ` (or in NFD): which one?
                findings.add(R01_BLAD_LIKA_NAMN, file=path.name, sheet=ws.title,
                             found=ws.title, expected=book.sheets[key].title)
                continue
            if not is_wanted(wanted, key):
                book.sheets.setdefault(key, RawSheet(path.name, ws.title, {}, [], read=False))
                continue
            book.sheets[key] = _read_sheet(ws, path.name, formats)
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
