"""Stage recognition as one decision over the whole journey (grader/stages.py, `_decide`).

Each case is a kind of error a journey-blind reader makes; the names are examples of the kind.
"""
from __future__ import annotations

import itertools
import random

import pytest

from grader import Journey, Phase, Touchpoint, grade, recognise_stages
from grader import stages as stage_module
from grader.stages import STAGE_TITLES

A, C, P, E, S = "awareness", "consideration", "purchase", "experience", "after_sales"


def tp(name: str, description: str = "", channel: str = "") -> Touchpoint:
    return Touchpoint(name=name, description=description, channel=channel)


def ph(name: str, *touchpoints: Touchpoint, description: str = "", stage: str | None = None) -> Phase:
    return Phase(name=name, stage=stage, description=description, touchpoints=touchpoints)


def stages(*phases: Phase) -> list[str | None]:
    return [m.stage for m in recognise_stages(phases)]


SWIM = (
    ph("Zin in zwemmen", tp("Warme dag", "Noor ziet op Instagram dat het 30 graden wordt.")),
    ph("Zwembaden vergelijken", tp("Website", "Ze vergelijkt de prijzen van twee zwembaden.")),
    ph("Kaartje kopen", tp("Kassa", "Ze betaalt met haar pas.")),
    ph("Zwemmen", tp("Glijbaan", "Noor gaat drie keer van de glijbaan en zwemt twintig baantjes.")),
    ph("Nazorg", tp("Mail", "Het zwembad vraagt in een mail om een review.")),
)


def test_an_unnamed_core_phase_between_buying_and_after_sales_is_the_experience():
    matches = recognise_stages(SWIM)
    assert [m.stage for m in matches] == [A, C, P, E, S]
    swim = matches[3]
    assert swim.source == "position"
    assert swim.evidence == ("‘Zwemmen’ staat tussen ‘Kaartje kopen’ en ‘Nazorg’, en de klant gebruikt hier de "
                             "dienst: dat lees ik als de belevingsfase.")
    assert grade(Journey(phases=SWIM)).criterion("phases").level == 3


@pytest.mark.parametrize("core", ["In de sauna", "The concert", "Lunch", "Knippen en föhnen"])
def test_other_unnamed_core_phases(core):
    phases = list(SWIM)
    phases[3] = ph(core, tp("Het moment zelf", "Noor geniet ervan."))
    assert stages(*phases)[3] == E


def test_one_weak_hint_of_after_sales_does_not_beat_the_place_of_a_core_phase():
    # 'Innameherinnering' only hints at after-sales; the phase stands between getting the service
    # and the after-sales, and what happens in it is using the service.
    phases = (ph("Nieuw recept", tp("Huisarts", "Yvonne hoort dat ze elke dag een pil nodig heeft.")),
              ph("Bestellen in de app", tp("App", "Ze kiest ophalen op donderdag.")),
              ph("Ophalen bij de balie", tp("Balie", "De assistente legt uit hoe ze de pil inneemt.")),
              ph("Innemen", tp("Innameherinnering", "De app geeft elke ochtend een seintje.")),
              ph("Gesprek", tp("Telefoon", "Na drie weken belt de apotheker hoe het gaat.")))
    matches = recognise_stages(phases)
    assert [m.stage for m in matches] == [A, P, E, E, S]
    assert matches[3].source == "position" and "belevingsfase" in matches[3].evidence


@pytest.mark.parametrize("weak", ["Uitnodiging", "Bevestiging", "Herinnering", "Informatie", "Aankondiging"])
def test_one_weak_word_in_the_middle_does_not_decide_against_its_neighbours(weak):
    phases = (
        ph("Bewustwording", tp("Poster", "Noor ziet een poster.")),
        ph("Vergelijken", tp("Website", "Ze vergelijkt twee cursussen.")),
        ph(weak, tp("Mail", "Noor krijgt een mail van de cursus.")),
        ph("De cursus", tp("Les", "Noor volgt de eerste les.")),
        ph("Nazorg", tp("Enquête", "Ze vult een enquête in.")),
    )
    found = stages(*phases)
    assert found[2] not in (A, S)
    assert grade(Journey(phases=phases)).criterion("phases").level == 3  # the order check does not fail


def test_a_strong_name_out_of_order_keeps_its_stage_and_gets_the_order_feedback():
    phases = (
        ph("Vergelijken", tp("Website", "Noor vergelijkt twee zwembaden.")),
        ph("Bewustwording", tp("Poster", "Noor ziet een poster.")),
        ph("Kaartje kopen", tp("Kassa", "Ze betaalt.")),
        ph("Nazorg", tp("Mail", "Het zwembad vraagt om een review.")),
    )
    assert stages(*phases) == [C, A, P, S]
    result = grade(Journey(phases=phases)).criterion("phases")
    assert result.level == 2
    said = "Maar de volgorde klopt niet: de bewustwordingsfase ‘Bewustwording’ staat na ‘Vergelijken’."
    assert said in result.feedback


def test_after_sales_placed_in_the_middle_keeps_its_stage():
    phases = (ph("Oriëntatie", tp("Poster")), ph("Nazorg", tp("Mail", "Een mail met een enquête.")),
              ph("Aankoop", tp("Kassa", "Ze betaalt.")), ph("Gebruik", tp("Les", "Ze volgt de les.")))
    assert stages(*phases)[1] == S
    assert grade(Journey(phases=phases)).criterion("after_sales").level == 1


@pytest.mark.parametrize(("name", "stage"), [
    ("Inschrijven (aankoop)", P), ("Rondkijken (overweging)", C), ("Bevestiging (nazorg)", S),
    ("Offertes opvragen: overweging", C), ("Stap 4 - De sleutel [beleving]", E),
])
def test_a_stage_in_brackets_or_after_a_colon_counts_as_chosen(name, stage):
    phases = (ph("Bewustwording", tp("Poster")), ph("Zoeken", tp("Site")), ph(name, tp("Iets", "Er gebeurt iets.")),
              ph("Gebruik", tp("Les")), ph("Nazorg", tp("Enquête")))
    assert stages(*phases)[2] == stage


@pytest.mark.parametrize("first", [
    ph("Kiespijn", tp("Pijn", "Ahmed merkt dat zijn kies pijn doet bij koud water.")),
    ph("Nieuwe telefoon nodig", tp("Kapot scherm", "Het scherm van Sara's telefoon is gebarsten.")),
    ph("Seeing the poster", tp("Poster", "Tim notices a poster for a climbing gym at the station.")),
])
def test_a_first_phase_that_notices_a_need_is_awareness(first):
    found = recognise_stages((first, ph("Zoeken en vergelijken", tp("Website", "Hij vergelijkt drie winkels.")),
                              ph("Afspraak maken", tp("Telefoon", "Hij belt voor een afspraak."))))
    assert found[0].stage == A
    assert "bewustwordingsfase" in found[0].evidence


