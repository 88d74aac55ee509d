"""Forms for teachers: a new class, a new password for a student, and button-only actions."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length

from ..form_helpers import PASSWORD_MAX, PASSWORD_MIN, strip
from ..passwords import PasswordRules

CLASS_NAME_MIN, CLASS_NAME_MAX = 2, 60


class ClassForm(FlaskForm):
    name = StringField(_l("Naam van de klas"), filters=[strip], validators=[
        DataRequired(_l("Vul een naam voor de klas in.")),
        Length(min=CLASS_NAME_MIN, max=CLASS_NAME_MAX,
               message=_l("De naam moet %(min)d tot %(max)d tekens hebben.", min=CLASS_NAME_MIN, max=CLASS_NAME_MAX)),
    ], render_kw={"autocomplete": "off"})
    submit = SubmitField(_l("Klas maken"))


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

