"""Builds the shipped formats besides the default: a template set in `templates/<namn>/` and an
example report folder with the published document's figures in `inputs/<namn>/`, one function
per format. Run `python tools/make_formats.py` to recreate them; it overwrites the files.

Uppsala: Arbetsmarknadsnämnden's tjänsteskrivelse and delårsbokslut per augusti 2020
(`../shared/reference/tjansteskrivelse-delarsbokslut-augusti-2020-arbetsmarknadsnamnden-
uppsala.txt`):
budgetmodell Kommunbidrag (results against a nollbudget), amounts in mnkr, uppdrag counted in
words, ISO dates. The figures are the published ones; every person's name is invented.
"""

from __future__ import annotations

import sys
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook, load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from make_example import header_row, key_values  # noqa: E402
from make_templates import (add, decision_proposal, memo_header, new_document,  # noqa: E402
                            set_properties)
from make_wording import build as build_wording_table  # noqa: E402
from uppsala_bilagor import (DOCUMENTS as UPPSALA_BILAGOR,  # noqa: E402
                             WORDING as UPPSALA_BILAGA_WORDING, add_area_analysis,
                             add_followup_sheets, memo_followup, report_areas,
                             uppdrag_kommentar)

from assembler.contract import sheets as contract  # noqa: E402
from assembler.contract.amounts import Amount  # noqa: E402
from assembler.render.wordxml import stable_zip  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PERIOD_SHARE = 8 / 12

# --- Uppsala -------------------------------------------------------------------------------

# verksamhetsområde: (kommunbidrag helår, resultat jan–aug, resultat helårsprognos), tkr.
# As published in the resultaträkningar per verksamhet: kommunbidrag vuxenutbildning 171 944,
# ekonomiskt bistånd 453 026, flykting 9 121, arbetsmarknad 154 679 (the three small areas share
# the remaining 10 118 of the nämnd's 798 888 as 2 + 6 + 2 mnkr); period results as in "Resultat
# per verksamhet" (191; 318; 68; vuxenutbildning 223 + 4 806 − 4 973 = 56; 15 243; 22 208;
# −11 653 → 26,4 mnkr); helårsprognos per area (vuxenutbildning 1 023 + 12 068 − 7 605 = 5 486):
# 16 173 tkr in total (the published 16 175 includes 2 tkr of "Övriga verksamheter").
UPPSALA_OMRADEN = [
    ("Politisk verksamhet", 2_100, 191, 100),
    ("Infrastruktur och skydd", 6_018, 318, 257),
    ("Föreningsbidrag", 2_000, 68, 0),
    ("Vuxenutbildning", 171_944, 56, 5_486),
    ("Ekonomiskt bistånd", 453_026, 15_243, 465),
    ("Flyktingmottagande", 9_121, 22_208, 25_365),
    ("Arbetsmarknadsåtgärder", 154_679, -11_653, -15_500),
]
# kommunbidrag jan–aug as published (Bud jan–aug); the small areas share the rest of 533 890
UPPSALA_BIDRAG_PERIOD = {
    "Politisk verksamhet": 1_400, "Infrastruktur och skydd": 3_983, "Föreningsbidrag": 1_333,
    "Vuxenutbildning": 110_061, "Ekonomiskt bistånd": 307_695, "Flyktingmottagande": 7_247,
    "Arbetsmarknadsåtgärder": 102_171,
}

UPPSALA_STATUSAR = [
    ("Klart", "Färdiga uppdrag", "färdiga", None, 7),
    ("Klart 2020", "Förväntas bli färdiga 2020", "förväntas bli färdiga 2020", None, 4),
    ("Klart 2021 eller senare", "Förväntas bli färdiga 2021 eller senare",
     "förväntas bli färdiga 2021 eller senare", None, 11),
    ("Stoppat", "Stoppade uppdrag", "är stoppade", "är stoppad", 1),
    ("Väntar på annan nämnd", "Väntar på initiativ från annan nämnd",
     "väntar på initiativ från annan nämnd", None, 3),
    ("Försenat", "Försenade uppdrag", "är försenade", "är försenad", 5),
]

