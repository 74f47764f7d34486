"""Neutral table data: what compute produces and render lays out. Values stay unrounded."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from typing import Any, Callable

from ..contract import fmt
from ..contract.sums import Figures as Figures  # compute's modules take it from here
from ..contract.words import TOTAL as TOTAL
from ..contract.words import Worded, worded_in_unit

# labels worded by formuleringar.docx (the row of that name); the text is the default
ROUNDING_LABEL = Worded("Avrundning", "radrubrik_avrundning")
COUNT = Worded("Antal", "kolumnrubrik_antal")
_WHOLE = Decimal(1)  # the quantum of a whole tkr


def doc(description: str, **kwargs):
    """A field with its Swedish description for `assemble templates vars`."""
    return field(metadata={"doc": description}, **kwargs)


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
    TITLE = "title"  # a title over the whole width; above the column headers when first


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Figures], Decimal | None] | None = None  # None: rows are given values
    kind: ColumnKind = ColumnKind.AMOUNT
    needs: tuple[str, ...] = ()  # the input figures it is computed from (catalogue columns)


class MissingColumn(ValueError):
    """A template chose a column whose figures no row of the inputs has: printing it would be
    a column of figures from nothing."""


@dataclass
class Row:
    label: str
    values: list[Any]  # Decimal, or a Value, text or list by the column's kind
    kind: RowKind = RowKind.NORMAL
    level: int = 0  # indentation, for nested varav and sub-rows
    partial: bool = False  # only some columns apply; the rest are blank, not `–`
    unit: str = ""  # for VALUE columns: `%` shows numbers as percent
    figures: Figures | None = None  # what the values were computed from, for other columns
    subtotal: bool = False  # a group's sum (TOTAL) among the rows, not the table's total


def blank_on_purpose(value: Any, column: Column, row: Row) -> bool:
    """A cell left empty on purpose, not a lost number: a figure a partial row (an adjustment)
    does not carry, a change without a comparable base, or an indicator's year without a
    reported value."""
    empty = value is None or (column.kind is ColumnKind.VALUE and value.number is None
                              and not value.text)
    return empty and (row.partial or column.kind in (ColumnKind.CHANGE, ColumnKind.VALUE))


@dataclass
class Table:
    label_title: str | None  # header of the first (text) column; None: no label column
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    label_share: float | None = None  # width of the label column, when it should differ
    notes: list[str] = field(default_factory=list)  # footnotes `1) …` shown below the table
    unit: str = "tkr"  # AMOUNT columns in whole tkr, or in mnkr with one decimal
    catalogue: dict[str, Column] | None = None  # named columns a template may choose instead
    relative_widths: list[Decimal] | None = None  # every column's share, as the sheet declares
    percent_decimals: int = 0  # decimals of the percent columns (Förbrukning, Förändring %)
    rounding_label: str = ROUNDING_LABEL  # the row `footed` adds, in the kansli's words

    def add(self, label: str, figures: Figures, kind: RowKind = RowKind.NORMAL, level: int = 0):
        """A row computed from figures: every column must then have a `value` function."""
        self.rows.append(Row(label, [c.value(figures) if c.value else None for c in self.columns],
                             kind, level, figures=figures))

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

    def footing(self) -> dict[int, tuple[Decimal, Decimal]]:
        """Amount columns whose printed rows (above the first total) do not add up to the
        printed total: {column index: (the rows' sum, the total)}, both as printed."""
        first_total = self._first_total()
        if first_total is None:
            return {}
        summed = [r for r in self.rows[:first_total] if r.kind is RowKind.NORMAL and not r.level]
        differing = {}
        for index, column in enumerate(self.columns):
            total = self.rows[first_total].values[index]
            if column.kind is not ColumnKind.AMOUNT or total is None or len(summed) < 2:
                continue
            if any(r.values[index] is None and not r.partial for r in summed):
                continue  # the total is not split over the rows (a ram above them)
            rows_sum = sum((self._printed(r.values[index]) for r in summed
                            if r.values[index] is not None), Decimal(0))
            if self._printed(total) != rows_sum:
                differing[index] = (rows_sum, self._printed(total))
        return differing

    def footed(self) -> Table:
        """The printed rows add up to the printed total: where unrounded figures make that
        impossible, an `Avrundning` row above the total shows the difference (an existing one
        takes it). Amount columns only; rows after the first total are not summed."""
        differing = self.footing()
        if not differing:
            return self
        first_total = self._first_total()
        assert first_total is not None
        rows = list(self.rows)
        existing = next((r for r in rows[:first_total] if r.label == self.rounding_label
                         and r.kind is RowKind.NORMAL), None)
        values: list[Any] = [None] * len(self.columns)
        if existing is not None:
            values = list(existing.values)
            rows.remove(existing)
            first_total -= 1
        for index, (rows_sum, total) in differing.items():
            before = self._printed(values[index]) if values[index] is not None else Decimal(0)
            values[index] = (before + total - rows_sum) * (1000 if self.unit == "mnkr" else 1)
        rows.insert(first_total, Row(self.rounding_label, values, partial=True))
        return replace(self, rows=rows)

    def _first_total(self) -> int | None:
        """The table's total row (a group's subtotal among the rows is not)."""
        return next((i for i, r in enumerate(self.rows)
                     if r.kind is RowKind.TOTAL and not r.subtotal), None)

    def _printed(self, value: Decimal) -> Decimal:
        """The value as the table prints it, in its unit."""
        if type(value) is Decimal and self.unit == "tkr":  # most values: rounded in place
            return value.quantize(_WHOLE, rounding=ROUND_HALF_UP)
        return fmt.round_half_up(fmt.shown_value(value, self.unit), fmt.unit_decimals(self.unit))

    # --- other shapes of the same figures, asked for by a template -----------------------

    def with_columns(self, names: list[str]) -> Table:
        """The same rows with the catalogue's columns `names`, in that order; a name marked
        optional (`budget_period?`) only where some row carries its amounts. A row given
        values directly (an adjustment row) keeps them under columns of the same title."""
        if not self.catalogue:
            raise KeyError(None)
        unknown = [n for n in names if n.rstrip("?") not in self.catalogue]
        if unknown:
            raise KeyError(unknown[0])
        figures = [r.figures for r in self.rows if r.figures is not None]
        names = [n.rstrip("?") for n in names if not n.endswith("?")
                 or any(all(f in fig for f in self.catalogue[n.rstrip("?")].needs)
                        for fig in figures)]
        columns = [self.catalogue[n] for n in names]
        for name, column in zip(names, columns, strict=False):
            lacking = [f for f in column.needs if figures and not any(f in fig for fig in figures)]
            if lacking:
                raise MissingColumn(
                    f"kolumnen {name!r} ({column.title}) bygger på {', '.join(lacking)}, som "
                    f"ingen rad i rapportmappen har. Fyll i kolumnen i arbetsböckerna eller ta "
                    f"bort den ur kolumner(…) i mallen")
        rows = []
        for row in self.rows:
            if row.figures is not None:
                values = [c.value(row.figures) if c.value else None for c in columns]
            else:
                by_title = {c.title: v for c, v in zip(self.columns, row.values, strict=False)}
                values = [by_title.get(c.title) for c in columns]
            rows.append(replace(row, values=values))
        return replace(self, columns=columns, rows=rows)

    def with_years(self, newest_first: bool) -> Table:
        """Columns ordered by the year in their titles (`Utfall 2021`, `Prognos 2025`); columns
        of the same year keep their order, and a column without a year keeps its place."""
        years = [_title_year(c.title) for c in self.columns]
        dated = sorted((i for i, y in enumerate(years) if y is not None),
                       key=lambda i: -(years[i] or 0) if newest_first else (years[i] or 0))
        slots = iter(dated)
        order = [next(slots) if y is not None else i for i, y in enumerate(years)]
        return replace(self, columns=[self.columns[i] for i in order],
                       rows=[replace(r, values=[r.values[i] for i in order]) for r in self.rows])

    def with_unit(self, unit: str) -> Table:
        """Amounts in `tkr` or in `mnkr` (one decimal); the title says which (also where it
        stands on a title row)."""
        def unit_in(title: str) -> str:
            return worded_in_unit(title, self.unit, unit)
        rows = [replace(r, label=unit_in(r.label)) if r.kind is RowKind.TITLE else r
                for r in self.rows]
        title = None if self.label_title is None else unit_in(self.label_title)
        return replace(self, unit=unit, label_title=title, rows=rows)

    def with_label_title(self, title: str) -> Table:
        """The first column headed `title` (`Konto`, `Projekt`) instead of the table's own
        (`Kontogrupp, belopp i tkr`)."""
        if self.label_title is None:
            return self
        return replace(self, label_title=title)

    def with_title_row(self, label_title: str = "") -> Table:
        """The table's title (`Arbetsmarknadsnämnden, belopp i mnkr`) on a row of its own over
        the whole width, above the column headers and repeated with them; the first column then
        headed `label_title`. A long title no longer wraps in the narrow first column."""
        if self.label_title is None:
            return self
        title = Row(self.label_title, [None] * len(self.columns), RowKind.TITLE)
        return replace(self, label_title=label_title, rows=[title, *self.rows])

    def with_percent_decimals(self, decimals: int) -> Table:
        """The percent columns (Förbrukning, Förändring %) with `decimals` decimals."""
        return replace(self, percent_decimals=decimals)

    def with_total_label(self, label: str) -> Table:
        """The first total row called `label`; later total rows that begin with its old word
        (`Nettokostnad exkl. intraprenader`) follow."""
        index = self._first_total()
        if index is None:
            return self
        old = self.rows[index].label
        rows = [replace(r, label=label + r.label[len(old):])
                if r.kind is RowKind.TOTAL and not r.subtotal and r.label.startswith(old) else r
                for r in self.rows]
        return replace(self, rows=rows)


def _title_year(title: str) -> int | None:
    match = re.search(r"\b(19|20)\d\d\b", title)
    return int(match.group(0)) if match else None


def ratio(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """None where it cannot be computed: the report prints `–`, never 0% or #DIV/0!."""
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def amount(field_name: str) -> Callable[[Figures], Decimal | None]:
    """The figure as given; None (shown `–`) where the row has none: never a 0 from nothing."""
    return lambda f: f.get(field_name)


def difference(minuend: str, subtrahend: str) -> Callable[[Figures], Decimal | None]:
    def value(f: Figures) -> Decimal | None:
        if minuend not in f or subtrahend not in f:
            return None
        return f[minuend] - f[subtrahend]
    return value


def share(numerator: str, denominator: str) -> Callable[[Figures], Decimal | None]:
    return lambda f: ratio(f.get(numerator), f.get(denominator))


@dataclass
class Chart:
    """A picture a reader would rather look at than read: bars or a trend line. Its title and
    alt text are words, written by formuleringar.docx (`diagram_titel(d)`, `diagram_alttext(d)`)
    from what a formulation reads by the Swedish names below."""

    kind: str  # "bars" (one bar per label) or "trend" (a line over the labels)
    labels: list[str]
    values: list[Decimal | None]
    subject: str = ""  # trend: what the line follows (the key figure's name)
    out_of: int = 0  # bars: how many the bars were chosen from, when not all are shown
    decimals: int = 0  # as the values are written
    unit: str = "tkr"
    last_is_forecast: bool = False  # trend: the last point is a forecast, drawn dashed
    title: str = ""
    alt_text: str = ""
    # the caption's number as the kansli words it (`Diagram 2.`), by the number the chart gets
    # in the document (formulering diagram_nummer(nr))
    number_texts: dict[int, str] = field(default_factory=dict)

    @property
    def typ(self) -> str:
        return "staplar" if self.kind == "bars" else "linje"

    @property
    def namn(self) -> str:
        return self.subject

    @property
    def punkter(self) -> list[dict]:
        """Each bar or point: etikett and varde (None where there is none)."""
        return [{"etikett": label, "varde": value}
                for label, value in zip(self.labels, self.values, strict=True)]

    @property
    def antal(self) -> int:
        """How many the chart chose from; more than len(punkter) when it shows the largest."""
        return max(self.out_of, len(self.labels))

    @property
    def decimaler(self) -> int:
        return self.decimals

    @property
    def prognos_sist(self) -> bool:
        return self.last_is_forecast
