"""The Uppsala format's documents beside the report and the memo, and the data they need:
the bilagor the tjänsteskrivelse lists that are documents of their own (Bilaga 2 Nyckeltal,
Bilaga 3 Uppföljning av inriktningsmål, Bilaga 4 Uppföljning av 26-punktsplanen) come from the
template folder, as Eskilstuna's protokollsutdrag does; the report is Bilaga 1. Also each
verksamhetsområde's Utfall and Prognos text (`Poster Analys`) and the report's section that
shows them. Used by make_formats.py; running text is our own, the figures the published ones.
"""

from __future__ import annotations

from make_templates import add, memo_header, optional_section
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

# --- data ----------------------------------------------------------------------------------

# The 26-punktsplan's aktiviteter: status as counted in the published tjänsteskrivelse (nio
# färdiga, 12 pågår enligt plan, fyra avviker från plan, en stoppad), text and comment our own.
AKTIVITET_STATUSAR = [
    ("Färdig", "Färdiga aktiviteter", "är färdiga", "är färdig"),
    ("Påbörjad", "Påbörjade aktiviteter", "pågår enligt plan", None),
    ("Avviker från plan", "Aktiviteter som avviker från plan", "avviker från plan", None),
    ("Stoppad", "Stoppade aktiviteter", "är stoppade", "är stoppad"),
]
AKTIVITETER = [
    ("Varje elev i vuxenutbildningen har en studieplan som följs upp regelbundet.",
     "Avviker från plan",
     "Planerna finns men följs upp på olika sätt; ett nytt digitalt stöd behövs först."),
    ("Elever i sfi som behöver det får en planering på heltid tillsammans med en "
     "arbetsmarknadsinsats.", "Påbörjad",
     "Avdelningarna möts varje månad och har börjat skriva gemensamma rutiner."),
    ("Varje kurs i sfi har ett slutdatum som eleven känner till.", "Färdig",
     "Alla nya kurser har ett slutdatum sedan terminsstarten."),
    ("Elever utan tillräcklig progression i sfi erbjuds en arbetsmarknadsinsats i stället.",
     "Påbörjad", "Ett tiotal elever har hittills gått över till en insats."),
    ("Platser som använts för extratjänster erbjuds för nya anställningar och språkpraktik.",
     "Färdig", "Arbetsplatserna tillfrågas när en anställning avslutas."),
    ("Utrikes födda kvinnor långt från arbetsmarknaden får svenska och praktik på heltid.",
     "Påbörjad", "Ett nytt jobbspår har startat där de flesta deltagarna är kvinnor."),
    ("Samhällsorienteringen tar upp arbetsliv, studier och eget företagande.", "Färdig",
     "Kursen har fått ett eget block om försörjning och arbetsmarknad."),
    ("Vuxenutbildningen meddelar handläggaren när en elev avviker från sin planering.",
     "Avviker från plan", "Arbetet vilar medan undervisningen ställs om under pandemin."),
    ("Elever får samlad hjälp med frågor om studiefinansiering.", "Avviker från plan",
     "Frågan behöver utredas vidare innan en funktion inrättas."),
    ("Den som söker bistånd på grund av arbetslöshet skattar själv sina behov och anvisas "
     "direkt till en insats.", "Avviker från plan",
     "Självskattningen är pausad; andelen anvisade har slutat öka."),
    ("Alla som får bistånd på grund av arbetslöshet är inskrivna på Arbetsförmedlingen.",
     "Färdig", "Kontrollen ingår i handläggningen; stickprov visar att den följs."),
    ("Fler jobbspår och kombinationsutbildningar tas fram med näringslivet.", "Färdig",
     "Ett jobbspår inom lokalvård har startat och företagskontakterna följs upp varje månad."),
    ("En funktion bevakar Arbetsförmedlingens utbud åt nämndens målgrupper.", "Påbörjad",
     "En områdeschef har fått ansvaret."),
    ("Matchningen använder hela arbetsmarknadsregionen och bristyrkena.", "Färdig",
     "Kontakterna med arbetsgivare utanför kommunen förs nu i ett gemensamt system."),
    ("Fler arbetsmarknadsinsatser upphandlas där externa leverantörer kan bidra.", "Färdig",
     "Tre avrop har gjorts under året."),
    ("Egen regi samarbetar med andra förvaltningar och kompletteras via dynamiskt inköp.",
     "Färdig", "Samarbetet har bland annat gett fler feriearbeten."),
    ("Ett gemensamt team stöttar elever och deltagare över avdelningsgränserna.", "Påbörjad",
     "Ett förslag finns och arbetas vidare med under hösten."),
    ("Stödet till civilsamhället får en tydlig inriktning mot arbete.", "Påbörjad",
     "Nya riktlinjer för föreningsbidrag tas fram."),
    ("Familjer till ensamkommande med annan hemkommun hänvisas till den kommunen.", "Stoppad",
     "Aktiviteten bedöms inte vara rättsligt möjlig."),
    ("Familjer i tillfälligt boende får en bestämd tid att ordna eget boende.", "Påbörjad",
     "Tiden ges, och samtal om långsiktiga lösningar pågår med socialförvaltningen."),
    ("Förvaltningen söker externa medel för sina insatser.", "Påbörjad",
     "Flera ansökningar är inskickade; två har beviljats."),
    ("Resurser som frigörs går i första hand till insatser, inte till administration.",
     "Påbörjad", "Vuxenutbildningen har samlat verksamheten i större enheter."),
    ("Förvaltningen anpassar sin organisation snabbt när förutsättningarna ändras.",
     "Påbörjad", "Undervisningen ställdes om till distans under våren."),
    ("Arbete och utbildning är en del av varje persons planering.", "Påbörjad",
     "Introduktionsdagar för nya sökande har startat men påverkats av pandemin."),
    ("Ansvaret mellan förvaltningen och andra myndigheter blir tydligare.", "Påbörjad",
     "Förvaltningen har tagit fram principer för samarbetet med andra parter."),
    ("Nämnden skriver till staten med förslag om försörjningsstöd och etablering.", "Färdig",
     "Skrivelserna skickades efter nämndens beslut förra hösten."),
]

