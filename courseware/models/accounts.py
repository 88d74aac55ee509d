"""Accounts and classes. Personal data is kept minimal (AVG): a display name, a username, a
password hash and the class; no e-mail address, no date of birth."""
from __future__ import annotations

import secrets
from datetime import UTC, datetime
from enum import StrEnum

from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, Table, func, select, true
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db

JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: easy to read on a board
JOIN_CODE_LENGTH = 6


def utcnow() -> datetime:
    return datetime.now(UTC)


class Role(StrEnum):
    STUDENT = "student"
    TEACHER = "teacher"
    ADMIN = "admin"


# The teachers of a class (co-teachers): every teacher in it sees and reviews everything in the class.
class_teachers = Table(
    "class_teachers",
    db.metadata,
    Column("class_id", ForeignKey("classes.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True, index=True)
    display_name: Mapped[str] = mapped_column(String(60))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(10), default=Role.STUDENT)
    class_id: Mapped[int | None] = mapped_column(
        ForeignKey("classes.id", ondelete="SET NULL", use_alter=True, name="fk_users_class_id"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
    # Carried in every session (see courseware.sessions): one higher ends all sessions of this user.
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # False: deactivated by an admin. The user cannot log in; their classes and data stay.
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    school_class: Mapped[SchoolClass | None] = relationship(back_populates="students", foreign_keys=[class_id])

    def set_password(self, password: str) -> None:
        """Set a new password; a change (not the first password) ends every session of this user."""
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt") if has_app_context() else "scrypt"
        if self.password_hash:
            self.end_sessions()
        self.password_hash = generate_password_hash(password, method=method)

    def get_id(self) -> str:
        """What the session cookie holds: "<id>:<generation>" ("<id>" alone for generation 0, as
        sessions from before the generation said)."""
        generation = self.session_generation or 0
        return f"{self.id}:{generation}" if generation else str(self.id)

    def end_sessions(self) -> None:
        """End every session of this user (on every device) from their next request on. Commit after."""
        self.session_generation = (self.session_generation or 0) + 1

    @property
    def is_authenticated(self) -> bool:
        """Always True for a user object (UserMixin would read `is_active`, a column: the error pages
        must be able to ask this of an expired user without the database). Deactivated users never
        get this far: the session loader and the login refuse them."""
        return True

    @property
    def is_active(self) -> bool:
        """Flask-Login: a deactivated user cannot log in (and the session loader refuses them)."""
        return bool(self.active) if self.active is not None else True

    def deactivate(self) -> None:
        """Deactivate the account and end its sessions at once; classes and data stay. Commit after."""
        self.active = False
        self.end_sessions()

    def reactivate(self) -> None:
        self.active = True

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_student(self) -> bool:
        return self.role == Role.STUDENT

    @property
    def is_teacher(self) -> bool:
        return self.role == Role.TEACHER

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    def teaches(self, school_class: SchoolClass) -> bool:
        """THE check for teacher pages: an admin teaches every class, a teacher the classes they
        are one of the teachers of (co-teachers included); a deactivated account teaches nothing."""
        if not self.is_active:
            return False
        return self.is_admin or (self.is_teacher and self in school_class.teachers)

    def teaches_student(self, student: User) -> bool:
        return student.school_class is not None and self.teaches(student.school_class)


class SchoolClass(db.Model):
    """A class (klas) with one or more teachers (`teachers`); students join it with the join code.

    `teacher` is the teacher who made the class; making a class with `teacher=` also makes that
    teacher its first teacher in `teachers`. Access goes by `teachers` (`User.teaches`)."""

    __tablename__ = "classes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    join_code: Mapped[str] = mapped_column(String(JOIN_CODE_LENGTH), unique=True, index=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())

    teacher: Mapped[User] = relationship(foreign_keys=[teacher_id])
    teachers: Mapped[list[User]] = relationship(secondary=class_teachers, order_by=User.display_name)
    students: Mapped[list[User]] = relationship(
        back_populates="school_class", foreign_keys=[User.class_id], order_by=User.display_name
    )

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if not self.teachers:
            maker = self.teacher or (db.session.get(User, self.teacher_id) if self.teacher_id else None)
            if maker is not None:
                self.teachers.append(maker)

    @staticmethod
    def new_join_code() -> str:
        """A fresh code that no class uses yet."""
        while True:
            code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
            if db.session.scalar(select(SchoolClass.id).where(SchoolClass.join_code == code)) is None:
                return code
