"""Criterion `touchpoints`, against the specification:

0 none | 1 1 to 3, or more than a quarter without a channel or a filled (3+ words) description |
2 4+, at least three quarters complete | 3 6+, all complete, online and offline channels among them.
"""
from __future__ import annotations

import pytest

from .builders import expect, journey, phase, tp, words

ONLINE = tp("Sanne leest de mail", "e-mail")
OFFLINE = tp("Sanne praat aan de balie", "balie")
UNLISTED = tp("Sanne krijgt een postduif", "postduif")  # in no word list, nothing digital: offline
NO_CHANNEL = tp("Sanne leest de mail", "")
SHORT = tp("Leest mail", "e-mail")  # 2 words: not filled


def tps_journey(*touchpoints):
    """Touchpoints spread over three phases, so only the touchpoints decide."""
    chunks = [touchpoints[i::3] for i in range(3)]
    stages = ("awareness", "purchase", "after_sales")
    return journey(*(phase(stage, *chunk) for stage, chunk in zip(stages, chunks, strict=True)))


def mix(online: int, offline: int, *rest):
    return tps_journey(*([ONLINE] * online + [OFFLINE] * offline + list(rest)))


@pytest.mark.parametrize("j, wanted", [
    pytest.param(journey(phase("awareness"), phase("purchase")), 0, id="phases without touchpoints are ontbreekt"),
    pytest.param(journey(), 0, id="an empty journey is ontbreekt"),
    pytest.param(mix(1, 0), 1, id="one complete touchpoint is onvoldoende"),
    pytest.param(mix(2, 1), 1, id="three complete touchpoints online and offline are onvoldoende"),
    pytest.param(mix(3, 1), 2, id="four complete touchpoints are voldoende"),
    pytest.param(mix(4, 0), 2, id="four complete online touchpoints are voldoende"),
    pytest.param(mix(3, 2), 2, id="five complete touchpoints online and offline are voldoende"),
    pytest.param(mix(3, 3), 3, id="six complete touchpoints online and offline are goed"),
    pytest.param(mix(8, 1), 3, id="nine complete touchpoints with one offline are goed"),
])
def test_touchpoints_level_at_each_count_boundary(j, wanted):
    expect(j, "touchpoints", wanted)


@pytest.mark.parametrize("j, wanted", [
    pytest.param(mix(6, 0), 2, id="six complete online only touchpoints are voldoende"),
    pytest.param(mix(0, 6), 2, id="six complete offline only touchpoints are voldoende"),
    pytest.param(mix(5, 0, UNLISTED), 3, id="online plus a named channel with nothing digital is online and offline"),
    pytest.param(mix(5, 0, tp("Sanne leest de mail", "n.v.t.")), 2, id="a placeholder is no channel at all"),
    pytest.param(tps_journey(*[tp("Sanne leest de mail", "Website van de school")] * 6), 2,
                 id="'Website van de school' is one online channel, not online and offline"),
    pytest.param(tps_journey(*[tp("Sanne leest de mail", "Mail van de mentor")] * 6), 2,
                 id="'Mail van de mentor' is one online channel, not online and offline"),
    pytest.param(mix(5, 0, tp("Sanne krijgt een brief", "brief")), 3, id="one letter among online channels is goed"),
    pytest.param(mix(5, 0, tp("Sanne heeft een intakegesprek", "intakegesprek")), 3,
                 id="an intakegesprek is an offline channel"),
    pytest.param(mix(0, 5, tp("Sanne leest de groepsapp", "groepsapp")), 3, id="a groepsapp is an online channel"),
    pytest.param(tps_journey(*[tp("Sanne leest de mail", "E-mail en brief")] * 6), 3,
                 id="a channel that names both an online and an offline way counts as both"),
])
def test_touchpoints_good_needs_online_and_offline_channels(j, wanted):
    expect(j, "touchpoints", wanted)


@pytest.mark.parametrize("j, wanted", [
    pytest.param(mix(2, 1, NO_CHANNEL), 2, id="exactly a quarter without channel of four is still voldoende"),
    pytest.param(mix(4, 2, NO_CHANNEL, NO_CHANNEL), 2, id="exactly a quarter incomplete of eight is voldoende"),
    pytest.param(mix(3, 2, NO_CHANNEL, NO_CHANNEL, SHORT), 1, id="three incomplete of eight is onvoldoende"),
    pytest.param(mix(1, 1, NO_CHANNEL, SHORT), 1, id="half incomplete of four is onvoldoende"),
    pytest.param(mix(3, 2, NO_CHANNEL), 2, id="one incomplete of six keeps it from goed"),
    pytest.param(mix(3, 2, SHORT), 2, id="one short description of six keeps it from goed"),
    pytest.param(mix(6, 6, NO_CHANNEL), 2, id="one incomplete of thirteen keeps it from goed"),
    pytest.param(mix(1, 1, NO_CHANNEL), 1, id="three touchpoints with one incomplete are onvoldoende"),
])
def test_touchpoints_completeness_boundary_is_three_quarters(j, wanted):
    expect(j, "touchpoints", wanted)


