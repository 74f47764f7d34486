"""Every rule of the catalogue gets its defect fed in; the finding's code, place and values are
asserted. The reference fixture and the example give no finding at all."""

import datetime as dt
from pathlib import Path

import pytest
from docx import Document

from assembler.contract.findings import RULES, Severity
from assembler.app.report import TEMPLATES_DIR, run_validate
from helpers import (EKONOMI_HEADER, EXAMPLE, FIXTURE, MEMO_TEXT, RAPPORT, findings_in_memory,
                     make_strict, minimal_folder, minimal_workbooks, rapport_with, render_fast,
                     verksamhet_sheets, write_workbook)


@pytest.fixture
def folder(tmp_path):
    """A report folder of .xlsx files: for defects that only a file can carry."""
    return minimal_folder(tmp_path / "in")


@pytest.fixture
def books():
    """The same report as rows in memory: rule tests need no file written or read."""
    return minimal_workbooks()


def put(report, name, sheets):
    """Replace one workbook of a report given as rows (`books`) or as files (`folder`)."""
    if isinstance(report, dict):
        report[name] = sheets
    else:
        write_workbook(report / name, sheets)


def findings_of(report, code=None):
    found = (findings_in_memory(report) if isinstance(report, dict)
             else run_validate(report).findings)
    return [f for f in found if code is None or f.code == code]


def one(report, code):
    found = findings_of(report, code)
    assert len(found) == 1, [(f.code, f.location, f.message) for f in findings_of(report)]
    return found[0]


def alfa(rows, header=EKONOMI_HEADER, **fields):
    return verksamhet_sheets("Verksamhet Alfa", [], Ordning=1, **fields) | {
        "Ekonomi": [header] + rows}


GOOD_ROWS = [["Enhet 1", -1000, -600, -650, -1000, -950, None],
             ["Enhet 2", -500, -340, -330, -500, -520, None]]


def test_example_gives_no_finding():
    assert findings_of(EXAMPLE) == []


def test_reference_fixture_warns_only_for_its_rounding_differences_and_memo_text():
    """The fixture's Kontogrupper and Verksamhetsområden sum to within a few tkr of the
    verksamheters' Ekonomi: each difference is a warning naming both figures and the sheet."""
    if not FIXTURE.is_dir():
        pytest.skip("referensfallet saknas")
    found = findings_of(FIXTURE)
    assert {f.code for f in found} == {"R08-AVRUNDNING", "R21-ARENDE-SAKNAS",
                                       "R06-KONTROLLSUMMA-AVRUNDNING"}
    budget = next(f for f in found if f.sheet == "Verksamhetsområden"
                  and f.values["column"] == "Budget helår")
    assert (budget.found, budget.expected) == ("-548\u00a0685 tkr", "-548\u00a0683 tkr")
    assert budget.file == "nämnd.xlsx" and budget.cell == "E6"


def test_minimal_folder_is_clean(books):
    assert findings_of(books) == []


def test_rows_in_memory_give_the_findings_their_files_give(tmp_path):
    """The shortcut the rule tests take reads like the real files, defects included."""
    books = minimal_workbooks(RAPPORT + [["Belopp i text", "kronor"]])
    books["Alfa.xlsx"] = alfa([["Enhet 1", -1000, "#REF!", "abc", 1000, -950, True],
                               ["  ", 1, 2.5, -7, -1e12, "−1 000,5", "Enhet 9"],
                               ["Enhet 2", 0.1, 2.5, -7, -1e12, "−1 000,5", "Enhet 9"],
                               ["Summa", -1, -2, -3, -4, -5, None, "x"]],
                              EKONOMI_HEADER + ["Okänd"], Intraprenad="Kanske")
    books["Övrigt.xlsx"] = {"Blad1": [["a"], [], [None, "b"]]}
    folder = tmp_path / "in"
    folder.mkdir()
    for name, sheets in books.items():
        write_workbook(folder / name, sheets)
    from_files = findings_of(folder)
    assert len(from_files) > 5
    assert findings_of(books) == from_files


def test_every_rule_has_a_severity_and_a_swedish_message():
    for rule in RULES.values():
        assert rule.severity in (Severity.ERROR, Severity.WARNING)
        assert rule.message and rule.title


