"""Builds the Örebro KS-style format: `templates/orebro-ks/` (Årsberättelse of a styrelse,
formuleringar) and its example report folder `inputs/orebro-ks/`.

The figures are the published ones of Kommunstyrelsen's Årsberättelse 2020 (Örebro kommun,
`../shared/reference/arsberattelse-2020-kommunstyrelsen-orebro.txt`): the Nettoredovisning's four
rows (nettokostnad −623 900 tkr, avvikelse −67 161 tkr), each block's units, kontogrupper and
investeringar, and Stadsrevisionen and Valnämnden beside the styrelse, outside its result. The
published tables are rounded to whole tkr and do not always add up to the published totals, so
a few cells get decimals (each still rounds to its published value) and every total is the
published one. The running text, the chapters and every person's name are invented. Run
`python tools/make_formats_orebro.py` to recreate both folders; it overwrites them.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from io import BytesIO
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
sys.path.insert(0, str(TOOLS))
import make_templates as mt  # noqa: E402
import make_wording  # noqa: E402
from make_formats_eskilstuna import workbook  # noqa: E402

from assembler.render.wordxml import stable_zip  # noqa: E402

REPO = TOOLS.parent
TEMPLATES = REPO / "templates" / "orebro-ks"
INPUTS = REPO / "inputs" / "orebro-ks"
# Örebro prints "Förändr% 2019 o 2020" with one decimal (-40,2)
ONE_DECIMAL = " | procentdecimaler(1)"
# the original's block columns (5.1, 5.2, 5.4): "Bokslut, Utfall Ack dec, Budget, Avv Budg o Utf,
# Förändr% 2019 o 2020"
BLOCK_COLUMNS = "kolumner('bokslut_fg', 'utfall', 'budget', 'avvikelse', 'forandring_mot_fg_ar')"

# --- templates -------------------------------------------------------------------------------

SAMMANFATTNING = (
    "{% set n = ekonomi.namnd %}"
    "{{ organ | capitalize }} redovisar för {{ ar }} en sammanställd nettokostnad på "
    "{{ n.utfall | mnkr }} mot en budget på {{ n.budget | mnkr }}, en "
    "{{ n.avvikelse | avvikelseord }} budgetavvikelse om {{ n.avvikelse | mnkr('utan minus') }}."
    "{% set plus = ekonomi.verksamheter_positiv_avvikelse %}"
    "{% set minus = ekonomi.verksamheter_negativ_avvikelse %}"
    "{% if plus %} Positiv avvikelse har "
    "{% for v in plus %}{{ v.namn | lower }} ({{ v.avvikelse | mnkr('plus') }})"
    "{{ ', ' if not loop.last and loop.revindex > 2 else (' och ' if not loop.last else '') }}"
    "{% endfor %}.{% endif %}"
    "{% if minus %} Negativ avvikelse har "
    "{% for v in minus %}{{ v.namn | lower }} ({{ v.avvikelse | mnkr('inget') }})"
    "{{ ', ' if not loop.last and loop.revindex > 2 else (' och ' if not loop.last else '') }}"
    "{% endfor %}.{% endif %}"
)

UTANFOR = (
    "{% if ekonomi.utanfor %}{{ ekonomi.utanfor | map(attribute='namn') | lista }} "
    "redovisas i egna block och ingår inte i {{ organets }} nettokostnad eller avvikelse."
    "{% endif %}"
)

WORDING = [
    ("orebro_sammanfattning", SAMMANFATTNING,
     "Sammanfattningen i avsnitt 1, 2 och 8: styrelsens nettokostnad, budget och avvikelse i "
     "mnkr, och verksamheterna med positiv och negativ avvikelse, störst först."),
    ("orebro_utanfor", UTANFOR,
     "Meningen om de verksamheter som redovisas utanför styrelsens resultat (revisionen, "
     "valnämnden)."),
    ("verksamhet_mening(verksamhet)",
     "{% set s = verksamhet.siffror %}"
     "{% if (s.budget or 0) | abs < 10000 %}"
     "{{ verksamhet.namn }} redovisar {% if s.avvikelse is noll('tkr') %}ett utfall i nivå med "
     "budget{% else %}en {{ s.avvikelse | avvikelseord('tkr') }} avvikelse mot budget"
     "{% endif %}."
     "{% else %}"
     "Utfallet för {{ ar }} är {{ s.utfall | mnkr }} mot en budget på {{ s.budget | mnkr }}, "
     "{% if s.avvikelse is noll('mnkr') %}i nivå med budget{% else %}en "
     "{{ s.avvikelse | avvikelseord('mnkr') }} avvikelse om "
     "{{ s.avvikelse | mnkr('utan minus') }}{% endif %}.{% endif %}",
     "Meningen under varje block: årets utfall, budget och avvikelse i mnkr, som all löptext i "
     "kapitlet; ett block med en budget under 10 mnkr (revisionen, valnämnden) får, som i "
     "originalet, bara avvikelsens riktning: tabellen ovanför har beloppen."),
    ("rubrik_enheter", "Enheternas delårsresultat och prognos",
     "Rubriken över blocken med enheterna (som i originalet, också i årsberättelsen)."),
]


def kf_goals(doc) -> None:
    """Beskrivning av bidrag till Kommunfullmäktiges mål: each KF-mål of the målområde with
    the styrelse's contribution (records `Poster KF-mål`); nothing without the sheet."""
    mt.records_of(doc, "kf_mal", "kf_mal")
    mt.add(doc, "{%p if kf_mal %}")
    mt.add(doc, "Beskrivning av bidrag till Kommunfullmäktiges mål", "Heading 4", level=3)
    mt.kf_goal_blocks(doc)
    mt.add(doc, "{%p endif %}")


