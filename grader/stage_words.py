"""The stage lexicon (data/stages.toml) and how words in a student's text match it.

Internal to the grader: `stages.py` reads phases with it. A word in a text matches, in this order:
exactly (folded: no case, no diacritics), by its Dutch Snowball stem, as part of a compound
(`nazorgfase`, `klantbeleving`: the longest lexicon part wins, the head on a tie) or one typo
away (names only: `orienatie`, `nazrog`; same first letter, 6+ letters, not a known real word).
In running text a compound of which only the first part matched (`examenreglement`,
`aankoopbon`) is a `modifier` hit: it says what something is about and counts for less.
Phrases (`na afloop`) are tried before single words, separable verbs (`meldt je aan`) after
them; weak words (`fase`, `stap`) never count.

Every lexicon word has a tier: `strong` for the names of the stages themselves (Bewustwording,
Nazorg, Purchase), `weak` for words that only hint at a stage (Bericht, Bevestiging, Service),
`normal` for the rest. Words in [context] only count in descriptions and touchpoints: they say
what happens (`merkt`, `bedankmail`), which a phase name rarely does.
"""
from __future__ import annotations

import functools
import re
import tomllib
from typing import NamedTuple

from .compiled import compiled, data_file
from .journey import STAGES
from .text import edit_distance_at_most_one, fold, stem, stop_words, words

STRONG, NORMAL, WEAK = "strong", "normal", "weak"

_GROUP_RE = re.compile(r"[^\W_]+(?:[-‐‑'’]+[^\W_]+)*")
_NUMBERING_RE = re.compile(r"^(?:[ivx]{1,4}|.*\d.*|.)$")  # 'iv', '1e', '2a', single letters
_MAX_TOKENS = 300
_PREFIXES = frozenset({"post", "pre"})  # 'Post-stay', 'Pre-arrival' only as the first word: 'Op de post' is mail
_INTENDS = 4  # words after a modal verb ('moet', 'wants') whose stage signals do not count


class Hit(NamedTuple):
    stage: str | None  # None for a "before" marker
    word: str  # the student's word(s), as written
    like: str  # the lexicon word it resembles (typos only)
    kind: str  # phrase, exact, stem, compound, modifier (free text only), typo, before, after
    tier: str = NORMAL  # strong, normal or weak
    also: str | None = None  # a word with two meanings: the other stage it may point to


