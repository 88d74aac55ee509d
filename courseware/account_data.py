"""AVG (GDPR): everything the site keeps about one user, as one JSON document they can download.

What is in it: the account (no password hash), lesson progress, drafts, changes that were kept
but not saved yet (expired session, two versions), hand-ins with the grader's report, the
teacher's result only once it is released, and tops en tips: the ones the user wrote and the
released ones they received. For a teacher also the classes they teach and their own
assignments. Other people are never named in it: no teacher names, no names of classmates whose
work was reviewed or who reviewed the user's work.
"""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select

from grader import Report

from . import groups
from .extensions import db
from .grading import results_for
from .lessons.loader import get_lesson
from .models import Attempt, Draft, LessonProgress, OwnAssignment, PendingSave, User
from .models.accounts import utcnow
from .models.groups import GroupMember
from .models.journeys import as_utc
from .teaching import taught_classes

FORMAT = "klantreislab-gegevens/1"


def _moment(value: datetime | None) -> str | None:
    value = as_utc(value)
    return value.isoformat() if value is not None else None


def _json(text: str | None) -> Any:
    try:
        return json.loads(text or "null")
    except ValueError:
        return text


def export_for(user: User) -> dict[str, Any]:
    """All data of `user`, ready for json.dumps."""
    return {
        "formaat": FORMAT,
        "gemaakt_op": _moment(utcnow()),
        "uitleg": "Dit zijn al je gegevens in Klantreislab. Namen van andere mensen staan er niet in.",
        "account": _account(user),
        "lessen": _progress(user),
        "concepten": _drafts(user),
        "niet_bewaarde_wijzigingen": _pending(user),
        "pogingen": _attempts(user),
        "tops_en_tips": _peer(user),
        "klassen_als_docent": _classes_taught(user),
        "eigen_opdrachten": _own_assignments(user),
    }


def export_json(user: User) -> str:
    return json.dumps(export_for(user), ensure_ascii=False, indent=2) + "\n"


def _account(user: User) -> dict[str, Any]:
    return {
        "weergavenaam": user.display_name,
        "gebruikersnaam": user.username,
        "rol": str(user.role),
        "klas": user.school_class.name if user.school_class is not None else None,
        "aangemaakt_op": _moment(user.created_at),
    }


def _classes_taught(user: User) -> list[dict[str, Any]]:
    """The classes a teacher teaches (their names only; an admin's own classes, not every class)."""
    if not user.is_teacher:
        return []
    return [{"klas": klas.name, "aangemaakt_op": _moment(klas.created_at)}
            for klas in db.session.scalars(taught_classes(user))]


def _own_assignments(user: User) -> list[dict[str, Any]]:
    """The assignments a teacher wrote, as their assignment file's text."""
    rows = db.session.scalars(select(OwnAssignment).where(OwnAssignment.owner_id == user.id)
                              .order_by(OwnAssignment.id))
    return [{"opdracht": row.slug, "status": row.state, "bestand": row.toml,
             "aangemaakt_op": _moment(row.created_at), "gewijzigd_op": _moment(row.updated_at)} for row in rows]


def _progress(user: User) -> list[dict[str, Any]]:
    rows = db.session.scalars(select(LessonProgress).where(LessonProgress.user_id == user.id)
                              .order_by(LessonProgress.id))
    result = []
    for row in rows:
        lesson = get_lesson(row.lesson_id)
        result.append({
            "les": row.lesson_id, "titel": lesson.title if lesson is not None else None,
            "gelezen_op": _moment(row.read_at), "beste_score": row.best_score, "van": row.total,
            "gehaald_op": _moment(row.passed_at),
        })
    return result


