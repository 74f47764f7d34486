"""Issue 12, figures and filters: every figure reachable from a template by name, and the
filters a kansli writes Swedish report prose with."""

import datetime as dt
from pathlib import Path
from decimal import Decimal as D

import pytest
from docx import Document

from assembler.contract import fmt
from assembler.app.report import TEMPLATES_DIR, example_context
from assembler.render.sandbox import sandbox_environment
from assembler.render.filters import FILTER_DOCS, FILTERS, TESTS
from assembler.render.document import alt_texts
from helpers import MEMO_TEXT, RAPPORT, docx_text, minimal_folder, rapport_with, render_fast

NBSP = "\u00a0"


def say(source: str, **values) -> str:
    return sandbox_environment().from_string(source).render(**values).replace(NBSP, " ")


@pytest.mark.parametrize("source, value, expected", [
    ("{{ x | mnkr(ord=True) }}", D("26412"), "26,4 miljoner kronor"),
    ("{{ x | mnkr }}", D("-28649"), "-28,6 mnkr"),
    ("{{ x | mnkr(tecken='inget') }}", D("-28649"), "28,6 mnkr"),
    ("{{ x | mnkr(tecken='plus', decimaler=0) }}", D("14684"), "+15 mnkr"),
    ("{{ x | tkr }}", D("-4903.4"), "-4 903 tkr"),
    ("{{ x | tkr('plus') }}", D("14684"), "+14 684 tkr"),
    ("{{ x | tkr(ord=True) }}", D("3913"), "3 913 tusen kronor"),
    ("{{ x | procent }}", D("0.0272"), "2,7 procent"),
    ("{{ x | procent(0, symbol=True) }}", D("0.948"), "95%"),
    ("{{ x | procent }}", None, "–"),
    ("{{ x | tal(1) }}", D("6.41"), "6,4"),
    ("{{ x | ord }}", 7, "sju"),
    ("{{ x | ord }}", 1, "en"),
    ("{{ x | ord('ett') }}", 1, "ett"),
    ("{{ x | ord }}", 21, "21"),
    ("{{ x | ord(upp_till=99) }}", 21, "tjugoen"),
    ("{{ x | plural('åtagande', 'åtaganden') }}", 3, "åtaganden"),
    ("{{ x | lista }}", ["sju färdiga", "fyra försenade", "en stoppad"],
     "sju färdiga, fyra försenade och en stoppad"),
    ("{{ x | datum('iso') }}", dt.date(2020, 9, 21), "2020-09-21"),
    ("{{ x | datum }}", dt.date(2020, 9, 21), "21 september 2020"),
    ("{{ x | datum('iso') }}", fmt.DateText(dt.date(2021, 9, 24)), "2021-09-24"),
])
def test_filters_write_swedish_prose(source, value, expected):
    assert say(source, x=value) == expected


@pytest.mark.parametrize("value, unit, expected", [
    (D("-6049"), "mnkr", "underskott"), (D("26412"), "mnkr", "överskott"),
    (D("-40"), "mnkr", "nollresultat"),  # -0,04 mnkr is written 0,0: no sign word fits
    (D("-40"), "tkr", "underskott"),
])
def test_sign_words_follow_the_figure_as_written(value, unit, expected):
    assert say("{{ x | resultatord }}", x=value, belopp_enhet=unit) == expected


def test_sign_word_and_magnitude_never_make_a_double_negative():
    text = say("en {{ x | avvikelseord }} avvikelse på {{ x | belopp(tecken='inget') }}",
               x=D("-28649"), belopp_enhet="mnkr")
    assert text == "en negativ avvikelse på 28,6 mnkr"


def test_a_date_written_as_before_still_knows_its_date():
    date = fmt.DateText(dt.date(2021, 9, 24))
    assert date == "24 september 2021" and say("{{ d | datum('månad') }}", d=date) == \
        "september 2021"


