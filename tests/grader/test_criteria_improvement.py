"""Verbetervoorstel (optional), against its level descriptors in grader/criteria/improvement.py:

0 no moment of truth or dip has a desired situation | 1 fewer than half of them a concrete one |
2 at least half a concrete one | 3 every one a concrete one, with a desired score of at least 7
(a 9 or more at a moment of truth).

The key touchpoints are the moments of truth and the dips (a score below 6); a curve without a
dip adds its lowest point when that is below the expected 7 (lesson 6).
"""
from __future__ import annotations

import pytest

from grader.criteria.improvement import has_action
from grader.criteria.key_moments import key_moments

from .builders import expect, journey, persona, phase, tp, words

CONCRETE = "De mentor belt Sanne op een vaste tijd."
VAGUE = "Het moet veel beter en leuker."


def truth(desired: str = "", wish: int | None = None, emotion: int = 8, name: str = "Uitslag"):
    return tp(name=name, emotion=emotion, mot=True, reason=words(8), desired=desired, desired_emotion=wish)


def dip(desired: str = "", wish: int | None = None, emotion: int = 4, name: str = "Wachten"):
    return tp(name=name, emotion=emotion, desired=desired, desired_emotion=wish)


def fine(name: str = "Bericht", emotion: int = 7, desired: str = ""):
    return tp(name=name, emotion=emotion, desired=desired)


def trip(*tps):
    return journey(phase("experience", *tps), persona=persona("Sanne"))


@pytest.mark.parametrize("j, wanted", [
    pytest.param(journey(), 0, id="no touchpoints: ontbreekt"),
    pytest.param(trip(fine(), fine("Les", 8)), 0, id="no moment of truth and no dip: ontbreekt"),
    pytest.param(trip(truth(), dip(), fine(desired=CONCRETE)), 0,
                 id="a desired situation away from the key moments does not count"),
    pytest.param(trip(truth(VAGUE), dip()), 1, id="only a vague wish: onvoldoende"),
    pytest.param(trip(truth(CONCRETE), dip(), dip(name="Balie")), 1, id="one of three concrete: onvoldoende"),
    pytest.param(trip(truth(CONCRETE), dip()), 2, id="half concrete: voldoende"),
    pytest.param(trip(truth(CONCRETE), dip(CONCRETE)), 2, id="all concrete without desired scores: voldoende"),
    pytest.param(trip(truth(CONCRETE, 8), dip(CONCRETE, 7)), 2, id="a moment of truth wished to an 8: voldoende"),
    pytest.param(trip(truth(CONCRETE, 9), dip(CONCRETE, 6)), 2, id="a dip wished to a 6: voldoende"),
    pytest.param(trip(truth(CONCRETE, 9), dip(CONCRETE, 7)), 3, id="all concrete, 9 and 7: goed"),
    pytest.param(trip(truth(CONCRETE, 10), fine()), 3, id="only a moment of truth, concrete, a 10: goed"),
])
def test_improvement_level_at_each_boundary(j, wanted):
    expect(j, "improvement", wanted)


@pytest.mark.parametrize("settings, j, wanted", [
    pytest.param({"sufficient_share": 0.3}, trip(truth(CONCRETE), dip(), dip(name="Balie")), 2,
                 id="a lower share makes one of three voldoende"),
    pytest.param({"low_emotion": 5}, trip(truth(CONCRETE, 9), dip(emotion=5), fine()), 2,
                 id="with dips below 5, a 5 is the lowest point below 7 and still counts"),
    pytest.param({"low_emotion": 5}, trip(truth(CONCRETE, 9), fine(emotion=7)), 3,
                 id="with no dip and nothing below 7, only the moment of truth counts"),
    pytest.param({"filled_words": 10}, trip(truth(CONCRETE, 9), dip(CONCRETE, 7)), 1,
                 id="a longer minimum makes short desired situations too short: onvoldoende"),
])
def test_improvement_rubric_numbers_move_the_boundaries(settings, j, wanted):
    expect(j, "improvement", wanted, **settings)