@pytest.mark.parametrize("last", [
    ph("Garantie", tp("Winkel", "De knop werkt niet meer, de winkel ruilt hem.")),
    ph("Nabellen", tp("Telefoon", "De garage belt of alles goed gaat.")),
    ph("Follow-up call", tp("Phone", "The gym asks how the first month went.")),
    ph("Controle na twee weken", tp("Praktijk", "De tandarts kijkt of alles goed is.")),
])
def test_a_last_phase_after_the_service_is_after_sales(last):
    found = stages(ph("Nodig", tp("Pijn", "Ahmed merkt dat het pijn doet.")), ph("Kopen", tp("Kassa", "Hij betaalt.")),
                   ph("Gebruik", tp("Thuis", "Hij gebruikt het elke dag.")), last)
    assert found[-1] == S


def test_after_sales_is_never_read_from_its_place_alone():
    # The phase students forget: without a word that says "afterwards", the last phase is not after-sales.
    found = recognise_stages((ph("Zoeken", tp("Stagemarkt", "Bram zoekt een bedrijf.")),
                              ph("Stage", tp("Gesprek", "Bram praat met het bedrijf."))))
    assert found[1].stage != S
    assert grade(Journey(phases=tuple(ph(p.name, *p.touchpoints) for p in (
        ph("Zoeken", tp("Stagemarkt", "Bram zoekt een bedrijf.")),
        ph("Stage", tp("Gesprek", "Bram praat met het bedrijf.")))))).criterion("after_sales").level == 0


@pytest.mark.parametrize(("where", "expected"), [(2, E), (4, S)])
def test_a_word_with_two_meanings_is_read_from_its_place_and_touchpoints(where, expected):
    phases = [ph("Lampje op het dashboard", tp("Dashboard", "Jesse merkt dat er een lampje brandt.")),
              ph("Afspraak maken", tp("Telefoon", "Hij belt de garage voor een afspraak.")),
              ph("Rijden", tp("Weg", "Hij rijdt naar zijn werk.")),
              ph("Rekening", tp("Balie", "Hij betaalt aan de balie.")),
              ph("Rijden", tp("Weg", "Hij rijdt naar zijn werk."))]
    touchpoint = (tp("Werkplaats", "De monteur vervangt de olie en de remblokken.") if expected == E
                  else tp("Mail", "Na een jaar krijgt Jesse een mail voor de volgende beurt."))
    phases[where] = ph("Onderhoud", touchpoint)
    assert stages(*phases)[where] == expected


@pytest.mark.parametrize(("before", "expected"), [
    (ph("Vergelijken", tp("Google", "Lotte zoekt een schoenmaker in de buurt.")), P),
    (ph("Afspraak maken", tp("Telefoon", "Ze belt en maakt een afspraak.")), E),
])
def test_handing_in_what_the_service_is_for_is_the_order_or_after_booking_the_service(before, expected):
    found = stages(ph("Hak kapot", tp("Straat", "Lotte merkt dat haar hak los zit.")), before,
                   ph("Laarzen brengen", tp("Toonbank", "De schoenmaker bekijkt de laarzen.")),
                   ph("Ophalen", tp("Winkel", "Ze haalt de laarzen op.")))
    assert found[2] == expected


@pytest.mark.parametrize("bill", ["De rekening", "Splitting the bill"])
def test_the_bill_after_the_visit_is_paying_not_more_of_the_visit(bill):
    found = stages(ph("Zin in pizza", tp("Thuis", "Mo heeft honger.")),
                   ph("Tafel reserveren", tp("Website", "Hij reserveert een tafel.")),
                   ph("Eten", tp("Restaurant", "De pizza is lekker.")),
                   ph(bill, tp("Tafel", "De ober komt met het bonnetje.")),
                   ph("Review", tp("Google", "Mo geeft vijf sterren.")))
    assert found[3] == P


def test_a_phase_its_place_leaves_open_stays_unrecognised_and_says_how_to_choose():
    found = recognise_stages((ph("Stap 1"), ph("Stap 2")))
    assert [m.stage for m in found] == [None, None]
    assert found[0].evidence == "Bij ‘Stap 1’ herken ik geen fase. Kies zelf de ‘Soort fase’ in de bouwer."


def test_the_explicit_stage_still_beats_everything():
    found = recognise_stages((ph("Nazorg", stage=A), ph("Bewustwording", stage=S)))
    assert [m.stage for m in found] == [A, S] and {m.source for m in found} == {"explicit"}


# -- an assignment's own words -----------------------------------------------------------------

OPEN_DAY = (ph("Bewustwording", tp("Poster", "Noor ziet een poster.")),
            ph("Aanmelden voor de open dag", tp("Website", "Ze meldt zich aan.")),
            ph("Open dag", tp("Aula", "Ze loopt rond en praat met studenten.")),
            ph("Na de open dag", tp("Mail", "De school stuurt een mail.")))


def test_an_assignments_own_words_beat_the_word_list(monkeypatch):
    from grader import Rubric

    rubric = Rubric.from_config({"criteria": {"phases": {}}, "stage_words": {"experience": ["open dag"]}})
    own = recognise_stages(OPEN_DAY, rubric.stage_words)
    monkeypatch.setattr(stage_module, "_LEARNED_WEIGHT", 0.0)  # the rules alone (learned evidence: test_stage_model.py)
    plain = recognise_stages(OPEN_DAY)
    assert [m.stage for m in plain] == [A, P, C, S]  # the word list reads an open day as looking around
    assert [m.stage for m in own] == [A, P, E, S]  # "Na de ..." and the name's first word still decide
    assert own[2].evidence == "In ‘Open dag’ staat ‘open dag’: in deze opdracht is dat de belevingsfase."
    assert grade(Journey(phases=OPEN_DAY), rubric).phases[2].stage == E


def test_own_words_are_checked_and_part_of_the_rubric():
    from grader import Rubric, RubricError

    rubric = Rubric.from_config({"criteria": {"phases": {}}, "stage_words": {"experience": ["open  dag"]}})
    assert rubric.stage_words == (("experience", ("open dag",)),)
    assert Rubric.from_config(rubric.to_config()) == rubric
    assert rubric.version != Rubric.from_config({"criteria": {"phases": {}}}).version
    with pytest.raises(RubricError, match=r"rubric\.stage_words\.opening: onbekende soort fase"):
        Rubric.from_config({"criteria": {"phases": {}}, "stage_words": {"opening": ["x"]}})
    with pytest.raises(RubricError, match=r"rubric\.stage_words\.experience: moet een lijst"):
        Rubric.from_config({"criteria": {"phases": {}}, "stage_words": {"experience": "open dag"}})
    with pytest.raises(RubricError, match=r"rubric\.woorden: onbekende instelling"):
        Rubric.from_config({"criteria": {"phases": {}}, "woorden": {}})


# -- words with two meanings ---------------------------------------------------------------------

