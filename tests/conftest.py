from __future__ import annotations

import os
from pathlib import Path

import pytest

from assembler.app.report import run_report
from helpers import FIXTURE

# findings tables as wide as a maximised terminal, so a message is not wrapped mid-place
os.environ["COLUMNS"] = "200"


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
    result = run_report(reference_folder, out, fast=True)
    assert result.ok, [f.message for f in result.findings]
    return result.written[0]


@pytest.fixture(scope="session")
def fixture_docx_with_pages(tmp_path_factory, reference_folder) -> Path:
    """The reference fixture with the LibreOffice pass: the TOC carries its page numbers."""
    from assembler.render.office import find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) saknas")
    out = tmp_path_factory.mktemp("fixture_pages")
    result = run_report(reference_folder, out)
    assert result.ok, [f.message for f in result.findings]
    return result.written[0]
