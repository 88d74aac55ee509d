"""Who may see what: every GET route of the site × six roles, against the table below.

The routes come from app.url_map, so a route added later is checked too. A route missing from
EXPECTED fails the test with a list of what to add. The `world` fixture (tests/courseware/world.py,
also used by the CSRF, escaping and security-header tests) has a class A with hand-ins, drafts, a
teacher's review and a round of tops en tips, and a class B with its own teacher and student.
Class A also has a co-teacher and a deactivated teacher, checked against the columns they must
equal (teacher and anonymous).
"""
from __future__ import annotations

import pytest

from courseware import groups
from courseware.extensions import db
from courseware.models import ClassAssignment

from .journeys import A, hand_in, journey, save_draft, text_of
from .world import ROLES, outcome_of, rules_with, unclassified, url_of

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
    "builder.group":                    STUDENT_ONLY,  # one's own group (or none) for the assignment
    "classes.index":                    (L,        403,     403,      200,     200,     200),
    "classes.show":                     CLASS_A_STAFF,
    "classes.reset_password":           CLASS_A_STAFF,
    "classes.remove_student":           CLASS_A_STAFF,
    "class_assignments.settings":       CLASS_A_STAFF,
    "class_assignments.overview":       CLASS_A_STAFF,
    "class_assignments.groups_page":    CLASS_A_STAFF,
    "class_assignments.export_csv":     CLASS_A_STAFF,
    "class_assignments.export_zip":     CLASS_A_STAFF,
    "review.dashboard":                 CLASS_A_STAFF,
    "review.attempt":                   CLASS_A_STAFF,
    "review.queue":                     (L,        403,     403,      R,       403,     R),
    "review.release_all":               CLASS_A_STAFF,
    # The world's attempt is individual work: no individuele correctie (404); a group's hand-in:
    # test_group_review.py::test_only_the_classes_teachers_open_a_correction.
    "review.correction":                (L,        403,     403,      404,     403,     404),
    "gallery.index":                    CLASS_A_STAFF,
    "gallery.compare":                  CLASS_A_STAFF,
    "gallery.present":                  CLASS_A_STAFF,
    "gallery.round":                    CLASS_A_STAFF,
    "gallery.student":                  STUDENT_ONLY,  # class B's gallery is closed: a page that says so
    "gallery.student_design":           (L,        200,     R,        403,     403,     403),  # B: closed
    "gallery.peer_tasks":               STUDENT_ONLY,
    "gallery.peer_received":            STUDENT_ONLY,
    "gallery.peer_write":               (L,        200,     404,      403,     403,     403),  # student's own task
    "admin.index":                      (L,        403,     403,      403,     403,     R),
    "admin.students":                   (L,        403,     403,      403,     403,     200),
    "admin.teachers":                   (L,        403,     403,      403,     403,     200),
    "admin.delete_student":             (L,        403,     403,      403,     403,     200),
    "admin.teacher_password":           (L,        403,     403,      403,     403,     200),  # asks to confirm
    # A teacher's own assignment ("own_id"): its owner (teacher of class A) and admins only.
    "own_assignments.index":            (L,        403,     403,      200,     200,     200),
    "own_assignments.new":              (L,        403,     403,      200,     200,     200),
    "own_assignments.show":             (L,        403,     403,      200,     403,     200),
    "own_assignments.edit":             (L,        403,     403,      200,     403,     200),
    "own_assignments.preview":          (L,        403,     403,      200,     403,     200),
    "own_assignments.preview_step":     (L,        403,     403,      200,     403,     200),
    "own_assignments.export":           (L,        403,     403,      200,     403,     200),
    # Students of class A after the deadline (published to their class); not class B.
    "own_assignments.model_journey_page": (L,      200,     403,      200,     403,     200),
}


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


