"""Criteria `awareness` and `after_sales`, against the specification:

awareness: 0 none recognised | 1 no touchpoint, or another recognised stage before it |
2 nothing recognised before it, 1+ touchpoint that is no influence (a talk with someone close,
lesson 4) | 3 as 2, 2+ such touchpoints and a filled trigger.
after_sales: mirrored (nothing recognised after it), 3 needs 2+ touchpoints.
Several phases of the stage: the first awareness (last after-sales) phase decides the order,
the touchpoints of all of them are counted together. Unknown phases are ignored.
"""
from __future__ import annotations

import pytest

from grader.context import Context
from grader.criteria import REGISTRY
from grader.rubric import RubricItem
from grader.stages import StageMatch

from .builders import expect, journey, phase, stages_of, tp, tps

A, C, P, E, S = "awareness", "consideration", "purchase", "experience", "after_sales"
TRIGGER = "Sanne ziet een poster"  # 4 words


def stages(*spec, trigger=TRIGGER):
    """spec: (stage, touchpoints) pairs."""
    return journey(*(phase(stage, *tps(n)) for stage, n in spec), trigger=trigger)


# --- awareness ----------------------------------------------------------------------------

@pytest.mark.parametrize("j, wanted", [
    pytest.param(stages((C, 1), (P, 1), (S, 1)), 0, id="no awareness phase is ontbreekt"),
    pytest.param(journey(trigger=TRIGGER), 0, id="no phases at all is ontbreekt"),
    pytest.param(stages((None, 1), (C, 1)), 0, id="an unknown phase is not an awareness phase"),
    pytest.param(stages((A, 0), (C, 1)), 1, id="an awareness phase without touchpoints is onvoldoende"),
    pytest.param(stages((C, 1), (A, 2)), 1, id="an awareness phase after consideration is onvoldoende"),
    pytest.param(stages((S, 1), (A, 2)), 1, id="an awareness phase after after-sales is onvoldoende"),
    pytest.param(stages((A, 1), (C, 1)), 2, id="an awareness phase first with one touchpoint is voldoende"),
    pytest.param(stages((A, 2), (C, 1)), 3, id="two touchpoints and a filled trigger are goed"),
    pytest.param(stages((A, 5)), 3, id="an awareness phase alone with touchpoints and trigger is goed"),
])
def test_awareness_level_at_each_boundary(j, wanted):
    expect(j, "awareness", wanted)


@pytest.mark.parametrize("trigger, wanted", [
    pytest.param("", 2, id="no trigger keeps it voldoende"),
    pytest.param("Poster", 2, id="a one-word trigger keeps it voldoende"),
    pytest.param("Poster gezien", 2, id="a two-word trigger keeps it voldoende"),
    pytest.param("Poster gezien gang", 3, id="a three-word trigger makes it goed"),
    pytest.param("- - -", 2, id="a trigger of dashes is not filled"),
])
def test_awareness_goed_needs_a_trigger_of_three_words(trigger, wanted):
    expect(stages((A, 2), (C, 1), trigger=trigger), "awareness", wanted)


@pytest.mark.parametrize("spec, wanted", [
    pytest.param(((None, 1), (A, 2), (C, 1)), 3, id="an unknown phase before awareness does not count"),
    pytest.param(((None, 1), (None, 1), (A, 1), (C, 1)), 2, id="several unknown phases before awareness do not count"),
    pytest.param(((A, 1), (A, 1), (C, 1)), 3, id="touchpoints of several awareness phases are counted together"),
    pytest.param(((A, 0), (A, 1), (C, 1)), 2, id="an empty first awareness phase is fine when another has one"),
    pytest.param(((A, 1), (C, 1), (A, 1)), 3, id="only the first awareness phase decides the order"),
    pytest.param(((C, 1), (A, 1), (A, 1)), 1, id="the first awareness phase after consideration is onvoldoende"),
    pytest.param(((A, 0), (C, 1), (A, 0)), 1, id="several awareness phases without touchpoints are onvoldoende"),
    pytest.param(((A, 2), (E, 1), (C, 1), (P, 1)), 3, id="the middle stages may come in any order after awareness"),
])
def test_awareness_order_and_count_over_several_phases(spec, wanted):
    j = stages(*spec)
    assert stages_of(j) == [stage for stage, _ in spec]
    expect(j, "awareness", wanted)


