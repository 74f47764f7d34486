"""`assemble init`: a blank report folder that follows the contract."""

import subprocess

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from assembler.cli.commands import main
from assembler.app.report import run_validate


def init(folder, *extra):
    result = CliRunner().invoke(main, ["init", str(folder), "--år", "2022", *extra])
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "ny"
    result = init(target, "--rapporttyp", "Delårsrapport 1", "--verksamhet", "Bibliotek",
                  "--verksamhet", "Fritid & idrott")
    assert result.exit_code == 0, result.output
    return target


def validations(ws):
    return {str(v.sqref): v.formula1 for v in ws.data_validations.dataValidation}


def test_files_headers_and_styling(folder):
    assert sorted(p.name for p in folder.iterdir()) == ["Bibliotek.xlsx", "Fritid & idrott.xlsx",
                                                        "Nämnden.xlsx"]
    namnd = load_workbook(folder / "Nämnden.xlsx")
    assert namnd.sheetnames[0] == "Instruktioner"
    for title in ["Rapport", "Beslut", "Beslutsunderlag", "Text", "Målområden", "Iakttagelser",
                  "Indikatorer", "Åtaganden", "Fem år", "Kontogrupper", "Verksamhetsområden",
                  "Investeringar"]:
        ws = namnd[title]
        assert ws.freeze_panes == "A2" and ws["A1"].font.b, title
    assert [c.value for c in namnd["Kontogrupper"][1]] == [
        "Kontogrupp", "Bokslut 2021", "Budget 2021", "Utfall period 2021", "Budget helår",
        "Utfall period", "Prognos helår"]
    rapport = {r[0].value: r[1].value for r in namnd["Rapport"].iter_rows(min_row=2)}
    assert rapport["Rapporttyp"] == "Delårsrapport 1" and rapport["År"] == 2022
    bibliotek = load_workbook(folder / "Bibliotek.xlsx")
    ekonomi = bibliotek["Ekonomi"]
    assert ekonomi["C2"].number_format == "#,##0;-#,##0"
    assert ekonomi.column_dimensions["A"].width == 34
    info = {r[0].value: r[1].value for r in bibliotek["Verksamhet"].iter_rows(min_row=2)}
    assert info["Verksamhet"] == "Bibliotek" and info["Ordning"] == 1


def test_dropdowns_for_every_closed_vocabulary(folder):
    namnd = load_workbook(folder / "Nämnden.xlsx")
    assert validations(namnd["Rapport"])["B5"] == '"Delårsrapport 1,Delårsrapport 2,Årsberättelse"'
    assert validations(namnd["Iakttagelser"])["B2:B201"] == '"Positiv,Förbättringsområde"'
    assert validations(namnd["Åtaganden"])["C2:C201"] == (
        '"Ej påbörjat,Pågår,Klart,Försenat,Stoppat"')
    assert "Öka,Minska,Bibehålla" in validations(namnd["Indikatorer"])["H2:H201"]
    verksamhet = load_workbook(folder / "Bibliotek.xlsx")["Verksamhet"]
    assert validations(verksamhet)["B4"] == '"Ja,Nej"'


def test_init_refuses_to_overwrite(folder):
    before = (folder / "Nämnden.xlsx").read_bytes()
    result = init(folder)
    assert result.exit_code == 2 and "Finns redan" in result.output
    assert (folder / "Nämnden.xlsx").read_bytes() == before


def fill(path, sheet, rows):
    workbook = load_workbook(path)
    ws = workbook[sheet]
    for row in rows:
        ws.append(row)
    workbook.save(path)


def set_field(path, sheet, field, value):
    workbook = load_workbook(path)
    for row in workbook[sheet].iter_rows(min_row=2):
        if row[0].value == field:
            row[1].value = value
    workbook.save(path)


