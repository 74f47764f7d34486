"""Compute → render hand-over: everything a template may use, as plain data.

Tables stay `Table` objects and narrative stays `Text` (paragraphs and bullets); the render
step turns both into Word content styled by the template's named styles.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..contract import fmt
from .years import five_year_table
from .economy import Economy, compute_economy, deviation_chart, merged_sheet
from .columnsets import attach_catalogue
from .freetables import free_table
from .goals import GoalsResult, compute_goals
from .lists import ListContext, list_contexts
from .records import RecordNode, group_columns, group_records
from ..contract.checked import model_dump
from ..contract.model import RecordSheet, Report
from ..contract.sheets import ECONOMY_SHEETS, KONTOGRUPPER_DEL, MALOMRADEN, TEXT_SECTIONS
from ..contract.vocab import normalize, template_key
from .figures import EconomyFigures, FigureSet, economy_figures
from .tables import Chart, Table, doc
from .text import Text

KNOWN_TEXT_KEYS = TEXT_SECTIONS  # always in the context, empty when the Text sheet lacks them


# Variable names of earlier releases → their names now. A template written with an old name
# renders as before; `templates check` warns and names the successor. Never remove a line.
RENAMED = {"datum": "skrivelse_datum", "memo_underlag": "skrivelse_underlag"}


text_key = template_key  # `Intäkts- och kostnadsutveckling` → `intakts_och_kostnadsutveckling`


@dataclass
class RecordContext:
    namn: str = doc("Gruppens värde som det står i bladet (t.ex. KF-målet), för en post utan "
                    "grupper första kolumnens text")
    poster: list[RecordContext] = doc("Grupperna eller posterna närmast under, i bladets "
                                      "ordning (t.ex. KF-målets åtaganden)",
                                      default_factory=list)
    falt: dict[str, Text] = doc("Postens fält per kolumnrubrik, som stycken: falt.bidrag; "
                                "nås också direkt, {{p kf.bidrag }}", default_factory=dict)
    rad: dict[str, str] = doc("Samma fält som text på en rad, för en tabellcell eller mitt i "
                              "en mening: {{ p.rad.trend }}", default_factory=dict)
    kolumner: list[dict] = doc("Fälten i bladets kolumnordning, för en mall som visar alla "
                               "kolumner utan att känna dem: rubrik (som i bladet), text (på "
                               "en rad) och stycken ({{p f.stycken }}); tomma fält utelämnas",
                               default_factory=list)


def record_context(node: RecordNode) -> RecordContext:
    texts = {header: "\n".join(lines) for header, lines in node.fields.items()}
    keys = {header: text_key(header) for header in texts}
    paragraphs = {header: Text.parse(text) for header, text in texts.items()}
    lines = {header: " ".join(text.split()) for header, text in texts.items()}
    return RecordContext(node.value, [record_context(child) for child in node.children],
                         {keys[h]: paragraphs[h] for h in texts},
                         {keys[h]: lines[h] for h in texts},
                         [{"rubrik": h, "text": lines[h], "stycken": paragraphs[h]}
                          for h in texts if lines[h] and h != node.column])


def record_lists(sheets: list[RecordSheet], report: Report) -> dict[str, list[RecordContext]]:
    """Each `Poster <namn>` sheet by its template name: its outermost groups (or records)."""
    return {text_key(s.name): [record_context(child) for child in
                               group_records(s, report.record_declaration(s)).children]
            for s in sheets}


GOAL_COLUMN = MALOMRADEN.column("name").header  # a sheet grouped first by `Målområde`


def goal_records(report: Report, poster: dict[str, list[RecordContext]]
                 ) -> dict[int, dict[str, list[RecordContext]]]:
    """Per målområde nr, the nämnd's record sheets grouped first by Målområde: the groups
    under that målområde (an empty list when it has none)."""
    by_goal = [text_key(s.name) for s in report.records
               if [normalize(g) for g in group_columns(s, report.record_declaration(s))][:1]
               == [normalize(GOAL_COLUMN)]]
    return {g.nr: {key: next((area.poster for area in poster[key]
                              if area.namn.strip() == str(g.nr)), [])
                   for key in by_goal}
            for g in report.goals.malomraden}


@dataclass
class VerksamhetContext:
    namn: str = doc("Verksamhetens namn")
    mening: str = doc("Meningen om verksamhetens avvikelse (formuleringen verksamhet_mening)")
    analys: Text = doc("Verksamhetens Ekonomisk analys (stycken)")
    tabell: Table = doc("Verksamhetens tabell med enheter")
    siffror: FigureSet = doc("Verksamhetens siffror, t.ex. siffror.avvikelse (se ekonomi.namnd)",
                             default_factory=FigureSet)
    enheter: list[FigureSet] = doc("Verksamhetens enheter med sina siffror",
                                   default_factory=list)
    tabeller: dict[str, Table] = doc("Verksamhetens egna tabeller (blad Tabell …) per namn",
                                     default_factory=dict)
    kapitel: dict[str, Text] = doc("Verksamhetens kapitel (blad Kapitel …) per namn, med "
                                   "rubriker", default_factory=dict)
    poster: dict[str, list[RecordContext]] = doc(
        "Verksamhetens poster (blad Poster …) per namn", default_factory=dict)
    kontogrupper: Table | None = doc("Verksamhetens tabell per kontogrupp (eget blad "
                                     "Kontogrupper, avstämt mot verksamhetens Ekonomi; står "
                                     "bredvid nämndens tabell.kontogrupper), eller tom",
                                     default=None)
    resultatrakningar: list[ResultatrakningContext] = doc(
        "Verksamhetens fler resultaträkningar (blad Kontogrupper <namn>, delar av "
        "verksamheten) i bladens ordning: {%p for r in v.resultatrakningar %} med r.namn, "
        "r.tabell, r.text", default_factory=list)


@dataclass
class ResultatrakningContext:
    namn: str = doc("Namnet efter `Kontogrupper ` i bladnamnet, t.ex. Egen regi")
    tabell: Table = doc("Resultaträkningen per kontogrupp med delsummor och summa, inte "
                        "avstämd mot någon Ekonomi ({{p r.tabell }})")
    text: Text = doc("Texten i nämndens Text med bladets namn som avsnitt, t.ex. "
                     "`Kontogrupper Egen regi` (stycken), eller tom")


@dataclass
class FreeTableContext:
    namn: str = doc("Tabellens namn som i bladnamnet, t.ex. Betyg för bladet Tabell Betyg")
    nyckel: str = doc("Namnet som mallen använder, t.ex. betyg (tabeller.betyg)")
    verksamhet: str = doc("Verksamheten vars arbetsbok har tabellen, tom för nämndens")
    tabell: Table = doc("Tabellen med sina fotnoter ({{p t.tabell }})")


@dataclass
class GoalContext:
    nr: int = doc("Målområdets nummer")
    namn: str = doc("Målområdets namn")
    analys: Text = doc("Sammanfattande analys (stycken)")
    iakttagelser: Table | None = doc("Tabell: positiva iakttagelser och förbättringsområden, "
                                     "eller tom när målområdet saknar iakttagelser")
    indikatorer: Table | None = doc("Tabell: indikatorer, eller tom")
    kommentarer: list[str] = doc("Numrerade kommentarer till indikatorerna, `1) …`")
    ataganden: Table | None = doc("Tabell: nämndens åtaganden med status, eller tom")
    poster: dict[str, list[RecordContext]] = doc(
        "Nämndens poster grupperade först efter Målområde (blad Poster …, bladet "
        "Postgrupper), "
        "per namn: grupperna under det här målområdet, t.ex. {%p for kf in m.poster.kf_mal %}; "
        "tom lista när målområdet inga har", default_factory=dict)


@dataclass
class ReportContext:
    kommun: str = doc("Kommunens namn")
    namnd: str = doc("Nämndens namn")
    forvaltning: str = doc("Förvaltningens namn")
    rapporttyp: str = doc("Delårsrapport 1, Delårsrapport 2 eller Årsberättelse")
    rapporttitel: str = doc("Rapportens titel, t.ex. Delårsrapport med prognos 2")
    rapporttyp_bestamd: str = doc("delårsrapporten eller årsberättelsen")
    ar: int = doc("Rapportåret")
    period_manad: str = doc("Periodens sista månad, t.ex. augusti")
    period: str = doc("Perioden kort, t.ex. jan–aug")
    beslutsdatum: str = doc("Nämndens beslutsdatum, t.ex. 24 september 2021, eller tomt; "
                            "med filtret datum('iso') 2021-09-24")
    paragraf: str = doc("Paragraf i protokollet, utan §")
    diarienummer: str = doc("Ärendets diarienummer")
    beslutsrad: str = doc("Raden Beslutad av … på titelsidan, eller tom (formuleringen "
                           "beslutsrad)")
    forslagsstallare: str = doc("Vem som föreslår, t.ex. Förvaltningen")
    forslagsstallare_genitiv: str = doc("Samma i genitiv, t.ex. Förvaltningens")
    mottagare: str = doc("Vem rapporten överlämnas till")
    beslutspunkter: list[dict] = doc("Beslutspunkterna: nr, text (bladet Beslut, annars "
                                     "formuleringarna beslut_faststall, beslut_overlamna)")
    beslutsunderlag: list[dict] = doc("Beslutsunderlag från Excel: dokument, diarienummer")
    rubrik_enheter: str = doc("Rubriken för enheternas tabell (formuleringen med samma namn)")
    rubrik_verksamheter: str = doc("Rubriken för verksamhetsområdenas tabell (formuleringen "
                                   "med samma namn)")
    verksamheter: list[VerksamhetContext] = doc("Verksamheterna i ordning")
    tabell: dict[str, Table | None] = doc(
        "Tabeller: namnd, ackumulerat, justerad, " + ", ".join(ECONOMY_SHEETS)
        + ", iakttagelser, atagandestatus, fem_ar, nettokostnad_fem_ar (nettokostnaden per "
        "verksamhet i bokslutet de fyra föregående åren och årets prognos eller utfall, med "
        "summarad; bladet Bokslut) (tom när data saknas)")
    text: dict[str, Text] = doc("Löptext från bladet Text per avsnitt, t.ex. text.ekonomisk_analys",
                                default_factory=dict)
    arsberattelse: bool = doc("Sant för en årsberättelse", default=False)
    skrivelse_datum: str = doc("Tjänsteskrivelsens datum (--datum, annars Beslutsdatum); med "
                               "filtret datum('iso') 2021-09-24", default="")
    handlaggare: str = doc("Handläggare", default="")
    forvaltningschef: str = doc("Förvaltningschef", default="")
    forvaltningschef_titel: str = doc("Förvaltningschefens titel under namnet (`Kommundirektör`)",
                                      default="Förvaltningschef")
    attsatser: list[dict] = doc("Att-satser för tjänsteskrivelsen: nr, text, slut (bladet "
                                "Beslut, annars formuleringarna attsats_faststall, "
                                "attsats_overlamna)",
                                default_factory=list)
    skrivelse_underlag: list[str] = doc("Beslutsunderlag för tjänsteskrivelsen",
                                        default_factory=list)
    malomraden: list[GoalContext] = doc("Målområdena i ordning", default_factory=list)
    fem_ar_fotnoter: list[str] = doc("Fotnoter till Fem år i sammandrag", default_factory=list)
    diagram: dict[str, Chart | list[Chart] | None] = doc(
        "Diagram: avvikelse (staplar per verksamhet), fem_ar (lista); rubrik och "
        "alternativtext från formuleringarna diagram_titel och diagram_alttext",
        default_factory=dict)
    ekonomi: EconomyFigures | None = doc(
        "Alla ekonomins siffror för egna meningar, oavrundade i tkr: skriv dem med filtren "
        "belopp, tkr, mnkr, procent, t.ex. {{ ekonomi.namnd.avvikelse | mnkr }}", default=None)
    belopp_enhet: str = doc("Enheten för belopp i text (fältet Belopp i text): tkr eller mnkr; "
                            "filtret belopp använder den", default="tkr")
    belopp_i_ord: bool = doc("Om enheten skrivs ut (Belopp i text `miljoner kronor` eller `tusen "
                             "kronor`): filtret belopp skriver då 28,6 miljoner kronor i alla "
                             "dokument", default=False)
    period_slut: str = doc("Periodens sista dag, t.ex. 31 augusti 2021", default="")
    organ: str = doc("Organet i bestämd form: nämnden, styrelsen, beredningen eller utskottet "
                     "(fältet Organ, annars av namnet)", default="nämnden")
    organets: str = doc("Samma i genitiv: nämndens, styrelsens …", default="nämndens")
    organ_typ: str = doc("Organet i obestämd form: nämnd, styrelse, beredning eller utskott",
                         default="nämnd")
    ekonomisk_sammanfattning: str = doc(
        "Sammanfattningen av årets avvikelse (formuleringen med samma namn)", default="")
    ekonomi_inledning: str = doc("Stycket om budgetram och förbrukning (formuleringen med "
                                 "samma namn)", default="")
    investeringsmening: str = doc("Meningen om investeringarna, eller tom (formuleringen med "
                                  "samma namn)", default="")
    utanfor: list[VerksamhetContext] = doc(
        "Verksamheter som redovisas utanför nämndens resultat (fältet Utanför nämndens "
        "resultat), var och en med egen tabell; de ingår aldrig i nämndens summor",
        default_factory=list)
    listor: dict[str, ListContext] = doc(
        "Listor med egna statusar (bladet Statusar) och Åtaganden, per namn: listor.uppdrag, "
        "listor.ataganden", default_factory=dict)
    formulering: dict[str, str] = doc(
        "Varje formulering utan argument i formuleringar.docx, t.ex. "
        "formulering.ekonomisk_sammanfattning", default_factory=dict)
    tabeller: dict[str, Table] = doc(
        "Nämndens egna tabeller (blad Tabell …) per namn, t.ex. {{p tabeller.betyg }}; "
        "fotnoterna står under tabellen. Om bladet kan saknas: "
        "{%p if tabeller.betyg is defined %}", default_factory=dict)
    fria_tabeller: list[FreeTableContext] = doc(
        "Alla egna tabeller i ordning: nämndens, sedan varje verksamhets",
        default_factory=list)
    kapitel: dict[str, Text] = doc(
        "Kapitel från Excel (blad Kapitel …) per namn, med riktiga rubriker, t.ex. "
        "{{p kapitel.utvecklingsportfoljer }}", default_factory=dict)
    poster: dict[str, list[RecordContext]] = doc(
        "Nämndens poster (blad Poster …) per namn, grupperade som bladet Postgrupper anger: "
        "{%p for omr in poster.kf_mal %} … {%p for kf in omr.poster %}; varje post har namn, "
        "poster och sina fält ({{p kf.bidrag }}). Om bladet kan saknas: "
        "{%p if poster.kf_mal is defined %}", default_factory=dict)
    resultatrakningar: list[ResultatrakningContext] = doc(
        "Nämndens fler resultaträkningar (blad Kontogrupper <namn> i nämndens arbetsbok, t.ex. "
        "flera verksamheter tillsammans) i bladens ordning, med namn, tabell och text; inte "
        "avstämda mot Ekonomi", default_factory=list)


def genitive(name: str) -> str:
    """`Förvaltningen` → `Förvaltningens`; a name ending in s, x or z takes no extra s."""
    return name if name[-1:].lower() in ("s", "x", "z") else name + "s"


# The rows of formuleringar.docx that write the decision when the sheet Beslut is empty: the
# report's decision points, and the memo's att-satser (a row written empty is left out)
DEFAULT_DECISIONS = ("beslut_faststall", "beslut_overlamna")
DEFAULT_ATT_CLAUSES = ("attsats_faststall", "attsats_overlamna")


def att_clause(text: str) -> str:
    """The memo's wording of a decision point: without `att`, a capital or the full stop."""
    if text.lower().startswith("att "):
        text = text[4:]
    text = text.rstrip(". ")
    return text[:1].lower() + text[1:]


