"""Compute: every economy total, deviation, percentage and table, from the model only.

Pure functions; amounts stay unrounded. Costs are negative, so a positive deviation is better
than budget.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ..contract import amounts, fmt
from ..contract.amounts import (DEVIATION_COLUMN, DEVIATION_TITLE, ECONOMY_COLUMNS, NAMND_TABLE,
                                UNIT_TABLE, Amount, Arithmetic, EconomyColumn, EconomyTable)
from ..contract.model import AmountSheet, BudgetModel, EconomyRow, Report, Verksamhet
from ..contract.sheets import ECONOMY_SHEETS, KONTOGRUPPER, KONTOGRUPPER_DEL, Sheet
from ..contract.sums import (budget_known, group_figures, kommunbidrag_rows, net_figures,
                             rows_above, sum_figures, summed_rows, total_figures,
                             without_unknown_budget)
from ..contract.vocab import SumRowType, normalize
from ..contract.words import Worded, amounts_title
from .tables import (ROUNDING_LABEL, TOTAL, Chart, Column, ColumnKind, Figures, RowKind, Table,
                     amount, difference, share)

ZERO = Decimal(0)

# labels worded by formuleringar.docx (the row of that name); the text is the default
KOMMUNBIDRAG = Worded("Kommunbidrag", "radrubrik_kommunbidrag")
VARAV_INTRAPRENADER = Worded("- varav intraprenader", "radrubrik_varav_intraprenader")
ACCUMULATED_TITLE = Worded("Ackumulerat resultat intraprenader", "tabellnamn_ackumulerat")
ADJUSTED = Worded("Justerad avvikelse", "rubrik_justerad_avvikelse")
DEVIATION_ONLY = Worded("Avvikelse", "kolumnrubrik_justerad_avvikelse")
USED = Worded("Ianspråktagande av ackumulerat resultat", "radrubrik_ianspraktagande")


def varav(name: str) -> Worded:
    """`- varav Bibliotek`: a part of the row above, never summed."""
    return Worded(f"- varav {name}", "radrubrik_varav", name)


def excluding_intraprenader(total: str) -> Worded:
    return Worded(f"{total} exkl. intraprenader", "radrubrik_exkl_intraprenader", total)


@dataclass(frozen=True)
class Labels:
    """Column titles with the real years and period (`Utfall jan–aug 2021`), and which figure
    the year is judged by: the forecast in a delårsrapport, the outcome in an årsberättelse."""

    year: int
    period: str  # `jan–aug`
    annual: bool = False
    model: BudgetModel = BudgetModel.NETTORAM

    @classmethod
    def for_report(cls, report: Report) -> Labels:
        return cls(report.info.ar, fmt.period_label(report.info.period_month),
                   report.info.rapporttyp.is_annual, report.info.budgetmodell)

    @property
    def total(self) -> str:
        """The total row: a cost against a frame, or a result against a nollbudget."""
        return self.model.total_label

    def share(self, numerator: str, denominator: str):
        """A share column; against a nollbudget only where the row has a real base."""
        if self.model is BudgetModel.KOMMUNBIDRAG:
            return based_share(numerator, denominator)
        return share(numerator, denominator)

    @property
    def outcome(self) -> Amount:
        return amounts.outcome(self.annual)

    def deviation(self, figures: Figures) -> Decimal:
        return amounts.deviation(figures, self.annual)

    def deviation_column(self, figures: Figures) -> Decimal | None:
        """The deviation as a table shows it: `–` where a row lacks either figure."""
        return amounts.known_deviation(figures, self.annual)

    @property
    def deviation_title(self) -> str:
        return DEVIATION_COLUMN.title_for(self.year, self.period, self.annual)

    def column(self, declared: EconomyColumn) -> Column:
        """A declared column with this report's titles and arithmetic."""
        return Column(declared.title_for(self.year, self.period, self.annual),
                      self._value(declared), COLUMN_KINDS.get(declared.arithmetic,
                                                              ColumnKind.AMOUNT),
                      needs=declared.needs(self.annual))

    def _value(self, declared: EconomyColumn):
        fields = declared.fields
        if declared.arithmetic is Arithmetic.OUTCOME:
            return amount(self.outcome)
        if declared.arithmetic is Arithmetic.DIFFERENCE:
            return difference(*fields)
        if declared.arithmetic is Arithmetic.SUM:
            return total_of(*fields)
        if declared.arithmetic is Arithmetic.SHARE:
            return self.share(*fields)
        if declared.arithmetic is Arithmetic.DEVIATION:
            return self.deviation_column
        if declared.arithmetic is Arithmetic.CHANGE:
            return change_against_last_year
        return amount(fields[0])

    def columns(self, declared: EconomyTable, rows: Sequence[EconomyRow] = ()) -> list[Column]:
        """The table's columns for this report kind; a column marked optional (`name?`) only
        where some row carries its amounts."""
        chosen = []
        for name in declared.column_names(self.annual):
            column = ECONOMY_COLUMNS[name.rstrip("?")]
            needs = column.needs(self.annual)
            if name.endswith("?") and not any(all(f in r.amounts for f in needs) for r in rows):
                continue
            chosen.append(self.column(column))
        return chosen


