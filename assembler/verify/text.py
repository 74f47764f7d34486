"""Rules 14–16: figures and words in written text against the report's figures.

The text is the economists' (the Text sheet, Ekonomisk analys: checked by `validate`, cited by
cell) and everything the produced documents say (the kansli's templates and formulations,
chapters, list comments: checked by `report`, cited by the heading the sentence stands under).

An amount in text is a number with a unit (`3,6 mnkr`, `-4 903 tkr`, `14 684 tkr`,
`2,7 procent`); a number without a unit (a year, a date, a count of people, a paragraph number)
is never taken for an amount. An amount is compared with the figures of the entity its sentence
names (else its heading names, else the nämnd) at the rounding its unit implies, and by
magnitude: text often quotes a cost without its minus. A sign word beside it (överskott,
negativ …) must agree with the figure, and a figure the text calls the year's must not be the
period's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..contract import fmt, rich
from ..read.cells import number_from_text
from ..contract.amounts import ECONOMY_COLUMNS
from ..compute.economy import Economy, compute_economy
from ..contract.findings import (Findings, R14_TEXT_BELOPP, R14_TEXT_ENTITET, R14_TEXT_FEL_ENTITET,
                                 R14_TEXT_PERIOD, R15_NOLL_AVVIKELSE, R15_TECKENORD,
                                 R15_TECKEN_DUBBELT, R15_TECKEN_TABELL, R16_RAPPORTTYP_ORD)
from ..contract.model import RecordSheet, Report, ReportType
from ..contract.sheets import VERKSAMHET_INFO
from ..contract.vocab import normalize
from .figures import SUFFIXES, Figure, FigureBook, Names, figure_book

AMOUNT = re.compile(
    r"(?<![\w,.])(?P<sign>[+\-\u2212\u2013]\s?)?"
    r"(?P<number>\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
    r"\s?(?P<unit>tkr|mnkr|mkr|miljoner kronor|procent|%)(?!\w)", re.IGNORECASE)
# every unit of an AMOUNT, in any case, holds one of these: text without them has no amount
AMOUNT_UNIT_PARTS = ("r", "R", "%")
# words that make a sentence about the economy, so a percentage in it is one of its figures
TOPIC_WORDS = ("avvikelse", "överskott", "underskott", "utfall", "prognos", "budget", "förbruk",
               "kommunbidrag", "nettokostnad")
# words that say an amount is not one of the report's economy figures (a price index, a
# portfolio's multi-year frame …); matched inside compounds (`portföljkostnader`, `KPI-uppräkning`)
NOT_ECONOMY_STEMS = ("kpi", "index", "portfölj", "inflation", "ränt", "prisök", "löneök")
WORDS_AFTER = 3  # how many words after an amount still describe it
MIN_INFLECTED = 4  # names at least this long are also found inflected (`Kulturskolans`)
CLAUSE_BREAK = re.compile(r",\s|;|:\s|\(|\)")


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

    @property
    def in_mnkr(self) -> bool:
        return self.unit in MNKR_UNITS

    @property
    def written_as_zero(self) -> bool:
        """`0,0 mnkr`, `0 tkr`: what the reader sees has no sign."""
        return self.value == 0

    def matches(self, figure: Figure) -> bool:
        """Equal at the rounding the written unit implies (`0,2 mnkr`: one decimal of mnkr),
        by magnitude: text often quotes a cost without its minus."""
        if figure.is_percent != self.is_percent:
            return False
        scale = Decimal(1000) if self.in_mnkr else Decimal(1)
        shown = fmt.round_half_up(abs(figure.value) / scale, self.decimals)
        return shown == fmt.round_half_up(abs(self.value) / scale, self.decimals)


MNKR_UNITS = ("mnkr", "mkr", "miljoner kronor")


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
        if unit in MNKR_UNITS:
            value *= 1000
        found.append(TextAmount(match.group(0).strip(), value, decimals, unit, bool(sign),
                                match.start(), match.end()))
    return found


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def named_entities(text: str, names: Names) -> list[str]:
    """The entities `text` names, in the order it names them, also in their inflected forms
    (`Kulturskolans`, `nämnden`); of names ending at the same place, the most specific
    (`Verksamhet Alfa` over `Alfa`, `nämnden` over an enhet `Nämnd`)."""
    lowered = normalize(text)
    hits: dict[int, tuple[int, str]] = {}
    for name in names.held_in(lowered):
        for end in name_ends(name, lowered):
            hits[end] = max(hits.get(end, (0, "")), (len(name), name))
    ordered = [names[name] for _, (_, name) in sorted(hits.items())]
    return list(dict.fromkeys(reversed(ordered)))[::-1]  # each once, where last named


# what may follow a name where it is named: an inflection (`Kulturskolans`), then no letter; a
# short name (an enhet `E`) is taken only as written: `en` is no `E` inflected
INFLECTED_END = re.compile(rf"{SUFFIXES}(?!\w)")
WORD_END = re.compile(r"(?!\w)")
WORD_CHARACTER = re.compile(r"\w")


def name_ends(name: str, text: str) -> Iterator[int]:
    """Where each naming of `name` in `text` ends: what `re.finditer` finds of the name with
    no letter or digit before it and INFLECTED_END (WORD_END) after, left to right, not
    overlapping (a pattern per name would be compiled for every name a document names)."""
    end = INFLECTED_END if len(name) >= MIN_INFLECTED else WORD_END
    start = text.find(name)
    while start >= 0:
        after = None
        if start == 0 or not WORD_CHARACTER.match(text, start - 1):
            after = end.match(text, start + len(name))
        if after is not None:
            yield after.end()
        start = text.find(name, after.end() if after is not None else start + 1)


def mentioned_entity(text: str, names: Names) -> str | None:
    """The entity `text` names last (the words before an amount, a heading)."""
    named = named_entities(text, names)
    return named[-1] if named else None


def clause_bounds(sentence: str, amount: TextAmount) -> tuple[int, int]:
    """Where the clause holding `amount` begins and ends: a sentence cut at commas,
    semicolons, colons and brackets (`Politisk verksamhet 0,2 mnkr, infrastruktur och skydd
    0,3 mnkr` is two clauses; `0,2` has no space after its comma)."""
    starts = [m.end() for m in CLAUSE_BREAK.finditer(sentence, 0, amount.start)]
    after = CLAUSE_BREAK.search(sentence, amount.end)
    return (starts[-1] if starts else 0), (after.start() if after else len(sentence))


def not_an_economy_figure(sentence: str, amount: TextAmount) -> bool:
    """The clause's words before the amount, or the few right after it, say it is no report
    figure (`KPI 2,7 procent`, `portföljen om 200 mnkr`)."""
    start, end = clause_bounds(sentence, amount)
    after = sentence[amount.end:end].split()[:WORDS_AFTER]
    words = re.findall(r"\w+", sentence[start:amount.start].lower()) + [w.lower() for w in after]
    return any(stem in word for word in words for stem in NOT_ECONOMY_STEMS)


@dataclass(frozen=True)
class SignWord:
    word: str
    sign: int  # +1 good news, -1 bad news
    change: bool  # ökat/minskat: only about a change, whose sign is the figure's own


SIGN_WORDS = [(re.compile(pattern), sign, change) for pattern, sign, change in [
    (r"\bpositiv[at]?\b(?: \w*avvikelse\w*)?", +1, False),
    (r"\bnegativ[at]?\b(?: \w*avvikelse\w*)?", -1, False),
    (r"\böverskott\w*", +1, False), (r"\bunderskott\w*", -1, False),
    (r"\bförbättr\w*", +1, False), (r"\bförsämr\w*", -1, False),
    (r"\bök(?:ning\w*|at|ar|ade|t)\b", +1, True),
    (r"\bminsk(?:ning\w*|at|ar|ade|t)\b", -1, True)]]
YEAR_WORDS = re.compile(r"\bhelår\w*|\bprognos\w*|\bhela året\b")
PERIOD_WORDS = re.compile(r"\btill och med\b|\bper (?:[a-zåäö]+ )?\d|\bperiod\w*")
DEVIATION_WORDS = re.compile(r"avvikelse|överskott|underskott")
RESULT_WORDS = re.compile(r"avvikelse|överskott|underskott|prognos|resultat")
QUALIFIER_BREAK = re.compile(r",\s|;|:\s")


def called_period(words: str) -> bool | None:
    """True when the words call the amount the period's (`till och med augusti`), False when
    the year's or the forecast (`för helåret`, `prognostiseras`), None when neither; of both,
    the nearer to the amount (`Med utfallet till och med augusti … prognostiseras … X`)."""
    period = [m.end() for m in PERIOD_WORDS.finditer(words)]
    year = [m.end() for m in YEAR_WORDS.finditer(words)]
    if not period and not year:
        return None
    return max(period, default=-1) > max(year, default=-1)


def qualifier(sentence: str, amount: TextAmount, previous_end: int) -> str:
    """The words that describe an amount: those since the previous amount, within its clause
    (`… på 94,1 mnkr mot en budget på 131,4 mnkr, en negativ avvikelse om 37,3 mnkr`)."""
    window = sentence[previous_end:amount.start]
    breaks = list(QUALIFIER_BREAK.finditer(window))
    return (window[breaks[-1].end():] if breaks else window).lower()


def sign_word(words: str) -> SignWord | None:
    """The sign word nearest before an amount. `ökat`/`minskat` count only when said of the
    result (`prognosen har ökat med …`), and of costs (negative amounts) the other way round:
    `intäkterna minskar` may be about anything."""
    hits = [(m.start(), m.group(0), sign, change) for pattern, sign, change in SIGN_WORDS
            for m in pattern.finditer(words)]
    if not hits:
        return None
    _, word, sign, change = max(hits)
    if change:
        if not RESULT_WORDS.search(words):
            return None
        sign = -sign if "kostnad" in words else sign
    return SignWord(word, sign, change)


def bracketed(sentence: str, amount: TextAmount) -> bool:
    """`Positiv avvikelse har A (+11,1 mnkr) och B (+3,9 mnkr)`: B's amount in brackets."""
    return sentence[:amount.start].rstrip().endswith("(")


