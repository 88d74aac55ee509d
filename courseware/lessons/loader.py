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
    goals:                       # 2-4 lines: "Dit kun je na deze les"
      - Je kunt de vijf fasen noemen.
    terms:                       # "Begrippen": each key term with a one-line meaning
      - term: Fase
        meaning: Een deel van de reis waarin de klant iets wil of doet.
    remember:                    # 1-4 short lines for the "Onthoud" box
      - De eerste en de laatste fase liggen vast.
    figures:                     # at least one; svg: from figures/, journey: from examples/
      - svg: fasen.svg           # an SVG with role="img" and a <title>
        caption: De vijf fasen.
        after: 1                 # optional: after the first ## section (default: after the text)
      - journey: lesuitval       # examples/lesuitval.journey.json, drawn as a journey map
        caption: De reis van Daan.
    quiz:
      - question: "Welke fase vergeten organisaties het vaakst?"
        kind: onthouden          # or toepassen: apply an idea to a new case
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

Figures are kept beside the lessons: ``figures/NAME.svg`` (small hand-drawn SVG, checked for
the site's CSP: no scripts, no style attributes or elements, no event handlers) and
``examples/NAME.journey.json`` (a klantreis/1 journey, drawn with the site's journey map).

goals, terms, remember, figures and a question's kind are optional for the loader (a draft lesson
loads without them) but checked when present; tests/courseware/test_lessons.py requires them of
every lesson on the site.

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

from grader import JourneyError, load_journey_file  # the grader is plain Python too: no Flask

from ..markdown_text import render_markdown

__all__ = [
    "DEFAULT_DIRECTORY",
    "NOTHING_CHOSEN",
    "PASS_FRACTION",
    "Figure",
    "Lesson",
    "LessonError",
    "QuestionResult",
    "QuizOption",
    "QuizQuestion",
    "QuizResult",
    "Term",
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
MIN_GOALS, MAX_GOALS = 2, 4
MAX_REMEMBER = 4
QUESTION_KINDS = ("toepassen", "onthouden")  # apply an idea to a new case / remember it
FIGURES_FOLDER, EXAMPLES_FOLDER = "figures", "examples"

# Pass rule: at least 60% of the questions right, rounded up (3 questions: 2, 4: 3, 5: 3).
PASS_FRACTION = 0.6
NOTHING_CHOSEN = "Je hebt hier niets gekozen."

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FILE_RE = re.compile(r"^(\d+)-(.+)$")
_FIELDS = ("id", "title", "order", "minutes", "summary", "goals", "terms", "remember", "figures", "quiz")
_QUESTION_FIELDS = ("question", "kind", "options")
_TERM_FIELDS = ("term", "meaning")
_FIGURE_FIELDS = ("svg", "journey", "caption", "after")
_NAME_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
# What an embedded SVG may not contain: the CSP forbids inline scripts and inline styles.
_SVG_FORBIDDEN = re.compile(
    r"<\s*(script|style|foreignObject|iframe|image)\b|\sstyle\s*=|\son[a-z]+\s*=|javascript:|href\s*=",
    re.IGNORECASE)
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
    kind: str | None = None  # "toepassen" or "onthouden" (QUESTION_KINDS)

    @property
    def correct_option(self) -> QuizOption:
        return self.options[self.correct_index]

    @property
    def correct_index(self) -> int:
        """Index of the (single) correct option."""
        for index, option in enumerate(self.options):
            if option.correct:
                return index
        raise ValueError(f"vraag zonder goed antwoord: {self.question!r}")


@dataclass(frozen=True)
class Term:
    term: str
    meaning: str


@dataclass(frozen=True)
class Figure:
    """A picture in a lesson: an SVG drawing (`svg`: its checked markup) or an example journey
    (`journey`: a grader Journey, drawn with the journey map), with a caption."""
    name: str
    caption: str
    svg: str | None = None
    journey: Any = None
    after: int | None = None  # after the n-th ## section of the body; None: after the whole text


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    order: int
    minutes: int
    summary: str
    body: str  # Markdown source, without the front matter
    quiz: tuple[QuizQuestion, ...]
    goals: tuple[str, ...] = ()
    terms: tuple[Term, ...] = ()
    remember: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()

    @cached_property
    def html(self) -> str:
        """The body as HTML: raw HTML in the Markdown is escaped, unsafe link schemes dropped."""
        return render_markdown(self.body)

    @cached_property
    def sections(self) -> tuple[tuple[str, tuple[Figure, ...]], ...]:
        """The body's HTML cut before each <h2>, each part with the figures that follow it.
        A figure without `after` (or with a number past the end) follows the last part."""
        parts = [part for part in re.split(r"(?=<h2>)", self.html) if part.strip()] or [""]
        placed: list[list[Figure]] = [[] for _ in parts]
        for figure in self.figures:
            index = len(parts) if figure.after is None else figure.after
            placed[min(max(index, 1), len(parts)) - 1].append(figure)
        return tuple((part, tuple(figures)) for part, figures in zip(parts, placed, strict=True))


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

# render_markdown: courseware/markdown_text.py, shared with the assignment pages.


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
    kind = data.get("kind")
    if kind is not None and kind not in QUESTION_KINDS:
        raise LessonError(name, f"{path}.kind", f"moet {' of '.join(QUESTION_KINDS)} zijn, niet {kind!r}")
    return QuizQuestion(question=question, options=options, kind=kind)


def _text_list(data: Mapping[str, Any], key: str, name: str, low: int, high: int) -> tuple[str, ...]:
    """An optional list of `low` to `high` short texts."""
    raw = data.get(key)
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise LessonError(name, key, "moet een lijst zijn (regels die beginnen met '- ')")
    if not low <= len(raw) <= high:
        raise LessonError(name, key, f"moet {low} tot {high} regels hebben, niet {len(raw)}")
    return tuple(_text({"x": item}, "x", name, f"{key}[{i}]") for i, item in enumerate(raw))


def _terms(data: Mapping[str, Any], name: str) -> tuple[Term, ...]:
    raw = data.get("terms")
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw:
        raise LessonError(name, "terms", "moet een lijst zijn met minstens één begrip (term, meaning)")
    terms = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        entry = _mapping(item, name, f"terms[{i}]", _TERM_FIELDS)
        term = Term(_text(entry, "term", name, f"terms[{i}].term"),
                    _text(entry, "meaning", name, f"terms[{i}].meaning"))
        if term.term.casefold() in seen:
            raise LessonError(name, f"terms[{i}].term", f"staat er twee keer in: {term.term!r}")
        seen.add(term.term.casefold())
        terms.append(term)
    return tuple(terms)


def _svg(path: Path, name: str, where: str) -> str:
    try:
        markup = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise LessonError(name, where, f"kan {path.name} niet lezen: {exc}") from None
    if markup.startswith("<?xml"):
        markup = markup.split("?>", 1)[1].strip()
    if not markup.startswith("<svg") or not markup.endswith("</svg>"):
        raise LessonError(name, where, f"{path.name} moet één <svg>-element zijn")
    forbidden = _SVG_FORBIDDEN.search(markup)
    if forbidden:
        raise LessonError(name, where, f"{path.name} bevat {forbidden.group(0).strip()!r}; dat mag niet (CSP)")
    head = markup.split(">", 1)[0]
    if 'role="img"' not in head or "aria-labelledby=" not in head or "<title" not in markup:
        raise LessonError(name, where, f"{path.name} heeft role=\"img\", aria-labelledby en een <title> nodig")
    return markup


def _figures(data: Mapping[str, Any], name: str, directory: Path) -> tuple[Figure, ...]:
    raw = data.get("figures")
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw:
        raise LessonError(name, "figures", "moet een lijst zijn met minstens één figuur")
    figures = []
    for i, item in enumerate(raw):
        path = f"figures[{i}]"
        entry = _mapping(item, name, path, _FIGURE_FIELDS)
        caption = _text(entry, "caption", name, f"{path}.caption")
        after = entry.get("after")
        if after is not None and (isinstance(after, bool) or not isinstance(after, int) or after < 1):
            raise LessonError(name, f"{path}.after", f"moet een heel getal van 1 of meer zijn, niet {after!r}")
        if ("svg" in entry) == ("journey" in entry):
            raise LessonError(name, path, "geef precies één van svg of journey")
        key = "svg" if "svg" in entry else "journey"
        file_name = _text(entry, key, name, f"{path}.{key}")
        stem = file_name.removesuffix(".svg") if key == "svg" else file_name.removesuffix(".journey.json")
        if not _NAME_RE.match(stem):
            raise LessonError(name, f"{path}.{key}", f"alleen kleine letters, cijfers, - en _, niet {file_name!r}")
        if key == "svg":
            svg = _svg(directory / FIGURES_FOLDER / f"{stem}.svg", name, f"{path}.svg")
            figures.append(Figure(name=stem, caption=caption, svg=svg, after=after))
        else:
            try:
                journey = load_journey_file(directory / EXAMPLES_FOLDER / f"{stem}.journey.json")
            except JourneyError as exc:
                raise LessonError(name, f"{path}.journey", f"{stem}.journey.json: {exc}") from None
            figures.append(Figure(name=stem, caption=caption, journey=journey, after=after))
    return tuple(figures)


def parse_lesson(text: str, name: str = "<les>", directory: Path | None = None) -> Lesson:
    """Parse one lesson file's text. `name` is used in error messages; figures are read from
    `directory` (default: this package's folder)."""
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
    goals = _text_list(data, "goals", name, MIN_GOALS, MAX_GOALS)
    remember = _text_list(data, "remember", name, 1, MAX_REMEMBER)
    terms = _terms(data, name)
    figures = _figures(data, name, directory or DEFAULT_DIRECTORY)

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
                  summary=summary, body=body + "\n", quiz=quiz, goals=goals, terms=terms,
                  remember=remember, figures=figures)


def _load_file(path: Path) -> Lesson:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise LessonError(path, "bestand", f"geen geldige UTF-8: {exc}") from None
    except OSError as exc:
        raise LessonError(path, "bestand", f"kan niet gelezen worden: {exc.strerror or exc}") from None
    lesson = parse_lesson(text, str(path), path.parent)
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

