"""Every sheet, column and field of the input contract, declared once.

Reading (read/), the labels of validation messages, `init` (headers, number formats, dropdowns,
widths), `init --från`, the example builder and the tables of docs/indata.md all take them from
here. Adding a column is one line below (and, if the report shows it, the code that computes it).

Report kinds: a column or sheet is required, optional or unused per kind, `delår`
(Delårsrapport 1 and 2) or `år` (Årsberättelse).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from . import fmt
from .amounts import NAMND_TABLE, UNIT_TABLE, Amount, EconomyTable
from .words import TOTAL
from .vocab import (COMMITMENTS, INDICATOR_UNITS, AmountUnit, BudgetModel, CommitmentStatus,
                    HeadingLevel, KeyFigureLevel, ObservationType, Organ, ReportType, RowType,
                    SumRowType,
                    TableRowLevel, TargetWord, Vocabulary, YesNo, normalize)

DELAR, ANNUAL = "delår", "år"
BOTH = (DELAR, ANNUAL)
KIND_NAMES = {DELAR: "delårsrapport", ANNUAL: "årsberättelse"}
NAMND, VERKSAMHET = "nämnd", "verksamhet"  # the two kinds of workbook
YEARS = (2000, 2100)  # the report years the contract accepts


def kind_of(report_type: ReportType) -> str:
    return ANNUAL if report_type.is_annual else DELAR


def in_words(values: list[str] | tuple[str, ...]) -> str:
    """`A`, `B` eller `C`."""
    quoted = [f"`{v}`" for v in values]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " eller " + quoted[-1]


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its header, the model field it fills and how it is read.

    A header ending in `fg år` or `år-N` names a year-bearing role: the actual year is accepted
    too (`Bokslut 2024` for `Bokslut fg år` when År is 2025), and `init` writes the year.
    """

    field: str
    header: str
    kind: str = "amount"  # amount (tkr) | text | label (the row's name)
    required: tuple[str, ...] = ()  # report kinds that require it: DELAR, ANNUAL
    only: tuple[str, ...] = ()  # the report kinds that use it, when not all
    width: int = 16  # in `init`'s workbooks
    vocabulary: type[Vocabulary] | None = None  # its closed vocabulary
    strict: bool = True  # only the vocabulary's words are accepted (else they are suggestions)
    starter: bool = True  # `init` writes it
    doc: str = ""  # its meaning, for docs/indata.md
    suggestions: tuple[str, ...] = ()  # offered by `init` instead of the vocabulary's values
    # `init --från`: the column of last period that fills it in the next period of the same
    # year, and in the first period of the next year ("": emptied)
    within_year: str = ""
    across_year: str = ""

    @property
    def choices(self) -> tuple[str, ...]:
        """What `init`'s dropdown offers."""
        if self.suggestions:
            return self.suggestions
        return tuple(self.vocabulary.values()) if self.vocabulary else ()

    def used_in(self, kind: str) -> bool:
        used = self.only or (self.required if len(self.required) == 1 else BOTH)
        return kind in used

    @property
    def unit(self) -> str:
        return "tkr" if self.kind == "amount" else ""

    def year_offset(self) -> int | None:
        if normalize(self.header).endswith("fg år"):
            return 1
        match = re.search(r"år-(\d)$", normalize(self.header))
        return int(match.group(1)) if match else None

    def role_prefix(self) -> str:
        return re.sub(r"\s*(fg år|år-\d)$", "", normalize(self.header))

    def headers_for(self, year: int) -> set[str]:
        offset = self.year_offset()
        names = {normalize(self.header)}
        if offset is not None:
            names.add(f"{self.role_prefix()} {year - offset}")
        return names

    def header_in(self, year: int) -> str:
        """The header with the actual year, as `init` writes it: `Bokslut 2024`."""
        offset = self.year_offset()
        if offset is None:
            return self.header
        return f"{self.header[:len(self.role_prefix())]} {year - offset}"

    def expected_header(self, year: int) -> str:
        offset = self.year_offset()
        if offset is None:
            return self.header
        return f"{self.header} eller {self.header_in(year)}"


@dataclass(frozen=True)
class KeyField:
    """A row of a `Fält`/`Värde` sheet (Rapport, Verksamhet) and the model attribute it fills."""

    name: str  # as written in the column Fält
    attr: str
    kind: str = "text"  # text | prose (with bold and italic) | year | month | date | amount |
    #                     integer | yesno | choice
    required: tuple[str, ...] = ()  # report kinds that require it
    required_note: str = ""  # when a condition, not the report kind, requires it
    default: object = ""
    vocabulary: type[Vocabulary] | None = None
    choices: tuple[str, ...] = ()  # offered as a dropdown when there is no vocabulary
    doc: str = ""
    expected: str = ""  # what a finding about an unknown value says is allowed, if not the list

    @property
    def dropdown(self) -> tuple[list[str], bool] | None:
        """(values, only these) for `init`."""
        if self.vocabulary is not None:
            return self.vocabulary.values(), True
        if self.kind == "yesno":
            return YesNo.values(), True
        return (list(self.choices), False) if self.choices else None

    @property
    def starter_value(self) -> object:
        """What `init` writes: a default worth seeing; empty otherwise."""
        if self.kind == "yesno":
            return (YesNo.JA if self.default else YesNo.NEJ).value
        if self.kind in ("text", "choice") and self.default:
            return str(self.default)
        return ""


