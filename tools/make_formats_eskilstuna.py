"""Builds the Eskilstuna-style format: `templates/eskilstuna/` (protokollsutdrag, Delårsrapport 1,
formuleringar) and its example report folder `inputs/eskilstuna/`.

The figures are the published ones of Arbetsmarknads- och vuxenutbildningsnämnden's Delårsrapport 1
2022 (Eskilstuna kommun), in tkr so that the totals reproduce the published mnkr. Names of people,
the åtaganden's texts and the running text are invented. Run
`python tools/make_formats_eskilstuna.py` to recreate both folders; it overwrites them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook

TOOLS = Path(__file__).resolve().parent
sys.path.insert(0, str(TOOLS))
import make_templates as mt  # noqa: E402
from assembler.contract import sheets as contract  # noqa: E402
from assembler.contract.amounts import Amount  # noqa: E402
from assembler.render import styles as st  # noqa: E402
import make_wording  # noqa: E402
from eskilstuna_processer import GROUPINGS as PROCESS_GROUPINGS  # noqa: E402
from eskilstuna_processer import process_chapters, yrkanden  # noqa: E402
from eskilstuna_processer import sheets as process_sheets  # noqa: E402

REPO = TOOLS.parent
TEMPLATES = REPO / "templates" / "eskilstuna"
INPUTS = REPO / "inputs" / "eskilstuna"

# --- templates -------------------------------------------------------------------------------

SAMMANFATTNING = (
    "{% set n = ekonomi.namnd %}"
    "{% set storst = ekonomi.verksamheter | sort(attribute='avvikelse_period') | first %}"
    "Det ekonomiska utfallet till och med {{ period_manad }} {{ ar }} uppvisar "
    "{% if n.avvikelse_period is noll %}ett resultat i nivå med budget"
    "{% else %}ett {{ n.avvikelse_period | resultatord }} jämfört med budget på "
    "{{ n.avvikelse_period | belopp('inget') }}{% endif %}."
    "{% if storst and not storst.avvikelse_period is noll %} Den största avvikande posten är "
    "{{ storst.avvikelse_period | resultatord }} på {{ storst.namn | lower }} med "
    "{{ storst.avvikelse_period | belopp('inget') }}.{% endif %}"
    " Prognosen för {{ organ }} {{ ar }} beräknas till "
    "{% if ekonomi.resultat is noll %}ett nollresultat{% else %}ett totalt "
    "{{ ekonomi.resultat | resultatord }} om {{ ekonomi.resultat | belopp('inget') }}{% endif %}."
)

WORDING = [
    ("eskilstuna_sammanfattning", SAMMANFATTNING,
     "Sammanfattningen i protokollsutdraget och rapporten: periodens avvikelse mot budget, "
     "den verksamhet som avviker mest under perioden och årets prognos, i miljoner kronor."),
    ("verksamhet_mening(verksamhet)",
     "{% set s = verksamhet.siffror %}Utfallet till och med {{ period_manad }} är "
     "{% if s.avvikelse_period is noll %}i nivå med budget{% else %}ett "
     "{{ s.avvikelse_period | resultatord }} på {{ s.avvikelse_period | belopp('inget') }} mot "
     "budget{% endif %}. För helåret prognostiseras "
     "{% if s.avvikelse is noll %}ett utfall i nivå med budget{% else %}ett "
     "{{ s.avvikelse | resultatord }} på {{ s.avvikelse | belopp('inget') }}{% endif %}.",
     "Meningen under varje verksamhet: periodens och årets avvikelse."),
    ("tabellrubrik_ataganden(m)", "1-årigt åtagande",
     "Första kolumnens rubrik i tabellen över processens åtaganden, som i originalet."),
]

# the nämnd's long name over the whole width (titelrad), not wrapped in the first column
RESULTATRAKNING_VERKSAMHET = ("{{p tabell.namnd | kolumner('utfall_period', 'budget_period', "
                   "'avvikelse_period', 'budget', 'prognos', 'avvikelse') | enhet('mnkr') "
                   "| summarad('Resultat') | titelrad('Verksamhet') }}")
# The published resultaträkning by konto (sheet Kontogrupper), beside the year before's period
# (the period's budget only where the sheet has it: a kommun may leave it out); its two total
# rows are the sheet's (Radtyp Summa), its first column headed Konto as published
RESULTATRAKNING = ("{{p tabell.kontogrupper | kolumner('utfall_period_fg?', 'utfall_period', "
                   "'budget_period?', 'avvikelse_period?', 'prognos', 'avvikelse') "
                   "| enhet('mnkr') | radrubrik('Konto') }}")
# The investeringsredovisning per projekt (sheet Investeringar), headed Projekt as published
INVESTERINGSREDOVISNING = ("{{p tabell.investeringar | kolumner('budget', 'utfall_period', "
                           "'avvikelse') | enhet('mnkr') "
                           "| summarad('Summa Investeringsredovisning') | radrubrik('Projekt') }}")
UNIT_LINE = "Belopp i miljoner kronor."  # the unit, where the first column's title is a word


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
    yrkanden(doc)
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
    huvudprocesser(doc)
    for key, title in (("betyg", "Betyg inom vuxenutbildningen"),
                       ("forsorjningsstod", "Försörjningsstöd"),
                       ("arbetsloshet", "Arbetslöshet"),
                       ("sjukfranvaro", "Sjukfrånvaro – medel senaste 12 månaderna")):
        add(doc, f"{{%p if tabeller.{key} is defined %}}")
        add(doc, title, "Heading 2")
        add(doc, f"{{{{p tabeller.{key} }}}}")
        add(doc, "{%p endif %}")
    process_chapters(doc, record_table)
    add(doc, "Ekonomisk redovisning", "Heading 1")
    add(doc, "{%p if tabell.kontogrupper %}")
    add(doc, "Resultaträkning", "Heading 2")
    add(doc, UNIT_LINE, keep_with_next=True)
    add(doc, RESULTATRAKNING)
    add(doc, "{%p endif %}")
    add(doc, "Resultaträkning per verksamhet", "Heading 2")
    add(doc, RESULTATRAKNING_VERKSAMHET)
    add(doc, "{%p for v in verksamheter %}")
    add(doc, "{{ v.namn }}", "Heading 3")
    add(doc, "{{ v.mening }}")
    add(doc, "{{p v.analys }}")
    add(doc, "{%p endfor %}")
    add(doc, "{%p if tabell.investeringar %}")
    add(doc, "Investeringsredovisning", "Heading 2")
    add(doc, UNIT_LINE, keep_with_next=True)
    add(doc, INVESTERINGSREDOVISNING)
    add(doc, "{{p text.investeringar }}")
    add(doc, "{%p endif %}")
    intern_kontroll(doc)


def record_table(doc, headers: list[str], loop: str, cells: list[str],
                 shares: list[float], numbers: tuple[int, ...] = ()) -> None:
    """A table the template fills from records: a header row, then one row per record
    (`{%tr for … %}`), its columns as wide as `shares` of the text width; the columns
    `numbers` (indexes) hold figures, right-aligned."""
    from docx.oxml import OxmlElement
    from docx.shared import Emu

    table = doc.add_table(rows=4, cols=len(headers))
    # the first row is the header (a TH in the PDF, repeated on a new page)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    table.style = doc.styles[st.TABLE.name]
    section = doc.sections[0]
    width = Emu(section.page_width - section.left_margin - section.right_margin)
    for column, share in zip(table.columns, shares, strict=False):
        column.width = Emu(int(width * share))
    rows = [headers, [loop] + [""] * (len(headers) - 1), cells,
            ["{%tr endfor %}"] + [""] * (len(headers) - 1)]
    for row, texts in zip(table.rows, rows, strict=False):
        for index, (cell, text) in enumerate(zip(row.cells, texts, strict=False)):
            cell.width = Emu(int(width * shares[index]))
            paragraph = cell.paragraphs[0]
            paragraph.text = text
            header = row is table.rows[0]
            if index in numbers:
                kind = st.TABLE_NUMBER_HEADER if header else st.TABLE_NUMBER
            else:
                kind = st.TABLE_HEADER if header else st.TABLE_TEXT
            paragraph.style = doc.styles[kind.name]
    mt.add(doc, "", st.TABLE_SPACING.name)


def huvudprocesser(doc) -> None:
    """Sammanställning av de viktigaste huvudprocesserna: per område a table of its
    huvudprocesser with bedömning and trend (records `Poster Huvudprocesser`)."""
    add = mt.add
    add(doc, "{%p if poster.huvudprocesser is defined %}")
    add(doc, "Sammanställning av de viktigaste huvudprocesserna", "Heading 2")
    add(doc, "{%p for omr in poster.huvudprocesser %}")
    add(doc, "{{ omr.namn }}", "Heading 3")
    record_table(doc, ["Huvudprocess", "Bedömning", "Trend"],
                 "{%tr for p in omr.poster %}",
                 ["{{ p.namn }}", "{{ p.rad.bedomning }}", "{{ p.rad.trend }}"],
                 [0.5, 0.3, 0.2])
    add(doc, "{%p endfor %}")
    add(doc, "{%p endif %}")


def intern_kontroll(doc) -> None:
    """Intern styrning och kontroll: per verksamhet each kontroll with why it is done, how
    often and how, and its result (records `Poster Intern kontroll`)."""
    add = mt.add
    add(doc, "{%p if poster.intern_kontroll is defined %}")
    add(doc, "Intern styrning och kontroll", "Heading 1")
    add(doc, "{%p for v in poster.intern_kontroll %}")
    add(doc, "{{ v.namn }}", "Heading 2")
    add(doc, "{%p for k in v.poster %}")
    add(doc, "{{ k.namn }}", "Heading 3")
    add(doc, "{{p k.beskrivning }}")
    record_table(doc, ["Frekvens", "Metod"], "{%tr for m in [k] %}",
                 ["{{ m.rad.frekvens }}", "{{ m.rad.metod }}"], [0.3, 0.7])
    add(doc, "Resultat", "Postetikett")
    add(doc, "{{p k.resultat }}")
    add(doc, "{%p endfor %}")
    add(doc, "{%p endfor %}")
    add(doc, "{%p endif %}")


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
    ("Belopp i text", "miljoner kronor"),  # the same words in all three documents
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
    ("Investeringar",
     "Investeringsbudgeten är ännu inte använd. Inköpen planeras till hösten och ryms inom "
     "budgeten."),
    ("Yrkanden", "Ordföranden Ingrid Provdal (S) yrkar bifall till förvaltningens förslag."),
]
MALOMRADEN = [
    (1, "Att tillgodose behovet av utbildning", "Fler elever når sina studiemål."),
    (2, "Arbete och försörjning", "Fler kommuninvånare går från bistånd till egen försörjning."),
    (3, "Effektiv organisation", "Förvaltningen arbetar med hållbart arbetsliv och ekonomi i "
                                 "balans."),
]
# (status, how many): as counted in the published document, 6/30/4 = 40
ATAGANDE_STATUS = [("Ej påbörjat", 6), ("Pågår", 30), ("Klart", 4)]
# the statuses as the original's Status åtaganden writes them
ATAGANDE_ORDEN = ("Ej påbörjad", "Pågår", "Klart, avslutat", "Försenat")
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
    ["Gymnasial nivå extern", 68.3, 353, 68.6, 1120, "rubrik"],
    ["Kvinna", 69.2, 221, 70.3, 713, 1],
    ["Man", 66.7, 132, 65.6, 407, 1],
    ["Prövningar", 40.0, 10, 63.5, 115, "rubrik"],
    ["Kvinna", 50.0, 8, 55.7, 70, 1],
    ["Man", 0.0, 2, 75.6, 45, 1],
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
     [("Försörjningsstöd", -55980, -50000, -200200, -230200)], (50000, 200200)),
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
      ("Ledning och administration", -8100, -9260, -20000, -19500)], (5600, 22500)),
]

# The resultaträkning by konto as published (mnkr, one decimal), in tkr: (konto, utfall jan–mar
# 2021, utfall jan–mar 2022, budget jan–mar 2022, budget helår, prognos helår, delsumma, radtyp).
# The published rows carry rounding (Köp av verksamhet −27,8 − −24,5 printed as −3,4; the
# subtotals are not the sums of the printed rows); the tkr are chosen so that every printed row,
# subtotal and difference rounds to the published figure and the sheet agrees with the
# verksamheters' Ekonomi to the krona.
INTAKTER, KOSTNADER = "Summa INTÄKTER", "Summa KOSTNADER"
KONTOGRUPPER = [
    ("Kommunersättning", 113_440, 114_700, 114_700, 458_700, 458_700, INTAKTER, "Kommunbidrag"),
    ("Övriga intäkter", 46_740, 70_060, 62_100, 248_400, 248_700, INTAKTER, None),
    ("Personalkostnader", -56_700, -56_400, -57_500, -215_800, -214_400, KOSTNADER, None),
    ("Lokalkostnader", -8_880, -8_000, -8_400, -33_500, -33_500, KOSTNADER, None),
    ("Köp av verksamhet", -19_980, -27_830, -24_460, -97_900, -97_900, KOSTNADER, None),
    ("Övriga kostnader", -89_480, -96_210, -90_000, -359_900, -390_200, KOSTNADER, None),
    ("FINANSNETTO", 0, 0, 0, 0, 0, None, None),
    # the two total rows as published, computed where they stand (Radtyp Summa): no över-/
    # underskott from earlier years is used in the period, so the second equals the first
    ("Summa ÅRETS RESULTAT exkl över-/underskott", None, None, None, None, None, None, "Summa"),
    ("Summa ÅRETS RESULTAT inkl över-/underskott", None, None, None, None, None, None, "Summa"),
]
KONTOGRUPPER_FIELDS = (Amount.UTFALL_PERIOD_FG, Amount.UTFALL_PERIOD, Amount.BUDGET_PERIOD,
                       Amount.BUDGET_HELAR, Amount.PROGNOS_HELAR)
# The investeringsredovisning as published: the nämndbeslutad investering, budget −4,0 mnkr,
# nothing used by March, the year's prognos at budget
INVESTERINGAR = [("Nämndbeslutad investering", -4_000, 0, -4_000)]
INVESTERINGAR_FIELDS = (Amount.BUDGET_HELAR, Amount.UTFALL_PERIOD, Amount.PROGNOS_HELAR)


def amount_sheets() -> dict[str, list[list]]:
    """The nämnd's Kontogrupper and Investeringar sheets, their headers as the contract
    declares them."""
    konto, invest = contract.KONTOGRUPPER, contract.INVESTERINGAR
    return {
        konto.title: [[konto.label.header, *(konto.column(f).header for f in KONTOGRUPPER_FIELDS),
                       contract.DELSUMMA.header, contract.RADTYP.header],
                      *(list(row) for row in KONTOGRUPPER)],
        invest.title: [[invest.label.header,
                        *(invest.column(f).header for f in INVESTERINGAR_FIELDS)],
                       *(list(row) for row in INVESTERINGAR)],
    }


# Huvudprocesser per område, with the nämnd's bedömning and trend (invented, the published
# processes' names); intern kontroll per verksamhet with its result
HUVUDPROCESSER = [
    ["Område", "Huvudprocess", "Bedömning", "Trend"],
    ["Hållbar utveckling", "Försörjningsstöd", "Delvis godtagbar", "↗"],
    [None, "Arbetsmarknadsåtgärder", "Behöver förbättras", "↘"],
    [None, "Yrkesutbildningar", "Godtagbar", "→"],
    ["Effektiv organisation", "Processkvalitet", "Godtagbar", "↗"],
    [None, "Medarbetare", "Godtagbar", "→"],
    [None, "Ekonomi", "Delvis godtagbar", "→"],
]
INTERN_KONTROLL = [
    ["Verksamhet", "Kontroll", "Beskrivning", "Frekvens", "Metod", "Resultat"],
    ["Ekonomiskt bistånd",
     "Kontroll av att hushåll med barn har sökt bostadsbidrag innan försörjningsstöd beviljas",
     "Försörjningsstöd ges först när andra ersättningar är prövade. Kontrollen visar om "
     "handläggarna följer upp bostadsbidraget vid fortsatt ansökan.",
     "En gång, hösten 2022",
     "Stickprov bland hushåll med barn och boendekostnad; enhetscheferna granskar akterna.",
     "Kontrollen görs under hösten och redovisas i delårsrapport 2."],
    [None, "Kontroll av att instruktionen om jäv är känd på enheterna",
     "Om instruktionen inte är känd kan beslut fattas av den som har en koppling till den "
     "sökande.",
     "En gång, våren 2022",
     "Enkät till handläggare och enhetschefer.",
     "Enkäten är besvarad. Alla enhetschefer och nästan alla handläggare känner till "
     "instruktionen; den gås igenom på nästa arbetsplatsträff."],
    ["Arbetsmarknadsinsatser",
     "Kontroll av att deltagarna har aktuella genomförandeplaner",
     "En plan som inte följs upp kan fördröja deltagarens väg till arbete eller studier.",
     "Två gånger per år",
     "Genomgång av ett urval deltagare i verksamhetssystemet.",
     "Första genomgången visar att de flesta planer är aktuella. Enheterna har fått en "
     "påminnelse om uppföljningen."],
    ["Vuxenutbildning",
     "Kontroll av att arbetsplatsförlagt lärande genomförs som avtalat",
     "Eleverna ska få den praktik som utbildningen kräver, på en relevant arbetsplats.",
     "Två gånger per år",
     "Enkät till eleverna och underlag från utbildningsanordnarna.",
     "Kontrollen görs i april och oktober; resultatet redovisas i delårsrapport 2."],
]
GROUPINGS = [("Blad", "Gruppera efter", "Obligatoriska kolumner"),
             ("Huvudprocesser", "Område › Huvudprocess", "Bedömning, Trend"),
             ("Intern kontroll", "Verksamhet › Kontroll", "Beskrivning, Resultat")]

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
        # the original's words; an åtagande typed `Klart` or `Ej påbörjat` counts under them
        "Statusar": [("Lista", "Status")] + [("Åtaganden", status) for status in
                                             ATAGANDE_ORDEN],
        "Åtaganden": atagande_rows(),
        "Tabell Betyg": BETYG,
        "Tabell Sjukfrånvaro": SJUKFRANVARO,
        "Tabell Arbetslöshet": ARBETSLOSHET,
        "Poster Huvudprocesser": HUVUDPROCESSER,
        "Poster Intern kontroll": INTERN_KONTROLL,
        "Postgrupper": GROUPINGS + PROCESS_GROUPINGS,
        "Kvitterat": [("Kod", "Plats", "Motivering"), *KVITTERAT],
    } | amount_sheets() | process_sheets())
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
