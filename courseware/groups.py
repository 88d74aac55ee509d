"""Group work: who works with whom on an assignment, and which draft and attempts a student sees.

The model (courseware.models.groups and courseware.models.journeys):

- `ClassAssignment.group_mode` is "individual" (the default), "duo" or "trio": the most members
  a group of that class may have for that assignment (GROUP_SIZES, `max_members`).
- A `StudyGroup` belongs to one class and one assignment and has a short `code` (unique within
  that class and assignment) that a classmate types to join. `GroupMember` rows are its current
  members; a student is in at most one group per assignment (unique user + assignment). Only
  members who are still in the group's class count (`members`): a student removed from the
  class sees nothing of the group, and their row is dropped when they leave or join elsewhere.
- The group owns ONE draft: `Draft.group_id` set, `Draft.user_id` NULL. Every save records
  `Draft.saved_by`. A member's own draft (if they had one) is left alone while they are in the
  group; leaving replaces it with a copy of the group's draft (`leave`).
- A group's hand-in is an `Attempt` with `group_id` set; `Attempt.user_id` is the member who
  handed in. `attempt_members` records the members at that moment: each of them sees the
  attempt, its feedback and its released grade for good, also after leaving (`visible_attempts`);
  the grade sheet has a row per student in `attempt_members`. Someone who joins later does not
  see the hand-ins from before they joined.
- Attempt numbers: individual attempts are unique per student, group attempts per group (partial
  unique indexes). `next_attempt_number` picks one above every number any student concerned
  already sees, so a student never sees two attempts with the same number and
  `find_attempt(user, assignment_id, number)` is unambiguous.

THE functions for a student's pages: `draft_for(user, assignment_id)` (the draft the student works
on: the group's, or their own; `draft_in` when the group is known) and `visible_attempts` /
`visible_attempt_count` / `find_attempt` (the attempts they see), instead of Draft.find /
Attempt.for_student. The teacher's side uses `groups_of`, `members`, `hand_in_members`,
`attempts_of_group`, `codes_by_student` and `students_with_draft`.
"""
from __future__ import annotations

import random
import secrets
from collections.abc import Iterable

from flask_babel import gettext as _
from sqlalchemy import bindparam, delete, func, insert, or_, select
from sqlalchemy.exc import IntegrityError

from .extensions import db
from .models import Attempt, ClassAssignment, Draft, Review, User
from .models.accounts import JOIN_CODE_ALPHABET, Role, utcnow
from .models.groups import GROUP_CODE_LENGTH, GroupMember, StudyGroup, attempt_members

INDIVIDUAL = "individual"
GROUP_SIZES = {INDIVIDUAL: 1, "duo": 2, "trio": 3}


class GroupError(Exception):
    """A group change that is not allowed; `message` says why, in Dutch, for next to the field."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


# --- settings ---------------------------------------------------------------------------------

def group_mode(class_id: int | None, assignment_id: str) -> str:
    """"individual", "duo" or "trio" for this class and assignment (individual without a class)."""
    if class_id is None:
        return INDIVIDUAL
    setting = ClassAssignment.find(class_id, assignment_id)
    mode = setting.group_mode if setting is not None else INDIVIDUAL
    return mode if mode in GROUP_SIZES else INDIVIDUAL


def max_members(class_id: int | None, assignment_id: str) -> int:
    """The most members a group may have (1: individual work, no groups)."""
    return GROUP_SIZES[group_mode(class_id, assignment_id)]


def largest_group_size(class_id: int, assignment_id: str) -> int:
    """The size of the biggest group of the class for the assignment now (0: no groups): the
    group mode cannot be set below it."""
    found = members_by_group([group.id for group in groups_of(class_id, assignment_id)])
    return max((len(users) for users in found.values()), default=0)


# --- who is in which group --------------------------------------------------------------------

def _current_members_query(*group_ids: int):
    return (select(GroupMember.group_id, User).join(GroupMember, GroupMember.user_id == User.id)
            .join(StudyGroup, StudyGroup.id == GroupMember.group_id)
            .where(GroupMember.group_id.in_(group_ids), User.class_id == StudyGroup.class_id,
                   User.role == Role.STUDENT)
            .order_by(User.display_name, User.id))


def members(group: StudyGroup) -> list[User]:
    """The group's members who are still in its class, by name."""
    return members_by_group([group.id])[group.id]


