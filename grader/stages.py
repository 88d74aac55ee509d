"""Recognise which canonical stage every journey phase is, from the student's own words.

Precedence: an explicit `phase.stage`, then the phase name, then (only when the name says
nothing) the description, then the touchpoints' names and descriptions.

Words come from a small lexicon in data/stages.toml. A word in a text matches, in this order:
exactly (folded: no case, no diacritics), by its Dutch Snowball stem, as part of a compound
(`nazorgfase`, `klantbeleving`: the longest lexicon part wins, the head on a tie) or one typo
away (names only: `orienatie`, `nazrog`; same first letter, 6+ letters, not a known real word).
Phrases (`na afloop`) are tried before single words, separable verbs (`meldt je aan`) after
them; weak words (`fase`, `stap`) never count.

In a name the first signal decides (`Kiezen en betalen` is consideration); a typo only counts
when nothing else matches. A name that starts with a "before" word (`Vooraf`, `Voor de ...`) is
awareness in the first phase and says nothing elsewhere; a name that starts with an "after"
word (`Na ...`, `Daarna`) is after-sales. In a description every match is a vote and the stage
with most weight wins (ties: the first); a stage word right after 'na', 'voor' or 'tot' there
names another moment ('Na het verblijf krijg je een enquête') and does not count. Each
touchpoint votes like that for one stage; the stage with most touchpoints wins (ties: weight).
"""
from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple, Sequence

from .journey import STAGES, Phase, Touchpoint
from .text import clean, edit_distance_at_most_one, fold, stem, stop_words, words

STAGE_TITLES: dict[str, str] = {
    "awareness": "bewustwordingsfase",
    "consideration": "overwegingsfase",
    "purchase": "aankoopfase",
    "experience": "belevingsfase",
    "after_sales": "after-salesfase",
}

_WEIGHT = {"phrase": 1.0, "exact": 1.0, "stem": 1.0, "compound": 0.8, "typo": 0.5}
_GROUP_RE = re.compile(r"[^\W_]+(?:[-‐‑'’]+[^\W_]+)*")
_NUMBERING_RE = re.compile(r"^(?:[ivx]{1,4}|.*\d.*|.)$")  # 'iv', '1e', '2a', single letters
_MAX_TOKENS = 300
_RECOGNISED = "dat herken ik als de "


@dataclass(frozen=True)
class StageMatch:
    stage: str | None  # one of grader.journey.STAGES, or None = unknown
    source: str | None  # "explicit" | "name" | "description" | "touchpoints" | "position" | None
    evidence: str  # a Dutch B1 sentence that says what was found, and where


class _Hit(NamedTuple):
    stage: str | None  # None for a "before" marker
    word: str  # the student's word(s), as written
    like: str  # the lexicon word it resembles (typos only)
    kind: str  # phrase, exact, stem, compound, typo, before, after


