"""Model: raw sheets → parts of the pydantic report model, with a finding for every contract
breach. `load_folder` puts the parts of a whole folder together.

All findings are collected in one pass; a value that cannot be read is left out of the model and
reported, so later stages never see it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from . import cells
from .cells import CellError
from ..contract.findings import Findings
from ..contract.model import (AmountSheet, BudgetModel, DecisionPoint, EconomyRow, Organ, ReportInfo,
                    ReportType, Source, SupportingDocument, Verksamhet)
from .workbook import RawCell, RawSheet, RawWorkbook, normalize

CONTROL_TOTAL_LABELS = {"summa", "totalt", "total", "nettokostnad", "resultat"}
ROW_TYPES = {"kommunbidrag": "Kommunbidrag", "kommunersättning": "Kommunbidrag"}
KOMMUNBIDRAG_NAMES = {"kommunbidrag", "kommunersättning", "kommunersättningar"}
BUDGET_MODELS = {normalize(m.value): m.value for m in BudgetModel}
DELAR, ANNUAL = "delår", "år"  # which report kinds require a column
KIND_NAMES = {DELAR: "delårsrapport", ANNUAL: "årsberättelse"}


@dataclass(frozen=True)
class Column:
    field: str
    header: str  # as in the contract; `fg år` and `år-N` are year-bearing roles
    kind: str = "amount"  # amount | text | label
    required: tuple[str, ...] = ()  # report kinds that require it: DELAR, ANNUAL
    only: tuple[str, ...] = ()  # the report kinds that use it, when not all

    def used_in(self, kind: str) -> bool:
        used = self.only or (self.required if len(self.required) == 1 else (DELAR, ANNUAL))
        return kind in used

    def year_offset(self) -> int | None:
        if normalize(self.header).endswith("fg år"):
            return 1
        match = re.search(r"år-(\d)$", normalize(self.header))
        return int(match.group(1)) if match else None

    def role_prefix(self) -> str:
        return re.sub(r"\s*(fg år|år-\d)$", "", normalize(self.header))

    def headers_for(self, year: int) -> set[str]:
        offset = self.year_offset()
        names = {normalize(self.header)}
        if offset is not None:
            names.add(f"{self.role_prefix()} {year - offset}")
        return names

    def expected_header(self, year: int) -> str:
        offset = self.year_offset()
        if offset is None:
            return self.header
        return f"{self.header} eller {self.header[:len(self.role_prefix())]} {year - offset}"


BOTH = (DELAR, ANNUAL)
EKONOMI = [
    Column("name", "Enhet", "label", BOTH),
    Column("bokslut_fg", "Bokslut fg år"),
    Column("utfall_period", "Utfall period", required=(DELAR,)),
    Column("budget_period", "Budget period", required=(DELAR,)),
    Column("budget_helar", "Budget helår", required=BOTH),
    Column("prognos_helar", "Prognos helår", required=(DELAR,)),
    Column("utfall_helar", "Utfall helår", required=(ANNUAL,)),
    Column("prognos_fg_delar", "Prognos fg delår", only=(DELAR,)),
    Column("avvikelse", "Avvikelse"),
    Column("varav", "Varav", "text"),
    Column("radtyp", "Radtyp", "text"),
]
KONTOGRUPPER = [
    Column("name", "Kontogrupp", "label", BOTH),
    Column("bokslut_fg", "Bokslut fg år"),
    Column("budget_fg", "Budget fg år"),
    Column("utfall_period_fg", "Utfall period fg år", only=(DELAR,)),
    Column("budget_helar", "Budget helår", required=BOTH),
    Column("utfall_period", "Utfall period", required=(DELAR,)),
    Column("prognos_helar", "Prognos helår", required=(DELAR,)),
    Column("utfall_helar", "Utfall helår", required=(ANNUAL,)),
    Column("radtyp", "Radtyp", "text"),
]
VERKSAMHETSOMRADEN = [
    Column("name", "Verksamhetsområde", "label", BOTH),
    Column("bokslut_fg", "Bokslut fg år"),
    Column("utfall_period", "Utfall period", required=(DELAR,)),
    Column("budget_period", "Budget period", required=(DELAR,)),
    Column("budget_helar", "Budget helår", required=BOTH),
    Column("prognos_helar", "Prognos helår", required=(DELAR,)),
    Column("utfall_helar", "Utfall helår", required=(ANNUAL,)),
]
INVESTERINGAR = [
    Column("name", "Objekt", "label", BOTH),
    Column("budget_helar", "Budget helår", required=BOTH),
    Column("utfall_period", "Utfall period", required=(DELAR,)),
    Column("prognos_helar", "Prognos helår", required=(DELAR,)),
    Column("utfall_helar", "Utfall helår", required=(ANNUAL,)),
]
KEY_VALUE = [Column("key", "Fält", "label", BOTH), Column("value", "Värde", "text", BOTH)]
TEXT = [Column("key", "Avsnitt", "label", BOTH), Column("value", "Text", "text", BOTH)]
BESLUT = [Column("nr", "Nr", "text"), Column("value", "Beslutspunkt", "label", BOTH),
          Column("att", "Att-sats", "text")]
UNDERLAG = [Column("key", "Dokument", "label", BOTH), Column("diarienummer", "Diarienummer", "text")]


class SheetReader:
    """Maps a sheet's header row to contract columns and yields rows as {field: RawCell}."""

    def __init__(self, sheet: RawSheet, columns: list[Column], year: int, kind: str,
                 findings: Findings):
        self.sheet, self.columns, self.findings = sheet, columns, findings
        self.by_letter: dict[str, Column] = {}
        self._map_headers(year, kind)

    def add(self, code: str, cell: str = "", **kw) -> None:
        self.findings.add(code, file=self.sheet.file, sheet=self.sheet.title, cell=cell, **kw)

    def _map_headers(self, year: int, kind: str) -> None:
        taken: dict[str, str] = {}  # field → header cell
        for letter, header in self.sheet.headers.items():
            name = normalize(header.value)
            column = next((c for c in self.columns if name in c.headers_for(year)), None)
            if column is not None and not column.used_in(kind) and year:
                self.add("R01-KOLUMN-OANVAND", header.coord, found=header.value,
                          expected=KIND_NAMES[kind])
                taken[column.field] = header.coord
                continue
            if column is not None and column.field not in taken:
                self.by_letter[letter] = column
                taken[column.field] = header.coord
                continue
            if column is not None:
                self.add("R01-DUBBEL-KOLUMN", header.coord, found=header.value,
                          expected=taken[column.field])
                continue
            wrong_year = self._year_role(name, taken)
            if wrong_year is not None and not year:  # År unreadable (reported): accept any year
                self.by_letter[letter] = wrong_year
                taken[wrong_year.field] = header.coord
            elif wrong_year is not None:
                self.add("R04-FEL-AR", header.coord, found=f"”{header.value}”",
                          expected=f"”{wrong_year.expected_header(year)}”")
                taken[wrong_year.field] = header.coord
            else:
                known = ", ".join(c.header for c in self.columns)
                self.add("R01-OKAND-KOLUMN", header.coord, found=header.value, expected=known)
        missing = [c for c in self.columns if c.field not in taken and kind in c.required]
        if missing and self._header_row_further_down(year):
            return
        for column in missing:
            present = ", ".join(f"”{h.value}”" for h in self.sheet.headers.values()) or "inga"
            self.add("R01-KOLUMN-SAKNAS", "rad 1", found=present,
                      expected=column.expected_header(year))

    def _header_row_further_down(self, year: int) -> bool:
        """Headers typed below a title row: one clear finding instead of one per column."""
        label = next(c for c in self.columns if c.kind == "label")
        for row in self.sheet.rows[:10]:
            names = {normalize(cell.value) for cell in row.cells.values()}
            if names & label.headers_for(year):
                self.add("R01-RUBRIKRAD", f"A{row.number}", found=row.number)
                self.sheet.rows = []  # the report is refused anyway; read nothing wrongly mapped
                self.by_letter = {}
                return True
        return False

    def _year_role(self, name: str, taken: dict[str, str]) -> Column | None:
        """A year-bearing header whose year does not fit: the role it was meant for."""
        match = re.match(r"^(.*?)\s*((?:19|20)\d{2})$", name)
        if not match:
            return None
        candidates = [c for c in self.columns
                      if c.year_offset() is not None and c.role_prefix() == match.group(1)]
        free = [c for c in candidates if c.field not in taken]
        return next(iter(free or candidates), None)

    def rows(self):
        """(row number, {field: RawCell}) for each non-empty row that has a label."""
        label = next(c for c in self.columns if c.kind == "label")
        unheaded: set[str] = set()
        for row in self.sheet.rows:
            for letter, cell in row.cells.items():
                if letter not in self.sheet.headers and letter not in unheaded:
                    unheaded.add(letter)
                    self.add("R01-KOLUMN-UTAN-RUBRIK", cell.coord, found=repr(cell.value)[:40])
            values = {self.by_letter[letter].field: cell
                      for letter, cell in row.cells.items() if letter in self.by_letter}
            if not values:
                continue
            if label.field not in values:
                self.add("R01-RAD-UTAN-NAMN", f"A{row.number}", expected=f"”{label.header}”")
                continue
            self.findings.name_row(self.sheet.file, self.sheet.title, row.number,
                                   values[label.field].value)
            yield row.number, values

    def source(self, row: int, values: dict[str, RawCell]) -> Source:
        return Source(file=self.sheet.file, sheet=self.sheet.title, row=row,
                      cells={field: cell.coord for field, cell in values.items()})

    def convert(self, values: dict[str, RawCell], field: str, parse):
        """Parse one cell; on a contract breach add its finding and return None."""
        cell = values.get(field)
        if cell is None:
            return None
        try:
            return parse(cell)
        except CellError as err:
            self.add(err.code, cell.coord, found=err.found, expected=err.expected)
            return None


