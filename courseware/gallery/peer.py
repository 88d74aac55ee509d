"""Tops en tips: who reviews whom, opening a round, and the lists the pages show.

Every design with a hand-in reviews two others: the designs of students working alone and of
groups (one design per group: courseware.group_hand_ins) are put in a stable shuffled circle (an
HMAC of the round and the student or group, so a new round gives a new circle); with n >= 3
design i reviews designs i+1 and i+2, so every design gets reviews from two others, never its
own: a student never reviews their own group's design. Each member of a group (still in the
class) writes the group's two tasks. With two designs each reviews the other once. With fewer
there is no round.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import aliased

from .. import groups
from ..extensions import db
from ..group_hand_ins import latest_hand_ins
from ..models import Attempt, FeedbackRound, PeerReview, StudyGroup, User
from ..models.accounts import utcnow
from .designs import stable_key

REVIEWS_PER_STUDENT = 2


class RoundRefused(Exception):
    """A round cannot be opened now; the message says why, in Dutch."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def review_pairs(author_ids: Sequence[int | str], seed: str) -> list[tuple[int | str, int | str]]:
    """(reviewer, author) pairs of units (students alone, or groups: group_hand_ins.unit_of) that
    all handed in. See the module's docstring."""
    circle = sorted(set(author_ids), key=lambda unit: (stable_key("peer", seed, unit), str(unit)))
    n = len(circle)
    if n < 2:
        return []
    steps = range(1, min(REVIEWS_PER_STUDENT, n - 1) + 1)
    return [(circle[i], circle[(i + step) % n]) for i in range(n) for step in steps]


def open_round(class_id: int, assignment_id: str) -> FeedbackRound:
    """Start a new round with two tasks per student. Raises RoundRefused."""
    current = FeedbackRound.current(class_id, assignment_id)
    if current is not None and current.is_open:
        raise RoundRefused(_("Er is al een ronde open. Sluit die eerst."))
    hand_ins = {hand_in.unit: hand_in for hand_in in latest_hand_ins(class_id, assignment_id)}
    if len(hand_ins) < 2:
        raise RoundRefused(_(
            "Tops en tips kan pas als minstens twee leerlingen of groepen hun klantreis hebben ingeleverd. "
            "Nu is dat %(count)d.", count=len(hand_ins)))
    feedback_round = FeedbackRound(class_id=class_id, assignment_id=assignment_id, opened_at=utcnow())
    db.session.add(feedback_round)
    db.session.flush()  # the round's id seeds the circle
    tasks: set[tuple[int, int]] = set()
    for reviewer_unit, author_unit in review_pairs(list(hand_ins), str(feedback_round.id)):
        author = hand_ins[author_unit]
        for reviewer in hand_ins[reviewer_unit].members:
            task = (reviewer.id, author.attempt.id)
            # Never one's own work (someone who left a group and handed in alone is in two designs),
            # never the same task twice, and nothing for a former member who left the class.
            if reviewer.class_id == class_id and reviewer.id not in author.member_ids and task not in tasks:
                tasks.add(task)
                db.session.add(PeerReview(round_id=feedback_round.id, reviewer_id=reviewer.id,
                                          attempt_id=author.attempt.id))
    db.session.commit()
    return feedback_round


def close_round(feedback_round: FeedbackRound) -> None:
    if feedback_round.closed_at is None:
        feedback_round.closed_at = utcnow()


def written_count(feedback_round: FeedbackRound) -> tuple[int, int]:
    """(written, total) tasks of a round."""
    reviews = list(db.session.scalars(select(PeerReview.submitted_at).where(PeerReview.round_id == feedback_round.id)))
    return sum(1 for submitted in reviews if submitted is not None), len(reviews)


def few_written(feedback_round: FeedbackRound) -> bool:
    """Fewer than half the tasks were written: the teacher is asked before releasing."""
    written, total = written_count(feedback_round)
    return written * 2 < total


def release_round(feedback_round: FeedbackRound) -> None:
    """Authors may read what they got; writing stops too."""
    close_round(feedback_round)
    if feedback_round.released_at is None:
        feedback_round.released_at = utcnow()


def tasks_of(feedback_round: FeedbackRound, reviewer_id: int) -> list[PeerReview]:
    """A student's tasks in a round, in a fixed order."""
    return list(db.session.scalars(
        select(PeerReview).where(PeerReview.round_id == feedback_round.id, PeerReview.reviewer_id == reviewer_id)
        .order_by(PeerReview.id)))


def readable_by(author_id: int) -> tuple:
    """SQL conditions on PeerReview joined to its Attempt: what a student may read of a released
    round, on their own design (or their group's when they were a member at hand-in time): written
    and not hidden by the teacher."""
    return groups.seen_by(author_id), PeerReview.submitted_at.is_not(None), PeerReview.hidden.is_(False)


def received_by(feedback_round: FeedbackRound, author_id: int) -> list[PeerReview]:
    """What a student got in a round (`readable_by`)."""
    return list(db.session.scalars(
        select(PeerReview).join(Attempt, Attempt.id == PeerReview.attempt_id)
        .where(PeerReview.round_id == feedback_round.id, *readable_by(author_id))
        .order_by(PeerReview.id)))


@dataclass(frozen=True)
class TaskRow:
    """A task as the teacher sees it: with both names."""

    review: PeerReview
    reviewer_name: str
    author_name: str


def round_overview(feedback_round: FeedbackRound) -> list[TaskRow]:
    """Every task of a round with the reviewer's and the author's name (a group's design: the
    group's code), in one query."""
    reviewer, author = aliased(User), aliased(User)
    rows = db.session.execute(
        select(PeerReview, reviewer.display_name, author.display_name, StudyGroup.code)
        .join(reviewer, reviewer.id == PeerReview.reviewer_id)
        .join(Attempt, Attempt.id == PeerReview.attempt_id)
        .join(author, author.id == Attempt.user_id)
        .outerjoin(StudyGroup, StudyGroup.id == Attempt.group_id)
        .where(PeerReview.round_id == feedback_round.id)
        .order_by(reviewer.display_name, reviewer.id, PeerReview.id))
    return [TaskRow(review, reviewer_name, _("Groep %(name)s", name=code) if code else author_name)
            for review, reviewer_name, author_name, code in rows]
