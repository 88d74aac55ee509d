"""A class's assignment for its teacher: who may see what, the settings (deadline in local time,
the class's own rubric with Dutch errors next to the fields, preview, back to the standard),
regrading every hand-in without changing it, and the overview per criterion (heat map)."""
from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest
from flask import g, url_for
from sqlalchemy import event, func, select, text

from assignments import get_assignment
from courseware.builder import handin, journey_data
from courseware.class_assignments.results import HeatCell, HeatRow, shade, summary
from courseware.class_assignments.rubric_settings import _attach_rubric_error, parse_decimal
from courseware.extensions import db
from courseware.grading import override, result_for, rubric_for_class
from courseware.models import Attempt, ClassAssignment, Draft, Grading, LevelOverride, Role
from grader import Rubric

from .journeys import NO_AFTER_SALES, A, hand_in, post_settings, settings_data, text_of


def base(klas, assignment: str = A) -> str:
    return f"/klassen/{klas.id}/opdrachten/{assignment}"


def raw_attempt(attempt_id: int) -> tuple:
    """The attempt's row exactly as the database holds it."""
    return tuple(db.session.execute(text("SELECT * FROM attempts WHERE id = :id"), {"id": attempt_id}).one())


def field_block(html: str, field_id: str) -> str:
    at = html.index(f'id="{field_id}"')
    start = html.rindex('<div class="field', 0, at)
    return html[start:html.index("</div>", at)]


def setting_of(klas) -> ClassAssignment | None:
    db.session.expire_all()
    return ClassAssignment.find(klas.id, A)


@pytest.fixture
def setup(make):
    teacher = make.user(Role.TEACHER, name="Meneer de Vries")
    klas = make.school_class(teacher, name="4B Retail")
    anna = make.student(klas, name="Anna Bakker")
    bram = make.student(klas, name="Bram Ëlberg")
    zoe = make.student(klas, name="Zoë Çelik")
    return teacher, klas, [anna, bram, zoe]


@pytest.fixture
def as_teacher(setup, login):
    login(setup[0])
    return setup


# --------------------------------------------------------------------------- access

PAGES = [
    ("get", "/instellingen"),
    ("post", "/instellingen"),
    ("post", "/opnieuw-beoordelen"),
    ("get", "/overzicht"),
    ("get", "/cijfers.csv"),
    ("get", "/klantreizen.zip"),
]


def call(client, method: str, url: str):
    return getattr(client, method)(url, data={} if method == "post" else None)


@pytest.mark.parametrize("method, path", PAGES)
def test_visitors_are_sent_to_login(client, setup, method, path):
    response = call(client, method, base(setup[1]) + path)
    assert response.status_code == 302 and "/inloggen" in response.location


@pytest.mark.parametrize("method, path", PAGES)
def test_students_of_the_class_are_refused(client, setup, login, method, path):
    _, klas, students = setup
    hand_in(students[0])
    login(students[0])
    assert call(client, method, base(klas) + path).status_code == 403


@pytest.mark.parametrize("method, path", PAGES)
def test_teacher_of_another_class_is_refused(client, make, setup, login, method, path):
    _, klas, students = setup
    hand_in(students[0])
    login(make.user(Role.TEACHER))
    assert call(client, method, base(klas) + path).status_code == 403
    assert setting_of(klas) is None and db.session.scalar(select(func.count(Grading.id))) == 0


@pytest.mark.parametrize("method, path", PAGES)
def test_unknown_class_or_assignment_is_404(client, as_teacher, method, path):
    _, klas, _ = as_teacher
    assert call(client, method, f"/klassen/{klas.id + 99}/opdrachten/{A}" + path).status_code == 404
    assert call(client, method, base(klas, "bestaat-niet") + path).status_code == 404


@pytest.mark.parametrize("role", [Role.TEACHER, Role.ADMIN])
def test_the_classes_teacher_and_admins_may_post(client, make, setup, login, role):
    teacher, klas, _ = setup
    login(teacher if role == Role.TEACHER else make.user(Role.ADMIN))
    assert post_settings(client, klas, **{"deadline_date": "2030-01-10"}).status_code == 302
    assert client.post(f"{base(klas)}/opnieuw-beoordelen").status_code == 302


def test_endpoint_names_other_parts_link_to(app, setup):
    _, klas, _ = setup
    with app.test_request_context():
        for endpoint, suffix in [("settings", "instellingen"), ("regrade", "opnieuw-beoordelen"),
                                 ("overview", "overzicht"), ("export_csv", "cijfers.csv"),
                                 ("export_zip", "klantreizen.zip")]:
            url = url_for(f"class_assignments.{endpoint}", class_id=klas.id, assignment_id=A)
            assert url == f"{base(klas)}/{suffix}"


# --------------------------------------------------------------------------- deadline


