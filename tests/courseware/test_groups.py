"""Group work's model and rules (courseware/groups.py): modes, codes, joining with the size limit,
random groups, the shared draft, one hand-in for the group, and leaving without losing anything."""
from __future__ import annotations

import random

import pytest
from sqlalchemy.exc import IntegrityError

from courseware import groups
from courseware.admin.deletion import delete_user
from courseware.builder import handin
from courseware.catalogue import get_assignment
from courseware.extensions import db
from courseware.models import Attempt, Draft
from courseware.models.accounts import JOIN_CODE_ALPHABET
from courseware.models.groups import GroupMember

from .journeys import JOURNEY, SHORT_JOURNEY, A, class_in_duos, hand_in, save_draft, set_mode

klas = pytest.fixture(name="klas")(class_in_duos)


def test_a_class_assignment_is_individual_until_the_teacher_chooses_groups(make):
    klas = make.school_class()
    student = make.student(klas)
    assert groups.group_mode(klas.id, A) == "individual"
    assert groups.max_members(klas.id, A) == 1
    with pytest.raises(groups.GroupError, match="alleen"):
        groups.create_group(klas.id, A, [student])
    set_mode(klas, "trio")
    assert groups.max_members(klas.id, A) == 3


def test_a_group_gets_a_short_readable_code_unique_in_its_class(make, klas):
    made = [groups.create_group(klas.id, A) for _ in range(5)]
    codes = [group.code for group in made]
    assert len(set(codes)) == 5
    assert all(len(code) == 5 and set(code) <= set(JOIN_CODE_ALPHABET) for code in codes)
    assert groups.group_by_code(klas.id, A, codes[0].lower()[:2] + " " + codes[0][2:]).id == made[0].id
    assert groups.group_by_code(make.school_class().id, A, codes[0]) is None  # another class


def test_classmates_join_with_the_code_up_to_the_groups_size(make, klas):
    first, second, third = (make.student(klas, name=name) for name in ("Anna", "Bram", "Cas"))
    group = groups.create_group(klas.id, A, [first])
    with pytest.raises(groups.GroupError, match="kennen we niet"):
        groups.join_by_code(second, A, "ZZZZZ")
    with pytest.raises(groups.GroupError, match="Vul de groepscode in"):
        groups.join_by_code(second, A, "  ")
    assert groups.join_by_code(second, A, group.code.lower()).id == group.id
    with pytest.raises(groups.GroupError, match="vol"):
        groups.join_by_code(third, A, group.code)
    assert [m.display_name for m in groups.members(group)] == ["Anna", "Bram"]
    with pytest.raises(groups.GroupError, match="al in een groep"):
        groups.create_group(klas.id, A, [second])


def test_a_student_of_another_class_cannot_join(make, klas):
    group = groups.create_group(klas.id, A, [make.student(klas)])
    stranger = make.student(make.school_class())
    with pytest.raises(groups.GroupError, match="kennen we niet"):
        groups.join_by_code(stranger, A, group.code)
    with pytest.raises(groups.GroupError):
        groups.join(stranger, group)


def test_the_database_holds_a_student_to_one_group_per_assignment(make, klas):
    student = make.student(klas)
    groups.create_group(klas.id, A, [student])
    other = groups.create_group(klas.id, A)
    db.session.add(GroupMember(group_id=other.id, user_id=student.id, assignment_id=A))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


@pytest.mark.parametrize(("mode", "count", "sizes"), [
    ("duo", 5, [1, 2, 2]), ("duo", 6, [2, 2, 2]), ("trio", 7, [2, 2, 3]), ("trio", 4, [2, 2])])
def test_random_groups_take_everyone_not_in_a_group_yet(make, mode, count, sizes):
    klas = make.school_class()
    set_mode(klas, mode)
    students = [make.student(klas) for _ in range(count + 1)]
    already = groups.create_group(klas.id, A, [students[0]])
    made = groups.split_randomly(klas.id, A, rng=random.Random(4))
    assert sorted(len(groups.members(group)) for group in made) == sizes
    placed = [member.id for group in made for member in groups.members(group)]
    assert sorted(placed) == sorted(student.id for student in students[1:])
    assert [m.id for m in groups.members(already)] == [students[0].id]
    assert groups.ungrouped_students(klas.id, A) == []


