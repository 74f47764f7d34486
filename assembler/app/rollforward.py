"""`assemble init NY --från FÖRRA`: the next period's report folder from last period's.

Every workbook is copied with the economist's formats, widths and layout; each known sheet gets
the columns the new report type needs (the same definitions `init` writes), and each column is
carried, filled from another column of last period (a year shifted), or emptied. Column roles
come from the loader's contract definitions, so a header is recognised exactly as `validate`
recognises it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..read import cells
from ..contract import fmt
from . import init
from ..contract.findings import Findings
from ..contract.sheets import (ATAGANDEN, BESLUT, EKONOMI, FEM_AR, IAKTTAGELSER, INDIKATORER,
                               INVESTERINGAR, KONTOGRUPPER, KVITTERAT, MALOMRADEN, MONTHS, RAPPORT,
                               TEXT, UNDERLAG, VERKSAMHET_INFO, VERKSAMHETSOMRADEN, Column, Sheet,
                               kind_of)
from ..read.load import FieldReader, read_verksamhet
from ..contract.model import ReportType
from .files import OutputError, write_atomic
from ..read.workbook import normalize, read_folder

NEXT_KIND = {ReportType.INTERIM_1: ReportType.INTERIM_2,
             ReportType.INTERIM_2: ReportType.ANNUAL,
             ReportType.ANNUAL: ReportType.INTERIM_1}
DEFAULT_PERIOD = {ReportType.INTERIM_1: MONTHS[3], ReportType.INTERIM_2: MONTHS[7],
                  ReportType.ANNUAL: MONTHS[11]}


@dataclass(frozen=True)
class Roll:
    """How one sheet moves on: fields kept as they are, and new field ← old field within a year
    and across a year. Every other field is emptied."""

    sheet: Sheet
    carried: frozenset[str]
    within_year: dict[str, str] = field(default_factory=dict)
    across_year: dict[str, str] = field(default_factory=dict)
    renamed: bool = False  # carried texts name the report (Beslut, Beslutsunderlag)

    @property
    def columns(self) -> tuple[Column, ...]:
        return self.sheet.columns

    def source(self, new_field: str, across: bool) -> str | None:
        if new_field in self.carried:
            return new_field
        return (self.across_year if across else self.within_year).get(new_field)


def _shift(count: int, current: str) -> dict[str, str]:
    """v0 ← v1 … and the last year ← this year's outcome."""
    shifted = {f"v{i}": f"v{i + 1}" for i in range(count - 1)}
    shifted[f"v{count - 1}"] = current
    return shifted


ROLL_LIST = [
    Roll(EKONOMI, frozenset({"name", "varav"}),
         {"bokslut_fg": "bokslut_fg", "budget_helar": "budget_helar",
          "prognos_fg_delar": "prognos_helar"},
         {"bokslut_fg": "utfall_helar"}),
    Roll(KONTOGRUPPER, frozenset({"name"}),
         {"bokslut_fg": "bokslut_fg", "budget_fg": "budget_fg", "budget_helar": "budget_helar"},
         {"bokslut_fg": "utfall_helar", "budget_fg": "budget_helar"}),
    Roll(VERKSAMHETSOMRADEN, frozenset({"name"}),
         {"bokslut_fg": "bokslut_fg", "budget_helar": "budget_helar"},
         {"bokslut_fg": "utfall_helar"}),
    Roll(INVESTERINGAR, frozenset({"name"}), {"budget_helar": "budget_helar"}),
    Roll(INDIKATORER, frozenset({"malomrade", "group", "name", "unit", "target"}),
         {"v0": "v0", "v1": "v1"}, _shift(2, "v2u")),
    Roll(FEM_AR, frozenset({"group", "name", "level", "chart"}),
         {f"v{i}": f"v{i}" for i in range(4)}, _shift(4, "v4u")),
    Roll(ATAGANDEN, frozenset({"malomrade", "text", "status"})),
    Roll(IAKTTAGELSER, frozenset()),
    Roll(MALOMRADEN, frozenset({"nr", "name"})),
    Roll(TEXT, frozenset({"key"})),
    Roll(BESLUT, frozenset({"nr", "value", "att"}), renamed=True),
    Roll(UNDERLAG, frozenset({"key"}), renamed=True),
]
ROLLS: dict[str, Roll] = {normalize(roll.sheet.title): roll for roll in ROLL_LIST}

