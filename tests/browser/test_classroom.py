"""In class, in a real browser: a three-design presentation on projectors of 1920x1080, 1366x768
and 1280x720 (every slide fits without scrolling, no levels and no names unless asked, full screen that
stays on from slide to slide), and the student gallery closed to a student who has not handed in.
Screenshots of every slide go to test-artifacts/ (present-<width>-<n>.png)."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from courseware.demo import STUDENTS

from .actions import log_in

ASSIGNMENT = "eerste-lesdag"
# The demo students who handed in 'De eerste lesdag' (the three designs), and Daan with a draft only.
AUTHORS = ("sanne", "luca", "zoe")
NAMES = [s.display_name for s in STUDENTS if s.username in AUTHORS]

FITS = """() => {
  const slide = document.querySelector('[data-present-slide]').getBoundingClientRect();
  const content = document.querySelector('[data-present-fit]').getBoundingClientRect();
  return {
    scrollHeight: document.documentElement.scrollHeight, scrollWidth: document.documentElement.scrollWidth,
    bodyScroll: document.body.scrollHeight, height: window.innerHeight, width: window.innerWidth,
    inside: content.top >= slide.top - 1 && content.bottom <= slide.bottom + 1
      && content.left >= slide.left - 1 && content.right <= slide.right + 1,
    nav: document.querySelector('[data-present-nav]').getBoundingClientRect().bottom <= window.innerHeight,
  };
}"""


def class_base(page: Page, base: str) -> str:
    page.goto(f"{base}/klassen")
    href = page.get_by_role("link", name="Klas 2A Retail").first.get_attribute("href")
    return f"{base}{href}/opdrachten/{ASSIGNMENT}"


def counter(page: Page) -> tuple[int, int]:
    number, count = re.search(r"Dia (\d+) van (\d+)", page.locator(".pr-counter").inner_text()).groups()
    return int(number), int(count)


@pytest.mark.parametrize("width, height", [(1920, 1080), (1366, 768), (1280, 720)])
def test_a_three_design_presentation_fits_every_slide_without_levels_or_names(
        browser, live_server: str, artifacts, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    log_in(page, live_server, "docent", "welkom-docent")
    base = class_base(page, live_server)
    # Even with "Namen tonen" on in the gallery (namen=1), the slides show no names.
    page.goto(f"{base}/galerij/presentatie?ontwerp=A&ontwerp=B&ontwerp=C&namen=1")
    expect(page.locator("[data-present-keys]")).to_be_visible()  # present.js runs
    number, count = counter(page)
    assert number == 1 and count >= 3 + 2  # three designs, then the comparison
    kinds = []
    for n in range(1, count + 1):
        expect(page.locator(".pr-counter")).to_have_text(f"Dia {n} van {count}")
        expect(page.locator("[data-present-fit][data-scale]")).to_have_count(1)  # fitted
        fits = page.evaluate(FITS)
        assert fits["scrollHeight"] <= fits["height"], f"slide {n} scrolls: {fits}"
        assert fits["scrollWidth"] <= fits["width"], f"slide {n} scrolls sideways: {fits}"
        assert fits["inside"] and fits["nav"], f"slide {n} is cut off: {fits}"
        main = page.locator("main").inner_text()
        for name in NAMES:
            assert name not in main, f"slide {n} shows the name {name}"
        assert page.locator(".level, .gl-criteria").count() == 0, f"slide {n} shows levels"
        assert "Cijfer" not in main and "ontbreekt" not in main
        kinds.append(page.locator("[data-present-fit]").get_attribute("class"))
        page.screenshot(path=str(artifacts / f"present-{width}-{n}.png"))
        if n < count:
            page.keyboard.press("ArrowRight")
    assert any("pr-kind-compare-personas" in kind for kind in kinds)
    assert any("pr-kind-compare-stages" in kind for kind in kinds)
    assert not any("pr-kind-grades" in kind for kind in kinds)
    context.close()


def test_full_screen_stays_on_from_slide_to_slide(page: Page, live_server: str):
    log_in(page, live_server, "docent", "welkom-docent")
    base = class_base(page, live_server)
    page.goto(f"{base}/galerij/presentatie?ontwerp=A&ontwerp=B")
    expect(page.locator("[data-present-keys]")).to_be_visible()
    button = page.get_by_role("button", name="Volledig scherm")
    expect(button).to_be_visible()
    page.keyboard.press("f")
    page.wait_for_function("() => document.fullscreenElement === document.documentElement")
    page.keyboard.press("ArrowRight")
    expect(page.locator(".pr-counter")).to_contain_text("Dia 2 van ")
    assert page.evaluate("() => document.fullscreenElement !== null")  # no new page: still full screen
    assert re.search(r"dia=1(&|$)", page.url)  # the address follows the slide (back button, reload)
    page.keyboard.press("F")
    page.wait_for_function("() => document.fullscreenElement === null")
    page.go_back()
    expect(page.locator(".pr-counter")).to_contain_text("Dia 1 van ")


def test_beoordeling_tonen_adds_the_levels_for_this_presentation_only(page: Page, live_server: str):
    log_in(page, live_server, "docent", "welkom-docent")
    base = class_base(page, live_server)
    page.goto(f"{base}/galerij/presentatie?ontwerp=A&ontwerp=B")
    expect(page.locator("[data-present-keys]")).to_be_visible()
    _number, count = counter(page)
    page.get_by_role("link", name="Beoordeling tonen").click()
    expect(page.locator(".pr-counter")).to_have_text(f"Dia 1 van {count + 1}")
    page.keyboard.press("End")
    expect(page.locator("table.gl-criteria")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Cijfer")
    page.get_by_role("link", name="Beoordeling verbergen").click()
    expect(page.locator(".pr-counter")).to_have_text(f"Dia {count} van {count}")
    expect(page.locator("table.gl-criteria")).to_have_count(0)


def test_the_gallery_stays_closed_to_a_student_who_has_not_handed_in(browser, page: Page, live_server: str,
                                                                     artifacts):
    log_in(page, live_server, "docent", "welkom-docent")
    page.goto(f"{class_base(page, live_server)}/galerij")
    opening = page.get_by_role("button", name="Galerij openen voor leerlingen")
    if opening.count():
        opening.click()
    expect(page.get_by_role("button", name="Galerij sluiten voor leerlingen")).to_be_visible()

    # Daan has a draft, not a hand-in, and there is no deadline: the gallery is open, not for him.
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="nl-NL")
    daan = context.new_page()
    log_in(daan, live_server, "daan", "welkom-student")
    daan.goto(f"{live_server}/opdrachten/{ASSIGNMENT}/galerij")
    main = daan.locator("main")
    expect(main).to_contain_text("je hebt je klantreis nog niet ingeleverd")
    expect(daan.locator(".jm")).to_have_count(0)
    expect(daan.get_by_role("link", name="Verder met je klantreis")).to_be_visible()
    daan.screenshot(path=str(artifacts / "gallery-closed-phone.png"), full_page=True)
    daan.goto(f"{live_server}/opdrachten/{ASSIGNMENT}/galerij/A")  # a map's own address: back
    expect(daan).to_have_url(re.compile(rf"/opdrachten/{ASSIGNMENT}/galerij$"))
    expect(daan.locator(".jm")).to_have_count(0)
    context.close()

    # Sanne handed in: she opens a classmate's whole map, without a name.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    sanne = context.new_page()
    log_in(sanne, live_server, "sanne", "welkom-student")
    sanne.goto(f"{live_server}/opdrachten/{ASSIGNMENT}/galerij")
    sanne.get_by_role("link", name=re.compile("Hele kaart bekijken")).last.click()
    expect(sanne.locator(".jm-full")).to_be_visible()
    expect(sanne.locator("h1.jm-title")).to_have_text(re.compile(r"^Ontwerp [A-Z]$"))
    for name in NAMES:
        expect(sanne.locator("main")).not_to_contain_text(name)
    # With the print layout of the map page: one A4 landscape page.
    sanne.emulate_media(media="print")
    pdf = sanne.pdf(prefer_css_page_size=True, print_background=True)
    (artifacts / "gallery-design.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf)) == 1
    width, height = (float(v) for v in re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", pdf).groups())
    assert width > height
    context.close()

    # Leave the demo class as it was: the other browser tests open the gallery themselves.
    page.get_by_role("button", name="Galerij sluiten voor leerlingen").click()
    expect(page.get_by_role("button", name="Galerij openen voor leerlingen")).to_be_visible()
