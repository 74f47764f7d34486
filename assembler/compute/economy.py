"""Compute: every economy total, deviation, percentage and table, from the model only.

Pure functions; amounts stay unrounded. Costs are negative, so a positive deviation is better
than budget.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..contract import fmt
from ..contract.model import AmountSheet, BudgetModel, EconomyRow, Report, Verksamhet
from ..contract.sums import kommunbidrag_rows, net_rows, sum_figures, summed_rows
from ..contract.vocab import normalize
from .tables import (ROUNDING_LABEL, Chart, Column, ColumnKind, Figures, RowKind, Table,
                     amount, difference, share)

ZERO = Decimal(0)


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
    def outcome(self) -> str:
        return "utfall_helar" if self.annual else "prognos_helar"

    def deviation(self, figures: Figures) -> Decimal:
        return deviation(figures, self.outcome)

    def deviation_column(self, figures: Figures) -> Decimal | None:
        """The deviation as a table shows it: `–` where a row lacks either figure."""
        return known_deviation(figures, self.outcome)

    @property
    def utfall(self) -> str:
        return f"Utfall {self.year}"

    @property
    def deviation_title(self) -> str:
        return "Avvikelse" if self.annual else DEVIATION

    @property
    def bokslut_fg(self) -> str:
        return f"Bokslut {self.year - 1}"

    def utfall_period(self, year: int | None = None) -> str:
        return f"Utfall {self.period} {year or self.year}"

    def budget_period(self) -> str:
        return f"Budget {self.period} {self.year}"

    @property
    def budget(self) -> str:
        return f"Budget {self.year}"

    @property
    def prognos(self) -> str:
        return f"Prognos {self.year}"


DEVIATION = "Avvikelse budget–prognos"
FORBR_PERIOD = "Förbr % av periodbudget"
FORBR_YEAR = "Förbr % av årsbudget"


HALF = Decimal("0.5")


def based_share(numerator: str, denominator: str):
    """numerator / denominator only against a base shown as non-zero and of the same sign."""
    def value(figures: Figures) -> Decimal | None:
        base, part = figures.get(denominator), figures.get(numerator)
        if base is None or part is None or abs(base) < HALF or part * base < 0:
            return None
        return part / base
    return value


def deviation(figures: Figures, outcome: str = "prognos_helar") -> Decimal:
    """Prognos helår − Budget helår (Årsberättelse: Utfall helår − Budget helår)."""
    return figures.get(outcome, ZERO) - figures.get("budget_helar", ZERO)


def known_deviation(figures: Figures, outcome: str = "prognos_helar") -> Decimal | None:
    """The deviation where both figures are given, else None."""
    if outcome not in figures or "budget_helar" not in figures:
        return None
    return deviation(figures, outcome)


def change_against_last_year(figures: Figures) -> Decimal | None:
    """Utfall helår against Bokslut fg år; None when the base is 0 or the sign changes."""
    base, now = figures.get("bokslut_fg", ZERO), figures.get("utfall_helar", ZERO)
    if not base or (base > 0) != (now > 0) or not now:
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
            table.add(f"- varav {row.name}", row.amounts, RowKind.VARAV, depth)
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


@dataclass
class VerksamhetEconomy:
    verksamhet: Verksamhet
    total: Figures
    deviation: Decimal
    table: Table
    accumulated: Accumulated | None = None
    kontogrupper_table: Table | None = None  # its own Kontogrupper sheet, when it has one


@dataclass
class Economy:
    labels: Labels
    total: Figures
    intraprenad_total: Figures
    verksamheter: list[VerksamhetEconomy]
    namnd_table: Table
    accumulated_table: Table | None
    adjusted_table: Table | None
    kontogrupper_table: Table | None
    omraden_table: Table | None
    investeringar_table: Table | None
    investeringar_total: Figures = field(default_factory=dict)
    kommunbidrag_total: Figures = field(default_factory=dict)  # Kommunbidrag model only
    utanfor: list[VerksamhetEconomy] = field(default_factory=list)  # outside the result

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
        return {k: v - self.intraprenad_total.get(k, ZERO) for k, v in self.total.items()}

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
            return abs(self.kommunbidrag_total.get("budget_helar", ZERO))
        return abs(self.total.get("budget_helar", ZERO))

    def share_of_budgetram(self, value: Decimal) -> Decimal | None:
        return value / self.budgetram if self.budgetram else None


def annual_columns(labels: Labels) -> list[Column]:
    """Årsberättelse: `Bokslut {År-1} | Utfall {År} | Budget {År} | Avvikelse | Förändring %`."""
    return [
        Column(labels.bokslut_fg, amount("bokslut_fg")),
        Column(labels.utfall, amount("utfall_helar")),
        Column(labels.budget, amount("budget_helar")),
        Column(labels.deviation_title, labels.deviation_column),
        Column(f"Förändring % mot {labels.year - 1}", change_against_last_year, ColumnKind.CHANGE),
    ]


def namnd_columns(labels: Labels) -> list[Column]:
    if labels.annual:
        return annual_columns(labels)
    return [
        Column(labels.utfall_period(), amount("utfall_period")),
        Column(labels.budget_period(), amount("budget_period")),
        Column(FORBR_PERIOD, labels.share("utfall_period", "budget_period"), ColumnKind.PERCENT),
        Column(labels.budget, amount("budget_helar")),
        Column(labels.prognos, amount("prognos_helar")),
        Column(DEVIATION, known_deviation),
    ]


def _has_field(rows: list[EconomyRow], name: str) -> bool:
    return any(name in r.amounts for r in rows)


def unit_columns(labels: Labels, rows: list[EconomyRow]) -> list[Column]:
    if labels.annual:
        return annual_columns(labels)
    columns = namnd_columns(labels)
    if _has_field(rows, "bokslut_fg"):
        columns.insert(0, Column(labels.bokslut_fg, amount("bokslut_fg")))
    if _has_field(rows, "prognos_fg_delar"):
        columns.append(Column("Förändring mot föregående prognos",
                              difference("prognos_helar", "prognos_fg_delar")))
    return columns


def total_label(sheet: AmountSheet, default: str = "Nettokostnad") -> str:
    """The economist's own word for the total (`Summa`, `Nettokostnad`), else the model's."""
    return sheet.control_total.name if sheet.control_total else default


def verksamhet_economy(v: Verksamhet, labels: Labels) -> VerksamhetEconomy:
    total = sheet_total(v.ekonomi)
    table = Table(f"{v.name}, belopp i tkr", unit_columns(labels, v.ekonomi.rows))
    add_rows_with_varav(table, v.ekonomi.rows)
    for row in kommunbidrag_rows(v.ekonomi.rows):
        table.add(row.name, row.amounts)
    table.add(total_label(v.ekonomi, rows_total_label(v.ekonomi.rows)), total, RowKind.TOTAL)
    dev = labels.deviation(total)
    acc = accumulated(v.name, v.ingaende_ack, dev) if v.intraprenad else None
    if acc and acc.ianspraktagande:
        last = next(i for i, c in enumerate(table.columns)
                    if c.title in (DEVIATION, labels.deviation_title))
        table.add_partial("Ianspråktagande av ackumulerat resultat", {last: -acc.ianspraktagande})
        table.add_partial("Justerad avvikelse", {last: dev - acc.ianspraktagande}, RowKind.TOTAL)
    return VerksamhetEconomy(v, total, dev, table, acc, own_kontogrupper(v, labels, total))


def own_kontogrupper(v: Verksamhet, labels: Labels, total: Figures) -> Table | None:
    """The verksamhet's Kontogrupper sheet as its own table, footing to its total."""
    if v.kontogrupper is None:
        return None
    rows = summed_rows(v.kontogrupper.rows)
    table, _ = _table_from_rows("Kontogrupp, belopp i tkr", kontogrupper_columns(labels), rows,
                                rows_total_label(rows), target=total)
    return table


