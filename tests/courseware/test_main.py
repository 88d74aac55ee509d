"""The start page for visitors, students, teachers and admins."""
from __future__ import annotations

from flask import url_for

from courseware.lessons.loader import load_lessons
from courseware.models import Role
from courseware.models.progress import mark_read, record_attempt


def pass_lesson(user, lesson) -> None:
    record_attempt(user.id, lesson.id, len(lesson.quiz), len(lesson.quiz), True)


def test_visitor_gets_a_welcome_with_login_and_register(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.text
    assert "Welkom bij Klantreislab" in html
    assert 'href="/inloggen"' in html
    assert 'href="/registreren"' in html
    assert "Registreren met klascode" in html
    assert "Hoofdmenu" not in html  # no menu for visitors


def test_student_sees_progress_next_lesson_and_assignments(app, client, make, login):
    lessons = load_lessons()
    with app.test_request_context():
        assignments_url = url_for("assignments.index")
    student = make.student(name="Noor")
    login(student)
    html = client.get("/").text
    assert "Hoi Noor" in html
    assert f"Je hebt 0 van de {len(lessons)} lessen klaar." in html
    assert f'href="/lessen/{lessons[0].id}"' in html
    assert "Lees nu:" in html
    assert f'href="{assignments_url}"' in html
    assert 'aria-current="page"' in html

    pass_lesson(student, lessons[0])
    mark_read(student.id, lessons[1].id)
    html = client.get("/").text
    assert f"Je hebt 1 van de {len(lessons)} lessen klaar." in html
    assert 'aria-valuenow="1"' in html
    assert lessons[1].title in html
    assert "Maak de check van:" in html  # lesson 2 is read, its check not yet passed


def test_student_who_passed_everything_is_told_so(client, make, login):
    student = make.student()
    for lesson in load_lessons():
        pass_lesson(student, lesson)
    login(student)
    html = client.get("/").text
    assert "Je hebt alle checks gehaald." in html
    assert '<rect width="100%"' in html


def test_student_without_a_class_is_told(client, make, login):
    login(make.user(Role.STUDENT))
    assert "Je zit niet in een klas." in client.get("/").text


def test_teacher_sees_own_classes_with_counts_and_codes(client, make, login):
    teacher = make.user(Role.TEACHER)
    mine = make.school_class(teacher, name="MV2A")
    make.student(mine)
    make.student(mine)
    other = make.school_class(name="Andermans klas")
    login(teacher)
    html = client.get("/").text
    assert "Je klassen" in html
    assert "MV2A" in html and mine.join_code in html
    assert "<td>2</td>" in html
    assert "Andermans klas" not in html and other.join_code not in html
    assert "Gebruikers" not in html


def test_teacher_without_classes(client, make, login):
    login(make.user(Role.TEACHER))
    html = client.get("/").text
    assert "Er zijn nog geen klassen." in html
    assert 'href="/klassen#nieuwe-klas"' in html


def test_admin_sees_all_classes_and_user_counts(client, make, login):
    admin = make.user(Role.ADMIN)
    first = make.school_class(name="Klas Een")
    second = make.school_class(name="Klas Twee")
    make.student(first)
    login(admin)
    html = client.get("/").text
    assert "Alle klassen" in html
    assert "Klas Een" in html and "Klas Twee" in html
    assert first.join_code in html and second.join_code in html
    # 1 admin, 2 teachers, 1 student
    assert "Er zijn 4 gebruikers." in html
    assert "Leerlingen: 1" in html and "Docenten: 2" in html and "Beheerders: 1" in html


def test_names_are_escaped(client, make, login):
    login(make.student(name="<script>alert(1)</script>"))
    html = client.get("/").text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_every_page_names_the_site_icon_and_the_icon_is_served(client):
    """Without it, browsers ask /favicon.ico on every page and get a 404."""
    html = client.get("/").text
    assert '<link rel="icon" type="image/svg+xml" href="/static/img/icon.svg">' in html
    icon = client.get("/static/img/icon.svg")
    assert icon.status_code == 200 and icon.mimetype == "image/svg+xml"
    assert icon.get_data(as_text=True).startswith("<svg")