def members_by_group(group_ids: list[int]) -> dict[int, list[User]]:
    """`members` of several groups in one query: group id -> members by name (every id present)."""
    found: dict[int, list[User]] = {group_id: [] for group_id in group_ids}
    if group_ids:
        for group_id, user in db.session.execute(_current_members_query(*group_ids)):
            found[group_id].append(user)
    return found


def hand_in_counts(group_ids: list[int]) -> dict[int, int]:
    """How many times each group handed in, in one query (every id present)."""
    counts = dict.fromkeys(group_ids, 0)
    if group_ids:
        counts.update(db.session.execute(select(Attempt.group_id, func.count()).where(
            Attempt.group_id.in_(group_ids)).group_by(Attempt.group_id)).all())
    return counts


def group_of(user: User, assignment_id: str) -> StudyGroup | None:
    """The group the student is in for this assignment in their current class, or None."""
    if user.class_id is None:
        return None
    return db.session.scalar(_GROUP_OF, {"user_id": user.id, "assignment_id": assignment_id,
                                         "class_id": user.class_id})


_GROUP_OF = (  # built once, with bound parameters: see docs/performance.md, "Step page CPU"
    select(StudyGroup).join(GroupMember, GroupMember.group_id == StudyGroup.id)
    .where(GroupMember.user_id == bindparam("user_id"), GroupMember.assignment_id == bindparam("assignment_id"),
           StudyGroup.class_id == bindparam("class_id")))


def groups_of(class_id: int, assignment_id: str) -> list[StudyGroup]:
    """Every group of the class for the assignment, oldest first (empty ones too: they may hold
    hand-ins)."""
    return list(db.session.scalars(
        select(StudyGroup).where(StudyGroup.class_id == class_id, StudyGroup.assignment_id == assignment_id)
        .order_by(StudyGroup.created_at, StudyGroup.id)))


def group_by_code(class_id: int, assignment_id: str, code: str) -> StudyGroup | None:
    code = normalise_code(code)
    if not code:
        return None
    return db.session.scalar(select(StudyGroup).where(
        StudyGroup.class_id == class_id, StudyGroup.assignment_id == assignment_id, StudyGroup.code == code))


def normalise_code(raw: str | None) -> str:
    """What a student typed as a group code: capitals, no spaces or dashes."""
    return "".join(ch for ch in str(raw or "").upper() if ch.isalnum())[:20]


def ungrouped_students(class_id: int, assignment_id: str) -> list[User]:
    """The class's students who are in no group for this assignment, by name."""
    grouped = (select(GroupMember.user_id).join(StudyGroup, StudyGroup.id == GroupMember.group_id)
               .where(StudyGroup.class_id == class_id, GroupMember.assignment_id == assignment_id))
    return list(db.session.scalars(
        select(User).where(User.class_id == class_id, User.role == Role.STUDENT, User.id.not_in(grouped))
        .order_by(User.display_name, User.id)))


# --- the draft and the attempts a student sees ------------------------------------------------

def draft_for(user: User, assignment_id: str) -> Draft | None:
    """THE draft the student works on: their group's draft when they are in a group, else their own."""
    return draft_in(group_of(user, assignment_id), user, assignment_id)


def draft_in(group: StudyGroup | None, user: User, assignment_id: str) -> Draft | None:
    """`draft_for` when the student's group for the assignment (`group_of`) is already known."""
    if group is not None:
        return Draft.of_group(group.id)
    return Draft.find(user.id, assignment_id)


def seen_by(user_id: int):
    """SQL condition on Attempt: the attempts this student sees (every assignment): their own
    individual attempts and every group attempt they were a member of when it was handed in."""
    was_member = select(attempt_members.c.attempt_id).where(attempt_members.c.user_id == user_id)
    return or_(Attempt.id.in_(was_member), (Attempt.user_id == user_id) & Attempt.group_id.is_(None))


