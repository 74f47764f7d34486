"""Validate the budget where the nämnd decides it, and the Bokslut years back.

A budget may be given per enhet (Ekonomi), as one ram per verksamhet (its field Budget helår)
or as one ram for the nämnd (Rapport's Budget helår). A ram given above budgets given below
must agree with their sum (R32); a budget missing at every level is reported while reading, at
the enheter's cells (R01-BELOPP-SAKNAS). The sheet Bokslut names verksamheter of the nämnd's
result, and its last year agrees with Ekonomi's Bokslut fg år where both are given (R33).
"""

from __future__ import annotations

from decimal import Decimal

from ..contract import fmt
from ..contract.amounts import BUDGET, Amount
from ..contract.findings import (Findings, R32_BUDGET_AVSTAMNING, R33_BOKSLUT_AVSTAMNING,
                                 R33_BOKSLUT_OKAND)
from ..contract.model import Report, Verksamhet
from ..contract.sheets import RAPPORT, VERKSAMHET_INFO
from ..contract.sums import (budget_known, ekonomi_bokslut, enhet_budgets_total, net_figures,
                             net_rows, sum_figures)
from ..contract.vocab import normalize

BUDGET_FIELD = VERKSAMHET_INFO.field("ram").name


def tolerance(summed: int) -> Decimal:
    """As for control totals: 0,5 tkr per summed row, at least 1 tkr (validering.md)."""
    return max(Decimal(1), Decimal("0.5") * summed)


def shown(value: Decimal) -> str:
    return f"{fmt.tkr(value)} tkr"


def _check_ram(ram: Decimal, below: Decimal, count: int, parts: str, location: dict,
               findings: Findings) -> None:
    if abs(ram - below) > tolerance(count):
        findings.add(R32_BUDGET_AVSTAMNING, found=shown(ram), expected=shown(below),
                     parts=parts, **location)


def check_verksamhet_ram(v: Verksamhet, findings: Findings) -> None:
    """R32: a verksamhet's ram against its enheter's budgets, where every enhet gives one."""
    below = enhet_budgets_total(v)
    if v.ram is None or below is None:
        return
    _check_ram(v.ram, below[BUDGET], len(net_rows(v.ekonomi.rows)),
               "enheterna i Ekonomi", dict(file=v.file, sheet=VERKSAMHET_INFO.title,
                                           cell=v.cells.get(BUDGET_FIELD, "")), findings)


def check_namnd_ram(report: Report, findings: Findings) -> None:
    """R32: the nämnd's ram against the verksamheter's budgets, where every one has one."""
    ram = report.info.ram
    parts = [net_figures(v) for v in report.verksamheter]
    unreadable = any(BUDGET in r.unreadable for v in report.verksamheter
                     for r in net_rows(v.ekonomi.rows))
    if ram is None or not budget_known(parts) or unreadable:
        return
    info = report.info
    _check_ram(ram, sum_figures(parts)[BUDGET], len(parts), "verksamheterna",
               dict(file=info.source.file, sheet=info.source.sheet,
                    cell=info.source.cell(RAPPORT.field("ram").name)), findings)


def check_bokslut(report: Report, findings: Findings) -> None:
    """R33: each row of Bokslut names a verksamhet of the nämnd's result; its Bokslut fg år
    agrees with the enheter's in Ekonomi where both are given."""
    sheet = report.bokslut
    if sheet is None:
        return
    by_name = {normalize(v.name): v for v in report.verksamheter}
    for row in sheet.rows:
        v = by_name.get(normalize(row.name))
        where = dict(file=row.source.file, sheet=row.source.sheet)
        if v is None:
            findings.add(R33_BOKSLUT_OKAND, found=f"”{row.name}”",
                         expected=", ".join(v.name for v in report.verksamheter),
                         cell=row.source.cell("name"), **where)
            continue
        typed, summed = row.amounts.get(Amount.BOKSLUT_FG), ekonomi_bokslut(v)
        if typed is not None and summed is not None and \
                abs(typed - summed) > tolerance(len(net_rows(v.ekonomi.rows))):
            findings.add(R33_BOKSLUT_AVSTAMNING, found=shown(typed), expected=shown(summed),
                         cell=row.source.cell(Amount.BOKSLUT_FG), **where)


def check_budget(report: Report, findings: Findings) -> None:
    for v in report.every_verksamhet:
        check_verksamhet_ram(v, findings)
    check_namnd_ram(report, findings)
    check_bokslut(report, findings)
