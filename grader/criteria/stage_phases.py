"""Bewustwordingsfase and after-salesfase: the two phases with a fixed place (first and last)."""
from __future__ import annotations

from dataclasses import dataclass

from ..text import is_filled, quote_list
from .influences import is_influence
from .persona import mentions_persona, organisation_speaks
from .registry import Judgement, Param, criterion


@dataclass(frozen=True)
class _StageFacts:
    found: str  # Dutch sentence: which phases were recognised and their touchpoints
    count: int  # touchpoints in all phases of this stage
    verdict: Judgement | None  # set when the level is already decided (0 or 1)


def _stage_facts(ctx, stage: str, first: bool, title: str, where: str, missing_tip: str) -> _StageFacts:
    indexes = ctx.phases_of(stage)
    if not indexes:
        maybe = [ctx.phase(i).label() for i, match in enumerate(ctx.stages) if match.other == stage]
        hints = " ".join(hint for hint in (_doubt_hint(maybe, title), _unknown_hint(ctx)) if hint)
        if maybe:  # the student may have meant one of them: say how to tell, then what else to do
            missing_tip = (f"Is {quote_list(maybe, last='of')} je {title}? Kies daar dan zelf de ‘Soort fase’ in de "
                           f"bouwer. Zo niet: {missing_tip[:1].lower()}{missing_tip[1:]}")
        return _StageFacts("", 0, Judgement(0, f"Ik vind geen {title} in je klantreis. {hints}".strip(), missing_tip))
    key = indexes[0] if first else indexes[-1]
    phase = ctx.phase(key)
    evidence = ctx.stages[key].evidence
    names = quote_list([ctx.phase(i).label() for i in indexes])
    count = sum(len(ctx.phase(i).touchpoints) for i in indexes)
    found = (f"{evidence} {'Deze fase heeft' if len(indexes) == 1 else f'De fasen {names} hebben samen'} "
             f"{count} contactmoment{'en' if count != 1 else ''}.")
    other = ctx.other_stage_before(key, stage) if first else ctx.other_stage_after(key, stage)
    if other is not None:
        return _StageFacts(found, count, Judgement(
            1, f"{found} Maar ‘{phase.label()}’ staat {'na' if first else 'voor'} ‘{ctx.phase(other).label()}’.",
            f"Zet de {title} {where}."))
    if count == 0:
        return _StageFacts(found, count, Judgement(1, found, f"Geef de {title} minstens één contactmoment."))
    return _StageFacts(found, count, None)


def _doubt_hint(maybe: list[str], title: str) -> str:
    """The phases whose stage was a close call with this one (StageMatch.other)."""
    if not maybe:
        return ""
    return f"{quote_list(maybe)} {'kan' if len(maybe) == 1 else 'kunnen'} ook de {title} zijn."


def _unknown_hint(ctx) -> str:
    unknown = [ctx.phase(i).label() for i, m in enumerate(ctx.stages) if m.stage is None]
    if unknown:
        return f"Bij {quote_list(unknown)} herken ik niet welke fase het is."
    return ""


