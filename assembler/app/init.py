"""`assemble init`: a blank report folder that already follows the input contract.

Headers are styled and frozen, amount columns formatted as numbers, closed vocabularies offered
as dropdowns, and an `Instruktioner` sheet explains the rest. Existing files are never
overwritten.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from .files import OutputError, file_key, safe_file_name, write_all_or_none
from ..contract import sheets as contract
from ..contract.sheets import NAMND, VERKSAMHET, KeyField, kind_of
from ..contract.model import ReportType

HEADER_FILL = "DCE4EE"
FORMATTED_ROWS = 200  # rows given number formats and dropdowns in advance
AMOUNT_FORMAT = "#,##0;-#,##0"


@dataclass(frozen=True)
class Sheet:
    """A sheet as `init` writes it for one report type and year."""

    title: str
    headers: list[str]
    amount_columns: tuple[int, ...] = ()  # 1-based
    widths: tuple[int, ...] = ()
    dropdowns: tuple[tuple[int, list[str], bool], ...] = ()  # (column, values, strict)
    prefill: tuple[str, ...] = ()  # first-column labels


def starter_sheet(declared: contract.Sheet, kind: ReportType, year: int,
                  title: str = "") -> Sheet:
    """The contract's sheet with the columns this report type uses, years written out."""
    columns = [c for c in declared.columns_for(kind_of(kind)) if c.starter]
    numbered = list(enumerate(columns, start=1))
    return Sheet(title or declared.title, [c.header_in(year) for c in columns],
                 tuple(i for i, c in numbered if c.kind == "amount"),
                 tuple(c.width for c in columns),
                 tuple((i, list(c.choices), c.strict) for i, c in numbered if c.choices),
                 declared.prefill)


def starter_sheets(workbook: str, kind: ReportType, year: int) -> list[Sheet]:
    """The column sheets `init` writes into the nämnd's or a verksamhet's workbook, in order;
    the nämnd's also gets the own table and chapter to copy and rename (`Tabell Betyg` …)."""
    sheets = [starter_sheet(s, kind, year) for s in contract.SHEETS
              if workbook in s.starter and not s.fields]
    return sheets + [starter_sheet(s, kind, year, s.title + contract.EXAMPLE_NAME)
                     for s in contract.OWN_SHEETS if workbook in s.starter]


def namnd_sheets(kind: ReportType, year: int) -> list[Sheet]:
    return starter_sheets(NAMND, kind, year)


def verksamhet_sheets(kind: ReportType, year: int) -> list[Sheet]:
    return starter_sheets(VERKSAMHET, kind, year)


INSTRUCTIONS_TITLE = "Instruktioner"


def _listed(names, last: str = "eller") -> str:
    names = list(names)
    return f"{', '.join(names[:-1])} {last} {names[-1]}" if len(names) > 1 else names[0]


