"""Issue 20, the kansli's workshop: every template mistake found where it is made, in Swedish,
and never a broken document."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from docx import Document

from assembler.app.report import TEMPLATES_DIR, example_context, run_template_check
from assembler.contract.findings import Findings
from assembler.verify.templates import check_template, check_wording

REPO = Path(__file__).resolve().parents[1]
SHIPPED_SETS = ["templates", "templates/uppsala", "templates/eskilstuna", "templates/orebro-ks",
                "templates/kvalitet"]


@pytest.fixture(scope="module")
def context():
    return example_context()


def template_with(path: Path, paragraphs: list[str], table: list[list[str]] | None = None) -> Path:
    """The shipped memo with these paragraphs (and a table) added at its end, as Word saves it."""
    document = Document(TEMPLATES_DIR / "tjänsteskrivelse.docx")
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        word_table = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                word_table.rows[r].cells[c].text = text
    document.save(path)
    return path


def wording_docx(path: Path, rows: list[tuple[str, str]], header=("Namn", "Formulering")) -> Path:
    document = Document()
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = header
    for name, source in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = name, source
    document.save(path)
    return path


# --- 1. one check, the same as the report ------------------------------------------------

@pytest.mark.parametrize("folder", SHIPPED_SETS)
def test_every_shipped_template_set_passes_the_check(folder):
    from click.testing import CliRunner

    from assembler.cli.commands import main

    outcome = CliRunner().invoke(main, ["templates", "check", str(REPO / folder)])
    assert outcome.exit_code == 0, outcome.output
    assert "M09-FORALDRAT-NAMN" not in outcome.output  # `| datum('iso')` is the filter


# --- 3. Swedish, always ------------------------------------------------------------------

# what a kansli gets wrong, and what Python or Jinja would have said in English
BROKEN_TEMPLATES = [
    "{{ namnd }", "{% if namnd %}aldrig stängd", "{% for v in verksamheter %}{{ v.namn }}",
    "{% endif %}", "{% for v in verksamheter %}{{ v.namn }}{% endif %}", "{{ finns_inte }}",
    "{{ ekonomi.finns_inte }}", "{{ namnd | okänt }}", "{% if ar is okänt %}x{% endif %}",
    "{{ ar / 0 }}", "{{ namnd + 1 }}", "{{ ar + namnd }}", "{{ ''.__class__ }}",
    "{% include 'x' %}", "{{ range(10**9) | list }}",
    "{{ ekonomi.namnd.avvikelse | mnkr(tecken='ibland') }}", "{{ namnd | tkr }}",
    "{{ namnd | datum }}", "{{ verksamheter[99] }}",
    "{{ ekonomi.namnd.avvikelse | round(2, 'x') }}", "{{ '%d' % namnd }}",
    "{{ ekonomi.namnd.avvikelse | tkr(decimaler=2) }}", "{{ ekonomi.namnd.avvikelse | tal('x') }}",
    "{{ ekonomi.namnd.avvikelse / 0 }}", "{{ ekonomi.namnd.avvikelse * 'x' }}",
    "{{ namnd.upper(1) }}", "{% set x = %}", "{% for a, b in verksamheter %}{{ a }}{% endfor %}",
    "{{ ekonomi.namnd.avvikelse | mnkr(decimaler='x') }}", "{% macro %}{% endmacro %}",
    "{{ namnd }}{% endfor %}", "{{ 1 < 'a' }}", "{{ ekonomi.namnd.avvikelse + 0.1 }}",
    "{{ ekonomi.namnd.avvikelse | plural('a') }}", "{{ loop.index }}",
    "{{ ekonomi.namnd.avvikelse | tkr | mnkr }}", "{{ ekonomi.namnd.avvikelse.quantize('x') }}",
    "{{ ar | datum }}", "{% if %}x{% endif %}", "{{ namnd | attr('__class__') }}",
    "{{ ekonomi.namnd.avvikelse | ord('tre') }}", "{{ namnd() }}", "{{ 'a' ~ }}",
    "{{ ekonomi.namnd.avvikelse | belopp(enhet='kr') }}", "{% for v in 5 %}{% endfor %}",
    "{{ (ekonomi.namnd.avvikelse | int) ** 9999999 }}", "{{ namnd | kolumner('x') }}",
    "{{ tabell.namnd | kolumner('finns_inte') }}", "{{ namnd | lista(1, 2, 3) }}",
    "{{ [1,2][5] }}", "{% for v in verksamheter %}{% break %}{% endfor %}",
    "{{ namnd | center(10**7) }}", "{{ namnd | replace }}", "{{ namnd | format(1, 2) }}",
    "{{ '{0}'.format() }}", "{{ ekonomi.namnd.avvikelse | sum }}", "{{ 10 // 0 }}",
    "{%tr for v in verksamheter %}", "{{ -namnd }}", "{{ ekonomi.namnd.avvikelse | datum }}",
]
# formulations call one another: the mistakes only a formulation can make
BROKEN_FORMULATIONS = [
    "{{ avvikelse(1, 2, 3) }}", "{{ avvikelse() }}", "{{ avvikelse(y=1) }}",
    "{{ finns_inte(1) }}", "{{ avvikelse(namnd) }}", "{% if x %}",
    "{{ verksamhet_mening() }}",
]
ENGLISH = set("""the a an is are was were not no object has have attribute argument arguments
expected got unexpected undefined provided takes given missing required positional keyword
invalid literal base supported between instances conversion iterable callable tuple
modulo integer string type types operand unsupported sequence multiply values unpack method
must encountered unknown template looking following tags innermost needs closed statement print
or and of with to by from at in be for than too many enough found named macro
jinja python none true false""".split())
PYTHON_NAMES = re.compile(r"\b(?:[A-Z][a-z]+){2,}\b|<class|\b(?:int|str|float|dict|list|"
                          r"NoneType|Decimal|decimal|datetime|self|__\w+__)\b")


def without_quotes(message: str) -> str:
    """A message without what it quotes from the template (tags, names, values as written)."""
    for quoted in (r"”[^”]*”", r"'[^']*'", r"\{[{%#].*?[}%#]\}", r"`[^`]*`", r"\{%\w*",
                   r"\w+\([^)]*\)"):
        message = re.sub(quoted, " ", message)
    return message


def english_in(message: str) -> list[str]:
    text = without_quotes(message)
    return sorted({w for w in re.findall(r"[A-Za-z_]+", text) if w.lower() in ENGLISH}
                  | set(PYTHON_NAMES.findall(text)))


def test_the_english_detector_would_see_english():
    assert english_in("'int' object is not iterable") == ["is", "iterable", "not", "object"]
    assert english_in("[<class 'decimal.DivisionByZero'>]")
    assert english_in("Variabeln ”if” finns inte (i ”{% if x %}”).") == []


def messages_for_templates(tmp_path, context) -> list[tuple[str, object]]:
    found = []
    for number, source in enumerate(BROKEN_TEMPLATES):
        findings = Findings()
        check_template(template_with(tmp_path / f"mall{number}.docx", [source]), context, findings)
        found.append((source, findings))
    return found


def messages_for_formulations(tmp_path, context) -> list[tuple[str, object]]:
    found = []
    for number, source in enumerate(BROKEN_FORMULATIONS):
        findings = Findings()
        path = wording_docx(tmp_path / f"formuleringar{number}.docx",
                            [("ekonomisk_sammanfattning", source)])
        check_wording([TEMPLATES_DIR / "formuleringar.docx", path], context, findings)
        found.append((source, findings))
    return found


@pytest.mark.slow
def test_every_broken_template_is_one_swedish_located_finding(tmp_path, context):
    corpus = messages_for_templates(tmp_path, context) + messages_for_formulations(tmp_path,
                                                                                    context)
    assert len(corpus) >= 30
    problems = []
    for source, findings in corpus:
        errors = [f for f in findings if f.code.startswith("M") and f.severity.value == "fel"]
        if len(errors) != 1 or not errors[0].place:
            problems.append((source, [(f.code, f.place, f.message) for f in findings]))
            continue
        if english := english_in(errors[0].message):
            problems.append((source, errors[0].message, english))
    assert problems == []


# --- helpers for the report path ----------------------------------------------------------

def report_with(tmp_path, templates: Path):
    from helpers import minimal_folder, render_fast

    return render_fast(minimal_folder(tmp_path / "in"), tmp_path / "ut", templates=templates)


def folder_with(tmp_path, documents: dict[str, list[str]] | None = None,
                wording: list[tuple[str, str]] | None = None) -> Path:
    templates = tmp_path / "mallar"
    templates.mkdir(exist_ok=True)
    for name, paragraphs in (documents or {}).items():
        template_with(templates / name, paragraphs)
    if wording is not None:
        wording_docx(templates / "formuleringar.docx", wording)
    return templates


def codes(findings, prefix="M") -> list[tuple[str, str]]:
    return [(f.code, f.location) for f in findings if f.code.startswith(prefix)]


# --- 1. one check, the same as the report (continued) ------------------------------------

LATER_VERKSAMHET = ("verksamhet_mening(v)",
                    "{% if v.namn == 'Fritidsgårdar' or v.namn == 'Verksamhet Beta' %}"
                    "{{ v.finns_inte }}{% endif %}{{ v.namn }}.")


def test_a_formulation_failing_for_a_later_verksamhet_is_found_by_the_check(tmp_path):
    templates = folder_with(tmp_path, wording=[LATER_VERKSAMHET])
    found = run_template_check(templates).findings
    assert codes(found) == [("M02-OKAND-VARIABEL", "formuleringar.docx › tabell › rad 2 "
                                                   "(verksamhet_mening), för verksamheten "
                                                   "Fritidsgårdar")]


def test_the_report_names_the_same_row_not_an_internal_error(tmp_path):
    templates = folder_with(tmp_path, wording=[LATER_VERKSAMHET])
    result = report_with(tmp_path, templates)
    assert codes(result.findings) == [("M02-OKAND-VARIABEL", "formuleringar.docx › tabell › rad 2 "
                                                             "(verksamhet_mening), för "
                                                             "verksamheten Verksamhet Beta")]


def test_against_the_folder_each_finding_once_and_the_economists_apart(tmp_path):
    from click.testing import CliRunner

    from assembler.cli.commands import main
    from helpers import minimal_folder

    templates = folder_with(tmp_path, wording=[("ekonomi_inledning", "{{ ekonomi.finns_inte }}")])
    folder = minimal_folder(tmp_path / "in")
    result = run_template_check(templates, folder)
    assert codes(result.findings) == [("M02-OKAND-VARIABEL",
                                       "formuleringar.docx › tabell › rad 2 (ekonomi_inledning)")]
    assert not codes(result.data_findings)
    outcome = CliRunner().invoke(main, ["templates", "check", str(templates), "--mot",
                                        str(folder)])
    assert outcome.exit_code == 2 and outcome.output.count("M02-OKAND-VARIABEL") == 1


@pytest.mark.slow
def test_one_looping_row_is_the_only_row_stopped(tmp_path):
    loop = "{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}"
    rows = [("ekonomi_inledning", loop)] + [(f"egen_{n}", "{{ namnd }}") for n in range(4)]
    found = run_template_check(folder_with(tmp_path, wording=rows)).findings
    assert codes(found) == [("M07-MALLGRANS",
                             "formuleringar.docx › tabell › rad 2 (ekonomi_inledning)")]


# --- 2. located where the mistake is ------------------------------------------------------

def test_an_unclosed_block_is_found_where_it_opens_not_at_the_end(tmp_path):
    document = Document(TEMPLATES_DIR / "rapport.docx")
    document.paragraphs[4].text = "{% if namnd %}öppnas här " + document.paragraphs[4].text
    document.save(tmp_path / "rapport.docx")
    [finding] = [f for f in run_template_check(tmp_path / "rapport.docx").findings
                 if f.code == "M01-SYNTAX"]
    assert finding.location == "rapport.docx › brödtext › stycke 5"
    assert "{% if namnd %}öppnas här" in finding.message
    assert "blocket ”if” stängs aldrig; skriv ”{% endif %}”" in finding.message
    (tmp_path / "mallar").mkdir()
    (tmp_path / "rapport.docx").rename(tmp_path / "mallar" / "rapport.docx")
    reported = [f for f in report_with(tmp_path, tmp_path / "mallar").findings
                if f.code == "M01-SYNTAX"]
    assert [f.location for f in reported] == ["rapport.docx › brödtext › stycke 5"]


@pytest.mark.parametrize("paragraphs, table, place, words", [
    (["{%tr for v in verksamheter %}", "{{ v.namn }}", "{%tr endfor %}"], None,
     "stycke 26", "står i ett vanligt stycke"),
    ([], [["Namn", "Belopp"], ["{% for v in verksamheter %}{{ v.namn }}", "x"],
          ["{% endfor %}", ""]], "tabell 1, rad 2, cell 1", "ett block över flera tabellrader"),
])
def test_a_misplaced_row_loop_is_a_finding_in_check_and_report(tmp_path, paragraphs, table,
                                                                place, words):
    template_with(folder_with(tmp_path) / "bilaga.docx", paragraphs, table)
    checked = [f for f in run_template_check(tmp_path / "mallar").findings
               if f.code == "M04-MALLFEL"]
    reported = [f for f in report_with(tmp_path, tmp_path / "mallar").findings
                if f.code == "M04-MALLFEL"]
    for findings in (checked, reported):
        [finding] = findings
        assert finding.location == f"bilaga.docx › brödtext › {place}" and words in finding.message


def test_a_loop_that_empties_a_table_is_a_finding_not_a_broken_document(tmp_path):
    table = [["{%tr for v in verksamheter if false %}", ""], ["{{ v.namn }}", "x"],
             ["{%tr endfor %}", ""]]
    template_with(folder_with(tmp_path) / "bilaga.docx", [], table)
    result = report_with(tmp_path, tmp_path / "mallar")
    assert codes(result.findings) == [("M13-DOKUMENTSTRUKTUR",
                                       "Bilaga – Delårsrapport med prognos 2 2024 – "
                                       "Testnämnden.docx › brödtext › tabell 1")]
    assert "en tabell utan rader" in result.findings[0].message
    assert not (tmp_path / "ut").exists()
    assert codes(run_template_check(tmp_path / "mallar").findings) == [
        ("M13-DOKUMENTSTRUKTUR", "bilaga.docx › brödtext › tabell 1")]


# --- 4. never a broken document -----------------------------------------------------------

def test_paragraphs_in_a_run_level_tag_become_paragraphs(tmp_path):
    from helpers import docx_text

    templates = folder_with(tmp_path, {"tjänsteskrivelse.docx": [
        "Före {{ text.arendet }} efter.", "Tabellen: {{ tabell.namnd }}"]})
    result = report_with(tmp_path, templates)
    assert result.ok, [f.message for f in result.findings]
    memo = result.written[1]
    lines = docx_text(memo).split("\n")
    at = lines.index("Före")
    assert lines[at:at + 4] == ["Före", "Nämnden ska fastställa rapporten.", "efter.",
                                "Tabellen:"]
    assert len(Document(memo).tables) == 1


def test_the_output_check_refuses_a_paragraph_inside_a_text(tmp_path):
    import io

    from assembler.verify.output import check_document

    document = Document(TEMPLATES_DIR / "tjänsteskrivelse.docx")
    run = document.paragraphs[3].add_run("Före ")
    nested = Document().add_paragraph("inuti")._p
    run._r.find(f"{W}t").append(nested)
    buffer = io.BytesIO()
    document.save(buffer)
    findings = Findings()
    check_document(buffer.getvalue(), "x.docx", [], findings)
    assert [(f.code, f.location) for f in findings][:1] == [
        ("M13-DOKUMENTSTRUKTUR", "x.docx › brödtext › stycke 4")]


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# --- 5. forgiving where Word is, strict where it matters ----------------------------------

def test_file_names_in_the_template_folder_are_matched_without_case(tmp_path):
    from helpers import docx_text

    templates = folder_with(tmp_path, {"Rapport.docx": ["Egen rapport för {{ namnd }}."]})
    wording_docx(templates / "Formuleringar.docx", [("investeringsmening", "Egen mening.")])
    result = report_with(tmp_path, templates)
    assert result.ok, [f.message for f in result.findings]
    assert [p.name for p in result.written] == [
        "Delårsrapport med prognos 2 2024 – Testnämnden.docx",
        "Tjänsteskrivelse – Delårsrapport med prognos 2 2024 – Testnämnden.docx"]
    assert "Egen rapport för Testnämnden." in docx_text(result.written[0])


def test_word_templates_and_lock_files_are_named_never_silently_ignored(tmp_path):
    templates = folder_with(tmp_path, {"rapport.dotx": ["x"], "~$pport.docx": ["x"],
                                       "._rapport.docx": ["x"]})
    result = run_template_check(templates)
    assert codes(result.findings) == [("M12-MALLFIL", "rapport.dotx")]
    assert "Word-mall (.dotx)" in result.findings[0].message
    assert any("~$pport.docx" in note and "låsfil" in note for note in result.notes)
    assert any("._rapport.docx" in note for note in result.notes)
    assert not report_with(tmp_path, templates).ok


def test_colliding_document_names_are_a_finding(tmp_path):
    templates = folder_with(tmp_path, {"bilaga-1.docx": ["x"], "bilaga?1.docx": ["y"]})
    result = report_with(tmp_path, templates)
    assert codes(result.findings) == [("M12-MALLFIL", "bilaga?1.docx")]
    assert "skulle båda skrivas som" in result.findings[0].message
    assert not (tmp_path / "ut").exists()
    assert codes(run_template_check(templates).findings) == [("M12-MALLFIL", "bilaga?1.docx")]


@pytest.mark.parametrize("rows, place, words", [
    ([("ekonomisk_sammanfattning", "A."), ("ekonomisk_sammanfattning", "B.")],
     "rad 3 (ekonomisk_sammanfattning)", "står redan på rad 2"),
    ([("period_manad", "juli")], "rad 2 (period_manad)", "redan variabeln"),
    ([("tkr", "x")], "rad 2 (tkr)", "redan filtret"),
    ([("ekonomisk_sammanfattning (x)", "{{ x }}")], "rad 2 (ekonomisk_sammanfattning)",
     "tar inga parametrar"),
    ([("verksamhet_mening", "x")], "rad 2 (verksamhet_mening)", "behöver en parameter"),
    ([("två ord", "x")], "rad 2 (två ord)", "går inte att använda som namn"),
])
def test_a_wording_row_that_cannot_be_used_is_a_finding_at_its_row(tmp_path, rows, place, words):
    templates = folder_with(tmp_path, wording=rows)
    for findings in (run_template_check(templates).findings,
                     report_with(tmp_path, templates).findings):
        [finding] = [f for f in findings if f.code == "M11-FORMULERINGSRAD"]
        assert finding.location == f"formuleringar.docx › tabell › {place}"
        assert words in finding.message


def test_a_capitalised_row_name_is_the_row_word_meant(tmp_path):
    from helpers import docx_text

    templates = folder_with(tmp_path, wording=[("Ekonomisk_sammanfattning", "Egen mening.")])
    result = report_with(tmp_path, templates)
    assert result.ok and "Egen mening." in docx_text(result.written[1])


def test_a_version_table_before_the_wording_and_merged_name_cells(tmp_path):
    templates = tmp_path / "mallar"
    templates.mkdir()
    document = Document()
    version = document.add_table(rows=2, cols=2)
    version.rows[0].cells[0].text, version.rows[1].cells[0].text = "Version", "2025-01"
    table = document.add_table(rows=4, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Namn", "Formulering"
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "investeringsmening", "Egen."
    table.rows[2].cells[0].merge(table.rows[3].cells[0]).text = "egen_mening"
    document.save(templates / "formuleringar.docx")
    [finding] = [f for f in run_template_check(templates).findings if f.code.startswith("M")]
    assert (finding.code, finding.location) == ("M11-FORMULERINGSRAD",
                                             "formuleringar.docx › tabell › rad 3 (egen_mening)")
    assert "sammanfogad" in finding.message


def test_sections_the_example_lacks_are_named_where_they_are_used(tmp_path):
    templates = folder_with(tmp_path, {"bilaga.docx": ["Inledning.", "{{p text.mal }}"]},
                            wording=[("egen", "{{ listor.uppdrag.antal }} uppdrag.")])
    assert codes(run_template_check(templates).findings) == [
        ("M10-AVSNITT-I-EXEMPLET", "formuleringar.docx › tabell › rad 2 (egen)"),
        ("M10-AVSNITT-I-EXEMPLET", "bilaga.docx › brödtext › stycke 27")]


def test_a_wording_file_without_a_table_is_a_finding(tmp_path):
    templates = tmp_path / "mallar"
    templates.mkdir()
    document = Document()
    document.add_paragraph("investeringsmening: Egen.")
    document.save(templates / "formuleringar.docx")
    [finding] = [f for f in run_template_check(templates).findings if f.code.startswith("M")]
    assert finding.code == "M11-FORMULERINGSRAD" and "har ingen tabell" in finding.message


def test_the_size_budget_counts_built_text_not_the_figures(tmp_path, context):
    from assembler.render.sandbox import sandbox_environment

    say = sandbox_environment().from_string("{{ 2500000 | tkr }} {{ 1200000 | tal }}").render()
    assert say.replace("\u00a0", " ") == "2 500 000 tkr 1 200 000"


# --- 6. a manual a kansli can use ---------------------------------------------------------

def test_the_manual_is_what_the_code_writes(context):
    """Every example in docs/mallar.md is rendered and every filter table made when the
    manual is generated; a stale manual fails here."""
    from assembler.app.manual import manual

    committed = (REPO / "docs" / "mallar.md").read_text(encoding="utf-8")
    assert manual(context) == committed, (
        "docs/mallar.md är inaktuell: kör `python -m assembler.app.manual docs/mallar.md`")


def test_every_example_in_the_manual_renders_what_it_says(context):
    from assembler.app.manual import EXAMPLES, render_example

    written = {name: render_example(example, context) for name, example in EXAMPLES.items()}
    assert written["uppräkning"] == ["Rapporten omfattar Bibliotek, Fritid och idrott, "
                                     "Kulturskolan, Nämnd och förvaltning och Fritidsgårdar."]
    assert written["tabellrader"][0] == "Verksamhet | Avvikelse"
    assert len(written["tabellrader"]) == 1 + len(context.verksamheter)
    assert len(written["stycken"]) == len(context.verksamheter)
    for name, lines in written.items():
        assert lines and all(line.strip() for line in lines), name
        assert not any("{{" in line or "{%" in line for line in lines), name


def test_the_manual_shows_every_filter_and_test():
    from assembler.render.filters import FILTERS, TESTS
    from assembler.app.manual import documented_filters

    assert set(FILTERS) | set(TESTS) <= documented_filters()


# --- a kansli's round trip through LibreOffice ----------------------------------------------

ROUND_TRIP = [("templates", "inputs/exempel"), ("templates/uppsala", "inputs/uppsala"),
              ("templates/eskilstuna", "inputs/eskilstuna"),
              ("templates/orebro-ks", "inputs/orebro-ks"),
              ("templates/kvalitet", "inputs/kvalitet")]


@pytest.mark.render
@pytest.mark.parametrize("templates, folder", ROUND_TRIP)
def test_templates_saved_again_by_libreoffice_render_the_same_text(tmp_path, soffice, templates,
                                                                   folder):
    import subprocess

    from helpers import docx_text, render_fast

    saved = tmp_path / "sparade"
    saved.mkdir()
    subprocess.run([*soffice, "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(saved),
                    *[str(p) for p in sorted((REPO / templates).glob("*.docx"))]],
                   check=True, capture_output=True, timeout=300)
    # `tjänsteskrivelse.ingen` and other files Word never opens go along as they are
    for marker in (REPO / templates).iterdir():
        if marker.is_file() and marker.suffix != ".docx":
            shutil.copy(marker, saved)
    first = render_fast(REPO / folder, tmp_path / "ut1", templates=REPO / templates)
    again = render_fast(REPO / folder, tmp_path / "ut2", templates=saved)
    assert first.ok and again.ok, [f.message for f in again.findings]
    assert [p.name for p in again.written] == [p.name for p in first.written]
    for before, after in zip(first.written, again.written, strict=False):
        assert docx_text(after) == docx_text(before), after.name
    assert run_template_check(saved).findings == run_template_check(REPO / templates).findings


def test_a_report_folder_with_errors_stops_the_check_and_says_so(tmp_path):
    from click.testing import CliRunner

    from assembler.cli.commands import main

    (tmp_path / "tom").mkdir()
    outcome = CliRunner().invoke(main, ["templates", "check", str(REPO / "templates"), "--mot",
                                        str(tmp_path / "tom")])
    shown = " ".join(outcome.output.split())
    assert outcome.exit_code == 2 and "rätta dem först; mallarna provades inte" in shown
    assert "R01-INGEN-NAMND" in shown and "Mallarna går att fylla i" not in shown


def test_a_table_written_inline_keeps_the_text_after_it(tmp_path):
    from helpers import docx_text

    templates = folder_with(tmp_path, {"tjänsteskrivelse.docx": [
        "Tabellen: {{ tabell.namnd }} och text efter tabellen."]})
    result = report_with(tmp_path, templates)
    assert result.ok, [f.message for f in result.findings]
    lines = docx_text(result.written[1]).split("\n")
    assert "Tabellen:" in lines and "och text efter tabellen." in lines
    assert lines.index("Tabellen:") < lines.index("och text efter tabellen.")
    assert len(Document(result.written[1]).tables) == 1
