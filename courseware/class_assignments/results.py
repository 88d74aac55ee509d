"""A class's results for one assignment: every student with their latest hand-in (alone or in a
group: courseware.group_hand_ins) and its final levels (teacher overrides included), their own
grade (the group's, or the teacher's individuele correctie), how many hand-ins were graded with
another rubric, and the heat map of levels per criterion. A fixed number of queries whatever the
number of students or attempts."""
from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from assignments import Assignment
from grader import LEVEL_NAMES, MAX_LEVEL, Rubric

from .. import groups
from ..extensions import db
from ..grading import Result, corrections_for, results_for
from ..group_hand_ins import counts_per_student, group_names, latest_per_student, member_pairs
from ..models import Attempt, Role, SchoolClass, User
from ..student_status import STATUS_LABELS, status_of

LEVELS = tuple(range(MAX_LEVEL + 1))
SHADES = 5  # heat map shades 1..5 (0: nobody)

# "De meeste leerlingen missen nog ...": what a criterion at level 0 or 1 lacks, per criterion.
MISSING = {
    "phases": _l("genoeg fasen"),
    "touchpoints": _l("genoeg uitgewerkte contactmomenten"),
    "awareness": _l("de bewustwordingsfase"),
    "after_sales": _l("de after-salesfase"),
    "moments_of_truth": _l("goede momenten van de waarheid"),
    "persona": _l("een uitgewerkte persona"),
    "emotion_curve": _l("een emotiecurve met pieken en dalen"),
    "service_concept": _l("het serviceconcept"),
    "channel_mix": _l("een mix van kanalen"),
    "improvement": _l("een concrete gewenste situatie bij de dalen en momenten van de waarheid"),
    "research": _l("een bron bij de belangrijkste contactmomenten"),
}


def name_key(name: str) -> tuple[str, str]:
    """Sort Dutch names the way people expect: Özlem with the O's, case ignored."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return plain.casefold(), name


@dataclass(frozen=True)
class StudentRow:
    student: User
    attempt: Attempt | None  # the latest hand-in (of the student's group, for group work)
    result: Result | None  # of the latest hand-in, with this student's individuele correctie
    attempts: int
    status: str
    group_name: str = ""  # of the latest hand-in; "" for individual work

    @property
    def grade(self) -> float | None:
        """This student's grade: the group's, or the teacher's correction for them."""
        return self.result.grade if self.result else None

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    def level(self, criterion_id: str) -> int | None:
        """The final level (the teacher's override wins) of the latest hand-in, if graded on it."""
        if self.result is None:
            return None
        found = self.result.final.criterion(criterion_id)
        return found.level if found else None


@dataclass(frozen=True)
class ClassResults:
    klas: SchoolClass
    assignment: Assignment
    rubric: Rubric  # the class's current rubric
    rows: list[StudentRow]  # every student of the class, by name
    attempts: list[Attempt]  # every hand-in of these students for this assignment
    outdated: int  # hand-ins whose current grading used another rubric than `rubric`

    @property
    def handed_in(self) -> list[StudentRow]:
        return [row for row in self.rows if row.attempt is not None]

    @property
    def designs(self) -> list[StudentRow]:
        """One row per hand-in (a group's design once: its first member by name), for the ZIP."""
        seen: set[int] = set()
        rows = []
        for row in self.handed_in:
            if row.attempt.id not in seen:
                seen.add(row.attempt.id)
                rows.append(row)
        return rows

    @property
    def not_handed_in(self) -> list[StudentRow]:
        return [row for row in self.rows if row.attempt is None]


def students_of(klas: SchoolClass) -> list[User]:
    students = db.session.scalars(select(User).where(User.class_id == klas.id, User.role == Role.STUDENT))
    return sorted(students, key=lambda user: name_key(user.display_name))


def attempts_of(class_id: int, assignment_id: str) -> list[Attempt]:
    """Every hand-in of the class's students (and groups) for this assignment, oldest first; a
    group's hand-in once."""
    return list({attempt.id: attempt for attempt, _member in member_pairs(class_id, assignment_id)}.values())


