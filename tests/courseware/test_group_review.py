"""The teacher's side of group work: a group's hand-in is reviewed once, the grade sheet has a row
per student with the group's grade, the individuele correctie of one member (model, form, who may
use it, what the student sees), the exports, and the gallery, tops en tips and presentation per
group design."""
from __future__ import annotations

import csv
import io
import zipfile
from datetime import timedelta

import pytest

from courseware import groups
from courseware.account_data import export_for
from courseware.class_assignments.results import load
from courseware.class_counts import counts_by_assignment
from courseware.extensions import db
from courseware.gallery.designs import designs_for, gallery_entries, student_entries
from courseware.gallery.peer import open_round, received_by, tasks_of
from courseware.grading import correct, corrections_for, released_results, result_for, rubric_for_class
from courseware.group_hand_ins import latest_hand_ins
from courseware.models import ClassAssignment, GradeCorrection, Review, ReviewSeen, Role
from courseware.models.accounts import utcnow
from courseware.review.forms import parse_grade
from courseware.todo import student_todo, teacher_todo

from .journeys import A, get_assignment, hand_in, journey, plain, save_draft, text_of
from .reviewing import attempt_url, base, class_with_a_duo, correction_url


@pytest.fixture
def duo(make):
    return class_with_a_duo(make)


def release(attempt, comment: str = "Samen goed gedaan.") -> Review:
    review = Review(attempt_id=attempt.id, comment=comment, done_at=utcnow(), released_at=utcnow())
    db.session.add(review)
    db.session.commit()
    return review