def test_settings_page_prefills_the_assignments_rubric_and_no_deadline(client, as_teacher):
    _, klas, _ = as_teacher
    page = text_of(client.get(f"{base(klas)}/instellingen"))
    assert "Nu is er geen deadline." in page
    assert "Je klas gebruikt de rubric van de opdracht." in page
    assert 'name="touchpoints-good_touchpoints" type="text" value="8"' in page  # the assignment's 8, not 6
    assert 'name="touchpoints-complete_share" type="text" value="75"' in page  # a share as a percentage
    assert 'name="awareness-weight" type="text" value="2"' in page
    assert 'id="emotion_curve-enabled" name="emotion_curve-enabled" type="checkbox"' in page  # optional: off
    assert 'checked id="persona-enabled"' in page
    for label in ("Datum van de deadline", "Tijd van de deadline", "Gewicht", "Contactmomenten voor goed",
                  "Deel met kanaal en beschrijving (%)", "Verschil tussen hoogste en laagste score"):
        assert label in page
    assert "Standaard: 8." in page and "Standaard: 75 %." in page
    assert "Haal het vinkje weg als dit criterium niet mag meetellen." in page
    assert "Extra criterium: telt alleen mee als je het aanzet." in page
    assert "Terug naar de standaard" not in page  # nothing to go back from


@pytest.mark.parametrize("stored, shown_date, shown_time", [
    (datetime(2025, 3, 14, 16, 0, tzinfo=UTC), "2025-03-14", "17:00"),  # winter time: UTC+1
    (datetime(2025, 6, 13, 15, 30, tzinfo=UTC), "2025-06-13", "17:30"),  # summer time: UTC+2
    (datetime(2025, 3, 14, 23, 30, tzinfo=UTC), "2025-03-15", "00:30"),  # the next day in Amsterdam
])
def test_deadline_is_shown_in_local_time(client, as_teacher, stored, shown_date, shown_time):
    _, klas, _ = as_teacher
    ClassAssignment.get_or_create(klas.id, A).deadline = stored
    db.session.commit()
    page = text_of(client.get(f"{base(klas)}/instellingen"))
    assert f'name="deadline_date" placeholder="dd-mm-jjjj" type="date" value="{shown_date}"' in page
    assert f'name="deadline_time" placeholder="uu:mm" type="time" value="{shown_time}"' in page


@pytest.mark.parametrize("day, at, stored", [
    ("2025-03-14", "17:00", datetime(2025, 3, 14, 16, 0, tzinfo=UTC)),
    ("14-03-2025", "17.00", datetime(2025, 3, 14, 16, 0, tzinfo=UTC)),  # as typed in an old browser
    ("2025-06-13", "9:05", datetime(2025, 6, 13, 7, 5, tzinfo=UTC)),
    ("2025-06-13", "", datetime(2025, 6, 13, 21, 59, tzinfo=UTC)),  # no time: 23:59
    ("2025-10-26", "02:30", datetime(2025, 10, 26, 0, 30, tzinfo=UTC)),  # twice that night: the first
])
def test_deadline_is_entered_in_local_time_and_stored_in_utc(client, as_teacher, day, at, stored):
    _, klas, _ = as_teacher
    response = post_settings(client, klas, deadline_date=day, deadline_time=at)
    assert response.status_code == 302
    assert setting_of(klas).deadline_utc == stored
    assert setting_of(klas).rubric_config is None  # an unchanged rubric is no class rubric


def test_empty_deadline_removes_it(client, as_teacher):
    _, klas, _ = as_teacher
    post_settings(client, klas, deadline_date="2030-01-10", deadline_time="12:00")
    assert setting_of(klas).deadline_utc is not None
    post_settings(client, klas, deadline_date="", deadline_time="")
    assert setting_of(klas).deadline_utc is None


def test_saving_keeps_the_gallery_switch(client, as_teacher):
    _, klas, _ = as_teacher
    ClassAssignment.get_or_create(klas.id, A).gallery_open = True
    db.session.commit()
    post_settings(client, klas, deadline_date="2030-01-10")
    assert setting_of(klas).gallery_open is True


@pytest.mark.parametrize("day, at, field, message", [
    ("31-02-2025", "17:00", "deadline_date", "Vul een datum in zoals 14-03-2025."),
    ("morgen", "17:00", "deadline_date", "Vul een datum in zoals 14-03-2025."),
    ("2025-03-14", "25:00", "deadline_time", "Vul een tijd in zoals 17:00."),
    ("2025-03-14", "vijf uur", "deadline_time", "Vul een tijd in zoals 17:00."),
    ("", "17:00", "deadline_date", "Vul ook een datum in, of maak de tijd leeg."),
    ("2025-03-30", "02:30", "deadline_time", "Deze tijd bestaat niet op die dag"),  # clocks go forward
])
def test_deadline_errors_are_dutch_next_to_the_field_and_keep_what_was_typed(client, as_teacher, day, at, field,
                                                                              message):
    _, klas, _ = as_teacher
    response = post_settings(client, klas, deadline_date=day, deadline_time=at, **{"touchpoints-good_touchpoints": "9"})
    assert response.status_code == 200
    html = text_of(response)
    assert message in field_block(html, field)
    assert f'name="deadline_date" placeholder="dd-mm-jjjj" type="date" value="{day}"' in html
    assert f'name="deadline_time" placeholder="uu:mm" type="time" value="{at}"' in html
    assert 'name="touchpoints-good_touchpoints" type="text" value="9"' in html
    assert setting_of(klas) is None


