"""The report model is stdlib dataclasses that check themselves (contract/checked.py), not
pydantic models: every value pydantic refused is still refused at construction, every value it
converted is converted the same way, and the models the reader builds from every shipped
example are already fully typed. Also: findings printed to a pipe without rich are the lines
rich printed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from decimal import Decimal

import pytest

from assembler.app.report import load_and_validate
from assembler.cli import commands
from assembler.contract import checked
from assembler.contract.amounts import Amount
from assembler.contract.checked import ValidationError, model_dump
from assembler.contract.findings import Findings, Severity
from assembler.contract.model import (AmountSheet, ChapterPart, DecisionPoint, EconomyRow,
                                      FreeRow, KeyFigure, ListItem, ReportInfo, Source,
                                      SupportingDocument, TableRowLevel, Value)
from assembler.contract.vocab import AmountUnit, BudgetModel, ReportType

from helpers import FIXTURE, REPO

SOURCE = Source(file="f.xlsx", sheet="Ekonomi", row=3)


def info(**changes) -> dict:
    return dict(kommun="K", namnd="N", rapporttyp="Årsberättelse", rapporttitel="Å", ar=2024,
                period_month=12, source=SOURCE) | changes


@pytest.mark.parametrize("make", [
    lambda: ReportInfo(**info(ar=1999)),  # before the contract's first year
    lambda: ReportInfo(**info(period_month=0)),
    lambda: ReportInfo(**info(period_month="tretton")),
    lambda: ReportInfo(**info(rapporttyp="Kvartalsrapport")),  # not in the vocabulary
    lambda: ReportInfo(**info(belopp_i_text="kr")),
    lambda: ReportInfo(**info(beslutsdatum="18 september")),
    lambda: ReportInfo(**info(beslutsdatum=dt.datetime(2024, 9, 18, 14, 30))),
    lambda: ReportInfo(**info(kommun=12)),  # a number is no text
    lambda: ReportInfo(**info(source="f.xlsx")),
    lambda: ChapterPart(level=5, source=SOURCE),
    lambda: KeyFigure(name="x", level=3, values=[], source=SOURCE),
    lambda: Value(decimals=-1),
    lambda: Value(number="många"),
    lambda: Value(number=True),  # a truth value is no amount
    lambda: DecisionPoint(nr=0, text="x"),
    lambda: ListItem(text="x", status="Klar", expected_year=2024.5, source=SOURCE),
    lambda: EconomyRow(name="E", amounts={Amount.BUDGET_HELAR: "x"}, source=SOURCE),
    lambda: EconomyRow(name="E", amounts=[], source=SOURCE),
    lambda: EconomyRow(name="E", amounts={}, kommunbidrag="kanske", source=SOURCE),
    lambda: FreeRow(label="x", level="rubrik 9", values=[], source=SOURCE),
    lambda: AmountSheet(rows=[{"name": "E"}]),  # a dict is checked as the model it stands for
])
def test_an_invalid_value_fails_at_construction(make):
    with pytest.raises(ValidationError):
        make()


def test_a_missing_required_field_fails_at_construction():
    with pytest.raises(TypeError):
        EconomyRow(name="E", source=SOURCE)


def test_values_are_converted_as_pydantic_converted_them():
    made = ReportInfo(**info(belopp_i_text="mnkr", ar="2024", budgetmodell="Nettoram",
                             beslutsdatum=dt.datetime(2024, 9, 18)))
    assert made.rapporttyp is ReportType.ANNUAL and made.belopp_i_text is AmountUnit.MNKR
    assert made.budgetmodell is BudgetModel.NETTORAM and made.ar == 2024
    assert made.beslutsdatum == dt.date(2024, 9, 18) and type(made.beslutsdatum) is dt.date
    assert ReportInfo(**info(beslutsdatum="2024-09-18")).beslutsdatum == dt.date(2024, 9, 18)
    assert FreeRow(label="x", level="summa", values=[], source=SOURCE).level is TableRowLevel.SUMMA
    number = Value(number=3, decimals=2.0)
    assert number.number == Decimal(3) and type(number.number) is Decimal
    assert number.decimals == 2 and type(number.decimals) is int
    assert Value(number=0.1).number == Decimal("0.1")
    # a vocabulary member where text is declared becomes its value, as a key and as a value
    row = EconomyRow(name="E", amounts={Amount.BUDGET_HELAR: 5}, group=ReportType.ANNUAL,
                     source=SOURCE)
    assert [type(key) for key in row.amounts] == [str] and row.amounts == {"budget_helar": 5}
    assert type(row.group) is str and row.group == "Årsberättelse"
    assert row.get(Amount.BUDGET_HELAR) == Decimal(5)
    assert EconomyRow(name="E", amounts={}, unreadable=["a", "a"], source=SOURCE).unreadable \
        == {"a"}


def test_containers_are_copied_never_shared_with_the_caller():
    amounts = {"budget_helar": Decimal(1)}
    rows: list = []
    row = EconomyRow(name="E", amounts=amounts, source=SOURCE)
    sheet = AmountSheet(rows=rows)
    amounts["x"] = Decimal(2)
    rows.append(row)
    assert row.amounts == {"budget_helar": Decimal(1)} and sheet.rows == []


def test_a_changed_copy_is_checked_again():
    value = Value(number=Decimal(1))
    assert dataclasses.replace(value, decimals=2).decimals == 2
    with pytest.raises(ValidationError):
        dataclasses.replace(value, decimals=-2)


def test_source_is_frozen_and_models_compare_by_value():
    with pytest.raises(dataclasses.FrozenInstanceError):
        SOURCE.row = 4  # type: ignore[misc]
    assert Source(file="f.xlsx", sheet="Ekonomi", row=3) == SOURCE
    assert Value(text="-") != Value(text="–")


def test_model_dump_leaves_out_excluded_fields_and_keeps_value_types():
    document = SupportingDocument(dokument="Bilaga", diarienummer="KS 1", source=SOURCE)
    assert model_dump(document) == {"dokument": "Bilaga", "diarienummer": "KS 1"}
    dumped = model_dump(EconomyRow(name="E", amounts={"a": 1}, source=SOURCE))
    assert dumped["source"] == {"file": "f.xlsx", "sheet": "Ekonomi", "row": 3, "cells": {}}
    assert dumped["amounts"] == {"a": Decimal(1)} and dumped["unreadable"] == set()


def models_in(value, found: list) -> list:
    """Every model instance reachable from `value`."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        found.append(value)
        for spec in dataclasses.fields(value):
            models_in(getattr(value, spec.name), found)
    elif isinstance(value, (list, tuple, set)):
        for item in value:
            models_in(item, found)
    elif isinstance(value, dict):
        for item in value.values():
            models_in(item, found)
    return found


