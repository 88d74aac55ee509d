"""Recognise the stage of every phase of a journey: one decision over the whole journey.

First each phase is read on its own (`_read`), as a teacher reads a phase card:
- an explicit `stage` (the builder's "Soort fase") decides;
- a stage name in brackets or after a colon ("Inschrijven (aankoop)") counts almost as much;
- the name: its first signal decides the phase's own reading (`Vergelijken en betalen` is
  consideration; the second step of such a name weighs as much, so the place decides), except a
  Dutch verb after its object (`Inspiratie zoeken`), choosing a moment (`Afspraak plannen` is
  booking) and a question about which option (`Welke school?`); strong
  names (Bewustwording, Nazorg) weigh much more than normal words (Vergelijken), and weak words
  (Bericht, Bevestiging) hardly count;
- only when the name says nothing, the description, then the touchpoints (each touchpoint votes)
  give the reading; they always add a little weight.
In the first phase, what happens (noticing a need, a friend's tip, an
advert) and nothing of the name's own stage outweighs a name that is no stage's own name
('Summer plans' where Petra sees a friend's holiday photos is the awareness); in the last phase
what happens after the service does the same ('De foto's' where the couple writes a review).
Every reading gives each stage a score. Then the whole journey is decided at once (`_decide`):
the best-scoring sequence of stages (Viterbi), where the order of a customer journey is the
prior: awareness first, after-sales last, the middle stages in order but allowed to interleave
(a restaurant guest orders and pays during the visit). Strong and normal words outweigh the
prior, so a student who puts "Bewustwording" second keeps that stage and gets the order
feedback; the prior only decides what the words leave open: a weak word out of place, or a
phase that says what happens but not which stage ("Zwemmen" between buying and after-sales is
the experience). One exception: the after-salesfase is the one students forget, so a phase is
not read as after-sales by its place alone, nor from one weak hint in a touchpoint
('Innameherinnering'); something in it must say it comes after the service (a word such as
nazorg or review, or "na twee weken" in the last phase: in a phase in the middle, time passing
is mostly part of the service). Only the last phase may be after-sales by its place, when
an earlier phase bought or used the service and the organisation is in contact again in it (a
mail, a letter, a call); a last phase at home without contact is not. A phase is read as a step back
in the journey only when it has a word for that earlier stage, and in the last phase a mail or a
call that names the service already used ('nog één les op de kaart') is not using it again. A
phase with nothing to read stays unrecognised, and its sentence says the student can choose the
stage in the builder. A phase whose place leaves two stages almost equally likely gets the more
likely one, and its sentence names both and says the student can choose. More generally, a phase no
firm word decides whose stage leads the best sequence with another stage there by less than
`_DOUBT` is a doubt: `StageMatch.other` names that stage and the sentence ends with it ("Maar ik
weet het niet zeker: het kan ook de aankoopfase zijn.").

Learned evidence (`_learned`, `grader/stage_model.py`) joins the decision for every phase that no
firm word decides (an explicit stage, a labelled or strong name, an assignment's own word): a
small naive Bayes reader, trained on the tuning split of our labelled journeys, knows how often
each word of a name, a description or the touchpoints, a phase's place, its kinds of channel and
what the names before and after it point to went with each stage. It adds weight × (its
log-probability of the stage, at least −floor, plus floor) to the phase's scores; it is no stage
word, so it does not count as saying a stage for the after-sales rule nor for a step back. When it
changes what the rules alone decide, the sentence names the one or two words that weighed most,
and where they stand: "Hier staan ‘tickets’ (in de naam) en ‘mail’ (bij de contactmomenten): in
klantreizen hoort dat meestal bij de aankoopfase." The weight was chosen by cross-validation over journeys of the
tuning split (`python -m tests.grader.train_stage_model --cv`), never on the held-out split.

Every decision comes with a Dutch B1 sentence that says what was found, and where.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from operator import add

from . import stage_model
from .channels import OFFLINE, ONLINE, channel_kinds
from .journey import STAGES, Phase, Touchpoint
from .stage_words import NORMAL, STRONG, WEAK, Hit, deciding, hits, later_in, lexicon, name_hit, tokens_of
from .text import clean, fold, shorten, words

STAGE_TITLES: dict[str, str] = {
    "awareness": "bewustwordingsfase",
    "consideration": "overwegingsfase",
    "purchase": "aankoopfase",
    "experience": "belevingsfase",
    "after_sales": "after-salesfase",
}

# What a customer does in each stage, for sentences about a phase read from its place.
_DOES = {
    "awareness": "de klant merkt hier dat er iets nodig is, nog vóór het eerste contact",
    "consideration": "de klant zoekt hier uit wat er te kiezen is",
    "purchase": "de klant kiest hier en zet de stap",
    "experience": "de klant gebruikt hier de dienst",
    "after_sales": "dit gebeurt als de klant de dienst al gebruikt heeft",
}

_RECOGNISED = "dat herken ik als de "
_CHOOSE = "Kies zelf de ‘Soort fase’ in de bouwer."
_ORDER = {stage: i for i, stage in enumerate(STAGES)}
_AWARENESS, _PURCHASE, _EXPERIENCE, _AFTER_SALES = STAGES[0], STAGES[2], STAGES[3], STAGES[-1]

# -- scores: how much each kind of evidence counts --------------------------------------------
_EXPLICIT = 100.0  # the student chose the stage
_LABELLED = 50.0  # a stage name in brackets or after a colon
_NAME = {STRONG: 15.0, NORMAL: 7.0, WEAK: 1.5}  # the first signal in a name
_KIND = {"typo": 0.6, "compound": 0.85, "modifier": 0.5}  # less sure than an exact word or a stem
_LATER_IN_NAME = 0.4  # later signals in a name count for less
_AFTER_WORD = 4.0  # a name that starts with 'Na', 'Daarna', 'Post-'
_BEFORE_WORD_FIRST = 5.0  # 'Vooraf', 'Voor de ...' as the first phase
_FREE = {STRONG: 3.0, NORMAL: 2.0, WEAK: 0.5}  # a signal in a description
_TOUCHPOINT = 1.0  # a touchpoint that votes for a stage
_LATER_IN_TEXT = 0.25  # "na drie dagen" in a phase in the middle: time passes, often within the service
_FREE_CAP = 4.0  # description and touchpoints each add at most this much per stage
# The order prior (added to the scores along a sequence of stages).
_START = {"awareness": 1.0, "consideration": 0.0, "purchase": -0.25, "experience": -0.5, "after_sales": -2.0}
_END = {"awareness": -2.0, "consideration": -0.5, "purchase": -0.25, "experience": 0.0, "after_sales": 1.0}
_NEXT = 0.75  # one stage further
_SKIP = 0.0  # per stage skipped
_BACK = -1.5  # back to an earlier middle stage: allowed, the middle may interleave
_AGAIN = -2.5  # back to awareness, or on after after-sales
_SILENT_BACK = -1.0  # ... to a stage the phase itself says nothing of
# Staying in a stage: the experience often takes several phases, the other stages mostly one.
_STAY = {"awareness": -0.5, "consideration": -0.5, "purchase": -0.5, "experience": 0.0, "after_sales": -0.25}
_UNSAID_AFTER_SALES = -5.0  # a phase with no word of after-sales is not read as after-sales by its place
_SAID_AFTER_SALES = 0.5  # less than this (one weak hint in a touchpoint) does not say it either
# ... except the last phase when it comes after buying or using and the organisation is in contact
# with the customer again (a mail, a letter, a call): then its place counts, though less than a word.
_AFTER_USE = -1.0
# Offline channels that are contact with the organisation rather than a place ('thuis', 'de kamer');
# every online channel (mail, app, website) is contact. Compounds count by their last part.
_CONTACT = ("brief", "post", "kaart", "kaartje", "telefoon", "telefonisch", "telefoongesprek", "bellen",
            "belletje", "huisbezoek", "letter", "card", "postcard", "phone", "call", "visit")
_REMOTE = tuple(word for word in _CONTACT if word not in ("huisbezoek", "visit"))
_MARGIN = 0.25  # a phase read only from its place with less lead than this over the next stage is a guess
# A phase no firm word decides, whose stage leads the best sequence with another stage there by less
# than this, is a doubt: its sentence names the other stage too. Chosen by cross-validation on the
# tuning split (docs/grader.md): about 8% of phases, a third of them misread.
_DOUBT = 1.5

# Learned evidence (grader/stage_model.py): weight × (log-probability of the stage, at least −floor,
# plus floor), for phases no firm word decides; chosen by cross-validation on the tuning split.
_LEARNED_WEIGHT = 1.0
_LEARNED_FLOOR = 8.0
_LEARNED_SCALE = 0.5  # the words' log-likelihoods are multiplied by this (less than 1: less sure)

_BEING_THERE = 4.0  # a name that says where the customer is, or that it is the day itself
# "In de wachtkamer", "At the pool", "Bij de kapper": the customer is at a place (an offline one).
_AT_PLACE_RE = re.compile(r"^(?:in|op|bij|aan|at|on|inside)\s+(?:de|het|the)\s+(\w+(?:\s+\w+){0,3})$")
# "De dag van de uitvaart", "The wedding day", "Moving day", "Zondagmiddag", "Saturday morning": the day
# of the service itself.
_WEEKDAY = (r"(?:maan|dins|woens|donder|vrij|zater|zon)dag|monday|tuesday|wednesday|thursday|friday|saturday"
            r"|sunday")
_THE_DAY_RE = re.compile(
    r"^(?:(?:de|het|the)\s+)?(?:(?:dag|day|avond|evening|night)\s+(?:van|of)\b.*|(?:\w+\s+)?(?:dag|day)"
    r"|(?:dag|avond|ochtend|middag|nacht|moment|day|evening|night|morning|moment)\s+(?:zelf|itself)"
    rf"|(?:{_WEEKDAY})\s*(?:ochtend|middag|avond|nacht|morning|afternoon|evening|night)?)$")
# "Voorbereiding door de afdeling", "Check by the venue": a step the organisation takes.
_BY_ORGANISATION_RE = re.compile(r"\b(?:door|by)\s+(?:de|het|the)\s+\w+")
# A question about which option: "Welke school?", "Which ticket?", "Where to go?", "Waar naartoe?".
_WHICH_RE = re.compile(r"^\W*(?:welke|welk|which|(?:waar|where|wat|what)\s+(?:naartoe|heen|to|kiezen|kies))\b")
_LABELLED_RE = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]|:\s*(.+)$")


@dataclass(frozen=True)
class StageMatch:
    stage: str | None  # one of grader.journey.STAGES, or None = unknown
    source: str | None  # "explicit" | "name" | "description" | "touchpoints" | "position" | "learned" | None
    evidence: str  # a Dutch B1 sentence that says what was found, and where
    other: str | None = None  # a second stage almost as likely (only with a stage): the grader doubts


@dataclass(frozen=True)
class _Reading:
    """One phase read on its own."""

    scores: tuple[float, ...]  # per stage, in the order of STAGES
    match: StageMatch | None  # the phase's own verdict, before the journey is taken into account
    silent: str  # why the name says nothing ("" when it does)
    readable: bool  # the phase has a description or touchpoints to read
    found: dict[str, str]  # stage -> a sentence about the first signal for it
    double: str = ""  # the name's word with two meanings ('tour', 'afscheid'), whose place decides
    by_organisation: bool = False  # a step the organisation takes ('Voorbereiding door de afdeling')
    about_use: float = 0.0  # the experience score from touchpoints at a distance (a mail, a letter, a call)
    firm: bool = False  # an explicit stage, a labelled or strong name, an assignment's own word: never overruled

    @property
    def evident(self) -> bool:
        return any(self.scores)


def recognise_text(text: str) -> str | None:
    """The stage a bare phase name points to, without the journey around it."""
    hit = name_hit(text or "")
    return hit.stage if hit else None


OwnWords = tuple[tuple[str, tuple[str, ...]], ...]  # (stage, words): an assignment's own words


def recognise_stages(phases: Sequence[Phase], own_words: OwnWords = ()) -> list[StageMatch]:
    """One StageMatch per phase, in the same order, decided over the whole journey. `own_words`
    are an assignment's words per stage (Rubric.stage_words); they beat the lexicon."""
    own = _own_index(own_words)
    readings = [_read(phase, i == 0, own, i == len(phases) - 1) for i, phase in enumerate(phases)]
    return _decide(phases, readings, _learned(phases, readings))


