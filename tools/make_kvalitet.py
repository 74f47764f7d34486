"""Builds a kvalitetsredovisning: `templates/kvalitet/` (the report alone, `tjänsteskrivelse.ingen`)
and its example report folder `inputs/kvalitet/`.

An invented Barn- och utbildningsnämnd in an invented kommun (Storsjö kommun) publishes a
Kvalitetsredovisning of the Årsberättelse kind: activity records per mål › ambition › uppdrag with
their fields as bold labels, a statistics table of three panels side by side, a table of contents
with three levels, and a short economy part. People, figures and texts are invented. Run
`python tools/make_kvalitet.py` to recreate both folders; it overwrites them.
"""

from __future__ import annotations

import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
sys.path.insert(0, str(TOOLS))
import make_templates as mt  # noqa: E402
from assembler.render import styles as st  # noqa: E402
from make_formats_eskilstuna import workbook  # noqa: E402

REPO = TOOLS.parent
TEMPLATES = REPO / "templates" / "kvalitet"
INPUTS = REPO / "inputs" / "kvalitet"
TOC_THREE_LEVELS = ' TOC \\o "1-3" \\h \\z '

# --- the template ----------------------------------------------------------------------------


def title_and_contents(doc) -> None:
    """The title page, then a table of contents of three levels on a page of its own."""
    mt.title_page_head(doc)
    mt.page_break(doc)
    mt.add(doc, "Innehåll", "TOC Heading")
    toc = doc.add_paragraph(style=st.TOC[1].name)
    for run in mt.field_runs(TOC_THREE_LEVELS,
                             "Innehållsförteckningen fylls i när rapporten skapas.", dirty=True):
        toc._p.append(run)
    mt.page_break(doc)


def labelled(doc, label: str, value: str) -> None:
    """`Etikett: värde` with the label in bold, one paragraph."""
    paragraph = doc.add_paragraph(style="Normal")
    paragraph.add_run(label).bold = True
    paragraph.add_run(value)
    paragraph.paragraph_format.space_after = mt.Pt(2)


def activity_records(doc) -> None:
    """Per mål (Heading 2) and ambition (Heading 3) each uppdrag: its name and then every
    column the kansli put in `Poster Aktiviteter` (Aktivitet, Ansvarig, Hur, När, Vem,
    Återrapportering), each with its header as a bold label."""
    add = mt.add
    add(doc, "{%p if poster.aktiviteter is defined %}")
    add(doc, "Mål, ambitioner och uppdrag", "Heading 1")
    add(doc, "{{p text.malarbetet }}")
    add(doc, "{%p for mal in poster.aktiviteter %}")
    add(doc, "{{ mal.namn }}", "Heading 2")
    add(doc, "{%p for ambition in mal.poster %}")
    add(doc, "{{ ambition.namn }}", "Heading 3")
    add(doc, "{%p for u in ambition.poster %}")
    add(doc, "Uppdrag", "Postetikett")
    add(doc, "{{ u.namn }}", "Postrubrik")
    add(doc, "{%p for f in u.kolumner %}")
    labelled(doc, "{{ f.rubrik }}: ", "{{ f.text }}")
    add(doc, "{%p endfor %}")
    add(doc, "{%p endfor %}")
    add(doc, "{%p endfor %}")
    add(doc, "{%p endfor %}")
    add(doc, "{%p endif %}")


def statistics(doc) -> None:
    """Three statistics tables side by side, each with its title row and relative widths."""
    add = mt.add
    add(doc, "{%p if tabeller.barn is defined and tabeller.elever is defined "
             "and tabeller.personal is defined %}")
    add(doc, "Verksamheten i siffror", "Heading 1")
    add(doc, "Antal barn och elever per den 15 oktober och personal i årsarbetare.",
        keep_with_next=True)
    add(doc, "{{p tabeller.barn | bredvid(tabeller.elever, tabeller.personal) }}")
    add(doc, "{%p endif %}")


def economy(doc) -> None:
    """The short economy part: the nämnd's table, the net cost over five years and each
    verksamhet's analysis."""
    add = mt.add
    add(doc, "Ekonomi", "Heading 1")
    add(doc, "{{p text.ekonomisk_analys }}")
    add(doc, "Resultat per verksamhet", "Heading 2")
    add(doc, "{{p tabell.namnd }}")
    add(doc, "{%p for v in verksamheter %}")
    add(doc, "{{ v.namn }}", "Heading 3")
    add(doc, "{{p v.analys }}")
    add(doc, "{%p endfor %}")
    add(doc, "{%p if tabell.nettokostnad_fem_ar %}")
    add(doc, "Nettokostnad per verksamhet", "Heading 2")
    add(doc, "Bokslut för de fyra föregående åren och årets utfall.", keep_with_next=True)
    add(doc, "{{p tabell.nettokostnad_fem_ar }}")
    add(doc, "{%p endif %}")


