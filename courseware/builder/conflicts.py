"""Two tabs or two devices saving the same draft: the later save never silently wins.

A save from a form that was loaded from an older draft version (and would change the draft) is
not stored. Its fields are kept server-side as a PendingSave row with a `conflict:` token (a
cookie token can never look like that, so the expired-session stash never picks it up), one per
student, assignment and step. The conflict page shows what is saved now next to what was typed,
and the student chooses: keep the new version, or keep the saved one. In a group the other
version may be a classmate's: the page names who saved it (Draft.saved_by) and when.
"""
from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import delete, select
from werkzeug.datastructures import MultiDict

from assignments import Assignment
from grader import EMPATHY_LABELS

from .. import groups
from ..extensions import db
from ..models import Draft, PendingSave, User
from ..models.accounts import utcnow
from . import form_mapping, journey_data, store
from .forms import SOURCE_CHOICES, STEP_FORMS, StepForm, field_errors
from .steps import STAGE_CHOICES

TOKEN_PREFIX = "conflict:"
LIFETIME = timedelta(days=14)
_SKIPPED = {"csrf_token", "action", "draft_key"}


def is_conflict():
    return PendingSave.token.startswith(TOKEN_PREFIX, autoescape=True)


def _new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(24)


def keep(user_id: int, assignment_id: str, step: str, posted: Iterable[tuple[str, str]]) -> PendingSave:
    """Keep the typed fields of a stale save (the newest replaces an older one). Commits."""
    pairs = [[name, value] for name, value in posted if name not in _SKIPPED]
    now = utcnow()
    _forget(user_id, assignment_id, step)
    row = PendingSave(token=_new_token(), user_id=user_id, assignment_id=assignment_id, step=step,
                      fields=json.dumps(pairs, ensure_ascii=False, separators=(",", ":")),
                      created_at=now, expires_at=now + LIFETIME)
    db.session.add(row)
    db.session.commit()
    return row


def adopt(row: PendingSave) -> PendingSave:
    """Turn a stashed save (expired session) that turned out stale into a conflict. No commit."""
    _forget(row.user_id, row.assignment_id, row.step, but=row.id)
    now = utcnow()
    row.token = _new_token()
    row.created_at = now
    row.expires_at = now + LIFETIME
    return row


def _forget(user_id: int, assignment_id: str, step: str, but: int | None = None) -> None:
    query = delete(PendingSave).where(
        is_conflict(), PendingSave.user_id == user_id, PendingSave.assignment_id == assignment_id,
        PendingSave.step == step)
    if but is not None:
        query = query.where(PendingSave.id != but)
    db.session.execute(query)


def pending(user_id: int, assignment_id: str, step: str) -> PendingSave | None:
    """The student's open conflict on this step, if any (expired ones are dropped)."""
    row = db.session.scalar(select(PendingSave).where(
        is_conflict(), PendingSave.user_id == user_id, PendingSave.assignment_id == assignment_id,
        PendingSave.step == step,
    ).order_by(PendingSave.id.desc()))
    if row is not None and row.is_expired():
        db.session.delete(row)
        db.session.commit()
        return None
    return row


def pending_steps(user_id: int, assignment_id: str) -> list[str]:
    """The steps of this assignment with an open conflict, oldest first."""
    return open_steps(db.session.scalars(select(PendingSave).where(
        is_conflict(), PendingSave.user_id == user_id, PendingSave.assignment_id == assignment_id,
    ).order_by(PendingSave.id)))


def open_steps(rows: Iterable[PendingSave]) -> list[str]:
    """The steps of these conflict rows (oldest first) whose conflict is still open (not expired)."""
    now = utcnow()
    return list(dict.fromkeys(row.step for row in rows if not row.is_expired(now)))


def typed_form(row: PendingSave) -> StepForm:
    """The kept fields as the step's form, checked."""
    form = STEP_FORMS[row.step](formdata=MultiDict(row.pairs), meta={"csrf": False})
    form.validate()
    return form


@dataclass
class Comparison:
    draft: Draft | None
    saved: dict[str, Any]  # the draft as it is saved now
    mine: dict[str, Any]  # the draft with what was typed
    rows: list[Row]
    needs_fixing: bool  # some typed fields were wrong; they come back on the step page


@dataclass
class Row:
    label: str
    saved: str
    mine: str

    @property
    def differs(self) -> bool:
        return self.saved != self.mine


def _draft(row: PendingSave, assignment: Assignment) -> Draft | None:
    """The draft the conflict is about: the one the student works on (their group's, or their own)."""
    user = db.session.get(User, row.user_id)
    return groups.draft_for(user, assignment.id) if user is not None else None


