"""`flask seed-demo`: a fresh site with a class and hand-ins of mixed quality."""
from sqlalchemy import func, select

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
    assert len(grades) == 4 and grades[0] < 5.5 and grades[-1] >= 8.5, grades
    assert db.session.scalar(select(func.count(Draft.id))) == 5


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
