"""Handing in: immutable attempts with their grader report, numbering, deadlines, and the
attempt pages (own attempts only, read-only)."""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from assignments import get_assignment
from courseware.extensions import db
from courseware.grade_display import AT_ONCE
from courseware.models import Attempt, ClassAssignment, Draft, Role
from courseware.models.journeys import AttemptImmutableError
from grader import Report, parse_journey

from .journeys import JOURNEY, A, save_draft, text_of

BASE = f"/opdrachten/{A}"

def attempts_of(user, assignment: str = A) -> list[Attempt]:
    db.session.expire_all()
    return Attempt.for_student(user.id, assignment)


def post_hand_in(client, version: int | None = None):
    data = {} if version is None else {"version": str(version)}
    return client.post(f"{BASE}/inleveren", data=data)


@pytest.fixture
def student(make, login):
    user = make.student()
    login(user)
    return user


def test_hand_in_stores_the_journey_and_its_report(client, student):
    draft = save_draft(student)
    response = post_hand_in(client, draft.version)
    assert response.status_code == 302
    assert response.location.endswith(f"{BASE}/pogingen/1")
    [attempt] = attempts_of(student)
    assert attempt.number == 1
    assert attempt.assignment_id == A
    journey = parse_journey(attempt.journey_data)
    assert [p.name for p in journey.phases] == ["Oriëntatie", "Open dag", "Nazorg"]
    report = Report.from_dict(attempt.report_data)
    assert report.grade == attempt.grade
    assert attempt.rubric_version == get_assignment(A).rubric.version == report.rubric_version
    assert [c.id for c in report.criteria] == [item.id for item in get_assignment(A).rubric.items]
    page = text_of(client.get(response.location))
    assert "Ingeleverd! Dit is poging 1." in page


def test_second_hand_in_is_number_two_and_the_draft_stays(client, student):
    save_draft(student)
    post_hand_in(client)
    client.post(f"{BASE}/bouwen/trigger", data={"trigger": "Een betere trigger met meer woorden.", "action": "save"})
    response = post_hand_in(client)
    assert response.location.endswith(f"{BASE}/pogingen/2")
    first, second = attempts_of(student)
    assert (first.number, second.number) == (1, 2)
    assert json.loads(first.journey)["trigger"] == JOURNEY["trigger"]
    assert json.loads(second.journey)["trigger"] == "Een betere trigger met meer woorden."
    assert Draft.find(student.id, A) is not None


def test_hand_in_from_the_check_step(client, student):
    save_draft(student)
    response = client.post(f"{BASE}/bouwen/check", data={"action": "submit"})
    assert response.location.endswith(f"{BASE}/pogingen/1")
    assert len(attempts_of(student)) == 1


def test_numbers_are_per_student_and_assignment(client, make, login):
    other = make.student()
    login(other)
    save_draft(other)
    post_hand_in(client)
    save_draft(other, assignment="lesuitval")
    client.post("/opdrachten/lesuitval/inleveren")
    me = make.student()
    login(me)
    save_draft(me)
    post_hand_in(client)
    assert [a.number for a in attempts_of(me)] == [1]
    assert [a.number for a in attempts_of(other, "lesuitval")] == [1]


def test_an_attempt_never_changes(client, student):
    save_draft(student)
    post_hand_in(client)
    [attempt] = attempts_of(student)
    attempt.grade = 10.0
    with pytest.raises(AttemptImmutableError):
        db.session.commit()
    db.session.rollback()
    assert attempts_of(student)[0].grade != 10.0


def test_attempt_number_is_unique(client, student):
    save_draft(student)
    post_hand_in(client)
    db.session.add(Attempt(user_id=student.id, assignment_id=A, number=1, journey="{}", report="{}", grade=1.0,
                           rubric_version="x"))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_attempt_page_is_read_only_and_keeps_what_was_handed_in(client, student):
    save_draft(student)
    post_hand_in(client)
    client.post(f"{BASE}/bouwen/phases", data={"phases-0-name": "Heel andere naam", "action": "save"})
    response = client.get(f"{BASE}/pogingen/1")
    assert response.status_code == 200
    page = text_of(response)
    assert "Oriëntatie" in page and "Heel andere naam" not in page
    report = Report.from_dict(attempts_of(student)[0].report_data)
    for criterion in report.criteria:
        assert criterion.title in page and criterion.feedback in page
    assert "jm-" in page  # the journey map
    assert "<form" not in page.split('id="inhoud"')[1]  # nothing to change on this page


def test_attempts_list_shows_every_grade(client, student):
    """With "Cijfer meteen tonen" (by default the grades wait for the teacher: test_provisional_grades)."""
    ClassAssignment.get_or_create(student.class_id, A).grade_display = AT_ONCE
    db.session.commit()
    save_draft(student)
    post_hand_in(client)
    client.post(f"{BASE}/bouwen/trigger", data={"trigger": "", "action": "save"})
    post_hand_in(client)
    response = client.get(f"{BASE}/pogingen")
    assert response.status_code == 200
    page = text_of(response)
    for attempt in attempts_of(student):
        assert f"{attempt.grade:.1f}".replace(".", ",") in page
        assert f"{BASE}/pogingen/{attempt.number}" in page