def compare(row: PendingSave, assignment: Assignment) -> Comparison:
    draft = _draft(row, assignment)
    saved = journey_data.draft_data(draft, assignment)
    form = typed_form(row)
    mine = form_mapping.merge(saved, row.step, form)
    return Comparison(draft, saved, mine, _rows(saved, mine, row.step), bool(field_errors(form)))


def resolve_mine(row: PendingSave, assignment: Assignment, shown_version: int | None, user) -> store.SaveResult:
    """Store what was typed over the draft, if the draft is still the version the student saw.

    On success the row is gone, or (some fields wrong) claimed so the step page shows them with
    their messages. On a new conflict (the draft changed again) the row stays. Commits.
    """
    if shown_version is None:
        return store.SaveResult(_draft(row, assignment), stale=True, saved=False)
    form = typed_form(row)
    draft = _draft(row, assignment)
    merged = form_mapping.merge(journey_data.draft_data(draft, assignment), row.step, form)
    result = store.save(user, assignment, merged, step=row.step, loaded_version=shown_version)
    if result.conflict:
        return result
    if field_errors(form):
        row.token = None  # claimed: shown once more on its step page (see stash.kept)
    else:
        db.session.delete(row)
    db.session.commit()
    return result


def discard(row: PendingSave) -> None:
    db.session.delete(row)
    db.session.commit()


# --------------------------------------------------------------------------- what the page shows


def _rows(saved: dict[str, Any], mine: dict[str, Any], step: str) -> list[Row]:
    left, right = _step_rows(saved, step), _step_rows(mine, step)
    labels = list(dict.fromkeys([label for label, _v in left] + [label for label, _v in right]))
    a, b = dict(left), dict(right)
    return [Row(label, a.get(label, ""), b.get(label, "")) for label in labels]


def _stage(stage: str | None) -> str:
    return str(dict(STAGE_CHOICES).get(stage or "", ""))


def _emotion(value: int | None) -> str:
    return "" if value is None else str(value)


def _source(source: str | None) -> str:
    return str(dict(SOURCE_CHOICES).get(source or "", "")) if source else ""


def _step_rows(data: dict[str, Any], step: str) -> list[tuple[str, str]]:
    """The fields of one step as (label, text) pairs, in page order."""
    rows: list[tuple[str, str]] = []
    if step == "persona":
        p = data["persona"]
        rows += [
            (_("Naam"), p["name"]), (_("Leeftijd"), "" if p["age"] is None else str(p["age"])),
            (_("Wie is het?"), p["description"]), (_("Doelen"), "\n".join(p["goals"])),
            (_("Frustraties"), "\n".join(p["frustrations"])), (_("Citaat"), p["quote"]),
        ]
        rows += [(_("Empathiekaart: %(part)s", part=label), "\n".join(p["empathy_map"][key]))
                 for key, label in EMPATHY_LABELS.items()]
    elif step == "trigger":
        rows.append((_("Trigger"), data["trigger"]))
    elif step == "phases":
        for i, phase in enumerate(data["phases"], start=1):
            rows += [
                (_("Fase %(n)d: naam", n=i), phase["name"]),
                (_("Fase %(n)d: soort fase", n=i), _stage(phase["stage"])),
                (_("Fase %(n)d: beschrijving", n=i), phase["description"]),
            ]
    elif step == "touchpoints":
        for i, phase in enumerate(data["phases"], start=1):
            for j, tp in enumerate(phase["touchpoints"], start=1):
                for key, label in (("name", _("naam")), ("channel", _("kanaal")),
                                   ("description", _("wat gebeurt er")), ("emotion", _("gevoel")),
                                   ("pain", _("pijnpunt")), ("gain", _("pluspunt")), ("service", _("service")),
                                   ("source", _("bron"))):
                    value = _emotion(tp[key]) if key == "emotion" else _source(tp[key]) if key == "source" else tp[key]
                    rows.append((_("Fase %(n)d, contactmoment %(m)d: %(field)s", n=i, m=j, field=label), value))
    elif step == "moments":
        for i, phase in enumerate(data["phases"], start=1):
            for j, tp in enumerate(phase["touchpoints"], start=1):
                rows.append((_("Fase %(n)d, contactmoment %(m)d: moment van de waarheid", n=i, m=j),
                             _("ja") if tp["moment_of_truth"] else _("nee")))
                rows.append((_("Fase %(n)d, contactmoment %(m)d: waarom", n=i, m=j), tp["moment_of_truth_reason"]))
    elif step == "improve":
        for i, phase in enumerate(data["phases"], start=1):
            for j, tp in enumerate(phase["touchpoints"], start=1):
                rows.append((_("Fase %(n)d, contactmoment %(m)d: gewenste situatie", n=i, m=j),
                             tp["desired_situation"]))
                rows.append((_("Fase %(n)d, contactmoment %(m)d: gewenst gevoel", n=i, m=j),
                             _emotion(tp["desired_emotion"])))
    return rows