def build_rapport(doc) -> None:
    add = mt.add
    mt.title_and_contents(doc)

    add(doc, "Förslag till beslut", "Heading 1")
    add(doc, "{{p text.sammanfattande_bedomning }}")
    add(doc, "{{ formulering.orebro_sammanfattning }}")
    mt.supporting_documents(doc)
    add(doc, "{{ forslagsstallare_genitiv }} förslag till {{ namnd }}", "Heading 4", level=2)
    add(doc, "{%p for punkt in beslutspunkter %}")
    add(doc, "{{ punkt.nr }}.\t{{ punkt.text }}", "Beslutspunkt")
    add(doc, "{%p endfor %}")

    add(doc, "Kommundirektörens bedömning och analys", "Heading 1")
    add(doc, "{{p text.bedomning }}")
    add(doc, "{{ formulering.orebro_sammanfattning }}")
    for key, title in (("kommundirektorens_analys",
                        "Kommundirektörens analys av verksamhetens resultat"),
                       ("handelser_av_vasentlig_betydelse", "Händelser av väsentlig betydelse"),
                       ("forvantad_utveckling", "Förväntad utveckling")):
        add(doc, f"{{%p if text.{key} %}}")
        add(doc, title, "Heading 2")
        add(doc, f"{{{{p text.{key} }}}}")
        add(doc, "{%p endif %}")

    add(doc, "{%p if tabell.iakttagelser %}")
    add(doc, "Sammanfattande iakttagelser", "Heading 1")
    add(doc, "Tabellen visar de viktigaste positiva iakttagelserna och förbättringsområdena "
             "inom varje målområde. Underlaget finns i kapitlet om {{ organets }} bidrag till "
             "Kommunfullmäktiges mål.", keep_with_next=True)
    add(doc, "{{p tabell.iakttagelser }}")
    add(doc, "{%p endif %}")

    add(doc, "{%p if kapitel.utvecklingsportfoljer is defined %}")
    add(doc, "Kommunstyrelsens utvecklingsportföljer och riktade satsningar för {{ ar }}",
        "Heading 1")
    add(doc, "{{p kapitel.utvecklingsportfoljer }}")
    add(doc, "{%p endif %}")

    add(doc, "{%p if malomraden %}")
    add(doc, "{{ organets | capitalize }} bidrag till utveckling inom Kommunfullmäktiges mål",
        "Heading 1")
    add(doc, "{%p for m in malomraden %}")
    add(doc, "Målområde {{ m.nr }} {{ m.namn }}", "Heading 2")
    add(doc, "Sammanfattande analys", "Heading 4", level=3)
    add(doc, "{{p m.analys }}")
    add(doc, "{{p m.iakttagelser }}")
    add(doc, "{%p if m.indikatorer %}")
    add(doc, "Indikatorer", "Heading 4", level=3)
    add(doc, "{{p m.indikatorer }}")
    add(doc, "{%p endif %}")
    add(doc, "{%p if m.ataganden %}")
    add(doc, "{{ organets | capitalize }} åtaganden", "Heading 4", level=3)
    add(doc, "{{p m.ataganden }}")
    add(doc, "{%p endif %}")
    kf_goals(doc)
    add(doc, "{%p endfor %}")
    add(doc, "{%p endif %}")

    add(doc, "{%p if kapitel.internt_stod is defined %}")
    add(doc, "Kommunstyrelsens ansvar för internt stöd", "Heading 1")
    add(doc, "{{p kapitel.internt_stod }}")
    add(doc, "{%p endif %}")

    add(doc, "{%p if kapitel.anstallningsmyndighet is defined %}")
    add(doc, "Kommunstyrelsens ansvar som anställningsmyndighet", "Heading 1")
    add(doc, "{{p kapitel.anstallningsmyndighet }}")
    add(doc, "{%p if tabeller.medarbetare is defined %}")
    add(doc, "{{p tabeller.medarbetare }}")
    add(doc, "{%p endif %}")
    add(doc, "{%p endif %}")

    add(doc, "Analysunderlag – ekonomi", "Heading 1")
    # the original's headings, though an årsberättelse: unnumbered, then 5.1 over the blocks
    add(doc, "Delårsresultat och prognos – ekonomi", "Heading 4", level=2)
    # the original's Nettoredovisning: Bokslut, Utfall, Budget, Avvikelse (no Förändring %);
    # a delårsrapport (the check against the default example) keeps its own columns
    add(doc, "{%p if arsberattelse %}")
    add(doc, "{{p tabell.namnd | kolumner('bokslut_fg', 'resultat', 'budget', 'avvikelse') | "
             "summarad('Nettokostnad') }}")
    add(doc, "{%p else %}")
    add(doc, f"{{{{p tabell.namnd | summarad('Nettokostnad'){ONE_DECIMAL} }}}}")
    add(doc, "{%p endif %}")
    add(doc, "{{ formulering.orebro_sammanfattning }}")
    add(doc, "{{ formulering.orebro_utanfor }}")
    add(doc, "{{p text.ekonomisk_analys }}")
    add(doc, "{%p if text.effektivisering %}")
    add(doc, "Effektivisering", "Heading 4", level=3)
    add(doc, "{{p text.effektivisering }}")
    add(doc, "{%p endif %}")

    add(doc, "{{ rubrik_enheter }}", "Heading 2")
    add(doc, "{%p for v in verksamheter %}")
    add(doc, "{{ v.namn }}", "Heading 4", level=3)
    add(doc, f"{{{{p v.tabell{ONE_DECIMAL} }}}}")
    add(doc, "{{ v.mening }}")
    add(doc, "{{p v.analys }}")
    add(doc, "{%p endfor %}")

    add(doc, "{%p if utanfor %}")
    add(doc, "Redovisas utanför {{ organets }} resultat", "Heading 2")
    add(doc, "{{ formulering.orebro_utanfor }}", keep_with_next=True)
    add(doc, "{%p for v in utanfor %}")
    add(doc, "{{ v.namn }}", "Heading 4", level=3)
    add(doc, f"{{{{p v.tabell{ONE_DECIMAL} }}}}")
    add(doc, "{{ v.mening }}")
    add(doc, "{{p v.analys }}")
    add(doc, "{%p endfor %}")
    add(doc, "{%p endif %}")

    kontogrupper_per_block(doc)

    investeringar_section(doc)


def investeringar_section(doc) -> None:
    """5.4 in the original's columns (Bokslut, Utfall, Budget, Avvikelse, Förändring %) when
    the Investeringar sheets give last year's bokslut, else the default columns."""
    add = mt.add
    add(doc, "{%p if tabell.investeringar %}")
    add(doc, "Investeringar", "Heading 2")
    add(doc, "{%p if arsberattelse and ekonomi.investeringar_totalt.bokslut_fg is not none %}")
    add(doc, f"{{{{p tabell.investeringar | {BLOCK_COLUMNS}{ONE_DECIMAL} }}}}")
    add(doc, "{%p else %}")
    add(doc, f"{{{{p tabell.investeringar{ONE_DECIMAL} }}}}")
    add(doc, "{%p endif %}")
    add(doc, "{{ investeringsmening }}")
    add(doc, "{{p text.investeringar }}")
    add(doc, "{%p endif %}")


def kontogrupper_per_block(doc) -> None:
    """5.2 as the original: a kontogrupp table per block (the verksamheter's own Kontogrupper
    sheets), the styrelse's and the annexed bodies'."""
    add = mt.add
    add(doc, "{%p if tabell.kontogrupper %}")
    add(doc, "Intäkts- och kostnadsutveckling", "Heading 2")
    add(doc, "{%p for v in verksamheter + utanfor %}")
    add(doc, "{%p if v.kontogrupper %}")
    add(doc, "{{ v.namn }}", "Heading 4", level=3)
    add(doc, f"{{{{p v.kontogrupper | {BLOCK_COLUMNS}{ONE_DECIMAL} }}}}")
    add(doc, "{%p endif %}")
    add(doc, "{%p endfor %}")
    add(doc, "{{p text.intakts_och_kostnadsutveckling }}")
    add(doc, "{%p endif %}")


