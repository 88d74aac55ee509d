"""Criterion `moments_of_truth`, against the specification:

0 none marked | 1 marked, but one lacks a filled (3+ words) reason, or more than half marked |
2 1+ marked, each with a filled reason, at most half marked |
3 as 2, every marked one with an emotion score and a reason of substance (8+ words); a reason in the
organisation's voice ('wij', 'ons') gets a tip. Both level-1 problems are named at once.
"""
from __future__ import annotations

import pytest

from .builders import expect, journey, phase, tp, words

REASON = "Hier beslist Sanne of ze blijft of afhaakt"  # 8 words
assert len(REASON.split()) == 8


def moments(marked, plain=0):
    """A journey with the given marked touchpoints plus `plain` unmarked ones."""
    return journey(phase("awareness", *marked), phase("purchase", *[tp()] * plain))


def mot(reason=REASON, emotion=8):
    return tp(mot=True, reason=reason, emotion=emotion)


@pytest.mark.parametrize("j, wanted", [
    pytest.param(moments([], 4), 0, id="no marked touchpoint is ontbreekt"),
    pytest.param(journey(), 0, id="no touchpoints at all is ontbreekt"),
    pytest.param(moments([tp(reason=REASON, emotion=8)], 3), 0, id="a reason without the mark is ontbreekt"),
    pytest.param(moments([mot()], 3), 3, id="one of four marked with emotion and substance is goed"),
    pytest.param(moments([mot(reason=words(3))], 3), 2, id="one marked with a three-word reason is voldoende"),
    pytest.param(moments([mot(reason=words(2))], 3), 1, id="one marked with a two-word reason is onvoldoende"),
    pytest.param(moments([mot(reason="")], 3), 1, id="one marked without reason is onvoldoende"),
    pytest.param(moments([mot(), mot(reason=words(2))], 3), 1,
                 id="one of two marked without a filled reason is onvoldoende"),
])
def test_moments_level_at_each_boundary(j, wanted):
    expect(j, "moments_of_truth", wanted)


@pytest.mark.parametrize("marked, plain, wanted", [
    pytest.param(1, 1, 3, id="one of two marked is exactly half: goed"),
    pytest.param(2, 2, 3, id="two of four marked is exactly half: goed"),
    pytest.param(3, 3, 3, id="three of six marked is exactly half: goed"),
    pytest.param(3, 1, 1, id="three of four marked is more than half: onvoldoende"),
    pytest.param(3, 2, 1, id="three of five marked is more than half: onvoldoende"),
    pytest.param(2, 3, 3, id="two of five marked is less than half: goed"),
    pytest.param(1, 0, 1, id="the only touchpoint marked is more than half: onvoldoende"),
    pytest.param(4, 0, 1, id="every touchpoint marked is onvoldoende"),
])
def test_moments_at_most_half_of_the_touchpoints_may_be_marked(marked, plain, wanted):
    expect(moments([mot()] * marked, plain), "moments_of_truth", wanted)


@pytest.mark.parametrize("marked, wanted", [
    pytest.param([mot(reason=words(8))], 3, id="an eight-word reason with emotion is goed"),
    pytest.param([mot(reason=words(7))], 2, id="a seven-word reason with emotion is voldoende"),
    pytest.param([mot(emotion=None)], 2, id="a reason of substance without emotion score is voldoende"),
    pytest.param([mot(emotion=1)], 3, id="the lowest emotion score counts as a score"),
    pytest.param([mot(), mot(reason=words(7))], 2, id="every marked one needs substance, not just one"),
    pytest.param([mot(), mot(emotion=None)], 2, id="every marked one needs an emotion score, not just one"),
])
def test_moments_goed_needs_emotion_and_a_reason_of_eight_words(marked, wanted):
    expect(moments(marked, 4), "moments_of_truth", wanted)


@pytest.mark.parametrize("settings, j, wanted", [
    pytest.param({"max_share": 0.25}, moments([mot()] * 2, 6), 3, id="max_share 0.25 allows two of eight"),
    pytest.param({"max_share": 0.25}, moments([mot()] * 3, 5), 1, id="max_share 0.25 rejects three of eight"),
    pytest.param({"max_share": 1.0}, moments([mot()] * 4), 3, id="max_share 1 allows every touchpoint"),
    pytest.param({"substance_words": 10}, moments([mot(reason=words(9))], 3), 2,
                 id="substance_words 10 makes a nine-word reason voldoende"),
    pytest.param({"substance_words": 10}, moments([mot(reason=words(10))], 3), 3,
                 id="substance_words 10 makes a ten-word reason goed"),
    pytest.param({"filled_words": 1}, moments([mot(reason="Belangrijk")], 3), 2,
                 id="filled_words 1 accepts a one-word reason"),
])
def test_moments_rubric_numbers_move_the_boundaries(settings, j, wanted):
    expect(j, "moments_of_truth", wanted, **settings)


def test_moments_feedback_names_the_marked_touchpoints_and_the_counts():
    j = moments([tp(name="Uitslag in Magister", mot=True, reason=REASON, emotion=3)], 3)
    feedback = expect(j, "moments_of_truth", 3).feedback
    assert "Uitslag in Magister" in feedback and "1 van de 4" in feedback


def test_moments_feedback_names_the_moment_without_reason():
    j = moments([mot(), tp(name="Telefoontje", mot=True, reason="")], 3)
    assert "Telefoontje" in expect(j, "moments_of_truth", 1).feedback


def test_moments_feedback_names_the_moment_that_needs_more_substance():
    j = moments([tp(name="Intake", mot=True, reason=words(4), emotion=6)], 3)
    assert "Intake" in expect(j, "moments_of_truth", 2).feedback


def test_moments_without_a_reason_and_too_many_are_named_together():
    result = expect(moments([mot(), mot(reason=""), mot()], plain=1), "moments_of_truth", 1)
    assert "Zonder duidelijke reden:" in result.feedback and "Dat zijn er te veel" in result.feedback
    assert "waarom dit moment zo belangrijk is" in result.tip and "hoogstens 50%" in result.tip


def test_a_reason_written_from_the_organisation_gets_a_tip_to_write_it_from_the_customer():
    inside = tp(name="Aanvraag", mot=True, emotion=8, reason="Voor ons is dit het begin van de hele procedure.")
    result = expect(moments([inside], plain=2), "moments_of_truth", 3)
    assert result.tip == ("Nog sterker: de reden bij ‘Aanvraag’ is geschreven vanuit de organisatie (‘wij’, ‘ons’). "
                          "Schrijf waarom dit moment voor de klant beslissend is.")
    customer = tp(name="Gesprek", mot=True, emotion=8, reason="Hier beslissen mijn ouders en ik of we blijven of gaan.")
    assert "vanuit de organisatie" not in expect(moments([customer], plain=2), "moments_of_truth", 3).tip