class _Lexicon:
    """data/stages.toml, folded and indexed once for fast look-ups."""

    def __init__(self, data: dict) -> None:
        match, position = data["match"], data["position"]
        self.typo_min, self.part_min = match["typo_min_length"], match["compound_min_part"]
        self.not_typos = frozenset(map(fold, match.get("not_typos", ())))
        self.weak = frozenset(map(fold, data["weak"]["words"])) | stop_words()
        self.before, self.after, self.governs = (
            frozenset(map(fold, position[key])) for key in ("before", "after", "governs"))
        self.markers = self.before | self.after
        self.exact: dict[str, str] = {}  # folded word -> stage
        self.display: dict[str, str] = {}  # folded word -> as written in the data file
        self.stems: dict[str, str] = {}  # Dutch stem -> stage
        self.heads: dict[str, str] = {}  # last part of a compound (word or plural) -> stage
        self.modifiers: dict[str, str] = {}  # first part of a compound (word, word+s, stem) -> stage
        self.deletes: dict[str, list[str]] = {}  # word less one letter -> words: the typo index
        self.phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}  # first word -> (words, stage)
        self.separable: dict[str, list[tuple[str, str]]] = {}  # verb -> (particle, stage)
        for stage in STAGES:
            for raw in data["words"][stage] + data["exact"][stage]:
                word = fold(raw)
                self.display.setdefault(word, raw)
                self.exact.setdefault(word, stage)
                for key in {word} | {word[:i] + word[i + 1:] for i in range(len(word))}:
                    if len(word) >= self.typo_min:
                        self.deletes.setdefault(key, []).append(word)
            for word in map(fold, data["exact"][stage]):
                self.exact.setdefault(word + "s", stage)
            for word in map(fold, data["words"][stage]):
                root = stem(word)
                if len(root) >= 4 and root[:3] == word[:3]:
                    self.stems.setdefault(root, stage)
                for form in (word, word + "s", word + "en", word + "n"):
                    if len(word) >= self.part_min:
                        self.heads.setdefault(form, stage)
                for form in (word, word + "s", root):
                    if len(form) >= self.part_min and form[:3] == word[:3]:
                        self.modifiers.setdefault(form, stage)
            for raw in data["phrases"][stage]:
                tokens = tuple(fold(w) for w in words(raw))
                self.phrases.setdefault(tokens[0], []).append((tokens, stage))
            for verb, particle in (map(fold, raw.split()) for raw in data["separable"][stage]):
                self.separable.setdefault(verb, []).append((particle, stage))
        for options in self.phrases.values():
            options.sort(key=lambda option: -len(option[0]))  # longest phrase first
        self.phrase_set = frozenset(p for options in self.phrases.values() for p, _ in options)
        self.starts = frozenset(fold(w)[:3] for s in STAGES for w in data["words"][s])


@functools.lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    return _Lexicon(tomllib.loads(resources.files("grader").joinpath("data/stages.toml").read_text("utf-8")))


@functools.lru_cache(maxsize=65536)
def _match_word(token: str) -> tuple[str, str, str] | None:
    """(stage, kind, lexicon part) for one folded word: exact, stem or compound; or None."""
    lex = _lexicon()
    if token in lex.exact:
        return lex.exact[token], "exact", token
    if token in lex.weak or len(token) < 4:
        return None
    # The stemmer is slow and drops 'ge-': only stem words that start like a lexicon word.
    if token[:3] in lex.starts or (token[:2] == "ge" and token[2:5] in lex.starts):
        root = stem(token)
        if root in lex.stems and (root[:3] == token[:3] or token[:2] == "ge"):
            return lex.stems[root], "stem", token
    best: tuple[int, str, str] | None = None  # (length of the part, stage, part)
    for k in range(3, len(token) - lex.part_min + 1):  # last part (head): longest first
        if token[k:] in lex.heads:
            best = (len(token) - k, lex.heads[token[k:]], token[k:])
            break
    for k in range(len(token) - 1, lex.part_min - 1, -1):  # first part (modifier)
        if token[:k] in lex.modifiers:
            if best is None or k > best[0]:
                best = (k, lex.modifiers[token[:k]], token[:k])
            break
    return (best[1], "compound", best[2]) if best else None


@functools.lru_cache(maxsize=65536)
def _match_typo(token: str) -> tuple[str, str, str] | None:
    """(stage, "typo", lexicon word) when the word is one typo away from one lexicon word."""
    lex = _lexicon()
    if len(token) < lex.typo_min or token in lex.not_typos or token in lex.weak:
        return None
    found = {
        word
        for key in {token} | {token[:i] + token[i + 1:] for i in range(len(token))}
        for word in lex.deletes.get(key, ())
        if word[0] == token[0] and edit_distance_at_most_one(token, word)
    }
    if len({lex.exact[w] for w in found}) == 1:
        word = min(found)
        return lex.exact[word], "typo", lex.display[word]
    return None


