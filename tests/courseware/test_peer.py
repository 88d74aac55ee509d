"""Tops en tips: who reviews whom (never yourself, two each, everybody gets two), rounds the teacher
opens, closes and releases, writing with Dutch messages that keep the text, reading only after
release and never who wrote it, hiding comments, who may see what, escaping and CSRF."""
from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta
from html import unescape

import pytest
from flask import g
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from courseware.extensions import db
from courseware.gallery.peer import review_pairs
from courseware.models import Attempt, FeedbackRound, PeerReview, Role, User
from courseware.todo import RECEIVED_SHOWN

from .journeys import XSS, A, class_with_hand_ins, hand_in, journey, plain, text_of

NAMES = ("Fenna Visser", "Milan de Vries", "Yara El Amrani", "Bram Smit")
MARKERS = ("Kompas", "Vuurtoren", "Zeilboot", "Windmolen")
TOP = "De persona is heel duidelijk beschreven."
TIP = "Voeg een fase toe na de open dag, bijvoorbeeld een mail."
PRAISE_ONLY = ("Zeg wat je precies bedoelt. Noem een fase, een contactmoment of de persona, en zeg waarom. "
               "Alleen ‘goed’ of ‘mooi’ helpt je klasgenoot niet.")


# --------------------------------------------------------------------------- who reviews whom


def check_pairs(ids: list[int], pairs: list[tuple[int, int]]) -> None:
    n = len(set(ids))
    given_by = Counter(reviewer for reviewer, _ in pairs)
    received = Counter(author for _, author in pairs)
    assert all(reviewer != author for reviewer, author in pairs), "never your own"
    assert len(set(pairs)) == len(pairs), "no task twice"
    assert set(given_by) <= set(ids) and set(received) <= set(ids)
    if n < 2:
        assert pairs == []
    elif n == 2:
        assert sorted(pairs) == sorted([(ids[0], ids[1]), (ids[1], ids[0])])
    else:
        assert all(given_by[i] == 2 for i in ids), "everybody reviews two others"
        assert all(received[i] == 2 for i in ids), "everybody gets exactly two"


@pytest.mark.parametrize("n", range(0, 32))
def test_review_pairs_for_every_class_size(app, n):
    ids = [100 + 7 * k for k in range(n)]
    check_pairs(ids, review_pairs(ids, "1"))


# review_pairs only reads the app's secret: one app for every example is fine.
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ids=st.lists(st.integers(min_value=1, max_value=10**6), unique=True, max_size=40),
       seed=st.text(max_size=12))
def test_review_pairs_property(app, ids, seed):
    check_pairs(ids, review_pairs(ids, seed))


def test_review_pairs_are_stable_and_shuffled(app):
    ids = list(range(1, 21))
    assert review_pairs(ids, "7") == review_pairs(list(reversed(ids)), "7")
    assert review_pairs(ids, "7") != review_pairs(ids, "8")  # a new round: a new circle
    assert review_pairs(ids, "7") != [(i, i % 20 + 1) for i in ids for _ in (1, 2)]


# --------------------------------------------------------------------------- fixtures and helpers


@pytest.fixture
def setup(make):
    return class_with_hand_ins(make, NAMES, MARKERS)


def teacher_base(klas, assignment: str = A) -> str:
    return f"/klassen/{klas.id}/opdrachten/{assignment}/tops-en-tips"


STUDENT_BASE = f"/opdrachten/{A}/tops-en-tips"
RECEIVED = f"/opdrachten/{A}/ontvangen-tops-en-tips"


def open_round(client, setup, login):
    login(setup["teacher"])
    response = client.post(teacher_base(setup["klas"]) + "/openen")
    assert response.status_code == 302
    return FeedbackRound.current(setup["klas"].id, A)


def tasks(reviewer) -> list[PeerReview]:
    db.session.expire_all()
    return list(db.session.scalars(select(PeerReview).where(PeerReview.reviewer_id == reviewer.id)
                                   .order_by(PeerReview.id)))


def author_of(review: PeerReview) -> int:
    return db.session.get(Attempt, review.attempt_id).user_id


