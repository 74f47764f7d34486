"""Model: the economist's own tables (`Tabell <namn>`) and chapters (`Kapitel <namn>`).

Both are optional sheets in the nämnd's or a verksamhet's workbook; the sheet title after the
prefix names them in the templates (`tabeller.betyg`, `kapitel.utvecklingsportfoljer`).
"""

from __future__ import annotations

import re

from . import cells
from ..contract.findings import (Findings, Rule, R01_NAMN_DUBBELT, R01_RAD_UTAN_NAMN,
                                 R01_TABELL_UTAN_KOLUMNER, R02_EJ_TAL, R06_SUMMARAD_INSKRIVEN)
from ..contract.model import (AmountSheet, Chapter, ChapterPart, FreeColumn, FreeRow, FreeTable,
                              Source, Value)
from ..contract.sheets import CHAPTER, KONTOGRUPPER_DEL, LEVEL_HEADER, NOTE_HEADER, OWN_TABLE
from ..contract.vocab import HeadingLevel, TableRowLevel
from .load import SheetReader, read_amount_sheet, report_unheaded
from .workbook import RawSheet, RawWorkbook, normalize, template_key

TABLE_PREFIX, CHAPTER_PREFIX = OWN_TABLE.title, CHAPTER.title
UNIT = re.compile(r"\(([^()]*)\)\s*$")


def sheets_with_prefix(book: RawWorkbook, prefix: str) -> list[tuple[str, RawSheet]]:
    """(name after the prefix, sheet) for each sheet titled `<prefix><name>`, in book order."""
    wanted = normalize(prefix)
    found = []
    for sheet in book.sheets.values():
        title = " ".join(sheet.title.split())
        if normalize(title).startswith(wanted + " ") and title[len(prefix):].strip():
            found.append((title[len(prefix):].strip(), sheet))
    return found


def _unique(named: list[tuple[str, RawSheet]], findings: Findings) -> list[tuple[str, RawSheet]]:
    """One sheet per template name; a second sheet giving the same name is an error."""
    seen: dict[str, RawSheet] = {}
    kept = []
    for name, sheet in named:
        key = template_key(name)
        if key in seen:
            findings.add(R01_NAMN_DUBBELT, file=sheet.file, sheet=sheet.title,
                         found=sheet.title, expected=seen[key].title)
            continue
        seen[key] = sheet
        kept.append((name, sheet))
    return kept


def _letter_order(letter: str) -> int:
    from openpyxl.utils import column_index_from_string

    return column_index_from_string(letter)


def _add(findings: Findings, sheet: RawSheet, rule: Rule, cell: str, **kw) -> None:
    findings.add(rule, file=sheet.file, sheet=sheet.title, cell=cell, **kw)


def _parse(sheet: RawSheet, cell, parse, findings: Findings, default):
    if cell is None:
        return default
    try:
        return parse(cell)
    except cells.CellError as err:
        _add(findings, sheet, err.rule, cell.coord, found=err.found, expected=err.expected)
        return default


def read_free_table(name: str, sheet: RawSheet, findings: Findings) -> FreeTable | None:
    letters = sorted(sheet.headers, key=_letter_order)
    # a header of `#REF!` is reported at its cell and left blank, never an internal error
    titles = {letter: _parse(sheet, sheet.headers[letter], cells.text, findings, "")
              for letter in letters}
    reserved: dict[str, str | None] = {normalize(LEVEL_HEADER): None, normalize(NOTE_HEADER): None}
    for letter in letters[1:]:
        if normalize(titles[letter]) in reserved and reserved[normalize(titles[letter])] is None:
            reserved[normalize(titles[letter])] = letter
    level_letter, note_letter = reserved[normalize(LEVEL_HEADER)], reserved[normalize(NOTE_HEADER)]
    data = [letter for letter in letters[1:] if letter not in (level_letter, note_letter)]
    if not letters or not data:
        shown = ", ".join(f"”{t}”" for t in titles.values()) or "inga"
        _add(findings, sheet, R01_TABELL_UTAN_KOLUMNER, "rad 1", found=shown)
        return None
    report_unheaded(sheet, findings)
    label_letter = letters[0]
    columns = [FreeColumn(title=titles[letter], unit=_unit(titles[letter])) for letter in data]
    table = FreeTable(name=name, label_title=titles[label_letter], columns=columns,
                      source=Source(file=sheet.file, sheet=sheet.title))
    for raw in sheet.rows:
        row = _free_row(sheet, raw, label_letter, level_letter, note_letter, data, findings)
        if row is None:
            continue
        if row.level in LAYOUT_ROWS:
            _declare_layout(table, row, sheet, raw, [label_letter, *data], findings)
        else:
            table.rows.append(row)
    return table


LAYOUT_ROWS = ("bredd", "kolumntyp")
COLUMN_KINDS = {"text": "text", "tal": "tal", "": ""}


