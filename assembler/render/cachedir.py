"""The user's cache folder: LibreOffice's profiles (office.py), the templates' compiled Jinja
code (sandbox.py) and their docxtpl-patched source (document.py) are kept there between runs.
Its own module, so a run that only renders (`--fast`) does not load the LibreOffice steps."""

from __future__ import annotations

import contextlib
import hashlib
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


def cache_path(kind: str, shape: str, content: str, suffix: str) -> Path:
    """The file that holds what was made of `content` (a template's text) by a step shaped
    by `shape` (the versions and settings it depends on): named by a hash of both."""
    key = hashlib.sha256(shape.encode() + b"\0" + content.encode("utf-8", "surrogatepass"))
    return cache_folder() / kind / f"{key.hexdigest()}{suffix}"


def keep(path: Path, data: bytes) -> None:
    """`data` written to `path` whole or not at all (runs side by side may write it at the
    same time); a cache that cannot be written is no error."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_bytes(data)
        os.replace(partial, path)
