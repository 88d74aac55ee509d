"""The journey data of the builder: its shape, reading any stored or uploaded value into that
shape (normalise), exporting it as `klantreis/1`, the builder's limits, and what the check and
improve steps read from it.

The draft data is a `klantreis/1` value in which every key is present::

    {"format": "klantreis/1", "assignment": "open-dag", "title": "...", "trigger": "...",
     "persona": {"name": "", "age": None, "description": "", "goals": [], "frustrations": [], "quote": "",
                 "empathy_map": {"says": [], "thinks": [], "does": [], "feels": [], "pains": [], "gains": []}},
     "phases": [{"name": "", "stage": None, "description": "",
                 "touchpoints": [{"name": "", "channel": "", "description": "", "emotion": None,
                                  "moment_of_truth": False, "moment_of_truth_reason": "",
                                  "pain": "", "gain": "", "service": "", "source": None,
                                  "desired_situation": "", "desired_emotion": None}]}]}
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _

from assignments import Assignment
from grader import DUTCH_FIELD, EMPATHY_LABELS, FORMAT, SOURCE_LABELS, STAGES, Journey, low_scores, parse_journey

from ..models import Draft
from . import forms as f
from .steps import MAX_PHASES, MAX_TOUCHPOINTS_PER_PHASE

PERSONA_TEXT = ("name", "description", "quote")
PERSONA_LINES = ("goals", "frustrations")
TOUCHPOINT_TEXT = ("name", "channel", "description", "pain", "gain", "service")
# Every text of a touchpoint in the draft, whichever step writes it.
TOUCHPOINT_TEXTS = (*TOUCHPOINT_TEXT, "moment_of_truth_reason", "desired_situation")
# The last phase or touchpoint that was removed, kept in the draft for one undo:
# {"what": "phase" | "touchpoint", "phase": i, "index": j (touchpoints only), "item": {...}}.
# It stays until the next remove or its undo (builder/actions.py); it never leaves the builder (see _export_value).
REMOVED = "_removed"
TEXT_LIMITS = {
    "title": f.NAME_MAX, "trigger": f.TEXT_MAX,
    "persona.name": f.NAME_MAX, "persona.description": f.TEXT_MAX, "persona.quote": f.QUOTE_MAX,
    "phase.name": f.NAME_MAX, "phase.description": f.TEXT_MAX,
    "touchpoint.name": f.NAME_MAX, "touchpoint.channel": f.CHANNEL_MAX, "touchpoint.description": f.TEXT_MAX,
    "touchpoint.pain": f.TEXT_MAX, "touchpoint.gain": f.TEXT_MAX, "touchpoint.service": f.TEXT_MAX,
    "touchpoint.moment_of_truth_reason": f.TEXT_MAX, "touchpoint.desired_situation": f.TEXT_MAX,
}


# --------------------------------------------------------------------------- the data shape


def empty_persona() -> dict[str, Any]:
    return {"name": "", "age": None, "description": "", "goals": [], "frustrations": [], "quote": "",
            "empathy_map": {key: [] for key in EMPATHY_LABELS}}


def empty_phase() -> dict[str, Any]:
    return {"name": "", "stage": None, "description": "", "touchpoints": []}


def empty_touchpoint() -> dict[str, Any]:
    return {
        "name": "", "channel": "", "description": "", "emotion": None, "moment_of_truth": False,
        "moment_of_truth_reason": "", "pain": "", "gain": "", "service": "", "source": None,
        "desired_situation": "", "desired_emotion": None,
    }


def empty_data(assignment: Assignment) -> dict[str, Any]:
    return {
        "format": FORMAT, "assignment": assignment.id, "title": assignment.title, "trigger": "",
        "persona": empty_persona(), "phases": [],
    }


def _str(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _int(value: Any, low: int, high: int) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if low <= value <= high else None


def _lines(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [item.strip() for item in value if isinstance(item, str) and item.strip()]


def normalise(raw: Any, assignment: Assignment) -> dict[str, Any]:
    """Any stored or uploaded value in the builder's full shape (unknown keys dropped)."""
    raw = raw if isinstance(raw, dict) else {}
    data = empty_data(assignment)
    data["title"] = _str(raw.get("title")) or assignment.title
    data["trigger"] = _str(raw.get("trigger"))
    persona = raw.get("persona") if isinstance(raw.get("persona"), dict) else {}
    empathy = persona.get("empathy_map") if isinstance(persona.get("empathy_map"), dict) else {}
    data["persona"] = {
        "name": _str(persona.get("name")),
        "age": _int(persona.get("age"), 0, 120),
        "description": _str(persona.get("description")),
        "goals": _lines(persona.get("goals")),
        "frustrations": _lines(persona.get("frustrations")),
        "quote": _str(persona.get("quote")),
        "empathy_map": {key: _lines(empathy.get(key)) for key in EMPATHY_LABELS},
    }
    phases = raw.get("phases") if isinstance(raw.get("phases"), list) else []
    data["phases"] = [_phase(raw_phase) for raw_phase in phases if isinstance(raw_phase, dict)]
    removed = _removed(raw.get(REMOVED))
    if removed is not None:
        data[REMOVED] = removed
    return data


