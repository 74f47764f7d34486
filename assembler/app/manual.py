"""docs/mallar.md: the manual for the kansli, who knows Word but not programming.

The prose is written here; every example in it is rendered against the shipped example when the
manual is made (as a Word document through the real renderer, or as a row of
formuleringar.docx), and the filter table is the filters' own output. A test makes the manual
again and compares it with the committed file, so it cannot go stale:

    python -m assembler.app.manual docs/mallar.md
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from collections.abc import Sequence
from pathlib import Path

NBSP = "\u00a0"


@dataclass(frozen=True)
class Example:
    """Paragraphs as the kansli types them in Word (`table`: a Word table, row by row), or a
    row of formuleringar.docx (`row`: its name)."""
    paragraphs: tuple[str, ...] = ()
    table: tuple[tuple[str, ...], ...] = ()
    row: str = ""


EXAMPLES = {
    "mening": Example(("{{ namnd }} redovisar en {{ ekonomi.namnd.avvikelse | avvikelseord }} "
                       "avvikelse på {{ ekonomi.namnd.avvikelse | belopp('utan minus') }} "
                       "per {{ period_slut }}.",)),
    "villkor": Example(("{% if ekonomi.namnd.avvikelse is noll %}Utfallet är i nivå med budget."
                        "{% elif ekonomi.namnd.avvikelse > 0 %}Nämnden visar ett överskott."
                        "{% else %}Nämnden visar ett underskott.{% endif %}",)),
    "uppräkning": Example(("Rapporten omfattar {{ verksamheter | map(attribute='namn') | list "
                           "| lista }}.",)),
    "uppräkning med villkor": Example((
        "{% set ns = namespace(namn=[]) %}{% for v in verksamheter %}"
        "{% if v.siffror.avvikelse < 0 %}{% set ns.namn = ns.namn + [v.namn] %}{% endif %}"
        "{% endfor %}{% if ns.namn %}Negativ avvikelse har {{ ns.namn | lista }}."
        "{% else %}Ingen verksamhet har en negativ avvikelse.{% endif %}",)),
    "stycken": Example(("{%p for v in verksamheter %}", "{{ v.namn }}: {{ v.mening }}",
                        "{%p endfor %}")),
    "tabellrader": Example((), (("Verksamhet", "Avvikelse"),
                                ("{%tr for v in verksamheter %}", ""),
                                ("{{ v.namn }}", "{{ v.siffror.avvikelse | tkr }}"),
                                ("{%tr endfor %}", ""))),
    "text": Example(("{{p text.arendet }}",)),
    "datum": Example(("Datum: {{ skrivelse_datum | datum('iso') }}, sammanträde "
                      "{{ beslutsdatum | datum }}.",)),
    "egen rad": Example(("Totalt {{ ekonomi.namnd.budget | tkr('inget') }} i budget för "
                         "{{ verksamheter | length | ord('en') }} verksamheter.",),
                        row="egen_mening"),
    "egen rad med parameter": Example(("{{ avvikelse(ekonomi.namnd.avvikelse) }}",),
                                      row="min_avvikelse"),
}

# the values each column of the filter table shows
AMOUNTS = [("positivt", Decimal("14684.4")), ("negativt", Decimal("-4903.4")),
           ("noll", Decimal("0")), ("litet", Decimal("-0.4")), ("saknas", None)]
AMOUNT_FILTERS = ["tkr", "tkr('plus')", "tkr('inget')", "tkr('utan minus')", "tkr(ord=True)",
                  "mnkr", "mnkr(decimaler=0)", "belopp", "avvikelseord", "resultatord",
                  "forandringsord", "tal", "tal(1)", "is noll", "is noll('mnkr')"]
RATIOS = [("positivt", Decimal("0.0272")), ("negativt", Decimal("-0.113")),
          ("noll", Decimal("0")), ("litet", Decimal("0.0004")), ("saknas", None)]
RATIO_FILTERS = ["procent", "procent(0, symbol=True)", "procent(tecken='plus')"]
COUNTS = [("1", 1), ("7", 7), ("noll", 0), ("21", 21), ("saknas", None)]
COUNT_FILTERS = ["ord", "ord('ett')", "plural('uppdrag', 'uppdrag')",
                 "plural('åtagande', 'åtaganden')"]
OTHER_VALUES: list[tuple[str, list]] = [
                ("{{ x | lista }}", [["sju färdiga", "fyra försenade", "en stoppad"],
                                     ["Bibliotek", "Kulturskolan"], ["Bibliotek"], []]),
                ("{{ x | datum }}", [dt.date(2025, 9, 18), None]),
                ("{{ x | datum('iso') }}", [dt.date(2025, 9, 18), None]),
                ("{{ x | datum('månad') }}", [dt.date(2025, 9, 18)]),
                ("{{ x | datum('kort') }}", [dt.date(2025, 9, 18)])]


# --- rendering the examples ---------------------------------------------------------------

def _example_template(folder: Path, example: Example) -> Path:
    """The shipped memo's styles and page, with only the example as its body."""
    from docx import Document

    from ..render import wordxml
    from .report import TEMPLATES_DIR

    document = Document(str(TEMPLATES_DIR / "tjänsteskrivelse.docx"))
    wordxml.clear_body(document)
    for text in example.paragraphs:
        document.add_paragraph(text)
    if example.table:
        table = document.add_table(rows=len(example.table), cols=len(example.table[0]))
        for cells, row in zip(example.table, table.rows, strict=True):
            for text, cell in zip(cells, row.cells, strict=False):
                cell.text = text
    path = folder / "exempel.docx"
    document.save(str(path))
    return path


