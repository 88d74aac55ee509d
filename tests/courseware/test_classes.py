"""Classes for teachers: who may see what, creating a class, join codes, looking after students."""
from __future__ import annotations

import re

import pytest
from flask import g
from sqlalchemy import select

from courseware.extensions import db
from courseware.lessons.loader import load_lessons
from courseware.models import Role, SchoolClass, User
from courseware.models.progress import record_attempt


@pytest.fixture
def setup(make):
    """A teacher with a class and a student in it."""
    teacher = make.user(Role.TEACHER, name="Meneer Jansen")
    klas = make.school_class(teacher, name="MV2A")
    student = make.student(klas, name="Daan")
    return teacher, klas, student


def urls(klas: SchoolClass, student: User) -> list[tuple[str, str]]:
    """Every route of this blueprint, as (method, url)."""
    base = f"/klassen/{klas.id}"
    person = f"{base}/leerlingen/{student.id}"
    return [
        ("GET", "/klassen"), ("POST", "/klassen"), ("GET", base), ("POST", f"{base}/klascode"),
        ("GET", f"{person}/wachtwoord"), ("POST", f"{person}/wachtwoord"), ("POST", f"{person}/wachtwoord/maken"),
        ("GET", f"{person}/verwijderen"), ("POST", f"{person}/verwijderen"),
    ]


def field_error(html: str, field_id: str) -> str:
    match = re.search(rf'<p class="error" id="{field_id}-error">(.*?)</p>', html, re.S)
    return match.group(1).strip() if match else ""


# --------------------------------------------------------------------------- who may see what


def test_visitors_are_sent_to_login(client, setup):
    _, klas, student = setup
    for method, url in urls(klas, student):
        response = client.open(url, method=method)
        assert response.status_code == 302, url
        assert response.location.startswith("/inloggen"), url


def test_students_are_refused(client, setup, login):
    _, klas, student = setup
    login(student)
    for method, url in urls(klas, student):
        assert client.open(url, method=method).status_code == 403, url


def test_teacher_of_another_class_is_refused(client, make, setup, login):
    _, klas, student = setup
    login(make.user(Role.TEACHER))
    for method, url in urls(klas, student)[2:]:
        assert client.open(url, method=method).status_code == 403, url
    db.session.refresh(student)
    assert student.class_id == klas.id


def test_missing_class_or_student_is_404(client, make, setup, login):
    teacher, klas, _student = setup
    login(teacher)
    assert client.get("/klassen/99999").status_code == 404
    assert client.get(f"/klassen/{klas.id}/leerlingen/99999/wachtwoord").status_code == 404
    # A student of another class, reached through this class: 404, so ids of other classes stay hidden.
    stranger = make.student()
    assert client.get(f"/klassen/{klas.id}/leerlingen/{stranger.id}/verwijderen").status_code == 404
    assert client.post(f"/klassen/{klas.id}/leerlingen/{stranger.id}/verwijderen").status_code == 404
    db.session.refresh(stranger)
    assert stranger.class_id is not None


def test_admin_may_see_any_class(client, make, setup, login):
    _, klas, _ = setup
    login(make.user(Role.ADMIN))
    html = client.get(f"/klassen/{klas.id}").text
    assert "<h1>MV2A</h1>" in html
    assert "Docenten van deze klas" in html and "Meneer Jansen" in html
    assert "MV2A" in client.get("/klassen").text


# --------------------------------------------------------------------------- list and create


def test_teacher_lists_only_own_classes(client, make, setup, login):
    teacher, klas, _ = setup
    make.school_class(name="Niet van mij")
    login(teacher)
    html = client.get("/klassen").text
    assert "MV2A" in html and klas.join_code in html
    assert "1 leerling" in html
    assert "Niet van mij" not in html
    assert 'aria-current="page"' in html


def test_create_a_class_shows_its_code_big(client, make, login):
    teacher = make.user(Role.TEACHER)
    login(teacher)
    response = client.post("/klassen", data={"name": "  Commercie 1  "})
    assert response.status_code == 302
    klas = db.session.scalars(select(SchoolClass).where(SchoolClass.teacher_id == teacher.id)).one()
    assert klas.name == "Commercie 1"
    assert response.location == f"/klassen/{klas.id}"
    html = client.get(response.location).text
    assert (f'<p class="join-code"><span aria-hidden="true">{klas.join_code[:3]}&nbsp;{klas.join_code[3:]}</span>'
            f'<span class="visually-hidden">{" ".join(klas.join_code)}</span></p>') in html
    assert "De klas ‘Commercie 1’ is gemaakt." in html
    assert f'href="http://localhost/registreren?code={klas.join_code}"' in html


