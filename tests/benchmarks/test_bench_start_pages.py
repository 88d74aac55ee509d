"""The Start pages over a seeded school (`make bench`; docs/performance.md): a teacher with 8
classes of 30 students and 10 assignments (the six built-in ones and four of the teacher's own,
published to every class), every student with a hand-in for each, a third of them reviewed, a
deadline this week for every class and assignment, and an open tops-en-tips round per class.
Also records how many SQL statements each page takes (the same for 30 or 240 students:
tests/courseware/test_todo.py asserts that)."""
from __future__ import annotations

import pytest
from sqlalchemy import event, insert
from werkzeug.security import generate_password_hash

from assignments import load_assignments
from assignments.writing import to_toml
from courseware.extensions import db
from courseware.models import Attempt, ClassAssignment, OwnAssignment, Review, Role, SchoolClass, User
from courseware.models.accounts import utcnow
from courseware.models.own_assignments import PUBLISHED
from courseware.models.peer import FeedbackRound
from courseware.own_assignments.editing import with_id
from tests.courseware.journeys import hand_in, journey

pytestmark = pytest.mark.slow

CLASSES, STUDENTS, OWN = 8, 30, 4


def seed_school(make) -> tuple[User, User]:
    """(the teacher, one of the students)."""
    from datetime import timedelta

    teacher = make.user(Role.TEACHER, name="Docent Benchmark")
    builtin = list(load_assignments().values())
    for n in range(OWN):  # the teacher's own assignments: copies of built-in ones, published below
        db.session.add(OwnAssignment(slug=f"eigen-{n}", owner_id=teacher.id, state=PUBLISHED,
                                     toml=to_toml(with_id(builtin[n], f"eigen-{n}"))))
    db.session.commit()
    assignment_ids = [a.id for a in builtin] + [f"eigen-{n}" for n in range(OWN)]
    # One real graded hand-in per assignment, copied for every student.
    model = make.student(make.school_class(make.user(Role.TEACHER)))
    templates = {a.id: hand_in(model, journey("Bench", assignment=a.id), assignment=a.id) for a in builtin}
    templates.update({f"eigen-{n}": templates[builtin[n].id] for n in range(OWN)})  # the same grading
    password = generate_password_hash("geheim-wachtwoord", method="pbkdf2:sha256:1000")
    student = None
    for c in range(CLASSES):
        klas = make.school_class(teacher, name=f"Klas {c + 1}")
        db.session.execute(insert(User.__table__), [
            {"username": f"bench{c}-{s}", "display_name": f"Leerling {c}-{s}", "password_hash": password,
             "role": Role.STUDENT.value, "class_id": klas.id, "session_generation": 0, "active": True}
            for s in range(STUDENTS)])
        ids = db.session.scalars(db.select(User.id).where(User.class_id == klas.id)).all()
        rows = [{"user_id": uid, "assignment_id": aid, "number": 1, "journey": t.journey, "report": t.report,
                 "grade": t.grade, "rubric_version": t.rubric_version, "rubric": t.rubric}
                for uid in ids for aid, t in templates.items()]
        db.session.execute(insert(Attempt.__table__), rows)
        attempts = db.session.scalars(db.select(Attempt.id).join(User).where(User.class_id == klas.id)).all()
        db.session.execute(insert(Review.__table__), [
            {"attempt_id": aid, "comment": "", "done_at": utcnow(), "released_at": utcnow() if n % 2 else None}
            for n, aid in enumerate(attempts[::3])])
        for aid in assignment_ids:
            setting = ClassAssignment.get_or_create(klas.id, aid)
            setting.deadline = utcnow() + timedelta(days=3)
        db.session.add(FeedbackRound(class_id=klas.id, assignment_id=assignment_ids[0]))
        db.session.commit()
        student = student or db.session.get(User, ids[0])
    return teacher, student


def count_statements(client, path="/") -> int:
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    return len(statements)


@pytest.mark.parametrize("who", ["teacher", "student"])
def test_start_page(benchmark, make, client, login, who):
    teacher, student = seed_school(make)
    assert db.session.scalar(db.select(db.func.count()).select_from(SchoolClass)) == CLASSES + 1
    login(teacher if who == "teacher" else student)
    benchmark.extra_info["statements"] = count_statements(client)
    benchmark.extra_info["students"] = CLASSES * STUDENTS
    benchmark.extra_info["assignments"] = len(load_assignments()) + OWN
    response = benchmark(client.get, "/")
    assert response.status_code == 200
    if who == "teacher":
        assert "Wat moet ik doen?" in response.get_data(as_text=True)
