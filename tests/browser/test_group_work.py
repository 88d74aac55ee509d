"""Group work in two browsers at once: Sanne and Luca, the demo duo on "lesuitval", build one
journey together, run into a real conflict (both change the same field from the same version),
and hand in once; both see the hand-in and its feedback."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .actions import log_in

ASSIGNMENT = "lesuitval"


@pytest.fixture
def duo(browser, live_server):
    """Sanne and Luca, each logged in in a browser context of their own."""
    contexts, pages = [], []
    for username in ("sanne", "luca"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
        page = context.new_page()
        page.set_default_timeout(20_000)  # grading a hand-in on a busy machine
        log_in(page, live_server, username, "welkom-student")
        contexts.append(context)
        pages.append(page)
    yield pages
    for context in contexts:
        context.close()


def save_trigger(page: Page, text: str) -> None:
    page.locator("[name=trigger]").fill(text)
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_load_state()


def test_a_duo_builds_one_journey_from_two_browsers(duo, live_server, artifacts):
    sanne, luca = duo
    url = f"{live_server}/opdrachten/{ASSIGNMENT}/bouwen/trigger"
    sanne.goto(url)
    luca.goto(url)
    expect(sanne.locator("main")).to_contain_text("Je werkt samen met Luca.")

    # Sanne saves; Luca sees it after a reload, with her name.
    save_trigger(sanne, "Sanne: de school belt dat de eerste les uitvalt.")
    expect(sanne.locator("main")).to_contain_text("Je werk is bewaard.")
    luca.reload()
    expect(luca.locator("[name=trigger]")).to_have_value("Sanne: de school belt dat de eerste les uitvalt.")
    expect(luca.locator("[data-save-status]")).to_have_text(re.compile(r"Laatst opgeslagen door Sanne om \d\d:\d\d"))

    # A real conflict: both have this version open; Sanne saves first, then Luca.
    save_trigger(sanne, "Sanne: versie twee van de trigger.")
    save_trigger(luca, "Luca: de app laat zien dat het rooster verandert.")
    expect(luca).to_have_url(re.compile(r"/bouwen/trigger/conflict$"))
    main = luca.locator("main")
    expect(main).to_contain_text("Sanne heeft deze stap ook veranderd")
    expect(main).to_contain_text(re.compile(r"Laatst opgeslagen door Sanne om \d\d:\d\d"))
    expect(main).to_contain_text("Sanne: versie twee van de trigger.")  # nothing is lost: both versions
    expect(main).to_contain_text("Luca: de app laat zien dat het rooster verandert.")
    luca.screenshot(path=str(artifacts / "group-conflict.png"), full_page=True)
    luca.get_by_role("button", name="Mijn nieuwe versie bewaren").click()
    expect(luca.locator("[name=trigger]")).to_have_value("Luca: de app laat zien dat het rooster verandert.")

    sanne.reload()
    expect(sanne.locator("[name=trigger]")).to_have_value("Luca: de app laat zien dat het rooster verandert.")
    expect(sanne.locator("[data-save-status]")).to_have_text(re.compile(r"Laatst opgeslagen door Luca om \d\d:\d\d"))


def test_a_duo_hands_in_once_and_both_see_the_feedback(duo, live_server, artifacts):
    sanne, luca = duo
    base = f"{live_server}/opdrachten/{ASSIGNMENT}"
    luca.goto(f"{base}/feedback")
    sanne.goto(f"{base}/feedback")  # the same version, open in both browsers
    luca.once("dialog", lambda dialog: dialog.accept())
    luca.get_by_role("button", name="Inleveren", exact=True).click()
    expect(luca).to_have_url(re.compile(r"/pogingen/\d+$"))
    number = int(luca.url.rsplit("/", 1)[1])
    expect(luca.locator("main")).to_contain_text("Ingeleverd door Luca.")

    sanne.once("dialog", lambda dialog: dialog.accept())
    sanne.get_by_role("button", name="Inleveren", exact=True).click()  # too late: the same version
    expect(sanne).to_have_url(re.compile(rf"/pogingen/{number}$"))
    expect(sanne.locator("main")).to_contain_text(f"Luca had deze versie al ingeleverd. Dit is poging {number}.")
    main = sanne.locator("main")
    expect(main).to_contain_text("Groepswerk van Luca en Sanne. Ingeleverd door Luca.")
    expect(main).to_contain_text("Voorlopige feedback")  # the grade waits for the teacher (grade_display)
    expect(main).to_contain_text("Wat de automatische controle ziet")
    sanne.screenshot(path=str(artifacts / "group-attempt.png"), full_page=True)
    sanne.goto(f"{base}/pogingen")
    expect(sanne.locator("tbody tr")).to_have_count(number)
