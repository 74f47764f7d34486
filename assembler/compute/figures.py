"""Compute: every economy figure as a named value a template can quote in its own words.

The tables say what a figure is by its column; a sentence written by the kansli needs it by
name (`ekonomi.namnd.avvikelse`). Values stay unrounded Decimals; the template's filters
format them through `fmt`, so a sentence and a table can never disagree. A figure whose
column the economist did not fill in anywhere is None, not 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from .economy import (ZERO, Accumulated, Economy, VerksamhetEconomy, kommunbidrag_rows,
                      rows_with_varav, sum_figures)
from ..contract import amounts
from ..contract.amounts import Amount
from ..contract.model import EconomyRow
from ..contract.sheets import INVESTERINGAR, KONTOGRUPPER, VERKSAMHETSOMRADEN
from .tables import Figures, doc


def _difference(figures: Figures, minuend: str, subtrahend: str) -> Decimal | None:
    if minuend not in figures or subtrahend not in figures:
        return None
    return figures[minuend] - figures[subtrahend]


@dataclass
class FigureSet:
    """The figures of one nämnd, verksamhet, enhet or row, in tkr (costs negative)."""

    namn: str = doc("Namnet: nämnden, verksamheten, enheten eller raden", default="")
    utfall_period: Decimal | None = doc("Utfall för perioden, tkr", default=None)
    budget_period: Decimal | None = doc("Budget för perioden, tkr", default=None)
    avvikelse_period: Decimal | None = doc("Utfall minus budget för perioden, tkr", default=None)
    forbrukning_period: Decimal | None = doc(
        "Förbrukning: utfall / budget för perioden (kvot, skriv med filtret procent)",
        default=None)
    forbrukning_ar: Decimal | None = doc("Utfall för perioden / budget för helåret (kvot)",
                                         default=None)
    forbrukning_helar: Decimal | None = doc("Utfall för helåret / budget för helåret (kvot; "
                                            "årsberättelse)", default=None)
    budget: Decimal | None = doc("Budget för helåret, tkr", default=None)
    prognos: Decimal | None = doc("Prognos för helåret, tkr", default=None)
    utfall: Decimal | None = doc("Utfall för helåret (årsberättelse), tkr", default=None)
    resultat: Decimal | None = doc("Prognosen i en delårsrapport, utfallet i en årsberättelse",
                                   default=None)
    avvikelse: Decimal | None = doc("Årets avvikelse mot budget (resultat minus budget), tkr",
                                    default=None)
    prognos_fg: Decimal | None = doc("Föregående delårsrapports prognos, tkr", default=None)
    forandring_mot_fg_prognos: Decimal | None = doc("Prognos minus föregående prognos, tkr",
                                                    default=None)
    bokslut_fg: Decimal | None = doc("Föregående års bokslut, tkr", default=None)
    verksamhet: str = doc("För en enhet: verksamheten den hör till", default="")
    enheter: list[FigureSet] = doc("För en verksamhet: dess enheter", default_factory=list)
    varav: list[FigureSet] = doc("Raderna varav …", default_factory=list)
    kommunbidrag: FigureSet | None = doc(
        "För en verksamhet med budgetmodellen Kommunbidrag: dess kommunbidrag", default=None)


def usage(outcome: Decimal | None, budget: Decimal | None) -> Decimal | None:
    """Förbrukning, only against a budget that is a real base: not 0 as tables write it, and
    of the outcome's sign (a nollbudget or a budget of the other sign gives no percentage)."""
    if outcome is None or budget is None or abs(budget) < HALF or outcome * budget < 0:
        return None
    return outcome / budget


HALF = Decimal("0.5")


# every amount `figure_set` reads: a row with none of them has no figure at all (each figure it
# computes needs one or two of these)
FIGURE_SET_SOURCES = frozenset({
    Amount.UTFALL_PERIOD, Amount.BUDGET_PERIOD, Amount.BUDGET_HELAR, Amount.PROGNOS_HELAR,
    Amount.UTFALL_HELAR, Amount.PROGNOS_FG_DELAR, Amount.BOKSLUT_FG})


