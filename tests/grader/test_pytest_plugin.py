"""The pytest autograder, run through pytester as a teacher would run it."""
import csv
import io
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from grader.batch import grade_file

pytest_plugins = ["pytester"]

TYPICAL = Path(__file__).parent / "data" / "typical.journey.json"
WEAK = {"format": "klantreis/1", "persona": {"name": "Bo"}, "phases": [
    {"name": "Tijdens", "touchpoints": [{"name": "Les", "channel": "-", "description": "wij geven les"}]},
    {"name": "Daarna", "touchpoints": []},
]}


@pytest.fixture
def journeys(pytester):
    folder = pytester.mkdir("inleveringen")
    shutil.copy(TYPICAL, folder / "luca.journey.json")
    import json
    (folder / "bo.journey.json").write_text(json.dumps(WEAK), "utf-8")
    (folder / "kapot.journey.yaml").write_text("phases: [", "utf-8")
    (folder / "notities.txt").write_text("geen klantreis", "utf-8")
    return folder


def test_one_item_per_criterion_and_one_for_an_invalid_file(pytester, journeys):
    luca = grade_file(journeys / "luca.journey.json")
    bo = grade_file(journeys / "bo.journey.json")
    assert all(c.level >= 2 for c in luca.criteria) and all(c.level < 2 for c in bo.criteria)
    result = pytester.runpytest("--journeys", str(journeys), "-p", "no:cacheprovider")
    # Every criterion of luca passes, every one of bo fails, and kapot is one failing item.
    result.assert_outcomes(passed=len(luca.criteria), failed=len(bo.criteria) + 1)
    result.stdout.fnmatch_lines(["*kapot.journey.yaml::geldig*", "*Dit is geen geldige YAML*"])


def test_a_failing_criterion_shows_the_dutch_feedback_not_a_traceback(pytester, journeys):
    result = pytester.runpytest("--journeys", str(journeys), "-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(["*Contactmomenten: niveau 1 van 3 (onvoldoende)*", "Tip: *"])
    assert "Traceback" not in result.stdout.str()


def test_grades_csv_is_the_class_grade_sheet(pytester, journeys):
    target = pytester.path / "cijfers.csv"
    pytester.runpytest("--journeys", str(journeys), "--grades-csv", str(target), "-p", "no:cacheprovider")
    rows = list(csv.DictReader(io.StringIO(target.read_text("utf-8-sig")), delimiter=";"))
    by_file = {row["bestand"]: row for row in rows}
    assert set(by_file) == {"bo.journey.json", "kapot.journey.yaml", "luca.journey.json"}
    assert by_file["luca.journey.json"]["cijfer"] == "10,0"
    assert float(by_file["bo.journey.json"]["cijfer"].replace(",", ".")) < 5.5
    assert by_file["kapot.journey.yaml"]["fout"].startswith("Dit is geen geldige YAML")


def test_junit_xml_carries_the_points(pytester, journeys):
    target = pytester.path / "junit.xml"
    pytester.runpytest("--journeys", str(journeys), f"--junitxml={target}", "-p", "no:cacheprovider")
    cases = ET.parse(target).getroot().iter("testcase")
    props = {}
    for case in cases:
        values = {p.get("name"): p.get("value") for p in case.iter("property")}
        props[(case.get("classname"), case.get("name"))] = values
    luca_phases = next(v for (cls, name), v in props.items() if "luca" in cls and name == "phases")
    assert luca_phases["points"] == "3.0" and luca_phases["max_points"] == "3.0" and luca_phases["level"] == "3"


def test_without_the_option_the_plugin_collects_nothing_extra(pytester, journeys):
    pytester.makepyfile(test_x="def test_ok():\n    assert 1 + 1 == 2\n")
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_an_assignment_can_be_forced_for_all_files(pytester, journeys):
    target = pytester.path / "cijfers.csv"
    pytester.runpytest("--journeys", str(journeys), "--journeys-assignment", "open-dag",
                       "--grades-csv", str(target), "-p", "no:cacheprovider")
    rows = list(csv.DictReader(io.StringIO(target.read_text("utf-8-sig")), delimiter=";"))
    assert {row["opdracht"] for row in rows if not row["fout"]} == {"open-dag"}


STRICT_AFTER_SALES = """
[rubric.criteria.after_sales]
weight = 3
good_touchpoints = 5
"""


def _assignment_file(folder, name="eerste-werkdag", extra=STRICT_AFTER_SALES):
    from assignments import DIRECTORY

    text = (DIRECTORY / "eerste-lesdag.toml").read_text("utf-8")
    text = text.replace('id = "eerste-lesdag"', f'id = "{name}"').split("[rubric")[0] + extra
    path = folder / f"{name}.toml"
    path.write_text(text, "utf-8")
    return path


def test_an_assignment_file_gives_the_same_grades_as_the_command_line(pytester, journeys):
    from grader.cli import main

    toml = _assignment_file(pytester.path)
    target = pytester.path / "cijfers.csv"
    pytester.runpytest("--journeys", str(journeys), "--journeys-assignment", str(toml),
                       "--grades-csv", str(target), "-p", "no:cacheprovider")
    plugin_rows = list(csv.DictReader(io.StringIO(target.read_text("utf-8-sig")), delimiter=";"))
    cli_target = pytester.path / "cli.csv"
    main([str(journeys), "--assignment", str(toml), "--format", "csv", "--output", str(cli_target)])
    cli_rows = list(csv.DictReader(io.StringIO(cli_target.read_text("utf-8-sig")), delimiter=";"))
    graded = [row for row in plugin_rows if not row["fout"]]
    assert graded and {row["opdracht"] for row in graded} == {"eerste-werkdag"}
    key = lambda row: row["bestand"].rsplit("/", 1)[-1]  # noqa: E731
    assert sorted((key(r), r["cijfer"]) for r in graded) == sorted(
        (key(r), r["cijfer"]) for r in cli_rows if not r["fout"])


def test_a_broken_assignment_file_is_a_dutch_usage_error(pytester, journeys):
    toml = _assignment_file(pytester.path, extra="[rubric.criteria.phases]\nsufficient_phases = 5\ngood_phases = 3\n")
    result = pytester.runpytest("--journeys", str(journeys), "--journeys-assignment", str(toml),
                                "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["*opdrachtbestand klopt niet*good_phases*mag niet kleiner zijn dan*Fasen voor voldoende*"])
    assert "Traceback" not in result.stderr.str()
