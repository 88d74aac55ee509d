"""The whole year-start of a school, in a real browser, with accounts and a class made in the test:
the admin creates a teacher; the teacher makes a class, copies "De eerste lesdag" into "De eerste
werkdag in de winkel" with a stricter after-sales rule, previews and publishes it with a deadline; a
student registers with the join code, hands in and sees provisional feedback without a grade; the
teacher reviews with an override and releases; the student sees the grade with a "Nieuw" mark.
Both Start pages are photographed at 1280 px and at 360 px."""
from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from babel.dates import format_date
from playwright.sync_api import Page, expect

from .actions import log_in, preview_own_assignment, publish_own_assignment, stricter_after_sales, upload_journey

JOURNEY = Path(__file__).resolve().parents[1] / "samples" / "eerste-lesdag" / "exemplary.journey.json"
TITLE = "De eerste werkdag in de winkel"
CLASS = "Klas 1W Winkel"
TEACHER = ("Meneer Bakker", "bakker-ys")
STUDENT = ("Noor", "noor-ys", "Klantreis-Noor-2026")
COMMENT = "Je nazorg is goed bedacht, maar de klant hoort nog niets na de eerste week."
GRADE = re.compile(r"\b\d{1,2},\d\b")  # a grade as the site writes it: 7,5


