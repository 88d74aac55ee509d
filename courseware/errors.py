"""No English Werkzeug pages and no 500 for input: the site's own error pages, logged errors, and
URL ids that cannot overflow the database.

- `int` in a URL rule accepts at most MAX_ID (2^31 - 1: the id columns are INTEGER, 32 bits on
  PostgreSQL): a larger id is a 404, like any id that does not exist (SQLite raised OverflowError
  beyond 2^63, PostgreSQL "integer out of range" beyond 2^31).
- 500: a Dutch page in the site's layout with a request id; the error is logged with that id
  and the traceback. The page says nothing was lost when the request saved nothing (GET, HEAD).
- 503: the database cannot be reached (restarting, locked, read-only): a Dutch page that says
  the last change may not be saved and to try again in a moment. JSON for the builder's autosave,
  so that it never says "saved".
"""
from __future__ import annotations

import contextlib
import re
import secrets

from flask import Flask, current_app, g, jsonify, render_template, request
from flask_babel import gettext as _
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from werkzeug.exceptions import InternalServerError
from werkzeug.routing import IntegerConverter, ValidationError

from .extensions import db, login_manager

MAX_ID = 2**31 - 1  # the ids are INTEGER columns: 32 bits on PostgreSQL (SQLite would take 64)
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{6,64}$")
JSON_ENDPOINTS = {"builder.autosave"}
RETRY_AFTER_SECONDS = 10


class BoundedIntConverter(IntegerConverter):
    """`<int:...>` with 0 <= id <= MAX_ID; anything else does not match (404)."""

    def __init__(self, url_map, fixed_digits: int = 0, min: int | None = None,
                 max: int | None = MAX_ID, signed: bool = False) -> None:
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)

    def to_python(self, value: str) -> int:
        if len(value) > len(str(MAX_ID)):  # also keeps int() far from Python's int-string limit
            raise ValidationError()
        return super().to_python(value)


def request_id() -> str:
    """This request's id: the reverse proxy's X-Request-Id when it sent a sane one, else a new one."""
    if "request_id" not in g:
        sent = request.headers.get("X-Request-Id", "")
        g.request_id = sent if _REQUEST_ID.match(sent) else secrets.token_hex(6)
    return g.request_id


def _wants_json() -> bool:
    return request.endpoint in JSON_ENDPOINTS or request.accept_mimetypes.best == "application/json"


def _saves_nothing() -> bool:
    return request.method in ("GET", "HEAD", "OPTIONS")


def _rollback() -> None:
    """Forget the failed transaction. When the user could not be loaded (the database is down),
    the page is shown as to a visitor: the layout must not ask the database again."""
    user = g.get("_login_user")
    if user is not None and getattr(user, "is_authenticated", False):
        try:  # a commit expired the user: the layout must not reload it from a database that is away
            expired = "role" in sa_inspect(user).unloaded
        except Exception:
            expired = True
        if expired:
            user = None
        else:  # keep what is loaded: the rollback would expire it, and the layout reads the role
            with contextlib.suppress(Exception):
                db.session.expunge(user)
    _rollback_quietly()  # the connection may be gone as well; the pool replaces it on the next request
    if user is None:  # not loaded (perhaps because loading it failed): the page is shown as to a visitor
        g._login_user = login_manager.anonymous_user()


def _rollback_quietly() -> None:
    with contextlib.suppress(Exception):
        db.session.rollback()


def internal_error(error: InternalServerError):
    original = getattr(error, "original_exception", None) or error
    rid = request_id()
    current_app.logger.error("500 on %s %s (request %s)", request.method, request.path, rid,
                             exc_info=(type(original), original, original.__traceback__))
    _rollback()
    if _wants_json():
        response = jsonify({"ok": False, "error": True, "request_id": rid,
                            "message": _msg_500_json()})
    else:
        response = render_template("errors/500.html", request_id=rid, nothing_lost=_saves_nothing())
        response = current_app.make_response(response)
    response.status_code = 500
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Request-Id"] = rid
    return response


def database_unavailable(error: Exception):
    """The database is down or refuses to write (restart, lock, read-only file): 503, in Dutch."""
    rid = request_id()
    current_app.logger.warning("503 database unavailable on %s %s (request %s): %s",
                               request.method, request.path, rid, error.__class__.__name__)
    _rollback()
    if _wants_json():
        response = jsonify({"ok": False, "unavailable": True, "request_id": rid, "message": _msg_503_json()})
    else:
        response = current_app.make_response(
            render_template("errors/503.html", request_id=rid, nothing_lost=_saves_nothing()))
    response.status_code = 503
    response.headers["Cache-Control"] = "no-store"
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["X-Request-Id"] = rid
    return response


def _msg_500_json() -> str:
    return _("Er ging iets mis op de server. Dit is misschien niet opgeslagen. Laad de pagina opnieuw.")


def _msg_503_json() -> str:
    return _("De database is even niet bereikbaar. Wat je het laatst typte, is misschien niet opgeslagen. "
             "Probeer het over een paar seconden opnieuw.")


def init_converters(app: Flask) -> None:
    """Before the blueprints are registered: their rules look up the `int` converter."""
    app.url_map.converters["int"] = BoundedIntConverter


def init_app(app: Flask) -> None:
    init_converters(app)
    app.register_error_handler(InternalServerError, internal_error)
    # Only errors that say the database is unreachable or refuses to write; an IntegrityError is a
    # bug in the view and stays a 500.
    for unavailable in (OperationalError, InterfaceError, PoolTimeoutError):
        app.register_error_handler(unavailable, database_unavailable)
