"""Classes for teachers (and admins): create a class, show its join code, look after its students,
and share it with colleagues (co-teachers: every teacher of a class sees and reviews everything)."""
from __future__ import annotations

from flask import abort, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import catalogue, groups
from ..access import require, teacher_required
from ..class_counts import AssignmentCounts, classes_with_counts, counts_by_assignment
from ..extensions import db
from ..lessons.loader import load_lessons
from ..models import SchoolClass, User
from ..models.progress import passed_counts
from ..passwords import readable_password
from . import bp
from .forms import AddTeacherForm, ClassForm, ConfirmForm, SetPasswordForm


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
        klas = SchoolClass(name=form.name.data, join_code=SchoolClass.new_join_code(),
                           teacher=current_user._get_current_object())
        db.session.add(klas)
        db.session.commit()
        flash(_("De klas ‘%(name)s’ is gemaakt. Zet de klascode op het bord.", name=klas.name), "success")
        return redirect(url_for("classes.show", class_id=klas.id))
    return render_template("classes/index.html", form=form, classes=classes_with_counts(current_user))


def _show(klas: SchoolClass, teacher_form: AddTeacherForm | None = None, status: int = 200):
    lesson_ids = [lesson.id for lesson in load_lessons()]
    done = passed_counts((student.id for student in klas.students), lesson_ids)
    counts = counts_by_assignment(klas.id)
    assignments = [(a, counts.get(a.id, AssignmentCounts())) for a in catalogue.of_class(klas).values()]
    return render_template("classes/show.html", klas=klas, done=done, lesson_count=len(lesson_ids),
                           renew_form=ConfirmForm(), assignments=assignments,
                           teacher_form=teacher_form or AddTeacherForm(), remove_form=ConfirmForm()), status


@bp.get("/klassen/<int:class_id>")
@teacher_required
def show(class_id: int):
    return _show(_own_class(class_id))


@bp.post("/klassen/<int:class_id>/docenten")
@teacher_required
def add_teacher(class_id: int):
    klas = _own_class(class_id)
    form = AddTeacherForm()
    form.klas = klas
    if not form.validate_on_submit():
        return _show(klas, form, 422)
    klas.teachers.append(form.colleague)
    db.session.commit()
    flash(_("%(name)s is nu ook docent van %(klas)s en ziet alles van deze klas.",
            name=form.colleague.display_name, klas=klas.name), "success")
    return redirect(url_for("classes.show", class_id=klas.id, _anchor="docenten-kop"))


@bp.post("/klassen/<int:class_id>/docenten/<int:teacher_id>/weghalen")
@teacher_required
def remove_teacher(class_id: int, teacher_id: int):
    klas = _own_class(class_id)
    teacher = next((t for t in klas.teachers if t.id == teacher_id), None)
    if teacher is None:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("classes.show", class_id=klas.id))
    if len(klas.teachers) == 1:
        flash(_("Een klas heeft altijd minstens één docent. Voeg eerst een collega toe."), "error")
        return redirect(url_for("classes.show", class_id=klas.id, _anchor="docenten-kop"))
    klas.teachers.remove(teacher)
    db.session.commit()
    if teacher.id == current_user.id and not current_user.is_admin:
        flash(_("Je bent geen docent meer van %(klas)s.", klas=klas.name), "success")
        return redirect(url_for("classes.index"))
    flash(_("%(name)s is geen docent meer van %(klas)s.", name=teacher.display_name, klas=klas.name), "success")
    return redirect(url_for("classes.show", class_id=klas.id, _anchor="docenten-kop"))


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
        groups.forget_class(student, klas.id)  # out of the class's groups; hand-ins stay
        student.class_id = None
        db.session.commit()
        flash(_("%(name)s zit niet meer in klas %(klas)s.", name=student.display_name, klas=klas.name), "success")
        return redirect(url_for("classes.show", class_id=klas.id))
    return render_template("classes/remove_student.html", klas=klas, student=student, form=form)