class _Match(NamedTuple):
    stage: str
    kind: str  # exact, stem, compound, typo
    part: str  # the lexicon word or part that matched
    tier: str
    context: bool  # a [context] word: counts in free text only
    also: str | None = None  # a word with two meanings: its other stage ([homographs])
    modifier: bool = False  # only the first part of a compound matched ('examen' in 'examenreglement')


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
        self.intends = frozenset(map(fold, position["intends"]))
        self.booking_verbs = frozenset(map(fold, data["booking"]["verbs"]))
        self.moments = frozenset(map(fold, data["booking"]["moments"]))
        self.tiers: dict[str, str] = {}  # folded lexicon word, stem or compound part -> tier
        self.also: dict[str, str] = {}  # folded word, stem or part of a word with two meanings -> other stage
        other_of = {fold(w): stage for stage in STAGES for w in data["homographs"][stage]}
        self.context: frozenset[str] = frozenset()  # folded words, stems and forms of [context]
        self.exact: dict[str, str] = {}  # folded word -> stage
        self.display: dict[str, str] = {}  # folded word -> as written in the data file
        self.stems: dict[str, str] = {}  # Dutch stem -> stage
        self.heads: dict[str, str] = {}  # last part of a compound (word or plural) -> stage
        self.modifiers: dict[str, str] = {}  # first part of a compound (word, word+s, stem) -> stage
        self._typo_words: list[str] = []  # words that may be matched one typo away (see `deletes`)
        self.phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}  # first word -> (words, stage)
        self.separable: dict[str, list[tuple[str, str]]] = {}  # verb -> (particle, stage)
        tier_of = {fold(w): tier for tier in (STRONG, WEAK) for w in data["tiers"][tier]}
        context: set[str] = set()
        for stage in STAGES:
            own_context = set(data["context"][stage])
            matched = [*data["words"][stage], *data["context"][stage]]
            for raw in matched + data["exact"][stage]:
                word = fold(raw)
                self.display.setdefault(word, raw)
                self.exact.setdefault(word, stage)
                self.tiers.setdefault(word, tier_of.get(word, NORMAL))
                if other_of.get(word, stage) != stage:
                    self.also.setdefault(word, other_of[word])
                if len(word) >= self.typo_min and raw not in own_context:
                    self._typo_words.append(word)
                if raw in own_context:
                    context.add(word)
            for word in map(fold, data["exact"][stage]):
                self.exact.setdefault(word + "s", stage)
                self.tiers.setdefault(word + "s", tier_of.get(word, NORMAL))
                if other_of.get(word, stage) != stage:  # 'Invoices' has two meanings, like 'Invoice'
                    self.also.setdefault(word + "s", other_of[word])
            for raw in matched:
                word = fold(raw)
                root = stem(word)
                forms = set()
                if len(root) >= 4 and root[:3] == word[:3]:
                    self.stems.setdefault(root, stage)
                    forms.add(root)
                for form in (word, word + "s", word + "en", word + "n"):
                    if len(word) >= self.part_min:
                        self.heads.setdefault(form, stage)
                        forms.add(form)
                for form in (word, word + "s", root):
                    if len(form) >= self.part_min and form[:3] == word[:3]:
                        self.modifiers.setdefault(form, stage)
                        forms.add(form)
                for form in forms:
                    self.tiers.setdefault(form, tier_of.get(word, NORMAL))
                    if other_of.get(word, stage) != stage:
                        self.also.setdefault(form, other_of[word])
                    if raw in own_context:
                        context.add(form)
            for raw in data["phrases"][stage]:
                tokens = tuple(fold(w) for w in words(raw))
                self.phrases.setdefault(tokens[0], []).append((tokens, stage))
            for verb, particle in (map(fold, raw.split()) for raw in data["separable"][stage]):
                self.separable.setdefault(verb, []).append((particle, stage))
        main = {form for form, stage in (*self.stems.items(), *self.heads.items(), *self.modifiers.items())
                if form not in context} | {fold(w) for st in STAGES for t in ("words", "exact") for w in data[t][st]}
        self.context = frozenset(context - main)
        self.weak_in_text = frozenset(map(fold, data["tiers"]["weak_in_text"]))

        self.strong_phrases = frozenset(tuple(fold(w) for w in words(raw)) for raw in data["tiers"]["strong_phrases"])
        for options in self.phrases.values():
            options.sort(key=lambda option: -len(option[0]))  # longest phrase first
        self.phrase_set = frozenset(p for options in self.phrases.values() for p, _ in options)
        self.starts = frozenset(fold(w)[:3] for s in STAGES for table in ("words", "context") for w in data[table][s])

    @functools.cached_property
    def deletes(self) -> dict[str, list[str]]:
        """The typo index: each word, and each word less one letter -> the words. Built at the
        first name that needs it, so grading a first journey does not wait for it."""
        index: dict[str, list[str]] = {}
        for word in self._typo_words:
            for key in {word} | {word[:i] + word[i + 1:] for i in range(len(word))}:
                index.setdefault(key, []).append(word)
        return index


@functools.lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    return compiled(data_file("stages.toml"), __file__, lambda text: _Lexicon(tomllib.loads(text)))


