"""Who may see what: every GET route of the site × six roles, against the table below.

The routes come from app.url_map, so a route added later is checked too. A route missing from
EXPECTED fails the test with a list of what to add. `world` (also used by the CSRF, escaping and
security-header tests) builds a class A with hand-ins, drafts, a teacher's review and a round of
tops en tips, and a class B with its own teacher and student.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from flask import g, url_for

from courseware.extensions import db
from courseware.gallery.designs import gallery_entries
from courseware.gallery.peer import open_round, tasks_of
from courseware.grading import override, result_for
from courseware.lessons.loader import load_lessons
from courseware.models import ClassAssignment, Role
from courseware.review import reviews

from .test_gallery import give, journey

A = "open-dag"
ROLES = ("anonymous", "student", "other_student", "teacher", "other_teacher", "admin")

# Outcomes: 200; "login" = 302 to the login page; "redirect" = 302/303 elsewhere; 403; 404.
# The columns are ROLES: anonymous, student of class A (the one in the URL), student of class B,
# teacher of class A, teacher of class B, admin.
L, R = "login", "redirect"
EVERYONE = ("login", 200, 200, 200, 200, 200)
STUDENT_ONLY = (L, 200, 200, 403, 403, 403)     # a student's own work: the URL names no one
CLASS_A_STAFF = (L, 403, 403, 200, 403, 200)    # teacher pages of class A
EXPECTED: dict[str, tuple] = {
    # endpoint                          anonymous  student  other_st  teacher  other_t  admin
    "static":                           (200,      200,     200,      200,     200,     200),
    "main.index":                       (200,      200,     200,      200,     200,     200),
    "auth.login":                       (200,      R,       R,        R,       R,       R),
    "auth.register":                    (200,      R,       R,        R,       R,       R),
    "auth.change_password":             EVERYONE,
    "auth.my_data":                     EVERYONE,
    "lessons.index":                    EVERYONE,
    "lessons.show":                     EVERYONE,
    "assignments.index":                EVERYONE,
    "assignments.show":                 EVERYONE,
    "builder.start":                    (L,        R,       R,        403,     403,     403),
    "builder.step":                     STUDENT_ONLY,
    "builder.conflict":                 (L,        R,       R,        403,     403,     403),  # none open
    "builder.feedback":                 STUDENT_ONLY,
    "builder.attempts":                 STUDENT_ONLY,
    "builder.attempt":                  STUDENT_ONLY,  # "attempt 1" is always one's own attempt 1
    "builder.map":                      STUDENT_ONLY,
    "builder.download":                 STUDENT_ONLY,
    "builder.upload":                   STUDENT_ONLY,
    "classes.index":                    (L,        403,     403,      200,     200,     200),
    "classes.show":                     CLASS_A_STAFF,
    "classes.reset_password":           CLASS_A_STAFF,
    "classes.remove_student":           CLASS_A_STAFF,
    "class_assignments.settings":       CLASS_A_STAFF,
    "class_assignments.overview":       CLASS_A_STAFF,
    "class_assignments.export_csv":     CLASS_A_STAFF,
    "class_assignments.export_zip":     CLASS_A_STAFF,
    "review.dashboard":                 CLASS_A_STAFF,
    "review.attempt":                   CLASS_A_STAFF,
    "review.queue":                     (L,        403,     403,      R,       403,     R),
    "review.release_all":               CLASS_A_STAFF,
    "gallery.index":                    CLASS_A_STAFF,
    "gallery.compare":                  CLASS_A_STAFF,
    "gallery.present":                  CLASS_A_STAFF,
    "gallery.round":                    CLASS_A_STAFF,
    "gallery.student":                  STUDENT_ONLY,  # class B's gallery is closed: a page that says so
    "gallery.peer_tasks":               STUDENT_ONLY,
    "gallery.peer_received":            STUDENT_ONLY,
    "gallery.peer_write":               (L,        200,     404,      403,     403,     403),  # student's own task
    "admin.index":                      (L,        403,     403,      403,     403,     R),
    "admin.students":                   (L,        403,     403,      403,     403,     200),
    "admin.delete_student":             (L,        403,     403,      403,     403,     200),
}


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
    first = give(student, student_journey or journey("Kompas"))
    give(student, student_journey or journey("Kompas"))  # a second attempt; the draft stays
    for n, classmate in enumerate(classmates):
        give(classmate, journey(f"Vuurtoren{n}"))
    other_teacher = make.user(Role.TEACHER)
    other_klas = make.school_class(other_teacher, name="Klas B")
    other_student = make.student(other_klas)
    give(other_student, journey("Ruimteschip"))
    # A teacher's review of the student's first attempt, with a level and a comment.
    override(first, "phases", 2, names.get("comment", "Goed begin"), teacher)
    review = reviews.review_of(result_for(first))
    review.comment = names.get("comment", "Goed begin")
    setting = ClassAssignment.get_or_create(klas.id, A)
    setting.gallery_open = True
    db.session.commit()
    feedback_round = open_round(klas.id, A)
    task = tasks_of(feedback_round, student.id)[0]
    labels = [entry.label for entry in gallery_entries(klas.id, A)]
    return World(admin, teacher, klas, student, classmates, other_teacher, other_klas, other_student,
                 first, task.id, labels)


@pytest.fixture
def world(make) -> World:
    return build_world(make)


@pytest.fixture
def as_role(client, login, world):
    def do(role: str):
        login(world.user(role))
        g.pop("_login_user", None)

    return do


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


def test_a_new_route_nobody_classified_is_reported(app):
    app.add_url_rule("/nieuw", "nieuw.pagina", lambda: "nieuw", methods=["GET", "POST"])
    assert unclassified(app, "GET", EXPECTED) == ["nieuw.pagina"]


def test_every_get_route_is_in_the_table(app):
    endpoints = {rule.endpoint for rule in rules_with(app, "GET")}
    missing = unclassified(app, "GET", EXPECTED)
    assert not missing, ("GET routes nobody classified; add them to EXPECTED in "
                         f"tests/courseware/test_authorisation.py: {missing}")
    stale = sorted(set(EXPECTED) - endpoints)
    assert not stale, f"EXPECTED names routes that no longer exist: {stale}"
    assert all(len(row) == len(ROLES) for row in EXPECTED.values())


def test_authorisation_matrix(app, client, world, as_role):
    wrong = []
    checked = 0
    for rule in rules_with(app, "GET"):
        expected = EXPECTED.get(rule.endpoint)
        if expected is None:
            wrong.append(f"{rule.endpoint}: not classified in EXPECTED")
            continue
        url = url_of(app, world, rule)
        for role, want in zip(ROLES, expected, strict=False):
            as_role(role)
            got = outcome_of(client.get(url))
            checked += 1
            if got != want:
                wrong.append(f"{rule.endpoint} as {role}: expected {want}, got {got} ({url})")
    assert not wrong, "\n".join(wrong)
    assert checked >= 40 * len(ROLES)


def test_unknown_objects_are_404_for_the_teacher(app, client, world, as_role):
    """The teacher of class A asking for a class, attempt or student that does not exist."""
    as_role("teacher")
    base = f"/klassen/{world.klas.id}/opdrachten/{A}"
    for url in ("/klassen/99999", f"/klassen/99999/opdrachten/{A}/beoordelen",
                f"{base}/beoordelen/99999", f"/klassen/{world.klas.id}/leerlingen/99999/wachtwoord",
                f"/klassen/{world.klas.id}/opdrachten/bestaat-niet/beoordelen"):
        assert client.get(url).status_code == 404, url
    # A student of class B through class A's URLs: hidden as unknown.
    other = world.other_student.id
    assert client.get(f"/klassen/{world.klas.id}/leerlingen/{other}/wachtwoord").status_code == 404