def write(client, review, top=TOP, tip=TIP):
    return client.post(f"{STUDENT_BASE}/{review.id}", data={"top": top, "tip": tip})


def error_of(html: str, field_id: str) -> str:
    match = re.search(rf'<p class="error" id="{field_id}-error">(.*?)</p>', html, re.S)
    return unescape(match.group(1).strip()) if match else ""


def textarea(html: str, field_id: str) -> str:
    match = re.search(rf'<textarea[^>]*id="{field_id}"[^>]*>(.*?)</textarea>', html, re.S)
    assert match, field_id
    return match.group(1)


def everybody_writes(client, setup, login, top=TOP, tip=TIP) -> list[PeerReview]:
    written = []
    for student in setup["students"]:
        login(student)
        for review in tasks(student):
            assert write(client, review, top, tip).status_code == 302
            written.append(review)
    return written


# --------------------------------------------------------------------------- opening a round


def test_opening_a_round_gives_everybody_with_a_hand_in_two_classmates(client, setup, login):
    current = open_round(client, setup, login)
    assert current is not None and current.is_open and not current.is_released
    ids = {s.id for s in setup["students"]}
    received = Counter()
    for student in setup["students"]:
        mine = tasks(student)
        assert len(mine) == 2
        authors = {author_of(r) for r in mine}
        assert len(authors) == 2 and student.id not in authors and authors <= ids
        received.update(authors)
    assert set(received.values()) == {2}
    assert tasks(setup["idle"]) == [] and tasks(setup["outsider"]) == []
    # the task is on the author's newest hand-in
    for student in setup["students"]:
        for review in tasks(student):
            author = author_of(review)
            assert review.attempt_id == Attempt.for_student(author, A)[-1].id


def test_two_students_review_each_other(client, make, login):
    teacher = make.user(Role.TEACHER)
    klas = make.school_class(teacher)
    one, two = make.student(klas), make.student(klas)
    hand_in(one, journey("Een"))
    hand_in(two, journey("Twee"))
    login(teacher)
    client.post(teacher_base(klas) + "/openen")
    assert [author_of(r) for r in tasks(one)] == [two.id]
    assert [author_of(r) for r in tasks(two)] == [one.id]


def test_no_round_with_fewer_than_two_hand_ins(client, make, login):
    teacher = make.user(Role.TEACHER)
    klas = make.school_class(teacher)
    hand_in(make.student(klas), journey("Alleen"))
    make.student(klas)
    login(teacher)
    response = client.post(teacher_base(klas) + "/openen", follow_redirects=True)
    assert ("Tops en tips kan pas als minstens twee leerlingen of groepen hun klantreis hebben ingeleverd. "
            "Nu is dat 1.") in text_of(response)
    assert FeedbackRound.current(klas.id, A) is None
    assert db.session.scalar(select(PeerReview.id)) is None


def test_only_one_open_round_at_a_time(client, setup, login):
    first = open_round(client, setup, login)
    response = client.post(teacher_base(setup["klas"]) + "/openen", follow_redirects=True)
    assert "Er is al een ronde open. Sluit die eerst." in text_of(response)
    assert FeedbackRound.current(setup["klas"].id, A).id == first.id
    client.post(teacher_base(setup["klas"]) + "/sluiten")
    client.post(teacher_base(setup["klas"]) + "/openen")
    db.session.expire_all()
    second = FeedbackRound.current(setup["klas"].id, A)
    assert second.id != first.id and second.is_open
    login(setup["students"][0])
    page = text_of(client.get(STUDENT_BASE))
    assert "Top en tip schrijven" in page  # the new round's tasks, not the closed ones


# --------------------------------------------------------------------------- who may see what


def teacher_requests(setup, review_id: int = 1) -> list[tuple[str, str, dict]]:
    b = teacher_base(setup["klas"])
    return [("GET", b, {}), ("POST", b + "/openen", {}), ("POST", b + "/sluiten", {}),
            ("POST", b + "/vrijgeven", {}), ("POST", f"{b}/{review_id}/verbergen", {"state": "1"})]


