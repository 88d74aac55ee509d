"""The assignments: an overview with the student's status, and one page per assignment with its
scenario, learning goals and the rubric it is judged on. Students, teachers and admins."""
from __future__ import annotations

from flask import abort, render_template, url_for
from flask_login import current_user

from .. import catalogue
from ..access import user_required
from ..class_links import class_links
from ..grading import rubric_for_student
from ..models import OwnAssignment
from . import bp
from .status import statuses
from .texts import paragraphs, rubric_rows


@bp.get("/opdrachten")
@user_required
def index():
    assignments = catalogue.listed(current_user)
    status = statuses(current_user, assignments) if current_user.is_student else {}
    return render_template("assignments/index.html", assignments=list(assignments.values()), status=status)


@bp.get("/opdrachten/<assignment_id>")
@user_required
def show(assignment_id: str):
    assignment = catalogue.for_user(current_user, assignment_id)
    if assignment is None:
        abort(404)
    status = statuses(current_user, [assignment.id])[assignment.id] if current_user.is_student else None
    # A student sees the rubric of their own class; a teacher sees the assignment's.
    rubric = rubric_for_student(current_user, assignment) if current_user.is_student else assignment.rubric
    rows = rubric_rows(rubric)
    return render_template(
        "assignments/show.html", assignment=assignment, status=status, rubric=rows,
        scenario=paragraphs(assignment.scenario), max_points=sum(row.max_points for row in rows),
        class_links=class_links(current_user, assignment.id) if current_user.is_student else None,
        model_journey_url=_model_journey_url(assignment.id),
    )


def _model_journey_url(assignment_id: str) -> str | None:
    """The link to a teacher's model journey of this assignment, when the current user may see it."""
    row = OwnAssignment.by_slug(assignment_id)
    if row is None or not catalogue.model_journey_visible(current_user, row):
        return None
    return url_for("own_assignments.model_journey_page", own_id=assignment_id)