def write_templates() -> None:
    TEMPLATES.mkdir(parents=True, exist_ok=True)
    doc = mt.new_document()
    build_rapport(doc)
    mt.set_properties(doc, "Mall: årsberättelse (Örebro, kommunstyrelsen)")
    buffer = BytesIO()
    doc.save(buffer)
    (TEMPLATES / "rapport.docx").write_bytes(stable_zip(buffer.getvalue()))  # same bytes each run
    make_wording.build(TEMPLATES / "formuleringar.docx", WORDING,
                       "Formuleringar (Örebro, kommunstyrelsen)")


# --- the example report folder ---------------------------------------------------------------

RAPPORT = [
    ("Kommun", "Örebro kommun"),
    ("Nämnd", "Kommunstyrelsen"),
    ("Förvaltning", "Kommunstyrelseförvaltningen"),
    ("Rapporttyp", "Årsberättelse"),
    ("År", 2020),
    ("Period till och med", "december"),
    ("Beslutsdatum", "2021-01-19"),
    ("Paragraf", "1"),
    ("Diarienummer", "Ks 1313/2020"),
    ("Mottagare", "Kommunfullmäktige"),
    ("Förslagsställare", "Kommunstyrelseförvaltningen"),
    ("Förvaltningschef", "Helena Provberg"),
    ("Förvaltningschefens titel", "Kommundirektör"),
    ("Handläggare", "Anders Exempelsson"),
    ("Belopp i text", "mnkr"),
]
BESLUT = [
    (1, "Kommunstyrelsen godkänner årsberättelsen 2020 för sin egen verksamhet.",
     "godkänna årsberättelsen 2020 för styrelsens egen verksamhet"),
    (2, "Årsberättelsen lämnas som underlag till kommunens årsredovisning 2020.",
     "lämna årsberättelsen som underlag till kommunens årsredovisning 2020"),
]
UNDERLAG = [("Kommunstyrelseförvaltningens tjänsteskrivelse", "Ks 1313/2020"),
            ("Kommunstyrelsens årsberättelse 2020", "Ks 1313/2020")]
TEXT = [
    ("Sammanfattande bedömning",
     "Styrelsens verksamhet har under ett år präglat av pandemin i huvudsak följt reglemente, "
     "styrdokument och givna uppdrag. Några åtaganden har skjutits till 2021.\n"
     "Uppföljningen lyfter främst fram avvikelser och områden där arbetet behöver förbättras; "
     "det som fungerar väl beskrivs kort."),
    ("Bedömning",
     "Pandemin har ställt om stora delar av arbetet: möten och utbildningar har blivit digitala "
     "och den centrala staben har tagit tid från planerat utvecklingsarbete. Erfarenheterna av "
     "de nya arbetssätten tas med in i 2021."),
    ("Kommundirektörens analys",
     "Kommunen växer och kostnaderna ökar snabbare än intäkterna. Ett programarbete för "
     "strukturomvandling har startat, med nya principer för ekonomistyrning och en "
     "resursfördelning som utgår från demografin.\n"
     "Programmet för hållbar utveckling styr budgetarbetet de kommande åren. Arbetet med "
     "kompetensförsörjning har fått en gemensam struktur för chefs- och ledarutveckling."),
    ("Händelser av väsentlig betydelse",
     "Kommunen gick upp i krisläge under våren och en central stab leddes från "
     "kommunstyrelseförvaltningen under resten av året.\n"
     "Budgetprocessen flyttades till hösten, och den organisationsöversyn som fullmäktige "
     "beställt lämnades i augusti med tre förslag på ny nämndorganisation."),
    ("Förväntad utveckling",
     "Lokalkostnaderna växer med kommunen. En lokalförsörjningsplan samordnad med "
     "investeringsprogrammet läggs fram under våren 2021.\n"
     "- Inköp och upphandling förstärks och blir helt digitala.\n"
     "- Portföljstyrning införs till budgetprocessen 2023.\n"
     "- En handlingsplan för informationssäkerhet genomförs under 2021."),
    ("Ekonomisk analys",
     "Avvikelsen förklaras till största delen av att portföljernas kostnader, som finansieras "
     "genom ianspråktagande av eget kapital, bokförs på kommungemensam nivå utan budget. "
     "Statsbidragen nådde inte budgeterad nivå. Pandemins merkostnader har delvis vägts upp av "
     "ersättning för sjuklönekostnader."),
    ("Effektivisering",
     "Förvaltningens budget för 2020 innehöll ett generellt effektiviseringsuppdrag och tre "
     "riktade omprövningar:\n"
     "1. Mänskliga rättigheter: genomförd.\n"
     "2. Giftfri miljö: genomförd.\n"
     "3. Inköp: pågår.\n"
     "Det ofördelade effektiviseringskravet fördelades på avdelningarna under hösten."),
    ("Intäkts- och kostnadsutveckling",
     "Kontogrupp 3 och 4 påverkas av interna intäkter och kostnader för kommungemensam IT och av "
     "projekt i portföljerna. Personalkostnaderna i förvaltningen ökar med nya uppdrag som "
     "finansieras av digitaliseringsportföljen."),
    ("Investeringar",
     "Investeringarna avser inventarier i förvaltningens lokaler och nätverks- och "
     "serverutrustning."),
    ("Ärendet",
     "Kommunstyrelseförvaltningen har sammanställt styrelsens årsberättelse för 2020 med "
     "verksamhetens och ekonomins utfall."),
]

