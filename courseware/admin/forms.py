"""Forms of the admin area."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired

from ..form_helpers import strip


class DeleteStudentForm(FlaskForm):
    """Deleting is only done after typing the student's username."""

    username = StringField(_l("Typ de gebruikersnaam om te bevestigen"), filters=[strip],
                           validators=[DataRequired(_l("Typ de gebruikersnaam van de leerling."))],
                           render_kw={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"})
