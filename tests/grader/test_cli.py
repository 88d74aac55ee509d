"""`python -m grader`: formats, exit codes, and going on after a bad file."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader.cli import main

TYPICAL = Path(__file__).parent / "data" / "typical.journey.json"


@pytest.fixture
def folder(tmp_path):
    shutil.copy(TYPICAL, tmp_path / "luca.journey.json")
    (tmp_path / "kapot.journey.json").write_text('{"phases": [{"touchpoints": [{"emotion": 12}]}]}', "utf-8")
    return tmp_path


def test_text_output_is_dutch_and_exit_is_zero(capsys):
    assert main([str(TYPICAL)]) == 0
    out = capsys.readouterr().out
    assert "Cijfer: 10,0 (zeer goed)" in out
    assert "Fasen: niveau 3 van 3 (goed)" in out
    # Every criterion is at its top level: its suggestion is labelled "Nog sterker", not "Tip: Nog sterker".
    assert "  Nog sterker: " in out and "Tip: Nog sterker" not in out


def test_json_for_one_file_is_one_object(capsys):
    main([str(TYPICAL), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert data["file"] == str(TYPICAL) and data["assignment"] == "lesuitval"
    assert data["grade"] == 10.0 and data["points"] == data["max_points"]
    assert {c["id"] for c in data["criteria"]} >= {
        "phases", "touchpoints", "awareness", "after_sales", "moments_of_truth", "persona"}
    assert set(data["criteria"][0]) >= {
        "id", "title", "level", "max_level", "points", "max_points", "feedback", "tip", "lesson"}


def test_an_invalid_file_is_reported_and_the_rest_still_graded(folder, capsys):
    assert main([str(folder), "--format", "json"]) == 2
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, list) and len(data) == 2
    bad, good = data
    assert bad == {"file": str(folder / "kapot.journey.json"),
                   "error": "fasen[0].contactmomenten[0].emotie: moet een geheel getal van 1 tot 10 zijn"}
    assert good["grade"] == 10.0


def test_gradescope_results_have_score_and_tests(capsys):
    main([str(TYPICAL), "--format", "gradescope"])
    data = json.loads(capsys.readouterr().out)
    assert data["score"] == data["max_score"] == sum(t["max_score"] for t in data["tests"])
    assert all({"name", "score", "max_score", "output"} <= set(t) for t in data["tests"])


def test_csv_to_a_file_has_a_bom_and_semicolons(folder):
    target = folder / "cijfers.csv"
    assert main([str(folder), "--format", "csv", "--output", str(target)]) == 2
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = raw.decode("utf-8-sig").splitlines()[0].split(";")
    assert header[:3] == ["bestand", "opdracht", "cijfer"] and header[-1] == "fout"


def test_another_assignment_changes_the_rubric(capsys):
    main([str(TYPICAL), "--assignment", "eerste-lesdag", "--format", "json"])
    assert json.loads(capsys.readouterr().out)["assignment"] == "eerste-lesdag"


def test_an_unknown_assignment_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main([str(TYPICAL), "--assignment", "bestaat-niet"])
    assert info.value.code == 2
    assert "onbekende opdracht 'bestaat-niet'" in capsys.readouterr().err


def test_an_empty_folder_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main([str(tmp_path)])
    assert "geen klantreisbestanden" in capsys.readouterr().err


def test_python_dash_m_grader_runs_as_a_program():
    done = subprocess.run([sys.executable, "-m", "grader", str(TYPICAL), "-f", "json"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0 and json.loads(done.stdout)["grade"] == 10.0


def test_the_console_script_is_installed():
    script = shutil.which("klantreis-grader", path=str(Path(sys.executable).parent))
    assert script is not None
    done = subprocess.run([script, str(TYPICAL)], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "Cijfer" in done.stdout


def test_a_large_batch_spread_over_processes_gives_the_same_reports_in_order(folder, monkeypatch):
    from grader import batch

    for i in range(8):
        shutil.copy(TYPICAL, folder / f"kopie{i}.journey.json")
    serial = [o.to_dict() for o in batch.grade_files([folder], workers=1)]
    monkeypatch.setattr(batch, "PARALLEL_FROM", 4)
    parallel = [o.to_dict() for o in batch.grade_files([folder], workers=2)]
    assert parallel == serial and len(serial) == 10


def _assignment_file(folder, extra):
    from assignments import DIRECTORY

    text = (DIRECTORY / "lesuitval.toml").read_text("utf-8")
    path = folder / "mijn-opdracht.toml"
    path.write_text(text.replace('id = "lesuitval"', 'id = "mijn-opdracht"').split("[rubric")[0] + extra, "utf-8")
    return path


def test_an_assignment_file_is_read_by_its_path(tmp_path, capsys):
    toml = _assignment_file(tmp_path, "[rubric.criteria.phases]\ngood_phases = 9\n")
    assert main([str(TYPICAL), "--assignment", str(toml), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["assignment"] == "mijn-opdracht"
    assert [c["id"] for c in data["criteria"]] == ["phases"]
    assert data["criteria"][0]["level"] == 2  # six phases, not the nine this file asks for good


@pytest.mark.parametrize(("extra", "message"), [
    ("[rubric.criteria.phases]\nsufficient_phases = 5\ngood_phases = 3\n",
     "rubric.criteria.phases.good_phases: Dit getal mag niet kleiner zijn dan ‘Fasen voor voldoende’ (5)."),
    ("[rubric.criteria.moments_of_truth]\nmax_share = 1.5\n",
     "rubric.criteria.moments_of_truth.max_share: Vul een deel"),
    ("[rubric.criteria.phases\n", "dit is geen geldige TOML"),
])
def test_a_broken_assignment_file_is_a_dutch_error_and_exit_2(tmp_path, capsys, extra, message):
    toml = _assignment_file(tmp_path, extra)
    with pytest.raises(SystemExit) as stop:
        main([str(TYPICAL), "--assignment", str(toml)])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "het opdrachtbestand klopt niet: mijn-opdracht.toml" in err
    assert "Traceback" not in err


def test_a_missing_assignment_file_is_a_dutch_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main([str(TYPICAL), "--assignment", str(tmp_path / "weg.toml")])
    assert stop.value.code == 2 and "ik kan het bestand niet lezen" in capsys.readouterr().err


def _doubted(tmp_path):
    """A journey with a close call ('Vergelijken en betalen': purchase, or comparing) and a phase with
    nothing to read."""
    def phase(name, description):
        return {"name": name, "touchpoints": [{"channel": "website", "description": description}]}
    journey = {"format": "klantreis/1", "phases": [
        phase("Zin in zon", "Sanne ziet foto's van vrienden op het strand."),
        phase("Vergelijken en betalen", "Sanne klikt op een knop."),
        {"name": "Tussenstuk", "touchpoints": [{"channel": "e-mail"}]},
        phase("Op de camping", "Sanne ligt de hele dag aan het strand."),
        phase("Nazorg", "De camping vraagt om een review.")]}
    path = tmp_path / "sanne.journey.json"
    path.write_text(json.dumps(journey), "utf-8")
    return path


def test_text_says_which_phase_is_what_with_the_doubts_as_the_site_does(tmp_path, capsys):
    main([str(_doubted(tmp_path))])
    out = capsys.readouterr().out
    assert "Welke fase is wat?\n  1. Zin in zon: bewustwordingsfase\n" in out
    assert "  2. Vergelijken en betalen: overwegingsfase (of aankoopfase?)\n     In ‘Vergelijken en betalen’" in out
    assert "Maar ik weet het niet zeker" in out
    assert "  3. Tussenstuk: niet herkend\n     Bij ‘Tussenstuk’ herken ik geen fase." in out


def test_gradescope_output_and_the_grade_sheet_show_the_doubts(tmp_path, capsys):
    path = _doubted(tmp_path)
    main([str(path), "--format", "gradescope"])
    output = json.loads(capsys.readouterr().out)["output"]
    assert "2. Vergelijken en betalen: overwegingsfase (of aankoopfase?)" in output
    main([str(path), str(TYPICAL), "--format", "csv"])
    rows = [line.split(";") for line in capsys.readouterr().out.splitlines()]
    column = rows[0].index("fasen_met_twijfel")
    assert [row[column] for row in rows[1:]] == ["1", "0"]
