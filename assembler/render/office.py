"""The optional LibreOffice steps: PDF export, and the TOC's page numbers read from that PDF.

LibreOffice is the only program the tool ever starts. Each conversion gets its own LibreOffice
profile folder, so runs side by side do not trip over each other.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

WINDOWS_PATHS = [Path(os.environ.get(var, "")) / "LibreOffice" / "program" / "soffice.exe"
                 for var in ("PROGRAMFILES", "PROGRAMFILES(X86)")]
TIMEOUT_SECONDS = 180


class OfficeError(Exception):
    """LibreOffice is missing or failed; the message says what the user can do."""


def find_soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((str(p) for p in WINDOWS_PATHS if p.name and p.is_file()), None)


class Office:
    """One LibreOffice profile for a whole run: started warm, it converts faster, and several
    documents go through one start."""

    def __init__(self):
        soffice = find_soffice()
        if soffice is None:
            raise OfficeError("LibreOffice hittades inte. Installera LibreOffice för att få PDF "
                              "och sidnummer i innehållsförteckningen, eller kör med --fast.")
        self.soffice: str = soffice
        self._work = tempfile.TemporaryDirectory(prefix="assembler-lo-")
        self.folder = Path(self._work.name)
        self.profile = (self.folder / "profil").as_uri()

    def __enter__(self) -> Office:
        return self

    def __exit__(self, *exc) -> None:
        self._work.cleanup()

    def to_pdfs(self, documents: dict[str, bytes]) -> dict[str, bytes]:
        """{stem: docx bytes} → {stem: pdf bytes}, in one start of LibreOffice."""
        batch = self.folder / f"batch-{len(list(self.folder.glob('batch-*')))}"
        batch.mkdir()
        sources = []
        for index, data in enumerate(documents.values()):
            source = batch / f"dokument-{index}.docx"  # plain names: LibreOffice's argv on Windows
            source.write_bytes(data)
            sources.append(source)
        command = [self.soffice, f"-env:UserInstallation={self.profile}", "--headless",
                   "--norestore", "--convert-to", "pdf", "--outdir", str(batch),
                   *map(str, sources)]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise OfficeError(f"LibreOffice kunde inte göra PDF ({type(exc).__name__}).") from exc
        pdfs = {}
        for stem, source in zip(documents, sources):
            pdf = source.with_suffix(".pdf")
            if not pdf.is_file():
                raise OfficeError("LibreOffice kunde inte göra PDF av dokumentet.")
            pdfs[stem] = pdf.read_bytes()
        return pdfs



def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def page_texts(pdf: bytes) -> list[str]:
    import io

    from pypdf import PdfReader

    return [_squeeze(page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages]


def page_count(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def heading_pages(pdf: bytes, entries: list[str]) -> list[int | None]:
    """The printed page of each TOC entry (`5.1 Enheternas …`), in order.

    The TOC itself lists every heading first, so the search starts after the TOC: after the
    first page that shows the last entry.
    """
    pages = page_texts(pdf)
    wanted = [_squeeze(e) for e in entries]
    if not wanted:
        return []
    toc_end = next((i for i, text in enumerate(pages) if wanted[-1] in text), -1)
    found, start = [], toc_end + 1
    for entry in wanted:
        page = next((i for i in range(start, len(pages)) if entry in pages[i]), None)
        found.append(None if page is None else page + 1)
        start = page if page is not None else start
    return found
