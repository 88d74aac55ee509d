"""An assignment's texts and rubric as its page shows them (also the teacher's preview)."""
from __future__ import annotations

from dataclasses import dataclass

from grader import LEVEL_NAMES, Rubric

from ..lessons.loader import get_lesson


@dataclass(frozen=True)
class RubricRow:
    id: str
    title: str
    weight: float
    max_points: float
    lesson_id: str
    lesson_title: str | None
    levels: tuple[tuple[int, str, str], ...]  # (level, word, descriptor), from 0 to 3


def rubric_rows(rubric: Rubric) -> list[RubricRow]:
    rows = []
    for item in rubric.items:
        criterion = item.criterion
        lesson = get_lesson(criterion.lesson)
        rows.append(RubricRow(
            id=item.id, title=criterion.title, weight=item.weight, max_points=item.weight * 3,
            lesson_id=criterion.lesson, lesson_title=lesson.title if lesson else None,
            levels=tuple((level, LEVEL_NAMES[level], text) for level, text in enumerate(item.descriptors())),
        ))
    return rows


def paragraphs(text: str) -> list[str]:
    return [" ".join(part.split()) for part in text.split("\n\n") if part.strip()]
