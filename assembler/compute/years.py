"""Compute: the net cost per verksamhet over five years (`tabell.nettokostnad_fem_ar`).

The Bokslut of the four previous years from the sheet Bokslut (last year's, when the sheet
leaves it blank, from the enheter's Bokslut fg år in Ekonomi), then this year's forecast (in an
årsberättelse the outcome) from the verksamhet's Ekonomi. The total row is the tool's sum; a
year some verksamhet lacks is a visible blank, and so is its total.
"""

from __future__ import annotations

from decimal import Decimal

from ..contract import amounts
from ..contract.amounts import BOKSLUT_YEARS, Amount, column_of
from ..contract.model import BudgetModel, Report, Verksamhet
from ..contract.sums import ekonomi_bokslut, net_figures, sum_figures
from ..contract.vocab import normalize
from ..contract.words import Worded, amounts_title
from .goals import year_title
from .tables import Column, Figures, RowKind, Table, amount

TITLE = amounts_title(Worded("Verksamhet", "tabellnamn_nettokostnad_fem_ar"))


def year_figures(v: Verksamhet, report: Report) -> Figures:
    """One verksamhet's five years: the sheet's Bokslut years, then this year's outcome."""
    sheet = report.bokslut
    typed = next((r.amounts for r in (sheet.rows if sheet else [])
                  if normalize(r.name) == normalize(v.name)), {})
    found: Figures = {f: typed[f] for f in BOKSLUT_YEARS if f in typed}
    last = found.get(Amount.BOKSLUT_FG, ekonomi_bokslut(v))
    if last is not None:
        found[Amount.BOKSLUT_FG] = last
    outcome = amounts.outcome(report.info.rapporttyp.is_annual)
    now: Decimal | None = net_figures(v).get(outcome)
    if now is not None:
        found[outcome] = now
    return found


def known_total(items: list[Figures], fields: tuple[str, ...]) -> Figures:
    """Each field summed where every item has it; absent (shown `–`) where some item lacks it."""
    total = sum_figures(items)
    return {f: total[f] for f in fields if items and all(f in item for item in items)}


def five_year_table(report: Report) -> Table | None:
    """The table, when the nämnd gives the sheet Bokslut; None otherwise."""
    if report.bokslut is None:
        return None
    year = report.info.ar
    annual = report.info.rapporttyp.is_annual
    outcome = amounts.outcome(annual)
    fields = (*BOKSLUT_YEARS, outcome)
    # last year's Bokslut of the year after each: `Bokslut 2021` … `Bokslut 2024`
    titles = [year_title(report, column_of(Amount.BOKSLUT_FG), year - offset + 1)
              for offset in (4, 3, 2, 1)]
    titles.append(year_title(report, "resultat", year))
    columns = [Column(title, amount(field)) for title, field in zip(titles, fields, strict=True)]
    table = Table(TITLE, columns)
    rows = [(v.name, year_figures(v, report)) for v in report.verksamheter]
    for name, figures in rows:
        table.add(name, figures)
    table.add(BudgetModel.NETTORAM.total_label, known_total([f for _, f in rows], fields),
              RowKind.TOTAL)
    return table
