"""The class gallery: who may see what, anonymous stable labels, names only on request, comparing
designs aligned by stage, presentation mode, opening the gallery for students, the student's view,
escaping of everything students wrote, CSRF, and a number of queries that does not grow."""
from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import timedelta
from html import unescape

import pytest
from flask import g
from sqlalchemy import event

from courseware.extensions import db
from courseware.gallery.designs import gallery_entries, stable_key
from courseware.grading import override
from courseware.journeymap import letter
from courseware.models import Attempt, ClassAssignment, GalleryExclusion, Role
from courseware.models.accounts import utcnow
from grader import Report

from .journeys import XSS, A, class_with_hand_ins, hand_in, journey, plain, text_of

OTHER_ASSIGNMENT = "lesuitval"
NAMES = ("Fenna Visser", "Milan de Vries", "Yara El Amrani", "Bram Smit", "Aaron Aalders")
MARKERS = ("Kompas", "Vuurtoren", "Zeilboot", "Windmolen", "Tulpenveld")


# --------------------------------------------------------------------------- helpers


def base(klas, assignment: str = A) -> str:
    return f"/klassen/{klas.id}/opdrachten/{assignment}/galerij"


def query(*labels: str, **extra) -> str:
    parts = [f"ontwerp={label}" for label in labels] + [f"{key}={value}" for key, value in extra.items()]
    return "?" + "&".join(parts)


def titles_with_names(html: str) -> dict[str, str]:
    """label -> name, from the compact maps' headings when names are shown."""
    return dict(re.findall(r'<h2 class="jm-title">Ontwerp ([A-Z]+) · ([^<]+)</h2>', html))


def labels_in(html: str) -> list[str]:
    return re.findall(r'<h[23] class="jm-title">Ontwerp ([A-Z]+)</h[23]>', html)


def row_cells(html: str, stage: str) -> list[str]:
    """The cells (one per design) of a stage's row in the comparison table."""
    match = re.search(rf'<tr class="gl-stage-row gl-stage-{stage}">(.*?)</tr>', html, re.S)
    assert match, f"no row for {stage}"
    return re.findall(r"<td>(.*?)</td>", match.group(1), re.S)


@contextmanager
def counted_queries():
    statements: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", before)


@pytest.fixture
def setup(make):
    """A teacher's class with five students who handed in and one who did not, plus another
    teacher's class with one hand-in."""
    return class_with_hand_ins(make, NAMES, MARKERS)


def teacher_urls(klas) -> list[tuple[str, str]]:
    b = base(klas)
    return [("GET", b), ("GET", b + "/vergelijk" + query("A", "B")), ("GET", b + "/presentatie" + query("A", "B")),
            ("POST", b + "/open")]


def open_gallery(klas, assignment: str = A, value: bool = True) -> None:
    ClassAssignment.get_or_create(klas.id, assignment).gallery_open = value
    db.session.commit()


# --------------------------------------------------------------------------- who may see what


def test_visitors_are_sent_to_login(client, setup):
    for method, url in [*teacher_urls(setup["klas"]), ("GET", f"/opdrachten/{A}/galerij")]:
        response = client.open(url, method=method)
        assert response.status_code == 302, url
        assert response.location.startswith("/inloggen"), url


def test_students_may_not_use_teacher_routes(client, setup, login):
    login(setup["students"][0])
    for method, url in teacher_urls(setup["klas"]):
        assert client.open(url, method=method, data={"state": "1"}).status_code == 403, url
    assert ClassAssignment.find(setup["klas"].id, A) is None


def test_teacher_of_another_class_is_refused(client, setup, login):
    login(setup["other_teacher"])
    for method, url in teacher_urls(setup["klas"]):
        assert client.open(url, method=method, data={"state": "1"}).status_code == 403, url
    assert ClassAssignment.find(setup["klas"].id, A) is None


def test_unknown_class_or_assignment_is_404(client, setup, login):
    login(setup["teacher"])
    for method, url in teacher_urls(setup["klas"]):
        assert client.open(url.replace(f"/klassen/{setup['klas'].id}/", "/klassen/999999/"), method=method,
                           data={"state": "1"}).status_code == 404, url
        assert client.open(url.replace(f"/opdrachten/{A}/", "/opdrachten/bestaat-niet/"), method=method,
                           data={"state": "1"}).status_code == 404, url