RAPPORT_CARRIED = [RAPPORT.field(attr).name for attr in (
    "kommun", "namnd", "forvaltning", "mottagare", "forslagsstallare", "forvaltningschef",
    "handlaggare", "belopp_i_text")]
RAPPORT_EMPTIED = [RAPPORT.field(attr).name for attr in ("beslutsdatum", "paragraf",
                                                          "diarienummer")]
VERKSAMHET_CARRIED = [VERKSAMHET_INFO.field(attr).name for attr in (
    "name", "ordning", "intraprenad", "visa_enheter", "ansvarig")]
VERKSAMHET_EMPTIED = [VERKSAMHET_INFO.field("ekonomisk_analys").name]
ACCUMULATED = VERKSAMHET_INFO.field("ingaende_ack").name


@dataclass
class Period:
    kind: ReportType
    year: int
    title: str

    @property
    def contract_kind(self) -> str:
        return kind_of(self.kind)


@dataclass
class SheetChange:
    title: str
    carried: list[str] = field(default_factory=list)
    filled: list[str] = field(default_factory=list)  # "Bokslut 2025 ← Utfall helår"
    set_to: list[str] = field(default_factory=list)  # "År 2026": a new value, not carried
    emptied: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    to_check: list[str] = field(default_factory=list)  # carried, but the economist must look

    def lines(self) -> list[str]:
        parts = [("sätts", self.set_to), ("behålls", self.carried),
                 ("fylls från förra perioden", self.filled),
                 ("töms", self.emptied), ("läggs till", self.added), ("tas bort", self.removed),
                 ("kontrollera", self.to_check)]
        return [f"{self.title}: {label}: {', '.join(items)}" for label, items in parts if items]


@dataclass
class RolledBook:
    path: Path
    changes: list[SheetChange] = field(default_factory=list)


@dataclass
class RollResult:
    previous: Period
    new: Period
    books: list[RolledBook] = field(default_factory=list)

    def books_by_change(self) -> dict[tuple[str, ...], list[Path]]:
        """Workbooks that changed alike, together: the verksamheter usually do."""
        grouped: dict[tuple[str, ...], list[Path]] = {}
        for book in self.books:
            lines = tuple(line for change in book.changes for line in change.lines())
            grouped.setdefault(lines, []).append(book.path)
        return grouped


# --- which sheet definitions the new period uses ----------------------------------------------

def init_sheet(title: str, kind: ReportType, year: int) -> init.Sheet | None:
    """The sheet as `init` writes it in the new period, if `init` writes it."""
    sheets = [*init.verksamhet_sheets(kind, year), *init.namnd_sheets(kind, year)]
    return next((s for s in sheets if normalize(s.title) == normalize(title)), None)


def new_sheet_headers(title: str, kind: ReportType, year: int) -> list[str] | None:
    """The headers `init` writes for this sheet in the new period."""
    sheet = init_sheet(title, kind, year)
    return sheet.headers if sheet else None


def field_of(header: object, columns: Sequence[Column], year: int) -> Column | None:
    name = normalize(header) if header is not None else ""
    return next((c for c in columns if name and name in c.headers_for(year)), None)


def is_role_header(header: object, column: Column) -> bool:
    """`Bokslut fg år` rather than `Bokslut 2024`: stays right in any year."""
    return normalize(header) == normalize(column.header)


# --- one sheet ---------------------------------------------------------------------------------

@dataclass
class Slot:
    """One column of the new sheet."""
    header: str
    field: str | None  # None: a column the contract does not know, kept as it is
    layout: int | None  # old column whose widths and formats it takes
    value_from: int | None  # old column whose values it takes


