"""Tables that foot: the report's economy tables as printed (whole tkr), rows against total.

Where unrounded inputs make the printed rows miss the printed total, the table shows an
`Avrundning` row (compute.tables.Table.footed); this says so, at the table's source.
"""

from __future__ import annotations

from ..compute.economy import Economy
from ..compute.tables import ROUNDING_LABEL, Table
from ..contract import fmt
from ..contract.findings import Findings, R06_TABELL_AVRUNDNING
from ..contract.model import AmountSheet, Report
from ..contract.sheets import ECONOMY_SHEETS


def _location(sheet: AmountSheet | None, title: str) -> dict:
    """A nämnd-level sheet's own place; a sheet summed over the verksamheter: its title."""
    if sheet is None:
        return dict(sheet=title)
    cell = sheet.control_total.source.cell("name") if sheet.control_total else ""
    return dict(file=sheet.source_file, sheet=sheet.sheet, cell=cell)


def _check(table: Table | None, location: dict, findings: Findings) -> None:
    """One finding per table (its decimals are one cause), naming every column that misses;
    none where an `Avrundning` row is already there (R08-AVRUNDNING said why)."""
    if table is None or any(row.label == ROUNDING_LABEL for row in table.rows):
        return
    missing = [f"{table.columns[index].title} {fmt.tkr(rows_sum)} mot {fmt.tkr(total)} tkr"
               for index, (rows_sum, total) in table.footing().items()]
    if missing:
        findings.add(R06_TABELL_AVRUNDNING, found="; ".join(missing),
                     table=table.label_title, **location)


def check_footing(report: Report, economy: Economy, findings: Findings) -> None:
    """R06: every economy table whose printed rows miss its printed total."""
    for part in economy.verksamheter + economy.utanfor:
        _check(part.table, _location(part.verksamhet.ekonomi, ""), findings)
    _check(economy.namnd_table, dict(file=report.info.source.file), findings)
    tables = {"kontogrupper": economy.kontogrupper_table,
              "verksamhetsomraden": economy.omraden_table,
              "investeringar": economy.investeringar_table}
    for attribute, table in tables.items():
        _check(table, _location(getattr(report, attribute), ECONOMY_SHEETS[attribute].title),
               findings)
