"""The assignment pages: the overview with a student's status and one page per assignment with
its scenario, goals and rubric. Students, teachers and admins; anonymous users go to login."""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from flask import url_for

from assignments import load_assignments
from courseware.extensions import db
from courseware.models import Attempt, ClassAssignment, Draft, Role
from grader.criteria.registry import LEVEL_NAMES

from .journeys import text_of

ASSIGNMENT_IDS = ["eerste-lesdag", "lesuitval", "examenuitslag", "open-dag", "stageplaats-vinden",
                  "aanmelden-en-intake"]


def add_attempt(user, assignment_id: str, number: int, grade: float) -> Attempt:
    attempt = Attempt(user_id=user.id, assignment_id=assignment_id, number=number,
                      journey=json.dumps({"format": "klantreis/1", "phases": []}),
                      report=json.dumps({"criteria": [], "phases": []}), grade=grade, rubric_version="x")
    db.session.add(attempt)
    db.session.commit()
    return attempt


def test_all_six_assignments_are_known():
    assert list(load_assignments()) == ASSIGNMENT_IDS


@pytest.mark.parametrize("role", [Role.STUDENT, Role.TEACHER, Role.ADMIN])
def test_every_role_sees_the_overview_and_each_assignment(client, make, login, role):
    login(make.user(role))
    response = client.get("/opdrachten")
    assert response.status_code == 200
    page = text_of(response)
    for assignment in load_assignments().values():
        assert assignment.title in page
        assert client.get(f"/opdrachten/{assignment.id}").status_code == 200


def test_unknown_assignment_is_404(client, make, login):
    login(make.student())
    assert client.get("/opdrachten/bestaat-niet").status_code == 404


def test_status_per_assignment(client, make, login):
    student = make.student()
    login(student)
    page = text_of(client.get("/opdrachten"))
    assert page.count("niet begonnen") == 6

    db.session.add(Draft(user_id=student.id, assignment_id="open-dag", data="{}", version=1))
    db.session.commit()
    add_attempt(student, "lesuitval", 1, 4.0)
    add_attempt(student, "lesuitval", 2, 7.5)
    page = text_of(client.get("/opdrachten"))
    assert page.count("niet begonnen") == 4
    assert "concept" in page
    assert "ingeleverd (7,5)" in page  # the latest attempt's grade
    assert "2 pogingen" in page


def test_other_students_work_does_not_change_my_status(client, make, login):
    other = make.student()
    db.session.add(Draft(user_id=other.id, assignment_id="open-dag", data="{}", version=1))
    db.session.commit()
    add_attempt(other, "lesuitval", 1, 8.0)
    login(make.student())
    page = text_of(client.get("/opdrachten"))
    assert page.count("niet begonnen") == 6


def test_assignment_page_shows_scenario_target_group_goals_and_rubric(app, client, make, login):
    login(make.student())
    assignment = load_assignments()["open-dag"]
    response = client.get("/opdrachten/open-dag")
    page = text_of(response)
    assert assignment.title in page
    assert " ".join(assignment.target_group.split()) in page
    first_paragraph = " ".join(assignment.scenario.strip().split("\n\n")[0].split())
    assert first_paragraph in page
    for goal in assignment.goals:
        assert goal in page
    for item in assignment.rubric.items:
        assert item.criterion.title in page
        for descriptor in item.descriptors():
            assert descriptor in page
        with app.test_request_context():
            assert url_for("lessons.show", lesson_id=item.criterion.lesson) in page
    for word in LEVEL_NAMES:
        assert word in page
    assert "Telt 1 keer mee" in page or "keer mee" in page


def test_rubric_weight_is_visible(client, make, login, monkeypatch):
    import assignments
    from courseware import catalogue
    from grader import Rubric

    original = assignments.get_assignment("open-dag")
    heavy = Rubric.from_config({"criteria": {"phases": {"weight": 2}, "persona": {"weight": 1.5}}})
    changed = type(original)(**{**original.__dict__, "rubric": heavy})
    monkeypatch.setattr(catalogue, "builtin", lambda assignment_id: changed)
    login(make.student())
    page = text_of(client.get("/opdrachten/open-dag"))
    assert "Telt 2 keer mee: hoogstens 6 punten." in page
    assert "Telt 1,5 keer mee: hoogstens 4,5 punten." in page
    assert "hoogstens 10,5 punten" in page


def test_begin_then_continue_button(client, make, login):
    student = make.student()
    login(student)
    page = text_of(client.get("/opdrachten/open-dag"))
    assert "Begin" in page and "Verder bouwen" not in page
    assert "/opdrachten/open-dag/bouwen" in page
    db.session.add(Draft(user_id=student.id, assignment_id="open-dag", data="{}", version=1))
    db.session.commit()
    page = text_of(client.get("/opdrachten/open-dag"))
    assert "Verder bouwen" in page


@pytest.mark.parametrize("role", [Role.TEACHER, Role.ADMIN])
def test_staff_see_no_builder_button(client, make, login, role):
    login(make.user(role))
    page = text_of(client.get("/opdrachten/open-dag"))
    assert "/opdrachten/open-dag/bouwen" not in page
    assert "Zo wordt je klantreis beoordeeld" in page


def test_deadline_is_shown_and_marked_when_past(client, make, login):
    klas = make.school_class()
    student = make.student(klas)
    soon = datetime.now(UTC) + timedelta(days=3)
    db.session.add(ClassAssignment(class_id=klas.id, assignment_id="open-dag", deadline=soon))
    db.session.add(ClassAssignment(class_id=klas.id, assignment_id="lesuitval",
                                   deadline=datetime.now(UTC) - timedelta(days=1)))
    db.session.commit()
    login(student)
    page = text_of(client.get("/opdrachten"))
    assert page.count("Deadline:") == 2
    assert "voorbij" in page
    page = text_of(client.get("/opdrachten/lesuitval"))
    assert "De deadline is voorbij" in page


def test_student_sees_link_to_attempts(client, make, login):
    student = make.student()
    add_attempt(student, "open-dag", 1, 6.1)
    login(student)
    page = text_of(client.get("/opdrachten/open-dag"))
    assert "Mijn pogingen (1)" in page
    assert "/opdrachten/open-dag/pogingen" in page