COLUMN_KINDS = {Arithmetic.SHARE: ColumnKind.PERCENT, Arithmetic.CHANGE: ColumnKind.CHANGE}
DEVIATION = DEVIATION_TITLE


HALF = Decimal("0.5")


def based_share(numerator: str, denominator: str):
    """numerator / denominator only against a base shown as non-zero and of the same sign."""
    def value(figures: Figures) -> Decimal | None:
        base, part = figures.get(denominator), figures.get(numerator)
        if base is None or part is None or abs(base) < HALF or part * base < 0:
            return None
        return part / base
    return value


def total_of(first: str, second: str):
    def value(figures: Figures) -> Decimal | None:
        if first not in figures or second not in figures:
            return None
        return figures[first] + figures[second]
    return value


def change_against_last_year(figures: Figures) -> Decimal | None:
    """Utfall helår against Bokslut fg år: a change to exactly 0 is -100 %. None (blank) where
    it cannot be computed: a missing figure, a base of 0, or a sign that changes."""
    base, now = figures.get(Amount.BOKSLUT_FG), figures.get(Amount.UTFALL_HELAR)
    if base is None or now is None or not base or now and (base > 0) != (now > 0):
        return None
    return now / base - 1


def sheet_total(sheet: AmountSheet) -> Figures:
    return sum_figures([r.amounts for r in summed_rows(sheet.rows)])


def rows_with_varav(rows: list[EconomyRow]) -> list[tuple[EconomyRow, int]]:
    """Each summed row followed by its varav rows (nested), with their depth.

    A varav naming no row, or a loop, is a validation error; here such rows are simply skipped.
    """
    children: dict[str, list[EconomyRow]] = {}
    for row in rows:
        if row.varav:
            children.setdefault(normalize(row.varav), []).append(row)
    ordered: list[tuple[EconomyRow, int]] = []
    seen: set[int] = set()

    def visit(row: EconomyRow, depth: int) -> None:
        if id(row) in seen:
            return
        seen.add(id(row))
        ordered.append((row, depth))
        for child in children.get(normalize(row.name), []):
            visit(child, depth + 1)

    for row in summed_rows(rows):
        visit(row, 0)
    return ordered


def add_rows_with_varav(table: Table, rows: list[EconomyRow]) -> None:
    for row, depth in rows_with_varav([r for r in rows if not r.kommunbidrag]):
        if depth:
            table.add(varav(row.name), row.amounts, RowKind.VARAV, depth)
        else:
            table.add(row.name, row.amounts)


@dataclass
class Accumulated:
    """Ackumulerat resultat of one intraprenad (rapporten.md §3)."""

    name: str
    ingaende: Decimal
    deviation: Decimal
    ianspraktagande: Decimal = ZERO
    nya_underskott: Decimal = ZERO
    nya_overskott: Decimal = ZERO

    @property
    def utgaende(self) -> Decimal:
        return self.ingaende + self.deviation


def accumulated(name: str, ingaende: Decimal, dev: Decimal) -> Accumulated:
    result = Accumulated(name, ingaende, dev)
    if dev < 0:
        result.ianspraktagande = -min(ingaende, -dev) if ingaende > 0 else ZERO
        result.nya_underskott = dev - result.ianspraktagande
    else:
        result.nya_overskott = dev
    return result


def total_excluding(total: Figures, intraprenad_total: Figures) -> Figures:
    """The nämnd's total without the intraprenader (with some); no budget where theirs is not
    known (the nämnd's ram alone)."""
    return {k: v - intraprenad_total.get(k, ZERO) for k, v in total.items()
            if k != amounts.BUDGET or k in intraprenad_total}


