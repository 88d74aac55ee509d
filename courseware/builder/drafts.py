"""Drafts: the builder's data shape, converting it to and from the step forms, the add/remove/
move buttons, and saving with a version number.

The draft data is a `klantreis/1` value in which every key is present::

    {"format": "klantreis/1", "assignment": "open-dag", "title": "...", "trigger": "...",
     "persona": {"name": "", "age": None, "description": "", "goals": [], "frustrations": [], "quote": "",
                 "empathy_map": {"says": [], "thinks": [], "does": [], "feels": [], "pains": [], "gains": []}},
     "phases": [{"name": "", "stage": None, "description": "",
                 "touchpoints": [{"name": "", "channel": "", "description": "", "emotion": None,
                                  "moment_of_truth": False, "moment_of_truth_reason": "",
                                  "pain": "", "gain": "", "service": "", "source": None,
                                  "desired_situation": "", "desired_emotion": None}]}]}

Saving a step only takes the fields that were posted and passed their check: a wrong value
never replaces what was saved before (the form shows it with a message instead).
"""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from assignments import Assignment
from grader import DUTCH_FIELD, EMPATHY_LABELS, FORMAT, SOURCE_LABELS, STAGES, Journey, low_scores, parse_journey

from ..extensions import db
from ..models import Draft, User
from ..models.accounts import utcnow
from . import forms as f
from .steps import MAX_PHASES, MAX_TOUCHPOINTS_PER_PHASE, Action, furthest

PERSONA_TEXT = ("name", "description", "quote")
PERSONA_LINES = ("goals", "frustrations")
TOUCHPOINT_TEXT = ("name", "channel", "description", "pain", "gain", "service")
# Every text of a touchpoint in the draft, whichever step writes it.
TOUCHPOINT_TEXTS = (*TOUCHPOINT_TEXT, "moment_of_truth_reason", "desired_situation")
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
    for raw_phase in phases:
        if not isinstance(raw_phase, dict):
            continue
        stage = raw_phase.get("stage")
        phase = {
            "name": _str(raw_phase.get("name")),
            "stage": stage if stage in STAGES else None,
            "description": _str(raw_phase.get("description")),
            "touchpoints": [],
        }
        touchpoints = raw_phase.get("touchpoints") if isinstance(raw_phase.get("touchpoints"), list) else []
        for raw_tp in touchpoints:
            if not isinstance(raw_tp, dict):
                continue
            tp = empty_touchpoint()
            for key in TOUCHPOINT_TEXTS:
                tp[key] = _str(raw_tp.get(key))
            tp["emotion"] = _int(raw_tp.get("emotion"), 1, 10)
            tp["desired_emotion"] = _int(raw_tp.get("desired_emotion"), 1, 10)
            tp["moment_of_truth"] = raw_tp.get("moment_of_truth") is True
            tp["source"] = raw_tp.get("source") if raw_tp.get("source") in SOURCE_LABELS else None
            phase["touchpoints"].append(tp)
        data["phases"].append(phase)
    return data


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


# --------------------------------------------------------------------------- buttons


@dataclass
class ActionResult:
    data: dict[str, Any]
    anchor: str = ""
    message: str = ""  # a flash, e.g. a limit that was reached
    category: str = "info"


