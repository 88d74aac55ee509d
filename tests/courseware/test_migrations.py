"""The Alembic migrations (courseware/migrations/) build exactly the models' schema, and can be undone.

Each test starts from an empty database: a SQLite file in the test's folder, and, when
TEST_DATABASE_URL is set, a schema of its own in that PostgreSQL database (so the tables the other
tests use are not touched). A failure of test_upgrade_gives_the_models_schema lists what the
models have that the migrations do not: make a migration (`make migration m="..."`, README).
"""
from __future__ import annotations

import os

import pytest
from alembic.script import ScriptDirectory
from flask import current_app
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from courseware import create_app
from courseware.cli import schema_differences
from courseware.config import database_url
from courseware.extensions import db

POSTGRES_URL = database_url(os.environ.get("TEST_DATABASE_URL"))
POSTGRES_SCHEMA = "klantreislab_migration_test"

backends = pytest.mark.parametrize("backend", [
    "sqlite",
    pytest.param("postgresql", marks=pytest.mark.skipif(
        not POSTGRES_URL or not POSTGRES_URL.startswith("postgresql"),
        reason="PostgreSQL: TEST_DATABASE_URL is not set")),
])


def _config(url: str, **engine_options) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": url,
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    }


@pytest.fixture
def empty_app(backend, tmp_path):
    """An app whose database has no tables at all."""
    if backend == "sqlite":
        app = create_app(_config("sqlite:///" + str(tmp_path / "migrations.db")))
    else:
        app = create_app(_config(POSTGRES_URL, connect_args={"options": f"-c search_path={POSTGRES_SCHEMA}"}))
    with app.app_context():
        if backend == "postgresql":
            _fresh_schema()
        yield app
        db.session.remove()
        if backend == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(text(f"DROP SCHEMA IF EXISTS {POSTGRES_SCHEMA} CASCADE"))
        db.engine.dispose()


def _fresh_schema() -> None:
    with db.engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {POSTGRES_SCHEMA} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {POSTGRES_SCHEMA}"))


def _tables() -> set[str]:
    return set(inspect(db.engine).get_table_names())


def _head() -> str:
    script = ScriptDirectory.from_config(current_app.extensions["migrate"].migrate.get_config())
    return script.get_current_head()


def _version() -> str | None:
    with db.engine.connect() as connection:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def test_the_migrations_have_one_head(tmp_path):
    app = create_app(_config("sqlite:///" + str(tmp_path / "heads.db")))
    with app.app_context():
        script = ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config())
        assert len(script.get_heads()) == 1, "two migrations revise the same one: `flask db merge heads`"
        db.engine.dispose()


@backends
def test_upgrade_gives_the_models_schema(empty_app):
    assert _tables() == set()
    upgrade()
    assert _tables() == set(db.metadata.tables) | {"alembic_version"}
    assert _version() == _head()
    differences = schema_differences()
    assert differences == [], (
        "the models differ from the migrations; make a migration (README, 'Migrations'):\n"
        + "\n".join(map(repr, differences)))


@backends
def test_downgrade_to_base_and_upgrade_again(empty_app):
    upgrade()
    downgrade(revision="base")
    assert _tables() <= {"alembic_version"}
    upgrade()
    assert schema_differences() == []
    assert _version() == _head()


@backends
def test_the_upgraded_database_holds_the_site_data(empty_app):
    """The demo data, which touches every area of the site, goes into a migrated database."""
    from courseware import demo

    upgrade()
    demo.seed()
    assert not demo.is_empty()


@backends
def test_init_db_upgrades_an_empty_database(empty_app):
    result = empty_app.test_cli_runner().invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    assert _version() == _head()
    assert schema_differences() == []


@backends
def test_init_db_takes_over_a_database_made_before_the_migrations(empty_app):
    # What the old init-db (create_all) made: the models' tables, without Alembic's version table.
    # (Made with the migrations here: after a create_all on PostgreSQL in the same process,
    # SQLAlchemy's create_all on SQLite leaves out the users -> classes key, which has use_alter.)
    upgrade()
    with db.engine.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))
    result = empty_app.test_cli_runner().invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    assert "overgenomen" in result.output
    assert _version() == _head()


