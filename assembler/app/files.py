"""Files the tool writes: outputs atomically under Windows-legal names, and the crash log."""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import signal
import sys
import tempfile
import threading
import unicodedata
from contextlib import contextmanager
from pathlib import Path


class OutputError(Exception):
    """Output could not be written; the message says what the user can do."""


# the operating system's own words are English ("File exists", "Read-only file system")
OS_ERRORS = {
    errno.EEXIST: "det finns redan en fil med det namnet där en mapp behövs",
    errno.EROFS: "mappen ligger på en enhet som bara går att läsa",
    errno.EACCES: "mappen är skrivskyddad eller du saknar behörighet att skriva i den",
    errno.EPERM: "mappen är skrivskyddad eller du saknar behörighet att skriva i den",
    errno.ENOSPC: "disken är full",
    errno.ENOENT: "mappen finns inte",
    errno.ENOTDIR: "en del av sökvägen är en fil, inte en mapp",
    errno.EISDIR: "det finns en mapp med det namnet",
    errno.ENAMETOOLONG: "namnet eller sökvägen är för lång",
    errno.EBUSY: "filen används av ett annat program",
    errno.EIO: "disken kunde inte läsas eller skrivas",
    errno.EDQUOT: "diskutrymmet som du får använda är slut",
    errno.EXDEV: "filen kan inte flyttas mellan två enheter",
}


def os_error_text(exc: OSError) -> str:
    """What went wrong, in Swedish: never the operating system's English."""
    if exc.errno in OS_ERRORS:
        return OS_ERRORS[exc.errno]
    if isinstance(exc, PermissionError):
        return OS_ERRORS[errno.EACCES]
    code = errno.errorcode.get(exc.errno or 0)
    return f"systemfel {code}" if code else "okänt systemfel"


class FolderNotWritable(OutputError):
    """No file can be made in `folder` (read-only, no permission, a file in the way)."""

    def __init__(self, folder: Path, reason: str):
        super().__init__(f"Kan inte skriva i {folder}: {reason}. Välj en annan mapp.")
        self.folder, self.reason = folder, reason


# bidi controls (U+202A–U+202E, U+2066–U+2069) can make `rapport‮xcod.exe` look like a .docx;
# they and every other format character (zero-width spaces, soft hyphens) leave file names
MAX_NAME_BYTES = 200  # Linux allows 255 bytes per name; room for `.pdf`, temp names and Windows
MAX_PROPERTY_CHARS = 255  # Word's limit for the title, subject and author properties


def safe_file_name(name: str) -> str:
    """Legal on Windows too: no `<>:"/\\|?*`, no control or format characters, no trailing dots
    or spaces, NFC as macOS and Windows both read it."""
    name = unicodedata.normalize("NFC", name)
    name = "".join(ch for ch in name if unicodedata.category(ch) != "Cf")
    name = re.sub(r"\s*[\t\n\r]\s*", " ", name)  # a line break in the cell: a space
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f\x7f]', "-", name)
    return cleaned.strip(" .")


def file_key(name: str) -> str:
    """Names Windows and macOS take for the same file or folder (case, Unicode form) give one
    key."""
    return unicodedata.normalize("NFC", name).casefold()


def shortened(text: str, max_bytes: int) -> str:
    """`text` cut to at most `max_bytes` of UTF-8, ending in `…` when cut."""
    if len(text.encode("utf-8")) <= max_bytes:
        return text
    budget = max_bytes - len("…".encode("utf-8"))
    cut = text.encode("utf-8")[:budget].decode("utf-8", errors="ignore")
    return cut.rstrip(" .-–") + "…"


MEMO_PREFIX = "Tjänsteskrivelse – "


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _temp_beside(path: Path) -> tuple[int, str]:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return tempfile.mkstemp(dir=path.parent, prefix=".assembler-", suffix=".tmp")
    except OSError as exc:
        raise FolderNotWritable(path.parent, os_error_text(exc)) from exc


