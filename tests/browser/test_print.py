"""The printed map: one A4 landscape page for a typical journey, without the site's navigation."""
import re

from playwright.sync_api import Page

from .actions import log_in


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_the_map_prints_on_one_landscape_page(page: Page, live_server: str, artifacts):
    log_in(page, live_server, "sanne", "welkom-student")
    page.goto(f"{live_server}/opdrachten/eerste-lesdag/kaart")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    (artifacts / "student-map.pdf").write_bytes(pdf)
    assert page_count(pdf) == 1
    width, height = (float(v) for v in re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", pdf).groups())
    assert width > height  # landscape