def test_a_filter_given_text_says_what_it_needs():
    with pytest.raises(ValueError, match="Filtret mnkr behöver ett tal"):
        say("{{ x | mnkr }}", x="många")


def test_every_filter_and_test_is_documented():
    import re
    documented = {re.search(r"(?:\| |is )(\w+)", usage).group(1) for usage, _ in FILTER_DOCS}
    assert documented == set(FILTERS) | set(TESTS)


def test_figures_agree_with_the_tables():
    context = example_context()
    figures = context.ekonomi
    total_row = context.tabell["namnd"].row("Nettokostnad")
    assert figures.namnd.avvikelse == total_row.values[-1]
    assert figures.namnd.utfall_period == total_row.values[0]
    assert figures.budgetram == -figures.namnd.budget
    assert [v.namn for v in figures.verksamheter] == [v.namn for v in context.verksamheter]
    assert sum(v.avvikelse for v in figures.verksamheter) == figures.namnd.avvikelse
    for verksamhet in context.verksamheter:
        assert sum(e.avvikelse for e in verksamhet.enheter) == verksamhet.siffror.avvikelse


def test_rankings_are_largest_first_by_sign():
    figures = example_context().ekonomi
    negative = figures.enheter_negativ_avvikelse
    assert negative and all(e.avvikelse < 0 for e in negative)
    assert [abs(e.avvikelse) for e in negative] == sorted((abs(e.avvikelse) for e in negative),
                                                          reverse=True)
    assert all(e.verksamhet for e in negative)  # each enhet knows its verksamhet
    assert all(v.avvikelse > 0 for v in figures.verksamheter_positiv_avvikelse)


def test_a_column_nobody_filled_is_empty_not_zero():
    figures = example_context().ekonomi
    assert figures.namnd.utfall is None  # a delårsrapport has no Utfall helår
    assert figures.namnd.resultat == figures.namnd.prognos


def test_a_kansli_sentence_in_its_own_words(tmp_path):
    """A template written with figures and filters, rendered through the real pipeline."""
    templates = own_template(tmp_path, "tjänsteskrivelse.docx", 
        "{{ namnd }} redovisar ett {{ ekonomi.namnd.avvikelse | resultatord }} på "
        "{{ ekonomi.namnd.avvikelse | belopp(tecken='inget') }} per {{ period_slut }}. "
        "{% set sämst = ekonomi.enheter_negativ_avvikelse[0] %}Den största negativa "
        "avvikelsen har {{ sämst.namn }} inom {{ sämst.verksamhet }} med "
        "{{ sämst.avvikelse | tkr }}.{{ beslutsdatum | datum('iso') }}")
    result = render_fast(minimal_folder(tmp_path / "in"), tmp_path / "ut", templates=templates)
    assert result.ok, [f.message for f in result.findings]
    text = docx_text(result.written[1]).replace(NBSP, " ")
    assert ("Testnämnden redovisar ett överskott på 40 tkr per 31 augusti 2024. Den största "
            "negativa avvikelsen har Enhet 2 inom Verksamhet Alfa med -20 tkr.") in text


def test_the_organ_reaches_the_template(tmp_path):
    from helpers import RAPPORT
    rapport = [r if r[0] != "Nämnd" else ["Nämnd", "Kommunstyrelsen"] for r in RAPPORT]
    result = render_fast(minimal_folder(tmp_path / "in", rapport), tmp_path / "ut")
    assert result.ok
    memo = docx_text(result.written[1])
    assert "Det motsvarar +1,1 procent av styrelsens budgetram." in memo
    assert "att överlämna delårsrapporten till Kommunfullmäktige" in memo
    assert "nämndens" not in memo.lower()


def own_template(tmp_path, name, paragraph):
    """A template folder with one template: the shipped memo with one more paragraph."""
    templates = tmp_path / "mallar"
    templates.mkdir(exist_ok=True)
    document = Document(TEMPLATES_DIR / "tjänsteskrivelse.docx")
    document.add_paragraph(paragraph)
    document.save(templates / name)
    return templates


