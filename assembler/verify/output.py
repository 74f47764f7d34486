"""Rule 18: read the produced .docx back and refuse it if it shows an error value, template code,
or an empty cell where a number belongs. Checked on the document, not assumed."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping

from ..contract.findings import (M13_DOKUMENTSTRUKTUR, R18_UTDATA, DocumentPassage, Findings,
                                 template_place)
from ..render import styles as st
from ..render import wordxml
from ..render.document import Rendered, document_data, document_tree

LEAKS = [(re.compile(p, re.IGNORECASE), what) for p, what in [
    (r"#{3,}", "Excels #####"), (r"#(?:DIV/0!|REF!|VALUE!|NAME\?|N/A|NUM!|NULL!)", "ett felvärde"),
    (r"\bNone\b", "None"), (r"\bnan\b", "nan"), (r"(?<![\w,])-?inf\b", "inf"),
    (r"\{\{|\}\}", "mallkod {{ }}"), (r"\{%|%\}", "mallkod {% %}"),
]]
# one pass over each paragraph finds whether any of them is there at all
ANY_LEAK = re.compile("|".join(f"(?:{p.pattern})" for p, _ in LEAKS), re.IGNORECASE)
# a piece of text each of them holds: a table whose whole text has none of these has no
# paragraph with a leak (its paragraphs' texts are pieces of the table's)
MAY_LEAK = re.compile(r"#|none|nan|inf|\{\{|\}\}|\{%|%\}", re.IGNORECASE)
NUMBER_STYLES = (st.TABLE_NUMBER.name,)


def _style_name(paragraph, styles: Mapping[str, str]) -> str:
    return styles.get(wordxml.paragraph_style_id(paragraph), "")


def _check_paragraph_leaks(text: str, inputs: Callable[[], str], place: str, name: str,
                           findings: Findings) -> None:
    if not ANY_LEAK.search(text):
        return
    for pattern, what in LEAKS:
        match = pattern.search(text)
        # the economists' own text is shown as written (rule 2 and the text rules judge it)
        if match and match.group(0) not in inputs():
            findings.add(R18_UTDATA, DocumentPassage(name, place),
                         found=f"”{match.group(0)}”", expected=what)


def _check_table(table, styles: Mapping[str, str], place: str, name: str, number: int,
                 findings: Findings) -> None:
    # cells left blank on purpose (compute.tables.blank_on_purpose) carry no number style, so
    # an empty number cell is a figure the document lost
    empty_number_cells = wordxml.empty_cells_of_styles(
        [style_id for style_id, style in styles.items() if style in NUMBER_STYLES and style_id])
    empty_rows = {cell.getparent() for cell in empty_number_cells(table)}
    if not empty_rows:
        return
    for row_number, row in enumerate(table.iter(wordxml.W + "tr"), start=1):
        if row in empty_rows:
            at = DocumentPassage(name, place, f"tabell {number}, rad {row_number}")
            findings.add(R18_UTDATA, at, found="en tom cell", expected="ett tal väntades")


def check_structure(document: Rendered | bytes, name: str, findings: Findings,
                    expected: str = "Word skulle behöva reparera dokumentet; det skrevs inte"
                    ) -> None:
    """Every paragraph and table where the schema allows it, in the body and in the headers,
    footers and notes: a document Word would offer to repair is never written."""
    body, _ = document_tree(document)
    parts = [("brödtext", body)] + [
        (PART_LABELS.get(part_name.rpartition("/")[2][:6], "del"), root)
        for part_name, root in wordxml.part_roots(document_data(document))]
    for label, root in parts:
        for element, what in wordxml.structure_problems(root)[:1]:
            at = template_place(name, label, wordxml.structure_place(element, root))
            findings.add(M13_DOKUMENTSTRUKTUR, at, found=what, expected=expected)


PART_LABELS = {"header": "sidhuvud", "footer": "sidfot", "footno": "fotnoter",
               "endnot": "slutnoter"}


def check_document(document: Rendered | bytes, name: str, input_texts: Iterable[str],
                   findings: Findings) -> None:
    """`input_texts` is only read when a paragraph shows something that looks like a leak."""
    body, styles = document_tree(document)
    check_structure(document, name, findings)
    inputs = functools.cache(lambda: "\n".join(input_texts))
    place, table_number = "början av dokumentet", 0
    for block in body:
        if wordxml.is_paragraph(block):
            text = wordxml.text_of(block)
            if _style_name(block, styles).lower().startswith("heading") and text.strip():
                place = text.strip()
            _check_paragraph_leaks(text, inputs, place, name, findings)
        elif wordxml.is_table(block):
            table_number += 1
            if MAY_LEAK.search(wordxml.text_of(block)):
                for cell_paragraph in wordxml.paragraphs_in(block):
                    _check_paragraph_leaks(wordxml.text_of(cell_paragraph), inputs, place, name,
                                           findings)
            _check_table(block, styles, place, name, table_number, findings)
