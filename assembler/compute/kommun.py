"""Compute: the kommun's own report from every nämnd's computed economy and the kommun workbook.

Each nämnd's figures are taken from the same `compute_economy` its own report uses and rounded
as its report prints them (whole tkr), so every figure of a nämnd's row in the driftredovisning
is one that nämnd's report shows, and the kommun's totals are sums of what is shown: they foot.
Every figure carries where it came from (`TraceLine`), for spårbarhet.csv.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..contract import amounts
from ..contract.amounts import ECONOMY_COLUMNS, Amount, column_of
from ..contract import fmt
from ..contract.kommun import (BALANSRAKNING, FINANSIELLA_MAL, FINANSIERING, KASSAFLODE,
                               KOMMUN_TEXT_SECTIONS, NAMNDER, NOTER, VERKSAMHETSMAL,
                               AmountLine, BalanceGroup, CashFlowGroup, FinancingGroup, GoalLine,
                               KommunBook, NamndFolder, NoteLine)
from ..contract.model import EconomyRow, Report
from ..contract.sheets import (BUDGET_HELAR, EKONOMI, INVESTERINGAR, PROGNOS_FG_DELAR,
                               PROGNOS_HELAR, RAPPORT, VERKSAMHET_INFO)
from ..contract.sums import net_rows, summed_rows
from ..contract.vocab import template_key
from ..contract.words import Worded, amounts_title
from .context import Text
from .economy import Economy
from .tables import ROUNDING_LABEL, Column, ColumnKind, RowKind, Table, doc

ZERO = Decimal(0)


def shown(value: Decimal | None) -> Decimal | None:
    """A figure as a table prints it: whole tkr, 0,5 away from zero."""
    return None if value is None else fmt.round_half_up(value)


@dataclass
class TraceLine:
    """One figure of the kommun's report and where it comes from."""

    table: str
    row: str
    column: str
    value: Decimal  # in tkr, as the table has it; spårbarhet.csv prints it in the table's unit
    namnd: str = ""
    workbooks: str = ""
    sheet: str = ""
    cells: str = ""
    formula: str = ""  # how it is computed, when it is not a cell as typed


@dataclass
class Cell:
    value: Decimal | None
    namnd: str = ""
    workbooks: str = ""
    sheet: str = ""
    cells: str = ""
    formula: str = ""


# labels worded by the kommun's formuleringar.docx (the row of that name); the text is the
# default, and the name the rows are looked up by
NOTE_TITLE = Worded("Not", "kolumnrubrik_not")
NAMND_TITLE = amounts_title(Worded("Nämnd", "tabellnamn_namnd"))
SUM_NAMNDER = Worded("Summa nämnder", "radrubrik_summa_namnder")
YEAR_RESULT = Worded("Årets resultat", "radrubrik_arets_resultat")
SUM_TOTAL = Worded("Summa", "radrubrik_summa")


class TracedTable:
    """A Table whose every figure is recorded with its source as its row is added; with
    `notes`, a first column Not gives each row's note number (RKR's statements)."""

    def __init__(self, key: str, title: str, columns: list[str], trace: list[TraceLine],
                 keys: list[str] | None = None, notes: bool = False):
        self.key, self.trace, self.offset = key, trace, int(notes)
        self.table = Table(title, [Column(NOTE_TITLE, None, ColumnKind.TEXT)] * notes
                           + [Column(c, None) for c in columns])
        self.keys = keys or []  # what each column holds, when rows are read back by it

    def value(self, label: str, key: str) -> Decimal | None:
        return self.table.row(label).values[self.offset + self.keys.index(key)]

    def add(self, label: str, cells: list[Cell], kind: RowKind = RowKind.NORMAL,
            note: int | None = None) -> None:
        values: dict[int, Any] = {self.offset + i: c.value for i, c in enumerate(cells)
                                  if c.value is not None}
        if self.offset and note is not None:
            values[0] = str(note)
        self.table.add_partial(label, values, kind)
        for column, cell in zip(self.table.columns[self.offset:], cells, strict=False):
            if cell.value is not None:
                self.trace.append(TraceLine(self.key, label, column.title, cell.value,
                                            cell.namnd, cell.workbooks, cell.sheet, cell.cells,
                                            cell.formula))

    def heading(self, label: str) -> None:
        self.table.add_partial(label, {}, RowKind.GROUP)