def wording_docx(path, rows):
    """A formuleringar.docx as a kansli writes it: a Word table `Namn | Formulering`."""
    document = Document()
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Namn", "Formulering"
    for name, source in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = name, source
    document.save(path)
    return path


UPPSALA_STYLE = ("{{ namnd }} redovisar ett {{ ekonomi.namnd.avvikelse | resultatord }} per "
                 "{{ period_manad }} {{ ar }} på {{ ekonomi.namnd.avvikelse | "
                 "belopp(’inget’, ord=True) }}.")  # Word's curly quotes, as the kansli types


def test_the_kanslis_wording_replaces_only_its_own_rows(tmp_path):
    templates = tmp_path / "mallar"
    templates.mkdir()
    wording_docx(templates / "formuleringar.docx", [("ekonomisk_sammanfattning", UPPSALA_STYLE),
                                                     ("egen_mening", "Totalt {{ ekonomi.namnd."
                                                      "budget | tkr('inget') }} i budget.")])
    result = render_fast(minimal_folder(tmp_path / "in"), tmp_path / "ut", templates=templates)
    assert result.ok, [f.message for f in result.findings]
    report, memo = (docx_text(p).replace(NBSP, " ") for p in result.written)
    sentence = "Testnämnden redovisar ett överskott per augusti 2024 på 40 tusen kronor."
    assert sentence in memo and sentence in report
    # the rows it did not name keep the default wording
    assert "För helåret prognostiseras en positiv avvikelse mot budget på +30 tkr." in report


def test_an_own_formulation_is_reachable_by_name(tmp_path):
    templates = tmp_path / "mallar"
    templates.mkdir()
    wording_docx(templates / "formuleringar.docx",
                 [("egen_mening", "Totalt {{ ekonomi.namnd.budget | tkr('inget') }} i budget.")])
    memo = Document(TEMPLATES_DIR / "tjänsteskrivelse.docx")
    memo.add_paragraph("{{ formulering.egen_mening }}")
    memo.save(templates / "tjänsteskrivelse.docx")
    result = render_fast(minimal_folder(tmp_path / "in"), tmp_path / "ut", templates=templates)
    assert "Totalt 3 500 tkr i budget." in docx_text(result.written[1]).replace(NBSP, " ")


@pytest.mark.parametrize("source, code", [
    ("Det blev {{ ekonomi.namnd.avvikelse | mnkr }", "M01-SYNTAX"),
    ("Det blev {{ ekonomi.namnd.överskott | mnkr }}", "M02-OKAND-VARIABEL"),
    ("{{ ''.__class__.__mro__ }}", "M03-SANDLADA"),
    ("{{ ekonomi.namnd.avvikelse | mnkr(tecken='ibland') }}", "M04-MALLFEL"),
    pytest.param("{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}",
                 "M07-MALLGRANS", marks=pytest.mark.slow),
])
def test_a_broken_formulation_is_a_finding_at_its_row(tmp_path, source, code):
    templates = tmp_path / "mallar"
    templates.mkdir()
    wording_docx(templates / "formuleringar.docx", [("investeringsmening", "Inga."),
                                                     ("ekonomisk_sammanfattning", source)])
    result = render_fast(minimal_folder(tmp_path / "in"), tmp_path / "ut", templates=templates)
    assert not result.ok and not (tmp_path / "ut").exists()
    finding = next(f for f in result.findings if f.code == code)
    assert finding.file == "formuleringar.docx"
    assert (finding.sheet, finding.cell) == ("tabell", "rad 3 (ekonomisk_sammanfattning)")


