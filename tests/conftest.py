from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from assembler.app.options import RunOptions
from assembler.app.report import run_report
from helpers import FIXTURE, REPO

# A test run started in the background by a shell (`cmd &`, nohup) inherits Ctrl-C as ignored,
# and so would every process the tests start: the Ctrl-C tests would fail for the way the run
# was started. Python's own handler is put back, which the children then start with.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

# findings tables as wide as a maximised terminal, so a message is not wrapped mid-place
os.environ["COLUMNS"] = "200"


def pytest_collection_modifyitems(config, items):
    """Tests marked `render` start LibreOffice: without soffice they skip, whatever they check."""
    from assembler.render.office import find_soffice

    if find_soffice() is not None:
        return
    skip = pytest.mark.skip(reason="LibreOffice (soffice) saknas")
    for item in items:
        if "render" in item.keywords:
            item.add_marker(skip)


def pytest_collection_finish(session):
    """A test module's `start_early(config, selected)` starts the slow subprocess work of its
    selected tests (the wheel install, mypy, a CLI run with LibreOffice) in a thread when the run
    begins, beside the tests before them; each test waits for its result. Not in a pytest-xdist
    worker: each worker collects every test but runs only some, so a test starts its own work."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return
    selected: dict = {}
    for item in session.items:
        module = getattr(item, "module", None)
        if getattr(module, "start_early", None) is not None:
            selected.setdefault(module, set()).add(item.originalname)
    for module, names in selected.items():
        module.start_early(session.config, names)


def checkout_state() -> dict[str, str] | None:
    """Each changed or untracked path of the repository's checkout with a hash of its content,
    or None outside a git checkout (an unpacked sdist, a machine without git)."""
    git = shutil.which("git")
    if git is None:
        return None
    status = subprocess.run([git, "-C", str(REPO), "status", "--porcelain", "-z",
                             "--untracked-files=all"], capture_output=True)
    if status.returncode != 0:
        return None
    paths = [entry[3:] for entry in status.stdout.decode("utf-8", "replace").split("\0")
             if len(entry) > 3]
    return {path: file_hash(git, REPO / path) for path in paths}


def file_hash(git: str, path: Path) -> str:
    if not path.is_file():
        return "absent"
    done = subprocess.run([git, "hash-object", str(path)], capture_output=True, text=True)
    return done.stdout.strip()


@pytest.fixture(scope="session", autouse=True)
def no_test_writes_into_the_checkout():
    """Tests write under tmp_path only: a file of the repository that a test run creates,
    changes or deletes fails the session, named."""
    before = checkout_state()
    yield
    if before is None:
        return
    after = checkout_state() or {}
    changed = sorted(path for path in before.keys() | after.keys()
                     if before.get(path) != after.get(path))
    if changed:
        pytest.fail("Testerna ändrade filer i arbetskopian (skriv under tmp_path): "
                    + ", ".join(changed), pytrace=False)


@pytest.fixture(scope="session")
def reference_folder() -> Path:
    """The reference fixture's input folder; tests that need it skip when ../shared is absent."""
    if not FIXTURE.is_dir():
        pytest.skip(f"{FIXTURE} saknas")
    return FIXTURE


@pytest.fixture(scope="session")
def fixture_docx(tmp_path_factory, reference_folder) -> Path:
    """The reference fixture rendered once for all tests that read it; without the LibreOffice
    pass (TOC page numbers), which the tests marked `render` cover."""
    out = tmp_path_factory.mktemp("fixture_out")
    result = run_report(reference_folder, RunOptions(out_dir=out, fast=True))
    assert result.ok, [f.message for f in result.findings]
    return result.written[0]


@pytest.fixture(scope="session")
def fixture_with_pdf(tmp_path_factory, reference_folder) -> list[Path]:
    """The reference fixture with the LibreOffice pass and `--pdf`, made once for the render
    tests: the report (its TOC carries page numbers), the memo and their PDFs."""
    from assembler.render.office import find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) saknas")
    out = tmp_path_factory.mktemp("fixture_pdf")
    result = run_report(reference_folder, RunOptions(out_dir=out, pdf=True))
    assert result.ok, [f.message for f in result.findings]
    return result.written


@pytest.fixture(scope="session")
def fixture_docx_with_pages(fixture_with_pdf) -> Path:
    """The reference fixture's report with the LibreOffice pass: the TOC carries page numbers."""
    return fixture_with_pdf[0]


@pytest.fixture(scope="session")
def soffice(tmp_path_factory) -> list[str]:
    """soffice --headless with one profile for the session's direct conversions (a new profile
    costs seconds at each start)."""
    from assembler.render.office import find_soffice

    found = find_soffice()
    if found is None:
        pytest.skip("LibreOffice (soffice) saknas")
    profile = tmp_path_factory.mktemp("lo-profile")
    return [found, "--headless", f"-env:UserInstallation={profile.as_uri()}"]