@pytest.mark.parametrize(("where", "expected"), [(1, C), (3, E)])
def test_a_tour_before_the_purchase_is_looking_around_and_after_it_the_service(where, expected):
    phases = [ph("Zin in een uitje", tp("Instagram", "Noor ziet foto's van een kasteel.")),
              ph("Website bekijken", tp("Website", "Ze leest over de zalen.")),
              ph("Kaartje kopen", tp("Kassa", "Ze betaalt met haar pas.")),
              ph("Rondwandelen", tp("Tuin", "Ze loopt door de tuin.")),
              ph("Nazorg", tp("Mail", "Het kasteel vraagt om een review."))]
    phases[where] = ph("Rondleiding", tp("Gids", "Een gids laat de zalen zien."))
    match = recognise_stages(phases)[where]
    assert match.stage == expected
    if expected == C:  # the other meaning, from its place
        assert match.evidence.startswith("‘Rondleiding’ kan op twee fasen wijzen. De fase staat tussen")
    else:
        assert match.evidence == "‘Rondleiding’ herken ik als de belevingsfase."


def test_planning_before_the_step_is_getting_ready_and_after_it_the_job_being_prepared():
    # Before the purchase the customer plans (the consideration); after the contract the organisation
    # plans the job: that is already part of the service.
    idea = ph("Lekkend dak", tp("Zolder", "Er staat een emmer onder een druppel."))
    contract = ph("Offerte tekenen", tp("Mail", "Ze tekent de offerte van de dakdekker.", "e-mail"))
    job = ph("Het dak wordt gemaakt", tp("Steiger", "Twee mannen werken een dag op het dak."))
    assert stages(idea, ph("Planning", tp("Thuis", "Ze kijkt wat ze wil.")), contract, job)[1] == C
    assert stages(idea, contract, ph("Planning", tp("Telefoon", "De dakdekker belt over een datum.")), job)[2] == E


@pytest.mark.parametrize("name", ["Keuze", "Kiezen", "Choosing", "Choice"])
def test_choosing_is_comparing_or_the_choice_that_commits_and_the_place_decides(name):
    # Lesson 3: in the consideration the customer compares choices, in the purchase "de klant kiest en
    # zet de stap". Before the step (a contract signed) choosing is comparing; after comparing and
    # right before using the service it is the step itself.
    idea = ph("Zin in dansen", tp("Instagram", "Noor ziet een filmpje van een dansschool."))
    before = stages(idea, ph(name, tp("Website", "Ze kijkt naar drie scholen.")),
                    ph("Contract tekenen", tp("Balie", "Ze tekent voor een jaar.")))
    after = stages(idea, ph("Scholen vergelijken", tp("Website", "Ze kijkt naar drie scholen.")),
                   ph(name, tp("Balie", "Noor zegt ja tegen de school aan de Markt.")),
                   ph("Eerste les", tp("Zaal", "Ze danst een uur.")))
    assert (before[1], after[2]) == (C, P)


def test_a_goodbye_in_the_middle_is_part_of_the_service_and_at_the_end_after_sales():
    funeral = (ph("Het overlijden", tp("Telefoon", "Ellen hoort dat haar vader is overleden.")),
               ph("Het regelgesprek", tp("Keukentafel", "Ze tekent de opdracht.")),
               ph("Opbaren en afscheid nemen", tp("Rouwkamer", "De kleinkinderen schrijven een briefje.")),
               ph("Een maand later", tp("Huisbezoek", "De uitvaartverzorger vraagt hoe het gaat.")))
    matches = recognise_stages(funeral)
    assert [m.stage for m in matches] == [A, P, E, S]
    assert matches[2].evidence.startswith("In ‘Opbaren en afscheid nemen’ staat ‘afscheid’: dat kan op twee fasen")
    assert stages(*funeral[:2], ph("Afscheid", tp("Kaart", "De school stuurt een kaart.")))[-1] == S


# -- what the customer does: the verb at the end of a Dutch name -------------------------------

@pytest.mark.parametrize(("name", "expected"), [("Vakantie vergelijken", C), ("Vakantie boeken", P),
                                               ("Inspiratie zoeken", C)])
def test_the_verb_after_its_object_decides(name, expected):
    # 'Vakantie' names the experience and 'Inspiratie' (a strong word) the awareness, but the customer
    # compares, books or searches here: the verb says what happens, the noun only what it is about.
    phases = (ph("Zin in zon", tp("Instagram", "Sanne ziet foto's van vrienden op het strand.")),
              ph(name, tp("Website", "Sanne klikt op een knop.")),
              ph("Op de camping", tp("Tent", "Sanne ligt de hele dag aan het strand.")),
              ph("Nazorg", tp("Mail", "De camping vraagt om een review.")))
    match = recognise_stages(phases)[1]
    assert match.stage == expected
    assert match.evidence.startswith(f"In ‘{name}’ staat ‘{name.split()[1]}’: dat herken ik als de")
    # A name of two steps ('Vergelijken en betalen') weighs both: here the place makes it the purchase.
    match = recognise_stages((phases[0], ph("Vergelijken en betalen"), *phases[2:]))[1]
    assert match.stage == P
    assert match.evidence.startswith("In ‘Vergelijken en betalen’ staat ‘betalen’: dat herken ik als de aankoopfase.")
    assert match.other == C  # a close call: the doubt names the comparing


@pytest.mark.parametrize(("name", "expected", "word"), [
    ("Offerte akkoord", P, "akkoord"), ("Offerte ondertekend", P, "ondertekend"), ("Quote signed", P, "signed"),
    ("Offer accepted", P, "accepted"), ("Plan goedgekeurd", P, "goedgekeurd"), ("Klus geboekt", P, "geboekt"),
    ("Refund approved", S, "Refund"),  # a refund approved stays after-sales
])
def test_an_offer_agreed_to_is_the_purchase(name, expected, word):
    # The quote is what the customer compared; once it is signed or agreed to, the customer commits
    # (a job booked: 'Klus' is what is done later). Not for a refund.
    phases = (ph("Lekkage", tp("Plafond", "Er drupt water uit het plafond.")),
              ph("Drie loodgieters bellen", tp("Telefoon", "Hij vraagt drie prijzen.")),
              ph(name, tp("Mail", "")),
              ph("Loodgieter aan het werk", tp("Loodgieter", "De loodgieter vervangt de leiding.")))
    match = recognise_stages(phases)[2]
    assert match.stage == expected
    assert match.evidence == f"In ‘{name}’ staat ‘{word}’: dat herken ik als de {STAGE_TITLES[expected]}."


@pytest.mark.parametrize(("name", "expected", "word"), [
    ("Offerte akkoord", P, "akkoord"), ("Offerte niet akkoord", C, "Offerte"), ("Quote not signed", C, "Quote")])
def test_an_offer_denied_is_not_agreed_to(name, expected, word):
    # The name's own reading (a journey of one phase): a denied agreement leaves the quote.
    match = recognise_stages((ph(name, tp("Mail", "")),))[0]
    assert match.stage == expected
    assert match.evidence == f"In ‘{name}’ staat ‘{word}’: dat herken ik als de {STAGE_TITLES[expected]}."