def student_requests(review_id: int) -> list[tuple[str, str, dict]]:
    return [("GET", STUDENT_BASE, {}), ("GET", f"{STUDENT_BASE}/{review_id}", {}),
            ("POST", f"{STUDENT_BASE}/{review_id}", {"top": TOP, "tip": TIP}), ("GET", RECEIVED, {})]


def test_visitors_are_sent_to_login(client, setup, login):
    open_round(client, setup, login)
    review = tasks(setup["students"][0])[0]
    login(None)
    for method, url, data in teacher_requests(setup, review.id) + student_requests(review.id):
        response = client.open(url, method=method, data=data)
        assert response.status_code == 302 and response.location.startswith("/inloggen"), url


def test_students_and_other_teachers_may_not_use_teacher_routes(client, setup, login):
    current = open_round(client, setup, login)
    review = tasks(setup["students"][0])[0]
    for user in (setup["students"][0], setup["outsider"], setup["other_teacher"]):
        login(user)
        for method, url, data in teacher_requests(setup, review.id):
            assert client.open(url, method=method, data=data).status_code == 403, (user.display_name, url)
    db.session.expire_all()
    assert current.is_open and not current.is_released and not db.session.get(PeerReview, review.id).hidden


def test_unknown_class_assignment_or_comment_is_404(client, setup, make, login):
    open_round(client, setup, login)
    review = tasks(setup["students"][0])[0]
    for method, url, data in teacher_requests(setup, review.id):
        wrong_class = url.replace(f"/klassen/{setup['klas'].id}/", "/klassen/999999/")
        assert client.open(wrong_class, method=method, data=data).status_code == 404, url
        wrong_assignment = url.replace(f"/opdrachten/{A}/", "/opdrachten/bestaat-niet/")
        assert client.open(wrong_assignment, method=method, data=data).status_code == 404, url
    b = teacher_base(setup["klas"])
    assert client.post(f"{b}/999999/verbergen", data={"state": "1"}).status_code == 404
    # a comment of another class's round, through this class's url
    login(setup["other_teacher"])
    other = make_other_round(client, setup, make)
    login(setup["teacher"])
    assert client.post(f"{b}/{other.id}/verbergen", data={"state": "1"}).status_code == 404
    # the right class, another assignment
    assert client.post(f"/klassen/{setup['klas'].id}/opdrachten/lesuitval/tops-en-tips/{review.id}/verbergen",
                       data={"state": "1"}).status_code == 404


def make_other_round(client, setup, make) -> PeerReview:
    """A round in the other class (two hand-ins there), logged in as its teacher."""
    hand_in(make.student(setup["other_klas"], name="Olga Anders"), journey("Komeet"))
    client.post(teacher_base(setup["other_klas"]) + "/openen")
    return tasks(setup["outsider"])[0]


def test_closing_and_releasing_without_a_round_is_404(client, setup, login):
    login(setup["teacher"])
    b = teacher_base(setup["klas"])
    assert client.post(b + "/sluiten").status_code == 404
    assert client.post(b + "/vrijgeven").status_code == 404


def test_admin_may_run_a_round(client, setup, make, login):
    login(make.user(Role.ADMIN))
    b = teacher_base(setup["klas"])
    assert client.post(b + "/openen").status_code == 302
    assert client.get(b).status_code == 200
    assert FeedbackRound.current(setup["klas"].id, A) is not None


def test_staff_may_not_use_student_routes(client, setup, make, login):
    open_round(client, setup, login)
    review = tasks(setup["students"][0])[0]
    for user in (setup["teacher"], make.user(Role.ADMIN)):
        login(user)
        for method, url, data in student_requests(review.id):
            assert client.open(url, method=method, data=data).status_code == 403, url


