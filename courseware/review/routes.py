"""Teachers review and grade the hand-ins of their class: a dashboard per class and assignment,
the review page of one attempt (map beside the grader's report, levels and comments), a queue in
a stable shuffled order, and releasing the result to the students. The teacher of the class and
admins only. What is decided about changes after release: see courseware.review.reviews."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from assignments import Assignment
from grader import parse_journey

from .. import groups
from ..access import teacher_required
from ..extensions import db
from ..formatting import format_grade
from ..grading import correct, correction_history, corrections_for, result_for
from ..group_hand_ins import class_id_of, group_names, members_of, unit_attempts, unit_of
from ..journeymap import build_map, report_stages
from ..models import Attempt, SchoolClass
from ..teaching import class_and_assignment
from . import bp, reviews
from .dashboard import (
    ASC,
    DESC,
    REVIEWED,
    STATUS_LABELS,
    TO_REVIEW,
    build_rows,
    clean_sort,
    filter_rows,
    sort_rows,
    status_of,
    summarise,
)
from .forms import ConfirmForm, CorrectionForm, review_form
from .queue import done_map, latest_entries, next_pending, position, previous_in, queue_order

BASE = "/klassen/<int:class_id>/opdrachten/<assignment_id>/beoordelen"



def _find_attempt(klas: SchoolClass, assignment: Assignment, attempt_id: int) -> Attempt | None:
    """An attempt of a student (or group) of this class for this assignment, or None."""
    attempt = db.session.get(Attempt, attempt_id)
    if attempt is None or attempt.assignment_id != assignment.id or class_id_of(attempt) != klas.id:
        return None
    return attempt


def _attempt_of(klas: SchoolClass, assignment: Assignment, attempt_id: int) -> Attempt:
    """An attempt of a student (or group) of this class for this assignment; 404 for anything else."""
    attempt = _find_attempt(klas, assignment, attempt_id)
    if attempt is None:
        abort(404)
    return attempt


def _who(attempt: Attempt, group: str | None = None) -> str:
    """Whom a review is for, in a sentence: the student's name, or the group's name for a group
    (`group`: its name when the caller already looked it up)."""
    group = group if group is not None else group_names([attempt])[attempt.id]
    return _("Groep %(name)s", name=group) if group else attempt.user.display_name


def _dashboard_url(klas: SchoolClass, assignment: Assignment) -> str:
    return url_for("review.dashboard", class_id=klas.id, assignment_id=assignment.id)


def _attempt_url(klas: SchoolClass, assignment: Assignment, attempt_id: int) -> str:
    return url_for("review.attempt", class_id=klas.id, assignment_id=assignment.id, attempt_id=attempt_id)


# --------------------------------------------------------------------------- dashboard


@bp.get(BASE)
@teacher_required
def dashboard(class_id: int, assignment_id: str):
    klas, assignment = class_and_assignment(class_id, assignment_id)
    rows, columns = build_rows(klas, assignment)
    sort, direction = clean_sort(request.args.get("sort"), request.args.get("dir"), columns)
    which = TO_REVIEW if request.args.get("filter") == TO_REVIEW else None
    return render_template(
        "review/dashboard.html", klas=klas, assignment=assignment, columns=columns,
        rows=sort_rows(filter_rows(rows, which), sort, direction),
        summary=summarise(rows, {s.id for s in klas.students if s.is_student}),
        sort=sort, direction=direction, which=which, TO_REVIEW=TO_REVIEW, ASC=ASC, DESC=DESC,
    )


# --------------------------------------------------------------------------- one attempt


@bp.route(f"{BASE}/<int:attempt_id>", methods=["GET", "POST"])
@teacher_required
def attempt(class_id: int, assignment_id: str, attempt_id: int):
    klas, assignment = class_and_assignment(class_id, assignment_id)
    found = _attempt_of(klas, assignment, attempt_id)
    result = result_for(found)
    preview = None
    if request.method == "POST":
        form = review_form(result.grader)
        if form.validate_on_submit():
            saved = reviews.save(result, form, current_user)
            db.session.commit()
            name = _who(found)
            if not saved.anything:
                flash(_("Er was niets veranderd."), "info")
            elif result.released:
                flash(_("De beoordeling van %(name)s is opgeslagen. %(name)s ziet de nieuwe beoordeling meteen.",
                        name=name), "success")
            else:
                flash(_("De beoordeling van %(name)s is opgeslagen.", name=name), "success")
            if request.form.get("action") == "next":
                return redirect(url_for("review.queue", class_id=klas.id, assignment_id=assignment.id, na=found.id))
            return redirect(_attempt_url(klas, assignment, found.id))
        preview = result.grader.with_levels(form.typed_levels())
    else:
        form = review_form(result.grader, formdata=None, data=reviews.current_values(result))

    review = reviews.review_of(result)
    other_teacher = reviews.note_opened(review, current_user)
    other_name = other_teacher.display_name if other_teacher else None
    db.session.commit()

    own_attempts = unit_attempts(found)
    newest = own_attempts[-1]
    order = queue_order(klas.id, assignment.id, latest_entries(klas.id, assignment.id))
    index = position(order, unit_of(found))
    before = previous_in(order, unit_of(found))
    stages, evidence = report_stages(result.grader)
    group = group_names([found])[found.id]
    members = members_of([found])[found.id]
    corrections = corrections_for([found.id]) if group else {}
    return render_template(
        "review/attempt.html", klas=klas, assignment=assignment, attempt=found, student=found.user,
        who=_who(found, group), group=group, members=members, member_names=groups.join_names(members),
        member_results=[(member, result.for_member(corrections, member.id)) for member in members] if group else [],
        result=result, review=review, form=form, preview=preview, history=reviews.history(found.id),
        jmap=build_map(parse_journey(found.journey_data), stages, evidence),
        other_teacher=other_name, newest=newest if newest.id != found.id else None, own_attempts=own_attempts,
        status=STATUS_LABELS[status_of(review, True, True)], position=index, total=len(order),
        previous_url=_attempt_url(klas, assignment, before.id) if before is not None else None,
        release_form=ConfirmForm(),
    )


# --------------------------------------------------------------------------- the queue


@bp.get(f"{BASE}/volgende")
@teacher_required
def queue(class_id: int, assignment_id: str):
    """To the next attempt (in the stable shuffled order) whose review is not done yet."""
    klas, assignment = class_and_assignment(class_id, assignment_id)
    order = queue_order(klas.id, assignment.id, latest_entries(klas.id, assignment.id))
    if not order:
        flash(_("Er is nog niets ingeleverd voor deze opdracht."), "info")
        return redirect(_dashboard_url(klas, assignment))
    done = done_map(entry.id for entry in order)
    after = _unit_of_attempt(klas, assignment, request.args.get("na", type=int))
    upcoming = next_pending(order, done, after)
    if upcoming is not None:
        return redirect(_attempt_url(klas, assignment, upcoming.id))
    index = position(order, after) if after is not None else None
    if index is not None and not done.get(order[index].id, False):
        flash(_("Alle andere beoordelingen zijn klaar. Alleen deze nog niet."), "info")
        return redirect(_attempt_url(klas, assignment, order[index].id))
    flash(_("Alle beoordelingen zijn klaar. Je kunt ze nu vrijgeven."), "success")
    return redirect(_dashboard_url(klas, assignment))


def _unit_of_attempt(klas: SchoolClass, assignment: Assignment, attempt_id: int | None) -> int | str | None:
    """The unit (group or student: group_hand_ins.unit_of) of attempt `attempt_id`, if it belongs
    to this class and assignment."""
    attempt = _find_attempt(klas, assignment, attempt_id) if attempt_id is not None else None
    return unit_of(attempt) if attempt is not None else None


# --------------------------------------------------------------------------- individuele correctie


@bp.route(f"{BASE}/<int:attempt_id>/correctie/<int:student_id>", methods=["GET", "POST"])
@teacher_required
def correction(class_id: int, assignment_id: str, attempt_id: int, student_id: int):
    """The teacher gives one member of a group hand-in another grade than the group, with a reason
    (or takes that back). The member sees it once the review is released; the others keep the
    group's grade. Only for members of a group hand-in (anything else is 404)."""
    klas, assignment = class_and_assignment(class_id, assignment_id)
    found = _attempt_of(klas, assignment, attempt_id)
    group = group_names([found])[found.id]
    members = members_of([found])[found.id]
    student = next((member for member in members if member.id == student_id), None)
    if not group or student is None:
        abort(404)
    result = result_for(found)
    current = corrections_for([found.id], student.id).get((found.id, student.id))
    form = CorrectionForm()
    if form.validate_on_submit():
        if form.remove.data and (current is None or current.grade is None):
            flash(_("%(name)s had al het groepscijfer.", name=student.display_name), "info")
        else:
            correct(found, student.id, form.grade_value, form.reason.data, current_user)
            db.session.commit()
            if form.remove.data:
                flash(_("%(name)s krijgt weer het groepscijfer.", name=student.display_name), "success")
            else:
                flash(_("Het cijfer van %(name)s is nu %(grade)s. De andere groepsleden houden het groepscijfer.",
                        name=student.display_name, grade=format_grade(form.grade_value)), "success")
        return redirect(_attempt_url(klas, assignment, found.id) + "#cijfers-groepsleden")
    if request.method == "GET" and current is not None and current.grade is not None:
        form.grade.data, form.reason.data = format_grade(current.grade), current.reason
    return render_template(
        "review/correction.html", klas=klas, assignment=assignment, attempt=found, student=student, group=group,
        members=members, result=result.for_member({(found.id, student.id): current} if current else {}, student.id),
        form=form, history=correction_history(found.id, student.id),
    )


