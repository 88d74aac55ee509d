"""Optional criteria, against their own level descriptors in grader/criteria:

emotion_curve: 0 no score | 1 not every touchpoint scored, or flat (range < min_range 3 and no top of 9
or more) | 2 every touchpoint scored, range >= 3 or a top of 9+ | 3 as 2, and the highest score on a
moment of truth. Lesson 6: a 7 is expected, a 9 or more is remembered, below a 6 is a dip.
service_concept: 0 at no touchpoint | 1 at fewer than half | 2 at half or more | 3 at every one
(a talk with someone close is an influence, lesson 4, and is not counted)
(a service "is filled" from 3 words).
channel_mix: 0 no channel | 1 one channel | 2 2+ different channels |
3 3+ different channels, online and offline.
"""
from __future__ import annotations

import pytest

from grader.criteria import REGISTRY

from .builders import expect, journey, judge, phase, tp, words


def curve(*scores, top_mot=None):
    """Touchpoints with these emotion scores; `top_mot` marks the touchpoint at that index."""
    return journey(phase("experience", *(
        tp(name=f"Moment {i + 1}", emotion=score, mot=(i == top_mot), reason=words(8) if i == top_mot else "")
        for i, score in enumerate(scores)
    )))


@pytest.mark.parametrize("j, wanted", [
    pytest.param(curve(None, None, None), 0, id="no emotion scores are ontbreekt"),
    pytest.param(journey(), 0, id="no touchpoints are ontbreekt"),
    pytest.param(curve(3, None, 9), 1, id="one touchpoint without score is onvoldoende"),
    pytest.param(curve(5, 6, 7), 1, id="a range of two is a flat curve: onvoldoende"),
    pytest.param(curve(7, 7, 7, top_mot=0), 1, id="the same score everywhere is flat, even on a moment of truth"),
    pytest.param(curve(5, 8, 6), 2, id="a range of three is a real curve: voldoende"),
    pytest.param(curve(5, 8, 6, top_mot=0), 2, id="a moment of truth that is not the highest stays voldoende"),
    pytest.param(curve(5, 8, 6, top_mot=1), 3, id="the highest score on a moment of truth is goed"),
    pytest.param(curve(2, 9, 9, top_mot=2), 3, id="one of two equal highest scores on a moment of truth is goed"),
    pytest.param(curve(1, 10, top_mot=1), 3, id="the full scale with the top on a moment of truth is goed"),
    pytest.param(curve(8, 9, 9, 8, top_mot=1), 3, id="8s and 9s with the top on a moment of truth is goed"),
    pytest.param(curve(8, 9, 8), 2, id="8s and a 9 are not flat: a 9 is remembered"),
    pytest.param(curve(8, 8, 8), 1, id="8s only: no top of 9 or more and no dip is flat"),
])
def test_emotion_curve_level_at_each_boundary(j, wanted):
    expect(j, "emotion_curve", wanted)


@pytest.mark.parametrize("settings, j, wanted", [
    pytest.param({"min_range": 5}, curve(4, 8, top_mot=1), 1, id="min_range 5 makes a range of four flat"),
    pytest.param({"min_range": 5}, curve(4, 9, top_mot=1), 3, id="min_range 5 accepts a range of five"),
    pytest.param({"min_range": 0}, curve(7, 7, top_mot=0), 3, id="min_range 0 accepts a flat curve"),
])
def test_emotion_curve_rubric_numbers_move_the_boundaries(settings, j, wanted):
    expect(j, "emotion_curve", wanted, **settings)


def test_emotion_curve_feedback_quotes_the_scores_and_the_highest_touchpoint():
    feedback = expect(curve(4, 9, 6), "emotion_curve", 2).feedback
    assert "4, 9, 6" in feedback and "Moment 2" in feedback


THREE_WORDS = words(3)


def serviced(with_service, without, service=THREE_WORDS):
    return journey(phase("experience", *[tp(service=service)] * with_service, *[tp()] * without))


@pytest.mark.parametrize("j, wanted", [
    pytest.param(journey(), 0, id="no touchpoints are ontbreekt"),
    pytest.param(serviced(0, 4), 0, id="service at no touchpoint is ontbreekt"),
    pytest.param(serviced(1, 3), 1, id="service at one of four is onvoldoende"),
    pytest.param(serviced(2, 3), 1, id="service at two of five is onvoldoende"),
    pytest.param(serviced(2, 2), 2, id="service at exactly half is voldoende"),
    pytest.param(serviced(3, 1), 2, id="service at three of four is voldoende"),
    pytest.param(serviced(4, 0), 3, id="service at every touchpoint is goed"),
    pytest.param(serviced(1, 0), 3, id="service at the only touchpoint is goed"),
    pytest.param(serviced(4, 0, service=words(2)), 0, id="a two-word service does not count"),
    pytest.param(serviced(4, 0, service="- - -"), 0, id="a service of dashes does not count"),
])
def test_service_concept_level_at_each_boundary(j, wanted):
    expect(j, "service_concept", wanted)


@pytest.mark.parametrize("settings, j, wanted", [
    pytest.param({"sufficient_share": 0.75}, serviced(2, 2), 1, id="sufficient_share 0.75 makes half onvoldoende"),
    pytest.param({"sufficient_share": 0.75}, serviced(3, 1), 2, id="sufficient_share 0.75 accepts three of four"),
    pytest.param({"filled_words": 2}, serviced(4, 0, service=words(2)), 3,
                 id="filled_words 2 accepts two-word services"),
])
def test_service_concept_rubric_numbers_move_the_boundaries(settings, j, wanted):
    expect(j, "service_concept", wanted, **settings)


