"""AVG: a student downloads all their own data at /mijn-gegevens (JSON): account, lesson progress,
drafts, kept changes, attempts with reports, released teacher reviews only, and tops en tips
written and (released) received. Nothing of other people."""
from __future__ import annotations

import json

import pytest
from flask import g

from assignments import get_assignment
from courseware.builder import conflicts, drafts
from courseware.builder.handin import hand_in
from courseware.extensions import db
from courseware.grading import override, regrade
from courseware.models import LessonProgress, PendingSave, Review, Role
from courseware.models.accounts import utcnow
from courseware.models.peer import FeedbackRound, PeerReview
from grader import Rubric

A = "open-dag"
OTHER_CONFIG = {"criteria": {"phases": {"weight": 3}, "persona": {}}}
JOURNEY = {
    "format": "klantreis/1", "assignment": A, "title": "De open dag",
    "trigger": "Sanne ziet op Instagram een filmpje over de open dag.",
    "persona": {"name": "Sanne", "age": 16, "description": "Sanne twijfelt over haar keuze.",
                "goals": ["Een opleiding vinden"], "frustrations": ["Lange verhalen"], "quote": "Laat zien!"},
    "phases": [
        {"name": "Oriëntatie", "touchpoints": [
            {"name": "Instagram", "channel": "Instagram", "description": "Sanne ziet een filmpje.", "emotion": 7}]},
        {"name": "Open dag", "touchpoints": [
            {"name": "Ontvangst", "channel": "balie", "description": "Sanne wordt welkom geheten.", "emotion": 9}]},
    ],
}


def seed_student(make, klas, name: str, marker: str):
    """A student with something in every table that can refer to a student. Returns the student
    and their two attempts (the first with a released review, the second with an unreleased one)."""
    student = make.student(klas, name=name)
    assignment = get_assignment(A)
    journey = {**JOURNEY, "trigger": f"{marker}: de trigger van {name}."}
    drafts.save(student, assignment, drafts.normalise(journey, assignment), step="check", loaded_version=None)
    first = hand_in(student, assignment, drafts_of(student))
    drafts.save(student, assignment, drafts.normalise({**journey, "title": f"{marker} twee"}, assignment),
                step="check", loaded_version=None)
    second = hand_in(student, assignment, drafts_of(student))
    teacher = klas.teacher
    criterion = first.report_data["criteria"][0]["id"]
    override(first, criterion, 2, f"{marker}: goed gedaan", teacher)
    override(second, criterion, 1, f"{marker}: GEHEIM nog niet vrijgegeven", teacher)
    db.session.add(Review(attempt_id=first.id, comment=f"{marker}: vrijgegeven opmerking", done_at=utcnow(),
                          done_by=teacher.id, released_at=utcnow()))
    db.session.add(Review(attempt_id=second.id, comment=f"{marker}: GEHEIM concept", done_by=teacher.id))
    regrade(first, Rubric.from_config(OTHER_CONFIG), teacher)
    db.session.add(LessonProgress(user_id=student.id, lesson_id="wat-is-een-klantreis", read_at=utcnow(),
                                  best_score=3, total=4))
    db.session.add(PendingSave(token="x" * 30, user_id=student.id, assignment_id=A, step="trigger",
                               fields=json.dumps([["trigger", f"{marker}: bewaard na verlopen sessie"]]),
                               created_at=utcnow(), expires_at=utcnow()))
    db.session.commit()
    conflicts.keep(student.id, A, "persona", [("name", f"{marker}: conflict")])
    return student, first, second


def drafts_of(student):
    from courseware.models import Draft
    return Draft.find(student.id, A)


def peer_round(klas, released: bool) -> FeedbackRound:
    feedback_round = FeedbackRound(class_id=klas.id, assignment_id=A, released_at=utcnow() if released else None)
    db.session.add(feedback_round)
    db.session.commit()
    return feedback_round


def peer(feedback_round, reviewer, attempt, top: str, tip: str, hidden: bool = False) -> PeerReview:
    review = PeerReview(round_id=feedback_round.id, reviewer_id=reviewer.id, attempt_id=attempt.id, top=top,
                        tip=tip, hidden=hidden, submitted_at=utcnow())
    db.session.add(review)
    db.session.commit()
    return review


def as_user(client, user) -> None:
    g.pop("_login_user", None)
    with client.session_transaction() as session:
        session.clear()
        if user is not None:
            session["_user_id"] = str(user.id)
            session["_fresh"] = True


