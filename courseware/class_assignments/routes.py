"""A class's assignment, for its teacher (and admins): the settings (deadline and the class's own
rubric), regrading every hand-in with that rubric, the overview of levels per criterion, and the
downloads (grade sheet and journeys).

Decisions:
- Saving the settings never regrades: the page says how many hand-ins were graded with another
  rubric and offers one button that regrades all of them (every attempt, not only the latest).
  A regrade adds a Grading; the attempt and the teacher's overrides stay as they are.
- "Terug naar de standaard" posts to the settings page (button `reset`) and only clears the
  rubric; the deadline stays.
- A rubric equal to the assignment's is stored as no class rubric (see rubric_settings).
"""
from __future__ import annotations

from flask import flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from assignments import Assignment
from grader import CRITERIA

from .. import groups
from ..access import teacher_required
from ..extensions import db
from ..formatting import format_deadline, local_zone
from ..grade_display import AFTER_REVIEW
from ..grading import regrade_all, rubric_for_class
from ..models import ClassAssignment, SchoolClass
from ..models.accounts import utcnow
from ..teaching import class_and_assignment
from . import bp
from .deadlines import to_local
from .exports import DECIMALS, DEFAULT_DECIMAL, download_name, grade_sheet, journeys_zip
from .forms import BACK_TO, ExportForm, RegradeForm, ResetForm, settings_form_class
from .results import LEVELS, attempts_of, heat_map, load, students_at, summary
from .rubric_settings import criteria_order, hints, initial_data, preview, read_rubric, stored_config

PREFIX = "/klassen/<int:class_id>/opdrachten/<assignment_id>"



def _page(template: str, klas: SchoolClass, assignment: Assignment, **context):
    setting = ClassAssignment.find(klas.id, assignment.id)
    deadline = setting.deadline_utc if setting else None
    return render_template(
        template, klas=klas, assignment=assignment, setting=setting,
        deadline=format_deadline(deadline) if deadline else None,
        deadline_passed=deadline is not None and utcnow() > deadline, export_form=ExportForm(formdata=None),
        **context,
    )


# --------------------------------------------------------------------------- settings


@bp.route(PREFIX + "/instellingen", methods=["GET", "POST"])
@teacher_required
def settings(class_id: int, assignment_id: str):
    klas, assignment = class_and_assignment(class_id, assignment_id)
    if request.method == "POST" and "reset" in request.form:
        return _reset(klas, assignment)
    setting = ClassAssignment.find(klas.id, assignment.id)
    rubric = rubric_for_class(klas.id, assignment)
    zone = local_zone()
    form_class = settings_form_class()
    form = form_class() if request.method == "POST" else form_class(data=_initial(setting, rubric, assignment, zone))

    shown, previewing, none_chosen = rubric, False, False
    if form.is_submitted():
        valid = form.validate()
        deadline_ok, deadline = form.read_deadline(zone)
        reading = read_rubric(form, assignment)
        none_chosen = reading.none_chosen
        groups_ok = _check_group_mode(form, klas, assignment)
        if valid and deadline_ok and groups_ok and reading.rubric is not None:
            if not form.preview.data:
                return _save(klas, assignment, deadline, reading.rubric, form.grade_display.data,
                             form.group_mode.data)
            shown, previewing = reading.rubric, True

    results = load(klas, assignment, rubric)
    return _page(
        "class_assignments/settings.html", klas, assignment, form=form, order=criteria_order(assignment),
        hints=hints(assignment),
        registry=CRITERIA, none_chosen=none_chosen, preview=preview(shown), previewing=previewing,
        own_rubric=rubric.version != assignment.rubric.version, outdated=results.outdated,
        handed_in=bool(results.handed_in),
        regrade_form=RegradeForm(formdata=None), reset_form=ResetForm(formdata=None),
    )


def _check_group_mode(form, klas: SchoolClass, assignment: Assignment) -> bool:
    """The group size cannot go below the biggest group there is: the message says what to do."""
    wanted = groups.GROUP_SIZES.get(form.group_mode.data)
    largest = groups.largest_group_size(klas.id, assignment.id)
    if wanted is None or largest <= wanted:
        return True
    form.group_mode.errors = [*form.group_mode.errors, ngettext(
        "Er is al een groep met %(num)d leerling.",
        "Er is al een groep met %(num)d leerlingen.", largest) + " " + _(
        "Maak de groepen eerst kleiner bij ‘Groepen’. Daarna kun je dit kiezen.")]
    return False


def _initial(setting: ClassAssignment | None, rubric, assignment: Assignment, zone) -> dict:
    data: dict = initial_data(rubric, assignment)
    data["grade_display"] = setting.grade_display if setting else AFTER_REVIEW
    data["group_mode"] = setting.group_mode if setting else groups.INDIVIDUAL
    deadline = setting.deadline_utc if setting else None
    if deadline is not None:
        local = to_local(deadline, zone)
        data["deadline_date"] = local.strftime("%Y-%m-%d")
        data["deadline_time"] = local.strftime("%H:%M")
    return data


def _save(klas: SchoolClass, assignment: Assignment, deadline, rubric, grade_display: str, group_mode: str):
    for try_number in range(2):  # another teacher made the row at the same moment: use theirs
        setting = ClassAssignment.get_or_create(klas.id, assignment.id)
        setting.deadline = deadline
        setting.grade_display = grade_display
        setting.group_mode = group_mode
        setting.rubric_config = stored_config(rubric, assignment)
        try:
            db.session.commit()
            break
        except IntegrityError:
            db.session.rollback()
            if try_number:
                raise
    flash(_("De instellingen zijn opgeslagen."), "success")
    if deadline is not None and utcnow() > deadline:
        flash(_("Let op: de deadline is al voorbij. Leerlingen kunnen nu niet inleveren."), "warning")
    _flash_outdated(klas, assignment)
    return redirect(url_for(".settings", class_id=klas.id, assignment_id=assignment.id))


