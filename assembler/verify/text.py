"""Rules 14–16: figures and words in the economists' free text against the report's figures.

An amount in text is a number with a unit (`3,6 mnkr`, `-4 903 tkr`, `14 684 tkr`,
`2,7 procent`); a number without a unit (a year, a date, a count of people, a paragraph number)
is never taken for an amount. Amounts compare at display rounding and by magnitude: text often
quotes a cost without its minus. The sign is rule 15's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..contract import fmt, rich
from ..read.cells import number_from_text
from ..compute.economy import Economy, compute_economy
from ..contract.findings import Findings
from ..contract.model import Report, ReportType
from ..contract.sheets import VERKSAMHET_INFO
from ..contract.vocab import normalize
from ..compute.tables import ColumnKind, RowKind, Table

AMOUNT = re.compile(
    r"(?<![\w,.])(?P<sign>[+\-\u2212\u2013]\s?)?"
    r"(?P<number>\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
    r"\s?(?P<unit>tkr|mnkr|mkr|miljoner kronor|procent|%)(?!\w)", re.IGNORECASE)
TOPIC_WORDS = ("avvikelse", "överskott", "underskott", "utfall", "prognos", "budget")
# words that say an amount is not one of the report's economy figures (a price index, a
# portfolio's multi-year frame …); matched inside compounds (`portföljkostnader`, `KPI-uppräkning`)
NOT_ECONOMY_STEMS = ("kpi", "index", "portfölj", "inflation", "ränt", "prisök", "löneök")
WORDS_AFTER = 3  # how many words after an amount still describe it
CLAUSE_BREAK = re.compile(r",\s|;|:\s|\(|\)")
POSITIVE_WORDS = ("positiv avvikelse", "positiva avvikelse", "överskott")
NEGATIVE_WORDS = ("negativ avvikelse", "negativa avvikelse", "underskott")


@dataclass(frozen=True)
class Figure:
    """A figure the report shows, in tkr (amounts) or percent points (percentages)."""

    value: Decimal
    is_percent: bool
    entity: str  # row label the figure belongs to
    where: str  # `5.1, Nettokostnad, Avvikelse budget–prognos`


@dataclass(frozen=True)
class TextAmount:
    raw: str
    value: Decimal  # tkr for amounts, percent points for percentages; signed as written
    decimals: int
    unit: str
    explicit_sign: bool
    start: int = 0  # position in the text searched
    end: int = 0

    @property
    def is_percent(self) -> bool:
        return self.unit in ("procent", "%")

    def matches(self, figure: Figure) -> bool:
        """Equal at the display rounding the text used, by magnitude."""
        if figure.is_percent != self.is_percent:
            return False
        scale = Decimal(1000) if self.unit in ("mnkr", "mkr", "miljoner kronor") else Decimal(1)
        shown = fmt.round_half_up(abs(figure.value) / scale, self.decimals)
        return shown == fmt.round_half_up(abs(self.value) / scale, self.decimals)


def find_amounts(text: str) -> list[TextAmount]:
    found = []
    for match in AMOUNT.finditer(text):
        number = number_from_text(match.group("number"))
        if number is None:
            continue
        unit = match.group("unit").lower()
        sign = (match.group("sign") or "").strip()
        decimals = len(match.group("number").split(",")[1]) if "," in match.group("number") else 0
        value = -number if sign in ("-", "\u2212", "\u2013") else number
        if unit in ("mnkr", "mkr", "miljoner kronor"):
            value *= 1000
        found.append(TextAmount(match.group(0).strip(), value, decimals, unit, bool(sign),
                                match.start(), match.end()))
    return found


def table_figures(table: Table | None, section: str, total_entity: str) -> list[Figure]:
    """Figures of one table; its total rows belong to `total_entity` (the nämnd or verksamhet)."""
    if table is None:
        return []
    figures = []
    for row in table.rows:
        entity = total_entity if row.kind is RowKind.TOTAL else row.label
        for value, column in zip(row.values, table.columns):
            if value is None:
                continue
            is_percent = column.kind is ColumnKind.PERCENT
            figures.append(Figure(value * 100 if is_percent else value, is_percent, entity,
                                  f"{section}, {row.label}, {column.title}"))
    return figures


def report_figures(report: Report, economy: Economy) -> list[Figure]:
    namnd = report.info.namnd
    tables = [(economy.namnd_table, "5.1", namnd), (economy.accumulated_table, "5.1", namnd),
              (economy.adjusted_table, "5.1", namnd), (economy.kontogrupper_table, "5.2", namnd),
              (economy.omraden_table, "5.3", namnd), (economy.investeringar_table, "5.4", namnd)]
    tables += [(v.table, v.verksamhet.name, v.verksamhet.name)
               for v in economy.verksamheter + economy.utanfor]
    figures = [f for table, section, entity in tables
               for f in table_figures(table, section, entity)]
    for value, label in [(economy.share_of_budgetram(economy.deviation), "inkl. intraprenader"),
                         (economy.share_of_budgetram(economy.deviation_excl),
                          "exkl. intraprenader")]:
        if value is not None:
            figures.append(Figure(value * 100, True, namnd,
                                  f"avvikelse i procent av budgetramen, {label}"))
    figures.append(Figure(economy.budgetram, False, namnd, "nämndens budgetram"))
    return figures


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def entity_names(report: Report, economy: Economy) -> dict[str, str]:
    """Normalized name in text → row label whose figures it must match."""
    namnd = report.info.namnd
    organ = report.info.organ
    names = {normalize(namnd): namnd, "nämnden": namnd, "nämndens": namnd,
             organ.definite: namnd, organ.genitive: namnd}
    if economy.omraden_table is not None:
        for table_row in economy.omraden_table.rows:
            if table_row.kind is not RowKind.TOTAL:
                names.setdefault(normalize(table_row.label), table_row.label)
    for part in economy.verksamheter + economy.utanfor:
        names[normalize(part.verksamhet.name)] = part.verksamhet.name
        for row in part.verksamhet.ekonomi.rows:
            names.setdefault(normalize(row.name), row.name)
    return names


def mentioned_entity(text: str, names: dict[str, str]) -> str | None:
    """The entity named last in `text` (the words before an amount); of names ending at the
    same place, the most specific (`Verksamhet Alfa` over `Alfa`)."""
    lowered = normalize(text)
    hits = [(match.end(), len(name), name) for name in names
            for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", lowered)]
    return names[max(hits)[2]] if hits else None


def clauses(sentence: str) -> list[str]:
    """A sentence cut at commas, semicolons, colons and brackets: `Politisk verksamhet 0,2
    mnkr, infrastruktur och skydd 0,3 mnkr` is two clauses (`0,2` has no space after its comma)."""
    return [part for part in CLAUSE_BREAK.split(sentence) if part.strip()]


def not_an_economy_figure(clause: str, amount: TextAmount) -> bool:
    """The clause's words before the amount, or the few right after it, say it is no report
    figure (`KPI 2,7 procent`, `portföljen om 200 mnkr`)."""
    after = clause[amount.end:].split()[:WORDS_AFTER]
    words = re.findall(r"\w+", clause[:amount.start].lower()) + [w.lower() for w in after]
    return any(stem in word for word in words for stem in NOT_ECONOMY_STEMS)


def _nearest(amount: TextAmount, figures: list[Figure]) -> Figure | None:
    same_kind = [f for f in figures if f.is_percent == amount.is_percent]
    return min(same_kind, key=lambda f: abs(abs(f.value) - abs(amount.value)), default=None)


def _display(figure: Figure, amount: TextAmount) -> str:
    if figure.is_percent:
        return fmt.percent_sentence(figure.value / 100, signed=False)
    if amount.unit in ("mnkr", "mkr", "miljoner kronor"):
        return fmt.mnkr_sentence(abs(figure.value), signed=False)
    return fmt.tkr_sentence(abs(figure.value), signed=False)


def check_amount(amount: TextAmount, sentence: str, entity: str | None, location: dict,
                 figures: list[Figure], findings: Findings) -> None:
    """R14: (a) an amount said of an entity (named before it in its clause) must be one of its
    figures; (b) any amount must be one of the report's figures."""
    topical = any(word in sentence.lower() for word in TOPIC_WORDS)
    own = [f for f in figures if f.entity == entity and not f.is_percent]
    if entity and topical and own and not amount.is_percent:
        if not any(amount.matches(f) for f in own):
            deviations = [f for f in own if "Avvikelse" in f.where]
            speaks_of_deviation = any(w in sentence.lower()
                                      for w in ("avvikelse", "överskott", "underskott"))
            best = deviations[0] if deviations and speaks_of_deviation else _nearest(amount, own)
            if best is not None:
                findings.add("R14-TEXT-ENTITET", found=amount.raw,
                             expected=_display(best, amount), entity=entity, where=best.where,
                             **location)
        return
    if not any(amount.matches(f) for f in figures):
        nearest = _nearest(amount, figures)
        if nearest is not None:
            findings.add("R14-TEXT-BELOPP", found=amount.raw,
                         expected=_display(nearest, amount), where=nearest.where, **location)


