"""The builder's structural buttons at 360 and 1280 px, with JavaScript (in place: no reload, the
scroll position kept, undo next to the removed item) and without it (plain form posts). Both end with
the same journey, and the saved draft matches what the page shows."""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from .actions import log_in

STUDENT = "luca"  # a demo student no other browser test uses; one assignment per case, each without a draft
CASES = {(360, True): "open-dag", (360, False): "examenuitslag",
         (1280, True): "aanmelden-en-intake", (1280, False): "stageplaats-vinden"}
PHASES = ["Oriëntatie", "Nazorg", "Bezoek"]  # "Bezoek" is moved up one place
TOUCHPOINTS = [[("Instagram", "Instagram"), ("Website", "website")],
               [("Balie", "balie"), ("Rondleiding", "school")],
               [("Bedankmail", "e-mail"), ("Enquête", "formulier")]]
EXPECTED = [("Oriëntatie", ["Website", "Instagram"]), ("Bezoek", ["Balie", "Rondleiding"]),
            ("Nazorg", ["Bedankmail", "Enquête"])]
MARKER = "dezelfde pagina"
SCROLL_SLACK = 3  # px


class Flow:
    """A student on one builder step: presses a button, and checks the page stayed (JavaScript)."""

    def __init__(self, page: Page, base: str, assignment: str, js: bool):
        self.page, self.base, self.assignment, self.js = page, base, assignment, js

    def go(self, step: str) -> None:
        self.page.goto(f"{self.base}/opdrachten/{self.assignment}/bouwen/{step}")
        if self.js:
            self.page.evaluate(f"window.__marker = {json.dumps(MARKER)}")

    def button(self, value: str):
        return self.page.locator(f"button[name=action][value='{value}']")

    def press(self, value: str) -> float:
        """Click the button low on the screen (above the sticky bar), so that what it moves up stays
        in view; the scroll position just before the click."""
        button = self.button(value)
        button.evaluate("b => b.scrollIntoView({block: 'end'})")
        before = self.page.evaluate("window.scrollY")
        self.pressed_at = button.bounding_box()["y"]
        button.click()
        return before

    def stayed(self, before: float) -> None:
        """With JavaScript: the same document (no reload), nothing busy, the same scroll position."""
        if not self.js:
            return
        expect(self.page.locator("[data-step-items][aria-busy]")).to_have_count(0)
        assert self.page.evaluate("window.__marker") == MARKER, "the page was loaded again"
        now = self.page.evaluate("window.scrollY")
        assert abs(now - before) <= SCROLL_SLACK, f"the page scrolled from {before} to {now}"

    def open_card(self, card_id: str) -> None:
        card = self.page.locator(f"#{card_id}")
        if card.get_attribute("open") is None:
            card.locator("summary").click()

    def fold_card(self, card_id: str) -> None:
        card = self.page.locator(f"#{card_id}")
        if card.get_attribute("open") is not None:
            card.locator("summary").click()
        expect(card).not_to_have_attribute("open", "")


@pytest.fixture(params=list(CASES), ids=[f"{w}px-{'js' if js else 'nojs'}" for w, js in CASES])
def flow(request, browser, live_server: str):
    width, js = request.param
    phone = {"device_scale_factor": 2, "is_mobile": True, "has_touch": True} if width == 360 else {}
    context = browser.new_context(viewport={"width": width, "height": 780 if width == 360 else 900},
                                  locale="nl-NL", java_script_enabled=js, **phone)
    page = context.new_page()
    page.set_default_timeout(10_000)
    if js:
        page.clock.install()  # time runs as usual; the test can jump ahead to see the undo stay
    log_in(page, live_server, STUDENT, "welkom-student")
    yield Flow(page, live_server, CASES[request.param], js)
    context.close()


def on_screen(page: Page) -> list[tuple[str, list[str]]]:
    """The phases and their touchpoints' names as the touchpoints step shows them, in order."""
    shown = page.evaluate("""() => [...document.querySelectorAll('section.phase-block')].map(section => [
        section.querySelector('h2').textContent.replace(/^Fase \\d+: /, '').trim(),
        [...section.querySelectorAll('details.item-touchpoint input[name$="-name"]')].map(input => input.value)])""")
    return [(name, touchpoints) for name, touchpoints in shown]


def saved(flow: Flow) -> list[tuple[str, list[str]]]:
    """The student's draft as the site stores it (its download)."""
    response = flow.page.request.get(f"{flow.base}/opdrachten/{flow.assignment}/downloaden")
    assert response.ok
    data = response.json()
    return [(phase["name"], [tp["name"] for tp in phase["touchpoints"]]) for phase in data["phases"]]


