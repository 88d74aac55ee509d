"""Teachers review and grade the hand-ins of their class: a dashboard per class and assignment,
the review page of one attempt (map beside the grader's report, levels and comments), a queue in
a stable shuffled order, and releasing the result to the students. The teacher of the class and
admins only. What is decided about changes after release: see courseware.review.reviews."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select

from assignments import Assignment
from grader import parse_journey

from .. import catalogue
from ..access import require, teacher_required
from ..extensions import db
from ..grading import result_for
from ..journeymap import build_map, report_stages
from ..models import Attempt, SchoolClass, User
from ..navigation import teacher_pages
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
from .forms import ConfirmForm, review_form
from .queue import done_map, latest_entries, next_pending, position, previous_in, queue_order

BASE = "/klassen/<int:class_id>/opdrachten/<assignment_id>/beoordelen"
# The other teacher pages of the class and assignment that the dashboard links to.
OTHER_PAGES = ("class_assignments.settings", "class_assignments.overview", "class_assignments.export_csv",
               "class_assignments.export_zip", "gallery.index")


def _class_and_assignment(class_id: int, assignment_id: str) -> tuple[SchoolClass, Assignment]:
    """The class (404 when unknown, 403 when not yours) and the assignment (404 when unknown)."""
    klas = db.get_or_404(SchoolClass, class_id)
    require(current_user.teaches(klas))
    assignment = catalogue.for_class(klas, assignment_id)
    if assignment is None:
        abort(404)
    return klas, assignment


def _attempt_of(klas: SchoolClass, assignment: Assignment, attempt_id: int) -> Attempt:
    """An attempt of a student of this class for this assignment; 404 for anything else."""
    attempt = db.session.get(Attempt, attempt_id)
    if attempt is None or attempt.assignment_id != assignment.id or attempt.user.class_id != klas.id:
        abort(404)
    return attempt


def _dashboard_url(klas: SchoolClass, assignment: Assignment) -> str:
    return url_for("review.dashboard", class_id=klas.id, assignment_id=assignment.id)


def _attempt_url(klas: SchoolClass, assignment: Assignment, attempt_id: int) -> str:
    return url_for("review.attempt", class_id=klas.id, assignment_id=assignment.id, attempt_id=attempt_id)


# --------------------------------------------------------------------------- dashboard


@bp.get(BASE)
@teacher_required
def dashboard(class_id: int, assignment_id: str):
    klas, assignment = _class_and_assignment(class_id, assignment_id)
    rows, columns = build_rows(klas, assignment)
    sort, direction = clean_sort(request.args.get("sort"), request.args.get("dir"), columns)
    which = TO_REVIEW if request.args.get("filter") == TO_REVIEW else None
    return render_template(
        "review/dashboard.html", klas=klas, assignment=assignment, columns=columns,
        rows=sort_rows(filter_rows(rows, which), sort, direction), summary=summarise(rows),
        sort=sort, direction=direction, which=which, TO_REVIEW=TO_REVIEW, ASC=ASC, DESC=DESC,
        other_pages=teacher_pages(klas.id, assignment.id, OTHER_PAGES),
    )


# --------------------------------------------------------------------------- one attempt


@bp.route(f"{BASE}/<int:attempt_id>", methods=["GET", "POST"])
@teacher_required
def attempt(class_id: int, assignment_id: str, attempt_id: int):
    klas, assignment = _class_and_assignment(class_id, assignment_id)
    found = _attempt_of(klas, assignment, attempt_id)
    result = result_for(found)
    preview = None
    if request.method == "POST":
        form = review_form(result.grader)
        if form.validate_on_submit():
            saved = reviews.save(result, form, current_user)
            db.session.commit()
            name = found.user.display_name
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

    own_attempts = Attempt.for_student(found.user_id, assignment.id)
    newest = own_attempts[-1]
    order = queue_order(klas.id, assignment.id, latest_entries(klas.id, assignment.id))
    index = position(order, found.user_id)
    before = previous_in(order, found.user_id)
    stages, evidence = report_stages(result.grader)
    return render_template(
        "review/attempt.html", klas=klas, assignment=assignment, attempt=found, student=found.user,
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
    klas, assignment = _class_and_assignment(class_id, assignment_id)
    order = queue_order(klas.id, assignment.id, latest_entries(klas.id, assignment.id))
    if not order:
        flash(_("Er is nog niets ingeleverd voor deze opdracht."), "info")
        return redirect(_dashboard_url(klas, assignment))
    done = done_map(entry.id for entry in order)
    after = _student_of_attempt(klas, assignment, request.args.get("na", type=int))
    upcoming = next_pending(order, done, after)
    if upcoming is not None:
        return redirect(_attempt_url(klas, assignment, upcoming.id))
    index = position(order, after) if after is not None else None
    if index is not None and not done.get(order[index].id, False):
        flash(_("Alle andere beoordelingen zijn klaar. Alleen deze nog niet."), "info")
        return redirect(_attempt_url(klas, assignment, order[index].id))
    flash(_("Alle beoordelingen zijn klaar. Je kunt ze nu vrijgeven."), "success")
    return redirect(_dashboard_url(klas, assignment))


def _student_of_attempt(klas: SchoolClass, assignment: Assignment, attempt_id: int | None) -> int | None:
    """The student of attempt `attempt_id`, if it belongs to this class and assignment."""
    if attempt_id is None:
        return None
    return db.session.scalar(
        select(Attempt.user_id).join(User, User.id == Attempt.user_id)
        .where(Attempt.id == attempt_id, Attempt.assignment_id == assignment.id, User.class_id == klas.id)
    )


# --------------------------------------------------------------------------- release


@bp.post(f"{BASE}/<int:attempt_id>/vrijgeven")
@teacher_required
def release(class_id: int, assignment_id: str, attempt_id: int):
    klas, assignment = _class_and_assignment(class_id, assignment_id)
    found = _attempt_of(klas, assignment, attempt_id)
    if ConfirmForm().validate_on_submit():
        review = result_for(found).review
        if review is None or not review.is_done:
            flash(_("Zet de beoordeling eerst op klaar. Daarna kun je hem vrijgeven."), "error")
        elif reviews.release(review):
            db.session.commit()
            flash(_("De beoordeling is vrijgegeven. %(name)s kan hem nu zien.", name=found.user.display_name),
                  "success")
        else:
            flash(_("Deze beoordeling was al vrijgegeven."), "info")
    return redirect(_attempt_url(klas, assignment, found.id))


@bp.route(f"{BASE}/vrijgeven", methods=["GET", "POST"])
@teacher_required
def release_all(class_id: int, assignment_id: str):
    """Release every done review of the latest attempts; GET asks to confirm first."""
    klas, assignment = _class_and_assignment(class_id, assignment_id)
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