@dataclass(frozen=True)
class Sheet:
    title: str  # a prefix (`Tabell `) for the economist's own sheets
    columns: tuple[Column, ...]
    levels: tuple[str, ...]  # the workbooks it may stand in: NAMND, VERKSAMHET
    required: tuple[str, ...] = ()  # report kinds that require it
    starter: tuple[str, ...] = ()  # the workbooks `init` writes it into
    fields: tuple[KeyField, ...] = ()  # a Fält/Värde sheet's rows
    prefill: tuple[str, ...] = ()  # labels `init` writes in the first column
    doc: str = ""
    filled: tuple[str, ...] = ()  # amount fields every row must have where the kind requires
    # the column (a blank is never a zero): varav rows and the control total are exempt
    name: str = ""  # an optional amount sheet's name in the model and in templates
    table: EconomyTable | None = None  # the table an optional amount sheet gives
    reconciled: bool = False  # its sums must agree with the verksamheters' Ekonomi (R08), and
    # its table's total is the nämnd's total
    both_levels: bool = False  # the nämnd's sheet and the verksamheters' own stand together:
    # the nämnd's is `tabell.<name>` and reconciles against all the verksamheters' Ekonomi, each
    # verksamhet's is its own table and reconciles against its own Ekonomi (else R01-BLAD-DUBBELT)
    carried: tuple[str, ...] = ()  # `init --från`: the columns carried as they are

    def filled_for(self, kind: str) -> list[Column]:
        """The amounts a row of this sheet must give in a report of `kind`."""
        return [c for c in self.columns if c.field in self.filled and kind in c.required]

    def columns_for(self, kind: str) -> list[Column]:
        return [c for c in self.columns if c.used_in(kind)]

    def column(self, field_name: str) -> Column:
        return next(c for c in self.columns if c.field == field_name)

    def field(self, attr: str) -> KeyField:
        return next(f for f in self.fields if f.attr == attr)

    @property
    def label(self) -> Column:
        return next(c for c in self.columns if c.kind == "label")


MONTHS = tuple(fmt.month_name(number) for number in range(1, 13))  # januari … december
RECIPIENT, STYRELSE_RECIPIENT = "Kommunstyrelsen", "Kommunfullmäktige"
PROPOSER = "Förvaltningen"
CHIEF_TITLE = "Förvaltningschef"  # the title under the name that signs the memo


def default_recipient(name: str, organ: str | None) -> str:
    """A nämnd reports to the kommunstyrelse; the kommunstyrelse itself to the fullmäktige."""
    kind = Organ(organ) if organ else Organ.from_name(name)
    return STYRELSE_RECIPIENT if kind is Organ.STYRELSE else RECIPIENT


KEY_VALUE = (Column("key", "Fält", "label", BOTH, width=34),
             Column("value", "Värde", "text", BOTH, width=60))

