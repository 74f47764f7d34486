"""The input contract in code: what one report folder holds, with each value's cell address.

The models are typed by the contract's vocabularies (plain strings are accepted and become the
Enum member) and constrained where the contract is (a month is 1–12); `checked.model` checks both
on construction (plain dataclasses: pydantic's import and schema building took about 0,15 s of
every run). Where the sheets come from and what their fields are called: `sheets.py`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .checked import Field, model
from .sheets import CHIEF_TITLE, PROPOSER, RECIPIENT, YEARS, Sheet
from .vocab import (AmountUnit, BudgetModel, HeadingLevel, Organ, ReportType, TableRowLevel,
                    normalize)

__all__ = ["AmountUnit", "BudgetModel", "HeadingLevel", "Organ", "ReportType", "TableRowLevel"]


@model(frozen=True)
class Source:
    """Where a row came from: file › sheet › row, and the cell of each field."""

    file: str
    sheet: str
    row: int = 0
    cells: dict[str, str] = Field(default_factory=dict)

    def cell(self, field: str) -> str:
        return self.cells.get(field, f"A{self.row}" if self.row else "")


@model
class ReportInfo:
    kommun: str
    namnd: str
    forvaltning: str = ""
    rapporttyp: ReportType
    rapporttitel: str
    ar: int = Field(ge=YEARS[0], le=YEARS[1])
    period_month: int = Field(ge=1, le=12)  # the last month of the period
    period_known: bool = True  # False: Period till och med was missing or unreadable
    # (reported); the checks that depend on it are not run, period_month is only a stand-in
    beslutsdatum: dt.date | None = None
    paragraf: str = ""
    diarienummer: str = ""
    mottagare: str = RECIPIENT
    forslagsstallare: str = PROPOSER
    forvaltningschef: str = ""
    forvaltningschef_titel: str = CHIEF_TITLE
    handlaggare: str = ""
    belopp_i_text: AmountUnit = AmountUnit.TKR
    organ_field: Organ | None = None  # the field Organ; None: from the name
    budgetmodell: BudgetModel = BudgetModel.NETTORAM
    ram: Decimal | None = None  # the nämnd's budget as one ram, when it gives one
    source: Source

    @property
    def organ(self) -> Organ:
        return self.organ_field or Organ.from_name(self.namnd)


@model
class DecisionPoint:
    nr: int = Field(ge=1)
    text: str
    att: str = ""  # the same decision as an att-sats for the tjänsteskrivelse (optional)
    source: Source | None = Field(default=None, exclude=True)


@model
class SupportingDocument:
    dokument: str
    diarienummer: str = ""
    source: Source | None = Field(default=None, exclude=True)


@model
class Acknowledgement:
    """A row of the sheet Kvitterat: a warning the economist has checked, and why it stands."""

    code: str
    place: str = ""
    motivering: str = ""
    source: Source


@model
class VaravGroup:
    """A row of the sheet Varavrader's kind: a subset over several enheter, shown under the
    nämnd's total and never added into it."""

    name: str  # after `- varav`
    enheter: list[str] = Field(default_factory=list)  # as written, in sheet order
    sources: list[Source] = Field(default_factory=list)  # each enhet's row


@model
class EconomyRow:
    """One row of an amount sheet: an enhet, kontogrupp, verksamhetsområde or investment."""

    name: str
    amounts: dict[str, Decimal]  # by field, e.g. Amount.BUDGET_HELAR; absent when empty
    varav: str | None = None
    kommunbidrag: bool = False  # the kommunbidrag (Radtyp, or a row named so)
    group: str = ""  # the subtotal it counts in (column Delsumma), e.g. `Finansnetto`
    sum_kind: str = ""  # a declared sum row (Radtyp `Delsumma` or `Summa`): computed, never added
    source: Source
    unreadable: set[str] = Field(default_factory=set)  # fields whose cell was reported as bad

    def get(self, field: str) -> Decimal:
        return self.amounts.get(field, Decimal(0))


@model
class AmountSheet:
    """Rows of one amount sheet, and the typed control total (`Summa` …) if the economist gave
    one."""

    rows: list[EconomyRow] = Field(default_factory=list)
    control_total: EconomyRow | None = None
    subtotals: list[EconomyRow] = Field(default_factory=list)  # typed rows named as a Delsumma:
    # checked against the sum of that group's rows, never summed themselves; and the rows of
    # Radtyp `Delsumma`/`Summa` (`sum_kind`), computed where they stand
    after_total: list[EconomyRow] = Field(default_factory=list)  # rows below the first `Summa`
    # row (an över-/underskott): outside the reconciled total, added by a later `Summa` row
    source_file: str = ""
    sheet: str = ""


