"""Influences (lesson 4): a talk with someone close to the customer is no contact moment with the
organisation ("Een gesprek thuis of een bericht van een vriend is geen contactmoment"). The
awareness criterion does not count them for goed; the service concept asks no staff there."""
from __future__ import annotations

from ..channels import ONLINE, channel_kinds
from ..journey import Touchpoint
from ..text import fold, words

# People close to a customer. Not parents and colleagues: parents are a school's customers too
# ('Intakegesprek met ouders', 'Ouderavond'), and a colleague is often the organisation's own staff.
_CLOSE = frozenset([
    "moeder", "vader", "mama", "papa", "mam", "pap", "broer", "zus", "zusje", "broertje", "oom", "tante", "opa",
    "oma", "neef", "nicht", "vriend", "vriendin", "vrienden", "vriendinnen", "klasgenoot", "klasgenoten", "buurman",
    "buurvrouw", "mother", "father", "mum", "mom", "dad", "brother", "sister", "uncle", "aunt", "grandma", "grandpa",
    "cousin", "friend", "friends", "classmate", "classmates", "neighbour", "neighbor"])
# Before the person: the person speaks or is spoken with ('Gesprek met moeder', 'Tip van een vriendin').
# After 'voor', 'aan' or 'to' the person is who it is meant for ('Korting voor vrienden', 'Letter to dad').
_WITH = frozenset(["met", "van", "bij", "with", "from"])
_POSSESSIVE = frozenset(["mijn", "haar", "zijn", "een", "de", "het", "hun", "my", "her", "his", "a", "the", "their"])


def is_influence(tp: Touchpoint) -> bool:
    """A touchpoint where someone close to the customer speaks ('Oom vertelt', 'Moeder zegt', 'Gesprek
    met moeder', 'Conversation with a friend', channel 'vriendin'), not through an online medium of the
    organisation (an app, a website, a mail are contact moments, whoever is in them)."""
    if ONLINE in channel_kinds(tp.channel):
        return False
    return _speaks(tp.name) or _speaks(tp.channel)


def _speaks(text: str) -> bool:
    """The text starts with a close person, or names one right after 'met', 'van', 'with', 'from'
    (with 'mijn', 'een', 'the'… in between)."""
    folded = [fold(w).split("'")[0].split("’")[0] for w in words(text)]  # "friend's" is a friend
    for i, word in enumerate(folded):
        if word not in _CLOSE:
            continue
        j = i - 1
        while j >= 0 and folded[j] in _POSSESSIVE:
            j -= 1
        if j < 0 or folded[j] in _WITH:
            return True
    return False
