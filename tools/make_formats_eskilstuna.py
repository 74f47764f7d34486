"""Builds the Eskilstuna-style format: `templates/eskilstuna/` (protokollsutdrag, Delårsrapport 1,
formuleringar) and its example report folder `inputs/eskilstuna/`.

The figures are the published ones of Arbetsmarknads- och vuxenutbildningsnämnden's Delårsrapport 1
2022 (Eskilstuna kommun), in tkr so that the totals reproduce the published mnkr. Names of people,
the åtaganden's texts and the running text are invented. Run `python tools/make_formats_eskilstuna.py`
to recreate both folders; it overwrites them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook

TOOLS = Path(__file__).resolve().parent
sys.path.insert(0, str(TOOLS))
import make_templates as mt  # noqa: E402
import make_wording  # noqa: E402

REPO = TOOLS.parent
TEMPLATES = REPO / "templates" / "eskilstuna"
INPUTS = REPO / "inputs" / "eskilstuna"

# --- templates -------------------------------------------------------------------------------

SAMMANFATTNING = (
    "{% set n = ekonomi.namnd %}"
    "{% set storst = ekonomi.verksamheter | sort(attribute='avvikelse_period') | first %}"
    "Det ekonomiska utfallet till och med {{ period_manad }} {{ ar }} uppvisar "
    "{% if n.avvikelse_period is noll %}ett resultat i nivå med budget"
    "{% else %}ett {{ n.avvikelse_period | resultatord }} jämfört mot budget på "
    "{{ n.avvikelse_period | mnkr(ord=True) }}{% endif %}."
    "{% if storst and not storst.avvikelse_period is noll %} Den största avvikande posten är "
    "{{ storst.avvikelse_period | resultatord }} på {{ storst.namn | lower }} med "
    "{{ storst.avvikelse_period | mnkr(ord=True) }}.{% endif %}"
    " Prognosen för {{ organ }} {{ ar }} beräknas till "
    "{% if ekonomi.resultat is noll %}ett nollresultat{% else %}ett totalt "
    "{{ ekonomi.resultat | resultatord }} om {{ ekonomi.resultat | mnkr(ord=True) }}{% endif %}."
)

WORDING = [
    ("eskilstuna_sammanfattning", SAMMANFATTNING,
     "Sammanfattningen i protokollsutdraget och rapporten: periodens avvikelse mot budget, "
     "den verksamhet som avviker mest under perioden och årets prognos, i miljoner kronor."),
    ("verksamhet_mening(verksamhet)",
     "{% set s = verksamhet.siffror %}Utfallet till och med {{ period_manad }} är "
     "{% if s.avvikelse_period is noll %}i nivå med budget{% else %}ett "
     "{{ s.avvikelse_period | resultatord }} på {{ s.avvikelse_period | mnkr(ord=True) }} mot "
     "budget{% endif %}. För helåret prognostiseras "
     "{% if s.avvikelse is noll %}ett utfall i nivå med budget{% else %}ett "
     "{{ s.avvikelse | resultatord }} på {{ s.avvikelse | mnkr(ord=True) }}{% endif %}.",
     "Meningen under varje verksamhet: periodens och årets avvikelse."),
]

RESULTATRAKNING = ("{{p tabell.namnd | kolumner('utfall_period', 'budget_period', "
                   "'avvikelse_period', 'budget', 'prognos', 'avvikelse') | enhet('mnkr') "
                   "| summarad('Resultat') }}")


def build_protokoll(doc) -> None:
    add = mt.add
    add(doc, "{{ kommun }}", "Memo huvud")
    doc.add_paragraph(style="Memo etikett").add_run("Protokollsutdrag").bold = True
    for label, value in (("Organ", "{{ namnd }}"), ("Sammanträde", "{{ beslutsdatum }}"),
                         ("Diarienummer", "{{ diarienummer }}")):
        p = doc.add_paragraph(style="Memo huvud")
        p.add_run(f"{label}:\t").bold = True
        p.add_run(value)
    # unnumbered headings: a protokoll's § is its own number, never "1. § 25"
    add(doc, "§ {{ paragraf }}", "Titelsida nämnd", level=1)
    mt._paragraph_style(doc, "Ärenderubrik", size=13, bold=True, before=6, after=6,
                        keep_next=True)
    add(doc, "{{ namnd }}s {{ rapporttyp | lower }}, år {{ ar }}", "Ärenderubrik", level=2)
    add(doc, "Beslut", "Rubrik memo", level=3)
    add(doc, "{%p for punkt in beslutspunkter %}")
    add(doc, "{{ punkt.nr }}.\t{{ punkt.text }}", "Beslutspunkt")
    add(doc, "{%p endfor %}")
    add(doc, "Sammanfattning", "Rubrik memo", level=3)
    add(doc, "{{ formulering.eskilstuna_sammanfattning }}")
    add(doc, "{{p text.sammanfattande_bedomning }}")
    add(doc, "{%p if text.arendet %}")
    add(doc, "Ärendebeskrivning", "Rubrik memo", level=3)
    add(doc, "{{p text.arendet }}")
    add(doc, "{%p endif %}")
    add(doc, "Beslutet skickas till", "Rubrik memo", level=3)
    add(doc, "{%p if text.beslutet_skickas_till %}")
    add(doc, "{{p text.beslutet_skickas_till }}")
    add(doc, "{%p else %}")
    add(doc, "{{ mottagare }}")
    add(doc, "{%p endif %}")
    add(doc, "Justerandes signatur: ____________________\tUtdragsbestyrkande: "
             "____________________", "Memo underskrift")


def build_rapport(doc) -> None:
    add = mt.add
    mt.title_page_head(doc)
    mt.page_break(doc)
    add(doc, "Sammanfattning", "Heading 1")
    add(doc, "{{ formulering.eskilstuna_sammanfattning }}")
    add(doc, "{{p text.sammanfattande_bedomning }}")
    add(doc, "Status åtaganden", "Heading 2")
    add(doc, "{%p if listor.ataganden is defined %}")
    add(doc, "{{p listor.ataganden.tabell_rad }}")
    add(doc, "{%p endif %}")
    for key, title in (("betyg", "Betyg inom vuxenutbildningen"),
                       ("arbetsloshet", "Arbetslöshet"),
                       ("sjukfranvaro", "Sjukfrånvaro – medel senaste 12 månaderna")):
        add(doc, f"{{%p if tabeller.{key} is defined %}}")
        add(doc, title, "Heading 2")
        add(doc, f"{{{{p tabeller.{key} }}}}")
        add(doc, "{%p endif %}")
    add(doc, "Ekonomisk redovisning", "Heading 1")
    add(doc, "Resultaträkning (mnkr)", "Heading 2")
    add(doc, RESULTATRAKNING)
    add(doc, "{%p for v in verksamheter %}")
    add(doc, "{{ v.namn }}", "Heading 3")
    add(doc, "{{ v.mening }}")
    add(doc, "{{p v.analys }}")
    add(doc, "{%p endfor %}")


def write_templates() -> None:
    TEMPLATES.mkdir(parents=True, exist_ok=True)
    for name, build, title in (
            ("protokollsutdrag.docx", build_protokoll, "Mall: protokollsutdrag"),
            ("rapport.docx", build_rapport, "Mall: delårsrapport (Eskilstuna)")):
        doc = mt.new_document()
        if build is build_protokoll:
            doc.sections[0].different_first_page_header_footer = False
            doc.sections[0].header.paragraphs[0].text = ""
        build(doc)
        mt.set_properties(doc, title)
        doc.save(TEMPLATES / name)
    make_wording.build(TEMPLATES / "formuleringar.docx", WORDING, "Formuleringar (Eskilstuna)")


# --- the example report folder ---------------------------------------------------------------

RAPPORT = [
    ("Kommun", "Eskilstuna kommun"),
    ("Nämnd", "Arbetsmarknads- och vuxenutbildningsnämnden"),
    ("Förvaltning", "Arbetsmarknads- och vuxenutbildningsförvaltningen"),
    ("Rapporttyp", "Delårsrapport 1"),
    ("Rapporttitel", "Delårsrapport 1"),
    ("År", 2022),
    ("Period till och med", "mars"),
    ("Beslutsdatum", "2022-04-26"),
    ("Paragraf", "25"),
    ("Diarienummer", "AVN/2022:32"),
    ("Mottagare", "Kommunstyrelsen"),
    ("Förvaltningschef", "Greta Provström"),
    ("Handläggare", "Nils Exempelgren"),
    ("Belopp i text", "mnkr"),
    ("Budgetmodell", "Kommunbidrag"),
]
BESLUT = [
    (1, "Delårsrapport 1 för 2022 godkänns."),
    (2, "Rapporten översänds till kommunstyrelsen och kommunrevisionen."),
]
TEXT = [
    ("Sammanfattande bedömning",
     "Antalet hushåll med ekonomiskt bistånd har legat stilla under perioden, men varje "
     "utbetalning har blivit större. Vuxenutbildningen och arbetsmarknadsinsatserna håller sina "
     "budgetar."),
    ("Ärendet",
     "Nämnden följer upp sin verksamhet och ekonomi tre gånger om året. Delårsrapport 1 omfattar "
     "januari till mars och innehåller en prognos för helåret."),
    ("Beslutet skickas till", "Kommunstyrelsen\nKommunrevisionen\nFörvaltningens ledningsgrupp"),
]
MALOMRADEN = [
    (1, "Att tillgodose behovet av utbildning", "Fler elever når sina studiemål."),
    (2, "Arbete och försörjning", "Fler kommuninvånare går från bistånd till egen försörjning."),
    (3, "Effektiv organisation", "Förvaltningen arbetar med hållbart arbetsliv och ekonomi i "
                                 "balans."),
]
# (status, how many): as counted in the published document, 6/30/4 = 40
ATAGANDE_STATUS = [("Ej påbörjat", 6), ("Pågår", 30), ("Klart", 4)]
ATAGANDE_AMNEN = ["studievägledning", "yrkesutbildning", "språkträning", "praktikplatser",
                  "validering", "digitala tjänster", "uppföljning av anordnare",
                  "arbetsmiljö"]

# Tables as published (values in %, one decimal as printed)
BETYG = [
    ["Andel som slutfört Komvux med minst godkänt betyg", "Jan–feb 2022 (%)",
     "Antal satta betyg jan–feb 2022 (antal)", "Juli–dec 2021 (%)",
     "Antal satta betyg juli–dec 2021 (antal)", "Nivå"],
    ["Grundläggande nivå", 85.1, 175, 74.9, 368, "rubrik"],
    ["Kvinna", 83.7, 123, 76.0, 235, 1],
    ["Man", 88.5, 52, 72.9, 133, 1],
    ["Grundläggande nivå extern", 70.2, 201, 72.6, 814, "rubrik"],
    ["Kvinna", 74.5, 110, 72.6, 475, 1],
    ["Man", 64.5, 91, 72.6, 339, 1],
    ["Gymnasial nivå", 69.3, 137, 73.4, 214, "rubrik"],
    ["Kvinna", 70.6, 85, 75.8, 128, 1],
    ["Man", 67.3, 52, 69.8, 86, 1],
]
SJUKFRANVARO = [
    ["Sjukfrånvaro", "Kvinnor feb 2022 (%)", "Män feb 2022 (%)", "Totalt feb 2022 (%)",
     "Kvinnor dec 2021 (%)", "Män dec 2021 (%)", "Totalt dec 2021 (%)",
     "Förändring totalt (procentenheter)"],
    ["Totalt", 7.2, 3.4, 6.2, 6.8, 3.6, 6.0, 0.2],
]
ARBETSLOSHET = [
    ["Arbetslöshet mars 2022", "Eskilstuna (%)", "Riket (%)"],
    ["Totalt", 12.3, 7.0],
    ["Ungdomar 18–24 år", 13.9, 8.6],
    ["Utrikes födda", 27.8, 17.2],
]

EKONOMI_HEADER = ["Enhet", "Utfall period", "Budget period", "Budget helår", "Prognos helår",
                  "Radtyp"]
# name, ordning, analysis, rows (enhet, utfall period, budget period, budget helår, prognos), and
# the kommunersättning (period, year); tkr, totals reproduce the published mnkr
VERKSAMHETER = [
    ("Ekonomiskt bistånd", 1,
     "Försörjningsstödet per hushåll har ökat, medan antalet hushåll är oförändrat.",
     [("Försörjningsstöd", -56000, -50000, -200200, -230200)], (50000, 200200)),
    ("Arbetsmarknadsinsatser", 2,
     "Färre insatser har startat än planerat, vilket ger ett överskott för perioden.",
     [("Arbetsmarknadsenheter", -21400, -24100, -98000, -97700),
      ("Arbetsmarknadsanställningar", -6200, -6800, -27800, -27700)], (31000, 125800)),
    ("Vuxenutbildning", 3,
     "Vakanta tjänster ger ett litet överskott; utbildningen väntas hålla budget.",
     [("Komvux", -17600, -18400, -74000, -73800),
      ("Sfi", -8400, -8900, -36200, -36000)], (28100, 110200)),
    ("Nämnd och förvaltning", 4,
     "Vakanser inom administrationen ger ett överskott.",
     [("Nämnd", -700, -800, -2500, -2400),
      ("Ledning och administration", -8100, -9300, -20000, -19500)], (5600, 22500)),
]


# Warnings that are true of the data, acknowledged with the economist's reason
KVITTERAT = [
    ("R12-PERIODISERING", "Nämnd och förvaltning.xlsx › Ekonomi › C3",
     "Årets licenser och lokalhyror för administrationen betalas i förskott under "
     "januari–april; periodbudgeten följer betalningarna."),
]


def workbook(path: Path, sheets: dict[str, list[list]], number_format: str = "0.0") -> None:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(list(row))
        if title.startswith("Tabell"):
            for row in ws.iter_rows(min_row=2):
                for cell in row:
                    if isinstance(cell.value, float):
                        cell.number_format = number_format
    wb.save(path)


def atagande_rows() -> list[list]:
    rows = [["Målområde", "Åtagande", "Status", "Kommentar"]]
    number = 0
    for status, count in ATAGANDE_STATUS:
        for _ in range(count):
            subject = ATAGANDE_AMNEN[number % len(ATAGANDE_AMNEN)]
            rows.append([number % len(MALOMRADEN) + 1,
                         f"Åtagande {number + 1}: utveckla arbetet med {subject}", status, None])
            number += 1
    return rows


def write_inputs() -> None:
    INPUTS.mkdir(parents=True, exist_ok=True)
    for old in INPUTS.glob("*.xlsx"):
        old.unlink()
    workbook(INPUTS / "Arbetsmarknads- och vuxenutbildningsnämnden.xlsx", {
        "Rapport": [("Fält", "Värde"), *RAPPORT],
        "Beslut": [("Nr", "Beslutspunkt"), *BESLUT],
        "Text": [("Avsnitt", "Text"), *TEXT],
        "Målområden": [("Nr", "Målområde", "Sammanfattande analys"), *MALOMRADEN],
        "Statusar": [("Lista", "Status")] + [("Åtaganden", status) for status in
                                             ("Ej påbörjat", "Pågår", "Klart", "Försenat")],
        "Åtaganden": atagande_rows(),
        "Tabell Betyg": BETYG,
        "Tabell Sjukfrånvaro": SJUKFRANVARO,
        "Tabell Arbetslöshet": ARBETSLOSHET,
        "Kvitterat": [("Kod", "Plats", "Motivering"), *KVITTERAT],
    })
    for name, order, analysis, rows, (kb_period, kb_year) in VERKSAMHETER:
        ekonomi = [EKONOMI_HEADER] + [[*row, None] for row in rows]
        ekonomi.append(["Kommunersättning", kb_period, kb_period, kb_year, kb_year,
                        "Kommunbidrag"])
        workbook(INPUTS / f"{name}.xlsx", {
            "Verksamhet": [("Fält", "Värde"), ("Verksamhet", name), ("Ordning", order),
                           ("Ekonomisk analys", analysis)],
            "Ekonomi": ekonomi,
        })


if __name__ == "__main__":
    write_templates()
    write_inputs()
    print(f"skrev {TEMPLATES} och {INPUTS}")
