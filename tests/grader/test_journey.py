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


# The optional fields of the desired journey and of research (issue 12).

DESIRED = {
    "persona": {"name": "Yara", "empathy_map": {"says": ["Ik wil het gewoon weten."], "feels": "zenuwachtig",
                                                "pains": ["Lang wachten"], "gains": []}},
    "phases": [{"name": "Wachten", "touchpoints": [{
        "name": "Uitslag", "emotion": 4, "moment_of_truth": True,
        "desired_situation": "De mentor belt Yara om twee uur.", "desired_emotion": "9", "source": "interview",
    }]}],
}


def test_the_desired_journey_and_research_fields_are_read():
    journey = parse_journey(DESIRED)
    tp = journey.phases[0].touchpoints[0]
    assert tp.desired_situation == "De mentor belt Yara om twee uur."
    assert tp.desired_emotion == 9 and tp.source == "interview"
    empathy = journey.persona.empathy_map
    assert empathy.says == ("Ik wil het gewoon weten.",) and empathy.feels == ("zenuwachtig",)
    assert empathy.pains == ("Lang wachten",) and empathy.gains == () and empathy.thinks == ()


def test_old_journeys_have_none_of_the_new_fields():
    journey = parse_journey(json.loads(TYPICAL.read_text("utf-8")))
    assert journey.persona.empathy_map is None
    for tp in journey.touchpoints():
        assert (tp.desired_situation, tp.desired_emotion, tp.source) == ("", None, None)
    data = journey.to_dict()
    assert "empathy_map" not in data["persona"]
    assert not {"desired_situation", "desired_emotion", "source"} & {
        key for phase in data["phases"] for tp in phase["touchpoints"] for key in tp}


def test_the_new_fields_round_trip_and_only_set_ones_are_written():
    journey = parse_journey(DESIRED)
    data = journey.to_dict()
    assert data["persona"]["empathy_map"] == {"says": ["Ik wil het gewoon weten."], "feels": ["zenuwachtig"],
                                              "pains": ["Lang wachten"]}
    tp = data["phases"][0]["touchpoints"][0]
    assert (tp["desired_situation"], tp["desired_emotion"], tp["source"]) == (
        "De mentor belt Yara om twee uur.", 9, "interview")
    assert parse_journey(data) == journey
    jsonschema.validate(data, schema())


def test_an_empty_empathy_map_is_no_empathy_map():
    journey = parse_journey({"persona": {"name": "Yara", "empathy_map": {"says": [], "pains": [" "]}}, "phases": []})
    assert journey.persona.empathy_map is None
    assert "empathy_map" not in journey.to_dict()["persona"]


@pytest.mark.parametrize("written, key", [
    ("interview", "interview"), ("Observatie (gemba)", "observatie"), ("gemba walk", "observatie"),
    ("Mystery guest", "mystery_guest"), ("mystery-guest", "mystery_guest"), ("Enquête", "enquete"),
    ("eigen_ervaring", "eigen_ervaring"), ("Eigen ervaring", "eigen_ervaring"), (None, None), ("", None),
])
def test_a_source_is_read_by_its_key_or_its_dutch_label(written, key):
    journey = parse_journey({"phases": [{"touchpoints": [{"source": written}]}]})
    assert journey.phases[0].touchpoints[0].source == key


def test_every_source_label_is_read_back_as_its_key():
    from grader import SOURCE_LABELS

    for key, label in SOURCE_LABELS.items():
        assert parse_journey({"phases": [{"touchpoints": [{"source": label}]}]}).phases[0].touchpoints[0].source == key


def test_bad_new_fields_get_dutch_messages_at_their_place():
    data = {
        "persona": {"empathy_map": {"says": 5, "thinks": [3]}},
        "phases": [{"touchpoints": [{"source": "google", "desired_emotion": 11, "desired_situation": ["x"]}]}],
    }
    assert errors_of(data) == [
        "persona.empathy_map.zegt: moet een lijst met teksten zijn",
        "persona.empathy_map.denkt[0]: moet tekst zijn",
        "fasen[0].contactmomenten[0].gewenste_situatie: moet tekst zijn",
        "fasen[0].contactmomenten[0].gewenste_emotie: moet een geheel getal van 1 tot 10 zijn",
        "fasen[0].contactmomenten[0].bron: moet een van deze zijn: interview, observatie, mystery_guest, enquete, "
        "eigen_ervaring",
    ]
    assert errors_of({"persona": {"empathy_map": ["zegt"]}, "phases": []}) == [
        "persona.empathy_map: moet een object zijn met lijsten bij zegt, denkt, doet, voelt, pijnpunten, pluspunten"]
    assert errors_of({"persona": {"empathy_map": {"feels": ["x"] * 51}}, "phases": []}) == [
        "persona.empathy_map.voelt: mag hoogstens 50 regels hebben"]


def test_the_schema_accepts_null_for_the_optional_scores_and_refuses_an_unknown_source():
    data = {"phases": [{"touchpoints": [{"desired_emotion": None, "source": None}]}]}
    jsonschema.validate(data, schema())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"phases": [{"touchpoints": [{"source": "google"}]}]}, schema())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"phases": [{"touchpoints": [{"desired_emotion": 0}]}]}, schema())


def test_the_labels_are_in_the_order_students_read_them():
    from grader import EMPATHY_LABELS, SOURCE_LABELS

    assert list(SOURCE_LABELS) == ["interview", "observatie", "mystery_guest", "enquete", "eigen_ervaring"]
    assert [label.lower() for label in EMPATHY_LABELS.values()] == [
        "zegt", "denkt", "doet", "voelt", "pijnpunten", "pluspunten"]