def _learned(phases: Sequence[Phase], readings: list[_Reading]) -> list[tuple[float, ...] | None]:
    """What the phases' words say in journeys of the tuning split (grader/stage_model.py): per
    phase a score per stage, or None for a phase a firm word decides (or when it is switched off)."""
    if not _LEARNED_WEIGHT or len(phases) < 2 or all(reading.firm for reading in readings):
        return [None] * len(phases)
    posteriors = stage_model.current().journey(phases, _LEARNED_SCALE)
    return [None if reading.firm else tuple(_LEARNED_WEIGHT * (max(p, -_LEARNED_FLOOR) + _LEARNED_FLOOR)
                                            for p in posterior)
            for reading, posterior in zip(readings, posteriors, strict=True)]


@functools.lru_cache(maxsize=256)
def _own_index(own_words: OwnWords) -> tuple[tuple[tuple[str, ...], str, str], ...]:
    """(folded words, stage, as written) per own word, longest first."""
    entries = [(tuple(fold(w) for w in words(word)), stage, word) for stage, found in own_words for word in found]
    return tuple(sorted((e for e in entries if e[0]), key=lambda e: -len(e[0])))


@functools.lru_cache(maxsize=8192)
def _own_hit(text: str, own: tuple[tuple[tuple[str, ...], str, str], ...]) -> tuple[str, str] | None:
    """(stage, word as the assignment writes it) for the first own word in a text."""
    if not own or not text:
        return None
    tokens = tuple(fold(w) for w in words(text))
    for i in range(len(tokens)):
        for phrase, stage, word in own:
            if tokens[i:i + len(phrase)] == phrase:
                return stage, word
    return None


