"""The start page: a welcome for visitors, and per role what to do next."""
from __future__ import annotations

from flask import render_template
from flask_login import current_user
from sqlalchemy import func, select

from ..class_counts import classes_with_counts
from ..extensions import db
from ..lessons.loader import load_lessons
from ..models import Role, User
from ..models.progress import progress_by_lesson
from ..todo import student_todo, teacher_todo
from . import bp


@bp.get("/")
def index():
    if not current_user.is_authenticated:
        return render_template("main/welcome.html")
    if current_user.is_student:
        return _student_home()
    context = {"classes": classes_with_counts(current_user), "todo": teacher_todo(current_user)}
    if current_user.is_admin:
        counts = dict(db.session.execute(select(User.role, func.count(User.id)).group_by(User.role)).all())
        context["user_counts"] = [(role, counts.get(role.value, 0)) for role in Role]
        context["user_total"] = sum(counts.values())
    return render_template("main/teacher.html", **context)


def _student_home():
    lessons = load_lessons()
    progress = progress_by_lesson(current_user.id)
    done = sum(1 for lesson in lessons if lesson.id in progress and progress[lesson.id].passed)
    next_lesson = next((lesson for lesson in lessons
                        if lesson.id not in progress or not progress[lesson.id].passed), None)
    return render_template("main/student.html", lessons=lessons, done=done, next_lesson=next_lesson,
                           next_progress=progress.get(next_lesson.id) if next_lesson else None,
                           todo=student_todo(current_user))