@pytest.mark.parametrize("channel", ["", "-", "?", "n.v.t.", "N.v.t.", "nvt", "geen", "Geen", " - ", "—", "..."])
def test_touchpoints_placeholder_channel_counts_as_missing(channel):
    # Five complete and one with a placeholder: voldoende, not goed; two placeholders in four
    # touchpoints: onvoldoende.
    placeholder = tp("Sanne leest de mail", channel)
    expect(mix(3, 2, placeholder), "touchpoints", 2)
    expect(mix(2, 0, placeholder, placeholder), "touchpoints", 1)


@pytest.mark.parametrize("description, complete", [
    pytest.param("", False, id="an empty description is not filled"),
    pytest.param("Mail", False, id="one word is not filled"),
    pytest.param("Leest mail", False, id="two words are not filled"),
    pytest.param("Sanne leest mail", True, id="three words are filled"),
    pytest.param("  Sanne   leest  ", False, id="spaces do not count as words"),
    pytest.param("- - - -", False, id="dashes are not words"),
])
def test_touchpoints_description_is_filled_from_three_words(description, complete):
    other = tp(description, "balie")
    expect(mix(5, 0, other), "touchpoints", 3 if complete else 2)


@pytest.mark.parametrize("settings, j, wanted", [
    pytest.param({"good_touchpoints": 8}, mix(4, 3), 2, id="good_touchpoints 8 makes seven voldoende"),
    pytest.param({"good_touchpoints": 8}, mix(4, 4), 3, id="good_touchpoints 8 makes eight goed"),
    pytest.param({"sufficient_touchpoints": 5}, mix(3, 1), 1, id="sufficient_touchpoints 5 makes four onvoldoende"),
    pytest.param({"sufficient_touchpoints": 5}, mix(3, 2), 2, id="sufficient_touchpoints 5 makes five voldoende"),
    pytest.param({"complete_share": 1.0}, mix(3, 2, NO_CHANNEL), 1,
                 id="complete_share 1 makes one incomplete of six onvoldoende"),
    pytest.param({"complete_share": 0.5}, mix(1, 1, NO_CHANNEL, NO_CHANNEL), 2,
                 id="complete_share 0.5 makes half incomplete voldoende"),
    pytest.param({"filled_words": 4}, mix(3, 3), 3, id="filled_words 4 accepts four-word descriptions"),
    pytest.param({"filled_words": 5}, mix(3, 3), 1, id="filled_words 5 rejects four-word descriptions"),
])
def test_touchpoints_rubric_numbers_move_the_boundaries(settings, j, wanted):
    # ONLINE and OFFLINE have descriptions of 4 and 5 words.
    expect(j, "touchpoints", wanted, **settings)


def test_touchpoints_feedback_quotes_the_count_and_the_incomplete_ones():
    j = tps_journey(ONLINE, OFFLINE, ONLINE, tp(words(2), "brief", name="Kort briefje"))
    feedback = expect(j, "touchpoints", 2).feedback
    assert "4 contactmomenten" in feedback and "3 daarvan" in feedback
    assert "Kort briefje" in feedback


def test_touchpoints_feedback_says_which_kind_is_missing():
    online_only = expect(mix(6, 0), "touchpoints", 2)
    assert "alleen online kanalen: ‘e-mail’. Een offline kanaal ontbreekt." in online_only.feedback
    assert online_only.tip.startswith("Voeg een offline kanaal toe")
    offline_only = expect(mix(0, 6), "touchpoints", 2)
    assert "alleen offline" in offline_only.feedback and offline_only.tip.startswith("Voeg een online kanaal toe")


def test_touchpoints_feedback_never_calls_english_offline_channels_online():
    # A hotel journey: none of these channels is in a word list, and none of them is digital.
    hotel = [tp("Sanne checkt in bij de receptie", channel) for channel in
             ("reception", "lobby", "printed letter", "in person", "shop floor")] + [ONLINE]
    result = expect(tps_journey(*hotel), "touchpoints", 3)
    assert "alleen online" not in result.feedback
    offline = result.feedback.split("Offline kanalen: ")[1]
    assert all(f"‘{channel}’" in offline for channel in ("reception", "lobby", "printed letter", "in person",
                                                         "shop floor"))
