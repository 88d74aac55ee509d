"""The lessons' pages: the overview with each student's status, a lesson page with its check.
The lessons themselves are read and marked by `loader.py`; this module shows them and stores a
student's progress."""
from __future__ import annotations

from flask import abort, render_template, request
from flask_login import current_user
from flask_wtf import FlaskForm

from ..access import user_required
from ..journeymap import build_map
from ..models.progress import mark_read, progress_by_lesson, record_attempt
from . import bp
from .loader import Lesson, get_lesson, load_lessons, mark_quiz


class CheckForm(FlaskForm):
    """The check's radio buttons are read from request.form (q0, q1, ...); this form adds the CSRF token."""


def _chosen(raw: str | None, option_count: int) -> int | None:
    """The option index a radio button sent, or None when nothing valid was chosen."""
    if raw is None or not raw.isdecimal():
        return None
    index = int(raw)
    return index if index < option_count else None


def _neighbours(lesson: Lesson) -> tuple[Lesson | None, Lesson | None]:
    lessons = load_lessons()
    position = next(i for i, item in enumerate(lessons) if item.id == lesson.id)
    previous = lessons[position - 1] if position > 0 else None
    following = lessons[position + 1] if position + 1 < len(lessons) else None
    return previous, following


@bp.get("/lessen")
@user_required
def index():
    progress = progress_by_lesson(current_user.id) if current_user.is_student else {}
    return render_template("lessons/index.html", lessons=load_lessons(), progress=progress)


@bp.route("/lessen/<lesson_id>", methods=["GET", "POST"])
@user_required
def show(lesson_id: str):
    lesson = get_lesson(lesson_id)
    if lesson is None:
        abort(404)
    form = CheckForm()
    answers: dict[int, int | None] = {}
    missing: set[int] = set()
    result = None
    if form.validate_on_submit():
        answers = {index: _chosen(request.form.get(f"q{index}"), len(question.options))
                   for index, question in enumerate(lesson.quiz)}
        missing = {index for index, choice in answers.items() if choice is None}
        if not missing:
            result = mark_quiz(lesson, answers)
            if current_user.is_student:
                record_attempt(current_user.id, lesson.id, result.score, result.total, result.passed)
    elif request.method == "GET" and current_user.is_student:
        mark_read(current_user.id, lesson.id)
    progress = progress_by_lesson(current_user.id).get(lesson.id) if current_user.is_student else None
    previous, following = _neighbours(lesson)
    maps = {figure.name: build_map(figure.journey) for figure in lesson.figures if figure.journey is not None}
    return render_template("lessons/show.html", lesson=lesson, form=form, answers=answers, missing=missing,
                           result=result, progress=progress, previous=previous, following=following,
                           maps=maps)
