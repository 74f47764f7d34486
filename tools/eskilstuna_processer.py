"""The Eskilstuna format's process chapters: per perspektiv (Hållbar utveckling, Effektiv
organisation) each process with its syfte, its processmål 2020–2023, its inriktningspunkter
(status, färdiggrad, "Senaste kommentar (datum)") and the nämnd's 1-åriga åtaganden with status
and färdiggrad. The structure and the process names are the published document's; the syften,
goals, åtaganden and comments are our own words. Used by make_formats_eskilstuna.py.
"""

from __future__ import annotations

import make_templates as mt

COMMENT_DATE = "2022-03-31"

# Målområden: one per process that holds åtaganden (Nr, name, Sammanfattande analys)
PROCESSES = [
    (1, "Utveckla lärande, omsorg, normer och värden i vuxenutbildning",
     "Vuxenutbildningen tar hem all sfi-undervisning i egen regi under året och har börjat "
     "flytta resurser till de elever som har kortast utbildning."),
    (2, "Tillhandahålla försörjningsstöd",
     "Antalet hushåll har legat stilla sedan årsskiftet, men kostnaden per hushåll ökar."),
    (3, "Tillhandahålla arbetsmarknadsåtgärder",
     "Färre personer har gått till egen försörjning än samma period förra året."),
    (4, "Tillhandahålla yrkesutbildningar",
     "Yrkesutbildningarna är fullsatta och få elever avbryter."),
    (5, "Att tillgodose behovet av vård och sociala tjänster",
     "Förvaltningen kartlägger vilka hushåll som behöver samordnat stöd."),
    (6, "Bedriva samhällsskydd och beredskap",
     "Krisledningen har varit aktiv under perioden."),
    (7, "Processkvalitet", "E-tjänsterna används allt mer, men automatiseringen är försenad."),
    (8, "Medarbetare", "Sjukfrånvaron har ökat något sedan december."),
    (9, "Ekonomi", "Prognosen visar ett underskott som beror på försörjningsstödet."),
]

# Processes grouped by perspektiv, each with its syfte and processmål (one per row)
PROCESSER = [
    ["Perspektiv", "Process", "Syfte", "Processmål"],
    ["Hållbar utveckling", "Att tillgodose behovet av utbildning",
     "Invånarna ska kunna skaffa sig den utbildning de behöver för att klara sig väl i "
     "arbetslivet.", None],
    [None, "Utveckla lärande, omsorg, normer och värden i vuxenutbildning",
     "Vuxna ska få stöd i sitt lärande och kunna stärka sin ställning i arbets- och "
     "samhällslivet.",
     "Alla kvinnor och män i vuxenutbildningen ska nå godkänt betyg."],
    [None, "Att främja näringsliv och arbete",
     "En kommun med hög sysselsättning och en arbetsmarknad som lockar.",
     "Kommunen ska ha ett bra företagsklimat och god service till företagare."],
    [None, "Tillhandahålla försörjningsstöd",
     "Kvinnor och män ska få rätt beslut om bistånd och stöd att nå egen försörjning.",
     "Högst 30 bidragshushåll per tusen invånare."],
    [None, None, None, "Tusen färre hushåll med försörjningsstöd än 2019."],
    [None, "Tillhandahålla arbetsmarknadsåtgärder",
     "Invånarna ska ha den kompetens arbetsgivarna söker och kunna försörja sig själva.",
     "Sju av tio som fullföljer en insats mot egen försörjning har nått dit efter sex månader."],
    [None, None, None, "Arbetslösheten bland utrikes födda ska vara högst 20 procent."],
    [None, None, None, "Nämnden erbjuder varje år jobb, utbildnings- och arbetsmarknadsplatser "
                       "så att arbetslösheten går under 10 procent."],
    [None, "Tillhandahålla yrkesutbildningar",
     "Utbildningarna ska ge den kompetens som efterfrågas på arbetsmarknaden.",
     "Nio av tio som avslutat en yrkesutbildning ska ha arbete efter sex månader."],
    [None, "Att tillgodose behovet av vård och sociala tjänster",
     "Den enskilde ska få det stöd som behövs för att leva ett självständigt liv.", None],
    [None, "Värna demokrati",
     "Förtroendevalda ska ha goda förutsättningar för sitt uppdrag och invånarna god insyn.",
     None],
    [None, "Bedriva samhällsskydd och beredskap",
     "En säker och trygg kommun, där risken för olyckor och skador minskar.", None],
    ["Effektiv organisation", "Processkvalitet",
     "Verksamheten planeras, följs upp och förbättras systematiskt.",
     "Nöjd-kund-index ska vara minst 75 i alla verksamheter i egen regi."],
    [None, None, None, "År 2023 ansöker 85 procent av de sökande om försörjningsstöd digitalt."],
    [None, "Medarbetare",
     "Kommunen ska vara en attraktiv arbetsgivare med engagerade medarbetare.",
     "Alla medarbetare ska ha ett hållbart arbetsliv."],
    [None, "Ekonomi", "Nämnden ska ha en ekonomi i balans och effektiva inköp.",
     "Det finns mått på produktivitet i nämndens processer."],
    [None, None, None, "Upphandlingar och inköp görs effektivt."],
    [None, None, None, "Alla enheter har en ekonomi i balans."],
]