def namnd_table(report: Report, parts: list[VerksamhetEconomy], labels: Labels,
                total: Figures, intraprenad_total: Figures) -> Table:
    table = Table(f"{report.info.namnd}, belopp i tkr", namnd_columns(labels))
    for part in parts:
        if part.verksamhet.visa_enheter:
            add_rows_with_varav(table, part.verksamhet.ekonomi.rows)
        else:
            table.add(part.verksamhet.name, sheet_net_total(part.verksamhet.ekonomi))
    kommunbidrag = sum_figures([r.amounts for p in parts
                                for r in kommunbidrag_rows(p.verksamhet.ekonomi.rows)])
    if kommunbidrag:
        table.add("Kommunbidrag", kommunbidrag)
    table.add(labels.total, total, RowKind.TOTAL)
    if any(p.verksamhet.intraprenad for p in parts):
        excl = {k: v - intraprenad_total.get(k, ZERO) for k, v in total.items()}
        table.add("- varav intraprenader", intraprenad_total, RowKind.VARAV, level=1)
        table.add(f"{labels.total} exkl. intraprenader", excl, RowKind.TOTAL)
    return table


def sheet_net_total(sheet: AmountSheet) -> Figures:
    return sum_figures([r.amounts for r in net_rows(sheet.rows)])


