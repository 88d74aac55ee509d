"""The builder's touchpoints step of the load test's 5 x 3 journey, opened N times in one process
(the setup of cpu_cost.py: Flask's test client on a fresh SQLite database), to profile it alone:

    python loadtest/step_profile.py [N]              # CPU median and range of N GETs (default 200)
    py-spy record --rate 250 --format raw -o step.txt -- python loadtest/step_profile.py 300
    python loadtest/profile_top.py step.txt 40       # where the time went
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(count: int) -> int:
    from loadtest.cpu_cost import fresh_site, journey_fields, token

    app, accounts = fresh_site(students=1)  # sets the environment the app and setup_users read
    from loadtest.setup_users import DEFAULT_PASSWORD
    student = accounts["classes"][0]["students"][0]
    base = "/opdrachten/eerste-lesdag/bouwen"
    phases, touch = journey_fields()
    with app.test_client() as client:
        page = client.get("/inloggen")
        client.post("/inloggen", data={"csrf_token": token(page.text), "username": student,
                                        "password": DEFAULT_PASSWORD, "next": ""})
        for step, fields in (("phases", phases), ("touchpoints", touch)):  # the journey, as cpu_cost.py saves it
            page = client.get(f"{base}/{step}")
            body = {"csrf_token": token(page.text), "version": token(page.text, "version"),
                    "draft_key": token(page.text, "draft_key"), **fields}
            answer = client.post(f"{base}/{step}/opslaan", data=body, headers={"X-CSRFToken": body["csrf_token"]})
            assert answer.status_code == 200, answer.text
        for _ in range(3):  # templates compiled, caches warm
            client.get(f"{base}/touchpoints")
        times = []
        for _ in range(count):
            cpu = time.process_time()
            answer = client.get(f"{base}/touchpoints")
            times.append(1000 * (time.process_time() - cpu))
            assert answer.status_code == 200
    print(f"GET builder step (touchpoints), {count} times: CPU median {statistics.median(times):.1f} ms "
          f"(range {min(times):.1f}-{max(times):.1f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 200))