def test_admin_may_see_any_class_gallery(client, setup, make, login):
    login(make.user(Role.ADMIN))
    for method, url in teacher_urls(setup["klas"]):
        assert client.open(url, method=method, data={"state": "1"}).status_code in (200, 302), url


def test_student_gallery_of_unknown_assignment_is_404(client, setup, login):
    login(setup["students"][0])
    assert client.get("/opdrachten/bestaat-niet/galerij").status_code == 404


# --------------------------------------------------------------------------- the teacher's gallery


def test_gallery_shows_every_latest_hand_in_anonymously(client, setup, login):
    hand_in(setup["students"][0], journey("Herkansing"))  # a second attempt: only this one is shown
    login(setup["teacher"])
    response = client.get(base(setup["klas"]))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert labels_in(html) == ["A", "B", "C", "D", "E"]
    assert html.count('class="jm jm-compact"') == 5
    assert "Herkansing 1" in html and "Kompas 1" not in html
    assert "Ruimteschip" not in html  # another class's work
    for name in (*NAMES, "Zeno Zwart", "Otto Anders"):
        assert name not in text_of(response), name
    assert "Reis Vuurtoren" not in html  # the journey's own title could name the student: never shown
    page = text_of(response)
    assert "5 van de 6 leerlingen hebben ingeleverd." in page
    assert "Namen tonen" in page
    assert 'name="ontwerp" value="A"' in html
    assert "Vergelijken" in page and "Presenteren op het bord" in page


def test_names_only_when_the_teacher_asks(client, setup, login):
    login(setup["teacher"])
    html = client.get(base(setup["klas"]) + "?namen=1").get_data(as_text=True)
    shown = titles_with_names(unescape(html))
    assert sorted(shown.values()) == sorted(NAMES)
    assert "Nog niet ingeleverd: Zeno Zwart" in unescape(html)
    assert "Namen zijn zichtbaar." in unescape(html)
    assert 'name="namen" value="1"' in html  # comparing keeps the names on


def test_labels_are_stable_and_not_alphabetical(client, setup, login, app):
    login(setup["teacher"])
    klas = setup["klas"]
    first = titles_with_names(text_of(client.get(base(klas) + "?namen=1")))
    again = titles_with_names(text_of(client.get(base(klas) + "?namen=1")))
    assert first == again
    by_name = {student.display_name: student for student in setup["students"]}
    expected = sorted(setup["students"], key=lambda s: (stable_key("gallery", klas.id, A, s.id), s.id))
    assert [first[letter(i)] for i in range(len(expected))] == [s.display_name for s in expected]
    assert [first[letter(i)] for i in range(5)] != sorted(NAMES)
    # Handing in again keeps the student's letter.
    hand_in(by_name["Bram Smit"], journey("Herkansing"))
    assert titles_with_names(text_of(client.get(base(klas) + "?namen=1"))) == first
    # The same labels in the comparison.
    label = next(lbl for lbl, name in first.items() if name == "Bram Smit")
    other = "A" if label != "A" else "B"
    compare = client.get(base(klas) + "/vergelijk" + query(label, other)).get_data(as_text=True)
    assert f"Ontwerp {label}" in compare and "Herkansing 1" in compare


def test_labels_go_on_after_z():
    assert [letter(n) for n in (0, 1, 25, 26, 27, 51, 52)] == ["A", "B", "Z", "AA", "AB", "AZ", "BA"]


def test_the_order_depends_on_the_secret_not_on_ids(app, setup):
    klas = setup["klas"]
    order = [e.author_id for e in gallery_entries(klas.id, A)]
    app.config["SECRET_KEY"] = "another-secret"
    shuffled = [e.author_id for e in gallery_entries(klas.id, A)]
    assert sorted(order) == sorted(shuffled)
    assert order != sorted(order) or shuffled != sorted(shuffled)


def test_empty_gallery(client, make, login):
    teacher = make.user(Role.TEACHER)
    klas = make.school_class(teacher)
    make.student(klas)
    login(teacher)
    page = text_of(client.get(base(klas)))
    assert "Nog niemand in deze klas heeft deze opdracht ingeleverd." in page
    assert "0 van de 1 leerlingen hebben ingeleverd." in page


# --------------------------------------------------------------------------- open and close


