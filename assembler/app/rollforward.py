"""`assemble init NY --från FÖRRA`: the next period's report folder from last period's.

Every workbook is copied with the economist's formats, widths and layout; each known sheet gets
the columns the new report type needs (the same definitions `init` writes), and each column is
carried, filled from another column of last period (a year shifted), or emptied. Column roles
come from the loader's contract definitions, so a header is recognised exactly as `validate`
recognises it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from copy import copy
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..read import cells
from ..contract import fmt
from . import init
from ..contract.findings import Findings, has_errors
from ..contract.amounts import BUDGET, Amount, deviation
from ..contract.sheets import (ATAGANDEN, BESLUT, BOKSLUT, CHAPTER, ECONOMY_SHEETS, EKONOMI, FEM_AR,
                               IAKTTAGELSER, INDIKATORER, KVITTERAT, LEVEL_HEADER, MALOMRADEN,
                               MONTHS, OWN_TABLE, RAPPORT, RECORDS, STATUSAR, TEXT, UNDERLAG,
                               VERKSAMHET_INFO, YEARS, Column, Sheet, kind_of, list_columns)
from ..read.load import FieldReader, read_verksamhet
from ..read.records import read_declarations
from ..contract.model import ReportType
from .files import OutputError, file_key, write_all_or_none
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


def _with_markers(sheet: Sheet, carried: set[str]) -> frozenset[str]:
    """A row that is carried keeps its markers: every column with a closed vocabulary (Radtyp
    marks the kommunbidrag, Diagram a Fem år row …)."""
    label = next(c.field for c in sheet.columns if c.kind == "label")
    markers = {c.field for c in sheet.columns if c.vocabulary is not None}
    return frozenset(carried | markers if label in carried else carried)


def _roll(sheet: Sheet, carried: set[str], *args, **kwargs) -> Roll:
    return Roll(sheet, _with_markers(sheet, carried), *args, **kwargs)


def declared_roll(sheet: Sheet) -> Roll:
    """A sheet whose columns declare how they move on (the amount sheets)."""
    return _roll(sheet, set(sheet.carried),
                 {c.field: c.within_year for c in sheet.columns if c.within_year},
                 {c.field: c.across_year for c in sheet.columns if c.across_year})


ROLL_LIST = [
    *(declared_roll(sheet) for sheet in (EKONOMI, *ECONOMY_SHEETS.values(), BOKSLUT)),
    _roll(INDIKATORER, {"malomrade", "group", "name", "unit", "target"},
         {"v0": "v0", "v1": "v1"}, _shift(2, "v2u")),
    _roll(FEM_AR, {"group", "name", "level", "chart"},
         {f"v{i}": f"v{i}" for i in range(4)}, _shift(4, "v4u")),
    _roll(ATAGANDEN, {"malomrade", "text", "status"}),
    _roll(IAKTTAGELSER, set()),
    _roll(MALOMRADEN, {"nr", "name"}),
    _roll(TEXT, {"key"}),
    _roll(BESLUT, {"nr", "value", "att"}, renamed=True),
    _roll(UNDERLAG, {"key"}, renamed=True),
]
ROLLS: dict[str, Roll] = {normalize(roll.sheet.title): roll for roll in ROLL_LIST}
RECORD_PREFIX = normalize(RECORDS.title) + " "

RAPPORT_CARRIED = [RAPPORT.field(attr).name for attr in (
    "kommun", "namnd", "forvaltning", "mottagare", "forslagsstallare", "forvaltningschef",
    "forvaltningschef_titel", "handlaggare", "belopp_i_text")]
RAPPORT_EMPTIED = [RAPPORT.field(attr).name for attr in ("beslutsdatum", "paragraf",
                                                          "diarienummer")]
VERKSAMHET_CARRIED = [VERKSAMHET_INFO.field(attr).name for attr in (
    "name", "ordning", "intraprenad", "visa_enheter", "ansvarig")]
VERKSAMHET_EMPTIED = [VERKSAMHET_INFO.field("ekonomisk_analys").name]
# a ram is the year's: kept within the year, emptied across it
RAPPORT_RAM = RAPPORT.field("ram").name
VERKSAMHET_RAM = VERKSAMHET_INFO.field("ram").name
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
    checks: list[str] = field(default_factory=list)  # what the economist should look at
    unchanged: bool = False  # a sheet carried as it is (Statusar, the kommun's own sheets)

    def lines(self) -> list[str]:
        if self.unchanged:
            return [f"{self.title}: förs över oförändrat"]
        parts = [("sätts", self.set_to), ("behålls", self.carried),
                 ("fylls från förra perioden", self.filled),
                 ("töms", self.emptied), ("läggs till", self.added), ("tas bort", self.removed),
                 ("kontrollera", self.checks)]
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
    if normalize(title) == normalize(BOKSLUT.title):  # not a starter, but its years move on
        return init.starter_sheet(BOKSLUT, kind, year)
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
    for field_name in old:  # a column `init` does not write (Delsumma, Budget period in
        # Kontogrupper) that the sheet has and the new kind uses rolls by its rule too
        if field_name not in wanted and by_field[field_name].used_in(new.contract_kind):
            wanted[field_name] = by_field[field_name].header_in(new.year)
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
                  rename: Callable[[str], str] | None = None) -> None:
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
                value = old_cells.get((row, slot.value_from), (None,))[0]
                cell.value = rename(value) if rename and isinstance(value, str) else value
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


# the report's name in running text, in every form: `delårsrapport`, `delårsrapporten`,
# `delårsrapportens`, `delårsrapports`; `årsberättelse`, `årsberättelsen` …; an interim report's
# number (`Delårsrapport 2`, `Delårsrapport med prognos 2`) and a year after it (`, år 2025`)
_FORMS = {"delårsrapport": ("", "en", "ens", "s"), "årsberättelse": ("", "n", "ns", "s")}
_MENTION = re.compile(
    r"\b(?P<word>[Dd]elårsrapport|[Åå]rsberättelse)(?P<suffix>ens|ns|en|n|s)?\b"
    r"(?P<number>\s+(?:med\s+prognos\s+)?[123](?!\d))?"
    r"(?P<year>,?\s+(?:för\s+)?(?:år\s+)?(?P<digits>\d{4})\b)?")


def _word(kind: ReportType) -> str:
    return "årsberättelse" if kind.is_annual else "delårsrapport"


def _number(kind: ReportType) -> str:
    return "" if kind.is_annual else kind.value.split()[-1]


def rename_mentions(text: str, previous: Period, new: Period) -> str:
    """Last period's report named as the new one, in the same grammatical form and case:
    `Årsberättelsen 2020 lämnas` → `Delårsrapporten 2021 lämnas`. A mention of another report
    (another year, another interim number) is left as it is."""
    if previous.title != previous.kind.default_title:  # the kommun's own title
        text = text.replace(f"{previous.title} {previous.year}", f"{new.title} {new.year}")
        text = text.replace(previous.title, new.title)
    old_word, new_word = _word(previous.kind), _word(new.kind)

    def replace(match: re.Match) -> str:
        word, suffix = match.group("word"), match.group("suffix") or ""
        number, year = match.group("number") or "", match.group("year") or ""
        old_number = number.split()[-1] if number else ""
        if (word.lower() != old_word or suffix not in _FORMS[old_word]
                or (old_number and old_number != _number(previous.kind))
                or (year and int(match.group("digits")) != previous.year)):
            return match.group(0)
        form = _FORMS[old_word].index(suffix)
        renamed = new_word + _FORMS[new_word][form]
        if number and not new.kind.is_annual:
            renamed += number[:-1] + _number(new.kind)
        elif form == 0 and year and not new.kind.is_annual:  # a title: `Årsberättelse 2020`
            renamed = new.title.lower()
        if word[0].isupper():
            renamed = renamed[0].upper() + renamed[1:]
        return renamed + (year[:-4] + str(new.year) if year else "")

    return _MENTION.sub(replace, text)


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


def _ram_roll(ws, ram: str, across: bool, change: SheetChange) -> dict[str, object]:
    """A Budget helår field given as a ram: kept within the year, emptied across it."""
    given = any(normalize(ws.cell(r, 1).value) == normalize(ram) and ws.cell(r, 2).value
                not in (None, "") for r in range(2, ws.max_row + 1))
    if not given:
        return {}
    (change.emptied if across else change.carried).append(ram)
    return {ram: None} if across else {}


def roll_rapport(ws, previous: Period, new: Period) -> SheetChange:
    change = SheetChange(ws.title, carried=list(RAPPORT_CARRIED), emptied=list(RAPPORT_EMPTIED))
    period = DEFAULT_PERIOD[new.kind]
    kind, title, year, month = (RAPPORT.field(attr).name for attr in (
        "rapporttyp", "rapporttitel", "ar", "period_month"))
    ram = _ram_roll(ws, RAPPORT_RAM, new.year != previous.year, change)
    set_fields(ws, {kind: new.kind.value, title: new.title, year: new.year, month: period,
                    **{f: None for f in RAPPORT_EMPTIED}, **ram})
    change.set_to = [f"{kind} {new.kind.value}", f"{title} {new.title}", f"{year} {new.year}",
                     f"{month} {period} (kontrollera)"]
    return change


def roll_verksamhet(ws, accumulated: Decimal | str | None, across: bool = False) -> SheetChange:
    """`accumulated`: the new Ingående ackumulerat resultat, or why it cannot be computed."""
    change = SheetChange(ws.title, carried=list(VERKSAMHET_CARRIED),
                         emptied=list(VERKSAMHET_EMPTIED))
    values: dict[str, object] = {f: None for f in VERKSAMHET_EMPTIED}
    values |= _ram_roll(ws, VERKSAMHET_RAM, across, change)
    if isinstance(accumulated, Decimal):
        values[ACCUMULATED] = float(accumulated)
        change.set_to.append(f"{ACCUMULATED} {fmt.tkr(accumulated)} tkr (förra årets "
                             f"ingående plus årets avvikelse; kontrollera)")
    else:
        change.carried.append(ACCUMULATED)
        if accumulated:
            change.checks.append(f"{ACCUMULATED} ({accumulated})")
    set_fields(ws, values)
    return change


def roll_records(ws, groups: list[str]) -> SheetChange:
    """A `Poster …` sheet: its groups stay (the KF-mål and their åtaganden), the text of the
    records is the period's and is emptied. Ungrouped, the first column is what stays."""
    headers = {cell.column: str(cell.value) for cell in ws[1] if cell.value is not None}
    wanted = {normalize(g) for g in groups}
    kept = [c for c, h in headers.items() if normalize(h) in wanted] or sorted(headers)[:1]
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if cell.column not in kept:
                cell.value = None
    return SheetChange(ws.title, carried=[headers[c] for c in kept],
                       emptied=[h for c, h in headers.items() if c not in kept])


