"""Persona en koppeling: a named persona with goals and frustrations that the journey uses."""
from __future__ import annotations

import functools
import re

from ..text import content_stems, fold, folded_words, quote_list
from .registry import Judgement, Param, criterion, share_at_most

FIRST_PERSON = frozenset({"ik", "mijn", "me", "mij", "i", "my"})
ORGANISATION_VOICE = frozenset({"wij", "we", "ons", "onze", "our", "us"})
_POSSESSIVE = re.compile(r"^(.*?)(['’]s|['’]|s)$")
# Dotted abbreviations such as "i.p.v." and "I.v.m.": their "i" is not the English "I".
_ABBREVIATION = re.compile(r"(?<!\w)(?:[^\W\d_]\.){2,}")


@functools.lru_cache(maxsize=16384)
def mentions_persona(text: str, name: str) -> bool:
    """The persona's first name as a whole word (also "Luca's", "Sannes"), or first-person words.

    A bare -s is only a possessive after a name that does not end in a, i, o, u or y: "Sannes"
    is Sanne's, but "Lucas" is another name than Luca (Dutch writes "Luca's")."""
    found = folded_words(_ABBREVIATION.sub(" ", text) if "." in text else text)
    if found & FIRST_PERSON or name in found:
        return True
    if name:
        for word in found:
            if word.startswith(name):
                match = _POSSESSIVE.match(word)
                if match and match.group(1) == name and (match.group(2) != "s" or name[-1] not in "aiouy"):
                    return True
    return False


@functools.lru_cache(maxsize=16384)
def _keys(text: str | None) -> frozenset[str]:
    """The content stems of a text, made to meet across word forms: a final -s and then -t go
    ('betaalt' meets 'betalen', 'contracts' meets 'contract'), when four letters stay."""
    keys = set()
    for key in content_stems(text):
        for end in ("s", "t"):
            if len(key) > 4 and key.endswith(end):
                key = key[:-1]
        keys.add(key)
    return frozenset(keys)


@functools.lru_cache(maxsize=16384)
def organisation_voice(text: str) -> bool:
    return not folded_words(text).isdisjoint(ORGANISATION_VOICE)


def organisation_speaks(ctx, text: str) -> bool:
    """The text is in the organisation's voice ('wij', 'ons') and not the customer's own 'we': 'Sanne
    en ik … we', 'Sanne en haar vriend … we', 'Mijn wasmachine … we zoeken' are the customer; 'Hier
    kunnen wij Sanne laten zien …' is the organisation. Only the first person singular, or the
    persona's name joined to someone by 'en'/'and', shows the customer's 'we'."""
    return organisation_voice(text) and not _customers_own_we(text, ctx.persona_name)


@functools.lru_cache(maxsize=16384)
def _customers_own_we(text: str, name: str) -> bool:
    if folded_words(text) & FIRST_PERSON:
        return True
    return bool(name) and re.search(rf"\b{re.escape(name)}\s+(?:en|and)\b", fold(text)) is not None


@criterion(
    "persona", "Persona en koppeling", "doelgroep-en-persona",
    levels=(
        "Geen persona, of een persona zonder naam.",
        "Persona met naam, maar zonder doel of frustratie, of de reis noemt de persona nergens.",
        "Persona met naam, doel en frustratie, en minstens één contactmoment noemt de persona.",
        "Zoals voldoende, een doel of frustratie komt terug in een contactmoment, en hoogstens "
        "{max_organisation_share} van de beschrijvingen is vanuit de organisatie geschreven.",
    ),
    params=(
        Param("max_organisation_share", 0.25, "Hoogste deel vanuit de organisatie (%)",
              "Voor niveau 3 is hoogstens dit deel van de beschrijvingen vanuit de organisatie geschreven."),
    ),
)
def persona(ctx, p) -> Judgement:
    who, name = ctx.journey.persona, ctx.persona_name
    if who is None or not name:
        return Judgement(0, "Je klantreis heeft nog geen persona met een naam.",
                         "Maak een persona: geef die een naam, een doel en een frustratie. Kies iemand uit je "
                         "doelgroep.")
    tps = ctx.touchpoints
    mentioned = [tp.label() for tp in tps if any(mentions_persona(text, name) for text in tp.texts())]
    found = f"Je persona heet {who.name}. Doelen: {len(who.goals)}, frustraties: {len(who.frustrations)}."
    if not who.goals or not who.frustrations:
        lacking = [word for word, items in (("doel", who.goals), ("frustratie", who.frustrations)) if not items]
        return Judgement(1, f"{found} Je persona heeft nog geen {' en geen '.join(lacking)}.",
                         f"Schrijf minstens één {' en één '.join(lacking)} op: wat wil {who.name} bereiken en wat zit "
                         f"{who.name} dwars?")
    if not mentioned:
        return Judgement(1, f"{found} Maar geen enkel contactmoment noemt {who.name} of is in de ik-vorm geschreven.",
                         f"Schrijf je contactmomenten vanuit {who.name}: ‘{who.name} krijgt…’ of ‘Ik lees…’.")
    found += (f" {len(mentioned)} contactmoment{'en noemen' if len(mentioned) != 1 else ' noemt'} {who.name} of "
              f"{'zijn' if len(mentioned) != 1 else 'is'} in de ik-vorm geschreven.")
    wishes = (*who.goals, *who.frustrations)
    touch_keys = frozenset().union(*(_keys(t) for tp in tps for t in (tp.description, tp.pain, tp.gain)))
    name_keys = _keys(who.name)  # the persona's own name says nothing about a goal
    own = {text: _keys(text) - name_keys for text in wishes}
    share = {text: len(own[text] & touch_keys) / max(1, len(own[text])) for text in wishes}
    # the wish that comes back most completely first: 'Bezorging te laat' before 'Verse producten' (only 'producten')
    picked = sorted((text for text in wishes if share[text]), key=lambda text: -share[text])
    described = [tp for tp in tps if tp.description]
    org = [tp.label() for tp in described if organisation_voice(tp.description)]
    org_ok = share_at_most(len(org), len(described), p["max_organisation_share"])
    if picked and org_ok:
        unused = [text for text in wishes if text not in picked]
        tip = (f"Nog sterker: ook {quote_list(unused, limit=2)} {'kan' if len(unused) == 1 else 'kunnen'} terugkomen "
               "in de reis. Bij welk contactmoment "
               f"speelt dat voor {who.name}?" if unused else "")
        return Judgement(3, f"{found} Dit doel of deze frustratie komt terug in de reis: ‘{picked[0]}’.", tip)
    if not picked:
        return Judgement(2, f"{found} Maar de doelen en frustraties van {who.name} komen niet terug in de "
                            "contactmomenten.",
                         f"Gebruik een doel of frustratie van {who.name} in een contactmoment, bij de beschrijving, "
                         "het pijnpunt of het pluspunt.")
    return Judgement(2, f"{found} Maar {len(org)} beschrijving{'en zijn' if len(org) != 1 else ' is'} vanuit de "
                        f"organisatie geschreven (met ‘wij’ of ‘ons’): {quote_list(org)}.",
                     f"Kijk van buiten naar binnen: schrijf wat {who.name} meemaakt, niet wat de organisatie doet.")