MALOMRADEN = [
    (1, "Örebro i sin fulla kraft",
     "Arbetet med innovation och samverkan med näringslivet har fått en gemensam målbild. "
     "Utbildningen i mänskliga rättigheter har nått fler chefer."),
    (2, "Lärande, utbildning och arbete genom hela livet i Örebro",
     "Dialogen med näringslivet har fördjupats, bland annat genom träffar om upphandling. "
     "Företagens omdöme om kommunens service är fortsatt högt."),
    (3, "Ett tryggt och gott liv för alla i Örebro",
     "Krisledningsplanen är reviderad och förmågan att arbeta i stab har prövats skarpt. "
     "Arbetet med strategier för psykisk hälsa är i början av en process."),
    (4, "Örebro skapar livsmiljöer för god livskvalitet",
     "Efterfrågan på verksamhetsmark är hög och flera nya företag har etablerat sig. "
     "Platsmarknadsföringen behöver fler aktörer."),
    (5, "Ett klimatpositivt Örebro med friska ekosystem och god biologisk mångfald",
     "En ny inköps- och upphandlingspolicy och en ny avfallsplan är antagna. Klimatstrategin "
     "ersätts av en färdplan med klimatbudget."),
    (6, "Hållbara och resurseffektiva Örebro",
     "Lokalförsörjningen och inköpen samordnas för hela kommunen. Informationssäkerheten "
     "behöver stärkas."),
]
IAKTTAGELSER = [
    (1, "Positiv", "Gemensam målbild för innovation"),
    (1, "Positiv", "Utbildning i mänskliga rättigheter för chefer"),
    (1, "Förbättringsområde", "Innovation tillsammans med näringsliv och bolag"),
    (2, "Positiv", "Dialogträffar om upphandling"),
    (2, "Förbättringsområde", "Samverkan med regionens näringslivsorganisation"),
    (3, "Positiv", "Reviderad krisledningsplan"),
    (3, "Positiv", "Erfarenhet av arbete i stab"),
    (3, "Förbättringsområde", "Strategier för psykisk hälsa"),
    (4, "Positiv", "Hög efterfrågan på verksamhetsmark"),
    (4, "Förbättringsområde", "Fler aktörer i platsmarknadsföringen"),
    (5, "Positiv", "Ny avfallsplan"),
    (5, "Förbättringsområde", "Färdplan och klimatbudget"),
    (6, "Positiv", "Samordnad lokalförsörjning"),
    (6, "Förbättringsområde", "Informationssäkerhet i hela kommunen"),
]

# (heading, level, text): the portfolios as published (name and amount), the text invented
PORTFOLJER = [
    (None, None, "Styrelsen leder sex portföljer och riktade satsningar. Kapitlet beskriver "
                 "läget i varje portfölj vid årets slut."),
    ("Digitaliseringssatsningen Digitalt först, 200 mnkr under 2017–2021", 2,
     "Strategin för digitalisering gäller nu till 2025. De flesta av portföljens projekt är "
     "pågående eller klara, och medlen bedöms vara intecknade när portföljtiden går ut.\n"
     "Den största risken är att effekterna inte tas hem i verksamheterna."),
    ("Sociala investeringar, 100 mnkr tills vidare", 2,
     "Riktlinjerna har reviderats och en utvärdering av en tidigare investering visar att "
     "arbetet i egen regi både ger bättre resultat och kostar mindre. En del av reservationen "
     "har avsatts till ett arbetsmarknads- och tillväxtpaket."),
    ("Kompetensförsörjning, 18 mnkr årligen tills vidare", 2,
     "Portföljen finansierar fyra förstudier:\n"
     "- Digital lärplattform: rapporten är inlämnad.\n"
     "- Kompetenshöjning för utbildade medarbetare: försenad.\n"
     "- Svenska språket i arbetet: startar 2021.\n"
     "- Chefs- och ledarutveckling: pågår."),
    ("Den växande kommunen, 40 mnkr under 2018–2023", 2,
     "Portföljen har fem projekt vid årsskiftet, bland dem kulturkvarteret, Brunnsparken och "
     "Karlslund. Kulturkvarteret flyttar in i april 2021."),
    ("Strukturförändringsprogram för hemvården, 25 mnkr under 2020", 2,
     "Arbetet pausades under våren men togs upp igen under hösten med en ny "
     "ledningsorganisation. Andelen tid hos kund har ökat och underskottet har minskat."),
    ("Örebro för integration, 40,275 mnkr under 2018–2020", 2,
     "Portföljens sista år har ägnats åt att avsluta projekten och föra över det som fungerat "
     "till ordinarie verksamhet."),
]
INTERNT_STOD = [
    (None, None,
     "Styrelsen ger stöd till alla nämnder inom bland annat ekonomi, inköp, HR, kommunikation, "
     "säkerhet, IT och juridik.\n"
     "Under året har dialogen med förvaltningarna om vad de beställer blivit regelbunden, och "
     "en färdplan för det interna stödet har tagits fram. Chefernas omdöme följs upp i en "
     "återkommande mätning."),
]
ANSTALLNING = [
    (None, None,
     "Styrelsen är anställningsmyndighet för förvaltningens medarbetare och har arbetsgivar- "
     "och arbetsmiljöansvaret. I ansvaret ingår att arbeta systematiskt med:\n"
     "- kompetensförsörjning\n- lönepolitik\n- jämställdhet och likabehandling\n"
     "Skyddskommittén har följt upp arbetsmiljön under distansarbetet. Medarbetarengagemanget "
     "har ökat trots pandemin."),
]
NOT_HME = "Hållbart medarbetarengagemang (HME), utan socialnämndens verksamheter."
NOT_JAMFORBAR = "Resultaten för 2018 och 2019 är inte helt jämförbara med 2020."
# Tot/K/M: a main row per indicator and its K and M sub-rows (Nivå 1, no row name)
MEDARBETARE = [
    ["Indikatorer", "Tot/K/M", "Utfall 2018", "Utfall 2019", "Utfall 2020", "Målvärde 2020",
     "Nivå", "Fotnot"],
    ["Andel enheter med HME-värde på minst 78, procent", "Tot", 30, 32, 37, "Öka", None,
     f"{NOT_HME}\n{NOT_JAMFORBAR}"],
    ["Andel chefer med 10–30 medarbetare, procent", "Tot", 53, 68, 69, "Öka", None, None],
    ["Anställningstrygghetsindex", "Tot", 85.2, 85.4, 83.7, "Öka", None, None],
    [None, "K", 86.1, 85.8, 84.9, None, 1, None],
    [None, "M", 83.0, 84.6, 81.9, None, 1, None],
    ["Sjukfrånvaro i procent av arbetstiden", "Tot", 4.8, 4.4, 3.8, "Minska", None, None],
    [None, "K", 4.9, 4.9, 4.4, None, 1, None],
    [None, "M", 4.6, 3.0, 2.6, None, 1, None],
    ["Korttidssjukfrånvaro, procent", "Tot", 5.6, 5.4, 5.1, "Minska", None, None],
    [None, "K", 6.1, 5.8, 5.7, None, 1, None],
    [None, "M", 4.3, 4.4, 3.8, None, 1, None],
    ["Styrningsindex", "Tot", 63, 66, 69, "Öka", None, NOT_JAMFORBAR],
    [None, "K", 65, 68, 71, None, 1, None],
    [None, "M", 58, 62, 66, None, 1, None],
]