def _drafts(user: User) -> list[dict[str, Any]]:
    """The student's own drafts and the drafts of the groups they are in now."""
    shared = select(GroupMember.group_id).where(GroupMember.user_id == user.id)
    rows = db.session.scalars(select(Draft).where(
        or_(Draft.user_id == user.id, Draft.group_id.in_(shared))).order_by(Draft.id))
    return [{
        "opdracht": row.assignment_id, "groepswerk": row.group_id is not None, "versie": row.version,
        "verste_stap": row.step,
        "aangemaakt_op": _moment(row.created_at), "opgeslagen_op": _moment(row.updated_at),
        "klantreis": row.journey_data,
    } for row in rows]


def _pending(user: User) -> list[dict[str, Any]]:
    rows = db.session.scalars(select(PendingSave).where(PendingSave.user_id == user.id).order_by(PendingSave.id))
    return [{
        "opdracht": row.assignment_id, "stap": row.step, "getypt_op": _moment(row.created_at),
        "velden": [list(pair) for pair in row.pairs],
    } for row in rows]


def _attempts(user: User) -> list[dict[str, Any]]:
    attempts = list(db.session.scalars(select(Attempt).where(groups.seen_by(user.id))  # group hand-ins too
                                       .order_by(Attempt.assignment_id, Attempt.number)))
    results = results_for(attempts, member_id=user.id)  # with the student's own individuele correctie
    items = []
    for attempt in attempts:
        item: dict[str, Any] = {
            "opdracht": attempt.assignment_id, "nummer": attempt.number, "groepswerk": attempt.group_id is not None,
            "ingeleverd_op": _moment(attempt.submitted_at), "cijfer_grader": attempt.grade,
            "rubric_versie": attempt.rubric_version, "rubric": _json(attempt.rubric) if attempt.rubric else None,
            "klantreis": _json(attempt.journey), "rapport": _json(attempt.report),
            "beoordeling_docent": None,
        }
        result = results.get(attempt.id)
        if result is not None and result.released:  # unreleased reviews stay with the teacher
            item["beoordeling_docent"] = _released(result)
        items.append(item)
    return items


def _released(result) -> dict[str, Any]:
    final: Report = result.final
    return {
        "vrijgegeven_op": _moment(result.review.released_at),
        "cijfer": result.grade,
        "individuele_correctie": {"cijfer": result.correction.grade, "reden": result.correction.reason,
                                  "groepscijfer": final.grade} if result.corrected else None,
        "opmerking": result.review.comment,
        "niveaus": [{
            "criterium": c.id, "titel": c.title, "niveau": c.level,
            "opmerking_docent": result.overrides[c.id].comment if c.id in result.overrides else None,
        } for c in final.criteria],
        "opnieuw_beoordeeld": result.regraded,
    }


def _peer(user: User) -> dict[str, Any]:
    """Tops en tips, when that part of the site is there."""
    try:
        from .models.peer import FeedbackRound, PeerReview
    except ImportError:  # pragma: no cover - older versions of the site
        return {"geschreven": [], "ontvangen": []}
    written = db.session.execute(
        select(PeerReview, FeedbackRound).join(FeedbackRound, FeedbackRound.id == PeerReview.round_id)
        .where(PeerReview.reviewer_id == user.id).order_by(PeerReview.id))
    received = db.session.execute(
        select(PeerReview, FeedbackRound, Attempt)
        .join(FeedbackRound, FeedbackRound.id == PeerReview.round_id)
        .join(Attempt, Attempt.id == PeerReview.attempt_id)
        .where(Attempt.user_id == user.id, FeedbackRound.released_at.is_not(None),
               PeerReview.submitted_at.is_not(None), PeerReview.hidden.is_(False))
        .order_by(PeerReview.id))
    return {
        "geschreven": [{
            "opdracht": feedback_round.assignment_id, "top": review.top, "tip": review.tip,
            "ingestuurd_op": _moment(review.submitted_at),
        } for review, feedback_round in written],
        "ontvangen": [{
            "opdracht": feedback_round.assignment_id, "bij_poging": attempt.number,
            "top": review.top, "tip": review.tip,
        } for review, feedback_round, attempt in received],
    }
