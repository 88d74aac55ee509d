"""The builder: a student builds the journey for an assignment step by step, checks it with the
grader, hands it in, and can download, upload and print it. Students only, their own work only.

Every button on a step page submits the same form, so every click first saves what was typed.
"""
from __future__ import annotations

import json
import re

from flask import abort, flash, jsonify, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from assignments import BUILDER_STEPS, Assignment
from grader import CRITERIA, MAX_BYTES, JourneyError, Report, load_journey, parse_journey

from .. import catalogue, groups
from ..access import found, student_required
from ..extensions import db
from ..formatting import format_clock, format_deadline, format_grade
from ..grade_display import HIDDEN, student_mode
from ..grading import released_results, rubric_for_student
from ..journeymap import build_map, report_stages
from ..models import Draft, StudyGroup
from ..models.journeys import as_utc
from . import bp, conflicts, saving, stash
from .actions import card_origins, removed_notice
from .expired import STASHABLE, stash_response
from .form_mapping import form_data, unplaced_message
from .forms import STEP_FORMS, ChooseStageForm, ConflictForm, HandInForm, UploadForm
from .handin import AlreadyHandedIn, HandInRefused, deadline_for, deadline_passed, grade_data, hand_in
from .journey_data import (
    draft_data,
    export,
    improvement_targets,
    is_empty,
    limit_problems,
    normalise,
    summary,
    to_journey,
)
from .steps import MAX_PHASES, MAX_TOUCHPOINTS_PER_PHASE, SAVE, STAGE_LABELS, STEPS, neighbour, parse_action, step_url
from .store import conflict_message, other_saver, parse_version, save, saved_line

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]")


def _assignment(assignment_id: str) -> Assignment:
    """An assignment whose pages this student may read (also an archived one of their class)."""
    return found(catalogue.for_student_to_read(current_user, assignment_id))


def _open_assignment(assignment_id: str) -> Assignment:
    """An assignment this student may work on now (not an archived one)."""
    return found(catalogue.for_student_to_build(current_user, assignment_id))


def _step(step: str) -> str:
    if step not in STEPS:
        abort(404)
    return step


def _saved_at(draft: Draft | None) -> str:
    return format_clock(draft.saved_at) if draft is not None and draft.saved_at else ""


def _group_context(assignment: Assignment, group: StudyGroup | None) -> dict:
    """Who the student builds this journey with (`group`: their group, groups.group_of): `partners`
    (the other members, by name) when in a group; `group_needed` when the teacher chose group work
    and the student is in no group yet."""
    if group is not None:
        partners = [member for member in groups.members(group) if member.id != current_user.id]
        return {"group": group, "partners": groups.join_names(partners), "group_needed": False}
    return {"group": None, "partners": "",
            "group_needed": groups.max_members(current_user.class_id, assignment.id) > 1}


# --------------------------------------------------------------------------- steps


@bp.get("/opdrachten/<assignment_id>/bouwen")
@student_required
def start(assignment_id: str):
    assignment = _open_assignment(assignment_id)
    draft = groups.draft_for(current_user, assignment.id)
    step = draft.step if draft is not None and draft.step in STEPS else BUILDER_STEPS[0]
    return redirect(step_url(assignment, step))


