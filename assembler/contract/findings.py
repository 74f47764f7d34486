"""Findings are data: a stable code, a severity, a location and a Swedish message.

The catalogue `RULES` lists every rule the tool checks. Each rule has a message template
filled with the location-independent facts (`found`, `expected` and rule-specific fields).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "fel"
    WARNING = "varning"


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    title: str
    message: str  # str.format template


E, W = Severity.ERROR, Severity.WARNING

# Codes are stable: tests, JSON output and users' notes refer to them. The number after R is
# the rule's number in validering.md.
RULES: dict[str, Rule] = {
    r.code: r
    for r in [
        Rule("R01-MAPP", E, "Rapportmappen saknas",
              "Mappen {found} finns inte eller är ingen mapp. "
              "Ange mappen med rapportens arbetsböcker."),
        Rule("R01-EJ-XLSX", E, "Filen är ingen giltig .xlsx",
              "Filen kan inte läsas som en Excel-arbetsbok (.xlsx): {found}. Spara den i Excel som "
              "”Excel-arbetsbok (*.xlsx)” och försök igen."),
        Rule("R01-FOR-STOR", E, "Filen är för stor",
              "Filen är {found}; en rapportarbetsbok är högst {expected}. Den lästes inte. Är "
              "det rätt fil? Ta bort blad eller rader som inte hör till rapporten."),
        Rule("R01-STRICT", E, "Arbetsboken är sparad som Strict Open XML",
              "Arbetsboken är sparad i formatet ”Strict Open XML-kalkylblad”, som inte kan läsas. "
              "Öppna den i Excel och spara den som ”Excel-arbetsbok (*.xlsx)”."),
        Rule("R01-FEL-FILTYP", E, "Fel filtyp i rapportmappen",
              "Filtypen {found} stöds inte. Spara filen i Excel som ”Excel-arbetsbok (*.xlsx)” "
              "eller flytta den från rapportmappen."),
        Rule("R01-INGEN-NAMND", E, "Nämndens arbetsbok saknas",
              "Ingen arbetsbok i mappen har bladet ”Rapport”. Lägg nämndens arbetsbok i mappen."),
        Rule("R01-TVA-NAMND", E, "Två nämndarbetsböcker",
              "Flera arbetsböcker har bladet ”Rapport”: {found}. "
              "Bara en får vara nämndens arbetsbok."),
        Rule("R01-INGEN-VERKSAMHET", E, "Ingen verksamhet",
              "Mappen har ingen verksamhetsarbetsbok (med bladet ”Verksamhet”). "
              "Lägg minst en i mappen."),
        Rule("R01-OKAND-BOK", E, "Arbetsboken har varken Rapport eller Verksamhet",
              "Arbetsboken har varken bladet ”Rapport” eller ”Verksamhet” (blad: {found}). "
              "Lägg till rätt blad eller flytta filen från mappen."),
        Rule("R01-DUBBEL-VERKSAMHET", E, "Samma verksamhet i två arbetsböcker",
              "Verksamheten {found} finns också i {expected}. "
              "Varje verksamhet ska ha en arbetsbok."),
        Rule("R01-BLAD-SAKNAS", E, "Obligatoriskt blad saknas",
              "Bladet ”{expected}” saknas. Lägg till det med rubrikerna i rad 1."),
        Rule("R01-KOLUMN-SAKNAS", E, "Obligatorisk kolumn saknas",
              "Kolumnen ”{expected}” saknas i rubrikraden (rad 1). Rubriker som finns: {found}."),
        Rule("R01-FALT-SAKNAS", E, "Obligatoriskt fält saknas",
              "Fältet ”{expected}” saknas eller är tomt. Fyll i det i kolumnen Värde."),
        Rule("R01-OKAND-KOLUMN", W, "Okänd kolumn",
              "Kolumnen ”{found}” känns inte igen och används inte. "
              "Stavfel? Kända kolumner: {expected}."),
        Rule("R01-KOLUMN-OANVAND", W, "Kolumnen används inte i den här rapporttypen",
              "Kolumnen ”{found}” används inte i en {expected} och läses inte. Ta bort den, "
              "eller kontrollera Rapporttyp i bladet Rapport."),
        Rule("R01-RAD-UTAN-NAMN", E, "Rad utan namn",
              "Raden har värden men ingen {expected}. Fyll i namnet eller töm raden."),
        Rule("R01-BLAD-DUBBELT", E, "Samma blad på två nivåer",
              "Bladet ”{found}” finns både i nämndens arbetsbok och i {expected}. "
              "Ange det på ett ställe."),
        Rule("R01-BELOPP-SAKNAS", E, "Beloppet saknas",
              "{expected} saknas för {found}. En tom cell räknas aldrig som 0: skriv beloppet, "
              "eller 0 om det är noll."),
        Rule("R01-INGA-ENHETER", E, "Verksamheten har inga enheter",
              "Bladet Ekonomi har ingen rad med en enhet och dess belopp, så verksamheten "
              "skulle visas med bara nollor. Skriv minst en enhet under rubrikraden."),
        Rule("R02-EJ-TAL", E, "Beloppet är inget tal",
              "Värdet {found} är inget tal. Skriv ett belopp i tkr, t.ex. {expected}."),
        Rule("R02-ORIMLIGT", E, "Beloppet är orimligt stort",
              "Värdet {found} är orimligt stort för ett belopp (högst {expected}). Belopp "
              "anges i tkr; kontrollera cellen."),
        Rule("R02-TUSENTALSPUNKT", E, "Punkt i beloppet: tusental eller decimaler?",
              "Värdet {found} är skrivet som text med punkt, som kan vara en tusentalsavgränsare "
              "(då är beloppet {expected} tkr) eller ett decimaltecken. Skriv beloppet utan "
              "punkt, t.ex. {expected}, eller med decimalkomma."),
        Rule("R02-FELVARDE", E, "Felvärde från Excel",
              "Cellen innehåller felvärdet {found}. Rätta formeln i Excel så att den ger ett tal."),
        Rule("R02-FORMEL-UTAN-VARDE", E, "Formel utan beräknat värde",
              "Cellen har en formel ({found}) men inget sparat värde. Öppna arbetsboken i Excel, "
              "spara den och försök igen."),
        Rule("R03-OKANT-VARDE", E, "Okänt värde",
              "Värdet {found} är inte tillåtet här. Tillåtna värden: {expected}."),
        Rule("R04-FEL-AR", E, "Rubriken har fel år",
              "Rubriken {found} passar inte rapportåret. Väntad rubrik: {expected}."),
        Rule("R05-VARAV-OKAND", E, "Varav pekar på okänd enhet",
              "Varav anger {found}, men ingen enhet i bladet heter så. Enheter: {expected}."),
        Rule("R05-VARAVRAD-OKAND", E, "Varav-raden omfattar en okänd enhet",
              "Varav-raden omfattar {found}, men ingen enhet i nämndens Ekonomi-blad heter så "
              "(en varav-rad eller en verksamhet utanför nämndens resultat räknas inte). "
              "Enheter: {expected}."),
        Rule("R05-VARAV-SLINGA", E, "Varav-kedjan går i ring",
              "Varav-kedjan går i ring: {found}. "
              "En varav-rad måste till slut peka på en vanlig enhet."),
        Rule("R01-DUBBEL-KOLUMN", E, "Samma kolumn två gånger",
              "Kolumnen ”{found}” finns redan i {expected}. Ta bort den ena."),
        Rule("R01-RUBRIKRAD", E, "Rubrikraden är inte rad 1",
              "Rubrikerna står i rad {found}, men de ska stå i rad 1. Ta bort raderna ovanför."),
        Rule("R01-KOLUMN-UTAN-RUBRIK", W, "Värden i kolumn utan rubrik",
              "Kolumnen har värden men ingen rubrik i rad 1 (sammanslagna celler?). Värdena "
              "används inte. Första värdet: {found}."),
        Rule("R01-DOLT-BLAD", W, "Dolt blad",
              "Bladet är dolt i Excel men läses ändå. Visa det, eller flytta innehållet om det "
              "inte ska med."),
        Rule("R01-FOR-MANGA-RADER", E, "Bladet har för många rader",
              "Bladet har mer än {found} rader med innehåll; resten lästes inte. Är det rätt "
              "blad? Ta bort rader som inte hör till rapporten."),
        Rule("R01-DUBBEL-ENHET", E, "Samma namn på två rader",
              "{found} finns redan på rad {expected}. Ge raderna olika namn eller slå ihop dem."),
        Rule("R01-TABELL-UTAN-KOLUMNER", E, "Tabellen har inga kolumner med värden",
              "Bladet har rubrikerna {found}, men en tabell behöver radnamnens rubrik i första "
              "kolumnen och minst en kolumn med värden. Skriv rubrikerna i rad 1."),
        Rule("R01-NAMN-DUBBELT", E, "Två blad får samma namn i mallen",
              "Bladet ”{found}” får samma namn i mallen som ”{expected}” (stora och små "
              "bokstäver, å/ä/ö och tecken räknas lika). Byt namn på det ena bladet."),
        Rule("R06-SUMMARAD-INSKRIVEN", E, "Summaraden har inskrivna värden",
              "Raden har Nivå summa men cellen har värdet {found}. Summan räknas av "
              "verktyget; väntat: {expected}."),
        Rule("R06-KONTROLLSUMMA", E, "Kontrollsumman stämmer inte",
              "Inskriven summa {found} men raderna ger {expected} (skillnad {diff}). Rätta summan "
              "eller raderna."),
        Rule("R06-KONTROLLSUMMA-AVRUNDNING", W, "Kontrollsumman skiljer sig på avrundningen",
              "Inskriven summa {found} men raderna ger {expected} (skillnad {diff}). Rapporten "
              "visar radernas summa, {expected}; skriv den, eller rätta raderna om summan är "
              "den rätta."),
        Rule("R06-TABELL-AVRUNDNING", W, "Tabellens rader går inte ihop med summan avrundade",
              "I tabellen ”{table}” går raderna, som de visas i hela tkr, inte ihop med "
              "summan: {found}. Tabellen visar skillnaden på en rad ”Avrundning”. Skriv "
              "beloppen i hela tkr om raden inte ska stå där."),
        Rule("R07-AVVIKELSE", E, "Inskriven avvikelse stämmer inte",
              "Inskriven avvikelse {found} men {formula} ger {expected}. Rätta avvikelsen eller "
              "beloppen."),
        Rule("R08-AVSTAMNING", E, "Tabellerna ger olika summor",
              "Summan av {column} i {sheet_name} är {found}, men {other} ger {expected} "
              "(skillnad {diff}). Samma nämnd ska ha samma totaler i alla tabeller."),
        Rule("R08-AVRUNDNING", W, "Tabellerna skiljer sig på avrundningen",
              "Summan av {column} i {sheet_name} är {found}, men {other} ger {expected} "
              "(skillnad {diff}). Rapporten visar nämndens total ({expected}) i alla tabeller "
              "och skillnaden på en rad ”Avrundning”. Rätta bladet om det inte ska vara så."),
        Rule("R09-KON-SUMMA", W, "Kvinnor och män summerar inte till totalen",
              "{found} men totalen är {expected}."),
        Rule("R10-TECKEN", W, "Beloppet har oväntat tecken",
              "{found}. {expected}"),
        Rule("R10-KOMMUNBIDRAG-NEGATIVT", W, "Kommunbidraget är negativt",
              "Kommunbidraget har {found}. Ett kommunbidrag är pengar nämnden får och anges "
              "positivt; negativt blir resultatet fel med dubbla beloppet."),
        Rule("R26-TECKEN-ARBETSBOK", W, "Arbetsbokens belopp har omvänt tecken",
              "{found}. Väntat: {expected}. Har tecknen vänts i hela arbetsboken?"),
        Rule("R27-STORLEK-ARBETSBOK", W, "Arbetsbokens belopp ser tusen gånger för stora ut",
              "{found}. Väntat: {expected}. Dela beloppen med 1 000 om de är skrivna i kronor."),
        Rule("R28-ANDEL-SOM-PROCENT", W, "Procent skrivet som andel",
              "{found} står i en kolumn i procent men ser ut som en andel. Menade du {expected}? "
              "Skriv procentsatsen (89,5), eller formatera cellen som procent i Excel."),
        Rule("R11-BUDGET-NOLL", W, "Utfall utan budget",
              "Budget helår är 0 men {found}. Saknas budgeten?"),
        Rule("R11-VARAV-STORRE", W, "Varav större än helheten",
              "Varav-raden har {found}, mer än {expected} på raden den ingår i."),
        Rule("R12-PERIODISERING", W, "Periodbudgeten är ojämnt periodiserad",
              "Periodbudgeten är {found} av helårsbudgeten, men {expected} av året har gått. "
              "Kontrollera periodiseringen."),
        Rule("R13-IANSPRAKTAGANDE", W, "Mer tas i anspråk än det ackumulerade resultatet",
              "Prognosen ger en negativ avvikelse på {found}, men det ingående ackumulerade "
              "resultatet är bara {expected}. Resten blir nya underskott."),
        Rule("R14-TEXT-ENTITET", W, "Beloppet i texten stämmer inte med tabellen",
              "Texten anger {found} för {entity}, men rapporten visar {expected} ({where})."),
        Rule("R14-TEXT-BELOPP", W, "Beloppet i texten finns inte i rapporten",
              "Texten anger {found}, som inte finns bland rapportens belopp. Närmast: {expected} "
              "({where})."),
        Rule("R14-TEXT-FEL-ENTITET", W, "Beloppet i texten hör till en annan rad",
              "Texten anger {found} för {entity}, men det beloppet har {other} ({where}). "
              "För {entity} visar rapporten {expected}."),
        Rule("R14-TEXT-PERIOD", W, "Periodens belopp kallas helårets",
              "Texten kallar {found} helårets belopp eller prognosen, men det är periodens "
              "({where}). Helårets motsvarande belopp är {expected}."),
        Rule("R15-TECKENORD", W, "Ordet och beloppets tecken säger emot varandra",
              "Texten säger ”{word}” men beloppet är {found}."),
        Rule("R15-TECKEN-TABELL", W, "Ordet säger emot tabellens tecken",
              "Texten säger ”{word}” om {found}, men rapporten visar {expected} ({where})."),
        Rule("R15-TECKEN-DUBBELT", W, "Tecknet står två gånger",
              "Texten säger ”{word}” och skriver ändå minus: {found}. Efter ett teckenord "
              "skrivs beloppet utan minus (i mallen: tecken='utan minus' eller 'inget')."),
        Rule("R15-NOLL-AVVIKELSE", W, "Ett belopp som skrivs som noll kallas avvikelse",
              "Texten säger ”{word}” om {found}, men beloppet skrivs som noll i {unit}. Skriv "
              "till exempel ”i nivå med budget” (i mallen: x is noll(enhet='{unit}'))."),
        Rule("R16-RAPPORTTYP-ORD", W, "Ord som inte passar rapporttypen",
              "Texten innehåller ”{found}”, som inte passar i en {expected}."),
        Rule("R17-METADATA", W, "Datum eller diarienummer ser fel ut",
              "{found}. {expected}"),
        Rule("R19-STORLEK", W, "Beloppet ser tusen gånger för litet ut",
              "{found}: menade du {expected}? Belopp anges i hela tkr; en punkt eller ett "
              "kommatecken som tusentalsavgränsare blir decimaler."),
        Rule("R21-ARENDE-SAKNAS", W, "Tjänsteskrivelsen saknar Ärendet",
              "Ingen text ger tjänsteskrivelsens avsnitt Ärendet, så det utelämnas. Skriv den i "
              "bladet Text på en rad med Avsnitt {expected}."),
        Rule("R20-PERIOD-RAPPORTTYP", W, "Perioden passar inte rapporttypen",
              "Perioden slutar i {found}, men en {expected}. Kontrollera Period till och med "
              "och Rapporttyp."),
        Rule("R22-KOMMUNBIDRAG-MODELL", E, "Kommunbidrag utan budgetmodellen Kommunbidrag",
              "Raden {found} är ett kommunbidrag, men Budgetmodell i bladet Rapport är "
              "Nettoram. Sätt Budgetmodell till Kommunbidrag, eller ta bort raden."),
        Rule("R22-KOMMUNBIDRAG-SAKNAS", W, "Verksamheten har inget kommunbidrag",
              "Budgetmodell är Kommunbidrag, men {found} har ingen rad med Radtyp "
              "Kommunbidrag. Resultatet blir då hela nettokostnaden."),
        Rule("R23-INGEN-I-RESULTATET", E, "Ingen verksamhet ingår i nämndens resultat",
              "Alla {found} verksamheter har Utanför nämndens resultat: Ja. Minst en måste ingå "
              "i nämndens resultat."),
        Rule("R24-STATUS-DUBBEL", E, "Samma status två gånger i en lista",
              "Statusen {found} finns redan för listan {expected}. Varje status ska stå en gång."),
        Rule("R24-LISTA-SAKNAS", W, "Listan i Statusar har inget blad",
              "Bladet Statusar anger listan {found}, men inget blad heter så. Stavfel? Bladet "
              "ska heta som listan, och dess första kolumn ha samma rubrik."),
        Rule("R24-STATUS-SAKNAS", E, "Rad i Statusar utan status",
              "Raden anger listan {found} men ingen status, så den används inte. Skriv "
              "statusen i kolumnen {expected} eller töm raden."),
        Rule("R24-FOR-MANGA-STATUSAR", E, "Listan har fler statusar än en tabell rymmer",
              "Listan {found} har {count} statusar; tabellen med en kolumn per status rymmer "
              "högst {expected} (Word tillåter 63 kolumner). Slå ihop statusar."),
        Rule("R25-UTANFOR-EKONOMI", W, "Ekonomiblad utanför nämndens resultat läses inte",
              "Verksamheten står utanför nämndens resultat, så bladet {found} räknas inte in i "
              "nämndens tabeller. Flytta raderna till nämndens arbetsbok om de hör "
              "till nämnden, annars ta bort bladet."),
        Rule("R25-UTANFOR-MAL", W, "Mål och listor utanför nämndens resultat läses inte",
              "Verksamheten står utanför nämndens resultat, så bladet {found} räknas inte in i "
              "nämndens mål, indikatorer, åtaganden eller listor. Flytta raderna till nämndens "
              "arbetsbok om de hör till nämnden, annars ta bort bladet."),
        Rule("R30-POST-KOLUMN-SAKNAS", E, "Postbladet saknar en kolumn",
              "Bladet Postgrupper kräver kolumnen ”{expected}”, men bladet har bara {found}. "
              "Lägg till kolumnen i rad 1, eller rätta namnet i Postgrupper."),
        Rule("R30-POST-OKAND-GRUPP", E, "Posten hör inte till någon grupp som finns",
              "Posten hör till {found}, men {expected}. Skriv gruppen i cellen (en tom cell "
              "betyder samma som raden ovanför)."),
        Rule("R30-POST-TOM", W, "Posten har ingen text",
              "{found}: ingen text, så det blir tomt i rapporten. Skriv texten i "
              "{expected}, eller ta bort raden."),
        Rule("R30-POST-FALT-TOMT", W, "Posten saknar ett obligatoriskt fält",
              "{found} har ingen text i {expected}, som bladet Postgrupper kräver. Skriv "
              "texten, eller ta bort kolumnen ur Obligatoriska kolumner."),
        Rule("R30-POSTBLAD-SAKNAS", W, "Postgrupper anger ett blad som inte finns",
              "Bladet Postgrupper anger {found}, men ingen arbetsbok har bladet {expected}. "
              "Stavfel? Bladet ska heta Poster följt av namnet."),
        Rule("R31-KVITTERING-INAKTUELL", W, "Kvitteringen motsvarar ingen varning",
              "Raden kvitterar {found}, men ingen sådan varning finns. Ta bort raden, eller "
              "rätta Kod och Plats så att de står som i varningen."),
        Rule("R31-KVITTERING-FEL", W, "Ett fel kan inte kvitteras",
              "Raden kvitterar {found}, som är ett fel. Fel kan inte kvitteras: rätta dem i "
              "arbetsboken och ta bort raden."),
        Rule("R31-KVITTERING-MOTIVERING", W, "Kvitteringen saknar motivering",
              "Raden kvitterar {found} utan motivering, så den gäller inte. Skriv i Motivering "
              "varför varningen är riktig som den är."),
        Rule("M01-SYNTAX", E, "Mallen har ett syntaxfel",
              "Mallkoden går inte att tolka: {found}. Rätta taggen i Word ({expected})."),
        Rule("M02-OKAND-VARIABEL", E, "Okänd variabel i mallen",
              "Variabeln {found} finns inte. Se `assemble templates vars` för de variabler "
              "som finns ({expected})."),
        Rule("M03-SANDLADA", E, "Mallen försöker något som inte är tillåtet",
              "Nekades: {found}. Mallar får bara visa rapportens variabler ({expected})."),
        Rule("M04-MALLFEL", E, "Mallen kunde inte fyllas i",
              "{found} ({expected})."),
        Rule("M05-MALL-SAKNAS", E, "Mallen saknas eller är ingen Word-fil",
              "{found}. Ange en .docx-fil eller en mapp med mallar."),
        Rule("M06-FORMAT-SAKNAS", W, "Formatmall saknas i mallen",
              "Formatmallen ”{found}” finns inte; det som använder den (tabeller, listor, "
              "innehållsförteckningen) formateras då med Words standard. Lägg tillbaka den i "
              "Word (Format › Formatmallar)."),
        Rule("M08-ALT-TEXT", W, "Bild utan alternativtext",
              "Bilden saknar alternativtext, så en skärmläsare kan inte beskriva den och PDF:en "
              "uppfyller inte tillgänglighetskraven. Högerklicka på bilden i Word och välj "
              "Redigera alternativtext."),
        Rule("M07-MALLGRANS", E, "Mallen tar för lång tid eller blir för stor",
              "Mallen stoppades: {found} ({expected}). En rapportmall behöver inga så stora "
              "slingor eller värden; rätta taggen i Word."),
        Rule("M09-FORALDRAT-NAMN", W, "Mallen använder ett äldre variabelnamn",
              "Variabeln ”{found}” heter nu ”{expected}”. Mallen fungerar, men byt namnet i "
              "Word så att den håller även när det gamla namnet tas bort."),
        Rule("M10-AVSNITT-I-EXEMPLET", W, "Avsnittet finns inte i exempelrapporten",
              "Mallen använder {found}, som exempelrapporten inte har; mallen provades med "
              "{expected} i dess ställe. Prova mot kommunens egen mapp med --mot MAPP, där "
              "avsnittet ska finnas."),
        Rule("M11-FORMULERINGSRAD", E, "Raden i formuleringar.docx går inte att använda",
              "{found}"),
        Rule("M12-MALLFIL", E, "Filen i mallmappen kan inte användas som den heter",
              "{found} {expected}"),
        Rule("M13-DOKUMENTSTRUKTUR", E, "Mallen ger ett dokument som Word måste reparera",
              "{found} ({expected}). Skriv taggen som i anvisningen i docs/mallar.md."),
        Rule("K01-INGEN-KOMMUNBOK", E, "Kommunens arbetsbok saknas",
              "Ingen arbetsbok i kommunmappen har bladet ”Kommun”. Lägg kommunens arbetsbok "
              "(`assemble init MAPP --kommun`) bredvid nämndernas mappar."),
        Rule("K01-TVA-KOMMUNBOK", E, "Två kommunarbetsböcker",
              "Flera arbetsböcker har bladet ”Kommun”: {found}. Bara en får vara kommunens."),
        Rule("K01-MAPP-SAKNAS", E, "Nämndens mapp saknas",
              "Nämnden står i bladet Nämnder med mappen {found}, men kommunmappen har ingen "
              "sådan undermapp. Undermappar: {expected}."),
        Rule("K01-MAPP-EJ-LISTAD", E, "Mappen står inte i bladet Nämnder",
              "Undermappen {found} är en rapportmapp men står inte i bladet Nämnder, så den "
              "skulle inte komma med i kommunens rapport. Lägg till en rad med Mapp {found}, "
              "eller flytta mappen."),
        Rule("K01-MAPP-DUBBEL", E, "Samma mapp för två nämnder",
              "Mappen {found} står redan på rad {expected}. Varje nämnd har en egen mapp."),
        Rule("K02-RAM", E, "Nämndens budget är inte fullmäktiges ram",
              "Fullmäktiges ram för {namnd}{andringar} är {expected} tkr, men nämndens egen "
              "Budget helår är {found} tkr (skillnad {diff} tkr). Rätta ramen eller "
              "Budgetändringar i bladet Nämnder eller "
              "nämndens budget."),
        Rule("K03-AR", E, "Nämnden rapporterar ett annat år",
              "{namnd} rapporterar år {found}, men kommunens rapport gäller {expected}."),
        Rule("K03-RAPPORTTYP", E, "Nämnden har en annan rapporttyp",
              "{namnd} har rapporttypen {found}, men kommunens rapport är en {expected}."),
        Rule("K03-PERIOD", E, "Nämndens period slutar en annan månad",
              "{namnd} rapporterar till och med {found}, men kommunens period slutar i "
              "{expected}."),
        Rule("K03-NAMN", W, "Nämnden heter något annat i sin egen arbetsbok",
              "Bladet Nämnder kallar nämnden i mappen {mapp} {expected}, men nämndens egen "
              "arbetsbok kallar den {found}. Kommunens rapport använder namnet i Nämnder; rätta "
              "det ena om det är fel mapp eller ett stavfel."),
        Rule("K04-DEL-SAKNAS", W, "En del som rapporten ska ha saknas",
              "Rapporten saknar {found}, som {expected} kräver. Fyll i {where}."),
        Rule("K05-BALANS", W, "Balansräkningen balanserar inte",
              "Summa tillgångar är {found} tkr men summa eget kapital, avsättningar och skulder "
              "{expected} tkr ({column}). Kontrollera bladet Balansräkning."),
        Rule("K06-KASSAFLODE-RESULTAT", W,
             "Kassaflödesanalysens årets resultat är inte resultaträkningens",
             "Raden {post} i bladet Kassaflöde är {found} tkr ({column}), men "
             "resultaträkningens årets resultat är {expected} tkr. Kassaflödesanalysen ska "
             "börja i samma resultat: rätta raden eller bladet Finansiering."),
        Rule("K06-KASSAFLODE-LIKVIDA", W,
             "Kassaflödet är inte förändringen av likvida medel",
             "Kassaflödesanalysen ger ett kassaflöde på {found} tkr ({column}), men "
             "balansräkningens {post} har ändrats med {expected} tkr (från {start} till "
             "{end} tkr). Kontrollera bladen Kassaflöde och Balansräkning."),
        Rule("K07-NOT-SAKNAS", W, "Raden hänvisar till en not som saknas",
             "Raden ”{post}” hänvisar till not {found}, men bladet Noter har ingen sådan not "
             "(noter: {expected}). Lägg till noten i bladet Noter eller rätta numret."),
        Rule("K07-NOT-OREFERERAD", W, "Noten hänvisas inte till",
             "Not {found} i bladet Noter har ingen rad i resultaträkningen eller "
             "balansräkningen som hänvisar till den. Skriv numret i kolumnen Not på raden i "
             "bladet Finansiering eller Balansräkning, eller ta bort noten."),
        Rule("K07-NOT-SUMMA", W, "Notens summa är inte radens belopp",
             "Not {note} summerar till {found} tkr ({column}), men raden ”{post}” i bladet "
             "{row_sheet} som hänvisar till den är {expected} tkr (skillnad {diff} tkr). "
             "Rätta noten i bladet Noter eller raden."),
        Rule("R18-UTDATA", E, "Det färdiga dokumentet innehåller ett felvärde",
              "Dokumentet innehåller {found} ({expected}). "
              "Det är ett fel i verktyget eller mallen; "
              "rapporten skrevs inte."),
    ]
}


@dataclass(frozen=True)
class Finding:
    code: str
    file: str = ""
    sheet: str = ""
    cell: str = ""
    found: str = ""
    expected: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)
    entity: str = ""  # the row's name (enhet, indikator, fält …) when the cell is on a row
    acknowledged: str = field(default="", compare=False)  # the motivering in sheet Kvitterat

    @property
    def place(self) -> str:
        """`Ekonomi › D3 (KAF Förvaltningsgemensamt)`: sheet, cell and the row's name."""
        place = " › ".join(part for part in (self.sheet, self.cell) if part)
        return f"{place} ({self.entity})" if self.entity and place else place

    @property
    def rule(self) -> Rule:
        return RULES[self.code]

    @property
    def severity(self) -> Severity:
        return self.rule.severity

    @property
    def message(self) -> str:
        return self.rule.message.format(found=self.found, expected=self.expected, **self.extra)

    @property
    def location(self) -> str:
        """`Arbete.xlsx › Ekonomi › D7 (Stadsbiblioteket)`."""
        return " › ".join(part for part in (self.file, self.place) if part)

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell,
            "entity": self.entity,
            "location": self.location,
            "message": self.message,
            "found": self.found,
            "expected": self.expected,
            "kvitterad": self.acknowledged or None,
        }


