"""The to-do on both Start pages (courseware.todo): what is in each list, "Nieuw" until the student
opens a released review, and a number of SQL statements that does not grow with the students."""
from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import event

from assignments.writing import to_toml
from courseware import catalogue
from courseware.extensions import db
from courseware.gallery.peer import open_round
from courseware.models import ClassAssignment, OwnAssignment, Review, Role
from courseware.models.accounts import utcnow
from courseware.models.own_assignments import PUBLISHED
from courseware.own_assignments.editing import with_id
from courseware.todo import student_todo, teacher_todo

from .journeys import A, class_with_hand_ins, hand_in, journey, plain, save_draft

L = "lesuitval"


def setup_class(make):
    world = class_with_hand_ins(make, ("Anna", "Bram", "Cas"), ("Kompas", "Vuurtoren", "Anker"))
    anna, bram, _cas = world["students"]
    # Bram's hand-in is reviewed but not released; Anna's is released.
    db.session.add(Review(attempt_id=_latest(bram).id, done_at=utcnow(), done_by=world["teacher"].id))
    db.session.add(Review(attempt_id=_latest(anna).id, done_at=utcnow(), done_by=world["teacher"].id,
                          released_at=utcnow(), comment="Mooi werk"))
    setting = ClassAssignment.get_or_create(world["klas"].id, L)
    setting.deadline = utcnow() + timedelta(days=3)
    far = ClassAssignment.get_or_create(world["klas"].id, "examenuitslag")
    far.deadline = utcnow() + timedelta(days=30)
    db.session.commit()
    hand_in(anna, journey("Lesuitval", assignment=L), assignment=L)
    return world


def _latest(student):
    from courseware.models import Attempt

    return db.session.scalars(db.select(Attempt).where(Attempt.user_id == student.id, Attempt.assignment_id == A)
                              .order_by(Attempt.number.desc())).first()


def test_the_teachers_todo(make):
    world = setup_class(make)
    todo = teacher_todo(world["teacher"])
    assert [(i.class_name, i.assignment.id, i.count) for i in todo.to_review] == [("MV2A", L, 1), ("MV2A", A, 1)]
    assert [(i.class_name, i.assignment.id, i.count) for i in todo.to_release] == [("MV2A", A, 1)]
    assert todo.rounds == []
    # Only the deadline within 7 days; 3 of the 4 students have not handed in "lesuitval".
    assert [(d.assignment.id, d.not_handed_in) for d in todo.deadlines] == [(L, 3)]
    open_round(world["klas"].id, A)
    assert [(r.assignment.id, r.is_open) for r in teacher_todo(world["teacher"]).rounds] == [(A, True)]
    # A co-teacher sees the same; the other class's teacher only their own class.
    colleague = make.user(Role.TEACHER)
    world["klas"].teachers.append(colleague)
    db.session.commit()
    assert teacher_todo(colleague).to_review == teacher_todo(world["teacher"]).to_review
    other = teacher_todo(world["other_teacher"])
    assert [(i.class_name, i.count) for i in other.to_review] == [("RT1B", 1)] and not other.deadlines


def test_the_teachers_start_page_links_into_the_review_queue(client, make, login):
    world = setup_class(make)
    login(world["teacher"])
    html = client.get("/").get_data(as_text=True)
    klas = world["klas"].id
    assert f'href="/klassen/{klas}/opdrachten/{A}/beoordelen/volgende"' in html
    assert f'href="/klassen/{klas}/opdrachten/{L}/beoordelen/volgende"' in html
    page = plain(client.get("/"))
    assert "Deadlines in de komende 7 dagen" in page and "3 leerlingen hebben nog niet ingeleverd" in page
    assert "Nagekeken, nog niet vrijgegeven" in page


def test_a_deadline_everyone_met_says_so_instead_of_0_students(client, make, login):
    world = class_with_hand_ins(make, ("Anna",), ("Kompas",))
    hand_in(world["idle"], journey("Anker"))
    setting = ClassAssignment.get_or_create(world["klas"].id, A)
    setting.deadline = utcnow() + timedelta(days=2)
    db.session.commit()
    assert [(d.assignment.id, d.not_handed_in) for d in teacher_todo(world["teacher"]).deadlines] == [(A, 0)]
    login(world["teacher"])
    page = plain(client.get("/"))
    assert "iedereen heeft ingeleverd" in page and "0 leerlingen" not in page