@bp.route("/opdrachten/<assignment_id>/bouwen/<step>", methods=["GET", "POST"])
@student_required
def step(assignment_id: str, step: str):
    assignment = _open_assignment(assignment_id)
    step = _step(step)
    form_class = STEP_FORMS[step]

    if request.method == "GET":
        group = groups.group_of(current_user, assignment.id)
        draft = groups.draft_in(group, current_user, assignment.id)
        kept = stash.kept(current_user, assignment.id, step)
        if kept.claimed is not None:
            # Restored after a new login, but some fields were wrong: show them with the message.
            form = form_class(formdata=MultiDict(kept.claimed.pairs), meta={"csrf": False})
            form.validate()
            db.session.delete(kept.claimed)
            db.session.commit()
        else:
            form = form_class(formdata=None, data=form_data(draft_data(draft, assignment), step))
        return _render_step(assignment, step, form, draft, group, kept.conflict_steps)

    form = form_class()
    form.validate()
    action = parse_action(request.form.get("action"), step)
    outcome = saving.save_step(current_user, assignment, step, form, action=action,
                               target=_target_step(step, action), posted=request.form.items(multi=True))
    if outcome.status == saving.UNPLACED:
        # Fields for phases the draft does not have: refuse, and show the step as it is stored.
        flash(unplaced_message(), "error")
        return redirect(step_url(assignment, step), 303)
    if outcome.status == saving.OUTDATED:
        # Nothing was typed that would be lost: show the newest version and let them click again.
        flash(_outdated_message(), "warning")
        return redirect(step_url(assignment, step))
    if outcome.status == saving.CONFLICT:  # another tab, device or group member saved: let them choose
        flash(conflict_message(outcome.draft, current_user), "warning")
        return redirect(url_for("builder.conflict", assignment_id=assignment.id, step=step), 303)
    if outcome.errors:  # the page's error summary says it, with that the rest is saved (one message)
        group = groups.group_of(current_user, assignment.id)
        conflict_steps = conflicts.pending_steps(current_user.id, assignment.id)
        return _render_step(assignment, step, form, outcome.draft, group, conflict_steps,
                            blocked=action.name != "save"), 200
    if outcome.outcome.message:
        flash(outcome.outcome.message, outcome.outcome.category)

    if action.name == "check":
        return redirect(url_for("builder.feedback", assignment_id=assignment.id))
    if action.name == "submit":
        return _hand_in(assignment, outcome.draft)
    if action.is_structural:
        return redirect(step_url(assignment, step, outcome.outcome.anchor))
    if action.name == "save":
        flash(_("Je werk is bewaard."), "success")
    return redirect(step_url(assignment, _target_step(step, action)))


def _outdated_message() -> str:
    return _("Je klantreis is intussen ergens anders veranderd. Kijk of alles klopt en klik dan nog een keer.")


def _error_message() -> str:
    return _("Er is iets niet goed ingevuld. Verbeter dat eerst; daarna kun je verder. De rest van je werk is bewaard.")


def _target_step(step: str, action) -> str:
    if action.name == "next":
        return neighbour(step, 1) or step
    if action.name == "prev":
        return neighbour(step, -1) or step
    if action.name == "goto":
        return action.target
    return step


def _render_step(assignment: Assignment, step: str, form, draft: Draft | None, group: StudyGroup | None,
                 conflict_steps: list[str], blocked: bool = False):
    """The step page; `group` is the student's group for the assignment (groups.group_of), and
    `conflict_steps` the steps with an open conflict (conflicts.pending_steps); `blocked`: a wrong
    field stopped the button the student pressed (Volgende, Controleer, Inleveren)."""
    data = draft_data(draft, assignment)
    form.version.data = str(draft.version if draft is not None else 0)
    form.draft_key.data = stash.draft_key(current_user, assignment.id)
    check_summary = improve = deadline = None
    graded = False
    if step == "check":  # the only step that shows the deadline
        check_summary = summary(data)
        deadline = deadline_for(current_user, assignment.id)
    elif step == "improve":
        item = _improvement_item(assignment)
        graded = item is not None
        settings = item.settings if item is not None else CRITERIA["improvement"].defaults
        improve = improvement_targets(data, settings["low_emotion"])
    return render_template(
        "builder/step.html", assignment=assignment, step=STEPS[step], steps=STEPS, form=form, data=data,
        draft=draft, saved_line=saved_line(draft, current_user), summary=check_summary, improve=improve,
        improve_graded=graded,
        max_phases=MAX_PHASES, max_touchpoints=MAX_TOUCHPOINTS_PER_PHASE,
        previous_step=neighbour(step, -1), next_step=neighbour(step, 1),
        deadline=format_deadline(deadline) if deadline else None,
        attempt_count=groups.visible_attempt_count(current_user, assignment.id),
        conflict_steps=conflict_steps, blocked=blocked,
        removed_notice=removed_notice(data, step), **_group_context(assignment, group),
    )


def _improvement_item(assignment: Assignment):
    """The criterion 'improvement' in the student's rubric (it grades the desired journey), or None."""
    return next((item for item in rubric_for_student(current_user, assignment).items if item.id == "improvement"),
                None)


