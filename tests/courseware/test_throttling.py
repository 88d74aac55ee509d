"""Logging in: failed tries are throttled per address and per username (Flask-Limiter), with the
site's own Dutch 429 page; an unknown user and a wrong password look the same; a login starts a
fresh session. The other tests run with the limits off (RATELIMIT_ENABLED is off when testing)."""
from __future__ import annotations

import re
import subprocess
import sys

from flask import g

from courseware.security import TOO_MANY_TRIES

PASSWORD = "geheim-wachtwoord"


def attempt(client, username: str, password: str = "niet-goed-123", address: str = "10.0.0.1"):
    g.pop("_login_user", None)
    return client.post("/inloggen", data={"username": username, "password": password},
                       environ_base={"REMOTE_ADDR": address})


def logout(client):
    client.post("/uitloggen")
    g.pop("_login_user", None)


def test_five_failed_tries_for_one_account_then_a_dutch_429(limited, client, make):
    student = make.student()
    for _ in range(5):
        assert attempt(client, student.username).status_code == 200
    blocked = attempt(client, student.username, PASSWORD)  # even the right password waits now
    assert blocked.status_code == 429
    assert TOO_MANY_TRIES == "Te veel pogingen. Wacht een minuut en probeer het opnieuw."
    assert TOO_MANY_TRIES in blocked.text
    # The site's own page: its layout and style sheet, in Dutch, and no session was started.
    assert '<html lang="nl">' in blocked.text and "css/site.css" in blocked.text
    assert "Klantreislab" in blocked.text
    assert blocked.headers["Retry-After"] == "60"
    assert blocked.headers["Content-Security-Policy"].startswith("default-src 'self'")
    # Counting is per username, whatever its case or spaces.
    assert attempt(client, f"  {student.username.upper()} ").status_code == 429
    # Another account from another address is not affected.
    other = make.student()
    assert attempt(client, other.username, PASSWORD, address="10.0.0.2").status_code == 302


def test_unknown_usernames_are_throttled_the_same(limited, client):
    for _ in range(5):
        assert attempt(client, "bestaat-niet", address="10.0.0.9").status_code == 200
    assert attempt(client, "bestaat-niet", address="10.0.0.8").status_code == 429


def test_ten_failed_tries_from_one_address_then_429(limited, client, make):
    for n in range(10):
        assert attempt(client, f"gok{n}").status_code == 200
    blocked = attempt(client, "nog-een-gok")
    assert blocked.status_code == 429 and TOO_MANY_TRIES in blocked.text
    student = make.student()
    assert attempt(client, student.username, PASSWORD).status_code == 429  # this address waits
    assert attempt(client, student.username, PASSWORD, address="10.0.0.2").status_code == 302


def test_behind_the_proxy_each_browser_has_its_own_count(limited, client, make):
    """gunicorn listens on 127.0.0.1 behind nginx: the address nginx appended counts."""
    def via_proxy(username, forwarded, remote="127.0.0.1"):
        g.pop("_login_user", None)
        return client.post("/inloggen", data={"username": username, "password": "niet-goed-123"},
                           headers={"X-Forwarded-For": forwarded}, environ_base={"REMOTE_ADDR": remote})

    for n in range(10):
        assert via_proxy(f"gok{n}", "1.2.3.4, 10.1.1.1").status_code == 200
    assert via_proxy("gok", "9.9.9.9, 10.1.1.1").status_code == 429  # the same browser, a spoofed first hop
    assert via_proxy("gok", "10.2.2.2").status_code == 200  # another school
    # Not from the proxy: X-Forwarded-For is ignored, the real address counts.
    for n in range(10):
        assert via_proxy(f"x{n}", f"5.5.5.{n}", remote="10.3.3.3").status_code == 200
    assert via_proxy("x", "6.6.6.6", remote="10.3.3.3").status_code == 429


def test_logins_that_work_do_not_count(limited, client, make):
    """A whole class behind one school address logs in at the start of the lesson."""
    students = [make.student() for _ in range(15)]
    for student in students:
        assert attempt(client, student.username, PASSWORD).status_code == 302
        logout(client)


def test_the_login_page_itself_is_never_throttled(limited, client):
    for _ in range(6):
        attempt(client, "iemand")
    assert client.get("/inloggen", environ_base={"REMOTE_ADDR": "10.0.0.1"}).status_code == 200


def test_limits_are_off_in_the_other_tests(app, client, make):
    student = make.student()
    assert app.config["RATELIMIT_ENABLED"] is False
    for _ in range(12):
        assert attempt(client, student.username).status_code == 200
    assert attempt(client, student.username, PASSWORD).status_code == 302


def test_storage_is_redis_when_redis_url_is_set():
    code = "from courseware.config import Config; print(Config.RATELIMIT_STORAGE_URI)"
    with_redis = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                env={"REDIS_URL": "redis://cache:6379/2", "PATH": ""})
    assert with_redis.stdout.strip() == "redis://cache:6379/2"
    without = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"PATH": ""})
    assert without.stdout.strip() == "memory://"


def _message(html: str) -> str:
    match = re.search(r'<div class="error-summary" role="alert">(.*?)</div>', html, re.S)
    assert match
    return match.group(1)


def test_unknown_user_and_wrong_password_get_the_same_page(client, make):
    student = make.student()
    wrong = attempt(client, student.username)
    unknown = attempt(client, "bestaat-niet")
    assert wrong.status_code == unknown.status_code == 200
    assert _message(wrong.text) == _message(unknown.text)
    assert "De gebruikersnaam of het wachtwoord is niet goed." in _message(wrong.text)
    # Apart from the typed username, the two pages are the same.
    assert wrong.text.replace(student.username, "X") == unknown.text.replace("bestaat-niet", "X")


def test_login_renews_the_session(client, make):
    student = make.student()
    client.get("/inloggen")
    with client.session_transaction() as session:
        session["geplant"] = "van voor het inloggen"
        session["_user_id"] = "999999"  # a fixated identity from before the login
    before = client.get_cookie("session").value
    assert attempt(client, student.username, PASSWORD).status_code == 302
    after = client.get_cookie("session").value
    assert after != before
    with client.session_transaction() as session:
        assert "geplant" not in session
        assert session["_user_id"] == str(student.id)