def test_templates_check_tries_the_wording(tmp_path):
    from click.testing import CliRunner

    from assembler.cli.commands import main

    path = wording_docx(tmp_path / "formuleringar.docx",
                        [("ekonomi_inledning", "{{ ekonomi.budgetramm | tkr }}")])
    outcome = CliRunner().invoke(main, ["templates", "check", str(path)])
    assert outcome.exit_code == 2
    assert "rad 2 (ekonomi_inledning)" in outcome.output
    assert "M02-OKAND-VARIABEL" in outcome.output


OLD_TEMPLATES = Path(__file__).parent / "fixtures" / "mallar-0.1"


def test_templates_of_the_first_release_still_render(tmp_path):
    """The default templates as they were before the wording moved (a copy kept as a fixture):
    every variable they use still works, and they read as they did."""
    result = render_fast(minimal_folder(tmp_path / "in"), tmp_path / "ut", templates=OLD_TEMPLATES)
    assert result.ok, [f.message for f in result.findings]
    report, memo = (docx_text(p).replace(NBSP, " ") for p in result.written)
    summary = ("Med utfallet till och med augusti och bedömda förändringar under resten av året "
               "som grund prognostiseras en positiv avvikelse mot budget på +40 tkr.")
    assert summary in report and summary in memo
    assert "Testnämnden fastställer Delårsrapport med prognos 2 för 2024." in report
    assert "Delårsrapport med prognos 2 2024, Testnämnden" in memo  # memo_underlag, now renamed


def test_check_names_the_successor_of_an_old_variable():
    from click.testing import CliRunner

    from assembler.cli.commands import main

    outcome = CliRunner().invoke(main, ["templates", "check",
                                        str(OLD_TEMPLATES / "tjänsteskrivelse.docx")])
    output = " ".join(outcome.output.split())
    assert outcome.exit_code == 0
    assert "M09-FORALDRAT-NAMN" in output
    assert "”memo_underlag” heter nu ”skrivelse_underlag”" in output
    assert "”datum” heter nu ”skrivelse_datum”" in output


def test_check_against_the_kommuns_own_folder(tmp_path):
    """A Text section the example does not have is tried with one of the example's sections in
    its place (a warning that names it); in the own folder it is known."""
    from click.testing import CliRunner

    from assembler.cli.commands import main
    from helpers import RAPPORT, write_workbook

    folder = minimal_folder(tmp_path / "in")
    write_workbook(folder / "nämnd.xlsx", {"Rapport": RAPPORT, "Text": [
        ["Avsnitt", "Text"], ["Vår egen rubrik", "Text från Excel."]]})
    template = tmp_path / "mallar" / "tjänsteskrivelse.docx"
    template.parent.mkdir()
    memo = Document(TEMPLATES_DIR / "tjänsteskrivelse.docx")
    memo.add_paragraph("{{p text.var_egen_rubrik }}")
    memo.save(template)
    against_example = CliRunner().invoke(main, ["templates", "check", str(template)])
    assert against_example.exit_code == 0 and "M10-AVSNITT-I-EXEMPLET" in against_example.output
    assert "text.var_egen_rubrik" in against_example.output
    against_own = CliRunner().invoke(main, ["templates", "check", str(template),
                                            "--mot", str(folder)])
    assert against_own.exit_code == 0, against_own.output
    assert "M10-AVSNITT-I-EXEMPLET" not in against_own.output


def test_every_template_in_the_folder_is_a_document(tmp_path):
    """Eskilstuna's decision: a protokollsutdrag beside the report and the tjänsteskrivelse."""
    templates = own_template(tmp_path, "protokollsutdrag.docx",
                             "Protokollsutdrag § {{ paragraf }}: {{ ekonomisk_sammanfattning }}")
    wording_docx(templates / "formuleringar.docx", [("investeringsmening", "Inga.")])
    result = render_fast(minimal_folder(tmp_path / "in"), tmp_path / "ut", templates=templates)
    assert result.ok, [f.message for f in result.findings]
    names = [p.name for p in result.written]
    assert names == ["Delårsrapport med prognos 2 2024 – Testnämnden.docx",
                     "Protokollsutdrag – Delårsrapport med prognos 2 2024 – Testnämnden.docx",
                     "Tjänsteskrivelse – Delårsrapport med prognos 2 2024 – Testnämnden.docx"]
    assert "Protokollsutdrag § : Med utfallet till och med augusti" in docx_text(result.written[1])
    title = Document(result.written[1]).core_properties.title
    assert title.startswith("Protokollsutdrag: Delårsrapport med prognos 2 2024")


