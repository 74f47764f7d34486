"""Writes the fictional example report folder `inputs/exempel/` (Kultur- och fritidsnämnden in
Storsjö kommun, Delårsrapport 2 2025). Run `python tools/make_example.py` to recreate it.

Every figure is invented. Totals are consistent: the nämnd-level Kontogrupper and
Verksamhetsområden add up to the same net cost as the verksamheters' Ekonomi sheets. Sheet
names, headers and field names come from the contract (assembler/contract/sheets.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assembler.contract import sheets as c  # noqa: E402
from assembler.contract.vocab import ReportType  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "inputs" / "exempel"
YEAR = 2025
PERIOD_SHARE = 8 / 12


def headers(sheet: c.Sheet, *fields: str) -> list[str]:
    """The contract's headers of `fields`; all the delårsrapport's when none are named."""
    columns = [sheet.column(f) for f in fields] if fields else sheet.columns_for(c.DELAR)
    return [column.header for column in columns]


def named(sheet: c.Sheet, pairs) -> list[tuple]:
    """(model attribute, value) → (field name as in the sheet, value)."""
    return [(sheet.field(attr).name, value) for attr, value in pairs]


EKONOMI_HEADERS = headers(c.EKONOMI, "name", "bokslut_fg", "utfall_period", "budget_period",
                          "budget_helar", "prognos_helar", "varav")

# name: (bokslut fg år, budget helår, prognos helår, utfall as share of period budget, varav)
VERKSAMHETER = [
    {
        "file": "Bibliotek.xlsx", "name": "Bibliotek", "ordning": 1, "total": "Summa",
        "analys": "Stadsbiblioteket har haft fler besökare än väntat efter ombyggnaden.\n"
                  "Mediainköpen följer plan.",
        "enheter": [
            ("Stadsbiblioteket", -21450, -22600, -22150, 0.97, None),
            ("Barnavdelningen", -3100, -3400, -3350, 0.98, "Stadsbiblioteket"),
            ("Filialer", -8320, -8900, -9240, 1.03, None),
            ("Mediainköp", -4210, -4300, -4300, 1.00, None),
        ],
    },
    {
        "file": "Fritid och idrott.xlsx", "name": "Fritid och idrott", "ordning": 2,
        "total": "Nettokostnad", "prognos_fg": True,
        "analys": "Simhallens intäkter är lägre än budget eftersom bassängen var stängd i sex "
                  "veckor.\n- Föreningsbidragen betalas ut enligt plan.\n"
                  "- Samarbetet med Idrott & Hälsa <Storsjö> AB fortsätter.",
        "enheter": [
            ("Idrottsanläggningar", -30510, -31800, -29960, 0.98, None),
            ("Simhall", -9870, -9400, -10650, 1.09, None),
            ("Föreningsbidrag", -12400, -12900, -12900, 1.00, None),
            ("Uthyrning", 2150, 2300, 2050, 0.88, None),
        ],
    },
    {
        "file": "Kulturskolan.xlsx", "name": "Kulturskolan", "ordning": 3, "intraprenad": True,
        "ingaende": 1850, "total": "Nettokostnad",
        "analys": "Kulturskolan använder en del av sitt ackumulerade överskott till fler "
                  "platser i ensembleverksamheten.",
        "enheter": [
            ("Undervisning", -15230, -15900, -16480, 1.02, None),
            ("Ensembler", -2140, -2300, -2620, 1.10, None),
        ],
    },
    {
        "file": "Nämnd och förvaltning.xlsx", "name": "Nämnd och förvaltning", "ordning": 4,
        "visa_enheter": True, "total": "Nettokostnad",
        "analys": "Utvecklingsreserven väntas inte tas i anspråk i år.",
        "enheter": [
            ("Nämnd", -1210, -1250, -1240, 0.96, None),
            ("Förvaltningskontor", -11300, -12100, -11420, 0.93, None),
            ("Utvecklingsreserv", 0, -600, 0, 0.0, "Förvaltningskontor"),
        ],
    },
    {
        "file": "Fritidsgårdar.xlsx", "name": "Fritidsgårdar", "ordning": 5, "total": None,
        "analys": "",
        "enheter": [
            ("Fritidsgård Centrum", -5420, -5650, -5580, 0.98, None),
            ("Fritidsgård Norr", -4380, -4700, -4710, 1.00, None),
        ],
    },
]


def header_row(ws, titles) -> None:
    ws.append(titles)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFGHIJ", [34] + [16] * 9, strict=True):
        ws.column_dimensions[letter].width = width


def key_values(ws, pairs) -> None:
    header_row(ws, [column.header for column in c.KEY_VALUE])
    ws.column_dimensions["B"].width = 60
    for key, value in pairs:
        ws.append([key, value])


def enhet_values(enhet):
    name, bokslut, budget, prognos, used, varav = enhet
    budget_period = round(budget * PERIOD_SHARE)
    utfall = round(budget_period * used)
    return name, bokslut, utfall, budget_period, budget, prognos, varav


def write_verksamhet(spec) -> list[tuple]:
    wb = Workbook()
    ws = wb.active
    ws.title = c.VERKSAMHET_INFO.title
    pairs = [("name", spec["name"]), ("ordning", spec["ordning"])]
    if spec.get("intraprenad"):
        pairs += [("intraprenad", "Ja"), ("ingaende_ack", spec["ingaende"])]
    if spec.get("visa_enheter"):
        pairs.append(("visa_enheter", "Ja"))
    if spec["analys"]:
        pairs.append(("ekonomisk_analys", spec["analys"]))
    pairs.append(("ansvarig", "Verksamhetschef"))
    key_values(ws, named(c.VERKSAMHET_INFO, pairs))
    ekonomi = wb.create_sheet(c.EKONOMI.title)
    previous = headers(c.EKONOMI, "prognos_fg_delar") if spec.get("prognos_fg") else []
    header_row(ekonomi, EKONOMI_HEADERS[:-1] + previous + EKONOMI_HEADERS[-1:])
    rows = [enhet_values(e) for e in spec["enheter"]]
    for row in rows:
        values = list(row[:6])
        if spec.get("prognos_fg"):
            values.append(row[5] - 250 if row[5] < 0 else row[5] + 100)
        ekonomi.append(values + [row[6]])
    if spec["total"]:
        summed = [r for r in rows if not r[6]]
        ekonomi.append([spec["total"]] + [sum(r[i] for r in summed) for i in range(1, 6)])
    wb.save(OUT / spec["file"])
    return rows


KONTOGRUPPER = [("Intäkter", 0.0), ("Personalkostnader", 0.46), ("Lokalhyror", 0.28),
                ("Kapitalkostnader", 0.06), ("Föreningsbidrag", 0.09), ("Övriga kostnader", None)]
OMRADEN = [("Politisk verksamhet", None), ("Allmän kulturverksamhet", 0.36),
           ("Musikskola/kulturskola", 0.20), ("Fritidsverksamhet", None)]


def split(total: int, shares, revenue: int = 0) -> list[int]:
    """Split a net cost over rows by share; the last row takes the remainder, so sums match."""
    parts = [revenue] + [round((total - revenue) * s) for _, s in shares[1:-1]]
    return parts + [total - sum(parts)]


def write_namnd(all_rows) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = c.RAPPORT.title
    key_values(ws, named(c.RAPPORT, [
        ("kommun", "Storsjö kommun"), ("namnd", "Kultur- och fritidsnämnden"),
        ("forvaltning", "Kultur- och fritidsförvaltningen"),
        ("rapporttyp", ReportType.INTERIM_2.value), ("ar", YEAR),
        ("period_month", c.MONTHS[7]), ("beslutsdatum", "2025-09-18"), ("paragraf", "§ 64"),
        ("diarienummer", "KFN 2025/212"), ("mottagare", c.RECIPIENT),
        ("forvaltningschef", "Karin Exempelsson"), ("handlaggare", "Olof Ekonomsson"),
        ("belopp_i_text", "tkr"),
    ]))
    text = wb.create_sheet(c.TEXT.title)
    header_row(text, headers(c.TEXT))
    text.column_dimensions["B"].width = 90
    for row in zip(c.TEXT_SECTIONS, [
        ("Verksamheterna har i huvudsak bedrivits enligt plan. "
         "Besöken på bibliotek och anläggningar är tillbaka på nivåerna före ombyggnaderna."),
        ("Efterfrågan på kulturskolans platser är fortsatt hög.\n"
         "Simhallens tillfälliga stängning påverkar både intäkter och kostnader."),
        ("Stadsbiblioteket öppnade efter ombyggnad i mars."),
        ("Antalet barn och unga i kommunen ökar, vilket ställer krav på "
         "fler platser i kulturskolan och på fritidsgårdarna."),
        ("Prognosen bygger på utfallet till och med augusti och kända "
         "beslut för hösten."),
        ("Nämnden har fördelat sitt effektiviseringskrav så här:\n"
         "- Bibliotek: färre inköp av tryckta tidskrifter\n- Fritid och idrott: nya öppettider"),
        ("Personalkostnaderna ökar enligt löneavtalet. "
         "Intäkterna från uthyrning är lägre än budget."),
        ("Investeringarna avser inventarier och en ny konstgräsplan."),
        ("Nämnden lämnar två delårsrapporter och en årsberättelse om året till "
         "kommunstyrelsen. Den här rapporten följer upp verksamhet och ekonomi till och med "
         "augusti och ger en prognos för helåret."),
    ], strict=False):
        text.append(list(row))
    underlag = wb.create_sheet(c.UNDERLAG.title)
    header_row(underlag, headers(c.UNDERLAG))
    underlag.append(["Delårsrapport med prognos 2 2025", "KFN 2025/212"])
    underlag.append(["Tjänsteskrivelse", "KFN 2025/212"])

    summed = [r for r in all_rows if not r[6]]
    totals = {i: sum(r[i] for r in summed) for i in range(1, 6)}
    konto = wb.create_sheet(c.KONTOGRUPPER.title)
    header_row(konto, headers(c.KONTOGRUPPER, "name", "bokslut_fg", "budget_fg",
                              "utfall_period_fg", "budget_helar", "utfall_period",
                              "prognos_helar"))
    revenue = {1: 14100, "budget_fg": 14800, "utfall_fg": 9300, 4: 15200, 2: 9650, 5: 13900}
    columns = [
        split(totals[1], KONTOGRUPPER, revenue[1]),
        split(round(totals[4] * 0.975), KONTOGRUPPER, revenue["budget_fg"]),
        split(round(totals[2] * 0.96), KONTOGRUPPER, revenue["utfall_fg"]),
        split(totals[4], KONTOGRUPPER, revenue[4]),
        split(totals[2], KONTOGRUPPER, revenue[2]),
        split(totals[5], KONTOGRUPPER, revenue[5]),
    ]
    for index, (name, _) in enumerate(KONTOGRUPPER):
        konto.append([name] + [column[index] for column in columns])
    konto.append(["Totalt"] + [sum(column) for column in columns])

    omraden = wb.create_sheet(c.VERKSAMHETSOMRADEN.title)
    header_row(omraden, headers(c.VERKSAMHETSOMRADEN))
    politik = {1: -1210, 2: -800, 3: -833, 4: -1250, 5: -1240}
    area_columns = [split(totals[i], OMRADEN, politik[i]) for i in range(1, 6)]
    for index, (name, _) in enumerate(OMRADEN):
        omraden.append([name] + [column[index] for column in area_columns])

    write_goals(wb)
    write_records(wb)
    invest = wb.create_sheet(c.INVESTERINGAR.title)
    header_row(invest, headers(c.INVESTERINGAR, "name", "budget_helar", "utfall_period",
                               "prognos_helar"))
    invest.append(["Inventarier", -1500, -620, -1400])
    invest.append(["Konstgräsplan Norrvallen", -6000, -4150, -6300])
    wb.save(OUT / "Kultur- och fritidsnämnden.xlsx")


def sheet(wb, declared: c.Sheet, rows: list[list]) -> None:
    """A sheet with all the delårsrapport's columns of the contract, in its order."""
    ws = wb.create_sheet(declared.title)
    header_row(ws, headers(declared))
    for row in rows:
        ws.append(row)


