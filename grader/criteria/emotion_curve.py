"""Emotiecurve (optional): every touchpoint scored, real peaks and dips, the top on a moment of truth."""
from __future__ import annotations

from ..text import quote_list
from .registry import Judgement, Param, criterion


@criterion(
    "emotion_curve", "Emotiecurve", "momenten-van-de-waarheid", optional=True,
    levels=(
        "Geen enkel contactmoment heeft een emotiescore.",
        "Niet elk contactmoment heeft een score, of de curve is vlak.",
        "Elk contactmoment heeft een score, met echte pieken en dalen (minstens {min_range} punten verschil).",
        "Zoals voldoende, en de hoogste score ligt op een moment van de waarheid.",
    ),
    params=(
        Param("min_range", 3, "Verschil tussen hoogste en laagste score",
              "Voor voldoende gaat de curve minstens zoveel punten omhoog en omlaag (scores van 1 tot 10).", 0, 9),
    ),
)
def emotion_curve(ctx, p) -> Judgement:
    tps = ctx.touchpoints
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
    if high - low < p["min_range"]:
        return Judgement(1, f"{found} De curve is vrij vlak: van {low} tot {high}.",
                         "Waar is de klant echt blij (8 of hoger) en waar baalt die (5 of lager)? Laat die pieken en "
                         "dalen zien.")
    tops = [tp for tp in scored if tp.emotion == high]
    if any(tp.moment_of_truth for tp in tops):
        return Judgement(3, f"{found} De curve gaat van {low} tot {high}, en de hoogste score ligt op een moment van "
                            "de waarheid.",
                         "Een 7 is wat de klant verwacht; een 9 of hoger onthoudt de klant. Waar kan het nog beter?")
    return Judgement(2, f"{found} De curve gaat van {low} tot {high}. De hoogste score ({high}) ligt bij "
                        f"{quote_list([tp.label() for tp in tops])}, geen moment van de waarheid.",
                     "Zorg dat de top van de curve op een moment van de waarheid ligt: daar maakt de organisatie het "
                     "verschil.")
