"""ruff (rules E, F and B, configured in pyproject.toml) finds nothing: CI runs it through
pytest."""

import subprocess
import sys

import pytest

from helpers import REPO

pytest.importorskip("ruff")


@pytest.mark.slow
def test_ruff_is_clean():
    command = [sys.executable, "-m", "ruff", "check", "--no-cache", "assembler", "tests", "tools",
               "benchmarks"]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
