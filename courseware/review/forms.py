"""Forms of the review pages. The review form has a level (radio 0..max) and a comment per
criterion of the attempt's report; the fields are added per attempt by `review_form`."""
from __future__ import annotations

from typing import Any, ClassVar

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, Field, RadioField, SubmitField, TextAreaField
from wtforms.validators import Length, ValidationError

from grader import LEVEL_NAMES, Report

from ..form_helpers import choices, strip

CRITERION_COMMENT_MAX = 2000
OVERALL_COMMENT_MAX = 5000


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
