"""Compute → render hand-over: everything a template may use, as plain data.

Tables stay `Table` objects and narrative stays `Text` (paragraphs and bullets); the render
step turns both into Word content styled by the template's named styles.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from . import fmt
from .economy import Economy, compute_economy, deviation_chart
from .goals import GoalsResult, compute_goals
from .model import Report
from .sentences import (economic_summary, economy_intro, investment_sentence,
                        verksamhet_sentence)
from .tables import Chart, Table

KNOWN_TEXT_KEYS = [
    "Sammanfattande bedömning", "Förvaltningschefens analys", "Händelser av väsentlig betydelse",
    "Förväntad utveckling", "Ekonomisk analys", "Effektivisering",
    "Intäkts- och kostnadsutveckling", "Investeringar", "Ärendet",
]


@dataclass(frozen=True)
class Text:
    """Narrative from Excel: a line break separates paragraphs; `- ` or `• ` starts a bullet."""

    paragraphs: tuple[tuple[str, bool], ...] = ()  # (text, is_bullet)

    @classmethod
    def parse(cls, raw: str) -> Text:
        items = []
        for line in (raw or "").split("\n"):
            line = line.strip()
            if not line:
                continue
            bullet = line.startswith(("- ", "• ", "– "))
            items.append((line[2:].strip() if bullet else line, bullet))
        return cls(tuple(items))

    def __bool__(self) -> bool:
        return bool(self.paragraphs)


def text_key(name: str) -> str:
    """`Intäkts- och kostnadsutveckling` → `intakts_och_kostnadsutveckling`."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")


@dataclass
class VerksamhetContext:
    namn: str
    mening: str
    analys: Text
    tabell: Table


@dataclass
class GoalContext:
    nr: int
    namn: str
    analys: Text
    iakttagelser: Table
    indikatorer: Table | None
    kommentarer: list[str]
    ataganden: Table | None


@dataclass
class ReportContext:
    kommun: str
    namnd: str
    forvaltning: str
    rapporttyp: str
    rapporttitel: str
    rapporttyp_bestamd: str
    ar: int
    period_manad: str
    period: str
    beslutsdatum: str
    paragraf: str
    diarienummer: str
    beslutsrad: str
    forslagsstallare: str
    mottagare: str
    beslutspunkter: list[dict]
    beslutsunderlag: list[dict]
    ekonomisk_sammanfattning: str
    ekonomi_inledning: str
    investeringsmening: str
    rubrik_enheter: str
    rubrik_verksamheter: str
    verksamheter: list[VerksamhetContext]
    tabell: dict[str, Table | None]
    text: dict[str, Text] = field(default_factory=dict)
    arsberattelse: bool = False
    malomraden: list[GoalContext] = field(default_factory=list)
    fem_ar_fotnoter: list[str] = field(default_factory=list)
    diagram: dict[str, Chart | list[Chart] | None] = field(default_factory=dict)


def default_decisions(report: Report) -> list[str]:
    info = report.info
    noun = "Årsberättelsen" if info.rapporttyp.is_annual else "Delårsrapporten"
    return [f"{info.namnd} fastställer {info.rapporttitel} för {info.ar}.",
            f"{noun} överlämnas till {info.mottagare} för vidare hantering."]


def decision_line(report: Report) -> str:
    info = report.info
    if info.beslutsdatum is None:
        return ""
    line = f"Beslutad av {info.namnd}, den {fmt.long_date(info.beslutsdatum)}"
    return line + (f", § {info.paragraf}" if info.paragraf else "")


def goal_contexts(goals: GoalsResult) -> list[GoalContext]:
    return [GoalContext(s.nr, s.name, Text.parse(s.analysis), s.observations, s.indicators,
                        s.indicator_notes, s.commitments) for s in goals.sections]


def build_context(report: Report, economy: Economy | None = None) -> ReportContext:
    economy = economy or compute_economy(report)
    goals = compute_goals(report)
    info = report.info
    annual = info.rapporttyp.is_annual
    decisions = [p.text for p in report.beslut] or default_decisions(report)
    texts = {text_key(k): Text.parse(v) for k, v in report.texts.items()}
    for key in KNOWN_TEXT_KEYS:
        texts.setdefault(text_key(key), Text())
    return ReportContext(
        kommun=info.kommun, namnd=info.namnd, forvaltning=info.forvaltning,
        rapporttyp=info.rapporttyp.value, rapporttitel=info.rapporttitel,
        rapporttyp_bestamd="årsberättelsen" if info.rapporttyp.is_annual else "delårsrapporten",
        ar=info.ar, period_manad=fmt.month_name(info.period_month),
        period=fmt.period_label(info.period_month),
        beslutsdatum=fmt.long_date(info.beslutsdatum) if info.beslutsdatum else "",
        paragraf=info.paragraf, diarienummer=info.diarienummer, beslutsrad=decision_line(report),
        forslagsstallare=info.forslagsstallare, mottagare=info.mottagare,
        beslutspunkter=[{"nr": i, "text": t} for i, t in enumerate(decisions, start=1)],
        beslutsunderlag=[d.model_dump() for d in report.beslutsunderlag],
        ekonomisk_sammanfattning=economic_summary(report, economy),
        ekonomi_inledning=economy_intro(report, economy),
        investeringsmening=investment_sentence(report, economy),
        rubrik_enheter="Enheternas resultat" if annual else "Enheternas delårsresultat och prognos",
        rubrik_verksamheter=("Verksamheternas resultat" if annual
                             else "Verksamheternas delårsresultat och prognos"),
        verksamheter=[VerksamhetContext(p.verksamhet.name, verksamhet_sentence(report, p.deviation),
                                        Text.parse(p.verksamhet.ekonomisk_analys), p.table)
                      for p in economy.verksamheter],
        tabell={"namnd": economy.namnd_table, "ackumulerat": economy.accumulated_table,
                "justerad": economy.adjusted_table, "kontogrupper": economy.kontogrupper_table,
                "verksamhetsomraden": economy.omraden_table,
                "investeringar": economy.investeringar_table,
                "iakttagelser": goals.summary, "atagandestatus": goals.status_counts,
                "fem_ar": goals.five_years},
        text=texts,
        arsberattelse=annual,
        malomraden=goal_contexts(goals),
        fem_ar_fotnoter=goals.five_year_notes,
        diagram={"avvikelse": deviation_chart(economy), "fem_ar": goals.five_year_charts},
    )