def record_groups(books) -> dict[str, list[str]]:
    """The group columns `Postgrupper` declares, by the record sheet's name (normalized)."""
    namnd = next((b for b in books if b.sheet(RAPPORT.title) is not None), None)
    if namnd is None:
        return {}
    return {normalize(d.sheet): d.groups for d in read_declarations(namnd, Findings())}


def accumulated_after(book, previous: Period) -> Decimal | str | None:
    """An intraprenad's accumulated result after the year just closed; a reason instead when
    a row lacks its outcome or budget (a blank is never a zero)."""
    from ..compute.economy import summed_rows, total_figures

    if not previous.kind.is_annual:
        return None
    verksamhet = read_verksamhet(book, previous.year, previous.contract_kind, Findings())
    if verksamhet is None or not verksamhet.intraprenad:
        return None
    rows = summed_rows(verksamhet.ekonomi.rows)
    if not rows:
        return None
    for attr in (Amount.UTFALL_HELAR, BUDGET):
        own_ram = attr == BUDGET and verksamhet.ram is not None
        blank = [r.name for r in rows if attr not in r.amounts and not own_ram]
        if blank:
            header = EKONOMI.column(attr).header
            return (f"{header} saknas i Ekonomi för {', '.join(blank)}, så årets avvikelse kan "
                    f"inte räknas; förra årets värde står kvar, räkna fram det nya")
    return verksamhet.ingaende_ack + deviation(total_figures(verksamhet), annual=True)


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
    if not YEARS[0] <= year <= YEARS[1]:
        raise OutputError(f"Nästa period blir {kind.value} {year}, men År kan bara vara "
                          f"{YEARS[0]}–{YEARS[1]}. Inget skrevs; ange perioden med --år och "
                          f"--rapporttyp.")
    # a report of its own name (`Kvalitetsredovisning`) keeps it while its kind stays the same
    own_title = previous.title != previous.kind.default_title and kind is previous.kind
    return Period(kind, year, previous.title if own_title else kind.default_title)