def grade_text(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


# --------------------------------------------------------------------------- the correction model


def test_a_correction_keeps_history_and_the_newest_wins(duo):
    group_grade = result_for(duo.attempt).final.grade
    correct(duo.attempt, duo.anna.id, 8.04, "Anna deed het meeste werk.", duo.teacher)
    db.session.commit()
    correct(duo.attempt, duo.anna.id, 7.5, "Toch iets minder: Bram maakte de persona.", duo.teacher)
    db.session.commit()
    rows = db.session.query(GradeCorrection).order_by(GradeCorrection.id).all()
    assert [(row.grade, row.user_id) for row in rows] == [(8.0, duo.anna.id), (7.5, duo.anna.id)]  # one decimal
    newest = corrections_for([duo.attempt.id])
    assert set(newest) == {(duo.attempt.id, duo.anna.id)}
    anna = result_for(duo.attempt).for_member(newest, duo.anna.id)
    bram = result_for(duo.attempt).for_member(newest, duo.bram.id)
    assert anna.grade == 7.5 and anna.corrected and anna.correction.reason.startswith("Toch")
    assert bram.grade == group_grade and not bram.corrected
    correct(duo.attempt, duo.anna.id, None, "Terug: ze werkten evenveel.", duo.teacher)  # taken back
    db.session.commit()
    back = result_for(duo.attempt).for_member(corrections_for([duo.attempt.id]), duo.anna.id)
    assert back.grade == group_grade and not back.corrected
    assert db.session.query(GradeCorrection).count() == 3  # the history stays


@pytest.mark.parametrize(("typed", "value"), [("6,5", 6.5), ("6.5", 6.5), (" 10 ", 10.0), ("1", 1.0),
                                              ("0,9", None), ("10,1", None), ("6,55", None), ("zes", None),
                                              ("", None), ("-3", None)])
def test_a_grade_is_1_to_10_with_one_decimal(typed, value):
    assert parse_grade(typed) == value


def test_the_student_sees_the_correction_only_once_released(duo):
    correct(duo.attempt, duo.anna.id, 9.0, "Anna deed het meeste werk.", duo.teacher)
    db.session.commit()
    assert released_results([duo.attempt], duo.anna.id) == {}  # not released: nothing, no correction
    release(duo.attempt)
    anna = released_results([duo.attempt], duo.anna.id)[duo.attempt.id]
    bram = released_results([duo.attempt], duo.bram.id)[duo.attempt.id]
    assert anna.grade == 9.0 and anna.correction.reason == "Anna deed het meeste werk."
    assert bram.grade == bram.final.grade and bram.correction is None


# --------------------------------------------------------------------------- review once


def test_the_review_list_has_one_row_per_group_hand_in(client, duo, login):
    login(duo.teacher)
    page = plain(client.get(base(duo.klas)))
    assert page.count(f"Groep {duo.group.code}") == 1
    assert "Anna, Bram" in page and "Cas" in page and "Dirk" in page
    assert "Ingeleverd: 3 van de 4 leerlingen. Nog 2 te beoordelen." in page
    hand_ins = latest_hand_ins(duo.klas.id, A)
    assert sorted(len(h.members) for h in hand_ins) == [1, 2]
    # The queue goes to the group's hand-in once: after it, only Cas's is left.
    after_group = client.get(f"{base(duo.klas)}/volgende?na={duo.attempt.id}")
    assert after_group.location.endswith(attempt_url(duo.klas, duo.alone))
    after_cas = client.get(f"{base(duo.klas)}/volgende?na={duo.alone.id}")
    assert after_cas.location.endswith(attempt_url(duo.klas, duo.attempt))


def test_the_review_page_names_the_members_for_the_teacher(client, duo, login):
    login(duo.teacher)
    page = plain(client.get(attempt_url(duo.klas, duo.attempt)))
    assert f"Groep {duo.group.code}: poging 1" in page
    assert "Groepsinlevering van Anna en Bram. Ingeleverd door Bram." in page
    assert "Cijfer per groepslid" in page and "Cijfer aanpassen voor Anna" in page
    alone = plain(client.get(attempt_url(duo.klas, duo.alone)))
    assert "Cas: poging 1" in alone and "Groepsinlevering" not in alone and "Cijfer per groepslid" not in alone


# --------------------------------------------------------------------------- the correction form


def test_the_correction_form_says_what_is_wrong_next_to_the_field_and_keeps_the_typing(client, duo, login):
    login(duo.teacher)
    url = correction_url(duo.klas, duo.attempt, duo.anna)
    page = text_of(client.get(url))
    assert "Individuele correctie: Anna" in page and duo.group.code in page
    answer = text_of(client.post(url, data={"grade": "11", "reason": "", "save": "1"}))
    assert 'id="grade-error"' in answer and "van 1 tot en met 10" in answer
    assert 'id="reason-error"' in answer and "Schrijf op waarom je het cijfer aanpast" in answer
    assert 'value="11"' in answer  # nothing typed is lost
    answer = text_of(client.post(url, data={"grade": "", "reason": "Ze deed meer.", "save": "1"}))
    assert "Vul een cijfer in, bijvoorbeeld 6,5." in answer and "Ze deed meer." in answer
    assert db.session.query(GradeCorrection).count() == 0
    saved = client.post(url, data={"grade": "8,5", "reason": "Anna deed het meeste werk.", "save": "1"})
    assert saved.status_code == 302 and saved.location.endswith(attempt_url(duo.klas, duo.attempt)
                                                                + "#cijfers-groepsleden")
    row = db.session.query(GradeCorrection).one()
    assert (row.user_id, row.grade, row.teacher_id) == (duo.anna.id, 8.5, duo.teacher.id)
    page = plain(client.get(attempt_url(duo.klas, duo.attempt)))
    assert "Anna : 8,5 (individuele correctie: Anna deed het meeste werk.)" in page
    # Back to the group's grade needs a reason too, and keeps the history.
    client.post(url, data={"grade": "", "reason": "Ze werkten toch evenveel.", "remove": "1"})
    assert [c.grade for c in db.session.query(GradeCorrection).order_by(GradeCorrection.id)] == [8.5, None]
    assert "Eerdere correcties" in plain(client.get(url))


def test_only_the_classes_teachers_open_a_correction(client, duo, make, login):
    """Members of the group (even the one corrected) and other students get 403, another teacher
    403, the class's co-teacher and an admin may; a student outside the hand-in, or individual work,
    is 404."""
    co_teacher = make.user(Role.TEACHER)
    duo.klas.teachers.append(co_teacher)
    db.session.commit()
    url = correction_url(duo.klas, duo.attempt, duo.anna)
    expected = {duo.anna: 403, duo.bram: 403, duo.cas: 403, duo.other_teacher: 403, duo.teacher: 200,
                co_teacher: 200, make.user(Role.ADMIN): 200}
    for user, status in expected.items():
        login(user)
        assert client.get(url).status_code == status, user.display_name
        posted = client.post(url, data={"grade": "2", "reason": "Aangepast door deze gebruiker.", "save": "1"})
        assert posted.status_code == (302 if status == 200 else status), user.display_name
    allowed = {user.id for user, status in expected.items() if status == 200}
    assert {c.teacher_id for c in db.session.query(GradeCorrection)} == allowed  # nobody else saved one
    login(None)
    assert "/inloggen" in client.get(url).location
    login(duo.teacher)
    assert client.get(correction_url(duo.klas, duo.attempt, duo.cas)).status_code == 404  # not a member
    assert client.get(correction_url(duo.klas, duo.alone, duo.cas)).status_code == 404  # individual work


def test_each_member_sees_their_own_grade_and_only_the_corrected_one_the_reason(client, duo, login):
    correct(duo.attempt, duo.bram.id, 4.5, "Bram was vaak afwezig bij het groepswerk.", duo.teacher)
    db.session.commit()
    login(duo.bram)
    before = plain(client.get(f"/opdrachten/{A}/pogingen/1"))
    assert "afwezig" not in before and "4,5" not in before  # not released yet
    release(duo.attempt)
    group_grade = grade_text(result_for(duo.attempt).final.grade)
    bram = plain(client.get(f"/opdrachten/{A}/pogingen/1"))
    assert "Cijfer: 4,5" in bram and f"het groepscijfer is {group_grade}" in bram
    assert "Bram was vaak afwezig bij het groepswerk." in bram
    login(duo.anna)
    anna = plain(client.get(f"/opdrachten/{A}/pogingen/1"))
    assert f"Cijfer: {group_grade}" in anna and "afwezig" not in anna and "4,5" not in anna


def test_each_member_has_their_own_new_mark_for_the_released_review(client, duo, login):
    release(duo.attempt)
    assert student_todo(duo.anna).new_count == student_todo(duo.bram).new_count == 1
    login(duo.anna)
    client.get(f"/opdrachten/{A}/pogingen/1")  # Anna opens it; Bram has not
    db.session.expire_all()
    assert student_todo(duo.anna).new_count == 0
    assert student_todo(duo.bram).new_count == 1
    login(duo.bram)
    assert "Nieuw" in plain(client.get("/"))
    client.get(f"/opdrachten/{A}/pogingen/1")
    client.get(f"/opdrachten/{A}/pogingen/1")  # a second look changes nothing
    db.session.expire_all()
    assert student_todo(duo.bram).new_count == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(ReviewSeen)) == 2
    # A change by the teacher after that is new again, for both.
    review = db.session.scalars(db.select(Review)).one()
    review.comment = "Nog een tip voor jullie"
    db.session.commit()
    assert student_todo(duo.anna).new_count == student_todo(duo.bram).new_count == 1


