"""What the grader adds on top of reading the files, and what a fresh process costs (`make bench`).

- The command line on 2,000 files against only reading and parsing the same files in the same
  Python: the ratio is in the benchmark's extra info (docs/performance.md). The command line
  spreads a batch over the cores, so on a machine with more cores the ratio is lower.
- A fresh process: importing the grader, then grading its first journey (word lists loaded,
  caches cold), measured in a subprocess.
"""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from grader import load_journey_file
from grader.cli import main

TYPICAL = Path(__file__).parent.parent / "grader" / "data" / "typical.journey.json"
FIRST_JOURNEY = """
import time
t0 = time.perf_counter()
from grader import grade, load_journey_file
t1 = time.perf_counter()
report = grade(load_journey_file({path!r}))
t2 = time.perf_counter()
print(f"{{(t1 - t0) * 1000:.2f}} {{(t2 - t1) * 1000:.2f}} {{report.grade}}")
"""


def _files(folder: Path, count: int) -> list[Path]:
    typical = json.loads(TYPICAL.read_text("utf-8"))
    paths = []
    for i in range(count):
        data = json.loads(json.dumps(typical).replace("Luca", f"Luca{i}"))
        data["phases"] = data["phases"][: 3 + i % 4]
        for phase in data["phases"]:
            for tp in phase["touchpoints"]:
                tp["description"] += f" Dag {i % 31}, bus {i % 97}."
        path = folder / f"student{i:05}.journey.json"
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        paths.append(path)
    return paths


def test_command_line_against_reading_and_parsing(benchmark, tmp_path):
    count = int(os.environ.get("RATIO_FILES", "2000"))  # the figure; not BENCH_FILES
    folder = tmp_path / "klas"
    folder.mkdir()
    paths = _files(folder, count)
    started = time.perf_counter()
    journeys = [load_journey_file(path) for path in paths]
    parse_seconds = time.perf_counter() - started
    out = tmp_path / "rapport.json"

    exit_code = benchmark.pedantic(main, args=([str(folder), "--format", "json", "--output", str(out)],),
                                   rounds=1, iterations=1)

    assert exit_code == 0 and len(journeys) == count
    assert len(json.loads(out.read_text("utf-8"))) == count
    if benchmark.stats:  # not under --benchmark-disable
        cli_seconds = benchmark.stats.stats.median
        benchmark.extra_info.update(files=count, parse_seconds=round(parse_seconds, 3),
                                    cli_seconds=round(cli_seconds, 3), ratio=round(cli_seconds / parse_seconds, 1))


def test_first_journey_in_a_fresh_process(benchmark):
    runs: list[list[float]] = []

    def run() -> list[float]:
        done = subprocess.run([sys.executable, "-c", FIRST_JOURNEY.format(path=str(TYPICAL))],
                              capture_output=True, text=True, check=True)
        runs.append([float(x) for x in done.stdout.split()])
        return runs[-1]

    benchmark.pedantic(run, rounds=5, iterations=1)
    assert all(grade_ == 10.0 and import_ms > 0 and first_ms > 0 for import_ms, first_ms, grade_ in runs)
    benchmark.extra_info.update(import_ms=sorted(r[0] for r in runs)[len(runs) // 2],
                                first_journey_ms=sorted(r[1] for r in runs)[len(runs) // 2])
