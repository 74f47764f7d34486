"""The budget where the nämnd decides it (one ram per verksamhet or for the nämnd), and the net
cost per verksamhet over five years (the sheet Bokslut): compute, validate, render, roll."""

import datetime as dt
from decimal import Decimal as D

from openpyxl import load_workbook

from assembler.app.rollforward import roll_folder
from assembler.compute.context import build_context
from assembler.compute.economy import compute_economy, deviation_chart
from assembler.compute.figures import economy_figures
from assembler.compute.years import five_year_table
from assembler.contract.amounts import BUDGET
from assembler.contract.findings import Findings
from assembler.read.folder import report_from_workbooks
from helpers import (ANNUAL_HEADER, REPO, docx_tables, docx_text, find_table, findings_in_memory,
                     minimal_workbooks, rapport_with, raw_workbook, render_fast, table_row,
                     verksamhet_sheets, write_folder)

KVALITET = REPO / "inputs" / "kvalitet"
BUDGET_COLUMN = 4  # Budget helår in helpers.EKONOMI_HEADER


def without_enhet_budgets(books, *files):
    for name in files:
        for row in books[name]["Ekonomi"][1:]:
            row[BUDGET_COLUMN] = None
    return books


def with_ram(books, file, ram):
    books[file]["Verksamhet"].append(["Budget helår", ram])
    return books


def model(books):
    findings = Findings()
    report = report_from_workbooks([raw_workbook(n, s) for n, s in sorted(books.items())],
                                   findings)
    assert report is not None, list(findings)
    return report


def codes(books):
    return [(f.code, f.file, f.sheet, f.cell) for f in findings_in_memory(books)
            if f.severity.value == "fel" or f.code.startswith(("R11", "R32", "R33"))]


def said(finding):
    return finding.message.replace("\xa0", " ")


def values(table, label):
    return next(r.values for r in table.rows if r.label == label)


# --- (a) a ram per verksamhet -----------------------------------------------------------------

def test_a_verksamhet_ram_replaces_its_enheter_budgets_which_show_blank():
    books = with_ram(without_enhet_budgets(minimal_workbooks(), "Alfa.xlsx"), "Alfa.xlsx",
                     -1600)
    assert codes(books) == []
    economy = compute_economy(model(books))
    alfa = economy.verksamheter[0]
    assert alfa.total[BUDGET] == D(-1600)
    assert alfa.deviation == D(-1470) - D(-1600)
    titles = [c.title for c in alfa.table.columns]
    budget, deviation = titles.index("Budget 2024"), titles.index("Avvikelse budget–prognos")
    for enhet in ("Enhet 1", "Enhet 2"):  # a visible blank, never 0
        assert values(alfa.table, enhet)[budget] is None
        assert values(alfa.table, enhet)[deviation] is None
    assert values(alfa.table, "Nettokostnad")[budget] == D(-1600)
    assert economy.total[BUDGET] == D(-1600) + D(-2000)
    assert alfa.table.footing() == {}  # the blank rows do not claim to split the ram


def test_a_verksamhet_ram_must_agree_with_enhet_budgets_given_too():
    books = with_ram(minimal_workbooks(), "Alfa.xlsx", -1600)
    [finding] = [f for f in findings_in_memory(books) if f.code == "R32-BUDGET-AVSTAMNING"]
    assert (finding.file, finding.sheet, finding.cell) == ("Alfa.xlsx", "Verksamhet", "B4")
    assert "-1 600 tkr" in said(finding) and "-1 500 tkr" in said(finding)
    assert "enheterna i Ekonomi" in said(finding)
    agreeing = with_ram(minimal_workbooks(), "Alfa.xlsx", -1500)
    assert [f for f in findings_in_memory(agreeing) if f.code == "R32-BUDGET-AVSTAMNING"] == []


def test_a_budget_missing_at_every_level_is_an_error_at_the_enheter_cells():
    books = without_enhet_budgets(minimal_workbooks(), "Alfa.xlsx")
    assert ("R01-BELOPP-SAKNAS", "Alfa.xlsx", "Ekonomi", "E2:E3") in codes(books)


# --- (a) one ram for the nämnd ------------------------------------------------------------------

def namnd_ram_books(ram=-3600):
    return without_enhet_budgets(minimal_workbooks(rapport_with(Budget_helår=ram)),
                                 "Alfa.xlsx", "Beta.xlsx")


def test_a_namnd_ram_alone_gives_the_total_and_blanks_every_part():
    books = namnd_ram_books()
    assert codes(books) == []  # no R01 at the blank cells, no R11 (outcome without budget)
    report = model(books)
    economy = compute_economy(report)
    assert economy.total[BUDGET] == D(-3600)
    assert economy.deviation == D(-3460) - D(-3600)
    table = economy.namnd_table
    titles = [c.title for c in table.columns]
    budget, deviation = titles.index("Budget 2024"), titles.index("Avvikelse budget–prognos")
    for name in ("Verksamhet Alfa", "Verksamhet Beta"):
        assert values(table, name)[budget] is None
        assert values(table, name)[deviation] is None
    assert values(table, "Nettokostnad")[budget] == D(-3600)
    assert values(table, "Nettokostnad")[deviation] == D(140)
    assert table.footing() == {}
    assert all(v.deviation is None for v in economy.verksamheter)
    assert deviation_chart(economy) is None  # no bars from nothing
    figures = economy_figures(economy, report.info.namnd, {})
    assert [v.avvikelse for v in figures.verksamheter] == [None, None]
    assert figures.namnd.avvikelse == D(140)


