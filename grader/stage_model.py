"""Learned evidence for stage recognition: a small naive Bayes reader of a phase.

`tests/grader/train_stage_model.py` counts, on the tuning split of the labelled journeys, how often
each feature of a phase goes with each stage, and writes `data/stage_model.json`. A feature is a
word of the name, of the description or of the touchpoints (folded and stemmed, with a prefix for
where it stands), the phase's place in the journey, the kinds of channel of its touchpoints, and
the stage the names of the phases before and after it point to. `stages.py` adds the result to
its own reading of a phase that no firm word decides (see its docstring). Reading a phase costs
a few dictionary look-ups; the file is loaded once, the first time it is needed.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import json
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from .channels import ONLINE, channel_kinds
from .compiled import compiled, data_file
from .journey import STAGES, Phase
from .stage_words import hits, name_hit
from .text import fold, stem, stemmer_probe, stop_words, words

MODEL_FILE = "stage_model.json"
# Words that number or frame a phase ('Stap 6', 'Fase 2: …'): features, but not worth quoting.
_FRAMING = frozenset({"stap", "stappen", "fase", "step", "steps", "phase", "deel", "part"})
# How much more likely (log) a word must be with a stage than with any other to be quoted for it.
_TYPICAL = 0.5
# How much the words of a phase together must favour the learned stage over the rules' one to be
# named as the reason (log); less, and the phase's place and neighbours decided.
_WORDS_DECIDE = 1.0


@dataclass(frozen=True)
class Model:
    prior: tuple[float, ...]  # per stage, in the order of STAGES
    weights: dict[str, tuple[float, ...]]  # feature -> log-likelihood per stage (centred)
    _own: dict = field(default_factory=dict, compare=False, repr=False)  # phase -> (sums, name stage)
    _places: dict = field(default_factory=dict, compare=False, repr=False)  # place -> sums

    def _sum(self, features: Sequence[str]) -> list[float]:
        totals = [0.0] * len(self.prior)
        for feature in features:
            row = self.weights.get(feature)
            if row:
                for s, value in enumerate(row):
                    totals[s] += value
        return totals

    def _posterior(self, totals: Sequence[float], scale: float) -> tuple[float, ...]:
        totals = [p + scale * t for p, t in zip(self.prior, totals, strict=True)]
        top = max(totals)
        norm = top + math.log(sum(math.exp(t - top) for t in totals))
        return tuple(t - norm for t in totals)

    def log_posterior(self, features: Sequence[str], scale: float = 1.0) -> tuple[float, ...]:
        """log P(stage | features) per stage, the features' log-likelihoods multiplied by `scale`;
        features the model has not seen do not count."""
        return self._posterior(self._sum(features), scale)

    def journey(self, phases: Sequence[Phase], scale: float = 1.0) -> list[tuple[float, ...]]:
        """log_posterior(features(phases, i), scale) for every phase, faster: what a phase says
        by itself is summed once per phase (phases are frozen), only its place per journey."""
        own = []
        for phase in phases:
            known = self._own.get(phase)
            if known is None:
                if len(self._own) >= 4096:
                    self._own.clear()
                known = self._own[phase] = (self._sum(_own_features(phase)), _name_stage(phase))
            own.append(known)
        out, n = [], len(phases)
        for i, (sums, _) in enumerate(own):
            key = (
                i if i < 1 else -1 if i == n - 1 else min(3, 4 * i // n) + 1,
                i == n - 1,
                own[i - 1][1] if i else None,
                own[i + 1][1] if i + 1 < n else None,
            )
            place = self._places.get(key)
            if place is None:
                place = self._places[key] = self._sum(_place_features(i, n, key[2], key[3]))
            out.append(self._posterior([a + b for a, b in zip(sums, place, strict=True)], scale))
        return out

    def words_for(
        self, found: Sequence[tuple[str, str, str]], stage: str, against: str, limit: int = 2
    ) -> list[tuple[str, str]]:
        """(word as written, where) of the words that weigh most for `stage` over `against`, best
        first; none when the words together do not favour `stage` by _WORDS_DECIDE (then the
        phase's place decided, and its sentence says so). Only words typical of `stage` (more likely
        with it than with any other stage, by _TYPICAL), of four letters or more, that the word
        list does not give to another stage and that are no name of a person are worth naming to
        a student: 'formulier' for the purchase, not 'maakt', 'uur' or 'Tim'."""
        s, a = STAGES.index(stage), STAGES.index(against)
        ranked, together = [], 0.0
        for order, (feature, said, where) in enumerate(found):
            row = self.weights.get(feature)
            if not row:
                continue
            lead = row[s] - row[a]
            together += lead
            posterior = [v + p for v, p in zip(row, self.prior, strict=True)]
            typical = posterior[s] - max(v for j, v in enumerate(posterior) if j != s)
            if lead > 0 and typical >= _TYPICAL and len(said) >= 4 and fold(said) not in _FRAMING and (
                    _lexicon_agrees(said, stage)):
                ranked.append((-lead, order, said, where))
        if together < _WORDS_DECIDE:
            return []
        chosen, seen = [], set()
        for _, _, said, where in sorted(ranked):
            if fold(said) not in seen:
                seen.add(fold(said))
                chosen.append((said, where))
            if len(chosen) == limit:
                break
        return chosen


@functools.lru_cache(maxsize=4096)
def _lexicon_agrees(word: str, stage: str) -> bool:
    """The word list gives the word no stage, or this one (so a report never names one word for two)."""
    return all(hit.stage is None or stage in (hit.stage, hit.also) for hit in (*hits(word, False), *hits(word, True)))


def _text_words(text: str, prefix: str, where: str, out: dict[str, tuple[str, str, str]], name: bool) -> None:
    """Adds the text's word features. A word with a capital letter is quoted (a name's first word:
    'Ontvangst') only when it starts a name: inside a text, or at the start of a sentence that
    mostly starts with the customer ('Tim belt'), it is mostly a person's name, and is left ""."""
    stops = stop_words()
    for i, word in enumerate(words(text)):
        folded = fold(word)
        if len(folded) > 1 and folded not in stops and not folded.isdigit():
            feature = f"{prefix}:{stem(folded)}"
            if feature not in out:
                named = word[:1].isupper() and not (name and i == 0)
                out[feature] = (feature, "" if named else word, where)