def instructions(kind: ReportType, year: int) -> list[str]:
    """The `Instruktioner` sheet: how to fill the folder, and each sheet's required columns
    for this report type, from the contract."""
    rapport, verksamhet = contract.RAPPORT.title, contract.VERKSAMHET_INFO.title
    table, chapter = (s.title + contract.EXAMPLE_NAME for s in (contract.OWN_TABLE,
                                                                 contract.CHAPTER))
    level = contract.OWN_TABLE.column("level").header
    chapter_columns = [contract.CHAPTER.column(f).header for f in ("heading", "level", "text")]
    chapter_columns[1] += " (1–4, standard 2)"
    return [
        "Så fyller du i rapportmappen",
        "",
        f"Mappen innehåller nämndens arbetsbok (den med bladet {rapport}) och en arbetsbok per "
        f"verksamhet (med bladet {verksamhet}). Lägg till fler verksamheter genom att kopiera "
        f"en verksamhets arbetsbok och byta namn i bladet {verksamhet}.",
        "Rad 1 i varje blad är rubrikraden. Ändra inte rubrikerna; kolumnernas ordning spelar "
        "ingen roll.",
        "Belopp anges i tkr med tecken: intäkter positiva, kostnader negativa.",
        "Summarader behövs inte: verktyget räknar alla summor, avvikelser och procent. En rad "
        f"som heter {_listed(contract.CONTROL_TOTAL_NAMES)} används som kontrollsumma.",
        f"{contract.VARAV.header}: skriv namnet på den enhet raden ingår i. Raden visas som "
        "”- varav …” och räknas inte in i summorna.",
        "I textceller börjar Alt+Enter ett nytt stycke, och en rad som börjar med ”- ” blir en "
        "punkt i en lista.",
        "Blad som inte behövs kan lämnas tomma.",
        f"Egna tabeller: kopiera bladet {table} och döp om det, t.ex. till "
        f"{contract.OWN_TABLE.title}Betyg. Första kolumnen har radnamnen, övriga kolumner "
        f"värdena med enheten inom parentes i rubriken, t.ex. Andel (%). {level}: 1 eller "
        "2 för underrader (Kvinnor/Män), varav, rubrik (fet rad) eller summa (summan räknas av "
        f"verktyget). {contract.NOTE_HEADER} blir en numrerad not under tabellen.",
        f"Egna kapitel: kopiera bladet {chapter} och döp om det. En rad per avsnitt: "
        f"{_listed(chapter_columns, 'och')}. Rubrikerna numreras och kommer med i "
        "innehållsförteckningen.",
        f"Poster (t.ex. KF-mål med åtaganden): ett blad {contract.RECORDS.title}<namn> med "
        "egna rubriker, en rad per post. Bladet "
        f"{contract.POSTGRUPPER.title} anger vilka kolumner som grupperar posterna, t.ex. "
        "Målområde › KF-mål › Åtagande; en tom gruppcell betyder samma som raden ovanför.",
        "",
        f"Det som krävs i en {contract.KIND_NAMES[kind_of(kind)]}, blad för blad (fälten i "
        f"{rapport} och {verksamhet}, kolumnerna i de andra; resten är frivilligt):",
        *_required_columns(kind, year),
        "",
        "Kontrollera mappen med: assemble validate MAPP",
        "Skriv rapporten med: assemble report MAPP -o UTMAPP",
        "Hela beskrivningen finns i docs/indata.md.",
    ]


def _required_columns(kind: ReportType, year: int) -> list[str]:
    lines = []
    for sheet in contract.SHEETS:
        if sheet.fields:
            required = [f.name for f in sheet.fields if kind_of(kind) in f.required]
        else:
            required = [c.header_in(year) for c in sheet.columns if kind_of(kind) in c.required]
        lines.append(f"{sheet.title}: {', '.join(required)}")
    return lines