def test_every_rule_in_the_catalogue_is_fed_its_defect_somewhere():
    """Each code is asserted, quoted, in some test file (a rule without a test is a defect)."""
    texts = [p.read_text(encoding="utf-8") for p in Path(__file__).parent.glob("test_*.py")]
    untested = [code for code in RULES
                if not any(f'"{code}"' in text or f"'{code}'" in text for text in texts)]
    assert untested == []


# --- rule 1 -------------------------------------------------------------------------------

def test_unknown_column_is_a_warning_with_the_header_cell(books):
    put(books, "Alfa.xlsx", alfa([r + ["x"] for r in GOOD_ROWS],
                                             EKONOMI_HEADER + ["Budgett helår"]))
    finding = one(books, "R01-OKAND-KOLUMN")
    assert (finding.file, finding.sheet, finding.cell) == ("Alfa.xlsx", "Ekonomi", "H1")
    assert finding.severity is Severity.WARNING and finding.found == "Budgett helår"


def test_row_without_label(books):
    put(books, "Alfa.xlsx", alfa(GOOD_ROWS + [[None, -1, -1, -1, -1, -1, None]]))
    assert one(books, "R01-RAD-UTAN-NAMN").cell == "A4"


def test_duplicate_column(books):
    header = EKONOMI_HEADER + ["Budget helår"]
    put(books, "Alfa.xlsx", alfa([r + [-1] for r in GOOD_ROWS], header))
    finding = one(books, "R01-DUBBEL-KOLUMN")
    assert (finding.cell, finding.expected) == ("H1", "E1")


def test_header_row_below_a_title_row(books):
    put(books, "Alfa.xlsx", verksamhet_sheets("A", []) | {
        "Ekonomi": [["Ekonomi för Alfa"], [], EKONOMI_HEADER] + GOOD_ROWS})
    finding = one(books, "R01-RUBRIKRAD")
    assert (finding.cell, finding.found) == ("A3", "3")
    assert findings_of(books, "R01-KOLUMN-SAKNAS") == []


def test_values_under_no_header(books):
    put(books, "Alfa.xlsx", alfa([GOOD_ROWS[0] + [None, 77], GOOD_ROWS[1]]))
    assert one(books, "R01-KOLUMN-UTAN-RUBRIK").cell == "I2"


def test_hidden_sheet(folder, tmp_path):
    from openpyxl import load_workbook
    book = load_workbook(folder / "Alfa.xlsx")
    book["Ekonomi"].sheet_state = "hidden"
    book.save(folder / "Alfa.xlsx")
    finding = one(folder, "R01-DOLT-BLAD")
    assert (finding.file, finding.sheet) == ("Alfa.xlsx", "Ekonomi")


def test_duplicate_enhet(books):
    put(books, "Alfa.xlsx", alfa(GOOD_ROWS + [["Enhet 1", 0, 0, 0, 0, 0, None]]))
    finding = one(books, "R01-DUBBEL-ENHET")
    assert (finding.cell, finding.expected) == ("A4", "2")


def test_same_sheet_at_namnd_and_verksamhet_level(books):
    invest = [["Objekt", "Budget helår", "Utfall period", "Prognos helår"], ["Inv", -5, -1, -5]]
    put(books, "nämnd.xlsx", {"Rapport": RAPPORT, "Investeringar": invest})
    put(books, "Alfa.xlsx", alfa(GOOD_ROWS) | {"Investeringar": invest})
    assert one(books, "R01-BLAD-DUBBELT").file == "Alfa.xlsx"


def test_workbook_with_neither_rapport_nor_verksamhet(books):
    put(books, "Övrigt.xlsx", {"Blad1": [["a"]]})
    assert one(books, "R01-OKAND-BOK").found == "Blad1"


def test_no_verksamhet_workbook():
    one({"nämnd.xlsx": {"Rapport": RAPPORT}}, "R01-INGEN-VERKSAMHET")


# --- rules 2–5 ----------------------------------------------------------------------------

def test_date_where_an_amount_belongs(folder):
    put(folder, "Alfa.xlsx", alfa([["Enhet 1", dt.datetime(2024, 1, 5), -600, -650,
                                                -1000, -950, None]]))
    finding = one(folder, "R02-EJ-TAL")
    assert finding.cell == "B2" and "2024-01-05" in finding.found


@pytest.mark.parametrize("field, value, cell", [
    ("Rapporttyp", "Delårsrapport 3", "B5"), ("Belopp i text", "kronor", "B8")])
