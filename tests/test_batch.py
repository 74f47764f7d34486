"""Several report folders in one run: each in its own process, one failing folder does not
stop the others, and the exit code is the worst of them."""

import shutil

from click.testing import CliRunner

from assembler.cli.commands import main
from helpers import EXAMPLE, minimal_folder, verksamhet_sheets, write_workbook


def test_three_folders_one_broken(tmp_path):
    inputs = tmp_path / "inputs"
    shutil.copytree(EXAMPLE, inputs / "kultur")
    minimal_folder(inputs / "test")
    broken = minimal_folder(inputs / "trasig")
    write_workbook(broken / "Alfa.xlsx", verksamhet_sheets("Verksamhet Alfa", [
        ["Enhet 1", -1000, -600, "abc", -1000, -950, None]]))
    out = tmp_path / "ut"
    result = CliRunner().invoke(main, ["report", "--fast", str(inputs / "*"), "-o", str(out)])
    text = " ".join(result.output.split())
    assert "Traceback" not in result.output
    assert result.exit_code == 2, result.output
    reports = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.docx")
                     if not p.name.startswith("Tjänsteskrivelse"))
    assert reports == ["kultur/Delårsrapport med prognos 2 2025 – Kultur- och fritidsnämnden.docx",
                       "test/Delårsrapport med prognos 2 2024 – Testnämnden.docx"]
    assert not (out / "trasig").exists()
    assert "Sammanfattning" in text
    assert "inte skriven" in text and "”abc” är inget tal" in text
    rows = [line.split("│")[1].strip() for line in result.output.splitlines()
            if line.startswith("│")]
    assert rows == ["kultur", "test", "trasig"]