@dataclass
class Periods:
    """Column titles and which fields a kind of report shows."""

    year: int
    period: str
    annual: bool
    month: int = 12

    @property
    def end(self) -> str:
        """The period's last day, as a balance sheet's column: `2025-08-31`."""
        return f"{self.year}-{self.month:02d}-{calendar.monthrange(self.year, self.month)[1]}"

    @property
    def outcome(self) -> Amount:
        return amounts.outcome(self.annual)

    @property
    def closing(self) -> Amount:
        """The field of the period's outcome: the year's, or the period's in a delårsrapport."""
        return Amount.UTFALL_HELAR if self.annual else Amount.UTFALL_PERIOD

    def title(self, column: str, year: int | None = None) -> str:
        """The title of the economy's column `column` (`budget`, `utfall_period`) for `year`
        (the report's), worded by formuleringar.docx as the nämnder's tables are."""
        return ECONOMY_COLUMNS[column].title_for(year or self.year, self.period, self.annual)

    def fields(self) -> list[tuple[str, str]]:
        """(field, column title) of the driftredovisning's and resultaträkning's amounts."""
        if self.annual:
            return [(Amount.UTFALL_HELAR, self.title("utfall")),
                    (Amount.BUDGET_HELAR, self.title("budget"))]
        return [(Amount.UTFALL_PERIOD, self.title(column_of(Amount.UTFALL_PERIOD))),
                (Amount.BUDGET_HELAR, self.title("budget")),
                (Amount.PROGNOS_HELAR, self.title("prognos"))]

    @property
    def deviation_title(self) -> str:
        return self.title("avvikelse")


def _cells_of(rows: list[EconomyRow], field_name: str) -> list[tuple[str, str]]:
    return [(r.source.file, r.source.cell(field_name)) for r in rows if field_name in r.amounts]


def _joined(mapp: str, pairs: list[tuple[str, str]], sheet: str) -> tuple[str, str]:
    """(`Mapp/Bok.xlsx, …`, `Mapp/Bok.xlsx › Ekonomi › D2+D3; …`)."""
    by_file: dict[str, list[str]] = {}
    for file, cell in pairs:
        by_file.setdefault(f"{mapp}/{file}", []).append(cell)
    return (", ".join(by_file),
            "; ".join(f"{file} › {sheet} › {'+'.join(cells)}" for file, cells in by_file.items()))


def namnd_rows(report: Report) -> list[EconomyRow]:
    """The rows a nämnd's net cost is the sum of: every verksamhet's units, without varav rows
    and without the kommunbidrag."""
    return [r for v in report.verksamheter for r in net_rows(v.ekonomi.rows)]


NET_COST = ("summan av nämndens enheter i bladen Ekonomi (utan varav-rader och kommunbidrag), "
            "avrundad som i nämndens rapport")
NET_OF_KOMMUNBIDRAG_PREFIX = ("nämndens rad Resultat minus raden Kommunbidrag, båda som i "
                              "nämndens rapport: ")
NET_OF_KOMMUNBIDRAG = NET_OF_KOMMUNBIDRAG_PREFIX + NET_COST
RAM_BUDGET = (f"nämndens budgetram ({RAPPORT.field('ram').name} i bladet {RAPPORT.title}), "
              "som i nämndens rapport")
RAMS_BUDGET = (f"summan av verksamheternas budgetramar ({VERKSAMHET_INFO.field('ram').name} i "
               f"bladet {VERKSAMHET_INFO.title}) och, för en verksamhet utan ram, dess enheters "
               f"{BUDGET_HELAR.header} i bladet {EKONOMI.title}, avrundad som i nämndens rapport")


def namnd_cell(folder: NamndFolder, field_name: str, value: Decimal | None) -> Cell:
    report = folder.report
    kommunbidrag = isinstance(folder.economy, Economy) and folder.economy.has_kommunbidrag
    if field_name == Amount.BUDGET_HELAR and report is not None and _has_ram(report):
        return _budget_cell(folder, report, value, kommunbidrag)
    rows = namnd_rows(report) if report else []
    workbooks, cells = _joined(folder.entry.mapp, _cells_of(rows, field_name), EKONOMI.title)
    return Cell(shown(value), folder.entry.name, workbooks, EKONOMI.title, cells,
                NET_OF_KOMMUNBIDRAG if kommunbidrag else NET_COST)


def _has_ram(report: Report) -> bool:
    return report.info.ram is not None or any(v.ram is not None for v in report.verksamheter)


def _budget_sources(report: Report) -> list[tuple[str, str, str]]:
    """(file, sheet, cell) of the budget a nämnd's total is built from: its ram in Rapport, or
    per verksamhet its ram in Verksamhet, else its enheter's Budget helår in Ekonomi."""
    info = report.info
    if info.ram is not None:
        return [(info.source.file, RAPPORT.title, info.source.cell(RAPPORT.field("ram").name))]
    ram_field = VERKSAMHET_INFO.field("ram").name
    return [source for v in report.verksamheter
            for source in ([(v.file, VERKSAMHET_INFO.title, v.cells.get(ram_field, ""))]
                           if v.ram is not None else
                           [(file, EKONOMI.title, cell) for file, cell
                            in _cells_of(net_rows(v.ekonomi.rows), Amount.BUDGET_HELAR)])]