@bp.post("/opdrachten/<assignment_id>/bouwen/<step>/opslaan")
@student_required
def autosave(assignment_id: str, step: str):
    """Autosave from builder.js (fetch or sendBeacon): the step's form, saved; answers JSON."""
    assignment = _open_assignment(assignment_id)
    step = _step(step)
    form = STEP_FORMS[step](formdata=request.form)
    form.validate()
    # An add, remove, move or undo done in place by builder.js is applied like the step form's button;
    # any other button (next, check, hand in) is the step POST's, never the autosave's.
    action = parse_action(request.form.get("action"), step)
    if not action.is_structural:
        action = SAVE
    outcome = saving.save_step(current_user, assignment, step, form, action=action,
                               posted=request.form.items(multi=True))
    if outcome.status == saving.OUTDATED:
        # A button on an older version: nothing stored. The newest version replaces the page's part.
        response = jsonify({
            "ok": False, "outdated": True, "version": outcome.draft.version,
            "message": _outdated_message(), "category": "warning",
            "html": _render_items(assignment, step, _stored_form(assignment, step, outcome.draft), outcome.draft),
        })
        response.status_code = 409
        return response
    if outcome.status == saving.UNPLACED:
        # Never "saved" for fields that have no place in the draft: the page must be loaded again.
        response = jsonify({"ok": False, "reload": True, "message": unplaced_message(),
                            "version": outcome.draft.version if outcome.draft is not None else 0})
        response.status_code = 409
        return response
    if outcome.status == saving.CONFLICT:  # not saved: the typed text is kept for the conflict page
        response = jsonify({
            "ok": False, "conflict": True, "version": outcome.draft.version,
            "message": conflict_message(outcome.draft, current_user),
            "conflict_url": url_for("builder.conflict", assignment_id=assignment.id, step=step),
            "conflict_link": _("Kies welke versie je houdt"),
        })
        response.status_code = 409
        return response
    result = outcome
    answer = {
        "ok": True,
        "version": result.draft.version,
        "saved_at": _saved_at(result.draft),
        "message": _("Opgeslagen om %(time)s", time=_saved_at(result.draft)),
        "errors": {name: _flat(messages) for name, messages in _flatten(outcome.errors)},
    }
    if action.is_structural:
        answer.update(_in_place(assignment, step, form, action, outcome))
    return jsonify(answer)


def _in_place(assignment: Assignment, step: str, form, action, outcome: saving.StepSave) -> dict:
    """What builder.js needs to show a structural action in place: the step's changed part as the
    server renders it, where to put the focus, a message, and where each touchpoint card came from."""
    if outcome.errors:  # the button did nothing: show the fields with their messages, as the step POST does
        return {"applied": False, "category": "error", "message": _error_message(),
                "html": _render_items(assignment, step, form, outcome.draft)}
    result = outcome.outcome
    return {
        "applied": True, "anchor": result.anchor, "message": result.message, "category": result.category,
        "origins": card_origins(outcome.merged, action),
        "html": _render_items(assignment, step, _stored_form(assignment, step, outcome.draft), outcome.draft),
    }


def _stored_form(assignment: Assignment, step: str, draft: Draft | None):
    return STEP_FORMS[step](formdata=None, data=form_data(draft_data(draft, assignment), step))


def _render_items(assignment: Assignment, step: str, form, draft: Draft | None) -> str:
    """The part of the step page that the structural buttons change (builder/_step_items.html)."""
    data = draft_data(draft, assignment)
    return render_template(
        "builder/_step_items.html", step=STEPS[step], form=form, data=data, max_phases=MAX_PHASES,
        max_touchpoints=MAX_TOUCHPOINTS_PER_PHASE, removed_notice=removed_notice(data, step),
    )


def _flatten(errors, prefix: str = ""):
    """WTForms' nested error structure as (field name, messages) pairs."""
    if isinstance(errors, dict):
        for name, value in errors.items():
            yield from _flatten(value, f"{prefix}-{name}" if prefix else name)
    elif isinstance(errors, list) and errors and all(isinstance(item, str) for item in errors):
        yield prefix, errors
    elif isinstance(errors, list):
        for index, value in enumerate(errors):
            if value:
                yield from _flatten(value, f"{prefix}-{index}")


