"""An adversarial pass over the inputs (issue: a hostile or careless user): each test feeds one
defect that used to pass silently, give a misleading finding or count a blank as 0, and asserts
the finding at its cell and the exit code."""

import json
import shutil
import unicodedata

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from assembler.cli.commands import main
from helpers import EXAMPLE, findings_in_memory, minimal_workbooks, rapport_with, write_folder

BIBLIOTEK = "Bibliotek.xlsx"
NAMND = "Kultur- och fritidsnämnden.xlsx"


def _located(findings, code):
    return [(f.file, f.sheet, f.cell, f.found, f.expected) for f in findings if f.code == code]


def _example_with(tmp_path, file: str, change) -> object:
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLE, folder)
    wb = load_workbook(folder / file)
    change(wb)
    wb.save(folder / file)
    return folder


def _validate_json(folder):
    result = CliRunner().invoke(main, ["validate", str(folder), "--format", "json"])
    assert "Traceback" not in result.output and "internt fel" not in result.output
    return result.exit_code, json.loads(result.output[result.output.index("["):])


def _report(folder, out):
    result = CliRunner().invoke(main, ["report", str(folder), "-o", str(out), "--fast", "-q"])
    assert "Traceback" not in result.output and "internt fel" not in result.output
    return result.exit_code


# --- a blank is never a zero --------------------------------------------------------------------

def test_a_blank_in_a_column_the_other_rows_fill_is_a_warning_at_its_cell():
    books = minimal_workbooks()
    books["Alfa.xlsx"]["Ekonomi"][2][1] = None  # Enhet 2: Bokslut fg år left blank
    findings = findings_in_memory(books)
    assert _located(findings, "R01-BELOPP-LUCKA") == [
        ("Alfa.xlsx", "Ekonomi", "B3", "Enhet 2", "Bokslut fg år")]


def test_a_column_blank_on_every_row_is_no_gap():
    books = minimal_workbooks()
    for book in ("Alfa.xlsx", "Beta.xlsx"):
        for row in books[book]["Ekonomi"][1:]:
            row[1] = None
    assert _located(findings_in_memory(books), "R01-BELOPP-LUCKA") == []


def test_a_merged_cell_over_two_figures_is_found_at_the_hidden_cell(tmp_path):
    # C2:D2 merged: D2 (Budget period of Stadsbiblioteket) is gone. Before, the varav row under it
    # was compared with a budget of "0 tkr" and the only cell named was the varav row's.
    folder = _example_with(tmp_path, BIBLIOTEK, lambda wb: wb["Ekonomi"].merge_cells("C2:D2"))
    code, found = _validate_json(folder)
    assert code == 2
    gaps = [f for f in found if f["code"] == "R01-BELOPP-LUCKA"]
    assert [(g["cell"], g["expected"]) for g in gaps] == [("D2", "Budget period")]
    assert not [f for f in found if f["code"] == "R11-VARAV-STORRE"]


def test_a_blank_budget_is_reported_once_not_also_as_a_budget_of_zero():
    books = minimal_workbooks()
    books["Alfa.xlsx"]["Ekonomi"][2][4] = None  # Enhet 2: Budget helår blank
    findings = findings_in_memory(books)
    assert _located(findings, "R01-BELOPP-SAKNAS") == [
        ("Alfa.xlsx", "Ekonomi", "E3", "Enhet 2", "Budget helår")]
    assert _located(findings, "R11-BUDGET-NOLL") == []


def test_an_error_value_in_the_budget_is_no_budget_of_zero():
    books = minimal_workbooks()
    books["Alfa.xlsx"]["Ekonomi"][2][4] = "#REF!"
    findings = findings_in_memory(books)
    assert [f.cell for f in findings if f.code == "R02-FELVARDE"] == ["E3"]
    assert _located(findings, "R11-BUDGET-NOLL") == []


def test_a_budget_typed_as_zero_is_still_warned():
    books = minimal_workbooks()
    books["Alfa.xlsx"]["Ekonomi"][2][4] = 0
    assert [f.cell for f in findings_in_memory(books) if f.code == "R11-BUDGET-NOLL"] == ["E3"]


# --- the same thing twice: the second used to replace the first without a word ----------------