# -- one phase --------------------------------------------------------------------------------

def _quote(text: str, limit: int = 60) -> str:
    return f"‘{shorten(clean(text), limit)}’"


def _found(hit: Hit, where: str, whole: str = "") -> str:
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


@functools.lru_cache(maxsize=8192)
def _vote(text: str) -> tuple[Hit | None, float, tuple[tuple[str, float], ...]]:
    """The stage with most weight in a free text (ties: the first), its weight, and the weight
    of every stage."""
    weight: dict[str, float] = {}
    first: dict[str, Hit] = {}
    for hit in hits(text, False):
        for stage in (hit.stage, hit.also) if hit.also else (hit.stage,):  # two meanings: both
            weight[stage] = weight.get(stage, 0.0) + _FREE[hit.tier] * _KIND.get(hit.kind, 1.0)
            first.setdefault(stage, hit if stage == hit.stage else hit._replace(stage=stage))
    if not weight:
        return None, 0.0, ()
    best = max(weight, key=weight.__getitem__)  # dicts keep order: ties go to the first
    return first[best], weight[best], tuple(weight.items())


def _from_touchpoints(touchpoints: Sequence[Touchpoint]) -> tuple[dict[str, float], dict[str, tuple[Hit, str]]]:
    """Each touchpoint votes for its strongest stage: (votes per stage, first hit and touchpoint)."""
    votes: dict[str, list] = {}  # stage -> [touchpoints, weight]
    first: dict[str, tuple[Hit, str]] = {}
    for tp in touchpoints:
        hit, weight, every = _vote(f"{tp.name}\n{tp.description}")
        if hit:
            # a word with two meanings ('Intake') votes for both its stages when nothing else decides
            for stage in (s for s, w in every if w == weight and s in (hit.stage, hit.also)):
                tally = votes.setdefault(stage, [0, 0.0])
                tally[0] += 1
                tally[1] += min(weight, _FREE[STRONG]) / _FREE[NORMAL]
                first.setdefault(stage, (hit if stage == hit.stage else hit._replace(stage=stage), tp.label()))
    ranked = sorted(votes, key=lambda s: (votes[s][0], votes[s][1]), reverse=True)
    # A vote counts as much as its words: a normal word 1, a weak one ('boeken' in running text) 0.25.
    return {s: votes[s][1] for s in ranked}, {s: first[s] for s in ranked}