def test_a_past_deadline_is_saved_with_a_warning_and_stops_hand_ins(client, as_teacher):
    _, klas, students = as_teacher
    response = post_settings(client, klas, deadline_date="2020-01-10", deadline_time="12:00")
    page = text_of(client.get(response.location))
    assert "De instellingen zijn opgeslagen." in page
    assert "de deadline is al voorbij" in page
    with pytest.raises(handin.HandInRefused):
        hand_in(students[0])


def test_a_future_deadline_lets_students_hand_in(client, as_teacher):
    _, klas, students = as_teacher
    post_settings(client, klas, deadline_date="2099-01-10", deadline_time="12:00")
    assert hand_in(students[0]).number == 1


# --------------------------------------------------------------------------- rubric


def test_changed_numbers_are_stored_as_the_classes_rubric(client, as_teacher):
    _, klas, _ = as_teacher
    response = post_settings(client, klas, **{
        "touchpoints-good_touchpoints": "5", "touchpoints-complete_share": "60",
        "phases-weight": "1,5", "emotion_curve-enabled": "y", "emotion_curve-min_range": "4",
        "persona-enabled": None,
    })
    assert response.status_code == 302
    config = json.loads(setting_of(klas).rubric_config)
    criteria = config["criteria"]
    assert criteria["touchpoints"] == {"weight": 1, "good_touchpoints": 5, "complete_share": 0.6}
    assert criteria["phases"] == {"weight": 1.5, "good_phases": 4}  # the assignment sets good_phases too
    assert criteria["emotion_curve"] == {"weight": 1, "min_range": 4}
    assert "persona" not in criteria
    # The assignment's criteria keep their order; switched-on extras come after them.
    assert list(criteria) == ["phases", "touchpoints", "awareness", "after_sales", "moments_of_truth",
                              "service_concept", "emotion_curve"]
    rubric = rubric_for_class(klas.id, get_assignment(A))
    assert rubric.version == Rubric.from_config(config).version != get_assignment(A).rubric.version
    page = text_of(client.get(response.location))
    assert "Je klas gebruikt een eigen rubric." in page
    assert 'name="touchpoints-complete_share" type="text" value="60"' in page
    assert 'name="phases-weight" type="text" value="1,5"' in page


def test_share_with_decimals_and_percent_sign(client, as_teacher):
    _, klas, _ = as_teacher
    post_settings(client, klas, **{"touchpoints-complete_share": "62,5 %"})
    assert json.loads(setting_of(klas).rubric_config)["criteria"]["touchpoints"]["complete_share"] == 0.625


def test_saving_the_assignments_numbers_is_no_class_rubric(client, as_teacher):
    _, klas, _ = as_teacher
    post_settings(client, klas, **{"touchpoints-good_touchpoints": "5"})
    assert setting_of(klas).rubric_config is not None
    post_settings(client, klas, **{"touchpoints-good_touchpoints": "8"})
    assert setting_of(klas).rubric_config is None