def topical(sentence: str) -> bool:
    lowered = sentence.lower()
    return any(word in lowered for word in TOPIC_WORDS)


def _nearest(amount: TextAmount, figures: list[Figure]) -> Figure | None:
    same_kind = [f for f in figures if f.is_percent == amount.is_percent]
    return min(same_kind, key=lambda f: abs(abs(f.value) - abs(amount.value)), default=None)


def _display(figure: Figure, amount: TextAmount, signed: bool = False) -> str:
    """The figure as the text would write it, in the text's unit."""
    if figure.is_percent:
        return fmt.percent_sentence(figure.value / 100, signed=signed)
    value = figure.value if signed else abs(figure.value)
    if amount.in_mnkr:
        return fmt.mnkr_sentence(value, signed=signed)
    return fmt.tkr_sentence(value, signed=signed)


def _sign(figure: Figure, amount: TextAmount) -> int:
    """The sign the reader sees: 0 when the figure rounds to 0 in the text's unit."""
    scale = Decimal(1000) if amount.in_mnkr and not figure.is_percent else Decimal(1)
    shown = fmt.round_half_up(figure.value / scale, amount.decimals)
    return (shown > 0) - (shown < 0)


@dataclass(frozen=True)
class Scope:
    """Whose figures a sentence speaks of when it names none: a verksamhet by its heading or
    its own Ekonomisk analys (strict), else the nämnd, with any figure of the report
    accepted as a second choice (validering.md 14 b)."""

    entity: str | None = None

    def resolve(self, named: list[str], book: FigureBook) -> tuple[list[str], bool]:
        if named:
            return named, True
        if self.entity is not None:
            return [self.entity], True
        return [book.namnd], False


