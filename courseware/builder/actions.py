"""The structural buttons of the builder: add, remove and move phases and touchpoints. One code
path for every caller; each works on a copy of the journey data and never saves.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext

from .journey_data import REMOVED, empty_phase, empty_touchpoint
from .steps import MAX_PHASES, MAX_TOUCHPOINTS_PER_PHASE, Action

UNDO_ANCHOR = "weggehaald"  # the id of the notice with the undo button on the step page
_ORIGIN = "_origin"


@dataclass
class ActionResult:
    data: dict[str, Any]
    anchor: str = ""
    message: str = ""  # a flash, e.g. a limit that was reached
    category: str = "info"


def apply_action(data: dict[str, Any], action: Action) -> ActionResult:
    """Add, remove or move a phase or touchpoint, or undo the last remove. Out-of-range indexes
    change nothing. A remove keeps what it removed for one undo, until the next remove: an add or a
    move in between keeps it, and its place follows the move (`_follow`)."""
    data = copy.deepcopy(data)
    removed = data.pop(REMOVED, None)
    if action.name == "undo":
        return _undo(data, removed)
    if removed is not None and not action.name.startswith("remove_"):
        data[REMOVED] = _follow(removed, action, data["phases"])
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
        data[REMOVED] = {"what": "phase", "phase": i, "index": None, "item": phases.pop(i)}
        return ActionResult(data, UNDO_ANCHOR)
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
        data[REMOVED] = {"what": "touchpoint", "phase": i, "index": j, "item": touchpoints.pop(j)}
        return ActionResult(data, UNDO_ANCHOR)
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


def card_id(phase: int, index: int) -> str:
    """The id of a touchpoint card on the step page (and its anchor): "cm-2-1"."""
    return f"cm-{phase + 1}-{index + 1}"


def card_origins(data: dict[str, Any], action: Action) -> dict[str, str]:
    """Where each touchpoint card comes from after `action` on `data`, as {new card id: old card id}.
    An added or restored touchpoint has no entry. The in-place builder keeps each card open or
    folded as it was. Worked out by applying the action itself to a tagged copy, so it always
    agrees with what the action did (limits included)."""
    tagged = copy.deepcopy(data)
    for i, phase in enumerate(tagged["phases"]):
        for j, touchpoint in enumerate(phase["touchpoints"]):
            touchpoint[_ORIGIN] = card_id(i, j)
    after = apply_action(tagged, action).data
    return {card_id(i, j): touchpoint[_ORIGIN]
            for i, phase in enumerate(after["phases"])
            for j, touchpoint in enumerate(phase["touchpoints"]) if _ORIGIN in touchpoint}


def _follow(removed: dict[str, Any], action: Action, phases: list[dict[str, Any]]) -> dict[str, Any]:
    """Where the removed item goes back after an add or a move that comes before its undo: a
    removed touchpoint stays with its phase when that phase moves, and with its neighbours when a
    touchpoint moves into or out of its phase. `phases` is the journey before the action."""
    removed = dict(removed)
    name, i, j = action.name, action.phase, action.touchpoint
    if i is None or not 0 <= i < len(phases):
        return removed
    if name in ("up_phase", "down_phase"):
        k = i - 1 if name == "up_phase" else i + 1
        if removed["what"] == "touchpoint" and 0 <= k < len(phases):
            removed["phase"] = {i: k, k: i}.get(removed["phase"], removed["phase"])
        return removed
    if removed["what"] != "touchpoint" or j is None or not 0 <= j < len(phases[i]["touchpoints"]):
        return removed
    def has_room(k: int) -> bool:  # a move into a full phase is refused and moves nothing
        return len(phases[k]["touchpoints"]) < MAX_TOUCHPOINTS_PER_PHASE

    if name == "up_touchpoint" and j == 0 and i > 0 and removed["phase"] == i and has_room(i - 1):
        removed["index"] = max(removed["index"] - 1, 0)  # the first one went to the phase before
    elif (name == "down_touchpoint" and j == len(phases[i]["touchpoints"]) - 1 and i + 1 < len(phases)
          and removed["phase"] == i + 1 and has_room(i + 1)):
        removed["index"] += 1  # the last one came to the start of the phase after
    return removed


def _undo(data: dict[str, Any], removed: dict[str, Any] | None) -> ActionResult:
    """Put the last removed phase or touchpoint back at its old place (at the end, when its old
    place is no longer there)."""
    phases = data["phases"]
    if removed is None:
        return ActionResult(data, "", _("Ongedaan maken kan niet meer. Je hebt daarna iets anders weggehaald "
                                        "of het al teruggezet."), "warning")
    i, j, item = removed["phase"], removed["index"], removed["item"]
    if removed["what"] == "phase":
        if len(phases) >= MAX_PHASES:
            data[REMOVED] = removed
            return ActionResult(data, UNDO_ANCHOR, _(
                "Je hebt al %(max)d fasen. Haal eerst een fase weg.", max=MAX_PHASES), "warning")
        i = min(i, len(phases))
        phases.insert(i, item)
        return ActionResult(data, f"fase-{i + 1}", _("Fase ‘%(name)s’ staat weer terug.", name=_label(item)), "success")
    if i >= len(phases):
        return ActionResult(data, "", _("Ongedaan maken kan niet meer: de fase van dit contactmoment is weg."),
                            "warning")
    touchpoints = phases[i]["touchpoints"]
    if len(touchpoints) >= MAX_TOUCHPOINTS_PER_PHASE:
        data[REMOVED] = removed
        return ActionResult(data, UNDO_ANCHOR, _(
            "Deze fase heeft al %(max)d contactmomenten. Haal er eerst een weg.", max=MAX_TOUCHPOINTS_PER_PHASE),
            "warning")
    j = min(j, len(touchpoints))
    touchpoints.insert(j, item)
    return ActionResult(data, f"cm-{i + 1}-{j + 1}",
                        _("Contactmoment ‘%(name)s’ staat weer terug.", name=_label(item)), "success")


def _label(item: dict[str, Any]) -> str:
    return item["name"] or _("zonder naam")


def removed_notice(data: dict[str, Any], step: str) -> str:
    """What the step page says above its undo button, or "" when there is nothing to undo there."""
    removed = data.get(REMOVED)
    if removed is None or step != ("phases" if removed["what"] == "phase" else "touchpoints"):
        return ""
    item = removed["item"]
    if removed["what"] == "touchpoint":
        return _("Contactmoment ‘%(name)s’ is weggehaald.", name=_label(item))
    message = _("Fase ‘%(name)s’ is weggehaald.", name=_label(item))
    if item["touchpoints"]:
        message += " " + ngettext("Het contactmoment van deze fase is ook weg.",
                                  "De %(num)d contactmomenten van deze fase zijn ook weg.", len(item["touchpoints"]))
    return message
