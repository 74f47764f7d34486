"""Trust: no figure from nothing. A blank amount is a finding at its cell, whole-workbook
mistakes are named, tables foot, true warnings can be acknowledged, and advice fits."""

import errno
import json
from decimal import Decimal as D

import pytest
from click.testing import CliRunner
from docx import Document

from assembler.app.files import os_error_text
from assembler.app.report import TEMPLATES_DIR
from assembler.cli.commands import main
from assembler.compute.tables import Column, RowKind, Table
from helpers import (EKONOMI_HEADER, MEMO_TEXT, RAPPORT, docx_tables, findings_in_memory,
                     minimal_folder, minimal_workbooks, rapport_with, render_fast,
                     verksamhet_sheets, write_workbook)

GOOD = [["Enhet 1", -1000, -600, -650, -1000, -950, None],
        ["Enhet 2", -500, -340, -330, -500, -520, None]]


def alfa(rows, header=EKONOMI_HEADER, **fields):
    return verksamhet_sheets("Verksamhet Alfa", [], Ordning=1, **fields) | {
        "Ekonomi": [header] + rows}


def books_with(**workbooks):
    books = minimal_workbooks()
    books.update({name.replace("_", "."): sheets for name, sheets in workbooks.items()})
    return books


def report_template_with(tmp_path, line):
    """The default report template with one paragraph added at its end."""
    templates = tmp_path / "mallar"
    templates.mkdir()
    document = Document(TEMPLATES_DIR / "rapport.docx")
    document.add_paragraph(line)
    document.save(templates / "rapport.docx")
    return templates


def found(books, code=None):
    return [f for f in findings_in_memory(books) if code is None or f.code == code]


def places(books, code):
    return [(f.file, f.sheet, f.cell) for f in found(books, code)]


def cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


# --- 1. blank is not zero ---------------------------------------------------------------------

def test_a_run_of_blanks_in_one_column_is_one_error_with_its_range_and_rows():
    rows = [[f"Enhet {n}", -100, -60, -65, -100, None, None] for n in range(1, 9)]
    [finding] = found(books_with(Alfa_xlsx=alfa(rows)), "R01-BELOPP-SAKNAS")
    assert (finding.file, finding.sheet, finding.cell) == ("Alfa.xlsx", "Ekonomi", "F2:F9")
    assert finding.severity.value == "fel"
    assert finding.message.startswith("Prognos helår saknas för Enhet 1 … Enhet 8 (8 rader)")


def test_one_blank_cell_is_an_error_at_that_cell_with_the_rows_name():
    rows = [GOOD[0], ["Enhet 2", -500, None, -330, -500, -520, None]]
    [finding] = found(books_with(Alfa_xlsx=alfa(rows)), "R01-BELOPP-SAKNAS")
    assert finding.location == "Alfa.xlsx › Ekonomi › C3 (Enhet 2)"
    assert "Utfall period saknas för Enhet 2" in finding.message


def test_separate_runs_are_separate_findings_and_zero_varav_and_summa_are_fine():
    rows = [["A", -1, None, -1, -1, -1, None], ["B", -1, 0, -1, -1, -1, None],
            ["B del", -1, None, None, None, None, "B"], ["C", -1, None, -1, -1, -1, None],
            ["Summa", -3, None, -3, -3, -3, None]]
    assert places(books_with(Alfa_xlsx=alfa(rows)), "R01-BELOPP-SAKNAS") == [
        ("Alfa.xlsx", "Ekonomi", "C2"), ("Alfa.xlsx", "Ekonomi", "C5")]