@functools.lru_cache(maxsize=8192)
def _by_name(raw_name: str, first: bool) -> tuple[StageMatch | str, tuple[tuple[str, float], ...]]:
    """The match a phase name decides (or a sentence why the name is silent), and the weight
    the name gives each stage."""
    name = " ".join(clean(raw_name).split())
    labelled = _labelled(name)
    if labelled:
        hit, weight = labelled
        return StageMatch(hit.stage, "name", _found(hit, f"In {_quote(name)}", name)), ((hit.stage, weight),)
    found = hits(name, True)
    hit = deciding(found)  # from `found` itself: the weights below tell its signals apart by identity
    if hit and hit.kind == "before":
        if first:
            said = f"{_quote(name)} gaat over de tijd vooraf en is de eerste fase"
            match = StageMatch(_AWARENESS, "position", f"{said}: {_RECOGNISED}{STAGE_TITLES[_AWARENESS]}.")
            return match, ((_AWARENESS, _BEFORE_WORD_FIRST),)
        return f"De naam {_quote(name)} gaat over de tijd vooraf, maar dit is niet de eerste fase.", ()
    if hit and hit.kind == "after":
        said = f"{_quote(name)} gaat over wat er daarna gebeurt"
        match = StageMatch(hit.stage, "name", f"{said}: {_RECOGNISED}{STAGE_TITLES[hit.stage]}.")
        return match, ((hit.stage, _AFTER_WORD),)
    later = later_in(name)
    if later and (not hit or hit.tier != STRONG):
        said = (f"In {_quote(name)} staat {_quote(later)}: dat is na afloop, "
                f"en {_RECOGNISED}{STAGE_TITLES[_AFTER_SALES]}.")
        return StageMatch(_AFTER_SALES, "name", said), ((_AFTER_SALES, _AFTER_WORD),)
    strong = hit is not None and hit.tier == STRONG and fold(hit.word) not in lexicon().booking_verbs
    booked = None if strong else _books_a_moment(name)
    if booked:  # 'Afspraak plannen', 'Datum kiezen', 'Picking a date': choosing a moment is booking it
        said = f"In {_quote(name)} kiest de klant een moment ({_quote(booked)}): {_RECOGNISED}aankoopfase."
        return StageMatch(_PURCHASE, "name", said), ((_PURCHASE, _NAME[NORMAL]),)
    if _WHICH_RE.match(fold(name)) and (not hit or hit.tier != STRONG):
        # "Welke school?", "Which ticket?", "Where to go?": the customer chooses between options
        weights = {"consideration": _NAME[NORMAL]}
        for other in found:
            weights[other.stage] = weights.get(other.stage, 0.0) + _NAME[other.tier] * _LATER_IN_NAME
        said = f"{_quote(name)} is een vraag naar wat de klant kiest: {_RECOGNISED}{STAGE_TITLES['consideration']}."
        return StageMatch("consideration", "name", said), tuple(weights.items())
    if not first and name.rstrip().endswith("?") and not hit and any(ch.isalpha() for ch in name):
        # "Wat nu?", "Can I get money back?", "Is a pass worth it?": with no stage word in it, the
        # customer's own question is weighing what to do (not in the first phase: there it is the need)
        said = f"{_quote(name)} is een vraag die de klant zich stelt: {_RECOGNISED}{STAGE_TITLES['consideration']}."
        return StageMatch("consideration", "name", said), (("consideration", _NAME[NORMAL]),)
    if hit:
        weights: dict[str, float] = {}
        verb = _verb_last(name, found, hit)
        if verb:  # 'Inspiratie zoeken': what the customer does decides, the noun is what it is about
            hit = verb._replace(tier=max(verb.tier, hit.tier, key=_NAME.__getitem__))
        second = _second_part(name, found, hit)
        for other in found:
            factor = 1.0 if other is hit or other is verb or other is second else _LATER_IN_NAME
            weight = _NAME[other.tier if other is not verb else hit.tier] * _KIND.get(other.kind, 1.0) * factor
            for stage in (other.stage, other.also) if other.also else (other.stage,):  # two meanings: both
                weights[stage] = weights.get(stage, 0.0) + weight
        return StageMatch(hit.stage, "name", _found(hit, f"In {_quote(name)}", name)), tuple(weights.items())
    if not name:
        return "Deze fase heeft geen naam.", ()
    being_there = None if first else _being_there(name)
    if being_there:  # not in the first phase: there the customer is somewhere before any contact ('Op het feest')
        return StageMatch(_EXPERIENCE, "name", being_there), ((_EXPERIENCE, _BEING_THERE),)
    return f"De naam {_quote(name)} zegt niets over de fase.", ()


def _books_a_moment(name: str) -> str | None:
    """The moment a name chooses or plans ('Afspraak plannen', 'Datum kiezen'), or None."""
    lex = lexicon()
    tokens = tokens_of(name)
    folded = [f for _, f in tokens]
    verbs = [i for i, f in enumerate(folded) if f in lex.booking_verbs]
    for i, (said, f) in enumerate(tokens):
        if (f in lex.moments or any(f.endswith(m) for m in lex.moments if len(m) >= 4)) and any(
                0 < abs(i - v) <= 3 for v in verbs):
            return said
    return None


def _being_there(name: str) -> str | None:
    """A sentence when a name without stage words says the customer is there: at a place
    ('In de sauna') or on the day itself ('De dag van de uitvaart')."""
    folded = " ".join(fold(word) for word in words(name))
    place = _AT_PLACE_RE.match(folded)
    if place and channel_kinds(place.group(1)) == {OFFLINE}:
        return f"{_quote(name)} zegt waar de klant is: {_RECOGNISED}{STAGE_TITLES[_EXPERIENCE]}."
    if _THE_DAY_RE.match(folded):
        return f"{_quote(name)} gaat over de dag zelf: {_RECOGNISED}{STAGE_TITLES[_EXPERIENCE]}."
    return None


_AND_RE = re.compile(r"\s+(?:en|and|\+|&)\s+")


def _second_part(name: str, found: tuple[Hit, ...], hit: Hit) -> Hit | None:
    """In 'Consult + deposit', 'Factuur en enquête' the second part's first signal counts as much as
    the first's: a phase named by two steps may be either, and its place decides."""
    parts = _AND_RE.split(name, maxsplit=1)
    if len(parts) < 2:
        return None
    other = next((h for h in hits(parts[1], True) if h.stage and h.kind != "typo"), None)
    if other is None or other.stage == hit.stage:
        return None
    return next((h for h in found if h.word == other.word and h.stage == other.stage), None)