def visible_attempts(user: User, assignment_id: str) -> list[Attempt]:
    """THE attempts the student sees for this assignment, by number (see `seen_by`)."""
    return list(db.session.scalars(
        select(Attempt).where(Attempt.assignment_id == assignment_id, seen_by(user.id))
        .order_by(Attempt.number, Attempt.id)))


def visible_attempt_count(user: User, assignment_id: str) -> int:
    """How many `visible_attempts` the student has for this assignment (one COUNT, nothing loaded)."""
    return db.session.scalar(_VISIBLE_ATTEMPT_COUNT, {"user_id": user.id, "assignment_id": assignment_id})


_VISIBLE_ATTEMPT_COUNT = (  # built once, with bound parameters: see docs/performance.md, "Step page CPU"
    select(func.count()).select_from(Attempt)
    .where(Attempt.assignment_id == bindparam("assignment_id"), seen_by(bindparam("user_id"))))


def graded_state(user: User, assignment_id: str) -> str:
    """Whether the teacher's grade of the student's work may be seen: "latest" (of the newest hand-in
    they see), "earlier" (only of an earlier one) or "" (none released). One small query; no attempt
    or report is loaded."""
    released = [when is not None for when in db.session.scalars(
        select(Review.released_at).select_from(Attempt).outerjoin(Review, Review.attempt_id == Attempt.id)
        .where(Attempt.assignment_id == assignment_id, seen_by(user.id))
        .order_by(Attempt.number.desc(), Attempt.id.desc()))]  # newest first
    return "latest" if released[:1] == [True] else "earlier" if any(released) else ""


def find_attempt(user: User, assignment_id: str, number: int) -> Attempt | None:
    """The attempt with this number among the ones the student sees, or None."""
    return db.session.scalar(
        select(Attempt).where(Attempt.assignment_id == assignment_id, Attempt.number == number, seen_by(user.id))
        .order_by(Attempt.id).limit(1))


def groups_by_assignment(user: User, assignment_ids: Iterable[str]) -> dict[str, StudyGroup]:
    """The student's current group per assignment (only the assignments where they are in one)."""
    if user.class_id is None:
        return {}
    return {group.assignment_id: group for group in db.session.scalars(
        select(StudyGroup).join(GroupMember, GroupMember.group_id == StudyGroup.id)
        .where(GroupMember.user_id == user.id, GroupMember.assignment_id.in_(list(assignment_ids)),
               StudyGroup.class_id == user.class_id))}


def assignments_with_draft(user: User, assignment_ids: Iterable[str]) -> set[str]:
    """Of these assignments, the ones where the draft the student works on exists (two queries)."""
    ids = list(assignment_ids)
    in_group = groups_by_assignment(user, ids)
    own = set(db.session.scalars(
        select(Draft.assignment_id).where(Draft.user_id == user.id, Draft.assignment_id.in_(ids))))
    shared = set(db.session.scalars(select(Draft.assignment_id).where(
        Draft.group_id.in_([group.id for group in in_group.values()])))) if in_group else set()
    return {aid for aid in own if aid not in in_group} | shared


def hand_in_member_ids(attempt: Attempt) -> set[int]:
    """The ids of the students the attempt belongs to: the members at hand-in time (a group
    attempt) or the student who handed in."""
    if attempt.group_id is None:
        return {attempt.user_id}
    return set(db.session.scalars(
        select(attempt_members.c.user_id).where(attempt_members.c.attempt_id == attempt.id)))


def hand_in_members(attempt: Attempt) -> list[User]:
    """The students the attempt belongs to, by name (see hand_in_member_ids)."""
    ids = hand_in_member_ids(attempt)
    return list(db.session.scalars(select(User).where(User.id.in_(ids)).order_by(User.display_name, User.id)))