KOMMUN_TITLE = "Kommun"  # the sheet of the kommun's own workbook (contract/kommun.py declares it)
RAPPORT = Sheet("Rapport", KEY_VALUE, (NAMND,), BOTH, (NAMND,), fields=(
    KeyField("Kommun", "kommun", required=BOTH, doc="t.ex. `Örebro kommun`"),
    KeyField("Nämnd", "namnd", required=BOTH,
             doc="t.ex. `Vuxenutbildnings- och arbetsmarknadsnämnden`"),
    KeyField("Förvaltning", "forvaltning",
             doc="förvaltningens namn (står som författare i dokumentets egenskaper)"),
    KeyField("Rapporttyp", "rapporttyp", "choice", BOTH, default=None,
             vocabulary=ReportType,
             doc="styr perioden och kolumnerna; en annan rapport (t.ex. en kvalitetsredovisning "
                 "per helår) väljer den typ vars period den följer och skriver sitt namn i "
                 "Rapporttitel",
             expected=in_words(ReportType.values()).replace("`", "")
             + " (en annan rapports namn skrivs i Rapporttitel)"),
    KeyField("Rapporttitel", "rapporttitel",
             doc="rapportens namn i dokumenten och filnamnet, vilket som helst; standard efter "
                 "rapporttypen: " + in_words([t.default_title for t in ReportType])),
    KeyField("År", "ar", "year", BOTH, default=None, doc="t.ex. `2021`"),
    KeyField("Period till och med", "period_month", "month", (DELAR,), default=12,
             choices=MONTHS,
             doc="månad: `augusti`, `8` eller ett datum; årsberättelse: december"),
    KeyField("Beslutsdatum", "beslutsdatum", "date", default=None,
             doc="nämndsammanträdets datum, t.ex. `2021-09-24`"),
    KeyField("Paragraf", "paragraf", doc="`77` eller `§ 77`"),
    KeyField("Diarienummer", "diarienummer"),
    KeyField("Mottagare", "mottagare", default=RECIPIENT,
             doc=f"vem som får rapporten efter beslutet (en styrelse: `{STYRELSE_RECIPIENT}`)"),
    KeyField("Förslagsställare", "forslagsstallare", default=PROPOSER),
    KeyField("Förvaltningschef", "forvaltningschef",
             doc="namn, för tjänsteskrivelsens underskrift"),
    KeyField("Förvaltningschefens titel", "forvaltningschef_titel", default=CHIEF_TITLE,
             doc="titeln under namnet, t.ex. `Kommundirektör` för en styrelse"),
    KeyField("Handläggare", "handlaggare", doc="ett eller flera namn, för tjänsteskrivelsen"),
    KeyField("Belopp i text", "belopp_i_text", "choice", default=AmountUnit.TKR.value,
             vocabulary=AmountUnit, doc="enheten för belopp i de genererade meningarna; "
             "`miljoner kronor` skriver ut enheten, likadant i alla dokument"),
    KeyField("Organ", "organ_field", "choice", default=None, vocabulary=Organ,
             doc="vad som rapporterar; tomt: efter namnet (`Kommunstyrelsen` är en styrelse)"),
    KeyField("Budgetmodell", "budgetmodell", "choice", default=BudgetModel.NETTORAM.value,
             vocabulary=BudgetModel,
             doc="`Nettoram`: nämnden har en ram för sin nettokostnad. `Kommunbidrag`: nämnden "
                 "får ett kommunbidrag (en intäktsrad per verksamhet, se `Radtyp`) och "
                 "resultatet mäts mot en nollbudget; totalraden heter `Resultat`"),
    KeyField("Budget helår", "ram", "amount", default=None,
             doc="nämndens budget för året som en enda ram, i tkr med tecken som i Ekonomi "
                 "(en nettokostnad negativ). Med ramen här får verksamheternas och enheternas "
                 "Budget helår vara tomma (inte en intraprenads, som bedöms mot sin egen "
                 "budget): deras budget, avvikelse och förbrukning visas då som `–`. Har "
                 "varje verksamhet en budget ska summan stämma med ramen "
                 "(R32-BUDGET-AVSTAMNING)"),
))

VERKSAMHET_INFO = Sheet("Verksamhet", KEY_VALUE, (VERKSAMHET,), BOTH, (VERKSAMHET,), fields=(
    KeyField("Verksamhet", "name", required=BOTH,
             doc="namnet som det ska stå i rapporten, t.ex. `Verksamhet Arbete`"),
    KeyField("Ordning", "ordning", "integer", default=None,
             doc="heltal: ordningen i alla tabeller (därefter efter namn)"),
    KeyField("Intraprenad", "intraprenad", "yesno", default=False),
    KeyField("Ingående ackumulerat resultat", "ingaende_ack", "amount",
             required_note="ja för intraprenad", default=Decimal(0),
             doc="tkr som förs med från tidigare år"),
    KeyField("Visa enheter i nämndens tabell", "visa_enheter", "yesno", default=False,
             doc="`Ja`: nämndens tabell över enheterna visar verksamhetens enheter i stället "
                 "för en rad"),
    KeyField("Ekonomisk analys", "ekonomisk_analys", "prose",
             doc="text som står under verksamheten i avsnittet om ekonomi"),
    KeyField("Ansvarig", "ansvarig"),
    KeyField("Utanför nämndens resultat", "utanfor_resultat", "yesno", default=False,
             doc="`Ja`: verksamheten redovisas bredvid nämnden med egen tabell (t.ex. revisionen, "
                 "valnämnden) men ingår aldrig i nämndens summor, meningar, siffror eller "
                 "tabeller över kontogrupper, verksamhetsområden och investeringar. "
                 "Dess blad för mål och listor (`Iakttagelser`, `Indikatorer`, `Åtaganden`, "
                 "listorna "
                 "i `Statusar`) läses inte in i nämndens avsnitt; verktyget varnar "
                 "(R25-UTANFOR-MAL)"),
    KeyField("Budget helår", "ram", "amount", default=None,
             doc="verksamhetens budget för året som en ram, i tkr med tecken som i Ekonomi, "
                 "när nämnden inte fördelar den på enheterna: enheternas Budget helår får då "
                 "vara tomma och visas som `–`. Har varje enhet ändå en budget ska summan "
                 "stämma med ramen (R32-BUDGET-AVSTAMNING)"),
))

# --- amount sheets ----------------------------------------------------------------------------

