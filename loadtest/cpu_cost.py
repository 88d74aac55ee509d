"""CPU time per request type, in one process, one request at a time (Flask's test client on a
fresh SQLite database): what each request costs the server, however busy the machine is. The
wall-clock figures of a load run on a shared machine include waiting for a CPU; these do not.

    python loadtest/cpu_cost.py [--rounds 20]
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def fresh_site(students: int):
    """The app (loadtest/wsgi.py) on a fresh SQLite database in a temporary folder, migrated, with one
    class of `students` students and a teacher (loadtest/setup_users.py): (app, accounts)."""
    folder = tempfile.mkdtemp(prefix="klantreislab-cpu-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/cpu.db"
    os.environ.setdefault("SECRET_KEY", "cpu-cost-" + os.urandom(8).hex())
    os.environ["INSECURE_COOKIES"] = "1"
    from flask_migrate import upgrade

    from loadtest.setup_users import DEFAULT_PASSWORD, create_accounts
    from loadtest.wsgi import app

    with app.app_context():
        upgrade()
        return app, create_accounts(1, students, DEFAULT_PASSWORD)


def token(html: str, name: str = "csrf_token") -> str:
    """The value of a hidden input of a page."""
    return re.search(rf'name="{name}" type="hidden" value="([^"]*)"', html).group(1)


def journey_fields() -> tuple[dict[str, str], dict[str, str]]:
    """The load test's 5 x 3 journey as the phases step and the touchpoints step post it."""
    phases = {f"phases-{i}-{k}": v for i in range(5) for k, v in
              (("name", f"Fase {i}"), ("description", "Wat de student doet."), ("stage", ""))}
    touch = {f"phases-{i}-present": "1" for i in range(5)}
    touch.update({f"phases-{i}-touchpoints-{j}-{k}": v for i in range(5) for j in range(3) for k, v in
                  (("name", "Contact"), ("channel", "website"), ("description", "Iets."), ("emotion", "6"))})
    return phases, touch


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    app, accounts = fresh_site(students=2)
    from loadtest.setup_users import DEFAULT_PASSWORD
    student = accounts["classes"][0]["students"][0]
    teacher = accounts["classes"][0]["teacher"]
    class_id = accounts["classes"][0]["id"]
    a = "eerste-lesdag"
    results: dict[str, list[tuple[float, float]]] = {}

    def measure(name, call, *args, expect=(200,), **kwargs):
        """`call(*args, **kwargs)`, timed: a test client's get or post."""
        cpu, wall = time.process_time(), time.perf_counter()
        response = call(*args, **kwargs)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        assert response.status_code in expect, (name, response.status_code)
        results.setdefault(name, []).append((cpu, wall))
        return response

    def login(client, username):
        page = measure("GET /inloggen", client.get, "/inloggen")
        measure("POST /inloggen (scrypt)", client.post, "/inloggen", data={
            "csrf_token": token(page.text), "username": username, "password": DEFAULT_PASSWORD, "next": ""},
            expect=(302,))

    phases, touch = journey_fields()
    with app.test_client() as client:
        login(client, student)
        for r in range(args.rounds):
            measure("GET / (home)", client.get, "/")
            measure("GET lesson", client.get, "/lessen/doelgroep-en-persona")
            for step, fields in (("phases", phases), ("touchpoints", touch)):
                page = measure(f"GET builder step ({step})", client.get, f"/opdrachten/{a}/bouwen/{step}")
                body = {"csrf_token": token(page.text), "version": token(page.text, "version"),
                        "draft_key": token(page.text, "draft_key"), **fields}
                body = {k: (v + str(r) if k.endswith("description") else v) for k, v in body.items()}
                measure("POST autosave (JSON)", client.post, f"/opdrachten/{a}/bouwen/{step}/opslaan", data=body,
                        headers={"X-CSRFToken": body["csrf_token"]})
            page = client.get(f"/opdrachten/{a}/bouwen/trigger")
            measure("POST builder step (no-JS)", client.post, f"/opdrachten/{a}/bouwen/trigger", data={
                "csrf_token": token(page.text), "version": token(page.text, "version"),
                "draft_key": token(page.text, "draft_key"), "trigger": f"Een brief {r}", "action": "save"},
                expect=(302, 303))
            feedback = measure("GET feedback (Controleer)", client.get, f"/opdrachten/{a}/feedback")
            if r % 5 == 0:
                measure("POST inleveren (hand in)", client.post, f"/opdrachten/{a}/inleveren", data={
                    "csrf_token": token(feedback.text), "version": token(feedback.text, "version")}, expect=(302, 303))
    with app.test_client() as client:
        login(client, teacher)
        base = f"/klassen/{class_id}"
        for _ in range(args.rounds):
            measure("GET class page", client.get, base)
            dashboard = measure("GET review dashboard", client.get, f"{base}/opdrachten/{a}/beoordelen")
            for link in re.findall(rf'href="({base}/opdrachten/{a}/beoordelen/\d+)"', dashboard.text)[:1]:
                measure("GET review attempt", client.get, link)
            measure("GET results overview", client.get, f"{base}/opdrachten/{a}/overzicht")

    print("| request | n | CPU median ms | wall median ms |")
    print("| --- | ---: | ---: | ---: |")
    for name, pairs in results.items():
        pairs = pairs[1:] if len(pairs) > 2 else pairs  # the first one compiles the templates
        print(f"| {name} | {len(pairs)} | {1000 * statistics.median(c for c, _ in pairs):.0f} | "
              f"{1000 * statistics.median(w for _, w in pairs):.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
