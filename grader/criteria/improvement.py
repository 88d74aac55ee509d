"""Verbetervoorstel (optional): the desired journey at the moments that count (lessons 6 and 9).

The moments of truth and the dips of the curve each get a desired situation that says what the
organisation does there, as a teacher asks for it: who does what ("De mentor belt Yara om twee
uur"), not only that it should be better ("Het moet beter", "Leukere ontvangst").
"""
from __future__ import annotations

import functools

from ..journey import Touchpoint
from ..text import fold, folded_words, quote_list, shorten, word_count, words
from .key_moments import EXPECTED, LOW_EMOTION, KeyMoment, and_list, describe, key_moments
from .registry import Judgement, Param, criterion, share_at_least

# What an organisation does at a touchpoint: the infinitive (with a ! when it is mostly a plural noun:
# "vragen", "zorgen"), the ik-form (with a * when that form is mostly another word: "app", "plan",
# "help"), then irregular forms: past singular, past plural, participle ("-" where that form is mostly
# another word: "vroeg", "namen", "sloten"). The regular forms (-t, -de/-te, ge-…-d/t) are made from
# the ik-form. Words that say only that it gets better ("verbeteren", "versnellen") are no action.
_VERBS = """
adviseren adviseer
afhandelen *handel
annuleren annuleer
antwoorden *antwoord
appen *app
bakken *bak
beantwoorden beantwoord
bedanken bedank
begeleiden begeleid
begroeten begroet
behandelen behandel
bellen bel
beloven beloof beloofde beloofden beloofd
beoordelen beoordeel
berekenen bereken
beslissen beslis
bespreken bespreek besprak bespraken besproken
betalen betaal
bevestigen bevestig
bewaken bewaak
bewaren bewaar
bezoeken *bezoek bezocht bezochten bezocht
bezorgen bezorg
bieden bied bood boden geboden
bouwen *bouw
brengen breng bracht brachten gebracht
checken *check
coachen *coach
communiceren communiceer
compenseren compenseer
controleren controleer
delen *deel
erkennen erken
evalueren evalueer
feliciteren feliciteer
garanderen garandeer
geven geef gaf gaven gegeven
groeten *groet
halen haal
hangen hang hing hingen gehangen
helpen *help hielp hielpen geholpen
herinneren herinner
herstellen *herstel
houden houd hield hielden gehouden
informeren informeer
installeren installeer
keuren *keur
kijken kijk keek keken gekeken
knippen knip
koken kook
kondigen kondig
koppelen koppel
laten *laat liet lieten gelaten
leggen leg
leiden leid
leveren *lever
lossen *los
luisteren luister
mailen *mail
maken maak
melden meld
monteren monteer
motiveren motiveer
nemen neem nam - genomen
nodigen *nodig
noemen noem
noteren noteer
oefenen oefen
ondersteunen ondersteun
onderzoeken *onderzoek onderzocht onderzochten onderzocht
ontvangen ontvang ontving ontvingen
openen *open
organiseren organiseer
pakken *pak
parkeren parkeer
!plaatsen *plaats
plannen *plan
poetsen poets
presenteren presenteer
printen *print
publiceren publiceer
reageren reageer
regelen *regel
registreren registreer
reiken reik
rekenen reken
repareren repareer
reserveren reserveer
ruilen *ruil
ruimen *ruim
scannen *scan
schenken schenk schonk schonken geschonken
schilderen *schilder
schrijven schrijf schreef schreven geschreven
serveren serveer
sluiten sluit sloot - gesloten
sorteren sorteer
spreken spreek sprak spraken gesproken
stellen stel
storten stort
sturen stuur
tekenen *teken
testen *test
tonen *toon
trainen *train
trakteren trakteer
upgraden *upgrade
vangen vang ving vingen gevangen
verbinden verbind verbond verbonden verbonden
vergoeden vergoed
verkopen *verkoop verkocht verkochten verkocht
verlagen verlaag
verlengen verleng
verpakken verpak
verrassen verras
verschuiven verschuif verschoof verschoven verschoven
versieren versier
versturen verstuur
vertellen vertel
vervangen vervang verving vervingen vervangen
vervoeren *vervoer
verwelkomen verwelkom
verwerken verwerk
verwijderen verwijder
verwijzen verwijs verwees verwezen
verzorgen verzorg
voegen voeg
voeren voer
!vragen *vraag - vroegen gevraagd
vullen vul
waarschuwen waarschuw
wassen *was waste wasten gewassen
wijzen wijs - - gewezen
zeggen zeg zei zeiden gezegd
zenden zend zond zonden gezonden
zetten zet
zoeken *zoek zocht zochten gezocht
!zorgen *zorg
"""
# Verbs whose past participle has no ge- ("begeleid", "verteld", "ontvangen").
_NO_GE = frozenset({"beantwoorden", "bedanken", "begeleiden", "begroeten", "behandelen", "beloven", "beoordelen",
                    "berekenen", "beslissen", "bevestigen", "bewaken", "bewaren", "bezorgen", "erkennen", "herinneren",
                    "herstellen", "ondersteunen", "vergoeden", "verlagen", "verlengen", "verpakken", "verrassen",
                    "versieren", "versturen", "vertellen", "vervoeren", "verwelkomen", "verwerken", "verwijderen",
                    "verzorgen"})
