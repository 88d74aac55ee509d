"""Fuzzing (hypothesis): random JSON and YAML uploads, random autosave posts and random ids in every
URL with an `int` converter never give a 500 (issue #11, finding 3).

In the tests an exception in a view is raised, not turned into a 500 page, so a crash fails the
test with its traceback; a 500 response fails it too.
"""
from __future__ import annotations

import io
import json
from urllib.parse import quote_from_bytes

import pytest
from flask import g
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.routing import IntegerConverter

from assignments import BUILDER_STEPS

from .world import build_world

A = "open-dag"
BASE = f"/opdrachten/{A}"
SENTINEL = 987654321987
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])

# Every character, lone surrogates included.
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)
big_int = st.one_of(st.integers(), st.integers(min_value=10**18, max_value=10**60),
                    st.integers(min_value=1, max_value=5000).map(lambda n: int("9" * min(n, 4000))))
scalar = st.one_of(st.none(), st.booleans(), big_int, st.floats(allow_nan=True, allow_infinity=True), any_text)
json_value = st.recursive(scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(st.one_of(any_text, st.sampled_from(
        ["format", "title", "trigger", "persona", "phases", "name", "age", "goals", "touchpoints", "emotion",
         "stage", "channel", "moment_of_truth", "description"])), inner, max_size=6)), max_leaves=25)
journey_like = st.fixed_dictionaries({"phases": st.lists(st.fixed_dictionaries({
    "name": scalar, "stage": scalar, "touchpoints": st.lists(st.fixed_dictionaries({
        "name": scalar, "channel": scalar, "emotion": scalar, "moment_of_truth": scalar}), max_size=3),
}), max_size=3)}, optional={"title": scalar, "persona": st.fixed_dictionaries({}, optional={
    "name": scalar, "age": scalar, "goals": st.one_of(scalar, st.lists(scalar, max_size=3))})})
JSON_SNIPPETS = st.sampled_from([
    '{"phases": [{"name": "a", "touchpoints": [{"name": "b", "emotion": ' + "9" * 5000 + '}]}]}',
    '{"title": ' + "1" * 4301 + ', "phases": []}',
    '{"title": "\\ud800", "phases": [{"name": "\\udfff", "touchpoints": [{"name": "\\udbff"}]}]}',
    '{"persona": {"name": "\\ud83d", "goals": ["\\udc00"], "age": ' + "7" * 4400 + '}, "phases": []}',
    '{"phases": [{"name": "a", "stage": "\\ud800"}]}', '[' * 100_000, '{"phases": 1e999}',
])
YAML_SNIPPETS = st.sampled_from([
    "phases: [{name: a, touchpoints: [{name: b, emotion: " + "9" * 5000 + "}]}]",
    "title: 0x" + "f" * 5000 + "\nphases: []",
    "title: !!binary aGFsbG8=\nphases: []",
    "title: 2024-01-01\nphases: []",
    "a: &a [1, 2]\nb: [*a, *a]\nphases: [*a]",
    "phases: !!python/object/apply:os.system ['true']",
    'title: "\\ud800"\nphases: [{name: "\\udfff"}]',
    "phases:\n  - name: x\n    touchpoints: {}\n",
    "{phases: [", "\t\x00", "title: 1:2:3:4:5:6:7:8:9:10:11:12\nphases: []",
])


def fresh() -> None:
    g.pop("_login_user", None)


@pytest.fixture
def world(make):
    return build_world(make)


def upload(client, content: bytes, name: str):
    fresh()
    response = client.post(f"{BASE}/uploaden", data={"file": (io.BytesIO(content), name), "confirm": "y"},
                           content_type="multipart/form-data")
    fresh()
    return response


@FUZZ
@given(value=st.one_of(JSON_SNIPPETS, json_value, journey_like))
def test_random_json_uploads_never_give_a_500(client, login, world, value):
    login(world.student)
    body = (value if isinstance(value, str) else json.dumps(value, ensure_ascii=True, allow_nan=True)).encode()
    response = upload(client, body, "fuzz.journey.json")
    assert response.status_code in (200, 302), response.status_code


