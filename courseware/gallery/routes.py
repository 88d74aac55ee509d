"""Comparing designs in class: the teacher's gallery with comparison and presentation mode, the
anonymous gallery for students, and tops en tips (peer feedback).

Teacher routes: the teacher of the class or an admin (students and other teachers get 403, an
unknown class or assignment 404). Student routes: students only, their own class only, their own
tasks only (anything else is 404). Nothing shows a student's name unless the teacher asked for it
with `?namen=1`; students never see names or grades of others.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from assignments import Assignment
from grader import parse_journey

from .. import catalogue, groups
from ..access import found, student_required, teacher_required
from ..extensions import db
from ..grading import result_for
from ..journeymap import build_map, desired_overlay, overlay_curves, report_stages
from ..models import Attempt, ClassAssignment, FeedbackRound, GalleryExclusion, PeerReview, SchoolClass
from ..models.accounts import utcnow
from ..models.peer import COMMENT_MAX, COMMENT_MIN
from ..teaching import class_and_assignment
from . import bp
from .designs import (
    COMPARE_MAX,
    COMPARE_MIN,
    PRESENT_MAX,
    PRESENT_MIN,
    Design,
    Entry,
    choose,
    criterion_rows,
    designs_for,
    gallery_entries,
    stage_rows,
    student_entries,
)
from .forms import WORDS_MIN, ActionForm, PeerReviewForm, SwitchForm
from .peer import (
    RoundRefused,
    close_round,
    few_written,
    open_round,
    received_by,
    release_round,
    round_overview,
    tasks_of,
)
from .slides import build_slides

PRESENT_CSS_CLASS = "present-mode"


# --------------------------------------------------------------------------- helpers


def _assignment(assignment_id: str) -> Assignment:
    return found(catalogue.for_user(current_user, assignment_id))


def _names_asked() -> bool:
    return request.args.get("namen") == "1"


def _names(klas: SchoolClass, show: bool) -> dict[int, str]:
    """Student id -> name, only when the teacher asked for names (one query)."""
    return {student.id: student.display_name for student in klas.students} if show else {}


def _title(label: str, authors: frozenset[int], names: dict[int, str]) -> str:
    """"Ontwerp C", with the maker's name (a group: its members' names) only when asked for."""
    title = _("Ontwerp %(label)s", label=label)
    name = ", ".join(sorted((names[author] for author in authors if author in names), key=str.casefold))
    return f"{title} · {name}" if name else title


def _gallery_page(klas: SchoolClass, assignment: Assignment, entries: list[Entry], *,
                  selected: tuple[str, ...] | list[str] = (), error: str = "", status: int = 200):
    show_names = _names_asked()
    names = _names(klas, show_names)
    setting = ClassAssignment.find(klas.id, assignment.id)
    gallery_open = bool(setting and setting.gallery_open)
    designs = designs_for(entries)
    authors = {author for d in designs for author in d.authors}
    left_out = GalleryExclusion.user_ids(klas.id, assignment.id)
    html = render_template(
        "gallery/index.html", klas=klas, assignment=assignment, designs=designs,
        titles={d.label: _title(d.label, d.authors, names) for d in designs},
        show_names=show_names, gallery_open=gallery_open, student_count=len(klas.students),
        handed_in_count=sum(1 for student in klas.students if student.id in authors),
        selected=set(selected), error=error, toggle_form=SwitchForm(),
        left_out={d.label for d in designs if d.authors & left_out},
        missing=[s.display_name for s in klas.students if s.id not in authors] if show_names else [],
        compare_range=(COMPARE_MIN, COMPARE_MAX), present_range=(PRESENT_MIN, PRESENT_MAX),
    )
    return html, status


@dataclass(frozen=True)
class Chosen:
    """The designs a teacher chose with ?ontwerp=..., with their titles (names only when asked)."""

    klas: SchoolClass
    assignment: Assignment
    designs: list[Design]
    titles: list[str]
    labels: list[str]
    show_names: bool


def _chosen(class_id: int, assignment_id: str, minimum: int, maximum: int) -> Chosen:
    """The teacher's class, the assignment and the designs chosen; when the choice is not valid,
    the answer is the gallery page with the error (400)."""
    klas, assignment = class_and_assignment(class_id, assignment_id)
    entries = gallery_entries(klas.id, assignment.id)
    choice = choose(entries, request.args.getlist("ontwerp"), minimum, maximum)
    if choice.error:
        html, status = _gallery_page(klas, assignment, entries, selected=choice.labels, error=choice.error,
                                     status=400)
        abort(make_response(html, status))
    show_names = _names_asked()
    names = _names(klas, show_names)
    designs = designs_for(choice.entries)
    titles = [_title(d.label, d.authors, names) for d in designs]
    return Chosen(klas, assignment, designs, titles, list(choice.labels), show_names)


# --------------------------------------------------------------------------- teacher: gallery


@bp.get("/klassen/<int:class_id>/opdrachten/<assignment_id>/galerij")
@teacher_required
def index(class_id: int, assignment_id: str):
    klas, assignment = class_and_assignment(class_id, assignment_id)
    entries = gallery_entries(klas.id, assignment.id)
    selected = [value.strip().upper() for value in request.args.getlist("ontwerp")]
    return _gallery_page(klas, assignment, entries, selected=selected)


@bp.post("/klassen/<int:class_id>/opdrachten/<assignment_id>/galerij/open")
@teacher_required
def toggle(class_id: int, assignment_id: str):
    klas, assignment = class_and_assignment(class_id, assignment_id)
    form = SwitchForm()
    if form.validate_on_submit():
        setting = ClassAssignment.get_or_create(klas.id, assignment.id)
        setting.gallery_open = form.on
        db.session.commit()
        if form.on:
            flash(_("De galerij is nu open. Leerlingen van %(klas)s zien de ontwerpen, zonder namen en zonder cijfers.",
                    klas=klas.name), "success")
        else:
            flash(_("De galerij is nu dicht. Leerlingen zien de ontwerpen niet meer."), "success")
    return redirect(url_for("gallery.index", class_id=klas.id, assignment_id=assignment.id))


@bp.get("/klassen/<int:class_id>/opdrachten/<assignment_id>/galerij/vergelijk")
@teacher_required
def compare(class_id: int, assignment_id: str):
    chosen = _chosen(class_id, assignment_id, COMPARE_MIN, COMPARE_MAX)
    klas, assignment, maps = chosen.klas, chosen.assignment, [d.jmap for d in chosen.designs]
    return render_template(
        "gallery/compare.html", klas=klas, assignment=assignment, designs=chosen.designs, titles=chosen.titles,
        labels=chosen.labels, show_names=chosen.show_names,
        overlay=overlay_curves(maps, chosen.titles), desired_overlay=desired_overlay(maps, chosen.titles),
        rows=stage_rows(maps),
        criteria=criterion_rows([d.report for d in chosen.designs]),
    )


@bp.get("/klassen/<int:class_id>/opdrachten/<assignment_id>/galerij/presentatie")
@teacher_required
def present(class_id: int, assignment_id: str):
    """The slides for the projector. Never with names (the class sees the screen), and levels and
    grades only when the teacher switched "Beoordeling tonen" on (`?beoordeling=1`)."""
    klas, assignment = class_and_assignment(class_id, assignment_id)
    entries = gallery_entries(klas.id, assignment.id)
    choice = choose(entries, request.args.getlist("ontwerp"), PRESENT_MIN, PRESENT_MAX)
    if choice.error:
        html, status = _gallery_page(klas, assignment, entries, selected=choice.labels, error=choice.error,
                                     status=400)
        abort(make_response(html, status))
    designs = designs_for(choice.entries)
    labels = list(choice.labels)
    titles = [_title(d.label, d.authors, {}) for d in designs]
    show_grades = request.args.get("beoordeling") == "1"
    slides = build_slides(designs, show_grades)
    count = len(slides)
    dia = min(max(request.args.get("dia", default=0, type=int), 0), count - 1)
    slide = slides[dia]
    extra = {"beoordeling": "1"} if show_grades else {}

    def slide_url(number: int, **change) -> str:
        args = {**extra, **change}
        return url_for("gallery.present", class_id=klas.id, assignment_id=assignment.id,
                       ontwerp=labels, dia=number, **args)

    comparison = None
    if slide.kind in ("compare-personas", "grades"):
        comparison = {"overlay": overlay_curves([d.jmap for d in designs], titles),
                      "criteria": criterion_rows([d.report for d in designs]),
                      "grades": [d.report.grade for d in designs]}
    if slide.design is not None:
        title = _title(slide.design.label, slide.design.authors, {})
    else:
        title = {"compare-personas": _("Vergelijking: persona’s en curves"),
                 "compare-stages": _("Vergelijking per fase"),
                 "grades": _("Beoordeling")}[slide.kind]
    return render_template(
        "gallery/present.html", klas=klas, assignment=assignment, designs=designs, titles=titles,
        dia=dia, count=count, slide=slide, comparison=comparison, body_class=PRESENT_CSS_CLASS,
        title=title, show_grades=show_grades,
        prev_url=slide_url(dia - 1) if dia > 0 else None,
        next_url=slide_url(dia + 1) if dia < count - 1 else None,
        first_url=slide_url(0), last_url=slide_url(count - 1),
        grades_url=url_for("gallery.present", class_id=klas.id, assignment_id=assignment.id, ontwerp=labels,
                           dia=min(dia, len(build_slides(designs, False)) - 1),
                           **({} if show_grades else {"beoordeling": "1"})),
        close_url=url_for("gallery.index", class_id=klas.id, assignment_id=assignment.id, ontwerp=labels,
                          _anchor="kiezen"),
    )


# --------------------------------------------------------------------------- student: gallery


@dataclass(frozen=True)
class StudentAccess:
    """Whether a student may look in the class gallery now, and if not, why (for the page)."""

    setting: ClassAssignment | None
    handed_in: bool

    @property
    def opened(self) -> bool:
        return bool(self.setting and self.setting.gallery_open)

    @property
    def deadline_passed(self) -> bool:
        return bool(self.setting and self.setting.is_closed())

    @property
    def allowed(self) -> bool:
        """Open, and the student handed in (or the deadline passed): nobody copies before handing in."""
        return self.opened and (self.handed_in or self.deadline_passed)


def _student_access(assignment: Assignment) -> StudentAccess:
    setting = ClassAssignment.for_student(current_user, assignment.id)
    handed_in = db.session.scalar(  # alone, or their group while they were in it
        select(Attempt.id).where(groups.seen_by(current_user.id), Attempt.assignment_id == assignment.id)
        .limit(1)) is not None
    return StudentAccess(setting, handed_in)


def _closed_page(assignment: Assignment, access: StudentAccess):
    return render_template("gallery/student_closed.html", assignment=assignment, access=access,
                           deadline=access.setting.deadline_utc if access.setting else None)


@bp.get("/opdrachten/<assignment_id>/galerij", endpoint="student")
@student_required
def student_gallery(assignment_id: str):
    assignment = _assignment(assignment_id)
    access = _student_access(assignment)
    if not access.allowed:
        return _closed_page(assignment, access)
    designs = designs_for(student_entries(current_user.class_id, assignment.id, current_user.id))
    mine = next((d.label for d in designs if current_user.id in d.authors), None)
    return render_template("gallery/student.html", assignment=assignment, designs=designs, mine=mine)


@bp.get("/opdrachten/<assignment_id>/galerij/<label>", endpoint="student_design")
@student_required
def student_design(assignment_id: str, label: str):
    """A classmate's whole map, anonymous, as the map page shows it (with its print layout)."""
    assignment = _assignment(assignment_id)
    access = _student_access(assignment)
    if not access.allowed:
        return redirect(url_for("gallery.student", assignment_id=assignment.id))
    entries = student_entries(current_user.class_id, assignment.id, current_user.id)
    entry = next((e for e in entries if e.label == label.strip().upper()), None)
    if entry is None:
        abort(404)
    design = designs_for([entry])[0]
    index = entries.index(entry)
    return render_template(
        "gallery/student_design.html", assignment=assignment, design=design,
        mine=current_user.id in design.authors,
        prev_label=entries[index - 1].label if index > 0 else None,
        next_label=entries[index + 1].label if index < len(entries) - 1 else None,
    )