def test_a_field_of_the_rapport_sheet_given_twice_is_an_error_at_the_second():
    findings = findings_in_memory(minimal_workbooks(rapport_with() + [["År", 2023]]))
    assert _located(findings, "R01-DUBBEL-ENHET") == [("nämnd.xlsx", "Rapport", "A8", "”År”", "6")]


def test_a_text_section_given_twice_is_an_error_at_the_second():
    books = minimal_workbooks()
    books["nämnd.xlsx"]["Text"] = books["nämnd.xlsx"]["Text"] + [
        ["ärendet ", "En andra text som ersatte den första."]]
    assert _located(findings_in_memory(books), "R01-DUBBEL-ENHET") == [
        ("nämnd.xlsx", "Text", "A3", "”ärendet”", "2")]


@pytest.mark.parametrize("second", ["Ekonomi ", " Ekonomi"])
def test_two_sheets_whose_names_only_differ_in_spaces_are_an_error(tmp_path, second):
    def add_copy(wb):
        copy = wb.copy_worksheet(wb["Ekonomi"])
        copy.title = second
        copy["C2"] = -1

    folder = _example_with(tmp_path, BIBLIOTEK, add_copy)
    code, found = _validate_json(folder)
    assert code == 2
    same = [f for f in found if f["code"] == "R01-BLAD-LIKA-NAMN"]
    assert [(f["file"], f["found"], f["expected"]) for f in same] == [
        (BIBLIOTEK, second, "Ekonomi")]
    assert not [f for f in found if f["code"] == "R06-KONTROLLSUMMA"]  # the first one was read
    assert _report(folder, tmp_path / "ut") == 2 and not (tmp_path / "ut").exists()


def test_a_goals_sheet_twice_in_nfd_and_nfc_is_an_error(tmp_path):
    def add_copy(wb):
        wb.copy_worksheet(wb["Målområden"]).title = unicodedata.normalize("NFD", "Målområden")

    code, found = _validate_json(_example_with(tmp_path, NAMND, add_copy))
    assert code == 2 and [f["code"] for f in found] == ["R01-BLAD-LIKA-NAMN"]


# --- whole numbers: the message asked for an amount in tkr --------------------------------------

@pytest.mark.parametrize("typed, found", [("första", "”första”"), (1.5, "”1.5”")])
def test_an_order_that_is_no_whole_number_asks_for_one(typed, found):
    books = minimal_workbooks()
    books["Alfa.xlsx"]["Verksamhet"] = [["Fält", "Värde"], ["Verksamhet", "Verksamhet Alfa"],
                                        ["Ordning", typed]]
    located = _located(findings_in_memory(books), "R02-EJ-HELTAL")
    assert located == [("Alfa.xlsx", "Verksamhet", "B3", found, "ett heltal, t.ex. 3")]


def test_a_year_typed_as_text_asks_for_a_year():
    located = _located(findings_in_memory(minimal_workbooks(rapport_with(År="tjugotjugofyra"))),
                       "R02-EJ-HELTAL")
    assert located == [("nämnd.xlsx", "Rapport", "B6", "”tjugotjugofyra”",
                        "ett årtal, t.ex. 2024")]


def test_the_shipped_examples_have_none_of_the_new_findings(tmp_path):
    new = {"R01-BELOPP-LUCKA", "R01-BLAD-LIKA-NAMN", "R02-EJ-HELTAL"}
    code, found = _validate_json(write_folder(tmp_path / "x", minimal_workbooks()))
    assert not {f["code"] for f in found} & new
    code, found = _validate_json(EXAMPLE)
    assert code == 0 and found == []


# --- one cause, one finding ---------------------------------------------------------------------

def test_a_damaged_workbook_is_one_finding_not_also_every_total_of_the_nämnd(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLE, folder)
    (folder / BIBLIOTEK).write_bytes((folder / BIBLIOTEK).read_bytes()[:3000])
    code, found = _validate_json(folder)
    assert code == 2
    assert [(f["code"], f["file"]) for f in found] == [("R01-EJ-XLSX", BIBLIOTEK)]


def test_a_renamed_sheet_is_found_missing_with_the_sheets_the_workbook_has(tmp_path):
    folder = _example_with(tmp_path, BIBLIOTEK,
                           lambda wb: setattr(wb["Ekonomi"], "title", "Ekonomi (2)"))
    code, found = _validate_json(folder)
    assert code == 2 and [f["code"] for f in found] == ["R01-BLAD-SAKNAS"]
    assert "Arbetsboken har bladen ”Verksamhet”, ”Ekonomi (2)”." in found[0]["message"]


