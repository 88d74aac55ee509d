"""Where the command line and the pytest plugin find an assignment's rubric.

The grader knows no assignments: a *rubric source* does. A source is any object with
`find(key) -> (Rubric, assignment id) | None` (the key is an assignment id, or a path to an
assignment file) and `names() -> list[str]`. The installed sources are found through the entry
point group `klantreislab.rubrics` (this distribution registers `assignments:rubric_source`), so
the grader never imports the package that builds on it.
"""
from __future__ import annotations

import functools
from typing import Protocol

from .rubric import Rubric

GROUP = "klantreislab.rubrics"


class RubricSourceError(ValueError):
    """An assignment file that could not be read: the message says why, in Dutch."""


class RubricSource(Protocol):
    def find(self, key: str) -> tuple[Rubric, str] | None: ...

    def names(self) -> list[str]: ...


class _Sources:
    """Several sources as one: the first that knows a key answers."""

    def __init__(self, sources: list[RubricSource]) -> None:
        self.sources = sources

    def find(self, key: str) -> tuple[Rubric, str] | None:
        return next((found for source in self.sources if (found := source.find(key))), None)

    def names(self) -> list[str]:
        return [name for source in self.sources for name in source.names()]


@functools.lru_cache(maxsize=1)
def installed_sources() -> RubricSource:
    """Every rubric source that an installed distribution registers (none: only the default rubric)."""
    from importlib.metadata import entry_points  # only the command line and the plugin need it

    return _Sources([point.load()() for point in sorted(entry_points(group=GROUP), key=lambda p: p.name)])
