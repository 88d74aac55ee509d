"""A teacher's own assignments. Every page checks that the assignment is the current user's
(admins: anyone's); the model journey page is for the students of a class it is published to.

Decisions:
- States: concept (only the owner sees it) -> gepubliceerd (published to one or more classes,
  each a ClassAssignment row with its own deadline) -> gearchiveerd (gone from the students'
  list; hand-ins, grades and the class pages stay). An archived assignment can be published again.
- Changing the rubric after hand-ins needs a tick; old attempts keep the rubric they were graded
  with, and each class's settings page offers the existing regrade.
- Import makes one concept assignment in one commit, or nothing with a Dutch message.
"""
from __future__ import annotations

import json

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from assignments import BUILDER_STEPS, Assignment, AssignmentError, parse_assignment, to_toml
from grader import CRITERIA, MAX_BYTES, STAGES, JourneyError, load_journey, parse_journey

from .. import catalogue
from ..access import found, require, teacher_required, user_required
from ..assignment_pages.texts import rubric_rows
from ..builder import form_mapping, journey_data
from ..builder.forms import STEP_FORMS
from ..builder.steps import MAX_PHASES, MAX_TOUCHPOINTS_PER_PHASE, STEPS
from ..class_assignments.rubric_settings import criteria_order, hints
from ..extensions import db
from ..formatting import format_deadline, local_zone
from ..journeymap import build_map
from ..markdown_text import markdown_markup
from ..models import ClassAssignment, OwnAssignment, SchoolClass
from ..models.accounts import utcnow
from ..models.own_assignments import (
    ARCHIVED,
    CONCEPT,
    MODEL_VISIBILITY,
    PUBLISHED,
)
from ..teaching import taught_classes
from . import bp, editing
from .forms import (
    HINT_FIELD,
    STAGE_WORDS_FIELD,
    ActionForm,
    ImportForm,
    ModelJourneyForm,
    PublishForm,
    assignment_form_class,
)

PREFIX = "/mijn-opdrachten"
IMPORT_MAX_BYTES = 200_000
STATE_LABELS = {CONCEPT: "concept", PUBLISHED: "gepubliceerd", ARCHIVED: "gearchiveerd"}


def _mine(assignment_id: str) -> OwnAssignment:
    """The current user's own assignment: 404 when there is none, 403 when it is someone else's."""
    row = found(OwnAssignment.by_slug(assignment_id))
    require(current_user.is_admin or row.owner_id == current_user.id)
    return row


def _copyable(assignment_id: str) -> Assignment:
    """A built-in assignment, or one of the current user's own, to copy."""
    builtin = catalogue.builtin(assignment_id)
    if builtin is not None:
        return builtin
    return catalogue.read(_mine(assignment_id))


def _form_page(form, base: Assignment, row: OwnAssignment | None, copy_of: Assignment | None = None,
               confirm_needed: bool = False):
    return render_template(
        "own_assignments/edit.html", form=form, row=row, copy_of=copy_of, order=criteria_order(base),
        hints=hints(base), registry=CRITERIA, steps=BUILDER_STEPS, hint_field=HINT_FIELD,
        words_field=STAGE_WORDS_FIELD, stages=STAGES,
        confirm_needed=confirm_needed, hand_ins=editing.hand_in_count(row.slug) if row else 0,
    )


# --------------------------------------------------------------------------- list


@bp.get(PREFIX)
@teacher_required
def index():
    query = select(OwnAssignment).order_by(OwnAssignment.created_at.desc(), OwnAssignment.id.desc())
    if not current_user.is_admin:
        query = query.where(OwnAssignment.owner_id == current_user.id)
    rows = list(db.session.scalars(query))
    return render_template(
        "own_assignments/index.html", rows=[(row, catalogue.read(row)) for row in rows],
        builtins=list(catalogue.builtins().values()), states=STATE_LABELS, import_form=ImportForm(formdata=None),
    )


# --------------------------------------------------------------------------- create and edit


