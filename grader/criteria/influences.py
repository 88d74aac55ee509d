"""Influences (lesson 4): a talk with someone close to the customer is no contact moment with the
organisation ("Een gesprek thuis of een bericht van een vriend is geen contactmoment"). The
awareness criterion does not count them for goed; the service concept asks no staff there."""
from __future__ import annotations

from ..channels import ONLINE, channel_kinds
from ..journey import Touchpoint
from ..text import fold, words

# People close to a customer. Not parents and colleagues: parents are a school's customers too
# ('Intakegesprek met ouders', 'Ouderavond'), and a colleague is often the organisation's own staff.
# Not 'vrouw' or 'man' either: 'een vrouw bij de balie' may be staff.
_CLOSE = frozenset([
    "moeder", "vader", "mama", "papa", "mam", "pap", "broer", "zus", "zusje", "broertje", "oom", "tante", "opa",
    "oma", "neef", "nicht", "dochter", "zoon", "kleinzoon", "kleindochter", "vriend", "vriendin", "vrienden",
    "vriendinnen", "vriendje", "vriendinnetje", "klasgenoot", "klasgenoten", "huisgenoot", "teamgenoot", "buurman",
    "buurvrouw", "buren", "mother", "father", "mum", "mom", "dad", "brother", "sister", "uncle", "aunt", "grandma",
    "grandpa", "grandmother", "grandfather", "son", "daughter", "wife", "husband", "cousin", "friend", "friends",
    "classmate", "classmates", "roommate", "teammate", "neighbour", "neighbor", "neighbours", "neighbors"])
# A talk or a message: 'Gesprek met moeder', 'Tip van een vriendin', 'Gesprek thuis', 'Friend's advice'.
_TALK = frozenset([
    "gesprek", "gesprekje", "praatje", "praten", "telefoontje", "telefoongesprek", "bericht", "berichtje", "appje",
    "appen", "tip", "tips", "advies", "verhaal", "vraag", "vragen", "chat", "conversation", "talk", "chat", "call",
    "advice", "message", "text", "story", "tip", "question"])
_WITH = frozenset(["met", "van", "with", "from"])
_BETWEEN = frozenset(["mijn", "haar", "zijn", "een", "de", "het", "hun", "my", "her", "his", "a", "the", "their"])
_HOME = frozenset(["thuis", "home"])


def is_influence(tp: Touchpoint) -> bool:
    """A touchpoint where someone close to the customer speaks: 'Oom vertelt', 'Moeder zegt', 'Gesprek
    met moeder', 'Tip van een vriendin', 'Friend's advice', 'Gesprek thuis', also in a messaging app.
    A close person who comes along to the organisation ('Open dag met moeder') or for whom something is
    meant ('Korting voor vrienden') is no influence, nor a channel of the organisation online whoever
    uses it ('iDEAL met de pinpas van vader')."""
    if _speaks(tp.name):
        return True
    return _speaks(tp.channel) and ONLINE not in channel_kinds(tp.channel)


def _speaks(text: str) -> bool:
    folded = [fold(w) for w in words(text)]
    bare = [word.split("'")[0].split("’")[0] for word in folded]
    if len(folded) >= 2 and folded[0] in _TALK and folded[1] in _HOME:
        return True  # 'Gesprek thuis', 'Talk at home' is not in this form: 'at' comes between
    for i, word in enumerate(bare):
        if word not in _CLOSE:
            continue
        if i == 0 or all(w in _BETWEEN for w in bare[:i]):  # the name starts with the person
            after = bare[i + 1] if i + 1 < len(bare) else ""
            possessive = folded[i] != word
            # 'Oom vertelt', 'Vriendin', 'Friend's advice'; not 'Oma's verjaardag', 'Friends discount'
            if (not possessive and (not after or after not in _NOT_SPEAKING)) or (possessive and after in _TALK):
                return True
            continue
        j = i - 1
        while j >= 0 and bare[j] in _BETWEEN:
            j -= 1
        if j >= 1 and bare[j] in _WITH and bare[j - 1] in _TALK:  # 'Gesprek met (mijn) moeder'
            return True
    return False


# After a close person at the start: what it is about, not what the person says ('Friends discount').
_NOT_SPEAKING = frozenset(["korting", "discount", "deal", "verjaardag", "birthday", "feest", "party", "huis", "house",
                           "kaart", "card", "ticket", "tickets", "pas", "abonnement", "&", "en", "and"])