def test_a_pasted_ledger_prints_ten_of_each_warning_and_the_error_that_explains_them(tmp_path):
    def ledger(wb):
        ws = wb["Ekonomi"]
        ws.delete_rows(6)
        for number in range(10_001):
            ws.append([f"Konto {number}", 0, -1, -1, -1, -1])

    folder = _example_with(tmp_path, BIBLIOTEK, ledger)
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert len([line for line in lines if "R12-PERIODISERING" in line]) == 10 + 1
    assert "… och 9 986 till med R12-PERIODISERING i bladet Ekonomi (alla med --format json)" \
        in result.output.replace("\u00a0", " ")
    assert any("R01-FOR-MANGA-RADER" in line for line in lines)
    code, found = _validate_json(folder)
    assert sum(f["code"] == "R12-PERIODISERING" for f in found) == 9_996


# --- output file names --------------------------------------------------------------------------

@pytest.mark.parametrize("namnd, stem", [
    ("...", "Delårsrapport med prognos 2 2024"),
    ('Kultur/fritid: "nämnd"?', "Delårsrapport med prognos 2 2024 – Kultur-fritid- -nämnd--"),
    ("Kultur-\noch fritidsnämnden",
     "Delårsrapport med prognos 2 2024 – Kultur- och fritidsnämnden"),
])
def test_a_nämnd_of_characters_windows_forbids_leaves_no_dangling_dash(tmp_path, namnd, stem):
    folder = write_folder(tmp_path / "in", minimal_workbooks(rapport_with(Nämnd=namnd)))
    assert _report(folder, tmp_path / "ut") == 0
    assert sorted(p.name for p in (tmp_path / "ut").iterdir()) == [
        f"{stem}.docx", f"Tjänsteskrivelse – {stem}.docx"]


# --- every bad cell in one pass -----------------------------------------------------------------

def test_an_error_value_as_a_fields_name_is_a_finding_not_an_internal_error():
    books = minimal_workbooks()
    books["Alfa.xlsx"]["Verksamhet"] = [["Fält", "Värde"], ["Verksamhet", "Verksamhet Alfa"],
                                        ["#REF!", "#REF!"]]
    findings = findings_in_memory(books)
    assert [(f.code, f.file, f.sheet, f.cell) for f in findings if f.code.startswith("R02")] == [
        ("R02-FELVARDE", "Alfa.xlsx", "Verksamhet", "A3"),
        ("R02-FELVARDE", "Alfa.xlsx", "Verksamhet", "B3")]


def test_every_error_value_of_a_row_left_out_is_found_in_one_pass():
    # the goal's name is #REF!, so the row is left out; its analysis is #DIV/0! too
    books = minimal_workbooks()
    books["nämnd.xlsx"]["Målområden"] = [["Nr", "Målområde", "Sammanfattande analys"],
                                         [1, "#REF!", "#DIV/0!"], [2, "Mål två", "Bra."]]
    findings = findings_in_memory(books)
    assert sorted((f.code, f.cell) for f in findings if f.sheet == "Målområden") == [
        ("R02-FELVARDE", "B2"), ("R02-FELVARDE", "C2")]


def test_a_varav_row_over_an_enhet_two_verksamheter_have_is_an_error_at_its_cell():
    # `Enhet 1` in both Alfa and Beta: the varav row used to add one of them, silently
    books = minimal_workbooks()
    books["Beta.xlsx"]["Ekonomi"][1][0] = "enhet 1"
    books["nämnd.xlsx"]["Varavrader"] = [["Varav", "Enhet"], ["Ettan", "Enhet 1"]]
    assert _located(findings_in_memory(books), "R05-VARAVRAD-TVETYDIG") == [
        ("nämnd.xlsx", "Varavrader", "B2", "”Enhet 1”", "Verksamhet Alfa, Verksamhet Beta")]


def test_an_enhet_in_two_verksamheter_is_fine_when_no_varav_row_names_it():
    books = minimal_workbooks()
    books["Beta.xlsx"]["Ekonomi"][1][0] = "Enhet 1"
    assert [f.code for f in findings_in_memory(books) if f.code.startswith("R05")] == []


