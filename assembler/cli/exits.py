"""The command line's exit codes and its user errors, in one place.

0: done, nothing to report; 1: done, with warnings; 2: errors, nothing written, or a user error
(a message saying what to do, never a traceback); 130: stopped with Ctrl-C, as shells report it.
"""

from __future__ import annotations

from enum import IntEnum

import click


class Exit(IntEnum):
    OK = 0
    WARNINGS = 1
    ERRORS = 2
    INTERRUPTED = 130


def for_findings(findings, failed: bool = False) -> Exit:
    """Errors (or a run that could not finish) 2, only warnings 1, nothing 0 (acknowledged
    warnings count as nothing)."""
    from ..contract.findings import Severity, open_findings

    if failed or any(f.severity is Severity.ERROR for f in findings):
        return Exit.ERRORS
    return Exit.WARNINGS if open_findings(findings) else Exit.OK


class UserError(click.ClickException):
    """Something the user can put right (a folder that cannot be written, say): `Fel: …` in
    Swedish on stderr and exit 2, like click's own usage errors."""

    exit_code = Exit.ERRORS


def refuse_together(first: str, second: str, why: str) -> click.UsageError:
    """Two flags that cannot both be given: exit 2 with what to do instead."""
    return click.UsageError(f"{first} och {second} går inte att kombinera: {why}")
