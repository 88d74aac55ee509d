"""Load test of Klantreislab: a class (or a whole school) at work, for locust.

Run by loadtest/run.sh; by hand (the site must run on 127.0.0.1, the accounts made with
loadtest/setup_users.py):

    LOAD_ACCOUNTS=/tmp/load/accounts.json LOAD_EXPECTED=/tmp/load/expected.json \
      locust -f loadtest/locustfile.py --headless -H http://127.0.0.1:8000 -u 31 -r 5 --run-time 2m

Every virtual student takes its own account (so a per-account login limit is never hit), logs
in, reads a lesson, opens the assignment and the builder, fills in the steps the way the
builder does it (autosave: the step form posted as JSON-answered `.../opslaan` with the CSRF
token in a header, every few seconds while typing; and the no-JS form post of the buttons
"Volgende", "Fase toevoegen", "Controleer"), looks at the feedback and hands in. Then it keeps
improving its journey for at most LOAD_ROUNDS rounds (saving, checking, now and then handing in
again) and stops. Every teacher (one per class, `fixed_count`) logs in and keeps looking at the
class page, the review dashboard, hand-ins and the results overview, also for LOAD_ROUNDS rounds.
`--run-time` bounds it all in time.

Lost saves: every save records the values of the fields it posted. When the test stops, the
file LOAD_EXPECTED gets, per student, for every field the last value the server confirmed
(plus the values sent after that without an answer: a request cut off by the end of the run
may or may not have been stored). loadtest/check_saves.py compares that with the database.

Settings (environment): LOAD_ACCOUNTS (required), LOAD_EXPECTED (default expected_saves.json),
LOAD_ASSIGNMENT (default eerste-lesdag), LOAD_THINK (think times are multiplied by this,
default 1), LOAD_ROUNDS (default 25), LOAD_TEACHERS (default: one per class in the accounts).
Only http://127.0.0.1 or localhost targets are accepted.
"""
from __future__ import annotations

import itertools
import json
import os
import random
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from geventhttpclient.response import HTTPConnectionClosed
from locust import FastHttpUser, events, task
from locust.exception import StopUser

ACCOUNTS = json.loads(Path(os.environ["LOAD_ACCOUNTS"]).read_text(encoding="utf-8"))
PASSWORD = ACCOUNTS["password"]
CLASSES = ACCOUNTS["classes"]
EXPECTED_OUT = Path(os.environ.get("LOAD_EXPECTED", "expected_saves.json"))
ASSIGNMENT = os.environ.get("LOAD_ASSIGNMENT", "eerste-lesdag")
THINK = float(os.environ.get("LOAD_THINK", "1"))
ROUNDS = int(os.environ.get("LOAD_ROUNDS", "25"))
TEACHERS = int(os.environ.get("LOAD_TEACHERS", str(len(CLASSES))))
LESSONS = ("klantreis-outside-in", "doelgroep-en-persona", "fasen-van-de-klantreis",
           "contactmomenten-en-kanalen", "momenten-van-de-waarheid")
STAGES = ("awareness", "consideration", "purchase", "experience", "after_sales")
PHASES, TOUCHPOINTS = 5, 3
# The steps whose saved phases (and touchpoints) a step needs, with the step after each.
STRUCTURE_BEFORE = {"touchpoints": (("phases", "touchpoints"),),
                    "moments": (("phases", "touchpoints"), ("touchpoints", "moments"))}
def _cause(response) -> str:
    """Why a request got no answer (status 0): the client's error, e.g. a reset connection."""
    error = getattr(response, "error", None)
    return f" ({type(error).__name__}: {error})" if response.status_code == 0 and error else ""


FORM = {"Content-Type": "application/x-www-form-urlencoded"}
AUTOSAVE_HEADERS = {**FORM, "X-Requested-With": "fetch", "Accept": "application/json"}

# Students in class order s01 of every class, then s02, ...: any number of users spreads evenly.
_student_slots = iter([name for row in itertools.zip_longest(*(k["students"] for k in CLASSES))
                       for name in row if name])
_teacher_slots = iter([(k["teacher"], k["id"]) for k in CLASSES])
# username -> {"saves": {"ok": n, "failed": n}, "fields": {path: {"acked": [value] | [], "pending": [...]}}}
RECORDS: dict[str, dict] = {}


