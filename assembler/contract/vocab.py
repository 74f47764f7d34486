"""Closed vocabularies of the input contract, and how names in it are matched.

Each vocabulary is an Enum whose values are the canonical spellings; `words()` maps every
accepted spelling (normalized, aliases included) to its canonical value. Reading, validation,
compute and `init` all use these; none of them owns them.
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum
from functools import lru_cache

from .words import Worded


def normalize(text: object) -> str:
    """Sheet names, headers, field names, vocabularies and names match ignoring case, outer and
    repeated inner whitespace, Unicode composition (macOS and web pages type `ä` as `a` + `¨`)
    and invisible format characters (zero-width spaces, bidi controls, soft hyphens)."""
    return _normalized(text if type(text) is str else str(text))


@lru_cache(maxsize=1 << 16)  # the same few names are matched thousands of times a run
def _normalized(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    if not text.isascii():
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


def template_key(name: str) -> str:
    """A name as templates reach it: `Intäkts- och kostnadsutveckling` →
    `intakts_och_kostnadsutveckling` (text sections, `Tabell …` and `Kapitel …` sheets)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")


class Vocabulary(str, Enum):
    """A closed vocabulary: its members are the canonical spellings, shown as their value."""

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)

    @classmethod
    def aliases(cls) -> dict[str, str]:
        """Other accepted spellings → the canonical value."""
        return {}

    @classmethod
    def values(cls) -> list[str]:
        return [member.value for member in cls]

    @classmethod
    def words(cls) -> dict[str, str]:
        """Every accepted spelling, normalized → the canonical value (members first)."""
        return ({normalize(value): value for value in cls.values()}
                | {normalize(alias): value for alias, value in cls.aliases().items()})


class ReportType(Vocabulary):
    INTERIM_1 = "Delårsrapport 1"
    INTERIM_2 = "Delårsrapport 2"
    ANNUAL = "Årsberättelse"

    @property
    def is_annual(self) -> bool:
        return self is ReportType.ANNUAL

    @property
    def default_title(self) -> str:
        return {
            ReportType.INTERIM_1: "Delårsrapport med prognos 1",
            ReportType.INTERIM_2: "Delårsrapport med prognos 2",
            ReportType.ANNUAL: "Årsberättelse",
        }[self]


class Organ(Vocabulary):
    """The kind of body that reports: a styrelse is never called nämnden."""

    NAMND = "nämnd"
    STYRELSE = "styrelse"
    BEREDNING = "beredning"
    UTSKOTT = "utskott"

    @property
    def definite(self) -> str:
        """`nämnden`, `styrelsen`, `beredningen`, `utskottet`."""
        if self is Organ.UTSKOTT:
            return self.value + "et"
        return self.value + ("n" if self.value.endswith("e") else "en")

    @property
    def genitive(self) -> str:
        return self.definite + "s"

    @classmethod
    def from_name(cls, name: str) -> Organ:
        """The kind a body's name says: `Kommunstyrelsen` → styrelse; otherwise a nämnd."""
        last_word = name.strip().split(" ")[-1].casefold() if name.strip() else ""
        for organ in (cls.STYRELSE, cls.BEREDNING, cls.UTSKOTT):
            if last_word.endswith(organ.definite):
                return organ
        return cls.NAMND


class BudgetModel(Vocabulary):
    """How the nämnd is budgeted: a net-cost frame (the total is a cost measured against the
    frame), or a kommunbidrag (a revenue row; the total is a result measured against zero)."""

    NETTORAM = "Nettoram"
    KOMMUNBIDRAG = "Kommunbidrag"

    @property
    def total_label(self) -> str:
        """The total row's label, worded by formuleringar.docx."""
        if self is BudgetModel.KOMMUNBIDRAG:
            return Worded("Resultat", "radrubrik_resultat")
        return Worded("Nettokostnad", "radrubrik_nettokostnad")


class AmountUnit(Vocabulary):
    """The unit of amounts in the generated sentences (`Belopp i text`)."""

    TKR = "tkr"
    MNKR = "mnkr"
    TKR_WORDS = "tusen kronor"  # the same amounts, the unit written out in every document
    MNKR_WORDS = "miljoner kronor"

    @property
    def unit(self) -> str:
        """`tkr` or `mnkr`: how the amounts are rounded."""
        return "mnkr" if self in (AmountUnit.MNKR, AmountUnit.MNKR_WORDS) else "tkr"

    @property
    def in_words(self) -> bool:
        return self in (AmountUnit.TKR_WORDS, AmountUnit.MNKR_WORDS)


