"""A temporary PostgreSQL database for one load run: `create URL NAME` prints the new database's
URL; `drop URL NAME` removes it. URL is a server's database whose role may CREATE DATABASE."""
from __future__ import annotations

import re
import sys

import psycopg
from sqlalchemy.engine import make_url


def _connect(url: str) -> psycopg.Connection:
    parsed = make_url(url)
    return psycopg.connect(host=parsed.host or "127.0.0.1", port=parsed.port or 5432, user=parsed.username,
                           password=parsed.password, dbname=parsed.database or "postgres", autocommit=True)


def main(argv: list[str]) -> int:
    command, url, name = argv
    if not re.fullmatch(r"klantreislab_load_[a-z0-9_]+", name):
        raise SystemExit(f"pgdb: refusing database name {name!r}")
    with _connect(url) as connection:
        if command == "create":
            connection.execute(f'CREATE DATABASE "{name}"')
            print(make_url(url).set(drivername="postgresql+psycopg", database=name)
                  .render_as_string(hide_password=False))
        elif command == "drop":
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        else:
            raise SystemExit(f"pgdb: unknown command {command!r} (create, drop)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