@bp.post("/klassen/<int:class_id>/opdrachten/<assignment_id>/galerij/leerling/<int:student_id>/weglaten")
@teacher_required
def exclude(class_id: int, assignment_id: str, student_id: int):
    """Leave a student's (or their group's) design out of the gallery for students (state 1), or put
    it back (0). For a group's design the choice is stored for every member."""
    klas, assignment = class_and_assignment(class_id, assignment_id)
    entry = next((e for e in gallery_entries(klas.id, assignment.id) if student_id in e.authors), None)
    if entry is None:
        abort(404)
    form = SwitchForm()
    if form.validate_on_submit():
        existing = {row.user_id: row for row in db.session.scalars(select(GalleryExclusion).where(
            GalleryExclusion.class_id == klas.id, GalleryExclusion.assignment_id == assignment.id,
            GalleryExclusion.user_id.in_(entry.authors)))}
        for author in sorted(entry.authors):
            if form.on and author not in existing:
                db.session.add(GalleryExclusion(class_id=klas.id, assignment_id=assignment.id, user_id=author))
            elif not form.on and author in existing:
                db.session.delete(existing[author])
        db.session.commit()
        flash(_("Ontwerp %(label)s staat niet meer in de galerij voor leerlingen.", label=entry.label) if form.on
              else _("Ontwerp %(label)s staat weer in de galerij voor leerlingen.", label=entry.label), "success")
    return redirect(url_for("gallery.index", class_id=klas.id, assignment_id=assignment.id,
                            _anchor=f"ontwerp-{entry.label}"))


