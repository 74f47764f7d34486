"""The shipped Uppsala format (templates/uppsala + inputs/uppsala) writes the published
tjänsteskrivelse and delårsbokslut of Arbetsmarknadsnämnden per augusti 2020: the period result
against a nollbudget in miljoner kronor, the result per verksamhetsområde and the uppdrag counted
in words, all from the figures through the formulations."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import REPO, docx_text, render_fast
from test_word_valid import audit

FOLDER = REPO / "inputs" / "uppsala"
TEMPLATES = REPO / "templates" / "uppsala"
RESULT = ("Arbetsmarknadsnämnden redovisar ett överskott per augusti 2020 på 26,4 miljoner "
          "kronor, vilket även är den positiva avvikelsen mot periodens nollbudget.")
COUNTS = ("Av de 31 uppdragen från Mål och budget, verksamhetsplanen och kommunstyrelsen är sju "
          "färdiga, fyra förväntas bli färdiga 2020, elva förväntas bli färdiga 2021 eller "
          "senare, en är stoppad, tre väntar på initiativ från annan nämnd och fem är "
          "försenade.")
PER_AREA = ("Politisk verksamhet 0,2 miljoner kronor, infrastruktur och skydd 0,3 miljoner "
            "kronor, föreningsbidrag 0,1 miljoner kronor, vuxenutbildning 0,1 miljoner kronor, "
            "ekonomiskt bistånd 15,2 miljoner kronor, flyktingmottagande 22,2 miljoner kronor "
            "och arbetsmarknadsåtgärder som visar ett underskott om 11,7 miljoner kronor.")


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[str, object]:
    out = tmp_path_factory.mktemp("uppsala")
    result = render_fast(FOLDER, out, templates=TEMPLATES, date=dt.date(2020, 9, 21))
    assert result.ok, [f.message for f in result.findings]
    assert [f.code for f in result.findings] == []
    memo = next(p for p in result.written if p.name.startswith("Tjänsteskrivelse"))
    report = next(p for p in result.written if p.name.startswith("Delårsbokslut"))
    return {"memo": memo, "report": report}


def test_the_memo_quotes_the_published_result_counts_and_areas(documents):
    text = docx_text(documents["memo"])
    lines = text.splitlines()
    summary = lines[lines.index("Sammanfattning") + 1:lines.index("Ärendet")]
    assert summary[0] == RESULT
    assert COUNTS in summary
    case = lines[lines.index("Ärendet"):lines.index("Beslutsunderlag")]
    assert PER_AREA in case
    assert "Datum:\t2020-09-21" in lines
    assert "3.\tatt lägga uppföljningen av 26-punktsplanen till handlingarna." in lines
    assert [line for line in lines if line.startswith("Bilaga ")][-1] == (
        "Bilaga 4 Uppföljning av 26-punktsplanen")


def test_the_report_has_the_area_table_in_mnkr_and_the_sentences(documents):
    text = docx_text(documents["report"])
    assert RESULT in text and PER_AREA in text and COUNTS in text
    lines = text.splitlines()
    total = lines.index("Nämnden totalt")
    assert lines[total + 1:total + 4] == ["26,4", "0,0", "26,4"]  # utfall, nollbudget, avvikelse
    flykting = lines.index("Flyktingmottagande")
    assert lines[flykting + 3] == "22,2"
    assert ("För helåret prognostiseras ett överskott på 16,2 miljoner kronor mot "
            "nollbudgeten.") in lines  # Belopp i text: the unit in words, as everywhere
    assert "Färdiga uppdrag (7 st.)" in lines and "Försenade uppdrag (5 st.)" in lines


@pytest.mark.slow
def test_the_uppsala_documents_pass_openxml_audit(documents):
    for path in documents.values():
        assert audit(path) == [], path.name


@pytest.mark.slow
@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.docx")))
def test_the_uppsala_templates_pass_openxml_audit(template):
    assert audit(TEMPLATES / template) == []


@pytest.mark.parametrize("area, forecast", [
    ("Vuxenutbildning", "5,5"), ("Ekonomiskt bistånd", "0,5"), ("Flyktingmottagande", "25,4"),
    ("Arbetsmarknadsåtgärder", "-15,5")])
def test_the_forecast_per_area_is_the_published_one(documents, area, forecast):
    """Helårsprognosens resultat per verksamhetsområde as in the published Resultat per
    verksamhet (mnkr): the table's last column, the deviation from the nollbudget."""
    lines = docx_text(documents["report"]).splitlines()
    row = lines.index(area)
    assert lines[row + 6] == forecast


