"""Issue #11, findings 1-7 of the ASVS probe: one test (or a few) per finding. Each failed on the
code before the fix. The fault run of finding 8 is loadtest/run.sh's fault option; the fuzzing of
finding 3 is tests/courseware/test_fuzz.py."""
from __future__ import annotations

import io
import json
import re
from html import unescape
from pathlib import Path

import pytest
from flask import g
from sqlalchemy import event, func, select
from sqlalchemy.exc import IntegrityError, OperationalError

from assignments import get_assignment
from courseware.builder import journey_data, store
from courseware.builder import stash as stash_module
from courseware.builder.stash import BROWSER_COOKIE
from courseware.errors import MAX_ID
from courseware.extensions import db
from courseware.models import Attempt, Draft, PendingSave, Role
from courseware.models.accounts import utcnow
from courseware.passwords import DATA, common_passwords
from courseware.sessions import load_user
from grader import JourneyError, load_journey_file
from grader.cli import main as grader_cli

A = "open-dag"
BASE = f"/opdrachten/{A}"
PASSWORD = "geheim-wachtwoord"
SAMPLE = Path(__file__).resolve().parents[1] / "samples" / A / "exemplary.journey.json"
HUGE = "9" * 5000


# --------------------------------------------------------------------------- helpers


def fresh() -> None:
    """The tests share one app context: forget the user Flask-Login cached in `g`."""
    g.pop("_login_user", None)


def text_of(response) -> str:
    return unescape(response.get_data(as_text=True))


def hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" type="hidden" value="([^"]*)"', html)
    assert match, f"no hidden field {name}"
    return match.group(1)


def form_login(client, user, password: str = PASSWORD):
    fresh()
    response = client.post("/inloggen", data={"username": user.username, "password": password})
    fresh()
    assert response.status_code == 302, "logging in failed"
    return response


def logged_in(client) -> bool:
    """Whether this client's session is accepted (the account page needs a login)."""
    fresh()
    answer = client.get("/wachtwoord").status_code == 200
    fresh()
    return answer


def copy_cookies(source, target) -> None:
    for name in ("session", BROWSER_COOKIE):
        cookie = source.get_cookie(name)
        if cookie is not None:
            target.set_cookie(name, cookie.value)


def give_draft(student) -> Draft:
    assignment = get_assignment(A)
    data = journey_data.normalise(json.loads(SAMPLE.read_text("utf-8")), assignment)
    return store.save(student, assignment, data, step="check", loaded_version=None).draft


# --------------------------------------------------------------------------- 1. the builder's stash


def stash_count() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(PendingSave))


def builder_key(client, step: str = "persona") -> str:
    fresh()
    key = hidden(text_of(client.get(f"{BASE}/bouwen/{step}")), "draft_key")
    fresh()
    return key


def test_a_client_without_cookies_cannot_stash_with_a_key_read_from_a_page(app, client, make, login):
    student = make.student()
    login(student)
    key = builder_key(client)
    attacker = app.test_client()  # no cookie at all
    for _ in range(40):
        response = attacker.post(f"{BASE}/bouwen/persona/opslaan", data={"description": "x" * 250_000,
                                                                          "draft_key": key})
        assert response.status_code == 401 and response.get_json()["stashed"] is False
    assert stash_count() == 0


def test_the_draft_key_dies_at_logout(app, client, make, login):
    student = make.student()
    login(student)
    key = builder_key(client)
    client.post("/uitloggen")
    fresh()
    response = client.post(f"{BASE}/bouwen/persona/opslaan", data={"name": "Na uitloggen", "draft_key": key})
    assert response.get_json()["stashed"] is False
    assert stash_count() == 0


def test_the_stash_still_keeps_work_when_the_session_is_lost(app, client, make, login):
    """The good part stays: same browser, session gone (not logged out) -> stashed and restored."""
    student = make.student()
    login(student)
    key = builder_key(client)
    login(None)
    response = client.post(f"{BASE}/bouwen/persona/opslaan", data={"name": "Bewaard", "draft_key": key})
    assert response.get_json()["stashed"] is True
    login(student)
    client.get("/opdrachten")
    assert Draft.find(student.id, A).journey_data["persona"]["name"] == "Bewaard"


def test_the_stash_is_rate_limited_per_address(limited, client, make, login):
    student = make.student()
    login(student)
    key = builder_key(client)
    login(None)
    answers = []
    for n in range(31):
        response = client.post(f"{BASE}/bouwen/persona/opslaan", data={"name": f"Poging {n}", "draft_key": key},
                               environ_base={"REMOTE_ADDR": "10.1.1.1"})
        answers.append(response.get_json()["stashed"])
    assert answers[:30] == [True] * 30 and answers[30] is False
    response = client.post(f"{BASE}/bouwen/persona/opslaan", data={"name": "Elders", "draft_key": key},
                           environ_base={"REMOTE_ADDR": "10.1.1.2"})
    assert response.get_json()["stashed"] is True


def test_the_stash_is_capped_per_draft_and_in_total(app, client, make, login, monkeypatch):
    student = make.student()
    login(student)
    key = builder_key(client)
    login(None)
    for n in range(stash_module.MAX_PER_DRAFT):  # other browsers' stashes of the same draft
        db.session.add(PendingSave(token=f"ander-{n}-" + "x" * 20, user_id=student.id, assignment_id=A,
                                   step="persona", fields="[]", expires_at=utcnow() + stash_module.LIFETIME))
    db.session.commit()
    response = client.post(f"{BASE}/bouwen/persona/opslaan", data={"name": "Te veel", "draft_key": key})
    assert response.get_json()["stashed"] is False
    db.session.query(PendingSave).delete()
    db.session.commit()
    monkeypatch.setattr(stash_module, "TOTAL_MAX_BYTES", 10)
    response = client.post(f"{BASE}/bouwen/persona/opslaan", data={"name": "Vol", "draft_key": key})
    assert response.get_json()["stashed"] is False
    assert stash_count() == 0


# --------------------------------------------------------------------------- 2. sessions end on the server


def test_a_cookie_copied_before_logout_no_longer_works(app, client, make):
    student = make.student()
    form_login(client, student)
    copy = app.test_client()
    copy_cookies(client, copy)
    assert logged_in(copy)
    client.post("/uitloggen")
    fresh()
    assert not logged_in(copy)
    response = copy.post(f"{BASE}/bouwen/persona/opslaan", data={"name": "Met een oude cookie"})
    fresh()
    assert response.status_code == 401 and Draft.find(student.id, A) is None


def test_a_new_password_ends_the_other_sessions_but_not_this_one(app, client, make):
    student = make.student()
    form_login(client, student)
    phone = app.test_client()
    form_login(phone, student)
    response = client.post("/wachtwoord", data={"current": PASSWORD, "password": "kompas-vuurtoren-8",
                                                "password_again": "kompas-vuurtoren-8"})
    fresh()
    assert response.status_code == 302
    assert logged_in(client)
    assert not logged_in(phone)


def test_a_teachers_reset_ends_every_session_of_the_student(app, client, make, login):
    teacher = make.user(Role.TEACHER)
    klas = make.school_class(teacher)
    student = make.student(klas)
    laptop = app.test_client()
    form_login(laptop, student)
    login(teacher)
    fresh()
    response = client.post(f"/klassen/{klas.id}/leerlingen/{student.id}/wachtwoord",
                           data={"password": "zeilboot-regen-42"})
    fresh()
    assert response.status_code == 302
    assert not logged_in(laptop)
    generated = client.post(f"/klassen/{klas.id}/leerlingen/{student.id}/wachtwoord/maken")
    fresh()
    assert generated.status_code == 200


def test_ending_sessions_is_what_deactivating_an_account_needs(app, client, make):
    student = make.student()
    form_login(client, student)
    student.end_sessions()
    db.session.commit()
    assert not logged_in(client)


def test_logout_everywhere_is_on_the_account_page_and_ends_every_session(app, client, make):
    student = make.student()
    form_login(client, student)
    other = app.test_client()
    form_login(other, student)
    page = text_of(client.get("/wachtwoord"))
    fresh()
    assert "Overal uitloggen" in page and 'action="/overal-uitloggen"' in page
    response = client.post("/overal-uitloggen")
    fresh()
    assert response.status_code == 302
    assert not logged_in(client) and not logged_in(other)


def test_the_session_check_costs_one_query(app, make):
    student = make.student()
    student.end_sessions()
    db.session.commit()
    session_id = student.get_id()
    assert session_id == f"{student.id}:1"
    db.session.expunge_all()
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        assert load_user(session_id).id == student.id
        assert load_user(f"{student.id}:0") is None and load_user(str(student.id)) is None
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert len(statements) <= 3  # one primary-key load per call (the identity map may save some)
    assert all(statement.lstrip().upper().startswith("SELECT") for statement in statements)
    for junk in ("", "x", "1:x", "1:2:3", "-1", "9" * 40, "1:" + "9" * 40):
        assert load_user(junk) is None


# --------------------------------------------------------------------------- 3. no 500s


def upload(client, content: bytes, name: str):
    fresh()
    response = client.post(f"{BASE}/uploaden", data={"file": (io.BytesIO(content), name)},
                           content_type="multipart/form-data")
    fresh()
    return response


@pytest.mark.parametrize("content, name, message", [
    (('{"phases": [{"name": "A", "touchpoints": [{"name": "B", "emotion": ' + HUGE + '}]}]}').encode(),
     "groot.journey.json", "emotie: moet een geheel getal van 1 tot 10 zijn"),
    (("phases:\n- name: A\n  touchpoints:\n  - name: B\n    emotion: " + HUGE + "\n").encode(),
     "groot.journey.yaml", "emotie: moet een geheel getal van 1 tot 10 zijn"),
    (b'{"title": "Kapot \\ud800", "phases": [{"name": "A"}]}', "surrogaat.journey.json",
     "titel: bevat een ongeldig teken"),
    (b'title: "Kapot \\udfff"\nphases:\n- name: A\n', "surrogaat.journey.yaml", "titel: bevat een ongeldig teken"),
    (b'{"persona": {"goals": ["\\ud83d"]}, "phases": []}', "doel.journey.json", "doelen[0]: bevat een ongeldig teken"),
])
def test_uploads_that_crashed_get_a_dutch_message_at_the_field(client, make, login, content, name, message):
    student = make.student()
    login(student)
    response = upload(client, content, name)
    assert response.status_code == 200
    assert message in text_of(response)
    assert Draft.find(student.id, A) is None


def test_the_command_line_and_the_plugin_loader_refuse_them_too(tmp_path, capsys):
    path = tmp_path / "groot.journey.json"
    path.write_text('{"phases": [{"name": "A", "touchpoints": [{"name": "B", "emotion": ' + HUGE + "}]}]}")
    surrogate = tmp_path / "kapot.journey.json"
    surrogate.write_text('{"title": "\\ud800", "phases": []}')
    for file, message in ((path, "emotie: moet een geheel getal"), (surrogate, "titel: bevat een ongeldig teken")):
        with pytest.raises(JourneyError) as refused:
            load_journey_file(file)  # what the pytest plugin and the command line use
        assert message in str(refused.value)
        assert grader_cli([str(file), "--assignment", A]) == 2
        assert message in capsys.readouterr().out


def test_ids_beyond_the_database_integer_are_404(client, make, login):
    """SQLite overflowed beyond 2^63 (OverflowError), PostgreSQL's INTEGER beyond 2^31."""
    teacher = make.user(Role.TEACHER)
    klas = make.school_class(teacher)
    login(teacher)
    for url in ("/klassen/99999999999999999999999", f"/klassen/{2**63}", f"/klassen/{2**31}",
                f"/klassen/{klas.id}/leerlingen/{2**64}/wachtwoord",
                f"/klassen/{klas.id}/opdrachten/{A}/beoordelen/{'9' * 5000}"):
        fresh()
        assert client.get(url).status_code == 404, url
    login(make.student(klas))
    fresh()
    for number in (2**63, 2**63 - 1, 2**31, MAX_ID):  # MAX_ID (2^31 - 1), the largest id: simply unknown
        fresh()
        assert client.get(f"{BASE}/pogingen/{number}").status_code == 404, number


def test_a_deadline_outside_2000_2100_is_refused_with_a_message(client, make, login):
    teacher = make.user(Role.TEACHER)
    klas = make.school_class(teacher)
    login(teacher)
    for day in ("0001-01-01", "1999-12-31", "2101-01-01", "9999-12-31"):
        fresh()
        response = client.post(f"/klassen/{klas.id}/opdrachten/{A}/instellingen",
                               data={"deadline_date": day, "deadline_time": "00:00"})
        assert response.status_code == 200, day
        assert "Kies een datum tussen 2000 en 2100." in text_of(response)


@pytest.fixture
def failing_app(app):
    """The app as in production: an error in a view becomes the 500 page, not a test failure."""
    app.config["PROPAGATE_EXCEPTIONS"] = False

    def broken():
        raise RuntimeError("kapot")

    def database_down():
        raise OperationalError("SELECT 1", {}, Exception("server closed the connection unexpectedly"))

    app.add_url_rule("/test-kapot", "test_kapot", broken, methods=["GET", "POST"])
    app.add_url_rule("/test-database-weg", "test_database_weg", database_down, methods=["GET", "POST"])
    return app


def test_a_500_is_a_dutch_page_in_the_layout_with_a_logged_request_id(failing_app, client, caplog):
    response = client.get("/test-kapot")
    assert response.status_code == 500
    page = text_of(response)
    request_id = response.headers["X-Request-Id"]
    assert '<html lang="nl">' in page and "css/site.css" in page
    assert "Er ging iets mis" in page and request_id in page
    assert "Er is niets verloren gegaan" in page  # a GET saves nothing
    assert "Werkzeug" not in page and "Internal Server Error" not in page
    assert any(request_id in record.getMessage() and record.exc_info for record in caplog.records)
    posted = text_of(client.post("/test-kapot"))
    assert "misschien niet opgeslagen" in posted and "Er is niets verloren gegaan" not in posted


def test_a_database_outage_is_a_dutch_503(failing_app, client):
    response = client.post("/test-database-weg")
    assert response.status_code == 503 and response.headers["Retry-After"]
    page = text_of(response)
    assert "Even niet bereikbaar" in page and "misschien niet opgeslagen" in page
    assert "probeer het opnieuw" in page.lower()


def test_autosave_during_a_database_outage_never_says_saved(failing_app, client, make, login, monkeypatch):
    student = make.student()
    login(student)

    def down(*args, **kwargs):
        raise OperationalError("UPDATE drafts", {}, Exception("terminating connection"))

    monkeypatch.setattr(store, "save", down)
    response = client.post(f"{BASE}/bouwen/persona/opslaan", data={"name": "Tijdens de storing"})
    assert response.status_code == 503
    answer = response.get_json()
    assert answer["ok"] is False and "niet opgeslagen" in answer["message"]


def test_an_outage_right_after_a_commit_is_still_the_503_page(failing_app, client, make, login, monkeypatch):
    """The PostgreSQL fault run: a commit had expired the user, the database went away, and the
    503 page's layout tried to reload the user: a 500. Now the page is shown as to a visitor."""
    student = make.student()
    login(student)
    down = {"now": False}

    def refuse(*args, **kwargs):
        if down["now"]:
            raise OperationalError("SELECT users", {}, Exception("Connection refused"))

    def save(*args, **kwargs):
        db.session.expire_all()  # what a commit does
        down["now"] = True
        raise OperationalError("UPDATE drafts", {}, Exception("server closed the connection unexpectedly"))

    monkeypatch.setattr(store, "save", save)
    event.listen(db.engine, "before_cursor_execute", refuse)
    try:
        response = client.post(f"{BASE}/bouwen/persona", data={"name": "Tijdens de storing", "action": "next"})
    finally:
        down["now"] = False
        event.remove(db.engine, "before_cursor_execute", refuse)
    fresh()
    assert response.status_code == 503
    assert "Even niet bereikbaar" in text_of(response)


# --------------------------------------------------------------------------- 4. one attempt per draft version


def test_a_double_hand_in_makes_one_attempt_and_shows_it(client, make, login):
    student = make.student()
    login(student)
    draft = give_draft(student)
    first = client.post(f"{BASE}/inleveren", data={"version": str(draft.version)})
    fresh()
    second = client.post(f"{BASE}/inleveren", data={"version": str(draft.version)})
    fresh()
    assert first.status_code == second.status_code == 302
    assert first.location.endswith(f"{BASE}/pogingen/1") and second.location.endswith(f"{BASE}/pogingen/1")
    assert len(Attempt.for_student(student.id, A)) == 1
    assert "Deze versie had je al ingeleverd" in text_of(client.get(second.location))
    fresh()
    resent = client.post(f"{BASE}/bouwen/check", data={"action": "submit", "version": str(draft.version)})
    fresh()
    assert resent.location.endswith(f"{BASE}/pogingen/1")
    assert len(Attempt.for_student(student.id, A)) == 1


def test_the_database_refuses_a_second_attempt_of_the_same_version(make):
    student = make.student()
    draft = give_draft(student)
    values = {"user_id": student.id, "assignment_id": A, "journey": "{}", "report": "{}", "grade": 5.5,
              "rubric_version": "1", "draft_version": draft.version}
    db.session.add(Attempt(number=1, **values))
    db.session.commit()
    db.session.add(Attempt(number=2, **values))  # a second worker that raced the first
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


# --------------------------------------------------------------------------- 5. registration


def register(client, code: str, username: str = "nieuweling", address: str = "10.2.2.2"):
    fresh()
    return client.post("/registreren", data={
        "join_code": code, "display_name": "Nieuweling", "username": username,
        "password": "kompas-vuurtoren-8", "password_again": "kompas-vuurtoren-8",
    }, environ_base={"REMOTE_ADDR": address})


def test_a_wrong_join_code_does_not_tell_who_exists(client, make):
    existing = make.student()
    page = text_of(register(client, "ZZZZZZ", username=existing.username))
    assert "Deze klascode kennen we niet" in page
    assert "al bezet" not in page
    klas = make.school_class()
    assert "al bezet" in text_of(register(client, klas.join_code, username=existing.username))


def test_failed_registrations_are_throttled_per_address(limited, client, make):
    for n in range(30):
        assert register(client, f"FOUT{n:02d}").status_code == 200
    blocked = register(client, "NOGEEN")
    assert blocked.status_code == 429 and "Te veel pogingen" in text_of(blocked)
    klas = make.school_class()
    assert register(client, klas.join_code, username="elders", address="10.2.2.3").status_code == 302


def test_a_class_registering_together_is_not_throttled(limited, client, make):
    klas = make.school_class()
    for n in range(35):  # 35 students behind one school address, each with a weak password first
        fresh()
        data = {"join_code": klas.join_code, "display_name": f"Leerling {n}", "username": f"leerling{n}",
                "password": "welkom01", "password_again": "welkom01"}
        assert client.post("/registreren", data=data, environ_base={"REMOTE_ADDR": "10.3.3.3"}).status_code == 200
        data.update(password="kompas-vuurtoren-8", password_again="kompas-vuurtoren-8")
        fresh()
        other = client.application.test_client()
        assert other.post("/registreren", data=data, environ_base={"REMOTE_ADDR": "10.3.3.3"}).status_code == 302


# --------------------------------------------------------------------------- 6. passwords


def test_the_common_password_list_is_shipped_with_its_source():
    assert len(common_passwords()) >= 10_000
    top = DATA.read_text("utf-8").splitlines()[:12]
    assert any("Source" in line for line in top) and any("Licence" in line for line in top)
    for word in ("123456", "password", "wachtwoord", "welkom01"):
        assert word in common_passwords()


@pytest.mark.parametrize("password", ["12345678", "wachtwoord", "Password1", "welkom01", "Welkom2024",
                                      "albeda2024", "qwertyuiop", "nieuweling", "Nieuweling123"])
def test_weak_passwords_are_refused_at_registration(client, make, password):
    klas = make.school_class()
    fresh()
    response = client.post("/registreren", data={
        "join_code": klas.join_code, "display_name": "Nieuweling", "username": "nieuweling",
        "password": password, "password_again": password})
    assert response.status_code == 200, password
    page = text_of(response)
    assert "te bekend" in page or "niet je naam of gebruikersnaam" in page


def test_the_rule_is_shown_next_to_the_field(client):
    assert "Geen bekend wachtwoord zoals welkom01" in text_of(client.get("/registreren"))


def test_a_new_password_and_a_teachers_reset_follow_the_rules(client, make, login):
    student = make.student()
    login(student)
    fresh()
    response = client.post("/wachtwoord", data={"current": PASSWORD, "password": "Password1",
                                                "password_again": "Password1"})
    assert response.status_code == 200 and "te bekend" in text_of(response)
    fresh()
    response = client.post("/wachtwoord", data={"current": PASSWORD, "password": student.username,
                                                "password_again": student.username})
    assert "niet je naam of gebruikersnaam" in text_of(response)
    teacher = student.school_class.teacher
    login(teacher)
    fresh()
    url = f"/klassen/{student.class_id}/leerlingen/{student.id}/wachtwoord"
    response = client.post(url, data={"password": "welkom01"})
    assert response.status_code == 200 and "te bekend" in text_of(response)
    fresh()
    response = client.post(url, data={"password": student.display_name + "1"})
    assert "naam of gebruikersnaam van de leerling" in text_of(response)


def test_demo_passwords_are_only_allowed_in_seed_demo(client, runner, make):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    fresh()
    assert client.post("/inloggen", data={"username": "sanne", "password": "welkom-student"}).status_code == 302
    klas = make.school_class()
    fresh()
    other = client.application.test_client()
    response = other.post("/registreren", data={
        "join_code": klas.join_code, "display_name": "Kopie", "username": "kopie",
        "password": "welkom-student", "password_again": "welkom-student"})
    assert response.status_code == 200 and "te bekend" in text_of(response)


# --------------------------------------------------------------------------- 7. caching and the login limit


def test_pages_behind_login_are_not_stored(client, make, login):
    student = make.student()
    login(student)
    for url in ("/", "/lessen", "/opdrachten", f"{BASE}/bouwen/persona", "/wachtwoord"):
        fresh()
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers.get("Cache-Control") == "no-store", url
    login(None)
    fresh()
    assert "no-store" not in (client.get("/lessen").headers.get("Cache-Control") or "")  # public pages may be kept


def test_the_login_limit_allows_five_tries_a_minute(limited, client, make):
    student = make.student()
    for n in range(4):
        fresh()
        response = client.post("/inloggen", data={"username": student.username, "password": f"fout-{n}-wachtwoord"})
        assert response.status_code == 200
    fresh()
    fifth = client.post("/inloggen", data={"username": student.username, "password": PASSWORD})
    assert fifth.status_code == 302  # the fifth try is a try, not a block


# --------------------------------------------------------------------------- 8. no false "saved"


def test_autosave_refuses_fields_for_phases_the_draft_does_not_have(client, make, login):
    """The fault run: the phases were never saved (database down), then touchpoints were typed."""
    student = make.student()
    login(student)
    assignment = get_assignment(A)
    store.save(student, assignment, journey_data.normalise({"persona": {"name": "Sanne"}}, assignment),
                step="touchpoints", loaded_version=None)
    version = str(Draft.find(student.id, A).version)
    fields = {"version": version, "phases-0-present": "1", "phases-0-touchpoints-0-name": "Website",
              "phases-0-touchpoints-0-emotion": "7"}
    fresh()
    response = client.post(f"{BASE}/bouwen/touchpoints/opslaan", data=fields)
    fresh()
    assert response.status_code == 409
    answer = response.get_json()
    assert answer["ok"] is False and "Deze fase bestaat niet meer. Laad de pagina opnieuw." in answer["message"]
    posted = client.post(f"{BASE}/bouwen/touchpoints", data={**fields, "action": "next"})
    fresh()
    assert posted.status_code == 303 and posted.location.endswith(f"{BASE}/bouwen/touchpoints")
    assert "Deze fase bestaat niet meer" in text_of(client.get(posted.location))
    fresh()
    assert Draft.find(student.id, A).journey_data["phases"] == []
    moments = client.post(f"{BASE}/bouwen/moments/opslaan", data={
        "version": version, "phases-0-present": "1", "phases-0-touchpoints-0-present": "1",
        "phases-0-touchpoints-0-moment_of_truth": "y"})
    fresh()
    assert moments.status_code == 409 and moments.get_json()["ok"] is False


def test_autosave_still_saves_touchpoints_of_phases_that_exist(client, make, login):
    student = make.student()
    login(student)
    draft = give_draft(student)
    fresh()
    response = client.post(f"{BASE}/bouwen/touchpoints/opslaan", data={
        "version": str(draft.version), "phases-0-present": "1", "phases-0-touchpoints-0-name": "Nieuw contact"})
    fresh()
    assert response.status_code == 200 and response.get_json()["ok"] is True
    assert Draft.find(student.id, A).journey_data["phases"][0]["touchpoints"][0]["name"] == "Nieuw contact"
