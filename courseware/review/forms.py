"""Forms of the review pages. The review form has a level (radio 0..max) and a comment per
criterion of the attempt's report; the fields are added per attempt by `review_form`."""
from __future__ import annotations

import re
from typing import Any, ClassVar

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, Field, RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from grader import LEVEL_NAMES, Report

from ..form_helpers import choices, strip

CRITERION_COMMENT_MAX = 2000
OVERALL_COMMENT_MAX = 5000
REASON_MIN, REASON_MAX = 5, 1000
GRADE_MIN, GRADE_MAX = 1.0, 10.0


def level_field_name(criterion_id: str) -> str:
    return f"level_{criterion_id}"


def comment_field_name(criterion_id: str) -> str:
    return f"comment_{criterion_id}"


def _level(value: Any) -> int | None:
    """The posted level as a number; None for anything that is not a whole number."""
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


class _LevelIn:
    """The level must be one of the radio buttons (0..max_level)."""

    def __init__(self, max_level: int):
        self.max_level = max_level

    def __call__(self, form: FlaskForm, field: Field) -> None:
        if field.data is None or not 0 <= field.data <= self.max_level:
            raise ValidationError(_("Kies een niveau."))


class ReviewForm(FlaskForm):
    comment = TextAreaField(_l("Algemene opmerking voor de leerling"), filters=[strip], validators=[
        Length(max=OVERALL_COMMENT_MAX, message=_l("Je opmerking is te lang. Gebruik hoogstens %(max)d tekens.",
                                                   max=OVERALL_COMMENT_MAX)),
    ])
    done = BooleanField(_l("Beoordeling klaar"))

    # Set by review_form: the grader's level per criterion id, in the report's order.
    grader_levels: ClassVar[dict[str, int]] = {}

    def level_field(self, criterion_id: str) -> RadioField:
        return self[level_field_name(criterion_id)]

    def comment_field(self, criterion_id: str) -> TextAreaField:
        return self[comment_field_name(criterion_id)]

    def typed_levels(self) -> dict[str, int]:
        """The levels as typed, for the criteria whose level is valid."""
        levels = {}
        for criterion_id in self.grader_levels:
            field = self.level_field(criterion_id)
            if not field.errors and field.data is not None:
                levels[criterion_id] = field.data
        return levels

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for criterion_id, grader_level in self.grader_levels.items():
            level, comment = self.level_field(criterion_id), self.comment_field(criterion_id)
            if level.errors or level.data == grader_level or comment.data:
                continue
            comment.errors = [*comment.errors,
                              _("Je geeft een ander niveau dan de automatische controle. Schrijf erbij waarom.")]
            valid = False
        return valid


def review_form(report: Report, **kwargs: Any) -> ReviewForm:
    """A review form for the criteria of this (grader's) report. kwargs go to the form:
    `data=` for the current values on GET; on POST the request's form is read."""

    class Form(ReviewForm):
        pass

    for c in report.criteria:
        levels = choices((level, f"{level} · {LEVEL_NAMES[min(level, len(LEVEL_NAMES) - 1)]}")
                         for level in range(c.max_level + 1))
        setattr(Form, level_field_name(c.id), RadioField(
            _l("Jouw niveau"), choices=levels, coerce=_level, validate_choice=False,
            validators=[_LevelIn(c.max_level)]))
        setattr(Form, comment_field_name(c.id), TextAreaField(
            _l("Toelichting"), filters=[strip], validators=[
                Length(max=CRITERION_COMMENT_MAX,
                       message=_l("Je toelichting is te lang. Gebruik hoogstens %(max)d tekens.",
                                  max=CRITERION_COMMENT_MAX)),
            ]))
    form = Form(**kwargs)
    form.grader_levels = {c.id: c.level for c in report.criteria}
    return form


class ConfirmForm(FlaskForm):
    """A form with only a button (and the CSRF token): release one, release all."""

    submit = SubmitField()


_GRADE = re.compile(r"^(\d{1,2})(?:[.,](\d))?$")


def parse_grade(text: str | None) -> float | None:
    """A Dutch grade as typed: 1 to 10 with at most one decimal, comma or point ("6,5", "7").
    None for anything else."""
    found = _GRADE.match((text or "").strip())
    if found is None:
        return None
    value = int(found.group(1)) + int(found.group(2) or 0) / 10
    return value if GRADE_MIN <= value <= GRADE_MAX else None


class _Grade:
    """The grade must be 1 to 10 with at most one decimal; only when the correction is saved."""

    def __call__(self, form: FlaskForm, field: Field) -> None:
        if form.remove.data:
            return
        if not (field.data or "").strip():
            raise ValidationError(_("Vul een cijfer in, bijvoorbeeld 6,5."))
        if parse_grade(field.data) is None:
            raise ValidationError(_("Vul een cijfer in van 1 tot en met 10, met hoogstens één cijfer achter de "
                                    "komma. Bijvoorbeeld 6,5."))


class CorrectionForm(FlaskForm):
    """The teacher's individuele correctie of one group member's grade, or taking it back."""

    grade = StringField(_l("Cijfer voor deze leerling"), filters=[strip], validators=[_Grade()],
                        render_kw={"inputmode": "decimal", "autocomplete": "off", "class": "num"})
    reason = TextAreaField(_l("Reden"), filters=[strip], validators=[
        DataRequired(message=_l("Schrijf op waarom je het cijfer aanpast. De leerling leest dit.")),
        Length(min=REASON_MIN, max=REASON_MAX,
               message=_l("Schrijf een reden van %(min)d tot %(max)d tekens.", min=REASON_MIN, max=REASON_MAX)),
    ])
    save = SubmitField(_l("Correctie opslaan"))
    remove = SubmitField(_l("Terug naar het groepscijfer"))

    @property
    def grade_value(self) -> float | None:
        """The typed grade as a number (after validation), None when taking the correction back."""
        return None if self.remove.data else parse_grade(self.grade.data)
