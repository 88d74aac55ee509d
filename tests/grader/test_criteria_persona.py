"""Criterion `persona`, against the specification:

0 no persona, or no name | 1 named, but no goal or no frustration, or never referred to |
2 named, 1+ goal, 1+ frustration, referred to in a touchpoint |
3 as 2, a goal or frustration picked up in a touchpoint, and at most a quarter of the
touchpoint descriptions written from the organisation's side.

Referred to: the first name as a whole word (possessive, with or without diacritics) in a
touchpoint's name, description, pain, gain or reason, or first-person words there.
Picked up: a goal or frustration shares a content word (after stemming, no stop words) with a
touchpoint's description, pain or gain. Organisation's side: wij/we/ons/onze/our/us.
"""
from __future__ import annotations

import pytest

from grader.journey import Persona

from .builders import expect, journey, judge, level, persona, phase, tp

NEUTRAL = "De school stuurt een mail"  # no persona, no first person, no organisation voice
GOAL = "een stageplek vinden"
PICKED = "Sanne zoekt een stageplek"  # refers to Sanne and picks up GOAL


def pj(*touchpoints, who=None):
    who = who if who is not None else persona("Sanne", goals=(GOAL,), frustrations=("lange wachttijden",))
    return journey(phase("awareness", *touchpoints), persona=who)


# --- levels -------------------------------------------------------------------------------

@pytest.mark.parametrize("j, wanted", [
    pytest.param(journey(phase("awareness", tp(PICKED))), 0, id="no persona is ontbreekt"),
    pytest.param(pj(tp(PICKED), who=Persona(name="", goals=(GOAL,), frustrations=("x y",))), 0,
                 id="a persona without a name is ontbreekt"),
    pytest.param(pj(tp(PICKED), who=Persona(name="?", goals=(GOAL,), frustrations=("lange wachttijden",))), 0,
                 id="a persona named only '?' has no name: ontbreekt"),
    pytest.param(pj(tp(PICKED), who=persona("Sanne", goals=())), 1, id="a persona without a goal is onvoldoende"),
    pytest.param(pj(tp(PICKED), who=persona("Sanne", frustrations=())), 1,
                 id="a persona without a frustration is onvoldoende"),
    pytest.param(pj(tp(PICKED), who=persona("Sanne", goals=(), frustrations=())), 1,
                 id="a persona with neither goal nor frustration is onvoldoende"),
    pytest.param(pj(tp(NEUTRAL), tp(NEUTRAL)), 1, id="a journey that never refers to the persona is onvoldoende"),
    pytest.param(pj(), 1, id="a journey without touchpoints never refers to the persona"),
    pytest.param(pj(tp("Sanne leest de mail")), 2, id="referred to but no goal picked up is voldoende"),
    pytest.param(pj(tp(PICKED)), 3, id="referred to with a goal picked up is goed"),
    pytest.param(pj(tp(NEUTRAL), tp(NEUTRAL), tp("Sanne leest de mail", pain="Sanne vindt geen stageplek")), 3,
                 id="reference and pick-up may come from other touchpoints than the neutral ones"),
])
def test_persona_level_at_each_boundary(j, wanted):
    expect(j, "persona", wanted)


# --- referred to --------------------------------------------------------------------------

def referred(persona_name, /, **fields):
    """Level 1 (not referred) or 2/3 (referred) for a persona called `persona_name` and one touchpoint."""
    who = persona(persona_name, goals=("iets bereiken",), frustrations=("iets vervelends",))
    return level(journey(phase("awareness", tp(**{"description": NEUTRAL, **fields})), persona=who), "persona") >= 2


