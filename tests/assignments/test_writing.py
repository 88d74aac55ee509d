"""Writing an assignment back as TOML: the built-in loader reads it as the same assignment."""
from __future__ import annotations

import dataclasses
import tomllib

import pytest

from assignments import load_assignment, load_assignments, parse_assignment, to_toml


def _same(a, b) -> bool:
    fields = [f.name for f in dataclasses.fields(a) if f.name != "source"]
    return all(getattr(a, name) == getattr(b, name) for name in fields)


@pytest.mark.parametrize("assignment_id", list(load_assignments()))
def test_every_builtin_assignment_survives_writing_and_reading(assignment_id, tmp_path):
    original = load_assignments()[assignment_id]
    path = tmp_path / f"{assignment_id}.toml"
    path.write_text(to_toml(original), encoding="utf-8")
    again = load_assignment(path)
    assert _same(original, again)
    assert again.rubric.version == original.rubric.version
    # The same layout as the shipped files: the same tables and keys.
    assert tomllib.loads(path.read_text()) == tomllib.loads(original.source.read_text()) | {
        "scenario": tomllib.loads(path.read_text())["scenario"]}


def test_awkward_text_is_escaped():
    original = load_assignments()["eerste-lesdag"]
    tricky = dataclasses.replace(
        original, title='Een "lastige" titel met \\ en \t tab', scenario='Regel 1\n\n"""drie quotes"""\nC:\\map',
        goals=("Doel met \u0001 stuurteken",))
    again = parse_assignment(to_toml(tricky), "x.toml", expected_id=original.id)
    assert again.title == tricky.title
    assert again.scenario == tricky.scenario
    assert again.goals == tricky.goals


def test_parse_assignment_names_the_field_and_the_expected_id():
    text = to_toml(load_assignments()["lesuitval"])
    expected = r"^upload\.toml: id: ‘lesuitval’ moet gelijk zijn aan de bestandsnaam ‘anders’"
    with pytest.raises(ValueError, match=expected):
        parse_assignment(text, "upload.toml", expected_id="anders")
    assert parse_assignment(text.encode(), "upload.toml").id == "lesuitval"
    with pytest.raises(ValueError, match=r"^upload\.toml: het bestand is geen tekst in UTF-8"):
        parse_assignment(b"\xff\xfe", "upload.toml")
