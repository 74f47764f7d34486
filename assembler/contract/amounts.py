"""The amount fields, which of them is the year's outcome, the deviation, and the economy tables.

Every other stage names an amount by its member here (`Amount.BUDGET_HELAR`), never by a string;
the sheets (`sheets.py`) declare which amounts each sheet carries and the tables built from them.
Costs are negative, so a positive deviation is better than budget.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from .words import Worded

ZERO = Decimal(0)


class Amount(str, Enum):
    """An amount field of the amount sheets: its key in `EconomyRow.amounts`."""

    BOKSLUT_FG = "bokslut_fg"
    BUDGET_FG = "budget_fg"
    UTFALL_PERIOD_FG = "utfall_period_fg"
    UTFALL_PERIOD = "utfall_period"
    BUDGET_PERIOD = "budget_period"
    BUDGET_HELAR = "budget_helar"
    PROGNOS_HELAR = "prognos_helar"
    UTFALL_HELAR = "utfall_helar"
    PROGNOS_FG_DELAR = "prognos_fg_delar"
    AVVIKELSE = "avvikelse"  # the typed control column
    KOMMUNBIDRAG_HELAR = "kommunbidrag_helar"  # a row's kommunbidrag, beside its result
    PROGNOS_FORSAMRING = "prognos_forsamring"  # how much worse the year may end (positive)
    PROGNOS_FORBATTRING = "prognos_forbattring"  # how much better it may end (positive)
    BOKSLUT_AR4 = "bokslut_ar4"  # the Bokslut four, three and two years back (sheet Bokslut)
    BOKSLUT_AR3 = "bokslut_ar3"
    BOKSLUT_AR2 = "bokslut_ar2"

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


BUDGET = Amount.BUDGET_HELAR
# The amounts of the current year (a sheet's own figures, against the year before)
CURRENT = (Amount.UTFALL_PERIOD, Amount.BUDGET_PERIOD, Amount.BUDGET_HELAR, Amount.PROGNOS_HELAR,
           Amount.UTFALL_HELAR)
# The Bokslut years back, oldest first, then last year's (the sheet Bokslut)
BOKSLUT_YEARS = (Amount.BOKSLUT_AR4, Amount.BOKSLUT_AR3, Amount.BOKSLUT_AR2, Amount.BOKSLUT_FG)
# The fields a Kontogrupper or Verksamhetsområden sheet shares with the verksamheters' Ekonomi
RECONCILED = (Amount.BOKSLUT_FG, *CURRENT)


def outcome(annual: bool) -> Amount:
    """What the year is judged by: the forecast in a delårsrapport, the outcome in an
    årsberättelse."""
    return Amount.UTFALL_HELAR if annual else Amount.PROGNOS_HELAR


def deviation(figures: Mapping[str, Decimal], annual: bool = False) -> Decimal:
    """Prognos helår − Budget helår (Årsberättelse: Utfall helår − Budget helår); a missing
    figure counts as 0."""
    return figures.get(outcome(annual), ZERO) - figures.get(BUDGET, ZERO)


def known_deviation(figures: Mapping[str, Decimal], annual: bool = False) -> Decimal | None:
    """The deviation where both figures are given, else None."""
    if outcome(annual) not in figures or BUDGET not in figures:
        return None
    return deviation(figures, annual)


# --- the economy tables -------------------------------------------------------------------------

class Arithmetic(str, Enum):
    """How a table column is computed from a row's amounts."""

    AMOUNT = "amount"  # the figure as given
    OUTCOME = "outcome"  # the report kind's outcome figure
    DIFFERENCE = "difference"  # first − second, where both are given
    SUM = "sum"  # first + second, where both are given
    SHARE = "share"  # first / second (against a nollbudget only on a real base)
    DEVIATION = "deviation"  # outcome − budget, where both are given
    CHANGE = "change"  # Utfall helår against Bokslut fg år, as a change in percent


@dataclass(frozen=True)
class EconomyColumn:
    """A column a table shows and a template may choose by name (`kolumner('budget')`).

    Titles take `{ar}` (the year), `{fg}` (the year before) and `{period}` (`jan–aug`).
    """

    name: str
    title: str
    arithmetic: Arithmetic = Arithmetic.AMOUNT
    fields: tuple[Amount, ...] = ()
    annual_title: str = ""  # in an årsberättelse, when it differs
    year_column: str = ""  # a period's column: the year's column a text may have meant

    def needs(self, annual: bool) -> tuple[Amount, ...]:
        """The amounts it is computed from: a template choosing a column no row has gets a
        finding naming it, never a column of zeros."""
        if self.arithmetic is Arithmetic.OUTCOME:
            return (outcome(annual),)
        if self.arithmetic is Arithmetic.DEVIATION:
            return (outcome(annual), BUDGET)
        if self.arithmetic is Arithmetic.CHANGE:
            return (Amount.BOKSLUT_FG, Amount.UTFALL_HELAR)
        return self.fields

    def title_for(self, year: int, period: str, annual: bool) -> Worded:
        """The title of this report's column, worded by formuleringar.docx
        (`kolumnrubrik_<name>(ar, period, helar)`)."""
        title = self.annual_title if annual and self.annual_title else self.title
        return Worded(title.format(ar=year, fg=year - 1, period=period), self.word, year,
                      period, annual)

    @property
    def word(self) -> str:
        return f"kolumnrubrik_{self.name}"


def _col(name: str, title: str, arithmetic: Arithmetic = Arithmetic.AMOUNT,
         *fields: Amount, annual_title: str = "", year: str = "") -> EconomyColumn:
    return EconomyColumn(name, title, arithmetic, fields, annual_title, year)