def test_toggle_opens_and_closes_the_gallery_for_students(client, setup, login):
    klas, student = setup["klas"], setup["students"][0]
    login(student)
    assert "Je docent heeft de galerij nog niet geopend." in text_of(client.get(f"/opdrachten/{A}/galerij"))
    assert "Bekijk de galerij van je klas" not in text_of(client.get(f"/opdrachten/{A}"))

    login(setup["teacher"])
    assert "Galerij voor leerlingen: dicht" in plain(client.get(base(klas)))
    response = client.post(base(klas) + "/open", data={"state": "1"})
    assert response.status_code == 302 and response.location.endswith(base(klas))
    db.session.expire_all()
    assert ClassAssignment.find(klas.id, A).gallery_open is True
    page = plain(client.get(base(klas)))
    assert "Galerij voor leerlingen: open" in page
    assert "De galerij is nu open." in page
    assert "Galerij sluiten voor leerlingen" in page

    login(student)
    assert "Galerij van je klas" in text_of(client.get(f"/opdrachten/{A}/galerij"))
    assert "Je docent heeft de galerij nog niet geopend." not in text_of(client.get(f"/opdrachten/{A}/galerij"))
    assert "Bekijk de galerij van je klas" in text_of(client.get(f"/opdrachten/{A}"))

    login(setup["teacher"])
    client.post(base(klas) + "/open", data={"state": "0"})
    db.session.expire_all()
    assert ClassAssignment.find(klas.id, A).gallery_open is False
    login(student)
    assert "Je docent heeft de galerij nog niet geopend." in text_of(client.get(f"/opdrachten/{A}/galerij"))


def test_toggle_with_a_strange_value_changes_nothing(client, setup, login):
    login(setup["teacher"])
    client.post(base(setup["klas"]) + "/open", data={"state": "ja"})
    assert ClassAssignment.find(setup["klas"].id, A) is None


def test_opening_one_assignment_leaves_the_other_closed(client, setup, login):
    open_gallery(setup["klas"], OTHER_ASSIGNMENT)
    login(setup["students"][0])
    assert "nog niet geopend" in text_of(client.get(f"/opdrachten/{A}/galerij"))


# --------------------------------------------------------------------------- the student's view


def test_student_sees_own_class_anonymously_with_own_design_marked(client, setup, login):
    open_gallery(setup["klas"])
    open_gallery(setup["other_klas"])
    student = setup["students"][2]
    login(student)
    response = client.get(f"/opdrachten/{A}/galerij")
    html = response.get_data(as_text=True)
    page = unescape(html)
    assert response.status_code == 200
    assert labels_in(html) == ["A", "B", "C", "D", "E"]
    for name in (*NAMES, "Zeno Zwart", "Otto Anders"):
        assert name not in page
    assert "Ruimteschip" not in page
    assert page.count("Jouw ontwerp") == 2  # the note at the top and the badge on the card
    mine = next(e.label for e in gallery_entries(setup["klas"].id, A) if e.author_id == student.id)
    assert f"Jouw ontwerp is Ontwerp {mine}." in page
    card = re.search(rf'<li class="gl-item gl-item-mine" id="ontwerp-{mine}">(.*?)</li>\s*(?:<li|</ul>)', html, re.S)
    assert card and "Zeilboot 1" in card.group(1)  # Yara's own journey
    # no grades of anybody
    assert "level-" not in html and "Cijfer" not in page and "onvoldoende" not in page


def test_other_students_do_not_see_whose_design_is_whose(client, setup, login):
    open_gallery(setup["klas"])
    set_deadline(setup["klas"], days=-1)  # after the deadline the idle student may look too
    login(setup["students"][0])
    first = client.get(f"/opdrachten/{A}/galerij").get_data(as_text=True)
    login(setup["idle"])  # no hand-in: nothing is theirs
    html = client.get(f"/opdrachten/{A}/galerij").get_data(as_text=True)
    assert "Jouw ontwerp" not in html
    assert labels_in(first) == labels_in(html) == ["A", "B", "C", "D", "E"]


def set_deadline(klas, days: int) -> None:
    ClassAssignment.get_or_create(klas.id, A).deadline = utcnow() + timedelta(days=days)
    db.session.commit()