# Inriktningsmål with the nämnd's prognos (as published: three helt, three i hög grad, three
# delvis); the goals' wording and the assessment text our own.
INRIKTNINGSMAL = [
    ["Inriktningsmål", "Prognos", "Bedömning"],
    ["1. En jämställd och hållbar ekonomi", "Helt uppfyllt",
     "Nämnden väntas gå med överskott för året. Arbetet med sociala krav i upphandlingar "
     "behöver komma längre."],
    ["2. En trygg och attraktiv kommun att leva och verka i", "I hög grad uppfyllt",
     "Utbildningsinsatser och samverkan med föreningar i de utsatta stadsdelarna bidrar till "
     "målet; i en stadsdel har arbetet bara börjat."],
    ["3. En stad och landsbygd som växer hållbart", "Helt uppfyllt",
     "Verksamheterna byter ut plast och köper mer ekologiska livsmedel."],
    ["4. En jämlik och inkluderande kommun med god folkhälsa", "I hög grad uppfyllt",
     "De flesta uppdragen under målet löper enligt plan."],
    ["5. Bostad och arbete för kommunens invånare", "I hög grad uppfyllt",
     "Fler får stöd från arbetsmarknadsverksamheten, men den högre arbetslösheten gör det "
     "svårare att gå till egen försörjning."],
    ["6. Utbildning som alla klarar och som utmanar", "Delvis uppfyllt",
     "Söktrycket är högt och de flesta behöriga antas; ombyggnaden av lokalerna gör att "
     "studiemiljön ännu inte är säkrad."],
    ["7. Trygghet och tillgänglighet för äldre och för personer med funktionsnedsättning",
     "Delvis uppfyllt", "Två gemensamma uppdrag med andra nämnder har just startat."],
    ["8. Invånare och organisationer som är delaktiga i samhället", "Delvis uppfyllt",
     "Planerade aktiviteter har ställts in under pandemin."],
    ["9. Medarbetare med bra arbetsvillkor och hög kompetens", "Helt uppfyllt",
     "Medarbetarengagemanget har ökat något sedan förra året."],
]