def open_findings(findings: list[Finding]) -> list[Finding]:
    """The findings that still ask for something: all but the acknowledged warnings."""
    return [f for f in findings if not f.acknowledged]


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def _cell_sort_key(cell: str) -> tuple[int, int]:
    letters = "".join(ch for ch in cell if ch.isalpha())
    digits = "".join(ch for ch in cell if ch.isdigit())
    column = 0
    for ch in letters.upper():
        column = column * 26 + (ord(ch) - 64)
    return (int(digits) if digits else 0, column)


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    """By file, sheet, then cell in reading order (row, column)."""
    return sorted(findings, key=lambda f: (f.file, f.sheet, _cell_sort_key(f.cell), f.code))


ENTITY_LENGTH = 40
_ROW_OF_CELL = re.compile(r"^[A-Z]{1,3}([0-9]+)$")


def short_label(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= ENTITY_LENGTH else text[:ENTITY_LENGTH - 1].rstrip() + "…"


class Findings(list):
    """Collector passed through read/model/validate: every stage adds, nobody stops early.

    The loader tells it each row's name (`name_row`), so a finding on a cell of that row names
    the row, whichever stage finds it."""

    def __init__(self, *args):
        super().__init__(*args)
        self.row_names: dict[tuple[str, str, int], str] = {}

    def name_row(self, file: str, sheet: str, row: int, name: object) -> None:
        if name is not None and str(name).strip():
            self.row_names[(file, sheet, row)] = short_label(str(name))

    def row_name(self, file: str, sheet: str, cell: str) -> str:
        match = _ROW_OF_CELL.match(cell)
        if not match:
            return ""
        return self.row_names.get((file, sheet, int(match.group(1))), "")

    def add(self, code: str, *, file: str = "", sheet: str = "", cell: str = "",
            found: object = "", expected: object = "", **extra) -> None:
        assert code in RULES, code
        self.append(Finding(code, file, sheet, cell, _capped(found), _capped(expected), extra,
                            entity=self.row_name(file, sheet, cell)))


MAX_SHOWN = 300  # characters of a found or expected value in a message: a whole pasted text
# in one cell would drown the message


def _capped(value: object) -> str:
    text = str(value)
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN - 1] + "…"
