"""Shared fixtures: an app on a fresh database per test, users of every role, and logging in."""
from __future__ import annotations

import itertools
import os

import pytest
from flask import g

from courseware import create_app
from courseware.extensions import db as _db
from courseware.models import Role, SchoolClass, User

_counter = itertools.count(1)


@pytest.fixture
def app(tmp_path):
    url = os.environ.get("TEST_DATABASE_URL") or "sqlite:///" + str(tmp_path / "test.db")
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
        # A cheap hash keeps the suite fast; production uses scrypt (see Config).
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    })
    with app.app_context():
        _db.create_all()
        yield app
        _db.session.remove()
        _db.drop_all()


@pytest.fixture
def csrf_app(app):
    """The same app with CSRF checks on, as in production."""
    app.config["WTF_CSRF_ENABLED"] = True
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class Factory:
    """Makes users and classes with unique names."""

    def user(self, role: Role = Role.STUDENT, school_class: SchoolClass | None = None,
             name: str | None = None, password: str = "geheim-wachtwoord") -> User:
        n = next(_counter)
        user = User(username=f"{role.value}{n}", display_name=name or f"{role.value.title()} {n}", role=role)
        user.set_password(password)
        if school_class is not None:
            user.school_class = school_class
        _db.session.add(user)
        _db.session.commit()
        return user

    def school_class(self, teacher: User | None = None, name: str | None = None) -> SchoolClass:
        teacher = teacher or self.user(Role.TEACHER)
        klas = SchoolClass(name=name or f"Klas {next(_counter)}", join_code=SchoolClass.new_join_code(), teacher=teacher)
        _db.session.add(klas)
        _db.session.commit()
        return klas

    def student(self, school_class: SchoolClass | None = None, **kwargs) -> User:
        return self.user(Role.STUDENT, school_class or self.school_class(), **kwargs)


@pytest.fixture
def make(app) -> Factory:
    return Factory()


@pytest.fixture
def login(client):
    """login(user) logs the test client in as `user` (None logs out)."""

    def do_login(user: User | None) -> None:
        # The test's app context is shared by every request: forget the user Flask-Login cached.
        g.pop("_login_user", None)
        with client.session_transaction() as session:
            session.clear()
            if user is not None:
                session["_user_id"] = str(user.id)
                session["_fresh"] = True

    return do_login
