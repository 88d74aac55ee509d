"""Forms of the gallery: buttons for the teacher (with their CSRF token) and the top/tip form."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SubmitField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, ValidationError

from ..form_helpers import strip
from ..models.peer import COMMENT_MAX, COMMENT_MIN


class ActionForm(FlaskForm):
    """A form with only a button and the CSRF token: open, close, release a round."""

    submit = SubmitField()


class SwitchForm(FlaskForm):
    """A button that sets something on or off: `state` is '1' (on) or '0' (off)."""

    state = HiddenField(validators=[AnyOf(("0", "1"))])
    submit = SubmitField()

    @property
    def on(self) -> bool:
        return self.state.data == "1"


def comment_length(form, field) -> None:
    """5 to 500 characters, with a message that says how many there are now."""
    count = len(field.data or "")
    if count < COMMENT_MIN:
        raise ValidationError(_("Schrijf minstens %(min)d tekens. Nu zijn het er %(count)d.",
                                min=COMMENT_MIN, count=count))
    if count > COMMENT_MAX:
        raise ValidationError(_("Schrijf hoogstens %(max)d tekens. Nu zijn het er %(count)d.",
                                max=COMMENT_MAX, count=count))


class PeerReviewForm(FlaskForm):
    top = TextAreaField(_l("Top: wat is goed aan deze klantreis?"), filters=[strip], validators=[
        DataRequired(_l("Schrijf een top: wat vind je goed?")),
        comment_length,
    ], render_kw={"rows": 4})
    tip = TextAreaField(_l("Tip: wat kan beter?"), filters=[strip], validators=[
        DataRequired(_l("Schrijf een tip: wat kan beter?")),
        comment_length,
    ], render_kw={"rows": 4})
    submit = SubmitField(_l("Top en tip opslaan"))