@pytest.mark.parametrize("settings, spec, wanted", [
    pytest.param({"good_touchpoints": 3}, ((A, 2),), 2, id="good_touchpoints 3 makes two voldoende"),
    pytest.param({"good_touchpoints": 3}, ((A, 3),), 3, id="good_touchpoints 3 makes three goed"),
    pytest.param({"good_touchpoints": 1}, ((A, 1),), 3, id="good_touchpoints 1 makes one goed"),
    pytest.param({"filled_words": 5}, ((A, 2),), 2, id="filled_words 5 rejects a four-word trigger"),
    pytest.param({"filled_words": 4}, ((A, 2),), 3, id="filled_words 4 accepts a four-word trigger"),
])
def test_awareness_rubric_numbers_move_the_boundaries(settings, spec, wanted):
    expect(stages(*spec), "awareness", wanted, **settings)


def test_awareness_feedback_names_the_phase_the_count_and_the_trigger():
    j = journey(phase(A, *tps(2), name="Oriënteren"), phase(C, tp()), trigger="Sanne ziet een poster in de hal")
    feedback = expect(j, "awareness", 3).feedback
    assert "Oriënteren" in feedback and "2 contactmomenten" in feedback
    assert "Sanne ziet een poster in de hal" in feedback


def test_awareness_a_talk_with_someone_close_is_an_influence_and_no_contact_moment():
    family = (tp("Yara praat met haar moeder over een nieuwe fiets.", "thuis", name="Gesprek met moeder"),
              tp("Haar oom zegt dat de fietsenmaker in de buurt goed is.", "verjaardag", name="Oom vertelt"))
    j = journey(phase(A, *family, name="Fiets kapot"), phase(C, tp()), trigger="Yara ziet dat haar band lek is")
    result = expect(j, "awareness", 1)  # only influences: no contact moment with the organisation yet
    assert ("‘Gesprek met moeder’ en ‘Oom vertelt’ zijn invloeden, geen contact met de organisatie: daar komt de "
            "klant de organisatie niet tegen.") in result.feedback  # no persona here: 'de klant'
    assert "contactmoment van de organisatie" in result.tip
    poster = tp("Yara ziet een poster van de fietsenmaker bij de supermarkt.", "poster", name="Poster")
    assert "invloed" in expect(journey(phase(A, family[0], poster, name="Fiets kapot"), phase(C, tp()),
                                       trigger="Yara ziet dat haar band lek is"), "awareness", 2).tip
    flyer = tp("Er valt een folder van de fietsenmaker op de mat.", "folder", name="Folder")
    with_contacts = journey(phase(A, *family, poster, flyer, name="Fiets kapot"), phase(C, tp()),
                            trigger="Yara ziet dat haar band lek is")
    assert "‘Gesprek met moeder’ en ‘Oom vertelt’ zijn invloeden" in expect(with_contacts, "awareness", 3).feedback


@pytest.mark.parametrize("name, channel, influence", [
    pytest.param("Tip van de buurvrouw", "", True, id="a tip from a neighbour"),
    pytest.param("Conversation with a friend", "", True, id="a talk with a friend"),
    pytest.param("Moeder zegt", "thuis", True, id="a mother who speaks"),
    pytest.param("Korting voor vrienden", "flyer", False, id="a flyer meant for friends"),
    pytest.param("Cost", "letter to parents", False, id="a letter to the parents"),
    pytest.param("Intakegesprek met ouders", "school", False, id="parents are a school's customers"),
    pytest.param("Melding", "app voor familie", False, id="an online medium of the organisation"),
    pytest.param("Collega's", "keuken", False, id="colleagues are often the organisation's own staff"),
    pytest.param("Vriendin", "WhatsApp", True, id="a friend's message in an app (lesson 4)"),
    pytest.param("Gesprek thuis", "thuis", True, id="a talk at home"),
    pytest.param("Friend's advice", "", True, id="a friend's advice"),
    pytest.param("Open dag met moeder", "school", False, id="a mother who comes along"),
    pytest.param("Oma's verjaardag", "restaurant", False, id="grandma's birthday in a restaurant"),
    pytest.param("Betalen", "iDEAL (met pinpas van vader)", False, id="a father's card in the organisation's medium"),
])
def test_an_influence_is_someone_close_who_speaks_not_any_mention_of_a_person(name, channel, influence):
    from grader.criteria.influences import is_influence
    from grader.journey import Touchpoint
    assert is_influence(Touchpoint(name=name, channel=channel)) is influence