def acknowledgements_to_check(ws) -> SheetChange:
    """Kvitterat is carried as it is: each row is a warning of the last period, to be checked
    against this period's (a place may have moved; a stale row says so when validated)."""
    rows = sum(1 for row in ws.iter_rows(min_row=2, max_col=1, values_only=True) if row[0])
    if not rows:
        return SheetChange(ws.title)
    noun = "kvitterad varning" if rows == 1 else "kvitterade varningar"
    return SheetChange(ws.title, checks=[f"{rows} {noun} från förra perioden; stämmer "
                                           f"de fortfarande?"])


# --- sheets the contract does not roll column by column -----------------------------------------

def empty_columns(ws, fields: set[str], columns: Sequence[Column], year: int,
                  change: SheetChange) -> None:
    """Rows stay; the values of the columns holding `fields` are emptied, the others kept."""
    for index in range(1, ws.max_column + 1):
        header = ws.cell(1, index).value
        if header is None:
            continue
        column = field_of(header, columns, year)
        if column is not None and column.field in fields:
            for row in range(2, ws.max_row + 1):
                ws.cell(row, index).value = None
            change.emptied.append(str(header))
        else:
            change.carried.append(str(header))


def empty_own_table(ws, change: SheetChange) -> None:
    """`Tabell …`: row names and levels stay, last period's values and notes are emptied."""
    kept = {normalize(LEVEL_HEADER)}
    for index in range(1, ws.max_column + 1):
        header = ws.cell(1, index).value
        if header is None:
            continue
        if index == 1 or normalize(header) in kept:
            change.carried.append(str(header))
            continue
        for row in range(2, ws.max_row + 1):
            ws.cell(row, index).value = None
        change.emptied.append(str(header))