def read_amount_sheet(sheet: RawSheet, columns: list[Column], year: int, kind: str,
                      findings: Findings) -> AmountSheet:
    reader = SheetReader(sheet, columns, year, kind, findings)
    result = AmountSheet(source_file=sheet.file, sheet=sheet.title)
    amount_fields = [c.field for c in columns if c.kind == "amount"]
    seen: dict[str, int] = {}
    for row, values in reader.rows():
        name = reader.convert(values, "name", cells.text)
        if not name:
            continue
        if normalize(name) in seen:
            reader.add("R01-DUBBEL-ENHET", values["name"].coord, found=f"”{name}”",
                        expected=seen[normalize(name)])
            continue
        seen[normalize(name)] = row
        amounts, unreadable = {}, set()
        for field in amount_fields:
            value = reader.convert(values, field, cells.amount)
            if value is not None:
                amounts[field] = value
            elif field in values:
                unreadable.add(field)
        varav = reader.convert(values, "varav", cells.text) or None
        row_type = reader.convert(values, "radtyp", lambda c: cells.choice(c, ROW_TYPES))
        kommunbidrag = row_type == "Kommunbidrag" or normalize(name) in KOMMUNBIDRAG_NAMES
        entry = EconomyRow(name=name, amounts=amounts, varav=varav, unreadable=unreadable,
                           kommunbidrag=kommunbidrag, source=reader.source(row, values))
        if normalize(name) in CONTROL_TOTAL_LABELS:
            result.control_total = entry
        else:
            result.rows.append(entry)
    return result