@dataclass
class VerksamhetEconomy:
    verksamhet: Verksamhet
    total: Figures
    deviation: Decimal | None  # None: no budget is known for it (the nämnd's ram only)
    table: Table
    accumulated: Accumulated | None = None
    kontogrupper_table: Table | None = None  # its own Kontogrupper sheet, when it has one
    part_tables: dict[str, Table] = field(default_factory=dict)  # `Kontogrupper <namn>`


@dataclass
class Economy:
    labels: Labels
    total: Figures
    intraprenad_total: Figures
    verksamheter: list[VerksamhetEconomy]
    namnd_table: Table
    accumulated_table: Table | None
    adjusted_table: Table | None
    sheet_tables: dict[str, Table] = field(default_factory=dict)  # by the declared sheet's
    # name (sheets.ECONOMY_SHEETS): the sheets some report part has
    sheet_totals: dict[str, Figures] = field(default_factory=dict)  # their totals
    kommunbidrag_total: Figures = field(default_factory=dict)  # Kommunbidrag model only
    utanfor: list[VerksamhetEconomy] = field(default_factory=list)  # outside the result
    # Varavrader: (name, figures) of each subset over several enheter, never in the total
    varav_groups: list[tuple[str, Figures]] = field(default_factory=list)
    part_tables: dict[str, Table] = field(default_factory=dict)  # the nämnd's `Kontogrupper
    # <namn>`: several verksamheter together, by name

    @property
    def has_kommunbidrag(self) -> bool:
        return self.labels.model is BudgetModel.KOMMUNBIDRAG

    @property
    def net_total(self) -> Figures:
        """The total without the kommunbidrag: the nettokostnad of the activities."""
        return {k: v - self.kommunbidrag_total.get(k, ZERO) for k, v in self.total.items()}

    @property
    def has_intraprenad(self) -> bool:
        return any(v.verksamhet.intraprenad for v in self.verksamheter)

    @property
    def excl_total(self) -> Figures:
        if not self.has_intraprenad:
            return dict(self.total)
        return total_excluding(self.total, self.intraprenad_total)

    @property
    def deviation(self) -> Decimal:
        return self.labels.deviation(self.total)

    @property
    def deviation_excl(self) -> Decimal:
        return self.labels.deviation(self.excl_total)

    @property
    def budgetram(self) -> Decimal:
        """The nämnd's whole-year budget as a positive frame (Kommunbidrag: the kommunbidrag)."""
        if self.has_kommunbidrag:
            return abs(self.kommunbidrag_total.get(amounts.BUDGET, ZERO))
        return abs(self.total.get(amounts.BUDGET, ZERO))

    def share_of_budgetram(self, value: Decimal) -> Decimal | None:
        return value / self.budgetram if self.budgetram else None

    def sheet_table(self, declared: Sheet) -> Table | None:
        return self.sheet_tables.get(declared.name)

    @property
    def tables(self) -> list[Table]:
        """The tables built from figure sets: the nämnd's, the optional sheets', and each
        verksamhet's (the accumulated and adjusted tables are not, their rows are no figure
        sets)."""
        found = [self.namnd_table, *self.sheet_tables.values(), *self.part_tables.values()]
        for part in self.verksamheter + self.utanfor:
            found += [part.table] + ([part.kontogrupper_table] if part.kontogrupper_table else [])
            found += part.part_tables.values()
        return found


def total_label(sheet: AmountSheet, default: str = "Nettokostnad") -> str:
    """The economist's own word for the total (`Summa`, `Nettokostnad`), else the model's."""
    return sheet.control_total.name if sheet.control_total else default


def verksamhet_economy(v: Verksamhet, labels: Labels) -> VerksamhetEconomy:
    total = total_figures(v)
    table = Table(amounts_title(v.name), labels.columns(UNIT_TABLE, v.ekonomi.rows))
    add_rows_with_varav(table, v.ekonomi.rows)
    for row in kommunbidrag_rows(v.ekonomi.rows):
        table.add(row.name, row.amounts)
    table.add(total_label(v.ekonomi, rows_total_label(v.ekonomi.rows)), total, RowKind.TOTAL)
    dev = labels.deviation_column(total)
    acc = accumulated(v.name, v.ingaende_ack, dev) if v.intraprenad and dev is not None \
        else None
    if acc and acc.ianspraktagande:
        last = next(i for i, c in enumerate(table.columns)
                    if c.title in (DEVIATION, labels.deviation_title))
        table.add_partial(USED, {last: -acc.ianspraktagande})
        table.add_partial(ADJUSTED, {last: acc.deviation - acc.ianspraktagande}, RowKind.TOTAL)
    return VerksamhetEconomy(v, total, dev, table, acc, own_kontogrupper(v, labels, total),
                             part_tables(v.resultatrakningar, labels))


