"""The words people read: the automatic check is "de automatische controle" on every page, never
"grader", and students read "beoordelingsmodel", not "rubric" (a normal word for teachers).

Every GET page of the site is fetched as every role (the routes come from app.url_map, as in the
authorisation matrix), plus each builder step, the feedback page and a hand-in of the student.
The visible text is checked, and the attributes a reader meets too (title, aria-label, alt,
placeholder)."""
from __future__ import annotations

import re
from html import unescape

from flask import url_for

from assignments import BUILDER_STEPS

from .journeys import A
from .world import ROLES, rules_with, url_of

READ_ATTRIBUTES = re.compile(r'\b(?:title|aria-label|alt|placeholder)="([^"]*)"')
STUDENT_ROLES = {"student", "other_student"}


def words_read(html: str) -> str:
    """Visible text plus the attribute texts a reader meets; scripts and styles left out."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)
    attributes = " ".join(READ_ATTRIBUTES.findall(html))
    return unescape(re.sub(r"<[^>]+>", " ", html) + " " + attributes).lower()


def test_words_read_sees_text_and_titles_but_not_markup():
    html = '<a class="grader" href="/grader" title="Rubric">Naar de Grader</a><script>grader()</script>'
    read = words_read(html)
    assert read.count("grader") == 1 and "rubric" in read


def test_no_page_says_grader_and_students_read_no_rubric(app, client, login, world):
    with app.test_request_context():
        student_pages = [url_for("builder.step", assignment_id=A, step=step) for step in BUILDER_STEPS]
        student_pages += [url_for("builder.feedback", assignment_id=A)]
    visits = [(role, url_of(app, world, rule)) for rule in rules_with(app, "GET") for role in ROLES]
    visits += [("student", url) for url in student_pages]
    problems, pages = [], 0
    for role, url in visits:
        login(world.user(role))
        response = client.get(url)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        pages += 1
        read = words_read(response.get_data(as_text=True))
        forbidden = ("grader", "rubric") if role in STUDENT_ROLES else ("grader",)
        for word in forbidden:
            for found in re.finditer(rf"\b{word}", read):
                problems.append(f"{role} {url}: …{read[max(0, found.start() - 40):found.end() + 40]}…")
    assert pages > 60, pages  # the crawl reached the site, not only error pages
    assert not problems, "\n".join(problems[:30])