def test_one_failing_document_writes_none(tmp_path):
    templates = own_template(tmp_path, "bilaga 1.docx", "{{ finns_inte }}")
    out = tmp_path / "ut"
    result = render_fast(minimal_folder(tmp_path / "in"), out, templates=templates)
    assert not result.ok and not out.exists()
    finding = next(f for f in result.findings if f.code == "M02-OKAND-VARIABEL")
    assert finding.file == "bilaga 1.docx"


# --- the prose that moved into formuleringar.docx (issue 21, item 7) -------------------------

PREVIOUS_WORDING = Path(__file__).parent / "fixtures" / "formuleringar-0.2"


def test_a_kanslis_wording_of_the_previous_release_keeps_working(tmp_path):
    """A formuleringar.docx of the release before the decision, the title page's line and the
    charts' words moved into it (a copy kept as a fixture, without those rows): the missing rows
    come from the default wording, so the documents read exactly as with no own wording."""
    folder = minimal_folder(tmp_path / "in", rapport_with(Beslutsdatum="2024-09-24",
                                                          Paragraf="77"))
    own = render_fast(folder, tmp_path / "egen", templates=PREVIOUS_WORDING)
    default = render_fast(folder, tmp_path / "standard")
    assert own.ok and default.ok, [f.message for f in own.findings + default.findings]
    report, memo = (docx_text(p).replace(NBSP, " ") for p in own.written)
    assert "Beslutad av Testnämnden, den 24 september 2024, § 77" in report
    assert "Testnämnden fastställer Delårsrapport med prognos 2 för 2024." in report
    assert "Delårsrapporten överlämnas till Kommunstyrelsen för vidare hantering." in report
    assert "att fastställa Delårsrapport med prognos 2 för 2024, samt" in memo
    assert "att överlämna delårsrapporten till Kommunstyrelsen för vidare hantering." in memo
    assert "Diagram 1. Avvikelse mot budget per verksamhet (prognos 2024), tkr" in report
    assert alt_texts(own.written[0].read_bytes()) == [
        "Stapeldiagram över avvikelse mot budget per verksamhet: Verksamhet Alfa 30 tkr; "
        "Verksamhet Beta 10 tkr."]
    assert [docx_text(p) for p in own.written] == [docx_text(p) for p in default.written]


def test_templates_check_passes_a_wording_of_the_previous_release():
    from click.testing import CliRunner

    from assembler.cli.commands import main

    outcome = CliRunner().invoke(main, ["templates", "check", str(PREVIOUS_WORDING)])
    assert outcome.exit_code == 0, outcome.output
    assert "Mallarna går att fylla i." in outcome.output


