"""Co-teachers: a class can have more than one teacher. A teacher adds a colleague by username on
the class page and can take a co-teacher off (never the last one). Every teacher of a class sees
and reviews everything in it; a deactivated teacher teaches nothing. `taught_classes` agrees with
`User.teaches`."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from courseware.extensions import db
from courseware.models import LevelOverride, Review, Role, SchoolClass
from courseware.teaching import taught_classes

from .reviewing import attempt_url, class_with_one_hand_in, current_form, grader_level, other_level


def add_url(klas) -> str:
    return f"/klassen/{klas.id}/docenten"


def remove_url(klas, teacher) -> str:
    return f"/klassen/{klas.id}/docenten/{teacher.id}/weghalen"


def test_a_new_class_has_its_maker_as_teacher(client, make, login):
    teacher = make.user(Role.TEACHER)
    login(teacher)
    client.post("/klassen", data={"name": "Retail 2B"})
    klas = db.session.scalars(select(SchoolClass).where(SchoolClass.name == "Retail 2B")).one()
    assert [t.id for t in klas.teachers] == [teacher.id] and teacher.teaches(klas)


def test_a_teacher_adds_a_colleague_who_then_reviews_everything(client, make, login):
    teacher, klas, student, attempt = class_with_one_hand_in(make)
    colleague = make.user(Role.TEACHER, name="Meneer Bakker")
    login(colleague)
    assert client.get(f"/klassen/{klas.id}").status_code == 403
    login(teacher)
    response = client.post(add_url(klas), data={"username": colleague.username.upper()}, follow_redirects=True)
    assert "Meneer Bakker is nu ook docent van MV2A" in response.get_data(as_text=True)
    db.session.expire_all()
    assert colleague.teaches(klas)

    login(colleague)
    page = client.get(f"/klassen/{klas.id}").get_data(as_text=True)
    assert student.display_name in page and "Mevrouw De Boer" in page
    assert client.get(attempt_url(klas, attempt)).status_code == 200
    level = other_level(grader_level(attempt))
    response = client.post(attempt_url(klas, attempt), data=current_form(
        attempt, level_phases=level, comment_phases="Zo is het beter.", done="y"))
    assert response.status_code in (302, 303)
    review = db.session.scalars(select(Review).where(Review.attempt_id == attempt.id)).one()
    assert review.is_done
    override = db.session.scalars(select(LevelOverride).where(LevelOverride.attempt_id == attempt.id)).one()
    assert (override.level, override.teacher_id) == (level, colleague.id)
    assert klas in db.session.scalars(taught_classes(colleague)).all()


@pytest.mark.parametrize(("who", "message"), [
    ("nobody", "Er is geen account met deze gebruikersnaam"),
    ("student", "is geen docent"),
    ("self", "is al docent van deze klas"),
    ("deactivated", "staat uit"),
])
def test_adding_a_colleague_says_what_is_wrong(client, make, login, who, message):
    teacher, klas, student, _attempt = class_with_one_hand_in(make)
    deactivated = make.user(Role.TEACHER)
    deactivated.deactivate()
    db.session.commit()
    username = {"nobody": "bestaat-niet", "student": student.username, "self": teacher.username,
                "deactivated": deactivated.username}[who]
    login(teacher)
    response = client.post(add_url(klas), data={"username": username})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page and f'value="{username}"' in page
    db.session.expire_all()
    assert [t.id for t in db.session.get(SchoolClass, klas.id).teachers] == [teacher.id]


def test_a_co_teacher_can_be_removed_but_not_the_last_teacher(client, make, login):
    teacher, klas, _student, _attempt = class_with_one_hand_in(make)
    colleague = make.user(Role.TEACHER)
    klas.teachers.append(colleague)
    db.session.commit()
    login(colleague)
    client.post(remove_url(klas, teacher))
    db.session.expire_all()
    assert not teacher.teaches(klas) and colleague.teaches(klas)
    page = client.post(remove_url(klas, colleague), follow_redirects=True).get_data(as_text=True)
    assert "minstens één docent" in page
    db.session.expire_all()
    assert colleague.teaches(klas)
    assert client.post(remove_url(klas, teacher)).status_code == 404  # not a teacher of it any more


def test_another_teacher_cannot_add_or_remove(client, make, login):
    teacher, klas, _student, _attempt = class_with_one_hand_in(make)
    outsider = make.user(Role.TEACHER)
    login(outsider)
    assert client.post(add_url(klas), data={"username": outsider.username}).status_code == 403
    assert client.post(remove_url(klas, teacher)).status_code == 403
    db.session.expire_all()
    assert [t.id for t in db.session.get(SchoolClass, klas.id).teachers] == [teacher.id]


def test_a_deactivated_teacher_teaches_nothing(make):
    teacher, klas, _student, _attempt = class_with_one_hand_in(make)
    admin = make.user(Role.ADMIN)
    other = make.school_class(make.user(Role.TEACHER))
    assert teacher.teaches(klas) and db.session.scalars(taught_classes(teacher)).all() == [klas]
    assert set(db.session.scalars(taught_classes(admin))) == {klas, other}
    teacher.deactivate()
    db.session.commit()
    assert not teacher.teaches(klas) and db.session.scalars(taught_classes(teacher)).all() == []
    assert teacher in klas.teachers  # the class and its data stay
    assert db.session.scalars(taught_classes(make.student(klas))).all() == []


def test_the_class_page_title_is_the_class_name(client, make, login):
    teacher = make.user(Role.TEACHER)
    klas = make.school_class(teacher, name="Klas 3C")
    login(teacher)
    html = client.get(f"/klassen/{klas.id}").get_data(as_text=True)
    assert "<title>Klas 3C · Klantreislab</title>" in html
    assert html.count('id="docenten-kop"') == 1
