"""The kommun folder's contract: one kommun workbook beside one subfolder per nämnd.

A kommun folder holds the kommun's own workbook (the one with the sheet `Kommun`) and, for each
nämnd, an ordinary report folder, unchanged. The kommun workbook's sheets are declared here as
the nämnd's are in `sheets.py`, and read, checked, offered by `init --kommun` and documented
from these declarations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from .model import Report, Source
from .sheets import (ANNUAL, BOTH, DELAR, KEY_VALUE, KOMMUN_TITLE, MONTHS, Column, KeyField,
                     Sheet, _amount)
from .vocab import AmountUnit, ReportType, Vocabulary, normalize

KOMMUN_BOOK = "kommun"  # the kind of workbook, beside NAMND and VERKSAMHET


class FinancingGroup(Vocabulary):
    """Where a row of the sheet Finansiering stands in the kommun's resultaträkning."""

    VERKSAMHET = "Verksamhet"  # not a nämnd's, but part of verksamhetens nettokostnader
    SKATTER = "Skatter och bidrag"
    FINANSIELL = "Finansiell"
    EXTRAORDINAR = "Extraordinär"
    BALANSKRAV = "Balanskravsjustering"  # not in the resultaträkning: årets resultat → balanskrav


class BalanceGroup(Vocabulary):
    TILLGANGAR = "Tillgångar"
    SKULDER = "Eget kapital, avsättningar och skulder"

    @classmethod
    def aliases(cls) -> dict[str, str]:
        return {"Eget kapital och skulder": cls.SKULDER.value, "Skulder": cls.SKULDER.value}


class CashFlowGroup(Vocabulary):
    """Where a row of the sheet Kassaflöde stands in the kassaflödesanalys."""

    LOPANDE = "Löpande verksamhet"
    INVESTERING = "Investeringsverksamhet"
    FINANSIERING = "Finansieringsverksamhet"


class Assessment(Vocabulary):
    """A mål's bedömning (god ekonomisk hushållning)."""

    UPPFYLLT = "Uppfyllt"
    DELVIS = "Delvis uppfyllt"
    EJ = "Ej uppfyllt"
    EJ_BEDOMT = "Ej bedömt"


def kommun_title(kind: ReportType) -> str:
    """The kommun's own document: a delårsrapport, or the årsredovisning."""
    return "Årsredovisning" if kind.is_annual else "Delårsrapport"


KOMMUN = Sheet(KOMMUN_TITLE, KEY_VALUE, (KOMMUN_BOOK,), BOTH, (KOMMUN_BOOK,), fields=(
    KeyField("Kommun", "kommun", required=BOTH, doc="t.ex. `Storsjö kommun`"),
    KeyField("År", "ar", "year", BOTH, default=None, doc="samma år som nämndernas rapporter"),
    KeyField("Rapporttyp", "rapporttyp", "choice", BOTH, default=None, vocabulary=ReportType,
             doc="samma rapporttyp som nämndernas; `Årsberättelse` ger kommunens årsredovisning"),
    KeyField("Rapporttitel", "rapporttitel",
             doc="standard `Delårsrapport`, för en årsberättelse `Årsredovisning`"),
    KeyField("Period till och med", "period_month", "month", (DELAR,), default=12,
             choices=MONTHS, doc="samma månad som nämndernas rapporter"),
    KeyField("Beslutsdatum", "beslutsdatum", "date", default=None,
             doc="kommunfullmäktiges (eller kommunstyrelsens) sammanträde"),
    KeyField("Diarienummer", "diarienummer"),
    KeyField("Förvaltning", "forvaltning", doc="t.ex. `Kommunledningsförvaltningen`"),
    KeyField("Belopp i tabeller", "belopp_i_tabeller", "choice", default=AmountUnit.TKR.value,
             vocabulary=AmountUnit, doc="enheten i kommunens tabeller"),
))