def _flat(messages) -> str:
    return " ".join(str(message) for message in messages)


# --------------------------------------------------------------------------- conflicts


@bp.route("/opdrachten/<assignment_id>/bouwen/<step>/conflict", methods=["GET", "POST"])
@student_required
def conflict(assignment_id: str, step: str):
    """Two versions of a step: what is saved now and what the student typed elsewhere. They choose."""
    assignment = _open_assignment(assignment_id)
    step = _step(step)
    row = conflicts.pending(current_user.id, assignment.id, step)  # only the student's own
    if row is None:
        if request.method == "POST":
            flash(_("Er was niets meer om te kiezen. Dit is je bewaarde versie."), "info")
        return redirect(step_url(assignment, step))
    form = ConflictForm()
    if request.method == "POST" and form.validate_on_submit():
        choice = request.form.get("choice")
        if choice == "saved":
            conflicts.discard(row)
            flash(_("Je hebt de bewaarde versie gehouden."), "success")
            return redirect(step_url(assignment, step))
        if choice == "mine":
            result = conflicts.resolve_mine(row, assignment, parse_version(form.version.data), current_user)
            if not result.conflict:
                flash(_("Je nieuwe versie is bewaard."), "success")
                return redirect(step_url(assignment, step))
            flash(_("Intussen is de klantreis weer veranderd. Kijk nog een keer en kies opnieuw."), "warning")
            return redirect(url_for("builder.conflict", assignment_id=assignment.id, step=step))
    comparison = conflicts.compare(row, assignment)
    form.version.data = str(comparison.draft.version if comparison.draft is not None else 0)
    return render_template(
        "builder/conflict.html", assignment=assignment, step=STEPS[step], form=form, comparison=comparison,
        typed_at=format_clock(as_utc(row.created_at)), saved_line=saved_line(comparison.draft, current_user),
        other=other_saver(comparison.draft, current_user),
    )


# --------------------------------------------------------------------------- feedback and hand-in


@bp.get("/opdrachten/<assignment_id>/feedback")
@student_required
def feedback(assignment_id: str):
    assignment = _assignment(assignment_id)
    draft = groups.draft_for(current_user, assignment.id)
    if draft is None:
        flash(_("Je hebt nog niets gemaakt. Begin met de persona."), "info")
        return redirect(url_for("builder.start", assignment_id=assignment.id))
    data = draft_data(draft, assignment)
    journey = to_journey(data)
    report = grade_data(data, assignment, current_user)
    stages, evidence = report_stages(report)
    form = HandInForm(formdata=None, data={"version": str(draft.version)})
    deadline = deadline_for(current_user, assignment.id)
    attempt_count = groups.visible_attempt_count(current_user, assignment.id)
    return render_template(
        "builder/feedback.html", assignment=assignment, draft=draft, report=report,
        jmap=build_map(journey, stages, evidence), form=form, steps=STEPS,
        deadline=format_deadline(deadline) if deadline else None,
        closed=deadline_passed(current_user, assignment.id),
        attempt_count=attempt_count,
        # the teacher's grade the student may see (the intro says where): of the newest hand-in, or of an earlier one
        graded=groups.graded_state(current_user, assignment.id) if attempt_count else "",
        grade_mode=student_mode(current_user, assignment.id),
        buildable=catalogue.for_student_to_build(current_user, assignment.id) is not None,
    )


