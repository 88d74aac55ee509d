"""Emotiecurve (optional): every touchpoint scored, a curve that shows something, the top on a
moment of truth. Read as lesson 6 teaches it: a 7 is what the customer expects, a 9 or more is
remembered, below a 6 is a dip where the organisation improves first."""
from __future__ import annotations

from ..text import quote_list
from .key_moments import DIP, EXPECTED, MEMORABLE, and_list
from .registry import Judgement, Param, criterion


@criterion(
    "emotion_curve", "Emotiecurve", "momenten-van-de-waarheid", optional=True,
    levels=(
        "Geen enkel contactmoment heeft een emotiescore.",
        "Niet elk contactmoment heeft een score, of de curve is vlak: minder dan {min_range} punten verschil en geen "
        "top van 9 of hoger.",
        "Elk contactmoment heeft een score, en de curve laat iets zien: minstens {min_range} punten verschil, of een "
        "top van 9 of hoger.",
        "Zoals voldoende, en de hoogste score ligt op een moment van de waarheid.",
    ),
    params=(
        Param("min_range", 3, "Verschil tussen hoogste en laagste score",
              "Voor voldoende gaat de curve minstens zoveel punten omhoog en omlaag, of heeft die een top van 9 of "
              "hoger (scores van 1 tot 10).", 0, 9),
    ),
)
def emotion_curve(ctx, p) -> Judgement:
    tps = ctx.touchpoints
    who = ctx.who
    scored = [tp for tp in tps if tp.emotion is not None]
    if not scored:
        return Judgement(0, "Geen enkel contactmoment heeft een emotiescore.",
                         "Geef elk contactmoment een rapportcijfer van 1 tot 10: hoe voelt de klant zich daar?")
    curve = ", ".join(str(tp.emotion) for tp in scored)
    found = f"Je emotiescores: {curve}."
    unscored = [tp.label() for tp in tps if tp.emotion is None]
    if unscored:
        return Judgement(1, f"{found} Zonder score: {quote_list(unscored)}.",
                         "Geef ook deze contactmomenten een cijfer, dan zie je de hele curve.")
    low, high = min(tp.emotion for tp in scored), max(tp.emotion for tp in scored)
    if high - low < p["min_range"] and high < MEMORABLE:
        span = f"blijft op een {low}" if low == high else f"blijft tussen {low} en {high}"
        return Judgement(1, f"{found} De curve {span}: er is geen top van 9 of hoger.",
                         f"Geef elk moment een eerlijk cijfer: een 7 is zoals {who} verwacht, een 9 of hoger onthoudt "
                         f"{who}, en onder de 6 baalt {who}. Welk moment springt eruit?")
    tops = [tp for tp in scored if tp.emotion == high]
    if any(tp.moment_of_truth for tp in tops):
        return Judgement(3, f"{found} De curve gaat van {low} tot {high}, en de hoogste score ligt op een moment van "
                            "de waarheid.", _stronger(scored, who))
    return Judgement(2, f"{found} De curve gaat van {low} tot {high}. De hoogste score ({high}) ligt bij "
                        f"{quote_list([tp.label() for tp in tops])}, geen moment van de waarheid.",
                     "Zorg dat de top van de curve op een moment van de waarheid ligt: daar maakt de organisatie het "
                     "verschil.")


def _stronger(scored, who: str) -> str:
    """A concrete next step for a curve at the top level, or nothing."""
    dips = [tp for tp in scored if tp.emotion < DIP]
    if dips:
        where = and_list([f"‘{tp.label()}’ (een {tp.emotion})" for tp in dips], limit=3)
        return (f"Nog sterker: bij {where} baalt {who}. Bedenk wat de organisatie daar doet, zodat het minstens "
                f"een {EXPECTED} wordt.")
    truths = [tp for tp in scored if tp.moment_of_truth and tp.emotion < MEMORABLE]
    if truths:
        names = quote_list([tp.label() for tp in truths], limit=3)
        return (f"Nog sterker: {names} {'is een moment' if len(truths) == 1 else 'zijn momenten'} van de waarheid "
                f"zonder 9. Wat kan de organisatie daar doen, zodat {who} het onthoudt?")
    return ""