def test_service_concept_feedback_quotes_the_count_and_the_tip_names_what_is_missing():
    j = journey(phase("experience", tp(service=words(3)), tp(name="Balie zonder service")))
    result = expect(j, "service_concept", 2)
    assert "1 van de 2" in result.feedback and "Balie zonder service" in result.tip


def test_service_concept_asks_no_staff_at_a_talk_with_a_friend():
    friend = tp("Noor ziet de nagels van haar vriendin.", "op school", name="Tip van een vriendin")
    j = journey(phase("awareness", friend), phase("experience", tp(service=words(3))))
    result = expect(j, "service_concept", 3)
    assert "1 van de 1" in result.feedback and "vriendin" not in result.tip


def channels(*names):
    return journey(phase("experience", *(tp(channel=name) for name in names)))


@pytest.mark.parametrize("j, wanted", [
    pytest.param(journey(), 0, id="no touchpoints are ontbreekt"),
    pytest.param(channels("", "-", "n.v.t."), 0, id="only placeholders are ontbreekt"),
    pytest.param(channels("e-mail"), 1, id="one channel is onvoldoende"),
    pytest.param(channels("Mail", "mail", "MAIL"), 1, id="one channel in different case is onvoldoende"),
    pytest.param(channels("e-mail", "-"), 1, id="one channel and a placeholder is onvoldoende"),
    pytest.param(channels("e-mail", "Magister"), 2, id="two online channels are voldoende"),
    pytest.param(channels("e-mail", "balie"), 2, id="two channels online and offline are voldoende"),
    pytest.param(channels("e-mail", "Magister", "app"), 2, id="three online channels are voldoende"),
    pytest.param(channels("brief", "balie", "telefoon"), 2, id="three offline channels are voldoende"),
    pytest.param(channels("e-mail", "Magister", "balie"), 3, id="three channels online and offline are goed"),
    pytest.param(channels("e-mail", "postduif", "balie"), 3,
                 id="an unrecognised third channel still counts as a channel"),
])
def test_channel_mix_level_at_each_boundary(j, wanted):
    expect(j, "channel_mix", wanted)


@pytest.mark.parametrize("settings, j, wanted", [
    pytest.param({"good_channels": 4}, channels("e-mail", "Magister", "balie"), 2,
                 id="good_channels 4 makes three voldoende"),
    pytest.param({"good_channels": 4}, channels("e-mail", "Magister", "balie", "brief"), 3,
                 id="good_channels 4 makes four goed"),
    pytest.param({"sufficient_channels": 3}, channels("e-mail", "balie"), 1,
                 id="sufficient_channels 3 makes two onvoldoende"),
])
def test_channel_mix_rubric_numbers_move_the_boundaries(settings, j, wanted):
    expect(j, "channel_mix", wanted, **settings)


def test_channel_mix_feedback_quotes_the_channels():
    feedback = expect(channels("e-mail", "Magister", "balie"), "channel_mix", 3).feedback
    assert "3 verschillende kanalen" in feedback
    for name in ("e-mail", "Magister", "balie"):
        assert name in feedback


def test_a_curve_of_8s_and_9s_is_never_called_flat_and_no_tip_demands_a_5_or_lower():
    for scores in [(8, 9), (8, 9, 9, 8), (9, 9, 10), (7, 7, 7), (5, 6, 7)]:
        result = judge(curve(*scores), "emotion_curve")
        assert "vlak" not in result.feedback and "5 of lager" not in result.tip, scores
    flat = expect(curve(6, 7, 7), "emotion_curve", 1)
    assert "blijft tussen 6 en 7: er is geen top van 9 of hoger" in flat.feedback
    assert "een 7 is zoals de klant verwacht" in flat.tip and "9 of hoger" in flat.tip


@pytest.mark.parametrize("scores, top, tip", [
    pytest.param((4, 9, 7), 1, "Nog sterker: bij ‘Moment 1’ (een 4) baalt de klant", id="a dip below 6 first"),
    pytest.param((7, 9, 7), 1, "", id="no dip and every moment of truth a 9: no tip"),
])
def test_emotion_curve_at_the_top_level_gets_a_concrete_next_step_or_none(scores, top, tip):
    result = expect(curve(*scores, top_mot=top), "emotion_curve", 3)
    assert result.tip.startswith(tip) if tip else result.tip == ""


def test_emotion_curve_at_the_top_level_names_a_moment_of_truth_below_9():
    j = journey(phase("experience", tp(name="Mail", emotion=7), tp(name="Intake", emotion=8, mot=True, reason=words(8)),
                      tp(name="Plaatsing", emotion=9, mot=True, reason=words(8))))
    tip = expect(j, "emotion_curve", 3).tip
    assert tip.startswith("Nog sterker: ‘Intake’ is een moment van de waarheid zonder 9")


@pytest.mark.parametrize("criterion_id", ["emotion_curve", "service_concept", "channel_mix", "improvement", "research"])
def test_optional_criteria_are_marked_optional_and_have_four_descriptors(criterion_id):
    crit = REGISTRY[criterion_id]
    assert crit.optional
    assert len(crit.descriptors({})) == 4 and all(crit.descriptors({}))
