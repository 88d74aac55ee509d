"""The pages of group work: the teacher's choice (settings) and groups page, the student's group
page (make, join with a code, leave), the shared draft on the step and conflict pages, and one
hand-in that every member sees."""
from __future__ import annotations

import json
import re

import pytest

from courseware import groups
from courseware.extensions import db
from courseware.models import Draft, Review, Role
from courseware.models.accounts import utcnow

from .journeys import JOURNEY, A, class_in_duos, hand_in, journey, save_draft, set_mode, settings_data, text_of

BASE = f"/opdrachten/{A}"


klas = pytest.fixture(name="klas")(class_in_duos)


def groups_url(klas) -> str:
    return f"/klassen/{klas.id}/opdrachten/{A}/groepen"


# --------------------------------------------------------------------------- the teacher


def test_the_teacher_chooses_duo_or_trio_in_the_settings(client, make, login):
    klas = make.school_class()
    login(klas.teacher)
    page = text_of(client.get(f"/klassen/{klas.id}/opdrachten/{A}/instellingen"))
    assert "Alleen of in groepen?" in page and "Duo: twee leerlingen" in page
    response = client.post(f"/klassen/{klas.id}/opdrachten/{A}/instellingen",
                           data=settings_data(klas, group_mode="trio"))
    assert response.status_code == 302
    assert groups.group_mode(klas.id, A) == "trio"


def test_the_group_size_cannot_go_below_the_biggest_group(client, make, login):
    klas = make.school_class()
    set_mode(klas, "trio")
    groups.create_group(klas.id, A, [make.student(klas) for _ in range(3)])
    login(klas.teacher)
    response = client.post(f"/klassen/{klas.id}/opdrachten/{A}/instellingen",
                           data=settings_data(klas, group_mode="duo", deadline_date="2031-05-01"))
    page = text_of(response)
    assert response.status_code == 200
    assert "Er is al een groep met 3 leerlingen." in page
    assert 'value="2031-05-01"' in page  # nothing typed is lost
    db.session.expire_all()
    assert groups.group_mode(klas.id, A) == "trio"


def test_the_teacher_makes_a_group_from_the_list(client, make, login, klas):
    anna, bram, cas = (make.student(klas, name=name) for name in ("Anna", "Bram", "Cas"))
    login(klas.teacher)
    page = text_of(client.get(groups_url(klas)))
    assert "Nog zonder groep" in page and "Anna" in page
    too_many = client.post(f"{groups_url(klas)}/nieuw", data={"student": [anna.id, bram.id, cas.id]})
    assert too_many.status_code == 400
    page = text_of(too_many)
    assert "hoogstens 2 leerlingen" in page
    assert page.count(" checked") == 3  # the choice stays ticked
    none = client.post(f"{groups_url(klas)}/nieuw", data={})
    assert "Kies minstens één leerling" in text_of(none)
    assert client.post(f"{groups_url(klas)}/nieuw", data={"student": [anna.id, bram.id]}).status_code == 302
    [group] = groups.groups_of(klas.id, A)
    page = text_of(client.get(groups_url(klas)))
    assert f"Groep {group.code}" in page and "Anna" in page and "Bram" in page


def test_a_student_of_another_class_cannot_be_put_in_a_group(client, make, login, klas):
    stranger = make.student(make.school_class())
    login(klas.teacher)
    response = client.post(f"{groups_url(klas)}/nieuw", data={"student": [stranger.id]})
    assert response.status_code == 400
    assert groups.groups_of(klas.id, A) == []


def test_random_groups_and_moving_a_member(client, make, login, klas):
    students = [make.student(klas) for _ in range(4)]
    login(klas.teacher)
    assert client.post(f"{groups_url(klas)}/willekeurig").status_code == 302
    first, second = groups.groups_of(klas.id, A)
    assert sorted(len(groups.members(g)) for g in (first, second)) == [2, 2]
    mover = groups.members(first)[0]
    full = client.post(f"{groups_url(klas)}/verplaatsen", data={"student": mover.id, "to": second.id},
                       follow_redirects=True)
    assert "Deze groep is al vol." in text_of(full)
    client.post(f"{groups_url(klas)}/verplaatsen", data={"student": mover.id, "to": "0"})
    assert groups.group_of(mover, A) is None
    client.post(f"{groups_url(klas)}/verplaatsen", data={"student": groups.members(second)[0].id, "to": first.id})
    assert len(groups.members(first)) == 2 and len(groups.members(second)) == 1
    assert {s.id for s in students} == {m.id for g in (first, second) for m in groups.members(g)} | {mover.id}