def _style_sheet(ws, sheet: Sheet) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    ws.append(sheet.headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
    ws.freeze_panes = "A2"
    for index in range(1, len(sheet.headers) + 1):
        width = sheet.widths[index - 1] if index <= len(sheet.widths) else 16
        ws.column_dimensions[get_column_letter(index)].width = width
    for column in sheet.amount_columns:
        for row in range(2, FORMATTED_ROWS + 2):
            ws.cell(row, column).number_format = AMOUNT_FORMAT
    for column, values, strict in sheet.dropdowns:
        letter = get_column_letter(column)
        _dropdown(ws, DataValidation, f"{letter}2:{letter}{FORMATTED_ROWS + 1}", values, strict)


def _dropdown(ws, data_validation, cells: str, values: list[str], strict: bool) -> None:
    validation = data_validation(type="list", formula1='"' + ",".join(values) + '"',
                                 allow_blank=True, showErrorMessage=strict)
    validation.error = "Välj ett av värdena i listan."
    validation.errorTitle = "Okänt värde"
    ws.add_data_validation(validation)
    validation.add(cells)


def _field_sheet(ws, fields: list[tuple[str, object]],
                 dropdowns: dict[str, tuple[list[str], bool]]) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    _style_sheet(ws, Sheet(ws.title, [c.header for c in contract.KEY_VALUE],
                           widths=tuple(c.width for c in contract.KEY_VALUE)))
    for row, (name, value) in enumerate(fields, start=2):
        ws.cell(row, 1, name)
        if value not in (None, ""):
            ws.cell(row, 2, value)
        if name in dropdowns:
            values, strict = dropdowns[name]
            _dropdown(ws, DataValidation, f"B{row}", values, strict)


def _fields_sheet(ws, declared: contract.Sheet, values: dict[str, object]) -> None:
    """A Fält/Värde sheet with every field of the contract: `values` (by attribute) over the
    fields' own starting values, and a dropdown for each closed vocabulary."""
    fields: list[KeyField] = list(declared.fields)
    dropdowns = {f.name: dropdown for f in fields if (dropdown := f.dropdown) is not None}
    _field_sheet(ws, [(f.name, values.get(f.attr, f.starter_value)) for f in fields], dropdowns)


def _instructions(workbook, kind: ReportType, year: int) -> None:
    from openpyxl.styles import Alignment, Font

    ws = workbook.create_sheet(INSTRUCTIONS_TITLE, 0)
    ws.column_dimensions["A"].width = 110
    for row, line in enumerate(instructions(kind, year), start=1):
        cell = ws.cell(row, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row == 1:
            cell.font = Font(bold=True, size=14)


def _save(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _column_sheets(workbook, sheets: list[Sheet]) -> None:
    for sheet in sheets:
        ws = workbook.create_sheet(sheet.title)
        _style_sheet(ws, sheet)
        for row, label in enumerate(sheet.prefill, start=2):
            ws.cell(row, 1, label)


def namnd_workbook(kind: ReportType, year: int) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    rapport = workbook.active
    rapport.title = contract.RAPPORT.title
    _fields_sheet(rapport, contract.RAPPORT, {
        "rapporttyp": kind.value, "rapporttitel": kind.default_title, "ar": year,
        "period_month": contract.MONTHS[-1] if kind.is_annual else ""})
    _column_sheets(workbook, namnd_sheets(kind, year))
    _instructions(workbook, kind, year)
    return _save(workbook)


def verksamhet_workbook(name: str, order: int, kind: ReportType, year: int) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    info = workbook.active
    info.title = contract.VERKSAMHET_INFO.title
    _fields_sheet(info, contract.VERKSAMHET_INFO, {"name": name, "ordning": order})
    _column_sheets(workbook, verksamhet_sheets(kind, year))
    return _save(workbook)


NAMND_FILE = "Nämnden.xlsx"


def _refuse_colliding_names(names: list[str]) -> None:
    """Two verksamheter whose files would be one on Windows or macOS (`Bad` and `BAD`)."""
    seen = {file_key(NAMND_FILE): "nämndens arbetsbok"}
    for name in names:
        stem = safe_file_name(name)
        if not stem:
            raise OutputError(f"Verksamheten ”{name}” ger inget filnamn. Ge den ett namn med "
                              "bokstäver eller siffror.")
        key = file_key(stem + ".xlsx")
        if key in seen:
            raise OutputError(f"”{name}” får samma filnamn som {seen[key]} ({stem}.xlsx): "
                              "Windows och macOS skiljer inte på stora och små bokstäver. Ge "
                              "verksamheterna olika namn.")
        seen[key] = f"”{name}”"


def init_folder(folder: Path, year: int, kind: ReportType, verksamheter: list[str]) -> list[Path]:
    names = verksamheter or ["Verksamhet 1"]
    _refuse_colliding_names(names)
    files = {folder / NAMND_FILE: namnd_workbook(kind, year)}
    for order, name in enumerate(names, start=1):
        files[folder / (safe_file_name(name) + ".xlsx")] = verksamhet_workbook(name, order, kind,
                                                                               year)
    return _write_new(folder, files)


def init_example(folder: Path) -> list[Path]:
    """The shipped example report folder (the one in inputs/exempel/), copied to `folder`."""
    from .resources import example_dir

    files = {folder / source.name: source.read_bytes()
             for source in sorted(example_dir().glob("*.xlsx"))}
    return _write_new(folder, files)


def _write_new(folder: Path, files: dict[Path, bytes]) -> list[Path]:
    """All files or none (also on Ctrl-C), never over an existing file."""
    refuse_existing(folder, list(files))
    write_all_or_none(files)
    return list(files)


def refuse_existing(folder: Path, paths: list[Path]) -> None:
    """Any of `paths` already there, also spelt in other case (the same file on Windows)."""
    present = {file_key(p.name): p.name for p in folder.iterdir()} if folder.is_dir() else {}
    existing = [present[file_key(p.name)] for p in paths if file_key(p.name) in present]
    if existing:
        raise OutputError(f"Finns redan i {folder}: {', '.join(existing)}. Inget skrevs; välj "
                          f"en ny mapp eller flytta filerna.")
