"""Grades as the site keeps them: the rubric a class uses, the current grading of an attempt
(its own report, or the newest regrade), the teacher's overrides on top, and regrading.

The grader's level and the teacher's level are kept side by side; the teacher's wins. An
attempt's journey, its first report and every override are never changed.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlalchemy import select

from assignments import Assignment
from grader import PASS_GRADE, Report, Rubric, RubricError, grade, parse_journey

from .extensions import db
from .models import Attempt, ClassAssignment, GradeCorrection, Grading, LevelOverride, Review, User


def rubric_for_class(class_id: int | None, assignment: Assignment) -> Rubric:
    """The class's own rubric settings for this assignment, else the assignment's rubric."""
    setting = ClassAssignment.find(class_id, assignment.id) if class_id is not None else None
    if setting is not None and setting.rubric_config:
        try:  # the class sets the criteria; the assignment's own stage words always stay
            return assignment.rubric.with_criteria(Rubric.from_config(json.loads(setting.rubric_config)))
        except (RubricError, ValueError):
            pass  # settings saved by an older version that no longer fit: use the assignment's
    return assignment.rubric


def rubric_for_student(user: User, assignment: Assignment) -> Rubric:
    return rubric_for_class(user.class_id, assignment)


def rubric_json(rubric: Rubric) -> str:
    return json.dumps(rubric.to_config(), ensure_ascii=False)  # keeps the criteria in their order


@dataclass(frozen=True)
class Result:
    """An attempt's result as a teacher and (once released) the student see it."""

    attempt: Attempt
    grader: Report  # the current grading: the attempt's own report or the newest regrade
    final: Report  # the grader's report with the teacher's overrides applied
    overrides: dict[str, LevelOverride]  # newest override per criterion
    review: Review | None
    regraded: bool
    # The teacher's individuele correctie for the member this result is meant for (see for_member);
    # None, or a take-back row, means the group's grade.
    correction: GradeCorrection | None = None

    @property
    def grade(self) -> float:
        """The grade of this member: the teacher's correction when there is one, else the final grade."""
        if self.correction is not None and self.correction.grade is not None:
            return self.correction.grade
        return self.final.grade

    @property
    def corrected(self) -> bool:
        return self.correction is not None and self.correction.grade is not None

    @property
    def passed(self) -> bool:
        return self.grade >= PASS_GRADE

    def for_member(self, corrections: dict[tuple[int, int], GradeCorrection], user_id: int) -> Result:
        """This result as member `user_id` gets it: with their correction (from `corrections_for`)."""
        return replace(self, correction=corrections.get((self.attempt.id, user_id)))

    @property
    def released(self) -> bool:
        return self.review is not None and self.review.is_released


def results_for(attempts: Iterable[Attempt], member_id: int | None = None) -> dict[int, Result]:
    """Results for many attempts with three queries, whatever their number. With `member_id` (a
    student looking at their own work) each result carries that student's individuele correctie
    (one query more)."""
    attempts = list(attempts)
    ids = [a.id for a in attempts]
    if not ids:
        return {}
    newest: dict[int, Grading] = {}
    for g in db.session.scalars(select(Grading).where(Grading.attempt_id.in_(ids)).order_by(Grading.id)):
        newest[g.attempt_id] = g
    overrides: dict[int, dict[str, LevelOverride]] = {}
    in_order = select(LevelOverride).where(LevelOverride.attempt_id.in_(ids)).order_by(LevelOverride.id)
    for o in db.session.scalars(in_order):
        overrides.setdefault(o.attempt_id, {})[o.criterion_id] = o
    reviews = {r.attempt_id: r for r in db.session.scalars(select(Review).where(Review.attempt_id.in_(ids)))}
    results = {}
    for attempt in attempts:
        grading = newest.get(attempt.id)
        report = Report.from_dict(grading.report_data if grading else attempt.report_data)
        mine = overrides.get(attempt.id, {})
        final = report.with_levels({cid: o.level for cid, o in mine.items()})
        results[attempt.id] = Result(attempt, report, final, mine, reviews.get(attempt.id), grading is not None)
    if member_id is not None:
        corrections = corrections_for(ids, member_id)
        results = {key: result.for_member(corrections, member_id) for key, result in results.items()}
    return results


