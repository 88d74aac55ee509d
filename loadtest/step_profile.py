"""The builder's touchpoints step of the load test's 5 x 3 journey, opened N times in one process
(the setup of cpu_cost.py: Flask's test client on a fresh SQLite database), to profile it alone:

    python loadtest/step_profile.py [N]              # CPU median and range of N GETs (default 200)
    py-spy record --rate 250 --format raw -o step.txt -- python loadtest/step_profile.py 300
    python loadtest/profile_top.py step.txt 40       # where the time went
"""
from __future__ import annotations

import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(count: int) -> int:
    folder = tempfile.mkdtemp(prefix="klantreislab-step-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/step.db"
    os.environ.setdefault("SECRET_KEY", "step-profile-" + os.urandom(8).hex())
    os.environ["INSECURE_COOKIES"] = "1"
    from flask_migrate import upgrade

    from loadtest.setup_users import DEFAULT_PASSWORD, create_accounts
    from loadtest.wsgi import app

    with app.app_context():
        upgrade()
        student = create_accounts(1, 1, DEFAULT_PASSWORD)["classes"][0]["students"][0]

    def token(html: str, name: str = "csrf_token") -> str:
        return re.search(rf'name="{name}" type="hidden" value="([^"]*)"', html).group(1)

    base = "/opdrachten/eerste-lesdag/bouwen"
    phases = {f"phases-{i}-{k}": v for i in range(5) for k, v in
              (("name", f"Fase {i}"), ("description", "Wat de student doet."), ("stage", ""))}
    touch = {f"phases-{i}-present": "1" for i in range(5)}
    touch.update({f"phases-{i}-touchpoints-{j}-{k}": v for i in range(5) for j in range(3) for k, v in
                  (("name", "Contact"), ("channel", "website"), ("description", "Iets."), ("emotion", "6"))})
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
