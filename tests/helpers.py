"""Test helpers: build report folders from plain rows, and read produced .docx files back."""

from __future__ import annotations

import os
import re
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
EKONOMI_HEADER = ["Enhet", "Bokslut fg år", "Utfall period", "Budget period", "Budget helår",
                  "Prognos helår", "Varav"]


def render_fast(folder: Path, out: Path, **kwargs):
    """A report run without the LibreOffice steps (TOC page numbers, PDF)."""
    from assembler.pipeline import run_report

    return run_report(folder, out, fast=True, **kwargs)


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


def minimal_folder(folder: Path, rapport: list[list] | None = None) -> Path:
    """A small valid report folder: a nämnd workbook and two verksamheter."""
    folder.mkdir(parents=True, exist_ok=True)
    write_workbook(folder / "nämnd.xlsx", {"Rapport": rapport or RAPPORT})
    write_workbook(folder / "Alfa.xlsx", verksamhet_sheets("Verksamhet Alfa", [
        ["Enhet 1", -1000, -600, -650, -1000, -950, None],
        ["Enhet 2", -500, -340, -330, -500, -520, None],
    ], Ordning=1))
    write_workbook(folder / "Beta.xlsx", verksamhet_sheets("Verksamhet Beta", [
        ["Enhet 3", -2000, -1300, -1320, -2000, -1990, None],
    ], Ordning=2))
    return folder


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
    """Text with tabs, as a reader sees it (python-docx writes a tab as <w:tab/>)."""
    parts = []
    for node in p.iter(W + "t", W + "tab"):
        parts.append("\t" if node.tag == W + "tab" else (node.text or ""))
    return "".join(parts)


def parse_shown(text: str) -> float | None:
    """`-343 531` → -343531.0, `95%` → 95.0, `–` → None."""
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace("%", "").replace(",", ".")
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", cleaned):
        return None
    return float(cleaned)