@bp.route(PREFIX + "/nieuw", methods=["GET", "POST"])
@teacher_required
def new():
    source_id = request.args.get("van", "")
    copy_of = _copyable(source_id) if source_id else None
    base = copy_of or editing.blank()
    form_class = assignment_form_class()
    if request.method == "GET":
        data = editing.initial(base)
        if copy_of is not None:
            data["title"] = _("Kopie van %(title)s", title=copy_of.title)
        return _form_page(form_class(formdata=None, data=data), base, None, copy_of)
    form = form_class()
    form.validate()
    slug = editing.slug_for(form.title.data or "")
    assignment = editing.read_form(form, base, slug)
    if assignment is None:
        return _form_page(form, base, None, copy_of), 200
    row = OwnAssignment(slug=slug, owner_id=current_user.id, toml=to_toml(assignment), state=CONCEPT)
    db.session.add(row)
    try:
        db.session.commit()
    except IntegrityError:  # someone took the same id at the same moment
        db.session.rollback()
        flash(_("Dat lukte net niet. Klik nog een keer op Opslaan."), "error")
        return _form_page(form, base, None, copy_of), 200
    flash(_("Je opdracht is opgeslagen als concept. Bekijk het voorbeeld en publiceer de opdracht voor je klas."),
          "success")
    return redirect(url_for(".show", own_id=row.slug))


@bp.route(PREFIX + "/<own_id>/bewerken", methods=["GET", "POST"])
@teacher_required
def edit(own_id: str):
    row = _mine(own_id)
    current = catalogue.read(row)
    form_class = assignment_form_class()
    if request.method == "GET":
        return _form_page(form_class(formdata=None, data=editing.initial(current)), current, row)
    form = form_class()
    form.validate()
    assignment = editing.read_form(form, current, row.slug)
    if assignment is None:
        return _form_page(form, current, row), 200
    rubric_changed = assignment.rubric.version != current.rubric.version
    if rubric_changed and editing.hand_in_count(row.slug) and not form.confirm_rubric.data:
        form.confirm_rubric.errors.append(_("Zet een vinkje als je het beoordelingsmodel echt wilt veranderen."))
        return _form_page(form, current, row, confirm_needed=True), 200
    row.toml = to_toml(assignment)
    row.updated_at = utcnow()
    db.session.commit()
    flash(_("Je opdracht is opgeslagen."), "success")
    if rubric_changed and editing.hand_in_count(row.slug):
        flash(_("Het beoordelingsmodel is veranderd. Wat al is ingeleverd, houdt het oude oordeel. "
                "Wil je het opnieuw laten beoordelen? Dat kan per klas bij ‘Instellingen’."), "info")
    return redirect(url_for(".show", own_id=row.slug))


# --------------------------------------------------------------------------- the assignment's page


def _classes(row: OwnAssignment) -> list[tuple[SchoolClass, ClassAssignment]]:
    query = (select(SchoolClass, ClassAssignment)
             .join(ClassAssignment, ClassAssignment.class_id == SchoolClass.id)
             .where(ClassAssignment.assignment_id == row.slug).order_by(SchoolClass.name))
    return [(klas, setting) for klas, setting in db.session.execute(query).all()]


def _publish_form(row: OwnAssignment, published: list[tuple[SchoolClass, ClassAssignment]], formdata=None):
    taken = {klas.id for klas, _setting in published}
    options = [(klas.id, klas.name) for klas in db.session.scalars(taught_classes(current_user))
               if klas.id not in taken]
    form = PublishForm(formdata=formdata) if formdata is not None else PublishForm(formdata=None)
    form.class_id.choices = options
    return form


def _show_page(row: OwnAssignment, publish_form=None, journey_form=None, status: int = 200):
    published = _classes(row)
    publish_form = publish_form or _publish_form(row, published)
    journey_form = journey_form or ModelJourneyForm(formdata=None, data={"visibility": row.model_visibility})
    rows = [(klas, setting, format_deadline(setting.deadline_utc) if setting.deadline_utc else None)
            for klas, setting in published]
    return render_template(
        "own_assignments/show.html", row=row, assignment=catalogue.read(row), state=STATE_LABELS[row.state],
        published=rows, publish_form=publish_form, journey_form=journey_form, action_form=ActionForm(formdata=None),
        hand_ins=editing.hand_in_count(row.slug),
    ), status


