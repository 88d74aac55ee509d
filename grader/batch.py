"""Grading files in bulk: the shared core of the command line and the pytest autograder."""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .journey import Journey, JourneyError
from .loading import load_journey_file
from .report import Report, grade
from .rubric import Rubric
from .sources import RubricSource, installed_sources

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


def rubric_for(journey: Journey, assignment: str | None = None,
               source: RubricSource | None = None) -> tuple[Rubric, str | None]:
    """The rubric to use: the named assignment's (an id or a file), else the journey's own
    assignment's, else the default. Raises UnknownAssignment or RubricSourceError."""
    source = source or installed_sources()
    wanted = assignment or journey.assignment
    found = source.find(wanted) if wanted else None
    if assignment and found is None:
        raise UnknownAssignment(assignment)
    if found is None:
        return Rubric.default(), journey.assignment or None
    return found


def grade_file(path: str | os.PathLike[str], assignment: str | None = None, name: str | None = None,
               source: RubricSource | None = None) -> Outcome:
    """Grade one file; `name` is how the report names it (default: the path as given)."""
    name = name or str(path)
    try:
        journey = load_journey_file(path)
    except JourneyError as exc:
        return FileError(name, str(exc))
    rubric, used = rubric_for(journey, assignment, source)
    report = grade(journey, rubric, file=name)
    if used != report.assignment:
        report = Report(report.criteria, report.phases, report.file, used, report.rubric_version)
    return report


PARALLEL_FROM = 200  # files; below this, starting worker processes costs more than it saves


def _grade_chunk(args: tuple[list[str], str | None]) -> list[Outcome]:
    paths, assignment = args
    return [grade_file(path, assignment) for path in paths]


def grade_files(paths: Iterable[str | os.PathLike[str]], assignment: str | None = None,
                workers: int | None = None, source: RubricSource | None = None) -> Iterator[Outcome]:
    """Grade files in the order given; a large batch is spread over the machine's cores (each
    worker process finds the installed rubric sources itself)."""
    files = [str(p) for p in expand(paths)]
    if assignment is not None:
        rubric_for(Journey(), assignment, source)  # an unknown assignment fails here, before any work
    if source is not None:
        workers = 1  # a source given in code may not survive the trip to another process
    workers = workers or min(os.cpu_count() or 1, 8)
    if workers < 2 or len(files) < PARALLEL_FROM:
        for path in files:
            yield grade_file(path, assignment, source=source)
        return
    from concurrent.futures import ProcessPoolExecutor  # only for a large batch: it is slow to import

    size = max(16, len(files) // (workers * 8))
    chunks = [(files[i:i + size], assignment) for i in range(0, len(files), size)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for outcomes in pool.map(_grade_chunk, chunks):
            yield from outcomes
