"""The generated sentences, now written by the default formuleringar.docx: they must read
exactly as the Python sentences did before (the literal strings below are their output)."""

from decimal import Decimal as D

import pytest

from assembler.compute.context import build_context
from assembler.compute.economy import compute_economy
from assembler.contract.findings import Findings
from assembler.contract.model import Organ, ReportType
from assembler.app.report import prepare, write_formulations
from helpers import EXAMPLE, FIXTURE
from test_economy import report, row, verksamhet

NBSP = "\u00a0"


def written(r):
    """The context's sentences for a report, in the default wording."""
    context = build_context(r, compute_economy(r))
    assert write_formulations(context, None, Findings())
    return context


def economic_summary(r, economy=None):
    return written(r).ekonomisk_sammanfattning


def economy_intro(r, economy=None):
    return written(r).ekonomi_inledning


def verksamhet_sentence(r):
    return written(r).verksamheter[0].mening


def summary(prognos, unit="tkr", intra=None):
    parts = [verksamhet("A", [row("E", -100, -100, -1000, prognos)])]
    if intra is not None:
        parts.append(verksamhet("I", [row("F", -50, -50, -500, intra)], intraprenad=True))
    r = report(*parts, belopp_i_text=unit)
    return economic_summary(r, compute_economy(r))


def test_positive_deviation_has_plus_and_sign_word():
    text = summary(-900)
    assert "en positiv avvikelse mot budget på +100 tkr" in text
    assert "augusti" in text
    assert "+10,0 procent" in text


def test_negative_deviation_is_not_a_double_negative():
    text = summary(-1250)
    assert "en negativ avvikelse mot budget på 250 tkr" in text
    assert "negativ avvikelse mot budget på -" not in text


def test_deviation_that_rounds_to_zero_reads_as_on_budget():
    assert "i nivå med budget" in summary(D("-1000.4"))


def test_mnkr_unit():
    text = summary(-700_000 + 0, unit="mnkr")
    assert "negativ avvikelse mot budget på 699,0 mnkr" in text


def test_intraprenad_summary_gives_both_deviations_and_both_shares():
    text = summary(-900, intra=-520)
    assert "+80 tkr inklusive intraprenader" in text
    assert "+100 tkr exklusive intraprenader" in text
    assert "+5,3 procent inklusive och +6,7 procent exklusive" in text


def test_verksamhet_sentence():
    r = report(verksamhet("A", [row("E", 0, 0, 0, -4903)]))
    assert verksamhet_sentence(r) == (
        f"För helåret prognostiseras en negativ avvikelse mot budget på 4{NBSP}903 tkr.")


def test_negative_share_after_the_word_negativ_has_no_minus():
    text = summary(-1062)
    assert "negativ avvikelse mot budget på 62 tkr" in text
    assert "Det motsvarar 6,2 procent av nämndens budgetram." in text


def intro(*rows, **info):
    r = report(verksamhet("A", list(rows)), **info)
    return economy_intro(r, compute_economy(r))


def test_a_styrelse_is_never_called_nämnden():
    r = report(verksamhet("A", [row("E", -100, -100, -1000, -900)]), namnd="Kommunstyrelsen")
    economy = compute_economy(r)
    text = economy_intro(r, economy) + economic_summary(r, economy)
    assert "Styrelsens budgetram för 2024" in text and "har styrelsen förbrukat" in text
    assert "av styrelsens budgetram" in text
    assert "nämnd" not in text.lower()


def test_the_organ_field_overrides_the_name():
    r = report(verksamhet("A", [row("E", -100, -100, -1000, -900)]), namnd="Kommunrevisionen",
               organ_field=Organ.UTSKOTT)
    assert "Utskottets budgetram" in economy_intro(r, compute_economy(r))
    assert Organ.from_name("Valberedningen") is Organ.BEREDNING
    assert Organ.from_name("Kultur- och fritidsnämnden") is Organ.NAMND


def test_nollbudget_names_no_ram_and_no_share():
    """A kommunbidrag economy: the net budget is 0, the result is measured against it."""
    rows = [row("Kommunbidrag", 300_000, 300_000, 450_000, 450_000),
            row("Verksamhet", D("-273600"), -300_000, -450_000, -423_600)]
    text = intro(*rows, belopp_i_text="mnkr")
    assert text == ""  # no "budgetram … 0,0 mnkr", no "förbrukat 1 321 550 procent"
    r = report(verksamhet("A", rows), belopp_i_text="mnkr")
    summary_text = economic_summary(r, compute_economy(r))
    assert "positiv avvikelse mot budget på +26,4 mnkr" in summary_text
    assert "procent" not in summary_text and "–" not in summary_text


def test_a_tiny_period_budget_gives_no_absurd_share():
    text = intro(row("E", -13_215, D("-0.001"), -1000, -1000))
    assert "procent" not in text


def test_a_budget_of_the_other_sign_gives_no_share():
    text = intro(row("E", -500, 200, -1000, -1000))
    assert text == f"Nämndens budgetram för 2024 uppgår till 1{NBSP}000 tkr."