@pytest.mark.parametrize(("role", "same_as"), [("co_teacher", "teacher"), ("deactivated_teacher", "anonymous")])
def test_co_teachers_and_deactivated_teachers(app, client, world, as_role, role, same_as):
    """A co-teacher of class A gets exactly what its first teacher gets (sees and reviews everything
    in the class); a deactivated teacher of class A gets exactly what a visitor gets (nothing).
    A teacher's own assignment belongs to the teacher who made it, not to the class: there a
    co-teacher is another teacher (the class pages of it, once published, are the class's)."""
    wrong = []
    for rule in rules_with(app, "GET"):
        url = url_of(app, world, rule)
        as_role(role)
        got = outcome_of(client.get(url))
        like = "other_teacher" if role == "co_teacher" and rule.endpoint.startswith("own_assignments.") else same_as
        want = EXPECTED[rule.endpoint][ROLES.index(like)]
        if got != want:
            wrong.append(f"{rule.endpoint} as {role}: expected {want}, got {got} ({url})")
    assert not wrong, "\n".join(wrong)


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


def test_group_members_other_groups_and_former_members(app, client, world, make, login):
    """Group work in class A (trio): a member opens, edits and hands in the group's draft and sees
    its hand-ins; a student of another group in the same class sees none of it (the builder's URLs
    name no one, so they get their own group's work, and the group's attempt numbers are 404); a
    former member sees the hand-ins from their time, and their own copy instead of the group's draft."""
    ClassAssignment.get_or_create(world.klas.id, A).group_mode = "trio"
    db.session.commit()
    member, partner, former = (make.student(world.klas) for _ in range(3))
    other_group_student, other_partner = make.student(world.klas), make.student(world.klas)
    group = groups.create_group(world.klas.id, A, [member, partner, former])
    other_group = groups.create_group(world.klas.id, A, [other_group_student, other_partner])
    save_draft(other_partner, journey("Eiland"))
    hand_in(partner, journey("Samen"))  # attempt 1 of the group, with `former` in it
    groups.leave(former, group)
    save_draft(member, journey("Daarna"))
    base = f"/opdrachten/{A}"

    login(member)
    assert "Daarna 1" in text_of(client.get(f"{base}/bouwen/phases"))
    assert client.get(f"{base}/pogingen/1").status_code == 200
    version = groups.draft_for(member, A).version
    answer = client.post(f"{base}/bouwen/trigger/opslaan", data={"version": str(version), "trigger": "Van het lid."})
    assert answer.status_code == 200 and answer.get_json()["ok"]
    db.session.expire_all()
    assert groups.draft_for(partner, A).journey_data["trigger"] == "Van het lid."
    handed = client.post(f"{base}/inleveren", data={"version": str(version + 1)})
    assert handed.status_code == 302 and handed.location.endswith(f"{base}/pogingen/2")

    login(other_group_student)
    page = text_of(client.get(f"{base}/bouwen/phases"))
    assert "Eiland 1" in page and "Daarna" not in page and "Samen" not in page
    for number in (1, 2):
        assert client.get(f"{base}/pogingen/{number}").status_code == 404
    own_version = groups.draft_for(other_group_student, A).version
    client.post(f"{base}/bouwen/trigger/opslaan", data={"version": str(own_version), "trigger": "Van buiten."})
    db.session.expire_all()
    assert groups.draft_for(member, A).journey_data["trigger"] == "Van het lid."
    assert groups.draft_for(other_partner, A).journey_data["trigger"] == "Van buiten."
    assert groups.draft_for(other_partner, A).group_id == other_group.id

    login(former)
    assert client.get(f"{base}/pogingen/1").status_code == 200
    assert client.get(f"{base}/pogingen/2").status_code == 404
    page = text_of(client.get(f"{base}/bouwen/phases"))
    assert "Samen 1" in page and "Daarna" not in page
    client.post(f"{base}/bouwen/trigger/opslaan",
                data={"version": str(groups.draft_for(former, A).version), "trigger": "Alleen verder."})
    db.session.expire_all()
    assert groups.draft_for(member, A).journey_data["trigger"] == "Van het lid."
    assert groups.draft_for(former, A).group_id is None
