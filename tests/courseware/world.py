"""The world that the authorisation, CSRF, escaping and security-header tests check the site
in: a class A with hand-ins, drafts, a teacher's review and a round of tops en tips, and a class B
with its own teacher and student; plus the site's routes and a URL for each. The fixtures `world`
and `as_role` are in conftest.py."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

from flask import url_for

from courseware.extensions import db
from courseware.gallery.designs import gallery_entries
from courseware.gallery.peer import open_round, tasks_of
from courseware.grading import override, result_for
from courseware.lessons.loader import load_lessons
from courseware.models import ClassAssignment, OwnAssignment, Role
from courseware.models.accounts import utcnow
from courseware.review import reviews

from .journeys import A, hand_in, journey

ROLES = ("anonymous", "student", "other_student", "teacher", "other_teacher", "admin")
OWN = "eigen-opdracht"  # the teacher of class A's own assignment, published to class A


@dataclass
class World:
    admin: object
    teacher: object
    klas: object
    student: object  # of class A: has a draft, two attempts, a review, peer tasks
    classmates: list
    other_teacher: object
    other_klas: object
    other_student: object
    attempt: object  # the student's first attempt
    peer_review_id: int  # one of the student's own tops-en-tips tasks
    labels: list = field(default_factory=list)  # gallery labels of class A

    def user(self, role: str):
        return None if role == "anonymous" else getattr(self, role)

    def params(self, filename: str = "css/site.css") -> dict:
        """A value for every URL parameter of the site, pointing at class A's real objects."""
        return {
            "class_id": self.klas.id, "assignment_id": A, "step": "persona", "number": 1,
            "attempt_id": self.attempt.id, "review_id": self.peer_review_id, "user_id": self.student.id,
            "student_id": self.student.id, "lesson_id": load_lessons()[0].id, "filename": filename,
            "label": self.labels[0],
            "own_id": OWN,
        }

    def query(self, endpoint: str) -> dict:
        """Query arguments a page needs to show more than its error (the designs to compare)."""
        if endpoint == "gallery.compare":
            return {"ontwerp": self.labels[:2]}
        if endpoint == "gallery.present":
            return {"ontwerp": self.labels[:2], "dia": 0}
        return {}


def build_world(make, student_journey: dict | None = None, **names) -> World:
    admin = make.user(Role.ADMIN)
    teacher = make.user(Role.TEACHER, name=names.get("teacher"))
    klas = make.school_class(teacher, name=names.get("klas", "Klas A"))
    student = make.student(klas, name=names.get("student"))
    classmates = [make.student(klas, name=names.get("classmate")) for _ in range(2)]
    first = hand_in(student, student_journey or journey("Kompas"))
    hand_in(student, student_journey or journey("Kompas"))  # a second attempt; the draft stays
    for n, classmate in enumerate(classmates):
        hand_in(classmate, journey(f"Vuurtoren{n}"))
    other_teacher = make.user(Role.TEACHER)
    other_klas = make.school_class(other_teacher, name="Klas B")
    other_student = make.student(other_klas)
    hand_in(other_student, journey("Ruimteschip"))
    # A teacher's review of the student's first attempt, with a level and a comment.
    override(first, "phases", 2, names.get("comment", "Goed begin"), teacher)
    review = reviews.review_of(result_for(first))
    review.comment = names.get("comment", "Goed begin")
    setting = ClassAssignment.get_or_create(klas.id, A)
    setting.gallery_open = True
    db.session.commit()
    _own_assignment(teacher, klas)
    feedback_round = open_round(klas.id, A)
    task = tasks_of(feedback_round, student.id)[0]
    labels = [entry.label for entry in gallery_entries(klas.id, A)]
    return World(admin, teacher, klas, student, classmates, other_teacher, other_klas, other_student,
                 first, task.id, labels)


def _own_assignment(teacher, klas) -> None:
    """The teacher's own assignment (a copy of A), published to class A with a deadline that has
    passed and a model journey its students may see after the deadline."""
    from assignments import to_toml
    from courseware import catalogue
    from courseware.own_assignments.editing import with_id

    text = to_toml(with_id(catalogue.builtin(A), OWN))
    db.session.add(OwnAssignment(slug=OWN, owner_id=teacher.id, toml=text, state="published",
                                 model_journey=json.dumps(journey("Voorbeeld")), model_visibility="after_deadline"))
    setting = ClassAssignment.get_or_create(klas.id, OWN)
    setting.deadline = utcnow() - timedelta(days=1)


def rules_with(app, method: str):
    return sorted((rule for rule in app.url_map.iter_rules() if method in rule.methods),
                  key=lambda rule: rule.endpoint)


def url_of(app, world: World, rule) -> str:
    params = world.params()
    unknown = set(rule.arguments) - set(params)
    assert not unknown, f"{rule.endpoint}: no value for URL parameter(s) {sorted(unknown)}; add it to World.params"
    with app.test_request_context():
        return url_for(rule.endpoint, **{name: params[name] for name in rule.arguments},
                       **world.query(rule.endpoint))


def outcome_of(response) -> object:
    if response.status_code in (301, 302, 303):
        path = urlsplit(response.headers["Location"]).path
        return "login" if path == "/inloggen" else "redirect"
    return response.status_code


def unclassified(app, method: str, table: dict) -> list[str]:
    return sorted({rule.endpoint for rule in rules_with(app, method)} - set(table))