def _amount(field_name: str, header: str, required: tuple[str, ...] = (),
            only: tuple[str, ...] = (), doc: str = "", within_year: str = "",
            across_year: str = "") -> Column:
    return Column(field_name, header, "amount", required, only, doc=doc,
                  within_year=within_year, across_year=across_year)


A = Amount
BOKSLUT_FG = _amount(A.BOKSLUT_FG, "Bokslut fg år", within_year=A.BOKSLUT_FG,
                     across_year=A.UTFALL_HELAR)
BUDGET_FG = _amount(A.BUDGET_FG, "Budget fg år", within_year=A.BUDGET_FG,
                    across_year=A.BUDGET_HELAR)
UTFALL_PERIOD_FG = _amount(A.UTFALL_PERIOD_FG, "Utfall period fg år", only=(DELAR,))
UTFALL_PERIOD = _amount(A.UTFALL_PERIOD, "Utfall period", (DELAR,))
BUDGET_PERIOD = _amount(A.BUDGET_PERIOD, "Budget period", (DELAR,))
BUDGET_HELAR = _amount(A.BUDGET_HELAR, "Budget helår", BOTH, within_year=A.BUDGET_HELAR)
PROGNOS_HELAR = _amount(A.PROGNOS_HELAR, "Prognos helår", (DELAR,))
UTFALL_HELAR = _amount(A.UTFALL_HELAR, "Utfall helår", (ANNUAL,))
PROGNOS_FG_DELAR = _amount(A.PROGNOS_FG_DELAR, "Prognos fg delår", only=(DELAR,),
                           doc="förra prognosen; ger en kolumn med förändringen",
                           within_year=A.PROGNOS_HELAR)
PROGNOS_FORSAMRING = replace(_amount(
    A.PROGNOS_FORSAMRING, "Prognosförsämring", only=(DELAR,),
    doc="prognososäkerheten: hur mycket sämre än prognosen helåret kan sluta, som positivt "
        "belopp; ger prognosspannets min"), starter=False)
PROGNOS_FORBATTRING = replace(_amount(
    A.PROGNOS_FORBATTRING, "Prognosförbättring", only=(DELAR,),
    doc="hur mycket bättre än prognosen helåret kan sluta, som positivt belopp; ger "
        "prognosspannets max"), starter=False)
AVVIKELSE = _amount(A.AVVIKELSE, "Avvikelse", doc="kontrollkolumn: Prognos (Utfall) helår − "
                                                  "Budget helår")
VARAV = Column("varav", "Varav", "text",
               doc="namnet på en annan enhet i samma blad: raden är en delmängd av den")
RADTYP = Column("radtyp", "Radtyp", "text", vocabulary=RowType,
                doc="markerar kommunbidraget (budgetmodellen `Kommunbidrag`); en rad som heter "
                    "`Kommunbidrag` eller `Kommunersättning` räknas också som kommunbidrag")

EKONOMI = Sheet("Ekonomi", (
    Column("name", "Enhet", "label", BOTH, width=34),
    BOKSLUT_FG, UTFALL_PERIOD, BUDGET_PERIOD, BUDGET_HELAR, PROGNOS_HELAR, UTFALL_HELAR,
    PROGNOS_FG_DELAR, AVVIKELSE, VARAV, RADTYP, PROGNOS_FORSAMRING, PROGNOS_FORBATTRING,
), (VERKSAMHET,), BOTH, (VERKSAMHET,), doc="en rad per enhet",
    filled=(A.UTFALL_PERIOD, A.BUDGET_HELAR, A.PROGNOS_HELAR, A.UTFALL_HELAR),
    carried=("name", "varav"))
DELSUMMA = Column("group", "Delsumma", "text", starter=False,
                  doc="delsumman raden ingår i, t.ex. `Finansnetto`: rader i följd med samma "
                      "delsumma får en summarad med det namnet efter sig. En rad som själv "
                      "heter så är en inskriven delsumma; den stäms av mot raderna och räknas "
                      "inte med")
