"""A student's status per assignment, by the one set of rules in courseware.student_status
(not started, concept, handed in, reviewed once released), with the grade of the latest attempt."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from ..extensions import db
from ..formatting import format_grade
from ..grade_display import HIDDEN, PROVISIONAL, mode_for
from ..grading import results_for
from ..models import Attempt, ClassAssignment, Draft, User
from ..models.accounts import utcnow
from ..student_status import DRAFT, NOT_STARTED, RELEASED, STUDENT_LABELS, for_student, status_of


@dataclass(frozen=True)
class Status:
    state: str  # a student_status state as the student sees it (for_student)
    grade: float | None = None  # of the latest attempt: the teacher's once released, else the grader's
    attempts: int = 0
    has_draft: bool = False
    deadline: datetime | None = None  # UTC
    grade_mode: str = HIDDEN  # courseware.grade_display: whether `grade` may be shown, and how

    @property
    def label(self) -> str:
        if self.state in (NOT_STARTED, DRAFT) or self.grade_mode == HIDDEN:
            return str(STUDENT_LABELS[self.state])
        if self.grade_mode == PROVISIONAL:
            return _("%(status)s (voorlopig %(grade)s)", status=STUDENT_LABELS[self.state],
                     grade=format_grade(self.grade))
        return _("%(status)s (%(grade)s)", status=STUDENT_LABELS[self.state], grade=format_grade(self.grade))

    @property
    def closed(self) -> bool:
        return self.deadline is not None and utcnow() > self.deadline


def statuses(user: User, assignment_ids) -> dict[str, Status]:
    """The status of every assignment in `assignment_ids` for this student (three queries)."""
    ids = list(assignment_ids)
    drafts = set(db.session.scalars(
        select(Draft.assignment_id).where(Draft.user_id == user.id, Draft.assignment_id.in_(ids))))
    latest: dict[str, Attempt] = {}
    counts: dict[str, int] = {}
    for attempt in db.session.scalars(
            select(Attempt).where(Attempt.user_id == user.id, Attempt.assignment_id.in_(ids)).order_by(Attempt.number)):
        latest[attempt.assignment_id] = attempt
        counts[attempt.assignment_id] = counts.get(attempt.assignment_id, 0) + 1
    settings: dict[str, ClassAssignment] = {}
    if user.class_id is not None:
        for setting in db.session.scalars(select(ClassAssignment).where(
                ClassAssignment.class_id == user.class_id, ClassAssignment.assignment_id.in_(ids))):
            settings[setting.assignment_id] = setting
    results = results_for(latest.values())
    result = {}
    for assignment_id in ids:
        attempt = latest.get(assignment_id)
        found = results.get(attempt.id) if attempt else None
        has_draft = assignment_id in drafts
        state = for_student(status_of(found.review if found else None, attempt is not None, has_draft))
        grade = None
        if attempt is not None:
            grade = found.grade if state == RELEASED else attempt.grade
        setting = settings.get(assignment_id)
        result[assignment_id] = Status(
            state, grade, counts.get(assignment_id, 0), has_draft,
            setting.deadline_utc if setting else None,
            mode_for(setting, released=state == RELEASED, in_class=user.class_id is not None),
        )
    return result
