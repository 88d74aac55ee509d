"""The report: grade = 1 + 9 × points / maximum, one decimal rounded half up, 5.5 and up passes;
points per criterion = level × weight, maximum = 3 × weight; teacher overrides; JSON round trip.
"""
from __future__ import annotations

import json

import pytest

from grader.journey import parse_journey
from grader.report import PASS_GRADE, CriterionResult, Report, grade, grade_from_points
from grader.rubric import CORE_CRITERIA, Rubric

from .builders import journey, phase, tp

# A journey written as a student would, without explicit stages: level 3 on every core criterion.
GOOD = {
    "format": "klantreis/1",
    "assignment": "aanmelden-en-intake",
    "title": "Sanne meldt zich aan",
    "trigger": "Sanne ziet een poster over de open dag in de bibliotheek",
    "persona": {
        "name": "Sanne de Vries", "age": 16,
        "goals": ["een opleiding in de zorg vinden"],
        "frustrations": ["lang wachten op antwoord"],
    },
    "phases": [
        {"name": "Oriëntatie", "touchpoints": [
            {"name": "Poster", "channel": "poster", "description": "Sanne ziet een poster in de bibliotheek",
             "emotion": 6},
            {"name": "Website", "channel": "website", "description": "Sanne zoekt een opleiding in de zorg",
             "emotion": 7},
        ]},
        {"name": "Vergelijken", "touchpoints": [
            {"name": "Open dag", "channel": "gesprek", "description": "Sanne praat met een docent over de zorg",
             "emotion": 9, "moment_of_truth": True,
             "moment_of_truth_reason": "Hier merkt Sanne of de school echt bij haar past"},
        ]},
        {"name": "Aanmelden", "touchpoints": [
            {"name": "Formulier", "channel": "website", "description": "Sanne vult het aanmeldformulier in",
             "emotion": 5, "pain": "Sanne moet lang wachten op antwoord"},
        ]},
        {"name": "Nazorg", "touchpoints": [
            {"name": "Welkomstmail", "channel": "e-mail",
             "description": "Sanne krijgt een welkomstmail met haar rooster", "emotion": 8},
            {"name": "Belletje", "channel": "telefoon", "description": "De mentor belt Sanne voor de eerste les",
             "emotion": 8},
        ]},
    ],
}


def report_with(levels_weights: list[tuple[int, float]]) -> Report:
    return Report(tuple(
        CriterionResult(id=f"c{i}", title=f"C{i}", level=lvl, max_level=3, points=lvl * w, max_points=3 * w,
                        feedback="f", tip="t", lesson="l", weight=w)
        for i, (lvl, w) in enumerate(levels_weights)
    ))


# --- the grade ----------------------------------------------------------------------------

@pytest.mark.parametrize("points, max_points, expected", [
    pytest.param(0, 18, 1.0, id="no points is a 1"),
    pytest.param(18, 18, 10.0, id="all points is a 10"),
    pytest.param(9, 18, 5.5, id="half the points is 5.5"),
    pytest.param(10, 18, 6.0, id="ten of eighteen is 6.0"),
    pytest.param(1.5, 18, 1.8, id="1.75 rounds half up to 1.8"),
    pytest.param(2.5, 18, 2.3, id="2.25 rounds half up to 2.3, not half even to 2.2"),
    pytest.param(8.9, 18, 5.5, id="5.45 rounds half up to 5.5"),
    pytest.param(1, 3, 4.0, id="one of three is 4.0"),
    pytest.param(2, 3, 7.0, id="two of three is 7.0"),
    pytest.param(1, 7, 2.3, id="one of seven is 2.29 rounded to 2.3"),
    pytest.param(0, 0, 1.0, id="no maximum at all is a 1"),
])
def test_grade_is_one_plus_nine_times_the_share_of_points_rounded_half_up(points, max_points, expected):
    assert grade_from_points(points, max_points) == expected


@pytest.mark.parametrize("levels, expected", [
    pytest.param((3, 3, 3, 3, 3, 3), 10.0, id="all goed is a 10"),
    pytest.param((2, 2, 2, 2, 2, 2), 7.0, id="all voldoende is a 7"),
    pytest.param((1, 1, 1, 1, 1, 1), 4.0, id="all onvoldoende is a 4"),
    pytest.param((0, 0, 0, 0, 0, 0), 1.0, id="all ontbreekt is a 1"),
    pytest.param((2, 2, 2, 1, 1, 1), 5.5, id="nine of eighteen points is 5.5"),
    pytest.param((2, 2, 1, 1, 1, 1), 5.0, id="eight of eighteen points is 5.0"),
    pytest.param((3, 0, 0, 0, 0, 0), 2.5, id="three of eighteen points is 2.5"),
])
def test_grade_of_six_criteria_with_weight_one(levels, expected):
    report = report_with([(lvl, 1.0) for lvl in levels])
    assert report.max_points == 18
    assert report.points == sum(levels)
    assert report.grade == expected


