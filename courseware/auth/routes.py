"""Logging in and out, joining a class with its join code, changing your own password,
downloading all your own data (AVG)."""
from __future__ import annotations

from functools import cache

from flask import current_app, flash, g, make_response, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from ..access import user_required
from ..account_data import export_json
from ..extensions import db
from ..models import Role, User
from ..security import limiter, login_username_key
from . import bp
from .forms import ChangePasswordForm, LoginForm, RegisterForm, find_user, normalise_join_code
from .next_url import safe_next_url


@cache
def _dummy_hash() -> str:
    """A hash to check against for unknown usernames, so they take as long as a wrong password."""
    return generate_password_hash("no user has this password")


def _start_session(user: User) -> None:
    """Log `user` in on a fresh session: nothing from before the login is carried over."""
    session.clear()
    login_user(user)


def _failed_login(response) -> bool:
    """Only failed tries count towards the throttle: a login that worked redirects."""
    return response.status_code == 200


@bp.route("/inloggen", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"], methods=["POST"],
               deduct_when=_failed_login, scope="login-address")
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_USERNAME"], methods=["POST"],
               key_func=login_username_key, deduct_when=_failed_login, scope="login-username")
def login():
    if current_user.is_authenticated:
        return redirect(safe_next_url(request.args.get("next")) or url_for("main.index"))
    form = LoginForm()
    if request.method == "GET":
        form.next.data = safe_next_url(request.args.get("next")) or ""
    failed = deactivated = False
    if form.validate_on_submit():
        user = find_user(form.username.data)
        # One password check per try (scrypt, about 150 ms of CPU): also for an unknown username,
        # so that takes as long as a wrong password.
        if user is None:
            check_password_hash(_dummy_hash(), form.password.data)
        elif user.check_password(form.password.data):
            if not user.is_active:
                deactivated = True  # only told to someone who knows the password
            else:
                target = safe_next_url(form.next.data)
                _start_session(user)
                flash(_("Welkom, %(name)s!", name=user.display_name), "success")
                return redirect(target or url_for("main.index"))
        failed = not deactivated
    return render_template("auth/login.html", form=form, failed=failed, deactivated=deactivated)


def _wrong_join_code(response) -> bool:
    """Only posts with a wrong join code count towards the registration throttle."""
    return bool(g.get("wrong_join_code"))


@bp.route("/registreren", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["REGISTER_LIMIT_PER_ADDRESS"], methods=["POST"],
               deduct_when=_wrong_join_code, scope="register-address")
def register():
    if current_user.is_authenticated:
        flash(_("Je bent al ingelogd. Log eerst uit als je een nieuw account wilt maken."), "info")
        return redirect(url_for("main.index"))
    form = RegisterForm()
    if request.method == "GET" and request.args.get("code"):
        form.join_code.data = normalise_join_code(request.args["code"])[:20]
    valid = form.validate_on_submit()
    g.wrong_join_code = request.method == "POST" and form.school_class is None
    if valid:
        user = User(username=form.username.data.lower(), display_name=form.display_name.data,
                    role=Role.STUDENT, school_class=form.school_class)
        user.set_password(form.password.data)
        db.session.add(user)
        try:
            db.session.commit()
        except IntegrityError:  # someone took the same username a moment ago
            db.session.rollback()
            form.username.errors.append(_("Deze gebruikersnaam is al bezet. Kies een andere."))
            return render_template("auth/register.html", form=form)
        _start_session(user)
        flash(_("Welkom, %(name)s! Je zit nu in klas %(klas)s.",
                name=user.display_name, klas=user.school_class.name), "success")
        return redirect(url_for("main.index"))
    return render_template("auth/register.html", form=form)


@bp.route("/wachtwoord", methods=["GET", "POST"])
@user_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current.data):
            form.current.errors.append(_("Dit is niet je wachtwoord van nu."))
        else:
            current_user.set_password(form.password.data)  # ends every other session of this user
            db.session.commit()
            login_user(current_user._get_current_object())  # this session goes on, on the new generation
            flash(_("Je nieuwe wachtwoord is opgeslagen. Op andere apparaten ben je nu uitgelogd."), "success")
            return redirect(url_for("main.index"))
    return render_template("auth/change_password.html", form=form)


def _end_sessions() -> None:
    """End the current user's sessions on the server: a copied cookie no longer works either."""
    if current_user.is_authenticated:
        current_user.end_sessions()
        db.session.commit()
    logout_user()
    session.clear()


@bp.post("/uitloggen")
def logout():
    # The generation is per user, so this also ends the user's sessions on other devices.
    _end_sessions()
    flash(_("Je bent uitgelogd. Tot de volgende keer!"), "info")
    return redirect(url_for("main.index"))


@bp.post("/overal-uitloggen")
@user_required
def logout_everywhere():
    _end_sessions()
    flash(_("Je bent nu overal uitgelogd, ook op andere computers en telefoons."), "info")
    return redirect(url_for("main.index"))


@bp.get("/mijn-gegevens")
@user_required
def my_data():
    """All data the site keeps about the logged-in user, as a JSON download (only their own)."""
    response = make_response(export_json(current_user))
    response.mimetype = "application/json"
    response.charset = "utf-8"
    response.headers["Content-Disposition"] = 'attachment; filename="mijn-gegevens-klantreislab.json"'
    response.headers["Cache-Control"] = "no-store"
    return response