def _budget_cell(folder: NamndFolder, report: Report, value: Decimal | None,
                 kommunbidrag: bool) -> Cell:
    """A nämnd's Budget helår when a ram gives it (the nämnd's or a verksamhet's): traced to the
    ram's cell, not to the enheter's cells the ram leaves blank."""
    by_place: dict[tuple[str, str], list[str]] = {}
    for file, sheet, cell in _budget_sources(report):
        by_place.setdefault((f"{folder.entry.mapp}/{file}", sheet), []).append(cell)
    workbooks = ", ".join(dict.fromkeys(file for file, _ in by_place))
    sheets = ", ".join(dict.fromkeys(sheet for _, sheet in by_place))
    cells = "; ".join(f"{file} › {sheet} › {'+'.join(found)}"
                      for (file, sheet), found in by_place.items())
    formula = RAM_BUDGET if report.info.ram is not None else RAMS_BUDGET
    return Cell(shown(value), folder.entry.name, workbooks, sheets, cells,
                f"{NET_OF_KOMMUNBIDRAG_PREFIX}{formula}" if kommunbidrag else formula)


def _economy(folder: NamndFolder) -> Economy:
    assert isinstance(folder.economy, Economy)
    return folder.economy


# the nämnd's verksamhet tables' column
CHANGE_TITLE = Worded("Förändring mot föregående prognos",
                      "kolumnrubrik_forandring_mot_fg_prognos")


def previous_forecast(folder: NamndFolder, forecast: Cell) -> tuple[Cell, Cell]:
    """Prognos fg delår and the change since, for one nämnd's row (`forecast`: its Prognos helår
    as shown). As the kommun keeps the previous forecast (sheet Nämnder), the change is the
    difference; else, when every row of the nämnd has one, the change is the sum of what the
    nämnd's verksamhet tables print in their column Förändring mot föregående prognos, and the
    previous forecast is the forecast less that change: both figures of the nämnd's own report."""
    entry = folder.entry
    difference = f"{PROGNOS_HELAR.header} − {PROGNOS_FG_DELAR.header}"
    if entry.prognos_fg_delar is not None:
        before = Cell(shown(entry.prognos_fg_delar), entry.name, entry.source.file,
                      NAMNDER.title, entry.source.cell(Amount.PROGNOS_FG_DELAR),
                      "som kommunen har den")
        return before, Cell(_minus(forecast.value, before.value), entry.name, formula=difference)
    report = folder.report
    rows = namnd_rows(report) if report else []
    before_now = (Amount.PROGNOS_FG_DELAR, Amount.PROGNOS_HELAR)
    if not rows or forecast.value is None or \
            any(f not in r.amounts for r in rows for f in before_now):
        return Cell(None), Cell(None)
    assert report is not None
    change = sum((fmt.round_half_up(sum((r.amounts[before_now[1]] - r.amounts[before_now[0]]
                                         for r in net_rows(v.ekonomi.rows)), ZERO))
                  for v in report.verksamheter), ZERO)
    workbooks, cells = _joined(entry.mapp, _cells_of(rows, Amount.PROGNOS_FG_DELAR), EKONOMI.title)
    before = Cell(forecast.value - change, entry.name, workbooks, EKONOMI.title, cells,
                  f"{PROGNOS_HELAR.header} − {CHANGE_TITLE.lower()}, som i nämndens rapport")
    return before, Cell(change, entry.name, formula=f"summan av verksamheternas {CHANGE_TITLE} "
                                                    "i nämndens rapport")


