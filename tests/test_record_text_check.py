"""Record fields (`Poster …` sheets) are text the documents print: a figure in one is held to
the report's figures like the Text sheet, cited by its cell, and checked once."""

from __future__ import annotations

from helpers import findings_in_memory, minimal_workbooks

RECORD_HEADER = ["Aktivitet", "Kommentar"]


def with_record(workbook: str, comment: str) -> dict:
    workbooks = minimal_workbooks()
    workbooks[workbook]["Poster Aktiviteter"] = [RECORD_HEADER, ["Läsfrämjande", comment]]
    return workbooks


def text_findings(workbooks: dict) -> list:
    return [f for f in findings_in_memory(workbooks) if f.code.startswith(("R14", "R15"))]


def test_a_wrong_figure_in_a_verksamhets_record_is_found_at_its_cell():
    """Verksamhet Alfa's deviation is +30 tkr (prognos -1 470 against budget -1 500)."""
    found = text_findings(with_record("Alfa.xlsx", "Verksamheten visar ett överskott om 99 tkr."))
    assert [(f.file, f.sheet, f.cell) for f in found] == [
        ("Alfa.xlsx", "Poster Aktiviteter", "B2")]
    assert "99 tkr" in found[0].message and "30 tkr" in found[0].message


def test_the_right_figure_in_a_record_passes():
    assert text_findings(with_record("Alfa.xlsx", "Verksamheten visar ett överskott om 30 tkr.")) \
        == []


def test_a_nämnd_record_speaks_of_the_nämnd_and_a_wrong_sign_word_is_found():
    """The nämnd's deviation: +30 (Alfa) +10 (Beta) = +40 tkr, here called a deficit."""
    found = text_findings(with_record("nämnd.xlsx", "Nämnden visar ett underskott om 40 tkr."))
    assert [(f.code, f.file, f.sheet, f.cell) for f in found] == [
        ("R15-TECKEN-TABELL", "nämnd.xlsx", "Poster Aktiviteter", "B2")]
