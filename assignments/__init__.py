"""Klantreislab's assignments: one TOML data file per mini customer journey, read into `Assignment`s.

Pure Python, no web framework. Every problem in a data file raises AssignmentError with a Dutch
message that names the file and the field, e.g. ``open-dag.toml: goals[1]: moet tekst zijn``.
"""
from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from grader import Rubric, RubricError, RubricSourceError

BUILDER_STEPS = ("persona", "trigger", "phases", "touchpoints", "moments", "improve", "check")
TEXT_FIELDS = ("title", "summary", "target_group", "scenario")
KNOWN_FIELDS = ("id", *TEXT_FIELDS, "order", "goals", "hints", "rubric")
DIRECTORY = Path(__file__).resolve().parent

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TOML_WHERE = re.compile(r"\(at line (\d+), column (\d+)\)")


class AssignmentError(ValueError):
    """An assignment file is wrong. The message names the file and the field."""


@dataclass(frozen=True)
class Assignment:
    id: str
    title: str
    order: int
    summary: str
    target_group: str
    scenario: str
    goals: tuple[str, ...]
    hints: Mapping[str, str]  # keys: BUILDER_STEPS, in that order
    rubric: Rubric
    source: Path | None  # the file it was read from; None for one read from text (a teacher's own)


def load_assignment(path: Path) -> Assignment:
    """Read and check one assignment file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise AssignmentError(f"{path.name}: ik kan het bestand niet lezen ({exc.strerror or exc})") from None
    return parse_assignment(raw, path.name, expected_id=path.stem, source=path)


def parse_assignment(raw: bytes | str, name: str, expected_id: str | None = None,
                     source: Path | None = None) -> Assignment:
    """Read and check the text of an assignment file: the one way to read an assignment, for the
    files in this folder, for uploads and for teachers' own assignments in the site's database.
    `name` starts every error message; `expected_id` is the id the text must have (a file's stem)."""

    def fail(field: str, message: str) -> AssignmentError:
        return AssignmentError(f"{name}: {field}: {message}" if field else f"{name}: {message}")

    if isinstance(raw, str):
        text = raw
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise fail("", "het bestand is geen tekst in UTF-8") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = _TOML_WHERE.search(str(exc))
        place = f"regel {where.group(1)}, kolom {where.group(2)}" if where else "onbekende plek"
        raise fail(place, "dit is geen geldige TOML") from None

    for key in data:
        if key not in KNOWN_FIELDS:
            raise fail(key, f"onbekend veld (bekend: {', '.join(KNOWN_FIELDS)})")
    for key in KNOWN_FIELDS:
        if key not in data:
            raise fail(key, "ontbreekt")

    assignment_id = _text(data, "id", fail)
    if not _ID_RE.match(assignment_id):
        raise fail("id", "mag alleen kleine letters, cijfers en streepjes bevatten")
    if expected_id is not None and assignment_id != expected_id:
        raise fail("id", f"‘{assignment_id}’ moet gelijk zijn aan de bestandsnaam ‘{expected_id}’")
    texts = {key: _text(data, key, fail) for key in TEXT_FIELDS}

    order = data["order"]
    if isinstance(order, bool) or not isinstance(order, int) or not 0 <= order <= 10_000:
        raise fail("order", "moet een geheel getal van 0 tot 10000 zijn")

    goals = data["goals"]
    if not isinstance(goals, list) or not goals:
        raise fail("goals", "moet een lijst met minstens één leerdoel zijn")
    for i, goal in enumerate(goals):
        if not isinstance(goal, str) or not goal.strip():
            raise fail(f"goals[{i}]", "moet tekst zijn")

    hints = data["hints"]
    if not isinstance(hints, dict):
        raise fail("hints", f"moet een tabel zijn met de stappen {', '.join(BUILDER_STEPS)}")
    for key in hints:
        if key not in BUILDER_STEPS:
            raise fail(f"hints.{key}", f"onbekende stap (bekend: {', '.join(BUILDER_STEPS)})")
    for step in BUILDER_STEPS:
        if step not in hints:
            raise fail(f"hints.{step}", "ontbreekt")
        _text(hints, step, fail, f"hints.{step}")

    try:
        rubric = Rubric.from_config(data["rubric"], "rubric")
    except RubricError as exc:
        raise AssignmentError(f"{name}: {exc}") from None

    return Assignment(
        id=assignment_id,
        order=order,
        goals=tuple(goal.strip() for goal in goals),
        hints=MappingProxyType({step: hints[step].strip() for step in BUILDER_STEPS}),
        rubric=rubric,
        source=source,
        **texts,
    )


def _text(data: Mapping[str, Any], key: str, fail, field: str | None = None) -> str:
    value = data[key]
    if not isinstance(value, str):
        raise fail(field or key, "moet tekst zijn")
    if not value.strip():
        raise fail(field or key, "mag niet leeg zijn")
    return value.strip()


def load_assignments(directory: Path | None = None) -> dict[str, Assignment]:
    """All assignments in a folder, by id, ordered by `order`. The package's own folder is read once."""
    if directory is None:
        return dict(_default_assignments())
    return _read_directory(Path(directory))


@functools.lru_cache(maxsize=1)
def _default_assignments() -> Mapping[str, Assignment]:
    return MappingProxyType(_read_directory(DIRECTORY))


def _read_directory(directory: Path) -> dict[str, Assignment]:
    found = [load_assignment(path) for path in sorted(directory.glob("*.toml")) if not path.name.startswith(".")]
    by_order: dict[int, Assignment] = {}
    for assignment in found:
        other = by_order.get(assignment.order)
        if other is not None:
            raise AssignmentError(
                f"{assignment.id}.toml: order: {assignment.order} wordt al gebruikt door {other.id}.toml"
            )
        by_order[assignment.order] = assignment
    return {a.id: a for a in sorted(found, key=lambda a: a.order)}


def get_assignment(assignment_id: str) -> Assignment | None:
    """The assignment with this id from the package's folder, or None."""
    return _default_assignments().get(assignment_id)


def is_path(key: str) -> bool:
    """An --assignment argument that names a file rather than an id: it has a / or ends in .toml."""
    return "/" in key or "\\" in key or key.lower().endswith(".toml")


class _RubricSource:
    """The built-in assignments, and assignment files named by their path, for the grader's
    command line and pytest plugin (registered as the `klantreislab.rubrics` entry point)."""

    def find(self, key: str) -> tuple[Rubric, str] | None:
        if is_path(key):
            try:
                assignment = load_assignment(Path(key))
            except AssignmentError as exc:
                raise RubricSourceError(f"het opdrachtbestand klopt niet: {exc}") from None
            return assignment.rubric, assignment.id
        found = get_assignment(key)
        return (found.rubric, found.id) if found else None

    def names(self) -> list[str]:
        return list(load_assignments())


def rubric_source() -> _RubricSource:
    return _RubricSource()


from .writing import to_toml  # noqa: E402  (needs Assignment)

__all__ = ["BUILDER_STEPS", "Assignment", "AssignmentError", "get_assignment", "is_path", "load_assignment",
           "load_assignments", "parse_assignment", "rubric_source", "to_toml"]
