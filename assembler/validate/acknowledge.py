"""Acknowledged warnings: the sheet Kvitterat names warnings the economist has checked.

A warning whose code and place match a row with a motivering is kept, marked as acknowledged
(it no longer makes the exit code 1). Errors cannot be acknowledged. A row that matches no
warning says so itself, so the list never goes stale unnoticed.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..contract.findings import (Finding, Findings, Severity, has_errors, R31_KVITTERING_FEL,
                                 R31_KVITTERING_INAKTUELL, R31_KVITTERING_MOTIVERING)
from ..contract.model import Acknowledgement, Report
from ..contract.vocab import normalize

OWN_CODES = "R30-"  # the acknowledgement rules' own findings are never acknowledged
_SEPARATOR = re.compile(r"\s*[›>»]\s*")


def place_key(text: str) -> str:
    """A place as written by the tool or retyped by an economist: `a.xlsx > Ekonomi > D3`."""
    return _SEPARATOR.sub(" › ", normalize(text)).strip()


def places_of(finding: Finding) -> set[str]:
    """What a Plats may say for this finding: its location with or without the row's name."""
    without_entity = " › ".join(p for p in (finding.file, finding.sheet, finding.cell) if p)
    return {place_key(finding.location), place_key(without_entity)}


def matches(row: Acknowledgement, finding: Finding) -> bool:
    return normalize(row.code) == normalize(finding.code) and \
        place_key(row.place) in places_of(finding)


def acknowledge(report: Report, findings: Findings) -> None:
    """Mark the acknowledged warnings in place, and add a finding for each row that does not
    hold: no motivering, an error, or no such warning (only judged when the run got as far as
    every warning, that is without errors)."""
    complete = not has_errors(findings)
    for row in report.kvitterat:
        where = dict(file=row.source.file, sheet=row.source.sheet, cell=row.source.cell("code"))
        shown = f"{row.code} i {row.place}" if row.place else row.code
        matched = [i for i, f in enumerate(findings)
                   if not f.code.startswith(OWN_CODES) and matches(row, f)]
        if any(findings[i].severity is Severity.ERROR for i in matched):
            findings.add(R31_KVITTERING_FEL, found=shown, **where)
        elif not row.motivering.strip():
            if matched or not complete:
                findings.add(R31_KVITTERING_MOTIVERING, found=shown,
                             **(where | {"cell": row.source.cell("motivering")}))
            else:
                findings.add(R31_KVITTERING_INAKTUELL, found=shown, **where)
        elif matched:
            for i in matched:
                findings[i] = replace(findings[i], acknowledged=row.motivering.strip())
        elif complete:
            findings.add(R31_KVITTERING_INAKTUELL, found=shown, **where)
