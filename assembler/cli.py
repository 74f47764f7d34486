"""`assemble`: the command line. Heavy modules are imported inside the commands, so that
`assemble --help` stays fast."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .files import crash_log
if TYPE_CHECKING:
    from rich.console import JustifyMethod

EXIT_OK, EXIT_WARNINGS, EXIT_ERRORS = 0, 1, 2


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def print_findings(findings, stderr: bool = True) -> None:
    """Grouped by file, sorted by sheet and cell, aligned as a table."""
    from itertools import groupby

    from rich.markup import escape
    from rich.table import Table

    from .findings import Severity, sorted_findings

    if not findings:
        return
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("Plats", no_wrap=True)
    table.add_column("Allvar", no_wrap=True)
    table.add_column("Meddelande", overflow="fold")
    for file_name, group in groupby(sorted_findings(findings), key=lambda f: f.file):
        table.add_row(f"[bold]{escape(file_name or 'Rapportmappen')}[/]", "", "")
        for f in group:
            colour = "red" if f.severity is Severity.ERROR else "yellow"
            place = " › ".join(p for p in (f.sheet, f.cell) if p) or "–"
            table.add_row(f"  {escape(place)}", f"[{colour}]{f.severity.value}[/]",
                          f"{escape(f.message)} [dim]{f.code}[/]")
    _console(stderr=stderr).print(table)


def exit_code(findings) -> int:
    from .findings import Severity

    if any(f.severity is Severity.ERROR for f in findings):
        return EXIT_ERRORS
    return EXIT_WARNINGS if findings else EXIT_OK


def summary_line(findings) -> str:
    from .findings import Severity

    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    return f"{errors} fel, {warnings} {'varning' if warnings == 1 else 'varningar'}"


def guarded(action):
    """Run a command's work. A user error becomes a message and exit 2; a bug is written to a
    log file, and the user is told where, also with exit 2. Never a traceback."""
    from rich.markup import escape

    from .pipeline import OutputError

    try:
        return action()
    except OutputError as exc:
        _console(stderr=True).print(f"[red]fel:[/] {escape(str(exc))}")
    except Exception as exc:  # a bug, not a user error
        path = crash_log(exc)
        _console(stderr=True).print(
            f"[red]Ett internt fel uppstod[/] ({type(exc).__name__}). Detaljer finns i "
            f"{escape(str(path))}; skicka filen till den som förvaltar verktyget.")
    sys.exit(EXIT_ERRORS)


class SwedishDate(click.ParamType):
    name = "datum"

    def convert(self, value, param, ctx):
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} är inget datum. Skriv det som ÅÅÅÅ-MM-DD, t.ex. 2021-09-24.",
                      param, ctx)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Sammanställer nämndens delårsrapport eller årsberättelse från Excel till Word.

    Varje verksamhet fyller i en arbetsbok och nämnden en; alla ligger i en rapportmapp.
    """


@main.command("report")
@click.argument("mappar", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--ut", "out_dir", type=click.Path(path_type=Path), default=Path("ut"),
              show_default=True, help="Mappen där Word-dokumenten skrivs.")
@click.option("--mallar", "--templates", "templates", type=click.Path(path_type=Path),
              help="Mapp med egna Word-mallar; de ersätter standardmallarna fil för fil.")
@click.option("--datum", type=SwedishDate(), default=None,
              help="Tjänsteskrivelsens datum och dokumentens datum (ÅÅÅÅ-MM-DD). "
                   "Standard: Beslutsdatum.")
@click.option("--pdf", is_flag=True, help="Skriv också PDF (kräver LibreOffice).")
@click.option("--fast", is_flag=True,
              help="Hoppa över LibreOffice (utkast): innehållsförteckningen får inga sidnummer.")
def report_command(mappar: tuple[Path, ...], out_dir: Path, templates: Path | None, datum,
                   pdf: bool, fast: bool) -> None:
    """Kontrollerar rapportmappen MAPP och skriver rapporten och tjänsteskrivelsen.

    Med flera mappar (eller ett mönster som inputs/*/) görs varje rapport i en egen process och
    hamnar i en egen undermapp i UTMAPP; en mapp med fel stoppar inte de andra.
    """
    from .batch import expand_folders

    if pdf and fast:
        raise click.UsageError("--pdf och --fast går inte att kombinera: PDF:en görs av "
                               "LibreOffice, som --fast hoppar över. Välj ett av dem.")
    folders = expand_folders(list(mappar))
    if len(folders) > 1:
        sys.exit(run_batch(folders, out_dir, templates, datum, pdf, fast))
    run_single(folders[0], out_dir, templates, datum, pdf, fast)


def run_single(mapp: Path, out_dir: Path, templates: Path | None, datum, pdf: bool,
               fast: bool) -> None:
    from .pipeline import run_report

    console = _console()
    result = guarded(lambda: run_report(mapp, out_dir, templates, datum, pdf=pdf, fast=fast))
    print_findings(result.findings)
    if not result.ok:
        _console(stderr=True).print(
            f"[red]Rapporten skrevs inte:[/] {summary_line(result.findings)}. "
            "Rätta felen i arbetsböckerna och kör igen.")
        sys.exit(EXIT_ERRORS)
    for path in result.written:
        console.print(f"Skrev [bold]{path}[/]")
    for note in result.notes:
        console.print(f"[yellow]Obs:[/] {note}")
    if result.findings:
        console.print(f"{summary_line(result.findings)}: rapporten skrevs, men se över varningarna.")
    sys.exit(exit_code(result.findings))


