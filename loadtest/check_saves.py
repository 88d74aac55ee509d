"""After a load run: is every student's last confirmed save in the database? (No lost saves.)

    DATABASE_URL=... SECRET_KEY=... python loadtest/check_saves.py /tmp/load/expected.json [--json out.json]

Reads the record loadtest/locustfile.py wrote (LOAD_EXPECTED): per student and per field, the
last value the server confirmed ("acked") and the values sent after that without an answer
("pending": cut off by the end of the run, or answered with an error; the server may or may not
have stored them). A field is lost when the draft in the database holds neither. Exit code 1
when anything is lost.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select

from courseware import create_app
from courseware.extensions import db
from courseware.models import Draft, User

MISSING = object()


def lookup(data, path: str):
    value = data
    for part in path.split("/"):
        key = int(part) if part.isdecimal() else part
        try:
            value = value[key]
        except (KeyError, IndexError, TypeError):
            return MISSING
    return value


def check(expected: dict) -> dict:
    assignment = expected["assignment"]
    students = expected["students"]
    drafts = dict(db.session.execute(
            select(User.username, Draft).join(Draft, Draft.user_id == User.id)
            .where(Draft.assignment_id == assignment, User.username.in_(list(students)))
        ).all())
    lost, checked_fields, students_checked, confirmed_saves, failed_saves = [], 0, 0, 0, 0
    for username, record in sorted(students.items()):
        confirmed_saves += record["saves"]["ok"]
        failed_saves += record["saves"]["failed"]
        draft = drafts.get(username)
        data = draft.journey_data if draft is not None else {}
        any_checked = False
        for path, entry in sorted(record["fields"].items()):
            allowed = entry["acked"] + entry["pending"]
            if not entry["acked"]:
                continue  # never confirmed: nothing the student was told was saved
            checked_fields += 1
            any_checked = True
            found = lookup(data, path)
            if found is MISSING or found not in allowed:
                lost.append({"student": username, "field": path, "expected": allowed,
                             "found": None if found is MISSING else found})
        students_checked += any_checked
    return {"students": len(students), "students_checked": students_checked, "fields_checked": checked_fields,
            "confirmed_saves": confirmed_saves, "failed_saves": failed_saves,
            "lost_fields": len(lost), "students_with_lost_saves": len({item["student"] for item in lost}),
            "lost": lost[:50]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("expected")
    parser.add_argument("--json", help="also write the result here")
    args = parser.parse_args(argv)
    expected = json.loads(Path(args.expected).read_text(encoding="utf-8"))
    app = create_app()
    with app.app_context():
        result = check(expected)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"check_saves: {result['students_checked']} of {result['students']} students, "
          f"{result['fields_checked']} fields, {result['confirmed_saves']} confirmed saves "
          f"({result['failed_saves']} failed): {result['lost_fields']} field(s) lost "
          f"for {result['students_with_lost_saves']} student(s)")
    for item in result["lost"][:10]:
        print(f"  LOST {item['student']} {item['field']}: expected one of {item['expected']!r}, "
              f"found {item['found']!r}")
    return 1 if result["lost_fields"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
