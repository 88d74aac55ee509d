"""Shared fixtures: an app on a fresh database per test, users of every role, and logging in.

The database is SQLite in the test's temporary folder, or PostgreSQL when TEST_DATABASE_URL is set
(e.g. postgresql+psycopg://klantreislab:klantreislab@127.0.0.1:5432/klantreislab_test; the
database's name must contain "test", as every table in it is dropped). On PostgreSQL the tables are
made once per session and emptied after every test (TRUNCATE ... RESTART IDENTITY, so ids start
at 1 again), which keeps the suite fast.
"""
from __future__ import annotations

import itertools
import os

import pytest
from flask import g
from hypothesis import settings
from sqlalchemy import MetaData, make_url, text

from courseware import create_app
from courseware.config import database_url, is_postgresql
from courseware.extensions import db as _db
from courseware.models import Role, SchoolClass, User

_counter = itertools.count(1)

# No time limit per example: speed is measured in benchmarks, never asserted, and this machine is
# shared (hypothesis's default deadline of 200 ms failed a first, cold example under load).
settings.register_profile("klantreislab", deadline=None)
settings.load_profile("klantreislab")

TEST_DATABASE_URL = database_url(os.environ.get("TEST_DATABASE_URL"))
if TEST_DATABASE_URL and "test" not in (make_url(TEST_DATABASE_URL).database or ""):
    raise pytest.UsageError(
        f"TEST_DATABASE_URL names the database {make_url(TEST_DATABASE_URL).database!r}: the tests drop "
        "every table in it, so its name must contain 'test'.")

_postgres_ready = False


def app_config(url: str) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
        # A cheap hash keeps the suite fast; production uses scrypt (see Config).
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    }


def drop_every_table(connection) -> None:
    """Drop every table in the connection's schema: the models' and any left by older code."""
    existing = MetaData()
    existing.reflect(connection)
    existing.drop_all(connection)


def _prepare_postgres() -> None:
    """Once per session: the models' tables, and nothing else, in the test database."""
    global _postgres_ready
    if not _postgres_ready:
        with _db.engine.begin() as connection:
            drop_every_table(connection)
        _db.create_all()
        _postgres_ready = True


def _empty_postgres() -> None:
    tables = ", ".join(f'"{table.name}"' for table in _db.metadata.sorted_tables)
    with _db.engine.begin() as connection:
        # A test that left a transaction open elsewhere fails here instead of hanging the suite.
        connection.execute(text("SET LOCAL lock_timeout = '10s'"))
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture
def app(tmp_path):
    url = TEST_DATABASE_URL or "sqlite:///" + str(tmp_path / "test.db")
    app = create_app(app_config(url))
    postgres = is_postgresql(app.config["SQLALCHEMY_DATABASE_URI"])
    with app.app_context():
        if postgres:
            _prepare_postgres()
        else:
            _db.create_all()
        yield app
        _db.session.remove()
        if postgres:
            _empty_postgres()
        else:
            _db.drop_all()
        _db.engine.dispose()


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
        klas = SchoolClass(name=name or f"Klas {next(_counter)}", join_code=SchoolClass.new_join_code(),
                           teacher=teacher)
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
