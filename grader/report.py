"""Grading a journey against a rubric, and the report that explains it."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .context import Context
from .criteria import MAX_LEVEL
from .journey import Journey
from .rubric import Rubric

PASS_GRADE = 5.5
# The Dutch words for a grade, from the lowest grade that earns them (a grade has one decimal).
GRADE_WORDS = ((8.5, "zeer goed"), (7.5, "goed"), (6.5, "ruim voldoende"), (PASS_GRADE, "voldoende"))


def grade_words(grade: float) -> str:
    """What a Dutch grade says: onvoldoende (below 5,5), voldoende (5,5–6,4), ruim voldoende
    (6,5–7,4), goed (7,5–8,4) or zeer goed (8,5 and up). The one place these bands are decided."""
    return next((words for lowest, words in GRADE_WORDS if grade >= lowest), "onvoldoende")


def grade_from_points(points: float, max_points: float) -> float:
    """Dutch grade 1.0 to 10.0: 1 + 9 × points / maximum, rounded half up to one decimal."""
    if max_points <= 0:
        return 1.0
    raw = Decimal(1) + Decimal(9) * _decimal(points) / _decimal(max_points)
    return float(raw.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _decimal(value: float) -> Decimal:
    """The decimal a sum of weights stands for, without binary noise: 0.30000000000000004 -> 0.3."""
    return Decimal(repr(round(value, 9)))


def _number(value: float) -> float | int:
    # Only float noise is rounded away: a weight such as 0.125 must survive the JSON round trip.
    value = round(value, 9)
    return int(value) if float(value).is_integer() else value


STRONGER = "Nog sterker"  # how a criterion at its top level starts its tip: a suggestion, not a repair


@dataclass(frozen=True)
class CriterionResult:
    id: str
    title: str
    level: int
    max_level: int
    points: float
    max_points: float
    feedback: str
    tip: str
    lesson: str
    weight: float = 1.0

    @property
    def tip_parts(self) -> tuple[str, str]:
        """(label, text) of the tip as every presenter shows it: ("Tip", …), or ("Nog sterker", …)
        for the suggestion a criterion at its top level gets; ("", "") without a tip."""
        if not self.tip:
            return "", ""
        if self.tip.startswith(STRONGER + ": "):
            return STRONGER, self.tip[len(STRONGER) + 2:]
        return "Tip", self.tip

    @property
    def tip_line(self) -> str:
        """The tip on one line: "Tip: …" or "Nog sterker: …"; "" without a tip."""
        label, text = self.tip_parts
        return f"{label}: {text}" if text else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "level": self.level, "max_level": self.max_level,
            "points": _number(self.points), "max_points": _number(self.max_points),
            "feedback": self.feedback, "tip": self.tip, "lesson": self.lesson, "weight": _number(self.weight),
        }


@dataclass(frozen=True)
class PhaseStage:
    name: str
    stage: str | None
    evidence: str
    other: str | None = None  # a second stage almost as likely (StageMatch.other): the grader doubts


@dataclass(frozen=True)
class Report:
    criteria: tuple[CriterionResult, ...]
    phases: tuple[PhaseStage, ...] = ()
    file: str | None = None
    assignment: str | None = None
    rubric_version: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def points(self) -> float:
        return sum(c.points for c in self.criteria)

    @property
    def max_points(self) -> float:
        return sum(c.max_points for c in self.criteria)

    @property
    def grade(self) -> float:
        return grade_from_points(self.points, self.max_points)

    @property
    def passed(self) -> bool:
        return self.grade >= PASS_GRADE

    @property
    def doubted(self) -> tuple[PhaseStage, ...]:
        """The phases whose stage the grader doubts (a second stage named): where a reader looks first."""
        return tuple(p for p in self.phases if p.other)

    def criterion(self, criterion_id: str) -> CriterionResult | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "assignment": self.assignment,
            "grade": self.grade,
            "points": _number(self.points),
            "max_points": _number(self.max_points),
            "passed": self.passed,
            "rubric_version": self.rubric_version,
            "criteria": [c.to_dict() for c in self.criteria],
            "phases": [{"name": p.name, "stage": p.stage, "evidence": p.evidence, "other": p.other}
                       for p in self.phases],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """Rebuild a report stored as JSON (e.g. in the site's database)."""
        fields = CriterionResult.__dataclass_fields__
        return cls(
            criteria=tuple(CriterionResult(**{k: v for k, v in c.items() if k in fields})
                           for c in data.get("criteria", [])),
            phases=tuple(PhaseStage(**p) for p in data.get("phases", [])),
            file=data.get("file"),
            assignment=data.get("assignment"),
            rubric_version=data.get("rubric_version", ""),
        )

    def with_levels(self, levels: dict[str, int]) -> Report:
        """The same report with some criteria set to another level (a teacher's override)."""
        criteria = []
        for c in self.criteria:
            if c.id in levels:
                level = max(0, min(c.max_level, int(levels[c.id])))
                c = CriterionResult(**{**asdict(c), "level": level, "points": level * c.weight})
            criteria.append(c)
        return Report(tuple(criteria), self.phases, self.file, self.assignment, self.rubric_version)


def grade(journey: Journey, rubric: Rubric | None = None, *, file: str | None = None) -> Report:
    """Grade a journey. The rubric defaults to the six core criteria, each with weight 1."""
    rubric = rubric or Rubric.default()
    ctx = Context(journey, rubric.stage_words)
    results = []
    for item in rubric.items:
        crit = item.criterion
        judgement = crit.check(ctx, item.settings)
        level = max(0, min(MAX_LEVEL, judgement.level))
        results.append(CriterionResult(
            id=crit.id, title=crit.title, level=level, max_level=MAX_LEVEL,
            points=level * item.weight, max_points=MAX_LEVEL * item.weight,
            feedback=judgement.feedback, tip=judgement.tip, lesson=crit.lesson, weight=item.weight,
        ))
    phases = tuple(
        PhaseStage(phase.label(), match.stage, match.evidence, match.other)
        for phase, match in zip(journey.phases, ctx.stages, strict=True)
    )
    return Report(tuple(results), phases, file, journey.assignment or None, rubric.version)

