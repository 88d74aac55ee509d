"""The assignments: an overview with the student's status, and one page per assignment with its
scenario, learning goals and the rubric it is judged on. Students, teachers and admins."""
from __future__ import annotations

from dataclasses import dataclass

from flask import abort, render_template
from flask_login import current_user

from assignments import get_assignment, load_assignments
from grader import LEVEL_NAMES, Rubric

from ..access import user_required
from ..class_links import class_links
from ..grading import rubric_for_student
from ..lessons.loader import get_lesson
from ..student_status import statuses
from . import bp


@dataclass(frozen=True)
class RubricRow:
    id: str
    title: str
    weight: float
    max_points: float
    lesson_id: str
    lesson_title: str | None
    levels: tuple[tuple[int, str, str], ...]  # (level, word, descriptor), from 0 to 3


def rubric_rows(rubric: Rubric) -> list[RubricRow]:
    rows = []
    for item in rubric.items:
        criterion = item.criterion
        lesson = get_lesson(criterion.lesson)
        rows.append(RubricRow(
            id=item.id, title=criterion.title, weight=item.weight, max_points=item.weight * 3,
            lesson_id=criterion.lesson, lesson_title=lesson.title if lesson else None,
            levels=tuple((level, LEVEL_NAMES[level], text) for level, text in enumerate(item.descriptors())),
        ))
    return rows


def paragraphs(text: str) -> list[str]:
    return [" ".join(part.split()) for part in text.split("\n\n") if part.strip()]


@bp.get("/opdrachten")
@user_required
def index():
    assignments = load_assignments()
    status = statuses(current_user, assignments) if current_user.is_student else {}
    return render_template("assignments/index.html", assignments=list(assignments.values()), status=status)


@bp.get("/opdrachten/<assignment_id>")
@user_required
def show(assignment_id: str):
    assignment = get_assignment(assignment_id)
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
    )