@dataclass
class AmountInText:
    """One amount, the sentence it stands in and what the sentence says about it."""

    amount: TextAmount
    sentence: str
    words: str  # the words that describe it (see qualifier)
    sign: SignWord | None
    entities: list[str]  # those it speaks of, the last named last
    strict: bool

    @property
    def entity(self) -> str:
        return self.entities[-1]

    def of_kind(self, figures: list[Figure], signed: bool = True) -> list[Figure]:
        """The figures of the kind the text's words name: a deviation (avvikelse, överskott,
        a sign word), the period's (till och med …) or else the year's, and (`signed`) of the
        sign its word says."""
        kinds = [f for f in figures if f.is_percent == self.amount.is_percent]
        if self.sign is not None or DEVIATION_WORDS.search(self.words):
            kinds = [f for f in kinds if f.is_deviation]
        # a deviation or result said without a period is the year's
        period = bool(called_period(self.words))
        kinds = [f for f in kinds if f.is_period == period]
        word = self.sign
        if signed and word is not None and not word.change and not self.amount.explicit_sign:
            kinds = [f for f in kinds if _sign(f, self.amount) == word.sign]
        return kinds

    def best(self, figures: list[Figure]) -> Figure | None:
        """The figure the text most likely meant: of the kind its words name, the nearest in
        size."""
        return _nearest(self.amount, self.of_kind(figures) or self.of_kind(figures, False)
                        or figures)


