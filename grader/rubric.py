"""Rubric settings: which criteria an assignment uses, their weights and their numbers."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .criteria import REGISTRY, SHARE, Criterion
from .journey import STAGES

CORE_CRITERIA = ("phases", "touchpoints", "awareness", "after_sales", "moments_of_truth", "persona")


class RubricError(ValueError):
    """The rubric settings are wrong. The message names the field."""


@dataclass(frozen=True)
class RubricItem:
    id: str
    weight: float = 1.0
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def criterion(self) -> Criterion:
        return REGISTRY[self.id]

    @property
    def settings(self) -> dict[str, Any]:
        """The criterion's defaults overlaid with this rubric's numbers."""
        return {**self.criterion.defaults, **self.params}

    def descriptors(self) -> tuple[str, ...]:
        return self.criterion.descriptors(self.params)


@dataclass(frozen=True)
class Rubric:
    items: tuple[RubricItem, ...]
    # An assignment's own words per stage ("open dag" is the experience of an open-day
    # assignment): (stage, words) pairs, in the order of grader.STAGES. They beat the lexicon.
    stage_words: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @classmethod
    def default(cls) -> Rubric:
        return cls(tuple(RubricItem(cid) for cid in CORE_CRITERIA))

    @classmethod
    def from_config(cls, config: Mapping[str, Any], where: str = "rubric") -> Rubric:
        """Build a rubric from settings such as an assignment's ``[rubric.criteria.<id>]`` tables:

        ``{"criteria": {"phases": {"weight": 2, "good_phases": 5}, "persona": {}}}``
        Criteria keep the order given. An optional ``stage_words`` table gives the assignment's
        own words per stage: ``{"experience": ["open dag"]}``. Raises RubricError naming the field.
        """
        if not isinstance(config, Mapping):
            raise RubricError(f"{where}: moet een tabel zijn")
        criteria = config.get("criteria")
        if not isinstance(criteria, Mapping) or not criteria:
            raise RubricError(f"{where}.criteria: noem ten minste één criterium")
        items = []
        for cid, settings in criteria.items():
            path = f"{where}.criteria.{cid}"
            if cid not in REGISTRY:
                raise RubricError(f"{path}: onbekend criterium (bekend: {', '.join(sorted(REGISTRY))})")
            if settings is None:
                settings = {}
            if not isinstance(settings, Mapping):
                raise RubricError(f"{path}: moet een tabel zijn")
            weight = settings.get("weight", 1)
            if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 < weight <= 100:
                raise RubricError(f"{path}.weight: moet een getal groter dan 0 en hoogstens 100 zijn")
            crit = REGISTRY[cid]
            params = {}
            for key, value in settings.items():
                if key == "weight":
                    continue
                if key not in crit.defaults:
                    known = ", ".join(sorted(crit.defaults)) or "geen"
                    raise RubricError(f"{path}.{key}: onbekende instelling (bekend: {known})")
                whole_share = crit.param(key).kind == SHARE and isinstance(value, int) and not isinstance(value, bool)
                params[key] = float(value) if whole_share else value
            problems = crit.problems({**crit.defaults, **params})
            if problems:
                key, text = problems[0]
                raise RubricError(f"{path}.{key}: {text}")
            items.append(RubricItem(cid, float(weight), params))
        for key in config:
            if key not in ("criteria", "stage_words"):
                raise RubricError(f"{where}.{key}: onbekende instelling (bekend: criteria, stage_words)")
        return cls(tuple(items), _stage_words(config.get("stage_words"), f"{where}.stage_words"))

    def to_config(self) -> dict[str, Any]:
        criteria: dict[str, Any] = {}
        for item in self.items:
            entry: dict[str, Any] = {"weight": _plain(item.weight)}
            entry.update(item.params)
            criteria[item.id] = entry
        config: dict[str, Any] = {"criteria": criteria}
        if self.stage_words:
            config["stage_words"] = {stage: list(words) for stage, words in self.stage_words}
        return config

    def with_criteria(self, other: Rubric) -> Rubric:
        """`other`'s criteria with this rubric's own stage words (a class's settings of an assignment)."""
        return Rubric(other.items, self.stage_words)

    @property
    def version(self) -> str:
        """A short fingerprint of the settings: the same rubric always has the same version."""
        canonical = json.dumps(self.to_config(), sort_keys=True, ensure_ascii=True)
        return hashlib.sha256(canonical.encode()).hexdigest()[:12]

    @property
    def max_points(self) -> float:
        return sum(item.weight * 3 for item in self.items)


def _plain(number: float) -> float | int:
    return int(number) if float(number).is_integer() else number


MAX_STAGE_WORDS = 50


def _stage_words(table: Any, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if table is None:
        return ()
    if not isinstance(table, Mapping):
        raise RubricError(f"{where}: moet een tabel zijn met per soort fase een lijst woorden")
    found = []
    for stage in table:
        if stage not in STAGES:
            raise RubricError(f"{where}.{stage}: onbekende soort fase (bekend: {', '.join(STAGES)})")
    for stage in STAGES:
        words = table.get(stage, [])
        if not isinstance(words, list) or len(words) > MAX_STAGE_WORDS or not all(
                isinstance(w, str) and 0 < len(w.strip()) <= 60 for w in words):
            raise RubricError(f"{where}.{stage}: moet een lijst van hoogstens {MAX_STAGE_WORDS} woorden zijn "
                              "(elk hoogstens 60 tekens)")
        if words:
            found.append((stage, tuple(" ".join(w.split()) for w in words)))
    return tuple(found)