def test_the_key_moments_are_the_moments_of_truth_and_the_dips_in_journey_order():
    tps = [fine("A", 7), dip(name="B", emotion=3), truth(name="C", emotion=9), dip(name="D", emotion=5), fine("E", 6)]
    moments = key_moments(tps, 6)
    assert [m.touchpoint.name for m in moments] == ["B", "C", "D"]
    assert [m.why() for m in moments] == ["een 3", "moment van de waarheid", "een 5"]
    assert [m.target for m in moments] == [7, 9, 7]


def test_without_a_dip_the_lowest_point_below_7_counts_and_a_curve_of_7_and_up_has_none():
    assert [m.touchpoint.name for m in key_moments([fine("A", 8), fine("B", 6), fine("C", 6)], 6)] == ["B", "C"]
    assert key_moments([fine("A", 8), fine("B", 7)], 6) == []


@pytest.mark.parametrize("text", [
    "De mentor belt Sanne om twee uur.",
    "De school stuurt om negen uur een mail met de uitslag.",
    "De mentor legt uit wat de uitslag betekent.",
    "Een student leidt Sanne rond en wijst het lokaal aan.",
    "Sanne wordt rondgeleid door een tweedejaars.",
    "De school laat Sanne weten wanneer de les wordt ingehaald.",
    "We nodigen Sanne uit voor een gesprek.",
    "De balie beantwoordt haar vraag dezelfde dag.",
    "Het examenbureau zet het diploma in het register.",
    "Een docent ontvangt de groep bij de ingang.",
    # what organisations do in other sectors, also in English
    "Kim repareert de gebroken nagel gratis binnen een week.",
    "Sanne repareert de nagel meteen.",
    "De gemeente beslist binnen twee weken.",
    "Een monteur van de garage maakt een foto van de schade.",
    "De nieuwe trainer verlengt het abonnement gratis.",
    "Medewerkers repareren de fiets terwijl Daan wacht.",
    "We gaan de nagel gratis repareren.",
    "Coolblue bezorgt het pakket morgen.",
    "Het hotel upgradet de kamer gratis.",
    "De salon maakt de nagel schoon en vervangt hem.",
    "The gym shows in the app how busy it is.",
    "We send a text the day before.",
    "The coach will call her after the match.",
    "The nurse explains every step before the treatment.",
    "She replaces the phone the same day.",
    "The staff member offers a monthly contract.",
    "FitPlaza lets members cancel online with one click.",
    "Our team replies within one hour.",
    "De webshop betaalt het geld meteen terug.",
    "De trainer motiveert Tim voor elke wedstrijd.",
    "Ze lossen het probleem meteen op.",
])
def test_a_desired_situation_that_says_who_does_what_names_an_action(text):
    assert has_action(text)


@pytest.mark.parametrize("text", [
    "Het moet beter.",
    "Betere communicatie met Sanne.",
    "Een leukere en snellere ontvangst.",
    "Het bericht komt niet te laat.",
    "Sanne is blij en tevreden.",
    "De app is duidelijker.",
    "Meer aandacht voor de klant.",
    "Een leukere en snellere ontvangst.",
    "Een nieuwe dienst voor jongeren.",
    "De wachttijd wordt korter.",
    "De uitleg over het contract is duidelijk.",
    "Persoonlijk contact met de kapper.",
    "Duidelijk overzicht van de prijzen.",
    "Tien procent korting.",
    "Een warme ontvangst met koffie.",
    "Een goed advies van de kapper.",
    "Alles loopt soepel.",
    "It should be better.",
    "The staff are friendlier.",
    "A faster response from the shop.",
    "Faster answers from the staff.",
    "Personal contacts with the staff.",
    "Quick replies to every question.",
    "Free returns for every order.",
    "Time to explain the prices.",
    "Het moet verbeteren.",
    "Een vernieuwde website.",
    "Verlaagde prijzen voor leden.",
    "Duidelijke afspraken over de prijs.",
    "Alles is goed geregeld.",
    "Sanne voelt zich goed begeleid.",
    "Sanne is niet meer bezorgd.",
    "Geen zorgen meer.",
    "Sneller antwoord op vragen.",
    "Fast help at the desk.",
    "Een vriendelijkere toon in de mail.",
    "Een kapsel dat past bij Sanne.",
    "Better email contact with the customer.",
    "A quick refund.",
    "We want it better.",
])
def test_a_wish_without_an_action_is_not_concrete(text):
    assert not has_action(text)


