"""Forms of a class's assignment: the settings (deadline and rubric), regrading, going back to
the assignment's rubric, and choosing the decimal mark of the grade sheet."""
from __future__ import annotations

import functools
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, Form, FormField, HiddenField, RadioField, StringField, SubmitField

from grader import BOOL, CRITERIA, SHARE, Criterion

from ..form_helpers import choices
from ..grade_display import AFTER_REVIEW
from ..grade_display import CHOICES as GRADE_CHOICES
from .deadlines import END_OF_DAY, FIRST_YEAR, LAST_YEAR, NonexistentTime, parse_date, parse_time, to_utc

NUMBER = {"inputmode": "numeric", "autocomplete": "off", "class": "num"}
DECIMAL = {"inputmode": "decimal", "autocomplete": "off", "class": "num"}

BACK_TO = ("overview", "settings")  # the pages a regrade may return to
GROUP_MODE_CHOICES = (
    ("individual", _l("Alleen: iedere leerling maakt een eigen klantreis")),
    ("duo", _l("Duo: twee leerlingen maken samen één klantreis")),
    ("trio", _l("Trio: drie leerlingen maken samen één klantreis")),
)


class SettingsFormBase(FlaskForm):
    """The deadline, when students see their grade, alone or in groups, and the buttons. settings_form_class() adds a
    sub-form per criterion."""

    deadline_date = StringField(
        _l("Datum van de deadline"),
        description=_l("Laat leeg als er geen deadline is. Na de deadline kunnen leerlingen niet meer inleveren."),
        render_kw={"type": "date", "placeholder": _l("dd-mm-jjjj"), "autocomplete": "off"},
    )
    deadline_time = StringField(
        _l("Tijd van de deadline"),
        description=_l("Nederlandse tijd, bijvoorbeeld 17:00. Leeg: 23:59."),
        render_kw={"type": "time", "placeholder": _l("uu:mm"), "autocomplete": "off"},
    )
    grade_display = RadioField(
        _l("Wanneer zien leerlingen hun cijfer?"),
        choices=choices(GRADE_CHOICES), default=AFTER_REVIEW,
        validate_choice=True,
    )
    group_mode = RadioField(
        _l("Alleen of in groepen?"),
        choices=choices(GROUP_MODE_CHOICES), default="individual",
        validate_choice=True,
    )
    save = SubmitField(_l("Opslaan"))
    preview = SubmitField(_l("Voorbeeld bekijken"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rubric_errors: list[str] = []  # rubric problems that belong to no single field

    def read_deadline(self, zone) -> tuple[bool, datetime | None]:
        """(ok, the deadline in UTC or None). Call after validate(); errors go on the fields."""
        day_text = (self.deadline_date.data or "").strip()
        time_text = (self.deadline_time.data or "").strip()
        if not day_text:
            if time_text:
                self.deadline_date.errors.append(_("Vul ook een datum in, of maak de tijd leeg."))
                return False, None
            return True, None
        ok = True
        try:
            day = parse_date(day_text)
        except ValueError:
            self.deadline_date.errors.append(_("Vul een datum in zoals 14-03-2025."))
            ok = False
        else:
            if not FIRST_YEAR <= day.year <= LAST_YEAR:  # 0001-01-01 has no UTC moment: no 500
                self.deadline_date.errors.append(
                    _("Kies een datum tussen %(first)d en %(last)d.", first=FIRST_YEAR, last=LAST_YEAR))
                ok = False
        try:
            at = parse_time(time_text) if time_text else END_OF_DAY
        except ValueError:
            self.deadline_time.errors.append(_("Vul een tijd in zoals 17:00."))
            ok = False
        if not ok:
            return False, None
        try:
            return True, to_utc(day, at, zone)
        except NonexistentTime:
            self.deadline_time.errors.append(
                _("Deze tijd bestaat niet op die dag: de klok gaat dan een uur vooruit. Kies een andere tijd."))
            return False, None


def _criterion_form(criterion: Criterion) -> type[Form]:
    attrs = {
        "enabled": BooleanField(_l("Meetellen in de rubric")),
        "weight": StringField(_l("Gewicht"), render_kw=DECIMAL),
    }
    for param in criterion.params:
        if param.kind == BOOL:
            attrs[param.key] = BooleanField(param.label)
        else:
            attrs[param.key] = StringField(param.label, render_kw=DECIMAL if param.kind == SHARE else NUMBER)
    return type(f"{criterion.id.title().replace('_', '')}Form", (Form,), attrs)


def criterion_fields() -> dict[str, FormField]:
    """One sub-form per criterion in the registry (fields `<criterion>-enabled`, `-weight`,
    `-<number>`), for every form that edits a rubric (rubric_settings.read_rubric reads them)."""
    return {cid: FormField(_criterion_form(criterion), label=criterion.title) for cid, criterion in CRITERIA.items()}


@functools.cache
def settings_form_class() -> type[SettingsFormBase]:
    """The settings form with one sub-form per criterion in the registry."""
    return type("SettingsForm", (SettingsFormBase,), criterion_fields())


class ResetForm(FlaskForm):
    reset = SubmitField(_l("Terug naar de standaard"))


class RegradeForm(FlaskForm):
    back = HiddenField(default="overview")
    submit = SubmitField(_l("Opnieuw beoordelen"))


class ExportForm(FlaskForm):
    """A GET form for a download: nothing changes, so no CSRF token (it would end up in the URL)."""

    class Meta:
        csrf = False

    decimaal = RadioField(
        _l("Decimaalteken in het cijfer"),
        choices=choices([("komma", _l("komma (6,5): voor Nederlandse Excel")), ("punt", _l("punt (6.5)"))]),
        default="komma",
    )


class NewGroupForm(FlaskForm):
    """The teacher makes a group from students picked in a list (the checkboxes post `student`)."""

    submit = SubmitField(_l("Groep maken"))


class RandomGroupsForm(FlaskForm):
    submit = SubmitField(_l("Willekeurig indelen"))


class MoveMemberForm(FlaskForm):
    """Move one student (`student`) to another group (the select or hidden field `to`: a group id,
    or "0" for no group)."""

    student = HiddenField()
