"""Beheer: admins list students (with a search) and delete all data of one student after typing
the username. Nothing of that student remains in any table; other students keep everything."""
from __future__ import annotations

import pytest
from flask import g
from sqlalchemy import func, select, text

from courseware.extensions import db
from courseware.models import Attempt, Role, User

from .journeys import peer, peer_round, seed_student

LIST = "/beheer/leerlingen"


def delete_url(user) -> str:
    return f"{LIST}/{user.id}/verwijderen"


def references() -> list[tuple[str, str, str]]:
    """(table, column, referred table) for every column that refers to a user or an attempt."""
    found = []
    for table in db.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name in ("users", "attempts"):
                found.append((table.name, fk.parent.name, fk.column.table.name))
    return found


def traces(user_id: int, attempt_ids: list[int]) -> dict[str, int]:
    """How many rows in each table still refer to this user or their attempts."""
    counts = {"users.id": db.session.scalar(select(func.count()).select_from(User).where(User.id == user_id))}
    counts["attempts.user_id"] = db.session.scalar(
        select(func.count()).select_from(Attempt).where(Attempt.user_id == user_id))
    for table, column, referred in references():
        ids = [user_id] if referred == "users" else attempt_ids or [-1]
        placeholders = ", ".join(str(int(i)) for i in ids)
        counts[f"{table}.{column}"] = db.session.execute(
            text(f"SELECT COUNT(*) FROM {table} WHERE {column} IN ({placeholders})")).scalar()
    return counts


def snapshot() -> dict[str, list[tuple]]:
    db.session.expire_all()
    return {table.name: [tuple(row) for row in db.session.execute(text(f"SELECT * FROM {table.name} ORDER BY 1"))]
            for table in db.metadata.sorted_tables}


@pytest.fixture
def admin(make):
    return make.user(Role.ADMIN, name="Beheerder")


@pytest.fixture
def world(make):
    teacher = make.user(Role.TEACHER)
    klas = make.school_class(teacher, name="MBO-2B")
    sanne, s1, s2 = seed_student(make, klas, "Sanne Visser", "SANNE")
    milan, m1, m2 = seed_student(make, klas, "Milan de Vries", "MILAN")
    yara, y1, _y2 = seed_student(make, klas, "Yara El Amrani", "YARA")
    feedback_round = peer_round(klas, released=True)
    peer(feedback_round, sanne, m1, "top van Sanne", "tip van Sanne")  # written by Sanne
    peer(feedback_round, milan, s1, "top voor Sanne", "tip voor Sanne")  # received by Sanne
    peer(feedback_round, yara, m2, "top voor Milan", "tip voor Milan")  # nothing to do with Sanne
    peer(feedback_round, milan, y1, "top voor Yara", "tip voor Yara")
    return {"teacher": teacher, "klas": klas, "sanne": sanne, "milan": milan, "yara": yara,
            "sanne_attempts": [s1.id, s2.id]}


# --------------------------------------------------------------------------- who may


@pytest.mark.parametrize("role", [Role.STUDENT, Role.TEACHER])
def test_only_admins_may_use_beheer(client, make, world, role, login):
    login(make.user(role) if role == Role.TEACHER else world["milan"])
    student = world["sanne"]
    assert client.get(LIST).status_code == 403
    assert client.get("/beheer").status_code == 403
    assert client.get(delete_url(student)).status_code == 403
    response = client.post(delete_url(student), data={"username": student.username})
    assert response.status_code == 403
    assert db.session.get(User, student.id) is not None


def test_visitors_go_to_login(client, world, login):
    login(None)
    for response in (client.get(LIST), client.post(delete_url(world["sanne"]), data={})):
        assert response.status_code == 302 and "/inloggen" in response.location


def test_beheer_is_in_the_admins_menu_only(client, admin, make, login):
    login(admin)
    assert 'href="/beheer/docenten"' in client.get("/").get_data(as_text=True)
    assert f'href="{LIST}"' in client.get("/beheer/docenten").get_data(as_text=True)
    for user in (make.user(Role.TEACHER), make.student()):
        login(user)
        assert 'href="/beheer/' not in client.get("/").get_data(as_text=True)


def test_only_students_can_be_deleted_here(client, admin, world, login):
    login(admin)
    assert client.get(delete_url(world["teacher"])).status_code == 404
    assert client.post(delete_url(admin), data={"username": admin.username}).status_code == 404
    assert client.get(f"{LIST}/99999/verwijderen").status_code == 404


# --------------------------------------------------------------------------- the list


def test_the_list_shows_students_and_searches(client, admin, world, login):
    login(admin)
    page = client.get(LIST).get_data(as_text=True)
    for name in ("Sanne Visser", "Milan de Vries", "Yara El Amrani"):
        assert name in page
    assert "MBO-2B" in page and delete_url(world["sanne"]) in page
    assert world["teacher"].display_name not in page and "Beheerder</td>" not in page
    page = client.get(LIST, query_string={"q": "vries"}).get_data(as_text=True)
    assert "Milan de Vries" in page and "Sanne Visser" not in page
    page = client.get(LIST, query_string={"q": world["yara"].username}).get_data(as_text=True)
    assert "Yara El Amrani" in page and "Milan de Vries" not in page
    page = client.get(LIST, query_string={"q": "%"}).get_data(as_text=True)
    assert "Geen leerling gevonden" in page  # % is text, not a wildcard


