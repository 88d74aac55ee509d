"""Tops en tips: peer feedback in rounds. The teacher opens a round for a class and an assignment;
every student with a hand-in gets two classmates' journeys to give one top and one tip. Authors
see what they received only after the teacher released the round, and never who wrote it."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, String, Text, UniqueConstraint, false, func, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .accounts import User, utcnow
from .journeys import ASSIGNMENT_ID_LENGTH, Attempt, as_utc

COMMENT_MIN, COMMENT_MAX = 5, 500


class FeedbackRound(db.Model):
    """One round of tops en tips for a class and an assignment. The newest round is the current
    one: open (students write), closed (no more writing) and/or released (authors may read)."""

    __tablename__ = "feedback_rounds"
    __table_args__ = (Index("ix_feedback_rounds_class_assignment", "class_id", "assignment_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"))
    assignment_id: Mapped[str] = mapped_column(String(ASSIGNMENT_ID_LENGTH))
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    released_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def is_open(self) -> bool:
        """Students may still write (and change) their tops and tips."""
        return self.closed_at is None

    @property
    def is_released(self) -> bool:
        return self.released_at is not None

    @property
    def opened(self) -> datetime:
        return as_utc(self.opened_at)

    @classmethod
    def current(cls, class_id: int | None, assignment_id: str) -> FeedbackRound | None:
        """The newest round of this class for this assignment."""
        if class_id is None:
            return None
        return db.session.scalar(
            select(cls).where(cls.class_id == class_id, cls.assignment_id == assignment_id)
            .order_by(cls.id.desc()).limit(1))

    @classmethod
    def latest_released(cls, class_id: int | None, assignment_id: str) -> FeedbackRound | None:
        if class_id is None:
            return None
        return db.session.scalar(
            select(cls).where(cls.class_id == class_id, cls.assignment_id == assignment_id,
                              cls.released_at.is_not(None))
            .order_by(cls.id.desc()).limit(1))


class PeerReview(db.Model):
    """One task in a round: `reviewer` gives a top and a tip on `attempt` (a classmate's hand-in).
    Empty until submitted; the teacher may hide it (`hidden`), then its author never sees it."""

    __tablename__ = "peer_reviews"
    __table_args__ = (
        UniqueConstraint("round_id", "reviewer_id", "attempt_id", name="uq_peer_reviews_round_reviewer_attempt"),
        Index("ix_peer_reviews_round_reviewer", "round_id", "reviewer_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("feedback_rounds.id", ondelete="CASCADE"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"), index=True)
    top: Mapped[str] = mapped_column(Text, default="")
    tip: Mapped[str] = mapped_column(Text, default="")
    hidden: Mapped[bool] = mapped_column(default=False, server_default=false())
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())

    round: Mapped[FeedbackRound] = relationship()
    reviewer: Mapped[User] = relationship(foreign_keys=[reviewer_id])
    attempt: Mapped[Attempt] = relationship()

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def submitted(self) -> datetime | None:
        return as_utc(self.submitted_at)


class GalleryExclusion(db.Model):
    """The teacher left a student's design out of the class gallery for students (for this class
    and assignment, whatever the student hands in later). The teacher still sees it."""

    __tablename__ = "gallery_exclusions"
    __table_args__ = (UniqueConstraint("class_id", "assignment_id", "user_id", name="uq_gallery_exclusions"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    assignment_id: Mapped[str] = mapped_column(String(ASSIGNMENT_ID_LENGTH))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())

    @classmethod
    def user_ids(cls, class_id: int, assignment_id: str) -> set[int]:
        return set(db.session.scalars(select(cls.user_id).where(cls.class_id == class_id,
                                                                cls.assignment_id == assignment_id)))
