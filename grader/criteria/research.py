"""Onderbouwing (optional): the key touchpoints rest on research, not only on the student's own
experience (lesson 7: interview, observatie or gemba walk, mystery guest, enquête)."""
from __future__ import annotations

from ..journey import SOURCE_LABELS
from ..text import quote_list
from .key_moments import LOW_EMOTION, and_list, describe, key_moments
from .registry import Judgement, Param, criterion, share_at_least

OWN = "eigen_ervaring"


@criterion(
    "research", "Onderbouwing", "klantbeleving-onderzoeken", optional=True,
    levels=(
        "Geen enkel moment van de waarheid of dal (cijfer onder de {low_emotion}) heeft een bron.",
        "Minder dan {sufficient_share} van de momenten van de waarheid en dalen heeft een bron anders dan eigen "
        "ervaring.",
        "Minstens {sufficient_share} van de momenten van de waarheid en dalen heeft een bron anders dan eigen "
        "ervaring: een interview, een observatie, een mystery guest of een enquête.",
        "Elk moment van de waarheid en elk dal heeft zo'n bron, en je gebruikt minstens {good_sources} "
        "verschillende soorten onderzoek.",
    ),
    params=(
        LOW_EMOTION,
        Param("sufficient_share", 0.5, "Deel met bron voor voldoende (%)",
              "Voor voldoende heeft minstens dit deel van de momenten van de waarheid en dalen een bron anders dan "
              "eigen ervaring."),
        Param("good_sources", 2, "Soorten onderzoek voor goed",
              "Voor niveau 3 gebruik je bij die momenten minstens zoveel verschillende soorten onderzoek.", 1, 4),
    ),
)
def research(ctx, p) -> Judgement:
    moments = key_moments(ctx.touchpoints, p["low_emotion"])
    if not moments:
        return Judgement(
            0, "Ik zie nog geen moment van de waarheid en geen dal in je curve. Dan weet ik niet welke momenten je "
               "moet onderbouwen.",
            "Wijs eerst je momenten van de waarheid aan en geef elk contactmoment een cijfer. Zoek daarna uit hoe "
            "klanten die momenten beleven, en vul de bron in.")
    found = describe(moments)
    researched = [m for m in moments if m.touchpoint.source not in (None, OWN)]
    own = [m for m in moments if m.touchpoint.source == OWN]
    none = [m for m in moments if m.touchpoint.source is None]
    parts = [found]
    if researched:
        parts.append("Onderbouwd met onderzoek: " + and_list([
            f"‘{m.touchpoint.label()}’ ({_kind(m.touchpoint.source)})" for m in researched]) + ".")
    if own:
        parts.append(f"Alleen eigen ervaring: {quote_list([m.touchpoint.label() for m in own])}.")
    if none:
        parts.append(f"Zonder bron: {quote_list([m.touchpoint.label() for m in none])}.")
    feedback = " ".join(parts)
    todo = own + none
    ask = ("Vraag het aan klanten: houd een kort interview, kijk mee bij de balie (gemba walk) of gebruik een "
           "enquête. Vul daarna de bron in.")
    if not researched:
        level = 0 if not own else 1
        return Judgement(level, feedback, f"Zoek uit hoe klanten {quote_list([m.touchpoint.label() for m in todo], 3)} "
                                          f"beleven. {ask}")
    if todo:
        level = 2 if share_at_least(len(researched), len(moments), p["sufficient_share"]) else 1
        return Judgement(level, feedback,
                         f"Onderbouw ook {quote_list([m.touchpoint.label() for m in todo], 3)}. {ask}")
    kinds = {m.touchpoint.source for m in researched}
    if len(kinds) < p["good_sources"]:
        unused = [label.lower() for key, label in SOURCE_LABELS.items() if key not in kinds and key != OWN]
        return Judgement(2, f"{feedback} Je gebruikt {len(kinds)} soort onderzoek.",
                         f"Gebruik minstens {p['good_sources']} soorten onderzoek, dan zie je meer. Probeer "
                         f"bijvoorbeeld ook een {unused[0]}.")
    return Judgement(3, f"{feedback} Je gebruikt {len(kinds)} soorten onderzoek.", "")


def _kind(source: str) -> str:
    """'observatie' for 'Observatie (gemba)': the kind of research, without brackets inside brackets."""
    return SOURCE_LABELS[source].split(" (")[0].lower()
