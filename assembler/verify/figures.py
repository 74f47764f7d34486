"""The report's figures as the text rules look them up: each one with the entity it belongs to
(nämnd, verksamhet, enhet, kontogrupp, verksamhetsområde, investment), what it is (`avvikelse`,
`utfall_period` …, the names of `ekonomi.*`) and where a reader finds it (row and column title).

A sentence's amount is matched against the figures of the entity it speaks of, so an amount
that belongs to another row is found out; the figure's name says whether it is the period's or
the year's, and whether a sign word (överskott, negativ …) may qualify it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from decimal import Decimal

from ..compute.columnsets import catalogue
from ..compute.economy import Economy
from ..compute.figures import FIGURE_SET_SOURCES, FigureSet, figure_set, namnd_parts
from ..compute.tables import ColumnKind, Figures, RowKind, Table
from ..contract.amounts import PERIOD_COLUMNS, Amount
from ..contract.model import Report
from ..contract.vocab import normalize

# the figures a sentence may call the period's; quoting one as the year's is a mistake
PERIOD_KEYS = PERIOD_COLUMNS
# figures with a sign a reader takes for good or bad news: överskott, negativ avvikelse …
DEVIATION_KEYS = frozenset({"avvikelse", "avvikelse_period", "forandring_mot_fg_prognos",
                            "avvikelse_andel", "ack_avvikelse"})
CHANGE_KEYS = frozenset({"forandring_mot_fg_prognos"})
PERCENT_KEYS = frozenset({"forbrukning_period", "forbrukning_ar", "forbrukning_helar",
                          "avvikelse_andel"})
VARAV_PREFIX = "- varav "
SUFFIXES = r"(?:s|n|en|et|na|ns|ens|ets|nas)?"  # `Kulturskolans`, `biblioteket`, `intäkterna`


@dataclass(frozen=True)
class Figure:
    """A figure the report shows, in tkr (amounts) or percent points (percentages)."""

    value: Decimal
    is_percent: bool
    entity: str  # the row (nämnd, verksamhet, enhet …) the figure belongs to
    where: str  # `Bibliotek, Avvikelse budget–prognos`
    key: str = ""  # its name in ekonomi.* (`avvikelse`), "" for a row without one

    @property
    def is_period(self) -> bool:
        return self.key in PERIOD_KEYS

    @property
    def is_deviation(self) -> bool:
        return self.key in DEVIATION_KEYS or "avvikelse" in self.where.lower()

    @property
    def is_change(self) -> bool:
        return self.key in CHANGE_KEYS


class Names(dict[str, str]):
    """Normalized name → entity; and which of the names a text holds, looked up by the text's
    pieces of each name's length (with thousands of enheter, not every name is tried on every
    sentence)."""

    def __init__(self) -> None:
        super().__init__()
        self._lengths: list[int] | None = None

    def __setitem__(self, name: str, entity: str) -> None:
        if name not in self:
            self._lengths = None
        super().__setitem__(name, entity)

    def held_in(self, text: str) -> set[str]:
        """The names that stand in `text` where no letter, digit or _ is just before them
        (`text.named_entities` takes a name only there)."""
        if self._lengths is None:
            self._lengths = sorted({len(name) for name in self})
        found = set()
        for start in (match.start() for match in NOT_AFTER_A_WORD.finditer(text)):
            for length in self._lengths:
                if start + length > len(text):
                    break
                if text[start:start + length] in self:
                    found.add(text[start:start + length])
        return found


NOT_AFTER_A_WORD = re.compile(r"(?<!\w)(?=.)", re.DOTALL)


class FigureBook:
    """Every figure of the report, by entity, and the names a text may call each entity by.

    The figures of a row computed from its amounts (every enhet's, at thousands of rows) are
    computed the first time they are asked for: `of(entity)` computes that entity's only,
    `figures` all of them. Either gives the same figures in the same order as computing all
    of them up front (`complete`)."""

    def __init__(self, namnd: str):
        self.namnd = namnd
        self.names = Names()
        # the figures in the order they were added: a list, or what computes it
        self._parts: list[list[Figure] | Callable[[], list[Figure]]] = []
        self._parts_of: dict[str, list[int]] = {}  # entity → its parts, in order
        self._all: list[Figure] | None = None

    def add(self, figure: Figure) -> None:
        self._add_part(figure.entity, [figure])

    def add_later(self, entity: str, compute: Callable[[], list[Figure]]) -> None:
        """Figures of `entity` computed when first asked for; `compute` must give at least
        one (an entity is known by having figures)."""
        self._add_part(entity, compute)

    def _add_part(self, entity: str, part) -> None:
        self._parts_of.setdefault(entity, []).append(len(self._parts))
        self._parts.append(part)
        self._all = None

    def _part(self, index: int) -> list[Figure]:
        part = self._parts[index]
        if callable(part):
            part = self._parts[index] = part()
        return part

    def of(self, entity: str) -> list[Figure]:
        return [f for index in self._parts_of.get(entity, ()) for f in self._part(index)]

    @property
    def figures(self) -> list[Figure]:
        if self._all is None:
            self._all = [f for index in range(len(self._parts)) for f in self._part(index)]
        return self._all

    @property
    def entities(self) -> list[str]:
        """Every entity with figures, in the order of its first figure."""
        return list(self._parts_of)

    def complete(self) -> FigureBook:
        """Every figure computed now (as the book was before it computed them when asked)."""
        self.figures  # noqa: B018
        return self

    def name(self, name: str, entity: str, replace: bool = False) -> None:
        key = normalize(name)
        if key and (replace or key not in self.names):
            self.names[key] = entity


def row_entity(label: str) -> str:
    return label[len(VARAV_PREFIX):] if label.startswith(VARAV_PREFIX) else label


_FIGURE_SET_FIELDS = tuple(f.name for f in fields(FigureSet))


# what a row's named figures are computed from (`_figure_values`): a row with none has none
ROW_FIGURE_SOURCES = FIGURE_SET_SOURCES | {Amount.BUDGET_FG, Amount.UTFALL_PERIOD_FG}


def _figure_values(figures: FigureSet, raw: dict) -> dict[str, Decimal]:
    """The named figures of one row: those of `ekonomi.*`, and last year's from the raw row."""
    named = vars(figures)
    values = {name: named[name] for name in _FIGURE_SET_FIELDS
              if isinstance(named[name], Decimal)}
    values.update({str(key): raw[key] for key in (Amount.BUDGET_FG, Amount.UTFALL_PERIOD_FG)
                   if key in raw})
    return values


class _Builder:
    def __init__(self, report: Report, economy: Economy):
        self.labels = economy.labels
        self.columns = catalogue(economy.labels)
        self.titles: dict[str, str] = {}  # the first column of a title names it
        for key, column in self.columns.items():
            self.titles.setdefault(column.title, key)
        self.book = FigureBook(report.info.namnd)

    def title(self, key: str) -> str:
        column = self.columns.get(key)
        return column.title if column is not None else key

    def economy_table(self, table: Table | None, total_entity: str) -> None:
        """An economy table: each row's named figures (all of them, also those the table does
        not show: a sentence may quote any `ekonomi.*` figure), and what partial rows show."""
        if table is None:
            return
        previous = None
        for row in table.rows:
            # a total's own parts (`- varav intraprenader` under Nettokostnad) and adjustments
            # (Avrundning) belong to the total; a group's subtotal (Finansnetto) is its own
            of_total = (row.kind is RowKind.TOTAL and not row.subtotal) or row.partial or (
                row.kind is RowKind.VARAV and previous is RowKind.TOTAL)
            if row.kind is not RowKind.VARAV:
                previous = row.kind
            entity = total_entity if of_total else row_entity(row.label)
            place = row.label if entity == row_entity(row.label) else f"{entity}, {row.label}"
            if row.figures is not None and not row.partial:
                if not ROW_FIGURE_SOURCES.isdisjoint(row.figures):
                    self.book.add_later(entity, functools.partial(
                        self.row_figures, row.label, row.figures, entity, place))
                continue
            self.shown_values(table, row, entity, place)

    def row_figures(self, label: str, raw: Figures, entity: str, place: str) -> list[Figure]:
        """Each named figure of a row computed from its amounts."""
        return self.named_figures(figure_set(label, raw, self.labels.annual), raw, entity,
                                  place)

    def named_figures(self, figures: FigureSet, raw: Figures | dict, entity: str,
                      place: str) -> list[Figure]:
        """Each named figure of one set (and last year's from its raw row), as `place, title`."""
        return [Figure(value * 100 if key in PERCENT_KEYS else value, key in PERCENT_KEYS,
                       entity, f"{place}, {self.title(key)}", key)
                for key, value in _figure_values(figures, raw).items()]

    def shown_values(self, table: Table, row, entity: str, place: str) -> None:
        for value, column in zip(row.values, table.columns, strict=False):
            if not isinstance(value, Decimal) or column.kind not in (ColumnKind.AMOUNT,
                                                                     ColumnKind.PERCENT):
                continue
            percent = column.kind is ColumnKind.PERCENT
            self.book.add(Figure(value * 100 if percent else value, percent, entity,
                                 f"{place}, {column.title}", self.titles.get(column.title, "")))

    def accumulated(self, table: Table | None) -> None:
        """One column per intraprenad: the figures belong to the column's verksamhet."""
        if table is None:
            return
        for row in table.rows:
            for value, column in zip(row.values, table.columns, strict=False):
                if isinstance(value, Decimal):
                    entity = self.book.namnd if column.title == "Totalt" else column.title
                    key = "ack_avvikelse" if "ianspråk" in row.label.lower() else ""
                    self.book.add(Figure(value, False, entity, f"{column.title}, {row.label}",
                                         key))

    def adjusted(self, table: Table | None) -> None:
        if table is None:
            return
        for row in table.rows:
            self.shown_values(table, row, self.book.namnd, row.label)

    def namnd_totals(self, economy: Economy) -> None:
        namnd = self.book.namnd
        for value, key, where in [
                (economy.share_of_budgetram(economy.deviation), "avvikelse_andel",
                 "avvikelse i procent av budgetramen"),
                (economy.share_of_budgetram(economy.deviation_excl), "avvikelse_andel",
                 "avvikelse i procent av budgetramen, exklusive intraprenader")]:
            if value is not None:
                self.book.add(Figure(value * 100, True, namnd, where, key))
        self.book.add(Figure(economy.budgetram, False, namnd, "budgetramen", "budget"))
        parts = namnd_parts(economy)
        for extra, where in ((parts.exkl_intraprenader, "exklusive intraprenader"),
                             (parts.intraprenader, "intraprenader"),
                             (parts.kommunbidrag, "Kommunbidrag"),
                             (parts.nettokostnad, "Nettokostnad")):
            if extra is not None:
                for figure in self.named_figures(extra, {}, namnd, where):
                    self.book.add(figure)


# the last book built: the text rules and the check of the documents ask for the same one
_last_book: list[tuple[Report, Economy, FigureBook]] = []


def figure_book(report: Report, economy: Economy) -> FigureBook:
    """The figures of one computed report, built once per report and economy."""
    if _last_book and _last_book[0][0] is report and _last_book[0][1] is economy:
        return _last_book[0][2]
    book = _built_book(report, economy)
    _last_book[:] = [(report, economy, book)]
    return book


def _built_book(report: Report, economy: Economy) -> FigureBook:
    builder = _Builder(report, economy)
    namnd = report.info.namnd
    for table in (economy.namnd_table, *economy.sheet_tables.values()):
        builder.economy_table(table, namnd)
    for part in economy.verksamheter + economy.utanfor:
        builder.economy_table(part.table, part.verksamhet.name)
        builder.economy_table(part.kontogrupper_table, part.verksamhet.name)
        for name, table in part.part_tables.items():
            builder.economy_table(table, name)
    for name, table in economy.part_tables.items():
        builder.economy_table(table, name)
    builder.accumulated(economy.accumulated_table)
    builder.adjusted(economy.adjusted_table)
    builder.namnd_totals(economy)
    _add_names(builder.book, report, economy)
    return builder.book


def _add_names(book: FigureBook, report: Report, economy: Economy) -> None:
    """The nämnd by its name and as the text calls it (`nämnden`, `styrelsens`); every row of
    the economy tables by its label; a verksamhet's name before an enhet's of the same name."""
    namnd, organ = report.info.namnd, report.info.organ
    for name in (namnd, "nämnden", "nämndens", organ.definite, organ.genitive):
        book.name(name, namnd, replace=True)
    for part in economy.verksamheter + economy.utanfor:
        book.name(part.verksamhet.name, part.verksamhet.name, replace=True)
    for name in [*economy.part_tables, *(n for p in economy.verksamheter for n in p.part_tables)]:
        book.name(name, name)
    for entity in book.entities:
        if entity != namnd:
            book.name(entity, entity)
