"""Accounts for staff: the first admin and teacher accounts, made from the command line
(`flask --app courseware create-admin` / `create-teacher`) or by an admin in Beheer.

One set of rules for both: a username as at registration, a display name, and a password that
keeps to courseware.passwords (or a one-time password the site makes and shows once).
"""
from __future__ import annotations

import re

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from .extensions import db
from .form_helpers import (
    DISPLAY_NAME_MAX,
    DISPLAY_NAME_MIN,
    PASSWORD_MAX,
    PASSWORD_MIN,
    USERNAME_MAX,
    USERNAME_MIN,
    USERNAME_RE,
)
from .models import Role, User
from .passwords import password_problem


class AccountProblem(ValueError):
    """Why an account cannot be made, in Dutch."""


def find_user(username: str) -> User | None:
    """The user with this username, ignoring case (also used by the login)."""
    return db.session.scalars(
        select(User).where(func.lower(User.username) == username.strip().lower()).order_by(User.id)).first()


def username_problem(username: str) -> str | None:
    if not USERNAME_MIN <= len(username) <= USERNAME_MAX:
        return _("De gebruikersnaam moet %(min)d tot %(max)d tekens hebben.", min=USERNAME_MIN, max=USERNAME_MAX)
    if not re.match(USERNAME_RE, username):
        return _("Gebruik in de gebruikersnaam alleen letters (a-z), cijfers en de tekens . - _ (geen spaties).")
    if find_user(username) is not None:
        return _("Deze gebruikersnaam bestaat al. Kies een andere.")
    return None


def display_name_problem(name: str) -> str | None:
    if not DISPLAY_NAME_MIN <= len(name) <= DISPLAY_NAME_MAX:
        return _("De naam moet %(min)d tot %(max)d tekens hebben.", min=DISPLAY_NAME_MIN, max=DISPLAY_NAME_MAX)
    return None


def staff_password_problem(password: str, username: str, name: str) -> str | None:
    if len(password) < PASSWORD_MIN:
        return _("Het wachtwoord moet minstens %(min)d tekens hebben.", min=PASSWORD_MIN)
    if len(password) > PASSWORD_MAX:
        return _("Het wachtwoord is te lang (hoogstens %(max)d tekens).", max=PASSWORD_MAX)
    return password_problem(password, (username, name))


def create_staff(role: Role, username: str, display_name: str, password: str, *, check_password: bool = True) -> User:
    """A new admin or teacher account, committed. Raises AccountProblem with the Dutch reason.

    `check_password=False` only for a password the site made itself (readable_password)."""
    username, display_name = username.strip().lower(), display_name.strip()
    problem = username_problem(username) or display_name_problem(display_name) or (
        staff_password_problem(password, username, display_name) if check_password else None)
    if problem:
        raise AccountProblem(problem)
    user = User(username=username, display_name=display_name, role=role)
    user.set_password(password)
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:  # someone took the same username a moment ago
        db.session.rollback()
        raise AccountProblem(_("De gebruikersnaam ‘%(username)s’ bestaat al. Kies een andere.",
                               username=username)) from None
    return user
