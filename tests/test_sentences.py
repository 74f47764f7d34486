from decimal import Decimal as D

from assembler.economy import compute_economy
from assembler.model import Organ
from assembler.sentences import economic_summary, economy_intro, verksamhet_sentence
from test_economy import report, row, verksamhet

NBSP = "\u00a0"


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
    r = report(verksamhet("A", [row("E", 0, 0, 0, 0)]))
    assert verksamhet_sentence(r, D(-4903)) == (
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
