"""THE rules for a student's status on one assignment, for every page that shows it: the teacher's
review dashboard, the class overview and its CSV, the student's own pages and both Start pages.

    not started -> concept (a draft) -> handed in (an attempt) -> reviewed (the teacher set the
    review of the latest attempt to done) -> released (the teacher released it to the student)

A student never sees "reviewed": until the teacher releases the review, it is still "handed in"
to them (`for_student`). `statuses` gives a student's status on many assignments at once, with
the grade they may see (courseware.grade_display).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from . import groups
from .extensions import db
from .formatting import format_grade
from .grade_display import HIDDEN, PROVISIONAL, mode_for
from .grading import results_for
from .models import Attempt, ClassAssignment, Review, User
from .models.accounts import utcnow

NOT_STARTED, DRAFT, HANDED_IN, REVIEWED, RELEASED = (
    "niet-begonnen", "concept", "ingeleverd", "beoordeeld", "vrijgegeven")
STATUS_ORDER = (NOT_STARTED, DRAFT, HANDED_IN, REVIEWED, RELEASED)
STATUS_LABELS = {
    NOT_STARTED: _l("niet begonnen"),
    DRAFT: _l("concept"),
    HANDED_IN: _l("ingeleverd"),
    REVIEWED: _l("beoordeeld"),
    RELEASED: _l("vrijgegeven"),
}
# What the student reads: "beoordeeld" once the teacher released the review.
STUDENT_LABELS = {
    NOT_STARTED: _l("niet begonnen"),
    DRAFT: _l("concept"),
    HANDED_IN: _l("ingeleverd"),
    RELEASED: _l("beoordeeld"),
}


def status_of(review: Review | None, has_attempt: bool, has_draft: bool) -> str:
    """The status from the review of the latest attempt (if any), whether there is an attempt,
    and whether there is a draft."""
    if has_attempt:
        if review is not None and review.is_released:
            return RELEASED
        if review is not None and review.is_done:
            return REVIEWED
        return HANDED_IN
    return DRAFT if has_draft else NOT_STARTED


def for_student(status: str) -> str:
    """The status as the student may see it: a review that is not released yet does not exist."""
    return HANDED_IN if status == REVIEWED else status


@dataclass(frozen=True)
class Status:
    state: str  # a student_status state as the student sees it (for_student)
    grade: float | None = None  # of the latest attempt: the teacher's once released, else the grader's
    attempts: int = 0
    has_draft: bool = False
    deadline: datetime | None = None  # UTC
    grade_mode: str = HIDDEN  # courseware.grade_display: whether `grade` may be shown, and how
    group_size: int = 1  # the most members a group may have (1: the student works alone)
    partners: str = ""  # the other members of the student's group, by name ("" : alone or no group yet)
    in_group: bool = False

    @property
    def needs_group(self) -> bool:
        """Group work, and the student is in no group yet."""
        return self.group_size > 1 and not self.in_group

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
    """The status of every assignment in `assignment_ids` for this student (a few queries). In a
    group, the group's state: its draft and the hand-ins the student was part of (courseware.groups)."""
    ids = list(assignment_ids)
    drafts = groups.assignments_with_draft(user, ids)  # the group's draft where they work in one
    latest: dict[str, Attempt] = {}
    counts: dict[str, int] = {}
    for attempt in db.session.scalars(
            select(Attempt).where(groups.seen_by(user.id), Attempt.assignment_id.in_(ids))
            .order_by(Attempt.number, Attempt.id)):
        latest[attempt.assignment_id] = attempt
        counts[attempt.assignment_id] = counts.get(attempt.assignment_id, 0) + 1
    settings: dict[str, ClassAssignment] = {}
    if user.class_id is not None:
        for setting in db.session.scalars(select(ClassAssignment).where(
                ClassAssignment.class_id == user.class_id, ClassAssignment.assignment_id.in_(ids))):
            settings[setting.assignment_id] = setting
    results = results_for(latest.values(), member_id=user.id)  # with the student's own correction
    in_group = groups.groups_by_assignment(user, ids)
    found = groups.members_by_group([group.id for group in in_group.values()])
    partners = {aid: groups.join_names(m for m in found[group.id] if m.id != user.id)
                for aid, group in in_group.items()}
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
            groups.GROUP_SIZES.get(setting.group_mode, 1) if setting else 1,
            partners.get(assignment_id, ""), assignment_id in in_group,
        )
    return result
