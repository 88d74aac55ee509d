"""The review queue: the order in which a teacher goes through the hand-ins of a class.

The order is a stable shuffle: the latest hand-in of every unit (a group, or a student working
alone: courseware.group_hand_ins) sorted by a hash of class, assignment and unit. It is the same
for every teacher and every visit, but not alphabetical, so the same students are not always
graded first (when the teacher is fresh) or last (when tired). The hash uses the unit, not the
attempt, so a unit keeps its place after handing in again; a group is reviewed once.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from hashlib import sha256

from sqlalchemy import select

from ..extensions import db
from ..group_hand_ins import latest_hand_ins
from ..models import Review


def queue_key(class_id: int, assignment_id: str, unit: int | str) -> str:
    """`unit`: the student's id for individual work, "g<group id>" for a group (group_hand_ins.unit_of)."""
    return sha256(f"{class_id}:{assignment_id}:{unit}".encode()).hexdigest()


def queue_order(class_id: int, assignment_id: str, entries: Iterable) -> list:
    """The hand-ins (one per unit: the latest) in queue order. Anything with `id` and `unit` will
    do: the HandIn rows of `latest_entries`."""
    return sorted(entries, key=lambda a: (queue_key(class_id, assignment_id, a.unit), a.id))


def position(order: list, unit: int | str) -> int | None:
    """The index of this unit's hand-in in the queue, or None."""
    return next((i for i, a in enumerate(order) if a.unit == unit), None)


def previous_in(order: list, unit: int | str):
    """The hand-in before this unit's in the queue (None for the first)."""
    index = position(order, unit)
    return order[index - 1] if index is not None and index > 0 else None


def next_pending(order: list, done: Mapping[int, bool], after: int | str | None = None):
    """The first hand-in after this unit's (wrapping round) whose review is not done.

    `done` maps attempt ids to whether their review is done. The hand-in of unit `after` itself
    is never returned; without it (or when the unit is not in the queue) the search starts at the
    beginning.
    """
    index = position(order, after) if after is not None else None
    start = 0 if index is None else index + 1
    for entry in order[start:] + order[:start]:
        if entry.unit != after and not done.get(entry.id, False):
            return entry
    return None


def latest_entries(class_id: int, assignment_id: str) -> list:
    """The newest hand-in of every unit of the class (a group once)."""
    return latest_hand_ins(class_id, assignment_id)


def done_map(attempt_ids: Iterable[int]) -> dict[int, bool]:
    """Per attempt id: whether its review is done (absent: no review yet)."""
    ids = list(attempt_ids)
    if not ids:
        return {}
    rows = db.session.execute(select(Review.attempt_id, Review.done_at).where(Review.attempt_id.in_(ids)))
    return {attempt_id: done_at is not None for attempt_id, done_at in rows}