# Units as published: (enhet, bokslut 2019, utfall 2020, budget 2020), tkr. Where the published
# Avvikelse or Förändring % is not that of the printed whole tkr (KLKD 679 from -2 738 and
# -3 416), the cells carry the decimals of the ledger that round to every published figure.
D = Decimal
KOMMUNGEMENSAMT = [
    ("KGAMT Arbetsmiljötjänster", -3502, -2296, -3495),
    ("KGBR Kommungemensamt Brandkåren", -82119, -84172, -84591),
    ("KGEM Kommungemensamt", -15138, -17496, -18572),
    ("KGFA Kommungem Facklig verksamhet", -17071, -18297, -18403),
    ("KGFC Kommungemensamt Förmånscykel", D("892.6"), D("711.4"), 421),
    ("KGFL Kommungem Flygplatsen", -16690, -15383, -16887),
    ("KGFO Kommungemensamt Försäkringar", -14632, -15726, -9200),
    ("KGHR Kommungemensamt HR", 44, -2208, -2000),
    ("KG Ianspråktagande av Eget kap.", -92744, -62124, 0),
    ("KGIT Kommungem IT", -25114, -836, 0),
    ("KGK Kommungemensamt Kompetens", -14749, -7746, -18000),
    ("KGMM Kommungemensamt Länsmusiken", -37112, -39616, -38616),
    ("KGOMS Kommungem, omställning", -4052, -2556, -10000),
    ("KGOS Kommungem Oslo-SHLM", 0, -1000, -1000),
    ("KGU Kommungem Universitetet", -6121, -2787, -6350),
    ("KGÖK Kommungem Ö:o Kompaniet AB", -24243, -22870, -22790),
]
STATSBIDRAG = [("KGST Kommungemensamt Statsbidrag", 136195, 94107, 131400)]
KOMMUNLEDNING = [
    ("KLC Kansli Centerpartiet", -3354, -3495, -3924),
    ("KLFÖ Kommunledn Fördelning", 0, 0, 0),
    ("KLKD Kansli Kristdemokraterna", D("-2562.4"), D("-2737.6"), D("-3416.4")),
    ("KLKF Kommunfullmäktige", -6631, -3968, -5175),
    ("KLKS Kommunstyrelse", -5308, -4426, -4447),
    ("KLL Kansli Liberalerna", -2549, -2602, -3320),
    ("KLM Kansli Moderaterna", -4201, -3861, -5865),
    ("KLMP Kansli Miljöpartiet", D("-519.6"), D("-523.4"), -727),
    ("KLPG Kansli Partigemensamt", D("-94.4"), D("-52.3"), -90),
    ("KLPS Kommunalt partistöd", -6405, -6509, -6509),
    ("KLS Kansli Socialdemokraterna", -5993, -6212, -9696),
    ("KLSD Kansli Sverigedemokraterna", -2347, D("-2190.4"), D("-3003.6")),
    ("KLV Kansli Vänsterpartiet", -2362, -2204, -3302),
    ("KLÖP Kansli Örebropartiet", -1565, D("-1761.6"), D("-2216.4")),
    ("KLÖS Övriga styrelser", D("-8.4"), D("-5.95"), 5),
]
FORVALTNINGEN = [
    ("KA A Staben", -17618, -22810, -33512),
    ("KAF Förvaltningsgemensamt", -2986, -3066, 8566),
    ("KAFP KSF Plan.reserv o Avstämn RAM", 0, 62, 1906),
    ("KAI Kommunikation", -52175, -50786, -55491),
    ("KAK Kansli och Demokratistöd", -73432, -73487, -72804),
    ("KAN Näringsliv", -11391, -12224, -12992),
    ("KAS Samhällsutveckling", -38203, -41232, -36610),
    ("KCS Centralt skolstöd", D("3.1"), D("0.1"), 0),  # the published -96,8 % from 3 to 0 tkr
    ("KEK Ekonomiavdelningen", -53832, -59273, -55701),
    ("KHR HR-avdelningen", -41164, D("-42400.6"), D("-50423.4")),
    ("KIT IT-avdelningen", -60835, -66150, -67802),
    ("KMY Myndighetsavdelning", -5601, 0, 0),
    ("KSÅ Säkerhetsavdelningen", -11123, -11692, -12107),
]
KONTOGRUPPER = ["3 Intäkter", "4 Inköp tillg o vhet samt bidrag", "5 Personalkostnader",
                "6A Lokalhyror", "6B Entrpr, fastighetskostn, övr.", "7 Övriga kostnader"]
# kontogrupp → (bokslut 2019, utfall 2020, budget 2020) per block, as published
KONTO_KOMMUNLEDNING = [(598, 489, -109), (-7832, -7465, -8021), (-32759, -30275, -37399),
                       (0, -30, 0), (D("-1608.4"), D("-500.6"), -872), (-2297, -2765, -5284)]
KONTO_KOMMUNGEMENSAMT = [(221310, 186687, 172784), (-362088, -306086, -209218),
                         (-17051, -19812, -17771), (-1265, -1275, -1300),
                         (-12810, -13714, -11709), (-44253, -46095, -50869)]
KONTO_FORVALTNINGEN = [(345317, D("335208.4"), D("298228.6")), (-63990, -46782, -47347),
                       (-446281, D("-464759.4"), D("-461494.6")), (-36149, -38203, -37178),
                       (-41952, -42358, -42647), (-125302, -126163, -96532)]
# objekt, budget 2020, utfall 2020, bokslut 2019
INVESTERINGAR = [("KAK Kansli och Demokratistöd", -645, -42, -1783),
                 ("KIT IT-avdelningen", -8744, -9057, -12248),
                 ("KMY Myndighetsavdelning", -200, 0, -746)]

# The published totals each block must show (bokslut 2019, utfall 2020, budget 2020): the
# Nettoredovisning's rows and the blocks' sums agree only after rounding, so these unrounded
# totals round to every published figure (e.g. Kommungemensamt + statsbidrag = −200 296).
TOTALS = {
    "Kommungemensamt": (Decimal("-352351.4"), Decimal("-294402.45"), Decimal(-249483)),
    "Kommungemensamma statsbidrag": (Decimal("136194.6"), Decimal("94106.55"), Decimal(131400)),
    "Politisk kommunledning": (Decimal("-43898.6"), Decimal("-40547.6"), Decimal(-51686)),
    "Kommunstyrelseförvaltningen": (Decimal("-368356.6"), Decimal("-383056.6"),
                                    Decimal(-386970)),
}
INVESTERINGAR_UTFALL = Decimal("-9098.4")  # published total −9 098, the rows add to −9 099
INVESTERINGAR_BOKSLUT = Decimal(-14776)  # published total, the rows add to −14 777