UPPDRAG_TEXTER = [
    "Utveckla samverkan med det lokala näringslivet om praktikplatser",
    "Ta fram en plan för fler språkpraktikplatser",
    "Följa upp kommunens feriearbeten för unga",
    "Samordna vägledning för vuxna studerande",
    "Införa digital ansökan om ekonomiskt bistånd",
    "Utreda ett gemensamt mottagande för nyanlända",
    "Utveckla uppföljningen av arbetsmarknadsanställningar",
    "Öka andelen kvinnor i arbetsmarknadsinsatser",
    "Kartlägga behovet av yrkesutbildning inom vården",
    "Pröva en modell för snabbare aktivering av nya hushåll",
    "Samverka med Arbetsförmedlingen om rustande insatser",
    "Ta fram en plan för sociala företag",
    "Utveckla kontrollen av nya ärenden om försörjningsstöd",
    "Förbättra övergången från sfi till vidare studier",
    "Erbjuda studie- och yrkesvägledning på fler språk",
    "Utreda lokalbehovet för vuxenutbildningen",
    "Följa upp etableringen för kvotflyktingar",
    "Utveckla validering av utländsk yrkeserfarenhet",
    "Ta fram nyckeltal för arbetsmarknadsinsatsernas effekt",
    "Stärka det förebyggande arbetet mot långvarigt bistånd",
    "Samordna insatser för unga som varken arbetar eller studerar",
    "Utveckla budget- och skuldrådgivningen",
    "Införa en gemensam introduktion för nyanställda",
    "Pröva lärlingsutbildning inom fler yrken",
    "Kartlägga hinder för deltidsarbetande att gå upp i tid",
    "Utreda samlokalisering med socialtjänsten",
    "Ta fram en kompetensförsörjningsplan för förvaltningen",
    "Utveckla samarbetet med civilsamhället om mottagande",
    "Följa upp upphandlade utbildningsplatser",
    "Utreda gemensam it-plattform med annan nämnd",
    "Samordna insatser för personer med funktionsnedsättning med annan nämnd",
]