def test_the_aerende_writes_millions_one_way(documents):
    """Belopp i text `miljoner kronor`: no sentence in either document says `mnkr` beside
    another that says `miljoner kronor` (the tables' headings say `mnkr`)."""
    from docx import Document

    for path in documents.values():
        sentences = [p.text for p in Document(path).paragraphs]
        assert not [s for s in sentences if "mnkr" in s], path.name
        assert any("miljoner kronor" in s for s in sentences), path.name


# --- Bilaga 1: the economy tables of the published Delårsbokslut ------------------------------

RESULTAT_PER_AUGUSTI = {  # published, mnkr: kommunbidrag, utfall jan–aug 2020 and 2019, prognos
    "Gymnasial vuxenutbildning och påbyggnadsutbildning (442)": ["75,3", "4,8", "-5,6", "12,1"],
    "Ekonomiskt bistånd (574)": ["453,1", "15,2", "-18,4", "0,5"],
    "Arbetsmarknadsåtgärder (62)": ["154,6", "-11,7", "8,6", "-15,5"],
    "Nämnden totalt": ["798,9", "26,4", "11,0", "16,2"],
}
RESULTAT_PER_VERKSAMHET = {  # published, tkr: prognos augusti, prognos mars, budget, utfall
    # 2019, utfall jan–aug, budget jan–aug
    "Flyktingmottagande (61)": ["25 365", "1 000", "0", "31 453", "22 208", "0"],
    "Svenska för invandrare (460)": ["-7 605", "-3 000", "0", "-291", "-4 973", "0"],
    # the published total is 26 430, but its rows as published add to 26 431: ours foot
    "Alla verksamhetsgrupper": ["16 173", "0", "0", "5 038", "26 431", "0"],
}


def test_bilaga_1_has_the_result_per_code_in_mnkr(documents):
    from helpers import docx_tables, find_table, table_row

    table = find_table(docx_tables(documents["report"]), "Verksamhet, belopp i mnkr")
    assert table[0][1:] == ["Kommunbidrag 2020", "Utfall jan–aug 2020", "Utfall jan–aug 2019",
                            "Prognos 2020"]
    for label, figures in RESULTAT_PER_AUGUSTI.items():
        assert table_row(table, label)[1:] == figures, label


def test_bilaga_1_has_the_result_per_verksamhet_with_last_forecast_and_last_year(documents):
    from helpers import docx_tables, find_table, table_row

    table = find_table(docx_tables(documents["report"]), "Verksamhet, belopp i tkr")
    assert len(table[0]) == 7
    for label, figures in RESULTAT_PER_VERKSAMHET.items():
        assert table_row(table, label)[1:] == figures, label


def test_bilaga_1_has_the_investments_with_last_year_and_the_forecast_span(documents):
    """Published: Investeringar 6 / 1 / 1 / 4 mnkr; Prognososäkerhet 0 / 10, spann 16–26."""
    from helpers import docx_tables, find_table, table_row

    tables = docx_tables(documents["report"])
    invest = find_table(tables, "Objekt")
    assert invest[0][1:] == ["Budget 2020", "Utfall jan–aug 2020", "Utfall jan–aug 2019",
                             "Prognos 2020"]
    assert table_row(invest, "Investeringar")[1:] == ["6,0", "1,1", "1,1", "4,0"]
    span = next(t for t in tables if "Prognos min 2020" in t[0])
    assert table_row(span, "Nämnden totalt")[1:] == ["16,2", "0,0", "10,0", "16,2", "26,2"]


def test_bilaga_1_has_the_income_statement_with_its_declared_subtotals(documents):
    """The published resultaträkning (Arbetsmarknadsnämnden totalt): the subtotals the sheet
    declares (Delsumma) after their rows, Resultat from all rows; Prognos mars is the
    previous forecast."""
    from helpers import docx_tables, table_row

    table = namnd_statement(docx_tables(documents["report"]))
    assert [r[0] for r in table[1:]] == [
        "Intäkter", "Personalkostnader", "Arbetsmarknadsanställningar", "Lokalkostnader",
        "Övriga kostnader", "Res. före avskrivningar och finansnetto", "Avskrivningar",
        "Finansiella intäkter", "Kommunbidrag", "Finansiella kostnader", "Finansnetto",
        "Resultat"]
    assert table[0][1:3] == ["Prognos 2020", "Föregående prognos 2020"]
    assert table_row(table, "Intäkter")[1:] == ["426 707", "407 011", "410 748", "533 185",
                                                 "273 032", "264 786"]
    assert table_row(table, "Finansnetto")[1:3] == ["798 737", "798 757"]
    # published Resultat jan–aug 26 430; the verksamheters' published results add to 26 431
    assert table_row(table, "Resultat")[1:] == ["16 173", "0", "0", "5 039", "26 431", "0"]


