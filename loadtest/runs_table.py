"""One table over several load runs (folders of loadtest/run.sh): per database and scenario, the
median and the range (lowest–highest) of each figure over the runs, as in docs/performance.md.

    .venv/bin/python -m loadtest.runs_table loadtest/results/run1 loadtest/results/run2 loadtest/results/run3

Figures per run: requests a second, the p95 over all requests, the p95 of the logins (POST
/inloggen), the worst p95 of a 10-second window while the users log in (report.ramp), the failed
requests (apart: those whose connection was closed before any answer, HTTPConnectionClosed in
locust's failures: a kept-alive connection that the server closed just as the request was sent;
a browser sends such a request again) and the lost saves (fields).
"""
from __future__ import annotations

import csv
import json
import statistics
import sys
from pathlib import Path

from loadtest.report import ramp

COLUMNS = ("req/s", "p95 all (ms)", "p95 login (ms)", "worst 10-s p95 during the login ramp (ms)",
           "failed requests", "of which connection closed", "lost saves")
CLOSED = "HTTPConnectionClosed"


def figures(folder: Path) -> tuple[float, ...]:
    with (folder / "locust_stats.csv").open(encoding="utf-8") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    total, login = rows["Aggregated"], rows.get("POST /inloggen", {})
    closed = 0.0
    failures = folder / "locust_failures.csv"
    if failures.exists():
        with failures.open(encoding="utf-8") as handle:
            closed = sum(float(row["Occurrences"]) for row in csv.DictReader(handle) if CLOSED in row["Error"])
    lost = json.loads((folder / "lost_saves.json").read_text(encoding="utf-8"))
    return (float(total["Requests/s"]), float(total["95%"]), float(login.get("95%", "nan")),
            float(ramp(folder)["ramp_worst_p95"] or "nan"), float(total["Failure Count"]), closed,
            float(lost["lost_fields"]))


def cell(values: list[float], decimals: int) -> str:
    def show(value: float) -> str:
        return f"{value:,.{decimals}f}".replace(",", " ")
    low, high = min(values), max(values)
    middle = statistics.median(values)
    return show(middle) if low == high else f"{show(middle)} ({show(low)}–{show(high)})"


def table(runs: list[Path]) -> str:
    groups: dict[str, list[tuple[float, ...]]] = {}
    for run in runs:
        finished = (path for path in run.iterdir() if (path / "lost_saves.json").exists())
        for folder in sorted(finished):
            groups.setdefault(folder.name, []).append(figures(folder))
    lines = ["| database-scenario | runs | " + " | ".join(COLUMNS) + " |",
             "| --- | ---: | " + " | ".join("---:" for _ in COLUMNS) + " |"]
    for name, rows in groups.items():
        cells = [cell([row[i] for row in rows], 1 if i == 0 else 0) for i in range(len(COLUMNS))]
        lines.append(f"| {name} | {len(rows)} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table([Path(arg) for arg in sys.argv[1:]]))
