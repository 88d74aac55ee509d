"""Lesson progress: per student per lesson, when it was read and how the check went.

Lessons live in Markdown files, not in the database, so a row refers to a lesson by its id.
Only students get rows; teachers and admins can read lessons and try checks without a trace.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .accounts import utcnow


class LessonProgress(db.Model):
    __tablename__ = "lesson_progress"
    __table_args__ = (UniqueConstraint("user_id", "lesson_id", name="uq_lesson_progress_user_lesson"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    lesson_id: Mapped[str] = mapped_column(String(80))
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    best_score: Mapped[int | None]
    total: Mapped[int | None]
    passed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def passed(self) -> bool:
        return self.passed_at is not None

    @property
    def tried(self) -> bool:
        return self.best_score is not None


def progress_by_lesson(user_id: int) -> dict[str, LessonProgress]:
    """All progress rows of one student, by lesson id."""
    rows = db.session.scalars(select(LessonProgress).where(LessonProgress.user_id == user_id))
    return {row.lesson_id: row for row in rows}


def passed_counts(user_ids: Iterable[int], lesson_ids: Iterable[str]) -> dict[int, int]:
    """How many of `lesson_ids` each user has passed the check of (users without any: absent)."""
    user_ids, lesson_ids = list(user_ids), list(lesson_ids)
    if not user_ids or not lesson_ids:
        return {}
    rows = db.session.execute(
        select(LessonProgress.user_id, func.count(LessonProgress.id))
        .where(LessonProgress.user_id.in_(user_ids), LessonProgress.lesson_id.in_(lesson_ids),
               LessonProgress.passed_at.is_not(None))
        .group_by(LessonProgress.user_id)
    )
    return dict(rows.all())


def _row(user_id: int, lesson_id: str) -> LessonProgress:
    """The progress row of this student and lesson, created (and flushed) when missing."""
    query = select(LessonProgress).where(LessonProgress.user_id == user_id, LessonProgress.lesson_id == lesson_id)
    row = db.session.scalar(query)
    if row is not None:
        return row
    row = LessonProgress(user_id=user_id, lesson_id=lesson_id)
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:  # the same student, in another tab, was just as quick
        row = db.session.scalars(query).one()
    return row


def mark_read(user_id: int, lesson_id: str) -> LessonProgress:
    """Note that the student opened the lesson; the first time counts. Commits."""
    row = _row(user_id, lesson_id)
    if row.read_at is None:
        row.read_at = utcnow()
    db.session.commit()
    return row


def record_attempt(user_id: int, lesson_id: str, score: int, total: int, passed: bool) -> LessonProgress:
    """Store a marked check: keep the best score and the moment of first passing. Commits."""
    row = _row(user_id, lesson_id)
    if row.read_at is None:
        row.read_at = utcnow()
    if row.best_score is None or score > row.best_score or total != row.total:
        row.best_score, row.total = score, total
    if passed and row.passed_at is None:
        row.passed_at = utcnow()
    db.session.commit()
    return row