@functools.lru_cache(maxsize=4096)  # phases are frozen: a re-check reads only what changed
def phase_words(phase: Phase) -> tuple[tuple[str, str, str], ...]:
    """(feature, word as written, where) for every distinct word feature of a phase, in order."""
    out: dict[str, tuple[str, str, str]] = {}
    _text_words(phase.name, "n", "name", out, True)
    _text_words(phase.description, "d", "description", out, False)
    for tp in phase.touchpoints:
        _text_words(tp.name, "t", "touchpoints", out, True)
        _text_words(tp.description, "t", "touchpoints", out, False)
    return tuple(out.values())


@functools.lru_cache(maxsize=4096)
def _channel_features(phase: Phase) -> tuple[str, ...]:
    kinds = set().union(*(channel_kinds(tp.channel) for tp in phase.touchpoints))
    if not phase.touchpoints:
        return ("c:none",)
    return tuple(f"c:{kind}" for kind in sorted(kinds)) + (() if ONLINE in kinds else ("c:no-online",))


def _name_stage(phase: Phase) -> str:
    hit = name_hit(" ".join(phase.name.split()))
    return (hit.stage or "before") if hit else "none"


def _own_features(phase: Phase) -> list[str]:
    return [feature for feature, _, _ in phase_words(phase)] + list(_channel_features(phase))


def _place_features(i: int, n: int, before: str | None, after: str | None) -> list[str]:
    out = []
    if i == 0:
        out.append("p:first")
    if i == n - 1:
        out.append("p:last")
    if 0 < i < n - 1:
        out.append("p:middle")
        out.append(f"r:{min(3, 4 * i // n)}")
    out.append(f"prev:{before or 'start'}")
    out.append(f"next:{after or 'end'}")
    return out


def features(phases: Sequence[Phase], i: int) -> list[str]:
    """Every feature of phase i of a journey: its words (n: name, d: description, t: touchpoints),
    its channels (c:), its place (p:, r:) and what the names before and after it point to."""
    n = len(phases)
    before = _name_stage(phases[i - 1]) if i else None
    after = _name_stage(phases[i + 1]) if i + 1 < n else None
    return _own_features(phases[i]) + _place_features(i, n, before, after)


def from_dict(data: dict) -> Model:
    if tuple(data["stages"]) != STAGES:
        raise ValueError(f"{MODEL_FILE}: the stages are not {STAGES}")
    if data.get("stemmer") != stemmer_probe():
        raise ValueError(f"{MODEL_FILE} was trained with another stemmer ({data.get('stemmer')}, here "
                         f"{stemmer_probe()}): install snowballstemmer 3 or retrain the model")
    if any(len(row) != len(STAGES) for row in data["weights"].values()):
        raise ValueError(f"{MODEL_FILE}: every weight needs one value per stage")
    return Model(tuple(data["prior"]), {feature: tuple(row) for feature, row in data["weights"].items()})


def _build(text: str) -> Model:
    return from_dict(json.loads(text))


@functools.lru_cache(maxsize=1)
def load() -> Model:
    """The committed model (data/stage_model.json), read once (from its compiled copy: grader/compiled.py)."""
    return compiled(data_file(MODEL_FILE), __file__, _build)


# A model being tried (cross-validation) instead of the committed one, per thread and task.
_instead: contextvars.ContextVar[Model | None] = contextvars.ContextVar("stage_model_instead", default=None)


def current() -> Model:
    return _instead.get() or load()


@contextlib.contextmanager
def using(model: Model) -> Iterator[None]:
    """Read with `model` instead of the committed one (for training and cross-validation); other
    threads (a web server's requests) keep the committed one."""
    token = _instead.set(model)
    try:
        yield
    finally:
        _instead.reset(token)