def _phrase_at(tokens: tuple[tuple[str, str], ...], i: int) -> tuple[_Hit, int] | None:
    for phrase, stage in _lexicon().phrases.get(tokens[i][1], ()):
        if tuple(t[1] for t in tokens[i:i + len(phrase)]) == phrase:
            said = " ".join(t[0] for t in tokens[i:i + len(phrase)])
            return _Hit(stage, said, "", "phrase"), len(phrase)
    return None


def _word_at(tokens: tuple[tuple[str, str], ...], i: int, name: bool) -> _Hit | None:
    said, folded = tokens[i]
    match = _match_word(folded) or (_match_typo(folded) if name else None)
    if match:
        return _Hit(match[0], said, match[2] if match[1] == "typo" else "", match[1])
    lex = _lexicon()  # a separable verb: 'meldt je aan', 'kijkt terug'
    for particle, stage in lex.separable.get(folded, ()) or lex.separable.get(folded[:-1], ()):
        for j in range(i + 1, min(i + 6, len(tokens))):
            if tokens[j][1] == particle:
                return _Hit(stage, " ".join(t[0] for t in tokens[i:j + 1]), "", "phrase")
    return None


@functools.lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[tuple[str, str], ...]:
    """(as written, folded) per word; numbering left out; `after-sales` and `check-in` joined."""
    lex, out = _lexicon(), []
    for group in _GROUP_RE.findall(text):
        parts = words(group)
        joined = fold("".join(parts))
        folded = tuple(fold(part) for part in parts)
        if (len(parts) > 1 and folded not in lex.phrase_set and folded[0] not in lex.markers
                and _match_word(joined)):
            out.append((group, joined))
            continue
        out.extend((p, f) for p, f in zip(parts, folded) if not _NUMBERING_RE.match(f))
    return tuple(out[:_MAX_TOKENS])


@functools.lru_cache(maxsize=8192)
def _hits(text: str, name: bool) -> tuple[_Hit, ...]:
    """Every stage signal in a text, in order. In a name typos count too, and a leading
    before/after word (only weak words before it) is returned alone: it decides. In free text
    the first signal up to three words after 'na'/'voor' is another moment ('na het verblijf'):
    it does not count."""
    lex, tokens, hits = _lexicon(), _tokens(text), []
    lead, mute, i = True, 0, 0
    while i < len(tokens):
        folded = tokens[i][1]
        found = _phrase_at(tokens, i)
        if not found and name and lead and folded in lex.markers:
            stage = "after_sales" if folded in lex.after else None
            return (_Hit(stage, tokens[i][0], "", "after" if stage else "before"),)
        hit, size = found or (_word_at(tokens, i, name), 1)
        if hit and not mute:
            hits.append(hit)
        lead = lead and not hit and folded in lex.weak
        mute = 0 if hit else 3 if not name and folded in lex.governs else max(mute - 1, 0)
        i += size
    return tuple(hits)


@functools.lru_cache(maxsize=8192)
def _name_hit(name: str) -> _Hit | None:
    hits = _hits(name, True)
    exact = [h for h in hits if h.kind != "typo"]
    return (exact or list(hits) or [None])[0]


@functools.lru_cache(maxsize=8192)
def _vote(text: str) -> tuple[_Hit | None, float]:
    """The stage with most weight in a free text, and that weight (ties: the first)."""
    weight: dict[str, float] = {}
    first: dict[str, _Hit] = {}
    for hit in _hits(text, False):
        weight[hit.stage] = weight.get(hit.stage, 0.0) + _WEIGHT[hit.kind]
        first.setdefault(hit.stage, hit)
    if not weight:
        return None, 0.0
    best = max(weight, key=weight.__getitem__)  # dicts keep order: ties go to the first
    return first[best], weight[best]


def recognise_text(text: str) -> str | None:
    """The stage a bare phase name points to, without the position rules."""
    hit = _name_hit(text or "")
    return hit.stage if hit else None


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(clean(text).split())
    return f"‘{text if len(text) <= limit else text[:limit - 1] + '…'}’"


