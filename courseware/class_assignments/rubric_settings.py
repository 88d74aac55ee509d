"""A class's rubric settings as a teacher sees them: every criterion with the Dutch label and hint
its numbers declare (`grader.Param`), shares as percentages, Dutch decimal commas; and back to a
`grader.Rubric` config that is checked by building the Rubric.

Decisions:
- The form lists every criterion of the registry: the assignment's criteria first, in its order,
  then the others. A rubric saved from the form keeps that order.
- A number is stored only when it differs from the criterion's default or the assignment sets it
  too, so saving an unchanged form gives exactly the assignment's rubric (same version). A rubric
  equal to the assignment's is stored as "no class rubric".
- Ranges and the rules between numbers (minimum <= voldoende <= goed) are the criterion's own
  declarations (`Criterion.problems`), the same rules the assignment TOML loader uses; their
  Dutch sentence goes next to the field. The assignment's own stage words always stay.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import gettext as _

from assignments import Assignment
from grader import BOOL, CRITERIA, LEVEL_NAMES, SHARE, Criterion, Param, Rubric, RubricError, RubricItem

WEIGHT_MAX = 100


def param_label(criterion_id: str, key: str) -> str:
    """The label a criterion declares for one of its numbers (grader.Param)."""
    return CRITERIA[criterion_id].param(key).label


def hints(assignment: Assignment) -> dict[str, dict[str, str]]:
    """The hint of every field per criterion: what the number does, and its standard value (the
    assignment's, else the criterion's default), which "Terug naar de standaard" brings back."""
    standard = {item.id: item for item in assignment.rubric.items}
    result: dict[str, dict[str, str]] = {}
    for cid in criteria_order(assignment):
        item = standard.get(cid) or RubricItem(cid)
        entry = {"weight": f"{_('Hoe zwaar dit criterium telt: 2 telt twee keer zo zwaar als 1.')} "
                           f"{_('Standaard: %(value)s.', value=decimal_text(item.weight))}"}
        for key, value in item.settings.items():
            shown = _("Standaard: %(value)s.", value=show_value(value))
            entry[key] = f"{CRITERIA[cid].param(key).hint} {shown}"
        result[cid] = entry
    return result


# --------------------------------------------------------------------------- numbers as text


def decimal_text(value: float | Decimal) -> str:
    """1 -> "1", 1.5 -> "1,5", 0.125 -> "0,125": as a Dutch teacher writes it."""
    number = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    text = format(number.normalize(), "f")
    return text.replace(".", ",")


def percent_text(share: float) -> str:
    return decimal_text(Decimal(repr(float(share))) * 100)


def show_value(value: Any) -> str:
    """A criterion's number as the teacher sees it: 4, 75 %, ja/nee."""
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, int):
        return str(value)
    return f"{percent_text(value)} %"


def form_value(value: Any) -> Any:
    """The value to prefill a field with."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    return percent_text(value)


def parse_decimal(text: str | None) -> Decimal:
    """A number typed with a comma or a point. ValueError when it is not one."""
    cleaned = (text or "").strip().replace(" ", "").replace(",", ".")
    if cleaned.endswith("%"):
        cleaned = cleaned[:-1]
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(text) from None
    if not number.is_finite():
        raise ValueError(text)
    return number


# --------------------------------------------------------------------------- form <-> config


def criteria_order(assignment: Assignment) -> list[str]:
    """Every criterion id: the assignment's own first, in its order, then the rest."""
    own = [item.id for item in assignment.rubric.items]
    return own + [cid for cid in CRITERIA if cid not in own]


def initial_data(rubric: Rubric, assignment: Assignment) -> dict[str, dict[str, Any]]:
    """Form data for `rubric`; criteria it leaves out show the assignment's or the default numbers."""
    used = {item.id: item for item in rubric.items}
    standard = {item.id: item for item in assignment.rubric.items}
    data: dict[str, dict[str, Any]] = {}
    for cid in criteria_order(assignment):
        item = used.get(cid) or standard.get(cid) or RubricItem(cid)
        entry: dict[str, Any] = {"enabled": cid in used, "weight": decimal_text(item.weight)}
        entry.update({key: form_value(value) for key, value in item.settings.items()})
        data[cid] = entry
    return data


@dataclass
class Reading:
    """The rubric read from the form: `rubric` is None when a field has an error (the errors
    are on the fields) or when no criterion is switched on (`none_chosen`)."""

    rubric: Rubric | None
    none_chosen: bool = False