def rewrite_instructions(ws, new: Period) -> SheetChange:
    ws.delete_rows(1, ws.max_row)
    for row, line in enumerate(init.instructions(new.kind, new.year), start=1):
        ws.cell(row, 1, line)
    return SheetChange(ws.title, set_to=[f"anvisningarna för {new.kind.value} {new.year}"])


def roll_other_sheet(ws, previous: Period, new: Period, list_names: set[str]) -> SheetChange:
    """A sheet outside ROLLS: the kommun's own chapters and tables are emptied like the running
    text and the period's figures; a declared list keeps its items and empties its comments;
    any other sheet (Statusar, notes) is carried as it is, and said to be."""
    change = SheetChange(ws.title)
    title = normalize(" ".join(ws.title.split()))
    if title == normalize(init.INSTRUCTIONS_TITLE):
        return rewrite_instructions(ws, new)
    if title.startswith(normalize(CHAPTER.title) + " "):
        empty_columns(ws, {"text"}, CHAPTER.columns, previous.year, change)
    elif title.startswith(normalize(OWN_TABLE.title) + " "):
        empty_own_table(ws, change)
    elif title in list_names:
        empty_columns(ws, {"comment"}, list_columns(ws.title), previous.year, change)
    else:
        change.unchanged = True
    return change