# --------------------------------------------------------------------------- teacher: tops en tips


def _round_redirect(klas: SchoolClass, assignment: Assignment):
    return redirect(url_for("gallery.round", class_id=klas.id, assignment_id=assignment.id))


def _round_page(klas: SchoolClass, assignment: Assignment, *, confirm_release: bool = False):
    current = FeedbackRound.current(klas.id, assignment.id)
    tasks = round_overview(current) if current is not None else []
    return render_template(
        "gallery/round.html", klas=klas, assignment=assignment, current=current, tasks=tasks,
        written=sum(1 for task in tasks if task.review.is_submitted),
        action_form=ActionForm(), hide_form=SwitchForm(), confirm_release=confirm_release,
    )


@bp.get("/klassen/<int:class_id>/opdrachten/<assignment_id>/tops-en-tips", endpoint="round")
@teacher_required
def round_page(class_id: int, assignment_id: str):
    return _round_page(*class_and_assignment(class_id, assignment_id))


@bp.post("/klassen/<int:class_id>/opdrachten/<assignment_id>/tops-en-tips/openen", endpoint="open_round")
@teacher_required
def open_round_view(class_id: int, assignment_id: str):
    klas, assignment = class_and_assignment(class_id, assignment_id)
    if ActionForm().validate_on_submit():
        try:
            open_round(klas.id, assignment.id)
        except RoundRefused as refused:
            db.session.rollback()
            flash(refused.message, "error")
        else:
            flash(_("De ronde is open. Elke leerling met een ingeleverde klantreis heeft twee klantreizen "
                    "van klasgenoten gekregen."), "success")
    return _round_redirect(klas, assignment)