def plan_columns(ws, roll: Roll, previous: Period, new: Period,
                 change: SheetChange) -> list[Slot]:
    across = new.year != previous.year
    old: dict[str, tuple[int, object]] = {}  # field → (column index, header)
    slots: list[Slot] = []
    wanted_headers = new_sheet_headers(ws.title, new.kind, new.year) or []
    wanted = {c.field: h for h in wanted_headers
              if (c := field_of(h, roll.columns, new.year)) is not None}
    required = {c.field for c in roll.columns if new.contract_kind in c.required}
    for index in range(1, ws.max_column + 1):
        header = ws.cell(1, index).value
        if header is None:
            continue
        column = field_of(header, roll.columns, previous.year)
        if column is None:
            slots.append(Slot(str(header), None, index, index))
            change.carried.append(str(header))
            continue
        old[column.field] = (index, header)
    by_field = {c.field: c for c in roll.columns}
    for field_name, header in wanted.items():
        source = roll.source(field_name, across)
        present = field_name in old
        if not (present or field_name in required or (source and source in old)):
            continue
        column = by_field[field_name]
        if present and is_role_header(old[field_name][1], column):
            header = str(old[field_name][1])
        value_from = old[source][0] if source is not None and source in old else None
        layout = old[field_name][0] if present else value_from
        slots.append(Slot(header, field_name, layout, value_from))
        if value_from is None:
            (change.emptied if present else change.added).append(header)
        elif source == field_name:
            change.carried.append(header)
        else:
            change.filled.append(f"{header} ← {old[source][1] if source else ''}")
    kept = {s.field for s in slots}
    change.removed += [str(h) for f, (_, h) in old.items() if f not in kept]
    return _in_old_order(slots, old, list(wanted))


def _in_old_order(slots: list[Slot], old: dict, wanted_fields: list[str]) -> list[Slot]:
    """The economist's column order; a new column goes after the column `init` puts before it."""
    rank = {f: i for i, f in enumerate(wanted_fields)}

    def key(slot: Slot) -> tuple:
        if slot.layout is not None and (slot.field is None or slot.field in old):
            return (slot.layout, 0)
        own = rank.get(slot.field or "", len(rank))
        before = [s.layout or 0 for s in slots
                  if s.field in old and rank.get(s.field or "", own) < own]
        return (max(before, default=0), 1 + own)

    return sorted(slots, key=key)


def rewrite_sheet(ws, values_ws, slots: list[Slot], definition: init.Sheet | None,
                  renames: dict[str, str]) -> None:
    """Lay the sheet out anew in place: widths and cell formats follow their old column."""
    from openpyxl.utils import get_column_letter

    height = ws.max_row
    old_cells = {(r, c): (values_ws.cell(r, c).value, copy(ws.cell(r, c)._style))
                 for r in range(1, height + 1) for c in range(1, ws.max_column + 1)}
    widths = {c: ws.column_dimensions[get_column_letter(c)].width
              for c in range(1, ws.max_column + 1)}
    moved = [s.layout for s in slots] != list(range(1, len(slots) + 1))
    ws._cells.clear()
    for new_index, slot in enumerate(slots, start=1):
        letter = get_column_letter(new_index)
        width = widths.get(slot.layout) if slot.layout else 16
        ws.column_dimensions[letter].width = width or 16
        for row in range(1, height + 1):
            cell = ws.cell(row, new_index)
            style_from = (row, slot.layout) if slot.layout else (1 if row == 1 else 2, 1)
            if style_from in old_cells:
                cell._style = copy(old_cells[style_from][1])
            if row == 1:
                cell.value = slot.header
            elif slot.layout is None and definition and new_index > 1:
                cell.number_format = init.AMOUNT_FORMAT
            if row > 1 and slot.value_from is not None:
                cell.value = _renamed(old_cells.get((row, slot.value_from), (None,))[0], renames)
    for extra in range(len(slots) + 1, max(widths, default=0) + 1):
        del ws.column_dimensions[get_column_letter(extra)]
    if moved:
        _dropdowns_anew(ws, slots, definition)


