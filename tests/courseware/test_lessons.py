"""The lessons: the loader (parsing, validation, safe rendering, marking) and the content itself
(the nine lesson ids, quiz quality, length, and B1 readability measured with Flesch-Douma).

Regenerate the table in docs/lessons.md after editing a lesson:

    .venv/bin/python -m tests.courseware.test_lessons > docs/lessons.md
"""
from __future__ import annotations

import ast
import re
import unicodedata
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import courseware.lessons.loader as lessons_module
from courseware.lessons.loader import (
    NOTHING_CHOSEN,
    Lesson,
    LessonError,
    QuizOption,
    QuizQuestion,
    QuizResult,
    get_lesson,
    load_lessons,
    mark_quiz,
)

ROOT = Path(__file__).resolve().parents[2]
DOCS_TABLE = ROOT / "docs" / "lessons.md"
# The source articles the lessons were written from: shared/ stands beside the repository.
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

EXPECTED_IDS = (
    "klantreis-outside-in",
    "doelgroep-en-persona",
    "fasen-van-de-klantreis",
    "bewustwording-en-aftersales",
    "contactmomenten-en-kanalen",
    "momenten-van-de-waarheid",
    "klantbeleving-onderzoeken",
    "serviceconcept",
    "eigen-mini-klantreis",
)
MIN_FLESCH_DOUMA = 60.0
MIN_WORDS, MAX_WORDS = 350, 700


# --------------------------------------------------------------------------- helpers

_BLOCKS = MarkdownIt("commonmark").enable("table")  # html on: only used to find blocks and raw HTML


def plain_text(markdown: str) -> str:
    """The body as plain prose for readability formulas.

    Every block (heading, paragraph, list item, table cell) becomes one line; heading marks,
    bullets, numbers, emphasis and link syntax disappear (the link text stays). A block that
    does not end in . ! or ? gets a full stop, so a heading or a list item counts as its own
    sentence instead of being glued to the next one. A trailing colon becomes that full stop.
    """
    lines = []
    for token in _BLOCKS.parse(markdown):
        if token.type != "inline":
            continue
        parts = []
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
        text = " ".join("".join(parts).split())
        if not text:
            continue
        if text[-1] not in ".!?" and not text.endswith(("?’", ".’", "!’")):
            text = text.rstrip(":;,") + "."
        lines.append(text)
    return "\n".join(lines)


def flesch_douma(text: str) -> float:
    """Flesch-Douma reading ease (Dutch). textstat's `flesch_reading_ease` with language "nl"
    uses Douma's constants: 206.835 - 0.93 * words per sentence - 77 * syllables per word
    (see textstat/backend/utils/constants.py; checked in test_textstat_nl_is_flesch_douma)."""
    import textstat

    textstat.set_lang("nl")  # textstat keeps the language globally: set it on every call
    return float(textstat.flesch_reading_ease(text))


def word_count(markdown: str) -> int:
    return len(plain_text(markdown).split())


def docs_table() -> str:
    """The Markdown for docs/lessons.md, with the scores computed right now."""
    rows = [
        "# Lessen",
        "",
        "De lessen staan in `courseware/lessons/NN-<id>.md`. Leesbaarheid: Flesch-Douma",
        f"(textstat, taal `nl`) op de lestekst als gewoon proza; de test eist minstens {MIN_FLESCH_DOUMA:.0f}",
        "per les (60–70 is ‘normaal’, 70–80 ‘vrij makkelijk’, 80+ ‘makkelijk’).",
        "Vragen: het aantal toetsvragen. Woorden: de lestekst zonder Markdown.",
        "",
        "Opnieuw maken na een wijziging: `.venv/bin/python -m tests.courseware.test_lessons > docs/lessons.md`",
        "",
        "| # | id | titel | minuten | vragen | woorden | Flesch-Douma |",
        "|---|----|-------|--------:|-------:|--------:|-------------:|",
    ]
    for lesson in load_lessons():
        score = flesch_douma(plain_text(lesson.body))
        rows.append(
            f"| {lesson.order} | `{lesson.id}` | {lesson.title} | {lesson.minutes} | {len(lesson.quiz)} "
            f"| {word_count(lesson.body)} | {score:.1f} |"
        )
    return "\n".join(rows) + "\n"


def option_yaml(text: str, correct: bool, explanation: str | None = "Omdat het zo is.") -> str:
    lines = [f'      - text: "{text}"', f"        correct: {'true' if correct else 'false'}"]
    if explanation is not None:
        lines.append(f'        explanation: "{explanation}"')
    return "\n".join(lines)


