"""openpyxl's read-only loading, without what the tool never reads.

`load_workbook(path)` is openpyxl's own `load_workbook(read_only=True, data_only=True,
rich_text=True)` step by step (its ExcelReader), less: the theme (bytes it only keeps); the
default sheet and styles a new Workbook makes, which the reader throws away; the fonts,
fills and borders of styles.xml (only the cells' number formats are read, decided as openpyxl
decides them); and the pass over each sheet that reads its stated size before its rows.
`SheetParser` is openpyxl's sheet parser that also reads the sheet's stated size and the
formulas without a saved value as it goes, and reads a plain inline string without openpyxl's
rich-text objects: each sheet is parsed once. Every cell is still parsed by openpyxl.
"""

from __future__ import annotations

from pathlib import Path
from zipfile import ZipFile

from openpyxl.cell.rich_text import CellRichText
from openpyxl.packaging.relationship import get_dependents, get_rels_path
from openpyxl.reader.excel import SUPPORTED_FORMATS, ExcelReader, _find_workbook_part
from openpyxl.reader.workbook import WorkbookParser
from openpyxl.styles.numbers import (BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE,
                                     BUILTIN_FORMATS_REVERSE, builtin_format_code,
                                     is_date_format, is_timedelta_format)
from openpyxl.styles.stylesheet import Stylesheet
from openpyxl.workbook import Workbook
from openpyxl.workbook.defined_name import DefinedNameList
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import FORMULA_TAG, INLINE_STRING, VALUE_TAG, WorkSheetParser
from openpyxl.worksheet import _reader
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.xml.constants import ARC_STYLE, SHARED_STRINGS, SHEET_MAIN_NS, XLTM, XLTX
from openpyxl.xml.functions import fromstring, iterparse, localname

TEXT_TAG = f"{{{SHEET_MAIN_NS}}}t"
STRING_ITEM_TAG = f"{{{SHEET_MAIN_NS}}}si"
DIMENSION_TAG = f"{{{SHEET_MAIN_NS}}}dimension"


def plain_text(node) -> str | None:
    """The text of a string item (`<si>`, `<is>`) that is one plain `<t>`, as openpyxl's
    rich-text reading gives it (a str); None for anything else, which openpyxl reads."""
    if len(node) != 1 or node.attrib:
        return None
    child = node[0]
    if child.tag != TEXT_TAG or len(child):
        return None
    text = child.text
    return text.replace("x005F_", "") if text else ""


def read_shared_strings(source) -> list:
    """openpyxl's `read_rich_text`, a plain string read without its rich-text objects."""
    strings: list = []
    for _, node in iterparse(source):
        if node.tag == STRING_ITEM_TAG:
            text = plain_text(node)
            if text is None:
                rich = CellRichText.from_tree(node)
                if len(rich) == 0:
                    text = ""
                elif len(rich) == 1 and isinstance(rich[0], str):
                    text = rich[0]
                else:
                    text = rich
            node.clear()
            strings.append(text)
    return strings


class NumberFormats:
    """Each cell style's number format, and the styles openpyxl reads as dates and durations:
    its Stylesheet (`_normalise_numbers`) and ReadOnlyCell.number_format, on the numFmts and
    cellXfs of styles.xml alone."""

    def __init__(self, ids: list[int], custom: list[str], dates: set[int],
                 timedeltas: set[int]):
        self.ids, self.custom = ids, custom  # each style's numFmtId; the custom formats
        self.dates, self.timedeltas = dates, timedeltas
        self._found: dict[int, str] = {}

    def __call__(self, style_id: int) -> str:
        found = self._found.get(style_id)
        if found is None:
            number = self.ids[style_id]  # an unknown style fails here as it does in openpyxl
            found = (BUILTIN_FORMATS.get(number, "General") if number < BUILTIN_FORMATS_MAX_SIZE
                     else self.custom[number - BUILTIN_FORMATS_MAX_SIZE])
            self._found[style_id] = found
        return found

    @classmethod
    def default(cls) -> NumberFormats:
        """A workbook without styles: openpyxl's defaults (one style, General)."""
        return cls([0], [], set(), set())

    @classmethod
    def of(cls, archive) -> NumberFormats:
        try:
            source = archive.read(ARC_STYLE)
        except KeyError:
            return cls.default()
        node = fromstring(source)
        try:
            return cls._read(node)
        except (ValueError, TypeError, LookupError):
            # not the plain shape: openpyxl's whole stylesheet (and its error, if any)
            return cls._of_stylesheet(Stylesheet.from_tree(node))

    @classmethod
    def _read(cls, node) -> NumberFormats:
        parts: dict[str, list] = {"numFmts": [], "cellXfs": []}
        for child in node:
            name = localname(child)
            if name in parts:
                parts[name].append(child)
        if len(parts["numFmts"]) > 1 or len(parts["cellXfs"]) > 1:
            raise ValueError("not the plain shape")
        custom: dict[int, str] = {}
        for element in parts["numFmts"][0] if parts["numFmts"] else ():
            if localname(element) == "numFmt":
                code = element.attrib["formatCode"]
                custom[int(element.attrib["numFmtId"])] = code
        if not parts["cellXfs"]:
            return cls.default()
        numbers = [int(xf.get("numFmtId", 0)) for xf in parts["cellXfs"][0]
                   if localname(xf) == "xf"]
        if not numbers:
            return cls.default()
        formats: list[str] = []  # openpyxl's IndexedList: each custom format once, in order
        dates, timedeltas = set(), set()
        for index, number in enumerate(numbers):
            if number in custom:
                fmt = custom[number]
                if fmt in BUILTIN_FORMATS_REVERSE:
                    numbers[index] = BUILTIN_FORMATS_REVERSE[fmt]
                else:
                    if fmt not in formats:
                        formats.append(fmt)
                    numbers[index] = formats.index(fmt) + BUILTIN_FORMATS_MAX_SIZE
            else:
                fmt = builtin_format_code(number)
            if is_date_format(fmt):
                dates.add(index)
            if is_timedelta_format(fmt):
                timedeltas.add(index)
        return cls(numbers, formats, dates, timedeltas)

    @classmethod
    def _of_stylesheet(cls, stylesheet: Stylesheet) -> NumberFormats:
        if not stylesheet.cell_styles:
            return cls.default()
        return cls([style.numFmtId for style in stylesheet.cell_styles],
                   list(stylesheet.number_formats), set(stylesheet.date_formats),
                   set(stylesheet.timedelta_formats))


