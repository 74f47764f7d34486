from __future__ import annotations

from pathlib import Path

import pytest

from assembler.pipeline import run_report
from helpers import FIXTURE


@pytest.fixture(scope="session")
def fixture_docx(tmp_path_factory) -> Path:
    """The reference fixture rendered once for all tests that read it."""
    if not FIXTURE.is_dir():
        pytest.skip("../shared/fixtures saknas")
    out = tmp_path_factory.mktemp("fixture_out")
    result = run_report(FIXTURE, out)
    assert result.ok, [f.message for f in result.findings]
    return result.written[0]
