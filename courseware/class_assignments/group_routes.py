"""The groups of a class's assignment, for its teachers: every group with its code and members;
make a group by picking students from a list, put everyone without a group into random groups
("Willekeurig indelen"), and move or remove a member. The rules are in courseware.groups."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from assignments import Assignment

from .. import groups
from ..access import teacher_required
from ..extensions import db
from ..models import Role, SchoolClass, User
from ..models.groups import StudyGroup
from ..teaching import class_and_assignment
from . import bp
from .forms import MoveMemberForm, NewGroupForm, RandomGroupsForm

PREFIX = "/klassen/<int:class_id>/opdrachten/<assignment_id>/groepen"


def _page(klas: SchoolClass, assignment: Assignment, *, picked: set[int] | None = None,
          pick_error: str = "", status: int = 200):
    made = groups.groups_of(klas.id, assignment.id)
    ids = [group.id for group in made]
    found, hand_ins = groups.members_by_group(ids), groups.hand_in_counts(ids)
    rows = [(group, found[group.id], hand_ins[group.id]) for group in made]
    return render_template(
        "class_assignments/groups.html", klas=klas, assignment=assignment, rows=rows,
        size=groups.max_members(klas.id, assignment.id), mode=groups.group_mode(klas.id, assignment.id),
        ungrouped=groups.ungrouped_students(klas.id, assignment.id), picked=picked or set(),
        pick_error=pick_error, new_form=NewGroupForm(formdata=None), random_form=RandomGroupsForm(formdata=None),
        move_form=MoveMemberForm(formdata=None),
    ), status


def _back(klas: SchoolClass, assignment: Assignment):
    return redirect(url_for(".groups_page", class_id=klas.id, assignment_id=assignment.id))


def _expired() -> None:
    flash(_("Dat lukte niet, want de pagina was te lang open. Probeer het nog een keer."), "error")


def _student_of(klas: SchoolClass, raw: str | None) -> User | None:
    text = str(raw or "")
    if not text.isdecimal() or len(text) > 12:
        return None
    user = db.session.get(User, int(text))
    return user if user is not None and user.role == Role.STUDENT and user.class_id == klas.id else None


@bp.get(PREFIX)
@teacher_required
def groups_page(class_id: int, assignment_id: str):
    klas, assignment = class_and_assignment(class_id, assignment_id)
    return _page(klas, assignment)


@bp.post(PREFIX + "/nieuw")
@teacher_required
def group_new(class_id: int, assignment_id: str):
    klas, assignment = class_and_assignment(class_id, assignment_id)
    if not NewGroupForm().validate_on_submit():
        _expired()
        return _back(klas, assignment)
    raw = request.form.getlist("student")
    people = [person for value in raw if (person := _student_of(klas, value)) is not None]
    picked = {person.id for person in people}
    if not people:
        return _page(klas, assignment, pick_error=_("Kies minstens één leerling voor de groep."), status=400)
    try:
        made = groups.create_group(klas.id, assignment.id, people, created_by=current_user)
    except groups.GroupError as error:
        return _page(klas, assignment, picked=picked, pick_error=error.message, status=400)
    flash(_("De groep is gemaakt: %(names)s. Groepscode: %(code)s.",
            names=groups.join_names(groups.members(made)), code=made.code), "success")
    return _back(klas, assignment)


@bp.post(PREFIX + "/willekeurig")
@teacher_required
def group_random(class_id: int, assignment_id: str):
    klas, assignment = class_and_assignment(class_id, assignment_id)
    if not RandomGroupsForm().validate_on_submit():
        _expired()
        return _back(klas, assignment)
    try:
        made = groups.split_randomly(klas.id, assignment.id, created_by=current_user)
    except groups.GroupError as error:
        flash(error.message, "error")
        return _back(klas, assignment)
    if made:
        flash(ngettext("%(num)d groep gemaakt.", "%(num)d groepen gemaakt.", len(made)), "success")
        for people in groups.members_by_group([group.id for group in made]).values():
            if len(people) == 1:  # the numbers did not divide: 5 in duos is 2 + 2 + 1
                flash(_("%(name)s zit alleen in een groep, want de aantallen kwamen niet uit. Zet hem of haar "
                        "bij een andere groep als daar plaats is, of laat het zo.", name=people[0].display_name),
                      "info")
    else:
        flash(_("Iedereen zit al in een groep. Er is niets ingedeeld."), "info")
    return _back(klas, assignment)


@bp.post(PREFIX + "/verplaatsen")
@teacher_required
def group_move(class_id: int, assignment_id: str):
    klas, assignment = class_and_assignment(class_id, assignment_id)
    form = MoveMemberForm()
    if not form.validate_on_submit():
        _expired()
        return _back(klas, assignment)
    student = _student_of(klas, form.student.data)
    target_raw = request.form.get("to", "")
    target: StudyGroup | bool | None = None
    if target_raw not in ("", "0"):
        known = target_raw.isdecimal() and len(target_raw) < 12
        target = db.session.get(StudyGroup, int(target_raw)) if known else None
        if target is None or target.class_id != klas.id or target.assignment_id != assignment.id:
            target = False
    if student is None or target is False:
        flash(_("Die leerling of groep bestaat niet (meer). Kijk hieronder hoe de groepen nu zijn."), "error")
        return _back(klas, assignment)
    try:
        groups.move(student, assignment.id, target)
    except groups.GroupError as error:
        flash(error.message, "error")
        return _back(klas, assignment)
    if target is None:
        flash(_("%(name)s zit nu in geen groep meer. Wat de groep inleverde, blijft. %(name)s houdt een kopie "
                "van de klantreis van de groep als eigen concept.", name=student.display_name), "success")
    else:
        flash(_("%(name)s zit nu in groep %(code)s.", name=student.display_name, code=target.code), "success")
    return _back(klas, assignment)
