"""Model: raw sheets → parts of the report model, with a finding for every contract
breach. `load_folder` puts the parts of a whole folder together.

All findings are collected in one pass; a value that cannot be read is left out of the model and
reported, so later stages never see it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum

from . import cells
from .cells import CellError
from ..contract.findings import (Findings, Rule, Severity, R01_BELOPP_SAKNAS, R01_BLAD_SAKNAS,
                                 R01_DUBBEL_ENHET, R01_DUBBEL_KOLUMN, R01_FALT_SAKNAS,
                                 R01_INGA_ENHETER, R01_KOLUMN_OANVAND, R01_KOLUMN_SAKNAS,
                                 R01_KOLUMN_UTAN_RUBRIK, R01_OKAND_KOLUMN, R01_RAD_UTAN_NAMN,
                                 R01_RUBRIKRAD, R04_FEL_AR)
from ..contract.amounts import BUDGET
from ..contract.checked import typed_already
from ..contract.model import (Acknowledgement, AmountSheet, DecisionPoint, EconomyRow, ReportInfo,
                              ReportType, Source, SupportingDocument, VaravGroup, Verksamhet)
from ..contract.sheets import (BESLUT, CONTROL_TOTAL_NAMES, DELAR, ECONOMY_SHEETS, EKONOMI,
                               KIND_NAMES, KOMMUNBIDRAG_NAMES, KVITTERAT, RAPPORT, TEXT, UNDERLAG,
                               VARAVRADER, VERKSAMHET_INFO, Column, KeyField, default_recipient)
from ..contract.vocab import RowType, SumRowType
from .workbook import RawCell, RawSheet, RawWorkbook, normalize

SUM_ROW_TYPES = (SumRowType.DELSUMMA, SumRowType.SUMMA)

CONTROL_TOTAL_LABELS = {normalize(name) for name in CONTROL_TOTAL_NAMES}
KOMMUNBIDRAG_LABELS = {normalize(name) for name in KOMMUNBIDRAG_NAMES}


def field_key(field: str) -> str:
    """A field name as a plain string: the models keep their keys so (`Amount.BUDGET_HELAR`
    finds `"budget_helar"` all the same), and copy a dict of plain keys whole."""
    return field.value if isinstance(field, Enum) else field


class SheetReader:
    """Maps a sheet's header row to contract columns and yields rows as {field: RawCell}."""

    def __init__(self, sheet: RawSheet, columns: Sequence[Column], year: int, kind: str,
                 findings: Findings):
        self.sheet, self.columns, self.findings = sheet, columns, findings
        self.by_letter: dict[str, Column] = {}
        self.reported: set[str] = set()  # cells whose breach is reported: once, not per parse
        self._map_headers(year, kind)

    def add(self, rule: Rule, cell: str = "", **kw) -> None:
        self.findings.add(rule, file=self.sheet.file, sheet=self.sheet.title, cell=cell, **kw)

    def _map_headers(self, year: int, kind: str) -> None:
        taken: dict[str, str] = {}  # field → header cell
        named = [(c, c.headers_for(year)) for c in self.columns]
        for letter, header in self.sheet.headers.items():
            name = normalize(header.value)
            column = next((c for c, names in named if name in names), None)
            if column is not None and not column.used_in(kind) and year:
                self.add(R01_KOLUMN_OANVAND, header.coord, found=header.value,
                          expected=KIND_NAMES[kind])
                taken[column.field] = header.coord
                continue
            if column is not None and column.field not in taken:
                self.by_letter[letter] = column
                taken[column.field] = header.coord
                continue
            if column is not None:
                self.add(R01_DUBBEL_KOLUMN, header.coord, found=header.value,
                          expected=taken[column.field])
                continue
            wrong_year = self._year_role(name, taken)
            if wrong_year is not None and not year:  # År unreadable (reported): accept any year
                self.by_letter[letter] = wrong_year
                taken[wrong_year.field] = header.coord
            elif wrong_year is not None:
                self.add(R04_FEL_AR, header.coord, found=f"”{header.value}”",
                          expected=f"”{wrong_year.expected_header(year)}”")
                taken[wrong_year.field] = header.coord
            else:
                known = ", ".join(c.header for c in self.columns)
                self.add(R01_OKAND_KOLUMN, header.coord, found=header.value, expected=known)
        missing = [c for c in self.columns if c.field not in taken and kind in c.required]
        if missing and self._header_row_further_down(year):
            return
        for column in missing:
            present = ", ".join(f"”{h.value}”" for h in self.sheet.headers.values()) or "inga"
            self.add(R01_KOLUMN_SAKNAS, "rad 1", found=present,
                      expected=column.expected_header(year))

    def _header_row_further_down(self, year: int) -> bool:
        """Headers typed below a title row: one clear finding instead of one per column."""
        label = next(c for c in self.columns if c.kind == "label")
        for row in self.sheet.rows[:10]:
            names = {normalize(cell.value) for cell in row.cells.values()}
            if names & label.headers_for(year):
                self.add(R01_RUBRIKRAD, f"A{row.number}", found=row.number)
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
        report_unheaded(self.sheet, self.findings)
        # plain keys (an Amount member as its value), as the model keeps them
        field_of = {letter: field_key(column.field) for letter, column in self.by_letter.items()}
        for row in self.sheet.rows:
            values = {field_of[letter]: cell
                      for letter, cell in row.cells.items() if letter in field_of}
            if not values:
                continue
            if label.field not in values:
                self.add(R01_RAD_UTAN_NAMN, f"A{row.number}", expected=f"”{label.header}”")
                continue
            self.findings.name_row(self.sheet.file, self.sheet.title, row.number,
                                   values[label.field].value)
            yield row.number, values
            self._report_error_values(values)

    def _report_error_values(self, values: dict[str, RawCell]) -> None:
        """Excel's error values and formulas without a value in cells the row's reader did not
        parse (it left the row out for its first bad cell): every one is found in one pass."""
        for cell in values.values():
            if cell.uncached_formula is None and cell.data_type != "e" and not (
                    isinstance(cell.value, str) and "#" in cell.value):
                continue  # neither a formula without a value nor an error (every one has `#`)
            if cell.coord in self.reported:
                continue
            try:
                cells.check_readable(cell)
            except CellError as err:
                self.reported.add(cell.coord)
                self.add(err.rule, cell.coord, found=err.found, expected=err.expected)

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
            if cell.coord not in self.reported:
                self.reported.add(cell.coord)
                self.add(err.rule, cell.coord, found=err.found, expected=err.expected)
            return None