def test_random_groups_say_who_is_left_alone(client, make, login, klas):
    students = [make.student(klas) for _ in range(5)]
    login(klas.teacher)
    page = text_of(client.post(f"{groups_url(klas)}/willekeurig", follow_redirects=True))
    made = groups.groups_of(klas.id, A)
    [alone] = [groups.members(g)[0] for g in made if len(groups.members(g)) == 1]
    assert "3 groepen gemaakt." in page
    assert f"{alone.display_name} zit alleen in een groep, want de aantallen kwamen niet uit." in page
    assert alone.id in {s.id for s in students}


def test_another_classes_group_cannot_be_a_target(client, make, login, klas):
    student = make.student(klas)
    other = make.school_class()
    set_mode(other, "duo")
    foreign = groups.create_group(other.id, A)
    login(klas.teacher)
    client.post(f"{groups_url(klas)}/verplaatsen", data={"student": student.id, "to": foreign.id})
    assert groups.group_of(student, A) is None


def test_another_teacher_cannot_change_the_groups(client, make, login, klas):
    student = make.student(klas)
    login(make.user(Role.TEACHER))
    assert client.post(f"{groups_url(klas)}/willekeurig").status_code == 403
    assert client.post(f"{groups_url(klas)}/nieuw", data={"student": [student.id]}).status_code == 403
    assert groups.groups_of(klas.id, A) == []


# --------------------------------------------------------------------------- the student


def test_a_student_makes_a_group_and_a_classmate_joins_with_the_code(client, make, login, klas):
    anna, bram, cas = (make.student(klas, name=name) for name in ("Anna", "Bram", "Cas"))
    login(anna)
    page = text_of(client.get(f"{BASE}/groep"))
    assert "Meedoen met een groep" in page and "Zelf een groep maken" in page
    made = client.post(f"{BASE}/groep/maken", follow_redirects=True)
    group = groups.group_of(anna, A)
    assert f"De groepscode is {group.code}" in text_of(made)
    login(bram)
    wrong = client.post(f"{BASE}/groep/meedoen", data={"code": "QQQQQ"})
    assert wrong.status_code == 400
    page = text_of(wrong)
    assert "Deze groepscode kennen we niet" in page and 'value="QQQQQ"' in page
    joined = client.post(f"{BASE}/groep/meedoen", data={"code": group.code.lower()}, follow_redirects=True)
    assert "Je zit nu in de groep met Anna" in text_of(joined)
    login(cas)
    full = client.post(f"{BASE}/groep/meedoen", data={"code": group.code})
    assert "Deze groep is al vol." in text_of(full)
    assert groups.group_of(cas, A) is None


def test_working_alone_the_group_page_says_so(client, make, login):
    student = make.student(make.school_class())
    login(student)
    assert "Bij deze opdracht werk je alleen." in text_of(client.get(f"{BASE}/groep"))
    client.post(f"{BASE}/groep/maken")
    assert groups.group_of(student, A) is None


def test_the_step_page_says_who_saved_last(client, make, login, klas):
    anna, bram = make.student(klas, name="Anna"), make.student(klas, name="Bram")
    groups.create_group(klas.id, A, [anna, bram])
    save_draft(bram, JOURNEY)
    login(anna)
    page = text_of(client.get(f"{BASE}/bouwen/persona"))
    assert re.search(r"Laatst opgeslagen door Bram om \d\d:\d\d", page)
    assert "Je werkt samen met Bram." in page
    login(bram)
    assert re.search(r"Laatst opgeslagen door jou om \d\d:\d\d", text_of(client.get(f"{BASE}/bouwen/persona")))