def test_deleting_the_member_who_handed_in_keeps_the_groups_hand_in_for_the_others(duo):
    from courseware.admin.deletion import delete_user

    review = release(duo.attempt, "Goed samengewerkt.")
    correct(duo.attempt, duo.bram.id, 5.0, "Bram deed weinig.", duo.teacher)
    db.session.commit()
    attempt_id, bram_id = duo.attempt.id, duo.bram.id
    delete_user(bram_id)
    attempt = db.session.get(type(duo.attempt), attempt_id)
    assert attempt is not None and attempt.user_id == duo.anna.id  # handed over to Anna
    assert _members(attempt) == {duo.anna.id}
    assert db.session.get(Review, review.id).comment == "Goed samengewerkt."
    assert not db.session.scalars(db.select(GradeCorrection).where(GradeCorrection.user_id == bram_id)).all()
    assert released_results([attempt], duo.anna.id)[attempt_id].review.id == review.id
    # A hand-in nobody else shared goes with the account (Cas worked alone).
    alone_id = duo.alone.id
    delete_user(duo.cas.id)
    assert db.session.get(type(duo.attempt), alone_id) is None


# --------------------------------------------------------------------------- grade sheet and exports


def test_the_grade_sheet_has_a_row_per_student_with_the_groups_or_corrected_grade(duo):
    correct(duo.attempt, duo.anna.id, 9.0, "Anna deed het meeste werk.", duo.teacher)
    db.session.commit()
    results = load(duo.klas, get_assignment(A), rubric_for_class(duo.klas.id, get_assignment(A)))
    rows = {row.student.display_name: row for row in results.rows}
    group_grade = result_for(duo.attempt).final.grade
    assert rows["Anna"].attempt.id == rows["Bram"].attempt.id == duo.attempt.id
    assert (rows["Anna"].grade, rows["Bram"].grade) == (9.0, group_grade)
    assert rows["Anna"].group_name == rows["Bram"].group_name == duo.group.code
    assert rows["Cas"].group_name == "" and rows["Cas"].attempt.id == duo.alone.id
    assert rows["Dirk"].attempt is None
    assert sorted(row.attempt.id for row in results.designs) == sorted([duo.attempt.id, duo.alone.id])
    assert len(results.attempts) == 2  # the group's hand-in once