def _current_round(class_id: int, assignment_id: str):
    """The teacher's own class, the assignment and its current feedback round (404 without one)."""
    klas, assignment = class_and_assignment(class_id, assignment_id)
    current = FeedbackRound.current(klas.id, assignment.id)
    if current is None:
        abort(404)
    return klas, assignment, current


@bp.post("/klassen/<int:class_id>/opdrachten/<assignment_id>/tops-en-tips/sluiten", endpoint="close_round")
@teacher_required
def close_round_view(class_id: int, assignment_id: str):
    klas, assignment, current = _current_round(class_id, assignment_id)
    if ActionForm().validate_on_submit() and current.is_open:
        close_round(current)
        db.session.commit()
        flash(_("De ronde is gesloten. Leerlingen kunnen niets meer schrijven of veranderen."), "success")
    return _round_redirect(klas, assignment)


@bp.post("/klassen/<int:class_id>/opdrachten/<assignment_id>/tops-en-tips/vrijgeven", endpoint="release_round")
@teacher_required
def release_round_view(class_id: int, assignment_id: str):
    klas, assignment, current = _current_round(class_id, assignment_id)
    if ActionForm().validate_on_submit() and not current.is_released:
        if few_written(current) and request.form.get("bevestigd") != "1":
            return _round_page(klas, assignment, confirm_release=True)  # ask first, with the count
        release_round(current)
        db.session.commit()
        flash(_("De tops en tips zijn vrijgegeven. Leerlingen zien nu wat ze kregen, zonder de naam van de schrijver."),
              "success")
    return _round_redirect(klas, assignment)