def test_students_only_open_their_own_tasks(client, setup, login):
    open_round(client, setup, login)
    first, second = setup["students"][:2]
    theirs = tasks(second)[0]
    login(first)
    assert client.get(f"{STUDENT_BASE}/{theirs.id}").status_code == 404
    assert write(client, theirs).status_code == 404
    assert client.get(f"{STUDENT_BASE}/999999").status_code == 404
    assert client.get(f"/opdrachten/lesuitval/tops-en-tips/{tasks(first)[0].id}").status_code == 404
    assert client.get("/opdrachten/bestaat-niet/tops-en-tips").status_code == 404
    db.session.expire_all()
    assert not db.session.get(PeerReview, theirs.id).is_submitted
    login(setup["outsider"])
    assert client.get(f"{STUDENT_BASE}/{theirs.id}").status_code == 404
    assert "Je docent heeft nog geen ronde tops en tips gestart." in text_of(client.get(STUDENT_BASE))


def test_a_student_who_left_the_class_loses_the_tasks(client, setup, login):
    open_round(client, setup, login)
    student = setup["students"][0]
    review = tasks(student)[0]
    student.class_id = None
    db.session.commit()
    login(student)
    assert client.get(f"{STUDENT_BASE}/{review.id}").status_code == 404
    assert client.get(STUDENT_BASE).status_code == 200


# --------------------------------------------------------------------------- writing


def test_task_list_and_write_page_are_anonymous(client, setup, login):
    open_round(client, setup, login)
    student = setup["students"][0]
    login(student)
    page = text_of(client.get(STUDENT_BASE))
    assert "Klantreis 1 van een klasgenoot" in page and "Klantreis 2 van een klasgenoot" in page
    assert page.count("Top en tip schrijven") == 2
    for name in (*NAMES, "Zeno Zwart"):
        assert name not in page
    review = tasks(student)[0]
    author = author_of(review)
    marker = MARKERS[[s.id for s in setup["students"]].index(author)]
    html = client.get(f"{STUDENT_BASE}/{review.id}").get_data(as_text=True)
    write_page = unescape(html)
    assert "Ontwerp van een klasgenoot" in write_page
    assert f"{marker} 1" in write_page  # the classmate's map
    assert f"Reis {marker}" not in write_page  # not even the title
    for name in NAMES:
        assert name not in write_page
    assert "level-" not in html and "Cijfer" not in write_page


def test_writing_saves_top_and_tip(client, setup, login):
    open_round(client, setup, login)
    student = setup["students"][0]
    login(student)
    review = tasks(student)[0]
    response = write(client, review, "  " + TOP + "  ", TIP)
    assert response.status_code == 302 and response.location.endswith(STUDENT_BASE)
    saved = tasks(student)[0]
    assert (saved.top, saved.tip) == (TOP, TIP) and saved.is_submitted
    page = text_of(client.get(STUDENT_BASE))
    assert "Je top en tip zijn opgeslagen. Dank je wel!" in page
    assert "Klaar: je top en tip zijn opgeslagen." in page
    # changing it while the round is open
    html = client.get(f"{STUDENT_BASE}/{review.id}").get_data(as_text=True)
    assert unescape(textarea(html, "top")).strip() == TOP
    write(client, review, TOP, "Een andere tip die beter is.")
    assert tasks(student)[0].tip == "Een andere tip die beter is."


@pytest.mark.parametrize("top, tip, top_error, tip_error", [
    ("", "", "Schrijf een top: wat vind je goed?", "Schrijf een tip: wat kan beter?"),
    ("   ", TIP, "Schrijf een top: wat vind je goed?", ""),
    ("goed", TIP, "Schrijf minstens 5 tekens. Nu zijn het er 4.", ""),
    (TOP, "x" * 501, "", "Schrijf hoogstens 500 tekens. Nu zijn het er 501."),
    ("Goed!", TIP, "Schrijf een hele zin van minstens 5 woorden. Nu zijn het er 1.", ""),
    ("Mooi gedaan, top!", "Leuk.", "Schrijf een hele zin van minstens 5 woorden. Nu zijn het er 3.",
     "Schrijf een hele zin van minstens 5 woorden. Nu zijn het er 1."),
    ("Heel erg mooi gedaan, top!", "Je klantreis is echt netjes.", PRAISE_ONLY, PRAISE_ONLY),
    (TOP, "Goed goed goed goed goed", "", PRAISE_ONLY),
])
def test_wrong_input_gets_dutch_messages_and_keeps_the_text(client, setup, login, top, tip, top_error, tip_error):
    open_round(client, setup, login)
    student = setup["students"][0]
    login(student)
    review = tasks(student)[0]
    response = write(client, review, top, tip)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert error_of(html, "top") == top_error
    assert error_of(html, "tip") == tip_error
    assert "Er is iets niet goed ingevuld." in unescape(html)
    assert unescape(textarea(html, "top")).strip() == top.strip()
    assert unescape(textarea(html, "tip")).strip() == tip.strip()
    assert not tasks(student)[0].is_submitted


