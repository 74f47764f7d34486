"""Plausibility of a whole workbook, independent of the nämnd's sheets: a verksamhet typed
with every sign flipped, or in kr instead of tkr, a percentage typed as a fraction, a negative
kommunbidrag. Each is a warning naming the workbook and what was expected.

Evidence comes first from the workbook's own Bokslut fg år (typed the year before, by the
same convention); only without it from the sibling verksamheter.
"""

from __future__ import annotations

from decimal import Decimal
from statistics import median

from ..contract import fmt
from ..contract.findings import (Findings, R10_KOMMUNBIDRAG_NEGATIVT, R26_TECKEN_ARBETSBOK,
                                 R27_STORLEK_ARBETSBOK, R28_ANDEL_SOM_PROCENT)
from ..contract.model import EconomyRow, FreeTable, Report, Value, Verksamhet
from ..contract.sums import kommunbidrag_rows, net_rows
from ..contract.sheets import AMOUNT_HEADERS

OWN_BOKSLUT = f"arbetsbokens {AMOUNT_HEADERS['bokslut_fg']}"
SIBLINGS = "de andra verksamheterna"

CURRENT_FIELDS = ("utfall_period", "budget_period", "budget_helar", "prognos_helar",
                  "utfall_helar")
MOSTLY = Decimal("0.75")  # the share of figures that makes "mostly"
THOUSANDFOLD = 300  # a workbook this many times its reference is in kr, not tkr


def _current(rows: list[EconomyRow]) -> list[Decimal]:
    return [r.amounts[f] for r in rows for f in CURRENT_FIELDS if r.amounts.get(f)]


def positive_share(rows: list[EconomyRow]) -> Decimal | None:
    values = _current(rows)
    if not values:
        return None
    return Decimal(sum(1 for v in values if v > 0)) / len(values)


def _sign_against_bokslut(rows: list[EconomyRow]) -> bool | None:
    """True: most rows have the opposite sign of their own Bokslut fg år; None: no evidence."""
    pairs = [(r.amounts["bokslut_fg"], value) for r in rows if r.amounts.get("bokslut_fg")
             for value in [r.amounts.get("budget_helar") or r.amounts.get("utfall_period")]
             if value]
    if not pairs:
        return None
    opposite = sum(1 for before, now in pairs if (before > 0) != (now > 0))
    return Decimal(opposite) / len(pairs) >= MOSTLY


def _scale(values: list[Decimal]) -> Decimal | None:
    magnitudes = [abs(v) for v in values if v]
    return median(magnitudes) if magnitudes else None


def _workbook_location(v: Verksamhet) -> dict:
    return dict(file=v.file, sheet=v.ekonomi.sheet)


def check_workbook_signs(report: Report, findings: Findings) -> None:
    """R26: a workbook whose figures mostly have the opposite sign of its own Bokslut fg år
    (or, without one, of every sibling verksamhet)."""
    every = report.every_verksamhet
    shares = {v.file: positive_share(net_rows(v.ekonomi.rows)) for v in every}
    for v in every:
        own = _sign_against_bokslut(net_rows(v.ekonomi.rows))
        share = shares[v.file]
        siblings = [s for f, s in shares.items() if f != v.file and s is not None]
        if own is None and share is not None and siblings:
            own = share >= MOSTLY and all(s <= 1 - MOSTLY for s in siblings)
            basis = SIBLINGS
        else:
            basis = OWN_BOKSLUT
        if own:
            findings.add(R26_TECKEN_ARBETSBOK, found=f"{v.name}: de flesta beloppen har "
                         f"motsatt tecken mot {basis}",
                         expected="kostnader negativa och intäkter positiva, som i " + basis,
                         **_workbook_location(v))


def check_workbook_magnitude(report: Report, findings: Findings) -> None:
    """R27: a workbook about a thousand times its own Bokslut fg år, or its siblings."""
    every = report.every_verksamhet
    scales = {v.file: _scale(_current(net_rows(v.ekonomi.rows))) for v in every}
    for v in every:
        scale = scales[v.file]
        if scale is None:
            continue
        before = _scale([r.amounts["bokslut_fg"] for r in net_rows(v.ekonomi.rows)
                         if r.amounts.get("bokslut_fg")])
        siblings = [s for f, s in scales.items() if f != v.file and s is not None]
        if before is not None:
            reference, basis = before, OWN_BOKSLUT
        elif siblings:
            reference, basis = median(siblings), SIBLINGS
        else:
            continue
        if scale >= THOUSANDFOLD * reference:
            findings.add(R27_STORLEK_ARBETSBOK,
                         found=f"{v.name}: beloppen är omkring {fmt.number_str(scale / reference)} "
                               f"gånger {basis}",
                         expected="belopp i tkr (skrivna i kr?)", **_workbook_location(v))