def test_unknown_vocabulary_in_rapport(books, field, value, cell):
    put(books, "nämnd.xlsx", {"Rapport": rapport_with(**{field: value})})
    finding = one(books, "R03-OKANT-VARDE")
    assert (finding.sheet, finding.cell, finding.found) == ("Rapport", cell, f"”{value}”")


def test_unknown_intraprenad_value(books):
    put(books, "Alfa.xlsx", alfa(GOOD_ROWS, Intraprenad="Kanske"))
    finding = one(books, "R03-OKANT-VARDE")
    assert (finding.file, finding.sheet, finding.cell) == ("Alfa.xlsx", "Verksamhet", "B4")
    assert finding.expected == "Ja, Nej"


def test_year_bearing_headers_that_repeat_a_wrong_year(books):
    header = ["Kontogrupp", "Bokslut 2019", "Budget 2019", "Utfall period 2019", "Budget helår",
              "Utfall period", "Prognos helår"]
    put(books, "nämnd.xlsx", {"Rapport": RAPPORT, "Kontogrupper": [header]})
    found = findings_of(books, "R04-FEL-AR")
    assert [(f.cell, f.expected) for f in found] == [
        ("B1", "”Bokslut fg år eller Bokslut 2023”"), ("C1", "”Budget fg år eller Budget 2023”"),
        ("D1", "”Utfall period fg år eller Utfall period 2023”")]


def test_varav_loop(books):
    put(books, "Alfa.xlsx", alfa([
        ["Enhet 1", -1000, -600, -650, -1000, -950, None],
        ["Del A", 0, 0, 0, 0, 0, "Del B"], ["Del B", 0, 0, 0, 0, 0, "Del A"]]))
    found = findings_of(books, "R05-VARAV-SLINGA")
    assert {f.cell for f in found} == {"G3", "G4"}
    assert "Del A → Del B → Del A" in found[0].found


# --- rules 6–8 ----------------------------------------------------------------------------

def test_typed_control_total_off(books):
    put(books, "Alfa.xlsx", alfa(GOOD_ROWS + [
        ["Summa", -1500, -940, -980, -1500, -1770, None]]))
    finding = one(books, "R06-KONTROLLSUMMA")
    assert finding.cell == "F4"
    assert finding.found == "-1\u00a0770 tkr" and finding.expected == "-1\u00a0470 tkr"
    assert "-300" in finding.message


def test_control_total_within_tolerance_is_accepted(books):
    put(books, "Alfa.xlsx", alfa(GOOD_ROWS + [
        ["Nettokostnad", -1500, -941, -980, -1500, -1470, None]]))
    assert findings_of(books, "R06-KONTROLLSUMMA") == []


def test_typed_deviation_off(books):
    header = EKONOMI_HEADER[:-1] + ["Avvikelse", "Varav"]
    put(books, "Alfa.xlsx", alfa([
        ["Enhet 1", -1000, -600, -650, -1000, -950, 60, None],
        ["Enhet 2", -500, -340, -330, -500, -520, -20, None]], header))
    finding = one(books, "R07-AVVIKELSE")
    assert (finding.cell, finding.found, finding.expected) == ("G2", "60 tkr", "50 tkr")


def test_kontogrupper_that_do_not_reconcile_with_ekonomi(books):
    konto = [["Kontogrupp", "Budget helår", "Utfall period", "Prognos helår"],
             ["Intäkter", 300, 200, 300], ["Kostnader", -3800, -2440, -3760],
             ["Totalt", -3500, -2240, -3460]]
    put(books, "nämnd.xlsx", {"Rapport": RAPPORT, "Kontogrupper": konto})
    assert findings_of(books, "R08-AVSTAMNING") == []
    konto[2][1] = -3900
    konto[3][1] = -3600
    put(books, "nämnd.xlsx", {"Rapport": RAPPORT, "Kontogrupper": konto})
    finding = one(books, "R08-AVSTAMNING")
    assert (finding.file, finding.sheet, finding.cell) == ("nämnd.xlsx", "Kontogrupper", "A4")
    assert finding.found == "-3\u00a0600 tkr" and finding.expected == "-3\u00a0500 tkr"
    assert "Budget helår" in finding.message


# --- rules 10–13 --------------------------------------------------------------------------

def test_cost_enhet_with_positive_budget(books):
    put(books, "Alfa.xlsx", alfa([["Enhet 1", -1000, -600, 650, 1000, -950, None]]))
    assert one(books, "R10-TECKEN").cell == "E2"


