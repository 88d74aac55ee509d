"""Which classes a teacher (or admin) sees, with how many students each has."""
from __future__ import annotations

from sqlalchemy import func, select

from ..extensions import db
from ..models import SchoolClass, User


def classes_with_counts(viewer: User) -> list[tuple[SchoolClass, int]]:
    """The viewer's own classes (an admin: all classes) with their student counts, by name."""
    query = (
        select(SchoolClass, func.count(User.id))
        .outerjoin(User, User.class_id == SchoolClass.id)
        .group_by(SchoolClass.id)
        .order_by(SchoolClass.name, SchoolClass.id)
    )
    if not viewer.is_admin:
        query = query.where(SchoolClass.teacher_id == viewer.id)
    return [(klas, count) for klas, count in db.session.execute(query)]
