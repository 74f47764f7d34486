"""Findings are data: a stable code, a severity, a location and a Swedish message.

Each rule the tool checks is a module-level constant named after its code (`R07-AVVIKELSE` is
`R07_AVVIKELSE`), so a misspelt rule is a NameError and a mypy error, never a silent new code.
A rule declares the fields its message uses besides `found` and `expected`, and an example of
each, from which docs/regler.md shows the message as a user sees it. `RULES` lists them all by
code. A finding's location is typed by where it points: a cell of a workbook, or a paragraph,
table cell or part of a Word template or document; each kind prints as the location columns
(file › sheet › cell) have always read.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Union


class Severity(str, Enum):
    ERROR = "fel"
    WARNING = "varning"


STANDARD_FIELDS = frozenset({"found", "expected"})


@dataclass(frozen=True, eq=False)  # one object per rule: compared and hashed by identity
class Rule:
    code: str
    severity: Severity
    title: str
    message: str  # str.format template of `found`, `expected` and the rule's `fields`
    fields: tuple[str, ...] = ()  # the rule's own message fields, given as keywords to `add`
    example: Mapping[str, str] = field(default_factory=dict)  # a value for every message field

    def __post_init__(self) -> None:
        used = message_fields(self.message)
        if used - STANDARD_FIELDS != set(self.fields):
            raise ValueError(f"{self.code}: fields {sorted(self.fields)} but the message uses "
                             f"{sorted(used - STANDARD_FIELDS)}")
        if set(self.example) != used:
            raise ValueError(f"{self.code}: the example gives {sorted(self.example)} but the "
                             f"message uses {sorted(used)}")

    @property
    def constant(self) -> str:
        """The name of the rule's constant in this module: `R07-AVVIKELSE` → `R07_AVVIKELSE`."""
        return constant_name(self.code)

    def format(self, found: str, expected: str, values: Mapping[str, str]) -> str:
        return self.message.format(found=found, expected=expected, **values)

    @property
    def example_message(self) -> str:
        values = {name: self.example[name] for name in self.fields}
        return self.format(self.example.get("found", ""), self.example.get("expected", ""),
                           values)


def message_fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def constant_name(code: str) -> str:
    return code.replace("-", "_")


# --- locations ------------------------------------------------------------------------------
# Each kind answers `file`, `sheet` and `cell`: the three location columns of the JSON output
# and of Kvitterat, which a template finding fills with its Word part and its place there.

@dataclass(frozen=True)
class WorkbookCell:
    """A cell, range or row of a sheet (`D7`, `D7:D9`, `rad 1`), a whole sheet or a file."""
    file: str = ""
    sheet: str = ""
    cell: str = ""


class _InWordPart:
    """A place in a part of a Word file: the part (brödtext, sidhuvud …) in the sheet column."""
    part: str

    @property
    def sheet(self) -> str:
        return self.part


@dataclass(frozen=True)
class TemplatePart(_InWordPart):
    """A Word file (template or produced document), or one of its parts as a whole; `where`
    names a place in it that is neither a paragraph nor a table (`brödtext, bild 2`)."""
    file: str
    part: str = ""
    where: str = ""

    @property
    def cell(self) -> str:
        return self.where


@dataclass(frozen=True)
class TemplateParagraph(_InWordPart):
    """A paragraph outside tables, numbered as Word counts them in its part (`stycke 12`)."""
    file: str
    part: str
    paragraph: int

    @property
    def cell(self) -> str:
        return f"stycke {self.paragraph}"


@dataclass(frozen=True)
class TemplateTableCell(_InWordPart):
    """A table of a part, or a row or cell of it: `tabell 2, rad 3, cell 1`."""
    file: str
    part: str
    table: int
    row: int | None = None
    column: int | None = None

    @property
    def cell(self) -> str:
        where = f"tabell {self.table}"
        if self.row is not None:
            where += f", rad {self.row}"
        if self.column is not None:
            where += f", cell {self.column}"
        return where


@dataclass(frozen=True)
class DocumentPassage:
    """A place in a produced document, named by the heading above it (`5.1 Ekonomi`) and what
    is there: a sentence (`”Nämnden …”`) or a table row (`tabell 3, rad 2`)."""
    file: str
    heading: str
    where: str = ""

    @property
    def sheet(self) -> str:
        return self.heading

    @property
    def cell(self) -> str:
        return self.where


@dataclass(frozen=True)
class WordingRow:
    """A row of the table in formuleringar.docx, with the name it defines."""
    file: str
    row: int
    name: str

    @property
    def sheet(self) -> str:
        return "tabell"

    @property
    def cell(self) -> str:
        return f"rad {self.row} ({self.name})"


TemplateLocation = Union[TemplatePart, TemplateParagraph, TemplateTableCell]
Location = Union[WorkbookCell, TemplatePart, TemplateParagraph, TemplateTableCell,
                 DocumentPassage, WordingRow]

_TEMPLATE_PLACE = re.compile(r"^(?:stycke (?P<paragraph>\d+)|tabell (?P<table>\d+)"
                             r"(?:, rad (?P<row>\d+))?(?:, cell (?P<column>\d+))?)$")


def template_place(file: str, part: str, where: str = "") -> TemplateLocation:
    """The typed location of `where` as render counts places in a part: `stycke 12`,
    `tabell 2`, `tabell 2, rad 3` or `tabell 2, rad 3, cell 1`; the part itself when empty."""
    match = _TEMPLATE_PLACE.match(where)
    if match is None:
        return TemplatePart(file, part, where)
    if match["paragraph"]:
        return TemplateParagraph(file, part, int(match["paragraph"]))
    row, column = match["row"], match["column"]
    return TemplateTableCell(file, part, int(match["table"]), int(row) if row else None,
                             int(column) if column else None)


E, W = Severity.ERROR, Severity.WARNING
RULES: dict[str, Rule] = {}


def _rule(code: str, severity: Severity, title: str, message: str, *,
          fields: tuple[str, ...] = (), **example: str) -> Rule:
    """Declares a rule: its code (stable: tests, JSON output and users' notes refer to it; the
    number after R is the rule's number in validering.md) and an example value of each field
    its message uses."""
    rule = Rule(code, severity, title, message, fields, example)
    if code in RULES:
        raise ValueError(f"{code} is declared twice")
    RULES[code] = rule
    return rule


R01_MAPP = _rule(
    "R01-MAPP", E, "Rapportmappen saknas",
    "Mappen {found} finns inte eller är ingen mapp. Ange mappen med rapportens arbetsböcker.",
    found="rapport-2024")

R01_EJ_XLSX = _rule(
    "R01-EJ-XLSX", E, "Filen är ingen giltig .xlsx",
    "Filen kan inte läsas som en Excel-arbetsbok (.xlsx): {found}. Spara den i Excel som "
    "”Excel-arbetsbok (*.xlsx)” och försök igen.",
    found="filen är tom")

