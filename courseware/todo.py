"""What needs attention, for the Start pages: one query per list, whatever the number of classes
or students (tests/courseware/test_todo.py counts the statements; docs/performance.md has the
benchmark).

A teacher's to-do across all the classes they teach (`teacher_todo`): hand-ins waiting for review
and reviews saved but not released (per class and assignment, by the status rules of
courseware.student_status on each student's latest attempt), tops-en-tips rounds to release, and
deadlines in the coming 7 days with how many students have not handed in.

A student's to-do (`student_todo`): open assignments with deadline and status, released reviews
("Nieuw" until opened), open tops-en-tips tasks, and the galleries that are open.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, case, func, select

from assignments import Assignment

from . import catalogue, groups
from .extensions import db
from .gallery.peer import readable_by
from .grading import results_for
from .models import Attempt, ClassAssignment, Review, ReviewSeen, Role, SchoolClass, StudyGroup, User
from .models.accounts import utcnow
from .models.journeys import as_utc
from .models.peer import FeedbackRound, PeerReview
from .models.reviews import is_new_since
from .student_status import RELEASED, Status, statuses
from .teaching import taught_class_ids

DEADLINE_DAYS = 7
RELEASED_SHOWN = 10  # the newest released reviews on the student's Start page
RECEIVED_SHOWN = timedelta(days=14)  # released tops en tips stay on the student's Start page this long


@dataclass(frozen=True)
class ClassAssignmentCount:
    class_id: int
    class_name: str
    assignment: Assignment
    count: int


@dataclass(frozen=True)
class RoundToRelease:
    class_id: int
    class_name: str
    assignment: Assignment
    is_open: bool


@dataclass(frozen=True)
class UpcomingDeadline:
    class_id: int
    class_name: str
    assignment: Assignment
    deadline: datetime  # UTC
    not_handed_in: int


@dataclass
class TeacherTodo:
    to_review: list[ClassAssignmentCount] = field(default_factory=list)
    to_release: list[ClassAssignmentCount] = field(default_factory=list)
    rounds: list[RoundToRelease] = field(default_factory=list)
    deadlines: list[UpcomingDeadline] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.to_review or self.to_release or self.rounds or self.deadlines)


def _review_counts(class_ids) -> tuple[list[ClassAssignmentCount], list[ClassAssignmentCount]]:
    """Per class and assignment: latest hand-ins whose review is not done (handed in, to review)
    and done but not released (reviewed); a group's hand-in counts once (the latest per student
    working alone, and per group: courseware.group_hand_ins). One query."""
    class_of = func.coalesce(StudyGroup.class_id, User.class_id)  # a group's hand-in: the group's class
    alone = case((Attempt.group_id.is_(None), Attempt.user_id), else_=None)
    latest = (
        select(func.max(Attempt.id).label("id"))  # within a student's or a group's hand-ins, the newest
        .join(User, User.id == Attempt.user_id)
        .outerjoin(StudyGroup, StudyGroup.id == Attempt.group_id)
        .where(class_of.in_(class_ids), User.role == Role.STUDENT)
        .group_by(Attempt.assignment_id, Attempt.group_id, alone)
        .subquery()
    )
    waiting = func.sum(case((Review.done_at.is_(None), 1), else_=0))
    unreleased = func.sum(case((and_(Review.done_at.is_not(None), Review.released_at.is_(None)), 1), else_=0))
    rows = db.session.execute(
        select(SchoolClass.id, SchoolClass.name, Attempt.assignment_id, waiting, unreleased)
        .select_from(latest)
        .join(Attempt, Attempt.id == latest.c.id)
        .join(User, User.id == Attempt.user_id)
        .outerjoin(StudyGroup, StudyGroup.id == Attempt.group_id)
        .join(SchoolClass, SchoolClass.id == class_of)
        .outerjoin(Review, Review.attempt_id == Attempt.id)
        .group_by(SchoolClass.id, SchoolClass.name, Attempt.assignment_id)
        .order_by(SchoolClass.name, SchoolClass.id, Attempt.assignment_id)
    ).all()
    to_review, to_release = [], []
    found = catalogue.get_assignments(row[2] for row in rows)
    for class_id, class_name, assignment_id, waiting_count, unreleased_count in rows:
        assignment = found.get(assignment_id)
        if assignment is None:
            continue
        if waiting_count:
            to_review.append(ClassAssignmentCount(class_id, class_name, assignment, int(waiting_count)))
        if unreleased_count:
            to_release.append(ClassAssignmentCount(class_id, class_name, assignment, int(unreleased_count)))
    return to_review, to_release


def _rounds(class_ids) -> list[RoundToRelease]:
    """Tops-en-tips rounds not released yet (open or closed). One query."""
    rows = db.session.execute(
        select(FeedbackRound, SchoolClass.name).join(SchoolClass, SchoolClass.id == FeedbackRound.class_id)
        .where(FeedbackRound.class_id.in_(class_ids), FeedbackRound.released_at.is_(None))
        .order_by(SchoolClass.name, FeedbackRound.id)
    ).all()
    found = catalogue.get_assignments(r.assignment_id for r, _name in rows)
    return [RoundToRelease(r.class_id, name, a, r.is_open)
            for r, name in rows if (a := found.get(r.assignment_id)) is not None]


def _deadlines(class_ids, now: datetime) -> list[UpcomingDeadline]:
    """Deadlines from now to DEADLINE_DAYS ahead, with the students that have not handed in. One query."""
    students = func.count(func.distinct(User.id))
    handed_in = func.count(func.distinct(case((Attempt.id.is_not(None), User.id), else_=None)))
    rows = db.session.execute(
        select(ClassAssignment, SchoolClass.name, students - handed_in)
        .join(SchoolClass, SchoolClass.id == ClassAssignment.class_id)
        .outerjoin(User, and_(User.class_id == ClassAssignment.class_id, User.role == Role.STUDENT))
        # alone, or in a group's hand-in while a member (courseware.groups.seen_by)
        .outerjoin(Attempt, and_(groups.seen_by(User.id), Attempt.assignment_id == ClassAssignment.assignment_id))
        .where(ClassAssignment.class_id.in_(class_ids), ClassAssignment.deadline >= now,
               ClassAssignment.deadline <= now + timedelta(days=DEADLINE_DAYS))
        .group_by(ClassAssignment.id, SchoolClass.name)
        .order_by(ClassAssignment.deadline, SchoolClass.name)
    ).all()
    found = catalogue.get_assignments(s.assignment_id for s, _name, _count in rows)
    return [UpcomingDeadline(s.class_id, name, a, s.deadline_utc, int(count))
            for s, name, count in rows if (a := found.get(s.assignment_id)) is not None]


def teacher_todo(user: User, now: datetime | None = None) -> TeacherTodo:
    class_ids = taught_class_ids(user)
    to_review, to_release = _review_counts(class_ids)
    return TeacherTodo(to_review, to_release, _rounds(class_ids), _deadlines(class_ids, now or utcnow()))


# --------------------------------------------------------------------------- the student


@dataclass(frozen=True)
class ReleasedReview:
    assignment: Assignment
    number: int  # the attempt's number
    grade: float  # the released grade: the teacher's (the grader's levels with the teacher's changes)
    released: datetime
    new: bool


@dataclass
class StudentTodo:
    open_assignments: list[tuple[Assignment, Status]] = field(default_factory=list)
    released: list[ReleasedReview] = field(default_factory=list)
    tasks: list[tuple[Assignment, int]] = field(default_factory=list)  # open tops-en-tips tasks per assignment
    received: list[tuple[Assignment, int]] = field(default_factory=list)  # tops en tips to read, per assignment
    galleries: list[Assignment] = field(default_factory=list)

    @property
    def new_count(self) -> int:
        return sum(item.new for item in self.released)


def student_todo(user: User, now: datetime | None = None) -> StudentTodo:
    now = now or utcnow()
    todo = StudentTodo()
    assignments = list(catalogue.open_for_student(user).values())
    status = statuses(user, [a.id for a in assignments])
    open_ones = [(a, status[a.id]) for a in assignments
                 if status[a.id].state != RELEASED and not status[a.id].closed]
    far = datetime.max.replace(tzinfo=now.tzinfo)
    todo.open_assignments = sorted(open_ones, key=lambda pair: (pair[1].deadline or far, pair[0].title))

    released = db.session.execute(
        select(Review, Attempt).join(Attempt, Attempt.id == Review.attempt_id)
        .where(groups.seen_by(user.id), Review.released_at.is_not(None))
        .order_by(Review.released_at.desc()).limit(RELEASED_SHOWN)).all()
    results = results_for((attempt for _review, attempt in released), member_id=user.id)
    task_rows, gallery_ids, received_rows = [], [], []
    if user.class_id is not None:
        task_rows = db.session.execute(
            select(FeedbackRound.assignment_id, func.count(PeerReview.id))
            .join(PeerReview, PeerReview.round_id == FeedbackRound.id)
            .where(FeedbackRound.class_id == user.class_id, FeedbackRound.closed_at.is_(None),
                   PeerReview.reviewer_id == user.id, PeerReview.submitted_at.is_(None))
            .group_by(FeedbackRound.assignment_id).order_by(FeedbackRound.assignment_id)).all()
        gallery_ids = db.session.scalars(
            select(ClassAssignment.assignment_id)
            .where(ClassAssignment.class_id == user.class_id, ClassAssignment.gallery_open.is_(True))
            .order_by(ClassAssignment.assignment_id)).all()
        received_rows = _received(user, now)
    # One lookup for every list (no query per row): archived own assignments can still have grades.
    found = {a.id: a for a in assignments}
    wanted = ({attempt.assignment_id for _review, attempt in released} | {aid for aid, _count in task_rows}
              | set(gallery_ids) | {aid for aid, _count in received_rows})
    found.update(catalogue.get_assignments(wanted - found.keys()))
    seen = {row.review_id: row for row in db.session.scalars(
        select(ReviewSeen).where(ReviewSeen.user_id == user.id,
                                 ReviewSeen.review_id.in_([review.id for review, _attempt in released])))}
    for review, attempt in released:
        if (assignment := found.get(attempt.assignment_id)) is not None:
            todo.released.append(ReleasedReview(assignment, attempt.number, results[attempt.id].grade,
                                                as_utc(review.released_at), is_new_since(review, seen.get(review.id))))
    todo.tasks = [(found[aid], int(count)) for aid, count in task_rows if aid in found]
    todo.galleries = [found[aid] for aid in gallery_ids if aid in found]
    todo.received = [(found[aid], count) for aid, count in received_rows if aid in found]
    return todo


def _received(user: User, now: datetime) -> list[tuple[str, int]]:
    """(assignment id, how many) of the tops en tips the student can read on gallery.peer_received:
    `readable_by` them in the class's latest released round of an assignment, while that round was
    released less than RECEIVED_SHOWN ago."""
    latest = (select(func.max(FeedbackRound.id))
              .where(FeedbackRound.class_id == user.class_id, FeedbackRound.released_at.is_not(None))
              .group_by(FeedbackRound.assignment_id))
    rows = db.session.execute(
        select(FeedbackRound.assignment_id, FeedbackRound.released_at, func.count(PeerReview.id))
        .join(PeerReview, PeerReview.round_id == FeedbackRound.id)
        .join(Attempt, Attempt.id == PeerReview.attempt_id)
        .where(FeedbackRound.id.in_(latest), *readable_by(user.id))
        .group_by(FeedbackRound.assignment_id, FeedbackRound.released_at)
        .order_by(FeedbackRound.assignment_id)).all()
    return [(aid, int(count)) for aid, released_at, count in rows if as_utc(released_at) > now - RECEIVED_SHOWN]
