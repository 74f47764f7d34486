"""Which kind of folder: a kommun folder (it has the kommun's workbook, the one with the sheet
`Kommun`) or a report folder, told from the workbooks' sheet names alone. Apart from
`read.kommun`, so that `validate` and `report` of a report folder never import the kommun's
contract."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..contract.findings import Findings
from ..contract.sheets import KOMMUN_TITLE, RAPPORT
from ..contract.vocab import normalize
from .workbook import workbook_paths

_SHEET_NAME = re.compile(rb'<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"')


def sheet_names(path: Path) -> set[str]:
    """The normalized sheet names of an .xlsx, from its workbook part only (fast)."""
    try:
        with zipfile.ZipFile(path) as archive:
            data = archive.read("xl/workbook.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return set()
    return {normalize(_unescaped(m.decode("utf-8", "replace")))
            for m in _SHEET_NAME.findall(data)}


def _unescaped(name: str) -> str:
    if "&" not in name:
        return name  # most names: no entity, no import of html
    import html

    return html.unescape(name)


def is_kommun_book(path: Path) -> bool:
    names = sheet_names(path)
    return normalize(KOMMUN_TITLE) in names and normalize(RAPPORT.title) not in names


def is_kommun_folder(folder: Path) -> bool:
    """A folder whose own workbooks include the kommun's (the sheet Kommun, no Rapport)."""
    if not folder.is_dir():
        return False
    return any(is_kommun_book(path) for path in workbook_paths(folder, Findings()))
