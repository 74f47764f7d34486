"""mypy, configured in pyproject.toml, finds no error in the package: CI runs it through pytest."""

import os
import subprocess
import sys

import pytest

from helpers import REPO, in_background

pytest.importorskip("mypy")

_started = None


def mypy_cache_dir(config) -> str:
    """pytest's own cache (git-ignored) keeps reruns fast; none when it is disabled."""
    cache = getattr(config, "cache", None)
    return str(cache.mkdir("mypy")) if cache is not None else os.devnull


def run_mypy(cache_dir: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "mypy", "--config-file", str(REPO / "pyproject.toml"),
               "--cache-dir", cache_dir, str(REPO / "assembler")]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)


def start_early(config, selected) -> None:
    """mypy in its own process from the start of the run (see conftest.py)."""
    global _started
    _started = in_background(run_mypy, mypy_cache_dir(config))


@pytest.mark.slow
def test_mypy_is_clean(request):
    done = (_started or in_background(run_mypy, mypy_cache_dir(request.config))).result()
    assert done.returncode == 0, done.stdout + done.stderr