def check_amount(item: AmountInText, book: FigureBook, location: dict,
                 findings: Findings) -> list[Figure]:
    """R14: an amount said of an entity must be one of its figures; one of another entity is
    named as such. Returns the figures it matches."""
    amount, entity = item.amount, item.entity
    own = [f for name in item.entities for f in book.of(name)]
    matched = [f for f in own if amount.matches(f)]
    if matched:
        return matched
    elsewhere = [f for f in book.figures if amount.matches(f)]
    best = item.best(own)
    # another row's figure of the very kind the text names (at mnkr rounding many figures
    # of other kinds come close)
    others = item.of_kind(elsewhere)
    if item.strict and others:
        other = _nearest(amount, others) or others[0]
        findings.add(R14_TEXT_FEL_ENTITET, found=amount.raw,
                     expected=_display(best, amount) if best else fmt.DASH, entity=entity,
                     other=other.entity, where=other.where, **location)
    elif item.strict and best is not None:
        findings.add(R14_TEXT_ENTITET, found=amount.raw, expected=_display(best, amount),
                     entity=entity, where=best.where, **location)
    elif not elsewhere:
        nearest = item.best(book.figures)
        if nearest is not None:
            findings.add(R14_TEXT_BELOPP, found=amount.raw,
                         expected=_display(nearest, amount), where=nearest.where, **location)
    return [] if item.strict else elsewhere


def check_written_sign(item: AmountInText, location: dict, findings: Findings) -> None:
    """R15: the sign written beside a sign word: `positiv avvikelse … -4 903 tkr` says two
    things, `negativ avvikelse … -900 tkr` says one thing twice."""
    amount, word = item.amount, item.sign
    if word is None or not amount.explicit_sign or amount.written_as_zero:
        return
    written = 1 if amount.value > 0 else -1
    if written != word.sign:
        findings.add(R15_TECKENORD, found=amount.raw, word=word.word, **location)
    elif written < 0:
        findings.add(R15_TECKEN_DUBBELT, found=amount.raw, word=word.word, **location)


def check_sign_against_figures(item: AmountInText, matched: list[Figure], location: dict,
                               findings: Findings) -> None:
    """R15: a sign word must agree with the figure it qualifies (`överskott på 900 tkr` where
    the table shows -900), and a figure written as 0 is no deviation at all."""
    amount, word = item.amount, item.sign
    if word is None or not matched:
        return
    if amount.written_as_zero:
        if not word.change:
            findings.add(R15_NOLL_AVVIKELSE, found=amount.raw, word=word.word,
                         unit=amount.unit, **location)
        return
    if amount.explicit_sign:
        return  # the written sign was compared with the word (check_written_sign)
    if word.change:
        qualified = [f for f in matched if f.is_change]
    else:
        qualified = [f for f in matched if f.is_deviation] or matched
    signs = {_sign(f, amount) for f in qualified}
    if qualified and signs == {-word.sign}:
        figure = qualified[0]
        findings.add(R15_TECKEN_TABELL, found=amount.raw, word=word.word,
                     expected=_display(figure, amount, signed=True), where=figure.where,
                     **location)


def check_year_or_period(item: AmountInText, matched: list[Figure], book: FigureBook,
                         location: dict, findings: Findings) -> None:
    """R14: a figure the text calls the year's or the forecast (`för helåret prognostiseras`)
    must not be one of the period's."""
    if not matched or called_period(item.words) is not False:
        return
    if all(f.is_period for f in matched):
        year = year_figure(matched, book)
        findings.add(R14_TEXT_PERIOD, found=item.amount.raw,
                     expected=_display(year, item.amount) if year else fmt.DASH,
                     where=matched[0].where, **location)


PERIOD_TO_YEAR = {name: column.year_column for name, column in ECONOMY_COLUMNS.items()
                  if column.year_column}


