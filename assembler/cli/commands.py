"""`assemble`: the command line. Heavy modules are imported inside the commands, so that
`assemble --help` stays fast."""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .exits import Exit, UserError, for_findings, refuse_together
from .text import SwedishGroup, install
from ..app.files import crash_log
from ..contract.sheets import YEARS
from ..contract.vocab import ReportType

install()  # click's own texts in Swedish

if TYPE_CHECKING:
    from rich.console import JustifyMethod

    from ..app.options import RunOptions

def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def _severity_text(finding) -> str:
    from ..contract.findings import Severity

    if finding.acknowledged:
        return "[dim]kvitterad[/]"
    colour = "red" if finding.severity is Severity.ERROR else "yellow"
    return f"[{colour}]{finding.severity.value}[/]"


def _message_text(finding) -> str:
    from rich.markup import escape

    text = f"{escape(finding.message)} [dim]{finding.code}[/]"
    if finding.acknowledged:
        text += f" [dim]Kvitterad: {escape(finding.acknowledged)}[/]"
    return text


SAME_KIND_SHOWN = 10  # findings of one rule in one sheet printed before the rest are counted


def _collapsed(group: list) -> list:
    """A file's findings with at most SAME_KIND_SHOWN of one rule in one sheet (a pasted ledger
    gives thousands of the same warning and hides the error that explains them); the rest as
    one line saying how many and where all of them are."""
    from collections import Counter
    from decimal import Decimal

    from ..contract import fmt

    counts = Counter((f.sheet, f.code) for f in group)
    shown: Counter = Counter()
    items: list = []
    for f in group:
        key = (f.sheet, f.code)
        shown[key] += 1
        if shown[key] <= SAME_KIND_SHOWN:
            items.append(f)
        if shown[key] == SAME_KIND_SHOWN and counts[key] > SAME_KIND_SHOWN:
            rest = counts[key] - SAME_KIND_SHOWN
            where = f" i bladet {f.sheet}" if f.sheet else ""
            items.append(f"… och {fmt.number_str(Decimal(rest))} till med {f.code}{where} "
                         f"(alla med --format json)")
    return items


def print_findings(findings, stderr: bool = True) -> None:
    """Grouped by file, sorted by sheet and cell, aligned as a table in a terminal. Written to
    a file or a pipe, one finding a line (never wrapped in the middle of a number)."""
    if not findings:
        return
    from itertools import groupby

    from ..contract.findings import sorted_findings

    groups = [(file_name, list(group)) for file_name, group
              in groupby(sorted_findings(findings), key=lambda f: f.file)]
    lines = _plain_lines(groups, sys.stderr if stderr else sys.stdout)
    if lines is not None:
        for line in lines:
            click.echo(line, err=stderr)
        return
    from rich.markup import escape
    from rich.table import Table

    console = _console(stderr=stderr)
    if not console.is_terminal:
        for file_name, group in groups:
            console.print(f"[bold]{escape(file_name or 'Rapportmappen')}[/]")
            for f in _collapsed(group):
                if isinstance(f, str):
                    console.print(f"  [dim]{escape(f)}[/]", crop=False, overflow="ignore")
                    continue
                console.print(f"  {escape(f.place or '–')}  {_severity_text(f)}  "
                              f"{_message_text(f)}", crop=False, overflow="ignore")
        return
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("Plats", max_width=48, overflow="fold")
    table.add_column("Allvar", no_wrap=True)
    table.add_column("Meddelande", overflow="fold")
    for file_name, group in groups:
        table.add_row(f"[bold]{escape(file_name or 'Rapportmappen')}[/]", "", "")
        for f in _collapsed(group):
            if isinstance(f, str):
                table.add_row("", "", f"[dim]{escape(f)}[/]")
                continue
            table.add_row(f"  {escape(f.place or '–')}", _severity_text(f), _message_text(f))
    console.print(table)


# what has rich decide for itself whether it writes to a terminal
TERMINAL_ENVIRONMENT = ("FORCE_COLOR", "TTY_COMPATIBLE")
# what rich would change in a line: tabs and control codes, emoji codes (`:name:`)
RICH_CHANGES = re.compile(r"[\t\x07\x08\x0b\x0c\r]|:\S*?:")


