"""Compute: the economist's own tables (`Tabell …` sheets) as neutral `Table` data, and their
chapters (`Kapitel …` sheets) as parts of headings and text.

Values are shown as typed (`83,0`, `-`, `Ca 57 %`); the only arithmetic is the sum row, which
the tool computes and the economist never types.
"""

from __future__ import annotations

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


class Notes:
    """Footnotes numbered in order of first use; the same text keeps its number."""

    def __init__(self):
        self.numbers: dict[str, int] = {}

    def marks(self, texts: list[str]) -> str:
        numbers = [self.numbers.setdefault(t, len(self.numbers) + 1) for t in texts]
        return "".join(f" {n})" for n in numbers)

    @property
    def lines(self) -> list[str]:
        return [f"{n}) {text}" for text, n in self.numbers.items()]


def _is_text_column(rows: list[FreeRow], index: int) -> bool:
    return not any(r.values[index].number is not None for r in rows)


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
    text_columns = [_is_text_column(item.rows, i) for i in range(len(item.columns))]
    columns = [Column(c.title, kind=ColumnKind.TEXT if text else ColumnKind.VALUE)
               for c, text in zip(item.columns, text_columns)]
    table = Table(item.label_title, columns)
    notes = Notes()
    block: list[FreeRow] = []
    for row in item.rows:
        values = list(row.values)
        if row.level == "summa":
            summed = _summed_rows(block)
            values = [_sum(summed, i) if _summable(c) and not text else Value()
                      for i, (c, text) in enumerate(zip(item.columns, text_columns))]
            block = []
        else:
            block.append(row)
        kind, level = _kind(row)
        shown = [v.text if text else v for v, text in zip(values, text_columns)]
        blank = any(v.number is None and not v.text for v in values)
        table.rows.append(Row(row.label + notes.marks(row.notes), shown, kind, level,
                              partial=blank))
    table.notes = notes.lines
    return table
