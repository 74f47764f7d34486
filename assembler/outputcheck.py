"""Rule 18: read the produced .docx back and refuse it if it shows an error value, template code,
or an empty cell where a number belongs. Checked on the document, not assumed."""

from __future__ import annotations

import io
import re

from .findings import Findings

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LEAKS = [(re.compile(p, re.IGNORECASE), what) for p, what in [
    (r"#{3,}", "Excels #####"), (r"#(?:DIV/0!|REF!|VALUE!|NAME\?|N/A|NUM!|NULL!)", "ett felvärde"),
    (r"\bNone\b", "None"), (r"\bnan\b", "nan"), (r"(?<![\w,])-?inf\b", "inf"),
    (r"\{\{|\}\}", "mallkod {{ }}"), (r"\{%|%\}", "mallkod {% %}"),
]]
NUMBER_STYLES = ("Tabelltal",)


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(W + "t"))


def _style_name(paragraph, styles: dict[str, str]) -> str:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return styles.get(style.get(W + "val"), "") if style is not None else ""


def _check_paragraph_leaks(text: str, inputs: str, place: str, name: str,
                           findings: Findings) -> None:
    for pattern, what in LEAKS:
        match = pattern.search(text)
        # the economists' own text is shown as written (rule 2 and the text rules judge it)
        if match and match.group(0) not in inputs:
            findings.add("R18-UTDATA", file=name, sheet=place, found=f"”{match.group(0)}”",
                         expected=what)


def _check_table(table, styles: dict[str, str], place: str, name: str, number: int,
                 findings: Findings) -> None:
    for row_number, row in enumerate(table.iter(W + "tr"), start=1):
        numeric = []
        for cell in row.iter(W + "tc"):
            paragraph = cell.find(W + "p")
            if paragraph is not None and _style_name(paragraph, styles) in NUMBER_STYLES:
                numeric.append(_text(cell).strip())
        filled = sum(1 for value in numeric if value)
        # a row with most figures present but one missing has lost a number; adjustment rows
        # that carry one figure on purpose are mostly empty
        if numeric and filled * 2 > len(numeric) and filled < len(numeric):
            findings.add("R18-UTDATA", file=name, sheet=place,
                         cell=f"tabell {number}, rad {row_number}", found="en tom cell",
                         expected="ett tal väntades")


def check_document(data: bytes, name: str, input_texts: list[str], findings: Findings) -> None:
    from docx import Document

    document = Document(io.BytesIO(data))
    styles = {s.style_id: s.name for s in document.styles}
    inputs = "\n".join(input_texts)
    place, table_number = "början av dokumentet", 0
    for block in document.element.body:
        if block.tag == W + "p":
            text = _text(block)
            if _style_name(block, styles).startswith("Heading") and text.strip():
                place = text.strip()
            _check_paragraph_leaks(text, inputs, place, name, findings)
        elif block.tag == W + "tbl":
            table_number += 1
            for cell_paragraph in block.iter(W + "p"):
                _check_paragraph_leaks(_text(cell_paragraph), inputs, place, name, findings)
            _check_table(block, styles, place, name, table_number, findings)