def _dropdowns_anew(ws, slots: list[Slot], definition: init.Sheet | None) -> None:
    """Columns moved: the old validations would point at the wrong columns."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation, DataValidationList

    ws.data_validations = DataValidationList()
    if definition is None:
        return
    position = {s.header: i for i, s in enumerate(slots, start=1)}
    for column, values, strict in definition.dropdowns:
        header = definition.headers[column - 1]
        if header in position:
            letter = get_column_letter(position[header])
            init._dropdown(ws, DataValidation, f"{letter}2:{letter}{init.FORMATTED_ROWS + 1}",
                              values, strict)


def _renamed(value, renames: dict[str, str]):
    if not isinstance(value, str) or not renames:
        return value
    for old, new in renames.items():
        value = value.replace(old, new)
    return value


def title_renames(previous: Period, new: Period) -> dict[str, str]:
    """Texts that name last period's report, named for the new one (longest first)."""
    pairs = {f"{previous.title} {previous.year}": f"{new.title} {new.year}",
             previous.title: new.title, previous.kind.value: new.kind.value}
    if previous.kind.is_annual != new.kind.is_annual:
        words = [("delårsrapporten", "årsberättelsen"), ("Delårsrapporten", "Årsberättelsen"),
                 ("delårsrapport", "årsberättelse"), ("Delårsrapport", "Årsberättelse")]
        pairs.update(dict(words) if new.kind.is_annual else {b: a for a, b in words})
    return {old: new for old, new in pairs.items() if old != new}


# --- the Fält/Värde sheets ---------------------------------------------------------------------

def set_fields(ws, values: dict[str, object]) -> None:
    rows = {normalize(ws.cell(r, 1).value): r for r in range(2, ws.max_row + 1)
            if ws.cell(r, 1).value is not None}
    for name, value in values.items():
        row = rows.get(normalize(name))
        if row is None:
            row = ws.max_row + 1
            ws.cell(row, 1, name)
        ws.cell(row, 2).value = value


def roll_rapport(ws, previous: Period, new: Period) -> SheetChange:
    change = SheetChange(ws.title, carried=list(RAPPORT_CARRIED), emptied=list(RAPPORT_EMPTIED))
    period = DEFAULT_PERIOD[new.kind]
    kind, title, year, month = (RAPPORT.field(attr).name for attr in (
        "rapporttyp", "rapporttitel", "ar", "period_month"))
    set_fields(ws, {kind: new.kind.value, title: new.title, year: new.year, month: period,
                    **{f: None for f in RAPPORT_EMPTIED}})
    change.set_to = [f"{kind} {new.kind.value}", f"{title} {new.title}", f"{year} {new.year}",
                     f"{month} {period} (kontrollera)"]
    return change


def roll_verksamhet(ws, accumulated: Decimal | None) -> SheetChange:
    change = SheetChange(ws.title, carried=list(VERKSAMHET_CARRIED),
                         emptied=list(VERKSAMHET_EMPTIED))
    values: dict[str, object] = {f: None for f in VERKSAMHET_EMPTIED}
    if accumulated is not None:
        values[ACCUMULATED] = float(accumulated)
        change.set_to.append(f"{ACCUMULATED} {fmt.tkr(accumulated)} tkr (förra årets "
                             f"ingående plus årets avvikelse; kontrollera)")
    else:
        change.carried.append(ACCUMULATED)
    set_fields(ws, values)
    return change


def accumulated_after(book, previous: Period) -> Decimal | None:
    """An intraprenad's accumulated result after the year just closed."""
    from ..compute.economy import sum_figures, summed_rows

    if not previous.kind.is_annual:
        return None
    verksamhet = read_verksamhet(book, previous.year, previous.contract_kind, Findings())
    if verksamhet is None or not verksamhet.intraprenad:
        return None
    total = sum_figures([r.amounts for r in summed_rows(verksamhet.ekonomi.rows)])
    return verksamhet.ingaende_ack + total.get("utfall_helar", Decimal(0)) - total.get(
        "budget_helar", Decimal(0))


