"""XSS and spreadsheet formulas: what students type is shown escaped everywhere, and the CSV
export neutralises formulas.

Every text field a student types (persona, trigger, title, phases and touchpoints with their
reasons, pains, gains and services, tops and tips, the display name at registration) gets a
script tag, an attribute breakout with an <img onerror>, and a spreadsheet formula. Then every
page of the site is fetched as every role (the routes come from app.url_map, as in the
authorisation matrix), plus the pages that need query arguments to show students' work (names in
the gallery, a heat-map cell's list, every slide of the presentation, every builder step).
"""
from __future__ import annotations

import csv
import io
import re

import pytest
from flask import g, url_for
from sqlalchemy import select

from assignments import BUILDER_STEPS, get_assignment
from courseware.extensions import db
from courseware.gallery.designs import gallery_entries
from courseware.gallery.peer import release_round, tasks_of
from courseware.models import FeedbackRound, PeerReview, User

from .journeys import A, hand_in
from .world import ROLES, World, build_world, rules_with, url_of

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
FORMULA = '=HYPERLINK("http://x","klik")'
EVIL = FORMULA + SCRIPT + BREAKOUT  # 84 characters: fits every name field (120)
SHORT_EVIL = BREAKOUT + SCRIPT  # 55: fits the channel (80)
UNESCAPED = ("<script>alert", "<img src=x")
STAGES = ("awareness", "consideration", "purchase", "experience", "after_sales")


def evil_journey() -> dict:
    phases = []
    for k, stage in enumerate(STAGES):
        phases.append({"name": f"{EVIL} {k}", "stage": stage, "description": EVIL, "touchpoints": [{
            "name": EVIL, "channel": SHORT_EVIL, "description": EVIL, "emotion": 3 + k,
            "pain": EVIL, "gain": EVIL, "service": EVIL,
            "moment_of_truth": k in (1, 3), "moment_of_truth_reason": EVIL if k in (1, 3) else "",
            "desired_situation": EVIL, "desired_emotion": 8, "source": "interview",
        }]})
    return {"format": "klantreis/1", "assignment": A, "title": EVIL, "trigger": EVIL,
            "persona": {"name": EVIL, "age": 16, "description": EVIL, "goals": [EVIL, EVIL],
                        "frustrations": [EVIL], "quote": EVIL,
                        "empathy_map": {key: [EVIL] for key in ("says", "thinks", "does", "feels", "pains", "gains")}},
            "phases": phases}


def forget() -> None:
    g.pop("_login_user", None)


@pytest.fixture
def evil_world(app, client, make, login) -> World:
    world = build_world(make, student_journey=evil_journey(), teacher=FORMULA, klas="Klas A",
                        student=SCRIPT, classmate=BREAKOUT)
    # Display names typed at registration, each hand in the same journey.
    registered = []
    for n, name in enumerate((SCRIPT, BREAKOUT, FORMULA, SCRIPT + FORMULA[:10])):
        login(None)
        response = client.post("/registreren", data={
            "join_code": world.klas.join_code, "display_name": name, "username": f"nieuw{n}",
            "password": "geheim-wachtwoord", "password_again": "geheim-wachtwoord"})
        assert response.status_code == 302, response.text
        user = db.session.scalar(select(User).where(User.username == f"nieuw{n}"))
        assert user.display_name == name
        hand_in(user, evil_journey())
        registered.append(user)
    # Tops and tips, typed by every student of the round, then released to the authors.
    feedback_round = FeedbackRound.current(world.klas.id, A)
    for reviewer in [world.student, *world.classmates]:
        login(reviewer)
        for task in tasks_of(feedback_round, reviewer.id):
            response = client.post(f"/opdrachten/{A}/tops-en-tips/{task.id}", data={"top": EVIL, "tip": EVIL})
            assert response.status_code == 302, response.text
    assert all(review.top == EVIL for review in db.session.scalars(select(PeerReview)))
    release_round(feedback_round)
    db.session.commit()
    # Gallery labels, the designs with the payloads first (the classmates' journeys are plain).
    evil_authors = {world.student.id, *(user.id for user in registered)}
    entries = gallery_entries(world.klas.id, A)
    world.labels = [e.label for e in entries if e.author_id in evil_authors] + \
        [e.label for e in entries if e.author_id not in evil_authors]
    login(None)
    return world


def unescaped(html: str) -> list[str]:
    return [marker for marker in UNESCAPED if marker in html]