def read_key_values(sheet: RawSheet, findings: Findings) -> tuple[dict[str, RawCell], dict]:
    """A `Fält`/`Värde` sheet as {normalized field: value cell} (fields with no value are absent),
    and the row of every field named, filled or not."""
    reader = SheetReader(sheet, KEY_VALUE, 0, DELAR, findings)
    fields, rows = {}, {}
    for row, values in reader.rows():
        key = normalize(cells.text(values["key"]))
        rows[key] = row
        if "value" in values:
            fields[key] = values["value"]
    return fields, rows


class FieldReader:
    """Typed access to a `Fält`/`Värde` sheet, reporting missing and malformed fields."""

    def __init__(self, sheet: RawSheet, findings: Findings):
        self.sheet, self.findings = sheet, findings
        self.fields, self.rows = read_key_values(sheet, findings)
        self.cells: dict[str, str] = {}  # field as named in the contract → cell read

    def get(self, name: str, parse=cells.text, required: bool = False, default=None):
        cell = self.fields.get(normalize(name))
        if cell is None:
            if required:
                row = self.rows.get(normalize(name))
                self.findings.add("R01-FALT-SAKNAS", file=self.sheet.file, sheet=self.sheet.title,
                                  cell=f"B{row}" if row else "", expected=name)
            return default
        self.cells[name] = cell.coord
        try:
            value = parse(cell)
        except CellError as err:
            self.findings.add(err.code, file=self.sheet.file, sheet=self.sheet.title,
                              cell=cell.coord, found=err.found, expected=err.expected)
            return default
        if required and value in ("", None):
            self.findings.add("R01-FALT-SAKNAS", file=self.sheet.file, sheet=self.sheet.title,
                              cell=cell.coord, expected=name)
        return default if value in ("", None) else value


