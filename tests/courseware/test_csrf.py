"""CSRF: every route that accepts POST refuses a post without a token, as a user allowed to use it.

The routes come from app.url_map; a POST route missing from POSTER fails the test. Whatever the
answer, nothing in the database may change: a full snapshot of every table is compared. The
builder's step and autosave answer a missing token with the session-expired stash (a redirect
back, or JSON with 400); without a valid draft key that stores nothing either.
"""
from __future__ import annotations

import re

import pytest
from flask import g
from sqlalchemy import select

from courseware.extensions import db

from .world import World, build_world, rules_with, unclassified, url_of

# Who posts to each POST route: a user allowed to use it (with a valid token it would work).
POSTER: dict[str, str] = {
    "auth.login": "anonymous",
    "auth.register": "anonymous",
    "auth.change_password": "student",
    "auth.logout": "student",
    "auth.logout_everywhere": "student",
    "lessons.show": "student",
    "builder.step": "student",
    "builder.autosave": "student",
    "builder.conflict": "student",
    "builder.submit": "student",
    "builder.choose_stage": "student",
    "builder.upload": "student",
    "builder.group_create": "student",
    "builder.group_join": "student",
    "builder.group_leave": "student",
    "gallery.peer_write": "student",
    "classes.index": "teacher",
    "classes.renew_code": "teacher",
    "classes.add_teacher": "teacher",
    "classes.remove_teacher": "teacher",
    "classes.reset_password": "teacher",
    "classes.generate_password": "teacher",
    "classes.remove_student": "teacher",
    "class_assignments.settings": "teacher",
    "class_assignments.regrade": "teacher",
    "class_assignments.group_new": "teacher",
    "class_assignments.group_random": "teacher",
    "class_assignments.group_move": "teacher",
    "review.attempt": "teacher",
    "review.release": "teacher",
    "review.release_all": "teacher",
    "review.correction": "teacher",
    "gallery.toggle": "teacher",
    "gallery.open_round": "teacher",
    "gallery.close_round": "teacher",
    "gallery.release_round": "teacher",
    "gallery.hide_comment": "teacher",
    "gallery.exclude": "teacher",
    "admin.delete_student": "admin",
    "own_assignments.new": "teacher",
    "own_assignments.edit": "teacher",
    "own_assignments.publish": "teacher",
    "own_assignments.archive": "teacher",
    "own_assignments.restore": "teacher",
    "own_assignments.import_file": "teacher",
    "own_assignments.model_journey": "teacher",
    "own_assignments.remove_model_journey": "teacher",
    "admin.teachers": "admin",
    "admin.teacher_password": "admin",
    "admin.deactivate_teacher": "admin",
    "admin.reactivate_teacher": "admin",
}
# The builder's deliberate answer to an expired session (see courseware.builder.routes._csrf_error).
STASH_ANSWER = {"builder.step": 302, "builder.autosave": 400}

# Something for every field any form of the site has; none of it may arrive anywhere.
PAYLOAD = {
    "username": "aanvaller", "password": "geheim-wachtwoord", "display_name": "Aanvaller",
    "join_code": "ABCDEF", "confirm": "y", "current": "geheim-wachtwoord", "password2": "geheim-wachtwoord",
    "name": "CSRF-aanval", "description": "CSRF-aanval", "trigger": "CSRF-aanval", "top": "CSRF-aanval " * 3,
    "tip": "CSRF-aanval " * 3, "comment": "CSRF-aanval", "choice": "mine", "on": "1", "action": "save",
    "q0": "0", "version": "1", "deadline_date": "2030-01-01", "deadline_time": "12:00", "reset": "1",
    "title": "CSRF-aanval", "summary": "CSRF-aanval", "class_id": "1", "visibility": "never",
}