@pytest.fixture
def world(make):
    teacher = make.user(Role.TEACHER, name="Meester Jansen")
    klas = make.school_class(teacher, name="MBO-1A")
    sanne, s1, s2 = seed_student(make, klas, "Sanne Visser", "SANNE")
    milan, m1, _m2 = seed_student(make, klas, "Milan de Vries", "MILAN")
    released = peer_round(klas, released=True)
    peer(released, sanne, m1, "SANNE schreef deze top", "SANNE schreef deze tip")
    peer(released, milan, s1, "MILAN gaf deze top", "MILAN gaf deze tip")
    peer(released, milan, s2, "VERBORGEN top", "VERBORGEN tip", hidden=True)
    unreleased = peer_round(klas, released=False)
    peer(unreleased, milan, s2, "NOG NIET vrijgegeven top", "NOG NIET vrijgegeven tip")
    return {"teacher": teacher, "klas": klas, "sanne": sanne, "milan": milan, "s1": s1, "s2": s2}


def download(client, user):
    as_user(client, user)
    response = client.get("/mijn-gegevens")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    return response.get_json(), response.get_data(as_text=True)


def test_a_student_downloads_all_their_data(client, world):
    data, raw = download(client, world["sanne"])
    assert data["formaat"] == "klantreislab-gegevens/1"
    account = data["account"]
    assert account["weergavenaam"] == "Sanne Visser" and account["gebruikersnaam"] == world["sanne"].username
    assert account["klas"] == "MBO-1A" and account["aangemaakt_op"]
    assert "password" not in raw and "pbkdf2" not in raw and "wachtwoord" not in json.dumps(account)
    assert data["lessen"][0]["les"] == "wat-is-een-klantreis" and data["lessen"][0]["beste_score"] == 3
    assert len(data["concepten"]) == 1 and data["concepten"][0]["klantreis"]["title"] == "SANNE twee"
    kept = {item["stap"]: item for item in data["niet_bewaarde_wijzigingen"]}
    assert set(kept) == {"trigger", "persona"}
    assert kept["persona"]["velden"] == [["name", "SANNE: conflict"]]

    first, second = data["pogingen"]
    assert (first["nummer"], second["nummer"]) == (1, 2)
    assert first["klantreis"]["trigger"].startswith("SANNE") and first["rapport"]["criteria"]
    assert first["cijfer_grader"] == world["s1"].grade and first["rubric"]["criteria"]
    teacher = first["beoordeling_docent"]
    assert teacher["opmerking"] == "SANNE: vrijgegeven opmerking" and teacher["opnieuw_beoordeeld"] is True
    assert any(level["opmerking_docent"] == "SANNE: goed gedaan" for level in teacher["niveaus"])
    assert second["beoordeling_docent"] is None  # not released yet
    assert "GEHEIM" not in raw

    tops = data["tops_en_tips"]
    assert [(t["top"], t["tip"]) for t in tops["geschreven"]] == [("SANNE schreef deze top", "SANNE schreef deze tip")]
    assert [(t["top"], t["tip"]) for t in tops["ontvangen"]] == [("MILAN gaf deze top", "MILAN gaf deze tip")]
    assert "VERBORGEN" not in raw and "NOG NIET" not in raw


def test_the_download_holds_nothing_of_other_people(client, world):
    _data, raw = download(client, world["sanne"])
    assert "MILAN" not in raw.replace("MILAN gaf deze", "")  # only the tops and tips Sanne received
    assert "Milan" not in raw and world["milan"].username not in raw
    assert "Meester Jansen" not in raw and world["teacher"].username not in raw


def test_each_student_gets_only_their_own_data(client, world):
    data, raw = download(client, world["milan"])
    assert data["account"]["weergavenaam"] == "Milan de Vries"
    assert "SANNE: vrijgegeven" not in raw and "Sanne Visser" not in raw
    assert [t["top"] for t in data["tops_en_tips"]["geschreven"]] == [
        "MILAN gaf deze top", "VERBORGEN top", "NOG NIET vrijgegeven top"]  # what they wrote themselves
    assert [t["top"] for t in data["tops_en_tips"]["ontvangen"]] == ["SANNE schreef deze top"]


def test_a_new_student_gets_an_almost_empty_download(client, make):
    student = make.student()
    data, _raw = download(client, student)
    assert data["pogingen"] == [] and data["concepten"] == [] and data["lessen"] == []
    assert data["tops_en_tips"] == {"geschreven": [], "ontvangen": []}


def test_my_data_needs_a_login(client):
    as_user(client, None)
    response = client.get("/mijn-gegevens")
    assert response.status_code == 302 and "/inloggen" in response.location


def test_staff_get_their_own_account_only(client, world):
    data, raw = download(client, world["teacher"])
    assert data["account"]["weergavenaam"] == "Meester Jansen" and data["pogingen"] == []
    assert "SANNE" not in raw


def test_the_student_start_page_links_to_the_download(client, make):
    as_user(client, make.student())
    page = client.get("/").get_data(as_text=True)
    assert 'href="/mijn-gegevens"' in page and "Download al mijn gegevens" in page
