"""Validate: rules that need the whole model (the structural ones are found while loading).

Each check adds findings and never stops the others.
"""

from __future__ import annotations

from .findings import Findings
from .model import AmountSheet, Report
from .read import normalize


def check_varav(sheet: AmountSheet, findings: Findings) -> None:
    """R05: a `Varav` must name an enhet of the same sheet, and the chain must not loop."""
    names = {normalize(r.name): r for r in sheet.rows}
    for row in sheet.rows:
        if not row.varav:
            continue
        where = dict(file=row.source.file, sheet=row.source.sheet, cell=row.source.cell("varav"))
        if normalize(row.varav) not in names:
            findings.add("R05-VARAV-OKAND", found=f"”{row.varav}”",
                         expected=", ".join(r.name for r in sheet.rows if not r.varav), **where)
            continue
        chain, current = [row.name], row
        while current.varav and normalize(current.varav) in names:
            current = names[normalize(current.varav)]
            if current is row:
                findings.add("R05-VARAV-SLINGA", found=" → ".join(chain + [row.name]), **where)
                break
            if current.name in chain:
                break  # a loop further up; reported on its own rows
            chain.append(current.name)


def amount_sheets(report: Report) -> list[AmountSheet]:
    sheets = [report.kontogrupper, report.verksamhetsomraden, report.investeringar]
    for v in report.verksamheter:
        sheets += [v.ekonomi, v.kontogrupper, v.verksamhetsomraden, v.investeringar]
    return [s for s in sheets if s is not None]


def validate(report: Report, findings: Findings) -> None:
    for sheet in amount_sheets(report):
        check_varav(sheet, findings)
