"""What happens to a hand-in after the grader: regrades, the teacher's review with its level
overrides and comments, and releasing the result to the student."""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Float, ForeignKey, Index, Integer, String, Text, func, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .accounts import User, utcnow
from .journeys import as_utc

CRITERION_ID_LENGTH = 40


class Grading(db.Model):
    """A regrade of an attempt with another rubric. The attempt's own report is the first
    grading; the newest Grading, if any, is the current one. Never changed afterwards."""

    __tablename__ = "gradings"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"), index=True)
    rubric: Mapped[str] = mapped_column(Text)  # grader.Rubric.to_config() as JSON
    rubric_version: Mapped[str] = mapped_column(String(40))
    report: Mapped[str] = mapped_column(Text)  # grader.Report.to_dict() as JSON
    grade: Mapped[float] = mapped_column(Float)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())

    @property
    def report_data(self) -> dict[str, Any]:
        return json.loads(self.report)

    @property
    def rubric_config(self) -> dict[str, Any]:
        return json.loads(self.rubric)


class Review(db.Model):
    """The teacher's review of one attempt: an overall comment, done or not, released or not.
    Grades and comments stay hidden from the student until `released_at` is set."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"), unique=True)
    comment: Mapped[str] = mapped_column(Text, default="")
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    done_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    released_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Who has the review page open, and since when: a second teacher is warned.
    opened_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, server_default=func.now()
    )

    opener: Mapped[User | None] = relationship(foreign_keys=[opened_by])

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def is_released(self) -> bool:
        return self.released_at is not None

    @property
    def opened(self) -> datetime | None:
        return as_utc(self.opened_at)

    def is_new_to(self, user_id: int) -> bool:
        """Released, and this student has not opened it since it was released or last changed
        ("Nieuw" on Start). Each member of a group has their own (`ReviewSeen`)."""
        if not self.is_released:
            return False
        return is_new_since(self, db.session.get(ReviewSeen, (self.id, user_id)))

    def mark_seen(self, user_id: int) -> None:
        """This student opened the released review. Not a change of the review (`updated_at`
        stays). Commits; two tabs at once leave one row."""
        now = utcnow()
        if db.session.execute(update(ReviewSeen).where(ReviewSeen.review_id == self.id, ReviewSeen.user_id == user_id)
                              .values(seen_at=now)).rowcount == 0:
            db.session.add(ReviewSeen(review_id=self.id, user_id=user_id, seen_at=now))
        try:
            db.session.commit()
        except IntegrityError:  # the other tab inserted it first: seen either way
            db.session.rollback()


class ReviewSeen(db.Model):
    """When a student last opened a released review (their attempt's page): one row per student,
    so each member of a group gets "Nieuw" until they open it themselves."""

    __tablename__ = "review_seen"

    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def is_new_since(review: Review, seen: ReviewSeen | None) -> bool:
    """A released review is new to a student who has not seen it, or saw it before its last change."""
    return review.is_released and (seen is None or as_utc(seen.seen_at) < as_utc(review.updated_at))


class LevelOverride(db.Model):
    """A teacher's level for one criterion of one attempt, with why. Every change is a new row,
    so the history stays; the newest row per criterion wins over the grader's level."""

    __tablename__ = "level_overrides"
    __table_args__ = (Index("ix_level_overrides_attempt_criterion", "attempt_id", "criterion_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[str] = mapped_column(String(CRITERION_ID_LENGTH))
    level: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    teacher_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())

    teacher: Mapped[User | None] = relationship()

    @property
    def created(self) -> datetime:
        return as_utc(self.created_at)


class GradeCorrection(db.Model):
    """A teacher's own grade for one member of a group hand-in (*individuele correctie*), with why.
    Every change is a new row, so the history stays; the newest row per attempt and student wins
    over the group's grade. A row without a grade takes the correction back (the group's grade)."""

    __tablename__ = "grade_corrections"
    __table_args__ = (Index("ix_grade_corrections_attempt_user", "attempt_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    grade: Mapped[float | None] = mapped_column(Float)  # None: back to the group's grade
    reason: Mapped[str] = mapped_column(Text, default="")
    teacher_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())

    teacher: Mapped[User | None] = relationship(foreign_keys=[teacher_id])

    @property
    def created(self) -> datetime:
        return as_utc(self.created_at)

    @property
    def is_active(self) -> bool:
        """This row sets a grade (not a take-back)."""
        return self.grade is not None
