"""Forms for teachers: a new class, a colleague as co-teacher, a new password for a student, and
button-only actions."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length, ValidationError

from ..form_helpers import PASSWORD_MAX, PASSWORD_MIN, strip
from ..models import SchoolClass, User
from ..passwords import PasswordRules
from ..staff_accounts import find_user

CLASS_NAME_MIN, CLASS_NAME_MAX = 2, 60


class ClassForm(FlaskForm):
    name = StringField(_l("Naam van de klas"), filters=[strip], validators=[
        DataRequired(_l("Vul een naam voor de klas in.")),
        Length(min=CLASS_NAME_MIN, max=CLASS_NAME_MAX,
               message=_l("De naam moet %(min)d tot %(max)d tekens hebben.", min=CLASS_NAME_MIN, max=CLASS_NAME_MAX)),
    ], render_kw={"autocomplete": "off"})
    submit = SubmitField(_l("Klas maken"))


class AddTeacherForm(FlaskForm):
    """A colleague becomes a teacher of the class too (a co-teacher), found by username."""

    username = StringField(_l("Gebruikersnaam van je collega"), filters=[strip], validators=[
        DataRequired(_l("Vul de gebruikersnaam van je collega in.")),
        Length(max=80, message=_l("Deze gebruikersnaam is te lang.")),
    ], render_kw={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"})
    submit = SubmitField(_l("Collega toevoegen"))

    klas: SchoolClass | None = None
    colleague: User | None = None

    def validate_username(self, field: StringField) -> None:
        user = find_user(field.data)
        if user is None:
            raise ValidationError(_l("Er is geen account met deze gebruikersnaam. Kijk of je hem goed hebt getypt."))
        if not user.is_teacher:
            raise ValidationError(_l("%(username)s is geen docent. Alleen docenten kun je aan een klas toevoegen.",
                                     username=user.username))
        if not user.is_active:
            raise ValidationError(_l("Het account van %(username)s staat uit. Vraag de beheerder om het aan te zetten.",
                                     username=user.username))
        if self.klas is not None and user in self.klas.teachers:
            raise ValidationError(_l("%(name)s is al docent van deze klas.", name=user.display_name))
        self.colleague = user


class SetPasswordForm(FlaskForm):
    # A text field on purpose: the teacher has to read the password out to the student,
    # and the browser should not offer to save it as the teacher's own password.
    password = StringField(_l("Nieuw wachtwoord"), filters=[strip], validators=[
        DataRequired(_l("Vul een nieuw wachtwoord in.")),
        Length(min=PASSWORD_MIN, max=PASSWORD_MAX,
               message=_l("Het wachtwoord moet minstens %(min)d tekens hebben.", min=PASSWORD_MIN)),
        PasswordRules(lambda form: form.student_names, own=False),
    ], render_kw={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"})
    submit = SubmitField(_l("Wachtwoord opslaan"))

    student_names: tuple[str, ...] = ()  # the student's username and name: not allowed as password


class ConfirmForm(FlaskForm):
    """A form with only a button (and the CSRF token): renew a code, make a password, remove."""

    submit = SubmitField()