@backends
def test_init_db_refuses_an_unknown_database_without_migrations(empty_app):
    with db.engine.begin() as connection:
        connection.execute(text("CREATE TABLE users (id INTEGER PRIMARY KEY)"))
    result = empty_app.test_cli_runner().invoke(args=["init-db"])
    assert result.exit_code != 0
    assert "zonder migraties" in result.output


@backends
def test_co_teachers_migration_keeps_every_class_with_its_teacher(empty_app):
    """a10c0b7e5d21: each existing class gets its teacher (classes.teacher_id) in class_teachers,
    and every existing user stays active."""
    upgrade(revision="4ea8ae8aa461")
    with db.engine.begin() as connection:
        for user_id, role in ((1, "teacher"), (2, "teacher"), (3, "student")):
            connection.execute(text(
                "INSERT INTO users (id, username, display_name, password_hash, role, session_generation) "
                "VALUES (:id, :name, :name, 'x', :role, 0)"), {"id": user_id, "name": f"u{user_id}", "role": role})
        for class_id, teacher_id in ((10, 1), (11, 2), (12, 1)):
            connection.execute(text("INSERT INTO classes (id, name, join_code, teacher_id) "
                                    "VALUES (:id, :name, :code, :teacher)"),
                               {"id": class_id, "name": f"k{class_id}", "code": f"CODE{class_id}",
                                "teacher": teacher_id})
    upgrade(revision="a10c0b7e5d21")
    with db.engine.connect() as connection:
        pairs = connection.execute(text("SELECT class_id, user_id FROM class_teachers ORDER BY class_id")).all()
        active = connection.execute(text("SELECT active FROM users ORDER BY id")).scalars().all()
    assert [tuple(pair) for pair in pairs] == [(10, 1), (11, 2), (12, 1)]
    assert [bool(value) for value in active] == [True, True, True]


@backends
def test_group_work_migration_keeps_hand_ins_and_numbers_per_student_or_group(empty_app, caplog):
    """43d2ceab4673: existing drafts and attempts stay individual work; numbers (and draft versions)
    are unique per student for individual attempts and per group for group attempts. Downgrading
    refuses while group work exists, and works once it is gone."""
    upgrade(revision="43d2ceab4673-1")
    attempt = ("INSERT INTO attempts (id, user_id, assignment_id, number, journey, report, grade, rubric_version, "
               "rubric, draft_version{extra}) VALUES (:id, 1, 'open-dag', :number, '{{}}', '{{}}', 6.0, 'v1', '', "
               ":version{values})")
    with db.engine.begin() as connection:
        connection.execute(text("INSERT INTO users (id, username, display_name, password_hash, role, "
                                "session_generation) VALUES (1, 'anna', 'Anna', 'x', 'student', 0)"))
        connection.execute(text("INSERT INTO classes (id, name, join_code, teacher_id) VALUES (1, 'k', 'KKKKKK', 1)"))
        connection.execute(text("INSERT INTO drafts (id, user_id, assignment_id, data, step, version) "
                                "VALUES (1, 1, 'open-dag', '{}', 'persona', 3)"))
        connection.execute(text(attempt.format(extra="", values="")), {"id": 1, "number": 1, "version": 2})
    upgrade(revision="43d2ceab4673")
    with db.engine.begin() as connection:
        assert connection.execute(text("SELECT group_id, saved_by FROM drafts")).one() == (None, None)
        assert connection.execute(text("SELECT group_id FROM attempts")).scalar() is None
        connection.execute(text("INSERT INTO study_groups (id, class_id, assignment_id, code) "
                                "VALUES (1, 1, 'open-dag', 'ABCDE')"))
        group_attempt = attempt.format(extra=", group_id", values=", 1")
        connection.execute(text(group_attempt), {"id": 2, "number": 1, "version": 2})  # another owner: fine
    for statement, values in ((attempt.format(extra="", values=""), {"id": 3, "number": 1, "version": None}),
                              (attempt.format(extra="", values=""), {"id": 3, "number": 5, "version": 2}),
                              (attempt.format(extra=", group_id", values=", 1"), {"id": 3, "number": 1, "version": 9})):
        with pytest.raises(IntegrityError), db.engine.begin() as connection:
            connection.execute(text(statement), values)
    with pytest.raises(SystemExit):  # Flask-Migrate logs the migration's RuntimeError and exits
        downgrade(revision="43d2ceab4673-1")
    assert "group drafts or group hand-ins exist" in caplog.text
    with db.engine.begin() as connection:
        connection.execute(text("DELETE FROM attempts WHERE group_id IS NOT NULL"))
    downgrade(revision="43d2ceab4673-1")
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT id, number FROM attempts")).all() == [(1, 1)]