# Bilaga 2: the published nyckeltal per augusti 2020 (tkr; antal; tkr per studerande/hushåll)
NYCKELTAL_VUXENUTBILDNING = [
    ["Nyckeltal vuxenutbildning", "Grundläggande och gymnasial vuxenutbildning (tkr)",
     "Särvux (tkr)", "Sfi (tkr)"],
    ["Totala kostnader", 149_365, 5_210, 103_925],
    ["Avgår: övriga intäkter *)", 68_234, 0, 25_871],
    ["Nettokostnad", 81_131, 5_210, 78_054],
    ["Antal studerande **)", 4_463, 16, 4_806],
    ["Nettokostnad per studerande", 18.2, 325.6, 16.2],
]
NYCKELTAL_BISTAND = [
    ["Nyckeltal ekonomiskt bistånd", "Ekonomiskt bistånd (tkr)", "Flyktinghushåll (tkr)"],
    ["Totala kostnader *)", 358_949, 31_051],
    ["Avgår: övriga intäkter **)", 10_206, 11_792],
    ["Nettokostnad", 348_743, 19_259],
    ["Antal hushåll med försörjningsstöd", 5_210, 566],
    ["Utbetalt försörjningsstöd per hushåll och år", 66.9, 34.0],
]

TEXTS = [
    ("Handlingsplan",
     "Nämnden antog hösten 2019 en plan med 26 aktiviteter för att färre invånare ska behöva "
     "ekonomiskt bistånd. Förvaltningen redovisar vid varje bokslut hur arbetet med planen går "
     "(bilaga 4). Pandemin har försenat en del av aktiviteterna, men de flesta går som "
     "planerat."),
    ("Nämndens stöd till civilsamhället",
     "Nämndens stöd till föreningar och idéburna organisationer kommer från flera av dess "
     "verksamheter. Stödet väntas bli något större än budgeterat, främst inom "
     "arbetsmarknadsinsatserna."),
    ("Projektredovisning",
     "Förvaltningen driver ett tiotal projekt med extern finansiering, bland annat från "
     "Europeiska socialfonden och länsstyrelsen. Projekten redovisas inom de verksamheter de "
     "hör till."),
    ("Risker och osäkerhet",
     "Hur många hushåll som kommer att behöva ekonomiskt bistånd under hösten är osäkert: "
     "arbetsmarknaden är svag och flera insatser mot egen försörjning är pausade under "
     "pandemin.\nOm och när kvotflyktingarna kommer påverkar både kostnader och intäkter.\n"
     "Storleken på de riktade statsbidragen till yrkesutbildningarna är ännu inte beslutad."),
    ("Nyckeltal",
     "Nyckeltalen visar nettokostnaden per studerande och per hushåll för perioden januari till "
     "augusti. Intäkterna är verksamhetens egna, utan kommunbidrag."),
    ("Nyckeltal fotnoter",
     "*) Verksamhetens övriga intäkter, utan kommunbidrag.\n"
     "**) Vuxenutbildningen: genomsnittligt antal heltidsstuderande; sfi: antal studerande."),
]

# Each verksamhetsområde's comment on its period result and on its forecast (our own words;
# the figures come from the table through the template)
ANALYS = {
    "Politisk verksamhet": (
        "Kostnaderna för nämndens sammanträden är något lägre än beräknat.",
        "Nämnden räknar med ett litet överskott, ungefär som förra året."),
    "Infrastruktur och skydd": (
        "Området omfattar konsumentrådgivning samt budget- och skuldrådgivning. Resultatet är "
        "bättre än samma period förra året.",
        "Personalkostnaderna blir lägre än budgeterat."),
    "Föreningsbidrag": (
        "Bidrag har beviljats till ett trettiotal föreningar; fler kan söka startbidrag under "
        "hösten.",
        "Bidragen väntas följa budgeten. Hur många ansökningar som beviljas under hösten är "
        "osäkert."),
    "Vuxenutbildning": (
        "Fler elever läser på grundläggande och gymnasial nivå än förra året, medan sfi har "
        "större kostnader för köpta platser.",
        "Överskottet beror på riktade statsbidrag till yrkesutbildningar som inte fanns med i "
        "budgeten. Beslut om bidragens storlek väntas i oktober."),
    "Ekonomiskt bistånd": (
        "Färre hushåll än budgeterat har fått bistånd, och fler ansökningar har avslagits "
        "efter kontrollen av nya ärenden.",
        "Kostnaderna för försörjningsstöd väntas bli lägre än i budgeten och i marsprognosen."),
    "Flyktingmottagande": (
        "Intäkterna från statliga schabloner är högre än budgeterat, och färre kvotflyktingar "
        "har kommit under pandemin.",
        "Mottagandet av kvotflyktingar väntas komma i gång först mot slutet av året."),
    "Arbetsmarknadsåtgärder": (
        "Arbetsmarknadsanställningarna har varit fler än budgeterat och haft lägre statlig "
        "ersättning per anställd.",
        "Underskottet växer sedan marsprognosen: fler anställningar, feriejobben och lägre "
        "försäljningsintäkter i de praktiska verksamheterna."),
}


