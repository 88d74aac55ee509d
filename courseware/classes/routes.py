"""Classes for teachers (and admins): create a class, show its join code, look after its students."""
from __future__ import annotations

from flask import abort, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import catalogue
from ..access import require, teacher_required
from ..class_counts import AssignmentCounts, classes_with_counts, counts_by_assignment
from ..extensions import db
from ..lessons.loader import load_lessons
from ..models import SchoolClass, User
from ..models.progress import passed_counts
from . import bp
from .forms import ClassForm, ConfirmForm, SetPasswordForm
from .passwords import readable_password


def _own_class(class_id: int) -> SchoolClass:
    """The class, if it exists (404) and the current user teaches it (403)."""
    klas = db.get_or_404(SchoolClass, class_id)
    require(current_user.teaches(klas))
    return klas


def _student_of(klas: SchoolClass, student_id: int) -> User:
    """A student of this class; 404 for anyone else, so ids of other classes stay hidden."""
    student = db.session.get(User, student_id)
    if student is None or student.class_id != klas.id or not student.is_student:
        abort(404)
    return student


def _no_store(html: str):
    """A response that browsers and proxies do not keep: it shows a password."""
    response = make_response(html)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/klassen", methods=["GET", "POST"])
@teacher_required
def index():
    form = ClassForm()
    if form.validate_on_submit():
        klas = SchoolClass(name=form.name.data, join_code=SchoolClass.new_join_code(), teacher_id=current_user.id)
        db.session.add(klas)
        db.session.commit()
        flash(_("De klas ‘%(name)s’ is gemaakt. Zet de klascode op het bord.", name=klas.name), "success")
        return redirect(url_for("classes.show", class_id=klas.id))
    return render_template("classes/index.html", form=form, classes=classes_with_counts(current_user))


@bp.get("/klassen/<int:class_id>")
@teacher_required
def show(class_id: int):
    klas = _own_class(class_id)
    lesson_ids = [lesson.id for lesson in load_lessons()]
    done = passed_counts((student.id for student in klas.students), lesson_ids)
    counts = counts_by_assignment(klas.id)
    assignments = [(a, counts.get(a.id, AssignmentCounts())) for a in catalogue.of_class(klas).values()]
    return render_template("classes/show.html", klas=klas, done=done, lesson_count=len(lesson_ids),
                           renew_form=ConfirmForm(), assignments=assignments)


@bp.post("/klassen/<int:class_id>/klascode")
@teacher_required
def renew_code(class_id: int):
    klas = _own_class(class_id)
    if ConfirmForm().validate_on_submit():
        klas.join_code = SchoolClass.new_join_code()
        db.session.commit()
        flash(_("De klas heeft een nieuwe klascode. De oude code werkt niet meer. "
                "Leerlingen die al in de klas zitten, blijven erin."), "success")
    return redirect(url_for("classes.show", class_id=klas.id))


@bp.route("/klassen/<int:class_id>/leerlingen/<int:student_id>/wachtwoord", methods=["GET", "POST"])
@teacher_required
def reset_password(class_id: int, student_id: int):
    klas = _own_class(class_id)
    student = _student_of(klas, student_id)
    form = SetPasswordForm()
    form.student_names = (student.username, student.display_name)
    if form.validate_on_submit():
        student.set_password(form.password.data)  # also ends the student's sessions
        db.session.commit()
        flash(_("Het nieuwe wachtwoord van %(name)s is opgeslagen.", name=student.display_name), "success")
        return redirect(url_for("classes.show", class_id=klas.id))
    return render_template("classes/reset_password.html", klas=klas, student=student, form=form,
                           generate_form=ConfirmForm())


@bp.post("/klassen/<int:class_id>/leerlingen/<int:student_id>/wachtwoord/maken")
@teacher_required
def generate_password(class_id: int, student_id: int):
    klas = _own_class(class_id)
    student = _student_of(klas, student_id)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("classes.reset_password", class_id=klas.id, student_id=student.id))
    password = readable_password()
    student.set_password(password)
    db.session.commit()
    # Shown in this response only: never flashed, because a flash is kept in the session cookie.
    return _no_store(render_template("classes/new_password.html", klas=klas, student=student, password=password))


@bp.route("/klassen/<int:class_id>/leerlingen/<int:student_id>/verwijderen", methods=["GET", "POST"])
@teacher_required
def remove_student(class_id: int, student_id: int):
    klas = _own_class(class_id)
    student = _student_of(klas, student_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        student.class_id = None
        db.session.commit()
        flash(_("%(name)s zit niet meer in klas %(klas)s.", name=student.display_name, klas=klas.name), "success")
        return redirect(url_for("classes.show", class_id=klas.id))
    return render_template("classes/remove_student.html", klas=klas, student=student, form=form)