def _declare_layout(table: FreeTable, row: FreeRow, sheet: RawSheet, raw, letters: list[str],
                    findings: Findings) -> None:
    """A `bredd` row gives each column's relative width, a `kolumntyp` row `text` or `tal`."""
    cells_by_letter = [raw.cells.get(letter) for letter in letters]
    if row.level == "bredd":
        widths = [_parse(sheet, cell, cells.amount, findings, None) for cell in cells_by_letter]
        for cell, width in zip(cells_by_letter, widths, strict=True):
            if cell is not None and width is not None and width <= 0:
                _add(findings, sheet, R02_EJ_TAL, cell.coord, found=f"”{cells.text(cell)}”",
                     expected="en relativ bredd större än 0, t.ex. 3")
        widths = [w if w is not None and w > 0 else None for w in widths]
        table.label_width = widths[0]
        for column, width in zip(table.columns, widths[1:], strict=False):
            column.width = width
        return
    for column, cell in zip(table.columns, cells_by_letter[1:], strict=False):
        column.kind = _parse(sheet, cell, lambda c: cells.choice(
            c, COLUMN_KINDS, "text eller tal"), findings, "") or ""


def _unit(title: str) -> str:
    match = UNIT.search(title)
    return match.group(1).strip() if match else ""


def _free_row(sheet: RawSheet, raw, label_letter: str, level_letter: str | None,
              note_letter: str | None, data: list[str], findings: Findings) -> FreeRow | None:
    known = [label_letter, level_letter, note_letter, *data]
    if not any(letter in raw.cells for letter in known if letter):
        return None
    label = _parse(sheet, raw.cells.get(label_letter), cells.text, findings, "")
    level = _parse(sheet, raw.cells.get(level_letter) if level_letter else None,
                   lambda c: cells.choice(c, TableRowLevel.words(),
                                          "tom, 0, 1, 2, varav, rubrik, summa, titel, bredd "
                                          "eller kolumntyp"),
                   findings, "")
    if not label and level not in ("1", "2", *LAYOUT_ROWS):
        _add(findings, sheet, R01_RAD_UTAN_NAMN, f"{label_letter}{raw.number}",
             expected=f"”{cells.text(sheet.headers[label_letter])}”")
        return None
    if level in LAYOUT_ROWS:  # read by _declare_layout
        return FreeRow(label=label, level=level, values=[],
                       source=Source(file=sheet.file, sheet=sheet.title, row=raw.number))
    values = [_parse(sheet, raw.cells.get(letter), cells.value, findings, Value())
              for letter in data]
    if level == "summa":
        for letter, value in zip(data, values, strict=False):
            if value.number is not None or value.text:
                _add(findings, sheet, R06_SUMMARAD_INSKRIVEN, raw.cells[letter].coord,
                     found=f"”{cells.text(raw.cells[letter])}”", expected="en tom cell")
        values = [Value() for _ in data]
    notes_text = _parse(sheet, raw.cells.get(note_letter) if note_letter else None, cells.text,
                        findings, "")
    notes = [line.strip() for line in notes_text.split("\n") if line.strip()]
    source = Source(file=sheet.file, sheet=sheet.title, row=raw.number,
                    cells={"label": f"{label_letter}{raw.number}"}
                    | {f"v{i}": f"{letter}{raw.number}" for i, letter in enumerate(data)})
    return FreeRow(label=label, level=level, values=values, notes=notes, source=source)


def read_chapter(name: str, sheet: RawSheet, findings: Findings) -> Chapter:
    reader = SheetReader(sheet, CHAPTER.columns, 0, "", findings)
    chapter = Chapter(name=name, source=Source(file=sheet.file, sheet=sheet.title))
    for raw in reader.sheet.rows:
        values = {reader.by_letter[letter].field: cell for letter, cell in raw.cells.items()
                  if letter in reader.by_letter}
        if not values:
            continue
        heading = reader.convert(values, "heading", cells.text) or ""
        level = reader.convert(values, "level", lambda c: cells.choice(
            c, HeadingLevel.words(), "1, 2, 3 eller 4 (rubriknivå)"))
        text = reader.convert(values, "text", cells.rich_text) or ""
        if heading or text:
            chapter.parts.append(ChapterPart(heading=heading, level=int(level or 2), text=text,
                                             source=reader.source(raw.number, values)))
    return chapter


def read_free_tables(book: RawWorkbook, findings: Findings) -> list[FreeTable]:
    tables = []
    for name, sheet in _unique(sheets_with_prefix(book, TABLE_PREFIX), findings):
        table = read_free_table(name, sheet, findings)
        if table is not None and table.rows:  # an untouched `Tabell Exempel` from init
            tables.append(table)
    return tables


def read_chapters(book: RawWorkbook, findings: Findings) -> list[Chapter]:
    return [read_chapter(name, sheet, findings)
            for name, sheet in _unique(sheets_with_prefix(book, CHAPTER_PREFIX), findings)]


def own_sheets(book: RawWorkbook, findings: Findings) -> dict:
    """The economist's own tables and chapters (`Tabell …`, `Kapitel …`), if any."""
    return {"free_tables": read_free_tables(book, findings),
            "chapters": read_chapters(book, findings)}


def read_part_economies(book: RawWorkbook, year: int, kind: str, findings: Findings
                        ) -> dict[str, AmountSheet]:
    """The sheets `Kontogrupper <namn>`: further resultaträkningar by name, in book order."""
    return {name: read_amount_sheet(sheet, KONTOGRUPPER_DEL.columns, year, kind, findings)
            for name, sheet in _unique(sheets_with_prefix(book, KONTOGRUPPER_DEL.title),
                                       findings)}
