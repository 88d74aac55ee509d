"""Train the learned evidence of stage recognition (grader/stage_model.py) on the tuning split.

    .venv/bin/python -m tests.grader.train_stage_model          # writes grader/data/stage_model.json
    .venv/bin/python -m tests.grader.train_stage_model --check  # exit 1 when the committed file differs
    .venv/bin/python -m tests.grader.train_stage_model --cv [--folds 10]  # cross-validation per weight
    .venv/bin/python -m tests.grader.train_stage_model --doubt  # ... per threshold of a doubt (stages._DOUBT)
    .venv/bin/python -m tests.grader.train_stage_model --curve [--folds 10]  # ... with part of the journeys

Only the tuning split is read (every `*.journey.json` in it, so added journeys count after a
retrain); the held-out split is never trained on. Multinomial naive Bayes over the distinct
features of a phase (grader.stage_model.features): a phase labelled with two fair stages counts
half for each; only features seen in at least MIN_COUNT phases are kept; Laplace smoothing; the
log-likelihoods are centred per feature and rounded, so the file is small and the same on every
machine. The cross-validation trains on all folds but one and runs the whole recognise_stages
pipeline on the journeys of the fold left out, for every setting of the weight in stages.py.
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from pathlib import Path
from unittest import mock

from grader import parse_journey, stage_model, stages
from grader.compiled import data_file
from grader.journey import STAGES
from grader.text import stemmer_probe

from .evaluation import DATA, stage_labels

TUNING = DATA / "stage_set" / "tuning"
MIN_COUNT = 3  # phases a feature must occur in (2 was tried: one or two phases fewer in the cross-validation)
ALPHA = 1.0  # Laplace smoothing
DIGITS = 3
FOLDS = 5

Example = tuple[list[str], dict[str, float]]  # features, stage -> share of the label


def journeys(folder: Path = TUNING) -> list[tuple[str, dict]]:
    """(file name, raw journey) for every labelled journey of a split, sorted by name."""
    return [(path.name, json.loads(path.read_text("utf-8"))) for path in sorted(folder.glob("*.journey.json"))]


def examples(raw_journeys: list[tuple[str, dict]]) -> list[Example]:
    out = []
    for _, raw in raw_journeys:
        phases = parse_journey(raw).phases
        for i, raw_phase in enumerate(raw["phases"]):
            labels = sorted(stage_labels(raw_phase["x_label"]))
            out.append((stage_model.features(phases, i), {label: 1 / len(labels) for label in labels}))
    return out


def train(data: list[Example]) -> dict:
    """The model as the JSON file holds it."""
    seen = Counter(feature for features, _ in data for feature in set(features))
    vocabulary = sorted(feature for feature, count in seen.items() if count >= MIN_COUNT)
    kept = set(vocabulary)
    counts = {feature: [0.0] * len(STAGES) for feature in vocabulary}
    per_stage = [0.0] * len(STAGES)
    for features, labels in data:
        for stage, share in labels.items():
            s = STAGES.index(stage)
            per_stage[s] += share
            for feature in set(features) & kept:
                counts[feature][s] += share
    totals = [sum(row[s] for row in counts.values()) for s in range(len(STAGES))]
    size = len(vocabulary)

    def centred(values: list[float]) -> list[float]:
        mean = sum(values) / len(values)
        return [round(v - mean, DIGITS) + 0.0 for v in values]

    weights = {
        feature: centred([math.log((row[s] + ALPHA) / (totals[s] + ALPHA * size)) for s in range(len(STAGES))])
        for feature, row in counts.items()
    }
    prior = centred([math.log((n + ALPHA) / (len(data) + ALPHA * len(STAGES))) for n in per_stage])
    return {"stages": list(STAGES), "stemmer": stemmer_probe(), "phases": len(data), "prior": prior,
            "weights": weights}


def dump(model: dict) -> str:
    """Compact JSON, one feature a line (readable diffs)."""
    head = {key: model[key] for key in ("stages", "stemmer", "phases", "prior")}
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "weights": {']
    rows = [f"{json.dumps(f, ensure_ascii=False)}: {json.dumps(model['weights'][f])}" for f in sorted(model["weights"])]
    lines.append(",\n".join(rows))
    lines.append("}}")
    return "\n".join(lines) + "\n"


def trained_text() -> str:
    return dump(train(examples(journeys())))


# -- cross-validation -------------------------------------------------------------------------


def settings(**values: float):
    """Set stages._LEARNED_<NAME> for a while (a context manager)."""
    return mock.patch.multiple(stages, **{f"_LEARNED_{key.upper()}": value for key, value in values.items()})


def score(raw_journeys: list[tuple[str, dict]]) -> tuple[int, int, int, int]:
    """(correct, phases, firm right, firm) with the current model and settings."""
    correct = total = firm_right = firm = 0
    for _, raw in raw_journeys:
        matches = stages.recognise_stages(parse_journey(raw).phases)
        for raw_phase, match in zip(raw["phases"], matches, strict=True):
            ok = match.stage in stage_labels(raw_phase["x_label"])
            correct, total = correct + ok, total + 1
            if raw_phase.get("x_name_kind") in ("explicit", "strong"):
                firm_right, firm = firm_right + ok, firm + 1
    return correct, total, firm_right, firm


def folds(raw_journeys: list, k: int = FOLDS) -> list[tuple[list, list]]:
    """(train, held) per fold: journey i goes to fold i mod k (sorted by file name)."""
    return [
        ([j for i, j in enumerate(raw_journeys) if i % k != f], [j for i, j in enumerate(raw_journeys) if i % k == f])
        for f in range(k)
    ]


def fold_models(k: int = FOLDS) -> list[tuple[stage_model.Model, list]]:
    """(model trained on all folds but one, the journeys of that fold) per fold of the tuning split."""
    return [(stage_model.from_dict(train(examples(fit))), held) for fit, held in folds(journeys(), k)]


def cross_validate(grid: list[dict], k: int = FOLDS) -> list[tuple[dict, tuple[int, int, int, int]]]:
    split = fold_models(k)
    results = []
    for setting in grid:
        total = [0, 0, 0, 0]
        for model, held in split:
            with stage_model.using(model), settings(**setting):
                total = [a + b for a, b in zip(total, score(held), strict=True)]
        results.append((setting, tuple(total)))
    return results


# w = 0 is the rules alone. The chosen setting (stages.py) is weight 1, floor 8, scale 0.5.
GRID = [{"weight": 0.0}]
GRID += [{"weight": w, "floor": 8.0, "scale": 0.5} for w in (0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0)]
GRID += [{"weight": w, "floor": 8.0, "scale": 1.0} for w in (0.25, 0.5, 1.0, 2.0)]
GRID += [{"weight": w, "floor": 4.0, "scale": 0.5} for w in (0.5, 1.0, 2.0)]


DOUBTS = (0.5, 1.0, 1.5, 2.0, 3.0)


def doubt_counts(thresholds: tuple[float, ...] = DOUBTS, k: int = FOLDS) -> dict[float, Counter]:
    """Cross-validated, per threshold of stages._DOUBT: how many phases get a doubt (a second stage
    named), how many of those are misread, and of the misread phases how many have the teacher's
    stage as the other one named."""
    split, out = fold_models(k), {}
    for threshold in thresholds:
        counts: Counter = Counter()
        for model, held in split:
            with stage_model.using(model), mock.patch.object(stages, "_DOUBT", threshold):
                for _, journey in held:
                    matches = stages.recognise_stages(parse_journey(journey).phases)
                    for raw_phase, match in zip(journey["phases"], matches, strict=True):
                        labels = stage_labels(raw_phase["x_label"])
                        wrong = match.stage not in labels
                        counts["phases"] += 1
                        counts["misread"] += wrong
                        counts["doubt"] += match.other is not None
                        counts["doubt, misread"] += wrong and match.other is not None
                        counts["misread, other right"] += wrong and match.other in labels
        out[threshold] = counts
    return out


STEPS = (8, 4, 2, 1)  # train on every 8th, 4th, 2nd journey of the folds, then on all of them


def learning_curve(steps: tuple[int, ...] = STEPS, k: int = FOLDS) -> list[tuple[int, int, tuple[int, int, int, int]]]:
    """Cross-validated with the chosen setting, per step: (step, journeys trained on per fold on
    average, score) when each fold's model learns from every step-th journey of the other folds
    only. How much the figure still grows with twice the journeys shows what more data would give."""
    split = folds(journeys(), k)
    out = []
    for step in steps:
        total, trained = [0, 0, 0, 0], 0
        for fit, held in split:
            with stage_model.using(stage_model.from_dict(train(examples(fit[::step])))):
                total = [a + b for a, b in zip(total, score(held), strict=True)]
            trained += len(fit[::step])
        out.append((step, round(trained / k), tuple(total)))
    return out


def heldout_curve(steps: tuple[int, ...] = STEPS) -> list[tuple[int, int, tuple[int, int, int, int]]]:
    """The same on the held-out split, which is only measured: (step, journeys trained on, score)
    when the model learns from every step-th journey of the whole tuning split."""
    raw, heldout = journeys(), journeys(DATA / "stage_set" / "heldout")
    out = []
    for step in steps:
        with stage_model.using(stage_model.from_dict(train(examples(raw[::step])))):
            out.append((step, len(raw[::step]), score(heldout)))
    return out


def main(argv: list[str]) -> int:
    k = int(argv[argv.index("--folds") + 1]) if "--folds" in argv else FOLDS
    if "--curve" in argv:
        print("| trained on | journeys per fold | cross-validated | journeys | held-out |\n|---|---:|---:|---:|---:|")
        for (step, trained, (correct, total, _, _)), (_, whole, (right, phases, _, _)) in zip(
                learning_curve(k=k), heldout_curve(), strict=True):
            said = "all" if step == 1 else f"every {step}{'nd' if step == 2 else 'th'}"
            print(f"| {said} | {trained} | {100 * correct / total:.1f}% ({correct}/{total}) | {whole} | "
                  f"{100 * right / phases:.1f}% ({right}/{phases}) |")
        return 0
    if "--doubt" in argv:
        print("| lead below | phases with a doubt | of them misread | misread phases with a doubt | ... and the other "
              "stage right |\n|---|---:|---:|---:|---:|")
        for threshold, c in doubt_counts().items():
            print(f"| {threshold} | {c['doubt']} of {c['phases']} ({100 * c['doubt'] / c['phases']:.1f}%) | "
                  f"{c['doubt, misread']} ({100 * c['doubt, misread'] / max(1, c['doubt']):.0f}%) | "
                  f"{c['doubt, misread']} of {c['misread']} | {c['misread, other right']} |")
        return 0
    if "--cv" in argv:
        print(f"| setting | cross-validated ({k} folds of journeys) | explicit and strong |\n|---|---:|---:|")
        for setting, (correct, total, firm_right, firm) in cross_validate(GRID, k):
            said = ", ".join(f"{key} {value}" for key, value in setting.items())
            print(f"| {said} | {100 * correct / total:.1f}% ({correct}/{total}) | {firm_right}/{firm} |")
        return 0
    text, target = trained_text(), data_file(stage_model.MODEL_FILE)
    if "--check" in argv:
        same = target.exists() and target.read_text("utf-8") == text
        print("up to date" if same else f"{target} differs from the tuning split: retrain")
        return 0 if same else 1
    target.write_text(text, "utf-8")
    print(f"wrote {target} ({len(text)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