@pytest.mark.parametrize("deadline", [None, 3])
def test_gallery_stays_closed_to_a_student_who_has_not_handed_in(client, setup, login, deadline):
    open_gallery(setup["klas"])
    if deadline is not None:
        set_deadline(setup["klas"], days=deadline)
    login(setup["idle"])
    response = client.get(f"/opdrachten/{A}/galerij")
    page = text_of(response)
    assert response.status_code == 200
    assert "je hebt je klantreis nog niet ingeleverd" in page
    assert "nog niet geopend" not in page
    assert ("Na de deadline" in page) is (deadline is not None)
    for marker in MARKERS:
        assert marker not in page
    assert 'class="jm' not in response.get_data(as_text=True)
    design = client.get(f"/opdrachten/{A}/galerij/A")
    assert design.status_code == 302 and design.location.endswith(f"/opdrachten/{A}/galerij")


def test_a_student_who_handed_in_opens_a_classmates_whole_map(client, setup, login):
    open_gallery(setup["klas"])
    student = setup["students"][0]
    login(student)
    html = client.get(f"/opdrachten/{A}/galerij").get_data(as_text=True)
    links = re.findall(rf'href="(/opdrachten/{A}/galerij/([A-Z]))"', html)
    assert [label for _url, label in links] == ["A", "B", "C", "D", "E"]
    other = next(e for e in gallery_entries(setup["klas"].id, A) if e.author_id != student.id)
    response = client.get(f"/opdrachten/{A}/galerij/{other.label}")
    page = unescape(response.get_data(as_text=True))
    assert response.status_code == 200
    assert f'<h1 class="jm-title">Ontwerp {other.label}</h1>' in page
    assert 'class="jm jm-full' in page and "Persona: Sanne" in page and "jm-print-only" in page
    marker = MARKERS[NAMES.index(other.attempt.user.display_name)]
    assert f"{marker} contact 3" in page and f"Reis {marker}" not in page  # the journey's title is a hint
    for name in (*NAMES, "Zeno Zwart"):
        assert name not in page
    assert "level-" not in page and "Cijfer" not in page and "data-print" in page
    assert client.get(f"/opdrachten/{A}/galerij/Q").status_code == 404
    login(setup["outsider"])  # another class's gallery is closed: back to the page that says why
    assert client.get(f"/opdrachten/{A}/galerij/{other.label}").status_code == 302


def test_teacher_leaves_a_design_out_of_the_students_gallery(client, setup, login):
    open_gallery(setup["klas"])
    klas, author, viewer = setup["klas"], setup["students"][1], setup["students"][0]
    label = next(e.label for e in gallery_entries(klas.id, A) if e.author_id == author.id)
    url = base(klas) + f"/leerling/{author.id}/weglaten"
    login(setup["teacher"])
    response = client.post(url, data={"state": "1"})
    assert response.status_code == 302 and response.location.endswith(base(klas) + f"#ontwerp-{label}")
    html = client.get(base(klas)).get_data(as_text=True)
    assert f"Ontwerp {label} staat niet meer in de galerij voor leerlingen." in unescape(html)
    assert f'<li class="gl-item gl-item-out" id="ontwerp-{label}">' in html
    assert len(labels_in(html)) == 5  # the teacher still sees (and can present) it

    login(viewer)
    html = client.get(f"/opdrachten/{A}/galerij").get_data(as_text=True)
    assert label not in labels_in(html) and len(labels_in(html)) == 4
    assert client.get(f"/opdrachten/{A}/galerij/{label}").status_code == 404
    login(author)  # the author still sees their own design
    assert label in labels_in(client.get(f"/opdrachten/{A}/galerij").get_data(as_text=True))

    login(setup["teacher"])
    client.post(url, data={"state": "0"})
    login(viewer)
    assert label in labels_in(client.get(f"/opdrachten/{A}/galerij").get_data(as_text=True))


def test_only_the_teacher_of_the_class_leaves_a_design_out(client, setup, login):
    klas, author = setup["klas"], setup["students"][1]
    url = base(klas) + f"/leerling/{author.id}/weglaten"
    for user, status in ((setup["students"][0], 403), (setup["other_teacher"], 403)):
        login(user)
        assert client.post(url, data={"state": "1"}).status_code == status
    login(setup["teacher"])
    for student in (setup["idle"], setup["outsider"]):  # no hand-in here, or another class
        assert client.post(base(klas) + f"/leerling/{student.id}/weglaten", data={"state": "1"}).status_code == 404
    assert GalleryExclusion.user_ids(klas.id, A) == set()