KONTOGRUPPER = Sheet("Kontogrupper", (
    Column("name", "Kontogrupp", "label", BOTH),
    BOKSLUT_FG, BUDGET_FG, UTFALL_PERIOD_FG, BUDGET_HELAR, UTFALL_PERIOD, PROGNOS_HELAR,
    UTFALL_HELAR, Column("radtyp", "Radtyp", "text", vocabulary=SumRowType, starter=False,
                         doc=RADTYP.doc + ". `Delsumma`: en delsumma av alla rader ovanför, "
                             "uträknad där raden står (t.ex. `Resultat efter finansiella "
                             "poster`); `Summa`: tabellens summarad där raden står, med radens "
                             "namn; rader under den (t.ex. över-/underskott) ingår inte i den "
                             "och stäms inte av, och en senare `Summa` lägger dem till. "
                             "Beloppen i en sådan rad lämnas tomma (ifyllda stäms de av)"),
    replace(PROGNOS_FG_DELAR, starter=False),
    replace(BUDGET_PERIOD, required=(), only=(DELAR,), starter=False), DELSUMMA,
), (NAMND, VERKSAMHET), starter=(NAMND,), doc="resultaträkningen per kontogrupp; nämndens "
    "blad och verksamheternas egna får finnas samtidigt: nämndens stäms av mot alla "
    "verksamheters Ekonomi (`tabell.kontogrupper`), en verksamhets mot dess egen Ekonomi "
    "(`v.kontogrupper`)",
    name="kontogrupper", reconciled=True, both_levels=True, carried=("name", "group"),
    table=EconomyTable(
        "kontogrupper", ("bokslut_fg", "budget_fg", "utfall_period_fg", "forbrukning_ar_fg",
                         "budget", "utfall_period", "forbrukning_ar", "prognos", "avvikelse"),
        ("bokslut_fg", "budget", "utfall", "avvikelse", "forandring_mot_fg_ar"), "Kontogrupp"))
# Further resultaträkningar: `Kontogrupper <namn>`, same columns, summed like Kontogrupper but
# never reconciled (a part of a verksamhet, or several verksamheter together)
KONTOGRUPPER_DEL = replace(
    KONTOGRUPPER, title="Kontogrupper ", starter=(), reconciled=False, both_levels=False,
    name="resultatrakningar",
    doc="fler resultaträkningar per kontogrupp med ett eget namn efter `Kontogrupper `, t.ex. "
        "`Kontogrupper Egen regi`: samma kolumner, delsummor och summarader som `Kontogrupper`. "
        "I en verksamhets arbetsbok är det en del av verksamheten (`v.resultatrakningar`), i "
        "nämndens en tabell över flera verksamheter tillsammans (`resultatrakningar`). De stäms "
        "inte av mot någon Ekonomi (en del är inte hela verksamheten); summaraderna räknas "
        "och inskrivna summor stäms av som i `Kontogrupper`. Texten till tabellen (t.ex. dess "
        "prognos) står i nämndens `Text` med bladets namn som avsnitt, `Kontogrupper Egen regi`")
VERKSAMHETSOMRADEN = Sheet("Verksamhetsområden", (
    Column("name", "Verksamhetsområde", "label", BOTH),
    BOKSLUT_FG, UTFALL_PERIOD, BUDGET_PERIOD, BUDGET_HELAR, PROGNOS_HELAR, UTFALL_HELAR,
), (NAMND, VERKSAMHET), starter=(NAMND,), doc="fördelningen på verksamhetskoder",
    name="verksamhetsomraden", reconciled=True, carried=("name",), table=EconomyTable(
        "verksamhetsomraden", ("bokslut_fg", "utfall_period", "budget_period",
                               "avvikelse_period", "budget", "prognos", "avvikelse"),
        ("bokslut_fg", "utfall", "budget", "avvikelse", "forandring_mot_fg_ar"), "Verksamhet"))
INVESTERINGAR = Sheet("Investeringar", (
    Column("name", "Objekt", "label", BOTH),
    BOKSLUT_FG, BUDGET_HELAR, UTFALL_PERIOD, PROGNOS_HELAR, UTFALL_HELAR,
    replace(UTFALL_PERIOD_FG, starter=False),
), (NAMND, VERKSAMHET), starter=(NAMND,), doc="investeringsprojekten",
    name="investeringar", carried=("name",), table=EconomyTable(
        "investeringar", ("budget", "utfall_period", "prognos"),
        ("budget", "utfall", "avvikelse"), "Objekt", total=TOTAL))
KOMMUNBIDRAG_HELAR = _amount(A.KOMMUNBIDRAG_HELAR, "Kommunbidrag",
                             doc="årets kommunbidrag till raden",
                             within_year=A.KOMMUNBIDRAG_HELAR)
RESULTAT = Sheet("Resultat per verksamhet", (
    Column("name", "Verksamhet", "label", BOTH, width=34),
    KOMMUNBIDRAG_HELAR, BOKSLUT_FG, UTFALL_PERIOD_FG, UTFALL_PERIOD, BUDGET_PERIOD, BUDGET_HELAR,
    PROGNOS_HELAR, PROGNOS_FG_DELAR, UTFALL_HELAR, PROGNOS_FORSAMRING, PROGNOS_FORBATTRING,
), (NAMND, VERKSAMHET), doc="resultatet per verksamhet mot en nollbudget (budgetmodellen "
    "`Kommunbidrag`), med kommunbidraget i en egen kolumn; verksamhetskoden kan stå i namnet, "
    "`Ekonomiskt bistånd (574)`. Summorna stäms av mot verksamheternas Ekonomi",
    name="resultat", reconciled=True, carried=("name",), table=EconomyTable(
        "resultat", ("kommunbidrag", "utfall_period", "utfall_period_fg", "prognos"),
        ("kommunbidrag", "bokslut_fg", "utfall"), "Verksamhet", total=TOTAL))