REPORT_TYPES = {normalize(t.value): t.value for t in ReportType}
AMOUNT_UNITS = {"tkr": "tkr", "mnkr": "mnkr"}
ORGANS = {normalize(o.value): o.value for o in Organ}


def default_recipient(name: str, organ: str | None) -> str:
    """A nämnd reports to the kommunstyrelse; the kommunstyrelse itself to the fullmäktige."""
    kind = Organ(organ) if organ else Organ.from_name(name)
    return "Kommunfullmäktige" if kind is Organ.STYRELSE else "Kommunstyrelsen"


def read_report_info(sheet: RawSheet, findings: Findings) -> ReportInfo | None:
    f = FieldReader(sheet, findings)
    kind_text = f.get("Rapporttyp", lambda c: cells.choice(c, REPORT_TYPES), required=True)
    year = f.get("År", cells.year, required=True)
    kind = ReportType(kind_text) if kind_text else None
    period = f.get("Period till och med", cells.month,
                   required=bool(kind and not kind.is_annual), default=12)
    info = dict(
        kommun=f.get("Kommun", required=True),
        namnd=f.get("Nämnd", required=True),
        forvaltning=f.get("Förvaltning", default=""),
        rapporttitel=f.get("Rapporttitel", default=kind.default_title if kind else ""),
        beslutsdatum=f.get("Beslutsdatum", cells.date),
        paragraf=f.get("Paragraf", default="").replace("§", "").strip(),
        diarienummer=f.get("Diarienummer", default=""),
        mottagare=f.get("Mottagare", default=""),
        forslagsstallare=f.get("Förslagsställare", default="Förvaltningen"),
        forvaltningschef=f.get("Förvaltningschef", default=""),
        handlaggare=f.get("Handläggare", default=""),
        belopp_i_text=f.get("Belopp i text", lambda c: cells.choice(c, AMOUNT_UNITS), default="tkr"),
        organ_field=f.get("Organ", lambda c: cells.choice(c, ORGANS), default=None),
        budgetmodell=f.get("Budgetmodell", lambda c: cells.choice(c, BUDGET_MODELS),
                           default=BudgetModel.NETTORAM.value),
    )
    if kind is None or year is None or not info["kommun"] or not info["namnd"]:
        return None
    if not info["mottagare"]:
        info["mottagare"] = default_recipient(info["namnd"], info["organ_field"])
    return ReportInfo(rapporttyp=kind, ar=year, period_month=12 if kind.is_annual else period,
                      source=Source(file=sheet.file, sheet=sheet.title, cells=f.cells), **info)