# Each uppdrag's comment under its status, as the original comments every uppdrag (invented;
# a bold or italic part typed in Excel is kept): alternatives per status, taken in turn
_BOLD, _ITALIC = InlineFont(b=True), InlineFont(i=True)
UPPDRAG_KOMMENTARER = {
    "Klart": [
        CellRichText(["Uppdraget är genomfört och ingår nu i det ordinarie arbetet."]),
        CellRichText(["Arbetet är klart; ", TextBlock(_ITALIC, "resultatet följs upp i "
                                                      "verksamhetsplanen för nästa år.")]),
    ],
    "Klart 2020": [
        CellRichText(["Arbetet pågår enligt plan. ", TextBlock(_BOLD, "Klart: hösten 2020.")]),
        CellRichText(["Förvaltningen har tagit fram ett förslag som behandlas i nämnden före "
                      "årets slut."]),
    ],
    "Klart 2021 eller senare": [
        CellRichText(["Arbetet har startat men tar längre tid än ett år. ",
                      TextBlock(_BOLD, "Klart: 2021.")]),
        CellRichText(["En kartläggning pågår; förslag på rutiner tas fram ",
                      TextBlock(_ITALIC, "efter"), " att kartläggningen är klar."]),
        CellRichText(["Uppdraget genomförs tillsammans med andra förvaltningar och väntas vara "
                      "klart 2022."]),
    ],
    "Stoppat": [
        CellRichText(["Uppdraget genomförs inte: ", TextBlock(_ITALIC, "det bedöms inte vara "
                                                          "rättsligt möjligt.")]),
    ],
    "Väntar på annan nämnd": [
        CellRichText(["Förvaltningen är redo att bidra när den ansvariga nämnden tar initiativ "
                      "till arbetet."]),
    ],
    "Försenat": [
        CellRichText(["Arbetet har försenats av pandemin. ",
                      TextBlock(_BOLD, "En ny tidplan tas fram under hösten.")]),
        CellRichText(["Arbetet har stått still i väntan på en projektledare; rekryteringen "
                      "pågår."]),
    ],
}


def uppdrag_kommentar(status: str, number: int) -> CellRichText:
    """The comment of the status's `number`th uppdrag (from 0)."""
    choices = UPPDRAG_KOMMENTARER[status]
    return choices[number % len(choices)]


def add_followup_sheets(wb, add_sheet) -> None:
    """The nämnd's workbook: the 26-punktsplan as a list with its own statuses, the
    inriktningsmål as records, the nyckeltal as free tables and the texts the bilagor use."""
    statusar = wb["Statusar"]
    for status, rubrik, i_text, ental in AKTIVITET_STATUSAR:
        statusar.append(["Aktiviteter", status, rubrik, i_text, ental])
    add_sheet(wb, "Aktiviteter", [["Aktiviteter", "Status", "Kommentar"]]
              + [list(a) for a in AKTIVITETER])
    add_sheet(wb, "Poster Inriktningsmål", INRIKTNINGSMAL)
    add_sheet(wb, "Tabell Nyckeltal vux", NYCKELTAL_VUXENUTBILDNING)
    add_sheet(wb, "Tabell Nyckeltal bistånd", NYCKELTAL_BISTAND)
    for sheet in ("Tabell Nyckeltal vux", "Tabell Nyckeltal bistånd"):
        for row in wb[sheet].iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, float):
                    cell.number_format = "0.0"
    text = wb["Text"]
    for row in TEXTS:
        text.append(list(row))


def add_area_analysis(wb, name: str, add_sheet) -> None:
    """A verksamhetsområde's workbook: its Utfall and Prognos text as one record."""
    if name in ANALYS:
        add_sheet(wb, "Poster Analys", [["Utfall", "Prognos"], list(ANALYS[name])])


# --- templates -----------------------------------------------------------------------------

WORDING = [
    ("aktivitetsmening",
     "{% set a = listor.aktiviteter %}Status för planens {{ a.antal }} aktiviteter: "
     "{{ lista_mening(a) }}.",
     "26-punktsplanens aktiviteter räknade per status, i ord."),
]