BOKSLUT = Sheet("Bokslut", (
    Column("name", "Verksamhet", "label", BOTH, width=34,
           doc="verksamhetens namn som i bladet Verksamhet"),
    _amount(A.BOKSLUT_AR4, "Bokslut år-4", within_year=A.BOKSLUT_AR4,
            across_year=A.BOKSLUT_AR3),
    _amount(A.BOKSLUT_AR3, "Bokslut år-3", within_year=A.BOKSLUT_AR3,
            across_year=A.BOKSLUT_AR2),
    _amount(A.BOKSLUT_AR2, "Bokslut år-2", within_year=A.BOKSLUT_AR2,
            across_year=A.BOKSLUT_FG),
    replace(BOKSLUT_FG, across_year="",
            doc="förra årets bokslut; tomt: summan av enheternas Bokslut fg år i Ekonomi (ges "
                "båda ska de stämma, R33-BOKSLUT-AVSTAMNING). `init --från` skriver förra "
                "årets utfall här"),
), (NAMND,), doc="nettokostnaden per verksamhet i bokslutet de fyra föregående åren, en rad per "
    "verksamhet: tabellen `tabell.nettokostnad_fem_ar` visar dem med årets prognos (i en "
    "årsberättelse utfallet) och en summarad. Ett år som saknas visas som `–`, och dess "
    "summa också. Över ett årsskifte flyttar `init --från` varje år ett steg bakåt",
    carried=("name",))
# The Bokslut years back, oldest first, as the sheet Bokslut declares them
BOKSLUT_COLUMNS = tuple(c for c in BOKSLUT.columns if c.kind == "amount")

# The optional amount sheets by name (`Report.amount_sheets`, `tabell.<name>`), in report order
ECONOMY_SHEETS = {sheet.name: sheet for sheet in (KONTOGRUPPER, VERKSAMHETSOMRADEN,
                                                  INVESTERINGAR, RESULTAT)}
ECONOMY_TABLES = (NAMND_TABLE, UNIT_TABLE, *(s.table for s in ECONOMY_SHEETS.values() if s.table))
AMOUNT_HEADERS = {c.field: c.header for sheet in (EKONOMI, *ECONOMY_SHEETS.values(), BOKSLUT)
                  for c in sheet.columns if c.kind == "amount"}  # field → header, for messages

# Row names that make a row a control total, or the kommunbidrag
CONTROL_TOTAL_NAMES = ("Summa", "Totalt", "Total", "Nettokostnad", "Resultat")
KOMMUNBIDRAG_NAMES = ("Kommunbidrag", "Kommunersättning", "Kommunersättningar")

# --- the nämnd's other sheets ------------------------------------------------------------------

TEXT_SECTIONS = ("Sammanfattande bedömning", "Förvaltningschefens analys",
                 "Händelser av väsentlig betydelse", "Förväntad utveckling", "Ekonomisk analys",
                 "Effektivisering", "Intäkts- och kostnadsutveckling", "Investeringar", "Ärendet")
MEMO_SECTION = "Ärendet"  # the tjänsteskrivelse's matter

BESLUT = Sheet("Beslut", (
    Column("nr", "Nr", "text", width=6),
    Column("value", "Beslutspunkt", "label", BOTH, width=80, doc="beslutspunkten ordagrant"),
    Column("att", "Att-sats", "text", width=60,
           doc="samma beslut formulerat för tjänsteskrivelsen, t.ex. `fastställa "
               "delårsrapporten`"),
), (NAMND,), starter=(NAMND,))
UNDERLAG = Sheet("Beslutsunderlag", (
    Column("key", "Dokument", "label", BOTH, width=60),
    Column("diarienummer", "Diarienummer", "text", width=20),
), (NAMND,), starter=(NAMND,))
TEXT = Sheet("Text", (
    Column("key", "Avsnitt", "label", BOTH, width=34, doc="avsnittets namn"),
    Column("value", "Text", "text", BOTH, width=100, doc="löptext"),
), (NAMND,), starter=(NAMND,), prefill=TEXT_SECTIONS)

VARAVRADER = Sheet("Varavrader", (
    Column("key", "Varav", "label", BOTH, width=44,
           doc="radens namn efter `- varav`, t.ex. `Myndighetsavdelningen samt centralt "
               "skolstöd`; rader med samma namn är samma varav-rad"),
    Column("enhet", "Enhet", "text", BOTH, width=44,
           doc="en enhet som raden omfattar, med namnet som i en verksamhets `Ekonomi`"),
), (NAMND,), doc="varav-rader över flera enheter, också i olika verksamheter: nämndens tabell "
                 "visar dem under summaraden (`- varav …`) med summan av enheternas belopp, och "
                 "de räknas aldrig in i summan. En enhet som inte finns i nämndens `Ekonomi` "
                 "är ett fel vid sin cell")