@pytest.mark.parametrize("name, text, expected", [
    pytest.param("Sanne", "Sanne leest de mail", True, id="Sanne is referred to by her name"),
    pytest.param("Sanne", "sanne leest de mail", True, id="the name in lower case counts"),
    pytest.param("Sanne", "SANNE leest de mail", True, id="the name in capitals counts"),
    pytest.param("Sanne", "Sannes moeder belt", True, id="the possessive 'Sannes' counts"),
    pytest.param("Sanne", "Sanne's moeder belt", True, id="the possessive 'Sanne's' counts"),
    pytest.param("Sanne", "Sanneke leest de mail", False, id="'Sanneke' is another word than Sanne"),
    pytest.param("Sanne", "Susanne leest de mail", False, id="'Susanne' is another word than Sanne"),
    pytest.param("Sanne", "Dit is voor (Sanne).", True, id="the name between brackets counts"),
    pytest.param("Luca", "Luca's moeder belt", True, id="the possessive 'Luca's' counts"),
    pytest.param("Luca", "Luca’s moeder belt", True, id="the possessive with a curly apostrophe counts"),
    pytest.param("Luca", "Lucas leest de mail", False, id="'Lucas' is another name than Luca"),
    pytest.param("Lars", "Lars' moeder belt", True, id="the possessive 'Lars'' counts"),
    pytest.param("Zoë", "Zoe leest de mail", True, id="Zoë is referred to as Zoe"),
    pytest.param("Zoe", "Zoë leest de mail", True, id="Zoe is referred to as Zoë"),
    pytest.param("Zoë", "Zoë's vader belt", True, id="the possessive 'Zoë's' counts"),
    pytest.param("Sanne de Vries", "Sanne leest de mail", True, id="the first name of a full name counts"),
    pytest.param("Sanne de Vries", "De Vries leest de mail", False, id="the surname alone is not the first name"),
    pytest.param("Sanne", "Ik lees de mail", True, id="'Ik' is the first person"),
    pytest.param("Sanne", "ik lees de mail", True, id="lower case 'ik' is the first person"),
    pytest.param("Sanne", "Mijn mentor belt", True, id="'Mijn' is the first person"),
    pytest.param("Sanne", "De mentor belt me", True, id="'me' is the first person"),
    pytest.param("Sanne", "De mentor helpt mij", True, id="'mij' is the first person"),
    pytest.param("Sanne", "I read the email", True, id="English 'I' is the first person"),
    pytest.param("Sanne", "The teacher calls my mother", True, id="English 'my' is the first person"),
    pytest.param("Sanne", "Mijnheer Jansen belt", False, id="'Mijnheer' does not contain the word mijn"),
    pytest.param("Sanne", "De school stuurt i.p.v. een brief een mail", False, id="'i.p.v.' is not the English I"),
    pytest.param("Sanne", "Wij sturen een mail", False, id="the organisation's 'wij' is no reference"),
])
def test_persona_is_referred_to_by_whole_first_name_or_first_person(name, text, expected):
    assert referred(name, description=text) is expected


@pytest.mark.parametrize("field, expected", [
    ("name", True), ("description", True), ("pain", True), ("gain", True), ("reason", True),
    ("service", False), ("channel", False),
])
def test_persona_reference_counts_in_these_touchpoint_fields(field, expected):
    value = {"channel": "Sanne"}.get(field, "Sanne doet iets")
    fields = {field: value}
    if field == "reason":
        fields["mot"] = True
    assert referred("Sanne", **fields) is expected


# --- picked up ----------------------------------------------------------------------------

@pytest.mark.parametrize("goal, frustration, touchpoint, wanted", [
    pytest.param(GOAL, "lange wachttijden", tp("Sanne zoekt een stageplek"), 3,
                 id="a goal word in the description is picked up"),
    pytest.param("stageplekken vinden", "lange wachttijden", tp("Sanne zoekt een stageplek"), 3,
                 id="a goal word is compared after stemming"),
    pytest.param(GOAL, "lange wachttijden", tp("Sanne leest de mail", pain="Sanne baalt van de wachttijd"), 3,
                 id="a frustration word in the pain is picked up"),
    pytest.param(GOAL, "lange wachttijden", tp("Sanne leest de mail", gain="Geen wachttijd meer"), 3,
                 id="a frustration word in the gain is picked up"),
    pytest.param(GOAL, "lange wachttijden", tp("Sanne leest de mail", name="Stageplek zoeken"), 2,
                 id="a goal word only in the touchpoint name is not picked up"),
    pytest.param(GOAL, "lange wachttijden", tp("Sanne leest de mail", mot=True, reason="Een stageplek telt"), 2,
                 id="a goal word only in the reason is not picked up"),
    pytest.param("ik wil het graag goed doen", "het gaat niet", tp("Ik wil het graag goed doen"), 2,
                 id="shared stop words only are not picked up"),
    pytest.param("Sanne wil slagen", "Sanne twijfelt", tp("Sanne leest de mail"), 2,
                 id="the persona's own name is not a shared content word"),
    pytest.param("Oriëntatie op beroepen", "lange wachttijden", tp("Sanne leest over orientatie"), 3,
                 id="diacritics do not matter when picking up"),
])
def test_persona_goed_needs_a_goal_or_frustration_picked_up(goal, frustration, touchpoint, wanted):
    expect(pj(touchpoint, who=persona("Sanne", goals=(goal,), frustrations=(frustration,))), "persona", wanted)


# --- organisation's side ------------------------------------------------------------------

ORG = "Wij sturen Sanne een stageplek"  # organisation's side, refers to Sanne, picks up GOAL


