"""Soft hyphens for narrow table headers (courseware/hyphenation.py)."""
from __future__ import annotations

import pytest

from courseware.hyphenation import EDGE, LONG, SOFT_HYPHEN, breakable

TITLES = ["Fasen", "Contactmomenten", "Bewustwordingsfase", "After-salesfase", "Momenten van de waarheid",
          "Persona en koppeling", "Emotiecurve", "Verbetervoorstel", "Onderbouwing"]


@pytest.mark.parametrize("title", TITLES)
def test_a_title_keeps_its_letters_and_breaks_only_long_words_away_from_their_edges(title):
    broken = breakable(title)
    assert broken.replace(SOFT_HYPHEN, "") == title
    for word in broken.split(" "):
        parts = word.split(SOFT_HYPHEN)
        if len(word.replace(SOFT_HYPHEN, "")) < LONG or "-" in word:
            assert parts == [word]
        else:
            assert all(len(part) >= 2 for part in parts)
            assert len(parts[0]) >= EDGE and len(parts[-1]) >= EDGE


def test_the_long_words_of_the_review_table_can_break():
    assert breakable("Bewustwordingsfase").startswith(f"Bewust{SOFT_HYPHEN}")
    assert breakable("Contactmomenten").count(SOFT_HYPHEN) >= 1
    assert breakable("Verbetervoorstel").count(SOFT_HYPHEN) >= 1
    assert SOFT_HYPHEN not in breakable("Fasen") + breakable("Persona en koppeling")
