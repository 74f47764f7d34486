"""Neutral table data: what compute produces and render lays out. Values stay unrounded."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Callable

Figures = dict[str, Decimal]


class ColumnKind(str, Enum):
    AMOUNT = "amount"  # tkr, whole numbers in tables
    PERCENT = "percent"  # a ratio shown as 95%; None shows as –


class RowKind(str, Enum):
    NORMAL = "normal"
    VARAV = "varav"  # italic, `- varav …`, never summed
    TOTAL = "total"  # bold
    GROUP = "group"  # bold sub-heading row without values


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Figures], Decimal | None]
    kind: ColumnKind = ColumnKind.AMOUNT


@dataclass
class Row:
    label: str
    values: list[Decimal | None]
    kind: RowKind = RowKind.NORMAL
    level: int = 0  # indentation, for nested varav and sub-rows
    partial: bool = False  # only some columns apply; the rest are blank, not `–`


@dataclass
class Table:
    label_title: str  # header of the first (text) column
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)

    def add(self, label: str, figures: Figures, kind: RowKind = RowKind.NORMAL, level: int = 0):
        self.rows.append(Row(label, [c.value(figures) for c in self.columns], kind, level))

    def add_partial(self, label: str, values: dict[int, Decimal], kind: RowKind = RowKind.NORMAL):
        """A row with values only in some columns (by index), e.g. an adjustment row."""
        self.rows.append(Row(label, [values.get(i) for i in range(len(self.columns))], kind,
                             partial=True))

    @property
    def headers(self) -> list[str]:
        return [self.label_title] + [c.title for c in self.columns]

    def row(self, label: str) -> Row:
        return next(r for r in self.rows if r.label == label)


def ratio(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """None where it cannot be computed: the report prints `–`, never 0% or #DIV/0!."""
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def amount(field_name: str) -> Callable[[Figures], Decimal]:
    return lambda f: f.get(field_name, Decimal(0))


def difference(minuend: str, subtrahend: str) -> Callable[[Figures], Decimal]:
    return lambda f: f.get(minuend, Decimal(0)) - f.get(subtrahend, Decimal(0))


def share(numerator: str, denominator: str) -> Callable[[Figures], Decimal | None]:
    return lambda f: ratio(f.get(numerator, Decimal(0)), f.get(denominator, Decimal(0)))
