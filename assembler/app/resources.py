"""The default templates and the example report folder shipped with the tool.

They live at the top level of the repository (`templates/`, `inputs/exempel/`), where the kansli
and a newcomer look for them, and are packaged into the wheel as `assembler/templates` and
`assembler/exempel` (pyproject's package-dir mapping). An installed tool reads them with
the package's folder; a source checkout (an editable install) reads the top-level folders.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
SOURCE_ROOT = PACKAGE.parent


def _folder(packaged: str, in_source: Path) -> Path:
    # the package's own folder, as importlib.resources.files("assembler") finds it: wheels
    # install unpacked, so the packaged folders are real folders beside the modules
    shipped = PACKAGE / packaged
    if shipped.is_dir():
        return shipped
    return in_source


def templates_dir() -> Path:
    return _folder("templates", SOURCE_ROOT / "templates")


def example_dir() -> Path:
    return _folder("exempel", SOURCE_ROOT / "inputs" / "exempel")


def kommun_example_dir() -> Path:
    return _folder("kommunexempel", SOURCE_ROOT / "inputs" / "kommun")