R01_FOR_STOR = _rule(
    "R01-FOR-STOR", E, "Filen är för stor",
    "Filen är {found}; en rapportarbetsbok är högst {expected}. Den lästes inte. Är det rätt "
    "fil? Ta bort blad eller rader som inte hör till rapporten.",
    expected="100 MB packad eller 400 MB uppackad", found="150 MB")

R01_STRICT = _rule(
    "R01-STRICT", E, "Arbetsboken är sparad som Strict Open XML",
    "Arbetsboken är sparad i formatet ”Strict Open XML-kalkylblad”, som inte kan läsas. Öppna "
    "den i Excel och spara den som ”Excel-arbetsbok (*.xlsx)”.")

R01_FEL_FILTYP = _rule(
    "R01-FEL-FILTYP", E, "Fel filtyp i rapportmappen",
    "Filtypen {found} stöds inte. Spara filen i Excel som ”Excel-arbetsbok (*.xlsx)” eller "
    "flytta den från rapportmappen.",
    found=".xls")

R01_INGEN_NAMND = _rule(
    "R01-INGEN-NAMND", E, "Nämndens arbetsbok saknas",
    "Ingen arbetsbok i mappen har bladet ”Rapport”. Lägg nämndens arbetsbok i mappen.")

R01_TVA_NAMND = _rule(
    "R01-TVA-NAMND", E, "Två nämndarbetsböcker",
    "Flera arbetsböcker har bladet ”Rapport”: {found}. Bara en får vara nämndens arbetsbok.",
    found="n2.xlsx, nämnd.xlsx")

R01_INGEN_VERKSAMHET = _rule(
    "R01-INGEN-VERKSAMHET", E, "Ingen verksamhet",
    "Mappen har ingen verksamhetsarbetsbok (med bladet ”Verksamhet”). Lägg minst en i mappen.")

R01_OKAND_BOK = _rule(
    "R01-OKAND-BOK", E, "Arbetsboken har varken Rapport eller Verksamhet",
    "Arbetsboken har varken bladet ”Rapport” eller ”Verksamhet” (blad: {found}). Lägg till rätt "
    "blad eller flytta filen från mappen.",
    found="Blad1, Blad2")

R01_DUBBEL_VERKSAMHET = _rule(
    "R01-DUBBEL-VERKSAMHET", E, "Samma verksamhet i två arbetsböcker",
    "Verksamheten {found} finns också i {expected}. Varje verksamhet ska ha en arbetsbok.",
    expected="Alfa.xlsx", found="”Verksamhet Alfa”")

R01_BLAD_SAKNAS = _rule(
    "R01-BLAD-SAKNAS", E, "Obligatoriskt blad saknas",
    "Bladet ”{expected}” saknas. Lägg till det med rubrikerna i rad 1, eller byt namn på bladet "
    "som ska vara det.{found}",
    expected="Ekonomi", found=" Arbetsboken har bladen ”Verksamhet”, ”Ekonomi (2)”.")

R01_KOLUMN_SAKNAS = _rule(
    "R01-KOLUMN-SAKNAS", E, "Obligatorisk kolumn saknas",
    "Kolumnen ”{expected}” saknas i rubrikraden (rad 1). Rubriker som finns: {found}.",
    expected="Utfall period", found="”Kontogrupp”, ”Budget helår”")

R01_FALT_SAKNAS = _rule(
    "R01-FALT-SAKNAS", E, "Obligatoriskt fält saknas",
    "Fältet ”{expected}” saknas eller är tomt. Fyll i det i kolumnen Värde.",
    expected="Nämnd")

R01_OKAND_KOLUMN = _rule(
    "R01-OKAND-KOLUMN", W, "Okänd kolumn",
    "Kolumnen ”{found}” känns inte igen och används inte. Stavfel? Kända kolumner: {expected}.",
    expected=("Enhet, Bokslut fg år, Utfall period, Budget period, Budget helår, Prognos helår, "
              "Utfall helår, Prognos fg delår, Avvikelse, Varav, Radtyp"),
    found="Titel")

R01_KOLUMN_OANVAND = _rule(
    "R01-KOLUMN-OANVAND", W, "Kolumnen används inte i den här rapporttypen",
    "Kolumnen ”{found}” används inte i en {expected} och läses inte. Ta bort den, eller "
    "kontrollera Rapporttyp i bladet Rapport.",
    expected="årsberättelse", found="Prognos helår")

R01_RAD_UTAN_NAMN = _rule(
    "R01-RAD-UTAN-NAMN", E, "Rad utan namn",
    "Raden har värden men ingen {expected}. Fyll i namnet eller töm raden.",
    expected="”Rad”")

R01_BLAD_DUBBELT = _rule(
    "R01-BLAD-DUBBELT", E, "Samma blad på två nivåer",
    "Bladet ”{found}” finns både i nämndens arbetsbok och i {expected}. Ange det på ett ställe.",
    expected="Stadsbiblioteket.xlsx", found="Investeringar")

R01_BLAD_NAMNDENS = _rule(
    "R01-BLAD-NAMNDENS", W, "Bladet hör till nämndens arbetsbok",
    "Bladet {found} läses bara i nämndens arbetsbok ({expected}), så här används det inte. "
    "Flytta bladet dit.",
    expected="den med bladet Rapport", found="”Bokslut”")

R01_BELOPP_SAKNAS = _rule(
    "R01-BELOPP-SAKNAS", E, "Beloppet saknas",
    "{expected} saknas för {found}. En tom cell räknas aldrig som 0: skriv beloppet, eller 0 om "
    "det är noll.",
    expected="Utfall period", found="Enhet 2")

R01_BELOPP_LUCKA = _rule(
    "R01-BELOPP-LUCKA", W, "Beloppet saknas på en rad men inte på de andra",
    "{expected} är tom för {found} men ifylld på andra rader i bladet, så summan blir bara de "
    "ifyllda radernas. En tom cell räknas aldrig som 0: skriv beloppet, eller 0 om det är noll "
    "(en sammanslagen cell har bara ett värde: dela upp den).",
    expected="Prognos fg delår", found="Enhet 2")

R01_INGA_ENHETER = _rule(
    "R01-INGA-ENHETER", E, "Verksamheten har inga enheter",
    "Bladet Ekonomi har ingen rad med en enhet och dess belopp, så verksamheten skulle visas "
    "med bara nollor. Skriv minst en enhet under rubrikraden.")

R02_EJ_TAL = _rule(
    "R02-EJ-TAL", E, "Beloppet är inget tal",
    "Värdet {found} är inget tal. Skriv ett belopp i tkr, t.ex. {expected}.",
    expected="-4 903", found="”x”")

R02_EJ_HELTAL = _rule(
    "R02-EJ-HELTAL", E, "Värdet är inget heltal",
    "Värdet {found} är inget heltal. Skriv {expected}.",
    expected="ett heltal, t.ex. 3", found="”första”")

