"""The builder's steps, what each one explains, and the buttons ("actions") a step form can send."""
from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import lazy_gettext as _l

from assignments import BUILDER_STEPS

# Limits of the builder (the grader itself accepts 50 phases and 500 touchpoints).
MAX_PHASES = 12
MAX_TOUCHPOINTS_PER_PHASE = 15


@dataclass(frozen=True)
class Step:
    id: str
    title: object  # lazy string
    explanation: object  # lazy string, Dutch B1
    lesson: str
    optional: bool = False  # the step may be skipped (the step list says so)

    @property
    def number(self) -> int:
        return BUILDER_STEPS.index(self.id) + 1


STEPS: dict[str, Step] = {
    step.id: step for step in (
        Step("persona", _l("Persona"), _l(
            "Een persona is één klant die je bedenkt. Hij of zij hoort bij de doelgroep. "
            "Geef de persona een naam, een doel en iets waar hij of zij last van heeft. "
            "Zo schrijf je de hele reis vanuit één mens."), "doelgroep-en-persona"),
        Step("trigger", _l("Trigger"), _l(
            "De trigger is het moment waarop de reis begint. Er gebeurt iets, en daardoor gaat "
            "de klant iets doen. Beschrijf wat er gebeurt en wat de klant dan denkt of voelt."),
            "bewustwording-en-aftersales"),
        Step("phases", _l("Fasen"), _l(
            "Verdeel de reis in fasen: van vóór het eerste contact tot ná afloop. "
            "Geef elke fase een naam en een korte beschrijving. "
            "Zet de fasen in de goede volgorde."), "fasen-van-de-klantreis"),
        Step("touchpoints", _l("Contactmomenten"), _l(
            "Een contactmoment is een moment waarop de klant de organisatie tegenkomt. "
            "Online of offline. Schrijf bij elk contactmoment het kanaal, wat er gebeurt "
            "en hoe de klant zich voelt: een cijfer van 1 (heel slecht) tot 10 (heel goed)."),
            "contactmomenten-en-kanalen"),
        Step("moments", _l("Momenten van de waarheid"), _l(
            "Een moment van de waarheid is een contactmoment waarop de klant beslist: "
            "dit is goed, of dit is slecht. Kies er een paar. Schrijf bij elk moment waarom "
            "het zo belangrijk is voor de klant."), "momenten-van-de-waarheid"),
        Step("improve", _l("Verbeteren"), _l(
            "Tot nu toe beschreef je de reis zoals hij nu is. Nu bedenk je hoe het beter kan: de gewenste "
            "klantreis. Begin bij de dalen en de momenten van de waarheid. Schrijf wat de "
            "organisatie daar anders doet, en welk cijfer de klant dan geeft. "
            "Deze stap mag je overslaan, behalve als je docent erom vraagt."),
            "momenten-van-de-waarheid", optional=True),
        Step("check", _l("Controleren en inleveren"), _l(
            "Kijk je klantreis na. Met ‘Controleer’ zie je meteen welk cijfer je nu zou krijgen, "
            "en wat je nog kunt verbeteren. Ben je tevreden? Lever dan in. "
            "Daarna kun je nog verbeteren en opnieuw inleveren."), "eigen-mini-klantreis"),
    )
}

STAGE_CHOICES: tuple[tuple[str, object], ...] = (
    ("", _l("Laat de automatische controle kiezen")),
    ("awareness", _l("Bewustwording")),
    ("consideration", _l("Overweging")),
    ("purchase", _l("Aankoop")),
    ("experience", _l("Beleving")),
    ("after_sales", _l("After-sales")),
)
STAGE_LABELS: dict[str, object] = {key: label for key, label in STAGE_CHOICES if key}


def step_url(assignment, step: str, anchor: str = "") -> str:
    """The page of a builder step of `assignment`, at `anchor` if given."""
    return url_for("builder.step", assignment_id=assignment.id, step=step, _anchor=anchor or None)


def neighbour(step_id: str, offset: int) -> str | None:
    index = BUILDER_STEPS.index(step_id) + offset
    return BUILDER_STEPS[index] if 0 <= index < len(BUILDER_STEPS) else None


def furthest(a: str | None, b: str) -> str:
    """The later of two steps."""
    if a not in BUILDER_STEPS:
        return b
    return a if BUILDER_STEPS.index(a) >= BUILDER_STEPS.index(b) else b


@dataclass(frozen=True)
class Action:
    """A button of the step form: `name` plus up to two indexes (phase, touchpoint)."""

    name: str
    phase: int | None = None
    touchpoint: int | None = None
    target: str | None = None  # the step for "goto"

    @property
    def is_structural(self) -> bool:
        return self.name in STRUCTURAL_ACTIONS


STRUCTURAL_ACTIONS = {
    "add_phase", "remove_phase", "up_phase", "down_phase",
    "add_touchpoint", "remove_touchpoint", "up_touchpoint", "down_touchpoint", "undo",
}
# Which step may send which structural action.
ACTION_STEP = {
    "add_phase": "phases", "remove_phase": "phases", "up_phase": "phases", "down_phase": "phases",
    "add_touchpoint": "touchpoints", "remove_touchpoint": "touchpoints",
    "up_touchpoint": "touchpoints", "down_touchpoint": "touchpoints",
}
_INDEXES = {
    "add_phase": 0, "remove_phase": 1, "up_phase": 1, "down_phase": 1,
    "add_touchpoint": 1, "remove_touchpoint": 2, "up_touchpoint": 2, "down_touchpoint": 2,
}
SAVE = Action("save")


def parse_action(raw: str | None, step_id: str) -> Action:
    """Read the pressed button, e.g. "next", "goto:phases", "remove_phase:2", "up_touchpoint:1:0".

    Anything unknown, malformed or meant for another step is a plain save.
    """
    if not raw or len(raw) > 40:
        return SAVE
    name, _, rest = raw.partition(":")
    if name in ("save", "next", "prev", "check", "submit"):
        return Action(name) if not rest else SAVE
    if name == "goto":
        return Action("goto", target=rest) if rest in BUILDER_STEPS else SAVE
    if name == "undo":  # the last remove, of a phase or of a touchpoint
        return Action("undo") if not rest and step_id in ("phases", "touchpoints") else SAVE
    if name not in STRUCTURAL_ACTIONS or ACTION_STEP[name] != step_id:
        return SAVE
    parts = rest.split(":") if rest else []
    if len(parts) != _INDEXES[name] or not all(part.isdecimal() and len(part) < 4 for part in parts):
        return SAVE
    numbers = [int(part) for part in parts]
    return Action(
        name,
        phase=numbers[0] if numbers else None,
        touchpoint=numbers[1] if len(numbers) > 1 else None,
    )