def test_a_participle_counts_as_the_decision_only_with_a_word_of_the_purchase():
    # 'Lesson 3 cancelled' is something that happens to the course, not the customer ending it:
    # the lesson decides, as it would without the participle.
    phases = (ph("Skaten leren?", tp("TikTok", "Hij ziet filmpjes van tricks.")),
              ph("Lessen vergelijken", tp("Website", "")),
              ph("Ingeschreven", tp("Mail", "")),
              ph("Lesson 3 cancelled", tp("App", "")),
              ph("Review", tp("Google", "Hij geeft vier sterren.")))
    match = recognise_stages(phases)[3]
    assert match.stage == E
    assert match.evidence == "In ‘Lesson 3 cancelled’ staat ‘Lesson’: dat herken ik als de belevingsfase."


# -- a name that says the customer is there ----------------------------------------------------

@pytest.mark.parametrize(("name", "said"), [
    ("In de wachtkamer", "zegt waar de klant is"), ("At the pool", "zegt waar de klant is"),
    ("On the train", "zegt waar de klant is"),
    ("De dag van de uitvaart", "gaat over de dag zelf"), ("The wedding day", "gaat over de dag zelf"),
    ("De avond zelf", "gaat over de dag zelf"), ("Het moment zelf", "gaat over de dag zelf"),
    ("The night of the show", "gaat over de dag zelf"), ("Zondagmiddag", "gaat over de dag zelf"),
    ("Saturday morning", "gaat over de dag zelf"), ("Vrijdag", "gaat over de dag zelf"),
])
def test_a_name_that_says_the_customer_is_there_is_the_experience(name, said):
    # The touchpoint's 'aanmelden' alone would make it the purchase.
    phases = (ph("Kiespijn", tp("Pijn", "Ahmed merkt dat zijn kies pijn doet.")),
              ph("Bellen", tp("Telefoon", "Hij belt en krijgt een afspraak.")),
              ph(name, tp("Balie", "Hij moet zich aanmelden bij de balie.")),
              ph("Nazorg", tp("Mail", "De praktijk vraagt om een review.")))
    match = recognise_stages(phases)[2]
    assert match.stage == E
    assert match.evidence == f"‘{name}’ {said}: dat herken ik als de belevingsfase."


@pytest.mark.parametrize("name", ["Op de website", "In de app"])
def test_an_online_place_is_not_being_there(name):
    assert recognise_stages((ph(name, tp("Site", "Ze kijkt rond.")),))[0].stage != E


@pytest.mark.parametrize(("name", "expected"), [("Signing the quote", P), ("Checking reviews and dates", C)])
def test_an_english_name_is_read_from_its_verb_first(name, expected):
    # 'quote' alone is consideration and 'reviews' after-sales; the verb says what the customer does.
    assert recognise_stages((ph(name, tp("Website", "Sarah uses her phone.")),))[0].stage == expected


# -- what someone must or will do is not what happens ------------------------------------------

def test_a_first_phase_that_only_mentions_a_later_step_is_awareness():
    # 'moet inschrijven' is advice for later: the phase is the moment Sophie notices the need.
    phases = (ph("Terug naar werk", tp("Consultatiebureau", "De verpleegkundige zegt: je moet op tijd inschrijven.")),
              ph("Rondleiding", tp("Kinderdagverblijf", "Een medewerker laat de groepen zien.")),
              ph("Plaatsing aanvragen", tp("Portaal", "Ze schrijft zich in.")),
              ph("Wenperiode", tp("Groep", "Julia speelt met de blokken.")))
    matches = recognise_stages(phases)
    assert [m.stage for m in matches] == [A, C, P, E]
    assert matches[0].evidence.startswith("‘Terug naar werk’ staat vooraan in de reis")


@pytest.mark.parametrize(("description", "expected"), [
    ("Ze wil later een abonnement kopen.", None), ("She wants to book a room.", None),
    ("Ze koopt een abonnement.", P), ("She books a room.", P),
])
def test_a_modal_verb_mutes_the_stage_word_after_it(description, expected):
    assert recognise_stages((ph("Stap 1", description=description),))[0].stage == expected


# -- a last phase after buying or using, with contact again ------------------------------------

def _cupboard(last: Phase) -> tuple[Phase, ...]:
    return (ph("Kast nodig", tp("Thuis", "Zijn moeder zegt dat hij een kast nodig heeft.", "thuis")),
            ph("Rondkijken in de kringloop", tp("Winkel", "Hij vindt twee kasten.", "kringloopwinkel")),
            ph("Afrekenen", tp("Kassa", "Hij betaalt 35 euro.", "kassa")),
            ph("Ophalen met de bakfiets", tp("Magazijn", "Een vrijwilliger helpt met tillen.", "magazijn")),
            last)


@pytest.mark.parametrize("channel", ["e-mail", "Instagram", "brief", "telefoon", "ansichtkaart"])
def test_a_last_phase_with_contact_after_buying_is_after_sales(channel):
    # No after-sales word at all: the phase comes after the purchase and the shop contacts him again.
    matches = recognise_stages(_cupboard(ph("De foto", tp("Bericht", "De winkel vraagt een foto.", channel))))
    assert matches[-1].stage == S
    assert matches[-1].evidence == ("‘De foto’ staat achteraan in de reis, na ‘Ophalen met de bakfiets’, en "
                                    "dit gebeurt als de klant de dienst al gebruikt heeft: dat lees ik als de "
                                    "after-salesfase.")


def test_a_last_phase_without_contact_is_not_after_sales_by_its_place():
    # The customer alone at home, using what he bought: the after-sales is still missing.
    last = ph("Kast in mijn kamer", tp("In elkaar zetten", "Er mist een plankdrager.", "thuis"))
    assert recognise_stages(_cupboard(last))[-1].stage != S
    assert grade(Journey(phases=_cupboard(last))).criterion("after_sales").level == 0


# -- a step the organisation takes -------------------------------------------------------------

def test_a_step_of_the_organisation_after_the_purchase_is_not_the_customer_comparing():
    phases = (ph("Verwijzing", tp("Huisarts", "Marja hoort dat een operatie nodig is.")),
              ph("Afspraak maken", tp("Brief", "Ze bevestigt de afspraak.")),
              ph("Voorbereiding door de afdeling", tp("Spreekuur", "De planner geeft informatie en een planning."),
                 description="Het ziekenhuis bereidt de operatie voor."),
              ph("Opname en operatie", tp("Operatiekamer", "De operatie gaat goed.")),
              ph("Nacontrole", tp("Polikliniek", "Na zes weken kijkt de arts of alles goed zit.")))
    matches = recognise_stages(phases)
    assert matches[2].stage in (P, E) and matches[3].stage == E
    assert matches[2].evidence.startswith("‘Voorbereiding door de afdeling’ is een stap van de organisatie")
    # As the first phase an organisation's step can still make the customer aware: 'Folder door de gemeente'.
    assert stages(ph("Folder door de gemeente", tp("Brievenbus", "Sanne ziet een advertentie.")), *phases[1:])[0] == A