def think(low: float, high: float) -> float:
    return random.uniform(low, high) * THINK


@events.init.add_listener
def _only_loopback(environment, **_kwargs):
    host = urlsplit(environment.host or "").hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"locustfile: refusing to load {environment.host!r}: only 127.0.0.1 is a target")


@events.test_stop.add_listener
def _write_expected(**_kwargs):
    EXPECTED_OUT.write_text(json.dumps({"assignment": ASSIGNMENT, "students": RECORDS}, ensure_ascii=False,
                                       indent=0), encoding="utf-8")


class _Inputs(HTMLParser):
    """The hidden inputs of a page (csrf_token, version, draft_key, the builder's `present` marks)
    and the links."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden: dict[str, str] = {}
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "hidden" and attrs.get("name"):
            self.hidden.setdefault(attrs["name"], attrs.get("value") or "")
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def parse(html: str) -> _Inputs:
    parser = _Inputs()
    parser.feed(html)
    return parser


class _Site(FastHttpUser):
    abstract = True
    username = ""

    def get_page(self, url: str, name: str) -> _Inputs | None:
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {url}{_cause(response)}")
                return None
            return parse(response.text)

    def post(self, url: str, body: str, headers: dict, name: str, judge) -> object:
        """A POST as a browser sends it. `judge(response)` answers why the answer is wrong, or None.

        A kept-alive connection that the server closes just as the request goes out gets no answer
        at all (status 0, HTTPConnectionClosed). Chromium then sends the request once more on a new
        connection; so does this (geventhttpclient only does it for GET). The first try still counts
        as a failed request, with "sent again" in its message (loadtest/runs_table.py counts them apart)."""
        for attempt in (1, 2):
            with self.client.post(url, data=body, headers=headers, name=name, allow_redirects=False,
                                  catch_response=True) as response:
                if attempt == 1 and response.status_code == 0 and isinstance(response.error, HTTPConnectionClosed):
                    response.failure(f"0: no answer, sent again{_cause(response)}")
                    continue
                problem = judge(response)
                if problem:
                    response.failure(problem)
                return response
        raise AssertionError("unreachable")

    def post_form(self, url: str, fields, name: str, expect: str | None = None) -> str | None:
        """A form post (no JS); answers the redirect target, or None (counted as a failure)."""
        def judge(response) -> str | None:
            location = response.headers.get("Location", "") if response.headers else ""
            if response.status_code not in (302, 303):
                return f"{response.status_code} instead of a redirect{_cause(response)}"
            if expect is not None and expect not in location:
                return f"redirected to {location}, expected {expect}"
            return None
        response = self.post(url, urlencode(fields), FORM, name, judge)
        if judge(response):
            return None
        return response.headers.get("Location", "")

    def login(self) -> None:
        page = self.get_page("/inloggen", "GET /inloggen")
        if page is None:
            raise StopUser()
        fields = {"csrf_token": page.hidden.get("csrf_token", ""), "next": "", "username": self.username,
                  "password": PASSWORD}
        if self.post_form("/inloggen", fields, "POST /inloggen", expect="/") is None:
            raise StopUser()
        self.get_page("/", "GET / (home)")


class Student(_Site):
    weight = 1
    wait_time = staticmethod(lambda: 0)  # the task sleeps itself, between every step

    def on_start(self) -> None:
        try:
            self.username = next(_student_slots)
        except StopIteration:
            raise StopUser() from None
        self.record = RECORDS.setdefault(self.username, {"saves": {"ok": 0, "failed": 0}, "fields": {}})
        self.revision = 0
        self.builder = f"/opdrachten/{ASSIGNMENT}/bouwen"
        self.login()

    # --------------------------------------------------------------------- the journey's text

    def values(self, step: str) -> dict[tuple, object]:
        """The tracked value of every field of `step` at the current revision."""
        r, who = self.revision, self.username
        if step == "persona":
            return {("persona", "name"): f"Sanne {who}", ("persona", "age"): 16 + r % 3,
                    ("persona", "description"): f"Sanne is zestien en komt net van het vmbo. Versie {r}.",
                    ("persona", "quote"): f"Ik ken daar nog niemand ({who} r{r})"}
        if step == "trigger":
            return {("trigger",): f"Thuis komt een brief van school: over een week begint het jaar. Versie {r}."}
        if step == "phases":
            out: dict[tuple, object] = {}
            for i in range(PHASES):
                out[("phases", i, "name")] = f"Fase {i + 1}: {STAGES[i]}"
                out[("phases", i, "description")] = f"Wat de student doet in fase {i + 1}, versie {r}."
                out[("phases", i, "stage")] = STAGES[i]
            return out
        if step == "touchpoints":
            out = {}
            for i in range(PHASES):
                for j in range(TOUCHPOINTS):
                    base = ("phases", i, "touchpoints", j)
                    out[(*base, "name")] = f"Contact {i + 1}.{j + 1}"
                    out[(*base, "channel")] = ("website", "balie", "WhatsApp")[j]
                    out[(*base, "description")] = f"De student leest en vraagt iets ({who}, r{r})."
                    out[(*base, "emotion")] = 1 + (i * 3 + j + r) % 10
                    out[(*base, "pain")] = "Het duurt lang." if j == 0 else ""
                    out[(*base, "gain")] = "De mentor is vriendelijk." if j == 1 else ""
                    out[(*base, "service")] = "De mentor belt even." if j == 2 else ""
            return out
        if step == "moments":
            out = {}
            for i in range(PHASES):
                for j in range(TOUCHPOINTS):
                    base = ("phases", i, "touchpoints", j)
                    chosen = j == 0 and i in (1, 3)
                    out[(*base, "moment_of_truth")] = chosen
                    out[(*base, "moment_of_truth_reason")] = f"Hier beslist de student, versie {r}." if chosen else ""
            return out
        return {}

    @staticmethod
    def form_fields(step: str, values: dict[tuple, object]) -> list[tuple[str, str]]:
        """The tracked values as the step form's fields."""
        pairs: list[tuple[str, str]] = []
        if not values:  # a button pressed without typing anything on the step
            return pairs
        if step == "persona":
            pairs += [("name", values[("persona", "name")]), ("age", str(values[("persona", "age")])),
                      ("description", values[("persona", "description")]),
                      ("goals", "Vrienden maken\r\nDe weg vinden in het gebouw"),
                      ("frustrations", "Weet niet wie de mentor is"),
                      ("quote", values[("persona", "quote")])]
        elif step == "trigger":
            pairs.append(("trigger", values[("trigger",)]))
        elif step == "phases":
            for i in range(PHASES):
                for key in ("name", "description", "stage"):
                    pairs.append((f"phases-{i}-{key}", values[("phases", i, key)]))
        elif step == "touchpoints":
            for i in range(PHASES):
                pairs.append((f"phases-{i}-present", "1"))
                for j in range(TOUCHPOINTS):
                    for key in ("name", "channel", "description", "emotion", "pain", "gain", "service"):
                        pairs.append((f"phases-{i}-touchpoints-{j}-{key}",
                                      str(values[("phases", i, "touchpoints", j, key)])))
        elif step == "moments":
            for i in range(PHASES):
                pairs.append((f"phases-{i}-present", "1"))
                for j in range(TOUCHPOINTS):
                    prefix = f"phases-{i}-touchpoints-{j}"
                    pairs.append((f"{prefix}-present", "1"))
                    if values[("phases", i, "touchpoints", j, "moment_of_truth")]:
                        pairs.append((f"{prefix}-moment_of_truth", "y"))
                    pairs.append((f"{prefix}-moment_of_truth_reason",
                                  values[("phases", i, "touchpoints", j, "moment_of_truth_reason")]))
        return pairs

    # --------------------------------------------------------------------- saving, recorded

    def _sent(self, values: dict[tuple, object]) -> None:
        for path, value in values.items():
            entry = self.record["fields"].setdefault("/".join(map(str, path)), {"acked": [], "pending": []})
            entry["pending"].append(value)

    def _answered(self, values: dict[tuple, object], ok: bool) -> None:
        self.record["saves"]["ok" if ok else "failed"] += 1
        if not ok:
            return  # the values stay "pending": the server may or may not have stored them
        for path in values:
            entry = self.record["fields"]["/".join(map(str, path))]
            entry["acked"] = [entry["pending"][-1]]
            entry["pending"] = []

    def autosave(self, step: str, page: _Inputs) -> bool:
        """What builder.js does while the student types: the whole step form, CSRF token in a header."""
        values = self.values(step)
        hidden = page.hidden
        body = [("csrf_token", hidden.get("csrf_token", "")), ("version", hidden.get("version", "")),
                ("draft_key", hidden.get("draft_key", "")), *self.form_fields(step, values)]
        self._sent(values)
        def answer_of(response) -> dict:
            try:
                answer = response.json()
            except Exception:
                return {}
            return answer if isinstance(answer, dict) else {}

        def judge(response) -> str | None:
            answer = answer_of(response)
            if response.status_code == 200 and answer.get("ok") and not answer.get("errors"):
                return None
            return f"autosave {response.status_code}: {str(answer)[:200]}{_cause(response)}"
        response = self.post(f"{self.builder}/{step}/opslaan", urlencode(body),
                             {**AUTOSAVE_HEADERS, "X-CSRFToken": hidden.get("csrf_token", "")},
                             "POST autosave (JSON)", judge)
        ok = judge(response) is None
        if ok:
            hidden["version"] = str(answer_of(response).get("version", hidden.get("version", "")))
        self._answered(values, ok)
        return ok

    def step_post(self, step: str, page: _Inputs, action: str, expect: str, with_values: bool = True) -> str | None:
        """The no-JS form post of a button on the step page (every button saves the step first)."""
        values = self.values(step) if with_values else {}
        hidden = page.hidden
        fields = [("csrf_token", hidden.get("csrf_token", "")), ("version", hidden.get("version", "")),
                  ("draft_key", hidden.get("draft_key", "")), *self.form_fields(step, values), ("action", action)]
        self._sent(values)
        location = self.post_form(f"{self.builder}/{step}", fields, "POST builder step (no-JS)", expect=expect)
        self._answered(values, location is not None)
        return location

    def open_step(self, step: str) -> _Inputs | None:
        return self.get_page(f"{self.builder}/{step}", "GET builder step")

    @staticmethod
    def has_structure(step: str, page: _Inputs) -> bool:
        """The step page shows every phase (and touchpoint) this student is about to type into.
        Not so when an earlier save failed (e.g. the database was down): the phases are not there."""
        if step == "touchpoints":
            return f"phases-{PHASES - 1}-present" in page.hidden
        if step == "moments":
            return f"phases-{PHASES - 1}-touchpoints-{TOUCHPOINTS - 1}-present" in page.hidden
        return True

    def open_ready(self, step: str, depth: int = 0) -> _Inputs | None:
        """Open a step as the server has it; when its phases or touchpoints are missing, first
        fill in the steps that make them, as a student would after "Laad de pagina opnieuw"."""
        page = self.open_step(step)
        if page is None or self.has_structure(step, page) or depth > 1:
            return page
        for before, following in STRUCTURE_BEFORE.get(step, ()):
            self.fill(before, following, saves=1, depth=depth + 1)
        return self.open_step(step)

    def type_step(self, step: str, saves: int, depth: int = 0) -> _Inputs | None:
        """Open a step and type (autosaves). After a failed save, re-open the step before typing
        on: the server's version and structure may differ from the page (nothing is typed into a
        phase that was never saved)."""
        page = self.open_ready(step, depth)
        if page is None:
            return None
        for _ in range(saves):
            time.sleep(think(4, 12))  # typing; builder.js saves 1.5 s after the typing stops
            self.revision += 1
            if not self.autosave(step, page):
                time.sleep(think(2, 5))  # the status line says to load the page again
                page = self.open_ready(step, depth)
                if page is None:
                    return None
        time.sleep(think(2, 5))
        return page

    def fill(self, step: str, following: str, saves: int, depth: int = 0, tries: int = 4) -> bool:
        """Type a step and press "Volgende" (no-JS post); when that fails, re-open it and try again."""
        for _ in range(tries):
            page = self.type_step(step, saves, depth)
            if page is not None:
                self.revision += 1
                if self.step_post(step, page, "next", expect=f"/bouwen/{following}") is not None:
                    return True
            time.sleep(think(2, 5))
            saves = 1
        return False

    # --------------------------------------------------------------------- the lesson period

    @task
    def class_session(self) -> None:
        try:
            self._class_session()
        except StopUser:
            raise
        except Exception as error:
            self.environment.events.user_error.fire(user_instance=self, exception=error, tb=error.__traceback__)
            raise StopUser() from error

    def _class_session(self) -> None:
        self.get_page("/lessen", "GET /lessen")
        time.sleep(think(2, 5))
        self.get_page(f"/lessen/{random.choice(LESSONS)}", "GET lesson")
        time.sleep(think(10, 30))
        self.get_page(f"/opdrachten/{ASSIGNMENT}", "GET assignment")
        time.sleep(think(3, 8))
        self.client.get(self.builder, name="GET builder start (redirect)", allow_redirects=False)

        # Persona and trigger: typing, then "Volgende".
        for step, following, saves in (("persona", "trigger", 3), ("trigger", "phases", 2)):
            self.fill(step, following, saves)
        # Phases: "Fase toevoegen" without JS, then the phases typed in, then "Volgende".
        page = self.open_step("phases")
        if page is not None:
            time.sleep(think(1, 3))
            self.step_post("phases", page, "add_phase", expect="/bouwen/phases", with_values=False)
        # "Verbeteren" is an extra step: opened and passed without typing.
        for step, following, saves in (("phases", "touchpoints", 2), ("touchpoints", "moments", 3),
                                       ("moments", "improve", 1), ("improve", "check", 0)):
            self.fill(step, following, saves)
        self.check_and_hand_in(hand_in=True)

        # Improving, a bounded number of rounds; then this student is done.
        for round_number in range(1, ROUNDS + 1):
            time.sleep(think(10, 30))
            step = random.choice(("persona", "trigger", "phases", "touchpoints", "moments"))
            self.type_step(step, random.randint(1, 3))
            if round_number % 3 == 0:
                self.check_and_hand_in(hand_in=round_number % 6 == 0)
        raise StopUser()

    def check_and_hand_in(self, hand_in: bool) -> None:
        """ "Controleer" on the last step (no-JS post), the feedback, and maybe "Inleveren"."""
        page = self.open_step("check")
        if page is None:
            return
        time.sleep(think(2, 5))
        if self.step_post("check", page, "check", expect="/feedback", with_values=False) is None:
            return
        feedback = self.get_page(f"/opdrachten/{ASSIGNMENT}/feedback", "GET feedback (Controleer)")
        if feedback is None or not hand_in:
            return
        time.sleep(think(5, 12))
        fields = {"csrf_token": feedback.hidden.get("csrf_token", ""), "version": feedback.hidden.get("version", "")}
        location = self.post_form(f"/opdrachten/{ASSIGNMENT}/inleveren", fields, "POST inleveren (hand in)",
                                  expect="/pogingen/")
        if location:
            self.get_page(urlsplit(location).path, "GET attempt")