def _write_temp(path: Path, data: bytes) -> str:
    """`data` in a new temporary file beside `path`, flushed to disk; returns its name."""
    handle, temp_name = _temp_beside(path)
    try:
        os.chmod(temp_name, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual mode
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException as exc:
        _remove_quietly(temp_name)
        if isinstance(exc, OSError):
            raise OutputError(f"Kan inte skriva {path}: {os_error_text(exc)}.") from exc
        raise
    return temp_name


def _remove_quietly(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


def _cannot_replace(path: Path, exc: OSError) -> OutputError:
    if isinstance(exc, PermissionError):
        return OutputError(f"Kan inte skriva {path.name}: filen är skrivskyddad eller öppen i ett "
                           f"annat program (t.ex. Word). Stäng den och försök igen.")
    if path.is_dir():
        return OutputError(f"Kan inte skriva {path.name}: det finns en mapp med det namnet i "
                           f"{path.parent}. Flytta den eller välj en annan mapp.")
    return OutputError(f"Kan inte skriva {path}: {os_error_text(exc)}.")


def _check_target(path: Path) -> None:
    """Before anything is written: a folder, or a file we may not replace, in the way."""
    if path.is_dir():
        raise _cannot_replace(path, IsADirectoryError())
    if path.exists() and not os.access(path, os.W_OK):
        raise _cannot_replace(path, PermissionError())


@contextmanager
def _interrupt_between_steps():
    """Ctrl-C while files are swapped is noted and raised only where `check()` is called, when
    every temporary file is known: none is left behind, and the old files are put back. Noted
    after the last check, it is raised again on the way out."""
    noted: list[int] = []

    def check() -> None:
        if noted:
            raise KeyboardInterrupt

    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGINT) is None):  # a handler not set from Python
        yield check
        return
    previous = signal.signal(signal.SIGINT, lambda signum, frame: noted.append(signum))
    completed = False
    try:
        yield check
        completed = True
    finally:
        signal.signal(signal.SIGINT, previous)
    if completed and noted:
        signal.raise_signal(signal.SIGINT)


def write_all_or_none(files: dict[Path, bytes]) -> None:
    """Write every file or none: all are written to temporary files first; the old files are
    moved aside, the new ones moved in, and on any failure (or Ctrl-C) the old ones are put
    back."""
    for path in files:
        _check_target(path)
    with _interrupt_between_steps() as check:
        _swap_in(files, check)


def _move_aside(path: Path) -> str:
    handle, backup = _temp_beside(path)
    os.close(handle)
    try:
        os.replace(path, backup)
    except OSError:
        _remove_quietly(backup)
        raise
    return backup


def _swap_in(files: dict[Path, bytes], check) -> None:
    temps: dict[Path, str] = {}
    moved_aside: dict[Path, str] = {}
    placed: list[Path] = []
    try:
        for path, data in files.items():
            check()
            temps[path] = _write_temp(path, data)
        for path, temp in temps.items():
            check()
            try:
                if path.exists():
                    moved_aside[path] = _move_aside(path)
                os.replace(temp, path)
                placed.append(path)
            except OSError as exc:
                raise _cannot_replace(path, exc) from exc
        check()
    except BaseException:
        for path in placed:
            _remove_quietly(str(path))
        for path, backup in moved_aside.items():
            try:
                os.replace(backup, path)
            except OSError:
                pass
        raise
    finally:
        for temp in temps.values():
            if os.path.exists(temp):
                _remove_quietly(temp)
    for backup in moved_aside.values():
        _remove_quietly(backup)


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written file."""
    write_all_or_none({path: data})


def crash_log(exc: BaseException) -> Path:
    """A genuine bug: keep the traceback for the developers, show the user a plain message."""
    import traceback  # only for a bug: not loaded by every run

    path = Path(tempfile.gettempdir()) / "assembler-fel.log"
    with path.open("a", encoding="utf-8") as log:
        log.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')} {sys.argv}\n")
        log.write("".join(traceback.format_exception(exc)))
    return path


def is_kommun_folder(folder: Path) -> bool:
    """Whether MAPP is a kommun folder (it has the kommun's workbook). Here, not in app.kommun,
    so that `validate` and `report` of a report folder do not import the kommun's computation."""
    from ..read.kind import is_kommun_folder as check

    return check(folder)
