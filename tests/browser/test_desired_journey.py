"""The desired journey in a real browser: the builder's step "Verbeteren" (low points first,
autosave, a wrong score kept with its message), the source and the empathy map, and the map's
dashed desired curve at 1280 px, at 360 px and in print. Screenshots go to test-artifacts/."""
from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .actions import log_in

STUDENT = ("luca", "welkom-student")  # the weak demo journey: mail 6, ontvangst (no score), les 7
BUILD = "/opdrachten/eerste-lesdag/bouwen"
MAP = "/opdrachten/eerste-lesdag/kaart"
MAIL = "phases-0-touchpoints-0"  # the lowest score: listed first
LES = "phases-1-touchpoints-1"


def save(page: Page) -> None:
    page.locator(".save-row button[name=action][value=save]").click()
    page.wait_for_load_state()


def click_action(page: Page, value: str) -> None:
    page.locator(f"button[name=action][value='{value}']").first.click()
    page.wait_for_load_state()


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_a_student_improves_the_journey_and_sees_the_desired_curve(page: Page, live_server: str, artifacts):
    base = live_server
    log_in(page, base, *STUDENT)

    # Research: an empathy map for the persona and a source for a touchpoint.
    page.goto(f"{base}{BUILD}/persona")
    page.get_by_label("Zegt").fill("Waar moet ik heen?")
    page.get_by_label("Pijnpunten").fill("Ik ken nog niemand")
    save(page)
    page.goto(f"{base}{BUILD}/touchpoints")
    page.locator("details.item-touchpoint", has=page.locator(f"[name={MAIL}-source]")).locator("summary").click()
    page.locator(f"[name={MAIL}-source]").select_option("interview")
    save(page)
    expect(page.locator(f"[name={MAIL}-source]")).to_have_value("interview")

    # The improve step: the lowest score first, the others folded away.
    page.goto(f"{base}{BUILD}/improve")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verbeteren")
    first = page.locator("section[aria-labelledby=eerst-kop] fieldset")
    expect(first).to_have_count(1)
    expect(first).to_contain_text("mail")
    expect(first).to_contain_text("Dal")
    expect(page.locator(f"[name={LES}-desired_situation]")).to_be_hidden()  # inside the closed <details>

    # Autosave: typing is saved without a button, and is there after a reload.
    page.locator(f"[name={MAIL}-desired_situation]").fill("De mentor stuurt een persoonlijk welkomstfilmpje.")
    page.locator(f"[name={MAIL}-desired_emotion]").fill("8")
    status = page.locator("[data-save-status]")
    expect(status).to_contain_text("Nog niet opgeslagen")
    expect(status).to_contain_text(re.compile(r"^Opgeslagen om \d\d:\d\d$"))
    page.reload()
    expect(page.locator(f"[name={MAIL}-desired_situation]")).to_have_value(
        "De mentor stuurt een persoonlijk welkomstfilmpje.")
    expect(page.locator(f"[name={MAIL}-desired_emotion]")).to_have_value("8")

    # A wrong score: the message next to the field, nothing typed lost, the folded part open.
    page.locator("details.improve-rest > summary").click()
    page.locator(f"[name={LES}-desired_situation]").fill("Een ouderejaars geeft de eerste les samen met de docent.")
    page.locator(f"[name={LES}-desired_emotion]").fill("11")
    click_action(page, "next")
    field = page.locator(".field.has-error").filter(has=page.locator(f"[name={LES}-desired_emotion]"))
    expect(field).to_contain_text("Vul een heel getal in van 1 tot 10")
    expect(page.locator(f"[name={LES}-desired_emotion]")).to_have_value("11")
    expect(page.locator(f"[name={LES}-desired_situation]")).to_have_value(
        "Een ouderejaars geeft de eerste les samen met de docent.")
    expect(page.locator(f"[name={LES}-desired_emotion]")).to_be_visible()
    page.screenshot(path=str(artifacts / "improve-error-1280.png"), full_page=True)
    page.locator(f"[name={LES}-desired_emotion]").fill("9")
    click_action(page, "next")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Controleren en inleveren")
    expect(page.locator(".checklist")).to_contain_text("2 contactmomenten met een gewenste situatie")

    # The map: the desired curve dashed beside the solid current one, with "Nu" and "Gewenst".
    page.goto(f"{base}{MAP}")
    desired = page.locator("svg.jm-screen-only path.jm-line-desired")
    expect(desired).to_be_visible()
    expect(desired).to_have_attribute("stroke-dasharray", "8 6")
    current = page.locator("svg.jm-screen-only path.jm-line:not(.jm-line-desired)")
    assert current.get_attribute("stroke-dasharray") is None  # the current curve is solid
    expect(page.locator(".jm-full > .jm-desired-legend")).to_contain_text("Nu")
    expect(page.locator(".jm-full > .jm-desired-legend")).to_contain_text("Gewenst")
    expect(page.locator(".jm-empathy")).to_contain_text("Waar moet ik heen?")
    expect(page.locator(".jm-source").first).to_contain_text("Interview")
    expect(page.locator(".jm-desired").first).to_contain_text("persoonlijk welkomstfilmpje")
    title = page.locator("svg.jm-screen-only > title").text_content()
    assert "Gewenste curve (gestreept): scores van 8 tot 9 bij 2 contactmomenten." in title
    page.screenshot(path=str(artifacts / "desired-map-1280.png"), full_page=True)

    # Print: the flatter curve has the desired line too, and the map stays on one landscape page.
    page.emulate_media(media="print")
    expect(page.locator("svg.jm-print-only path.jm-line-desired")).to_be_visible()
    expect(page.locator("svg.jm-screen-only")).to_be_hidden()
    page.screenshot(path=str(artifacts / "desired-map-print.png"), full_page=True)
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    (artifacts / "desired-map.pdf").write_bytes(pdf)
    assert page_count(pdf) == 1


def test_the_improve_step_and_the_desired_curve_fit_a_phone(phone: Page, live_server: str, artifacts):
    base = live_server
    log_in(phone, base, *STUDENT)
    phone.goto(f"{base}{BUILD}/improve")
    # Seven steps, one row: every step button on the same line.
    tops = phone.locator(".step-nav .step-link").evaluate_all("links => links.map(l => l.offsetTop)")
    assert len(tops) == 7 and len(set(tops)) == 1, tops
    phone.locator(f"[name={MAIL}-desired_situation]").fill("De mentor stuurt een persoonlijk welkomstfilmpje.")
    phone.locator(f"[name={MAIL}-desired_emotion]").fill("8")
    save(phone)
    expect(phone.locator(f"[name={MAIL}-desired_emotion]")).to_have_value("8")
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    phone.screenshot(path=str(artifacts / "improve-360.png"), full_page=True)

    phone.goto(f"{base}{MAP}")
    expect(phone.locator("svg.jm-screen-only path.jm-line-desired")).to_be_visible()
    expect(phone.locator(".jm-full > .jm-desired-legend")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    phone.screenshot(path=str(artifacts / "desired-map-360.png"), full_page=True)