R02_ORIMLIGT = _rule(
    "R02-ORIMLIGT", E, "Beloppet är orimligt stort",
    "Värdet {found} är orimligt stort för ett belopp (högst {expected}). Belopp anges i tkr; "
    "kontrollera cellen.",
    expected="1 000 000 000 000 000 tkr", found="”1E+300”")

R02_TUSENTALSPUNKT = _rule(
    "R02-TUSENTALSPUNKT", E, "Punkt i beloppet: tusental eller decimaler?",
    "Värdet {found} är skrivet som text med punkt, som kan vara en tusentalsavgränsare (då är "
    "beloppet {expected} tkr) eller ett decimaltecken. Skriv beloppet utan punkt, t.ex. "
    "{expected}, eller med decimalkomma.",
    expected="-3 825", found="”-3.825”")

R02_FELVARDE = _rule(
    "R02-FELVARDE", E, "Felvärde från Excel",
    "Cellen innehåller felvärdet {found}. Rätta formeln i Excel så att den ger ett tal.",
    found="”#REF!”")

R02_FORMEL_UTAN_VARDE = _rule(
    "R02-FORMEL-UTAN-VARDE", E, "Formel utan beräknat värde",
    "Cellen har en formel ({found}) men inget sparat värde. Öppna arbetsboken i Excel, spara "
    "den och försök igen.",
    found="=C3*2")

R03_OKANT_VARDE = _rule(
    "R03-OKANT-VARDE", E, "Okänt värde",
    "Värdet {found} är inte tillåtet här. Tillåtna värden: {expected}.",
    expected="1, 2, 3 eller 4 (rubriknivå)", found="”7”")

R04_FEL_AR = _rule(
    "R04-FEL-AR", E, "Rubriken har fel år",
    "Rubriken {found} passar inte rapportåret. Väntad rubrik: {expected}.",
    expected="”Bokslut fg år eller Bokslut 2023”", found="”Bokslut 2022”")

R05_VARAV_OKAND = _rule(
    "R05-VARAV-OKAND", E, "Varav pekar på okänd enhet",
    "Varav anger {found}, men ingen enhet i bladet heter så. Enheter: {expected}.",
    expected="Enhet 1, Enhet 2", found="”Finns ej”")

R05_VARAV_SLINGA = _rule(
    "R05-VARAV-SLINGA", E, "Varav-kedjan går i ring",
    "Varav-kedjan går i ring: {found}. En varav-rad måste till slut peka på en vanlig enhet.",
    found="A → B → A")

R05_VARAVRAD_OKAND = _rule(
    "R05-VARAVRAD-OKAND", E, "Varav-raden omfattar en okänd enhet",
    "Varav-raden omfattar {found}, men ingen enhet i nämndens Ekonomi-blad heter så (en "
    "varav-rad eller en verksamhet utanför nämndens resultat räknas inte). Enheter: {expected}.",
    found="”Myndighetsavdelningen”", expected="KCS Centralt skolstöd, KMY Myndighetsavdelning")

R05_VARAVRAD_TVETYDIG = _rule(
    "R05-VARAVRAD-TVETYDIG", E, "Varav-raden omfattar en enhet som finns i flera verksamheter",
    "Varav-raden omfattar {found}, men en enhet med det namnet finns i flera verksamheter "
    "({expected}), så det går inte att veta vilken som menas. Ge enheterna olika namn i "
    "verksamheternas Ekonomi.",
    found="”Ledning”", expected="Arbete, Försörjning")

R01_DUBBEL_KOLUMN = _rule(
    "R01-DUBBEL-KOLUMN", E, "Samma kolumn två gånger",
    "Kolumnen ”{found}” finns redan i {expected}. Ta bort den ena.",
    expected="F1", found="Prognos helår")

R01_RUBRIKRAD = _rule(
    "R01-RUBRIKRAD", E, "Rubrikraden är inte rad 1",
    "Rubrikerna står i rad {found}, men de ska stå i rad 1. Ta bort raderna ovanför.",
    found="3")

R01_KOLUMN_UTAN_RUBRIK = _rule(
    "R01-KOLUMN-UTAN-RUBRIK", W, "Värden i kolumn utan rubrik",
    "Kolumnen har värden men ingen rubrik i rad 1 (sammanslagna celler?). Värdena används inte. "
    "Första värdet: {found}.",
    found="12 500")

R01_BLAD_LIKA_NAMN = _rule(
    "R01-BLAD-LIKA-NAMN", E, "Två blad med samma namn",
    "Bladen ”{found}” och ”{expected}” har samma namn för verktyget (stora och små bokstäver, "
    "mellanslag och Unicode-form räknas lika), så det går inte att veta vilket som gäller. "
    "Bara det första lästes. Ta bort eller byt namn på det ena.",
    expected="Ekonomi", found="ekonomi ")

R01_DOLT_BLAD = _rule(
    "R01-DOLT-BLAD", W, "Dolt blad",
    "Bladet är dolt i Excel men läses ändå. Visa det, eller flytta innehållet om det inte ska "
    "med.")

R01_DOLD_RAD = _rule(
    "R01-DOLD-RAD", W, "Dold rad eller kolumn",
    "{found} är dold i Excel (eller bortfiltrerad) men läses och räknas ändå. Visa den, eller ta "
    "bort den om den inte ska med.",
    found="Raden")

R01_FOR_MANGA_RADER = _rule(
    "R01-FOR-MANGA-RADER", E, "Bladet har för många rader",
    "Bladet har mer än {found} rader med innehåll; resten lästes inte. Är det rätt blad? Ta "
    "bort rader som inte hör till rapporten.",
    found="10 000")

R01_DUBBEL_ENHET = _rule(
    "R01-DUBBEL-ENHET", E, "Samma namn på två rader",
    "{found} finns redan på rad {expected}. Ge raderna olika namn eller slå ihop dem.",
    expected="2", found="”Enhet 1”")

R01_TABELL_UTAN_KOLUMNER = _rule(
    "R01-TABELL-UTAN-KOLUMNER", E, "Tabellen har inga kolumner med värden",
    "Bladet har rubrikerna {found}, men en tabell behöver radnamnens rubrik i första kolumnen "
    "och minst en kolumn med värden. Skriv rubrikerna i rad 1.",
    found="”Rad”, ”Fotnot”")

R01_NAMN_DUBBELT = _rule(
    "R01-NAMN-DUBBELT", E, "Två blad får samma namn i mallen",
    "Bladet ”{found}” får samma namn i mallen som ”{expected}” (stora och små bokstäver, å/ä/ö "
    "och tecken räknas lika). Byt namn på det ena bladet.",
    expected="Tabell Ärenden", found="Tabell Arenden")

