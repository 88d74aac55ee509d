"""Klantreislab's lessons: Markdown files with YAML front matter, loaded into typed records.

No Flask here, so the site, the tests and scripts can all use it. The site's views live in
``routes.py`` beside this file.

Every lesson is a file ``NN-<id>.md`` in this folder::

    ---
    id: fasen-van-de-klantreis
    title: De fasen van een klantreis
    order: 3
    minutes: 8
    summary: Eén zin over wat je leert.
    quiz:
      - question: "Welke fase vergeten organisaties het vaakst?"
        options:
          - text: "De after-salesfase"
            correct: true
            explanation: "Klopt. ..."
          - ...
    ---
    ## Markdown body ...

Use::

    from courseware.lessons.loader import get_lesson, mark_quiz
    lesson = get_lesson("fasen-van-de-klantreis")      # None for an unknown id
    lesson.html                                          # safe HTML, cached
    result = mark_quiz(lesson, {0: 1, 1: 0, 2: None})   # question index -> option index
    result.score, result.total, result.passed            # passed: >= 60%, rounded up

Files whose name starts with ``_`` or ``.`` are skipped. Problems raise :class:`LessonError`;
its message names the file and the field (for example ``quiz[2].options[1].explanation``).
"""
from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt

__all__ = [
    "DEFAULT_DIRECTORY",
    "NOTHING_CHOSEN",
    "PASS_FRACTION",
    "Lesson",
    "LessonError",
    "QuestionResult",
    "QuizOption",
    "QuizQuestion",
    "QuizResult",
    "get_lesson",
    "lesson_title",
    "load_lessons",
    "mark_quiz",
    "parse_lesson",
    "render_markdown",
]

DEFAULT_DIRECTORY = Path(__file__).resolve().parent

MIN_QUESTIONS, MAX_QUESTIONS = 3, 5
MIN_OPTIONS, MAX_OPTIONS = 3, 4

# Pass rule: at least 60% of the questions right, rounded up (3 questions: 2, 4: 3, 5: 3).
PASS_FRACTION = 0.6
NOTHING_CHOSEN = "Je hebt hier niets gekozen."

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FILE_RE = re.compile(r"^(\d+)-(.+)$")
_FIELDS = ("id", "title", "order", "minutes", "summary", "quiz")
_QUESTION_FIELDS = ("question", "options")
_OPTION_FIELDS = ("text", "correct", "explanation")


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class QuizOption:
    text: str
    correct: bool
    explanation: str


@dataclass(frozen=True)
class QuizQuestion:
    question: str
    options: tuple[QuizOption, ...]

    @property
    def correct_index(self) -> int:
        """Index of the (single) correct option."""
        for index, option in enumerate(self.options):
            if option.correct:
                return index
        raise ValueError(f"vraag zonder goed antwoord: {self.question!r}")


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    order: int
    minutes: int
    summary: str
    body: str  # Markdown source, without the front matter
    quiz: tuple[QuizQuestion, ...]

    @cached_property
    def html(self) -> str:
        """The body as HTML: raw HTML in the Markdown is escaped, unsafe link schemes dropped."""
        return render_markdown(self.body)


@dataclass(frozen=True)
class QuestionResult:
    question: QuizQuestion
    chosen: int | None  # index of the chosen option; None when nothing (valid) was chosen
    correct: bool
    explanation: str  # explanation of the chosen option, or NOTHING_CHOSEN


@dataclass(frozen=True)
class QuizResult:
    results: tuple[QuestionResult, ...]
    score: int
    total: int

    @property
    def required(self) -> int:
        """How many correct answers are needed to pass: 60% of the questions, rounded up."""
        return math.ceil(self.total * PASS_FRACTION - 1e-9)

    @property
    def passed(self) -> bool:
        """At least 60% right (rounded up): 2 of 3, 3 of 4, 3 of 5. An empty quiz never passes."""
        return self.total > 0 and self.score >= self.required


class LessonError(ValueError):
    """A lesson file is missing, unreadable or invalid. The message names the file and the field."""

    def __init__(self, file: str | Path, field: str, problem: str) -> None:
        self.file = str(file)
        self.field = field
        self.problem = problem
        super().__init__(f"{self.file}: {field}: {problem}")


# --------------------------------------------------------------------------- rendering

_markdown = MarkdownIt("commonmark", {"html": False}).enable("table")


def render_markdown(source: str) -> str:
    """Render Markdown safely: commonmark + tables, raw HTML escaped, javascript:/vbscript:/
    file:/data: links left as plain text (markdown-it's ``validateLink``)."""
    return _markdown.render(source)


