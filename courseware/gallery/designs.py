"""A class's designs for the gallery: the newest hand-in of every student working alone and of
every group (one design per group, not one per member: courseware.group_hand_ins), labelled
"Ontwerp A", "Ontwerp B", ... without any personal data, and the data of the comparison page.

Labels are a stable shuffle: designs are ordered by an HMAC-SHA256 (keyed with the app's secret)
of class, assignment and unit (the student, or the group), so the order never follows the names,
the same student or group keeps the same letter after handing in again, and nobody can work the
order out from ids.
"""
from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _

from grader import STAGES, Report, parse_journey

from ..grading import results_for
from ..group_hand_ins import latest_hand_ins
from ..journeymap import UNKNOWN, JourneyMap, MapPhase, build_map, letter, report_stages, stage_title
from ..models import Attempt, GalleryExclusion

COMPARE_MIN, COMPARE_MAX = 2, 4
PRESENT_MIN, PRESENT_MAX = 1, 4


def stable_key(*parts: object) -> str:
    """A hex digest of `parts` keyed with the app's secret: stable, not guessable."""
    secret = str(current_app.config["SECRET_KEY"]).encode("utf-8")
    message = "/".join(str(part) for part in parts).encode("utf-8")
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Entry:
    """A hand-in in the gallery with its anonymous label (e.g. 'C')."""

    label: str
    attempt: Attempt
    member_ids: frozenset[int] = frozenset()  # who made it (a group's members at hand-in time)

    @property
    def author_id(self) -> int:
        """The student who handed it in (for a group: one of its members)."""
        return self.attempt.user_id

    @property
    def authors(self) -> frozenset[int]:
        return self.member_ids or frozenset({self.attempt.user_id})


def gallery_entries(class_id: int, assignment_id: str) -> list[Entry]:
    """The newest hand-in of every student working alone and of every group in the class, in label
    order (A, B, C, ...)."""
    hand_ins = latest_hand_ins(class_id, assignment_id)

    def key(hand_in):
        return stable_key("gallery", class_id, assignment_id, hand_in.unit), str(hand_in.unit)

    return [Entry(letter(i), hand_in.attempt, hand_in.member_ids)
            for i, hand_in in enumerate(sorted(hand_ins, key=key))]


def student_entries(class_id: int, assignment_id: str, viewer_id: int) -> list[Entry]:
    """The entries a student sees: all but the designs the teacher left out (their own, or their
    group's, always). Labels stay those of the teacher's gallery, so "Ontwerp C" is the same
    design in class."""
    left_out = GalleryExclusion.user_ids(class_id, assignment_id)
    return [entry for entry in gallery_entries(class_id, assignment_id)
            if viewer_id in entry.authors or not entry.authors & left_out]


@dataclass(frozen=True)
class Design:
    """An entry drawn as a map, with its final report (the grader's, with the teacher's levels)."""

    label: str
    attempt: Attempt
    jmap: JourneyMap
    report: Report
    authors: frozenset[int] = frozenset()  # the student, or the group's members at hand-in time

    @property
    def author_id(self) -> int:
        """The student who handed it in (for a group: one of its members)."""
        return self.attempt.user_id


def designs_for(entries: Iterable[Entry]) -> list[Design]:
    """Maps and final reports for these entries (three queries, whatever their number)."""
    entries = list(entries)
    results = results_for(entry.attempt for entry in entries)
    designs = []
    for entry in entries:
        report = results[entry.attempt.id].final
        jmap = build_map(parse_journey(entry.attempt.journey_data), *report_stages(report))
        designs.append(Design(entry.label, entry.attempt, jmap, report, entry.authors))
    return designs


@dataclass(frozen=True)
class Choice:
    """The designs the teacher ticked, or why that choice does not work (Dutch)."""

    entries: tuple[Entry, ...]
    labels: tuple[str, ...]  # as asked for, cleaned up, without doubles
    error: str = ""


def choose(entries: Sequence[Entry], asked: Iterable[str], minimum: int, maximum: int) -> Choice:
    """Validate the labels in `?ontwerp=A&ontwerp=C`: known labels, `minimum` to `maximum` of them."""
    labels: list[str] = []
    for value in asked:
        label = value.strip().upper()
        if label and label not in labels:
            labels.append(label)
    by_label = {entry.label: entry for entry in entries}
    unknown = [label for label in labels if label not in by_label]
    if unknown:
        return Choice((), tuple(labels), _(
            "Ontwerp %(labels)s bestaat niet in deze galerij. Kies ontwerpen uit de lijst.",
            labels=", ".join(unknown[:5])[:40]))
    if len(labels) < minimum:
        if minimum == 1:
            message = _("Kies minstens één ontwerp.")
        else:
            message = _("Kies minstens %(min)d ontwerpen. Je koos er %(count)d.", min=minimum, count=len(labels))
        return Choice((), tuple(labels), message)
    if len(labels) > maximum:
        return Choice((), tuple(labels), _(
            "Kies hoogstens %(max)d ontwerpen. Je koos er %(count)d.", max=maximum, count=len(labels)))
    return Choice(tuple(by_label[label] for label in labels), tuple(labels))


@dataclass(frozen=True)
class StageRow:
    """One stage of the comparison: per design, its phases of that stage (maybe none)."""

    stage: str  # one of grader.STAGES, or UNKNOWN
    title: str  # Dutch
    cells: tuple[tuple[MapPhase, ...], ...]  # one per design, in the designs' order

    @property
    def is_unknown(self) -> bool:
        return self.stage == UNKNOWN


def stage_rows(maps: Sequence[JourneyMap]) -> list[StageRow]:
    """Phases aligned by recognised stage: every canonical stage in order (also when no design has
    it: a missing stage is worth discussing), then the phases whose stage was not recognised."""
    stages = list(STAGES)
    if any(phase.stage is None for m in maps for phase in m.phases):
        stages.append(UNKNOWN)
    rows = []
    for stage in stages:
        cells = tuple(
            tuple(phase for phase in m.phases if (phase.stage or UNKNOWN) == stage) for m in maps
        )
        title = _("Fase niet herkend") if stage == UNKNOWN else stage_title(stage)
        rows.append(StageRow(stage, title, cells))
    return rows


@dataclass(frozen=True)
class CriterionRow:
    id: str
    title: str
    levels: tuple[int | None, ...]  # per design; None when that design's rubric lacks it


def criterion_rows(reports: Sequence[Report]) -> list[CriterionRow]:
    """Criterion x design: the final level of every design, criteria in the rubric's order."""
    order: dict[str, str] = {}
    for report in reports:
        for criterion in report.criteria:
            order.setdefault(criterion.id, criterion.title)
    rows = []
    for criterion_id, title in order.items():
        levels = []
        for report in reports:
            found = report.criterion(criterion_id)
            levels.append(found.level if found is not None else None)
        rows.append(CriterionRow(criterion_id, title, tuple(levels)))
    return rows