def read_rubric(form, assignment: Assignment) -> Reading:
    """Check the criteria part of the settings form and build the Rubric. Errors go next to
    their field, in Dutch; what was typed stays in the form."""
    standard = {item.id: item for item in assignment.rubric.items}
    criteria: dict[str, dict[str, Any]] = {}
    ok = True
    for cid in criteria_order(assignment):
        sub = form[cid]
        if not sub.enabled.data:
            continue
        criterion = CRITERIA[cid]
        values: dict[str, Any] = {}
        weight = _read_weight(sub.weight)
        ok = ok and weight is not None
        for param in criterion.params:
            value = _read_param(sub[param.key], param)
            if value is None:
                ok = False
            else:
                values[param.key] = value
        ok = _check_declared_rules(sub, criterion, values) and ok
        explicit = set(standard[cid].params) if cid in standard else set()
        entry: dict[str, Any] = {"weight": _plain(weight) if weight is not None else 1}
        entry.update({key: value for key, value in values.items()
                      if key in explicit or value != criterion.defaults[key]})
        criteria[cid] = entry
    if not criteria:
        return Reading(None, none_chosen=True)
    if not ok:
        return Reading(None)
    try:
        rubric = Rubric.from_config({"criteria": criteria})
        return Reading(assignment.rubric.with_criteria(rubric))  # the assignment's own stage words stay
    except RubricError as exc:
        _attach_rubric_error(form, str(exc))
        return Reading(None)


def stored_config(rubric: Rubric, assignment: Assignment) -> str | None:
    """What ClassAssignment.rubric_config holds for `rubric`: None when it is the assignment's."""
    if rubric.version == assignment.rubric.version:
        return None
    return json.dumps(rubric.to_config(), ensure_ascii=False)  # keeps the order of the criteria


def _plain(number: float) -> float | int:
    return int(number) if float(number).is_integer() else number


def _read_weight(field) -> float | None:
    try:
        number = parse_decimal(field.data)
    except ValueError:
        field.errors.append(_("Vul een getal in, bijvoorbeeld 1 of 1,5."))
        return None
    if not 0 < number <= WEIGHT_MAX:
        field.errors.append(_("Het gewicht moet groter dan 0 zijn en hoogstens %(max)d.", max=WEIGHT_MAX))
        return None
    return float(number)


def _read_param(field, param: Param) -> Any:
    """A number typed in the form: shares as a percentage, checked against the criterion's
    declared range (the same rules as the TOML loader)."""
    if param.kind == BOOL:
        return bool(field.data)
    try:
        number = parse_decimal(field.data)
    except ValueError:
        field.errors.append(_("Vul een percentage in, bijvoorbeeld 75.") if param.kind == SHARE
                            else _("Vul een heel getal in, bijvoorbeeld %(example)d.", example=param.default))
        return None
    if param.kind == SHARE:
        if not 0 <= number <= 100:
            field.errors.append(_("Vul een percentage van 0 tot 100 in."))
            return None
        return float(number / 100)
    if number != number.to_integral_value():
        field.errors.append(_("Vul een heel getal van %(low)d tot %(high)d in.", low=param.low, high=param.high))
        return None
    return int(number)


def _check_declared_rules(sub, criterion: Criterion, values: Mapping[str, Any]) -> bool:
    """The criterion's own rules (ranges, "voldoende <= goed"), their Dutch sentence next to the field."""
    problems = criterion.problems(values)
    for key, text in problems:
        sub[key].errors.append(text)
    return not problems


def _attach_rubric_error(form, message: str) -> None:
    """Put a grader RubricError ("rubric.criteria.<id>.<key>: ...") next to the field it names."""
    path, _sep, text = message.partition(": ")
    parts = path.split(".")
    text = text or message
    if len(parts) >= 3 and parts[0] == "rubric" and parts[1] == "criteria" and parts[2] in CRITERIA:
        sub = form[parts[2]]
        key = parts[3] if len(parts) > 3 else "enabled"
        target = sub[key] if key in sub.form else sub.enabled
        target.errors.append(text)
        return
    form.rubric_errors.append(text)


# --------------------------------------------------------------------------- preview


@dataclass(frozen=True)
class PreviewRow:
    id: str
    title: str
    weight: str
    optional: bool
    levels: tuple[tuple[int, str, str], ...]  # (level, word, descriptor)


def preview(rubric: Rubric) -> list[PreviewRow]:
    """The rubric's level descriptors, with this rubric's numbers filled in."""
    return [
        PreviewRow(
            id=item.id, title=item.criterion.title, weight=decimal_text(item.weight),
            optional=item.criterion.optional,
            levels=tuple((level, LEVEL_NAMES[level], text) for level, text in enumerate(item.descriptors())),
        )
        for item in rubric.items
    ]