def snapshot() -> dict:
    """Every row of every table, as plain values."""
    db.session.expire_all()
    tables = {}
    for table in db.metadata.sorted_tables:
        rows = db.session.execute(select(table)).all()
        tables[table.name] = sorted(tuple(map(repr, row)) for row in rows)
    return tables


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or \
        re.search(r'value="([^"]+)"[^>]*name="csrf_token"', html)
    assert match, "no csrf_token in the page"
    return match.group(1)


def forget_cached(*names: str) -> None:
    """The tests share one app context, so `g` outlives a request: forget what Flask-Login and
    Flask-WTF cached there (the user, the session's CSRF token)."""
    for name in names or ("_login_user", "csrf_token"):
        g.pop(name, None)


def login_with_form(client, username: str, password: str = "geheim-wachtwoord"):
    """Log in the way a browser does with CSRF on: the login page's token, then the post."""
    forget_cached()
    token = csrf_token(client.get("/inloggen").text)
    response = client.post("/inloggen", data={"username": username, "password": password, "csrf_token": token})
    forget_cached()  # the login started a new session, with a new token
    return response


@pytest.fixture
def world(csrf_app, make) -> World:
    return build_world(make)


def test_every_post_route_is_classified(csrf_app):
    endpoints = {rule.endpoint for rule in rules_with(csrf_app, "POST")}
    missing = unclassified(csrf_app, "POST", POSTER)
    assert not missing, f"POST routes nobody classified; add them to POSTER in tests/courseware/test_csrf.py: {missing}"
    assert not set(POSTER) - endpoints, f"POSTER names routes that no longer exist: {sorted(set(POSTER) - endpoints)}"


def test_a_new_post_route_nobody_classified_is_reported(csrf_app):
    csrf_app.add_url_rule("/nieuw", "nieuw.pagina", lambda: "nieuw", methods=["POST"])
    assert unclassified(csrf_app, "POST", POSTER) == ["nieuw.pagina"]


def test_every_post_without_a_token_is_refused_and_changes_nothing(csrf_app, client, world):
    wrong = []
    for rule in rules_with(csrf_app, "POST"):
        role = POSTER.get(rule.endpoint)
        if role is None:
            wrong.append(f"{rule.endpoint}: not classified in POSTER")
            continue
        client.get("/")  # the logout post clears the session: start each post from a clean client
        client.delete_cookie("session")
        forget_cached()
        user = world.user(role)
        if user is not None:
            response = login_with_form(client, user.username)
            assert response.status_code == 302, f"logging in as {role} failed"
            forget_cached()
        url = url_of(csrf_app, world, rule)
        before = snapshot()
        response = client.post(url, data=PAYLOAD)
        forget_cached()
        want = STASH_ANSWER.get(rule.endpoint, 400)
        if response.status_code != want:
            wrong.append(f"{rule.endpoint} as {role}: expected {want}, got {response.status_code}")
        if snapshot() != before:
            wrong.append(f"{rule.endpoint} as {role}: the database changed")
        if want == 400 and rule.endpoint not in STASH_ANSWER:
            assert "CSRF-aanval" not in response.text
    assert not wrong, "\n".join(wrong)


def test_the_login_form_works_with_csrf_on(csrf_app, client, world):
    assert login_with_form(client, world.student.username).status_code == 302
    assert "Uitloggen" in client.get("/").text
    # With the session's token every form works: here, changing the password page loads and posts.
    page = client.get("/wachtwoord").text
    response = client.post("/wachtwoord", data={"csrf_token": csrf_token(page), "current": "fout",
                                                 "password": "nieuw-wachtwoord-1", "password2": "nieuw-wachtwoord-1"})
    assert response.status_code == 200  # the form's own message about the wrong password, not a 400


def test_a_token_from_another_session_is_refused(csrf_app, client, app, world):
    other = app.test_client()
    token = csrf_token(other.get("/inloggen").text)
    login_with_form(client, world.teacher.username)
    forget_cached()
    before = snapshot()
    response = client.post(f"/klassen/{world.klas.id}/klascode", data={"csrf_token": token})
    assert response.status_code == 400
    assert snapshot() == before