def test_members_share_one_draft_and_the_last_saver_is_recorded(make, klas):
    anna, bram = make.student(klas, name="Anna"), make.student(klas, name="Bram")
    group = groups.create_group(klas.id, A, [anna, bram])
    save_draft(anna, SHORT_JOURNEY)
    draft = groups.draft_for(bram, A)
    assert draft is not None and draft.group_id == group.id and draft.user_id is None
    assert draft.saved_by == anna.id
    save_draft(bram, JOURNEY)
    db.session.expire_all()
    assert groups.draft_for(anna, A).id == draft.id
    assert len(groups.draft_for(anna, A).journey_data["phases"]) == 3
    assert groups.draft_for(anna, A).saver.display_name == "Bram"
    assert Draft.find(anna.id, A) is None and Draft.find(bram.id, A) is None


def test_a_new_group_starts_from_a_members_own_draft(make, klas):
    anna, bram = make.student(klas), make.student(klas)
    own = save_draft(bram, SHORT_JOURNEY)
    group = groups.create_group(klas.id, A, [anna, bram])
    shared = Draft.of_group(group.id)
    assert shared.journey_data == own.journey_data
    assert Draft.find(bram.id, A) is not None  # their own draft stays


def test_one_hand_in_for_the_group_that_every_member_sees(make, klas):
    anna, bram = make.student(klas), make.student(klas)
    outsider = make.student(klas)
    group = groups.create_group(klas.id, A, [anna, bram])
    attempt = hand_in(bram, JOURNEY)
    assert attempt.group_id == group.id and attempt.user_id == bram.id and attempt.number == 1
    assert {m.id for m in groups.hand_in_members(attempt)} == {anna.id, bram.id}
    assert [a.id for a in groups.visible_attempts(anna, A)] == [attempt.id]
    assert groups.find_attempt(anna, A, 1).id == attempt.id
    assert groups.visible_attempts(outsider, A) == []
    assert groups.find_attempt(outsider, A, 1) is None
    assert attempt in groups.visible_attempts(anna, A) and attempt not in groups.visible_attempts(outsider, A)
    second = hand_in(anna, JOURNEY)
    assert second.number == 2 and groups.attempts_of_group(group) == [attempt, second]


def test_a_group_hands_in_each_draft_version_once(make, klas):
    anna, bram = make.student(klas), make.student(klas)
    groups.create_group(klas.id, A, [anna, bram])
    draft = save_draft(anna)
    first = handin.hand_in(anna, get_assignment(A), draft, once=True)
    with pytest.raises(handin.AlreadyHandedIn) as caught:
        handin.hand_in(bram, get_assignment(A), groups.draft_for(bram, A), once=True)
    assert caught.value.attempt.id == first.id


def test_numbers_never_repeat_among_what_a_student_sees(make, klas):
    anna, bram = make.student(klas), make.student(klas)
    hand_in(anna, JOURNEY)
    hand_in(anna, JOURNEY)  # two of her own first
    groups.create_group(klas.id, A, [anna, bram])
    group_attempt = hand_in(bram, JOURNEY)
    assert group_attempt.number == 3
    assert [a.number for a in groups.visible_attempts(anna, A)] == [1, 2, 3]
    assert [a.number for a in groups.visible_attempts(bram, A)] == [3]
    assert (groups.visible_attempt_count(anna, A), groups.visible_attempt_count(bram, A)) == (3, 1)