@model
class Verksamhet:
    name: str
    ordning: int | None = None
    intraprenad: bool = False
    ingaende_ack: Decimal = Decimal(0)
    visa_enheter: bool = False
    ekonomisk_analys: str = ""
    ansvarig: str = ""
    utanfor_resultat: bool = False  # reported beside the nämnd, outside its result
    ram: Decimal | None = None  # its budget as one ram, when not split per enhet
    file: str
    cells: dict[str, str] = Field(default_factory=dict)  # field name as written → cell
    ekonomi: AmountSheet
    amount_sheets: dict[str, AmountSheet] = Field(default_factory=dict)  # the optional amount
    # sheets it has, by their declared name (sheets.ECONOMY_SHEETS)
    resultatrakningar: dict[str, AmountSheet] = Field(default_factory=dict)  # sheets
    # `Kontogrupper <namn>` (parts of it), by the name after the prefix, in book order
    free_tables: list["FreeTable"] = Field(default_factory=list)  # sheets `Tabell …`
    chapters: list["Chapter"] = Field(default_factory=list)  # sheets `Kapitel …`
    records: list["RecordSheet"] = Field(default_factory=list)  # sheets `Poster …`

    def amount_sheet(self, declared: Sheet) -> AmountSheet | None:
        return self.amount_sheets.get(declared.name)

    @property
    def sort_key(self) -> tuple:
        return (self.ordning is None, self.ordning or 0, self.name.casefold())


@model
class Report:
    info: ReportInfo
    beslut: list[DecisionPoint] = Field(default_factory=list)
    beslutsunderlag: list[SupportingDocument] = Field(default_factory=list)
    texts: dict[str, str] = Field(default_factory=dict)  # by section key as written
    text_sources: dict[str, Source] = Field(default_factory=dict)  # by section key
    verksamheter: list[Verksamhet]  # sorted by Ordning, then name; inside the nämnd's result
    utanfor: list[Verksamhet] = Field(default_factory=list)  # bodies outside the result
    varavrader: list[VaravGroup] = Field(default_factory=list)  # the sheet Varavrader
    amount_sheets: dict[str, AmountSheet] = Field(default_factory=dict)  # nämnd level, by
    # declared name (sheets.ECONOMY_SHEETS)
    resultatrakningar: dict[str, AmountSheet] = Field(default_factory=dict)  # the nämnd's
    # sheets `Kontogrupper <namn>` (several verksamheter together), by name, in book order
    goals: "Goals" = Field(default_factory=lambda: Goals())
    free_tables: list["FreeTable"] = Field(default_factory=list)  # the nämnd's `Tabell …` sheets
    chapters: list["Chapter"] = Field(default_factory=list)  # the nämnd's `Kapitel …` sheets
    lists: list["ListSheet"] = Field(default_factory=list)  # declared in the sheet Statusar
    records: list["RecordSheet"] = Field(default_factory=list)  # the nämnd's `Poster …` sheets
    record_groups: list["RecordDeclaration"] = Field(default_factory=list)  # Postgrupper
    bokslut: AmountSheet | None = None  # the sheet Bokslut: each verksamhet's years back

    def amount_sheet(self, declared: Sheet) -> AmountSheet | None:
        return self.amount_sheets.get(declared.name)

    def record_declaration(self, sheet: "RecordSheet") -> "RecordDeclaration | None":
        return next((d for d in self.record_groups if d.applies_to(sheet)), None)

    @property
    def every_record_sheet(self) -> list["RecordSheet"]:
        return self.records + [s for v in self.every_verksamhet for s in v.records]
    kvitterat: list[Acknowledgement] = Field(default_factory=list)  # the sheet Kvitterat

    @property
    def every_verksamhet(self) -> list[Verksamhet]:
        """Inside the result and beside it: what every per-sheet check looks at."""
        return self.verksamheter + self.utanfor

    def text(self, key: str) -> str:
        """The Text sheet's text for a section, matched as names are (case, spaces, Unicode)."""
        wanted = normalize(key)
        return next((value for name, value in self.texts.items() if normalize(name) == wanted),
                    "")


@model
class Value:
    """An indicator or key-figure value: a number, or text shown as written (`-`, `Ca 57%`)."""

    number: Decimal | None = None
    text: str = ""
    decimals: int = Field(default=0, ge=0)  # as given in the cell (its format, else its digits)


@model
class Observation:
    malomrade: int
    positive: bool  # Positiv, else Förbättringsområde
    text: str
    source: Source


@model
class Indicator:
    malomrade: int
    group: str = ""
    name: str
    unit: str = ""
    values: list[Value]  # Utfall år-2, Utfall år-1, Prognos (Årsberättelse: Utfall)
    target: Value  # a number, or a direction word in .text
    comment: str = ""
    source: Source


@model
class Commitment:
    malomrade: int
    text: str
    status: str
    comment: str = ""
    done: Value | None = None  # Färdiggrad in percent, as typed
    source: Source


