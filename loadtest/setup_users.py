"""Create the accounts of a load test: classes, one teacher per class and their students.

    DATABASE_URL=... SECRET_KEY=... python loadtest/setup_users.py --classes 10 --students 30 \
        --out /tmp/load/accounts.json

Standalone (not part of the app): it uses create_app() on the database in DATABASE_URL, whose
tables must exist already (`flask --app courseware db upgrade`). Every account gets the same
known password (--password); the password is hashed once and the hash is shared, so creating
300 accounts takes a second instead of 300 scrypt runs. Usernames: `lt-c01-docent` for the
teacher of class 1, `lt-c01-s01` ... for its students. The JSON written to --out lists them
with their class ids; loadtest/locustfile.py reads it (LOAD_ACCOUNTS).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from courseware import create_app
from courseware.extensions import db
from courseware.models import Role, SchoolClass, User

DEFAULT_PASSWORD = "belasting-test-2026"


def create_accounts(classes: int, students: int, password: str) -> dict:
    if db.session.scalar(select(func.count(User.id)).where(User.username.like("lt-%"))):
        raise SystemExit("setup_users: this database has load-test accounts already; use a fresh database.")
    password_hash = generate_password_hash(password, method="scrypt")
    result = {"password": password, "classes": []}
    for c in range(1, classes + 1):
        teacher = User(username=f"lt-c{c:02d}-docent", display_name=f"Docent {c}", role=Role.TEACHER,
                       password_hash=password_hash)
        db.session.add(teacher)
        klas = SchoolClass(name=f"Belastingklas {c}", join_code=f"LT{c:04d}", teacher=teacher)
        db.session.add(klas)
        names = []
        for s in range(1, students + 1):
            username = f"lt-c{c:02d}-s{s:02d}"
            db.session.add(User(username=username, display_name=f"Leerling {c}.{s}", role=Role.STUDENT,
                                password_hash=password_hash, school_class=klas))
            names.append(username)
        db.session.flush()
        result["classes"].append({"id": klas.id, "teacher": teacher.username, "students": names})
    db.session.commit()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--classes", type=int, default=1)
    parser.add_argument("--students", type=int, default=30, help="students per class")
    parser.add_argument("--password", default=DEFAULT_PASSWORD)
    parser.add_argument("--out", required=True, help="where to write the accounts (JSON)")
    args = parser.parse_args(argv)
    app = create_app()
    with app.app_context():
        accounts = create_accounts(args.classes, args.students, args.password)
        accounts["database"] = db.engine.url.render_as_string(hide_password=True)
    Path(args.out).write_text(json.dumps(accounts, indent=1), encoding="utf-8")
    total = sum(len(k["students"]) + 1 for k in accounts["classes"])
    print(f"setup_users: {len(accounts['classes'])} class(es), {total} accounts in {accounts['database']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
