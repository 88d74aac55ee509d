"""Logging in and out, joining a class with a join code, changing your own password."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from courseware.auth.next_url import safe_next_url
from courseware.extensions import db
from courseware.models import Role, SchoolClass, User

PASSWORD = "geheim-wachtwoord"  # the Factory's default


def logged_in_id(client) -> str | None:
    with client.session_transaction() as session:
        return session.get("_user_id")


def register_data(klas: SchoolClass, **overrides) -> dict[str, str]:
    data = {"join_code": klas.join_code, "display_name": "Sanne", "username": "sanne.b",
            "password": "mijn-wachtwoord", "password_again": "mijn-wachtwoord"}
    data.update(overrides)
    return data


def field_error(html: str, field_id: str) -> str:
    """The text of the error shown right next to a field (the forms macro's `<id>-error`)."""
    match = re.search(rf'<p class="error" id="{field_id}-error">(.*?)</p>', html, re.S)
    return match.group(1).strip() if match else ""


# --------------------------------------------------------------------------- login


def test_login_page_has_labelled_fields(client):
    response = client.get("/inloggen")
    assert response.status_code == 200
    html = response.text
    assert '<label for="username">Gebruikersnaam</label>' in html
    assert '<label for="password">Wachtwoord</label>' in html
    assert 'autocomplete="current-password"' in html


def test_login_works_and_ignores_case_of_username(client, make):
    user = make.user(Role.STUDENT)
    response = client.post("/inloggen", data={"username": f"  {user.username.upper()} ", "password": PASSWORD})
    assert response.status_code == 302
    assert response.location == "/"
    assert logged_in_id(client) == str(user.id)
    assert "Welkom" in client.get("/").text


def test_unknown_user_and_wrong_password_get_the_same_message(client, make):
    user = make.user(Role.STUDENT)
    wrong_password = client.post("/inloggen", data={"username": user.username, "password": "niet-goed-123"})
    unknown_user = client.post("/inloggen", data={"username": "bestaat-niet", "password": "niet-goed-123"})
    assert wrong_password.status_code == unknown_user.status_code == 200

    def alert(html: str) -> str:
        return re.search(r'<div class="error-summary" role="alert">(.*?)</div>', html, re.S).group(1)

    assert alert(wrong_password.text) == alert(unknown_user.text)
    assert "De gebruikersnaam of het wachtwoord is niet goed." in alert(wrong_password.text)
    # The username stays, the password is never sent back.
    assert f'value="{user.username}"' in wrong_password.text
    assert "niet-goed-123" not in wrong_password.text
    assert logged_in_id(client) is None


@pytest.mark.parametrize("case", ["right", "wrong password", "unknown user", "deactivated"])
def test_every_login_try_checks_one_password(client, make, monkeypatch, case):
    """A password check is scrypt, about 150 ms of CPU: a login that checked twice would halve
    the logins a server can take (a school logs in at once)."""
    import courseware.auth.routes as routes
    import courseware.models.accounts as accounts

    checks = []

    def counting(real):
        def check(*args):
            checks.append(args)
            return real(*args)
        return check

    monkeypatch.setattr(accounts, "check_password_hash", counting(accounts.check_password_hash))
    monkeypatch.setattr(routes, "check_password_hash", counting(routes.check_password_hash))
    user = make.user(Role.TEACHER)
    if case == "deactivated":
        user.active = False
        db.session.commit()
    username = "bestaat-niet" if case == "unknown user" else user.username
    password = "niet-goed-123" if case == "wrong password" else PASSWORD
    response = client.post("/inloggen", data={"username": username, "password": password})
    assert len(checks) == 1
    assert response.status_code == (302 if case == "right" else 200)
    if case == "deactivated":  # the right password: only the message that the account is off
        assert "Je account staat uit" in response.text and "Dat klopt niet" not in response.text
    elif case != "right":
        assert "Dat klopt niet" in response.text and "staat uit" not in response.text


def test_login_with_empty_fields_shows_dutch_errors_next_to_the_fields(client):
    response = client.post("/inloggen", data={"username": "", "password": ""})
    assert field_error(response.text, "username") == "Vul je gebruikersnaam in."
    assert field_error(response.text, "password") == "Vul je wachtwoord in."


def test_login_renews_the_session(client, make):
    user = make.user(Role.STUDENT)
    with client.session_transaction() as session:
        session["planted"] = "from before the login"
    client.post("/inloggen", data={"username": user.username, "password": PASSWORD})
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"] == str(user.id)


def test_protected_page_sends_to_login_and_back(client, make):
    user = make.user(Role.STUDENT)
    response = client.get("/lessen")
    assert response.status_code == 302
    assert response.location.startswith("/inloggen?next=")
    login_page = client.get(response.location)
    assert 'name="next" type="hidden" value="/lessen"' in login_page.text
    response = client.post("/inloggen", data={"username": user.username, "password": PASSWORD, "next": "/lessen"})
    assert response.location == "/lessen"


@pytest.mark.parametrize("target", [
    "https://evil.example/", "//evil.example/pad", "/\\evil.example", "\\\\evil.example",
    "/\t/evil.example", "/\n/evil.example", "javascript:alert(1)", "http:/evil.example", "lessen", "",
])
def test_next_never_leaves_the_site(client, make, target):
    user = make.user(Role.STUDENT)
    response = client.post("/inloggen", data={"username": user.username, "password": PASSWORD, "next": target})
    assert response.status_code == 302
    assert response.location == "/"


def test_unsafe_next_is_not_put_in_the_form(client):
    response = client.get("/inloggen", query_string={"next": "https://evil.example/"})
    assert "evil.example" not in response.text


@pytest.mark.parametrize("target", ["/lessen", "/lessen/fasen?x=1#check", "/klassen/3"])
def test_safe_next_is_kept(target):
    assert safe_next_url(target) == target


def test_logged_in_user_on_login_page_goes_to_start(client, make, login):
    login(make.user(Role.TEACHER))
    response = client.get("/inloggen")
    assert response.status_code == 302
    assert response.location == "/"


# --------------------------------------------------------------------------- logout


def test_logout_needs_post_and_logs_out(client, make, login):
    login(make.user(Role.STUDENT))
    assert client.get("/uitloggen").status_code == 405
    response = client.post("/uitloggen")
    assert response.status_code == 302
    assert logged_in_id(client) is None
    assert "Je bent uitgelogd" in client.get("/").text


# --------------------------------------------------------------------------- register


def test_register_page_asks_only_for_code_name_username_and_password(client):
    html = client.get("/registreren").text
    names = set(re.findall(r'<input[^>]* name="([^"]+)"', html)) - {"csrf_token", "submit"}
    assert names == {"join_code", "display_name", "username", "password", "password_again"}
    assert 'type="email"' not in html


def test_join_code_flow_end_to_end(client, make):
    teacher = make.user(Role.TEACHER)
    klas = make.school_class(teacher, name="MV1B")
    messy_code = " " + " ".join(klas.join_code.lower()) + " "  # "a b c 2 3 4", as typed off a board
    response = client.post("/registreren", data=register_data(klas, join_code=messy_code, username="Sanne.B"))
    assert response.status_code == 302
    assert response.location == "/"
    user = db.session.scalars(select(User).where(User.username == "sanne.b")).one()
    assert user.role == Role.STUDENT
    assert user.class_id == klas.id
    assert user.display_name == "Sanne"
    assert logged_in_id(client) == str(user.id)
    home = client.get("/").text
    assert "Je zit nu in klas MV1B" in home

    # Log out and in again with the new account; the teacher sees the student in the class.
    client.post("/uitloggen")
    assert client.post("/inloggen", data={"username": "SANNE.B", "password": "mijn-wachtwoord"}).location == "/"
    client.post("/uitloggen")
    client.post("/inloggen", data={"username": teacher.username, "password": PASSWORD})
    assert "sanne.b" in client.get(f"/klassen/{klas.id}").text


def test_register_prefills_the_code_from_the_link(client, make):
    klas = make.school_class()
    html = client.get("/registreren", query_string={"code": klas.join_code.lower()}).text
    assert f'value="{klas.join_code}"' in html


@pytest.mark.parametrize("overrides, field, message", [
    ({"join_code": "ZZZZZZ"}, "join_code", "Deze klascode kennen we niet."),
    ({"join_code": ""}, "join_code", "Vul de klascode in."),
    ({"display_name": "S"}, "display_name", "Je naam moet 2 tot 40 tekens hebben."),
    ({"display_name": "x" * 41}, "display_name", "Je naam moet 2 tot 40 tekens hebben."),
    ({"username": "ab"}, "username", "Je gebruikersnaam moet 3 tot 30 tekens hebben."),
    ({"username": "a" * 31}, "username", "Je gebruikersnaam moet 3 tot 30 tekens hebben."),
    ({"username": "sanne b!"}, "username", "Gebruik alleen letters (a-z), cijfers en de tekens . - _"),
    ({"password": "kort", "password_again": "kort"}, "password", "minstens 8 tekens"),
    ({"password_again": "iets-anders-1"}, "password_again", "De twee wachtwoorden zijn niet hetzelfde."),
])
def test_register_errors_are_dutch_next_to_the_field_and_keep_what_was_typed(client, make, overrides, field, message):
    klas = make.school_class()
    data = register_data(klas, **overrides)
    response = client.post("/registreren", data=data)
    assert response.status_code == 200
    assert message in field_error(response.text, field)
    assert 'class="error-summary"' in response.text
    for kept in ("join_code", "display_name", "username"):
        if data[kept]:
            assert f'value="{data[kept]}"' in response.text
    assert f'value="{data["password"]}"' not in response.text
    assert db.session.scalar(select(User).where(User.display_name == data["display_name"])) is None


def test_register_refuses_a_taken_username_whatever_its_case(client, make):
    make.user(Role.STUDENT)  # any user, to have a taken name below
    taken = make.user(Role.STUDENT)
    klas = make.school_class()
    response = client.post("/registreren", data=register_data(klas, username=taken.username.upper()))
    assert field_error(response.text, "username") == "Deze gebruikersnaam is al bezet. Kies een andere."


def test_logged_in_user_cannot_register_again(client, make, login):
    login(make.student())
    response = client.get("/registreren")
    assert response.status_code == 302
    assert response.location == "/"


def test_registered_user_keeps_no_personal_data_beyond_name_and_username(client, make):
    klas = make.school_class()
    client.post("/registreren", data=register_data(klas))
    user = db.session.scalars(select(User).where(User.username == "sanne.b")).one()
    assert user.password_hash != "mijn-wachtwoord"
    assert user.check_password("mijn-wachtwoord")


# --------------------------------------------------------------------------- change password


def test_change_password_checks_the_current_one(client, make, login):
    user = make.student()
    login(user)
    response = client.post("/wachtwoord", data={"current": "fout-wachtwoord", "password": "nieuw-wachtwoord",
                                                 "password_again": "nieuw-wachtwoord"})
    assert field_error(response.text, "current") == "Dit is niet je wachtwoord van nu."
    assert user.check_password(PASSWORD)


def test_change_password_works(client, make, login):
    user = make.student()
    login(user)
    response = client.post("/wachtwoord", data={"current": PASSWORD, "password": "nieuw-wachtwoord",
                                                 "password_again": "nieuw-wachtwoord"})
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.check_password("nieuw-wachtwoord")


# --------------------------------------------------------------------------- CSRF


def test_posting_without_a_csrf_token_is_refused(csrf_app, make):
    user = make.user(Role.STUDENT)
    client = csrf_app.test_client()
    response = client.post("/inloggen", data={"username": user.username, "password": PASSWORD})
    assert response.status_code == 400
    assert logged_in_id(client) is None


def test_the_forms_carry_a_working_csrf_token(csrf_app, make):
    user = make.user(Role.STUDENT)
    client = csrf_app.test_client()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get("/inloggen").text).group(1)
    response = client.post("/inloggen", data={"username": user.username, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    assert logged_in_id(client) == str(user.id)