def fitted(values: list[Decimal | int], total: Decimal) -> list[Decimal]:
    """`values` changed by less than a half each, largest first, so that they add up to
    `total` and each still rounds to what was published; values given with decimals are kept."""
    result = [Decimal(v) for v in values]
    missing = total - sum(result)
    whole = [i for i in range(len(result)) if result[i] == int(result[i])]
    for index in sorted(whole, key=lambda i: -abs(result[i])):
        if not missing:
            break
        step = max(min(missing, Decimal("0.45")), Decimal("-0.45"))
        result[index] += step
        missing -= step
    assert not missing, f"cannot fit {values} to {total}"
    return result


def fitted_columns(rows: list[tuple], totals: tuple) -> list[list]:
    """Each amount column of `rows` (after the name) fitted to its total."""
    columns = [fitted([r[i + 1] for r in rows], total) for i, total in enumerate(totals)]
    return [[row[0], *(float(c[n]) for c in columns)] for n, row in enumerate(rows)]


def kontogrupper_rows(published: list[tuple], totals: tuple,
                      less: tuple | None = None) -> list[list]:
    """The published kontogrupper fitted to the block's totals; `less` is taken off
    `3 Intäkter` (the statsbidrag, a block of its own here)."""
    rows = [(name, *values) for name, values in zip(KONTOGRUPPER, published, strict=False)]
    if less:
        rows[0] = (rows[0][0], *(Decimal(v) - w for v, w in zip(rows[0][1:], less, strict=False)))
    # fit only the rows still in whole tkr, so none crosses a rounding boundary
    whole = [r for r in rows if all(Decimal(v) == int(v) for v in r[1:])]
    fixed = [r for r in rows if r not in whole]
    rest = tuple(t - sum((Decimal(r[i + 1]) for r in fixed), Decimal(0))
                 for i, t in enumerate(totals))
    fitted_whole = iter(fitted_columns(whole, rest))
    return [next(fitted_whole) if r in whole else [r[0], *(float(v) for v in r[1:])]
            for r in rows]


EKONOMI_HEADER = ["Enhet", "Bokslut fg år", "Utfall helår", "Budget helår"]
KONTO_HEADER = ["Kontogrupp", "Bokslut fg år", "Utfall helår", "Budget helår"]

# name, ordning, units, kontogrupper (or None), analysis
VERKSAMHETER = [
    ("Kommungemensamt", 1, KOMMUNGEMENSAMT,
     kontogrupper_rows(KONTO_KOMMUNGEMENSAMT, TOTALS["Kommungemensamt"],
                       less=TOTALS["Kommungemensamma statsbidrag"]),
     "Ianspråktagandet av eget kapital för portföljerna och de sociala investeringarna bokförs "
     "här utan budget och ger den största delen av avvikelsen. Försäkringarna kostade mer än "
     "budgeterat, medan kompetens, omställning och universitetet använde mindre."),
    ("Kommungemensamma statsbidrag", 2, STATSBIDRAG,
     [["3 Intäkter", *(float(v) for v in TOTALS["Kommungemensamma statsbidrag"])]],
     "Statsbidragen från Migrationsverket och för maxtaxan nådde inte budgeterad nivå."),
    ("Politisk kommunledning", 3, KOMMUNLEDNING,
     kontogrupper_rows(KONTO_KOMMUNLEDNING, TOTALS["Politisk kommunledning"]),
     "De politiska kanslierna står för det mesta av överskottet, som enligt budgetmodellen förs "
     "över till nästa år. Inställda och digitala möten har gett lägre kringkostnader."),
    ("Kommunstyrelseförvaltningen", 4, FORVALTNINGEN,
     kontogrupper_rows(KONTO_FORVALTNINGEN, TOTALS["Kommunstyrelseförvaltningen"]),
     "Staben, HR-avdelningen och kommunikationsavdelningen har överskott genom vakanser och "
     "inställda aktiviteter. Samhällsutveckling och ekonomiavdelningen har underskott, "
     "eftersom budgeterade intäkter uteblev.\n"
     "Centralt skolstöd och myndighetsavdelningen redovisas med noll: de finansieras av "
     "programnämnderna och regleras vid bokslutet."),
]
UTANFOR = [
    ("Stadsrevisionen", 5, [("ÖRE Revisionsnämnd", -3640, -3611, -3894)],
     "Inställda aktiviteter under pandemin ger ett överskott."),
    ("Valnämnden", 6, [("ÖVA Valnämnd", -2600, -202, -223)],
     "Året var ett mellanvalsår; statsbidrag från tidigare år förs över till 2021."),
]

# the annexed bodies' kontogrupper as published (bokslut 2019, utfall 2020, budget 2020), with
# the ledger's decimals where the published Avvikelse or Förändring % needs them
KONTO_UTANFOR = {
    "Stadsrevisionen": [("3 Intäkter", 0, D("2.99"), 0),
                        ("4 Inköp tillg o vhet samt bidrag", -52, -52, -53),
                        ("5 Personalkostnader", D("-1302.45"), D("-1111.45"), -1398),
                        ("6B Entrpr, fastighetskostn, övr.", D("-1.49"), D("-1.09"), -1),
                        ("7 Övriga kostnader", D("-2284.06"), D("-2449.45"), -2442)],
    "Valnämnden": [("3 Intäkter", D("2922.4"), D("0.45"), 0),
                   ("4 Inköp tillg o vhet samt bidrag", -576, D("-48.95"), 0),
                   ("5 Personalkostnader", -4168, D("-103.55"), -158), ("6A Lokalhyror", -42, 0, 0),
                   ("6B Entrpr, fastighetskostn, övr.", -211, D("-9.5"), 0),
                   ("7 Övriga kostnader", -525, D("-40.45"), -65)],
}

