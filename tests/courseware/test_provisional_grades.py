"""Provisional grades (courseware.grade_display), as the student sees them.

Per class and assignment: "Cijfer tonen na mijn beoordeling" (the default) shows levels and
feedback as *voorlopige feedback* and no grade until the teacher releases the review; "Cijfer meteen
tonen" shows the grade as *voorlopig cijfer* until then. After release: the released grade, the
teacher's comments and the automatic levels beside them."""
from __future__ import annotations

import re

import pytest
from flask import g

from courseware.extensions import db
from courseware.grade_display import AT_ONCE
from courseware.grading import result_for
from courseware.models import ClassAssignment

from .journeys import JOURNEY, A, hand_in, plain, post_settings, save_draft, text_of
from .reviewing import attempt_url, class_with_one_hand_in, current_form, grader_level, other_level

FEEDBACK = f"/opdrachten/{A}/feedback"
ATTEMPTS = f"/opdrachten/{A}/pogingen"
STUDENT_PAGES = (FEEDBACK, ATTEMPTS, f"{ATTEMPTS}/1", "/opdrachten", f"/opdrachten/{A}")
COMMENT = "Je after-sales is sterk, de persona kan beter."


def grade_text(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def grade_numbers(html: str) -> list[str]:
    """Every grade-like number on the page ("7,5", "10,0"): there must be none in the default case."""
    return re.findall(r"(?<![\d,.])\d{1,2},\d(?![\d])", plain_text(html))


def plain_text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def setup(make):
    teacher, klas, student, attempt = class_with_one_hand_in(make)
    save_draft(student, JOURNEY)  # a draft to check with "Controleer"
    return teacher, klas, student, attempt


def show_at_once(klas) -> None:
    setting = ClassAssignment.get_or_create(klas.id, A)
    setting.grade_display = AT_ONCE
    db.session.commit()


def release(client, login, setup) -> None:
    teacher, klas, student, attempt = setup
    login(teacher)
    level = other_level(grader_level(attempt))
    data = current_form(attempt, level_phases=level, comment_phases="Zie je fasen.", comment=COMMENT, done="y")
    assert client.post(attempt_url(klas, attempt), data=data).status_code == 302
    assert client.post(f"{attempt_url(klas, attempt)}/vrijgeven").status_code == 302
    login(student)


def test_by_default_the_student_sees_provisional_feedback_and_no_grade(client, login, setup):
    _teacher, _klas, student, attempt = setup
    login(student)
    for url in STUDENT_PAGES:
        html = text_of(client.get(url))
        assert grade_numbers(html) == [], (url, grade_numbers(html))
        assert "Voorlopig cijfer" not in html and "Cijfer:" not in plain_text(html), url
    feedback = plain(client.get(FEEDBACK))
    assert "Voorlopige feedback" in feedback and "Niveau" in feedback
    assert "Wat de automatische controle ziet:" in feedback
    assert "Voorlopige feedback" in plain(client.get(f"{ATTEMPTS}/1"))
    assert "je docent kijkt het na" in plain(client.get(ATTEMPTS))
    assert grade_text(attempt.grade) not in plain(client.get("/opdrachten"))


def test_the_hand_in_confirmation_says_the_teacher_will_review(client, login, setup):
    student = setup[2]
    login(student)
    response = client.post(f"/opdrachten/{A}/inleveren", data={}, follow_redirects=True)
    html = text_of(response)
    assert "Je docent gaat je werk nakijken. Daarna zie je je cijfer." in html
    assert grade_numbers(html) == []


def test_with_grade_at_once_the_grade_is_provisional(client, login, setup):
    _teacher, klas, student, attempt = setup
    show_at_once(klas)
    login(student)
    feedback = plain(client.get(FEEDBACK))
    assert re.search(r"Voorlopig cijfer: \d{1,2},\d", feedback)
    assert "Dit cijfer is voorlopig." in feedback
    assert f"Voorlopig cijfer: {grade_text(attempt.grade)}" in plain(client.get(f"{ATTEMPTS}/1"))
    assert f"{grade_text(attempt.grade)} voorlopig cijfer" in plain(client.get(ATTEMPTS))
    assert f"ingeleverd (voorlopig {grade_text(attempt.grade)})" in plain(client.get("/opdrachten"))
    g.pop("_login_user", None)
    page = text_of(client.post(f"/opdrachten/{A}/inleveren", data={}, follow_redirects=True))
    assert "Je voorlopige cijfer is" in page


@pytest.mark.parametrize("at_once", [False, True])
def test_after_release_the_student_sees_the_released_grade_and_comments(client, login, setup, at_once):
    _teacher, klas, _student, attempt = setup
    if at_once:
        show_at_once(klas)
    release(client, login, setup)
    result = result_for(attempt)
    page = plain(client.get(f"{ATTEMPTS}/1"))
    assert f"Cijfer: {grade_text(result.final.grade)}" in page
    assert COMMENT in page and "Voorlopig" not in page and "Voorlopige feedback" not in page
    assert "Wat de automatische controle ziet:" in page  # the automatic levels beside the teacher's
    assert f"beoordeeld ({grade_text(result.final.grade)})" in plain(client.get("/opdrachten"))


def test_the_teacher_chooses_in_the_settings(client, login, setup):
    teacher, klas, _student, _attempt = setup
    login(teacher)
    page = text_of(client.get(f"/klassen/{klas.id}/opdrachten/{A}/instellingen"))
    assert "Cijfer tonen na mijn beoordeling" in page and "Cijfer meteen tonen" in page
    assert re.search(r'<input[^>]*checked[^>]*value="after_review"|<input[^>]*value="after_review"[^>]*checked', page)
    post_settings(client, klas, grade_display="at_once")
    assert ClassAssignment.find(klas.id, A).grade_display == AT_ONCE
    post_settings(client, klas, grade_display="after_review")
    db.session.expire_all()
    assert ClassAssignment.find(klas.id, A).grade_display == "after_review"


def test_the_feedback_page_says_whether_the_work_is_handed_in_and_graded(client, login, setup, make):
    """Before a hand-in, after one, and after the teacher released the grade: the feedback page's
    first lines follow what really happened, and never promise a grade that is already there."""
    other = make.student(setup[1], name="Ilse")
    save_draft(other, JOURNEY)
    login(other)
    page = plain(client.get(FEEDBACK))
    assert "Je hebt nog niet ingeleverd." in page
    assert "Je cijfer krijg je van je docent. Die kijkt het werk na dat je inlevert." in page

    student = setup[2]
    login(student)
    page = plain(client.get(FEEDBACK))
    assert "Je hebt al ingeleverd. Wat je nu verandert, telt pas als je opnieuw inlevert." in page
    assert "nog niet ingeleverd" not in page and "Bekijk je cijfer" not in page

    g.pop("_login_user", None)
    release(client, login, setup)
    html = text_of(client.get(FEEDBACK))
    page = plain_text(html)
    assert "Je docent heeft je ingeleverde werk nagekeken. Bekijk je cijfer bij je pogingen" in page
    assert re.search(rf'<a href="{ATTEMPTS}">Bekijk je cijfer bij je pogingen</a>', html)
    assert "nog niet ingeleverd" not in page and "Je hebt al ingeleverd." not in page

    hand_in(student)  # again, after the grade: that newest one is not graded yet
    page = plain_text(text_of(client.get(FEEDBACK)))
    assert ("Je docent heeft een eerdere poging nagekeken. Bekijk je cijfer bij je pogingen . Je nieuwste poging is "
            "nog niet nagekeken. Wat je nu verandert, telt pas als je opnieuw inlevert.") in page
