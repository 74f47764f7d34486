"""A real install, as a kommun's IT deploys the tool: the wheel, non-editable, in a fresh venv.

Nothing from the test's own environment is visible there, so a missing dependency or a resource
left outside the package fails here."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from concurrent.futures import Future
from pathlib import Path

import pytest

from helpers import REPO, in_background, in_background_in_temp_folder

NETWORK_TROUBLE = ("NewConnectionError", "Failed to establish a new connection",
                   "Temporary failure in name resolution", "Could not fetch URL", "ProxyError",
                   "Network is unreachable")
SOURCE_SKIP = shutil.ignore_patterns(".git", "build", "dist", "*.egg-info", "__pycache__",
                                     ".pytest_cache", ".hypothesis", "ut")


def pip(python, *args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([str(python), "-m", "pip", "--disable-pip-version-check", *args],
                          capture_output=True, text=True, cwd=cwd, timeout=600)


def skip_if_offline(done: subprocess.CompletedProcess, what: str) -> None:
    if done.returncode != 0 and any(s in done.stdout + done.stderr for s in NETWORK_TROUBLE):
        pytest.skip(f"{what}: paketregistret nås inte")


def venv_python(folder):
    return folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def prepare(tmp_path: Path) -> Path:
    """The source copied and an empty venv, in this thread: what runs in the background is
    subprocesses only, out of reach of the monkeypatches of the tests it runs beside."""
    # a copy: the build must not write in the repo
    shutil.copytree(REPO, tmp_path / "källa", ignore=SOURCE_SKIP)
    # the venv without its own pip (ensurepip takes seconds): this pip installs into it
    venv.create(tmp_path / "venv", with_pip=False)
    (tmp_path / "dist").mkdir()
    (tmp_path / "arbete").mkdir()  # not the source folder: only the installed package is there
    return tmp_path


def install_and_run(tmp_path: Path) -> dict[str, subprocess.CompletedProcess]:
    """Build the wheel, install it in the fresh venv and run the example there: each step's
    outcome by name, up to the first that failed."""
    steps: dict[str, subprocess.CompletedProcess] = {}
    steps["bygga hjulet"] = pip(sys.executable, "wheel", "--no-deps", "-w", str(tmp_path / "dist"),
                                str(tmp_path / "källa"))
    if steps["bygga hjulet"].returncode != 0:
        return steps
    wheel = next((tmp_path / "dist").glob("assembler-*.whl"))
    python = venv_python(tmp_path / "venv")
    steps["installera hjulet"] = pip(sys.executable, "--python", str(python), "install", str(wheel))
    if steps["installera hjulet"].returncode != 0:
        return steps
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONPATH="")
    assemble = [str(python), "-m", "assembler.cli"]
    for name, args in [("init", ["init", "MAPP", "--exempel"]),
                       ("report", ["report", "MAPP", "--fast", "-o", "UT"]),
                       ("templates check", ["templates", "check"])]:
        steps[name] = subprocess.run([*assemble, *args], cwd=tmp_path / "arbete", env=env,
                                     capture_output=True, text=True, timeout=300)
        if steps[name].returncode != 0:
            break
    return steps


_started: tuple[Path, Future] | None = None


def start_early(config, selected) -> None:
    """The install runs in its own processes from the start of the run (see conftest.py)."""
    global _started
    _started = in_background_in_temp_folder(config, "assembler-install-",
                                            lambda folder: (prepare(folder),), install_and_run)


@pytest.mark.install
def test_wheel_installed_in_fresh_venv_writes_and_reports_the_example(tmp_path):
    folder, future = _started or (tmp_path, in_background(install_and_run, prepare(tmp_path)))
    steps = future.result()
    for what in ("bygga hjulet", "installera hjulet"):
        skip_if_offline(steps[what], what)
        assert steps[what].returncode == 0, steps[what].stderr
    for name in ("init", "report", "templates check"):
        assert steps[name].returncode == 0, steps[name].stdout + steps[name].stderr
    written = sorted(p.name for p in (folder / "arbete" / "UT").glob("*.docx"))
    assert written == ["Delårsrapport med prognos 2 2025 – Kultur- och fritidsnämnden.docx",
                       "Tjänsteskrivelse – Delårsrapport med prognos 2 2025 – "
                       "Kultur- och fritidsnämnden.docx"]
