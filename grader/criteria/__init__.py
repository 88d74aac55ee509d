"""Rubric criteria. Importing this package registers all of them in REGISTRY."""
from . import channel_mix, emotion_curve, moments_of_truth, persona, phases, service_concept, stage_phases, touchpoints  # noqa: F401  (registers)  # noqa: E402,F401  (optional criteria)
from .registry import (
           BOOL,
           INT,
           LEVEL_NAMES,
           MAX_LEVEL,
           REGISTRY,
           SHARE,
           Criterion,
           Judgement,
           Param,
           criterion,
           show_number,
)

__all__ = ["BOOL", "INT", "LEVEL_NAMES", "MAX_LEVEL", "REGISTRY", "SHARE", "Criterion", "Judgement", "Param",
           "criterion", "show_number"]
