"""The save use case of a builder step: what the step page's POST and the autosave both do.

The posted form is merged into the stored draft, a structural button (add, remove, move, undo) is
applied through courseware.builder.actions, and the result is stored with the version check of
courseware.builder.store. The caller only turns the outcome into a page or a JSON answer.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from assignments import Assignment

from .. import groups
from ..models import Draft, User
from . import actions, conflicts, form_mapping, store
from .forms import StepForm, field_errors
from .journey_data import draft_data
from .steps import SAVE, Action

SAVED = "saved"
UNPLACED = "unplaced"  # fields for phases or touchpoints the draft does not have: nothing stored
OUTDATED = "outdated"  # a button on an older version, nothing typed: nothing stored
CONFLICT = "conflict"  # another tab or device saved in between: the typed fields are kept


@dataclass
class StepSave:
    status: str
    draft: Draft | None
    errors: dict[str, Any] = field(default_factory=dict)
    outcome: actions.ActionResult | None = None
    merged: dict[str, Any] | None = None  # the data the action was applied to (the stored draft plus the post)


def save_step(user: User, assignment: Assignment, step: str, form: StepForm, *, action: Action = SAVE,
              target: str | None = None, posted: Iterable[tuple[str, str]] = ()) -> StepSave:
    """Save the validated `form` of `step`, apply `action`, and move the draft on to `target`.

    With field errors the valid fields are still saved, but no button is applied and the draft
    stays on `step`. `posted` is the raw post, kept for the conflict page when the save is stale.
    """
    draft = groups.draft_for(user, assignment.id)  # a group's shared draft, or the student's own
    data = draft_data(draft, assignment)
    merged = form_mapping.merge(data, step, form)
    errors = field_errors(form)
    loaded_version = store.parse_version(form.version.data)
    stale = draft is not None and loaded_version not in (None, draft.version)
    if form_mapping.unplaced(data, step, form) and (not stale or merged == data):
        return StepSave(UNPLACED, draft, errors)
    if action.is_structural and stale and merged == data:
        # A button (remove, move) on an older version could hit another phase than the student sees.
        return StepSave(OUTDATED, draft, errors)
    outcome = actions.ActionResult(merged)
    if not errors and action.is_structural:
        outcome = actions.apply_action(merged, action)
    result = store.save(user, assignment, outcome.data, step=step if errors else (target or step),
                        loaded_version=loaded_version)
    if result.conflict:
        conflicts.keep(user.id, assignment.id, step, posted)
        return StepSave(CONFLICT, result.draft, errors, outcome, merged)
    return StepSave(SAVED, result.draft, errors, outcome, merged)
