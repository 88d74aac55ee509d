"""Between the step forms and the journey data: what a step's form shows (form_data) and taking
the posted fields over into the data (merge).

Saving a step only takes the fields that were posted and passed their check: a wrong value
never replaces what was saved before (the form shows it with a message instead).
"""
from __future__ import annotations

import copy
from typing import Any

from flask_babel import gettext as _

from . import forms as f
from .journey_data import PERSONA_LINES, PERSONA_TEXT, TOUCHPOINT_TEXT, empty_phase, empty_touchpoint

# --------------------------------------------------------------------------- data -> form


def form_data(data: dict[str, Any], step: str) -> dict[str, Any]:
    """What the step's form shows for this draft (the `data=` of the form)."""
    persona = data["persona"]
    if step == "persona":
        return {
            "name": persona["name"], "age": "" if persona["age"] is None else str(persona["age"]),
            "description": persona["description"], "goals": "\n".join(persona["goals"]),
            "frustrations": "\n".join(persona["frustrations"]), "quote": persona["quote"],
            **{name: "\n".join(persona["empathy_map"][key]) for key, name in f.EMPATHY_FIELDS.items()},
        }
    if step == "trigger":
        return {"trigger": data["trigger"]}
    if step == "phases":
        return {"phases": [
            {"name": p["name"], "description": p["description"], "stage": p["stage"] or ""} for p in data["phases"]
        ]}
    if step == "touchpoints":
        return {"phases": [{"present": "1", "touchpoints": [
            {**{key: tp[key] for key in TOUCHPOINT_TEXT},
             "emotion": "" if tp["emotion"] is None else str(tp["emotion"]), "source": tp["source"] or ""}
            for tp in p["touchpoints"]
        ]} for p in data["phases"]]}
    if step == "moments":
        return {"phases": [{"present": "1", "touchpoints": [
            {"present": "1", "moment_of_truth": tp["moment_of_truth"],
             "moment_of_truth_reason": tp["moment_of_truth_reason"]}
            for tp in p["touchpoints"]
        ]} for p in data["phases"]]}
    if step == "improve":
        return {"phases": [{"present": "1", "touchpoints": [
            {"present": "1", "desired_situation": tp["desired_situation"],
             "desired_emotion": "" if tp["desired_emotion"] is None else str(tp["desired_emotion"])}
            for tp in p["touchpoints"]
        ]} for p in data["phases"]]}
    return {}


# --------------------------------------------------------------------------- form -> data


def _posted(field) -> bool:
    """The field was in the post and passed its checks."""
    return bool(field.raw_data) and not field.errors


def _clean(field) -> str:
    return (field.data or "").strip()


def _clean_lines(field) -> list[str]:
    return [line.strip() for line in (field.data or "").split("\n") if line.strip()]


def _number(field) -> int | None:
    """A checked whole-number field: its number, or None when left empty."""
    text = _clean(field)
    return int(text) if text else None


def merge(data: dict[str, Any], step: str, form: f.StepForm) -> dict[str, Any]:
    """A copy of `data` with the valid posted fields of `form` (already validated) taken over."""
    data = copy.deepcopy(data)
    if step == "persona":
        persona = data["persona"]
        for key in PERSONA_TEXT:
            if _posted(form[key]):
                persona[key] = _clean(form[key])
        if _posted(form.age):
            persona["age"] = _number(form.age)
        for key in PERSONA_LINES:
            if _posted(form[key]):
                persona[key] = _clean_lines(form[key])
        for key, name in f.EMPATHY_FIELDS.items():
            if _posted(form[name]):
                persona["empathy_map"][key] = _clean_lines(form[name])
    elif step == "trigger":
        if _posted(form.trigger):
            data["trigger"] = _clean(form.trigger)
    elif step == "phases":
        _merge_phases(data, form)
    elif step == "touchpoints":
        _merge_touchpoints(data, form)
    elif step == "moments":
        _merge_moments(data, form)
    elif step == "improve":
        _merge_improve(data, form)
    return data


def unplaced(data: dict[str, Any], step: str, form: f.StepForm) -> bool:
    """The post has fields for a phase or touchpoint that the draft does not have (e.g. the phases
    were never saved because the database was down): merge() would drop them. Such a post must be
    refused, never answered with "saved"."""
    if step not in ("touchpoints", "moments", "improve"):
        return False
    phases = data["phases"]
    if len(form.phases.entries) > len(phases):
        return True
    if step in ("moments", "improve"):
        return any(len(entry.form.touchpoints.entries) > len(phases[i]["touchpoints"])
                   for i, entry in enumerate(form.phases.entries))
    return False


def unplaced_message() -> str:
    return _("Deze fase bestaat niet meer. Laad de pagina opnieuw. Wat je net typte, is niet opgeslagen.")


def _merge_phases(data: dict[str, Any], form: f.PhasesForm) -> None:
    """The posted phases are the list of phases; their touchpoints stay with them by position."""
    if not form.phases.entries:  # nothing posted: keep the phases (removing goes through a button)
        return
    old = data["phases"]
    phases = []
    for i, entry in enumerate(form.phases.entries):
        phase = copy.deepcopy(old[i]) if i < len(old) else empty_phase()
        sub = entry.form
        for key in ("name", "description"):
            if _posted(sub[key]):
                phase[key] = _clean(sub[key])
        if _posted(sub.stage):
            phase["stage"] = sub.stage.data or None
        phases.append(phase)
    data["phases"] = phases


def _merge_touchpoints(data: dict[str, Any], form: f.TouchpointsForm) -> None:
    for i, entry in enumerate(form.phases.entries):
        if i >= len(data["phases"]):
            break
        phase = data["phases"][i]
        old = phase["touchpoints"]
        touchpoints = []
        for j, tp_entry in enumerate(entry.form.touchpoints.entries):
            tp = copy.deepcopy(old[j]) if j < len(old) else empty_touchpoint()
            sub = tp_entry.form
            for key in TOUCHPOINT_TEXT:
                if _posted(sub[key]):
                    tp[key] = _clean(sub[key])
            if _posted(sub.emotion):
                tp["emotion"] = _number(sub.emotion)
            if _posted(sub.source):
                tp["source"] = sub.source.data or None
            touchpoints.append(tp)
        phase["touchpoints"] = touchpoints


def _merge_moments(data: dict[str, Any], form: f.MomentsForm) -> None:
    """Moments never change the structure: only existing touchpoints are updated."""
    for i, entry in enumerate(form.phases.entries):
        if i >= len(data["phases"]):
            break
        old = data["phases"][i]["touchpoints"]
        for j, tp_entry in enumerate(entry.form.touchpoints.entries):
            if j >= len(old):
                break
            sub = tp_entry.form
            if sub.present.raw_data:
                old[j]["moment_of_truth"] = bool(sub.moment_of_truth.data)
            if _posted(sub.moment_of_truth_reason):
                old[j]["moment_of_truth_reason"] = _clean(sub.moment_of_truth_reason)


def _merge_improve(data: dict[str, Any], form: f.ImprovesForm) -> None:
    """The desired journey never changes the structure: only existing touchpoints are updated."""
    for i, entry in enumerate(form.phases.entries):
        if i >= len(data["phases"]):
            break
        old = data["phases"][i]["touchpoints"]
        for j, tp_entry in enumerate(entry.form.touchpoints.entries):
            if j >= len(old):
                break
            sub = tp_entry.form
            if _posted(sub.desired_situation):
                old[j]["desired_situation"] = _clean(sub.desired_situation)
            if _posted(sub.desired_emotion):
                old[j]["desired_emotion"] = _number(sub.desired_emotion)