def question_yaml(number: int) -> str:
    return "\n".join([
        f'  - question: "Vraag {number}?"',
        "    options:",
        option_yaml("Goed", True),
        option_yaml("Fout", False),
        option_yaml("Ook fout", False),
    ])


def lesson_text(lesson_id: str = "proefles", order: int = 1, *, quiz: str | None = None,
                extra: str = "", body: str = "## Kop\n\nJe leest een korte tekst.\n") -> str:
    if quiz is None:
        quiz = "\n".join(question_yaml(n) for n in range(1, 4))
    return (
        "---\n"
        f"id: {lesson_id}\n"
        "title: Een proefles\n"
        f"order: {order}\n"
        "minutes: 5\n"
        "summary: Je leert iets.\n"
        f"{extra}"
        "quiz:\n"
        f"{quiz}\n"
        "---\n"
        f"{body}"
    )


def write(directory: Path, name: str, text: str | bytes) -> Path:
    path = directory / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


GOOD_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" role="img" aria-labelledby="t">'
            '<title id="t">Een vierkant</title><rect class="fig-box" width="10" height="10"/></svg>')


def write_figures(directory: Path) -> None:
    """A figures/ and an examples/ folder with good and bad files for the loader's checks."""
    figures = directory / "figures"
    figures.mkdir()
    write(figures, "goed.svg", GOOD_SVG)
    write(figures, "script.svg", GOOD_SVG.replace("<rect", "<script>alert(1)</script><rect"))
    write(figures, "stijl.svg", GOOD_SVG.replace("<rect", '<rect style="fill:red"'))
    write(figures, "stom.svg", GOOD_SVG.replace('<title id="t">Een vierkant</title>', ""))
    examples = directory / "examples"
    examples.mkdir()
    write(examples, "kapot.journey.json", '{"format": "klantreis/1", "phases": 3}')
    sample = ROOT / "tests" / "samples" / "lesuitval" / "exemplary.journey.json"
    write(examples, "reis.journey.json", sample.read_text(encoding="utf-8"))


def test_goals_terms_remember_figures_and_kinds_are_read(tmp_path):
    write_figures(tmp_path)
    extra = (
        "goals:\n  - Je kunt iets.\n  - Je weet iets.\n"
        "terms:\n  - term: Fase\n    meaning: Een deel van de reis.\n"
        "remember:\n  - Onthoud dit.\n"
        "figures:\n  - svg: goed.svg\n    caption: Een vierkant.\n    after: 1\n"
        "  - journey: reis\n    caption: Een hele reis.\n"
    )
    quiz = THREE_QUESTIONS.replace('  - question: "Vraag 2?"\n', '  - question: "Vraag 2?"\n    kind: toepassen\n')
    write(tmp_path, "01-proefles.md", lesson_text(extra=extra, quiz=quiz,
                                                  body="## Een\n\nTekst.\n\n## Twee\n\nMeer.\n"))
    [lesson] = load_lessons(tmp_path)
    assert lesson.goals == ("Je kunt iets.", "Je weet iets.")
    assert [(t.term, t.meaning) for t in lesson.terms] == [("Fase", "Een deel van de reis.")]
    assert lesson.remember == ("Onthoud dit.",)
    square, journey = lesson.figures
    assert square.svg == GOOD_SVG and square.journey is None and square.after == 1
    assert journey.svg is None and journey.journey.persona.name and journey.after is None
    assert [q.kind for q in lesson.quiz] == [None, "toepassen", None]
    (first, first_figures), (second, second_figures) = lesson.sections
    assert first.startswith("<h2>Een</h2>") and second.startswith("<h2>Twee</h2>")
    assert first_figures == (square,) and second_figures == (journey,)


def make_lesson(answers_per_question: int = 3, questions: int = 3) -> Lesson:
    quiz = tuple(
        QuizQuestion(
            question=f"Vraag {q}?",
            options=tuple(
                QuizOption(text=f"Antwoord {o}", correct=(o == q % answers_per_question),
                           explanation=f"Uitleg {q}.{o}")
                for o in range(answers_per_question)
            ),
        )
        for q in range(questions)
    )
    return Lesson(id="proefles", title="Proef", order=1, minutes=5, summary="Iets.",
                  body="## Kop\n\nTekst.\n", quiz=quiz)


# --------------------------------------------------------------------------- loader: real lessons


def test_all_lessons_load_with_exactly_the_expected_ids():
    lessons = load_lessons()
    assert len(lessons) >= 8
    assert tuple(lesson.id for lesson in lessons) == EXPECTED_IDS
    assert [lesson.order for lesson in lessons] == list(range(1, len(EXPECTED_IDS) + 1))


