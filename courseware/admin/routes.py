"""Beheer (admins only): the list of students with a search, and deleting all data of one
student after typing their username. Teachers remove a student from a class in courseware.classes;
that keeps the account. Deleting here removes everything (see courseware.admin.deletion)."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from ..access import admin_required
from ..extensions import db
from ..models import Role, SchoolClass, User
from . import bp
from .deletion import delete_user
from .forms import DeleteStudentForm

LIST_LIMIT = 200
QUERY_MAX = 60


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _student(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None or not user.is_student:
        abort(404)
    return user


@bp.get("/beheer")
@admin_required
def index():
    return redirect(url_for("admin.students"))


@bp.get("/beheer/leerlingen")
@admin_required
def students():
    query = (request.args.get("q") or "").strip()[:QUERY_MAX]
    statement = (select(User, SchoolClass.name).outerjoin(SchoolClass, SchoolClass.id == User.class_id)
                 .where(User.role == Role.STUDENT))
    if query:
        pattern = _like(query)
        statement = statement.where(or_(func.lower(User.display_name).like(pattern, escape="\\"),
                                        func.lower(User.username).like(pattern, escape="\\")))
    rows = db.session.execute(statement.order_by(func.lower(User.display_name), User.username)
                              .limit(LIST_LIMIT + 1)).all()
    return render_template("admin/students.html", rows=rows[:LIST_LIMIT], more=len(rows) > LIST_LIMIT,
                           query=query, limit=LIST_LIMIT)


@bp.route("/beheer/leerlingen/<int:user_id>/verwijderen", methods=["GET", "POST"])
@admin_required
def delete_student(user_id: int):
    student = _student(user_id)
    form = DeleteStudentForm()
    if form.validate_on_submit():
        if form.username.data.lower() != student.username.lower():
            form.username.errors.append(_("Dit is niet de gebruikersnaam van deze leerling. Er is niets verwijderd."))
        else:
            name, username = student.display_name, student.username
            delete_user(student.id)
            flash(_("Alle gegevens van %(name)s (%(username)s) zijn verwijderd.", name=name, username=username),
                  "success")
            return redirect(url_for("admin.students"))
    return render_template("admin/delete_student.html", student=student, form=form), (
        422 if request.method == "POST" else 200)