def _is_plain(stream) -> bool:
    """A file or a pipe, where rich would print plain lines (no terminal, none forced)."""
    try:
        return not (stream.isatty() or any(name in os.environ for name in TERMINAL_ENVIRONMENT))
    except (AttributeError, ValueError):  # a stream without isatty, or closed
        return False


def _say(markup: str, plain: str) -> None:
    """A line to stdout: `plain` to a file or a pipe, without importing rich (0,03 s); in a
    terminal, or where rich would change a character, `markup` printed by rich."""
    if _is_plain(sys.stdout) and not RICH_CHANGES.search(plain):
        click.echo(plain)
    else:
        _console().print(markup)


def _plain_lines(groups, stream) -> list[str] | None:
    """The findings as rich prints them to a file or a pipe (one a line, no markup), without
    importing rich (0,03 s); None for a terminal, or where rich would change a character."""
    if not _is_plain(stream):
        return None
    lines = []
    for file_name, group in groups:
        lines.append(file_name or "Rapportmappen")
        for f in _collapsed(group):
            if isinstance(f, str):
                lines.append(f"  {f}")
                continue
            severity = "kvitterad" if f.acknowledged else f.severity.value
            acknowledged = f" Kvitterad: {f.acknowledged}" if f.acknowledged else ""
            lines.append(f"  {f.place or '–'}  {severity}  {f.message} {f.code}{acknowledged}")
    return None if any(RICH_CHANGES.search(line) for line in lines) else lines


def summary_line(findings) -> str:
    from ..contract.findings import Severity

    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    acknowledged = sum(1 for f in findings if f.acknowledged)
    warnings = len(findings) - errors - acknowledged
    line = f"{errors} fel, {warnings} {'varning' if warnings == 1 else 'varningar'}"
    return line + (f", {acknowledged} kvitterade" if acknowledged else "")


def fix_where(findings) -> str:
    """Where the errors are to be put right: in the workbooks, the templates or both."""
    from ..contract.findings import Severity

    kinds = {"mallarna" if f.code.startswith("M") else "arbetsböckerna"
             for f in findings if f.severity is Severity.ERROR}
    return " och ".join(sorted(kinds)) or "arbetsböckerna"


def guarded(action):
    """Run a command's work. A user error becomes a UserError (a message and exit 2); a bug is
    written to a log file, and the user is told where, also with exit 2. Never a traceback."""
    from ..app.files import OutputError

    try:
        return action()
    except OutputError as exc:
        raise UserError(str(exc)) from exc
    except OSError as exc:  # a folder that cannot be read or written: the user's to put right
        from ..app.files import os_error_text

        where = f" {exc.filename}" if exc.filename else ""
        raise UserError(f"Kan inte läsa eller skriva{where}: {os_error_text(exc)}.") from exc
    except ModuleNotFoundError as exc:  # a broken installation, not a bug in the tool
        from rich.markup import escape

        path = crash_log(exc)
        _console(stderr=True).print(
            f"[red]Ett internt fel uppstod[/]: modulen ”{escape(str(exc.name))}” saknas, så "
            f"verktyget är inte fullständigt installerat. Installera om det (i en källkodsmapp: "
            f"[bold]pip install -e .[/], annars: [bold]pip install --force-reinstall "
            f"assembler[/]). Detaljer finns i {escape(str(path))}.")
    except Exception as exc:  # a bug, not a user error
        from rich.markup import escape

        path = crash_log(exc)
        _console(stderr=True).print(
            f"[red]Ett internt fel uppstod[/] ({type(exc).__name__}). Detaljer finns i "
            f"{escape(str(path))}; skicka filen till den som förvaltar verktyget.")
    sys.exit(Exit.ERRORS)


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


