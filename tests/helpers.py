"""Test helpers: build report folders from plain rows, and read produced .docx files back."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import os
import re
import shutil
import tempfile
from pathlib import Path

from docx import Document
from openpyxl import Workbook

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ASSEMBLER_SHARED", REPO.parent / "shared"))
FIXTURE = SHARED / "fixtures" / "orebro-van-2021-d2"
EXPECTED = SHARED / "fixtures" / "orebro-van-2021-d2.expected.json"
EXAMPLE = REPO / "inputs" / "exempel"

RAPPORT = [
    ["Fält", "Värde"],
    ["Kommun", "Testby kommun"],
    ["Nämnd", "Testnämnden"],
    ["Förvaltning", "Testförvaltningen"],
    ["Rapporttyp", "Delårsrapport 2"],
    ["År", 2024],
    ["Period till och med", "augusti"],
]
MEMO_TEXT = [["Avsnitt", "Text"], ["Ärendet", "Nämnden ska fastställa rapporten."]]
EKONOMI_HEADER = ["Enhet", "Bokslut fg år", "Utfall period", "Budget period", "Budget helår",
                  "Prognos helår", "Varav"]


def rapport_with(**changes) -> list[list]:
    """RAPPORT with fields changed or added (`Period_till_och_med="sommar"`)."""
    rows = [list(r) for r in RAPPORT]
    for key, value in changes.items():
        key = key.replace("_", " ")
        match = [r for r in rows if r[0] == key]
        if match:
            match[0][1] = value
        else:
            rows.append([key, value])
    return rows


# one at a time, so the work started early takes one core beside the tests, not all of them
_BACKGROUND = concurrent.futures.ThreadPoolExecutor(max_workers=1)


def in_background(work, *args) -> concurrent.futures.Future:
    """`work(*args)` in the background thread, after what was queued before it; for work that
    waits on subprocesses."""
    return _BACKGROUND.submit(work, *args)


def background_done() -> None:
    """Waits until the work queued in the background so far has ended."""
    _BACKGROUND.submit(lambda: None).result()


def in_background_in_temp_folder(config, prefix: str, setup, work):
    """`work(*setup(folder))` in the background, in a new temporary folder that is removed when
    the test run ends (after the work); `setup` runs in this thread. Gives (folder, future)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    future = in_background(work, *setup(folder))

    def remove() -> None:
        future.exception()  # waits for the work to end
        shutil.rmtree(folder, ignore_errors=True)

    config.add_cleanup(remove)
    return folder, future


def render_fast(folder: Path, out: Path, progress=None, **options):
    """A report run without the LibreOffice steps (TOC page numbers, PDF); `options` as
    RunOptions takes them (templates, date)."""
    from assembler.app.options import RunOptions
    from assembler.app.progress import SILENT
    from assembler.app.report import run_report

    return run_report(folder, RunOptions(out_dir=out, fast=True, **options), progress or SILENT)


def verksamhet_sheets(name: str, enheter: list[list], **fields) -> dict[str, list[list]]:
    info = [["Fält", "Värde"], ["Verksamhet", name]] + [[k, v] for k, v in fields.items()]
    return {"Verksamhet": info, "Ekonomi": [EKONOMI_HEADER] + enheter}


def write_workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def report_template_with(folder: Path, *lines: str) -> Path:
    """A template folder whose rapport.docx is the default one with `lines` added at its
    end, a paragraph each."""
    from docx import Document

    from assembler.app.report import TEMPLATES_DIR

    folder.mkdir(parents=True, exist_ok=True)
    document = Document(TEMPLATES_DIR / "rapport.docx")
    for line in lines:
        document.add_paragraph(line)
    document.save(folder / "rapport.docx")
    return folder


def patch_zip(path: Path, member: str, change) -> None:
    """Rewrite one part of a saved workbook: what openpyxl cannot write (Excel's own values)."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = {info: source.read(info) for info in source.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts.items():
            target.writestr(info, change(data) if info.filename == member else data)


def make_strict(path: Path) -> None:
    """Mark a saved workbook as Excel's "Strict Open XML" format, which openpyxl cannot read."""
    patch_zip(path, "_rels/.rels", lambda xml: xml.replace(
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
        b"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"))


def minimal_workbooks(rapport: list[list] | None = None) -> dict[str, dict[str, list[list]]]:
    """A small valid report: a nämnd workbook and two verksamheter, as {file: {sheet: rows}}."""
    return {
        "nämnd.xlsx": {"Rapport": rapport or RAPPORT, "Text": MEMO_TEXT},
        "Alfa.xlsx": verksamhet_sheets("Verksamhet Alfa", [
            ["Enhet 1", -1000, -600, -650, -1000, -950, None],
            ["Enhet 2", -500, -340, -330, -500, -520, None],
        ], Ordning=1),
        "Beta.xlsx": verksamhet_sheets("Verksamhet Beta", [
            ["Enhet 3", -2000, -1300, -1320, -2000, -1990, None],
        ], Ordning=2),
    }