KVITTERAT = Sheet("Kvitterat", (
    Column("code", "Kod", "label", BOTH, width=26, doc="varningens kod, t.ex. `R10-TECKEN`"),
    Column("place", "Plats", "text", BOTH, width=60,
           doc="varningens plats som verktyget skriver den, t.ex. `KSF.xlsx › Ekonomi › D3` "
               "(radens namn inom parentes får stå med)"),
    Column("motivering", "Motivering", "text", BOTH, width=80,
           doc="varför varningen är riktig som den är; en rad utan motivering gäller inte"),
), (NAMND,), starter=(NAMND,),
    doc="varningar som ekonomen har prövat och som stämmer med verkligheten (en central pott "
        "med positiv budget, en rad utan budget med avsikt). En varning med samma Kod och "
        "Plats visas som kvitterad med motiveringen och ger inte längre slutkod 1. Fel kan "
        "inte kvitteras. En rad som inte längre motsvarar någon varning ger själv en varning "
        "(R31-KVITTERING-INAKTUELL), så att listan inte blir gammal. `init --från` för över "
        "raderna; kontrollera dem mot den nya periodens varningar")

# --- goals and key figures ---------------------------------------------------------------------

GOAL = Column("malomrade", "Målområde", "text", BOTH, width=12, doc="målområdets Nr")
COMMENT = Column("comment", "Kommentar", "text", width=60)
MALOMRADEN = Sheet("Målområden", (
    Column("nr", "Nr", "label", BOTH, width=6),
    Column("name", "Målområde", "text", BOTH, width=50),
    Column("analysis", "Sammanfattande analys", "text", width=100),
), (NAMND,), starter=(NAMND,))
IAKTTAGELSER = Sheet("Iakttagelser", (
    GOAL, Column("type", "Typ", "text", BOTH, width=20, vocabulary=ObservationType),
    Column("text", "Iakttagelse", "label", BOTH, width=90),
), (NAMND, VERKSAMHET), starter=(NAMND, VERKSAMHET))
INDIKATORER = Sheet("Indikatorer", (
    GOAL, Column("group", "Grupp", "text", width=20, doc="blir en mellanrubrik"),
    Column("name", "Indikator", "label", BOTH, width=60),
    Column("unit", "Enhet", "text", width=10, suggestions=INDICATOR_UNITS, strict=False,
           doc="t.ex. " + in_words(INDICATOR_UNITS) + " eller fri text"),
    Column("v0", "Utfall år-2", "text", width=12), Column("v1", "Utfall år-1", "text", width=12),
    Column("v2", "Prognos", "text", (DELAR,), width=12),
    Column("v2u", "Utfall", "text", (ANNUAL,), width=12),
    Column("target", "Målvärde", "text", width=12, vocabulary=TargetWord, strict=False,
           doc="ett tal, `-` eller ett av orden"),
    Column("comment", "Kommentar", "text", width=50, doc="blir en numrerad fotnot"),
), (NAMND, VERKSAMHET), starter=(NAMND, VERKSAMHET),
    doc="ett värde får vara ett tal eller text (`-`, `Ca 57 %`)")
ATAGANDEN = Sheet(COMMITMENTS, (
    GOAL, Column("text", "Åtagande", "label", BOTH, width=60),
    Column("status", "Status", "text", BOTH, width=14, vocabulary=CommitmentStatus),
    COMMENT,
    Column("done", "Färdiggrad", "text", width=12,
           doc="hur stor del som är gjord, i procent (`25` eller `25 %` i procentformat); "
               "ger en kolumn Färdiggrad i tabellen över målområdets åtaganden"),
), (NAMND, VERKSAMHET), starter=(NAMND, VERKSAMHET))
FEM_AR = Sheet("Fem år", (
    Column("group", "Grupp", "text", width=20),
    Column("name", "Nyckeltal", "label", BOTH, width=50),
    Column("level", "Nivå", "text", width=6, suggestions=tuple(KeyFigureLevel.values()),
           doc="tom eller 0 = huvudrad, 1 = underrad som `Kvinnor`, 2 = under-underrad"),
    *(Column(f"v{i}", f"Utfall år-{4 - i}", "text") for i in range(4)),
    Column("v4", "Prognos", "text", (DELAR,)), Column("v4u", "Utfall", "text", (ANNUAL,)),
    Column("comment", "Kommentar", "text", doc="fotnot"),
    Column("chart", "Diagram", "text", vocabulary=YesNo,
           doc="`Ja` ger ett litet linjediagram över raden"),
), (NAMND,), starter=(NAMND,))

# --- lists with their own statuses -------------------------------------------------------------

