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
    CHANGE = "change"  # a ratio of change shown as 4%; None shows blank (no comparable base)
    COUNT = "count"  # a whole number of things
    TEXT = "text"  # shown as given
    BULLETS = "bullets"  # a list of items, `---` when empty
    VALUE = "value"  # an indicator `Value`, formatted with its decimals and the row's unit
    STATUS = "status"  # an åtagande status: a mark and the word


class RowKind(str, Enum):
    NORMAL = "normal"
    VARAV = "varav"  # italic, `- varav …`, never summed
    TOTAL = "total"  # bold
    GROUP = "group"  # bold sub-heading row without values


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Figures], Decimal | None] | None = None  # None: rows are given values
    kind: ColumnKind = ColumnKind.AMOUNT


@dataclass
class Row:
    label: str
    values: list[Decimal | None]
    kind: RowKind = RowKind.NORMAL
    level: int = 0  # indentation, for nested varav and sub-rows
    partial: bool = False  # only some columns apply; the rest are blank, not `–`
    unit: str = ""  # for VALUE columns: `%` shows numbers as percent


@dataclass
class Table:
    label_title: str | None  # header of the first (text) column; None: no label column
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    label_share: float | None = None  # width of the label column, when it should differ

    def add(self, label: str, figures: Figures, kind: RowKind = RowKind.NORMAL, level: int = 0):
        """A row computed from figures: every column must then have a `value` function."""
        self.rows.append(Row(label, [c.value(figures) if c.value else None for c in self.columns],
                             kind, level))

    def add_partial(self, label: str, values: dict[int, Decimal], kind: RowKind = RowKind.NORMAL):
        """A row with values only in some columns (by index), e.g. an adjustment row."""
        self.rows.append(Row(label, [values.get(i) for i in range(len(self.columns))], kind,
                             partial=True))

    def add_values(self, label: str, values: list, kind: RowKind = RowKind.NORMAL, level: int = 0,
                   unit: str = "") -> None:
        self.rows.append(Row(label, values, kind, level, unit=unit))

    @property
    def headers(self) -> list[str]:
        label = [] if self.label_title is None else [self.label_title]
        return label + [c.title for c in self.columns]

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


@dataclass
class Chart:
    """A picture a reader would rather look at than read: bars or a trend line."""

    kind: str  # "bars" (one bar per label) or "trend" (a line over the labels)
    title: str
    labels: list[str]
    values: list[Decimal | None]
    alt_text: str
    unit: str = "tkr"
    last_is_forecast: bool = False  # trend: the last point is a forecast, drawn dashed
