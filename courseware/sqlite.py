"""SQLite as the embedded default database: the settings every connection gets.

- WAL journal: readers never wait for the writer, and a commit is one append to the log.
- synchronous=NORMAL: in WAL mode still safe against a crash of the site; only a power cut can
  lose the last commits, never corrupt the file.
- busy_timeout: a writer that finds the database locked waits up to 5 s instead of failing at
  once, so a class saving at the same moment queues up instead of getting errors.

PostgreSQL connections are left alone.
"""
from __future__ import annotations

import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine

BUSY_TIMEOUT_MS = 5000
PRAGMAS = ("journal_mode=WAL", "synchronous=NORMAL", f"busy_timeout={BUSY_TIMEOUT_MS}")


def configure(engine: Engine) -> None:
    """Give every new connection of this engine the pragmas, if it is SQLite."""
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _set_pragmas)


def _set_pragmas(dbapi_connection: sqlite3.Connection, _connection_record: object) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in PRAGMAS:
            cursor.execute(f"PRAGMA {pragma}")
    finally:
        cursor.close()
