"""A planted-defect corpus: each kind of defect from issue 19 and validering.md is planted in a
clean report (in memory) and must be caught with its code at its place, and the clean report
must stay clean. The corpus is the list an auditor would try; a kind that slips through fails."""

import pytest

from helpers import (EKONOMI_HEADER, MEMO_TEXT, RAPPORT, findings_in_memory, minimal_workbooks,
                     rapport_with)

GOOD = [["Enhet 1", -1000, -600, -650, -1000, -950, None],
        ["Enhet 2", -500, -340, -330, -500, -520, None]]
FIVE_HEADER = ["Grupp", "Nyckeltal", "Nivå", "Utfall år-4", "Utfall år-3", "Utfall år-2",
               "Utfall år-1", "Prognos"]
KONTO = ["Kontogrupp", "Budget helår", "Utfall period", "Prognos helår"]


def ekonomi(rows, header=EKONOMI_HEADER):
    """Alfa's Ekonomi replaced by `rows`."""
    def plant(books):
        books["Alfa.xlsx"]["Ekonomi"] = [header] + rows
    return plant


def alfa_row(**cells):
    """Enhet 2's row with some cells changed (by header)."""
    row = list(GOOD[1])
    for header, value in cells.items():
        row[EKONOMI_HEADER.index(header.replace("_", " "))] = value
    return ekonomi([GOOD[0], row])


def nämnd(**sheets):
    def plant(books):
        books["nämnd.xlsx"].update({k.replace("_", " "): v for k, v in sheets.items()})
    return plant


def alfa_fields(**fields):
    def plant(books):
        books["Alfa.xlsx"]["Verksamhet"] += [[k.replace("_", " "), v] for k, v in fields.items()]
    return plant


def all_of(*plants):
    def plant(books):
        for one in plants:
            one(books)
    return plant


def flipped(books):
    books["Alfa.xlsx"]["Ekonomi"] = [EKONOMI_HEADER] + [
        [r[0], r[1], *(-v for v in r[2:6]), r[6]] for r in GOOD]


def in_kr(books):
    books["Alfa.xlsx"]["Ekonomi"] = [EKONOMI_HEADER] + [
        [r[0], r[1], *(v * 1000 for v in r[2:6]), r[6]] for r in GOOD]


def kommunbidrag(budget):
    header = EKONOMI_HEADER + ["Radtyp"]

    def plant(books):
        books["nämnd.xlsx"]["Rapport"] = rapport_with(Budgetmodell="Kommunbidrag")
        for name, amount in (("Alfa.xlsx", budget), ("Beta.xlsx", 2000)):
            rows = [r + [None] for r in books[name]["Ekonomi"][1:]]
            books[name]["Ekonomi"] = [header] + rows + [
                ["Kommunbidrag", abs(amount), 1000, 1000, amount, abs(amount), None,
                 "Kommunbidrag"]]
    return plant


def no_namnd(books):
    del books["nämnd.xlsx"]


def duplicate_verksamhet(books):
    books["Gamma.xlsx"] = {k: [list(r) for r in v] for k, v in books["Alfa.xlsx"].items()}


def stale_acknowledgement(books):
    books["nämnd.xlsx"]["Kvitterat"] = [["Kod", "Plats", "Motivering"],
                                        ["R10-TECKEN", "Alfa.xlsx › Ekonomi › E2", "Förr."]]


def unmotivated_acknowledgement(books):
    books["Alfa.xlsx"]["Ekonomi"] = [EKONOMI_HEADER, GOOD[0],
                                     ["Enhet 2", -500, -340, -330, 0, -520, None]]
    books["nämnd.xlsx"]["Kvitterat"] = [["Kod", "Plats", "Motivering"],
                                        ["R11-BUDGET-NOLL", "Alfa.xlsx › Ekonomi › E3"]]


def acknowledged_error(books):
    alfa_row(Utfall_period="abc")(books)
    books["nämnd.xlsx"]["Kvitterat"] = [["Kod", "Plats", "Motivering"],
                                        ["R02-EJ-TAL", "Alfa.xlsx › Ekonomi › C3", "Nej."]]


