"""Builds the first version of `templates/formuleringar.docx`: the default wording of every
generated sentence, as a Word table the kansli edits (`Namn | Formulering | Förklaring`).

The .docx is the source of truth from then on. Run this only to start over
(`python tools/make_wording.py`); it overwrites the file.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from docx import Document
from docx.shared import Cm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from assembler.contract.amounts import ECONOMY_COLUMNS  # noqa: E402
from assembler.render.wordxml import (drop_template_leftovers, set_core_properties,  # noqa: E402
                                      stable_zip)

INTRO = (
    "Här står formuleringarna som verktyget fyller i rapporten och tjänsteskrivelsen. Ändra "
    "orden fritt; siffrorna skrivs med variabler och filter (se docs/mallvariabler.md), så en "
    "mening alltid citerar samma belopp som tabellerna. En formulering kan använda en annan: "
    "{{ avvikelse(x) }}. Kör assemble templates check efter en ändring. En egen "
    "formuleringar.docx i mallmappen ersätter bara de rader den har med samma namn."
)

ROWS = [
    ("avvikelse(x, mot_budget=true)",
     "{% if x is noll %}ett utfall i nivå med budget{% else %}en {{ x | avvikelseord }} "
     "avvikelse{% if mot_budget %} mot budget{% endif %} på {{ x | belopp('utan minus') }}"
     "{% endif %}",
     "Hjälpformulering: en avvikelse med teckenord, utan dubbla minus."),
    ("resultat(x)",
     "{% if x is noll %}ett nollresultat{% else %}ett {{ x | resultatord }} på "
     "{{ x | belopp('inget') }}{% endif %}",
     "Hjälpformulering: ett resultat mot nollbudget (budgetmodellen Kommunbidrag)."),
    ("ekonomisk_sammanfattning",
     "{% if arsberattelse %}Årets utfall för {{ organ }} visar{% else %}Med utfallet till och "
     "med {{ period_manad }} och bedömda förändringar under resten av året som grund "
     "prognostiseras{% endif %} "
     "{% if ekonomi.kommunbidrag %}{{ resultat(ekonomi.resultat) }}{% else %}"
     "{{ avvikelse(ekonomi.namnd.avvikelse) }}{% endif %}"
     "{% if ekonomi.intraprenader is none %}."
     "{% if ekonomi.avvikelse_andel is not none and not ekonomi.budgetram is noll "
     "and not ekonomi.namnd.avvikelse is noll %} Det motsvarar "
     "{{ ekonomi.avvikelse_andel | procent(tecken='utan minus') }} av {{ organets }} "
     "{% if ekonomi.kommunbidrag %}kommunbidrag{% else %}budgetram{% endif %}.{% endif %}"
     "{% else %} inklusive intraprenader och "
     "{{ avvikelse(ekonomi.exkl_intraprenader.avvikelse, false) }} exklusive intraprenader."
     "{% if ekonomi.avvikelse_andel is not none and not ekonomi.budgetram is noll %} Räknat i "
     "procent av {{ organets }} budgetram motsvarar det "
     "{{ ekonomi.avvikelse_andel | procent(tecken='plus') }} inklusive och "
     "{{ ekonomi.avvikelse_andel_exkl | procent(tecken='plus') }} exklusive intraprenader."
     "{% endif %}{% endif %}",
     "Sammanfattningen av årets avvikelse; citeras i avsnitt 1, 2 och 5 och i "
     "tjänsteskrivelsen."),
    ("ekonomi_inledning",
     "{% set f = ekonomi.namnd %}{% set exkl = ekonomi.exkl_intraprenader %}"
     "{% if not ekonomi.budgetram is noll %}{{ organets | capitalize }} "
     "{% if ekonomi.kommunbidrag %}kommunbidrag{% else %}budgetram{% endif %} för {{ ar }} "
     "{% if arsberattelse %}var{% else %}uppgår till{% endif %} "
     "{{ ekonomi.budgetram | belopp('inget') }}.{% endif %} "
     "{% if arsberattelse %}{% if f.forbrukning_helar is not none %}Årets utfall motsvarar "
     "{{ f.forbrukning_helar | procent(0, 'inget') }} av budgeten"
     "{% if exkl and exkl.forbrukning_helar is not none %}, och "
     "{{ exkl.forbrukning_helar | procent(0, 'inget') }} exklusive intraprenader{% endif %}."
     "{% endif %}"
     "{% elif f.forbrukning_period is not none %}Till och med {{ period_manad }} har "
     "{{ organ }} förbrukat {{ f.forbrukning_period | procent(0, 'inget') }} av periodens "
     "budget{% if exkl and exkl.forbrukning_period is not none %}, och "
     "{{ exkl.forbrukning_period | procent(0, 'inget') }} exklusive intraprenader{% endif %}."
     "{% elif not ekonomi.kommunbidrag and not ekonomi.budgetram is noll "
     "and f.budget_period is noll %}Periodbudgeten till "
     "och med {{ period_manad }} är noll, så förbrukningen kan inte anges.{% endif %}",
     "Första stycket i avsnitt 5: budgetram och förbrukning. Mot en nollbudget nämns varken "
     "ram eller förbrukning."),
    ("rubrik_enheter",
     "{% if arsberattelse %}Enheternas resultat{% else %}Enheternas delårsresultat och prognos"
     "{% endif %}",
     "Rubriken över enheternas tabell (5.1)."),
    ("rubrik_verksamheter",
     "{% if arsberattelse %}Verksamheternas resultat{% else %}Verksamheternas delårsresultat och "
     "prognos{% endif %}",
     "Rubriken över verksamhetsområdenas tabell (5.3)."),
    ("verksamhet_mening(verksamhet)",
     "{% if not verksamhet.siffror.kommunbidrag and verksamhet.siffror.avvikelse is none %}"
     "Verksamheten har ingen egen budget; den ingår i {{ organets }} budgetram."
     "{% else %}{% if arsberattelse %}Årets utfall visar{% else %}För helåret "
     "prognostiseras{% endif %} "
     "{% if verksamhet.siffror.kommunbidrag %}{{ resultat(verksamhet.siffror.resultat) }}"
     "{% else %}{{ avvikelse(verksamhet.siffror.avvikelse) }}{% endif %}.{% endif %}",
     "Meningen under varje verksamhets tabell (verksamheter[].mening); en verksamhet utan "
     "egen budget (bara nämndens ram) får ingen avvikelse."),
    ("lista_mening(lista)",
     "{% set ns = namespace(delar=[]) %}{% for s in lista.statusar if s.antal %}"
     "{% set ns.delar = ns.delar + [(s.antal | ord) ~ ' ' ~ (s.antal | plural(s.ental, "
     "s.flertal))] %}{% endfor %}{{ ns.delar | lista }}",
     "Antalen per status i en lista, i ord: sju färdiga, fyra förväntas bli färdiga 2020 och "
     "en är stoppad (listor.namn.mening)."),
    ("investeringsmening",
     "{% set t = ekonomi.investeringar_totalt %}{% if t %}{{ organets | capitalize }} "
     "investeringsutrymme för {{ ar }} {% if arsberattelse %}var "
     "{{ (t.budget or 0) | belopp('inget') }}, och under året har "
     "{{ (t.utfall or 0) | belopp('inget') }} använts.{% else %}är "
     "{{ (t.budget or 0) | belopp('inget') }}. Till och med {{ period_manad }} har "
     "{{ (t.utfall_period or 0) | belopp('inget') }} använts, och prognosen för helåret är "
     "{{ (t.prognos or 0) | belopp('inget') }}.{% endif %}{% endif %}",
     "Meningen om investeringarna, tom utan bladet Investeringar."),
    ("beslutsrad",
     "{% if beslutsdatum %}Beslutad av {{ namnd }}, den {{ beslutsdatum }}{% if paragraf %}, "
     "§ {{ paragraf }}{% endif %}{% endif %}",
     "Raden om beslutet på titelsidan (beslutsrad), tom utan Beslutsdatum."),
    ("beslut_faststall",
     "{{ namnd }} fastställer {{ rapporttitel }} för {{ ar }}.",
     "Första beslutspunkten när bladet Beslut är tomt; en tom formulering utelämnar den."),
    ("beslut_overlamna",
     "{{ rapporttyp_bestamd | capitalize }} överlämnas till {{ mottagare }} för vidare "
     "hantering.",
     "Andra beslutspunkten när bladet Beslut är tomt."),
    ("attsats_faststall",
     "fastställa {{ rapporttitel }} för {{ ar }}",
     "Tjänsteskrivelsens första att-sats när bladet Beslut är tomt (utan att och punkt)."),
    ("attsats_overlamna",
     "överlämna {{ rapporttyp_bestamd }} till {{ mottagare }} för vidare hantering",
     "Tjänsteskrivelsens andra att-sats när bladet Beslut är tomt."),
    ("diagram_titel(d)",
     "{% if d.typ == 'staplar' %}Avvikelse mot budget per verksamhet ({% if arsberattelse %}"
     "utfall{% else %}prognos{% endif %} {{ ar }}{{ urval(d) }}), tkr{% else %}{{ d.namn }}"
     "{% endif %}",
     "Diagrammets rubrik (bildtexten efter Diagram 1.). d.typ är staplar (avvikelse per "
     "verksamhet) eller linje (ett nyckeltal i Fem år i sammandrag, d.namn)."),
    ("diagram_alttext(d)",
     "{% if d.typ == 'staplar' %}Stapeldiagram över avvikelse mot budget per verksamhet"
     "{{ urval(d) }}: {% for p in d.punkter %}{{ p.etikett }} {{ p.varde | tkr }}"
     "{% if not loop.last %}; {% endif %}{% endfor %}.{% else %}Linjediagram för {{ d.namn }}"
     "{% if d.prognos_sist %} (sista värdet är en prognos){% endif %}: "
     "{% for p in d.punkter if p.varde is not none %}{{ p.etikett }}: "
     "{{ p.varde | tal(d.decimaler) }}{% if not loop.last %}, {% endif %}{% endfor %}."
     "{% endif %}",
     "Diagrammets alternativtext för den som inte ser det (också i PDF:en): vad det visar och "
     "varje värde. d.punkter har etikett och varde."),
    ("diagram_nummer(nr)", "Diagram {{ nr }}.",
     "Det som står före diagrammets rubrik i bildtexten; nr är diagrammets nummer i "
     "dokumentet."),
    ("tabellrubrik_malomraden", "Målområden",
     "Första kolumnens rubrik i tabellen över målområdenas iakttagelser (avsnitt 3)."),
    ("tabellrubrik_indikatorer(m)", "Indikatorer inom målområde {{ m.nr }}",
     "Första kolumnens rubrik i målområdets tabell över indikatorer; m har nr och namn."),
    ("tabellrubrik_ataganden(m)", "Åtagande",
     "Första kolumnens rubrik i målområdets tabell över åtaganden; m har nr och namn."),
    ("urval(d)",
     "{% if d.antal > d.punkter | length %}, de {{ d.punkter | length }} största av "
     "{{ d.antal }}{% endif %}",
     "Hjälpformulering: när diagrammet bara visar de största avvikelserna."),
]

# the words of the tables the tool builds: titles, column titles and row labels (also in the
# kommun's formuleringar.docx, tools/make_kommun.py)
AMOUNT_TABLE_WORDS = [
    ("tabellrubrik_belopp(namn, enhet)", "{{ namn }}, belopp i {{ enhet }}",
     "Första kolumnens rubrik i en tabell med belopp: namn är tabellens (nämnden, "
     "verksamheten, Kontogrupp …), enhet tkr eller mnkr."),
    ("radrubrik_avrundning", "Avrundning",
     "Raden som visar avrundningsdifferensen när de avrundade raderna inte summerar till "
     "den avrundade summan."),
]

def _jinja_title(title: str) -> str:
    return (title.replace("{ar}", "{{ ar }}").replace("{fg}", "{{ ar - 1 }}")
            .replace("{period}", "{{ period }}"))


def column_words(names=tuple(ECONOMY_COLUMNS)) -> list[tuple[str, str, str]]:
    """The economy's column titles (contract/amounts.py ECONOMY_COLUMNS): ar is the column's
    year, period the months (`jan–aug`), helar true in an årsberättelse."""
    rows = []
    for name in names:
        column = ECONOMY_COLUMNS[name]
        source = _jinja_title(column.title)
        if column.annual_title:
            source = (f"{{% if helar %}}{_jinja_title(column.annual_title)}{{% else %}}{source}"
                      f"{{% endif %}}")
        rows.append((f"{column.word}(ar, period, helar)", source,
                     "Kolumnens rubrik i ekonomins tabeller; ar är kolumnens år, period "
                     "månaderna (jan–aug), helar sant i en årsberättelse."))
    return rows


TABLE_WORDS = AMOUNT_TABLE_WORDS + column_words() + [
    ("kolumnrubrik_malvarde(ar)", "Målvärde {{ ar }}",
     "Kolumnen med målvärdet i målområdets tabell över indikatorer."),
    ("rubrik_totalt", "Totalt",
     "Raden och kolumnen Totalt: listornas och åtagandestatusens antal, det ackumulerade "
     "resultatets kolumn för alla intraprenader, summaraden i Investeringar och Resultat per "
     "verksamhet."),
    ("kolumnrubrik_antal", "Antal", "Kolumnen med antal i listornas tabeller och i "
     "åtagandestatusen."),
    ("tabellrubrik_atagandestatus", "Status för nämndens åtaganden",
     "Första kolumnens rubrik i tabellen över åtagandenas status (tabell.atagandestatus)."),
    ("kolumnrubrik_positiva_iakttagelser", "Positiva iakttagelser",
     "Kolumnen i målområdenas tabeller över iakttagelser."),
    ("kolumnrubrik_forbattringsomraden", "Förbättringsområden",
     "Kolumnen i målområdenas tabeller över iakttagelser."),
    ("kolumnrubrik_status", "Status", "Kolumnen i målområdets tabell över åtaganden."),
    ("kolumnrubrik_fardiggrad", "Färdiggrad",
     "Kolumnen i målområdets tabell över åtaganden (när Färdiggrad är ifylld)."),
    ("kolumnrubrik_kommentar", "Kommentar", "Kolumnen i målområdets tabell över åtaganden."),
    ("radrubrik_nettokostnad", "Nettokostnad",
     "Summaraden i ekonomins tabeller (budgetmodellen Nettoram), när ekonomen inte skrivit "
     "en egen summarad."),
    ("radrubrik_resultat", "Resultat",
     "Summaraden i ekonomins tabeller med budgetmodellen Kommunbidrag."),
    ("radrubrik_kommunbidrag", "Kommunbidrag",
     "Raden med kommunbidraget i nämndens tabell (budgetmodellen Kommunbidrag)."),
    ("radrubrik_varav(namn)", "- varav {{ namn }}",
     "En varav-rad: en del av raden ovanför som inte summeras; namn är radens namn."),
    ("radrubrik_varav_intraprenader", "- varav intraprenader",
     "Varav-raden under summan i nämndens tabell när nämnden har intraprenader."),
    ("radrubrik_exkl_intraprenader(summarad)", "{{ summarad }} exkl. intraprenader",
     "Summaraden exklusive intraprenader i nämndens tabell; summarad är summaradens namn."),
    ("tabellnamn_ackumulerat", "Ackumulerat resultat intraprenader",
     "Namnet i tabellrubrik_belopp för tabellen över intraprenadernas ackumulerade resultat."),
    ("radrubrik_ingaende_ackumulerat", "Ingående ackumulerat resultat",
     "Rad i tabellen över ackumulerat resultat."),
    ("radrubrik_ianspraktagande", "Ianspråktagande av ackumulerat resultat",
     "Rad i tabellen över ackumulerat resultat och i en intraprenads tabell."),
    ("radrubrik_nya_underskott", "Nya underskott", "Rad i tabellen över ackumulerat resultat."),
    ("radrubrik_nya_overskott", "Nya överskott", "Rad i tabellen över ackumulerat resultat."),
    ("radrubrik_utgaende_ackumulerat", "Utgående ackumulerat resultat",
     "Summaraden i tabellen över ackumulerat resultat."),
    ("rubrik_justerad_avvikelse", "Justerad avvikelse",
     "Namnet på tabellen över justerad avvikelse (i tabellrubrik_belopp), dess summarad och "
     "raden i en intraprenads tabell."),
    ("kolumnrubrik_justerad_avvikelse", "Avvikelse",
     "Kolumnen i tabellen över justerad avvikelse."),
    ("radrubrik_avvikelse_exkl_intraprenader", "Årets avvikelse exkl. intraprenader",
     "Rad i tabellen över justerad avvikelse."),
    ("radrubrik_avvikelse_intraprenader", "Årets avvikelse intraprenader",
     "Rad i tabellen över justerad avvikelse."),
    ("tabellnamn_nettokostnad_fem_ar", "Verksamhet",
     "Namnet i tabellrubrik_belopp för nettokostnaden per verksamhet över fem år "
     "(tabell.nettokostnad_fem_ar)."),
]


def build(path: Path, rows=ROWS + TABLE_WORDS, subject="Standardformuleringar") -> None:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(10)
    document.add_heading("Formuleringar", level=1)
    document.add_paragraph(INTRO)
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, ("Namn", "Formulering", "Förklaring"), strict=True):
        cell.text = title
        cell.paragraphs[0].runs[0].bold = True
    for name, source, note in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = name, source, note
    for row in table.rows:
        for cell, width in zip(row.cells, (Cm(4.2), Cm(9.2), Cm(3.6)), strict=True):
            cell.width = width
    set_core_properties(document, title="Formuleringar", subject=subject,
                        author="assembler", language="sv-SE", moment=dt.datetime(2026, 1, 1))
    drop_template_leftovers(document)
    from io import BytesIO
    buffer = BytesIO()
    document.save(buffer)
    path.write_bytes(stable_zip(buffer.getvalue()))


if __name__ == "__main__":
    build(Path(__file__).resolve().parents[1] / "templates" / "formuleringar.docx")