def own_kontogrupper(v: Verksamhet, labels: Labels, total: Figures) -> Table | None:
    """The verksamhet's Kontogrupper sheet as its own table, footing to its total."""
    sheet = v.amount_sheet(KONTOGRUPPER)
    if sheet is None:
        return None
    table, _ = sheet_table(KONTOGRUPPER, summed_rows(sheet.rows), labels, total, sheet)
    return table


def part_tables(sheets: dict[str, AmountSheet], labels: Labels) -> dict[str, Table]:
    """The sheets `Kontogrupper <namn>` by name: summed like Kontogrupper, their total row
    their own rows' sum (a part of a verksamhet, or several together, is reconciled with no
    Ekonomi)."""
    found = {}
    for name, sheet in sheets.items():
        table, _ = sheet_table(KONTOGRUPPER_DEL, summed_rows(sheet.rows), labels, {}, sheet)
        if table is not None:
            found[name] = table
    return found


def namnd_table(report: Report, parts: list[VerksamhetEconomy], labels: Labels,
                total: Figures, intraprenad_total: Figures,
                varav_groups: list[tuple[str, Figures]] | None = None) -> Table:
    table = Table(amounts_title(report.info.namnd), labels.columns(NAMND_TABLE))
    for part in parts:
        if part.verksamhet.visa_enheter:
            add_rows_with_varav(table, part.verksamhet.ekonomi.rows)
        else:
            table.add(part.verksamhet.name, net_figures(part.verksamhet))
    kommunbidrag = sum_figures([r.amounts for p in parts
                                for r in kommunbidrag_rows(p.verksamhet.ekonomi.rows)])
    if kommunbidrag:
        table.add(KOMMUNBIDRAG, kommunbidrag)
    table.add(labels.total, total, RowKind.TOTAL)
    for name, figures in varav_groups or []:  # as the original: right under the total it is part of
        table.add(varav(name), figures, RowKind.VARAV, level=1)
    if any(p.verksamhet.intraprenad for p in parts):
        excl = total_excluding(total, intraprenad_total)
        table.add(VARAV_INTRAPRENADER, intraprenad_total, RowKind.VARAV, level=1)
        table.add(excluding_intraprenader(labels.total), excl, RowKind.TOTAL)
    return table


ACCUMULATED_ROWS = [
    (Worded("Ingående ackumulerat resultat", "radrubrik_ingaende_ackumulerat"), "ingaende",
     RowKind.NORMAL),
    (USED, "ianspraktagande", RowKind.NORMAL),
    (Worded("Nya underskott", "radrubrik_nya_underskott"), "nya_underskott", RowKind.NORMAL),
    (Worded("Nya överskott", "radrubrik_nya_overskott"), "nya_overskott", RowKind.NORMAL),
    (Worded("Utgående ackumulerat resultat", "radrubrik_utgaende_ackumulerat"), "utgaende",
     RowKind.TOTAL),
]


def accumulated_table(items: list[Accumulated]) -> Table | None:
    """One column per intraprenad, and a total column when there are several."""
    if not items:
        return None
    columns = [Column(a.name, amount(a.name)) for a in items]
    if len(items) > 1:
        columns.append(Column(TOTAL, amount("Totalt")))
    table = Table(amounts_title(ACCUMULATED_TITLE), columns)
    for label, attribute, kind in ACCUMULATED_ROWS:
        values = {a.name: getattr(a, attribute) for a in items}
        values["Totalt"] = sum(values.values(), ZERO)
        table.add(label, values, kind)
    return table


def adjusted_table(labels: Labels, economy_total: Figures, intraprenad_total: Figures) -> Table:
    dev_total, dev_intra = labels.deviation(economy_total), labels.deviation(intraprenad_total)
    table = Table(amounts_title(ADJUSTED), [Column(DEVIATION_ONLY, amount("value"))])
    table.add(Worded("Årets avvikelse exkl. intraprenader",
                     "radrubrik_avvikelse_exkl_intraprenader"), {"value": dev_total - dev_intra})
    table.add(Worded("Årets avvikelse intraprenader", "radrubrik_avvikelse_intraprenader"),
              {"value": dev_intra})
    table.add(ADJUSTED, {"value": dev_total}, RowKind.TOTAL)
    return table


