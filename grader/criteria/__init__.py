"""Rubric criteria. Importing this package registers all of them in REGISTRY."""
from . import (  # noqa: F401  (importing a module registers its criteria)
           channel_mix,
           emotion_curve,
           improvement,
           moments_of_truth,
           persona,
           phases,
           research,
           service_concept,
           stage_phases,
           touchpoints,
)
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
