"""The student's group for an assignment: make a group, join one with its code, see who is in it,
and leave it. The rules are in courseware.groups; the teacher's side is in
courseware.class_assignments.group_routes."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from assignments import Assignment

from .. import catalogue, groups
from ..access import found, student_required
from . import bp
from .forms import GroupCodeForm, LeaveGroupForm, NewGroupForm

PREFIX = "/opdrachten/<assignment_id>/groep"


def _render(assignment: Assignment, *, code_form: GroupCodeForm | None = None,
            leave_form: LeaveGroupForm | None = None, status: int = 200):
    group = groups.group_of(current_user, assignment.id)
    size = groups.max_members(current_user.class_id, assignment.id)
    members = groups.members(group) if group is not None else []
    return render_template(
        "builder/group.html", assignment=assignment, group=group, members=members, size=size,
        room=group is not None and len(members) < size,
        code_form=code_form or GroupCodeForm(formdata=None), new_form=NewGroupForm(formdata=None),
        leave_form=leave_form or LeaveGroupForm(formdata=None),
    ), status


@bp.get(PREFIX)
@student_required
def group(assignment_id: str):
    return _render(found(catalogue.for_student_to_read(current_user, assignment_id)))


@bp.post(PREFIX + "/maken")
@student_required
def group_create(assignment_id: str):
    assignment = found(catalogue.for_student_to_build(current_user, assignment_id))
    if not NewGroupForm().validate_on_submit():
        flash(_("Dat lukte niet, want de pagina was te lang open. Probeer het nog een keer."), "error")
        return redirect(url_for(".group", assignment_id=assignment.id))
    try:
        made = groups.create_group(current_user.class_id, assignment.id, [current_user], created_by=current_user)
    except groups.GroupError as error:
        flash(error.message, "error")
        return redirect(url_for(".group", assignment_id=assignment.id))
    flash(_("Je groep is gemaakt. De groepscode is %(code)s. Geef die code aan je klasgenoten.", code=made.code),
          "success")
    return redirect(url_for(".group", assignment_id=assignment.id))


@bp.post(PREFIX + "/meedoen")
@student_required
def group_join(assignment_id: str):
    assignment = found(catalogue.for_student_to_build(current_user, assignment_id))
    form = GroupCodeForm()
    if not form.validate_on_submit():
        form.code.errors = [*form.code.errors, _("Dat lukte niet, want de pagina was te lang open. "
                                                 "Probeer het nog een keer.")]
        return _render(assignment, code_form=form, status=400)
    try:
        joined = groups.join_by_code(current_user, assignment.id, form.code.data)
    except groups.GroupError as error:
        form.code.errors = [*form.code.errors, error.message]
        return _render(assignment, code_form=form, status=400)
    others = [member for member in groups.members(joined) if member.id != current_user.id]
    flash(_("Je zit nu in de groep met %(names)s. Jullie maken samen één klantreis.",
            names=groups.join_names(others)), "success")
    return redirect(url_for(".group", assignment_id=assignment.id))


@bp.post(PREFIX + "/verlaten")
@student_required
def group_leave(assignment_id: str):
    assignment = found(catalogue.for_student_to_build(current_user, assignment_id))
    current = groups.group_of(current_user, assignment.id)
    if current is None:
        flash(_("Je zit niet (meer) in een groep."), "info")
        return redirect(url_for(".group", assignment_id=assignment.id))
    form = LeaveGroupForm()
    if not form.validate_on_submit() or not form.confirm.data:
        form.confirm.errors = [*form.confirm.errors, _("Zet een vinkje als je de groep echt wilt verlaten.")]
        return _render(assignment, leave_form=form, status=400)
    groups.leave(current_user, current)
    flash(_("Je hebt de groep verlaten. Je hebt een kopie van jullie klantreis als je eigen concept. "
            "Wat jullie samen hebben ingeleverd, zie je nog bij je pogingen."), "success")
    return redirect(url_for(".group", assignment_id=assignment.id))