# Separable parts written together with the verb: "uitleggen", "terugbellen", "rondgeleid".
_PARTICLES = ("aan", "af", "bij", "binnen", "door", "goed", "in", "klaar", "langs", "mee", "na", "om", "op", "over",
              "rond", "samen", "schoon", "terug", "toe", "uit", "vast", "voor", "weg")
_VOICELESS = ("t", "k", "f", "s", "p", "ch")  # 't kofschip: these stems take -te and -t
# "laat" is also "late" ("te laat"); it names an action only with what the organisation lets happen.
_LET = frozenset({"zien", "weten", "horen", "merken", "kiezen"})


PRESENT, PAST, PARTICIPLE = "present", "past", "participle"


@functools.lru_cache(maxsize=1)
def _kinds() -> dict[str, str]:
    """Every form of every verb, folded, with its kind: present (and infinitive), past or participle."""
    kinds: dict[str, str] = {}
    for line in _VERBS.strip().splitlines():
        infinitive, stem, *irregular = line.split()
        if not infinitive.startswith("!"):
            kinds[infinitive] = PRESENT
        infinitive = infinitive.lstrip("!")
        starred = stem.startswith("*")
        stem = stem.lstrip("*")
        if not starred:
            kinds[stem] = PRESENT
        if not stem.endswith("t"):
            kinds[stem + "t"] = PRESENT
        if irregular:
            for form, kind in zip(irregular, (PAST, PAST, PARTICIPLE), strict=False):
                if form != "-":
                    kinds.setdefault(form, kind)
        else:
            hard = stem.endswith(_VOICELESS)
            for form in (stem + ("te" if hard else "de"), stem + ("ten" if hard else "den")):
                kinds.setdefault(form, PAST)
            end = "" if stem.endswith("t" if hard else "d") else ("t" if hard else "d")
            participle = stem + end if infinitive in _NO_GE else "ge" + stem + end
            # 'begeleid' is both the ik-form and the participle: read it as the participle ('voelt zich begeleid')
            kinds[participle] = PARTICIPLE if participle == stem else kinds.get(participle, PARTICIPLE)
    return {fold(form): kind for form, kind in kinds.items()}


@functools.lru_cache(maxsize=1)
def _stems() -> frozenset[str]:
    """The bare ik-forms ('leg', 'bied'): with a particle in front they are mostly nouns ('uitleg', 'aanbod')."""
    return frozenset(fold(line.split()[1].lstrip("*")) for line in _VERBS.strip().splitlines())


def _kind(word: str) -> str | None:
    """The kind of verb form a word is (also written together with its particle: 'terugbellen',
    'rondgeleid'), or None. A particle joins no past form ('afspraken' is no 'af' + 'spraken') and no
    bare ik-form ('uitleg' is no 'uit' + 'leg')."""
    kinds = _kinds()
    if word in kinds:
        return kinds[word]
    for particle in _PARTICLES:
        rest = word[len(particle):]
        if word.startswith(particle) and len(rest) > 2 and kinds.get(rest, PAST) != PAST and rest not in _stems():
            return kinds[rest]
    return None


# Before a past form, these make it an adjective ('een vernieuwde website', 'verlaagde prijzen' at the
# start); before a participle, a state ('is goed geregeld', 'voelt zich begeleid', 'niet meer bezorgd').
_BEFORE_ADJECTIVE = frozenset(["een", "de", "het", "geen", "meer", "veel", "nieuwe", "zijn", "haar", "onze"])
_BEFORE_STATE = frozenset(["is", "zijn", "was", "waren", "voelt", "voel", "zich", "goed", "niet", "meer", "geen",
                           "heel", "erg", "positief", "sneller", "beter", "al"])


