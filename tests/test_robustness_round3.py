"""Robustness, round 3 (issue 23): interrupts that stop, a roll-forward that is right, marks that
never crash, and every input value either used or the subject of a finding."""

import os
import signal
import sys

import pytest
from click.testing import CliRunner

from assembler.app import files
from assembler.cli.commands import main


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