@pytest.mark.parametrize("lesson", load_lessons(), ids=lambda lesson: lesson.id)
def test_lesson_fields_and_quiz_shape(lesson: Lesson):
    assert lesson.title.strip() and lesson.summary.strip()
    assert lesson.minutes > 0
    assert 3 <= len(lesson.quiz) <= 5
    for question in lesson.quiz:
        assert question.question.strip()
        assert 3 <= len(question.options) <= 4
        assert sum(option.correct for option in question.options) == 1
        assert question.options[question.correct_index].correct
        for option in question.options:
            assert option.text.strip()
            assert option.explanation.strip(), f"{lesson.id}: {question.question}: {option.text}"


def test_default_lessons_are_cached_and_get_lesson_finds_them():
    assert load_lessons() is load_lessons()
    for lesson in load_lessons():
        assert get_lesson(lesson.id) is lesson
    assert get_lesson("bestaat-niet") is None
    assert get_lesson("") is None


def test_the_grader_links_only_to_lessons_that_exist():
    from grader.criteria import REGISTRY

    for criterion in REGISTRY.values():
        assert get_lesson(criterion.lesson) is not None, f"{criterion.id} -> {criterion.lesson}"


def test_loader_module_does_not_import_flask_at_import_time():
    tree = ast.parse(Path(lessons_module.__file__).read_text(encoding="utf-8"))
    for node in tree.body:  # only module-level statements: imports inside functions are lazy
        if isinstance(node, ast.Import):
            assert not any(alias.name.split(".")[0] == "flask" for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert (node.module or "").split(".")[0] != "flask"


def test_loading_another_directory_reads_sorts_and_skips_underscore_files(tmp_path):
    write(tmp_path, "02-tweede.md", lesson_text("tweede", 2))
    write(tmp_path, "01-eerste.md", lesson_text("eerste", 1))
    write(tmp_path, "10-tiende.md", lesson_text("tiende", 10))
    write(tmp_path, "_concept.md", "geen les")
    write(tmp_path, "notities.txt", "geen les")
    lessons = load_lessons(tmp_path)
    assert [lesson.id for lesson in lessons] == ["eerste", "tweede", "tiende"]
    first = lessons[0]
    assert first.title == "Een proefles" and first.minutes == 5 and first.summary == "Je leert iets."
    assert first.body == "## Kop\n\nJe leest een korte tekst.\n"
    assert [q.correct_index for q in first.quiz] == [0, 0, 0]
    assert load_lessons(str(tmp_path)) == lessons  # a str path works too


def test_crlf_line_endings_and_a_byte_order_mark_are_accepted(tmp_path):
    text = "\ufeff" + lesson_text().replace("\n", "\r\n")
    write(tmp_path, "01-proefles.md", text.encode("utf-8"))
    [lesson] = load_lessons(tmp_path)
    assert lesson.id == "proefles"
    assert "\r" not in lesson.body


def test_an_empty_directory_has_no_lessons(tmp_path):
    assert load_lessons(tmp_path) == ()


def test_a_missing_directory_is_a_lesson_error(tmp_path):
    with pytest.raises(LessonError) as info:
        load_lessons(tmp_path / "bestaat-niet")
    assert "bestaat-niet" in str(info.value)
    assert info.value.field == "map"


# --------------------------------------------------------------------------- loader: broken files

THREE_QUESTIONS = "\n".join(question_yaml(n) for n in range(1, 4))

BROKEN = [
    # (case, file name, text, field named in the error)
    ("no front matter", "01-proefles.md", "## Kop\n\nTekst.\n", "front matter"),
    ("front matter never closed", "01-proefles.md", lesson_text().replace("\n---\n", "\n", 1), "front matter"),
    ("invalid yaml", "01-proefles.md", lesson_text(extra="title: [niet: afgesloten\n"), "front matter"),
    ("front matter is a list", "01-proefles.md", "---\n- een\n- twee\n---\nTekst\n", "front matter"),
    ("missing title", "01-proefles.md", lesson_text().replace("title: Een proefles\n", ""), "title"),
    ("empty summary", "01-proefles.md", lesson_text().replace("summary: Je leert iets.", 'summary: "  "'), "summary"),
    ("title not text", "01-proefles.md", lesson_text().replace("title: Een proefles", "title: [a, b]"), "title"),
    ("missing id", "01-proefles.md", lesson_text().replace("id: proefles\n", ""), "id"),
    ("bad id", "01-proefles.md", lesson_text("Proef Les"), "id"),
    ("order not a number", "01-proefles.md", lesson_text().replace("order: 1", "order: een"), "order"),
    ("order is a boolean", "01-proefles.md", lesson_text().replace("order: 1", "order: true"), "order"),
    ("minutes zero", "01-proefles.md", lesson_text().replace("minutes: 5", "minutes: 0"), "minutes"),
    ("minutes missing", "01-proefles.md", lesson_text().replace("minutes: 5\n", ""), "minutes"),
    ("unknown field", "01-proefles.md", lesson_text(extra="sumary: typfout\n"), "sumary"),
    ("quiz missing", "01-proefles.md", lesson_text(quiz="").replace("quiz:\n", ""), "quiz"),
    ("two questions", "01-proefles.md", lesson_text(quiz="\n".join(question_yaml(n) for n in (1, 2))), "quiz"),
    ("six questions", "01-proefles.md", lesson_text(quiz="\n".join(question_yaml(n) for n in range(6))), "quiz"),
    ("question text missing", "01-proefles.md",
     lesson_text(quiz=THREE_QUESTIONS.replace('  - question: "Vraag 2?"\n', "  -\n")), "quiz[1].question"),
    ("two options", "01-proefles.md", lesson_text(quiz=THREE_QUESTIONS.replace(
        option_yaml("Ook fout", False) + "\n", "", 1)), "quiz[0].options"),
    ("five options", "01-proefles.md", lesson_text(quiz=THREE_QUESTIONS.replace(
        option_yaml("Ook fout", False), "\n".join(option_yaml(f"Fout {n}", False) for n in range(4)), 1)),
     "quiz[0].options"),
    ("two correct options", "01-proefles.md", lesson_text(quiz=THREE_QUESTIONS.replace(
        option_yaml("Fout", False), option_yaml("Fout", True), 1)), "quiz[0].options"),
    ("no correct option", "01-proefles.md", lesson_text(quiz=THREE_QUESTIONS.replace(
        option_yaml("Goed", True), option_yaml("Goed", False), 1)), "quiz[0].options"),
    ("same option twice", "01-proefles.md", lesson_text(quiz=THREE_QUESTIONS.replace(
        option_yaml("Ook fout", False), option_yaml("Fout", False), 1)), "quiz[0].options[2].text"),
    ("explanation missing", "01-proefles.md", lesson_text(quiz=THREE_QUESTIONS.replace(
        '  - question: "Vraag 3?"\n    options:\n' + option_yaml("Goed", True) + "\n"
        + option_yaml("Fout", False) + "\n" + option_yaml("Ook fout", False),
        '  - question: "Vraag 3?"\n    options:\n' + option_yaml("Goed", True) + "\n"
        + option_yaml("Fout", False) + "\n" + option_yaml("Ook fout", False, None))),
     "quiz[2].options[2].explanation"),
    ("explanation empty", "01-proefles.md", lesson_text(quiz=THREE_QUESTIONS.replace(
        option_yaml("Fout", False), option_yaml("Fout", False, ""), 1)), "quiz[0].options[1].explanation"),
    ("correct not a boolean", "01-proefles.md", lesson_text(quiz=THREE_QUESTIONS.replace(
        "correct: true", 'correct: "ja"', 1)), "quiz[0].options[0].correct"),
    ("unknown option field", "01-proefles.md", lesson_text(quiz=THREE_QUESTIONS.replace(
        "explanation:", "explenation:", 1)), "quiz[0].options[0].explenation"),
    ("empty body", "01-proefles.md", lesson_text(body="\n\n"), "body"),
    ("file name does not match the id", "01-andere-naam.md", lesson_text(), "id"),
    ("file number does not match the order", "03-proefles.md", lesson_text(), "order"),
    ("one goal", "01-proefles.md", lesson_text(extra="goals:\n  - Je leert iets.\n"), "goals"),
    ("goals not a list", "01-proefles.md", lesson_text(extra="goals: Je leert iets.\n"), "goals"),
    ("empty goal", "01-proefles.md", lesson_text(extra='goals:\n  - Je leert iets.\n  - ""\n'), "goals[1]"),
    ("five remember lines", "01-proefles.md",
     lesson_text(extra="remember:\n" + "".join(f"  - Regel {n}.\n" for n in range(5))), "remember"),
    ("term without meaning", "01-proefles.md", lesson_text(extra="terms:\n  - term: Fase\n"), "terms[0].meaning"),
    ("term twice", "01-proefles.md", lesson_text(
        extra="terms:\n  - term: Fase\n    meaning: Een deel.\n  - term: fase\n    meaning: Nog eens.\n"),
     "terms[1].term"),
    ("figure file missing", "01-proefles.md",
     lesson_text(extra="figures:\n  - svg: bestaat-niet.svg\n    caption: Een plaatje.\n"), "figures[0].svg"),
    ("figure without caption", "01-proefles.md", lesson_text(extra="figures:\n  - svg: goed.svg\n"),
     "figures[0].caption"),
    ("figure with svg and journey", "01-proefles.md", lesson_text(
        extra="figures:\n  - svg: goed.svg\n    journey: reis\n    caption: Twee.\n"), "figures[0]"),
    ("figure name with a path", "01-proefles.md", lesson_text(
        extra="figures:\n  - svg: ../geheim.svg\n    caption: Weg.\n"), "figures[0].svg"),
    ("svg with a script", "01-proefles.md", lesson_text(
        extra="figures:\n  - svg: script.svg\n    caption: Eng.\n"), "figures[0].svg"),
    ("svg with a style attribute", "01-proefles.md", lesson_text(
        extra="figures:\n  - svg: stijl.svg\n    caption: Stijl.\n"), "figures[0].svg"),
    ("svg without a title", "01-proefles.md", lesson_text(
        extra="figures:\n  - svg: stom.svg\n    caption: Stom.\n"), "figures[0].svg"),
    ("broken example journey", "01-proefles.md", lesson_text(
        extra="figures:\n  - journey: kapot\n    caption: Kapot.\n"), "figures[0].journey"),
    ("figure after zero", "01-proefles.md", lesson_text(
        extra="figures:\n  - svg: goed.svg\n    caption: Goed.\n    after: 0\n"), "figures[0].after"),
    ("unknown question kind", "01-proefles.md",
     lesson_text(quiz=THREE_QUESTIONS.replace('  - question: "Vraag 1?"\n',
                                              '  - question: "Vraag 1?"\n    kind: raden\n')),
     "quiz[0].kind"),
    ("not utf-8", "01-proefles.md", lesson_text().replace("korte", "k\xf6rte").encode("latin-1"), "bestand"),
]


@pytest.mark.parametrize("case, name, text, field", BROKEN, ids=[case[0] for case in BROKEN])
def test_a_broken_file_gives_an_error_naming_the_file_and_the_field(tmp_path, case, name, text, field):
    write_figures(tmp_path)
    write(tmp_path, "02-goed.md", lesson_text("goed", 2))
    write(tmp_path, name, text)
    with pytest.raises(LessonError) as info:
        load_lessons(tmp_path)
    error = info.value
    assert isinstance(error, ValueError)
    assert error.field == field
    assert Path(error.file).name == name
    assert name in str(error) and field in str(error)


def test_duplicate_ids_name_both_files(tmp_path):
    write(tmp_path, "01-zelfde.md", lesson_text("zelfde", 1))
    write(tmp_path, "02-zelfde.md", lesson_text("zelfde", 2))
    with pytest.raises(LessonError) as info:
        load_lessons(tmp_path)
    assert info.value.field == "id"
    assert "01-zelfde.md" in str(info.value) and "02-zelfde.md" in str(info.value)


def test_duplicate_orders_name_both_files(tmp_path):
    write(tmp_path, "01-een.md", lesson_text("een", 1))
    write(tmp_path, "1-twee.md", lesson_text("twee", 1))
    with pytest.raises(LessonError) as info:
        load_lessons(tmp_path)
    assert info.value.field == "order"
    assert "01-een.md" in str(info.value) and "1-twee.md" in str(info.value)


# --------------------------------------------------------------------------- rendering


def lesson_with_body(body: str) -> Lesson:
    return Lesson(id="x", title="X", order=1, minutes=1, summary="X", body=body, quiz=())


def test_raw_html_and_scripts_are_escaped():
    html = lesson_with_body(
        "## Kop\n\n<script>alert('hoi')</script>\n\n"
        "Tekst met <b onclick=\"alert(1)\">vet</b> en <img src=x onerror=alert(1)>.\n\n"
        "<iframe src=\"https://example.org\"></iframe>\n"
    ).html
    assert "<script" not in html and "<b " not in html and "<img" not in html and "<iframe" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b onclick=" in html


@pytest.mark.parametrize("markdown", [
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik]( javascript:alert(1) )",
    "<javascript:alert(1)>",
    "[klik](vbscript:msgbox(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[klik][ref]\n\n[ref]: javascript:alert(1)",
    "![plaatje](javascript:alert(1))",
])
def test_unsafe_link_schemes_get_no_link(markdown):
    html = lesson_with_body(markdown + "\n").html
    urls = re.findall(r'(?:href|src)="([^"]*)"', html)
    assert not [url for url in urls if url.strip().lower().startswith(("javascript:", "vbscript:", "data:"))]
    assert "<a " not in html  # the text stays, as plain text


