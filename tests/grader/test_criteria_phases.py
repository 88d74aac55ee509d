"""Criterion `phases`, against the specification:

0 fewer than 2 phases | 1 2 phases, or 3+ with a phase without touchpoint |
2 3+ phases, each with a touchpoint | 3 4+ phases, each with a touchpoint, from before to after
(no awareness after another recognised stage, no after-sales before one; unknown phases ignored).
"""
from __future__ import annotations

import pytest

from .builders import expect, journey, phase, spread, stages_of, tp

A, C, P, E, S = "awareness", "consideration", "purchase", "experience", "after_sales"


@pytest.mark.parametrize("j, wanted", [
    pytest.param(journey(), 0, id="no phases at all is ontbreekt"),
    pytest.param(spread(A), 0, id="one phase is ontbreekt"),
    pytest.param(spread(A, S), 1, id="two phases each with a touchpoint are onvoldoende"),
    pytest.param(journey(phase(A, tp()), phase(S)), 1, id="two phases, one empty, are onvoldoende"),
    pytest.param(spread(A, P, S), 2, id="three phases each with a touchpoint are voldoende"),
    pytest.param(journey(phase(A, tp()), phase(P), phase(S, tp())), 1,
                 id="three phases with one empty are onvoldoende"),
    pytest.param(spread(A, C, P, S), 3, id="four phases in order each with a touchpoint are goed"),
    pytest.param(journey(phase(A, tp()), phase(C, tp()), phase(P), phase(S, tp())), 1,
                 id="four phases with one empty are onvoldoende"),
    pytest.param(spread(A, C, P, E, S), 3, id="five phases in order are goed"),
    pytest.param(journey(*[phase(A, tp())] * 5, phase(S)), 1, id="six phases with the last empty are onvoldoende"),
])
def test_phases_level_at_each_count_boundary(j, wanted):
    expect(j, "phases", wanted)


@pytest.mark.parametrize("stages, wanted", [
    pytest.param((C, A, P, S), 2, id="awareness after consideration breaks the order: voldoende"),
    pytest.param((A, P, S, E), 2, id="after-sales before experience breaks the order: voldoende"),
    pytest.param((S, A, C, P), 2, id="after-sales first breaks the order: voldoende"),
    pytest.param((A, E, P, C, S), 3, id="consideration, purchase and experience may interleave: goed"),
    pytest.param((A, P, C, P, E, C, S), 3, id="middle stages repeated in any order: goed"),
    pytest.param((A, A, C, P), 3, id="several awareness phases at the front: goed"),
    pytest.param((A, C, A, P), 2, id="a second awareness phase after consideration breaks the order"),
    pytest.param((C, P, S, S), 3, id="several after-sales phases at the end: goed"),
    pytest.param((C, S, P, S), 2, id="an after-sales phase before purchase breaks the order even if another is last"),
    pytest.param((C, P, E, E), 3, id="no awareness or after-sales phase leaves nothing out of order: goed"),
    pytest.param((A, C, S), 2, id="three phases in order stay voldoende"),
    pytest.param((C, A, S), 2, id="three phases out of order are still voldoende"),
])
def test_phases_order_check_only_fixes_awareness_first_and_after_sales_last(stages, wanted):
    expect(spread(*stages), "phases", wanted)


@pytest.mark.parametrize("stages", [
    pytest.param((None, A, C, S), id="an unknown phase before awareness"),
    pytest.param((A, C, S, None), id="an unknown phase after after-sales"),
    pytest.param((A, None, C, None, S), id="unknown phases in between"),
    pytest.param((None, None, None, None), id="only unknown phases"),
])
def test_phases_unknown_phases_are_left_out_of_the_order_check(stages):
    j = spread(*stages)
    assert stages_of(j) == list(stages)
    expect(j, "phases", 3)


def test_phases_recognised_by_name_are_order_checked_too():
    # Integration with stage recognition: no explicit stages, only the student's phase names.
    j = journey(*(phase(None, tp(), name=name) for name in ("Vergelijken", "Bewustwording", "Aanmelden", "Nazorg")))
    assert stages_of(j) == [C, A, P, S]
    result = expect(j, "phases", 2)
    assert "Bewustwording" in result.feedback and "Vergelijken" in result.feedback