def load(klas: SchoolClass, assignment: Assignment, rubric: Rubric) -> ClassResults:
    students = students_of(klas)
    pairs = member_pairs(klas.id, assignment.id)
    attempts = list({attempt.id: attempt for attempt, _member in pairs}.values())
    results = results_for(attempts)
    latest = latest_per_student(pairs)
    counts = counts_per_student(pairs)
    names = group_names(latest.values())
    corrections = corrections_for(attempt.id for attempt in latest.values() if names[attempt.id])
    with_draft = groups.students_with_draft(klas.id, assignment.id) if students else set()  # also a group's draft
    codes = groups.codes_by_student(klas.id, assignment.id)  # the group of who has not handed in yet
    rows = []
    for student in students:
        attempt = latest.get(student.id)
        result = results[attempt.id].for_member(corrections, student.id) if attempt else None
        rows.append(StudentRow(student, attempt, result, counts.get(student.id, 0),
                               status_of(result.review if result else None, result is not None,
                                         student.id in with_draft),
                               names[attempt.id] if attempt else codes.get(student.id, "")))
    outdated = sum(1 for result in results.values() if result.grader.rubric_version != rubric.version)
    return ClassResults(klas, assignment, rubric, rows, attempts, outdated)




# --------------------------------------------------------------------------- heat map


@dataclass(frozen=True)
class HeatCell:
    level: int
    word: str
    count: int
    share: float  # of the students who handed in
    shade: int  # 0 (nobody) to SHADES (nearly everybody)
    selected: bool


@dataclass(frozen=True)
class HeatRow:
    id: str
    title: str
    cells: tuple[HeatCell, ...]
    ungraded: int  # handed in, but graded with a rubric without this criterion

    @property
    def missing(self) -> int:
        """Students at level 0 or 1."""
        return self.cells[0].count + self.cells[1].count


def shade(count: int, total: int) -> int:
    if count <= 0 or total <= 0:
        return 0
    return max(1, min(SHADES, math.ceil(count / total * SHADES - 1e-9)))


def heat_map(results: ClassResults, selected: tuple[str, int] | None = None) -> list[HeatRow]:
    handed_in = results.handed_in
    total = len(handed_in)
    rows = []
    for item in results.rubric.items:
        counts = [0] * len(LEVELS)
        ungraded = 0
        for row in handed_in:
            level = row.level(item.id)
            if level is None:
                ungraded += 1
            else:
                counts[level] += 1
        cells = tuple(
            HeatCell(level, LEVEL_NAMES[level], count, count / total if total else 0.0, shade(count, total),
                     selected == (item.id, level))
            for level, count in zip(LEVELS, counts, strict=False)
        )
        rows.append(HeatRow(item.id, item.criterion.title, cells, ungraded))
    return rows


def students_at(results: ClassResults, criterion_id: str, level: int) -> list[StudentRow]:
    """The students whose latest hand-in has this final level for this criterion, by name."""
    return [row for row in results.handed_in if row.level(criterion_id) == level]


def summary(rows: Iterable[HeatRow], total: int) -> str:
    """One Dutch line on what the class misses most: the criterion with most levels 0 and 1."""
    rows = list(rows)
    if total == 0:
        return _("Nog niemand heeft deze opdracht ingeleverd.")
    most = max((row.missing for row in rows), default=0)
    if most == 0:
        return _("Alle leerlingen halen bij elk criterium voldoende of goed.")
    worst = [row for row in rows if row.missing == most]
    what = _join([_missing_phrase(row) for row in worst])
    if most * 2 > total:
        return _("De meeste leerlingen missen nog %(what)s (%(num)d van de %(total)d op niveau 0 of 1).",
                 what=what, num=most, total=total)
    return _("De klas mist het vaakst nog %(what)s (%(num)d van de %(total)d op niveau 0 of 1).",
             what=what, num=most, total=total)


def _missing_phrase(row: HeatRow) -> str:
    phrase: Any = MISSING.get(row.id)
    return str(phrase) if phrase is not None else _("‘%(title)s’", title=row.title)


def _join(parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    return _("%(first)s en %(last)s", first=", ".join(parts[:-1]), last=parts[-1])