def test_exactly_five_and_five_hundred_characters_are_fine(client, setup, login):
    open_round(client, setup, login)
    student = setup["students"][0]
    login(student)
    review = tasks(student)[0]
    tip = "Fasen" + " fase" * 99
    assert len(tip) == 500
    assert write(client, review, "Noem de school in fase één.", tip).status_code == 302
    assert tasks(student)[0].tip == tip


def test_a_closed_round_takes_no_more_writing(client, setup, login):
    open_round(client, setup, login)
    student = setup["students"][0]
    login(student)
    first, second = tasks(student)
    write(client, first)
    login(setup["teacher"])
    client.post(teacher_base(setup["klas"]) + "/sluiten")
    login(student)
    response = write(client, second, TOP, TIP)
    assert response.status_code == 302
    assert not tasks(student)[1].is_submitted
    page = text_of(client.get(STUDENT_BASE))
    assert "De ronde is gesloten. Je kunt niets meer" in page
    assert "Top en tip schrijven" not in page
    closed = text_of(client.get(f"{STUDENT_BASE}/{first.id}"))
    assert TOP in closed and "<textarea" not in closed
    assert "Je hebt hier niets geschreven." in text_of(client.get(f"{STUDENT_BASE}/{second.id}"))


def test_student_without_tasks_in_the_round(client, setup, login):
    open_round(client, setup, login)
    login(setup["idle"])
    assert "Jij hebt in deze ronde geen klantreizen om te bekijken." in text_of(client.get(STUDENT_BASE))


# --------------------------------------------------------------------------- releasing, reading, hiding


def test_authors_read_only_after_release_and_never_who_wrote_it(client, setup, login):
    open_round(client, setup, login)
    everybody_writes(client, setup, login)
    author = setup["students"][0]
    login(author)
    page = text_of(client.get(RECEIVED))
    assert "Je docent heeft de tops en tips nog niet vrijgegeven." in page and TOP not in page
    assert "Tops en tips voor jou" not in text_of(client.get(f"/opdrachten/{A}"))

    login(setup["teacher"])
    client.post(teacher_base(setup["klas"]) + "/vrijgeven")
    current = FeedbackRound.current(setup["klas"].id, A)
    db.session.refresh(current)
    assert current.is_released and not current.is_open  # releasing also ends the writing

    login(author)
    html = client.get(RECEIVED).get_data(as_text=True)
    page = unescape(html)
    assert page.count(TOP) == 2 and page.count(TIP) == 2
    assert page.count("Van een klasgenoot") == 2
    for name in (*NAMES, "Zeno Zwart"):
        assert name not in page
    assert "Tops en tips voor jou" in text_of(client.get(f"/opdrachten/{A}"))
    # the author's own tasks page links to it too
    assert "Lees de tops en tips die jij kreeg" in text_of(client.get(STUDENT_BASE))