def namnd_statement(tables: list) -> list[list[str]]:
    """The nämnd's resultaträkning: of the tables headed Konto, the one with every row."""
    return next(t for t in tables if t[0][0] == "Konto"
                and {"Finansiella intäkter", "Arbetsmarknadsanställningar"} <= {r[0] for r in t})


def test_bilaga_1_has_a_resultatrakning_per_verksamhet_beside_the_namnds(documents):
    """The verksamheters' own Kontogrupper (Vuxenutbildning, Arbetsmarknadsåtgärder) stand with
    the nämnd's: each its own table under the verksamhet, footing to its own result; Res. före
    avskrivningar och finansnetto sums every row above it (Radtyp Delsumma)."""
    from helpers import docx_tables, table_row

    tables = docx_tables(documents["report"])
    konto = [t for t in tables if t[0][0] == "Konto"]
    assert len(konto) == 9  # four verksamheter's, three parts', two together, the nämnd's
    vux, bistand, flykting, arbete = konto[0], konto[2], konto[3], konto[4]
    assert [r[0] for r in vux[1:]] == [
        "Intäkter", "Personalkostnader", "Lokalkostnader", "Övriga kostnader",
        "Res. före avskrivningar och finansnetto", "Avskrivningar", "Kommunbidrag",
        "Finansiella kostnader", "Finansnetto", "Resultat"]
    assert table_row(vux, "Res. före avskrivningar och finansnetto")[1] == "-165 476"
    assert table_row(vux, "Resultat")[1] == "5 486"  # Vuxenutbildning's prognos in Ekonomi
    assert table_row(arbete, "Resultat")[1:] == ["-15 500", "-2 500", "0", "9 351",
                                                 "-11 653", "0"]
    # Ekonomiskt bistånd and Flyktingmottagande as published, Resultat their Ekonomi's
    assert table_row(bistand, "Intäkter")[1:] == ["10 757", "10 554", "10 533", "11 048",
                                                  "7 263", "7 634"]
    assert table_row(bistand, "Resultat")[1:] == [  # published prognos mars −1 000 (rounding)
        "465", "-999", "0", "-38 585", "15 243", "0"]
    assert table_row(flykting, "Resultat")[1:] == ["25 365", "1 000", "0", "31 453", "22 208",
                                                   "0"]
    assert namnd_statement(tables) is konto[8]


def test_bilaga_1_has_the_resultatrakningar_of_parts_under_their_verksamhet_with_prognos(
        documents):
    """The sheets `Kontogrupper <namn>`: Egen regi under Vuxenutbildning, Anställningar and
    Feriejobb under Arbetsmarknadsåtgärder, each after its verksamhet's own analysis; the table
    over ekonomiskt bistånd and flykting after the verksamheter. Each is summed from its rows
    (never reconciled) and followed by its Prognos text."""
    from helpers import docx_tables, table_row

    konto = [t for t in docx_tables(documents["report"]) if t[0][0] == "Konto"]
    assert [table_row(t, "Intäkter")[1] for t in konto] == [
        "241 311", "98 270", "10 757", "77 024", "96 798", "53 770", "3 609", "87 780",
        "426 707"]
    egen_regi, anstallningar, bistand = konto[1], konto[5], konto[7]
    assert table_row(egen_regi, "Res. före avskrivningar och finansnetto")[1] == "-364"
    assert table_row(egen_regi, "Resultat")[1] == "-736"  # published −737: kronor rounding
    assert table_row(anstallningar, "Resultat")[1:] == [
        "-17 349", "-11 776", "0", "-21 028", "-10 201", "-1"]  # published 2019: −21 027
    assert table_row(bistand, "Resultat")[1:4] == ["25 829", "0", "0"]  # published 25 830
    text = docx_text(documents["report"])
    order = ["Vuxenutbildning", "Egen regi", "Egen regi väntas sluta", "Ekonomiskt bistånd",
             "Arbetsmarknadsåtgärder", "Anställningar", "Fler anställningar än budgeterat",
             "Feriejobb", "Färre platser kunde användas", "Bistånd, flykting",
             "Kostnaderna för försörjningsstöd väntas bli lägre än budgeterat, och"]
    chapter = text.index("Analys av ekonomiskt utfall\n")  # the heading, not Bilaga 1's title
    places = [text.index(part, chapter) for part in order]
    assert places == sorted(places)
