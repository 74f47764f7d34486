"""Compute: the economist's own tables (`Tabell …` sheets) as neutral `Table` data, and their
chapters (`Kapitel …` sheets) as parts of headings and text.

Values are shown as typed (`83,0`, `-`, `Ca 57%`); the only arithmetic is the sum row, which
the tool computes and the economist never types.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..contract.model import FreeColumn, FreeRow, FreeTable, Value
from ..contract.vocab import normalize
from .tables import Column, ColumnKind, Row, RowKind, Table

# units whose figures do not add up: a sum row leaves their cells blank
NOT_SUMMED_UNITS = {"%", "procent", "procentenheter", "andel", "index", "kvot", "snitt",
                    "medel", "medelvärde"}
PLACEHOLDERS = {"-", "–", "—"}  # typed for "no value": neither a number nor text that blocks a sum
ROW_KINDS = {"": (RowKind.NORMAL, 0), "1": (RowKind.NORMAL, 1), "2": (RowKind.NORMAL, 2),
             "varav": (RowKind.VARAV, 1), "summa": (RowKind.TOTAL, 0)}


# a footnote typed with its own marker keeps it: `*) Exklusive prövningar`, `a) …`, `¹ …`
TYPED_MARK = re.compile(r"^(\*+\)?|[a-zA-Z]\)|\d{1,2}\)|[¹²³⁴⁵⁶⁷⁸⁹]+)\s+(?=\S)")


class Notes:
    """Footnotes in order of first use: numbered `1)`, `2)` … unless typed with their own
    marker (`*) …`); the same text keeps its mark."""

    def __init__(self):
        self.marks_by_text: dict[str, str] = {}

    def marks(self, texts: list[str]) -> str:
        return "".join(f" {self._mark(t)}" for t in texts)

    def _mark(self, text: str) -> str:
        if text not in self.marks_by_text:
            typed = TYPED_MARK.match(text)
            numbered = sum(1 for t in self.marks_by_text if not TYPED_MARK.match(t)) + 1
            self.marks_by_text[text] = typed.group(1) if typed else f"{numbered})"
        return self.marks_by_text[text]

    @property
    def lines(self) -> list[str]:
        return [text if TYPED_MARK.match(text) else f"{mark} {text}"
                for text, mark in self.marks_by_text.items()]


def _is_text_column(rows: list[FreeRow], column: FreeColumn, index: int) -> bool:
    if column.kind:
        return column.kind == "text"
    return not any(r.values[index].number is not None for r in rows if r.values)


def _as_text(value: Value) -> str:
    """A cell of a text column as typed: a number there is a code (`441`, `4410`), never
    grouped into thousands."""
    if value.number is None or value.text:
        return value.text
    return f"{value.number:.{value.decimals}f}".replace(".", ",")


def _relative_widths(item: FreeTable) -> list[Decimal] | None:
    """Each column's declared share; a column without one gets the average of the others."""
    declared = [item.label_width, *(c.width for c in item.columns)]
    given = [w for w in declared if w is not None]
    if not given:
        return None
    average = sum(given, Decimal(0)) / len(given)
    return [w if w is not None else average for w in declared]


def _summable(column: FreeColumn) -> bool:
    return normalize(column.unit) not in NOT_SUMMED_UNITS


def _sum(rows: list[FreeRow], index: int) -> Value:
    """The sum of one column over the main rows; blank when a row holds text there."""
    cells = [r.values[index] for r in rows]
    if any(c.number is None and c.text and c.text not in PLACEHOLDERS for c in cells):
        return Value()
    numbers = [c for c in cells if c.number is not None]
    if not numbers:
        return Value()
    return Value(number=sum((c.number for c in numbers if c.number is not None), Decimal(0)),
                 decimals=max(c.decimals for c in numbers))


def _summed_rows(block: list[FreeRow]) -> list[FreeRow]:
    """Main rows count; sub-rows (Kvinnor/Män), varav rows and headings without values do not."""
    return [r for r in block if r.level == "" or r.level == "rubrik"]


def _kind(row: FreeRow) -> tuple[RowKind, int]:
    if row.level == "rubrik":
        blank = all(v.number is None and not v.text for v in row.values)
        return (RowKind.GROUP if blank else RowKind.TOTAL), 0
    return ROW_KINDS[row.level]


def free_table(item: FreeTable) -> Table:
    text_columns = [_is_text_column(item.rows, c, i) for i, c in enumerate(item.columns)]
    columns = [Column(c.title, kind=ColumnKind.TEXT if text else ColumnKind.VALUE)
               for c, text in zip(item.columns, text_columns, strict=True)]
    table = Table(item.label_title, columns, relative_widths=_relative_widths(item))
    notes = Notes()
    block: list[FreeRow] = []
    for row in item.rows:
        if row.level == "titel":
            table.rows.append(Row(row.label + notes.marks(row.notes), [None] * len(columns),
                                  RowKind.TITLE, partial=True))
            continue
        values = list(row.values)
        if row.level == "summa":
            summed = _summed_rows(block)
            values = [_sum(summed, i) if _summable(c) and not text else Value()
                      for i, (c, text) in enumerate(zip(item.columns, text_columns, strict=True))]
            block = []
        else:
            block.append(row)
        kind, level = _kind(row)
        shown = [_as_text(v) if text else v for v, text in zip(values, text_columns, strict=False)]
        blank = any(v.number is None and not v.text for v in values)
        table.rows.append(Row(row.label + notes.marks(row.notes), shown, kind, level,
                              partial=blank))
    table.notes = notes.lines
    return table