def check_sign_words(amount: TextAmount, sentence: str, location: dict,
                     findings: Findings) -> None:
    """R15: `positiv avvikelse … -4 903 tkr` or `underskott … +200 tkr`."""
    if not amount.explicit_sign or amount.is_percent:
        return
    before = sentence.lower()[:sentence.find(amount.raw)]
    words = [(before.rfind(w), w, +1) for w in POSITIVE_WORDS]
    words += [(before.rfind(w), w, -1) for w in NEGATIVE_WORDS]
    position, word, sign = max(words)
    if position < 0:
        return
    if (sign > 0 and amount.value < 0) or (sign < 0 and amount.value > 0):
        findings.add("R15-TECKENORD", found=amount.raw, word=word, **location)


OTHER_REPORT_NAMES = {  # the names of the other report types, as a document names them
    ReportType.INTERIM_1: r"\bårsberättelse\w*|\bårsredovisning\w*|\bdelårsrapport(?:en)?(?: med "
                          r"prognos)? 2\b",
    ReportType.INTERIM_2: r"\bårsberättelse\w*|\bårsredovisning\w*|\bdelårsrapport(?:en)?(?: med "
                          r"prognos)? 1\b",
    ReportType.ANNUAL: r"\bdelårsrapport\w*(?: med prognos \d)?",
}