# Inriktningspunkter 2022 per process: status, färdiggrad (%), comment date, latest comment
INRIKTNINGSPUNKTER = [
    ["Process", "Inriktningspunkt", "Status", "Färdiggrad", "Datum", "Senaste kommentar"],
    ["Utveckla lärande, omsorg, normer och värden i vuxenutbildning",
     "Kunskapsresultaten ska nå rikets genomsnitt för kvinnor och män.", "Pågår", 25,
     COMMENT_DATE, "Åtagandena nedan visar vad som gjorts under perioden."],
    ["Att främja näringsliv och arbete",
     "Kvinnor och män får utbildning och de bästa förutsättningarna att etablera sig på "
     "arbetsmarknaden.", "Pågår", 25, COMMENT_DATE,
     "Hela nämndens verksamhet är inriktad på detta; se åtagandena under processerna."],
    ["Att tillgodose behovet av vård och sociala tjänster",
     "Utanförskapet minskar och tryggheten ökar i de prioriterade stadsdelarna.", "Pågår", 20,
     COMMENT_DATE, "Mötesplatserna samordnas och samarbetet mot felaktiga utbetalningar har "
                   "utvecklats."],
    [None, "Individen är delaktig i utredning och insats, och insatserna samordnas.", "Pågår",
     10, COMMENT_DATE, "En kartläggning av hushållen med bistånd pågår."],
    ["Bedriva samhällsskydd och beredskap",
     "Alla verksamheter övar sina kontinuitetsplaner och sin krisberedskap.", "Pågår", 30,
     COMMENT_DATE, "Krisledningen har arbetat med mottagandet av flyktingar från Ukraina; "
                   "erfarenheterna ska utvärderas."],
    ["Processkvalitet",
     "Digitaliseringen ska göra verksamheten effektivare och tjänsterna enklare att använda.",
     "Pågår", 25, COMMENT_DATE, "Ett gemensamt digitaliseringsteam med socialförvaltningen "
                                "har prioriterat de första processerna."],
    ["Medarbetare",
     "Enhetscheferna får bättre förutsättningar att leda och arbetsmiljön blir hållbar.",
     "Pågår", 20, COMMENT_DATE, "Förvaltningen har påbörjat en omorganisation."],
    ["Ekonomi",
     "Ekonomistyrningen förbättras med säkrare prognoser och effektivare inköp.", "Pågår", 25,
     COMMENT_DATE, "Prognoserna stäms av varje månad i förvaltningens ledningsgrupp."],
]

