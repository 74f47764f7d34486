"""`assemble validate`: the same findings as text, as JSON, and as marked-up workbook copies."""

import json

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from assembler.cli.commands import main
from helpers import EXAMPLE, FIXTURE, minimal_folder, verksamhet_sheets, write_workbook

BAD = [["Enhet 1", -1000, -600, "abc", -1000, -950, None],  # error in D2
       ["Enhet 2", -500, -340, -450, -500, -520, None]]  # uneven period budget in D3: warning


def invoke(*args):
    result = CliRunner().invoke(main, ["validate", *map(str, args)])
    assert "Traceback" not in result.output
    return result


def test_clean_folder_exits_0(tmp_path):
    result = invoke(minimal_folder(tmp_path / "in"))
    assert result.exit_code == 0
    assert "Inga fel eller varningar" in result.output


def test_example_validates_clean():
    result = invoke(EXAMPLE)
    assert result.exit_code == 0 and "Inga fel eller varningar" in result.output


def test_fixture_warns_about_its_missing_arendet_and_its_rounding():
    if not FIXTURE.is_dir():
        pytest.skip("referensfallet saknas")
    result = invoke(FIXTURE)
    assert result.exit_code == 1 and "0 fel, 15 varningar" in result.output
    assert result.output.count("R08-AVRUNDNING") == 6
    # the published Summa rows typed 1–2 tkr off the rows' sum (−97 126 for −97 124)
    assert result.output.count("R06-KONTROLLSUMMA-AVRUNDNING") == 8
    assert "Inskriven summa -97\u00a0126 tkr men raderna ger -97\u00a0124 tkr" in result.output
    assert "R21-ARENDE-SAKNAS" in result.output


def test_warnings_only_exit_1_and_errors_exit_2(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    write_workbook(folder / "Alfa.xlsx", verksamhet_sheets("Verksamhet Alfa", [BAD[1]]))
    result = invoke(folder)
    assert result.exit_code == 1 and "0 fel, 1 varning" in result.output
    write_workbook(folder / "Alfa.xlsx", verksamhet_sheets("Verksamhet Alfa", BAD))
    result = invoke(folder)
    assert result.exit_code == 2 and "1 fel, 1 varning" in result.output


def test_json_lists_the_same_findings(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    write_workbook(folder / "Alfa.xlsx", verksamhet_sheets("Verksamhet Alfa", BAD))
    result = invoke(folder, "--format", "json")
    assert result.exit_code == 2
    items = json.loads(result.output)
    assert [(i["code"], i["severity"], i["file"], i["sheet"], i["cell"]) for i in items] == [
        ("R02-EJ-TAL", "fel", "Alfa.xlsx", "Ekonomi", "D2"),
        ("R12-PERIODISERING", "varning", "Alfa.xlsx", "Ekonomi", "D3")]
    assert items[0]["found"] == "”abc”" and "inget tal" in items[0]["message"]
    assert set(items[0]) == {"code", "severity", "file", "sheet", "cell", "entity", "location",
                             "message", "found", "expected", "kvitterad"}
    assert items[1]["entity"] == "Enhet 2"
    assert items[1]["location"] == "Alfa.xlsx › Ekonomi › D3 (Enhet 2)"


def test_mark_writes_coloured_commented_copies_and_leaves_inputs_alone(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    write_workbook(folder / "Alfa.xlsx", verksamhet_sheets("Verksamhet Alfa", BAD))
    original = (folder / "Alfa.xlsx").read_bytes()
    result = invoke(folder, "--mark")
    assert result.exit_code == 2
    assert (folder / "Alfa.xlsx").read_bytes() == original
    marked = load_workbook(folder / "Alfa (granskad).xlsx")["Ekonomi"]
    assert marked["D2"].fill.start_color.rgb.endswith("FFC7CE")  # red: fel
    assert marked["D3"].fill.start_color.rgb.endswith("FFEB9C")  # yellow: varning
    assert "inget tal" in marked["D2"].comment.text
    assert "Ekonomi › D3 (Enhet 2)" in marked["D3"].comment.text
    assert marked["C2"].comment is None
    assert not (folder / "nämnd (granskad).xlsx").exists()
    # the marked copy is not read as an input the next time
    assert invoke(folder).exit_code == 2


def test_a_row_finding_names_the_row_in_text(tmp_path):
    folder = minimal_folder(tmp_path / "in")
    write_workbook(folder / "Alfa.xlsx", verksamhet_sheets("Verksamhet Alfa", [
        ["KAF Förvaltningsgemensamt", -1000, -600, 650, 1000, -950, None]]))
    result = CliRunner(env={"COLUMNS": "160"}).invoke(main, ["validate", str(folder)])
    assert "Ekonomi › E2 (KAF Förvaltningsgemensamt)" in result.output, result.output
    assert "R10-TECKEN" in result.output