def test_the_start_page_points_to_released_tops_en_tips_for_two_weeks(client, setup, login):
    open_round(client, setup, login)
    written = everybody_writes(client, setup, login)
    author = setup["students"][0]
    about_author = [r for r in written if author_of(r) == author.id]
    login(setup["teacher"])
    b = teacher_base(setup["klas"])
    client.post(f"{b}/{about_author[0].id}/verbergen", data={"state": "1"})  # hidden: not counted
    login(author)
    assert RECEIVED not in client.get("/").get_data(as_text=True)  # not released yet
    login(setup["teacher"])
    client.post(b + "/vrijgeven", data={"bevestigd": "1"})
    login(author)
    html = client.get("/").get_data(as_text=True)
    item = re.search(rf'<a href="{RECEIVED}">(.*?)</li>', html, re.S)
    assert item and "Tops en tips voor jou" in html
    assert f"{len(about_author) - 1} reactie" in " ".join(re.sub(r"<[^>]+>", " ", item.group(1)).split())
    released = FeedbackRound.latest_released(setup["klas"].id, A)
    released.released_at = released.released_at - RECEIVED_SHOWN - timedelta(minutes=1)
    db.session.commit()
    assert RECEIVED not in client.get("/").get_data(as_text=True)  # after two weeks it is no longer a to-do
    assert "Van een klasgenoot" in text_of(client.get(RECEIVED))  # still there to read


def test_only_what_was_written_about_you(client, setup, login):
    open_round(client, setup, login)
    author = setup["students"][0]
    for student in setup["students"][1:]:
        login(student)
        for review in tasks(student):
            tip = f"Tip voor {author_of(review)} van iemand anders."
            write(client, review, TOP, tip)
    login(setup["teacher"])
    client.post(teacher_base(setup["klas"]) + "/vrijgeven")
    login(author)
    page = text_of(client.get(RECEIVED))
    assert page.count(f"Tip voor {author.id} van iemand anders.") == 2
    others = re.findall(r"Tip voor (\d+) van iemand anders\.", page)
    assert set(others) == {str(author.id)}


def test_hidden_comments_are_not_shown_to_the_author(client, setup, login):
    open_round(client, setup, login)
    written = everybody_writes(client, setup, login)
    author = setup["students"][0]
    about_author = [r for r in written if author_of(r) == author.id]
    hidden = about_author[0]
    db.session.get(PeerReview, hidden.id).tip = "Dit is een gemene opmerking."
    db.session.commit()
    login(setup["teacher"])
    b = teacher_base(setup["klas"])
    response = client.post(f"{b}/{hidden.id}/verbergen", data={"state": "1"})
    assert response.status_code == 302 and response.location.endswith(f"#reactie-{hidden.id}")
    assert db.session.get(PeerReview, hidden.id).hidden
    page = plain(client.get(b))
    assert "verborgen voor de leerling" in page and "Tonen" in page
    client.post(b + "/vrijgeven", data={"bevestigd": "1"})
    login(author)
    page = text_of(client.get(RECEIVED))
    assert "Dit is een gemene opmerking." not in page
    assert page.count("Van een klasgenoot") == 1
    login(setup["teacher"])
    client.post(f"{b}/{hidden.id}/verbergen", data={"state": "0"})
    login(author)
    assert "Dit is een gemene opmerking." in text_of(client.get(RECEIVED))


def test_teacher_sees_progress_and_every_comment_with_names(client, setup, login):
    open_round(client, setup, login)
    student = setup["students"][0]
    login(student)
    review = tasks(student)[0]
    write(client, review)
    login(setup["teacher"])
    html = client.get(teacher_base(setup["klas"])).get_data(as_text=True)
    page = plain(client.get(teacher_base(setup["klas"])))
    assert "Ronde: open" in page
    assert "1 van de 8 tops en tips zijn geschreven." in page
    for name in NAMES:
        assert name in page
    assert "Zeno Zwart" not in page
    assert page.count("✓ geschreven") == 1 and page.count("nog niet") == 7
    author_name = next(s.display_name for s in setup["students"] if s.id == author_of(review))
    assert f"{student.display_name} over de klantreis van {author_name}" in page
    assert TOP in page and TIP in page
    assert html.count(">Verbergen<") == 1
    assert "Ronde sluiten" in page and "Vrijgeven aan de leerlingen" in page
    client.post(teacher_base(setup["klas"]) + "/sluiten")
    page = plain(client.get(teacher_base(setup["klas"])))
    assert "Ronde: gesloten, nog niet vrijgegeven" in page and "Ronde sluiten" not in page
    client.post(teacher_base(setup["klas"]) + "/vrijgeven", data={"bevestigd": "1"})
    page = plain(client.get(teacher_base(setup["klas"])))
    assert "Ronde: vrijgegeven" in page and "Nieuwe ronde openen" in page