@pytest.mark.parametrize("changes, field, message", [
    ({"phases-weight": "zwaar"}, "phases-weight", "Vul een getal in, bijvoorbeeld 1 of 1,5."),
    ({"phases-weight": "0"}, "phases-weight", "Het gewicht moet groter dan 0 zijn en hoogstens 100."),
    ({"phases-weight": "101"}, "phases-weight", "Het gewicht moet groter dan 0 zijn en hoogstens 100."),
    ({"touchpoints-complete_share": "120"}, "touchpoints-complete_share", "Vul een percentage van 0 tot 100 in."),
    ({"touchpoints-complete_share": "veel"}, "touchpoints-complete_share", "Vul een percentage in, bijvoorbeeld 75."),
    ({"phases-good_phases": "4,5"}, "phases-good_phases", "Vul een heel getal van 1 tot 50 in."),
    ({"phases-good_phases": "600"}, "phases-good_phases", "Vul een heel getal van 1 tot 50 in."),
    ({"phases-good_phases": ""}, "phases-good_phases", "Vul een heel getal in, bijvoorbeeld 4."),
    # The criterion's declared rules: the same sentence as the TOML loader's (tests/grader/test_rubric_params.py).
    ({"phases-good_phases": "2"}, "phases-good_phases",
     "Dit getal mag niet kleiner zijn dan ‘Fasen voor voldoende’ (3)."),
    ({"touchpoints-good_touchpoints": "3"}, "touchpoints-good_touchpoints",
     "Dit getal mag niet kleiner zijn dan ‘Contactmomenten voor voldoende’ (4)."),
    ({"emotion_curve-enabled": "y", "emotion_curve-min_range": "12"}, "emotion_curve-min_range",
     "Vul een heel getal van 0 tot 9 in."),
])
def test_rubric_errors_are_dutch_next_to_the_field_and_keep_what_was_typed(client, as_teacher, changes, field, message):
    _, klas, _ = as_teacher
    response = post_settings(client, klas, deadline_date="2030-05-01", **changes)
    assert response.status_code == 200
    html = text_of(response)
    block = field_block(html, field)
    assert message in block
    assert 'aria-invalid="true"' in block
    typed = changes[field]
    assert f'value="{typed}"' in block
    assert "Er is iets niet goed ingevuld. Er is nog niets opgeslagen." in html
    assert 'value="2030-05-01"' in html  # the rest of the form stays as typed
    assert f'<a href="#{field}">' in html  # the summary links to the field
    assert 'checked id="decimaal-0" name="decimaal" type="radio" value="komma"' in html
    assert setting_of(klas) is None


def test_a_switched_off_criterion_is_not_checked(client, as_teacher):
    _, klas, _ = as_teacher
    response = post_settings(client, klas, **{"persona-enabled": None, "persona-max_organisation_share": "veel"})
    assert response.status_code == 302
    assert "persona" not in json.loads(setting_of(klas).rubric_config)["criteria"]


def test_at_least_one_criterion_must_stay(client, as_teacher):
    _, klas, _ = as_teacher
    off = {f"{cid}-enabled": None for cid in ("phases", "touchpoints", "awareness", "after_sales",
                                             "moments_of_truth", "persona", "service_concept")}
    response = post_settings(client, klas, **off)
    assert response.status_code == 200
    assert "Kies minstens één criterium dat meetelt." in text_of(response)
    assert setting_of(klas) is None


def test_core_criteria_can_be_switched_off(client, as_teacher):
    _, klas, _ = as_teacher
    off = {f"{cid}-enabled": None for cid in ("phases", "touchpoints", "awareness", "after_sales",
                                             "moments_of_truth", "persona")}
    assert post_settings(client, klas, **off).status_code == 302
    assert list(json.loads(setting_of(klas).rubric_config)["criteria"]) == ["service_concept"]


def test_a_grader_rubric_error_goes_next_to_the_field_it_names(app, setup):
    from courseware.class_assignments.forms import settings_form_class

    with app.test_request_context(method="POST", data={}):
        form = settings_form_class()()
        form.validate()
        _attach_rubric_error(form, "rubric.criteria.phases.good_phases: moet een geheel getal van 0 tot 500 zijn")
        assert form["phases"]["good_phases"].errors == ["moet een geheel getal van 0 tot 500 zijn"]
        _attach_rubric_error(form, "rubric.criteria.touchpoints: moet een tabel zijn")
        assert form["touchpoints"]["enabled"].errors == ["moet een tabel zijn"]
        _attach_rubric_error(form, "rubric.criteria: noem ten minste één criterium")
        assert form.rubric_errors == ["noem ten minste één criterium"]


@pytest.mark.parametrize("typed, number", [("1", "1"), ("1,5", "1.5"), (" 2.25 ", "2.25"), ("75%", "75")])
def test_numbers_with_comma_or_point(typed, number):
    assert str(parse_decimal(typed)) == number


@pytest.mark.parametrize("typed", ["", "abc", "NaN", "Infinity", "1,2,3"])
def test_not_numbers(typed):
    with pytest.raises(ValueError):
        parse_decimal(typed)


def test_preview_shows_the_typed_rubric_without_saving(client, as_teacher):
    _, klas, _ = as_teacher
    page = text_of(post_settings(client, klas, save=None, preview="Voorbeeld bekijken", **{
        "touchpoints-good_touchpoints": "11", "emotion_curve-enabled": "y", "emotion_curve-min_range": "5"}))
    assert "Voorbeeld: zo ziet de rubric eruit als je opslaat" in page
    assert "Nog niet opgeslagen." in page
    preview = page[page.index('id="voorbeeld"'):]
    assert "11 of meer contactmomenten, allemaal met kanaal en beschrijving" in preview
    assert "minstens 5 punten verschil" in preview
    assert "Emotiecurve" in preview
    assert 'name="touchpoints-good_touchpoints" type="text" value="11"' in page
    assert setting_of(klas) is None


