"""A criterion declares its numbers: their ranges and order rules. The TOML loader, the rubric
and (in the site) the settings form all check with these declarations, in the same Dutch."""
from __future__ import annotations

import pytest

from assignments import DIRECTORY, AssignmentError, load_assignment
from grader import CRITERIA, INT, SHARE, Rubric, RubricError

from .builders import expect, journey, phase, tps


@pytest.mark.parametrize("criterion", CRITERIA.values(), ids=lambda c: c.id)
def test_every_number_is_declared_with_a_label_a_hint_and_a_range(criterion):
    assert criterion.params
    for param in criterion.params:
        assert param.label and param.hint.endswith(".")
        if param.kind == INT:
            assert param.low <= param.default <= param.high
        elif param.kind == SHARE:
            assert 0 <= param.default <= 1
    keys = {param.key for param in criterion.params}
    for smaller, larger in criterion.order:
        assert {smaller, larger} <= keys
    assert criterion.problems(criterion.defaults) == []


def _toml(tmp_path, extra: str):
    text = (DIRECTORY / "open-dag.toml").read_text("utf-8").split("[rubric")[0] + extra
    path = tmp_path / "open-dag.toml"
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize(("settings", "key", "message"), [
    ({"sufficient_phases": 5, "good_phases": 4}, "good_phases",
     "Dit getal mag niet kleiner zijn dan ‘Fasen voor voldoende’ (5)."),
    ({"min_phases": 4, "sufficient_phases": 3}, "sufficient_phases",
     "Dit getal mag niet kleiner zijn dan ‘Minimaal aantal fasen’ (4)."),
    ({"good_phases": 0}, "good_phases", "Vul een heel getal van 1 tot 50 in."),
    ({"good_phases": 2.5}, "good_phases", "Vul een heel getal van 1 tot 50 in."),
])
def test_the_rubric_and_the_toml_loader_say_the_same(tmp_path, settings, key, message):
    assert (key, message) in CRITERIA["phases"].problems({**CRITERIA["phases"].defaults, **settings})
    with pytest.raises(RubricError) as rubric_error:
        Rubric.from_config({"criteria": {"phases": settings}})
    assert str(rubric_error.value) == f"rubric.criteria.phases.{key}: {message}"
    lines = "".join(f"{k} = {v}\n" for k, v in settings.items())
    with pytest.raises(AssignmentError) as loader_error:
        load_assignment(_toml(tmp_path, f"[rubric.criteria.phases]\n{lines}"))
    assert str(loader_error.value) == f"open-dag.toml: rubric.criteria.phases.{key}: {message}"


def test_a_share_out_of_range_and_an_order_across_shares():
    with pytest.raises(RubricError, match=r"moments_of_truth\.max_share: Vul een deel van 0 tot 1 in"):
        Rubric.from_config({"criteria": {"moments_of_truth": {"max_share": 1.25}}})
    with pytest.raises(RubricError, match=r"emotion_curve\.min_range: Vul een heel getal van 0 tot 9 in"):
        Rubric.from_config({"criteria": {"emotion_curve": {"min_range": 12}}})
    with pytest.raises(RubricError, match=r"channel_mix\.good_channels: Dit getal mag niet kleiner zijn"):
        Rubric.from_config({"criteria": {"channel_mix": {"sufficient_channels": 4}}})  # default good: 3


def test_an_integer_share_is_a_share():
    rubric = Rubric.from_config({"criteria": {"moments_of_truth": {"max_share": 1}}})
    assert rubric.items[0].settings["max_share"] == 1.0


# -- texts follow the rubric's numbers -------------------------------------------------------

def test_too_few_phases_names_the_count_and_the_number_to_aim_for():
    """The tip aims at the rubric's number for goed: by default 4, the minimum lessons 3 and 9 ask for."""
    j = journey(*(phase(stage, *tps(1)) for stage in ("awareness", "consideration", "after_sales")))
    result = expect(j, "phases", 1, min_phases=2, sufficient_phases=4, good_phases=5)
    assert "maar 3 fasen is te weinig" in result.feedback
    assert "minstens 5" in result.tip
    assert "minstens 4 fasen" in expect(journey(phase("awareness", *tps(1))), "phases", 0).tip


def test_descriptors_use_the_rubric_numbers():
    rubric = Rubric.from_config({"criteria": {"phases": {"sufficient_phases": 4, "good_phases": 6}}})
    texts = rubric.items[0].descriptors()
    assert "4 of meer fasen" in texts[2] and "6 of meer fasen" in texts[3]
