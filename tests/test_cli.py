"""What a user sees: exit codes, Swedish messages with file › sheet › cell, no traceback, and
no report written (earlier output untouched) when an input is wrong."""

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from assembler.app import files
from assembler.app import report as pipeline
from assembler.cli.commands import main
from assembler.cli.exits import Exit, for_findings
from helpers import EXAMPLE, minimal_folder, verksamhet_sheets, write_workbook


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


def test_all_findings_in_one_pass(folder, tmp_path):
    write_workbook(folder / "Alfa.xlsx", verksamhet_sheets("A", [
        ["Enhet 1", -1000, "x", -650, -1000, "y", None]]))
    write_workbook(folder / "Beta.xlsx", verksamhet_sheets("B", [
        ["Enhet 3", -2000, -1300, -1320, "z", -1990, None]]))
    flat = assert_refused(folder, tmp_path, "Alfa.xlsx", "Ekonomi › C2",
                          "Alfa.xlsx", "Ekonomi › F2", "Beta.xlsx", "Ekonomi › E2")
    assert "3 fel" in flat


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


@pytest.mark.parametrize("flags, refused", [
    (["--exempel", "--år", "2024"], "--exempel och --år"),
    (["--exempel", "--rapporttyp", "Årsberättelse"], "--exempel och --rapporttyp"),
    (["--exempel", "--verksamhet", "Bad"], "--exempel och --verksamhet"),
    (["--från", "förra", "--verksamhet", "Bad"], "--verksamhet och --från"),
    (["--från", "förra", "--exempel"], "--exempel och --från"),
])
def test_init_refuses_flags_that_contradict_each_other(tmp_path, flags, refused):
    (tmp_path / "förra").mkdir()
    result = CliRunner().invoke(main, ["init", str(tmp_path / "ny"), *[
        str(tmp_path / f) if f == "förra" else f for f in flags]])
    shown = " ".join(result.output.split())
    assert result.exit_code == Exit.ERRORS, result.output
    assert f"{refused} går inte att kombinera" in shown and "Traceback" not in result.output
    assert not (tmp_path / "ny").exists()


def test_output_error_is_a_swedish_user_error_with_exit_2(folder, tmp_path, monkeypatch):
    def unwritable(*args, **kwargs):
        raise pipeline.OutputError("Mappen ut går inte att skriva i. Välj en annan med -o.")
    monkeypatch.setattr(pipeline, "render_documents", unwritable)
    result = run("report", folder, "-o", tmp_path / "ut")
    assert result.exit_code == Exit.ERRORS
    assert "Fel: Mappen ut går inte att skriva i" in " ".join(result.output.split())


def test_exit_codes_follow_the_findings():
    from assembler.contract.findings import R11_BUDGET_NOLL, R18_UTDATA, Finding

    warning, error = Finding(R11_BUDGET_NOLL), Finding(R18_UTDATA)
    assert for_findings([]) is Exit.OK
    assert for_findings([warning]) is Exit.WARNINGS
    assert for_findings([warning, error]) is Exit.ERRORS
    assert for_findings([], failed=True) is Exit.ERRORS
    assert [int(e) for e in Exit] == [0, 1, 2, 130]


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


def test_missing_module_is_named_with_a_way_to_reinstall(folder, tmp_path, monkeypatch):
    def missing(*args, **kwargs):
        raise ModuleNotFoundError("No module named 'matplotlib'", name="matplotlib")
    monkeypatch.setattr(pipeline, "render_documents", missing)
    result = run("report", folder, "-o", tmp_path / "ut")
    shown = " ".join(result.output.split())
    assert result.exit_code == 2
    assert "”matplotlib” saknas" in shown
    assert "pip install -e ." in shown and "Installera om" in shown
    assert "Traceback" not in result.output


def test_console_script_runs_the_example(tmp_path):
    """The real entry point, as README tells a user to run it (--fast: the LibreOffice pass is
    the tests marked `render`)."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    done = subprocess.run([sys.executable, "-m", "assembler.cli", "report", str(EXAMPLE), "-o",
                           str(tmp_path), "--fast"], capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert len(list(tmp_path.glob("*.docx"))) == 2


CLICK_ENGLISH = ["Usage", "Options", "Show this message", "Commands", "Error", "Missing argument",
                 "Try ", "Aborted", "default:", "required", "PATH", "TEXT", "INTEGER", "exit"]


def all_command_paths(group=None, prefix=()):
    import click

    group = group or main
    yield list(prefix)
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from all_command_paths(command, (*prefix, name))
        else:
            yield [*prefix, name]


def test_help_and_usage_errors_are_swedish():
    runner = CliRunner()
    outputs = []
    for path in all_command_paths():
        result = runner.invoke(main, [*path, "--help"])
        assert result.exit_code == 0, result.output
        assert "Användning:" in result.output and "Flaggor" in result.output
        outputs.append(result.output)
    for args in (["report"], ["validate"], ["nope"], ["validate", "x", "--format", "xml"],
                 ["init", "x", "--år", "1999"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 2 and "Fel:" in result.output, result.output
        outputs.append(result.output)
    for output in outputs:
        for word in CLICK_ENGLISH:
            assert word not in output, (word, output)


def test_ctrl_c_says_avbrutet(monkeypatch, tmp_path):
    from assembler.app import report as pipeline

    def interrupted(folder):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "run_validate", interrupted)
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code != 0 and "Avbrutet." in result.output
    assert "Aborted" not in result.output