def test_an_annual_report_requires_utfall_helar_and_budget_helar():
    rapport = [r for r in rapport_with(Rapporttyp="Årsberättelse")
               if r[0] != "Period till och med"]
    header = ["Enhet", "Bokslut fg år", "Budget helår", "Utfall helår"]
    books = {"nämnd.xlsx": {"Rapport": rapport, "Text": MEMO_TEXT},
             "Alfa.xlsx": alfa([["A", -10, -10, None], ["B", None, None, -5]], header)}
    assert places(books, "R01-BELOPP-SAKNAS") == [("Alfa.xlsx", "Ekonomi", "C3"),
                                                  ("Alfa.xlsx", "Ekonomi", "D2")]


def test_an_ekonomi_sheet_without_enheter_is_an_error():
    assert places(books_with(Alfa_xlsx=alfa([])), "R01-INGA-ENHETER") == [
        ("Alfa.xlsx", "Ekonomi", "A2")]


def test_a_missing_optional_figure_prints_a_dash_never_zero(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    write_workbook(folder / "Alfa.xlsx", alfa([GOOD[0], ["Enhet 2", None, -340, -330, -500,
                                                         -520, None]]))
    report = render_fast(folder, tmp_path / "ut").written[0]
    table = next(t for t in docx_tables(report) if t[0][0].startswith("Verksamhet Alfa"))
    assert table[2][:2] == ["Enhet 2", "–"] and table[1][1] == "-1 000"


def test_a_template_column_the_inputs_lack_is_a_finding_naming_it(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    templates = report_template_with(
        tmp_path, "{{p tabell.namnd | kolumner('utfall', 'budget_fg', 'prognos_fg') }}")
    result = render_fast(folder, tmp_path / "ut", templates=templates)
    [finding] = [f for f in result.findings if f.code.startswith("M")]
    assert finding.code == "M04-MALLFEL" and finding.file == "rapport.docx"
    assert "kolumnen 'utfall'" in finding.message and "utfall_helar" in finding.message
    assert result.written == []


def test_a_folder_fresh_from_init_fails_validate_with_a_short_list(tmp_path):
    cli("init", tmp_path / "ny", "--år", 2026, "--verksamhet", "Bibliotek")
    done = cli("validate", tmp_path / "ny")
    assert done.exit_code == 2
    assert done.output.count(" fel ") == 4 and "Period till och med" in done.output
    assert "Bibliotek.xlsx\n  Ekonomi › A2  fel  Bladet Ekonomi har ingen rad" in done.output


def test_a_folder_fresh_from_init_fran_fails_with_one_finding_per_blank_column(tmp_path):
    cli("init", tmp_path / "forra", "--exempel")
    cli("init", tmp_path / "ny", "--från", tmp_path / "forra", "--rapporttyp",
        "Delårsrapport 1", "--år", 2026)
    done = cli("validate", tmp_path / "ny", "--format", "json")
    assert done.exit_code == 2
    items = json.loads(done.output)
    blanks = [i for i in items if i["code"] == "R01-BELOPP-SAKNAS"]
    # 5 workbooks × 3 columns, Ärendet, 2 record sheets
    assert len(blanks) == 15 and len(items) <= 18
    assert {"file": "Bibliotek.xlsx", "cell": "F2:F5"} in [
        {"file": i["file"], "cell": i["cell"]} for i in blanks]


# --- 2. plausibility per workbook -------------------------------------------------------------

def flipped(rows):
    return [[r[0], r[1], *(-v for v in r[2:6]), r[6]] for r in rows]


def test_a_workbook_with_every_sign_flipped_against_its_bokslut():
    [finding] = found(books_with(Alfa_xlsx=alfa(flipped(GOOD))), "R26-TECKEN-ARBETSBOK")
    assert (finding.file, finding.sheet) == ("Alfa.xlsx", "Ekonomi")
    assert "Verksamhet Alfa" in finding.message and "Bokslut fg år" in finding.message


def test_a_workbook_with_every_sign_flipped_against_its_siblings():
    books = minimal_workbooks()
    for name in ("Alfa.xlsx", "Beta.xlsx"):
        books[name]["Ekonomi"] = [EKONOMI_HEADER] + [[r[0], None, *r[2:]]
                                                     for r in books[name]["Ekonomi"][1:]]
    books["Alfa.xlsx"]["Ekonomi"] = [EKONOMI_HEADER] + flipped(books["Alfa.xlsx"]["Ekonomi"][1:])
    [finding] = found(books, "R26-TECKEN-ARBETSBOK")
    assert finding.file == "Alfa.xlsx" and "de andra verksamheterna" in finding.message


def test_a_workbook_typed_in_kr():
    rows = [[r[0], r[1], *(v * 1000 for v in r[2:6]), r[6]] for r in GOOD]
    [finding] = found(books_with(Alfa_xlsx=alfa(rows)), "R27-STORLEK-ARBETSBOK")
    assert (finding.file, finding.sheet) == ("Alfa.xlsx", "Ekonomi")
    assert "kronor" in finding.message


def test_a_workbook_typed_in_kr_against_its_siblings_without_bokslut():
    rows = [[r[0], None, *(v * 1000 for v in r[2:6]), r[6]] for r in GOOD]
    [finding] = found(books_with(Alfa_xlsx=alfa(rows)), "R27-STORLEK-ARBETSBOK")
    assert "de andra verksamheterna" in finding.message


def test_a_negative_kommunbidrag():
    rapport = rapport_with(Budgetmodell="Kommunbidrag")
    header = EKONOMI_HEADER + ["Radtyp"]
    rows = [r + [None] for r in GOOD] + [["Kommunbidrag", 1500, 1000, 1000, -1500, 1500, None,
                                          "Kommunbidrag"]]
    books = books_with(nämnd_xlsx={"Rapport": rapport, "Text": MEMO_TEXT},
                       Alfa_xlsx=alfa(rows, header))
    books["Beta.xlsx"]["Ekonomi"] = [header] + [r + [None] for r in
                                                books["Beta.xlsx"]["Ekonomi"][1:]] + [
        ["Kommunbidrag", 2000, 1300, 1300, 2000, 2000, None, "Kommunbidrag"]]
    [finding] = found(books, "R10-KOMMUNBIDRAG-NEGATIVT")
    assert finding.location == "Alfa.xlsx › Ekonomi › E4 (Kommunbidrag)"
    assert "Budget helår -1 500 tkr" in finding.message.replace("\u00a0", " ")


def test_percentages_typed_as_fractions():
    books = books_with(nämnd_xlsx={
        "Rapport": RAPPORT, "Text": MEMO_TEXT, "Målområden": [["Nr", "Målområde"], [1, "Mål"]],
        "Indikatorer": [["Målområde", "Indikator", "Enhet", "Utfall år-2", "Utfall år-1",
                         "Prognos"], [1, "Andel nöjda", "%", 0.88, 0.9, 0.895],
                        [1, "Antal besök", "antal", 0.5, 1, 2]],
        "Tabell Betyg": [["Skola", "Andel (%)", "Elever (antal)"], ["A", 0.5, 10],
                         ["B", 0.75, 20]]})
    assert places(books, "R28-ANDEL-SOM-PROCENT") == [("nämnd.xlsx", "Indikatorer", "D2"),
                                                       ("nämnd.xlsx", "Tabell Betyg", "B2")]
    indicator = found(books, "R28-ANDEL-SOM-PROCENT")[0]
    assert "Andel nöjda 0,88" in indicator.message and "88%" in indicator.message


def test_the_shipped_examples_are_plausible():
    from helpers import REPO
    from assembler.app.report import run_validate

    for name in ("exempel", "uppsala", "eskilstuna", "orebro-ks"):
        codes = {f.code for f in run_validate(REPO / "inputs" / name).findings}
        assert not codes & {"R26-TECKEN-ARBETSBOK", "R27-STORLEK-ARBETSBOK",
                            "R28-ANDEL-SOM-PROCENT", "R10-KOMMUNBIDRAG-NEGATIVT"}, name


# --- 4. tables foot ---------------------------------------------------------------------------

def table_of(values, unit="tkr"):
    table = Table("x", [Column("Belopp")], unit=unit)
    for n, value in enumerate(values):
        table.add_values(f"Rad {n}", [D(value)])
    table.add_values("Summa", [sum(D(v) for v in values)], RowKind.TOTAL)
    return table


def test_printed_rows_that_miss_the_printed_total_get_an_avrundning_row():
    footed = table_of(["-11796.4", "-11796.4"]).footed()
    assert [r.label for r in footed.rows] == ["Rad 0", "Rad 1", "Avrundning", "Summa"]
    assert footed.rows[2].values == [D(-1)]  # -11 796 + -11 796 + -1 = -23 593 (printed total)


def test_rows_that_foot_are_left_alone_in_tkr_and_footed_in_mnkr():
    table = table_of(["40", "20"])
    assert table.footed() is table
    footed = table_of(["40", "20"], unit="mnkr").footed()
    assert footed.rows[2].label == "Avrundning" and footed.rows[2].values == [D("100.0")]


def test_validate_says_when_a_table_does_not_foot():
    rows = [["Enhet 1", -1000, -600, -650, -11796.4, -950, None],
            ["Enhet 2", -500, -340, -330, -11796.4, -520, None]]
    [finding] = found(books_with(Alfa_xlsx=alfa(rows)), "R06-TABELL-AVRUNDNING")
    assert (finding.file, finding.sheet) == ("Alfa.xlsx", "Ekonomi")
    assert "Budget 2024 -23\u00a0592 mot -23\u00a0593 tkr" in finding.message


def test_a_typed_control_row_off_by_rounding_is_a_finding_never_silently_replaced():
    rows = [["A", -1, -1, -1, -48562.3, -1, None], ["B", -1, -1, -1, -48562.4, -1, None],
            ["C", -1, -1, -1, 0.35, -1, None], ["D", -1, -1, -1, 0.35, -1, None],
            ["Summa", -4, -4, -4, -97126, -4, None]]
    [finding] = found(books_with(Alfa_xlsx=alfa(rows)), "R06-KONTROLLSUMMA-AVRUNDNING")
    assert finding.location == "Alfa.xlsx › Ekonomi › E6 (Summa)"
    assert finding.message.replace("\u00a0", " ").startswith(
        "Inskriven summa -97 126 tkr men raderna ger -97 124 tkr")


# --- 5. acknowledged warnings -----------------------------------------------------------------

R11_ROWS = [GOOD[0], ["Enhet 2", -500, -340, -330, 0, -520, None]]


def acknowledged_folder(tmp_path, *rows):
    folder = minimal_folder(tmp_path / "in")
    write_workbook(folder / "Alfa.xlsx", alfa(R11_ROWS))
    write_workbook(folder / "nämnd.xlsx", {"Rapport": RAPPORT, "Text": MEMO_TEXT,
                                           "Kvitterat": [["Kod", "Plats", "Motivering"], *rows]})
    return folder


def test_an_acknowledged_warning_is_listed_with_its_motivering_and_exits_0(tmp_path):
    folder = acknowledged_folder(tmp_path, ["R11-BUDGET-NOLL", "Alfa.xlsx > Ekonomi > E3",
                                            "Enheten läggs ned; budgeten flyttades."])
    done = cli("validate", folder)
    assert done.exit_code == 0, done.output
    assert "kvitterad" in done.output and "Kvitterad: Enheten läggs ned" in done.output
    assert "0 fel, 0 varningar, 1 kvitterade" in done.output
    [item] = json.loads(cli("validate", folder, "--format", "json").output)
    assert item["code"] == "R11-BUDGET-NOLL"
    assert item["kvitterad"] == "Enheten läggs ned; budgeten flyttades."
    report = cli("report", "--fast", folder, "-o", tmp_path / "ut")
    assert report.exit_code == 0 and "Skrev" in report.output


def test_an_acknowledgement_with_the_rows_name_matches_too(tmp_path):
    folder = acknowledged_folder(tmp_path, ["r11-budget-noll",
                                            "Alfa.xlsx › Ekonomi › E3 (Enhet 2)", "Med avsikt."])
    assert cli("validate", folder).exit_code == 0


def test_an_acknowledgement_without_motivering_does_not_count(tmp_path):
    folder = acknowledged_folder(tmp_path, ["R11-BUDGET-NOLL", "Alfa.xlsx › Ekonomi › E3"])
    done = cli("validate", folder, "--format", "json")
    assert done.exit_code == 1
    codes = {(i["code"], i["cell"], i["kvitterad"]) for i in json.loads(done.output)}
    assert codes == {("R11-BUDGET-NOLL", "E3", None), ("R31-KVITTERING-MOTIVERING", "A2", None)}


def test_a_stale_acknowledgement_is_itself_a_warning(tmp_path):
    folder = acknowledged_folder(tmp_path, ["R11-BUDGET-NOLL", "Alfa.xlsx › Ekonomi › E3", "x"],
                                 ["R10-TECKEN", "Beta.xlsx › Ekonomi › E2", "Gammal."])
    items = json.loads(cli("validate", folder, "--format", "json").output)
    stale = [i for i in items if i["code"] == "R31-KVITTERING-INAKTUELL"]
    assert [(i["file"], i["sheet"], i["cell"]) for i in stale] == [
        ("nämnd.xlsx", "Kvitterat", "A3")]
    assert "R10-TECKEN i Beta.xlsx › Ekonomi › E2" in stale[0]["message"]


def test_errors_cannot_be_acknowledged(tmp_path):
    folder = acknowledged_folder(tmp_path, ["R02-EJ-TAL", "Alfa.xlsx › Ekonomi › B2", "Nej."])
    write_workbook(folder / "Alfa.xlsx", alfa([["Enhet 1", "abc", -600, -650, -1000, -950,
                                                None]]))
    done = cli("validate", folder, "--format", "json")
    assert done.exit_code == 2
    items = {(i["code"], i["kvitterad"]) for i in json.loads(done.output)}
    assert ("R02-EJ-TAL", None) in items and ("R31-KVITTERING-FEL", None) in items


def test_init_writes_kvitterat_and_init_fran_carries_it_to_be_checked(tmp_path):
    from openpyxl import load_workbook

    cli("init", tmp_path / "ny", "--år", 2026)
    book = load_workbook(tmp_path / "ny" / "Nämnden.xlsx")
    assert [c.value for c in book["Kvitterat"][1]] == ["Kod", "Plats", "Motivering"]
    folder = acknowledged_folder(tmp_path, ["R11-BUDGET-NOLL", "Alfa.xlsx › Ekonomi › E3", "x"])
    done = cli("init", tmp_path / "nasta", "--från", folder, "--rapporttyp", "Årsberättelse")
    assert "Kvitterat: kontrollera: 1 kvitterad varning från förra perioden" in done.output
    book = load_workbook(tmp_path / "nasta" / "nämnd.xlsx")
    assert book["Kvitterat"]["A2"].value == "R11-BUDGET-NOLL"


@pytest.mark.parametrize("name", ["orebro-ks", "eskilstuna"])
def test_shipped_examples_acknowledge_their_true_warnings(name):
    from helpers import REPO

    done = cli("validate", REPO / "inputs" / name)
    assert done.exit_code == 0, done.output
    assert "0 fel, 0 varningar" in done.output and "kvitterade" in done.output


# --- 7. one cause, one finding; advice that fits ----------------------------------------------

def test_a_bad_period_is_one_finding_without_follow_ups():
    books = minimal_workbooks(rapport_with(Period_till_och_med="sommar",
                                           Beslutsdatum="2024-09-20"))
    assert [(f.code, f.cell) for f in found(books)] == [("R03-OKANT-VARDE", "B7")]


def test_template_errors_say_mallarna(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    templates = report_template_with(tmp_path, "{{ finns_inte.alls }}")
    done = cli("report", "--fast", folder, "-o", tmp_path / "ut", "--mallar", templates)
    assert done.exit_code == 2
    assert "Rätta felen i mallarna" in done.output and "arbetsböckerna" not in done.output


@pytest.mark.parametrize("number, words", [(errno.EEXIST, "det finns redan en fil"),
                                           (errno.EROFS, "bara går att läsa"),
                                           (errno.ENOSPC, "disken är full"),
                                           (errno.EMLINK, "systemfel EMLINK")])
def test_os_errors_are_in_swedish(number, words):
    assert words in os_error_text(OSError(number, "English words"))


def test_init_into_a_path_under_a_file_says_so_in_swedish_without_o(tmp_path):
    (tmp_path / "fil").write_text("x")
    done = cli("init", tmp_path / "fil" / "ny", "--år", 2026)
    assert done.exit_code == 2 and "Traceback" not in done.output
    text = " ".join(done.output.split())
    assert "File exists" not in text and "Not a directory" not in text
    assert "med -o" not in text and "en del av sökvägen är en fil" in text


def test_report_into_an_unwritable_place_names_o(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    (tmp_path / "fil").write_text("x")
    done = cli("report", "--fast", folder, "-o", tmp_path / "fil" / "ut")
    text = " ".join(done.output.split())
    assert done.exit_code == 2 and "Utmappen anges med -o" in text
    assert "File exists" not in text and "Not a directory" not in text


def test_findings_written_to_a_pipe_are_one_a_line(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    rows = [[f"Enhet med ett ganska långt namn {n}", -123456, -654321, -300000, -1000000,
             -950000, None] for n in range(3)]
    write_workbook(folder / "Alfa.xlsx", alfa(rows))
    done = cli("validate", folder)
    lines = [line for line in done.output.splitlines() if "R12-PERIODISERING" in line]
    assert len(lines) == 3
    assert all("Periodbudgeten är 30% av helårsbudgeten, men 67% av året har gått" in line
               for line in lines)


def test_a_blank_is_one_finding_not_a_cascade_at_the_summa_row_and_kontogrupper():
    rows = GOOD + [["Summa", -1500, -940, -980, -1500, -1470, None]]
    rows[1] = ["Enhet 2", -500, -340, -330, -500, None, None]
    books = books_with(Alfa_xlsx=alfa(rows))
    books["nämnd.xlsx"]["Kontogrupper"] = [
        ["Kontogrupp", "Budget helår", "Utfall period", "Prognos helår"],
        ["Intäkter", 300, 200, 300], ["Kostnader", -3800, -2440, -3760]]
    assert [(f.code, f.cell) for f in found(books)] == [("R01-BELOPP-SAKNAS", "F3")]


def test_mark_colours_a_blank_range_at_its_first_cell_and_leaves_acknowledged_ones(tmp_path):
    from openpyxl import load_workbook

    folder = acknowledged_folder(tmp_path, ["R11-BUDGET-NOLL", "Alfa.xlsx › Ekonomi › E3", "x"])
    write_workbook(folder / "Beta.xlsx", verksamhet_sheets("Verksamhet Beta", [
        ["Enhet 3", -2000, -1300, -1320, -2000, None, None],
        ["Enhet 4", -2000, -1300, -1320, -2000, None, None]], Ordning=2))
    assert cli("validate", folder, "--mark").exit_code == 2
    beta = load_workbook(folder / "Beta (granskad).xlsx")["Ekonomi"]
    assert "Prognos helår saknas" in beta["F2"].comment.text
    assert beta["F2"].fill.start_color.rgb.endswith("FFC7CE")
    assert not (folder / "Alfa (granskad).xlsx").exists()