def declared_lists(books) -> set[str]:
    """The lists the nämnd's Statusar declares (their sheets), normalized."""
    from ..read.lists import read_statuses

    namnd = next((b for b in books if b.sheet(RAPPORT.title) is not None), None)
    declared = namnd.sheet(STATUSAR.title) if namnd else None
    return set(read_statuses(declared, Findings())) if declared is not None else set()


def closed_years(books, source: Path, previous: Period) -> dict[str, tuple]:
    """From an årsberättelse whose nämnd keeps the sheet Bokslut: per verksamhet (its name
    normalized) last year's Bokslut as the report showed it, and the outcome of the year just
    closed, both net costs (None where not known)."""
    from ..compute.years import year_figures
    from ..contract.sums import net_figures
    from ..read.folder import load_report

    if not previous.kind.is_annual or not any(b.sheet(BOKSLUT.title) for b in books):
        return {}
    report = load_report(source, Findings())
    if report is None or report.bokslut is None:
        return {}
    return {normalize(v.name): (year_figures(v, report).get(Amount.BOKSLUT_FG),
                                net_figures(v).get(Amount.UTFALL_HELAR))
            for v in report.verksamheter}


def fill_closed_years(ws, closed: dict[str, tuple], year: int, change: SheetChange) -> None:
    """The sheet Bokslut across a year: the year just closed becomes Bokslut fg år, and the
    year before it Bokslut år-2 where the sheet had left it to Ekonomi."""
    columns = {c.field: index for index in range(1, ws.max_column + 1)
               if (c := field_of(ws.cell(1, index).value, BOKSLUT.columns, year)) is not None}
    label, last_column = columns.get(BOKSLUT.label.field), columns.get(Amount.BOKSLUT_FG)
    before_column = columns.get(Amount.BOKSLUT_AR2)
    if label is None:
        return
    if last_column is None:  # the sheet left last year to Ekonomi: the column comes in now
        last_column = ws.max_column + 1
        ws.cell(1, last_column).value = BOKSLUT.column(Amount.BOKSLUT_FG).header_in(year)
        ws.cell(1, last_column)._style = copy(ws.cell(1, last_column - 1)._style)
    for row in range(2, ws.max_row + 1):
        last, outcome = closed.get(normalize(ws.cell(row, label).value), (None, None))
        if outcome is not None:
            ws.cell(row, last_column).value = float(outcome)
            ws.cell(row, last_column).number_format = init.AMOUNT_FORMAT
        if last is not None and before_column and ws.cell(row, before_column).value is None:
            ws.cell(row, before_column).value = float(last)
    header = ws.cell(1, last_column).value
    change.emptied = [h for h in change.emptied if h != header]
    change.filled.append(f"{header} ← {EKONOMI.column(Amount.UTFALL_HELAR).header} i Ekonomi")


def roll_book(raw_book, previous: Period, new: Period,
              list_names: set[str] | None = None,
              groups: dict[str, list[str]] | None = None,
              closed: dict[str, tuple] | None = None) -> tuple[bytes, list[SheetChange]]:
    import openpyxl

    workbook = openpyxl.load_workbook(raw_book.path)
    values = openpyxl.load_workbook(raw_book.path, data_only=True)
    changes = []
    for ws in workbook.worksheets:
        title = normalize(ws.title)
        if title == normalize(RAPPORT.title):
            changes.append(roll_rapport(ws, previous, new))
        elif title == normalize(VERKSAMHET_INFO.title):
            changes.append(roll_verksamhet(ws, accumulated_after(raw_book, previous),
                                           new.year != previous.year))
        elif title.startswith(RECORD_PREFIX):
            name = title[len(RECORD_PREFIX):].strip()
            changes.append(roll_records(ws, (groups or {}).get(name, [])))
        elif title == normalize(KVITTERAT.title):
            changes.append(acknowledgements_to_check(ws))
        elif title in ROLLS:
            roll = ROLLS[title]
            change = SheetChange(ws.title)
            slots = plan_columns(ws, roll, previous, new, change)
            definition = init_sheet(ws.title, new.kind, new.year)
            rewrite_sheet(ws, values[ws.title], slots, definition,
                          (lambda text: rename_mentions(text, previous, new))
                          if roll.renamed else None)
            if roll.sheet is BOKSLUT and closed:
                fill_closed_years(ws, closed, new.year, change)
            changes.append(change)
        else:
            changes.append(roll_other_sheet(ws, previous, new, list_names or set()))
    changes += [SheetChange(chart.title, unchanged=True) for chart in workbook.chartsheets]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), changes


