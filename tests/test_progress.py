"""Progress on stderr: each slow step shows itself with the time, quiet off a terminal."""

import io

from click.testing import CliRunner

from assembler.cli.commands import main
from assembler.app.progress import Progress
from helpers import minimal_folder, render_fast


def test_each_step_and_the_total_are_shown(tmp_path):
    stream = io.StringIO()
    progress = Progress(enabled=True, stream=stream)
    result = render_fast(minimal_folder(tmp_path / "in"), tmp_path / "ut", progress=progress)
    progress.finish()
    assert result.written
    lines = stream.getvalue().splitlines()
    assert [line.split(" s  ")[1].split(" i ")[0] for line in lines[:3]] == [
        "Läser arbetsböckerna", "Kontrollerar 2 verksamheter och nämnden …",
        "Skriver rapporten och tjänsteskrivelsen …"]
    assert lines[-1].startswith("Klart på ") and lines[-1].endswith(" s.")


def test_silent_when_disabled_and_off_a_terminal(tmp_path):
    stream = io.StringIO()
    render_fast(minimal_folder(tmp_path / "in"), tmp_path / "ut",
                progress=Progress(enabled=False, stream=stream))
    assert stream.getvalue() == ""
    assert Progress.for_terminal(quiet=True).enabled is False
    result = CliRunner().invoke(main, ["report", "--fast", str(tmp_path / "in"), "-o",
                                       str(tmp_path / "ut2")])
    assert result.exit_code == 0, result.output
    assert "Läser arbetsböckerna" not in result.output and "Klart på" not in result.output
