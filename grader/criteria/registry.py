"""The criteria registry: every criterion is a small function, registered under its id."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

LEVEL_NAMES = ("ontbreekt", "onvoldoende", "voldoende", "goed")
MAX_LEVEL = 3


@dataclass(frozen=True)
class Judgement:
    """A criterion's verdict: a level 0..3, Dutch feedback quoting the evidence, one tip."""

    level: int
    feedback: str
    tip: str


BOOL, INT, SHARE = "bool", "int", "share"


@dataclass(frozen=True)
class Param:
    """One number of a criterion: its default, what a teacher reads about it, and its range.

    A share (a float default) is a part between 0 and 1; teachers see it as a percentage."""

    key: str
    default: int | float | bool
    label: str  # Dutch, short: "Fasen voor voldoende"
    hint: str  # Dutch: what the number does
    low: int = 0
    high: int = 500

    @property
    def kind(self) -> str:
        if isinstance(self.default, bool):
            return BOOL
        return INT if isinstance(self.default, int) else SHARE

    def problem(self, value: Any) -> str | None:
        """A Dutch sentence when `value` is not allowed for this number, else None."""
        if self.kind == BOOL:
            return None if isinstance(value, bool) else "Kies ja of nee (true of false)."
        if self.kind == INT:
            if isinstance(value, bool) or not isinstance(value, int) or not self.low <= value <= self.high:
                return f"Vul een heel getal van {self.low} tot {self.high} in."
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            return "Vul een deel van 0 tot 1 in, bijvoorbeeld 0.75 (in het formulier: een percentage van 0 tot 100)."
        return None


def show_number(value: Any) -> str:
    """A criterion's number as a teacher reads it: 4, 75%, ja/nee."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return _percent(value) if isinstance(value, float) else str(value)


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str
    lesson: str
    check: Callable[[Any, Mapping[str, Any]], Judgement]
    # Dutch descriptor per level (0..3); may use {param} placeholders from the settings.
    levels: tuple[str, str, str, str]
    params: tuple[Param, ...] = ()
    # (smaller, larger): the larger number may not be below the smaller one ("voldoende <= goed").
    order: tuple[tuple[str, str], ...] = ()
    optional: bool = False

    @property
    def defaults(self) -> dict[str, Any]:
        return {param.key: param.default for param in self.params}

    def param(self, key: str) -> Param:
        return next(param for param in self.params if param.key == key)

    def problems(self, values: Mapping[str, Any]) -> list[tuple[str, str]]:
        """(number, Dutch sentence) for every number in `values` that is out of its range or
        breaks an order rule. The one set of rules behind the TOML loader, the settings form and
        the command line."""
        found = [(key, text) for key, value in values.items()
                 if key in self.defaults and (text := self.param(key).problem(value))]
        bad = {key for key, _ in found}
        for smaller, larger in self.order:
            if (smaller in values and larger in values and not {smaller, larger} & bad
                    and values[larger] < values[smaller]):
                found.append((larger, f"Dit getal mag niet kleiner zijn dan ‘{self.param(smaller).label}’ "
                                      f"({show_number(values[smaller])})."))
        return found

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
    id: str, title: str, lesson: str, levels: tuple[str, str, str, str], *, params: tuple[Param, ...] = (),
    order: tuple[tuple[str, str], ...] = (), optional: bool = False,
) -> Callable[[Callable], Callable]:
    """Register a criterion function under `id` with its numbers and their rules."""

    def register(func: Callable) -> Callable:
        if id in REGISTRY:
            raise ValueError(f"criterion {id!r} is registered twice")
        REGISTRY[id] = Criterion(id, title, lesson, func, levels, tuple(params), tuple(order), optional)
        return func

    return register