@bp.post("/klassen/<int:class_id>/opdrachten/<assignment_id>/tops-en-tips/<int:review_id>/verbergen")
@teacher_required
def hide_comment(class_id: int, assignment_id: str, review_id: int):
    klas, assignment = class_and_assignment(class_id, assignment_id)
    review = db.session.get(PeerReview, review_id)
    if review is None or review.round.class_id != klas.id or review.round.assignment_id != assignment.id:
        abort(404)
    form = SwitchForm()
    if form.validate_on_submit():
        review.hidden = form.on
        db.session.commit()
        flash(_("De top en tip zijn verborgen. De leerling ziet ze niet.") if form.on
              else _("De top en tip zijn weer zichtbaar voor de leerling (als de ronde is vrijgegeven)."), "success")
    return redirect(url_for("gallery.round", class_id=klas.id, assignment_id=assignment.id,
                            _anchor=f"reactie-{review.id}"))


# --------------------------------------------------------------------------- student: tops en tips


@bp.get("/opdrachten/<assignment_id>/tops-en-tips")
@student_required
def peer_tasks(assignment_id: str):
    assignment = _assignment(assignment_id)
    current = FeedbackRound.current(current_user.class_id, assignment.id)
    tasks = tasks_of(current, current_user.id) if current is not None else []
    released = current if current is not None and current.is_released else \
        FeedbackRound.latest_released(current_user.class_id, assignment.id)
    return render_template("gallery/peer_tasks.html", assignment=assignment, current=current, tasks=tasks,
                           released=released is not None)


def _own_task(assignment: Assignment, review_id: int) -> PeerReview:
    """The student's own task in their own class; 404 for anything else."""
    review = db.session.get(PeerReview, review_id)
    if (review is None or review.reviewer_id != current_user.id or review.round.assignment_id != assignment.id
            or review.round.class_id != current_user.class_id):
        abort(404)
    return review


@bp.route("/opdrachten/<assignment_id>/tops-en-tips/<int:review_id>", methods=["GET", "POST"])
@student_required
def peer_write(assignment_id: str, review_id: int):
    assignment = _assignment(assignment_id)
    review = _own_task(assignment, review_id)
    tasks = tasks_of(review.round, current_user.id)
    number = next((i for i, task in enumerate(tasks, start=1) if task.id == review.id), 1)
    form = PeerReviewForm(obj=review)
    if request.method == "POST":
        if not review.round.is_open:
            flash(_("De ronde is gesloten. Je kunt niets meer veranderen."), "error")
            return redirect(url_for("gallery.peer_tasks", assignment_id=assignment.id))
        if form.validate_on_submit():
            review.top = form.top.data
            review.tip = form.tip.data
            if review.submitted_at is None:
                review.submitted_at = utcnow()
            db.session.commit()
            flash(_("Je top en tip zijn opgeslagen. Dank je wel!"), "success")
            return redirect(url_for("gallery.peer_tasks", assignment_id=assignment.id))
    report = result_for(review.attempt).final
    jmap = build_map(parse_journey(review.attempt.journey_data), *report_stages(report))
    return render_template("gallery/peer_write.html", assignment=assignment, review=review, form=form,
                           jmap=jmap, number=number, total=len(tasks),
                           comment_min=COMMENT_MIN, comment_max=COMMENT_MAX, words_min=WORDS_MIN)


@bp.get("/opdrachten/<assignment_id>/ontvangen-tops-en-tips")
@student_required
def peer_received(assignment_id: str):
    assignment = _assignment(assignment_id)
    released = FeedbackRound.latest_released(current_user.class_id, assignment.id)
    received = received_by(released, current_user.id) if released is not None else []
    return render_template("gallery/peer_received.html", assignment=assignment, released=released,
                           received=received)