def test_ordinary_markdown_renders():
    html = lesson_with_body(
        "## Kop\n\nTekst met **vet** en een [link](https://www.example.org/pad?a=1&b=2).\n\n"
        "- een\n- twee\n\n| fase | cijfer |\n|------|-------:|\n| Bewustwording | 6 |\n"
    ).html
    assert "<h2>Kop</h2>" in html
    assert "<strong>vet</strong>" in html
    assert '<a href="https://www.example.org/pad?a=1&amp;b=2">link</a>' in html
    assert "<ul>" in html and "<li>een</li>" in html
    assert "<table>" in html and "<td>Bewustwording</td>" in html


def test_html_is_cached_per_lesson():
    lesson = load_lessons()[0]
    assert lesson.html is lesson.html
    assert lesson.html.startswith("<h2>")


# --------------------------------------------------------------------------- marking


def test_all_answers_right():
    lesson = make_lesson()
    answers = {i: q.correct_index for i, q in enumerate(lesson.quiz)}
    result = mark_quiz(lesson, answers)
    assert (result.score, result.total, result.passed) == (3, 3, True)
    for question_result, question in zip(result.results, lesson.quiz, strict=False):
        assert question_result.question is question
        assert question_result.correct
        assert question_result.chosen == question.correct_index
        assert question_result.explanation == question.options[question.correct_index].explanation