@bp.get(PREFIX + "/<own_id>")
@teacher_required
def show(own_id: str):
    return _show_page(_mine(own_id))


@bp.post(PREFIX + "/<own_id>/publiceren")
@teacher_required
def publish(own_id: str):
    row = _mine(own_id)
    form = _publish_form(row, _classes(row), formdata=request.form)
    valid = form.validate()
    ok, deadline = form.read_deadline(local_zone())
    choice = {value for value, _label in form.class_id.choices}
    if form.class_id.data not in choice:
        form.class_id.errors = [*form.class_id.errors, _("Kies een van je klassen.")]
        valid = False
    if not (valid and ok):
        return _show_page(row, publish_form=form, status=200)
    klas = db.session.get(SchoolClass, form.class_id.data)
    require(klas is not None and current_user.teaches(klas))
    setting = ClassAssignment.get_or_create(klas.id, row.slug)
    setting.deadline = deadline
    row.state = PUBLISHED
    row.updated_at = utcnow()
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
    flash(_("De opdracht is gepubliceerd voor klas %(name)s.", name=klas.name), "success")
    return redirect(url_for(".show", own_id=row.slug))


@bp.post(PREFIX + "/<own_id>/archiveren")
@teacher_required
def archive(own_id: str):
    row = _mine(own_id)
    if ActionForm().validate_on_submit() and row.state == PUBLISHED:
        row.state = ARCHIVED
        db.session.commit()
        flash(_("De opdracht is gearchiveerd. Leerlingen zien haar niet meer bij hun opdrachten. "
                "Wat is ingeleverd en de cijfers blijven bewaard."), "success")
    return redirect(url_for(".show", own_id=row.slug))


@bp.post(PREFIX + "/<own_id>/terugzetten")
@teacher_required
def restore(own_id: str):
    row = _mine(own_id)
    if ActionForm().validate_on_submit() and row.state == ARCHIVED:
        row.state = PUBLISHED
        db.session.commit()
        flash(_("De opdracht is weer gepubliceerd voor dezelfde klassen."), "success")
    return redirect(url_for(".show", own_id=row.slug))


# --------------------------------------------------------------------------- preview


@bp.get(PREFIX + "/<own_id>/voorbeeld")
@teacher_required
def preview(own_id: str):
    row = _mine(own_id)
    assignment = catalogue.read(row)
    rows = rubric_rows(assignment.rubric)
    return render_template(
        "own_assignments/preview.html", row=row, assignment=assignment, rubric=rows,
        scenario=markdown_markup(assignment.scenario), max_points=sum(r.max_points for r in rows), steps=STEPS,
    )


@bp.get(PREFIX + "/<own_id>/voorbeeld/<step>")
@teacher_required
def preview_step(own_id: str, step: str):
    row = _mine(own_id)
    if step not in STEPS:
        abort(404)
    assignment = catalogue.read(row)
    data = journey_data.draft_data(None, assignment)  # an empty journey: nothing is stored
    form = STEP_FORMS[step](formdata=None, data=form_mapping.form_data(data, step), meta={"csrf": False})
    return render_template(
        "own_assignments/preview_step.html", row=row, assignment=assignment, step=STEPS[step], steps=STEPS,
        form=form, data=data, summary=journey_data.summary(data) if step == "check" else None,
        max_phases=MAX_PHASES, max_touchpoints=MAX_TOUCHPOINTS_PER_PHASE,
    )


# --------------------------------------------------------------------------- export and import


@bp.get(PREFIX + "/<own_id>/exporteren")
@teacher_required
def export(own_id: str):
    row = _mine(own_id)
    response = make_response(to_toml(catalogue.read(row)))
    response.mimetype = "application/toml"
    response.charset = "utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{row.slug}.toml"'
    return response