@backends
def test_review_seen_migration_keeps_who_saw_a_review(empty_app):
    """5e1f0c2a9b7d: reviews.seen_at becomes one row per student in review_seen: the student who
    handed in, and every member of a group hand-in; the downgrade keeps the latest time."""
    upgrade(revision="5e1f0c2a9b7d-1")
    attempt = ("INSERT INTO attempts (id, user_id, assignment_id, number, journey, report, grade, rubric_version, "
               "rubric, draft_version, group_id) VALUES (:id, :user, 'open-dag', 1, '{}', '{}', 6.0, 'v1', '', 1, "
               ":group)")
    with db.engine.begin() as connection:
        for user_id, name in ((1, "anna"), (2, "bram"), (3, "cas")):
            connection.execute(text("INSERT INTO users (id, username, display_name, password_hash, role, "
                                    "session_generation) VALUES (:id, :name, :name, 'x', 'student', 0)"),
                               {"id": user_id, "name": name})
        connection.execute(text("INSERT INTO classes (id, name, join_code, teacher_id) VALUES (1, 'k', 'KKKKKK', 1)"))
        connection.execute(text("INSERT INTO study_groups (id, class_id, assignment_id, code) "
                                "VALUES (1, 1, 'open-dag', 'ABCDE')"))
        connection.execute(text(attempt), {"id": 1, "user": 3, "group": None})  # Cas alone
        connection.execute(text(attempt), {"id": 2, "user": 1, "group": 1})  # Anna for Anna and Bram
        connection.execute(text("INSERT INTO attempt_members (attempt_id, user_id) VALUES (2, 1), (2, 2)"))
        for review_id, seen in ((1, "2026-12-01 10:00:00+00:00"), (2, "2026-12-02 11:00:00+00:00")):
            connection.execute(text("INSERT INTO reviews (id, attempt_id, comment, released_at, seen_at) "
                                    "VALUES (:id, :id, '', '2026-12-01 09:00:00+00:00', :seen)"),
                               {"id": review_id, "seen": seen})
    upgrade(revision="5e1f0c2a9b7d")
    with db.engine.connect() as connection:
        rows = connection.execute(text("SELECT review_id, user_id FROM review_seen ORDER BY review_id, user_id"))
        assert rows.all() == [(1, 3), (2, 1), (2, 2)]
        assert "seen_at" not in {column["name"] for column in inspect(connection).get_columns("reviews")}
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE review_seen SET seen_at = '2026-12-03 12:00:00+00:00' "
                                "WHERE review_id = 2 AND user_id = 2"))
    downgrade(revision="5e1f0c2a9b7d-1")
    with db.engine.connect() as connection:
        seen = dict(connection.execute(text("SELECT id, seen_at FROM reviews ORDER BY id")).all())
        assert "review_seen" not in inspect(connection).get_table_names()
    assert str(seen[1]).startswith("2026-12-01 10:00") and str(seen[2]).startswith("2026-12-03 12:00")