AREA_PERIOD = (
    "{% set r = v.siffror.avvikelse_period %}{{ v.namn }} redovisar "
    "{% if r is noll('mnkr') %}ett resultat per {{ period_manad }} i nivå med periodens "
    "nollbudget{% else %}ett {{ r | resultatord }} per {{ period_manad }} på "
    "{{ r | mnkr(tecken='inget', ord=True) }}{% endif %}.")
AREA_YEAR = (
    "{% set r = v.siffror.avvikelse %}Helårsprognosen visar "
    "{% if r is noll('mnkr') %}ett resultat i nivå med nollbudgeten{% else %}ett "
    "{{ r | resultatord }} på {{ r | mnkr(tecken='inget', ord=True) }}{% endif %}.")


KONTO_COLUMNS = ("kolumner('prognos', 'prognos_fg', 'budget', 'bokslut_fg', 'utfall_period', "
                 "'budget_period') | radrubrik('Konto') | summarad('Resultat')")


def area_income_statement(doc) -> None:
    """The verksamhet's own resultaträkning by kontogrupp (its sheet Kontogrupper, reconciled
    with its own Ekonomi), in the columns of the nämnd's, when it has one."""
    add(doc, "{%p if v.kontogrupper %}")
    add(doc, "Resultaträkning för {{ v.namn | lower }} totalt", "Postetikett")
    add(doc, "Belopp i tusentals kronor.", keep_with_next=True)
    add(doc, f"{{{{p v.kontogrupper | {KONTO_COLUMNS} }}}}")
    add(doc, "{%p endif %}")


def part_income_statements(doc, items: str) -> None:
    """Further resultaträkningar (a part of a verksamhet, or several together), each with
    its text under Prognos."""
    add(doc, f"{{%p for r in {items} %}}")
    add(doc, "{{ r.namn }}", "Postetikett")
    add(doc, "Belopp i tusentals kronor.", keep_with_next=True)
    add(doc, f"{{{{p r.tabell | {KONTO_COLUMNS} }}}}")
    add(doc, "{%p if r.text %}")
    add(doc, "Prognos", "Postetikett")
    add(doc, "{{p r.text }}")
    add(doc, "{%p endif %}")
    add(doc, "{%p endfor %}")


def report_areas(doc) -> None:
    """Resultat per verksamhetsområde, one block each: the period result and the forecast in
    a sentence from the figures, each followed by the area's own comment (`Poster Analys`)."""
    add(doc, "Analys av ekonomiskt utfall", "Rubrik memo")
    add(doc, "{%p for v in verksamheter %}")
    add(doc, "{{ v.namn }}", "Postrubrik")
    area_income_statement(doc)
    add(doc, "{%p set analys = v.poster.analys if v.poster.analys is defined else [] %}")
    add(doc, "Utfall", "Postetikett")
    add(doc, AREA_PERIOD)
    add(doc, "{%p for a in analys %}")
    add(doc, "{{p a.utfall }}")
    add(doc, "{%p endfor %}")
    add(doc, "Prognos", "Postetikett")
    add(doc, AREA_YEAR)
    add(doc, "{%p for a in analys %}")
    add(doc, "{{p a.prognos }}")
    add(doc, "{%p endfor %}")
    part_income_statements(doc, "v.resultatrakningar")  # its parts, after its own analysis
    add(doc, "{%p endfor %}")
    part_income_statements(doc, "resultatrakningar")  # several verksamheter together
    for key, title in (("namndens_stod_till_civilsamhallet", "Nämndens stöd till civilsamhället"),
                       ("projektredovisning", "Projektredovisning"),
                       ("risker_och_osakerhet", "Risker och osäkerhet")):
        add(doc, f"{{%p if text.{key} %}}")
        add(doc, title, "Rubrik memo")
        add(doc, f"{{{{p text.{key} }}}}")
        add(doc, "{%p endif %}")


def memo_followup(doc) -> None:
    """The memo's paragraph for beslutspunkt 3: the 26-punktsplan and its aktiviteter counted."""
    add(doc, "{%p if listor.aktiviteter is defined %}")
    add(doc, "{{p text.handlingsplan }}")
    add(doc, "{{ formulering.aktivitetsmening }}")
    add(doc, "{%p endif %}")


def bilaga_header(doc, label: str, title: str) -> None:
    memo_header(doc, label, (("Datum", "{{ skrivelse_datum | datum('iso') }}"),
                          ("Diarienummer", "{{ diarienummer }}"),
                          ("Handläggare", "{{ handlaggare }}")), title)