def merged_sheet(report: Report, declared: Sheet) -> list[EconomyRow]:
    """A sheet given at nämnd level, or the verksamheters' sheets summed by row name."""
    namnd_sheet = report.amount_sheet(declared)
    if namnd_sheet is not None:
        return summed_rows(namnd_sheet.rows)
    by_name: dict[str, EconomyRow] = {}
    for v in report.verksamheter:
        sheet = v.amount_sheet(declared)
        for row in summed_rows(sheet.rows) if sheet else []:
            key = normalize(row.name)
            if key in by_name:
                merged = sum_figures([by_name[key].amounts, row.amounts])
                by_name[key] = replace(by_name[key], amounts=merged)
            else:
                by_name[key] = row
    return list(by_name.values())


def rounding_difference(rows: list[EconomyRow], target: Figures) -> Figures:
    """What `rows` (summed) lack to reach the nämnd's total `target`, for every field both carry
    and that differs; empty when they agree."""
    own = sum_figures([r.amounts for r in rows])
    present = {f for r in rows for f in r.amounts}
    return {f: target[f] - own.get(f, ZERO) for f in amounts.RECONCILED
            if f in present and f in target and target[f] != own.get(f, ZERO)}


def _rounding_row(table: Table, difference_figures: Figures) -> None:
    """An `Avrundning` row: the difference shown openly, so that the table's total is the
    nämnd's total and the rows still add up to it. Blank where nothing differs."""
    values = {}
    for index, column in enumerate(table.columns):
        if column.kind is not ColumnKind.AMOUNT:
            continue
        value = column.value(difference_figures) if column.value else None
        if value:
            values[index] = value
    table.add_partial(ROUNDING_LABEL, values)


def rows_total_label(rows: list[EconomyRow]) -> str:
    """`Resultat` when the rows hold a kommunbidrag (the total is no longer a cost)."""
    return BudgetModel.KOMMUNBIDRAG.total_label if any(r.kommunbidrag for r in rows) \
        else BudgetModel.NETTORAM.total_label


def _table_from_rows(label_title: str, columns: list[Column], rows: list[EconomyRow],
                     total_label_text: str, target: Figures | None = None,
                     sheet: AmountSheet | None = None) -> tuple[Table | None, Figures]:
    """A table of `rows` and their total. With `target` (the nämnd's total) the total row shows
    the target for the fields it shares, and a rounding row shows any difference. The sheet's
    sum rows (Radtyp `Delsumma`, `Summa`) and the rows below its total stand where they are
    written."""
    if not rows:
        return None, {}
    table = Table(label_title, columns)
    total = sum_figures([r.amounts for r in rows])
    differing = rounding_difference(rows, target) if target else {}
    if target and differing:
        total = total | {f: target[f] for f in differing}
    placed = SumRows(table, sheet, total, differing)
    for index, row in enumerate(rows):
        placed.before(row.source.row)
        table.add(row.name, row.amounts)
        if row.group and (index + 1 == len(rows) or rows[index + 1].group != row.group):
            group = [r for r in rows if r.group == row.group]
            table.add(row.group, sum_figures([r.amounts for r in group]), RowKind.TOTAL)
            table.rows[-1].subtotal = True
    placed.rest()
    if not placed.total_shown:
        placed.add_total(total_label_text)
    return table, total


class SumRows:
    """Adds a sheet's declared sum rows to its table where they stand: a `Delsumma` sums every
    row above it, the first `Summa` is the table's total, the rows below it are outside the total
    and a later `Summa` adds them to it."""

    def __init__(self, table: Table, sheet: AmountSheet | None, total: Figures,
                 differing: Figures):
        self.table, self.sheet, self.total, self.differing = table, sheet, total, differing
        declared = (sheet.after_total + [r for r in sheet.subtotals if r.sum_kind]) if sheet \
            else []
        self.pending = sorted(declared, key=lambda r: r.source.row)
        self.total_shown = False

    def before(self, row_number: int) -> None:
        """Every declared row written above `row_number`."""
        while self.pending and self.pending[0].source.row < row_number:
            self._add(self.pending.pop(0))

    def rest(self) -> None:
        while self.pending:
            self._add(self.pending.pop(0))

    def add_total(self, label: str) -> None:
        if self.differing:
            _rounding_row(self.table, self.differing)
        self.table.add(label, self.total, RowKind.TOTAL)
        self.total_shown = True

    def _add(self, row: EconomyRow) -> None:
        assert self.sheet is not None
        if not row.sum_kind:  # below the total: shown, outside it
            self.table.add(row.name, row.amounts)
        elif row.sum_kind == SumRowType.DELSUMMA:
            above = sum_figures([r.amounts for r in rows_above(self.sheet, row)])
            self.table.add(row.name, above, RowKind.TOTAL)
            self.table.rows[-1].subtotal = True
        elif not self.total_shown:
            self.add_total(row.name)
        else:
            after = [r for r in rows_above(self.sheet, row) if r in self.sheet.after_total]
            self.table.add(row.name, sum_figures([self.total, *(r.amounts for r in after)]),
                           RowKind.TOTAL)


