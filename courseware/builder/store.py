"""Storing the journey data as the student's draft (or their group's shared draft, see
courseware.groups): a compare-and-swap on the draft's version."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from assignments import Assignment

from .. import groups
from ..extensions import db
from ..formatting import format_clock, format_deadline, local_zone
from ..models import Draft, User
from ..models.accounts import utcnow
from .journey_data import draft_data, normalise
from .steps import furthest


@dataclass
class SaveResult:
    draft: Draft
    # The form was loaded from an older version (another tab or device saved in between) and
    # would change the draft: nothing was written. The caller keeps the typed fields as a conflict.
    stale: bool
    saved: bool = True

    @property
    def conflict(self) -> bool:
        return self.stale and not self.saved


def parse_version(raw: Any) -> int | None:
    text = str(raw or "").strip()
    return int(text) if text.isdecimal() and len(text) < 10 else None


def save(user: User, assignment: Assignment, data: dict[str, Any], *, step: str | None,
         loaded_version: int | None) -> SaveResult:
    """Store `data` as the draft the student works on (their group's, or their own), bump the
    version, record the student as `saved_by`, and commit.

    `loaded_version` is the version the form was loaded with (None: unknown, never stale).
    A stale save that would change the draft is NOT stored: the result says `conflict`, and
    the caller lets the student choose (see courseware.builder.conflicts). A save that changes
    nothing (same data, no further step) writes nothing and keeps the version.

    The write is a compare-and-swap on the version, so two saves at the same moment cannot
    both win: the one that loses counts as stale. Group members saving at once are two tabs.
    """
    value = normalise(data, assignment)
    for _try in range(3):
        group = groups.group_of(user, assignment.id)
        draft = Draft.of_group(group.id) if group is not None else Draft.find(user.id, assignment.id)
        if draft is None:
            if loaded_version:  # loaded from a draft that is gone now: nothing to overwrite
                loaded_version = None
            draft = Draft(user_id=None if group is not None else user.id, group_id=group.id if group else None,
                          assignment_id=assignment.id, version=1, saved_by=user.id,
                          step=furthest("persona", step) if step else "persona", updated_at=utcnow())
            draft.journey_data = value
            db.session.add(draft)
            try:
                db.session.commit()
            except IntegrityError:  # another tab created it a moment ago
                db.session.rollback()
                continue
            return SaveResult(draft, stale=False)
        new_step = furthest(draft.step, step) if step else draft.step
        same = value == draft_data(draft, assignment)
        if same and new_step == draft.step:
            return SaveResult(draft, stale=False)  # nothing changed: nothing to save, nothing to warn about
        if not same and loaded_version is not None and loaded_version != draft.version:
            return SaveResult(draft, stale=True, saved=False)
        version = draft.version or 0
        written = db.session.execute(
            update(Draft).where(Draft.id == draft.id, Draft.version == version)
            .values(data=json.dumps(value, ensure_ascii=False, separators=(",", ":")), version=version + 1,
                    step=new_step, updated_at=utcnow(), saved_by=user.id)
            .execution_options(synchronize_session=False)
        ).rowcount
        db.session.commit()
        db.session.refresh(draft)
        if written:
            return SaveResult(draft, stale=False)
        if not same and loaded_version is not None:  # another save won the race: this one is stale now
            return SaveResult(draft, stale=True, saved=False)
    raise RuntimeError("the draft kept changing while saving")


def other_saver(draft: Draft | None, viewer: User) -> User | None:
    """The classmate who saved the group's draft last, when that was not `viewer` (else None)."""
    if draft is None or draft.group_id is None or draft.saved_by in (None, viewer.id):
        return None
    return draft.saver


def _when(moment: datetime) -> str:
    """"om 14:05" today, "op vrijdag 4 december om 14:05" on another day."""
    if moment.astimezone(local_zone()).date() == utcnow().astimezone(local_zone()).date():
        return _("om %(time)s", time=format_clock(moment))
    return _("op %(moment)s", moment=format_deadline(moment))


def saved_line(draft: Draft | None, viewer: User) -> str:
    """The save status under a step's title: "Opgeslagen om 14:05"; in a group, who saved it:
    "Laatst opgeslagen door Bram om 14:05" ("door jou" for the viewer). "" when nothing is saved."""
    if draft is None or draft.saved_at is None:
        return ""
    if draft.group_id is None or draft.saved_by is None:
        return _("Opgeslagen om %(time)s", time=format_clock(draft.saved_at))
    other = other_saver(draft, viewer)
    if other is None:
        return _("Laatst opgeslagen door jou %(when)s", when=_when(draft.saved_at))
    return _("Laatst opgeslagen door %(name)s %(when)s", name=other.display_name, when=_when(draft.saved_at))


def conflict_message(draft: Draft | None = None, viewer: User | None = None) -> str:
    """Why a save was not stored: another tab, or (in a group) a classmate who saved meanwhile."""
    other = other_saver(draft, viewer) if viewer is not None else None
    if other is not None:
        return _("%(name)s heeft jullie klantreis intussen veranderd (%(when)s). Wat je hier typte is nog niet "
                 "bewaard. Kies welke versie je wilt houden.", name=other.display_name, when=_when(draft.saved_at))
    return _("Je hebt deze klantreis ook in een ander tabblad of op een ander apparaat veranderd. "
             "Wat je hier typte is nog niet bewaard. Kies welke versie je wilt houden.")
