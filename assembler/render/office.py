"""The optional LibreOffice steps: PDF export, and the TOC's page numbers read from that PDF.

LibreOffice is the only program the tool ever starts. Its profile is kept between runs in the
user's cache folder (a warm profile starts faster); runs side by side each lock their own
profile slot. The child runs in its own process group, which is ended however the step ends
(finished, failed, Ctrl+C), so no soffice process outlives the run.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from .cachedir import cache_folder

WINDOWS_PATHS = [Path(os.environ.get(var, "")) / "LibreOffice" / "program" / "soffice.exe"
                 for var in ("PROGRAMFILES", "PROGRAMFILES(X86)")]
TIMEOUT_SECONDS = 180
PROFILE_SLOTS = 8
# writer_pdf_Export options: a tagged PDF that declares PDF/UA, titled from the document
PDF_OPTIONS = {"UseTaggedPDF": True, "PDFUACompliance": True, "DisplayPDFDocumentTitle": True,
               "ExportBookmarks": True}
# Swedish number formats in charts (1 000, 2,5) whatever the machine's own locale
PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" \
xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">\
<value>sv-SE</value></prop></item>
</oor:items>
"""


class OfficeError(Exception):
    """LibreOffice is missing or failed; the message says what the user can do."""


def find_soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((str(p) for p in WINDOWS_PATHS if p.name and p.is_file()), None)


def pdf_filter() -> str:
    options = {name: {"type": "boolean", "value": str(value).lower()}
               for name, value in PDF_OPTIONS.items()}
    return "pdf:writer_pdf_Export:" + json.dumps(options, separators=(",", ":"))