@bp.post("/opdrachten/<assignment_id>/feedback/fase/<int:number>")
@student_required
def choose_stage(assignment_id: str, number: int):
    """Settle a doubt from the feedback: phase `number` (from 1) gets the stage the student chose, as
    its 'Soort fase' in the builder would (the same store, with its version check)."""
    assignment = _open_assignment(assignment_id)
    back = redirect(url_for("builder.feedback", assignment_id=assignment.id), 303)
    form = ChooseStageForm()
    draft = groups.draft_for(current_user, assignment.id)
    data = draft_data(draft, assignment)
    loaded = parse_version(form.version.data)
    if draft is None or loaded is None or not form.validate() or not 1 <= number <= len(data["phases"]):
        flash(_("Opslaan lukte niet. Kies de soort fase in de bouwer."), "error")
        return back
    phase = data["phases"][number - 1]
    phase["stage"] = form.stage.data
    result = save(current_user, assignment, data, step=None, loaded_version=loaded)
    if result.conflict:  # saved in another tab or by a group member: the phases may have moved
        other = other_saver(result.draft, current_user)
        flash(_("%(name)s heeft jullie klantreis intussen veranderd. Kijk of de fasen nog kloppen en kies opnieuw.",
                name=other.display_name) if other else
              _("Je klantreis is intussen in een ander tabblad of op een ander apparaat veranderd. Kijk of de fasen "
                "nog kloppen en kies opnieuw."), "warning")
        return back
    flash(_("Opgeslagen: de soort fase van ‘%(name)s’ is nu ‘%(stage)s’. De feedback is bijgewerkt.",
            name=phase["name"] or _("zonder naam"), stage=STAGE_LABELS[form.stage.data]), "success")
    return back


@bp.post("/opdrachten/<assignment_id>/inleveren")
@student_required
def submit(assignment_id: str):
    assignment = _open_assignment(assignment_id)
    draft = groups.draft_for(current_user, assignment.id)
    form = HandInForm()
    if draft is not None and parse_version(form.version.data) not in (None, draft.version):
        flash(_("Je klantreis is intussen veranderd, in een ander tabblad of op een ander apparaat. "
                "Bekijk de nieuwe feedback. Lever daarna opnieuw in."), "warning")
        return redirect(url_for("builder.feedback", assignment_id=assignment.id))
    return _hand_in(assignment, draft)


def _hand_in(assignment: Assignment, draft: Draft | None):
    try:
        attempt = hand_in(current_user, assignment, draft, once=True)
    except AlreadyHandedIn as already:  # a double click or a resent form: show the first hand-in
        if already.attempt.user_id != current_user.id:  # a group member handed this version in
            flash(_("%(name)s had deze versie al ingeleverd. Dit is poging %(number)d.",
                    name=already.attempt.user.display_name, number=already.attempt.number), "info")
        else:
            flash(_("Deze versie had je al ingeleverd. Dit is poging %(number)d.", number=already.attempt.number),
                  "info")
        return redirect(url_for("builder.attempt", assignment_id=assignment.id, number=already.attempt.number))
    except HandInRefused as refused:
        flash(refused.message, "error")
        if draft is None:
            return redirect(url_for("builder.start", assignment_id=assignment.id))
        return redirect(url_for("builder.feedback", assignment_id=assignment.id))
    if student_mode(current_user, assignment.id) == HIDDEN:
        flash(_("Ingeleverd! Dit is poging %(number)d. Je docent gaat je werk nakijken. Daarna zie je je cijfer. "
                "Je kunt je klantreis nog verbeteren en opnieuw inleveren.", number=attempt.number), "success")
    else:
        flash(_("Ingeleverd! Dit is poging %(number)d. Je voorlopige cijfer is %(grade)s. Je docent kijkt je werk "
                "nog na. Je kunt je klantreis nog verbeteren en opnieuw inleveren.",
                number=attempt.number, grade=format_grade(attempt.grade)), "success")
    return redirect(url_for("builder.attempt", assignment_id=assignment.id, number=attempt.number))


@bp.get("/opdrachten/<assignment_id>/pogingen")
@student_required
def attempts(assignment_id: str):
    assignment = _assignment(assignment_id)
    attempts = groups.visible_attempts(current_user, assignment.id)
    return render_template(
        "builder/attempts.html", assignment=assignment, attempts=attempts,
        has_draft=groups.draft_for(current_user, assignment.id) is not None,
        released=released_results(attempts, current_user.id), grade_mode=student_mode(current_user, assignment.id),
    )


