"""The journey builder: roles, saving every step, add/remove/reorder without JavaScript, validation
that keeps what was typed, Controleer, the map, download/upload, autosave, stale versions and
keeping typed work when the session expired."""
from __future__ import annotations

import copy
import io
import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from flask import g

from assignments import BUILDER_STEPS, get_assignment
from courseware.builder import actions, journey_data, store
from courseware.builder.stash import COOKIE
from courseware.builder.steps import parse_action
from courseware.extensions import db
from courseware.models import Attempt, ClassAssignment, Draft, PendingSave, Role
from grader import load_journey

from .journeys import CLOSE_CALL, FULL_JOURNEY, A, plain, text_of

BASE = f"/opdrachten/{A}"




# --------------------------------------------------------------------------- helpers


def hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" type="hidden" value="([^"]*)"', html)
    assert match, f"no hidden field {name}"
    return match.group(1)


def field_block(html: str, field_id: str) -> str:
    """The <div class="field ..."> around the input with this id."""
    at = html.index(f'id="{field_id}"')
    start = html.rindex('<div class="field', 0, at)
    return html[start:html.index("</div>", at)]


def step_url(step: str, assignment: str = A) -> str:
    return f"/opdrachten/{assignment}/bouwen/{step}"


def post(client, step: str, data: dict | None = None, action: str = "save", assignment: str = A, **kwargs):
    return client.post(step_url(step, assignment), data={**(data or {}), "action": action}, **kwargs)


def data_of(user, assignment: str = A) -> dict:
    db.session.expire_all()
    draft = Draft.find(user.id, assignment)
    return journey_data.draft_data(draft, get_assignment(assignment))


def version_of(user, assignment: str = A) -> int:
    db.session.expire_all()
    return Draft.find(user.id, assignment).version


def give_draft(user, value: dict, assignment: str = A) -> Draft:
    result = store.save(user, get_assignment(assignment), journey_data.normalise(value, get_assignment(assignment)),
                         step="check", loaded_version=None)
    return result.draft


def structure(user) -> list[tuple[str, list[str]]]:
    return [(p["name"], [tp["name"] for tp in p["touchpoints"]]) for p in data_of(user)["phases"]]


def touchpoint_fields(data: dict) -> dict:
    """The touchpoints step's fields for this draft, as the browser posts them."""
    fields = {}
    for i, phase in enumerate(data["phases"]):
        fields[f"phases-{i}-present"] = "1"
        for j, tp in enumerate(phase["touchpoints"]):
            prefix = f"phases-{i}-touchpoints-{j}-"
            for key in ("name", "channel", "description", "pain", "gain", "service"):
                fields[prefix + key] = tp[key]
            fields[prefix + "emotion"] = "" if tp["emotion"] is None else str(tp["emotion"])
            fields[prefix + "source"] = tp["source"] or ""
    return fields


@pytest.fixture
def student(make, login):
    user = make.student()
    login(user)
    return user


# --------------------------------------------------------------------------- who may use the builder
# (Who may open which page is the authorisation matrix's, tests/courseware/test_authorisation.py.)

BUILDER_POSTS = [step_url("persona"), step_url("persona") + "/opslaan", f"{BASE}/inleveren", f"{BASE}/uploaden",
                 f"{BASE}/feedback/fase/1"]


@pytest.mark.parametrize("url", BUILDER_POSTS)
def test_anonymous_post_without_key_goes_to_login_and_stashes_nothing(client, url):
    response = client.post(url, data={"name": "Sanne"})
    assert response.status_code in (302, 401)
    assert db.session.query(PendingSave).count() == 0


@pytest.mark.parametrize("role", [Role.TEACHER, Role.ADMIN])
@pytest.mark.parametrize("url", BUILDER_POSTS)
def test_staff_may_not_post_to_the_builder(client, make, login, role, url):
    login(make.user(role))
    assert client.post(url, data={"name": "x"}).status_code == 403


@pytest.mark.parametrize("url", [step_url("persona", "bestaat-niet"), step_url("onbekend"),
                                 "/opdrachten/bestaat-niet/feedback", "/opdrachten/bestaat-niet/kaart"])
def test_unknown_assignment_or_step_is_404(client, student, url):
    assert client.get(url).status_code == 404


def test_students_only_see_their_own_draft(client, make, login):
    other = make.student()
    give_draft(other, {**FULL_JOURNEY, "persona": {"name": "Geheime Gijs"}})
    me = make.student()
    login(me)
    page = text_of(client.get(step_url("persona")))
    assert "Geheime Gijs" not in page
    assert "Geheime Gijs" not in text_of(client.get(f"{BASE}/kaart"))
    assert "Geheime Gijs" not in client.get(f"{BASE}/downloaden").get_data(as_text=True)
    post(client, "persona", {"name": "Mijn Mila"})
    assert data_of(other)["persona"]["name"] == "Geheime Gijs"
    assert data_of(me)["persona"]["name"] == "Mijn Mila"


# --------------------------------------------------------------------------- the step pages


def test_start_goes_to_the_first_step_then_to_the_step_reached(client, student):
    assert client.get(f"{BASE}/bouwen").location.endswith(step_url("persona"))
    post(client, "persona", {"name": "Sanne"}, action="next")
    post(client, "trigger", {"trigger": "Een advertentie"}, action="next")
    assert client.get(f"{BASE}/bouwen").location.endswith(step_url("phases"))


@pytest.mark.parametrize("step", BUILDER_STEPS)
def test_every_step_page_explains_and_links_its_lesson(client, student, step):
    give_draft(student, FULL_JOURNEY)
    response = client.get(step_url(step))
    assert response.status_code == 200
    page = text_of(response)
    assignment = get_assignment(A)
    assert assignment.hints[step] in page
    from courseware.builder.steps import STEPS
    assert f"/lessen/{STEPS[step].lesson}" in page
    assert 'aria-current="step"' in page
    # The step indicator consists of submit buttons of the form: leaving a step saves it.
    for other in BUILDER_STEPS:
        assert f'name="action" value="goto:{other}"' in page
    assert 'name="draft_key"' in page and 'name="version"' in page
    assert "<script>" not in page and "onclick" not in page


def test_persona_step_saves(client, student):
    response = post(client, "persona", {
        "name": " Sanne ", "age": "16", "description": "Zit in vmbo-4.",
        "goals": "Een leuke opleiding\r\n\r\nNieuwe vrienden", "frustrations": "Lange wachtrijen", "quote": "Hoi!",
        "empathy_says": "Wanneer begint het?\r\n Ik wil het zien ", "empathy_feels": "Zenuwachtig",
    })
    assert response.status_code == 302
    persona = data_of(student)["persona"]
    assert persona == {"name": "Sanne", "age": 16, "description": "Zit in vmbo-4.",
                       "goals": ["Een leuke opleiding", "Nieuwe vrienden"], "frustrations": ["Lange wachtrijen"],
                       "quote": "Hoi!",
                       "empathy_map": {"says": ["Wanneer begint het?", "Ik wil het zien"], "thinks": [], "does": [],
                                       "feels": ["Zenuwachtig"], "pains": [], "gains": []}}
    page = text_of(client.get(step_url("persona")))
    assert "Een leuke opleiding\nNieuwe vrienden" in page
    assert "Wanneer begint het?\nIk wil het zien" in page


def test_trigger_step_saves_and_next_goes_on(client, student):
    response = post(client, "trigger", {"trigger": "Sanne krijgt een brief."}, action="next")
    assert response.location.endswith(step_url("phases"))
    assert data_of(student)["trigger"] == "Sanne krijgt een brief."


def test_previous_and_goto_save_too(client, student):
    response = post(client, "trigger", {"trigger": "Eerst dit."}, action="prev")
    assert response.location.endswith(step_url("persona"))
    assert data_of(student)["trigger"] == "Eerst dit."
    response = post(client, "persona", {"name": "Noor"}, action="goto:moments")
    assert response.location.endswith(step_url("moments"))
    assert data_of(student)["persona"]["name"] == "Noor"
    assert Draft.find(student.id, A).step == "moments"


def test_check_button_saves_and_opens_feedback(client, student):
    response = post(client, "trigger", {"trigger": "Een brief."}, action="check")
    assert response.location.endswith(f"{BASE}/feedback")
    assert data_of(student)["trigger"] == "Een brief."


def test_unknown_action_is_a_plain_save(client, student):
    response = post(client, "trigger", {"trigger": "Zo."}, action="remove_phase:0")  # not a trigger-step button
    assert response.location.endswith(step_url("trigger"))
    assert data_of(student)["trigger"] == "Zo."


@pytest.mark.parametrize("action", ["remove_phase:²", "up_touchpoint:0:٣٣٣٣", "remove_phase:-1", "remove_phase:"])
def test_a_forged_action_index_is_a_plain_save(client, student, action):
    give_draft(student, {"phases": [{"name": "a"}, {"name": "b"}]})
    response = post(client, "phases", {"phases-0-name": "Oriëntatie", "phases-1-name": "b"}, action=action)
    assert response.status_code == 302
    assert [p["name"] for p in data_of(student)["phases"]] == ["Oriëntatie", "b"]


def test_phases_step_saves_names_descriptions_and_stage(client, student):
    give_draft(student, {"phases": [{"name": "a"}, {"name": "b"}]})
    post(client, "phases", {
        "phases-0-name": "Oriëntatie", "phases-0-description": "Zoeken", "phases-0-stage": "",
        "phases-1-name": "Nazorg", "phases-1-description": "", "phases-1-stage": "after_sales",
    })
    phases = data_of(student)["phases"]
    assert [(p["name"], p["description"], p["stage"]) for p in phases] == [
        ("Oriëntatie", "Zoeken", None), ("Nazorg", "", "after_sales")]
    page = text_of(client.get(step_url("phases")))
    assert "Laat de automatische controle kiezen" in page


def test_add_remove_and_reorder_phases_keep_typed_text(client, student):
    post(client, "phases", action="add_phase")
    post(client, "phases", {"phases-0-name": "Eerste"}, action="add_phase")
    response = post(client, "phases", {"phases-0-name": "Eerste", "phases-1-name": "Tweede"}, action="add_phase")
    assert response.location.endswith(step_url("phases") + "#fase-3")
    assert [p["name"] for p in data_of(student)["phases"]] == ["Eerste", "Tweede", ""]

    post(client, "phases", {"phases-0-name": "Eerste", "phases-1-name": "Tweede", "phases-2-name": "Derde"},
         action="up_phase:2")
    assert [p["name"] for p in data_of(student)["phases"]] == ["Eerste", "Derde", "Tweede"]
    post(client, "phases", {"phases-0-name": "Eerste!", "phases-1-name": "Derde", "phases-2-name": "Tweede"},
         action="down_phase:0")
    assert [p["name"] for p in data_of(student)["phases"]] == ["Derde", "Eerste!", "Tweede"]
    response = post(client, "phases", {"phases-0-name": "Derde", "phases-1-name": "Eerste!", "phases-2-name": "Tweede"},
                    action="remove_phase:1")
    assert [p["name"] for p in data_of(student)["phases"]] == ["Derde", "Tweede"]
    assert "Fase ‘Eerste!’ is weggehaald." in text_of(client.get(response.location))


def test_moving_a_phase_takes_its_touchpoints_along(client, student):
    give_draft(student, FULL_JOURNEY)
    fields = {f"phases-{i}-name": p["name"] for i, p in enumerate(FULL_JOURNEY["phases"])}
    post(client, "phases", fields, action="down_phase:0")
    assert structure(student)[:2] == [("Aanmelden", ["Formulier"]), ("Oriëntatie", ["Instagram", "Website"])]


def test_removing_a_phase_says_its_touchpoints_go_too(client, student):
    give_draft(student, FULL_JOURNEY)
    fields = {f"phases-{i}-name": p["name"] for i, p in enumerate(FULL_JOURNEY["phases"])}
    response = post(client, "phases", fields, action="remove_phase:0")
    page = text_of(client.get(response.location))
    assert "De 2 contactmomenten van deze fase zijn ook weg." in page
    assert [name for name, _ in structure(student)] == ["Aanmelden", "Open dag", "Nazorg"]


def test_phase_limit(client, student):
    give_draft(student, {"phases": [{"name": f"F{i}"} for i in range(12)]})
    fields = {f"phases-{i}-name": f"F{i}" for i in range(12)}
    response = post(client, "phases", fields, action="add_phase")
    assert len(data_of(student)["phases"]) == 12
    page = text_of(client.get(response.location))
    assert "Je hebt al 12 fasen. Meer kan niet." in page
    assert 'value="add_phase"' not in page


def test_posting_more_phases_than_the_limit_keeps_twelve(client, student):
    fields = {f"phases-{i}-name": f"F{i}" for i in range(20)}
    post(client, "phases", fields)
    assert len(data_of(student)["phases"]) == 12


def test_touchpoints_step_saves_all_fields(client, student):
    give_draft(student, {"phases": [{"name": "Oriëntatie", "touchpoints": [{"name": "x"}]}, {"name": "Leeg"}]})
    post(client, "touchpoints", {
        "phases-0-present": "1", "phases-1-present": "1",
        "phases-0-touchpoints-0-name": "Website", "phases-0-touchpoints-0-channel": "website",
        "phases-0-touchpoints-0-description": "Sanne zoekt info.", "phases-0-touchpoints-0-emotion": "6",
        "phases-0-touchpoints-0-pain": "Traag", "phases-0-touchpoints-0-gain": "Mooi",
        "phases-0-touchpoints-0-service": "Chat", "phases-0-touchpoints-0-source": "mystery_guest",
    })
    tp = data_of(student)["phases"][0]["touchpoints"][0]
    assert tp == {"name": "Website", "channel": "website", "description": "Sanne zoekt info.", "emotion": 6,
                  "moment_of_truth": False, "moment_of_truth_reason": "", "pain": "Traag", "gain": "Mooi",
                  "service": "Chat", "source": "mystery_guest", "desired_situation": "", "desired_emotion": None}
    assert data_of(student)["phases"][1]["touchpoints"] == []


def test_add_remove_and_move_touchpoints(client, student):
    give_draft(student, {"phases": [{"name": "A"}, {"name": "B"}]})
    response = post(client, "touchpoints", {"phases-0-present": "1", "phases-1-present": "1"},
                    action="add_touchpoint:0")
    assert response.location.endswith("#cm-1-1")
    fields = touchpoint_fields(data_of(student))
    fields["phases-0-touchpoints-0-name"] = "Een"
    post(client, "touchpoints", fields, action="add_touchpoint:0")
    fields = touchpoint_fields(data_of(student))
    fields["phases-0-touchpoints-1-name"] = "Twee"
    post(client, "touchpoints", fields, action="add_touchpoint:1")
    fields = touchpoint_fields(data_of(student))
    fields["phases-1-touchpoints-0-name"] = "Drie"
    post(client, "touchpoints", fields, action="up_touchpoint:0:1")
    assert structure(student) == [("A", ["Twee", "Een"]), ("B", ["Drie"])]
    # The last touchpoint of a phase moves down into the next phase, the first one up into the one before.
    post(client, "touchpoints", touchpoint_fields(data_of(student)), action="down_touchpoint:0:1")
    assert structure(student) == [("A", ["Twee"]), ("B", ["Een", "Drie"])]
    post(client, "touchpoints", touchpoint_fields(data_of(student)), action="up_touchpoint:1:0")
    assert structure(student) == [("A", ["Twee", "Een"]), ("B", ["Drie"])]
    post(client, "touchpoints", touchpoint_fields(data_of(student)), action="down_touchpoint:0:0")
    assert structure(student) == [("A", ["Een", "Twee"]), ("B", ["Drie"])]
    response = post(client, "touchpoints", touchpoint_fields(data_of(student)), action="remove_touchpoint:0:0")
    assert structure(student) == [("A", ["Twee"]), ("B", ["Drie"])]
    assert "Contactmoment ‘Een’ is weggehaald." in text_of(client.get(response.location))


def test_out_of_range_buttons_change_nothing(client, student):
    give_draft(student, FULL_JOURNEY)
    before = structure(student)
    for action in ("remove_touchpoint:9:0", "up_touchpoint:0:9", "down_touchpoint:99:0", "add_touchpoint:40"):
        assert post(client, "touchpoints", touchpoint_fields(data_of(student)), action=action).status_code == 302
    assert structure(student) == before


# --------------------------------------------------------------------------- undo of "Weghalen"


def phase_fields(data: dict) -> dict:
    return {f"phases-{i}-name": p["name"] for i, p in enumerate(data["phases"])}


def test_undo_puts_a_removed_phase_back_with_its_touchpoints(client, student):
    give_draft(student, FULL_JOURNEY)
    before = data_of(student)
    response = post(client, "phases", phase_fields(before), action="remove_phase:1")
    assert response.location.endswith(step_url("phases") + "#weggehaald")
    assert [name for name, _ in structure(student)] == ["Oriëntatie", "Open dag", "Nazorg"]
    html = client.get(response.location).get_data(as_text=True)
    notice = html[html.index('id="weggehaald"'):]
    notice = notice[:notice.index("</div>")]
    assert "Fase ‘Aanmelden’ is weggehaald. Het contactmoment van deze fase is ook weg." in notice
    assert 'name="action" value="undo"' in notice and "Ongedaan maken" in notice

    response = post(client, "phases", phase_fields(data_of(student)), action="undo")
    assert response.location.endswith(step_url("phases") + "#fase-2")
    assert data_of(student) == before  # the same phases, touchpoints and order; nothing left to undo
    page = text_of(client.get(response.location))
    assert "Fase ‘Aanmelden’ staat weer terug." in page and "is weggehaald" not in page


def test_undo_puts_a_removed_touchpoint_back_and_keeps_what_was_typed(client, student):
    give_draft(student, FULL_JOURNEY)
    before = data_of(student)
    response = post(client, "touchpoints", touchpoint_fields(before), action="remove_touchpoint:0:0")
    assert response.location.endswith(step_url("touchpoints") + "#weggehaald")
    assert "Contactmoment ‘Instagram’ is weggehaald." in text_of(client.get(response.location))
    fields = touchpoint_fields(data_of(student))
    fields["phases-0-touchpoints-0-name"] = "Website!"  # typed before clicking undo: saved too
    response = post(client, "touchpoints", fields, action="undo")
    assert response.location.endswith(step_url("touchpoints") + "#cm-1-1")
    expected = copy.deepcopy(before)
    expected["phases"][0]["touchpoints"][1]["name"] = "Website!"
    assert data_of(student) == expected


def test_undo_still_works_after_an_add_but_not_after_another_remove(client, student):
    give_draft(student, FULL_JOURNEY)
    first = FULL_JOURNEY["phases"][0]["name"]
    post(client, "phases", phase_fields(data_of(student)), action="remove_phase:0")
    post(client, "phases", phase_fields(data_of(student)), action="add_phase")  # within the undo's time
    assert "Ongedaan maken" in text_of(client.get(step_url("phases")))
    post(client, "phases", phase_fields(data_of(student)), action="undo")
    restored = data_of(student)
    assert [phase["name"] for phase in restored["phases"]][:2] == [first, FULL_JOURNEY["phases"][1]["name"]]
    assert len(restored["phases"]) == len(FULL_JOURNEY["phases"]) + 1  # the added phase stays too

    # A second remove replaces the first: one undo, for the last remove only.
    post(client, "phases", phase_fields(data_of(student)), action="remove_phase:0")
    post(client, "phases", phase_fields(data_of(student)), action="remove_phase:0")
    post(client, "phases", phase_fields(data_of(student)), action="undo")
    after_undo = data_of(student)
    assert after_undo["phases"][0]["name"] == FULL_JOURNEY["phases"][1]["name"]
    assert first not in [phase["name"] for phase in after_undo["phases"]]
    response = post(client, "phases", phase_fields(after_undo), action="undo")
    page = text_of(client.get(response.location))
    assert "Ongedaan maken kan niet meer. Je hebt daarna iets anders weggehaald of het al teruggezet." in page
    assert data_of(student) == after_undo


def test_undo_from_an_older_page_is_refused(client, student):
    give_draft(student, FULL_JOURNEY)
    post(client, "touchpoints", touchpoint_fields(data_of(student)), action="remove_touchpoint:1:0")
    removed = data_of(student)
    old_version = version_of(student)
    post(client, "touchpoints", touchpoint_fields(removed), action="add_touchpoint:2")  # another tab
    newest = data_of(student)
    fields = {**touchpoint_fields(removed), "version": str(old_version)}
    response = post(client, "touchpoints", fields, action="undo")
    # The version check: nothing is stored, the student chooses between the two versions.
    assert response.location.endswith(step_url("touchpoints") + "/conflict")
    assert data_of(student) == newest
    # From the newest page the undo works: the touchpoint is back, the other tab's add stays.
    post(client, "touchpoints", touchpoint_fields(newest), action="undo")
    restored = data_of(student)
    assert restored["phases"][1]["touchpoints"][0] == removed["_removed"]["item"]
    assert len(restored["phases"][2]["touchpoints"]) == len(newest["phases"][2]["touchpoints"])


def test_the_removed_item_never_leaves_the_builder(client, student):
    value = copy.deepcopy(FULL_JOURNEY)
    value["phases"][3]["name"] = "Verdwenen fase"
    give_draft(student, value)
    post(client, "phases", phase_fields(data_of(student)), action="remove_phase:3")
    stored = Draft.find(student.id, A).journey_data
    assert stored["_removed"]["item"]["name"] == "Verdwenen fase"  # kept in the draft for the undo
    download = client.get(f"{BASE}/downloaden").get_data(as_text=True)
    assert "_removed" not in download and "Verdwenen fase" not in download
    assert "_removed" not in journey_data.export(data_of(student))
    assert "Verdwenen fase" not in text_of(client.get(f"{BASE}/feedback"))
    response = client.post(f"{BASE}/inleveren", data={"version": str(version_of(student))})
    attempt = Attempt.find(student.id, A, 1)
    assert response.status_code == 302 and attempt is not None
    assert "_removed" not in attempt.journey_data
    assert [p["name"] for p in attempt.journey_data["phases"]] == ["Oriëntatie", "Aanmelden", "Open dag"]
    assert "Verdwenen fase" not in json.dumps(attempt.report_data, ensure_ascii=False)


def test_a_stored_removed_entry_that_is_not_whole_is_dropped():
    assignment = get_assignment(A)
    for broken in ({"what": "phase"}, {"what": "touchpoint", "phase": 0, "item": {}}, {"what": "x", "phase": 0,
                   "item": {}}, {"what": "phase", "phase": -1, "item": {}}, "weg", None):
        assert "_removed" not in journey_data.normalise({"_removed": broken}, assignment)
    kept = journey_data.normalise({"_removed": {"what": "touchpoint", "phase": 1, "index": 0,
                                                "item": {"name": " Kassa ", "emotion": 99}}}, assignment)
    assert kept["_removed"]["item"]["name"] == "Kassa" and kept["_removed"]["item"]["emotion"] is None


def test_undo_without_a_csrf_token_changes_nothing(csrf_app, client, make, login):
    student = make.student()
    login(student)
    give_draft(student, FULL_JOURNEY)
    draft_value = data_of(student)
    draft_value["phases"] = draft_value["phases"][1:]
    draft_value["_removed"] = {"what": "phase", "phase": 0, "index": None, "item": FULL_JOURNEY["phases"][0]}
    store.save(student, get_assignment(A), draft_value, step=None, loaded_version=None)
    before = data_of(student)
    response = post(client, "phases", phase_fields(before), action="undo")
    assert response.status_code in (302, 400)
    assert data_of(student) == before


def test_undo_works_only_on_the_students_own_draft(client, make, login):
    other = make.student()
    give_draft(other, FULL_JOURNEY)
    store.save(other, get_assignment(A), {**data_of(other), "_removed": {
        "what": "phase", "phase": 0, "index": None, "item": {"name": "Van een ander"}}}, step=None,
        loaded_version=None)
    other_before = data_of(other)
    me = make.student()
    login(me)
    give_draft(me, {"phases": [{"name": "Mijn fase"}]})
    response = post(client, "phases", {"phases-0-name": "Mijn fase"}, action="undo")
    assert "Ongedaan maken kan niet meer" in text_of(client.get(response.location))
    assert structure(me) == [("Mijn fase", [])]
    assert data_of(other) == other_before


def test_touchpoint_limit(client, student):
    give_draft(student, {"phases": [{"name": "A", "touchpoints": [{"name": f"t{j}"} for j in range(15)]}]})
    response = post(client, "touchpoints", touchpoint_fields(data_of(student)), action="add_touchpoint:0")
    assert len(data_of(student)["phases"][0]["touchpoints"]) == 15
    assert "Deze fase heeft al 15 contactmomenten. Meer kan niet." in text_of(client.get(response.location))


def test_moments_step_saves_checkbox_and_reason(client, student):
    give_draft(student, FULL_JOURNEY)
    fields = {}
    for i, phase in enumerate(FULL_JOURNEY["phases"]):
        fields[f"phases-{i}-present"] = "1"
        for j, _tp in enumerate(phase["touchpoints"]):
            fields[f"phases-{i}-touchpoints-{j}-present"] = "1"
    fields["phases-0-touchpoints-1-moment_of_truth"] = "y"
    fields["phases-0-touchpoints-1-moment_of_truth_reason"] = "Hier beslist Sanne of ze komt."
    post(client, "moments", fields)
    touchpoints = [tp for p in data_of(student)["phases"] for tp in p["touchpoints"]]
    assert [tp["moment_of_truth"] for tp in touchpoints] == [False, True, False, False, False]  # "Ontvangst" unticked
    assert touchpoints[1]["moment_of_truth_reason"] == "Hier beslist Sanne of ze komt."
    moment = FULL_JOURNEY["phases"][2]["touchpoints"][0]
    assert touchpoints[3]["moment_of_truth_reason"] == moment["moment_of_truth_reason"]


def test_moments_step_never_changes_the_structure(client, student):
    give_draft(student, FULL_JOURNEY)
    before = structure(student)
    post(client, "moments", {"phases-0-present": "1", "phases-0-touchpoints-7-present": "1",
                             "phases-9-touchpoints-0-present": "1"})
    assert structure(student) == before


# --------------------------------------------------------------------------- validation keeps what was typed


def test_wrong_emotion_is_kept_in_the_form_with_a_dutch_message_next_to_it(client, student):
    give_draft(student, FULL_JOURNEY)
    fields = touchpoint_fields(data_of(student))
    fields["phases-0-touchpoints-0-emotion"] = "11"
    fields["phases-0-touchpoints-1-description"] = "Nieuwe tekst die bewaard moet worden."
    response = post(client, "touchpoints", fields, action="next")
    assert response.status_code == 200  # stays on the step
    page = text_of(response)
    block = field_block(page, "phases-0-touchpoints-0-emotion")
    assert 'value="11"' in block
    assert "Vul een heel getal in van 1 tot 10." in block
    assert 'aria-invalid="true"' in block
    # one message, not two: where to look, that the button waits, and that the rest is saved
    assert page.count("Er is iets niet goed ingevuld.") == 1
    assert ("Er is iets niet goed ingevuld. Kijk bij de velden met een rode rand. Verbeter dat eerst; daarna kun "
            "je verder. De rest van je werk is bewaard.") in " ".join(re.sub(r"<[^>]+>", " ", page).split())
    saved = data_of(student)["phases"][0]["touchpoints"]
    assert saved[0]["emotion"] == 7  # the wrong value was not saved as something else
    assert saved[1]["description"] == "Nieuwe tekst die bewaard moet worden."  # the rest was saved


def touchpoint_card(html: str, card_id: str) -> tuple[str, str]:
    """The opening tag and the summary line of the touchpoint card with this id."""
    at = html.index(f'id="{card_id}"')
    start = html.rindex("<details", 0, at)
    return html[start:html.index(">", at) + 1], html[html.index("<summary", at):html.index("</summary>", at)]


def test_touchpoints_fold_to_a_summary_line_new_and_wrong_ones_open(client, student):
    journey = copy.deepcopy(FULL_JOURNEY)
    journey["phases"][0]["touchpoints"][0].update(moment_of_truth=True, moment_of_truth_reason="Het begin.")
    journey["phases"][0]["touchpoints"].append({"name": ""})
    give_draft(student, journey)
    saved = data_of(student)["phases"][0]["touchpoints"]
    page = text_of(client.get(step_url("touchpoints")))
    tag, summary = touchpoint_card(page, "cm-1-1")
    assert " open" not in tag  # filled in: folded
    assert saved[0]["name"] in summary and saved[0]["channel"] in summary
    assert f"{saved[0]['emotion']}</span>" in summary and "★" in summary and "Moment van de waarheid" in summary
    tag, summary = touchpoint_card(page, "cm-1-2")
    assert " open" not in tag and "★" not in summary
    tag, summary = touchpoint_card(page, f"cm-1-{len(saved)}")
    assert tag.endswith(" open>") and "Nog geen naam" in summary  # new: open
    assert 'name="phases-0-touchpoints-0-description"' in page  # folded fields are still in the form

    fields = touchpoint_fields(data_of(student))
    fields["phases-0-touchpoints-1-emotion"] = "11"
    page = text_of(post(client, "touchpoints", fields))
    tag, summary = touchpoint_card(page, "cm-1-2")
    assert tag.endswith(" open>") and "Niet goed ingevuld" in summary  # wrong: open, and the line says so
    assert " open" not in touchpoint_card(page, "cm-1-1")[0]


@pytest.mark.parametrize("value", ["0", "zeven", "7,5", "-3", "100000000", "²"])
def test_emotion_must_be_a_whole_number_from_1_to_10(client, student, value):
    give_draft(student, FULL_JOURNEY)
    fields = touchpoint_fields(data_of(student))
    fields["phases-0-touchpoints-0-emotion"] = value
    page = text_of(post(client, "touchpoints", fields))
    assert f'value="{value}"' in field_block(page, "phases-0-touchpoints-0-emotion")
    assert data_of(student)["phases"][0]["touchpoints"][0]["emotion"] == 7


def test_empty_emotion_clears_it(client, student):
    give_draft(student, FULL_JOURNEY)
    fields = touchpoint_fields(data_of(student))
    fields["phases-0-touchpoints-0-emotion"] = ""
    assert post(client, "touchpoints", fields).status_code == 302
    assert data_of(student)["phases"][0]["touchpoints"][0]["emotion"] is None


def test_too_long_text_is_kept_with_a_message(client, student):
    long_name = "x" * 121
    response = post(client, "persona", {"name": long_name, "age": "zeventien", "quote": "Goed zo"})
    page = text_of(response)
    assert response.status_code == 200
    block = field_block(page, "name")
    assert long_name in block
    assert "Dit is te lang: 121 tekens. Maak het korter: hoogstens 120 tekens." in block
    assert "Vul een leeftijd in als heel getal van 0 tot 120" in field_block(page, "age")
    persona = data_of(student)["persona"]
    assert persona["name"] == "" and persona["age"] is None and persona["quote"] == "Goed zo"


def test_too_many_goal_lines(client, student):
    page = text_of(post(client, "persona", {"goals": "\n".join(f"doel {i}" for i in range(11))}))
    assert "Dit zijn 11 regels. Hoogstens 10." in field_block(page, "goals")


def test_a_button_with_errors_in_the_form_does_not_act(client, student):
    give_draft(student, {"phases": [{"name": "A"}]})
    response = post(client, "phases", {"phases-0-name": "y" * 200}, action="add_phase")
    assert response.status_code == 200
    assert len(data_of(student)["phases"]) == 1
    assert "y" * 200 in text_of(response)


def test_a_wrong_stage_gets_a_message(client, student):
    give_draft(student, {"phases": [{"name": "A", "stage": "purchase"}]})
    page = text_of(post(client, "phases", {"phases-0-name": "A", "phases-0-stage": "hacker"}))
    assert "Kies een van de soorten uit de lijst." in page
    assert data_of(student)["phases"][0]["stage"] == "purchase"


# --------------------------------------------------------------------------- Controleer, map, download


def test_feedback_shows_every_criterion_level_tip_lesson_and_stages(client, student):
    give_draft(student, FULL_JOURNEY)
    response = client.get(f"{BASE}/feedback")
    assert response.status_code == 200
    page = text_of(response)
    from courseware.builder.handin import grade_data
    report = grade_data(data_of(student), get_assignment(A), student)
    words = re.sub(r"<[^>]+>", "", page).replace("\n", " ").replace("  ", " ")
    assert "Voorlopige feedback" in words  # and no grade: see test_provisional_grades
    for criterion in report.criteria:
        assert criterion.title in page
        assert criterion.feedback in page
        if criterion.tip:  # "Nog sterker: ..." shows its label in bold: compare the words
            assert criterion.tip in words
        assert f"/lessen/{criterion.lesson}" in page
        assert f"level-{criterion.level}" in page
    for phase in report.phases:
        assert phase.evidence in page
    assert "Oriëntatie" in page and "jm-" in page  # the journey map
    assert f'action="{BASE}/inleveren"' in page


def test_feedback_says_where_the_stage_is_a_doubt(client, student):
    # tests/grader/test_stage_sequence.py: the third phase is a close call between two stages.
    give_draft(student, CLOSE_CALL)
    from courseware.builder.handin import grade_data
    from courseware.builder.steps import STAGE_LABELS
    report = grade_data(data_of(student), get_assignment(A), student)
    doubts = [p for p in report.phases if p.other]
    assert [p.name for p in doubts] == ["Uitzoeken wat er aan de hand is"]
    page = text_of(client.get(f"{BASE}/feedback"))
    other = str(STAGE_LABELS[doubts[0].other]).lower()
    assert page.count(f'<span class="stage-tag stage-doubt">of {other}?</span>') == 1  # "Welke fase is wat?"
    assert page.count(f'<span class="jm-stage jm-stage-doubt">of {other}?</span>') == 1  # the map
    assert "Maar ik weet het niet zeker" in page
    # The doubted phase links to its "Soort fase" in the builder; the others do not.
    assert page.count(f'href="{step_url("phases")}#fase-') == 1
    assert f'href="{step_url("phases")}#fase-3">Kies de soort fase van ‘Uitzoeken wat er aan de hand is’</a>' in page


def test_a_doubt_is_settled_on_the_feedback_page_in_one_click(client, student):
    # The two stages the grader named are two buttons; the one clicked becomes the phase's "Soort fase".
    give_draft(student, CLOSE_CALL)
    from courseware.builder.handin import grade_data
    from courseware.builder.steps import STAGE_LABELS
    doubt = next(p for p in grade_data(data_of(student), get_assignment(A), student).phases if p.other)
    page = text_of(client.get(f"{BASE}/feedback"))
    assert page.count('class="choose-stage"') == 1 and f'action="{BASE}/feedback/fase/3"' in page
    for stage in (doubt.stage, doubt.other):
        assert f'name="stage" value="{stage}" class="secondary small">{STAGE_LABELS[stage]}</button>' in page
    before = data_of(student)
    response = client.post(f"{BASE}/feedback/fase/3", data={"stage": doubt.other, "version": str(version_of(student))})
    assert response.status_code == 303 and response.location.endswith(f"{BASE}/feedback")
    before["phases"][2]["stage"] = doubt.other
    assert data_of(student) == before  # that phase's stage, and nothing else
    page = text_of(client.get(f"{BASE}/feedback"))
    assert f"de soort fase van ‘{doubt.name}’ is nu ‘{STAGE_LABELS[doubt.other]}’" in page
    assert 'class="choose-stage"' not in page  # the student said it: no doubt left


def test_settling_a_doubt_after_a_save_elsewhere_stores_nothing(client, student):
    give_draft(student, CLOSE_CALL)
    loaded = version_of(student)
    give_draft(student, {**CLOSE_CALL, "title": "Lesuitval in periode 2"})  # another tab, or a group member
    response = client.post(f"{BASE}/feedback/fase/3", data={"stage": "consideration", "version": str(loaded)})
    assert response.status_code == 303
    assert data_of(student)["phases"][2]["stage"] is None
    assert "Kijk of de fasen nog kloppen en kies opnieuw." in text_of(client.get(f"{BASE}/feedback"))


@pytest.mark.parametrize(("number", "data"), [
    (3, {"stage": "iets", "version": "{v}"}),  # not a stage
    (9, {"stage": "consideration", "version": "{v}"}),  # no such phase
    (3, {"stage": "consideration"}),  # no version: the phases may have moved
])
def test_settling_a_doubt_with_bad_input_stores_nothing_and_says_so(client, student, number, data):
    give_draft(student, CLOSE_CALL)
    version = version_of(student)
    data = {key: value.format(v=version) for key, value in data.items()}
    assert client.post(f"{BASE}/feedback/fase/{number}", data=data).status_code == 303
    assert version_of(student) == version
    assert "Opslaan lukte niet. Kies de soort fase in de bouwer." in text_of(client.get(f"{BASE}/feedback"))


def test_feedback_links_an_unrecognised_phase_to_its_stage_field(client, student):
    give_draft(student, {"title": "Iets", "phases": [{"name": "Stap 1"}, {"name": "Nazorg", "touchpoints": [
        {"name": "Mail", "description": "Hoe was het?", "channel": "e-mail"}]}]})
    page = text_of(client.get(f"{BASE}/feedback"))
    assert "Bij ‘Stap 1’ herken ik geen fase." in page
    assert f'href="{step_url("phases")}#fase-1">Kies de soort fase van ‘Stap 1’</a>' in page
    assert f'{step_url("phases")}#fase-2' not in page  # 'Nazorg' is clear


def test_feedback_without_a_draft_sends_you_to_start(client, student):
    response = client.get(f"{BASE}/feedback")
    assert response.status_code == 302
    assert response.location.endswith(f"{BASE}/bouwen")


def test_map_page(client, student):
    give_draft(student, FULL_JOURNEY)
    response = client.get(f"{BASE}/kaart")
    page = text_of(response)
    assert response.status_code == 200
    for phase in FULL_JOURNEY["phases"]:
        assert phase["name"] in page
    assert "css/map.css" in page
    assert "data-print" in page


def test_map_page_of_an_empty_draft(client, student):
    response = client.get(f"{BASE}/kaart")
    assert response.status_code == 200
    assert "Je hebt nog niets gemaakt." in text_of(response)


def test_download_is_a_klantreis_file_that_round_trips(client, student):
    give_draft(student, FULL_JOURNEY)
    response = client.get(f"{BASE}/downloaden")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"] == f'attachment; filename="{A}-{student.username}.journey.json"'
    journey = load_journey(response.data, "x.journey.json")
    assert journey.to_dict()["format"] == "klantreis/1"
    assert journey.assignment == A
    before = data_of(student)

    # Change the draft, then upload the downloaded file: the draft is back as it was.
    post(client, "trigger", {"trigger": "Iets anders"})
    upload = client.post(f"{BASE}/uploaden", data={"file": (io.BytesIO(response.data), "terug.journey.json"),
                                                   "confirm": "y"}, content_type="multipart/form-data")
    assert upload.status_code == 302
    assert data_of(student) == before


# --------------------------------------------------------------------------- upload


def upload(client, content: bytes, filename: str = "reis.json", confirm: bool = True):
    data = {"file": (io.BytesIO(content), filename)}
    if confirm:
        data["confirm"] = "y"
    return client.post(f"{BASE}/uploaden", data=data, content_type="multipart/form-data")


def test_upload_page(client, student):
    page = text_of(client.get(f"{BASE}/uploaden"))
    assert 'enctype="multipart/form-data"' in page
    assert "Ik weet dat mijn huidige concept wordt vervangen" not in page  # nothing to replace yet
    give_draft(student, FULL_JOURNEY)
    assert "Ik weet dat mijn huidige concept wordt vervangen" in text_of(client.get(f"{BASE}/uploaden"))


def test_upload_valid_yaml_without_a_draft(client, student):
    content = "phases:\n  - name: Oriëntatie\n    touchpoints:\n      - name: Website\n        emotion: 6\n"
    response = upload(client, content.encode(), "reis.yaml", confirm=False)
    assert response.status_code == 302
    assert structure(student) == [("Oriëntatie", ["Website"])]
    assert data_of(student)["assignment"] == A


def test_upload_needs_confirmation_to_replace_work(client, student):
    give_draft(student, FULL_JOURNEY)
    response = upload(client, json.dumps({"phases": [{"name": "Nieuw"}]}).encode(), confirm=False)
    assert response.status_code == 200
    page = text_of(response)
    assert "Zet een vinkje als je je huidige concept wilt vervangen." in field_block(page, "confirm")
    assert "Je bestand is in orde." in page
    assert structure(student)[0][0] == "Oriëntatie"
    assert upload(client, json.dumps({"phases": [{"name": "Nieuw"}]}).encode()).status_code == 302
    assert structure(student) == [("Nieuw", [])]


def test_upload_invalid_journey_shows_dutch_errors_next_to_the_file_field(client, student):
    give_draft(student, FULL_JOURNEY)
    bad = {"phases": [{"name": "A", "touchpoints": [{"name": "x", "emotion": 11}]}]}
    page = text_of(upload(client, json.dumps(bad).encode()))
    block = field_block(page, "file")
    assert "fasen[0].contactmomenten[0].emotie: moet een geheel getal van 1 tot 10 zijn" in block
    assert structure(student)[0][0] == "Oriëntatie"  # unchanged


def test_upload_broken_json(client, student):
    page = text_of(upload(client, b'{"phases": [}'))
    assert "Dit is geen geldige JSON" in field_block(page, "file")


def test_upload_too_large(client, student):
    big = b'{"phases": [], "title": "' + b"x" * 1_100_000 + b'"}'
    page = text_of(upload(client, big))
    assert "Het bestand is te groot. Een klantreis mag hoogstens 1 MB zijn." in field_block(page, "file")


def test_upload_larger_than_the_request_limit_gets_the_413_page(client, student):
    response = upload(client, b"x" * (2 * 1024 * 1024 + 10))
    assert response.status_code == 413
    assert "hoogstens 1 MB" in text_of(response)


def test_upload_wrong_kind_of_file_or_none(client, student):
    page = text_of(upload(client, b"hallo", "reis.docx"))
    assert "Kies een bestand dat eindigt op .json of .yaml." in field_block(page, "file")
    response = client.post(f"{BASE}/uploaden", data={}, content_type="multipart/form-data")
    assert "Kies een bestand." in field_block(text_of(response), "file")


def test_upload_more_than_the_builder_holds(client, student):
    journey = {"phases": [{"name": f"F{i}"} for i in range(13)]}
    page = text_of(upload(client, json.dumps(journey).encode()))
    assert "In de bouwer kunnen hoogstens 12 fasen." in page
    assert Draft.find(student.id, A) is None


# --------------------------------------------------------------------------- autosave and versions


def test_autosave_endpoint_saves_and_answers_json(client, student):
    response = client.post(step_url("persona") + "/opslaan", data={"name": "Sanne", "version": "0"})
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["ok"] is True and answer["version"] == 1
    assert re.fullmatch(r"\d\d:\d\d", answer["saved_at"])
    assert answer["message"] == f"Opgeslagen om {answer['saved_at']}"
    assert data_of(student)["persona"]["name"] == "Sanne"


def test_autosave_reports_field_errors_and_saves_the_rest(client, student):
    give_draft(student, FULL_JOURNEY)
    fields = touchpoint_fields(data_of(student))
    fields["phases-0-touchpoints-0-emotion"] = "12"
    fields["phases-0-touchpoints-0-name"] = "Insta"
    fields["version"] = str(version_of(student))
    answer = client.post(step_url("touchpoints") + "/opslaan", data=fields).get_json()
    assert answer["ok"] is True
    assert "Vul een heel getal in van 1 tot 10" in answer["errors"]["phases-0-touchpoints-0-emotion"]
    touchpoint = data_of(student)["phases"][0]["touchpoints"][0]
    assert touchpoint["name"] == "Insta" and touchpoint["emotion"] == 7


@pytest.mark.parametrize("action", ["next", "prev", "check", "submit", "goto:check", "add_touchpoint:0"])
def test_autosave_ignores_buttons_that_are_not_in_place_actions(client, student, action):
    # Only an add, remove, move or undo of this step is done by the autosave (in place, builder.js);
    # moving on, checking and handing in stay the step form's.
    give_draft(student, FULL_JOURNEY)
    before = data_of(student)
    answer = client.post(step_url("phases") + "/opslaan", data={**phase_fields(before), "action": action}).get_json()
    assert answer["ok"] is True and "html" not in answer
    assert data_of(student) == before
    assert Attempt.find(student.id, A, 1) is None
    assert Draft.find(student.id, A).step == "check"


def test_every_save_bumps_the_version_and_the_form_carries_it(client, student):
    post(client, "persona", {"name": "A", "version": "0"})
    assert version_of(student) == 1
    post(client, "persona", {"name": "B", "version": "1"})
    assert version_of(student) == 2
    assert hidden(text_of(client.get(step_url("persona"))), "version") == "2"


def test_a_post_that_changes_nothing_does_not_bump_the_version(client, student):
    post(client, "persona", {"name": "A", "version": "0"})
    post(client, "persona", {"name": "A", "version": "1"})
    assert version_of(student) == 1


def test_a_stale_save_is_not_applied_but_goes_to_the_conflict_page(client, student):
    post(client, "persona", {"name": "Uit tab 1", "version": "0"})
    post(client, "persona", {"name": "Uit tab 1, weer", "version": "1"})
    response = post(client, "persona", {"name": "Uit tab 2", "version": "1"})  # tab 2 loaded version 1
    assert data_of(student)["persona"]["name"] == "Uit tab 1, weer"
    assert response.location.endswith(step_url("persona") + "/conflict")
    answer = client.post(step_url("persona") + "/opslaan", data={"name": "Weer tab 2", "version": "1"})
    assert answer.status_code == 409 and answer.get_json()["conflict"] is True


def test_fresh_version_gives_no_warning(client, student):
    post(client, "persona", {"name": "A", "version": "0"})
    response = post(client, "persona", {"name": "B", "version": "1"})
    assert "ander tabblad" not in text_of(client.get(response.location))


# --------------------------------------------------------------------------- expired sessions (CSRF on)


def csrf_page(client, step: str = "persona") -> str:
    return text_of(client.get(step_url(step)))


def test_posts_work_with_a_valid_csrf_token(csrf_app, client, make, login):
    student = make.student()
    login(student)
    page = csrf_page(client)
    response = post(client, "persona", {"name": "Sanne", "csrf_token": hidden(page, "csrf_token"),
                                        "draft_key": hidden(page, "draft_key"), "version": hidden(page, "version")})
    assert response.status_code == 302
    token = hidden(page, "csrf_token")
    answer = client.post(step_url("persona") + "/opslaan", data={"name": "Sanne 2"}, headers={"X-CSRFToken": token})
    assert answer.status_code == 200 and answer.get_json()["ok"] is True
    assert data_of(student)["persona"]["name"] == "Sanne 2"


def test_expired_csrf_token_while_logged_in_keeps_the_typed_text(csrf_app, client, make, login):
    student = make.student()
    login(student)
    page = csrf_page(client)
    response = post(client, "persona", {"name": "Bewaard na verlopen token", "csrf_token": "verlopen",
                                        "draft_key": hidden(page, "draft_key"), "version": "0"}, action="next")
    assert response.status_code == 302
    assert response.location.endswith(step_url("persona"))
    assert client.get_cookie(COOKIE) is not None
    page = text_of(client.get(response.location))
    assert "We hebben je laatste wijzigingen bewaard" in page
    assert data_of(student)["persona"]["name"] == "Bewaard na verlopen token"
    assert client.get_cookie(COOKIE) is None
    assert db.session.query(PendingSave).count() == 0


def test_logged_out_post_is_stashed_and_restored_after_login(csrf_app, client, make, login):
    student = make.student()
    login(student)
    give_draft(student, FULL_JOURNEY)
    page = csrf_page(client, "trigger")
    key, version = hidden(page, "draft_key"), hidden(page, "version")
    login(None)  # the session expired: no login, no CSRF token in the session

    response = post(client, "trigger", {"trigger": "Na een lange les getypt.", "csrf_token": "oud",
                                        "draft_key": key, "version": version}, action="next")
    assert response.status_code == 302
    assert "/inloggen" in response.location
    assert "next=%2Fopdrachten%2Fopen-dag%2Fbouwen%2Ftrigger" in response.location  # back to the step afterwards
    assert client.get_cookie(COOKIE) is not None
    assert data_of(student)["trigger"] == FULL_JOURNEY["trigger"]  # nothing written without a login

    login(student)
    page = text_of(client.get("/opdrachten"))
    assert "We hebben je laatste wijzigingen bewaard" in page
    assert data_of(student)["trigger"] == "Na een lange les getypt."
    assert "ander tabblad" not in page  # nothing else changed the draft meanwhile


def test_logged_out_post_without_csrf_checks_is_stashed_too(client, make, login):
    student = make.student()
    login(student)
    key = hidden(csrf_page(client), "draft_key")
    login(None)
    response = post(client, "persona", {"name": "Zonder sessie", "draft_key": key})
    assert "/inloggen" in response.location
    login(student)
    client.get("/opdrachten")
    assert data_of(student)["persona"]["name"] == "Zonder sessie"


def test_logged_out_autosave_answers_401_json_and_stashes(csrf_app, client, make, login):
    student = make.student()
    login(student)
    key = hidden(csrf_page(client), "draft_key")
    login(None)
    response = client.post(step_url("persona") + "/opslaan", data={"name": "Beacon", "draft_key": key})
    assert response.status_code == 401
    answer = response.get_json()
    assert answer["ok"] is False and answer["login"] is True and answer["stashed"] is True
    assert "Log opnieuw in" in answer["message"]
    login(student)
    client.get("/opdrachten")
    assert data_of(student)["persona"]["name"] == "Beacon"


def test_stash_needs_a_valid_draft_key(csrf_app, client, make, login):
    student = make.student()
    login(None)
    for key in ("", "nep", "a" * 400):
        response = post(client, "persona", {"name": "Aanval", "draft_key": key})
        assert "/inloggen" in response.location
    assert db.session.query(PendingSave).count() == 0
    assert client.get_cookie(COOKIE) is None
    login(student)
    client.get("/opdrachten")
    assert Draft.find(student.id, A) is None


def test_stash_is_refused_from_another_origin(csrf_app, client, make, login):
    student = make.student()
    login(student)
    key = hidden(csrf_page(client), "draft_key")
    login(None)
    post(client, "persona", {"name": "Aanval", "draft_key": key}, headers={"Origin": "https://evil.example"})
    assert db.session.query(PendingSave).count() == 0


def test_draft_key_is_for_one_assignment(csrf_app, client, make, login):
    student = make.student()
    login(student)
    key = hidden(csrf_page(client), "draft_key")  # for open-dag
    login(None)
    post(client, "persona", {"name": "Elders", "draft_key": key}, assignment="lesuitval")
    assert db.session.query(PendingSave).count() == 0


def test_stash_is_only_restored_for_its_own_student(csrf_app, client, make, login):
    owner, other = make.student(), make.student()
    login(owner)
    key = hidden(csrf_page(client), "draft_key")
    login(None)
    post(client, "persona", {"name": "Van de eigenaar", "draft_key": key})
    login(other)  # someone else logs in on the same Chromebook
    page = text_of(client.get("/opdrachten"))
    assert "We hebben je laatste wijzigingen bewaard" not in page
    assert Draft.find(other.id, A) is None
    assert client.get_cookie(COOKIE) is not None  # kept for its owner
    login(owner)
    client.get("/opdrachten")
    assert data_of(owner)["persona"]["name"] == "Van de eigenaar"


def test_restored_stash_with_wrong_fields_is_shown_on_its_step(csrf_app, client, make, login):
    student = make.student()
    login(student)
    give_draft(student, FULL_JOURNEY)
    page = csrf_page(client, "touchpoints")
    fields = touchpoint_fields(data_of(student))
    fields.update({"phases-0-touchpoints-0-emotion": "11", "phases-0-touchpoints-0-name": "Nieuw",
                   "draft_key": hidden(page, "draft_key"), "version": hidden(page, "version")})
    login(None)
    post(client, "touchpoints", fields)
    login(student)
    page = text_of(client.get("/opdrachten"))
    assert "Een paar velden moet je nog verbeteren" in page
    assert data_of(student)["phases"][0]["touchpoints"][0]["name"] == "Nieuw"
    page = text_of(client.get(step_url("touchpoints")))
    block = field_block(page, "phases-0-touchpoints-0-emotion")
    assert 'value="11"' in block and "Vul een heel getal in van 1 tot 10" in block
    assert db.session.query(PendingSave).count() == 0
    page = text_of(client.get(step_url("touchpoints")))  # shown once
    assert 'value="11"' not in field_block(page, "phases-0-touchpoints-0-emotion")


def test_stash_expires_after_a_day(csrf_app, client, make, login):
    from datetime import timedelta
    student = make.student()
    login(student)
    key = hidden(csrf_page(client), "draft_key")
    login(None)
    post(client, "persona", {"name": "Te laat", "draft_key": key})
    row = db.session.query(PendingSave).one()
    row.expires_at = row.created_at - timedelta(seconds=1)
    db.session.commit()
    login(student)
    page = text_of(client.get("/opdrachten"))
    assert "We hebben je laatste wijzigingen bewaard" not in page
    assert Draft.find(student.id, A) is None
    assert db.session.query(PendingSave).count() == 0


def test_stash_is_size_limited(csrf_app, client, make, login):
    student = make.student()
    login(student)
    key = hidden(csrf_page(client), "draft_key")
    login(None)
    post(client, "persona", {"description": "x" * 300_000, "draft_key": key})
    assert db.session.query(PendingSave).count() == 0


def test_csrf_error_elsewhere_gets_the_session_expired_page(csrf_app, client, make, login):
    login(make.student())
    response = client.post(f"{BASE}/uploaden", data={})
    assert response.status_code == 400
    assert "Je sessie is verlopen" in text_of(response)


def test_whole_flow_through_the_login_form(client, make, login):
    student = make.student()
    login(student)
    key = hidden(csrf_page(client, "trigger"), "draft_key")
    login(None)
    response = post(client, "trigger", {"trigger": "Getypt terwijl de sessie verliep.", "draft_key": key})
    login_page = text_of(client.get(response.location))
    response = client.post("/inloggen", data={"username": student.username, "password": "geheim-wachtwoord",
                                              "next": hidden(login_page, "next")})
    assert response.status_code == 302 and response.location.endswith(step_url("trigger"))
    g.pop("_login_user", None)
    page = text_of(client.get(response.location))
    assert "We hebben je laatste wijzigingen bewaard" in page
    assert "Getypt terwijl de sessie verliep." in page


# --------------------------------------------------------------------------- the desired journey and research

# FULL_JOURNEY's touchpoints in order: Instagram 7, Website 5 (low), Formulier 6, Ontvangst 9 (moment of
# truth), Bedankmail 8.


def improve_fields(data: dict) -> dict:
    """The improve step's fields for this draft, as the browser posts them."""
    fields = {}
    for i, phase in enumerate(data["phases"]):
        fields[f"phases-{i}-present"] = "1"
        for j, tp in enumerate(phase["touchpoints"]):
            prefix = f"phases-{i}-touchpoints-{j}-"
            fields[prefix + "present"] = "1"
            fields[prefix + "desired_situation"] = tp["desired_situation"]
            fields[prefix + "desired_emotion"] = "" if tp["desired_emotion"] is None else str(tp["desired_emotion"])
    return fields


def test_improve_comes_after_the_moments_and_is_an_extra_step(client, student):
    assert BUILDER_STEPS.index("improve") == BUILDER_STEPS.index("moments") + 1
    give_draft(student, FULL_JOURNEY)
    response = post(client, "moments", {}, action="next")
    assert response.location.endswith(step_url("improve"))
    page = plain(client.get(step_url("improve")))
    assert "Stap 6 van 7 · extra stap Verbeteren" in page
    assert "mag je overslaan" in page
    # Skipping it: "Volgende" without typing goes on and changes nothing.
    before = data_of(student)
    hidden_only = {k: v for k, v in improve_fields(before).items() if k.endswith("present")}
    assert post(client, "improve", hidden_only, action="next").location.endswith(step_url("check"))
    assert data_of(student) == before


def test_improve_lists_the_low_points_and_moments_of_truth_first(client, student):
    give_draft(student, FULL_JOURNEY)
    html = text_of(client.get(step_url("improve")))
    first = html.index("Begin hier")
    rest = html.index('<details class="improve-rest"')
    # Website (5) is a low point, Ontvangst is the moment of truth: both before the others.
    assert first < html.index('id="verbeter-1-2"') < html.index('id="verbeter-3-1"') < rest
    for other in ('id="verbeter-1-1"', 'id="verbeter-2-1"', 'id="verbeter-4-1"'):
        assert html.index(other) > rest
    assert "Dal" in html[first:rest] and "Moment van de waarheid" in html[first:rest]
    assert "De andere contactmomenten (3)" in html
    assert "<details class=\"improve-rest\">" in html  # closed: nothing filled in there yet


def targets(emotions, low_emotion: int = 6, truth=()) -> tuple[list[str], list[str]]:
    """The names of the improve step's first and other touchpoints of a one-phase journey."""
    value = {"phases": [{"touchpoints": [{"name": f"c{k}", "emotion": e, "moment_of_truth": k in truth}
                                         for k, e in enumerate(emotions)]}]}
    first, rest = journey_data.improvement_targets(journey_data.normalise(value, get_assignment(A)), low_emotion)
    return [t.touchpoint["name"] for t in first], [t.touchpoint["name"] for t in rest]


def test_low_points_are_read_as_the_improvement_criterion_reads_them():
    assert targets([7, 4, 5, 8]) == (["c1", "c2"], ["c0", "c3"])  # the dips: under 6
    assert targets([8, 6, 8, 6]) == (["c1", "c3"], ["c0", "c2"])  # no dip: the lowest, as it is under 7
    assert targets([8, 7, 9]) == ([], ["c0", "c1", "c2"])  # the lowest is a 7: as expected
    assert targets([8, 7, 9], truth=(2,)) == (["c2"], ["c0", "c1"])  # a moment of truth always
    assert targets([8, 6, None], low_emotion=7) == (["c1"], ["c0", "c2"])  # the rubric's own setting


def test_the_improve_step_says_when_it_counts_for_the_grade(client, student):
    give_draft(student, FULL_JOURNEY)
    assert "telt deze stap mee voor je cijfer" not in text_of(client.get(step_url("improve")))
    give_draft(student, {**FULL_JOURNEY, "assignment": "examenuitslag"}, assignment="examenuitslag")
    assert "telt deze stap mee voor je cijfer" in text_of(client.get(step_url("improve", "examenuitslag")))


def test_without_dips_or_moments_of_truth_every_touchpoint_is_open_to_improve(client, student):
    give_draft(student, {"phases": [{"name": "Open dag", "touchpoints": [{"name": "Ontvangst", "emotion": 8}]}]})
    html = text_of(client.get(step_url("improve")))
    assert "Je reis heeft geen dal en geen moment van de waarheid." in html
    assert '<details class="improve-rest" open>' in html and 'id="verbeter-1-1"' in html


def test_improve_step_saves_desired_situation_and_emotion(client, student):
    give_draft(student, FULL_JOURNEY)
    fields = improve_fields(data_of(student))
    fields["phases-0-touchpoints-1-desired_situation"] = " De tijden staan bovenaan de homepage. "
    fields["phases-0-touchpoints-1-desired_emotion"] = "8"
    response = post(client, "improve", fields, action="next")
    assert response.location.endswith(step_url("check"))
    tp = data_of(student)["phases"][0]["touchpoints"][1]
    assert tp["desired_situation"] == "De tijden staan bovenaan de homepage." and tp["desired_emotion"] == 8
    assert tp["name"] == "Website" and tp["emotion"] == 5  # the current journey stays as it was
    page = text_of(client.get(step_url("improve")))
    assert "De tijden staan bovenaan de homepage." in page and 'value="8"' in page
    assert "1 contactmoment met een gewenste situatie" in plain(client.get(step_url("check")))


@pytest.mark.parametrize("value", ["0", "11", "acht", "7,5"])
def test_wrong_desired_emotion_is_kept_with_a_dutch_message_next_to_it(client, student, value):
    give_draft(student, FULL_JOURNEY)
    fields = improve_fields(data_of(student))
    fields["phases-3-touchpoints-0-desired_emotion"] = value
    fields["phases-3-touchpoints-0-desired_situation"] = "De mentor staat bij de deur."
    response = post(client, "improve", fields, action="next")
    assert response.status_code == 200
    html = text_of(response)
    block = field_block(html, "phases-3-touchpoints-0-desired_emotion")
    assert f'value="{value}"' in block and "Vul een heel getal in van 1 tot 10" in block
    assert "De mentor staat bij de deur." in html
    # The valid field next to it was saved; the wrong one changed nothing.
    tp = data_of(student)["phases"][3]["touchpoints"][0]
    assert tp["desired_situation"] == "De mentor staat bij de deur." and tp["desired_emotion"] is None


def test_improve_step_never_changes_the_structure(client, student):
    give_draft(student, FULL_JOURNEY)
    before = structure(student)
    fields = improve_fields(data_of(student))
    fields["phases-9-touchpoints-0-desired_situation"] = "Bestaat niet"
    post(client, "improve", fields)
    assert structure(student) == before
    fields = improve_fields(data_of(student))
    fields["phases-0-touchpoints-5-desired_situation"] = "Bestaat ook niet"
    response = client.post(step_url("improve") + "/opslaan", data=fields)
    assert response.status_code == 409 and response.get_json()["reload"] is True
    assert structure(student) == before


def test_improve_step_without_touchpoints_sends_you_to_them(client, student):
    give_draft(student, {"phases": [{"name": "Leeg"}]})
    page = text_of(client.get(step_url("improve")))
    assert "Je hebt nog geen contactmomenten" in page and 'value="goto:touchpoints"' in page


def test_autosave_saves_the_new_fields_of_every_step(client, student):
    give_draft(student, FULL_JOURNEY)
    fields = improve_fields(data_of(student))
    fields["phases-2-touchpoints-0-desired_situation"] = "Het formulier vult je adres zelf in."
    fields["phases-2-touchpoints-0-desired_emotion"] = "12"
    fields["version"] = str(version_of(student))
    answer = client.post(step_url("improve") + "/opslaan", data=fields).get_json()
    assert answer["ok"] is True
    assert "Vul een heel getal in van 1 tot 10" in answer["errors"]["phases-2-touchpoints-0-desired_emotion"]
    situation = data_of(student)["phases"][2]["touchpoints"][0]["desired_situation"]
    assert situation == "Het formulier vult je adres zelf in."

    fields = touchpoint_fields(data_of(student))
    fields["phases-0-touchpoints-0-source"] = "enquete"
    fields["version"] = str(version_of(student))
    assert client.post(step_url("touchpoints") + "/opslaan", data=fields).get_json()["ok"] is True
    assert data_of(student)["phases"][0]["touchpoints"][0]["source"] == "enquete"

    answer = client.post(step_url("persona") + "/opslaan", data={
        "empathy_thinks": "Is dit wel iets voor mij?", "empathy_gains": "Een plek waar ik mezelf ben",
        "version": str(version_of(student))}).get_json()
    assert answer["ok"] is True
    empathy = data_of(student)["persona"]["empathy_map"]
    assert empathy["thinks"] == ["Is dit wel iets voor mij?"] and empathy["gains"] == ["Een plek waar ik mezelf ben"]


def test_source_select_offers_the_five_sources_and_not_filled_in(client, student):
    give_draft(student, FULL_JOURNEY)
    html = text_of(client.get(step_url("touchpoints")))
    block = field_block(html, "phases-0-touchpoints-0-source")
    assert "Bron (mag leeg blijven)" in block and "Hoe weet je dit" in block
    options = re.findall(r'<option[^>]*value="([^"]*)"[^>]*>([^<]*)</option>', block)
    assert options == [("", "Niet ingevuld"), ("interview", "Interview"), ("observatie", "Observatie (gemba)"),
                       ("mystery_guest", "Mystery guest"), ("enquete", "Enquête"),
                       ("eigen_ervaring", "Eigen ervaring")]


def test_a_wrong_source_gets_a_dutch_message_and_changes_nothing(client, student):
    give_draft(student, FULL_JOURNEY)
    fields = touchpoint_fields(data_of(student))
    fields["phases-0-touchpoints-0-source"] = "roddel"
    fields["phases-0-touchpoints-0-name"] = "Insta"
    response = post(client, "touchpoints", fields)
    assert response.status_code == 200
    assert "Kies een van de bronnen uit de lijst" in field_block(text_of(response), "phases-0-touchpoints-0-source")
    tp = data_of(student)["phases"][0]["touchpoints"][0]
    assert tp["source"] is None and tp["name"] == "Insta"
    fields["phases-0-touchpoints-0-source"] = ""
    post(client, "touchpoints", fields)  # "niet ingevuld" clears a source
    assert data_of(student)["phases"][0]["touchpoints"][0]["source"] is None


def test_empathy_map_fields_have_hints_and_line_limits(client, student):
    page = text_of(client.get(step_url("persona")))
    assert "Empathiekaart (mag leeg blijven)" in page
    for label, name in (("Zegt", "says"), ("Denkt", "thinks"), ("Doet", "does"), ("Voelt", "feels"),
                        ("Pijnpunten", "pains"), ("Pluspunten", "gains")):
        block = field_block(page, f"empathy_{name}")
        assert f">{label}</label>" in block and "Eén ding per regel." in block
    response = post(client, "persona", {"name": "Sanne", "empathy_does": "\n".join(f"regel {n}" for n in range(11))})
    assert "Dit zijn 11 regels. Hoogstens 10." in field_block(text_of(response), "empathy_does")
    assert data_of(student)["persona"]["name"] == "Sanne"
    assert data_of(student)["persona"]["empathy_map"]["does"] == []


RESEARCHED = {
    **FULL_JOURNEY,
    "persona": {**FULL_JOURNEY["persona"], "empathy_map": {
        "says": ["Ik wil het zien"], "thinks": ["Past dit bij mij?"], "feels": ["Zenuwachtig"],
        "pains": ["Verdwalen"], "gains": ["Vrienden maken"]}},
    "phases": [
        {**FULL_JOURNEY["phases"][0], "touchpoints": [
            {**FULL_JOURNEY["phases"][0]["touchpoints"][0], "source": "interview"},
            {**FULL_JOURNEY["phases"][0]["touchpoints"][1], "source": "mystery_guest",
             "desired_situation": "De tijden staan bovenaan de homepage.", "desired_emotion": 8}]},
        *FULL_JOURNEY["phases"][1:],
    ],
}


def test_download_and_upload_keep_the_new_fields(client, student):
    give_draft(student, RESEARCHED)
    before = data_of(student)
    assert before["persona"]["empathy_map"]["does"] == []
    response = client.get(f"{BASE}/downloaden")
    value = json.loads(response.data)
    assert value["persona"]["empathy_map"] == RESEARCHED["persona"]["empathy_map"]  # empty parts left out
    website = value["phases"][0]["touchpoints"][1]
    assert website["source"] == "mystery_guest" and website["desired_emotion"] == 8
    assert website["desired_situation"] == "De tijden staan bovenaan de homepage."
    assert "source" not in value["phases"][1]["touchpoints"][0]  # not filled in: not in the file
    assert "desired_emotion" not in value["phases"][1]["touchpoints"][0]

    post(client, "touchpoints", {**touchpoint_fields(before), "phases-0-touchpoints-0-source": "enquete"})
    upload = client.post(f"{BASE}/uploaden", data={"file": (io.BytesIO(response.data), "terug.journey.json"),
                                                   "confirm": "y"}, content_type="multipart/form-data")
    assert upload.status_code == 302
    assert data_of(student) == before


def test_upload_reads_a_source_by_its_dutch_label(client, student):
    value = copy.deepcopy(FULL_JOURNEY)
    value["phases"][0]["touchpoints"][0]["source"] = "Mystery guest"
    response = upload(client, json.dumps(value).encode())
    assert response.status_code == 302
    assert data_of(student)["phases"][0]["touchpoints"][0]["source"] == "mystery_guest"


def test_upload_of_a_too_long_desired_situation_or_empathy_line_is_refused_in_dutch(client, student):
    value = copy.deepcopy(RESEARCHED)
    value["phases"][0]["touchpoints"][1]["desired_situation"] = "x" * 1001
    value["persona"]["empathy_map"]["feels"] = ["y" * 201]
    page = text_of(upload(client, json.dumps(value).encode()))
    assert "fasen[0].contactmomenten[1].gewenste_situatie: is te lang (1001 tekens)" in page
    assert "persona.empathy_map.voelt[0]: is te lang (201 tekens)" in page


def test_an_improve_post_with_fewer_fields_than_the_journey_shows_the_step_without_a_500(client, student):
    """Found by the fuzz test: a post (never from the page itself) with one bad desired score and no
    fields for the other touchpoints is shown again with its error, not a server error."""
    give_draft(student, FULL_JOURNEY)
    response = post(client, "improve", {"phases-0-touchpoints-0-desired_emotion": "\x00"}, action="save")
    assert response.status_code in (200, 303)


def test_the_check_step_shows_the_deadline(client, student):
    db.session.add(ClassAssignment(class_id=student.class_id, assignment_id=A,
                                   deadline=datetime.now(UTC) + timedelta(days=3)))
    db.session.commit()
    assert "Deadline:" in text_of(client.get(f"{BASE}/bouwen/check"))
    assert "Deadline:" not in text_of(client.get(f"{BASE}/bouwen/touchpoints"))


# --------------------------------------------------------------------------- in place (builder.js)


def in_place(client, step: str, fields: dict, action: str):
    """An add, remove, move or undo as builder.js sends it: the step's fields plus the action."""
    return client.post(step_url(step) + "/opslaan", data={**fields, "action": action})


def items_of(html: str) -> str:
    """What the step page shows inside its [data-step-items] part."""
    start = html.index("data-step-items>") + len("data-step-items>")
    end = html.index('<p class="save-row">', start)
    return html[start:html.rindex("</div>", start, end)]


def card_ids(html: str) -> list[str]:
    return re.findall(r'<details class="item item-touchpoint[^"]*" id="(cm-\d+-\d+)"', html)


def test_in_place_add_is_applied_by_the_same_action_and_answers_the_servers_markup(client, student):
    give_draft(student, FULL_JOURNEY)
    fields = {**touchpoint_fields(data_of(student)), "version": str(version_of(student))}
    fields["phases-1-touchpoints-0-name"] = "Formulier invullen"  # typed, not yet saved
    response = in_place(client, "touchpoints", fields, "add_touchpoint:1")
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["ok"] is True and answer["applied"] is True and answer["version"] == version_of(student)
    assert structure(student)[1] == ("Aanmelden", ["Formulier invullen", ""])
    assert answer["anchor"] == "cm-2-2" and answer["message"] == ""
    html = answer["html"]
    assert card_ids(html) == ["cm-1-1", "cm-1-2", "cm-2-1", "cm-2-2", "cm-3-1", "cm-4-1"]
    # The new card comes open, with the field names the next post maps to its place.
    card, _summary = touchpoint_card(html, "cm-2-2")
    assert " open" in card and 'name="phases-1-touchpoints-1-name"' in html
    assert 'name="phases-1-touchpoints-0-name" type="text" value="Formulier invullen"' in html
    assert answer["origins"] == {"cm-1-1": "cm-1-1", "cm-1-2": "cm-1-2", "cm-2-1": "cm-2-1", "cm-3-1": "cm-3-1",
                                 "cm-4-1": "cm-4-1"}
    assert "<form" not in html and "<html" not in html and "csrf_token" not in html


def test_the_in_place_markup_is_the_step_pages_own(client, student):
    give_draft(student, FULL_JOURNEY)
    for step, fields in (("touchpoints", touchpoint_fields), ("phases", phase_fields)):
        post(client, step, fields(data_of(student)))  # nothing left to undo
        page = client.get(step_url(step)).get_data(as_text=True)
        # A button that changes nothing (out of range) answers exactly what the page shows.
        answer = in_place(client, step, fields(data_of(student)),
                          "remove_touchpoint:9:0" if step == "touchpoints" else "remove_phase:9").get_json()
        assert answer["html"].strip() == items_of(page).strip()


def test_in_place_remove_and_undo_with_the_notice_where_the_item_was(client, student):
    give_draft(student, FULL_JOURNEY)
    before = data_of(student)
    answer = in_place(client, "touchpoints", touchpoint_fields(before), "remove_touchpoint:0:0").get_json()
    assert structure(student)[0] == ("Oriëntatie", ["Website"])
    assert answer["anchor"] == "weggehaald"
    html = answer["html"]
    notice = html[html.index('id="weggehaald"'):html.index("</div>", html.index('id="weggehaald"'))]
    assert 'data-removed="touchpoint" data-removed-phase="0" data-removed-index="0"' in notice
    assert "Contactmoment ‘Instagram’ is weggehaald." in notice and 'value="undo"' in notice
    # The card after it moved up one place; builder.js keeps each one open or folded.
    assert answer["origins"]["cm-1-1"] == "cm-1-2" and "cm-1-2" not in answer["origins"]

    answer = in_place(client, "touchpoints", touchpoint_fields(data_of(student)), "undo").get_json()
    assert answer["anchor"] == "cm-1-1" and answer["category"] == "success"
    assert answer["message"] == "Contactmoment ‘Instagram’ staat weer terug."
    assert data_of(student) == before and "weggehaald" not in answer["html"]
    assert answer["origins"] == {"cm-1-2": "cm-1-1", "cm-2-1": "cm-2-1", "cm-3-1": "cm-3-1",
                                 "cm-4-1": "cm-4-1"}  # the restored card is new to the page


def test_in_place_phase_actions_on_the_phases_step(client, student):
    give_draft(student, FULL_JOURNEY)
    before = data_of(student)
    answer = in_place(client, "phases", phase_fields(before), "up_phase:2").get_json()
    assert [name for name, _ in structure(student)] == ["Oriëntatie", "Open dag", "Aanmelden", "Nazorg"]
    assert answer["anchor"] == "fase-2" and 'value="Open dag"' in answer["html"]
    answer = in_place(client, "phases", phase_fields(data_of(student)), "remove_phase:0").get_json()
    assert 'data-removed="phase" data-removed-phase="0" data-removed-index=""' in answer["html"]
    answer = in_place(client, "phases", phase_fields(data_of(student)), "add_phase").get_json()
    assert answer["anchor"] == "fase-4" and 'name="phases-3-name"' in answer["html"]
    assert 'id="weggehaald"' in answer["html"]  # an add keeps the undo, as without JavaScript
    assert [name for name, _ in structure(student)] == ["Open dag", "Aanmelden", "Nazorg", ""]


def test_in_place_moves_tell_where_each_card_came_from(client, student):
    give_draft(student, FULL_JOURNEY)
    answer = in_place(client, "touchpoints", touchpoint_fields(data_of(student)), "down_touchpoint:0:1").get_json()
    assert structure(student)[:2] == [("Oriëntatie", ["Instagram"]), ("Aanmelden", ["Website", "Formulier"])]
    assert answer["anchor"] == "cm-2-1"
    assert answer["origins"] == {"cm-1-1": "cm-1-1", "cm-2-1": "cm-1-2", "cm-2-2": "cm-2-1", "cm-3-1": "cm-3-1",
                                 "cm-4-1": "cm-4-1"}


def test_card_origins_agree_with_a_refused_move():
    full = {"phases": [{"touchpoints": [{"name": f"t{j}"} for j in range(15)]}, {"touchpoints": [{"name": "x"}]}]}
    origins = actions.card_origins(full, parse_action("up_touchpoint:1:0", "touchpoints"))
    assert origins == {actions.card_id(i, j): actions.card_id(i, j) for i, n in enumerate((15, 1)) for j in range(n)}


def test_in_place_action_with_a_wrong_field_does_not_act_and_shows_the_message(client, student):
    give_draft(student, FULL_JOURNEY)
    fields = touchpoint_fields(data_of(student))
    fields["phases-0-touchpoints-0-emotion"] = "12"
    answer = in_place(client, "touchpoints", fields, "remove_touchpoint:0:1").get_json()
    assert answer["applied"] is False and answer["category"] == "error"
    assert answer["message"].startswith("Er is iets niet goed ingevuld.")
    assert "Vul een heel getal in van 1 tot 10" in answer["html"] and 'value="12"' in answer["html"]
    assert structure(student)[0] == ("Oriëntatie", ["Instagram", "Website"])


def test_in_place_action_from_an_older_version_with_typing_is_a_conflict(client, student):
    give_draft(student, FULL_JOURNEY)
    old = data_of(student)
    old_version = version_of(student)
    in_place(client, "touchpoints", touchpoint_fields(old), "add_touchpoint:3")  # another tab
    newest = data_of(student)
    fields = {**touchpoint_fields(old), "version": str(old_version), "phases-0-touchpoints-0-name": "Insta"}
    response = in_place(client, "touchpoints", fields, "remove_touchpoint:0:0")
    assert response.status_code == 409
    answer = response.get_json()
    assert answer["conflict"] is True and answer["conflict_url"].endswith(step_url("touchpoints") + "/conflict")
    assert data_of(student) == newest  # nothing stored, the typed text waits on the conflict page
    assert PendingSave.query.filter_by(user_id=student.id).count() == 1


def test_in_place_action_from_an_older_version_without_typing_shows_the_newest(client, student):
    give_draft(student, FULL_JOURNEY)
    old = data_of(student)
    old_version = version_of(student)
    in_place(client, "touchpoints", touchpoint_fields(old), "up_touchpoint:0:1")  # another tab
    newest = data_of(student)
    response = in_place(client, "touchpoints", {**touchpoint_fields(newest), "version": str(old_version)},
                        "remove_touchpoint:0:0")
    assert response.status_code == 409
    answer = response.get_json()
    assert answer["outdated"] is True and answer["version"] == version_of(student)
    assert answer["message"].startswith("Je klantreis is intussen ergens anders veranderd.")
    assert data_of(student) == newest  # the remove did not hit a touchpoint the student did not see
    assert card_ids(answer["html"]) == ["cm-1-1", "cm-1-2", "cm-2-1", "cm-3-1", "cm-4-1"]
    assert answer["html"].index(">Website<") < answer["html"].index(">Instagram<")


def test_in_place_action_needs_the_csrf_token(csrf_app, client, make, login):
    student = make.student()
    login(student)
    give_draft(student, FULL_JOURNEY)
    before = data_of(student)
    response = in_place(client, "touchpoints", touchpoint_fields(before), "remove_touchpoint:0:0")
    assert response.status_code in (400, 401)
    assert data_of(student) == before


# --------------------------------------------------------------------------- undo after other changes
def _tp_journey() -> dict:
    def phase(name, *touchpoints):
        return {**journey_data.empty_phase(), "name": name,
                "touchpoints": [{**journey_data.empty_touchpoint(), "name": t} for t in touchpoints]}
    return {"phases": [phase("A", "a1", "a2", "a3"), phase("B", "b1", "b2"), phase("C", "c1")]}


def _act(data: dict, *buttons: str) -> actions.ActionResult:
    result = actions.ActionResult(data)
    for button in buttons:
        result = actions.apply_action(result.data, parse_action(button, "touchpoints" if "touchpoint" in button
                                                                else "phases"))
    return result


def _names(data: dict) -> dict[str, list[str]]:
    return {phase["name"]: [t["name"] for t in phase["touchpoints"]] for phase in data["phases"]}


@pytest.mark.parametrize(("moves", "expected"), [
    ((), {"A": ["a1", "a2", "a3"], "B": ["b1", "b2"], "C": ["c1"]}),
    (("add_phase",), {"A": ["a1", "a2", "a3"], "B": ["b1", "b2"], "C": ["c1"], "": []}),
    (("add_touchpoint:1",), {"A": ["a1", "a2", "a3"], "B": ["b1", "b2", ""], "C": ["c1"]}),
    (("up_phase:1",), {"B": ["b1", "b2"], "A": ["a1", "a2", "a3"], "C": ["c1"]}),  # b1 stays with B
    (("down_phase:0",), {"B": ["b1", "b2"], "A": ["a1", "a2", "a3"], "C": ["c1"]}),
    (("down_touchpoint:0:2",), {"A": ["a1", "a2"], "B": ["a3", "b1", "b2"], "C": ["c1"]}),  # b1 before b2
    (("up_touchpoint:1:0",), {"A": ["a1", "a2", "a3", "b2"], "B": ["b1"], "C": ["c1"]}),
    (("down_touchpoint:1:0",), {"A": ["a1", "a2", "a3"], "B": ["b1"], "C": ["b2", "c1"]}),
    (("up_touchpoint:0:1", "down_phase:1", "add_touchpoint:0"),
     {"A": ["a2", "a1", "a3", ""], "C": ["c1"], "B": ["b1", "b2"]}),
])
def test_a_removed_touchpoint_goes_back_to_its_phase_after_adds_and_moves(moves, expected):
    result = _act(_tp_journey(), "remove_touchpoint:1:0", *moves, "undo")
    assert _names(result.data) == expected
    assert result.category == "success" and "_removed" not in result.data


def test_a_removed_phase_goes_back_after_a_move_or_at_the_end():
    result = _act(_tp_journey(), "remove_phase:1", "down_phase:0", "undo")
    assert list(_names(result.data)) == ["C", "B", "A"]  # back at its place in the row: second
    result = _act({"phases": _tp_journey()["phases"][:2]}, "remove_phase:1", "undo")
    assert list(_names(result.data)) == ["A", "B"]


def test_an_undo_into_a_full_phase_keeps_the_item_for_later():
    data = _tp_journey()
    removed = _act(data, "remove_touchpoint:2:0").data
    full = copy.deepcopy(removed)
    full["phases"][2]["touchpoints"] = [journey_data.empty_touchpoint()] * actions.MAX_TOUCHPOINTS_PER_PHASE
    refused = _act(full, "undo")
    assert refused.category == "warning" and "Haal er eerst een weg" in refused.message
    assert refused.data["_removed"] == removed["_removed"]  # kept: the undo works once there is room
    room = _act(refused.data, "remove_touchpoint:0:0")  # but a new remove replaces it
    assert room.data["_removed"]["item"]["name"] == "a1"


def test_a_refused_move_leaves_the_removed_touchpoints_place_alone():
    data = _tp_journey()
    data["phases"][0]["touchpoints"] = [{**journey_data.empty_touchpoint(), "name": f"a{n}"}
                                        for n in range(actions.MAX_TOUCHPOINTS_PER_PHASE)]
    result = _act(data, "remove_touchpoint:1:1", "up_touchpoint:1:0", "undo")  # phase A is full: b1 stays
    assert _names(result.data)["B"] == ["b1", "b2"]
