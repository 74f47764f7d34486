"""Issue 20, the kansli's workshop: every template mistake found where it is made, in Swedish,
and never a broken document."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document

from assembler.app.report import TEMPLATES_DIR, example_context, run_template_check
from assembler.contract.findings import Findings
from assembler.verify.templates import check_template, check_wording

REPO = Path(__file__).resolve().parents[1]
SHIPPED_SETS = ["templates", "templates/uppsala", "templates/eskilstuna", "templates/orebro-ks"]


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