def test_add_move_remove_and_undo(flow: Flow, artifacts):
    page, js = flow.page, flow.js
    shots = f"in-place-{page.viewport_size['width']}-{'js' if js else 'nojs'}"

    # Three phases; the third moves up one place.
    flow.go("phases")
    for i, name in enumerate(PHASES):
        before = flow.press("add_phase")
        field = page.locator(f"[name=phases-{i}-name]")
        expect(field).to_be_visible()
        flow.stayed(before)
        if js:
            expect(field).to_be_focused()
        field.fill(name)
    before = flow.press("up_phase:2")
    expect(page.locator("[name=phases-1-name]")).to_have_value("Bezoek")
    flow.stayed(before)
    expect(page.locator("[name=phases-2-name]")).to_have_value("Nazorg")

    # Six touchpoints, two per phase.
    flow.go("touchpoints")
    for i, items in enumerate(TOUCHPOINTS):
        for j, (name, channel) in enumerate(items):
            before = flow.press(f"add_touchpoint:{i}")
            field = page.locator(f"[name=phases-{i}-touchpoints-{j}-name]")
            expect(field).to_be_visible()
            flow.stayed(before)
            field.fill(name)
            page.locator(f"[name=phases-{i}-touchpoints-{j}-channel]").fill(channel)
            if js:  # the card's summary line follows the typing
                summary = page.locator(f"#cm-{i + 1}-{j + 1} summary")
                expect(summary.locator(".item-name")).to_have_text(name)
                expect(summary.locator(".item-meta")).to_have_text(channel)
    if js:
        emotion = page.locator("[name=phases-2-touchpoints-1-emotion]")
        summary = page.locator("#cm-3-2 summary")
        emotion.fill("8")
        expect(summary.locator(".item-emotion")).to_have_text("gevoel 8")
        page.locator("[name=phases-2-touchpoints-1-channel]").fill("")
        expect(summary.locator(".item-meta")).to_have_count(0)
        page.locator("[name=phases-2-touchpoints-1-channel]").fill("formulier")
        expect(summary).to_have_text("2 Enquête formulier gevoel 8")
    page.screenshot(path=str(artifacts / f"{shots}-added.png"))

    # "Website" moves up, past a folded "Instagram".
    flow.fold_card("cm-1-1")
    flow.open_card("cm-1-2")
    before = flow.press("up_touchpoint:0:1")
    expect(page.locator("#cm-1-1 summary .item-name")).to_have_text("Website")
    flow.stayed(before)
    if js:  # the moved card stays open, the folded one folded, and the keyboard stays on the card
        expect(page.locator("#cm-1-1")).to_have_attribute("open", "")
        expect(page.locator("#cm-1-2")).not_to_have_attribute("open", "")
        assert page.evaluate("document.activeElement.closest('details').id") == "cm-1-1"

    # "Balie" is removed; "Ongedaan maken" appears.
    flow.open_card("cm-2-1")
    before = flow.press("remove_touchpoint:1:0")
    notice = page.locator("#weggehaald")
    expect(notice).to_contain_text("Contactmoment ‘Balie’ is weggehaald.")
    undo = notice.get_by_role("button", name="Ongedaan maken")
    expect(undo).to_be_visible()
    expect(page.locator("#cm-2-1 summary .item-name")).to_have_text("Rondleiding")
    if js:
        # The page stays, unless the removed card was taller than the screen (a phone) and its undo
        # would be above it: then the undo button comes exactly where "Weghalen" was pressed.
        expect(page.locator("[data-step-items][aria-busy]")).to_have_count(0)
        assert page.evaluate("window.__marker") == MARKER, "the page was loaded again"
        undo_at = undo.bounding_box()["y"]
        assert 0 <= undo_at <= page.viewport_size["height"], "the undo is out of sight"
        assert (abs(page.evaluate("window.scrollY") - before) <= SCROLL_SLACK
                or abs(undo_at - flow.pressed_at) <= SCROLL_SLACK), (before, flow.pressed_at, undo_at)
        # Where the touchpoint was, with the keyboard on the button, and said for screen readers.
        assert page.evaluate("""() => { const n = document.getElementById('weggehaald');
            return n.parentElement.id + ' ' + n.nextElementSibling.id; }""") == "fase-2 cm-2-1"
        expect(undo).to_be_focused()
        expect(page.locator("[data-announce]")).to_have_text("Contactmoment ‘Balie’ is weggehaald.")
        assert page.get_by_role("status").filter(has_text="is weggehaald").count() == 1
        page.screenshot(path=str(artifacts / f"{shots}-removed.png"))
        page.clock.fast_forward("00:15")  # no timer takes the undo away
        expect(undo).to_be_visible()
    else:
        page.screenshot(path=str(artifacts / f"{shots}-removed.png"))
    before = page.evaluate("window.scrollY")
    undo.click()
    expect(page.locator("#cm-2-1 summary .item-name")).to_have_text("Balie")
    expect(page.locator("#weggehaald")).to_have_count(0)
    if js:
        flow.stayed(before)
        expect(page.locator("#cm-2-1")).to_have_attribute("open", "")
        expect(page.locator("#cm-2-1 summary")).to_be_focused()
        expect(page.locator("[data-announce]")).to_have_text("Contactmoment ‘Balie’ staat weer terug.")
    else:
        expect(page.locator("main")).to_contain_text("Contactmoment ‘Balie’ staat weer terug.")
    page.screenshot(path=str(artifacts / f"{shots}-undone.png"))

    # What the page shows is what is saved, and a reload shows it again.
    assert on_screen(page) == EXPECTED
    assert saved(flow) == EXPECTED
    page.reload()
    assert on_screen(page) == EXPECTED