@functools.lru_cache(maxsize=65536)
def match_word(token: str) -> _Match | None:
    """How one folded word matches the lexicon: exactly, by its stem or as a compound; or None."""
    lex = lexicon()
    if token in lex.exact:
        return _Match(lex.exact[token], "exact", token, lex.tiers.get(token, NORMAL), token in lex.context,
                      lex.also.get(token))
    if token in lex.weak or len(token) < 4:
        return None
    infinitive = _infinitive_of_past(token) or _english_base(token)
    if infinitive:  # 'tekende', 'gebruikte', 'annuleerde', 'pinde': the past of a lexicon verb
        return _Match(lex.exact[infinitive], "stem", infinitive, lex.tiers.get(infinitive, NORMAL),
                      infinitive in lex.context, lex.also.get(infinitive))
    # The stemmer is slow and drops 'ge-': only stem words that start like a lexicon word.
    if token[:3] in lex.starts or (token[:2] == "ge" and token[2:5] in lex.starts):
        root = stem(token)
        if root in lex.stems and (root[:3] == token[:3] or token[:2] == "ge"):
            return _Match(lex.stems[root], "stem", token, lex.tiers.get(root, NORMAL), root in lex.context,
                          lex.also.get(root))
    best: tuple[int, str, str, bool] | None = None  # (length of the part, stage, part, modifier)
    for k in range(3, len(token) - lex.part_min + 1):  # last part (head): longest first
        if token[k:] in lex.heads:
            best = (len(token) - k, lex.heads[token[k:]], token[k:], False)
            break
    for k in range(len(token) - 3, lex.part_min - 1, -1):  # first part (modifier), a real word after it
        if token[:k] in lex.modifiers:
            if best is None or k > best[0]:
                best = (k, lex.modifiers[token[:k]], token[:k], True)
            break
    if best is None:
        return None
    return _Match(best[1], "compound", best[2], lex.tiers.get(best[2], NORMAL), best[2] in lex.context,
                  lex.also.get(best[2]), best[3])


_PAST_ENDINGS = ("den", "ten", "de", "te")
_LONG_VOWELS = ("aa", "ee", "oo", "uu")


def _infinitive_of_past(token: str) -> str | None:
    """The lexicon verb of which a word is the Dutch weak past tense: stem + -de(n)/-te(n)
    ('tekende' -> tekenen, 'annuleerde' -> annuleren, 'pinde' -> pinnen, 'gebruikte' -> gebruik)."""
    lex = lexicon()
    for ending in _PAST_ENDINGS:
        if not token.endswith(ending) or len(token) - len(ending) < 3:
            continue
        base = token[: -len(ending)]
        short = base[:-3] + base[-2:] if base[-3:-1] in _LONG_VOWELS else base  # annuleer -> annuler
        for candidate in (base + "en", short + "en", base + base[-1] + "en", base if len(base) >= 4 else ""):
            if candidate in lex.exact:
                return candidate
    return None


def _english_base(token: str) -> str | None:
    """The lexicon word of which a word is an English inflection: compared, visited, shopped,
    tried, uses, searches, trying ('compare', 'visit', 'shop', 'try', 'use', 'search', 'try').
    Not for words that are weak in running text ('does' is no 'do', 'seed' no 'see')."""
    lex = lexicon()
    if token.endswith("ied") or token.endswith("ies"):
        candidates: tuple[str, ...] = (token[:-3] + "y",)
    elif token.endswith("ing"):
        candidates = (token[:-3], token[:-3] + "e", token[:-4] if token[-4:-3] == token[-5:-4] else "")
    elif token.endswith("ed"):
        candidates = (token[:-2], token[:-1], token[:-3] if token[-3:-2] == token[-4:-3] else "")
    elif token.endswith("es"):
        candidates = (token[:-2], token[:-1])
    else:
        return None
    return next((c for c in candidates if len(c) >= 3 and c in lex.exact and c not in lex.weak_in_text), None)


@functools.lru_cache(maxsize=65536)
def match_typo(token: str) -> _Match | None:
    """A match when the word is one typo away from one lexicon word (never a [context] word)."""
    lex = lexicon()
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
        return _Match(lex.exact[word], "typo", lex.display[word], lex.tiers.get(word, NORMAL), False,
                      lex.also.get(word))
    return None


def _phrase_at(text: str, tokens: tuple[tuple[str, str], ...], folded: tuple[str, ...],
               i: int) -> tuple[Hit, int] | None:
    lex = lexicon()
    for phrase, stage in lex.phrases.get(folded[i], ()):
        if folded[i:i + len(phrase)] == phrase:
            said = _as_written(text, [t[0] for t in tokens[i:i + len(phrase)]])
            tier = STRONG if phrase in lex.strong_phrases else NORMAL
            return Hit(stage, said, "", "phrase", tier), len(phrase)
    return None


def _as_written(text: str, parts: list[str]) -> str:
    """A phrase as the text writes it ('Check-in', 'after-sales'), not as its words joined by spaces."""
    found = re.search(r"[\W_]+".join(re.escape(part) for part in parts), text)
    return found.group(0) if found else " ".join(parts)