def check_report_name(report: Report, text: str, location: dict, findings: Findings) -> None:
    """R16: a Beslutsunderlag or Beslut that names another report type, or a narrative of an
    Årsberättelse that names a delårsrapport: text left over from last period."""
    kind = report.info.rapporttyp
    match = re.search(OTHER_REPORT_NAMES[kind], text.lower())
    if match:
        findings.add("R16-RAPPORTTYP-ORD", found=match.group(0),
                     expected=kind.value.lower(), **location)


def row_location(source, field: str) -> dict:
    return dict(file=source.file, sheet=source.sheet, cell=source.cell(field)) if source else {}


def check_decision_texts(report: Report, findings: Findings) -> None:
    for document in report.beslutsunderlag:
        check_report_name(report, document.dokument, row_location(document.source, "key"),
                          findings)
    for point in report.beslut:
        for text, field in ((point.text, "value"), (point.att, "att")):
            check_report_name(report, text, row_location(point.source, field), findings)


def check_report_type_words(report: Report, text: str, location: dict,
                            findings: Findings) -> None:
    """R16: forecast words in an Årsberättelse; `bokslut {År}` in a delårsrapport."""
    lowered = text.lower()
    if report.info.rapporttyp.is_annual:
        check_report_name(report, text, location, findings)
        match = re.search(r"\bprognos\w*", lowered)
        if match:
            findings.add("R16-RAPPORTTYP-ORD", found=match.group(0), expected="årsberättelse",
                         **location)
    else:
        match = re.search(rf"\bbokslut(?:et)? {report.info.ar}\b", lowered)
        if match:
            findings.add("R16-RAPPORTTYP-ORD", found=match.group(0), expected="delårsrapport",
                         **location)


def free_texts(report: Report) -> list[tuple[str, dict]]:
    """Every narrative the economists wrote, with the cell it came from."""
    texts = []
    for key, text in report.texts.items():
        source = report.text_sources.get(key)
        location = dict(file=source.file, sheet=source.sheet, cell=source.cell("value")) \
            if source else {}
        texts.append((rich.plain(text), location))  # bold and italic marks are not words
    for v in report.every_verksamhet:
        if v.ekonomisk_analys:
            cell = v.cells.get(VERKSAMHET_INFO.field("ekonomisk_analys").name, "")
            texts.append((rich.plain(v.ekonomisk_analys), dict(file=v.file, sheet=VERKSAMHET_INFO.title,
                                                   cell=cell)))
    return texts


def check_texts(report: Report, findings: Findings, economy: Economy | None = None) -> None:
    check_decision_texts(report, findings)
    texts = free_texts(report)
    if not texts:
        return
    economy = economy or compute_economy(report)
    figures = report_figures(report, economy)
    names = entity_names(report, economy)
    for text, location in texts:
        check_report_type_words(report, text, location, findings)
        for sentence in sentences(text):
            for amount in find_amounts(sentence):
                check_sign_words(amount, sentence, location, findings)
            for clause in clauses(sentence):
                for amount in find_amounts(clause):
                    if not_an_economy_figure(clause, amount):
                        continue
                    entity = mentioned_entity(clause[:amount.start], names)
                    check_amount(amount, sentence, entity, location, figures, findings)