def test_revenue_kontogrupp_with_negative_budget(books):
    konto = [["Kontogrupp", "Budget helår", "Utfall period", "Prognos helår"],
             ["Intäkter", -300, 200, 300], ["Kostnader", -3200, -2440, -3760]]
    put(books, "nämnd.xlsx", {"Rapport": RAPPORT, "Kontogrupper": konto})
    finding = one(books, "R10-TECKEN")
    assert (finding.sheet, finding.cell) == ("Kontogrupper", "B2")


def test_outcome_without_budget(books):
    put(books, "Alfa.xlsx", alfa(GOOD_ROWS + [["Ny", 0, -40, 0, 0, -60, None]]))
    finding = one(books, "R11-BUDGET-NOLL")
    assert finding.cell == "E4" and "Utfall period är -40 tkr" in finding.found


def test_varav_larger_than_parent(books):
    put(books, "Alfa.xlsx", alfa(GOOD_ROWS + [
        ["Del", 0, -700, -300, -400, -400, "Enhet 1"]]))
    finding = one(books, "R11-VARAV-STORRE")
    assert finding.cell == "C4" and finding.expected == "-600 tkr"


def test_uneven_period_budget(books):
    put(books, "Alfa.xlsx", alfa([["Enhet 1", -1000, -600, -900, -1000, -950, None]]))
    finding = one(books, "R12-PERIODISERING")
    assert (finding.cell, finding.found, finding.expected) == ("D2", "90%", "67%")


def test_intraprenad_using_more_than_it_has(books):
    put(books, "Alfa.xlsx", alfa([["Enhet 1", -1000, -600, -650, -1000, -1030, None]],
                                             Intraprenad="Ja",
                                             **{"Ingående ackumulerat resultat": 10}))
    finding = one(books, "R13-IANSPRAKTAGANDE")
    assert (finding.sheet, finding.cell) == ("Verksamhet", "B5")
    assert (finding.found, finding.expected) == ("30 tkr", "10 tkr")


def test_intraprenad_without_ingaende_is_an_error(books):
    put(books, "Alfa.xlsx", alfa(GOOD_ROWS, Intraprenad="Ja"))
    assert one(books, "R01-FALT-SAKNAS").expected == "Ingående ackumulerat resultat"


# --- rules 14–16 --------------------------------------------------------------------------

def with_text(folder, text, rapport=None):
    put(folder, "nämnd.xlsx", {"Rapport": rapport or RAPPORT,
                               "Text": [MEMO_TEXT[0], ["Ekonomisk analys", text], MEMO_TEXT[1]]})


def test_amount_said_of_a_verksamhet_must_be_its_figure(books):
    # Verksamhet Alfa's deviation is +30 tkr (0,0 mnkr); the text says 0,1 mnkr
    with_text(books, "Inledning.\nVerksamhet Alfa visar en negativ avvikelse på 0,1 mnkr.")
    finding = one(books, "R14-TEXT-ENTITET")
    assert (finding.file, finding.sheet, finding.cell) == ("nämnd.xlsx", "Text", "B2")
    assert finding.found == "0,1 mnkr" and finding.expected == "0,0 mnkr"
    assert "Verksamhet Alfa" in finding.message


def test_correct_amounts_in_text_pass(books):
    with_text(books, "Verksamhet Alfa visar en positiv avvikelse på +30 tkr. Nämnden "
                      "prognostiserar ett överskott på +40 tkr, vilket är 1,1 procent av "
                      "budgetramen på 3 500 tkr. Förbrukningen är 97 procent. År 2024 hade "
                      "nämnden 12 anställda enligt § 14.")
    assert findings_of(books) == []


def test_amount_matching_nothing_names_the_nearest(books):
    with_text(books, "Kostnaderna för lokaler är 3 510 tkr.")
    finding = one(books, "R14-TEXT-BELOPP")
    assert finding.found == "3 510 tkr" and finding.expected == "3\u00a0500 tkr"
    # the table row and column, never a section number of one kommun's report
    assert "(Testnämnden, Nettokostnad, Budget 2024)" in finding.message
    assert "5.1" not in finding.message


def test_sign_word_contradicting_the_figure(books):
    with_text(books, "Verksamhet Alfa har en positiv avvikelse på -30 tkr.")
    finding = one(books, "R15-TECKENORD")
    assert finding.found == "-30 tkr" and "positiv avvikelse" in finding.message