class InterruptibleGroup(SwedishGroup):
    """Ctrl-C: "Avbrutet." and exit 130 (click would print English "Aborted!" and exit 1, the
    code for warnings). Temporary files are removed by the `finally` and `with` blocks the
    interrupt unwinds through; files already in place are left as they were."""

    def invoke(self, ctx):
        before = gc.get_threshold()
        gc.set_threshold(*RUN_GC_THRESHOLD)
        try:
            return super().invoke(ctx)
        except (KeyboardInterrupt, click.Abort):
            click.echo("Avbrutet.", err=True)
            sys.exit(Exit.INTERRUPTED)
        finally:
            gc.set_threshold(*before)


# A run builds one large model that lives to its end; Python's default collector walks it again
# and again (a sixth of a report's time). Young objects are still collected (every 10 000
# allocations instead of 700), so the cycles of temporary objects go and peak memory stays as
# it was; a full walk comes every few reports of a batch, not many times in each.
RUN_GC_THRESHOLD = (10_000, 50, 100)


@click.group(cls=InterruptibleGroup, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Sammanställer nämndens delårsrapport eller årsberättelse från Excel till Word.

    Varje verksamhet fyller i en arbetsbok och nämnden en; alla ligger i en rapportmapp.
    """


def run_options(out_help: str, templates_help: str, date_help: str, fast_help: str):
    """The options `report` and `kommun` share (-o, --mallar, --datum, --pdf, --fast, -q),
    handed to the command as one frozen RunOptions, `options`, built once here; --pdf with
    --fast is refused before anything is read."""
    import functools

    shared = [
        click.option("-o", "--ut", "out_dir", type=click.Path(path_type=Path),
                     default=Path("ut"), metavar="UTMAPP", show_default=True, help=out_help),
        click.option("--mallar", "--templates", "templates", type=click.Path(path_type=Path),
                     metavar="MALLMAPP", help=templates_help),
        click.option("--datum", type=SwedishDate(), default=None, help=date_help),
        click.option("--pdf", is_flag=True, help="Skriv också PDF (kräver LibreOffice)."),
        click.option("--fast", is_flag=True, help=fast_help),
        click.option("-q", "--tyst", "quiet", is_flag=True,
                     help="Visa inte vad som görs medan det görs (bara resultatet)."),
    ]

    def decorate(command):
        @functools.wraps(command)
        def with_options(out_dir: Path, templates: Path | None, datum, pdf: bool, fast: bool,
                         quiet: bool, **arguments):
            from ..app.options import RunOptions

            if pdf and fast:
                raise refuse_together("--pdf", "--fast", "PDF:en görs av LibreOffice, som "
                                      "--fast hoppar över. Välj ett av dem.")
            return command(options=RunOptions(out_dir=out_dir, templates=templates, date=datum,
                                              pdf=pdf, fast=fast, quiet=quiet), **arguments)

        for option in reversed(shared):
            with_options = option(with_options)
        return with_options
    return decorate


@main.command("report")
@click.argument("mappar", nargs=-1, required=True, type=click.Path(path_type=Path))
@run_options(out_help="Mappen där Word-dokumenten skrivs.",
             templates_help="Mapp med egna Word-mallar; de ersätter standardmallarna fil för "
                            "fil.",
             date_help="Tjänsteskrivelsens datum och dokumentens datum (ÅÅÅÅ-MM-DD). "
                       "Standard: Beslutsdatum.",
             fast_help="Hoppa över LibreOffice (utkast): innehållsförteckningen får inga "
                       "sidnummer.")
def report_command(mappar: tuple[Path, ...], options: RunOptions) -> None:
    """Kontrollerar rapportmappen MAPP och skriver rapporten och tjänsteskrivelsen.

    Med flera mappar (eller ett mönster som inputs/*/) görs varje rapport i en egen process och
    hamnar i en egen undermapp i UTMAPP; en mapp med fel stoppar inte de andra.
    """
    from ..app.batch import expand_folders
    from ..app.progress import Progress

    progress = Progress.for_terminal(options.quiet)
    folders = without_kommun_folders(expand_folders(list(mappar)))
    if len(folders) > 1:
        sys.exit(run_batch(folders, options, progress))
    run_single(folders[0], options, progress)


def without_kommun_folders(folders: list[Path]) -> list[Path]:
    """A kommun folder is no report folder: alone it is refused with the command that makes
    its reports; in a batch (`inputs/*/`) it is left out, and the user told so."""
    from ..app.files import is_kommun_folder

    kommun = [folder for folder in folders if is_kommun_folder(folder)]
    rest = [folder for folder in folders if folder not in kommun]
    if kommun and not rest:
        raise UserError(f"{kommun[0]} är en kommunmapp (den har kommunens arbetsbok). Skriv "
                        f"kommunens och nämndernas rapporter med: assemble kommun {kommun[0]} "
                        f"-o UTMAPP")
    for folder in kommun:
        _console(stderr=True).print(f"[yellow]Obs:[/] {folder} är en kommunmapp och görs inte "
                                    f"här; använd assemble kommun {folder}.")
    return rest


def run_single(mapp: Path, options: RunOptions, progress=None) -> None:
    from ..app.report import run_report
    from ..app.progress import SILENT

    progress = progress or SILENT
    result = guarded(lambda: run_report(mapp, options, progress))
    progress.finish()
    refuse_on_errors(result, "Rapporten")
    for path in result.written:
        _say(f"Skrev [bold]{path}[/]", f"Skrev {path}")
    for note in result.notes:
        _say(f"[yellow]Obs:[/] {note}", f"Obs: {note}")
    if result.findings:
        summary = written_summary(result.findings, "rapporten")
        _say(summary, summary)
    sys.exit(for_findings(result.findings))


def written_summary(findings, what: str) -> str:
    """The closing line of a run that wrote its documents: the counts, and whether to look at
    the warnings."""
    from ..contract.findings import open_findings

    if open_findings(findings):
        return f"{summary_line(findings)}: {what} skrevs, men se över varningarna."
    return f"{summary_line(findings)}." if findings else "Inga fel eller varningar."


def refuse_on_errors(result, what: str) -> None:
    """The findings; with errors, that nothing was written (`what` skrevs inte) and exit 2."""
    print_findings(result.findings)
    if not result.ok:
        _console(stderr=True).print(
            f"[red]{what} skrevs inte:[/] {summary_line(result.findings)}. "
            f"Rätta felen i {fix_where(result.findings)} och kör igen.")
        sys.exit(Exit.ERRORS)


BATCH_COLOURS = {Exit.OK: "green", Exit.WARNINGS: "yellow", Exit.ERRORS: "red"}


def run_batch(folders: list[Path], options: RunOptions, progress=None) -> int:
    """Several folders side by side: a progress bar, each folder's findings, a summary table."""
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
    from rich.table import Table

    from ..app.batch import BatchInterrupted, output_folders, renamed_outputs, run_many
    from ..app.progress import SILENT, seconds

    steps = progress or SILENT
    steps.step(f"Gör {len(folders)} rapporter parallellt")
    console = _console()
    for folder, subfolder in renamed_outputs(output_folders(options.out_dir, folders)):
        console.print(f"[yellow]Obs:[/] flera mappar heter {escape(folder.resolve().name)}; "
                      f"{escape(str(folder))} skrivs till [bold]{escape(str(subfolder))}[/].")
    with Progress(TextColumn("Rapporter"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.description}"), console=_console(stderr=True),
                  transient=True, disable=not steps.enabled) as bar:
        task = bar.add_task("", total=len(folders))

        def done(result) -> None:
            bar.update(task, advance=1, description=Path(result.folder).name)
            if steps.enabled:
                bar.console.print(f"{Path(result.folder).name}: {result.verdict} "
                                  f"({seconds(result.seconds)} s)", highlight=False)

        try:
            results = run_many(folders, options, on_done=done)
        except BatchInterrupted as stop:
            bar.stop()
            finished = [r for r in stop.finished if r.written]
            where = ", ".join(r.out_dir for r in finished) or "inga"
            click.echo(f"Avbrutet. Skrivna före avbrottet: {where}. De andra mapparnas "
                       "tidigare utdata är orörd.", err=True)
            return Exit.INTERRUPTED
    steps.finish()
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
        colour = BATCH_COLOURS[for_findings(result.findings, bool(result.failure))]
        table.add_row(escape(Path(result.out_dir).name), f"[{colour}]{result.verdict}[/]",
                      str(result.errors),
                      str(result.warnings), f"{result.seconds:.1f}".replace(".", ","))
    console.print(table)
    return max(for_findings(r.findings, bool(r.failure)) for r in results)


@main.command("init")
@click.argument("mapp", type=click.Path(path_type=Path))
@click.option("--från", "previous", type=click.Path(path_type=Path), metavar="FÖRRA",
              help="Förra periodens rapportmapp: arbetsböckerna, enheterna, målen och "
                   "budgeten förs över, periodens belopp och texter töms.")
@click.option("--år", "year", type=click.IntRange(*YEARS), metavar="ÅR",
              help="Rapportåret, t.ex. 2022 (krävs utom med --exempel). Med --från: samma år, "
                   "eller nästa efter en årsberättelse.")
@click.option("--rapporttyp", "kind",
              type=click.Choice(ReportType.values()),
              help="Standard: Delårsrapport 2; med --från rapporten som följer på den förra.")
@click.option("--verksamhet", "verksamheter", multiple=True, metavar="NAMN",
              help="En verksamhet; ange flera gånger för flera arbetsböcker.")
@click.option("--exempel", is_flag=True,
              help="Skriv exempelrapporten (en påhittad nämnd med fem verksamheter) i stället "
                   "för tomma arbetsböcker.")
@click.option("--kommun", "kommun", is_flag=True,
              help="Skriv en tom kommunarbetsbok (för assemble kommun) i stället; lägg "
                   "nämndernas rapportmappar som undermappar bredvid den. Med --exempel: "
                   "exempelkommunen med sex nämnder.")
def init_command(mapp: Path, previous: Path | None, year: int | None, kind: str | None,
                 verksamheter: tuple[str, ...], exempel: bool, kommun: bool = False) -> None:
    """Skapar en tom rapportmapp MAPP med arbetsböcker som följer indatakontraktet.

    Med --från FÖRRA skapas nästa periods mapp från förra periodens. Befintliga filer skrivs
    aldrig över.
    """
    from ..app.init import init_example, init_folder

    if kommun:
        init_kommun_book(mapp, previous, verksamheter, exempel)
        return
    if previous is not None:
        if verksamheter or exempel:
            raise refuse_together("--verksamhet" if verksamheter else "--exempel", "--från",
                                  "verksamheterna kommer från förra periodens mapp. Ange "
                                  "bara --från (och --år, --rapporttyp).")
        roll_forward(mapp, previous, ReportType(kind) if kind else None, year)
        return
    if exempel:
        given = [flag for flag, value in (("--år", year), ("--rapporttyp", kind),
                                          ("--verksamhet", verksamheter)) if value]
        if given:
            raise refuse_together("--exempel", given[0], "exemplet har sitt eget år, sin "
                                  "rapporttyp och sina verksamheter. Ta bort den ena flaggan.")
        written = guarded(lambda: init_example(mapp))
    elif year is None:
        raise click.UsageError("Ange rapportåret med --år, t.ex. --år 2025 (eller --exempel "
                               "för exempelrapporten).")
    else:
        written = guarded(lambda: init_folder(mapp, year, ReportType(kind or ReportType.INTERIM_2),
                                              list(verksamheter)))
    for path in written:
        _console().print(f"Skrev [bold]{path}[/]")
    next_step = "report" if exempel else "validate"
    _console().print(("Skriv rapporten med " if exempel else "Fyll i arbetsböckerna och "
                      "kontrollera dem med ") + f"[bold]assemble {next_step} {mapp}[/].")


def init_kommun_book(mapp: Path, previous, verksamheter, exempel: bool) -> None:
    from ..app.kommun import init_kommun

    given = [flag for flag, value in (("--från", previous), ("--verksamhet", verksamheter))
             if value]
    if given:
        raise refuse_together("--kommun", given[0], "kommunens arbetsbok har inga verksamheter "
                              "och förs inte över från en nämnds mapp.")
    written = guarded(lambda: init_kommun(mapp, exempel))
    for path in written:
        _console().print(f"Skrev [bold]{path}[/]")
    if exempel:
        _console().print(f"Skriv rapporterna med [bold]assemble kommun {mapp}[/].")
        return
    _console().print("Fyll i arbetsboken, lägg nämndernas rapportmappar som undermappar och "
                     f"kontrollera med [bold]assemble validate {mapp}[/].")


def roll_forward(mapp: Path, previous: Path, kind, year: int | None) -> None:
    from rich.markup import escape

    from ..app.rollforward import RollRefused, roll_folder

    try:
        result = guarded(lambda: roll_folder(previous, mapp, kind, year))
    except UserError as exc:
        if isinstance(exc.__cause__, RollRefused):
            print_findings(exc.__cause__.findings)
        raise
    console = _console()
    console.print(f"Från {result.previous.kind.value} {result.previous.year} till "
                  f"[bold]{result.new.kind.value} {result.new.year}[/] i {escape(str(mapp))}:")
    for lines, paths in result.books_by_change().items():
        console.print(f"Skrev [bold]{escape(', '.join(p.name for p in paths))}[/]:")
        for line in lines:
            console.print(f"  {escape(line)}")
    console.print("Fyll i periodens belopp och texter och kontrollera mappen med "
                  f"[bold]assemble validate {escape(str(mapp))}[/].")


@main.group("templates")
def templates_group() -> None:
    """Word-mallarna: kontrollera dem och se vilka variabler de kan använda."""


@templates_group.command("check")
@click.argument("mall", required=False, type=click.Path(path_type=Path))
@click.option("--mot", "against", type=click.Path(path_type=Path),
              help="Prova mot en egen rapportmapp i stället för exemplet, så att kommunens "
                   "egna avsnitt i bladet Text är kända variabler.")
@click.option("--kommun", "kommun", is_flag=True,
              help="Prova kommunens mallar (för assemble kommun) mot exempelkommunen, eller "
                   "mot kommunmappen i --mot.")
def templates_check_command(mall: Path | None, against: Path | None, kommun: bool = False
                            ) -> None:
    """Provar mallen MALL (.docx), eller alla mallar i en mapp, mot exempelrapporten.

    Utan MALL provas standardmallarna. Slutkod 2 vid fel, 0 när allt går att fylla i.
    """
    from rich.markup import escape

    from ..app.files import is_kommun_folder
    from ..app.kommun import run_kommun_template_check
    from ..app.report import run_template_check

    if kommun or (against is not None and is_kommun_folder(against)):
        result = guarded(lambda: run_kommun_template_check(mall, against))
    else:
        result = guarded(lambda: run_template_check(mall, against))
        if not result.ok and against is None and mall is not None and mall.is_dir():
            # a kommun's template set (templates/kommun) checked without --kommun
            as_kommun = guarded(lambda: run_kommun_template_check(mall, None))
            if as_kommun.ok:
                as_kommun.notes.append(f"{mall} är mallar för kommunens rapport (assemble "
                                       "kommun) och provades mot exempelkommunen.")
                result = as_kommun
    findings, console = result.findings, _console()
    if result.data_findings:
        blocked = for_findings(result.data_findings) is Exit.ERRORS
        console.print(f"[bold]Rapportmappen {escape(str(against))}[/] (ekonomernas arbetsböcker"
                      + (", rätta dem först; mallarna provades inte):" if blocked else "):"))
        print_findings(result.data_findings, stderr=False)
        console.print(summary_line(result.data_findings))
        if blocked:
            sys.exit(Exit.ERRORS)
        console.print("[bold]Mallarna[/]:")
    for note in result.notes:
        console.print(escape(note))
    print_findings(findings, stderr=False)
    console.print(summary_line(findings) if findings else "Mallarna går att fylla i.")
    failed = for_findings(list(findings) + list(result.data_findings)) is Exit.ERRORS
    sys.exit(Exit.ERRORS if failed else Exit.OK)


@templates_group.command("vars")
@click.option("--kommun", "kommun", is_flag=True,
              help="Kommunens mallars variabler (för assemble kommun) i stället.")
def templates_vars_command(kommun: bool = False) -> None:
    """Skriver ut alla variabler som mallarna kan använda (Markdown)."""
    from ..app.kommun import kommun_variables_doc
    from ..app.report import variables_doc

    click.echo(guarded(kommun_variables_doc if kommun else variables_doc), nl=False)


@main.command("validate")
@click.argument("mapp", type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: en tabell att läsa; json: en lista för andra program.")
@click.option("--mark", is_flag=True,
              help="Skriv en kopia av varje arbetsbok med fynd, ”… (granskad).xlsx”, där "
                   "cellerna är färgade och har en kommentar. Originalen ändras aldrig.")
@click.option("--mark-till", "mark_to", type=click.Path(path_type=Path), metavar="MAPP",
              help="Skriv de granskade kopiorna i MAPP i stället för i rapportmappen (t.ex. när "
                   "den är skrivskyddad); innebär --mark.")
def validate_command(mapp: Path, output_format: str, mark: bool, mark_to: Path | None) -> None:
    """Kontrollerar rapportmappen MAPP utan att skriva någon rapport.

    Slutkod: 0 inga fynd, 1 bara varningar, 2 fel.
    """
    from ..contract.findings import open_findings, sorted_findings
    from ..app.files import is_kommun_folder

    if is_kommun_folder(mapp):
        from ..app.kommun import run_kommun_validate as validate
    else:
        from ..app.report import run_validate as validate
    findings = guarded(lambda: validate(mapp).findings)
    if output_format == "json":
        import json

        click.echo(json.dumps([f.as_dict() for f in sorted_findings(findings)],
                              ensure_ascii=False, indent=2))
    else:
        print_findings(findings, stderr=False)
        # plain text without markup: no need of rich when there is nothing to tabulate
        click.echo(summary_line(findings) if findings else "Inga fel eller varningar.")
    if mark or mark_to:
        from rich.markup import escape

        from ..app.mark import mark_workbooks

        try:  # the findings are out first: a folder that cannot be written hides none of them
            marked = guarded(lambda: mark_workbooks(mapp, open_findings(findings), mark_to))
        except UserError as exc:
            _console(stderr=True).print(f"[red]Fel:[/] {escape(exc.message)}")
            sys.exit(Exit.ERRORS)
        for path in marked:
            _console(stderr=output_format == "json").print(f"Skrev [bold]{escape(str(path))}[/]")
    sys.exit(for_findings(findings))



@main.command("kommun")
@click.argument("mapp", type=click.Path(path_type=Path))
@run_options(out_help="Mappen där kommunens rapport skrivs; varje nämnds rapport i en "
                      "undermapp.",
             templates_help="Kansliets mallmapp: kommunens rapport.docx och formuleringar.docx, "
                            "nämndernas mallar i undermappen nämnder/ och en nämnds egna i "
                            "nämnder/<Mapp>/.",
             date_help="Dokumentens datum (ÅÅÅÅ-MM-DD). Standard: Beslutsdatum.",
             fast_help="Hoppa över LibreOffice (utkast): innehållsförteckningarna får inga "
                       "sidnummer.")
def kommun_command(mapp: Path, options: RunOptions) -> None:
    """Sammanställer kommunens delårsrapport eller årsredovisning från kommunmappen MAPP.

    MAPP har kommunens arbetsbok (bladet Kommun) och en undermapp per nämnd. Alla nämnder och
    kommunens arbetsbok kontrolleras i en omgång; sedan skrivs kommunens rapport och
    spårbarhet.csv i UTMAPP och varje nämnds rapport i UTMAPP/<mapp>, alla eller inga.
    """
    from ..app.kommun import run_kommun
    from ..app.progress import Progress

    progress = Progress.for_terminal(options.quiet)
    result = guarded(lambda: run_kommun(mapp, options, progress))
    progress.finish()
    refuse_on_errors(result, "Rapporterna")
    console = _console()
    console.print(f"Skrev {len(result.written)} filer i [bold]{options.out_dir}[/], bland dem:")
    for path in result.written:
        if path.parent == options.out_dir:
            console.print(f"  [bold]{path}[/]")
    for note in dict.fromkeys(result.notes):
        console.print(f"[yellow]Obs:[/] {note}")
    console.print(written_summary(result.findings, "rapporterna"))
    sys.exit(for_findings(result.findings))
