"""Rules 14–15 on the produced documents: every sentence the documents say — the kansli's
templates and formulations, chapters, list comments — is checked against the report's figures
as the Text sheet is, and cited by the heading it stands under in the document (the template's
own heading text, whatever its numbering).

The economists' Text sheet and Ekonomisk analys are checked by `validate` and cited by their
cells; their paragraphs are not checked again here. A sentence the documents repeat (the
summary in the report and the memo) gives one finding, at its first place; the same words under
another verksamhet's heading are another sentence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..compute.context import Text
from ..compute.economy import Economy
from ..contract.findings import DocumentPassage, Findings, short_label
from ..contract.model import Report
from ..contract.vocab import normalize
from ..render import wordxml
from ..render.document import Rendered, document_tree
from .figures import FigureBook, figure_book
from .text import (AMOUNT, AMOUNT_UNIT_PARTS, Scope, check_sentence, free_texts,
                   mentioned_entity, sentences)

HEADING_STYLE = re.compile(r"^heading (\d)$")
UNNUMBERED_LEVEL = 9  # a heading style of the template's own (`Rubrik memo`): below the others
MIN_WORDS_IN_CELL = 4  # a table cell with fewer words is a figure or a label, not a sentence
DOCUMENT_START = "början av dokumentet"


def heading_level(style_name: str) -> int | None:
    """The level of a heading paragraph by its style: `heading 2` → 2, the title 0, the
    template's own heading styles (`Rubrik memo`, `Ärenderubrik`) below those; else None."""
    name = style_name.casefold()
    match = HEADING_STYLE.match(name)
    if match:
        return int(match.group(1))
    if name == "title":
        return 0
    return UNNUMBERED_LEVEL if "rubrik" in name else None


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    entity: str | None  # the verksamhet, enhet or nämnd the heading names


class Headings:
    """The headings above the current paragraph: the nearest one is its place, the nearest
    one that names an entity says whose figures a sentence naming none speaks of."""

    def __init__(self, book: FigureBook):
        self.book = book
        self.trail: list[Heading] = []

    def enter(self, level: int, text: str) -> None:
        self.trail = [h for h in self.trail if h.level < level]
        self.trail.append(Heading(level, text, mentioned_entity(text, self.book.names)))

    @property
    def place(self) -> str:
        return self.trail[-1].text if self.trail else DOCUMENT_START

    @property
    def entity(self) -> str | None:
        return next((h.entity for h in reversed(self.trail) if h.entity), None)


def typed_paragraphs(report: Report) -> set[str]:
    """The paragraphs of the Text sheet and Ekonomisk analys, as the documents show them."""
    return {normalize(paragraph) for text, _, _ in free_texts(report)
            for paragraph, _ in Text.parse(text).paragraphs}


def checked_paragraphs(document: Rendered | bytes, book: FigureBook, typed: set[str]):
    """(paragraph text, its place, its scope) of each paragraph of a document worth checking:
    not a heading, not the table of contents, with an amount in it, not typed in Text."""
    headings = Headings(book)
    body, styles = document_tree(document)
    # most table cells are figures or labels: sorted out before their text is read
    for paragraph, text, in_table in wordxml.document_paragraphs(
            body, AMOUNT_UNIT_PARTS, shortest_cell=2 * MIN_WORDS_IN_CELL - 1):
        if in_table and (len(text.split()) < MIN_WORDS_IN_CELL or not AMOUNT.search(text)):
            continue
        style = styles.get(wordxml.paragraph_style_id(paragraph), "")
        level = None if in_table else heading_level(style)
        if level is not None:
            if text.strip():
                headings.enter(level, text.strip())
            continue
        if style.casefold().startswith("toc") or not AMOUNT.search(text):
            continue
        if normalize(text) in typed:
            continue
        yield text, headings.place, Scope(headings.entity)


def check_documents(documents: Mapping[str, Rendered | bytes], report: Report, economy: Economy,
                    findings: Findings) -> None:
    """Every sentence of every produced document, one finding per defect and sentence."""
    book = figure_book(report, economy)
    typed = typed_paragraphs(report)
    seen: set[tuple[str, str, str, str | None]] = set()
    for name, data in documents.items():
        for text, place, scope in checked_paragraphs(data, book, typed):
            for sentence in sentences(text):
                found = Findings()
                check_sentence(sentence, scope, book, {}, found)
                passage = DocumentPassage(name, place, f"”{short_label(sentence)}”")
                for finding in (f.moved(passage) for f in found):
                    # the same words under another verksamhet's heading say something else
                    key = (finding.code, finding.found, normalize(sentence), scope.entity)
                    if key not in seen:
                        seen.add(key)
                        findings.append(finding)