def _verb_last(name: str, found: tuple[Hit, ...], hit: Hit) -> Hit | None:
    """The verb that ends a Dutch name after its object ('Bezorgmoment kiezen', 'Vakantie boeken'):
    it says what the customer does, so it counts as much as the noun before it. Not when the name
    starts with a verb itself ('Vergelijken en betalen': the first one decides). Also an offer agreed
    to ('Offerte akkoord', `_agreed_to`)."""
    tokens = tokens_of(name)
    if len(found) < 2 or len(tokens) < 2 or hit.kind not in ("exact", "stem", "compound"):
        return None
    last = found[-1]
    said, folded = tokens[-1]
    if last is hit or last.word != said or last.kind not in ("exact", "stem"):
        return None
    if _agreed_to(tokens, hit, last):
        return last
    if not folded.endswith("en") or fold(hit.word).endswith("en"):
        return None
    return last


_PARTICIPLE_PREFIXES = ("ge", "be", "ver", "onder", "ont", "her", "er")
_NEGATIONS = frozenset({"niet", "geen", "nooit", "not", "no", "never"})


def _agreed_to(tokens: list[tuple[str, str]], hit: Hit, last: Hit) -> bool:
    """'Offerte akkoord', 'Quote signed', 'Plan goedgekeurd', 'Vakantie geboekt': what the customer
    compared is agreed to, or what is used later is booked, so the commitment is made. Only a
    purchase word after a word of the consideration or the experience ('Refund approved' stays
    after-sales, 'Lesson 3 cancelled' the lesson), as a past participle ('getekend', 'ondertekend',
    'goedgekeurd', 'signed') or 'akkoord', and not denied ('Offerte niet akkoord')."""
    folded = tokens[-1][1]
    done = folded.endswith("ed") or folded == "akkoord" or (folded.endswith(("d", "t")) and (
        folded.startswith(_PARTICIPLE_PREFIXES) or "ge" in folded[2:]))  # 'goed-ge-keurd': a separable verb
    return (hit.stage in ("consideration", _EXPERIENCE) and last.stage == _PURCHASE and done
            and tokens[-2][1] not in _NEGATIONS)


def _labelled(name: str) -> tuple[Hit, float] | None:
    """A stage name in brackets or after a colon: 'Inschrijven (aankoop)', 'Offertes: overweging'."""
    for match in _LABELLED_RE.finditer(name):
        part = next(group for group in match.groups() if group is not None)
        hit = name_hit(part)
        if hit and hit.stage and hit.kind != "typo" and (
                hit.tier == STRONG or (hit.tier == NORMAL and match.group(3) is None)):
            return hit, _LABELLED
    return None


