"""No lost work when the session expired: builder fields posted without a login or without a
valid CSRF token are stashed server-side and put into the draft after the student logs in again.

Every builder form carries a signed `draft_key`: user id, assignment id, the user's session
generation (courseware.sessions) and a hash of this browser's id, valid for two weeks. A post is
only stashed when that key is valid, when it comes with the browser cookie the key names (set by
the builder's step page, httponly), and while the generation is still the user's: so the key dies
at logout or a new password, and a client without the student's cookies cannot use a key it read
from a page. A stash is only restored for the user named in it, in the browser that stashed it.
Stashing is limited per address (STASH_LIMIT_PER_ADDRESS), per draft (MAX_PER_DRAFT) and in
total size (TOTAL_MAX_BYTES), so it cannot be used to fill the database.
"""
from __future__ import annotations

import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from flask import Response, after_this_request, current_app, g, request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from limits import parse
from sqlalchemy import bindparam, delete, func, or_, select
from werkzeug.datastructures import MultiDict

from .. import catalogue, groups
from ..errors import MAX_ID
from ..extensions import db
from ..models import PendingSave, User
from ..models.accounts import utcnow
from ..security import client_address, limiter
from . import conflicts, form_mapping, journey_data, store
from .forms import STEP_FORMS, field_errors

COOKIE = "klantreislab_bewaard"
BROWSER_COOKIE = "klantreislab_browser"  # this browser's id, named (hashed) in its draft keys
LIFETIME = timedelta(days=1)
KEY_MAX_AGE = int(timedelta(days=14).total_seconds())
MAX_BYTES = 256_000  # of the stashed fields, as JSON
MAX_PER_TOKEN = 12
MAX_PER_DRAFT = 12  # two browsers' worth of the builder's steps
TOTAL_MAX_BYTES = 50_000_000  # all stashes together: beyond this, nothing more is stashed
STASH_LIMIT_PER_ADDRESS = "30 per minute"  # a class behind one school address, all timing out at once
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
_SKIPPED = {"csrf_token", "action", "draft_key"}


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="klantreislab.builder.draft-key")


def _browser_hash(browser_id: str) -> str:
    return hashlib.sha256(browser_id.encode("ascii")).hexdigest()[:32]


def browser_id() -> str:
    """This browser's id from its cookie; a new one (set on the response) when it has none."""
    current = request.cookies.get(BROWSER_COOKIE)
    if current and _TOKEN_RE.match(current):
        return current
    if "stash_browser_id" not in g:
        g.stash_browser_id = secrets.token_urlsafe(32)

        @after_this_request
        def _set_browser_cookie(response: Response) -> Response:
            response.set_cookie(BROWSER_COOKIE, g.stash_browser_id, max_age=KEY_MAX_AGE, httponly=True,
                                samesite="Lax", secure=request.is_secure, path="/")
            return response
    return g.stash_browser_id


def draft_key(user: User, assignment_id: str) -> str:
    return _serializer().dumps([user.id, assignment_id, user.session_generation or 0, _browser_hash(browser_id())])


def read_draft_key(raw: str | None, assignment_id: str) -> User | None:
    """The user of a valid key for this assignment, posted from the browser the key was made for,
    while the key's session generation is still the user's. None otherwise."""
    if not raw or len(raw) > 400:
        return None
    try:
        value = _serializer().loads(raw, max_age=KEY_MAX_AGE)
    except BadSignature:
        return None
    if (not isinstance(value, list) or len(value) != 4 or not isinstance(value[0], int)
            or value[1] != assignment_id or not isinstance(value[2], int) or not isinstance(value[3], str)):
        return None
    browser = request.cookies.get(BROWSER_COOKIE)
    if not browser or not _TOKEN_RE.match(browser) or not secrets.compare_digest(_browser_hash(browser), value[3]):
        return None
    if not 0 < value[0] <= MAX_ID:
        return None
    user = db.session.get(User, value[0])
    if user is None or (user.session_generation or 0) != value[2]:
        return None
    return user


