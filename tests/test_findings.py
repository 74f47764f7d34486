"""The findings catalogue as a library: rule constants, declared fields, typed locations."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import textwrap

import pytest

from assembler.contract import findings as catalogue
from assembler.contract.findings import (R06_KONTROLLSUMMA, R08_AVSTAMNING, R11_BUDGET_NOLL,
                                         RULES, DocumentPassage, Finding, Findings, Rule,
                                         TemplateParagraph, TemplatePart, TemplateTableCell,
                                         WordingRow, WorkbookCell, constant_name, template_place)

from helpers import REPO

CODE_LITERAL = re.compile(r"""["'][RMK][0-9]{2}-[A-Z0-9-]+["']""")


def test_every_rule_is_a_constant_named_after_its_code():
    constants = {name: value for name, value in vars(catalogue).items()
                 if isinstance(value, Rule)}
    assert {rule.code: name for name, rule in constants.items()} == \
        {code: constant_name(code) for code in RULES}
    assert all(RULES[rule.code] is rule for rule in constants.values())
    assert constant_name("R01-BELOPP-SAKNAS") == "R01_BELOPP_SAKNAS"


def test_a_rule_must_declare_the_fields_of_its_message_and_an_example_of_each():
    with pytest.raises(ValueError, match="the message uses"):
        Rule("X01-PROV", catalogue.E, "Prov", "{found} mot {diff}")
    with pytest.raises(ValueError, match="example"):
        Rule("X01-PROV", catalogue.E, "Prov", "{found} mot {diff}", ("diff",), {"diff": "1"})
    rule = Rule("X01-PROV", catalogue.E, "Prov", "{found} mot {diff}", ("diff",),
                {"found": "3", "diff": "1"})
    assert rule.example_message == "3 mot 1"


def test_every_rule_has_an_example_message():
    for rule in RULES.values():
        shown = rule.example_message
        assert not any(f"{{{name}}}" in shown for name in catalogue.message_fields(rule.message))
        assert shown and "\n" not in shown, rule.code  # one row of docs/regler.md


def test_add_takes_a_rule_constant_not_its_code():
    findings = Findings()
    code: object = R11_BUDGET_NOLL.code  # a string, as call sites wrote it before
    with pytest.raises(TypeError, match="R07_AVVIKELSE"):
        findings.add(code, found="x")  # type: ignore[arg-type]
    findings.add(R11_BUDGET_NOLL, file="A.xlsx", sheet="Ekonomi", cell="D7", found="1 tkr")
    assert findings[0].code == "R11-BUDGET-NOLL" and findings[0].rule is R11_BUDGET_NOLL


def test_add_rejects_an_unknown_or_a_missing_field():
    findings = Findings()
    with pytest.raises(TypeError, match=r"unknown fields \['dif'\], missing fields \['diff'\]"):
        findings.add(R06_KONTROLLSUMMA, found="1", expected="2", dif="-1")
    with pytest.raises(TypeError, match=r"missing fields \['column', 'other'"):
        findings.add(R08_AVSTAMNING, found="1", expected="2", diff="-1", sheet_name="x")
    with pytest.raises(TypeError, match=r"unknown fields \['diff'\]"):
        findings.add(R11_BUDGET_NOLL, found="1", diff="-1")
    findings.add(R06_KONTROLLSUMMA, found="10", expected="12", diff="-2")
    assert findings[0].message.startswith("Inskriven summa 10 men raderna ger 12 (skillnad -2)")
    assert findings[0].values == {"diff": "-2"}


def test_add_takes_a_location_typed_or_as_a_cell_by_keywords():
    findings = Findings()
    with pytest.raises(TypeError, match="not both"):
        findings.add(R11_BUDGET_NOLL, TemplatePart("rapport.docx"), file="A.xlsx")
    findings.name_row("A.xlsx", "Ekonomi", 7, "Stadsbiblioteket")
    findings.add(R11_BUDGET_NOLL, file="A.xlsx", sheet="Ekonomi", cell="D7")
    findings.add(R11_BUDGET_NOLL, WorkbookCell("A.xlsx", "Ekonomi", "D7"))
    findings.add(R11_BUDGET_NOLL, TemplateParagraph("r.docx", "brödtext", 7))
    assert findings[0] == findings[1] and findings[0].at == WorkbookCell("A.xlsx", "Ekonomi", "D7")
    assert findings[0].location == "A.xlsx › Ekonomi › D7 (Stadsbiblioteket)"
    assert findings[2].entity == ""  # a paragraph is on no row


@pytest.mark.parametrize("where, kind", [
    ("", TemplatePart("rapport.docx", "sidhuvud")),
    ("stycke 12", TemplateParagraph("rapport.docx", "sidhuvud", 12)),
    ("tabell 2", TemplateTableCell("rapport.docx", "sidhuvud", 2)),
    ("tabell 2, rad 3", TemplateTableCell("rapport.docx", "sidhuvud", 2, 3)),
    ("tabell 2, rad 3, cell 1", TemplateTableCell("rapport.docx", "sidhuvud", 2, 3, 1)),
    ("brödtext, bild 2", TemplatePart("rapport.docx", "sidhuvud", "brödtext, bild 2")),
])
def test_a_template_place_is_typed_and_prints_as_render_names_it(where, kind):
    at = template_place("rapport.docx", "sidhuvud", where)
    assert at == kind
    assert (at.file, at.sheet, at.cell) == ("rapport.docx", "sidhuvud", where)


def test_every_location_kind_fills_the_json_columns_as_before():
    kinds = {WorkbookCell("A.xlsx", "Ekonomi", "D7"): ("A.xlsx", "Ekonomi", "D7"),
             TemplateParagraph("r.docx", "brödtext", 4): ("r.docx", "brödtext", "stycke 4"),
             TemplateTableCell("r.docx", "sidfot", 1, 2, 3):
                 ("r.docx", "sidfot", "tabell 1, rad 2, cell 3"),
             TemplatePart("r.docx"): ("r.docx", "", ""),
             DocumentPassage("Rapport.docx", "5.1 Ekonomi", "”Nämnden …”"):
                 ("Rapport.docx", "5.1 Ekonomi", "”Nämnden …”"),
             WordingRow("formuleringar.docx", 3, "avvikelse"):
                 ("formuleringar.docx", "tabell", "rad 3 (avvikelse)")}
    for at, (file, sheet, cell) in kinds.items():
        shown = Finding(R11_BUDGET_NOLL, at, found="x").as_dict()
        assert (shown["file"], shown["sheet"], shown["cell"]) == (file, sheet, cell)
        assert shown["location"] == " › ".join(p for p in (file, sheet, cell) if p)
        assert list(shown) == ["code", "severity", "file", "sheet", "cell", "entity",
                               "location", "message", "found", "expected", "kvitterad"]


def test_a_finding_moves_to_another_file_with_its_location_kind():
    finding = Finding(R11_BUDGET_NOLL, TemplateParagraph("r.docx", "brödtext", 4))
    assert finding.in_file("Mapp/r.docx").at == TemplateParagraph("Mapp/r.docx", "brödtext", 4)


def _python_files():
    return sorted(p for p in (REPO / "assembler").rglob("*.py")
                  if p != REPO / "assembler" / "contract" / "findings.py")


def test_no_rule_code_is_written_as_a_literal_outside_the_catalogue():
    """Codes are constants: `python /work/codemod_findings.py .` rewrites what slipped in."""
    found = []
    for path in _python_files():
        for token in _string_tokens(path):
            if CODE_LITERAL.fullmatch(token.string):
                found.append(f"{path.relative_to(REPO)}:{token.start[0]} {token.string}")
    assert found == []


def _string_tokens(path):
    import io
    import tokenize

    text = path.read_text(encoding="utf-8")
    return [t for t in tokenize.generate_tokens(io.StringIO(text).readline)
            if t.type == tokenize.STRING]


def test_every_call_site_gives_the_fields_its_rule_declares():
    """`add(RULE, …)` read from the source: a field misspelt on a path no test takes fails
    here too. Calls that spread a dict (`**where`) may give fields through it."""
    wrong = []
    location = {"file", "sheet", "cell", "at", "found", "expected"}
    for path in _python_files():
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                    and call.func.attr == "add" and call.args
                    and isinstance(call.args[0], ast.Name) and call.args[0].id in vars(catalogue)
                    and isinstance(rule := vars(catalogue)[call.args[0].id], Rule)):
                continue
            given = {k.arg for k in call.keywords if k.arg} - location
            spread = any(k.arg is None for k in call.keywords)
            declared = set(rule.fields)
            if given - declared or (not spread and declared - given):
                wrong.append(f"{path.relative_to(REPO)}:{call.lineno} {rule.code}: "
                             f"gives {sorted(given)}, declared {sorted(declared)}")
    assert wrong == []