@functools.lru_cache(maxsize=4096)  # phases are frozen: a re-check reads only what changed
def _read(phase: Phase, first: bool, own: tuple = (), last: bool = False) -> _Reading:
    scores = dict.fromkeys(STAGES, 0.0)
    found: dict[str, str] = {}
    readable = bool(phase.description.strip()) or any(
        text.strip() for tp in phase.touchpoints for text in (tp.name, tp.description))
    explicit = (phase.stage or "").strip().lower().replace("-", "_")
    if explicit in STAGES:
        scores[explicit] = _EXPLICIT
        said = f"Bij {_quote(phase.label())} heb je zelf de {STAGE_TITLES[explicit]} gekozen."
        return _Reading(tuple(scores.values()), StageMatch(explicit, "explicit", said), "", readable, {explicit: said},
                        firm=True)
    name = " ".join(clean(phase.name).split())
    own_in_name = _own_hit(name, own)
    lexicon_hit = name_hit(name) if own_in_name else None
    if lexicon_hit and (lexicon_hit.kind in ("before", "after") or
                        fold(name).find(fold(lexicon_hit.word)) < fold(name).find(fold(own_in_name[1]))):
        own_in_name = None  # "Na de open dag", "Aanmelden voor de open dag": the name's first signal decides
    if own_in_name:  # the assignment's own word: "open dag" is the experience of an open-day assignment
        stage, word = own_in_name
        said = f"In {_quote(name)} staat {_quote(word)}: in deze opdracht is dat de {STAGE_TITLES[stage]}."
        by_name, weights = StageMatch(stage, "name", said), ((stage, _NAME[STRONG]),)
    else:
        by_name, weights = _by_name(phase.name, first)
    for text in (phase.description, *(t for tp in phase.touchpoints for t in (tp.name, tp.description))):
        own_in_text = _own_hit(text, own)
        if own_in_text:
            scores[own_in_text[0]] += _FREE[NORMAL]
    for stage, weight in weights:
        scores[stage] += weight
    match = by_name if isinstance(by_name, StageMatch) else None
    silent = by_name if isinstance(by_name, str) else ""
    if match:
        found[match.stage] = match.evidence
        if match.source == "name" and not own_in_name:  # later signals in the name, for a decision by place
            for other in hits(name, True)[1:]:
                if other.stage and other.kind != "typo":
                    found.setdefault(other.stage, _found(other, f"In {_quote(name)}", name))
    hit, _, described = _vote(phase.description)
    for stage, weight in described:
        scores[stage] += min(weight, _FREE_CAP)
        source = hit if hit.stage == stage else _first_hit(phase.description, stage)
        found.setdefault(stage, f"{_found(source, 'In de beschrijving')}")
    if match is None and hit:
        match = StageMatch(hit.stage, "description", f"{silent} {_found(hit, 'In de beschrijving')}")
    later = later_in(phase.description) or next(
        (said for tp in phase.touchpoints if (said := later_in(tp.name) or later_in(tp.description))), None)
    if later:  # "Na een jaar krijgt Sanne een mail": this happens after the service
        scores[_AFTER_SALES] += _TOUCHPOINT if last else _LATER_IN_TEXT
        found.setdefault(_AFTER_SALES, f"Hier staat {_quote(later)}: dat is na afloop, en {_RECOGNISED}"
                                       f"{STAGE_TITLES[_AFTER_SALES]}.")
    votes, firsts = _from_touchpoints(phase.touchpoints)
    for stage, count in votes.items():
        scores[stage] += min(count * _TOUCHPOINT, _FREE_CAP)
        tp_hit, label = firsts[stage]
        found.setdefault(stage, _found(tp_hit, f"Bij de contactmomenten, zoals {_quote(label)},"))
    about_use = 0.0
    if _EXPERIENCE in votes and last:  # how much of the experience comes from a mail, a letter or a call
        nearby = _from_touchpoints(tuple(tp for tp in phase.touchpoints if not _is_remote(tp.channel)))[0]
        about_use = min(votes[_EXPERIENCE] * _TOUCHPOINT, _FREE_CAP) - min(
            nearby.get(_EXPERIENCE, 0.0) * _TOUCHPOINT, _FREE_CAP)
    if match is None and votes:
        stage = next(iter(votes))
        match = StageMatch(stage, "touchpoints", f"{silent} {found[stage]}")
    by_name_only = dict(weights)
    if first and match and match.source == "name" and match.stage != _AWARENESS:
        # The first phase: what happens in it (noticing a need, a friend, an advert) and nothing of
        # the name's own stage outweighs a name that is no stage's own name ('Summer plans'); the
        # same for the last phase and what happens after the service (a review, a thank-you).
        said = scores[_AWARENESS] - by_name_only.get(_AWARENESS, 0.0)
        unsaid = scores[match.stage] - by_name_only.get(match.stage, 0.0)
        if said > 0 and not unsaid and by_name_only.get(match.stage, 0.0) <= _NAME[NORMAL]:
            scores[_AWARENESS] += by_name_only.get(match.stage, 0.0)
    if last and not first:
        # In the last phase what points to awareness in what happens (it broke, the card is lost, a
        # friend, an invitation) comes after the service: a problem or a contact after using it.
        problem = scores[_AWARENESS] - by_name_only.get(_AWARENESS, 0.0)
        if problem:
            scores[_AWARENESS] -= problem
            scores[_AFTER_SALES] += problem
            found.setdefault(_AFTER_SALES, "Aan het eind van de reis gaat hier iets mis (iets is kapot of kwijt): "
                                           f"{_RECOGNISED}{STAGE_TITLES[_AFTER_SALES]}.")
            if not scores[_AWARENESS]:
                found.pop(_AWARENESS, None)
    if last and not first and match and match.source == "name" and match.stage != _AFTER_SALES:
        said = scores[_AFTER_SALES] - by_name_only.get(_AFTER_SALES, 0.0)
        unsaid = scores[match.stage] - by_name_only.get(match.stage, 0.0)
        if said >= _SAID_AFTER_SALES and not unsaid and by_name_only.get(match.stage, 0.0) <= _NAME[NORMAL]:
            scores[_AFTER_SALES] += by_name_only.get(match.stage, 0.0)
    hit = name_hit(name) if match and match.source == "name" and not own_in_name else None
    double = hit.word if hit and hit.also and hit.stage == match.stage and not _labelled(name) else ""
    by_organisation = not first and bool(_BY_ORGANISATION_RE.search(fold(name)))
    if by_organisation:  # the organisation prepares or plans: not the customer who looks around or compares
        for stage in (_AWARENESS, "consideration"):
            scores[stage] = 0.0
            found.pop(stage, None)
        if match and match.stage in (_AWARENESS, "consideration"):
            match = None
    firm = isinstance(by_name, StageMatch) and bool(
        own_in_name or _labelled(name) or ((strong := name_hit(name)) and strong.tier == STRONG))
    return _Reading(tuple(scores.values()), match, silent, readable, found, double, by_organisation, about_use, firm)


def _first_hit(text: str, stage: str) -> Hit:
    return next(h if h.stage == stage else h._replace(stage=stage)
                for h in hits(text, False) if stage in (h.stage, h.also))


# -- the whole journey ------------------------------------------------------------------------

def _transition(before: str, after: str) -> float:
    if before == after:
        return _STAY[before]
    if after == _AWARENESS or before == _AFTER_SALES:
        return _AGAIN
    step = _ORDER[after] - _ORDER[before]
    if step < 0:
        return _BACK
    return _NEXT if step == 1 else _SKIP * (step - 1)


_TRANSITIONS = tuple(tuple(_transition(a, b) for b in STAGES) for a in STAGES)
# A phase is read as a step back in the journey only when something in it says so: going back
# to a stage the phase has no word for costs more ('Rondlopen' after 'Naar het museum' stays the visit).
_SILENT_TRANSITIONS = tuple(
    tuple(t + (_SILENT_BACK if _ORDER[b] < _ORDER[a] else 0.0) for b, t in zip(STAGES, row, strict=True))
    for a, row in zip(STAGES, _TRANSITIONS, strict=True))
_INTO = tuple(tuple(_TRANSITIONS[a][b] for a in range(len(STAGES))) for b in range(len(STAGES)))  # into each stage
_SILENT_INTO = tuple(tuple(_SILENT_TRANSITIONS[a][b] for a in range(len(STAGES))) for b in range(len(STAGES)))
_RANGE = range(len(STAGES))


@functools.lru_cache(maxsize=32)
def _out_of(said: tuple[bool, ...]) -> tuple[tuple[float, ...], ...]:
    """Per stage, the transitions out of it into a phase that says (or not) each stage."""
    return tuple(tuple((_TRANSITIONS if said[t] else _SILENT_TRANSITIONS)[s][t] for t in _RANGE) for s in _RANGE)


