"""Forms of the builder: one per step, plus upload and hand-in. Messages in Dutch (B1).

Every field keeps what the student typed, also when it is wrong: numbers are text fields
with our own check, so "11" or "zeven" stays in the field next to the message.
"""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, FieldList, Form, FormField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import ValidationError

from grader import EMPATHY_LABELS, SOURCE_LABELS

from ..form_helpers import BindByCopy, choices
from .steps import MAX_PHASES, MAX_TOUCHPOINTS_PER_PHASE, STAGE_CHOICES

STAGE_KEYS = frozenset(key for key, _label in STAGE_CHOICES)
# Where an insight comes from: not filled in, or one of the grader's sources (Dutch labels).
SOURCE_CHOICES: tuple[tuple[str, object], ...] = (("", _l("Niet ingevuld")), *SOURCE_LABELS.items())
SOURCE_KEYS = frozenset(key for key, _label in SOURCE_CHOICES)
# The persona form's field for each part of the empathy map: "empathy_says", ...
EMPATHY_FIELDS = {key: f"empathy_{key}" for key in EMPATHY_LABELS}

NAME_MAX = 120
CHANNEL_MAX = 80
TEXT_MAX = 1000
QUOTE_MAX = 300
LINES_MAX = 10
LINE_MAX = 200


