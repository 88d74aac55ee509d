"""Summarise one load run (a folder of loadtest/run.sh) as Markdown: the locust figures per
request type and overall, the HTTP status codes of the access log and the lost-saves check.

    python loadtest/report.py loadtest/results/<time>/sqlite-class
"""
from __future__ import annotations

import collections
import csv
import json
import sys
from pathlib import Path


def _ms(value: str) -> str:
    try:
        return f"{float(value):.0f}"
    except ValueError:
        return value


def ramp(folder: Path) -> dict[str, float | None]:
    """The p95 while the users log in and after: locust's history has, every second, the p95 of
    the last 10 seconds (over all requests); the ramp lasts until the last user is in. Returns the
    worst of those windows during the ramp and after it (ms), None where there was no traffic."""
    history = folder / "locust_stats_history.csv"
    if not history.exists():
        return {"ramp_worst_p95": None, "after_worst_p95": None}
    with history.open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["Name"] == "Aggregated" and row["95%"] != "N/A"]
    users = max((int(row["User Count"]) for row in rows), default=0)
    in_ramp = True
    worst = {"ramp_worst_p95": None, "after_worst_p95": None}
    for row in rows:
        key = "ramp_worst_p95" if in_ramp else "after_worst_p95"
        worst[key] = max(worst[key] or 0.0, float(row["95%"]))
        in_ramp = in_ramp and int(row["User Count"]) < users
    return worst


def summary(folder: Path) -> str:
    lines = [f"### {folder.name}", ""]
    machine = folder / "machine.txt"
    if machine.exists():
        lines += ["```", machine.read_text(encoding="utf-8").strip(), "```", ""]
    stats = folder / "locust_stats.csv"
    if stats.exists():
        lines += ["| request | count | failures | req/s | median ms | p95 ms | p99 ms | max ms |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        with stats.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                name = row["Name"] if row["Name"] != "Aggregated" else "**all requests**"
                lines.append(
                    f"| {name} | {row['Request Count']} | {row['Failure Count']} | "
                    f"{float(row['Requests/s']):.1f} | {_ms(row['50%'])} | {_ms(row['95%'])} | "
                    f"{_ms(row['99%'])} | {_ms(row['Max Response Time'])} |")
        lines.append("")
        worst = {key: _ms(str(value)) for key, value in ramp(folder).items()}
        lines += ["The p95 of the last 10 s, at its worst: while the users log in "
                  f"{worst['ramp_worst_p95']} ms, after that {worst['after_worst_p95']} ms.", ""]
    failures = folder / "locust_failures.csv"
    if failures.exists():
        with failures.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        if rows:
            lines.append("Failures:")
            for row in rows[:15]:
                lines.append(f"- {row['Method']} {row['Name']}: {row['Occurrences']} x {row['Error'][:200]}")
            lines.append("")
    exceptions = folder / "locust_exceptions.csv"
    if exceptions.exists():
        with exceptions.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        if rows:
            lines.append("Exceptions in the locustfile:")
            for row in rows[:10]:
                lines.append(f"- {row['Count']} x {row['Message'][:200]}")
            lines.append("")
    access = folder / "access.log"
    if access.exists():
        codes = collections.Counter()
        for line in access.open(encoding="utf-8", errors="replace"):
            parts = line.rsplit(" ", 3)
            if len(parts) == 4:
                codes[parts[1]] += 1
        lines += ["HTTP status codes (gunicorn access log): "
                  + ", ".join(f"{code}: {count}" for code, count in sorted(codes.items())), ""]
    lost = folder / "lost_saves.json"
    if lost.exists():
        result = json.loads(lost.read_text(encoding="utf-8"))
        lines += [f"Lost saves: {result['lost_fields']} field(s) of {result['students_with_lost_saves']} student(s); "
                  f"checked {result['fields_checked']} fields of {result['students_checked']} students after "
                  f"{result['confirmed_saves']} confirmed saves ({result['failed_saves']} saves failed).", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print("\n".join(summary(Path(arg)) for arg in sys.argv[1:]))
