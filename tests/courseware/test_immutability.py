"""Hand-ins and teacher reviews are history: editing the draft afterwards, handing in again,
regrading with another rubric and overriding levels never change an earlier Attempt row (journey,
report, grade, rubric snapshot) or an earlier LevelOverride row."""
from __future__ import annotations

import json

import pytest
from flask import g
from sqlalchemy import text

from assignments import get_assignment
from courseware.builder import journey_data, store
from courseware.extensions import db
from courseware.grading import override, regrade, regrade_all, result_for
from courseware.models import Attempt, ClassAssignment, Draft, Grading, Review, Role
from courseware.models.journeys import AttemptImmutableError
from grader import Rubric

from .journeys import FULL_JOURNEY, A

BASE = f"/opdrachten/{A}"
OTHER_CONFIG = {"criteria": {"phases": {"weight": 3}, "after_sales": {"weight": 1, "good_touchpoints": 1},
                             "persona": {}}}



def rows(table: str, **where) -> list[tuple]:
    """Every column of every row, exactly as stored."""
    clause = " AND ".join(f"{key} = :{key}" for key in where) or "1 = 1"
    db.session.expire_all()
    return [tuple(row) for row in db.session.execute(text(f"SELECT * FROM {table} WHERE {clause} ORDER BY id"), where)]


@pytest.fixture
def setup(client, make):
    teacher = make.user(Role.TEACHER)
    klas = make.school_class(teacher)
    student = make.student(klas)
    return teacher, klas, student


def hand_in_on_the_site(client, student) -> Attempt:
    db.session.expire_all()
    version = Draft.find(student.id, A).version
    response = client.post(f"{BASE}/inleveren", data={"version": str(version)})
    assert response.status_code == 302 and "/pogingen/" in response.location, response.location
    return Attempt.for_student(student.id, A)[-1]


def edit(client, student, step: str, data: dict) -> None:
    db.session.expire_all()
    version = Draft.find(student.id, A).version
    g.pop("_login_user", None)
    response = client.post(f"{BASE}/bouwen/{step}", data={**data, "version": str(version), "action": "save"})
    assert response.status_code == 302 and "/conflict" not in response.location


def test_attempts_and_overrides_never_change(client, setup, login):
    teacher, klas, student = setup
    assignment = get_assignment(A)
    store.save(student, assignment, journey_data.normalise(FULL_JOURNEY, assignment), step="check", loaded_version=None)
    login(student)
    first = hand_in_on_the_site(client, student)
    first_row = rows("attempts", id=first.id)
    assert len(first_row) == 1
    snapshot = json.loads(first.journey), json.loads(first.report), first.grade, first.rubric

    # The student edits the draft after handing in, on several steps.
    edit(client, student, "persona", {"name": "Sanne de Vries", "description": "Nu heel anders.", "quote": "Nieuw!"})
    edit(client, student, "trigger", {"trigger": "Een vriendin vertelt over de open dag."})
    assert rows("attempts", id=first.id) == first_row

    # The teacher overrides a level, twice on the same criterion: both rows stay.
    login(teacher)
    criterion = first.report_data["criteria"][0]["id"]
    override(first, criterion, 1, "Te kort.", teacher)
    db.session.commit()
    override(first, criterion, 2, "Toch beter.", teacher)
    db.session.add(Review(attempt_id=first.id, comment="Goed begin."))
    db.session.commit()
    overrides = rows("level_overrides", attempt_id=first.id)
    assert [row[3] for row in overrides] == [1, 2]  # the history is kept
    reviews = rows("reviews", attempt_id=first.id)

    # The student hands in again (with the edited draft).
    login(student)
    second = hand_in_on_the_site(client, student)
    assert second.number == 2 and second.journey != first.journey
    assert rows("attempts", id=first.id) == first_row

    # The class gets another rubric and every hand-in is regraded.
    ClassAssignment.get_or_create(klas.id, A).rubric_config = json.dumps(OTHER_CONFIG)
    db.session.commit()
    second_row = rows("attempts", id=second.id)
    added = regrade_all([first, second], Rubric.from_config(OTHER_CONFIG), teacher)
    db.session.commit()
    assert len(added) == 2
    gradings = rows("gradings")
    assert rows("attempts", id=first.id) == first_row
    assert rows("attempts", id=second.id) == second_row
    assert rows("level_overrides", attempt_id=first.id) == overrides
    assert rows("reviews", attempt_id=first.id) == reviews

    # Regrading again with yet another rubric adds a grading and leaves the earlier ones alone.
    assert regrade(first, assignment.rubric, teacher) is not None
    db.session.commit()
    assert rows("gradings")[:len(gradings)] == gradings
    assert rows("attempts", id=first.id) == first_row

    # A newer override after the regrade: one more row, the older ones unchanged.
    override(first, criterion, 3, "Na het opnieuw beoordelen.", teacher)
    db.session.commit()
    assert rows("level_overrides", attempt_id=first.id)[:2] == overrides
    assert len(rows("level_overrides", attempt_id=first.id)) == 3

    # The result uses the newest grading and override, but the attempt itself is as handed in.
    db.session.expire_all()
    first = db.session.get(Attempt, first.id)
    assert (json.loads(first.journey), json.loads(first.report), first.grade, first.rubric) == snapshot
    assert result_for(first).overrides[criterion].level == 3
    assert db.session.query(Grading).filter_by(attempt_id=first.id).count() == 2


def test_an_attempt_cannot_be_changed_even_by_code(client, setup, login):
    _teacher, _klas, student = setup
    assignment = get_assignment(A)
    store.save(student, assignment, journey_data.normalise(FULL_JOURNEY, assignment), step="check", loaded_version=None)
    login(student)
    attempt = hand_in_on_the_site(client, student)
    before = rows("attempts", id=attempt.id)
    attempt.grade = 10.0
    with pytest.raises(AttemptImmutableError):
        db.session.commit()
    db.session.rollback()
    assert rows("attempts", id=attempt.id) == before


def test_uploading_a_new_draft_leaves_attempts_alone(client, setup, login):
    _teacher, _klas, student = setup
    assignment = get_assignment(A)
    store.save(student, assignment, journey_data.normalise(FULL_JOURNEY, assignment), step="check", loaded_version=None)
    login(student)
    attempt = hand_in_on_the_site(client, student)
    before = rows("attempts")
    other = {**FULL_JOURNEY, "trigger": "Een heel andere trigger voor de open dag."}
    store.save(student, assignment, journey_data.normalise(other, assignment), step=None, loaded_version=None)
    assert rows("attempts") == before
    assert Attempt.for_student(student.id, A) == [attempt]