class YesNo(Vocabulary):
    JA = "Ja"
    NEJ = "Nej"

    @classmethod
    def aliases(cls) -> dict[str, str]:
        return {"j": "Ja", "n": "Nej", "x": "Ja"}

    @property
    def truth(self) -> bool:
        return self is YesNo.JA


class RowType(Vocabulary):
    """`Radtyp` of an amount row: the kommunbidrag (budget model Kommunbidrag)."""

    KOMMUNBIDRAG = "Kommunbidrag"

    @classmethod
    def aliases(cls) -> dict[str, str]:
        return {"kommunersättning": "Kommunbidrag"}


class SumRowType(Vocabulary):
    """`Radtyp` of a row of a resultaträkning (sheet Kontogrupper): the kommunbidrag, or a sum
    row the tool computes where it stands (its own cells stay empty, or are checked)."""

    KOMMUNBIDRAG = "Kommunbidrag"
    DELSUMMA = "Delsumma"  # a running subtotal: every row above it
    SUMMA = "Summa"  # the first: the table's total; a later one adds the rows after the first

    @classmethod
    def aliases(cls) -> dict[str, str]:
        return RowType.aliases()


class ObservationType(Vocabulary):
    POSITIV = "Positiv"
    FORBATTRINGSOMRADE = "Förbättringsområde"

    @classmethod
    def aliases(cls) -> dict[str, str]:
        return {"positiva": "Positiv", "förbättringsområden": "Förbättringsområde"}


class CommitmentStatus(Vocabulary):
    """An åtagande's status (ett åtagande: neuter)."""

    EJ_PABORJAT = "Ej påbörjat"
    PAGAR = "Pågår"
    KLART = "Klart"
    FORSENAT = "Försenat"
    STOPPAT = "Stoppat"

    @classmethod
    def aliases(cls) -> dict[str, str]:
        # Eskilstuna's words: a Statusar sheet declaring them shows them, and a status typed
        # either way counts under the declared word
        return {"ej påbörjad": "Ej påbörjat", "klart, avslutat": "Klart"}


def declared_status_words(declared: list[str]) -> dict[str, str]:
    """Accepted spellings of an åtagande's status → the spelling shown, when `Statusar` declares
    its own words: a declared word that is a spelling of a fixed status (`Klart, avslutat`,
    `Ej påbörjad`) takes every spelling of that status with it, so `Klart` typed the old way
    counts under `Klart, avslutat`. Other declared words are added as they are."""
    fixed = CommitmentStatus.words()
    words = dict(fixed)
    for status in declared:
        canonical = fixed.get(normalize(status))
        if canonical is not None:
            words.update({key: status for key, value in fixed.items() if value == canonical})
        words[normalize(status)] = status
    return words


def canonical_status(status: str) -> str | None:
    """The fixed status a spelling stands for (`Klart, avslutat` → `Klart`), if any."""
    return CommitmentStatus.words().get(normalize(status))


class TargetWord(Vocabulary):
    """A Målvärde that is a direction rather than a number."""

    OKA = "Öka"
    MINSKA = "Minska"
    BIBEHALLA = "Bibehålla"
    OFORANDRAD = "Oförändrad"
    OFORANDRAT = "Oförändrat"


class TableRowLevel(Vocabulary):
    """`Nivå` of a row in an own table: a main row, sub-rows, varav, a heading row, a sum."""

    MAIN = ""
    SUB = "1"
    SUB_SUB = "2"
    VARAV = "varav"
    RUBRIK = "rubrik"
    SUMMA = "summa"
    TITEL = "titel"  # a title over the whole width (above the column headers when first)
    BREDD = "bredd"  # not shown: each column's relative width
    KOLUMNTYP = "kolumntyp"  # not shown: `text` or `tal` per column, instead of as typed

    @classmethod
    def aliases(cls) -> dict[str, str]:
        return {"0": "", "rubrikrad": "titel", "kolumnbredd": "bredd", "typ": "kolumntyp"}


class HeadingLevel(Vocabulary):
    """`Nivå` of a heading in an own chapter: Word's Rubrik 1–4."""

    ONE = "1"
    TWO = "2"
    THREE = "3"
    FOUR = "4"


class KeyFigureLevel(Vocabulary):
    """`Nivå` of a row in Fem år: a main row, a sub-row, a sub-sub-row."""

    MAIN = "0"
    SUB = "1"
    SUB_SUB = "2"


# Units offered for an indicator; any other text is allowed too
INDICATOR_UNITS = ("%", "antal", "tkr", "mnkr", "kr", "månader", "dagar", "index")
COMMITMENTS = "Åtaganden"  # the list sheet every report type knows

STATUSES = CommitmentStatus.values()  # an åtagande's statuses, in report order