def _is_action_word(words_: list[str], i: int) -> bool:
    """Word i of the folded words is a verb form of doing, in a place where it is used as a verb."""
    kind = _kind(words_[i])
    if kind is None:
        return False
    before = words_[max(0, i - 2):i]
    if kind == PAST:
        return bool(before) and before[-1] not in _BEFORE_ADJECTIVE
    if kind == PARTICIPLE:
        return _BEFORE_STATE.isdisjoint(before)
    return True


# What an organisation does, in English: the base forms. Many are nouns too ("an email", "a refund",
# "faster answers"), so a form counts only where it is a verb: the base form after a subject or a modal
# ("We send", "Staff explain", "The coach will call"), the -s form after he/she/it or after "the gym",
# "our team" ("The gym shows", "She replaces").
_ENGLISH_VERB_TEXT = """
advise answer apologise apologize arrange ask book bring call change check clean coach collect compensate confirm
contact cook cut decorate deliver email exchange explain extend fix follow give greet guide handle help inform
install invite keep lead lend let listen lower message motivate notify offer open organise organize pack pay
phone pick plan post prepare print process provide rebook refund remind repair replace reply reschedule return
reward schedule send serve set share show sign solve sort speed support talk teach tell test text thank train
treat update upgrade visit walk welcome write
"""
_ENGLISH_VERBS = frozenset(_ENGLISH_VERB_TEXT.split())
_ENGLISH_SUBJECTS = frozenset(["we", "they", "i", "you", "staff", "will", "can", "would", "could", "should", "must",
                               "always", "also", "then", "now", "immediately", "personally", "kindly"])
# Words a wish starts with, which are no name: 'Quick answers', 'Free returns', 'More updates'.
_ENGLISH_NO_NAME = frozenset(["quick", "fast", "free", "clear", "more", "less", "good", "easy", "extra", "nice", "new",
                              "better", "best", "short", "shorter", "no", "fewer", "same", "direct", "online", "daily"])
_ENGLISH_HE = frozenset(["he", "she", "it"])
_ENGLISH_DETERMINERS = frozenset(["the", "our", "a", "an", "every", "each", "this", "their", "its"])


# Endings of English words that describe rather than name ('Faster answers', 'Personal contacts').
_ENGLISH_DESCRIBING = ("er", "est", "ly", "al", "ful", "ive", "ous", "ic", "less")


def _english_action(tokens: list[str], folded: list[str]) -> bool:
    """An English verb of doing where it stands as a verb (see _ENGLISH_VERBS): the -s form after
    he/she/it, after 'the gym' or 'the staff member', or after a name that opens the sentence
    ('FitPlaza lets members cancel'). `folded`: the tokens folded."""
    for i, word in enumerate(folded):
        if i and word in _ENGLISH_VERBS and folded[i - 1] in _ENGLISH_SUBJECTS:
            return True
        base = (word[:-3] + "y" if word.endswith("ies") else word[:-2] if word.endswith(("shes", "ches", "xes", "sses"))
                else word[:-1] if word.endswith("s") else "")
        if base not in _ENGLISH_VERBS or not i:
            continue
        after_subject = folded[i - 1] in _ENGLISH_HE or _ENGLISH_DETERMINERS & set(folded[max(0, i - 3):i - 1])
        named = (i == 1 and len(folded) > 2 and tokens[0][:1].isupper() and folded[0] not in _ENGLISH_NO_NAME
                 and not folded[0].endswith(_ENGLISH_DESCRIBING))
        if after_subject or named:
            return True
    return False


@functools.lru_cache(maxsize=4096)
def has_action(text: str) -> bool:
    """True when the text says what someone does: a verb of what organisations do at a touchpoint, in
    Dutch or in English."""
    tokens = words(text)
    found = [fold(w) for w in tokens]
    if any(_is_action_word(found, i) for i in range(len(found))):
        return True
    if "laat" in found and not _LET.isdisjoint(found):
        return True
    return _english_action(tokens, found)


def problem(tp: Touchpoint, filled_words: int) -> str | None:
    """Why a desired situation is not concrete yet (Dutch), or None when it is."""
    text = tp.desired_situation
    if not text:
        return "is nog leeg"
    if folded_words(text) == folded_words(tp.description):
        return "is hetzelfde als nu"
    if word_count(text) < filled_words:
        return f"is te kort (minder dan {filled_words} woorden)"
    if not has_action(text):
        return "zegt niet wat de organisatie doet"
    return None


