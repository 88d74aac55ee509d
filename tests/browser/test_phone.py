"""On a 360-pixel phone no page scrolls sideways: wide parts (the map) scroll inside their box."""
import pytest
from playwright.sync_api import Page

from .actions import log_in

STUDENT_PAGES = [
    "/", "/lessen", "/lessen/momenten-van-de-waarheid", "/lessen/eigen-mini-klantreis",
    "/lessen/klantbeleving-onderzoeken", "/opdrachten", "/opdrachten/eerste-lesdag",
    "/opdrachten/eerste-lesdag/bouwen/persona", "/opdrachten/eerste-lesdag/bouwen/phases",
    "/opdrachten/eerste-lesdag/bouwen/touchpoints", "/opdrachten/eerste-lesdag/bouwen/moments",
    "/opdrachten/eerste-lesdag/bouwen/improve",
    "/opdrachten/eerste-lesdag/feedback", "/opdrachten/eerste-lesdag/kaart", "/opdrachten/eerste-lesdag/pogingen",
]


@pytest.fixture
def sanne(phone: Page, live_server: str) -> Page:
    log_in(phone, live_server, "sanne", "welkom-student")
    return phone


@pytest.mark.parametrize("path", STUDENT_PAGES)
def test_student_pages_fit_a_phone(sanne: Page, live_server: str, path: str):
    response = sanne.goto(live_server + path)
    assert response.status == 200
    overflow = sanne.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} is {overflow}px too wide on a 360px phone"


def header_rows(page: Page) -> int:
    """How many rows of links and buttons the top bar has (by their middles, 8 px apart)."""
    return page.evaluate("""() => new Set([...document.querySelectorAll(
        '.site-header .brand, .site-header .menu-button, .site-header .nav > li')]
        .filter(el => el.offsetParent !== null)
        .map(el => { const r = el.getBoundingClientRect(); return Math.round((r.top + r.bottom) / 2 / 8); })).size""")


def test_a_long_menu_folds_behind_a_button_on_a_phone(phone: Page, live_server: str, artifacts):
    log_in(phone, live_server, "beheer", "welkom-beheer")  # the longest menu: six links
    menu = phone.get_by_role("button", name="Menu", exact=True)
    assert menu.is_visible() and header_rows(phone) == 1
    assert not phone.get_by_role("link", name="Klassen").is_visible()
    phone.screenshot(path=str(artifacts / "menu-folded-360.png"))
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    for name in ("Start", "Klassen", "Lessen", "Opdrachten", "Beheer"):
        assert phone.get_by_role("link", name=name, exact=True).is_visible(), name
    assert phone.get_by_role("button", name="Uitloggen").is_visible()
    phone.screenshot(path=str(artifacts / "menu-open-360.png"))
    phone.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert not phone.get_by_role("link", name="Klassen").is_visible()
    phone.set_viewport_size({"width": 1280, "height": 800})  # wide again: all links in the bar
    # a function, not an expression: Playwright would eval() an expression in the page, which its CSP forbids
    phone.wait_for_function("() => document.querySelector('.menu-button').hidden")
    assert phone.get_by_role("link", name="Klassen").is_visible()


def test_a_short_menu_stays_as_links(sanne: Page):
    assert not sanne.get_by_role("button", name="Menu", exact=True).is_visible()
    assert sanne.get_by_role("link", name="Opdrachten", exact=True).is_visible()
    assert header_rows(sanne) == 2  # the name of the site, then the links


def test_a_text_area_grows_with_its_text(sanne: Page, live_server: str):
    sanne.goto(live_server + "/opdrachten/eerste-lesdag/bouwen/persona")
    area = sanne.locator("textarea").first
    before = area.bounding_box()["height"]
    area.fill("\n".join(f"Regel {n}." for n in range(10)))
    after = area.bounding_box()["height"]
    assert after > before + 100, (before, after)
    assert sanne.evaluate("(a) => a.scrollHeight <= a.clientHeight + 2", area.element_handle())  # all text in view


def test_the_sticky_bar_never_covers_the_control_in_focus(sanne: Page, live_server: str):
    """Each control of the touchpoints step, scrolled to from above as little as possible (as keyboard
    focus does in Firefox and Safari, and as a screen reader does), stays above the bar."""
    sanne.goto(live_server + "/opdrachten/eerste-lesdag/bouwen/touchpoints")
    covered = sanne.evaluate("""() => {
        document.querySelectorAll('#builder-form details').forEach(card => { card.open = true; });
        const bar = document.querySelector('.step-actions');
        const controls = [...document.querySelectorAll('#builder-form :is(button, input, select, textarea)')]
            .filter(el => el.offsetParent !== null && !bar.contains(el) && el.tabIndex >= 0 && el.type !== 'hidden');
        const problems = [];
        for (const el of controls) {
            window.scrollTo(0, 0);
            el.scrollIntoView({block: 'nearest'});
            const r = el.getBoundingClientRect(), top = bar.getBoundingClientRect().top;
            if (r.bottom > top + 1) problems.push(`${el.name || el.textContent.trim()}: ${r.bottom} > ${top}`);
        }
        return [controls.length, problems];
    }""")
    count, problems = covered
    assert count > 20 and not problems, problems


HINT_AND_FIT = """() => Array.from(document.querySelectorAll('.jm-hint')).map(hint => {
  const box = hint.nextElementSibling;
  return [!hint.hidden && hint.offsetParent !== null, box.scrollWidth > box.clientWidth + 1];
})"""


def test_the_swipe_hint_shows_only_when_the_phases_do_not_fit(sanne: Page, live_server: str):
    for width in (360, 1280, 1920):
        sanne.set_viewport_size({"width": width, "height": 900})
        for path in ("/opdrachten/eerste-lesdag/kaart", "/lessen/momenten-van-de-waarheid"):
            sanne.goto(live_server + path)
            maps = sanne.evaluate(HINT_AND_FIT)
            assert maps, path
            assert all(shown == overflows for shown, overflows in maps), (width, path, maps)
    sanne.set_viewport_size({"width": 1920, "height": 900})
    sanne.goto(live_server + "/opdrachten/eerste-lesdag/kaart")
    assert sanne.evaluate(HINT_AND_FIT) == [[False, False]]  # the demo journey fits a wide screen
