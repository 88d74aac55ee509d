"""Helpers of the review tests (the teacher's side and what the student sees of it)."""
from __future__ import annotations

from types import SimpleNamespace

from courseware import groups
from courseware.extensions import db
from courseware.grading import result_for
from courseware.models import ClassAssignment, Role
from grader import Report

from .journeys import A, hand_in, journey

CRITERION = "phases"


def class_with_one_hand_in(make) -> tuple:
    """(teacher, class, student, attempt): a teacher with a class; one student in it handed in."""
    teacher = make.user(Role.TEACHER, name="Mevrouw De Boer")
    klas = make.school_class(teacher, name="MV2A")
    student = make.student(klas, name="Cas")
    return teacher, klas, student, hand_in(student)


def base(klas, assignment: str = A) -> str:
    return f"/klassen/{klas.id}/opdrachten/{assignment}/beoordelen"


def attempt_url(klas, attempt) -> str:
    return f"{base(klas)}/{attempt.id}"


def grader_level(attempt, criterion: str = CRITERION) -> int:
    return Report.from_dict(attempt.report_data).criterion(criterion).level


def other_level(level: int) -> int:
    return 3 if level < 3 else 2


def current_form(attempt, action: str = "save", **changes) -> dict:
    """The review form as the page shows it now, with `changes` on top."""
    db.session.expire_all()
    result = result_for(attempt)
    data = {"comment": result.review.comment if result.review else "", "action": action}
    if result.review is not None and result.review.is_done:
        data["done"] = "y"
    for c in result.final.criteria:
        newest = result.overrides.get(c.id)
        data[f"level_{c.id}"] = str(c.level)
        data[f"comment_{c.id}"] = newest.comment if newest else ""
    data.update({key: str(value) for key, value in changes.items()})
    if changes.get("done") is False:
        del data["done"]
    return data


def class_with_a_duo(make) -> SimpleNamespace:
    """A class doing A in duos: Anna and Bram are a group whose hand-in Bram made, Cas works alone
    and handed in too, Dirk has not handed in. Plus a teacher of another class."""
    teacher = make.user(Role.TEACHER, name="Mevrouw De Boer")
    klas = make.school_class(teacher, name="MV2A")
    ClassAssignment.get_or_create(klas.id, A).group_mode = "duo"
    db.session.commit()
    anna, bram, cas, dirk = (make.student(klas, name=name) for name in ("Anna", "Bram", "Cas", "Dirk"))
    group = groups.create_group(klas.id, A, [anna, bram])
    attempt = hand_in(bram, journey("Duo"))
    alone = hand_in(cas, journey("Alleen"))
    return SimpleNamespace(teacher=teacher, klas=klas, anna=anna, bram=bram, cas=cas, dirk=dirk, group=group,
                           attempt=attempt, alone=alone, other_teacher=make.user(Role.TEACHER))


def correction_url(klas, attempt, student) -> str:
    return f"{attempt_url(klas, attempt)}/correctie/{student.id}"