@bp.post(PREFIX + "/importeren")
@teacher_required
def import_file():
    form = ImportForm()
    assignment = None
    if form.validate():
        assignment = _read_import(form)
    if assignment is None:
        query = select(OwnAssignment).where(OwnAssignment.owner_id == current_user.id)
        rows = list(db.session.scalars(query.order_by(OwnAssignment.created_at.desc())))
        return render_template(
            "own_assignments/index.html", rows=[(row, catalogue.read(row)) for row in rows],
            builtins=list(catalogue.builtins().values()), states=STATE_LABELS, import_form=form,
        ), 200
    slug = editing.slug_for(assignment.id)
    row = OwnAssignment(slug=slug, owner_id=current_user.id, toml=to_toml(editing.with_id(assignment, slug)),
                        state=CONCEPT)
    db.session.add(row)
    db.session.commit()
    flash(_("De opdracht ‘%(title)s’ is geïmporteerd als concept.", title=assignment.title), "success")
    return redirect(url_for(".show", own_id=row.slug))


def _read_import(form: ImportForm) -> Assignment | None:
    storage = form.file.data
    if storage is None or not getattr(storage, "filename", ""):
        form.file.errors = [*form.file.errors, _("Kies een bestand.")]
        return None
    content = storage.stream.read(IMPORT_MAX_BYTES + 1)
    if len(content) > IMPORT_MAX_BYTES:
        form.file.errors = [*form.file.errors, _("Het bestand is te groot: hoogstens 200 kB.")]
        return None
    if not storage.filename.lower().endswith(".toml"):
        form.file.errors = [*form.file.errors, _("Kies een bestand dat eindigt op .toml.")]
        return None
    try:  # the built-in loader; the file's id need not match its name (a download may be renamed)
        return parse_assignment(content, storage.filename.rsplit("/", 1)[-1])
    except AssignmentError as exc:
        form.file.errors = [*form.file.errors, _("Dit bestand klopt niet: %(problem)s", problem=str(exc))]
        return None


# --------------------------------------------------------------------------- model journey


@bp.post(PREFIX + "/<own_id>/voorbeeldreis")
@teacher_required
def model_journey(own_id: str):
    row = _mine(own_id)
    form = ModelJourneyForm()
    if not form.validate():
        return _show_page(row, journey_form=form)
    storage = form.file.data
    if storage is not None and getattr(storage, "filename", ""):
        content = storage.stream.read(MAX_BYTES + 1)
        problem = None
        if not storage.filename.lower().endswith(".json"):
            problem = _("Kies een bestand dat eindigt op .json.")
        elif len(content) > MAX_BYTES:
            problem = _("Het bestand is te groot. Een klantreis mag hoogstens 1 MB zijn.")
        else:
            try:
                journey = load_journey(content, storage.filename)
            except JourneyError as exc:
                problem = " ".join(exc.errors)
        if problem:
            form.file.errors = [*form.file.errors, problem]
            return _show_page(row, journey_form=form)
        row.model_journey = json.dumps(journey.to_dict(), ensure_ascii=False)
    elif row.model_journey is None:
        form.file.errors = [*form.file.errors, _("Kies eerst een bestand met de voorbeeldreis.")]
        return _show_page(row, journey_form=form)
    if form.visibility.data in MODEL_VISIBILITY:
        row.model_visibility = form.visibility.data
    db.session.commit()
    flash(_("De voorbeeldreis is opgeslagen."), "success")
    return redirect(url_for(".show", own_id=row.slug) + "#voorbeeldreis")


@bp.post(PREFIX + "/<own_id>/voorbeeldreis/verwijderen")
@teacher_required
def remove_model_journey(own_id: str):
    row = _mine(own_id)
    if ActionForm().validate_on_submit():
        row.model_journey = None
        db.session.commit()
        flash(_("De voorbeeldreis is verwijderd."), "success")
    return redirect(url_for(".show", own_id=row.slug) + "#voorbeeldreis")


@bp.get("/opdrachten/<own_id>/voorbeeldreis")
@user_required
def model_journey_page(own_id: str):
    row = found(OwnAssignment.by_slug(own_id))
    require(catalogue.model_journey_visible(current_user, row))
    assignment = catalogue.read(row)
    journey = parse_journey(json.loads(row.model_journey))
    return render_template("own_assignments/model_journey.html", assignment=assignment,
                           jmap=build_map(journey, rubric=assignment.rubric))