def test_the_csv_has_a_group_column_and_the_corrected_grade(client, duo, login):
    correct(duo.attempt, duo.anna.id, 9.0, "Anna deed het meeste werk.", duo.teacher)
    db.session.commit()
    login(duo.teacher)
    body = client.get(f"/klassen/{duo.klas.id}/opdrachten/{A}/cijfers.csv").get_data().decode("utf-8-sig")
    rows = {row["naam"]: row for row in csv.DictReader(io.StringIO(body), delimiter=";")}
    group_grade = grade_text(result_for(duo.attempt).final.grade)
    assert (rows["Anna"]["groep"], rows["Anna"]["cijfer"], rows["Anna"]["groepscijfer"]) == (duo.group.code, "9,0",
                                                                                             group_grade)
    assert rows["Anna"]["reden correctie"] == "Anna deed het meeste werk."
    assert (rows["Bram"]["cijfer"], rows["Bram"]["groepscijfer"], rows["Bram"]["reden correctie"]) == (
        group_grade, group_grade, "")
    assert rows["Cas"]["groep"] == "" and rows["Cas"]["groepscijfer"] == "" and rows["Cas"]["cijfer"]
    assert rows["Dirk"]["groep"] == "" and rows["Dirk"]["cijfer"] == ""


def test_the_zip_has_one_design_per_group_and_a_grade_row_per_student(client, duo, login):
    login(duo.teacher)
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/klassen/{duo.klas.id}/opdrachten/{A}/klantreizen.zip").data))
    stem = f"groep-{duo.group.code.lower()}"
    journeys = sorted(name for name in archive.namelist() if name.startswith("klantreizen/"))
    assert journeys == sorted([f"klantreizen/{stem}.journey.json", f"klantreizen/{duo.cas.username}.journey.json"])
    assert f"kaarten/{stem}.html" in archive.namelist()
    assert "Anna, Bram" in archive.read(f"kaarten/{stem}.html").decode("utf-8")
    grades = archive.read("cijfers.csv").decode("utf-8-sig")
    assert len(list(csv.DictReader(io.StringIO(grades), delimiter=";"))) == 4  # a row per student


# --------------------------------------------------------------------------- gallery, tops en tips, presentation


def test_the_gallery_has_one_design_per_group(duo):
    entries = gallery_entries(duo.klas.id, A)
    assert sorted(e.attempt.id for e in entries) == sorted([duo.attempt.id, duo.alone.id])
    group_entry = next(e for e in entries if e.attempt.id == duo.attempt.id)
    assert group_entry.authors == {duo.anna.id, duo.bram.id}
    # Anna sees her group's design as her own ("Jouw ontwerp").
    designs = designs_for(student_entries(duo.klas.id, A, duo.anna.id))
    assert [d.label for d in designs if duo.anna.id in d.authors] == [group_entry.label]


def test_leaving_a_group_design_out_hides_it_from_others_not_from_its_members(client, duo, login):
    login(duo.teacher)
    label = next(e.label for e in gallery_entries(duo.klas.id, A) if e.attempt.id == duo.attempt.id)
    client.post(f"/klassen/{duo.klas.id}/opdrachten/{A}/galerij/leerling/{duo.anna.id}/weglaten", data={"state": "1"})
    assert label not in [e.label for e in student_entries(duo.klas.id, A, duo.cas.id)]
    assert label in [e.label for e in student_entries(duo.klas.id, A, duo.bram.id)]