# --- kommun: a nämnd's folder as Windows and macOS name it --------------------------------------

@pytest.mark.parametrize("rename", [
    lambda name: unicodedata.normalize("NFD", name),  # as macOS writes it
    lambda name: name.upper(),  # as Windows matches it
])
def test_a_nämnd_folder_in_nfd_or_other_case_is_in_the_kommuns_report(tmp_path, rename):
    # it passed the folder checks but was left out of the kommun's totals and output, silently
    folder = tmp_path / "kommun"
    shutil.copytree(EXAMPLE.parent / "kommun", folder)
    name = "Kultur- och fritidsnämnden"
    (folder / name).rename(folder / rename(name))
    result = CliRunner().invoke(main, ["kommun", str(folder), "-o", str(tmp_path / "ut"),
                                       "--fast", "-q"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ut" / name).is_dir()
    trace = (tmp_path / "ut" / "spårbarhet.csv").read_text(encoding="utf-8-sig")
    assert name in trace


# --- what Excel hides is still read: say so ----------------------------------------------

def _hide_row(wb):
    ws = wb["Ekonomi"]
    ws.insert_rows(5)
    for column, value in enumerate(["Gammal enhet", -100, -50, -60, -100, -90], start=1):
        ws.cell(5, column, value)
    ws.row_dimensions[5].hidden = True


@pytest.mark.parametrize("change, cell, what, code", [
    (_hide_row, "A5", "Raden", 2),  # its amounts also make the typed Summa wrong
    (lambda wb: setattr(wb["Ekonomi"].column_dimensions["F"], "hidden", True), "F1", "Kolumnen",
     1),
    (lambda wb: setattr(wb["Ekonomi"].row_dimensions[3], "hidden", True), "A3", "Raden", 1),
])
def test_a_hidden_row_or_column_is_read_and_warned_at_its_cell(tmp_path, change, cell, what, code):
    folder = _example_with(tmp_path, BIBLIOTEK, change)
    exit_code, found = _validate_json(folder)
    assert exit_code == code
    assert [(f["file"], f["sheet"], f["cell"], f["found"]) for f in found
            if f["code"] == "R01-DOLD-RAD"] == [(BIBLIOTEK, "Ekonomi", cell, what)]


def test_an_error_value_as_a_free_tables_header_is_a_finding_not_an_internal_error():
    books = minimal_workbooks()
    books["nämnd.xlsx"]["Tabell Statistik"] = [["Mått", "#REF!", "2024"], ["Elever", 10, 12]]
    findings = findings_in_memory(books)
    assert [(f.code, f.sheet, f.cell) for f in findings if f.code.startswith("R02")] == [
        ("R02-FELVARDE", "Tabell Statistik", "B1")]


def test_a_formula_without_its_value_in_a_field_is_reported_once(tmp_path):
    folder = _example_with(tmp_path, BIBLIOTEK,
                           lambda wb: wb["Verksamhet"].__setitem__("B2", '="Bib"&"liotek"'))
    code, found = _validate_json(folder)
    assert code == 2
    assert [(f["code"], f["sheet"], f["cell"]) for f in found] == [
        ("R02-FORMEL-UTAN-VARDE", "Verksamhet", "B2")]


@pytest.mark.parametrize("kommun, name", [
    ("...", "Delårsrapport 2025.docx"),
    ("Storsjö kommun", "Delårsrapport 2025 – Storsjö kommun.docx"),
])
def test_the_kommuns_file_name_has_no_dangling_dash(kommun, name):
    from types import SimpleNamespace

    from assembler.app.kommun import kommun_file_name

    info = SimpleNamespace(rapporttitel="Delårsrapport", ar=2025, kommun=kommun)
    assert kommun_file_name(SimpleNamespace(info=info)) == name


def test_a_row_left_out_as_a_duplicate_is_one_finding_not_also_a_wrong_sum():
    books = minimal_workbooks()
    books["Alfa.xlsx"]["Ekonomi"] += [["enhet 1 ", -1, -1, -1, -1, -1, None],
                                      ["Summa", -1500, -940, -980, -1500, -1470, None]]
    findings = findings_in_memory(books)
    assert [(f.code, f.cell) for f in findings] == [("R01-DUBBEL-ENHET", "A4")]
