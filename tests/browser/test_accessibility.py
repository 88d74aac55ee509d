"""axe-core scans of the pages students and teachers use most, in a real browser.

The axe-core script comes from the PyPI package axe-playwright-python (it ships axe.min.js), so
`make test` installs it. It is evaluated through the DevTools protocol in a context that bypasses
the Content-Security-Policy, so a strict policy (no 'unsafe-inline') on the site cannot block the
scan. Each page is scanned at desktop and phone width. No page may have a serious or critical
violation; for a failing page, every violation (moderate and minor ones too) is saved as JSON in
test-artifacts/ (axe-<page>-<width>px.json), with a screenshot beside it.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from assignments import BUILDER_STEPS

from .actions import log_in

ASSIGNMENT = "eerste-lesdag"
DUO_ASSIGNMENT = "lesuitval"  # the demo class does it in duos; sanne and luca are one
LESSON = "fasen-van-de-klantreis"
STUDENT = ("daan", "welkom-student")  # a draft halfway through the builder, not handed in
TEACHER = ("docent", "welkom-docent")
BLOCKING = {"serious", "critical"}
# WCAG 2.0/2.1/2.2 A and AA, plus axe's best practices (landmarks, headings, ...).
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
}


VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    # a student's phone: tables and maps scroll inside their box here, which axe checks too
    "phone": {"viewport": {"width": 360, "height": 780}, "device_scale_factor": 2, "is_mobile": True,
              "has_touch": True},
}


@pytest.fixture(params=list(VIEWPORTS))
def scan_page(browser, request):
    """A page (desktop or phone) in a context that ignores the site's CSP, so the axe script may run."""
    context = browser.new_context(locale="nl-NL", bypass_csp=True, **VIEWPORTS[request.param])
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def class_id(page: Page, base: str) -> int:
    page.goto(f"{base}/klassen")
    href = page.get_by_role("link", name="Klas 2A Retail").first.get_attribute("href")
    return int(re.search(r"/klassen/(\d+)", href).group(1))


def class_base(page: Page, base: str) -> str:
    return f"{base}/klassen/{class_id(page, base)}/opdrachten/{ASSIGNMENT}"


# Each visit logs in as the right person and leaves the page in the state to scan.

def visit_login(page: Page, base: str) -> None:
    page.goto(f"{base}/inloggen")


def visit_lesson(page: Page, base: str) -> None:
    from courseware.lessons.loader import get_lesson

    log_in(page, base, *STUDENT)
    lesson = get_lesson(LESSON)
    page.goto(f"{base}/lessen/{LESSON}")
    for q, question in enumerate(lesson.quiz):
        # one wrong answer, so the page shows both right and wrong marks
        answer = question.correct_index if q else (question.correct_index + 1) % len(question.options)
        page.locator(f"input[name=q{q}][value='{answer}']").check()
    page.get_by_role("button", name="Nakijken").click()
    expect(page.locator("#check")).to_contain_text(f"van de {len(lesson.quiz)}")


def visit_worked_example(page: Page, base: str) -> None:
    """Lesson 9: the whole example journey, drawn with the journey map, inside a lesson."""
    log_in(page, base, *STUDENT)
    page.goto(f"{base}/lessen/eigen-mini-klantreis")
    expect(page.locator("figure.lesson-figure-map")).to_have_count(1)


def visit_step(step: str) -> Callable[[Page, str], None]:
    def visit(page: Page, base: str) -> None:
        log_in(page, base, *STUDENT)
        page.goto(f"{base}/opdrachten/{ASSIGNMENT}/bouwen/{step}")
        expect(page.locator("main form")).not_to_have_count(0)
    return visit


def visit_feedback(page: Page, base: str) -> None:
    log_in(page, base, *STUDENT)
    page.goto(f"{base}/opdrachten/{ASSIGNMENT}/feedback")
    expect(page.locator("li.criterion").first).to_be_visible()


def visit_map(page: Page, base: str) -> None:
    log_in(page, base, *STUDENT)
    page.goto(f"{base}/opdrachten/{ASSIGNMENT}/kaart")


def visit_dashboard(page: Page, base: str) -> None:
    log_in(page, base, *TEACHER)
    page.goto(f"{class_base(page, base)}/beoordelen")
    expect(page.locator("main table")).to_be_visible()


def visit_review(page: Page, base: str) -> None:
    log_in(page, base, *TEACHER)
    page.goto(f"{class_base(page, base)}/beoordelen")
    page.locator("main tbody th[scope=row] a").first.click()
    page.wait_for_url(re.compile(r"/beoordelen/\d+$"))


def visit_overview(page: Page, base: str) -> None:
    log_in(page, base, *TEACHER)
    page.goto(f"{class_base(page, base)}/overzicht")


def visit_gallery(page: Page, base: str) -> None:
    log_in(page, base, *TEACHER)
    page.goto(f"{class_base(page, base)}/galerij")


def visit_present(slide: str, grades: bool = False) -> Callable[[Page, str], None]:
    """A slide of presentation mode (99: the last one); `grades`: with "Beoordeling tonen" on."""
    def visit(page: Page, base: str) -> None:
        log_in(page, base, *TEACHER)
        extra = "&beoordeling=1" if grades else ""
        page.goto(f"{class_base(page, base)}/galerij/presentatie?ontwerp=A&ontwerp=B&dia={slide}{extra}")
        expect(page.locator("[data-present-nav]")).to_have_count(1)
    return visit