def test_awareness_a_trigger_in_the_organisations_voice_gets_a_tip():
    j = stages((A, 2), (C, 1), trigger="Wij willen dat inwoners op tijd een vergunning aanvragen.")
    assert expect(j, "awareness", 3).tip.startswith("Nog sterker: je trigger is geschreven vanuit de organisatie")
    ours = stages((A, 2), (C, 1), trigger="Mijn wasmachine is kapot, dus we zoeken een nieuwe.")
    assert "vanuit de organisatie" not in expect(ours, "awareness", 3).tip  # the customer's own 'we'
    from .builders import persona
    together = journey(phase(A, *tps(2)), phase(C, tp()), persona=persona("Sanne"),
                       trigger="Sanne en haar vriend gaan samenwonen, dus we zoeken een huis.")
    assert "vanuit de organisatie" not in expect(together, "awareness", 3).tip
    named = journey(phase(A, *tps(2)), phase(C, tp()), persona=persona("Sanne"),
                    trigger="Hier kunnen wij Sanne laten zien dat we om haar geven.")
    assert expect(named, "awareness", 3).tip.startswith("Nog sterker: je trigger is geschreven vanuit de organisatie")


def test_awareness_feedback_names_the_phase_that_comes_before_it():
    j = journey(phase(C, tp(), name="Kiezen"), phase(A, tp(), name="Oriënteren"))
    feedback = expect(j, "awareness", 1).feedback
    assert "Oriënteren" in feedback and "Kiezen" in feedback


def test_awareness_feedback_names_several_awareness_phases_and_their_total():
    j = journey(phase(A, tp(), name="Droom"), phase(A, tp(), name="Poster"), phase(C, tp()), trigger=TRIGGER)
    feedback = expect(j, "awareness", 3).feedback
    assert "Droom" in feedback and "Poster" in feedback and "2 contactmomenten" in feedback


def test_awareness_missing_feedback_names_the_unrecognised_phases():
    j = journey(phase(None, tp(), name="Tussenstuk"), phase(C, tp()))
    assert "Tussenstuk" in expect(j, "awareness", 0).feedback


def test_awareness_recognised_from_the_phase_name():
    # Integration with stage recognition: "Oriëntatie" first, without an explicit stage.
    j = journey(phase(None, *tps(2), name="Oriëntatie"), phase(None, tp(), name="Aanmelden"), trigger=TRIGGER)
    assert stages_of(j) == [A, P]
    expect(j, "awareness", 3)


# --- after-sales --------------------------------------------------------------------------

@pytest.mark.parametrize("j, wanted", [
    pytest.param(stages((A, 1), (C, 1), (P, 1)), 0, id="no after-sales phase is ontbreekt"),
    pytest.param(journey(), 0, id="no phases at all is ontbreekt"),
    pytest.param(stages((C, 1), (None, 1)), 0, id="an unknown last phase is not an after-sales phase"),
    pytest.param(stages((C, 1), (S, 0)), 1, id="an after-sales phase without touchpoints is onvoldoende"),
    pytest.param(stages((S, 2), (E, 1)), 1, id="an after-sales phase before experience is onvoldoende"),
    pytest.param(stages((S, 2), (A, 1)), 1, id="an after-sales phase before awareness is onvoldoende"),
    pytest.param(stages((C, 1), (S, 1)), 2, id="an after-sales phase last with one touchpoint is voldoende"),
    pytest.param(stages((C, 1), (S, 2)), 3, id="an after-sales phase last with two touchpoints is goed"),
    pytest.param(stages((C, 1), (S, 2), trigger=""), 3, id="after-sales needs no trigger"),
])
def test_after_sales_level_at_each_boundary(j, wanted):
    expect(j, "after_sales", wanted)


