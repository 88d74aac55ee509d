"""Staff accounts: `create-admin` and `create-teacher` on the command line, and the admin's
Docenten page (a new teacher with a one-time password, a new password, deactivate, reactivate).
A deactivated teacher cannot log in, their sessions end at once, and their classes stay."""
from __future__ import annotations

import re
from html import unescape

import pytest
from flask import g
from sqlalchemy import func, select

from courseware.extensions import db
from courseware.models import Role, SchoolClass, User

STRONG = "paars-konijn-dansvloer-88"
TEACHERS = "/beheer/docenten"


def users_named(username: str) -> list[User]:
    return list(db.session.scalars(select(User).where(func.lower(User.username) == username)))


# --------------------------------------------------------------------------- command line


def test_create_admin_reads_the_password_from_stdin(runner, client):
    result = runner.invoke(args=["create-admin", "Baas", "--password-stdin"], input=f"{STRONG}\n")
    assert result.exit_code == 0, result.output
    [admin] = users_named("baas")
    assert admin.role == Role.ADMIN and admin.check_password(STRONG) and admin.active
    response = client.post("/inloggen", data={"username": "baas", "password": STRONG})
    assert response.status_code == 302


def test_create_admin_asks_twice(runner):
    result = runner.invoke(args=["create-admin", "baas"], input=f"{STRONG}\n{STRONG}\n")
    assert result.exit_code == 0, result.output
    assert "Wachtwoord nog een keer" in result.output
    assert users_named("baas")[0].check_password(STRONG)


def test_create_admin_refuses_two_different_passwords(runner):
    result = runner.invoke(args=["create-admin", "baas"], input=f"{STRONG}\nandere-zin-met-tekst-12\n")
    assert result.exit_code != 0
    assert "niet hetzelfde" in result.output and not users_named("baas")


@pytest.mark.parametrize(("password", "message"), [
    ("welkom01", "te bekend"),
    ("kort", "minstens 8 tekens"),
    ("baasbaas1", None),  # fine: not the username itself
    ("baas2024", "niet je naam"),
])
def test_create_admin_refuses_weak_passwords(runner, password, message):
    result = runner.invoke(args=["create-admin", "baas", "--password-stdin"], input=f"{password}\n")
    if message is None:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code != 0
    assert message in result.output
    assert not users_named("baas")


def test_create_admin_refuses_an_existing_username(runner, make):
    existing = make.user(Role.TEACHER)
    result = runner.invoke(args=["create-admin", existing.username.upper(), "--password-stdin"],
                           input=f"{STRONG}\n")
    assert result.exit_code != 0
    assert "bestaat al" in result.output
    assert db.session.scalar(select(func.count()).select_from(User)) == 1


def test_create_admin_refuses_a_bad_username(runner):
    result = runner.invoke(args=["create-admin", "de baas", "--password-stdin"], input=f"{STRONG}\n")
    assert result.exit_code != 0 and "geen spaties" in result.output


def test_create_teacher_prints_a_one_time_password(runner, client):
    result = runner.invoke(args=["create-teacher", "jansen", "--name", "Mevrouw Jansen"])
    assert result.exit_code == 0, result.output
    password = re.search(r"Eenmalig wachtwoord: (\S+)", result.output).group(1)
    [teacher] = users_named("jansen")
    assert teacher.role == Role.TEACHER and teacher.display_name == "Mevrouw Jansen"
    assert teacher.check_password(password)


def test_create_teacher_with_a_password(runner):
    result = runner.invoke(args=["create-teacher", "jansen", "--name", "Mevrouw Jansen", "--password-stdin"],
                           input="jansen123\n")
    assert result.exit_code != 0 and "niet je naam" in result.output
    result = runner.invoke(args=["create-teacher", "jansen", "--name", "Mevrouw Jansen", "--password"],
                           input=f"{STRONG}\n{STRONG}\n")
    assert result.exit_code == 0, result.output
    assert users_named("jansen")[0].check_password(STRONG)
    again = runner.invoke(args=["create-teacher", "jansen", "--name", "Iemand anders"])
    assert again.exit_code != 0 and "bestaat al" in again.output


# --------------------------------------------------------------------------- the admin's page


@pytest.fixture
def admin(make):
    return make.user(Role.ADMIN, name="Beheerder")


def test_admin_makes_a_teacher_and_sees_the_password_once(client, admin, login):
    login(admin)
    response = client.post(TEACHERS, data={"display_name": "Meneer de Boer", "username": "DeBoer"})
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    page = response.get_data(as_text=True)
    password = re.search(r'<p class="new-password">([^<]+)</p>', page).group(1)
    [teacher] = users_named("deboer")
    assert teacher.role == Role.TEACHER and teacher.check_password(password)
    listing = client.get(TEACHERS).get_data(as_text=True)
    assert "Meneer de Boer" in listing and password not in listing
    login(None)
    assert client.post("/inloggen", data={"username": "deboer", "password": password}).status_code == 302


def test_a_wrong_new_teacher_keeps_what_was_typed(client, admin, make, login):
    taken = make.user(Role.TEACHER)
    login(admin)
    response = client.post(TEACHERS, data={"display_name": "Meneer de Boer", "username": taken.username})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Deze gebruikersnaam bestaat al" in page and 'value="Meneer de Boer"' in page
    response = client.post(TEACHERS, data={"display_name": "Meneer de Boer", "username": "de boer"})
    assert response.status_code == 422 and "geen spaties" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(User).where(User.role == Role.TEACHER)) == 1


