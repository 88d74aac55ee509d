"""Forms of the gallery: buttons for the teacher (with their CSRF token) and the top/tip form."""
from __future__ import annotations

import re

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


WORDS_MIN = 5
# Words that praise or fill without saying what is good or what could be better: a top or tip made
# of only these ("Goed!", "Heel erg mooi gedaan, top") is refused.
EMPTY_WORDS = frozenset((
    "goed", "goede", "mooi", "mooie", "top", "toppie", "leuk", "leuke", "netjes", "prima", "super", "cool",
    "gaaf", "gave", "tof", "toffe", "fijn", "knap", "sterk", "perfect", "geweldig", "echt", "heel", "erg",
    "zeer", "wel", "best", "gewoon", "ziet", "er", "uit", "is", "was", "zijn", "het", "de", "een", "dit",
    "dat", "deze", "ik", "vind", "vond", "je", "jij", "jouw", "jullie", "hebt", "heb", "heeft", "gedaan",
    "gemaakt", "werk", "klantreis", "ook", "en", "alles", "allemaal", "zo", "veel", "beter", "kan", "niks",
    "niets", "geen", "tip", "tips",
))


def word_list(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", text.lower())


def real_sentence(form, field) -> None:
    """At least WORDS_MIN words, and not only praise or filler words: say what and why."""
    words = word_list(field.data or "")
    if not words or field.errors:
        return  # DataRequired and comment_length speak first
    if len(words) < WORDS_MIN:
        raise ValidationError(_("Schrijf een hele zin van minstens %(min)d woorden. Nu zijn het er %(count)d.",
                                min=WORDS_MIN, count=len(words)))
    if all(word in EMPTY_WORDS for word in words):
        raise ValidationError(_("Zeg wat je precies bedoelt. Noem een fase, een contactmoment of de persona, "
                                "en zeg waarom. Alleen ‘goed’ of ‘mooi’ helpt je klasgenoot niet."))


class PeerReviewForm(FlaskForm):
    top = TextAreaField(_l("Top: wat is goed aan deze klantreis?"), filters=[strip], validators=[
        DataRequired(_l("Schrijf een top: wat vind je goed?")),
        comment_length,
        real_sentence,
    ], render_kw={"rows": 4})
    tip = TextAreaField(_l("Tip: wat kan beter?"), filters=[strip], validators=[
        DataRequired(_l("Schrijf een tip: wat kan beter?")),
        comment_length,
        real_sentence,
    ], render_kw={"rows": 4})
    submit = SubmitField(_l("Top en tip opslaan"))