def figure_set(name: str, figures: Figures, annual: bool, verksamhet: str = "") -> FigureSet:
    a = Amount
    period, budget = figures.get(a.UTFALL_PERIOD), figures.get(a.BUDGET_HELAR)
    return FigureSet(
        namn=name,
        utfall_period=period,
        budget_period=figures.get(a.BUDGET_PERIOD),
        avvikelse_period=_difference(figures, a.UTFALL_PERIOD, a.BUDGET_PERIOD),
        forbrukning_period=usage(period, figures.get(a.BUDGET_PERIOD)),
        forbrukning_ar=usage(period, budget) if period is not None else None,
        forbrukning_helar=usage(figures.get(a.UTFALL_HELAR), budget),
        budget=budget,
        prognos=figures.get(a.PROGNOS_HELAR),
        utfall=figures.get(a.UTFALL_HELAR),
        resultat=figures.get(amounts.outcome(annual)),
        avvikelse=amounts.known_deviation(figures, annual),
        prognos_fg=figures.get(a.PROGNOS_FG_DELAR),
        forandring_mot_fg_prognos=_difference(figures, a.PROGNOS_HELAR, a.PROGNOS_FG_DELAR),
        bokslut_fg=figures.get(a.BOKSLUT_FG),
        verksamhet=verksamhet,
    )


def row_sets(rows: list[EconomyRow], annual: bool, verksamhet: str = "") -> list[FigureSet]:
    """One set per summed row, each with its varav rows (nested as they are in the sheet)."""
    result: list[FigureSet] = []
    parents: list[FigureSet] = []
    for row, depth in rows_with_varav([r for r in rows if not r.kommunbidrag]):
        item = figure_set(row.name, row.amounts, annual, verksamhet)
        del parents[depth:]
        (parents[-1].varav if depth else result).append(item)
        parents.append(item)
    return result


@dataclass
class AccumulatedFigures:
    namn: str = doc("Intraprenadens namn")
    ingaende: Decimal = doc("Ingående ackumulerat resultat, tkr")
    avvikelse: Decimal = doc("Årets avvikelse, tkr")
    ianspraktagande: Decimal = doc("Ianspråktagande av ackumulerat resultat, tkr")
    nya_underskott: Decimal = doc("Nya underskott, tkr")
    nya_overskott: Decimal = doc("Nya överskott, tkr")
    utgaende: Decimal = doc("Utgående ackumulerat resultat, tkr")


def accumulated_figures(item: Accumulated) -> AccumulatedFigures:
    return AccumulatedFigures(item.name, item.ingaende, item.deviation, item.ianspraktagande,
                              item.nya_underskott, item.nya_overskott, item.utgaende)


@dataclass
class EconomyFigures:
    """`ekonomi` in templates: the nämnd, its parts and rankings."""

    namnd: FigureSet = doc("Nämndens totala siffror")
    budgetram: Decimal = doc("Nämndens budgetram för året, som positivt belopp i tkr")
    avvikelse_andel: Decimal | None = doc(
        "Årets avvikelse i andel av budgetramen (kvot), tom utan budget")
    avvikelse_andel_exkl: Decimal | None = doc(
        "Avvikelsen exklusive intraprenader i andel av budgetramen (kvot)")
    verksamheter: list[FigureSet] = doc("Varje verksamhets siffror, i rapportens ordning")
    enheter: list[FigureSet] = doc("Alla enheter i alla verksamheter, i rapportens ordning")
    exkl_intraprenader: FigureSet | None = doc("Nämnden exklusive intraprenader", default=None)
    intraprenader: FigureSet | None = doc("Intraprenaderna tillsammans", default=None)
    ackumulerat: list[AccumulatedFigures] = doc("Ackumulerat resultat per intraprenad",
                                                default_factory=list)
    kontogrupper: list[FigureSet] = doc("Raderna i Kontogrupper", default_factory=list)
    verksamhetsomraden: list[FigureSet] = doc("Raderna i Verksamhetsområden",
                                              default_factory=list)
    investeringar: list[FigureSet] = doc("Raderna i Investeringar", default_factory=list)
    investeringar_totalt: FigureSet | None = doc("Investeringarna totalt", default=None)
    budgetmodell: str = doc("Budgetmodellen (fältet Budgetmodell): Nettoram eller Kommunbidrag",
                            default="Nettoram")
    summarad: str = doc("Totalradens namn: Nettokostnad, eller Resultat med Kommunbidrag",
                        default="Nettokostnad")
    resultat: Decimal = doc(
        "Nämndens resultat, överskott positivt: med Kommunbidrag helårets resultat mot "
        "nollbudget (skriv med filtret resultatord), med Nettoram avvikelsen mot budgetramen",
        default=ZERO)
    kommunbidrag: FigureSet | None = doc(
        "Kommunbidraget (raderna med Radtyp Kommunbidrag), tom med Nettoram", default=None)
    nettokostnad: FigureSet | None = doc(
        "Med Kommunbidrag: verksamheternas nettokostnad utan kommunbidraget", default=None)
    utanfor: list[FigureSet] = doc(
        "Verksamheter som redovisas utanför nämndens resultat (fältet Utanför nämndens "
        "resultat); de ingår aldrig i nämndens siffror", default_factory=list)
    verksamheter_positiv_avvikelse: list[FigureSet] = doc(
        "Verksamheter med positiv avvikelse, störst först", default_factory=list)
    verksamheter_negativ_avvikelse: list[FigureSet] = doc(
        "Verksamheter med negativ avvikelse, störst först", default_factory=list)
    enheter_positiv_avvikelse: list[FigureSet] = doc(
        "Enheter med positiv avvikelse, störst först", default_factory=list)
    enheter_negativ_avvikelse: list[FigureSet] = doc(
        "Enheter med negativ avvikelse, störst först", default_factory=list)