def write_goals(wb) -> None:
    sheet(wb, c.MALOMRADEN, [
        [1, "Ett rikt kulturliv för alla", "Besöken på biblioteken har återhämtat sig och "
         "kulturskolan når fler barn än tidigare."],
        [2, "Aktiva och friska invånare", "Föreningslivet är stabilt, men simhallens "
         "stängning har minskat antalet simtimmar."],
        [3, "En hållbar och effektiv förvaltning", "Effektiviseringarna genomförs enligt plan."],
    ])
    sheet(wb, c.IAKTTAGELSER, [
        [1, "Positiv", "Stadsbiblioteket har fler besökare efter ombyggnaden."],
        [1, "Positiv", "Kulturskolans ensembler har fler deltagare."],
        [1, "Förbättringsområde", "Filialernas öppettider behöver ses över."],
        [2, "Förbättringsområde", "Simundervisningen för skolbarn behöver tas igen."],
        [3, "Positiv", "Nya öppettider har sänkt kostnaderna utan färre besök."],
    ])
    sheet(wb, c.INDIKATORER, [
        [1, "Bibliotek", "Antal besök på biblioteken", "antal", 412000, 398500, 431000, "Öka",
         None],
        [1, "Bibliotek", "Andel nöjda besökare", "%", 86, 88, 89.5, 90,
         "Enkät i maj, 1 200 svar."],
        [1, "Kulturskola", "Antal elever i kulturskolan", "antal", 1480, 1525, 1610, "Öka", None],
        [1, "Kulturskola", "Andel elever från prioriterade områden", "%", 18.5, 19.2, "-", 25,
         "Mäts i december."],
        [2, None, "Antal simtimmar per invånare", "timmar", 0.82, 0.85, 0.61, "Bibehålla",
         "Simhallen var stängd i sex veckor."],
        [3, None, "Nettokostnad per invånare", "kr", 2412, 2498, 2520, "Minska", None],
    ])
    sheet(wb, c.ATAGANDEN, [
        [1, "Öppna meröppet bibliotek i Norr", "Klart", "Öppnade i april."],
        [1, "Ta fram en plan för kulturskolans lokaler", "Pågår", None],
        [2, "Införa digital bokning av idrottshallar", "Försenat",
         "Upphandlingen överklagades."],
        [3, "Samordna lokalvården i förvaltningens byggnader", "Ej påbörjad", None],
    ])
    sheet(wb, c.FEM_AR, [
        ["Besök", "Besök på biblioteken", 0, 402000, 256000, 331000, 398500, 431000,
         "Pandemin minskade besöken 2021.", "Ja"],
        ["Besök", "Besök i simhallen", 0, 121000, 64000, 98000, 118000, 99000, None, None],
        ["Kulturskola", "Antal elever", 0, 1395, 1310, 1480, 1525, 1610, None, "Ja"],
        ["Kulturskola", "Flickor", 1, 812, 761, 858, 880, 925, None, None],
        ["Kulturskola", "Pojkar", 1, 583, 549, 622, 645, 685, None, None],
        ["Kulturskola", "Väntetid till plats, månader", 0, 7.5, 6, 8.5, 9, 8, None, None],
        ["Personal", "Antal årsarbetare", 0, 142, 139, 141, 144, 145, None, None],
        ["Personal", "Kvinnor (%)", 1, 61, 62, 62, 63, "-", None, None],
        ["Personal", "Män (%)", 1, 39, 38, 38, 37, "-", None, None],
    ])