def save_workbook(wb: Workbook, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def add_sheet(wb: Workbook, title: str, rows: list[list]) -> None:
    ws = wb.create_sheet(title)
    header_row(ws, rows[0])
    for row in rows[1:]:
        ws.append(row)


def uppsala_verksamhet(folder: Path, ordning: int, spec) -> None:
    """One verksamhetsområde: its net cost and its kommunbidrag against a nollbudget."""
    name, bidrag, resultat_period, resultat_helar = spec
    bidrag_period = UPPSALA_BIDRAG_PERIOD.get(name, round(bidrag * PERIOD_SHARE))
    wb = Workbook()
    ws = wb.active
    ws.title = "Verksamhet"
    key_values(ws, [("Verksamhet", name), ("Ordning", ordning), ("Ansvarig", "Avdelningschef")])
    add_sheet(wb, "Ekonomi", [
        ["Enhet", "Utfall period", "Budget period", "Budget helår", "Prognos helår", "Radtyp"],
        [name, -bidrag_period + resultat_period, -bidrag_period, -bidrag, -bidrag + resultat_helar,
         None],
        ["Kommunbidrag", bidrag_period, bidrag_period, bidrag, bidrag, "Kommunbidrag"],
    ])
    add_area_analysis(wb, name, add_sheet)
    if name in VERKSAMHET_KONTOGRUPPER:
        add_kontogrupper(wb, balanced(VERKSAMHET_KONTOGRUPPER[name], {
            Amount.PROGNOS_HELAR: resultat_helar, Amount.BUDGET_HELAR: 0,
            Amount.UTFALL_PERIOD: resultat_period, Amount.BUDGET_PERIOD: 0}))
    for part, rows in PART_KONTOGRUPPER.get(name, {}).items():
        add_kontogrupper(wb, rows, part)
    save_workbook(wb, folder / f"{name}.xlsx")


def uppsala_namnd(folder: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Rapport"
    key_values(ws, [
        ("Kommun", "Uppsala kommun"), ("Nämnd", "Arbetsmarknadsnämnden"),
        ("Förvaltning", "Arbetsmarknadsförvaltningen"), ("Rapporttyp", "Delårsrapport 2"),
        ("Rapporttitel", "Delårsbokslut"), ("År", 2020), ("Period till och med", "augusti"),
        ("Beslutsdatum", "2020-09-24"), ("Diarienummer", "AMN-2020-00307"),
        ("Mottagare", "Kommunstyrelsen"), ("Förvaltningschef", "Maria Lindqvist Exempel"),
        ("Handläggare", "Johan Berglund, Sara Holm"), ("Belopp i text", "miljoner kronor"),
        ("Budgetmodell", "Kommunbidrag"),
    ])
    add_sheet(wb, "Beslut", [
        ["Nr", "Beslutspunkt", "Att-sats"],
        [1, "Arbetsmarknadsnämnden godkänner delårsbokslut per augusti 2020.",
         "godkänna delårsbokslut per augusti 2020"],
        [2, "Delårsbokslut per augusti 2020 överlämnas till kommunstyrelsen.",
         "överlämna delårsbokslut per augusti 2020 till kommunstyrelsen"],
        [3, "Uppföljningen av 26-punktsplanen läggs till handlingarna.",
         "lägga uppföljningen av 26-punktsplanen till handlingarna"],
    ])
    add_sheet(wb, "Beslutsunderlag", [
        ["Dokument", "Diarienummer"],
        ["Analys av ekonomiskt utfall delår 2", None],
        ["Nyckeltal delår 2", None],
        ["Uppföljning av inriktningsmål, nämndmål, uppdrag och åtgärder", None],
        ["Uppföljning av 26-punktsplanen", None],
    ])
    add_sheet(wb, "Text", [
        ["Avsnitt", "Text"],
        ["Mål", "I sex av de nio inriktningsmålen i Mål och budget 2020–2022 förväntas nämnden "
                "bidra helt eller i hög grad till att uppfylla målen, och i tre bidra delvis."],
        ["Ärendet", "Nämnden redovisar i delårsbokslutet sitt ekonomiska resultat per augusti "
                    "och status för inriktningsmål och uppdrag."],
        ["Ekonomisk analys", "Överskottet inom ekonomiskt bistånd och flyktingmottagandet beror "
         "främst på lägre kostnader för försörjningsstöd än budgeterat. Underskottet inom "
         "arbetsmarknadsåtgärder beror på högre kostnader för arbetsmarknadsanställningar."],
        *([contract.KONTOGRUPPER_DEL.title + part, text] for part, text in PART_TEXTS.items()),
    ])
    add_sheet(wb, "Statusar", [["Lista", "Status", "Rubrik", "I text", "I text ental"]] + [
        ["Uppdrag", status, rubrik, i_text, ental]
        for status, rubrik, i_text, ental, _ in UPPSALA_STATUSAR])
    statuses = [s[0] for s in UPPSALA_STATUSAR for _ in range(s[4])]
    add_sheet(wb, "Uppdrag", [["Uppdrag", "Status", "Kommentar"]] + [
        [text, status, uppdrag_kommentar(status, statuses[:number].count(status))]
        for number, (text, status) in enumerate(zip(UPPDRAG_TEXTER, statuses, strict=True))])
    add_followup_sheets(wb, add_sheet)
    save_workbook(wb, folder / "Arbetsmarknadsnämnden.xlsx")


UPPSALA_WORDING = [
    ("periodens_resultat",
     "{% set r = ekonomi.namnd.avvikelse_period %}{{ namnd }} redovisar "
     "{% if r is noll %}ett nollresultat per {{ period_manad }} {{ ar }}{% else %}ett "
     "{{ r | resultatord }} per {{ period_manad }} {{ ar }} på "
     "{{ r | mnkr(tecken='inget', ord=True) }}, vilket även är den "
     "{% if r > 0 %}positiva{% else %}negativa{% endif %} avvikelsen mot periodens nollbudget"
     "{% endif %}.",
     "Periodens resultat mot nollbudgeten (Kommunbidrag), i miljoner kronor."),
    ("resultat_per_verksamhetsomrade",
     "{% set ns = namespace(delar=[]) %}{% for v in ekonomi.verksamheter %}"
     "{% set r = v.avvikelse_period %}{% set namn = v.namn if loop.first else v.namn | lower %}"
     "{% if r is noll %}{% set del_ = namn ~ ' i nivå med nollbudget' %}"
     "{% elif r < 0 %}{% set del_ = namn ~ ' som visar ett underskott om ' "
     "~ (r | mnkr(tecken='inget', ord=True)) %}"
     "{% else %}{% set del_ = namn ~ ' ' ~ (r | mnkr(ord=True)) %}{% endif %}"
     "{% set ns.delar = ns.delar + [del_] %}{% endfor %}{{ ns.delar | lista }}.",
     "Periodens resultat per verksamhetsområde i en mening."),
    ("uppdragsmening",
     "{% set u = listor.uppdrag %}Av de {{ u.antal }} uppdragen från Mål och budget, "
     "verksamhetsplanen och kommunstyrelsen är {{ lista_mening(u) }}.",
     "Uppdragen räknade per status, i ord."),
    ("helarsprognos",
     "För helåret prognostiseras {{ resultat(ekonomi.resultat) }} mot nollbudgeten.",
     "Helårsprognosen mot nollbudgeten."),
]


def uppsala_memo(doc) -> None:
    memo_header(doc, "Tjänsteskrivelse till {{ namnd }}", (
        ("Datum", "{{ skrivelse_datum | datum('iso') }}"), ("Diarienummer", "{{ diarienummer }}"),
        ("Handläggare", "{{ handlaggare }}")),
        "{{ rapporttitel }} per {{ period_manad }} {{ ar }}")
    decision_proposal(doc)
    add(doc, "Sammanfattning", "Rubrik memo")
    add(doc, "{{ formulering.periodens_resultat }}")
    add(doc, "{{p text.mal }}")
    add(doc, "{{ formulering.uppdragsmening }}")
    add(doc, "Ärendet", "Rubrik memo")
    add(doc, "{{p text.arendet }}")
    add(doc, "{{ formulering.periodens_resultat }}")
    add(doc, "{{ organets | capitalize }} resultat per verksamhetsområde:")
    add(doc, "{{ formulering.resultat_per_verksamhetsomrade }}")
    add(doc, "{{p text.ekonomisk_analys }}")
    add(doc, "I samband med bokslutet rapporterar {{ organ }} status för arbetet med "
             "inriktningsmål och uppdrag i Mål och budget.")
    add(doc, "{{p text.mal }}")
    add(doc, "{{ formulering.uppdragsmening }}")
    memo_followup(doc)
    add(doc, "Beslutsunderlag", "Rubrik memo")
    add(doc, "{%p for d in beslutsunderlag %}")
    add(doc, "Bilaga {{ loop.index }} {{ d.dokument }}")
    add(doc, "{%p endfor %}")
    add(doc, "{{ forvaltning }}", "Memo underskrift")
    add(doc, "{{ forvaltningschef }}", "Memo namn")
    add(doc, "{% if forvaltningschef %}Direktör{% endif %}")


def uppsala_report(doc) -> None:
    """The report is Bilaga 1 of the tjänsteskrivelse's beslutsunderlag: its header block
    says so and names its subject, as Bilagor 2–4 do."""
    memo_header(doc, "Bilaga 1", (
        ("Datum", "{{ skrivelse_datum | datum('iso') }}"),
        ("Nämndbehandlas", "{{ beslutsdatum | datum('iso') }}"),
        ("Handläggare", "{{ handlaggare }}")),
        "Analys av ekonomiskt utfall per {{ period_manad }} {{ ar }}")
    add(doc, "Resultat per verksamhetsområde", "Rubrik memo")
    add(doc, "Belopp i miljoner kronor. Resultatet mäts mot en nollbudget.", keep_with_next=True)
    add(doc, "{{p tabell.namnd | kolumner('utfall_period', 'budget_period', "
             "'avvikelse_period', 'budget', 'prognos', 'avvikelse') | enhet('mnkr') "
             "| summarad('Nämnden totalt') }}")
    add(doc, "Utfall och prognos", "Rubrik memo")
    add(doc, "{{ formulering.periodens_resultat }} {{ organets | capitalize }} resultat per "
             "verksamhetsområde:")
    add(doc, "{{ formulering.resultat_per_verksamhetsomrade }}")
    add(doc, "{{ formulering.helarsprognos }}")
    add(doc, "{{p text.ekonomisk_analys }}")
    add(doc, "Uppdrag", "Rubrik memo")
    add(doc, "{{ formulering.uppdragsmening }}")
    add(doc, "{%p for s in listor.uppdrag.statusar if s.antal %}")
    add(doc, "{{ s.rubrik }} ({{ s.antal }} st.)", "List Bullet")
    add(doc, "{%p endfor %}")
    report_areas(doc)


# --- Uppsala, Bilaga 1: the economy tables of the published "Delårsbokslut augusti 2020" -----

# "Resultat per augusti" and "Resultat per verksamhet", tkr: (verksamhet with its code,
# kommunbidrag 2020, utfall 2019, utfall jan–aug 2019, utfall jan–aug 2020, prognos augusti,
# prognos mars). Published: kommunbidrag per code in mnkr (2, 6, 2, 25, 75, 72, 453, 9, 155 →
# 798 888 tkr as the verksamheters' Ekonomi), the rest in tkr from "Resultat per verksamhet";
# jan–aug 2019 only in mnkr (0, 0, 0, 2, −6, 6, −18, 16, 9, 1 → 11): tkr invented to round so.
# Övriga verksamheter carries the published rounding (1 tkr in 2019), so that the sheet sums
# to the verksamheters' Ekonomi: 26 431 in the period (the published 26 430 adds rounded
# lines) and 16 173 in the prognos (the published 16 175 adds 2 tkr to it).
UPPSALA_RESULTAT = [
    ("Politisk verksamhet (1)", 2_100, 282, 215, 191, 100, 0),
    ("Infrastruktur, skydd m.m. (2)", 5_900, 48, 234, 318, 257, 0),
    ("Kultur, övrigt (31)", 2_000, 46, -80, 68, 0, 0),
    ("Grundläggande vuxenutbildning (441)", 25_000, 861, 2_400, 223, 1_023, 1_000),
    ("Gymnasial vuxenutbildning och påbyggnadsutbildning (442)", 75_300, 1_872, -5_550, 4_806,
     12_068, 4_500),
    ("Svenska för invandrare (460)", 72_000, -291, 6_450, -4_973, -7_605, -3_000),
    ("Ekonomiskt bistånd (574)", 453_100, -38_585, -18_400, 15_243, 465, -1_000),
    ("Flyktingmottagande (61)", 8_900, 31_453, 15_700, 22_208, 25_365, 1_000),
    ("Arbetsmarknadsåtgärder (62)", 154_588, 9_351, 8_600, -11_653, -15_500, -2_500),
    ("Övriga verksamheter", 0, 1, 1_400, 0, 0, 0),
]
RESULTAT_FIELDS = (Amount.KOMMUNBIDRAG_HELAR, Amount.BOKSLUT_FG, Amount.UTFALL_PERIOD_FG,
                   Amount.UTFALL_PERIOD, Amount.PROGNOS_HELAR, Amount.PROGNOS_FG_DELAR)
# Prognososäkerhet as published for the nämnd (försämring 0, förbättring 10 mnkr → spann 16–26):
# the förbättring is ekonomiskt bistånd's (försörjningsstödet), invented per row
UPPSALA_SAKERHET = {"Ekonomiskt bistånd (574)": (0, 10_000)}
# Investeringar as published (KF-budget 6, utfall jan–aug 1, jan–aug 2019 1, prognos 4 mnkr),
# split on the two places the text names: (objekt, budget, jan–aug, jan–aug 2019, prognos)
UPPSALA_INVESTERINGAR = [
    ("Möbler och inventarier, Gottsunda", 2_500, 700, 500, 2_500),
    ("Möbler och inventarier, Boländerna", 3_500, 400, 600, 1_500),
]


# The nämnd's resultaträkning per kontogrupp as published ("Arbetsmarknadsnämnden totalt"), tkr:
# prognos augusti, prognos mars, budget 2020, utfall 2019, utfall jan–aug, budget jan–aug, and
# the Delsumma it counts in. The published rows carry rounding from kronor (the printed
# subtotals and Resultat differ by 1–3 tkr from the rows' sums); Övriga kostnader takes that
# (−769 982, −785 906, −494 977 and −526 546 for the published −769 981, −785 907, −494 978
# and −526 544), so that
# the sheet agrees with the verksamheters' Ekonomi to the krona.
RF, FN = "Res. före avskrivningar och finansnetto", "Finansnetto"
UPPSALA_KONTOGRUPPER = [
    ("Intäkter", 426_707, 407_011, 410_748, 533_185, 273_032, 264_786, RF, None),
    ("Personalkostnader", -291_019, -285_662, -291_471, -273_818, -187_722, -189_046, RF, None),
    ("Arbetsmarknadsanställningar", -101_072, -90_714, -86_891, -171_464, -66_390, -52_751, RF,
     None),
    ("Lokalkostnader", -43_863, -42_590, -43_079, -63_047, -29_044, -28_807, RF, None),
    ("Övriga kostnader", -769_982, -784_405, -785_906, -740_273, -494_977, -526_546, RF, None),
    ("Avskrivningar", -3_335, -2_397, -2_161, -2_326, -2_261, -1_441, None, None),
    ("Finansiella intäkter", 1, 1, 1, 2, 1, 1, FN, None),
    ("Kommunbidrag", 798_888, 798_888, 798_888, 722_890, 533_890, 533_890, FN, "Kommunbidrag"),
    ("Finansiella kostnader", -152, -132, -129, -110, -98, -86, FN, None),
]
KONTOGRUPPER_FIELDS = (Amount.PROGNOS_HELAR, Amount.PROGNOS_FG_DELAR, Amount.BUDGET_HELAR,
                       Amount.BOKSLUT_FG, Amount.UTFALL_PERIOD, Amount.BUDGET_PERIOD)


# The resultaträkningar per verksamhet as published in Bilaga 1 ("Resultaträkning för
# vuxenutbildningen totalt", "Arbetsmarknad totalt"), tkr, in the nämnd's columns (below). Res.
# före avskrivningar och finansnetto sums every row above it (Radtyp Delsumma), Finansnetto its
# group (Delsumma). The published rows carry rounding from kronor: Övriga kostnader takes it
# (`balanced`), so that each sheet agrees with its verksamhet's Ekonomi to the krona. Ekonomiskt
# bistånd and flykting ("Utfall ekonomiskt bistånd", "… flykting") also stand as one table over
# both (NAMND_PART_KONTOGRUPPER); their "varav försörjningsstödskostnader" rows are left out.
VERKSAMHET_KONTOGRUPPER = {
    "Vuxenutbildning": [
        ("Intäkter", 241_311, 227_468, 228_121, 225_727, 148_428, 148_952, None, None),
        ("Personalkostnader", -104_947, -102_636, -103_777, -95_852, -66_743, -67_390, None,
         None),
        ("Lokalkostnader", -16_801, -17_659, -17_794, -21_778, -11_047, -11_862, None, None),
        ("Övriga kostnader", -285_036, -275_828, -277_744, -271_546, -179_909, -179_259, None,
         None),
        (RF, None, None, None, None, None, None, None, "Delsumma"),
        ("Avskrivningar", -932, -739, -700, -667, -698, -467, None, None),
        ("Kommunbidrag", 171_944, 171_944, 171_944, 166_591, 110_061, 110_061, FN,
         "Kommunbidrag"),
        ("Finansiella kostnader", -50, -48, -50, -31, -34, -33, FN, None),
    ],
    "Ekonomiskt bistånd": [
        ("Intäkter", 10_757, 10_554, 10_533, 11_048, 7_263, 7_634, None, None),
        ("Personalkostnader", -76_238, -70_788, -73_288, -69_672, -49_835, -47_661, None, None),
        ("Lokalkostnader", -6_391, -6_470, -5_075, -6_432, -4_268, -3_434, None, None),
        ("Övriga kostnader", -380_425, -387_044, -384_914, -368_570, -245_436, -264_047, None,
         None),
        (RF, None, None, None, None, None, None, None, "Delsumma"),
        ("Avskrivningar", -255, -266, -270, -270, -170, -180, None, None),
        ("Finansiella intäkter", 1, 1, 1, 1, 1, 1, FN, None),
        ("Kommunbidrag", 453_026, 453_026, 453_026, 395_323, 307_695, 307_695, FN,
         "Kommunbidrag"),
        ("Finansiella kostnader", -10, -12, -13, -13, -6, -9, FN, None),
    ],
    "Flyktingmottagande": [
        ("Intäkter", 77_024, 69_945, 72_979, 110_132, 57_408, 48_890, None, None),
        ("Personalkostnader", -10_517, -12_945, -13_489, -14_163, -7_000, -8_869, None, None),
        ("Lokalkostnader", -4_947, -5_638, -7_615, -18_612, -3_148, -5_076, None, None),
        ("Övriga kostnader", -45_149, -59_316, -60_829, -53_859, -32_188, -42_081, None, None),
        (RF, None, None, None, None, None, None, None, "Delsumma"),
        ("Avskrivningar", -152, -152, -152, -152, -101, -101, None, None),
        ("Kommunbidrag", 9_121, 9_121, 9_121, 8_122, 7_247, 7_247, FN, "Kommunbidrag"),
        ("Finansiella kostnader", -14, -15, -16, -15, -9, -10, FN, None),
    ],
    "Arbetsmarknadsåtgärder": [
        ("Intäkter", 96_798, 96_762, 96_712, 183_705, 59_265, 57_717, None, None),
        ("Personalkostnader", -84_179, -82_261, -83_386, -76_772, -54_697, -53_657, None, None),
        ("Arbetsmarknadsanställningar", -101_072, -90_714, -86_891, -171_464, -66_390, -52_751,
         None, None),
        ("Lokalkostnader", -14_374, -12_052, -12_048, -15_210, -9_646, -8_070, None, None),
        ("Övriga kostnader", -65_609, -67_765, -68_016, -52_459, -41_333, -44_711, None, None),
        (RF, None, None, None, None, None, None, None, "Delsumma"),
        ("Avskrivningar", -1_672, -1_096, -1_000, -815, -982, -667, None, None),
        ("Kommunbidrag", 154_679, 154_679, 154_679, 142_403, 102_171, 102_171, FN,
         "Kommunbidrag"),
        ("Finansiella kostnader", -70, -53, -50, -37, -41, -33, FN, None),
    ],
}
BALANCING_ROW = "Övriga kostnader"

# Resultaträkningar for parts of a verksamhet and for several together (sheets `Kontogrupper
# <namn>`, never reconciled), tkr, as published in Bilaga 1, in the columns above; the subtotal
# rows are computed (the published ones carry rounding from kronor, off by 1–3 tkr). The names
# are the sheet name's rest (a sheet name has at most 31 characters). The published "varav
# försörjningsstödskostnader" row is left out (Kontogrupper has no Varav column).
PART_KONTOGRUPPER = {
    "Vuxenutbildning": {"Egen regi": [
        ("Intäkter", 98_270, 96_305, 97_581, 86_686, 62_416, 64_097, None, None),
        ("Personalkostnader", -74_618, -73_408, -73_848, -65_896, -47_244, -47_779, None, None),
        ("Lokalkostnader", -15_122, -15_497, -15_459, -16_720, -9_996, -10_306, None, None),
        ("Övriga kostnader", -8_894, -8_347, -7_880, -6_895, -5_795, -5_255, None, None),
        (RF, None, None, None, None, None, None, None, "Delsumma"),
        ("Avskrivningar", -346, -344, -343, -623, -231, -228, None, None),
        ("Finansiella kostnader", -26, -41, -50, -29, -10, -33, FN, None),
    ]},
    "Arbetsmarknadsåtgärder": {
        "Anställningar": [
            ("Intäkter", 53_770, 49_165, 56_239, 151_986, 35_613, 31_751, None, None),
            ("Personalkostnader", -101_072, -90_714, -86_891, -171_464, -66_390, -52_751, None,
             None),
            ("Övriga kostnader", -736, -916, -37, -1_550, -448, -25, None, None),
            (RF, None, None, None, None, None, None, None, "Delsumma"),
            ("Kommunbidrag", 30_689, 30_689, 30_689, 0, 21_024, 21_024, FN, "Kommunbidrag"),
        ],
        "Feriejobb": [
            ("Intäkter", 3_609, 3_000, 0, 5, 1_359, 0, None, None),
            ("Personalkostnader", -12_370, -9_585, -11_775, -10_325, -9_411, -7_871, None, None),
            ("Övriga kostnader", -2_924, -3_557, -3_894, -2_245, -2_511, -2_596, None, None),
            (RF, None, None, None, None, None, None, None, "Delsumma"),
            ("Kommunbidrag", 15_669, 15_669, 15_669, 14_236, 10_465, 10_465, FN, "Kommunbidrag"),
        ],
    },
}
# Ekonomiskt bistånd and ekonomiskt bistånd flykting together, in the nämnd's workbook
NAMND_PART_KONTOGRUPPER = {"Bistånd, flykting": [
    ("Intäkter", 87_780, 80_499, 83_511, 121_181, 64_670, 56_524, None, None),
    ("Personalkostnader", -86_755, -83_733, -86_777, -83_835, -56_836, -56_529, None, None),
    ("Lokalkostnader", -11_338, -12_108, -12_689, -25_044, -7_416, -8_510, None, None),
    ("Övriga kostnader", -425_575, -446_360, -445_743, -422_430, -277_624, -306_127, None, None),
    (RF, None, None, None, None, None, None, None, "Delsumma"),
    ("Avskrivningar", -407, -418, -421, -422, -271, -281, None, None),
    ("Finansiella intäkter", 1, 1, 1, 1, 1, 1, FN, None),
    ("Kommunbidrag", 462_147, 462_147, 462_147, 403_445, 314_942, 314_942, FN, "Kommunbidrag"),
    ("Finansiella kostnader", -24, -28, -29, -28, -15, -19, FN, None),
]}
# Each table's Prognos text, in the nämnd's Text under the sheet's name; our own wording
PART_TEXTS = {
    "Egen regi": "Egen regi väntas sluta med ett litet underskott. Undervisningen på distans har "
                 "krävt fler lärartimmar, och flytten från Boländerna ger merkostnader under "
                 "hösten.",
    "Anställningar": "Fler anställningar än budgeterat och en lägre statlig ersättning per "
                     "anställd gör att underskottet väntas växa till årets slut.",
    "Feriejobb": "Färre platser kunde användas under pandemin, men fler handledare gjorde att fler "
                 "ungdomar fick feriejobb än vad bedömningen i mars visade. Ett överskott väntas.",
    "Bistånd, flykting": "Kostnaderna för försörjningsstöd väntas bli lägre än budgeterat, och "
                         "intäkterna från återsökta statsbidrag högre. Ett överskott väntas.",
}


def balanced(rows: list[tuple], targets: dict[str, int]) -> list[tuple]:
    """The rows with `BALANCING_ROW` set so that every column of `targets` sums to its
    target (the verksamhet's Ekonomi); the other columns as published."""
    rows = [list(row) for row in rows]
    balancing = next(row for row in rows if row[0] == BALANCING_ROW)
    for field, target in targets.items():
        index = 1 + KONTOGRUPPER_FIELDS.index(field)
        others = sum(row[index] for row in rows if row is not balancing and row[index] is not None)
        balancing[index] = target - others
    return [tuple(row) for row in rows]


def add_kontogrupper(wb: Workbook, rows: list[tuple], name: str = "") -> None:
    """The sheet Kontogrupper, or with a name a further `Kontogrupper <namn>`."""
    konto = contract.KONTOGRUPPER
    title = contract.KONTOGRUPPER_DEL.title + name if name else konto.title
    add_sheet(wb, title, [[konto.label.header]
                                + [konto.column(f).header for f in KONTOGRUPPER_FIELDS]
                                + [contract.DELSUMMA.header, contract.RADTYP.header]]
              + [list(row) for row in rows])


def uppsala_economy_sheets(path: Path) -> None:
    """The nämnd's optional amount sheets for Bilaga 1, added to its workbook."""
    wb = load_workbook(path, rich_text=True)  # the comments keep their bold and italic
    sheet = contract.RESULTAT
    fields = (*RESULTAT_FIELDS, Amount.BUDGET_PERIOD, Amount.BUDGET_HELAR,
              Amount.PROGNOS_FORSAMRING, Amount.PROGNOS_FORBATTRING)
    add_sheet(wb, sheet.title, [[sheet.label.header] + [sheet.column(f).header for f in fields]]
              + [[name, *figures, 0, 0, *UPPSALA_SAKERHET.get(name, (0, 0))]
                 for name, *figures in UPPSALA_RESULTAT])
    invest = contract.INVESTERINGAR
    fields = (Amount.BUDGET_HELAR, Amount.UTFALL_PERIOD, Amount.UTFALL_PERIOD_FG,
              Amount.PROGNOS_HELAR)
    add_sheet(wb, invest.title, [[invest.label.header]
                                 + [invest.column(f).header for f in fields]]
              + [list(row) for row in UPPSALA_INVESTERINGAR])
    add_kontogrupper(wb, UPPSALA_KONTOGRUPPER)
    for part, rows in NAMND_PART_KONTOGRUPPER.items():
        add_kontogrupper(wb, rows, part)
    save_workbook(wb, path)


def uppsala_bilaga1(doc) -> None:
    """Bilaga 1's economy tables, after the report's own sections (each only when the report
    folder has its sheets; Investeringar and Kontogrupper in the Uppsala shape only beside its
    Resultat per verksamhet): (table, heading, the line under it, the table as shown)."""
    mnkr, tkr = "Belopp i miljoner kronor.", "Belopp i tusentals kronor."
    year_columns = "'prognos', 'prognos_fg', 'budget', 'bokslut_fg', 'utfall_period', " \
                   "'budget_period'"
    sections = [
        ("resultat", "Resultat per {{ period_manad }}",
         "Belopp i miljoner kronor. Verksamhetskoden inom parentes.",
         "tabell.resultat | enhet('mnkr') | summarad('Nämnden totalt')"),
        ("resultat and tabell.investeringar", "Investeringar", mnkr,
         "tabell.investeringar | kolumner('budget', 'utfall_period', 'utfall_period_fg', "
         "'prognos') | enhet('mnkr') | summarad('Investeringar')"),
        ("resultat", "Prognososäkerhet", "Belopp i miljoner kronor: hur mycket sämre eller "
         "bättre än prognosen året kan sluta.",
         "tabell.resultat | kolumner('prognos', 'prognos_forsamring', 'prognos_forbattring', "
         "'prognos_min', 'prognos_max') | enhet('mnkr') | summarad('Nämnden totalt')"),
        ("resultat and tabell.kontogrupper",
         "Analys av {{ period_manad }}bokslut och helårsprognos",
         "{{ namnd }} totalt. " + tkr,
         f"tabell.kontogrupper | kolumner({year_columns}) | summarad('Resultat') "
         "| radrubrik('Konto')"),
        ("resultat", "Resultat per verksamhet", tkr,
         f"tabell.resultat | kolumner({year_columns}) | summarad('Alla verksamhetsgrupper')"),
    ]
    for table, heading, note, shown in sections:
        add(doc, f"{{%p if tabell.{table} %}}")
        add(doc, heading, "Rubrik memo")
        add(doc, note, keep_with_next=True)  # the line under the heading stays with its table
        add(doc, f"{{{{p {shown} }}}}")
        add(doc, "{%p endif %}")


def build_docx(path: Path, build, title: str) -> None:
    doc = new_document()
    doc.sections[0].different_first_page_header_footer = False
    doc.sections[0].header.paragraphs[0].text = ""
    build(doc)
    set_properties(doc, title)
    buffer = BytesIO()
    doc.save(buffer)
    path.write_bytes(stable_zip(buffer.getvalue()))


def uppsala() -> None:
    templates = ROOT / "templates" / "uppsala"
    templates.mkdir(parents=True, exist_ok=True)
    build_docx(templates / "tjänsteskrivelse.docx", uppsala_memo,
               "Mall: tjänsteskrivelse, Uppsala")
    build_docx(templates / "rapport.docx", lambda doc: (uppsala_report(doc), uppsala_bilaga1(doc)),
               "Mall: delårsbokslut, Uppsala")
    build_wording_table(templates / "formuleringar.docx", UPPSALA_WORDING + UPPSALA_BILAGA_WORDING)
    for file_name, build, title in UPPSALA_BILAGOR:
        build_docx(templates / file_name, build, title)
    inputs = ROOT / "inputs" / "uppsala"
    for ordning, spec in enumerate(UPPSALA_OMRADEN, start=1):
        uppsala_verksamhet(inputs, ordning, spec)
    uppsala_namnd(inputs)
    uppsala_economy_sheets(inputs / "Arbetsmarknadsnämnden.xlsx")
    print(f"skrev {templates} och {inputs}")


if __name__ == "__main__":
    uppsala()
