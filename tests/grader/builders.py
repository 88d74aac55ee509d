"""Tiny builders for journeys in criteria tests.

    journey(
        phase("awareness", tp("Sanne ziet een poster", "poster")),
        phase("after_sales", tp(), tp(mot=True, reason="drie woorden hier")),
        persona=persona("Sanne"), trigger="Sanne wil naar het mbo",
    )

Phases get an explicit `stage` so the tests never depend on name recognition; a phase with
stage None gets a name that is recognised as no stage at all ("Tussenstuk"), and its touchpoints
keep only their channel: with nothing to read, its place in the journey does not decide a stage
either (see grader/stages.py).
"""
from __future__ import annotations

from typing import Any

from grader.context import Context
from grader.criteria import MAX_LEVEL
from grader.journey import Journey, Persona, Phase, Touchpoint
from grader.report import CriterionResult, grade
from grader.rubric import Rubric

STAGE_NAMES = {
    "awareness": "Oriëntatie",
    "consideration": "Vergelijken",
    "purchase": "Aanmelden",
    "experience": "Eerste lesdag",
    "after_sales": "Nazorg",
    None: "Tussenstuk",
}

DESCRIPTION = "Sanne leest de mail"  # 4 words, names the persona, no stage words


def tp(description: str = DESCRIPTION, channel: str = "e-mail", *, name: str = "", emotion: int | None = None,
       mot: bool = False, reason: str = "", pain: str = "", gain: str = "", service: str = "",
       desired: str = "", desired_emotion: int | None = None, source: str | None = None) -> Touchpoint:
    return Touchpoint(name=name, channel=channel, description=description, emotion=emotion, moment_of_truth=mot,
                      moment_of_truth_reason=reason, pain=pain, gain=gain, service=service,
                      desired_situation=desired, desired_emotion=desired_emotion, source=source)


def tps(count: int, **kwargs: Any) -> tuple[Touchpoint, ...]:
    """`count` touchpoints, numbered in their name so the feedback can tell them apart."""
    return tuple(tp(name=f"Moment {i + 1}", **kwargs) for i in range(count))


def phase(stage: str | None, *touchpoints: Touchpoint, name: str | None = None, description: str = "") -> Phase:
    if stage is None and not description:
        touchpoints = tuple(Touchpoint(channel=t.channel, emotion=t.emotion, moment_of_truth=t.moment_of_truth,
                                       moment_of_truth_reason=t.moment_of_truth_reason) for t in touchpoints)
    return Phase(name=STAGE_NAMES[stage] if name is None else name, stage=stage, description=description,
                 touchpoints=tuple(touchpoints))


def persona(name: str = "Sanne", goals: tuple[str, ...] = ("een passende opleiding vinden",),
            frustrations: tuple[str, ...] = ("lange wachttijden aan de telefoon",)) -> Persona:
    return Persona(name=name, goals=tuple(goals), frustrations=tuple(frustrations))


def journey(*phases: Phase, persona: Persona | None = None, trigger: str = "") -> Journey:
    return Journey(phases=tuple(phases), persona=persona, trigger=trigger)


def spread(*stages: str | None, per_phase: int = 1, **kwargs: Any) -> Journey:
    """A journey with one phase per stage, each with `per_phase` default touchpoints."""
    return journey(*(phase(stage, *tps(per_phase, **kwargs)) for stage in stages))


def rubric(criterion_id: str, **settings: Any) -> Rubric:
    return Rubric.from_config({"criteria": {criterion_id: settings}})


def judge(j: Journey, criterion_id: str, **settings: Any) -> CriterionResult:
    """The result of one criterion, with the rubric numbers changed by `settings`."""
    result = grade(j, rubric(criterion_id, **settings)).criterion(criterion_id)
    assert result is not None
    return result


def level(j: Journey, criterion_id: str, **settings: Any) -> int:
    return judge(j, criterion_id, **settings).level


def stages_of(j: Journey) -> list[str | None]:
    """The stages the grader sees, to check a test's own assumptions."""
    return [match.stage for match in Context(j).stages]


def words(n: int, word: str = "woord") -> str:
    """A text of exactly `n` words."""
    return " ".join([word] * n)


def expect(j: Journey, criterion_id: str, wanted: int, **settings: Any) -> CriterionResult:
    """Assert the level, and that the judgement quotes something and gives a tip below the top level.

    At the top level the tip is a concrete "Nog sterker: …" or nothing, never a generic "Kijk of…"."""
    result = judge(j, criterion_id, **settings)
    assert result.feedback.strip(), f"{criterion_id}: empty feedback at level {result.level}"
    if result.level < MAX_LEVEL:
        assert result.tip.strip(), f"{criterion_id}: empty tip at level {result.level}"
    else:
        assert result.tip == "" or result.tip.startswith("Nog sterker: "), f"{criterion_id}: {result.tip}"
    assert result.level == wanted, (
        f"{criterion_id}: level {result.level}, expected {wanted}\nfeedback: {result.feedback}"
    )
    return result