class Teacher(_Site):
    fixed_count = TEACHERS
    wait_time = staticmethod(lambda: 0)

    def on_start(self) -> None:
        try:
            self.username, self.class_id = next(_teacher_slots)
        except StopIteration:
            raise StopUser() from None
        self.login()

    @task
    def watch_the_class(self) -> None:
        base = f"/klassen/{self.class_id}"
        self.get_page("/klassen", "GET /klassen")
        time.sleep(think(2, 5))
        for _ in range(ROUNDS):
            self.get_page(base, "GET class page")
            time.sleep(think(3, 8))
            dashboard = self.get_page(f"{base}/opdrachten/{ASSIGNMENT}/beoordelen", "GET review dashboard")
            time.sleep(think(3, 8))
            if dashboard is not None:
                attempts = [link for link in dashboard.links
                            if link.startswith(f"{base}/opdrachten/{ASSIGNMENT}/beoordelen/")
                            and link.rsplit("/", 1)[-1].isdecimal()]
                for link in random.sample(attempts, min(2, len(attempts))):
                    self.get_page(link, "GET review attempt")
                    time.sleep(think(5, 15))
            self.get_page(f"{base}/opdrachten/{ASSIGNMENT}/overzicht", "GET results overview")
            time.sleep(think(5, 15))
        raise StopUser()