@criterion(
    "improvement", "Verbetervoorstel", "momenten-van-de-waarheid", optional=True,
    levels=(
        "Geen enkel moment van de waarheid of dal (cijfer onder de {low_emotion}) heeft een gewenste situatie.",
        "Minder dan {sufficient_share} van de momenten van de waarheid en dalen heeft een concrete gewenste situatie.",
        "Minstens {sufficient_share} van de momenten van de waarheid en dalen heeft een concrete gewenste situatie: "
        "wat de organisatie daar dan doet.",
        "Elk moment van de waarheid en elk dal heeft een concrete gewenste situatie en een gewenst cijfer: minstens "
        "een 7, en een 9 of hoger op een moment van de waarheid.",
    ),
    params=(
        LOW_EMOTION,
        Param("sufficient_share", 0.5, "Deel met concrete gewenste situatie voor voldoende (%)",
              "Voor voldoende heeft minstens dit deel van de momenten van de waarheid en dalen een concrete "
              "gewenste situatie."),
        Param("filled_words", 4, "Woorden voor een gewenste situatie",
              "Een gewenste situatie telt pas mee vanaf zoveel woorden, met een werkwoord.", 1, 100),
    ),
)
def improvement(ctx, p) -> Judgement:
    who = ctx.who
    example = f"‘Een medewerker belt {who} binnen een dag terug.’"
    moments = key_moments(ctx.touchpoints, p["low_emotion"])
    if not moments:
        return Judgement(
            0, "Ik zie nog geen moment van de waarheid en geen dal in je curve. Dan weet ik niet waar je wilt "
               "verbeteren.",
            "Wijs eerst je momenten van de waarheid aan en geef elk contactmoment een cijfer. Schrijf daarna bij die "
            "momenten en bij de dalen hoe het beter moet.")
    found = describe(moments)
    concrete = [m for m in moments if problem(m.touchpoint, p["filled_words"]) is None]
    empty = [m for m in moments if not m.touchpoint.desired_situation]
    vague = [m for m in moments if m not in concrete and m not in empty]
    parts = [found]
    if concrete:
        parts.append(f"Met een concrete gewenste situatie: {quote_list([m.touchpoint.label() for m in concrete])}.")
    if vague:
        parts.append("Nog niet concreet: " + "; ".join(
            f"‘{shorten(m.touchpoint.desired_situation)}’ bij ‘{m.touchpoint.label()}’ "
            f"{problem(m.touchpoint, p['filled_words'])}" for m in vague) + ".")
    if empty:
        parts.append(f"Zonder gewenste situatie: {quote_list([m.touchpoint.label() for m in empty])}.")
    feedback = " ".join(parts)
    if len(empty) == len(moments):
        return Judgement(0, feedback,
                         f"Schrijf bij {_first_names(empty)} wat de organisatie daar anders gaat doen. Zeg wie wat "
                         f"doet, bijvoorbeeld {example}")
    todo = vague + empty
    if todo:
        tip = (f"Schrijf bij {_first_names(todo)} in minstens {p['filled_words']} woorden wat de organisatie dan "
               f"doet, met een werkwoord: niet ‘het moet beter’, maar bijvoorbeeld {example}")
        level = 2 if share_at_least(len(concrete), len(moments), p["sufficient_share"]) else 1
        return Judgement(level, feedback, tip)
    short = [m for m in moments if m.touchpoint.desired_emotion is None or m.touchpoint.desired_emotion < m.target]
    if short:
        return Judgement(
            2, f"{feedback} Het gewenste cijfer ontbreekt of is nog te laag bij {and_list([_wish(m) for m in short])}.",
            "Geef elke gewenste situatie een gewenst cijfer. Haal een dal op tot minstens een 7. Maak van een moment "
            "van de waarheid een 9 of hoger: dat onthoudt de klant.")
    feedback += " Elk van deze momenten heeft een gewenst cijfer dat past bij les 6."
    lows = [tp for tp in ctx.touchpoints if tp.emotion is not None and tp.emotion < EXPECTED
            and not tp.desired_situation and all(m.touchpoint is not tp for m in moments)]
    if lows:
        return Judgement(3, feedback,
                         f"Nog sterker: ook {_first_names_tp(lows)} {'scoort' if len(lows) == 1 else 'scoren'} onder "
                         "de 7. Wat doet de organisatie daar, zodat het minstens een 7 wordt?")
    return Judgement(3, feedback, "")


def _wish(m: KeyMoment) -> str:
    wish = m.touchpoint.desired_emotion
    return f"‘{m.touchpoint.label()}’ ({'geen gewenst cijfer' if wish is None else f'een {wish}'})"


def _first_names(moments: list[KeyMoment]) -> str:
    return quote_list([m.touchpoint.label() for m in moments], limit=3)


def _first_names_tp(tps: list[Touchpoint]) -> str:
    return quote_list([tp.label() for tp in tps], limit=3)