# kind: (plant, code, (file, sheet, cell))
CORPUS = {
    # issue 19, item 1: blank is not zero
    "blank Prognos helår": (alfa_row(Prognos_helår=None), "R01-BELOPP-SAKNAS",
                            ("Alfa.xlsx", "Ekonomi", "F3")),
    "blank Budget helår": (alfa_row(Budget_helår=None), "R01-BELOPP-SAKNAS",
                           ("Alfa.xlsx", "Ekonomi", "E3")),
    "blank Utfall period": (alfa_row(Utfall_period=None), "R01-BELOPP-SAKNAS",
                            ("Alfa.xlsx", "Ekonomi", "C3")),
    "a column of blanks": (ekonomi([[r[0], *r[1:5], None, r[6]] for r in GOOD]),
                           "R01-BELOPP-SAKNAS", ("Alfa.xlsx", "Ekonomi", "F2:F3")),
    "no enheter": (ekonomi([]), "R01-INGA-ENHETER", ("Alfa.xlsx", "Ekonomi", "A2")),
    # item 2: plausibility per workbook
    "every sign flipped": (flipped, "R26-TECKEN-ARBETSBOK", ("Alfa.xlsx", "Ekonomi", "")),
    "kr instead of tkr": (in_kr, "R27-STORLEK-ARBETSBOK", ("Alfa.xlsx", "Ekonomi", "")),
    "percentage typed as a fraction": (nämnd(**{
        "Målområden": [["Nr", "Målområde"], [1, "Mål"]],
        "Indikatorer": [["Målområde", "Indikator", "Enhet", "Utfall år-2", "Utfall år-1",
                         "Prognos"], [1, "Andel nöjda", "%", 0.88, 0.9, 0.895]]}),
        "R28-ANDEL-SOM-PROCENT", ("nämnd.xlsx", "Indikatorer", "D2")),
    "negative kommunbidrag": (kommunbidrag(-1500), "R10-KOMMUNBIDRAG-NEGATIVT",
                              ("Alfa.xlsx", "Ekonomi", "E4")),
    # item 4: tables foot
    "decimals that do not foot": (ekonomi([[r[0], *r[1:4], -11796.4, *r[5:]] for r in GOOD]),
                                  "R06-TABELL-AVRUNDNING", ("Alfa.xlsx", "Ekonomi", "")),
    "typed control row off by rounding": (ekonomi(
        [[f"E{n}", -1, -1, -1, budget, -1, None] for n, budget in
         enumerate([-48562.3, -48562.4, 0.35, 0.35])] + [["Summa", -4, -4, -4, -97126, -4, None]]),
        "R06-KONTROLLSUMMA-AVRUNDNING", ("Alfa.xlsx", "Ekonomi", "E6")),
    # item 5: acknowledged warnings
    "stale acknowledgement": (stale_acknowledgement, "R31-KVITTERING-INAKTUELL",
                              ("nämnd.xlsx", "Kvitterat", "A2")),
    "acknowledgement without motivering": (unmotivated_acknowledgement,
                                           "R31-KVITTERING-MOTIVERING",
                                           ("nämnd.xlsx", "Kvitterat", "A2")),
    "an error acknowledged": (acknowledged_error, "R31-KVITTERING-FEL",
                              ("nämnd.xlsx", "Kvitterat", "A2")),
    # validering.md, rules 1–5: structure and types
    "no nämnd workbook": (no_namnd, "R01-INGEN-NAMND", ("", "", "")),
    "duplicate verksamhet": (duplicate_verksamhet, "R01-DUBBEL-VERKSAMHET",
                             ("Gamma.xlsx", "Verksamhet", "")),
    "missing required field": (nämnd(Rapport=[r for r in RAPPORT if r[0] != "Nämnd"]),
                               "R01-FALT-SAKNAS", ("nämnd.xlsx", "Rapport", "")),
    "missing required column": (ekonomi([r[:5] + r[6:] for r in GOOD],
                                        EKONOMI_HEADER[:5] + EKONOMI_HEADER[6:]),
                                "R01-KOLUMN-SAKNAS", ("Alfa.xlsx", "Ekonomi", "rad 1")),
    "duplicate enhet": (ekonomi(GOOD + [GOOD[0]]), "R01-DUBBEL-ENHET",
                        ("Alfa.xlsx", "Ekonomi", "A4")),
    "text where an amount belongs": (alfa_row(Utfall_period="abc"), "R02-EJ-TAL",
                                     ("Alfa.xlsx", "Ekonomi", "C3")),
    "Excel error value": (alfa_row(Budget_period="#REF!"), "R02-FELVARDE",
                          ("Alfa.xlsx", "Ekonomi", "D3")),
    "unknown Rapporttyp": (nämnd(Rapport=rapport_with(Rapporttyp="Kvartal")), "R03-OKANT-VARDE",
                           ("nämnd.xlsx", "Rapport", "B5")),
    "bad Period till och med": (nämnd(Rapport=rapport_with(Period_till_och_med="sommar")),
                                "R03-OKANT-VARDE", ("nämnd.xlsx", "Rapport", "B7")),
    "header with last year's year": (ekonomi(GOOD, ["Enhet", "Bokslut 2022", *EKONOMI_HEADER[2:]]),
                                     "R04-FEL-AR", ("Alfa.xlsx", "Ekonomi", "B1")),
    "varav naming nothing": (ekonomi(GOOD + [["Del", -1, -1, -1, -1, -1, "Finns ej"]]),
                             "R05-VARAV-OKAND", ("Alfa.xlsx", "Ekonomi", "G4")),
    "varav loop": (ekonomi(GOOD + [["A", -1, -1, -1, -1, -1, "B"], ["B", -1, -1, -1, -1, -1, "A"]]),
                   "R05-VARAV-SLINGA", ("Alfa.xlsx", "Ekonomi", "G4")),
    # rules 6–9: arithmetic
    "typed control total off": (ekonomi(GOOD + [["Summa", -1500, -940, -980, -1500, -1770, None]]),
                                "R06-KONTROLLSUMMA", ("Alfa.xlsx", "Ekonomi", "F4")),
    "typed deviation off": (ekonomi([["Enhet 1", -1000, -600, -650, -1000, -950, 60, None]],
                                    EKONOMI_HEADER[:-1] + ["Avvikelse", "Varav"]),
                            "R07-AVVIKELSE", ("Alfa.xlsx", "Ekonomi", "G2")),
    "Kontogrupper that do not reconcile": (nämnd(Kontogrupper=[
        KONTO, ["Intäkter", 300, 200, 300], ["Kostnader", -4000, -2440, -3760]]),
        "R08-AVSTAMNING", ("nämnd.xlsx", "Kontogrupper", "")),
    "Kontogrupper one tkr off": (nämnd(Kontogrupper=[
        KONTO, ["Intäkter", 300, 200, 300], ["Kostnader", -3801, -2440, -3760]]),
        "R08-AVRUNDNING", ("nämnd.xlsx", "Kontogrupper", "B3")),
    "Kvinnor and Män off the count": (nämnd(**{"Fem år": [
        FIVE_HEADER, ["G", "Antal", 0, 100, 110, 120, 130, 140],
        ["G", "Kvinnor", 1, 50, 55, 60, 66, 70], ["G", "Män", 1, 50, 55, 60, 63, 70]]}),
        "R09-KON-SUMMA", ("nämnd.xlsx", "Fem år", "G3")),
    # rules 10–13: plausibility
    "cost enhet with a positive budget": (alfa_row(Budget_helår=500, Budget_period=330),
                                          "R10-TECKEN", ("Alfa.xlsx", "Ekonomi", "E3")),
    "outcome without budget": (alfa_row(Budget_helår=0, Budget_period=0), "R11-BUDGET-NOLL",
                               ("Alfa.xlsx", "Ekonomi", "E3")),
    "varav larger than its enhet": (ekonomi(GOOD + [["Del", -2000, -1, -1, -1, -1, "Enhet 1"]]),
                                    "R11-VARAV-STORRE", ("Alfa.xlsx", "Ekonomi", "B4")),
    "uneven period budget": (alfa_row(Budget_period=-450), "R12-PERIODISERING",
                             ("Alfa.xlsx", "Ekonomi", "D3")),
    "intraprenad over its accumulated result": (
        all_of(alfa_fields(Intraprenad="Ja", Ingående_ackumulerat_resultat=1),
               alfa_row(Prognos_helår=-600)),
        "R13-IANSPRAKTAGANDE", ("Alfa.xlsx", "Verksamhet", "B5")),
    # rule 17, 19–22: metadata, magnitudes, memo, period, budget model
    "diarienummer later than the decision": (
        nämnd(Rapport=rapport_with(Diarienummer="KS 2026/12", Beslutsdatum="2024-09-20")),
        "R17-METADATA", ("nämnd.xlsx", "Rapport", "B8")),
    "decision before the period ends": (nämnd(Rapport=rapport_with(Beslutsdatum="2024-06-20")),
                                        "R17-METADATA", ("nämnd.xlsx", "Rapport", "B8")),
    "thousands separator read as decimals": (alfa_row(Prognos_helår="-0.520"), "R19-STORLEK",
                                             ("Alfa.xlsx", "Ekonomi", "F3")),
    "no Ärendet for the memo": (nämnd(Text=[["Avsnitt", "Text"]]), "R21-ARENDE-SAKNAS",
                                ("nämnd.xlsx", "Text", "")),
    "Delårsrapport 1 ending in August": (nämnd(Rapport=rapport_with(Rapporttyp="Delårsrapport 1")),
                                         "R20-PERIOD-RAPPORTTYP", ("nämnd.xlsx", "Rapport", "B7")),
    "kommunbidrag row under Nettoram": (ekonomi(GOOD + [["Kommunbidrag", 1, 1, 1, 1, 1, None]]),
                                        "R22-KOMMUNBIDRAG-MODELL", ("Alfa.xlsx", "Ekonomi", "A4")),
}


def test_the_corpus_has_at_least_30_kinds():
    assert len(CORPUS) >= 30


def test_the_clean_report_is_clean():
    assert findings_in_memory(minimal_workbooks()) == []


@pytest.mark.parametrize("kind", list(CORPUS))
def test_each_planted_defect_is_caught_at_its_place(kind):
    plant, code, place = CORPUS[kind]
    books = minimal_workbooks()
    books["nämnd.xlsx"]["Text"] = MEMO_TEXT
    plant(books)
    found = findings_in_memory(books)
    at = [(f.file, f.sheet, f.cell) for f in found if f.code == code]
    assert place in at, [(f.code, f.location) for f in found]
