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
from helpers import minimal_folder, verksamhet_sheets, write_workbook


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


def test_init_interrupted_writes_nothing_and_can_be_run_again(tmp_path, monkeypatch):
    folder = tmp_path / "ny"
    real_replace = os.replace
    moved = []

    def ctrl_c_on_the_second_file(source, target):
        moved.append(target)
        if len(moved) == 2:
            raise KeyboardInterrupt
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", ctrl_c_on_the_second_file)
    args = ["init", str(folder), "--år", "2025", "--verksamhet", "A", "--verksamhet", "B"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 130 and "Avbrutet." in result.output
    assert list(folder.iterdir()) == []
    monkeypatch.setattr(os, "replace", real_replace)
    assert CliRunner().invoke(main, args).exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == ["A.xlsx", "B.xlsx", "Nämnden.xlsx"]


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
    from assembler.contract.findings import Finding
    whole_file = Finding("R01-EJ-XLSX", file="Alfa.xlsx")  # … and one on the file: first sheet
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