@bp.get("/opdrachten/<assignment_id>/pogingen/<int:number>")
@student_required
def attempt(assignment_id: str, number: int):
    assignment = _assignment(assignment_id)
    found = groups.find_attempt(current_user, assignment.id, number)  # own, or their group's while a member
    if found is None:
        abort(404)
    report = Report.from_dict(found.report_data)
    journey = parse_journey(found.journey_data)
    stages, evidence = report_stages(report)
    teacher_result = released_results([found], current_user.id).get(found.id)
    if teacher_result is not None and teacher_result.review.is_new_to(current_user.id):
        teacher_result.review.mark_seen(current_user.id)  # no longer "Nieuw" on this student's Start
    return render_template(
        "builder/attempt.html", assignment=assignment, attempt=found, report=report,
        jmap=build_map(journey, stages, evidence), teacher_result=teacher_result,
        grade_mode=student_mode(current_user, assignment.id, released=teacher_result is not None),
        group_names=groups.join_names(groups.hand_in_members(found)) if found.group_id else "",
        handed_in_by=found.user.display_name,
    )


# --------------------------------------------------------------------------- map, download, upload


@bp.get("/opdrachten/<assignment_id>/kaart", endpoint="map")
@student_required
def map_page(assignment_id: str):
    assignment = _assignment(assignment_id)
    draft = groups.draft_for(current_user, assignment.id)
    journey = to_journey(draft_data(draft, assignment))
    jmap = build_map(journey, rubric=rubric_for_student(current_user, assignment))
    return render_template("builder/map.html", assignment=assignment, draft=draft, jmap=jmap)


@bp.get("/opdrachten/<assignment_id>/downloaden")
@student_required
def download(assignment_id: str):
    assignment = _assignment(assignment_id)
    draft = groups.draft_for(current_user, assignment.id)
    value = export(draft_data(draft, assignment))
    body = json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    response = make_response(body)
    response.mimetype = "application/json"
    response.charset = "utf-8"
    filename = f"{assignment.id}-{_SAFE_NAME.sub('-', current_user.username)}.journey.json"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/opdrachten/<assignment_id>/uploaden", methods=["GET", "POST"])
@student_required
def upload(assignment_id: str):
    assignment = _open_assignment(assignment_id)
    draft = groups.draft_for(current_user, assignment.id)
    has_work = draft is not None and not is_empty(draft_data(draft, assignment))
    form = UploadForm()
    if request.method == "POST":
        form.validate()
        data = _read_upload(form, assignment)
        if has_work and not form.confirm.data:
            form.confirm.errors = [*form.confirm.errors, _("Zet een vinkje als je je huidige concept wilt vervangen.")]
        if data is not None and not form.confirm.errors:
            save(current_user, assignment, data, step=None, loaded_version=None)
            flash(_("Je bestand is geladen. Dit is nu je concept."), "success")
            return redirect(url_for("builder.start", assignment_id=assignment.id))
        file_ok = data is not None
    else:
        file_ok = False
    return render_template("builder/upload.html", assignment=assignment, form=form, has_work=has_work,
                           file_ok=file_ok)


def _read_upload(form: UploadForm, assignment: Assignment) -> dict | None:
    """The uploaded journey in the builder's shape, or None with the messages on the file field."""
    errors: list[str] = []
    storage = form.file.data
    if storage is None or not getattr(storage, "filename", ""):
        errors.append(_("Kies een bestand."))
    else:
        name = storage.filename
        lower = name.lower()
        content = storage.stream.read(MAX_BYTES + 1)
        if not lower.endswith((".json", ".yaml", ".yml")):
            errors.append(_("Dit bestand kan ik niet lezen. Kies een bestand dat eindigt op .json of .yaml."))
        elif len(content) > MAX_BYTES:
            errors.append(_("Het bestand is te groot. Een klantreis mag hoogstens 1 MB zijn."))
        else:
            try:
                journey = load_journey(content, name)
            except JourneyError as exc:
                errors.extend(exc.errors)
            else:
                data = normalise(journey.to_dict(), assignment)
                problems = limit_problems(data)
                if problems:
                    errors.extend(problems)
                else:
                    return data
    form.file.errors = list(form.file.errors) + errors
    return None


# --------------------------------------------------------------------------- expired sessions


@bp.before_request
def _stash_when_logged_out():
    if request.method == "POST" and request.endpoint in STASHABLE and not current_user.is_authenticated:
        return stash_response(logged_in=False)
    return None