A = Amount
DEVIATION_TITLE = "Avvikelse budget–prognos"
FORBR_PERIOD = "Förbr % av periodbudget"
FORBR_YEAR = "Förbr % av årsbudget"
FORBR_WHOLE_YEAR = "Förbr % av budget"
ECONOMY_COLUMNS = {c.name: c for c in (
    _col("bokslut_fg", "Bokslut {fg}", Arithmetic.AMOUNT, A.BOKSLUT_FG),
    _col("utfall_period", "Utfall {period} {ar}", Arithmetic.AMOUNT, A.UTFALL_PERIOD,
         year="resultat"),
    _col("budget_period", "Budget {period} {ar}", Arithmetic.AMOUNT, A.BUDGET_PERIOD,
         year="budget"),
    _col("avvikelse_period", "Avvikelse {period}", Arithmetic.DIFFERENCE, A.UTFALL_PERIOD,
         A.BUDGET_PERIOD, year="avvikelse"),
    _col("forbrukning_period", FORBR_PERIOD, Arithmetic.SHARE, A.UTFALL_PERIOD, A.BUDGET_PERIOD,
         year="forbrukning_helar"),
    _col("forbrukning_ar", FORBR_YEAR, Arithmetic.SHARE, A.UTFALL_PERIOD, A.BUDGET_HELAR,
         year="forbrukning_helar"),
    _col("forbrukning_helar", FORBR_WHOLE_YEAR, Arithmetic.SHARE, A.UTFALL_HELAR, A.BUDGET_HELAR),
    _col("budget", "Budget {ar}", Arithmetic.AMOUNT, A.BUDGET_HELAR),
    _col("prognos", "Prognos {ar}", Arithmetic.AMOUNT, A.PROGNOS_HELAR),
    _col("utfall", "Utfall {ar}", Arithmetic.AMOUNT, A.UTFALL_HELAR),
    _col("resultat", "Prognos {ar}", Arithmetic.OUTCOME, annual_title="Utfall {ar}"),
    _col("avvikelse", DEVIATION_TITLE, Arithmetic.DEVIATION, annual_title="Avvikelse"),
    _col("prognos_fg", "Föregående prognos {ar}", Arithmetic.AMOUNT, A.PROGNOS_FG_DELAR),
    _col("forandring_mot_fg_prognos", "Förändring mot föregående prognos", Arithmetic.DIFFERENCE,
         A.PROGNOS_HELAR, A.PROGNOS_FG_DELAR),
    _col("budget_fg", "Budget {fg}", Arithmetic.AMOUNT, A.BUDGET_FG),
    _col("utfall_period_fg", "Utfall {period} {fg}", Arithmetic.AMOUNT, A.UTFALL_PERIOD_FG),
    _col("forbrukning_ar_fg", FORBR_YEAR, Arithmetic.SHARE, A.UTFALL_PERIOD_FG, A.BUDGET_FG),
    _col("forandring_mot_fg_ar", "Förändring % mot {fg}", Arithmetic.CHANGE),
    _col("kommunbidrag", "Kommunbidrag {ar}", Arithmetic.AMOUNT, A.KOMMUNBIDRAG_HELAR),
    _col("prognos_forsamring", "Prognos- försämring", Arithmetic.AMOUNT, A.PROGNOS_FORSAMRING),
    _col("prognos_forbattring", "Prognos- förbättring", Arithmetic.AMOUNT,
         A.PROGNOS_FORBATTRING),
    _col("prognos_min", "Prognos min {ar}", Arithmetic.DIFFERENCE, A.PROGNOS_HELAR,
         A.PROGNOS_FORSAMRING),
    _col("prognos_max", "Prognos max {ar}", Arithmetic.SUM, A.PROGNOS_HELAR,
         A.PROGNOS_FORBATTRING),
)}

DEVIATION_COLUMN = ECONOMY_COLUMNS["avvikelse"]


def column_of(field: Amount) -> str:
    """The name of the column that shows `field` as given (`Amount.BUDGET_HELAR`: `budget`)."""
    return next(name for name, column in ECONOMY_COLUMNS.items()
                if column.arithmetic is Arithmetic.AMOUNT and column.fields == (field,))
PERIOD_AMOUNTS = frozenset({Amount.UTFALL_PERIOD, Amount.BUDGET_PERIOD, Amount.UTFALL_PERIOD_FG})
# the columns (and figures of the same name) of the period, not the year
PERIOD_COLUMNS = frozenset(name for name, column in ECONOMY_COLUMNS.items()
                           if PERIOD_AMOUNTS & set(column.fields))


@dataclass(frozen=True)
class EconomyTable:
    """A table of the economy, `tabell.<name>` in templates: the columns it shows per report kind
    (names in ECONOMY_COLUMNS; `name?` only when some row carries the column's amounts), and for
    a table of an optional amount sheet its first column's title and total row."""

    name: str
    delar: tuple[str, ...]
    annual: tuple[str, ...]
    label: str = ""  # the first column's title: `Kontogrupp` → `Kontogrupp, belopp i tkr`
    total: str = ""  # the total row's name; "" → the budget model's word (Nettokostnad …)

    def column_names(self, annual: bool) -> tuple[str, ...]:
        return self.annual if annual else self.delar


ANNUAL_COLUMNS = ("bokslut_fg", "utfall", "budget", "avvikelse", "forandring_mot_fg_ar")
NAMND_COLUMNS = ("utfall_period", "budget_period", "forbrukning_period", "budget", "prognos",
                 "avvikelse")
NAMND_TABLE = EconomyTable("namnd", NAMND_COLUMNS, ANNUAL_COLUMNS)
UNIT_TABLE = EconomyTable("verksamhet", ("bokslut_fg?", *NAMND_COLUMNS,
                                         "forandring_mot_fg_prognos?"), ANNUAL_COLUMNS)
