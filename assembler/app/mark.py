"""`assemble validate --mark`: a copy of each input workbook with every cell that has a finding
filled red (fel) or yellow (varning) and a comment holding the message. Inputs are never
modified."""

from __future__ import annotations

import io
import re
from collections import defaultdict
from pathlib import Path

from .files import FolderNotWritable, OutputError, write_all_or_none
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


def _writable_cell(ws, coord: str):
    """The cell itself, or the top-left cell of the merged range it lies in (a merged cell has
    no fill or comment of its own; Excel shows the top-left one's)."""
    for merged in ws.merged_cells.ranges:
        if coord in merged:
            return ws.cell(merged.min_row, merged.min_col)
    return ws[coord]


def _marked_copy(path: Path, findings: list[Finding]) -> bytes | None:
    from openpyxl import load_workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    try:
        workbook = load_workbook(path)
    except Exception:  # not a workbook at all: there is nothing to mark
        return None
    sheets = {ws.title: ws for ws in workbook.worksheets}  # chart sheets have no cells
    if not sheets:
        return None
    first = workbook.worksheets[0].title
    by_cell: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in findings:
        sheet = finding.sheet if finding.sheet in sheets else first
        by_cell[(sheet, _target_cell(finding))].append(finding)
    for (sheet, coord), cell_findings in by_cell.items():
        cell = _writable_cell(sheets[sheet], coord)
        is_error = any(f.severity is Severity.ERROR for f in cell_findings)
        colour = RED if is_error else YELLOW
        cell.fill = PatternFill(start_color=colour, end_color=colour, fill_type="solid")
        text = "\n\n".join(f"{f.severity.value} ({f.code}), {f.place}: {f.message}"
                             for f in cell_findings)
        earlier = f"{cell.comment.text}\n\n" if cell.comment else ""
        cell.comment = Comment(earlier + text, "assembler", width=320, height=160)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def mark_workbooks(folder: Path, findings: list[Finding], target: Path | None = None
                   ) -> list[Path]:
    """A marked copy of each workbook with findings, in `target` (default: the folder itself);
    all copies or none."""
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.file:
            by_file[finding.file].append(finding)
    copies: dict[Path, bytes] = {}
    for file_name, file_findings in sorted(by_file.items()):
        path = folder / file_name
        if path.suffix.lower() == ".xlsx" and path.is_file():
            data = _marked_copy(path, file_findings)
            if data is not None:
                copies[marked_name((target or folder) / file_name)] = data
    try:
        write_all_or_none(copies)
    except FolderNotWritable as exc:
        raise OutputError(f"De granskade kopiorna kunde inte skrivas i {exc.folder}: "
                          f"{exc.reason}. {ELSEWHERE}") from exc
    except OutputError as exc:
        raise OutputError(f"De granskade kopiorna kunde inte skrivas. {exc} {ELSEWHERE}") from exc
    return list(copies)


ELSEWHERE = (f"Fynden ovan gäller ändå. Skriv kopiorna i en mapp där du får skriva, t.ex. "
             f"med --mark-till {Path.home() / 'granskat'}.")
