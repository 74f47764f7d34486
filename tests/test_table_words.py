"""The words of the tables the tool builds — titles, column titles, row labels — are the
kansli's, in formuleringar.docx (nämndens and kommunens); the computed tables keep today's words,
by which the figure book, the sums and spårbarhet.csv know their rows."""

import shutil
import sys
from pathlib import Path

import pytest
from docx import Document

from assembler.app.kommun import KOMMUN_TEMPLATES, run_kommun
from assembler.app.options import RunOptions
from assembler.app.report import TEMPLATES_DIR
from assembler.render.wording import WORDING_FILE, read_formulations
from helpers import (REPO, docx_tables, docx_text, find_table, render_fast,
                     report_template_with, write_folder)
from test_wording import NBSP, PREVIOUS_WORDING, wording_docx

sys.path.insert(0, str(REPO / "tools"))
from make_kommun import TABLE_WORDS as KOMMUN_WORDS  # noqa: E402
from make_wording import TABLE_WORDS  # noqa: E402

INPUTS = REPO / "inputs"


def marked(rows) -> list[tuple[str, str]]:
    """Each row renamed to a word that shows its name (and its arguments)."""
    renamed = []
    for name, _, _ in rows:
        word, _, parameters = name.partition("(")
        shown = "".join(f" {{{{ {p.strip()} }}}}" for p in parameters.rstrip(")").split(",")
                        if p.strip())
        renamed.append((name, f"«{word}{shown}»"))
    return renamed


def own_wording(tmp_path: Path, template_set: Path | None, rows) -> Path:
    """A copy of `template_set` (or an empty folder) whose formuleringar.docx has its own rows
    and `rows`."""
    folder = tmp_path / "mallar"
    if template_set is not None:
        shutil.copytree(template_set, folder)
    else:
        folder.mkdir(parents=True)
    own = folder / WORDING_FILE
    kept = [(f"{f.name}{f.parameters}", f.source) for f in read_formulations(own)
            if f.name not in {name.partition("(")[0] for name, _ in rows}] \
        if own.is_file() else []
    wording_docx(own, kept + rows)
    return folder


def shown_words(path: Path) -> set[str]:
    text = docx_text(path).replace(NBSP, " ")
    cells = " ".join(c for t in docx_tables(path) for row in t for c in row)
    return {part.split("»")[0].split(" ")[0] for part in (text + cells).split("«")[1:]}


# shipped examples with their template sets, a nämnd with kommunbidrag and an årsberättelse
# showing the year's consumption: together they show every table the tool builds
NAMND_EXAMPLES = [("exempel", None), ("eskilstuna", "eskilstuna"), ("uppsala", "uppsala"),
                  ("kvalitet", "kvalitet"), ("orebro-ks", "orebro-ks"), ("kommunbidrag", None),
                  ("helar", None)]


def example_folder(name: str, folder: Path) -> Path:
    from helpers import annual_folder
    from test_budget_models import kommunbidrag_books

    if name == "kommunbidrag":
        return write_folder(folder, kommunbidrag_books())
    return annual_folder(folder) if name == "helar" else INPUTS / name


@pytest.mark.slow
def test_every_table_word_of_the_namnd_is_the_kanslis(tmp_path):
    shown: set[str] = set()
    for name, template_set in NAMND_EXAMPLES:
        templates = own_wording(tmp_path / name, REPO / "templates" / template_set
                                if template_set else None, marked(TABLE_WORDS))
        if name == "helar":
            report_template_with(templates, "{{p tabell.namnd | kolumner('budget', 'utfall', "
                                            "'forbrukning_helar') }}")
        result = render_fast(example_folder(name, tmp_path / name / "in"),
                             tmp_path / name / "ut", templates=templates)
        assert result.ok, [f.message for f in result.findings]
        shown |= shown_words(result.written[0])
    assert {name.partition("(")[0] for name, _, _ in TABLE_WORDS} <= shown


