"""The one set of status rules (courseware.student_status): not started, concept, handed in,
reviewed, released; and what the student may see of it."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from courseware.student_status import (
    DRAFT,
    HANDED_IN,
    NOT_STARTED,
    RELEASED,
    REVIEWED,
    STATUS_ORDER,
    for_student,
    status_of,
)


def review(done: bool = False, released: bool = False):
    return SimpleNamespace(is_done=done or released, is_released=released)


@pytest.mark.parametrize(("the_review", "attempt", "draft", "expected"), [
    (None, False, False, NOT_STARTED),
    (None, False, True, DRAFT),
    (None, True, True, HANDED_IN),
    (review(), True, False, HANDED_IN),  # a review begun but not done
    (review(done=True), True, False, REVIEWED),
    (review(released=True), True, True, RELEASED),
])
def test_status_of(the_review, attempt, draft, expected):
    assert status_of(the_review, attempt, draft) == expected


def test_the_states_are_in_order_and_a_student_never_sees_an_unreleased_review():
    assert STATUS_ORDER == (NOT_STARTED, DRAFT, HANDED_IN, REVIEWED, RELEASED)
    assert [for_student(state) for state in STATUS_ORDER] == [NOT_STARTED, DRAFT, HANDED_IN, HANDED_IN, RELEASED]
