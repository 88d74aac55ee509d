"""The lessons on the site: overview, lesson page, the check, and what is stored for students."""
from __future__ import annotations

import re

import pytest
from markupsafe import escape
from sqlalchemy import func, select

from courseware.extensions import db
from courseware.lessons.loader import Lesson, load_lessons
from courseware.models import Role
from courseware.models.progress import LessonProgress, passed_counts, record_attempt


@pytest.fixture
def lesson() -> Lesson:
    return load_lessons()[0]


def right_answers(lesson: Lesson) -> dict[str, str]:
    return {f"q{i}": str(question.correct_index) for i, question in enumerate(lesson.quiz)}


def wrong_answers(lesson: Lesson) -> dict[str, str]:
    return {f"q{i}": str(next(j for j, option in enumerate(question.options) if not option.correct))
            for i, question in enumerate(lesson.quiz)}


def progress_of(user, lesson) -> LessonProgress | None:
    return db.session.scalar(select(LessonProgress).where(
        LessonProgress.user_id == user.id, LessonProgress.lesson_id == lesson.id))


def row_count() -> int:
    return db.session.scalar(select(func.count(LessonProgress.id)))


# --------------------------------------------------------------------------- who may see what


def test_visitors_are_sent_to_login(client, lesson):
    for method, url in [("GET", "/lessen"), ("GET", f"/lessen/{lesson.id}"), ("POST", f"/lessen/{lesson.id}")]:
        response = client.open(url, method=method)
        assert response.status_code == 302
        assert response.location.startswith("/inloggen?next=")


def test_unknown_lesson_is_404(client, make, login):
    login(make.student())
    assert client.get("/lessen/bestaat-niet").status_code == 404
    assert client.post("/lessen/bestaat-niet", data={"q0": "0"}).status_code == 404
    assert row_count() == 0


@pytest.mark.parametrize("role", [Role.STUDENT, Role.TEACHER, Role.ADMIN])
def test_every_role_can_read_the_overview_and_a_lesson(client, make, login, lesson, role):
    login(make.user(role))
    overview = client.get("/lessen")
    assert overview.status_code == 200
    for item in load_lessons():
        assert f'href="/lessen/{item.id}"' in overview.text
        assert item.summary in overview.text
    assert client.get(f"/lessen/{lesson.id}").status_code == 200


# --------------------------------------------------------------------------- overview


def test_overview_shows_minutes_and_the_students_status(client, make, login):
    first, second, _third = load_lessons()[:3]
    student = make.student()
    record_attempt(student.id, first.id, len(first.quiz), len(first.quiz), True)
    record_attempt(student.id, second.id, 0, len(second.quiz), False)
    login(student)
    html = client.get("/lessen").text
    assert f"{first.minutes} minuten" in html
    statuses = re.findall(r'<span class="status [^"]+">(.*?)</span>', html)
    assert statuses[0] == f"Check gehaald · {len(first.quiz)} van {len(first.quiz)} goed"
    assert statuses[1].startswith("Gelezen · check nog niet gehaald (beste: 0 van")
    assert statuses[2] == "Nog niet begonnen"
    assert len(statuses) == len(load_lessons())


def test_teachers_see_no_status(client, make, login):
    login(make.user(Role.TEACHER))
    html = client.get("/lessen").text
    assert 'class="status' not in html
    assert "Er wordt niets bewaard." in html


# --------------------------------------------------------------------------- the lesson page


def test_lesson_page_shows_the_lesson_and_a_no_js_check(client, make, login, lesson):
    login(make.student())
    html = client.get(f"/lessen/{lesson.id}").text
    assert f"<h1>{escape(lesson.title)}</h1>" in html
    for part, _figures in lesson.sections:  # the body, cut before each ## heading, figures between
        assert part in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert f'action="/lessen/{lesson.id}#check"' in html
    for index, question in enumerate(lesson.quiz):
        assert f"Vraag {index + 1}:" in html
        assert html.count(f'type="radio" name="q{index}"') == len(question.options)
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # the quiz works without scripts; no inline ones


def test_reading_marks_the_lesson_as_read_once(client, make, login, lesson):
    student = make.student()
    login(student)
    client.get(f"/lessen/{lesson.id}")
    first_read = progress_of(student, lesson).read_at
    assert first_read is not None
    client.get(f"/lessen/{lesson.id}")
    db.session.expire_all()
    assert progress_of(student, lesson).read_at == first_read
    assert row_count() == 1


def test_right_answers_pass_the_check_and_are_stored(client, make, login, lesson):
    student = make.student()
    login(student)
    response = client.post(f"/lessen/{lesson.id}", data=right_answers(lesson))
    assert response.status_code == 200
    html = response.text
    total = len(lesson.quiz)
    assert f"Je had {total} van de {total} vragen goed." in html
    assert "Je hebt de check gehaald." in html
    assert html.count("<strong>Goed!</strong>") == total
    row = progress_of(student, lesson)
    assert (row.best_score, row.total) == (total, total)
    assert row.passed_at is not None and row.read_at is not None
    assert passed_counts([student.id], [lesson.id]) == {student.id: 1}


def test_wrong_answers_show_the_explanation_of_the_chosen_option(client, make, login, lesson):
    student = make.student()
    login(student)
    answers = wrong_answers(lesson)
    html = client.post(f"/lessen/{lesson.id}", data=answers).text
    assert html.count("<strong>Niet goed.</strong>") == len(lesson.quiz)
    for index, question in enumerate(lesson.quiz):
        chosen = question.options[int(answers[f"q{index}"])]
        assert str(escape(chosen.explanation)) in html
        # The choice stays ticked, so the student can change it and try again.
        assert f'name="q{index}" value="{answers[f"q{index}"]}" checked' in html
    assert "Opnieuw nakijken" in html
    row = progress_of(student, lesson)
    assert row.best_score == 0 and row.passed_at is None


