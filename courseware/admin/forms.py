"""Forms of the admin area."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length, Regexp, ValidationError

from ..form_helpers import DISPLAY_NAME_MAX, DISPLAY_NAME_MIN, USERNAME_MAX, USERNAME_MIN, USERNAME_RE, strip
from ..staff_accounts import find_user


class DeleteStudentForm(FlaskForm):
    """Deleting is only done after typing the student's username."""

    username = StringField(_l("Typ de gebruikersnaam om te bevestigen"), filters=[strip],
                           validators=[DataRequired(_l("Typ de gebruikersnaam van de leerling."))],
                           render_kw={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"})


class NewTeacherForm(FlaskForm):
    """A teacher account: the site makes a one-time password and shows it once."""

    display_name = StringField(_l("Naam van de docent"), filters=[strip], validators=[
        DataRequired(_l("Vul de naam van de docent in.")),
        Length(min=DISPLAY_NAME_MIN, max=DISPLAY_NAME_MAX,
               message=_l("De naam moet %(min)d tot %(max)d tekens hebben.",
                          min=DISPLAY_NAME_MIN, max=DISPLAY_NAME_MAX)),
    ], render_kw={"autocomplete": "off"})
    username = StringField(_l("Gebruikersnaam"), filters=[strip], validators=[
        DataRequired(_l("Kies een gebruikersnaam.")),
        Length(min=USERNAME_MIN, max=USERNAME_MAX,
               message=_l("De gebruikersnaam moet %(min)d tot %(max)d tekens hebben.",
                          min=USERNAME_MIN, max=USERNAME_MAX)),
        Regexp(USERNAME_RE, message=_l("Gebruik alleen letters (a-z), cijfers en de tekens . - _ (geen spaties).")),
    ], render_kw={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"})
    submit = SubmitField(_l("Docent toevoegen"))

    def validate_username(self, field: StringField) -> None:
        if find_user(field.data) is not None:
            raise ValidationError(_l("Deze gebruikersnaam bestaat al. Kies een andere."))


class ButtonForm(FlaskForm):
    """Only a button (and the CSRF token): a new password, deactivate, reactivate."""

    submit = SubmitField()