def corrections_for(attempt_ids: Iterable[int], user_id: int | None = None) -> dict[tuple[int, int], GradeCorrection]:
    """The newest correction per (attempt id, student id) of these attempts (only `user_id`'s when
    given), one query. A take-back row (no grade) is the newest too: it means the group's grade."""
    ids = list(attempt_ids)
    if not ids:
        return {}
    query = select(GradeCorrection).where(GradeCorrection.attempt_id.in_(ids)).order_by(GradeCorrection.id)
    if user_id is not None:
        query = query.where(GradeCorrection.user_id == user_id)
    return {(row.attempt_id, row.user_id): row for row in db.session.scalars(query)}


def correct(attempt: Attempt, user_id: int, grade: float | None, reason: str, teacher: User) -> GradeCorrection:
    """Record a teacher's own grade for one member of a hand-in (None: back to the group's grade);
    earlier corrections stay as history. Does not commit."""
    row = GradeCorrection(attempt_id=attempt.id, user_id=user_id, grade=None if grade is None else round(grade, 1),
                          reason=reason.strip(), teacher_id=teacher.id)
    db.session.add(row)
    return row


def correction_history(attempt_id: int, user_id: int) -> list[GradeCorrection]:
    """Every correction of this member on this attempt, oldest first."""
    return list(db.session.scalars(
        select(GradeCorrection).where(GradeCorrection.attempt_id == attempt_id, GradeCorrection.user_id == user_id)
        .order_by(GradeCorrection.id)))


def result_for(attempt: Attempt) -> Result:
    return results_for([attempt])[attempt.id]


def override(attempt: Attempt, criterion_id: str, level: int, comment: str, teacher: User) -> LevelOverride:
    """Record a teacher's level for one criterion; earlier overrides stay as history."""
    row = LevelOverride(attempt_id=attempt.id, criterion_id=criterion_id, level=level,
                        comment=comment.strip(), teacher_id=teacher.id)
    db.session.add(row)
    return row


def regrade(attempt: Attempt, rubric: Rubric, by: User | None) -> Grading | None:
    """Grade the attempt's journey again with `rubric`. Adds a Grading unless the current one
    already used this rubric version. Teacher overrides are untouched."""
    added = regrade_all([attempt], rubric, by)
    return added[0] if added else None


def regrade_all(attempts: Iterable[Attempt], rubric: Rubric, by: User | None) -> list[Grading]:
    """`regrade` for many attempts, finding their current gradings with three queries in all.
    Returns the Gradings added (attempts already graded with this rubric version get none)."""
    attempts = list(attempts)
    current = results_for(attempts)
    added: list[Grading] = []
    seen: set[int] = set()
    for attempt in attempts:
        if attempt.id in seen or current[attempt.id].grader.rubric_version == rubric.version:
            continue
        seen.add(attempt.id)
        report = grade(parse_journey(attempt.journey_data), rubric)
        grading = Grading(
            attempt_id=attempt.id, rubric=rubric_json(rubric), rubric_version=rubric.version,
            report=json.dumps(report.to_dict(), ensure_ascii=False), grade=report.grade,
            created_by=by.id if by else None,
        )
        db.session.add(grading)
        added.append(grading)
    return added


def latest_attempts(class_id: int, assignment_id: str) -> dict[int, Attempt]:
    """The newest hand-in of every student in the class for this assignment, by student id.
    This is the attempt a teacher reviews, exports and shows in the gallery."""
    rows = db.session.scalars(
        select(Attempt)
        .join(User, User.id == Attempt.user_id)
        .where(User.class_id == class_id, Attempt.assignment_id == assignment_id)
        .order_by(Attempt.user_id, Attempt.number)
    )
    return {attempt.user_id: attempt for attempt in rows}


def released_results(attempts: Iterable[Attempt], member_id: int | None = None) -> dict[int, Result]:
    """What a student sees of the teacher's review: the results (with the teacher's levels and
    comments, and with `member_id`'s individuele correctie) of the attempts whose review is
    released, by attempt id. Attempts without a released review are left out; before release not
    even that a review exists shows (nor a correction)."""
    results = results_for(attempts, member_id)
    return {attempt_id: result for attempt_id, result in results.items() if result.released}
