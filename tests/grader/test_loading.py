"""Reading files: JSON and YAML, encodings, size limits, and never a traceback."""
import pytest

from grader import JourneyError, load_journey, load_journey_file
from grader.loading import MAX_BYTES

YAML = """
format: klantreis/1
title: Open dag
persona:
  name: Zoë
  goals: [een opleiding kiezen]
phases:
  - name: Oriëntatie
    touchpoints:
      - name: Instagram
        channel: Instagram
        emotion: 7
"""


def message(data, filename="x.journey.json") -> str:
    with pytest.raises(JourneyError) as info:
        load_journey(data, filename)
    return str(info.value)


def test_yaml_is_read_as_well_as_json():
    journey = load_journey(YAML, "zoe.journey.yaml")
    assert journey.persona.name == "Zoë" and journey.phases[0].touchpoints[0].emotion == 7


def test_without_a_known_suffix_the_content_decides():
    assert load_journey('{"phases": []}', "upload").phases == ()
    assert load_journey(YAML, "upload").title == "Open dag"


def test_a_byte_order_mark_is_fine():
    assert load_journey(b'\xef\xbb\xbf{"phases": []}', "a.json").phases == ()


def test_broken_json_says_where_in_dutch():
    text = message('{"phases": [}')
    assert text.startswith("Dit is geen geldige JSON (regel 1, kolom 13)")


def test_broken_yaml_says_where_in_dutch():
    assert message("phases: [\n  - a: b\n  c", "x.yaml").startswith("Dit is geen geldige YAML (regel")


def test_not_utf8_is_explained():
    assert "UTF-8" in message("{\"title\": \"café\", \"phases\": []}".encode("latin-1"))


def test_files_over_one_megabyte_are_refused():
    data = b'{"phases": [], "title": "' + b"a" * MAX_BYTES + b'"}'
    assert "te groot" in message(data)


def test_deep_nesting_is_refused_without_a_traceback():
    assert "te diep genest" in message("[" * 100_000 + "]" * 100_000)


def test_a_missing_file_gives_a_dutch_message(tmp_path):
    with pytest.raises(JourneyError) as info:
        load_journey_file(tmp_path / "weg.journey.json")
    assert str(info.value).startswith("Ik kan het bestand niet lezen")


def test_yaml_aliases_do_not_explode():
    bomb = ("a: &a [x, x, x, x, x, x, x, x, x]\n"
            "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            "phases: []\n")
    assert load_journey(bomb, "x.yaml").phases == ()
