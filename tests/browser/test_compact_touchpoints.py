"""The touchpoints step on a phone: every touchpoint folds to one summary line and opens to its fields."""
from __future__ import annotations

import json
from importlib import resources

import pytest
from playwright.sync_api import Page, expect

from .actions import log_in

ASSIGNMENT = "eerste-lesdag"
STEP = f"/opdrachten/{ASSIGNMENT}/bouwen/touchpoints"
MAX_HEIGHT = 2500  # px at 360 px wide, ten touchpoints folded (it was about 13,900 px)


def ten_touchpoint_journey() -> dict:
    """The strong demo journey with exactly ten touchpoints in five phases, every text field filled."""
    journey = json.loads(resources.files("courseware").joinpath("demo/eerste-lesdag-sterk.journey.json")
                         .read_text("utf-8"))
    phases = journey["phases"]
    phases[2]["touchpoints"] = phases[2]["touchpoints"][:3]
    for phase in phases:
        for tp in phase["touchpoints"]:
            tp.setdefault("pain", "De klant moet lang zoeken en weet niet wie hij kan bellen.")
            tp.setdefault("gain", "De klant voelt zich welkom en weet wat hij moet doen.")
            tp.setdefault("service", "Een medewerker belt de klant even op.")
    assert sum(len(p["touchpoints"]) for p in phases) == 10
    return journey


@pytest.fixture
def noa(phone: Page, live_server: str, tmp_path) -> Page:
    """Noa (a demo student no other browser test uses) with the ten-touchpoint journey as his draft."""
    log_in(phone, live_server, "noa", "welkom-student")
    upload = tmp_path / "klantreis.json"
    upload.write_text(json.dumps(ten_touchpoint_journey(), ensure_ascii=False), "utf-8")
    phone.goto(f"{live_server}/opdrachten/{ASSIGNMENT}/uploaden")
    phone.locator("input[type=file]").set_input_files(str(upload))
    confirm = phone.locator("[name=confirm]")
    if confirm.count():
        confirm.check()
    phone.get_by_role("button", name="Bestand laden").click()
    phone.wait_for_load_state()
    phone.goto(live_server + STEP)
    return phone


def test_ten_folded_touchpoints_fit_in_2500_px_at_360(noa: Page, artifacts):
    cards = noa.locator("details.item-touchpoint")
    expect(cards).to_have_count(10)
    assert noa.evaluate("document.querySelectorAll('details.item-touchpoint[open]').length") == 0
    height = noa.evaluate("document.documentElement.scrollHeight")
    noa.screenshot(path=str(artifacts / "touchpoints-folded-360.png"), full_page=True)
    noa.locator("#fase-3").screenshot(path=str(artifacts / "touchpoints-folded-phase-360.png"))
    assert height <= MAX_HEIGHT, f"the step is {height}px tall"
    assert noa.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0

    # Each summary line names the touchpoint, its channel and feeling; the moment of truth has a star.
    first = cards.first.locator("summary")
    expect(first).to_contain_text("Mail met klas en rooster")
    expect(first).to_contain_text("E-mail")
    expect(first.locator(".item-emotion")).to_have_text("gevoel 7")
    stars = noa.locator("details.item-touchpoint summary .item-star")
    assert stars.count() >= 1
    expect(stars.first).to_contain_text("Moment van de waarheid")  # for screen readers, next to the ★
    for summary in noa.locator("details.item-touchpoint summary").all():  # one line each
        assert summary.bounding_box()["height"] < 60


def test_a_field_in_a_folded_card_opens_and_autosaves(noa: Page, live_server: str, artifacts):
    card = noa.locator("#cm-2-1")
    description = card.locator("[name=phases-1-touchpoints-0-description]")
    expect(description).to_be_hidden()
    card.locator("summary").click()
    expect(description).to_be_visible()
    noa.screenshot(path=str(artifacts / "touchpoints-one-open-360.png"), full_page=True)
    description.fill("Noor zoekt in de app naar haar rooster en vindt het meteen.")
    expect(noa.locator("[data-save-status]")).to_contain_text("Opgeslagen om", timeout=15_000)

    noa.reload()
    expect(noa.locator("#cm-2-1")).not_to_have_attribute("open", "")
    expect(description).to_have_value("Noor zoekt in de app naar haar rooster en vindt het meteen.")


