"""Contactmomenten: enough touchpoints, each with a channel and a filled description."""
from __future__ import annotations

from ..channels import OFFLINE, ONLINE
from ..text import is_filled, quote_list
from .registry import Judgement, Param, criterion, share_at_least


@criterion(
    "touchpoints", "Contactmomenten", "contactmomenten-en-kanalen",
    levels=(
        "Geen contactmomenten.",
        "1 tot {sufficient_touchpoints} contactmomenten, of te veel zonder kanaal of beschrijving.",
        "{sufficient_touchpoints} of meer contactmomenten; minstens {complete_share} met kanaal en beschrijving.",
        "{good_touchpoints} of meer contactmomenten, allemaal met kanaal en beschrijving, online én offline.",
    ),
    params=(
        Param("sufficient_touchpoints", 4, "Contactmomenten voor voldoende", "Minder contactmomenten is niveau 1.",
              1, 500),
        Param("good_touchpoints", 6, "Contactmomenten voor goed",
              "Voor niveau 3 hebben ze ook allemaal een kanaal en een beschrijving, online én offline.", 1, 500),
        Param("complete_share", 0.75, "Deel met kanaal en beschrijving (%)",
              "Voor voldoende heeft minstens dit deel van de contactmomenten een kanaal en een beschrijving."),
        Param("filled_words", 3, "Woorden voor een beschrijving",
              "Een beschrijving telt pas mee vanaf zoveel woorden.", 1, 100),
    ),
    order=(("sufficient_touchpoints", "good_touchpoints"),),
)
def touchpoints(ctx, p) -> Judgement:
    tps = ctx.touchpoints
    count = len(tps)
    if count == 0:
        return Judgement(0, "Je klantreis heeft nog geen contactmomenten.",
                         "Schrijf per fase op waar de klant de organisatie tegenkomt: een mail, de balie, een gesprek.")
    incomplete = [
        tp.label() for tp in tps
        if not ctx.has_channel(tp) or not is_filled(tp.description, p["filled_words"])
    ]
    complete = count - len(incomplete)
    found = (f"Je hebt {count} contactmoment{'en' if count != 1 else ''}. "
             f"{complete} daarvan {'heeft' if complete == 1 else 'hebben'} een kanaal en een beschrijving.")
    missing = f" Nog niet compleet: {quote_list(incomplete)}." if incomplete else ""
    fix_tip = (f"Geef elk contactmoment een kanaal (bijvoorbeeld ‘website’ of ‘balie’) en een beschrijving "
               f"van minstens {p['filled_words']} woorden.")
    if not share_at_least(complete, count, p["complete_share"]):
        return Judgement(1, found + missing, fix_tip)
    if count < p["sufficient_touchpoints"]:
        return Judgement(1, found + missing,
                         f"Zoek meer contactmomenten: je hebt er minstens {p['sufficient_touchpoints']} nodig.")
    both = all(ctx.channels_by_kind.values())
    if count >= p["good_touchpoints"] and not incomplete and both:
        return Judgement(3, f"{found} {channels_sentence(ctx)}", _feel_and_do(ctx))
    if incomplete:
        return Judgement(2, found + missing, fix_tip)
    if count < p["good_touchpoints"]:
        return Judgement(2, found, f"Voeg contactmomenten toe tot je er minstens {p['good_touchpoints']} hebt.")
    return Judgement(2, f"{found} {channels_sentence(ctx)}", missing_kind_tip(ctx))


def channels_sentence(ctx) -> str:
    """Which channels were read as online and which as offline, in the student's words."""
    online, offline = ctx.channels_by_kind[ONLINE], ctx.channels_by_kind[OFFLINE]
    if online and offline:
        return f"Online kanalen: {quote_list(online)}. Offline kanalen: {quote_list(offline)}."
    if online:
        return f"Je gebruikt alleen online kanalen: {quote_list(online)}. Een offline kanaal ontbreekt."
    if offline:
        return f"Je gebruikt alleen offline kanalen: {quote_list(offline)}. Een online kanaal ontbreekt."
    return "Je hebt nog geen kanalen ingevuld."


def missing_kind_tip(ctx) -> str:
    """A tip that names the kind of channel that is missing."""
    if not ctx.channels_by_kind[OFFLINE]:
        return ("Voeg een offline kanaal toe: een plek, een persoon of iets op papier, zoals een gesprek aan de "
                "balie of een folder.")
    return "Voeg een online kanaal toe, zoals een bericht in de app, een mail of de website."


def _feel_and_do(ctx) -> str:
    """A concrete next step for touchpoints at the top level, or nothing."""
    who = ctx.who
    unscored = [tp.label() for tp in ctx.touchpoints if tp.emotion is None]
    if unscored:
        return (f"Nog sterker: geef ook {quote_list(unscored, limit=3)} een emotiescore. Dan zie je hoe {who} zich "
                "daar voelt.")
    bare = [tp.label() for tp in ctx.touchpoints if not tp.pain and not tp.gain]
    if bare:
        return (f"Nog sterker: schrijf bij {quote_list(bare, limit=3)} een pijnpunt of een pluspunt: wat vindt {who} "
                "daar lastig of fijn?")
    return ""