def test_feedback_names_the_key_moments_and_what_is_missing_at_each():
    j = trip(truth(CONCRETE, name="Telefoontje"), dip(VAGUE, name="Wachten"), dip(name="Balie", emotion=3))
    result = expect(j, "improvement", 1)
    assert "‘Telefoontje’ (moment van de waarheid)" in result.feedback
    assert "‘Wachten’ (een 4)" in result.feedback and "‘Balie’ (een 3)" in result.feedback
    assert "Met een concrete gewenste situatie: ‘Telefoontje’." in result.feedback
    assert "Nog niet concreet: ‘Het moet veel beter en leuker.’ bij ‘Wachten’ zegt niet wat de organisatie doet" \
        in result.feedback
    assert "Zonder gewenste situatie: ‘Balie’." in result.feedback
    assert "‘Wachten’ en ‘Balie’" in result.tip and "werkwoord" in result.tip and "Sanne" in result.tip


def test_a_desired_situation_that_repeats_the_current_one_is_not_a_change():
    same = tp(name="Uitslag", description=CONCRETE, emotion=8, mot=True, reason=words(8), desired=CONCRETE)
    result = expect(trip(same), "improvement", 1)
    assert "hetzelfde als nu" in result.feedback


def test_a_low_desired_score_is_named_with_the_number_the_lesson_asks_for():
    result = expect(trip(truth(CONCRETE, 8), dip(CONCRETE)), "improvement", 2)
    assert "‘Uitslag’ (een 8)" in result.feedback and "‘Wachten’ (geen gewenst cijfer)" in result.feedback
    assert "minstens een 7" in result.tip and "9 of hoger" in result.tip


def test_at_the_top_level_a_touchpoint_below_7_elsewhere_is_the_next_step_or_there_is_no_tip():
    assert expect(trip(truth(CONCRETE, 9), dip(CONCRETE, 7), fine("Mail", emotion=7)), "improvement", 3).tip == ""
    # A 6 is no dip when there is a 4, but it is still below what the customer expects.
    tip = expect(trip(truth(CONCRETE, 9), dip(CONCRETE, 7), fine("Mail", emotion=6)), "improvement", 3).tip
    assert tip.startswith("Nog sterker: ook ‘Mail’ scoort onder de 7")


def test_improvement_is_off_by_default_and_a_teacher_can_switch_it_on():
    from grader import CRITERIA, Rubric

    assert CRITERIA["improvement"].optional
    assert "improvement" not in [item.id for item in Rubric.default().items]
    assert [item.id for item in Rubric.from_config({"criteria": {"improvement": {}}}).items] == ["improvement"]


@pytest.mark.parametrize(("scores", "low"), [
    ([7, 4, 8, 5], {4, 5}),          # dips below 6
    ([8, 6, 9], {6}),                # no dip: the lowest, under the expected 7
    ([7, 8, 9], set()),              # no dip, lowest is a 7: nothing low
    ([None, 3, None], {3}),          # unscored touchpoints are never low
    ([], set()),
])
def test_low_scores_is_the_one_rule_of_a_low_point(scores, low):
    from grader import low_scores
    assert low_scores(scores, 6) == low
