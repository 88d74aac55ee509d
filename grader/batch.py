"""Grading files in bulk: the shared core of the command line and the pytest autograder."""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .journey import Journey, JourneyError
from .loading import load_journey_file
from .report import Report, grade
from .rubric import Rubric

JOURNEY_GLOBS = ("*.json", "*.yaml", "*.yml")


@dataclass(frozen=True)
class FileError:
    """A file that could not be graded, with the Dutch reason."""

    file: str
    error: str

    def to_dict(self) -> dict[str, str]:
        return {"file": self.file, "error": self.error}


Outcome = Report | FileError


def expand(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files as given; a directory becomes its JSON and YAML files (recursively, sorted)."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = {p for pattern in JOURNEY_GLOBS for p in path.rglob(pattern) if p.is_file()}
            files.extend(sorted(found))
        else:
            files.append(path)
    return files


class UnknownAssignment(LookupError):
    pass


def rubric_for(journey: Journey, assignment_id: str | None = None) -> tuple[Rubric, str | None]:
    """The rubric to use: the named assignment's, else the journey's own assignment's, else the default."""
    from assignments import get_assignment  # the assignments package builds on grader

    wanted = assignment_id or journey.assignment
    assignment = get_assignment(wanted) if wanted else None
    if assignment_id and assignment is None:
        raise UnknownAssignment(assignment_id)
    if assignment is None:
        return Rubric.default(), journey.assignment or None
    return assignment.rubric, assignment.id


def grade_file(path: str | os.PathLike[str], assignment_id: str | None = None, name: str | None = None) -> Outcome:
    """Grade one file; `name` is how the report names it (default: the path as given)."""
    name = name or str(path)
    try:
        journey = load_journey_file(path)
    except JourneyError as exc:
        return FileError(name, str(exc))
    rubric, used = rubric_for(journey, assignment_id)
    report = grade(journey, rubric, file=name)
    if used != report.assignment:
        report = Report(report.criteria, report.phases, report.file, used, report.rubric_version)
    return report


PARALLEL_FROM = 200  # files; below this, starting worker processes costs more than it saves


def _grade_chunk(args: tuple[list[str], str | None]) -> list[Outcome]:
    paths, assignment_id = args
    return [grade_file(path, assignment_id) for path in paths]


def grade_files(paths: Iterable[str | os.PathLike[str]], assignment_id: str | None = None,
                workers: int | None = None) -> Iterator[Outcome]:
    """Grade files in the order given; a large batch is spread over the machine's cores."""
    files = [str(p) for p in expand(paths)]
    if assignment_id is not None:
        rubric_for(Journey(), assignment_id)  # an unknown assignment fails here, before any work
    workers = workers or min(os.cpu_count() or 1, 8)
    if workers < 2 or len(files) < PARALLEL_FROM:
        for path in files:
            yield grade_file(path, assignment_id)
        return
    size = max(16, len(files) // (workers * 8))
    chunks = [(files[i:i + size], assignment_id) for i in range(0, len(files), size)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for outcomes in pool.map(_grade_chunk, chunks):
            yield from outcomes
