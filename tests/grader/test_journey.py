"""The `klantreis/1` format: what is accepted, and the Dutch message for what is not."""
import json
from pathlib import Path

import jsonschema
import pytest

from grader import FORMAT, JourneyError, parse_journey
from grader.journey import MAX_PHASES, MAX_TOUCHPOINTS, schema

TYPICAL = Path(__file__).parent / "data" / "typical.journey.json"


def errors_of(data) -> list[str]:
    with pytest.raises(JourneyError) as info:
        parse_journey(data)
    return info.value.errors


def test_the_typical_journey_parses_with_every_field():
    journey = parse_journey(json.loads(TYPICAL.read_text("utf-8")))
    assert journey.assignment == "lesuitval"
    assert journey.persona.name == "Luca" and journey.persona.age == 17
    assert len(journey.persona.goals) == 2
    assert len(journey.phases) == 6 and journey.touchpoint_count() == 20
    first = journey.phases[0].touchpoints[0]
    assert first.channel == "Magister-app" and first.emotion == 6 and first.moment_of_truth


def test_only_phases_is_required():
    journey = parse_journey({"phases": []})
    assert journey.phases == () and journey.persona is None and journey.trigger == ""


def test_missing_phases_is_named_in_dutch():
    assert errors_of({"title": "x"}) == ["fasen: ontbreekt: een klantreis heeft een lijst met fasen"]


@pytest.mark.parametrize("value", [[], "tekst", 3, None])
def test_a_journey_must_be_an_object(value):
    assert "moet een object zijn" in errors_of(value)[0]


@pytest.mark.parametrize("emotion", [0, 11, -1, 7.5, "zeven", True, [7], "²", "٣", "1e3"])
def test_an_emotion_outside_one_to_ten_names_its_place(emotion):
    data = {"phases": [{"name": "a"}, {"name": "b"}, {"name": "c", "touchpoints": [{"emotion": emotion}]}]}
    assert errors_of(data) == ["fasen[2].contactmomenten[0].emotie: moet een geheel getal van 1 tot 10 zijn"]


@pytest.mark.parametrize("emotion, expected", [
    (1, 1), (10, 10), (7.0, 7), ("8", 8), (" 9 ", 9), (None, None), ("", None),
])
def test_emotions_that_are_clearly_whole_numbers_are_accepted(emotion, expected):
    journey = parse_journey({"phases": [{"touchpoints": [{"emotion": emotion}]}]})
    assert journey.phases[0].touchpoints[0].emotion == expected


def test_every_problem_is_listed_not_only_the_first():
    data = {"format": "klantreis/2", "persona": {"name": ["x"], "goals": 5},
            "phases": [{"stage": "midden", "touchpoints": [{"moment_of_truth": "ja"}]}]}
    assert errors_of(data) == [
        "formaat: moet 'klantreis/1' zijn",
        "persona.naam: moet tekst zijn",
        "persona.doelen: moet een lijst met teksten zijn",
        "fasen[0].soort: moet een van deze zijn: awareness, consideration, purchase, experience, after_sales",
        "fasen[0].contactmomenten[0].moment_van_de_waarheid: moet true of false zijn (ja of nee)",
    ]


def test_too_many_phases_is_refused_clearly():
    errors = errors_of({"phases": [{"name": str(i)} for i in range(MAX_PHASES + 1)]})
    assert errors == [f"fasen: te veel fasen ({MAX_PHASES + 1}): hoogstens {MAX_PHASES}"]


def test_too_many_touchpoints_is_refused_clearly():
    phases = [{"touchpoints": [{} for _ in range(100)]} for _ in range(6)]
    assert errors_of({"phases": phases}) == [f"fasen: te veel contactmomenten (600): hoogstens {MAX_TOUCHPOINTS}"]


def test_exactly_the_limits_are_still_accepted():
    phases = [{"touchpoints": [{} for _ in range(10)]} for _ in range(MAX_PHASES)]
    assert parse_journey({"phases": phases}).touchpoint_count() == MAX_TOUCHPOINTS


def test_control_characters_are_stripped_and_unicode_kept():
    journey = parse_journey({"title": "\x00Zoë\x07 🎓\tdag\n2 ", "phases": []})
    assert journey.title == "Zoë 🎓 dag\n2"


def test_unknown_extra_keys_are_tolerated():
    journey = parse_journey({"phases": [{"name": "a", "kleur": "blauw", "touchpoints": [{"x": 1}]}], "klas": "1A"})
    assert journey.phases[0].name == "a" and journey.extra == {"klas": "1A"}


def test_one_goal_written_as_plain_text_is_a_list_of_one():
    journey = parse_journey({"persona": {"name": "Sanne", "goals": "vrienden maken"}, "phases": []})
    assert journey.persona.goals == ("vrienden maken",)


def test_explicit_stages_accept_a_dash_and_capitals():
    journey = parse_journey({"phases": [{"stage": "After-Sales"}]})
    assert journey.phases[0].stage == "after_sales"


def test_to_dict_round_trips():
    journey = parse_journey(json.loads(TYPICAL.read_text("utf-8")))
    again = parse_journey(journey.to_dict())
    assert again == journey
    assert journey.to_dict()["format"] == FORMAT


def test_the_shipped_schema_accepts_the_typical_journey_and_rejects_a_bad_emotion():
    data = json.loads(TYPICAL.read_text("utf-8"))
    jsonschema.validate(data, schema())
    data["phases"][0]["touchpoints"][0]["emotion"] = 11
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema())


def test_what_the_builder_writes_matches_the_schema():
    journey = parse_journey(json.loads(TYPICAL.read_text("utf-8")))
    jsonschema.validate(journey.to_dict(), schema())
