"""The review dashboard as data: one row per student of a class for one assignment, with the
status, the final grade and the level of every criterion; sorting and the "still to review"
filter. A handful of queries per page, whatever the number of students (no query per row)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select

from assignments import Assignment

from ..extensions import db
from ..grading import Result, latest_attempts, results_for, rubric_for_class
from ..models import Attempt, Draft, SchoolClass, User
from ..student_status import (  # noqa: F401  (the review routes use them from here)
    DRAFT,
    HANDED_IN,
    NOT_STARTED,
    RELEASED,
    REVIEWED,
    STATUS_LABELS,
    STATUS_ORDER,
    status_of,
)

FIXED_SORTS = ("name", "status", "grade", "attempts")
ASC, DESC = "asc", "desc"
TO_REVIEW = "te-beoordelen"



@dataclass(frozen=True)
class Column:
    """A criterion column: its id and title."""

    id: str
    title: str


@dataclass(frozen=True)
class Row:
    student: User
    status: str
    attempts: int
    result: Result | None  # of the latest attempt; None when nothing was handed in

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def attempt(self) -> Attempt | None:
        return self.result.attempt if self.result else None

    @property
    def grade(self) -> float | None:
        return self.result.final.grade if self.result else None

    @property
    def grader_grade(self) -> float | None:
        return self.result.grader.grade if self.result else None

    @property
    def to_review(self) -> bool:
        return self.status == HANDED_IN

    def level(self, criterion_id: str) -> int | None:
        found = self.result.final.criterion(criterion_id) if self.result else None
        return found.level if found else None

    def grader_level(self, criterion_id: str) -> int | None:
        found = self.result.grader.criterion(criterion_id) if self.result else None
        return found.level if found else None


@dataclass(frozen=True)
class Summary:
    students: int
    handed_in: int
    to_review: int
    releasable: int  # reviewed, not yet released


def summarise(rows: list[Row]) -> Summary:
    return Summary(len(rows), sum(r.result is not None for r in rows), sum(r.to_review for r in rows),
                   sum(r.status == REVIEWED for r in rows))


def build_rows(klas: SchoolClass, assignment: Assignment) -> tuple[list[Row], list[Column]]:
    """Every student of the class with the status and result of their latest attempt."""
    students = [s for s in klas.students if s.is_student]
    ids = [s.id for s in students]
    latest = latest_attempts(klas.id, assignment.id)
    results = results_for(latest.values())
    counts = dict(db.session.execute(
        select(Attempt.user_id, func.count(Attempt.id))
        .where(Attempt.user_id.in_(ids), Attempt.assignment_id == assignment.id)
        .group_by(Attempt.user_id)
    ).all()) if ids else {}
    drafts = set(db.session.scalars(
        select(Draft.user_id).where(Draft.user_id.in_(ids), Draft.assignment_id == assignment.id)
    )) if ids else set()
    rows = []
    for student in students:
        attempt = latest.get(student.id)
        result = results.get(attempt.id) if attempt else None
        status = status_of(result.review if result else None, attempt is not None, student.id in drafts)
        rows.append(Row(student, status, counts.get(student.id, 0), result))
    return rows, _columns(klas.id, assignment, results.values())


def _columns(class_id: int, assignment: Assignment, results: Iterable[Result]) -> list[Column]:
    """The criteria of the class's rubric, then any other criterion an (older) attempt was graded on."""
    columns = [Column(item.id, item.criterion.title) for item in rubric_for_class(class_id, assignment).items]
    seen = {c.id for c in columns}
    for result in results:
        for criterion in result.grader.criteria:
            if criterion.id not in seen:
                seen.add(criterion.id)
                columns.append(Column(criterion.id, criterion.title))
    return columns


def clean_sort(sort: str | None, direction: str | None, columns: list[Column]) -> tuple[str, str]:
    """A known sort key and direction; anything else falls back to name, ascending."""
    allowed = set(FIXED_SORTS) | {c.id for c in columns}
    return (sort if sort in allowed else "name"), (direction if direction in (ASC, DESC) else ASC)


def sort_rows(rows: list[Row], sort: str, direction: str) -> list[Row]:
    """Rows sorted on `sort`; rows without a value (nothing handed in) always come last.
    Equal values stay in name order."""

    def value(row: Row):
        if sort == "name":
            return row.student.display_name.casefold()
        if sort == "status":
            return STATUS_ORDER.index(row.status)
        if sort == "grade":
            return row.grade
        if sort == "attempts":
            return row.attempts
        return row.level(sort)

    def by_name(row: Row):
        return (row.student.display_name.casefold(), row.student.id)

    present = sorted((r for r in rows if value(r) is not None), key=by_name)
    present.sort(key=value, reverse=direction == DESC)
    missing = sorted((r for r in rows if value(r) is None), key=by_name)
    return present + missing


def filter_rows(rows: list[Row], which: str | None) -> list[Row]:
    return [row for row in rows if row.to_review] if which == TO_REVIEW else rows
