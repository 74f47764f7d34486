"""`assemble validate --mark`: a copy of each input workbook with every cell that has a finding
filled red (fel) or yellow (varning) and a comment holding the message. Inputs are never
modified."""

from __future__ import annotations

import io
import re
from collections import defaultdict
from pathlib import Path

from .files import write_atomic
from ..contract.findings import Finding, Severity
from ..read.workbook import MARKED_SUFFIX

RED, YELLOW = "FFC7CE", "FFEB9C"
CELL = re.compile(r"^[A-Z]{1,3}[0-9]+$")


def marked_name(path: Path) -> Path:
    return path.with_name(f"{path.stem}{MARKED_SUFFIX}{path.suffix}")


def _target_cell(finding: Finding) -> str:
    """The finding's cell (a range's first), or A1 for findings about a whole sheet, column
    or row."""
    first = finding.cell.split(":")[0]
    return first if CELL.match(first) else "A1"


def _mark_one(path: Path, findings: list[Finding]) -> Path | None:
    from openpyxl import load_workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    try:
        workbook = load_workbook(path)
    except Exception:  # not a workbook at all: there is nothing to mark
        return None
    by_cell: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in findings:
        sheet = finding.sheet if finding.sheet in workbook.sheetnames else workbook.sheetnames[0]
        by_cell[(sheet, _target_cell(finding))].append(finding)
    for (sheet, coord), cell_findings in by_cell.items():
        cell = workbook[sheet][coord]
        is_error = any(f.severity is Severity.ERROR for f in cell_findings)
        colour = RED if is_error else YELLOW
        cell.fill = PatternFill(start_color=colour, end_color=colour, fill_type="solid")
        text = "\n\n".join(f"{f.severity.value} ({f.code}), {f.place}: {f.message}"
                             for f in cell_findings)
        cell.comment = Comment(text, "assembler", width=320, height=160)
    buffer = io.BytesIO()
    workbook.save(buffer)
    target = marked_name(path)
    write_atomic(target, buffer.getvalue())
    return target


def mark_workbooks(folder: Path, findings: list[Finding]) -> list[Path]:
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.file:
            by_file[finding.file].append(finding)
    written = []
    for file_name, file_findings in sorted(by_file.items()):
        path = folder / file_name
        if path.suffix.lower() == ".xlsx" and path.is_file():
            target = _mark_one(path, file_findings)
            if target is not None:
                written.append(target)
    return written
