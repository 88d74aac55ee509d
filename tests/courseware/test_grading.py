"""courseware.grading, the domain layer of grades: the rubric a class uses, results with regrades
and the teacher's overrides on top, regrading (idempotent per rubric version), latest attempts."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import event, func, select, text

from assignments import get_assignment
from courseware.extensions import db
from courseware.grading import (
    latest_attempts,
    override,
    regrade,
    regrade_all,
    result_for,
    results_for,
    rubric_for_class,
    rubric_for_student,
    rubric_json,
)
from courseware.models import Attempt, ClassAssignment, Grading, LevelOverride, Review, Role
from courseware.models.accounts import utcnow
from grader import Report, Rubric

from .journeys import JOURNEY, NO_AFTER_SALES, A, hand_in

OTHER_CONFIG = {"criteria": {"phases": {"weight": 3}, "after_sales": {"weight": 1, "good_touchpoints": 1},
                             "persona": {}}}


@pytest.fixture
def teacher(make):
    return make.user(Role.TEACHER)


@pytest.fixture
def klas(make, teacher):
    return make.school_class(teacher)


@pytest.fixture
def student(make, klas):
    return make.student(klas, name="Sanne")


def set_class_rubric(klas, config) -> None:
    ClassAssignment.get_or_create(klas.id, A).rubric_config = json.dumps(config)
    db.session.commit()


def raw_attempt(attempt_id: int) -> tuple:
    return tuple(db.session.execute(text("SELECT * FROM attempts WHERE id = :id"), {"id": attempt_id}).one())


def count_gradings() -> int:
    return db.session.scalar(select(func.count(Grading.id)))


# --------------------------------------------------------------------------- rubric_for_class


def test_rubric_for_class_without_settings_is_the_assignments(klas):
    assignment = get_assignment(A)
    assert rubric_for_class(klas.id, assignment) is assignment.rubric
    assert rubric_for_class(None, assignment) is assignment.rubric


def test_rubric_for_class_with_only_a_deadline_is_the_assignments(klas):
    ClassAssignment.get_or_create(klas.id, A).deadline = utcnow()
    db.session.commit()
    assert rubric_for_class(klas.id, get_assignment(A)) is get_assignment(A).rubric


def test_rubric_for_class_with_settings(klas, make):
    set_class_rubric(klas, OTHER_CONFIG)
    rubric = rubric_for_class(klas.id, get_assignment(A))
    # The class sets the criteria; the assignment's own stage words stay.
    assert rubric.version == get_assignment(A).rubric.with_criteria(Rubric.from_config(OTHER_CONFIG)).version
    assert rubric.stage_words == get_assignment(A).rubric.stage_words != ()
    assert [item.id for item in rubric.items] == ["phases", "after_sales", "persona"]
    assert rubric_for_class(make.school_class().id, get_assignment(A)) is get_assignment(A).rubric  # other class
    assert rubric_for_class(klas.id, get_assignment("lesuitval")) is get_assignment("lesuitval").rubric


@pytest.mark.parametrize("stored", ['{"criteria": {"bestaat_niet": {}}}', "geen json", '{"criteria": {}}'])
def test_rubric_for_class_with_settings_that_no_longer_fit(klas, stored):
    ClassAssignment.get_or_create(klas.id, A).rubric_config = stored
    db.session.commit()
    assert rubric_for_class(klas.id, get_assignment(A)) is get_assignment(A).rubric


def test_rubric_for_student_is_their_classes(klas, student, make):
    set_class_rubric(klas, OTHER_CONFIG)
    expected = get_assignment(A).rubric.with_criteria(Rubric.from_config(OTHER_CONFIG))
    assert rubric_for_student(student, get_assignment(A)).version == expected.version
    loner = make.user(Role.STUDENT)
    assert rubric_for_student(loner, get_assignment(A)) is get_assignment(A).rubric


def test_rubric_json_round_trips():
    rubric = Rubric.from_config(OTHER_CONFIG)
    assert Rubric.from_config(json.loads(rubric_json(rubric))).version == rubric.version


# --------------------------------------------------------------------------- results_for


def test_results_for_nothing():
    assert results_for([]) == {}


def test_result_without_regrades_or_overrides_is_the_attempts_report(student):
    attempt = hand_in(student)
    result = result_for(attempt)
    assert result.attempt is attempt
    assert result.grader.to_dict() == Report.from_dict(attempt.report_data).to_dict()
    assert result.final.to_dict() == result.grader.to_dict()
    assert result.grade == attempt.grade
    assert result.overrides == {} and result.review is None
    assert not result.regraded and not result.released


def test_result_after_regrades_is_the_newest_grading(student, teacher):
    attempt = hand_in(student)
    regrade(attempt, Rubric.from_config(OTHER_CONFIG), teacher)
    newest = Rubric.from_config({"criteria": {"phases": {"weight": 1}}})
    regrade(attempt, newest, teacher)
    db.session.commit()
    result = result_for(attempt)
    assert result.regraded
    assert result.grader.rubric_version == newest.version
    assert [c.id for c in result.grader.criteria] == ["phases"]
    assert result.grade == result.grader.grade


def test_overrides_win_and_the_newest_per_criterion_counts(student, teacher):
    attempt = hand_in(student, NO_AFTER_SALES)
    override(attempt, "after_sales", 1, "Eerst", teacher)
    override(attempt, "after_sales", 3, "Toch goed", teacher)
    override(attempt, "persona", 0, "", teacher)
    db.session.commit()
    result = result_for(attempt)
    assert result.grader.criterion("after_sales").level == 0  # the grader's level stays
    assert result.final.criterion("after_sales").level == 3
    assert result.final.criterion("persona").level == 0
    assert result.overrides["after_sales"].comment == "Toch goed"
    expected = Report.from_dict(attempt.report_data).with_levels({"after_sales": 3, "persona": 0})
    assert result.grade == expected.grade != attempt.grade
    assert db.session.scalar(select(func.count(LevelOverride.id))) == 3  # history kept


def test_override_of_a_criterion_the_rubric_does_not_have_is_ignored(student, teacher):
    attempt = hand_in(student)
    override(attempt, "emotion_curve", 3, "", teacher)
    db.session.commit()
    result = result_for(attempt)
    assert result.final.criterion("emotion_curve") is None
    assert result.grade == attempt.grade


def test_result_has_the_review(student, teacher):
    attempt = hand_in(student)
    db.session.add(Review(attempt_id=attempt.id, comment="Goed", done_at=utcnow(), released_at=utcnow()))
    db.session.commit()
    result = result_for(attempt)
    assert result.review.comment == "Goed" and result.released


def test_results_for_many_attempts_takes_three_queries(make, klas, teacher):
    attempts = []
    for n in range(6):
        attempt = hand_in(make.student(klas))
        override(attempt, "phases", n % 4, "", teacher)
        if n % 2:
            regrade(attempt, Rubric.from_config(OTHER_CONFIG), teacher)
        attempts.append(attempt)
    db.session.commit()
    attempts = list(db.session.scalars(select(Attempt).order_by(Attempt.id)))  # loaded, as a page has them
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        results = results_for(attempts)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert len(statements) == 3
    assert [results[a.id].regraded for a in attempts] == [False, True] * 3
    assert [results[a.id].final.criterion("phases").level for a in attempts] == [0, 1, 2, 3, 0, 1]


# --------------------------------------------------------------------------- regrade


def test_regrade_with_the_same_rubric_version_does_nothing(student, teacher):
    attempt = hand_in(student)
    assert regrade(attempt, get_assignment(A).rubric, teacher) is None
    assert count_gradings() == 0


def test_regrade_is_idempotent_for_the_same_rubric_version(student, teacher):
    attempt = hand_in(student)
    rubric = Rubric.from_config(OTHER_CONFIG)
    first = regrade(attempt, rubric, teacher)
    assert first is not None
    assert regrade(attempt, Rubric.from_config(json.loads(json.dumps(OTHER_CONFIG))), teacher) is None
    db.session.commit()
    assert count_gradings() == 1
    assert first.rubric_version == rubric.version
    assert json.loads(first.rubric) == rubric.to_config()
    assert first.created_by == teacher.id
    assert Report.from_dict(first.report_data).grade == first.grade


def test_regrade_leaves_the_attempt_and_overrides_alone_and_overrides_still_win(student, teacher):
    attempt = hand_in(student)
    override(attempt, "phases", 0, "Fasen zijn niet echt", teacher)
    db.session.commit()
    before = raw_attempt(attempt.id)
    regrade(attempt, Rubric.from_config(OTHER_CONFIG), teacher)
    db.session.commit()
    assert raw_attempt(attempt.id) == before
    result = result_for(attempt)
    assert result.grader.criterion("phases").level == 2
    assert result.final.criterion("phases").level == 0
    assert result.final.criterion("phases").weight == 3  # the new rubric's weight
    assert result.grade == result.grader.with_levels({"phases": 0}).grade


def test_regrade_back_to_the_first_rubric_adds_a_grading(student, teacher):
    attempt = hand_in(student)
    regrade(attempt, Rubric.from_config(OTHER_CONFIG), teacher)
    again = regrade(attempt, get_assignment(A).rubric, teacher)
    db.session.commit()
    assert again is not None and count_gradings() == 2
    assert result_for(attempt).grade == attempt.grade


def test_regrade_all_skips_the_ones_already_done(make, klas, teacher):
    done = hand_in(make.student(klas))
    todo = hand_in(make.student(klas))
    rubric = Rubric.from_config(OTHER_CONFIG)
    regrade(done, rubric, teacher)
    added = regrade_all([done, todo, todo], rubric, None)
    db.session.commit()
    assert [g.attempt_id for g in added] == [todo.id]
    assert added[0].created_by is None
    assert regrade_all([done, todo], rubric, teacher) == []
    assert regrade_all([], rubric, teacher) == []


# --------------------------------------------------------------------------- latest_attempts


def test_latest_attempts_is_the_newest_per_student_of_the_class(make, klas):
    anna, bram = make.student(klas), make.student(klas)
    hand_in(anna)
    newest = hand_in(anna, NO_AFTER_SALES)
    only = hand_in(bram)
    hand_in(bram, assignment="lesuitval")
    hand_in(make.student())  # another class
    latest = latest_attempts(klas.id, A)
    assert {user_id: a.id for user_id, a in latest.items()} == {anna.id: newest.id, bram.id: only.id}
    assert latest[anna.id].number == 2
    assert latest_attempts(klas.id, "stageplaats-vinden") == {}


def test_attempts_keep_the_journey_they_were_graded_on(student):
    attempt = hand_in(student, JOURNEY)
    assert Attempt.for_student(student.id, A)[0].journey_data["trigger"] == JOURNEY["trigger"]
    assert attempt.rubric_version == get_assignment(A).rubric.version


def test_a_rubric_snapshot_keeps_the_criteria_in_their_order():
    import json

    from courseware.grading import rubric_json
    from grader import Rubric

    rubric = Rubric.from_config({"criteria": {"persona": {}, "after_sales": {"weight": 2}, "phases": {}}})
    again = Rubric.from_config(json.loads(rubric_json(rubric)))
    assert [item.id for item in again.items] == ["persona", "after_sales", "phases"]
    assert again.version == rubric.version