R06_SUMMARAD_INSKRIVEN = _rule(
    "R06-SUMMARAD-INSKRIVEN", E, "Summaraden har inskrivna värden",
    "Raden har Nivå summa men cellen har värdet {found}. Summan räknas av verktyget; väntat: "
    "{expected}.",
    expected="en tom cell", found="”322”")

R06_KONTROLLSUMMA = _rule(
    "R06-KONTROLLSUMMA", E, "Kontrollsumman stämmer inte",
    "Inskriven summa {found} men raderna ger {expected} (skillnad {diff}). Rätta summan eller "
    "raderna.",
    fields=("diff",),
    expected="-1 470 tkr", found="-1 770 tkr", diff="-300 tkr")

R06_KONTROLLSUMMA_AVRUNDNING = _rule(
    "R06-KONTROLLSUMMA-AVRUNDNING", W, "Kontrollsumman skiljer sig på avrundningen",
    "Inskriven summa {found} men raderna ger {expected} (skillnad {diff}). Rapporten visar "
    "radernas summa, {expected}; skriv den, eller rätta raderna om summan är den rätta.",
    fields=("diff",),
    expected="-9 776 tkr", found="-9 777 tkr", diff="-1 tkr")

R06_TABELL_AVRUNDNING = _rule(
    "R06-TABELL-AVRUNDNING", W, "Tabellens rader går inte ihop med summan avrundade",
    "I tabellen ”{table}” går raderna, som de visas i hela tkr, inte ihop med summan: {found}. "
    "Tabellen visar skillnaden på en rad ”Avrundning”. Skriv beloppen i hela tkr om raden inte "
    "ska stå där.",
    fields=("table",),
    found="Prognos 2024 -515 mot -516 tkr", table="Verksamhet Alfa, belopp i tkr")

R07_AVVIKELSE = _rule(
    "R07-AVVIKELSE", E, "Inskriven avvikelse stämmer inte",
    "Inskriven avvikelse {found} men {formula} ger {expected}. Rätta avvikelsen eller beloppen.",
    fields=("formula",),
    expected="50 tkr", found="60 tkr", formula="Prognos helår − Budget helår")

R08_AVSTAMNING = _rule(
    "R08-AVSTAMNING", E, "Tabellerna ger olika summor",
    "Summan av {column} i {sheet_name} är {found}, men {other} ger {expected} (skillnad "
    "{diff}). Samma nämnd ska ha samma totaler i alla tabeller.",
    fields=("column", "diff", "other", "sheet_name"),
    expected="0 tkr", found="-100 tkr", column="Budget helår", diff="-100 tkr",
    other="verksamheternas Ekonomi", sheet_name="Kontogrupper (nämnden)")

R08_AVRUNDNING = _rule(
    "R08-AVRUNDNING", W, "Tabellerna skiljer sig på avrundningen",
    "Summan av {column} i {sheet_name} är {found}, men {other} ger {expected} (skillnad "
    "{diff}). Rapporten visar nämndens total ({expected}) i alla tabeller och skillnaden på en "
    "rad ”Avrundning”. Rätta bladet om det inte ska vara så.",
    fields=("column", "diff", "other", "sheet_name"),
    expected="-343 530 tkr", found="-343 531 tkr", column="Utfall period", diff="-1 tkr",
    other="verksamheternas Ekonomi", sheet_name="Kontogrupper (nämnden)")

R09_KON_SUMMA = _rule(
    "R09-KON-SUMMA", W, "Kvinnor och män summerar inte till totalen",
    "{found} men totalen är {expected}.",
    expected="130", found="Kvinnor + Män = 129")

R10_TECKEN = _rule(
    "R10-TECKEN", W, "Beloppet har oväntat tecken",
    "{found}. {expected}",
    expected="Kostnader anges negativa, intäkter positiva.",
    found="Budget helår är positiv (5 tkr) men Utfall helår är negativ (-6 tkr)")

R10_KOMMUNBIDRAG_NEGATIVT = _rule(
    "R10-KOMMUNBIDRAG-NEGATIVT", W, "Kommunbidraget är negativt",
    "Kommunbidraget har {found}. Ett kommunbidrag är pengar nämnden får och anges positivt; "
    "negativt blir resultatet fel med dubbla beloppet.",
    found="Budget helår -1 500 tkr")

R26_TECKEN_ARBETSBOK = _rule(
    "R26-TECKEN-ARBETSBOK", W, "Arbetsbokens belopp har omvänt tecken",
    "{found}. Väntat: {expected}. Har tecknen vänts i hela arbetsboken?",
    expected="kostnader negativa och intäkter positiva, som i arbetsbokens Bokslut fg år",
    found="Verksamhet Alfa: de flesta beloppen har motsatt tecken mot arbetsbokens Bokslut fg år")

R27_STORLEK_ARBETSBOK = _rule(
    "R27-STORLEK-ARBETSBOK", W, "Arbetsbokens belopp ser tusen gånger för stora ut",
    "{found}. Väntat: {expected}. Dela beloppen med 1 000 om de är skrivna i kronor.",
    expected="belopp i tkr (skrivna i kr?)",
    found="Verksamhet Alfa: beloppen är omkring 950 gånger arbetsbokens Bokslut fg år")

R28_ANDEL_SOM_PROCENT = _rule(
    "R28-ANDEL-SOM-PROCENT", W, "Procent skrivet som andel",
    "{found} står i en kolumn i procent men ser ut som en andel. Menade du {expected}? Skriv "
    "procentsatsen (89,5), eller formatera cellen som procent i Excel.",
    expected="88 %", found="Andel nöjda 0,88")

R11_BUDGET_NOLL = _rule(
    "R11-BUDGET-NOLL", W, "Utfall utan budget",
    "Budget helår är 0 men {found}. Saknas budgeten?",
    found="Utfall helår är -80 tkr")

R11_VARAV_STORRE = _rule(
    "R11-VARAV-STORRE", W, "Varav större än helheten",
    "Varav-raden har {found}, mer än {expected} på raden den ingår i.",
    expected="-1 000 tkr", found="Bokslut fg år -2 000 tkr")

R12_PERIODISERING = _rule(
    "R12-PERIODISERING", W, "Periodbudgeten är ojämnt periodiserad",
    "Periodbudgeten är {found} av helårsbudgeten, men {expected} av året har gått. Kontrollera "
    "periodiseringen.",
    expected="67%", found="6%")

R13_IANSPRAKTAGANDE = _rule(
    "R13-IANSPRAKTAGANDE", W, "Mer tas i anspråk än det ackumulerade resultatet",
    "Prognosen ger en negativ avvikelse på {found}, men det ingående ackumulerade resultatet är "
    "bara {expected}. Resten blir nya underskott.",
    expected="1 tkr", found="50 tkr")

R14_TEXT_ENTITET = _rule(
    "R14-TEXT-ENTITET", W, "Beloppet i texten stämmer inte med tabellen",
    "Texten anger {found} för {entity}, men rapporten visar {expected} ({where}).",
    fields=("entity", "where"),
    expected="340 tkr", found="450 tkr", entity="Filialer",
    where="Filialer, Avvikelse budget–prognos")