def test_a_wrong_answer_gets_the_explanation_of_the_chosen_option():
    lesson = make_lesson()
    wrong = (lesson.quiz[0].correct_index + 1) % 3
    result = mark_quiz(lesson, {0: wrong})
    first = result.results[0]
    assert first.chosen == wrong and not first.correct
    assert first.explanation == lesson.quiz[0].options[wrong].explanation


def test_nothing_answered():
    result = mark_quiz(make_lesson(), {})
    assert (result.score, result.total, result.passed) == (0, 3, False)
    assert all(r.chosen is None and not r.correct and r.explanation == NOTHING_CHOSEN for r in result.results)
    assert NOTHING_CHOSEN == "Je hebt hier niets gekozen."


@pytest.mark.parametrize("chosen", [None, -1, 3, 99, True, False, "x", "", 1.0, "-1"])
def test_missing_out_of_range_or_odd_answers_count_as_not_chosen(chosen):
    result = mark_quiz(make_lesson(), {0: chosen})
    assert result.results[0].chosen is None
    assert not result.results[0].correct
    assert result.results[0].explanation == NOTHING_CHOSEN


def test_answers_as_strings_from_a_form_are_understood():
    lesson = make_lesson()
    answers = {str(i): str(q.correct_index) for i, q in enumerate(lesson.quiz)}
    assert mark_quiz(lesson, answers).score == 3