class RollRefused(OutputError):
    """Last period's folder cannot be carried whole: its findings say why."""

    def __init__(self, message: str, findings: list):
        super().__init__(message)
        self.findings = findings


def _readable_books(source: Path) -> list:
    """Every workbook of last period's folder, or a refusal: a workbook that cannot be read
    would otherwise be left out of the new folder without a word."""
    findings = Findings()
    books = read_folder(source, findings)
    if has_errors(findings):
        raise RollRefused(f"{source} kan inte föras över i sin helhet: en fil i den kan inte "
                          f"läsas (se ovan). Inget skrevs. Rätta filen, eller flytta den från "
                          f"mappen, och kör igen.", findings)
    return books


def _refuse_mixed_folder(target: Path, books) -> None:
    """The new folder's workbooks beside others already in `target`: never a second nämnd
    workbook, never a second workbook for the same verksamhet."""
    if not target.is_dir():
        return
    ours = {file_key(b.name) for b in books}
    wanted = {normalize(RAPPORT.title), normalize(VERKSAMHET_INFO.title)}
    ours_names = {normalize(name) for b in books if (name := _verksamhet_name(b))}
    for other in read_folder(target, Findings(), wanted):
        if file_key(other.name) in ours:
            continue  # refused as existing
        if other.sheet(RAPPORT.title) is not None:
            raise OutputError(f"I {target} finns redan en nämndarbetsbok, {other.name}; mappen "
                              f"skulle få två. Inget skrevs; välj en ny, tom mapp.")
        name = _verksamhet_name(other)
        if name and normalize(name) in ours_names:
            raise OutputError(f"I {target} finns redan {other.name} för verksamheten ”{name}”, "
                              f"som också förs över från förra perioden. Inget skrevs; välj en "
                              f"ny, tom mapp.")


def _verksamhet_name(book) -> str | None:
    sheet = book.sheet(VERKSAMHET_INFO.title)
    if sheet is None or book.sheet(RAPPORT.title) is not None:
        return None
    return FieldReader(sheet, Findings()).read(VERKSAMHET_INFO.field("name")) or None


def roll_folder(source: Path, target: Path, kind: ReportType | None = None,
                year: int | None = None) -> RollResult:
    """Write the next period's folder: every workbook or none, never over an existing file."""
    if not source.is_dir():
        raise OutputError(f"Mappen {source} finns inte. Ange förra periodens rapportmapp med "
                          f"--från.")
    if source.resolve() == target.resolve():
        raise OutputError("Den nya mappen måste vara en annan än förra periodens.")
    books = _readable_books(source)
    previous = previous_period(books, source)
    new = next_period(previous, kind, year)
    result = RollResult(previous, new)
    init.refuse_existing(target, [target / b.name for b in books])
    _refuse_mixed_folder(target, books)
    list_names = declared_lists(books)
    files = {}
    groups = record_groups(books)
    closed = closed_years(books, source, previous) if new.year != previous.year else {}
    for book in books:
        data, changes = roll_book(book, previous, new, list_names, groups, closed)
        files[target / book.name] = data
        result.books.append(RolledBook(target / book.name, changes))
    write_all_or_none(files)
    return result
