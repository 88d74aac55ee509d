"""Two tabs or two devices saving the same draft: a stale save is never applied. The student sees
both versions of the step and chooses; nothing typed is lost while choosing."""
from __future__ import annotations

import re

import pytest
from flask import g

from assignments import get_assignment
from courseware.builder import conflicts, journey_data, store
from courseware.builder.stash import COOKIE
from courseware.extensions import db
from courseware.models import Draft, PendingSave, Role

from .journeys import A, text_of

STEP = f"/opdrachten/{A}/bouwen"


def hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" type="hidden" value="([^"]*)"', html)
    assert match, f"no hidden field {name}"
    return match.group(1)


def draft_of(user) -> dict:
    db.session.expire_all()
    return journey_data.draft_data(Draft.find(user.id, A), get_assignment(A))


def version_of(user) -> int:
    db.session.expire_all()
    return Draft.find(user.id, A).version


def conflict_rows(user) -> list[PendingSave]:
    db.session.expire_all()
    return list(db.session.query(PendingSave).filter(PendingSave.user_id == user.id,
                                                     PendingSave.token.startswith("conflict:")))


def log_in(client, user) -> None:
    g.pop("_login_user", None)
    with client.session_transaction() as session:
        session.clear()
        session["_user_id"] = str(user.id)
        session["_fresh"] = True


@pytest.fixture
def student(make):
    return make.student()


@pytest.fixture
def tabs(app, student):
    """Two browsers (tabs, devices) of the same student."""
    one, two = app.test_client(), app.test_client()
    log_in(one, student)
    log_in(two, student)
    return one, two


def save(client, step: str, data: dict, action: str = "save"):
    g.pop("_login_user", None)
    return client.post(f"{STEP}/{step}", data={**data, "action": action})


def autosave(client, step: str, data: dict):
    g.pop("_login_user", None)
    return client.post(f"{STEP}/{step}/opslaan", data=data)


def make_conflict(tabs, student):
    """Both tabs load version 1; tab one saves; tab two then saves from the old version."""
    one, two = tabs
    save(one, "persona", {"name": "Eerste", "description": "Van tab één", "version": "0"})
    assert version_of(student) == 1
    save(one, "persona", {"name": "Sanne", "description": "Van tab één", "version": "1"})
    assert version_of(student) == 2
    return save(two, "persona", {"name": "Sem", "description": "Van tab twee", "quote": "Hoi!", "version": "1"})


# --------------------------------------------------------------------------- no JavaScript


def test_stale_post_is_not_applied_and_goes_to_the_conflict_page(tabs, student):
    response = make_conflict(tabs, student)
    assert response.status_code == 303
    assert response.location.endswith(f"{STEP}/persona/conflict")
    assert draft_of(student)["persona"]["name"] == "Sanne"  # the earlier save was not overwritten
    assert version_of(student) == 2
    rows = conflict_rows(student)
    assert len(rows) == 1 and ("name", "Sem") in rows[0].pairs and ("quote", "Hoi!") in rows[0].pairs
    assert all(name not in ("csrf_token", "action", "draft_key") for name, _v in rows[0].pairs)


def test_conflict_page_shows_both_versions_with_both_choices(tabs, student):
    _one, two = tabs
    make_conflict(tabs, student)
    response = two.get(f"{STEP}/persona/conflict")
    assert response.status_code == 200
    page = text_of(response)
    assert "Welke versie wil je houden?" in page
    assert "Bewaarde versie" in page and "Mijn nieuwe versie" in page
    saved = page.index("Bewaarde versie")
    mine = page.index("Mijn nieuwe versie", saved)
    assert "Sanne" in page[saved:mine] and "Van tab één" in page[saved:mine]
    assert "Sem" in page[mine:] and "Van tab twee" in page[mine:] and "Hoi!" in page[mine:]
    assert 'value="mine"' in page and 'value="saved"' in page
    assert "Mijn nieuwe versie bewaren" in page and "De bewaarde versie houden" in page
    assert hidden(page, "version") == "2"
    assert 'class="cards conflict-versions"' in page  # side by side when wide, stacked on a phone
    assert "<script" not in page.split("</header>", 1)[1].split("<footer", 1)[0]


def test_choosing_my_new_version_saves_it(tabs, student):
    _one, two = tabs
    make_conflict(tabs, student)
    response = two.post(f"{STEP}/persona/conflict", data={"choice": "mine", "version": "2"})
    assert response.status_code == 302 and response.location.endswith(f"{STEP}/persona")
    data = draft_of(student)
    assert data["persona"]["name"] == "Sem" and data["persona"]["quote"] == "Hoi!"
    assert data["persona"]["description"] == "Van tab twee"
    assert version_of(student) == 3
    assert conflict_rows(student) == []
    assert "Je nieuwe versie is bewaard." in text_of(two.get(response.location))


def test_choosing_the_saved_version_keeps_it_and_drops_mine(tabs, student):
    _one, two = tabs
    make_conflict(tabs, student)
    response = two.post(f"{STEP}/persona/conflict", data={"choice": "saved", "version": "2"})
    assert response.status_code == 302
    assert draft_of(student)["persona"]["name"] == "Sanne" and version_of(student) == 2
    assert conflict_rows(student) == []
    assert "Je hebt de bewaarde versie gehouden." in text_of(two.get(response.location))


def test_a_change_while_choosing_shows_the_choice_again_and_loses_nothing(tabs, student):
    one, two = tabs
    make_conflict(tabs, student)
    page = text_of(two.get(f"{STEP}/persona/conflict"))
    save(one, "persona", {"name": "Sanne 3", "version": "2"})  # tab one saves again meanwhile
    response = two.post(f"{STEP}/persona/conflict", data={"choice": "mine", "version": hidden(page, "version")})
    assert response.location.endswith(f"{STEP}/persona/conflict")
    assert draft_of(student)["persona"]["name"] == "Sanne 3"
    page = text_of(two.get(response.location))
    assert "Sanne 3" in page and "Sem" in page and hidden(page, "version") == "3"
    two.post(f"{STEP}/persona/conflict", data={"choice": "mine", "version": "3"})
    assert draft_of(student)["persona"]["name"] == "Sem"


def test_the_newest_typing_replaces_an_older_conflict_copy(tabs, student):
    _one, two = tabs
    make_conflict(tabs, student)
    save(two, "persona", {"name": "Sem, later", "version": "1"})
    rows = conflict_rows(student)
    assert len(rows) == 1 and ("name", "Sem, later") in rows[0].pairs


def test_the_step_page_points_to_an_open_conflict(tabs, student):
    one, _two = tabs
    make_conflict(tabs, student)
    page = text_of(one.get(f"{STEP}/trigger"))
    assert "Kies welke versie je houdt" in page and f"{STEP}/persona/conflict" in page


def test_a_fresh_save_and_a_save_that_changes_nothing_are_no_conflict(tabs, student):
    one, two = tabs
    save(one, "persona", {"name": "Sanne", "version": "0"})
    response = save(two, "persona", {"name": "Sanne", "version": "0"})  # stale, but the same text
    assert response.status_code == 302 and "/conflict" not in response.location
    response = save(two, "persona", {"name": "Sanne B", "version": "1"})
    assert "/conflict" not in response.location and draft_of(student)["persona"]["name"] == "Sanne B"
    assert conflict_rows(student) == []


def test_conflict_with_wrong_fields_brings_them_back_on_the_step_page(tabs, student):
    one, two = tabs
    save(one, "persona", {"name": "Sanne", "version": "0"})
    save(one, "persona", {"name": "Sanne 2", "version": "1"})
    save(two, "persona", {"name": "Sem", "age": "honderd", "version": "1"})
    assert len(conflict_rows(student)) == 1
    two.post(f"{STEP}/persona/conflict", data={"choice": "mine", "version": "2"})
    assert draft_of(student)["persona"]["name"] == "Sem"
    page = text_of(two.get(f"{STEP}/persona"))
    assert 'value="honderd"' in page and "Vul een leeftijd in" in page  # nothing typed is lost


def test_no_conflict_page_without_a_conflict(tabs, student):
    one, _two = tabs
    response = one.get(f"{STEP}/persona/conflict")
    assert response.status_code == 302 and response.location.endswith(f"{STEP}/persona")
    response = one.post(f"{STEP}/persona/conflict", data={"choice": "mine", "version": "1"})
    assert response.status_code == 302


# --------------------------------------------------------------------------- autosave (JSON)


def test_stale_autosave_gets_409_and_is_not_applied(tabs, student):
    one, two = tabs
    autosave(one, "trigger", {"trigger": "Eerste trigger", "version": "0"})
    autosave(one, "trigger", {"trigger": "Trigger van tab één", "version": "1"})
    response = autosave(two, "trigger", {"trigger": "Trigger van tab twee", "version": "1"})
    assert response.status_code == 409
    answer = response.get_json()
    assert answer["ok"] is False and answer["conflict"] is True
    assert answer["conflict_url"].endswith(f"{STEP}/trigger/conflict")
    assert "ander tabblad" in answer["message"] and answer["conflict_link"]
    assert draft_of(student)["trigger"] == "Trigger van tab één"
    rows = conflict_rows(student)
    assert len(rows) == 1 and ("trigger", "Trigger van tab twee") in rows[0].pairs
    page = text_of(two.get(answer["conflict_url"]))
    assert "Trigger van tab één" in page and "Trigger van tab twee" in page
    two.post(answer["conflict_url"], data={"choice": "mine", "version": hidden(page, "version")})
    assert draft_of(student)["trigger"] == "Trigger van tab twee"


def test_fresh_autosave_still_answers_200(tabs, student):
    one, _two = tabs
    answer = autosave(one, "trigger", {"trigger": "Een trigger", "version": "0"}).get_json()
    assert answer["ok"] is True and answer["version"] == 1


def test_builder_js_handles_the_conflict_answer(app):
    import pathlib
    js = (pathlib.Path(app.root_path) / "static/js/builder.js").read_text()
    assert "409" in js and "conflict_url" in js and "showConflict" in js


# --------------------------------------------------------------------------- stashed after an expired session


def test_a_stale_stash_becomes_a_conflict_after_logging_in(app, make, login, client):
    student = make.student()
    login(student)
    page = text_of(client.get(f"{STEP}/trigger"))
    key, version = hidden(page, "draft_key"), hidden(page, "version")
    other = app.test_client()
    log_in(other, student)
    save(other, "trigger", {"trigger": "Op de telefoon getypt", "version": version})
    login(None)
    client.post(f"{STEP}/trigger", data={"trigger": "Op de laptop getypt", "draft_key": key, "version": version,
                                         "action": "save"})
    assert client.get_cookie(COOKIE) is not None
    login(student)
    page = text_of(client.get("/opdrachten"))
    assert "Kies welke versie je wilt houden" in page
    assert draft_of(student)["trigger"] == "Op de telefoon getypt"
    rows = conflict_rows(student)
    assert len(rows) == 1 and ("trigger", "Op de laptop getypt") in rows[0].pairs


# --------------------------------------------------------------------------- who may


def test_conflict_page_is_for_students_only(client, make, login):
    for role in (Role.TEACHER, Role.ADMIN):
        login(make.user(role))
        assert client.get(f"{STEP}/persona/conflict").status_code == 403
        assert client.post(f"{STEP}/persona/conflict", data={"choice": "mine"}).status_code == 403
    login(None)
    assert client.get(f"{STEP}/persona/conflict").status_code == 302


def test_a_student_never_sees_or_resolves_anothers_conflict(app, tabs, student, make):
    make_conflict(tabs, student)
    other = make.student()
    client = app.test_client()
    log_in(client, other)
    g.pop("_login_user", None)
    response = client.get(f"{STEP}/persona/conflict")
    assert response.status_code == 302  # they have no conflict of their own
    client.post(f"{STEP}/persona/conflict", data={"choice": "saved", "version": "2"})
    assert len(conflict_rows(student)) == 1


def test_conflict_choice_needs_csrf(csrf_app, tabs, student):
    _one, two = tabs
    csrf_app.config["WTF_CSRF_ENABLED"] = False
    make_conflict(tabs, student)
    csrf_app.config["WTF_CSRF_ENABLED"] = True
    response = two.post(f"{STEP}/persona/conflict", data={"choice": "mine", "version": "2"})
    assert response.status_code == 400
    assert draft_of(student)["persona"]["name"] == "Sanne" and len(conflict_rows(student)) == 1
    page = text_of(two.get(f"{STEP}/persona/conflict"))
    response = two.post(f"{STEP}/persona/conflict", data={"choice": "mine", "version": hidden(page, "version"),
                                                          "csrf_token": hidden(page, "csrf_token")})
    assert response.status_code == 302 and draft_of(student)["persona"]["name"] == "Sem"


def test_unknown_assignment_or_step_is_404(tabs):
    one, _two = tabs
    assert one.get("/opdrachten/bestaat-niet/bouwen/persona/conflict").status_code == 404
    assert one.get(f"{STEP}/bestaat-niet/conflict").status_code == 404


def test_conflict_helpers_keep_one_row_per_step(student):
    conflicts.keep(student.id, A, "persona", [("name", "a"), ("csrf_token", "x")])
    conflicts.keep(student.id, A, "persona", [("name", "b")])
    conflicts.keep(student.id, A, "trigger", [("trigger", "c")])
    assert conflicts.pending_steps(student.id, A) == ["persona", "trigger"]
    assert conflicts.pending(student.id, A, "persona").pairs == [("name", "b")]


def test_a_button_on_an_old_version_is_not_done_blindly(tabs, student):
    """Remove a phase from a tab that shows an older order: it could hit another phase."""
    one, two = tabs
    phases = {"phases-0-name": "Oriëntatie", "phases-1-name": "Open dag"}
    save(one, "phases", {**phases, "version": "0"})
    save(one, "phases", {"phases-0-name": "Open dag", "phases-1-name": "Oriëntatie", "version": "1"})  # swapped
    swapped = {"phases-0-name": "Open dag", "phases-1-name": "Oriëntatie"}
    response = save(two, "phases", {**swapped, "version": "1"}, action="remove_phase:0")
    assert response.status_code == 302 and response.location.endswith(f"{STEP}/phases")
    assert [p["name"] for p in draft_of(student)["phases"]] == ["Open dag", "Oriëntatie"]
    assert "klik dan nog een keer" in text_of(two.get(response.location))
    assert conflict_rows(student) == []
    # With typed changes it is a conflict: the typed text is kept, the button is not done.
    response = save(two, "phases", {"phases-0-name": "Nieuw", "phases-1-name": "Oriëntatie", "version": "1"},
                    action="remove_phase:1")
    assert response.location.endswith(f"{STEP}/phases/conflict")
    assert [p["name"] for p in draft_of(student)["phases"]] == ["Open dag", "Oriëntatie"]
    page = text_of(two.get(response.location))
    assert "Nieuw" in page and "anders" in page


def test_typed_text_on_the_conflict_page_is_escaped(tabs, student):
    one, two = tabs
    save(one, "persona", {"name": "Sanne", "version": "0"})
    save(one, "persona", {"name": "Sanne 2", "version": "1"})
    save(two, "persona", {"name": "<script>x</script>", "goals": "<b>een</b>\ntwee", "version": "1"})
    html = two.get(f"{STEP}/persona/conflict").get_data(as_text=True)
    assert "<script>x" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert "&lt;b&gt;een&lt;/b&gt;<br>twee" in html


# --------------------------------------------------------------------------- the new fields (desired journey, research)

TWO_TOUCHPOINTS = {"phases": [{"name": "Open dag", "touchpoints": [
    {"name": "Ontvangst", "emotion": 4}, {"name": "Proefles", "emotion": 8}]}]}


def improve_post(version: int, situation: str, emotion: str) -> dict:
    return {"version": str(version), "phases-0-present": "1",
            "phases-0-touchpoints-0-present": "1", "phases-0-touchpoints-0-desired_situation": situation,
            "phases-0-touchpoints-0-desired_emotion": emotion,
            "phases-0-touchpoints-1-present": "1", "phases-0-touchpoints-1-desired_situation": "",
            "phases-0-touchpoints-1-desired_emotion": ""}


def test_a_conflict_on_the_improve_step_shows_and_keeps_the_desired_journey(tabs, student):
    one, two = tabs
    store.save(student, get_assignment(A), journey_data.normalise(TWO_TOUCHPOINTS, get_assignment(A)), step="check",
                loaded_version=None)
    version = version_of(student)
    save(one, "improve", improve_post(version, "Een student wacht bij de deur.", "8"))
    response = autosave(two, "improve", improve_post(version, "De mentor belt de avond ervoor.", "9"))
    assert response.status_code == 409
    page = text_of(two.get(f"{STEP}/improve/conflict"))
    saved, mine = page.index("Bewaarde versie"), page.index("Mijn nieuwe versie")
    assert "Fase 1, contactmoment 1: gewenste situatie" in page
    assert "Een student wacht bij de deur." in page[saved:mine] and "De mentor belt de avond ervoor." in page[mine:]
    assert "Fase 1, contactmoment 1: gewenst gevoel" in page
    two.post(f"{STEP}/improve/conflict", data={"choice": "mine", "version": hidden(page, "version")})
    tp = draft_of(student)["phases"][0]["touchpoints"][0]
    assert tp["desired_situation"] == "De mentor belt de avond ervoor." and tp["desired_emotion"] == 9


def test_conflict_rows_name_the_source_and_the_empathy_map(tabs, student):
    one, two = tabs
    save(one, "persona", {"name": "Sanne", "version": "0"})
    save(one, "persona", {"name": "Sanne", "empathy_feels": "Blij", "version": "1"})
    save(two, "persona", {"name": "Sanne", "empathy_feels": "Zenuwachtig\nMoe", "version": "1"})
    page = text_of(two.get(f"{STEP}/persona/conflict"))
    assert "Empathiekaart: Voelt" in page and "Blij" in page and "Zenuwachtig<br>Moe" in page
    two.post(f"{STEP}/persona/conflict", data={"choice": "mine", "version": hidden(page, "version")})
    assert draft_of(student)["persona"]["empathy_map"]["feels"] == ["Zenuwachtig", "Moe"]

    rows = conflicts._step_rows(journey_data.normalise(
        {"phases": [{"touchpoints": [{"name": "Balie", "source": "observatie"}]}]}, get_assignment(A)), "touchpoints")
    assert ("Fase 1, contactmoment 1: bron", "Observatie (gemba)") in rows


def test_a_stashed_improve_step_is_restored_after_logging_in(app, make, login, client):
    student = make.student()
    login(student)
    store.save(student, get_assignment(A), journey_data.normalise(TWO_TOUCHPOINTS, get_assignment(A)), step="check",
                loaded_version=None)
    page = text_of(client.get(f"{STEP}/improve"))
    key, version = hidden(page, "draft_key"), hidden(page, "version")
    login(None)
    client.post(f"{STEP}/improve", data={**improve_post(int(version), "Een buddy loopt mee.", "8"),
                                         "draft_key": key, "action": "save"})
    assert client.get_cookie(COOKIE) is not None
    login(student)
    assert "We hebben je laatste wijzigingen bewaard" in text_of(client.get("/opdrachten"))
    tp = draft_of(student)["phases"][0]["touchpoints"][0]
    assert tp["desired_situation"] == "Een buddy loopt mee." and tp["desired_emotion"] == 8
