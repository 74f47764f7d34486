"""Builds the kommun report's first templates (`templates/kommun/rapport.docx`,
`templates/kommun/formuleringar.docx`) and the example kommun folder `inputs/kommun/`.

`python tools/make_kommun.py` overwrites them. The example is Storsjö kommun, Delårsrapport 2
2025: the kommun workbook and six nämnder, built in the shapes of the shipped formats: a
styrelse (as orebro-ks), a nämnd with the kommunbidrag model (as uppsala), the example nämnd with
its intraprenad (inputs/exempel, copied as it is) and three nettoram nämnder. Every figure is
invented; fullmäktige's ram for each nämnd is the nämnd's own Budget helår, and the balansräkning
balances.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from openpyxl import Workbook
from docx.shared import Pt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from assembler.contract import kommun as k  # noqa: E402
from assembler.contract import sheets as c  # noqa: E402
from assembler.render import styles as st  # noqa: E402
from make_example import header_row  # noqa: E402
from make_templates import (add, new_document, optional_section, page_break,  # noqa: E402
                            set_properties)
from assembler.render.wordxml import TOC_INSTRUCTION, field_runs  # noqa: E402
import make_wording  # noqa: E402

OUT = ROOT / "inputs" / "kommun"
TEMPLATES = ROOT / "templates" / "kommun"
YEAR, PERIOD_SHARE, KOMMUN = 2025, 8 / 12, "Storsjö kommun"

# --- the template ----------------------------------------------------------------------------


def build_report(doc) -> None:
    doc.sections[0].header.paragraphs[0].text = "{{ kommun }} – {{ rapporttitel }} {{ ar }}"
    doc.sections[0].header.paragraphs[0].runs[0].font.size = Pt(8)
    for _ in range(6):
        doc.add_paragraph()
    add(doc, "{{ rapporttitel }} {{ ar }}", "Title")
    add(doc, "{{ kommun }}", "Titelsida nämnd")
    add(doc, "{% if arsredovisning %}Räkenskapsåret {{ ar }}{% else %}Perioden januari–"
             "{{ period_manad }} {{ ar }}{% endif %}{% if forvaltning %}, {{ forvaltning }}"
             "{% endif %}", "Titelsida beslut")
    page_break(doc)
    add(doc, "Innehåll", "TOC Heading")
    toc = doc.add_paragraph(style=st.TOC[1].name)
    for r in field_runs(TOC_INSTRUCTION, "Innehållsförteckningen fylls i när rapporten skapas.",
                        dirty=True):
        toc._p.append(r)
    page_break(doc)

    add(doc, "Förvaltningsberättelse", "Heading 1")
    add(doc, "Sammanfattning", "Heading 2")
    add(doc, "{{p text.sammanfattning }}")
    add(doc, "{{ resultatmening }} {{ balanskravsmening }}")
    # a section the sheet Text lacks is left out, heading and all (K04 names a required one)
    for heading, key in (("Väsentliga händelser", "vasentliga_handelser"),
                         ("Förväntad utveckling", "forvantad_utveckling")):
        optional_section(doc, f"text.{key}", heading, "Heading 2", f"{{{{p text.{key} }}}}")
    add(doc, "{%p if text.god_ekonomisk_hushallning or tabell.finansiella_mal or "
             "tabell.verksamhetsmal %}")
    add(doc, "God ekonomisk hushållning", "Heading 2")
    add(doc, "{{p text.god_ekonomisk_hushallning }}")
    add(doc, "{%p if tabell.finansiella_mal %}")
    add(doc, "Finansiella mål", "Heading 3")
    add(doc, "{{p tabell.finansiella_mal }}")
    add(doc, "{%p endif %}")
    add(doc, "{%p if tabell.verksamhetsmal %}")
    add(doc, "Verksamhetsmål", "Heading 3")
    add(doc, "{{p tabell.verksamhetsmal }}")
    add(doc, "{%p endif %}")
    add(doc, "{%p endif %}")
    add(doc, "Balanskravsresultat", "Heading 2")
    add(doc, "{{ balanskravsmening }}", keep_with_next=True)
    add(doc, "{{p tabell.balanskrav }}")
    add(doc, "{{p text.balanskravsutredning }}")

    add(doc, "Resultaträkning", "Heading 1")
    add(doc, "{{ resultatmening }}", keep_with_next=True)
    add(doc, "{{p tabell.resultatrakning }}")
    add(doc, "{%p if tabell.balansrakning %}")
    add(doc, "Balansräkning", "Heading 1")
    add(doc, "{{p tabell.balansrakning }}")
    add(doc, "{%p endif %}")
    add(doc, "{%p if tabell.kassaflode %}")
    add(doc, "Kassaflödesanalys", "Heading 1")
    add(doc, "{{p tabell.kassaflode }}")
    add(doc, "{%p endif %}")

    add(doc, "Driftredovisning", "Heading 1")
    add(doc, "{{ driftmening }}", keep_with_next=True)
    add(doc, "{{p tabell.driftredovisning }}")
    add(doc, "{%p if tabell.investeringar %}")
    add(doc, "Investeringsredovisning", "Heading 1")
    add(doc, "{{p tabell.investeringar }}")
    add(doc, "{{p text.investeringar }}")
    add(doc, "{%p endif %}")

    add(doc, "Nämndernas bedömningar", "Heading 1")
    add(doc, "Nedan återges varje nämnds sammanfattande bedömning ur nämndens egen rapport.")
    add(doc, "{%p for n in namnder %}")
    add(doc, "{{ n.namn }}", "Heading 2")
    add(doc, "{{p n.bedomning }}")
    add(doc, "{%p endfor %}")

    add(doc, "{%p if noter %}")
    add(doc, "Noter", "Heading 1")
    add(doc, "{%p for n in noter %}")
    add(doc, "Not {{ n.nummer }} {{ n.rubrik }}", "Rubrik onumrerad")  # as RR/BR number it
    add(doc, "{{p n.tabell }}")
    add(doc, "{%p endfor %}")
    add(doc, "{%p endif %}")


WORDING = [
    ("avvikelse(x)",
     "{% if x is noll %}ett utfall i nivå med budget{% else %}en {{ x | avvikelseord }} "
     "avvikelse mot budget på {{ x | belopp('utan minus') }}{% endif %}",
     "Hjälpformulering: en avvikelse med teckenord, utan dubbla minus."),
    ("resultat(x)",
     "{% if x is noll %}ett nollresultat{% else %}ett {{ x | resultatord }} på "
     "{{ x | belopp('inget') }}{% endif %}",
     "Hjälpformulering: ett resultat med teckenord."),
    ("resultatmening",
     "{% if ekonomi.arets_resultat is not none %}{% if arsredovisning %}Årets resultat blev"
     "{% else %}Årets resultat prognostiseras till{% endif %} "
     "{{ resultat(ekonomi.arets_resultat) }}{% set b = ekonomi.arets_resultat_budget %}"
     "{% if b is none %}{% elif b is noll %}, mot ett budgeterat nollresultat{% else %}, mot "
     "ett budgeterat {{ b | resultatord }} på {{ b | belopp('inget') }}{% endif %}."
     "{% endif %}",
     "Meningen om årets resultat (förvaltningsberättelsen och resultaträkningen)."),
    ("balanskravsmening",
     "{% set b = ekonomi.balanskravsresultat %}{% if b is not none %}Balanskravsresultatet "
     "{% if arsredovisning %}blev{% else %}beräknas bli{% endif %} {{ b | belopp }}"
     "{% if b < 0 %}, så balanskravet uppfylls inte och underskottet ska återställas inom "
     "tre år{% else %}, så balanskravet uppfylls{% endif %}.{% endif %}",
     "Meningen om balanskravet."),
    ("driftmening",
     "Nämnderna {% if arsredovisning %}redovisade{% else %}prognostiserar{% endif %} "
     "tillsammans {{ avvikelse(ekonomi.avvikelse) }}.",
     "Meningen över driftredovisningen."),
]

# --- the example kommun ---------------------------------------------------------------------

# name: (bokslut fg år, budget helår, prognos helår, utfall as share of period budget)
NAMNDER = [
    {"mapp": "Kommunstyrelsen", "namnd": "Kommunstyrelsen", "organ": "styrelse",
     "forvaltning": "Kommunledningsförvaltningen", "diarie": "KS 2025/311",
     "bedomning": "Styrelsen har under perioden lett kommunens arbete med den nya "
                  "vision som fullmäktige antog i våras. Verksamheten bedrivs i stort sett "
                  "enligt plan.\nIT-kostnaderna ökar snabbare än budgeterat när fler system "
                  "flyttas till molntjänster.",
     "verksamheter": [
         ("Politisk verksamhet", [("Kommunfullmäktige", -4100, -4300, -4250, 0.97),
                                  ("Kommunstyrelsens arvoden", -7800, -8200, -8100, 0.98)]),
         ("Kommunledningsförvaltningen", [("Ekonomi", -21500, -22400, -22100, 0.99),
                                          ("HR", -17800, -18600, -18900, 1.01),
                                          ("IT", -30200, -31500, -32400, 1.03),
                                          ("Kommunikation", -8900, -9300, -9200, 0.99)]),
         ("Näringsliv och tillväxt", [("Näringslivsenheten", -5200, -5600, -5400, 0.95),
                                      ("Mark och exploatering", 3100, 2500, 4200, 1.2)]),
     ],
     "investeringar": [("IT-infrastruktur", -6000, -2400, -5500),
                       ("Verksamhetssystem", -3500, -1100, -3500)]},
    {"mapp": "Arbetsmarknadsnämnden", "namnd": "Arbetsmarknadsnämnden",
     "forvaltning": "Arbetsmarknadsförvaltningen", "diarie": "AMN 2025/88",
     "model": "Kommunbidrag",
     "bedomning": "Fler invånare har gått från försörjningsstöd till arbete eller studier än "
                  "under samma period förra året.\nKostnaderna för ekonomiskt bistånd är ändå "
                  "högre än kommunbidraget, eftersom fler hushåll har sökt stöd under våren.",
     "verksamheter": [
         ("Arbetsmarknadsåtgärder", [("Arbetsmarknadsåtgärder", -48200, -50500, -49100, 0.97)]),
         ("Ekonomiskt bistånd", [("Försörjningsstöd", -61200, -63800, -66900, 1.04)]),
         ("Vuxenutbildning", [("Vuxenutbildning", -38900, -41200, -40300, 0.97)]),
     ]},
    {"mapp": "Barn- och utbildningsnämnden", "namnd": "Barn- och utbildningsnämnden",
     "forvaltning": "Barn- och utbildningsförvaltningen", "diarie": "BUN 2025/140",
     "bedomning": "Barn och elever har fått undervisning och omsorg enligt plan. "
                  "Gymnasieskolans kostnader för interkommunal ersättning ökar, medan "
                  "förskolan har färre barn än väntat.",
     "verksamheter": [
         ("Förskola", [("Förskola", -412000, -425000, -421500, 0.98),
                       ("Pedagogisk omsorg", -8200, -8600, -8400, 0.97)]),
         ("Grundskola", [("Grundskola", -688000, -712000, -710600, 0.99),
                         ("Fritidshem", -61000, -63500, -63900, 1.0)]),
         ("Gymnasieskola", [("Gymnasieskola", -231000, -240500, -246800, 1.03)]),
         ("Elevhälsa och stöd", [("Elevhälsa", -64000, -67000, -66200, 0.99)]),
     ],
     "investeringar": [("Ny förskola Solhagen", -28000, -17500, -27000),
                       ("Inventarier skolor", -4000, -1900, -4000)]},
    {"mapp": "Vård- och omsorgsnämnden", "namnd": "Vård- och omsorgsnämnden",
     "forvaltning": "Vård- och omsorgsförvaltningen", "diarie": "VON 2025/97",
     "bedomning": "Omsorgen om äldre och personer med funktionsnedsättning har fungerat väl "
                  "under perioden.\nHemtjänstens timmar har ökat mer än budgeterat, och "
                  "nämnden har beslutat om en åtgärdsplan för hösten.",
     "verksamheter": [
         ("Äldreomsorg", [("Särskilt boende", -402000, -415000, -419800, 1.01),
                          ("Hemtjänst", -248000, -256000, -263100, 1.03)]),
         ("Funktionsstöd", [("LSS-boenden", -188000, -196000, -194200, 0.99),
                            ("Daglig verksamhet", -52000, -54000, -53600, 0.99)]),
         ("Hälso- och sjukvård", [("Hemsjukvård", -96000, -99500, -101200, 1.02)]),
     ]},
    {"mapp": "Samhällsbyggnadsnämnden", "namnd": "Samhällsbyggnadsnämnden",
     "forvaltning": "Samhällsbyggnadsförvaltningen", "diarie": "SBN 2025/205",
     "bedomning": "Planarbetet följer den plan som nämnden har antagit. Bygglovsintäkterna "
                  "är lägre än budget eftersom färre större byggprojekt har startat.",
     "verksamheter": [
         ("Gata och park", [("Gator och vägar", -41000, -43500, -43100, 0.99),
                            ("Parker", -17000, -17500, -17400, 0.99)]),
         ("Planering och bygglov", [("Planering", -9800, -10400, -9600, 0.93),
                                    ("Bygglovsavgifter", 8200, 8600, 7900, 0.9)]),
         ("Miljö och hälsoskydd", [("Miljö och hälsoskydd", -11200, -11800, -11700, 0.99)]),
     ],
     "investeringar": [("Gång- och cykelvägar", -12000, -5100, -11000),
                       ("Beläggningsunderhåll", -18000, -9800, -18000),
                       ("Lekplatser", -2500, -600, -2500)]},
]
EXAMPLE_NAMND = ("Kultur- och fritidsnämnden", "Kultur- och fritidsnämnden")  # mapp, nämnd

FINANSIERING = [  # post, grupp, bokslut fg år, budget helår, prognos helår, not
    ("Pensioner och gemensamma kostnader", "Verksamhet", -61000, -64000, -63500, None),
    ("Avskrivningar", "Verksamhet", -92000, -96000, -95000, None),
    ("Interna kapitalkostnader", "Verksamhet", 88000, 91000, 91000, None),
    ("Skatteintäkter", "Skatter och bidrag", 2432000, 2531000, 2518000, 1),
    ("Generella statsbidrag och utjämning", "Skatter och bidrag", 586000, 597000, 604000, 2),
    ("Finansiella intäkter", "Finansiell", 12400, 11000, 13500, None),
    ("Finansiella kostnader", "Finansiell", -18600, -21000, -20800, None),
    ("Realisationsvinster", "Balanskravsjustering", -2100, 0, -3200, None),
    ("Orealiserade förluster i värdepapper", "Balanskravsjustering", 0, 0, 1100, None),
]
# post, grupp, bokslut fg år, utfall period, not. The period's change of each row is what the
# kassaflödesanalys (KASSAFLODE) explains: Kassa och bank by its period's kassaflöde.
BALANS = [
    ("Anläggningstillgångar", "Tillgångar", 3850000, 3829837, None),
    ("Fordringar", "Tillgångar", 540000, 496000, None),
    ("Kassa och bank", "Tillgångar", 72000, 160163, 3),
    ("Eget kapital", "Eget kapital, avsättningar och skulder", 1904000, 1939037, None),
    ("Avsättningar", "Eget kapital, avsättningar och skulder", 212000, 218000, None),
    ("Långfristiga skulder", "Eget kapital, avsättningar och skulder", 1720000, 1760000, None),
    ("Kortfristiga skulder", "Eget kapital, avsättningar och skulder", 626000, 568963, None),
]
KASSAFLODE = [  # post, grupp, utfall period: from the resultaträkning's årets resultat for the
    # period to Kassa och bank's change in the balansräkning
    ("Årets resultat", "Löpande verksamhet", 35037),
    ("Justering för av- och nedskrivningar", "Löpande verksamhet", 63333),
    ("Justering för gjorda avsättningar", "Löpande verksamhet", 6000),
    ("Minskning av kortfristiga fordringar", "Löpande verksamhet", 44000),
    ("Minskning av kortfristiga skulder", "Löpande verksamhet", -57037),
    ("Investering i materiella anläggningstillgångar", "Investeringsverksamhet", -43170),
    ("Nyupptagna lån", "Finansieringsverksamhet", 40000),
]
NOTER = [  # not, rubrik, post, bokslut fg år, utfall period
    (1, "Skatteintäkter", "Preliminär kommunalskatt", 2440000, 1683000),
    (1, "", "Preliminär slutavräkning innevarande år", -6200, -3100),
    (1, "", "Slutavräkningsdifferens föregående år", -1800, -1233),
    (2, "Generella statsbidrag och utjämning", "Inkomstutjämningsbidrag", 468000, 322000),
    (2, "", "Kostnadsutjämningsbidrag", 52000, 35333),
    (2, "", "Regleringsbidrag", 21000, 14667),
    (2, "", "Avgift till LSS-utjämningen", -9000, -6000),
    (2, "", "Kommunal fastighetsavgift", 54000, 36667),
    (3, "Kassa och bank", "Bankkonton", 71500, 159563),
    (3, "", "Kassa", 500, 600),
]
MAL = {
    "Finansiella mål": [
        ("Årets resultat ska vara minst 1 procent av skatteintäkter och generella statsbidrag",
         "1,0%", "1,4%", "Uppfyllt", "Prognosen ger ett resultat över målet."),
        ("Investeringarna ska till minst 70 procent finansieras med egna medel", "70%",
         "64%", "Delvis uppfyllt", "Förskolan Solhagen lånefinansieras delvis."),
        ("Låneskulden per invånare ska inte öka", "Ingen ökning", "Ökar", "Ej uppfyllt", ""),
    ],
    "Verksamhetsmål": [
        ("Fler invånare ska vara självförsörjande", "Öka", "Ökar", "Uppfyllt", ""),
        ("Eleverna ska nå kunskapskraven i alla ämnen", "Öka", "Oförändrat", "Delvis uppfyllt",
         ""),
    ],
}
TEXTER = {
    "Sammanfattning": "Storsjö kommun växer, och nämnderna har i stort sett bedrivit sina "
                      "verksamheter enligt plan under årets första åtta månader.\n"
                      "Skatteintäkterna blir lägre än budgeterat, men de generella "
                      "statsbidragen och finansnettot väger delvis upp.",
    "Väsentliga händelser": "- Fullmäktige antog en ny vision för kommunen i april.\n"
                            "- Stadsbiblioteket öppnade efter ombyggnaden i mars.\n"
                            "- Bygget av förskolan Solhagen började i maj.",
    "Förväntad utveckling": "Befolkningen väntas fortsätta växa, särskilt antalet äldre över "
                            "80 år. Det ökar behoven inom vård och omsorg de kommande åren.",
    "God ekonomisk hushållning": "Kommunen bedömer att den har en god ekonomisk hushållning "
                                 "för året: resultatmålet nås, medan målen för finansieringen "
                                 "av investeringarna och för låneskulden inte nås helt.",
    "Balanskravsutredning": "Kommunen har inga underskott från tidigare år att återställa.",
    "Investeringar": "De största investeringarna är förskolan Solhagen och underhållet av "
                     "gator och cykelvägar.",
}


def key_values(ws, declared: c.Sheet, pairs) -> None:
    header_row(ws, [column.header for column in c.KEY_VALUE])
    ws.column_dimensions["B"].width = 60
    for attr, value in pairs:
        ws.append([declared.field(attr).name, value])


def header(declared: c.Sheet, *fields: str) -> list[str]:
    return [declared.column(f).header for f in fields]


def period_figures(bokslut, budget, prognos, used) -> list:
    budget_period = round(budget * PERIOD_SHARE)
    return [bokslut, round(budget_period * used), budget_period, budget, prognos]


def earlier_forecast(prognos: int) -> int:
    return prognos + round(abs(prognos) * 0.004)


def write_verksamhet(folder: Path, order: int, name: str, units, kommunbidrag: bool) -> int:
    wb = Workbook()
    ws = wb.active
    ws.title = c.VERKSAMHET_INFO.title
    key_values(ws, c.VERKSAMHET_INFO, [("name", name), ("ordning", order),
                                       ("ansvarig", "Verksamhetschef")])
    ekonomi = wb.create_sheet(c.EKONOMI.title)
    header_row(ekonomi, header(c.EKONOMI, "name", "bokslut_fg", "utfall_period", "budget_period",
                               "budget_helar", "prognos_helar", "prognos_fg_delar", "radtyp"))
    budget = 0
    for unit, bokslut, budget_helar, prognos, used in units:
        ekonomi.append([unit, *period_figures(bokslut, budget_helar, prognos, used),
                        earlier_forecast(prognos)])
        budget += budget_helar
    if kommunbidrag:
        bidrag = -budget
        ekonomi.append(["Kommunbidrag", -sum(u[1] for u in units),
                        *period_figures(0, bidrag, bidrag, 1)[1:], bidrag, "Kommunbidrag"])
    wb.save(folder / f"{name}.xlsx")
    return budget


# invented people, one förvaltningschef (kommundirektör for the styrelse) per nämnd
CHIEFS = {"Kommunstyrelsen": "Anders Holmgren", "Arbetsmarknadsnämnden": "Sara Berglund",
          "Barn- och utbildningsnämnden": "Erik Nyström", "Vård- och omsorgsnämnden": "Lena Dahl",
          "Samhällsbyggnadsnämnden": "Johan Ek"}


def write_namnd(spec) -> int:
    folder = OUT / spec["mapp"]
    folder.mkdir(parents=True, exist_ok=True)
    kommunbidrag = spec.get("model") == "Kommunbidrag"
    budget = sum(write_verksamhet(folder, order, name, units, kommunbidrag)
                 for order, (name, units) in enumerate(spec["verksamheter"], start=1))
    wb = Workbook()
    ws = wb.active
    ws.title = c.RAPPORT.title
    pairs = [("kommun", KOMMUN), ("namnd", spec["namnd"]), ("forvaltning", spec["forvaltning"]),
             ("rapporttyp", "Delårsrapport 2"), ("ar", YEAR), ("period_month", "augusti"),
             ("beslutsdatum", "2025-09-25"), ("diarienummer", spec["diarie"]),
             ("forvaltningschef", CHIEFS[spec["mapp"]]),
             ("handlaggare", "Maja Lindqvist")]
    if spec.get("organ"):
        pairs.append(("organ_field", spec["organ"]))
    if kommunbidrag:
        pairs.append(("budgetmodell", "Kommunbidrag"))
    key_values(ws, c.RAPPORT, pairs)
    text = wb.create_sheet(c.TEXT.title)
    header_row(text, header(c.TEXT, "key", "value"))
    text.column_dimensions["B"].width = 90
    text.append(["Sammanfattande bedömning", spec["bedomning"]])
    organ = "kommunfullmäktige" if spec.get("organ") else "kommunstyrelsen"
    text.append(["Ärendet", f"{spec['namnd']} lämnar sin delårsrapport per augusti {YEAR} "
                            f"till {organ}."])
    if spec.get("investeringar"):
        invest = wb.create_sheet(c.INVESTERINGAR.title)
        header_row(invest, header(c.INVESTERINGAR, "name", "budget_helar", "utfall_period",
                                  "prognos_helar"))
        for row in spec["investeringar"]:
            invest.append(list(row))
    wb.save(folder / f"{spec['namnd']}.xlsx")
    return budget


def example_namnd() -> tuple[int, int]:
    """inputs/exempel as it is: its Budget helår and its forecast in Delårsrapport 1."""
    from assembler.app.report import prepare
    from assembler.contract.findings import Findings

    target = OUT / EXAMPLE_NAMND[0]
    shutil.copytree(ROOT / "inputs" / "exempel", target)
    prepared = prepare(target, Findings())
    assert prepared is not None and prepared.economy is not None
    net = prepared.economy.net_total
    return int(net["budget_helar"]), earlier_forecast(int(net["prognos_helar"]))


# Fullmäktige's changes of a ram during the year (a tilläggsanslag): ram + changes = the
# nämnd's own Budget helår
BUDGET_CHANGES = {"Vård- och omsorgsnämnden": -12000}


def write_kommun_book(rams: list[tuple[str, str, int, int | None]]) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = k.KOMMUN.title
    key_values(ws, k.KOMMUN, [
        ("kommun", KOMMUN), ("ar", YEAR), ("rapporttyp", "Delårsrapport 2"),
        ("rapporttitel", "Delårsrapport"), ("period_month", "augusti"),
        ("beslutsdatum", "2025-10-27"), ("diarienummer", "KS 2025/350"),
        ("forvaltning", "Kommunledningsförvaltningen"), ("belopp_i_tabeller", "tkr")])
    namnder = wb.create_sheet(k.NAMNDER.title)
    header_row(namnder, header(k.NAMNDER, "name", "mapp", "budget_helar", "budgetandringar",
                               "prognos_fg_delar", "ordning"))
    for order, (name, mapp, budget, before) in enumerate(rams, start=1):
        changes = BUDGET_CHANGES.get(name)
        ram = budget - changes if changes else budget
        namnder.append([name, mapp, ram, changes, before, order])
    finansiering = wb.create_sheet(k.FINANSIERING.title)
    header_row(finansiering, header(k.FINANSIERING, "name", "grupp", "bokslut_fg",
                                    "utfall_period", "budget_helar", "prognos_helar", "note"))
    for name, group, bokslut, budget, prognos, note in FINANSIERING:
        finansiering.append([name, group, bokslut, round(prognos * PERIOD_SHARE), budget,
                             prognos, note])
    balans = wb.create_sheet(k.BALANSRAKNING.title)
    header_row(balans, header(k.BALANSRAKNING, "name", "grupp", "bokslut_fg", "utfall_period",
                              "note"))
    for row in BALANS:
        balans.append(list(row))
    kassaflode = wb.create_sheet(k.KASSAFLODE.title)
    header_row(kassaflode, header(k.KASSAFLODE, "name", "grupp", "utfall_period"))
    for row in KASSAFLODE:
        kassaflode.append(list(row))
    noter = wb.create_sheet(k.NOTER.title)
    header_row(noter, header(k.NOTER, "note", "rubrik", "name", "bokslut_fg", "utfall_period"))
    for row in NOTER:
        noter.append(list(row))
    for title, goals in MAL.items():
        sheet = wb.create_sheet(title)
        header_row(sheet, [column.header for column in k.FINANSIELLA_MAL.columns])
        for goal in goals:
            sheet.append(list(goal))
    text = wb.create_sheet(k.KOMMUN_TEXT.title)
    header_row(text, ["Avsnitt", "Text"])
    text.column_dimensions["B"].width = 90
    for key, value in TEXTER.items():
        text.append([key, value])
    wb.save(OUT / f"{KOMMUN}.xlsx")


def write_inputs() -> None:
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    rams = []
    for spec in NAMNDER[:1]:
        rams.append((spec["namnd"], spec["mapp"], write_namnd(spec), None))
    budget, before = example_namnd()
    rams.append((EXAMPLE_NAMND[1], EXAMPLE_NAMND[0], budget, before))
    for spec in NAMNDER[1:]:
        rams.append((spec["namnd"], spec["mapp"], write_namnd(spec), None))
    write_kommun_book(rams)
    print(f"skrev {OUT}")


# the words of the kommun's tables: titles, column titles and row labels
TABLE_WORDS = make_wording.AMOUNT_TABLE_WORDS + make_wording.column_words(
    ("bokslut_fg", "utfall_period", "budget", "prognos", "utfall", "resultat", "avvikelse")) + [
    ("tabellnamn_namnd", "Nämnd",
     "Namnet i tabellrubrik_belopp för driftredovisningen och investeringsredovisningen."),
    ("kolumnrubrik_not", "Not", "Kolumnen med notens nummer i resultat- och balansräkningen."),
    ("kolumnrubrik_varav_andringar", "Varav ändringar",
     "Driftredovisningens kolumn för fullmäktiges ändringar av ramen."),
    ("kolumnrubrik_forandring_mot_fg_prognos", "Förändring mot föregående prognos",
     "Driftredovisningens kolumn för förändringen sedan förra delårsrapporten."),
    ("radrubrik_summa_namnder", "Summa nämnder", "Summaraden i driftredovisningen."),
    ("tabellnamn_resultatrakning", "Resultaträkning",
     "Namnet i tabellrubrik_belopp för resultaträkningen."),
    ("radrubrik_namndernas_nettokostnader", "Nämndernas nettokostnader",
     "Resultaträkningens första rad: driftredovisningens summa."),
    ("radrubrik_verksamhetens_nettokostnader", "Verksamhetens nettokostnader",
     "Delsumma i resultaträkningen."),
    ("radrubrik_verksamhetens_resultat", "Verksamhetens resultat",
     "Delsumma i resultaträkningen."),
    ("radrubrik_resultat_efter_finansiella_poster", "Resultat efter finansiella poster",
     "Delsumma i resultaträkningen."),
    ("radrubrik_arets_resultat", "Årets resultat",
     "Resultaträkningens sista rad och balanskravsutredningens första."),
    ("tabellnamn_balanskrav", "Balanskravsutredning",
     "Namnet i tabellrubrik_belopp för balanskravsutredningen."),
    ("radrubrik_balanskravsresultat", "Balanskravsresultat",
     "Balanskravsutredningens summarad."),
    ("tabellnamn_balansrakning", "Balansräkning",
     "Namnet i tabellrubrik_belopp för balansräkningen."),
    ("radrubrik_summa_tillgangar", "Summa tillgångar", "Summarad i balansräkningen."),
    ("radrubrik_summa_eget_kapital_och_skulder", "Summa eget kapital, avsättningar och skulder",
     "Summarad i balansräkningen."),
    ("tabellnamn_kassaflode", "Kassaflödesanalys",
     "Namnet i tabellrubrik_belopp för kassaflödesanalysen."),
    ("radrubrik_kassaflode_lopande", "Kassaflöde från den löpande verksamheten",
     "Delsumma i kassaflödesanalysen."),
    ("radrubrik_kassaflode_investering", "Kassaflöde från investeringsverksamheten",
     "Delsumma i kassaflödesanalysen."),
    ("radrubrik_kassaflode_finansiering", "Kassaflöde från finansieringsverksamheten",
     "Delsumma i kassaflödesanalysen."),
    ("radrubrik_kassaflode",
     "{% if arsredovisning %}Årets{% else %}Periodens{% endif %} kassaflöde",
     "Kassaflödesanalysens summarad."),
    ("radrubrik_likvida_medel_borjan",
     "Likvida medel vid {% if arsredovisning %}årets{% else %}periodens{% endif %} början",
     "Rad i kassaflödesanalysen (när balansräkningen har Kassa och bank)."),
    ("radrubrik_likvida_medel_slut",
     "Likvida medel vid {% if arsredovisning %}årets{% else %}periodens{% endif %} slut",
     "Rad i kassaflödesanalysen (när balansräkningen har Kassa och bank)."),
    ("radrubrik_summa_investeringar", "Summa investeringar",
     "Summaraden i investeringsredovisningen."),
    ("tabellrubrik_mal", "Mål",
     "Första kolumnens rubrik i tabellerna över finansiella mål och verksamhetsmål."),
    ("kolumnrubrik_malvarde", "Målvärde", "Kolumn i tabellerna över mål."),
    ("kolumnrubrik_utfall_prognos", "Utfall/prognos", "Kolumn i tabellerna över mål."),
    ("kolumnrubrik_bedomning", "Bedömning", "Kolumn i tabellerna över mål."),
    ("tabellrubrik_not(enhet)", "Belopp i {{ enhet }}",
     "Första kolumnens rubrik i en nots tabell; enhet är tkr eller mnkr."),
    ("radrubrik_summa", "Summa", "Summaraden i en nots tabell med flera rader."),
]


def write_templates() -> None:
    TEMPLATES.mkdir(parents=True, exist_ok=True)
    doc = new_document()
    build_report(doc)
    set_properties(doc, "Mall: kommunens delårsrapport och årsredovisning")
    doc.save(TEMPLATES / "rapport.docx")
    make_wording.build(TEMPLATES / "formuleringar.docx", WORDING + TABLE_WORDS,
                       subject="Kommunens formuleringar")
    print(f"skrev {TEMPLATES}")


if __name__ == "__main__":
    write_templates()
    write_inputs()