def _start_screenshots(page: Page, base: str, artifacts: Path, name: str) -> None:
    """The Start page at 1280 px and at 360 px wide, full length."""
    page.goto(f"{base}/")
    size = page.viewport_size
    page.screenshot(path=str(artifacts / f"year-start-{name}-1280.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 780})
    page.screenshot(path=str(artifacts / f"year-start-{name}-360.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # nothing sticks out sideways
    page.set_viewport_size(size)


def test_the_year_start_of_a_school(page: Page, browser, live_server: str, artifacts):
    base = live_server
    deadline = date.today() + timedelta(days=5)

    # 1. The admin creates the teacher and reads the one-time password, shown once.
    log_in(page, base, "beheer", "welkom-beheer")
    page.goto(f"{base}/beheer/docenten")
    page.get_by_label("Naam van de docent").fill(TEACHER[0])
    page.get_by_label("Gebruikersnaam").fill(TEACHER[1])
    page.get_by_role("button", name="Docent toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Account gemaakt voor {TEACHER[0]}")
    password = page.locator(".new-password").inner_text().strip()
    assert len(password) >= 8
    page.goto(f"{base}/beheer/docenten")
    expect(page.locator("main")).to_contain_text(TEACHER[1])
    expect(page.locator("main")).not_to_contain_text(password)  # shown once only
    page.context.clear_cookies()

    # 2. The teacher logs in with it and makes a class.
    log_in(page, base, TEACHER[1], password)
    page.goto(f"{base}/klassen")
    page.get_by_label("Naam van de klas").fill(CLASS)
    page.get_by_role("button", name="Klas maken").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(CLASS)
    page.goto(f"{base}/klassen")
    card = page.locator(".card").filter(has=page.get_by_role("link", name=CLASS))
    join_code = card.locator(".code").inner_text().strip()
    assert join_code

    # The copy of "De eerste lesdag" with a stricter after-sales rule.
    page.get_by_role("link", name="Mijn opdrachten").click()
    page.get_by_role("link", name="Kopieer ‘De eerste lesdag’").click()
    page.get_by_label("Titel").fill(TITLE)
    stricter_after_sales(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("main")).to_contain_text("concept")

    # The preview, as a student would see it.
    preview_own_assignment(page, TITLE)

    # Published to the new class with a deadline.
    publish_own_assignment(page, CLASS, deadline.isoformat())

    # 3. A student registers with the join code and sees the assignment and its deadline on Start.
    student = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL").new_page()
    student.set_default_timeout(10_000)
    student.goto(f"{base}/registreren")
    student.get_by_label("Klascode").fill(join_code.lower())
    student.get_by_label("Je naam").fill(STUDENT[0])
    student.get_by_label("Gebruikersnaam").fill(STUDENT[1])
    student.get_by_label("Wachtwoord", exact=True).fill(STUDENT[2])
    student.get_by_label("Wachtwoord nog een keer").fill(STUDENT[2])
    student.get_by_role("button", name="Account maken").click()
    student.wait_for_url(f"{base}/")
    expect(student.locator("main")).to_contain_text(f"Je klas: {CLASS}")
    open_item = student.locator("#todo-opdrachten + ul li").filter(has=student.get_by_role("link", name=TITLE))
    expect(open_item).to_contain_text("Deadline")
    expect(open_item).to_contain_text(format_date(deadline, "d MMMM", locale="nl") + " om 17:00")
    _start_screenshots(student, base, artifacts, "student-before")

    # The student builds a journey (from a file) and hands it in.
    open_item.get_by_role("link", name=TITLE).click()
    url = student.url
    upload_journey(student, url, JOURNEY)
    student.goto(f"{url}/feedback")
    expect(student.locator("main")).to_contain_text("Voorlopige feedback")
    expect(student.locator("main")).not_to_contain_text(GRADE)
    student.once("dialog", lambda dialog: dialog.accept())
    student.get_by_role("button", name="Inleveren").click()
    student.wait_for_load_state()
    expect(student.locator("main")).to_contain_text("Voorlopige feedback")
    expect(student.locator("main")).to_contain_text("docent")
    expect(student.locator("main")).not_to_contain_text(GRADE)
    # The stricter rule counts: 2 after-sales contact moments were "goed" in the original, now "voldoende".
    after_sales_feedback = student.locator(".report-criteria > li").filter(
        has=student.get_by_role("heading", name="After-salesfase", exact=True))
    expect(after_sales_feedback).to_contain_text("voldoende")
    expect(after_sales_feedback).to_contain_text("minstens 4 contactmomenten")
    student.screenshot(path=str(artifacts / "year-start-handed-in.png"), full_page=True)

    # 4. The teacher sees the hand-in on Start and follows the link into the review.
    page.goto(f"{base}/")
    to_review = page.locator("#todo-nakijken + ul li").filter(has_text=TITLE)
    expect(to_review).to_contain_text(CLASS)
    expect(to_review).to_contain_text("1 wacht")
    deadline_item = page.locator("#todo-deadlines + ul li").filter(has_text=TITLE)
    expect(deadline_item).to_contain_text("iedereen heeft ingeleverd")  # Noor is the whole class
    _start_screenshots(page, base, artifacts, "teacher")
    to_review.get_by_role("link").click()
    expect(page.locator("main")).to_contain_text(STUDENT[0])

    # An override with a comment: a level other than the automatic one, saved and released.
    level = page.locator("input[name=level_after_sales]:checked").get_attribute("value")
    other = "1" if level != "1" else "2"
    page.locator(f"input[name=level_after_sales][value='{other}']").check()
    page.locator("[name=comment_after_sales]").fill(COMMENT)
    page.locator("[name=done]").check()
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text(COMMENT)
    page.get_by_role("button", name=re.compile(f"Vrijgeven aan {STUDENT[0]}")).click()
    page.wait_for_load_state()
    page.screenshot(path=str(artifacts / "year-start-released.png"), full_page=True)
    page.goto(f"{base}/")
    expect(to_review).to_have_count(0)  # nothing waits any more

    # 5. The student sees the released grade with a "Nieuw" mark on Start.
    student.goto(f"{base}/")
    released = student.locator("#todo-cijfers + ul li").filter(has_text=TITLE)
    expect(released).to_contain_text(re.compile(r"cijfer \d{1,2},\d"))
    expect(released.locator(".badge-new")).to_have_text("Nieuw")
    _start_screenshots(student, base, artifacts, "student-after")

    # Opening the attempt shows the teacher's comment; after that the mark is gone.
    released.get_by_role("link").click()
    expect(student.locator("main")).to_contain_text(COMMENT)
    student.goto(f"{base}/")
    expect(student.locator("#todo-cijfers + ul li").filter(has_text=TITLE).locator(".badge-new")).to_have_count(0)
    student.context.close()