NAMNDER = Sheet("Nämnder", (
    Column("name", "Nämnd", "label", BOTH, width=40, doc="nämndens namn som i kommunens rapport"),
    Column("mapp", "Mapp", "text", BOTH, width=30,
           doc="nämndens rapportmapp, en undermapp i kommunmappen"),
    _amount("budget_helar", "Budget helår", BOTH,
            doc="fullmäktiges ram som nettokostnad (negativ); med Budgetändringar ska den vara "
                "nämndens egen Budget helår"),
    _amount("budgetandringar", "Budgetändringar",
            doc="fullmäktiges ändringar av ramen under året (tilläggsanslag, omfördelningar), "
                "som nettokostnad; tom: inga. Ram + ändringar ska vara nämndens Budget helår, "
                "och driftredovisningen visar dem i en egen kolumn"),
    _amount("budget_fg_delar", "Budget fg delår", only=(DELAR,),
            doc="nämndens budget helår i förra delårsrapporten, som kommunen har den (när "
                "budgeten har ändrats sedan dess); driftredovisningen visar den före Budget "
                "helår när någon nämnd har den ifylld; tom för alla nämnder: ingen kolumn"),
    _amount("prognos_fg_delar", "Prognos fg delår", only=(DELAR,),
            doc="nämndens prognos i förra delårsrapporten, som kommunen har den; tom: summan "
                "av nämndens egna Prognos fg delår"),
    Column("ordning", "Ordning", "text", width=10, doc="heltal: ordningen i kommunens tabeller"),
), (KOMMUN_BOOK,), BOTH, (KOMMUN_BOOK,), doc="en rad per nämnd")

_FIN_AMOUNTS = (
    _amount("bokslut_fg", "Bokslut fg år"),
    _amount("utfall_period", "Utfall period", (DELAR,)),
    _amount("budget_helar", "Budget helår", BOTH),
    _amount("prognos_helar", "Prognos helår", (DELAR,)),
    _amount("utfall_helar", "Utfall helår", (ANNUAL,)),
)

NOTE_COLUMN = Column("note", "Not", "text", width=8,
                     doc="heltal: noten i bladet Noter som specificerar raden; raden får numret "
                         "i kolumnen Not i rapportens tabell")

FINANSIERING = Sheet("Finansiering", (
    Column("name", "Post", "label", BOTH, width=40,
           doc="t.ex. `Skatteintäkter`, `Generella statsbidrag och utjämning`, `Pensioner`"),
    Column("grupp", "Grupp", "text", BOTH, width=24, vocabulary=FinancingGroup,
           doc="var raden står i resultaträkningen; `Balanskravsjustering` ger "
               "balanskravsutredningen, inte resultaträkningen"),
    *_FIN_AMOUNTS,
    NOTE_COLUMN,
), (KOMMUN_BOOK,), BOTH, (KOMMUN_BOOK,),
    doc="det som inte är nämndernas: skatter, statsbidrag, finansiella poster, gemensamma "
        "kostnader och balanskravsjusteringar (intäkter positiva, kostnader negativa)")

BALANSRAKNING = Sheet("Balansräkning", (
    Column("name", "Post", "label", BOTH, width=40),
    Column("grupp", "Grupp", "text", BOTH, width=34, vocabulary=BalanceGroup),
    _amount("bokslut_fg", "Bokslut fg år"),
    _amount("utfall_period", "Utfall period", (DELAR,), doc="balansen vid periodens slut"),
    _amount("utfall_helar", "Utfall helår", (ANNUAL,), doc="balansen vid årets slut"),
    NOTE_COLUMN,
), (KOMMUN_BOOK,), starter=(KOMMUN_BOOK,),
    doc="tillgångar positiva; eget kapital, avsättningar och skulder positiva. Raden `Kassa "
        "och bank` (eller `Likvida medel`) är de likvida medel som kassaflödesanalysen ska "
        "förklara")

# The balansräkning's rows that are likvida medel, and the kassaflödesanalys's row that is
# the resultaträkning's årets resultat: what the kassaflödesanalys is reconciled with.
LIQUID_FUNDS = ("Kassa och bank", "Likvida medel")
CASH_FLOW_RESULT = "Årets resultat"