def test_student_without_a_class_gets_the_closed_page(client, make, login):
    student = make.user(Role.STUDENT)
    login(student)
    response = client.get(f"/opdrachten/{A}/galerij")
    assert response.status_code == 200
    assert "Je docent heeft de galerij nog niet geopend." in text_of(response)


def test_student_of_another_class_only_sees_their_own_class(client, setup, login):
    open_gallery(setup["klas"])  # only MV2A's gallery is open
    login(setup["outsider"])
    page = text_of(client.get(f"/opdrachten/{A}/galerij"))
    assert "nog niet geopend" in page and "Kompas" not in page
    open_gallery(setup["other_klas"])
    page = text_of(client.get(f"/opdrachten/{A}/galerij"))
    assert "Ruimteschip 1" in page and "Kompas" not in page


# --------------------------------------------------------------------------- comparing


@pytest.mark.parametrize("labels, message", [
    ((), "Kies minstens 2 ontwerpen. Je koos er 0."),
    (("A",), "Kies minstens 2 ontwerpen. Je koos er 1."),
    (("A", "a"), "Kies minstens 2 ontwerpen. Je koos er 1."),
    (("A", "B", "C", "D", "E"), "Kies hoogstens 4 ontwerpen. Je koos er 5."),
    (("A", "Q"), "Ontwerp Q bestaat niet in deze galerij."),
    (("A", "<b>x</b>"), "Ontwerp <B>X</B> bestaat niet in deze galerij."),
])
def test_compare_needs_two_to_four_known_designs(client, setup, login, labels, message):
    login(setup["teacher"])
    response = client.get(base(setup["klas"]) + "/vergelijk" + query(*labels))
    assert response.status_code == 400
    assert message in text_of(response)
    assert "<B>X</B>" not in response.get_data(as_text=True)
    assert 'id="kiezen-fout"' in response.get_data(as_text=True)


def test_compare_keeps_the_ticked_designs_after_an_error(client, setup, login):
    login(setup["teacher"])
    html = client.get(base(setup["klas"]) + "/vergelijk" + query("C")).get_data(as_text=True)
    assert 'value="C" checked' in html and 'value="A" checked' not in html


def test_compare_accepts_lower_case_and_keeps_the_order(client, setup, login):
    login(setup["teacher"])
    response = client.get(base(setup["klas"]) + "/vergelijk" + query("d", "b"))
    assert response.status_code == 200
    assert "Vergelijken: Ontwerp D, Ontwerp B" in text_of(response)


def test_compare_aligns_phases_by_stage(client, make, login):
    teacher = make.user(Role.TEACHER)
    klas = make.school_class(teacher)
    one, two = make.student(klas, name="Een Student"), make.student(klas, name="Twee Student")
    # One design puts its phases in another order, skips purchase and has an unrecognised phase.
    hand_in(one, journey("Kompas"))
    bliep = journey("Bliep", stages=("after_sales", "awareness", None, "experience"))
    bliep["phases"][2]["touchpoints"] = []  # "Bliep 3": nothing to read, so the recogniser gives no stage
    hand_in(two, bliep)
    report = Report.from_dict(Attempt.for_student(two.id, A)[-1].report_data)
    assert report.phases[2].stage is None
    entries = {e.author_id: e.label for e in gallery_entries(klas.id, A)}
    login(teacher)
    html = client.get(base(klas) + "/vergelijk" + query(entries[one.id], entries[two.id])).get_data(as_text=True)
    assert html.index("gl-stage-awareness") < html.index("gl-stage-consideration") < html.index(
        "gl-stage-purchase") < html.index("gl-stage-experience") < html.index("gl-stage-after_sales") < html.index(
        "gl-stage-unknown")
    first, second = row_cells(html, "awareness")
    assert "Kompas 1" in first and "Bliep 2" in second
    first, second = row_cells(html, "after_sales")
    assert "Kompas 5" in first and "Bliep 1" in second
    first, second = row_cells(html, "purchase")
    assert "Kompas 3" in first and "Geen fase" in second
    first, second = row_cells(html, "unknown")
    assert "Geen fase" in first and "Bliep 3" in second
    assert "Fase niet herkend" in html