def test_bokslut_this_year_in_a_delarsrapport(books):
    with_text(books, "Enligt bokslut 2024 blir det bra.")
    finding = one(books, "R16-RAPPORTTYP-ORD")
    assert finding.found == "bokslut 2024" and finding.expected == "delårsrapport"


def test_forecast_words_in_an_arsberattelse(books):
    header = ["Enhet", "Budget helår", "Utfall helår"]
    rapport = rapport_with(Rapporttyp="Årsberättelse", Beslutsdatum="2025-02-20")
    with_text(books, "Vi prognostiserar ett bättre år.", rapport)
    put(books, "Alfa.xlsx", alfa([["E", -1000, -990]], header))
    put(books, "Beta.xlsx", verksamhet_sheets("Verksamhet Beta", []) | {
        "Ekonomi": [header, ["F", -500, -510]]})
    finding = one(books, "R16-RAPPORTTYP-ORD")
    assert finding.found == "prognostiserar" and finding.expected == "årsberättelse"


# --- rule 17 ------------------------------------------------------------------------------

@pytest.mark.parametrize("changes, cell, fragment", [
    ({"Diarienummer": "TN 2025/3", "Beslutsdatum": "2024-09-20"}, "B8", "TN 2025/3"),
    ({"Beslutsdatum": "2024-08-15"}, "B8", "före periodens slut (31 augusti 2024)"),
    ({"Rapporttyp": "Årsberättelse", "Beslutsdatum": "2024-06-01"}, "B8",
     "Årsberättelsen för 2024 beslutas 1 juni 2024"),
])
def test_metadata(books, changes, cell, fragment):
    put(books, "nämnd.xlsx", {"Rapport": rapport_with(**changes)})
    found = findings_of(books, "R17-METADATA")
    assert any(fragment in f.message for f in found), [f.message for f in found]
    assert all(f.sheet == "Rapport" and f.cell for f in found)


# --- rule 18 ------------------------------------------------------------------------------

def test_output_leak_in_a_template_refuses_the_report(folder, tmp_path):
    templates = tmp_path / "mallar"
    templates.mkdir()
    document = Document(TEMPLATES_DIR / "rapport.docx")
    document.add_paragraph("Summa: #DIV/0! och None")
    document.save(templates / "rapport.docx")
    result = render_fast(folder, tmp_path / "ut", templates=templates)
    codes = [(f.code, f.found) for f in result.findings]
    assert ("R18-UTDATA", "”#DIV/0!”") in codes and ("R18-UTDATA", "”None”") in codes
    assert result.written == [] and not (tmp_path / "ut").exists()


def test_users_own_text_is_not_an_output_leak(folder, tmp_path):
    with_text(folder, "Rubriken {{ x }} ska stå kvar som den är.")
    result = render_fast(folder, tmp_path / "ut")
    assert [f.code for f in result.findings] == []
    assert result.written


# --- rule 9 -------------------------------------------------------------------------------

FIVE_HEADER = ["Grupp", "Nyckeltal", "Nivå", "Utfall år-4", "Utfall år-3", "Utfall år-2",
               "Utfall år-1", "Prognos"]


def with_five_years(folder, rows):
    put(folder, "nämnd.xlsx", {"Rapport": RAPPORT, "Text": MEMO_TEXT,
                               "Fem år": [FIVE_HEADER] + rows})


def test_kvinnor_and_man_must_add_up_to_the_count(books):
    with_five_years(books, [["G", "Antal invånare", 0, 100, 110, 120, 130, "Öka"],
                             ["G", "Kvinnor", 1, 50, 55, 60, 66, "Öka"],
                             ["G", "Män", 1, 50, 55, 60, 63, "Öka"]])
    finding = one(books, "R09-KON-SUMMA")
    assert (finding.sheet, finding.cell) == ("Fem år", "G3")
    assert finding.found == "Kvinnor + Män = 129" and finding.expected == "130"
    assert finding.severity is Severity.WARNING


def test_shares_must_add_up_to_100(books):
    with_five_years(books, [["G", "Antal deltagare", 0, 100, 110, 120, 130, "Öka"],
                             ["G", "Flickor (%)", 1, 50, 55, 60, 40, "-"],
                             ["G", "Pojkar (%)", 1, 50, 45, 40, 57, "-"]])
    finding = one(books, "R09-KON-SUMMA")
    assert finding.cell == "G3" and finding.found == "Flickor (%) + Pojkar (%) = 97,0"