GOLDEN = {
    "exempel": {
        "ekonomisk_sammanfattning": "Med utfallet till och med augusti och bed\u00f6mda f\u00f6r\u00e4ndringar under resten av \u00e5ret som grund prognostiseras en positiv avvikelse mot budget p\u00e5 +300 tkr inklusive intraprenader och en positiv avvikelse p\u00e5 +1\u00a0200 tkr exklusive intraprenader. R\u00e4knat i procent av n\u00e4mndens budgetram motsvarar det +0,2 procent inklusive och +0,9 procent exklusive intraprenader.",
        "ekonomi_inledning": "N\u00e4mndens budgetram f\u00f6r 2025 uppg\u00e5r till 129\u00a0500 tkr. Till och med augusti har n\u00e4mnden f\u00f6rbrukat 100 procent av periodens budget, och 99 procent exklusive intraprenader.",
        "investeringsmening": "N\u00e4mndens investeringsutrymme f\u00f6r 2025 \u00e4r 7\u00a0500 tkr. Till och med augusti har 4\u00a0770 tkr anv\u00e4nts, och prognosen f\u00f6r hel\u00e5ret \u00e4r 7\u00a0700 tkr.",
        "meningar": [
            "F\u00f6r hel\u00e5ret prognostiseras en positiv avvikelse mot budget p\u00e5 +110 tkr.",
            "F\u00f6r hel\u00e5ret prognostiseras en positiv avvikelse mot budget p\u00e5 +340 tkr.",
            "F\u00f6r hel\u00e5ret prognostiseras en negativ avvikelse mot budget p\u00e5 900 tkr.",
            "F\u00f6r hel\u00e5ret prognostiseras en positiv avvikelse mot budget p\u00e5 +690 tkr.",
            "F\u00f6r hel\u00e5ret prognostiseras en positiv avvikelse mot budget p\u00e5 +60 tkr."
        ]
    },
    "fixture": {
        "ekonomisk_sammanfattning": "Med utfallet till och med augusti och bed\u00f6mda f\u00f6r\u00e4ndringar under resten av \u00e5ret som grund prognostiseras en positiv avvikelse mot budget p\u00e5 +14\u00a0682 tkr inklusive intraprenader och en positiv avvikelse p\u00e5 +19\u00a0586 tkr exklusive intraprenader. R\u00e4knat i procent av n\u00e4mndens budgetram motsvarar det +2,7 procent inklusive och +3,6 procent exklusive intraprenader.",
        "ekonomi_inledning": "N\u00e4mndens budgetram f\u00f6r 2021 uppg\u00e5r till 548\u00a0683 tkr. Till och med augusti har n\u00e4mnden f\u00f6rbrukat 95 procent av periodens budget, och 92 procent exklusive intraprenader.",
        "investeringsmening": "N\u00e4mndens investeringsutrymme f\u00f6r 2021 \u00e4r 3\u00a0825 tkr. Till och med augusti har 696 tkr anv\u00e4nts, och prognosen f\u00f6r hel\u00e5ret \u00e4r 1\u00a0750 tkr.",
        "meningar": [
            "F\u00f6r hel\u00e5ret prognostiseras en positiv avvikelse mot budget p\u00e5 +13\u00a0360 tkr.",
            "F\u00f6r hel\u00e5ret prognostiseras en positiv avvikelse mot budget p\u00e5 +4\u00a0537 tkr.",
            "F\u00f6r hel\u00e5ret prognostiseras en negativ avvikelse mot budget p\u00e5 4\u00a0904 tkr.",
            "F\u00f6r hel\u00e5ret prognostiseras en positiv avvikelse mot budget p\u00e5 +1\u00a0689 tkr."
        ]
    }
}


@pytest.mark.parametrize("name, folder", [("exempel", EXAMPLE), ("fixture", FIXTURE)])
def test_the_shipped_wording_reads_as_the_python_sentences_did(name, folder):
    if not folder.is_dir():
        pytest.skip("../shared/fixtures saknas")
    prepared = prepare(folder, Findings())
    context = build_context(prepared.report, prepared.economy)
    assert write_formulations(context, None, Findings())
    expected = GOLDEN[name]
    assert context.ekonomisk_sammanfattning == expected["ekonomisk_sammanfattning"]
    assert context.ekonomi_inledning == expected["ekonomi_inledning"]
    assert context.investeringsmening == expected["investeringsmening"]
    assert [v.mening for v in context.verksamheter] == expected["meningar"]


def annual(*rows):
    return report(verksamhet("A", list(rows)), rapporttyp=ReportType.ANNUAL,
                  rapporttitel="Årsberättelse", period_month=12)


def test_annual_wording():
    context = written(annual(row("E", 0, 0, -1000, 0, utfall_helar=-950, bokslut_fg=-900)))
    assert context.ekonomisk_sammanfattning == (
        "Årets utfall för nämnden visar en positiv avvikelse mot budget på +50 tkr. "
        "Det motsvarar +5,0 procent av nämndens budgetram.")
    assert context.ekonomi_inledning == (
        f"Nämndens budgetram för 2024 var 1{NBSP}000 tkr. Årets utfall motsvarar 95 procent "
        f"av budgeten.")
    assert context.verksamheter[0].mening == (
        "Årets utfall visar en positiv avvikelse mot budget på +50 tkr.")


def test_table_headings_follow_the_report_type():
    interim = written(report(verksamhet("A", [row("E", -100, -100, -1000, -900)])))
    assert (interim.rubrik_enheter, interim.rubrik_verksamheter) == (
        "Enheternas delårsresultat och prognos", "Verksamheternas delårsresultat och prognos")
    annual_context = written(annual(row("E", 0, 0, -1000, 0, utfall_helar=-950)))
    assert (annual_context.rubrik_enheter, annual_context.rubrik_verksamheter) == (
        "Enheternas resultat", "Verksamheternas resultat")