def test_a_compound_that_is_only_about_a_stage_word_counts_for_less():
    # 'aankoopbon' is a receipt, not buying; 'examenreglement' is the rules, not the exam.
    from grader.stage_words import hits

    assert [h.kind for h in hits("Ze leest de aankoopbon en het examenreglement.", False)] == ["modifier"] * 2
    assert [h.kind for h in hits("Aankoopbeslissing", True)] == ["compound"]  # in a name it still decides
    phases = (ph("Schade!", tp("Straat", "Kim ziet barsten in haar scherm.")),
              ph("Schade melden", tp("Formulier", "Ze vult het formulier in en betaalt het eigen risico.")),
              ph("Beoordeling door de verzekeraar", tp("Mail", "De verzekeraar vraagt om de aankoopbon."),
                 description="De behandelaar beoordeelt de claim."),
              ph("Uitbetaling", tp("Bank", "Ze krijgt het geld.")),
              ph("Tevredenheidsonderzoek", tp("Sms", "Ze geeft een 7.")))
    assert stages(*phases)[2] == E


def test_a_phase_whose_place_leaves_two_stages_open_names_both_and_how_to_choose(monkeypatch):
    # The rules alone: here the learned evidence (test_stage_model.py) prefers one of the two.
    monkeypatch.setattr(stage_module, "_LEARNED_WEIGHT", 0.0)
    phases = (ph("Het begin", tp("Brief", "Kevin leest dat hij op 12 juni gebeld wordt.")),
              ph("Wachten", tp("Portaal", "Kevin telt zijn cijfers op.")),
              ph("Het telefoontje", tp("Telefoon", "De mentor belt: Kevin is geslaagd!")))
    match = recognise_stages(phases)[1]
    assert match.stage in (C, P) and match.source == "position"
    other = "overwegingsfase" if match.stage == P else "aankoopfase"
    assert match.evidence == (f"‘Wachten’ staat tussen ‘Het begin’ en ‘Het telefoontje’: dat kan de "
                              f"{STAGE_TITLE[match.stage]} of de {other} zijn. Ik lees het als de "
                              f"{STAGE_TITLE[match.stage]}. Kies zelf de ‘Soort fase’ in de bouwer.")
    assert match.other == (C if match.stage == P else P)


CLOSE_CALL = (ph("Bewustwording", tp("Poster", "Sanne ziet een poster.", "poster")),
              ph("Vergelijken", tp("Site", "Ze vergelijkt twee scholen.", "website")),
              ph("Uitzoeken wat er aan de hand is", tp("Rooster bekijken", "Daan kijkt in de app.", "app")),
              ph("Eerste lesdag", tp("Les", "Sanne zit in de klas.", "lokaal")),
              ph("Nazorg", tp("Mail", "Hoe was het?", "e-mail")))


def test_a_close_call_names_the_other_stage_and_how_to_choose(monkeypatch):
    # The rules alone: 'Uitzoeken' after 'Vergelijken' and before the first lesson day is the purchase by
    # its place, but consideration is almost as likely (a lead under stages._DOUBT).
    monkeypatch.setattr(stage_module, "_LEARNED_WEIGHT", 0.0)
    matches = recognise_stages(CLOSE_CALL)
    assert [m.other for m in matches] == [None, None, C, None, None]
    assert matches[2].stage == P
    assert matches[2].evidence.endswith("Maar ik weet het niet zeker: het kan ook de overwegingsfase zijn. Klopt "
                                        "dat niet? Kies dan zelf de ‘Soort fase’ in de bouwer.")
    assert grade(Journey(phases=CLOSE_CALL)).to_dict()["phases"][2]["other"] == C


def test_a_close_call_is_no_doubt_with_a_narrower_threshold(monkeypatch):
    monkeypatch.setattr(stage_module, "_LEARNED_WEIGHT", 0.0)
    monkeypatch.setattr(stage_module, "_DOUBT", 0.0)
    matches = recognise_stages(CLOSE_CALL)
    assert matches[2].stage == P and matches[2].other is None and "niet zeker" not in matches[2].evidence


@pytest.mark.parametrize("firm", [ph("Nazorg", tp("Mail", "Hoe was het?")), ph("Uitzoeken", stage=E),
                                  ph("Uitzoeken (aankoop)", tp("Rooster bekijken", "Daan kijkt in de app."))])
def test_a_firm_phase_is_never_a_doubt(monkeypatch, firm):
    # A strong name out of place, a chosen stage, a stage in brackets: what the student said stands.
    monkeypatch.setattr(stage_module, "_DOUBT", 100.0)
    phases = list(CLOSE_CALL)
    phases[2] = firm
    matches = recognise_stages(phases)
    assert matches[1].other is not None  # at this threshold every phase that is not firm is a doubt
    assert matches[2].other is None and "niet zeker" not in matches[2].evidence


STAGE_TITLE = {C: "overwegingsfase", P: "aankoopfase"}


def test_a_first_phase_where_the_customer_notices_a_need_is_awareness_whatever_its_name():
    rest = (ph("Which campsite?", tp("Comparison site", "She compares four campsites on price.")),
            ph("Booking the pitch", tp("Website", "She picks pitch 42 and pays a deposit.")),
            ph("Arrival & stay", tp("Reception", "They get a map and wristbands.")))
    first = ph("Summer plans", tp("Facebook", "Petra sees her friend's holiday photos and wants the same."))
    match = recognise_stages((first, *rest))[0]
    assert match.stage == A
    assert match.evidence.startswith("‘Summer plans’ is de eerste fase. Bij de contactmomenten")
    # Without anything that notices a need, the name's own stage stays.
    first = ph("Vacatures bekijken", tp("Stagemarkt", "Ruben filtert op afstand en vindt negen bedrijven."))
    assert stages(first, *rest)[0] == C


def test_a_last_phase_where_the_customer_looks_back_is_after_sales_whatever_its_name():
    journey = (ph("Zin in een feest", tp("Instagram", "Lisa ziet foto's van een trouwlocatie.")),
               ph("Contract tekenen", tp("Mail", "Ze tekent en betaalt een aanbetaling.")),
               ph("De bruiloft", tp("Tuin", "De ceremonie in de tuin gaat goed.")))
    last = ph("Fotoalbum bestellen", tp("Mail", "Lisa schrijft een review en krijgt een bedankkaart."))
    match = recognise_stages((*journey, last))[-1]
    assert match.stage == S
    assert match.evidence.startswith("‘Fotoalbum bestellen’ is de laatste fase. Bij de contactmomenten")
    # Without anything that happens after the service, the name's own stage stays.
    last = ph("Fotoalbum bestellen", tp("Mail", "Lisa kiest twintig foto's uit."))
    assert stages(*journey, last)[-1] != S


