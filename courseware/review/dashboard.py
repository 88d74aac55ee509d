"""The review dashboard as data: one row per hand-in to review (a group's hand-in once, with its
members: courseware.group_hand_ins) and one per student who has not handed in, with the status,
the final grade and the level of every criterion; sorting and the "still to review" filter. A
handful of queries per page, whatever the number of students (no query per row). The grade per
student (with individuele correcties) is on the class overview and in the CSV."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from assignments import Assignment

from .. import groups
from ..grading import Result, results_for, rubric_for_class
from ..group_hand_ins import latest_hand_ins, member_pairs, unit_of
from ..models import Attempt, SchoolClass, User
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
    student: User  # the first member by name (individual work: the student)
    status: str
    attempts: int
    result: Result | None  # of the latest attempt; None when nothing was handed in
    members: tuple[User, ...] = ()  # of a group's hand-in, by name; () for one student
    group_name: str = ""  # "" for individual work

    @property
    def is_group(self) -> bool:
        return bool(self.group_name)

    @property
    def people(self) -> int:
        """How many students this row is for (a group: its members at hand-in time)."""
        return len(self.members) or 1

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

    @property
    def doubts(self) -> int:
        """Phases of the latest hand-in whose stage the grader doubts (PhaseStage.other): worth a look."""
        return len(self.result.grader.doubted) if self.result else 0

    def level(self, criterion_id: str) -> int | None:
        found = self.result.final.criterion(criterion_id) if self.result else None
        return found.level if found else None

    def grader_level(self, criterion_id: str) -> int | None:
        found = self.result.grader.criterion(criterion_id) if self.result else None
        return found.level if found else None


@dataclass(frozen=True)
class Summary:
    students: int
    handed_in: int  # students of the class whose work (alone or in a group) was handed in
    to_review: int  # hand-ins (a group's once)
    releasable: int  # reviewed, not yet released


def summarise(rows: list[Row], student_ids: set[int] | None = None) -> Summary:
    """Counts for the dashboard; `student_ids`: the class's students (default: everyone in `rows`,
    also a former member of a group's hand-in)."""
    everyone = {member.id for r in rows for member in (r.members or (r.student,))}
    students = everyone if student_ids is None else student_ids
    handed_in = {member.id for r in rows if r.result is not None for member in (r.members or (r.student,))}
    return Summary(len(students), len(handed_in & students), sum(r.to_review for r in rows),
                   sum(r.status == REVIEWED for r in rows))


def build_rows(klas: SchoolClass, assignment: Assignment) -> tuple[list[Row], list[Column]]:
    """A row per hand-in unit (a group, or a student working alone) with the status and result of
    its latest hand-in, then a row per student of the class who is in none of them."""
    students = [s for s in klas.students if s.is_student]
    ids = [s.id for s in students]
    hand_ins = latest_hand_ins(klas.id, assignment.id)
    results = results_for(h.attempt for h in hand_ins)
    counts: dict[int | str, int] = {}
    for attempt, _member in {a.id: (a, m) for a, m in member_pairs(klas.id, assignment.id)}.values():
        counts[unit_of(attempt)] = counts.get(unit_of(attempt), 0) + 1
    drafts = groups.students_with_draft(klas.id, assignment.id) if ids else set()  # the group's draft counts
    rows = []
    covered: set[int] = set()
    for hand_in in hand_ins:
        result = results[hand_in.attempt.id]
        members = tuple(sorted(hand_in.members, key=lambda user: (user.display_name.casefold(), user.id)))
        covered.update(hand_in.member_ids)
        status = status_of(result.review, True, True)
        rows.append(Row(members[0], status, counts.get(hand_in.unit, 0), result,
                        members if hand_in.is_group else (), hand_in.group_name))
    for student in students:
        if student.id not in covered:
            rows.append(Row(student, status_of(None, False, student.id in drafts), 0, None))
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
