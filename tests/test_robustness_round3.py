"""Robustness, round 3 (issue 23): interrupts that stop, a roll-forward that is right, marks that
never crash, and every input value either used or the subject of a finding."""

import os
import signal
import sys

import pytest

from assembler.app import files


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
