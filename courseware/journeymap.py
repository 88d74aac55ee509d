"""The journey map as data: phases as columns, touchpoints as cards and the emotion curve.

Pure Python (no Flask): `build_map` turns a grader Journey into immutable records that the
Jinja macros in courseware/templates/macros/journey_map.html draw. All geometry is computed here, in one
fixed SVG coordinate system, so a template only writes numbers into the SVG:

- every phase is a column of PHASE_WIDTH units; its touchpoints share that width evenly;
- the emotion 1 is at the bottom of the plot, 10 at the top;
- a touchpoint without emotion keeps its place (its x) but is left out of the line;
- the desired curve (the desired emotions, see the builder's step "Verbeteren") is drawn at the
  same x's, dashed; it is there only when some touchpoint has a desired emotion. Where a
  touchpoint has none, the desired journey keeps it as it is: the dashed line goes through its
  current score (without a marker of its own).

`overlay_curves` puts the curves of several journeys in one coordinate system whose columns are
the canonical stages (awareness, consideration, purchase, experience, after-sales, then
"unknown"), so a side-by-side comparison shows awareness under awareness.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from grader import SOURCE_LABELS, STAGE_TITLES, STAGES, Journey, Persona, Rubric, channel_kind, recognise_stages

PHASE_WIDTH = 240.0  # SVG units per phase column; 240 px at the columns' minimum of 15rem
CURVE_HEIGHT = 170.0
PLOT_TOP = 30.0  # room above emotion 10 for the score labels
PLOT_BOTTOM = 12.0  # room below emotion 1
OVERLAY_COLUMN = 170.0  # SVG units per stage column in the overlay (comparison)
# The thumbnail (compact map in a gallery): a fixed size whatever the number of phases.
THUMB_WIDTH, THUMB_HEIGHT, THUMB_TOP, THUMB_BOTTOM = 320.0, 120.0, 14.0, 10.0
# The printed map: the same width, a flatter curve, so a whole journey fits one landscape page.
PRINT_HEIGHT, PRINT_TOP, PRINT_BOTTOM = 95.0, 24.0, 8.0
EMOTION_MIN, EMOTION_MAX = 1, 10
EXPECTED = 7  # "zoals verwacht": what the customer expects
DESIRED_DASH = "8 6"  # the desired curve's stroke-dasharray (the current curve is solid)
LABEL_ABOVE, LABEL_BELOW = -12.0, 22.0  # where a score's number goes, relative to its point
MEMORABLE = 9  # "dit onthoud je"

UNKNOWN = "unknown"  # the overlay's column for phases whose stage is not recognised

# A five-pointed star around (0, 0) with an outer radius of 9 units, for moments of truth.
STAR_PATH = "M0,-9 L2.6,-3.6 L8.6,-2.8 L4.2,1.4 L5.3,7.3 L0,4.5 L-5.3,7.3 L-4.2,1.4 L-8.6,-2.8 L-2.6,-3.6 Z"

# Line styles for the overlay: never colour alone; every curve has its own dash and marker.
LINE_STYLES: tuple[tuple[str, str], ...] = (
    ("", "circle"),
    ("10 6", "square"),
    ("3 5", "triangle"),
    ("14 5 3 5", "diamond"),
    ("6 3", "cross"),
    ("2 3 8 3", "ring"),
)
# Marker shapes around (0, 0), about 11 units across. `cross` and `ring` are drawn unfilled.
MARKER_PATHS: dict[str, str] = {
    "circle": "M-5.5,0 A5.5,5.5 0 1 0 5.5,0 A5.5,5.5 0 1 0 -5.5,0 Z",
    "square": "M-5,-5 H5 V5 H-5 Z",
    "triangle": "M0,-6.5 L6,5 H-6 Z",
    "diamond": "M0,-6.5 L6.5,0 L0,6.5 L-6.5,0 Z",
    "cross": "M-5,-5 L5,5 M-5,5 L5,-5",
    "ring": "M-5.5,0 A5.5,5.5 0 1 0 5.5,0 A5.5,5.5 0 1 0 -5.5,0 Z",
}
OPEN_MARKERS = frozenset({"cross", "ring"})


def _r(value: float) -> float:
    return round(value, 1)


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def emotion_y(emotion: float, height: float = CURVE_HEIGHT, top: float = PLOT_TOP,
              bottom: float = PLOT_BOTTOM) -> float:
    """The y of an emotion score: 1 at the bottom of the plot, 10 at the top."""
    plot = height - top - bottom
    score = min(EMOTION_MAX, max(EMOTION_MIN, emotion))
    return _r(top + (EMOTION_MAX - score) / (EMOTION_MAX - EMOTION_MIN) * plot)


def line_path(points: Sequence[tuple[float, float]]) -> str:
    """An SVG path through the points, e.g. 'M 120 30 L 240 80'; empty for no points."""
    return " ".join(f"{'M' if i == 0 else 'L'} {_fmt(x)} {_fmt(y)}" for i, (x, y) in enumerate(points))


def stage_title(stage: str | None) -> str:
    """The Dutch title of a stage with a capital, e.g. 'Bewustwordingsfase'; '' for unknown."""
    title = STAGE_TITLES.get(stage or "", "")
    return title[:1].upper() + title[1:]


class CurvePoint(NamedTuple):
    x: float
    y: float
    emotion: int
    label: str  # the touchpoint's name
    is_moment_of_truth: bool
    phase: str = ""  # the phase's name
    label_dy: float = LABEL_ABOVE  # the score's number: above the point, or below it (see _curve)


@dataclass(frozen=True)
class MapTouchpoint:
    number: int  # 1, 2, ... through the whole journey
    name: str  # never empty: "(zonder naam)" when the student left it out
    channel: str
    channel_kind: str | None  # 'online', 'offline' or None (unknown, mixed or missing)
    description: str
    emotion: int | None
    moment_of_truth: bool
    moment_of_truth_reason: str
    pain: str
    gain: str
    service: str
    x: float  # centre in the curve's SVG coordinate system
    desired_situation: str = ""  # what the organisation should do instead
    desired_emotion: int | None = None
    source: str | None = None  # a key of grader.SOURCE_LABELS

    @property
    def source_label(self) -> str:
        """Where the insight comes from, in Dutch (e.g. 'Interview'); '' when not said."""
        return SOURCE_LABELS.get(self.source or "", "")


@dataclass(frozen=True)
class MapPhase:
    name: str  # never empty: "(fase zonder naam)" when the student left it out
    stage: str | None  # one of grader.STAGES, or None when not recognised
    stage_title: str  # Dutch, with a capital: 'Bewustwordingsfase'; '' when not recognised
    description: str
    touchpoints: tuple[MapTouchpoint, ...]
    x0: float  # the column's left and right edge in the SVG coordinate system
    x1: float
    evidence: str = ""  # why the stage was recognised (Dutch), when known


@dataclass(frozen=True)
class EmotionCurve:
    width: float  # the SVG viewBox: 0 0 width height
    height: float
    points: tuple[CurvePoint, ...]  # only touchpoints with an emotion, in journey order
    path: str  # "M x y L x y ..." through the points; '' without points
    baseline_y7: float  # y of the dashed "zoals verwacht" line
    baseline_y9: float  # y of the "dit onthoud je" line
    bottom_y: float  # y of emotion 1
    top_y: float  # y of emotion 10
    phase_bounds: tuple[tuple[float, float], ...]  # (x0, x1) per phase
    desired_points: tuple[CurvePoint, ...] = ()  # touchpoints with a desired emotion, in journey order
    desired_path: str = ""  # '' without a desired emotion anywhere

    @property
    def desired_dash(self) -> str:
        return DESIRED_DASH

    @property
    def desired_lowest(self) -> int | None:
        return min((p.emotion for p in self.desired_points), default=None)

    @property
    def desired_highest(self) -> int | None:
        return max((p.emotion for p in self.desired_points), default=None)

    @property
    def lowest(self) -> int | None:
        return min((p.emotion for p in self.points), default=None)

    @property
    def highest(self) -> int | None:
        return max((p.emotion for p in self.points), default=None)

    @property
    def dividers(self) -> tuple[float, ...]:
        """The x of every border between two phases."""
        return tuple(x1 for _, x1 in self.phase_bounds[:-1])

    @property
    def star_path(self) -> str:
        """The star drawn on a moment of truth, around (0, 0)."""
        return STAR_PATH


@dataclass(frozen=True)
class JourneyMap:
    title: str
    persona: Persona | None
    trigger: str
    phases: tuple[MapPhase, ...]
    curve: EmotionCurve
    touchpoint_count: int
    thumbnail: EmotionCurve  # the same curve at THUMB_WIDTH x THUMB_HEIGHT, for compact maps
    print_curve: EmotionCurve  # the same curve, flatter, for the printed page

    @property
    def scored_count(self) -> int:
        return len(self.curve.points)

    @property
    def has_desired(self) -> bool:
        """Some touchpoint has a desired emotion: the map draws the desired curve too."""
        return bool(self.curve.desired_points)

    @property
    def desired_count(self) -> int:
        return len(self.curve.desired_points)

    @property
    def moments_of_truth(self) -> tuple[MapTouchpoint, ...]:
        return tuple(tp for phase in self.phases for tp in phase.touchpoints if tp.moment_of_truth)

    def touchpoints(self) -> tuple[MapTouchpoint, ...]:
        return tuple(tp for phase in self.phases for tp in phase.touchpoints)


def _spread(x0: float, x1: float, count: int) -> list[float]:
    """Centres of `count` equal slots between x0 and x1."""
    step = (x1 - x0) / count if count else 0.0
    return [_r(x0 + (k + 0.5) * step) for k in range(count)]


def _curve(phases: Sequence[MapPhase], width: float, height: float, top: float, bottom: float) -> EmotionCurve:
    """The emotion curve of `phases` drawn in a viewBox of width x height, phases side by side."""
    column = width / max(1, len(phases))
    bounds = [(_r(i * column), _r((i + 1) * column)) for i in range(len(phases))]
    points, desired, desired_line = [], [], []
    for phase, (x0, x1) in zip(phases, bounds, strict=False):
        for tp, x in zip(phase.touchpoints, _spread(x0, x1, len(phase.touchpoints)), strict=False):
            now, wish = tp.emotion, tp.desired_emotion
            # Both scores at one touchpoint: the higher one's number above it, the lower one's below,
            # so the numbers never sit on top of each other. The same score twice: one number.
            both = now is not None and wish is not None
            if now is not None:
                below = both and wish > now
                points.append(CurvePoint(x, emotion_y(now, height, top, bottom), now, tp.name, tp.moment_of_truth,
                                         phase.name, LABEL_BELOW if below else LABEL_ABOVE))
            if wish is not None:
                dy = LABEL_BELOW if both and wish < now else LABEL_ABOVE
                desired.append(CurvePoint(x, emotion_y(wish, height, top, bottom), wish, tp.name,
                                          tp.moment_of_truth, phase.name, 0.0 if both and wish == now else dy))
            if wish is not None or now is not None:
                desired_line.append((x, emotion_y(wish if wish is not None else now, height, top, bottom)))
    return EmotionCurve(
        width=_r(width), height=height, points=tuple(points),
        path=line_path([(p.x, p.y) for p in points]),
        desired_points=tuple(desired), desired_path=line_path(desired_line) if desired else "",
        baseline_y7=emotion_y(EXPECTED, height, top, bottom), baseline_y9=emotion_y(MEMORABLE, height, top, bottom),
        bottom_y=emotion_y(EMOTION_MIN, height, top, bottom), top_y=emotion_y(EMOTION_MAX, height, top, bottom),
        phase_bounds=tuple(bounds),
    )


def _field(item: Any, key: str) -> Any:
    return item.get(key) if isinstance(item, Mapping) else getattr(item, key, None)


def report_stages(report: Any) -> tuple[list[str | None], list[str]]:
    """(stages, evidence) per phase from a grader Report or its `to_dict()` value.

    Use as `build_map(journey, *report_stages(report))`, so the map shows the same stages as the
    feedback.
    """
    stages: list[str | None] = []
    evidence: list[str] = []
    for item in _field(report, "phases") or ():
        stage = _field(item, "stage")
        stages.append(stage if stage in STAGES else None)
        evidence.append(_field(item, "evidence") or "")
    return stages, evidence


def build_map(journey: Journey, stages: Sequence[str | None] | None = None,
              evidence: Sequence[str] | None = None, rubric: Rubric | None = None) -> JourneyMap:
    """The map of a journey.

    `stages` (one per phase, e.g. from `report_stages(report)`) are the recognised stages; when
    None they are recognised here with grader.recognise_stages (with the assignment's own stage
    words from `rubric`, as the grade reads them), which also gives the evidence. Extra or missing
    entries are ignored / treated as unknown.
    """
    if stages is None:
        matches = recognise_stages(journey.phases, rubric.stage_words if rubric else ())
        stages = [m.stage for m in matches]
        evidence = [m.evidence for m in matches]
    stages = list(stages)
    evidence = list(evidence or [])

    phases: list[MapPhase] = []
    number = 0
    for i, phase in enumerate(journey.phases):
        x0, x1 = _r(i * PHASE_WIDTH), _r((i + 1) * PHASE_WIDTH)
        stage = stages[i] if i < len(stages) and stages[i] in STAGES else None
        cards = []
        for tp, x in zip(phase.touchpoints, _spread(x0, x1, len(phase.touchpoints)), strict=False):
            number += 1
            cards.append(MapTouchpoint(
                number=number, name=tp.label(), channel=tp.channel, channel_kind=channel_kind(tp.channel),
                description=tp.description, emotion=tp.emotion, moment_of_truth=tp.moment_of_truth,
                moment_of_truth_reason=tp.moment_of_truth_reason, pain=tp.pain, gain=tp.gain,
                service=tp.service, x=x, desired_situation=tp.desired_situation,
                desired_emotion=tp.desired_emotion, source=tp.source,
            ))
        phases.append(MapPhase(
            name=phase.label(), stage=stage, stage_title=stage_title(stage),
            description=phase.description, touchpoints=tuple(cards), x0=x0, x1=x1,
            evidence=evidence[i] if i < len(evidence) else "",
        ))

    return JourneyMap(
        title=journey.title, persona=journey.persona, trigger=journey.trigger, phases=tuple(phases),
        curve=_curve(phases, max(1, len(phases)) * PHASE_WIDTH, CURVE_HEIGHT, PLOT_TOP, PLOT_BOTTOM),
        touchpoint_count=number,
        thumbnail=_curve(phases, THUMB_WIDTH, THUMB_HEIGHT, THUMB_TOP, THUMB_BOTTOM),
        print_curve=_curve(phases, max(1, len(phases)) * PHASE_WIDTH, PRINT_HEIGHT, PRINT_TOP, PRINT_BOTTOM),
    )


@dataclass(frozen=True)
class OverlayColumn:
    stage: str  # one of grader.STAGES, or UNKNOWN
    title: str  # Dutch title with a capital; '' for UNKNOWN (the template names it)
    x0: float
    x1: float

    @property
    def centre(self) -> float:
        return _r((self.x0 + self.x1) / 2)


@dataclass(frozen=True)
class OverlayCurve:
    label: str  # e.g. "Ontwerp A"
    points: tuple[CurvePoint, ...]  # ordered by column, then by place in the journey
    path: str
    dash: str  # stroke-dasharray; '' for a solid line
    marker: str  # circle, square, triangle, diamond, cross or ring
    series: int  # 0-based: the curve's place, for its CSS class (colour)

    @property
    def marker_path(self) -> str:
        """The marker's SVG path around (0, 0); place it with transform="translate(x y)"."""
        return MARKER_PATHS[self.marker]

    @property
    def marker_open(self) -> bool:
        """True for markers drawn as an outline only (cross, ring)."""
        return self.marker in OPEN_MARKERS