def test_search_text_is_escaped(client, admin, make, login):
    make.student(name="<b>Vet</b>")
    login(admin)
    page = client.get(LIST, query_string={"q": "<b>"}).get_data(as_text=True)
    assert "&lt;b&gt;Vet&lt;/b&gt;" in page and "<b>Vet</b>" not in page


# --------------------------------------------------------------------------- deleting


def test_the_confirmation_page_asks_for_the_username(client, admin, world, login):
    login(admin)
    page = client.get(delete_url(world["sanne"])).get_data(as_text=True)
    assert "Sanne Visser" in page and world["sanne"].username in page
    assert 'name="username"' in page and "kan niet ongedaan worden gemaakt" in page


@pytest.mark.parametrize("typed", ["", "iemand-anders"])
def test_a_wrong_or_missing_username_deletes_nothing(client, admin, world, typed, login):
    before = snapshot()
    login(admin)
    response = client.post(delete_url(world["sanne"]), data={"username": typed})
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    assert snapshot() == before


def test_deleting_removes_everything_of_the_student_and_nothing_else(client, admin, world, login):
    sanne = world["sanne"]
    sanne_id, attempt_ids = sanne.id, world["sanne_attempts"]
    before = traces(sanne_id, attempt_ids)
    for table in ("drafts.user_id", "attempts.user_id", "gradings.attempt_id", "reviews.attempt_id",
                  "level_overrides.attempt_id", "lesson_progress.user_id", "pending_saves.user_id",
                  "peer_reviews.reviewer_id", "peer_reviews.attempt_id"):
        assert before[table] > 0, table  # the test data really has something everywhere

    others = {name: traces(world[name].id, [a.id for a in Attempt.for_student(world[name].id, "open-dag")])
              for name in ("milan", "yara")}
    other_rows = {name: _rows_of(world[name].id) for name in ("milan", "yara")}

    login(admin)
    response = client.post(delete_url(sanne), data={"username": sanne.username.upper()})
    assert response.status_code == 302 and response.location.endswith(LIST)
    assert "Alle gegevens van Sanne Visser" in client.get(response.location).get_data(as_text=True)

    db.session.expire_all()
    left = traces(sanne_id, attempt_ids)
    assert left == dict.fromkeys(left, 0), left
    # Tops and tips Sanne wrote (for Milan) or received (from Milan) went with her; nothing else.
    others["milan"]["peer_reviews.reviewer_id"] -= 1
    others["milan"]["peer_reviews.attempt_id"] -= 1
    for name in ("milan", "yara"):
        assert traces(world[name].id, [a.id for a in Attempt.for_student(world[name].id, "open-dag")]) == others[name]
    assert _rows_of(world["yara"].id) == other_rows["yara"]
    milan_before, milan_after = other_rows["milan"], _rows_of(world["milan"].id)
    assert {k: v for k, v in milan_after.items() if k != "peer_reviews"} == \
        {k: v for k, v in milan_before.items() if k != "peer_reviews"}
    assert db.session.get(User, world["teacher"].id) is not None
    assert db.session.execute(text("SELECT COUNT(*) FROM classes")).scalar() == 1


def _rows_of(user_id: int) -> dict[str, list[tuple]]:
    """Every row of this student (and of their attempts), exactly as stored."""
    db.session.expire_all()
    who = {"u": user_id}
    attempt_ids = [a for (a,) in db.session.execute(text("SELECT id FROM attempts WHERE user_id = :u"), who)]
    result = {"users": [tuple(r) for r in db.session.execute(text("SELECT * FROM users WHERE id = :u"), who)]}
    for table, column, referred in references():
        ids = [user_id] if referred == "users" else attempt_ids or [-1]
        placeholders = ", ".join(str(int(i)) for i in ids)
        result[table] = result.get(table, []) + [tuple(r) for r in db.session.execute(
            text(f"SELECT * FROM {table} WHERE {column} IN ({placeholders}) ORDER BY 1"))]
    return result


def test_deleting_needs_csrf(csrf_app, client, admin, world, login):
    login(admin)
    sanne = world["sanne"]
    response = client.post(delete_url(sanne), data={"username": sanne.username})
    assert response.status_code == 400
    assert db.session.get(User, sanne.id) is not None


def test_a_teachers_removal_from_class_keeps_the_account(client, world, login):
    """The teacher's way stays: out of the class, account and work kept."""
    g.pop("_login_user", None)
    login(world["teacher"])
    klas, sanne = world["klas"], world["sanne"]
    response = client.post(f"/klassen/{klas.id}/leerlingen/{sanne.id}/verwijderen")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, sanne.id).class_id is None
    assert len(Attempt.for_student(sanne.id, "open-dag")) == 2