ACCUMULATED_ROWS = [
    ("Ingående ackumulerat resultat", "ingaende", RowKind.NORMAL),
    ("Ianspråktagande av ackumulerat resultat", "ianspraktagande", RowKind.NORMAL),
    ("Nya underskott", "nya_underskott", RowKind.NORMAL),
    ("Nya överskott", "nya_overskott", RowKind.NORMAL),
    ("Utgående ackumulerat resultat", "utgaende", RowKind.TOTAL),
]


def accumulated_table(items: list[Accumulated]) -> Table | None:
    """One column per intraprenad, and a total column when there are several."""
    if not items:
        return None
    columns = [Column(a.name, amount(a.name)) for a in items]
    if len(items) > 1:
        columns.append(Column("Totalt", amount("Totalt")))
    table = Table("Ackumulerat resultat intraprenader, belopp i tkr", columns)
    for label, attribute, kind in ACCUMULATED_ROWS:
        values = {a.name: getattr(a, attribute) for a in items}
        values["Totalt"] = sum(values.values(), ZERO)
        table.add(label, values, kind)
    return table


def adjusted_table(labels: Labels, economy_total: Figures, intraprenad_total: Figures) -> Table:
    dev_total, dev_intra = labels.deviation(economy_total), labels.deviation(intraprenad_total)
    table = Table("Justerad avvikelse, belopp i tkr", [Column("Avvikelse", amount("value"))])
    table.add("Årets avvikelse exkl. intraprenader", {"value": dev_total - dev_intra})
    table.add("Årets avvikelse intraprenader", {"value": dev_intra})
    table.add("Justerad avvikelse", {"value": dev_total}, RowKind.TOTAL)
    return table


def merged_sheet(report: Report, attribute: str) -> list[EconomyRow]:
    """A sheet given at nämnd level, or the verksamheters' sheets summed by row name."""
    namnd_sheet = getattr(report, attribute)
    if namnd_sheet is not None:
        return summed_rows(namnd_sheet.rows)
    by_name: dict[str, EconomyRow] = {}
    for v in report.verksamheter:
        sheet = getattr(v, attribute)
        for row in summed_rows(sheet.rows) if sheet else []:
            key = normalize(row.name)
            if key in by_name:
                merged = sum_figures([by_name[key].amounts, row.amounts])
                by_name[key] = by_name[key].model_copy(update={"amounts": merged})
            else:
                by_name[key] = row
    return list(by_name.values())


# The fields a Kontogrupper or Verksamhetsområden sheet shares with the verksamheters' Ekonomi
RECONCILED_FIELDS = ("bokslut_fg", "utfall_period", "budget_period", "budget_helar",
                     "prognos_helar", "utfall_helar")


def rounding_difference(rows: list[EconomyRow], target: Figures) -> Figures:
    """What `rows` (summed) lack to reach the nämnd's total `target`, for every field both carry
    and that differs; empty when they agree."""
    own = sum_figures([r.amounts for r in rows])
    present = {f for r in rows for f in r.amounts}
    return {f: target[f] - own.get(f, ZERO) for f in RECONCILED_FIELDS
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
                     total_label_text: str,
                     target: Figures | None = None) -> tuple[Table | None, Figures]:
    """A table of `rows` and their total. With `target` (the nämnd's total) the total row shows
    the target for the fields it shares, and a rounding row shows any difference."""
    if not rows:
        return None, {}
    table = Table(label_title, columns)
    for row in rows:
        table.add(row.name, row.amounts)
    total = sum_figures([r.amounts for r in rows])
    differing = rounding_difference(rows, target) if target else {}
    if target and differing:
        _rounding_row(table, differing)
        total = total | {f: target[f] for f in differing}
    table.add(total_label_text, total, RowKind.TOTAL)
    return table, total