@dataclass(frozen=True)
class Overlay:
    width: float
    height: float
    columns: tuple[OverlayColumn, ...]
    curves: tuple[OverlayCurve, ...]
    baseline_y7: float
    baseline_y9: float
    bottom_y: float
    top_y: float
    desired: bool = False  # the curves are desired emotions (the desired journeys)

    @property
    def dividers(self) -> tuple[float, ...]:
        return tuple(c.x1 for c in self.columns[:-1])

    @property
    def star_path(self) -> str:
        return STAR_PATH


def overlay_curves(maps: Sequence[JourneyMap], labels: Sequence[str] | None = None,
                   desired: bool = False) -> Overlay:
    """Several maps' emotion curves in one SVG coordinate system, aligned by recognised stage.

    Columns: the five canonical stages in order, then UNKNOWN when some phase of some map is not
    recognised. Within a column a map's touchpoints (from all its phases of that stage, in
    journey order) share the width evenly; touchpoints without emotion keep their slot. Each
    curve is drawn left to right through its columns. `labels` default to the maps' titles
    (or "A", "B", ... for a map without a title). With `desired`, the curves are the maps' desired
    journeys: a touchpoint's desired emotion, or its current one where it has none (as the map's
    dashed line); a map without any desired emotion has no points.
    """
    stages = list(STAGES)
    if any(phase.stage is None for m in maps for phase in m.phases):
        stages.append(UNKNOWN)
    columns = tuple(
        OverlayColumn(stage, "" if stage == UNKNOWN else stage_title(stage),
                      _r(i * OVERLAY_COLUMN), _r((i + 1) * OVERLAY_COLUMN))
        for i, stage in enumerate(stages)
    )
    labels = list(labels or [])
    curves = []
    for n, m in enumerate(maps):
        label = labels[n] if n < len(labels) and labels[n] else (m.title or letter(n))
        points: list[CurvePoint] = []
        for column in columns:
            members = [
                (phase, tp) for phase in m.phases if (phase.stage or UNKNOWN) == column.stage
                for tp in phase.touchpoints
            ]
            for (phase, tp), x in zip(members, _spread(column.x0, column.x1, len(members)), strict=False):
                emotion = tp.emotion
                if desired:
                    emotion = (tp.desired_emotion if tp.desired_emotion is not None else tp.emotion) \
                        if m.has_desired else None
                if emotion is not None:
                    points.append(CurvePoint(x, emotion_y(emotion), emotion, tp.name, tp.moment_of_truth, phase.name))
        dash, marker = LINE_STYLES[n % len(LINE_STYLES)]
        curves.append(OverlayCurve(label, tuple(points), line_path([(p.x, p.y) for p in points]),
                                   dash, marker, n))
    return Overlay(
        width=_r(len(columns) * OVERLAY_COLUMN), height=CURVE_HEIGHT, columns=columns, curves=tuple(curves),
        baseline_y7=emotion_y(EXPECTED), baseline_y9=emotion_y(MEMORABLE),
        bottom_y=emotion_y(EMOTION_MIN), top_y=emotion_y(EMOTION_MAX), desired=desired,
    )


def desired_overlay(maps: Sequence[JourneyMap], labels: Sequence[str] | None = None) -> Overlay | None:
    """The maps' desired curves side by side, or None when no map has a desired emotion."""
    return overlay_curves(maps, labels, desired=True) if any(m.has_desired for m in maps) else None


def letter(n: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA': labels for any number of designs."""
    letters = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
