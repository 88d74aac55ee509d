"""A teacher's Sunday evening and Monday morning in a real browser: review an attempt, override a
level with a comment, release it, open the gallery and compare three designs on the projector."""
from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .actions import log_in

COMMENT = "Je denkt wel aan de evaluatie, maar zet die in een eigen fase na de eerste dag."


def test_a_teacher_reviews_releases_and_presents(page: Page, browser, live_server: str, artifacts):
    base = live_server
    log_in(page, base, "docent", "welkom-docent")

    # The class, then the dashboard of 'De eerste lesdag'.
    page.goto(f"{base}/klassen")
    page.get_by_role("link", name="Klas 2A Retail").first.click()
    page.locator("a[href$='/opdrachten/eerste-lesdag/beoordelen']").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("De eerste lesdag")
    zoe_row = page.locator("tr").filter(has=page.get_by_role("link", name="Zoë"))
    expect(zoe_row).to_contain_text("ingeleverd")
    page.screenshot(path=str(artifacts / "teacher-dashboard.png"), full_page=True)

    # Zoë forgot the after-sales phase: the grader gave 0; the teacher gives 1 with a comment.
    zoe_row.get_by_role("link", name="Zoë").click()
    grade_before = page.locator(".review-grade, .grade").first.inner_text()
    page.locator("input[name=level_after_sales][value='1']").check()
    page.locator("[name=comment_after_sales]").fill(COMMENT)
    page.locator("[name=comment]").fill("Goede persona. Denk aan de tijd na de eerste dag.")
    page.locator("[name=done]").check()
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text(COMMENT)
    expect(page.locator(".grade").first).not_to_have_text(grade_before)
    page.screenshot(path=str(artifacts / "teacher-review.png"), full_page=True)

    # Release it to Zoë.
    page.get_by_role("button", name=re.compile("Vrijgeven aan Zoë")).click()
    page.wait_for_load_state()

    # Back to the dashboard; open the gallery for the class and pick three designs to present.
    page.goto(re.sub(r"/\d+$", "", page.url.split("?")[0]))
    page.locator("a[href$='/opdrachten/eerste-lesdag/galerij']").first.click()
    page.get_by_role("button", name="Galerij openen voor leerlingen").click()
    page.wait_for_load_state()
    expect(page.get_by_role("button", name="Galerij sluiten voor leerlingen")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Sanne")  # no names by default
    boxes = page.locator("input[name=ontwerp]")
    assert boxes.count() >= 3
    for i in range(3):
        boxes.nth(i).check()
    page.screenshot(path=str(artifacts / "teacher-gallery.png"), full_page=True)
    page.get_by_role("button", name="Presenteren op het bord").click()
    page.wait_for_load_state()

    # Presentation mode: slides per design, then the comparison slides, driven by the keyboard.
    page.set_viewport_size({"width": 1920, "height": 1080})
    expect(page.locator(".pr-counter")).to_contain_text("Dia 1 van ")
    count = int(re.search(r"van (\d+)", page.locator(".pr-counter").inner_text()).group(1))
    page.screenshot(path=str(artifacts / "present-1.png"))
    overlays = 0
    for slide in range(2, count + 1):
        # The key help shows once present.js runs: only then does the page listen for keys.
        expect(page.locator("[data-present-keys]")).to_be_visible()
        page.keyboard.press("ArrowRight")
        expect(page.locator(".pr-counter")).to_have_text(f"Dia {slide} van {count}")
        if page.locator("svg.jm-overlay-svg").count():
            overlays += 1
            page.screenshot(path=str(artifacts / "present-compare.png"))
    assert overlays == 1  # one slide with the curves of the three designs on top of each other
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(r"/galerij"))

    # Zoë now sees her teacher's judgement, and the class gallery.
    context = browser.new_context(viewport={"width": 360, "height": 780})
    zoe = context.new_page()
    log_in(zoe, base, "zoe", "welkom-student")
    zoe.goto(f"{base}/opdrachten/eerste-lesdag/pogingen/1")
    expect(zoe.locator("main")).to_contain_text("Beoordeling van je docent")
    expect(zoe.locator("main")).to_contain_text(COMMENT)
    zoe.goto(f"{base}/opdrachten/eerste-lesdag/galerij")
    expect(zoe.locator("main")).to_contain_text("Jouw ontwerp")
    zoe.screenshot(path=str(artifacts / "student-gallery-phone.png"), full_page=True)
    context.close()


def test_every_review_table_fits_a_chromebook_screen(page: Page, live_server: str, artifacts):
    """At 1280 px (a Chromebook, a beamer) the teacher sees every column of the review table,
    also for an assignment with every rubric part: long Dutch headers break, the table does not scroll."""
    log_in(page, live_server, "docent", "welkom-docent")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server}/klassen")
    page.get_by_role("link", name="Klas 2A Retail").first.click()
    links = sorted(set(page.eval_on_selector_all(
        "a[href$='/beoordelen']", "links => links.map(a => a.getAttribute('href'))")))
    assert len(links) >= 3
    widest = 0
    for href in links:
        page.goto(live_server + href)
        columns = page.locator(".review-table thead th").count()
        over = page.evaluate("() => { const t = document.querySelector('.review-table');"
                             " return t.scrollWidth - t.parentElement.clientWidth; }")
        assert over <= 0, f"{href}: the table is {over}px wider than the screen ({columns} columns)"
        widest = max(widest, columns)
        if columns == widest:
            page.screenshot(path=str(artifacts / "teacher-review-table-1280.png"), full_page=True)
    assert widest >= 11  # name, status, grade, eight rubric parts and the attempts
