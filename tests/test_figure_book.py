"""The figure book computes a row's figures when its entity is first asked for: the text rules
must find exactly what they found when every figure was computed up front, on the fixture and
on every shipped report folder, for a right amount, a wrong one and another entity's."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from assembler.app.report import prepare
from assembler.compute.figures import FIGURE_SET_SOURCES, figure_set
from assembler.contract import fmt
from assembler.contract.amounts import Amount
from assembler.contract.findings import Findings
from assembler.verify.figures import FigureBook, _built_book, _figure_values
from assembler.verify.text import Scope, check_text
from helpers import FIXTURE, REPO

INPUTS = REPO / "inputs"
FOLDERS = sorted([p for p in INPUTS.iterdir() if p.is_dir() and p.name != "kommun"]
                 + [p for p in (INPUTS / "kommun").iterdir() if p.is_dir()])


def prepared_folder(folder: Path):
    if not folder.exists():
        pytest.skip(f"{folder} saknas")
    prepared = prepare(folder, Findings())
    assert prepared is not None and prepared.economy is not None
    return prepared


@pytest.fixture(scope="module", params=[FIXTURE, *FOLDERS], ids=lambda p: p.name)
def prepared(request):
    return prepared_folder(request.param)


class UpFront(FigureBook):
    """The book as it was: every figure computed when it is built, an entity's figures those
    of it in order, its entities in the order of their first figure."""

    def of(self, entity: str) -> list:
        return [f for f in self.figures if f.entity == entity]

    @property
    def entities(self) -> list[str]:
        return list(dict.fromkeys(f.entity for f in self.figures))


def books(prepared) -> tuple[FigureBook, FigureBook]:
    """(a book that computes figures when asked, one with every figure computed up front)"""
    complete = _built_book(prepared.report, prepared.economy).complete()
    complete.__class__ = UpFront
    return _built_book(prepared.report, prepared.economy), complete


def written(figure) -> str:
    if figure.is_percent:
        return fmt.percent_sentence(figure.value / 100, signed=False)
    return fmt.tkr_sentence(abs(figure.value), signed=False)


def sentences(book: FigureBook) -> list[tuple[str, Scope]]:
    """For the nämnd and a few rows of every kind: a figure of its own, an amount of nobody's
    and another entity's figure, said of it by name, under its heading and of nobody, as a
    result, a deviation with a sign word, the period's and a percentage."""
    entities = book.entities
    chosen = list(dict.fromkeys([book.namnd, *entities[:3], *entities[len(entities) // 2:][:3],
                                 *entities[-3:]]))
    said = []
    for index, entity in enumerate(chosen):
        other = chosen[(index + 1) % len(chosen)]
        own = book.of(entity)
        theirs = [f for f in book.of(other) if not any(written(f) == written(g) for g in own)]
        amounts = [written(f) for f in own[:4] + theirs[:3]] + ["987 654 tkr", "12,3 procent"]
        for amount in amounts:
            for template in ("{e} visar ett resultat på {a}.",
                             "{e} har en negativ avvikelse på {a} för helåret.",
                             "Till och med augusti har {e} ett överskott på {a}.",
                             "Prognosen för {e} är en avvikelse på {a} mot budget."):
                said.append((template.format(e=entity, a=amount), Scope()))
            said += [(f"Avvikelsen för helåret är {amount}.", Scope(entity)),
                     (f"Utfallet till och med augusti är {amount}.", Scope())]
    return said


def findings_of(book: FigureBook, sentence: str, scope: Scope) -> list[tuple]:
    found = Findings()
    check_text(sentence, scope, book, {}, found)
    return [(f.code, f.found, f.expected, f.message) for f in found]


def test_a_lazy_book_finds_what_a_complete_one_finds(prepared):
    lazy, complete = books(prepared)
    assert lazy.names == complete.names
    assert lazy.entities == complete.entities
    said = sentences(complete)
    codes = set()
    for sentence, scope in said:
        # each sentence against a book that has computed nothing yet: only what it asks for
        fresh = _built_book(prepared.report, prepared.economy)
        expected = findings_of(complete, sentence, scope)
        assert findings_of(fresh, sentence, scope) == expected, sentence
        assert findings_of(lazy, sentence, scope) == expected, sentence
        codes |= {code for code, *_ in expected}
    # right and wrong amounts, and amounts of another entity, were all among them
    assert {"R14-TEXT-BELOPP", "R14-TEXT-FEL-ENTITET"} <= codes
    assert len(said) > len(codes)
    assert lazy.figures == complete.figures
    assert [lazy.of(e) for e in lazy.entities] == [complete.of(e) for e in complete.entities]


def test_a_right_amount_of_a_row_computes_only_its_own_figures():
    prepared = prepared_folder(INPUTS / "exempel")
    book = _built_book(prepared.report, prepared.economy)
    entity = book.entities[-1]
    sentence = f"{entity} visar ett resultat på {written(book.of(entity)[0])}."
    assert findings_of(book, sentence, Scope()) == []
    assert book._all is None  # the others' figures were never needed


@pytest.mark.parametrize("annual", [False, True])
def test_a_row_has_figures_exactly_when_it_has_one_of_their_sources(annual):
    """The book keeps a row only when it has figures, and tells that from its amounts."""
    from assembler.verify.figures import ROW_FIGURE_SOURCES

    assert FIGURE_SET_SOURCES <= ROW_FIGURE_SOURCES
    for amount in Amount:
        raw = {amount: Decimal(7)}
        has = bool(_figure_values(figure_set("rad", raw, annual), raw))
        assert has == (amount in ROW_FIGURE_SOURCES), amount


NAMES = ["e", "nämnd", "nämnden", "kulturskolan", "verksamhet alfa", "alfa", "-x", "(tom) rad",
         "enhet 001-001", "enhet 001-0010", "ö"]
TEXTS = ["Kulturskolans och Alfas avvikelse", "verksamhet alfa, enhet 001-0010 och e.",
         "nämndens -x och a-x (tom) rad", "ingen alls", "ö-öe e_e 1e", "",
         "alfa alfaalfa alfan alfanas alfasx kulturskolanskulturskolan e ee e-e en",
         "Nämnden nämndens nämndensa nämnd.nämnd"]


@pytest.mark.parametrize("text", TEXTS)
def test_the_names_a_text_holds_are_found_as_by_trying_each(text):
    from assembler.contract.vocab import normalize
    from assembler.verify.figures import Names
    from assembler.verify.text import named_entities

    names = Names()
    for name in NAMES:
        names[normalize(name)] = name
    lowered = normalize(text)
    # every name the text holds where a name may begin (not right after a letter or digit)
    tried = {n for n in names for i in range(len(lowered)) if lowered.startswith(n, i)
             and not (i and (lowered[i - 1].isalnum() or lowered[i - 1] == "_"))}
    assert names.held_in(lowered) == tried
    every = dict(names)  # a plain dict: each name tried on the text
    assert named_entities(text, names) == _named_by_trying_each(text, every)


def _named_by_trying_each(text: str, names: dict[str, str]) -> list[str]:
    """named_entities as it was, trying every name."""
    import re

    from assembler.contract.vocab import normalize
    from assembler.verify.figures import SUFFIXES
    from assembler.verify.text import MIN_INFLECTED

    lowered = normalize(text)
    hits: dict[int, tuple[int, str]] = {}
    for name in names:
        if name in lowered:
            ending = SUFFIXES if len(name) >= MIN_INFLECTED else ""
            for match in re.finditer(rf"(?<!\w){re.escape(name)}{ending}(?!\w)", lowered):
                hits[match.end()] = max(hits.get(match.end(), (0, "")), (len(name), name))
    ordered = [names[name] for _, (_, name) in sorted(hits.items())]
    return list(dict.fromkeys(reversed(ordered)))[::-1]


@pytest.mark.parametrize("amount", ["1 tkr", "2 MNKR", "3 mkr", "4 miljoner kronor", "5 Procent",
                                    "6 %", "7%", "8 t\u212ar"])
def test_every_amount_holds_a_piece_the_documents_are_sifted_by(amount):
    """A table cell without "r", "R" or "%" is not read for amounts (checked_paragraphs)."""
    from assembler.verify.text import AMOUNT, AMOUNT_UNIT_PARTS

    match = AMOUNT.search(f"Avvikelsen är {amount} i år")
    assert match is not None
    assert any(piece in match.group(0) for piece in AMOUNT_UNIT_PARTS)


def test_the_cells_sifted_out_of_a_document_are_those_without_an_amount(tmp_path):
    """checked_paragraphs reads only the table cells libxml2 picks: the same paragraphs as
    reading every cell's text in Python."""
    import io

    from docx import Document

    from assembler.render import wordxml
    from assembler.verify.documents import MIN_WORDS_IN_CELL, checked_paragraphs
    from assembler.verify.text import AMOUNT

    document = Document()
    document.add_paragraph("Nämnden har ett överskott på 60 tkr.")
    cells = ["-9 700", "95 %", "100%", "Fyra ord utan belopp", "Överskottet är 5 PROCENT i år",
             "Ett underskott på 8 t\u212ar i år", "Budgeten 2,5 miljoner kronor i år",
             "Kort 5 tkr", "Alfa har 12 mnkr kvar", "Nettokostnad -19 400 453"]
    table = document.add_table(rows=len(cells), cols=2)
    for row, text in zip(table.rows, cells, strict=True):
        row.cells[0].text = text
        row.cells[1].text = "Avvikelsen är 3 %"
    table.rows[0].cells[1].add_table(rows=1, cols=1).rows[0].cells[0].text = (
        "Inne i en tabell i en tabell 7 tkr")
    document.add_paragraph("Efter tabellen 4 tkr.")
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    example = prepared_folder(INPUTS / "exempel")
    book = _built_book(example.report, example.economy)

    body, _ = wordxml.body_and_style_names(data)
    every = [text for _, text, in_table in wordxml.document_paragraphs(body)
             if AMOUNT.search(text) and not (in_table and len(text.split()) < MIN_WORDS_IN_CELL)]
    assert [text for text, _, _ in checked_paragraphs(data, book, set())] == every
    # two outside the table, four of the first column, every second one, the nested one
    assert len(every) == 2 + 4 + len(cells) + 1


@pytest.mark.parametrize("inner, inside", [
    ("<w:p><w:r><w:t>a</w:t></w:r></w:p>", 0), ("<w:p><w:p/></w:p>", 1),
    ("<w:p><w:r><w:p/></w:r></w:p>", 1), ("<w:p><w:r><w:t>a<w:p/></w:t></w:r></w:p>", 1),
    ("<w:p><w:hyperlink><w:p/></w:hyperlink></w:p>", 1),
    ("<w:p><w:fldSimple><w:tbl/></w:fldSimple></w:p>", 1),
    ("<w:p><w:smartTag><w:p/><w:p/></w:smartTag></w:p>", 2),
    ("<w:sdt><w:sdtContent><w:p/></w:sdtContent></w:sdt>", 0),
    ("<w:tbl><w:tr><w:tc><w:p><w:r><w:p/></w:r></w:p></w:tc></w:tr></w:tbl>", 1),
    ("<w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc/></w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>", 0),
])
def test_the_structure_check_finds_what_its_first_form_found(inner, inside):
    """Paragraphs of the body and of cells pass a cheaper test first: the same problems."""
    from lxml import etree

    from assembler.render import wordxml

    namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = etree.fromstring(f'<w:body xmlns:w="{namespace}">{inner}</w:body>')
    parents = " or ".join(f"parent::w:{tag}" for tag in ("p", "r", "t", "hyperlink", "fldSimple",
                                                          "smartTag"))
    first = etree.XPath(f"descendant-or-self::w:p[{parents}] | descendant-or-self::w:tbl"
                        f"[{parents}]", namespaces={"w": namespace})
    assert len(first(body)) == inside
    assert [element for element, _ in wordxml.structure_problems(body)][:inside] == first(body)
