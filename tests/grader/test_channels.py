"""Channel recognition, against the specification:

online: digital (website, e-mail, app, WhatsApp, sms, social media, chat, the school's portal
such as Magister or Teams, video, a web address); offline: physical or spoken (letter, folder,
poster, front desk, conversation, classroom, the building, telephone call), and every other named
channel with nothing digital in it. Dutch compounds are judged by their last part; a video call
is online; a placeholder is no channel. The labelled sets in tests/grader/data/channel_set/ are
measured in test_channel_set.py.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from grader.channels import OFFLINE, ONLINE, channel_kind, channel_kinds, is_placeholder
from grader.text import fold

ONLINE_CHANNELS = [
    # the spec's list
    "website", "Website", "e-mail", "E-mail", "email", "mail", "app", "WhatsApp", "sms", "social media",
    "chat", "Magister", "Teams", "video",
    # compounds, judged by their last part
    "groepsapp", "schoolportaal", "schoolwebsite", "klassenapp", "nieuwsbrief", "Magister-bericht",
    "livechat", "groepschat", "sms-bericht",
    # video calls are online, whatever comes first
    "Teams-gesprek", "Zoom", "Zoom-gesprek", "videogesprek", "videobellen", "Google Meet",
    "gesprek via Teams", "Gesprek via Zoom", "online les", "Online gesprek", "Presentatie op Teams",
    "Uitleg in een video",
    # the Dutch spelling and social media posts
    "sociale media", "Instagram", "Instagram-post", "Instagrampost", "TikTok", "chatgesprek", "digitale folder",
    # plurals and diminutives
    "e-mails", "mails", "mailtje", "appje", "sms'je", "smsje", "berichten", "websites", "apps",
    # a phrase is judged by its head, before the preposition
    "Website van de school", "Mail van de mentor", "Bericht in Magister", "Via de website",
    "Uitnodiging per mail", "Informatie via Instagram",
]

OFFLINE_CHANNELS = [
    # the spec's list
    "brief", "folder", "poster", "balie", "gesprek", "klas", "klaslokaal", "lokaal", "gebouw", "school",
    "telefoon", "telefoongesprek", "telefonisch gesprek", "bellen",
    # compounds, judged by their last part
    "infobalie", "intakegesprek", "mentorgesprek", "schoolgebouw", "Persoonlijk gesprek",
    # plurals and diminutives
    "brieven", "folders", "posters", "briefje", "gesprekken", "lessen", "telefoontje",
    # a phrase is judged by its head, before the preposition
    "Gesprek met de mentor", "Brief van school", "Poster in de kantine", "op school", "in de klas",
    "Open dag", "Gesprek via de telefoon", "Gesprek met de mentor over de website",
]

# Named, with nothing digital in them: offline, though no word list knows them.
UNLISTED = ["postduif", "rooksignalen", "xyzzy", "Het lot", "reception", "lobby", "shop floor", "de monteur",
            "Printed letter", "In person", "papieren formulier", "geprinte e-ticket"]

PLACEHOLDERS = ["", "-", "--", "?", "??", "n.v.t.", "N.v.t.", "nvt", "geen", "Geen", " - ", "—", "...", "n/a", None,
                # only words that say there is no channel (yet), or one sign repeated
                "Geen kanaal", "no channel", "later invullen", "Nog in te vullen", "n.b.", "xxx", "XX"]

MIXED = ["E-mail en brief", "App of balie", "mail / brief", "Website, folder", "Brief + e-mail", "Folder (en website)"]


@pytest.mark.parametrize("channel", ONLINE_CHANNELS)
def test_channel_is_online(channel):
    assert channel_kinds(channel) == {ONLINE}
    assert channel_kind(channel) == ONLINE
    assert not is_placeholder(channel)


@pytest.mark.parametrize("channel", OFFLINE_CHANNELS)
def test_channel_is_offline(channel):
    assert channel_kinds(channel) == {OFFLINE}
    assert channel_kind(channel) == OFFLINE
    assert not is_placeholder(channel)


@pytest.mark.parametrize("channel", UNLISTED)
def test_a_named_channel_with_nothing_digital_is_offline(channel):
    assert channel_kinds(channel) == {OFFLINE}
    assert not is_placeholder(channel)


@pytest.mark.parametrize("channel", ["booking.com", "www.ns.nl", "https://school.nl/rooster", "info@garage.nl",
                                     "Netflix", "Tikkie", "DigiD", "Phone or text", "webinar"])
def test_web_addresses_and_named_platforms_are_online(channel):
    assert ONLINE in channel_kinds(channel)


@pytest.mark.parametrize("channel", PLACEHOLDERS)
def test_placeholder_counts_as_no_channel(channel):
    assert is_placeholder(channel)
    assert channel_kinds(channel) == frozenset()


@pytest.mark.parametrize("channel", MIXED)
def test_channel_naming_an_online_and_an_offline_way_is_both(channel):
    assert channel_kinds(channel) == {ONLINE, OFFLINE}
    assert channel_kind(channel) is None


@pytest.mark.parametrize("channel", ["Nog niet bekend, misschien de balie", "Geen idee, de balie?"])
def test_a_sentence_with_a_placeholder_word_is_not_a_placeholder(channel):
    assert not is_placeholder(channel)


@pytest.mark.parametrize("channel", ["websiet", "Whatsap", "instagarm", "nieuwsbrif", "schoolwebsiet",
                                     "Fcaebook-groep", "livecaht met de winkel"])
def test_a_misspelt_digital_medium_is_online(channel):
    assert channel_kinds(channel) == {ONLINE}


@pytest.mark.parametrize("channel", ["massage", "postal service", "interne post", "identificatie aan de balie",
                                     "mall", "outline"])
def test_a_real_word_near_a_digital_medium_is_not_read_as_a_typo(channel):
    assert channel_kinds(channel) == {OFFLINE}


@pytest.mark.parametrize(("channel", "kinds"), [
    ("track & trace link", {ONLINE}), ("Track&Trace-mail", {ONLINE}), ("bed & breakfast", {OFFLINE}),
    ("mail & brief", {ONLINE, OFFLINE}), ("Balie & website", {ONLINE, OFFLINE}),
])
def test_an_ampersand_between_two_plain_words_makes_one_name(channel, kinds):
    assert channel_kinds(channel) == kinds


DUTCH_WORD_LIST = Path("/usr/share/dict/dutch")  # Debian package wdutch (OpenTaal)
# Dictionary words read as a misspelt digital medium that are digital indeed.
TYPO_ONLINE_OK = {"digitale", "getwitterd", "twittert", "videowall", "youtuben"}


@pytest.mark.skipif(not DUTCH_WORD_LIST.exists(), reason="needs the Dutch word list: apt-get install wdutch")
def test_real_dutch_words_are_not_read_as_a_misspelt_digital_medium():
    import tomllib

    from grader.channels import _kind_of_word, _typo_of_online  # a maintenance check on the data file
    from grader.compiled import data_file

    letters = "abcdefghijklmnopqrstuvwxyz"
    near = set()  # every spelling one edit away from a word that may be misspelt
    for w in tomllib.loads(data_file("channels.toml").read_text("utf-8"))["typo_online"]:
        for i in range(len(w) + 1):
            near.add(w[:i] + w[i + 1:])
            near.add(w[:i] + w[i + 1:i + 2] + w[i:i + 1] + w[i + 2:])
            near.update(w[:i] + c + w[i + 1:] for c in letters)
            near.update(w[:i] + c + w[i:] for c in letters)
    dictionary = {fold(line.strip()) for line in DUTCH_WORD_LIST.read_text("utf-8").splitlines()}
    candidates = {w for w in dictionary if w.isalpha() and any(w[i:] in near for i in range(len(w) - 5))}
    read = {w for w in candidates if _kind_of_word(w) is None and _typo_of_online(w)}
    assert not read - TYPO_ONLINE_OK, f"add these to not_typos in grader/data/channels.toml: {sorted(read)}"


@pytest.mark.parametrize(("channel", "kind"), [
    ("Mijn DUO", ONLINE), ("MijnOverheid", ONLINE), ("mijn moeder", OFFLINE),  # a portal's name, capitalised
    ("e-learning module", ONLINE), ("E-book", ONLINE),  # electronic
    ("Pinterest-bord", ONLINE), ("Signal-groep", ONLINE), ("Microsoft Forms", ONLINE), ("status page", ONLINE),
    ("voicemail", OFFLINE), ("omroepbericht in de winkel", OFFLINE),  # spoken, whatever their last part
])
def test_portals_electronic_things_and_spoken_messages(channel, kind):
    assert channel_kinds(channel) == {kind}


@pytest.mark.parametrize("channel", ["Folder met een link naar de website", "poster met een QR-code",
                                     "flyer with a link to the webshop", "Kaartje met een QR-code voor de app"])
def test_a_printed_thing_with_a_link_names_both(channel):
    assert channel_kinds(channel) == {ONLINE, OFFLINE}


@pytest.mark.parametrize(("channel", "kinds"), [
    ("track-and-trace email", {ONLINE}), ("FAQ page of the railway", {ONLINE}),  # one name, an English "of"
    ("website of de balie", {ONLINE, OFFLINE}), ("balie of Mijn DUO", {ONLINE, OFFLINE}),  # still two ways
    ("photo editor in the browser", {ONLINE}), ("Threads post", {ONLINE}),
])
def test_joined_names_the_english_of_and_portals_after_an_alternative(channel, kinds):
    assert channel_kinds(channel) == kinds


@pytest.mark.parametrize("channel", ["zie boven", "Zelfde als vorige", "idem", "same as above", "zie stap 4",
                                     "see phase 2"])
def test_a_reference_to_another_channel_names_none(channel):
    assert is_placeholder(channel)


@pytest.mark.parametrize("channel", ["geen flauw idee", "no idea", "nog uitzoeken", "to do", "not sure yet"])
def test_not_knowing_or_deciding_later_names_none(channel):
    assert is_placeholder(channel)


@pytest.mark.parametrize(("channel", "kinds"), [("Stap 4 bij de balie", {OFFLINE}), ("Fase 2: de website", {ONLINE})])
def test_a_step_number_beside_a_real_channel_is_no_placeholder(channel, kinds):
    assert channel_kinds(channel) == kinds


@pytest.mark.parametrize("channel", ["QR-code op de kassabon", "link on the poster", "QR code on the table card"])
def test_a_link_printed_on_a_thing_names_both(channel):
    assert channel_kinds(channel) == {ONLINE, OFFLINE}


@pytest.mark.parametrize("channel", ["link in de mail", "QR code in the app", "link in bio", "app op je telefoon"])
def test_a_link_inside_a_digital_medium_stays_online(channel):
    assert channel_kinds(channel) == {ONLINE}


@pytest.mark.parametrize("channel", ["telefoontje, daarna een mail", "call followed by an email",
                                     "balie gevolgd door een sms"])
def test_one_channel_after_another_names_both(channel):
    assert channel_kinds(channel) == {ONLINE, OFFLINE}


@pytest.mark.parametrize("channel", ["reserveringssysteem", "the booking system of the gym", "Treatwell"])
def test_a_computer_system_and_booking_platforms_are_online(channel):
    assert channel_kinds(channel) == {ONLINE}


@pytest.mark.parametrize("channel", ["rooster op de deur van de schuur", "roosters op het prikbord",
                                     "formulier aan de balie", "form on the noticeboard", "formulieren aan de balie",
                                     "het lesrooster op de deur", "timetable on the wall"])
def test_a_page_put_on_a_thing_is_on_paper(channel):
    assert channel_kinds(channel) == {OFFLINE}


@pytest.mark.parametrize("channel", ["rooster op Magister", "formulier op de website van de gemeente",
                                     "rooster op je telefoon", "form on the screen in the hall", "rooster",
                                     "formulier op de pc", "rooster op het intranet", "rooster op WebUntis",
                                     "rooster op het tv-scherm", "rooster op je mobieltje", "formulier op Mijn DUO",
                                     "form on the touchscreen", "rooster op de beamer"])
def test_a_page_on_a_screen_or_in_a_digital_medium_stays_online(channel):
    assert channel_kinds(channel) == {ONLINE}


@pytest.mark.parametrize("channel, kind", [
    ("visite", OFFLINE), ("kleindochter op visite", OFFLINE), ("website", ONLINE), ("schoolwebsite", ONLINE),
    ("groepsapp", ONLINE), ("infobalie", OFFLINE),
])
def test_a_compound_is_judged_by_its_last_part_when_its_first_part_is_a_word(channel, kind):
    """'visite' (a visit) ends in 'site', but 'vi' is no first part of a compound."""
    assert channel_kinds(channel) == {kind}
