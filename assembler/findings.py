"""Findings are data: a stable code, a severity, a location and a Swedish message.

The catalogue `RULES` lists every rule the tool checks. Each rule has a message template
filled with the location-independent facts (`found`, `expected` and rule-specific fields).
"""

from __future__ import annotations

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
             "Mappen {found} finns inte eller är ingen mapp. Ange mappen med rapportens arbetsböcker."),
        Rule("R01-EJ-XLSX", E, "Filen är ingen giltig .xlsx",
             "Filen kan inte läsas som en Excel-arbetsbok (.xlsx): {found}. Spara den i Excel som "
             "”Excel-arbetsbok (*.xlsx)” och försök igen."),
        Rule("R01-FEL-FILTYP", E, "Fel filtyp i rapportmappen",
             "Filtypen {found} stöds inte. Spara filen i Excel som ”Excel-arbetsbok (*.xlsx)” "
             "eller flytta den från rapportmappen."),
        Rule("R01-INGEN-NAMND", E, "Nämndens arbetsbok saknas",
             "Ingen arbetsbok i mappen har bladet ”Rapport”. Lägg nämndens arbetsbok i mappen."),
        Rule("R01-TVA-NAMND", E, "Två nämndarbetsböcker",
             "Flera arbetsböcker har bladet ”Rapport”: {found}. Bara en får vara nämndens arbetsbok."),
        Rule("R01-INGEN-VERKSAMHET", E, "Ingen verksamhet",
             "Mappen har ingen verksamhetsarbetsbok (med bladet ”Verksamhet”). Lägg minst en i mappen."),
        Rule("R01-OKAND-BOK", E, "Arbetsboken har varken Rapport eller Verksamhet",
             "Arbetsboken har varken bladet ”Rapport” eller ”Verksamhet” (blad: {found}). "
             "Lägg till rätt blad eller flytta filen från mappen."),
        Rule("R01-DUBBEL-VERKSAMHET", E, "Samma verksamhet i två arbetsböcker",
             "Verksamheten {found} finns också i {expected}. Varje verksamhet ska ha en arbetsbok."),
        Rule("R01-BLAD-SAKNAS", E, "Obligatoriskt blad saknas",
             "Bladet ”{expected}” saknas. Lägg till det med rubrikerna i rad 1."),
        Rule("R01-KOLUMN-SAKNAS", E, "Obligatorisk kolumn saknas",
             "Kolumnen ”{expected}” saknas i rubrikraden (rad 1). Rubriker som finns: {found}."),
        Rule("R01-FALT-SAKNAS", E, "Obligatoriskt fält saknas",
             "Fältet ”{expected}” saknas eller är tomt. Fyll i det i kolumnen Värde."),
        Rule("R01-OKAND-KOLUMN", W, "Okänd kolumn",
             "Kolumnen ”{found}” känns inte igen och används inte. Stavfel? Kända kolumner: {expected}."),
        Rule("R01-RAD-UTAN-NAMN", E, "Rad utan namn",
             "Raden har värden men ingen {expected}. Fyll i namnet eller töm raden."),
        Rule("R01-BLAD-DUBBELT", E, "Samma blad på två nivåer",
             "Bladet ”{found}” finns både i nämndens arbetsbok och i {expected}. Ange det på ett ställe."),
        Rule("R02-EJ-TAL", E, "Beloppet är inget tal",
             "Värdet {found} är inget tal. Skriv ett belopp i tkr, t.ex. {expected}."),
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
        Rule("R05-VARAV-SLINGA", E, "Varav-kedjan går i ring",
             "Varav-kedjan går i ring: {found}. En varav-rad måste till slut peka på en vanlig enhet."),
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
        Rule("R06-KONTROLLSUMMA", E, "Kontrollsumman stämmer inte",
             "Inskriven summa {found} men raderna ger {expected} (skillnad {diff}). Rätta summan "
             "eller raderna."),
        Rule("R07-AVVIKELSE", E, "Inskriven avvikelse stämmer inte",
             "Inskriven avvikelse {found} men {formula} ger {expected}. Rätta avvikelsen eller "
             "beloppen."),
        Rule("R08-AVSTAMNING", E, "Tabellerna ger olika summor",
             "Summan av {column} i {sheet_name} är {found}, men {other} ger {expected} "
             "(skillnad {diff}). Samma nämnd ska ha samma totaler i alla tabeller."),
        Rule("R09-KON-SUMMA", W, "Kvinnor och män summerar inte till totalen",
             "{found} men totalen är {expected}."),
        Rule("R10-TECKEN", W, "Beloppet har oväntat tecken",
             "{found}. {expected}"),
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
        Rule("R15-TECKENORD", W, "Ordet och beloppets tecken säger emot varandra",
             "Texten säger ”{word}” men beloppet är {found}."),
        Rule("R16-RAPPORTTYP-ORD", W, "Ord som inte passar rapporttypen",
             "Texten innehåller ”{found}”, som inte passar i en {expected}."),
        Rule("R17-METADATA", W, "Datum eller diarienummer ser fel ut",
             "{found}. {expected}"),
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
             "Formatmallen ”{found}” finns inte; tabeller och listor formateras då med Words "
             "standard. Lägg tillbaka den i Word (Format › Formatmallar)."),
        Rule("R18-UTDATA", E, "Det färdiga dokumentet innehåller ett felvärde",
             "Dokumentet innehåller {found} ({expected}). Det är ett fel i verktyget eller mallen; "
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
        """`Arbete.xlsx › Ekonomi › D7`."""
        return " › ".join(part for part in (self.file, self.sheet, self.cell) if part)

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell,
            "message": self.message,
            "found": self.found,
            "expected": self.expected,
        }


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


class Findings(list):
    """Collector passed through read/model/validate: every stage adds, nobody stops early."""

    def add(self, code: str, *, file: str = "", sheet: str = "", cell: str = "",
            found: object = "", expected: object = "", **extra) -> None:
        assert code in RULES, code
        self.append(Finding(code, file, sheet, cell, str(found), str(expected), extra))