def attempts_of_group(group: StudyGroup) -> list[Attempt]:
    """Every hand-in of the group, by number."""
    return list(db.session.scalars(select(Attempt).where(Attempt.group_id == group.id).order_by(Attempt.number)))


def attempt_of_version(user: User, assignment_id: str, draft: Draft) -> Attempt | None:
    """The attempt that handed in this version of `draft` (the group's or the student's own)."""
    if draft.group_id is not None:
        return Attempt.of_group_draft_version(draft.group_id, draft.version)
    return Attempt.of_draft_version(user.id, assignment_id, draft.version)


def next_attempt_number(user: User, assignment_id: str, group: StudyGroup | None) -> int:
    """The number of the next hand-in: one above every number that the group or any student
    concerned (the student, or every current member) already sees."""
    people = members(group) if group is not None else [user]
    if user not in people:
        people.append(user)
    was_member = select(attempt_members.c.attempt_id).where(
        attempt_members.c.user_id.in_([person.id for person in people]))
    conditions = [Attempt.id.in_(was_member),
                  Attempt.user_id.in_([person.id for person in people]) & Attempt.group_id.is_(None)]
    if group is not None:
        conditions.append(Attempt.group_id == group.id)
    highest = db.session.scalar(
        select(func.max(Attempt.number)).where(Attempt.assignment_id == assignment_id, or_(*conditions)))
    return (highest or 0) + 1


def record_hand_in_members(attempt: Attempt, people: Iterable[User]) -> None:
    """Store who the (group) attempt belongs to. The caller commits."""
    rows = [{"attempt_id": attempt.id, "user_id": person.id} for person in {p.id: p for p in people}.values()]
    if rows:
        db.session.execute(insert(attempt_members), rows)


def join_names(people: Iterable[User]) -> str:
    """"Anna", "Anna en Bram", "Anna, Bram en Cas"."""
    names = [person.display_name for person in people]
    if len(names) < 2:
        return "".join(names)
    return _("%(names)s en %(last)s", names=", ".join(names[:-1]), last=names[-1])


def codes_by_student(class_id: int, assignment_id: str) -> dict[int, str]:
    """The group code of every student of the class who is in a group for the assignment now
    (one query; for a "groep" column)."""
    return dict(db.session.execute(
        select(GroupMember.user_id, StudyGroup.code).join(StudyGroup, StudyGroup.id == GroupMember.group_id)
        .join(User, User.id == GroupMember.user_id)
        .where(StudyGroup.class_id == class_id, GroupMember.assignment_id == assignment_id,
               User.class_id == class_id)).all())


def students_with_draft(class_id: int, assignment_id: str) -> set[int]:
    """The ids of the class's students whose working draft exists: their own draft when they are
    in no group, their group's draft when they are (for "concept" on the teacher's pages)."""
    member_rows = db.session.execute(
        select(GroupMember.user_id, GroupMember.group_id).join(StudyGroup, StudyGroup.id == GroupMember.group_id)
        .join(User, User.id == GroupMember.user_id)
        .where(StudyGroup.class_id == class_id, GroupMember.assignment_id == assignment_id,
               User.class_id == class_id)).all()
    in_group = {user_id for user_id, _group in member_rows}
    with_group_draft = set(db.session.scalars(select(Draft.group_id).where(
        Draft.group_id.in_({group_id for _user, group_id in member_rows})))) if member_rows else set()
    own = set(db.session.scalars(
        select(Draft.user_id).join(User, User.id == Draft.user_id)
        .where(User.class_id == class_id, Draft.assignment_id == assignment_id)))
    return {uid for uid in own if uid not in in_group} | {
        user_id for user_id, group_id in member_rows if group_id in with_group_draft}


# --- making and changing groups ---------------------------------------------------------------

def new_code(class_id: int, assignment_id: str) -> str:
    """A fresh group code no group of this class and assignment has."""
    while True:
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(GROUP_CODE_LENGTH))
        if group_by_code(class_id, assignment_id, code) is None:
            return code


