"""The site with the keyboard alone: logging in, a builder step and its buttons, the skip link,
a visible focus ring, and presentation mode (arrows, Home/End, Escape). No mouse clicks here:
only Tab, typing and the keys a student or teacher presses."""
from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .actions import log_in

ASSIGNMENT = "eerste-lesdag"
MAX_TABS = 80

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name'), value: el.getAttribute('value'),
    text: (el.innerText || el.value || '').trim(), href: el.getAttribute('href'),
    inMain: !!el.closest('main'), className: el.className,
    outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) || 0,
    outlineColor: style.outlineColor, boxShadow: style.boxShadow,
    visible: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
             && box.left < innerWidth && box.top < innerHeight,
  };
}"""


def focused(page: Page) -> dict | None:
    return page.evaluate(FOCUSED)


def tab_to(page: Page, matches, what: str, key: str = "Tab") -> dict:
    """Press Tab until the focused element matches; fails when it is not reachable by keyboard."""
    seen = []
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        here = focused(page)
        if here and matches(here):
            return here
        seen.append(here and (here["tag"], here["id"] or here["name"] or here["text"][:30]))
    raise AssertionError(f"{what} is not reachable with {key} in {MAX_TABS} presses; focus went {seen}")


def assert_focus_visible(here: dict) -> None:
    """A keyboard focus ring: a solid outline of at least 2px (site.css :focus-visible)."""
    assert here["visible"], f"the focused element is off screen: {here}"
    assert here["outlineStyle"] not in ("none", "hidden") and here["outlineWidth"] >= 2, (
        f"no visible focus outline on {here['tag']} {here['text'][:40]!r}: "
        f"{here['outlineStyle']} {here['outlineWidth']}px")


def test_log_in_with_the_keyboard_only(page: Page, live_server: str):
    page.goto(f"{live_server}/inloggen")
    here = tab_to(page, lambda f: f["name"] == "username", "the username field")
    assert_focus_visible(here)
    page.keyboard.type("docent")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "password"
    page.keyboard.type("welkom-docent")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server}/")
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()


def test_skip_link_is_first_visible_and_moves_to_the_content(page: Page, live_server: str):
    log_in(page, live_server, "sanne", "welkom-student")
    page.goto(f"{live_server}/opdrachten/{ASSIGNMENT}")
    page.keyboard.press("Tab")
    here = focused(page)
    assert here and here["href"] == "#inhoud", f"the first Tab should reach the skip link, not {here}"
    assert here["text"] == "Naar de inhoud"
    assert_focus_visible(here)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#inhoud$"))
    page.keyboard.press("Tab")
    here = focused(page)
    assert here and here["inMain"], f"after the skip link, Tab should land in the main content, not {here}"
    assert_focus_visible(here)


def test_focus_ring_is_visible_on_links_buttons_and_fields(page: Page, live_server: str):
    log_in(page, live_server, "sanne", "welkom-student")
    page.goto(f"{live_server}/")
    kinds = set()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        here = focused(page)
        if here is None:
            break
        if here["tag"] in ("a", "button", "input", "select", "textarea", "summary"):
            assert_focus_visible(here)
            kinds.add(here["tag"])
        if {"a", "button"} <= kinds and here["inMain"]:
            break
    assert {"a", "button"} <= kinds, f"expected to tab through links and buttons, reached {kinds}"


def test_a_builder_step_with_the_keyboard(page: Page, live_server: str):
    """Sem has no journey yet: add a phase, name it, and go on to the next step, keys only."""
    log_in(page, live_server, "sem", "welkom-student")
    page.goto(f"{live_server}/opdrachten/{ASSIGNMENT}/bouwen/phases")
    before = page.locator("fieldset.item-phase").count()

    here = tab_to(page, lambda f: f["name"] == "action" and f["value"] == "add_phase", "the add-phase button")
    assert_focus_visible(here)
    page.keyboard.press("Enter")
    expect(page.locator("fieldset.item-phase")).to_have_count(before + 1)  # in place (builder.js)

    # The keyboard is in the new phase's name field.
    new_name = f"phases-{before}-name"
    here = focused(page)
    assert here["name"] == new_name and here["inMain"] and here["visible"], here
    page.keyboard.type("Oriëntatie")

    # A select (the kind of phase) takes arrow keys; then on to Volgende.
    here = tab_to(page, lambda f: f["name"] == "action" and f["value"] == "next", "the next-step button")
    assert_focus_visible(here)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/bouwen/touchpoints"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Stap 4")

    # Back to the phases: what was typed is kept.
    page.goto(f"{live_server}/opdrachten/{ASSIGNMENT}/bouwen/phases")
    expect(page.locator(f"[name={new_name}]")).to_have_value("Oriëntatie")

    # The step bar is made of buttons that also work from the keyboard.
    here = tab_to(page, lambda f: f["name"] == "action" and f["value"] == "goto:trigger", "the step bar")
    assert_focus_visible(here)
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"/bouwen/trigger"))


def class_url(page: Page, base: str) -> str:
    page.goto(f"{base}/klassen")
    href = page.get_by_role("link", name="Klas 2A Retail").first.get_attribute("href")
    class_id = re.search(r"/klassen/(\d+)", href).group(1)
    return f"{base}/klassen/{class_id}/opdrachten/{ASSIGNMENT}"


def slide(number: int):
    return re.compile(rf"/galerij/presentatie\?.*dia={number}(&|$)")


def test_presentation_mode_with_the_keyboard(page: Page, live_server: str):
    log_in(page, live_server, "docent", "welkom-docent")
    base = class_url(page, live_server)
    page.goto(f"{base}/galerij/presentatie?ontwerp=A&ontwerp=B")
    expect(page.locator("[data-present-keys]")).to_be_visible()  # the key help shows when the script runs
    expect(page.locator(".pr-counter")).to_contain_text("Dia 1 van ")
    count = int(re.search(r"van (\d+)", page.locator(".pr-counter").inner_text()).group(1))

    page.keyboard.press("ArrowRight")
    page.wait_for_url(slide(1))
    expect(page.locator(".pr-counter")).to_have_text(f"Dia 2 van {count}")
    page.keyboard.press("ArrowLeft")
    page.wait_for_url(slide(0))
    page.keyboard.press("End")
    page.wait_for_url(slide(count - 1))
    expect(page.locator(".pr-counter")).to_have_text(f"Dia {count} van {count}")
    page.keyboard.press("Home")
    page.wait_for_url(slide(0))

    # The slide links are reachable with Tab, show their focus, and Enter follows them.
    here = tab_to(page, lambda f: f["tag"] == "a" and f["text"].startswith("Volgende"), "the Volgende link")
    assert_focus_visible(here)
    page.keyboard.press("Enter")
    page.wait_for_url(slide(1))

    # Escape closes presentation mode and goes back to the gallery.
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"/galerij\?.*#kiezen$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
