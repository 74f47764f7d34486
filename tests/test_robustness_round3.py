"""Robustness, round 3 (issue 23): interrupts that stop, a roll-forward that is right, marks that
never crash, and every input value either used or the subject of a finding."""

import os
import signal
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from assembler.app import files
from assembler.app.report import run_validate
from assembler.cli.commands import main
from helpers import (findings_in_memory, minimal_folder, minimal_workbooks, verksamhet_sheets,
                     write_folder, write_workbook)


@pytest.mark.skipif(sys.platform == "win32", reason="raise_signal(SIGINT) i testprocessen")
def test_ctrl_c_while_files_are_swapped_leaves_no_temporary_file_and_the_old_files(tmp_path,
                                                                                   monkeypatch):
    old = {tmp_path / "a.docx": b"old a", tmp_path / "b.docx": b"old b"}
    for path, data in old.items():
        path.write_bytes(data)
    real_temp = files._temp_beside
    calls = []

    def temp_then_ctrl_c(path):
        made = real_temp(path)
        calls.append(path)
        if len(calls) == 3:  # the first old file's backup: the signal comes before it is known
            signal.raise_signal(signal.SIGINT)
        return made

    monkeypatch.setattr(files, "_temp_beside", temp_then_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        files.write_all_or_none({path: b"new" for path in old})
    assert {p: p.read_bytes() for p in old} == old
    assert sorted(os.listdir(tmp_path)) == ["a.docx", "b.docx"]


@pytest.mark.skipif(sys.platform == "win32", reason="raise_signal(SIGINT) i testprocessen")
def test_ctrl_c_after_the_last_file_is_in_place_is_still_raised(tmp_path, monkeypatch):
    real_remove = files._remove_quietly

    def remove_then_ctrl_c(name):
        real_remove(name)
        signal.raise_signal(signal.SIGINT)

    (tmp_path / "a.docx").write_bytes(b"old")
    monkeypatch.setattr(files, "_remove_quietly", remove_then_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        files.write_all_or_none({tmp_path / "a.docx": b"new"})
    assert (tmp_path / "a.docx").read_bytes() == b"new"  # the run had written it whole


# --- init: names that collide on Windows and macOS -----------------------------------------------

@pytest.mark.parametrize("names, fragment", [
    (["Bibliotek", "BIBLIOTEK"], "”BIBLIOTEK” får samma filnamn som ”Bibliotek”"),
    (["Bad", "Nämnden"], "”Nämnden” får samma filnamn som nämndens arbetsbok"),
    (["Ma\u0308t", "MÄT"], "”MÄT” får samma filnamn som"),
    ([" . . "], "ger inget filnamn"),
])
def test_init_refuses_verksamheter_whose_files_collide(tmp_path, names, fragment):
    args = ["init", str(tmp_path / "ny"), "--år", "2025"]
    for name in names:
        args += ["--verksamhet", name]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert fragment in " ".join(result.output.split())
    assert not (tmp_path / "ny").exists() or list((tmp_path / "ny").iterdir()) == []


def test_init_refuses_a_file_there_in_other_case(tmp_path):
    folder = tmp_path / "ny"
    folder.mkdir()
    (folder / "nämnden.XLSX").write_bytes(b"someone's")
    result = CliRunner().invoke(main, ["init", str(folder), "--år", "2025"])
    assert result.exit_code == 2 and "Finns redan" in result.output
    assert sorted(p.name for p in folder.iterdir()) == ["nämnden.XLSX"]


def _init_args(tmp_path, kind):
    """`init` with two verksamheter, or `init --från` an Årsberättelse with one."""
    if kind == "init":
        return ["init", str(tmp_path / "ny"), "--år", "2025", "--verksamhet", "A",
                "--verksamhet", "B"], ["A.xlsx", "B.xlsx", "Nämnden.xlsx"]
    from assembler.app.init import init_folder
    from assembler.contract.model import ReportType

    init_folder(tmp_path / "ars", 2024, ReportType.ANNUAL, ["A"])
    return ["init", str(tmp_path / "ny"), "--från", str(tmp_path / "ars")], ["A.xlsx",
                                                                            "Nämnden.xlsx"]


@pytest.mark.parametrize("kind", ["init", "från"])
def test_init_interrupted_writes_nothing_and_can_be_run_again(tmp_path, monkeypatch, kind):
    args, names = _init_args(tmp_path, kind)
    real_replace = os.replace
    moved = []

    def ctrl_c_on_the_second_file(source, target):
        moved.append(target)
        if len(moved) == 2:
            raise KeyboardInterrupt
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", ctrl_c_on_the_second_file)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 130 and "Avbrutet." in result.output
    assert list((tmp_path / "ny").iterdir()) == []
    monkeypatch.setattr(os, "replace", real_replace)
    assert CliRunner().invoke(main, args).exit_code == 0
    assert sorted(p.name for p in (tmp_path / "ny").iterdir()) == names


# --- validate --mark ---------------------------------------------------------------------------

BAD_ROWS = [["Enhet 1", -1000, -600, "abc", -1000, -950, None]]  # R02-EJ-TAL in D2


def _bad_folder(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    write_workbook(folder / "Alfa.xlsx", verksamhet_sheets("Verksamhet Alfa", BAD_ROWS,
                                                           Ordning=1))
    return folder


def test_mark_on_a_merged_cell_marks_the_merged_range(tmp_path):
    folder = _bad_folder(tmp_path)
    book = load_workbook(folder / "Alfa.xlsx")
    book["Ekonomi"].merge_cells("C2:D2")  # the flagged D2 lies inside; Excel shows C2
    book["Ekonomi"]["C2"] = "abc"
    book.save(folder / "Alfa.xlsx")
    result = CliRunner().invoke(main, ["validate", str(folder), "--mark"])
    assert "internt fel" not in result.output and result.exit_code == 2, result.output
    marked = load_workbook(folder / "Alfa (granskad).xlsx")["Ekonomi"]
    assert "inget tal" in marked["C2"].comment.text
    assert marked["C2"].fill.start_color.rgb.endswith("FFC7CE")


def test_mark_when_the_first_sheet_is_a_chart_sheet(tmp_path):
    from openpyxl.chart import BarChart, Reference

    folder = _bad_folder(tmp_path)
    book = load_workbook(folder / "Alfa.xlsx")
    chart_sheet = book.create_chartsheet("Diagram", 0)
    chart = BarChart()
    chart.add_data(Reference(book["Ekonomi"], min_col=2, min_row=1, max_row=2))
    chart_sheet.add_chart(chart)
    book.save(folder / "Alfa.xlsx")
    bad_header = load_workbook(folder / "Alfa.xlsx")
    bad_header["Ekonomi"]["J1"] = "Okänd rubrik"  # a finding on a sheet …
    bad_header.save(folder / "Alfa.xlsx")
    findings = run_validate(folder).findings
    from assembler.app.mark import mark_workbooks
    from assembler.contract.findings import R01_EJ_XLSX, Finding, WorkbookCell
    # … and one on the file: first sheet
    whole_file = Finding(R01_EJ_XLSX, WorkbookCell(file="Alfa.xlsx"))
    written = mark_workbooks(folder, [*findings, whole_file])
    marked = load_workbook(written[0])
    assert marked.sheetnames[0] == "Diagram"
    assert "R01-EJ-XLSX" in marked.worksheets[0]["A1"].comment.text


def test_mark_on_a_read_only_folder_prints_every_finding_and_says_where_to_write(tmp_path,
                                                                             monkeypatch):
    folder = _bad_folder(tmp_path)
    real_mkstemp = files.tempfile.mkstemp

    def read_only(*args, dir=None, **kwargs):  # as on a share the user may only read
        if Path(dir) == folder:
            raise PermissionError(13, "Permission denied")
        return real_mkstemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr(files.tempfile, "mkstemp", read_only)
    result = CliRunner().invoke(main, ["validate", str(folder), "--mark"])
    elsewhere = tmp_path / "granskat"
    again = CliRunner().invoke(main, ["validate", str(folder), "--mark-till", str(elsewhere)])
    text = " ".join(result.output.split())
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "”abc” är inget tal" in text and "R02-EJ-TAL" in text  # the findings, first
    assert f"De granskade kopiorna kunde inte skrivas i {folder}: mappen är skrivskyddad" in text
    assert "--mark-till" in text and "-o." not in text
    assert again.exit_code == 2, again.output
    assert sorted(p.name for p in elsewhere.iterdir()) == ["Alfa (granskad).xlsx"]
    assert not (folder / "Alfa (granskad).xlsx").exists()


# --- every input value used, or a finding -------------------------------------------------------

def _codes(books, code):
    return [(f.file, f.sheet, f.cell, f.found, f.expected) for f in findings_in_memory(books)
            if f.code == code]


def test_values_in_a_free_table_column_without_header_are_reported():
    books = minimal_workbooks()
    books["nämnd.xlsx"]["Tabell Betyg"] = [["Betyg", "2023", None], ["Svenska", 3.1, 3.4],
                                           ["Matte", 2.9, None]]
    assert _codes(books, "R01-KOLUMN-UTAN-RUBRIK") == [
        ("nämnd.xlsx", "Tabell Betyg", "C2", "3.4", "")]


STATUSAR_HEADER = ["Lista", "Status", "Rubrik", "I text", "I text ental"]


def _with_lists(statusar, uppdrag=None):
    books = minimal_workbooks()
    books["nämnd.xlsx"] |= {"Statusar": statusar,
                            "Uppdrag": uppdrag or [["Uppdrag", "Status"], ["U1", "Klart"]]}
    return books


def test_a_statusar_row_without_status_is_an_error():
    books = _with_lists([STATUSAR_HEADER, ["Uppdrag", "Klart"],
                         ["Uppdrag", None, "Stoppade uppdrag", "är stoppade"]])
    assert _codes(books, "R24-STATUS-SAKNAS") == [
        ("nämnd.xlsx", "Statusar", "B3", "”Uppdrag”", "Status")]


def test_more_statuses_than_a_word_table_holds_is_an_error_naming_the_count():
    from assembler.read.lists import MAX_STATUSES

    books = _with_lists([STATUSAR_HEADER] + [["Uppdrag", f"Status {i}"] for i in range(500)])
    [found] = [f for f in findings_in_memory(books) if f.code == "R24-FOR-MANGA-STATUSAR"]
    assert MAX_STATUSES == 61 and found.cell == f"B{MAX_STATUSES + 2}"
    assert "har 500 statusar" in found.message and "högst 61" in found.message


def test_a_list_at_the_limit_builds_a_table_word_accepts(tmp_path):
    from assembler.compute.lists import list_context
    from assembler.read.folder import load_report
    from assembler.contract.findings import Findings

    books = _with_lists([STATUSAR_HEADER] + [["Uppdrag", f"Status {i}"] for i in range(61)],
                        [["Uppdrag", "Status"], ["U1", "Status 0"]])
    report = load_report(write_folder(tmp_path / "in", books), findings := Findings())
    assert [f.code for f in findings] == []
    [uppdrag] = report.lists
    assert len(list_context(uppdrag).tabell_rad.columns) + 1 == 63


def test_economy_sheets_of_a_body_outside_the_result_are_reported():
    books = minimal_workbooks()
    books["Revisionen.xlsx"] = verksamhet_sheets("Revisionen", [
        ["Revision", -300, -200, -210, -300, -290, None]],
        **{"Utanför nämndens resultat": "Ja"}) | {
        "Investeringar": [["Objekt", "Budget helår", "Utfall period", "Prognos helår"],
                          ["Datorer", -100, -40, -90]],
        "Kontogrupper": [["Kontogrupp", "Budget helår"]]}  # no rows: nothing lost
    assert _codes(books, "R25-UTANFOR-EKONOMI") == [
        ("Revisionen.xlsx", "Investeringar", "", "”Investeringar”", "")]


@pytest.mark.parametrize("typed, expected", [("-3.825", "-3\u00a0825"),
                                             ("1.234.567", "1\u00a0234\u00a0567"),
                                             ("−12.500", "-12\u00a0500")])
def test_a_dot_as_thousands_separator_typed_as_text_is_an_error(typed, expected):
    books = minimal_workbooks()
    books["Alfa.xlsx"]["Ekonomi"][1][5] = typed  # Prognos helår of Enhet 1
    assert _codes(books, "R02-TUSENTALSPUNKT") == [
        ("Alfa.xlsx", "Ekonomi", "F2", f"”{typed}”", expected)]
    assert _codes(books, "R19-STORLEK") == []


def test_a_number_cell_with_three_decimals_stays_a_warning():
    books = minimal_workbooks()
    books["Alfa.xlsx"]["Ekonomi"][1][5] = -3.825  # a real number: Excel shows it as formatted
    assert _codes(books, "R02-TUSENTALSPUNKT") == []
    assert [c[2] for c in _codes(books, "R19-STORLEK")] == ["F2"]


@pytest.mark.parametrize("typed", ["-3.8", "4.5", "-3 825", "1234.567", "-0.650"])
def test_other_amounts_typed_as_text_are_read_as_before(typed):
    books = minimal_workbooks()
    books["Alfa.xlsx"]["Ekonomi"][1][5] = typed
    assert _codes(books, "R02-TUSENTALSPUNKT") == [] and _codes(books, "R02-EJ-TAL") == []
