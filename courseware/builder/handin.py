"""Checking a draft with the grader, deadlines, and handing in: an Attempt that never changes."""
from __future__ import annotations

import json
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from assignments import Assignment
from grader import Report, grade

from .. import groups
from ..extensions import db
from ..formatting import format_deadline
from ..grading import rubric_for_student, rubric_json
from ..models import Attempt, ClassAssignment, Draft, StudyGroup, User
from ..models.accounts import utcnow
from .journey_data import draft_data, to_journey


class HandInRefused(Exception):
    """Handing in is not possible now; the message says why, in Dutch."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def grade_data(data: dict, assignment: Assignment, user: User) -> Report:
    """The feedback a student sees: graded with their class's rubric for this assignment."""
    return grade(to_journey(data), rubric_for_student(user, assignment))


def deadline_for(user: User, assignment_id: str) -> datetime | None:
    setting = ClassAssignment.for_student(user, assignment_id)
    return setting.deadline_utc if setting else None


def deadline_passed(user: User, assignment_id: str, now: datetime | None = None) -> bool:
    deadline = deadline_for(user, assignment_id)
    return deadline is not None and (now or utcnow()) > deadline


def check_can_hand_in(user: User, assignment: Assignment, draft: Draft | None) -> None:
    deadline = deadline_for(user, assignment.id)
    if deadline is not None and utcnow() > deadline:
        raise HandInRefused(_(
            "Inleveren kan niet meer. De deadline was %(deadline)s. "
            "Je concept is wel bewaard. Vraag je docent wat je nu kunt doen.",
            deadline=format_deadline(deadline)))
    if draft is None or not draft_data(draft, assignment)["phases"]:
        raise HandInRefused(_("Je klantreis heeft nog geen fasen. "
                              "Maak eerst fasen en contactmomenten, en lever dan in."))


class AlreadyHandedIn(Exception):
    """This draft version was handed in before: `attempt` is that hand-in (a double click)."""

    def __init__(self, attempt: Attempt):
        self.attempt = attempt
        super().__init__(f"attempt {attempt.number} holds this draft version")


def hand_in(user: User, assignment: Assignment, draft: Draft | None, *, once: bool = False) -> Attempt:
    """Grade the draft and store it as the next attempt. Raises HandInRefused.

    `draft` is the draft the student works on (courseware.groups.draft_for): for a group's draft
    the attempt is the group's (`group_id`, handed in by `user`), and the members of this moment
    are recorded with it (courseware.groups), so each of them sees it.

    With `once` (the site's hand-in posts), the attempt records the draft version, and a version
    that is an attempt already raises AlreadyHandedIn with that attempt: a double click or a
    resent form makes one attempt (for a group: also when two members hand in at once). The
    unique constraints on (student or group, draft version) hold this also when two workers race.
    Without `once` (demo data, scripts) the same version may be handed in again."""
    group = db.session.get(StudyGroup, draft.group_id) if draft is not None and draft.group_id else None
    if once and draft is not None and (earlier := groups.attempt_of_version(user, assignment.id, draft)):
        raise AlreadyHandedIn(earlier)
    check_can_hand_in(user, assignment, draft)
    journey = to_journey(draft_data(draft, assignment))
    rubric = rubric_for_student(user, assignment)
    report = grade(journey, rubric)
    journey_json = json.dumps(journey.to_dict(), ensure_ascii=False)
    report_json = json.dumps(report.to_dict(), ensure_ascii=False)
    for _try in range(3):  # two tabs handing in at once: the unique number decides, retry
        attempt = Attempt(
            user_id=user.id, assignment_id=assignment.id,
            group_id=group.id if group is not None else None,
            number=groups.next_attempt_number(user, assignment.id, group),
            journey=journey_json, report=report_json, grade=report.grade,
            rubric_version=report.rubric_version, rubric=rubric_json(rubric), submitted_at=utcnow(),
            draft_version=draft.version if once else None,
        )
        db.session.add(attempt)
        try:
            if group is not None:
                db.session.flush()
                groups.record_hand_in_members(attempt, [*groups.members(group), user])
            db.session.commit()
            return attempt
        except IntegrityError:
            db.session.rollback()
            if once and (earlier := groups.attempt_of_version(user, assignment.id, draft)):
                raise AlreadyHandedIn(earlier) from None  # the other post of a double click won
    raise HandInRefused(_("Inleveren lukte niet. Probeer het nog een keer."))