def _rows_of(sheet: RawSheet | None, columns: list[Column], findings: Findings):
    if sheet is None:
        return []
    reader = SheetReader(sheet, columns, 0, DELAR, findings)
    return [(reader, row, values) for row, values in reader.rows()]


def read_decisions(sheet: RawSheet | None, findings: Findings) -> list[DecisionPoint]:
    points: list[DecisionPoint] = []
    for reader, row, values in _rows_of(sheet, BESLUT, findings):
        text = reader.convert(values, "value", cells.text)
        if text:
            points.append(DecisionPoint(nr=len(points) + 1, text=text,
                                        att=reader.convert(values, "att", cells.text) or "",
                                        source=reader.source(row, values)))
    return points


def read_supporting(sheet: RawSheet | None, findings: Findings) -> list[SupportingDocument]:
    return [SupportingDocument(dokument=reader.convert(values, "key", cells.text) or "",
                               diarienummer=reader.convert(values, "diarienummer", cells.text) or "",
                               source=reader.source(row, values))
            for reader, row, values in _rows_of(sheet, UNDERLAG, findings)]


def read_texts(sheet: RawSheet | None, findings: Findings) -> tuple[dict[str, str], dict]:
    texts, sources = {}, {}
    for reader, row, values in _rows_of(sheet, TEXT, findings):
        key = reader.convert(values, "key", cells.text)
        if key:
            texts[key] = reader.convert(values, "value", cells.text) or ""
            sources[key] = reader.source(row, values)
    return texts, sources


ECONOMY_SHEETS = {  # attribute → (sheet title, columns)
    "kontogrupper": ("Kontogrupper", KONTOGRUPPER),
    "verksamhetsomraden": ("Verksamhetsområden", VERKSAMHETSOMRADEN),
    "investeringar": ("Investeringar", INVESTERINGAR),
}


def read_optional_economy(book: RawWorkbook, year: int, kind: str, findings: Findings) -> dict:
    sheets = {}
    for attribute, (title, columns) in ECONOMY_SHEETS.items():
        raw = book.sheet(title)
        if raw is not None:
            sheets[attribute] = read_amount_sheet(raw, columns, year, kind, findings)
    return sheets


def read_verksamhet(book: RawWorkbook, year: int, kind: str, findings: Findings,
                    own_sheets: dict | None = None) -> Verksamhet | None:
    """One verksamhet's workbook; `own_sheets` are its free tables and chapters, read by
    load_tables."""
    info_sheet = book.sheet("Verksamhet")
    if info_sheet is None:  # _classify only passes workbooks that have it
        findings.add("R01-BLAD-SAKNAS", file=book.name, expected="Verksamhet")
        return None
    f = FieldReader(info_sheet, findings)
    name = f.get("Verksamhet", required=True)
    intraprenad = f.get("Intraprenad", cells.yes_no, default=False)
    ingaende = f.get("Ingående ackumulerat resultat", cells.amount, required=intraprenad,
                     default=Decimal(0))
    ekonomi_sheet = book.sheet("Ekonomi")
    if ekonomi_sheet is None:
        findings.add("R01-BLAD-SAKNAS", file=book.name, expected="Ekonomi")
        return None
    ekonomi = read_amount_sheet(ekonomi_sheet, EKONOMI, year, kind, findings)
    if not name:
        return None
    return Verksamhet(
        name=name, ordning=f.get("Ordning", cells.integer), intraprenad=intraprenad,
        ingaende_ack=ingaende, visa_enheter=f.get("Visa enheter i nämndens tabell", cells.yes_no,
                                                  default=False),
        ekonomisk_analys=f.get("Ekonomisk analys", default=""), ansvarig=f.get("Ansvarig", default=""),
        utanfor_resultat=f.get("Utanför nämndens resultat", cells.yes_no, default=False),
        file=book.name, cells=f.cells, ekonomi=ekonomi,
        **read_optional_economy(book, year, kind, findings), **(own_sheets or {}))