# --------------------------------------------------------------------------- parsing


def _split_front_matter(text: str, name: str) -> tuple[str, str]:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise LessonError(name, "front matter", "het bestand moet beginnen met een regel '---'")
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1:])
    raise LessonError(name, "front matter", "de afsluitende regel '---' ontbreekt")


def _text(data: Mapping[str, Any], key: str, name: str, path: str) -> str:
    if key not in data or data[key] is None:
        raise LessonError(name, path, "ontbreekt")
    value = data[key]
    if not isinstance(value, str):
        raise LessonError(name, path, f"moet tekst zijn, niet {type(value).__name__}")
    value = value.strip()
    if not value:
        raise LessonError(name, path, "is leeg")
    return value


def _positive_int(data: Mapping[str, Any], key: str, name: str) -> int:
    if key not in data or data[key] is None:
        raise LessonError(name, key, "ontbreekt")
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise LessonError(name, key, f"moet een heel getal zijn, niet {value!r}")
    if value < 1:
        raise LessonError(name, key, f"moet 1 of meer zijn, niet {value}")
    return value


def _mapping(value: Any, name: str, path: str, allowed: tuple[str, ...]) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise LessonError(name, path or "front matter", "moet een lijst van velden zijn (sleutel: waarde)")
    unknown = [str(key) for key in value if key not in allowed]
    if unknown:
        where = f"{path}.{unknown[0]}" if path else unknown[0]
        raise LessonError(name, where, f"onbekend veld; toegestaan zijn: {', '.join(allowed)}")
    return value


def _option(raw: Any, name: str, path: str) -> QuizOption:
    data = _mapping(raw, name, path, _OPTION_FIELDS)
    text = _text(data, "text", name, f"{path}.text")
    if "correct" not in data:
        raise LessonError(name, f"{path}.correct", "ontbreekt (true of false)")
    correct = data["correct"]
    if not isinstance(correct, bool):
        raise LessonError(name, f"{path}.correct", f"moet true of false zijn, niet {correct!r}")
    explanation = _text(data, "explanation", name, f"{path}.explanation")
    return QuizOption(text=text, correct=correct, explanation=explanation)


def _question(raw: Any, name: str, path: str) -> QuizQuestion:
    data = _mapping(raw, name, path, _QUESTION_FIELDS)
    question = _text(data, "question", name, f"{path}.question")
    options_raw = data.get("options")
    if not isinstance(options_raw, list):
        raise LessonError(name, f"{path}.options", "ontbreekt of is geen lijst")
    if not MIN_OPTIONS <= len(options_raw) <= MAX_OPTIONS:
        raise LessonError(name, f"{path}.options",
                          f"moet {MIN_OPTIONS} tot {MAX_OPTIONS} antwoorden hebben, niet {len(options_raw)}")
    options = tuple(_option(item, name, f"{path}.options[{i}]") for i, item in enumerate(options_raw))
    correct = sum(option.correct for option in options)
    if correct != 1:
        raise LessonError(name, f"{path}.options",
                          f"precies één antwoord moet correct: true hebben, niet {correct}")
    seen: set[str] = set()
    for i, option in enumerate(options):
        key = option.text.casefold()
        if key in seen:
            raise LessonError(name, f"{path}.options[{i}].text", f"staat er twee keer in: {option.text!r}")
        seen.add(key)
    return QuizQuestion(question=question, options=options)


