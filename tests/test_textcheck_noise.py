"""Rule 14 stays quiet on list sentences and non-report amounts, and keeps catching real
errors (validering.md: `3,6 mnkr` for a deviation of 3 913 tkr)."""

import pytest

from assembler.app.report import run_validate
from helpers import RAPPORT, minimal_folder, verksamhet_sheets, write_workbook


@pytest.fixture
def folder(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    # deviation +3 913 tkr: 3,9 mnkr
    write_workbook(folder / "Gamma.xlsx", verksamhet_sheets("Kommunstyrelseförvaltningen", [
        ["Stab", -100, -60, -65, -10000, -6087, None]], Ordning=3))
    return folder


def r14(folder, text):
    write_workbook(folder / "nämnd.xlsx",
                   {"Rapport": RAPPORT,
                    "Text": [["Avsnitt", "Text"], ["Ekonomisk analys", text]]})
    return [f for f in run_validate(folder).findings if f.code.startswith("R14")]


def test_the_known_error_is_still_found(folder):
    found = r14(folder, "Kommunstyrelseförvaltningen redovisar en positiv budgetavvikelse om "
                        "3,6 mnkr.")
    assert [(f.code, f.found, f.expected) for f in found] == [
        ("R14-TEXT-ENTITET", "3,6 mnkr", "3,9 mnkr")]
    assert "Kommunstyrelseförvaltningen" in found[0].message


def test_each_amount_of_a_list_sentence_belongs_to_the_entity_before_it(folder):
    # Alfa +30 tkr, Beta +10 tkr, Kommunstyrelseförvaltningen +3 913 tkr
    found = r14(folder, "Avvikelsen fördelas på Verksamhet Alfa 30 tkr, Verksamhet Beta 10 tkr "
                        "och Kommunstyrelseförvaltningen 3,9 mnkr.")
    assert found == []


def test_a_wrong_amount_in_a_list_sentence_names_its_own_entity(folder):
    found = r14(folder, "Avvikelsen fördelas på Verksamhet Alfa 30 tkr, Verksamhet Beta 40 tkr "
                        "och Kommunstyrelseförvaltningen 3,9 mnkr.")
    assert [(f.code, f.found) for f in found] == [("R14-TEXT-ENTITET", "40 tkr")]
    assert "Verksamhet Beta" in found[0].message


@pytest.mark.parametrize("text", [
    "Budgeten för Verksamhet Alfa räknas upp med KPI 2,4 procent.",
    "Utvecklingsportföljen för Verksamhet Beta omfattar 200 mnkr under 2017–2021.",
    "Prisindex för lokaler steg med 3,1 procent, och räntan med 1,5 procent.",
])
def test_amounts_that_are_no_report_figure_are_left_alone(folder, text):
    assert r14(folder, text) == []


def test_an_unknown_amount_outside_such_words_is_still_reported(folder):
    found = r14(folder, "Kostnaderna för lokaler ökade med 2 345 tkr, enligt KPI.")
    assert [f.code for f in found] == ["R14-TEXT-BELOPP"]
