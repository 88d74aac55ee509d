"""Counts on the teacher's pages: the classes a teacher (or admin) sees with their number of
students, and per assignment of a class how many students handed in and how many are reviewed."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from .extensions import db
from .models import Attempt, Review, SchoolClass, User
from .models.groups import attempt_members
from .teaching import taught_classes


def classes_with_counts(viewer: User) -> list[tuple[SchoolClass, int]]:
    """The viewer's own classes (an admin: all classes) with their student counts, by name."""
    query = (
        taught_classes(viewer)
        .add_columns(func.count(User.id))
        .outerjoin(User, User.class_id == SchoolClass.id)
        .group_by(SchoolClass.id)
        .options(selectinload(SchoolClass.teachers))
    )
    return [(klas, count) for klas, count in db.session.execute(query)]


@dataclass(frozen=True)
class AssignmentCounts:
    handed_in: int = 0  # students with at least one attempt
    reviewed: int = 0  # of those, students whose latest attempt's review is done


def counts_by_assignment(class_id: int) -> dict[str, AssignmentCounts]:
    """Per assignment: how many students of the class handed in (alone, or in a group's hand-in
    while a member), and how many of their latest attempts are reviewed. Three small queries (ids
    only, no journeys)."""
    latest: dict[tuple[int, str], int] = {}
    alone = db.session.execute(
        select(Attempt.id, Attempt.user_id, Attempt.assignment_id)
        .join(User, User.id == Attempt.user_id)
        .where(User.class_id == class_id, Attempt.group_id.is_(None))
    ).all()
    together = db.session.execute(
        select(Attempt.id, attempt_members.c.user_id, Attempt.assignment_id)
        .join(attempt_members, attempt_members.c.attempt_id == Attempt.id)
        .join(User, User.id == attempt_members.c.user_id)
        .where(User.class_id == class_id)
    ).all()
    for attempt_id, user_id, assignment_id in sorted([*alone, *together]):  # by id: the newest last
        latest[(user_id, assignment_id)] = attempt_id
    done = set(db.session.scalars(
        select(Review.attempt_id).where(Review.attempt_id.in_(list(latest.values())), Review.done_at.is_not(None))
    )) if latest else set()
    handed_in: dict[str, int] = {}
    reviewed: dict[str, int] = {}
    for (_user, assignment_id), attempt_id in latest.items():
        handed_in[assignment_id] = handed_in.get(assignment_id, 0) + 1
        if attempt_id in done:
            reviewed[assignment_id] = reviewed.get(assignment_id, 0) + 1
    return {aid: AssignmentCounts(count, reviewed.get(aid, 0)) for aid, count in handed_in.items()}