def test_time_passing_in_a_middle_phase_is_not_after_sales():
    # 'na tien weken' in the middle: a talk during the childcare; the after-sales comes later.
    phases = (ph("Terug naar werk", tp("Werk", "Sophie merkt dat ze opvang nodig heeft.")),
              ph("Plaatsing aanvragen", tp("Portaal", "Ze tekent het contract.")),
              ph("Wenperiode", tp("Groep", "Julia speelt met de blokken."), stage=E),
              ph("Oudergesprek", tp("Gesprek", "Na tien weken bespreken ze hoe Julia zich ontwikkelt.")),
              ph("Afscheid bij vier jaar", tp("Mail", "Sophie geeft een beoordeling op de website.")))
    assert stages(*phases)[3] == E
    assert stages(*phases[:4])[3] == S  # as the last phase, the same words are after the service


@pytest.mark.parametrize(("description", "expected"), [
    ("Ze kiest een tijdslot voor de volgende ochtend.", P), ("De assistente plant een afspraak voor morgen.", P),
    ("She picks a date for the party.", P), ("Ze kiest een school met een goede sfeer.", C),
    ("She chooses between three campsites.", C),
])
def test_choosing_a_moment_is_booking_it(description, expected):
    assert recognise_stages((ph("Stap 2", description=description),))[0].stage == expected


def test_every_word_with_two_meanings_is_a_lexicon_word_with_another_stage_as_its_second():
    import tomllib

    from grader.compiled import data_file
    from grader.stage_words import match_word
    from grader.text import fold

    data = tomllib.loads(data_file("stages.toml").read_text("utf-8"))
    for other, found in data["homographs"].items():
        for word in found:
            match = match_word(fold(word))
            assert match is not None and match.stage != other and match.also == other, word


# -- round 3 (stage-v3) -------------------------------------------------------------------------

MUSEUM = (
    ph("Regenachtige zondag", tp("Thuis", "Het regent en de kinderen vervelen zich.", "thuis")),
    ph("Tickets online", tp("Tijdslot", "Ze kopen vier tickets voor 11.00 uur.", "website")),
    ph("Naar Amsterdam", tp("Trein", "Ze reizen met de trein naar Amsterdam.", "trein")),
    ph("Rondlopen", tp("Nachtwacht", "De kinderen zijn onder de indruk.", "museumzaal"),
       tp("Audiotour", "De app vertelt verhalen voor kinderen.", "app")),
    ph("Museumwinkel", tp("Kaarten kopen", "Ze kopen een poster.", "museumwinkel")),
)


def test_a_phase_is_not_read_as_a_step_back_without_a_word_for_it():
    # 'Rondlopen' says nothing of its own; between the trip to the museum and the shop it is the visit,
    # not a step back to comparing (which a later purchase word would otherwise make likely).
    matches = recognise_stages(MUSEUM)
    assert matches[3].stage == E
    assert matches[3].evidence.startswith("‘Rondlopen’ staat tussen ‘Naar Amsterdam’ en ‘Museumwinkel’")
    # A phase that does say it goes back still does: a student who compares after the visit.
    back = ph("Andere musea vergelijken", tp("Website", "Ze vergelijkt de prijzen van twee musea."))
    assert stages(*MUSEUM[:4], back)[4] == C


@pytest.mark.parametrize("name", ["Which ticket?", "Welke school?", "Welk abonnement past bij mij?",
                                  "Where to go?", "Waar naartoe?", "What to buy?"])
def test_a_question_about_which_option_is_the_consideration(name):
    phases = (ph("Het begin", tp("Poster", "Sam ziet een poster.")), ph(name, tp("Site", "Hij kijkt rond.")),
              ph("Kopen", tp("Kassa", "Hij betaalt.")))
    match = recognise_stages(phases)[1]
    assert match.stage == C
    assert match.evidence == f"‘{name}’ is een vraag naar wat de klant kiest: dat herken ik als de overwegingsfase."
    # A strong stage name after the question still decides ('Welke aankoop?' is not a question about options).
    assert stages(phases[0], ph("Welke aankoop?"), phases[2])[1] == P


@pytest.mark.parametrize(("name", "expected"), [("Tickets!", P), ("E-tickets", P), ("Treinticket kopen", P)])
def test_a_ticket_hints_at_the_purchase(name, expected):
    assert recognise_stages((ph(name),))[0].stage == expected


def test_time_passing_in_a_touchpoints_name_counts_like_in_its_description():
    journey = (ph("Zin in een tattoo", tp("Instagram", "Noor ziet een fijne lijntattoo.")),
               ph("Afspraak en aanbetaling", tp("Shop", "Ze betaalt 50 euro aanbetaling.")),
               ph("Zetten", tp("In de stoel", "Het zetten duurt twee uur.")))
    last = ph("Verzorging", tp("Check na een maand", "De artiest kijkt of alles goed geheeld is.", "tattooshop"))
    assert stages(*journey, last)[-1] == S


@pytest.mark.parametrize("name", ["Afspraak plannen", "Datum prikken", "Bezorgmoment kiezen", "Picking a date",
                                  "Tijdslot kiezen"])
def test_choosing_a_moment_in_a_name_is_booking_it(name):
    match = recognise_stages((ph(name),))[0]
    assert match.stage == P
    assert match.evidence.startswith(f"In ‘{name}’ kiest de klant een moment")
    # Choosing something that is not a moment stays the consideration.
    assert recognise_stages((ph("School kiezen"),))[0].stage == C


def test_service_is_the_service_in_the_middle_and_the_customer_service_at_the_end():
    journey = (ph("Kapotte kast", tp("Kamer", "Sam merkt dat hij een kast nodig heeft.")),
               ph("Kast kopen", tp("Kassa", "Hij betaalt 189 euro.")),
               ph("In elkaar zetten", tp("Handleiding", "De tekeningen zijn duidelijk.")))
    assert stages(*journey, ph("Service", tp("Telefoon", "Hij belt omdat er schroeven missen.", "telefoon")))[-1] == S
    middle = ph("Service", tp("Monteur", "De monteur zet de kast in elkaar.", "thuis"))
    assert stages(*journey[:2], middle, ph("Nazorg", tp("Mail", "De winkel vraagt om een review.")))[2] == E


@pytest.mark.parametrize(("name", "expected"), [
    ("Proefperiode", C), ("Zelf proberen", C), ("Free trial", C),  # trying before committing
    ("Keuze maken", P), ("Making the choice", P), ("Keuzes vergelijken", C),  # the decision, not the comparing
    ("Looking for a groomer", C), ("Finding an artist", C),  # searching
    ("Ophalen bij de balie", E), ("Pakket afhalen", E), ("Picking up the cake", E),  # getting what was bought
])
def test_general_words_of_what_the_customer_does(name, expected):
    assert recognise_stages((ph(name),))[0].stage == expected