def test_page_shows_the_current_rubric_with_its_descriptors(client, as_teacher):
    _, klas, _ = as_teacher
    page = text_of(client.get(f"{base(klas)}/instellingen"))
    preview = page[page.index('id="voorbeeld"'):]
    assert "De rubric die je klas nu gebruikt" in preview
    for item in get_assignment(A).rubric.items:
        assert item.criterion.title in preview
        for descriptor in item.descriptors():
            assert descriptor in preview
    assert "8 of meer contactmomenten" in preview  # the assignment's number, filled in
    assert "gewicht 2" in preview


def test_back_to_the_standard_clears_only_the_rubric(client, as_teacher):
    _, klas, _ = as_teacher
    post_settings(client, klas, deadline_date="2030-01-10", deadline_time="10:00",
                  **{"touchpoints-good_touchpoints": "5"})
    page = text_of(client.get(f"{base(klas)}/instellingen"))
    assert "Terug naar de standaard" in page
    response = client.post(f"{base(klas)}/instellingen", data={"reset": "Terug naar de standaard"})
    assert response.status_code == 302
    setting = setting_of(klas)
    assert setting.rubric_config is None
    assert setting.deadline_utc == datetime(2030, 1, 10, 9, 0, tzinfo=UTC)
    assert rubric_for_class(klas.id, get_assignment(A)).version == get_assignment(A).rubric.version
    assert "Je klas gebruikt weer de rubric van de opdracht." in text_of(client.get(response.location))


def test_hand_in_and_feedback_use_the_classes_rubric(client, as_teacher):
    _, klas, students = as_teacher
    post_settings(client, klas, **{"touchpoints-good_touchpoints": "5", "persona-enabled": None})
    rubric = rubric_for_class(klas.id, get_assignment(A))
    attempt = hand_in(students[0])
    assert attempt.rubric_version == rubric.version
    assert [c["id"] for c in attempt.report_data["criteria"]] == [item.id for item in rubric.items]
    assert json.loads(attempt.rubric) == rubric.to_config()
    feedback = handin.grade_data(journey_data.draft_data(Draft.find(students[0].id, A), get_assignment(A)),
                                 get_assignment(A), students[0])
    assert feedback.rubric_version == rubric.version


# --------------------------------------------------------------------------- regrading


def test_saving_does_not_regrade_but_says_how_many_hand_ins_differ(client, as_teacher):
    _, klas, students = as_teacher
    hand_in(students[0])
    hand_in(students[0])
    hand_in(students[1])
    response = post_settings(client, klas, **{"touchpoints-good_touchpoints": "5"})
    assert db.session.scalar(select(func.count(Grading.id))) == 0
    page = text_of(client.get(response.location))
    assert "3 inleveringen zijn beoordeeld met een andere rubric." in page
    assert "Alles opnieuw beoordelen" in page
    assert f'action="{base(klas)}/opnieuw-beoordelen"' in page
    overview = text_of(client.get(f"{base(klas)}/overzicht"))
    assert "3 inleveringen zijn beoordeeld met een andere rubric dan je klas nu gebruikt." in overview


def test_no_regrade_offer_when_every_hand_in_uses_the_current_rubric(client, as_teacher):
    _, klas, students = as_teacher
    hand_in(students[0])
    assert "Opnieuw beoordelen?" not in text_of(client.get(f"{base(klas)}/instellingen"))
    assert "Opnieuw beoordelen?" not in text_of(client.get(f"{base(klas)}/overzicht"))


def test_regrade_grades_every_attempt_again_without_changing_it(client, as_teacher):
    teacher, klas, students = as_teacher
    first = hand_in(students[0])
    second = hand_in(students[0], NO_AFTER_SALES)
    other = hand_in(students[1])
    elsewhere = hand_in(students[2], assignment="lesuitval")
    override(second, "phases", 3, "Goed gedaan", teacher)
    db.session.commit()
    before = {a.id: raw_attempt(a.id) for a in (first, second, other, elsewhere)}
    first_reports = {a.id: a.report for a in (first, second, other)}

    post_settings(client, klas, **{"touchpoints-good_touchpoints": "5", "phases-weight": "3"})
    response = client.post(f"{base(klas)}/opnieuw-beoordelen", data={"back": "settings"})
    assert response.status_code == 302 and response.location.endswith("/instellingen")
    page = text_of(client.get(response.location))
    assert "3 inleveringen zijn opnieuw beoordeeld. Niveaus die je zelf hebt aangepast, blijven staan." in page
    assert "Opnieuw beoordelen?" not in page

    rubric = rubric_for_class(klas.id, get_assignment(A))
    db.session.expire_all()
    gradings = db.session.scalars(select(Grading).order_by(Grading.attempt_id)).all()
    assert sorted(g.attempt_id for g in gradings) == sorted([first.id, second.id, other.id])  # not lesuitval
    assert {g.rubric_version for g in gradings} == {rubric.version}
    assert all(g.created_by == teacher.id for g in gradings)
    for attempt_id, row in before.items():
        assert raw_attempt(attempt_id) == row  # the hand-in and its first report: byte for byte
    for attempt_id, report in first_reports.items():
        assert db.session.get(Attempt, attempt_id).report == report

    result = result_for(db.session.get(Attempt, second.id))
    assert result.regraded and result.grader.rubric_version == rubric.version
    assert result.grader.criterion("phases").level == 1 and result.grader.criterion("phases").weight == 3
    assert result.final.criterion("phases").level == 3  # the teacher's level still wins
    assert result.final.criterion("phases").points == 9
    assert db.session.scalar(select(func.count(LevelOverride.id))) == 1