def test_the_students_todo_and_the_new_mark(client, make, login):
    world = setup_class(make)
    anna, _bram, cas = world["students"]
    save_draft(cas, journey("Concept", assignment=L), assignment=L)
    todo = student_todo(cas)
    by_id = {a.id: s for a, s in todo.open_assignments}
    assert by_id[L].state == "concept" and by_id[L].deadline is not None
    assert todo.open_assignments[0][0].id == L  # the nearest deadline first
    assert by_id[A].state == "ingeleverd"

    login(anna)
    page = plain(client.get("/"))
    assert "Nagekeken door je docent" in page and "Nieuw" in page
    assert A not in {a.id for a, _s in student_todo(anna).open_assignments}  # released: done
    client.get(f"/opdrachten/{A}/pogingen/1")  # she opens it
    db.session.expire_all()
    assert "Nieuw" not in plain(client.get("/"))
    assert not student_todo(anna).new_count
    # A change by the teacher after that is new again.
    review = db.session.scalars(db.select(Review).where(Review.released_at.is_not(None))).one()
    review.comment = "Nog een tip"
    db.session.commit()
    assert student_todo(anna).new_count == 1


def test_the_students_todo_shows_tasks_and_the_gallery(client, make, login):
    world = setup_class(make)
    anna = world["students"][0]
    setting = ClassAssignment.get_or_create(world["klas"].id, A)
    setting.gallery_open = True
    db.session.commit()
    open_round(world["klas"].id, A)
    todo = student_todo(anna)
    assert [a.id for a in todo.galleries] == [A]
    assert todo.tasks and todo.tasks[0][0].id == A and todo.tasks[0][1] >= 1
    login(anna)
    html = client.get("/").get_data(as_text=True)
    assert f'href="/opdrachten/{A}/galerij"' in html and f'href="/opdrachten/{A}/tops-en-tips"' in html


# --------------------------------------------------------------------------- no query per student


@contextmanager
def counting():
    statements = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def grow(make, klas, students: int) -> None:
    for n in range(students):
        student = make.student(klas, name=f"Extra {n}")
        hand_in(student, journey(f"Extra{n}"))
        hand_in(student, journey(f"Extra{n}", assignment=L), assignment=L)


def start_page_statements(client, login, user) -> int:
    """How many SQL statements `user`'s Start page costs, with nothing cached."""
    db.session.expire_all()
    login(user)
    with counting() as statements:
        assert client.get("/").status_code == 200
    return len(statements)


def test_the_start_pages_do_not_query_per_student(client, make, login):
    world = setup_class(make)
    teacher, klas, anna = world["teacher"], world["klas"], world["students"][0]

    before = (start_page_statements(client, login, teacher), start_page_statements(client, login, anna))
    grow(make, klas, 6)
    after = (start_page_statements(client, login, teacher), start_page_statements(client, login, anna))
    assert before == after, (before, after)


def test_the_start_pages_do_not_query_per_own_assignment(client, make, login):
    """A teacher's own assignments, published to the class with hand-ins and deadlines, are looked
    up once per list, not once per row."""
    world = setup_class(make)
    teacher, klas, anna = world["teacher"], world["klas"], world["students"][0]

    def publish_own(n: int) -> None:
        slug = f"eigen-{n}"
        db.session.add(OwnAssignment(slug=slug, owner_id=teacher.id, state=PUBLISHED,
                                     toml=to_toml(with_id(catalogue.builtin(A), slug))))
        ClassAssignment.get_or_create(klas.id, slug).deadline = utcnow() + timedelta(days=2)
        db.session.commit()
        for student in world["students"]:
            hand_in(student, journey(f"Eigen {n}", assignment=slug), assignment=slug)

    publish_own(0)
    one = (start_page_statements(client, login, teacher), start_page_statements(client, login, anna))
    for n in range(1, 4):
        publish_own(n)
    four = (start_page_statements(client, login, teacher), start_page_statements(client, login, anna))
    assert one == four, (one, four)
