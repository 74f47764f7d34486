"""Compute: the economy columns a template may choose for a table, by name.

`{{p tabell.namnd | kolumner('utfall_period', 'budget_period', 'avvikelse_period') }}` picks
columns from this catalogue; each column's arithmetic is defined here, once, and the render
step only lays the values out. The names are those of the figures (`ekonomi.namnd.*`).
"""

from __future__ import annotations

from dataclasses import replace

from .economy import (DEVIATION, FORBR_PERIOD, FORBR_YEAR, Economy, Labels,
                      change_against_last_year)
from .tables import Column, ColumnKind, amount, difference, share

# the input figures each named column is computed from: a template choosing a column no row
# of the inputs has gets a finding naming it (MissingColumn), never a column of zeros
NEEDS = {
    "bokslut_fg": ("bokslut_fg",), "utfall_period": ("utfall_period",),
    "budget_period": ("budget_period",), "avvikelse_period": ("utfall_period", "budget_period"),
    "forbrukning_period": ("utfall_period", "budget_period"),
    "forbrukning_ar": ("utfall_period", "budget_helar"),
    "forbrukning_helar": ("utfall_helar", "budget_helar"), "budget": ("budget_helar",),
    "prognos": ("prognos_helar",), "utfall": ("utfall_helar",),
    "prognos_fg": ("prognos_fg_delar",),
    "forandring_mot_fg_prognos": ("prognos_helar", "prognos_fg_delar"),
    "budget_fg": ("budget_fg",), "utfall_period_fg": ("utfall_period_fg",),
    "forandring_mot_fg_ar": ("bokslut_fg", "utfall_helar"),
}

FORBR_WHOLE_YEAR = "Förbr % av budget"


def catalogue(labels: Labels) -> dict[str, Column]:
    previous = labels.year - 1
    needs = NEEDS | {"resultat": (labels.outcome,), "avvikelse": (labels.outcome, "budget_helar")}
    columns = {
        "bokslut_fg": Column(labels.bokslut_fg, amount("bokslut_fg")),
        "utfall_period": Column(labels.utfall_period(), amount("utfall_period")),
        "budget_period": Column(labels.budget_period(), amount("budget_period")),
        "avvikelse_period": Column(f"Avvikelse {labels.period}",
                                   difference("utfall_period", "budget_period")),
        "forbrukning_period": Column(FORBR_PERIOD, share("utfall_period", "budget_period"),
                                     ColumnKind.PERCENT),
        "forbrukning_ar": Column(FORBR_YEAR, share("utfall_period", "budget_helar"),
                                 ColumnKind.PERCENT),
        "forbrukning_helar": Column(FORBR_WHOLE_YEAR, share("utfall_helar", "budget_helar"),
                                    ColumnKind.PERCENT),
        "budget": Column(labels.budget, amount("budget_helar")),
        "prognos": Column(labels.prognos, amount("prognos_helar")),
        "utfall": Column(labels.utfall, amount("utfall_helar")),
        "resultat": Column(labels.utfall if labels.annual else labels.prognos,
                           amount(labels.outcome)),
        "avvikelse": Column(labels.deviation_title if labels.annual else DEVIATION,
                            labels.deviation_column),
        "prognos_fg": Column(f"Föregående prognos {labels.year}", amount("prognos_fg_delar")),
        "forandring_mot_fg_prognos": Column("Förändring mot föregående prognos",
                                            difference("prognos_helar", "prognos_fg_delar")),
        "budget_fg": Column(f"Budget {previous}", amount("budget_fg")),
        "utfall_period_fg": Column(labels.utfall_period(previous), amount("utfall_period_fg")),
        "forandring_mot_fg_ar": Column(f"Förändring % mot {previous}", change_against_last_year,
                                       ColumnKind.CHANGE),
    }
    return {name: replace(column, needs=needs[name]) for name, column in columns.items()}


def attach_catalogue(economy: Economy) -> None:
    """Every economy table built from figures gets the catalogue (the accumulated and
    adjusted tables are not, their rows are no figure sets)."""
    columns = catalogue(economy.labels)
    tables = [economy.namnd_table, economy.kontogrupper_table, economy.omraden_table,
              economy.investeringar_table]
    for part in economy.verksamheter + economy.utanfor:
        tables += [part.table, part.kontogrupper_table]
    for table in tables:
        if table is not None:
            table.catalogue = columns
