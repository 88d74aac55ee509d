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