def test_a_first_phase_at_a_place_is_where_the_need_arises_not_the_service():
    rest = (ph("Hoortest", tp("Website", "Hij doet een online hoortest.")),
            ph("Aankoop", tp("Balie", "Hij koopt het toestel.")))
    first = ph("Op de verjaardag", tp("Verjaardag", "Gerrit lacht mee, maar weet niet waarom."))
    assert stages(first, *rest)[0] == A
    # In the middle, the same kind of name is the customer at the service.
    assert stages(rest[0], rest[1], ph("In de winkel", tp("Winkel", "Hij krijgt uitleg.")))[2] == E


def test_a_last_mail_about_the_service_already_used_is_after_sales():
    # 'les' in the studio's mail names the lessons already taken: the mail comes after them.
    journey = (ph("Stress", tp("Werk", "Fleur slaapt slecht door drukte.", "kantoor")),
               ph("Strippenkaart", tp("Balie", "Ze koopt een kaart voor tien lessen.", "balie")),
               ph("Wekelijkse les", tp("Les", "De docent helpt met haar houding.", "studio")))
    last = ph("Kaart bijna vol", tp("Mail", "Er staat nog één les op de kaart; de studio biedt een abonnement aan.",
                                     "e-mail"))
    assert stages(*journey, last)[-1] == S
    # At the studio itself the same words are still the lessons.
    there = ph("Kaart bijna vol", tp("Les", "Er staat nog één les op de kaart.", "studio"))
    assert stages(*journey, there)[-1] == E


@pytest.mark.parametrize(("name", "expected"), [("Op de post", E), ("Post-stay", S), ("Pre-arrival", None)])
def test_post_and_pre_are_prefixes_only_at_the_start(name, expected):
    # 'Op de post' is at the (doctors') post, not after something.
    from grader.stage_words import name_hit

    hit = name_hit(name)
    assert (hit.stage if hit and hit.kind in ("after", "before") else None) == (S if expected == S else None)
    if expected == E:
        assert stages(ph("Koorts", tp("Thuis", "Daan heeft koorts.")), ph("Bellen", tp("Telefoon", "Hij belt.")),
                      ph(name, tp("Arts", "De arts luistert.", "spreekkamer")))[2] == E


def test_following_is_not_a_follow_up():
    assert recognise_stages((ph("Home exercises", tp("App", "He follows videos in the app.")),))[0].stage != S


@pytest.mark.parametrize(("name", "expected"), [
    ("Gekozen!", P), ("Bellen voor een afspraak", P), ("Afspraak bij de polikliniek", P),
])
def test_a_choice_made_and_an_appointment_are_the_purchase(name, expected):
    assert recognise_stages((ph(name),))[0].stage == expected


def test_a_check_before_buying_is_comparing_and_at_the_end_a_check_up():
    journey = (ph("Pain after running", tp("Run", "Jake feels a sharp pain in his knee.")),
               ph("Booking", tp("Website", "He books the first slot.")),
               ph("Treatment sessions", tp("Clinic", "Exercises and massage twice a week.")))
    assert stages(*journey, ph("Final check", tp("Clinic", "The physio checks his knee.", "clinic")))[-1] == S
    assert stages(journey[0], ph("Checking prices", tp("Website", "He looks at three clinics.")), *journey[1:])[1] == C


@pytest.mark.parametrize(("description", "expected"), [
    ("Ze meldt zich aan bij de balie.", P), ("Hij kijkt terug op een mooie dag.", S),
    ("Je meldt je via de website aan. Daarna krijg je een mail.", P),
    # 'op' before a noun is a preposition, not the particle of 'vraagt ... op'
    ("De verpleegkundige vraagt of Mila al op zwemles zit.", None),
])
def test_the_particle_of_a_separable_verb_ends_its_clause(description, expected):
    assert recognise_stages((ph("Stap 2", description=description),))[0].stage == expected


@pytest.mark.parametrize(("name", "expected"), [("Inplannen", P), ("Thank-you party", S), ("Thank you card", S)])
def test_scheduling_is_booking_and_a_thank_you_comes_after(name, expected):
    assert recognise_stages((ph(name),))[0].stage == expected


def test_choosing_a_weekday_or_an_hour_is_booking_it():
    assert recognise_stages((ph("Stap 3", description="Hij kiest dinsdag 8.00 uur."),))[0].stage == P


def test_words_whose_sense_the_place_decides():
    # From the tuning set's touchpoints: 'reviews' was read while comparing in 11 of 11 cases,
    # 'onderzoek' was the examination (the service), 'afsluiten' took out a membership.
    from grader.stage_words import match_word

    assert match_word("reviews").also == C and match_word("review").also is None  # a review is written after
    assert match_word("onderzoek").also == E
    assert match_word("afsluiten").also == P and match_word("afsluiting").also is None
    journey = (ph("Te zwaar", tp("Weegschaal", "Ruud merkt dat hij te zwaar is.")),
               ph("Lidmaatschap afsluiten", tp("Balie", "Hij tekent voor een jaar.")),
               ph("Trainen", tp("Zaal", "Hij traint drie keer per week.")),
               ph("Afsluiting", tp("Mail", "Na een jaar vraagt de club om een review.", "e-mail")))
    assert stages(*journey) == [A, P, E, S]


def test_choosing_in_a_description_is_a_weak_hint():
    from grader.stage_words import WEAK, hits

    assert [h.tier for h in hits("Ze kiest een drankje.", False)] == [WEAK]
    assert recognise_stages((ph("Stap 2", description="She chooses between three campsites."),))[0].stage == C


def test_agreeing_and_signing_are_the_purchase():
    journey = (ph("Hoge energierekening", tp("Brief", "De jaarafrekening is 600 euro hoger.")),
               ph("Offertes vergelijken", tp("Websites", "Ze vragen drie offertes aan.")),
               ph("Akkoord geven", tp("Handtekening", "Ze tekenen de offerte van het tweede bedrijf.", "e-mail")),
               ph("Montage", tp("Dak", "Twee monteurs leggen de panelen.", "dak")))
    assert stages(*journey) == [A, C, P, E]


def test_bringing_back_ends_a_rental_in_the_middle_and_is_after_sales_at_the_end():
    rental = (ph("Trein gemist", tp("Perron", "Bas mist de bus.")),
              ph("Fiets huren", tp("Stalling", "Hij betaalt en haalt een fiets.")),
              ph("Terugbrengen", tp("Stalling", "Hij zet de fiets terug.")),
              ph("Factuur", tp("Mail", "Na een maand krijgt hij de rekening en een enquête.", "e-mail")))
    assert stages(*rental)[2] == E
    bought = (ph("Schoenen kopen", tp("Webshop", "Ze bestelt en betaalt.")),
              ph("Uitpakken", tp("Thuis", "Ze zijn te klein.")),
              ph("Terugbrengen", tp("Winkel", "Ze brengt ze terug en krijgt haar geld.")))
    assert stages(*bought)[-1] == S


