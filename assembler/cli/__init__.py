"""The command line: `assemble` and its commands (see commands.py)."""

from .commands import main

__all__ = ["main"]
