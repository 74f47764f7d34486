"""Several report folders in one run: each in its own process, one failing folder does not
stop the others, and the exit code is the worst of them."""

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from assembler.cli.commands import main
from helpers import EXAMPLE, REPO, minimal_folder, verksamhet_sheets, write_workbook


def test_three_folders_one_broken(tmp_path):
    inputs = tmp_path / "inputs"
    shutil.copytree(EXAMPLE, inputs / "kultur")
    minimal_folder(inputs / "test")
    broken = minimal_folder(inputs / "trasig")
    write_workbook(broken / "Alfa.xlsx", verksamhet_sheets("Verksamhet Alfa", [
        ["Enhet 1", -1000, -600, "abc", -1000, -950, None]]))
    out = tmp_path / "ut"
    result = CliRunner().invoke(main, ["report", "--fast", str(inputs / "*"), "-o", str(out)])
    text = " ".join(result.output.split())
    assert "Traceback" not in result.output
    assert result.exit_code == 2, result.output
    reports = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.docx")
                     if not p.name.startswith("Tjänsteskrivelse"))
    assert reports == ["kultur/Delårsrapport med prognos 2 2025 – Kultur- och fritidsnämnden.docx",
                       "test/Delårsrapport med prognos 2 2024 – Testnämnden.docx"]
    assert not (out / "trasig").exists()
    assert "Sammanfattning" in text
    assert "inte skriven" in text and "”abc” är inget tal" in text
    rows = [line.split("│")[1].strip() for line in result.output.splitlines()
            if line.startswith("│")]
    assert rows == ["kultur", "test", "trasig"]


def test_folders_with_the_same_name_get_their_own_output_folders_and_it_is_said(tmp_path):
    first = minimal_folder(tmp_path / "x" / "rapport")
    second = minimal_folder(tmp_path / "y" / "Rapport")
    write_workbook(second / "Alfa.xlsx", verksamhet_sheets("Verksamhet Alfa", [
        ["Enhet 1", -2000, -600, -650, -2000, -1950, None]], Ordning=1))
    out = tmp_path / "ut"
    result = CliRunner().invoke(main, ["report", "--fast", str(first), str(second),
                                       "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("Del*.docx"))
    assert [w.split("/")[0] for w in written] == ["x-rapport", "y-Rapport"]
    text = " ".join(result.output.split())
    assert f"{first} skrivs till {out / 'x-rapport'}" in text
    assert f"{second} skrivs till {out / 'y-Rapport'}" in text


def test_output_folder_names_are_unique_even_when_the_parents_agree(tmp_path):
    from assembler.app.batch import output_folders

    folders = [tmp_path / "a" / "r", tmp_path / "b" / "a" / "r", tmp_path / "c",
               tmp_path / "A" / "R"]
    names = [p.name for p in output_folders(tmp_path / "ut", folders).values()]
    assert names == ["a-r", "a-r (2)", "c", "A-R (3)"]
    assert len({n.casefold() for n in names}) == len(names)


def _outputs(out, folders):
    """Each folder's output files, as {subfolder: {file name: bytes}}."""
    return {f.name: {p.name: p.read_bytes() for p in sorted((out / f.name).glob("*"))}
            for f in folders}


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="skickar SIGINT till en processgrupp")
@pytest.mark.parametrize("to_group", [True, False], ids=["terminalen", "bara-huvudprocessen"])
def test_ctrl_c_stops_a_batch_and_leaves_unfinished_folders_byte_for_byte(tmp_path, to_group):
    """Ctrl-C in a terminal reaches the whole process group; `kill -INT` only the main process.
    Either way the batch stops at once, each folder's earlier output is as it was unless that
    folder was finished, and nothing half-written is left."""
    folders = [minimal_folder(tmp_path / "in" / f"mapp{i:02}") for i in range(12)]
    out = tmp_path / "ut"
    command = [sys.executable, "-m", "assembler.cli", "report", "--fast", "-q",
               *map(str, folders), "-o", str(out)]
    earlier = subprocess.run(command + ["--datum", "2024-01-02"], cwd=REPO,
                             capture_output=True, timeout=600)
    assert earlier.returncode == 0, earlier.stderr.decode(errors="replace")
    before = _outputs(out, folders)
    run = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           start_new_session=True)
    deadline = time.monotonic() + 300

    def finished_folders() -> list[str]:
        try:
            now = _outputs(out, folders)
        except FileNotFoundError:  # a file moved aside just as it was read: look again
            return []
        return [name for name in now if now[name] != before[name]]

    # the last look's answer is kept: a second look may meet a file moved aside and see none
    finished = finished_folders()
    while not finished and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
        finished = finished_folders()
    if not finished and run.poll() is not None:
        finished = finished_folders()  # it ended between two looks: nothing moves any more
    finished_at_signal = len(finished)
    if not finished_at_signal:  # the batch ended (or hung) without a folder done: say how
        run.kill()
        _, stderr = run.communicate(timeout=60)
        pytest.fail(f"ingen mapp blev klar (slutkod {run.returncode}): "
                    f"{stderr.decode(errors='replace')[-3000:]}")
    signalled = time.monotonic()
    if to_group:
        os.killpg(run.pid, signal.SIGINT)
    else:
        run.send_signal(signal.SIGINT)
    _, stderr = run.communicate(timeout=120)
    stop_seconds = time.monotonic() - signalled
    print(f"stoppade {stop_seconds:.2f} s efter Ctrl-C ({finished_at_signal} mappar klara)")
    assert run.returncode == 130, stderr.decode(errors="replace")
    assert "Avbrutet." in stderr.decode() and b"Traceback" not in stderr
    assert stop_seconds < 15  # about 0,1–0,5 s; loose, the machine may be loaded
    after = _outputs(out, folders)
    changed = [name for name in after if after[name] != before[name]]
    for name in changed:  # a changed folder has all its new files, none old
        assert set(after[name]) == set(before[name])
        assert all(after[name][n] != before[name][n] for n in after[name]), name
    assert len(changed) <= finished_at_signal + 2  # at most the two workers' folders on top
    assert len(changed) < len(folders)
    assert [p for p in out.rglob("*") if p.name.startswith(".assembler-")] == []