def test_a_link_to_a_card_opens_it(noa: Page, live_server: str):
    noa.goto(f"{live_server}{STEP}#cm-3-2")
    expect(noa.locator("#cm-3-2")).to_have_attribute("open", "")
    expect(noa.locator("[name=phases-2-touchpoints-1-name]")).to_be_visible()
    expect(noa.locator("#cm-3-1")).not_to_have_attribute("open", "")


def test_a_new_touchpoint_starts_open(noa: Page, live_server: str):
    noa.locator("button[name=action][value='add_touchpoint:3']").click()  # in place (builder.js)
    expect(noa.locator("#cm-4-2")).to_have_attribute("open", "")
    expect(noa.locator("[name=phases-3-touchpoints-1-name]")).to_be_visible()
    assert noa.evaluate("document.querySelectorAll('details.item-touchpoint[open]').length") == 1


def test_a_card_with_a_wrong_field_starts_open_with_its_message(noa: Page, artifacts):
    noa.locator("#cm-1-2 summary").click()
    noa.locator("[name=phases-0-touchpoints-1-emotion]").fill("11")
    noa.locator(".save-row button[name=action][value=save]").click()  # the form post, as without JavaScript
    noa.wait_for_load_state()
    card = noa.locator("#cm-1-2")
    expect(card).to_have_attribute("open", "")
    expect(card.locator("summary")).to_contain_text("Niet goed ingevuld")
    expect(card.locator("#phases-0-touchpoints-1-emotion-error")).to_contain_text("Vul een heel getal in van 1 tot 10")
    expect(noa.locator("[name=phases-0-touchpoints-1-emotion]")).to_have_value("11")
    expect(noa.locator("#cm-1-1")).not_to_have_attribute("open", "")
    card.screenshot(path=str(artifacts / "touchpoints-wrong-360.png"))
    noa.set_viewport_size({"width": 1280, "height": 900})
    noa.screenshot(path=str(artifacts / "touchpoints-wrong-1280.png"), full_page=True)


def test_a_wrong_field_the_autosave_could_not_store_gets_its_message_next_to_it(noa: Page, artifacts):
    """On a phone the save line is out of view: the message must stand at the field itself, and go
    once the field is right and stored."""
    emotion = noa.locator("[name=phases-0-touchpoints-1-emotion]")
    message = noa.locator("#phases-0-touchpoints-1-emotion-error")
    noa.locator("#cm-1-2 summary").click()
    emotion.fill("12")
    emotion.press("Tab")
    expect(message).to_contain_text("Vul een heel getal in van 1 tot 10", timeout=15_000)
    expect(emotion).to_have_attribute("aria-invalid", "true")
    assert "phases-0-touchpoints-1-emotion-error" in emotion.get_attribute("aria-describedby").split()
    expect(noa.locator("#cm-1-2 .field.has-error")).to_have_count(1)
    expect(emotion).to_have_value("12")  # what was typed stays
    noa.locator("#cm-1-2").screenshot(path=str(artifacts / "touchpoints-autosave-wrong-360.png"))

    emotion.fill("8")
    emotion.press("Tab")
    expect(noa.locator("[data-save-status]")).to_contain_text("Opgeslagen om", timeout=15_000)
    expect(message).to_have_count(0)
    expect(emotion).not_to_have_attribute("aria-invalid", "true")
    assert "phases-0-touchpoints-1-emotion-error" not in (emotion.get_attribute("aria-describedby") or "")
    noa.reload()
    expect(noa.locator("[name=phases-0-touchpoints-1-emotion]")).to_have_value("8")