def bilaga_nyckeltal(doc) -> None:
    bilaga_header(doc, "Bilaga 2", "Nyckeltal per {{ period_manad }} {{ ar }}")
    add(doc, "{{p text.nyckeltal }}")
    for key, title in (("nyckeltal_vux", "Vuxenutbildning"),
                       ("nyckeltal_bistand", "Ekonomiskt bistånd")):
        optional_section(doc, f"tabeller.{key} is defined", title, "Rubrik memo",
                         f"{{{{p tabeller.{key} }}}}")
    add(doc, "{{p text.nyckeltal_fotnoter }}")


PROGNOS_GROUPS = [
    ("Helt uppfyllt", "Inriktningsmål som nämnden bedömer att den bidrar helt till:"),
    ("I hög grad uppfyllt", "Inriktningsmål som nämnden bedömer att den bidrar till i hög "
                            "grad:"),
    ("Delvis uppfyllt", "Inriktningsmål som nämnden bedömer att den bidrar delvis till:"),
]


def bilaga_inriktningsmal(doc) -> None:
    bilaga_header(doc, "Bilaga 3",
                  "Uppföljning av inriktningsmål, nämndmål, uppdrag och åtgärder")
    add(doc, "{{p text.mal }}")
    add(doc, "{{ formulering.uppdragsmening }}")
    add(doc, "{%p set mal = poster.inriktningsmal if poster.inriktningsmal is defined else [] %}")
    add(doc, "{%p if mal %}")
    add(doc, "Inriktningsmål", "Rubrik memo")
    for prognos, label in PROGNOS_GROUPS:
        add(doc, label, "Postrubrik")
        add(doc, f"{{%p for m in mal if m.rad.prognos == '{prognos}' %}}")
        add(doc, "{{ m.namn }}")
        add(doc, "{%p endfor %}")
    add(doc, "{%p endif %}")
    add(doc, "Uppdrag", "Rubrik memo")
    add(doc, "{%p for s in listor.uppdrag.statusar if s.antal %}")
    add(doc, "{{ s.rubrik }} ({{ s.antal }} st.):", "Postrubrik")
    add(doc, "{%p for p in s.punkter %}")
    # each uppdrag, its comment under it as in the original
    add(doc, "{{ p.text }}", "Postpunkt")
    add(doc, "{{p p.kommentar_stycken }}")
    add(doc, "{%p endfor %}")
    add(doc, "{%p endfor %}")
    add(doc, "{%p if mal %}")
    add(doc, "Bedömning per inriktningsmål", "Rubrik memo")
    add(doc, "{%p for m in mal %}")
    add(doc, "Inriktningsmål {{ m.namn }}", "Postrubrik")
    add(doc, "Prognos: {{ m.rad.prognos }}.", "Postetikett")
    add(doc, "{{p m.bedomning }}")
    add(doc, "{%p endfor %}")
    add(doc, "{%p endif %}")


def bilaga_handlingsplan(doc) -> None:
    """Each aktivitet with its status and comment, grouped by status as the count is."""
    bilaga_header(doc, "Bilaga 4",
                  "Uppföljning av 26-punktsplan per {{ period_manad }} {{ ar }}")
    add(doc, "{{p text.handlingsplan }}")
    add(doc, "{{ formulering.aktivitetsmening }}")
    add(doc, "{%p for s in listor.aktiviteter.statusar if s.antal %}")
    add(doc, "{{ s.rubrik }} ({{ s.antal }} st.)", "Rubrik memo")
    add(doc, "{%p for p in s.punkter %}")
    add(doc, "{{ p.text }}", "Postrubrik")
    add(doc, "{{p p.kommentar_stycken }}")
    add(doc, "{%p endfor %}")
    add(doc, "{%p endfor %}")


DOCUMENTS = [
    ("bilaga 2 nyckeltal.docx", bilaga_nyckeltal, "Mall: bilaga 2, nyckeltal, Uppsala"),
    ("bilaga 3 inriktningsmål och uppdrag.docx", bilaga_inriktningsmal,
     "Mall: bilaga 3, inriktningsmål och uppdrag, Uppsala"),
    ("bilaga 4 26-punktsplanen.docx", bilaga_handlingsplan,
     "Mall: bilaga 4, 26-punktsplanen, Uppsala"),
]