# --------------------------------------------------------------------------- release


@bp.post(f"{BASE}/<int:attempt_id>/vrijgeven")
@teacher_required
def release(class_id: int, assignment_id: str, attempt_id: int):
    klas, assignment = class_and_assignment(class_id, assignment_id)
    found = _attempt_of(klas, assignment, attempt_id)
    if ConfirmForm().validate_on_submit():
        review = result_for(found).review
        if review is None or not review.is_done:
            flash(_("Zet de beoordeling eerst op klaar. Daarna kun je hem vrijgeven."), "error")
        elif reviews.release(review):
            db.session.commit()
            flash(_("De beoordeling is vrijgegeven. %(name)s kan hem nu zien.", name=_who(found)), "success")
        else:
            flash(_("Deze beoordeling was al vrijgegeven."), "info")
    return redirect(_attempt_url(klas, assignment, found.id))


@bp.route(f"{BASE}/vrijgeven", methods=["GET", "POST"])
@teacher_required
def release_all(class_id: int, assignment_id: str):
    """Release every done review of the latest attempts; GET asks to confirm first."""
    klas, assignment = class_and_assignment(class_id, assignment_id)
    rows, _columns = build_rows(klas, assignment)
    ready = [row for row in rows if row.status == REVIEWED]
    form = ConfirmForm()
    if form.validate_on_submit():
        count = sum(reviews.release(row.result.review) for row in ready)
        db.session.commit()
        if count:
            flash(ngettext("%(num)d beoordeling is vrijgegeven.", "%(num)d beoordelingen zijn vrijgegeven.", count),
                  "success")
        else:
            flash(_("Er was geen beoordeling om vrij te geven."), "info")
        return redirect(_dashboard_url(klas, assignment))
    not_done = sum(row.to_review for row in rows)
    return render_template("review/release_all.html", klas=klas, assignment=assignment, ready=ready,
                           not_done=not_done, form=form)
