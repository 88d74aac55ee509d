"""From a teacher's own assignment to the form and back. What the form gives is written as an
assignment file (assignments.to_toml) and read back with the built-in loader before it is stored,
so a stored assignment always is a valid assignment file.

Decisions:
- The id (slug) is made from the title when the assignment is made and never changes: drafts,
  hand-ins and class settings refer to it. It never equals a built-in id or another one's.
- The rubric part is the class settings' form (rubric_settings): the same fields, the same
  checks ("voldoende ≤ goed") and the same Dutch messages next to the field.
"""
from __future__ import annotations

import dataclasses
import re
import unicodedata
from types import MappingProxyType
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from assignments import BUILDER_STEPS, Assignment, AssignmentError, parse_assignment, to_toml
from grader import STAGES, Rubric, RubricError

from .. import catalogue
from ..class_assignments.rubric_settings import initial_data, read_rubric
from ..extensions import db
from ..models import Attempt, OwnAssignment
from ..models.journeys import ASSIGNMENT_ID_LENGTH
from .forms import HINT_FIELD, STAGE_WORDS_FIELD

NEW_ORDER = 100  # an own assignment's `order` (the files need one; own ones are listed after the built-in)
SLUG_MAX = 60


def blank() -> Assignment:
    """The starting point of a new assignment: no texts, the six core criteria."""
    return Assignment(id="nieuw", title="", order=NEW_ORDER, summary="", target_group="", scenario="", goals=(),
                      hints=MappingProxyType(dict.fromkeys(BUILDER_STEPS, "")), rubric=Rubric.default(), source=None)


def initial(assignment: Assignment) -> dict[str, Any]:
    """The form's data for an assignment."""
    data: dict[str, Any] = {
        "title": assignment.title, "summary": assignment.summary, "target_group": assignment.target_group,
        "scenario": assignment.scenario, "goals": "\n".join(assignment.goals),
    }
    data.update({HINT_FIELD.format(step): text for step, text in assignment.hints.items()})
    words = dict(assignment.rubric.stage_words)
    data.update({STAGE_WORDS_FIELD.format(stage): ", ".join(words.get(stage, ())) for stage in STAGES})
    data.update(initial_data(assignment.rubric, assignment))
    return data


def read_form(form, base: Assignment, slug: str) -> Assignment | None:
    """The assignment the (validated) form describes, or None with the errors on the fields.
    `base` is the assignment being edited (or copied): its rubric is the standard of the form."""
    ok = not form.errors
    reading = read_rubric(form, base)
    if reading.none_chosen:
        form.rubric_errors.append(_("Kies minstens één criterium dat meetelt."))
    stage_words: dict[str, list[str]] = {}
    for stage in STAGES:
        field = form[STAGE_WORDS_FIELD.format(stage)]
        words = [w.strip() for w in (field.data or "").split(",") if w.strip()]
        if words:
            stage_words[stage] = words
    rubric = None
    if reading.rubric is not None:
        try:
            rubric = Rubric.from_config({**reading.rubric.to_config(), "stage_words": stage_words})
        except RubricError as exc:
            _attach_stage_words_error(form, str(exc))
    if not ok or rubric is None:
        return None
    assignment = Assignment(
        id=slug, title=form.title.data, order=base.order if base.source is None else NEW_ORDER,
        summary=form.summary.data, target_group=form.target_group.data, scenario=form.scenario.data,
        goals=tuple(form.goal_list()), rubric=rubric, source=None,
        hints=MappingProxyType({step: form[HINT_FIELD.format(step)].data for step in BUILDER_STEPS}),
    )
    try:  # the one loader decides: what is stored is always a valid assignment file
        return parse_assignment(to_toml(assignment), f"{slug}.toml", expected_id=slug)
    except AssignmentError as exc:
        form.rubric_errors.append(str(exc))
        return None


def _attach_stage_words_error(form, message: str) -> None:
    path, _sep, text = message.partition(": ")
    stage = path.rsplit(".", 1)[-1]
    if stage in STAGES:
        form[STAGE_WORDS_FIELD.format(stage)].errors.append(
            _("Hoogstens 50 woorden, elk hoogstens 60 tekens, gescheiden door komma’s."))
    else:
        form.rubric_errors.append(text or message)


def slug_for(title: str) -> str:
    """A new id from the title: "De eerste werkdag" -> "de-eerste-werkdag", with -2, -3 … when
    that id is taken (by a built-in assignment or another own one)."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:SLUG_MAX].strip("-") or "opdracht"
    candidate, number = base, 1
    while catalogue.builtin(candidate) is not None or OwnAssignment.by_slug(candidate) is not None:
        number += 1
        candidate = f"{base}-{number}"[:ASSIGNMENT_ID_LENGTH]
    return candidate


def with_id(assignment: Assignment, slug: str) -> Assignment:
    return dataclasses.replace(assignment, id=slug, source=None)


def hand_in_count(slug: str) -> int:
    return db.session.scalar(select(func.count(Attempt.id)).where(Attempt.assignment_id == slug)) or 0
