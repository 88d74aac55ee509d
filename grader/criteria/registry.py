"""The criteria registry: every criterion is a small function, registered under its id."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

LEVEL_NAMES = ("ontbreekt", "onvoldoende", "voldoende", "goed")
MAX_LEVEL = 3


@dataclass(frozen=True)
class Judgement:
    """A criterion's verdict: a level 0..3, Dutch feedback quoting the evidence, one tip."""

    level: int
    feedback: str
    tip: str


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str
    lesson: str
    check: Callable[[Any, Mapping[str, Any]], Judgement]
    # Dutch descriptor per level (0..3); may use {param} placeholders from the settings.
    levels: tuple[str, str, str, str]
    defaults: Mapping[str, Any] = field(default_factory=dict)
    optional: bool = False

    def descriptors(self, params: Mapping[str, Any]) -> tuple[str, ...]:
        values = {**self.defaults, **params}
        values.update({k: _percent(v) for k, v in values.items() if isinstance(v, float)})
        return tuple(text.format(**values) for text in self.levels)


def share_at_least(part: int, whole: int, share: float) -> bool:
    """part/whole >= share, without float noise: 3 of 4 is exactly 75%."""
    return part * 10**6 >= round(share * 10**6) * whole


def share_at_most(part: int, whole: int, share: float) -> bool:
    """part/whole <= share, without float noise: 2 of 8 is exactly 25%."""
    return part * 10**6 <= round(share * 10**6) * whole


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


REGISTRY: dict[str, Criterion] = {}


def criterion(
    id: str, title: str, lesson: str, levels: tuple[str, str, str, str], optional: bool = False, **defaults: Any
) -> Callable[[Callable], Callable]:
    """Register a criterion function under `id` with its default settings."""

    def register(func: Callable) -> Callable:
        if id in REGISTRY:
            raise ValueError(f"criterion {id!r} is registered twice")
        REGISTRY[id] = Criterion(id, title, lesson, func, levels, dict(defaults), optional)
        return func

    return register