def parse_lesson(text: str, name: str = "<les>") -> Lesson:
    """Parse one lesson file's text. `name` is used in error messages."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    head, body = _split_front_matter(text, name)
    try:
        data = yaml.safe_load(head)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (regel {mark.line + 2})" if mark is not None else ""
        raise LessonError(name, "front matter", f"geen geldige YAML{where}: {exc}") from None
    if data is None:
        data = {}
    data = _mapping(data, name, "", _FIELDS)

    lesson_id = _text(data, "id", name, "id")
    if not _ID_RE.match(lesson_id):
        raise LessonError(name, "id", f"alleen kleine letters, cijfers en streepjes, niet {lesson_id!r}")
    title = _text(data, "title", name, "title")
    order = _positive_int(data, "order", name)
    minutes = _positive_int(data, "minutes", name)
    summary = _text(data, "summary", name, "summary")

    quiz_raw = data.get("quiz")
    if not isinstance(quiz_raw, list):
        raise LessonError(name, "quiz", "ontbreekt of is geen lijst")
    if not MIN_QUESTIONS <= len(quiz_raw) <= MAX_QUESTIONS:
        raise LessonError(name, "quiz", f"moet {MIN_QUESTIONS} tot {MAX_QUESTIONS} vragen hebben, niet {len(quiz_raw)}")
    quiz = tuple(_question(item, name, f"quiz[{i}]") for i, item in enumerate(quiz_raw))

    body = body.strip("\n")
    if not body.strip():
        raise LessonError(name, "body", "de les heeft geen tekst onder de front matter")
    return Lesson(id=lesson_id, title=title, order=order, minutes=minutes,
                  summary=summary, body=body + "\n", quiz=quiz)


def _load_file(path: Path) -> Lesson:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise LessonError(path, "bestand", f"geen geldige UTF-8: {exc}") from None
    except OSError as exc:
        raise LessonError(path, "bestand", f"kan niet gelezen worden: {exc.strerror or exc}") from None
    lesson = parse_lesson(text, str(path))
    match = _FILE_RE.match(path.stem)
    if match is None or match.group(2) != lesson.id:
        raise LessonError(path, "id", f"de bestandsnaam moet NN-{lesson.id}.md zijn")
    if int(match.group(1)) != lesson.order:
        raise LessonError(path, "order",
                          f"is {lesson.order}, maar de bestandsnaam begint met {match.group(1)}")
    return lesson


def _read_directory(directory: Path) -> tuple[Lesson, ...]:
    if not directory.is_dir():
        raise LessonError(directory, "map", "bestaat niet of is geen map")
    lessons: list[Lesson] = []
    by_id: dict[str, Path] = {}
    by_order: dict[int, Path] = {}
    for path in sorted(directory.glob("*.md")):
        if path.name.startswith(("_", ".")):
            continue
        lesson = _load_file(path)
        if lesson.id in by_id:
            raise LessonError(path, "id", f"{lesson.id!r} komt ook voor in {by_id[lesson.id].name}")
        if lesson.order in by_order:
            raise LessonError(path, "order", f"{lesson.order} komt ook voor in {by_order[lesson.order].name}")
        by_id[lesson.id] = path
        by_order[lesson.order] = path
        lessons.append(lesson)
    return tuple(sorted(lessons, key=lambda lesson: lesson.order))


@functools.lru_cache(maxsize=1)
def _default_lessons() -> tuple[Lesson, ...]:
    return _read_directory(DEFAULT_DIRECTORY)


@functools.lru_cache(maxsize=1)
def _default_index() -> dict[str, Lesson]:
    return {lesson.id: lesson for lesson in _default_lessons()}


def load_lessons(directory: Path | str | None = None) -> tuple[Lesson, ...]:
    """All lessons in `directory` (default: this package's folder), sorted by order.

    The default folder is read once and cached; another folder is read on every call.
    Raises LessonError naming the file and the field on the first problem found.
    """
    if directory is None:
        return _default_lessons()
    return _read_directory(Path(directory))


def get_lesson(lesson_id: str) -> Lesson | None:
    """The lesson with this id from the default folder, or None."""
    return _default_index().get(lesson_id)


def lesson_title(lesson_id: str) -> str:
    """The title of a lesson, or its id when there is no such lesson."""
    lesson = get_lesson(lesson_id)
    return lesson.title if lesson is not None else lesson_id


# --------------------------------------------------------------------------- marking


def _as_index(value: Any) -> int | None:
    """An int (or a string of digits, as a web form sends it); anything else is None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdecimal():
        return int(value.strip())
    return None


def mark_quiz(lesson: Lesson, answers: Mapping[int, int | None]) -> QuizResult:
    """Mark a lesson's quiz. `answers` maps question index -> chosen option index.

    A missing question, None, or an option index out of range counts as "not chosen" (wrong).
    Keys and values may also be strings of digits, as they come from a form.
    """
    chosen_by_question: dict[int, Any] = {}
    for key, value in answers.items():
        index = _as_index(key)
        if index is not None:
            chosen_by_question[index] = value
    results = []
    for q_index, question in enumerate(lesson.quiz):
        chosen = _as_index(chosen_by_question.get(q_index))
        if chosen is None or not 0 <= chosen < len(question.options):
            results.append(QuestionResult(question, None, False, NOTHING_CHOSEN))
            continue
        option = question.options[chosen]
        results.append(QuestionResult(question, chosen, option.correct, option.explanation))
    score = sum(result.correct for result in results)
    return QuizResult(results=tuple(results), score=score, total=len(results))

