"""click in Swedish: its help headings, usage line and messages, without gettext catalogues.

click looks every text up through the module-level names `_` and `ngettext` of its modules;
`install()` points them at the table below, so `--help`, usage errors and "Aborted!" read in
Swedish whatever the user's locale. A text missing from the table is shown as click wrote it.
"""

from __future__ import annotations

import click

OPTIONS_METAVAR = "[FLAGGOR]"
SUBCOMMAND_METAVAR = "KOMMANDO [ARGUMENT]..."

SWEDISH: dict[str, str] = {
    "Usage:": "Användning:",
    "Options": "Flaggor",
    "Commands": "Kommandon",
    "Positional arguments": "Argument",
    "Show this message and exit.": "Visa den här hjälpen och avsluta.",
    "Show the version and exit.": "Visa versionen och avsluta.",
    "Aborted!": "Avbrutet.",
    "deprecated": "utgått",
    "required": "krävs",
    "default: {default}": "standard: {default}",
    "env var: {var}": "miljövariabel: {var}",
    "(dynamic)": "(beräknas)",
    "Error: {message}": "Fel: {message}",
    "Try '{command} {option}' for help.": "Skriv '{command} {option}' för hjälp.",
    "Invalid value: {message}": "Ogiltigt värde: {message}",
    "Invalid value for {param_hint}: {message}": "Ogiltigt värde för {param_hint}: {message}",
    "Missing argument": "Argument saknas",
    "Missing option": "Flagga saknas",
    "Missing parameter": "Parameter saknas",
    "Missing {param_type}": "{param_type} saknas",
    "Missing parameter: {param_name}": "Parameter saknas: {param_name}",
    "Missing command.": "Kommando saknas.",
    "No such option {name!r}.": "Flaggan {name!r} finns inte.",
    "No such command {name!r}.": "Kommandot {name!r} finns inte.",
    "unknown error": "okänt fel",
    "Could not open file {filename!r}: {message}": "Kan inte öppna filen {filename!r}: {message}",
    "Choose from:\n\t{choices}": "Välj bland:\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} är inget giltigt {number_type}.",
    "{value} is not in the range {range}.": "{value} ligger inte i intervallet {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} är inget sanningsvärde. Giltiga värden: {states}",
    "{value!r} is not a valid UUID.": "{value!r} är inget giltigt UUID.",
    "file": "fil", "directory": "mapp", "path": "sökväg",
    "{name} {filename!r} does not exist.": "{name} {filename!r} finns inte.",
    "{name} {filename!r} is a file.": "{name} {filename!r} är en fil.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} är en mapp.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} går inte att läsa.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} går inte att skriva.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} går inte att köra.",
    "Invalid start character for option ({option})": "Ogiltigt första tecken i flaggan ({option})",
    "Argument {name!r} takes {nargs} values.": "Argumentet {name!r} tar {nargs} värden.",
    "Option {name!r} does not take a value.": "Flaggan {name!r} tar inget värde.",
    "Value must be an iterable.": "Värdet måste vara en lista.",
    "Do you want to continue?": "Vill du fortsätta?",
    "Confirm the action without prompting.": "Bekräfta utan att fråga.",
    "Repeat for confirmation": "Upprepa för att bekräfta",
    "Error: The two entered values do not match.": "Fel: De två värdena är olika.",
    "Error: invalid input": "Fel: ogiltig inmatning",
    "Press any key to continue...": "Tryck på valfri tangent för att fortsätta …",
    "integer": "heltal", "float": "decimaltal",
}

SWEDISH_PLURAL: dict[tuple[str, str], tuple[str, str]] = {
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        ("Menade du {possibility}?", "(Menade du någon av: {possibilities}?)"),
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        ("Oväntat extra argument ({args})", "Oväntade extra argument ({args})"),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."):
        ("Tar {nargs} värden men 1 gavs.", "Tar {nargs} värden men {len} gavs."),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        ("Flaggan {name!r} behöver ett värde.", "Flaggan {name!r} behöver {nargs} värden."),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        ("{value!r} är inte {choice}.", "{value!r} är inte något av {choices}."),
    ("{value!r} does not match the format {format}.",
     "{value!r} does not match the formats {formats}."):
        ("{value!r} följer inte formatet {format}.", "{value!r} följer inte formaten {formats}."),
    ("{len_type} values are required, but {len_value} was given.",
     "{len_type} values are required, but {len_value} were given."):
        ("{len_type} värden krävs, men {len_value} gavs.",
         "{len_type} värden krävs, men {len_value} gavs."),
}

# metavars shown in help: the upper-cased name of each parameter type
TYPE_NAMES = {click.types.StringParamType: "text", click.types.IntParamType: "heltal",
              click.types.IntRange: "heltal", click.types.FloatParamType: "decimaltal",
              click.types.FloatRange: "decimaltal", click.types.BoolParamType: "ja/nej",
              click.types.DateTime: "datum och tid", click.types.UUIDParameterType: "uuid",
              click.types.File: "fil"}


def gettext(message: str) -> str:
    return SWEDISH.get(message, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    one, many = SWEDISH_PLURAL.get((singular, plural), (singular, plural))
    return one if count == 1 else many


def install() -> None:
    """Point click's text look-ups at the Swedish table (idempotent)."""
    from click import core, decorators, exceptions, formatting, parser, termui, types

    for module in (core, decorators, exceptions, formatting, parser, termui, types):
        if hasattr(module, "_"):
            vars(module)["_"] = gettext  # click reads them as module globals
        if hasattr(module, "ngettext"):
            vars(module)["ngettext"] = ngettext
    for param_type, name in TYPE_NAMES.items():
        param_type.name = name


class SwedishCommand(click.Command):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)


class SwedishGroup(click.Group):
    command_class = SwedishCommand

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        kwargs.setdefault("subcommand_metavar", SUBCOMMAND_METAVAR)
        super().__init__(*args, **kwargs)


SwedishGroup.group_class = SwedishGroup
