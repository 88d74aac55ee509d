"""Serviceconcept (optional): what staff do at each touchpoint."""
from __future__ import annotations

from ..text import is_filled, quote_list
from .influences import is_influence
from .registry import Judgement, Param, criterion, share_at_least

SUBSTANCE_WORDS = 8  # a moment of truth deserves more than a few words about the service


@criterion(
    "service_concept", "Serviceconcept", "serviceconcept", optional=True,
    levels=(
        "Bij geen enkel contactmoment staat wat de medewerkers doen.",
        "Bij minder dan {sufficient_share} van de contactmomenten staat wat de medewerkers doen.",
        "Bij minstens {sufficient_share} van de contactmomenten staat wat de medewerkers doen.",
        "Bij elk contactmoment staat wat de medewerkers doen.",
    ),
    params=(
        Param("sufficient_share", 0.5, "Deel met serviceconcept voor voldoende (%)",
              "Voor voldoende staat bij minstens dit deel van de contactmomenten wat de medewerkers doen."),
        Param("filled_words", 3, "Woorden voor wat medewerkers doen", "Die tekst telt pas mee vanaf zoveel woorden.",
              1, 100),
    ),
)
def service_concept(ctx, p) -> Judgement:
    tps = [tp for tp in ctx.touchpoints if not is_influence(tp)]  # a friend's message has no staff (lesson 4)
    if not tps:
        return Judgement(0, "Je klantreis heeft nog geen contactmomenten met de organisatie.",
                         "Maak eerst contactmomenten; schrijf daarna bij elk wat de medewerkers daar doen.")
    with_service = [tp for tp in tps if is_filled(tp.service, p["filled_words"])]
    without = [tp.label() for tp in tps if tp not in with_service]
    found = f"Bij {len(with_service)} van de {len(tps)} contactmomenten staat wat de medewerkers doen."
    if not with_service:
        return Judgement(0, found, "Schrijf bij elk contactmoment wat een medewerker daar doet, bijvoorbeeld ‘een "
                                   "medewerker belt de klant de dag erna op’.")
    if len(without) == 0:
        thin = [tp.label() for tp in tps if tp.moment_of_truth and not is_filled(tp.service, SUBSTANCE_WORDS)]
        if thin:
            return Judgement(3, found, f"Nog sterker: {quote_list(thin, limit=3)} "
                                       f"{'is een moment' if len(thin) == 1 else 'zijn momenten'} van de waarheid. "
                                       "Beschrijf daar wat de medewerkers extra doen, zodat de klant het onthoudt.")
        return Judgement(3, found, "")
    tip = f"Vul ook de service in bij {quote_list(without)}."
    if share_at_least(len(with_service), len(tps), p["sufficient_share"]):
        return Judgement(2, found, tip)
    return Judgement(1, found, tip)
