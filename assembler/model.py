"""The input contract in code: what one report folder holds, with each value's cell address."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field


class ReportType(str, Enum):
    INTERIM_1 = "Delårsrapport 1"
    INTERIM_2 = "Delårsrapport 2"
    ANNUAL = "Årsberättelse"

    @property
    def is_annual(self) -> bool:
        return self is ReportType.ANNUAL

    @property
    def default_title(self) -> str:
        return {
            ReportType.INTERIM_1: "Delårsrapport med prognos 1",
            ReportType.INTERIM_2: "Delårsrapport med prognos 2",
            ReportType.ANNUAL: "Årsberättelse",
        }[self]


class Source(BaseModel):
    """Where a row came from: file › sheet › row, and the cell of each field."""

    model_config = ConfigDict(frozen=True)
    file: str
    sheet: str
    row: int = 0
    cells: dict[str, str] = Field(default_factory=dict)

    def cell(self, field: str) -> str:
        return self.cells.get(field, f"A{self.row}" if self.row else "")


class ReportInfo(BaseModel):
    kommun: str
    namnd: str
    forvaltning: str = ""
    rapporttyp: ReportType
    rapporttitel: str
    ar: int
    period_month: int  # last month of the period, 1–12
    beslutsdatum: dt.date | None = None
    paragraf: str = ""
    diarienummer: str = ""
    mottagare: str = "Kommunstyrelsen"
    forslagsstallare: str = "Förvaltningen"
    forvaltningschef: str = ""
    handlaggare: str = ""
    belopp_i_text: str = "tkr"
    source: Source


class DecisionPoint(BaseModel):
    nr: int
    text: str
    att: str = ""  # the same decision as an att-sats for the tjänsteskrivelse (optional)


class SupportingDocument(BaseModel):
    dokument: str
    diarienummer: str = ""


class EconomyRow(BaseModel):
    """One row of an amount sheet: an enhet, kontogrupp, verksamhetsområde or investment."""

    name: str
    amounts: dict[str, Decimal]  # by field name, e.g. "budget_helar"; absent when empty
    varav: str | None = None
    source: Source
    unreadable: set[str] = Field(default_factory=set)  # fields whose cell was reported as bad

    def get(self, field: str) -> Decimal:
        return self.amounts.get(field, Decimal(0))


class AmountSheet(BaseModel):
    """Rows of one amount sheet, and the typed control total (`Summa` …) if the economist gave one."""

    rows: list[EconomyRow] = Field(default_factory=list)
    control_total: EconomyRow | None = None
    source_file: str = ""
    sheet: str = ""


class Verksamhet(BaseModel):
    name: str
    ordning: int | None = None
    intraprenad: bool = False
    ingaende_ack: Decimal = Decimal(0)
    visa_enheter: bool = False
    ekonomisk_analys: str = ""
    ansvarig: str = ""
    file: str
    cells: dict[str, str] = Field(default_factory=dict)  # field name as written → cell
    ekonomi: AmountSheet
    kontogrupper: AmountSheet | None = None
    verksamhetsomraden: AmountSheet | None = None
    investeringar: AmountSheet | None = None

    @property
    def sort_key(self) -> tuple:
        return (self.ordning is None, self.ordning or 0, self.name.casefold())


class Report(BaseModel):
    info: ReportInfo
    beslut: list[DecisionPoint] = Field(default_factory=list)
    beslutsunderlag: list[SupportingDocument] = Field(default_factory=list)
    texts: dict[str, str] = Field(default_factory=dict)  # by section key as written
    text_sources: dict[str, Source] = Field(default_factory=dict)  # by section key
    verksamheter: list[Verksamhet]  # sorted by Ordning, then name
    kontogrupper: AmountSheet | None = None  # nämnd level
    verksamhetsomraden: AmountSheet | None = None
    investeringar: AmountSheet | None = None
    goals: "Goals" = Field(default_factory=lambda: Goals())


class Value(BaseModel):
    """An indicator or key-figure value: a number, or text shown as written (`-`, `Ca 57 %`)."""

    number: Decimal | None = None
    text: str = ""
    decimals: int = 0  # as given in the cell (its format, else its digits)


class Observation(BaseModel):
    malomrade: int
    positive: bool  # Positiv, else Förbättringsområde
    text: str
    source: Source


class Indicator(BaseModel):
    malomrade: int
    group: str = ""
    name: str
    unit: str = ""
    values: list[Value]  # Utfall år-2, Utfall år-1, Prognos (Årsberättelse: Utfall)
    target: Value  # a number, or a direction word in .text
    comment: str = ""
    source: Source


class Commitment(BaseModel):
    malomrade: int
    text: str
    status: str
    comment: str = ""
    source: Source


class Goal(BaseModel):
    nr: int
    name: str
    analysis: str = ""
    source: Source


class KeyFigure(BaseModel):
    """A row of Fem år i sammandrag."""

    group: str = ""
    name: str
    level: int = 0
    values: list[Value]  # Utfall år-4 … år-1, then Prognos (Årsberättelse: Utfall)
    comment: str = ""
    chart: bool = False
    source: Source


class Goals(BaseModel):
    malomraden: list[Goal] = Field(default_factory=list)
    observations: list[Observation] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)
    five_years: list[KeyFigure] = Field(default_factory=list)


Report.model_rebuild()
