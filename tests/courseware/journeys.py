"""Sample journeys and helpers that many site tests share: handing in, saving a draft, reading a
page's text. A plain module (no tests, no fixtures); fixtures live in conftest.py."""
from __future__ import annotations

import copy
import json
import re
from html import unescape

from courseware.builder import conflicts, handin, journey_data, store
from courseware.catalogue import get_assignment  # built-in or a teacher's own
from courseware.class_assignments.rubric_settings import initial_data
from courseware.extensions import db
from courseware.grading import override, regrade, rubric_for_class
from courseware.models import Attempt, ClassAssignment, Draft, LessonProgress, PendingSave, Review, Role
from courseware.models.accounts import utcnow
from courseware.models.peer import FeedbackRound, PeerReview
from grader import Rubric

A = "open-dag"
OTHER_CONFIG = {"criteria": {"phases": {"weight": 3}, "persona": {}}}  # a class's own rubric
XSS = "<script>alert('xss')</script>"
FIVE_STAGES = ("awareness", "consideration", "purchase", "experience", "after_sales")

# A small journey for "open-dag": three phases of one touchpoint, one moment of truth.
JOURNEY = {
    "trigger": "Sanne ziet op Instagram een filmpje over de open dag van het ROC.",
    "persona": {"name": "Sanne", "goals": ["Een opleiding vinden die past"], "frustrations": ["Wachten"]},
    "phases": [
        {"name": "Oriëntatie", "touchpoints": [
            {"name": "Instagram", "channel": "Instagram", "description": "Sanne ziet een filmpje.", "emotion": 7}]},
        {"name": "Open dag", "touchpoints": [
            {"name": "Ontvangst", "channel": "balie", "description": "Sanne wordt welkom geheten.", "emotion": 9,
             "moment_of_truth": True, "moment_of_truth_reason": "Hier voelt Sanne of ze welkom is."}]},
        {"name": "Nazorg", "touchpoints": [
            {"name": "Bedankmail", "channel": "mail", "description": "Sanne krijgt een mail.", "emotion": 8}]},
    ],
}
NO_AFTER_SALES = {**JOURNEY, "phases": JOURNEY["phases"][:2]}  # after_sales level 0
SHORT_JOURNEY = {**JOURNEY, "phases": JOURNEY["phases"][:1]}

# A complete, good journey for "open-dag" in the file format: every field of the persona, four
# phases, five touchpoints.
FULL_JOURNEY = {
    "format": "klantreis/1", "assignment": A, "title": "De open dag",
    "trigger": "Sanne ziet op Instagram een filmpje over de open dag van het ROC.",
    "persona": {"name": "Sanne", "age": 16, "description": "Sanne zit in vmbo-4 en twijfelt over haar keuze.",
                "goals": ["Een opleiding vinden die bij haar past"],
                "frustrations": ["Lange verhalen zonder voorbeelden"], "quote": "Ik wil zien hoe het echt is."},
    "phases": [
        {"name": "Oriëntatie", "touchpoints": [
            {"name": "Instagram", "channel": "Instagram", "description": "Sanne ziet een filmpje van studenten.",
             "emotion": 7},
            {"name": "Website", "channel": "website", "description": "Sanne zoekt de tijden van de open dag op.",
             "emotion": 5}]},
        {"name": "Aanmelden", "touchpoints": [
            {"name": "Formulier", "channel": "website", "description": "Sanne meldt zich aan voor de open dag.",
             "emotion": 6}]},
        {"name": "Open dag", "touchpoints": [
            {"name": "Ontvangst", "channel": "balie", "description": "Sanne wordt bij de ingang welkom geheten.",
             "emotion": 9, "moment_of_truth": True,
             "moment_of_truth_reason": "Hier voelt Sanne meteen of ze zich welkom voelt op deze school."}]},
        {"name": "Nazorg", "touchpoints": [
            {"name": "Bedankmail", "channel": "mail",
             "description": "Sanne krijgt een mail met een link naar de aanmelding.", "emotion": 8}]},
    ],
}


def journey(marker: str, stages=FIVE_STAGES, assignment: str = A, touchpoint: str | None = None) -> dict:
    """A journey whose phase names start with `marker`; `stages` are chosen explicitly (None: left
    for the recogniser). The third phase has a moment of truth."""
    phases = []
    for k, stage in enumerate(stages):
        phases.append({"name": f"{marker} {k + 1}", "stage": stage, "description": "", "touchpoints": [{
            "name": touchpoint or f"{marker} contact {k + 1}", "channel": "website",
            "description": "De klant doet hier iets.", "emotion": 4 + k,
            "moment_of_truth": k == 2, "moment_of_truth_reason": "Hier beslist de klant." if k == 2 else "",
        }]})
    return {"format": "klantreis/1", "assignment": assignment, "title": f"Reis {marker}",
            "trigger": "Sanne ziet een filmpje over de open dag.",
            "persona": {"name": "Sanne", "age": 16, "description": "Sanne twijfelt.", "goals": ["Kiezen"],
                        "frustrations": ["Wachten"], "quote": "Ik wil het zien."},
            "phases": phases}


