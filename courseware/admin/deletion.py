"""Deleting a user and everything that refers to them (AVG, "recht op vergetelheid").

The foreign keys say ON DELETE CASCADE (or SET NULL) where it fits, but SQLite only keeps to that
with a pragma the site does not set, so the deletes here are explicit: for every table with a
foreign key to the deleted rows, the referring rows are deleted first (recursively: an attempt's
gradings, reviews, level overrides and tops en tips go with the attempt), or the reference is
set to NULL where the key says SET NULL (a teacher's name on someone else's review). This is
worked out from the table definitions, so a table added later is covered too.

For a student that means: the user row, drafts, attempts with their gradings, reviews and level
overrides, lesson progress, pending saves and conflicts, and tops en tips written or received.
A group's hand-in that the student handed in is the other members' work too: it is handed over to
another member who was in the group then (`_hand_over_group_hand_ins`), so they keep it, with its
feedback and grade. Only the deleted student's own membership and corrections go.
"""
from __future__ import annotations

from sqlalchemy import Table, delete, select, update

from ..extensions import db
from ..models import Attempt, User, attempt_members

_MAX_DEPTH = 8


def delete_user(user_id: int) -> None:
    """Delete the user and everything that refers to them, in one transaction. Commits."""
    users = User.__table__
    try:
        _hand_over_group_hand_ins(user_id)
        _delete_where(users, users.c.id == user_id, depth=0)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    db.session.expire_all()


def _hand_over_group_hand_ins(user_id: int) -> None:
    """Group hand-ins this student handed in get as their `user_id` the first other member who was
    in the group when it was handed in (by id); one nobody else shared goes with the account."""
    heirs: dict[int, int] = {}
    for attempt_id, member_id in db.session.execute(
            select(Attempt.id, attempt_members.c.user_id)
            .join(attempt_members, attempt_members.c.attempt_id == Attempt.id)
            .where(Attempt.user_id == user_id, Attempt.group_id.is_not(None), attempt_members.c.user_id != user_id)
            .order_by(Attempt.id, attempt_members.c.user_id)):
        heirs.setdefault(attempt_id, member_id)
    for attempt_id, member_id in heirs.items():
        db.session.execute(update(Attempt).where(Attempt.id == attempt_id).values(user_id=member_id))


def _children(table: Table):
    """(child table, foreign key) for every foreign key in the schema that points at `table`."""
    for child in db.metadata.sorted_tables:
        for fk in child.foreign_keys:
            if fk.column.table is table:
                yield child, fk


def _delete_where(table: Table, condition, depth: int) -> None:
    if depth > _MAX_DEPTH:
        raise RuntimeError(f"foreign keys nest too deep below {table.name}")
    for child, fk in _children(table):
        referred = fk.parent.in_(select(fk.column).where(condition))
        if (fk.ondelete or "").upper() == "SET NULL" and fk.parent.nullable:
            db.session.execute(update(child).where(referred).values({fk.parent.name: None}))
        else:
            _delete_where(child, referred, depth + 1)
    db.session.execute(delete(table).where(condition))