# Nämndens 1-åriga åtaganden: (process nr, text, status, färdiggrad %, comment); 6 Ej påbörjad,
# 30 Pågår, 4 Klart, avslutat = 40, as counted in the published Status åtaganden (most typed the
# earlier way, `Ej påbörjat`, `Klart`: they count the same)
ATAGANDEN = [
    (1, "Betygen ska vara minst lika goda som hösten 2021 i alla undervisningsformer.",
     "Pågår", 25, "Resultaten i januari och februari ligger i nivå med tidigare."),
    (1, "Varje elev får stöd och undervisning efter sina behov och mål.", "Pågår", 30,
     "Fler stödtimmar erbjuds i lärcentrum."),
    (1, "Unga som lämnat gymnasiet utan examen erbjuds en väg tillbaka till studier.", "Pågår",
     20, "En arbetsgrupp samordnar kontakterna med gymnasieskolan."),
    (1, "Sfi-elever med bistånd kombinerar studierna med språkpraktik.", "Pågår", 10,
     "Det är svårt att hitta platser; andra insatser konkurrerar om dem."),
    (1, "All sfi-undervisning bedrivs i egen regi före årets slut.", "Pågår", 40,
     "Lokaler och lärare planeras för de nya eleverna."),
    (2, "Antalet hushåll med långvarigt bistånd minskar med 46 under året.", "Pågår", 10,
     "Alla i gruppen har en aktiv handlingsplan."),
    (2, "85 procent av fortsättningsansökningarna görs i e-tjänsten.", "Pågår", 90,
     "Andelen ökar varje månad."),
    (2, "Personer som bör ha en annan ersättning får stöd att söka den.", "Pågår", 10,
     "Arbetet har startat."),
    (2, "Kontrollen av nya ärenden görs lika på alla enheter.", "Klart, avslutat", 100,
     "En gemensam rutin gäller sedan januari."),
    (3, "Alla som gått till egen försörjning följs upp efter sex månader.", "Ej påbörjad", 0,
     "Uppföljningen startar till hösten."),
    (3, "Fler språkpraktikplatser och arbetsmarknadsanställningar i kommunkoncernen.", "Pågår",
     30, "Antalet anställningar har ökat sedan årsskiftet."),
    (3, "En pilot för 40 personer med kort utbildning.", "Ej påbörjat", 0,
     "Väntar på kartläggningen av deltagarna."),
    (3, "Flexibla lösningar med korta ledtider till egen försörjning.", "Pågår", 30,
     "Handlingsplanerna följs upp på ärendegenomgångar."),
    (3, "Feriepraktiken utökas till tusen platser.", "Pågår", 50,
     "Platserna är fördelade på förvaltningarna."),
    (3, "Feriepraktik för ungdomar med intellektuell funktionsnedsättning.", "Pågår", 60,
     "Matchningen är nästan klar."),
    (3, "Samarbetet med Arbetsförmedlingen om rustande insatser utvecklas.", "Pågår", 20,
     "Regelbundna möten har startat."),
    (4, "Minst 760 platser i yrkesutbildning erbjuds och alla följs upp.", "Pågår", 50,
     "Platserna kommer att räcka."),
    (4, "Tillräckligt med platser för arbetsplatsförlagt lärande.", "Pågår", 40,
     "Det är svårt inom vård och logistik."),
    (4, "Utbudet av yrkesutbildningar stäms av med näringslivet.", "Pågår", 30,
     "Branschråden har träffats under våren."),
    (5, "Deltagare på jobbcentrum som lämnar biståndet följs upp varje månad.", "Pågår", 40,
     "Uppföljningen redovisas för områdesledningen."),
    (5, "Deltagare i språkförberedande verksamhet går vidare till arbete eller insats.",
     "Pågår", 20, "Vägledarna träffar grupperna regelbundet."),
    (5, "Mötesplatserna i stadsdelarna samordnas.", "Ej påbörjat", 0,
     "Startar efter sommaren."),
    (6, "Samarbetet med andra myndigheter mot felaktiga utbetalningar blir operativt.",
     "Pågår", 30, "En gemensam styrgrupp planeras."),
    (6, "Kontinuitetsplanerna övas i alla verksamheter.", "Ej påbörjat", 0,
     "Övningen planeras till hösten."),
    (7, "Ett utvecklingsforum på varje enhet.", "Pågår", 40,
     "Forumen har startat på flera enheter."),
    (7, "Minst två processer digitaliseras eller automatiseras.", "Pågår", 20,
     "Teamet har föreslagit vilka processer som ska gå först."),
    (7, "Brukarnas synpunkter tas tillvara i förbättringsarbetet.", "Pågår", 25,
     "Enkäter har skickats till deltagarna."),
    (7, "Rutinerna för dokumentation ses över.", "Pågår", 30, "Översynen pågår."),
    (7, "Verksamhetssystemet för försörjningsstöd utvärderas.", "Pågår", 20,
     "En analys av systemet pågår."),
    (7, "E-tjänsten för nya ansökningar utvecklas.", "Ej påbörjat", 0,
     "Väntar på beslut om verksamhetssystemet."),
    (7, "Klagomål och synpunkter följs upp varje kvartal.", "Klart", 100,
     "Uppföljningen görs i ledningsgruppen."),
    (7, "Nyckeltalen för varje process publiceras på intranätet.", "Pågår", 50,
     "De första nyckeltalen finns publicerade."),
    (8, "Medarbetarengagemanget (HME) är minst 83.", "Ej påbörjat", 0, "Mätningen görs i höst."),
    (8, "Sjukfrånvaron är lika låg som vid utgången av 2021 eller lägre.", "Pågår", 25,
     "Enheterna arbetar med friskfaktorer och tidiga samtal."),
    (8, "Medarbetarna görs delaktiga i förvaltningens förhållningssätt.", "Pågår", 30,
     "Alla medarbetare har bjudits in till arbetet."),
    (8, "Introduktionen för nyanställda görs gemensam.", "Klart", 100,
     "Den nya introduktionen används sedan februari."),
    (9, "Vuxenutbildningen genomför årets effektiviseringar med helårseffekt.", "Pågår", 75,
     "Större grupper i sfi ger helårseffekt."),
    (9, "Arbete och försörjning genomför årets effektiviseringar med helårseffekt.",
     "Pågår", 75,
     "Vakanser tillsätts inte."),
    (9, "Prognoserna stäms av varje månad.", "Klart", 100, "Görs i ledningsgruppen."),
    (9, "Inköpen görs genom avtalade leverantörer.", "Pågår", 50,
     "Inköpen följs upp varje kvartal."),
]