def test_rates_under_a_percent_row_are_not_summed(books):
    with_five_years(books, [["G", "Arbetslöshet (%)", 0, 4.7, 4.4, 4.6, 4.5, "Minska"],
                             ["G", "Kvinnor", 1, 4.2, 4, 4.1, 4.1, "Minska"],
                             ["G", "Män", 1, 5.3, 4.7, 5, 4.9, "Minska"],
                             ["G", "Utrikesfödda", 1, 14.9, 12.4, 10.9, 10.1, "Minska"],
                             ["G", "Kvinnor", 2, 14, 12.2, 10.6, 10.2, "Minska"],
                             ["G", "Män", 2, 15.7, 12.5, 11.2, 10, "Minska"]])
    assert findings_of(books) == []


def test_an_unreadable_cell_is_reported_once_not_again_as_a_wrong_sum(books):
    put(books, "Alfa.xlsx", alfa([
        ["Enhet 1", -1000, "abc", -650, -1000, -950, None],
        ["Del", -10, -5, -6, -10, -10, "Enhet 1"],
        ["Enhet 2", -500, -340, -330, -500, -520, None],
        ["Summa", -1500, -940, -980, -1500, -1470, None]]))
    assert [(f.code, f.cell) for f in findings_of(books)] == [("R02-EJ-TAL", "C2")]


# --- rule 1 by code: the folder and its workbooks ------------------------------------------

def codes_and_places(folder):
    return [(f.code, f.file, f.sheet) for f in findings_of(folder)]


def test_structural_codes_and_places(tmp_path):
    assert codes_and_places(tmp_path / "finns-inte") == [("R01-MAPP", "", "")]
    folder = minimal_folder(tmp_path / "in")
    (folder / "gammal.xls").write_bytes(b"x")
    (folder / "trasig.xlsx").write_bytes(b"not a zip")
    put(folder, "Gamma.xlsx", verksamhet_sheets("Verksamhet Alfa", []))
    put(folder, "Delta.xlsx", {"Verksamhet": [["Fält", "Värde"], ["Verksamhet", "D"]]})
    assert sorted(codes_and_places(folder)) == [
        ("R01-BLAD-SAKNAS", "Delta.xlsx", ""),
        ("R01-DUBBEL-VERKSAMHET", "Gamma.xlsx", "Verksamhet"),
        ("R01-EJ-XLSX", "trasig.xlsx", ""),
        ("R01-FEL-FILTYP", "gammal.xls", ""),
        ("R01-INGA-ENHETER", "Gamma.xlsx", "Ekonomi"),
    ]