# "In May he loses his card": after these, "may" is the month, not a modal verb.
_BEFORE_MONTH = frozenset({"in", "of", "since", "until", "till", "by", "early", "late", "mid", "end", "begin"})

# "How do I get one?", "What do we need?": before a subject, "do" is an auxiliary, not See-Think-Do's Do
# (looked for in the text: the tokens leave out "I", which looks like numbering).
_AUXILIARY = frozenset({"do", "does", "did"})
_AUXILIARY_RE = re.compile(r"\b(?:do|does|did)\s+(?:i|you|we|they|he|she|it)\b")
# "do" with a thing done after it is a plain verb too ("Can I actually do this?", "Who can do it?")
_PLAIN_DO_OBJECTS = frozenset((word,) for word in ("this", "that", "it", "something", "anything", "them", "so"))


def _word_at(tokens: tuple[tuple[str, str], ...], i: int, name: bool) -> Hit | None:
    said, folded = tokens[i]
    match = match_word(folded)
    if match and match.context and name:
        match = None  # what happens, not what a phase is called
    if match is None and name:
        match = match_typo(folded)
    if match:
        # In running text a compound whose head is no stage word only says what something is about:
        # 'examenreglement' is rules, not the exam; 'aankoopbon' is a receipt, not buying.
        kind = "modifier" if match.modifier and not name else match.kind
        return Hit(match.stage, said, match.part if match.kind == "typo" else "", kind, match.tier, match.also)
    lex = lexicon()  # a separable verb: 'meldt je aan', 'kijkt terug'
    for particle, stage in lex.separable.get(folded, ()) or lex.separable.get(folded[:-1], ()):
        for j in range(i + 1, min(i + 6, len(tokens))):
            if tokens[j][1] == particle and _ends_clause(tokens, j + 1):
                return Hit(stage, " ".join(t[0] for t in tokens[i:j + 1]), "", "phrase")
    return None


# Words that may follow the particle of a separable verb: it ends its clause ("meldt zich aan bij de
# balie", "kijkt terug op de dag"). Before a noun the word is a preposition: "vraagt of ze op zwemles zit".
_AFTER_PARTICLE = frozenset({
    "bij", "op", "met", "voor", "en", "maar", "want", "omdat", "of", "dat", "naar", "in", "om", "te", "via", "na",
    "als", "zodra", "door", "tot", "aan", "over", "dan", "daarna", "nog", "ook", "weer",
})


def _ends_clause(tokens: tuple[tuple[str, str], ...], k: int) -> bool:
    """The particle before token k ends its clause: the text ends, a new sentence starts (a capital)
    or a preposition or conjunction follows."""
    return k >= len(tokens) or tokens[k][0][:1].isupper() or tokens[k][1] in _AFTER_PARTICLE


@functools.lru_cache(maxsize=8192)
def tokens_of(text: str) -> tuple[tuple[str, str], ...]:
    """(as written, folded) per word; numbering left out; `after-sales` and `check-in` joined."""
    lex, out = lexicon(), []
    for group in _GROUP_RE.findall(text):
        if group.isalnum():  # one plain word: the common case, without the splitting below
            folded_word = fold(group)
            if not _NUMBERING_RE.match(folded_word):
                out.append((group, folded_word))
            continue
        parts = words(group)
        joined = fold("".join(parts))
        folded = tuple(fold(part) for part in parts)
        if (len(parts) > 1 and folded not in lex.phrase_set and folded[0] not in lex.markers
                and match_word(joined)):
            out.append((group, joined))
            continue
        out.extend((p, f) for p, f in zip(parts, folded, strict=True) if not _NUMBERING_RE.match(f))
    return tuple(out[:_MAX_TOKENS])


