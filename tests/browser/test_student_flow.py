"""A student's whole session in a real browser: join the class, read a lesson and pass its check,
build a journey through every builder step, ask for feedback, fix what it says, hand in."""
from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from courseware.demo import JOIN_CODE
from courseware.lessons.loader import get_lesson

LESSON = "fasen-van-de-klantreis"
ASSIGNMENT = "eerste-lesdag"


def register(page: Page, base: str) -> None:
    page.goto(f"{base}/registreren")
    page.get_by_label("Klascode").fill(JOIN_CODE.lower()[:3] + " " + JOIN_CODE.lower()[3:])
    page.get_by_label("Je naam", exact=True).fill("Yara")
    page.get_by_label("Gebruikersnaam").fill("yara")
    page.locator("input[name=password]").fill("mijn-geheim-123")
    page.locator("input[name=password_again]").fill("mijn-geheim-123")
    page.locator("main form [type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Yara")


def pass_lesson_check(page: Page, base: str) -> None:
    lesson = get_lesson(LESSON)
    page.goto(f"{base}/lessen/{LESSON}")
    expect(page.get_by_role("heading", level=1)).to_have_text(lesson.title)
    for q, question in enumerate(lesson.quiz):
        page.locator(f"input[name=q{q}][value='{question.correct_index}']").check()
    page.get_by_role("button", name="Nakijken").click()
    expect(page.locator("#check")).to_contain_text(f"{len(lesson.quiz)} van de {len(lesson.quiz)}")


def click_action(page: Page, value: str) -> None:
    page.locator(f"button[name=action][value='{value}']").click()
    page.wait_for_load_state()


def fill_touchpoint(page: Page, phase: int, index: int, name: str, channel: str, description: str,
                    emotion: int) -> None:
    prefix = f"phases-{phase}-touchpoints-{index}"
    page.locator(f"[name={prefix}-name]").fill(name)
    page.locator(f"[name={prefix}-channel]").fill(channel)
    page.locator(f"[name={prefix}-description]").fill(description)
    page.locator(f"[name={prefix}-emotion]").fill(str(emotion))


def build_journey(page: Page, base: str) -> None:
    page.goto(f"{base}/opdrachten/{ASSIGNMENT}")
    page.get_by_role("link", name=re.compile("Begin|Verder bouwen")).first.click()

    # 1. Persona
    expect(page.get_by_role("heading", level=1)).to_contain_text("Persona")
    page.locator("[name=name]").fill("Yara")
    page.locator("[name=goals]").fill("Nieuwe vrienden maken in de klas\nWeten waar mijn lokaal is")
    page.locator("[name=frustrations]").fill("Verdwalen in het grote gebouw")
    click_action(page, "next")

    # 2. Trigger
    page.locator("[name=trigger]").fill("Yara krijgt een mail dat haar opleiding over twee weken begint.")
    click_action(page, "next")

    # 3. Phases: three, and no after-sales yet (the classic miss)
    for i, name in enumerate(["Oriëntatie", "Voorbereiden", "De eerste dag"]):
        if page.locator(f"[name=phases-{i}-name]").count() == 0:
            click_action(page, "add_phase")
        page.locator(f"[name=phases-{i}-name]").fill(name)
    click_action(page, "next")

    # 4. Touchpoints, two per phase, online and offline
    touchpoints = [
        [("Welkomstmail", "e-mail", "Yara leest de mail over haar eerste schooldag", 7),
         ("Appgroep", "groepsapp", "Yara komt in de appgroep van haar nieuwe klas", 8)],
        [("Rooster", "Magister", "Ik zoek mijn rooster en lokaal op in Magister", 6),
         ("Plattegrond", "folder", "Yara bekijkt de plattegrond van het gebouw thuis", 5)],
        [("Balie", "infobalie", "Yara vraagt bij de balie waar haar lokaal is", 4),
         ("Eerste les", "klaslokaal", "De mentor heet Yara welkom en ze leert klasgenoten kennen", 9)],
    ]
    for phase, items in enumerate(touchpoints):
        for index, item in enumerate(items):
            if page.locator(f"[name=phases-{phase}-touchpoints-{index}-name]").count() == 0:
                click_action(page, f"add_touchpoint:{phase}")
            fill_touchpoint(page, phase, index, *item)
    click_action(page, "next")

    # 5. Moments of truth
    page.locator("[name=phases-2-touchpoints-1-moment_of_truth]").check()
    page.locator("[name=phases-2-touchpoints-1-moment_of_truth_reason]").fill(
        "Hier merkt Yara of ze zich welkom voelt in haar nieuwe klas en op school")
    click_action(page, "next")

    # 6. Verbeteren: an extra step, skipped here (tests/browser/test_desired_journey.py does it)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verbeteren")
    click_action(page, "next")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Controleren en inleveren")


def test_a_student_joins_learns_builds_improves_and_hands_in(page: Page, live_server: str, artifacts):
    base = live_server
    register(page, base)
    pass_lesson_check(page, base)
    build_journey(page, base)

    # Feedback: the after-sales phase is missing, and the report says so with a tip and a lesson link.
    click_action(page, "check")
    after_sales = page.locator("li.criterion").filter(has=page.get_by_role("heading", name="After-salesfase"))
    expect(after_sales).to_contain_text("Niveau 0 van 3")
    expect(after_sales).to_contain_text("Ik vind geen after-salesfase")
    expect(after_sales.get_by_role("link", name=re.compile("Lees de les"))).to_be_visible()

    # Fix it: add an after-sales phase with two touchpoints, then check again.
    page.goto(f"{base}/opdrachten/{ASSIGNMENT}/bouwen/phases")
    click_action(page, "add_phase")
    page.locator("[name=phases-3-name]").fill("Na de eerste week")
    click_action(page, "next")
    for index, item in enumerate([("Evaluatie", "Teams", "Yara vertelt de mentor hoe haar eerste week ging", 8),
                                  ("Klassenuitje", "bowlingbaan",
                                   "Yara gaat met haar klas bowlen na de eerste week", 9)]):
        if page.locator(f"[name=phases-3-touchpoints-{index}-name]").count() == 0:
            click_action(page, "add_touchpoint:3")
        fill_touchpoint(page, 3, index, *item)
    click_action(page, "check")
    after_sales = page.locator("li.criterion").filter(has=page.get_by_role("heading", name="After-salesfase"))
    expect(after_sales).to_contain_text("Niveau 3 van 3")

    # The map, as a test artifact.
    page.goto(f"{base}/opdrachten/{ASSIGNMENT}/kaart")
    expect(page.locator("svg").first).to_be_visible()
    page.screenshot(path=str(artifacts / "student-map.png"), full_page=True)

    # Hand in, and see the attempt; by default no grade until the teacher has reviewed it.
    page.goto(f"{base}/opdrachten/{ASSIGNMENT}/feedback")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Inleveren").click()
    page.wait_for_load_state()
    page.goto(f"{base}/opdrachten/{ASSIGNMENT}/pogingen")
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(re.compile(r"^\s*1\b"))
    expect(rows.first).to_contain_text("je docent kijkt het na")
    page.screenshot(path=str(artifacts / "student-attempts.png"), full_page=True)