@pytest.mark.parametrize("settings, stages, wanted", [
    pytest.param({"good_phases": 5}, (A, C, P, S), 2, id="good_phases 5 makes four ordered phases voldoende"),
    pytest.param({"good_phases": 5}, (A, C, P, E, S), 3, id="good_phases 5 makes five ordered phases goed"),
    pytest.param({"sufficient_phases": 4}, (A, P, S), 1, id="sufficient_phases 4 makes three phases onvoldoende"),
    pytest.param({"sufficient_phases": 4}, (A, C, P, S), 3, id="sufficient_phases 4 keeps four ordered phases goed"),
    pytest.param({"min_phases": 3}, (A, S), 0, id="min_phases 3 makes two phases ontbreekt"),
    pytest.param({"min_phases": 3}, (A, P, S), 2, id="min_phases 3 keeps three phases voldoende"),
])
def test_phases_rubric_numbers_move_the_boundaries(settings, stages, wanted):
    expect(spread(*stages), "phases", wanted, **settings)


def test_phases_feedback_names_the_count_and_every_phase():
    j = journey(phase(A, tp(), name="Oriëntatie"), phase(C, tp(), name="Open dag"),
                phase(P, tp(), name="Aanmelden"), phase(S, tp(), name="Nazorg"))
    feedback = expect(j, "phases", 3).feedback
    assert "4 fasen" in feedback
    for name in ("Oriëntatie", "Open dag", "Aanmelden", "Nazorg"):
        assert name in feedback


def test_phases_feedback_names_the_phase_without_touchpoints():
    j = journey(phase(A, tp()), phase(C, name="Lege fase"), phase(S, tp()))
    assert "Lege fase" in expect(j, "phases", 1).feedback


def test_phases_feedback_names_the_phases_out_of_order():
    j = journey(phase(C, tp(), name="Kiezen"), phase(A, tp(), name="Oriëntatie"), phase(P, tp()), phase(S, tp()))
    feedback = expect(j, "phases", 2).feedback
    assert "Oriëntatie" in feedback and "Kiezen" in feedback


def test_phases_feedback_for_a_single_phase_names_it():
    assert "Oriëntatie" in expect(spread(A), "phases", 0).feedback


def test_a_name_that_says_nothing_gets_an_example_name_for_the_stage_it_was_read_as():
    from grader.criteria.phases import NAME_EXAMPLES
    from grader.stages import STAGE_TITLES, recognise_text
    assert {stage: recognise_text(name) for stage, name in NAME_EXAMPLES.items()} == {s: s for s in NAME_EXAMPLES}
    first = phase(None, tp(channel="thuis"), name="Geen tijd",
                  description="Daan ziet dat zijn band lek is en merkt dat hij een nieuwe nodig heeft.")
    j = journey(first, phase(C, tp(), name="Vergelijken"), phase(P, tp(), name="Boeken"),
                phase(S, tp(), name="Nazorg"))
    result = expect(j, "phases", 3)
    read_as = stages_of(j)[0]
    assert read_as is not None
    assert result.tip == ("Nog sterker: uit de naam ‘Geen tijd’ blijkt nog niet wat de klant in die fase doet. Kies "
                          f"een naam die dat zegt. Voor de {STAGE_TITLES[read_as]} is dat bijvoorbeeld "
                          f"‘{NAME_EXAMPLES[read_as]}’.")


def test_names_that_say_nothing_are_named_together_and_a_name_with_a_stage_word_is_not_among_them():
    j = journey(phase(A, tp(), name="Bewustwording"),
                phase(None, tp(), name="Stap 2", description="Sanne vergelijkt drie scholen."),
                phase(None, tp(), name="Stap 3", description="Sanne meldt zich aan op de website."),
                phase(S, tp(), name="Nazorg"))
    result = expect(j, "phases", 3)
    assert result.tip.startswith("Nog sterker: uit de namen ‘Stap 2’ en ‘Stap 3’ blijkt nog niet")
    assert "Bewustwording" not in result.tip and "Nazorg" not in result.tip