def test_a_namnd_ram_must_agree_with_the_verksamheters_budgets_when_all_are_given():
    books = minimal_workbooks(rapport_with(Budget_helår=-3000))  # the enheter give -3 500
    [finding] = [f for f in findings_in_memory(books) if f.code == "R32-BUDGET-AVSTAMNING"]
    assert (finding.file, finding.sheet, finding.cell) == ("nämnd.xlsx", "Rapport", "B8")
    assert "-3 000 tkr" in said(finding) and "-3 500 tkr" in said(finding)
    assert [f.code for f in findings_in_memory(minimal_workbooks(
        rapport_with(Budget_helår=-3500)))] == []


def test_a_namnd_ram_does_not_cover_an_intraprenad_which_keeps_its_own_budget():
    books = namnd_ram_books()
    books["Alfa.xlsx"]["Verksamhet"] += [["Intraprenad", "Ja"],
                                         ["Ingående ackumulerat resultat", 100]]
    assert ("R01-BELOPP-SAKNAS", "Alfa.xlsx", "Ekonomi", "E2:E3") in codes(books)
    assert ("R01-BELOPP-SAKNAS", "Beta.xlsx", "Ekonomi", "E2") not in codes(books)


def test_a_namnd_ram_beside_one_verksamhet_with_budgets_leaves_the_other_blank():
    books = without_enhet_budgets(minimal_workbooks(rapport_with(Budget_helår=-3600)),
                                  "Beta.xlsx")
    assert codes(books) == []  # not every verksamhet has a budget: nothing to reconcile
    economy = compute_economy(model(books))
    assert economy.verksamheter[0].total[BUDGET] == D(-1500)
    assert BUDGET not in economy.verksamheter[1].total
    assert economy.total[BUDGET] == D(-3600)


def test_a_namnd_ram_renders_with_visible_blanks(tmp_path):
    folder = write_folder(tmp_path / "ram", namnd_ram_books())
    result = render_fast(folder, tmp_path / "ut", date=dt.date(2024, 9, 20))
    assert not [f for f in result.findings if f.severity.value == "fel"]
    tables = docx_tables(result.written[0])
    namnd = find_table(tables, "Testnämnden")
    assert table_row(namnd, "Verksamhet Alfa")[4] == "–"
    assert table_row(namnd, "Nettokostnad")[4:] == ["-3 600", "-3 460", "140"]
    text = docx_text(result.written[0])
    assert "Verksamheten har ingen egen budget; den ingår i nämndens budgetram." in text
    assert "i nivå med budget" not in text  # no deviation from nothing


# --- (b) the net cost per verksamhet over five years ---------------------------------------------

def annual_books(bokslut):
    rapport = [r for r in rapport_with(Rapporttyp="Årsberättelse") if r[0] != "Period till och med"]
    books = {"nämnd.xlsx": {"Rapport": rapport, "Bokslut": bokslut}}
    for order, (name, rows) in enumerate([
            ("Skola", [["Undervisning", -5000, -5200, -5100], ["Kafé", 300, 350, 420]]),
            ("Ledning", [["Ledning", -1000, -1100, -1050]])], start=1):
        books[f"{name}.xlsx"] = verksamhet_sheets(name, [], Ordning=order) | {
            "Ekonomi": [ANNUAL_HEADER] + rows}
    return books


BOKSLUT = [["Verksamhet", "Bokslut 2020", "Bokslut 2021", "Bokslut 2022"],
           ["Skola", -4200, -4400, -4600], ["Ledning", None, -900, -950]]


def test_five_years_take_the_sheet_then_ekonomi_and_total_only_whole_years():
    table = five_year_table(model(annual_books(BOKSLUT)))
    assert table is not None
    assert [c.title for c in table.columns] == ["Bokslut 2020", "Bokslut 2021", "Bokslut 2022",
                                                "Bokslut 2023", "Utfall 2024"]
    assert values(table, "Skola") == [D(-4200), D(-4400), D(-4600), D(-4700), D(-4680)]
    assert values(table, "Ledning") == [None, D(-900), D(-950), D(-1000), D(-1050)]
    # a year one verksamhet lacks is blank, and so is its total: never a sum of some
    assert values(table, "Nettokostnad") == [None, D(-5300), D(-5550), D(-5700), D(-5730)]


def test_no_sheet_bokslut_gives_no_table():
    books = annual_books(BOKSLUT)
    del books["nämnd.xlsx"]["Bokslut"]
    assert five_year_table(model(books)) is None


def test_a_bokslut_row_naming_no_verksamhet_is_an_error_at_its_cell():
    books = annual_books(BOKSLUT + [["Skolan", -1, -1, -1]])
    assert ("R33-BOKSLUT-OKAND", "nämnd.xlsx", "Bokslut", "A4") in codes(books)