def test_template_and_document_findings_have_a_template_location():
    """M… and R18 point into a Word file: located by a template location, never as a
    workbook's cell."""
    wrong = []
    for path in _python_files():
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) \
                    and call.func.attr == "add" and call.args \
                    and isinstance(call.args[0], ast.Name) \
                    and re.match(r"^(M[0-9]{2}|R18)_", call.args[0].id) \
                    and {k.arg for k in call.keywords} & {"file", "sheet", "cell"}:
                wrong.append(f"{path.relative_to(REPO)}:{call.lineno} {call.args[0].id}")
    assert wrong == []


@pytest.mark.slow
def test_mypy_rejects_a_misspelt_rule_and_a_code_string(tmp_path):
    pytest.importorskip("mypy")
    snippet = tmp_path / "snippet.py"
    snippet.write_text(textwrap.dedent("""\
        from assembler.contract import findings
        from assembler.contract.findings import Findings

        collected = Findings()
        collected.add(findings.R07_AVVIKLSE, found="1")
        collected.add("R07-AVVIKELSE", found="1")
        collected.add(findings.R07_AVVIKELSE, found="1", formula="a")
    """), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental",
                           "--follow-imports=silent", "--config-file",
                           str(REPO / "pyproject.toml"), str(snippet)],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    errors = [line for line in done.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 2, done.stdout
    assert 'has no attribute "R07_AVVIKLSE"' in errors[0]
    assert ':6: error: Argument 1 to "add" of "Findings" has incompatible type "str"' in errors[1]
