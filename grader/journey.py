"""The journey format `klantreis/1`: typed, immutable records and a parser that
checks a decoded JSON/YAML value and explains every problem in Dutch.

Paths in messages use the Dutch field names a student sees in the builder,
e.g. ``fasen[2].contactmomenten[0].emotie``.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .text import clean, fold

FORMAT = "klantreis/1"
STAGES = ("awareness", "consideration", "purchase", "experience", "after_sales")

MAX_PHASES = 50
MAX_TOUCHPOINTS = 500
MAX_LIST_ITEMS = 50
MAX_ERRORS = 20
_ASCII_DIGITS = re.compile(r"[0-9]{1,5}")
# A number used as text has at most this many digits (grader.loading reads longer ones as NaN).
MAX_NUMBER_DIGITS = 30
# Lone UTF-16 surrogates ("\ud800" in JSON) are not text: they cannot be stored or shown.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
INVALID_CHARACTER = "bevat een ongeldig teken (een losse ‘surrogaat’); typ deze tekst opnieuw"

# English key -> Dutch name used in error messages.
DUTCH_FIELD = {
    "format": "formaat",
    "assignment": "opdracht",
    "title": "titel",
    "trigger": "trigger",
    "persona": "persona",
    "name": "naam",
    "age": "leeftijd",
    "description": "beschrijving",
    "goals": "doelen",
    "frustrations": "frustraties",
    "quote": "citaat",
    "phases": "fasen",
    "stage": "soort",
    "touchpoints": "contactmomenten",
    "channel": "kanaal",
    "emotion": "emotie",
    "moment_of_truth": "moment_van_de_waarheid",
    "moment_of_truth_reason": "reden",
    "pain": "pijnpunt",
    "gain": "pluspunt",
    "service": "service",
    "desired_situation": "gewenste_situatie",
    "desired_emotion": "gewenste_emotie",
    "source": "bron",
    "empathy_map": "empathy_map",
    "says": "zegt",
    "thinks": "denkt",
    "does": "doet",
    "feels": "voelt",
    "pains": "pijnpunten",
    "gains": "pluspunten",
}

# Where the insight behind a touchpoint comes from (lesson 7), in the order the builder offers them.
SOURCE_LABELS = {
    "interview": "Interview",
    "observatie": "Observatie (gemba)",
    "mystery_guest": "Mystery guest",
    "enquete": "Enquête",
    "eigen_ervaring": "Eigen ervaring",
}
SOURCES = tuple(SOURCE_LABELS)

# The parts of a persona's empathy map (lesson 7) with the Dutch names students read.
EMPATHY_LABELS = {
    "says": "Zegt",
    "thinks": "Denkt",
    "does": "Doet",
    "feels": "Voelt",
    "pains": "Pijnpunten",
    "gains": "Pluspunten",
}


@dataclass(frozen=True)
class Touchpoint:
    name: str = ""
    channel: str = ""
    description: str = ""
    emotion: int | None = None
    moment_of_truth: bool = False
    moment_of_truth_reason: str = ""
    pain: str = ""
    gain: str = ""
    service: str = ""
    desired_situation: str = ""  # what the organisation should do instead (the desired journey)
    desired_emotion: int | None = None
    source: str | None = None  # a key of SOURCE_LABELS

    def texts(self) -> tuple[str, ...]:
        """The student's own words about this touchpoint."""
        return (self.name, self.description, self.pain, self.gain, self.moment_of_truth_reason)

    def label(self) -> str:
        return self.name or self.description[:40] or "(zonder naam)"


@dataclass(frozen=True)
class Phase:
    name: str = ""
    stage: str | None = None
    description: str = ""
    touchpoints: tuple[Touchpoint, ...] = ()

    def label(self) -> str:
        return self.name or "(fase zonder naam)"


@dataclass(frozen=True)
class EmpathyMap:
    """What the persona says, thinks, does and feels, with pains and gains (lesson 7)."""

    says: tuple[str, ...] = ()
    thinks: tuple[str, ...] = ()
    does: tuple[str, ...] = ()
    feels: tuple[str, ...] = ()
    pains: tuple[str, ...] = ()
    gains: tuple[str, ...] = ()

    def parts(self) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
        """(key, Dutch label, lines) for every part, in the order of EMPATHY_LABELS."""
        return tuple((key, label, getattr(self, key)) for key, label in EMPATHY_LABELS.items())

    def is_empty(self) -> bool:
        return not any(lines for _, _, lines in self.parts())


