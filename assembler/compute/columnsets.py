"""Compute: the economy columns a template may choose for a table, by name.

`{{p tabell.namnd | kolumner('utfall_period', 'budget_period', 'avvikelse_period') }}` picks
columns from the contract's one declaration of them (`contract.amounts.ECONOMY_COLUMNS`), with
the arithmetic the tables use; the render step only lays the values out. The names are those of
the figures (`ekonomi.namnd.*`).
"""

from __future__ import annotations

from ..contract.amounts import ECONOMY_COLUMNS
from .economy import Economy, Labels
from .tables import Column



def catalogue(labels: Labels) -> dict[str, Column]:
    return {name: labels.column(declared) for name, declared in ECONOMY_COLUMNS.items()}


def attach_catalogue(economy: Economy) -> None:
    """Every economy table built from figures gets the catalogue."""
    columns = catalogue(economy.labels)
    for table in economy.tables:
        table.catalogue = columns