# 5.x.2: the Kommunfullmäktige goals of each målområde (as the kommun names them) with the
# styrelse's contribution; the contributions are invented
KF_MAL = [
    (1, "I Örebro kommun ska skillnaderna i livsvillkor och förutsättningar mellan kön, "
        "socioekonomisk ställning, funktionsnedsättning och geografiska skillnader minska",
     "Styrelsen har tagit fram en digital utbildning i jämställdhet och ett stöd för att "
     "jämställdhetsintegrera verksamheten. Arbetet med nationella minoriteter fortsätter nästa "
     "år."),
    (None, "Örebro kommun ska förbättra förutsättningarna för medborgarna att påverka sin "
           "framtid och vårt demokratiska samhälle",
     "Föreningar och civilsamhälle ska kunna hyra lokalerna i Kulturkvarteret på lika villkor. "
     "Formerna för detta har utretts under året."),
    (None, "Örebro kommun ska stärka förutsättningarna för en samverkan med civilsamhället, "
           "näringslivet och andra offentliga aktörer",
     "Överenskommelsen med det civila samhället har spridits inom koncernen, och riktlinjerna "
     "för partnerskap finns nu hos alla förvaltningar."),
    (None, "Kultur- och fritidslivet ska vara tillgängligt för alla",
     "Styrelsen bidrar genom det kommunala tillgänglighetsrådet, som följer upp "
     "tillgängligheten i kommunens anläggningar."),
    (2, "Utbildning i Örebro ska bedrivas i en trygg lärandemiljö som stimulerar barn och "
        "elever till att utveckla sina förmågor, uppnå kunskapskraven samt utvecklas till "
        "ansvarstagande individer",
     "Styrelsen bidrar genom att samordna kommunens arbete med skolans digitala stöd och "
     "genom uppföljningen av programnämndernas resultat."),
    (None, "Örebro kommuns näringslivsarbete ska bidra till långsiktig hållbar utveckling "
           "genom stärkt konkurrenskraft och goda förutsättningar för fler företag",
     "Dialogen med näringslivet har fördjupats, bland annat i branschråd om upphandling som "
     "hölls digitalt."),
    (None, "Örebro kommuns arbetsmarknadsinsatser ska i högre grad leda till egen försörjning "
           "för medborgare som idag står utanför arbetsmarknaden",
     "Styrelsen har samordnat kommunens feriepraktik och de extratjänster som finansieras "
     "gemensamt med staten."),
    (3, "Samverkan mellan verksamheter och aktörer i arbetet med stöd, vård och service utgår "
        "från individens behov och förutsättningar genom hela vårdkedjan",
     "Styrelsen leder arbetet med en gemensam plan för samverkan mellan kommunen och "
     "regionen."),
    (None, "Välfärdens alla verksamheter jobbar med främjande insatser och förebyggande arbete",
     "Folkhälsoarbetet har inriktats på barn och unga, med stöd till förvaltningarnas egna "
     "förebyggande insatser."),
    (None, "Örebro kommun har ett strukturerat arbete för förbättrad psykisk hälsa i de "
           "verksamheter som möter människor i behov av stöd",
     "En strategi för psykisk hälsa har påbörjats tillsammans med regionen och "
     "brukarorganisationerna."),
    (None, "Hela Örebro ska upplevas tryggare och ingen människa ska begränsas i sitt liv på "
           "grund av otrygga miljöer",
     "Det brottsförebyggande rådet har prioriterat de stadsdelar där otryggheten är störst, "
     "tillsammans med polisen och bostadsbolagen."),
    (None, "Alla barn har rätt till bra boendemiljöer och att inte leva i ekonomisk utsatthet",
     "Styrelsen följer barnfattigdomen i kommunen och har lyft frågan i samverkan med "
     "bostadsbolagen."),
    (None, "Örebro ska vara narkotikafritt och konsumtionen av andra beroendeframkallande medel "
           "ska minska",
     "Arbetet sker genom det brottsförebyggande rådet och genom stöd till skolornas "
     "förebyggande program."),
    (None, "Örebro kommun har en nollvision mot hemlöshet",
     "Styrelsen har tagit fram en lägesbild över hemlösheten och samordnar de förvaltningar "
     "som möter hemlösa."),
    (4, "Örebro kommuns boende- och livsmiljöer ska vara hälsosamma, trygga, säkra och skapa "
        "förutsättningar för jämlika uppväxtvillkor",
     "Styrelsen bidrar genom den översiktliga planeringen, där trygghet och hälsa vägs in "
     "tidigt."),
    (None, "Örebro ska vara en sammanhållen stad med stadsdelar som kompletterar varandra och "
           "där vi aktivt arbetar för att minska barriärer",
     "Planeringen av nya stadsdelar binder samman befintliga områden med gång- och "
     "cykelstråk."),
    (None, "I ett växande Örebro motsvarar bostadsbyggandet, verksamheter och "
           "samhällsfastigheter befolkningsökningen och näringslivets behov",
     "Efterfrågan på verksamhetsmark är fortsatt hög, och flera nya företag har etablerat "
     "sig under året."),
    (None, "Örebro kommun upplevs som en attraktiv plats som lockar allt fler med efterfrågad "
           "kompetens",
     "Platsmarknadsföringen har fortsatt digitalt, men behöver fler aktörer från näringslivet "
     "och högskolan."),
    (None, "Fortsätta utveckla och genomföra insatser för att underlätta för ett hållbart "
           "resande",
     "Styrelsen har drivit arbetet med en ny trafikstrategi och med kollektivtrafikens "
     "stråk i de nya stadsdelarna."),
    (None, "Örebro ska präglas av platser som främjar skapande, rörelse, god folkhälsa och som "
           "stimulerar möten mellan människor",
     "Kulturkvarteret och nya mötesplatser i stadsdelarna planeras så att de kan användas "
     "av många olika grupper."),
    (5, "Örebro kommun ska arbeta för att klimatbelastningen per person ska vara på en nivå "
        "som inte äventyrar jordens förmåga att hantera klimatförändringarna",
     "Styrelsen har samordnat kommunens klimatredovisning och föreslagit åtgärder för "
     "koncernens resor."),
    (None, "Örebro kommun ska fortsätta öka tillförseln av förnybar energi och utveckla "
           "energieffektiviseringsåtgärder",
     "Fler solcellsanläggningar har byggts på kommunens fastigheter, i samarbete med de "
     "kommunala bolagen."),
    (None, "Örebro kommuns vattenförekomster ska uppnå god status och dricksvattenresurserna "
           "ska vara långsiktigt tryggade",
     "Vattenplanen följs upp årligen, och skyddet av de viktigaste dricksvattentäkterna har "
     "stärkts."),
    (None, "Örebro kommun ska binda samman kommunens grönstruktur samt värna om och bidra till "
           "ökning av biologisk mångfald och ekosystemtjänster",
     "Grönstrukturen har fått en större plats i planeringen av nya bostadsområden."),
    (None, "Avfallet i Örebro kommun ska minska till mängd och farlighet samtidigt som "
           "återvinningen ska öka",
     "Styrelsen stödjer förvaltningarnas arbete med återbruk av möbler och inventarier."),
    (None, "Örebro kommun ska arbeta för att ha miljömässig och organisatorisk motståndskraft "
           "för extrema förhållanden och ett förändrat klimat",
     "Krisledningsplanen har reviderats, och förmågan att arbeta i stab har prövats under "
     "pandemin."),
    (6, "Örebro kommun ska ha en långsiktig och hållbar ekonomi, där varje nämnd och dess "
        "verksamheter bidrar till en god ekonomisk hushållning",
     "Styrelsen följer nämndernas ekonomi varje månad och har stött de nämnder som har "
     "behövt anpassa sina kostnader."),
    (None, "Örebro kommun ska arbeta nämndöverskridande för att nå högsta möjliga resursnytta",
     "Gemensamma upphandlingar och samordnade lokaler har minskat kostnaderna i flera "
     "förvaltningar."),
    (None, "Vid fördelningen av de ekonomiska medlen i kommunkoncernens olika verksamheter ska "
           "jämställdhet beaktas",
     "Budgetunderlagen innehåller nu en analys av hur resurserna fördelas mellan kvinnor och "
     "män."),
    (None, "Som attraktiv arbetsgivare ska Örebro kommun rekrytera, utveckla och behålla "
           "kompetens och engagerade medarbetare",
     "Arbetet med heltid som norm och med chefernas förutsättningar har fortsatt under "
     "året."),
]


