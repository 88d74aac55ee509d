"""Group work: students of a class who make one journey together for one assignment (a duo or a
trio, see ClassAssignment.group_mode). The queries and rules are in courseware.groups."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, DateTime, ForeignKey, Index, String, Table, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .accounts import User, utcnow
from .journeys import ASSIGNMENT_ID_LENGTH

GROUP_CODE_LENGTH = 5


class StudyGroup(db.Model):
    """A group of students of one class for one assignment. `code` is short (letters and digits
    that are easy to read, as the class join code): a classmate types it to join. The group owns
    one draft (Draft.group_id) and its hand-ins (Attempt.group_id)."""

    __tablename__ = "study_groups"
    __table_args__ = (
        UniqueConstraint("class_id", "assignment_id", "code", name="uq_study_groups_class_assignment_code"),
        Index("ix_study_groups_class_assignment", "class_id", "assignment_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"))
    assignment_id: Mapped[str] = mapped_column(String(ASSIGNMENT_ID_LENGTH))
    code: Mapped[str] = mapped_column(String(GROUP_CODE_LENGTH))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())

    memberships: Mapped[list[GroupMember]] = relationship(
        back_populates="group", cascade="all, delete-orphan", order_by="GroupMember.joined_at")


class GroupMember(db.Model):
    """A student's place in a group. `assignment_id` repeats the group's, so that the database
    holds a student to one group per assignment. Leaving deletes the row; what was handed in
    while the student was a member stays theirs through `attempt_members`."""

    __tablename__ = "group_members"
    __table_args__ = (UniqueConstraint("user_id", "assignment_id", name="uq_group_members_user_assignment"),)

    group_id: Mapped[int] = mapped_column(ForeignKey("study_groups.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    assignment_id: Mapped[str] = mapped_column(String(ASSIGNMENT_ID_LENGTH))
    joined_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())

    group: Mapped[StudyGroup] = relationship(back_populates="memberships")
    user: Mapped[User] = relationship()


# Who was in the group when an attempt was handed in: every one of them sees that attempt, its
# feedback and its released grade, also after leaving the group; the grade sheet has a row each.
attempt_members = Table(
    "attempt_members",
    db.metadata,
    Column("attempt_id", ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True),
)
