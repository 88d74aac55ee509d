"""Hand-ins as the teacher's pages count them: per GROUP design, and per student.

A hand-in belongs to a *unit*: a group (duo or trio: Attempt.group_id, courseware.groups) or a
student who works alone. The teacher
reviews a unit's hand-in once (the review list, the queue, the gallery, tops en tips and the
presentation show one row, card or slide per unit), and the grade sheet has a row per student:
every member of a group gets the group's grade (or the teacher's individuele correctie).

Who was a member is what was recorded at hand-in time, so a student who left the group (or the
class) keeps what was handed in, and a newcomer does not get an older hand-in.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from . import groups
from .extensions import db
from .models import Attempt, Role, StudyGroup, User
from .models.groups import attempt_members


@dataclass(frozen=True)
class HandIn:
    """The latest hand-in of one unit with its members at hand-in time (by name)."""

    attempt: Attempt
    members: tuple[User, ...]
    group_name: str  # "" for individual work

    @property
    def id(self) -> int:
        return self.attempt.id

    @property
    def unit(self) -> int | str:
        return unit_of(self.attempt)

    @property
    def member_ids(self) -> frozenset[int]:
        return frozenset(member.id for member in self.members)

    @property
    def is_group(self) -> bool:
        return bool(self.group_name)


def unit_of(attempt: Attempt) -> int | str:
    """Who handed in, as one value: "g<group id>" for a group's hand-in, the student's id for
    individual work. The same for every hand-in of the unit, so a unit keeps its place in the
    review queue and its letter in the gallery (and individual work keeps the ones it had)."""
    return f"g{attempt.group_id}" if attempt.group_id is not None else attempt.user_id


def member_pairs(class_id: int, assignment_id: str) -> list[tuple[Attempt, int]]:
    """(attempt, member id) for every hand-in of the class's students for this assignment, oldest
    first: one pair per member at hand-in time."""
    alone = db.session.scalars(
        select(Attempt).join(User, User.id == Attempt.user_id)
        .where(User.class_id == class_id, User.role == Role.STUDENT, Attempt.assignment_id == assignment_id,
               Attempt.group_id.is_(None))
        .options(contains_eager(Attempt.user)))  # no query per attempt for its student
    pairs = [(attempt, attempt.user_id) for attempt in alone]
    together = db.session.execute(
        select(Attempt, attempt_members.c.user_id)
        .join(StudyGroup, StudyGroup.id == Attempt.group_id)
        .join(attempt_members, attempt_members.c.attempt_id == Attempt.id)
        .where(StudyGroup.class_id == class_id, Attempt.assignment_id == assignment_id))
    pairs.extend((attempt, user_id) for attempt, user_id in together)
    return sorted(pairs, key=lambda pair: (pair[0].submitted, pair[0].id))


def members_of(attempts: Iterable[Attempt]) -> dict[int, tuple[User, ...]]:
    """The members at hand-in time of each attempt (individual work: its student), by name (one
    query for all group attempts)."""
    attempts = list(attempts)
    group_ids = [attempt.id for attempt in attempts if attempt.group_id is not None]
    found: dict[int, list[User]] = {}
    if group_ids:
        rows = db.session.execute(
            select(attempt_members.c.attempt_id, User).join(User, User.id == attempt_members.c.user_id)
            .where(attempt_members.c.attempt_id.in_(group_ids)).order_by(User.display_name, User.id))
        for attempt_id, user in rows:
            found.setdefault(attempt_id, []).append(user)
    return {attempt.id: tuple(found.get(attempt.id, [attempt.user])) if attempt.group_id is not None
            else (attempt.user,) for attempt in attempts}


def group_names(attempts: Iterable[Attempt]) -> dict[int, str]:
    """The group's code per attempt id (what the teacher and the group see); "" for individual work."""
    attempts = list(attempts)
    ids = {attempt.group_id for attempt in attempts if attempt.group_id is not None}
    codes = dict(db.session.execute(select(StudyGroup.id, StudyGroup.code).where(StudyGroup.id.in_(ids))).all()) \
        if ids else {}
    return {attempt.id: codes.get(attempt.group_id, "") if attempt.group_id is not None else ""
            for attempt in attempts}


def class_id_of(attempt: Attempt) -> int | None:
    """The class the hand-in was made in: its group's class, else its student's class."""
    if attempt.group_id is not None:
        group = db.session.get(StudyGroup, attempt.group_id)
        return group.class_id if group is not None else None
    return attempt.user.class_id


def unit_attempts(attempt: Attempt) -> list[Attempt]:
    """Every hand-in of the attempt's unit for its assignment, by number."""
    if attempt.group_id is not None:
        group = db.session.get(StudyGroup, attempt.group_id)
        return groups.attempts_of_group(group) if group is not None else [attempt]
    return [a for a in Attempt.for_student(attempt.user_id, attempt.assignment_id) if a.group_id is None]


def latest_per_student(pairs: list[tuple[Attempt, int]]) -> dict[int, Attempt]:
    """From `member_pairs`: the newest hand-in each student was a member of, by student id."""
    latest: dict[int, Attempt] = {}
    for attempt, member_id in pairs:
        latest[member_id] = attempt
    return latest


def counts_per_student(pairs: list[tuple[Attempt, int]]) -> dict[int, int]:
    """From `member_pairs`: how many hand-ins each student was a member of."""
    counts: dict[int, int] = {}
    for _attempt, member_id in pairs:
        counts[member_id] = counts.get(member_id, 0) + 1
    return counts


def latest_hand_ins(class_id: int, assignment_id: str) -> list[HandIn]:
    """The newest hand-in of every unit of the class (one per group, one per student working
    alone), with members and group name."""
    latest: dict[int | str, Attempt] = {}
    for attempt, _member in member_pairs(class_id, assignment_id):
        latest[unit_of(attempt)] = attempt
    attempts = list(latest.values())
    members = members_of(attempts)
    names = group_names(attempts)
    return [HandIn(attempt, members[attempt.id], names[attempt.id]) for attempt in attempts]