def build_rapport(doc) -> None:
    title_and_contents(doc)
    mt.add(doc, "Inledning", "Heading 1")
    mt.add(doc, "{{p text.sammanfattande_bedomning }}")
    activity_records(doc)
    statistics(doc)
    economy(doc)


def write_templates() -> None:
    TEMPLATES.mkdir(parents=True, exist_ok=True)
    doc = mt.new_document()
    build_rapport(doc)
    mt.set_properties(doc, "Mall: kvalitetsredovisning")
    doc.save(TEMPLATES / "rapport.docx")
    (TEMPLATES / "tjänsteskrivelse.ingen").write_text(
        "Kvalitetsredovisningen ges ut utan tjänsteskrivelse.\n", encoding="utf-8")


# --- the example report folder ---------------------------------------------------------------

RAPPORT = [
    ("Kommun", "Storsjö kommun"),
    ("Nämnd", "Barn- och utbildningsnämnden"),
    ("Förvaltning", "Barn- och utbildningsförvaltningen"),
    ("Rapporttyp", "Årsberättelse"),
    ("Rapporttitel", "Kvalitetsredovisning"),
    ("År", 2024),
    ("Beslutsdatum", "2025-03-18"),
    ("Diarienummer", "BUN 2025/41"),
    ("Mottagare", "Kommunstyrelsen"),
    ("Förvaltningschef", "Annika Lövgren"),
    ("Handläggare", "Petter Ekbom"),
]
TEXT = [
    ("Sammanfattande bedömning",
     "Kvalitetsredovisningen beskriver hur förskolor och skolor i Storsjö har arbetat med "
     "nämndens mål under läsåret 2023/24 och vilka uppdrag som fortsätter.\n"
     "Måluppfyllelsen i grundskolan har ökat något, och fler barn går i förskola. Närvaron "
     "i skolan är fortfarande ett utvecklingsområde."),
    ("Målarbetet",
     "Nämndens mål är uppdelade i ambitioner. Under varje ambition står förvaltningens uppdrag "
     "med aktivitet, ansvarig, arbetssätt, tidplan, deltagare och hur uppdraget återrapporteras."),
    ("Ärendet",
     "Nämnden följer varje år upp kvaliteten i förskola och grundskola och fastställer "
     "kvalitetsredovisningen."),
    ("Ekonomisk analys",
     "Nämnden redovisar ett litet underskott, främst på grund av fler barn i förskolan än "
     "budgeterat."),
]
AKTIVITETER_HEADER = ["Mål", "Ambition", "Uppdrag", "Aktivitet", "Ansvarig", "Hur", "När",
                      "Vem", "Återrapportering"]
AKTIVITETER = [
    ["Alla barn och elever når kunskapsmålen", "Fler elever läser med god förståelse",
     "Stärka läsundervisningen i årskurs 1–3",
     "Gemensam läsmodell och kartläggning av läsförmågan tre gånger per år",
     "Rektorerna i grundskolan", "Lärarna arbetar efter en gemensam modell med stöd av "
     "förstelärare i svenska.", "Läsåret 2024/25", "Lärare i årskurs 1–3",
     "I kvalitetsredovisningen 2025"],
    [None, None, "Öka läsningen på fritiden",
     "Boksamtal och lånedagar tillsammans med folkbiblioteket",
     "Skolbibliotekarie Maria Holm", "Klasserna besöker biblioteket varje månad.",
     "Hela året", "Elever i årskurs 4–6", "Till nämnden i december"],
    [None, "Fler elever är behöriga till gymnasiet",
     "Tidiga insatser i matematik",
     "Extra lektioner i matematik för elever som riskerar att inte nå målen",
     "Rektor Jonas Berg", "Lärarna följer upp resultaten efter varje arbetsområde.",
     "Vårterminen 2025", "Elever i årskurs 7–9", "Delårsrapport 2"],
    ["Alla barn och elever känner sig trygga", "Närvaron i skolan ökar",
     "Följa upp frånvaron varje månad",
     "Närvaroteam på varje skola och kontakt med hemmet vid upprepad frånvaro",
     "Elevhälsochef Sara Lind", "Mentorerna rapporterar frånvaro och teamet träffas "
     "varje vecka.", "Från augusti 2024", "Mentorer, elevhälsan och vårdnadshavare",
     "Till nämnden varje termin"],
    [None, "Förskolan är en trygg plats",
     "Trygghetsplan på varje förskola",
     "Kartläggning av barnens trygghet och samtal med vårdnadshavare",
     "Förskolechefen Erik Sand", "Personalen observerar och för samtal med barnen.",
     "Höstterminen 2024", "Förskollärare och barnskötare", "I kvalitetsredovisningen 2025"],
    ["Medarbetarna vill arbeta i Storsjös skolor", "Fler behöriga lärare",
     "Stöd till lärare som läser in behörighet",
     "Studietid med bibehållen lön för lärare som läser till behörighet",
     "Personalchef Lena Ström", "Förvaltningen ersätter vikarie under studietiden.",
     "2024–2026", "Obehöriga lärare med tillsvidareanställning", "Delårsrapport 1"],
]
GROUPINGS = [("Blad", "Gruppera efter", "Obligatoriska kolumner"),
             ("Aktiviteter", "Mål › Ambition › Uppdrag", "Aktivitet, Ansvarig")]