def _minus(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return None if a is None or b is None else a - b


def _sum_cell(cells: list[Cell], what: str) -> Cell:
    values = [c.value for c in cells if c.value is not None]
    if not values:
        return Cell(None)
    return Cell(sum(values, ZERO), formula=what)


CHANGES_TITLE = Worded("Varav ändringar", "kolumnrubrik_varav_andringar")


def budget_changes(folder: NamndFolder) -> Cell:
    """Fullmäktige's changes of the ram during the year, as the kommun keeps them."""
    entry = folder.entry
    return Cell(shown(entry.andringar or ZERO), entry.name, entry.source.file, NAMNDER.title,
                entry.source.cell("budgetandringar") if entry.andringar is not None else "",
                "" if entry.andringar is not None else "inga budgetändringar i bladet Nämnder")


BUDGET_FG_DELAR = NAMNDER.column("budget_fg_delar")


def previous_budget(folder: NamndFolder) -> Cell:
    """The nämnd's budget in the previous delårsrapport, as the kommun keeps it (a visible
    blank when its row in Nämnder has none)."""
    entry = folder.entry
    if entry.budget_fg_delar is None:
        return Cell(None)
    return Cell(shown(entry.budget_fg_delar), entry.name, entry.source.file, NAMNDER.title,
                entry.source.cell("budget_fg_delar"), "som kommunen har den")


def eight_figure_widths(titles: list[str]) -> list[Decimal]:
    """Shares of the page for the label and eight figures: each figure column keeps room for
    `-1 516 600` and the long-worded titles for their word; the label column the rest, room
    for `Samhällsbyggnads-` (a long name breaks before its organ word, never mid-word)."""
    wide: dict[str, Decimal] = {CHANGES_TITLE: Decimal("11.2"), CHANGE_TITLE: Decimal("12.3")}
    figures = [wide.get(t, Decimal("9.80")) for t in titles]
    return [Decimal(100) - sum(figures, ZERO)] + figures


def driftredovisning(folders: list[NamndFolder], periods: Periods,
                     trace: list[TraceLine]) -> TracedTable:
    """Per nämnd: the period's fields, the previous delår's budget when the kommun keeps any
    (before Budget), the ram's changes when it keeps any (after Budget), Avvikelse and, in a
    delårsrapport, the previous forecast and the change."""
    fields = periods.fields()
    interim = not periods.annual
    changes = any(f.entry.andringar is not None for f in folders)
    budget_before = interim and any(f.entry.budget_fg_delar is not None for f in folders)
    keys = [f for f, _ in fields]
    titles = [t for _, t in fields]
    if changes:
        at = keys.index(Amount.BUDGET_HELAR) + 1
        keys.insert(at, "budgetandringar")
        titles.insert(at, CHANGES_TITLE)
    if budget_before:
        at = keys.index(Amount.BUDGET_HELAR)
        keys.insert(at, "budget_fg_delar")
        titles.insert(at, BUDGET_FG_DELAR.header)
    keys.append(Amount.AVVIKELSE)
    titles.append(periods.deviation_title)
    if interim:
        keys += [Amount.PROGNOS_FG_DELAR, "forandring"]
        titles += [PROGNOS_FG_DELAR.header, CHANGE_TITLE]
    table = TracedTable("driftredovisning", NAMND_TITLE, titles, trace, keys)
    if interim and changes and budget_before:
        table.table.relative_widths = eight_figure_widths(titles)
    elif interim and (changes or budget_before):
        table.table.label_share = 0.24  # eight figures of up to −9 999 999 keep one line each
    columns: list[list[Cell]] = []
    for folder in folders:
        net = _economy(folder).net_total  # without the kommunbidrag: the nämnd's net cost
        cell = {f: namnd_cell(folder, f, net.get(f, ZERO)) for f, _ in fields}
        cell["budgetandringar"] = budget_changes(folder)
        cell["budget_fg_delar"] = previous_budget(folder)
        cell[Amount.AVVIKELSE] = Cell(
            shown(amounts.deviation(net, periods.annual)),
            folder.entry.name, formula=f"{fields[-1][1]} − Budget {periods.year}, som i "
                                       "nämndens rapport")
        if interim:
            cell[Amount.PROGNOS_FG_DELAR], cell["forandring"] = previous_forecast(
                folder, cell[Amount.PROGNOS_HELAR])
        cells = [cell[k] for k in keys]
        table.add(folder.entry.name, cells)
        columns.append(cells)
    totals = [_sum_cell([row[i] for row in columns], "summan av nämndernas rader")
              for i in range(len(titles))]
    if interim and any(row[-2].value is None for row in columns):
        totals[-2] = totals[-1] = Cell(None)  # a total of some nämnder only would mislead
    if budget_before and any(f.entry.budget_fg_delar is None for f in folders):
        totals[keys.index("budget_fg_delar")] = Cell(None)  # likewise
    table.add(SUM_NAMNDER, totals, RowKind.TOTAL)
    return table


def _line_cell(book: KommunBook, sheet: str, line, field_name: str) -> Cell:
    value = line.amounts.get(field_name)
    return Cell(shown(value), "", book.file, sheet, line.source.cell(field_name))


def resultatrakning(book: KommunBook, drift: TracedTable, periods: Periods,
                    trace: list[TraceLine]) -> tuple[TracedTable, dict[str, Decimal | None]]:
    """Nämndernas nettokostnader + Finansiering → årets resultat; returns the table and
    årets resultat by field."""
    fields = [f for f, _ in periods.fields()]
    titles = [t for _, t in periods.fields()] + [periods.deviation_title]
    table = TracedTable("resultaträkning", amounts_title(Worded(
        "Resultaträkning", "tabellnamn_resultatrakning")), titles, trace,
                        notes=has_notes(book.financing))
    running = {f: drift.value(SUM_NAMNDER, f) for f in fields}

    def deviation_of(values: dict) -> Cell:
        known = {key: value for key, value in values.items() if value is not None}
        deviation = amounts.known_deviation(known, periods.annual)
        if deviation is None:
            return Cell(None)
        return Cell(deviation, formula=f"{titles[len(fields) - 1]} − Budget {periods.year}")

    table.add(Worded("Nämndernas nettokostnader", "radrubrik_namndernas_nettokostnader"),
              [Cell(running[f], formula="driftredovisningens Summa nämnder") for f in fields]
              + [deviation_of(running)])
    steps = [(FinancingGroup.VERKSAMHET, Worded("Verksamhetens nettokostnader",
                                                "radrubrik_verksamhetens_nettokostnader")),
             (FinancingGroup.SKATTER, Worded("Verksamhetens resultat",
                                             "radrubrik_verksamhetens_resultat")),
             (FinancingGroup.FINANSIELL, Worded("Resultat efter finansiella poster",
                                                "radrubrik_resultat_efter_finansiella_poster")),
             (FinancingGroup.EXTRAORDINAR, YEAR_RESULT)]
    for group, total_label in steps:
        lines = [line for line in book.financing if line.group == group.value]
        for line in lines:
            cells = [_line_cell(book, FINANSIERING.title, line, f) for f in fields]
            by_field = {f: c.value for f, c in zip(fields, cells, strict=True)}
            table.add(line.name, cells + [deviation_of(by_field)], note=line.note)
            for f, c in zip(fields, cells, strict=True):
                running[f] = _plus(running[f], c.value)
        table.add(total_label, [Cell(running[f], formula="summan av raderna ovan")
                                for f in fields] + [deviation_of(running)], RowKind.TOTAL)
    return table, running


def balanskrav(book: KommunBook, result: dict[str, Decimal | None], periods: Periods,
               trace: list[TraceLine]) -> tuple[TracedTable, Decimal | None]:
    """Årets resultat (the prognos in a delårsrapport) ± the justeringar → balanskravsresultat."""
    field_name = periods.outcome
    title = periods.title("resultat")
    lines = [x for x in book.financing if x.group == FinancingGroup.BALANSKRAV.value]
    table = TracedTable("balanskrav", amounts_title(Worded(
        "Balanskravsutredning", "tabellnamn_balanskrav")), [title], trace,
                        notes=has_notes(lines))
    value = result.get(field_name)
    table.add(YEAR_RESULT, [Cell(value, formula="resultaträkningens Årets resultat")])
    for line in lines:
        cell = _line_cell(book, FINANSIERING.title, line, field_name)
        table.add(line.name, [cell], note=line.note)
        value = None if value is None or cell.value is None else value + cell.value
    table.add(Worded("Balanskravsresultat", "radrubrik_balanskravsresultat"),
              [Cell(value, formula="summan av raderna ovan")],
              RowKind.TOTAL)
    return table, value


def has_notes(lines: list[AmountLine]) -> bool:
    return any(line.note is not None for line in lines)


def balance_fields(book: KommunBook, periods: Periods) -> list[tuple[Amount, str]]:
    """(field, column title) of the balansräkning: the last year's closing and the period's."""
    fields = [(Amount.BOKSLUT_FG, f"{periods.year - 1}-12-31"), (periods.closing, periods.end)]
    if not any(Amount.BOKSLUT_FG in line.amounts for line in book.balance):
        fields = fields[1:]
    return fields


def balansrakning(book: KommunBook, periods: Periods,
                  trace: list[TraceLine]) -> TracedTable | None:
    if not book.balance:
        return None
    fields = balance_fields(book, periods)
    table = TracedTable("balansräkning", amounts_title(Worded(
        "Balansräkning", "tabellnamn_balansrakning")), [t for _, t in fields],
                        trace, notes=has_notes(book.balance))
    for group, total in BALANCE_TOTALS.items():
        table.heading(group.value)
        lines = [line for line in book.balance if line.group == group.value]
        add_lines(table, book, BALANSRAKNING.title, lines, fields, total)
    return table


def add_lines(table: TracedTable, book: KommunBook, sheet: str,
              lines: list[AmountLine] | list[NoteLine], fields: Sequence[tuple[str, str]],
              total: str = "") -> list[Decimal | None]:
    """Each line's row (its note number in a Not column) and, with `total`, their sum's row;
    returns the sums by column (None where a line lacks the figure)."""
    sums: list[Decimal | None] = [ZERO] * len(fields)
    for line in lines:
        cells = [_line_cell(book, sheet, line, f) for f, _ in fields]
        table.add(line.name, cells, note=line.note)
        sums = [_plus(s, c.value) for s, c in zip(sums, cells, strict=True)]
    if total:
        table.add(total, [Cell(x, formula="summan av raderna ovan") for x in sums],
                  RowKind.TOTAL)
    return sums


BALANCE_TOTALS = {
    BalanceGroup.TILLGANGAR: Worded("Summa tillgångar", "radrubrik_summa_tillgangar"),
    BalanceGroup.SKULDER: Worded("Summa eget kapital, avsättningar och skulder",
                                 "radrubrik_summa_eget_kapital_och_skulder"),
}
CASH_FLOW_TOTALS = {
    CashFlowGroup.LOPANDE: Worded("Kassaflöde från den löpande verksamheten",
                                  "radrubrik_kassaflode_lopande"),
    CashFlowGroup.INVESTERING: Worded("Kassaflöde från investeringsverksamheten",
                                      "radrubrik_kassaflode_investering"),
    CashFlowGroup.FINANSIERING: Worded("Kassaflöde från finansieringsverksamheten",
                                       "radrubrik_kassaflode_finansiering"),
}


def _plus(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return None if a is None or b is None else a + b


def cash_flow_fields(book: KommunBook, periods: Periods) -> list[tuple[str, str]]:
    """(field, column title): the last year's, and the year's (the period's in a delårsrapport
    whose sheet has Utfall period)."""
    period = not periods.annual and any(Amount.UTFALL_PERIOD in x.amounts for x in book.cash_flow)
    now = (Amount.UTFALL_PERIOD, f"{periods.period} {periods.year}") if period else \
        (Amount.UTFALL_HELAR, str(periods.year))
    return [(f, t) for f, t in ((Amount.BOKSLUT_FG, str(periods.year - 1)), now)
            if any(f in line.amounts for line in book.cash_flow)]


def kassaflode(book: KommunBook, periods: Periods, trace: list[TraceLine]) -> TracedTable | None:
    """The kassaflödesanalys: each grupp's rows and its subtotal, then Årets kassaflöde and,
    when the balansräkning has its Kassa och bank, the likvida medel at start and end."""
    if not book.cash_flow:
        return None
    fields = cash_flow_fields(book, periods)
    table = TracedTable("kassaflödesanalys", amounts_title(Worded(
        "Kassaflödesanalys", "tabellnamn_kassaflode")),
                        [t for _, t in fields], trace)
    year: list[Decimal | None] = [ZERO] * len(fields)
    for group, total in CASH_FLOW_TOTALS.items():
        lines = [line for line in book.cash_flow if line.group == group.value]
        if not lines:
            continue
        table.heading(group.value)
        sums = add_lines(table, book, KASSAFLODE.title, lines, fields, total)
        year = [_plus(y, s) for y, s in zip(year, sums, strict=True)]
    what = "årets" if periods.annual else "periodens"
    table.add(cash_flow_label(periods),
              [Cell(y, formula="summan av delarnas kassaflöden") for y in year], RowKind.TOTAL)
    liquid = book.liquid_funds
    if liquid and fields[-1][0] != Amount.BOKSLUT_FG:
        blank = [Cell(None)] * (len(fields) - 1)
        for label, field_name in (
                (Worded(f"Likvida medel vid {what} början", "radrubrik_likvida_medel_borjan"),
                 Amount.BOKSLUT_FG),
                (Worded(f"Likvida medel vid {what} slut", "radrubrik_likvida_medel_slut"),
                 periods.closing)):
            table.add(label, blank + [_liquid_cell(book, liquid, field_name)])
    return table


def _liquid_cell(book: KommunBook, lines: list[AmountLine], field_name: str) -> Cell:
    known = all(field_name in line.amounts for line in lines)
    total = sum((line.amounts.get(field_name, ZERO) for line in lines), ZERO)
    cells = "+".join(line.source.cell(field_name) for line in lines)
    return Cell(shown(total) if known else None, "", book.file,
                BALANSRAKNING.title, cells, "balansräkningens " + " + ".join(
                    line.name for line in lines))


def cash_flow_year(table: TracedTable | None, periods: Periods) -> Decimal | None:
    """The kassaflödesanalys's Årets (periodens) kassaflöde in its current column."""
    if table is None:
        return None
    return table.table.row(cash_flow_label(periods)).values[-1]


def cash_flow_label(periods: Periods) -> Worded:
    """Årets (a delårsrapport's: Periodens) kassaflöde."""
    return Worded(f"{'Årets' if periods.annual else 'Periodens'} kassaflöde",
                  "radrubrik_kassaflode")


def investment_rows(report: Report) -> list[EconomyRow]:
    own = report.amount_sheet(INVESTERINGAR)
    if own is not None:
        return summed_rows(own.rows)
    return [r for v in report.verksamheter if (sheet := v.amount_sheet(INVESTERINGAR))
            for r in summed_rows(sheet.rows)]


def investeringar(folders: list[NamndFolder], periods: Periods,
                  trace: list[TraceLine]) -> TracedTable | None:
    fields = [(Amount.BUDGET_HELAR, periods.title("budget"))]
    fields += ([(Amount.UTFALL_HELAR, periods.title("utfall"))] if periods.annual else
               [(Amount.UTFALL_PERIOD, periods.title(column_of(Amount.UTFALL_PERIOD))),
                (Amount.PROGNOS_HELAR, periods.title("prognos"))])
    table = TracedTable("investeringar", NAMND_TITLE, [t for _, t in fields], trace)
    rows = []
    for folder in folders:
        total = _economy(folder).sheet_totals.get(INVESTERINGAR.name, {})
        rows_of = investment_rows(folder.report) if folder.report else []
        if not rows_of:
            continue
        cells = []
        for f, _ in fields:
            workbooks, cells_text = _joined(folder.entry.mapp, _cells_of(rows_of, f),
                                            INVESTERINGAR.title)
            cells.append(Cell(shown(total.get(f, ZERO)), folder.entry.name,
                              workbooks, INVESTERINGAR.title, cells_text,
                              "summan av nämndens investeringsprojekt, som i nämndens rapport"))
        table.add(folder.entry.name, cells)
        rows.append(cells)
    if not rows:
        return None
    table.add(Worded("Summa investeringar", "radrubrik_summa_investeringar"),
              [_sum_cell([r[i] for r in rows], "summan av nämndernas rader")
               for i in range(len(fields))], RowKind.TOTAL)
    return table


GOAL_TITLES = [Worded("Målvärde", "kolumnrubrik_malvarde"),
               Worded("Utfall/prognos", "kolumnrubrik_utfall_prognos"),
               Worded("Bedömning", "kolumnrubrik_bedomning")]


def goal_table(goals: list[GoalLine], kind: str) -> Table | None:
    chosen = [g for g in goals if g.kind == kind]
    if not chosen:
        return None
    table = Table(Worded("Mål", "tabellrubrik_mal"),
                  [Column(t, None, ColumnKind.TEXT) for t in GOAL_TITLES])
    for goal in chosen:
        table.add_values(goal.name, [goal.target or "–", goal.outcome or "–",
                                     goal.assessment or "–"])
    return table


def note_fields(book: KommunBook, periods: Periods, lines: list[NoteLine]) -> list[tuple[str, str]]:
    """(field, column title) of a note: as its balansräkning row's columns (dates), else as the
    resultaträkning's (the last year's closing and the period's outcome)."""
    number = lines[0].note
    balance = any(line.note == number for line in book.balance)
    if balance:
        fields = [(Amount.BOKSLUT_FG, f"{periods.year - 1}-12-31"), (periods.closing, periods.end)]
    else:
        now = periods.title(column_of(periods.closing))
        fields = [(Amount.BOKSLUT_FG, periods.title(column_of(Amount.BOKSLUT_FG))),
                  (periods.closing, now)]
    return [(f, t) for f, t in fields if any(f in line.amounts for line in lines)]


def note_table(book: KommunBook, periods: Periods, lines: list[NoteLine],
               trace: list[TraceLine]) -> TracedTable:
    """One note's specification, its rows and (of two or more) their sum."""
    fields = note_fields(book, periods, lines)
    table = TracedTable(f"not {lines[0].note}", Worded("Belopp i tkr", "tabellrubrik_not", "tkr"),
                        [t for _, t in fields], trace)
    add_lines(table, book, NOTER.title, lines, fields, SUM_TOTAL if len(lines) > 1 else "")
    return table


@dataclass
class NoteContext:
    nummer: int = doc("Notens nummer, som i kolumnen Not i resultaträkningen och "
                      "balansräkningen")
    rubrik: str = doc("Notens rubrik ur bladet Noter")
    tabell: Table = doc("Notens specifikation, med summa när den har flera rader")


def noter(book: KommunBook, periods: Periods, trace: list[TraceLine]) -> list[NoteContext]:
    """The notes in number order, each with its specification table in the kommun's unit."""
    by_number: dict[int, list[NoteLine]] = {}
    for line in book.notes:
        by_number.setdefault(line.note, []).append(line)
    unit = book.info.belopp_i_tabeller
    return [NoteContext(number, lines[0].rubrik, in_unit(note_table(book, periods, lines, trace),
                                                         unit, trace) or Table(None, []))
            for number, lines in sorted(by_number.items())]


@dataclass
class NamndContext:
    namn: str = doc("Nämndens namn som i bladet Nämnder")
    bedomning: Text = doc("Nämndens Sammanfattande bedömning, som nämnden skrev den")
    avvikelse: Decimal = doc("Nämndens avvikelse (prognos eller utfall mot budget), tkr, som i "
                             "nämndens rapport")
    rapport: str = doc("Namnet på nämndens rapport i undermappen")


@dataclass
class KommunFigures:
    nettokostnader: Decimal | None = doc("Nämndernas nettokostnader (prognos eller utfall), tkr")
    avvikelse: Decimal | None = doc("Nämndernas samlade avvikelse mot budget, tkr")
    arets_resultat: Decimal | None = doc("Årets resultat (prognos eller utfall), tkr")
    arets_resultat_budget: Decimal | None = doc("Budgeterat resultat för året, tkr")
    balanskravsresultat: Decimal | None = doc("Balanskravsresultatet, tkr")


@dataclass
class KommunContext:
    kommun: str = doc("Kommunens namn")
    rapporttitel: str = doc("Rapportens titel, t.ex. Delårsrapport")
    rapporttyp: str = doc("Delårsrapport 1, Delårsrapport 2 eller Årsberättelse")
    ar: int = doc("Rapportåret")
    period_manad: str = doc("Periodens sista månad, t.ex. augusti")
    period: str = doc("Perioden kort, t.ex. jan–aug")
    beslutsdatum: str = doc("Beslutsdatum, t.ex. 14 oktober 2025, eller tomt")
    diarienummer: str = doc("Diarienummer")
    forvaltning: str = doc("Förvaltningen som sammanställt rapporten")
    arsredovisning: bool = doc("Sant för en årsredovisning")
    tabell: dict[str, Table | None] = doc(
        "Tabeller: driftredovisning, resultatrakning, balanskrav, balansrakning, kassaflode, "
        "investeringar, "
        "finansiella_mal, verksamhetsmal (tom när data saknas)")
    text: dict[str, Text] = doc("Löptext från kommunens blad Text per avsnitt")
    namnder: list[NamndContext] = doc("Nämnderna i ordning, med sina bedömningar")
    ekonomi: KommunFigures = doc("Kommunens siffror för meningar, oavrundade i tkr")
    belopp_enhet: str = doc("Enheten för belopp i text", default="tkr")
    noter: list[NoteContext] = doc("Noterna ur bladet Noter i nummerordning (tom lista utan "
                                   "noter)", default_factory=list)
    resultatmening: str = doc("Meningen om årets resultat (formuleringen med samma namn)",
                              default="")
    balanskravsmening: str = doc("Meningen om balanskravet (formuleringen med samma namn)",
                                 default="")
    driftmening: str = doc("Meningen om nämndernas avvikelse (formuleringen med samma namn)",
                           default="")
    formulering: dict[str, str] = doc("Varje formulering utan argument", default_factory=dict)
    verksamheter: list = field(default_factory=list)  # none: the formulations' per-row hooks
    utanfor: list = field(default_factory=list)
    listor: dict = field(default_factory=dict)


@dataclass
class KommunResult:
    context: KommunContext
    trace: list[TraceLine]
    result: dict[str, Decimal | None] = field(default_factory=dict)  # årets resultat by field
    cash_flow: Decimal | None = None  # the kassaflödesanalys's year (period), current column
    cash_flow_field: str = ""  # which field that column is
    unit: str = "tkr"  # the tables' unit: spårbarhet.csv prints every figure in it


ROUNDING_FORMULA = ("skillnaden mellan den avrundade summan och summan av de avrundade raderna, "
                    "i tabellens enhet")


def in_unit(traced: TracedTable | Table | None, unit: str,
            trace: list[TraceLine]) -> Table | None:
    """A table in the kommun's unit (mnkr: one decimal); where rounded rows no longer add up to
    their rounded total, the Avrundning row that says so, traced too."""
    table = traced.table if isinstance(traced, TracedTable) else traced
    if table is None or unit == "tkr":
        return table
    footed = table.with_unit(unit).footed()
    if isinstance(traced, TracedTable):
        for row in footed.rows:
            if row.label == ROUNDING_LABEL:
                trace.extend(TraceLine(traced.key, row.label, column.title, value,
                                       formula=ROUNDING_FORMULA)
                             for column, value in zip(footed.columns, row.values, strict=True)
                             if value is not None)
    return footed


def compute_kommun(book: KommunBook, folders: list[NamndFolder],
                   report_names: dict[str, str]) -> KommunResult:
    info = book.info
    unit = info.belopp_i_tabeller
    periods = Periods(info.ar, fmt.period_label(info.period_month), info.rapporttyp.is_annual,
                      info.period_month)
    ordered = sorted(folders, key=lambda f: f.entry.sort_key)
    trace: list[TraceLine] = []
    drift = driftredovisning(ordered, periods, trace)
    result_table, result = resultatrakning(book, drift, periods, trace)
    balans_table, balans_value = balanskrav(book, result, periods, trace)
    cash_flow = kassaflode(book, periods, trace)
    traced: dict[str, TracedTable | Table | None] = {
        "driftredovisning": drift, "resultatrakning": result_table, "balanskrav": balans_table,
        "balansrakning": balansrakning(book, periods, trace), "kassaflode": cash_flow,
        "investeringar": investeringar(ordered, periods, trace),
    }
    tables = {key: in_unit(table, unit, trace) for key, table in traced.items()}
    tables["finansiella_mal"] = goal_table(book.goals, FINANSIELLA_MAL.title)
    tables["verksamhetsmal"] = goal_table(book.goals, VERKSAMHETSMAL.title)
    namnder = [NamndContext(
        namn=f.entry.name,
        bedomning=Text.parse(f.report.text("Sammanfattande bedömning") if f.report else ""),
        avvikelse=_economy(f).labels.deviation(_economy(f).net_total),
        rapport=report_names.get(f.entry.mapp, "")) for f in ordered]
    figures = KommunFigures(
        nettokostnader=drift.value(SUM_NAMNDER, periods.outcome),
        avvikelse=drift.value(SUM_NAMNDER, Amount.AVVIKELSE),
        arets_resultat=result.get(periods.outcome),
        arets_resultat_budget=result.get(Amount.BUDGET_HELAR), balanskravsresultat=balans_value)
    context = KommunContext(
        kommun=info.kommun, rapporttitel=info.rapporttitel, rapporttyp=info.rapporttyp.value,
        ar=info.ar, period_manad=fmt.month_name(info.period_month), period=periods.period,
        beslutsdatum=fmt.long_date(info.beslutsdatum) if info.beslutsdatum else "",
        diarienummer=info.diarienummer, forvaltning=info.forvaltning,
        arsredovisning=periods.annual, tabell=tables, noter=noter(book, periods, trace),
        text={template_key(k): Text.parse(v) for k, v in book.texts.items()}
        | {template_key(k): Text.parse(book.text(k)) for k in KOMMUN_TEXT_SECTIONS},
        namnder=namnder, ekonomi=figures)
    fields = cash_flow_fields(book, periods)
    return KommunResult(context, trace, result, cash_flow_year(cash_flow, periods),
                        fields[-1][0] if cash_flow and fields else "", unit)