# the Nettoredovisning's "varav Myndighetsavdelningen samt centralt skolstöd" (-5 598, 0, 0, 0):
# two of the förvaltning's enheter, summed by the tool and never added into the total
VARAVRADER = [("Myndighetsavdelningen samt centralt skolstöd", "KMY Myndighetsavdelning"),
              ("Myndighetsavdelningen samt centralt skolstöd", "KCS Centralt skolstöd")]


def namnd_sheets() -> dict[str, list]:
    return {
        "Rapport": [("Fält", "Värde"), *RAPPORT],
        "Beslut": [("Nr", "Beslutspunkt", "Att-sats"), *BESLUT],
        "Beslutsunderlag": [("Dokument", "Diarienummer"), *UNDERLAG],
        "Text": [("Avsnitt", "Text"), *TEXT],
        "Målområden": [("Nr", "Målområde", "Sammanfattande analys"), *MALOMRADEN],
        "Iakttagelser": [("Målområde", "Typ", "Iakttagelse"), *IAKTTAGELSER],
        "Kapitel Utvecklingsportföljer": [("Rubrik", "Nivå", "Text"), *PORTFOLJER],
        "Kapitel Internt stöd": [("Rubrik", "Nivå", "Text"), *INTERNT_STOD],
        "Kapitel Anställningsmyndighet": [("Rubrik", "Nivå", "Text"), *ANSTALLNING],
        "Tabell Medarbetare": MEDARBETARE,
        "Poster KF-mål": [("Målområde", "KF-mål", "Bidrag"), *KF_MAL],
        "Postgrupper": [("Blad", "Gruppera efter", "Obligatoriska kolumner"),
                        ("KF-mål", "Målområde › KF-mål", "Bidrag")],
        "Varavrader": [("Varav", "Enhet"), *VARAVRADER],
        "Kvitterat": [("Kod", "Plats", "Motivering"), *KVITTERAT],
    }


# Warnings that are true of the published data, acknowledged with the economist's reason
ROUNDED_AS_PUBLISHED = ("Beloppen kommer ur ekonomisystemet med decimaler och summan är "
                        "den bokförda; raden Avrundning visar skillnaden öppet.")
KVITTERAT = [
    ("R11-BUDGET-NOLL", "Kommungemensamt.xlsx › Ekonomi › D10",
     "Ianspråktagandet av eget kapital beslutas under året och budgeteras aldrig."),
    ("R11-BUDGET-NOLL", "Kommungemensamt.xlsx › Ekonomi › D11",
     "Kommungemensam IT budgeteras hos förvaltningarna; här redovisas bara utfallet."),
    ("R10-TECKEN", "Kommunstyrelseförvaltningen.xlsx › Ekonomi › D3",
     "Förvaltningsgemensamt är en central pott: budgeten är de medel som fördelas ut under "
     "året, utfallet förvaltningens egna kostnader."),
    ("R10-TECKEN", "Politisk kommunledning.xlsx › Ekonomi › D16",
     "Övriga styrelser har en liten intäktsbudget men fick kostnader under året."),
    *(("R25-UTANFOR-EKONOMI", f"{name}.xlsx › Kontogrupper",
       "Bladet visas i blockets egen tabell i 5.2 och ska inte räknas in i styrelsens tabeller.")
      for name in ("Stadsrevisionen", "Valnämnden")),
    *(("R06-TABELL-AVRUNDNING", place, ROUNDED_AS_PUBLISHED) for place in (
        "Kommungemensamt.xlsx › Ekonomi › A18", "Kommunstyrelseförvaltningen.xlsx › Ekonomi › A15",
        "Politisk kommunledning.xlsx › Ekonomi › A17", "Kontogrupper", "Investeringar")),
]


def verksamhet_sheets(name: str, order: int, units: list[tuple], analysis: str,
                      outside: bool = False) -> dict[str, list]:
    fields = [("Fält", "Värde"), ("Verksamhet", name), ("Ordning", order),
              ("Ekonomisk analys", analysis)]
    if outside:
        fields.append(("Utanför nämndens resultat", "Ja"))
    rows = fitted_columns(units, TOTALS[name]) if name in TOTALS else [list(u) for u in units]
    # the published total as a control sum: the tool checks it and names the total row after it
    summa = [round(sum(Decimal(str(r[i])) for r in rows)) for i in (1, 2, 3)]
    return {"Verksamhet": fields, "Ekonomi": [EKONOMI_HEADER, *rows, ["Summa", *summa]]}


def investeringar_rows() -> list[list]:
    outcome = fitted([u for _, _, u, _ in INVESTERINGAR], INVESTERINGAR_UTFALL)
    bokslut = fitted([b for _, _, _, b in INVESTERINGAR], INVESTERINGAR_BOKSLUT)
    return [["Objekt", "Bokslut fg år", "Budget helår", "Utfall helår"],
            *([name, float(previous), budget, float(now)]
              for (name, budget, _, _), now, previous
              in zip(INVESTERINGAR, outcome, bokslut, strict=True))]


def write_inputs() -> None:
    INPUTS.mkdir(parents=True, exist_ok=True)
    for old in INPUTS.glob("*.xlsx"):
        old.unlink()
    workbook(INPUTS / "Kommunstyrelsen.xlsx", namnd_sheets())
    for name, order, units, konto, analysis in VERKSAMHETER:
        sheets = verksamhet_sheets(name, order, units, analysis)
        sheets["Kontogrupper"] = [KONTO_HEADER, *konto]
        if name == "Kommunstyrelseförvaltningen":
            sheets["Investeringar"] = investeringar_rows()
        workbook(INPUTS / f"{name}.xlsx", sheets)
    for name, order, units, analysis in UTANFOR:
        sheets = verksamhet_sheets(name, order, units, analysis, outside=True)
        # the published kontogrupper add up to the block's total only after rounding
        total = tuple(Decimal(v) for v in units[0][1:])
        sheets["Kontogrupper"] = [KONTO_HEADER, *fitted_columns(KONTO_UTANFOR[name], total)]
        workbook(INPUTS / f"{name}.xlsx", sheets)


if __name__ == "__main__":
    write_templates()
    write_inputs()
    print(f"skrev {TEMPLATES} och {INPUTS}")
