"""A real install, as a kommun's IT deploys the tool: the wheel, non-editable, in a fresh venv.

Nothing from the test's own environment is visible there, so a missing dependency or a resource
left outside the package fails here."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv

import pytest

from helpers import REPO

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


@pytest.mark.install
def test_wheel_installed_in_fresh_venv_writes_and_reports_the_example(tmp_path):
    source = tmp_path / "källa"
    shutil.copytree(REPO, source, ignore=SOURCE_SKIP)  # the build must not write in the repo
    built = pip(sys.executable, "wheel", "--no-deps", "-w", str(tmp_path / "dist"), str(source))
    skip_if_offline(built, "bygga hjulet")
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "dist").glob("assembler-*.whl"))

    # the venv without its own pip (ensurepip takes seconds): this pip installs into it
    venv.create(tmp_path / "venv", with_pip=False)
    python = venv_python(tmp_path / "venv")
    installed = pip(sys.executable, "--python", str(python), "install", str(wheel))
    skip_if_offline(installed, "installera hjulet")
    assert installed.returncode == 0, installed.stderr

    work = tmp_path / "arbete"  # not the source folder: only the installed package is there
    work.mkdir()
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONPATH="")
    assemble = [str(python), "-m", "assembler.cli"]
    init = subprocess.run([*assemble, "init", "MAPP", "--exempel"], cwd=work, env=env,
                          capture_output=True, text=True, timeout=120)
    assert init.returncode == 0, init.stdout + init.stderr
    report = subprocess.run([*assemble, "report", "MAPP", "--fast", "-o", "UT"], cwd=work,
                            env=env, capture_output=True, text=True, timeout=300)
    assert report.returncode == 0, report.stdout + report.stderr
    written = sorted(p.name for p in (work / "UT").glob("*.docx"))
    assert written == ["Delårsrapport med prognos 2 2025 – Kultur- och fritidsnämnden.docx",
                       "Tjänsteskrivelse – Delårsrapport med prognos 2 2025 – "
                       "Kultur- och fritidsnämnden.docx"]
    templates = subprocess.run([*assemble, "templates", "check"], cwd=work, env=env,
                               capture_output=True, text=True, timeout=120)
    assert templates.returncode == 0, templates.stdout + templates.stderr