def test_tops_en_tips_go_per_group_design_and_never_to_the_own_group(make):
    teacher = make.user(Role.TEACHER)
    klas = make.school_class(teacher)
    ClassAssignment.get_or_create(klas.id, A).group_mode = "duo"
    db.session.commit()
    students = [make.student(klas, name=f"Leerling {n}") for n in range(5)]
    pairs = [groups.create_group(klas.id, A, students[i:i + 2]) for i in (0, 2)]
    group_attempts = [hand_in(students[0], journey("Groep1")), hand_in(students[3], journey("Groep2"))]
    alone = hand_in(students[4], journey("Alleen"))
    feedback_round = open_round(klas.id, A)
    designs = {a.id for a in [*group_attempts, alone]}
    for student in students:
        own = {a.id for a in [*group_attempts, alone] if student.id in _members(a)}
        tasks = tasks_of(feedback_round, student.id)
        assert len(tasks) == 2, student.display_name  # two designs to review, as before
        assert {t.attempt_id for t in tasks} <= designs - own  # never the own group's design
    # Every member of a group receives what was written about the group's design.
    task = next(t for s in students for t in tasks_of(feedback_round, s.id) if t.attempt_id == group_attempts[0].id)
    task.top, task.tip = "Jullie persona is heel duidelijk uitgewerkt.", "Voeg nog een fase na de aankoop toe."
    task.submitted_at = utcnow()
    db.session.commit()
    assert [r.id for r in received_by(feedback_round, students[0].id)] == [task.id]
    assert [r.id for r in received_by(feedback_round, students[1].id)] == [task.id]
    assert received_by(feedback_round, students[2].id) == []  # the other group's design got nothing yet
    assert len(pairs) == 2


def _members(attempt) -> set[int]:
    return groups.hand_in_member_ids(attempt)


def test_the_presentation_shows_a_group_design_once_and_never_names(client, duo, login):
    login(duo.teacher)
    labels = [e.label for e in gallery_entries(duo.klas.id, A)]
    url = f"/klassen/{duo.klas.id}/opdrachten/{A}/galerij/presentatie"
    html = text_of(client.get(url, query_string={"ontwerp": labels, "dia": 0, "namen": "1"}))
    assert "Ontwerp" in html
    for name in ("Anna", "Bram", "Cas", duo.group.code):
        assert name not in html
    gallery = plain(client.get(f"/klassen/{duo.klas.id}/opdrachten/{A}/galerij", query_string={"namen": "1"}))
    assert "Anna, Bram" in gallery  # names only in the teacher's gallery when asked for


def test_the_overview_lists_each_member_with_the_group_and_a_correction_link(client, duo, login):
    correct(duo.attempt, duo.anna.id, 9.0, "Anna deed het meeste werk.", duo.teacher)
    db.session.commit()
    login(duo.teacher)
    html = text_of(client.get(f"/klassen/{duo.klas.id}/opdrachten/{A}/overzicht"))
    table = html[html.index('id="cijferlijst"'):]
    group_grade = grade_text(result_for(duo.attempt).final.grade)
    assert f"9,0</strong> <span class=\"small\">(correctie; groep {group_grade})" in table
    assert table.count(duo.group.code) == 2  # Anna and Bram, each on a row
    for member in (duo.anna, duo.bram):
        assert f'href="{correction_url(duo.klas, duo.attempt, member)}"' in table
    assert correction_url(duo.klas, duo.alone, duo.cas) not in table  # individual work: no correction


def test_a_group_that_has_not_handed_in_shows_its_code_and_shared_draft(client, duo, make, login):
    eva = make.student(duo.klas, name="Eva")
    later = groups.create_group(duo.klas.id, A, [duo.dirk, eva])
    save_draft(eva, journey("Concept"))  # the group's draft: Dirk's work too
    login(duo.teacher)
    body = client.get(f"/klassen/{duo.klas.id}/opdrachten/{A}/cijfers.csv").get_data().decode("utf-8-sig")
    rows = {row["naam"]: row for row in csv.DictReader(io.StringIO(body), delimiter=";")}
    assert (rows["Dirk"]["groep"], rows["Dirk"]["status"], rows["Dirk"]["cijfer"]) == (later.code, "concept", "")
    assert rows["Eva"]["status"] == "concept"
    dashboard = plain(client.get(base(duo.klas)))
    assert "Dirk concept" in dashboard and "Eva concept" in dashboard