def _phase(raw: dict[str, Any]) -> dict[str, Any]:
    stage = raw.get("stage")
    touchpoints = raw.get("touchpoints") if isinstance(raw.get("touchpoints"), list) else []
    return {
        "name": _str(raw.get("name")),
        "stage": stage if stage in STAGES else None,
        "description": _str(raw.get("description")),
        "touchpoints": [_touchpoint(raw_tp) for raw_tp in touchpoints if isinstance(raw_tp, dict)],
    }


def _touchpoint(raw: dict[str, Any]) -> dict[str, Any]:
    tp = empty_touchpoint()
    for key in TOUCHPOINT_TEXTS:
        tp[key] = _str(raw.get(key))
    tp["emotion"] = _int(raw.get("emotion"), 1, 10)
    tp["desired_emotion"] = _int(raw.get("desired_emotion"), 1, 10)
    tp["moment_of_truth"] = raw.get("moment_of_truth") is True
    tp["source"] = raw.get("source") if raw.get("source") in SOURCE_LABELS else None
    return tp


def _removed(raw: Any) -> dict[str, Any] | None:
    """The last removed phase or touchpoint with its old place, or None when it is not whole."""
    if not isinstance(raw, dict) or not isinstance(raw.get("item"), dict):
        return None
    phase = _int(raw.get("phase"), 0, 999)
    if phase is None:
        return None
    if raw.get("what") == "phase":
        return {"what": "phase", "phase": phase, "index": None, "item": _phase(raw["item"])}
    index = _int(raw.get("index"), 0, 999)
    if raw.get("what") == "touchpoint" and index is not None:
        return {"what": "touchpoint", "phase": phase, "index": index, "item": _touchpoint(raw["item"])}
    return None


def _has_persona(persona: dict[str, Any]) -> bool:
    """Something of the persona is filled in (its empathy map counts too)."""
    return (any(persona.get(key) for key in ("name", "description", "goals", "frustrations", "quote"))
            or persona.get("age") is not None or any((persona.get("empathy_map") or {}).values()))


def is_empty(data: dict[str, Any]) -> bool:
    return not (data.get("phases") or data.get("trigger") or _has_persona(data.get("persona") or {}))


def draft_data(draft: Draft | None, assignment: Assignment) -> dict[str, Any]:
    return normalise(draft.journey_data if draft else {}, assignment)


def to_journey(data: dict[str, Any]) -> Journey:
    """The draft as a grader Journey. Draft data only ever holds checked values, so this parses."""
    return parse_journey(_export_value(data))


def export(data: dict[str, Any]) -> dict[str, Any]:
    """The draft as a tidy `klantreis/1` value for downloading: empty optional fields left out."""
    return to_journey(data).to_dict()


def _export_value(data: dict[str, Any]) -> dict[str, Any]:
    value = copy.deepcopy(data)
    value.pop(REMOVED, None)  # only the builder's undo uses it: never in a download, hand-in or grading
    if not _has_persona(value.get("persona") or {}):
        value.pop("persona", None)
    return value


