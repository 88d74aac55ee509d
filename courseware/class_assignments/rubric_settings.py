"""A class's rubric settings as a teacher sees them: every criterion with a Dutch label and hint
for each of its numbers, shares as percentages, Dutch decimal commas; and back to a
`grader.Rubric` config that is checked by building the Rubric.

Decisions:
- The form lists every criterion of the registry: the assignment's criteria first, in its order,
  then the others. A rubric saved from the form keeps that order.
- A number is stored only when it differs from the criterion's default or the assignment sets it
  too, so saving an unchanged form gives exactly the assignment's rubric (same version). A rubric
  equal to the assignment's is stored as "no class rubric".
- Numbers that depend on each other (minimum <= voldoende <= goed) are checked here; the grader
  only checks each number on its own.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from assignments import Assignment
from grader import Rubric, RubricError, RubricItem
from grader.criteria import LEVEL_NAMES, REGISTRY

INT_RANGE = (0, 500)  # as grader.rubric accepts
WEIGHT_MAX = 100

BOOL, INT, SHARE = "bool", "int", "share"

# (label, hint) per criterion and number. The default is added to the hint from the registry.
PARAM_TEXTS: dict[tuple[str, str], tuple[Any, Any]] = {
    ("phases", "min_phases"): (
        _l("Minimaal aantal fasen"), _l("Minder fasen is niveau 0 (ontbreekt).")),
    ("phases", "sufficient_phases"): (
        _l("Fasen voor voldoende"), _l("Zoveel fasen of meer, elk met een contactmoment, is niveau 2.")),
    ("phases", "good_phases"): (
        _l("Fasen voor goed"), _l("Zoveel fasen of meer, in de goede volgorde, is niveau 3.")),
    ("touchpoints", "sufficient_touchpoints"): (
        _l("Contactmomenten voor voldoende"), _l("Minder contactmomenten is niveau 1.")),
    ("touchpoints", "good_touchpoints"): (
        _l("Contactmomenten voor goed"),
        _l("Voor niveau 3 hebben ze ook allemaal een kanaal en een beschrijving, online én offline.")),
    ("touchpoints", "complete_share"): (
        _l("Deel met kanaal en beschrijving (%)"),
        _l("Voor voldoende heeft minstens dit deel van de contactmomenten een kanaal en een beschrijving.")),
    ("touchpoints", "filled_words"): (
        _l("Woorden voor een beschrijving"), _l("Een beschrijving telt pas mee vanaf zoveel woorden.")),
    ("awareness", "good_touchpoints"): (
        _l("Contactmomenten voor goed"),
        _l("Zoveel contactmomenten in de bewustwordingsfase, met een trigger, is niveau 3.")),
    ("awareness", "filled_words"): (
        _l("Woorden voor de trigger"), _l("De trigger telt pas mee vanaf zoveel woorden.")),
    ("after_sales", "good_touchpoints"): (
        _l("Contactmomenten voor goed"), _l("Zoveel contactmomenten in de after-salesfase is niveau 3.")),
    ("moments_of_truth", "max_share"): (
        _l("Hoogste deel momenten van de waarheid (%)"),
        _l("Zijn meer contactmomenten een moment van de waarheid? Dan is het niveau 1.")),
    ("moments_of_truth", "filled_words"): (
        _l("Woorden voor een reden"), _l("De reden bij een moment van de waarheid telt pas mee vanaf zoveel woorden.")),
    ("moments_of_truth", "substance_words"): (
        _l("Woorden voor een goede reden"), _l("Voor niveau 3 heeft elke reden minstens zoveel woorden.")),
    ("persona", "max_organisation_share"): (
        _l("Hoogste deel vanuit de organisatie (%)"),
        _l("Voor niveau 3 is hoogstens dit deel van de beschrijvingen vanuit de organisatie geschreven.")),
    ("emotion_curve", "min_range"): (
        _l("Verschil tussen hoogste en laagste score"),
        _l("Voor voldoende gaat de curve minstens zoveel punten omhoog en omlaag (scores van 1 tot 10).")),
    ("service_concept", "sufficient_share"): (
        _l("Deel met serviceconcept voor voldoende (%)"),
        _l("Voor voldoende staat bij minstens dit deel van de contactmomenten wat de medewerkers doen.")),
    ("service_concept", "filled_words"): (
        _l("Woorden voor wat medewerkers doen"), _l("Die tekst telt pas mee vanaf zoveel woorden.")),
    ("channel_mix", "sufficient_channels"): (
        _l("Kanalen voor voldoende"), _l("Zoveel verschillende kanalen of meer is niveau 2.")),
    ("channel_mix", "good_channels"): (
        _l("Kanalen voor goed"), _l("Zoveel verschillende kanalen, online én offline, is niveau 3.")),
}

# Numbers with a narrower range than the grader allows.
PARAM_LIMITS: dict[tuple[str, str], tuple[int, int]] = {
    ("emotion_curve", "min_range"): (0, 9),
}

# (criterion, smaller, larger): the larger number may not be below the smaller one.
ORDER_RULES = (
    ("phases", "min_phases", "sufficient_phases"),
    ("phases", "sufficient_phases", "good_phases"),
    ("touchpoints", "sufficient_touchpoints", "good_touchpoints"),
    ("moments_of_truth", "filled_words", "substance_words"),
    ("channel_mix", "sufficient_channels", "good_channels"),
)


def kind_of(default: Any) -> str:
    if isinstance(default, bool):
        return BOOL
    if isinstance(default, int):
        return INT
    return SHARE


def param_label(criterion_id: str, key: str) -> Any:
    texts = PARAM_TEXTS.get((criterion_id, key))
    return texts[0] if texts else key.replace("_", " ").capitalize()


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
            texts = PARAM_TEXTS.get((cid, key))
            shown = _("Standaard: %(value)s.", value=show_value(value))
            entry[key] = f"{texts[1]} {shown}" if texts else shown
        result[cid] = entry
    return result


def int_limits(criterion_id: str, key: str) -> tuple[int, int]:
    return PARAM_LIMITS.get((criterion_id, key), INT_RANGE)


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
    return own + [cid for cid in REGISTRY if cid not in own]


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
        criterion = REGISTRY[cid]
        values: dict[str, Any] = {}
        weight = _read_weight(sub.weight)
        ok = ok and weight is not None
        for key, default in criterion.defaults.items():
            value = _read_param(sub[key], cid, key, default)
            if value is None:
                ok = False
            else:
                values[key] = value
        ok = _check_order(sub, cid, values) and ok
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
        return Reading(Rubric.from_config({"criteria": criteria}))
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


def _read_param(field, cid: str, key: str, default: Any) -> Any:
    kind = kind_of(default)
    if kind == BOOL:
        return bool(field.data)
    try:
        number = parse_decimal(field.data)
    except ValueError:
        field.errors.append(_("Vul een percentage in, bijvoorbeeld 75.") if kind == SHARE
                            else _("Vul een heel getal in, bijvoorbeeld %(example)d.", example=default))
        return None
    if kind == SHARE:
        if not 0 <= number <= 100:
            field.errors.append(_("Vul een percentage van 0 tot 100 in."))
            return None
        return float(number / 100)
    low, high = int_limits(cid, key)
    if number != number.to_integral_value() or not low <= number <= high:
        field.errors.append(_("Vul een heel getal van %(low)d tot %(high)d in.", low=low, high=high))
        return None
    return int(number)


def _check_order(sub, cid: str, values: Mapping[str, Any]) -> bool:
    ok = True
    for rule_cid, smaller, larger in ORDER_RULES:
        if rule_cid != cid or smaller not in values or larger not in values:
            continue
        if values[larger] < values[smaller]:
            sub[larger].errors.append(_(
                "Dit getal mag niet kleiner zijn dan ‘%(other)s’ (%(value)s).",
                other=param_label(cid, smaller), value=show_value(values[smaller])))
            ok = False
    return ok


def _attach_rubric_error(form, message: str) -> None:
    """Put a grader RubricError ("rubric.criteria.<id>.<key>: ...") next to the field it names."""
    path, _sep, text = message.partition(": ")
    parts = path.split(".")
    text = text or message
    if len(parts) >= 3 and parts[0] == "rubric" and parts[1] == "criteria" and parts[2] in REGISTRY:
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