def _drop_stale_membership(user: User, assignment_id: str) -> None:
    """A membership for this assignment in a group of another class (the student moved): gone."""
    for row in db.session.scalars(select(GroupMember).where(
            GroupMember.user_id == user.id, GroupMember.assignment_id == assignment_id)):
        if row.group.class_id != user.class_id:
            db.session.delete(row)
    db.session.flush()


def _copy_draft(source: Draft, *, user_id: int | None = None, group_id: int | None = None,
                saved_by: int | None = None) -> Draft:
    return Draft(user_id=user_id, group_id=group_id, assignment_id=source.assignment_id, data=source.data,
                 step=source.step, version=1, saved_by=saved_by if saved_by is not None else source.saved_by,
                 updated_at=utcnow())


def _seed_group_draft(group: StudyGroup, people: Iterable[User]) -> None:
    """A group without a draft starts from the most recently saved own draft of `people`."""
    if Draft.of_group(group.id) is not None:
        return
    drafts = [draft for person in people if (draft := Draft.find(person.id, group.assignment_id)) is not None]
    if drafts:
        newest = max(drafts, key=lambda draft: draft.saved_at)
        db.session.add(_copy_draft(newest, group_id=group.id, saved_by=newest.saved_by or newest.user_id))
        db.session.flush()


def _check_can_group(user: User, class_id: int, assignment_id: str) -> None:
    if not user.is_student or user.class_id != class_id:
        raise GroupError(_("Alleen leerlingen van deze klas kunnen in een groep."))
    if max_members(class_id, assignment_id) < 2:
        raise GroupError(_("Bij deze opdracht werk je alleen. Je docent kan groepswerk aanzetten."))


def create_group(class_id: int, assignment_id: str, people: Iterable[User] = (), *,
                 created_by: User | None = None) -> StudyGroup:
    """A new group with these students in it (none: an empty group). Commits. Raises GroupError."""
    people = list(people)
    if len(people) > max_members(class_id, assignment_id):
        raise GroupError(_("Een groep mag hoogstens %(count)d leerlingen hebben.",
                           count=max_members(class_id, assignment_id)))
    for person in people:
        _check_can_group(person, class_id, assignment_id)
        _drop_stale_membership(person, assignment_id)
        if group_of(person, assignment_id) is not None:
            raise GroupError(_("%(name)s zit al in een groep.", name=person.display_name))
    if max_members(class_id, assignment_id) < 2:
        raise GroupError(_("Zet eerst groepswerk aan (duo of trio)."))
    for _try in range(3):
        group = StudyGroup(class_id=class_id, assignment_id=assignment_id, code=new_code(class_id, assignment_id),
                           created_by=created_by.id if created_by is not None else None, created_at=utcnow())
        db.session.add(group)
        try:
            db.session.flush()
            for person in people:
                db.session.add(GroupMember(group_id=group.id, user_id=person.id, assignment_id=assignment_id,
                                           joined_at=utcnow()))
            db.session.flush()
            _seed_group_draft(group, people)
            db.session.commit()
            return group
        except IntegrityError:  # the same code a moment ago, or a student joined elsewhere meanwhile
            db.session.rollback()
            if any(group_of(person, assignment_id) is not None for person in people):
                raise GroupError(_("Een van deze leerlingen zit al in een groep.")) from None
    raise GroupError(_("De groep maken lukte niet. Probeer het nog een keer."))


def join(user: User, group: StudyGroup) -> None:
    """Put the student in the group (the group must have room). Commits. Raises GroupError."""
    _check_can_group(user, group.class_id, group.assignment_id)
    _drop_stale_membership(user, group.assignment_id)
    current = group_of(user, group.assignment_id)
    if current is not None:
        if current.id == group.id:
            return
        raise GroupError(_("Je zit al in een groep. Verlaat die eerst."))
    if len(members(group)) >= max_members(group.class_id, group.assignment_id):
        raise GroupError(_("Deze groep is al vol."))
    db.session.add(GroupMember(group_id=group.id, user_id=user.id, assignment_id=group.assignment_id,
                               joined_at=utcnow()))
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise GroupError(_("Je zit al in een groep. Verlaat die eerst.")) from None
    if len(members(group)) > max_members(group.class_id, group.assignment_id):  # a classmate was just faster
        db.session.rollback()
        raise GroupError(_("Deze groep is al vol."))
    _seed_group_draft(group, [user])
    db.session.commit()


