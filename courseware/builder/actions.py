"""The structural buttons of the builder: add, remove and move phases and touchpoints. One code
path for every caller; each works on a copy of the journey data and never saves.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _

from .journey_data import empty_phase, empty_touchpoint
from .steps import MAX_PHASES, MAX_TOUCHPOINTS_PER_PHASE, Action


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
