"""Feedback texts that agree with the lessons: the Dutch grade words, a concrete "Nog sterker" (or
nothing) at the top level, correct Dutch, and the numbers and terms the lessons use."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from grader import CRITERIA, grade_words
from grader.journey import Persona

from .builders import expect, journey, judge, persona, phase, tp, tps, words

CRITERIA_DIR = Path(__file__).resolve().parents[2] / "grader" / "criteria"


@pytest.mark.parametrize("grade, expected", [
    (1.0, "onvoldoende"), (5.4, "onvoldoende"), (5.5, "voldoende"), (6.4, "voldoende"), (6.5, "ruim voldoende"),
    (7.4, "ruim voldoende"), (7.5, "goed"), (8.4, "goed"), (8.5, "zeer goed"), (10.0, "zeer goed"),
])
def test_grade_words_follow_the_dutch_scale(grade, expected):
    assert grade_words(grade) == expected


def test_a_ten_is_not_called_voldoende_on_the_command_line():
    from grader.formats import to_text
    from grader.report import grade

    report = grade(journey(phase("awareness", *tps(1))))
    text = to_text([report])
    assert f"({grade_words(report.grade)})" in text and "Tip: \n" not in text


def _texts(path: Path) -> list[str]:
    """Every string literal in a module, f-strings included (their constant parts)."""
    return [node.value for node in ast.walk(ast.parse(path.read_text("utf-8")))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)]


@pytest.mark.parametrize("phrase", ["Kijk of", "rubric", "grader", "pains", "gains", "wat nu nog ontbreekt",
                                    "5 of lager", "vrij vlak", "doel en frustratie op"])
def test_no_feedback_text_uses_a_word_or_phrase_students_should_not_read(phrase):
    for path in CRITERIA_DIR.glob("*.py"):
        texts = _texts(path)[1:]  # the module's docstring is for programmers
        assert not [t for t in texts if phrase in t], (path.name, phrase)


def test_the_persona_without_goal_and_frustration_gets_correct_dutch():
    empty = journey(phase("awareness", tp()), persona=Persona(name="Sanne"))
    result = expect(empty, "persona", 1)
    assert "nog geen doel en geen frustratie" in result.feedback
    assert "minstens één doel en één frustratie" in result.tip
    only_goal = journey(phase("awareness", tp()), persona=Persona(name="Sanne", goals=("een diploma halen",)))
    assert "minstens één frustratie op" in expect(only_goal, "persona", 1).tip


@pytest.mark.parametrize("channel, missing", [("e-mail", "offline"), ("balie", "online")])
def test_the_channel_mix_tip_says_which_kind_is_missing(channel, missing):
    result = expect(journey(phase("experience", *tps(3, channel=channel))), "channel_mix", 1)
    assert f"Voeg een {missing} kanaal toe" in result.tip


def test_the_phases_tips_ask_for_the_four_phases_of_lessons_3_and_9():
    assert "minstens 4 fasen" in expect(journey(phase("awareness", *tps(1))), "phases", 0).tip
    three = journey(*(phase(s, *tps(1)) for s in ("awareness", "consideration", "after_sales")))
    assert "4 of meer fasen" in expect(three, "phases", 2).tip


def test_the_awareness_tip_calls_a_talk_at_home_an_influence_not_a_contactmoment():
    aware = journey(phase("awareness", tp()), phase("after_sales", tp()), trigger="Sanne ziet een poster op school")
    tip = expect(aware, "awareness", 2).tip
    assert "Een gesprek thuis telt niet mee: dat is een invloed, geen contactmoment." in tip


def test_moments_of_truth_at_the_top_level_raise_a_dip_first_then_ask_for_a_9():
    def marked(*scores):
        return journey(phase("experience", *(tp(name=f"M{i}", emotion=s, mot=True, reason=words(8))
                                              for i, s in enumerate(scores)), *tps(4)))
    assert expect(marked(3, 9), "moments_of_truth", 3).tip.startswith("Nog sterker: bij ‘M0’ (een 3) gaat het mis")
    assert "minstens een 7" in judge(marked(3, 9), "moments_of_truth").tip
    assert expect(marked(8, 9), "moments_of_truth", 3).tip.startswith("Nog sterker: ‘M0’ (een 8) is nog geen 9")
    assert expect(marked(9, 10), "moments_of_truth", 3).tip == ""


def test_persona_at_the_top_level_names_a_goal_or_frustration_the_journey_does_not_use_yet():
    who = persona("Sanne", goals=("een passende opleiding vinden",), frustrations=("lange wachttijden",))
    j = journey(phase("awareness", tp("Sanne zoekt een passende opleiding op de website")), persona=who)
    result = expect(j, "persona", 3)
    assert result.tip == "Nog sterker: ook ‘lange wachttijden’ kan terugkomen in de reis. Bij welk contactmoment " \
                         "speelt dat voor Sanne?"


def test_touchpoints_at_the_top_level_ask_for_what_the_journey_lacks():
    both = (*tps(3, channel="e-mail"), *tps(3, channel="balie"))
    j = journey(phase("experience", *both), persona=persona("Sanne"))
    assert expect(j, "touchpoints", 3).tip.startswith("Nog sterker: geef ook ‘Moment 1’")
    full = [tp(name=f"T{i}", channel=c, emotion=7, pain="te lang wachten") for i, c in enumerate(["mail", "balie"] * 3)]
    assert expect(journey(phase("experience", *full)), "touchpoints", 3).tip == ""


def test_phases_at_the_top_level_warn_about_orientatie_or_stay_silent():
    named = journey(phase("awareness", *tps(1), name="Oriëntatie"), phase("consideration", *tps(1)),
                    phase("purchase", *tps(1)), phase("after_sales", *tps(1)))
    assert "pas op met ‘Oriëntatie’" in expect(named, "phases", 3).tip
    plain = journey(phase("awareness", *tps(1), name="Bewustwording"),
                    *(phase(s, *tps(1)) for s in ("consideration", "purchase", "after_sales")))
    assert expect(plain, "phases", 3).tip == ""


def test_every_descriptor_of_the_new_criteria_renders_with_its_numbers():
    for cid in ("improvement", "research"):
        texts = CRITERIA[cid].descriptors({})
        assert len(texts) == 4 and all("{" not in text for text in texts)
    assert "50%" in CRITERIA["improvement"].descriptors({})[2]
