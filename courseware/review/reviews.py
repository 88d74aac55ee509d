"""The teacher's review of an attempt: the Review row, who has it open, saving levels and
comments, the history of overrides, and releasing the result to the student.

Decisions:
- A level override row (grading.override) is stored only when the level or the comment of a
  criterion changed compared to what the teacher saw (the newest override, else the grader's
  level with no comment). Every row keeps who, when and why; the grader's level is never changed.
- A review can be changed after it was released. The student then sees the new result at once;
  the review page says so above the form. A released review stays done.
- Releasing needs a review that is done. "Alles vrijgeven" releases the done reviews of the
  latest attempts of the class (the ones on the dashboard); an older attempt's review can be
  released on its own page.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..grading import Result, override
from ..models import LevelOverride, Review, User
from ..models.accounts import utcnow
from .forms import ReviewForm, comment_field_name, level_field_name

OPEN_WINDOW = timedelta(minutes=10)  # another teacher who opened the page this recently is named

def review_of(result: Result) -> Review:
    """The attempt's Review, made (and flushed) when it has none yet."""
    if result.review is not None:
        return result.review
    query = select(Review).where(Review.attempt_id == result.attempt.id)
    review = db.session.scalar(query)
    if review is not None:
        return review
    review = Review(attempt_id=result.attempt.id, comment="")
    try:
        with db.session.begin_nested():
            db.session.add(review)
    except IntegrityError:  # another teacher opened it at the same moment
        review = db.session.scalars(query).one()
    return review


def note_opened(review: Review, teacher: User, now: datetime | None = None) -> User | None:
    """Record that `teacher` has the review open. Returns the other teacher who opened it
    within the last ten minutes, if any. Does not commit."""
    now = now or utcnow()
    other = None
    if (review.opened_by is not None and review.opened_by != teacher.id and review.opened is not None
            and now - review.opened < OPEN_WINDOW):
        other = review.opener
    review.opened_by, review.opened_at = teacher.id, now
    return other


def history(attempt_id: int) -> dict[str, list[LevelOverride]]:
    """Every override of the attempt per criterion id, oldest first, with its teacher."""
    rows = db.session.scalars(
        select(LevelOverride).where(LevelOverride.attempt_id == attempt_id)
        .options(selectinload(LevelOverride.teacher)).order_by(LevelOverride.id)
    )
    grouped: dict[str, list[LevelOverride]] = {}
    for row in rows:
        grouped.setdefault(row.criterion_id, []).append(row)
    return grouped


def current_values(result: Result) -> dict[str, object]:
    """The review form's data as stored now: final level and the newest comment per criterion."""
    data: dict[str, object] = {
        "comment": result.review.comment if result.review else "",
        "done": bool(result.review and result.review.is_done),
    }
    for c in result.final.criteria:
        newest = result.overrides.get(c.id)
        data[level_field_name(c.id)] = c.level
        data[comment_field_name(c.id)] = newest.comment if newest else ""
    return data


@dataclass(frozen=True)
class Saved:
    changed: tuple[str, ...]  # criterion ids with a new override row
    comment_changed: bool
    done_changed: bool

    @property
    def anything(self) -> bool:
        return bool(self.changed) or self.comment_changed or self.done_changed


def save(result: Result, form: ReviewForm, teacher: User) -> Saved:
    """Store a valid review form. Does not commit."""
    changed = []
    for c in result.final.criteria:
        newest = result.overrides.get(c.id)
        level = form.level_field(c.id).data
        comment = form.comment_field(c.id).data or ""
        if (level, comment) != (c.level, newest.comment if newest else ""):
            override(result.attempt, c.id, level, comment, teacher)
            changed.append(c.id)
    review = review_of(result)
    comment = form.comment.data or ""
    comment_changed = comment != (review.comment or "")
    review.comment = comment
    done_changed = False
    if form.done.data and not review.is_done:
        review.done_at, review.done_by = utcnow(), teacher.id
        done_changed = True
    elif not form.done.data and review.is_done and not review.is_released:
        review.done_at, review.done_by = None, None
        done_changed = True
    review.opened_by, review.opened_at = teacher.id, utcnow()
    return Saved(tuple(changed), comment_changed, done_changed)


def release(review: Review) -> bool:
    """Show the review to the student. Only a done review; False when nothing changed."""
    if not review.is_done or review.is_released:
        return False
    review.released_at = utcnow()
    return True