@criterion(
    "awareness", "Bewustwordingsfase", "bewustwording-en-aftersales",
    levels=(
        "Geen bewustwordingsfase.",
        "Wel een bewustwordingsfase, maar zonder contactmoment met de organisatie of niet vooraan.",
        "Een bewustwordingsfase vooraan, met minstens één contactmoment.",
        "Een bewustwordingsfase vooraan, met {good_touchpoints} of meer contactmomenten met de organisatie (een "
        "gesprek thuis is een invloed) en een duidelijke trigger.",
    ),
    params=(
        Param("good_touchpoints", 2, "Contactmomenten voor goed",
              "Zoveel contactmomenten in de bewustwordingsfase, met een trigger, is niveau 3.", 1, 100),
        Param("filled_words", 3, "Woorden voor de trigger", "De trigger telt pas mee vanaf zoveel woorden.", 1, 100),
    ),
)
def awareness(ctx, p) -> Judgement:
    facts = _stage_facts(
        ctx, "awareness", True, "bewustwordingsfase", "vooraan, vóór alle andere fasen",
        "Begin met een fase vóór het eerste contact: wat zet de klant aan het denken? Noem die bijvoorbeeld "
        "‘Bewustwording’.",
    )
    if facts.verdict:
        return facts.verdict
    found, count = facts.found, facts.count
    influences = [tp.label() for i in ctx.phases_of("awareness") for tp in ctx.phase(i).touchpoints
                  if is_influence(tp)]
    if influences:
        found += (f" {quote_list(influences)} {'is een invloed' if len(influences) == 1 else 'zijn invloeden'}, "
                  f"geen contact met de organisatie: daar komt {ctx.who} de organisatie niet tegen.")
    if len(influences) == count:  # only influences: no contact moment yet (lesson 4)
        return Judgement(1, found, "Geef de bewustwordingsfase een contactmoment van de organisatie, bijvoorbeeld "
                                   "een post op sociale media, een poster of een brief.")
    trigger = ctx.journey.trigger
    has_trigger = is_filled(trigger, p["filled_words"])
    trigger_text = (f" Je trigger is: ‘{trigger.rstrip('.!')}’." if has_trigger
                    else " Je hebt nog geen trigger beschreven." if not trigger
                    else f" Je trigger ‘{trigger}’ is nog erg kort.")
    if count - len(influences) >= p["good_touchpoints"] and has_trigger:
        return Judgement(3, found + trigger_text, _trigger_from_outside(ctx))
    if not has_trigger:
        return Judgement(2, found + trigger_text,
                         f"Beschrijf de trigger in minstens {p['filled_words']} woorden: waardoor gaat de klant op "
                         "zoek?")
    return Judgement(2, found + trigger_text,
                     f"Geef de bewustwordingsfase minstens {p['good_touchpoints']} contactmomenten, bijvoorbeeld een "
                     "post van de organisatie op sociale media of een brief. Een gesprek thuis telt niet mee: dat is "
                     "een invloed, geen contactmoment.")


@criterion(
    "after_sales", "After-salesfase", "bewustwording-en-aftersales",
    levels=(
        "Geen after-salesfase.",
        "Wel een after-salesfase, maar zonder contactmoment of niet achteraan.",
        "Een after-salesfase achteraan, met minstens één contactmoment.",
        "Een after-salesfase achteraan, met {good_touchpoints} of meer contactmomenten.",
    ),
    params=(
        Param("good_touchpoints", 2, "Contactmomenten voor goed",
              "Zoveel contactmomenten in de after-salesfase is niveau 3.", 1, 100),
    ),
)
def after_sales(ctx, p) -> Judgement:
    facts = _stage_facts(
        ctx, "after_sales", False, "after-salesfase", "achteraan, na alle andere fasen",
        "Voeg aan het eind een fase toe voor ná het contact: hoe houdt de organisatie de band? Noem die bijvoorbeeld "
        "‘Nazorg’.",
    )
    if facts.verdict:
        return facts.verdict
    found, count = facts.found, facts.count
    if count >= p["good_touchpoints"]:
        return Judgement(3, found, _lasting_bond(ctx, ctx.phases_of("after_sales")))
    return Judgement(2, found,
                     f"Geef de after-salesfase minstens {p['good_touchpoints']} contactmomenten, bijvoorbeeld een "
                     "evaluatie en een bericht achteraf.")


def _trigger_from_outside(ctx) -> str:
    """A concrete next step for a trigger at the top level, or nothing."""
    trigger, who = ctx.journey.trigger, ctx.who
    name = ctx.persona_name
    if organisation_speaks(ctx, trigger):
        return (f"Nog sterker: je trigger is geschreven vanuit de organisatie (‘wij’, ‘ons’). Schrijf wat {who} "
                "ziet, hoort of voelt.")
    if name and not mentions_persona(trigger, name):
        return f"Nog sterker: noem {who} in de trigger. Wat ziet, hoort of voelt {who} op dat moment?"
    return ""


def _lasting_bond(ctx, indexes: list[int]) -> str:
    """A concrete next step for an after-sales phase at the top level, or nothing."""
    tps = [tp for i in indexes for tp in ctx.phase(i).touchpoints]
    if tps and not any(tp.gain for tp in tps):
        return (f"Nog sterker: schrijf bij {quote_list([tp.label() for tp in tps], limit=3)} een pluspunt: wat heeft "
                f"{ctx.who} aan deze nazorg? Zo zie je of de band sterker wordt.")
    return ""