KASSAFLODE = Sheet("Kassaflöde", (
    Column("name", "Post", "label", BOTH, width=40,
           doc="t.ex. `Årets resultat`, `Justering för av- och nedskrivningar`, "
               "`Investering i materiella anläggningstillgångar`, `Nyupptagna lån`"),
    Column("grupp", "Grupp", "text", BOTH, width=26, vocabulary=CashFlowGroup,
           doc="den del av kassaflödesanalysen raden står i"),
    _amount("bokslut_fg", "Bokslut fg år"),
    _amount("utfall_period", "Utfall period", only=(DELAR,),
            doc="periodens kassaflöden (i en delårsrapport; utan den visas Utfall helår)"),
    _amount("utfall_helar", "Utfall helår"),
), (KOMMUN_BOOK,), doc="årsredovisningens kassaflödesanalys (valfritt i en delårsrapport): "
                       "inbetalningar positiva, utbetalningar negativa. Raden `Årets resultat` "
                       "ska vara resultaträkningens, och årets (periodens) kassaflöde "
                       "förändringen av balansräkningens `Kassa och bank`")

NOTER = Sheet("Noter", (
    Column("note", "Not", "text", BOTH, width=8, doc="heltal: notens nummer"),
    Column("rubrik", "Rubrik", "text", width=34,
           doc="notens rubrik, t.ex. `Skatteintäkter`; räcker på notens första rad"),
    Column("name", "Post", "label", BOTH, width=40, doc="en rad i notens specifikation"),
    _amount("bokslut_fg", "Bokslut fg år"),
    _amount("utfall_period", "Utfall period", only=(DELAR,)),
    _amount("utfall_helar", "Utfall helår", only=(ANNUAL,)),
), (KOMMUN_BOOK,), doc="noterna till resultaträkningen och balansräkningen, en rad per "
                       "specifikationsrad; raderna med samma Not är en not. Varje not ska ha "
                       "en rad som hänvisar till den (kolumnen Not i Finansiering eller "
                       "Balansräkning), och varje hänvisning en not")

_GOAL_COLUMNS = (
    Column("name", "Mål", "label", BOTH, width=50),
    Column("target", "Målvärde", "text", width=14),
    Column("outcome", "Utfall/prognos", "text", width=14),
    Column("assessment", "Bedömning", "text", BOTH, width=18, vocabulary=Assessment),
    Column("comment", "Kommentar", "text", width=60),
)
FINANSIELLA_MAL = Sheet("Finansiella mål", _GOAL_COLUMNS, (KOMMUN_BOOK,),
                        starter=(KOMMUN_BOOK,), doc="god ekonomisk hushållning: finansiella mål")
VERKSAMHETSMAL = Sheet("Verksamhetsmål", _GOAL_COLUMNS, (KOMMUN_BOOK,), starter=(KOMMUN_BOOK,),
                       doc="god ekonomisk hushållning: mål för verksamheten")

KOMMUN_TEXT_SECTIONS = ("Sammanfattning", "Väsentliga händelser", "Förväntad utveckling",
                        "God ekonomisk hushållning", "Balanskravsutredning", "Investeringar")
KOMMUN_TEXT = Sheet("Text", (
    Column("key", "Avsnitt", "label", BOTH, width=34, doc="avsnittets namn"),
    Column("value", "Text", "text", BOTH, width=100, doc="löptext"),
), (KOMMUN_BOOK,), starter=(KOMMUN_BOOK,), prefill=KOMMUN_TEXT_SECTIONS)

KOMMUN_SHEETS = (KOMMUN, NAMNDER, FINANSIERING, BALANSRAKNING, KASSAFLODE, NOTER,
                 FINANSIELLA_MAL, VERKSAMHETSMAL, KOMMUN_TEXT)

# The parts RKR R17 asks of a delårsrapport, and the årsredovisning's parts per LKBR, each with
# what gives it: a Text section, a sheet with rows, or what the tool always writes.
INTERIM_PARTS = (
    ("Väsentliga händelser", "text", "Väsentliga händelser"),
    ("Förväntad utveckling", "text", "Förväntad utveckling"),
    ("God ekonomisk hushållning (finansiella mål)", "sheet", FINANSIELLA_MAL.title),
    ("Balanskravsresultat", "sheet", FINANSIERING.title),
    ("Resultaträkning", "sheet", FINANSIERING.title),
    ("Balansräkning", "sheet", BALANSRAKNING.title),
)
ANNUAL_PARTS = INTERIM_PARTS + (
    ("God ekonomisk hushållning (verksamhetsmål)", "sheet", VERKSAMHETSMAL.title),
    ("Balanskravsutredning", "text", "Balanskravsutredning"),
    ("Kassaflödesanalys", "sheet", KASSAFLODE.title),
)