# Indikatorer per process as published (the year's outcome not yet measured)
INDIKATORER = [
    ["Process", "Indikator", "Utfall fg år", "Utfall", "Mål"],
    ["Tillhandahålla arbetsmarknadsåtgärder",
     "Arbetsmarknadsåtgärder: Antal tillhandahållna jobb, utbildnings- och "
     "arbetsmarknadsplatser", None, None, "900"],
    ["Medarbetare", "Total sjukfrånvaro - tillsvidareanställda, (%)", "8,0%", None, "8,0%"],
    [None, "Hållbart Medarbetarengagemang HME, totalindex", "82", None, "83"],
]

# Försörjningsstöd as published: the period's cost in mnkr and the households, against last
# year's period and the year's budget; the period spelled as the tool's own column labels do
# (`jan–mar`, not the published `jan–mars`), one spelling in one document
FORSORJNINGSSTOD = [
    ["Försörjningsstöd", "Utfall jan–mar 2022", "Utfall jan–mar 2021", "Budget 2022",
     "Fotnot"],
    ["Utbetalt försörjningsstöd, mnkr", 56.0, 60.5, 200.2, None],
    ["Antal hushåll", 2576, 2867, 3850,
     "*) Hushåll som har fått bistånd under perioden; budgetkolumnen är prognosen för helåret."],
]

GROUPINGS = [("Processer", "Perspektiv › Process", "Syfte"),
             ("Indikatorer", "Process › Indikator", None),
             ("Inriktningspunkter", "Process › Inriktningspunkt",
              "Status, Färdiggrad, Datum, Senaste kommentar")]


def atagande_rows() -> list[list]:
    return [["Målområde", "Åtagande", "Status", "Färdiggrad", "Kommentar"]] + [
        list(row) for row in ATAGANDEN]


def sheets() -> dict[str, list]:
    """The nämnd workbook's sheets for the process chapters (Målområden and Åtaganden replace
    the earlier three-area ones)."""
    return {
        "Målområden": [("Nr", "Målområde", "Sammanfattande analys"), *PROCESSES],
        "Åtaganden": atagande_rows(),
        "Poster Processer": PROCESSER,
        "Poster Inriktningspunkter": INRIKTNINGSPUNKTER,
        "Poster Indikatorer": INDIKATORER,
        "Tabell Försörjningsstöd": FORSORJNINGSSTOD,
    }


# --- template --------------------------------------------------------------------------------