def save_draft(student, value: dict = JOURNEY, assignment: str = A) -> Draft:
    """The student's draft becomes `value`, as the builder saves it."""
    item = get_assignment(assignment)
    return store.save(student, item, journey_data.normalise(copy.deepcopy(value), item), step="check",
                       loaded_version=None).draft


# A journey whose third phase is a close call between two stages (tests/grader/test_stage_sequence.py):
# the grader names both ("doubt").
CLOSE_CALL = {"title": "Lesuitval", "phases": [
    {"name": "Bewustwording", "touchpoints": [{"name": "Poster", "description": "Sanne ziet een poster.",
                                               "channel": "poster"}]},
    {"name": "Vergelijken", "touchpoints": [{"name": "Site", "description": "Ze vergelijkt twee scholen.",
                                             "channel": "website"}]},
    {"name": "Uitzoeken wat er aan de hand is", "touchpoints": [
        {"name": "Rooster bekijken", "description": "Daan kijkt in de app.", "channel": "app"}]},
    {"name": "Eerste lesdag", "touchpoints": [{"name": "Les", "description": "Sanne zit in de klas.",
                                               "channel": "lokaal"}]},
    {"name": "Nazorg", "touchpoints": [{"name": "Mail", "description": "Hoe was het?", "channel": "e-mail"}]}]}


def hand_in(student, value: dict = JOURNEY, assignment: str = A) -> Attempt:
    """The student's draft becomes `value` and is handed in as their next attempt."""
    return handin.hand_in(student, get_assignment(assignment), save_draft(student, value, assignment))


def text_of(response) -> str:
    """The page's HTML with entities decoded."""
    return unescape(response.get_data(as_text=True))


def plain(response) -> str:
    """The page's visible words: tags removed, whitespace collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


def class_with_hand_ins(make, names: tuple[str, ...], markers: tuple[str, ...]) -> dict:
    """A teacher's class whose students (`names`) handed in a journey each (`markers`), plus one
    who did not ("idle"), and another teacher's class with one hand-in ("outsider")."""
    teacher = make.user(Role.TEACHER, name="Meneer Jansen")
    klas = make.school_class(teacher, name="MV2A")
    students = [make.student(klas, name=name) for name in names]
    for student, marker in zip(students, markers, strict=True):
        hand_in(student, journey(marker))
    idle = make.student(klas, name="Zeno Zwart")
    other_teacher = make.user(Role.TEACHER, name="Mevrouw Pietersen")
    other_klas = make.school_class(other_teacher, name="RT1B")
    outsider = make.student(other_klas, name="Otto Anders")
    hand_in(outsider, journey("Ruimteschip"))
    return {"teacher": teacher, "klas": klas, "students": students, "idle": idle,
            "other_teacher": other_teacher, "other_klas": other_klas, "outsider": outsider}


# --------------------------------------------------------------------------- a student's data everywhere


def seed_student(make, klas, name: str, marker: str):
    """A student of `klas` with something in every table that can refer to a student. Returns the student
    and their two attempts (the first with a released review, the second with an unreleased one)."""
    student = make.student(klas, name=name)
    journey = {**JOURNEY, "trigger": f"{marker}: de trigger van {name}."}
    first = hand_in(student, journey)
    second = hand_in(student, {**journey, "title": f"{marker} twee"})
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


# --------------------------------------------------------------------------- a class's settings


def settings_data(klas, **changes) -> dict:
    """The settings form as the browser posts it now (prefilled values), with `changes`."""
    rubric = rubric_for_class(klas.id, get_assignment(A))
    data = {"deadline_date": "", "deadline_time": "", "save": "Opslaan"}
    for cid, entry in initial_data(rubric, get_assignment(A)).items():
        for key, value in entry.items():
            if key == "enabled":
                if value:
                    data[f"{cid}-enabled"] = "y"
            else:
                data[f"{cid}-{key}"] = value
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def post_settings(client, klas, **changes):
    return client.post(f"/klassen/{klas.id}/opdrachten/{A}/instellingen", data=settings_data(klas, **changes))


def set_mode(klas, mode: str, assignment: str = A) -> None:
    """Group work for the class's assignment: "individual", "duo" or "trio"."""
    ClassAssignment.get_or_create(klas.id, assignment).group_mode = mode
    db.session.commit()


def class_in_duos(make):
    """A class that does the assignment in duos; a fixture body:
    `klas = pytest.fixture(name="klas")(class_in_duos)`."""
    klas = make.school_class()
    set_mode(klas, "duo")
    return klas