def test_regrade_twice_does_nothing_the_second_time(client, as_teacher):
    _, klas, students = as_teacher
    hand_in(students[0])
    post_settings(client, klas, **{"touchpoints-good_touchpoints": "5"})
    client.post(f"{base(klas)}/opnieuw-beoordelen")
    response = client.post(f"{base(klas)}/opnieuw-beoordelen")
    assert response.location.endswith("/overzicht")
    assert "Er was niets opnieuw te beoordelen" in text_of(client.get(response.location))
    assert db.session.scalar(select(func.count(Grading.id))) == 1


def test_regrade_after_back_to_the_standard(client, as_teacher):
    _, klas, students = as_teacher
    attempt = hand_in(students[0])
    post_settings(client, klas, **{"touchpoints-good_touchpoints": "5"})
    client.post(f"{base(klas)}/opnieuw-beoordelen")
    client.post(f"{base(klas)}/instellingen", data={"reset": "x"})
    assert "1 inlevering is beoordeeld met een andere rubric" in text_of(client.get(f"{base(klas)}/instellingen"))
    client.post(f"{base(klas)}/opnieuw-beoordelen")
    db.session.expire_all()
    result = result_for(db.session.get(Attempt, attempt.id))
    assert result.grader.rubric_version == get_assignment(A).rubric.version
    assert result.grade == attempt.grade


def test_regrade_goes_back_only_to_known_pages(client, as_teacher):
    _, klas, _ = as_teacher
    response = client.post(f"{base(klas)}/opnieuw-beoordelen", data={"back": "https://example.com/"})
    assert response.location.endswith(f"{base(klas)}/overzicht")


def test_regrade_only_by_post(client, as_teacher):
    _, klas, _ = as_teacher
    assert client.get(f"{base(klas)}/opnieuw-beoordelen").status_code == 405


# --------------------------------------------------------------------------- overview


def heat_cell(html: str, criterion_id: str, level: int) -> str:
    href = f"?criterium={criterion_id}&niveau={level}#leerlingen"
    at = html.index(href)
    start = html.rindex("<td", 0, at)
    return html[start:html.index("</td>", at)]


def test_overview_counts_levels_of_the_latest_hand_ins_with_overrides(client, as_teacher):
    teacher, klas, (anna, bram, _zoe) = as_teacher
    hand_in(anna, NO_AFTER_SALES)
    latest = hand_in(anna)  # the latest counts: after_sales 2
    hand_in(bram, NO_AFTER_SALES)
    override(db.session.get(Attempt, latest.id), "persona", 3, "", teacher)
    db.session.commit()
    html = text_of(client.get(f"{base(klas)}/overzicht"))
    assert "Ingeleverd: 2 van de 3 leerlingen." in html
    assert "1 leerling nog niet" in html
    # after_sales: Bram 0, Anna 2 (her first attempt had 0, but only the latest counts)
    cell = heat_cell(html, "after_sales", 0)
    assert ">1<" in cell and "ca-heat-3" in cell
    assert "1 leerling met niveau 0 (ontbreekt) bij After-salesfase" in re.sub(r"<[^>]+>", "", cell)
    assert ">1<" in heat_cell(html, "after_sales", 2)
    assert ">0<" in heat_cell(html, "after_sales", 1) and "ca-heat-0" in heat_cell(html, "after_sales", 1)
    # persona: Anna's override (3) wins over the grader's 2
    assert ">1<" in heat_cell(html, "persona", 3) and ">1<" in heat_cell(html, "persona", 2)
    # service_concept: both at 0, all of the hand-ins: the darkest shade
    assert ">2<" in heat_cell(html, "service_concept", 0) and "ca-heat-5" in heat_cell(html, "service_concept", 0)
    assert ("De meeste leerlingen missen nog genoeg uitgewerkte contactmomenten en het serviceconcept "
            "(2 van de 2 op niveau 0 of 1).") in html
    # every cell has its number and a text for screen readers, for every criterion of the rubric
    for item in get_assignment(A).rubric.items:
        for level in range(4):
            cell = heat_cell(html, item.id, level)
            assert re.search(r">\d+<span class=\"visually-hidden\">", cell)
    assert "Zoë Çelik" in html[html.index('id="niet-ingeleverd"'):]