def join_by_code(user: User, assignment_id: str, code: str) -> StudyGroup:
    """Join the group with this code in the student's class. Commits. Raises GroupError."""
    if not normalise_code(code):
        raise GroupError(_("Vul de groepscode in."))
    group = group_by_code(user.class_id, assignment_id, code) if user.class_id is not None else None
    if group is None:
        raise GroupError(_("Deze groepscode kennen we niet. Kijk of je hem goed hebt overgenomen."))
    join(user, group)
    return group


def leave(user: User, group: StudyGroup) -> None:
    """Take the student out of the group. Commits.

    Nothing handed in is lost: the attempts from their time stay theirs (attempt_members). Their
    own draft becomes a copy of the group's current draft, so they can go on with it. A group
    left without members and without hand-ins is deleted with its draft."""
    row = db.session.get(GroupMember, (group.id, user.id))
    if row is None:
        return
    group_draft = Draft.of_group(group.id)
    if group_draft is not None:
        own = Draft.find(user.id, group.assignment_id)
        if own is not None:
            db.session.delete(own)
            db.session.flush()
        db.session.add(_copy_draft(group_draft, user_id=user.id))
    db.session.delete(row)
    db.session.flush()
    _delete_if_unused(group)
    db.session.commit()


def _delete_if_unused(group: StudyGroup) -> None:
    has_rows = db.session.scalar(select(func.count()).select_from(GroupMember).where(GroupMember.group_id == group.id))
    has_attempts = db.session.scalar(select(func.count(Attempt.id)).where(Attempt.group_id == group.id))
    if not has_rows and not has_attempts:
        db.session.execute(delete(Draft).where(Draft.group_id == group.id))
        db.session.delete(group)


def move(user: User, assignment_id: str, group: StudyGroup | None) -> None:
    """The teacher moves a student to another group of the assignment (None: out of every
    group). Commits. Raises GroupError when the new group is full."""
    current = group_of(user, assignment_id)
    if group is not None and current is not None and current.id == group.id:
        return
    if group is not None and len(members(group)) >= max_members(group.class_id, group.assignment_id):
        raise GroupError(_("Deze groep is al vol."))
    if current is not None:
        leave(user, current)
    if group is not None:
        join(user, group)


def forget_class(user: User, class_id: int) -> None:
    """The student is taken out of the class: out of its groups, without a copy of a group's draft
    (they see nothing of the class's work any more; what was handed in stays, with them in
    `attempt_members`). Call before changing `user.class_id`. Commits."""
    rows = db.session.scalars(
        select(GroupMember).join(StudyGroup, StudyGroup.id == GroupMember.group_id)
        .where(GroupMember.user_id == user.id, StudyGroup.class_id == class_id)).all()
    for row in rows:
        group = row.group
        db.session.delete(row)
        db.session.flush()
        _delete_if_unused(group)
    db.session.commit()


def split_randomly(class_id: int, assignment_id: str, *, created_by: User | None = None,
                   rng: random.Random | None = None) -> list[StudyGroup]:
    """Put every student of the class who is in no group yet into new groups of the chosen size,
    at random: as few groups as fit, their sizes differing by one at most (7 in trios: 3 + 2 + 2;
    5 in duos: 2 + 2 + 1). Commits."""
    size = max_members(class_id, assignment_id)
    if size < 2:
        raise GroupError(_("Zet eerst groepswerk aan (duo of trio)."))
    students = ungrouped_students(class_id, assignment_id)
    (rng or random.SystemRandom()).shuffle(students)
    count = -(-len(students) // size)  # ceiling: as few groups as fit
    made = []
    for index in range(count):
        chunk = students[index::count]  # spreads the remainder: sizes differ by one at most
        made.append(create_group(class_id, assignment_id, chunk, created_by=created_by))
    return made