def test_last_years_bokslut_given_twice_must_agree_with_ekonomi():
    sheet = [BOKSLUT[0] + ["Bokslut 2023"], BOKSLUT[1] + [-4600], BOKSLUT[2] + [-1000]]
    [finding] = [f for f in findings_in_memory(annual_books(sheet))
                 if f.code == "R33-BOKSLUT-AVSTAMNING"]
    assert (finding.file, finding.sheet, finding.cell) == ("nämnd.xlsx", "Bokslut", "E2")
    assert "-4 600 tkr" in said(finding) and "-4 700 tkr" in said(finding)


def test_a_bokslut_sheet_in_a_verksamhet_workbook_is_a_warning_saying_where_it_belongs():
    books = annual_books(BOKSLUT)
    books["Skola.xlsx"]["Bokslut"] = books["nämnd.xlsx"].pop("Bokslut")
    [finding] = [f for f in findings_in_memory(books) if f.code == "R01-BLAD-NAMNDENS"]
    assert (finding.severity.value, finding.file, finding.sheet) == ("varning", "Skola.xlsx",
                                                                     "Bokslut")
    assert "”Bokslut”" in said(finding) and "nämnd.xlsx" in said(finding)
    assert five_year_table(model(books)) is None  # still not read there


def test_five_years_are_in_the_template_context():
    context = build_context(model(annual_books(BOKSLUT)))
    table = context.tabell["nettokostnad_fem_ar"]
    assert table is not None and values(table, "Skola")[-1] == D(-4680)


# --- the kvalitet example: one ram per verksamhet, five years -----------------------------------

def test_kvalitet_example_gives_ramar_per_verksamhet_and_shows_five_years(tmp_path):
    for path in KVALITET.glob("*.xlsx"):
        ws = load_workbook(path).worksheets[0]
        if ws.title == "Verksamhet":
            assert any(r[0].value == "Budget helår" and r[1].value for r in ws.iter_rows())
    result = render_fast(KVALITET, tmp_path / "ut", templates=REPO / "templates" / "kvalitet",
                         date=dt.date(2025, 3, 18))
    assert [f.code for f in result.findings] == []
    tables = docx_tables(result.written[0])
    five = find_table(tables, "Verksamhet, belopp i tkr")
    assert five[0][1:] == ["Bokslut 2020", "Bokslut 2021", "Bokslut 2022", "Bokslut 2023",
                           "Utfall 2024"]
    assert table_row(five, "Förskola")[1:] == ["-108 900", "-112 300", "-117 600", "-122 500",
                                               "-127 900"]
    assert table_row(five, "Nettokostnad")[1:] == ["-378 200", "-389 600", "-403 500",
                                                   "-415 800", "-427 850"]
    namnd = find_table(tables, "Barn- och utbildningsnämnden")
    assert table_row(namnd, "Förskola")[3:5] == ["-125 300", "-2 600"]
    assert table_row(namnd, "Nettokostnad")[3:5] == ["-426 700", "-1 150"]


# --- init --från --------------------------------------------------------------------------------

def test_roll_forward_moves_the_years_back_and_empties_the_ramar(tmp_path):
    result = roll_folder(KVALITET, tmp_path / "2025")
    assert result.new.year == 2025
    namnd = load_workbook(tmp_path / "2025" / "Barn- och utbildningsnämnden.xlsx")["Bokslut"]
    headers = [c.value for c in namnd[1]]
    assert headers == ["Verksamhet", "Bokslut 2021", "Bokslut 2022", "Bokslut 2023",
                       "Bokslut 2024"]
    rows = {r[0]: list(r[1:]) for r in namnd.iter_rows(min_row=2, values_only=True) if r[0]}
    # the oldest year drops; last year's Bokslut (from Ekonomi) and outcome move in
    assert rows["Förskola"] == [-112300, -117600, -122500, -127900]
    assert rows["Nämnd och förvaltning"] == [-14900, -15600, -16100, -16250]
    info = load_workbook(tmp_path / "2025" / "Förskola.xlsx")["Verksamhet"]
    ram = [r[1] for r in info.iter_rows(min_row=2, values_only=True) if r[0] == "Budget helår"]
    assert ram == [None]  # the year's ram does not carry into the next year
    lines = [line for book in result.books for change in book.changes for line in change.lines()]
    assert any("Bokslut 2024 ← Utfall helår i Ekonomi" in line for line in lines)


def test_roll_forward_within_the_year_keeps_the_ram(tmp_path):
    books = with_ram(without_enhet_budgets(minimal_workbooks(), "Alfa.xlsx"), "Alfa.xlsx",
                     -1600)
    folder = write_folder(tmp_path / "d2", books)
    roll_folder(folder, tmp_path / "ars")
    info = load_workbook(tmp_path / "ars" / "Alfa.xlsx")["Verksamhet"]
    assert [r[1] for r in info.iter_rows(min_row=2, values_only=True)
            if r[0] == "Budget helår"] == [-1600]
