"""Klantreislab's grader: checks customer journeys (`klantreis/1`) against a rubric and explains
every judgement in Dutch. A pure library: no web framework, no database.

    >>> from grader import load_journey, grade
    >>> report = grade(load_journey(text, "sanne.journey.json"))
    >>> report.grade, [c.level for c in report.criteria]

What this module exports is the grader's API: the site, the command line and the pytest plugin
use nothing else (tests/grader/test_boundary.py checks it). The other modules are internal.
"""
from .channels import OFFLINE, ONLINE, channel_kind, channel_kinds
from .criteria import BOOL, INT, LEVEL_NAMES, MAX_LEVEL, REGISTRY, SHARE, Criterion, Param, show_number
from .criteria.key_moments import low_scores
from .formats import safe_cell
from .journey import (
    DUTCH_FIELD,
    EMPATHY_LABELS,
    FORMAT,
    SOURCE_LABELS,
    STAGES,
    EmpathyMap,
    Journey,
    JourneyError,
    Persona,
    Phase,
    Touchpoint,
    parse_journey,
)
from .loading import MAX_BYTES, load_journey, load_journey_file
from .report import PASS_GRADE, CriterionResult, PhaseStage, Report, grade, grade_from_points, grade_words
from .rubric import CORE_CRITERIA, Rubric, RubricError, RubricItem
from .sources import RubricSource, RubricSourceError
from .stages import STAGE_TITLES, StageMatch, recognise_stages

CRITERIA = REGISTRY  # every criterion by id, in the order they were registered

__all__ = [
    "BOOL", "CORE_CRITERIA", "CRITERIA", "DUTCH_FIELD", "EMPATHY_LABELS", "FORMAT", "INT", "LEVEL_NAMES",
    "MAX_BYTES", "MAX_LEVEL", "OFFLINE", "ONLINE", "PASS_GRADE", "SHARE", "SOURCE_LABELS", "STAGES", "STAGE_TITLES",
    "Criterion", "CriterionResult", "EmpathyMap", "Journey", "JourneyError", "Param", "Persona", "Phase",
    "PhaseStage", "Report", "Rubric", "RubricError", "RubricItem", "RubricSource", "RubricSourceError",
    "StageMatch", "Touchpoint", "channel_kind", "channel_kinds", "grade", "grade_from_points", "grade_words",
    "load_journey", "load_journey_file", "low_scores", "parse_journey", "recognise_stages", "safe_cell", "show_number",
]
