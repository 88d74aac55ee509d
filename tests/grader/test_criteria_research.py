"""Onderbouwing (optional), against its level descriptors in grader/criteria/research.py:

0 no moment of truth or dip has a source | 1 fewer than half of them one other than eigen ervaring |
2 at least half | 3 every one, with at least `good_sources` (2) different kinds of research.
"""
from __future__ import annotations

import pytest

from .builders import expect, journey, persona, phase, tp, words


def truth(source=None, name="Uitslag", emotion=8):
    return tp(name=name, emotion=emotion, mot=True, reason=words(8), source=source)


def dip(source=None, name="Wachten", emotion=4):
    return tp(name=name, emotion=emotion, source=source)


def trip(*tps):
    return journey(phase("experience", *tps, tp(name="Bericht", emotion=7)), persona=persona("Sanne"))


@pytest.mark.parametrize("j, wanted", [
    pytest.param(journey(), 0, id="no touchpoints: ontbreekt"),
    pytest.param(journey(phase("experience", tp(name="A", emotion=7, source="interview"))), 0,
                 id="no moment of truth and no dip: ontbreekt"),
    pytest.param(trip(truth(), dip()), 0, id="no source at the key moments: ontbreekt"),
    pytest.param(trip(truth("eigen_ervaring"), dip()), 1, id="only eigen ervaring: onvoldoende"),
    pytest.param(trip(truth("interview"), dip(), dip(name="Balie")), 1, id="one of three researched: onvoldoende"),
    pytest.param(trip(truth("interview"), dip("eigen_ervaring")), 2, id="half researched: voldoende"),
    pytest.param(trip(truth("interview"), dip("interview")), 2, id="all researched, one kind: voldoende"),
    pytest.param(trip(truth("interview"), dip("enquete")), 3, id="all researched, two kinds: goed"),
    pytest.param(trip(truth("mystery_guest"), dip("observatie"), dip("interview", name="Balie")), 3,
                 id="all researched, three kinds: goed"),
])
def test_research_level_at_each_boundary(j, wanted):
    expect(j, "research", wanted)


@pytest.mark.parametrize("settings, j, wanted", [
    pytest.param({"good_sources": 1}, trip(truth("interview"), dip("interview")), 3,
                 id="one kind is enough when the teacher says so"),
    pytest.param({"good_sources": 3}, trip(truth("interview"), dip("enquete")), 2, id="three kinds asked: voldoende"),
    pytest.param({"sufficient_share": 0.3}, trip(truth("interview"), dip(), dip(name="Balie")), 2,
                 id="a lower share makes one of three voldoende"),
    pytest.param({"low_emotion": 6}, trip(truth("interview"), dip(emotion=4), dip(name="Balie", emotion=2)), 1,
                 id="dips below 6: one of three researched is onvoldoende"),
    pytest.param({"low_emotion": 4}, trip(truth("interview"), dip(emotion=4), dip(name="Balie", emotion=2)), 2,
                 id="dips below 4: the 4 is no dip, one of two researched is voldoende"),
])
def test_research_rubric_numbers_move_the_boundaries(settings, j, wanted):
    expect(j, "research", wanted, **settings)


def test_feedback_names_the_sources_and_which_touchpoints_lack_one():
    j = trip(truth("mystery_guest", name="Telefoontje"), dip("eigen_ervaring", name="Wachten"), dip(name="Balie"))
    result = expect(j, "research", 1)
    assert "Onderbouwd met onderzoek: ‘Telefoontje’ (mystery guest)." in result.feedback
    assert "Alleen eigen ervaring: ‘Wachten’." in result.feedback
    assert "Zonder bron: ‘Balie’." in result.feedback
    assert "‘Wachten’ en ‘Balie’" in result.tip and "interview" in result.tip


def test_one_kind_of_research_at_voldoende_suggests_another():
    result = expect(trip(truth("interview"), dip("interview")), "research", 2)
    assert "1 soort onderzoek" in result.feedback
    assert result.tip.endswith("Probeer bijvoorbeeld ook een observatie (gemba).")


def test_an_observation_is_named_without_brackets_inside_brackets():
    result = expect(trip(truth("observatie", name="Ontvangst"), dip("interview", name="Kassa")), "research", 3)
    assert "‘Ontvangst’ (observatie)" in result.feedback and "((" not in result.feedback + result.tip


def test_research_is_off_by_default():
    from grader import CRITERIA, Rubric

    assert CRITERIA["research"].optional
    assert "research" not in [item.id for item in Rubric.default().items]
