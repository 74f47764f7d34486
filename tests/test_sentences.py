from decimal import Decimal as D

from assembler.economy import compute_economy
from assembler.sentences import economic_summary, verksamhet_sentence
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
