"""mypy, configured in pyproject.toml, finds no error in the package: CI runs it through pytest."""

import pytest

from helpers import REPO

api = pytest.importorskip("mypy.api")


def mypy_cache_dir(request, tmp_path_factory) -> str:
    """pytest's own cache (git-ignored) keeps reruns fast; a fresh folder when it is disabled."""
    cache = getattr(request.config, "cache", None)
    folder = cache.mkdir("mypy") if cache is not None else tmp_path_factory.mktemp("mypy")
    return str(folder)


def test_mypy_is_clean(request, tmp_path_factory):
    out, err, status = api.run(["--config-file", str(REPO / "pyproject.toml"),
                                "--cache-dir", mypy_cache_dir(request, tmp_path_factory),
                                str(REPO / "assembler")])
    assert status == 0, out + err