def test_answers_for_questions_that_do_not_exist_are_ignored():
    lesson = make_lesson()
    result = mark_quiz(lesson, {7: 0, -1: 0, "zeven": 1})
    assert result.total == 3 and result.score == 0


@pytest.mark.parametrize("total, required", [(3, 2), (4, 3), (5, 3)])
def test_pass_rule_is_sixty_percent_rounded_up(total, required):
    lesson = make_lesson(questions=total)
    right = {i: q.correct_index for i, q in enumerate(lesson.quiz)}
    for score in range(total + 1):
        answers = {i: right[i] for i in range(score)}
        result = mark_quiz(lesson, answers)
        assert result.score == score
        assert result.required == required
        assert result.passed == (score >= required)


def test_an_empty_quiz_never_passes():
    assert not QuizResult(results=(), score=0, total=0).passed


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.integers(-2, 6), st.one_of(st.none(), st.integers(-2, 5)), max_size=8))
def test_marking_property(answers):
    lesson = make_lesson(answers_per_question=4, questions=5)
    result = mark_quiz(lesson, answers)
    assert result.total == 5 and len(result.results) == 5
    expected = sum(1 for i, q in enumerate(lesson.quiz) if answers.get(i) == q.correct_index)
    assert result.score == expected
    for i, r in enumerate(result.results):
        value = answers.get(i)
        if value is None or not 0 <= value < 4:
            assert r.chosen is None and r.explanation == NOTHING_CHOSEN
        else:
            assert r.chosen == value and r.explanation == lesson.quiz[i].options[value].explanation


