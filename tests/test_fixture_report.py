"""The reference fixture: every economy figure of expected.json in its row of the .docx."""

import json
import re

import pytest

from helpers import EXPECTED, docx_tables, docx_text, find_table, parse_shown, table_row

NAMND = "Vuxenutbildnings- och arbetsmarknadsnämnden"
# The source report rounded its figures: a row may differ by up to 1 tkr, a total by 0,5 tkr
# per summed row, a percentage by 1 point (fixtures/README.md).
ENHETER_IN_FIXTURE = 13
SUMMED_ROWS = {"Verksamhet Arbete": 7, "Verksamhet Försörjning": 2, "Nettokostnad": 13,
               "Nettokostnad exkl. intraprenader": 12}


@pytest.fixture(scope="module")
def expected():
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tables(fixture_docx):
    return docx_tables(fixture_docx)


def assert_row(shown: list[str], wanted: list[float], tolerance: float) -> None:
    values = [parse_shown(s) for s in shown]
    assert len(values) == len(wanted), (shown, wanted)
    for got, want, text in zip(values, wanted, shown, strict=True):
        assert got is not None, f"{text!r} is not a number"
        assert abs(got - want) <= tolerance, (shown, wanted)


def test_namnd_table_rows(tables, expected):
    table = find_table(tables, NAMND)
    for label, wanted in expected["namnd_table"].items():
        row = table_row(table, label)
        assert_row(row[1:], wanted, max(1, 0.5 * SUMMED_ROWS.get(label, 1)))


def test_unit_tables_rows(tables, expected):
    unit_rows = {label: None for label in expected["unit_tables"]}
    for table in tables:
        for row in table:
            if row[0] in unit_rows and len(row) == 8:
                unit_rows[row[0]] = row
    for label, wanted in expected["unit_tables"].items():
        assert unit_rows[label] is not None, label
        assert_row(unit_rows[label][1:], wanted, 1)


@pytest.mark.parametrize("section, prefix", [("kontogrupper", "Kontogrupp"),
                                             ("verksamhetsomraden", "Verksamhet, belopp"),
                                             ("investeringar", "Objekt")])
def test_aggregated_tables(tables, expected, section, prefix):
    table = find_table(tables, prefix)
    for label, wanted in expected[section].items():
        assert_row(table_row(table, label)[1:], wanted, 1)


def test_accumulated_block(tables, expected):
    table = find_table(tables, "Ackumulerat resultat")
    acc = expected["ackumulerat"]
    assert_row([table_row(table, "Ingående ackumulerat resultat")[1]], [acc["Ingående"]], 0)
    assert_row([table_row(table, "Ianspråktagande av ackumulerat resultat")[1]],
               [acc["Ianspråktagande"]], 1)
    assert_row([table_row(table, "Utgående ackumulerat resultat")[1]], [acc["Utgående"]], 1)
    adjusted = find_table(tables, "Justerad avvikelse")
    assert table_row(adjusted, "Justerad avvikelse")[1] == table_row(
        find_table(tables, NAMND), "Nettokostnad")[-1]


def test_summary_sentence_carries_exactly_the_51_deviation(fixture_docx, tables, expected):
    text = docx_text(fixture_docx).replace("\u00a0", " ")
    table = find_table(tables, NAMND)
    total = table_row(table, "Nettokostnad")[-1]
    excl = table_row(table, "Nettokostnad exkl. intraprenader")[-1]
    sentences = [line for line in text.splitlines() if "prognostiseras en positiv avvikelse" in line
                 and "inklusive intraprenader" in line]
    assert len(sentences) == 3  # sections 1, 2 and 5 quote the same summary
    assert len(set(sentences)) == 1
    sentence = sentences[0]
    assert f"+{total} tkr inklusive intraprenader" in sentence
    assert f"+{excl} tkr exklusive intraprenader" in sentence
    summary = expected["summary_sentence"]
    assert f"+{summary['procent']} procent inklusive" in sentence
    assert f"+{summary['procent_exkl']} procent exklusive" in sentence
    assert abs(parse_shown(total) - summary["avvikelse"]) <= 0.5 * ENHETER_IN_FIXTURE


def test_decision_points_and_title_page(fixture_docx, expected):
    text = docx_text(fixture_docx)
    points = re.findall(r"^\d+\.\t.+$", text, flags=re.M)
    assert len(points) == expected["decision_points"]
    assert points[0] == f"1.\t{NAMND} fastställer Delårsrapport med prognos 2 för 2021."
    assert points[1] == "2.\tDelårsrapporten överlämnas till Kommunstyrelsen för vidare hantering."
    assert f"Beslutad av {NAMND}, den 24 september 2021, § 77" in text


def test_period_and_year_headers(tables):
    headers = find_table(tables, NAMND)[0]
    assert headers[1] == "Utfall jan–aug 2021"
    unit = find_table(tables, "Verksamhet Arbete")
    assert unit[0][1] == "Bokslut 2020"
    konto = find_table(tables, "Kontogrupp")
    assert "Utfall jan–aug 2020" in konto[0]


def test_verksamhet_sentences(fixture_docx):
    text = docx_text(fixture_docx).replace("\u00a0", " ")
    assert "För helåret prognostiseras en negativ avvikelse mot budget på 4 904 tkr." in text
    assert "För helåret prognostiseras en positiv avvikelse mot budget på +13 360 tkr." in text