# Per målområde: each KF-mål with the nämnd's contribution, and the nämnd's åtaganden under it
# (the same åtaganden as in the sheet Åtaganden), each with its own text
KF_MAL = [
    ["Målområde", "KF-mål", "Bidrag", "Åtagande", "Beskrivning"],
    [1, "Skillnaderna i invånarnas tillgång till kultur ska minska mellan stadsdelar och "
        "landsbygd",
     "Nämnden bidrar genom att föra biblioteken och kulturskolan närmare de områden där "
     "deltagandet är lägst. Filialerna och de meröppna tiderna gör det möjligt att låna och "
     "läsa även när personalen har gått hem.\nUppföljningen sker per stadsdel, så att "
     "skillnaderna syns och resurserna kan flyttas dit behoven är störst.", None, None],
    [None, None, None, "Öppna meröppet bibliotek i Norr",
     "Biblioteket i Norr öppnade med meröppna tider under våren. Besökarna kommer främst på "
     "kvällar och helger, då biblioteket tidigare var stängt.\nUnder hösten utvärderas "
     "tryggheten i lokalen tillsammans med bostadsbolaget och ortens föreningar."],
    [None, None, None, "Ta fram en plan för kulturskolans lokaler",
     "Kulturskolan undervisar på många platser med olika förutsättningar. Planen ska visa "
     "vilka lokaler som behövs för att fler barn från prioriterade områden ska kunna delta, "
     "och vad de kostar.\nEtt första förslag lämnas till nämnden före årets slut."],
    [None, "Barn och unga ska ha en meningsfull fritid",
     "Fritidsgårdarna och kulturskolan erbjuder aktiviteter utan avgift efter skoltid och "
     "under loven. Nämnden följer deltagandet bland flickor och pojkar och anpassar utbudet "
     "när någon grupp uteblir.", None, None],
    [None, "Invånarna ska kunna påverka kommunens utbud",
     "Biblioteken och fritidsgårdarna frågar besökarna vad de saknar. Förslagen samlas och "
     "redovisas för nämnden varje termin, tillsammans med vad förvaltningen har gjort av dem.",
     None, None],
    [2, "Fler invånare ska röra sig varje dag",
     "Nämnden bidrar med anläggningar, föreningsbidrag och öppna aktiviteter för alla åldrar. "
     "Simhallens stängning har minskat simundervisningen, som tas igen under hösten.",
     "Införa digital bokning av idrottshallar",
     "Digital bokning ska göra det enklare för föreningar och invånare att hitta lediga tider. "
     "Upphandlingen har överklagats, och införandet flyttas därför till nästa år.\nTills "
     "vidare publiceras lediga tider på kommunens webbplats varje vecka."],
    [None, "Föreningslivet ska vara starkt och öppet för alla",
     "Föreningsbidragen betalas ut enligt plan. Nämnden prioriterar föreningar som når barn "
     "och unga i områden där få är med i en förening.", None, None],
    [3, "Nämnder och styrelser ska hålla sin budget",
     "Nämnden följer ekonomin varje månad och beslutar om åtgärder när en verksamhet avviker "
     "från sin budget. Prognosen för helåret redovisas i avsnittet om ekonomi.",
     "Samordna lokalvården i förvaltningens byggnader",
     "Lokalvården sköts i dag genom flera avtal med olika villkor. En samordning ska ge "
     "jämnare kvalitet och lägre kostnader.\nArbetet har inte påbörjats, eftersom de "
     "nuvarande avtalen löper ut först nästa år."],
]
INRIKTNINGAR = [
    ["Målområde", "Inriktning", "Beskrivning"],
    [1, "Kulturen ska vara en del av vardagen i alla stadsdelar",
     "Biblioteken samarbetar med skolorna så att varje klass besöker ett bibliotek under "
     "läsåret."],
    [1, "Det fria kulturlivet ska ha goda villkor",
     "Ansökan om kulturstöd har förenklats, och nämnden beslutar om stöd flera gånger per år."],
    [2, "Idrottsanläggningarna ska användas jämnare över dygnet",
     "Tider på förmiddagar erbjuds pensionärsföreningar och skolor till lägre taxa."],
    [3, "Förvaltningen ska minska sin klimatpåverkan",
     "Nya fordon är eldrivna, och resorna mellan anläggningarna samordnas."],
]
GROUPINGS = [
    ["KF-mål", "Målområde › KF-mål › Åtagande", "Bidrag, Beskrivning"],
    ["Inriktningar", "Målområde › Inriktning", "Beskrivning"],
]


def write_records(wb) -> None:
    """The KF-mål blocks and inriktningar of each målområde (4.x.2), as record sheets."""
    for name, rows in (("KF-mål", KF_MAL), ("Inriktningar", INRIKTNINGAR)):
        ws = wb.create_sheet(c.RECORDS.title + name)
        header_row(ws, rows[0])
        for letter, title in zip("ABCDE", rows[0], strict=False):
            ws.column_dimensions[letter].width = 12 if title == "Målområde" else 50
        for row in rows[1:]:
            ws.append(row)
    sheet(wb, c.POSTGRUPPER, GROUPINGS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    all_rows = []
    for spec in VERKSAMHETER:
        all_rows += write_verksamhet(spec)
    write_namnd(all_rows)
    print(f"skrev {OUT}")


if __name__ == "__main__":
    main()