def _text_filter(value):
    """Browsers send CRLF in text areas; count and store a line break as one character."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


class MaxChars:
    def __init__(self, limit: int):
        self.limit = limit

    def __call__(self, form, field) -> None:
        count = len((field.data or "").strip())
        if count > self.limit:
            raise ValidationError(_(
                "Dit is te lang: %(count)d tekens. Maak het korter: hoogstens %(max)d tekens.",
                count=count, max=self.limit))


class WholeNumber:
    """Empty, or a whole number from `low` to `high`."""

    def __init__(self, low: int, high: int, message):
        self.low, self.high, self.message = low, high, message

    def __call__(self, form, field) -> None:
        text = (field.data or "").strip()
        if not text:
            return
        if not (text.isdecimal() and len(text) < 6 and self.low <= int(text) <= self.high):
            raise ValidationError(str(self.message))


class Lines:
    """Several short lines, one item per line."""

    def __call__(self, form, field) -> None:
        lines = [line.strip() for line in (field.data or "").split("\n") if line.strip()]
        if len(lines) > LINES_MAX:
            raise ValidationError(_("Dit zijn %(count)d regels. Hoogstens %(max)d.", count=len(lines), max=LINES_MAX))
        for number, line in enumerate(lines, start=1):
            if len(line) > LINE_MAX:
                raise ValidationError(_(
                    "Regel %(number)d is te lang: %(count)d tekens. Hoogstens %(max)d tekens per regel.",
                    number=number, count=len(line), max=LINE_MAX))


class StageChoice:
    def __call__(self, form, field) -> None:
        if (field.data or "") not in STAGE_KEYS:
            raise ValidationError(_("Kies een van de soorten uit de lijst."))


class SourceChoice:
    def __call__(self, form, field) -> None:
        if (field.data or "") not in SOURCE_KEYS:
            raise ValidationError(_("Kies een van de bronnen uit de lijst, of ‘Niet ingevuld’."))


def _lines(label, description) -> TextAreaField:
    """One item per line, e.g. goals."""
    return TextAreaField(label, [Lines()], filters=[_text_filter], description=description)


def _emotion(label, description) -> StringField:
    return StringField(
        label,
        [WholeNumber(1, 10, _l("Vul een heel getal in van 1 tot 10. 1 is heel slecht, 10 is heel goed."))],
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
        description=description,
    )


def _text(label, limit: int = TEXT_MAX, description=None) -> TextAreaField:
    return TextAreaField(label, [MaxChars(limit)], filters=[_text_filter], description=description or "")


def _line(label, limit: int = NAME_MAX, description=None) -> StringField:
    return StringField(label, [MaxChars(limit)], filters=[_text_filter], description=description or "")


class StepForm(FlaskForm):
    """What every step form carries: the draft version it was loaded with and the signed draft key."""

    class Meta(BindByCopy):
        pass

    version = HiddenField()
    draft_key = HiddenField()


class ItemForm(Form):
    """A phase or touchpoint inside a step form, repeated for every one on the page."""

    class Meta(BindByCopy):
        pass


class PersonaForm(StepForm):
    name = _line(_l("Naam"), description=_l("Bijvoorbeeld: Sanne"))
    age = StringField(
        _l("Leeftijd (mag leeg blijven)"),
        [WholeNumber(0, 120, _l("Vul een leeftijd in als heel getal van 0 tot 120, of laat het leeg."))],
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    description = _text(_l("Wie is het?"), description=_l("Wat doet de persona? Wat vindt hij of zij belangrijk?"))
    goals = _lines(_l("Doelen"), _l("Wat wil de persona bereiken? Eén doel per regel."))
    frustrations = _lines(_l("Frustraties"), _l("Waar heeft de persona last van? Eén frustratie per regel."))
    quote = _line(_l("Citaat"), QUOTE_MAX, description=_l("Iets wat de persona zou kunnen zeggen."))
    # The empathy map (lesson 7), optional: one item per line, like the goals.
    empathy_says = _lines(EMPATHY_LABELS["says"], _l(
        "Wat zegt de persona hardop, bijvoorbeeld tegen een vriend of een medewerker? Eén ding per regel."))
    empathy_thinks = _lines(EMPATHY_LABELS["thinks"], _l(
        "Wat denkt de persona, maar zegt hij of zij niet hardop? Eén ding per regel."))
    empathy_does = _lines(EMPATHY_LABELS["does"], _l(
        "Wat doet de persona echt, bijvoorbeeld zoeken, bellen of afhaken? Eén ding per regel."))
    empathy_feels = _lines(EMPATHY_LABELS["feels"], _l(
        "Hoe voelt de persona zich, bijvoorbeeld zenuwachtig, boos of blij? Eén ding per regel."))
    empathy_pains = _lines(EMPATHY_LABELS["pains"], _l(
        "Waar is de persona bang voor, of waar baalt hij of zij van? Eén ding per regel."))
    empathy_gains = _lines(EMPATHY_LABELS["gains"], _l(
        "Wat wil de persona winnen, of wat maakt hem of haar blij? Eén ding per regel."))


class TriggerForm(StepForm):
    trigger = _text(_l("Trigger"), description=_l("Wat gebeurt er, waardoor de reis begint?"))


class PhaseForm(ItemForm):
    name = _line(_l("Naam van de fase"), description=_l("Bijvoorbeeld: Oriëntatie, Aanmelden, Nazorg"))
    description = _text(_l("Beschrijving"), description=_l("Wat doet de klant in deze fase?"))
    stage = SelectField(_l("Soort fase"), [StageChoice()], choices=choices(STAGE_CHOICES), validate_choice=False,
                        default="",
                        description=_l("Weet je het niet zeker? Laat de automatische controle dan kiezen."))


class PhasesForm(StepForm):
    phases = FieldList(FormField(PhaseForm, label=""), label="", max_entries=MAX_PHASES)


class TouchpointForm(ItemForm):
    name = _line(_l("Naam"), description=_l("Bijvoorbeeld: Website bekijken"))
    channel = _line(_l("Kanaal"), CHANNEL_MAX, description=_l("Bijvoorbeeld: website, balie, WhatsApp, mail"))
    description = _text(_l("Wat gebeurt er?"),
                        description=_l("Schrijf het vanuit de klant: wat doet, denkt of ziet hij?"))
    emotion = _emotion(_l("Gevoel (1 tot 10)"), _l("1 is heel slecht, 10 is heel goed."))
    pain = _text(_l("Pijnpunt"), description=_l("Wat is vervelend voor de klant?"))
    gain = _text(_l("Pluspunt"), description=_l("Wat is fijn voor de klant?"))
    service = _text(_l("Service"), description=_l(
        "Wat doet een medewerker hier voor de klant? Bijvoorbeeld: de mentor belt even."))
    source = SelectField(_l("Bron (mag leeg blijven)"), [SourceChoice()], choices=choices(SOURCE_CHOICES),
                         validate_choice=False, default="",
                         description=_l("Hoe weet je dit: vroeg je het aan een klant, zag je het zelf, "
                                        "of beleefde je het zelf?"))


def _phases_of(touchpoint_form: type[Form]):
    """A list of phases, each a list of `touchpoint_form`s. (The lists and their entries have a label,
    empty, as PhasesForm's: a field with a label is copied, not made, see form_helpers.BindByCopy.)"""

    class PhaseForm(ItemForm):
        # Always posted, so a phase without touchpoints still counts as a phase.
        present = HiddenField(default="1")
        touchpoints = FieldList(FormField(touchpoint_form, label=""), label="",
                                max_entries=MAX_TOUCHPOINTS_PER_PHASE)

    return FieldList(FormField(PhaseForm, label=""), label="", max_entries=MAX_PHASES)


class TouchpointsForm(StepForm):
    phases = _phases_of(TouchpointForm)


class MomentForm(ItemForm):
    # Always posted: tells an unticked box apart from a touchpoint that was not on the page.
    present = HiddenField(default="1")
    moment_of_truth = BooleanField(_l("Dit is een moment van de waarheid"))
    moment_of_truth_reason = _text(_l("Waarom is dit moment zo belangrijk voor de klant?"))


class MomentsForm(StepForm):
    phases = _phases_of(MomentForm)


class ImproveForm(ItemForm):
    # Always posted: tells a touchpoint on the page apart from one that was not.
    present = HiddenField(default="1")
    desired_situation = _text(_l("Gewenste situatie"), description=_l(
        "Wat doet de organisatie hier beter? Bijvoorbeeld: de mentor belt op een vaste tijd."))
    desired_emotion = _emotion(_l("Gewenst gevoel (1 tot 10)"), _l(
        "Welk cijfer geeft de klant als het zo gaat?"))


class ImprovesForm(StepForm):
    phases = _phases_of(ImproveForm)


class CheckForm(StepForm):
    """The last step has no fields of its own: only the buttons."""


def field_errors(form) -> dict:
    """The form's errors without the CSRF field: that one is checked for the whole app."""
    return {name: errors for name, errors in form.errors.items() if name != "csrf_token"}


STEP_FORMS: dict[str, type[StepForm]] = {
    "persona": PersonaForm,
    "trigger": TriggerForm,
    "phases": PhasesForm,
    "touchpoints": TouchpointsForm,
    "moments": MomentsForm,
    "improve": ImprovesForm,
    "check": CheckForm,
}


class HandInForm(FlaskForm):
    version = HiddenField()


class ChooseStageForm(FlaskForm):
    """A doubt settled on the feedback page: the stage the student chose for one phase (one of the two
    the grader named), stored as the builder's 'Soort fase' is."""
    version = HiddenField()
    stage = SelectField(choices=choices((key, key) for key in sorted(STAGE_KEYS) if key))


class UploadForm(FlaskForm):
    file = FileField(
        _l("Bestand met je klantreis"),
        description=_l("Een .json- of .yaml-bestand, hoogstens 1 MB. "
                       "Bijvoorbeeld een klantreis die je eerder hebt gedownload."),
    )
    confirm = BooleanField(_l("Ik weet dat mijn huidige concept wordt vervangen"))


class ConflictForm(FlaskForm):
    """The choice on the conflict page (the buttons post `choice`): the version that was shown."""

    version = HiddenField()


class GroupCodeForm(FlaskForm):
    """Joining a classmate's group with its code (courseware.groups.join_by_code checks it)."""

    code = StringField(
        _l("Groepscode"),
        description=_l("De code van 5 tekens die je klasgenoot ziet, bijvoorbeeld K7PXM."),
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false", "maxlength": 20},
    )


class NewGroupForm(FlaskForm):
    """Making a new group with yourself in it."""


class LeaveGroupForm(FlaskForm):
    confirm = BooleanField(_l("Ja, ik wil deze groep verlaten"))