def test_compare_shows_curves_moments_of_truth_and_final_levels(client, setup, login):
    klas = setup["klas"]
    entries = gallery_entries(klas.id, A)
    attempt = entries[0].attempt
    report = Report.from_dict(attempt.report_data)
    criterion = report.criteria[0]
    new_level = 0 if criterion.level else 3
    override(attempt, criterion.id, new_level, "Nagekeken", setup["teacher"])
    db.session.commit()
    login(setup["teacher"])
    html = client.get(base(klas) + "/vergelijk" + query("A", "B", "C")).get_data(as_text=True)
    page = unescape(html)
    assert html.count('<g class="jm-series jm-series-') == 3  # one overlaid curve per design
    assert 'class="jm-overlay-svg"' in html
    assert html.count('class="gl-mot"') == 3  # one moment of truth in every design
    assert "moment van de waarheid" in page
    rubric = re.search(r'<table class="gl-criteria">(.*?)</table>', html, re.S).group(1)
    for item in report.criteria:
        assert item.title in unescape(rubric)
    first_row = re.findall(r"<tr>(.*?)</tr>", rubric, re.S)[1]
    words = ("ontbreekt", "onvoldoende", "voldoende", "goed")
    assert f'level-{new_level}">{new_level} · {words[new_level]}' in first_row
    assert "Cijfer" in page
    for name in NAMES:
        assert name not in page


def test_compare_with_names(client, setup, login):
    login(setup["teacher"])
    page = text_of(client.get(base(setup["klas"]) + "/vergelijk" + query("A", "B", namen=1)))
    assert sum(name in page for name in NAMES) == 2


# --------------------------------------------------------------------------- presentation mode


def slides_of(client, url: str) -> list[str]:
    """The HTML of every slide of a presentation, following the "Volgende" links."""
    pages = []
    while url and len(pages) < 40:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        pages.append(html)
        found_next = re.search(r'<a class="button pr-next" href="([^"]+)"', html)
        url = unescape(found_next.group(1)) if found_next else None
    return pages


def test_presentation_has_overview_and_phase_slides_per_design_then_comparisons(client, setup, login):
    login(setup["teacher"])
    url = base(setup["klas"]) + "/presentatie" + query("B", "D")
    slides = slides_of(client, url)
    # Per design: an overview and two phase slides (5 phases, 3 per slide); then the personas and
    # curves, and the five stages on two slides.
    assert len(slides) == 9
    first = slides[0]
    assert 'class="present-mode"' in first and '<main id="inhoud" class="present">' in first
    assert '<p class="pr-counter" aria-live="polite" aria-atomic="true">Dia 1 van 9</p>' in first
    assert '<h1 class="jm-title">Ontwerp B</h1>' in first and "Persona: Sanne" in first
    assert 'data-present="prev"' not in first  # no previous slide on the first one
    assert "Sluiten" in first and "js/present.js" in first and "Volledig scherm" in first
    assert "<h2 class=\"jm-phase-name\">" not in first
    phases = [unescape(html) for html in slides[1:3]]
    assert [len(re.findall(r'<li class="jm-phase">', html)) for html in phases] == [3, 2]
    assert "Fase 4" in phases[1] and "contact 5" in phases[1]
    personas = unescape(slides[6])
    assert "Vergelijking: persona’s en curves" in personas and 'class="jm-overlay-svg"' in personas
    assert personas.count("<dt>Doel</dt><dd>Kiezen</dd>") == 2
    assert personas.count("<dt>Frustratie</dt><dd>Wachten</dd>") == 2
    stages = [unescape(html) for html in slides[7:]]
    assert all("Vergelijking per fase" in html and 'class="gl-stages"' in html for html in stages)
    assert sum(html.count('class="gl-stage-row') for html in stages) == 5
    assert 'data-present="next"' not in slides[-1]
    for html in slides:  # no levels and no grades without "Beoordeling tonen"
        assert 'class="gl-criteria"' not in html and "ontbreekt" not in html and "Cijfer" not in html
        assert "Beoordeling tonen" in html
    close = re.search(r'<a class="button secondary pr-close" href="([^"]+)"', slides[-1]).group(1)
    assert unescape(close).endswith(base(setup["klas"]) + query("B", "D") + "#kiezen")


