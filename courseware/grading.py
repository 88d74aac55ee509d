"""Grades as the site keeps them: the rubric a class uses, the current grading of an attempt
(its own report, or the newest regrade), the teacher's overrides on top, and regrading.

The grader's level and the teacher's level are kept side by side; the teacher's wins. An
attempt's journey, its first report and every override are never changed.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from assignments import Assignment
from grader import Report, Rubric, RubricError, grade, parse_journey

from .extensions import db
from .models import Attempt, ClassAssignment, Grading, LevelOverride, Review, User


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

    @property
    def grade(self) -> float:
        return self.final.grade

    @property
    def released(self) -> bool:
        return self.review is not None and self.review.is_released


def results_for(attempts: Iterable[Attempt]) -> dict[int, Result]:
    """Results for many attempts with three queries, whatever their number."""
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
    return results


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


def released_results(attempts: Iterable[Attempt]) -> dict[int, Result]:
    """What a student sees of the teacher's review: the results (with the teacher's levels and
    comments) of the attempts whose review is released, by attempt id. Attempts without a
    released review are left out; before release not even that a review exists shows."""
    return {attempt_id: result for attempt_id, result in results_for(attempts).items() if result.released}