@FUZZ
@given(content=st.one_of(YAML_SNIPPETS.map(str.encode), st.binary(max_size=300),
                         st.one_of(json_value, journey_like).map(lambda v: json.dumps(v, allow_nan=True).encode())),
       name=st.sampled_from(["fuzz.journey.yaml", "fuzz.yml", "fuzz.journey.json"]))
def test_random_yaml_and_bytes_uploads_never_give_a_500(client, login, world, content, name):
    login(world.student)
    response = upload(client, content, name)
    assert response.status_code in (200, 302), response.status_code


FIELDS = ["name", "age", "description", "goals", "frustrations", "quote", "trigger", "version", "draft_key",
          "phases-0-name", "phases-0-stage", "phases-0-present", "phases-0-touchpoints-0-name",
          "phases-0-touchpoints-0-emotion", "phases-0-touchpoints-0-present",
          "phases-0-touchpoints-0-moment_of_truth", "phases-99999999999999999999-name", "action",
          "empathy_says", "phases-0-touchpoints-0-source", "phases-0-touchpoints-0-desired_situation",
          "phases-0-touchpoints-0-desired_emotion"]


@FUZZ
@given(step=st.sampled_from(BUILDER_STEPS),
       pairs=st.lists(st.tuples(st.one_of(st.sampled_from(FIELDS), any_text),
                                st.one_of(st.binary(max_size=60), big_int.map(lambda n: str(n).encode()))),
                      max_size=12),
       logged_in=st.booleans())
def test_random_autosave_posts_never_give_a_500(client, login, world, step, pairs, logged_in):
    login(world.student if logged_in else None)
    body = "&".join(quote_from_bytes(name.encode("utf-8", "surrogatepass")) + "=" + quote_from_bytes(value)
                    for name, value in pairs)
    fresh()
    for url in (f"{BASE}/bouwen/{step}/opslaan", f"{BASE}/bouwen/{step}"):
        response = client.post(url, data=body, content_type="application/x-www-form-urlencoded")
        fresh()
        assert response.status_code < 500, (url, response.status_code)


def int_rules(app):
    return [rule for rule in app.url_map.iter_rules()
            if any(isinstance(conv, IntegerConverter) for conv in rule._converters.values())]


def test_every_int_route_is_fuzzed(app):
    assert len(int_rules(app)) >= 15


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(number=st.one_of(st.integers(min_value=0, max_value=10**25).map(str),
                        st.integers(min_value=2**63 - 3, max_value=2**64 + 3).map(str),
                        st.integers(min_value=2**31 - 3, max_value=2**32 + 3).map(str),
                        st.integers(min_value=19, max_value=6000).map(lambda n: "9" * n),
                        st.sampled_from(["0", "00000000000000000000001", "-1", str(2**63), str(2**63 - 1),
                                         str(2**31), str(2**31 - 1), "0002147483647"])))
def test_random_ids_in_every_int_route_never_give_a_500(app, client, login, world, number):
    params = {**world.params(), "class_id": SENTINEL, "student_id": SENTINEL, "user_id": SENTINEL,
              "number": SENTINEL, "attempt_id": SENTINEL, "review_id": SENTINEL}
    for rule in int_rules(app):
        ints = [name for name, conv in rule._converters.items() if isinstance(conv, IntegerConverter)]
        values = {name: params[name] for name in rule.arguments}
        with app.test_request_context():
            url = rule.build(values, append_unknown=False)[1]
        url = url.replace(str(SENTINEL), number)
        method = "GET" if "GET" in rule.methods else "POST"
        for user in (world.admin, world.teacher, world.student):
            login(user)
            fresh()
            response = client.open(url, method=method)
            fresh()
            assert response.status_code < 500, (rule.rule, ints, number, response.status_code)
