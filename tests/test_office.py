"""The LibreOffice step: page numbers from the PDF's bookmarks, cached profiles, tagged PDF,
and no soffice process or temporary folder left behind."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import Future
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.errors import PdfReadError

from assembler.render import office
from helpers import (EXAMPLE, REPO, background_done, in_background,
                     in_background_in_temp_folder)


def pdf_with_bookmarks(pages: int, bookmarks: list[tuple[str, int]]) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    for title, page in bookmarks:
        writer.add_outline_item(title=title, page_number=page - 1)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_heading_pages_come_from_the_bookmarks_in_order():
    pdf = pdf_with_bookmarks(6, [("1. Inledning", 3), ("Bibliotek", 4), ("Nivå tre", 4),
                                 ("5.1 Enheterna", 5), ("Bibliotek", 6)])
    entries = ["1. Inledning", "5.1 Enheterna", "Bibliotek", "Saknas"]
    # a repeated title is found after the previous entry; a missing one has no page
    assert office.heading_pages(pdf, entries) == [3, 5, 6, None]


def test_pages_are_read_from_a_pdf_whose_cross_references_are_off():
    """The strict reader (no check of every object) gives way to the lenient one, which
    rebuilds the table: the same pages as from the sound file."""
    pdf = pdf_with_bookmarks(6, [("1. Inledning", 3), ("Bibliotek", 4), ("5.1 Enheterna", 5)])
    header_end = pdf.index(b"\n") + 1
    shifted = pdf[:header_end] + b"%" + b"x" * 40 + b"\n" + pdf[header_end:]
    entries = ["1. Inledning", "Bibliotek", "5.1 Enheterna"]
    with pytest.raises(PdfReadError):
        office._reader(shifted, True).outline  # noqa: B018 (the strict reader refuses it)
    assert office.heading_pages(shifted, entries) == office.heading_pages(pdf, entries) == [3, 4, 5]
    assert office.page_count(shifted) == office.page_count(pdf) == 6


def test_cache_folder_follows_xdg_cache_home(tmp_path, monkeypatch):
    if sys.platform == "win32":
        pytest.skip("XDG gäller inte Windows")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert office.cache_folder() == tmp_path / "assembler"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setattr(office, "cache_folder", lambda: tmp_path / "cache")
    monkeypatch.setattr(office, "find_soffice", lambda: "soffice")
    return tmp_path / "cache"


def test_runs_side_by_side_get_their_own_profile_and_reuse_it_after(cache):
    first, second = office.Office(), office.Office()
    assert first.profile != second.profile
    assert all(p.startswith((cache / "libreoffice").as_uri()) for p in (first.profile,
                                                                         second.profile))
    kept = first.profile
    first.close()
    second.close()
    third = office.Office()
    assert third.profile == kept
    settings = Path(third.profile.removeprefix("file://")) / "user" / "registrymodifications.xcu"
    assert "sv-SE" in settings.read_text(encoding="utf-8")
    third.close()


def test_pdf_filter_asks_for_a_tagged_pdf_ua():
    text = office.pdf_filter()
    assert text.startswith("pdf:writer_pdf_Export:{")
    assert '"UseTaggedPDF":{"type":"boolean","value":"true"}' in text
    assert '"PDFUACompliance":{"type":"boolean","value":"true"}' in text


def soffice_processes(marker: str) -> list[str]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if "soffice" in text and marker in text:
            found.append(text)
    return found


def isolated_env(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "tmp").mkdir()
    return {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"),
            "TMPDIR": str(tmp_path / "tmp")}


def report_with_pdf(folder: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """`assemble report --pdf` of the example into folder/ut."""
    return subprocess.run([sys.executable, "-m", "assembler.cli", "report", str(EXAMPLE), "-o",
                           str(folder / "ut"), "--pdf"], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=300)


_started: tuple[Path, Future] | None = None


def start_early(config, selected) -> None:
    """The PDF run starts with the test run, beside the tests before it (see conftest.py)."""
    global _started
    if ("test_pdf_is_tagged_and_no_soffice_or_temp_folder_survives" not in selected
            or office.find_soffice() is None or not Path("/proc").is_dir()):
        return
    _started = in_background_in_temp_folder(
        config, "assembler-pdf-", lambda folder: (folder, isolated_env(folder)), report_with_pdf)


@pytest.mark.render
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="läser processlistan i /proc")
def test_pdf_is_tagged_and_no_soffice_or_temp_folder_survives(tmp_path):
    from pypdf import PdfReader

    tmp_path, future = _started or (
        tmp_path, in_background(report_with_pdf, tmp_path, isolated_env(tmp_path)))
    done = future.result()
    assert done.returncode == 0, done.stdout + done.stderr
    pdf = next(p for p in (tmp_path / "ut").glob("Del*.pdf"))
    reader = PdfReader(pdf)
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged
    assert b"pdfuaid" in reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert reader.metadata.title.startswith("Delårsrapport")
    assert soffice_processes(str(tmp_path)) == []
    assert list((tmp_path / "tmp").iterdir()) == []


@pytest.mark.render
@pytest.mark.skipif(sys.platform == "win32" or not Path("/proc").is_dir(),
                    reason="skickar SIGINT och läser /proc")
def test_ctrl_c_during_the_conversion_ends_soffice_and_removes_the_temp_folder(tmp_path):
    background_done()  # the work started early (install, PDF run) must not starve this timing
    env = isolated_env(tmp_path)
    run = subprocess.Popen([sys.executable, "-m", "assembler.cli", "report", str(EXAMPLE), "-o",
                            str(tmp_path / "ut")], env=env, cwd=REPO,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 180
    while (not soffice_processes(str(tmp_path)) and run.poll() is None
           and time.monotonic() < deadline):
        time.sleep(0.05)
    if not soffice_processes(str(tmp_path)):
        run.kill()
        _, stderr = run.communicate(timeout=60)
        pytest.fail(f"LibreOffice startade aldrig (slutkod {run.returncode}): "
                    f"{stderr.decode(errors='replace')[-2000:]}")
    run.send_signal(signal.SIGINT)
    run.wait(timeout=60)
    assert run.returncode != 0
    time.sleep(0.5)
    assert soffice_processes(str(tmp_path)) == []
    assert list((tmp_path / "tmp").iterdir()) == []
    assert not (tmp_path / "ut").exists() or list((tmp_path / "ut").iterdir()) == []
