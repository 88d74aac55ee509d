"""Learned evidence in stage recognition (grader/stage_model.py, stages._learned): the features of a
phase, what the evidence adds to the decision and says, and the committed model file."""

from __future__ import annotations

import json
import threading

import pytest

from grader import Phase, Touchpoint, parse_journey, recognise_stages, stage_model
from grader import stages as stage_module
from grader.compiled import data_file
from grader.journey import STAGES
from grader.stage_model import Model
from grader.text import stem, stemmer_probe

from .evaluation import DATA
from .train_stage_model import (
    FOLDS,
    MIN_COUNT,
    cross_validate,
    examples,
    folds,
    heldout_curve,
    journeys,
    learning_curve,
    score,
    train,
    trained_text,
)

A, C, P, E, S = STAGES


def tp(name: str, description: str = "", channel: str = "") -> Touchpoint:
    return Touchpoint(name=name, description=description, channel=channel)


def ph(name: str, *touchpoints: Touchpoint, description: str = "", stage: str | None = None) -> Phase:
    return Phase(name=name, stage=stage, description=description, touchpoints=touchpoints)


def model(rows: dict[str, tuple[float, ...]]) -> Model:
    return Model((0.0,) * len(STAGES), rows)


THEATRE = (
    ph("Uitje gezocht", tp("Folder", "Ahmed ziet een folder op de mat.", "brievenbus")),
    ph(
        "E-tickets arrive", tp("Mail", "The theatre sends the tickets.", "e-mail"), description="Ze printen de tickets."
    ),
    ph("Nazorg", tp("Review", "", "website")),
)


def test_the_features_of_a_phase_say_where_each_word_stands():
    features = stage_model.features(THEATRE, 1)
    # the same word in the name, the description and the touchpoints: three features; 'E' and 'the' do not count
    assert {f"n:{stem('tickets')}", f"d:{stem('tickets')}", f"t:{stem('tickets')}"} <= set(features)
    assert f"d:{stem('printen')}" in features and f"t:{stem('sends')}" in features and "t:the" not in features
    assert len(features) == len(set(features))
    # its place, its channels, and what the names before and after it point to
    assert {"p:middle", "r:1", "c:online", "prev:none", "next:after_sales"} <= set(features)
    assert {"p:first", "prev:start", "c:offline", "c:no-online"} <= set(stage_model.features(THEATRE, 0))
    assert {"p:last", "next:end", "prev:purchase"} <= set(stage_model.features(THEATRE, 2))  # ticket: purchase
    # each word as the student wrote it, with where it stands, for the sentence
    assert stage_model.phase_words(THEATRE[1])[:2] == (
        (f"n:{stem('tickets')}", "tickets", "name"),
        (f"n:{stem('arrive')}", "arrive", "name"),
    )


def test_the_fast_reading_of_a_journey_equals_reading_every_phase_on_its_own():
    committed = stage_model.load()
    assert len(journeys()) >= 100
    for _, raw in journeys()[:20]:
        phases = parse_journey(raw).phases
        fast = committed.journey(phases, 0.5)
        slow = [committed.log_posterior(stage_model.features(phases, i), 0.5) for i in range(len(phases))]
        assert [v for row in fast for v in row] == pytest.approx([v for row in slow for v in row])


FLURP = (
    ph("Bewustwording", tp("Poster", "Noor ziet een poster.", "straat")),
    ph("Stap twee", tp("Flurpen", "Noor flurpt met haar vrienden.", "zaal")),
    ph("Nazorg", tp("Mail", "De school vraagt om een review.", "mail")),
)


def test_a_phase_the_rules_leave_open_gets_the_learned_stage_and_a_sentence_with_its_words(monkeypatch):
    monkeypatch.setattr(stage_module, "_LEARNED_WEIGHT", 0.0)
    rules = recognise_stages(FLURP)[1]
    assert rules.stage != P and rules.source != "learned"
    monkeypatch.setattr(stage_module, "_LEARNED_WEIGHT", 1.0)
    with stage_model.using(model({f"t:{stem('flurpen')}": (-3.0, -3.0, 12.0, -3.0, -3.0)})):
        match = recognise_stages(FLURP)[1]
    assert (match.stage, match.source) == (P, "learned")
    assert match.evidence == (  # the phase is named: the sentence is also read on its own, under a criterion
        "Bij ‘Stap twee’ staat ‘Flurpen’ (bij de contactmomenten): in klantreizen hoort dat meestal bij de "
        "aankoopfase."
    )