def test_overview_lists_the_students_of_a_cell(client, app, as_teacher):
    _, klas, (anna, bram, zoe) = as_teacher
    a1 = hand_in(anna, NO_AFTER_SALES)
    b1 = hand_in(bram, NO_AFTER_SALES)
    hand_in(zoe)
    html = text_of(client.get(f"{base(klas)}/overzicht?criterium=after_sales&niveau=0"))
    section = html[html.index('id="leerlingen"'):html.index('id="niet-ingeleverd"')]
    assert "After-salesfase: niveau 0 (ontbreekt)" in section
    assert "Anna Bakker" in section and "Bram Ëlberg" in section and "Zoë Çelik" not in section
    assert 'aria-current="true"' in heat_cell(html, "after_sales", 0)
    if "review.attempt" in app.view_functions:
        for attempt in (a1, b1):
            with app.test_request_context():
                link = url_for("review.attempt", class_id=klas.id, assignment_id=A, attempt_id=attempt.id)
            assert f'href="{link}"' in section
    else:
        assert "<a href" not in section.split("Lijst sluiten")[0]


def test_overview_ignores_an_unknown_cell(client, as_teacher):
    _, klas, students = as_teacher
    hand_in(students[0])
    for query in ("criterium=bestaat-niet&niveau=0", "criterium=phases&niveau=7", "criterium=phases&niveau=x",
                  "criterium=emotion_curve&niveau=1"):
        response = client.get(f"{base(klas)}/overzicht?{query}")
        assert response.status_code == 200
        assert 'id="leerlingen"' not in response.get_data(as_text=True)


def test_overview_before_anyone_handed_in(client, as_teacher):
    _, klas, _ = as_teacher
    html = text_of(client.get(f"{base(klas)}/overzicht"))
    assert "Nog niemand heeft deze opdracht ingeleverd." in html
    assert "ca-heatmap" not in html
    assert "Alle klantreizen downloaden (ZIP)" not in html
    assert "Cijferlijst downloaden (CSV)" in html


def test_overview_shows_students_graded_without_a_criterion(client, as_teacher):
    _, klas, students = as_teacher
    hand_in(students[0])
    post_settings(client, klas, **{"emotion_curve-enabled": "y"})
    html = text_of(client.get(f"{base(klas)}/overzicht"))
    assert "zonder niveau" in html
    assert "Emotiecurve" in html
    client.post(f"{base(klas)}/opnieuw-beoordelen")
    assert "zonder niveau" not in text_of(client.get(f"{base(klas)}/overzicht"))


def test_overview_escapes_names(client, make, setup, login):
    teacher, klas, _ = setup
    klas.name = "<b>4B</b>"
    student = make.student(klas, name="<script>alert(1)</script>")
    db.session.commit()
    hand_in(student)
    login(teacher)
    html = client.get(f"{base(klas)}/overzicht?criterium=service_concept&niveau=0").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "<b>4B</b>" not in html


def test_overview_links_to_settings_and_downloads_with_a_decimal_choice(client, as_teacher):
    _, klas, students = as_teacher
    hand_in(students[0])
    html = text_of(client.get(f"{base(klas)}/overzicht"))
    assert f'href="{base(klas)}/instellingen"' in html
    assert f'action="{base(klas)}/cijfers.csv"' in html
    assert 'name="decimaal" type="radio" value="komma"' in html and 'value="punt"' in html
    assert f'href="{base(klas)}/klantreizen.zip"' in html