def _within_address_limit() -> bool:
    """One more stash from this address is allowed (Flask-Limiter's storage; off when the limits are)."""
    if not current_app.config.get("RATELIMIT_ENABLED"):
        return True
    try:
        return limiter.limiter.hit(parse(STASH_LIMIT_PER_ADDRESS), "stash-address", client_address())
    except Exception:  # the limit's storage (Redis) is down: stash anyway, as logins go on too
        current_app.logger.exception("stash rate limit not checked")
        return True


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
    if not _same_origin():
        return None
    user = read_draft_key(request.form.get("draft_key"), assignment_id)
    if user is None:
        return None
    pairs = [[name, value] for name, value in request.form.items(multi=True) if name not in _SKIPPED]
    payload = json.dumps(pairs, ensure_ascii=False, separators=(",", ":"))
    size = len(payload.encode("utf-8"))
    if size > MAX_BYTES or not _within_address_limit():
        return None
    now = utcnow()
    db.session.execute(delete(PendingSave).where(PendingSave.expires_at < now))
    token = cookie_token() or secrets.token_urlsafe(32)
    db.session.execute(delete(PendingSave).where(
        PendingSave.token == token, PendingSave.assignment_id == assignment_id, PendingSave.step == step))
    count = db.session.scalar(select(func.count()).select_from(PendingSave).where(PendingSave.token == token))
    per_draft = db.session.scalar(select(func.count()).select_from(PendingSave).where(
        PendingSave.user_id == user.id, PendingSave.assignment_id == assignment_id))
    total = db.session.scalar(select(func.coalesce(func.sum(func.length(PendingSave.fields)), 0)))
    if count >= MAX_PER_TOKEN or per_draft >= MAX_PER_DRAFT or total + size > TOTAL_MAX_BYTES:
        db.session.rollback()
        return None
    row = PendingSave(token=token, user_id=user.id, assignment_id=assignment_id, step=step,
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
        step, assignment = row.step, catalogue.get_assignment(row.assignment_id)
        form_class = STEP_FORMS.get(step)
        if assignment is None or form_class is None:
            db.session.delete(row)
            continue
        form = form_class(formdata=MultiDict(row.pairs), meta={"csrf": False})
        form.validate()
        needs_fixing = bool(field_errors(form))
        draft = groups.draft_for(user, assignment.id)
        merged = form_mapping.merge(journey_data.draft_data(draft, assignment), step, form)
        result = store.save(user, assignment, merged, step=step,
                             loaded_version=store.parse_version(form.version.data))
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


@dataclass
class Kept:
    """What a step page shows of the student's kept typing for the assignment (`kept`)."""

    claimed: PendingSave | None  # a restored stash with wrong fields, waiting to be shown on this step
    conflict_steps: list[str]  # the steps with an open conflict (conflicts.pending_steps), oldest first


def kept(user: User, assignment_id: str, step: str) -> Kept:
    """The kept typing the page of `step` shows, in one query: the newest claimed row of this step
    (dropped when it expired) and the steps with an open conflict."""
    rows = list(db.session.scalars(_KEPT, {"user_id": user.id, "assignment_id": assignment_id, "step": step}))
    claimed = next((row for row in reversed(rows) if row.token is None), None)
    if claimed is not None and claimed.is_expired():
        db.session.delete(claimed)
        db.session.commit()
        claimed = None
    return Kept(claimed, conflicts.open_steps(row for row in rows if row.token is not None))


_KEPT = select(PendingSave).where(  # built once, with bound parameters: see docs/performance.md, "Step page CPU"
    PendingSave.user_id == bindparam("user_id"), PendingSave.assignment_id == bindparam("assignment_id"),
    or_(PendingSave.token.is_(None) & (PendingSave.step == bindparam("step")), conflicts.is_conflict()),
).order_by(PendingSave.id)
