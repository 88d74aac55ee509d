"""The teacher's pages of one class and assignment (review, class_assignments, gallery) share one
loader (courseware.teaching.class_and_assignment) and one sub-navigation
(macros/teacher_nav.html): every page links to all the others and marks itself as current."""
from __future__ import annotations

import re

import pytest

from courseware.models import Role

from .journeys import A

PAGES = {"review": "beoordelen", "overview": "overzicht", "settings": "instellingen", "gallery": "galerij",
         "round": "tops-en-tips"}


@pytest.mark.parametrize("current", list(PAGES))
def test_every_teacher_page_has_the_same_sub_navigation(client, make, login, current):
    teacher = make.user(Role.TEACHER)
    klas = make.school_class(teacher)
    login(teacher)
    base = f"/klassen/{klas.id}/opdrachten/{A}"
    html = client.get(f"{base}/{PAGES[current]}").get_data(as_text=True)
    nav = re.search(r'<nav class="ca-tabs.*?</nav>', html, re.S).group(0)
    for path in PAGES.values():
        assert f'href="{base}/{path}"' in nav
    assert f'href="{base}/cijfers.csv"' in nav
    current_links = re.findall(r'<a href="([^"]+)" aria-current="page">', nav)
    assert current_links == [f"{base}/{PAGES[current]}"]


@pytest.mark.parametrize("path", list(PAGES.values()))
def test_the_loader_answers_the_same_on_every_page(client, make, login, path):
    teacher = make.user(Role.TEACHER)
    klas = make.school_class(teacher)
    other = make.school_class(make.user(Role.TEACHER))
    login(teacher)
    assert client.get(f"/klassen/99999/opdrachten/{A}/{path}").status_code == 404
    assert client.get(f"/klassen/{other.id}/opdrachten/{A}/{path}").status_code == 403
    assert client.get(f"/klassen/{other.id}/opdrachten/bestaat-niet/{path}").status_code == 403
    assert client.get(f"/klassen/{klas.id}/opdrachten/bestaat-niet/{path}").status_code == 404
