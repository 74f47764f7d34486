"""Files the tool writes: outputs atomically under Windows-legal names, and the crash log."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import tempfile
import traceback
from pathlib import Path


class OutputError(Exception):
    """Output could not be written; the message says what the user can do."""


def safe_file_name(name: str) -> str:
    """Legal on Windows too: no `<>:"/\\|?*`, no trailing dots or spaces."""
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f]', "-", name)
    return cleaned.strip(" .")


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=".assembler-", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"Kan inte skriva i {path.parent}: {exc.strerror or exc}. Ange en "
                          f"mapp med -o.") from exc
    try:
        os.chmod(temp_name, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual mode
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
    except PermissionError as exc:
        raise OutputError(f"Kan inte skriva {path.name}: filen är skrivskyddad eller öppen i ett "
                          f"annat program (t.ex. Word). Stäng den och försök igen.") from exc
    except OSError as exc:
        raise OutputError(f"Kan inte skriva {path}: {exc.strerror or exc}.") from exc
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)


def crash_log(exc: BaseException) -> Path:
    """A genuine bug: keep the traceback for the developers, show the user a plain message."""
    path = Path(tempfile.gettempdir()) / "assembler-fel.log"
    with path.open("a", encoding="utf-8") as log:
        log.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')} {sys.argv}\n")
        log.write("".join(traceback.format_exception(exc)))
    return path