def _document_text(data: bytes) -> list[str]:
    """The rendered body as lines: a paragraph a line, a table row as its cells with |."""
    import io

    from docx import Document

    document = Document(io.BytesIO(data))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            lines += [" | ".join(c.text for c in row.cells) for row in block.rows]
        elif block.text.strip():
            lines.append(block.text)
    return [line.replace(NBSP, " ") for line in lines]


def render_example(example: Example, context) -> list[str]:
    """What the example writes in the example report; a template error raises."""
    if example.row:
        return [_formulation_output(example, context)]
    from ..render.document import render

    with tempfile.TemporaryDirectory() as folder:
        rendered = render(_example_template(Path(folder), example), context, title="Exempel",
                          subject="", author="", moment=None)
    if rendered.failures:
        raise rendered.failures[0].cause
    return _document_text(rendered.data)


def _formulation_output(example: Example, context) -> str:
    from .report import TEMPLATES_DIR
    from ..render.sandbox import sandbox_environment
    from ..render.wording import (Formulation, formulation_module, merged, read_formulations,
                                  tidy)

    row = Formulation(example.row, "()", example.paragraphs[0], 0)
    formulations = merged(read_formulations(TEMPLATES_DIR / "formuleringar.docx"), [row])
    module = formulation_module(formulations, context, sandbox_environment(autoescape=False))
    return tidy(getattr(module, example.row)()).replace(NBSP, " ")


def example_block(name: str, context) -> str:
    """The example as the kansli types it, and what it writes in the example report."""
    example = EXAMPLES[name]
    if example.row:
        source = (f"En rad i formuleringar.docx:\n\n{_row_table(example)}\n\nI en mall: "
                  f"`{{{{ formulering.{example.row} }}}}`")
    else:
        code = list(example.paragraphs) + [" | ".join(row) for row in example.table]
        source = ("I Word" + (" (en tabell, rad för rad)" if example.table else "")
                  + ":\n\n```\n" + "\n".join(code) + "\n```")
    written = "\n".join(render_example(example, context))
    return f"{source}\n\nblir i exempelrapporten:\n\n```\n{written}\n```"


def _row_table(example: Example) -> str:
    source = example.paragraphs[0].replace("|", "\\|")
    return f"| Namn | Formulering |\n|---|---|\n| {example.row} | `{source}` |"


# --- the filter table ---------------------------------------------------------------------