@pytest.mark.parametrize("org, plain, wanted", [
    pytest.param(1, 3, 3, id="one of four descriptions from the organisation is exactly a quarter: goed"),
    pytest.param(2, 6, 3, id="two of eight descriptions from the organisation is exactly a quarter: goed"),
    pytest.param(2, 5, 2, id="two of seven descriptions from the organisation is more than a quarter: voldoende"),
    pytest.param(2, 2, 2, id="half of the descriptions from the organisation is voldoende"),
    pytest.param(1, 0, 2, id="the only description from the organisation is voldoende"),
])
def test_persona_goed_allows_at_most_a_quarter_from_the_organisation(org, plain, wanted):
    expect(pj(*[tp(ORG)] * org, *[tp(PICKED)] * plain), "persona", wanted)


@pytest.mark.parametrize("description, organisation", [
    pytest.param("Wij sturen Sanne een mail", True, id="'Wij' is the organisation"),
    pytest.param("Daarna bellen we Sanne", True, id="'we' is the organisation"),
    pytest.param("Sanne komt bij ons langs", True, id="'ons' is the organisation"),
    pytest.param("Onze mentor belt Sanne", True, id="'Onze' is the organisation"),
    pytest.param("Our mentor calls Sanne", True, id="English 'our' is the organisation"),
    pytest.param("Sanne calls us", True, id="English 'us' is the organisation"),
    pytest.param("We send Sanne a mail", True, id="English 'We' is the organisation"),
    pytest.param("Wijnand belt Sanne", False, id="'Wijnand' does not contain the word wij"),
    pytest.param("Sanne loopt de weg af", False, id="'weg' does not contain the word we"),
    pytest.param("Sanne koopt een onsje kaas", False, id="'onsje' does not contain the word ons"),
    pytest.param("Sanne leest de mail", False, id="a description from Sanne's side is not the organisation"),
])
def test_persona_organisation_side_is_a_whole_word(description, organisation):
    # One such description among two: half is more than a quarter, so it decides goed or voldoende.
    j = pj(tp(PICKED), tp(description))
    expect(j, "persona", 2 if organisation else 3)


def test_persona_organisation_side_only_looks_at_descriptions():
    j = pj(tp(PICKED, name="Wij bellen", pain="Ons rooster", gain="Onze school"))
    expect(j, "persona", 3)


def test_persona_touchpoints_without_description_are_not_counted_in_the_share():
    # One of two descriptions is from the organisation; two touchpoints have no description at all.
    # Resolved: "a quarter of the touchpoint descriptions" counts the descriptions that exist.
    j = pj(tp(ORG), tp(PICKED), tp("", pain="Sanne zoekt"), tp("", gain="Sanne vindt"))
    expect(j, "persona", 2)


@pytest.mark.parametrize("settings, org, plain, wanted", [
    pytest.param({"max_organisation_share": 0.5}, 2, 2, 3, id="max_organisation_share 0.5 allows half"),
    pytest.param({"max_organisation_share": 0.5}, 3, 2, 2, id="max_organisation_share 0.5 rejects three of five"),
    pytest.param({"max_organisation_share": 0.0}, 1, 7, 2, id="max_organisation_share 0 rejects a single one"),
])
def test_persona_rubric_numbers_move_the_boundaries(settings, org, plain, wanted):
    expect(pj(*[tp(ORG)] * org, *[tp(PICKED)] * plain), "persona", wanted, **settings)


# --- feedback -----------------------------------------------------------------------------

def test_persona_feedback_names_the_persona_and_the_picked_up_goal():
    feedback = expect(pj(tp(PICKED)), "persona", 3).feedback
    assert "Sanne" in feedback and GOAL in feedback


def test_persona_feedback_names_the_descriptions_from_the_organisation():
    j = pj(tp(ORG, name="Mail van school"), tp(PICKED))
    assert "Mail van school" in expect(j, "persona", 2).feedback


def test_persona_feedback_says_what_is_missing():
    assert "frustratie" in expect(pj(tp(PICKED), who=persona("Sanne", frustrations=())), "persona", 1).feedback
    assert "doel" in expect(pj(tp(PICKED), who=persona("Sanne", goals=())), "persona", 1).feedback


@pytest.mark.parametrize("goal, description", [
    pytest.param("Niet te veel betalen", "Daan betaalt 15 euro voor de band", id="betalen meets betaalt"),
    pytest.param("No long contracts", "Daan signs a contract for one month", id="contracts meets contract"),
])
def test_persona_a_goal_comes_back_in_another_form_of_its_word(goal, description):
    who = persona("Daan", goals=(goal,), frustrations=("Lange wachttijden",))
    j = journey(phase("awareness", tp(description)), persona=who)
    assert f"komt terug in de reis: ‘{goal}’." in judge(j, "persona").feedback


def test_persona_the_wish_that_comes_back_most_completely_is_quoted():
    who = persona("Noor", goals=("Verse producten",), frustrations=("Bezorging te laat",))
    j = journey(phase("awareness", tp("Noor ziet dat de bezorging van haar producten te laat is.")), persona=who)
    assert "komt terug in de reis: ‘Bezorging te laat’." in judge(j, "persona").feedback