def year_figure(period: list[Figure], book: FigureBook) -> Figure | None:
    """The year's figure of the same row as the period's figure the text quoted."""
    first = period[0]
    wanted = PERIOD_TO_YEAR.get(first.key, "")
    return next((f for f in book.of(first.entity) if f.key == wanted), None)


def check_sentence(sentence: str, scope: Scope, book: FigureBook, location: dict,
                   findings: Findings) -> None:
    """Every amount of one sentence against the figures of the entity it speaks of."""
    previous_end, previous_sign = 0, None
    for amount in find_amounts(sentence):
        words = qualifier(sentence, amount, previous_end)
        word = sign_word(words)
        if word is None and bracketed(sentence, amount):
            word = previous_sign
        previous_end, previous_sign = amount.end, word
        if not_an_economy_figure(sentence, amount):
            continue
        if amount.is_percent and not topical(sentence):
            continue  # a share of something else (indicators, surveys)
        # the entities named among its own words (`Simhallens intäkter minskar med 250 tkr`:
        # Simhall's or Intäkter's), else the one named last before it in the sentence
        named = named_entities(words, book.names) or named_entities(sentence[:amount.start],
                                                                    book.names)[-1:]
        entities, strict = scope.resolve(named, book)
        item = AmountInText(amount, sentence, words, word, entities, strict)
        check_written_sign(item, location, findings)
        matched = check_amount(item, book, location, findings)
        check_sign_against_figures(item, matched, location, findings)
        check_year_or_period(item, matched, book, location, findings)


def check_text(text: str, scope: Scope, book: FigureBook, location: dict,
               findings: Findings) -> None:
    for sentence in sentences(text):
        check_sentence(sentence, scope, book, location, findings)


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
        findings.add(R16_RAPPORTTYP_ORD, found=match.group(0),
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
            findings.add(R16_RAPPORTTYP_ORD, found=match.group(0), expected="årsberättelse",
                         **location)
    else:
        match = re.search(rf"\bbokslut(?:et)? {report.info.ar}\b", lowered)
        if match:
            findings.add(R16_RAPPORTTYP_ORD, found=match.group(0), expected="delårsrapport",
                         **location)


def free_texts(report: Report) -> list[tuple[str, dict, Scope]]:
    """Every narrative the economists wrote, with the cell it came from and whose figures it
    speaks of when it names nobody: the nämnd's (Text), the verksamhet's (Ekonomisk analys)."""
    texts = []
    for key, text in report.texts.items():
        source = report.text_sources.get(key)
        location = dict(file=source.file, sheet=source.sheet, cell=source.cell("value")) \
            if source else {}
        texts.append((rich.plain(text), location, Scope()))  # bold and italic marks are not words
    for v in report.every_verksamhet:
        if v.ekonomisk_analys:
            cell = v.cells.get(VERKSAMHET_INFO.field("ekonomisk_analys").name, "")
            where = dict(file=v.file, sheet=VERKSAMHET_INFO.title, cell=cell)
            texts.append((rich.plain(v.ekonomisk_analys), where, Scope(v.name)))
    texts += record_texts(report.records, Scope())
    for v in report.every_verksamhet:
        texts += record_texts(v.records, Scope(v.name))
    return texts


def record_texts(sheets: list[RecordSheet], scope: Scope) -> list[tuple[str, dict, Scope]]:
    """The fields of `Poster …` sheets that quote an amount, each cited by its cell: a record
    rendered into a document says what it says there, and is held to the figures like the
    Text sheet (the nämnd's records speak of the nämnd, a verksamhet's of the verksamhet)."""
    found = []
    for sheet in sheets:
        for row in sheet.rows:
            for field in row.cells.values():
                text = rich.plain(field.text)
                if AMOUNT.search(text):
                    where = dict(file=sheet.source.file, sheet=sheet.source.sheet,
                                 cell=field.cell)
                    found.append((text, where, scope))
    return found


def check_texts(report: Report, findings: Findings, economy: Economy | None = None) -> None:
    check_decision_texts(report, findings)
    book: FigureBook | None = None  # built for the first text that quotes an amount
    for text, location, scope in free_texts(report):
        check_report_type_words(report, text, location, findings)
        if AMOUNT.search(text) is None:
            continue  # no amount in any of its sentences
        book = book or figure_book(report, economy or compute_economy(report))
        check_text(text, scope, book, location, findings)