STATUSAR = Sheet("Statusar", (
    Column("list", "Lista", "label", BOTH, width=20, doc="bladets namn, t.ex. `Uppdrag`"),
    Column("status", "Status", "text", BOTH, width=24,
           doc="statusen som den skrivs i listan, t.ex. `Klart 2020`"),
    Column("rubrik", "Rubrik", "text", width=30,
           doc="gruppens rubrik, t.ex. `Färdiga uppdrag` (standard: statusen)"),
    Column("flertal", "I text", "text", width=34,
           doc="orden efter antalet i en mening, t.ex. `förväntas bli färdiga 2020`, `är "
               "stoppade` (standard: statusen med liten bokstav)"),
    Column("ental", "I text ental", "text", width=34,
           doc="samma när antalet är ett, t.ex. `är stoppad` (standard: `I text`)"),
), (NAMND,), starter=(NAMND,))


def list_columns(title: str) -> tuple[Column, ...]:
    """A declared list's sheet: its label column is headed by the sheet's name."""
    return (Column("text", title, "label", BOTH), Column("status", "Status", "text", BOTH),
            Column("comment", "Kommentar", "text"), Column("year", "Förväntat år", "text"),
            Column("done", "Färdiggrad", "text"))


# --- the economist's own tables and chapters ---------------------------------------------------

LEVEL_HEADER, NOTE_HEADER = "Nivå", "Fotnot"  # reserved headers of a table sheet
OWN_TABLE = Sheet("Tabell ", (
    Column("label", "Radnamn", "label", BOTH, width=40),
    Column("value1", "Kolumn 1 (enhet)", "text"), Column("value2", "Kolumn 2 (enhet)", "text"),
    Column("level", LEVEL_HEADER, "text", width=8,
           vocabulary=TableRowLevel,
           suggestions=tuple(v or "0" for v in TableRowLevel.values()),
           doc="`titel`: radnamnet över hela bredden (först: ovanför kolumnrubrikerna); "
               "`bredd`: kolumnernas relativa bredder, t.ex. 3, 1, 1; `kolumntyp`: `text` "
               "eller `tal` per kolumn"),
    Column("note", NOTE_HEADER, "text", width=50,
           doc="fotnoten; `*) …` eller `a) …` behåller sin markering, annars numreras den"),
), (NAMND, VERKSAMHET), starter=(NAMND,))
CHAPTER = Sheet("Kapitel ", (
    Column("heading", "Rubrik", "text", width=50),
    Column("level", "Nivå", "text", width=8, vocabulary=HeadingLevel,
           doc="rubrikens nivå, som Words Rubrik 1–4 (standard `2`)"),
    Column("text", "Text", "label", width=100),  # a row may be a heading only
), (NAMND, VERKSAMHET), starter=(NAMND,))
RECORDS = Sheet("Poster ", (
    Column("group", "Grupp (t.ex. Målområde)", "text", width=12,
           doc="en kolumn som grupperar posterna (bladet `Postgrupper`); tom = samma som raden "
               "ovanför"),
    Column("field", "Fält (t.ex. Beskrivning)", "label", width=100,
           doc="vilka rubriker som helst; varje fält är löptext (stycken, `- ` punkter)"),
), (NAMND, VERKSAMHET), doc="poster som mallen går igenom, t.ex. KF-mål med åtaganden")
EXAMPLE_NAME = "Exempel"  # `init` writes `Tabell Exempel` and `Kapitel Exempel` to copy

GROUP_SEPARATORS = re.compile(r"\s*(?:›|>|,|;)\s*")  # `Målområde › KF-mål › Åtagande`
POSTGRUPPER = Sheet("Postgrupper", (
    Column("sheet", "Blad", "label", BOTH, width=24,
           doc="postbladets namn efter `Poster `, t.ex. `KF-mål` för bladet `Poster KF-mål`"),
    Column("groups", "Gruppera efter", "text", width=50,
           doc="kolumnerna som grupperar posterna, yttersta först: `Målområde › KF-mål › "
               "Åtagande`; ett fält hör till närmaste grupp till vänster om det"),
    Column("required", "Obligatoriska kolumner", "text", width=40,
           doc="kolumner som bladet måste ha, t.ex. `Bidrag, Beskrivning`"),
), (NAMND,), doc="hur bladen `Poster <namn>` grupperas")

# Every sheet with a fixed name, in the order `init` writes them
SHEETS = (RAPPORT, VERKSAMHET_INFO, EKONOMI, BESLUT, UNDERLAG, TEXT, MALOMRADEN, IAKTTAGELSER,
          INDIKATORER, ATAGANDEN, STATUSAR, FEM_AR, KONTOGRUPPER, VERKSAMHETSOMRADEN,
          INVESTERINGAR, RESULTAT, BOKSLUT, POSTGRUPPER, VARAVRADER, KVITTERAT)
OWN_SHEETS = (OWN_TABLE, CHAPTER, RECORDS, KONTOGRUPPER_DEL)


def sheet_named(title: str) -> Sheet | None:
    return next((s for s in SHEETS if normalize(s.title) == normalize(title)), None)