def extra_urls(app, world: World) -> list[tuple[str, str]]:
    """(role, url) of the pages that show students' work only with query arguments."""
    klas, labels = world.klas.id, world.labels
    with app.test_request_context():
        urls = [("student", url_for("builder.step", assignment_id=A, step=step)) for step in BUILDER_STEPS]
        urls += [("student", url_for("builder.attempt", assignment_id=A, number=2))]
        for names in ({}, {"namen": 1}):
            urls.append(("teacher", url_for("gallery.index", class_id=klas, assignment_id=A, **names)))
            urls.append(("teacher", url_for("gallery.compare", class_id=klas, assignment_id=A,
                                            ontwerp=labels[:4], **names)))
            for dia in range(5):
                urls.append(("teacher", url_for("gallery.present", class_id=klas, assignment_id=A,
                                                ontwerp=labels[:4], dia=dia, **names)))
        for criterion in (item.id for item in get_assignment(A).rubric.items):  # the heat map's lists
            for level in range(4):
                urls.append(("teacher", url_for("class_assignments.overview", class_id=klas, assignment_id=A,
                                                criterium=criterion, niveau=level)))
        urls.append(("teacher", url_for("review.dashboard", class_id=klas, assignment_id=A, filter="na-te-kijken")))
        for user in db.session.scalars(select(User).where(User.class_id == klas)):
            urls.append(("teacher", url_for("classes.reset_password", class_id=klas, student_id=user.id)))
        from courseware.models import Attempt
        for attempt in db.session.scalars(select(Attempt)):
            if attempt.user.class_id == klas:
                urls.append(("teacher", url_for("review.attempt", class_id=klas, assignment_id=A,
                                                attempt_id=attempt.id)))
        for review in db.session.scalars(select(PeerReview)):
            urls.append(("reviewer", url_for("gallery.peer_write", assignment_id=A, review_id=review.id)
                         + f"#{review.reviewer_id}"))
        urls.append(("admin", url_for("admin.students", q="script")))
    return urls


def test_nothing_a_student_typed_is_shown_unescaped(app, client, login, evil_world):
    world = evil_world
    problems: list[str] = []
    shown = 0
    visits = [(role, url_of(app, world, rule)) for rule in rules_with(app, "GET") for role in ROLES]
    visits += extra_urls(app, world)
    for role, url in visits:
        if role == "reviewer":
            url, reviewer_id = url.split("#")
            login(db.session.get(User, int(reviewer_id)))
        else:
            login(world.user(role))
        response = client.get(url)
        forget()
        if response.mimetype != "text/html":
            continue
        html = response.text
        shown += html.count("&lt;script&gt;alert")
        problems += [f"{url} as {role}: unescaped {marker!r}" for marker in unescaped(html)]
    assert not problems, "\n".join(sorted(set(problems)))
    assert shown > 200  # the payloads really were on the pages, escaped


def test_pages_that_show_student_text_show_it_escaped(app, client, login, evil_world):
    """A few pages checked for the escaped text itself, so the test above cannot pass on empty pages."""
    world = evil_world
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    login(world.student)
    for url in (f"/opdrachten/{A}/kaart", f"/opdrachten/{A}/feedback", f"/opdrachten/{A}/pogingen/1",
                f"/opdrachten/{A}/ontvangen-tops-en-tips", f"/opdrachten/{A}/galerij"):
        html = client.get(url).text
        assert escaped in html, url
    login(world.teacher)
    base = f"/klassen/{world.klas.id}/opdrachten/{A}"
    two = "ontwerp={}&ontwerp={}".format(*world.labels[:2])
    for url in (f"{base}/beoordelen", f"{base}/beoordelen/{world.attempt.id}", f"{base}/galerij?namen=1",
                f"{base}/galerij/vergelijk?{two}", f"{base}/galerij/presentatie?{two}",
                f"{base}/tops-en-tips", f"/klassen/{world.klas.id}"):
        html = client.get(url).text
        assert escaped in html, url
        assert unescaped(html) == [], url


def test_the_grade_sheet_neutralises_formulas(app, client, login, evil_world):
    login(evil_world.teacher)
    response = client.get(f"/klassen/{evil_world.klas.id}/opdrachten/{A}/cijfers.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"), newline=""), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    formulas = [cell for cell in cells if "HYPERLINK" in cell]
    assert formulas, "the display names with a formula are in the sheet"
    for cell in cells:
        if cell[:1] in ("=", "+", "@", "\t", "\r"):
            pytest.fail(f"a cell that a spreadsheet runs as a formula: {cell!r}")
        if cell.startswith("-") and not re.fullmatch(r"-?\d+([.,]\d+)?|-+", cell):
            pytest.fail(f"a cell that a spreadsheet runs as a formula: {cell!r}")
    assert all(cell.startswith("'=") for cell in formulas if cell.lstrip("'").startswith("="))
    assert any(cell == "'" + FORMULA for cell in formulas)