R14_TEXT_BELOPP = _rule(
    "R14-TEXT-BELOPP", W, "Beloppet i texten finns inte i rapporten",
    "Texten anger {found}, som inte finns bland rapportens belopp. Närmast: {expected} "
    "({where}).",
    fields=("where",),
    expected="4 903 tkr", found="4 930 tkr", where="Testnämnden, Nettokostnad, Utfall period")

R14_TEXT_FEL_ENTITET = _rule(
    "R14-TEXT-FEL-ENTITET", W, "Beloppet i texten hör till en annan rad",
    "Texten anger {found} för {entity}, men det beloppet har {other} ({where}). För {entity} "
    "visar rapporten {expected}.",
    fields=("entity", "other", "where"),
    expected="40 tkr", found="120 tkr", entity="Testnämnden", other="Val",
    where="Val, Avvikelse budget–prognos")

R14_TEXT_PERIOD = _rule(
    "R14-TEXT-PERIOD", W, "Periodens belopp kallas helårets",
    "Texten kallar {found} helårets belopp eller prognosen, men det är periodens ({where}). "
    "Helårets motsvarande belopp är {expected}.",
    fields=("where",),
    expected="40 tkr", found="60 tkr", where="Testnämnden, Nettokostnad, Avvikelse jan–aug")

R15_TECKENORD = _rule(
    "R15-TECKENORD", W, "Ordet och beloppets tecken säger emot varandra",
    "Texten säger ”{word}” men beloppet är {found}.",
    fields=("word",),
    found="-10 tkr", word="positiv avvikelse")

R15_TECKEN_TABELL = _rule(
    "R15-TECKEN-TABELL", W, "Ordet säger emot tabellens tecken",
    "Texten säger ”{word}” om {found}, men rapporten visar {expected} ({where}).",
    fields=("where", "word"),
    expected="-20 tkr", found="20 tkr", where="Enhet 2, Avvikelse budget–prognos", word="överskott")

R15_TECKEN_DUBBELT = _rule(
    "R15-TECKEN-DUBBELT", W, "Tecknet står två gånger",
    "Texten säger ”{word}” och skriver ändå minus: {found}. Efter ett teckenord skrivs beloppet "
    "utan minus (i mallen: tecken='utan minus' eller 'inget').",
    fields=("word",),
    found="-20 tkr", word="negativ avvikelse")

R15_NOLL_AVVIKELSE = _rule(
    "R15-NOLL-AVVIKELSE", W, "Ett belopp som skrivs som noll kallas avvikelse",
    "Texten säger ”{word}” om {found}, men beloppet skrivs som noll i {unit}. Skriv till "
    "exempel ”i nivå med budget” (i mallen: x is noll(enhet='{unit}')).",
    fields=("unit", "word"),
    found="0,0 mnkr", unit="mnkr", word="positiv avvikelse")

R16_RAPPORTTYP_ORD = _rule(
    "R16-RAPPORTTYP-ORD", W, "Ord som inte passar rapporttypen",
    "Texten innehåller ”{found}”, som inte passar i en {expected}.",
    expected="årsberättelse", found="prognosen")

R17_METADATA = _rule(
    "R17-METADATA", W, "Datum eller diarienummer ser fel ut",
    "{found}. {expected}",
    expected="Beslutet fattas 20 september 2024, så året kan inte vara senare.",
    found="Diarienumret KS 2026/12 har året 2026")

R19_STORLEK = _rule(
    "R19-STORLEK", W, "Beloppet ser tusen gånger för litet ut",
    "{found}: menade du {expected}? Belopp anges i hela tkr; en punkt eller ett kommatecken som "
    "tusentalsavgränsare blir decimaler.",
    expected="-650", found="-0,650 tkr")

R21_ARENDE_SAKNAS = _rule(
    "R21-ARENDE-SAKNAS", W, "Tjänsteskrivelsen saknar Ärendet",
    "Ingen text ger tjänsteskrivelsens avsnitt Ärendet, så det utelämnas. Skriv den i bladet "
    "Text på en rad med Avsnitt {expected}.",
    expected="”Ärendet”")

R20_PERIOD_RAPPORTTYP = _rule(
    "R20-PERIOD-RAPPORTTYP", W, "Perioden passar inte rapporttypen",
    "Perioden slutar i {found}, men en {expected}. Kontrollera Period till och med och "
    "Rapporttyp.",
    expected="Delårsrapport 1 slutar senast i juni", found="augusti")

R22_KOMMUNBIDRAG_MODELL = _rule(
    "R22-KOMMUNBIDRAG-MODELL", E, "Kommunbidrag utan budgetmodellen Kommunbidrag",
    "Raden {found} är ett kommunbidrag, men Budgetmodell i bladet Rapport är Nettoram. Sätt "
    "Budgetmodell till Kommunbidrag, eller ta bort raden.",
    found="”Kommunbidrag”")

R22_KOMMUNBIDRAG_SAKNAS = _rule(
    "R22-KOMMUNBIDRAG-SAKNAS", W, "Verksamheten har inget kommunbidrag",
    "Budgetmodell är Kommunbidrag, men {found} har ingen rad med Radtyp Kommunbidrag. "
    "Resultatet blir då hela nettokostnaden.",
    found="Verksamhet Beta")

R23_INGEN_I_RESULTATET = _rule(
    "R23-INGEN-I-RESULTATET", E, "Ingen verksamhet ingår i nämndens resultat",
    "Alla {found} verksamheter har Utanför nämndens resultat: Ja. Minst en måste ingå i "
    "nämndens resultat.",
    found="2")

R24_STATUS_DUBBEL = _rule(
    "R24-STATUS-DUBBEL", E, "Samma status två gånger i en lista",
    "Statusen {found} finns redan för listan {expected}. Varje status ska stå en gång.",
    expected="Uppdrag", found="”klart”")

R24_LISTA_SAKNAS = _rule(
    "R24-LISTA-SAKNAS", W, "Listan i Statusar har inget blad",
    "Bladet Statusar anger listan {found}, men inget blad heter så. Stavfel? Bladet ska heta "
    "som listan, och dess första kolumn ha samma rubrik.",
    found="”Handlingsplan”")

R24_STATUS_SAKNAS = _rule(
    "R24-STATUS-SAKNAS", E, "Rad i Statusar utan status",
    "Raden anger listan {found} men ingen status, så den används inte. Skriv statusen i "
    "kolumnen {expected} eller töm raden.",
    expected="Status", found="”Uppdrag”")