@pytest.mark.parametrize("spec, wanted", [
    pytest.param(((C, 1), (S, 2), (None, 1)), 3, id="an unknown phase after after-sales does not count"),
    pytest.param(((C, 1), (S, 1), (S, 1)), 3, id="touchpoints of several after-sales phases are counted together"),
    pytest.param(((C, 1), (S, 1), (S, 0)), 2, id="an empty last after-sales phase is fine when another has one"),
    pytest.param(((S, 1), (C, 1), (S, 1)), 3, id="only the last after-sales phase decides the order"),
    pytest.param(((S, 1), (S, 1), (C, 1)), 1, id="the last after-sales phase before consideration is onvoldoende"),
    pytest.param(((S, 0), (C, 1), (S, 0)), 1, id="several after-sales phases without touchpoints are onvoldoende"),
    pytest.param(((A, 1), (P, 1), (C, 1), (S, 1)), 2, id="the middle stages may come in any order before after-sales"),
])
def test_after_sales_order_and_count_over_several_phases(spec, wanted):
    j = stages(*spec)
    assert stages_of(j) == [stage for stage, _ in spec]
    expect(j, "after_sales", wanted)


@pytest.mark.parametrize("settings, n, wanted", [
    pytest.param({"good_touchpoints": 3}, 2, 2, id="good_touchpoints 3 makes two voldoende"),
    pytest.param({"good_touchpoints": 3}, 3, 3, id="good_touchpoints 3 makes three goed"),
])
def test_after_sales_rubric_numbers_move_the_boundaries(settings, n, wanted):
    expect(stages((C, 1), (S, n)), "after_sales", wanted, **settings)


def test_after_sales_feedback_names_the_phase_and_the_count():
    j = journey(phase(C, tp()), phase(S, *tps(3), name="Na de diploma-uitreiking"))
    feedback = expect(j, "after_sales", 3).feedback
    assert "Na de diploma-uitreiking" in feedback and "3 contactmomenten" in feedback


def test_after_sales_feedback_names_the_phase_that_comes_after_it():
    j = journey(phase(S, tp(), name="Nazorg"), phase(E, tp(), name="Eerste lesdag"))
    feedback = expect(j, "after_sales", 1).feedback
    assert "Nazorg" in feedback and "Eerste lesdag" in feedback


def test_after_sales_recognised_from_the_phase_name():
    j = journey(phase(None, tp(), name="Aanmelden"), phase(None, *tps(2), name="Nazorg"))
    assert stages_of(j) == [P, S]
    expect(j, "after_sales", 3)


@pytest.mark.parametrize("criterion, stage, title", [("awareness", A, "bewustwordingsfase"),
                                                     ("after_sales", S, "after-salesfase")])
def test_a_missing_phase_names_the_close_calls_that_could_be_it(criterion, stage, title):
    # The grader read 'Service' as the experience, but after-sales was almost as likely (a doubt):
    # the student may have meant it, and can say so with the "Soort fase".
    j = stages((C, 1), (P, 1), (E, 1))
    ctx = Context(j)
    ctx.stages = [StageMatch(m.stage, m.source, m.evidence, stage if i == 2 else None)
                  for i, m in enumerate(ctx.stages)]
    result = REGISTRY[criterion].check(ctx, RubricItem(criterion).settings)
    assert result.level == 0
    name = j.phases[2].label()
    assert result.feedback == f"Ik vind geen {title} in je klantreis. ‘{name}’ kan ook de {title} zijn."
    missing = REGISTRY[criterion].check(Context(j), RubricItem(criterion).settings).tip  # no doubt: the usual tip
    assert result.tip == (f"Is ‘{name}’ je {title}? Kies daar dan zelf de ‘Soort fase’ in de bouwer. Zo niet: "
                          f"{missing[:1].lower()}{missing[1:]}")
    ctx.stages = [StageMatch(m.stage, m.source, m.evidence) for m in ctx.stages]  # no doubt: no hint
    assert REGISTRY[criterion].check(ctx, RubricItem(criterion).settings).feedback == (
        f"Ik vind geen {title} in je klantreis.")
