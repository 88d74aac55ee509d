"""Forms of the admin area."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, ValidationError

from ..form_helpers import strip
from ..staff_accounts import display_name_problem, username_problem


class DeleteStudentForm(FlaskForm):
    """Deleting is only done after typing the student's username."""

    username = StringField(_l("Typ de gebruikersnaam om te bevestigen"), filters=[strip],
                           validators=[DataRequired(_l("Typ de gebruikersnaam van de leerling."))],
                           render_kw={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"})


class NewTeacherForm(FlaskForm):
    """A teacher account: the site makes a one-time password and shows it once. The rules of the
    name and username are the staff accounts' (courseware.staff_accounts), as for the command line."""

    display_name = StringField(_l("Naam van de docent"), filters=[strip],
                               validators=[DataRequired(_l("Vul de naam van de docent in."))],
                               render_kw={"autocomplete": "off"})
    username = StringField(_l("Gebruikersnaam"), filters=[strip],
                           validators=[DataRequired(_l("Kies een gebruikersnaam."))],
                           render_kw={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"})
    submit = SubmitField(_l("Docent toevoegen"))

    def validate_display_name(self, field: StringField) -> None:
        if problem := display_name_problem(field.data):
            raise ValidationError(problem)

    def validate_username(self, field: StringField) -> None:
        if problem := username_problem(field.data.lower()):
            raise ValidationError(problem)


class ButtonForm(FlaskForm):
    """Only a button (and the CSRF token): a new password, deactivate, reactivate."""

    submit = SubmitField()