def test_the_sentence_names_at_most_two_words_and_where_they_stand(monkeypatch):
    monkeypatch.setattr(stage_module, "_LEARNED_WEIGHT", 1.0)
    phases = (FLURP[0], ph("Flurp", tp("Zoef", "Noor flurpt."), description="Een blorp."), FLURP[2])
    rows = {
        f"n:{stem('flurp')}": (0.0, 0.0, 6.0, 0.0, 0.0),
        f"d:{stem('blorp')}": (0.0, 0.0, 5.0, 0.0, 0.0),
        f"t:{stem('zoef')}": (0.0, 0.0, 1.0, 0.0, 0.0),
    }
    with stage_model.using(model(rows)):
        match = recognise_stages(phases)[1]
    assert match.evidence == (
        "Bij ‘Flurp’ staan ‘Flurp’ (in de naam) en ‘blorp’ (in de beschrijving): in klantreizen hoort dat meestal "
        "bij de aankoopfase."
    )
    # a word that only numbers the phase weighs, but is not quoted
    rows[f"n:{stem('stap')}"] = (0.0, 0.0, 9.0, 0.0, 0.0)
    phases = (FLURP[0], ph("Stap 2", tp("Zoef", "Noor flurpt."), description="Een blorp."), FLURP[2])
    with stage_model.using(model(rows)):
        match = recognise_stages(phases)[1]
    assert match.evidence == (
        "Bij ‘Stap 2’ staan ‘blorp’ (in de beschrijving) en ‘Zoef’ (bij de contactmomenten): in klantreizen hoort "
        "dat meestal bij de aankoopfase."
    )


def test_a_persons_name_a_short_word_and_a_word_of_another_stage_are_never_quoted(monkeypatch):
    monkeypatch.setattr(stage_module, "_LEARNED_WEIGHT", 1.0)
    # 'Tim' starts a sentence (the customer), 'Noor' stands inside one, 'bus' is short, 'nazorg' is the
    # word list's after-sales word: they may weigh, but the sentence names only 'flurpen'
    phases = (FLURP[0], ph("Stap twee", tp("Flurpen", "Tim ziet Noor in de bus, nazorg.")), FLURP[2])
    rows = {f"t:{stem(word)}": (0.0, 0.0, 6.0, 0.0, 0.0) for word in ("tim", "noor", "bus", "nazorg")}
    rows[f"t:{stem('flurpen')}"] = (0.0, 0.0, 2.0, 0.0, 0.0)
    with stage_model.using(model(rows)):
        match = recognise_stages(phases)[1]
    assert match.evidence == (
        "Bij ‘Stap twee’ staat ‘Flurpen’ (bij de contactmomenten): in klantreizen hoort dat meestal bij de "
        "aankoopfase."
    )


def test_when_the_words_do_not_decide_the_place_explains_the_stage(monkeypatch):
    monkeypatch.setattr(stage_module, "_LEARNED_WEIGHT", 1.0)
    # the words favour the purchase only a little (less than _WORDS_DECIDE): no word is named as the reason
    with stage_model.using(model({f"t:{stem('flurpen')}": (0.0, 0.0, 0.5, 0.0, 0.0)})):
        words = stage_model.current().words_for(stage_model.phase_words(FLURP[1]), P, E)
    assert words == []


def test_a_model_tried_in_one_thread_is_not_used_in_another():
    tried, seen = model({}), []
    with stage_model.using(tried):
        other = threading.Thread(target=lambda: seen.append(stage_model.current()))
        other.start()
        other.join()
        assert stage_model.current() is tried
    assert seen == [stage_model.load()]


def test_a_model_is_read_only_with_the_stemmer_it_was_trained_with():
    data = json.loads(data_file(stage_model.MODEL_FILE).read_text("utf-8"))
    assert data["stemmer"] == stemmer_probe()
    data["stemmer"] = ["afreken", "exam", "betal"]  # Snowball 2's Dutch stemmer
    with pytest.raises(ValueError, match="another stemmer"):
        stage_model.from_dict(data)