def _found(hit: _Hit, where: str, whole: str = "") -> str:
    """'In <where> staat <word>: dat herken ik als de <stage title>.' and variants."""
    title = STAGE_TITLES[hit.stage]
    if hit.kind == "typo":
        lead = "" if hit.word == whole else f"{where} staat {_quote(hit.word)}. Dat"
        said = f"{lead or _quote(hit.word)} lijkt op {_quote(hit.like)}"
    elif hit.word == whole:
        return f"{_quote(whole)} herken ik als de {title}."
    else:
        said = f"{where} staat {_quote(hit.word)}"
    return f"{said}: {_RECOGNISED}{title}."


def _from_touchpoints(touchpoints: Sequence[Touchpoint]) -> tuple[_Hit, str] | None:
    votes: dict[str, list] = {}  # stage -> [touchpoints, weight, first hit, its touchpoint]
    for tp in touchpoints:
        hit, weight = _vote(f"{tp.name}\n{tp.description}")
        if hit:
            tally = votes.setdefault(hit.stage, [0, 0.0, hit, tp])
            tally[0] += 1
            tally[1] += weight
    if not votes:
        return None
    best = max(votes.values(), key=lambda v: (v[0], v[1]))
    return best[2], best[3].label()


@functools.lru_cache(maxsize=8192)
def _by_name(raw_name: str, first: bool) -> StageMatch | str:
    """The match a phase name decides, or else a sentence that says why the name is silent."""
    name = " ".join(clean(raw_name).split())
    hit = _name_hit(name)
    if hit and hit.kind == "before" and first:
        said = f"{_quote(name)} gaat over de tijd vooraf en is de eerste fase"
        return StageMatch("awareness", "position", f"{said}: {_RECOGNISED}{STAGE_TITLES['awareness']}.")
    if hit and hit.kind == "after":
        said = f"{_quote(name)} gaat over wat er daarna gebeurt"
        return StageMatch(hit.stage, "name", f"{said}: {_RECOGNISED}{STAGE_TITLES[hit.stage]}.")
    if hit and hit.stage:
        return StageMatch(hit.stage, "name", _found(hit, f"In {_quote(name)}", name))
    if not name:
        return "Deze fase heeft geen naam."
    if hit:
        return f"De naam {_quote(name)} gaat over de tijd vooraf, maar dit is niet de eerste fase."
    return f"De naam {_quote(name)} zegt niets over de fase."


@functools.lru_cache(maxsize=8192)
def _by_description(said: str, description: str) -> StageMatch | None:
    hit, _ = _vote(description)
    if hit:
        return StageMatch(hit.stage, "description", f"{said} {_found(hit, 'In de beschrijving')}")
    return None


def _recognise(phase: Phase, first: bool) -> StageMatch:
    explicit = (phase.stage or "").strip().lower().replace("-", "_")
    if explicit in STAGES:
        said = f"Bij {_quote(phase.label())} heb je zelf de {STAGE_TITLES[explicit]} gekozen."
        return StageMatch(explicit, "explicit", said)
    said = _by_name(phase.name, first)
    if isinstance(said, StageMatch):
        return said
    match = _by_description(said, phase.description)
    if match:
        return match
    found = _from_touchpoints(phase.touchpoints)
    if found:
        hit, label = found
        where = f"Bij de contactmomenten, zoals {_quote(label)},"
        return StageMatch(hit.stage, "touchpoints", f"{said} {_found(hit, where)}")
    name = " ".join(clean(phase.name).split())
    where = f"Bij {_quote(name)}" if name else "Bij deze fase zonder naam"
    return StageMatch(None, None, f"{where} herken ik geen fase.")


def recognise_stages(phases: Sequence[Phase]) -> list[StageMatch]:
    """One StageMatch per phase, in the same order."""
    return [_recognise(phase, i == 0) for i, phase in enumerate(phases)]
