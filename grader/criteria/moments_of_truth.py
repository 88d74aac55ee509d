"""Momenten van de waarheid: a few marked touchpoints, each with a reason of substance."""
from __future__ import annotations

from ..text import is_filled, quote_list
from .key_moments import DIP, EXPECTED, MEMORABLE, and_list
from .persona import organisation_speaks
from .registry import Judgement, Param, criterion, share_at_most


@criterion(
    "moments_of_truth", "Momenten van de waarheid", "momenten-van-de-waarheid",
    levels=(
        "Geen moment van de waarheid aangewezen.",
        "Wel aangewezen, maar zonder reden, of meer dan {max_share} van de contactmomenten.",
        "Eén of meer momenten van de waarheid, elk met een reden; hoogstens {max_share} van de contactmomenten.",
        "Zoals voldoende, en elk moment heeft een emotiescore en een reden van minstens {substance_words} woorden.",
    ),
    params=(
        Param("max_share", 0.5, "Hoogste deel momenten van de waarheid (%)",
              "Zijn meer contactmomenten een moment van de waarheid? Dan is het niveau 1."),
        Param("filled_words", 3, "Woorden voor een reden",
              "De reden bij een moment van de waarheid telt pas mee vanaf zoveel woorden.", 1, 100),
        Param("substance_words", 8, "Woorden voor een goede reden",
              "Voor niveau 3 heeft elke reden minstens zoveel woorden.", 1, 200),
    ),
    order=(("filled_words", "substance_words"),),
)
def moments_of_truth(ctx, p) -> Judgement:
    tps = ctx.touchpoints
    marked = [tp for tp in tps if tp.moment_of_truth]
    if not marked:
        return Judgement(0, "Je hebt nog geen moment van de waarheid aangewezen.",
                         "Kies het contactmoment waar de klant echt beslist of het goed of slecht voelt. Zet daar "
                         "‘moment van de waarheid’ aan en schrijf op waarom.")
    names = quote_list([tp.label() for tp in marked])
    found = f"Je momenten van de waarheid: {names} ({len(marked)} van de {len(tps)} contactmomenten)."
    no_reason = [tp.label() for tp in marked if not is_filled(tp.moment_of_truth_reason, p["filled_words"])]
    too_many = not share_at_most(len(marked), len(tps), p["max_share"])
    if no_reason or too_many:  # both problems are named at once, so mending one does not reveal the other
        said, tips = [found], []
        if no_reason:
            said.append(f"Zonder duidelijke reden: {quote_list(no_reason)}.")
            tips.append(f"Schrijf bij elk moment van de waarheid in minstens {p['filled_words']} woorden waarom dit "
                        "moment zo belangrijk is voor de klant.")
        if too_many:
            said.append("Dat zijn er te veel: niet elk moment is beslissend.")
            tips.append("Houd alleen de momenten over waar het echt om draait: hoogstens "
                        f"{round(p['max_share'] * 100)}% van je contactmomenten.")
        return Judgement(1, " ".join(said), " ".join(tips))
    thin = [tp.label() for tp in marked
            if tp.emotion is None or not is_filled(tp.moment_of_truth_reason, p["substance_words"])]
    if not thin:
        return Judgement(3, f"{found} Elk moment heeft een emotiescore en een goede reden.", _stronger(ctx, marked))
    return Judgement(2, f"{found} Elk moment heeft een reden. Nog niet sterk genoeg uitgelegd of zonder emotiescore: "
                        f"{quote_list(thin)}.",
                     f"Geef elk moment van de waarheid een emotiescore en leg in minstens {p['substance_words']} "
                     "woorden uit waarom het beslissend is.")


def _stronger(ctx, marked) -> str:
    """A concrete next step for moments of truth at the top level (lesson 6), or nothing.

    A reason in the organisation's voice is rewritten from the customer first (lesson 1: from the
    outside in); then a moment below the 6 is raised to at least a 7; a moment that is not yet a 9
    can become one."""
    inside = [tp.label() for tp in marked if organisation_speaks(ctx, tp.moment_of_truth_reason)]
    if inside:
        return (f"Nog sterker: de reden bij {quote_list(inside, limit=3)} is geschreven vanuit de organisatie "
                f"(‘wij’, ‘ons’). Schrijf waarom dit moment voor {ctx.who} beslissend is.")
    dips = [tp for tp in marked if tp.emotion < DIP]
    if dips:
        return (f"Nog sterker: bij {_scored(dips)} gaat het mis. Bedenk wat de organisatie daar doet, zodat het "
                f"minstens een {EXPECTED} wordt.")
    below = [tp for tp in marked if tp.emotion < MEMORABLE]
    if below:
        return (f"Nog sterker: {_scored(below)} {'is' if len(below) == 1 else 'zijn'} nog geen 9. Bedenk wat de "
                "organisatie daar kan doen om er een 9 of hoger van te maken.")
    return ""


def _scored(tps) -> str:
    return and_list([f"‘{tp.label()}’ (een {tp.emotion})" for tp in tps], limit=3)
