"""What a user sees: exit codes, Swedish messages with file › sheet › cell, no traceback, and
no report written (earlier output untouched) when an input is wrong."""

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from assembler import files, pipeline
from assembler.cli import main
from helpers import (EKONOMI_HEADER, EXAMPLE, RAPPORT, minimal_folder, verksamhet_sheets,
                     write_workbook)


def run(*args):
    if args and args[0] == "report":
        args = ("report", "--fast", *args[1:])
    result = CliRunner().invoke(main, list(map(str, args)))
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def folder(tmp_path):
    return minimal_folder(tmp_path / "in")


def report_files(out):
    return sorted(p.name for p in out.glob("*")) if out.exists() else []


def test_valid_folder_writes_report_and_exits_0(folder, tmp_path):
    result = run("report", folder, "-o", tmp_path / "ut")
    assert result.exit_code == 0, result.output
    assert report_files(tmp_path / "ut") == [
        "Delårsrapport med prognos 2 2024 – Testnämnden.docx",
        "Tjänsteskrivelse – Delårsrapport med prognos 2 2024 – Testnämnden.docx"]


def assert_refused(folder, tmp_path, *expected_parts):
    out = tmp_path / "ut"
    result = run("report", folder, "-o", out)
    assert result.exit_code == 2, result.output
    flat = " ".join(result.output.split())
    for part in expected_parts:
        assert part in flat, (part, result.output)
    assert "Rapporten skrevs inte" in flat
    assert report_files(out) == []
    return flat


def test_missing_sheet(folder, tmp_path):
    write_workbook(folder / "Alfa.xlsx", {"Verksamhet": [["Fält", "Värde"], ["Verksamhet", "A"]]})
    assert_refused(folder, tmp_path, "Alfa.xlsx", "Bladet ”Ekonomi” saknas")


def test_missing_column_names_the_header_row(folder, tmp_path):
    header = [h for h in EKONOMI_HEADER if h != "Budget helår"]
    write_workbook(folder / "Alfa.xlsx", verksamhet_sheets("A", []) | {"Ekonomi": [header]})
    assert_refused(folder, tmp_path, "Alfa.xlsx", "Ekonomi › rad 1", "”Budget helår” saknas")


def test_missing_required_field(folder, tmp_path):
    write_workbook(folder / "nämnd.xlsx", {"Rapport": [r for r in RAPPORT if r[0] != "År"]})
    assert_refused(folder, tmp_path, "nämnd.xlsx", "Rapport", "Fältet ”År” saknas")


def test_non_numeric_amount_names_file_sheet_cell_and_value(folder, tmp_path):
    write_workbook(folder / "Alfa.xlsx", verksamhet_sheets("A", [
        ["Enhet 1", -1000, -600, "abc", -1000, -950, None]]))
    assert_refused(folder, tmp_path, "Alfa.xlsx", "Ekonomi › D2", "”abc” är inget tal")


def test_error_value_from_excel(folder, tmp_path):
    write_workbook(folder / "Alfa.xlsx", verksamhet_sheets("A", [
        ["Enhet 1", -1000, "#DIV/0!", -650, -1000, -950, None]]))
    assert_refused(folder, tmp_path, "Alfa.xlsx", "Ekonomi › C2", "felvärdet ”#DIV/0!”")


def test_formula_without_cached_value(folder, tmp_path):
    write_workbook(folder / "Alfa.xlsx", verksamhet_sheets("A", [
        ["Enhet 1", -1000, "=-300*2", -650, -1000, -950, None]]))
    assert_refused(folder, tmp_path, "Alfa.xlsx", "Ekonomi › C2", "=-300*2",
                   "Öppna arbetsboken i Excel, spara den")


def test_all_findings_in_one_pass(folder, tmp_path):
    write_workbook(folder / "Alfa.xlsx", verksamhet_sheets("A", [
        ["Enhet 1", -1000, "x", -650, -1000, "y", None]]))
    write_workbook(folder / "Beta.xlsx", verksamhet_sheets("B", [
        ["Enhet 3", -2000, -1300, -1320, "z", -1990, None]]))
    flat = assert_refused(folder, tmp_path, "Alfa.xlsx", "Ekonomi › C2", "Alfa.xlsx", "Ekonomi › F2",
                          "Beta.xlsx", "Ekonomi › E2")
    assert "3 fel" in flat


def test_no_namnd_workbook(folder, tmp_path):
    (folder / "nämnd.xlsx").unlink()
    assert_refused(folder, tmp_path, "Ingen arbetsbok i mappen har bladet ”Rapport”")


def test_two_namnd_workbooks(folder, tmp_path):
    write_workbook(folder / "nämnd2.xlsx", {"Rapport": RAPPORT})
    assert_refused(folder, tmp_path, "nämnd.xlsx, nämnd2.xlsx")


