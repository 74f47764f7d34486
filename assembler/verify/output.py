"""Rule 18: read the produced .docx back and refuse it if it shows an error value, template code,
or an empty cell where a number belongs. Checked on the document, not assumed."""

from __future__ import annotations

import re

from ..contract.findings import (DocumentPassage, Findings, template_place, M13_DOKUMENTSTRUKTUR,
                                 R18_UTDATA)
from ..render import wordxml

LEAKS = [(re.compile(p, re.IGNORECASE), what) for p, what in [
    (r"#{3,}", "Excels #####"), (r"#(?:DIV/0!|REF!|VALUE!|NAME\?|N/A|NUM!|NULL!)", "ett felvärde"),
    (r"\bNone\b", "None"), (r"\bnan\b", "nan"), (r"(?<![\w,])-?inf\b", "inf"),
    (r"\{\{|\}\}", "mallkod {{ }}"), (r"\{%|%\}", "mallkod {% %}"),
]]
# one pass over each paragraph finds whether any of them is there at all
ANY_LEAK = re.compile("|".join(f"(?:{p.pattern})" for p, _ in LEAKS), re.IGNORECASE)
NUMBER_STYLES = ("Tabelltal",)


def _style_name(paragraph, styles: dict[str, str]) -> str:
    return styles.get(wordxml.paragraph_style_id(paragraph), "")


def _check_paragraph_leaks(text: str, inputs: str, place: str, name: str,
                           findings: Findings) -> None:
    if not ANY_LEAK.search(text):
        return
    for pattern, what in LEAKS:
        match = pattern.search(text)
        # the economists' own text is shown as written (rule 2 and the text rules judge it)
        if match and match.group(0) not in inputs:
            findings.add(R18_UTDATA, DocumentPassage(name, place),
                         found=f"”{match.group(0)}”", expected=what)


def _check_table(table, styles: dict[str, str], place: str, name: str, number: int,
                 findings: Findings) -> None:
    for row_number, cells in enumerate(wordxml.table_rows(table), start=1):
        # cells left blank on purpose (compute.tables.blank_on_purpose) carry no number
        # style, so an empty number cell is a figure the document lost
        numbers = [wordxml.text_of(cell).strip() for cell in cells
                   if styles.get(wordxml.cell_style_id(cell), "") in NUMBER_STYLES]
        if "" in numbers:
            at = DocumentPassage(name, place, f"tabell {number}, rad {row_number}")
            findings.add(R18_UTDATA, at, found="en tom cell", expected="ett tal väntades")


def check_structure(data: bytes, body, name: str, findings: Findings) -> None:
    """Every paragraph and table where the schema allows it, in the body and in the headers,
    footers and notes: a document Word would offer to repair is never written."""
    parts = [("brödtext", body)] + [(PART_LABELS.get(part_name.rpartition("/")[2][:6], "del"),
                                     root) for part_name, root in wordxml.part_roots(data)]
    for label, root in parts:
        for element, what in wordxml.structure_problems(root)[:1]:
            at = template_place(name, label, wordxml.structure_place(element, root))
            findings.add(M13_DOKUMENTSTRUKTUR, at, found=what,
                         expected="Word skulle behöva reparera dokumentet; det skrevs inte")


PART_LABELS = {"header": "sidhuvud", "footer": "sidfot", "footno": "fotnoter",
               "endnot": "slutnoter"}


def check_document(data: bytes, name: str, input_texts: list[str], findings: Findings) -> None:
    # a freshly rendered document carries the tree it was saved from (render.docx.Rendered)
    body = getattr(data, "body", None)
    body, styles = ((body, getattr(data, "style_names", {})) if body is not None
                    else wordxml.body_and_style_names(data))
    check_structure(data, body, name, findings)
    inputs = "\n".join(input_texts)
    place, table_number = "början av dokumentet", 0
    for block in body:
        if wordxml.is_paragraph(block):
            text = wordxml.text_of(block)
            if _style_name(block, styles).lower().startswith("heading") and text.strip():
                place = text.strip()
            _check_paragraph_leaks(text, inputs, place, name, findings)
        elif wordxml.is_table(block):
            table_number += 1
            for cell_paragraph in wordxml.paragraphs_in(block):
                _check_paragraph_leaks(wordxml.text_of(cell_paragraph), inputs, place, name,
                                       findings)
            _check_table(block, styles, place, name, table_number, findings)
