"""The touchpoints a journey is improved at first (lesson 6): the moments of truth and the dips.

A dip is a score below `low_emotion` (6 in the lesson: "onder de 6 verbeter je eerst"). A curve
without a dip still has a lowest point; when that is below the expected 7, it counts too.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..journey import Touchpoint
from ..text import join_list
from .registry import Param

EXPECTED = 7  # lesson 6: a 7 is what the customer expects
MEMORABLE = 9  # lesson 6: a 9 or more is what the customer remembers and tells others
DIP = 6  # lesson 6: below a 6 the customer is let down; improve there first

# The setting both criteria of the key moments share (improvement, research): what a dip is.
LOW_EMOTION = Param("low_emotion", DIP, "Dal: cijfer onder",
                    "Een contactmoment met een lager cijfer is een dal. Zonder dal telt het laagste punt onder de 7.",
                    2, 10)


@dataclass(frozen=True)
class KeyMoment:
    touchpoint: Touchpoint
    truth: bool  # a moment of truth
    low: bool  # a dip, or the lowest point of a curve without a dip

    def why(self) -> str:
        """Dutch: why this touchpoint is key, e.g. "moment van de waarheid, een 4"."""
        parts = []
        if self.truth:
            parts.append("moment van de waarheid")
        if self.touchpoint.emotion is not None and self.low:
            parts.append(f"een {self.touchpoint.emotion}")
        return ", ".join(parts)

    def label(self) -> str:
        return f"‘{self.touchpoint.label()}’ ({self.why()})"

    @property
    def target(self) -> int:
        """The desired score the lesson asks for: a 9 at a moment of truth, at least a 7 elsewhere."""
        return MEMORABLE if self.truth else EXPECTED


def low_scores(scores: Iterable[int | None], low_emotion: int) -> frozenset[int]:
    """The emotion scores that count as a low point: the dips (below `low_emotion`); in a curve
    without a dip, its lowest score when that is below the expected 7. The one rule, also for the
    builder's step "Verbeteren", which lists these touchpoints first."""
    scored = [score for score in scores if score is not None]
    dips = frozenset(score for score in scored if score < low_emotion)
    if dips or not scored:
        return dips
    return frozenset({min(scored)}) if min(scored) < EXPECTED else frozenset()


def key_moments(touchpoints: list[Touchpoint], low_emotion: int) -> list[KeyMoment]:
    """The moments of truth and the dips, in the order of the journey."""
    low = low_scores((tp.emotion for tp in touchpoints), low_emotion)
    return [KeyMoment(tp, tp.moment_of_truth, tp.emotion in low)
            for tp in touchpoints if tp.moment_of_truth or tp.emotion in low]


def describe(moments: list[KeyMoment]) -> str:
    """Dutch: which touchpoints are key and why."""
    if len(moments) == 1:
        return f"Het belangrijkste contactmoment in je reis is {moments[0].label()}."
    return f"De belangrijkste contactmomenten in je reis zijn {and_list([m.label() for m in moments])}."


def and_list(items: list[str], limit: int = 6) -> str:
    """'A, B en C' for items that carry their own quotes, shortened with 'en nog N' (text.join_list)."""
    return join_list(items, limit)
