"""`flask seed-demo`: a fresh site with a class and hand-ins of mixed quality."""
from sqlalchemy import func, select

from courseware import groups
from courseware.extensions import db
from courseware.models import Attempt, Draft, Role, SchoolClass, User


def test_seed_demo_makes_a_class_with_mixed_work(runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "klascode KRS2AB" in result.output and "docent" in result.output and "welkom-student" in result.output

    klas = db.session.scalar(select(SchoolClass))
    assert klas.join_code == "KRS2AB" and klas.teacher.role == Role.TEACHER
    assert len(klas.students) == 6
    grades = sorted(a.grade for a in db.session.scalars(select(Attempt)))
    assert len(grades) == 5 and grades[0] < 5.5 and grades[-1] >= 8.5, grades
    assert db.session.scalar(select(func.count(Draft.id))) == 6  # five own drafts and the duo's


def test_the_demo_has_a_duo_that_handed_in_once(runner):
    runner.invoke(args=["seed-demo"])
    sanne, luca = (db.session.scalar(select(User).where(User.username == name)) for name in ("sanne", "luca"))
    assert groups.group_mode(sanne.class_id, "lesuitval") == "duo"
    group = groups.group_of(sanne, "lesuitval")
    assert group is not None and groups.group_of(luca, "lesuitval").id == group.id
    draft = groups.draft_for(sanne, "lesuitval")
    assert draft.group_id == group.id and draft.saver.display_name == "Luca"
    [attempt] = groups.visible_attempts(sanne, "lesuitval")
    assert attempt.group_id == group.id and attempt.user_id == luca.id
    assert groups.visible_attempts(luca, "lesuitval") == [attempt]


def test_the_demo_journey_without_after_sales_misses_it(runner):
    runner.invoke(args=["seed-demo"])
    zoe = db.session.scalar(select(User).where(User.username == "zoe"))
    attempt = db.session.scalar(select(Attempt).where(Attempt.user_id == zoe.id))
    levels = {c["id"]: c["level"] for c in attempt.report_data["criteria"]}
    assert levels["after_sales"] == 0


def test_seed_demo_if_empty_leaves_an_existing_site_alone(runner, make):
    make.user(Role.TEACHER)
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert result.exit_code == 0 and "geen demodata" in result.output
    assert db.session.scalar(select(func.count(User.id))) == 1


def test_seed_demo_refuses_a_database_with_users(runner, make):
    make.user(Role.TEACHER)
    assert runner.invoke(args=["seed-demo"]).exit_code != 0


def test_demo_logins_work(client, runner):
    runner.invoke(args=["seed-demo"])
    response = client.post("/inloggen", data={"username": "sanne", "password": "welkom-student"})
    assert response.status_code == 302