@functools.lru_cache(maxsize=8192)
def hits(text: str, name: bool) -> tuple[Hit, ...]:
    """Every stage signal in a text, in order. In a name typos count too, and a leading
    before/after word (only weak words before it) is returned alone: it decides. In free text
    the first signal up to three words after 'na'/'voor' is another moment ('na het verblijf'):
    it does not count, nor any signal up to four words after a modal verb ('moet inschrijven'):
    that is what someone must or will do, not what happens. Choosing or planning a moment
    ('kiest een tijdslot', 'picks a date') is booking it: the purchase."""
    lex, tokens, found = lexicon(), tokens_of(text), []
    all_folded = tuple(token[1] for token in tokens)
    lead, mute, intent, i = True, 0, 0, 0
    auxiliary = "do" in all_folded or "does" in all_folded or "did" in all_folded
    auxiliary = auxiliary and bool(_AUXILIARY_RE.search(fold(text)))
    while i < len(tokens):
        folded = all_folded[i]
        # an auxiliary, or 'do' as a plain verb after the first word ("Can I do this?", "What to do?")
        if folded in _AUXILIARY and (auxiliary or (i > 0 and (
                all_folded[i - 1] == "to" or all_folded[i + 1:i + 2] in _PLAIN_DO_OBJECTS))):
            lead, mute, intent, i = False, max(mute - 1, 0), max(intent - 1, 0), i + 1
            continue
        phrase = _phrase_at(text, tokens, all_folded, i) if folded in lex.phrases else None
        if not phrase and name and lead and folded in lex.markers and (i == 0 or folded not in _PREFIXES):
            stage = "after_sales" if folded in lex.after else None
            return (Hit(stage, tokens[i][0], "", "after" if stage else "before"),)
        if phrase:
            hit, size = phrase
        elif name or folded in lex.exact or folded in lex.separable or folded[:-1] in lex.separable or (
                len(folded) >= 4 and folded not in lex.weak):
            hit, size = _word_at(tokens, i, name), 1
        else:  # a short or weak word in free text: it can match nothing (see match_word)
            hit, size = None, 1
        if not name and folded in lex.booking_verbs and any(
                token in lex.moments for token in all_folded[i + 1:i + 4]):
            hit = Hit("purchase", tokens[i][0], "", "phrase")  # choosing a moment is booking it
        if hit and not mute and not intent:
            found.append(hit if name or folded not in lex.weak_in_text else hit._replace(tier=WEAK))
        lead = lead and not hit and folded in lex.weak
        mute = 0 if hit else 3 if not name and folded in lex.governs else max(mute - 1, 0)
        modal = folded in lex.intends and not (folded == "may" and i and all_folded[i - 1] in _BEFORE_MONTH)
        intent = _INTENDS if not name and modal else max(intent - size, 0)
        i += size
    return tuple(found)


# "… na twee weken", "after a few days", "een week later": a moment after the service.
_LATER_RE = re.compile(
    r"\b(?:na|after)\s+(?:\d+|een|twee|drie|vier|vijf|zes|a|one|two|three|four|few|enkele|paar)?\s*"
    r"(?:\w+\s+)?(?:dag|dagen|week|weken|maand|maanden|jaar|day|days|week|weeks|month|months|year|years)\b"
    r"|\b(?:week|weken|maand|maanden|jaar|dagen|day|days|weeks|months|year|years)\s+(?:later|erna)\b"
    r"|\b(?:\w+\s+)?(?:dag|dagen|week|weken|maand|maanden|jaar|day|days|weeks|months|years)\s+later\b"
    r"|\b(?:de\s+)?(?:volgende|next)\s+(?:dag|ochtend|week|day|morning)\b|\bde\s+dag\s+erna\b|\bthe\s+day\s+after\b"
    r"|\b(?:volgende|next)\s+(?:keer|time|visit|bezoek)\b"
    r"|\b(?:achteraf|afterwards)\b")


@functools.lru_cache(maxsize=16384)
def later_in(text: str) -> str | None:
    """The words that put a text after the service ("na twee weken"), or None."""
    match = _LATER_RE.search(fold(text))
    return match.group(0) if match else None


def deciding(found: tuple[Hit, ...]) -> Hit | None:
    """Of a name's signals (`hits(name, True)`), the one that decides: the first that is not a typo,
    else the first. It is an element of `found` itself, so callers may compare signals by identity."""
    return next((h for h in found if h.kind != "typo"), found[0] if found else None)


@functools.lru_cache(maxsize=8192)
def name_hit(name: str) -> Hit | None:
    """The signal that decides a phase name (`deciding`)."""
    return deciding(hits(name, True))