class _ReadBook(Workbook):
    """A Workbook for the reader to fill: no default styles (the tool reads number formats
    only) and no default sheet (the reader removes it)."""

    def _setup_styles(self) -> None:
        self._date_formats: set[int] = set()
        self._timedelta_formats: set[int] = set()

    @property
    def write_only(self) -> bool:  # Workbook.__init__ adds its default sheet unless so
        return True


class _BookParser(WorkbookParser):
    def __init__(self, archive, workbook_part_name, keep_links=True):
        self.archive = archive
        self.workbook_part_name = workbook_part_name
        self.defined_names = DefinedNameList()
        self.wb = _ReadBook()
        self.keep_links = keep_links
        self.sheets = []


class UnsizedSheet(ReadOnlyWorksheet):
    """A read-only sheet whose stated size is read with its rows (SheetParser), not before."""

    def _get_size(self) -> None:
        pass


class _Reader(ExcelReader):
    def __init__(self, path, archive: ZipFile | None = None):
        if archive is not None and Path(path).suffix.lower() not in SUPPORTED_FORMATS:
            archive.close()  # openpyxl refuses it by its name
            archive = None
        if archive is None:  # openpyxl opens it (and says why it cannot)
            super().__init__(path, read_only=True, data_only=True, rich_text=True)
        else:  # opened already, for the checks before reading: as ExcelReader.__init__ does
            self.archive, self.valid_files = archive, archive.namelist()
            self.read_only, self.data_only, self.rich_text = True, True, True
            self.keep_vba, self.keep_links = False, True
            self.shared_strings: list = []
        self.number_formats = NumberFormats.default()

    def read_strings(self):
        part = self.package.find(SHARED_STRINGS)
        if part is not None:
            with self.archive.open(part.PartName[1:]) as source:
                self.shared_strings = read_shared_strings(source)

    def read_workbook(self):
        part = _find_workbook_part(self.package)
        self.parser = _BookParser(self.archive, part.PartName[1:], keep_links=self.keep_links)
        self.parser.parse()
        wb = self.parser.wb
        wb._sheets = []
        wb._data_only = self.data_only
        wb._read_only = self.read_only
        wb.template = part.ContentType in (XLTX, XLTM)
        wb._archive = self.archive
        self.wb = wb

    def read_worksheets(self):
        """ExcelReader's read-only branch, with sheets sized as they are read."""
        for sheet, rel in self.parser.find_sheets():
            if rel.target not in self.valid_files:
                continue
            if "chartsheet" in rel.Type:
                self.read_chartsheet(sheet, rel)
                continue
            rels_path = get_rels_path(rel.target)
            if rels_path in self.valid_files:
                get_dependents(self.archive, rels_path)  # read as openpyxl reads it: a broken
                # part refuses the workbook alike
            ws = UnsizedSheet(self.wb, sheet.name, rel.target, self.shared_strings)
            ws.sheet_state = sheet.state
            self.wb._sheets.append(ws)

    def read(self):
        action = "read manifest"
        try:
            self.read_manifest()
            action = "read strings"
            self.read_strings()
            action = "read workbook"
            self.read_workbook()
            action = "read properties"  # never used, but a damaged one refuses the workbook
            self.read_properties()  # as before (a few ms)
            action = "read custom properties"
            self.read_custom()
            action = "read stylesheet"
            self.number_formats = NumberFormats.of(self.archive)
            action = "read worksheets"
            self.read_worksheets()
            action = "assign names"
            self.parser.assign_names()
        except ValueError as e:  # as openpyxl raises it
            raise ValueError(f"Unable to read workbook: could not {action} from "
                             f"{self.archive.filename}.") from e


