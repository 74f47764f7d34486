"""The input contract is declared once (assembler/contract/sheets.py): the package, init, the
example and docs/indata.md take every sheet, header, field and vocabulary from it."""

import ast
from decimal import Decimal
from pathlib import Path

import pytest
from assembler.contract.checked import ValidationError

from assembler.app import init
from assembler.contract import amounts
from assembler.contract import sheets as c
from assembler.contract.doc import BLOCK, blocks, columns_table, regenerated, rules_doc
from assembler.contract.findings import RULES, Findings
from assembler.contract.model import (AmountUnit, ChapterPart, FreeRow, KeyFigure, ReportInfo,
                                      ReportType, Source, TableRowLevel)
from assembler.contract.vocab import CommitmentStatus, RowType, YesNo
from assembler.read.load import read_amount_sheet
from assembler.read.workbook import RawCell, RawRow, RawSheet
from helpers import REPO

PACKAGE = REPO / "assembler"
DOC = REPO / "docs" / "indata.md"
# Stages that read the contract or speak of its cells; compute and render write the document,
# whose words may happen to match a field's name (`Ingående ackumulerat resultat` as a row)
CONTRACT_READERS = {"read", "validate", "app", "verify", "cli"}


def string_constants(path: Path) -> list[tuple[int, str]]:
    """Every string literal of a module but its docstrings, f-string parts included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef,
                                       ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings]


def modules_outside_contract() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py"))
            if p.relative_to(PACKAGE).parts[0] != "contract"]


def test_the_literal_scan_sees_f_strings_and_skips_docstrings(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('"""Budget helår in a docstring."""\nx = f"{1} − Budget helår"\n',
                      encoding="utf-8")
    assert string_constants(module) == [(2, " − Budget helår")]


def test_amount_headers_are_spelled_only_in_the_contract():
    headers = [h for h in c.AMOUNT_HEADERS.values() if " " in h]
    assert {"Budget helår", "Prognos helår", "Utfall period", "Bokslut fg år"} <= set(headers)
    found = [(str(path.relative_to(REPO)), line, text) for path in modules_outside_contract()
             for line, text in string_constants(path) if any(h in text for h in headers)]
    assert found == [], "take the header from assembler.contract.sheets"


# `avvikelse` is also a figure's and a chart's name and a Swedish word; the other keys are only keys
AMOUNT_KEYS = {a.value for a in amounts.Amount} - {amounts.Amount.AVVIKELSE.value}


def test_amount_keys_are_spelled_only_in_the_contract():
    """Every stage names an amount by its member (`Amount.BUDGET_HELAR`): a key written as a
    string is a second definition that a renamed field would silently miss."""
    assert {"budget_helar", "utfall_period", "bokslut_fg", "prognos_helar"} <= AMOUNT_KEYS
    found = [(str(path.relative_to(REPO)), line, text) for path in modules_outside_contract()
             for line, text in string_constants(path) if text in AMOUNT_KEYS]
    assert found == [], "take the key from assembler.contract.amounts.Amount"


def test_the_amount_key_scan_finds_a_key(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('x = figures.get("budget_helar")\n', encoding="utf-8")
    assert [text for _, text in string_constants(module) if text in AMOUNT_KEYS] == [
        "budget_helar"]


def test_every_economy_table_is_declared_from_known_columns_and_amounts():
    """A table names columns of the one column declaration, and an optional sheet's table
    computes only from amounts its sheet has."""
    for table in c.ECONOMY_TABLES:
        for annual in (False, True):
            names = [n.rstrip("?") for n in table.column_names(annual)]
            assert set(names) <= set(amounts.ECONOMY_COLUMNS), table.name
    for name, sheet in c.ECONOMY_SHEETS.items():
        assert sheet.name == name and sheet.table is not None and sheet.table.name == name
        own = {col.field for col in sheet.columns if col.kind == "amount"}
        for annual in (False, True):
            for column_name in sheet.table.column_names(annual):
                needs = amounts.ECONOMY_COLUMNS[column_name.rstrip("?")].needs(annual)
                assert set(needs) <= own, (name, column_name)


def test_the_shipped_templates_choose_declared_columns():
    """`kolumner('…')` in the template generators names columns of the one declaration."""
    import re

    chosen = {name for path in (REPO / "tools").glob("make_*.py")
              for call in re.findall(r"kolumner\(([^)]*)\)", path.read_text(encoding="utf-8"))
              for name in re.findall(r"'(\w+)'", call)}
    assert {"utfall_period", "avvikelse"} <= chosen
    assert chosen <= set(amounts.ECONOMY_COLUMNS)


def test_the_outcome_and_the_deviation_follow_the_report_kind():
    figures = {amounts.Amount.BUDGET_HELAR: Decimal(-100), amounts.Amount.PROGNOS_HELAR:
               Decimal(-90), amounts.Amount.UTFALL_HELAR: Decimal(-120)}
    assert amounts.outcome(False) is amounts.Amount.PROGNOS_HELAR
    assert amounts.outcome(True) is amounts.Amount.UTFALL_HELAR
    assert amounts.deviation(figures) == Decimal(10)
    assert amounts.deviation(figures, annual=True) == Decimal(-20)
    assert amounts.known_deviation({amounts.Amount.BUDGET_HELAR: Decimal(1)}) is None


def test_amount_sheets_declare_how_init_fran_carries_them():
    """`init --från` takes its rules for the amount sheets from the columns: Bokslut fg år is
    last year's Utfall helår across a year, Prognos fg delår the last Prognos helår."""
    from assembler.app.rollforward import ROLLS

    ekonomi = ROLLS[c.normalize(c.EKONOMI.title)]
    assert ekonomi.source(amounts.Amount.BOKSLUT_FG, across=True) == "utfall_helar"
    assert ekonomi.source(amounts.Amount.PROGNOS_FG_DELAR, across=False) == "prognos_helar"
    assert ekonomi.source(amounts.Amount.PROGNOS_FG_DELAR, across=True) is None
    kontogrupper = ROLLS[c.normalize(c.KONTOGRUPPER.title)]
    assert kontogrupper.source(amounts.Amount.BUDGET_FG, across=True) == "budget_helar"
    assert kontogrupper.source(amounts.Amount.UTFALL_PERIOD, across=False) is None
    assert {c.normalize(s.title) for s in c.ECONOMY_SHEETS.values()} <= set(ROLLS)


