"""Compute: the generated sentences that quote figures (rapporten.md §4).

Every figure comes from `Economy`, formatted by `fmt`, so a sentence can never disagree with
the table it summarises. The sign is carried by words (`positiv`/`negativ avvikelse`); a
negative amount after `negativ` is written without its minus to avoid a double negative.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from . import fmt
from .economy import ZERO, Economy
from .model import Report


@dataclass(frozen=True)
class Amounts:
    """How amounts are written in sentences: the `Belopp i text` unit."""

    unit: str = "tkr"

    def rounds_to_zero(self, value: Decimal) -> bool:
        shown = value / 1000 if self.unit == "mnkr" else value
        return fmt.round_half_up(shown, 1 if self.unit == "mnkr" else 0) == 0

    def with_sign_word(self, value: Decimal) -> str:
        """`+14 684 tkr` when positive, `4 903 tkr` when negative (the word says negative)."""
        return fmt.amount_sentence(value, self.unit, signed=value > 0)

    def magnitude(self, value: Decimal) -> str:
        return fmt.amount_sentence(abs(value), self.unit, signed=False)


def sign_word(value: Decimal, amounts: Amounts) -> str:
    if amounts.rounds_to_zero(value):
        return "ingen"
    return "positiv" if value > 0 else "negativ"


def deviation_phrase(value: Decimal, amounts: Amounts, against: str = "mot budget") -> str:
    """`en positiv avvikelse mot budget på +14 684 tkr` / `ett utfall i nivå med budget`."""
    if amounts.rounds_to_zero(value):
        return "ett utfall i nivå med budget"
    return f"en {sign_word(value, amounts)} avvikelse {against} på {amounts.with_sign_word(value)}"


def percent_phrase(ratio: Decimal | None) -> str:
    """Signed (`+2,7 procent`, `-0,7 procent`): this sentence has no sign word to carry it."""
    if ratio is None:
        return fmt.DASH
    return fmt.percent_sentence(ratio)


def share_after_sign_word(ratio: Decimal) -> str:
    """The share of a deviation a sign word already named: `+2,7 procent` when positive, but
    `6,2 procent` when negative, as the amount is written (never `negativ … -6,2 procent`)."""
    return fmt.percent_sentence(ratio, signed=ratio > 0)


def has_base(base: Decimal, amounts: Amounts) -> bool:
    """A budget a percentage can be taken of: one that is not 0 as the text writes it."""
    return not amounts.rounds_to_zero(base)


def usage_share(used: Decimal | None, outcome: Decimal, budget: Decimal,
                amounts: Amounts) -> Decimal | None:
    """Förbrukning, only where the budget is a real base of the same sign as the outcome:
    against a nollbudget or a budget of the other sign, no percentage means anything."""
    if used is None or not has_base(budget, amounts) or (outcome > 0) != (budget > 0):
        return None
    return used


def summary_opening(report: Report, economy: Economy, amounts: Amounts) -> str:
    phrase = deviation_phrase(economy.deviation, amounts)
    if report.info.rapporttyp.is_annual:
        return f"Årets utfall för {report.info.organ.definite} visar {phrase}"
    month = fmt.month_name(report.info.period_month)
    return (f"Med utfallet till och med {month} och bedömda förändringar under resten av året "
            f"som grund prognostiseras {phrase}")


def economic_summary(report: Report, economy: Economy) -> str:
    """The summary of the year's forecast (Årsberättelse: outcome), quoted in sections 1 and 2
    and in the memo."""
    amounts = Amounts(report.info.belopp_i_text)
    opening = summary_opening(report, economy, amounts)
    whose = report.info.organ.genitive
    with_ram = has_base(economy.budgetram, amounts)
    share_total = economy.share_of_budgetram(economy.deviation)
    if not economy.has_intraprenad:
        sentence = opening + "."
        if share_total is not None and with_ram and not amounts.rounds_to_zero(economy.deviation):
            sentence += (f" Det motsvarar {share_after_sign_word(share_total)} "
                         f"av {whose} budgetram.")
        return sentence
    share_excl = economy.share_of_budgetram(economy.deviation_excl)
    sentence = (f"{opening} inklusive intraprenader och "
                f"{deviation_phrase(economy.deviation_excl, amounts).replace(' mot budget', '')}"
                f" exklusive intraprenader.")
    if share_total is None or share_excl is None or not with_ram:
        return sentence
    return (f"{sentence} Räknat i procent av {whose} budgetram motsvarar det "
            f"{percent_phrase(share_total)} inklusive och {percent_phrase(share_excl)} "
            f"exklusive intraprenader.")


def economy_intro(report: Report, economy: Economy) -> str:
    """The opening paragraph of section 5: budgetram and förbrukning for the period. Against a
    nollbudget (a kommunbidrag economy) there is no ram to name and no förbrukning to take."""
    amounts = Amounts(report.info.belopp_i_text)
    organ = report.info.organ
    month = fmt.month_name(report.info.period_month)
    annual = report.info.rapporttyp.is_annual
    total = economy.total
    if annual:
        used = usage_share(economy.forbrukning_period, total.get("utfall_helar", ZERO),
                           total.get("budget_helar", ZERO), amounts)
    else:
        used = usage_share(economy.forbrukning_period, total.get("utfall_period", ZERO),
                           total.get("budget_period", ZERO), amounts)
    parts = []
    if has_base(economy.budgetram, amounts):
        verb = "var" if annual else "uppgår till"
        parts.append(f"{organ.genitive.capitalize()} budgetram för {report.info.ar} {verb} "
                     f"{amounts.magnitude(economy.budgetram)}.")
    excl = economy.forbrukning_period_excl if economy.has_intraprenad else None
    if annual and used is not None:
        text = f"Årets utfall motsvarar {fmt.percent_sentence(used, False, 0)} av budgeten"
        if excl is not None:
            text += f", och {fmt.percent_sentence(excl, False, 0)} exklusive intraprenader"
        parts.append(text + ".")
    elif not annual and used is None and parts and \
            not has_base(total.get("budget_period", ZERO), amounts):
        parts.append(f"Periodbudgeten till och med {month} är noll, så förbrukningen kan inte "
                     f"anges.")
    elif not annual and used is not None:
        text = (f"Till och med {month} har {organ.definite} förbrukat "
                f"{fmt.percent_sentence(used, signed=False, decimals=0)} av periodens budget")
        if excl is not None:
            text += (f", och {fmt.percent_sentence(excl, signed=False, decimals=0)} "
                     f"exklusive intraprenader")
        parts.append(text + ".")
    return " ".join(parts)


def verksamhet_sentence(report: Report, deviation: Decimal) -> str:
    amounts = Amounts(report.info.belopp_i_text)
    if report.info.rapporttyp.is_annual:
        return f"Årets utfall visar {deviation_phrase(deviation, amounts)}."
    return f"För helåret prognostiseras {deviation_phrase(deviation, amounts)}."


def investment_sentence(report: Report, economy: Economy) -> str:
    total = economy.investeringar_total
    if not total:
        return ""
    amounts = Amounts(report.info.belopp_i_text)
    month = fmt.month_name(report.info.period_month)
    budget = total.get("budget_helar", Decimal(0))
    if report.info.rapporttyp.is_annual:
        used = total.get("utfall_helar", Decimal(0))
        return (f"{report.info.organ.genitive.capitalize()} investeringsutrymme för "
                f"{report.info.ar} var "
                f"{amounts.magnitude(budget)}, och under året har {amounts.magnitude(used)} "
                f"använts.")
    used = total.get("utfall_period", Decimal(0))
    forecast = total.get("prognos_helar", Decimal(0))
    return (f"{report.info.organ.genitive.capitalize()} investeringsutrymme för {report.info.ar} "
            f"är {amounts.magnitude(budget)}. "
            f"Till och med {month} har {amounts.magnitude(used)} använts, och prognosen för "
            f"helåret är {amounts.magnitude(forecast)}.")
