"""Accuracy on the labelled sets (tests/grader/evaluation.py). The figures are in
docs/grader.md; these floors stop a change that makes the grader read worse."""
from __future__ import annotations

import json
import tomllib
from fractions import Fraction

import pytest

from grader import STAGES, grade, parse_journey, recognise_stages

from .evaluation import (
    AS_THE_GRADER,
    DATA,
    SECOND_LABELS,
    SPLITS,
    _read_split,
    agreement_counts,
    as_the_grader,
    channel_score,
    graded_with,
    level_counts,
    stage_score,
)

# Measured on 2026-12-05 (docs/grader.md), rounded down: a regression guard, not a target. Both
# splits grew with fresh journeys in every round (tuning 115 -> 209, held-out 36 -> 82 in rounds 5-7,
# 275 and 106 in round 8), which lowered their figures each time. Round 8 with learned evidence: tuning
# 94.0% (the model is trained on it), held-out 92.2% (91.6% with the 40 journeys of round 9);
# channels 99.8% and 97.7%.
STAGE_FLOOR = {"tuning": 0.935, "heldout": 0.91}
CHANNEL_FLOOR = {"tuning": 0.985, "heldout": 0.97}
# The share of rubric levels that are the same with the grader's stages as with the first teacher's
# (`--levels`), measured on 2026-12-05: tuning 97.5%, held-out 97.0% (97.3% with round 10).
LEVEL_FLOOR = {"tuning": 0.97, "heldout": 0.965}


@pytest.mark.parametrize("split", SPLITS)
def test_the_labelled_stage_set_is_large_and_varied(split):
    score = stage_score(split)
    assert score.journeys >= 30 and score.phases >= 150
    # "Without stage words" is measured with the lexicon itself, so the group shrinks as the lexicon
    # grows (65 -> 38 held-out phases by 2026-12-04): it must stay large enough to mean something.
    assert score.share("English")[1] >= 40 and score.share("journeys without stage words")[1] >= 30


@pytest.mark.parametrize("split", SPLITS)
def test_phase_stage_accuracy(split):
    correct, total = stage_score(split).share()
    assert correct / total >= STAGE_FLOOR[split]


@pytest.mark.parametrize("split", SPLITS)
@pytest.mark.parametrize("kind", ["name explicit", "name strong"])
def test_explicit_and_strong_names_are_always_right(split, kind):
    correct, total = stage_score(split).share(kind)
    assert total > 0 and correct == total


def test_at_least_200_channel_phrases_in_dutch_and_english():
    phrases = [p for split in SPLITS
               for ps in tomllib.loads((DATA / "channel_set" / f"{split}.toml").read_text("utf-8")).values()
               for p in ps]
    assert len(phrases) >= 200


@pytest.mark.parametrize("split", SPLITS)
def test_channel_accuracy(split):
    correct, total, _ = channel_score(split)
    assert correct / total >= CHANNEL_FLOOR[split]


def test_the_second_teachers_labels_cover_whole_journeys():
    second = json.loads(SECOND_LABELS.read_text("utf-8"))
    assert len(second) >= 30
    for key, labels in second.items():
        phases = json.loads((DATA / "stage_set" / key).read_text("utf-8"))["phases"]
        assert len(labels) == len(phases), key
        for label in labels:
            assert set(label if isinstance(label, list) else [label]) <= set(STAGES), key


def test_agreement_by_journey_numbers_adds_up_to_the_whole():
    # `--numbers` (docs/grader.md: held-out by round) splits the second teacher's journeys by number.
    whole = agreement_counts()
    parts = agreement_counts(1, 56) + agreement_counts(57, 10**6)
    assert whole["phases"] >= 300 and parts == whole


def test_a_second_teacher_measured_as_the_grader_is_sits_between_the_same_label_and_a_shared_stage():
    # One stage per phase, counted right when the first label allows it; a second label of two
    # stages gives each half the time. It can be no better than sharing a stage and no worse
    # than giving the same label (docs/grader.md: what 98% of phases means).
    assert as_the_grader({"purchase"}, {"consideration", "purchase"}) == Fraction(1, 2)
    assert as_the_grader({"consideration", "purchase"}, {"purchase"}) == 1  # the grader would be right
    assert as_the_grader({"purchase"}, {"experience"}) == 0
    counts = agreement_counts()
    one = counts[AS_THE_GRADER]
    assert counts["the two teachers, the same label"] < one < counts["the two teachers"]


@pytest.mark.parametrize("split", SPLITS)
def test_misread_stages_rarely_change_a_level(split):
    counts = level_counts(split)
    assert counts["first teacher", "criteria"] >= 6 * counts["journeys"] > 0
    assert counts["first teacher", "same level"] / counts["first teacher", "criteria"] >= LEVEL_FLOOR[split]


def _raw(*phases: tuple[str, str]) -> dict:
    return {"format": "klantreis/1", "title": "Een nieuwe fiets", "phases": [
        {"name": name, "x_label": label, "touchpoints": [{"description": "Sanne kijkt", "channel": "winkel"}]}
        for name, label in phases]}


def test_a_teachers_stage_that_differs_can_change_a_level():
    raw = _raw(("Bewustwording", "consideration"), ("Kopen", "purchase"), ("Fietsen", "experience"),
               ("Nazorg", "after_sales"))
    matches = recognise_stages(parse_journey(raw).phases)
    assert matches[0].stage == "awareness"  # the grader reads the strong name; the label says otherwise
    as_read, as_labelled = grade(parse_journey(raw)), graded_with(raw, matches, [p["x_label"] for p in raw["phases"]])
    levels = {c.id: (c.level, d.level) for c, d in zip(as_read.criteria, as_labelled.criteria, strict=True)}
    assert levels["awareness"][0] > levels["awareness"][1] == 0
    assert levels["after_sales"][0] == levels["after_sales"][1]


def test_a_fair_second_stage_and_a_chosen_stage_are_kept():
    raw = _raw(("Bewustwording", ["consideration", "awareness"]), ("Kopen", "purchase"), ("Fietsen", "purchase"),
               ("Nazorg", "after_sales"))
    raw["phases"][2]["stage"] = "experience"  # chosen in the builder: the label does not overrule it
    matches = recognise_stages(parse_journey(raw).phases)
    as_labelled = graded_with(raw, matches, [p["x_label"] for p in raw["phases"]])
    assert [p.stage for p in as_labelled.phases] == ["awareness", "purchase", "experience", "after_sales"]


@pytest.mark.parametrize("split", SPLITS)
def test_a_doubt_names_another_stage_of_a_recognised_phase(split):
    # The site shows `other` next to the stage without checking the stage (templates, review table).
    doubts = 0
    for _path, raw, _journey, matches in _read_split(split):
        for raw_phase, match in zip(raw["phases"], matches, strict=True):
            if match.other is not None:
                doubts += 1
                assert match.stage is not None and match.other != match.stage
                assert match.source != "explicit" and raw_phase["x_name_kind"] not in ("explicit", "strong")
    assert doubts > 0
