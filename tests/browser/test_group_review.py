"""The teacher's side of group work in a real browser: the demo duo (Sanne and Luca, "lesuitval")
handed in once; the teacher reviews that hand-in once and releases it, then gives Luca an
individuele correctie with a reason (a wrong grade and an empty reason first: the form says what
is wrong next to the field). Both students then see their grade: Luca the corrected one with the
reason, Sanne the group's grade without it."""
from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .actions import log_in

ASSIGNMENT = "lesuitval"
REASON = "Luca heeft bijna alle contactmomenten alleen uitgewerkt."


def student_page(browser, base: str, username: str) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL").new_page()
    page.set_default_timeout(10_000)
    log_in(page, base, username, "welkom-student")
    return page


def test_a_teacher_reviews_a_duo_once_and_corrects_one_members_grade(page: Page, browser, live_server: str,
                                                                       artifacts):
    base = live_server
    log_in(page, base, "docent", "welkom-docent")
    page.goto(f"{base}/klassen")
    page.get_by_role("link", name="Klas 2A Retail").first.click()
    page.locator(f"a[href$='/opdrachten/{ASSIGNMENT}/beoordelen']").first.click()

    # One row for the duo's hand-in, with both names; the review page says it is a group's.
    row = page.locator("tbody tr").filter(has_text="Luca, Sanne")
    expect(row).to_have_count(1)
    row.get_by_role("link", name=re.compile(r"^Groep ")).click()
    main = page.locator("main")
    expect(main).to_contain_text("Groepsinlevering")
    expect(main).to_contain_text("Groepsinlevering van Luca en Sanne.")
    page.locator("[name=comment]").fill("Een duidelijke reis. Werk de nazorg nog verder uit.")
    page.locator("[name=done]").check()
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_load_state()
    page.get_by_role("button", name=re.compile(r"^Vrijgeven aan Groep ")).click()
    expect(main).to_contain_text("De beoordeling is vrijgegeven.")
    group_grade = page.locator(".review-grades .grade").inner_text().strip()
    corrected = "9,5" if group_grade != "9,5" else "8,0"

    # The individuele correctie for Luca: mistakes first, then a grade with a reason.
    page.get_by_role("link", name="Cijfer aanpassen voor Luca").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Individuele correctie: Luca")
    page.get_by_label("Cijfer voor deze leerling").fill("10,5")
    page.get_by_role("button", name="Correctie opslaan").click()
    expect(page.locator("#grade-error")).to_contain_text("van 1 tot en met 10")
    expect(page.locator("#reason-error")).to_contain_text("Schrijf op waarom je het cijfer aanpast")
    expect(page.get_by_label("Cijfer voor deze leerling")).to_have_value("10,5")  # nothing typed is lost
    page.screenshot(path=str(artifacts / "group-correction-errors.png"), full_page=True)
    page.get_by_label("Cijfer voor deze leerling").fill(corrected)
    page.get_by_label("Reden").fill(REASON)
    page.get_by_role("button", name="Correctie opslaan").click()
    expect(main).to_contain_text(f"Het cijfer van Luca is nu {corrected}.")
    members = page.locator("#cijfers-groepsleden")
    expect(members).to_contain_text(f"Luca: {corrected}")
    expect(members).to_contain_text(REASON)
    expect(members.locator("li").filter(has_text="Sanne")).to_contain_text(f"{group_grade} (groepscijfer)")
    page.screenshot(path=str(artifacts / "group-review.png"), full_page=True)

    # Luca sees the corrected grade and the reason; Sanne the group's grade, without it.
    luca = student_page(browser, base, "luca")
    luca.goto(f"{base}/opdrachten/{ASSIGNMENT}/pogingen/1")  # the duo's one hand-in
    review = luca.locator(".teacher-review")
    expect(review.locator(".report-grade")).to_contain_text(f"Cijfer: {corrected}")
    expect(review).to_contain_text(f"het groepscijfer is {group_grade}")
    expect(review).to_contain_text(REASON)
    luca.screenshot(path=str(artifacts / "group-correction-student.png"), full_page=True)
    luca.context.close()

    sanne = student_page(browser, base, "sanne")
    sanne.goto(f"{base}/opdrachten/{ASSIGNMENT}/pogingen/1")
    review = sanne.locator(".teacher-review")
    expect(review.locator(".report-grade")).to_contain_text(f"Cijfer: {group_grade}")
    expect(review).not_to_contain_text(REASON)
    expect(review).not_to_contain_text(corrected)
    sanne.context.close()