@pytest.mark.slow
def test_every_table_word_of_the_kommun_is_the_kanslis(tmp_path):
    templates = own_wording(tmp_path, None, marked(KOMMUN_WORDS))
    document = Document(KOMMUN_TEMPLATES / "rapport.docx")  # rounded in mnkr: an Avrundning row
    document.add_paragraph("{{p tabell.driftredovisning | enhet('mnkr') }}")
    document.save(templates / "rapport.docx")
    result = run_kommun(INPUTS / "kommun", RunOptions(out_dir=tmp_path / "ut", fast=True,
                                                      templates=templates))
    assert result.ok, [f.message for f in result.findings]
    report = next(p for p in result.written if p.name.startswith("Delårsrapport 2025 – Storsjö"))
    annual_only = {"kolumnrubrik_utfall"}  # the example is a delårsrapport
    assert {name.partition("(")[0] for name, _, _ in KOMMUN_WORDS} - annual_only <= shown_words(
        report)
    # spårbarhet.csv keeps the tool's own names of the rows
    trace = next(p for p in result.written if p.suffix == ".csv").read_text(encoding="utf-8")
    assert "Summa nämnder" in trace and "«" not in trace


def test_the_words_of_an_amounts_title_follow_the_unit(tmp_path):
    """`tabellrubrik_belopp(namn, enhet)` as the kansli words it, also where a template shows
    the table in mnkr."""
    templates = own_wording(tmp_path, None, [
        ("tabellrubrik_belopp(namn, enhet)", "{{ namn }} ({{ enhet }})")])
    document = Document(TEMPLATES_DIR / "rapport.docx")
    document.add_paragraph("{{p tabell.namnd | enhet('mnkr') }}")
    document.save(templates / "rapport.docx")
    result = render_fast(INPUTS / "exempel", tmp_path / "ut", templates=templates)
    assert result.ok, [f.message for f in result.findings]
    titles = [t[0][0] for t in docx_tables(result.written[0]) if t and t[0]]
    assert "Kultur- och fritidsnämnden (tkr)" in titles
    assert "Kultur- och fritidsnämnden (mnkr)" in titles
    assert not any("belopp i" in title for title in titles)


def test_a_previous_wording_gives_todays_table_words(tmp_path):
    """A formuleringar.docx of a release without the table rows: today's words."""
    own = render_fast(INPUTS / "exempel", tmp_path / "egen", templates=PREVIOUS_WORDING)
    default = render_fast(INPUTS / "exempel", tmp_path / "standard")
    assert own.ok and default.ok
    assert docx_tables(own.written[0]) == docx_tables(default.written[0])
    cells = {c for t in docx_tables(own.written[0]) for row in t for c in row}
    assert {"Status för nämndens åtaganden", "Totalt", "Antal", "Nettokostnad",
            "Kultur- och fritidsnämnden, belopp i tkr"} <= cells


RENAMED_TOTALS = [("rubrik_totalt", "Summa alla"), ("radrubrik_nettokostnad", "Netto totalt")]


def figures_of(path: Path) -> list[list[str]]:
    """Every table's cells but its first column: the figures."""
    return [row[1:] for t in docx_tables(path) for row in t]


@pytest.mark.parametrize("quoted, wrong", [("129 200", False), ("129 300", True)])
def test_a_renamed_total_keeps_its_figures_and_its_sentences_checked(tmp_path, quoted, wrong):
    templates = own_wording(tmp_path, None, RENAMED_TOTALS)
    document = Document(TEMPLATES_DIR / "tjänsteskrivelse.docx")
    document.add_paragraph(f"Nämndens nettokostnad för helåret prognostiseras till {quoted} "
                           "tkr, i nivå med budgeten.")
    document.save(templates / "tjänsteskrivelse.docx")
    own = render_fast(INPUTS / "exempel", tmp_path / "egen", templates=templates)
    codes = [f.code for f in own.findings if f.code.startswith(("R14", "R15"))]
    assert bool(codes) is wrong, [f.message for f in own.findings]
    if wrong:
        return
    default = render_fast(INPUTS / "exempel", tmp_path / "standard")
    namnd = find_table(docx_tables(own.written[0]), "Kultur- och fritidsnämnden")
    assert [row[0] for row in namnd[-3:]] == [
        "Netto totalt", "- varav intraprenader", "Netto totalt exkl. intraprenader"]
    assert find_table(docx_tables(own.written[0]), "Status för")[-1][0] == "Summa alla"
    assert figures_of(own.written[0]) == figures_of(default.written[0])