def count_queries(client, url: str) -> int:
    db.session.expire_all()  # as in a fresh request: nothing loaded yet
    engine = db.engine
    statements = []

    def note(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", note)
    return len(statements)


def test_overview_and_downloads_need_the_same_queries_for_any_class_size(client, make, as_teacher):
    teacher, klas, students = as_teacher
    for student in students:
        hand_in(student)
    hand_in(students[0])
    override(Attempt.for_student(students[0].id, A)[-1], "phases", 3, "", teacher)
    db.session.commit()
    urls = [f"{base(klas)}/overzicht?criterium=phases&niveau=2", f"{base(klas)}/cijfers.csv",
            f"{base(klas)}/klantreizen.zip", f"{base(klas)}/instellingen"]
    small = [count_queries(client, url) for url in urls]
    for n in range(5):
        student = make.student(klas, name=f"Extra {n}")
        hand_in(student)
        hand_in(student, NO_AFTER_SALES)
    assert [count_queries(client, url) for url in urls] == small


# --------------------------------------------------------------------------- summary line


def row(cid: str, title: str, counts: list[int]) -> HeatRow:
    total = sum(counts)
    return HeatRow(cid, title, tuple(HeatCell(level, "", n, n / total, shade(n, total), False)
                                     for level, n in enumerate(counts)), 0)


def test_summary_names_what_most_students_miss():
    rows = [row("phases", "Fasen", [0, 1, 5, 4]), row("after_sales", "After-salesfase", [6, 1, 2, 1]),
            row("persona", "Persona en koppeling", [0, 2, 4, 4])]
    assert summary(rows, 10) == "De meeste leerlingen missen nog de after-salesfase (7 van de 10 op niveau 0 of 1)."


def test_summary_when_less_than_half_miss_it():
    rows = [row("phases", "Fasen", [0, 1, 5, 4]), row("awareness", "Bewustwordingsfase", [1, 2, 5, 2])]
    assert summary(rows, 10) == "De klas mist het vaakst nog de bewustwordingsfase (3 van de 10 op niveau 0 of 1)."


def test_summary_names_every_criterion_that_ties():
    rows = [row("awareness", "Bewustwordingsfase", [4, 0, 0, 0]), row("after_sales", "After-salesfase", [2, 2, 0, 0])]
    assert summary(rows, 4) == ("De meeste leerlingen missen nog de bewustwordingsfase en de after-salesfase "
                                "(4 van de 4 op niveau 0 of 1).")


def test_summary_when_nobody_misses_anything_or_nobody_handed_in():
    expected = "Alle leerlingen halen bij elk criterium voldoende of goed."
    assert summary([row("phases", "Fasen", [0, 0, 2, 1])], 3) == expected
    assert summary([], 0) == "Nog niemand heeft deze opdracht ingeleverd."


@pytest.mark.parametrize("count, total, expected", [(0, 10, 0), (1, 10, 1), (2, 10, 1), (3, 10, 2), (5, 10, 3),
                                                    (8, 10, 4), (9, 10, 5), (10, 10, 5), (0, 0, 0)])
def test_shades_by_share(count, total, expected):
    assert shade(count, total) == expected


# --------------------------------------------------------------------------- CSRF


def test_every_form_needs_a_csrf_token(csrf_app, setup):
    teacher, klas, students = setup
    hand_in(students[0])
    client = csrf_app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(teacher.id)
        session["_fresh"] = True
    g.pop("_login_user", None)
    data = settings_data(klas, **{"touchpoints-good_touchpoints": "5"})
    assert client.post(f"{base(klas)}/instellingen", data=data).status_code == 400
    assert client.post(f"{base(klas)}/instellingen", data={"reset": "x"}).status_code == 400
    assert client.post(f"{base(klas)}/opnieuw-beoordelen").status_code == 400
    assert setting_of(klas) is None

    page = client.get(f"{base(klas)}/instellingen").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert client.post(f"{base(klas)}/instellingen", data={**data, "csrf_token": token}).status_code == 302
    assert setting_of(klas).rubric_config is not None
    page = client.get(f"{base(klas)}/instellingen").get_data(as_text=True)
    regrade_form = page[page.index('action="' + base(klas) + '/opnieuw-beoordelen"'):]
    assert 'name="csrf_token"' in regrade_form.split("</form>")[0]
    assert client.post(f"{base(klas)}/opnieuw-beoordelen", data={"csrf_token": token}).status_code == 302
    assert db.session.scalar(select(func.count(Grading.id))) == 1
    assert client.post(f"{base(klas)}/instellingen", data={"reset": "x", "csrf_token": token}).status_code == 302
    assert setting_of(klas).rubric_config is None
    # The download form sends no token: it changes nothing and the token would end up in the URL.
    overview = client.get(f"{base(klas)}/overzicht").get_data(as_text=True)
    download_form = overview[overview.index(f'action="{base(klas)}/cijfers.csv"'):].split("</form>")[0]
    assert "csrf_token" not in download_form


def test_the_form_says_what_the_toml_loader_says(client, as_teacher):
    from grader import CRITERIA, Rubric, RubricError

    _, klas, _ = as_teacher
    block = field_block(text_of(post_settings(client, klas, **{"channel_mix-enabled": "y",
                                                                "channel_mix-sufficient_channels": "5",
                                                                "channel_mix-good_channels": "4"})),
                        "channel_mix-good_channels")
    (key, sentence), = CRITERIA["channel_mix"].problems({"sufficient_channels": 5, "good_channels": 4})
    assert key == "good_channels" and sentence in block
    with pytest.raises(RubricError) as error:
        Rubric.from_config({"criteria": {"channel_mix": {"sufficient_channels": 5, "good_channels": 4}}})
    assert str(error.value).endswith(sentence)


def test_a_class_rubric_keeps_the_assignments_own_stage_words(client, as_teacher):
    from courseware.grading import rubric_for_class

    _, klas, _ = as_teacher
    post_settings(client, klas, **{"phases-good_phases": "5"})
    assignment = get_assignment(A)
    assert assignment.rubric.stage_words  # open-dag reads the open day as the experience
    assert setting_of(klas).rubric_config is not None
    assert rubric_for_class(klas.id, assignment).stage_words == assignment.rubric.stage_words