def kontogrupper_columns(labels: Labels) -> list[Column]:
    previous = labels.year - 1
    if labels.annual:
        return [
            Column(labels.bokslut_fg, amount("bokslut_fg")),
            Column(labels.budget, amount("budget_helar")),
            Column(labels.utfall, amount("utfall_helar")),
            Column(labels.deviation_title, labels.deviation_column),
            Column(f"Förändring % mot {previous}", change_against_last_year, ColumnKind.CHANGE),
        ]
    return [
        Column(labels.bokslut_fg, amount("bokslut_fg")),
        Column(f"Budget {previous}", amount("budget_fg")),
        Column(labels.utfall_period(previous), amount("utfall_period_fg")),
        Column(FORBR_YEAR, labels.share("utfall_period_fg", "budget_fg"), ColumnKind.PERCENT),
        Column(labels.budget, amount("budget_helar")),
        Column(labels.utfall_period(), amount("utfall_period")),
        Column(FORBR_YEAR, labels.share("utfall_period", "budget_helar"), ColumnKind.PERCENT),
        Column(labels.prognos, amount("prognos_helar")),
        Column(DEVIATION, known_deviation),
    ]


def omraden_columns(labels: Labels) -> list[Column]:
    if labels.annual:
        return annual_columns(labels)
    return [
        Column(labels.bokslut_fg, amount("bokslut_fg")),
        Column(labels.utfall_period(), amount("utfall_period")),
        Column(labels.budget_period(), amount("budget_period")),
        Column(f"Avvikelse {labels.period}", difference("utfall_period", "budget_period")),
        Column(labels.budget, amount("budget_helar")),
        Column(labels.prognos, amount("prognos_helar")),
        Column(DEVIATION, known_deviation),
    ]


def investeringar_columns(labels: Labels) -> list[Column]:
    if labels.annual:
        return [Column(labels.budget, amount("budget_helar")),
                Column(labels.utfall, amount("utfall_helar")),
                Column(labels.deviation_title, labels.deviation_column)]
    return [
        Column(labels.budget, amount("budget_helar")),
        Column(labels.utfall_period(), amount("utfall_period")),
        Column(labels.prognos, amount("prognos_helar")),
    ]


def compute_economy(report: Report) -> Economy:
    labels = Labels.for_report(report)
    parts = [verksamhet_economy(v, labels) for v in report.verksamheter]
    total = sum_figures([p.total for p in parts])
    intra = sum_figures([p.total for p in parts if p.verksamhet.intraprenad])
    accumulated_items = [p.accumulated for p in parts if p.accumulated]
    konto_rows = merged_sheet(report, "kontogrupper")
    kontogrupper, _ = _table_from_rows("Kontogrupp, belopp i tkr", kontogrupper_columns(labels),
                                       konto_rows, rows_total_label(konto_rows), target=total)
    omraden_rows = merged_sheet(report, "verksamhetsomraden")
    omraden, _ = _table_from_rows("Verksamhet, belopp i tkr", omraden_columns(labels),
                                  omraden_rows, rows_total_label(omraden_rows), target=total)
    investeringar, invest_total = _table_from_rows(
        "Objekt, belopp i tkr", investeringar_columns(labels),
        merged_sheet(report, "investeringar"), "Totalt")
    return Economy(
        labels=labels, total=total, intraprenad_total=intra, verksamheter=parts,
        namnd_table=namnd_table(report, parts, labels, total, intra),
        accumulated_table=accumulated_table(accumulated_items),
        adjusted_table=adjusted_table(labels, total, intra) if accumulated_items else None,
        kontogrupper_table=kontogrupper, omraden_table=omraden,
        investeringar_table=investeringar, investeringar_total=invest_total,
        kommunbidrag_total=sum_figures([r.amounts for v in report.verksamheter
                                        for r in kommunbidrag_rows(v.ekonomi.rows)]),
        utanfor=[verksamhet_economy(v, labels) for v in report.utanfor])


CHART_MAX_BARS = 25  # more bars than fit a page are no longer read


def deviation_chart(economy: Economy) -> Chart | None:
    """One bar per verksamhet: its forecast deviation (Årsberättelse: outcome deviation).
    With many verksamheter, the largest deviations, in the report's order."""
    parts = economy.verksamheter
    if len(parts) < 2:
        return None
    shown = parts
    if len(parts) > CHART_MAX_BARS:
        largest = sorted(parts, key=lambda p: abs(p.deviation), reverse=True)[:CHART_MAX_BARS]
        shown = [p for p in parts if p in largest]
    values: list[Decimal | None] = [p.deviation for p in shown]
    return Chart("bars", [p.verksamhet.name for p in shown], values, out_of=len(parts))
