"""Budgetmodell Kommunbidrag (a revenue row, the result against a nollbudget) and verksamheter
reported beside the nämnd but outside its result: from the workbook to the .docx."""

from decimal import Decimal

import pytest

from assembler.compute.context import build_context
from assembler.contract.findings import Findings
from assembler.app.report import run_validate
from assembler.validate.rules import validate
from assembler.read.folder import load_report
from helpers import (EKONOMI_HEADER, RAPPORT, docx_tables, docx_text, findings_in_memory,
                     minimal_folder, minimal_workbooks, render_fast, table_row, verksamhet_sheets,
                     write_folder, write_workbook)

KB_HEADER = EKONOMI_HEADER + ["Radtyp"]


def context_of(folder):
    findings = Findings()
    report = load_report(folder, findings)
    validate(report, findings)
    return build_context(report), findings


def codes(folder):
    return [f.code for f in run_validate(folder).findings]


# --- bodies outside the result --------------------------------------------------------------

@pytest.fixture
def with_valnamnd(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    write_workbook(folder / "Valnämnden.xlsx", verksamhet_sheets("Valnämnden", [
        ["Val", -300, -200, -210, -300, -420, None]],
        Ordning=9, **{"Utanför nämndens resultat": "Ja"}))
    return folder


def test_a_body_outside_the_result_never_enters_the_namnd_figures(with_valnamnd):
    context, findings = context_of(with_valnamnd)
    assert list(findings) == []
    assert context.ekonomi.namnd.budget == Decimal(-3500)
    assert context.ekonomi.namnd.avvikelse == Decimal(40)
    assert [v.namn for v in context.ekonomi.verksamheter] == ["Verksamhet Alfa", "Verksamhet Beta"]
    assert [(v.namn, v.avvikelse) for v in context.ekonomi.utanfor] == [("Valnämnden", -120)]
    assert context.ekonomi.verksamheter_negativ_avvikelse == []


def test_a_body_outside_the_result_gets_its_own_table_in_the_report(with_valnamnd, tmp_path):
    result = render_fast(with_valnamnd, tmp_path / "ut")
    report_path = result.written[0]
    tables = docx_tables(report_path)
    namnd = next(t for t in tables if t[0][0].startswith("Testnämnden"))
    assert "Valnämnden" not in [r[0] for r in namnd]
    assert table_row(namnd, "Nettokostnad")[4] == "-3 500"
    own = next(t for t in tables if t[0][0].startswith("Valnämnden"))
    assert table_row(own, "Nettokostnad")[5] == "-300"  # after Bokslut 2023
    text = docx_text(report_path)
    assert "Valnämnden (utanför nämndens resultat)" in text
    assert "positiv avvikelse mot budget på +40 tkr" in text


def test_every_body_outside_the_result_is_an_error():
    books = minimal_workbooks()
    for name in ("Alfa", "Beta"):
        books[f"{name}.xlsx"] = verksamhet_sheets(f"Verksamhet {name}", [
            ["Enhet", -1, -1, -1, -1, -1, None]], **{"Utanför nämndens resultat": "Ja"})
    found = [f for f in findings_in_memory(books) if f.code == "R23-INGEN-I-RESULTATET"]
    assert len(found) == 1 and found[0].found == "2"


# --- Budgetmodell Kommunbidrag -------------------------------------------------------------

def kommunbidrag_books(model="Kommunbidrag", beta_kb=True):
    books = minimal_workbooks(RAPPORT + [["Budgetmodell", model]])
    books["Alfa.xlsx"] = verksamhet_sheets("Verksamhet Alfa", [], Ordning=1) | {
        "Ekonomi": [KB_HEADER,
                    ["Enhet 1", -1000, -600, -650, -1000, -950, None, None],
                    ["Enhet 2", -500, -340, -330, -500, -520, None, None],
                    ["Ersättning från KS", 1500, 1000, 980, 1500, 1500, None, "Kommunbidrag"]]}
    rows = [["Enhet 3", -2000, -1300, -1320, -2000, -1990, None]]
    if beta_kb:  # recognised by its name
        rows.append(["Kommunbidrag", 2000, 1333, 1320, 2000, 2000, None])
    books["Beta.xlsx"] = verksamhet_sheets("Verksamhet Beta", rows, Ordning=2)
    return books


def test_kommunbidrag_is_its_own_row_and_the_total_is_a_result(tmp_path):
    folder = write_folder(tmp_path / "in", kommunbidrag_books())
    context, findings = context_of(folder)
    assert list(findings) == []
    figures = context.ekonomi
    assert (figures.budgetmodell, figures.summarad) == ("Kommunbidrag", "Resultat")
    assert figures.resultat == Decimal(40)  # -3460 + 3500 against a nollbudget
    assert figures.kommunbidrag.budget == Decimal(3500)
    assert figures.nettokostnad.prognos == Decimal(-3460)
    assert figures.budgetram == Decimal(3500)
    assert figures.namnd.forbrukning_period is None  # a nollbudget is no base
    assert [e.namn for e in figures.enheter] == ["Enhet 1", "Enhet 2", "Enhet 3"]
    assert figures.verksamheter[0].kommunbidrag.budget == Decimal(1500)

    result = render_fast(folder, tmp_path / "ut")
    report_path = result.written[0]
    namnd = next(t for t in docx_tables(report_path) if t[0][0].startswith("Testnämnden"))
    assert [r[0] for r in namnd[1:]] == ["Verksamhet Alfa", "Verksamhet Beta", "Kommunbidrag",
                                         "Resultat"]
    assert table_row(namnd, "Verksamhet Alfa")[4] == "-1 500"
    assert table_row(namnd, "Kommunbidrag")[4] == "3 500"
    resultat = table_row(namnd, "Resultat")
    assert (resultat[3], resultat[4], resultat[5], resultat[6]) == ("–", "0", "40", "40")
    text = docx_text(report_path)
    assert "prognostiseras ett överskott på 40 tkr" in text
    assert "Nämndens kommunbidrag för 2024 uppgår till 3\u00a0500 tkr" in text
    assert "För helåret prognostiseras ett överskott på 30 tkr." in text  # Verksamhet Alfa
    alfa = next(t for t in docx_tables(report_path) if t[0][0].startswith("Verksamhet Alfa"))
    assert [r[0] for r in alfa[-2:]] == ["Ersättning från KS", "Resultat"]


def test_a_kommunbidrag_row_needs_the_model():
    found = [f for f in findings_in_memory(kommunbidrag_books("Nettoram"))
             if f.code == "R22-KOMMUNBIDRAG-MODELL"]
    assert [(f.file, f.cell) for f in found] == [("Alfa.xlsx", "H4"), ("Beta.xlsx", "A3")]


def test_a_verksamhet_without_kommunbidrag_is_a_warning():
    found = [f for f in findings_in_memory(kommunbidrag_books(beta_kb=False))
             if f.code == "R22-KOMMUNBIDRAG-SAKNAS"]
    assert [(f.file, f.found) for f in found] == [("Beta.xlsx", "Verksamhet Beta")]


def test_kommunersattning_in_kontogrupper_reconciles(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    header = ["Kontogrupp", "Budget helår", "Utfall period", "Prognos helår"]
    kontogrupper = [header, ["Intäkter", 500, 300, 500], ["Kostnader", -4000, -2540, -3960],
                    ["Kommunersättning", 3500, 2333, 3500]]
    write_workbook(folder / "nämnd.xlsx", {"Rapport": RAPPORT, "Kontogrupper": kontogrupper})
    assert "R08-AVSTAMNING" not in codes(folder)
    context, _ = context_of(folder)
    assert context.tabell["kontogrupper"].rows[-1].label == "Resultat"
    kontogrupper[2][1] = -4100
    write_workbook(folder / "nämnd.xlsx", {"Rapport": RAPPORT, "Kontogrupper": kontogrupper})
    assert "R08-AVSTAMNING" in codes(folder)


def test_text_about_a_body_outside_is_checked_against_its_own_figures(with_valnamnd):
    write_workbook(with_valnamnd / "Valnämnden.xlsx", verksamhet_sheets("Valnämnden", [
        ["Val", -300, -200, -210, -300, -420, None]], Ordning=9, **{
            "Utanför nämndens resultat": "Ja",
            "Ekonomisk analys": "Valnämnden visar en negativ avvikelse på 120 tkr. Nämnden "
                                "visar ett överskott på 80 tkr."}))
    found = [f for f in run_validate(with_valnamnd).findings if f.code.startswith("R14")]
    assert [(f.code, f.found, f.expected) for f in found] == [
        ("R14-TEXT-ENTITET", "80 tkr", "40 tkr")]  # the nämnd's +40, Valnämnden's -120 not in it


def test_goal_sheets_of_a_body_outside_the_result_stay_out_of_the_namnd_goals(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    nämnd = minimal_workbooks()["nämnd.xlsx"]
    write_workbook(folder / "nämnd.xlsx", nämnd | {
        "Målområden": [["Nr", "Målområde", "Sammanfattande analys"], [1, "Demokrati", "Bra."]],
        "Åtaganden": [["Målområde", "Åtagande", "Status", "Kommentar"],
                      [1, "Nämndens åtagande", "Klart", None]]})
    write_workbook(folder / "Revisionen.xlsx", verksamhet_sheets("Revisionen", [
        ["Revision", -300, -200, -210, -300, -290, None]],
        **{"Utanför nämndens resultat": "Ja"}) | {
        "Åtaganden": [["Målområde", "Åtagande", "Status", "Kommentar"],
                      [1, "Revisionens åtagande", "Pågår", None]],
        "Indikatorer": [["Målområde", "Indikator", "Enhet", "Utfall år-2", "Utfall år-1",
                         "Prognos", "Målvärde"], [1, "Granskningar", "antal", 4, 5, 6, "Öka"]]})
    context, findings = context_of(folder)
    [goal] = context.malomraden
    assert [row.label for row in goal.ataganden.rows] == ["Nämndens åtagande"]
    assert goal.indikatorer is None
    outside = [(f.code, f.file, f.sheet) for f in findings if f.code == "R25-UTANFOR-MAL"]
    assert outside == [("R25-UTANFOR-MAL", "Revisionen.xlsx", "Indikatorer"),
                       ("R25-UTANFOR-MAL", "Revisionen.xlsx", "Åtaganden")]