def report_unheaded(sheet: RawSheet, findings: Findings) -> None:
    """R01: values in a column without a header are never read; the first one of each column
    is reported."""
    unheaded: set[str] = set()
    headed = sheet.headers.keys()
    for row in sheet.rows:
        if row.cells.keys() <= headed:
            continue  # the common row: every value under a header (one set comparison)
        for letter, cell in row.cells.items():
            if letter not in sheet.headers and letter not in unheaded:
                unheaded.add(letter)
                findings.add(R01_KOLUMN_UTAN_RUBRIK, file=sheet.file, sheet=sheet.title,
                             cell=cell.coord, found=repr(cell.value)[:40])


def report_blanks(reader: SheetReader, filled: Sequence[Column],
                  rows: list[tuple[int, dict[str, RawCell]]]) -> None:
    """A required amount left blank is an error at its cell, never a zero; a run of blanks in
    one column (rows one after another) is one finding with its range."""
    letters = {column.field: letter for letter, column in reader.by_letter.items()}
    for column in filled:
        letter = letters.get(column.field)
        if letter is None:  # the column is missing: reported once, as R01-KOLUMN-SAKNAS
            continue
        blank = [index for index, (_row, values) in enumerate(rows)
                 if column.field not in values]
        for run in _consecutive(blank):
            _blank_run(reader, column, letter, [rows[i] for i in run])