R24_FOR_MANGA_STATUSAR = _rule(
    "R24-FOR-MANGA-STATUSAR", E, "Listan har fler statusar än en tabell rymmer",
    "Listan {found} har {count} statusar; tabellen med en kolumn per status rymmer högst "
    "{expected} (Word tillåter 63 kolumner). Slå ihop statusar.",
    fields=("count",),
    expected="61", found="”Uppdrag”", count="500")

R25_UTANFOR_EKONOMI = _rule(
    "R25-UTANFOR-EKONOMI", W, "Ekonomiblad utanför nämndens resultat läses inte",
    "Verksamheten står utanför nämndens resultat, så bladet {found} räknas inte in i nämndens "
    "tabeller. Flytta raderna till nämndens arbetsbok om de hör till nämnden, annars ta bort "
    "bladet.",
    found="”Kontogrupper”")

R25_UTANFOR_MAL = _rule(
    "R25-UTANFOR-MAL", W, "Mål och listor utanför nämndens resultat läses inte",
    "Verksamheten står utanför nämndens resultat, så bladet {found} räknas inte in i nämndens "
    "mål, indikatorer, åtaganden eller listor. Flytta raderna till nämndens arbetsbok om de hör "
    "till nämnden, annars ta bort bladet.",
    found="”Indikatorer”")

R30_POST_KOLUMN_SAKNAS = _rule(
    "R30-POST-KOLUMN-SAKNAS", E, "Postbladet saknar en kolumn",
    "Bladet Postgrupper kräver kolumnen ”{expected}”, men bladet har bara {found}. Lägg till "
    "kolumnen i rad 1, eller rätta namnet i Postgrupper.",
    expected="Ansvarig", found="”Målområde”, ”KF-mål”, ”Bidrag”")

R30_POST_OKAND_GRUPP = _rule(
    "R30-POST-OKAND-GRUPP", E, "Posten hör inte till någon grupp som finns",
    "Posten hör till {found}, men {expected}. Skriv gruppen i cellen (en tom cell betyder samma "
    "som raden ovanför).",
    expected="ingen rad ovanför anger gruppen", found="en tom ”Målområde”")

R30_POST_TOM = _rule(
    "R30-POST-TOM", W, "Posten har ingen text",
    "{found}: ingen text, så det blir tomt i rapporten. Skriv texten i {expected}, eller ta "
    "bort raden.",
    expected="”Bidrag”", found="KF-mål ”Ett mål utan text”")

R30_POST_FALT_TOMT = _rule(
    "R30-POST-FALT-TOMT", W, "Posten saknar ett obligatoriskt fält",
    "{found} har ingen text i {expected}, som bladet Postgrupper kräver. Skriv texten, eller ta "
    "bort kolumnen ur Obligatoriska kolumner.",
    expected="”Bidrag”", found="KF-mål ”Ett mål utan bidrag”")

R30_POSTBLAD_SAKNAS = _rule(
    "R30-POSTBLAD-SAKNAS", W, "Postgrupper anger ett blad som inte finns",
    "Bladet Postgrupper anger {found}, men ingen arbetsbok har bladet {expected}. Stavfel? "
    "Bladet ska heta Poster följt av namnet.",
    expected="”Poster Huvudprocesser”", found="”Huvudprocesser”")

R31_KVITTERING_INAKTUELL = _rule(
    "R31-KVITTERING-INAKTUELL", W, "Kvitteringen motsvarar ingen varning",
    "Raden kvitterar {found}, men ingen sådan varning finns. Ta bort raden, eller rätta Kod och "
    "Plats så att de står som i varningen.",
    found="R10-TECKEN i Alfa.xlsx › Ekonomi › E2")

R31_KVITTERING_FEL = _rule(
    "R31-KVITTERING-FEL", W, "Ett fel kan inte kvitteras",
    "Raden kvitterar {found}, som är ett fel. Fel kan inte kvitteras: rätta dem i arbetsboken "
    "och ta bort raden.",
    found="R02-EJ-TAL i Alfa.xlsx › Ekonomi › C3")

R31_KVITTERING_MOTIVERING = _rule(
    "R31-KVITTERING-MOTIVERING", W, "Kvitteringen saknar motivering",
    "Raden kvitterar {found} utan motivering, så den gäller inte. Skriv i Motivering varför "
    "varningen är riktig som den är.",
    found="R11-BUDGET-NOLL i Alfa.xlsx › Ekonomi › E3")

R32_BUDGET_AVSTAMNING = _rule(
    "R32-BUDGET-AVSTAMNING", E, "Ramen stämmer inte med budgeten under den",
    "Budget helår är {found}, men {parts} har tillsammans {expected}. Ange budgeten på en "
    "nivå (töm den andra), eller rätta så att de stämmer.",
    fields=("parts",),
    expected="-12 400 tkr", found="-12 000 tkr", parts="enheterna i Ekonomi")

R33_BOKSLUT_OKAND = _rule(
    "R33-BOKSLUT-OKAND", E, "Bokslutsraden nämner ingen verksamhet",
    "Raden {found} i bladet Bokslut är ingen verksamhet i nämndens resultat. Skriv namnet som i "
    "bladet Verksamhet: {expected}.",
    expected="Förskola, Grundskola", found="”Förskolan”")

R33_BOKSLUT_AVSTAMNING = _rule(
    "R33-BOKSLUT-AVSTAMNING", E, "Bokslutet stämmer inte med Ekonomi",
    "Bokslutet för förra året är {found} här, men enheternas Bokslut fg år i Ekonomi ger "
    "tillsammans {expected}. Ange det på ett ställe, eller rätta så att de stämmer.",
    expected="-131 300 tkr", found="-131 000 tkr")

M01_SYNTAX = _rule(
    "M01-SYNTAX", E, "Mallen har ett syntaxfel",
    "Mallkoden går inte att tolka: {found}. Rätta taggen i Word ({expected}).",
    expected="i ”{{ namnd }”; varje {{ }} och {% %} ska vara hel och stängd", found="oväntat ”}”")

M02_OKAND_VARIABEL = _rule(
    "M02-OKAND-VARIABEL", E, "Okänd variabel i mallen",
    "Variabeln {found} finns inte. Se `assemble templates vars` för de variabler som finns "
    "({expected}).",
    expected="i ”{{ namnd.nope }}”", found="”nope”")

M03_SANDLADA = _rule(
    "M03-SANDLADA", E, "Mallen försöker något som inte är tillåtet",
    "Nekades: {found}. Mallar får bara visa rapportens variabler ({expected}).",
    expected="i ”{{ ''.__class__ }}”", found="åtkomst till ”__class__” är inte tillåten")

M04_MALLFEL = _rule(
    "M04-MALLFEL", E, "Mallen kunde inte fyllas i",
    "{found} ({expected}).",
    expected="i ”{{ -namnd }}”", found="- går inte att använda på en text")

M05_MALL_SAKNAS = _rule(
    "M05-MALL-SAKNAS", E, "Mallen saknas eller är ingen Word-fil",
    "{found}. Ange en .docx-fil eller en mapp med mallar.",
    found="rapport.docx kan inte öppnas som Word-dokument (.docx)")