def test_the_kansli_words_the_default_decision_and_the_charts(tmp_path):
    """The prose that was in Python is the kansli's: a default decision point left out, an
    att-sats and a chart's alt text and title in their own words."""
    templates = tmp_path / "mallar"
    templates.mkdir()
    wording_docx(templates / "formuleringar.docx", [
        ("beslut_overlamna", ""),
        ("attsats_faststall", "att godkänna {{ rapporttitel }}."),
        ("beslutsrad", "Beslutet fattas senare"),
        ("diagram_titel(d)", "Avvikelser {{ ar }}"),
        ("diagram_alttext(d)", "Staplar: {% for p in d.punkter %}{{ p.etikett }} "
                               "{{ p.varde | mnkr }}{% if not loop.last %}, {% endif %}"
                               "{% endfor %}")])
    result = render_fast(minimal_folder(tmp_path / "in"), tmp_path / "ut", templates=templates)
    assert result.ok, [f.message for f in result.findings]
    report, memo = (docx_text(p).replace(NBSP, " ") for p in result.written)
    assert "1.\tTestnämnden fastställer Delårsrapport med prognos 2 för 2024." in report
    assert "överlämnas till" not in report  # the row written empty leaves its point out
    assert "Beslutet fattas senare" in report
    assert "att godkänna Delårsrapport med prognos 2, samt" in memo
    assert "Diagram 1. Avvikelser 2024" in report
    assert alt_texts(result.written[0].read_bytes()) == [
        "Staplar: Verksamhet Alfa 0,0 mnkr, Verksamhet Beta 0,0 mnkr"]


def test_a_chart_formulation_without_its_parameter_is_a_finding_at_its_row(tmp_path):
    from assembler.render.wording import read_wording

    _, problems = read_wording(wording_docx(tmp_path / "formuleringar.docx",
                                            [("diagram_alttext", "Ett diagram.")]))
    assert [(p.row, p.name) for p in problems] == [(2, "diagram_alttext")]
    assert "skriv ”diagram_alttext(d)”" in problems[0].message


def test_a_decision_sheet_of_its_own_replaces_the_default_decision(tmp_path):
    from helpers import write_workbook

    folder = minimal_folder(tmp_path / "in")
    write_workbook(folder / "nämnd.xlsx", {"Rapport": RAPPORT, "Text": MEMO_TEXT, "Beslut": [
        ["Nr", "Beslutspunkt", "Att-sats"], [1, "Nämnden godkänner rapporten.", None]]})
    result = render_fast(folder, tmp_path / "ut")
    assert result.ok, [f.message for f in result.findings]
    report, memo = (docx_text(p) for p in result.written)
    assert "1.\tNämnden godkänner rapporten." in report and "fastställer" not in report
    assert "att nämnden godkänner rapporten." in memo and "att fastställa" not in memo


# --- the goal tables' titles and the caption's number (issue 22, from issue 21's item 7) ------

EXEMPEL = Path(__file__).resolve().parents[1] / "inputs" / "exempel"


def first_cells(path) -> list[str]:
    return [t.rows[0].cells[0].text for t in Document(path).tables]


def captions(path) -> list[str]:
    return [p.text for p in Document(path).paragraphs if p.style.name == "Caption"]


def test_the_goal_tables_and_the_caption_number_read_as_before_with_the_previous_wording(
        tmp_path):
    """A kansli's formuleringar.docx of the previous release has none of the new rows: the
    default rows title the tables and number the charts, as the release before did in Python."""
    own = render_fast(EXEMPEL, tmp_path / "egen", templates=PREVIOUS_WORDING)
    assert own.ok, [f.message for f in own.findings]
    cells = first_cells(own.written[0])
    assert "Målområden" in cells and "Indikatorer inom målområde 1" in cells
    assert "Åtagande" in cells
    assert captions(own.written[0])[:2] == [
        "Diagram 1. Avvikelse mot budget per verksamhet (prognos 2025), tkr",
        "Diagram 2. Besök på biblioteken"]


