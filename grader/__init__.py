"""Klantreislab's grader: checks customer journeys (`klantreis/1`) against a rubric and explains
every judgement in Dutch. A pure library: no web framework, no database.

    >>> from grader import load_journey, grade
    >>> report = grade(load_journey(text, "sanne.journey.json"))
    >>> report.grade, [c.level for c in report.criteria]
"""
from .journey import FORMAT, STAGES, Journey, JourneyError, Persona, Phase, Touchpoint, parse_journey
from .loading import load_journey, load_journey_file
from .report import CriterionResult, Report, grade, grade_from_points
from .rubric import Rubric, RubricError, RubricItem

__all__ = [
    "FORMAT", "STAGES", "Journey", "JourneyError", "Persona", "Phase", "Touchpoint", "parse_journey",
    "load_journey", "load_journey_file", "CriterionResult", "Report", "grade", "grade_from_points",
    "Rubric", "RubricError", "RubricItem",
]