def test_filled_with_one_row_per_sheet_it_validates_without_error(folder):
    namnd = folder / "Nämnden.xlsx"
    for field, value in [("Kommun", "Testby kommun"), ("Nämnd", "Kulturnämnden"),
                         ("Period till och med", "april")]:
        set_field(namnd, "Rapport", field, value)
    fill(namnd, "Beslut", [[1, "Kulturnämnden fastställer delårsrapporten.", None]])
    fill(namnd, "Beslutsunderlag", [["Delårsrapport 1 2022", "KN 2022/1"]])
    fill(namnd, "Målområden", [[1, "Ett gott liv", "Arbetet går enligt plan."]])
    fill(namnd, "Iakttagelser", [[1, "Positiv", "Fler besökare."]])
    fill(namnd, "Indikatorer", [[1, None, "Antal besök", "antal", 100, 110, 120, "Öka", None]])
    fill(namnd, "Åtaganden", [[1, "Ny webbplats", "Pågår", None]])
    fill(namnd, "Fem år", [[None, "Antal besök", 0, 90, 95, 100, 110, 120, None, None]])
    fill(namnd, "Kontogrupper", [["Kostnader", -2900, -3000, -1000, -3000, -980, -2990]])
    fill(namnd, "Verksamhetsområden", [["Kultur", -2900, -980, -1000, -3000, -2990]])
    fill(namnd, "Investeringar", [["Inventarier", -200, -50, -200]])
    fill(folder / "Bibliotek.xlsx", "Ekonomi",
         [["Stadsbiblioteket", -1900, -650, -667, -2000, -1990, None, None, None]])
    fill(folder / "Fritid & idrott.xlsx", "Ekonomi",
         [["Idrott", -1000, -330, -333, -1000, -1000, None, None, None]])
    findings = run_validate(folder).findings
    assert [f for f in findings if f.severity.value == "fel"] == [], [
        (f.code, f.location, f.message) for f in findings]


@pytest.mark.render
def test_init_output_opens_in_libreoffice(folder, tmp_path, soffice):
    done = subprocess.run([*soffice, "--convert-to", "csv", "--outdir", str(tmp_path),
                           str(folder / "Bibliotek.xlsx")], capture_output=True, timeout=180)
    csv = tmp_path / "Bibliotek.csv"
    assert done.returncode == 0 and csv.exists(), done.stderr
    assert "Verksamhet" in csv.read_text(encoding="utf-8", errors="replace")


def test_init_exempel_writes_the_example_folder_that_reports(tmp_path):
    from helpers import EXAMPLE, render_fast

    target = tmp_path / "exempel"
    result = init_example_cli(target)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in target.iterdir()) == sorted(p.name for p in EXAMPLE.iterdir())
    for copy in target.iterdir():
        assert copy.read_bytes() == (EXAMPLE / copy.name).read_bytes()
    assert render_fast(target, tmp_path / "ut").ok
    again = init_example_cli(target)
    assert again.exit_code == 2 and "Finns redan" in again.output


def test_init_without_year_asks_for_it(tmp_path):
    result = CliRunner().invoke(main, ["init", str(tmp_path / "ny")])
    assert result.exit_code == 2
    assert "--år" in result.output
    assert not (tmp_path / "ny").exists()


def init_example_cli(folder):
    return CliRunner().invoke(main, ["init", str(folder), "--exempel"])


def test_budget_model_bodies_outside_and_lists_are_offered(folder):
    namnd = load_workbook(folder / "Nämnden.xlsx")
    rapport = {r[0].value: r[0].row for r in namnd["Rapport"].iter_rows(min_row=2)}
    row = rapport["Budgetmodell"]
    assert validations(namnd["Rapport"])[f"B{row}"] == '"Nettoram,Kommunbidrag"'
    assert namnd["Rapport"][f"B{row}"].value == "Nettoram"
    assert [c.value for c in namnd["Statusar"][1]] == ["Lista", "Status", "Rubrik", "I text",
                                                      "I text ental"]
    bibliotek = load_workbook(folder / "Bibliotek.xlsx")
    fields = {r[0].value: r[0].row for r in bibliotek["Verksamhet"].iter_rows(min_row=2)}
    row = fields["Utanför nämndens resultat"]
    assert validations(bibliotek["Verksamhet"])[f"B{row}"] == '"Ja,Nej"'
    ekonomi = bibliotek["Ekonomi"]
    assert ekonomi["J1"].value == "Radtyp"
    assert validations(ekonomi)["J2:J201"] == '"Kommunbidrag"'