def test_admin_gives_a_teacher_a_new_password(client, admin, make, login):
    teacher = make.user(Role.TEACHER)
    generation = teacher.session_generation
    login(admin)
    response = client.post(f"{TEACHERS}/{teacher.id}/wachtwoord")
    password = re.search(r'<p class="new-password">([^<]+)</p>', response.get_data(as_text=True)).group(1)
    db.session.refresh(teacher)
    assert teacher.check_password(password) and not teacher.check_password("geheim-wachtwoord")
    assert teacher.session_generation == generation + 1
    assert response.headers["Cache-Control"] == "no-store"


def test_a_new_password_is_confirmed_first(client, admin, make, login):
    teacher = make.user(Role.TEACHER, name="Meneer de Boer")
    login(admin)
    list_page = client.get(TEACHERS).get_data(as_text=True)
    assert f'href="{TEACHERS}/{teacher.id}/wachtwoord"' in list_page
    response = client.get(f"{TEACHERS}/{teacher.id}/wachtwoord")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Nieuw wachtwoord maken voor Meneer de Boer?" in page and "werkt daarna niet meer" in page
    assert 'class="new-password"' not in page
    db.session.refresh(teacher)
    assert teacher.check_password("geheim-wachtwoord")


def test_only_teachers_are_managed_here(client, admin, make, login):
    login(admin)
    student = make.student()
    assert client.get(f"{TEACHERS}/{student.id}/wachtwoord").status_code == 404
    for action in ("wachtwoord", "uitzetten", "aanzetten"):
        assert client.post(f"{TEACHERS}/{student.id}/{action}").status_code == 404
        assert client.post(f"{TEACHERS}/{admin.id}/{action}").status_code == 404
    assert student.check_password("geheim-wachtwoord")


@pytest.mark.parametrize("role", [Role.STUDENT, Role.TEACHER])
def test_others_cannot_manage_teachers(client, make, login, role):
    teacher = make.user(Role.TEACHER)
    login(make.user(role))
    assert client.get(TEACHERS).status_code == 403
    assert client.post(TEACHERS, data={"display_name": "X Y", "username": "xy"}).status_code == 403
    assert client.get(f"{TEACHERS}/{teacher.id}/wachtwoord").status_code == 403
    for action in ("wachtwoord", "uitzetten"):
        assert client.post(f"{TEACHERS}/{teacher.id}/{action}").status_code == 403
    db.session.refresh(teacher)
    assert teacher.active and teacher.check_password("geheim-wachtwoord") and not users_named("xy")


def as_(client):
    """`client`, after forgetting the user Flask-Login cached in the shared app context."""
    g.pop("_login_user", None)
    return client


def test_a_deactivated_teacher_is_logged_out_and_cannot_log_in(app, make, admin):
    teacher = make.user(Role.TEACHER, password=STRONG)
    klas = make.school_class(teacher, name="Klas van de docent")
    teacher_client, admin_client = app.test_client(), app.test_client()
    login = {"username": teacher.username, "password": STRONG}
    assert as_(teacher_client).post("/inloggen", data=login).status_code == 302
    assert as_(teacher_client).get(f"/klassen/{klas.id}").status_code == 200
    assert as_(admin_client).post("/inloggen", data={"username": admin.username,
                                                     "password": "geheim-wachtwoord"}).status_code == 302

    response = as_(admin_client).post(f"{TEACHERS}/{teacher.id}/uitzetten", follow_redirects=True)
    assert "staat uit" in response.get_data(as_text=True)
    db.session.expire_all()
    assert not db.session.get(User, teacher.id).active
    # The open session ends at once; logging in again is refused with a clear message.
    assert as_(teacher_client).get(f"/klassen/{klas.id}").status_code == 302
    page = as_(teacher_client).post("/inloggen", data=login)
    assert page.status_code == 200 and "Je account staat uit" in page.get_data(as_text=True)
    assert as_(teacher_client).get(f"/klassen/{klas.id}").status_code == 302
    # A wrong password says nothing about the account.
    wrong = as_(teacher_client).post("/inloggen", data={**login, "password": "fout-fout-fout"})
    assert "staat uit" not in wrong.get_data(as_text=True)
    # The class and its teacher stay.
    assert db.session.get(SchoolClass, klas.id).teachers[0].id == teacher.id

    as_(admin_client).post(f"{TEACHERS}/{teacher.id}/aanzetten")
    assert as_(teacher_client).post("/inloggen", data=login).status_code == 302
    assert as_(teacher_client).get(f"/klassen/{klas.id}").status_code == 200


def test_the_admin_page_and_the_command_line_give_the_same_reasons(client, admin, login):
    """One set of rules for staff accounts: the page shows the command line's sentence at the field."""
    from courseware.staff_accounts import display_name_problem, username_problem

    login(admin)
    for data, reason in (({"display_name": "X", "username": "deboer"}, display_name_problem("X")),
                         ({"display_name": "Meneer de Boer", "username": "ab"}, username_problem("ab"))):
        page = client.post(TEACHERS, data=data).get_data(as_text=True)
        assert reason and unescape(reason) in unescape(page)
