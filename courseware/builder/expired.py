"""Builder posts that arrive without a valid session (logged out, or an expired CSRF token): the
posted fields are stashed and the answer says that nothing is lost; after the next login the
stashed changes are restored. `create_app` registers the app-wide parts (courseware.initialization).
"""
from __future__ import annotations

from flask import after_this_request, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_url
from flask_wtf.csrf import CSRFError

from .. import catalogue
from ..extensions import login_manager
from . import stash, store
from .steps import STEPS, step_url

STASHABLE = ("builder.step", "builder.autosave")


def stash_response(logged_in: bool):
    """Stash the posted builder fields of this request; answer so that nothing looks lost."""
    args = request.view_args or {}
    assignment_id, step = args.get("assignment_id", ""), args.get("step", "")
    row = None
    if catalogue.get_assignment(assignment_id) is not None and step in STEPS:
        row = stash.stash_post(assignment_id, step)
    if request.endpoint == "builder.autosave":
        if row is None:
            message = _("Opslaan lukte niet. Laad de pagina opnieuw.")
        elif logged_in:
            message = _("Je sessie is verlopen. Laad de pagina opnieuw; je laatste wijzigingen zijn bewaard.")
        else:
            message = _("Je bent niet meer ingelogd. Log opnieuw in; je laatste wijzigingen zijn bewaard.")
        response = jsonify({"ok": False, "login": not logged_in, "stashed": row is not None, "message": message})
        response.status_code = 400 if logged_in else 401
    elif logged_in:
        if row is None:
            flash(_("Je sessie was verlopen. Je laatste wijzigingen konden niet worden bewaard. "
                    "Probeer het nog een keer."), "error")
        assignment = catalogue.get_assignment(assignment_id)
        response = redirect(step_url(assignment, step) if assignment is not None and step in STEPS
                            else url_for("assignments.index"))
    elif row is not None:
        flash(_("Log opnieuw in. Je laatste wijzigingen zijn bewaard en komen daarna terug."), "info")
        response = redirect(login_url(login_manager.login_view,
                                      next_url=step_url(catalogue.get_assignment(assignment_id), step)))
    else:
        response = login_manager.unauthorized()
    if row is not None:
        stash.remember(response, row)
    return response


def csrf_error(error: CSRFError):
    """The site's answer to a missing or expired CSRF token: builder posts are stashed."""
    if request.blueprint == "builder" and request.endpoint in STASHABLE:
        return stash_response(logged_in=current_user.is_authenticated)
    return render_template("builder/session_expired.html"), 400


def restore_stashed_changes():
    """Before every request: changes stashed while logged out come back once the student is in."""
    if request.endpoint == "static" or stash.cookie_token() is None or not current_user.is_authenticated:
        return None
    restored, done = stash.restore_for(current_user)
    if restored:
        flash(_("We hebben je laatste wijzigingen bewaard."), "success")
        if any(item.stale for item in restored):
            flash(store.conflict_message(), "warning")
        if any(item.needs_fixing for item in restored):
            flash(_("Een paar velden moet je nog verbeteren. Je ziet ze als je die stap opent."), "warning")
    if done:
        @after_this_request
        def _forget(response):
            response.delete_cookie(stash.COOKIE, path="/")
            return response
    return None
