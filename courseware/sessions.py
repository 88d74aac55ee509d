"""Sessions that really end (ASVS 3.3.1, 3.3.3).

The session is a signed cookie, so the server cannot delete it. Instead every user has a session
generation in the database, and the session holds "<user id>:<generation>" (Flask-Login's
alternative id: `User.get_id`). The user loader accepts a session only while its generation is
the user's generation now. Bumping the generation (`User.end_sessions`) ends every session of
that user at their next request:

- "Uitloggen" and "Overal uitloggen" (courseware.auth.routes),
- a new password, set by the student, a teacher or an admin (`User.set_password`; the student
  who changed it stays logged in in the session they changed it from),
- deactivating or deleting an account (deleting removes the user; the loader then finds nobody).

It costs nothing extra per request: the loader loads the user by primary key, as before, and
compares one column of that row.
"""
from __future__ import annotations

from flask import Flask, Response, request
from flask_login import current_user
from sqlalchemy import bindparam, select

from .extensions import db, login_manager
from .models import User


def parse_session_id(value: str) -> tuple[int, int] | None:
    """(user id, generation) from "<id>:<generation>" or "<id>" (generation 0); None if malformed."""
    user_id, _sep, generation = value.partition(":")
    if not (user_id.isdecimal() and len(user_id) <= 18):
        return None
    if not generation:
        return int(user_id), 0
    if not (generation.isdecimal() and len(generation) <= 18):
        return None
    return int(user_id), int(generation)


def load_user(session_id: str):
    """Flask-Login's user loader: the user, if the session's generation is still theirs."""
    parsed = parse_session_id(session_id or "")
    if parsed is None:
        return None
    user_id, generation = parsed
    user = db.session.scalar(_USER, {"user_id": user_id})
    if user is None or (user.session_generation or 0) != generation or not user.is_active:
        return None
    return user


# Every request of a logged-in user runs it: built once, with a bound parameter, instead of
# db.session.get (see docs/performance.md, "Step page CPU").
_USER = select(User).where(User.id == bindparam("user_id"))


def _no_store_when_logged_in(response: Response) -> Response:
    """Pages of a logged-in user are never kept by the browser or a proxy: on a shared school
    computer the back button must not show the previous user's pages (ASVS 8.2.1)."""
    if request.endpoint != "static" and current_user.is_authenticated:
        response.headers["Cache-Control"] = "no-store"
        response.headers.pop("Expires", None)
    return response


def init_app(app: Flask) -> None:
    login_manager.user_loader(load_user)
    app.after_request(_no_store_when_logged_in)
