"""Demo data for a fresh install: a teacher, a class, students and hand-ins of mixed quality.

`flask --app courseware seed-demo` (run by `make run`) calls seed(); the logins it creates are
listed in the README.
"""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from importlib import resources

from sqlalchemy import func, select

from .. import catalogue, groups
from ..builder.handin import hand_in
from ..builder.journey_data import normalise
from ..builder.store import save
from ..extensions import db
from ..models import ClassAssignment, LessonProgress, Role, SchoolClass, User
from ..models.accounts import utcnow

CLASS_NAME = "Klas 2A Retail"
JOIN_CODE = "KRS2AB"
TEACHER = ("docent", "Mevrouw De Boer", "welkom-docent")
ADMIN = ("beheer", "Beheerder", "welkom-beheer")
STUDENT_PASSWORD = "welkom-student"


@dataclass(frozen=True)
class DemoStudent:
    username: str
    display_name: str
    work: str  # which demo journey, and what happened to it


STUDENTS = (
    DemoStudent("sanne", "Sanne", "eerste-lesdag-sterk"),
    DemoStudent("luca", "Luca", "eerste-lesdag-zwak"),
    DemoStudent("zoe", "Zoë", "eerste-lesdag-zonder-nazorg"),
    DemoStudent("daan", "Daan", "eerste-lesdag-concept"),
    DemoStudent("noa", "Noa", "lesuitval-sterk"),
    DemoStudent("sem", "Sem", ""),
)
# Group work: the class does "lesuitval" in duos; Sanne and Luca are a duo that built one journey
# together (Sanne started, Luca saved last) and handed it in once. Noa did it alone before.
DUO_ASSIGNMENT = "lesuitval"
DUO = ("sanne", "luca")


def _journey(name: str) -> dict:
    raw = resources.files("courseware").joinpath(f"demo/{name}.journey.json").read_text("utf-8")
    return json.loads(raw)


def _work(kind: str) -> tuple[dict, bool] | None:
    """The journey for a demo student and whether it is handed in (False: a draft only)."""
    if not kind:
        return None
    if kind == "eerste-lesdag-zonder-nazorg":  # the classic miss: no after-sales phase
        data = copy.deepcopy(_journey("eerste-lesdag-sterk"))
        data["phases"] = data["phases"][:-1]
        return data, True
    if kind == "eerste-lesdag-concept":  # halfway through the builder
        data = copy.deepcopy(_journey("eerste-lesdag-sterk"))
        data["phases"] = data["phases"][:2]
        return data, False
    return _journey(kind), True


def _user(username: str, name: str, password: str, role: Role, school_class: SchoolClass | None = None) -> User:
    user = User(username=username, display_name=name, role=role, school_class=school_class)
    user.set_password(password)
    db.session.add(user)
    return user


def is_empty() -> bool:
    return not db.session.scalar(select(func.count(User.id)))


def seed() -> list[tuple[str, str, str]]:
    """Create the demo data; returns (role, username, password) for every login made."""
    teacher = _user(*TEACHER, Role.TEACHER)
    _user(*ADMIN, Role.ADMIN)
    klas = SchoolClass(name=CLASS_NAME, join_code=JOIN_CODE, teacher=teacher)
    db.session.add(klas)
    students = [_user(s.username, s.display_name, STUDENT_PASSWORD, Role.STUDENT, klas) for s in STUDENTS]
    db.session.commit()

    for student, demo in zip(students, STUDENTS, strict=False):
        work = _work(demo.work)
        if work is None:
            continue
        data, handed_in = work
        assignment = catalogue.builtin(data["assignment"])
        draft = save(student, assignment, normalise(data, assignment), step="check", loaded_version=None).draft
        if handed_in:
            hand_in(student, assignment, draft)
        for lesson_id in ("klantreis-outside-in", "doelgroep-en-persona", "fasen-van-de-klantreis"):
            db.session.add(LessonProgress(user_id=student.id, lesson_id=lesson_id, read_at=utcnow(),
                                          best_score=3, total=4, passed_at=utcnow()))
    db.session.commit()
    _seed_duo(klas, {student.username: student for student in students})
    logins = [("docent", TEACHER[0], TEACHER[2]), ("beheerder", ADMIN[0], ADMIN[2])]
    logins += [("student", s.username, STUDENT_PASSWORD) for s in STUDENTS]
    return logins


def _seed_duo(klas: SchoolClass, by_username: dict[str, User]) -> None:
    """The duo: group mode, the group, its shared draft (two saves) and one hand-in."""
    ClassAssignment.get_or_create(klas.id, DUO_ASSIGNMENT).group_mode = "duo"
    db.session.commit()
    first, second = (by_username[name] for name in DUO)
    groups.create_group(klas.id, DUO_ASSIGNMENT, [first, second])
    assignment = catalogue.builtin(DUO_ASSIGNMENT)
    data = copy.deepcopy(_journey("lesuitval-sterk"))
    data["phases"] = data["phases"][:2]
    save(first, assignment, normalise(copy.deepcopy(data), assignment), step="touchpoints", loaded_version=None)
    data = copy.deepcopy(_journey("lesuitval-sterk"))
    data["phases"] = data["phases"][:4]
    draft = save(second, assignment, normalise(data, assignment), step="check", loaded_version=None).draft
    hand_in(second, assignment, draft)