def check_kommunbidrag_sign(report: Report, findings: Findings) -> None:
    """R10: a kommunbidrag is money the nämnd receives: positive."""
    for v in report.every_verksamhet:
        for row in kommunbidrag_rows(v.ekonomi.rows):
            negative = [f for f in ("budget_helar", "prognos_helar", "utfall_helar",
                                    "utfall_period") if row.amounts.get(f, Decimal(0)) < 0]
            if negative:
                field = negative[0]
                findings.add(R10_KOMMUNBIDRAG_NEGATIVT,
                             found=f"{AMOUNT_HEADERS[field]} {fmt.tkr(row.amounts[field])} tkr",
                             file=row.source.file, sheet=row.source.sheet,
                             cell=row.source.cell(field))


# --- percentages typed as fractions -----------------------------------------------------------

def _fraction_cell(values: list[Value]) -> int | None:
    """The first value of a percentage series typed as a fraction (0,895 for 89,5 %): every
    number within ±1, one of them not whole. None when the series looks like percent."""
    numbers = [(i, v.number) for i, v in enumerate(values) if v.number is not None]
    if not numbers or any(abs(n) > 1 for _, n in numbers):
        return None
    return next((i for i, n in numbers if n != n.to_integral_value()), None)


def _warn_fraction(findings: Findings, file: str, sheet: str, cell: str, value: Value,
                   what: str) -> None:
    number = value.number or Decimal(0)
    findings.add(R28_ANDEL_SOM_PROCENT, file=file, sheet=sheet, cell=cell,
                 found=f"{what} {fmt.number_str(number, value.decimals)}",
                 expected=f"{fmt.number_str(number * 100, max(value.decimals - 2, 0))} %")


def check_percent_fractions(report: Report, findings: Findings) -> None:
    """R28: an indicator, key figure or table column in % whose values are all fractions."""
    for indicator in report.goals.indicators:
        index = _fraction_cell(indicator.values) if indicator.unit.strip() == "%" else None
        if index is not None:
            cell = _nth_value_cell(indicator.source.cells, index, ("v0", "v1", "v2", "v2u"))
            _warn_fraction(findings, indicator.source.file, indicator.source.sheet, cell,
                           indicator.values[index], indicator.name)
    for figure in report.goals.five_years:
        index = _fraction_cell(figure.values) if "%" in figure.name else None
        if index is not None:
            cell = _nth_value_cell(figure.source.cells, index,
                                   ("v0", "v1", "v2", "v3", "v4", "v4u"))
            _warn_fraction(findings, figure.source.file, figure.source.sheet, cell,
                           figure.values[index], figure.name)
    tables: list[FreeTable] = report.free_tables + [t for v in report.every_verksamhet
                                                    for t in v.free_tables]
    for table in tables:
        for column_index, column in enumerate(table.columns):
            if column.unit != "%":
                continue
            series = [row.values[column_index] for row in table.rows]
            index = _fraction_cell(series)
            if index is not None:
                row = table.rows[index]
                _warn_fraction(findings, row.source.file, row.source.sheet,
                               row.source.cells.get(f"v{column_index}", ""), series[index],
                               column.title)


def _nth_value_cell(cells: dict[str, str], index: int, order: tuple[str, ...]) -> str:
    """The cell of the index-th value: the fields are the first ones of `order` for the kind
    (Prognos or Utfall last), whichever of them the row's cells name."""
    kind_fields = list(order[:-1]) if order[-1] not in cells else \
        [f for f in order if f != order[-2]]
    field = kind_fields[index] if index < len(kind_fields) else ""
    return cells.get(field, "")


def check_plausibility(report: Report, findings: Findings) -> None:
    check_workbook_signs(report, findings)
    check_workbook_magnitude(report, findings)
    check_kommunbidrag_sign(report, findings)
    check_percent_fractions(report, findings)