# Three narrow panels: a title row, the relative widths, then the figures
BARN = [["Förskola", "Barn (antal)", "Nivå"],
        ["Barn i förskolan", None, "titel"],
        [3, 2, "bredd"],
        ["Norra", 212, None], ["Södra", 187, None], ["Västra", 96, None], ["Totalt", 495, None]]
ELEVER = [["Grundskola", "Elever (antal)", "Nivå"],
          ["Elever i grundskolan", None, "titel"],
          [3, 2, "bredd"],
          ["Bäckaskolan", 402, None], ["Sjöskolan", 356, None], ["Åsskolan", 288, None],
          ["Totalt", 1046, None]]
PERSONAL = [["Verksamhet", "Årsarbetare (antal)", "Nivå"],
            ["Personal", None, "titel"],
            [1, 1, "bredd"],
            ["Förskola", 98, None], ["Grundskola", 131, None], ["Elevhälsa", 14, None],
            ["Totalt", 243, None]]

ANNUAL_HEADER = ["Enhet", "Bokslut fg år", "Budget helår", "Utfall helår"]
# name, ordning, analysis, the verksamhet's budget as one ram (nämnden does not split it per
# enhet: the enheter's Budget helår stay empty), rows (enhet, bokslut fg år, utfall); tkr
VERKSAMHETER = [
    ("Förskola", 1, "Fler barn än budgeterat ger ett underskott.", -125300,
     [("Förskolor", -118400, -123900), ("Pedagogisk omsorg", -4100, -4000)]),
    ("Grundskola", 2, "Grundskolan håller sin budget.", -284500,
     [("Grundskolor", -246000, -251800), ("Fritidshem", -31200, -31900)]),
    ("Nämnd och förvaltning", 3, "Vakanser på förvaltningen ger ett litet överskott.", -16900,
     [("Nämnd", -1300, -1350), ("Förvaltningsledning", -14800, -14900)]),
]
# The sheet Bokslut: each verksamhet's net cost four, three and two years back (last year's
# comes from the enheter's Bokslut fg år in Ekonomi)
BOKSLUT = [["Verksamhet", "Bokslut 2020", "Bokslut 2021", "Bokslut 2022"],
           ["Förskola", -108900, -112300, -117600],
           ["Grundskola", -255100, -262400, -270300],
           ["Nämnd och förvaltning", -14200, -14900, -15600]]


def write_inputs() -> None:
    INPUTS.mkdir(parents=True, exist_ok=True)
    for old in INPUTS.glob("*.xlsx"):
        old.unlink()
    workbook(INPUTS / "Barn- och utbildningsnämnden.xlsx", {
        "Rapport": [("Fält", "Värde"), *RAPPORT],
        "Text": [("Avsnitt", "Text"), *TEXT],
        "Poster Aktiviteter": [AKTIVITETER_HEADER, *AKTIVITETER],
        "Postgrupper": GROUPINGS,
        "Tabell Barn": BARN,
        "Tabell Elever": ELEVER,
        "Tabell Personal": PERSONAL,
        "Bokslut": BOKSLUT,
    })
    for name, order, analysis, ram, rows in VERKSAMHETER:
        workbook(INPUTS / f"{name}.xlsx", {
            "Verksamhet": [("Fält", "Värde"), ("Verksamhet", name), ("Ordning", order),
                           ("Budget helår", ram), ("Ekonomisk analys", analysis)],
            "Ekonomi": [ANNUAL_HEADER, *((enhet, bokslut, None, utfall)
                                        for enhet, bokslut, utfall in rows)],
        })


if __name__ == "__main__":
    write_templates()
    write_inputs()
    print(f"skrev {TEMPLATES} och {INPUTS}")
