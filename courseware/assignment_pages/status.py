"""A student's status per assignment: not started, draft, or handed in (with the grade)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from ..extensions import db
from ..formatting import format_grade
from ..grading import results_for
from ..models import Attempt, ClassAssignment, Draft, User
from ..models.accounts import utcnow

NEW, DRAFT, HANDED_IN = "new", "draft", "handed_in"


@dataclass(frozen=True)
class Status:
    state: str  # NEW, DRAFT or HANDED_IN
    grade: float | None = None  # of the latest attempt: the teacher's once released, else the grader's
    attempts: int = 0
    has_draft: bool = False
    deadline: datetime | None = None  # UTC

    @property
    def label(self) -> str:
        if self.state == HANDED_IN:
            return _("ingeleverd (%(grade)s)", grade=format_grade(self.grade))
        if self.state == DRAFT:
            return _("concept")
        return _("niet begonnen")

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
    deadlines: dict[str, datetime | None] = {}
    if user.class_id is not None:
        for setting in db.session.scalars(select(ClassAssignment).where(
                ClassAssignment.class_id == user.class_id, ClassAssignment.assignment_id.in_(ids))):
            deadlines[setting.assignment_id] = setting.deadline_utc
    released = {aid: r for aid, r in results_for(latest.values()).items() if r.released}
    result = {}
    for assignment_id in ids:
        attempt = latest.get(assignment_id)
        grade = None
        if attempt is not None:
            grade = released[attempt.id].grade if attempt.id in released else attempt.grade
        has_draft = assignment_id in drafts
        state = HANDED_IN if attempt else DRAFT if has_draft else NEW
        result[assignment_id] = Status(
            state, grade, counts.get(assignment_id, 0), has_draft,
            deadlines.get(assignment_id),
        )
    return result