@pytest.mark.parametrize(
    "firm",
    [
        ph("Nazorg", tp("Flurpen", "Noor flurpt.")),  # a strong name
        ph("Flurpen (nazorg)", tp("Flurpen", "Noor flurpt.")),  # a labelled name
        ph("Flurpen", tp("Flurpen", "Noor flurpt."), stage="after_sales"),  # an explicit stage
    ],
)
def test_an_explicit_labelled_or_strong_phase_is_never_overruled(monkeypatch, firm):
    monkeypatch.setattr(stage_module, "_LEARNED_WEIGHT", 3.0)
    phases = (FLURP[0], firm, ph("Kopen", tp("Kassa", "Noor betaalt.")), ph("Zwemmen", tp("Bad", "Noor zwemt.")))
    before = recognise_stages(phases)[1]
    everything = {
        f"{prefix}:{stem(word)}": (0.0, 0.0, 0.0, 50.0, -50.0)
        for prefix in "ndt"
        for word in ("flurpen", "flurpt", "noor", "nazorg")
    }
    with stage_model.using(model(everything)):
        matches = recognise_stages(phases)
        readings = [stage_module._read(p, i == 0, (), i == len(phases) - 1) for i, p in enumerate(phases)]
        assert stage_module._learned(phases, readings)[1] is None
        # the same words in a phase that no firm word decides: the learned evidence would decide
        loose = recognise_stages((phases[0], ph("Flurpen", tp("Flurpen", "Noor flurpt.")), *phases[2:]))[1]
        assert (loose.stage, loose.source) == (E, "learned")
    assert matches[1] == before and matches[1].stage == S


def test_without_weight_the_rules_decide_alone(monkeypatch):
    monkeypatch.setattr(stage_module, "_LEARNED_WEIGHT", 0.0)
    with stage_model.using(model({f"t:{stem('flurpen')}": (-3.0, -3.0, 12.0, -3.0, -3.0)})):
        assert all(m.source != "learned" for m in recognise_stages(FLURP))


def test_training_counts_a_label_of_two_stages_half_and_keeps_only_features_seen_often():
    common = [(["n:a", "n:b"], {A: 1.0})] * MIN_COUNT + [(["n:a"], {C: 0.5, P: 0.5})]
    common += [(["t:c"], {E: 1.0})] * MIN_COUNT
    data = [*common, (["n:rare"], {S: 1.0})] + [([f"x:{i}"], {S: 1.0}) for i in range(MIN_COUNT - 1)]
    trained = train(data)
    assert set(trained["weights"]) == {"n:a", "n:b", "t:c"}  # seen in at least MIN_COUNT phases
    assert trained["phases"] == len(data) and trained["stages"] == list(STAGES)
    row = trained["weights"]["n:a"]
    assert row[0] > row[1] == row[2] > max(row[3], row[4])  # awareness each time, the two fair stages half each
    assert abs(sum(row)) < 1e-2  # centred
    assert trained["prior"][4] > trained["prior"][1]  # the rare features' phases still count in the prior
    assert train(data) == trained  # deterministic


def test_cross_validation_keeps_every_journey_in_one_fold():
    raw = journeys()
    assert len(raw) >= 100  # the tuning split, not an empty folder
    split = folds(raw)
    assert sorted(name for _, held in split for name, _ in held) == [name for name, _ in raw]
    for fit, held in split:
        assert not {name for name, _ in fit} & {name for name, _ in held}


def test_the_learning_curve_trains_on_part_of_each_fold_and_on_all_of_it_as_the_cross_validation_does():
    settings = {key: getattr(stage_module, f"_LEARNED_{key.upper()}") for key in ("weight", "floor", "scale")}
    (_, whole), = cross_validate([settings])
    (half_step, half_trained, half), (all_step, all_trained, on_all) = learning_curve((2, 1))
    assert (half_step, all_step) == (2, 1)
    assert all_trained == round(len(journeys()) * (FOLDS - 1) / FOLDS)
    assert half_trained in (all_trained // 2, all_trained // 2 + 1)
    assert on_all == whole  # all of each fold: the same figure as the cross-validation of the chosen setting
    assert half[1] == whole[1] and half != whole  # every phase measured, with another model


def test_the_held_out_curve_trained_on_the_whole_tuning_split_is_the_committed_models_figure():
    heldout = journeys(DATA / "stage_set" / "heldout")
    (step, trained, on_all), = heldout_curve((1,))
    assert (step, trained) == (1, len(journeys()))
    assert on_all == score(heldout)  # the committed model is trained on the whole tuning split
    assert on_all[1] == sum(len(raw["phases"]) for _, raw in heldout)


def test_the_committed_model_is_trained_on_the_tuning_split_as_it_is_now():
    """Adding tuning journeys without retraining fails here: `.venv/bin/python -m tests.grader.train_stage_model`."""
    committed = data_file(stage_model.MODEL_FILE).read_text("utf-8")
    assert committed == trained_text(), "retrain: .venv/bin/python -m tests.grader.train_stage_model"
    assert json.loads(committed)["phases"] == len(examples(journeys()))
