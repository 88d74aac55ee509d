"""Teachers' own assignments: the text of an assignment file (the same TOML as assignments/*.toml,
read with the same loader), its owner, its state and an optional model journey (voorbeeldreis).

Which classes an assignment is published to, with their deadlines, are its ClassAssignment rows.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text, func, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .accounts import User, utcnow
from .journeys import ASSIGNMENT_ID_LENGTH

CONCEPT, PUBLISHED, ARCHIVED = "concept", "published", "archived"
STATES = (CONCEPT, PUBLISHED, ARCHIVED)

# When students may see the model journey.
SHOW_NEVER, SHOW_AFTER_DEADLINE, SHOW_AFTER_RELEASE = "never", "after_deadline", "after_release"
MODEL_VISIBILITY = (SHOW_NEVER, SHOW_AFTER_DEADLINE, SHOW_AFTER_RELEASE)


class OwnAssignment(db.Model):
    __tablename__ = "own_assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The assignment's id (its `id` in the TOML): unique among the built-in ones and these.
    slug: Mapped[str] = mapped_column(String(ASSIGNMENT_ID_LENGTH), unique=True, index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    toml: Mapped[str] = mapped_column(Text)  # the assignment file's text: the only copy of its content
    state: Mapped[str] = mapped_column(String(12), default=CONCEPT, server_default=CONCEPT)
    model_journey: Mapped[str | None] = mapped_column(Text)  # klantreis/1 JSON
    model_visibility: Mapped[str] = mapped_column(String(16), default=SHOW_NEVER, server_default=SHOW_NEVER)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())

    owner: Mapped[User] = relationship()

    @classmethod
    def by_slug(cls, slug: str) -> OwnAssignment | None:
        return db.session.scalar(select(cls).where(cls.slug == slug))
