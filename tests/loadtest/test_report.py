"""The load test's summaries: the p95 during the login ramp and the table over several runs."""
from __future__ import annotations

import csv
import json

from loadtest.report import ramp
from loadtest.runs_table import table

HISTORY = ["Timestamp", "User Count", "Type", "Name", "95%"]


def write_run(folder, users_and_p95, p95_all, login_p95, failures=0, lost=0):
    folder.mkdir(parents=True)
    with (folder / "locust_stats_history.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HISTORY)
        writer.writerow([0, 0, "", "Aggregated", "N/A"])
        for second, (users, p95) in enumerate(users_and_p95, start=1):
            writer.writerow([second, users, "", "Aggregated", p95])
            writer.writerow([second, users, "POST", "POST /inloggen", 9999])  # not the aggregate: ignored
    with (folder / "locust_stats.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Requests/s", "95%", "Failure Count"])
        writer.writerow(["POST /inloggen", "0.5", login_p95, 0])
        writer.writerow(["Aggregated", "10.0", p95_all, failures])
    with (folder / "locust_failures.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Method", "Name", "Error", "Occurrences"])
        if failures:
            error = "CatchResponseError('autosave 0: {} (HTTPConnectionClosed: connection closed.)')"
            writer.writerow(["POST", "POST autosave (JSON)", error, failures])
    (folder / "lost_saves.json").write_text(json.dumps({"lost_fields": lost}), encoding="utf-8")


def test_the_ramp_lasts_until_the_last_user_is_in(tmp_path):
    write_run(tmp_path / "sqlite-school", [(3, 100), (6, 700), (9, 300), (9, 900), (9, 50)], 200, 400)
    assert ramp(tmp_path / "sqlite-school") == {"ramp_worst_p95": 700.0, "after_worst_p95": 900.0}


def test_no_history_gives_no_figures(tmp_path):
    assert ramp(tmp_path) == {"ramp_worst_p95": None, "after_worst_p95": None}


def test_the_table_gives_median_and_range_per_database_and_scenario(tmp_path):
    for number, (p95, failures) in enumerate([(80, 0), (120, 1), (95, 0)], start=1):
        write_run(tmp_path / f"run{number}" / "sqlite-class", [(1, p95), (2, p95)], p95, 300, failures)
    (tmp_path / "run3" / "sqlite-school").mkdir()  # unfinished: no lost_saves.json, left out
    text = table([tmp_path / f"run{number}" for number in (1, 2, 3)])
    row = text.splitlines()[2]
    assert row == "| sqlite-class | 3 | 10.0 | 95 (80–120) | 300 | 95 (80–120) | 0 (0–1) | 0 (0–1) | 0 |"
    assert "sqlite-school" not in text
