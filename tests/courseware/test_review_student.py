"""What a student sees of the teacher's review: nothing at all before release (not even that a
review exists), and the final grade, levels and comments after release."""
from __future__ import annotations

import re

import pytest

from courseware.grading import result_for

from .journeys import SHORT_JOURNEY, A, hand_in, text_of
from .reviewing import CRITERION, attempt_url, base, class_with_one_hand_in, current_form, grader_level, other_level

ATTEMPTS = f"/opdrachten/{A}/pogingen"
SECRET_LEVEL_COMMENT = "Je fasen zijn eigenlijk sterker dan de grader ziet."
SECRET_OVERALL = "Knap gedaan, let op je serviceconcept."


def plain(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text_of(response)))


def grade_text(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


@pytest.fixture
def setup(make):
    return class_with_one_hand_in(make)


def review(client, login, setup, done: bool = True, release: bool = False):
    """The teacher gives another level with a comment and an overall comment (and releases)."""
    teacher, klas, student, attempt = setup
    login(teacher)
    level = other_level(grader_level(attempt))
    changes = {f"level_{CRITERION}": level, f"comment_{CRITERION}": SECRET_LEVEL_COMMENT, "comment": SECRET_OVERALL}
    if done:
        changes["done"] = "y"
    assert client.post(attempt_url(klas, attempt), data=current_form(attempt, **changes)).status_code == 302
    if release:
        assert client.post(f"{attempt_url(klas, attempt)}/vrijgeven").status_code == 302
    login(student)
    return level


def assert_nothing_of_the_teacher(client, attempt):
    result = result_for(attempt)
    for url in (f"{ATTEMPTS}/{attempt.number}", ATTEMPTS):
        page = text_of(client.get(url))
        for secret in ("Beoordeling van je docent", "beoordeling van je docent", "Je docent schrijft",
                       SECRET_LEVEL_COMMENT, SECRET_OVERALL, "de automatische controle gaf", "Mevrouw De Boer"):
            assert secret not in page, (url, secret)
    # No grade at all before release (the class shows grades after the teacher's review).
    listing = plain(client.get(ATTEMPTS))
    assert grade_text(result.final.grade) not in listing and grade_text(result.grader.grade) not in listing
    assert "je docent kijkt het na" in listing


@pytest.mark.parametrize("done", [False, True])
def test_before_release_the_student_sees_nothing_of_the_review(client, login, setup, done):
    review(client, login, setup, done=done)
    assert_nothing_of_the_teacher(client, setup[3])


def test_without_any_review_the_pages_are_as_before(client, login, setup):
    login(setup[2])
    assert_nothing_of_the_teacher(client, setup[3])
    assert "Wat de automatische controle ziet:" in text_of(client.get(f"{ATTEMPTS}/1"))


def test_after_release_the_student_sees_grade_levels_and_comments(client, login, setup):
    level = review(client, login, setup, release=True)
    attempt = setup[3]
    result = result_for(attempt)
    assert result.final.grade != result.grader.grade
    page = plain(client.get(f"{ATTEMPTS}/{attempt.number}"))
    assert "Beoordeling van je docent" in page
    automatic = grade_text(result.grader.grade)
    assert f"Cijfer: {grade_text(result.final.grade)} (de automatische controle gaf {automatic})" in page
    assert f"Je docent schrijft: {SECRET_OVERALL}" in page
    title = result.final.criterion(CRITERION).title
    before = grader_level(attempt)
    words = ("ontbreekt", "onvoldoende", "voldoende", "goed")
    line = (f"{title} : {level} · {words[level]} (de automatische controle gaf {before} · {words[before]}) "
            f"{SECRET_LEVEL_COMMENT}")
    assert line in page
    # The grader's own feedback is still there, below.
    assert "Feedback van de automatische controle" in page and "Wat de automatische controle ziet:" in page
    listing = plain(client.get(ATTEMPTS))
    assert f"{grade_text(result.final.grade)} beoordeling van je docent" in listing


def test_a_change_after_release_reaches_the_student(client, login, setup):
    teacher, klas, student, attempt = setup
    review(client, login, setup, release=True)
    login(teacher)
    client.post(attempt_url(klas, attempt), data=current_form(attempt, comment="Nog een laatste tip."))
    login(student)
    assert "Je docent schrijft: Nog een laatste tip." in plain(client.get(f"{ATTEMPTS}/{attempt.number}"))


def test_release_is_per_attempt(client, login, setup):
    _teacher, _klas, student, _first = setup
    second = hand_in(student, SHORT_JOURNEY)
    review(client, login, setup, release=True)  # reviews and releases the first attempt
    assert "Beoordeling van je docent" in text_of(client.get(f"{ATTEMPTS}/1"))
    assert "Beoordeling van je docent" not in text_of(client.get(f"{ATTEMPTS}/{second.number}"))


def test_release_all_shows_the_reviews_to_the_students(client, login, setup):
    teacher, klas, student, _attempt = setup
    review(client, login, setup, done=True)
    assert "Beoordeling van je docent" not in text_of(client.get(f"{ATTEMPTS}/1"))
    login(teacher)
    client.post(f"{base(klas)}/vrijgeven")
    login(student)
    assert "Beoordeling van je docent" in text_of(client.get(f"{ATTEMPTS}/1"))


def test_another_student_never_sees_it(client, login, make, setup):
    _teacher, klas, _student, _attempt = setup
    review(client, login, setup, release=True)
    classmate = make.student(klas, name="Daan")
    hand_in(classmate)
    login(classmate)
    page = text_of(client.get(f"{ATTEMPTS}/1"))
    assert SECRET_OVERALL not in page and "Beoordeling van je docent" not in page


def test_the_assignments_overview_shows_the_teachers_grade_only_after_release(client, login, setup):
    attempt = setup[3]
    review(client, login, setup, release=False)
    before = plain(client.get("/opdrachten"))
    assert "ingeleverd" in before and grade_text(attempt.grade) not in before
    review(client, login, setup, release=True)
    result = result_for(attempt)
    overview = plain(client.get("/opdrachten"))
    assert f"beoordeeld ({grade_text(result.final.grade)})" in overview
    assert f"({grade_text(attempt.grade)})" not in overview and "ingeleverd (" not in overview
