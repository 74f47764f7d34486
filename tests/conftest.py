from __future__ import annotations

import os
from pathlib import Path

import pytest

from assembler.pipeline import run_report
from helpers import FIXTURE

# findings tables as wide as a maximised terminal, so a message is not wrapped mid-place
os.environ["COLUMNS"] = "200"


@pytest.fixture(scope="session")
def fixture_docx(tmp_path_factory) -> Path:
    """The reference fixture rendered once for all tests that read it."""
    if not FIXTURE.is_dir():
        pytest.skip("../shared/fixtures saknas")
    out = tmp_path_factory.mktemp("fixture_out")
    result = run_report(FIXTURE, out)
    assert result.ok, [f.message for f in result.findings]
    return result.written[0]