def sheet_table(declared: Sheet, rows: list[EconomyRow], labels: Labels,
                target: Figures, sheet: AmountSheet | None = None
                ) -> tuple[Table | None, Figures]:
    """The table of an optional amount sheet and its total; a reconciled sheet's total row is
    the nämnd's (or the verksamhet's) `target`. `sheet`: the one sheet the rows are from, whose
    sum rows stand among them."""
    table = declared.table
    assert table is not None  # ECONOMY_SHEETS declare a table each
    return _table_from_rows(amounts_title(table.label), labels.columns(table), rows,
                            table.total or rows_total_label(rows),
                            target=target if declared.reconciled else None, sheet=sheet)


def namnd_total(report: Report, parts: list[VerksamhetEconomy]) -> Figures:
    """The verksamheter summed; the budget is the nämnd's ram where it gives one (with the
    kommunbidrag's budget), else the verksamheter's where every one of them has a budget."""
    items = [p.total for p in parts]
    total = sum_figures(items)
    ram = report.info.ram
    if ram is None:
        return without_unknown_budget(total, items)
    kommunbidrag = [r.amounts for p in parts for r in kommunbidrag_rows(p.verksamhet.ekonomi.rows)]
    if not budget_known(kommunbidrag):
        return without_unknown_budget(total, kommunbidrag)
    total[amounts.BUDGET] = ram + sum_figures(kommunbidrag).get(amounts.BUDGET, ZERO)
    return total


def compute_economy(report: Report) -> Economy:
    labels = Labels.for_report(report)
    parts = [verksamhet_economy(v, labels) for v in report.verksamheter]
    total = namnd_total(report, parts)
    intraprenader = [p.total for p in parts if p.verksamhet.intraprenad]
    intra = without_unknown_budget(sum_figures(intraprenader), intraprenader)
    accumulated_items = [p.accumulated for p in parts if p.accumulated]
    tables, totals = {}, {}
    for name, declared in ECONOMY_SHEETS.items():
        table, sheet_total_figures = sheet_table(declared, merged_sheet(report, declared),
                                                 labels, total, report.amount_sheet(declared))
        if table is not None:
            tables[name], totals[name] = table, sheet_total_figures
    groups = [(g.name, group_figures(g, report.verksamheter)) for g in report.varavrader]
    return Economy(
        labels=labels, total=total, intraprenad_total=intra, verksamheter=parts,
        namnd_table=namnd_table(report, parts, labels, total, intra, groups),
        varav_groups=groups,
        accumulated_table=accumulated_table(accumulated_items),
        adjusted_table=adjusted_table(labels, total, intra) if accumulated_items else None,
        sheet_tables=tables, sheet_totals=totals,
        kommunbidrag_total=sum_figures([r.amounts for v in report.verksamheter
                                        for r in kommunbidrag_rows(v.ekonomi.rows)]),
        utanfor=[verksamhet_economy(v, labels) for v in report.utanfor],
        part_tables=part_tables(report.resultatrakningar, labels))


CHART_MAX_BARS = 25  # more bars than fit a page are no longer read


def deviation_chart(economy: Economy) -> Chart | None:
    """One bar per verksamhet: its forecast deviation (Årsberättelse: outcome deviation).
    With many verksamheter, the largest deviations, in the report's order. A verksamhet
    without a budget of its own (the nämnd's ram alone) has no bar."""
    parts = [p for p in economy.verksamheter if p.deviation is not None]
    if len(parts) < 2:
        return None
    shown = parts
    if len(parts) > CHART_MAX_BARS:
        largest = sorted(parts, key=lambda p: abs(p.deviation or ZERO),
                         reverse=True)[:CHART_MAX_BARS]
        shown = [p for p in parts if p in largest]
    values: list[Decimal | None] = [p.deviation for p in shown]
    return Chart("bars", [p.verksamhet.name for p in shown], values, out_of=len(parts))