def _consecutive(numbers: list[int]) -> list[list[int]]:
    """Ascending numbers in runs of consecutive ones: [1, 2, 4] → [[1, 2], [4]]."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return runs


def _blank_run(reader: SheetReader, column: Column, letter: str,
               rows: list[tuple[int, dict[str, RawCell]]]) -> None:
    first, last = rows[0][0], rows[-1][0]
    names = [cells.text(values["name"]) for _, values in rows]
    cell = f"{letter}{first}" if first == last else f"{letter}{first}:{letter}{last}"
    shown = names[0] if len(names) == 1 else f"{names[0]} … {names[-1]} ({len(names)} rader)"
    reader.add(R01_BELOPP_SAKNAS, cell, found=shown, expected=column.header)


def read_amount_sheet(sheet: RawSheet, columns: Sequence[Column], year: int, kind: str,
                      findings: Findings, filled: Sequence[Column] = ()) -> AmountSheet:
    reader = SheetReader(sheet, columns, year, kind, findings)
    must_fill: list[tuple[int, dict[str, RawCell]]] = []  # the rows whose amounts must be given
    result = AmountSheet(source_file=sheet.file, sheet=sheet.title)
    amount_fields = [field_key(c.field) for c in columns if c.kind == "amount"]
    # the sheet's own Radtyp vocabulary: only a resultaträkning has sum rows
    row_types = next((c.vocabulary for c in columns if c.field == "radtyp" and c.vocabulary),
                     RowType).words()

    def row_type_of(cell: RawCell) -> str | None:
        return cells.choice(cell, row_types)

    seen: dict[str, int] = {}
    read: list[tuple[EconomyRow, str, int, dict[str, RawCell]]] = []  # with its name normalized
    # the rows and their sources are built unchecked: texts, Decimals and plain keys, as the
    # model declares them (a test checks every model the reader builds again)
    with typed_already():
        for row, values in reader.rows():
            name = reader.convert(values, "name", cells.text)
            if not name:
                continue
            key = normalize(name)
            if key in seen:
                reader.add(R01_DUBBEL_ENHET, values["name"].coord, found=f"”{name}”",
                            expected=seen[key])
                continue
            seen[key] = row
            amounts, unreadable = {}, set()
            for field in amount_fields:
                if field not in values:
                    continue  # blank
                value = reader.convert(values, field, cells.amount)
                if value is not None:
                    amounts[field] = value
                else:
                    unreadable.add(field)
            varav = reader.convert(values, "varav", cells.text) or None
            row_type = reader.convert(values, "radtyp", row_type_of)
            kommunbidrag = row_type == RowType.KOMMUNBIDRAG or key in KOMMUNBIDRAG_LABELS
            group = reader.convert(values, "group", cells.text) or ""
            sum_kind = row_type if row_type in SUM_ROW_TYPES else ""
            entry = EconomyRow(name=name, amounts=amounts, varav=varav, unreadable=unreadable,
                               kommunbidrag=kommunbidrag, source=reader.source(row, values),
                               group=group, sum_kind=sum_kind)
            read.append((entry, key, row, values))
    groups = {normalize(entry.group) for entry, _, _, _ in read if entry.group}
    for entry, key, row, values in read:
        if entry.sum_kind:
            result.subtotals.append(entry)
        elif key in CONTROL_TOTAL_LABELS:
            result.control_total = entry
        elif key in groups and not entry.group:
            result.subtotals.append(entry)
        elif any(s.sum_kind == SumRowType.SUMMA for s in result.subtotals):
            result.after_total.append(entry)  # below the table's total: outside it
        else:
            result.rows.append(entry)
            if not entry.varav:
                must_fill.append((row, values))
                # a blank required amount is reported at its cell: no sum is judged on it
                entry.unreadable.update(c.field for c in filled if c.field not in values)
    report_blanks(reader, filled, must_fill)
    return result


def read_key_values(sheet: RawSheet, findings: Findings,
                    reported: set[str] | None = None) -> tuple[dict[str, RawCell], dict]:
    """A `Fält`/`Värde` sheet as {normalized field: value cell} (fields with no value are absent),
    and the row of every field named, filled or not. `reported` gets the cells whose breach is
    already reported (an error value in a row left out)."""
    reader = SheetReader(sheet, RAPPORT.columns, 0, DELAR, findings)
    if reported is not None:
        reader.reported = reported
    fields: dict[str, RawCell] = {}
    rows: dict[str, int] = {}
    for row, values in reader.rows():
        name = reader.convert(values, "key", cells.text)  # `#REF!` as a field's name: reported
        if not name:
            continue
        key = normalize(name)
        if key in rows:  # `År` twice: which one is meant? The first is read, the second reported
            reader.add(R01_DUBBEL_ENHET, values["key"].coord, found=f"”{name}”",
                       expected=rows[key])
            continue
        rows[key] = row
        if "value" in values:
            fields[key] = values["value"]
    return fields, rows


class FieldReader:
    """Typed access to a `Fält`/`Värde` sheet, reporting missing and malformed fields."""

    def __init__(self, sheet: RawSheet, findings: Findings):
        self.sheet, self.findings = sheet, findings
        self.reported: set[str] = set()
        self.fields, self.rows = read_key_values(sheet, findings, self.reported)
        self.cells: dict[str, str] = {}  # field as named in the contract → cell read

    def get(self, name: str, parse=cells.text, required: bool = False, default=None):
        cell = self.fields.get(normalize(name))
        if cell is None:
            if required:
                row = self.rows.get(normalize(name))
                self.findings.add(R01_FALT_SAKNAS, file=self.sheet.file, sheet=self.sheet.title,
                                  cell=f"B{row}" if row else "", expected=name)
            return default
        self.cells[name] = cell.coord
        try:
            value = parse(cell)
        except CellError as err:
            if cell.coord not in self.reported:
                self.reported.add(cell.coord)
                self.findings.add(err.rule, file=self.sheet.file, sheet=self.sheet.title,
                                  cell=cell.coord, found=err.found, expected=err.expected)
            return default
        if required and value in ("", None):
            self.findings.add(R01_FALT_SAKNAS, file=self.sheet.file, sheet=self.sheet.title,
                              cell=cell.coord, expected=name)
        return default if value in ("", None) else value

    def read(self, field: KeyField, required: bool | None = None, default=None):
        """A contract field, parsed by its kind: missing or empty gives its default."""
        return self.get(field.name, parser(field), bool(required),
                        field.default if default is None else default)


PARSERS = {"text": cells.text, "prose": cells.rich_text, "year": cells.year,
           "month": cells.month, "date": cells.date,
           "amount": cells.amount, "integer": cells.integer, "yesno": cells.yes_no}


def parser(field: KeyField):
    if field.vocabulary is not None:
        words = field.vocabulary.words()
        return lambda cell: cells.choice(cell, words, field.expected)
    return PARSERS[field.kind]


def read_report_info(sheet: RawSheet, findings: Findings) -> ReportInfo | None:
    f = FieldReader(sheet, findings)
    field = RAPPORT.field
    kind_text = f.read(field("rapporttyp"), required=True)
    year = f.read(field("ar"), required=True)
    kind = ReportType(kind_text) if kind_text else None
    period = f.read(field("period_month"), required=bool(kind and not kind.is_annual),
                    default=0)  # 0: missing or unreadable (reported), not December
    title = field("rapporttitel")
    info = {name: f.read(field(name), required=name in ("kommun", "namnd"))
            for name in ("kommun", "namnd", "forvaltning")}
    info["rapporttitel"] = f.read(title, default=kind.default_title if kind else "")
    for name in ("beslutsdatum", "paragraf", "diarienummer", "mottagare", "forslagsstallare",
                 "forvaltningschef", "forvaltningschef_titel", "handlaggare", "belopp_i_text",
                 "organ_field", "budgetmodell", "ram"):
        info[name] = f.read(field(name), default="" if name == "mottagare" else None)
    info["paragraf"] = info["paragraf"].replace("§", "").strip()
    if kind is None or year is None or not info["kommun"] or not info["namnd"]:
        return None
    if not info["mottagare"]:
        info["mottagare"] = default_recipient(info["namnd"], info["organ_field"])
    return ReportInfo(rapporttyp=kind, ar=year,
                      period_month=12 if kind.is_annual else (period or 12),
                      period_known=kind.is_annual or bool(period),
                      source=Source(file=sheet.file, sheet=sheet.title, cells=f.cells), **info)


def _rows_of(sheet: RawSheet | None, columns: Sequence[Column], findings: Findings):
    if sheet is None:
        return []
    reader = SheetReader(sheet, columns, 0, DELAR, findings)
    return [(reader, row, values) for row, values in reader.rows()]


def read_decisions(sheet: RawSheet | None, findings: Findings) -> list[DecisionPoint]:
    points: list[DecisionPoint] = []
    for reader, row, values in _rows_of(sheet, BESLUT.columns, findings):
        text = reader.convert(values, "value", cells.text)
        if text:
            points.append(DecisionPoint(nr=len(points) + 1, text=text,
                                        att=reader.convert(values, "att", cells.text) or "",
                                        source=reader.source(row, values)))
    return points


def read_supporting(sheet: RawSheet | None, findings: Findings) -> list[SupportingDocument]:
    return [SupportingDocument(dokument=reader.convert(values, "key", cells.text) or "",
                               diarienummer=reader.convert(values, "diarienummer",
                                                           cells.text) or "",
                               source=reader.source(row, values))
            for reader, row, values in _rows_of(sheet, UNDERLAG.columns, findings)]


def read_texts(sheet: RawSheet | None, findings: Findings) -> tuple[dict[str, str], dict]:
    texts, sources = {}, {}
    seen: dict[str, int] = {}
    for reader, row, values in _rows_of(sheet, TEXT.columns, findings):
        key = reader.convert(values, "key", cells.text)
        if key and normalize(key) in seen:  # the first is read; the second would replace it
            reader.add(R01_DUBBEL_ENHET, values["key"].coord, found=f"”{key}”",
                       expected=seen[normalize(key)])
        elif key:
            seen[normalize(key)] = row
            texts[key] = reader.convert(values, "value", cells.rich_text) or ""
            sources[key] = reader.source(row, values)
    return texts, sources


def read_varav_groups(sheet: RawSheet | None, findings: Findings) -> list[VaravGroup]:
    """The sheet Varavrader: one group per name, its enheter in sheet order."""
    groups: dict[str, VaravGroup] = {}
    for reader, row, values in _rows_of(sheet, VARAVRADER.columns, findings):
        name = reader.convert(values, "key", cells.text)
        enhet = reader.convert(values, "enhet", cells.text)
        if not name or not enhet:
            continue
        group = groups.setdefault(normalize(name), VaravGroup(name=name))
        group.enheter.append(enhet)
        group.sources.append(reader.source(row, values))
    return list(groups.values())


def read_acknowledgements(sheet: RawSheet | None, findings: Findings) -> list[Acknowledgement]:
    """The sheet Kvitterat: which warnings the economist has checked, and why."""
    return [Acknowledgement(code=(reader.convert(values, "code", cells.text) or "").upper(),
                            place=reader.convert(values, "place", cells.text) or "",
                            motivering=reader.convert(values, "motivering", cells.text) or "",
                            source=reader.source(row, values))
            for reader, row, values in _rows_of(sheet, KVITTERAT.columns, findings)]


def read_optional_economy(book: RawWorkbook, year: int, kind: str, findings: Findings
                          ) -> dict[str, AmountSheet]:
    """The optional amount sheets the workbook has, by their declared name."""
    sheets = {}
    for name, declared in ECONOMY_SHEETS.items():
        raw = book.sheet(declared.title)
        if raw is not None:
            sheets[name] = read_amount_sheet(raw, declared.columns, year, kind, findings)
    return sheets


def _sheet_has_error(findings: Findings, sheet: RawSheet) -> bool:
    """Whether the sheet already has an error (its header row, say): one cause, one finding."""
    return any(f.file == sheet.file and f.sheet == sheet.title and f.severity is Severity.ERROR
               for f in findings)


def _filled(kind: str, budget_above: bool) -> list[Column]:
    """The amounts every enhet must give; not its Budget helår when the verksamhet or the
    nämnd gives the budget as one ram (a blank is then the ram's, shown as a blank)."""
    return [c for c in EKONOMI.filled_for(kind) if not (budget_above and c.field == BUDGET)]


def sheets_present(book: RawWorkbook) -> str:
    """The workbook's sheets, for a finding that a sheet is missing (`Ekonomi (2)` is there)."""
    titles = ", ".join(f"”{sheet.title}”" for sheet in book.sheets.values())
    return f" Arbetsboken har bladen {titles}." if titles else ""


def read_verksamhet(book: RawWorkbook, year: int, kind: str, findings: Findings,
                    own_sheets: dict | None = None, namnd_ram: bool = False
                    ) -> Verksamhet | None:
    """One verksamhet's workbook; `own_sheets` are its free tables and chapters, read by
    load_tables. `namnd_ram`: the nämnd gives its budget as one ram (Rapport's Budget helår),
    which covers every verksamhet in its result but an intraprenad (judged by its own budget)."""
    info_sheet = book.sheet(VERKSAMHET_INFO.title)
    if info_sheet is None:  # _classify only passes workbooks that have it
        findings.add(R01_BLAD_SAKNAS, file=book.name, expected=VERKSAMHET_INFO.title,
                     found=sheets_present(book))
        return None
    f = FieldReader(info_sheet, findings)
    field = VERKSAMHET_INFO.field
    name = f.read(field("name"), required=True)
    intraprenad = f.read(field("intraprenad"))
    ingaende = f.read(field("ingaende_ack"), required=intraprenad)
    ekonomi_sheet = book.sheet(EKONOMI.title)
    if ekonomi_sheet is None:
        findings.add(R01_BLAD_SAKNAS, file=book.name, expected=EKONOMI.title,
                     found=sheets_present(book))
        return None
    later = {attr: f.read(field(attr)) for attr in ("ordning", "visa_enheter", "ekonomisk_analys",
                                                     "ansvarig", "utanfor_resultat",
                                                     "ram")}
    ekonomi = read_amount_sheet(ekonomi_sheet, EKONOMI.columns, year, kind, findings,
                                _filled(kind, budget_above=later["ram"] is not None
                                        or (namnd_ram and not later["utanfor_resultat"]
                                            and not intraprenad)))
    if not ekonomi.rows and not _sheet_has_error(findings, ekonomi_sheet):
        findings.add(R01_INGA_ENHETER, file=book.name, sheet=ekonomi_sheet.title, cell="A2")
    if not name:
        return None
    return Verksamhet(
        name=name, intraprenad=intraprenad, ingaende_ack=ingaende, **later,
        file=book.name, cells=f.cells, ekonomi=ekonomi,
        amount_sheets=read_optional_economy(book, year, kind, findings), **(own_sheets or {}))
