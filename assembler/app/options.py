"""What a run is asked to do, as the command line gave it: built once by `assemble report` or
`assemble kommun`, read by the app. Frozen, so no step changes what a later one sees, and
plain, so a batch hands it to its worker processes as it is."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RunOptions:
    out_dir: Path = Path("ut")  # -o: where the documents are written
    templates: Path | None = None  # --mallar: the kansli's own templates, file by file
    date: dt.date | None = None  # --datum: the memo's and the documents' date (else Beslutsdatum)
    pdf: bool = False  # --pdf: PDFs too (LibreOffice)
    fast: bool = False  # --fast: no LibreOffice (no TOC page numbers)
    quiet: bool = False  # -q: no progress on stderr

    def writing_to(self, out_dir: Path) -> RunOptions:
        """The same run writing into `out_dir` (one folder of a batch, into its subfolder)."""
        return dataclasses.replace(self, out_dir=out_dir)