def _decide(phases: Sequence[Phase], readings: list[_Reading],
            learned: Sequence[tuple[float, ...] | None] = ()) -> list[StageMatch]:
    """The best sequence of stages over the phases that have something to go on; `learned` adds
    what the words say in other journeys (`_learned`)."""
    matches: list[StageMatch | None] = [None] * len(phases)
    used = [i for i, r in enumerate(readings) if r.evident or r.readable]
    if len(used) == 1:  # no journey around it: the phase's own reading
        matches[used[0]] = readings[used[0]].match
    elif used:
        scores = [readings[i].scores for i in used]
        after_use = _after_use(phases, readings, used[-1])
        if after_use and readings[used[-1]].about_use:
            # The last phase after buying or using: a mail or a call that names the service ("vraagt hoe
            # het bezoek was") is about the service already used, not using it again.
            last = scores[-1]
            scores[-1] = tuple(v - readings[used[-1]].about_use if s == _ORDER[_EXPERIENCE] else v
                               for s, v in enumerate(last))
        extra = [learned[i] for i in used] if learned else []
        extra = extra if any(extra) else []
        path, margin = _best_sequence(scores, after_use, extra)
        rules: list[int] = []  # the path without learned evidence, when a phase's own reading disagrees
        names = [phases[i].label() for i in used]
        for k, i in enumerate(used):
            reading, stage = readings[i], STAGES[path[k]]
            if extra and extra[k] and not (reading.match and reading.match.stage == stage):
                rules = rules or _best_sequence(scores, after_use)[0]
                said = _learned_sentence(phases[i], reading, stage, STAGES[rules[k]]) if path[k] != rules[k] and (
                    extra[k][path[k]] > extra[k][rules[k]]) else None
                if said:  # the learned evidence decides: say which words weighed most
                    matches[i] = StageMatch(stage, "learned", said)
                    continue
            if reading.match and reading.match.stage == stage:
                matches[i] = reading.match
            else:
                before = names[k - 1] if k else None
                after = names[k + 1] if k + 1 < len(used) else None
                lead, other = (0.0, None) if reading.scores[path[k]] else margin(k)
                if reading.scores[path[k]] or lead >= _MARGIN:
                    said = _by_place(phases[i], reading, stage, before, after)
                else:  # its place leaves two stages open: say so, and how to choose
                    said = _guess(phases[i], stage, STAGES[other], before, after)
                    matches[i] = StageMatch(stage, "position", said, STAGES[other])
                    continue
                matches[i] = StageMatch(stage, "position", said)
        for k, i in enumerate(used):
            match = matches[i]
            if match is None or match.other or readings[i].firm:
                continue
            lead, other = margin(k)
            if lead < _DOUBT:
                matches[i] = StageMatch(match.stage, match.source, f"{match.evidence} {_doubt(STAGES[other])}",
                                        STAGES[other])
    return [match or _unknown(phase) for phase, match in zip(phases, matches, strict=True)]


def _doubt(other: str) -> str:
    return (f"Maar ik weet het niet zeker: het kan ook de {STAGE_TITLES[other]} zijn. Klopt dat niet? Kies dan zelf "
            "de ‘Soort fase’ in de bouwer.")


def _after_use(phases: Sequence[Phase], readings: list[_Reading], last: int) -> bool:
    """The last phase comes after the customer bought or used the service (an earlier phase says
    so itself), and the organisation is in contact with the customer in it."""
    bought_or_used = any(r.match and r.match.stage in ("purchase", _EXPERIENCE) for r in readings[:last])
    return bought_or_used and any(_is_contact(tp.channel) for tp in phases[last].touchpoints)


@functools.lru_cache(maxsize=4096)
def _is_remote(channel: str) -> bool:
    """Contact at a distance: online, a letter, a card, a call (not a visit)."""
    if ONLINE in channel_kinds(channel):
        return True
    return any(fold(word).endswith(_REMOTE) for word in words(channel or ""))


@functools.lru_cache(maxsize=4096)
def _is_contact(channel: str) -> bool:
    if ONLINE in channel_kinds(channel):
        return True
    return any(fold(word).endswith(_CONTACT) for word in words(channel or ""))


def _emissions(scores: list[tuple[float, ...]], last_after_use: bool = False,
               extra: Sequence[tuple[float, ...] | None] = ()) -> list[list[float]]:
    """Per phase and stage, what the sequence gains by giving the phase that stage: its reading, the
    learned evidence, the start and end of a journey. A step from stage s to t adds
    `_TRANSITIONS[s][t]`, or `_SILENT_TRANSITIONS[s][t]` when the later phase says nothing of t."""
    emissions = [list(row) for row in scores]
    for row in emissions:  # after-sales is the phase students forget: never credit it by place alone
        if row[-1] < _SAID_AFTER_SALES:
            row[-1] += _AFTER_USE if row is emissions[-1] and last_after_use else _UNSAID_AFTER_SALES
    for row, more in zip(emissions, extra, strict=False):
        if more:
            row[:] = map(add, row, more)
    for s, stage in enumerate(STAGES):
        emissions[0][s] += _START[stage]
        emissions[-1][s] += _END[stage]
    return emissions