def numbered_att_clauses(texts: list[str]) -> list[dict]:
    """Numbered att-satser: `, samt` ends the last but one, a full stop the last."""
    endings = [","] * len(texts)
    if len(texts) > 1:
        endings[-2] = ", samt"
    if texts:
        endings[-1] = "."
    return [{"nr": i, "text": t, "slut": e}
            for i, (t, e) in enumerate(zip(texts, endings, strict=True), 1)]


def numbered_points(texts: list[str]) -> list[dict]:
    return [{"nr": i, "text": t} for i, t in enumerate(texts, start=1)]


def use_default_decisions(context: ReportContext, written: dict[str, str]) -> None:
    """A Beslut sheet left empty: the decision points and att-satser in the words of
    formuleringar.docx (DEFAULT_DECISIONS, DEFAULT_ATT_CLAUSES)."""
    if context.beslutspunkter:
        return
    context.beslutspunkter = numbered_points([written[n] for n in DEFAULT_DECISIONS
                                              if written.get(n)])
    context.attsatser = numbered_att_clauses([att_clause(written[n]) for n in DEFAULT_ATT_CLAUSES
                                              if written.get(n)])


def memo_documents(report: Report) -> list[str]:
    """Beslutsunderlag for the memo: the sheet's documents, and always the report itself."""
    info = report.info
    documents = [d.dokument + (f", {d.diarienummer}" if d.diarienummer else "")
                 for d in report.beslutsunderlag]
    own = f"{info.rapporttitel} {info.ar}"
    if not any(own.casefold() in d.casefold() for d in documents):
        documents.insert(0, f"{own}, {info.namnd}")
    return documents