def test_duplicate_verksamhet(folder, tmp_path):
    write_workbook(folder / "Gamma.xlsx", verksamhet_sheets("Verksamhet Alfa", []))
    assert_refused(folder, tmp_path, "”Verksamhet Alfa” finns också i Alfa.xlsx")


@pytest.mark.parametrize("name, content, expected", [
    ("gammal.xls", b"\xd0\xcf\x11\xe0rest", "Filtypen .xls stöds inte"),
    ("data.csv", b"a;b\n", "Filtypen .csv stöds inte"),
    ("trasig.xlsx", b"this is not a workbook", "trasig.xlsx"),
    ("tom.xlsx", b"", "filen är tom"),
    ("skyddad.xlsx", b"\xd0\xcf\x11\xe0" + b"\0" * 100, "lösenordsskyddad"),
])
def test_files_that_are_not_xlsx(folder, tmp_path, name, content, expected):
    (folder / name).write_bytes(content)
    assert_refused(folder, tmp_path, expected)


def test_lock_files_and_hidden_files_are_ignored(folder, tmp_path):
    (folder / "~$nämnd.xlsx").write_bytes(b"lock")
    (folder / ".dold.xlsx").write_bytes(b"hidden")
    assert run("report", folder, "-o", tmp_path / "ut").exit_code == 0


def test_year_bearing_headers(folder, tmp_path):
    header = ["Enhet", "Bokslut 2023", "Utfall period", "Budget period", "Budget helår",
              "Prognos helår"]
    write_workbook(folder / "Alfa.xlsx", verksamhet_sheets("A", []) | {
        "Ekonomi": [header, ["E", -900, -600, -660, -1000, -980]]})
    assert run("report", folder, "-o", tmp_path / "ut").exit_code == 0
    header[1] = "Bokslut 2019"
    write_workbook(folder / "Alfa.xlsx", verksamhet_sheets("A", []) | {
        "Ekonomi": [header, ["E", -900, -600, -660, -1000, -980]]})
    assert_refused(folder, tmp_path / "2", "Alfa.xlsx", "Ekonomi › B1", "”Bokslut 2019”",
                   "Bokslut 2023")


def test_varav_naming_no_enhet(folder, tmp_path):
    write_workbook(folder / "Alfa.xlsx", verksamhet_sheets("A", [
        ["Enhet 1", -1000, -600, -650, -1000, -950, None],
        ["Del", -10, -6, -6, -10, -10, "Enhet 9"]]))
    assert_refused(folder, tmp_path, "Alfa.xlsx", "Ekonomi › G3", "”Enhet 9”")


def test_failed_run_leaves_earlier_output_untouched(folder, tmp_path):
    out = tmp_path / "ut"
    assert run("report", folder, "-o", out).exit_code == 0
    def snapshot():
        return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir()}
    before = snapshot()
    assert len(before) == 2
    write_workbook(folder / "Alfa.xlsx", verksamhet_sheets("A", [
        ["Enhet 1", -1000, -600, "abc", -1000, -950, None]]))
    assert run("report", folder, "-o", out).exit_code == 2
    assert snapshot() == before


def test_output_that_cannot_be_replaced(folder, tmp_path, monkeypatch):
    def locked(src, dst):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(files.os, "replace", locked)
    out = tmp_path / "ut"
    result = run("report", folder, "-o", out)
    assert result.exit_code == 2
    assert "öppen i ett annat program" in " ".join(result.output.split())
    assert report_files(out) == []  # no temporary file left behind


def test_pdf_and_fast_together_are_refused(folder, tmp_path):
    result = run("report", "--pdf", folder, "-o", tmp_path / "ut")  # run() adds --fast
    assert result.exit_code == 2
    assert "--pdf och --fast går inte att kombinera" in " ".join(result.output.split())
    assert not (tmp_path / "ut").exists()


def test_missing_folder(tmp_path):
    result = run("report", tmp_path / "finns-inte", "-o", tmp_path / "ut")
    assert result.exit_code == 2
    assert "finns inte" in result.output


def test_internal_error_is_logged_not_shown(folder, tmp_path, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("bug")
    monkeypatch.setattr(pipeline, "render_documents", boom)
    result = run("report", folder, "-o", tmp_path / "ut")
    assert result.exit_code == 2
    assert "Ett internt fel uppstod" in result.output
    assert "assembler-fel.log" in " ".join(result.output.split())


def test_console_script_runs_the_example(tmp_path):
    """The real entry point, as README tells a user to run it (--fast: the LibreOffice pass is
    the tests marked `render`)."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    done = subprocess.run([sys.executable, "-m", "assembler.cli", "report", str(EXAMPLE), "-o",
                           str(tmp_path), "--fast"], capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert len(list(tmp_path.glob("*.docx"))) == 2