def italic(doc, text: str, keep_with_next: bool = False) -> None:
    paragraph = doc.add_paragraph()
    paragraph.add_run(text).italic = True
    if keep_with_next:
        paragraph.paragraph_format.keep_with_next = True


def inriktningspunkter(doc, record_table) -> None:
    """The process's inriktningspunkter: each point, its status and färdiggrad in a small
    table, and its latest comment with the comment's date."""
    add = mt.add
    add(doc, "{%p for g in punkter if g.namn == pr.namn %}")
    add(doc, "Inriktningspunkt {{ ar }}", "Heading 3")
    add(doc, "{%p for ip in g.poster %}")
    add(doc, "{{ ip.namn }}", "Postrubrik")
    record_table(doc, ["Status", "Färdiggrad"], "{%tr for r in [ip] %}",
                 ["{{ r.rad.status }}", "{{ r.rad.fardiggrad }}%"], [0.7, 0.3], numbers=(1,))
    add(doc, "Senaste kommentar ({{ ip.rad.datum }}):", "Postetikett")
    add(doc, "{{p ip.senaste_kommentar }}")
    add(doc, "{%p endfor %}")
    add(doc, "{%p endfor %}")


def indikatorer(doc, record_table) -> None:
    """The process's indikatorer: last year's outcome, this year's and the goal, as typed; one
    not measured yet is a dash (a visible blank)."""
    add = mt.add
    add(doc, "{%p for g in indikatorer if g.namn == pr.namn %}")
    add(doc, "Indikatorer", "Heading 3")
    record_table(doc, ["Indikatorer", "Utfall {{ ar - 1 }}", "Utfall {{ ar }}", "Mål {{ ar }}"],
                 "{%tr for i in g.poster %}",
                 ["{{ i.namn }}", "{{ i.rad.utfall_fg_ar or '–' }}", "{{ i.rad.utfall or '–' }}",
                  "{{ i.rad.mal or '–' }}"], [0.55, 0.15, 0.15, 0.15], numbers=(1, 2, 3))
    add(doc, "{%p endfor %}")


def process_chapters(doc, record_table) -> None:
    """Per perspektiv a chapter, per process a section: syfte, processmål, inriktningspunkter
    and the 1-åriga åtaganden (the målområde of the same name) with status and färdiggrad."""
    add = mt.add
    add(doc, "{%p if poster.processer is defined %}")
    add(doc, "{%p set punkter = poster.inriktningspunkter if poster.inriktningspunkter is "
             "defined else [] %}")
    add(doc, "{%p set indikatorer = poster.indikatorer if poster.indikatorer is defined else [] "
             "%}")
    add(doc, "{%p for per in poster.processer %}")
    add(doc, "{{ per.namn }}", "Heading 1")
    add(doc, "{%p for pr in per.poster %}")
    add(doc, "{{ pr.namn }}", "Heading 2")
    italic(doc, "Syfte: {{ pr.rad.syfte }}", keep_with_next=True)  # a page never parts the
    # heading and its syfte from what follows
    add(doc, "{%p for m in malomraden if m.namn == pr.namn %}")
    add(doc, "{{p m.analys }}")
    add(doc, "{%p endfor %}")
    add(doc, "{%p if pr.rad.processmal %}")
    add(doc, "Processmål 2020–2023", "Heading 3")
    add(doc, "{{p pr.processmal }}")
    add(doc, "{%p endif %}")
    indikatorer(doc, record_table)
    inriktningspunkter(doc, record_table)
    add(doc, "{%p for m in malomraden if m.namn == pr.namn and m.ataganden %}")
    add(doc, "Nämndens 1-åriga åtaganden", "Heading 3")
    add(doc, "{{p m.ataganden }}")
    add(doc, "{%p endfor %}")
    add(doc, "{%p endfor %}")
    add(doc, "{%p endfor %}")
    add(doc, "{%p endif %}")


def yrkanden(doc) -> None:
    """The protokoll's Yrkanden, when the Text sheet has them."""
    mt.add(doc, "{%p if text.yrkanden %}")
    mt.add(doc, "Yrkanden", "Rubrik memo", level=3)
    mt.add(doc, "{{p text.yrkanden }}")
    mt.add(doc, "{%p endif %}")
