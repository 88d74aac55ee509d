"""A student's work on an assignment: the draft being built, the hand-ins (attempts), a class's
deadline per assignment, and changes stashed when a save arrived after the session expired.

Group work (courseware.models.groups, courseware.groups): a draft belongs to ONE student
(`user_id`) or to ONE group (`group_id`, `user_id` NULL); an attempt always names the student who
handed it in (`user_id`) and, for a group hand-in, the group (`group_id`) and its members at that
moment (`attempt_members`). Students' pages find their draft and attempts through
courseware.groups, never with `Draft.find` / `Attempt.for_student` directly."""
from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    bindparam,
    event,
    func,
    select,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .accounts import User, utcnow

ASSIGNMENT_ID_LENGTH = 80
STEP_LENGTH = 20


def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything this app stores is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


class Draft(db.Model):
    """The journey a student (or a group) is building for one assignment: one per student per
    assignment, and one per group (`group_id`; then `user_id` is NULL). `saved_by` is the student
    who saved last (shown as "Laatst opgeslagen door ..." and on the conflict page).

    `data` is the `klantreis/1` value as the builder holds it (every key present, see
    courseware.builder.journey_data.normalise). `version` goes up by one on every save, so a tab that
    saves an older version can be warned.
    """

    __tablename__ = "drafts"
    __table_args__ = (
        # NULL user_id (a group's draft) never collides; a group has one draft.
        UniqueConstraint("user_id", "assignment_id", name="uq_drafts_user_assignment"),
        UniqueConstraint("group_id", name="uq_drafts_group"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("study_groups.id", ondelete="CASCADE"))
    assignment_id: Mapped[str] = mapped_column(String(ASSIGNMENT_ID_LENGTH), index=True)
    data: Mapped[str] = mapped_column(Text, default="{}")
    step: Mapped[str] = mapped_column(String(STEP_LENGTH), default="persona")  # furthest step reached
    version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, server_default=func.now()
    )
    saved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    user: Mapped[User | None] = relationship(foreign_keys=[user_id])
    saver: Mapped[User | None] = relationship(foreign_keys=[saved_by])

    @property
    def journey_data(self) -> dict[str, Any]:
        try:
            value = json.loads(self.data or "{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    @journey_data.setter
    def journey_data(self, value: dict[str, Any]) -> None:
        self.data = json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    @property
    def saved_at(self) -> datetime | None:
        return as_utc(self.updated_at)

    @classmethod
    def find(cls, user_id: int, assignment_id: str) -> Draft | None:
        """The student's OWN draft (not a group's): for a student's page use courseware.groups."""
        return db.session.scalar(_OWN_DRAFT, {"user_id": user_id, "assignment_id": assignment_id})

    @classmethod
    def of_group(cls, group_id: int) -> Draft | None:
        return db.session.scalar(_GROUP_DRAFT, {"group_id": group_id})


# The queries of every step page, built once with bound parameters: see docs/performance.md, "Step page CPU".
_OWN_DRAFT = select(Draft).where(
    Draft.user_id == bindparam("user_id"), Draft.assignment_id == bindparam("assignment_id"))
_GROUP_DRAFT = select(Draft).where(Draft.group_id == bindparam("group_id"))


class AttemptImmutableError(RuntimeError):
    """An attempt is a hand-in: it is never changed after it was stored."""


_INDIVIDUAL = text("group_id IS NULL")


class Attempt(db.Model):
    """One hand-in: the journey exactly as handed in and the grader's report on it.

    A group's hand-in has `group_id`; `user_id` is the member who handed it in, and
    `attempt_members` lists every member at that moment (courseware.groups.hand_in_members).
    Numbers and the one-attempt-per-draft-version rule hold per student for individual
    attempts, and per group for group attempts (partial unique indexes).
    """

    __tablename__ = "attempts"
    __table_args__ = (
        Index("uq_attempts_individual_number", "user_id", "assignment_id", "number", unique=True,
              sqlite_where=_INDIVIDUAL, postgresql_where=_INDIVIDUAL),
        # One attempt per draft version: a double click or a resent form cannot hand in twice,
        # also when two workers race (NULL, for attempts from before, never collides).
        Index("uq_attempts_individual_draft_version", "user_id", "assignment_id", "draft_version", unique=True,
              sqlite_where=_INDIVIDUAL, postgresql_where=_INDIVIDUAL),
        UniqueConstraint("group_id", "number", name="uq_attempts_group_number"),
        UniqueConstraint("group_id", "draft_version", name="uq_attempts_group_draft_version"),
        Index("ix_attempts_user_assignment", "user_id", "assignment_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    assignment_id: Mapped[str] = mapped_column(String(ASSIGNMENT_ID_LENGTH), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("study_groups.id", ondelete="CASCADE"), index=True)
    # 1, 2, ... per student (individual) or per group; never twice among the attempts one student
    # sees (courseware.groups.next_attempt_number).
    number: Mapped[int] = mapped_column(Integer)
    journey: Mapped[str] = mapped_column(Text)  # klantreis/1 JSON
    report: Mapped[str] = mapped_column(Text)  # grader.Report.to_dict() as JSON
    grade: Mapped[float] = mapped_column(Float)
    rubric_version: Mapped[str] = mapped_column(String(40))
    # The rubric as it was when graded (grader.Rubric.to_config() as JSON): a later change of the
    # class's rubric never changes this attempt; only an explicit regrade adds a Grading.
    rubric: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
    draft_version: Mapped[int | None] = mapped_column(Integer)  # the Draft.version handed in

    user: Mapped[User] = relationship()

    @property
    def journey_data(self) -> dict[str, Any]:
        return json.loads(self.journey)

    @property
    def report_data(self) -> dict[str, Any]:
        return json.loads(self.report)

    @property
    def rubric_config(self) -> dict[str, Any]:
        return json.loads(self.rubric) if self.rubric else {}

    @property
    def submitted(self) -> datetime:
        return as_utc(self.submitted_at)

    @classmethod
    def for_student(cls, user_id: int, assignment_id: str) -> list[Attempt]:
        """Every attempt this student handed in HIMSELF (individual and for a group). What a
        student sees is courseware.groups.visible_attempts."""
        return list(db.session.scalars(
            select(cls).where(cls.user_id == user_id, cls.assignment_id == assignment_id).order_by(cls.number)
        ))

    @classmethod
    def find(cls, user_id: int, assignment_id: str, number: int) -> Attempt | None:
        """The student's own individual attempt with this number (see courseware.groups.find_attempt)."""
        return db.session.scalar(select(cls).where(
            cls.user_id == user_id, cls.assignment_id == assignment_id, cls.number == number,
            cls.group_id.is_(None)))

    @classmethod
    def of_draft_version(cls, user_id: int, assignment_id: str, version: int) -> Attempt | None:
        """The student's individual attempt of this draft version (a group's: of_group_draft_version)."""
        return db.session.scalar(select(cls).where(
            cls.user_id == user_id, cls.assignment_id == assignment_id, cls.draft_version == version,
            cls.group_id.is_(None)))

    @classmethod
    def of_group_draft_version(cls, group_id: int, version: int) -> Attempt | None:
        return db.session.scalar(select(cls).where(cls.group_id == group_id, cls.draft_version == version))


@event.listens_for(Attempt, "before_update")
def _attempts_are_immutable(mapper, connection, target: Attempt) -> None:
    raise AttemptImmutableError(f"attempt {target.id} was handed in and cannot be changed")


class ClassAssignment(db.Model):
    """An assignment as a class does it: an optional deadline (UTC), the teacher's own rubric
    settings (None: the assignment's rubric), whether the class gallery is open, when the
    students see their grade (`grade_display`), and whether they work alone or in groups
    (`group_mode`)."""

    __tablename__ = "class_assignments"
    __table_args__ = (UniqueConstraint("class_id", "assignment_id", name="uq_class_assignments_class_assignment"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    assignment_id: Mapped[str] = mapped_column(String(ASSIGNMENT_ID_LENGTH), index=True)
    deadline: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    rubric_config: Mapped[str | None] = mapped_column(Text)  # grader.Rubric.to_config() as JSON
    gallery_open: Mapped[bool] = mapped_column(default=False, server_default="0")
    # When the student sees a grade before the teacher released the review (courseware.grade_display):
    # "after_review" (the default: only feedback until released) or "at_once" (a provisional grade).
    grade_display: Mapped[str] = mapped_column(String(20), default="after_review", server_default="after_review")
    # Alone or in groups (courseware.groups.GROUP_SIZES): "individual", "duo" or "trio".
    group_mode: Mapped[str] = mapped_column(String(12), default="individual", server_default="individual")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())

    @property
    def deadline_utc(self) -> datetime | None:
        return as_utc(self.deadline)

    def is_closed(self, now: datetime | None = None) -> bool:
        deadline = self.deadline_utc
        return deadline is not None and (now or utcnow()) > deadline

    @classmethod
    def for_student(cls, user: User, assignment_id: str) -> ClassAssignment | None:
        if user.class_id is None:
            return None
        return cls.find(user.class_id, assignment_id)

    @classmethod
    def find(cls, class_id: int, assignment_id: str) -> ClassAssignment | None:
        return db.session.scalar(_CLASS_ASSIGNMENT, {"class_id": class_id, "assignment_id": assignment_id})

    @classmethod
    def get_or_create(cls, class_id: int, assignment_id: str) -> ClassAssignment:
        setting = cls.find(class_id, assignment_id)
        if setting is None:
            setting = cls(class_id=class_id, assignment_id=assignment_id)
            db.session.add(setting)
        return setting


# Built once with bound parameters, like _OWN_DRAFT.
_CLASS_ASSIGNMENT = select(ClassAssignment).where(
    ClassAssignment.class_id == bindparam("class_id"), ClassAssignment.assignment_id == bindparam("assignment_id"))


class PendingSave(db.Model):
    """Builder fields posted when the session had expired (no login or no valid CSRF token).

    Kept for a day under a random token (also in a cookie) and put into the draft after the
    student is logged in again. `user_id` comes from the signed key in the builder form.
    """

    __tablename__ = "pending_saves"
    __table_args__ = (Index("ix_pending_saves_user_assignment", "user_id", "assignment_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str | None] = mapped_column(String(64), index=True)  # None once claimed by its user
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    assignment_id: Mapped[str] = mapped_column(String(ASSIGNMENT_ID_LENGTH))
    step: Mapped[str] = mapped_column(String(STEP_LENGTH))
    fields: Mapped[str] = mapped_column(Text)  # JSON list of [name, value] pairs, as posted
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)

    @property
    def pairs(self) -> list[tuple[str, str]]:
        return [(str(name), str(value)) for name, value in json.loads(self.fields)]

    def is_expired(self, now: datetime | None = None) -> bool:
        return (now or utcnow()) > as_utc(self.expires_at)