class NamndParts(NamedTuple):
    """The nämnd's figures in parts, by their names in `ekonomi`; None where the report has no
    such part (intraprenader; the budget model Kommunbidrag)."""

    exkl_intraprenader: FigureSet | None
    intraprenader: FigureSet | None
    kommunbidrag: FigureSet | None
    nettokostnad: FigureSet | None


def namnd_parts(economy: Economy) -> NamndParts:
    annual, intra, bidrag = (economy.labels.annual, economy.has_intraprenad,
                             economy.has_kommunbidrag)
    return NamndParts(
        exkl_intraprenader=figure_set("exklusive intraprenader", economy.excl_total, annual)
        if intra else None,
        intraprenader=figure_set("intraprenader", economy.intraprenad_total, annual)
        if intra else None,
        kommunbidrag=figure_set("Kommunbidrag", economy.kommunbidrag_total, annual)
        if bidrag else None,
        nettokostnad=figure_set("Nettokostnad", economy.net_total, annual) if bidrag else None)


def ranked(sets: list[FigureSet], positive: bool) -> list[FigureSet]:
    """Largest deviation of one sign first; ties keep the report's order."""
    chosen = [s for s in sets if s.avvikelse is not None and (s.avvikelse > 0 if positive
                                                              else s.avvikelse < 0)]
    return sorted(chosen, key=lambda s: abs(s.avvikelse or ZERO), reverse=True)


def economy_figures(economy: Economy, namnd_name: str, sheets: dict[str, list[EconomyRow]]
                    ) -> EconomyFigures:
    """`sheets`: the rows of Kontogrupper, Verksamhetsområden and Investeringar as the tables
    use them (nämnd level, or summed over the verksamheter)."""
    annual = economy.labels.annual
    verksamheter = [verksamhet_figures(part, annual) for part in economy.verksamheter]
    enheter = [e for v in verksamheter for e in v.enheter]
    namnd = figure_set(namnd_name, economy.total, annual)
    namnd.varav = [figure_set(name, figures, annual) for name, figures in economy.varav_groups]
    investments = sheets.get(INVESTERINGAR.name, [])
    kommunbidrag = economy.has_kommunbidrag
    return EconomyFigures(
        budgetmodell=economy.labels.model.value, summarad=economy.labels.total,
        resultat=(namnd.resultat or ZERO) if kommunbidrag else (namnd.avvikelse or ZERO),
        utanfor=[verksamhet_figures(part, annual) for part in economy.utanfor],
        namnd=namnd, budgetram=economy.budgetram,
        avvikelse_andel=economy.share_of_budgetram(economy.deviation),
        avvikelse_andel_exkl=economy.share_of_budgetram(economy.deviation_excl)
        if economy.has_intraprenad else None,
        verksamheter=verksamheter, enheter=enheter,
        **namnd_parts(economy)._asdict(),
        ackumulerat=[accumulated_figures(p.accumulated) for p in economy.verksamheter
                     if p.accumulated],
        kontogrupper=row_sets(sheets.get(KONTOGRUPPER.name, []), annual),
        verksamhetsomraden=row_sets(sheets.get(VERKSAMHETSOMRADEN.name, []), annual),
        investeringar=row_sets(investments, annual),
        investeringar_totalt=figure_set("Totalt", economy.sheet_totals.get(
            INVESTERINGAR.name, {}), annual)
        if investments else None,
        verksamheter_positiv_avvikelse=ranked(verksamheter, positive=True),
        verksamheter_negativ_avvikelse=ranked(verksamheter, positive=False),
        enheter_positiv_avvikelse=ranked(enheter, positive=True),
        enheter_negativ_avvikelse=ranked(enheter, positive=False),
    )



def verksamhet_figures(part: VerksamhetEconomy, annual: bool) -> FigureSet:
    name, rows = part.verksamhet.name, part.verksamhet.ekonomi.rows
    item = figure_set(name, part.total, annual)
    item.enheter = row_sets(rows, annual, name)
    if any(r.kommunbidrag for r in rows):
        item.kommunbidrag = figure_set("Kommunbidrag", sum_figures(
            [r.amounts for r in kommunbidrag_rows(rows)]), annual, name)
    return item
