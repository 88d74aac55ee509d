"""After a fault run (loadtest/run.sh with LOAD_FAULT=1): what the outage cost.

    python loadtest/fault_report.py RESULTS_DIR

Reads fault.log (when the database went down and came back), the gunicorn access log and
locust's CSV files, and prints: the failed answers (5xx) during the run with their codes, the
requests locust counted as failed (also connections cut by killed workers, and the autosave's
refusals), and the seconds from the database being back to the last failed answer (0: the site
recovered at once).
"""
from __future__ import annotations

import collections
import csv
import re
import sys
from datetime import datetime
from pathlib import Path

_TIME = re.compile(r"\[(\d{2}/\w{3}/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4})\]")


def fault_times(folder: Path) -> dict[str, float]:
    times: dict[str, float] = {}
    log = folder / "fault.log"
    if log.exists():
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
            parts = line.split()
            if len(parts) >= 2 and parts[0] in ("down", "start", "up"):
                times[parts[0]] = float(parts[-1])
    return times


def answers(folder: Path) -> list[tuple[float, int, str]]:
    """(time, status, "METHOD path") of every request in the access log."""
    out = []
    access = folder / "access.log"
    if not access.exists():
        return out
    for line in access.open(encoding="utf-8", errors="replace"):
        match = _TIME.search(line)
        parts = line.rsplit(" ", 3)
        request = line.split('"')[1] if line.count('"') >= 2 else ""
        if match and len(parts) == 4 and parts[1].isdecimal():
            moment = datetime.strptime(match.group(1), "%d/%b/%Y:%H:%M:%S %z").timestamp()
            out.append((moment, int(parts[1]), " ".join(request.split()[:2])))
    return out


def locust_failures(folder: Path) -> tuple[int, list[str]]:
    failures = folder / "locust_failures.csv"
    if not failures.exists():
        return 0, []
    with failures.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    total = sum(int(row["Occurrences"]) for row in rows)
    by_request: collections.Counter[str] = collections.Counter()
    for row in rows:  # one row per distinct message: count per request type and status instead
        status = re.search(r"\b(5\d\d|4\d\d)\b", row["Error"])
        kind = status.group(1) if status else row["Error"][:60]
        by_request[f"{row['Name']}: {kind}"] += int(row["Occurrences"])
    return total, [f"{count} x {name}" for name, count in by_request.most_common(10)]


def report(folder: Path) -> str:
    times = fault_times(folder)
    if "down" not in times:
        return f"Fault run ({folder.name}): no fault was injected (fault.log is missing or empty)."
    down, up = times["down"], times.get("up", times["down"])
    failed = [(moment, status, request) for moment, status, request in answers(folder) if status >= 500]
    codes = collections.Counter(status for _, status, _ in failed)
    failed_posts = sum(1 for _, _, request in failed if request.startswith("POST"))
    last_failure = max((moment for moment, _, _ in failed), default=None)
    # The access log counts whole seconds: a failure in the second the database came back is "at once".
    recovery = max(0.0, last_failure - int(up)) if last_failure is not None else 0.0
    counted, lines = locust_failures(folder)
    out = [
        f"Fault run ({folder.name}): database away from {datetime.fromtimestamp(down).strftime('%H:%M:%S')} "
        f"for {up - down:.1f} s (until it answered again).",
        f"- failed answers (5xx) from the site: {len(failed)} ("
        + (", ".join(f"{code}: {count}" for code, count in sorted(codes.items())) or "none")
        + f"), of which {failed_posts} posts",
        f"- seconds from the database being back to the last failed answer: {recovery:.0f}",
        f"- requests locust counted as failed (5xx, cut connections, refused saves): {counted}",
    ]
    out += [f"  - {line}" for line in lines]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print("\n".join(report(Path(arg)) for arg in sys.argv[1:]))
