"""The grade words under a report come from grader.grade_words: a 10,0 is "zeer goed", not
"voldoende" (issue 12)."""
from __future__ import annotations

import json
from pathlib import Path

from assignments import get_assignment
from courseware.builder.handin import grade_data
from courseware.builder.journey_data import draft_data
from courseware.extensions import db
from courseware.grade_display import AT_ONCE
from courseware.models import ClassAssignment, Draft
from grader import grade_words

from .journeys import FULL_JOURNEY, A, plain, save_draft

# FULL_JOURNEY's first phase is called 'Oriëntatie', a word with two meanings that its touchpoints
# ('zoekt') read as comparing options; as a student does after that feedback, its kind is chosen.
CHOSEN = {**FULL_JOURNEY, "phases": [{**FULL_JOURNEY["phases"][0], "stage": "awareness"}, *FULL_JOURNEY["phases"][1:]]}
SAMPLE = Path(__file__).resolve().parents[1] / "samples" / A / "exemplary.journey.json"
EXEMPLARY = json.loads(SAMPLE.read_text("utf-8"))


def student_who_sees_the_grade(make):
    """A student whose class sees the (provisional) grade at once, as for a practice assignment."""
    student = make.student()
    ClassAssignment.get_or_create(student.class_id, A).grade_display = AT_ONCE
    db.session.commit()
    return student


def test_the_feedback_page_names_the_grade_with_the_dutch_scale(client, make, login):
    student = student_who_sees_the_grade(make)
    login(student)
    seen = set()
    for value in (CHOSEN, EXEMPLARY):
        save_draft(student, value)
        report = grade_data(draft_data(Draft.find(student.id, A), get_assignment(A)), get_assignment(A), student)
        page = plain(client.get(f"/opdrachten/{A}/feedback"))
        words = grade_words(report.grade)
        seen.add(words)
        if report.passed:
            assert f"Dat is {words}." in page
        else:
            assert "Dat is nog onvoldoende: je hebt een 5,5 of hoger nodig." in page
        if words != "voldoende":
            assert "Dat is voldoende." not in page
    assert len(seen) == 2 and "onvoldoende" not in seen, seen  # two passing grades, two different words


def test_a_criterion_at_its_top_level_is_labelled_nog_sterker_not_tip(client, make, login):
    student = make.student()  # the default: no grade before the teacher's review, the tips all the same
    login(student)
    save_draft(student, EXEMPLARY)
    report = grade_data(draft_data(Draft.find(student.id, A), get_assignment(A)), get_assignment(A), student)
    stronger = [c.tip for c in report.criteria if c.tip.startswith("Nog sterker: ")]
    assert stronger, "the exemplary journey should have a criterion at its top level with a suggestion"
    page = plain(client.get(f"/opdrachten/{A}/feedback"))
    for tip in stronger:
        assert f"Nog sterker: {tip.removeprefix('Nog sterker: ')}" in page
        assert f"Tip: {tip}" not in page
