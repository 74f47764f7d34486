"""Validate: record sheets (`Poster <namn>`) against their row in `Postgrupper`.

A group or required column the sheet lacks, a record whose group is unknown (no group above
it, or a målområde the sheet Målområden does not have) and a record without text are findings
at their cells; the rest of the sheet is still checked.
"""

from __future__ import annotations

import re

from ..contract.findings import (Findings, Rule, R30_POSTBLAD_SAKNAS, R30_POST_FALT_TOMT,
                                 R30_POST_KOLUMN_SAKNAS, R30_POST_OKAND_GRUPP, R30_POST_TOM)
from ..contract.model import RecordDeclaration, RecordRow, RecordSheet, Report
from ..contract.sheets import MALOMRADEN, RECORDS
from ..contract.vocab import normalize

GOAL_GROUP = normalize(MALOMRADEN.column("name").header)  # a group column `Målområde`


def _number(text: str) -> tuple[int, str]:
    return (int(text), "") if text.isdigit() else (0, text)


def _column_letter(sheet: RecordSheet, header: str) -> str:
    return re.sub(r"\d+$", "", sheet.header_cells.get(header, "A1"))


def _add(findings: Findings, sheet: RecordSheet, rule: Rule, cell: str, **kw) -> None:
    findings.add(rule, file=sheet.source.file, sheet=sheet.source.sheet, cell=cell, **kw)


def check_columns(sheet: RecordSheet, declared: RecordDeclaration, findings: Findings) -> None:
    present = ", ".join(f"”{h}”" for h in sheet.headers) or "inga"
    for name in dict.fromkeys(declared.groups + declared.required):
        if sheet.header(name) is None:
            _add(findings, sheet, R30_POST_KOLUMN_SAKNAS, "rad 1", found=present,
                 expected=name)


def _check_group(sheet: RecordSheet, row: RecordRow, path: list[str], groups: list[str],
                 goal_numbers: set[str], findings: Findings) -> None:
    top = groups[0]
    cell = f"{_column_letter(sheet, top)}{row.number}"
    if not path[0]:
        _add(findings, sheet, R30_POST_OKAND_GRUPP, cell, found=f"en tom ”{top}”",
             expected="ingen rad ovanför anger gruppen")
    elif (top in row.cells and normalize(top) == GOAL_GROUP and goal_numbers
          and path[0].strip() not in goal_numbers):
        known = ", ".join(sorted(goal_numbers, key=_number))
        _add(findings, sheet, R30_POST_OKAND_GRUPP, row.cells[top].cell,
             found=f"{top} ”{path[0]}”", expected=f"bladet {MALOMRADEN.title} har bara {known}")


def _empty_record(sheet: RecordSheet, row: RecordRow, path: list[str],
                  groups: list[str]) -> tuple[str, str, list[str]] | None:
    """A row that names a record but gives it no text: (cell of the first field of the
    record's level, the record, the fields to write in)."""
    fields = [h for h in sheet.headers if h not in groups]
    if not fields or any(h in row.cells for h in fields) or not any(path):
        return None
    depth = max(i for i, value in enumerate(path) if value)
    owner = sheet.owners(groups)
    own = [h for h in fields if owner[h] == depth] or fields
    return (f"{_column_letter(sheet, own[0])}{row.number}", f"{groups[depth]} ”{path[depth]}”",
            own)


MANY_EMPTY = 3  # more empty records than this in one sheet are one finding (a new period)


def _report_empty(sheet: RecordSheet, empty: list[tuple[str, str, list[str]]],
                  findings: Findings) -> None:
    if len(empty) > MANY_EMPTY:
        fields = list(dict.fromkeys(h for _, _, own in empty for h in own))
        _add(findings, sheet, R30_POST_TOM, f"{empty[0][0]}:{empty[-1][0]}",
             found=f"{len(empty)} poster ({empty[0][1]} … {empty[-1][1]})",
             expected=" eller ".join(f"”{h}”" for h in fields))
        return
    for cell, record, own in empty:
        _add(findings, sheet, R30_POST_TOM, cell, found=record,
             expected=" eller ".join(f"”{h}”" for h in own))


def check_required_fields(sheet: RecordSheet, declared: RecordDeclaration, groups: list[str],
                          empty_rows: set[int], findings: Findings) -> None:
    """Each record has text in every required column of its level (on any of its rows); a
    blank one is reported at the record's first row, unless that row is reported as empty."""
    owner = sheet.owners(groups)
    required = [h for name in declared.required
                if (h := sheet.header(name)) is not None and h not in groups]
    paths = sheet.paths(groups)
    for header in required:
        depth = owner[header]
        first: dict[tuple[str, ...], int] = {}
        filled: set[tuple[str, ...]] = set()
        for row, path in paths:
            key = tuple(path[:depth + 1])
            if not key[-1]:
                continue
            first.setdefault(key, row.number)
            if header in row.cells:
                filled.add(key)
        for key, number in first.items():
            if key not in filled and number not in empty_rows:
                _add(findings, sheet, R30_POST_FALT_TOMT,
                     f"{_column_letter(sheet, header)}{number}",
                     found=f"{groups[depth]} ”{key[-1]}”", expected=f"”{header}”")


def check_sheet(sheet: RecordSheet, declared: RecordDeclaration | None, goal_numbers: set[str],
                findings: Findings) -> None:
    if declared is None:
        return
    check_columns(sheet, declared, findings)
    groups = [h for g in declared.groups if (h := sheet.header(g)) is not None]
    if not groups:
        return
    paths = sheet.paths(groups)
    empty_rows = set()
    empty = []
    for index, (row, path) in enumerate(paths):
        _check_group(sheet, row, path, groups, goal_numbers, findings)
        following = paths[index + 1][0] if index + 1 < len(paths) else None
        continued = following is not None and not any(g in following.cells for g in groups)
        if not continued and (record := _empty_record(sheet, row, path, groups)):
            empty.append(record)
            empty_rows.add(row.number)
    _report_empty(sheet, empty, findings)
    check_required_fields(sheet, declared, groups, empty_rows, findings)


def check_records(report: Report, findings: Findings) -> None:
    sheets = report.every_record_sheet
    goal_numbers = {str(g.nr) for g in report.goals.malomraden}
    for sheet in sheets:
        check_sheet(sheet, report.record_declaration(sheet), goal_numbers, findings)
    for declared in report.record_groups:
        if not any(declared.applies_to(sheet) for sheet in sheets):
            findings.add(R30_POSTBLAD_SAKNAS, file=declared.source.file,
                         sheet=declared.source.sheet, cell=declared.source.cell("sheet"),
                         found=f"”{declared.sheet}”",
                         expected=f"”{RECORDS.title}{declared.sheet}”")