# --- the model of a kommun folder -------------------------------------------------------------



@dataclass
class KommunInfo:
    kommun: str
    ar: int
    rapporttyp: ReportType
    rapporttitel: str
    period_month: int
    beslutsdatum: dt.date | None = None
    diarienummer: str = ""
    forvaltning: str = ""
    belopp_i_tabeller: str = AmountUnit.TKR.value
    source: Source | None = None


@dataclass
class NamndEntry:
    """A row of the sheet Nämnder: fullmäktige's ram for one nämnd and where its folder is."""

    name: str
    mapp: str
    ram: Decimal | None  # Budget helår as the kommun decided it
    prognos_fg_delar: Decimal | None
    ordning: int | None
    source: Source
    andringar: Decimal | None = None  # Budgetändringar: the ram's changes during the year
    budget_fg_delar: Decimal | None = None  # the budget in the previous delårsrapport

    @property
    def budget(self) -> Decimal | None:
        """The ram with its changes: what the nämnd's own Budget helår should be."""
        return None if self.ram is None else self.ram + (self.andringar or Decimal(0))

    @property
    def sort_key(self) -> tuple:
        return (self.ordning is None, self.ordning or 0, self.name.casefold())


@dataclass
class AmountLine:
    """A row of Finansiering or Balansräkning: its name, group and amounts by field."""

    name: str
    group: str
    amounts: dict[str, Decimal]
    source: Source
    note: int | None = None  # the Not it refers to (Finansiering, Balansräkning)


@dataclass
class NoteLine:
    """A row of the sheet Noter: one line of note `note`'s specification."""

    note: int
    rubrik: str
    name: str
    amounts: dict[str, Decimal]
    source: Source


@dataclass
class GoalLine:
    kind: str  # the sheet: Finansiella mål or Verksamhetsmål
    name: str
    target: str
    outcome: str
    assessment: str
    comment: str
    source: Source


@dataclass
class KommunBook:
    file: str
    info: KommunInfo
    namnder: list[NamndEntry] = field(default_factory=list)
    financing: list[AmountLine] = field(default_factory=list)
    balance: list[AmountLine] = field(default_factory=list)
    cash_flow: list[AmountLine] = field(default_factory=list)
    notes: list[NoteLine] = field(default_factory=list)
    goals: list[GoalLine] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    text_sources: dict[str, Source] = field(default_factory=dict)
    sheets: set[str] = field(default_factory=set)  # normalized titles present

    def text(self, key: str) -> str:
        wanted = normalize(key)
        return next((v for k, v in self.texts.items() if normalize(k) == wanted), "")

    @property
    def liquid_funds(self) -> list[AmountLine]:
        """The balansräkning's likvida medel (its rows Kassa och bank)."""
        names = {normalize(n) for n in LIQUID_FUNDS}
        return [line for line in self.balance if normalize(line.name) in names]

    @property
    def cash_flow_result(self) -> AmountLine | None:
        """The kassaflödesanalys's row Årets resultat."""
        wanted = normalize(CASH_FLOW_RESULT)
        return next((x for x in self.cash_flow if normalize(x.name) == wanted), None)

    @property
    def referring_lines(self) -> list[AmountLine]:
        """The rows that may refer to a note: Finansiering's and Balansräkning's."""
        return [*self.financing, *self.balance]


@dataclass
class NamndFolder:
    """One nämnd of the kommun: its row in Nämnder and its report (None when it has errors)."""

    entry: NamndEntry
    report: Report | None
    economy: object = None  # compute.economy.Economy; typed there


@dataclass
class Kommun:
    book: KommunBook
    namnder: list[NamndFolder]