def run_batch(folders: list[Path], out_dir: Path, templates: Path | None, datum, pdf: bool,
              fast: bool) -> int:
    """Several folders side by side: a progress bar, each folder's findings, a summary table."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
    from rich.table import Table

    from .batch import run_many

    console = _console()
    with Progress(TextColumn("Rapporter"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.description}"), console=_console(stderr=True),
                  transient=True) as progress:
        task = progress.add_task("", total=len(folders))
        results = run_many(folders, out_dir, templates, datum, pdf, fast,
                           on_done=lambda r: progress.update(
                               task, advance=1, description=Path(r.folder).name))
    for result in results:
        if result.findings or result.failure:
            console.print(f"\n[bold]{result.folder}[/]")
            print_findings(result.findings, stderr=False)
            if result.failure:
                console.print(f"[red]fel:[/] {result.failure}")
    table = Table(title="Sammanfattning", title_justify="left")
    columns: list[tuple[str, JustifyMethod]] = [
        ("Mapp (undermapp i utdata)", "left"), ("Resultat", "left"), ("Fel", "right"),
        ("Varningar", "right"), ("Sekunder", "right")]
    for title, justify in columns:
        table.add_column(title, justify=justify)
    for result in results:
        colour = {0: "green", 1: "yellow", 2: "red"}[result.exit_code]
        table.add_row(Path(result.folder).resolve().name, f"[{colour}]{result.verdict}[/]",
                      str(result.errors),
                      str(result.warnings), f"{result.seconds:.1f}".replace(".", ","))
    console.print(table)
    return max(r.exit_code for r in results)


@main.command("init")
@click.argument("mapp", type=click.Path(path_type=Path))
@click.option("--år", "year", type=click.IntRange(2000, 2100), required=True,
              help="Rapportåret, t.ex. 2022.")
@click.option("--rapporttyp", "kind",
              type=click.Choice(["Delårsrapport 1", "Delårsrapport 2", "Årsberättelse"]),
              default="Delårsrapport 2", show_default=True)
@click.option("--verksamhet", "verksamheter", multiple=True,
              help="En verksamhet; ange flera gånger för flera arbetsböcker.")
def init_command(mapp: Path, year: int, kind: str, verksamheter: tuple[str, ...]) -> None:
    """Skapar en tom rapportmapp MAPP med arbetsböcker som följer indatakontraktet.

    Befintliga filer skrivs aldrig över.
    """
    from .model import ReportType
    from .starter import init_folder

    written = guarded(lambda: init_folder(mapp, year, ReportType(kind), list(verksamheter)))
    for path in written:
        _console().print(f"Skrev [bold]{path}[/]")
    _console().print("Fyll i arbetsböckerna och kontrollera dem med "
                     f"[bold]assemble validate {mapp}[/].")


@main.group("templates")
def templates_group() -> None:
    """Word-mallarna: kontrollera dem och se vilka variabler de kan använda."""


@templates_group.command("check")
@click.argument("mall", required=False, type=click.Path(path_type=Path))
def templates_check_command(mall: Path | None) -> None:
    """Provar mallen MALL (.docx), eller alla mallar i en mapp, mot exempelrapporten.

    Utan MALL provas standardmallarna. Slutkod 2 vid fel, 0 när allt går att fylla i.
    """
    from .pipeline import run_template_check

    findings = guarded(lambda: run_template_check(mall).findings)
    print_findings(findings, stderr=False)
    _console().print(summary_line(findings) if findings else "Mallarna går att fylla i.")
    sys.exit(EXIT_ERRORS if any(f.severity.value == "fel" for f in findings) else EXIT_OK)


@templates_group.command("vars")
def templates_vars_command() -> None:
    """Skriver ut alla variabler som mallarna kan använda (Markdown)."""
    from .pipeline import example_context
    from .templating import variables_markdown

    click.echo(guarded(lambda: variables_markdown(example_context())), nl=False)


@main.command("validate")
@click.argument("mapp", type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: en tabell att läsa; json: en lista för andra program.")
@click.option("--mark", is_flag=True,
              help="Skriv en kopia av varje arbetsbok med fynd, ”… (granskad).xlsx”, där "
                   "cellerna är färgade och har en kommentar. Originalen ändras aldrig.")
def validate_command(mapp: Path, output_format: str, mark: bool) -> None:
    """Kontrollerar rapportmappen MAPP utan att skriva någon rapport.

    Slutkod: 0 inga fynd, 1 bara varningar, 2 fel.
    """
    import json

    from .findings import sorted_findings
    from .mark import mark_workbooks
    from .pipeline import run_validate

    findings = guarded(lambda: run_validate(mapp).findings)
    marked = guarded(lambda: mark_workbooks(mapp, findings)) if mark else []
    if output_format == "json":
        click.echo(json.dumps([f.as_dict() for f in sorted_findings(findings)],
                              ensure_ascii=False, indent=2))
    else:
        print_findings(findings, stderr=False)
        _console().print(summary_line(findings) if findings else "Inga fel eller varningar.")
        for path in marked:
            _console().print(f"Skrev [bold]{path}[/]")
    sys.exit(exit_code(findings))


if __name__ == "__main__":
    main()