@pytest.mark.parametrize("levels_weights, expected", [
    pytest.param([(3, 2), (0, 1)], 7.0, id="weight two counts double: 6 of 9 points is 7.0"),
    pytest.param([(0, 2), (3, 1)], 4.0, id="weight two counts double: 3 of 9 points is 4.0"),
    pytest.param([(1, 0.1), (0, 0.1), (0, 0.2)], 1.8, id="weights of tenths: 1.75 still rounds up to 1.8"),
    pytest.param([(1, 0.1), (1, 0.1), (0, 0.2)], 2.5, id="weights of tenths: exactly 2.5"),
    pytest.param([(3, 0.1), (0, 0.1), (2, 0.2)], 6.3, id="weights of tenths: 6.25 rounds up to 6.3"),
    pytest.param([(1, 1.1), (0, 1.1), (0, 2.2)], 1.8, id="weights 1.1 and 2.2: 1.75 still rounds up to 1.8"),
])
def test_grade_uses_level_times_weight_and_exact_half_up_rounding(levels_weights, expected):
    report = report_with(levels_weights)
    assert report.max_points == pytest.approx(sum(3 * w for _, w in levels_weights))
    assert report.grade == expected


@pytest.mark.parametrize("levels, passed", [
    pytest.param((2, 2, 2, 1, 1, 1), True, id="5.5 is voldoende"),
    pytest.param((2, 2, 2, 2, 1, 1), True, id="6.0 is voldoende"),
    pytest.param((2, 2, 1, 1, 1, 1), False, id="5.0 is onvoldoende"),
])
def test_passed_from_five_and_a_half(levels, passed):
    assert report_with([(lvl, 1.0) for lvl in levels]).passed is passed


@pytest.mark.parametrize("goed_weight, none_weight, grade_, passed", [
    pytest.param(8.9, 9.1, 5.5, True, id="5.45 rounds half up to 5.5 and passes"),
    pytest.param(8.88, 9.12, 5.4, False, id="5.44 rounds down to 5.4 and fails"),
])
def test_passed_is_decided_on_the_rounded_grade(goed_weight, none_weight, grade_, passed):
    assert PASS_GRADE == 5.5
    report = report_with([(3, goed_weight), (0, none_weight)])
    assert report.grade == grade_ and report.passed is passed


# --- grading a journey --------------------------------------------------------------------

def test_good_journey_scores_goed_on_every_core_criterion():
    report = grade(parse_journey(GOOD))
    assert [c.id for c in report.criteria] == list(CORE_CRITERIA)
    assert {c.id: c.level for c in report.criteria} == dict.fromkeys(CORE_CRITERIA, 3)
    assert report.grade == 10.0 and report.passed
    assert [p.stage for p in report.phases] == ["awareness", "consideration", "purchase", "after_sales"]
    assert report.assignment == "aanmelden-en-intake"


def test_every_result_has_a_title_feedback_tip_and_lesson():
    """Below the top level there is always a tip; at the top level a concrete "Nog sterker" or none."""
    for data in (GOOD, {"phases": []}, {"phases": [{"name": "X", "touchpoints": [{"name": "a"}]}]}):
        ids = (*CORE_CRITERIA, "emotion_curve", "service_concept", "channel_mix", "improvement", "research")
        rubric = Rubric.from_config({"criteria": {cid: {} for cid in ids}})
        for result in grade(parse_journey(data), rubric).criteria:
            assert result.title and result.feedback.strip() and result.lesson, result.id
            if result.level < 3:
                assert result.tip.strip(), result.id
            else:
                assert result.tip == "" or result.tip.startswith("Nog sterker: "), result.id
            assert not result.tip.startswith("Kijk of"), result.id
            assert result.max_level == 3


def test_points_are_level_times_weight_and_maximum_three_times_weight():
    rubric = Rubric.from_config({"criteria": {"phases": {"weight": 2}, "persona": {"weight": 0.5}, "touchpoints": {}}})
    report = grade(parse_journey(GOOD), rubric)
    assert [c.id for c in report.criteria] == ["phases", "persona", "touchpoints"]
    phases, persona, touchpoints = report.criteria
    assert (phases.points, phases.max_points, phases.weight) == (6, 6, 2)
    assert (persona.points, persona.max_points, persona.weight) == (1.5, 1.5, 0.5)
    assert (touchpoints.points, touchpoints.max_points) == (3, 3)
    assert report.max_points == 10.5 and report.grade == 10.0


def test_weights_change_the_grade():
    j = journey(phase("awareness", tp()), phase("after_sales", tp()))  # weak journey: mixed levels
    even = grade(j)
    heavy = grade(j, Rubric.from_config({"criteria": {"after_sales": {"weight": 5}, "persona": {}}}))
    assert heavy.criterion("after_sales").level == 2 and heavy.criterion("persona").level == 0
    assert heavy.points == 10 and heavy.max_points == 18
    assert heavy.grade == 6.0
    assert even.grade != heavy.grade


def test_criterion_lookup_returns_none_for_a_criterion_not_in_the_rubric():
    report = grade(parse_journey(GOOD), Rubric.from_config({"criteria": {"phases": {}}}))
    assert report.criterion("phases") is not None
    assert report.criterion("persona") is None


# --- teacher overrides --------------------------------------------------------------------

