"""Grader speed, measured with pytest-benchmark (`make bench`); figures go in docs/performance.md.

`make test` (and plain `pytest`) runs these once each on 200 files, so they keep working; `make bench` grades
BENCH_FILES=10000 files. All are marked slow.
"""
import json
import os
from pathlib import Path

import pytest

from grader import grade, parse_journey
from grader.cli import main

TYPICAL = Path(__file__).parent.parent / "grader" / "data" / "typical.journey.json"
pytestmark = pytest.mark.slow

NAMES = ["Luca", "Sanne", "Zoë", "Mohammed", "Fleur", "Daan", "Noa", "Sem", "Yara", "Finn"]


@pytest.fixture(scope="module")
def typical():
    return json.loads(TYPICAL.read_text("utf-8"))


def test_grade_one_typical_journey(benchmark, typical):
    """6 phases and 20 touchpoints, already parsed: the site's 'Controleer' button."""
    journey = parse_journey(typical)
    report = benchmark(grade, journey)
    assert len(report.criteria) == 6


def test_parse_and_grade_one_typical_journey(benchmark, typical):
    report = benchmark(lambda: grade(parse_journey(typical)))
    assert report.grade == 10.0


def _variant(typical: dict, i: int) -> dict:
    """A class's worth of different journeys: other names, other words, other numbers."""
    name = NAMES[i % len(NAMES)]
    text = json.dumps(typical, ensure_ascii=False).replace("Luca", name).replace("bus", f"bus {i % 97}")
    data = json.loads(text)
    data["phases"] = data["phases"][: 3 + i % 4]
    for phase in data["phases"]:
        for j, tp in enumerate(phase["touchpoints"]):
            tp["emotion"] = 1 + (i + j) % 10
            tp["description"] += f" Dag {i % 31}."
    return data


def test_command_line_grades_many_files(benchmark, typical, tmp_path):
    count = int(os.environ.get("BENCH_FILES", "200"))
    folder = tmp_path / "klas"
    folder.mkdir()
    for i in range(count):
        variant = json.dumps(_variant(typical, i), ensure_ascii=False)
        (folder / f"student{i:05}.journey.json").write_text(variant, "utf-8")
    out = tmp_path / "rapport.json"

    arguments = [str(folder), "--format", "json", "--output", str(out)]
    exit_code = benchmark.pedantic(main, args=(arguments,), rounds=1, iterations=1)

    assert exit_code == 0
    assert len(json.loads(out.read_text("utf-8"))) == count