def apply_action(data: dict[str, Any], action: Action) -> ActionResult:
    """Add, remove or move a phase or touchpoint. Out-of-range indexes change nothing."""
    data = copy.deepcopy(data)
    phases = data["phases"]
    i, j = action.phase, action.touchpoint
    name = action.name

    if name == "add_phase":
        if len(phases) >= MAX_PHASES:
            return ActionResult(data, "fasen", _("Je hebt al %(max)d fasen. Meer kan niet.", max=MAX_PHASES), "warning")
        phases.append(empty_phase())
        return ActionResult(data, f"fase-{len(phases)}")
    if i is None or not 0 <= i < len(phases):
        return ActionResult(data)
    if name == "remove_phase":
        removed = phases.pop(i)
        label = removed["name"] or _("zonder naam")
        count = len(removed["touchpoints"])
        message = _("Fase ‘%(name)s’ is weggehaald.", name=label)
        if count:
            message += " " + _("De %(count)d contactmomenten van deze fase zijn ook weg.", count=count)
        return ActionResult(data, f"fase-{i}" if i else "fasen", message, "info")
    if name in ("up_phase", "down_phase"):
        k = i - 1 if name == "up_phase" else i + 1
        if 0 <= k < len(phases):
            phases[i], phases[k] = phases[k], phases[i]
            return ActionResult(data, f"fase-{k + 1}")
        return ActionResult(data, f"fase-{i + 1}")

    touchpoints = phases[i]["touchpoints"]
    if name == "add_touchpoint":
        if len(touchpoints) >= MAX_TOUCHPOINTS_PER_PHASE:
            return ActionResult(data, f"fase-{i + 1}", _(
                "Deze fase heeft al %(max)d contactmomenten. Meer kan niet.", max=MAX_TOUCHPOINTS_PER_PHASE), "warning")
        touchpoints.append(empty_touchpoint())
        return ActionResult(data, f"cm-{i + 1}-{len(touchpoints)}")
    if j is None or not 0 <= j < len(touchpoints):
        return ActionResult(data, f"fase-{i + 1}")
    if name == "remove_touchpoint":
        removed = touchpoints.pop(j)
        label = removed["name"] or _("zonder naam")
        return ActionResult(data, f"fase-{i + 1}", _("Contactmoment ‘%(name)s’ is weggehaald.", name=label))
    if name == "up_touchpoint":
        if j > 0:
            touchpoints[j - 1], touchpoints[j] = touchpoints[j], touchpoints[j - 1]
            return ActionResult(data, f"cm-{i + 1}-{j}")
        if i > 0:  # the first one moves to the end of the phase before
            target = phases[i - 1]["touchpoints"]
            if len(target) >= MAX_TOUCHPOINTS_PER_PHASE:
                return ActionResult(data, f"cm-{i + 1}-1", _(
                    "De fase ervoor heeft al %(max)d contactmomenten.", max=MAX_TOUCHPOINTS_PER_PHASE), "warning")
            target.append(touchpoints.pop(0))
            return ActionResult(data, f"cm-{i}-{len(target)}")
        return ActionResult(data, f"cm-{i + 1}-1")
    if name == "down_touchpoint":
        if j < len(touchpoints) - 1:
            touchpoints[j + 1], touchpoints[j] = touchpoints[j], touchpoints[j + 1]
            return ActionResult(data, f"cm-{i + 1}-{j + 2}")
        if i < len(phases) - 1:  # the last one moves to the start of the phase after
            target = phases[i + 1]["touchpoints"]
            if len(target) >= MAX_TOUCHPOINTS_PER_PHASE:
                return ActionResult(data, f"cm-{i + 1}-{j + 1}", _(
                    "De fase erna heeft al %(max)d contactmomenten.", max=MAX_TOUCHPOINTS_PER_PHASE), "warning")
            target.insert(0, touchpoints.pop())
            return ActionResult(data, f"cm-{i + 2}-1")
        return ActionResult(data, f"cm-{i + 1}-{j + 1}")
    return ActionResult(data)


# --------------------------------------------------------------------------- saving


@dataclass
class SaveResult:
    draft: Draft
    # The form was loaded from an older version (another tab or device saved in between) and
    # would change the draft: nothing was written. The caller keeps the typed fields as a conflict.
    stale: bool
    saved: bool = True

    @property
    def conflict(self) -> bool:
        return self.stale and not self.saved


def parse_version(raw: Any) -> int | None:
    text = str(raw or "").strip()
    return int(text) if text.isdecimal() and len(text) < 10 else None


def save(user: User, assignment: Assignment, data: dict[str, Any], *, step: str | None,
         loaded_version: int | None) -> SaveResult:
    """Store `data` as the student's draft, bump the version and commit.

    `loaded_version` is the version the form was loaded with (None: unknown, never stale).
    A stale save that would change the draft is NOT stored: the result says `conflict`, and
    the caller lets the student choose (see courseware.builder.conflicts). A save that changes
    nothing (same data, no further step) writes nothing and keeps the version.

    The write is a compare-and-swap on the version, so two saves at the same moment cannot
    both win: the one that loses counts as stale.
    """
    value = normalise(data, assignment)
    for _try in range(3):
        draft = Draft.find(user.id, assignment.id)
        if draft is None:
            if loaded_version:  # loaded from a draft that is gone now: nothing to overwrite
                loaded_version = None
            draft = Draft(user_id=user.id, assignment_id=assignment.id, version=1,
                          step=furthest("persona", step) if step else "persona", updated_at=utcnow())
            draft.journey_data = value
            db.session.add(draft)
            try:
                db.session.commit()
            except IntegrityError:  # another tab created it a moment ago
                db.session.rollback()
                continue
            return SaveResult(draft, stale=False)
        new_step = furthest(draft.step, step) if step else draft.step
        same = value == draft_data(draft, assignment)
        if same and new_step == draft.step:
            return SaveResult(draft, stale=False)  # nothing changed: nothing to save, nothing to warn about
        if not same and loaded_version is not None and loaded_version != draft.version:
            return SaveResult(draft, stale=True, saved=False)
        version = draft.version or 0
        written = db.session.execute(
            update(Draft).where(Draft.id == draft.id, Draft.version == version)
            .values(data=json.dumps(value, ensure_ascii=False, separators=(",", ":")), version=version + 1,
                    step=new_step, updated_at=utcnow())
            .execution_options(synchronize_session=False)
        ).rowcount
        db.session.commit()
        db.session.refresh(draft)
        if written:
            return SaveResult(draft, stale=False)
        if not same and loaded_version is not None:  # another save won the race: this one is stale now
            return SaveResult(draft, stale=True, saved=False)
    raise RuntimeError("the draft kept changing while saving")


def conflict_message() -> str:
    return _("Je hebt deze klantreis ook in een ander tabblad of op een ander apparaat veranderd. "
             "Wat je hier typte is nog niet bewaard. Kies welke versie je wilt houden.")


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
