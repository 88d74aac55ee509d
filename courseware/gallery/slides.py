"""The slides of presentation mode, so that every slide fits a projector without scrolling.

A design gets an overview slide (persona, trigger, emotion curve) and then its phases, a few per
slide: at most PHASES_PER_SLIDE phases and CARDS_PER_SLIDE touchpoints, and a phase with more than
CARDS_PER_SLIDE touchpoints is split over slides ("vervolg"). With two or more designs come the
comparison slides: the personas and the overlaid curves, then the stages side by side
(STAGES_PER_SLIDE per slide). The levels and grades only get a slide when the teacher asked for
them. What still does not fit is scaled down by static/js/present.js.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .designs import Design, StageRow, stage_rows

PHASES_PER_SLIDE = 3
CARDS_PER_SLIDE = 6
STAGES_PER_SLIDE = 3


@dataclass(frozen=True)
class PhasePart:
    """A phase on a slide: its number in the journey and the touchpoints shown on this slide."""

    number: int  # 1-based
    phase: object  # courseware.journeymap.MapPhase
    touchpoints: tuple
    continued: bool = False  # the phase started on the slide before
    continues: bool = False  # the phase goes on on the next slide


@dataclass(frozen=True)
class Slide:
    kind: str  # "overview", "phases", "compare-personas", "compare-stages" or "grades"
    design: Design | None = None
    parts: tuple[PhasePart, ...] = ()
    rows: tuple[StageRow, ...] = ()
    extra: dict = field(default_factory=dict)


def phase_parts(phases: Sequence) -> list[PhasePart]:
    """Every phase, with a phase of many touchpoints cut into pieces of CARDS_PER_SLIDE."""
    parts = []
    for number, phase in enumerate(phases, start=1):
        touchpoints = tuple(phase.touchpoints)
        pieces = [touchpoints[i:i + CARDS_PER_SLIDE] for i in range(0, len(touchpoints), CARDS_PER_SLIDE)] or [()]
        for i, piece in enumerate(pieces):
            parts.append(PhasePart(number, phase, piece, continued=i > 0, continues=i < len(pieces) - 1))
    return parts


def phase_slides(parts: Sequence[PhasePart]) -> list[tuple[PhasePart, ...]]:
    """Parts grouped into slides: at most PHASES_PER_SLIDE parts and CARDS_PER_SLIDE cards each."""
    slides: list[list[PhasePart]] = []
    current: list[PhasePart] = []
    cards = 0
    for part in parts:
        size = len(part.touchpoints)
        if current and (len(current) >= PHASES_PER_SLIDE or cards + size > CARDS_PER_SLIDE):
            slides.append(current)
            current, cards = [], 0
        current.append(part)
        cards += size
    if current:
        slides.append(current)
    return [tuple(slide) for slide in slides]


def build_slides(designs: Sequence[Design], show_grades: bool) -> list[Slide]:
    slides: list[Slide] = []
    for design in designs:
        slides.append(Slide("overview", design))
        for group in phase_slides(phase_parts(design.jmap.phases)):
            slides.append(Slide("phases", design, parts=group))
    if len(designs) >= 2:
        slides.append(Slide("compare-personas"))
        rows = [row for row in stage_rows([d.jmap for d in designs]) if any(row.cells)]
        per_slide = -(-len(rows) // -(-len(rows) // STAGES_PER_SLIDE)) if rows else 1  # 4 rows: 2 + 2
        for i in range(0, len(rows), per_slide):
            slides.append(Slide("compare-stages", rows=tuple(rows[i:i + per_slide])))
    if show_grades:
        slides.append(Slide("grades"))
    return slides