M06_FORMAT_SAKNAS = _rule(
    "M06-FORMAT-SAKNAS", W, "Formatmall saknas i mallen",
    "Formatmallen ”{found}” finns inte; det som använder den (tabeller, listor, "
    "innehållsförteckningen) formateras då med Words standard. Lägg tillbaka den i Word (Format "
    "› Formatmallar).",
    found="toc 1")

M08_ALT_TEXT = _rule(
    "M08-ALT-TEXT", W, "Bild utan alternativtext",
    "Bilden saknar alternativtext, så en skärmläsare kan inte beskriva den och PDF:en uppfyller "
    "inte tillgänglighetskraven. Högerklicka på bilden i Word och välj Redigera alternativtext.")

M07_MALLGRANS = _rule(
    "M07-MALLGRANS", E, "Mallen tar för lång tid eller blir för stor",
    "Mallen stoppades: {found} ({expected}). En rapportmall behöver inga så stora slingor eller "
    "värden; rätta taggen i Word.",
    expected="i mallen", found="en för stor potens (**)")

M09_FORALDRAT_NAMN = _rule(
    "M09-FORALDRAT-NAMN", W, "Mallen använder ett äldre variabelnamn",
    "Variabeln ”{found}” heter nu ”{expected}”. Mallen fungerar, men byt namnet i Word så att "
    "den håller även när det gamla namnet tas bort.",
    expected="skrivelse_datum", found="datum")

M10_AVSNITT_I_EXEMPLET = _rule(
    "M10-AVSNITT-I-EXEMPLET", W, "Avsnittet finns inte i exempelrapporten",
    "Mallen använder {found}, som exempelrapporten inte har; mallen provades med {expected} i "
    "dess ställe. Prova mot kommunens egen mapp med --mot MAPP, där avsnittet ska finnas.",
    expected="listor.ataganden", found="listor.uppdrag")

M11_FORMULERINGSRAD = _rule(
    "M11-FORMULERINGSRAD", E, "Raden i formuleringar.docx går inte att använda",
    "{found}",
    found=("”egen mening” går inte att använda som namn på en formulering: bara bokstäverna a–z, "
           "siffror och _, t.ex. egen_mening."))

M12_MALLFIL = _rule(
    "M12-MALLFIL", E, "Filen i mallmappen kan inte användas som den heter",
    "{found} {expected}",
    expected=("Öppna den i Word och spara den som Word-dokument (.docx) med samma namn, eller "
              "flytta den ur mallmappen."),
    found="rapport.dotx är en Word-mall (.dotx) och används inte.")

M13_DOKUMENTSTRUKTUR = _rule(
    "M13-DOKUMENTSTRUKTUR", E, "Mallen ger ett dokument som Word måste reparera",
    "{found} ({expected}). Skriv taggen som i anvisningen i docs/mallar.md.",
    expected="Word skulle behöva reparera dokumentet", found="en tabell utan rader")

K01_INGEN_KOMMUNBOK = _rule(
    "K01-INGEN-KOMMUNBOK", E, "Kommunens arbetsbok saknas",
    "Ingen arbetsbok i kommunmappen har bladet ”Kommun”. Lägg kommunens arbetsbok (`assemble "
    "init MAPP --kommun`) bredvid nämndernas mappar.")

K01_TVA_KOMMUNBOK = _rule(
    "K01-TVA-KOMMUNBOK", E, "Två kommunarbetsböcker",
    "Flera arbetsböcker har bladet ”Kommun”: {found}. Bara en får vara kommunens.",
    found="A.xlsx, B.xlsx")

K01_MAPP_SAKNAS = _rule(
    "K01-MAPP-SAKNAS", E, "Nämndens mapp saknas",
    "Nämnden står i bladet Nämnder med mappen {found}, men kommunmappen har ingen sådan "
    "undermapp. Undermappar: {expected}.",
    expected="inga", found="”Kommunstyrelsen”")

K01_MAPP_EJ_LISTAD = _rule(
    "K01-MAPP-EJ-LISTAD", E, "Mappen står inte i bladet Nämnder",
    "Undermappen {found} är en rapportmapp men står inte i bladet Nämnder, så den skulle inte "
    "komma med i kommunens rapport. Lägg till en rad med Mapp {found}, eller flytta mappen.",
    found="”Omsorgsnämnden”")

K01_MAPP_DUBBEL = _rule(
    "K01-MAPP-DUBBEL", E, "Samma mapp för två nämnder",
    "Mappen {found} står redan på rad {expected}. Varje nämnd har en egen mapp.",
    expected="2", found="”Kommunstyrelsen”")

K02_RAM = _rule(
    "K02-RAM", E, "Nämndens budget är inte fullmäktiges ram",
    "Fullmäktiges ram för {namnd}{andringar} är {expected} tkr, men nämndens egen Budget helår "
    "är {found} tkr (skillnad {diff} tkr). Rätta ramen eller Budgetändringar i bladet Nämnder "
    "eller nämndens budget.",
    fields=("andringar", "diff", "namnd"),
    expected="-1 500 000", found="-1 516 600",
    andringar=" med budgetändringar (-1 490 000 tkr och -10 000 tkr i ändringar)", diff="-16 600",
    namnd="Barn- och utbildningsnämnden")

K03_AR = _rule(
    "K03-AR", E, "Nämnden rapporterar ett annat år",
    "{namnd} rapporterar år {found}, men kommunens rapport gäller {expected}.",
    fields=("namnd",),
    expected="2025", found="2024", namnd="Kommunstyrelsen")

K03_RAPPORTTYP = _rule(
    "K03-RAPPORTTYP", E, "Nämnden har en annan rapporttyp",
    "{namnd} har rapporttypen {found}, men kommunens rapport är en {expected}.",
    fields=("namnd",),
    expected="Delårsrapport 2", found="Årsberättelse", namnd="Arbetsmarknadsnämnden")

K03_PERIOD = _rule(
    "K03-PERIOD", E, "Nämndens period slutar en annan månad",
    "{namnd} rapporterar till och med {found}, men kommunens period slutar i {expected}.",
    fields=("namnd",),
    expected="augusti", found="juni", namnd="Samhällsbyggnadsnämnden")

K03_NAMN = _rule(
    "K03-NAMN", W, "Nämnden heter något annat i sin egen arbetsbok",
    "Bladet Nämnder kallar nämnden i mappen {mapp} {expected}, men nämndens egen arbetsbok "
    "kallar den {found}. Kommunens rapport använder namnet i Nämnder; rätta det ena om det är "
    "fel mapp eller ett stavfel.",
    fields=("mapp",),
    expected="”Arbetsmarknadsnämnd”", found="”Arbetsmarknadsnämnden”", mapp="Arbetsmarknadsnämnden")

