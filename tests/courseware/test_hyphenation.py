"""Soft hyphens for narrow table headers (courseware/hyphenation.py)."""
from __future__ import annotations

import pytest

from courseware.hyphenation import EDGE, LONG, SOFT_HYPHEN, breakable

TITLES = ["Fasen", "Contactmomenten", "Bewustwordingsfase", "After-salesfase", "Momenten van de waarheid",
          "Persona en koppeling", "Emotiecurve", "Verbetervoorstel", "Onderbouwing", "Serviceconcept"]


@pytest.mark.parametrize("title", TITLES)
def test_a_title_keeps_its_letters_and_breaks_a_long_word_into_parts_away_from_its_edges(title):
    broken = breakable(title)
    assert broken.replace(SOFT_HYPHEN, "") == title
    for word in broken.split(" "):
        parts = word.split(SOFT_HYPHEN)
        if len(word.replace(SOFT_HYPHEN, "")) < LONG or "-" in word:
            assert parts == [word]
        else:
            assert all(len(part) >= EDGE for part in parts)
            assert all(len(part) < LONG for part in parts) or len(parts) > 1


def test_the_long_words_of_the_review_table_break_between_their_parts():
    assert [breakable(word).replace(SOFT_HYPHEN, "-") for word in (
        "Contactmomenten", "Bewustwordingsfase", "Verbetervoorstel", "Emotiecurve")] == [
        "Contact-momenten", "Bewust-wordings-fase", "Verbeter-voorstel", "Emotie-curve"]
    assert SOFT_HYPHEN not in breakable("Fasen") + breakable("Persona en koppeling")