def test_teacher_page_without_a_round(client, setup, login):
    login(setup["teacher"])
    page = plain(client.get(teacher_base(setup["klas"])))
    assert "Ronde: nog niet gestart" in page and "Ronde openen" in page


def test_the_newest_released_round_is_shown(client, setup, login):
    open_round(client, setup, login)
    everybody_writes(client, setup, login, tip="Eerste ronde tip, heel goed.")
    login(setup["teacher"])
    client.post(teacher_base(setup["klas"]) + "/vrijgeven")
    client.post(teacher_base(setup["klas"]) + "/openen")  # a second round, not yet released
    login(setup["students"][0])
    assert "Eerste ronde tip, heel goed." in text_of(client.get(RECEIVED))
    assert "Tops en tips schrijven" in text_of(client.get(f"/opdrachten/{A}"))
    everybody_writes(client, setup, login, tip="Tweede ronde tip, nog beter.")
    login(setup["teacher"])
    client.post(teacher_base(setup["klas"]) + "/vrijgeven")
    login(setup["students"][0])
    page = text_of(client.get(RECEIVED))
    assert "Tweede ronde tip, nog beter." in page and "Eerste ronde tip" not in page


# --------------------------------------------------------------------------- safety


def test_comments_are_escaped_everywhere(client, setup, login):
    open_round(client, setup, login)
    student = setup["students"][0]
    login(student)
    review = tasks(student)[0]
    assert write(client, review, XSS + " top", XSS + " tip").status_code == 302
    pages = [client.get(f"{STUDENT_BASE}/{review.id}")]
    login(setup["teacher"])
    pages.append(client.get(teacher_base(setup["klas"])))
    client.post(teacher_base(setup["klas"]) + "/vrijgeven", data={"bevestigd": "1"})
    login(db.session.get(type(student), author_of(review)))
    pages.append(client.get(RECEIVED))
    for response in pages:
        html = response.get_data(as_text=True)
        assert XSS not in html
        assert "&lt;script&gt;alert(" in html


def test_student_text_in_the_map_is_escaped_on_the_write_page(client, make, login):
    teacher = make.user(Role.TEACHER)
    klas = make.school_class(teacher)
    one, two = make.student(klas), make.student(klas)
    for student in (one, two):
        data = journey("Kompas", touchpoint=XSS)
        data["phases"][0]["name"] = XSS
        hand_in(student, data)
    login(teacher)
    client.post(teacher_base(klas) + "/openen")
    login(one)
    html = client.get(f"{STUDENT_BASE}/{tasks(one)[0].id}").get_data(as_text=True)
    assert XSS not in html and "&lt;script&gt;alert(" in html


def test_pages_have_no_inline_scripts_or_handlers(client, setup, login):
    open_round(client, setup, login)
    student = setup["students"][0]
    pages = [client.get(teacher_base(setup["klas"]))]
    login(student)
    pages += [client.get(STUDENT_BASE), client.get(f"{STUDENT_BASE}/{tasks(student)[0].id}"), client.get(RECEIVED)]
    for response in pages:
        html = response.get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", html)
        assert not re.search(r"\son[a-z]+\s*=", html)