def _flash_outdated(klas: SchoolClass, assignment: Assignment) -> None:
    """Say how many hand-ins were graded with another rubric than the class's rubric now."""
    outdated = load(klas, assignment, rubric_for_class(klas.id, assignment)).outdated
    if outdated:
        flash(ngettext(
            "%(num)d inlevering is beoordeeld met een andere rubric. Hieronder kun je die opnieuw laten beoordelen.",
            "%(num)d inleveringen zijn beoordeeld met een andere rubric. Hieronder kun je ze opnieuw laten beoordelen.",
            outdated), "info")


def _reset(klas: SchoolClass, assignment: Assignment):
    if ResetForm().validate_on_submit():
        setting = ClassAssignment.find(klas.id, assignment.id)
        if setting is not None and setting.rubric_config is not None:
            setting.rubric_config = None
            db.session.commit()
        flash(_("Je klas gebruikt weer de rubric van de opdracht. De deadline is niet veranderd."), "success")
        _flash_outdated(klas, assignment)
    else:
        flash(_("Dat lukte niet, want de pagina was te lang open. Probeer het nog een keer."), "error")
    return redirect(url_for(".settings", class_id=klas.id, assignment_id=assignment.id))


# --------------------------------------------------------------------------- regrade


@bp.post(PREFIX + "/opnieuw-beoordelen")
@teacher_required
def regrade(class_id: int, assignment_id: str):
    klas, assignment = class_and_assignment(class_id, assignment_id)
    form = RegradeForm()
    back = form.back.data if form.back.data in BACK_TO else "overview"
    target = url_for(f".{back}", class_id=klas.id, assignment_id=assignment.id)
    if not form.validate_on_submit():
        flash(_("Opnieuw beoordelen lukte niet, want de pagina was te lang open. Probeer het nog een keer."), "error")
        return redirect(target)
    rubric = rubric_for_class(klas.id, assignment)
    added = regrade_all(attempts_of(klas.id, assignment.id), rubric, current_user)
    db.session.commit()
    if added:
        flash(ngettext("%(num)d inlevering is opnieuw beoordeeld.", "%(num)d inleveringen zijn opnieuw beoordeeld.",
                       len(added)) + " " + _("Niveaus die je zelf hebt aangepast, blijven staan."), "success")
    else:
        flash(_("Er was niets opnieuw te beoordelen: alle inleveringen zijn al beoordeeld met deze rubric."), "info")
    return redirect(target)


# --------------------------------------------------------------------------- overview


@bp.get(PREFIX + "/overzicht")
@teacher_required
def overview(class_id: int, assignment_id: str):
    klas, assignment = class_and_assignment(class_id, assignment_id)
    rubric = rubric_for_class(klas.id, assignment)
    results = load(klas, assignment, rubric)
    selected = _selection(rubric)
    rows = heat_map(results, selected)
    chosen = students_at(results, *selected) if selected else None
    chosen_row = next((row for row in rows if selected and row.id == selected[0]), None)
    return _page(
        "class_assignments/overview.html", klas, assignment, results=results, rows=rows,
        summary=summary(rows, len(results.handed_in)), selected=selected, chosen=chosen, chosen_row=chosen_row,
        levels=LEVELS, show_ungraded=any(row.ungraded for row in rows), outdated=results.outdated,
        own_rubric=rubric.version != assignment.rubric.version,
        regrade_form=RegradeForm(formdata=None),
    )


def _selection(rubric) -> tuple[str, int] | None:
    """The heat map cell asked for with ?criterium=<id>&niveau=<n>, if it is one."""
    criterion_id = request.args.get("criterium", "")
    level = request.args.get("niveau", "")
    if criterion_id not in {item.id for item in rubric.items} or level not in {str(n) for n in LEVELS}:
        return None
    return criterion_id, int(level)


# --------------------------------------------------------------------------- downloads


@bp.get(PREFIX + "/cijfers.csv")
@teacher_required
def export_csv(class_id: int, assignment_id: str):
    klas, assignment = class_and_assignment(class_id, assignment_id)
    decimal = request.args.get("decimaal", DEFAULT_DECIMAL)
    if decimal not in DECIMALS:
        decimal = DEFAULT_DECIMAL
    results = load(klas, assignment, rubric_for_class(klas.id, assignment))
    response = make_response(grade_sheet(results, decimal, _deadline(klas, assignment)))
    response.mimetype = "text/csv"
    response.charset = "utf-8"
    return _attachment(response, download_name(results, "cijfers.csv"))


@bp.get(PREFIX + "/klantreizen.zip")
@teacher_required
def export_zip(class_id: int, assignment_id: str):
    klas, assignment = class_and_assignment(class_id, assignment_id)
    results = load(klas, assignment, rubric_for_class(klas.id, assignment))
    if not results.handed_in:
        flash(_("Er is nog niets ingeleverd, dus er zijn nog geen klantreizen om te downloaden."), "info")
        return redirect(url_for(".overview", class_id=klas.id, assignment_id=assignment.id))
    response = make_response(journeys_zip(results, _deadline(klas, assignment)))
    response.mimetype = "application/zip"
    return _attachment(response, download_name(results, "klantreizen.zip"))


def _deadline(klas, assignment):
    setting = ClassAssignment.find(klas.id, assignment.id)
    return setting.deadline_utc if setting else None


def _attachment(response, filename: str):
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"  # names and grades of students
    return response
