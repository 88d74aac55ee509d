"""Whatever a student or a broken tool hands in: a report or a clear Dutch error, never a crash."""
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grader import JourneyError, Rubric, grade, load_journey, parse_journey
from grader.criteria import REGISTRY

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=8), children, max_size=5),
    max_leaves=40,
)

KEYS = ["name", "channel", "description", "emotion", "moment_of_truth", "moment_of_truth_reason",
        "pain", "gain", "service", "stage", "touchpoints", "goals", "frustrations"]
field_values = (st.none() | st.booleans() | st.integers(-3, 14) | st.text(max_size=40)
                | st.lists(st.text(max_size=10), max_size=3))
touchpoint = st.dictionaries(st.sampled_from(KEYS), field_values, max_size=8)
phase = st.fixed_dictionaries(
    {"name": st.text(max_size=30), "touchpoints": st.lists(touchpoint, max_size=5)},
    optional={"stage": st.sampled_from(["awareness", "after_sales", "experience", "xyz", ""]),
              "description": st.text(max_size=40)},
)
journey_like = st.fixed_dictionaries(
    {"phases": st.lists(phase, max_size=7)},
    optional={
        "trigger": st.text(max_size=40),
        "persona": st.dictionaries(st.sampled_from(["name", "goals", "frustrations", "age"]), field_values, max_size=4),
    },
)
ALL_CRITERIA = Rubric.from_config({"criteria": {cid: {} for cid in REGISTRY}})


def grade_or_error(value):
    try:
        journey = parse_journey(value)
    except JourneyError as exc:
        assert exc.errors and all(isinstance(e, str) and e for e in exc.errors)
        return None
    report = grade(journey, ALL_CRITERIA)
    assert 1.0 <= report.grade <= 10.0
    for c in report.criteria:
        assert 0 <= c.level <= 3 and c.feedback
        assert c.tip or c.level == c.max_level  # below the top level always a tip; at the top only a suggestion
    json.dumps(report.to_dict())
    return report


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_arbitrary_json_never_crashes_the_parser(value):
    grade_or_error(value)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(journey_like)
def test_journey_shaped_input_gives_a_report_or_a_clear_error(value):
    grade_or_error(value)


@settings(max_examples=300)
@given(st.text(max_size=300), st.sampled_from(["x.json", "x.yaml", "upload"]))
def test_arbitrary_text_never_crashes_the_loader(text, filename):
    try:
        journey = load_journey(text, filename)
    except JourneyError as exc:
        assert str(exc)
    else:
        grade(journey)


@settings(max_examples=200)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_crash_the_loader(data):
    try:
        load_journey(data, "upload")
    except JourneyError as exc:
        assert str(exc)