@model
class Goal:
    nr: int
    name: str
    analysis: str = ""
    source: Source


@model
class KeyFigure:
    """A row of Fem år i sammandrag."""

    group: str = ""
    name: str
    level: int = Field(default=0, ge=0, le=2)
    values: list[Value]  # Utfall år-4 … år-1, then Prognos (Årsberättelse: Utfall)
    comment: str = ""
    chart: bool = False
    source: Source


@model
class ListStatus:
    """A status a list declares (sheet Statusar): its word, the heading of its group and the
    words a count sentence uses after the number (`sju färdiga`, `en är stoppad`)."""

    status: str
    rubrik: str = ""
    ental: str = ""
    flertal: str = ""


@model
class ListItem:
    text: str
    status: str
    comment: str = ""
    expected_year: int | None = None
    done: Decimal | None = None  # Färdiggrad as typed (a share, or percent points)
    source: Source


@model
class ListSheet:
    name: str
    statuses: list[ListStatus] = Field(default_factory=list)
    items: list[ListItem] = Field(default_factory=list)


@model
class Goals:
    malomraden: list[Goal] = Field(default_factory=list)
    observations: list[Observation] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)
    five_years: list[KeyFigure] = Field(default_factory=list)


@model
class FreeColumn:
    title: str  # the header as written, e.g. `Varav med betyg A–C (%)`
    unit: str = ""  # the text in the header's last parentheses: `%`, `antal`, `tkr` …
    kind: str = ""  # `text` or `tal` as declared (a `kolumntyp` row); "" as the cells are
    width: Decimal | None = None  # relative width (a `bredd` row)


@model
class FreeRow:
    label: str
    level: TableRowLevel = TableRowLevel.MAIN
    values: list[Value]  # one per column; an empty Value is a cell left blank on purpose
    notes: list[str] = Field(default_factory=list)  # footnote texts, one a line of `Fotnot`
    source: Source


@model
class FreeTable:
    """A `Tabell <namn>` sheet: the economist's own columns and rows, shown as typed."""

    name: str  # the sheet title after `Tabell `
    label_title: str  # the first column's header
    label_width: Decimal | None = None  # relative width of the first column (a `bredd` row)
    columns: list[FreeColumn]
    rows: list[FreeRow] = Field(default_factory=list)
    source: Source


@model
class ChapterPart:
    heading: str = ""  # a heading above the text, or none
    level: int = Field(default=2, ge=1, le=4)  # the heading's level, as Word's Rubrik 1–4
    text: str = ""
    source: Source


@model
class Chapter:
    """A `Kapitel <namn>` sheet: headings and text, in order."""

    name: str
    parts: list[ChapterPart] = Field(default_factory=list)
    source: Source


@model
class RecordCell:
    text: str
    cell: str  # `C7`


@model
class RecordRow:
    number: int
    cells: dict[str, RecordCell]  # by the header as written; blank cells are absent


@model
class RecordSheet:
    """A `Poster <namn>` sheet: the kommun's own columns, one record a row, in sheet order."""

    name: str  # the sheet title after `Poster `
    headers: list[str]  # in column order
    header_cells: dict[str, str] = Field(default_factory=dict)  # header → `B1`
    rows: list[RecordRow] = Field(default_factory=list)
    source: Source

    def header(self, name: str) -> str | None:
        """The header as written that `name` means (case, spaces, Unicode aside)."""
        return next((h for h in self.headers if normalize(h) == normalize(name)), None)

    def owners(self, groups: list[str]) -> dict[str, int]:
        """The group (its depth) each column belongs to: the nearest group column to its left;
        columns before the first group column belong to the outermost group."""
        depth, found = 0, {}
        for header in self.headers:
            if header in groups:
                depth = groups.index(header)
            found[header] = depth
        return found

    def paths(self, groups: list[str]) -> list[tuple[RecordRow, list[str]]]:
        """Each row with its value in every group column; a blank group cell means the same as
        the row above, unless a group further out changes on this row."""
        above: list[str] = [""] * len(groups)
        found = []
        for row in self.rows:
            given = [row.cells[g].text if g in row.cells else "" for g in groups]
            first = next((i for i, value in enumerate(given) if value), len(groups))
            path = above[:first] + given[first:]
            found.append((row, path))
            above = path
        return found


@model
class RecordDeclaration:
    """A row of `Postgrupper`: how one `Poster <namn>` sheet is grouped."""

    sheet: str  # the name after `Poster `
    groups: list[str] = Field(default_factory=list)  # outermost first
    required: list[str] = Field(default_factory=list)
    source: Source

    def applies_to(self, sheet: RecordSheet) -> bool:
        wanted = normalize(self.sheet)
        return wanted in (normalize(sheet.name), normalize(sheet.source.sheet))