# --- the folder ----------------------------------------------------------------------------------

def previous_period(books, source: Path) -> Period:
    namnd = [b for b in books if b.sheet(RAPPORT.title) is not None]
    if len(namnd) != 1:
        raise OutputError(f"{source} har inte exakt en nämndarbetsbok (med bladet Rapport). "
                          f"Kontrollera mappen med assemble validate {source}.")
    fields = FieldReader(namnd[0].sheet(RAPPORT.title), Findings())
    kind = fields.read(RAPPORT.field("rapporttyp"))
    year = fields.get(RAPPORT.field("ar").name, cells.integer)
    if kind is None or year is None:
        raise OutputError(f"Rapporttyp och År i {namnd[0].name} › Rapport kan inte läsas. "
                          f"Kontrollera mappen med assemble validate {source}.")
    kind = ReportType(kind)
    title = fields.read(RAPPORT.field("rapporttitel"), default=kind.default_title)
    return Period(kind, year, title)


def next_period(previous: Period, kind: ReportType | None, year: int | None) -> Period:
    kind = kind or NEXT_KIND[previous.kind]
    if year is None:
        year = previous.year + 1 if previous.kind.is_annual else previous.year
    return Period(kind, year, kind.default_title)


def acknowledgements_to_check(ws) -> SheetChange:
    """Kvitterat is carried as it is: each row is a warning of the last period, to be checked
    against this period's (a place may have moved; a stale row says so when validated)."""
    rows = sum(1 for row in ws.iter_rows(min_row=2, max_col=1, values_only=True) if row[0])
    if not rows:
        return SheetChange(ws.title)
    noun = "kvitterad varning" if rows == 1 else "kvitterade varningar"
    return SheetChange(ws.title, to_check=[f"{rows} {noun} från förra perioden; stämmer "
                                           f"de fortfarande?"])


def roll_book(raw_book, previous: Period, new: Period) -> tuple[bytes, list[SheetChange]]:
    import openpyxl

    workbook = openpyxl.load_workbook(raw_book.path)
    values = openpyxl.load_workbook(raw_book.path, data_only=True)
    renames = title_renames(previous, new)
    changes = []
    for ws in workbook.worksheets:
        title = normalize(ws.title)
        if title == normalize(RAPPORT.title):
            changes.append(roll_rapport(ws, previous, new))
        elif title == normalize(VERKSAMHET_INFO.title):
            changes.append(roll_verksamhet(ws, accumulated_after(raw_book, previous)))
        elif title == normalize(KVITTERAT.title):
            changes.append(acknowledgements_to_check(ws))
        elif title in ROLLS:
            roll = ROLLS[title]
            change = SheetChange(ws.title)
            slots = plan_columns(ws, roll, previous, new, change)
            definition = init_sheet(ws.title, new.kind, new.year)
            rewrite_sheet(ws, values[ws.title], slots, definition,
                          renames if roll.renamed else {})
            changes.append(change)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), changes


def roll_folder(source: Path, target: Path, kind: ReportType | None = None,
                year: int | None = None) -> RollResult:
    """Write the next period's folder; nothing is written when any file would be overwritten."""
    if not source.is_dir():
        raise OutputError(f"Mappen {source} finns inte. Ange förra periodens rapportmapp med "
                          f"--från.")
    if source.resolve() == target.resolve():
        raise OutputError("Den nya mappen måste vara en annan än förra periodens.")
    books = read_folder(source, Findings())
    previous = previous_period(books, source)
    new = next_period(previous, kind, year)
    result = RollResult(previous, new)
    existing = [b.name for b in books if (target / b.name).exists()]
    if existing:
        raise OutputError(f"Finns redan i {target}: {', '.join(existing)}. Inget skrevs; välj "
                          f"en ny mapp eller flytta filerna.")
    files = {}
    for book in books:
        data, changes = roll_book(book, previous, new)
        files[target / book.name] = data
        result.books.append(RolledBook(target / book.name, changes))
    for path, data in files.items():
        write_atomic(path, data)
    return result