def test_leaving_keeps_the_hand_ins_and_gives_a_copy_of_the_draft(make, klas):
    anna, bram = make.student(klas), make.student(klas)
    group = groups.create_group(klas.id, A, [anna, bram])
    save_draft(anna, SHORT_JOURNEY)
    before = hand_in(anna, JOURNEY)
    groups.leave(bram, group)
    db.session.expire_all()
    assert groups.group_of(bram, A) is None
    own = groups.draft_for(bram, A)
    assert own.user_id == bram.id and own.group_id is None
    assert own.journey_data == Draft.of_group(group.id).journey_data
    after = hand_in(anna, SHORT_JOURNEY)
    assert [a.id for a in groups.visible_attempts(bram, A)] == [before.id]
    assert [a.id for a in groups.visible_attempts(anna, A)] == [before.id, after.id]
    assert {m.id for m in groups.hand_in_members(after)} == {anna.id}
    mine = hand_in(bram, JOURNEY)  # on alone: his own numbers go on above what he sees
    assert mine.group_id is None and mine.number == 2
    assert (groups.visible_attempt_count(anna, A), groups.visible_attempt_count(bram, A)) == (2, 2)
    assert groups.visible_attempt_count(bram, "lesuitval") == 0


def test_an_empty_group_without_hand_ins_disappears(make, klas):
    anna = make.student(klas)
    group = groups.create_group(klas.id, A, [anna])
    save_draft(anna)
    group_id = group.id
    groups.leave(anna, group)
    assert groups.groups_of(klas.id, A) == []
    assert Draft.of_group(group_id) is None
    assert Draft.find(anna.id, A) is not None


def test_a_student_removed_from_the_class_drops_out_of_the_group(make, klas):
    anna, bram = make.student(klas), make.student(klas)
    group = groups.create_group(klas.id, A, [anna, bram])
    attempt = hand_in(anna)
    bram.class_id = None
    db.session.commit()
    assert [m.id for m in groups.members(group)] == [anna.id]
    assert groups.group_of(bram, A) is None
    assert db.session.get(Attempt, attempt.id) is not None
    assert {m.id for m in groups.hand_in_members(attempt)} == {anna.id, bram.id}  # the grade sheet keeps him


def test_the_teacher_moves_a_student_to_a_group_with_room_only(make, klas):
    anna, bram, cas, dirk = (make.student(klas) for _ in range(4))
    first = groups.create_group(klas.id, A, [anna, bram])
    second = groups.create_group(klas.id, A, [cas])
    with pytest.raises(groups.GroupError, match="vol"):
        groups.move(dirk, A, first)
    groups.move(bram, A, second)
    assert {m.id for m in groups.members(second)} == {bram.id, cas.id}
    assert groups.largest_group_size(klas.id, A) == 2
    assert groups.codes_by_student(klas.id, A) == {bram.id: second.code, cas.id: second.code,
                                                   anna.id: first.code}
    groups.move(bram, A, None)
    assert groups.group_of(bram, A) is None


def test_students_with_a_draft_counts_the_groups_draft_for_every_member(make, klas):
    anna, bram, cas, dirk = (make.student(klas) for _ in range(4))
    save_draft(cas)  # on his own
    save_draft(dirk)
    groups.create_group(klas.id, A, [anna, bram])
    assert groups.students_with_draft(klas.id, A) == {cas.id, dirk.id}
    save_draft(anna)
    groups.create_group(klas.id, A, [dirk])  # his own draft becomes the group's start
    assert groups.students_with_draft(klas.id, A) == {anna.id, bram.id, cas.id, dirk.id}


def test_deleting_a_members_account_leaves_the_groups_work(make, klas):
    anna, bram = make.student(klas), make.student(klas)
    group = groups.create_group(klas.id, A, [anna, bram])
    attempt = hand_in(anna, JOURNEY)
    save_draft(bram, SHORT_JOURNEY)
    delete_user(bram.id)
    draft = Draft.of_group(group.id)
    assert draft is not None and draft.saved_by is None  # his name goes, the group's work stays
    assert groups.visible_attempts(anna, A) == [db.session.get(Attempt, attempt.id)]
    assert {m.id for m in groups.hand_in_members(attempt)} == {anna.id}
    assert [m.id for m in groups.members(group)] == [anna.id]