def _best_sequence(scores: list[tuple[float, ...]], last_after_use: bool = False,
                   extra: Sequence[tuple[float, ...] | None] = ()):
    """Viterbi: the best path of stages (indexes), and a function that gives, for a step, the lead
    of the best whole sequence over the best one with another stage there (max-marginals), and
    that other stage. `extra` (learned evidence) adds to the scores but says no stage (below)."""
    emissions = _emissions(scores, last_after_use, extra)
    n, last = len(emissions), len(STAGES) - 1
    forward = [emissions[0]]
    pointers: list[list[int]] = []
    for k in range(1, n):
        before, row, back = forward[-1], [], []
        for s in _RANGE:
            options = list(map(add, before, _INTO[s] if scores[k][s] else _SILENT_INTO[s]))
            best = max(options)
            row.append(best + emissions[k][s])
            back.append(last - options[::-1].index(best))  # ties: the later stage
        forward.append(row)
        pointers.append(back)
    path = [max(_RANGE, key=forward[-1].__getitem__)]
    for k in range(n - 1, 0, -1):
        path.append(pointers[k - 1][path[-1]])
    path.reverse()
    backward: list[list[float]] = []

    def margin(k: int) -> tuple[float, int]:
        if not backward:  # the best score from each stage at each step to the end, once per journey
            backward.extend([0.0] * len(STAGES) for _ in range(n))
            for j in range(n - 2, -1, -1):
                after = list(map(add, emissions[j + 1], backward[j + 1]))
                backward[j] = [max(map(add, out, after)) for out in _out_of(tuple(map(bool, scores[j + 1])))]
        totals = list(map(add, forward[k], backward[k]))
        other = max((s for s in reversed(_RANGE) if s != path[k]), key=totals.__getitem__)  # ties: the later
        return totals[path[k]] - totals[other], other

    return path, margin


_WHERE_WORDS = {"name": "in de naam", "description": "in de beschrijving", "touchpoints": "bij de contactmomenten"}


def _learned_sentence(phase: Phase, reading: _Reading, stage: str, instead: str) -> str | None:
    """'Hier staan ‘tickets’ (in de naam) en ‘mail’ (bij de contactmomenten): in klantreizen hoort
    dat meestal bij de aankoopfase.' (None when the words do not decide: then the place does)."""
    found = stage_model.current().words_for(stage_model.phase_words(phase), stage, instead)
    if not found:
        return None
    quoted = [f"{_quote(said)} ({_WHERE_WORDS[where]})" for said, where in found]
    # the phase is named: the sentence is also read on its own, in the feedback on the after-salesfase
    here = f"Bij {_quote(phase.name)}" if phase.name.strip() else "Hier"
    said = f"{here} {'staat' if len(quoted) == 1 else 'staan'} {' en '.join(quoted)}"
    if reading.match and reading.match.source == "name" and reading.match.stage != stage and phase.name.strip():
        said = (f"{_quote(phase.name)} lijkt op de {STAGE_TITLES[reading.match.stage]}, maar hier "
                f"{'staat' if len(quoted) == 1 else 'staan'} {' en '.join(quoted)}")
    return f"{said}: in klantreizen hoort dat meestal bij de {STAGE_TITLES[stage]}."


def _where(before: str | None, after: str | None) -> str:
    if before is None:
        return "staat vooraan in de reis"
    if after is None:
        return f"staat achteraan in de reis, na {_quote(before)}"
    return f"staat tussen {_quote(before)} en {_quote(after)}"


def _guess(phase: Phase, stage: str, other: str, before: str | None, after: str | None) -> str:
    """A phase whose place leaves two stages almost equally likely: the best guess, and how to choose."""
    name = " ".join(clean(phase.name).split())
    subject = _quote(name) if name else "Deze fase zonder naam"
    return (f"{subject} {_where(before, after)}: dat kan de {STAGE_TITLES[stage]} of de {STAGE_TITLES[other]} "
            f"zijn. Ik lees het als de {STAGE_TITLES[stage]}. {_CHOOSE}")


def _by_place(phase: Phase, reading: _Reading, stage: str, before: str | None, after: str | None) -> str:
    """Why a phase gets a stage that its own words did not give it."""
    if stage in reading.found:  # a weaker signal of its own, which its place supports
        lead = f"{reading.silent} " if reading.silent and not reading.match else ""
        if before is None and stage == _AWARENESS and reading.match and phase.name.strip():
            lead = f"{_quote(phase.name)} is de eerste fase. "  # what happens in it outweighs its name
        elif after is None and stage == _AFTER_SALES and reading.match and phase.name.strip():
            lead = f"{_quote(phase.name)} is de laatste fase. "
        return f"{lead}{reading.found[stage]}".strip()
    where = _where(before, after)
    name = " ".join(clean(phase.name).split())
    subject = _quote(name) if name else "Deze fase zonder naam"
    if reading.by_organisation:
        subject = f"{subject} is een stap van de organisatie, niet van een klant die nog kiest. De fase"
    elif reading.double:
        said = subject if reading.double == name else f"In {subject} staat {_quote(reading.double)}: dat"
        subject = f"{said} kan op twee fasen wijzen. De fase"
    elif reading.match and reading.match.source in ("description", "touchpoints"):
        # its description or touchpoints pointed elsewhere, not its name ('Dirty car' with a touchpoint 'Sign')
        what, verb = (("De beschrijving van", "lijkt") if reading.match.source == "description"
                      else ("De contactmomenten van", "lijken"))
        of_what = _quote(name) if name else "deze fase zonder naam"
        subject = f"{what} {of_what} {verb} op de {STAGE_TITLES[reading.match.stage]}, maar de fase"
    elif reading.match:
        subject = f"{subject} lijkt op de {STAGE_TITLES[reading.match.stage]}, maar de fase"
    return f"{subject} {where}, en {_DOES[stage]}: dat lees ik als de {STAGE_TITLES[stage]}."


def _unknown(phase: Phase) -> StageMatch:
    name = " ".join(clean(phase.name).split())
    where = f"Bij {_quote(name)}" if name else "Bij deze fase zonder naam"
    return StageMatch(None, None, f"{where} herken ik geen fase. {_CHOOSE}")