def filter_output(source: str, value) -> str:
    """What a filter writes for `value`, or its Swedish error (the check's words)."""
    from ..render.sandbox import sandbox_environment
    from ..verify.templates import swedish

    try:
        text = sandbox_environment().from_string(source).render(x=value, belopp_enhet="tkr")
    except Exception as exc:  # noqa: BLE001 (shown as the kansli would see it)
        return f"fel: {swedish(exc)}"
    text = {"True": "sant", "False": "falskt"}.get(text, text)
    return text.replace(NBSP, " ") or "(tomt)"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def filter_table(filters: list[str], values: Sequence[tuple[str, object]], shown) -> str:
    header = "| Filter | " + " | ".join(f"{label} ({shown(v)})" for label, v in values) + " |"
    lines = [header, "|---" * (len(values) + 1) + "|"]
    for name in filters:
        source = f"{{{{ x {name} }}}}" if name.startswith("is ") else f"{{{{ x | {name} }}}}"
        outputs = [_cell(filter_output(source, v)) for _, v in values]
        lines.append(f"| `{_cell(name)}` | " + " | ".join(outputs) + " |")
    return "\n".join(lines)


def _shown_number(value) -> str:
    from ..contract import fmt

    if value is None:
        return "tomt"
    if not isinstance(value, Decimal):
        return str(value)
    return fmt.number_str(value, max(0, -int(value.as_tuple().exponent))).replace(NBSP, " ")


def other_filters_table() -> str:
    lines = ["| Filter | Värde | Blir |", "|---|---|---|"]
    for source, values in OTHER_VALUES:
        for value in values:
            shown = "tomt" if value is None else (", ".join(value) if isinstance(value, list)
                                                  and value else "tom lista" if
                                                  isinstance(value, list) else str(value))
            lines.append(f"| `{_cell(source)}` | {_cell(shown)} | "
                         f"{_cell(filter_output(source, value))} |")
    return "\n".join(lines)


def all_filter_tables() -> str:
    return "\n\n".join([
        "Belopp i tkr (ett belopp skrivs med tecken som i Excel: intäkter positiva, kostnader "
        "negativa):", filter_table(AMOUNT_FILTERS, AMOUNTS, _shown_number),
        "Andelar (kvoter, t.ex. ekonomi.avvikelse_andel):",
        filter_table(RATIO_FILTERS, RATIOS, _shown_number),
        "Antal:", filter_table(COUNT_FILTERS, COUNTS, _shown_number),
        "Listor och datum:", other_filters_table()])


def documented_filters() -> set[str]:
    """The filters and tests the manual's tables and list show, by name."""
    import re

    shown = AMOUNT_FILTERS + RATIO_FILTERS + COUNT_FILTERS + [s for s, _ in OTHER_VALUES]
    return {re.findall(r"\w+", s)[1 if s.startswith(("is ", "{{")) else 0]
            for s in shown} | set(TABLE_FILTERS)


TABLE_FILTERS = {"kolumner": "`{{p tabell.namnd | kolumner('utfall_period', 'budget_period') }}` "
                             "– bara de kolumnerna, i den ordningen",
                 "enhet": "`{{p tabell.namnd | enhet('mnkr') }}` – beloppen i mnkr med en decimal",
                 "summarad": "`{{p tabell.namnd | summarad('Resultat') }}` – summaraden får "
                             "den texten",
                 "radrubrik": "`{{p tabell.kontogrupper | radrubrik('Konto') }}` – första "
                              "kolumnens rubrik (i stället för Kontogrupp, belopp i tkr)",
                 "titelrad": "`{{p tabell.namnd | enhet('mnkr') | titelrad('Verksamhet') }}` – "
                             "tabellens titel (nämndens namn och enheten) på en egen rad över "
                             "hela bredden, så att ett långt namn inte bryts i första kolumnen",
                 "arsordning": "`{{p tabell.fem_ar | arsordning('nyast') }}` – nyaste året "
                               "först ('äldst': äldsta först)",
                 "procentdecimaler": "`{{p v.tabell | procentdecimaler(1) }}` – "
                                     "procentkolumnerna (Förbrukning, Förändring %) med en "
                                     "decimal",
                 "bredvid": "`{{p tabeller.a | bredvid(tabeller.b, tabeller.c) }}` – upp till "
                            "fyra tabeller bredvid varandra över textytans bredd"}


# --- the manual -----------------------------------------------------------------------------

def _styles_list() -> str:
    from ..render.styles import REQUIRED as REQUIRED_STYLES

    return ", ".join(f"`{name}`" for name in REQUIRED_STYLES)


