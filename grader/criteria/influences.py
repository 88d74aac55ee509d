"""Influences (lesson 4): a talk with someone close to the customer is no contact moment with the
organisation. The awareness criterion does not count them for goed; the service concept asks no staff there."""
from __future__ import annotations

from ..journey import Touchpoint
from ..text import folded_words

# People close to the customer (lesson 4): a talk with them is an influence, not a contact moment,
# because the customer does not meet the organisation there.
_CLOSE = frozenset([
    "moeder", "vader", "ouders", "ouder", "mama", "papa", "mam", "pap", "broer", "zus", "zusje", "broertje", "oom",
    "tante", "opa", "oma", "neef", "nicht", "vriend", "vriendin", "vrienden", "vriendinnen", "klasgenoot",
    "klasgenoten", "buurman", "buurvrouw", "buren", "collega", "collega's", "familie", "gezin", "mother", "father",
    "parents", "mum", "mom", "dad", "brother", "sister", "uncle", "aunt", "grandma", "grandpa", "cousin", "friend",
    "friends", "classmate", "classmates", "neighbour", "neighbor", "neighbours", "colleague", "colleagues", "family"])


def is_influence(tp: Touchpoint) -> bool:
    """A touchpoint whose name or channel is a person close to the customer ('Gesprek met moeder',
    'Oom vertelt', channel 'vriendin'): an influence, not a contact moment (lesson 4)."""
    return not _CLOSE.isdisjoint(folded_words(f"{tp.name} {tp.channel}"))