@dataclass(frozen=True)
class Persona:
    name: str = ""
    age: int | None = None
    description: str = ""
    goals: tuple[str, ...] = ()
    frustrations: tuple[str, ...] = ()
    quote: str = ""
    empathy_map: EmpathyMap | None = None  # None when the journey has none (or only empty parts)


@dataclass(frozen=True)
class Journey:
    phases: tuple[Phase, ...] = ()
    assignment: str = ""
    title: str = ""
    trigger: str = ""
    persona: Persona | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def touchpoints(self) -> Iterator[Touchpoint]:
        for phase in self.phases:
            yield from phase.touchpoints

    def touchpoint_count(self) -> int:
        return sum(len(phase.touchpoints) for phase in self.phases)

    def to_dict(self) -> dict[str, Any]:
        """The journey as a `klantreis/1` value, leaving out empty optional fields."""
        data: dict[str, Any] = {"format": FORMAT}
        for key in ("assignment", "title", "trigger"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        if self.persona is not None:
            p = self.persona
            persona: dict[str, Any] = {"name": p.name}
            if p.age is not None:
                persona["age"] = p.age
            for key in ("description", "quote"):
                if getattr(p, key):
                    persona[key] = getattr(p, key)
            persona["goals"] = list(p.goals)
            persona["frustrations"] = list(p.frustrations)
            if p.empathy_map is not None and not p.empathy_map.is_empty():
                persona["empathy_map"] = {key: list(lines) for key, _, lines in p.empathy_map.parts() if lines}
            data["persona"] = persona
        data["phases"] = [_phase_dict(phase) for phase in self.phases]
        return data


def _phase_dict(phase: Phase) -> dict[str, Any]:
    out: dict[str, Any] = {"name": phase.name}
    if phase.stage:
        out["stage"] = phase.stage
    if phase.description:
        out["description"] = phase.description
    out["touchpoints"] = []
    for tp in phase.touchpoints:
        item: dict[str, Any] = {"name": tp.name}
        for key in ("channel", "description"):
            if getattr(tp, key):
                item[key] = getattr(tp, key)
        if tp.emotion is not None:
            item["emotion"] = tp.emotion
        item["moment_of_truth"] = tp.moment_of_truth
        for key in ("moment_of_truth_reason", "pain", "gain", "service", "desired_situation"):
            if getattr(tp, key):
                item[key] = getattr(tp, key)
        if tp.desired_emotion is not None:
            item["desired_emotion"] = tp.desired_emotion
        if tp.source:
            item["source"] = tp.source
        out["touchpoints"].append(item)
    return out


class JourneyError(ValueError):
    """The input is not a valid `klantreis/1` journey. `errors` lists every problem in Dutch."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


class _Checker:
    """Walks a decoded value and collects Dutch error messages."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def fail(self, path: str, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(f"{path}: {message}" if path else message)

    def text(self, obj: dict, key: str, path: str) -> str:
        value = obj.get(key)
        if type(value) is str and (value.isascii() or not _LONE_SURROGATE.search(value)):
            return clean(value)
        if value is None:
            return ""
        where = _join(path, DUTCH_FIELD.get(key, key))
        if isinstance(value, str):
            self.fail(where, INVALID_CHARACTER)
            return ""
        if isinstance(value, bool):
            self.fail(where, "moet tekst zijn, geen ja/nee-waarde")
            return ""
        if isinstance(value, int) and abs(value) >= 10**MAX_NUMBER_DIGITS:
            self.fail(where, f"is een te lang getal: hoogstens {MAX_NUMBER_DIGITS} cijfers")
            return ""
        if isinstance(value, (int, float)) and not (isinstance(value, float) and not math.isfinite(value)):
            return str(value)
        if not isinstance(value, str):
            self.fail(where, "moet tekst zijn")
            return ""
        return clean(value)

    def text_list(self, obj: dict, key: str, path: str) -> tuple[str, ...]:
        value = obj.get(key)
        where = _join(path, DUTCH_FIELD.get(key, key))
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.fail(where, "moet een lijst met teksten zijn")
            return ()
        if len(value) > MAX_LIST_ITEMS:
            self.fail(where, f"mag hoogstens {MAX_LIST_ITEMS} regels hebben")
            return ()
        items = []
        for i, item in enumerate(value):
            if not isinstance(item, str):
                self.fail(f"{where}[{i}]", "moet tekst zijn")
                continue
            if not item.isascii() and _LONE_SURROGATE.search(item):
                self.fail(f"{where}[{i}]", INVALID_CHARACTER)
                continue
            cleaned = clean(item)
            if cleaned:
                items.append(cleaned)
        return tuple(items)

    def whole_number(self, obj: dict, key: str, path: str, low: int, high: int, what: str) -> int | None:
        value = obj.get(key)
        if type(value) is int and low <= value <= high:
            return value
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        where = _join(path, DUTCH_FIELD.get(key, key))
        number: int | None = None
        if isinstance(value, bool):
            number = None
        elif isinstance(value, int):
            number = value
        elif isinstance(value, float) and math.isfinite(value) and value.is_integer():
            number = int(value)
        elif isinstance(value, str) and _ASCII_DIGITS.fullmatch(value.strip()):
            number = int(value.strip())
        if number is None or not low <= number <= high:
            self.fail(where, f"moet {what} zijn")
            return None
        return number

    def flag(self, obj: dict, key: str, path: str) -> bool:
        value = obj.get(key)
        if value is None:
            return False
        if isinstance(value, bool):
            return value
        self.fail(_join(path, DUTCH_FIELD.get(key, key)), "moet true of false zijn (ja of nee)")
        return False


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _is_mapping(value: Any) -> bool:
    return isinstance(value, dict)


def parse_journey(data: Any) -> Journey:
    """Check a decoded JSON/YAML value and turn it into a Journey.

    Raises JourneyError with Dutch messages; never anything else.
    """
    check = _Checker()
    if not _is_mapping(data):
        raise JourneyError(["De klantreis moet een object zijn met ten minste het veld 'phases' (fasen)."])

    fmt = data.get("format")
    if fmt is not None and fmt != FORMAT:
        check.fail("formaat", f"moet '{FORMAT}' zijn")

    assignment = check.text(data, "assignment", "")
    title = check.text(data, "title", "")
    trigger = check.text(data, "trigger", "")

    persona = None
    raw_persona = data.get("persona")
    if raw_persona is not None:
        if not _is_mapping(raw_persona):
            check.fail("persona", "moet een object zijn met naam, doelen en frustraties")
        else:
            persona = Persona(
                name=check.text(raw_persona, "name", "persona"),
                age=check.whole_number(raw_persona, "age", "persona", 0, 120, "een geheel getal van 0 tot 120"),
                description=check.text(raw_persona, "description", "persona"),
                goals=check.text_list(raw_persona, "goals", "persona"),
                frustrations=check.text_list(raw_persona, "frustrations", "persona"),
                quote=check.text(raw_persona, "quote", "persona"),
                empathy_map=_parse_empathy_map(check, raw_persona.get("empathy_map"), "persona"),
            )

    phases: list[Phase] = []
    if "phases" not in data:
        check.fail("fasen", "ontbreekt: een klantreis heeft een lijst met fasen")
    else:
        raw_phases = data.get("phases")
        if not isinstance(raw_phases, list):
            check.fail("fasen", "moet een lijst met fasen zijn")
        elif len(raw_phases) > MAX_PHASES:
            check.fail("fasen", f"te veel fasen ({len(raw_phases)}): hoogstens {MAX_PHASES}")
        else:
            total = sum(
                len(p.get("touchpoints")) for p in raw_phases
                if _is_mapping(p) and isinstance(p.get("touchpoints"), list)
            )
            if total > MAX_TOUCHPOINTS:
                check.fail("fasen", f"te veel contactmomenten ({total}): hoogstens {MAX_TOUCHPOINTS}")
            else:
                for i, raw_phase in enumerate(raw_phases):
                    phase = _parse_phase(check, raw_phase, f"fasen[{i}]")
                    if phase is not None:
                        phases.append(phase)

    if check.errors:
        raise JourneyError(check.errors)
    known = {"format", "assignment", "title", "trigger", "persona", "phases"}
    extra = {k: v for k, v in data.items() if k not in known and isinstance(k, str)}
    return Journey(
        phases=tuple(phases), assignment=assignment, title=title, trigger=trigger,
        persona=persona, extra=extra,
    )


def _parse_phase(check: _Checker, raw: Any, path: str) -> Phase | None:
    if not _is_mapping(raw):
        check.fail(path, "moet een object zijn met een naam en contactmomenten")
        return None
    stage = raw.get("stage")
    if stage is not None and stage != "":
        if not isinstance(stage, str) or stage.strip().lower().replace("-", "_") not in STAGES:
            check.fail(_join(path, "soort"), "moet een van deze zijn: " + ", ".join(STAGES))
            stage = None
        else:
            stage = stage.strip().lower().replace("-", "_")
    else:
        stage = None
    touchpoints: list[Touchpoint] = []
    raw_tps = raw.get("touchpoints")
    if raw_tps is not None:
        if not isinstance(raw_tps, list):
            check.fail(_join(path, "contactmomenten"), "moet een lijst met contactmomenten zijn")
        else:
            for j, raw_tp in enumerate(raw_tps):
                tp = _parse_touchpoint(check, raw_tp, f"{path}.contactmomenten[{j}]")
                if tp is not None:
                    touchpoints.append(tp)
    return Phase(
        name=check.text(raw, "name", path),
        stage=stage,
        description=check.text(raw, "description", path),
        touchpoints=tuple(touchpoints),
    )


def _parse_touchpoint(check: _Checker, raw: Any, path: str) -> Touchpoint | None:
    if not _is_mapping(raw):
        check.fail(path, "moet een object zijn met een naam, kanaal en beschrijving")
        return None
    return Touchpoint(
        name=check.text(raw, "name", path),
        channel=check.text(raw, "channel", path),
        description=check.text(raw, "description", path),
        emotion=check.whole_number(raw, "emotion", path, 1, 10, "een geheel getal van 1 tot 10"),
        moment_of_truth=check.flag(raw, "moment_of_truth", path),
        moment_of_truth_reason=check.text(raw, "moment_of_truth_reason", path),
        pain=check.text(raw, "pain", path),
        gain=check.text(raw, "gain", path),
        service=check.text(raw, "service", path),
        desired_situation=check.text(raw, "desired_situation", path),
        desired_emotion=check.whole_number(raw, "desired_emotion", path, 1, 10, "een geheel getal van 1 tot 10"),
        source=_parse_source(check, raw.get("source"), path),
    )


def _parse_source(check: _Checker, value: Any, path: str) -> str | None:
    """A source key; the Dutch label or another spelling of it ("Mystery guest", "enquête") is read too."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        key = "_".join(fold(value).replace("(gemba)", " ").replace("-", " ").replace("_", " ").split())
        key = {"gemba": "observatie", "gemba_walk": "observatie"}.get(key, key)
        if key in SOURCE_LABELS:
            return key
    check.fail(_join(path, DUTCH_FIELD["source"]), "moet een van deze zijn: " + ", ".join(SOURCES))
    return None


def _parse_empathy_map(check: _Checker, raw: Any, path: str) -> EmpathyMap | None:
    if raw is None:
        return None
    where = _join(path, DUTCH_FIELD["empathy_map"])
    if not _is_mapping(raw):
        check.fail(where, "moet een object zijn met lijsten bij " + ", ".join(
            DUTCH_FIELD[key] for key in EMPATHY_LABELS))
        return None
    empathy = EmpathyMap(**{key: check.text_list(raw, key, where) for key in EMPATHY_LABELS})
    return None if empathy.is_empty() else empathy


def schema() -> dict[str, Any]:
    """The JSON Schema of `klantreis/1` shipped with the package. The parser is more lenient in
    a few places (numbers as text, one goal as a plain string) and adds the limits on totals."""
    import json
    from importlib import resources

    return json.loads(resources.files("grader").joinpath("schema/klantreis-1.schema.json").read_text("utf-8"))