def write_folder(folder: Path, workbooks: dict[str, dict[str, list[list]]]) -> Path:
    """A report folder with one .xlsx per entry of {file: {sheet: rows}}."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, sheets in workbooks.items():
        write_workbook(folder / name, sheets)
    return folder


def minimal_folder(folder: Path, rapport: list[list] | None = None) -> Path:
    """A small valid report folder: a nämnd workbook and two verksamheter."""
    return write_folder(folder, minimal_workbooks(rapport))


ANNUAL_HEADER = ["Enhet", "Bokslut fg år", "Budget helår", "Utfall helår"]


def annual_folder(folder: Path) -> Path:
    """A small Årsberättelse: three verksamheter, one unit with budget 0."""
    folder.mkdir(parents=True)
    rapport = [r for r in RAPPORT if r[0] not in ("Rapporttyp", "Period till och med")]
    write_workbook(folder / "nämnd.xlsx", {
        "Rapport": rapport + [["Rapporttyp", "Årsberättelse"], ["Beslutsdatum", "2025-02-20"]],
        "Text": MEMO_TEXT + [["Ekonomisk analys", "Året slutade nära budget."]]})
    sheets = {
        "Skola.xlsx": ("Skola", [["Undervisning", -5000, -5200, -5100], ["Kafé", 300, 350, 420]]),
        "Stöd.xlsx": ("Stöd", [["Stödinsatser", -2000, -2100, -2250], ["Nytt projekt", 0, 0, -80]]),
        "Ledning.xlsx": ("Ledning", [["Ledning", -1000, -1100, -1050]]),
    }
    for order, (file_name, (name, rows)) in enumerate(sheets.items(), start=1):
        write_workbook(folder / file_name, verksamhet_sheets(name, [], Ordning=order) | {
            "Ekonomi": [ANNUAL_HEADER] + rows})
    return folder


def raw_workbook(name: str, sheets: dict[str, list[list]]):
    """What read.py makes of a workbook that `write_workbook` would write, without the file.

    For rule tests on plain values (text, numbers, booleans, Excel's error texts): dates and
    formulas change on their way through a file, so tests of those write one."""
    from openpyxl.utils import get_column_letter

    from assembler.read.workbook import RawCell, RawRow, RawSheet, RawWorkbook, normalize

    book = RawWorkbook(Path(name))
    for title, rows in sheets.items():
        headers, raw_rows = {}, []
        for number, row in enumerate(rows, start=1):
            cells = {}
            for column, value in enumerate(row, start=1):
                if value is None or (isinstance(value, str) and not value.strip()):
                    continue
                if isinstance(value, (dt.date, dt.time)) or str(value).startswith("="):
                    raise TypeError(f"{value!r}: write a workbook file to test this")
                letter = get_column_letter(column)
                kind = "s" if isinstance(value, str) else "b" if isinstance(value, bool) else "n"
                cells[letter] = RawCell(value, f"{letter}{number}", "General", kind)
            if number == 1:
                headers = cells
            elif cells:
                raw_rows.append(RawRow(number, cells))
        book.sheets[normalize(title)] = RawSheet(name, title, headers, raw_rows)
    return book


def findings_in_memory(workbooks: dict[str, dict[str, list[list]]]) -> list:
    """The findings for a report folder given as rows, with no .xlsx written or read."""
    from assembler.contract.findings import Findings
    from assembler.read.folder import report_from_workbooks
    from assembler.app.report import prepare_report

    findings = Findings()
    books = [raw_workbook(name, sheets) for name, sheets in sorted(workbooks.items())]
    report = report_from_workbooks(books, findings)
    if report is not None:
        prepare_report(report, findings)
    return list(findings)


def cell_text(cell) -> str:
    return cell.text.replace("\u00a0", " ").replace("\u00ad", "").strip()


def docx_tables(path: Path) -> list[list[list[str]]]:
    return [[[cell_text(c) for c in row.cells] for row in t.rows] for t in Document(path).tables]


def find_table(tables, first_header_prefix: str) -> list[list[str]]:
    return next(t for t in tables if t[0][0].startswith(first_header_prefix))


def table_row(table: list[list[str]], label: str) -> list[str]:
    return next(r for r in table if r[0] == label)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(path: Path) -> str:
    """All paragraph text, including inside tables, one paragraph a line."""
    body = Document(path).element.body
    return "\n".join(paragraph_text(p) for p in body.iter(W + "p"))


def paragraph_text(p) -> str:
    """Text with tabs, as a reader sees it (python-docx writes a tab as <w:tab/>; a soft
    hyphen shows only where a word breaks)."""
    parts = []
    for node in p.iter(W + "t", W + "tab"):
        parts.append("\t" if node.tag == W + "tab" else (node.text or ""))
    return "".join(parts).replace("\u00ad", "")


def parse_shown(text: str) -> float | None:
    """`-343 531` → -343531.0, `95%` → 95.0, `–` → None."""
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace("%", "").replace(",", ".")
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", cleaned):
        return None
    return float(cleaned)
