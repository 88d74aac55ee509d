"""The embedded default database: every SQLite connection is set up for a class saving at once."""
from __future__ import annotations

import threading

from sqlalchemy import text

from courseware import create_app
from courseware.extensions import db
from courseware.sqlite import BUSY_TIMEOUT_MS


def _file_app(tmp_path):
    return create_app({
        "TESTING": True,
        "SECRET_KEY": "test",
        "SQLALCHEMY_DATABASE_URI": "sqlite:///" + str(tmp_path / "site.db"),
    })


def _pragma(name: str):
    return db.session.execute(text(f"PRAGMA {name}")).scalar()


def test_a_file_database_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    app = _file_app(tmp_path)
    with app.app_context():
        assert _pragma("journal_mode") == "wal"
        assert _pragma("synchronous") == 1  # NORMAL
        assert _pragma("busy_timeout") == BUSY_TIMEOUT_MS


def test_every_new_connection_gets_the_settings(tmp_path):
    """Not only the first connection of the pool: each thread of a gunicorn worker gets its own."""
    app = _file_app(tmp_path)
    seen = []

    def read():
        with app.app_context():
            seen.append((_pragma("synchronous"), _pragma("busy_timeout")))
            db.session.remove()

    threads = [threading.Thread(target=read) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == [(1, BUSY_TIMEOUT_MS)] * 3