def test_field_names_and_defaults_are_spelled_only_in_the_contract():
    names = {f.name for sheet in c.SHEETS for f in sheet.fields if " " in f.name}
    defaults = {c.RECIPIENT, c.STYRELSE_RECIPIENT, c.PROPOSER}
    found = []
    for path in modules_outside_contract():
        stage = path.relative_to(PACKAGE).parts[0]
        for line, text in string_constants(path):
            if text in defaults or (stage in CONTRACT_READERS and text in names):
                found.append((str(path.relative_to(REPO)), line, text))
    assert found == [], "take the field from assembler.contract.sheets"


# --- docs/regler.md --------------------------------------------------------------------------

RULES_PATH = REPO / "docs" / "regler.md"


def test_rules_doc_is_generated_from_the_catalogue():
    assert RULES_PATH.read_text(encoding="utf-8") == rules_doc(), (
        "docs/regler.md är inaktuell: kör `python -m assembler.contract.doc docs/regler.md`")


def test_rules_doc_lists_every_rule_with_its_severity_message_and_an_example():
    rows = {line.split(" | ")[0].strip("|` "): line for line in rules_doc().splitlines()
            if line.startswith("| `")}
    assert set(rows) == set(RULES)
    for code, rule in RULES.items():
        assert f"| {rule.severity.value} | {rule.title} | " in rows[code]
        assert rows[code].endswith(" | ".join(text.replace("|", "\\|") for text in
                                              (rule.message, rule.example_message)) + " |")
    assert rows["R07-AVVIKELSE"].endswith(
        "| Inskriven avvikelse 60 tkr men Prognos helår − Budget helår ger 50 tkr. Rätta "
        "avvikelsen eller beloppen. |")


def test_rules_doc_groups_rules_by_prefix():
    text = rules_doc()
    headings = [text.index(h) for h in ("## Arbetsböckerna", "## Mallarna", "## Kommunens")]
    assert headings == sorted(headings)
    assert headings[0] < text.index("`R01-MAPP`") < headings[1] < text.index("`M01-SYNTAX`")
    assert headings[2] < text.index("`K02-RAM`")


# --- docs/indata.md --------------------------------------------------------------------------

def test_indata_doc_tables_are_generated_from_the_contract():
    """A test never rewrites the doc; it says how to."""
    text = DOC.read_text(encoding="utf-8")
    assert text == regenerated(text), (
        "docs/indata.md är inaktuell: kör `python -m assembler.contract.doc docs/indata.md`")


def test_every_contract_table_is_in_the_doc():
    marked = {m.group("name") for m in BLOCK.finditer(DOC.read_text(encoding="utf-8"))}
    assert marked == set(blocks())