def test_posts_need_a_csrf_token(csrf_app, setup):
    client = csrf_app.test_client()

    def as_user(user):
        g.pop("csrf_token", None)  # Flask-WTF keeps the session's token on the (shared) app context
        with client.session_transaction() as session:
            session.clear()
            session["_user_id"] = str(user.id)
            session["_fresh"] = True

    def token(url: str) -> str:
        g.pop("_login_user", None)
        html = client.get(url).get_data(as_text=True)
        return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)

    b = teacher_base(setup["klas"])
    as_user(setup["teacher"])
    assert client.post(b + "/openen").status_code == 400
    assert FeedbackRound.current(setup["klas"].id, A) is None
    assert client.post(b + "/openen", data={"csrf_token": token(b)}).status_code == 302
    current = FeedbackRound.current(setup["klas"].id, A)
    assert current is not None
    for action in ("/sluiten", "/vrijgeven"):
        assert client.post(b + action).status_code == 400
    db.session.refresh(current)
    assert current.is_open

    student = setup["students"][0]
    review = tasks(student)[0]
    as_user(student)
    url = f"{STUDENT_BASE}/{review.id}"
    assert client.post(url, data={"top": TOP, "tip": TIP}).status_code == 400
    assert not tasks(student)[0].is_submitted
    assert client.post(url, data={"top": TOP, "tip": TIP, "csrf_token": token(url)}).status_code == 302
    assert tasks(student)[0].is_submitted

    as_user(setup["teacher"])
    assert client.post(f"{b}/{review.id}/verbergen", data={"state": "1"}).status_code == 400
    assert not tasks(student)[0].hidden
    assert client.post(f"{b}/{review.id}/verbergen",
                       data={"state": "1", "csrf_token": token(b)}).status_code == 302
    assert tasks(student)[0].hidden


# --------------------------------------------------------------------------- releasing when few wrote


def test_releasing_when_fewer_than_half_wrote_asks_first_with_the_count(client, setup, login):
    current = open_round(client, setup, login)
    total = len(tasks_of_round(current))
    student = setup["students"][0]
    login(student)
    write(client, tasks(student)[0])
    login(setup["teacher"])
    response = client.post(teacher_base(setup["klas"]) + "/vrijgeven")
    assert response.status_code == 200
    page = plain(response)
    assert f"Pas 1 van de {total} tops en tips zijn geschreven." in page
    assert "Toch vrijgeven" in page and "Nog niet vrijgeven" in page
    assert 'name="bevestigd" value="1"' in response.get_data(as_text=True)
    db.session.refresh(current)
    assert not current.is_released and current.is_open  # nothing happened yet
    response = client.post(teacher_base(setup["klas"]) + "/vrijgeven", data={"bevestigd": "1"})
    assert response.status_code == 302
    db.session.refresh(current)
    assert current.is_released


def test_releasing_when_half_wrote_needs_no_confirmation(client, setup, login):
    current = open_round(client, setup, login)
    reviews = tasks_of_round(current)
    for review in reviews[: (len(reviews) + 1) // 2]:
        login(db.session.get(User, review.reviewer_id))
        assert write(client, review).status_code == 302
    login(setup["teacher"])
    assert client.post(teacher_base(setup["klas"]) + "/vrijgeven").status_code == 302
    db.session.refresh(current)
    assert current.is_released


def test_after_closing_students_see_round_closed_instead_of_to_do(client, setup, login):
    open_round(client, setup, login)
    student = setup["students"][0]
    login(student)
    assert text_of(client.get(STUDENT_BASE)).count("Nog doen") == 2
    write(client, tasks(student)[0])
    login(setup["teacher"])
    client.post(teacher_base(setup["klas"]) + "/sluiten")
    login(student)
    page = text_of(client.get(STUDENT_BASE))
    assert "Nog doen" not in page
    assert page.count("Ronde gesloten") == 1 and "Klaar: je top en tip zijn opgeslagen." in page


def tasks_of_round(feedback_round) -> list[PeerReview]:
    db.session.expire_all()
    return list(db.session.scalars(select(PeerReview).where(PeerReview.round_id == feedback_round.id)
                                   .order_by(PeerReview.id)))


def test_the_start_page_lists_open_tops_en_tips_tasks_with_their_count(client, setup, login):
    open_round(client, setup, login)
    student = setup["students"][0]
    count = len(tasks(student))
    login(student)
    html = client.get("/").get_data(as_text=True)
    item = re.search(rf'<a href="{STUDENT_BASE}">(.*?)</li>', html, re.S)
    assert item and "Tops en tips geven" in html
    assert f"{count} klantreizen" in " ".join(re.sub(r"<[^>]+>", " ", item.group(1)).split())
