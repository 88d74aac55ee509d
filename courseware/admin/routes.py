"""Beheer (admins only): teacher accounts (make one with a one-time password, a new password,
deactivate and reactivate), the list of students with a search, and deleting all data of one
student after typing their username. Teachers remove a student from a class in courseware.classes;
that keeps the account. Deleting here removes everything (see courseware.admin.deletion)."""
from __future__ import annotations

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from ..access import admin_required
from ..extensions import db
from ..models import Role, SchoolClass, User, class_teachers
from ..passwords import readable_password
from ..staff_accounts import AccountProblem, create_staff
from . import bp
from .deletion import delete_user
from .forms import ButtonForm, DeleteStudentForm, NewTeacherForm

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
    return redirect(url_for("admin.teachers"))


def _teacher(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None or not user.is_teacher:
        abort(404)
    return user


def _password_page(teacher: User, password: str, new: bool):
    """The one-time password, in this response only: never flashed (a flash is kept in the
    session cookie), and not kept by the browser."""
    response = make_response(render_template("admin/teacher_password.html", teacher=teacher,
                                             password=password, new=new))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/beheer/docenten", methods=["GET", "POST"])
@admin_required
def teachers():
    form = NewTeacherForm()
    if form.validate_on_submit():
        password = readable_password()
        try:
            teacher = create_staff(Role.TEACHER, form.username.data, form.display_name.data, password,
                                   check_password=False)
        except AccountProblem as problem:  # taken a moment ago
            form.username.errors.append(str(problem))
        else:
            return _password_page(teacher, password, new=True)
    rows = db.session.execute(
        select(User, func.count(class_teachers.c.class_id))
        .outerjoin(class_teachers, class_teachers.c.user_id == User.id)
        .where(User.role == Role.TEACHER)
        .group_by(User.id)
        .order_by(func.lower(User.display_name), User.username)).all()
    return render_template("admin/teachers.html", rows=rows, form=form, button=ButtonForm()), (
        422 if form.errors else 200)


@bp.route("/beheer/docenten/<int:teacher_id>/wachtwoord", methods=["GET", "POST"])
@admin_required
def teacher_password(teacher_id: int):
    """GET asks to confirm (the old password stops working at once); POST makes the new one."""
    teacher = _teacher(teacher_id)
    form = ButtonForm()
    if not form.validate_on_submit():
        return render_template("admin/teacher_password_confirm.html", teacher=teacher, form=form)
    password = readable_password()
    teacher.set_password(password)  # also ends the teacher's sessions
    db.session.commit()
    return _password_page(teacher, password, new=False)


@bp.post("/beheer/docenten/<int:teacher_id>/uitzetten")
@admin_required
def deactivate_teacher(teacher_id: int):
    teacher = _teacher(teacher_id)
    if ButtonForm().validate_on_submit():
        teacher.deactivate()  # ends their sessions at once
        db.session.commit()
        flash(_("Het account van %(name)s staat uit. %(name)s kan niet meer inloggen. "
                "De klassen en gegevens blijven bewaard.", name=teacher.display_name), "success")
    return redirect(url_for("admin.teachers"))


@bp.post("/beheer/docenten/<int:teacher_id>/aanzetten")
@admin_required
def reactivate_teacher(teacher_id: int):
    teacher = _teacher(teacher_id)
    if ButtonForm().validate_on_submit():
        teacher.reactivate()
        db.session.commit()
        flash(_("Het account van %(name)s staat weer aan. %(name)s kan weer inloggen.",
                name=teacher.display_name), "success")
    return redirect(url_for("admin.teachers"))


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