def test_the_step_page_runs_each_query_once_whatever_the_hand_ins_and_conflicts(client, make, login, klas):
    from courseware.builder import conflicts

    from .test_todo import counting

    anna, bram = make.student(klas, name="Anna"), make.student(klas, name="Bram")
    groups.create_group(klas.id, A, [anna, bram])
    hand_in(anna, JOURNEY)
    login(anna)

    def statements() -> list[str]:
        db.session.expire_all()
        with counting() as seen:
            page = text_of(client.get(f"{BASE}/bouwen/touchpoints"))
        assert "Je werkt samen met Bram." in page
        return seen

    first = statements()
    assert len(set(first)) == len(first), first  # the group, the draft, ...: each looked up once
    assert not any("attempts.journey" in statement for statement in first)  # counted, not loaded
    for marker in ("Twee", "Drie"):
        hand_in(bram, journey(marker))
    save_draft(anna, journey("Vier"))  # she saved last again, as before (else: one query for Bram's name)
    conflicts.keep(anna.id, A, "persona", [("persona-name", "Sanne")])
    conflicts.keep(anna.id, A, "trigger", [("trigger", "Een brief")])
    later = statements()
    assert len(later) == len(first), "\n\n".join(later)
    page = text_of(client.get(f"{BASE}/bouwen/touchpoints"))
    assert "Mijn pogingen (3)" in page and page.count("ook ergens anders veranderd") == 2


def test_a_student_without_a_group_is_told_to_choose_one(client, make, login, klas):
    student = make.student(klas)
    login(student)
    assert "Maak of kies een groep" in text_of(client.get(f"{BASE}/bouwen/persona"))
    assert "Maak of kies een groep" in text_of(client.get(f"/opdrachten/{A}"))


def test_a_real_conflict_names_the_classmate_and_loses_nothing(client, make, login, klas):
    anna, bram = make.student(klas, name="Anna"), make.student(klas, name="Bram")
    groups.create_group(klas.id, A, [anna, bram])
    draft = save_draft(anna, JOURNEY)
    loaded = draft.version
    login(bram)
    client.post(f"{BASE}/bouwen/trigger/opslaan", data={"version": str(loaded), "trigger": "Versie van Bram."})
    login(anna)
    answer = client.post(f"{BASE}/bouwen/trigger/opslaan", data={"version": str(loaded), "trigger": "Versie van Anna."})
    assert answer.status_code == 409
    assert answer.get_json()["message"].startswith("Bram heeft jullie klantreis intussen veranderd")
    page = text_of(client.get(f"{BASE}/bouwen/trigger/conflict"))
    assert "Bram heeft deze stap ook veranderd" in page
    assert re.search(r"Laatst opgeslagen door Bram om \d\d:\d\d", page)
    assert "Versie van Bram." in page and "Versie van Anna." in page
    db.session.expire_all()
    assert groups.draft_for(anna, A).journey_data["trigger"] == "Versie van Bram."
    version = groups.draft_for(anna, A).version
    client.post(f"{BASE}/bouwen/trigger/conflict", data={"choice": "mine", "version": str(version)})
    db.session.expire_all()
    assert groups.draft_for(bram, A).journey_data["trigger"] == "Versie van Anna."
    assert groups.draft_for(bram, A).saved_by == anna.id


def test_one_hand_in_and_every_member_sees_it(client, make, login, klas):
    anna, bram = make.student(klas, name="Anna"), make.student(klas, name="Bram")
    groups.create_group(klas.id, A, [anna, bram])
    draft = save_draft(anna, JOURNEY)
    login(bram)
    handed = client.post(f"{BASE}/inleveren", data={"version": str(draft.version)})
    assert handed.location.endswith(f"{BASE}/pogingen/1")
    login(anna)
    again = client.post(f"{BASE}/inleveren", data={"version": str(draft.version)}, follow_redirects=True)
    assert "Bram had deze versie al ingeleverd. Dit is poging 1." in text_of(again)
    page = text_of(client.get(f"{BASE}/pogingen/1"))
    assert "Groepswerk van Anna en Bram. Ingeleverd door Bram." in page
    assert "Mijn pogingen (1)" in text_of(client.get(f"/opdrachten/{A}"))
    start = text_of(client.get("/"))
    assert "met Bram" in start and "ingeleverd" in start