def visit_start(user: tuple[str, str]) -> Callable[[Page, str], None]:
    def visit(page: Page, base: str) -> None:
        log_in(page, base, *user)
        page.goto(f"{base}/")
        expect(page.locator("#todo-kop")).to_be_visible()
    return visit


def visit_class(page: Page, base: str) -> None:
    log_in(page, base, *TEACHER)
    page.goto(f"{base}/klassen/{class_id(page, base)}")
    expect(page.locator("#docenten-kop")).to_be_visible()


def visit_admin_teachers(page: Page, base: str) -> None:
    log_in(page, base, "beheer", "welkom-beheer")
    page.goto(f"{base}/beheer/docenten")
    expect(page.locator("main table")).to_be_visible()


def visit_group(user: tuple[str, str]) -> Callable[[Page, str], None]:
    """The group page of the demo's duo assignment: a member's (sanne) or a student without a group's."""
    def visit(page: Page, base: str) -> None:
        log_in(page, base, *user)
        page.goto(f"{base}/opdrachten/{DUO_ASSIGNMENT}/groep")
        expect(page.get_by_role("heading", level=1)).to_have_text("Je groep")
    return visit


def visit_teacher_groups(page: Page, base: str) -> None:
    log_in(page, base, *TEACHER)
    page.goto(f"{base}/klassen/{class_id(page, base)}/opdrachten/{DUO_ASSIGNMENT}/groepen")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Groepen")


PAGES = {
    "login": visit_login,
    "student-start": visit_start(("sanne", "welkom-student")),
    "teacher-start": visit_start(TEACHER),
    "class": visit_class,
    "admin-teachers": visit_admin_teachers,
    "lesson-checked": visit_lesson,
    "lesson-worked-example": visit_worked_example,
    **{f"builder-{step}": visit_step(step)
       for step in BUILDER_STEPS},
    "feedback": visit_feedback,
    "map": visit_map,
    "teacher-dashboard": visit_dashboard,
    "review": visit_review,
    "heat-map": visit_overview,
    "gallery": visit_gallery,
    "presentation": visit_present("0"),
    "presentation-phases": visit_present("1"),
    "presentation-comparison": visit_present("99"),
    "group-member": visit_group(("sanne", "welkom-student")),
    "group-none": visit_group(("noa", "welkom-student")),
    "teacher-groups": visit_teacher_groups,
}


def run_axe(page: Page) -> list[dict]:
    results = Axe().run(page, options=AXE_OPTIONS)
    return results.response["violations"]


def summary(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = "; ".join(" ".join(node["target"]) if isinstance(node["target"][0], str) else str(node["target"])
                            for node in v["nodes"][:5])
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])}x): {v['help']} -> {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_axe_violations(scan_page: Page, live_server: str, artifacts, name: str):
    PAGES[name](scan_page, live_server)
    scan_page.wait_for_load_state("load")
    violations = run_axe(scan_page)
    blocking = [v for v in violations if v.get("impact") in BLOCKING]
    width = scan_page.viewport_size["width"]
    report = artifacts / f"axe-{name}-{width}px.json"
    if blocking:
        report.write_text(json.dumps({"url": scan_page.url, "viewport": scan_page.viewport_size,
                                      "violations": violations}, indent=2, ensure_ascii=False), encoding="utf-8")
        scan_page.screenshot(path=str(report.with_suffix(".png")), full_page=True)
    assert not blocking, f"{scan_page.url}\n{summary(blocking)}\n(all violations: {report})"


# Colour is never the only carrier of a level: every level badge, on every page that shows
# levels, has the number in its text; the heat map's cells show their count.

def visit_compare(page: Page, base: str) -> None:
    log_in(page, base, *TEACHER)
    page.goto(f"{class_base(page, base)}/galerij/vergelijk?ontwerp=A&ontwerp=B")


def visit_rubric(page: Page, base: str) -> None:
    log_in(page, base, *STUDENT)
    page.goto(f"{base}/opdrachten/{ASSIGNMENT}")


LEVEL_PAGES = {
    "teacher-dashboard": visit_dashboard,
    "heat-map": visit_overview,
    "review": visit_review,
    "feedback": visit_feedback,
    "gallery-compare": visit_compare,
    "presentation-grades": visit_present("99", grades=True),
    "assignment-rubric": visit_rubric,
}

LEVEL_TEXTS = """() => Array.from(document.querySelectorAll('.level'), el => ({
  text: el.textContent.trim(), html: el.outerHTML.slice(0, 160),
}))"""


@pytest.mark.parametrize("name", list(LEVEL_PAGES))
def test_every_level_badge_carries_its_number(page: Page, live_server: str, name: str):
    LEVEL_PAGES[name](page, live_server)
    levels = page.evaluate(LEVEL_TEXTS)
    assert levels, f"{name}: no .level elements on {page.url}"
    without = [level["html"] for level in levels if not re.search(r"\d", level["text"])]
    assert not without, f"{name}: level badges without a number (colour alone): {without}"


def test_heat_map_cells_and_dashboard_statuses_have_text(page: Page, live_server: str):
    log_in(page, live_server, *TEACHER)
    base = class_base(page, live_server)
    page.goto(f"{base}/overzicht")
    cells = page.locator(".ca-heatmap td.ca-heat")
    expect(cells.first).to_be_visible()
    for text in cells.all_inner_texts():
        assert re.search(r"\d", text), f"a heat-map cell shows only a colour: {text!r}"
    page.goto(f"{base}/beoordelen")
    statuses = page.locator("main tbody .status")
    expect(statuses.first).to_be_visible()
    for text in statuses.all_inner_texts():
        assert text.strip(), "a status on the dashboard shows only a colour"