@pytest.mark.parametrize("name, message", [
    ("", "Vul een naam voor de klas in."),
    ("A", "De naam moet 2 tot 60 tekens hebben."),
    ("x" * 61, "De naam moet 2 tot 60 tekens hebben."),
])
def test_create_class_errors_are_dutch_and_keep_the_name(client, make, login, name, message):
    login(make.user(Role.TEACHER))
    response = client.post("/klassen", data={"name": name})
    assert response.status_code == 200
    assert field_error(response.text, "name") == message
    if name:
        assert f'value="{name}"' in response.text
    assert db.session.scalar(select(SchoolClass)) is None


# --------------------------------------------------------------------------- the class page


def test_class_page_lists_students_with_lessons_done(client, make, setup, login):
    teacher, klas, student = setup
    other = make.student(klas, name="Eva")
    lessons = load_lessons()
    record_attempt(student.id, lessons[0].id, 3, 3, True)
    record_attempt(student.id, lessons[1].id, 0, 3, False)
    login(teacher)
    html = client.get(f"/klassen/{klas.id}").text
    cells = r'<td data-label="[^"]+">'
    rows = re.findall(
        rf'<tr>\s*{cells}(.*?)</td>\s*{cells}<span class="code">(.*?)</span></td>\s*{cells}(.*?)</td>', html)
    assert rows == [("Daan", student.username, f"1 van {len(lessons)}"),
                    ("Eva", other.username, f"0 van {len(lessons)}")]


def test_renew_join_code(client, setup, login):
    teacher, klas, student = setup
    old = klas.join_code
    login(teacher)
    response = client.post(f"/klassen/{klas.id}/klascode")
    assert response.status_code == 302
    db.session.refresh(klas)
    assert klas.join_code != old
    assert "De oude code werkt niet meer." in client.get(response.location).text
    db.session.refresh(student)
    assert student.class_id == klas.id  # students stay in the class

    client.post("/uitloggen")
    g.pop("_login_user", None)
    data = {"display_name": "Nieuw", "username": "nieuw", "password": "klantreis-kompas-7",
            "password_again": "klantreis-kompas-7"}
    refused = client.post("/registreren", data={**data, "join_code": old})
    assert "Deze klascode kennen we niet." in refused.text
    joined = client.post("/registreren", data={**data, "join_code": klas.join_code})
    assert joined.status_code == 302


# --------------------------------------------------------------------------- passwords


def test_reset_password_page(client, setup, login):
    teacher, klas, student = setup
    login(teacher)
    html = client.get(f"/klassen/{klas.id}/leerlingen/{student.id}/wachtwoord").text
    assert "Nieuw wachtwoord voor Daan" in html
    assert student.username in html


def test_reset_password_typed_by_the_teacher(client, setup, login):
    teacher, klas, student = setup
    login(teacher)
    url = f"/klassen/{klas.id}/leerlingen/{student.id}/wachtwoord"
    short = client.post(url, data={"password": "kort"})
    assert field_error(short.text, "password") == "Het wachtwoord moet minstens 8 tekens hebben."
    response = client.post(url, data={"password": "zomer-2025"})
    assert response.status_code == 302
    assert response.location == f"/klassen/{klas.id}"
    db.session.refresh(student)
    assert student.check_password("zomer-2025")
    html = client.get(response.location).text
    assert "Het nieuwe wachtwoord van Daan is opgeslagen." in html
    assert "zomer-2025" not in html


def test_generated_password_is_shown_once_and_works(client, setup, login):
    teacher, klas, student = setup
    login(teacher)
    response = client.post(f"/klassen/{klas.id}/leerlingen/{student.id}/wachtwoord/maken")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    password = re.search(r'<p class="new-password">(.*?)</p>', response.text).group(1)
    assert re.fullmatch(r"[a-z]+-[a-z]+-[a-z]+-\d\d", password)
    db.session.refresh(student)
    assert student.check_password(password)
    # Not kept anywhere else: not in the session cookie, not on the next page.
    with client.session_transaction() as session:
        assert password not in repr(dict(session))
    assert password not in client.get(f"/klassen/{klas.id}").text


# --------------------------------------------------------------------------- removing a student


def test_remove_student_asks_first_then_removes(client, setup, login):
    teacher, klas, student = setup
    login(teacher)
    url = f"/klassen/{klas.id}/leerlingen/{student.id}/verwijderen"
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Daan uit de klas halen?" in confirm.text
    assert f'action="{url}"' in confirm.text
    db.session.refresh(student)
    assert student.class_id == klas.id  # the GET changed nothing

    response = client.post(url)
    assert response.status_code == 302
    db.session.refresh(student)
    assert student.class_id is None
    assert db.session.get(User, student.id) is not None  # the account stays
    html = client.get(f"/klassen/{klas.id}").text
    assert "Daan zit niet meer in klas MV2A." in html
    assert "Er zitten nog geen leerlingen in deze klas." in html


def test_class_actions_need_a_csrf_token(csrf_app, setup):
    teacher, klas, _ = setup
    client = csrf_app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(teacher.id)
        session["_fresh"] = True
    old = klas.join_code
    assert client.post(f"/klassen/{klas.id}/klascode").status_code == 400
    db.session.refresh(klas)
    assert klas.join_code == old