K04_DEL_SAKNAS = _rule(
    "K04-DEL-SAKNAS", W, "En del som rapporten ska ha saknas",
    "Rapporten saknar {found}, som {expected} kräver. Fyll i {where}.",
    fields=("where",),
    expected="LKBR (lagen om kommunal bokföring och redovisning)", found="Balansräkning",
    where="bladet Balansräkning")

K05_BALANS = _rule(
    "K05-BALANS", W, "Balansräkningen balanserar inte",
    "Summa tillgångar är {found} tkr men summa eget kapital, avsättningar och skulder "
    "{expected} tkr ({column}). Kontrollera bladet Balansräkning.",
    fields=("column",),
    expected="4 486 000", found="4 474 000", column="Utfall period")

K06_KASSAFLODE_RESULTAT = _rule(
    "K06-KASSAFLODE-RESULTAT", W, "Kassaflödesanalysens årets resultat är inte resultaträkningens",
    "Raden {post} i bladet Kassaflöde är {found} tkr ({column}), men resultaträkningens årets "
    "resultat är {expected} tkr. Kassaflödesanalysen ska börja i samma resultat: rätta raden "
    "eller bladet Finansiering.",
    fields=("post", "column"), post="”Årets resultat”", column="Utfall jan–aug 2025",
    found="48 200", expected="47 900")

K06_KASSAFLODE_LIKVIDA = _rule(
    "K06-KASSAFLODE-LIKVIDA", W, "Kassaflödet är inte förändringen av likvida medel",
    "Kassaflödesanalysen ger ett kassaflöde på {found} tkr ({column}), men balansräkningens "
    "{post} har ändrats med {expected} tkr (från {start} till {end} tkr). Kontrollera bladen "
    "Kassaflöde och Balansräkning.",
    fields=("column", "post", "start", "end"), column="Utfall jan–aug 2025",
    post="”Kassa och bank”", start="61 400", end="48 900", found="-11 200", expected="-12 500")

K07_NOT_SAKNAS = _rule(
    "K07-NOT-SAKNAS", W, "Raden hänvisar till en not som saknas",
    "Raden ”{post}” hänvisar till not {found}, men bladet Noter har ingen sådan not (noter: "
    "{expected}). Lägg till noten i bladet Noter eller rätta numret.",
    fields=("post",), post="Skatteintäkter", found="4", expected="1, 2, 3")

K07_NOT_OREFERERAD = _rule(
    "K07-NOT-OREFERERAD", W, "Noten hänvisas inte till",
    "Not {found} i bladet Noter har ingen rad i resultaträkningen eller balansräkningen som "
    "hänvisar till den. Skriv numret i kolumnen Not på raden i bladet Finansiering eller "
    "Balansräkning, eller ta bort noten.",
    found="3")

K07_NOT_SUMMA = _rule(
    "K07-NOT-SUMMA", W, "Notens summa är inte radens belopp",
    "Not {note} summerar till {found} tkr ({column}), men raden ”{post}” i bladet {row_sheet} "
    "som hänvisar till den är {expected} tkr (skillnad {diff} tkr). Rätta noten i bladet Noter "
    "eller raden.",
    fields=("note", "column", "post", "row_sheet", "diff"), note="1", column="Utfall period",
    post="Skatteintäkter", row_sheet="Finansiering", found="2 433 000", expected="2 432 000",
    diff="1 000")

R18_UTDATA = _rule(
    "R18-UTDATA", E, "Det färdiga dokumentet innehåller ett felvärde",
    "Dokumentet innehåller {found} ({expected}). Det är ett fel i verktyget eller mallen; "
    "rapporten skrevs inte.",
    expected="ett tal väntades", found="en tom cell")


@dataclass(frozen=True)
class Finding:
    rule: Rule
    at: Location = WorkbookCell()
    found: str = ""
    expected: str = ""
    values: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)
    entity: str = ""  # the row's name (enhet, indikator, fält …) when the cell is on a row
    acknowledged: str = field(default="", compare=False)  # the motivering in sheet Kvitterat

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def file(self) -> str:
        return self.at.file

    @property
    def sheet(self) -> str:
        return self.at.sheet

    @property
    def cell(self) -> str:
        return self.at.cell

    @property
    def place(self) -> str:
        """`Ekonomi › D3 (KAF Förvaltningsgemensamt)`: sheet, cell and the row's name."""
        place = " › ".join(part for part in (self.sheet, self.cell) if part)
        return f"{place} ({self.entity})" if self.entity and place else place

    @property
    def severity(self) -> Severity:
        return self.rule.severity

    @property
    def message(self) -> str:
        return self.rule.format(self.found, self.expected, self.values)

    @property
    def location(self) -> str:
        """`Arbete.xlsx › Ekonomi › D7 (Stadsbiblioteket)`."""
        return " › ".join(part for part in (self.file, self.place) if part)

    def moved(self, at: Location) -> Finding:
        """The same finding at `at`: a check that judges text wherever it stands (the text
        rules) finds, its caller says where the text stands."""
        return replace(self, at=at)

    def in_file(self, file: str) -> Finding:
        """The same finding in another file: a nämnd's finding as the kommun folder names it."""
        return self.moved(replace(self.at, file=file))

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

    def add(self, rule: Rule, at: Location | None = None, /, *, file: str = "", sheet: str = "",
            cell: str = "", found: object = "", expected: object = "", **values: object) -> None:
        """A finding of `rule` at a workbook cell (`file`, `sheet`, `cell`) or at `at` (any
        kind of location), with exactly the fields the rule declares as `values`."""
        if not isinstance(rule, Rule):
            raise TypeError(f"add takes a rule constant such as R07_AVVIKELSE, not {rule!r}")
        if at is not None and (file or sheet or cell):
            raise TypeError(f"{rule.code}: give the location either as a location or as "
                            "file/sheet/cell, not both")
        check_fields(rule, values)
        where = at if at is not None else WorkbookCell(file, sheet, cell)
        entity = self.row_name(where.file, where.sheet, where.cell) \
            if isinstance(where, WorkbookCell) else ""
        self.append(Finding(rule, where, _capped(found), _capped(expected),
                            {name: str(value) for name, value in values.items()}, entity))


def check_fields(rule: Rule, values: Mapping[str, object]) -> None:
    """The fields of a finding are exactly those its rule declares: a misspelt or forgotten
    one fails where the finding is made, not as a KeyError when its message is shown."""
    unknown = sorted(set(values) - set(rule.fields))
    missing = sorted(set(rule.fields) - set(values))
    if unknown or missing:
        raise TypeError(f"{rule.code}: unknown fields {unknown}, missing fields {missing} "
                        f"(declared: {list(rule.fields)})")


MAX_SHOWN = 300  # characters of a found or expected value in a message: a whole pasted text
# in one cell would drown the message


def _capped(value: object) -> str:
    text = str(value)
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN - 1] + "…"