def limit_problems(data: dict[str, Any]) -> list[str]:
    """What the builder cannot hold (too many phases, too long texts), in Dutch with the path."""
    problems: list[str] = []

    def check(path: str, text: str, kind: str) -> None:
        limit = TEXT_LIMITS[kind]
        if len(text) > limit:
            problems.append(_("%(path)s: is te lang (%(count)d tekens). Hoogstens %(max)d tekens.",
                              path=path, count=len(text), max=limit))

    check("titel", data["title"], "title")
    check("trigger", data["trigger"], "trigger")
    for key in PERSONA_TEXT:
        check(f"persona.{_dutch(key)}", data["persona"][key], f"persona.{key}")
    lists = [(f"persona.{_dutch(key)}", data["persona"][key]) for key in PERSONA_LINES]
    lists += [(f"persona.{_dutch('empathy_map')}.{_dutch(key)}", data["persona"]["empathy_map"][key])
              for key in EMPATHY_LABELS]
    for path, lines in lists:
        if len(lines) > f.LINES_MAX:
            problems.append(_("%(path)s: te veel regels (%(count)d). Hoogstens %(max)d.",
                              path=path, count=len(lines), max=f.LINES_MAX))
        for i, line in enumerate(lines):
            if len(line) > f.LINE_MAX:
                problems.append(_("%(path)s: is te lang (%(count)d tekens). Hoogstens %(max)d tekens.",
                                  path=f"{path}[{i}]", count=len(line), max=f.LINE_MAX))
    if len(data["phases"]) > MAX_PHASES:
        problems.append(_("fasen: te veel fasen (%(count)d). In de bouwer kunnen hoogstens %(max)d fasen.",
                          count=len(data["phases"]), max=MAX_PHASES))
    for i, phase in enumerate(data["phases"][:MAX_PHASES]):
        check(f"fasen[{i}].naam", phase["name"], "phase.name")
        check(f"fasen[{i}].beschrijving", phase["description"], "phase.description")
        if len(phase["touchpoints"]) > MAX_TOUCHPOINTS_PER_PHASE:
            problems.append(_(
                "fasen[%(index)d].contactmomenten: te veel contactmomenten (%(count)d). "
                "In de bouwer kunnen hoogstens %(max)d per fase.",
                index=i, count=len(phase["touchpoints"]), max=MAX_TOUCHPOINTS_PER_PHASE))
        for j, tp in enumerate(phase["touchpoints"][:MAX_TOUCHPOINTS_PER_PHASE]):
            for key in TOUCHPOINT_TEXTS:
                check(f"fasen[{i}].contactmomenten[{j}].{_dutch(key)}", tp[key], f"touchpoint.{key}")
    return problems[:20]


def _dutch(key: str) -> str:
    return DUTCH_FIELD.get(key, key)


def summary(data: dict) -> dict:
    """What the check step counts in a draft: the persona, the trigger, phases, touchpoints, moments."""
    touchpoints = [tp for phase in data["phases"] for tp in phase["touchpoints"]]
    persona = data["persona"]
    return {
        "persona": persona["name"],
        "has_goal": bool(persona["goals"]),
        "has_frustration": bool(persona["frustrations"]),
        "trigger": bool(data["trigger"]),
        "phases": len(data["phases"]),
        "touchpoints": len(touchpoints),
        "scored": sum(tp["emotion"] is not None for tp in touchpoints),
        "moments": sum(tp["moment_of_truth"] for tp in touchpoints),
        "desired": sum(bool(tp["desired_situation"]) for tp in touchpoints),
        "empty_phases": [p["name"] or _("zonder naam") for p in data["phases"] if not p["touchpoints"]],
    }


# --------------------------------------------------------------------------- the improve step


@dataclass(frozen=True)
class Target:
    """A touchpoint on the improve step, with why it comes first (a low point, a moment of truth)."""

    phase: int  # indexes into data["phases"] and the form's entries
    index: int
    phase_name: str
    touchpoint: dict[str, Any]
    low: bool
    moment_of_truth: bool

    @property
    def first(self) -> bool:
        return self.low or self.moment_of_truth


def improvement_targets(data: dict[str, Any], low_emotion: int) -> tuple[list[Target], list[Target]]:
    """The touchpoints to improve first, and the others, in journey order. First come the moments
    of truth and the low points, as the grader's criterion 'improvement' reads them: the dips (a
    score under `low_emotion`, the criterion's setting); without a dip, the lowest score when it is
    under the expected 7 (grader.low_scores)."""
    low = low_scores((tp["emotion"] for phase in data["phases"] for tp in phase["touchpoints"]), low_emotion)
    targets = [
        Target(i, j, phase["name"], tp, tp["emotion"] in low, tp["moment_of_truth"])
        for i, phase in enumerate(data["phases"]) for j, tp in enumerate(phase["touchpoints"])
    ]
    return [t for t in targets if t.first], [t for t in targets if not t.first]