def test_with_levels_sets_level_and_points_and_recomputes_the_grade():
    rubric = Rubric.from_config({"criteria": {"phases": {"weight": 2}, "persona": {}}})
    report = grade(parse_journey(GOOD), rubric, file="sanne.journey.json")
    changed = report.with_levels({"phases": 1})
    assert changed.criterion("phases").level == 1 and changed.criterion("phases").points == 2
    assert changed.criterion("persona") == report.criterion("persona")
    assert changed.points == 5 and changed.max_points == 9 and changed.grade == 6.0
    assert (changed.file, changed.assignment, changed.rubric_version, changed.phases) == (
        report.file, report.assignment, report.rubric_version, report.phases)
    assert report.criterion("phases").level == 3  # the original is untouched


@pytest.mark.parametrize("given, level", [(7, 3), (-2, 0), ("2", 2), (2.0, 2), (0, 0)])
def test_with_levels_clamps_to_the_scale(given, level):
    report = grade(parse_journey(GOOD)).with_levels({"persona": given})
    assert report.criterion("persona").level == level
    assert report.criterion("persona").points == level


def test_with_levels_ignores_unknown_criteria():
    report = grade(parse_journey(GOOD))
    assert report.with_levels({"bestaat-niet": 0}).to_dict() == report.to_dict()


# --- JSON ---------------------------------------------------------------------------------

def test_to_dict_has_the_documented_json_shape():
    data = grade(parse_journey(GOOD), file="sanne.journey.json").to_dict()
    assert set(data) == {"file", "assignment", "grade", "points", "max_points", "passed", "rubric_version",
                         "criteria", "phases"}
    assert data["file"] == "sanne.journey.json" and data["assignment"] == "aanmelden-en-intake"
    assert data["grade"] == 10.0 and data["passed"] is True
    assert data["points"] == 18 and isinstance(data["points"], int)
    assert data["max_points"] == 18 and isinstance(data["max_points"], int)
    assert len(data["rubric_version"]) == 12
    for c in data["criteria"]:
        assert set(c) == {"id", "title", "level", "max_level", "points", "max_points", "feedback", "tip",
                          "lesson", "weight"}
        assert isinstance(c["weight"], int) and isinstance(c["points"], int)
    for p in data["phases"]:
        assert set(p) == {"name", "stage", "evidence", "other"}
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_to_dict_keeps_fractional_points_as_numbers():
    rubric = Rubric.from_config({"criteria": {"phases": {"weight": 1.5}, "persona": {"weight": 0.25}}})
    data = grade(parse_journey(GOOD), rubric).to_dict()
    assert [(c["points"], c["max_points"], c["weight"]) for c in data["criteria"]] == [
        (4.5, 4.5, 1.5), (0.75, 0.75, 0.25)]
    assert data["points"] == 5.25


@pytest.mark.parametrize("weights", [
    pytest.param({}, id="weight one"),
    pytest.param({"phases": 2, "persona": 1.5, "touchpoints": 0.25}, id="whole and fractional weights"),
    pytest.param({"phases": 0.1, "persona": 0.2, "touchpoints": 0.7}, id="weights of tenths"),
    pytest.param({"phases": 0.125, "persona": 0.375, "touchpoints": 3}, id="weights of thousandths"),
])
def test_from_dict_round_trips_to_dict(weights):
    rubric = Rubric.from_config({"criteria": {cid: {"weight": weights.get(cid, 1)} for cid in CORE_CRITERIA}})
    j = parse_journey({**GOOD, "persona": None})  # persona 0, so the grade is not simply 10
    report = grade(j, rubric, file="sanne.journey.json").with_levels({"touchpoints": 1})
    data = report.to_dict()
    again = Report.from_dict(json.loads(json.dumps(data)))
    assert again.to_dict() == data
    assert again.grade == report.grade and again.passed == report.passed
    assert again.phases == report.phases
    for before, after in zip(report.criteria, again.criteria, strict=True):
        assert (after.id, after.level, after.feedback, after.tip) == (
            before.id, before.level, before.feedback, before.tip)
        assert (after.points, after.max_points, after.weight) == pytest.approx(
            (before.points, before.max_points, before.weight))


def test_from_dict_ignores_unknown_keys_and_fills_in_missing_ones():
    data = grade(parse_journey(GOOD)).to_dict()
    data["criteria"][0]["extra"] = "genegeerd"
    data["nieuw"] = 1
    del data["rubric_version"], data["phases"]
    again = Report.from_dict(data)
    assert again.rubric_version == "" and again.phases == ()
    assert again.criterion(data["criteria"][0]["id"]).level == data["criteria"][0]["level"]


def test_a_tip_is_labelled_tip_or_nog_sterker_by_every_presenter():
    from grader.report import CriterionResult

    def result(tip: str) -> CriterionResult:
        return CriterionResult("phases", "Fasen", 3, 3, 3, 3, "", tip, "les")

    assert result("Nog sterker: kies een naam.").tip_parts == ("Nog sterker", "kies een naam.")
    assert result("Voeg een fase toe.").tip_line == "Tip: Voeg een fase toe."
    assert result("").tip_parts == ("", "") and result("").tip_line == ""