def test_namnd_workbook_codes(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    put(folder, "andra.xlsx", {"Rapport": RAPPORT})
    assert codes_and_places(folder) == [("R01-TVA-NAMND", "", "")]
    (folder / "andra.xlsx").unlink()
    (folder / "nämnd.xlsx").unlink()
    assert codes_and_places(folder) == [("R01-INGEN-NAMND", "", "")]


def test_varav_naming_no_enhet_by_code(books):
    put(books, "Alfa.xlsx", alfa(GOOD_ROWS + [["Del", 0, 0, 0, 0, 0, "Enhet 9"]]))
    finding = one(books, "R05-VARAV-OKAND")
    assert (finding.cell, finding.found, finding.expected) == ("G4", "”Enhet 9”",
                                                               "Enhet 1, Enhet 2")


# --- what a user is told, per defect (the command line shows these messages as they are) -------

def test_missing_required_column_is_named_with_the_header_row(books):
    header = [h for h in EKONOMI_HEADER if h != "Budget helår"]
    put(books, "Alfa.xlsx", verksamhet_sheets("A", []) | {"Ekonomi": [header]})
    finding = one(books, "R01-KOLUMN-SAKNAS")
    assert (finding.file, finding.sheet, finding.cell) == ("Alfa.xlsx", "Ekonomi", "rad 1")
    assert "”Budget helår” saknas" in finding.message


def test_missing_required_field_in_rapport(books):
    put(books, "nämnd.xlsx", {"Rapport": [r for r in RAPPORT if r[0] != "År"]})
    finding = one(books, "R01-FALT-SAKNAS")
    assert (finding.file, finding.sheet) == ("nämnd.xlsx", "Rapport")
    assert "Fältet ”År” saknas" in finding.message


@pytest.mark.parametrize("value, code, fragments", [
    ("abc", "R02-EJ-TAL", ["”abc” är inget tal"]),
    ("#DIV/0!", "R02-FELVARDE", ["felvärdet ”#DIV/0!”"]),
    ("=-300*2", "R02-FORMEL-UTAN-VARDE", ["=-300*2", "Öppna arbetsboken i Excel, spara den"]),
])
def test_unreadable_amount_names_its_cell_and_value(folder, value, code, fragments):
    put(folder, "Alfa.xlsx", alfa([["Enhet 1", -1000, -600, value, -1000, -950, None]]))
    finding = one(folder, code)
    assert (finding.file, finding.sheet, finding.cell) == ("Alfa.xlsx", "Ekonomi", "D2")
    assert all(fragment in finding.message for fragment in fragments), finding.message


@pytest.mark.parametrize("name, content, code, fragment", [
    ("gammal.xls", b"\xd0\xcf\x11\xe0rest", "R01-FEL-FILTYP", "Filtypen .xls stöds inte"),
    ("data.csv", b"a;b\n", "R01-FEL-FILTYP", "Filtypen .csv stöds inte"),
    ("trasig.xlsx", b"this is not a workbook", "R01-EJ-XLSX", "inte en Excel-arbetsbok"),
    ("tom.xlsx", b"", "R01-EJ-XLSX", "filen är tom"),
    ("skyddad.xlsx", b"\xd0\xcf\x11\xe0" + b"\0" * 100, "R01-EJ-XLSX", "lösenordsskyddad"),
])
def test_files_that_are_not_xlsx(folder, name, content, code, fragment):
    (folder / name).write_bytes(content)
    finding = one(folder, code)
    assert finding.file == name and fragment in finding.message


def test_a_strict_open_xml_workbook_is_refused_before_parsing(folder):
    make_strict(folder / "Alfa.xlsx")
    finding = one(folder, "R01-STRICT")
    assert finding.file == "Alfa.xlsx" and "Strict Open XML" in finding.message


def test_lock_files_and_hidden_files_are_not_read(folder):
    (folder / "~$nämnd.xlsx").write_bytes(b"lock")
    (folder / ".dold.xlsx").write_bytes(b"hidden")
    assert findings_of(folder) == []


def test_year_bearing_header_with_the_years_number(books):
    header = ["Enhet", "Bokslut 2023", "Utfall period", "Budget period", "Budget helår",
              "Prognos helår"]
    put(books, "Alfa.xlsx", verksamhet_sheets("A", []) | {
        "Ekonomi": [header, ["E", -900, -600, -660, -1000, -980]]})
    assert findings_of(books) == []
    header[1] = "Bokslut 2019"
    put(books, "Alfa.xlsx", verksamhet_sheets("A", []) | {
        "Ekonomi": [header, ["E", -900, -600, -660, -1000, -980]]})
    finding = one(books, "R04-FEL-AR")
    assert (finding.file, finding.sheet, finding.cell) == ("Alfa.xlsx", "Ekonomi", "B1")
    assert finding.found == "”Bokslut 2019”" and "Bokslut 2023" in finding.expected


def test_a_sheet_with_too_many_rows_is_not_read_to_the_end(folder, monkeypatch):
    from assembler.read import workbook as read
    monkeypatch.setattr(read, "MAX_ROWS", 50)
    rows = [[f"Enhet {i}", -10, -6, -7, -10, -10, None] for i in range(80)]
    put(folder, "Alfa.xlsx", alfa(rows))
    finding = one(folder, "R01-FOR-MANGA-RADER")
    assert (finding.file, finding.sheet, finding.cell, finding.found) == (
        "Alfa.xlsx", "Ekonomi", "A51", "50")


# --- warnings that save a meeting -----------------------------------------------------------

def test_memo_without_arendet_text_is_a_warning(books):
    put(books, "nämnd.xlsx", {"Rapport": RAPPORT, "Text": [
        ["Avsnitt", "Text"], ["Ekonomisk analys", "Allt gick bra."], ["Ärendet", None]]})
    finding = one(books, "R21-ARENDE-SAKNAS")
    assert (finding.sheet, finding.cell, finding.entity) == ("Text", "A3", "Ärendet")


@pytest.mark.parametrize("kind, month, expected_finding", [
    ("Delårsrapport 1", "augusti", True), ("Delårsrapport 1", "april", False),
    ("Delårsrapport 2", "april", True), ("Delårsrapport 2", "augusti", False)])
def test_period_month_against_report_type(books, kind, month, expected_finding):
    put(books, "nämnd.xlsx", {
        "Rapport": rapport_with(Rapporttyp=kind, **{"Period till och med": month}),
        "Text": MEMO_TEXT})
    found = findings_of(books, "R20-PERIOD-RAPPORTTYP")
    assert bool(found) == expected_finding
    if found:
        assert found[0].cell == "B7" and month in found[0].message


def test_annual_report_whose_supporting_documents_name_an_interim_report():
    rapport = rapport_with(Rapporttyp="Årsberättelse", **{"Period till och med": "december"})
    books = {"nämnd.xlsx": {"Rapport": rapport, "Text": MEMO_TEXT,
                            "Beslutsunderlag": [["Dokument", "Diarienummer"],
                                                ["Delårsrapport med prognos 2 2024", "TN 2024/1"]]},
             "Alfa.xlsx": verksamhet_sheets("Verksamhet Alfa", [], Ordning=1) | {
                 "Ekonomi": [["Enhet", "Budget helår", "Utfall helår"], ["Enhet 1", -1000, -990]]}}
    finding = one(books, "R16-RAPPORTTYP-ORD")
    assert (finding.sheet, finding.cell) == ("Beslutsunderlag", "A2")
    assert "delårsrapport med prognos 2" in finding.message


def test_interim_report_whose_decision_names_the_annual_report(books):
    put(books, "nämnd.xlsx", {"Rapport": RAPPORT, "Text": MEMO_TEXT, "Beslut": [
        ["Nr", "Beslutspunkt"], [1, "Nämnden godkänner årsberättelsen."]]})
    assert one(books, "R16-RAPPORTTYP-ORD").cell == "B2"


def test_a_column_the_report_type_does_not_use():
    rapport = rapport_with(Rapporttyp="Årsberättelse", **{"Period till och med": "december"})
    books = {"nämnd.xlsx": {"Rapport": rapport, "Text": MEMO_TEXT, "Kontogrupper": [
        ["Kontogrupp", "Budget helår", "Utfall helår", "Utfall period fg år"],
        ["Kostnader", -1000, -990, -500]]},
        "Alfa.xlsx": verksamhet_sheets("Verksamhet Alfa", [], Ordning=1) | {
            "Ekonomi": [["Enhet", "Budget helår", "Utfall helår", "Utfall period"],
                        ["Enhet 1", -1000, -990, -400]]}}
    found = sorted((f.file, f.cell, f.found) for f in findings_of(books, "R01-KOLUMN-OANVAND"))
    assert found == [("Alfa.xlsx", "D1", "Utfall period"),
                     ("nämnd.xlsx", "D1", "Utfall period fg år")]
    assert [f.code for f in findings_of(books) if f.severity.value == "fel"] == []


def test_report_without_datum_notes_the_memo_carries_the_meeting_date(folder, tmp_path):
    write_workbook(folder / "nämnd.xlsx", {"Rapport": RAPPORT + [["Beslutsdatum", "2024-09-20"]],
                                          "Text": MEMO_TEXT})
    without = render_fast(folder, tmp_path / "a")
    assert any("20 september 2024" in n and "--datum" in n for n in without.notes), without.notes
    import datetime as dt
    with_date = render_fast(folder, tmp_path / "b", date=dt.date(2024, 9, 10))
    assert not any("--datum" in n for n in with_date.notes)
def test_thousands_typed_as_decimals_by_code(books):
    put(books, "Alfa.xlsx", alfa([["Enhet 1", -1000, -600, -650, -1000, -3.825, None],
                                               ["Enhet 2", -1.5, -1340, -1330, -1500, -1520, None],
                                               ["Enhet 3", -10.25, -6.5, -6.5, -10, -10, None]]))
    found = [(f.code, f.cell, f.found, f.expected) for f in findings_of(books)
             if f.code == "R19-STORLEK"]
    assert found == [("R19-STORLEK", "F2", "-3,825 tkr", "-3\u00a0825"),
                     ("R19-STORLEK", "B3", "-1,5 tkr", "-1\u00a0500")]  # row 4: small and mixed


def test_sheets_the_contract_does_not_read_are_never_parsed(folder, monkeypatch):
    from assembler.read import workbook as read
    monkeypatch.setattr(read, "MAX_ROWS", 50)
    sheets = alfa(GOOD_ROWS) | {"Huvudbok": [[i, "#REF!"] for i in range(80)]}
    write_workbook(folder / "Alfa.xlsx", sheets)
    assert findings_of(folder) == []