def load_workbook(path, archive: ZipFile | None = None) -> tuple[Workbook, NumberFormats]:
    """The workbook read-only, its sheets UnsizedSheet, and its cells' number formats; from
    `archive` when the file is open already (the workbook closes it)."""
    try:
        reader = _Reader(path, archive)
    except BaseException:
        if archive is not None:
            archive.close()
        raise
    try:
        reader.read()
    except BaseException:
        reader.archive.close()
        raise
    return reader.wb, reader.number_formats


class SheetParser(WorkSheetParser):
    """openpyxl's sheet parser (data only, rich text) that also keeps the sheet's stated size
    (`dimensions`, as ReadOnlyWorksheet reads it) and the formulas without a saved value
    (`uncached`, by row and column: data-only parsing shows them as empty cells)."""

    def __init__(self, source, shared_strings, epoch, formats: NumberFormats):
        super().__init__(source, shared_strings, data_only=True, epoch=epoch,
                         date_formats=formats.dates, timedelta_formats=formats.timedeltas,
                         rich_text=True)
        self.dimensions: tuple | None = None  # (min column, min row, max column, max row)
        self.uncached: dict[tuple[int, int], str] = {}

    def parse(self):
        """WorkSheetParser.parse, with the sheet's `<dimension>` read on the way."""
        dispatcher = {
            _reader.COL_TAG: self.parse_column_dimensions,
            _reader.PROT_TAG: self.parse_sheet_protection,
            _reader.EXT_TAG: self.parse_extensions,
            _reader.CF_TAG: self.parse_formatting,
            _reader.LEGACY_TAG: self.parse_legacy,
            _reader.ROW_BREAK_TAG: self.parse_row_breaks,
            _reader.COL_BREAK_TAG: self.parse_col_breaks,
            _reader.CUSTOM_VIEWS_TAG: self.parse_custom_views,
        }
        properties = {
            _reader.PRINT_TAG: ('print_options', _reader.PrintOptions),
            _reader.MARGINS_TAG: ('page_margins', _reader.PageMargins),
            _reader.PAGE_TAG: ('page_setup', _reader.PrintPageSetup),
            _reader.HEADER_TAG: ('HeaderFooter', _reader.HeaderFooter),
            _reader.FILTER_TAG: ('auto_filter', _reader.AutoFilter),
            _reader.VALIDATION_TAG: ('data_validations', _reader.DataValidationList),
            _reader.PROPERTIES_TAG: ('sheet_properties', _reader.WorksheetProperties),
            _reader.VIEWS_TAG: ('views', _reader.SheetViewList),
            _reader.FORMAT_TAG: ('sheet_format', _reader.SheetFormatProperties),
            _reader.SCENARIOS_TAG: ('scenarios', _reader.ScenarioList),
            _reader.TABLE_TAG: ('tables', _reader.TablePartList),
            _reader.HYPERLINK_TAG: ('hyperlinks', _reader.HyperlinkList),
            _reader.MERGE_TAG: ('merged_cells', _reader.MergeCells),
        }
        rows_begun = False
        for _, element in iterparse(self.source):
            tag_name = element.tag
            if tag_name in dispatcher:
                dispatcher[tag_name](element)
                element.clear()
            elif tag_name in properties:
                prop = properties[tag_name]
                setattr(self, prop[0], prop[1].from_tree(element))
                element.clear()
            elif tag_name == _reader.ROW_TAG:
                rows_begun = True
                row = self.parse_row(element)
                element.clear()
                yield row
            elif tag_name == DIMENSION_TAG and not rows_begun and self.dimensions is None:
                self.dimensions = SheetDimension.from_tree(element).boundaries
            elif tag_name == _reader.DATA_TAG:
                rows_begun = True  # a size stated after the rows is none (openpyxl stops here)

    def parse_cell(self, element):
        inline = element.find(INLINE_STRING) if element.get("t") == "inlineStr" else None
        text = plain_text(inline) if inline is not None else None
        if text is not None:  # openpyxl parses the cell, its plain string put in after
            element.remove(inline)
            cell = super().parse_cell(element)
            cell["value"], cell["data_type"] = text, "s"
            return cell
        cell = super().parse_cell(element)
        if cell["value"] is None:
            formula = element.find(FORMULA_TAG)
            if formula is not None:
                value = element.find(VALUE_TAG)
                empty_text = element.get("t") == "str" and value is not None  # `=OM(…;"";…)`
                if not empty_text and (value is None or value.text is None):
                    self.uncached[cell["row"], cell["column"]] = "=" + (formula.text or "")
        return cell
