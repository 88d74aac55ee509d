"""No lost work when the session expired: builder fields posted without a login or without a
valid CSRF token are stashed server-side and put into the draft after the student logs in again.

Every builder form carries a signed `draft_key` (user id + assignment id, valid for two weeks).
A post is only stashed when that key is valid, and a stash is only restored for the user named
in it. So another site cannot write into a student's draft by posting a form for them: it
cannot know the key, just as it cannot know the CSRF token.
"""
from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from flask import Response, current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import delete, func, select
from werkzeug.datastructures import MultiDict

from assignments import get_assignment

from ..extensions import db
from ..models import Draft, PendingSave, User
from ..models.accounts import utcnow
from . import conflicts, drafts
from .forms import STEP_FORMS, field_errors

COOKIE = "klantreislab_bewaard"
LIFETIME = timedelta(days=1)
KEY_MAX_AGE = int(timedelta(days=14).total_seconds())
MAX_BYTES = 256_000  # of the stashed fields, as JSON
MAX_PER_TOKEN = 12
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
_SKIPPED = {"csrf_token", "action", "draft_key"}


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="klantreislab.builder.draft-key")


def draft_key(user_id: int, assignment_id: str) -> str:
    return _serializer().dumps([user_id, assignment_id])


def read_draft_key(raw: str | None, assignment_id: str) -> int | None:
    """The user id in a valid key for this assignment, or None."""
    if not raw or len(raw) > 300:
        return None
    try:
        value = _serializer().loads(raw, max_age=KEY_MAX_AGE)
    except BadSignature:
        return None
    if (not isinstance(value, list) or len(value) != 2 or not isinstance(value[0], int)
            or value[1] != assignment_id):
        return None
    return value[0]


def _same_origin() -> bool:
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    parts = urlsplit(origin)
    return f"{parts.scheme}://{parts.netloc}" == request.host_url.rstrip("/")


def cookie_token() -> str | None:
    token = request.cookies.get(COOKIE)
    return token if token and _TOKEN_RE.match(token) else None


def stash_post(assignment_id: str, step: str) -> PendingSave | None:
    """Keep the posted builder fields of this request for a day. None when they cannot be kept."""
    user_id = read_draft_key(request.form.get("draft_key"), assignment_id)
    if user_id is None or not _same_origin() or db.session.get(User, user_id) is None:
        return None
    pairs = [[name, value] for name, value in request.form.items(multi=True) if name not in _SKIPPED]
    payload = json.dumps(pairs, ensure_ascii=False, separators=(",", ":"))
    if len(payload.encode("utf-8")) > MAX_BYTES:
        return None
    now = utcnow()
    db.session.execute(delete(PendingSave).where(PendingSave.expires_at < now))
    token = cookie_token() or secrets.token_urlsafe(32)
    db.session.execute(delete(PendingSave).where(
        PendingSave.token == token, PendingSave.assignment_id == assignment_id, PendingSave.step == step))
    count = db.session.scalar(select(func.count()).select_from(PendingSave).where(PendingSave.token == token))
    if count >= MAX_PER_TOKEN:
        db.session.rollback()
        return None
    row = PendingSave(token=token, user_id=user_id, assignment_id=assignment_id, step=step,
                      fields=payload, created_at=now, expires_at=now + LIFETIME)
    db.session.add(row)
    db.session.commit()
    return row


def remember(response: Response, row: PendingSave) -> Response:
    response.set_cookie(
        COOKIE, row.token, max_age=int(LIFETIME.total_seconds()), httponly=True, samesite="Lax",
        secure=request.is_secure, path="/",
    )
    return response


@dataclass
class Restored:
    assignment_id: str
    step: str
    stale: bool  # not saved: another tab or device changed the draft; it is a conflict now
    needs_fixing: bool  # some fields were wrong: the step page shows them with the message


def restore_for(user: User) -> tuple[list[Restored], bool]:
    """Put this browser's stashed fields of `user` into the drafts.

    Returns what was restored, and whether the cookie can go (nothing left for anyone else).
    """
    token = cookie_token()
    if token is None:
        return [], True
    now = utcnow()
    rows = list(db.session.scalars(
        select(PendingSave).where(PendingSave.token == token).order_by(PendingSave.created_at, PendingSave.id)))
    restored: list[Restored] = []
    others = False
    for row in rows:
        if row.is_expired(now):
            db.session.delete(row)
            continue
        if row.user_id != user.id:
            others = True
            continue
        step, assignment = row.step, get_assignment(row.assignment_id)
        form_class = STEP_FORMS.get(step)
        if assignment is None or form_class is None:
            db.session.delete(row)
            continue
        form = form_class(formdata=MultiDict(row.pairs), meta={"csrf": False})
        form.validate()
        needs_fixing = bool(field_errors(form))
        draft = Draft.find(user.id, assignment.id)
        merged = drafts.merge(drafts.draft_data(draft, assignment), step, form)
        result = drafts.save(user, assignment, merged, step=step,
                             loaded_version=drafts.parse_version(form.version.data))
        if result.conflict:  # the draft changed elsewhere meanwhile: the student chooses
            conflicts.adopt(row)
            restored.append(Restored(assignment.id, step, True, False))
            continue
        if needs_fixing:
            row.token = None  # claimed: shown once more on its step page, with the messages
        else:
            db.session.delete(row)
        restored.append(Restored(assignment.id, step, result.stale, needs_fixing))
    db.session.commit()
    return restored, not others


def claimed(user: User, assignment_id: str, step: str) -> PendingSave | None:
    """A restored stash with wrong fields, waiting to be shown on its step page."""
    row = db.session.scalar(select(PendingSave).where(
        PendingSave.token.is_(None), PendingSave.user_id == user.id,
        PendingSave.assignment_id == assignment_id, PendingSave.step == step,
    ).order_by(PendingSave.id.desc()))
    if row is not None and row.is_expired():
        db.session.delete(row)
        db.session.commit()
        return None
    return row
