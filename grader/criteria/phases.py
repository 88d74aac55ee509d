"""Fasen: enough phases, each with a touchpoint, running from before to after."""
from __future__ import annotations

from ..stages import STAGE_TITLES, recognise_text
from ..text import folded_words, quote_list
from .registry import Judgement, Param, criterion


def order_problems(ctx) -> list[str]:
    """Dutch sentences for every awareness phase after, or after-sales phase before, another stage."""
    problems = []
    for i, match in enumerate(ctx.stages):
        name = ctx.phase(i).label()
        if match.stage == "awareness":
            before = ctx.other_stage_before(i, "awareness")
            if before is not None:
                problems.append(
                    f"De bewustwordingsfase ‘{name}’ staat na ‘{ctx.phase(before).label()}’."
                )
        elif match.stage == "after_sales":
            after = ctx.other_stage_after(i, "after_sales")
            if after is not None:
                problems.append(
                    f"De after-salesfase ‘{name}’ staat voor ‘{ctx.phase(after).label()}’."
                )
    return problems


@criterion(
    "phases", "Fasen", "fasen-van-de-klantreis",
    levels=(
        "Minder dan {min_phases} fasen.",
        "{min_phases} fasen, of een fase zonder contactmoment.",
        "{sufficient_phases} of meer fasen, elk met minstens één contactmoment.",
        "{good_phases} of meer fasen, elk met een contactmoment, in de goede volgorde: van voor het eerste contact tot "
        "erna.",
    ),
    params=(
        Param("min_phases", 2, "Minimaal aantal fasen", "Minder fasen is niveau 0 (ontbreekt).", 1, 50),
        Param("sufficient_phases", 3, "Fasen voor voldoende",
              "Zoveel fasen of meer, elk met een contactmoment, is niveau 2.", 1, 50),
        Param("good_phases", 4, "Fasen voor goed", "Zoveel fasen of meer, in de goede volgorde, is niveau 3.", 1, 50),
    ),
    order=(("min_phases", "sufficient_phases"), ("sufficient_phases", "good_phases")),
)
def phases(ctx, p) -> Judgement:
    all_phases = ctx.journey.phases
    count = len(all_phases)
    names = quote_list([ph.label() for ph in all_phases])
    if count < p["min_phases"]:
        found = f"Je hebt {count} fase{'n' if count != 1 else ''}" + (f": {names}." if count else ".")
        return Judgement(0, found + " Een klantreis heeft meer fasen nodig.",
                         f"Verdeel de reis in minstens {p['good_phases']} fasen: wat gebeurt er vóór, tijdens en "
                         "na het contact met de organisatie?")
    found = f"Je hebt {count} fasen: {names}."
    empty = [ph.label() for ph in all_phases if not ph.touchpoints]
    if empty:
        return Judgement(1, f"{found} Deze fasen hebben nog geen contactmoment: {quote_list(empty)}.",
                         "Geef elke fase minstens één contactmoment: waar komt de klant de organisatie tegen?")
    if count < p["sufficient_phases"]:
        return Judgement(1, f"{found} Elke fase heeft een contactmoment, maar {count} fasen is te weinig.",
                         f"Voeg fasen toe, zodat je er minstens {p['good_phases']} hebt. Denk aan de tijd "
                         "vóór het eerste contact en na afloop.")
    problems = order_problems(ctx)
    if count >= p["good_phases"] and not problems:
        return Judgement(3, f"{found} Elke fase heeft een contactmoment en de volgorde loopt van vóór naar na.",
                         _clearer_names(ctx))
    if problems:
        said = " ".join(problems)
        return Judgement(2, f"{found} Elke fase heeft een contactmoment. Maar de volgorde klopt niet: "
                            f"{said[:1].lower()}{said[1:]}",
                         "Zet de bewustwordingsfase vooraan en de after-salesfase achteraan.")
    return Judgement(2, f"{found} Elke fase heeft een contactmoment.",
                     f"Maak er {p['good_phases']} of meer fasen van, van vóór het eerste contact tot na afloop.")


# Lesson 3: "Pas op met het woord ‘oriëntatie’": one reader takes it for awareness, another for comparing.
_AMBIGUOUS = ("orientatie", "orientatiefase", "orientation")


def _clearer_names(ctx) -> str:
    """A concrete next step for phases at the top level: a name that no one misreads, or nothing."""
    ambiguous = [ph.label() for ph in ctx.journey.phases if any(w in _AMBIGUOUS for w in folded_words(ph.name))]
    if ambiguous:
        return (f"Nog sterker: pas op met {quote_list(ambiguous, limit=3)}. De een leest bewustwording, de ander "
                "vergelijken. Kies een naam die niemand verkeerd leest, zoals ‘Bewustwording’ of ‘Vergelijken’.")
    # A name that says nothing of its stage ('Stap 3', 'Geen tijd'): the stage came from elsewhere.
    unclear = [(ctx.phase(i).label(), match.stage) for i, match in enumerate(ctx.stages)
               if match.source in ("description", "touchpoints", "position", "learned")
               and recognise_text(ctx.phase(i).name) is None]
    if unclear:
        names, stage = [name for name, _ in unclear], unclear[0][1]
        example = (f" Voor de {STAGE_TITLES[stage]} is dat bijvoorbeeld ‘{NAME_EXAMPLES[stage]}’." if stage else
                   f" Bijvoorbeeld ‘{NAME_EXAMPLES['consideration']}’ of ‘{NAME_EXAMPLES['after_sales']}’.")
        return (f"Nog sterker: uit de {'naam' if len(names) == 1 else 'namen'} {quote_list(names, limit=3)} blijkt "
                f"nog niet wat de klant in die fase doet. Kies een naam die dat zegt.{example}")
    return ""


# A phase name per stage that says what the customer does, in any sector (each is read as its stage).
NAME_EXAMPLES = {"awareness": "Ontdekken", "consideration": "Vergelijken", "purchase": "Boeken",
                 "experience": "Het bezoek", "after_sales": "Nazorg"}
