"""End to end: every assignment's sample journeys, graded with that assignment's own rubric.

`exemplary.journey.json` is what a good student hands in; `weak.journey.json` what a rushed one does.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from assignments import load_assignments
from grader import Report, grade, load_journey_file
from grader.rubric import CORE_CRITERIA
from grader.text import fold, words

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
KINDS = ("exemplary", "weak")
ASSIGNMENT_IDS = tuple(load_assignments())
LESSONS = frozenset({
    "klantreis-outside-in", "doelgroep-en-persona", "fasen-van-de-klantreis", "bewustwording-en-aftersales",
    "contactmomenten-en-kanalen", "momenten-van-de-waarheid", "klantbeleving-onderzoeken", "serviceconcept",
    "eigen-mini-klantreis",
})
DUTCH_WORDS = frozenset(
    {"je", "de", "het", "een", "van", "en", "in", "is", "niet", "geen", "ik", "met", "of", "bij", "op"})
ENGLISH_WORDS = frozenset({"the", "you", "your", "and", "with", "missing", "found", "should"})

# What the grader should find missing or thin in each rushed journey.
WEAK_LEVELS = {
    "eerste-lesdag": {"phases": 1, "touchpoints": 1, "after_sales": 0, "moments_of_truth": 0, "persona": 1},
    "lesuitval": {"phases": 1, "touchpoints": 1, "awareness": 0, "after_sales": 0, "moments_of_truth": 0,
                  "persona": 1, "channel_mix": 2},
    # Two scores, 8 and 9: a top of 9 is not a flat curve (lesson 6), but it is not on a moment of truth.
    "examenuitslag": {"phases": 1, "touchpoints": 1, "awareness": 0, "after_sales": 2, "moments_of_truth": 1,
                      "persona": 0, "emotion_curve": 2, "improvement": 0},
    "open-dag": {"phases": 1, "awareness": 0, "after_sales": 0, "moments_of_truth": 1, "service_concept": 0},
    "stageplaats-vinden": {"phases": 1, "touchpoints": 1, "awareness": 0, "after_sales": 0, "persona": 1,
                           "emotion_curve": 1, "research": 0},
    "aanmelden-en-intake": {"phases": 1, "awareness": 0, "after_sales": 0, "moments_of_truth": 0, "persona": 1},
}

@functools.cache
def report(assignment_id: str, kind: str) -> Report:
    path = SAMPLES / assignment_id / f"{kind}.journey.json"
    return grade(load_journey_file(path), load_assignments()[assignment_id].rubric, file=path.name)


def level(r: Report, criterion_id: str) -> int:
    result = r.criterion(criterion_id)
    assert result is not None, f"{criterion_id} is not in the rubric"
    return result.level


def test_every_assignment_has_samples():
    assert set(WEAK_LEVELS) == set(ASSIGNMENT_IDS)
    folders = {p.name for p in SAMPLES.iterdir() if p.is_dir()}
    assert folders == set(ASSIGNMENT_IDS)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("assignment_id", ASSIGNMENT_IDS)
def test_sample_names_its_assignment(assignment_id, kind):
    data = json.loads((SAMPLES / assignment_id / f"{kind}.journey.json").read_text("utf-8"))
    assert data["format"] == "klantreis/1"
    assert data["assignment"] == assignment_id


@pytest.mark.parametrize("assignment_id", ASSIGNMENT_IDS)
def test_exemplary_grades_well(assignment_id):
    r = report(assignment_id, "exemplary")
    assert r.grade >= 8.5, {c.id: c.level for c in r.criteria}
    assert r.passed


@pytest.mark.parametrize("assignment_id", ASSIGNMENT_IDS)
def test_exemplary_meets_every_core_criterion(assignment_id):
    r = report(assignment_id, "exemplary")
    low = {cid: level(r, cid) for cid in CORE_CRITERIA if level(r, cid) < 2}
    assert not low, [r.criterion(cid).feedback for cid in low]


@pytest.mark.parametrize("assignment_id", ASSIGNMENT_IDS)
def test_exemplary_runs_from_awareness_to_after_sales(assignment_id):
    stages = [phase.stage for phase in report(assignment_id, "exemplary").phases]
    assert stages[0] == "awareness"
    assert stages[-1] == "after_sales"
    middle = [stage for stage in stages if stage not in ("awareness", "after_sales")]
    assert middle, "the journey has phases between before and after"
    assert stages == sorted(stages, key=lambda s: {"awareness": 0, "after_sales": 2}.get(s, 1))


@pytest.mark.parametrize("assignment_id", ASSIGNMENT_IDS)
def test_exemplary_is_a_full_journey(assignment_id):
    journey = load_journey_file(SAMPLES / assignment_id / "exemplary.journey.json")
    assert journey.persona and journey.persona.goals and journey.persona.frustrations and journey.persona.quote
    assert len(words(journey.trigger)) >= 8
    assert 5 <= len(journey.phases) <= 6
    touchpoints = list(journey.touchpoints())
    assert 8 <= len(touchpoints) <= 14
    emotions = [tp.emotion for tp in touchpoints]
    assert None not in emotions
    assert max(emotions) >= 9 and min(emotions) <= 4
    marked = [tp for tp in touchpoints if tp.moment_of_truth]
    assert 2 <= len(marked) <= 3
    assert all(len(words(tp.moment_of_truth_reason)) >= 8 for tp in marked)
    assert sum(bool(tp.service) for tp in touchpoints) >= len(touchpoints) // 2


@pytest.mark.parametrize("assignment_id", ASSIGNMENT_IDS)
def test_weak_fails_where_expected(assignment_id):
    r = report(assignment_id, "weak")
    assert r.grade < 5.5
    assert not r.passed
    found = {cid: level(r, cid) for cid in WEAK_LEVELS[assignment_id]}
    assert found == WEAK_LEVELS[assignment_id]


@pytest.mark.parametrize("assignment_id", ASSIGNMENT_IDS)
def test_weak_is_worse_than_exemplary_on_every_criterion(assignment_id):
    good, weak = report(assignment_id, "exemplary"), report(assignment_id, "weak")
    for result in weak.criteria:
        assert result.level <= good.criterion(result.id).level, result.id


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("assignment_id", ASSIGNMENT_IDS)
def test_report_explains_every_criterion_in_dutch(assignment_id, kind):
    r = report(assignment_id, kind)
    assert [c.id for c in r.criteria] == [item.id for item in load_assignments()[assignment_id].rubric.items]
    for c in r.criteria:
        assert c.lesson in LESSONS, c.lesson
        assert c.feedback.strip(), c.id
        # A tip below the top level; at the top level a concrete "Nog sterker" or none.
        if c.level < c.max_level:
            assert c.tip.strip(), c.id
        else:
            assert c.tip == "" or c.tip.startswith("Nog sterker: "), (c.id, c.tip)
        used = {fold(w) for w in words(f"{c.feedback} {c.tip}")}
        assert used & DUTCH_WORDS, (c.id, c.feedback)
        assert not used & ENGLISH_WORDS, (c.id, c.feedback, c.tip)
    assert all(phase.evidence.strip() for phase in r.phases)
