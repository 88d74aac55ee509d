"""The assignments loader: the shipped data files, and a clear Dutch error for every broken one."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import assignments
from assignments import BUILDER_STEPS, Assignment, AssignmentError, get_assignment, load_assignment, load_assignments
from grader import Rubric
from grader.rubric import CORE_CRITERIA

EXPECTED_IDS = {
    "eerste-lesdag", "lesuitval", "examenuitslag", "open-dag", "stageplaats-vinden", "aanmelden-en-intake",
}
OPTIONAL_CRITERIA = {"emotion_curve", "service_concept", "channel_mix", "improvement", "research"}

VALID = '''\
id = "{id}"
title = "Een proefopdracht"
order = {order}
summary = "Een korte samenvatting."
target_group = "Studenten van 16 tot 20 jaar."
scenario = """Een student maakt een klantreis."""
goals = ["Je maakt een persona.", "Je kiest fasen."]

[hints]
persona = "Kies een student."
trigger = "Wat zet de reis in gang?"
phases = "Maak vier fasen."
touchpoints = "Waar komt de student de school tegen?"
moments = "Kies twee momenten."
improve = "Maak de dalen beter."
check = "Lees je reis nog eens."

[rubric.criteria.phases]
weight = 1

[rubric.criteria.persona]
weight = 2
'''


def write(directory: Path, name: str = "proef", text: str | None = None, order: int = 1) -> Path:
    path = directory / f"{name}.toml"
    path.write_text(VALID.format(id=name, order=order) if text is None else text, encoding="utf-8")
    return path


def broken(tmp_path: Path, old: str, new: str) -> Path:
    text = VALID.format(id="proef", order=1)
    assert old in text, old
    return write(tmp_path, text=text.replace(old, new, 1))


# ---------------------------------------------------------------- the shipped files

def test_all_assignments_load_in_order():
    loaded = load_assignments()
    assert set(loaded) >= EXPECTED_IDS
    orders = [a.order for a in loaded.values()]
    assert orders == sorted(orders)
    assert len(set(orders)) == len(orders)
    assert next(iter(loaded)) == "eerste-lesdag"


@pytest.mark.parametrize("assignment_id", sorted(EXPECTED_IDS))
def test_shipped_assignment_is_complete(assignment_id):
    a = get_assignment(assignment_id)
    assert isinstance(a, Assignment)
    assert a.id == assignment_id == a.source.stem
    assert a.source.name == f"{assignment_id}.toml"
    assert all(text.strip() for text in (a.title, a.summary, a.target_group, a.scenario))
    assert 80 <= len(re.findall(r"\w+", a.scenario)) <= 150
    assert 3 <= len(a.goals) <= 5
    assert all(goal.startswith("Je ") for goal in a.goals)
    assert tuple(a.hints) == BUILDER_STEPS
    assert all(hint.strip() for hint in a.hints.values())
    assert isinstance(a.rubric, Rubric)
    ids = [item.id for item in a.rubric.items]
    assert set(CORE_CRITERIA) <= set(ids)
    assert set(ids) - set(CORE_CRITERIA) <= OPTIONAL_CRITERIA
    # Every setting is one the criterion knows: building the descriptors would fail otherwise.
    assert all(len(item.descriptors()) == 4 for item in a.rubric.items)


def test_assignments_vary_their_rubrics():
    loaded = load_assignments()
    assert len({a.rubric.version for a in loaded.values()}) == len(loaded)
    exam = loaded["examenuitslag"].rubric
    after_sales = next(item for item in exam.items if item.id == "after_sales")
    assert after_sales.weight == 2
    assert "service_concept" in [item.id for item in loaded["open-dag"].rubric.items]


def test_default_directory_is_cached_and_callers_cannot_change_it():
    first = load_assignments()
    first.clear()
    second = load_assignments()
    assert set(second) >= EXPECTED_IDS
    assert second["open-dag"] is load_assignments()["open-dag"]
    assert get_assignment("open-dag") is second["open-dag"]


def test_unknown_assignment_is_none():
    assert get_assignment("bestaat-niet") is None
    assert get_assignment("") is None


def test_hints_cannot_be_changed():
    a = get_assignment("eerste-lesdag")
    with pytest.raises(TypeError):
        a.hints["persona"] = "anders"  # type: ignore[index]


def test_default_directory_is_the_package_folder():
    assert Path(assignments.__file__).resolve().parent == assignments.DIRECTORY
    assert {p.stem for p in assignments.DIRECTORY.glob("*.toml")} == set(load_assignments())


# ---------------------------------------------------------------- a directory of its own

def test_load_directory_orders_by_order(tmp_path):
    write(tmp_path, "later", order=5)
    write(tmp_path, "eerder", order=2)
    loaded = load_assignments(tmp_path)
    assert list(loaded) == ["eerder", "later"]
    proef = loaded["later"]
    assert proef.goals == ("Je maakt een persona.", "Je kiest fasen.")
    assert [(item.id, item.weight) for item in proef.rubric.items] == [("phases", 1.0), ("persona", 2.0)]
    assert proef.source == tmp_path / "later.toml"


def test_empty_directory_has_no_assignments(tmp_path):
    assert load_assignments(tmp_path) == {}


def test_duplicate_order_names_both_files(tmp_path):
    write(tmp_path, "aaa", order=3)
    write(tmp_path, "bbb", order=3)
    with pytest.raises(AssignmentError, match=r"^bbb\.toml: order: .*aaa\.toml"):
        load_assignments(tmp_path)


# ---------------------------------------------------------------- broken files

@pytest.mark.parametrize(("old", "new", "field"), [
    ('title = "Een proefopdracht"\n', "", "title"),
    ('summary = "Een korte samenvatting."\n', "", "summary"),
    ('goals = ["Je maakt een persona.", "Je kiest fasen."]\n', "", "goals"),
    ("order = 1\n", "", "order"),
    ('title = "Een proefopdracht"', "title = 12", "title"),
    ('title = "Een proefopdracht"', 'title = "   "', "title"),
    ("order = 1", 'order = "1"', "order"),
    ("order = 1", "order = true", "order"),
    ("order = 1", "order = 1.5", "order"),
    ('goals = ["Je maakt een persona.", "Je kiest fasen."]', 'goals = "Je maakt een persona."', "goals"),
    ('goals = ["Je maakt een persona.", "Je kiest fasen."]', "goals = []", "goals"),
    ('goals = ["Je maakt een persona.", "Je kiest fasen."]', 'goals = ["Je maakt een persona.", 3]', "goals[1]"),
    ('check = "Lees je reis nog eens."\n', "", "hints.check"),
    ('check = "Lees je reis nog eens."', 'check = "Lees."\nextra = "Nog een stap."', "hints.extra"),
    ('moments = "Kies twee momenten."', "moments = 2", "hints.moments"),
    ('title = "Een proefopdracht"', 'title = "Een proefopdracht"\ntitel = "typfout"', "titel"),
    ('id = "proef"', 'id = "iets-anders"', "id"),
    ('id = "proef"', 'id = "Proef"', "id"),
    ("[rubric.criteria.persona]", "[rubric.criteria.persoon]", "rubric.criteria.persoon"),
    ("weight = 2", "weight = 0", "rubric.criteria.persona.weight"),
    ("weight = 2", 'weight = "zwaar"', "rubric.criteria.persona.weight"),
    ("weight = 2", "weight = 2\ngood_personas = 3", "rubric.criteria.persona.good_personas"),
    ("weight = 2", "weight = 2\nmax_organisation_share = 4", "rubric.criteria.persona.max_organisation_share"),
])
def test_broken_file_names_file_and_field(tmp_path, old, new, field):
    path = broken(tmp_path, old, new)
    with pytest.raises(AssignmentError) as info:
        load_assignment(path)
    message = str(info.value)
    assert message.startswith(f"proef.toml: {field}: "), message
    assert len(message) > len(f"proef.toml: {field}: ") + 5


def test_hints_must_be_a_table(tmp_path):
    text = re.sub(r"\[hints\]\n(?:.+\n)+", 'hints = "geen tabel"\n', VALID.format(id="proef", order=1))
    with pytest.raises(AssignmentError, match=r"^proef\.toml: hints: moet een tabel zijn"):
        load_assignment(write(tmp_path, text=text))


def test_missing_rubric_names_the_field(tmp_path):
    text = VALID.format(id="proef", order=1).split("[rubric.criteria.phases]")[0]
    with pytest.raises(AssignmentError, match=r"^proef\.toml: rubric: ontbreekt"):
        load_assignment(write(tmp_path, text=text))


def test_empty_rubric_reuses_the_rubric_message(tmp_path):
    text = VALID.format(id="proef", order=1).split("[rubric.criteria.phases]")[0] + "[rubric]\n"
    with pytest.raises(AssignmentError, match=r"^proef\.toml: rubric\.criteria: noem ten minste één criterium"):
        load_assignment(write(tmp_path, text=text))


def test_bad_weight_message_is_the_rubric_message(tmp_path):
    path = broken(tmp_path, "weight = 1", "weight = -1")
    with pytest.raises(AssignmentError) as info:
        load_assignment(path)
    assert str(info.value) == (
        "proef.toml: rubric.criteria.phases.weight: moet een getal groter dan 0 en hoogstens 100 zijn")


def test_bad_toml_names_file_and_line(tmp_path):
    text = VALID.format(id="proef", order=1).replace("order = 1", "order = ")
    with pytest.raises(AssignmentError, match=r"^proef\.toml: regel 3, kolom \d+: dit is geen geldige TOML$"):
        load_assignment(write(tmp_path, text=text))


def test_not_utf8_names_the_file(tmp_path):
    path = tmp_path / "proef.toml"
    path.write_bytes(VALID.format(id="proef", order=1).encode("utf-16"))
    with pytest.raises(AssignmentError, match=r"^proef\.toml: .*UTF-8"):
        load_assignment(path)


def test_missing_file_names_the_file(tmp_path):
    with pytest.raises(AssignmentError, match=r"^weg\.toml: "):
        load_assignment(tmp_path / "weg.toml")


def test_broken_file_in_directory_stops_loading(tmp_path):
    write(tmp_path, "goed", order=1)
    write(tmp_path, "fout", text=VALID.format(id="fout", order=2).replace("weight = 2", "weight = 200"))
    with pytest.raises(AssignmentError, match=r"^fout\.toml: rubric\.criteria\.persona\.weight: "):
        load_assignments(tmp_path)


def test_assignment_error_is_a_value_error():
    assert issubclass(AssignmentError, ValueError)
