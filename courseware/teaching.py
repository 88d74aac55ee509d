"""Which classes a user teaches, as one query: `taught_classes(user)`; and the one loader of the
teacher pages of a class's assignment (review, class_assignments, gallery): `class_and_assignment`.

`User.teaches(school_class)` answers the question for one class; this gives the same answer for
all classes at once (an admin: every class; a teacher: the classes they are one of the teachers
of; a deactivated account or a student: none), for lists such as "Klassen" and the Start page.
"""
from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import Select, false, select

from assignments import Assignment

from . import catalogue
from .access import found, require
from .extensions import db
from .models import SchoolClass, User, class_teachers


def taught_class_ids(user: User) -> Select:
    """SELECT of the ids of the classes `user` teaches (usable in `.in_(...)`)."""
    if not user.is_active or not (user.is_admin or user.is_teacher):
        return select(SchoolClass.id).where(false())
    if user.is_admin:
        return select(SchoolClass.id)
    return select(class_teachers.c.class_id).where(class_teachers.c.user_id == user.id)


def taught_classes(user: User) -> Select:
    """SELECT of the classes `user` teaches (admin: all), ordered by name; add columns or filters."""
    statement = select(SchoolClass).order_by(SchoolClass.name, SchoolClass.id)
    if user.is_admin and user.is_active:
        return statement
    return statement.where(SchoolClass.id.in_(taught_class_ids(user)))


def class_and_assignment(class_id: int, assignment_id: str) -> tuple[SchoolClass, Assignment]:
    """The class and the assignment of a teacher page: 404 for an unknown class, 403 unless the
    current user teaches it (`User.teaches`), then 404 for an assignment the class does not do
    (a built-in one, or a teacher's own one published to it: `catalogue.for_class`)."""
    klas = db.session.get(SchoolClass, class_id)
    if klas is None:
        abort(404)
    require(current_user.teaches(klas))
    return klas, found(catalogue.for_class(klas, assignment_id))