def test_the_kansli_words_the_goal_tables_and_the_caption_number(tmp_path):
    templates = tmp_path / "mallar"
    templates.mkdir()
    wording_docx(templates / "formuleringar.docx", [
        ("tabellrubrik_malomraden", "Mål och iakttagelser"),
        ("tabellrubrik_indikatorer(m)", "Indikatorer för {{ m.namn | lower }}"),
        ("tabellrubrik_ataganden(m)", "{{ m.nr }}-årigt åtagande"),
        ("diagram_nummer(nr)", "Figur {{ nr | ord('ett') }}:")])
    result = render_fast(EXEMPEL, tmp_path / "ut", templates=templates)
    assert result.ok, [f.message for f in result.findings]
    cells = first_cells(result.written[0])
    assert "Mål och iakttagelser" in cells and "Målområden" not in cells
    assert "Indikatorer för ett rikt kulturliv för alla" in cells
    assert "1-årigt åtagande" in cells and "Åtagande" not in cells
    assert captions(result.written[0])[:2] == [
        "Figur ett: Avvikelse mot budget per verksamhet (prognos 2025), tkr",
        "Figur två: Besök på biblioteken"]


@pytest.mark.parametrize("broken", [False, True])
def test_the_wording_is_written_in_one_pass_that_finds_its_failures(tmp_path, monkeypatch,
                                                                    broken):
    """formuleringar.docx is compiled and called once per report, whether or not a row fails:
    the failing row is a finding at its row, the others are written (issue 21's leftover: the
    wording was tried, and on a failure checked again)."""
    from assembler.render import wording

    compiled = []
    real = wording.formulation_module
    monkeypatch.setattr(wording, "formulation_module",
                        lambda *args: compiled.append(1) or real(*args))
    templates = tmp_path / "mallar"
    templates.mkdir()
    source = "{{ ekonomi.namnd.överskott | mnkr }}" if broken else "Egen inledning."
    wording_docx(templates / "formuleringar.docx", [("investeringsmening", "Inga."),
                                                     ("ekonomi_inledning", source)])
    result = render_fast(minimal_folder(tmp_path / "in"), tmp_path / "ut", templates=templates)
    assert len(compiled) == 1
    codes = [(f.code, f.cell) for f in result.findings if f.code.startswith("M")]
    if broken:
        assert codes == [("M02-OKAND-VARIABEL", "rad 3 (ekonomi_inledning)")]
        assert not result.ok
    else:
        assert codes == [] and result.ok
        assert "Egen inledning." in docx_text(result.written[0])


def test_a_table_title_row_with_a_parameter_is_a_finding_at_its_row(tmp_path):
    templates = tmp_path / "mallar"
    templates.mkdir()
    wording_docx(templates / "formuleringar.docx", [("tabellrubrik_malomraden(m)", "Mål")])
    result = render_fast(minimal_folder(tmp_path / "in"), tmp_path / "ut", templates=templates)
    finding = next(f for f in result.findings if f.code == "M11-FORMULERINGSRAD")
    assert "tar inga parametrar" in finding.message and not result.ok


def _repackaged(source: Path, target: Path, content_types=lambda text: text) -> Path:
    import zipfile

    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = content_types(data.decode("utf-8")).encode("utf-8")
            new.writestr(info, data)
    return target


def test_the_wording_is_read_as_python_docx_reads_it_and_only_from_a_word_document(tmp_path):
    """formuleringar.docx is read from its main part alone (not every part of the package),
    into the tree python-docx gives; a package whose main part is no Word document (a
    template or macro document renamed .docx) is refused as python-docx refuses it."""
    from assembler.render import wordxml
    from assembler.render.wording import WORDING_FILE, read_wording

    source = TEMPLATES_DIR / WORDING_FILE
    assert wordxml.document_tables(source)[0][0][:2] == [("Namn", False), ("Formulering", False)]
    read = wordxml._document_body(source)
    assert read.xml == Document(str(source)).element.body.xml
    assert [f.name for f in read_wording(source)[0]][:3] == [
        f.name for f in read_wording(_repackaged(source, tmp_path / "kopia.docx"))[0]][:3]
    as_template = _repackaged(source, tmp_path / WORDING_FILE, lambda text: text.replace(
        "document.main+xml", "template.main+xml"))
    with pytest.raises(ValueError, match="not a Word file"):
        Document(str(as_template))
    with pytest.raises(ValueError, match="not a Word file"):
        read_wording(as_template)