def goal_contexts(goals: GoalsResult, report: Report,
                  poster: dict[str, list[RecordContext]]) -> list[GoalContext]:
    records = goal_records(report, poster)
    return [GoalContext(s.nr, s.name, Text.parse(s.analysis), s.observations, s.indicators,
                        s.indicator_notes, s.commitments, records.get(s.nr, {}))
            for s in goals.sections]


def memo_text(memo_date: str | dt.date, decided: dt.date | None) -> str:
    """The memo's date: --datum (a date, or already written out), else Beslutsdatum."""
    if isinstance(memo_date, dt.date):
        return fmt.DateText(memo_date)
    return memo_date or fmt.DateText(decided)


def period_end(report: Report) -> dt.date:
    month = report.info.period_month
    next_month = dt.date(report.info.ar + month // 12, month % 12 + 1, 1)
    return next_month - dt.timedelta(days=1)


def report_figures(report: Report, economy: Economy) -> EconomyFigures:
    sheets = {name: merged_sheet(report, declared) for name, declared in ECONOMY_SHEETS.items()}
    return economy_figures(economy, report.info.namnd, sheets)


def verksamhet_contexts(parts, sets: list[FigureSet], report: Report
                        ) -> list[VerksamhetContext]:
    return [VerksamhetContext(p.verksamhet.name, "", Text.parse(p.verksamhet.ekonomisk_analys),
                              p.table, item, item.enheter,
                              {text_key(t.name): free_table(t) for t in p.verksamhet.free_tables},
                              chapters(p.verksamhet.chapters),
                              record_lists(p.verksamhet.records, report),
                              kontogrupper=p.kontogrupper_table,
                              resultatrakningar=part_contexts(p.part_tables, report))
            for p, item in zip(parts, sets, strict=False)]


def part_contexts(tables: dict[str, Table], report: Report) -> list[ResultatrakningContext]:
    """Each `Kontogrupper <namn>` table with its text: the nämnd's Text under the sheet's name."""
    texts = {text_key(k): v for k, v in report.texts.items()}
    return [ResultatrakningContext(name, table, Text.parse(
                texts.get(text_key(KONTOGRUPPER_DEL.title + name), "")))
            for name, table in tables.items()]


def chapters(items) -> dict[str, Text]:
    return {text_key(c.name): Text.chapter(c.parts) for c in items}


def free_table_list(report: Report, verksamheter: list[VerksamhetContext]
                    ) -> tuple[list[FreeTableContext], dict[str, Table]]:
    """The nämnd's tables by name, and all tables in order: the nämnd's, then each
    verksamhet's (the same `Table` objects)."""
    tables = {text_key(t.name): free_table(t) for t in report.free_tables}
    items = [FreeTableContext(t.name, text_key(t.name), "", tables[text_key(t.name)])
             for t in report.free_tables]
    for model, v in zip(report.verksamheter, verksamheter, strict=False):
        items += [FreeTableContext(t.name, text_key(t.name), v.namn, v.tabeller[text_key(t.name)])
                  for t in model.free_tables]
    return items, tables


def build_context(report: Report, economy: Economy | None = None,
                  memo_date: str | dt.date = "") -> ReportContext:
    economy = economy or compute_economy(report)
    attach_catalogue(economy)
    goals = compute_goals(report)
    info = report.info
    annual = info.rapporttyp.is_annual
    figures = report_figures(report, economy)
    texts = {text_key(k): Text.parse(v) for k, v in report.texts.items()}
    for key in KNOWN_TEXT_KEYS:
        texts.setdefault(text_key(key), Text())
    verksamheter = verksamhet_contexts(economy.verksamheter, figures.verksamheter, report)
    own_tables, tables = free_table_list(report, verksamheter)
    poster = record_lists(report.records, report)
    return ReportContext(
        kommun=info.kommun, namnd=info.namnd, forvaltning=info.forvaltning,
        rapporttyp=info.rapporttyp.value, rapporttitel=info.rapporttitel,
        rapporttyp_bestamd="årsberättelsen" if info.rapporttyp.is_annual else "delårsrapporten",
        ar=info.ar, period_manad=fmt.month_name(info.period_month),
        period=fmt.period_label(info.period_month),
        beslutsdatum=fmt.DateText(info.beslutsdatum),
        paragraf=info.paragraf, diarienummer=info.diarienummer,
        beslutsrad="",  # written by formuleringar.docx, as the decision when Beslut is empty
        forslagsstallare=info.forslagsstallare,
        forslagsstallare_genitiv=genitive(info.forslagsstallare), mottagare=info.mottagare,
        beslutspunkter=numbered_points([p.text for p in report.beslut]),
        beslutsunderlag=[model_dump(d) for d in report.beslutsunderlag],
        rubrik_enheter="", rubrik_verksamheter="",  # written by formuleringar.docx
        verksamheter=verksamheter,
        utanfor=verksamhet_contexts(economy.utanfor, figures.utanfor, report),
        listor=list_contexts(report, text_key),
        tabell={"namnd": economy.namnd_table, "ackumulerat": economy.accumulated_table,
                "justerad": economy.adjusted_table,
                **{name: economy.sheet_tables.get(name) for name in ECONOMY_SHEETS},
                "iakttagelser": goals.summary, "atagandestatus": goals.status_counts,
                "fem_ar": goals.five_years, "nettokostnad_fem_ar": five_year_table(report)},
        text=texts,
        arsberattelse=annual,
        skrivelse_datum=memo_text(memo_date, info.beslutsdatum),
        handlaggare=info.handlaggare, forvaltningschef=info.forvaltningschef,
        forvaltningschef_titel=info.forvaltningschef_titel,
        attsatser=numbered_att_clauses([att_clause(p.att or p.text) for p in report.beslut]),
        skrivelse_underlag=memo_documents(report),
        malomraden=goal_contexts(goals, report, poster),
        fem_ar_fotnoter=goals.five_year_notes,
        diagram={"avvikelse": deviation_chart(economy), "fem_ar": goals.five_year_charts},
        ekonomi=figures, belopp_enhet=info.belopp_i_text.unit,
        belopp_i_ord=info.belopp_i_text.in_words,
        period_slut=fmt.DateText(period_end(report)),
        organ=info.organ.definite, organets=info.organ.genitive, organ_typ=info.organ.value,
        tabeller=tables, fria_tabeller=own_tables, kapitel=chapters(report.chapters),
        poster=poster,
        resultatrakningar=part_contexts(economy.part_tables, report),
    )