def test_attempts_list_when_nothing_was_handed_in(client, student):
    assert "Je hebt deze opdracht nog niet ingeleverd." in text_of(client.get(f"{BASE}/pogingen"))


def test_another_students_attempt_is_not_found(client, make, login):
    owner = make.student()
    login(owner)
    save_draft(owner)
    post_hand_in(client)
    login(make.student())
    assert client.get(f"{BASE}/pogingen/1").status_code == 404
    assert "Sanne" not in text_of(client.get(f"{BASE}/pogingen"))


@pytest.mark.parametrize("role", [Role.TEACHER, Role.ADMIN])
def test_staff_cannot_open_student_attempt_pages_here(client, make, login, role):
    owner = make.student()
    login(owner)
    save_draft(owner)
    post_hand_in(client)
    login(make.user(role))
    assert client.get(f"{BASE}/pogingen/1").status_code == 403
    assert client.get(f"{BASE}/pogingen").status_code == 403
    assert client.post(f"{BASE}/inleveren").status_code == 403


def test_unknown_attempt_number_is_404(client, student):
    assert client.get(f"{BASE}/pogingen/7").status_code == 404


def test_empty_draft_cannot_be_handed_in(client, student):
    response = post_hand_in(client)
    assert response.status_code == 302
    assert attempts_of(student) == []
    save_draft(student, {"persona": {"name": "Sanne"}})
    response = post_hand_in(client)
    assert "Je klantreis heeft nog geen fasen." in text_of(client.get(response.location))
    assert attempts_of(student) == []


def test_stale_feedback_page_does_not_hand_in(client, student):
    draft = save_draft(student)
    old_version = draft.version
    client.post(f"{BASE}/bouwen/trigger", data={"trigger": "Veranderd in een ander tabblad.", "action": "save"})
    response = post_hand_in(client, old_version)
    assert response.location.endswith(f"{BASE}/feedback")
    assert "Je klantreis is intussen veranderd" in text_of(client.get(response.location))
    assert attempts_of(student) == []


def deadline_for(klas, when: datetime, assignment: str = A) -> ClassAssignment:
    setting = ClassAssignment(class_id=klas.id, assignment_id=assignment, deadline=when)
    db.session.add(setting)
    db.session.commit()
    return setting


def test_hand_in_after_the_deadline_is_refused(client, make, login):
    klas = make.school_class()
    student = make.student(klas)
    login(student)
    deadline_for(klas, datetime.now(UTC) - timedelta(hours=1))
    save_draft(student)
    response = post_hand_in(client)
    assert response.location.endswith(f"{BASE}/feedback")
    page = text_of(client.get(response.location))
    assert "Inleveren kan niet meer. De deadline was" in page
    assert "Je concept is wel bewaard." in page
    assert attempts_of(student) == []
    # the check step's button is refused too, and the draft is still saved
    client.post(f"{BASE}/bouwen/check", data={"action": "submit"})
    assert attempts_of(student) == []
    assert Draft.find(student.id, A) is not None


def test_hand_in_before_the_deadline_works_and_shows_the_deadline(client, make, login):
    klas = make.school_class()
    student = make.student(klas)
    login(student)
    deadline_for(klas, datetime.now(UTC) + timedelta(days=2))
    save_draft(student)
    assert "Dat kan tot" in text_of(client.get(f"{BASE}/feedback"))
    post_hand_in(client)
    post_hand_in(client)  # the same draft version again (a double click): still one attempt (issue #11)
    assert [a.number for a in attempts_of(student)] == [1]


def test_another_class_deadline_does_not_count(client, make, login):
    other_class = make.school_class()
    deadline_for(other_class, datetime.now(UTC) - timedelta(days=1))
    student = make.student()
    login(student)
    save_draft(student)
    post_hand_in(client)
    assert len(attempts_of(student)) == 1


def test_deadline_without_a_date_never_closes(client, make, login):
    klas = make.school_class()
    student = make.student(klas)
    login(student)
    db.session.add(ClassAssignment(class_id=klas.id, assignment_id=A, deadline=None))
    db.session.commit()
    save_draft(student)
    post_hand_in(client)
    assert len(attempts_of(student)) == 1


def test_class_assignment_pair_is_unique(make):
    klas = make.school_class()
    db.session.add(ClassAssignment(class_id=klas.id, assignment_id=A))
    db.session.commit()
    db.session.add(ClassAssignment(class_id=klas.id, assignment_id=A))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_feedback_after_deadline_has_no_hand_in_button(client, make, login):
    klas = make.school_class()
    student = make.student(klas)
    login(student)
    deadline_for(klas, datetime.now(UTC) - timedelta(minutes=5))
    save_draft(student)
    page = text_of(client.get(f"{BASE}/feedback"))
    assert "Inleveren kan niet meer" in page
    assert f'action="{BASE}/inleveren"' not in page
