"""The one place the site finds an assignment by its id: a built-in one (assignments/*.toml) or a
teacher's own (the database, read with the same loader), and who may see which.

Rules:
- The built-in assignments are there for everyone, as they always were.
- A teacher's own assignment is seen by its owner (and admins) in every state. A class sees it
  once it is published to that class (a ClassAssignment row): its students and its teachers.
- Students can build and hand in only while it is published; an archived assignment leaves
  their list of open assignments but its hand-ins, grades and pages stay.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable

from sqlalchemy import select

import assignments
from assignments import Assignment, parse_assignment

from . import groups
from .extensions import db
from .grading import results_for
from .models import ClassAssignment, OwnAssignment, SchoolClass, User
from .models.own_assignments import ARCHIVED, CONCEPT, PUBLISHED, SHOW_AFTER_DEADLINE, SHOW_AFTER_RELEASE


def builtin(assignment_id: str) -> Assignment | None:
    return assignments.get_assignment(assignment_id)


def builtins() -> dict[str, Assignment]:
    return assignments.load_assignments()


@functools.lru_cache(maxsize=256)
def _parsed(slug: str, text: str) -> Assignment:
    return parse_assignment(text, f"{slug}.toml", expected_id=slug)


def read(row: OwnAssignment) -> Assignment:
    """The assignment in an own-assignment row (its text was checked when it was saved)."""
    return _parsed(row.slug, row.toml)


def get_assignment(assignment_id: str) -> Assignment | None:
    """Any assignment with this id, whoever may see it: for code that already checked access
    (or works on stored hand-ins and drafts)."""
    found = builtin(assignment_id)
    if found is not None:
        return found
    row = OwnAssignment.by_slug(assignment_id)
    return read(row) if row is not None else None


def get_assignments(assignment_ids: Iterable[str]) -> dict[str, Assignment]:
    """get_assignment for many ids at once, with one query for the teachers' own ones (for lists:
    no query per row). Unknown ids are left out."""
    wanted = set(assignment_ids)
    found = {aid: a for aid in wanted if (a := builtin(aid)) is not None}
    rest = wanted - found.keys()
    if rest:
        found.update((row.slug, read(row))
                     for row in db.session.scalars(select(OwnAssignment).where(OwnAssignment.slug.in_(rest))))
    return found


def is_own_assignment(assignment_id: str) -> bool:
    return builtin(assignment_id) is None


def _published_to(row: OwnAssignment, class_id: int | None) -> bool:
    if class_id is None or row.state == CONCEPT:
        return False
    return ClassAssignment.find(class_id, row.slug) is not None


def for_class(klas: SchoolClass, assignment_id: str) -> Assignment | None:
    """The assignment as a class does it: built-in, or an own assignment published to this class."""
    found = builtin(assignment_id)
    if found is not None:
        return found
    row = OwnAssignment.by_slug(assignment_id)
    return read(row) if row is not None and _published_to(row, klas.id) else None


def can_see(user: User, row: OwnAssignment) -> bool:
    """May `user` see this own assignment's page? The owner and admins always; a student or
    teacher of a class it is published to once it is published."""
    if user.is_admin or row.owner_id == user.id:
        return True
    if user.is_student:
        return _published_to(row, user.class_id)
    if user.is_teacher and row.state != CONCEPT:
        classes = db.session.scalars(
            select(SchoolClass)
            .join(ClassAssignment, ClassAssignment.class_id == SchoolClass.id)
            .where(ClassAssignment.assignment_id == row.slug))
        return any(user.teaches(klas) for klas in classes)
    return False


def for_user(user: User, assignment_id: str) -> Assignment | None:
    """The assignment if `user` may see its page, else None."""
    found = builtin(assignment_id)
    if found is not None:
        return found
    row = OwnAssignment.by_slug(assignment_id)
    return read(row) if row is not None and can_see(user, row) else None


def for_student_to_build(user: User, assignment_id: str) -> Assignment | None:
    """The assignment if this student may work on it now: built-in, or published to their class."""
    found = builtin(assignment_id)
    if found is not None:
        return found
    row = OwnAssignment.by_slug(assignment_id)
    if row is None or row.state != PUBLISHED or not _published_to(row, user.class_id):
        return None
    return read(row)


def for_student_to_read(user: User, assignment_id: str) -> Assignment | None:
    """The assignment if this student may read their own work on it: also when it is archived."""
    found = builtin(assignment_id)
    if found is not None:
        return found
    row = OwnAssignment.by_slug(assignment_id)
    if row is None or row.state not in (PUBLISHED, ARCHIVED) or not _published_to(row, user.class_id):
        return None
    return read(row)


def _own_of_class(class_id: int | None, states: tuple[str, ...]) -> list[Assignment]:
    if class_id is None:
        return []
    rows = db.session.scalars(
        select(OwnAssignment)
        .join(ClassAssignment, ClassAssignment.assignment_id == OwnAssignment.slug)
        .where(ClassAssignment.class_id == class_id, OwnAssignment.state.in_(states))
        .order_by(OwnAssignment.created_at, OwnAssignment.id)
    )
    return [read(row) for row in rows]


def open_for_student(user: User) -> dict[str, Assignment]:
    """The assignments on a student's list: the built-in ones and those published to their class."""
    found = builtins()
    found.update((a.id, a) for a in _own_of_class(user.class_id, (PUBLISHED,)))
    return found


def listed(user: User) -> dict[str, Assignment]:
    """The assignments on the list of /opdrachten for this user."""
    if user.is_student:
        return open_for_student(user)
    found = builtins()
    query = select(OwnAssignment).where(OwnAssignment.state == PUBLISHED).order_by(OwnAssignment.created_at)
    if not user.is_admin:
        query = query.where(OwnAssignment.owner_id == user.id)
    found.update((row.slug, read(row)) for row in db.session.scalars(query))
    return found


def of_class(klas: SchoolClass) -> dict[str, Assignment]:
    """The assignments a class does, for its teacher: built-in, and own ones published or archived."""
    found = builtins()
    found.update((a.id, a) for a in _own_of_class(klas.id, (PUBLISHED, ARCHIVED)))
    return found


def model_journey_visible(user: User, row: OwnAssignment) -> bool:
    """May `user` see the model journey of this assignment now?"""
    if row.model_journey is None:
        return False
    if user.is_admin or row.owner_id == user.id:
        return True
    if not user.is_student or not can_see(user, row):
        return False
    if row.model_visibility == SHOW_AFTER_DEADLINE:
        setting = ClassAssignment.for_student(user, row.slug)
        return setting is not None and setting.is_closed()
    if row.model_visibility == SHOW_AFTER_RELEASE:
        attempts = groups.visible_attempts(user, row.slug)
        return any(result.released for result in results_for(attempts).values())
    return False