@pytest.mark.parametrize("folder", [
    *sorted(p for p in (REPO / "inputs").iterdir() if p.is_dir() and p.name != "kommun"),
    *sorted(p for p in (REPO / "inputs" / "kommun").iterdir() if p.is_dir()),
    FIXTURE])
def test_the_reader_builds_fully_typed_models(folder):
    """Checking again converts nothing: every value the reader gave has its declared type, down
    to each key and item (an Amount member where the model keeps plain text would compare
    equal, so the types are compared too). The reader's amount rows are built unchecked
    (`checked.typed_already`) on the strength of this."""
    if not folder.is_dir():
        pytest.skip("the reference case is not here")
    report = load_and_validate(folder, Findings())
    assert report is not None
    instances = models_in(report, [])
    assert len(instances) > 20 and any(isinstance(m, EconomyRow) for m in instances)
    for instance in instances:
        for name, _exact, convert in checked.field_checks(type(instance)):
            value = getattr(instance, name)
            if isinstance(instance, EconomyRow) and name == "unreadable":
                value = set()  # filled in after construction with the blank required fields
            assert typed_alike(convert(value), value), (type(instance).__name__, name, value)


def typed_alike(a, b) -> bool:
    """Equal, and of the same types all the way down (keys, items, values)."""
    if type(a) is not type(b) or a != b:
        return False
    if isinstance(a, dict):
        return all(typed_alike(k, key) and typed_alike(a[k], b[key])
                   for k, key in zip(a, b, strict=True))
    if isinstance(a, (list, tuple)):
        return all(typed_alike(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, (set, frozenset)):
        return sorted(map(repr, a)) == sorted(map(repr, b))
    return True


def test_models_built_as_typed_already_are_not_checked():
    with checked.typed_already():
        unchecked = Value(decimals=-1)
    assert unchecked.decimals == -1
    with pytest.raises(ValidationError):
        Value(decimals=-1)  # checked again outside


# --- findings printed without rich ------------------------------------------------------------

def printed(findings: Findings, plain: bool, monkeypatch) -> str:
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    if not plain:
        monkeypatch.setattr(commands, "_plain_lines", lambda groups, stream: None)
    commands.print_findings(findings, stderr=False)
    return out.getvalue()


def some_findings(message_value: str) -> Findings:
    from assembler.contract.findings import R06_KONTROLLSUMMA_AVRUNDNING, R21_ARENDE_SAKNAS

    findings = Findings()
    findings.add(R21_ARENDE_SAKNAS)
    findings.add(R06_KONTROLLSUMMA_AVRUNDNING, file="a [b].xlsx", sheet="Ekonomi", cell="B9",
                 found=message_value, expected="-98 046 tkr", diff="1 tkr")
    return findings


@pytest.mark.parametrize("found", ["-98 045 tkr", "[bold]x[/] \\[y]", "–"])
def test_findings_to_a_pipe_are_the_lines_rich_printed(found, monkeypatch):
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    findings = some_findings(found)
    assert findings[0].severity in (Severity.ERROR, Severity.WARNING)
    assert commands._plain_lines([(None, list(findings))], io.StringIO()) is not None
    assert printed(findings, True, monkeypatch) == printed(findings, False, monkeypatch)


@pytest.mark.parametrize("found", [":thumbs_up: 10:30:00", "a\tb", "a\rb"])
def test_what_rich_would_change_is_printed_by_rich(found, monkeypatch):
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    findings = some_findings(found)
    assert commands._plain_lines([(None, list(findings))], io.StringIO()) is None
    assert printed(findings, True, monkeypatch) == printed(findings, False, monkeypatch)
