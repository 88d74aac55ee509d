"""Rubric criteria. Importing this package registers all of them in REGISTRY."""
from .registry import BOOL, INT, LEVEL_NAMES, MAX_LEVEL, REGISTRY, SHARE, Criterion, Judgement, Param, criterion, show_number

from . import phases, touchpoints, stage_phases, moments_of_truth, persona  # noqa: E402,F401  (registers)
from . import emotion_curve, service_concept, channel_mix  # noqa: E402,F401  (optional criteria)

__all__ = ["BOOL", "INT", "LEVEL_NAMES", "MAX_LEVEL", "REGISTRY", "SHARE", "Criterion", "Judgement", "Param",
           "criterion", "show_number"]
