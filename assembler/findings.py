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


def _rule(code: str, severity: Severity, title: str, message: str) -> Rule:
    return Rule(code, severity, title, message)


E, W = Severity.ERROR, Severity.WARNING

# Codes are stable: tests, JSON output and users' notes refer to them. The number after R is
# the rule's number in validering.md.
RULES: dict[str, Rule] = {
    r.code: r
    for r in [
        _rule("R01-MAPP", E, "Rapportmappen saknas",
              "Mappen {found} finns inte eller är ingen mapp. Ange mappen med rapportens arbetsböcker."),
        _rule("R01-EJ-XLSX", E, "Filen är ingen giltig .xlsx",
              "Filen kan inte läsas som en Excel-arbetsbok (.xlsx): {found}. Spara den i Excel som "
              "”Excel-arbetsbok (*.xlsx)” och försök igen."),
        _rule("R01-FEL-FILTYP", E, "Fel filtyp i rapportmappen",
              "Filtypen {found} stöds inte. Spara filen i Excel som ”Excel-arbetsbok (*.xlsx)” "
              "eller flytta den från rapportmappen."),
        _rule("R01-INGEN-NAMND", E, "Nämndens arbetsbok saknas",
              "Ingen arbetsbok i mappen har bladet ”Rapport”. Lägg nämndens arbetsbok i mappen."),
        _rule("R01-TVA-NAMND", E, "Två nämndarbetsböcker",
              "Flera arbetsböcker har bladet ”Rapport”: {found}. Bara en får vara nämndens arbetsbok."),
        _rule("R01-INGEN-VERKSAMHET", E, "Ingen verksamhet",
              "Mappen har ingen verksamhetsarbetsbok (med bladet ”Verksamhet”). Lägg minst en i mappen."),
        _rule("R01-OKAND-BOK", E, "Arbetsboken har varken Rapport eller Verksamhet",
              "Arbetsboken har varken bladet ”Rapport” eller ”Verksamhet” (blad: {found}). "
              "Lägg till rätt blad eller flytta filen från mappen."),
        _rule("R01-DUBBEL-VERKSAMHET", E, "Samma verksamhet i två arbetsböcker",
              "Verksamheten {found} finns också i {expected}. Varje verksamhet ska ha en arbetsbok."),
        _rule("R01-BLAD-SAKNAS", E, "Obligatoriskt blad saknas",
              "Bladet ”{expected}” saknas. Lägg till det med rubrikerna i rad 1."),
        _rule("R01-KOLUMN-SAKNAS", E, "Obligatorisk kolumn saknas",
              "Kolumnen ”{expected}” saknas i rubrikraden (rad 1). Rubriker som finns: {found}."),
        _rule("R01-FALT-SAKNAS", E, "Obligatoriskt fält saknas",
              "Fältet ”{expected}” saknas eller är tomt. Fyll i det i kolumnen Värde."),
        _rule("R01-OKAND-KOLUMN", W, "Okänd kolumn",
              "Kolumnen ”{found}” känns inte igen och används inte. Stavfel? Kända kolumner: {expected}."),
        _rule("R01-RAD-UTAN-NAMN", E, "Rad utan namn",
              "Raden har värden men ingen {expected}. Fyll i namnet eller töm raden."),
        _rule("R01-BLAD-DUBBELT", E, "Samma blad på två nivåer",
              "Bladet ”{found}” finns både i nämndens arbetsbok och i {expected}. Ange det på ett ställe."),
        _rule("R02-EJ-TAL", E, "Beloppet är inget tal",
              "Värdet {found} är inget tal. Skriv ett belopp i tkr, t.ex. {expected}."),
        _rule("R02-FELVARDE", E, "Felvärde från Excel",
              "Cellen innehåller felvärdet {found}. Rätta formeln i Excel så att den ger ett tal."),
        _rule("R02-FORMEL-UTAN-VARDE", E, "Formel utan beräknat värde",
              "Cellen har en formel ({found}) men inget sparat värde. Öppna arbetsboken i Excel, "
              "spara den och försök igen."),
        _rule("R03-OKANT-VARDE", E, "Okänt värde",
              "Värdet {found} är inte tillåtet här. Tillåtna värden: {expected}."),
        _rule("R04-FEL-AR", E, "Rubriken har fel år",
              "Rubriken {found} passar inte rapportåret. Väntad rubrik: {expected}."),
        _rule("R05-VARAV-OKAND", E, "Varav pekar på okänd enhet",
              "Varav anger {found}, men ingen enhet i bladet heter så. Enheter: {expected}."),
        _rule("R05-VARAV-SLINGA", E, "Varav-kedjan går i ring",
              "Varav-kedjan går i ring: {found}. En varav-rad måste till slut peka på en vanlig enhet."),
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
