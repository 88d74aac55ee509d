"""THE rules for a student's status on one assignment, for every page that shows it: the teacher's
review dashboard, the class overview and its CSV, the student's own pages and both Start pages.

    not started -> concept (a draft) -> handed in (an attempt) -> reviewed (the teacher set the
    review of the latest attempt to done) -> released (the teacher released it to the student)

A student never sees "reviewed": until the teacher releases the review, it is still "handed in"
to them (`for_student`).
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .models import Review

NOT_STARTED, DRAFT, HANDED_IN, REVIEWED, RELEASED = (
    "niet-begonnen", "concept", "ingeleverd", "beoordeeld", "vrijgegeven")
STATUS_ORDER = (NOT_STARTED, DRAFT, HANDED_IN, REVIEWED, RELEASED)
STATUS_LABELS = {
    NOT_STARTED: _l("niet begonnen"),
    DRAFT: _l("concept"),
    HANDED_IN: _l("ingeleverd"),
    REVIEWED: _l("beoordeeld"),
    RELEASED: _l("vrijgegeven"),
}
# What the student reads: "beoordeeld" once the teacher released the review.
STUDENT_LABELS = {
    NOT_STARTED: _l("niet begonnen"),
    DRAFT: _l("concept"),
    HANDED_IN: _l("ingeleverd"),
    RELEASED: _l("beoordeeld"),
}


def status_of(review: Review | None, has_attempt: bool, has_draft: bool) -> str:
    """The status from the review of the latest attempt (if any), whether there is an attempt,
    and whether there is a draft."""
    if has_attempt:
        if review is not None and review.is_released:
            return RELEASED
        if review is not None and review.is_done:
            return REVIEWED
        return HANDED_IN
    return DRAFT if has_draft else NOT_STARTED


def for_student(status: str) -> str:
    """The status as the student may see it: a review that is not released yet does not exist."""
    return HANDED_IN if status == REVIEWED else status