# --------------------------------------------------------------------------- content


@pytest.mark.parametrize("lesson", load_lessons(), ids=lambda lesson: lesson.id)
def test_flesch_douma_is_at_least_60(lesson: Lesson):
    score = flesch_douma(plain_text(lesson.body))
    assert score >= MIN_FLESCH_DOUMA, f"{lesson.id}: Flesch-Douma {score:.1f}: kortere zinnen, kortere woorden"


@pytest.mark.parametrize("lesson", load_lessons(), ids=lambda lesson: lesson.id)
def test_the_quiz_is_written_simply_too(lesson: Lesson):
    text = "\n".join(
        line
        for q in lesson.quiz
        for line in (q.question, *(o.text for o in q.options), *(o.explanation for o in q.options))
    )
    assert flesch_douma(plain_text(text)) >= MIN_FLESCH_DOUMA


def test_textstat_nl_is_flesch_douma():
    import textstat

    text = "Sanne zoekt het lokaal. Ze is een beetje zenuwachtig. Bij de balie krijgt ze hulp van een medewerker."
    textstat.set_lang("nl")
    words = textstat.lexicon_count(text)
    sentences = textstat.sentence_count(text)
    syllables = textstat.syllable_count(text)
    expected = 206.835 - 0.93 * (words / sentences) - 77 * (syllables / words)
    assert flesch_douma(text) == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize("lesson", load_lessons(), ids=lambda lesson: lesson.id)
def test_length_structure_and_voice(lesson: Lesson):
    words = word_count(lesson.body)
    assert MIN_WORDS <= words <= MAX_WORDS, f"{lesson.id}: {words} woorden"
    headings = re.findall(r"^(#+) ", lesson.body, flags=re.MULTILINE)
    assert len(headings) >= 3
    assert all(mark in ("##", "###") for mark in headings), "de titel is de enige h1; gebruik ## en ###"
    # Second person: the lessons talk to the student.
    you = re.findall(r"\b(je|jij|jou|jouw)\b", lesson.body, flags=re.IGNORECASE)
    assert len(you) >= 10
    # Reading plus quiz time: not wildly off the text length.
    assert words / 150 + 1 <= lesson.minutes <= words / 60 + len(lesson.quiz) + 2


@pytest.mark.parametrize("lesson", load_lessons(), ids=lambda lesson: lesson.id)
def test_no_html_in_the_markdown(lesson: Lesson):
    def tokens(items):
        for token in items:
            yield token
            yield from tokens(token.children or [])

    found = [t.content for t in tokens(_BLOCKS.parse(lesson.body)) if t.type in ("html_block", "html_inline")]
    assert not found
    assert "&lt;" not in lesson.html


def test_explanations_leave_the_verdict_to_the_page():
    """The page says ‘Goed!’ or ‘Niet goed.’ itself, and shows the right option's explanation after
    a wrong answer: so no explanation starts with a verdict of its own (no ‘Goed! Goed zo.’)."""
    verdicts = ("Klopt", "Goed", "Juist", "Precies", "Nee", "Niet goed", "Fout", "Helaas")
    for lesson in load_lessons():
        for question in lesson.quiz:
            for option in question.options:
                assert not option.explanation.startswith(verdicts), f"{lesson.id}: {option.text}"


@pytest.mark.parametrize("lesson", load_lessons(), ids=lambda lesson: lesson.id)
def test_every_lesson_has_goals_terms_a_remember_box_and_a_figure(lesson: Lesson):
    assert 2 <= len(lesson.goals) <= 4
    assert all(goal.startswith("Je ") for goal in lesson.goals), "doelen beginnen met ‘Je …’"
    assert lesson.terms and all(term.meaning for term in lesson.terms)
    assert 1 <= len(lesson.remember) <= 4
    assert lesson.figures and all(figure.caption for figure in lesson.figures)
    names = [figure.name for figure in lesson.figures]
    assert len(names) == len(set(names)), "een figuur twee keer op één pagina geeft dubbele id's"
    for figure in lesson.figures:
        if figure.svg is not None:
            assert 'role="img"' in figure.svg and "<title" in figure.svg


def test_every_question_has_a_kind_and_at_least_half_apply_an_idea():
    questions = [q for lesson in load_lessons() for q in lesson.quiz]
    assert all(q.kind in ("toepassen", "onthouden") for q in questions)
    applying = sum(q.kind == "toepassen" for q in questions)
    assert applying >= len(questions) / 2, f"{applying} van {len(questions)} vragen zijn toepassen"
    for lesson in load_lessons():
        assert any(q.kind == "toepassen" for q in lesson.quiz), lesson.id


