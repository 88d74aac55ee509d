"""Forms for logging in, joining a class and changing a password. Messages in Dutch (B1)."""
from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import HiddenField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, Regexp, ValidationError

from ..extensions import db
from ..form_helpers import (
    DISPLAY_NAME_MAX,
    DISPLAY_NAME_MIN,
    PASSWORD_MAX,
    PASSWORD_MIN,
    USERNAME_MAX,
    USERNAME_MIN,
    USERNAME_RE,
    strip,
)
from ..models import SchoolClass
from ..models.accounts import JOIN_CODE_LENGTH
from ..passwords import PasswordRules
from ..staff_accounts import find_user


def normalise_join_code(value: str | None) -> str:
    """'abc 12-3' -> 'ABC123': codes are read off a board, so case, spaces and dashes do not matter."""
    return re.sub(r"[\s\-]+", "", value or "").upper()


def find_class_by_code(code: str) -> SchoolClass | None:
    code = normalise_join_code(code)
    if len(code) != JOIN_CODE_LENGTH:
        return None
    return db.session.scalar(select(SchoolClass).where(SchoolClass.join_code == code))


def _password_field(label, autocomplete: str, names) -> PasswordField:
    return PasswordField(label, validators=[
        DataRequired(_l("Vul een wachtwoord in.")),
        Length(min=PASSWORD_MIN, max=PASSWORD_MAX,
               message=_l("Je wachtwoord moet minstens %(min)d tekens hebben.", min=PASSWORD_MIN)),
        PasswordRules(names),
    ], render_kw={"autocomplete": autocomplete})


def _password_again_field(label, message) -> PasswordField:
    return PasswordField(label, validators=[
        DataRequired(message),
        EqualTo("password", message=_l("De twee wachtwoorden zijn niet hetzelfde.")),
    ], render_kw={"autocomplete": "new-password"})


def _own_names(form) -> tuple[str, str]:
    from flask_login import current_user
    return current_user.username, current_user.display_name


class LoginForm(FlaskForm):
    username = StringField(_l("Gebruikersnaam"), filters=[strip], validators=[
        DataRequired(_l("Vul je gebruikersnaam in.")),
        Length(max=80, message=_l("Deze gebruikersnaam is te lang.")),
    ], render_kw={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"})
    password = PasswordField(_l("Wachtwoord"), validators=[
        DataRequired(_l("Vul je wachtwoord in.")),
        Length(max=PASSWORD_MAX, message=_l("Dit wachtwoord is te lang.")),
    ], render_kw={"autocomplete": "current-password"})
    next = HiddenField()
    submit = SubmitField(_l("Inloggen"))


class RegisterForm(FlaskForm):
    join_code = StringField(_l("Klascode"), filters=[strip], validators=[
        DataRequired(_l("Vul de klascode in. Je docent geeft je die code.")),
        Length(max=20, message=_l("Deze klascode is te lang. Een klascode heeft 6 tekens.")),
    ], render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"})
    display_name = StringField(_l("Je naam"), filters=[strip], validators=[
        DataRequired(_l("Vul je naam in.")),
        Length(min=DISPLAY_NAME_MIN, max=DISPLAY_NAME_MAX,
               message=_l("Je naam moet %(min)d tot %(max)d tekens hebben.",
                          min=DISPLAY_NAME_MIN, max=DISPLAY_NAME_MAX)),
    ], render_kw={"autocomplete": "nickname"})
    username = StringField(_l("Gebruikersnaam"), filters=[strip], validators=[
        DataRequired(_l("Kies een gebruikersnaam.")),
        Length(min=USERNAME_MIN, max=USERNAME_MAX,
               message=_l("Je gebruikersnaam moet %(min)d tot %(max)d tekens hebben.",
                          min=USERNAME_MIN, max=USERNAME_MAX)),
        Regexp(USERNAME_RE, message=_l("Gebruik alleen letters (a-z), cijfers en de tekens . - _ "
                                       "(geen spaties).")),
    ], render_kw={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"})
    password = _password_field(_l("Wachtwoord"), "new-password",
                               lambda form: (form.username.data, form.display_name.data))
    password_again = _password_again_field(_l("Wachtwoord nog een keer"), _l("Typ je wachtwoord nog een keer."))
    submit = SubmitField(_l("Account maken"))

    school_class: SchoolClass | None = None

    def validate_join_code(self, field: StringField) -> None:
        self.school_class = find_class_by_code(field.data)
        if self.school_class is None:
            raise ValidationError(_l("Deze klascode kennen we niet. Kijk goed of vraag het je docent."))

    def validate_username(self, field: StringField) -> None:
        # Only with a right join code: a wrong code must not tell who has an account.
        if self.school_class is not None and find_user(field.data) is not None:
            raise ValidationError(_l("Deze gebruikersnaam is al bezet. Kies een andere."))


class ChangePasswordForm(FlaskForm):
    current = PasswordField(_l("Je wachtwoord nu"), validators=[
        DataRequired(_l("Vul je wachtwoord van nu in.")),
        Length(max=PASSWORD_MAX, message=_l("Dit wachtwoord is te lang.")),
    ], render_kw={"autocomplete": "current-password"})
    password = _password_field(_l("Nieuw wachtwoord"), "new-password", _own_names)
    password_again = _password_again_field(_l("Nieuw wachtwoord nog een keer"),
                                           _l("Typ je nieuwe wachtwoord nog een keer."))
    submit = SubmitField(_l("Wachtwoord opslaan"))
