"""The user's cache folder: LibreOffice's profiles (office.py) and the templates' compiled
Jinja code (sandbox.py) are kept there between runs. Its own module, so a run that only
renders (`--fast`) does not load the LibreOffice steps to find it."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def cache_folder() -> Path:
    """Where the tool keeps what it may rebuild (like platformdirs' user cache dir)."""
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "assembler" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "assembler"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "assembler"
