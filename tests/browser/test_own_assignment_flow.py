"""A teacher makes an own assignment in the browser: copies "De eerste lesdag" into "De eerste
werkdag in de winkel" with a stricter after-sales rule, previews it and publishes it to the demo
class with a deadline; a student of that class sees it with its deadline, loads a journey and hands in."""
from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from .actions import log_in, preview_own_assignment, publish_own_assignment, stricter_after_sales, upload_journey

JOURNEY = Path(__file__).resolve().parents[1] / "grader" / "data" / "typical.journey.json"
TITLE = "De eerste werkdag in de winkel"


def test_a_teacher_copies_previews_and_publishes_and_a_student_hands_in(page: Page, browser, live_server: str,
                                                                      artifacts):
    base = live_server
    log_in(page, base, "docent", "welkom-docent")
    page.get_by_role("link", name="Mijn opdrachten").click()
    page.get_by_role("link", name="Kopieer ‘De eerste lesdag’").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("De eerste lesdag")

    # First a mistake: the title left empty. The message is next to the field; the rest stays.
    page.get_by_label("Titel").fill("")
    stricter_after_sales(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#title-error")).to_have_text("Vul een titel in.")
    expect(page.locator("[name='after_sales-weight']")).to_have_value("3")
    page.screenshot(path=str(artifacts / "own-assignment-error.png"), full_page=True)
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("main")).to_contain_text("concept")

    # The preview: the student's page and the builder, nothing stored.
    preview_own_assignment(page, TITLE)

    # Publish to the demo class with a deadline.
    publish_own_assignment(page, "Klas 2A Retail", "2030-06-28")

    # A student of the class sees it with the deadline, loads a journey and hands it in.
    student = browser.new_context(viewport={"width": 360, "height": 780}, locale="nl-NL").new_page()
    log_in(student, base, "sem", "welkom-student")
    student.goto(f"{base}/opdrachten")
    student.get_by_role("link", name=TITLE, exact=True).click()
    expect(student.locator("main")).to_contain_text("Deadline")
    expect(student.locator("main")).to_contain_text("28 juni 2030 om 17:00")  # far away: with its year
    url = student.url
    upload_journey(student, url, JOURNEY)
    student.goto(f"{url}/feedback")
    student.once("dialog", lambda dialog: dialog.accept())
    student.get_by_role("button", name="Inleveren").click()
    student.wait_for_load_state()
    student.goto(f"{url}/pogingen")
    rows = student.locator("main table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("je docent kijkt het na")  # the default: no grade before the review
    expect(rows.first).not_to_contain_text(re.compile(r"\b\d{1,2},\d\b"))
    student.screenshot(path=str(artifacts / "own-assignment-student.png"), full_page=True)
    student.context.close()