def _findings_list() -> str:
    from ..contract.findings import RULES

    return "\n".join(f"| {rule.code} | {rule.severity.value} | {rule.title} |"
                     for code, rule in sorted(RULES.items()) if code.startswith("M"))


def _sentence_rows() -> str:
    from ..compute.context import DEFAULT_ATT_CLAUSES, DEFAULT_DECISIONS
    from ..render.wording import LIST_SENTENCE, SENTENCE_FIELDS, VERKSAMHET_SENTENCE

    rows = [f"`{name}`" for name in SENTENCE_FIELDS]
    return (", ".join(rows) + f"; `{VERKSAMHET_SENTENCE}(v)` skrivs en gång per verksamhet "
            f"(blir `v.mening`) och `{LIST_SENTENCE}(l)` en gång per lista (blir "
            f"`listor.namn.mening`); `diagram_titel(d)` och `diagram_alttext(d)` en gång per "
            f"diagram (bildtexten och alternativtexten). När bladet Beslut är tomt är "
            f"{_names(DEFAULT_DECISIONS)} beslutspunkterna och {_names(DEFAULT_ATT_CLAUSES)} "
            f"tjänsteskrivelsens att-satser (en tom rad utelämnas)")


def _names(names: tuple[str, ...]) -> str:
    return " och ".join(f"`{name}`" for name in names)


def manual(context) -> str:
    """docs/mallar.md, with every example rendered against `context`."""
    def ex(name: str) -> str:
        return example_block(name, context)

    return MANUAL.format(
        styles=_styles_list(), findings=_findings_list(), sentence_rows=_sentence_rows(),
        filters=all_filter_tables(),
        table_filters="\n".join(f"- {text}" for text in TABLE_FILTERS.values()),
        **{key.replace(" ", "_"): ex(key) for key in EXAMPLES})


