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
