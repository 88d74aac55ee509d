"""The forms of a teacher's own assignment. The rubric part is the class settings' sub-form per
criterion (class_assignments.forms.criterion_fields), read by rubric_settings.read_rubric."""
from __future__ import annotations

import functools

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length

from assignments import BUILDER_STEPS
from grader import STAGES

from ..class_assignments.forms import SettingsFormBase, criterion_fields
from ..form_helpers import choices, strip
from ..models.own_assignments import SHOW_AFTER_DEADLINE, SHOW_AFTER_RELEASE, SHOW_NEVER

TITLE_MAX, SHORT_MAX, SCENARIO_MAX, HINT_MAX, GOALS_MAX = 100, 600, 10_000, 600, 15
STAGE_WORDS_FIELD = "words_{}"
HINT_FIELD = "hint_{}"

STEP_LABELS = {
    "persona": _l("Tip bij stap 1: persona"),
    "trigger": _l("Tip bij stap 2: aanleiding"),
    "phases": _l("Tip bij stap 3: fasen"),
    "touchpoints": _l("Tip bij stap 4: contactmomenten"),
    "moments": _l("Tip bij stap 5: momenten van de waarheid"),
    "improve": _l("Tip bij stap 6: verbeteren (de gewenste klantreis)"),
    "check": _l("Tip bij stap 7: controleren"),
}
STAGE_LABELS = {
    "awareness": _l("Woorden voor bewustwording"),
    "consideration": _l("Woorden voor overweging"),
    "purchase": _l("Woorden voor aankoop of aanmelding"),
    "experience": _l("Woorden voor de beleving"),
    "after_sales": _l("Woorden voor na afloop (aftersales)"),
}


def _needed(message):
    return [InputRequired(message=message)]


class AssignmentFormBase(FlaskForm):
    title = StringField(_l("Titel"), filters=[strip],
                        validators=[*_needed(_l("Vul een titel in.")),
                                    Length(max=TITLE_MAX, message=_l("Hoogstens %(max)d tekens."))])
    summary = TextAreaField(_l("Samenvatting"), filters=[strip],
                            description=_l("Eén of twee zinnen: wat maakt de leerling?"),
                            validators=[*_needed(_l("Vul een samenvatting in.")),
                                        Length(max=SHORT_MAX, message=_l("Hoogstens %(max)d tekens."))],
                            render_kw={"rows": 2})
    target_group = TextAreaField(_l("Doelgroep"), filters=[strip],
                                 description=_l("Voor wie maakt de leerling de klantreis?"),
                                 validators=[*_needed(_l("Vul de doelgroep in.")),
                                             Length(max=SHORT_MAX, message=_l("Hoogstens %(max)d tekens."))],
                                 render_kw={"rows": 2})
    scenario = TextAreaField(_l("De situatie"), filters=[strip],
                             description=_l("Wat er aan de hand is, in gewone zinnen. Een lege regel begint "
                                            "een nieuwe alinea. Markdown mag: **vet**, *schuin*, "
                                            "een lijstje met regels die met - beginnen."),
                             validators=[*_needed(_l("Beschrijf de situatie.")),
                                         Length(max=SCENARIO_MAX, message=_l("Hoogstens %(max)d tekens."))],
                             render_kw={"rows": 8})
    goals = TextAreaField(_l("Leerdoelen"), filters=[strip],
                          description=_l("Eén leerdoel per regel, hoogstens %(max)d.", max=GOALS_MAX),
                          validators=_needed(_l("Vul minstens één leerdoel in.")), render_kw={"rows": 4})
    confirm_rubric = BooleanField(_l("Ja, verander het beoordelingsmodel. Ik weet dat er al is ingeleverd."))
    save = SubmitField(_l("Opslaan"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rubric_errors: list[str] = []  # rubric problems that belong to no single field

    def goal_list(self) -> list[str]:
        return [line.strip() for line in (self.goals.data or "").splitlines() if line.strip()]

    def validate_goals(self, field):
        from wtforms.validators import ValidationError

        if len(self.goal_list()) > GOALS_MAX:
            raise ValidationError(_l("Hoogstens %(max)d leerdoelen.", max=GOALS_MAX))


@functools.cache
def assignment_form_class() -> type[AssignmentFormBase]:
    """The assignment form: the texts, a hint per builder step, the stage words and one sub-form
    per criterion."""
    attrs: dict = {}
    for step in BUILDER_STEPS:
        attrs[HINT_FIELD.format(step)] = TextAreaField(
            STEP_LABELS[step], filters=[strip], render_kw={"rows": 2},
            validators=[*_needed(_l("Vul een tip in voor deze stap.")),
                        Length(max=HINT_MAX, message=_l("Hoogstens %(max)d tekens."))])
    for stage in STAGES:
        attrs[STAGE_WORDS_FIELD.format(stage)] = StringField(STAGE_LABELS[stage], filters=[strip])
    attrs.update(criterion_fields())
    return type("AssignmentForm", (AssignmentFormBase,), attrs)


class PublishForm(SettingsFormBase):
    """Publish to one class with its own deadline (the deadline fields of the class settings)."""

    class_id = SelectField(_l("Klas"), coerce=int, validate_choice=False)
    publish = SubmitField(_l("Publiceren"))


class ActionForm(FlaskForm):
    """A button without fields (archive, publish again, remove the model journey)."""

    submit = SubmitField(_l("OK"))


class ImportForm(FlaskForm):
    file = FileField(_l("Opdrachtbestand (.toml)"),
                     description=_l("Een bestand zoals je het bij ‘Exporteren’ downloadt, hoogstens 200 kB."))
    submit = SubmitField(_l("Importeren"))


class ModelJourneyForm(FlaskForm):
    file = FileField(_l("Voorbeeldreis (.json)"),
                     description=_l("Een klantreis als .json-bestand, bijvoorbeeld gedownload uit de bouwer."))
    visibility = RadioField(
        _l("Wanneer zien leerlingen de voorbeeldreis?"),
        choices=choices([(SHOW_NEVER, _l("Nooit")), (SHOW_AFTER_DEADLINE, _l("Na de deadline van hun klas")),
                         (SHOW_AFTER_RELEASE, _l("Als hun cijfer is vrijgegeven"))]),
        default=SHOW_NEVER,
    )
    submit = SubmitField(_l("Opslaan"))