def test_a_changed_contract_makes_the_doc_stale():
    text = DOC.read_text(encoding="utf-8")
    stale = text.replace("| `Budget helår` | krävs | krävs | tkr |", "| `Budget helår` | – | – |")
    assert stale != text and regenerated(stale) == text
    with pytest.raises(KeyError):
        regenerated("<!-- kontrakt:okänd -->\n<!-- /kontrakt:okänd -->")


# --- one declaration, every use --------------------------------------------------------------

NEW_COLUMN = c.Column("budget_ny", "Budget ny", "amount", suggestions=("1", "2"), width=22)
WIDER = c.Sheet("Investeringar", (*c.INVESTERINGAR.columns, NEW_COLUMN), c.INVESTERINGAR.levels)


def test_a_column_added_to_the_contract_reaches_init_reading_and_the_doc():
    sheet = init.starter_sheet(WIDER, ReportType.INTERIM_2, 2025)
    position = sheet.headers.index("Budget ny") + 1
    assert position in sheet.amount_columns and sheet.widths[position - 1] == 22
    assert (position, ["1", "2"], True) in sheet.dropdowns
    letters = "ABCDEFGH"[:len(sheet.headers)]
    column = letters[position - 1]
    raw = RawSheet("x.xlsx", "Investeringar", {
        letter: RawCell(h, f"{letter}1")
        for letter, h in zip(letters, sheet.headers, strict=True)},
        [RawRow(2, {"A": RawCell("Skola", "A2"), column: RawCell(-75, f"{column}2")})])
    findings = Findings()
    read = read_amount_sheet(raw, WIDER.columns, 2025, c.DELAR, findings)
    assert read.rows[0].amounts == {"budget_ny": Decimal(-75)}
    assert "| `Budget ny` | frivillig | frivillig | tkr |" in columns_table(WIDER)


def test_init_writes_the_year_bearing_roles_with_their_year():
    konto = init.starter_sheet(c.KONTOGRUPPER, ReportType.INTERIM_1, 2022)
    assert konto.headers[:4] == ["Kontogrupp", "Bokslut 2021", "Budget 2021", "Utfall period 2021"]
    annual = init.starter_sheet(c.EKONOMI, ReportType.ANNUAL, 2022).headers
    assert "Utfall helår" in annual and "Utfall period" not in annual


# --- vocabularies and the typed model --------------------------------------------------------

def test_vocabularies_know_their_aliases_and_show_their_value():
    assert CommitmentStatus.words()["ej påbörjad"] == "Ej påbörjat"
    assert RowType.words()["kommunersättning"] == RowType.KOMMUNBIDRAG
    assert YesNo(YesNo.words()["x"]).truth
    assert f"{ReportType.ANNUAL}" == str(ReportType.ANNUAL) == "Årsberättelse"


def info(**changes) -> dict:
    values = dict(kommun="K", namnd="N", rapporttyp="Årsberättelse", rapporttitel="Å", ar=2024,
                  period_month=12, source=Source(file="f", sheet="Rapport"))
    return values | changes


def test_models_take_plain_strings_and_check_the_contract_on_construction():
    made = ReportInfo(**info(belopp_i_text="mnkr"))
    assert made.rapporttyp is ReportType.ANNUAL and made.belopp_i_text is AmountUnit.MNKR
    assert made.mottagare == c.RECIPIENT and made.forslagsstallare == c.PROPOSER
    for wrong in (dict(period_month=13), dict(rapporttyp="Kvartalsrapport"),
                  dict(belopp_i_text="kr"), dict(ar=1999)):
        with pytest.raises(ValidationError):
            ReportInfo(**info(**wrong))
    source = Source(file="f", sheet="s")
    assert FreeRow(label="x", level="summa", values=[], source=source).level is TableRowLevel.SUMMA
    with pytest.raises(ValidationError):
        ChapterPart(level=5, source=source)
    with pytest.raises(ValidationError):
        KeyFigure(name="x", level=3, values=[], source=source)


def test_init_instructions_list_what_the_report_type_requires(tmp_path):
    from openpyxl import load_workbook

    init.init_folder(tmp_path, 2022, ReportType.ANNUAL, ["Bibliotek"])
    lines = [row[0] for row in load_workbook(tmp_path / "Nämnden.xlsx")["Instruktioner"]
             .iter_rows(values_only=True)]
    assert "Ekonomi: Enhet, Budget helår, Utfall helår" in lines
    assert "Rapport: Kommun, Nämnd, Rapporttyp, År" in lines