def test_a_rating_in_a_name_comes_after_the_service():
    journey = (ph("Too tired to cook", tp("Home", "Sam has no energy to cook.")),
               ph("Ordering", tp("App", "He orders a poke bowl and pays.")),
               ph("Eating", tp("Sofa", "The food is warm.")))
    assert stages(*journey, ph("Rating the order", tp("App", "He gives four stars.", "app")))[-1] == S


@pytest.mark.parametrize(("name", "between", "expected"), [
    ("Consult en aanbetaling", ("Shops vergelijken", "Zetten"), P),  # after comparing, before the service
    ("Intake en behandeling", ("Aangemeld", "Oefeningen thuis"), E),  # after enrolling, in the service
    ("Vergelijken en betalen", (None, "Contract tekenen"), C),  # right after the idea, before the purchase
])
def test_a_name_of_two_steps_weighs_both_and_its_place_decides(name, between, expected):
    before, after = between
    journey = [ph("Het idee", tp("Instagram", "Noor ziet een advertentie en wordt nieuwsgierig."))]
    if before:
        journey.append(ph(before, tp("Stap", "Noor doet iets.")))
    journey += [ph(name), ph(after, tp("Stap", "Noor doet iets."))]
    assert stages(*journey)[-2] == expected


def test_paying_a_deposit_is_the_purchase(monkeypatch):
    # The rules: a name of two steps weighs both, so its place decides. (The learned evidence, trained
    # on journeys where a consult is the service itself, reads 'Consult + deposit' as the experience
    # since round 7; the labelled sets, not this test, measure that.)
    monkeypatch.setattr(stage_module, "_LEARNED_WEIGHT", 0.0)
    journey = (ph("The idea", tp("Instagram", "Noor sees a tattoo and wants one too.")),
               ph("Comparing studios", tp("Websites", "She looks at three portfolios.")),
               ph("Consult + deposit", tp("Studio", "She talks about the design.")),
               ph("The session", tp("Studio", "The artist works for three hours.")))
    assert stages(*journey)[2] == P
    assert stages(ph("Het idee"), ph("Deposit"), ph("The session"))[1] == P


def test_a_word_with_two_meanings_in_a_touchpoint_votes_for_both_and_the_place_decides():
    start = (ph("Bella keeps scratching", tp("Knots", "Chloe can't brush the knots out.")),
             ph("Which groomer?", tp("Reviews", "She compares two salons.")),
             ph("Book a slot", tp("Booking", "She books the first free slot.")))
    drop_off = ph("Drop-off", tp("Intake", "The groomer asks about the dog's skin."))
    matches = recognise_stages((*start, drop_off, ph("The grooming", tp("Bath", "Bella gets a bath.")),
                                ph("Review", tp("Google", "Chloe writes a review."))))
    assert [m.stage for m in matches] == [A, C, P, E, E, S]
    # An intake before any purchase is the enrolment interview.
    school = (ph("Welke opleiding?", tp("Website", "Mo vergelijkt twee opleidingen.")),
              ph("Gesprek", tp("Intake", "Mo praat met de docent over de opleiding.")),
              ph("Eerste schooldag", tp("School", "Mo krijgt zijn rooster.")))
    assert stages(*school) == [C, P, E]


def test_a_question_without_stage_words_is_the_customer_weighing_what_to_do():
    journey = (ph("Stuck on the train", tp("Platform", "The train stops for an hour.")),
               ph("Can I get money back?", tp("Colleague", "A colleague says there is a scheme.")),
               ph("Claim form", tp("Website", "He fills in the form.", "website")))
    match = recognise_stages(journey)[1]
    assert match.stage == C
    assert match.evidence == ("‘Can I get money back?’ is een vraag die de klant zich stelt: "
                              "dat herken ik als de overwegingsfase.")
    # In the first phase the question is where the need arises.
    assert stages(ph("Uit eten?", tp("Thuis", "Er is niets in huis.")), ph("Reserveren"), ph("Het diner"))[0] == A


def test_a_problem_in_the_last_phase_comes_after_the_service():
    journey = (ph("No card", tp("Gate", "The gate stays closed.")),
               ph("Ordering", tp("Portal", "He orders a card and pays.")),
               ph("Using it", tp("Library", "He prints with the card.")),
               ph("Card lost", tp("Report", "In May he loses the card and pays 10 euro for a new one.", "desk")))
    match = recognise_stages(journey)[-1]
    assert match.stage == S
    assert "gaat hier iets mis (iets is kapot of kwijt)" in match.evidence
    # The same words in the first phase are where the need arises.
    assert stages(ph("Pas kwijt", tp("Thuis", "Ze is haar pas kwijt.")), ph("Nieuwe pas aanvragen"))[0] == A


def test_may_after_a_preposition_is_the_month_not_a_modal_verb():
    from grader.stage_words import hits

    assert [h.stage for h in hits("In May he books a trip.", False)] == [P]
    assert [h.stage for h in hits("He may book a trip.", False)] == []


def _enumerated(scores, after_use, extra):
    """Every sequence of stages with its total, from stages._emissions and the transitions."""
    emissions = stage_module._emissions(scores, after_use, extra)
    for path in itertools.product(range(len(stage_module.STAGES)), repeat=len(scores)):
        total = sum(emissions[k][s] for k, s in enumerate(path))
        total += sum((stage_module._TRANSITIONS if scores[k][t] else stage_module._SILENT_TRANSITIONS)[s][t]
                     for k, (s, t) in enumerate(itertools.pairwise(path), start=1))
        yield path, total


def test_the_best_sequence_and_each_phases_lead_agree_with_trying_every_sequence():
    # Viterbi and the max-marginals (the lead of the best sequence over the best one with another stage at
    # a phase, which decides a doubt) against all 5^n sequences of short random journeys.
    rng = random.Random(8)
    for _ in range(200):
        n = rng.randint(2, 4)
        indexes = range(len(stage_module.STAGES))
        scores = [tuple(rng.choice((0.0, 0.0, 0.4, 1.5, 7.0)) for _ in indexes) for _ in range(n)]
        extra = [tuple(rng.uniform(-2, 2) for _ in indexes) if rng.random() < 0.5 else None for _ in range(n)]
        after_use = rng.random() < 0.5
        path, margin = stage_module._best_sequence(scores, after_use, extra)
        totals = dict(_enumerated(scores, after_use, extra))
        best = max(totals.values())
        assert totals[tuple(path)] == pytest.approx(best)
        for k in range(n):
            lead, other = margin(k)
            rivals = {s: max(t for p, t in totals.items() if p[k] == s) for s in indexes if s != path[k]}
            assert lead == pytest.approx(best - max(rivals.values()))
            tied = [s for s, t in rivals.items() if t == pytest.approx(max(rivals.values()))]
            assert other == max(tied)  # ties: the later stage, as in the forward pass

