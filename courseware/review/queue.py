"""The review queue: the order in which a teacher goes through the hand-ins of a class.

The order is a stable shuffle: the latest attempts sorted by a hash of class, assignment and
student. It is the same for every teacher and every visit, but not alphabetical, so the same
students are not always graded first (when the teacher is fresh) or last (when tired). The hash
uses the student, not the attempt, so a student keeps their place after handing in again.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from hashlib import sha256

from sqlalchemy import select

from ..extensions import db
from ..models import Attempt, Review, User


def queue_key(class_id: int, assignment_id: str, student_id: int) -> str:
    return sha256(f"{class_id}:{assignment_id}:{student_id}".encode()).hexdigest()


def queue_order(class_id: int, assignment_id: str, attempts: Iterable) -> list:
    """The attempts (one per student: the latest) in queue order. Anything with `id` and
    `user_id` will do: Attempt objects or the light rows of `latest_entries`."""
    return sorted(attempts, key=lambda a: (queue_key(class_id, assignment_id, a.user_id), a.id))


def position(order: list, student_id: int) -> int | None:
    """The index of this student's attempt in the queue, or None."""
    return next((i for i, a in enumerate(order) if a.user_id == student_id), None)


def previous_in(order: list, student_id: int):
    """The attempt before this student's in the queue (None for the first)."""
    index = position(order, student_id)
    return order[index - 1] if index is not None and index > 0 else None


def next_pending(order: list, done: Mapping[int, bool], after_student: int | None = None):
    """The first attempt after this student's (wrapping round) whose review is not done.

    `done` maps attempt ids to whether their review is done. The attempt of `after_student`
    itself is never returned; without it (or when the student is not in the queue) the search
    starts at the beginning.
    """
    index = position(order, after_student) if after_student is not None else None
    start = 0 if index is None else index + 1
    for attempt in order[start:] + order[:start]:
        if attempt.user_id != after_student and not done.get(attempt.id, False):
            return attempt
    return None


def latest_entries(class_id: int, assignment_id: str) -> list:
    """(id, user_id) of the newest attempt of every student of the class: light rows, no journeys."""
    rows = db.session.execute(
        select(Attempt.id, Attempt.user_id)
        .join(User, User.id == Attempt.user_id)
        .where(User.class_id == class_id, Attempt.assignment_id == assignment_id)
        .order_by(Attempt.user_id, Attempt.number)
    )
    latest = {row.user_id: row for row in rows}
    return list(latest.values())


def done_map(attempt_ids: Iterable[int]) -> dict[int, bool]:
    """Per attempt id: whether its review is done (absent: no review yet)."""
    ids = list(attempt_ids)
    if not ids:
        return {}
    rows = db.session.execute(select(Review.attempt_id, Review.done_at).where(Review.attempt_id.in_(ids)))
    return {attempt_id: done_at is not None for attempt_id, done_at in rows}