def test_best_score_and_first_pass_are_kept(client, make, login, lesson):
    student = make.student()
    login(student)
    client.post(f"/lessen/{lesson.id}", data=right_answers(lesson))
    passed_at = progress_of(student, lesson).passed_at
    client.post(f"/lessen/{lesson.id}", data=wrong_answers(lesson))
    db.session.expire_all()
    row = progress_of(student, lesson)
    assert row.best_score == len(lesson.quiz)
    assert row.passed_at == passed_at


@pytest.mark.parametrize("bad", ["", "99", "x", "-1"])
def test_unanswered_questions_are_asked_again_and_nothing_is_stored(client, make, login, lesson, bad):
    student = make.student()
    login(student)
    answers = right_answers(lesson)
    answers["q1"] = bad
    html = client.post(f"/lessen/{lesson.id}", data=answers).text
    assert "Je hebt nog niet alle vragen beantwoord." in html
    assert '<p class="error" id="q1-error">Kies een antwoord.</p>' in html
    assert 'id="q0-error"' not in html
    assert f'name="q0" value="{answers["q0"]}" checked' in html  # what was chosen stays chosen
    assert "Goed!" not in html
    assert progress_of(student, lesson) is None


@pytest.mark.parametrize("role", [Role.TEACHER, Role.ADMIN])
def test_teachers_can_try_the_check_without_anything_stored(client, make, login, lesson, role):
    login(make.user(role))
    client.get(f"/lessen/{lesson.id}")
    html = client.post(f"/lessen/{lesson.id}", data=right_answers(lesson)).text
    assert "Je hebt de check gehaald." in html
    assert "je antwoorden worden niet bewaard" in html
    assert row_count() == 0


def test_lesson_links_to_its_neighbours(client, make, login):
    lessons = load_lessons()
    login(make.student())
    html = client.get(f"/lessen/{lessons[1].id}").text
    assert f'href="/lessen/{lessons[0].id}" rel="prev"' in html
    assert f'href="/lessen/{lessons[2].id}" rel="next"' in html
    first = client.get(f"/lessen/{lessons[0].id}").text
    assert 'rel="prev"' not in first
    last = client.get(f"/lessen/{lessons[-1].id}").text
    assert 'rel="next"' not in last


def test_the_check_needs_a_csrf_token(csrf_app, make, lesson):
    student = make.student()
    client = csrf_app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(student.id)
        session["_fresh"] = True
    assert client.post(f"/lessen/{lesson.id}", data=right_answers(lesson)).status_code == 400
    assert progress_of(student, lesson) is None


# --------------------------------------------------------------------------- the parts of a method chapter


@pytest.mark.parametrize("item", load_lessons(), ids=lambda lesson: lesson.id)
def test_every_lesson_page_shows_goals_a_figure_onthoud_and_begrippen(client, make, login, item):
    login(make.student())
    html = client.get(f"/lessen/{item.id}").text
    assert "<h2 id=\"doelen-kop\">Dit kun je na deze les</h2>" in html
    for goal in item.goals:
        assert f"<li>{escape(goal)}</li>" in html
    assert html.count('<figure class="lesson-figure') == len(item.figures)
    for figure in item.figures:
        assert f"<figcaption>{escape(figure.caption)}</figcaption>" in html
    assert '<h2 id="onthoud-kop">Onthoud</h2>' in html
    assert '<h2 id="begrippen-kop">Begrippen</h2>' in html
    for term in item.terms:
        assert f"<dt>{escape(term.term)}</dt><dd>{escape(term.meaning)}</dd>" in html
    # Students read plain Dutch: no tool names or English jargon, and nothing the CSP blocks.
    assert not re.search(r"grader|rubric", html, flags=re.IGNORECASE)
    assert " style=" not in html and not re.search(r"<script(?![^>]*\bsrc=)", html)


def test_the_overview_names_no_tools_either(client, make, login):
    login(make.student())
    assert not re.search(r"grader|rubric", client.get("/lessen").text, flags=re.IGNORECASE)


def test_svg_figures_have_a_text_alternative_and_maps_are_drawn_with_the_journey_map(client, make, login):
    login(make.student())
    lessons = {lesson.id: lesson for lesson in load_lessons()}
    phases = client.get("/lessen/fasen-van-de-klantreis").text
    assert 'role="img" aria-labelledby="fasen-titel fasen-uitleg"' in phases
    assert '<title id="fasen-titel">' in phases
    worked = client.get("/lessen/eigen-mini-klantreis").text
    assert '<section class="jm jm-full' in worked and 'class="jm-scroll"' in worked
    journey = next(f.journey for f in lessons["eigen-mini-klantreis"].figures if f.name == "stageplaats-mo")
    assert str(escape(journey.persona.name)) in worked
    for phase in journey.phases:
        assert str(escape(phase.name)) in worked
    assert "/static/css/map.css" in worked


def test_a_wrong_answer_shows_the_right_answer_and_why(client, make, login, lesson):
    login(make.student())
    answers = wrong_answers(lesson)
    html = client.post(f"/lessen/{lesson.id}", data=answers).text
    assert html.count('<p class="answer-correct">Het goede antwoord is:') == len(lesson.quiz)
    for question in lesson.quiz:
        right = question.correct_option
        assert f"Het goede antwoord is: <strong>{escape(right.text)}</strong>. {escape(right.explanation)}" in html
    # After a right answer, nothing is repeated: one verdict, one explanation.
    html = client.post(f"/lessen/{lesson.id}", data=right_answers(lesson)).text
    assert "Het goede antwoord is:" not in html
    for question in lesson.quiz:
        assert html.count(str(escape(question.correct_option.explanation))) == 1