def test_a_member_whose_partner_handed_in_may_open_the_student_gallery(client, duo, login):
    ClassAssignment.get_or_create(duo.klas.id, A).gallery_open = True
    db.session.commit()
    login(duo.anna)  # Bram handed in for the two of them
    page = plain(client.get(f"/opdrachten/{A}/galerij"))
    assert "Jouw ontwerp is Ontwerp" in page and "Anna" not in page and "Bram" not in page
    login(duo.dirk)  # nothing handed in: closed, and the page says why
    assert "Ontwerp A" not in plain(client.get(f"/opdrachten/{A}/galerij"))


def test_the_teachers_start_page_counts_a_group_hand_in_once(duo):
    hand_in(duo.anna, journey("Duo twee"))  # the group's second hand-in, by the other member
    setting = ClassAssignment.get_or_create(duo.klas.id, A)
    setting.deadline = utcnow() + timedelta(days=2)
    db.session.commit()
    todo = teacher_todo(duo.teacher)
    assert [(item.assignment.id, item.count) for item in todo.to_review] == [(A, 2)]  # the duo once, and Cas
    assert [(d.assignment.id, d.not_handed_in) for d in todo.deadlines] == [(A, 1)]  # only Dirk: Anna's duo did


def test_the_class_page_counts_every_member_of_a_group_as_handed_in(duo):
    release(duo.attempt)
    counts = counts_by_assignment(duo.klas.id)[A]
    assert (counts.handed_in, counts.reviewed) == (3, 2)  # Anna, Bram (reviewed) and Cas


def test_releasing_everything_names_the_group_and_counts_its_members(client, duo, login):
    db.session.add(Review(attempt_id=duo.attempt.id, comment="", done_at=utcnow()))
    db.session.commit()
    login(duo.teacher)
    page = plain(client.get(f"{base(duo.klas)}/vrijgeven"))
    assert "Deze 2 leerlingen zien daarna je beoordeling" in page
    assert f"Groep {duo.group.code}: Anna, Bram" in page
    client.post(f"{base(duo.klas)}/vrijgeven")
    assert released_results([duo.attempt], duo.anna.id) and released_results([duo.attempt], duo.bram.id)


def test_a_members_own_data_holds_the_correction_after_release(duo):
    correct(duo.attempt, duo.anna.id, 9.0, "Anna deed het meeste werk.", duo.teacher)
    release(duo.attempt)
    anna = next(item for item in export_for(duo.anna)["pogingen"] if item["groepswerk"])["beoordeling_docent"]
    assert anna["cijfer"] == 9.0 and anna["individuele_correctie"]["reden"] == "Anna deed het meeste werk."
    bram = next(item for item in export_for(duo.bram)["pogingen"] if item["groepswerk"])["beoordeling_docent"]
    assert bram["individuele_correctie"] is None and bram["cijfer"] == anna["individuele_correctie"]["groepscijfer"]


def test_someone_in_two_designs_never_reviews_their_own_work(duo):
    groups.leave(duo.anna, duo.group)
    hand_in(duo.anna, journey("Anna alleen"))  # Anna is in the duo's design and in her own
    feedback_round = open_round(duo.klas.id, A)
    for student in (duo.anna, duo.bram, duo.cas):
        own = {a.id for a in groups.visible_attempts(student, A)}
        tasks = [task.attempt_id for task in tasks_of(feedback_round, student.id)]
        assert tasks and not own & set(tasks) and len(tasks) == len(set(tasks)), student.display_name


def test_the_teachers_gallery_counts_students_and_says_a_group_has_one_design(client, duo, login):
    login(duo.teacher)
    page = plain(client.get(f"/klassen/{duo.klas.id}/opdrachten/{A}/galerij"))
    assert "3 van de 4 leerlingen hebben ingeleverd." in page
    assert "Een groep heeft één ontwerp: je ziet 2 ontwerpen." in page