def _try_lock(handle) -> bool:
    """An exclusive lock the system drops when the process ends, however it ends."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _seed_profile(profile: Path) -> None:
    settings = profile / "user" / "registrymodifications.xcu"
    if not settings.exists():
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(PROFILE_SETTINGS, encoding="utf-8")


def end_process_group(process: subprocess.Popen) -> None:
    """Ends the child and everything it started (soffice forks soffice.bin)."""
    if sys.platform == "win32":
        with contextlib.suppress(OSError):
            process.kill()
    else:
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(OSError, subprocess.TimeoutExpired):
        process.wait(timeout=10)


class Office:
    """One LibreOffice profile for a whole run: a cached profile in a locked slot, else a
    temporary one; several documents go through one start."""

    def __init__(self):
        soffice = find_soffice()
        if soffice is None:
            raise OfficeError("LibreOffice hittades inte. Installera LibreOffice för att få PDF "
                              "och sidnummer i innehållsförteckningen, eller kör med --fast.")
        self.soffice: str = soffice
        self._work = tempfile.TemporaryDirectory(prefix="assembler-lo-")
        self.folder = Path(self._work.name)
        self._lock = None
        profile = self._cached_profile() or self.folder / "profil"
        _seed_profile(profile)
        self.profile = profile.as_uri()

    def _cached_profile(self) -> Path | None:
        try:
            root = cache_folder() / "libreoffice"
            root.mkdir(parents=True, exist_ok=True)
            for slot in range(PROFILE_SLOTS):
                handle = open(root / f"profil-{slot}.lock", "a+b")
                if _try_lock(handle):
                    self._lock = handle
                    return root / f"profil-{slot}"
                handle.close()
        except OSError:
            pass
        return None

    def __enter__(self) -> Office:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._lock is not None:
            self._lock.close()  # closing drops the lock
            self._lock = None
        self._work.cleanup()

    def _run(self, command: list[str]) -> None:
        group: dict[str, Any]
        if sys.platform == "win32":
            group = {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
        else:
            group = {"start_new_session": True}  # Ctrl+C reaches us, never the child directly
        # LibreOffice's own temporary files (`lu….tmp`) go into our work folder, which is
        # removed however the run ends, instead of the user's temp folder
        private_temp = self.folder / "tmp"
        private_temp.mkdir(exist_ok=True)
        env = dict(os.environ, TMPDIR=str(private_temp), TMP=str(private_temp),
                   TEMP=str(private_temp))
        try:
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                                       env=env, **group)
        except OSError as exc:
            raise OfficeError(f"LibreOffice kunde inte startas ({type(exc).__name__}).") from exc
        try:
            process.wait(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired as exc:
            raise OfficeError("LibreOffice svarade inte; PDF kunde inte göras.") from exc
        finally:
            end_process_group(process)

    def to_pdfs(self, documents: dict[str, bytes]) -> dict[str, bytes]:
        """{stem: docx bytes} → {stem: pdf bytes}, in one start of LibreOffice."""
        batch = self.folder / f"batch-{len(list(self.folder.glob('batch-*')))}"
        batch.mkdir()
        sources = []
        for index, data in enumerate(documents.values()):
            source = batch / f"dokument-{index}.docx"  # plain names: LibreOffice's argv on Windows
            source.write_bytes(data)
            sources.append(source)
        self._run([self.soffice, f"-env:UserInstallation={self.profile}", "--headless",
                   "--norestore", "--nologo", "--convert-to", pdf_filter(), "--outdir", str(batch),
                   *map(str, sources)])
        pdfs = {}
        for stem, source in zip(documents, sources, strict=False):
            pdf = source.with_suffix(".pdf")
            if not pdf.is_file():
                raise OfficeError("LibreOffice kunde inte göra PDF av dokumentet.")
            pdfs[stem] = pdf.read_bytes()
        return pdfs


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


@functools.lru_cache(maxsize=2)
def _reader(pdf: bytes, strict: bool):
    """One parse of a PDF for all that is read from it. A strict reader trusts the file's
    cross-reference table; a lenient one first checks every object's header against it
    (seconds for the tens of thousands of objects of a long tagged PDF)."""
    import io

    from pypdf import PdfReader

    return PdfReader(io.BytesIO(pdf), strict=strict)


def _leniently_if_need_be(read, pdf: bytes):
    """`read(reader)` with a strict reader (LibreOffice writes sound PDFs); with a lenient one
    if the strict one finds anything amiss, so the result is what the lenient one gives."""
    try:
        return read(_reader(pdf, True), True)
    except Exception:
        return read(_reader(pdf, False), False)


def page_texts(pdf: bytes) -> list[str]:
    return [_squeeze(page.extract_text() or "") for page in _reader(pdf, False).pages]


def page_count(pdf: bytes) -> int:
    return _leniently_if_need_be(lambda reader, _: len(reader.pages), pdf)


def outline_pages(pdf: bytes) -> list[tuple[str, int]]:
    """(squeezed title, page) of every bookmark, in document order: LibreOffice exports one
    per heading, with its number."""
    return _leniently_if_need_be(_outline_pages, pdf)


def _outline_pages(reader, strict: bool) -> list[tuple[str, int]]:
    """A strict reader raises on anything amiss; a lenient one skips a bookmark without a
    page (and an outline it cannot read)."""
    found = []
    skipped = contextlib.nullcontext if strict else functools.partial(contextlib.suppress,
                                                                       Exception)

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
                continue
            with skipped():
                page = reader.get_destination_page_number(item)
                if page is not None:
                    found.append((_squeeze(item.title), page + 1))

    with skipped():
        walk(reader.outline)
    return found


def heading_pages(pdf: bytes, entries: list[str]) -> list[int | None]:
    """The page of each TOC entry (`5.1 Enheternas …`), in order: from the PDF's bookmarks,
    and by searching the pages' text for the entries the bookmarks do not have."""
    wanted = [_squeeze(e) for e in entries]
    bookmarks = outline_pages(pdf)
    found, start = [], 0
    for entry in wanted:
        index = next((i for i in range(start, len(bookmarks)) if bookmarks[i][0] == entry), None)
        found.append(None if index is None else bookmarks[index][1])
        start = index + 1 if index is not None else start
    if None in found:
        searched = text_heading_pages(pdf, wanted)
        found = [page if page is not None else other
                 for page, other in zip(found, searched, strict=False)]
    return found


def text_heading_pages(pdf: bytes, wanted: list[str]) -> list[int | None]:
    """The fallback: search the pages' text (slow: every page is extracted).

    The TOC itself lists every heading first, so the search starts after the TOC: after the
    first page that shows the last entry.
    """
    if not wanted:
        return []
    pages = page_texts(pdf)
    toc_end = next((i for i, text in enumerate(pages) if wanted[-1] in text), -1)
    found, start = [], toc_end + 1
    for entry in wanted:
        page = next((i for i in range(start, len(pages)) if entry in pages[i]), None)
        found.append(None if page is None else page + 1)
        start = page if page is not None else start
    return found