def test_leaving_keeps_a_copy_and_the_hand_ins(client, make, login, klas):
    anna, bram = make.student(klas, name="Anna"), make.student(klas, name="Bram")
    group = groups.create_group(klas.id, A, [anna, bram])
    hand_in(anna, journey("Samen"))
    login(bram)
    page = text_of(client.get(f"{BASE}/groep"))
    assert "krijg je een kopie van jullie klantreis" in page
    refused = client.post(f"{BASE}/groep/verlaten", data={})
    assert refused.status_code == 400 and "Zet een vinkje" in text_of(refused)
    assert groups.group_of(bram, A) is not None
    left = client.post(f"{BASE}/groep/verlaten", data={"confirm": "y"}, follow_redirects=True)
    assert "Je hebt de groep verlaten" in text_of(left)
    assert groups.group_of(bram, A) is None
    assert Draft.find(bram.id, A).journey_data == Draft.of_group(group.id).journey_data
    assert client.get(f"{BASE}/pogingen/1").status_code == 200
    assert "Samen 1" in text_of(client.get(f"{BASE}/bouwen/phases"))


def test_a_student_removed_from_the_class_leaves_the_group_and_the_hand_ins_stay(client, make, login, klas):
    anna, bram = make.student(klas, name="Anna"), make.student(klas, name="Bram")
    group = groups.create_group(klas.id, A, [anna, bram])
    attempt = hand_in(anna, journey("Samen"))
    login(klas.teacher)
    assert client.post(f"/klassen/{klas.id}/leerlingen/{bram.id}/verwijderen").status_code == 302
    db.session.expire_all()
    assert [m.id for m in groups.members(group)] == [anna.id]
    assert Draft.find(bram.id, A) is None  # no copy: he sees nothing of the class's work
    assert {m.id for m in groups.hand_in_members(attempt)} == {anna.id, bram.id}  # a row on the grade sheet
    assert groups.draft_for(anna, A).group_id == group.id
    bram.class_id = klas.id  # back in the class: not back in the group, which has room again
    db.session.commit()
    assert groups.group_of(bram, A) is None


def test_my_data_holds_the_groups_draft_and_hand_ins(client, make, login, klas):
    anna, bram = make.student(klas, name="Anna"), make.student(klas, name="Bram")
    groups.create_group(klas.id, A, [anna, bram])
    hand_in(bram, journey("Samen"))
    login(anna)
    data = client.get("/mijn-gegevens").get_json(force=True)
    [draft] = data["concepten"]
    assert draft["groepswerk"] is True and draft["klantreis"]["phases"][0]["name"] == "Samen 1"
    [attempt] = data["pogingen"]
    assert attempt["groepswerk"] is True and attempt["nummer"] == 1
    assert "Bram" not in json.dumps(data)  # nothing about the classmate


def test_every_member_sees_the_released_grade_and_until_then_none(client, make, login, klas):
    anna, bram = make.student(klas, name="Anna"), make.student(klas, name="Bram")
    groups.create_group(klas.id, A, [anna, bram])
    attempt = hand_in(bram, JOURNEY)
    login(anna)
    page = text_of(client.get(f"{BASE}/pogingen"))
    assert "je docent kijkt het na" in page and "voorlopig cijfer" not in page  # grade_display: after review
    db.session.add(Review(attempt_id=attempt.id, comment="Mooi samen gedaan", done_at=utcnow(),
                          done_by=klas.teacher.id, released_at=utcnow()))
    db.session.commit()
    for member in (anna, bram):
        login(member)
        page = text_of(client.get(f"{BASE}/pogingen/1"))
        assert "Mooi samen gedaan" in page
        assert "beoordeling van je docent" in text_of(client.get(f"{BASE}/pogingen"))


def test_the_groups_page_does_not_query_per_group(client, make, login, klas):
    from .test_todo import counting

    login(klas.teacher)

    def statements() -> int:
        db.session.expire_all()
        with counting() as seen:
            assert client.get(groups_url(klas)).status_code == 200
        return len(seen)

    pair = [make.student(klas) for _ in range(2)]
    groups.create_group(klas.id, A, pair)
    hand_in(pair[0], JOURNEY)
    one = statements()
    for _ in range(3):
        more = [make.student(klas) for _ in range(2)]
        groups.create_group(klas.id, A, more)
        hand_in(more[0], JOURNEY)
    assert statements() == one
