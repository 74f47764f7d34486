"""Commands import only what they use: `validate` renders nothing, so the template engine,
python-docx and the multiprocessing of a batch stay unloaded; a folder without findings
formats nothing and prints no table, so babel and rich stay unloaded too; findings written to
a pipe are plain lines, without rich; pydantic is never loaded (the model is checked
dataclasses). Each run is a fresh interpreter (a test process has imported everything
already). No timing: what is imported is what is asserted."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from helpers import EXAMPLE, REPO

RUN_AND_LIST = """
import sys
sys.argv = ["assemble", *sys.argv[1:]]
from assembler.cli import main
try:
    main()
except SystemExit as exit:
    code = exit.code
print("MODULES", __import__("json").dumps([code, sorted(sys.modules)]))
"""
RENDERING = {"docxtpl", "jinja2", "docx", "concurrent.futures.process", "multiprocessing",
             "assembler.render.document", "assembler.compute.kommun"}


def loaded_by(*args: str) -> tuple[int, set[str]]:
    done = subprocess.run([sys.executable, "-c", RUN_AND_LIST, *args], cwd=REPO,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    code, modules = json.loads(done.stdout.rsplit("MODULES", 1)[1])
    return code, set(modules)


def top_level(modules: set[str]) -> set[str]:
    return modules | {name.split(".")[0] for name in modules}


def test_validate_imports_no_renderer_babel_or_rich():
    code, modules = loaded_by("validate", str(EXAMPLE))
    assert code == 0  # the example has no findings: nothing to format or tabulate
    assert "assembler.app.report" in modules  # it did validate
    loaded = top_level(modules)
    assert not loaded & RENDERING
    assert not loaded & {"babel", "rich"}
    assert "pydantic" not in loaded  # the model is checked dataclasses (contract/checked.py)
    # a report folder is told from a kommun folder by sheet names (read/kind.py)
    assert not modules & {"assembler.contract.kommun", "assembler.read.kommun"}


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_validate_with_findings_imports_no_renderer(output_format):
    code, modules = loaded_by("validate", str(REPO / "inputs" / "eskilstuna"),
                              "--format", output_format)
    assert code == 0  # one acknowledged finding: printed, formatted, nothing rendered
    # its figures formatted by contract/fmt.py, which writes sv_SE numbers and long dates
    # without loading babel's locale data (0,025 s)
    assert "babel" not in top_level(modules)
    assert not top_level(modules) & RENDERING
    assert "pydantic" not in top_level(modules)
    # to a pipe, the findings are plain lines: rich is for a terminal's table
    assert "rich" not in top_level(modules)



def test_a_fast_report_to_a_pipe_loads_no_office_steps_and_no_rich(tmp_path):
    """`report --fast` starts no LibreOffice, so its module (and subprocess) stays unloaded;
    what it says (the files written, a note, the findings) goes to a pipe as plain lines."""
    done = subprocess.run([sys.executable, "-c", RUN_AND_LIST, "report", str(EXAMPLE), "-o",
                           str(tmp_path), "--fast"], cwd=REPO, capture_output=True, text=True,
                          encoding="utf-8", timeout=300)
    code, modules = json.loads(done.stdout.rsplit("MODULES", 1)[1])
    assert code == 0
    assert "assembler.render.document" in modules  # it did render
    assert not set(modules) & {"assembler.render.office", "assembler.render.pdftags",
                               "subprocess"}
    assert "rich" not in top_level(set(modules))
    written = [line for line in done.stdout.splitlines() if line.startswith("Skrev ")]
    assert sorted(written) == sorted(f"Skrev {path}" for path in tmp_path.glob("*.docx"))
    assert len(written) == 2  # the report and the tjänsteskrivelse, no markup around the names
