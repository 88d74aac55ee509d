"""Text helpers the criteria share."""
import pytest

from grader.criteria.registry import share_at_least, share_at_most
from grader.text import clean, fold, is_filled, word_count


@pytest.mark.parametrize("text, count", [
    ("Opent e-mail", 2), ("Luca's mentor belt", 3), ("Teams-gesprek met de mentor", 4), ("", 0), ("🎓 !!", 0),
])
def test_a_hyphenated_word_counts_once(text, count):
    assert word_count(text) == count


def test_a_two_word_description_with_a_hyphen_is_not_filled():
    assert not is_filled("Opent e-mail") and is_filled("Sanne opent e-mail")


@pytest.mark.parametrize("part, whole, share, expected", [
    (3, 4, 0.75, True), (74, 100, 0.75, False), (14, 25, 0.56, True), (63, 90, 0.7, True), (0, 0, 0.5, True),
])
def test_share_at_least_has_no_float_noise(part, whole, share, expected):
    assert share_at_least(part, whole, share) is expected


@pytest.mark.parametrize("part, whole, share, expected", [
    (2, 8, 0.25, True), (3, 8, 0.25, False), (7, 25, 0.28, True), (5, 10, 0.5, True), (6, 10, 0.5, False),
])
def test_share_at_most_has_no_float_noise(part, whole, share, expected):
    assert share_at_most(part, whole, share) is expected


def test_fold_and_clean():
    assert fold("Oriëntatie ZOË") == "orientatie zoe"
    assert clean("\x1b[31mrood\x7f\t!") == "[31mrood !"


def test_a_long_text_is_cut_after_a_whole_word():
    from grader.text import shorten
    text = "The gym shows in the app how busy it is, so that Yara can still choose a quiet hour."
    short = shorten(text, 60)
    assert short.endswith("…") and len(short) <= 60
    assert text.startswith(short[:-1]) and text[len(short) - 1] == " "  # the cut is between two words
    assert shorten("Kort.", 60) == "Kort."
    assert shorten("Eenheelerglangwoordzonderspatiesdatnietophoudtenmaardoorgaat", 20).endswith("…")
    exact = "a" * 35 + " " + "b" * 23 + " ccc"  # the second word ends right before the cut
    assert shorten(exact, 60) == "a" * 35 + " " + "b" * 23 + "…"
    assert shorten(None) == "" and shorten("lang genoeg", 1) == "…"
    assert shorten("Aa bb. Cc dd ee", 7) == "Aa bb…"  # no full stop before the dots


def test_a_list_never_ends_with_one_more_hidden_item():
    from grader.text import quote_list
    assert quote_list([f"Stap {n}" for n in range(1, 8)]) == (
        "‘Stap 1’, ‘Stap 2’, ‘Stap 3’, ‘Stap 4’, ‘Stap 5’, ‘Stap 6’ en ‘Stap 7’")
    assert quote_list([f"Stap {n}" for n in range(1, 9)]).endswith("‘Stap 6’ en nog 2")
    assert quote_list([f"Stap {n}" for n in range(1, 9)], last="of").endswith("‘Stap 6’ of nog 2 andere")