MANUAL = """# Mallar och formuleringar – handbok för kansliet

<!-- Skapad av `python -m assembler.app.manual docs/mallar.md`; ändra i
assembler/app/manual.py. Varje exempel nedan är ifyllt med exempelrapporten när handboken
skapas, och ett test jämför filen med koden. -->

Den här handboken är för den som skriver rapportens och tjänsteskrivelsens text i Word. Du
behöver inte kunna programmera: en mall är ett vanligt Word-dokument där vissa ord står inom
klamrar, `{{{{ … }}}}`, och byts mot rapportens siffror och namn när ekonomen kör
`assemble report`. Alla variabler som finns står i [mallvariabler.md](mallvariabler.md).

## 1. Mallmappen

En mallmapp är en vanlig mapp med Word-dokument (.docx):

- `rapport.docx` – rapporten;
- `tjänsteskrivelse.docx` – tjänsteskrivelsen;
- `formuleringar.docx` – meningarna som verktyget skriver (se avsnitt 3);
- varje annat .docx-dokument blir ett eget dokument i beslutet, t.ex. `protokollsutdrag.docx`
  → ”Protokollsutdrag – Delårsrapport … .docx”.

Ekonomen använder mappen med `assemble report MAPP -o UT --mallar MALLMAPP`. Ett dokument i
mallmappen ersätter standardmallen med samma namn; de som saknas tas från standardmallarna. Stora
och små bokstäver spelar ingen roll (`Rapport.docx` är rapporten). Spara alltid som
**Word-dokument (.docx)**: en Word-mall (.dotx) eller ett dokument med makron (.docm) används
inte, och kontrollen säger det. Words låsfiler (`~$…`) och macOS-filer som börjar med `._`
hoppas över. Två mallar som skulle ge samma filnamn är ett fel.

Prova alltid mallarna efter en ändring:

```
assemble templates check MALLMAPP
assemble templates check MALLMAPP --mot RAPPORTMAPP
```

Den första provar mallarna mot exempelrapporten, den andra mot kommunens egen rapportmapp (med
dess egna avsnitt, listor och tabeller). Kontrollen fyller i mallarna precis som `report`, och
formuleringarna provas för varje verksamhet och varje lista. Varje fel visas med dokumentets
namn och platsen räknad som i Word: `stycke 12`, `tabell 2, rad 3, cell 1` eller
`tabell › rad 4 (namn)` i formuleringar.docx. Ekonomernas egna fynd i rapportmappen visas för
sig.

## 2. Taggar i Word

| Skriv | När | Exempel |
|---|---|---|
| `{{{{ namn }}}}` | ett värde mitt i en mening | `{{{{ namnd }}}}` |
| `{{{{p namn }}}}` | stycken eller en tabell i ett eget stycke | `{{{{p text.arendet }}}}`, `{{{{p tabell.namnd }}}}` |
| `{{% … %}}` | villkor och slingor i ett stycke | `{{% if … %}}…{{% endif %}}` |
| `{{%p … %}}` | villkor och slingor som omfattar hela stycken | `{{%p for v in verksamheter %}}` |
| `{{%tr … %}}` | en slinga över tabellrader | `{{%tr for v in verksamheter %}}` |

Skriv taggen i ett svep; om Word har delat den (stavningskontroll, ändrad formatering mitt i)
gör det inget, men raka citattecken (`'`) behövs inne i taggen – Word byter `'` mot `’` medan
du skriver, och verktyget byter tillbaka dem i formuleringarna.

Ett värde som består av stycken (text från bladet Text, en tabell) ska skrivas med `{{{{p … }}}}`
i ett eget stycke. Skrivs det med `{{{{ … }}}}` mitt i en mening delas stycket där värdet står,
så att dokumentet förblir helt.

### Ett värde i en mening

{mening}

### Villkor

`{{% if … %}}`, `{{% elif … %}}`, `{{% else %}}` och `{{% endif %}}`. Jämför med `<`, `>`, `==`;
`x is noll` är sant när beloppet skrivs som 0 (eller 0,0 mnkr), så att inget teckenord
passar. `x is defined` är sant när ett avsnitt, en lista eller en tabell finns.

{villkor}

Ett block som öppnas ska stängas: `{{% if %}}` med `{{% endif %}}`, `{{% for %}}` med
`{{% endfor %}}`. Glömmer man det pekar kontrollen på stycket där blocket öppnas.

### Verksamheterna i en mening: ”a, b och c”

Filtret `lista` sätter ihop namn med kommatecken och ”och”:

{uppräkning}

Bara vissa verksamheter, med ett villkor:

{uppräkning_med_villkor}

### Ett stycke per verksamhet: `{{%p for %}}`

`{{%p … %}}` står ensamt i ett eget stycke; stycket självt försvinner, och det som står mellan
`{{%p for %}}` och `{{%p endfor %}}` upprepas.

{stycken}

### En tabellrad per verksamhet: `{{%tr for %}}`

Skriv `{{%tr for … %}}` ensamt i en egen rad (i första cellen) och `{{%tr endfor %}}` i en egen
rad efter raden som ska upprepas. En vanlig `{{% for %}}` som börjar i en cell och slutar i en
annan ger trasiga rader; kontrollen säger var. En slinga som inte ger någon rad alls lämnar en
tabell utan rader, vilket också är ett fel: lägg `{{%p if … %}}` runt hela tabellen i stället.

{tabellrader}

### Text, tabeller och kapitel från Excel

Text från bladet Text, egna tabeller och kapitel sätts in med `{{{{p … }}}}` i ett eget stycke:

{text}

Ekonomitabellerna kan formas med filter:

{table_filters}

Nettokostnaden per verksamhet över fem år (bokslutet de fyra föregående åren och årets
prognos, i en årsberättelse utfallet, med en summarad som verktyget räknar) är
`{{{{p tabell.nettokostnad_fem_ar }}}}`. Den finns bara när nämnden har bladet Bokslut, så skriv
den inom `{{%p if tabell.nettokostnad_fem_ar %}}` … `{{%p endif %}}`. Ett år som saknas visas
som `–`.

Fler resultaträkningar (blad `Kontogrupper <namn>`, t.ex. `Kontogrupper Egen regi`) står i
`v.resultatrakningar` (en verksamhets delar) och `resultatrakningar` (nämndens, över flera
verksamheter), i bladens ordning. Var och en har `namn`, `tabell` och `text` (nämndens Text med
bladets namn som avsnitt). Skriv dem under verksamhetens tabell:
`{{%p for r in v.resultatrakningar %}}`, `{{{{ r.namn }}}}`, `{{{{p r.tabell }}}}`,
`{{{{p r.text }}}}`, `{{%p endfor %}}`. De stäms inte av mot Ekonomi; summaraderna räknas ut.

### Datum

{datum}

## 3. formuleringar.docx

Meningarna som verktyget skriver (sammanfattningen, meningen om varje verksamhet …) står i
`formuleringar.docx`: en Word-tabell med rubrikerna **Namn | Formulering** (en tredje kolumn
**Förklaring** får finnas). Varje rad är en formulering; namnet skrivs med små bokstäver a–z,
siffror och `_` (Word:s stora första bokstav gör inget).

- En egen `formuleringar.docx` i mallmappen **ersätter bara de rader den har** med samma namn;
  övriga rader tas från standardformuleringarna.
- Raderna som fyller rapportens meningar: {sentence_rows}.
- **Tabellernas ord** – rubriker, kolumnrubriker och radnamn i tabellerna som verktyget bygger –
  står också här: `tabellrubrik_…` (första kolumnens rubrik), `kolumnrubrik_…`, `radrubrik_…`
  och `rubrik_totalt` (raden och kolumnen Totalt). `tabellrubrik_belopp(namn, enhet)` skriver
  rubriken över en tabell med belopp (`Bibliotek, belopp i tkr`) och `radrubrik_varav(namn)`
  en varav-rad. Siffrorna ändras inte, och meningarna kontrolleras mot dem som förut. Radnamn
  och rubriker som ekonomen skriver i Excel (en egen summarad, en kontogrupp) är data och
  ändras där. Kommunens tabeller har sina rader i `templates/kommun/formuleringar.docx`.
- En **ny rad** nås i mallarna som `{{{{ formulering.namn }}}}`.
- En rad med **parametrar**, `avvikelse(x, mot_budget=true)`, är en hjälpformulering som andra
  rader anropar: `{{{{ avvikelse(ekonomi.namnd.avvikelse) }}}}`.
- Två rader med samma namn, en rad som heter som en variabel (`period_manad`) eller ett filter
  (`tkr`), en sammanfogad namncell och parametrar på en rad som skriver en mening i rapporten
  är fel, som kontrollen visar vid raden. Tabellen får stå efter en versionstabell; den hittas
  på rubrikerna Namn | Formulering.

{egen_rad}

{egen_rad_med_parameter}

## 4. Innehållsförteckning, formatmallar och bilder

- **Innehållsförteckningen** är Words vanliga fält (Referenser › Innehållsförteckning) med
  nivå 1–2. Den listar rubriker i formatmallarna `Heading 1` och `Heading 2` (Rubrik 1 och 2)
  och `Rubrik onumrerad`. Sidnumren fylls i när LibreOffice finns, annars när dokumentet
  uppdateras i Word (F9).
- **Formatmallar** hittas på namnet (som Word och LibreOffice sparar dem). Tabeller, listor och
  rubriker använder {styles}; med en innehållsförteckning också `toc 1` och `toc 2`. Saknas en
  varnar kontrollen (M06).
- **Bilder** (logotyp, signatur) läggs in som vanligt i Word. Ge varje bild en
  **alternativtext** (högerklicka › Redigera alternativtext), annars varnar kontrollen (M08) och
  PDF:en blir inte tillgänglig.

## 5. Filter

Ett filter skrivs efter ett lodstreck: `{{{{ x | tkr }}}}`. Tabellerna visar vad varje filter
skriver för olika värden (ur koden, när handboken skapas). ”tomt” är ett värde som saknas i
Excel: ett saknat belopp blir ett streck, aldrig en nolla.

{filters}

## 6. Kontrollens fynd

| Kod | Allvar | Betyder |
|---|---|---|
{findings}

Alla meddelanden är på svenska och säger vad som ska ändras; ett fel stoppar rapporten, en
varning gör det inte.
"""


def main(argv: list[str]) -> int:
    from .report import example_context

    text = manual(example_context())
    if len(argv) > 1:
        Path(argv[1]).write_text(text, encoding="utf-8", newline="\n")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