def test_presentation_shows_levels_and_grades_only_when_switched_on(client, setup, login):
    login(setup["teacher"])
    url = base(setup["klas"]) + "/presentatie" + query("B", "D")
    switch = unescape(re.search(r'href="([^"]+)" data-present="grades"', client.get(url).get_data(as_text=True))
                      .group(1))
    assert "beoordeling=1" in switch
    slides = slides_of(client, switch)
    assert len(slides) == 10
    last = unescape(slides[-1])
    assert "<h1 class=\"pr-title\">Beoordeling</h1>" in last and 'class="gl-criteria"' in last and "Cijfer" in last
    assert all("beoordeling=1" in unescape(html.split('data-present-nav')[1]) for html in slides[:-1])
    assert "Beoordeling verbergen" in last
    off = unescape(re.search(r'href="([^"]+)" data-present="grades"', slides[-1]).group(1))
    assert "beoordeling" not in off and "dia=8" in off


def test_presentation_of_one_design_has_no_comparison(client, setup, login):
    login(setup["teacher"])
    slides = slides_of(client, base(setup["klas"]) + "/presentatie" + query("C"))
    assert len(slides) == 3 and not any("Vergelijking" in unescape(html) for html in slides)


def test_a_phase_with_many_touchpoints_is_split_over_slides(client, make, login):
    teacher = make.user(Role.TEACHER)
    klas = make.school_class(teacher)
    data = journey("Kompas")
    data["phases"][0]["touchpoints"] = [dict(data["phases"][0]["touchpoints"][0], name=f"Stap {n}")
                                        for n in range(1, 9)]
    hand_in(make.student(klas), data)
    login(teacher)
    slides = [unescape(html) for html in slides_of(client, base(klas) + "/presentatie" + query("A"))]
    assert "Stap 6" in slides[1] and "Stap 7" not in slides[1]
    assert "Deze fase gaat verder op de volgende dia." in slides[1]
    assert "Stap 7" in slides[2] and "Stap 8" in slides[2] and "vervolg" in slides[2]


@pytest.mark.parametrize("dia, shown", [("-3", "Dia 1 van 9"), ("99", "Dia 9 van 9"), ("x", "Dia 1 van 9")])
def test_presentation_keeps_the_slide_number_in_range(client, setup, login, dia, shown):
    login(setup["teacher"])
    response = client.get(base(setup["klas"]) + "/presentatie" + query("A", "B", dia=dia))
    assert response.status_code == 200 and shown in text_of(response)


@pytest.mark.parametrize("labels", [(), ("A", "B", "C", "D", "E"), ("X",)])
def test_presentation_validates_the_choice(client, setup, login, labels):
    login(setup["teacher"])
    response = client.get(base(setup["klas"]) + "/presentatie" + query(*labels))
    assert response.status_code == 400
    assert 'id="kiezen-fout"' in response.get_data(as_text=True)


def test_presentation_never_shows_names(client, setup, login):
    login(setup["teacher"])
    for url in (base(setup["klas"]) + "/presentatie" + query("A", "B", namen=1),
                base(setup["klas"]) + "/presentatie" + query("A", "B", namen=1, beoordeling=1)):
        slides = slides_of(client, url)
        assert len(slides) >= 9
        for html in slides:
            page = unescape(html)
            assert not any(name in page for name in NAMES)
            assert "namen=1" not in page


def test_present_js_is_served(client):
    response = client.get("/static/js/present.js")
    assert response.status_code == 200
    source = response.get_data(as_text=True)
    for key in ("ArrowRight", "PageDown", '" "', "ArrowLeft", "PageUp", "Escape", "Home", "End", '"F"',
                "requestFullscreen", "pushState"):
        assert key in source
    response.close()


# --------------------------------------------------------------------------- safety


def test_student_text_is_escaped_everywhere(client, make, login):
    teacher = make.user(Role.TEACHER)
    klas = make.school_class(teacher)
    for _n in range(2):
        student = make.student(klas)
        data = journey("Kompas", touchpoint=XSS)
        data["phases"][0]["name"] = XSS
        hand_in(student, data)
    open_gallery(klas)
    login(teacher)
    pages = [client.get(base(klas)), client.get(base(klas) + "?namen=1"),
             client.get(base(klas) + "/vergelijk" + query("A", "B"))]
    pages += [client.get(base(klas) + "/presentatie" + query("A", "B", dia=dia)) for dia in range(3)]
    login(student)
    pages.append(client.get(f"/opdrachten/{A}/galerij"))
    for response in pages:
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        assert XSS not in html
        assert "&lt;script&gt;alert(" in html