def test_the_computed_tables_keep_todays_words(tmp_path):
    """The kansli's words go into the context's copies; the economy the figure book is built
    from keeps its rows' names."""
    from assembler.app.report import prepare, write_formulations
    from assembler.compute.context import build_context
    from assembler.contract.findings import Findings

    templates = own_wording(tmp_path, None, RENAMED_TOTALS)
    prepared = prepare(INPUTS / "exempel", Findings())
    context = build_context(prepared.report, prepared.economy)
    assert write_formulations(context, templates, Findings())
    assert [r.label for r in context.tabell["namnd"].rows if r.kind == "total"] == [
        "Netto totalt", "Netto totalt exkl. intraprenader"]
    assert [r.label for r in prepared.economy.namnd_table.rows if r.kind == "total"] == [
        "Nettokostnad", "Nettokostnad exkl. intraprenader"]
    assert context.tabell["atagandestatus"].rows[-1].label == "Summa alla"


def test_a_failing_table_word_is_a_finding_at_its_row(tmp_path):
    templates = own_wording(tmp_path, None, [("rubrik_totalt", "{{ totalt.saknas.helt }}")])
    result = render_fast(INPUTS / "exempel", tmp_path / "ut", templates=templates)
    assert not result.ok
    finding = next(f for f in result.findings if f.code.startswith("M"))
    assert "rubrik_totalt" in finding.message or "rubrik_totalt" in str(finding.location)


def test_the_kommuns_shipped_wording_has_every_table_word():
    names = {f.name for f in read_formulations(KOMMUN_TEMPLATES / WORDING_FILE)}
    assert {name.partition("(")[0] for name, _, _ in KOMMUN_WORDS} <= names
    names = {f.name for f in read_formulations(TEMPLATES_DIR / WORDING_FILE)}
    assert {name.partition("(")[0] for name, _, _ in TABLE_WORDS} <= names


def test_a_column_a_template_chooses_is_in_the_kanslis_words(tmp_path):
    """`kolumner(…)` builds the table again from its columns: in the kansli's words too."""
    templates = own_wording(tmp_path, None, [
        ("kolumnrubrik_budget(ar, period, helar)", "Budget år {{ ar }}")])
    report_template_with(templates, "{{p tabell.namnd | kolumner('prognos', 'budget') }}")
    result = render_fast(INPUTS / "exempel", tmp_path / "ut", templates=templates)
    assert result.ok, [f.message for f in result.findings]
    headers = [t[0] for t in docx_tables(result.written[0]) if t[0][0].startswith("Kultur-")]
    assert headers[-1] == ["Kultur- och fritidsnämnden, belopp i tkr", "Prognos 2025",
                           "Budget år 2025"]
    assert "Budget 2025" not in {cell for header in headers for cell in header}


def test_a_notes_title_says_the_kommuns_unit(tmp_path):
    """A kommun in mnkr: the notes' tables are in mnkr, and their title says so (it said tkr
    while the words were in Python)."""
    from test_kommun import kommun_copy, table_of

    folder = kommun_copy(tmp_path, ("Kommun", "B10", "mnkr"))
    result = run_kommun(folder, RunOptions(out_dir=tmp_path / "ut", fast=True))
    assert result.ok, [f.message for f in result.findings]
    report = next(p for p in result.written if p.name.startswith("Delårsrapport 2025 – Storsjö"))
    assert table_of(report, "Belopp i mnkr")["Belopp i mnkr"] == ["Bokslut 2024",
                                                                  "Utfall jan–aug 2025"]
    assert "Belopp i tkr" not in docx_text(report)
