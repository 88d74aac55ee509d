"""Which classes a teacher teaches."""
from __future__ import annotations

from sqlalchemy import Select, select

from .models import SchoolClass, User


def taught_classes(user: User) -> Select:
    """A select of the classes `user` teaches (an admin: every class), by name."""
    query = select(SchoolClass).order_by(SchoolClass.name, SchoolClass.id)
    if user.is_admin:
        return query
    return query.where(SchoolClass.teacher_id == user.id)