def test_pages_have_no_inline_scripts_or_handlers(client, setup, login):
    open_gallery(setup["klas"])
    login(setup["teacher"])
    b = base(setup["klas"])
    pages = [client.get(b), client.get(b + "/vergelijk" + query("A", "B")),
             client.get(b + "/presentatie" + query("A", "B", dia=2))]
    login(setup["students"][0])
    pages.append(client.get(f"/opdrachten/{A}/galerij"))
    for response in pages:
        html = response.get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", html)
        assert not re.search(r"\son[a-z]+\s*=", html)
        assert "style=" not in html


def test_toggle_needs_a_csrf_token(csrf_app, setup):
    klas, teacher = setup["klas"], setup["teacher"]
    client = csrf_app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(teacher.id)
        session["_fresh"] = True
    assert client.post(base(klas) + "/open", data={"state": "1"}).status_code == 400
    assert ClassAssignment.find(klas.id, A) is None
    g.pop("_login_user", None)
    html = client.get(base(klas)).get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    assert client.post(base(klas) + "/open", data={"state": "1", "csrf_token": token}).status_code == 302
    db.session.expire_all()
    assert ClassAssignment.find(klas.id, A).gallery_open is True


def test_gallery_queries_do_not_grow_with_the_class(client, make, login):
    teacher = make.user(Role.TEACHER)
    klas = make.school_class(teacher)
    for n in range(2):
        hand_in(make.student(klas), journey(f"Reis{n}"))
    login(teacher)
    urls = [base(klas) + "?namen=1", base(klas) + "/vergelijk" + query("A", "B", namen=1)]

    def measure() -> list[str]:
        g.pop("_login_user", None)
        db.session.expire_all()
        with counted_queries() as statements:
            for url in urls:
                assert client.get(url).status_code == 200
        return statements

    small = measure()
    for n in range(2, 8):
        hand_in(make.student(klas), journey(f"Reis{n}"))
    large = measure()
    assert len(large) == len(small)


def test_teacher_pages_link_the_other_pages_of_the_assignment(client, setup, login, app):
    login(setup["teacher"])
    html = client.get(base(setup["klas"])).get_data(as_text=True)
    assert f'href="/klassen/{setup["klas"].id}/opdrachten/{A}/tops-en-tips"' in html
    for endpoint, url_end in (("review.dashboard", "/beoordelen"), ("class_assignments.overview", "/overzicht")):
        if endpoint in app.view_functions:
            assert f'href="/klassen/{setup["klas"].id}/opdrachten/{A}{url_end}"' in html


def test_compare_shows_the_desired_curves_when_a_design_has_them(client, make, login):
    teacher = make.user(Role.TEACHER)
    klas = make.school_class(teacher)
    one, two = make.student(klas, name="Een Student"), make.student(klas, name="Twee Student")
    improved = journey("Kompas")
    improved["phases"][0]["touchpoints"][0].update(desired_emotion=9, desired_situation="De mentor belt.")
    hand_in(one, journey("Bliep"))
    hand_in(two, journey("Kompas"))
    login(teacher)
    entries = {e.author_id: e.label for e in gallery_entries(klas.id, A)}
    labels = (entries[one.id], entries[two.id])
    html = client.get(base(klas) + "/vergelijk" + query(*labels)).get_data(as_text=True)
    assert "Gewenste emotiecurves" not in html  # nobody designed a desired journey
    hand_in(two, improved)
    html = client.get(base(klas) + "/vergelijk" + query(*labels)).get_data(as_text=True)
    assert html.count('class="jm-overlay-svg"') == 2
    assert "Gewenste emotiecurves naast elkaar" in html
    assert "<title>Gewenste emotiecurves van 2 ontwerpen, per fase naast elkaar</title>" in html
    # The presentation draws the design's desired curve with its own curve.
    slides = [client.get(base(klas) + "/presentatie" + query(*labels, dia=dia)).get_data(as_text=True)
              for dia in range(6)]
    assert any("jm-line-desired" in slide for slide in slides)
    gallery = client.get(base(klas)).get_data(as_text=True)
    assert "jm-line-desired" in gallery  # and so does its thumbnail