# Words students must not meet in the lessons: the tool's name and English jargon the lessons
# replaced with Dutch (beoordelingsmodel, pijnpunten, pluspunten).
STUDENT_UNFRIENDLY = re.compile(r"\b(grader|rubrics?|pains?|gains?)\b", re.IGNORECASE)


@pytest.mark.parametrize("path", sorted(Path(lessons_module.DEFAULT_DIRECTORY).glob("*.md")), ids=lambda p: p.name)
def test_no_tool_names_or_english_jargon_in_the_lessons(path: Path):
    found = STUDENT_UNFRIENDLY.findall(path.read_text(encoding="utf-8"))
    assert not found, f"{path.name}: {found}"


def test_the_settled_facts_are_taught_the_same_way_everywhere():
    """The decisions of the lesson review (issue #12), so a later edit cannot bring a contradiction back."""
    by_id = {lesson.id: lesson for lesson in load_lessons()}
    awareness = by_id["bewustwording-en-aftersales"].body
    assert "lijstje" in awareness and "overweging" in awareness  # the shortlist is consideration
    assert "invloed" in awareness and "beroepspraktijkvorming" in awareness
    assert "contactmoment" in by_id["doelgroep-en-persona"].body  # defined in lesson 2 already
    phases = by_id["fasen-van-de-klantreis"]
    assert "oriëntatie" in phases.body.lower() and "Bewustwording" in phases.body
    assert "gewenste klantreis" in by_id["momenten-van-de-waarheid"].body
    assert "nooit af" in by_id["eigen-mini-klantreis"].body
    assert "minstens vier" in by_id["eigen-mini-klantreis"].body


def test_the_worked_example_reaches_level_3_on_the_core_criteria():
    from grader import grade, load_journey_file
    from grader.rubric import CORE_CRITERIA

    path = Path(lessons_module.DEFAULT_DIRECTORY) / "examples" / "stageplaats-mo.journey.json"
    journey = load_journey_file(path)
    report = grade(journey)
    levels = {c.id: c.level for c in report.criteria}
    assert {cid: levels[cid] for cid in CORE_CRITERIA} == dict.fromkeys(CORE_CRITERIA, 3)
    assert len(journey.phases) == 5
    assert all(tp.channel and tp.emotion is not None for phase in journey.phases for tp in phase.touchpoints)
    assert any(figure.name == "stageplaats-mo" for figure in get_lesson("eigen-mini-klantreis").figures)
    # The phase names alone are enough (a student's builder does not set the stage): same levels.
    without_stages = replace(journey, phases=tuple(replace(phase, stage=None) for phase in journey.phases))
    levels = {c.id: c.level for c in grade(without_stages).criteria}
    assert {cid: levels[cid] for cid in CORE_CRITERIA} == dict.fromkeys(CORE_CRITERIA, 3)


def test_the_right_answer_is_not_given_away_by_its_place_or_its_length():
    questions = [q for lesson in load_lessons() for q in lesson.quiz]
    places = Counter(q.correct_index for q in questions)
    assert {0, 1, 2} <= set(places)
    assert max(places.values()) <= 0.5 * len(questions)
    longest = sum(
        1 for q in questions
        if len(q.options[q.correct_index].text) == max(len(o.text) for o in q.options)
    )
    assert longest <= 0.5 * len(questions)


def _shingles(text: str, size: int = 8) -> set[tuple[str, ...]]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = re.findall(r"[a-z0-9]+", folded)
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source articles are not on this machine")
def test_lessons_are_written_in_our_own_words():
    """No run of eight words from the source articles appears in a lesson."""
    seed_shingles: set[tuple[str, ...]] = set()
    for path in SEEDS.glob("*.txt"):
        seed_shingles |= _shingles(path.read_text(encoding="utf-8", errors="replace"))
    for path in sorted(Path(lessons_module.DEFAULT_DIRECTORY).glob("*.md")):
        copied = _shingles(path.read_text(encoding="utf-8")) & seed_shingles
        assert not copied, f"{path.name}: {' '.join(next(iter(copied)))}"


def test_docs_table_is_up_to_date():
    assert DOCS_TABLE.read_text(encoding="utf-8") == docs_table(), (
        "docs/lessons.md is out of date: run "
        "`.venv/bin/python -m tests.courseware.test_lessons > docs/lessons.md`"
    )


if __name__ == "__main__":
    print(docs_table(), end="")
